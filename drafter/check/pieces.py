"""A paragraph as the lines it prints: cut at line breaks (w:br), and at a tab gap into what prints
on the left and on the right, each line keeping its own runs. Offices lay out a signing block this
way: "Nơi nhận:<tabs>KT. CHỦ TỊCH" on one line, or a whole list in one paragraph (check/signing.py).
White or hidden text (a spacer) does not print, so it is left out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .located import Located, Para
from .resolve import Resolver, RunFormat

DASHES = ("-", "+", "•", "–")
GAP = re.compile(r"\S(\t[\t ]*| {4,})(?=\S)")  # a tab, or four spaces or more, between two texts


def is_dash(text: str) -> bool:
    return text.strip().startswith(DASHES)


@dataclass
class Piece(Para):
    """One printed line: a paragraph, or the part of one between line breaks or beside a tab gap.
    helpers.formats reads its own runs, so every rule judges the line, not the whole paragraph."""

    segments: list[tuple[Paragraph, object, str]] = field(default_factory=list)  # (paragraph, w:r, text)
    shown: str = ""
    side: str = "whole"  # whole | left | right of a tab gap

    @property
    def text(self) -> str:  # type: ignore[override]
        return self.shown

    def run_formats(self, resolver: Resolver) -> list[RunFormat]:
        """Formats of the runs that print letters or digits (a "-" or ":" typed in another size is
        invisible), else of any run that prints, else of the paragraph mark."""
        for keep in (lambda t: re.search(r"\w", t), lambda t: t.strip()):
            chosen = [(p, r) for p, r, t in self.segments if keep(t)]
            if chosen:
                return [resolver.run_format(p, Run(r, p)) for p, r in chosen]
        return [resolver.run_format(self.paragraph)]


def _hidden(m: Located, paragraph: Paragraph, r) -> bool:
    """White or hidden text: a spacer that does not print."""
    rpr = r.find(qn("w:rPr"))
    if rpr is not None and rpr.find(qn("w:vanish")) is not None:
        return True
    color = m.resolver.run_format(paragraph, Run(r, paragraph)).color
    return bool(color) and color.upper() == "FFFFFF"


def _own_runs(paragraph: Paragraph):
    """The paragraph's runs, without those of text boxes and alternative content inside it."""
    for r in paragraph._p.iter(qn("w:r")):
        parent = r.getparent()
        while parent is not None and parent is not paragraph._p and parent.tag not in (
                qn("w:p"), qn("w:txbxContent"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"):
            parent = parent.getparent()
        if parent is paragraph._p:
            yield r


def _lines(m: Located, block: Para) -> list[list[tuple[Paragraph, object, str]]]:
    """The paragraph's visible runs as (paragraph, run, text), cut into lines at line breaks."""
    lines: list[list[tuple[Paragraph, object, str]]] = [[]]
    for r in _own_runs(block.paragraph):
        if _hidden(m, block.paragraph, r):
            continue
        for child in r:
            if child.tag == qn("w:t"):
                lines[-1].append((block.paragraph, r, child.text or ""))
            elif child.tag == qn("w:tab"):
                lines[-1].append((block.paragraph, r, "\t"))
            elif child.tag in (qn("w:br"), qn("w:cr")):
                lines.append([])
            elif child.tag == qn("w:noBreakHyphen"):
                lines[-1].append((block.paragraph, r, "-"))
    return lines


def _cut(segments, at: int):
    """Segments before and after character offset `at` of their joined text."""
    before, after, pos = [], [], 0
    for p, r, t in segments:
        if pos + len(t) <= at:
            before.append((p, r, t))
        elif pos >= at:
            after.append((p, r, t))
        else:
            before.append((p, r, t[: at - pos]))
            after.append((p, r, t[at - pos:]))
        pos += len(t)
    return before, after


def pieces(m: Located, block: Para, split_gaps: bool) -> list[Piece]:
    """The printed lines of a paragraph, each cut at a tab gap into left and right when asked."""
    out = []
    for segments in _lines(m, block):
        text = "".join(t for _, _, t in segments)
        if not text.strip():
            continue
        gap = GAP.search(text.strip())
        if gap is not None and not split_gaps and not is_dash(text.strip()[gap.end():]):
            gap = None  # only two recipients typed on one line are split apart in a cell of their own
        if gap is None:
            out.append(_piece(block, segments, "whole"))
            continue
        offset = len(text) - len(text.lstrip())
        left, right = _cut(segments, offset + gap.start() + 1)
        sides = ("left", "right") if split_gaps else ("whole", "whole")
        out += [_piece(block, left, sides[0]), _piece(block, right, sides[1])]
    return out


def _piece(block: Para, segments, side: str) -> Piece:
    shown = unicodedata.normalize("NFC", "".join(t for _, _, t in segments))
    return Piece(block.paragraph, block.number, block.section, block.table, block.cell,
                 segments=segments, shown=shown, side=side)
