"""The paragraph styles of a rendered plan, by the role each plays, for the passes that adjust
layout after rendering (layout.py: rule lines; widths.py: layout-table columns; pagination.py:
the end of the body kept with the signature block).

Styles are recognised by their names as well as their ids: Word keeps the ids the template was
built with, but LibreOffice rewrites them when it saves a template a reviewer restyled. Fonts are
read once from styles.xml (python-docx looks each style up again for every paragraph).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from .textwidth import width_twips

RULE = "rule"
#: The styles the layout passes look for, by role: (style id in drafter's template, style name).
STYLES = {
    RULE: ("KHDuongKe", "KH - Đường kẻ"),
    "tieu_ngu": ("KHTieuNgu", "KH - Tiêu ngữ"),
    "co_quan": ("KHCoQuan", "KH - Tên cơ quan"),
    "trich_yeu": ("KHTrichYeu", "KH - Trích yếu"),
    "quoc_hieu": ("KHQuocHieu", "KH - Quốc hiệu"),
    "so": ("KHSo", "KH - Số, ký hiệu"),
    "dia_danh": ("KHDiaDanh", "KH - Địa danh, ngày"),
    "noi_nhan_label": ("KHNoiNhanLabel", "KH - Nơi nhận"),
    "quyen_han": ("KHQuyenHan", "KH - Quyền hạn, chức vụ"),
}
#: The signature table is the one holding these.
SIGNATURE_ROLES = {"noi_nhan_label", "quyen_han"}


@dataclass(frozen=True)
class _Style:
    role: str | None
    based_on: str | None
    size: float | None
    bold: bool | None
    italic: bool | None
    first_line: int | None  # twips


def _flag(rpr, tag: str) -> bool | None:
    el = rpr.find(qn(tag)) if rpr is not None else None
    if el is None:
        return None
    return el.get(qn("w:val")) not in ("0", "false", "off")


def _size(rpr) -> float | None:
    el = rpr.find(qn("w:sz")) if rpr is not None else None
    return int(el.get(qn("w:val"))) / 2 if el is not None else None


def _first_line(ppr) -> int | None:
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    if ind is None:
        return None
    if ind.get(qn("w:hanging")) is not None:
        return -int(ind.get(qn("w:hanging")))
    value = ind.get(qn("w:firstLine"))
    return int(value) if value is not None else None


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


class Styles:
    """The document's paragraph styles: the role, font and first-line indent of a paragraph."""

    def __init__(self, document: DocxDocument):
        self.by_id: dict[str, _Style] = {}
        self.default: str | None = None
        roles = {key: role for role, pair in STYLES.items() for key in pair}
        for el in document.styles.element.findall(qn("w:style")):
            if el.get(qn("w:type")) != "paragraph":
                continue
            style_id = el.get(qn("w:styleId"))
            name_el, based_el = el.find(qn("w:name")), el.find(qn("w:basedOn"))
            name = name_el.get(qn("w:val")) if name_el is not None else None
            rpr = el.find(qn("w:rPr"))
            self.by_id[style_id] = _Style(
                role=roles.get(style_id) or roles.get(name),
                based_on=based_el.get(qn("w:val")) if based_el is not None else None,
                size=_size(rpr), bold=_flag(rpr, "w:b"), italic=_flag(rpr, "w:i"),
                first_line=_first_line(el.find(qn("w:pPr"))))
            if el.get(qn("w:default")) in ("1", "true", "on"):
                self.default = style_id

    def id_of(self, p) -> str | None:
        ppr = p.find(qn("w:pPr"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return ps.get(qn("w:val")) if ps is not None else self.default

    def role_of(self, p) -> str | None:
        style = self.by_id.get(self.id_of(p) or "")
        return style.role if style else None

    def _chain(self, p):
        seen: set[str] = set()
        style_id = self.id_of(p)
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            yield self.by_id[style_id]
            style_id = self.by_id[style_id].based_on

    def font(self, p) -> tuple[float, bool, bool]:
        """Size, bold and italic from the paragraph's style chain (14 pt regular by default)."""
        size = bold = italic = None
        for style in self._chain(p):
            size = size if size is not None else style.size
            bold = bold if bold is not None else style.bold
            italic = italic if italic is not None else style.italic
        return size or 14.0, bool(bold), bool(italic)

    def first_line(self, p) -> int:
        """The first-line indent in twips (negative for a hanging indent), direct or from the style."""
        direct = _first_line(p.find(qn("w:pPr")))
        if direct is not None:
            return direct
        return next((s.first_line for s in self._chain(p) if s.first_line is not None), 0)

    def line_width(self, p) -> int:
        """How wide the paragraph's text is on one line, run by run: a reviewer may have sized or
        bolded a run by hand instead of through the style."""
        size, bold, italic = self.font(p)
        total = 0
        for run in p.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if not text:
                continue
            rpr = run.find(qn("w:rPr"))
            run_size, run_bold, run_italic = _size(rpr), _flag(rpr, "w:b"), _flag(rpr, "w:i")
            total += width_twips(text, run_size or size, bold=bold if run_bold is None else run_bold,
                                 italic=italic if run_italic is None else run_italic)
        return total
