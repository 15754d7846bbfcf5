"""A copy of the new plan with every difference from the old one as a Word tracked change.

Inserted items are marked w:ins, removed items are put back where they stood marked w:del, and a
reworded paragraph or cell becomes a word-by-word diff, so a reviewer can accept or reject each.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..docxio.package import to_bytes
from ..output import atomic_write
from .differences import Difference, opcodes

AUTHOR = "drafter"


def free_revision_id(*roots) -> int:
    """An id above every w:id already in these parts, so revisions added to a document that already
    has tracked changes, comments or bookmarks never share an id with them."""
    used = [int(v) for root in roots for v in root.xpath("//@w:id") if str(v).lstrip("-").isdigit()]
    return max([7000, *(u + 1 for u in used)])


class _Revisions:
    def __init__(self, start: int = 7000) -> None:
        self.next_id = start
        self.date = dt.datetime.now().replace(microsecond=0).isoformat() + "Z"

    def element(self, tag: str):
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el

    def run(self, text: str, rpr, deleted: bool):
        r = OxmlElement("w:r")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        t = OxmlElement("w:delText" if deleted else "w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        r.append(t)
        return r

    def mark_paragraph(self, p, tag: str) -> None:
        """Mark the paragraph mark itself as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)
        rpr.append(self.element(tag))

    def wrap_runs(self, p, tag: str) -> None:
        """Every run of the paragraph inside one w:ins or w:del."""
        runs = [r for r in p if r.tag == qn("w:r")]
        if not runs:
            return
        wrapper = self.element(tag)
        runs[0].addprevious(wrapper)
        for r in runs:
            if tag == "w:del":
                for t in r.findall(qn("w:t")):
                    t.tag = qn("w:delText")
            wrapper.append(r)

    def mark_item(self, element, tag: str) -> None:
        """A whole paragraph or table row inserted (w:ins) or deleted (w:del)."""
        if element.tag == qn("w:tr"):
            trpr = element.find(qn("w:trPr"))
            if trpr is None:
                trpr = OxmlElement("w:trPr")
                element.insert(0, trpr)
            trpr.append(self.element(tag))
            for p in element.iter(qn("w:p")):
                self.wrap_runs(p, tag)
        else:
            self.wrap_runs(element, tag)
            self.mark_paragraph(element, tag)

    def reword(self, p, old_text: str) -> None:
        """Replace the paragraph's runs by a word diff of old_text → its current text."""
        new_text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        runs = [r for r in p if r.tag == qn("w:r")]
        rpr = runs[0].find(qn("w:rPr")) if runs else None
        for r in runs:
            p.remove(r)
        old_words, new_words = re.findall(r"\S+\s*", old_text), re.findall(r"\S+\s*", new_text)
        end = p.find(qn("w:bookmarkEnd"))
        for op, a1, a2, b1, b2 in opcodes(old_words, new_words):
            pieces = []
            if op in ("delete", "replace"):
                d = self.element("w:del")
                d.append(self.run("".join(old_words[a1:a2]), rpr, True))
                pieces.append(d)
            if op in ("insert", "replace"):
                i = self.element("w:ins")
                i.append(self.run("".join(new_words[b1:b2]), rpr, False))
                pieces.append(i)
            if op == "equal":
                pieces.append(self.run("".join(new_words[b1:b2]), rpr, False))
            for piece in pieces:
                if end is not None:
                    end.addprevious(piece)
                else:
                    p.append(piece)


def tracked_copy(changes: list[Difference], new_doc, out: Path) -> Path:
    rev = _Revisions()
    for change in changes:
        if change.action == "reworded":
            old_el, new_el = change.old.elements[0], change.new.elements[0]
            if new_el.tag == qn("w:tr"):
                old_cells, new_cells = old_el.findall(qn("w:tc")), new_el.findall(qn("w:tc"))
                for old_tc, new_tc in zip(old_cells, new_cells, strict=False):
                    old_ps, new_ps = old_tc.findall(qn("w:p")), new_tc.findall(qn("w:p"))
                    if new_ps and Paragraph(old_ps[0], None).text != Paragraph(new_ps[0], None).text:
                        rev.reword(new_ps[0], Paragraph(old_ps[0], None).text)
            else:
                rev.reword(new_el, Paragraph(old_el, None).text)
        elif change.action == "added":
            rev.mark_item(change.new.elements[0], "w:ins")
    # Deletions: put a copy of the old item back where it stood, marked deleted.
    _insert_deleted(changes, rev)
    atomic_write(out, to_bytes(new_doc))
    return out


def _insert_deleted(changes: list[Difference], rev: _Revisions) -> None:
    """Put a copy of each removed item back where it stood, marked as deleted."""
    for change in changes:
        if change.action != "removed" or change.anchor is None:
            continue
        clone = copy.deepcopy(change.old.elements[0])
        for tag in ("bookmarkStart", "bookmarkEnd"):
            for el in list(clone.iter(qn(f"w:{tag}"))):
                el.getparent().remove(el)
        rev.mark_item(clone, "w:del")
        where, element = change.anchor
        (element.addnext if where == "after" else element.addprevious)(clone)
