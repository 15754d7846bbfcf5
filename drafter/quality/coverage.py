"""Leave-one-out coverage: how much of a real plan drafter would have written for its province had
that plan, and every other source of its province, never been read.

For a shared plan P: draft P's province (its profile, kind and date) from the catalogue and kind
pruned of P's sources (provenance.held_out), then measure against P's text:

- units matched: P's task sentences that some draft text contains 40 % of the bigrams of
  (similarity.SENTENCE_MATCH) — the number the issue asks to raise;
- units attributed: P's task sentences that a surviving catalogue or kind text cites in its
  `sources` (the hand attribution the similarity measure is checked against);
- trigram recall of P's whole text by the draft.

The same measures for the full draft (P's sources kept: what memorising P gives) and for the
drafter's alternative, copying a neighbour: another shared plan with its province's name replaced.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from ..inputs.catalogue import Catalogue
from ..inputs.kind_records import Line, Point, Section
from ..inputs.kinds import Kind, load_kind
from ..inputs.profile import load_profile
from ..plan import PlanRequest, build_draft
from ..plan.records import PlanText
from ..text import similarity
from .passages import Passage, SharedPlan, shared_plans, split_passages
from .provenance import Pruned, held_out, prune_catalogue, prune_kind


@dataclass(frozen=True)
class DraftTexts:
    """A draft as the measures see it: its separate texts (for sentences) and its whole text."""

    texts: tuple[str, ...]

    @property
    def whole(self) -> str:
        return "\n".join(self.texts)

    @classmethod
    def of(cls, plan: PlanText) -> DraftTexts:
        texts = [*plan.header.agency_lines, plan.header.number, plan.header.date_line, "KẾ HOẠCH", plan.summary]
        texts += [b.content for b in plan.body]
        texts += [*plan.recipients, *plan.signature.lines, plan.signature.name]
        if plan.appendix is not None:
            texts += [plan.appendix.label, plan.appendix.title, plan.appendix.ref]
            texts += [" ".join(x for x in (r.stt, r.text, r.lead, r.partners, r.time) if x) for r in plan.appendix.rows]
        return cls(tuple(texts))


@dataclass
class Measure:
    """One draft (or neighbour's text) against one real plan."""

    matched: dict[str, int] = field(default_factory=dict)  # by unit kind
    trigram_recall: float = 0.0

    def total_matched(self) -> int:
        return sum(self.matched.values())


@dataclass
class PlanCoverage:
    plan: str
    units: dict[str, int]  # by unit kind
    full: Measure
    loo: Measure
    attributed_loo: dict[str, int]
    neighbours: dict[str, Measure]
    pruned: Pruned
    misses: list[Passage]  # units the leave-one-out draft does not match

    def total_units(self) -> int:
        return sum(self.units.values())

    def best_neighbour(self) -> tuple[str, Measure]:
        return max(self.neighbours.items(), key=lambda kv: (kv[1].total_matched(), kv[1].trigram_recall))


def draft_texts(plan: SharedPlan, catalogue: Catalogue, kind: Kind) -> DraftTexts:
    profile = load_profile(plan.profile, catalogue)
    request = PlanRequest(profile=profile, kind=kind, catalogue=catalogue, year=plan.year, date=plan.date)
    return DraftTexts.of(build_draft(request).plan)


def measure(units: list[Passage], reference: str, draft: DraftTexts) -> tuple[Measure, list[Passage]]:
    candidates = similarity.Candidates(draft.texts)
    result, misses = Measure(), []
    for unit in units:
        share, _ = candidates.best(unit.text)
        hit = share >= similarity.SENTENCE_MATCH
        result.matched[unit.kind] = result.matched.get(unit.kind, 0) + hit
        if not hit:
            misses.append(unit)
    result.trigram_recall = similarity.trigram_recall(reference, draft.whole)
    return result, misses


def _sources_of(catalogue: Catalogue, kind: Kind) -> list[tuple[str, ...]]:
    """The `sources` of every text left in a (pruned) catalogue and kind: each text's, each of its
    wordings', and the kind's own."""
    out = [p.sources or () for g in catalogue.groups for p in g.points]
    out += [t.sources or () for t in catalogue.tasks]
    out.append(kind.spec.sources)
    for node in kind.spec.nodes():
        if not isinstance(node, Section) and node.sources:
            out.append(node.sources)
        if isinstance(node, Point | Line):
            out += [w.sources for w in node.wordings]
    return out


def neighbour_text(other: SharedPlan, plan: SharedPlan, plans_dir: Path) -> str:
    """Another province's plan with its name replaced: what a drafter gets by copying it."""
    text = other.text(plans_dir)
    for theirs, ours in zip(other.names, plan.names, strict=False):
        text = text.replace(theirs, ours)
    return text


def plan_coverage(plan: SharedPlan, catalogue: Catalogue, reference_dir: Path) -> PlanCoverage:
    plans_dir = reference_dir / "plans"
    reference = plan.text(plans_dir)
    units = plan.passages(plans_dir)
    kind = load_kind(plan.kind, catalogue)
    full, _ = measure(units, reference, draft_texts(plan, catalogue, kind))

    pruned = Pruned()
    excluded = held_out(plan.province, plan.names, reference_dir)
    loo_catalogue, loo_kind = prune_catalogue(catalogue, excluded, pruned), prune_kind(kind, excluded, pruned)
    loo, misses = measure(units, reference, draft_texts(plan, loo_catalogue, loo_kind))

    surviving = _sources_of(loo_catalogue, loo_kind)
    attributed: dict[str, int] = {}
    for unit in units:
        attributed[unit.kind] = attributed.get(unit.kind, 0) + any(unit.cited_by(s) for s in surviving)

    neighbours = {}
    for other in shared_plans():
        if other.key != plan.key:
            copied = neighbour_text(other, plan, plans_dir)
            sentences = tuple(u.text for u in split_passages(other.key, copied.splitlines(), other.rules))
            neighbours[other.key], _ = measure(units, reference, DraftTexts(sentences))
            neighbours[other.key].trigram_recall = similarity.trigram_recall(reference, copied)
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.kind] = counts.get(unit.kind, 0) + 1
    return PlanCoverage(plan.key, counts, full, loo, attributed, neighbours, pruned, misses)


def coverage(catalogue: Catalogue, reference_dir: Path) -> list[PlanCoverage]:
    return [plan_coverage(p, catalogue, reference_dir) for p in shared_plans()]


__all__ = ["DraftTexts", "Measure", "PlanCoverage", "coverage", "dataclasses", "plan_coverage"]
