"""A corpus of administrative documents of every type, made the way other offices make them.

Each Spec builds one DOCX with plain python-docx (like tests/handmade.py: direct run formatting,
no drafter template) in one of the layouts real offices use: the header as a table, with "Số" and
the date below it, or as paragraphs (agency first or Quốc hiệu first); the signature as a table or
as paragraphs; letters with "V/v" and "Kính gửi"; Chương titles; urgency marks; a parent agency
line; documents without any header; Party documents; tracked changes, altChunk, macros.

Every spec says which rules it must fire (`must`) and which it must not (`must_not`: by default
every other rule, errors and warnings alike), so a false alarm fails as surely as a miss.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from drafter.docxio.textwidth import width_twips
from tests.handmade import cell_width, numbered_a4, page_field, rule, set_fonts

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
TNR = "Times New Roman"
ALL_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
BODY = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
    "Điều 1. Ban hành kèm theo văn bản này nội dung thực hiện trong năm 2026.",
    "Điều 2. Các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành văn bản này./.",
]
LETTER_BODY = [
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Sở đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện.",
    "Báo cáo gửi về Sở trước ngày 15 tháng 12 năm 2026 để tổng hợp./.",
]


@dataclass
class Spec:
    name: str
    doc_type: str  # the type the checker must recognise (a key of drafter.check.doctype)
    must: set[str] = field(default_factory=set)
    must_not: set[str] | None = None  # None: every rule not in `must`
    header: str = "table"  # table | below | agency_first | qh_first | none
    agency: tuple[str, ...] = ("ỦY BAN NHÂN DÂN", "TỈNH GIA LAI")
    parent_lines: int = 0  # how many of the agency lines name the parent agency (regular weight)
    number: str = "Số: 05/QĐ-UBND"
    date: str = "Gia Lai, ngày 09 tháng 3 năm 2026"
    date_italic: bool = True
    subject: str | None = None  # a letter's "V/v …", under the number
    subject_bold: bool = False
    mark: str | None = None  # "KHẨN" under the number
    title: str | None = "QUYẾT ĐỊNH"
    summary: str | None = "Về việc ban hành nội dung thực hiện năm 2026"
    addressees: tuple[str, ...] = ()  # "Kính gửi: …"
    divisions: bool = False  # "Chương I" and its title before the articles
    body: tuple[str, ...] = tuple(BODY)
    line_exact_pt: float = 18  # exact line spacing of body paragraphs (12 on 14 pt text is too tight)
    line_at_least: bool = False  # "at least" instead of "exactly": Word draws at least a single line
    signature: str = "table"  # table | paragraphs | none
    authority: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer: str = "Nguyễn Văn A"
    plain_second_section: bool = False  # a second section that is not an appendix
    font_slots: tuple[str, ...] = ALL_SLOTS
    party: bool = False
    special: str | None = None  # tracked | altchunk | docm | protected | style_cycle | even_header_arial
    tieu_ngu: str = "Độc lập - Tự do - Hạnh phúc"
    quoc_hieu_size: int = 12
    agency_bold: bool = True
    recipients_label_size: int = 12
    closing_mark: bool = True  # the body ends with "./."
    division_upper: bool = False  # "CHƯƠNG I" instead of "Chương I"
    mark_size: int = 13
    appendix: str | None = None  # "(Kèm theo …)" line of a labelled appendix section
    copy_block: bool = False  # a "SAO Y" block after the original (Bản sao)
    standalone_appendix: str | None = None  # an appendix issued on its own: its "(Kèm theo …)" line

    def builds(self) -> bytes:
        return build(self)


def widths(table, *twips: int) -> None:
    """Cell widths in both places Word and LibreOffice read them (tcW and the table grid)."""
    for cell, width in zip(table.rows[0].cells, twips, strict=True):
        cell_width(cell, width)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(width))


class Builder:
    def __init__(self, spec: Spec):
        self.spec = spec
        self.doc = Document()
        doc = self.doc
        styles = doc.styles.element
        # a document of another office: no theme fonts anywhere, Times New Roman in the slots it sets
        for el in styles.iter(qn("w:rFonts")):
            for attr in list(el.attrib):
                del el.attrib[attr]
            for slot in spec.font_slots:
                el.set(qn(f"w:{slot}"), TNR)
        normal = doc.styles["Normal"]
        normal.font.size = Pt(14)
        set_fonts(normal.element, spec.font_slots)
        section = numbered_a4(doc.sections[0], top=20, bottom=20, left=30, right=15)
        self.text_width = int((section.page_width - section.left_margin - section.right_margin) / 635)

    def run(self, paragraph, text, size=14, bold=False, italic=False):
        r = paragraph.add_run(text)
        r.font.size, r.font.bold, r.font.italic = Pt(size), bold, italic
        set_fonts(r._r, self.spec.font_slots)
        return r

    def para(self, container, text="", size=14, bold=False, italic=False, align=CENTER, before=0, after=0):
        p = container.add_paragraph()
        if text:
            self.run(p, text, size, bold, italic)
        p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(before), Pt(after)
        if align is not None:
            p.alignment = align
        return p

    def body(self, text, italic=False, bold=False):
        p = self.para(self.doc, text, 14, bold=bold, italic=italic, align=JUSTIFY, before=6)
        fmt = p.paragraph_format
        fmt.first_line_indent = Cm(1.27)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST if self.spec.line_at_least else WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(self.spec.line_exact_pt)
        return p

    # --- header ----------------------------------------------------------------------------------

    def agency_lines(self, container, width):
        s = self.spec
        for i, line in enumerate(s.agency):
            self.para(container, line, 13, bold=i >= s.parent_lines and s.agency_bold)
        own = s.agency[s.parent_lines:] or s.agency
        rule(container, width, int(min(max(width_twips(t, 13, bold=True) for t in own), width) * 0.4))

    def number_lines(self, container):
        s = self.spec
        self.para(container, s.number, 13, before=6)
        if s.subject:
            self.para(container, s.subject, 12, bold=s.subject_bold)
        if s.mark:
            self.para(container, s.mark, s.mark_size, bold=True, before=6)

    def national_lines(self, container, width):
        self.para(container, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", self.spec.quoc_hieu_size, bold=True)
        self.para(container, self.spec.tieu_ngu, 13, bold=True)
        rule(container, width, width_twips(self.spec.tieu_ngu, 13, bold=True))

    def date_line(self, container):
        self.para(container, self.spec.date, 13, italic=self.spec.date_italic, before=6)

    def header(self):
        s = self.spec
        if s.party:
            self.para(self.doc, "ĐẢNG BỘ TỈNH GIA LAI", 14, bold=True)
            self.para(self.doc, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True)
            self.para(self.doc, "Số 12-HD/TU", 14)
            return
        if s.header == "none":
            return
        if s.header in ("table", "below"):
            left_w, right_w = 3600, 5800
            table = self.doc.add_table(rows=1, cols=2)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            left, right = table.cell(0, 0), table.cell(0, 1)
            widths(table, left_w, right_w)
            for cell in (left, right):
                cell._tc.remove(cell.paragraphs[0]._p)
            self.agency_lines(left, left_w - 216)
            self.national_lines(right, right_w - 216)
            if s.header == "table":
                self.number_lines(left)
                self.date_line(right)
            else:  # Số and the date on their own lines below the table
                self.number_lines(self.doc)
                self.date_line(self.doc)
            return
        if s.header == "agency_first":
            self.agency_lines(self.doc, self.text_width)
            self.national_lines(self.doc, self.text_width)
        else:  # qh_first
            self.national_lines(self.doc, self.text_width)
            self.agency_lines(self.doc, self.text_width)
        self.number_lines(self.doc)
        self.date_line(self.doc)

    # --- title, body, signature -------------------------------------------------------------------

    def title(self):
        s = self.spec
        if s.title:
            self.para(self.doc, s.title, 14, bold=True, before=12)
        if s.title and s.summary:
            self.para(self.doc, s.summary, 14, bold=True)
            self.rule_under(s.summary)
        if s.addressees:
            self.para(self.doc, "Kính gửi: " + s.addressees[0], 14, before=12)
            for line in s.addressees[1:]:
                self.para(self.doc, line, 14)

    def rule_under(self, text):
        rule(self.doc, self.text_width, int(min(width_twips(text, 14, bold=True), self.text_width) * 0.4))

    def content(self):
        s = self.spec
        for i, text in enumerate(s.body):
            if i == len(s.body) - 1 and not s.closing_mark:
                text = text.replace("./.", ".")
            if s.divisions and i == 2:
                self.para(self.doc, "CHƯƠNG I" if s.division_upper else "Chương I", 14, bold=True, before=6)
                self.para(self.doc, "QUY ĐỊNH CHUNG", 14, bold=True)
            self.body(text, italic=text.startswith("Căn cứ"), bold=bool(re.match(r"[IVX]+\. ", text)))

    def signature(self):
        s = self.spec
        if s.signature == "none":
            return
        if s.signature == "table":
            sign = self.doc.add_table(rows=1, cols=2)
            left, right = sign.cell(0, 0), sign.cell(0, 1)
            widths(sign, 3800, 5300)
            for cell in (left, right):
                cell._tc.remove(cell.paragraphs[0]._p)
        else:
            left = right = self.doc
        if s.signature == "paragraphs":
            self.signer_lines(right)
            self.recipients(left)
        else:
            self.recipients(left)
            self.signer_lines(right)

    def recipients(self, container):
        align = None if container is not self.doc else WD_ALIGN_PARAGRAPH.LEFT
        self.para(container, "Nơi nhận:", self.spec.recipients_label_size, bold=True, italic=True, align=align,
                  before=6)
        for item in ("- Như Điều 2;", "- Văn phòng Ủy ban nhân dân tỉnh;", "- Lưu: VT, KGVX."):
            self.para(container, item, 11, align=align)

    def signer_lines(self, container):
        for line in self.spec.authority:
            self.para(container, line, 13, bold=True)
        for _ in range(3):
            self.para(container)
        self.para(container, self.spec.signer, 14, bold=True)

    def appendix_section(self, reference: str):
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        pg = OxmlElement("w:pgNumType")
        pg.set(qn("w:start"), "1")
        section._sectPr.append(pg)
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].alignment = CENTER
        page_field(section.header.paragraphs[0])
        self.para(self.doc, "Phụ lục", 14, bold=True)
        self.para(self.doc, "DANH MỤC CÁC NHIỆM VỤ", 14, bold=True)
        self.para(self.doc, reference, 14, italic=True, after=6)
        self.body("1. Nhiệm vụ thứ nhất.")

    def copy_block(self):
        """NĐ 30 Phụ lục I, IV: the copying office's own block after the original."""
        rule(self.doc, self.text_width, self.text_width)
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.cell(0, 0), table.cell(0, 1)
        widths(table, 3600, 5800)
        for cell in (left, right):
            cell._tc.remove(cell.paragraphs[0]._p)
        self.para(left, "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", 13, bold=True)
        self.para(left, "Số: 12/SY-VP", 13)
        self.para(right, "SAO Y", 14, bold=True)
        self.para(right, "Gia Lai, ngày 10 tháng 3 năm 2026", 13, italic=True)

    def second_section(self):
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.header.is_linked_to_previous = False  # its own numbered header, as LibreOffice keeps it
        section.header.paragraphs[0].alignment = CENTER
        page_field(section.header.paragraphs[0])
        self.body("Phần tiếp theo của văn bản, không phải phụ lục, vẫn là nội dung chính.")


