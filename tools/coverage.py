"""Leave-one-out coverage of the shared plans (issue 10): how much of a real plan drafter writes for
its province when that plan, and every other source of that province, was never read.

For each plan in ../shared/reference/plans/: its task sentences (units), how many the full draft
matches, how many the leave-one-out draft matches (the honest number), how many the hand
attribution says a surviving text carries, and the same for "copy a neighbour's plan and replace
the name". Trigram recall of the whole plan alongside. Definitions: drafter/quality/coverage.py.

    python tools/coverage.py [--reference ../shared/reference] [--misses] [--calibrate] [--f1]

--f1 measures both ways with the team's word scorer (../shared/tools/fidelity.py): one line per
shared plan, `loo-f1 <plan> draft=<F1> neighbour=<F1> words=<draft words>/<real words>`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.inputs.catalogue import bundled  # noqa: E402
from drafter.inputs.kinds import load_kind  # noqa: E402
from drafter.quality.coverage import PlanCoverage, _sources_of, coverage, draft_texts  # noqa: E402
from drafter.quality.passages import shared_plans  # noqa: E402
from drafter.text import similarity  # noqa: E402


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "–"


def report(results: list[PlanCoverage]) -> str:
    lines = ["| plan | units | full draft | leave-one-out | attributed (LOO) | best neighbour copy | "
             "trigrams full / LOO / neighbour |", "|---|---|---|---|---|---|---|"]
    for c in results:
        n = c.total_units()
        name, neighbour = c.best_neighbour()
        lines.append(f"| {c.plan} | {n} | {share(c.full.total_matched(), n)} | {share(c.loo.total_matched(), n)} | "
                     f"{share(sum(c.attributed_loo.values()), n)} | {share(neighbour.total_matched(), n)} ({name}) | "
                     f"{c.full.trigram_recall:.1%} / {c.loo.trigram_recall:.1%} / {neighbour.trigram_recall:.1%} |")
    lines.append("")
    for c in results:
        kinds = ", ".join(f"{k} {c.loo.matched.get(k, 0)}/{v}" for k, v in c.units.items())
        lines.append(f"- {c.plan}: leave-one-out by part: {kinds}; texts removed: {len(c.pruned.removed)} "
                     f"({', '.join(c.pruned.removed) or '–'}); unsourced texts kept: {len(c.pruned.unsourced)}")
    return "\n".join(lines)


def misses(results: list[PlanCoverage]) -> str:
    return "\n".join(f"{c.plan}:{u.start} {u.kind}: {u.text[:140]}" for c in results for u in c.misses)


def calibrate(reference: Path) -> str:
    """How often sentence matching agrees with the hand attribution, by threshold (full drafts)."""
    catalogue = bundled()
    pairs = []
    for plan in shared_plans():
        kind = load_kind(plan.kind, catalogue)
        candidates = similarity.Candidates(draft_texts(plan, catalogue, kind).texts)
        sources = _sources_of(catalogue, kind)
        for unit in plan.passages(reference / "plans"):
            pairs.append((any(unit.cited_by(s) for s in sources), candidates.best(unit.text)[0]))
    out = ["threshold | matched | matched but not attributed"]
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6):
        matched = [a for a, s in pairs if s >= threshold]
        out.append(f"{threshold:.2f} | {len(matched)}/{len(pairs)} | {sum(not a for a in matched)}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    parser.add_argument("--misses", action="store_true", help="list the sentences the leave-one-out draft misses")
    parser.add_argument("--calibrate", action="store_true", help="agreement with the hand attribution by threshold")
    parser.add_argument("--f1", action="store_true", help="leave-one-out F1 against a neighbour copy")
    parser.add_argument("--scorer", type=Path, default=REPO.parent / "shared" / "tools" / "fidelity.py")
    args = parser.parse_args()
    if not (args.reference / "plans").is_dir():
        print(f"no shared plans under {args.reference}", file=sys.stderr)
        return 2
    if args.calibrate:
        print(calibrate(args.reference))
        return 0
    if args.f1:
        from drafter.quality.fidelity import leave_one_out_f1

        for plan in shared_plans():
            print(leave_one_out_f1(plan, bundled(), args.reference, args.scorer).line())
        return 0
    results = coverage(bundled(), args.reference)
    print(report(results))
    if args.misses:
        print(misses(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
