"""Load and validate a province profile (YAML → cerberus → cross-checks → Profile).

Every path that reads a profile goes through load_profile(), so `drafter validate` and
`drafter draft` report exactly the same problems in the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, ProfileError
from ..resources import profiles_dir
from ..text import vn
from .catalogue import Catalogue, Task, sha256_of
from .crossref import Checker, did_you_mean, unknown_role_message
from .knowledge import Document, document_records
from .knowledge import bundled as bundled_knowledge
from .messages import validate
from .schema import validator
from .yamlio import Loaded, load


@dataclass(frozen=True)
class Gate:
    name: str
    kind: str


@dataclass(frozen=True)
class Border:
    countries: tuple[str, ...]
    areas: tuple[str, ...]
    gates: tuple[Gate, ...]
    partners: tuple[str, ...] = ()  # the provinces across the border ("tỉnh Mondulkiri (Campuchia)")


@dataclass(frozen=True)
class ExtraAgency:
    """An agency outside the role list (a provincial magazine, the friendship union…) with its duties."""

    name: str
    duties: tuple[str, ...]
    prefix: str = ""


@dataclass(frozen=True)
class TaskOverrides:
    drop: frozenset[str] = frozenset()
    reword: dict[str, str] = field(default_factory=dict)
    leads: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    add: tuple[Task, ...] = ()


@dataclass(frozen=True)
class PartyCongress:
    """The provincial Party congress whose resolution the province's plans cite."""

    ordinal: str
    term: str
    date: dt.date | None
    label: str
    source: str


@dataclass(frozen=True)
class Profile:
    id: str
    path: Path
    sha256: str
    province_name: str
    level: str  # "tỉnh" | "thành phố"
    place: str
    as_of: dt.date
    agencies: dict[str, str]
    border: Border | None
    coastal: bool
    brand_slogan: str | None
    provincial_planning: str | None  # a document id
    legal_bases: tuple[str, ...]  # document ids
    replaces: tuple[str, ...]  # document ids
    report_deadline: str | None
    annual_deadline: str | None
    signer_capacity: str
    signer_name: str | None
    recipients: tuple[str, ...]
    archive: str
    tasks: TaskOverrides
    sources: tuple[str, ...]
    guidance: dict[int, str] = field(default_factory=dict)
    previous_plans: dict[int, str] = field(default_factory=dict)
    programmes: tuple[str, ...] = ()  # document ids
    anniversaries: tuple[dict, ...] = ()
    notes: tuple[str, ...] = ()  # what loading changed, e.g. TCVN3 text converted to Unicode
    sea_islands: bool = False  # does TTĐN work on the sea and islands (defaults to coastal)
    documents: tuple[Document, ...] = ()  # the province's own documents
    party_congress: PartyCongress | None = None
    ethnic_minorities: bool = False  # ethnic-minority areas (defaults to: the profile names an ethnic agency)
    ethnic_languages: tuple[str, ...] = ()
    style: dict = field(default_factory=dict)  # house style for every kind
    style_for: dict = field(default_factory=dict)  # house style by kind id
    extra_agencies: tuple[ExtraAgency, ...] = ()
    plans_deadline: str | None = None
    half_year_deadline: str | None = None
    signer_form: str = "tm"  # tm: "TM. ỦY BAN NHÂN DÂN" above the signer; ca_nhan: the Chủ tịch's own authority

    @property
    def slug(self) -> str:
        """Folder name for outputs: the province, not the profile (two eras share a folder)."""
        return vn.slug(self.province_name)

    @property
    def full_name(self) -> str:
        return f"{self.level} {self.province_name}"


def _problem(loaded: Loaded, key_path: tuple, message: str) -> Problem:
    return loaded.problem(key_path, message)


