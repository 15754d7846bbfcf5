"""A reviewed plan read as the reviewer means it: every tracked change accepted.

A reviewer who edits with "Ghi lại các sửa đổi" (LibreOffice) or Track Changes (Word) on leaves
the old words in w:del and the new ones in w:ins. python-docx reads neither, so a reworded
paragraph looked empty and was harvested as deleted. Accepting in memory (never in the user's
file) lets harvest and diff read the plan the reviewer proposes. Bookmarks inside a deleted span
are kept: LibreOffice moves drafter's item marks into the w:del that replaces the item's text.
"""

from __future__ import annotations

from docx.oxml.ns import qn

_REMOVED = tuple(qn(t) for t in ("w:del", "w:moveFrom"))
_KEPT = tuple(qn(t) for t in ("w:ins", "w:moveTo"))
_MARKERS = (qn("w:rPr"), qn("w:trPr"))  # a paragraph mark or a row marked inserted or deleted
_BOOKMARKS = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))
_HISTORY = tuple(qn(t) for t in ("w:pPrChange", "w:rPrChange", "w:sectPrChange", "w:tblPrChange", "w:trPrChange",
                                  "w:tcPrChange", "w:tblGridChange", "w:moveFromRangeStart", "w:moveFromRangeEnd",
                                  "w:moveToRangeStart", "w:moveToRangeEnd"))


def accept_changes(root) -> int:
    """Accept every tracked change under root (the body element), in place; how many there were."""
    count = 0
    for row in list(root.iter(qn("w:tr"))):
        marker = row.find(qn("w:trPr"))
        if marker is not None and marker.find(qn("w:del")) is not None and row.getparent() is not None:
            row.getparent().remove(row)
            count += 1
    for element in [e for e in root.iter(*_REMOVED, *_KEPT, *_HISTORY)]:
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag in _MARKERS or element.tag in _HISTORY:
            parent.remove(element)
            continue
        at = parent.index(element)
        kept = list(element) if element.tag in _KEPT else [c for c in element.iter(*_BOOKMARKS)]
        for child in kept:
            parent.insert(at, child)
            at += 1
        parent.remove(element)
        count += 1
    return count
