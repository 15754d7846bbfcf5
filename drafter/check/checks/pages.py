"""What prints on which page: whether the document fits on one page, and which headers and footers
ever print.

A rule about page numbers or about a footer's font means nothing for a part that never prints: a
one-page letter has no page 2 to number, an even-page footer prints only when the document turns
on different odd and even pages (w:evenAndOddHeaders in settings.xml), a first-page header only
with "different first page" (w:titlePg). The page count is estimated from the text (no layout
engine): the document says it has a second page when Word saved a rendered page break, an explicit
page break outside a table, or a second section; otherwise its lines are added up.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ...docxio.textwidth import width_twips
from ..model import DocModel, Para
from .helpers import EMU_PER_TWIP, available_width

#: Word's single line of Times New Roman is about 1.15 em high.
SINGLE_LINE = 1.15
#: Up to this many pages of estimated text, a document with no other sign of a second page is taken
#: to fit on one (the estimate runs about 10 % short of what Word lays out).
ONE_PAGE_MAX = 1.15
#: Word's size for text with no size anywhere in its styles.
WORD_DEFAULT_PT = 10


def _paragraph_height(m: DocModel, block: Para) -> float:
    """Points the paragraph takes: its lines at its size and line spacing, and the space around it."""
    runs = [r for r in block.runs if r.text.strip()]
    f = m.resolver.run_format(block.paragraph, runs[0] if runs else None)
    size = f.size_pt or WORD_DEFAULT_PT
    pf = m.resolver.para_format(block.paragraph)
    if pf.line and pf.line_rule == "exact":
        line = pf.line / 20
    elif pf.line and pf.line_rule == "atLeast":
        line = max(pf.line / 20, size * SINGLE_LINE)
    else:
        line = size * SINGLE_LINE * (pf.line or 240) / 240
    width = available_width(m, block)
    if width is None:
        s = m.sections[block.section - 1]
        width = int((s.page_width - s.left_margin - s.right_margin) / EMU_PER_TWIP)
    width = max(width - pf.left - pf.right, 1000)
    pieces = block.text.strip().split("\n")
    lines = sum(max(1, math.ceil((width_twips(t, size, bold=f.bold) + max(pf.first_line, 0)) / width))
                for t in pieces)
    return lines * line + (pf.before + pf.after) / 20


def _has_second_page(m: DocModel) -> bool:
    body = m.doc.element.body
    if len(m.sections) > 1 or next(body.iter(qn("w:lastRenderedPageBreak")), None) is not None:
        return True
    for br in body.iter(qn("w:br")):  # Word ignores a page break inside a table cell
        if br.get(qn("w:type")) == "page" and not any(a.tag == qn("w:tbl") for a in br.iterancestors()):
            return True
    return any(el.get(qn("w:val")) not in ("0", "false") for el in body.iter(qn("w:pageBreakBefore")))


def estimated_pages(m: DocModel) -> float:
    total = 0.0
    for item in m.body_order:
        if isinstance(item, Para):
            total += _paragraph_height(m, item)
            continue
        rows: dict[int, dict[int, float]] = {}
        for b in item.blocks:
            cells = rows.setdefault(b.cell[0], {})
            cells[b.cell[1]] = cells.get(b.cell[1], 0.0) + _paragraph_height(m, b)
        total += sum(max(cells.values()) for cells in rows.values())
    s = m.sections[0]
    return total / ((s.page_height - s.top_margin - s.bottom_margin) / 12700)


_ONE_PAGE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def one_page(m: DocModel) -> bool:
    """The document prints on a single page (worked out once per document)."""
    if m not in _ONE_PAGE:
        _ONE_PAGE[m] = not _has_second_page(m) and estimated_pages(m) <= ONE_PAGE_MAX
    return _ONE_PAGE[m]


def even_pages_differ(m: DocModel) -> bool:
    el = m.doc.settings.element.find(qn("w:evenAndOddHeaders"))
    return el is not None and el.get(qn("w:val")) not in ("0", "false")


def printed_parts(m: DocModel, *, footers: bool = True, headers: bool = True) -> Iterator[tuple[int, Any]]:
    """(section number, header or footer) for each part of its own a section prints: the default
    one (not on a one-page document whose page 1 has its own), the first-page one with titlePg, the
    even-page one with evenAndOddHeaders (counted even when the page estimate says one page)."""
    seen = set()
    even = even_pages_differ(m)
    single = one_page(m)
    for index, s in enumerate(m.sections, start=1):
        title = s.different_first_page_header_footer
        kinds = []
        if headers:
            kinds += [(s.header, not (single and title)), (s.first_page_header, title),
                      (s.even_page_header, even)]
        if footers:
            kinds += [(s.footer, not (single and title)), (s.first_page_footer, title),
                      (s.even_page_footer, even)]
        for part, prints in kinds:
            if not prints or part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield index, part


def printed_part_blocks(m: DocModel) -> list[Para]:
    """Paragraphs of the headers and footers that print (text boxes in them included)."""
    return [Para(Paragraph(p, part), 0, index) for index, part in printed_parts(m)
            for p in part._element.iter(qn("w:p"))]
