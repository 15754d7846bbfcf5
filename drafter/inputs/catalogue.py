"""Load and check the task catalogue: roles, the five NQ 47 groups and their points, appendix tasks.

The catalogue is the data every province shares. Beyond the cerberus schema, crossref checks
ids, groups, roles, placeholders and conditions, each reported at its line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import CatalogueError
from ..resources import DATA_DIR
from .crossref import Checker
from .kind_records import Point
from .schema import conform
from .yamlio import Loaded, load, load_trusted

#: Placeholders every profile provides (plan.values.placeholder_values); roles are added per catalogue.
BASE_PLACEHOLDERS = frozenset({
    "tinh", "ten_tinh", "cap_tinh", "cap_uy", "ubnd", "uy_ban", "uy_ban_ten", "slogan", "quy_hoach",
    "replaces", "bien_gioi_nuoc", "bien_gioi_dia_ban", "cua_khau", "chu_quyen", "han_bao_cao", "nam",
    "so_ky_hieu", "ngay_ban_hanh", "nam_truoc", "bo_ttdn", "ky_niem", "su_kien", "han_bao_cao_nam",
    "dai_hoi", "dai_hoi_tinh", "muc_tieu", "tieng_dan_toc", "doi_tac_bien_gioi", "han_ke_hoach",
    "han_bao_cao_6_thang",
})

CATALOGUE_PATH = DATA_DIR / "catalogue.yaml"


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    required: bool
    collective: bool
    fallback: tuple[str, ...] = ()  # roles that take its tasks where the bodies were merged


@dataclass(frozen=True)
class Task:
    """One appendix task as the catalogue (or a profile's tasks.add) states it: roles, not names."""

    id: str
    group: str
    text: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    time: str
    when: tuple[str, ...]
    source: str
    sources: tuple[str, ...] | None = None  # documents that carry the task (drafter.quality), None: not given

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Task:
        sources = d.get("sources")
        return cls(d["id"], d["group"], d["text"], tuple(d["lead"]), tuple(d.get("partners") or ()),
                   d["time"], tuple(d.get("when") or ()), d["source"], tuple(sources) if sources is not None else None)


@dataclass(frozen=True)
class Group:
    """One of NQ 47's five groups. Its points are lettered "a)", "b)" …; a point with a `parent` is
    a "-" line under that point (NQ 47's own points stay lettered as the Nghị quyết has them, and
    what provinces add sits under the point it details, within the 23 letters of a khoản)."""

    id: str
    title: str
    points: tuple[Point, ...]

    def lettered(self) -> list[Point]:
        return [p for p in self.points if not p.parent]

    def children(self, point_id: str) -> list[Point]:
        return [p for p in self.points if p.parent == point_id]


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
    # NQ 47's own items and appendix rows ("task:<id>": tasks and points have ids of their own):
    # never left out for length
    core: frozenset[str] = frozenset()

    def placeholders(self) -> frozenset[str]:
        return BASE_PLACEHOLDERS | frozenset(self.roles)

    def task_ids(self) -> list[str]:
        return [t.id for t in self.tasks]

    def group_ids(self) -> set[str]:
        return {g.id for g in self.groups}

    def collective_roles(self) -> set[str]:
        return {k for k, r in self.roles.items() if r.collective}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _core(doc: dict) -> frozenset[str]:
    """NQ 47's own items and appendix rows; tasks as "task:<id>" (tasks and points have ids of their own)."""
    return frozenset(doc.get("core_points") or ()) | {f"task:{t}" for t in doc.get("core_tasks") or ()}


def load_catalogue(path: Path | None = None, *, strict: bool | None = None) -> Catalogue:
    """The catalogue at path (the shipped one by default). Shipped data is checked in full by the
    tests and `drafter validate` (strict=True); any other file always is."""
    path = Path(path or CATALOGUE_PATH)
    strict = strict if strict is not None else path.resolve() != CATALOGUE_PATH.resolve()
    loaded = load(path, CatalogueError) if strict else load_trusted(path, CatalogueError)
    doc = conform(loaded, "catalogue", CatalogueError, strict=strict)
    roles = {k: Role(k, v["label"], v.get("required", True), v.get("collective", False), tuple(v.get("fallback") or ()))
             for k, v in doc["roles"].items()}
    if strict:
        _cross_check(loaded, doc, roles)
    return Catalogue(
        id=doc["id"], version=doc["version"], title=doc["title"], roles=roles,
        groups=tuple(Group(g["id"], g["title"], tuple(Point.of(p) for p in g["points"])) for g in doc["groups"]),
        tasks=tuple(Task.from_dict(t) for t in doc["tasks"]),
        path=path, sha256=sha256_of(path), sources=tuple(doc["sources"]), core=_core(doc),
    )


def _cross_check(loaded: Loaded, doc: dict[str, Any], roles: dict[str, Role]) -> None:
    """Ids, groups, roles, placeholders, conditions and parents, each reported at its line."""
    from .knowledge import bundled as bundled_knowledge

    check = Checker(loaded, set(roles), BASE_PLACEHOLDERS | frozenset(roles), frozenset(bundled_knowledge().refs()))
    for key, role in roles.items():
        for i, other in enumerate(role.fallback):
            check.role(("roles", key, "fallback", i), other)
    group_ids = set()
    for gi, group in enumerate(doc["groups"]):
        check.unique(("groups", gi), group["id"])
        group_ids.add(group["id"])
        check.text(("groups", gi, "title"), group["title"])
        for pi, point in enumerate(group["points"]):
            if "wordings" in point:
                check.add(("groups", gi, "points", pi, "wordings"),
                          "wordings chỉ dùng trong loại kế hoạch (data/kinds); ở danh mục, dùng text và sources")
            check.point(("groups", gi, "points", pi), point)
        check.parents(("groups", gi, "points"), group["points"])
    for ti, task in enumerate(doc["tasks"]):
        check.task(("tasks", ti), task, group_ids)
    if check.problems:
        raise CatalogueError(check.problems)


@cache
def bundled() -> Catalogue:
    """The shipped catalogue, loaded once per process (it is read-only data)."""
    return load_catalogue()


def select_listing(catalogue: Catalogue, *, group: str | None = None, role: str | None = None) -> list[Task]:
    """The catalogue's tasks in one group and/or naming one role (`drafter tasks`)."""
    from ..errors import UsageError
    from .crossref import unknown_role_message

    groups = catalogue.group_ids()
    if group and group not in groups:
        raise UsageError(f"--group {group!r} không có; các nhóm: {', '.join(sorted(groups))}")
    if role and role not in catalogue.roles:
        raise UsageError(f"--role: {unknown_role_message(role, catalogue.roles)}")
    return [t for t in catalogue.tasks
            if (not group or t.group == group) and (not role or role in t.lead + t.partners)]
