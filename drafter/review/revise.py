"""Formatting and wording changed as Word tracked changes, so a reviewer accepts or rejects each.

OOXML keeps the *new* formatting where it always is (w:rPr, w:pPr, w:sectPr) and the *previous*
formatting inside a change element that is the last child of it: w:rPr/w:rPrChange/w:rPr,
w:pPr/w:pPrChange/w:pPr, w:sectPr/w:sectPrChange/w:sectPr. Rejecting the change in Word puts the
previous properties back. So before the first edit of a properties element, a copy of it is kept
in a change element; later edits of the same element change only the current properties. A
properties element that already carries a change (a reviewer's own) keeps it: its "previous"
is still the original, and one element may hold only one.

Words are changed only as w:del/w:ins runs (`Reviser.replace`), never in place.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .tracked import _Revisions, free_revision_id

#: What the "previous properties" copy may not hold (OOXML CT_PPrBase, CT_SectPrBase, CT_RPr).
NOT_IN_OLD = {
    "w:pPr": {"w:rPr", "w:sectPr", "w:pPrChange"},
    "w:sectPr": {"w:headerReference", "w:footerReference", "w:sectPrChange"},
    "w:rPr": {"w:rPrChange"},
}
CHANGE = {"w:pPr": "w:pPrChange", "w:sectPr": "w:sectPrChange", "w:rPr": "w:rPrChange"}
#: Run children python-docx reads as text (CT_R.text), and those that show nothing.
SHOWN = {qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab")}
UNSHOWN = {qn(t) for t in ("w:lastRenderedPageBreak", "w:commentReference", "w:annotationRef", "w:softHyphen")}


class Reviser:
    """Tracked changes on one document: ids above any already used, one author and date."""

    def __init__(self, document) -> None:
        parts = [rel.target_part for rel in document.part.rels.values() if not rel.is_external]
        roots = [document.element, *(part.element for part in parts if hasattr(part, "element"))]
        self.rev = _Revisions(free_revision_id(*roots))
        self.start = self.rev.next_id
        self.changes: list = []  # change elements, moved last in their parent by finish()
        self.count = 0  # properties elements given a change

    # --- formatting ------------------------------------------------------------------------------

    def props(self, parent, tag: str):
        """The properties element `tag` of `parent` (w:r → w:rPr, w:p → w:pPr, w:sectPr itself), its
        previous state kept in a change element before anything is edited."""
        props = parent if parent.tag == qn(tag) else parent.find(qn(tag))
        if props is None:
            props = OxmlElement(tag)
            parent.insert(0, props)
        if props.find(qn(CHANGE[tag])) is None:
            change = self.rev.element(CHANGE[tag])
            old = OxmlElement(tag)
            for child in props:
                if child.tag not in {qn(t) for t in NOT_IN_OLD[tag]}:
                    old.append(copy.deepcopy(child))
            change.append(old)
            props.append(change)
            self.changes.append(change)
            self.count += 1
        return props

    def finish(self) -> None:
        """Each change element last in its properties, where the schema puts it (edits made after it
        was added may have been appended behind it)."""
        for change in self.changes:
            parent = change.getparent()
            if parent is not None and parent[-1] is not change:
                parent.append(change)

    # --- words -----------------------------------------------------------------------------------

    def replace(self, p, start: int, end: int, new: str) -> bool:
        """Characters start..end of the paragraph's text (as python-docx reads it: direct runs)
        become a w:del of them and a w:ins of `new`. False, and nothing changed, when the span is
        not plain text in direct runs (a field, a hyperlink, a symbol)."""
        pieces = self._split_runs(p)
        if pieces is None:
            return False
        if start == end:
            return self._insert(p, pieces, start, new)
        offset, inside = 0, []
        for run, text in pieces:
            if offset < end and offset + len(text) > start:
                inside.append((run, text, offset))
            offset += len(text)
        if not inside or end > offset:
            return False
        rpr = copy.deepcopy(inside[0][0].find(qn("w:rPr")))
        deleted = []
        for run, text, at in inside:
            lo, hi = max(start - at, 0), min(end - at, len(text))
            before, middle, after = text[:lo], text[lo:hi], text[hi:]
            if before:
                run.addprevious(self._run(before, run.find(qn("w:rPr")), False))
            if after:
                run.addnext(self._run(after, run.find(qn("w:rPr")), False))
            if middle:
                fresh = self._run(middle, run.find(qn("w:rPr")), True)
                run.addprevious(fresh)
                deleted.append(fresh)
            p.remove(run) if run.getparent() is p else None
        wrapper = self.rev.element("w:del")
        deleted[0].addprevious(wrapper)
        for run in deleted:
            wrapper.append(run)
        anchor = wrapper
        if new:
            anchor.addnext(self._inserted(new, rpr))
        return True

    def _insert(self, p, pieces, at: int, new: str) -> bool:
        """`new` inserted at character `at`, splitting the run there if needed."""
        offset = 0
        for run, text in pieces:
            if offset <= at < offset + len(text):
                cut = at - offset
                if cut:
                    run.addprevious(self._run(text[:cut], run.find(qn("w:rPr")), False))
                    run.addprevious(self._inserted(new, run.find(qn("w:rPr"))))
                    run.addprevious(self._run(text[cut:], run.find(qn("w:rPr")), False))
                    p.remove(run)
                else:
                    run.addprevious(self._inserted(new, run.find(qn("w:rPr"))))
                return True
            offset += len(text)
        if at != offset:
            return False
        last = pieces[-1][0] if pieces else None
        ins = self._inserted(new, last.find(qn("w:rPr")) if last is not None else None)
        if last is not None:
            last.addnext(ins)
        else:
            p.append(ins)
        return True

    def _inserted(self, text: str, rpr):
        ins = self.rev.element("w:ins")
        ins.append(self._run(text, rpr, False))
        return ins

    def _split_runs(self, p):
        """[(run, its text)] for the paragraph's direct runs, each run holding one piece of text
        (a run of "a<tab/>b" becomes three runs with the same properties); None when the paragraph
        holds text elsewhere (a hyperlink) or a run holds something else that shows (a field, a
        symbol, a picture), where offsets in the paragraph's text would not be offsets in its runs."""
        if p.find(qn("w:hyperlink")) is not None:
            return None
        out = []
        for run in [r for r in p if r.tag == qn("w:r")]:
            content = [c for c in run if c.tag != qn("w:rPr")]
            if any(c.tag not in SHOWN and c.tag not in UNSHOWN for c in content):
                return None
            texts = [(c, str(c)) for c in content if c.tag in SHOWN]
            if len(texts) <= 1:
                out.append((run, texts[0][1] if texts else ""))
                continue
            rpr = run.find(qn("w:rPr"))
            for child, text in texts:
                piece = OxmlElement("w:r")
                if rpr is not None:
                    piece.append(copy.deepcopy(rpr))
                piece.append(copy.deepcopy(child))
                run.addprevious(piece)
                out.append((piece, text))
            p.remove(run)
        return out

    def _run(self, text: str, rpr, deleted: bool):
        """A run showing `text` (tabs and breaks as their own elements), inserted or deleted; its
        properties without our change record (an id is never shared)."""
        r = OxmlElement("w:r")
        if rpr is not None:
            rpr = copy.deepcopy(rpr)
            for change in rpr.findall(qn("w:rPrChange")):
                rpr.remove(change)
            r.append(rpr)
        chunk = ""

        def flush():
            if chunk:
                t = OxmlElement("w:delText" if deleted else "w:t")
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                t.text = chunk
                r.append(t)

        for ch in text:
            if ch in "\t\n":
                flush()
                chunk = ""
                r.append(OxmlElement("w:tab" if ch == "\t" else "w:br"))
            else:
                chunk += ch
        flush()
        return r
