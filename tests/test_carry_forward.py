"""Reviewers' edits carry forward: draft YYYY, edit it as a reviewer would, harvest, draft YYYY+1."""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.table import _Row
from docx.text.paragraph import Paragraph
from typer.testing import CliRunner

from drafter import api
from drafter.cli import app
from drafter.edits import Change
from drafter.inputs import overrides
from drafter.review.harvest import harvest
from tests.conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
runner = CliRunner()


@pytest.fixture
def workspace(tmp_path):
    """A copy of the bundled profiles, so overrides are written beside them, not into the repository."""
    shutil.copytree(REPO / "profiles", tmp_path / "profiles")
    return tmp_path


def set_text(paragraph, text):
    for r in paragraph.runs[1:]:
        r._r.getparent().remove(r._r)
    paragraph.runs[0].text = text


def clone_without_marks(element):
    new = copy.deepcopy(element)
    for tag in ("bookmarkStart", "bookmarkEnd"):
        for el in list(new.iter(W + tag)):
            el.getparent().remove(el)
    return new


def review(path: Path, year: int) -> dict[str, str]:
    """Edit like a reviewer: reword a task, change a lead, delete a task, add a task, edit and add
    a paragraph in section II. Returns what to look for next year."""
    doc = Document(str(path))
    table = doc.tables[-1]
    tasks = [r for r in table.rows[1:] if r.cells[2].text.strip()]
    # The last task (a yearly one) is deleted: one that ends this year would simply not be there next year.
    reworded, relead, deleted = tasks[0], tasks[1], tasks[-1]
    expect = {"deleted": deleted.cells[1].text, "relead_task": relead.cells[1].text}
    set_text(reworded.cells[1].paragraphs[0], reworded.cells[1].text + f" trong năm {year} theo chỉ đạo mới")
    set_text(relead.cells[2].paragraphs[0], "Sở Ngoại vụ; Báo địa phương")
    deleted._tr.getparent().remove(deleted._tr)
    added = clone_without_marks(tasks[3]._tr)
    tasks[3]._tr.addnext(added)
    row = _Row(added, table)
    for cell, text in zip(row.cells[1:], [f"Tổ chức Tuần văn hóa tại nước bạn năm {year}", "Sở Ngoại vụ",
                                          "Sở Văn hóa, Thể thao và Du lịch", f"Quý III/{year}"], strict=True):
        set_text(cell.paragraphs[0], text)
    section_two = [p for p in doc.paragraphs if p.text.startswith("II. ")][0]
    # The first numbered paragraph of section II: a điểm of the NQ 47 plan, a khoản of the annual plan.
    paragraph = next(Paragraph(el, section_two._parent) for el in section_two._p.itersiblings()
                     if el.tag == W + "p" and re.match(r"^([a-z]\)|\d+\.) ", Paragraph(el, section_two._parent).text))
    label = paragraph.text.split(" ", 1)[0] + " "
    expect["edited"] = paragraph.text[len(label):].rstrip(":.;") + ", nhất là trên không gian mạng:"
    set_text(paragraph, label + expect["edited"])
    new = clone_without_marks(paragraph._p)
    paragraph._p.addnext(new)
    set_text(Paragraph(new, paragraph._parent), f"- Mở chuyên mục đối ngoại trên mạng xã hội từ năm {year}.")
    doc.save(str(path))
    return expect


