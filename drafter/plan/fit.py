"""A draft the size of a real plan: keep what most writers write, leave one province's wording out.

The catalogue holds what every source ever wrote, so a draft with all of it is far longer than any
real plan, and a reviewer deletes a third of it. Each text knows who wrote it (its `sources`,
counted as independent writers: one province is one voice, each central text its own); a draft
keeps the texts most writers share, and drops the least-shared first until it is no longer than
the kind's typical plan (`length:` in the kind, the median real plan of that kind). What no
draft leaves out for length: NQ 47's own items (the catalogue's `core`), texts a central document
carries, the frame (headings, căn cứ, assignments), and what the profile asks for by id
(`tasks: {add_optional: […]}`). What was left out stays one id away: `drafter tasks --optional`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import UserError
from ..inputs.evidence import SourceDocuments
from .records import PlanText

#: How much a draft carries, as a share of the kind's typical length (None: everything).
DETAIL_LEVELS = {"brief": 0.8, "standard": 1.0, "full": None}
_WORD = re.compile(r"\w+")


def check_detail(detail: str) -> None:
    if detail not in DETAIL_LEVELS:
        raise UserError(f"--detail {detail!r}: chỉ nhận {', '.join(DETAIL_LEVELS)} (ngắn, như kế hoạch thật, đầy đủ)")


def words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


@dataclass(frozen=True)
class Candidate:
    """A text a draft may leave out: a point with the lines it owns, a line, or an appendix task."""

    id: str
    support: int  # independent writers that carry it
    words: int
    position: int  # its place in the draft: among equals, the later goes first

    @property
    def order(self) -> tuple[int, int, int]:
        """Least-shared first; among equals the longer, then the later."""
        return (self.support, -self.words, -self.position)


def headings(plan: PlanText) -> frozenset[str]:
    """Blocks that only introduce the lines under them."""
    return frozenset(b.id for b in plan.body if b.style in ("khoan", "khoan_title", "muc"))


def plan_words(plan: PlanText) -> int:
    """Words of the whole document, as a reader (and the fidelity scorer) counts them."""
    texts = [*plan.header.agency_lines, plan.header.number, plan.header.date_line, "KẾ HOẠCH", plan.summary]
    texts += [b.text for b in plan.body] + [*plan.recipients, *plan.signature.lines, plan.signature.name]
    if plan.appendix is not None:
        texts += [plan.appendix.label, plan.appendix.title, plan.appendix.ref]
        texts += [" ".join(x for x in (r.stt, r.text, r.lead, r.partners, r.time) if x) for r in plan.appendix.rows]
    return sum(words(t) for t in texts)


def candidates(plan: PlanText, sources: dict[str, tuple[str, ...]], owner: dict[str, str],
               task_sources: dict[str, tuple[str, ...] | None], keep: frozenset[str],
               documents: SourceDocuments | None = None) -> list[Candidate]:
    """Every text of a built draft that may be left out, with its support and its words (a point
    counts the lines it owns: leaving it out leaves them out)."""
    documents = documents or SourceDocuments.bundled()
    owned: dict[str, int] = {}
    pinned = set()  # points with a line that is never left out: the line needs its point
    for block in plan.body:
        if block.id in owner:
            owned[owner[block.id]] = owned.get(owner[block.id], 0) + words(block.text)
            if block.id not in sources:
                pinned.add(owner[block.id])
    out = []
    for position, block in enumerate(plan.body):
        refs = sources.get(block.id)
        if refs and block.id not in pinned and _may_leave_out(block.id, refs, keep, documents):
            out.append(Candidate(block.id, documents.support(refs), words(block.text) + owned.get(block.id, 0),
                                 position))
    if plan.appendix is not None:
        for position, row in enumerate(plan.appendix.rows, start=len(plan.body)):
            refs, ident = task_sources.get(row.id), f"task:{row.id}"  # tasks have ids of their own
            if not row.group and refs and _may_leave_out(ident, refs, keep, documents):
                text = " ".join(x for x in (row.stt, row.text, row.lead, row.partners, row.time) if x)
                out.append(Candidate(ident, documents.support(refs), words(text), position))
    return out


def _may_leave_out(ident: str, refs: tuple[str, ...], keep: frozenset[str], documents: SourceDocuments) -> bool:
    return ident not in keep and not any(documents.central(r) for r in refs)


def choose(found: list[Candidate], owner: dict[str, str], total: int, budget: int,
           headings: frozenset[str] = frozenset()) -> frozenset[str]:
    """The ids to leave out so the draft is no longer than `budget` words: least-shared first.
    A heading (`headings`: a khoản title whose lines say what it means) keeps its last line; a
    point says something itself, so all its lines may go."""
    out: set[str] = set()
    gone_lines: dict[str, int] = {}  # words already left out with a point's own lines
    lines_left: dict[str, int] = {}  # a point or item's lines still in the draft
    for point in owner.values():
        lines_left[point] = lines_left.get(point, 0) + 1
    for candidate in sorted(found, key=lambda c: c.order):
        if total <= budget:
            break
        point = owner.get(candidate.id)
        if point in out:
            continue  # already gone with the point that owns it
        if point in headings and lines_left[point] == 1:
            continue  # a heading is never left without its last line
        if point is not None:
            lines_left[point] -= 1
        out.add(candidate.id)
        total -= candidate.words - gone_lines.get(candidate.id, 0)
        if candidate.id in owner:
            gone_lines[owner[candidate.id]] = gone_lines.get(owner[candidate.id], 0) + candidate.words
    return frozenset(out)
