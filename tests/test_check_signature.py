"""The signing block and "Nơi nhận" as offices lay them out (issue 21): nested tables, one cell for
both, tabs, line breaks, the name below the table, the block in a later section. Each layout of a
correct block reports no S error; each seeded mistake is reported on its own line.

Every document is tests/handmade.py's plan with its signing table laid out again.
"""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt, RGBColor

from drafter.check.model import DocModel
from drafter.check.runner import check_document
from tests.handmade import para, run

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RECIPIENTS = ["- Bộ Thông tin và Truyền thông (b/c);", "- TT Tỉnh ủy (b/c);", "- Lưu: VT, KGVX."]
SIGNING = [("TM. ỦY BAN NHÂN DÂN", 13), ("CHỦ TỊCH", 13)]


@pytest.fixture(scope="module")
def base(handmade_plan):
    return handmade_plan


def checked(base, tmp_path, change):
    """The S findings (rule, severity, paragraph number, message) after `change(doc, table)`."""
    doc = Document(base)
    change(doc, DocModel(doc).signature_table.table)
    out = tmp_path / "relaid.docx"
    doc.save(out)
    report = check_document(out, "nd30_2020")
    return [(f.rule, f.severity, f.paragraph, f.message) for f in report.findings if f.rule.startswith("S")]


def errors(found):
    return [(rule, message) for rule, severity, _, message in found if severity == "error"]


def cleared(cell):
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


def recipients(container, size=11, items=RECIPIENTS, label_size=12):
    para(container, "Nơi nhận:", label_size, bold=True, italic=True)
    for item in items:
        para(container, item, size)


def signer(container, lines=SIGNING, name="Nguyễn Văn A", size=None):
    for text, line_size in lines:
        para(container, text, size or line_size, bold=True, align=CENTER)
    for _ in range(3):
        para(container)
    if name:
        para(container, name, size or 14, bold=True, align=CENTER)


def replace_with_paragraphs(doc, table, build):
    """Build paragraphs at the end of the body, then move them where the table was."""
    before = len(doc.element.body)
    build(doc)
    new = list(doc.element.body)[before - 1:-1]  # the added paragraphs (the last child is the sectPr)
    for p in new:
        table._tbl.addprevious(p)
    table._tbl.getparent().remove(table._tbl)


def test_the_handmade_block_is_clean(base, tmp_path):
    assert checked(base, tmp_path, lambda doc, table: None) == []


def test_signature_nested_in_the_recipients_cell(base, tmp_path):
    """The whole block as a table inside the left cell of an outer one: "KT. CHỦ TỊCH" is an
    authority line, not a recipient that should be 11 pt."""
    def change(doc, table):
        left, right = cleared(table.cell(0, 0)), cleared(table.cell(0, 1))
        para(right)
        inner = left.add_table(rows=1, cols=2)
        recipients(inner.cell(0, 0))
        signer(inner.cell(0, 1))
        para(left)
    found = checked(base, tmp_path, change)
    assert errors(found) == []
    doc = Document(base)
    change(doc, DocModel(doc).signature_table.table)
    sig = DocModel(doc).signature
    assert [b.text for b in sig.authority] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and sig.name.text == "Nguyễn Văn A"
    assert [b.text for b in sig.recipients] == [*RECIPIENTS]


def test_signature_and_recipients_in_one_cell(base, tmp_path):
    def change(doc, table):
        cell = cleared(table.cell(0, 0))
        cleared(table.cell(0, 1))
        para(table.cell(0, 1))
        recipients(cell)
        signer(cell)
    assert errors(checked(base, tmp_path, change)) == []


