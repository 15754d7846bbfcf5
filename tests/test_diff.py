"""drafter diff: a readable list of changes, and a DOCX whose tracked changes turn the new plan back
into the old one when rejected and into the new one when accepted."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from drafter import api
from drafter.cli import app
from drafter.review.diff import diff, items_of
from drafter.review.differences import inline
from tests.conftest import REPO
from tests.test_carry_forward import review

runner = CliRunner()


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    root = tmp_path_factory.mktemp("diff")
    shutil.copytree(REPO / "profiles", root / "profiles")
    profile = root / "profiles" / "phu-tho-2026.yaml"
    old = api.draft_plan(profile, kind="annual", year=2027, date=dt.date(2027, 1, 15), out_dir=root / "a",
                         use_overrides=False).path
    new = root / "b" / "annual-2027-reviewed.docx"
    new.parent.mkdir()
    shutil.copy(old, new)
    review(new, 2027)
    return old, new, root


def resolve(document, accept: bool):
    """Accept or reject every tracked change, as Word's Review tab does."""
    body = document.element.body
    keep, drop = ("w:ins", "w:del") if accept else ("w:del", "w:ins")
    for mark in list(body.iter(qn(drop))):
        parent = mark.getparent()
        if parent.tag == qn("w:rPr"):  # a paragraph mark: the paragraph goes
            p = parent.getparent().getparent()
            p.getparent().remove(p)
        elif parent.tag == qn("w:trPr"):  # a row
            tr = parent.getparent()
            tr.getparent().remove(tr)
        elif mark.getparent() is not None:
            parent.remove(mark)
    for mark in list(body.iter(qn(keep))):
        parent = mark.getparent()
        if parent.tag in (qn("w:rPr"), qn("w:trPr")):
            parent.remove(mark)
            continue
        for child in list(mark):
            for t in child.iter(qn("w:delText")):
                t.tag = qn("w:t")
            mark.addprevious(child)
        parent.remove(mark)
    return document


def texts(document):
    return [i.shown for i in items_of(document)]


def test_report_lists_the_reviewers_changes(plans):
    old, new, _ = plans
    changes = diff(old, new)
    actions = sorted(c.action for c in changes)
    # reworded row, changed lead (row), deleted row, added row, edited paragraph, added paragraph
    assert actions.count("added") == 2 and actions.count("removed") == 1 and actions.count("reworded") >= 3
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0
    assert "{+trong năm 2027 theo chỉ đạo mới+}" in result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith("+ nhiệm vụ ") and "Tuần văn hóa" in line for line in lines)
    assert any(line.startswith("- nhiệm vụ ") for line in lines)
    # each line says which item: its number and, for what drafter generated, its catalogue id
    reworded = next(line for line in lines if "{+trong năm 2027 theo chỉ đạo mới+}" in line)
    assert re.match(r"~ nhiệm vụ \d+\.\d+ \([a-z0-9.-]+\): «", reworded), reworded
    assert "1 bỏ" in result.stderr


def test_word_diff_is_bounded_on_repetitive_text():
    """2,000 repeated words each side once took minutes; now a whole-paragraph replacement."""
    import time

    from drafter.review.differences import inline, opcodes

    a, b = ("la " * 2000).split(), ("la lo " * 1000).split()
    start = time.perf_counter()
    ops = opcodes(a, b)
    line = inline(" ".join(a), " ".join(b))
    assert time.perf_counter() - start < 1.0
    assert ops == [("replace", 0, 2000, 0, 2000)] and line.startswith("[-la la")


def test_tracked_changes_accept_gives_new_and_reject_gives_old(plans):
    old, new, root = plans
    tracked = root / "tracked.docx"
    diff(old, new, tracked)
    xml = Document(str(tracked)).element.body.xml
    assert "<w:ins " in xml and "<w:del " in xml and 'w:author="drafter"' in xml
    assert texts(resolve(Document(str(tracked)), accept=True)) == texts(Document(str(new)))
    assert texts(resolve(Document(str(tracked)), accept=False)) == texts(Document(str(old)))


def test_year_only_changes_are_summarised(tmp_path, plans):
    _, _, root = plans
    profile = root / "profiles" / "phu-tho-2026.yaml"
    a = api.draft_plan(profile, kind="annual", year=2027, out_dir=tmp_path / "a", use_overrides=False).path
    b = api.draft_plan(profile, kind="annual", year=2028, out_dir=tmp_path / "b", use_overrides=False).path
    result = runner.invoke(app, ["diff", str(a), str(b)])
    assert result.exit_code == 0
    assert "mục chỉ đổi năm kế hoạch (+1 năm)" in result.stdout
    assert "Năm [-2027-] {+2028+}" not in result.stdout
    full = runner.invoke(app, ["diff", str(a), str(b), "--years"])
    assert "Năm [-2027-] {+2028+}" in full.stdout


def test_inline_word_diff():
    assert inline("Chủ trì nhiệm vụ 2.1, 2.3", "Chủ trì nhiệm vụ 2.3") == "Chủ trì nhiệm vụ [-2.1,-] 2.3"


def test_diff_of_unreadable_file_exits_2(tmp_path, plans):
    bad = tmp_path / "x.docx"
    bad.write_text("no")
    result = runner.invoke(app, ["diff", str(plans[0]), str(bad)])
    assert result.exit_code == 2 and "không phải tệp DOCX" in result.stderr
