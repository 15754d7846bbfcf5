"""Reviewers' changes as a YAML file, kept beside the profile and applied to every later draft.

`drafter harvest` writes it; `drafter draft` applies it. One record per changed item:

    - target: task            # task (appendix row) or block (a paragraph of the body)
      id: g3.asean
      action: edit            # edit, delete or add
      text: "Triển khai … năm {nam}"   # the plan year is stored as {nam}, so next year's draft moves it
      lead: "Sở Ngoại vụ"     # appendix cells as the reviewer typed them
      base: "…"               # what drafter had generated: a later catalogue change is a conflict
      from: {year: 2027, kind: annual, file: outputs/dak-lak-2026/annual-2027.docx, harvested: 2027-02-10}

This module is the YAML edge: records are drafter.edits.Change everywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..edits import Change
from ..errors import ProfileError
from ..output import atomic_write
from ..resources import profiles_dir
from ..text import placeholders
from .catalogue import Catalogue
from .messages import validate
from .schema import validator
from .yamlio import display_path, load

HEADER = (
    "# Sửa đổi của người rà soát, do `drafter harvest` ghi lại và `drafter draft` áp dụng cho các bản sau.\n"
    "# Có thể sửa tay: mỗi mục là một nhiệm vụ (task) hoặc một đoạn (block), theo mã của danh mục.\n"
)


#: The user's own profiles folder, relative to the working folder (where `drafter new` writes).
USER_PROFILES = Path("profiles")


def default_path(profile_path: Path, profile_id: str, user_dir: Path | None = None) -> Path:
    """Where a profile's reviewers' edits live: beside a person's own profile, and for a profile
    bundled with drafter in the user's profiles folder (the working folder's profiles/, or the
    page's --profiles). Never inside an installed package: an upgrade would drop the edits, and
    the package may belong to another user."""
    base = Path(user_dir or USER_PROFILES) if is_bundled(profile_path) else Path(profile_path).parent
    return base / "overrides" / f"{profile_id}.yaml"


def readable_path(profile_path: Path, profile_id: str, user_dir: Path | None = None) -> Path:
    """The file to read edits from: the user's, else one an earlier drafter wrote beside a bundled
    profile (inside the package), so edits harvested before are still applied until re-harvested."""
    path = default_path(profile_path, profile_id, user_dir)
    earlier = Path(profile_path).parent / "overrides" / f"{profile_id}.yaml"
    return earlier if not path.is_file() and is_bundled(profile_path) and earlier.is_file() else path


def is_bundled(profile_path: Path) -> bool:
    try:
        Path(profile_path).resolve().relative_to(profiles_dir().resolve())
    except (ValueError, OSError):
        return False
    return True


def load_overrides(path: Path, *, profile_id: str | None = None, catalogue: Catalogue | None = None,
                   required: bool = False) -> list[Change]:
    """The reviewers' changes in a file, checked so none is dropped without a word: the file must be
    this profile's, an added task needs a known group and a text, an added paragraph needs the one
    it follows, and a text may use only placeholders drafter knows (or be marked `literal`).

    Only a file found by default may be missing (a profile nobody has reviewed yet); a file the
    person named (`required`) must exist, and a folder or a device is refused, not skipped: a
    silently skipped file is the reviewers' edits lost without a word."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        if required:
            raise ProfileError.single(display_path(path), "không tìm thấy tệp sửa đổi của người rà soát (--overrides); "
                                                 "kiểm tra lại đường dẫn, hoặc bỏ --overrides")
        return []
    loaded = load(path, ProfileError)
    doc = validate(loaded, validator("overrides"), ProfileError)
    problems = []
    if profile_id is not None and doc["profile"] != profile_id:
        problems.append(loaded.problem(("profile",), f"tệp sửa đổi này dành cho hồ sơ {doc['profile']!r}, không phải "
                                                     f"{profile_id!r}; dùng --overrides với đúng tệp của hồ sơ"))
    known = (catalogue.placeholders() if catalogue else frozenset()) | {"nam", "nam_truoc"}
    groups = catalogue.group_ids() if catalogue else None
    for i, change in enumerate(doc.get("changes") or []):
        at = ("changes", i)
        if change["action"] == "add":
            if not change.get("text"):
                problems.append(loaded.problem(at, "mục thêm (add) cần text: nội dung người rà soát đã thêm"))
            if change["target"] == "task" and not change.get("group"):
                problems.append(loaded.problem(at, "nhiệm vụ thêm (add) cần group: nhóm g1 … g5 của phụ lục"))
            elif change["target"] == "task" and groups is not None and change["group"] not in groups:
                problems.append(loaded.problem(at + ("group",), f"không có nhóm {change['group']!r}; có: "
                                                                f"{', '.join(sorted(groups))}"))
            if change["target"] == "block" and not change.get("after"):
                problems.append(loaded.problem(at, "đoạn thêm (add) cần after: mã đoạn đứng trước nó"))
        if catalogue is not None and not change.get("literal"):
            for field_name in ("text", "lead", "partners", "time"):
                unknown = placeholders.unknown_names(change.get(field_name) or "", known)
                if unknown:
                    names = ", ".join("{" + n + "}" for n in sorted(unknown))
                    problems.append(loaded.problem(at + (field_name,), f"chỗ điền không có: {names}; sửa lại, hoặc "
                                                                      "thêm `literal: true` để in nguyên văn"))
    if problems:
        raise ProfileError(problems)
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
