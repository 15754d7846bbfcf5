"""`drafter check --comments` and `drafter fix`: findings as Word comments, fixes as tracked changes.

One handmade compliant plan (tests/handmade.py) is broken the way real documents are (narrow
margins, a left-aligned paragraph, a tab for an indent, recipients in 13 pt, no page number), once
per module; each test reads the copies made from it.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from typer.testing import CliRunner

from drafter.check.model import DocModel
from drafter.check.resolve import Resolver
from drafter.check.runner import check_document
from drafter.cli import app
from drafter.review.comments import comment_copy
from drafter.review.fix import fix_copy
from tests import handmade

runner = CliRunner()


def texts(path) -> list[str]:
    return [b.text for b in DocModel(Document(str(path))).blocks]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    folder = tmp_path_factory.mktemp("annotate")
    good = folder / "good.docx"
    handmade.build(good)
    doc = Document(str(good))
    doc.sections[0].left_margin = Mm(20)  # G3
    blocks = DocModel(doc).blocks
    body = next(b for b in blocks if b.text.startswith("Ủy ban nhân dân tỉnh ban hành"))
    body.paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT  # C1
    tabbed = next(b for b in blocks if b.text.startswith("1. Mục tiêu"))
    tabbed.paragraph.runs[0].text = "\t1. Mục tiêu"  # C2, a tab typed for the indent
    for b in blocks:
        if b.text.startswith("- Bộ Thông tin"):
            for r in b.paragraph.runs:
                r.font.size = Pt(13)  # S7
    header = doc.sections[0].header
    for p in header.paragraphs:
        p._p.getparent().remove(p._p)  # G7A: the page number gone
    header._element.append(header._element.makeelement(qn("w:p"), {}))
    path = folder / "broken.docx"
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def commented(broken, tmp_path_factory):
    return comment_copy(broken, tmp_path_factory.mktemp("c") / "commented.docx")


@pytest.fixture(scope="module")
def fixed(broken, tmp_path_factory):
    before = broken.read_bytes()
    result = fix_copy(broken, tmp_path_factory.mktemp("f") / "fixed.docx")
    assert broken.read_bytes() == before  # the original untouched
    return result


def test_every_error_and_warning_is_a_comment_on_its_paragraph(broken, commented):
    findings = [f for f in commented.report.findings if f.severity in ("error", "warning")]
    assert commented.placed == len(findings) > 0
    doc = Document(str(commented.out))
    comments = list(doc.comments)
    assert len(comments) == len(findings)
    assert {c.author for c in comments} == {"drafter"} and {c.initials for c in comments} == {"D"}
    assert any("G3" in c.text and "NĐ 30/2020 Phụ lục I, I.3" in c.text for c in comments)
    blocks = DocModel(doc).blocks
    s7 = next(f for f in findings if f.rule == "S7")
    refs = [int(el.get(qn("w:id"))) for el in blocks[s7.paragraph - 1].paragraph._p.iter(qn("w:commentReference"))]
    assert any("S7" in doc.comments.get(i).text for i in refs)
    g3 = [int(el.get(qn("w:id"))) for el in blocks[0].paragraph._p.iter(qn("w:commentReference"))]
    assert any("G3" in doc.comments.get(i).text for i in g3)  # the whole document's: on the first paragraph
    assert texts(commented.out) == texts(broken)


def test_comments_are_added_beside_the_documents_own_and_its_revisions_and_bookmarks_kept(broken, tmp_path):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document(str(broken))
    first = next(p for p in doc.paragraphs if p.runs)
    doc.add_comment(first.runs, text="Ý kiến của người rà soát", author="Lan", initials="L")
    first._p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="1" w:name="giu"/>'))
    first._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="Lan"><w:r><w:t>thêm</w:t></w:r></w:ins>'))
    first._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="1"/>'))
    own = tmp_path / "own.docx"
    doc.save(str(own))
    result = comment_copy(own, tmp_path / "out.docx")
    out = Document(str(result.out))
    comments = list(out.comments)
    assert [c.author for c in comments].count("Lan") == 1 and len(comments) == result.placed + 1
    assert len({c.comment_id for c in comments}) == len(comments)
    assert any(b.get(qn("w:name")) == "giu" for b in out.element.body.iter(qn("w:bookmarkStart")))
    assert [t.text for ins in out.element.body.iter(qn("w:ins")) for t in ins.iter(qn("w:t"))] == ["thêm"]


def test_an_empty_paragraph_carries_a_comment(tmp_path):
    from drafter.review.comments import anchor

    doc = Document()
    empty = doc.add_paragraph()
    comment = doc.comments.add_comment("LỖI", author="drafter", initials="D")
    anchor(empty._p, comment.comment_id)
    doc.save(str(tmp_path / "e.docx"))
    again = Document(str(tmp_path / "e.docx"))
    assert again.paragraphs[0].text == "" and len(list(again.comments)) == 1


def test_fix_leaves_none_of_the_fixed_findings_and_the_same_text(broken, fixed):
    assert {"G3", "C1", "S7", "G7A"} <= set(fixed.fixed)
    after = check_document(fixed.out)
    assert not [f for f in after.findings if f.rule in ("G3", "C1", "S7", "G7A", "G7B") and f.severity == "error"]
    assert fixed.errors_after < fixed.errors_before
    assert texts(fixed.out) == texts(broken)
    left = {item.finding.rule: item.reason for item in fixed.left}
    assert "--text" in left["C2"]  # the tab is a character: not removed without --text


def test_fixes_are_tracked_changes_holding_the_old_formatting(fixed):
    with zipfile.ZipFile(fixed.out) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<w:sectPrChange" in xml and "<w:pPrChange" in xml and "<w:rPrChange" in xml
    doc = Document(str(fixed.out))
    change = next(doc.element.body.iter(qn("w:rPrChange")))
    assert change.get(qn("w:author")) == "drafter" and change.get(qn("w:date"))
    old = change.find(qn("w:rPr")).find(qn("w:sz"))
    new = change.getparent().find(qn("w:sz"))
    assert (old.get(qn("w:val")), new.get(qn("w:val"))) == ("26", "22")  # S7: was 13 pt, is 11 pt
    margin = next(doc.element.body.iter(qn("w:sectPrChange"))).find(qn("w:sectPr") + "/" + qn("w:pgMar"))
    assert int(margin.get(qn("w:left"))) == Mm(20).twips and doc.sections[0].left_margin.twips == Mm(30).twips


def test_the_checker_reads_the_new_formatting_not_the_tracked_old_one():
    doc = Document()
    run = doc.add_paragraph().add_run("Chữ")
    run.font.size = Pt(14)
    change = run._r.rPr.makeelement(qn("w:rPrChange"), {qn("w:id"): "1", qn("w:author"): "x"})
    old = change.makeelement(qn("w:rPr"), {})
    old.append(old.makeelement(qn("w:sz"), {qn("w:val"): "20"}))
    old.append(old.makeelement(qn("w:b"), {}))
    change.append(old)
    run._r.rPr.append(change)
    fmt = Resolver(doc).run_format(doc.paragraphs[0], run)
    assert (fmt.size_pt, fmt.bold) == (14, False)


def test_fix_with_text_deletes_the_tab_as_a_tracked_change(broken, tmp_path):
    result = fix_copy(broken, tmp_path / "text.docx", text=True)
    assert "C2" in result.fixed and any("«\t»" in edit for edit in result.edits)
    tabbed = next(b for b in DocModel(Document(str(result.out))).blocks if "1. Mục tiêu" in b.text)
    deleted = tabbed.paragraph._p.find(qn("w:del"))
    assert deleted is not None and deleted.find(qn("w:r") + "/" + qn("w:tab")) is not None
    assert tabbed.text == "1. Mục tiêu"
    assert not [f for f in check_document(result.out).findings if f.rule == "C2"]


def test_cli_refuses_to_overwrite_and_says_why(broken, tmp_path):
    out = tmp_path / "c.docx"
    out.write_bytes(b"x")
    result = runner.invoke(app, ["check", str(broken), "--comments", str(out)])
    assert result.exit_code == 1 and "đã tồn tại" in result.output and out.read_bytes() == b"x"
    result = runner.invoke(app, ["check", str(broken), "--comments", str(broken)])
    assert result.exit_code == 1 and "bản gốc" in result.output
    result = runner.invoke(app, ["check", str(broken), str(broken), "--comments", str(tmp_path / "d.docx")])
    assert result.exit_code == 2 and "một tệp" in result.output
    result = runner.invoke(app, ["fix", str(broken), "--out", str(broken)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_cli_fix_prints_what_it_fixed_and_what_it_left(broken, tmp_path):
    result = runner.invoke(app, ["fix", str(broken), "--out", str(tmp_path / "f.docx")])
    assert result.exit_code == 0, result.output
    assert "Đã sửa G3: 1" in result.output and "Để lại C2" in result.output
    assert result.output.strip().endswith("f.docx")


def libreoffice():
    return pytest.mark.slow(pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"))


@libreoffice()
def test_both_copies_survive_a_libreoffice_round_trip(commented, fixed, tmp_path):
    for source in (commented.out, fixed.out):
        done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / source.stem),
                               str(source)], capture_output=True, timeout=180)
        assert done.returncode == 0, done.stderr
        again = tmp_path / source.stem / source.name
        doc = Document(str(again))  # opens: no repair needed
        # LibreOffice puts an empty paragraph before a table that opens the document
        assert [t for t in texts(again) if t] == [t for t in texts(source) if t]
        with zipfile.ZipFile(again) as archive:
            names = archive.namelist()
            xml = archive.read("word/document.xml").decode("utf-8")
        if source == commented.out:
            assert "word/comments.xml" in names and len(list(doc.comments)) == commented.placed
        else:
            assert "w:pPrChange" in xml or "w:rPrChange" in xml


def test_missing_lines_under_tieu_ngu_agency_and_summary_are_drawn_as_borders(tmp_path):
    path = tmp_path / "lines.docx"
    handmade.build(path)
    doc = Document(str(path))
    model = DocModel(doc)
    for block in model.blocks:
        if model.is_rule(block):  # the empty paragraphs keep their place, their borders go
            for border in list(block.paragraph._p.iter(qn("w:pBdr"))):
                border.getparent().remove(border)
    doc.save(str(path))
    result = fix_copy(path, tmp_path / "out.docx")
    assert {"H4", "H7", "T3"} <= set(result.fixed)
    after = check_document(result.out)
    assert not [f for f in after.findings if f.rule in ("H4", "H7", "T3")]
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tieu_ngu = next(b for b in DocModel(doc).blocks if b.text.startswith("Độc lập"))
    tieu_ngu.paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:pict/></w:r>"))  # a line drawn as a shape
    doc.save(str(path))
    left = {item.finding.rule: item.reason for item in fix_copy(path, tmp_path / "shape.docx").left}
    assert "hình vẽ" in left["H4"]  # never a second line over the drawn one



@pytest.mark.parametrize("runs, start, end, new, shown", [
    (["Lâm Đồng, ngày 5 ", "tháng 3 năm 2026"], 15, 15, "0", "Lâm Đồng, ngày 05 tháng 3 năm 2026"),  # an insertion
    (["- Lưu: VT", ", KT."], 7, 13, "VT, VX", "- Lưu: VT, VX."),  # a replacement across two runs
    (["\t1. Mục tiêu"], 0, 1, "", "1. Mục tiêu"),  # a deletion of a tab
    (["Nội dung"], 8, 8, "./.", "Nội dung./."),  # an insertion at the end
])
def test_words_change_only_as_tracked_deletions_and_insertions(runs, start, end, new, shown):
    from drafter.review.revise import Reviser

    doc = Document()
    p = doc.add_paragraph()
    for text in runs:
        p.add_run(text).bold = True
    before = p.text
    assert Reviser(doc).replace(p._p, start, end, new)
    deleted = "".join(c.text if c.tag == qn("w:delText") else "\t" for d in p._p.iter(qn("w:del")) for r in d
                      for c in r if c.tag != qn("w:rPr"))
    inserted = "".join(t.text for i in p._p.iter(qn("w:ins")) for t in i.iter(qn("w:t")))
    kept = p.text  # python-docx reads the runs outside w:del/w:ins
    assert before[:start] + before[end:] == kept and inserted == new
    assert kept[:start] + inserted + kept[start:] == shown
    assert all(r.find(qn("w:rPr")) is not None for r in p._p.iter(qn("w:r")))  # the run's formatting kept
    assert deleted == before[start:end]
