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

import copy
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..inputs.catalogue import Catalogue, Group
from ..inputs.evidence import SourceDocuments, document_key
from ..inputs.kinds import Kind, choose_wordings

#: A predicate on a source reference: True when the reference must be ignored.
Excluded = Callable[[str], bool]


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


def _survives(entry: Any, excluded: Excluded, where: str, pruned: Pruned, inherited: list[str] | None = None) -> bool:
    sources = entry.get("sources") if isinstance(entry, dict) else None
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
        kept = [p for p in group.points if _survives(p, excluded, p["id"], pruned)]
        ids = {p["id"] for p in kept}
        points = tuple({k: v for k, v in p.items() if k != "parent"} if p.get("parent") not in ids | {None} else p
                       for p in kept)
        groups.append(Group(group.id, group.title, points))
    tasks = tuple(t for t in catalogue.tasks
                  if _survives({"sources": list(t.sources) if t.sources is not None else None}, excluded, t.id, pruned))
    return dataclasses.replace(catalogue, groups=tuple(groups), tasks=tasks)


def prune_kind(kind: Kind, excluded: Excluded, pruned: Pruned) -> Kind:
    """The plan kind without the texts only the excluded sources carry. A text given as several
    wordings loses the excluded ones and reads as the medoid of the rest (inputs.wordings): the
    held-out province never gets its own phrasing back because another plan says the same thing.
    Headings, căn cứ (cited from dated knowledge) and the appendix frame are structure and stay."""
    spec = copy.deepcopy(kind.spec)
    choose_wordings(spec, excluded)

    def lines(entries: list[Any], where: str, inherited: list[str] | None) -> list[Any]:
        return [e for i, e in enumerate(entries, start=1)
                if _survives(e, excluded, f"{where}.{i}", pruned, inherited)]

    def items(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """An item whose own words only the held-out plan carries stays, as a heading, when lines
        under it survive: the topic exists, only its heading's wording came from that plan."""
        out = []
        for item in entries:
            own = _survives(item, excluded, item["id"], Pruned())
            item["bullets"] = lines(item.get("bullets") or [], item["id"], item.get("sources"))
            item["paras"] = lines(item.get("paras") or [], item["id"], item.get("sources"))
            item["points"] = items(item.get("points") or [])
            if own or item["bullets"] or item["paras"] or item["points"]:
                out.append(item)
            else:
                pruned.removed.append(item["id"])
        return out

    for section in spec["sections"]:
        section["items"] = items(section["items"])
        section["closing"] = items(section["closing"])
    spec["closing"] = items(spec["closing"])
    spec["intro"] = items(spec["intro"])
    duties = []
    for duty in spec["duties"]:
        if _survives(duty, excluded, f"duty.{duty['role']}", pruned):
            duty["bullets"] = lines(duty["bullets"], f"duty.{duty['role']}", duty.get("sources"))
            duties.append(duty)
    spec["duties"] = duties
    return dataclasses.replace(kind, spec=spec)