def build(spec: Spec) -> bytes:
    b = Builder(spec)
    if spec.standalone_appendix:
        b.para(b.doc, "Phụ lục", 14, bold=True)
        b.para(b.doc, "DANH MỤC CÁC NHIỆM VỤ", 14, bold=True)
        b.para(b.doc, spec.standalone_appendix, 14, italic=True, after=6)
    b.header()
    b.title()
    b.content()
    b.signature()
    if spec.plain_second_section:
        b.second_section()
    if spec.appendix:
        b.appendix_section(spec.appendix)
    if spec.copy_block:
        b.copy_block()
    special(b.doc, spec.special)
    out = io.BytesIO()
    b.doc.save(out)
    data = out.getvalue()
    return as_docm(data) if spec.special == "docm" else data


def element(tag: str, attrs: dict[str, str]):
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(key), value)
    return el


def pending_insertion(p, text: str = " chữ chèn chưa chấp nhận") -> None:
    """A tracked insertion Word shows but python-docx's paragraph.text does not."""
    ins = element("w:ins", {"w:id": "901", "w:author": "Người rà soát", "w:date": "2026-11-20T00:00:00Z"})
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    ins.append(r)
    p._p.append(ins)


def style_loop(doc) -> None:
    """Two unused styles based on each other."""
    styles = doc.styles.element
    for sid, based in (("VongA", "VongB"), ("VongB", "VongA")):
        style = element("w:style", {"w:type": "paragraph", "w:styleId": sid})
        style.append(element("w:name", {"w:val": sid}))
        style.append(element("w:basedOn", {"w:val": based}))
        styles.append(style)


