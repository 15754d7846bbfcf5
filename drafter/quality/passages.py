"""The task sentences of a real plan, found by the line rules of evidence/shared-plans.yaml.

A plan extracted from PDF wraps its lines, so a passage is not a line: it starts at a line matching
its range's `starts` rule and runs to the next start, the next heading (`skip`) or the end of the
range.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..inputs.evidence import EVIDENCE_DIR


@dataclass(frozen=True)
class Passage:
    plan: str
    kind: str  # body | tcth | row | duty
    start: int
    end: int
    text: str

    def cited_by(self, refs: tuple[str, ...] | list[str]) -> bool:
        """Some reference names a line of this unit ("gia-lai-516:77")."""
        for ref in refs:
            key, _, line = ref.partition(":")
            if key == self.plan and line.isdigit() and self.start <= int(line) <= self.end:
                return True
        return False


@dataclass(frozen=True)
class SharedPlan:
    """One of the real plans in shared/reference/plans and how to draft its province."""

    key: str
    file: str
    province: str
    names: tuple[str, ...]
    profile: str
    kind: str
    year: int
    date: dt.date | None
    rules: tuple[dict, ...]

    def text(self, plans_dir: Path) -> str:
        return (plans_dir / self.file).read_text(encoding="utf-8")

    def passages(self, plans_dir: Path) -> list[Passage]:
        return split_passages(self.key, self.text(plans_dir).splitlines(), self.rules)


@cache
def shared_plans() -> tuple[SharedPlan, ...]:
    data = yaml.safe_load((EVIDENCE_DIR / "shared-plans.yaml").read_text(encoding="utf-8"))
    return tuple(SharedPlan(key, p["file"], p["province"], tuple(p["names"]), p["profile"], p["kind"], p["year"],
                            p.get("date"), tuple(p["units"])) for key, p in data["plans"].items())


def split_passages(plan: str, lines: list[str], rules: tuple[dict, ...]) -> list[Passage]:
    units: list[Passage] = []
    for rule in rules:
        starts, skip = re.compile(rule["starts"]), re.compile(rule["skip"]) if rule.get("skip") else None
        last = min(rule["to"], len(lines))
        begun: int | None = None  # the first line of the unit being read
        for number in range(rule["from"], last + 2):  # one past the end closes the last unit
            line = lines[number - 1].strip() if number <= last else ""
            boundary = number > last or bool(line and ((skip and skip.search(line)) or starts.search(line)))
            if boundary and begun is not None:
                units.append(_passage(plan, rule["kind"], lines, begun, number - 1))
                begun = None
            if number <= last and line and starts.search(line) and not (skip and skip.search(line)):
                begun = number
    return units


def _passage(plan: str, kind: str, lines: list[str], first: int, last: int) -> Passage:
    text = " ".join(s for s in (lines[i - 1].strip() for i in range(first, last + 1)) if s and s != "|")
    return Passage(plan, kind, first, last, text)
