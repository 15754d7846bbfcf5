"""The typed records of a plan: what it says and what drafter generated (the snapshot kept inside
each DOCX). The edits made to a plan (a reviewer's, a profile's) are `drafter.edits`, one floor down,
since the inputs read them before any plan exists.

They become plain dicts only at the edges: the DOCX template context (docxio.render) and the JSON
snapshot and manifest (docxio.marks, output).
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


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)

