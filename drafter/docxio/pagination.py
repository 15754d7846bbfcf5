"""The end of the body on the page of the signature block.

An issued plan never has "Nơi nhận" and the signature alone on the last page: the closing
paragraph (the one ending "./.") and the signature share a page. The template keeps the signature
table in one piece (its row cannot split, its paragraphs keep with the next); which paragraphs end
the body is known only once the plan is rendered, so this pass marks them "keep with next": the
closing paragraph, and the one before it when the closing paragraph is a single line, so that at
least MIN_LINES lines of text go over with the signature. Only those: keeping more of the body
together would leave a large blank gap at the foot of the page before. Word and LibreOffice both
honour keep-with-next from a paragraph to the table after it.
"""

from __future__ import annotations

import math

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .styles import SIGNATURE_ROLES, Styles, text_of
from .widths import text_width

#: Lines of body text that go over with the signature block when it does not fit on the page.
MIN_LINES = 2


def signature_table(document: DocxDocument, styles: Styles):
    """The top-level table holding "Nơi nhận:" or the authority lines, or None."""
    for tbl in document.element.body.iterchildren(qn("w:tbl")):
        if any(styles.role_of(p) in SIGNATURE_ROLES for p in tbl.iter(qn("w:p"))):
            return tbl
    return None


def estimated_lines(p, styles: Styles, width: int) -> int:
    """At least this many lines (word wrap only adds lines): enough to tell one line from two."""
    ppr = Paragraph(p, None).paragraph_format
    indents = sum(int(v / 635) for v in (ppr.left_indent, ppr.right_indent) if v)
    available = max(width - indents, 1)
    return max(math.ceil((styles.line_width(p) + max(styles.first_line(p), 0)) / available), 1)


def keep_end_with_signature(document: DocxDocument) -> list:
    """Mark the last paragraphs of the body keep-with-next; returns them (closing paragraph first)."""
    styles = Styles(document)
    table = signature_table(document, styles)
    if table is None:
        return []
    width = text_width(document)
    kept, lines = [], 0
    element = table.getprevious()
    while element is not None and element.tag == qn("w:p") and lines < MIN_LINES:
        if element.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            break  # the paragraph ends a section: the signature starts a page of its own anyway
        fmt = Paragraph(element, None).paragraph_format
        fmt.keep_with_next = True
        if text_of(element).strip():
            # at least two of its lines go over if a page break falls inside it
            fmt.widow_control = True
            kept.append(element)
            lines += estimated_lines(element, styles, width)
        element = element.getprevious()
    return kept
