"""Body, title, numbering and appendix rules judge what prints (issue 21).

Each test takes the hand-made compliant plan (tests/handmade.py), changes one thing the way people's
documents do, and asserts what the checker says about that paragraph: an error for what a reviewer
would ask to fix, a warning for what is true but invisible in print or a matter of taste, nothing
for a layout choice that prints as the decree wants.
"""

from __future__ import annotations

import copy
import unicodedata

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from drafter.check.runner import check_document
from tests import handmade

LONG = ("Các sở, ban, ngành và Ủy ban nhân dân các xã, phường chủ động xây dựng kế hoạch, bố trí nguồn lực, "
        "phân công cán bộ theo dõi, đôn đốc và báo cáo kết quả thực hiện về Sở Thông tin và Truyền thông "
        "trước ngày 15 tháng 12 hằng năm để tổng hợp.")


@pytest.fixture(scope="module")
def base(handmade_plan):
    return handmade_plan


def findings(doc, tmp_path, rule):
    """(severity, paragraph text) of the rule's findings on the changed document."""
    path = tmp_path / "changed.docx"
    doc.save(str(path))
    report = check_document(path, "nd30_2020")
    return [(f.severity, f.where) for f in report.findings if f.rule == rule]


def paragraph(doc, starts):
    return next(p for p in doc.paragraphs if p.text.strip().startswith(starts))


def add_after(p, text, *, size=14, italic=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_cm=1.27):
    """A body paragraph after p, formatted like the hand-made plan's."""
    new = copy.deepcopy(p._p)
    p._p.addnext(new)
    from docx.text.paragraph import Paragraph

    q = Paragraph(new, p._parent)
    for r in q.runs[1:]:
        r._r.getparent().remove(r._r)
    q.runs[0].text = text
    q.runs[0].font.size = Pt(size)
    q.runs[0].font.italic = italic
    q.runs[0].font.bold = False
    q.alignment = align
    q.paragraph_format.first_line_indent = Cm(indent_cm)
    return q


def errors(found, snippet):
    return [s for s, where in found if snippet in where and s == "error"]


def warnings(found, snippet):
    return [s for s, where in found if snippet in where and s == "warning"]


# --- C2: the indent where it prints -------------------------------------------------------------


def test_a_tab_at_the_default_stop_is_a_valid_indent(base, tmp_path):
    doc = Document(str(base))
    p = add_after(paragraph(doc, "Ủy ban nhân dân tỉnh ban hành"), "\t" + LONG, indent_cm=0)
    assert p.paragraph_format.first_line_indent == 0
    assert findings(doc, tmp_path, "C2") == []


def test_spaces_that_print_a_1_cm_indent_are_an_indent_and_two_spaces_are_not(base, tmp_path):
    """Eight spaces of 14 pt Times New Roman print 0.99 cm in: the decree fixes the printed indent."""
    doc = Document(str(base))
    add_after(paragraph(doc, "Ủy ban nhân dân tỉnh ban hành"), " " * 8 + LONG, indent_cm=0)
    assert not [w for sev, w in findings(doc, tmp_path, "C2") if sev == "error" and "Các sở, ban, ngành" in w]
    doc = Document(str(base))
    add_after(paragraph(doc, "Ủy ban nhân dân tỉnh ban hành"), "  " + LONG, indent_cm=0)
    assert errors(findings(doc, tmp_path, "C2"), "Các sở, ban, ngành")


def test_no_indent_at_all_is_an_error(base, tmp_path):
    doc = Document(str(base))
    add_after(paragraph(doc, "Ủy ban nhân dân tỉnh ban hành"), LONG, indent_cm=0)
    assert errors(findings(doc, tmp_path, "C2"), "Các sở, ban, ngành")


def test_an_indent_under_a_millimetre_off_warns(base, tmp_path):
    doc = Document(str(base))
    add_after(paragraph(doc, "Ủy ban nhân dân tỉnh ban hành"), LONG, indent_cm=1.21)
    found = findings(doc, tmp_path, "C2")
    assert warnings(found, "Các sở, ban, ngành") and not errors(found, "Các sở, ban, ngành")


def test_a_one_line_heading_indented_from_the_left_prints_indented(base, tmp_path):
    doc = Document(str(base))
    p = paragraph(doc, "1. Mục tiêu")
    p.paragraph_format.first_line_indent = 0
    p.paragraph_format.left_indent = Cm(1.27)
    assert findings(doc, tmp_path, "C2") == []


# --- C1: alignment seen on wrapped lines ----------------------------------------------------------


def test_one_line_paragraph_set_left_prints_as_justified(base, tmp_path):
    doc = Document(str(base))
    paragraph(doc, "1. Mục tiêu").alignment = WD_ALIGN_PARAGRAPH.LEFT
    assert findings(doc, tmp_path, "C1") == []