@pytest.mark.parametrize("kind", ["annual", "nq47"])
def test_edits_survive_into_next_year(workspace, kind):
    profile = workspace / "profiles" / "phu-tho-2026.yaml"
    out = workspace / "outputs"
    first = api.draft_plan(profile, kind=kind, year=2027, date=dt.date(2027, 1, 15), out_dir=out)
    expect = review(first.path, 2027)

    result = runner.invoke(app, ["harvest", str(first.path)])
    assert result.exit_code == 0, result.output
    overrides_file = Path(result.stdout.strip().splitlines()[-1])
    assert overrides_file == workspace / "profiles" / "overrides" / "phu-tho-2026.yaml"
    recorded = yaml.safe_load(overrides_file.read_text(encoding="utf-8"))
    actions = sorted((c["target"], c["action"]) for c in recorded["changes"])
    assert actions == sorted([("task", "edit"), ("task", "edit"), ("task", "delete"), ("task", "add"),
                              ("block", "edit"), ("block", "add")])
    assert all(c["from"]["year"] == 2027 and c["from"]["file"].endswith(f"{kind}-2027.docx")
               for c in recorded["changes"])

    second = api.draft_plan(profile, kind=kind, year=2028, date=dt.date(2028, 1, 12), out_dir=out)
    assert any("Đã áp dụng 6/6 sửa đổi" in n for n in second.notices)
    doc = Document(str(second.path))
    body = [p.text for p in doc.paragraphs]
    rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    texts = [r[1] for r in rows]
    assert any(t.endswith("trong năm 2028 theo chỉ đạo mới") for t in texts)
    assert expect["deleted"] not in texts
    assert any(r[1] == "Tổ chức Tuần văn hóa tại nước bạn năm 2028" and r[4] == "Quý III/2028" for r in rows)
    assert next(r for r in rows if r[1] == expect["relead_task"])[2] == "Sở Ngoại vụ; Báo địa phương"
    assert any(p.endswith(expect["edited"]) for p in body)
    assert "- Mở chuyên mục đối ngoại trên mạng xã hội từ năm 2028." in body
    # every date has moved
    assert doc.tables[0].cell(1, 1).text == "Phú Thọ, ngày 12 tháng 01 năm 2028"
    everything = "\n".join(body + [c for r in rows for c in r])
    assert "2027" not in everything.replace("2027 -", "")  # no year left behind (ranges may start in 2027)
    assert "ngày 12 tháng 01 năm 2028" in everything
    # numbering stays consistent after the deletion and insertions
    numbers = [r[0] for r in rows if "." in r[0]]
    for group in {n.split(".")[0] for n in numbers}:
        members = [int(n.split(".")[1]) for n in numbers if n.split(".")[0] == group]
        assert members == list(range(1, len(members) + 1))


def test_catalogue_change_is_reported_and_reviewer_text_kept(workspace, catalogue):
    profile = workspace / "profiles" / "phu-tho-2026.yaml"
    path = overrides.default_path(profile, "phu-tho-2026")
    overrides.save_overrides(path, "phu-tho-2026", [Change.from_dict({
        "target": "task", "id": "g3.asean", "action": "edit", "text": "Nội dung người rà soát năm {nam}",
        "base": "Nội dung danh mục cũ", "from": {"year": 2027, "kind": "annual", "file": "x.docx", "harvested": "2027-02-01"},
    })])
    result = api.draft_plan(profile, kind="annual", year=2028, out_dir=workspace / "out")
    assert any("Xung đột ở nhiệm vụ g3.asean" in n and "giữ nội dung của người rà soát" in n for n in result.notices)
    rows = [[c.text for c in r.cells] for r in Document(str(result.path)).tables[-1].rows]
    assert any(r[1] == "Nội dung người rà soát năm 2028" for r in rows)


def test_no_overrides_flag_and_literal_braces(workspace):
    profile = workspace / "profiles" / "phu-tho-2026.yaml"
    overrides.save_overrides(overrides.default_path(profile, "phu-tho-2026"), "phu-tho-2026", [Change.from_dict({
        "target": "task", "id": "g3.asean", "action": "edit", "text": "Giữ nguyên {{ dấu ngoặc }} năm 2027",
        "literal": True, "from": {"year": 2027}})])
    out = workspace / "out"
    with_changes = runner.invoke(app, ["draft", str(profile), "--kind", "annual", "--year", "2028", "--out", str(out)])
    assert with_changes.exit_code == 0, with_changes.output
    rows = [r.cells[1].text for r in Document(with_changes.stdout.strip().splitlines()[-1]).tables[-1].rows]
    assert "Giữ nguyên {{ dấu ngoặc }} năm 2027" in rows
    without = runner.invoke(app, ["draft", str(profile), "--kind", "annual", "--year", "2028", "--out",
                                  str(workspace / "out2"), "--no-overrides"])
    rows = [r.cells[1].text for r in Document(without.stdout.strip().splitlines()[-1]).tables[-1].rows]
    assert "Giữ nguyên {{ dấu ngoặc }} năm 2027" not in rows


def test_harvest_without_any_drafter_marks_is_refused(tmp_path):
    from tests import handmade

    path = tmp_path / "typed-by-hand.docx"
    handmade.build(path)
    result = runner.invoke(app, ["harvest", str(path)])
    assert result.exit_code == 1 and "không tìm thấy bản gốc" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_harvest_a_plan_saved_again_by_libreoffice(workspace):
    from drafter.docxio import preview

    profile = workspace / "profiles" / "phu-tho-2026.yaml"
    first = api.draft_plan(profile, kind="annual", year=2027, out_dir=workspace / "outputs")
    review(first.path, 2027)
    resaved = preview.convert([first.path], "docx", workspace / "resaved")[0]
    result = harvest(resaved, generated=first.path)
    assert len(result.changes) == 6
