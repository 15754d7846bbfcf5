"""Bootstrap a new KH-UBND template (templates/ke-hoach.docx) from scratch.

The committed template is the source of truth: people restyle it in Word or LibreOffice and the
next draft follows (tests/test_template.py checks its properties, not its bytes). This script
only starts a template where there is none, or writes a fresh one elsewhere to compare with.

Why from scratch rather than from python-docx's default document: that default is US Letter
with Calibri/Cambria theme fonts, and every one of those leaks into a plan unless it is undone
part by part (nd30-format.md §5.1). Writing the handful of package parts ourselves gives a
document with A4 pages, Times New Roman in all four w:rFonts slots of every style, no theme at
all, and named styles a legal reviewer can see and change in Word.

    python tools/build_templates.py                    # templates/ke-hoach.docx, only if it is missing
    python tools/build_templates.py --out fresh.docx   # a fresh template elsewhere
    python tools/build_templates.py --force            # replace the committed template (a person's
                                                       # restyling is lost: it is kept as a backup)
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "templates" / "ke-hoach.docx"
sys.path.insert(0, str(ROOT))
from drafter.docxio.columns import APPENDIX_COLUMNS  # noqa: E402 - the one column map
from drafter.docxio.textwidth import width_twips  # noqa: E402
from drafter.docxio.widths import needed  # noqa: E402 - the slack the layout pass measures with
from drafter.inputs.registry import bundled as registry  # noqa: E402 - the 34 units' names
from drafter.text import vn  # noqa: E402

FONT = "Times New Roman"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# --- geometry (twips: 1 cm = 567) -------------------------------------------------------------
CM = 567
A4_W, A4_H = 11906, 16838
MARGIN = dict(top=1134, bottom=1134, left=1701, right=850, header=567, footer=567)  # 20/20/30/15 mm
TEXT_W = A4_W - MARGIN["left"] - MARGIN["right"]  # 9355 twips = 16.5 cm
LAND_TEXT_W = A4_H - MARGIN["left"] - MARGIN["right"]  # 14287 twips = 25.2 cm
CELL_MARGIN = 57  # 0.1 cm left/right inside layout tables
# Fonts of the lines that must stay on one line (nd30-format.md §3's recommended profile); the
# styles below use the same values.
AGENCY_FONT = dict(size=13, bold=True)
QUOC_HIEU_FONT = dict(size=13, bold=True)
TIEU_NGU_FONT = dict(size=14, bold=True)
DATE_FONT = dict(size=14, italic=True)


def measure(text: str, font: dict) -> int:
    return width_twips(text, font["size"], bold=font.get("bold", False), italic=font.get("italic", False))


def header_cols() -> tuple[int, int]:
    """The header table's columns, from the text they must hold on one line: the longest unit
    name of the 34 ("THÀNH PHỐ HỒ CHÍ MINH", 13 pt bold) on the left; on the right the Quốc hiệu,
    the Tiêu ngữ and the longest place-and-date line ("Thành phố Hồ Chí Minh, ngày 28 tháng 12
    năm 2026", 14 pt italic). Each is measured with Times New Roman metrics and given the slack
    drafter's layout pass uses (drafter/docxio/widths.py), which widens a column again for a name
    not in the registry. The table reaches into the left margin by what the text needs beyond
    the text area (under 1 cm; the decree's own sample reaches 3.5 mm, nd30-format.md H1)."""
    units = registry().units
    pad = 2 * CELL_MARGIN
    left = max(measure(line, AGENCY_FONT) for line in ["ỦY BAN NHÂN DÂN"] + [vn.upper(f"{u.level} {u.name}")
                                                                              for u in units])
    widest_date = dt.date(2026, 12, 28)
    right = max([measure("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", QUOC_HIEU_FONT),
                 measure("Độc lập - Tự do - Hạnh phúc", TIEU_NGU_FONT)]
                + [measure(vn.date_line(u.place, widest_date, 2026), DATE_FONT) for u in units])
    return needed(left) + pad, needed(right) + pad


HEADER_COLS = header_cols()  # 6.3 cm / 11.0 cm for the 34 units of 2025
HEADER_INDENT = -(sum(HEADER_COLS) - TEXT_W)
SIGN_COLS = (3969, 5386)  # 7.0 cm / 9.5 cm
APPX_COLS = tuple(c.width for c in APPENDIX_COLUMNS)  # STT, Nhiệm vụ, Chủ trì, Phối hợp, Thời gian = 25.2 cm


def rpr(size: int | None = None, bold: bool = False, italic: bool = False) -> str:
    parts = []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if size:
        parts.append(f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>" if parts else ""


def ppr(jc: str | None = None, before: int = 0, after: int = 0, line: int = 240,
        first: int | None = None, keep_next: bool = False, extra: str = "") -> str:
    out = ["<w:pPr>"]
    if keep_next:
        out.append("<w:keepNext/>")
    out.append(extra)
    out.append(f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>')
    if first is not None:
        out.append(f'<w:ind w:firstLine="{first}"/>')
    if jc:
        out.append(f'<w:jc w:val="{jc}"/>')
    out.append("</w:pPr>")
    return "".join(out)


RULE_BORDER = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'

# (styleId, display name, basedOn, pPr, rPr). Sizes follow nd30-format.md §3's recommended
# profile; the checker reads them back from the rendered document, not from here.
PARA_STYLES = [
    ("Normal", "Normal", None, ppr(before=0, after=0), rpr(14)),
    ("KHBody", "KH - Nội dung", "Normal", ppr("both", before=120, line=288, first=567), rpr(14)),
    ("KHCanCu", "KH - Căn cứ", "KHBody", "", rpr(italic=True)),
    ("KHMuc", "KH - Mục (I, II…)", "KHBody", ppr("both", before=120, line=288, first=567, keep_next=True), rpr(bold=True)),
    ("KHKhoanTitle", "KH - Khoản có tiêu đề", "KHBody", ppr("both", before=120, line=288, first=567, keep_next=True), rpr(bold=True)),
    ("KHKhoan", "KH - Khoản", "KHBody", "", ""),
    ("KHDiem", "KH - Điểm", "KHBody", "", ""),
    ("KHGach", "KH - Gạch đầu dòng", "KHBody", "", ""),
    ("KHCoQuan", "KH - Tên cơ quan", "Normal", ppr("center"), rpr(**AGENCY_FONT)),
    ("KHQuocHieu", "KH - Quốc hiệu", "Normal", ppr("center"), rpr(**QUOC_HIEU_FONT)),
    ("KHTieuNgu", "KH - Tiêu ngữ", "Normal", ppr("center"), rpr(**TIEU_NGU_FONT)),
    ("KHDuongKe", "KH - Đường kẻ", "Normal", ppr(after=60, line=240, extra=RULE_BORDER), rpr(4)),
    ("KHSo", "KH - Số, ký hiệu", "Normal", ppr("center", before=120), rpr(13)),
    ("KHDiaDanh", "KH - Địa danh, ngày", "Normal", ppr("center", before=120), rpr(**DATE_FONT)),
    ("KHTenLoai", "KH - Tên loại", "Normal", ppr("center", before=360, keep_next=True), rpr(14, bold=True)),
    ("KHTrichYeu", "KH - Trích yếu", "Normal", ppr("center", keep_next=True), rpr(14, bold=True)),
    # The signature block keeps with the next paragraph, so the table is never broken across
    # pages (its row cannot split either); the end of the body keeps with it (layout pass).
    ("KHNoiNhanLabel", "KH - Nơi nhận", "Normal", ppr(before=120, keep_next=True), rpr(12, bold=True, italic=True)),
    ("KHNoiNhan", "KH - Danh sách nơi nhận", "Normal", ppr(keep_next=True), rpr(11)),
    ("KHQuyenHan", "KH - Quyền hạn, chức vụ", "Normal", ppr("center", before=0, keep_next=True), rpr(14, bold=True)),
    ("KHChuKy", "KH - Khoảng ký", "Normal", ppr("center", keep_next=True), rpr(14)),
    ("KHHoTen", "KH - Họ tên người ký", "Normal", ppr("center", keep_next=True), rpr(14, bold=True)),
    ("KHPhuLucLabel", "KH - Phụ lục", "Normal", ppr("center", keep_next=True), rpr(14, bold=True)),
    ("KHPhuLucTitle", "KH - Tên phụ lục", "Normal", ppr("center", keep_next=True), rpr(14, bold=True)),
    ("KHPhuLucRef", "KH - Kèm theo", "Normal", ppr("center", after=120, keep_next=True), rpr(14, italic=True)),
    ("KHBang", "KH - Bảng", "Normal", ppr(before=40, after=40), rpr(12)),
    ("KHBangGiua", "KH - Bảng (giữa)", "KHBang", ppr("center", before=40, after=40), ""),
    ("KHBangTieuDe", "KH - Bảng (tiêu đề)", "KHBang", ppr("center", before=40, after=40), rpr(bold=True)),
    ("KHBangNhom", "KH - Bảng (nhóm)", "KHBang", ppr(before=40, after=40), rpr(bold=True)),
    ("Header", "header", "Normal", ppr("center"), rpr(14)),
]

# ------------------------------------------------------------------------------------------------


def p(style: str, text: str = "", *, keep_raw: bool = False) -> str:
    """A paragraph in one style with one run (Jinja tags stay inside one run)."""
    t = text if keep_raw else escape(text)
    run = f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p>'


def tc(width: int, body: str, *, valign: str | None = None, borders: bool = False) -> str:
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if valign:
        tcpr += f'<w:vAlign w:val="{valign}"/>'
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{body}</w:tc>"


NO_BORDERS = (
    "<w:tblBorders>"
    + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + "</w:tblBorders>"
)
ALL_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


def tbl(cols: tuple[int, ...], rows: list[str], *, borders: str, indent: int = 0, cell_margin: int = CELL_MARGIN,
        top_margin: int = 0) -> str:
    grid = "".join(f'<w:gridCol w:w="{c}"/>' for c in cols)
    return (
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(cols)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{indent}" w:type="dxa"/>'
        f"{borders}"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{top_margin}" w:type="dxa"/><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        + "".join(rows)
        + "</w:tbl>"
    )


def tr(cells: str, *, header: bool = False, cant_split: bool = True) -> str:
    trpr = ""
    if cant_split:
        trpr += "<w:cantSplit/>"
    if header:
        trpr += "<w:tblHeader/>"
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{cells}</w:tr>"


def control_row(tag: str, ncols: int, cols: tuple[int, ...]) -> str:
    """A row that holds only a {%tr %} tag: docxtpl replaces the whole row with the tag."""
    cells = tc(cols[0], p("KHBang", tag, keep_raw=True)) + "".join(tc(c, p("KHBang")) for c in cols[1:ncols])
    return tr(cells, cant_split=False)


def sect_pr(*, landscape: bool, header_default: str, header_first: str, restart: bool) -> str:
    w, h = (A4_H, A4_W) if landscape else (A4_W, A4_H)
    orient = ' w:orient="landscape"' if landscape else ""
    pgnum = '<w:pgNumType w:start="1"/>' if restart else '<w:pgNumType w:start="1"/>'
    return (
        "<w:sectPr>"
        f'<w:headerReference w:type="default" r:id="{header_default}"/>'
        f'<w:headerReference w:type="first" r:id="{header_first}"/>'
        '<w:type w:val="nextPage"/>'
        f'<w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
        f'<w:pgMar w:top="{MARGIN["top"]}" w:right="{MARGIN["right"]}" w:bottom="{MARGIN["bottom"]}" '
        f'w:left="{MARGIN["left"]}" w:header="{MARGIN["header"]}" w:footer="{MARGIN["footer"]}" w:gutter="0"/>'
        f"{pgnum}"
        "<w:titlePg/>"
        "</w:sectPr>"
    )


# The body loop: one paragraph per block, its style chosen by block.style. Each branch is a
# visible paragraph in Word whose style a reviewer can change.
BODY_STYLES = [
    ("can_cu", "KHCanCu"),
    ("muc", "KHMuc"),
    ("khoan_title", "KHKhoanTitle"),
    ("khoan", "KHKhoan"),
    ("diem", "KHDiem"),
    ("gach", "KHGach"),
]


def body_loop() -> str:
    out = [p("KHBody", "{%p for b in body %}", keep_raw=True)]
    for i, (kind, style) in enumerate(BODY_STYLES):
        keyword = "if" if i == 0 else "elif"
        out.append(p("KHBody", f'{{%p {keyword} b.style == "{kind}" %}}', keep_raw=True))
        out.append(p(style, "{{ b.text }}", keep_raw=True))
    out.append(p("KHBody", "{%p else %}", keep_raw=True))
    out.append(p("KHBody", "{{ b.text }}", keep_raw=True))
    out.append(p("KHBody", "{%p endif %}", keep_raw=True))
    out.append(p("KHBody", "{%p endfor %}", keep_raw=True))
    return "".join(out)


def header_table() -> str:
    left_top = (
        p("KHCoQuan", "{%p for line in header.agency_lines %}", keep_raw=True)
        + p("KHCoQuan", "{{ line }}", keep_raw=True)
        + p("KHCoQuan", "{%p endfor %}", keep_raw=True)
        + p("KHDuongKe")
    )
    right_top = (
        p("KHQuocHieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        + p("KHTieuNgu", "Độc lập - Tự do - Hạnh phúc")
        + p("KHDuongKe")
    )
    row1 = tr(tc(HEADER_COLS[0], left_top) + tc(HEADER_COLS[1], right_top))
    row2 = tr(
        tc(HEADER_COLS[0], p("KHSo", "{{ header.number }}", keep_raw=True))
        + tc(HEADER_COLS[1], p("KHDiaDanh", "{{ header.date_line }}", keep_raw=True))
    )
    return tbl(HEADER_COLS, [row1, row2], borders=NO_BORDERS, indent=HEADER_INDENT)


def signature_table() -> str:
    left = (
        p("KHNoiNhanLabel", "Nơi nhận:")
        + p("KHNoiNhan", "{%p for r in recipients %}", keep_raw=True)
        + p("KHNoiNhan", "{{ r }}", keep_raw=True)
        + p("KHNoiNhan", "{%p endfor %}", keep_raw=True)
    )
    right = (
        p("KHQuyenHan", "{%p for line in signature.lines %}", keep_raw=True)
        + p("KHQuyenHan", "{{ line }}", keep_raw=True)
        + p("KHQuyenHan", "{%p endfor %}", keep_raw=True)
        + p("KHChuKy") * 4
        + p("KHHoTen", "{{ signature.name }}", keep_raw=True)
    )
    row = tr(tc(SIGN_COLS[0], left) + tc(SIGN_COLS[1], right))
    # The top cell margin separates the block from the closing "./." paragraph.
    return tbl(SIGN_COLS, [row], borders=NO_BORDERS, top_margin=170)


def appendix_table() -> str:
    head_row = tr("".join(tc(c.width, p("KHBangTieuDe", c.heading), valign="center") for c in APPENDIX_COLUMNS),
                  header=True)
    group_row = tr(
        tc(APPX_COLS[0], p("KHBangTieuDe", "{{ r.stt }}", keep_raw=True))
        + tc(APPX_COLS[1], p("KHBangNhom", "{{ r.text }}", keep_raw=True))
        + "".join(tc(w, p("KHBang")) for w in APPX_COLS[2:])
    )
    task_row = tr("".join(
        tc(c.width, p("KHBangGiua" if c.centred else "KHBang", f"{{{{ r.{c.name} }}}}", keep_raw=True))
        for c in APPENDIX_COLUMNS))
    rows = [
        head_row,
        control_row("{%tr for r in appendix.rows %}", 5, APPX_COLS),
        control_row("{%tr if r.group %}", 5, APPX_COLS),
        group_row,
        control_row("{%tr else %}", 5, APPX_COLS),
        task_row,
        control_row("{%tr endif %}", 5, APPX_COLS),
        control_row("{%tr endfor %}", 5, APPX_COLS),
    ]
    return tbl(APPX_COLS, rows, borders=ALL_BORDERS, cell_margin=85)


def document_xml() -> str:
    main_sect = sect_pr(landscape=False, header_default="rIdHdrMain", header_first="rIdHdrMainFirst", restart=True)
    appx_sect = sect_pr(landscape=True, header_default="rIdHdrAppx", header_first="rIdHdrAppxFirst", restart=True)
    body = (
        header_table()
        + p("KHTenLoai", "KẾ HOẠCH")
        + p("KHTrichYeu", "{{ summary }}", keep_raw=True)
        + p("KHDuongKe")
        + body_loop()
        + signature_table()
        # The first section ends in this paragraph's properties; the appendix starts a new
        # landscape section whose page numbers restart at 1 (NĐ 30 Phụ lục I III.1đ).
        + f'<w:p><w:pPr><w:pStyle w:val="Normal"/>{main_sect}</w:pPr></w:p>'
        + p("KHPhuLucLabel", "{{ appendix.label }}", keep_raw=True)
        + p("KHPhuLucTitle", "{{ appendix.title }}", keep_raw=True)
        + p("KHPhuLucRef", "{{ appendix.ref }}", keep_raw=True)
        + appendix_table()
        + p("Normal")
        + appx_sect
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>'
    )


def header_xml(with_page: bool) -> str:
    if with_page:
        para = (
            '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            "<w:r><w:t>2</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )
    else:
        para = '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{para}</w:hdr>'
    )


def styles_xml() -> str:
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'{fonts}<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
        '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    out = [defaults]
    for style_id, name, based, style_ppr, style_rpr in PARA_STYLES:
        default = ' w:default="1"' if style_id == "Normal" else ""
        based_xml = f'<w:basedOn w:val="{based}"/>' if based else ""
        # Every paragraph style restates the font in all four slots, so a style copied into
        # another document, or a document whose defaults Word rewrites, keeps Times New Roman.
        style_rpr = style_rpr.replace("<w:rPr>", f"<w:rPr>{fonts}") if style_rpr else f"<w:rPr>{fonts}</w:rPr>"
        out.append(
            f'<w:style w:type="paragraph"{default} w:styleId="{style_id}">'
            f'<w:name w:val="{escape(name)}"/>{based_xml}<w:qFormat/>{style_ppr}{style_rpr}</w:style>'
        )
    out.append(
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">' + "".join(out) + "</w:styles>"
    )


SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="vi-VN"/>'
    "</w:settings>"
)

FONT_TABLE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:fonts xmlns:w="{W_NS}"><w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/>'
    '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    + "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        for name in ("header1", "header2", "header3", "header4")
    )
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdHdrMain" Type="{_REL}/header" Target="header1.xml"/>'
    f'<Relationship Id="rIdHdrMainFirst" Type="{_REL}/header" Target="header2.xml"/>'
    f'<Relationship Id="rIdHdrAppx" Type="{_REL}/header" Target="header3.xml"/>'
    f'<Relationship Id="rIdHdrAppxFirst" Type="{_REL}/header" Target="header4.xml"/>'
    "</Relationships>"
)

CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Kế hoạch của Ủy ban nhân dân tỉnh (mẫu drafter)</dc:title>"
    "<dc:creator>drafter</dc:creator><dc:language>vi-VN</dc:language>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)

APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>drafter</Application></Properties>"
)


def build() -> bytes:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", CORE),
        ("docProps/app.xml", APP),
        ("word/document.xml", document_xml()),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS),
        ("word/fontTable.xml", FONT_TABLE),
        ("word/header1.xml", header_xml(True)),
        ("word/header2.xml", header_xml(False)),
        ("word/header3.xml", header_xml(True)),
        ("word/header4.xml", header_xml(False)),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TARGET, help="where to write (default: templates/ke-hoach.docx)")
    parser.add_argument("--force", action="store_true", help="replace an existing file (kept as .bak first)")
    args = parser.parse_args(argv)
    target: Path = args.out
    if target.exists() and not args.force:
        print(f"{target} exists and is the source of truth; nothing written (use --out or --force)", file=sys.stderr)
        return 1
    if target.exists():
        backup = target.with_suffix(target.suffix + ".bak")
        backup.write_bytes(target.read_bytes())
        print(f"kept the previous template as {backup}", file=sys.stderr)
    data = build()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"wrote {target} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