def _cross_check(loaded: Loaded, doc: dict[str, Any], catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
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
    return problems + _document_problems(loaded, doc)


def _cross_check_raw(loaded: Loaded, catalogue: Catalogue) -> list[Problem]:
    data = loaded.data if isinstance(loaded.data, dict) else {}
    safe = {"agencies": data.get("agencies") if isinstance(data.get("agencies"), dict) else {},
            "tasks": data.get("tasks") if isinstance(data.get("tasks"), dict) else {}}
    for key in ("documents", "legal_bases", "replaces", "programmes"):
        safe[key] = [x for x in data.get(key) or [] if isinstance(x, (dict, str))] if isinstance(data.get(key), list) \
            else []
    try:
        return _cross_check(loaded, safe, catalogue)
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


def load_profile(path: Path | str, catalogue: Catalogue) -> Profile:
    path = resolve_profile_path(path)
    loaded = load(path, ProfileError)
    try:
        doc = validate(loaded, validator("profile"), ProfileError)
    except ProfileError as exc:
        # Report the cross-checks too (unknown roles, task ids, documents), so one run shows every
        # mistake; they read the raw data, which may be malformed where the schema complained.
        raise ProfileError(exc.problems + _cross_check_raw(loaded, catalogue)) from None
    problems = _cross_check(loaded, doc, catalogue)
    if problems:
        raise ProfileError(problems)
    border = doc.get("border")
    overrides = doc.get("tasks") or {}
    signer = doc["signer"]
    return Profile(
        id=doc.get("id") or path.stem,
        path=path,
        sha256=sha256_of(path),
        province_name=doc["province"]["name"],
        level=doc["province"]["level"],
        place=doc["province"]["place"],
        as_of=doc["as_of"],
        agencies=dict(doc["agencies"]),
        border=Border(tuple(border["countries"]), tuple(border.get("areas") or ()),
                      tuple(Gate(g["name"], g["kind"]) for g in border.get("gates") or ()),
                      tuple(border.get("partners") or ())) if border else None,
        coastal=bool(doc.get("coastal")),
        sea_islands=bool(doc["coastal"] if doc.get("sea_islands") is None else doc["sea_islands"]),
        documents=tuple(document_records(doc.get("documents") or [])),
        party_congress=_congress(doc.get("party_congress")),
        ethnic_minorities=bool("ethnic" in doc["agencies"] if doc.get("ethnic_minorities") is None
                               else doc["ethnic_minorities"]),
        ethnic_languages=tuple(doc.get("ethnic_languages") or ()),
        style=dict(doc.get("style") or {}),
        style_for={k: dict(v) for k, v in (doc.get("style_for") or {}).items()},
        extra_agencies=tuple(ExtraAgency(a["name"], tuple(a["duties"]), a.get("prefix") or "")
                             for a in doc.get("extra_agencies") or ()),
        plans_deadline=_normalise_day_month((doc.get("reporting") or {}).get("plans_deadline")),
        half_year_deadline=_normalise_day_month((doc.get("reporting") or {}).get("half_year_deadline")),
        signer_form=signer.get("form") or "tm",
        brand_slogan=doc.get("brand_slogan"),
        provincial_planning=doc.get("provincial_planning"),
        legal_bases=tuple(doc.get("legal_bases") or ()),
        replaces=tuple(doc.get("replaces") or ()),
        report_deadline=_normalise_day_month((doc.get("reporting") or {}).get("deadline")),
        annual_deadline=_normalise_day_month((doc.get("reporting") or {}).get("annual_deadline")),
        signer_capacity=signer["capacity"],
        signer_name=(signer.get("name") or None),
        recipients=tuple(doc["recipients"]),
        archive=doc["archive"],
        tasks=TaskOverrides(
            drop=frozenset(overrides.get("drop") or ()),
            reword=dict(overrides.get("reword") or {}),
            leads=dict(overrides.get("leads") or {}),
            add=tuple(Task.from_dict(t) for t in overrides.get("add") or ()),
        ),
        sources=tuple(doc["sources"]),
        guidance=dict(doc.get("guidance") or {}),
        previous_plans=dict(doc.get("previous_plans") or {}),
        programmes=tuple(doc.get("programmes") or ()),
        anniversaries=tuple(doc.get("anniversaries") or ()),
        notes=tuple(loaded.notes),
    )


def _congress(data: dict | None) -> PartyCongress | None:
    if not data:
        return None
    return PartyCongress(data["ordinal"], data["term"], data.get("date"), data["label"], data["source"])


def _normalise_day_month(text: str | None) -> str | None:
    """ "05/12" and "5/12" both read "5/12": plans write short dates without leading zeros."""
    if not text:
        return None
    day, month = text.split("/")
    return f"{int(day)}/{int(month)}"


def bundled_profiles() -> list[Path]:
    return sorted(profiles_dir().glob("*.yaml"))


DEFAULT_PROFILE_ID = "dak-lak-2026"


def resolve_profile_path(name: Path | str | None) -> Path:
    """A path to a YAML file, or the id of a bundled profile ("lam-dong-2024"), or the default."""
    if name is None:
        return profiles_dir() / f"{DEFAULT_PROFILE_ID}.yaml"
    path = Path(name)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return path
    bundled = profiles_dir() / f"{name}.yaml"
    if bundled.is_file():
        return bundled
    known = ", ".join(p.stem for p in bundled_profiles())
    raise ProfileError.single(str(name), f"không tìm thấy hồ sơ; hồ sơ có sẵn: {known}")
