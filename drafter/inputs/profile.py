"""Load and validate a province profile (YAML → cerberus → cross-checks → Profile).

Every path that reads a profile goes through load_profile(), so `drafter validate` and
`drafter draft` report exactly the same problems in the same words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ProfileError
from ..paths import display_path
from ..resources import profiles_dir
from ..text import vn
from . import registry
from .catalogue import Catalogue, Task, sha256_of
from .crossref import did_you_mean
from .knowledge import Document, document_records
from .messages import validate
from .profile_checks import copy_trap, cross_check, cross_check_raw
from .registry import WeakFact
from .schema import validator
from .yamlio import load

#: The day the 34 provincial-level units began (NQ 202/2025/QH15).
REFORM_DATE = dt.date(2025, 7, 1)


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
    add_optional: frozenset[str] = frozenset()  # texts a draft would leave out for length, kept (plan.fit)


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
    ethnic_minorities_stated: bool = True  # said by the profile or its registry unit, not defaulted
    style: dict = field(default_factory=dict)  # house style for every kind
    style_for: dict = field(default_factory=dict)  # house style by kind id
    extra_agencies: tuple[ExtraAgency, ...] = ()
    plans_deadline: str | None = None
    half_year_deadline: str | None = None
    signer_form: str = "tm"  # tm: "TM. ỦY BAN NHÂN DÂN" above the signer; ca_nhan: the Chủ tịch's own authority
    unit: str | None = None  # the registry unit this profile names (current profiles), if any
    merged_from: tuple[str, ...] = ()  # the former provinces merged into it on 01/7/2025
    weak_facts: tuple[WeakFact, ...] = ()  # registry facts the research could not source
    named_after_person: bool = False  # "Thành phố Hồ Chí Minh": see vn.UnitName
    # (from, level), the first from date.min: Đồng Nai was a tỉnh, then a thành phố from 30/4/2026
    level_changes: tuple[tuple[dt.date, str], ...] = ()

    @property
    def current(self) -> bool:
        """Describes a province after the 2025 reforms (34 units from 01/7/2025)."""
        return self.as_of >= REFORM_DATE

    @property
    def slug(self) -> str:
        """The province's name as an ASCII slug (may be empty for a name with no Latin letters)."""
        return vn.slug(self.province_name)

    @property
    def out_folder(self) -> str:
        """The output folder's name: the id when it is a plain id, else its slug, else one made
        from its hash; never empty, "." or "..", so a draft cannot land at the top of --out or
        beside it (an id comes from the file name when the profile gives none)."""
        if registry.ID_PATTERN.fullmatch(self.id):
            return self.id
        return vn.slug(self.id) or f"ho-so-{hashlib.sha256(self.id.encode()).hexdigest()[:10]}"

    def level_on(self, day: dt.date) -> str:
        """The unit's level on a day: the last change made by then (the history starts with the level
        the profile's `province.level` gives before any change)."""
        return next((level for start, level in reversed(self.level_changes) if start <= day), self.level)

    def on(self, day: dt.date) -> Profile:
        """The profile as a plan dated `day` must name the unit: a province that became a centrally-run
        city says "thành phố" from that day and "tỉnh" before it, in its own name and its agencies'."""
        level = self.level_on(day)
        if level == self.level:
            return self
        return replace(self, level=level,
                       agencies={r: vn.relevel(n, self.level, level) for r, n in self.agencies.items()},
                       recipients=tuple(vn.relevel(n, self.level, level) for n in self.recipients))

    @property
    def unit_name(self) -> vn.UnitName:
        return vn.UnitName(self.province_name, self.level, self.named_after_person)

    @property
    def full_name(self) -> str:
        return self.unit_name.full


