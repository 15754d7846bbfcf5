"""Layout that depends on the rendered text: rule-line lengths.

NĐ 30 wants the rule under the Tiêu ngữ as long as the Tiêu ngữ, and the rules under the
agency name and under the trích yếu 1/3 to 1/2 as long as their text (nd30-format.md H4, H7,
T3). The template draws each rule as an empty paragraph in the style "KH - Đường kẻ" with a
bottom border; this pass sets its left and right indents from the width of the text above
it, measured with Times New Roman metrics. Doing it after rendering keeps the template
valid in Word (no template tags inside XML attributes) and fits whatever text a drafter puts
in a template cell.

Styles are recognised by their names as well as their ids: Word keeps the ids the template was
built with, but LibreOffice rewrites them when it saves a template a reviewer restyled.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from .textwidth import width_twips

RULE = "rule"
#: The styles this pass looks for, by role: (style id in drafter's template, style name).
STYLES = {
    RULE: ("KHDuongKe", "KH - Đường kẻ"),
    "tieu_ngu": ("KHTieuNgu", "KH - Tiêu ngữ"),
    "co_quan": ("KHCoQuan", "KH - Tên cơ quan"),
    "trich_yeu": ("KHTrichYeu", "KH - Trích yếu"),
}
#: Rule length as a share of the text above it, by that text's style.
RATIOS = {"tieu_ngu": 1.0, "co_quan": 5 / 12, "trich_yeu": 5 / 12}
DEFAULT_RATIO = 5 / 12
EMU_PER_TWIP = 635


@dataclass(frozen=True)
class _Style:
    role: str | None
    based_on: str | None
    size: float | None
    bold: bool | None
    italic: bool | None


def _flag(rpr, tag: str) -> bool | None:
    el = rpr.find(qn(tag)) if rpr is not None else None
    if el is None:
        return None
    return el.get(qn("w:val")) not in ("0", "false", "off")


class _Styles:
    """The document's paragraph styles, read once from styles.xml (python-docx looks each one up
    again for every paragraph)."""

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
            size_el = rpr.find(qn("w:sz")) if rpr is not None else None
            self.by_id[style_id] = _Style(
                role=roles.get(style_id) or roles.get(name),
                based_on=based_el.get(qn("w:val")) if based_el is not None else None,
                size=int(size_el.get(qn("w:val"))) / 2 if size_el is not None else None,
                bold=_flag(rpr, "w:b"), italic=_flag(rpr, "w:i"))
            if el.get(qn("w:default")) in ("1", "true", "on"):
                self.default = style_id

    def id_of(self, p) -> str | None:
        ppr = p.find(qn("w:pPr"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return ps.get(qn("w:val")) if ps is not None else self.default

    def role_of(self, p) -> str | None:
        style = self.by_id.get(self.id_of(p) or "")
        return style.role if style else None

    def font(self, p) -> tuple[float, bool, bool]:
        """Size, bold and italic from the paragraph's style chain (14 pt regular by default)."""
        size = bold = italic = None
        seen: set[str] = set()
        style_id = self.id_of(p)
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            size = size if size is not None else style.size
            bold = bold if bold is not None else style.bold
            italic = italic if italic is not None else style.italic
            style_id = style.based_on
        return size or 14.0, bool(bold), bool(italic)


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _available_width(p, document: DocxDocument) -> int:
    """Twips between the margins of the cell or page that holds the paragraph."""
    parent = p.getparent()
    if parent.tag == qn("w:tc"):
        width = int(parent.find(qn("w:tcPr") + "/" + qn("w:tcW")).get(qn("w:w")))
        tbl = parent.getparent().getparent()
        margins = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))
        pad = 0
        if margins is not None:
            for side in ("w:left", "w:right"):
                el = margins.find(qn(side))
                pad += int(el.get(qn("w:w"))) if el is not None else 108
        else:
            pad = 216
        return width - pad
    section = document.sections[0]
    return int((section.page_width - section.left_margin - section.right_margin) / EMU_PER_TWIP)


def _reference(styles: _Styles, siblings: list, index: int) -> list:
    """The run of text paragraphs directly above the rule, all in the same style."""
    above = [p for p in siblings[:index] if _text(p).strip()]
    if not above:
        return []
    style = styles.id_of(above[-1])
    out = []
    for p in reversed(above):
        if styles.id_of(p) != style:
            break
        out.append(p)
    return out


def _containers(document: DocxDocument):
    body = document.element.body
    yield body
    yield from body.iter(qn("w:tc"))


def fit_rules(document: DocxDocument) -> int:
    """Set the indents of every rule paragraph; returns how many were fitted."""
    styles = _Styles(document)
    fitted = 0
    for container in _containers(document):
        paragraphs = container.findall(qn("w:p"))
        for index, p in enumerate(paragraphs):
            if styles.role_of(p) != RULE:
                continue
            reference = _reference(styles, paragraphs, index)
            if not reference:
                continue
            ratio = RATIOS.get(styles.role_of(reference[0]) or "", DEFAULT_RATIO)
            available = _available_width(p, document)
            size, bold, italic = styles.font(reference[0])
            text_width = max(min(width_twips(_text(r), size, bold=bold, italic=italic), available)
                             for r in reference)
            length = min(round(text_width * ratio), available)
            _set_indents(p, max((available - length) // 2, 0))
            fitted += 1
    return fitted


def _set_indents(p, indent: int) -> None:
    from docx.text.paragraph import Paragraph

    fmt = Paragraph(p, None).paragraph_format
    fmt.left_indent = indent * EMU_PER_TWIP
    fmt.right_indent = indent * EMU_PER_TWIP
