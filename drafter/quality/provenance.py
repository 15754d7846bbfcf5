"""Where each catalogue point, task and plan-kind text comes from, and the catalogue and kind a
province would get if one plan had never been read.

Every point, task and kind text lists its `sources`: "gia-lai-516:77" (a line of a shared plan),
"src:lao-cai-34-2021" (a document of evidence/source-documents.yaml) or a line of a shared
reference file ("annual-plan-sources:57"). Holding out a plan removes every source of its
province: its own lines, the province's other documents, and reference lines that speak of the
province (a summary line about "Gia Lai 2023" is not independent of Gia Lai 2023). A text none of
whose sources survive is left out; a text with no `sources` at all is kept and counted, so the
report can say how much of a draft rests on unsourced skeleton.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TypeVar

from ..inputs.catalogue import Catalogue, Group
from ..inputs.evidence import SourceDocuments, document_key
from ..inputs.kind_records import Frame, Item, Line, Point, Sources
from ..inputs.kinds import Kind, choose_wordings

#: A predicate on a source reference: True when the reference must be ignored.
Excluded = Callable[[str], bool]
P = TypeVar("P", bound=Point)


def line_of(ref: str) -> int | None:
    """77 for "gia-lai-516:77"; None for a document without a line."""
    if ref.startswith("src:"):
        return None
    _, _, tail = ref.partition(":")
    return int(tail) if tail.isdigit() else None


def held_out(province: str, names: Iterable[str], reference_dir: Path | None = None,
             documents: SourceDocuments | None = None) -> Excluded:
    """The references a draft for `province` may not use when its plan is the one left out."""
    documents = documents or SourceDocuments.bundled()
    names = tuple(names)

    def excluded(ref: str) -> bool:
        if documents.province(ref) == province:
            return True
        line = line_of(ref)
        if line is None or reference_dir is None:
            return False
        text = _reference_line(reference_dir, document_key(ref), line)
        return any(name in text for name in names)

    return excluded


@cache
def _reference_lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines()) if path.is_file() else ()


def _reference_line(reference_dir: Path, key: str, line: int) -> str:
    """A line of a shared reference file (annual-plan-sources → sources/annual-plan-sources.md)."""
    for candidate in (reference_dir / f"{key}.md", reference_dir / "sources" / f"{key}.md"):
        lines = _reference_lines(candidate)
        if lines:
            return lines[line - 1] if 0 < line <= len(lines) else ""
    return ""


@dataclass
class Pruned:
    """What leaving sources out removed, and what it kept only because it has no sources."""

    removed: list[str] = dataclasses.field(default_factory=list)
    unsourced: list[str] = dataclasses.field(default_factory=list)


def _survives(sources: Sources, excluded: Excluded, where: str, pruned: Pruned, inherited: Sources = None) -> bool:
    sources = sources if sources is not None else inherited
    if sources is None:
        pruned.unsourced.append(where)
        return True
    if any(not excluded(ref) for ref in sources):
        return True
    pruned.removed.append(where)
    return False


def prune_catalogue(catalogue: Catalogue, excluded: Excluded, pruned: Pruned) -> Catalogue:
    """The catalogue without the points and tasks that only the excluded sources carry. A detail
    line whose parent point is gone becomes a lettered point of its own."""
    groups = []
    for group in catalogue.groups:
        kept = [p for p in group.points if _survives(p.sources, excluded, p.id, pruned)]
        ids = {p.id for p in kept}
        points = tuple(replace(p, parent=None) if p.parent not in ids | {None} else p for p in kept)
        groups.append(Group(group.id, group.title, points))
    tasks = tuple(t for t in catalogue.tasks if _survives(t.sources, excluded, t.id, pruned))
    return replace(catalogue, groups=tuple(groups), tasks=tasks)


def prune_kind(kind: Kind, excluded: Excluded, pruned: Pruned) -> Kind:
    """The plan kind without the texts only the excluded sources carry. A text given as several
    wordings loses the excluded ones and reads as the medoid of the rest (inputs.wordings): the
    held-out province never gets its own phrasing back because another plan says the same thing.
    Headings, căn cứ (cited from dated knowledge) and the appendix frame are structure and stay."""
    spec = choose_wordings(kind.spec, excluded)

    def lines(entries: tuple[Line, ...], where: str, inherited: Sources) -> tuple[Line, ...]:
        return tuple(e for i, e in enumerate(entries, start=1)
                     if _survives(e.sources, excluded, f"{where}.{i}", pruned, inherited))

    def points(entries: tuple[P, ...]) -> tuple[P, ...]:
        """An item whose own words only the held-out plan carries stays, as a heading, when lines
        under it survive: the topic exists, only its heading's wording came from that plan."""
        out = []
        for point in entries:
            own = _survives(point.sources, excluded, point.id, Pruned())
            kept = replace(point, bullets=lines(point.bullets, point.id, point.sources),
                           paras=lines(point.paras, point.id, point.sources))
            if isinstance(kept, Item):
                kept = replace(kept, points=points(kept.points))
            if own or kept.bullets or kept.paras or (isinstance(kept, Item) and kept.points):
                out.append(kept)
            else:
                pruned.removed.append(point.id)
        return tuple(out)

    def frames(entries: tuple[Frame, ...]) -> tuple[Frame, ...]:
        """A paragraph of the frame has no lines of its own: it stays when its own sources do."""
        out = []
        for frame in entries:
            if _survives(frame.sources, excluded, frame.id, Pruned()):
                out.append(frame)
            else:
                pruned.removed.append(frame.id)
        return tuple(out)

    sections = tuple(replace(s, items=points(s.items), closing=frames(s.closing)) for s in spec.sections)
    closing, intro = frames(spec.closing), frames(spec.intro)
    duties = tuple(replace(d, bullets=lines(d.bullets, f"duty.{d.role}", d.sources)) for d in spec.duties
                   if _survives(d.sources, excluded, f"duty.{d.role}", pruned))
    return replace(kind, spec=replace(spec, sections=sections, closing=closing, intro=intro, duties=duties))
