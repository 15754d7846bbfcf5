"""The checks a province profile gets beyond its schema: roles, task ids and documents exist, the
id is the file's name, and (a warning) no text still names another province — the trap of a
profile copied from a neighbour and half edited.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Problem
from . import registry
from .catalogue import Catalogue
from .crossref import Checker, did_you_mean, unknown_role_message
from .knowledge import bundled as bundled_knowledge
from .yamlio import Loaded


def _problem(loaded: Loaded, key_path: tuple, message: str) -> Problem:
    return loaded.problem(key_path, message)


def cross_check(loaded: Loaded, doc: dict[str, Any], catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    if doc.get("id") and doc["id"] != Path(loaded.path).stem:
        problems.append(_problem(loaded, ("id",), f"id {doc['id']!r} khác tên tệp {Path(loaded.path).stem!r}: hai hồ "
                                                  "sơ cùng id dùng chung tệp sửa đổi của người rà soát; đặt id bằng "
                                                  "tên tệp (hoặc bỏ dòng id)"))
    agencies = doc["agencies"]
    for role in agencies:
        if role not in catalogue.roles:
            problems.append(_problem(loaded, ("agencies", role), unknown_role_message(role, catalogue.roles)))
    for key, role in catalogue.roles.items():
        if role.required and key not in agencies:
            problems.append(_problem(loaded, ("agencies",),
                                     f"thiếu vai trò bắt buộc `{key}` ({role.label})"))
    overrides = doc.get("tasks") or {}
    added = overrides.get("add") or []
    known_ids = set(catalogue.task_ids())
    checker = Checker(loaded, set(catalogue.roles), catalogue.placeholders())
    checker.task_ids = {tid: ("tasks",) for tid in known_ids}
    group_ids = catalogue.group_ids()
    for i, task in enumerate(added):
        checker.task(("tasks", "add", i), task, group_ids)
    problems.extend(checker.problems)
    all_ids = known_ids | {t["id"] for t in added}

    def unknown_id(key_path: tuple, tid: str) -> None:
        hint = did_you_mean(tid, sorted(all_ids)) or "; xem `drafter tasks`"
        problems.append(_problem(loaded, key_path, f"không có nhiệm vụ mã {tid!r}{hint}"))

    for i, tid in enumerate(overrides.get("drop") or []):
        if tid not in all_ids:
            unknown_id(("tasks", "drop", i), tid)
    for section in ("reword", "leads"):
        for tid in overrides.get(section) or {}:
            if tid not in all_ids:
                unknown_id(("tasks", section, tid), tid)
    for tid, change in (overrides.get("leads") or {}).items():
        for column in ("lead", "partners"):
            for i, role in enumerate(change.get(column) or []):
                if role not in catalogue.roles:
                    problems.append(_problem(loaded, ("tasks", "leads", tid, column, i),
                                             unknown_role_message(role, catalogue.roles)))
    return problems + _deadline_problems(loaded, doc) + _document_problems(loaded, doc)


#: Days in each month of a common year: a deadline recurs every year, so 29/02 is not one.
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _deadline_problems(loaded: Loaded, doc: dict[str, Any]) -> list[Problem]:
    """A reporting deadline the schema's pattern lets through but no calendar has (31/02, 31/04):
    the plan would print a date that does not exist."""
    out = []
    for key, value in (doc.get("reporting") or {}).items():
        day, _, month = str(value or "").partition("/")
        if day.isdigit() and month.isdigit() and 1 <= int(month) <= 12 and int(day) > _MONTH_DAYS[int(month) - 1]:
            leap = " (chỉ có trong năm nhuận; hạn hằng năm chọn 28/02 hoặc 01/3)" if value.startswith("29") else ""
            out.append(_problem(loaded, ("reporting", key), f"«{value}»: không có ngày {int(day)} tháng "
                                                             f"{int(month)}{leap}"))
    return out


def cross_check_raw(loaded: Loaded, catalogue: Catalogue) -> list[Problem]:
    data = loaded.data if isinstance(loaded.data, dict) else {}
    safe = {"agencies": data.get("agencies") if isinstance(data.get("agencies"), dict) else {},
            "tasks": data.get("tasks") if isinstance(data.get("tasks"), dict) else {}}
    for key in ("documents", "legal_bases", "replaces", "programmes"):
        safe[key] = [x for x in data.get(key) or [] if isinstance(x, (dict, str))] if isinstance(data.get(key), list) \
            else []
    try:
        return cross_check(loaded, safe, catalogue)
    except (KeyError, TypeError, AttributeError, ValueError):
        return []  # too malformed to say more than the schema did


def _document_problems(loaded: Loaded, doc: dict[str, Any]) -> list[Problem]:
    """The province's own documents do not reuse a national id; every reference names a document."""
    national = bundled_knowledge().documents
    own: dict[str, tuple] = {}
    problems: list[Problem] = []
    for i, record in enumerate(doc.get("documents") or []):
        if record["id"] in national:
            problems.append(_problem(loaded, ("documents", i, "id"),
                                     f"mã {record['id']!r} đã là một văn bản trung ương trong documents.yaml; "
                                     "dẫn trực tiếp mã đó hoặc đặt mã khác"))
        elif record["id"] in own:
            problems.append(_problem(loaded, ("documents", i, "id"), f"mã {record['id']!r} bị trùng"))
        own[record["id"]] = ("documents", i)
    known = set(national) | set(own)

    def check(key_path: tuple, ref: str) -> None:
        if ref not in known:
            hint = did_you_mean(ref, sorted(known)) or "; khai văn bản ở mục documents: của hồ sơ"
            problems.append(_problem(loaded, key_path, f"không có văn bản mã {ref!r}{hint}"))

    for field_name in ("legal_bases", "replaces", "programmes"):
        for i, ref in enumerate(doc.get(field_name) or []):
            check((field_name, i), ref)
    for field_name in ("guidance", "previous_plans"):
        for year, ref in (doc.get(field_name) or {}).items():
            check((field_name, year), ref)
    if doc.get("provincial_planning"):
        check(("provincial_planning",), doc["provincial_planning"])
    return problems




