"""What changed between two plans, as a readable list and as Word tracked changes.

Items are body paragraphs and appendix rows. Items carrying drafter's hidden bookmark are matched
by it (the id is the catalogue's, so the same task matches across years); the rest are aligned
by text. The tracked-changes copy is the new plan with every difference marked as an insertion
or deletion (word by word inside a reworded paragraph), so a reviewer can accept or reject each.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from . import render
from .errors import UserError
from .harvest import strip_label
from .marks import PREFIX, appendix_table, body_paragraphs
from .output import atomic_write

AUTHOR = "drafter"


@dataclass
class Item:
    kind: str  # "đoạn" | "nhiệm vụ"
    mark: str | None
    text: str  # what is compared (label stripped; a row's cells joined)
    shown: str  # what is printed
    elements: list = field(default_factory=list)  # w:p elements, or the w:tr


@dataclass
class Change:
    action: str  # added | removed | reworded
    old: Item | None
    new: Item | None
    anchor: tuple[str, object] | None = None  # where a removed item goes back in the tracked copy

    def line(self) -> str:
        item = self.new or self.old
        if self.action == "added":
            return f"+ {item.kind}: «{self.new.shown}»"
        if self.action == "removed":
            return f"- {item.kind}: «{self.old.shown}»"
        return f"~ {item.kind}: «{inline(self.old.shown, self.new.shown)}»"


def inline(old: str, new: str, context: int = 5) -> str:
    """Old → new as one line: [-removed words-]{+added words+}, with a few words of context."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            words = b[b1:b2]
            if len(words) > 2 * context:
                words = (words[:context] if out else []) + ["…"] + words[-context:]
            out += words
        else:
            if a2 > a1:
                out.append("[-" + " ".join(a[a1:a2]) + "-]")
            if b2 > b1:
                out.append("{+" + " ".join(b[b1:b2]) + "+}")
    if out and out[-1] == "…":
        out.pop()
    return " ".join(out)


YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def year_shift(changes: list[Change]) -> int | None:
    """The plan-year step between the two plans, seen in the rewordings (most common difference)."""
    steps: dict[int, int] = {}
    for c in changes:
        if c.action == "reworded":
            old, new = YEAR.findall(c.old.text), YEAR.findall(c.new.text)
            if len(old) == len(new):
                for x, y in zip(old, new, strict=True):
                    if x != y:
                        steps[int(y) - int(x)] = steps.get(int(y) - int(x), 0) + 1
    return max(steps, key=steps.get) if steps else None


def only_year_moved(change: Change, step: int | None) -> bool:
    """True when every difference is a year that moved by `step` (the plan year), nothing else."""
    if change.action != "reworded" or not step:
        return False
    a, b = re.findall(r"\w+|\W", change.old.text), re.findall(r"\w+|\W", change.new.text)
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op != "replace" or a2 - a1 != b2 - b1:
            return False
        for x, y in zip(a[a1:a2], b[b1:b2], strict=True):
            if not (YEAR.fullmatch(x) and YEAR.fullmatch(y) and int(y) - int(x) == step):
                return False
    return True


def _mark(element) -> str | None:
    for start in element.iter(qn("w:bookmarkStart")):
        name = start.get(qn("w:name")) or ""
        if name.startswith(PREFIX):
            return name
    return None


def _norm(text: str) -> str:
    return " ".join(text.split())


def items_of(document) -> list[Item]:
    paragraphs = [p for p in body_paragraphs(document) if p.text.strip()]
    marked = [i for i, p in enumerate(paragraphs) if _mark(p._p)]
    start = marked[0] if marked else 0  # skip the title and trích yếu before the first block
    out = [Item("đoạn", _mark(p._p), _norm(strip_label(p.text)).removesuffix("./."), p.text.strip(), [p._p])
           for p in paragraphs[start:]]
    table = appendix_table(document)
    if table is not None:
        for row in table.rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            if not any(cells):
                continue
            out.append(Item("nhiệm vụ", _mark(row._tr), _norm(" | ".join(cells[1:])),
                            " | ".join(c for c in cells if c), [row._tr]))
    return out


def compare(old_items: list[Item], new_items: list[Item]) -> list[Change]:
    key = lambda i: i.mark or f"{i.kind}:{i.text}"  # noqa: E731
    matcher = difflib.SequenceMatcher(None, [key(i) for i in old_items], [key(i) for i in new_items], autojunk=False)
    changes: list[Change] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        olds, news = old_items[a1:a2], new_items[b1:b2]
        if op == "equal":
            changes += [Change("reworded", o, n) for o, n in zip(olds, news, strict=True) if o.text != n.text]
            continue
        paired = 0
        for o, n in zip(olds, news, strict=False):
            if o.kind == n.kind and difflib.SequenceMatcher(None, o.text, n.text).ratio() >= 0.5:
                changes.append(Change("reworded", o, n))
                paired += 1
            else:
                break
        changes += [Change("removed", o, None) for o in olds[paired:]]
        changes += [Change("added", None, n) for n in news[paired:]]
    return changes


# --- tracked changes --------------------------------------------------------------------------


class _Revisions:
    def __init__(self) -> None:
        self.next_id = 7000
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
        matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
        end = p.find(qn("w:bookmarkEnd"))
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
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


def tracked_copy(changes: list[Change], new_doc, out: Path) -> Path:
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
    atomic_write(out, render.to_bytes(new_doc))
    return out


def _insert_deleted(changes: list[Change], rev: _Revisions) -> None:
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


def place_removed(changes: list[Change], old_items: list[Item], new_items: list[Item]) -> None:
    """Anchor each removed item after the new counterpart of the item before it in the old plan
    (or before the first new item of its kind when nothing precedes it)."""
    counterpart = {id(c.old): c.new for c in changes if c.old is not None and c.new is not None}
    by_mark = {n.mark: n for n in new_items if n.mark}
    by_text = {(n.kind, n.text): n for n in new_items}
    removed = {id(c.old): c for c in changes if c.action == "removed"}
    last: dict[str, object] = {}
    for old in old_items:
        change = removed.get(id(old))
        if change is not None:
            if old.kind in last:
                change.anchor = ("after", last[old.kind])
            else:
                first = next((n for n in new_items if n.kind == old.kind), None)
                change.anchor = ("before", first.elements[0]) if first else None
            continue
        match = counterpart.get(id(old)) or (by_mark.get(old.mark) if old.mark else by_text.get((old.kind, old.text)))
        if match is not None:
            last[old.kind] = match.elements[0]


def diff(old: Path, new: Path, docx_out: Path | None = None) -> list[Change]:
    old, new = Path(old), Path(new)
    if not old.is_file() or not new.is_file():
        raise UserError(f"không tìm thấy tệp: {old if not old.is_file() else new}")
    from .check.runner import open_document

    old_doc, new_doc = open_document(old), open_document(new)
    old_items, new_items = items_of(old_doc), items_of(new_doc)
    changes = compare(old_items, new_items)
    if docx_out is not None:
        place_removed(changes, old_items, new_items)
        tracked_copy(changes, new_doc, Path(docx_out))
    return changes
