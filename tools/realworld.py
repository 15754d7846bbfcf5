"""`drafter check` on the documents people wrote (../shared/realworld/docs/), against the verdicts a
person gave each error (tests/data/realworld/*.yaml; definitions in drafter/quality/judged.py).

    python tools/realworld.py score [--list]        precision and recall now; --list the wrong and unjudged errors
    python tools/realworld.py todo RULES OUT.yaml   the unjudged errors of rules starting with RULES
                                                    (e.g. "S" or "C1,C2"), as entries to judge (verdict: TODO)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.quality.judged import load_judgements, reported_errors, score  # noqa: E402

DOCS = REPO.parent / "shared" / "realworld" / "docs"
JUDGED = REPO / "tests" / "data" / "realworld"


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("score")
    s.add_argument("--list", action="store_true")
    t = sub.add_parser("todo")
    t.add_argument("rules")
    t.add_argument("out", type=Path)
    parser.add_argument("--docs", type=Path, default=DOCS)
    args = parser.parse_args()
    reported = reported_errors(args.docs)
    result = score(reported, load_judgements(JUDGED))
    if args.cmd == "score":
        print(f"errors={result.errors} real={result.real} unclear={result.unclear} "
              f"wrong={len(result.wrong)} unjudged={len(result.unjudged)} "
              f"precision={result.precision:.3f} recall={result.recall:.3f} "
              f"({result.real_found}/{result.real_total})")
        print("not real, by rule:", dict(result.by_rule().most_common()))
        if args.list:
            for r, why in result.wrong:
                print(f"WRONG {r.doc} {r.rule} ¶{r.para} «{r.text}» {r.message} — {why}")
            for r in result.unjudged:
                print(f"UNJUDGED {r.doc} {r.rule} ¶{r.para} «{r.text}» {r.message}")
            for j in result.missed:
                print(f"MISSED {j.doc} {j.rule} ¶{j.para} «{j.text}» — {j.why}")
        return 0
    prefixes = tuple(p.strip() for p in args.rules.split(","))
    todo = [{"doc": r.doc, "rule": r.rule, "para": r.para, "text": r.text, "message": r.message,
             "verdict": "TODO", "why": ""} for r in result.unjudged if r.rule.startswith(prefixes)]
    args.out.write_text(yaml.safe_dump(todo, allow_unicode=True, sort_keys=False, width=140), encoding="utf-8")
    print(f"{len(todo)} errors to judge → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
