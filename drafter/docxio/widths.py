"""Layout-table columns wide enough for the lines an issued plan prints on one line.

A name broken inside ("THÀNH PHỐ HỒ CHÍ / MINH") is never seen on an issued plan: the agency's
name, the Quốc hiệu and Tiêu ngữ, "Số:" and the place-and-date line, and the authority lines of
the signature ("TM. ỦY BAN NHÂN DÂN") each fit their column. The template's columns are sized for
the 34 units' names (tools/build_templates.py); this pass measures the rendered text (Times New
Roman metrics, textwidth.py) so that any other name or a reviewer's narrower template gets the
same: a column short of its longest one-line text takes what its neighbour can spare, then the
room to the right margin, then up to MAX_OVERHANG into the left margin (the decree's own sample
reaches 3.5 mm into it). Only if that is still not enough does a name wrap, and then only after
its common noun or authority ("THÀNH PHỐ / HỒ CHÍ MINH"): the spaces inside the name become
no-break spaces, which the checker, harvest and diff read as ordinary spaces.
"""

from __future__ import annotations

import math

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .styles import Styles, text_of

#: Roles whose text is one line in an issued plan.
ONE_LINE = {"co_quan", "quoc_hieu", "tieu_ngu", "so", "dia_danh", "quyen_han"}
#: Lines that may wrap, but only after their head, never inside the name that follows.
GLUED = {"co_quan", "quyen_han"}
#: The common nouns and authorities a name follows, longest first.
HEADS = ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ", "ĐẶC KHU", "PHƯỜNG", "TỈNH", "XÃ", "TUQ.", "TM.", "KT.", "TL.", "Q.")
NBSP = "\u00a0"
#: Word and LibreOffice place glyphs on their own grids: a measured width gets this much more.
SLACK = 0.02
#: How far a layout table may reach into the left margin (30 mm on drafter's pages).
MAX_OVERHANG = 567  # 1 cm
EMU_PER_TWIP = 635


def needed(width: int) -> int:
    """The room a line of measured width needs, with the slack."""
    return math.ceil(width * (1 + SLACK))


def cell_padding(tbl) -> int:
    """Left plus right cell margins of a table, in twips (Word's default 0.19 cm each)."""
    margins = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))
    if margins is None:
        return 216
    pad = 0
    for side in ("w:left", "w:right"):
        el = margins.find(qn(side))
        pad += int(el.get(qn("w:w"))) if el is not None else 108
    return pad


def text_width(document: DocxDocument) -> int:
    """Twips between the margins of the main section."""
    section = document.sections[0]
    return int((section.page_width - section.left_margin - section.right_margin) / EMU_PER_TWIP)


def glue(text: str) -> str:
    """ "THÀNH PHỐ HỒ CHÍ MINH" with no-break spaces inside "THÀNH PHỐ" and inside "HỒ CHÍ MINH":
    the one place left to wrap is between them. Text with no known head is left as it is."""
    for head in HEADS:
        if text.startswith(head + " ") and text[len(head) + 1:].strip():
            return head.replace(" ", NBSP) + " " + text[len(head) + 1:].replace(" ", NBSP)
    return text


def _cells(tbl):
    """(cell, first grid column, columns spanned) for every cell of the table."""
    for tr in tbl.findall(qn("w:tr")):
        before = tr.find(qn("w:trPr") + "/" + qn("w:gridBefore"))
        column = int(before.get(qn("w:val"))) if before is not None else 0
        for tc in tr.findall(qn("w:tc")):
            span_el = tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan"))
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            yield tc, column, span
            column += span


def _one_line(tbl, styles: Styles, columns: int) -> list[list]:
    """The one-line paragraphs of each grid column (cells spanning columns are left out)."""
    lines: list[list] = [[] for _ in range(columns)]
    for tc, column, span in _cells(tbl):
        if span == 1 and column < columns:
            lines[column] += [p for p in tc.iter(qn("w:p"))
                              if styles.role_of(p) in ONE_LINE and text_of(p).strip()]
    return lines


def _indent(tbl) -> int:
    el = tbl.find(qn("w:tblPr") + "/" + qn("w:tblInd"))
    return int(el.get(qn("w:w")) or 0) if el is not None and el.get(qn("w:type"), "dxa") == "dxa" else 0


def fit_tables(document: DocxDocument) -> int:
    """Widen the columns of every top-level table that are short of their one-line text; returns
    how many tables changed."""
    styles = Styles(document)
    page = text_width(document)
    return sum(_fit(tbl, styles, page) for tbl in document.element.body.iterchildren(qn("w:tbl")))


def _fit(tbl, styles: Styles, page: int) -> bool:
    grid = tbl.find(qn("w:tblGrid"))
    cols = [int(c.get(qn("w:w"))) for c in grid.findall(qn("w:gridCol"))] if grid is not None else []
    if not cols:
        return False
    pad = cell_padding(tbl)
    lines = _one_line(tbl, styles, len(cols))
    need = [max((needed(styles.line_width(p)) + pad for p in column), default=0) for column in lines]
    if all(w >= n for w, n in zip(cols, need, strict=True)):
        return False
    new, indent = list(cols), _indent(tbl)
    for i in range(len(new)):
        for j in range(len(new)):
            if j != i and new[i] < need[i]:
                floor = need[j] or cols[j] // 2  # a column of wrapping text (Nơi nhận) keeps half its width
                give = min(need[i] - new[i], max(new[j] - floor, 0))
                new[j] -= give
                new[i] += give
    right_room = max(page - indent - sum(new), 0)
    left_room = max(indent + MAX_OVERHANG, 0)
    for i in range(len(new)):
        take = min(max(need[i] - new[i], 0), right_room)
        new[i], right_room = new[i] + take, right_room - take
        take = min(max(need[i] - new[i], 0), left_room)
        new[i], left_room, indent = new[i] + take, left_room - take, indent - take
    _apply(tbl, grid, new, indent)
    for i, column in enumerate(lines):
        for p in column:
            if styles.role_of(p) in GLUED and needed(styles.line_width(p)) + pad > new[i]:
                _glue_paragraph(p)
    return True


def _apply(tbl, grid, cols: list[int], indent: int) -> None:
    for col, width in zip(grid.findall(qn("w:gridCol")), cols, strict=True):
        col.set(qn("w:w"), str(width))
    for tc, column, span in _cells(tbl):
        tcw = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
        if tcw is not None:
            tcw.set(qn("w:w"), str(sum(cols[column:column + span])))
            tcw.set(qn("w:type"), "dxa")
    tblpr = tbl.find(qn("w:tblPr"))
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is not None and tblw.get(qn("w:type")) in ("dxa", None):
        tblw.set(qn("w:w"), str(sum(cols)))
    ind = tblpr.find(qn("w:tblInd"))
    if ind is None:
        ind = OxmlElement("w:tblInd")
        tblpr.insert_element_before(ind, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                    "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    ind.set(qn("w:w"), str(indent))
    ind.set(qn("w:type"), "dxa")


def _glue_paragraph(p) -> None:
    """Glue the paragraph's text run by run (a no-break space replaces a space, so every run keeps
    its length and its formatting)."""
    texts = list(p.iter(qn("w:t")))
    glued = glue("".join(t.text or "" for t in texts))
    start = 0
    for t in texts:
        end = start + len(t.text or "")
        t.text = glued[start:end]
        start = end