def test_wrapped_paragraph_set_left_is_an_error(base, tmp_path):
    doc = Document(str(base))
    add_after(paragraph(doc, "Ủy ban nhân dân tỉnh ban hành"), LONG, align=WD_ALIGN_PARAGRAPH.LEFT)
    assert errors(findings(doc, tmp_path, "C1"), "Các sở, ban, ngành")


def test_a_centred_one_line_note_warns(base, tmp_path):
    doc = Document(str(base))
    paragraph(doc, "(Chi tiết tại Phụ lục").alignment = WD_ALIGN_PARAGRAPH.CENTER
    found = findings(doc, tmp_path, "C1")
    assert warnings(found, "(Chi tiết") and not errors(found, "(Chi tiết")


def test_a_decisions_form_lines_are_not_body_text(base, tmp_path):
    doc = Document(str(base))
    anchor = paragraph(doc, "Căn cứ Thông tư")
    form = add_after(anchor, "QUYẾT ĐỊNH:", align=WD_ALIGN_PARAGRAPH.CENTER, indent_cm=0)
    form.runs[0].font.bold = True
    add_after(anchor, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI", align=WD_ALIGN_PARAGRAPH.CENTER, indent_cm=0)
    for rule in ("C1", "C2"):
        found = findings(doc, tmp_path, rule)
        assert not [w for _, w in found if "QUYẾT ĐỊNH" in w or "CHỦ TỊCH" in w], found


def test_a_table_caption_is_not_body_text(base, tmp_path):
    doc = Document(str(base))
    anchor = paragraph(doc, "(Chi tiết tại Phụ lục")
    table = doc.add_table(rows=1, cols=2)
    anchor._p.addnext(table._tbl)
    caption = add_after(anchor, "Bảng 1. Kết quả năm 2022", size=12, align=WD_ALIGN_PARAGRAPH.CENTER, indent_cm=0)
    assert caption._p.getnext() is table._tbl
    for rule in ("C1", "C1S", "C2"):
        assert not [w for _, w in findings(doc, tmp_path, rule) if "Bảng 1" in w]


# --- C1S: every run of the body -------------------------------------------------------------------


def test_a_12pt_run_inside_14pt_body_text_is_an_error(base, tmp_path):
    doc = Document(str(base))
    p = paragraph(doc, "Trong quá trình thực hiện")
    tail = p.add_run(" tổng hợp")
    tail.font.size = Pt(12)
    handmade.set_fonts(tail._r)
    assert errors(findings(doc, tmp_path, "C1S"), "Trong quá trình")


# --- C3: spacing between paragraphs that touch ----------------------------------------------------


def test_spacing_of_3pt_warns_and_0pt_errs(base, tmp_path):
    doc = Document(str(base))
    paragraph(doc, "2. Yêu cầu").paragraph_format.space_before = Pt(3)
    found = findings(doc, tmp_path, "C3")
    assert warnings(found, "2. Yêu cầu") and not errors(found, "")
    doc = Document(str(base))
    paragraph(doc, "2. Yêu cầu").paragraph_format.space_before = Pt(0)
    assert errors(findings(doc, tmp_path, "C3"), "2. Yêu cầu")


def test_no_spacing_needed_across_a_picture_or_blank_line(base, tmp_path):
    doc = Document(str(base))
    p = paragraph(doc, "2. Yêu cầu")
    p.paragraph_format.space_before = Pt(0)
    p.insert_paragraph_before("")
    assert findings(doc, tmp_path, "C3") == []


# --- C5: căn cứ ban hành are the lines that open the text ----------------------------------------


def test_a_prose_sentence_starting_can_cu_is_not_a_can_cu(base, tmp_path):
    doc = Document(str(base))
    add_after(paragraph(doc, "2. Yêu cầu"), "Căn cứ Kế hoạch này, các sở, ngành xây dựng kế hoạch của đơn vị mình.")
    assert findings(doc, tmp_path, "C5") == []


def test_an_upright_opening_can_cu_is_an_error(base, tmp_path):
    doc = Document(str(base))
    for r in paragraph(doc, "Căn cứ Nghị định").runs:
        r.font.italic = False
    assert errors(findings(doc, tmp_path, "C5"), "Căn cứ Nghị định")


# --- N: numbering restarts, decomposed Unicode ----------------------------------------------------


def test_khoan_numbering_restarts_under_each_dieu(base, tmp_path):
    doc = Document(str(base))
    anchor = paragraph(doc, "2. Yêu cầu")
    # inserted in reverse: Điều 2., then its khoản 1.
    add_after(anchor, "1. Khoản đầu của Điều 2.")
    add_after(anchor, "Điều 2. Tổ chức thực hiện")
    assert findings(doc, tmp_path, "N2") == []


def test_decomposed_unicode_does_not_fool_the_capitals_test(base, tmp_path):
    doc = Document(str(base))
    p = paragraph(doc, "II. NỘI DUNG")
    for r in p.runs:
        r.text = unicodedata.normalize("NFD", r.text)
    assert findings(doc, tmp_path, "N1") == []


def test_diem_after_word_numbering_follows_the_typed_letters(base, tmp_path):
    doc = Document(str(base))
    a = paragraph(doc, "a) Nội dung")
    a.runs[0].text = "Nội dung điểm a, đánh số tự động."
    ppr = a._p.get_or_add_pPr()
    num = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", "1")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        num.append(el)
    ppr.insert(0, num)
    assert findings(doc, tmp_path, "N3") == []


# --- T2: the trích yếu ----------------------------------------------------------------------------


def test_summary_in_another_size_than_the_title_warns(base, tmp_path):
    doc = Document(str(base))
    for r in paragraph(doc, "Hoạt động thông tin đối ngoại").runs:
        r.font.size = Pt(13)
    found = findings(doc, tmp_path, "T2")
    assert found and all(s == "warning" for s, _ in found)


def test_summary_after_a_blank_line_is_found(base, tmp_path):
    doc = Document(str(base))
    summary = paragraph(doc, "Hoạt động thông tin đối ngoại")
    blank = summary.insert_paragraph_before("")
    blank.alignment = WD_ALIGN_PARAGRAPH.CENTER
    assert findings(doc, tmp_path, "T2") == []


# --- A: an appendix typed on after the signature -------------------------------------------------


def test_an_appendix_in_the_main_section_is_checked(base, tmp_path):
    doc = Document(str(base))
    body = doc.element.body
    sect_pr = body[-1]
    # move the appendix's section break away: everything now sits in one section
    for p in doc.paragraphs:
        ppr = p._p.pPr
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            ppr.remove(ppr.find(qn("w:sectPr")))
    label = paragraph(doc, "Phụ lục")
    label.runs[0].text = "PHỤ LỤC 1"
    ref = paragraph(doc, "(Kèm theo")
    for r in ref.runs:
        r.font.size = Pt(12)
    assert sect_pr.tag == qn("w:sectPr")
    assert errors(findings(doc, tmp_path, "A2"), "PHỤ LỤC 1")
    assert errors(findings(doc, tmp_path, "A4"), "(Kèm theo")
    assert errors(findings(doc, tmp_path, "A5"), "PHỤ LỤC 1")


def test_a_draft_leaves_the_day_of_the_reference_line_blank(base, tmp_path):
    doc = Document(str(base))
    ref = paragraph(doc, "(Kèm theo")
    ref.runs[0].text = "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 3 năm 2023 của Ủy ban nhân dân tỉnh Gia Lai)"
    assert findings(doc, tmp_path, "A4") == []


def test_a_reference_line_without_the_issuer_is_an_error(base, tmp_path):
    doc = Document(str(base))
    ref = paragraph(doc, "(Kèm theo")
    ref.runs[0].text = "(Kèm theo Kế hoạch số 05/KH-UBND ngày 09/3/2023)"
    assert errors(findings(doc, tmp_path, "A4"), "(Kèm theo")


# --- C4, hyperlinks -------------------------------------------------------------------------------


def test_exact_lines_a_little_under_single_warn(base, tmp_path):
    doc = Document(str(base))
    paragraph(doc, "Trong quá trình thực hiện").paragraph_format.line_spacing = Pt(15)
    found = findings(doc, tmp_path, "C4")
    assert found and all(s == "warning" for s, _ in found)
    doc = Document(str(base))
    paragraph(doc, "Trong quá trình thực hiện").paragraph_format.line_spacing = Pt(11)
    assert errors(findings(doc, tmp_path, "C4"), "Trong quá trình")


def test_body_text_held_in_a_hyperlink_is_read(base, tmp_path):
    doc = Document(str(base))
    p = add_after(paragraph(doc, "2. Yêu cầu"), "placeholder")
    run = p.runs[0]._r
    link = OxmlElement("w:hyperlink")
    run.addprevious(link)
    link.append(run)  # the paragraph's only text now sits in a hyperlink
    run.find(qn("w:t")).text = "https://dichvucong.gov.vn"
    run.find(qn("w:rPr")).find(qn("w:sz")).set(qn("w:val"), "24")
    assert errors(findings(doc, tmp_path, "C1S"), "dichvucong")  # 12 pt, though no run is the paragraph's own


def test_a_tab_after_a_custom_stop_goes_to_that_stop(base, tmp_path):
    doc = Document(str(base))
    p = add_after(paragraph(doc, "Ủy ban nhân dân tỉnh ban hành"), "\t" + LONG, indent_cm=0)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(3))
    assert errors(findings(doc, tmp_path, "C2"), "Các sở, ban, ngành")  # prints 3 cm in