def special(doc, kind: str | None) -> None:
    if kind == "tracked":
        pending_insertion(doc.paragraphs[-1] if doc.paragraphs else doc.add_paragraph())
    elif kind == "altchunk":
        body = doc.element.body
        body.insert(len(body) - 1, element("w:altChunk", {"r:id": "rId900"}))
    elif kind == "even_header_arial":
        section = doc.sections[0]
        doc.settings.odd_and_even_pages_header_footer = True
        even = section.even_page_header
        even.is_linked_to_previous = False
        r = even.paragraphs[0].add_run("Trang chẵn")
        r.font.name = "Arial"
    elif kind == "protected":
        doc.settings.element.append(element("w:documentProtection", {"w:edit": "readOnly", "w:enforcement": "1"}))
    elif kind == "style_cycle":
        style_loop(doc)


def as_docm(data: bytes) -> bytes:
    """The same document declared macro-enabled, as Word saves a .docm."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"wordprocessingml.document.main+xml", b"PLACEHOLDER").replace(
                    b"application/vnd.openxmlformats-officedocument.PLACEHOLDER",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            dst.writestr(item.filename, body)
    return out.getvalue()


LETTER = dict(number="Số: 123/SVHTTDL-TTĐN", subject="V/v báo cáo kết quả thực hiện năm 2026", title=None,
              summary=None, addressees=("Các cơ quan, đơn vị trên địa bàn tỉnh.",), body=tuple(LETTER_BODY),
              agency=("UBND TỈNH GIA LAI", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), parent_lines=1,
              authority=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"))
PLAN_BODY = ("Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ về quản lý hoạt động thông "
             "tin đối ngoại.", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu",
             "Các cơ quan, đơn vị tổ chức thực hiện nghiêm túc Kế hoạch này./.")

SPECS = [
    # --- Quyết định -------------------------------------------------------------------------------
    Spec("quyet-dinh", "quyet_dinh"),
    Spec("quyet-dinh-so-ngay-duoi-bang", "quyet_dinh", header="below"),
    Spec("quyet-dinh-ngay-khong-nghieng", "quyet_dinh", {"H9"}, header="below", date_italic=False),
    Spec("quyet-dinh-so-thieu-so-0", "quyet_dinh", {"H8"}, number="Số: 9/QĐ-UBND"),
    Spec("quyet-dinh-so-0-co-quan-khac", "quyet_dinh", number="Số: 09/QĐ-ABC"),
    Spec("quyet-dinh-gian-dong-12pt", "quyet_dinh", {"C4"}, line_exact_pt=12),
    Spec("quyet-dinh-gian-dong-toi-thieu-12pt", "quyet_dinh", line_exact_pt=12, line_at_least=True),
    Spec("quyet-dinh-phan-hai-khong-phai-phu-luc", "quyet_dinh", plain_second_section=True),
    Spec("quyet-dinh-chi-ascii-hansi", "quyet_dinh", font_slots=("ascii", "hAnsi")),
    Spec("quyet-dinh-thay-doi-chua-chap-nhan", "quyet_dinh", {"X2"}, special="tracked"),
    Spec("quyet-dinh-altchunk", "quyet_dinh", {"X3"}, special="altchunk"),
    Spec("quyet-dinh-docm", "quyet_dinh", {"X4"}, special="docm"),
    Spec("quyet-dinh-khoa-sua", "quyet_dinh", {"X4"}, special="protected"),
    Spec("quyet-dinh-kieu-vong-tron", "quyet_dinh", {"X5"}, special="style_cycle"),
    # --- Công văn ---------------------------------------------------------------------------------
    Spec("cong-van", "cong_van", **LETTER),
    Spec("cong-van-vv-dam", "cong_van", {"V1"}, **{**LETTER, "subject_bold": True}),
    Spec("cong-van-khan", "cong_van", **{**LETTER, "mark": "KHẨN"}),
    Spec("cong-van-khan-co-12", "cong_van", {"K1"}, **{**LETTER, "mark": "KHẨN", "mark_size": 12}),
    Spec("cong-van-chu-quan-dam", "cong_van", {"H6"}, **{**LETTER, "parent_lines": 0}),
    # --- Kế hoạch ---------------------------------------------------------------------------------
    Spec("ke-hoach", "ke_hoach", number="Số: 05/KH-UBND", title="KẾ HOẠCH",
         summary="Hoạt động thông tin đối ngoại năm 2026", body=PLAN_BODY),
    Spec("ke-hoach-cua-so", "ke_hoach", number="Số: 05/KH-SVHTTDL", title="KẾ HOẠCH",
         summary="Hoạt động thông tin đối ngoại năm 2026", body=PLAN_BODY, agency=LETTER["agency"], parent_lines=1,
         authority=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    Spec("ke-hoach-sai-ky-hieu", "ke_hoach", {"H8"}, number="Số: 05/KHUBND", title="KẾ HOẠCH",
         summary="Hoạt động thông tin đối ngoại năm 2026", body=PLAN_BODY),
    # --- Báo cáo, Tờ trình, Thông báo: headers and signatures as paragraphs ------------------------
    Spec("bao-cao-dau-van-ban-doan-van", "bao_cao", {"H1"}, header="agency_first", number="Số: 15/BC-UBND",
         title="BÁO CÁO", summary="Kết quả công tác thông tin đối ngoại năm 2026"),
    Spec("to-trinh-quoc-hieu-truoc", "to_trinh", {"H1"}, header="qh_first", number="Số: 07/TTr-UBND",
         title="TỜ TRÌNH", summary="Về việc phê duyệt Kế hoạch thông tin đối ngoại năm 2027"),
    Spec("thong-bao-chu-ky-doan-van", "thong_bao", {"S1"}, number="Số: 21/TB-UBND", title="THÔNG BÁO",
         summary="Kết luận của Chủ tịch Ủy ban nhân dân tỉnh", signature="paragraphs"),
    Spec("thong-bao-pho-cuc-truong", "thong_bao", number="Số: 21/TB-CTTĐT", title="THÔNG BÁO",
         summary="Lịch làm việc tháng 12", agency=("BỘ NGOẠI GIAO", "CỤC THÔNG TIN ĐỐI NGOẠI"), parent_lines=1,
         authority=("KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG")),
    # --- Quy chế: Chương titles are not body paragraphs ---------------------------------------------
    Spec("quy-che-chuong", "quy_che", number="Số: 02/QC-UBND", title="QUY CHẾ",
         summary="Phát ngôn và cung cấp thông tin cho báo chí", divisions=True),
    Spec("quy-che-chuong-in-hoa", "quy_che", {"P1"}, number="Số: 02/QC-UBND", title="QUY CHẾ",
         summary="Phát ngôn và cung cấp thông tin cho báo chí", divisions=True, division_upper=True),
    # --- appendices, copies, headers of even pages ------------------------------------------------
    Spec("quyet-dinh-co-phu-luc", "quyet_dinh", body=(*BODY[:2], "Điều 1. Ban hành kèm theo Quyết định này Phụ lục "
                                                                    "các nhiệm vụ năm 2026.", BODY[3]),
         appendix="(Kèm theo Quyết định số 05/QĐ-UBND ngày 09 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Gia Lai)"),
    Spec("quyet-dinh-phu-luc-khong-nghieng", "quyet_dinh", {"A4"},
         body=(*BODY[:2], "Điều 1. Ban hành kèm theo Quyết định này Phụ lục các nhiệm vụ năm 2026.", BODY[3]),
         appendix="(Kèm theo Quyết định số 05/QĐ-UBND ngày 9 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Gia Lai)"),
    Spec("ban-sao-y", "ban_sao", copy_block=True),
    Spec("phu-luc-rieng", "phu_luc", header="none", title=None, summary=None, signature="none",
         standalone_appendix="(Kèm theo Quyết định số 05/QĐ-UBND ngày 09 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh "
                             "Gia Lai)", body=("1. Nhiệm vụ thứ nhất.", "2. Nhiệm vụ thứ hai.")),
    Spec("phu-luc-rieng-kem-theo-dung", "phu_luc", {"A4"}, header="none", title=None, summary=None,
         signature="none", standalone_appendix="(Kèm theo Quyết định số 05/QĐ-UBND ngày 9 tháng 3 năm 2026 của Ủy ban "
                                               "nhân dân tỉnh Gia Lai)", body=("1. Nhiệm vụ thứ nhất.",)),
    Spec("quyet-dinh-trang-chan-arial", "quyet_dinh", {"G4"}, special="even_header_arial"),
    # --- no header, Party documents ---------------------------------------------------------------
    Spec("khong-co-dau-van-ban", "quyet_dinh", {"H2"}, header="none"),
    Spec("van-ban-cua-dang", "dang", set(), party=True, title="HƯỚNG DẪN", summary="Về thể thức văn bản của Đảng",
         signature="paragraphs", authority=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")),
]

#: One mistake at a time, on a document of each type and layout: the rule that must fire.
MISTAKES = {
    "ngay-khong-nghieng": ({"H9"}, {"date_italic": False}),
    "gian-dong-12pt": ({"C4"}, {"line_exact_pt": 12}),
    "ten-co-quan-khong-dam": ({"H6"}, {"agency_bold": False}),
    "quoc-hieu-co-14": ({"H2"}, {"quoc_hieu_size": 14}),
    "tieu-ngu-gach-dai": ({"H3"}, {"tieu_ngu": "Độc lập – Tự do – Hạnh phúc"}),
    "noi-nhan-co-14": ({"S6"}, {"recipients_label_size": 14}),
    "thieu-dau-ket": ({"G8"}, {"closing_mark": False}),
}
BASES = ("quyet-dinh", "cong-van", "bao-cao-dau-van-ban-doan-van", "to-trinh-quoc-hieu-truoc",
         "thong-bao-chu-ky-doan-van", "quy-che-chuong", "ke-hoach-cua-so")


def _variants() -> list[Spec]:
    out = []
    by_name = {s.name: s for s in SPECS}
    for base in BASES:
        spec = by_name[base]
        for name, (rules, changes) in MISTAKES.items():
            out.append(replace(spec, name=f"{base}--{name}", must=spec.must | rules, **changes))
    return out


VARIANTS = _variants()


def write(spec: Spec, folder: Path) -> Path:
    path = folder / f"{spec.name}.{'docm' if spec.special == 'docm' else 'docx'}"
    path.write_bytes(spec.builds())
    return path
