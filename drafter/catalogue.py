"""Load and check the task catalogue and the plan kinds (the data every province shares).

Beyond the cerberus schema, the checks here are the cross-references a schema cannot see:
ids unique across the file, every task in a known group, every role and placeholder known,
every condition one drafter can evaluate. A mistake in shared data would otherwise surface
as a wrong sentence in 34 provinces' plans.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import placeholders, timeline
from .errors import CatalogueError, Problem
from .resources import DATA_DIR
from .schema import validator
from .yamlio import Loaded, load, validate

#: Placeholders every profile provides (context.placeholder_values); roles are added per catalogue.
BASE_PLACEHOLDERS = frozenset({
    "tinh", "ten_tinh", "cap_tinh", "ubnd", "uy_ban", "uy_ban_ten", "slogan", "quy_hoach",
    "replaces", "bien_gioi_nuoc", "bien_gioi_dia_ban", "cua_khau", "han_bao_cao", "nam",
    "so_ky_hieu", "ngay_ban_hanh", "nam_truoc", "bo_ttdn", "ky_niem", "han_bao_cao_nam",
})
#: Conditions a `when:` list may use; "role:<name>" is checked against the roles.
CONDITIONS = frozenset({"border", "coastal", "border_gates", "replaces", "slogan", "programmes", "anniversaries"})

CATALOGUE_PATH = DATA_DIR / "catalogue.yaml"
KINDS_DIR = DATA_DIR / "kinds"


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    required: bool
    collective: bool


@dataclass(frozen=True)
class Task:
    id: str
    group: str
    text: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    time: str
    when: tuple[str, ...]
    source: str

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Task:
        return cls(d["id"], d["group"], d["text"], tuple(d["lead"]), tuple(d.get("partners") or ()),
                   d["time"], tuple(d.get("when") or ()), d["source"])


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    appendix_title: str
    points: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Catalogue:
    id: str
    version: str
    title: str
    roles: dict[str, Role]
    groups: tuple[Group, ...]
    tasks: tuple[Task, ...]
    path: Path
    sha256: str
    sources: tuple[str, ...] = field(default=())

    def placeholders(self) -> frozenset[str]:
        return BASE_PLACEHOLDERS | frozenset(self.roles)

    def task_ids(self) -> list[str]:
        return [t.id for t in self.tasks]


@dataclass(frozen=True)
class Kind:
    id: str
    spec: dict[str, Any]
    path: Path
    sha256: str


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class _Checker:
    """Collects cross-reference problems with the line each one is on."""

    def __init__(self, loaded: Loaded, roles: set[str], known_placeholders: frozenset[str]):
        self.loaded = loaded
        self.roles = roles
        self.known = known_placeholders
        self.problems: list[Problem] = []
        self.ids: dict[str, tuple] = {}

    def add(self, key_path: tuple, message: str) -> None:
        self.problems.append(self.loaded.problem(key_path, message))

    def unique(self, key_path: tuple, ident: str) -> None:
        if ident in self.ids:
            line = self.loaded.line_of(self.ids[ident])
            self.add(key_path + ("id",), f"mã {ident!r} bị trùng (đã dùng ở dòng {line})")
        else:
            self.ids[ident] = key_path

    def text(self, key_path: tuple, text: str) -> None:
        for name in sorted(placeholders.unknown_names(text, self.known)):
            self.add(key_path, f"chỗ điền {{{name}}} không tồn tại")
        if text.count("[[") != text.count("]]"):
            self.add(key_path, "thiếu dấu đóng ]] của phần tùy chọn")

    def conditions(self, key_path: tuple, when: list[str]) -> None:
        for i, cond in enumerate(when):
            if cond.startswith("role:"):
                if cond[5:] not in self.roles:
                    self.add(key_path + ("when", i), f"vai trò {cond[5:]!r} không có trong danh mục vai trò")
            elif cond not in CONDITIONS:
                self.add(key_path + ("when", i),
                         f"điều kiện {cond!r} không hợp lệ; chỉ nhận: {', '.join(sorted(CONDITIONS))}, role:<vai trò>")

    def task(self, key_path: tuple, task: dict[str, Any], groups: set[str]) -> None:
        self.unique(key_path, task["id"])
        if task["group"] not in groups:
            self.add(key_path + ("group",), f"nhóm {task['group']!r} không tồn tại; có: {', '.join(sorted(groups))}")
        for column in ("lead", "partners"):
            for i, role in enumerate(task.get(column) or []):
                if role not in self.roles:
                    self.add(key_path + (column, i), unknown_role_message(role, self.roles))
        try:
            timeline.parse(task["time"])
        except ValueError as exc:
            self.add(key_path + ("time",), str(exc))
        self.text(key_path + ("text",), task["text"])
        self.conditions(key_path, task.get("when") or [])

    def point(self, key_path: tuple, point: dict[str, Any]) -> None:
        self.unique(key_path, point["id"])
        if "text" in point:
            self.text(key_path + ("text",), point["text"])
        elif point.get("national"):
            from . import national

            if point["national"] not in national.basis_ids():
                self.add(key_path + ("national",), f"không có căn cứ mã {point['national']!r} trong national.yaml")
        elif not point.get("guidance"):
            self.add(key_path, "cần một trong: text, national, guidance")
        for field_name in ("bullets", "paras"):
            for i, text in enumerate(point.get(field_name) or []):
                self.text(key_path + (field_name, i), text)
        self.conditions(key_path, point.get("when") or [])
        for i, sub in enumerate(point.get("points") or []):
            self.point(key_path + ("points", i), sub)


def unknown_role_message(role: str, roles: set[str] | dict) -> str:
    import difflib

    guess = difflib.get_close_matches(role, list(roles), n=1, cutoff=0.6)
    hint = f"; có phải ý bạn là `{guess[0]}`?" if guess else ""
    return f"vai trò {role!r} không có trong danh mục vai trò{hint}"


def load_catalogue(path: Path | None = None) -> Catalogue:
    path = Path(path or CATALOGUE_PATH)
    loaded = load(path, CatalogueError)
    doc = validate(loaded, validator("catalogue"), CatalogueError)
    roles = {k: Role(k, v["label"], v.get("required", True), v.get("collective", False))
             for k, v in doc["roles"].items()}
    check = _Checker(loaded, set(roles), BASE_PLACEHOLDERS | frozenset(roles))
    group_ids = set()
    for gi, group in enumerate(doc["groups"]):
        check.unique(("groups", gi), group["id"])
        group_ids.add(group["id"])
        check.text(("groups", gi, "title"), group["title"])
        for pi, point in enumerate(group["points"]):
            check.point(("groups", gi, "points", pi), point)
    for ti, task in enumerate(doc["tasks"]):
        check.task(("tasks", ti), task, group_ids)
    if check.problems:
        raise CatalogueError(check.problems)
    return Catalogue(
        id=doc["id"], version=doc["version"], title=doc["title"], roles=roles,
        groups=tuple(Group(g["id"], g["title"], g["appendix_title"], tuple(g["points"])) for g in doc["groups"]),
        tasks=tuple(Task.from_dict(t) for t in doc["tasks"]),
        path=path, sha256=sha256_of(path), sources=tuple(doc["sources"]),
    )


def kind_names() -> list[str]:
    return sorted(p.stem for p in KINDS_DIR.glob("*.yaml"))


def load_kind(name: str, catalogue: Catalogue) -> Kind:
    path = KINDS_DIR / f"{name}.yaml"
    if not path.is_file():
        raise CatalogueError.single(
            "--kind", f"loại kế hoạch {name!r} không có; chọn một trong: {', '.join(kind_names())}")
    loaded = load(path, CatalogueError)
    spec = validate(loaded, validator("kind"), CatalogueError)
    check = _Checker(loaded, set(catalogue.roles), catalogue.placeholders())
    check.text(("summary",), spec["summary"])
    for key in ("ref", "title"):
        check.text(("appendix", key), spec["appendix"][key])
    for list_name in ("can_cu", "intro", "closing"):
        for i, block in enumerate(spec[list_name]):
            check.point((list_name, i), block)
    for di, duty in enumerate(spec["duties"]):
        for role_path, role in [(("duties", di, "role"), duty["role"])] + [
                (("duties", di, "also", i), r) for i, r in enumerate(duty["also"])]:
            if role not in catalogue.roles:
                check.add(role_path, unknown_role_message(role, catalogue.roles))
        for bi, bullet in enumerate(duty["bullets"]):
            check.text(("duties", di, "bullets", bi), bullet)
        check.conditions(("duties", di), duty["when"])
    for si, section in enumerate(spec["sections"]):
        check.unique(("sections", si), section["id"])
        check.text(("sections", si, "title"), section["title"])
        for ii, item in enumerate(section["items"]):
            check.point(("sections", si, "items", ii), item)
        for ci, block in enumerate(section["closing"]):
            check.point(("sections", si, "closing", ci), block)
    if check.problems:
        raise CatalogueError(check.problems)
    return Kind(id=spec["id"], spec=spec, path=path, sha256=sha256_of(path))


@cache
def bundled() -> Catalogue:
    """The shipped catalogue, loaded once per process (it is read-only data)."""
    return load_catalogue()
