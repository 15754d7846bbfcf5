"""Layout that depends on the rendered text, in one pass after rendering (adjust): columns of the
layout tables wide enough for their one-line text (widths.py), rule lines fitted to the text above
them (here), and the end of the body kept on the page of the signature block (pagination.py).

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

from . import pagination, widths
from .styles import RULE, STYLES, Styles, text_of

__all__ = ["RATIOS", "STYLES", "adjust", "fit_rules"]

#: Rule length as a share of the text above it, by that text's style.
RATIOS = {"tieu_ngu": 1.0, "co_quan": 5 / 12, "trich_yeu": 5 / 12}
DEFAULT_RATIO = 5 / 12
EMU_PER_TWIP = 635


def adjust(document: DocxDocument) -> None:
    """Every layout pass, in the order they depend on each other: rules are fitted to the column
    widths the first pass settles."""
    widths.fit_tables(document)
    fit_rules(document)
    pagination.keep_end_with_signature(document)


def _available_width(p, document: DocxDocument) -> int:
    """Twips between the margins of the cell or page that holds the paragraph."""
    parent = p.getparent()
    if parent.tag == qn("w:tc"):
        width = int(parent.find(qn("w:tcPr") + "/" + qn("w:tcW")).get(qn("w:w")))
        return width - widths.cell_padding(parent.getparent().getparent())
    return widths.text_width(document)


def _reference(styles: Styles, siblings: list, index: int) -> list:
    """The run of text paragraphs directly above the rule, all in the same style."""
    above = [p for p in siblings[:index] if text_of(p).strip()]
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
    styles = Styles(document)
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
            text_width = max(min(styles.line_width(r), available) for r in reference)
            length = min(round(text_width * ratio), available)
            _set_indents(p, max((available - length) // 2, 0))
            fitted += 1
    return fitted


def _set_indents(p, indent: int) -> None:
    from docx.text.paragraph import Paragraph

    fmt = Paragraph(p, None).paragraph_format
    fmt.left_indent = indent * EMU_PER_TWIP
    fmt.right_indent = indent * EMU_PER_TWIP
