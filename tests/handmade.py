"""A compliant KH-UBND built with plain python-docx, the way a person's document is put together.

It shares nothing with drafter's template: it starts from python-docx's default document (Letter
paper, Calibri/Cambria theme fonts) and fixes it up, formats runs directly instead of through
styles, keeps "Số" and the date in one header row, uses exact line spacing and 1.27 cm indents,
and links the appendix header to the body's. The checker must find the same structure in it.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from drafter.docxio.textwidth import width_twips

TNR = "Times New Roman"
CM = 567


def set_fonts(rpr_parent, slots=("ascii", "hAnsi", "eastAsia", "cs")) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in slots:
        fonts.set(qn(f"w:{slot}"), TNR)


def run(paragraph, text, size=14, bold=False, italic=False):
    r = paragraph.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    set_fonts(r._r)
    return r


def para(container, text="", size=14, bold=False, italic=False, align=None, before=0, after=0):
    p = container.add_paragraph()
    if text:
        run(p, text, size, bold, italic)
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        fmt.alignment = align
    return p


def rule(container, width_twips_available: int, length: int):
    """An empty paragraph with a bottom border, indented so the line is `length` twips, centred."""
    p = container.add_paragraph()
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    indent = (width_twips_available - length) // 2
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = indent * 635
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{k}"), v)
    border.append(bottom)
    ppr.append(border)
    r = p.add_run("")
    r.font.size = Pt(2)
    return p


def cell_width(cell, twips: int):
    tcpr = cell._tc.get_or_add_tcPr()
    w = tcpr.find(qn("w:tcW"))
    if w is None:
        w = OxmlElement("w:tcW")
        tcpr.append(w)
    w.set(qn("w:w"), str(twips))
    w.set(qn("w:type"), "dxa")


def body(doc, text, italic=False):
    p = para(doc, text, 14, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=6)
    fmt = p.paragraph_format
    fmt.first_line_indent = Cm(1.27)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(18)
    return p


def page_field(paragraph, size=14):
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(size * 2))
    rpr.append(sz)
    r.append(rpr)
    set_fonts(r)
    t = OxmlElement("w:t")
    t.text = "2"
    r.append(t)
    field.append(r)
    paragraph._p.append(field)


def numbered_a4(section, *, top: int, bottom: int, left: int, right: int):
    """A4 portrait with margins in mm, no number on page 1, a centred PAGE field in the header."""
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.different_first_page_header_footer = True
    header_p = section.header.paragraphs[0]
    header_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(header_p)
    return section


def build(path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    set_fonts(normal.element)
    section = numbered_a4(doc.sections[0], top=25, bottom=20, left=35, right=20)

    left_w, right_w = 3600, 5500
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.cell(0, 0), table.cell(0, 1)
    cell_width(left, left_w)
    cell_width(right, right_w)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(left.paragraphs[0], "ỦY BAN NHÂN DÂN", 13, bold=True)
    para(left, "TỈNH GIA LAI", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    agency = width_twips("ỦY BAN NHÂN DÂN", 13, bold=True)
    rule(left, left_w - 216, int(agency * 0.4))
    para(left, "Số: 05/KH-UBND", 13, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    rule(right, right_w - 216, width_twips("Độc lập - Tự do - Hạnh phúc", 13, bold=True))
    para(right, "Gia Lai, ngày 09 tháng 3 năm 2023", 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)

    para(doc, "KẾ HOẠCH", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
    summary = "Hoạt động thông tin đối ngoại năm 2023 trên địa bàn tỉnh Gia Lai"
    para(doc, summary, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    text_w = int((section.page_width - section.left_margin - section.right_margin) / 635)
    rule(doc, text_w, int(min(width_twips(summary, 14, bold=True), text_w) * 0.4))

    body(doc, "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại;", italic=True)
    body(doc, "Căn cứ Thông tư số 22/2016/TT-BTTTT ngày 19 tháng 10 năm 2016 của Bộ Thông tin và Truyền thông.", italic=True)
    body(doc, "Ủy ban nhân dân tỉnh ban hành Kế hoạch hoạt động thông tin đối ngoại năm 2023 như sau:")
    for heading, items in (
        ("I. MỤC TIÊU, YÊU CẦU", ["1. Mục tiêu", "2. Yêu cầu"]),
        ("II. NỘI DUNG THỰC HIỆN", ["1. Tuyên truyền chủ trương của Đảng:"]),
    ):
        h = body(doc, heading)
        for r in h.runs:
            r.font.bold = True
        for item in items:
            body(doc, item)
    for letter in ["a", "b", "c", "d", "đ", "e"]:
        body(doc, f"{letter}) Nội dung điểm {letter} của khoản này.")
    body(doc, "(Chi tiết tại Phụ lục kèm theo Kế hoạch này.)")
    body(doc, "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan phản ánh về Sở Thông tin và Truyền thông./.")

    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.cell(0, 0), sign.cell(0, 1)
    cell_width(left, 3800)
    cell_width(right, 5300)
    run(left.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    for item in ["- Bộ Thông tin và Truyền thông (b/c);", "- TT Tỉnh ủy (b/c);", "- Lưu: VT, KGVX."]:
        para(left, item, 11)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(right.paragraphs[0], "TM. ỦY BAN NHÂN DÂN", 13, bold=True)
    para(right, "CHỦ TỊCH", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(4):
        para(right)
    para(right, "Nguyễn Văn A", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    appendix = doc.add_section(WD_SECTION.NEW_PAGE)
    appendix.orientation = WD_ORIENT.LANDSCAPE
    appendix.page_width, appendix.page_height = Mm(297), Mm(210)
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    appendix._sectPr.append(pg)
    appendix.header.is_linked_to_previous = False
    appendix.different_first_page_header_footer = True
    header_p = appendix.header.paragraphs[0]
    header_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(header_p)
    para(doc, "Phụ lục", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "DANH MỤC HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI NĂM 2023", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "(Kèm theo Kế hoạch số 05/KH-UBND ngày 09 tháng 3 năm 2023 của Ủy ban nhân dân tỉnh Gia Lai)", 14,
         italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    grid = doc.add_table(rows=16, cols=5)
    grid.style = doc.styles["Table Grid"]
    for i, head in enumerate(["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]):
        p = grid.cell(0, i).paragraphs[0]
        run(p, head, 12, bold=True)
    trpr = grid.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    for r in range(1, 16):
        for c, value in enumerate([str(r), f"Hoạt động {r}", "Sở Thông tin và Truyền thông", "Các sở, ngành", "Quý I"]):
            run(grid.cell(r, c).paragraphs[0], value, 12)
    doc.save(str(path))
