"""The typed records that cross module seams: what a plan says, what a reviewer changed, and what
drafter generated (the snapshot kept inside each DOCX).

They become plain dicts only at the edges: the DOCX template context (docxio.render), the YAML
overrides file (inputs.overrides) and the JSON snapshot and manifest (docxio.marks, output).
This module imports nothing from drafter, so every layer can use it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

#: Block styles, in the order the template's body loop tests them.
BLOCK_STYLES = ("can_cu", "muc", "khoan_title", "khoan", "diem", "gach", "para")


@dataclass(frozen=True)
class Block:
    """One paragraph of the plan's body.

    `text` is what is printed: before numbering the bare content, after it the label ("1. ",
    "a) ") plus the content (and "./." on the last block). `raw` keeps the content without its
    label, so a reviewer's change can be compared without the numbering it moved to."""

    id: str
    style: str
    text: str
    raw: str | None = None
    mark: str | None = None  # the hidden bookmark naming this block in the DOCX

    @property
    def content(self) -> str:
        return self.raw if self.raw is not None else self.text

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "style": self.style, "text": self.text, "raw": self.content}
        if self.mark is not None:
            out["mark"] = self.mark
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        return cls(str(d["id"]), str(d["style"]), str(d["text"]), _opt_str(d.get("raw")), _opt_str(d.get("mark")))


@dataclass(frozen=True)
class Row:
    """One row of the appendix table: a group heading (group=True) or a task."""

    id: str
    group: bool
    stt: str
    text: str
    lead: str = ""
    partners: str = ""
    time: str = ""
    mark: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "group": self.group, "stt": self.stt, "text": self.text,
               "lead": self.lead, "partners": self.partners, "time": self.time}
        if self.mark is not None:
            out["mark"] = self.mark
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Row:
        return cls(str(d["id"]), bool(d["group"]), str(d["stt"]), str(d["text"]), str(d.get("lead") or ""),
                   str(d.get("partners") or ""), str(d.get("time") or ""), _opt_str(d.get("mark")))

    def cell(self, name: str) -> str:
        """The text of the column named in docxio.columns (stt, text, lead, partners, time)."""
        return getattr(self, name)


@dataclass(frozen=True)
class Header:
    agency_lines: tuple[str, ...]
    number: str
    date_line: str


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class Appendix:
    label: str
    title: str
    ref: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class PlanMeta:
    """Which plan this is; stored in the snapshot so a reviewed file can be read back alone."""

    profile: str
    profile_path: str
    kind: str
    year: int
    date: str | None  # ISO date, or None when left blank for the drafter
    catalogue_version: str

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PlanMeta:
        return cls(str(d.get("profile") or ""), str(d.get("profile_path") or ""), str(d.get("kind") or "nq47"),
                   int(d["year"]), _opt_str(d.get("date")), str(d.get("catalogue_version") or ""))


@dataclass(frozen=True)
class PlanText:
    """Everything a plan says, numbered and punctuated; the template only decides how it looks."""

    header: Header
    summary: str
    body: tuple[Block, ...]
    recipients: tuple[str, ...]
    signature: Signature
    appendix: Appendix | None  # None in the house style that issues the plan as prose only
    meta: PlanMeta

    def context(self) -> dict[str, Any]:
        """The DOCX template's variables. Their names are the template's API: a reviewer's own
        template keeps working as long as these stay."""
        return {
            "header": {"agency_lines": list(self.header.agency_lines), "number": self.header.number,
                       "date_line": self.header.date_line},
            "summary": self.summary,
            "body": [b.to_dict() for b in self.body],
            "recipients": list(self.recipients),
            "signature": {"lines": list(self.signature.lines), "name": self.signature.name},
            # Without an appendix the template still renders its (empty) appendix section, which
            # docxio.structure.drop_appendix then removes: the template stays one file.
            "appendix": {"label": self.appendix.label, "title": self.appendix.title, "ref": self.appendix.ref,
                         "rows": [r.to_dict() for r in self.appendix.rows]} if self.appendix
            else {"label": "", "title": "", "ref": "", "rows": []},
            "meta": dataclasses.asdict(self.meta),
        }


@dataclass(frozen=True)
class Snapshot:
    """What drafter generated, with the bookmark of each block and row: the reference a reviewed
    copy is compared with (review.harvest)."""

    blocks: tuple[Block, ...]
    rows: tuple[Row, ...]
    meta: PlanMeta
    version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "blocks": [b.to_dict() for b in self.blocks],
                "rows": [r.to_dict() for r in self.rows], "meta": dataclasses.asdict(self.meta)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Snapshot:
        """Raises KeyError, TypeError or ValueError on a damaged snapshot; callers turn that into a message."""
        if not isinstance(d, dict):
            raise TypeError("snapshot is not an object")
        return cls(tuple(Block.from_dict(b) for b in d["blocks"]), tuple(Row.from_dict(r) for r in d["rows"]),
                   PlanMeta.from_dict(d["meta"]), int(d.get("version", 1)))


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


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)

