"""Cross-reference checks a cerberus schema cannot see, shared by the catalogue, plan kinds and profiles.

Ids unique across a file, every task in a known group, every role and placeholder known, every
condition one drafter can evaluate. A mistake in shared data would otherwise surface as a wrong
sentence in 34 provinces' plans, so each problem is reported at its line like a schema error.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ..errors import Problem
from ..text import placeholders, timeline
from .yamlio import Loaded

#: Conditions a `when:` list may use; "role:<name>" is checked against the roles.
STYLE_KEYS = ("appendix", "section_one", "purpose_split", "opening", "closing", "kl57_basis", "lead_duties",
              "assignments")
CONDITIONS = frozenset({"border", "coastal", "sea_islands", "border_gates", "ethnic_minorities", "ethnic_languages",
                        "replaces", "slogan", "programmes", "anniversaries", "local_anniversaries", "events",
                        "plans_deadline",
                        "half_year_deadline"})


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """ "; có phải ý bạn là `ttdn_lead`?" for a near miss, else ""."""
    guess = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; có phải ý bạn là `{guess[0]}`?" if guess else ""


def unknown_role_message(role: str, roles: Iterable[str]) -> str:
    return f"vai trò {role!r} không có trong danh mục vai trò{did_you_mean(role, roles)}; xem `drafter roles`"


class Checker:
    """Collects cross-reference problems with the line each one is on."""

    def __init__(self, loaded: Loaded, roles: set[str], known_placeholders: frozenset[str],
                 document_refs: frozenset[str] = frozenset()):
        self.loaded = loaded
        self.roles = roles
        self.known = known_placeholders
        self.document_refs = document_refs
        self.problems: list[Problem] = []
        self.ids: dict[str, tuple] = {}  # points and blocks of the body
        self.task_ids: dict[str, tuple] = {}  # appendix tasks (a namespace of their own)

    def add(self, key_path: tuple, message: str) -> None:
        self.problems.append(self.loaded.problem(key_path, message))

    def unique(self, key_path: tuple, ident: str, *, task: bool = False) -> None:
        seen = self.task_ids if task else self.ids
        if ident in seen:
            line = self.loaded.line_of(seen[ident])
            self.add(key_path + ("id",), f"mã {ident!r} bị trùng (đã dùng ở dòng {line})")
        else:
            seen[ident] = key_path

    def text(self, key_path: tuple, text: str) -> None:
        for name in sorted(placeholders.unknown_names(text, self.known, self.document_refs)):
            ref = placeholders.document_ref(name)
            if ref is not None:
                self.document(key_path, ref)
            else:
                self.add(key_path, f"chỗ điền {{{name}}} không tồn tại{did_you_mean(name, sorted(self.known))}")
        if text.count("[[") != text.count("]]"):
            self.add(key_path, "thiếu dấu đóng ]] của phần tùy chọn")
        for part in placeholders.unconditioned_parts(text):
            self.add(key_path, f"phần tùy chọn “[[{part}]]” không có chỗ điền nào nên không bao giờ bị bỏ: "
                               "nêu điều kiện của nó, ví dụ “[[when border: …]]”, hoặc bỏ dấu [[ ]]")
        for part in placeholders.optional_parts(text):
            conditions = placeholders.conditions_of(part)[0]
            self.conditions(key_path, conditions, field=None)

    def wordings(self, key_path: tuple, node: dict[str, Any]) -> None:
        """Each wording of a text is a text of its own: placeholders and optional parts."""
        for i, wording in enumerate(node["wordings"]):
            self.text(key_path + ("wordings", i, "text"), wording["text"])

    def role(self, key_path: tuple, role: str) -> None:
        if role not in self.roles:
            self.add(key_path, unknown_role_message(role, self.roles))

    def conditions(self, key_path: tuple, when: list[str], field: str | None = "when") -> None:
        """Each condition of a `when:` list (field "when") or of a "[[when …: …]]" part (field None)."""
        for i, cond in enumerate(when):
            message = self._condition_problem(cond.removeprefix("!"))
            if message:
                self.add(key_path + ((field, i) if field else ()), message)

    def _condition_problem(self, cond: str) -> str | None:
        if cond.startswith("style:"):
            key = cond.removeprefix("style:").partition("=")[0]
            return None if key in STYLE_KEYS else f"kiểu trình bày {key!r} không có; chỉ nhận: {', '.join(STYLE_KEYS)}"
        if cond.startswith("role:"):
            return None if cond[5:] in self.roles else f"vai trò {cond[5:]!r} không có trong danh mục vai trò"
        if cond not in CONDITIONS:
            return (f"điều kiện {cond!r} không hợp lệ; chỉ nhận: {', '.join(sorted(CONDITIONS))}, role:<vai trò> "
                    "(thêm ! ở trước để phủ định)")
        return None

    def task(self, key_path: tuple, task: dict[str, Any], groups: set[str]) -> None:
        self.unique(key_path, task["id"], task=True)
        if task["group"] not in groups:
            self.add(key_path + ("group",), f"nhóm {task['group']!r} không tồn tại; có: {', '.join(sorted(groups))}")
        for column in ("lead", "partners"):
            for i, role in enumerate(task.get(column) or []):
                self.role(key_path + (column, i), role)
        try:
            timeline.parse(task["time"])
        except ValueError as exc:
            self.add(key_path + ("time",), str(exc))
        self.text(key_path + ("text",), task["text"])
        self.conditions(key_path, task.get("when") or [])

    def document(self, key_path: tuple, ref: str) -> None:
        if ref not in self.document_refs:
            guess = did_you_mean(ref, sorted(self.document_refs))
            self.add(key_path, f"không có văn bản mã {ref!r} trong drafter/data/documents.yaml{guess}")

    def parents(self, key_path: tuple, points: list[dict[str, Any]]) -> None:
        """A `parent` is a lettered point of the same group, and a child is one line: no lines of its own."""
        lettered = {p["id"]: p for p in points if not p.get("parent")}
        for i, point in enumerate(points):
            parent = point.get("parent")
            if parent is None:
                continue
            if parent not in lettered:
                self.add(key_path + (i, "parent"), f"không có điểm {parent!r} (không có dòng parent) trong nhóm này"
                         + did_you_mean(parent, lettered))
            if point.get("bullets") or point.get("paras"):
                self.add(key_path + (i,), "điểm có parent là một dòng “-”: không được có bullets, paras")

    def point(self, key_path: tuple, point: dict[str, Any]) -> None:
        self.unique(key_path, point["id"])
        if "text" in point:
            self.text(key_path + ("text",), point["text"])
        elif point.get("wordings"):
            self.wordings(key_path, point)
        elif point.get("doc"):
            self.document(key_path + ("doc",), point["doc"])
        elif not point.get("guidance"):
            self.add(key_path, "cần một trong: text, doc, guidance")
        for field_name in ("bullets", "paras"):
            for i, entry in enumerate(point.get(field_name) or []):
                if isinstance(entry, dict) and entry.get("wordings"):
                    self.wordings(key_path + (field_name, i), entry)
                    self.conditions(key_path + (field_name, i), entry.get("when") or [])
                elif isinstance(entry, dict):
                    self.text(key_path + (field_name, i, "text"), entry["text"])
                    self.conditions(key_path + (field_name, i), entry.get("when") or [])
                else:
                    self.text(key_path + (field_name, i), entry)
        self.conditions(key_path, point.get("when") or [])
        for i, sub in enumerate(point.get("points") or []):
            self.point(key_path + ("points", i), sub)