def load_profile(path: Path | str, catalogue: Catalogue) -> Profile:
    path = resolve_profile_path(path)
    loaded = load(path, ProfileError)
    weak: list[WeakFact] = []
    unit = None
    if isinstance(loaded.data, dict) and isinstance(loaded.data.get("province"), str):
        loaded.data, weak, unit = registry.expand(loaded.data, display_path(path))
    try:
        doc = validate(loaded, validator("profile"), ProfileError)
    except ProfileError as exc:
        # Report the cross-checks too (unknown roles, task ids, documents), so one run shows every
        # mistake; they read the raw data, which may be malformed where the schema complained.
        raise ProfileError(exc.problems + cross_check_raw(loaded, catalogue)) from None
    problems = cross_check(loaded, doc, catalogue)
    if problems:
        raise ProfileError(problems)
    loaded.notes.extend(copy_trap(loaded, doc))
    border = doc.get("border")
    overrides = doc.get("tasks") or {}
    signer = doc["signer"]
    profile = Profile(
        id=doc.get("id") or path.stem,
        path=path,
        sha256=sha256_of(path),
        province_name=doc["province"]["name"],
        level=doc["province"]["level"],
        named_after_person=bool(doc["province"].get("named_after_person")),
        level_changes=_level_history(doc["province"]),
        place=doc["province"]["place"],
        as_of=doc["as_of"],
        agencies=one_name_per_body(doc["agencies"]),
        border=Border(tuple(border["countries"]), tuple(border.get("areas") or ()),
                      tuple(Gate(g["name"], g["kind"]) for g in border.get("gates") or ()),
                      tuple(border.get("partners") or ())) if border else None,
        coastal=bool(doc.get("coastal")),
        sea_islands=bool(doc["coastal"] if doc.get("sea_islands") is None else doc["sea_islands"]),
        documents=tuple(document_records(doc.get("documents") or [])),
        party_congress=_congress(doc.get("party_congress")),
        ethnic_minorities=_ethnic_minorities(doc),
        ethnic_languages=tuple(doc.get("ethnic_languages") or ()),
        ethnic_minorities_stated=doc.get("ethnic_minorities") is not None,
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
            add_optional=frozenset(overrides.get("add_optional") or ()),
        ),
        sources=tuple(doc["sources"]),
        guidance=dict(doc.get("guidance") or {}),
        previous_plans=dict(doc.get("previous_plans") or {}),
        programmes=tuple(doc.get("programmes") or ()),
        anniversaries=tuple(doc.get("anniversaries") or ()),
        notes=tuple(loaded.notes),
        unit=unit.id if unit else None,
        merged_from=unit.merged_from if unit else (),
        weak_facts=tuple(weak),
    )
    return profile.on(profile.as_of)  # named as on the day the profile is true of; a plan renames it for its date


def _level_history(province: dict) -> tuple[tuple[dt.date, str], ...]:
    changes = sorted((c["from"], c["level"]) for c in province.get("level_changes") or ())
    return ((dt.date.min, province["level"]), *changes) if changes else ()


def _ethnic_minorities(doc: dict) -> bool:
    """Whether the province has ethnic-minority areas: a fact the profile or its registry unit states.
    Before the 2025 reform only such provinces had a Ban Dân tộc, so an earlier profile's ethnic
    agency still tells; after it, ethnic affairs went to a Sở Dân tộc và Tôn giáo or the Sở Nội vụ
    whatever the population, and an unstated fact is false (the draft says the section was left out)."""
    if doc.get("ethnic_minorities") is not None:
        return bool(doc["ethnic_minorities"])
    return doc["as_of"] < REFORM_DATE and "ethnic" in doc["agencies"]


def one_name_per_body(agencies: dict[str, str]) -> dict[str, str]:
    """Roles held by one body get one spelling of its name (the fullest), so the plan gives that
    body one item in "Tổ chức thực hiện" and one name in the appendix: Hà Nội's foreign-affairs
    role, held by "Văn phòng UBND thành phố", is the same office as its provincial_office."""
    fullest: dict[str, str] = {}
    for name in agencies.values():
        key = vn.body_key(name)
        if len(name) > len(fullest.get(key, "")):
            fullest[key] = name
    return {role: fullest[vn.body_key(name)] for role, name in agencies.items()}


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
    """A path to a YAML file, the id of a bundled profile ("lam-dong-2024"), a province's name or
    id ("Tuyên Quang", "tuyen-quang": its current bundled profile), or the default."""
    if name is None:
        return profiles_dir() / f"{DEFAULT_PROFILE_ID}.yaml"
    path = Path(name)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return path
    text = str(name)
    if registry.ID_PATTERN.fullmatch(text) and (profiles_dir() / f"{text}.yaml").is_file():
        return profiles_dir() / f"{text}.yaml"
    unit = registry.bundled().find(text)
    if unit is not None:
        current = sorted(profiles_dir().glob(f"{unit.id}-*.yaml"))
        if current:
            return current[-1]
    merged = registry.bundled().merged_into(text)
    if merged:
        raise ProfileError.single(text, f"không tìm thấy hồ sơ: {registry.bundled().merger_note(*merged)}")
    guess = did_you_mean(registry.fold(text), [p.stem for p in bundled_profiles()])
    raise ProfileError.single(text, f"không tìm thấy hồ sơ{guess or ''}; xem `drafter profiles`, hoặc tạo hồ sơ mới "
                                    "bằng `drafter new \"Tên tỉnh\"`")

