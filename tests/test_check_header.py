"""Header, page and general rules judge what prints (issue 21): each layout choice real documents
make without breaking NĐ 30 passes, and each real fault found on them is still an error.

The documents are small and built here with plain python-docx (tests/handmade.py helpers): the
hand-made plan for multi-page cases, a one-page letter for the rest.
"""

from __future__ import annotations

import copy

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from drafter.check.runner import check_document
from tests import handmade
from tests.handmade import cell_width, para, run


@pytest.fixture(scope="module")
def plan(handmade_plan):
    return handmade_plan


def findings(doc, tmp_path, rules=("nd30_2020",), name="doc.docx"):
    path = tmp_path / name
    doc.save(str(path))
    report = check_document(path, *rules)
    return {(f.rule, f.severity): f for f in report.findings if f.severity in ("error", "warning")}


def errors(found) -> set[str]:
    return {rule for rule, severity in found if severity == "error"}


def warnings(found) -> set[str]:
    return {rule for rule, severity in found if severity == "warning"}


def cell_paragraph(doc, starts):
    return next(p for cell in doc.tables[0]._cells for p in cell.paragraphs if p.text.strip().startswith(starts))


def letter(path=None, *, body_lines=3, bottom=20):
    """A one-page letter: header table, "V/v", a few lines, signature table; no page number."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    handmade.set_fonts(normal.element)
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(bottom), Mm(30), Mm(15)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    cell_width(left, 3600)
    cell_width(right, 5700)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(left.paragraphs[0], "ỦY BAN NHÂN DÂN", 13, bold=True)
    para(left, "TỈNH GIA LAI", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    handmade.rule(left, 3600 - 216, 700)
    para(left, "Số: 123/UBND-VX", 13, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(left, "V/v báo cáo tình hình", 12, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    handmade.rule(right, 5700 - 216, handmade.width_twips("Độc lập - Tự do - Hạnh phúc", 13, bold=True))
    para(right, "Gia Lai, ngày 09 tháng 3 năm 2023", 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "Kính gửi: Sở Nội vụ.", 14, align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
    for i in range(body_lines):
        handmade.body(doc, f"Nội dung thứ {i + 1} của công văn gửi các cơ quan, đơn vị có liên quan.")
    handmade.body(doc, "Đề nghị các cơ quan thực hiện./.")
    sign = doc.add_table(rows=1, cols=2)
    cell_width(sign.cell(0, 0), 3800)
    cell_width(sign.cell(0, 1), 5300)
    run(sign.cell(0, 0).paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    para(sign.cell(0, 0), "- Như trên;", 11)
    para(sign.cell(0, 0), "- Lưu: VT, VX.", 11)
    run(sign.cell(0, 1).paragraphs[0], "TM. ỦY BAN NHÂN DÂN", 13, bold=True)
    sign.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    para(sign.cell(0, 1), "CHỦ TỊCH", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(sign.cell(0, 1), "Nguyễn Văn A", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    return doc


def set_text(p, text):
    p.runs[0].text = text
    for r in p.runs[1:]:
        r._r.getparent().remove(r._r)


def line_break_after(p, text, size=13, bold=True):
    r = p.add_run()
    r.add_break()
    run(p, text, size, bold=bold)


def test_the_letter_is_compliant(tmp_path):
    assert errors(findings(letter(), tmp_path)) == set()


# --- header lines --------------------------------------------------------------------------------


def test_a_word_in_a_smart_tag_is_read(tmp_path):
    doc = letter()
    p = cell_paragraph(doc, "CỘNG HÒA")
    set_text(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT ")
    tag = OxmlElement("w:smartTag")
    tag.set(qn("w:element"), "country-region")
    r = copy.deepcopy(p.runs[0]._r)
    r.find(qn("w:t")).text = "NAM"
    tag.append(r)
    p._p.append(tag)
    assert "H2" not in errors(findings(doc, tmp_path))


def test_quoc_hieu_and_tieu_ngu_split_by_a_line_break_are_two_lines(tmp_path):
    doc = letter()
    tieu_ngu = cell_paragraph(doc, "Độc lập")
    line_break_after(cell_paragraph(doc, "CỘNG HÒA"), "Độc lập - Tự do - Hạnh phúc", size=12)
    tieu_ngu._p.getparent().remove(tieu_ngu._p)
    found = findings(doc, tmp_path)
    assert {"H2", "H3"}.isdisjoint(errors(found))
    assert "H3F" in errors(found) and "12" in found[("H3F", "error")].message  # the Tiêu ngữ line is 12 pt


def test_agency_and_parent_in_one_paragraph_are_judged_each(tmp_path):
    doc = letter()
    first = cell_paragraph(doc, "ỦY BAN")
    set_text(first, "UBND TỈNH GIA LAI")
    first.runs[0].font.bold = False
    line_break_after(first, "SỞ NỘI VỤ")
    second = cell_paragraph(doc, "TỈNH GIA LAI")
    second._p.getparent().remove(second._p)
    assert "H6" not in errors(findings(doc, tmp_path))  # the chủ quản line is not bold, as it must be


def test_decomposed_unicode_in_capitals_is_capitals(tmp_path):
    import unicodedata

    doc = letter()
    p = cell_paragraph(doc, "TỈNH GIA LAI")
    p.runs[0].text = unicodedata.normalize("NFD", "TỈNH GIA LAI")
    assert "H6" not in errors(findings(doc, tmp_path))


def test_a_line_centred_with_spaces_is_centred_and_one_pushed_aside_is_not(tmp_path):
    doc = letter()
    number = cell_paragraph(doc, "Số:")
    number.alignment = WD_ALIGN_PARAGRAPH.LEFT
    number.paragraph_format.left_indent = Pt(24)  # flush left, pushed to the middle by an indent
    assert "H8" not in errors(findings(doc, tmp_path, name="a.docx"))
    date = cell_paragraph(doc, "Gia Lai")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.runs[0].text = "Gia Lai, ngày 09 tháng 3 năm 2023"
    found = findings(doc, tmp_path, name="b.docx")
    assert "H9" in errors(found) and "căn phải" in found[("H9", "error")].message


@pytest.mark.parametrize("text", ["Gia Lai, ngày      tháng 9 năm 2025", "Gia Lai, ngày ___ tháng 01 năm 2026",
                                  "Gia Lai, ngày    tháng    năm 2026", "Gia Lai, ngày … tháng … năm 2026"])
def test_a_draft_leaves_day_and_month_blank(tmp_path, text):
    doc = letter()
    cell_paragraph(doc, "Gia Lai").runs[0].text = text
    assert "H9" not in set(r for r, _ in findings(doc, tmp_path))


def test_a_draft_without_its_year_warns_and_a_wrong_date_errs(tmp_path):
    doc = letter()
    cell_paragraph(doc, "Gia Lai").runs[0].text = "Gia Lai, ngày      tháng      năm"
    found = findings(doc, tmp_path, name="a.docx")
    assert "H9" in warnings(found) and "H9" not in errors(found)
    cell_paragraph(doc, "Gia Lai").runs[0].text = "Gia Lai, ngày 05 tháng 09 năm 2025"
    assert "H9" in errors(findings(doc, tmp_path, name="b.docx"))


def test_a_normative_decision_carries_its_year(tmp_path, plan):
    doc = letter()
    set_text(cell_paragraph(doc, "Số:"), "Số: 07/2025/QĐ-UBND")
    para(doc, "QUYẾT ĐỊNH", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    assert "H8" not in errors(findings(doc, tmp_path, name="a.docx"))
    set_text(cell_paragraph(doc, "Số:"), "Số: 409 /QĐ-UBND")
    assert "H8" in errors(findings(doc, tmp_path, name="b.docx"))


def test_rule_under_the_tieu_ngu_anchored_in_the_next_row(tmp_path):
    doc = letter()
    rule = next(p for p in doc.tables[0].cell(0, 1).paragraphs if not p.text.strip())
    rule._p.getparent().remove(rule._p)
    assert "H4" in errors(findings(doc, tmp_path, name="a.docx"))
    date = cell_paragraph(doc, "Gia Lai")
    date._p.append(drawn_line(int(handmade.width_twips("Độc lập - Tự do - Hạnh phúc", 13, bold=True) * 635)))
    assert "H4" not in set(r for r, _ in findings(doc, tmp_path, name="b.docx"))


def drawn_line(cx: int):
    """A DrawingML straight line anchored in a paragraph, as Word draws one."""
    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>700000</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>-40000</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="0"/><wp:wrapNone/><wp:docPr id="9" name="Line"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')
    from lxml import etree

    return etree.fromstring(xml)


@pytest.mark.parametrize("typed, severity", [("---------------", "error"), ("_______________", "warning")])
def test_a_typed_rule_under_the_tieu_ngu(tmp_path, typed, severity):
    doc = letter()
    rule = next(p for p in doc.tables[0].cell(0, 1).paragraphs if not p.text.strip())
    rule._p.getparent().remove(rule._p)
    line_break_after(cell_paragraph(doc, "Độc lập"), typed, bold=False)
    assert ("H4", severity) in findings(doc, tmp_path)


def test_an_enclosure_without_header_or_signature_warns(tmp_path):
    doc = Document()
    handmade.set_fonts(doc.styles["Normal"].element)
    para(doc, "CHƯƠNG TRÌNH", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "Hội nghị triển khai công tác năm 2025", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    handmade.body(doc, "08h00: Khai mạc hội nghị.")
    found = findings(doc, tmp_path)
    assert ("H2", "warning") in found and "H2" not in errors(found)


# --- pages -----------------------------------------------------------------------------------------


def test_a_one_page_letter_has_nothing_to_number_and_no_visible_bottom_margin(tmp_path):
    found = findings(letter(bottom=10), tmp_path)
    assert {"G7A", "G7C", "G3"}.isdisjoint(errors(found))
    assert "G3" in warnings(found)


def test_a_two_page_letter_needs_its_page_numbers(tmp_path):
    found = findings(letter(body_lines=40), tmp_path)
    assert "G7A" in errors(found)


def test_a_footer_that_never_prints_is_not_read(tmp_path, plan):
    doc = Document(str(plan))
    footer = doc.sections[0].even_page_footer  # no w:evenAndOddHeaders: even pages use the default
    footer.is_linked_to_previous = False
    handmade.page_field(footer.paragraphs[0])
    run(footer.paragraphs[0], " trang", 12).font.name = "Arial"
    found = findings(doc, tmp_path)
    assert {"G7D", "G4"}.isdisjoint(errors(found))


def test_page_number_size_from_the_document_defaults(tmp_path, plan):
    doc = Document(str(plan))
    header = doc.sections[0].header.paragraphs[0]
    for r in header._p.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        rpr.remove(rpr.find(qn("w:sz")))
    doc.styles["Normal"].font.size = None
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    sz = defaults.find(qn("w:sz"))
    if sz is None:
        sz = OxmlElement("w:sz")
        defaults.append(sz)
    sz.set(qn("w:val"), "24")
    found = findings(doc, tmp_path)
    assert "G7C" in errors(found) and "12 pt" in found[("G7C", "error")].message


def test_page_number_centred_by_a_tab_or_in_a_centred_frame(tmp_path, plan):
    doc = Document(str(plan))
    header = doc.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.LEFT
    assert "G7A" in errors(findings(doc, tmp_path, name="a.docx"))
    header.paragraph_format.tab_stops.add_tab_stop(Mm(80), alignment=1)  # WD_TAB_ALIGNMENT.CENTER
    header._p.insert(1, OxmlElement("w:r"))
    header._p[1].append(OxmlElement("w:tab"))
    assert "G7A" not in errors(findings(doc, tmp_path, name="b.docx"))


def test_landscape_appendix_margins_warn(tmp_path, plan):
    doc = Document(str(plan))
    appendix = doc.sections[-1]
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    appendix.left_margin = appendix.top_margin = Mm(20)
    found = findings(doc, tmp_path)
    assert "G3" in warnings(found) and "G3" not in errors(found)
    doc.sections[0].left_margin = Mm(25)
    assert "G3" in errors(findings(doc, tmp_path, name="b.docx"))


# --- fonts and colour --------------------------------------------------------------------------------


def test_times_new_roman_bold_face_warns_and_calibri_errs(tmp_path):
    doc = letter()
    last = doc.paragraphs[-1]
    for r in last.runs:
        r.font.name = "Times New Roman Bold"
        handmade.set_fonts(r._r, ())
        r._r.rPr.rFonts.set(qn("w:hAnsi"), "Times New Roman Bold")
        r._r.rPr.rFonts.set(qn("w:ascii"), "Times New Roman Bold")
    found = findings(doc, tmp_path, name="a.docx")
    assert "G4" in warnings(found) and "G4" not in errors(found)
    for r in last.runs:
        r._r.rPr.rFonts.set(qn("w:hAnsi"), "Calibri Light")
    assert "G4" in errors(findings(doc, tmp_path, name="b.docx"))


def hyperlink(paragraph, text):
    link = OxmlElement("w:hyperlink")
    r = copy.deepcopy(paragraph.runs[0]._r)
    r.find(qn("w:t")).text = text
    r.rPr.append(OxmlElement("w:u"))
    r.rPr.u.set(qn("w:val"), "single")
    link.append(r)
    paragraph._p.append(link)
    return r


def test_a_blue_hyperlink_errs(tmp_path):
    doc = letter()
    r = hyperlink(doc.paragraphs[-1], " https://example.gov.vn")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    r.rPr.append(color)
    assert "G5" in errors(findings(doc, tmp_path))


def test_a_white_highlight_does_not_show_and_white_text_warns(tmp_path):
    doc = letter()
    body = doc.paragraphs[-1]
    highlight = OxmlElement("w:highlight")
    highlight.set(qn("w:val"), "white")
    body.runs[0]._r.rPr.append(highlight)
    assert "G5" not in set(r for r, _ in findings(doc, tmp_path, name="a.docx"))
    run(body, " Hdf", 14).font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    found = findings(doc, tmp_path, name="b.docx")
    assert "G5" in warnings(found) and "G5" not in errors(found)


def test_a_small_caption_above_a_table_warns(tmp_path, plan):
    doc = Document(str(plan))
    caption = doc.tables[1]._tbl.addprevious(OxmlElement("w:p")) or doc.tables[1]._tbl.getprevious()
    from docx.text.paragraph import Paragraph

    p = Paragraph(caption, doc._body)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, "Bảng tổng hợp", 12, bold=True)
    found = findings(doc, tmp_path)
    assert "G6" not in errors(found)


# --- citations ---------------------------------------------------------------------------------------


def test_a_yearless_number_in_another_year_is_another_document(tmp_path):
    doc = letter()
    set_text(cell_paragraph(doc, "Gia Lai"), "Gia Lai, ngày 09 tháng 12 năm 2025")
    handmade.body(doc, "Thực hiện Chỉ thị số 07/CT-TTg ngày 14/3/2025 của Thủ tướng Chính phủ về Đề án 06.")
    found = findings(doc, tmp_path, rules=("trich_dan",))
    assert "D3" not in errors(found)


def test_agency_rule_drawn_in_the_number_paragraph_is_found(tmp_path):
    doc = letter()
    rule = next(p for p in doc.tables[0].cell(0, 0).paragraphs if not p.text.strip())
    rule._p.getparent().remove(rule._p)
    assert ("H7", "warning") in findings(doc, tmp_path, name="a.docx")  # no line at all
    agency = handmade.width_twips("ỦY BAN NHÂN DÂN", 13, bold=True)
    cell_paragraph(doc, "Số:")._p.append(drawn_line(int(agency * 0.4 * 635)))
    assert "H7" not in set(r for r, _ in findings(doc, tmp_path, name="b.docx"))
