"""The edits made to a plan: a reviewer's (harvested from a reviewed DOCX, kept in an overrides
file) and a profile's own `tasks:` edits.

They sit on the ground floor because three layers meet them: inputs reads them from YAML
(inputs.overrides), plan applies them (plan.changes) and review writes them (review.harvest).
This module imports nothing from drafter.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Stamp:
    """Where a reviewer's change was harvested from."""

    year: int | None = None
    kind: str | None = None
    file: str | None = None
    harvested: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Change:
    """One change to one item of a plan: a task (appendix row) or a block (body paragraph).

    Reviewers' changes (origin "reviewer", harvested from a reviewed DOCX) carry text and agency
    names as typed; a profile's own `tasks:` edits (origin "profile") carry catalogue-style text
    and roles, and an added task in full. Both go through plan.changes.apply_task_changes."""

    target: str  # task | block
    id: str
    action: str  # edit | delete | add
    text: str | None = None
    lead: str | None = None  # agency names as the reviewer typed them
    partners: str | None = None
    time: str | None = None
    style: str | None = None  # a block added by a reviewer
    group: str | None = None  # a task added by a reviewer
    after: str | None = None  # the item an added one follows
    base: str | None = None  # what drafter had generated: a later catalogue change is a conflict
    literal: bool = False  # text with braces of its own: never filled as placeholders
    stamp: Stamp | None = None
    origin: str = "reviewer"  # reviewer | profile
    lead_roles: tuple[str, ...] | None = None  # profile edits: roles, resolved to this province's names
    partner_roles: tuple[str, ...] | None = None
    task: Any = None  # profile adds: the inputs.catalogue.Task to add

    #: the order of keys in an overrides file, for people who read it
    _FIELDS = ("target", "id", "action", "style", "group", "after", "text", "lead", "partners", "time", "base")

    @property
    def by_profile(self) -> bool:
        return self.origin == "profile"

    def edits(self, name: str) -> bool:
        """Whether this edit sets the field (None means "left as generated")."""
        return getattr(self, name) is not None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self._FIELDS:
            value = getattr(self, name)
            if value is not None or (name == "after" and self.action == "add"):
                out[name] = value
        if self.literal:
            out["literal"] = True
        if self.stamp is not None:
            out["from"] = self.stamp.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        stamp = d.get("from")
        return cls(
            target=d["target"], id=d["id"], action=d["action"], text=d.get("text"), lead=d.get("lead"),
            partners=d.get("partners"), time=d.get("time"), style=d.get("style"), group=d.get("group"),
            after=d.get("after"), base=d.get("base"), literal=bool(d.get("literal")),
            stamp=Stamp(**{k: stamp.get(k) for k in ("year", "kind", "file", "harvested")}) if stamp else None,
        )