def copy_trap(loaded: Loaded, doc: dict[str, Any]) -> list[str]:
    """Warnings for agencies, recipients or a slogan that name a province other than the profile's
    own (or the ones merged into it): a copied profile keeps "Báo Phú Thọ" under Tuyên Quang."""
    own = {doc["province"]["name"], *_merged_into(doc)}
    others = {name for unit in registry.bundled().units for name in (unit.name, *unit.merged_from)} - own
    found = []
    texts = [(f"agencies.{k}", v) for k, v in (doc.get("agencies") or {}).items()]
    texts += [(f"recipients[{i}]", v) for i, v in enumerate(doc.get("recipients") or [])]
    texts += [("brand_slogan", doc["brand_slogan"])] if doc.get("brand_slogan") else []
    for where, text in texts:
        named = sorted(n for n in others if _names(str(text), n))
        if named and not any(_names(str(text), n) for n in own):  # "Cục Hải quan Gia Lai - Kon Tum" is Gia Lai's
            found.append(f"{Path(loaded.path).name}: {where}: «{text}» nêu tên {', '.join(named)}, không phải "
                         f"{doc['province']['name']}: hồ sơ chép từ tỉnh khác? Sửa lại nếu đúng vậy")
    return found


def _names(text: str, name: str) -> bool:
    """`name` as whole words in `text` (the substring test first: most of the 34 units' names are
    absent, and compiling a pattern for each was 10 ms of every profile load)."""
    return name in text and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _merged_into(doc: dict[str, Any]) -> tuple[str, ...]:
    unit = registry.bundled().find(doc["province"]["name"])
    return unit.merged_from if unit else ()