def test_tab_layout_splits_label_and_authority(base, tmp_path):
    """"Nơi nhận:<tabs>TM. ỦY BAN NHÂN DÂN" on one line: the label is 12 pt, the authority 13 pt."""
    def layout(label_size):
        def build(doc):
            p = para(doc)
            run(p, "Nơi nhận:", label_size, bold=True, italic=True)
            run(p, "\t\t\t\t", 13)
            run(p, "TM. ỦY BAN NHÂN DÂN", 13, bold=True)
            p = para(doc)
            run(p, RECIPIENTS[0], 11)
            run(p, "\t\t\t", 13)
            run(p, "CHỦ TỊCH", 13, bold=True)
            for item in RECIPIENTS[1:]:
                para(doc, item, 11)
            para(doc)
            para(doc, "\t\t\t\t\tNguyễn Văn A", 14, bold=True)
        return lambda doc, table: replace_with_paragraphs(doc, table, build)
    assert errors(checked(base, tmp_path, layout(12))) == []
    found = errors(checked(base, tmp_path, layout(14)))
    assert found == [("S6", "“Nơi nhận:”: cỡ chữ 14 pt, cần 12 pt")]


def test_line_breaks_inside_one_paragraph(base, tmp_path):
    """The label and the list in one paragraph broken by w:br, and "TM. …/CHỦ TỊCH/name" likewise."""
    def layout(list_size):
        def change(doc, table):
            left, right = cleared(table.cell(0, 0)), cleared(table.cell(0, 1))
            p = para(left)
            run(p, "Nơi nhận:\n", 12, bold=True, italic=True)
            run(p, "\n".join(RECIPIENTS), list_size)
            p = para(right, align=CENTER)
            run(p, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n", 13, bold=True)
            run(p, "Nguyễn Văn A", 14, bold=True)
        return change
    assert errors(checked(base, tmp_path, layout(11))) == []
    found = checked(base, tmp_path, layout(8))
    assert errors(found) == [("S7", "Nơi nhận: cỡ chữ 8 pt, cần 11 pt")]  # once for the paragraph, not per line


@pytest.mark.parametrize("line", ["KT.CHỦ TỊCH", "TL.CHỦ TỊCH", "T/M ỦY BAN NHÂN DÂN", "TM ỦY BAN NHÂN DÂN"])
def test_authority_abbreviation_needs_a_dot_and_a_space(base, tmp_path, line):
    def change(doc, table):
        right = cleared(table.cell(0, 1))
        signer(right, [(line, 13), ("PHÓ CHỦ TỊCH", 13)])
    found = errors(checked(base, tmp_path, change))
    assert [rule for rule, _ in found] == ["S2"] and line in found[0][1]


def drafter_mark(doc, table, *, unit_end=".", mark="Châu", subscript=True, size=11):
    left = table.cell(0, 0)
    last = left.paragraphs[-1]
    last._p.getparent().remove(last._p)
    p = para(left)
    run(p, f"- Lưu: VT{unit_end} NC.", 11)
    r = run(p, mark, size)
    r.font.subscript = subscript


def test_drafters_mark_after_the_luu_line_is_not_the_unit(base, tmp_path):
    """"- Lưu: VT, NC." then the drafter's name in subscript or smaller type (ô 12)."""
    assert errors(checked(base, tmp_path, lambda d, t: drafter_mark(d, t, unit_end=","))) == []
    assert errors(checked(base, tmp_path, lambda d, t: drafter_mark(d, t, unit_end=",", subscript=False,
                                                                     size=9))) == []
    found = errors(checked(base, tmp_path, lambda d, t: drafter_mark(d, t, unit_end=".")))
    assert [rule for rule, _ in found] == ["S7"] and "«- Lưu: VT. NC.»" in found[0][1]


def test_white_spacer_text_is_not_an_authority_line(base, tmp_path):
    def change(doc, table):
        right = table.cell(0, 1)
        spacer = right.paragraphs[2]
        r = run(spacer, "Hdfđ", 22, bold=True)
        r.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    assert checked(base, tmp_path, change) == []


def test_name_typed_below_the_table(base, tmp_path):
    def change(doc, table):
        right = table.cell(0, 1)
        name = right.paragraphs[-1]
        name._p.getparent().remove(name._p)
        p = para(doc, "\t\t\t\t\t\tNguyễn Văn A", 14, bold=True)
        table._tbl.addnext(p._p)
    assert checked(base, tmp_path, change) == []


def test_missing_name_is_a_warning(base, tmp_path):
    """A draft for another's signature leaves the name blank: worth a note, not an error."""
    def change(doc, table):
        signer(cleared(table.cell(0, 1)), name=None)
    found = checked(base, tmp_path, change)
    assert [(rule, severity) for rule, severity, _, _ in found] == [("S4", "warning")]


def test_signature_in_a_later_section_of_the_document(base, tmp_path):
    """A landscape section for a wide table in the middle: the block ends the last section of the
    document itself (before the appendix), and is still checked."""
    def change(doc, table):
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        sect = OxmlElement("w:sectPr")
        ppr.append(sect)
        p.append(ppr)
        table._tbl.addprevious(p)
        table.cell(0, 0).paragraphs[1].runs[0].text = "- Bộ Thông tin và Truyền thông"
    found = errors(checked(base, tmp_path, change))
    assert [rule for rule, _ in found] == ["S7"] and "kết thúc “;”" in found[0][1]


def test_alignment_and_half_points_are_warnings(base, tmp_path):
    """A signing line left-aligned may be centred by spaces, a 14.5 pt line looks like 14 pt."""
    def change(doc, table):
        right = table.cell(0, 1)
        right.paragraphs[1].alignment = WD_ALIGN_PARAGRAPH.LEFT
        right.paragraphs[-1].runs[0].font.size = Pt(14.5)
    found = checked(base, tmp_path, change)
    assert errors(found) == []
    assert {(rule, severity) for rule, severity, _, _ in found} == {("S2", "warning"), ("S4", "warning")}


def test_purpose_note_after_the_semicolon_is_a_warning(base, tmp_path):
    def change(doc, table):
        table.cell(0, 0).paragraphs[1].runs[0].text = RECIPIENTS[0] + "       Để đăng dự thảo"
    found = checked(base, tmp_path, change)
    assert [(rule, severity) for rule, severity, _, _ in found] == [("S7", "warning")]


def test_two_recipients_typed_on_one_line_are_two(base, tmp_path):
    def change(doc, table):
        table.cell(0, 0).paragraphs[1].runs[0].text = RECIPIENTS[0] + "                 - Sở Tư pháp;"
    assert checked(base, tmp_path, change) == []


def test_recipient_without_semicolon_and_12pt_list_are_errors(base, tmp_path):
    def change(doc, table):
        left = cleared(table.cell(0, 0))
        recipients(left, size=12, items=["- Bộ Thông tin và Truyền thông", *RECIPIENTS[1:]])
    found = errors(checked(base, tmp_path, change))
    assert ("S7", "mỗi nơi nhận bắt đầu “- ” và kết thúc “;”: «- Bộ Thông tin và Truyền thông»") in found
    assert found.count(("S7", "Nơi nhận: cỡ chữ 12 pt, cần 11 pt")) == 3


def test_recipients_typed_below_the_signing_table_are_checked(base, tmp_path):
    """"Nơi nhận" not beside the signature (typed after the table) is still found and checked."""
    def change(doc, table):
        cleared(table.cell(0, 0))
        para(table.cell(0, 0))
        anchor = table._tbl
        for text, size, bold, italic in [("Nơi nhận:", 14, True, True), (RECIPIENTS[0], 11, False, False),
                                         ("- Lưu: VT. KGVX.", 11, False, False)]:
            p = para(doc, text, size, bold=bold, italic=italic)
            anchor.addnext(p._p)
            anchor = p._p
    found = errors(checked(base, tmp_path, change))
    assert [rule for rule, _ in found] == ["S6", "S7"]


def test_recipients_without_a_signature_are_checked_and_the_signature_not_evaluated(base, tmp_path):
    def change(doc, table):
        cleared(table.cell(0, 1))
        para(table.cell(0, 1))
        table.cell(0, 0).paragraphs[0].runs[0].font.size = Pt(14)
    found = checked(base, tmp_path, change)
    assert {(rule, severity) for rule, severity, _, _ in found} == {
        ("S2", "not_evaluated"), ("S4", "not_evaluated"), ("S6", "error")}
