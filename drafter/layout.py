"""Layout that depends on the rendered text: rule-line lengths.

NĐ 30 wants the rule under the Tiêu ngữ as long as the Tiêu ngữ, and the rules under the
agency name and under the trích yếu 1/3 to 1/2 as long as their text (nd30-format.md H4, H7,
T3). The template draws each rule as an empty paragraph in the style "KH - Đường kẻ" with a
bottom border; this pass sets its left and right indents from the width of the text above
it, measured with Times New Roman metrics. Doing it after rendering keeps the template
valid in Word (no template tags inside XML attributes) and fits whatever text a drafter puts
in a template cell.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .textwidth import width_twips

RULE_STYLE = "KHDuongKe"
#: Rule length as a share of the text above it, by that text's style.
RATIOS = {"KHTieuNgu": 1.0, "KHCoQuan": 5 / 12, "KHTrichYeu": 5 / 12}


def _style_chain(paragraph: Paragraph):
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _font(paragraph: Paragraph) -> tuple[float, bool, bool]:
    size = bold = italic = None
    for style in _style_chain(paragraph):
        font = style.font
        size = size if size is not None else (font.size.pt if font.size is not None else None)
        bold = bold if bold is not None else font.bold
        italic = italic if italic is not None else font.italic
    return size or 14.0, bool(bold), bool(italic)


def _available_width(paragraph: Paragraph, document: DocxDocument) -> int:
    """Twips between the margins of the cell or page that holds the paragraph."""
    parent = paragraph._p.getparent()
    if parent.tag == qn("w:tc"):
        tc_w = parent.find(qn("w:tcPr") + "/" + qn("w:tcW"))
        width = int(tc_w.get(qn("w:w")))
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
    return int((section.page_width - section.left_margin - section.right_margin) / 635)  # EMU → twips


def _reference(paragraph: Paragraph, siblings: list[Paragraph], index: int) -> list[Paragraph]:
    """The run of text paragraphs directly above the rule, all in the same style."""
    above = [p for p in siblings[:index] if p.text.strip()]
    if not above:
        return []
    style = above[-1].style.style_id
    out = []
    for p in reversed(above):
        if p.style.style_id != style:
            break
        out.append(p)
    return out


def fit_rules(document: DocxDocument) -> int:
    """Set the indents of every rule paragraph; returns how many were fitted."""
    fitted = 0
    containers = [document] + [cell for table in document.tables for row in table.rows for cell in row.cells]
    for container in containers:
        paragraphs = container.paragraphs
        for index, paragraph in enumerate(paragraphs):
            if paragraph.style.style_id != RULE_STYLE:
                continue
            reference = _reference(paragraph, paragraphs, index)
            if not reference:
                continue
            ratio = RATIOS.get(reference[0].style.style_id, 5 / 12)
            available = _available_width(paragraph, document)
            size, bold, italic = _font(reference[0])
            text_width = max(min(width_twips(p.text, size, bold=bold, italic=italic), available) for p in reference)
            length = min(round(text_width * ratio), available)
            indent = max((available - length) // 2, 0)
            paragraph.paragraph_format.left_indent = indent * 635
            paragraph.paragraph_format.right_indent = indent * 635
            fitted += 1
    return fitted
