"""Reviewers' changes as a YAML file, kept beside the profile and applied to every later draft.

`drafter harvest` writes it; `drafter draft` applies it. One record per changed item:

    - target: task            # task (appendix row) or block (a paragraph of the body)
      id: g3.asean
      action: edit            # edit, delete or add
      text: "Triển khai … năm {nam}"   # the plan year is stored as {nam}, so next year's draft moves it
      lead: "Sở Ngoại vụ"     # appendix cells as the reviewer typed them
      base: "…"               # what drafter had generated: a later catalogue change is a conflict
      from: {year: 2027, kind: annual, file: outputs/dak-lak/annual-2027.docx, harvested: 2027-02-10}

This module is the YAML edge: records are plan.records.Change everywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import ProfileError
from ..output import atomic_write
from ..plan.records import Change
from .schema import validator
from .yamlio import load, validate

HEADER = (
    "# Sửa đổi của người rà soát, do `drafter harvest` ghi lại và `drafter draft` áp dụng cho các bản sau.\n"
    "# Có thể sửa tay: mỗi mục là một nhiệm vụ (task) hoặc một đoạn (block), theo mã của danh mục.\n"
)


def default_path(profile_path: Path, profile_id: str) -> Path:
    return Path(profile_path).parent / "overrides" / f"{profile_id}.yaml"


def load_overrides(path: Path) -> list[Change]:
    if not Path(path).is_file():
        return []
    doc = validate(load(path, ProfileError), validator("overrides"), ProfileError)
    return [Change.from_dict(c) for c in doc.get("changes") or []]


class _PlainDumper(yaml.SafeDumper):
    """No &anchors / *aliases: people read and edit this file."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def save_overrides(path: Path, profile_id: str, changes: list[Change]) -> None:
    body = yaml.dump({"profile": profile_id, "changes": [c.to_dict() for c in changes]}, Dumper=_PlainDumper,
                     allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    atomic_write(Path(path), (HEADER + body).encode("utf-8"))


def merge(existing: list[Change], new: list[Change]) -> list[Change]:
    """A later harvest of the same item replaces the earlier record; other records stay."""
    keys = {(c.target, c.id) for c in new}
    return [c for c in existing if (c.target, c.id) not in keys] + new
