"""Reviewers' changes, kept as data and applied to every later draft of the same profile.

`drafter harvest` writes them; `drafter draft` applies them. One record per changed item:

    - target: task            # task (appendix row) or block (a paragraph of the body)
      id: g3.asean
      action: edit            # edit, delete or add
      text: "Triển khai … năm {nam}"   # the plan year is stored as {nam}, so next year's draft moves it
      lead: "Sở Ngoại vụ"     # appendix cells as the reviewer typed them
      base: "…"               # what drafter had generated: a later catalogue change is a conflict
      from: {year: 2027, kind: annual, file: outputs/dak-lak/annual-2027.docx, harvested: 2027-02-10}

The reviewer's words always win; when the catalogue has changed the same item since, the draft
keeps the reviewer's text and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from . import placeholders
from .errors import ProfileError
from .output import atomic_write
from .schema import validator
from .yamlio import load, validate

HEADER = (
    "# Sửa đổi của người rà soát, do `drafter harvest` ghi lại và `drafter draft` áp dụng cho các bản sau.\n"
    "# Có thể sửa tay: mỗi mục là một nhiệm vụ (task) hoặc một đoạn (block), theo mã của danh mục.\n"
)


def default_path(profile_path: Path, profile_id: str) -> Path:
    return Path(profile_path).parent / "overrides" / f"{profile_id}.yaml"


def load_overrides(path: Path) -> list[dict[str, Any]]:
    if not Path(path).is_file():
        return []
    doc = validate(load(path, ProfileError), validator("overrides"), ProfileError)
    return list(doc.get("changes") or [])


class _PlainDumper(yaml.SafeDumper):
    """No &anchors / *aliases: people read and edit this file."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def save_overrides(path: Path, profile_id: str, changes: list[dict[str, Any]]) -> None:
    body = yaml.dump({"profile": profile_id, "changes": changes}, Dumper=_PlainDumper, allow_unicode=True,
                     sort_keys=False, width=110, default_flow_style=False)
    atomic_write(Path(path), (HEADER + body).encode("utf-8"))


def merge(existing: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A later harvest of the same item replaces the earlier record; other records stay."""
    keys = {(c["target"], c["id"]) for c in new}
    return [c for c in existing if (c["target"], c["id"]) not in keys] + new


def templatize(text: str, year: int) -> tuple[str, bool]:
    """Store the plan year as {nam} (and the year before as {nam_truoc}) so it moves next year.

    Text with braces of its own is kept literally: it must never be read as a placeholder."""
    if "{" in text or "}" in text:
        return text, True
    text = re.sub(rf"(?<!\d){year}(?!\d)", "{nam}", text)
    return re.sub(rf"(?<!\d){year - 1}(?!\d)", "{nam_truoc}", text), False


def fill(change: dict[str, Any], field: str, values: dict[str, str | None]) -> str | None:
    value = change.get(field)
    if value is None or change.get("literal"):
        return value
    try:
        return placeholders.fill(value, values)
    except placeholders.MissingValue:
        return value


def stamp(year: int, kind: str, file: Path | str) -> dict[str, Any]:
    return {"year": year, "kind": kind, "file": str(file), "harvested": dt.date.today().isoformat()}
