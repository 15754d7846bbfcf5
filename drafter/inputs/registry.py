"""The 34 provincial-level units after 01/7/2025 and their agencies, from drafter/data/provinces.yaml.

A current profile names its unit (`province: tuyen-quang`) instead of repeating what is true of
every province: the unit's name, level, place, border and coast come from the registry, its
agencies are the national post-reform set plus the unit's own deltas, and the profile's own
`agencies:` win over both. A national change (a ministry renamed, a sở merged) is one edit here,
not 34. Facts the research could not source are labelled UNVERIFIED; a draft that prints one says
so (Profile.weak_facts).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from ..errors import ProfileError
from ..resources import DATA_DIR
from ..text import vn
from .yamlio import load_trusted

REGISTRY_PATH = DATA_DIR / "provinces.yaml"
#: A profile id: also its file name, so never a path.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


@dataclass(frozen=True)
class WeakFact:
    """A fact a profile took from the registry that the research could not source."""

    what: str
    value: str
    label: str


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    level: str
    place: str
    merged_from: tuple[str, ...]
    data: dict[str, Any]
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> set[str]:
        """Every folded way of writing this unit that finds it: id, name, "tỉnh X", place, aliases."""
        return {self.id, *(fold(n) for n in (self.name, f"{self.level} {self.name}", self.place, *self.aliases))}

    @property
    def former(self) -> tuple[str, ...]:
        """The units merged into this one, other than the one whose name it kept."""
        return tuple(n for n in self.merged_from if fold(n) != fold(self.name))

    @property
    def unit_name(self) -> vn.UnitName:
        return vn.UnitName(self.name, self.level, bool(self.data.get("named_after_person")))

    @property
    def party(self) -> str:
        return vn.party_committee(self.level)

    def fill(self, text: str) -> str:
        """An agency or recipient name of the unit: "{level}" is how the unit calls itself ("Công an
        Thành phố" for Thành phố Hồ Chí Minh), "{name}" the name as it may stand alone."""
        forms = self.unit_name
        return (text.replace("{name}", forms.alone).replace("{level}", forms.common_noun)
                .replace("{party}", self.party))


@dataclass(frozen=True)
class Merger:
    resolution: str
    start: dt.date


#: How alike (difflib ratio on folded names without hyphens) a typed name must be to a real one to
#: be suggested: "Tuyen Quan" (0.95), "Lam Dogn" (0.88), "Bac Can" (0.86) are; "Da Lat" (0.77, a
#: city, not Đắk Lắk), "Quang" (0.71) and "Atlantis" (0.53) are not.
SUGGEST_AT = 0.8


@dataclass(frozen=True)
class Registry:
    version: str
    units: tuple[Unit, ...]
    defaults: dict[str, dict[str, Any]]
    recipients: tuple[str, ...]
    merger: Merger
    data: Any = field(repr=False, compare=False)  # the file's data, for the label counts

    @cached_property
    def labels(self) -> dict[str, int]:
        """How many facts carry each label: what `drafter profiles` reports, counted only then (walking
        the whole registry was a few ms of every draft)."""
        return _label_counts(self.data)

    def find(self, key: str) -> Unit | None:
        """A unit by id ("tuyen-quang"), name ("Tuyên Quang", "tuyen quang", "TP Hồ Chí Minh", "Hanoi")
        or an alias the registry lists ("TP HCM", "Sài Gòn")."""
        wanted = _squash(fold(key))
        return next((u for u in self.units if wanted in {_squash(k) for k in u.keys}), None)

    def merged_into(self, key: str) -> tuple[str, Unit] | None:
        """(the former unit's name, the unit it is part of now) when `key` names a unit merged away."""
        wanted = _squash(fold(key))
        return next(((n, u) for u in self.units for n in u.former if _squash(fold(n)) == wanted), None)

    def unit(self, key: str, shown: str = "") -> Unit:
        found = self.find(key)
        if found is None:
            raise ProfileError.single(shown or key, self.not_a_unit(key))
        return found

    def not_a_unit(self, key: str) -> str:
        """Why `key` is not one of the 34 units, and what to type instead: the unit a former one
        merged into, the unit whose name is close, or nothing when no name is close."""
        merged = self.merged_into(key)
        if merged:
            return self.merger_note(*merged)
        close = self.closest(key)
        base = f"không có tỉnh, thành phố {key!r} trong 34 đơn vị từ {vn.short_date(self.merger.start)}"
        if close is None:
            return f"{base}; xem `drafter profiles`"
        name, unit = close
        if name in unit.former:
            return f"{base}; có phải ý bạn là {name}? {self.merger_note(name, unit)}"
        return f"{base}; có phải ý bạn là `{unit.id}` ({unit.level} {unit.name})?"

    def merger_note(self, former: str, unit: Unit) -> str:
        return (f"{former} đã hợp nhất vào {unit.level} {unit.name} từ {vn.short_date(self.merger.start)} "
                f"({self.merger.resolution}); dùng `{unit.id}`")

    def closest(self, key: str) -> tuple[str, Unit] | None:
        """The name (of a unit, or of a former unit) most like `key`, if it is alike enough (SUGGEST_AT)."""
        wanted = _squash(fold(key))
        names = [(n, u) for u in self.units for n in (u.name, *u.former)]
        scored = [(difflib.SequenceMatcher(None, wanted, _squash(fold(n))).ratio(), n, u) for n, u in names]
        score, name, unit = max(scored, key=lambda item: item[0])
        return (name, unit) if score >= SUGGEST_AT else None

    def agencies(self, unit: Unit) -> tuple[dict[str, str], list[WeakFact]]:
        """Role → agency name for the unit: the national set, then the unit's deltas (a null name
        removes a role the unit does not have). Roles that exist only in some units (Sở Ngoại vụ,
        Sở Dân tộc và Tôn giáo) come only from the unit's own list."""
        out: dict[str, str] = {}
        weak: list[WeakFact] = []
        entries = {role: entry for role, entry in self.defaults.items() if not entry.get("per_unit")}
        entries.update(unit.data.get("agencies") or {})
        for role, entry in entries.items():
            name = entry.get("name")
            if not name or name.startswith("("):
                continue
            out[role] = unit.fill(name)
            if entry.get("label") == "UNVERIFIED":
                weak.append(WeakFact(f"tên cơ quan ({role})", out[role], "UNVERIFIED"))
        return out, weak

    def recipient_lines(self, unit: Unit, agencies: dict[str, str]) -> list[str]:
        local = agencies.get("local_authorities", "UBND các xã, phường")
        return [unit.fill(line).replace("{local_authorities}", local) for line in self.recipients]


def fold(text: str) -> str:
    """Lower case, no tone marks or "đ", words joined by "-": how people type a province's name."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.lower().replace("thanh pho ", "").replace("tp ", "").replace("tp. ", "").replace("tinh ", "")
    return vn.slug(text)


def _squash(folded: str) -> str:
    """A folded name without its hyphens: "Hanoi", "Danang", "hochiminh" are how some people type it."""
    return folded.replace("-", "")


@cache
def bundled() -> Registry:
    data = load_trusted(REGISTRY_PATH, ProfileError).data
    units = tuple(Unit(u["id"], u["name"], u["level"], u["place"], tuple(u.get("merged_from") or ()), u,
                       tuple(u.get("aliases") or ())) for u in data["units"])
    merger = Merger(data["merger"]["resolution"], data["merger"]["from"])
    return Registry(str(data["version"]), units, data["national_default"], tuple(data["recipients"]["lines"]),
                    merger, data)


LABELS = ("VERIFIED", "MEDIUM", "UNVERIFIED")


def _label_counts(data: Any) -> dict[str, int]:
    counts = dict.fromkeys(LABELS, 0)
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("label") in counts:
                counts[node["label"]] += 1
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return counts


def _own_facts(u: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    """The unit's sourced facts a plan prints: its ethnic-minority areas and the languages of its
    products, its Party congress, its own anniversaries. A fact the research left open (None)
    stays out, so the profile's default or its own value decides."""
    out: dict[str, Any] = {}
    if u.get("ethnic_minorities") is not None:
        out["ethnic_minorities"] = bool(u["ethnic_minorities"])
    if u.get("ethnic_languages"):
        out["ethnic_languages"] = list(u["ethnic_languages"])
    congress = u.get("party_congress")
    if congress:
        fact = facts.get("party_congress") or {}
        out["party_congress"] = {"ordinal": congress["ordinal"], "term": congress["term"], "date": congress.get("date"),
                                 "label": fact.get("label") or "UNVERIFIED",
                                 "source": "; ".join(fact.get("sources") or ()) or "drafter/data/provinces.yaml"}
    if u.get("anniversaries"):
        out["anniversaries"] = [{"date": a["date"], "event": a["event"], "label": a.get("label") or "UNVERIFIED"}
                                for a in u["anniversaries"]]
    return out


def expand(data: dict[str, Any], shown: str) -> tuple[dict[str, Any], list[WeakFact], Unit]:
    """A profile that names its unit, filled in from the registry (the file's own values win)."""
    registry = bundled()
    unit = registry.unit(str(data["province"]), shown)
    agencies, weak = registry.agencies(unit)
    own_agencies = data.get("agencies") if isinstance(data.get("agencies"), dict) else {}
    weak = [w for w in weak if w.what.split("(")[-1].rstrip(")") not in own_agencies]
    agencies.update(own_agencies)
    u = unit.data
    facts = u.get("facts") or {}
    full = {
        "province": {"name": unit.name, "level": unit.level, "place": unit.place,
                     "named_after_person": bool(u.get("named_after_person")),
                     "level_changes": [{"from": c["from"], "level": c["level"]} for c in u.get("level_changes") or ()]},
        "agencies": agencies,
        "coastal": bool(u.get("coastal")),
        "sea_islands": bool(u.get("sea_islands")),
        "signer": {"capacity": "pho_chu_tich", "name": None},
        "recipients": registry.recipient_lines(unit, agencies),
        "archive": "VT, KGVX",
    }
    if u.get("land_border"):
        gates = [{"name": g["name"], "kind": g["kind"]} for g in u.get("border_gates") or []
                 if g.get("kind") in ("quốc tế", "chính", "phụ")]
        full["border"] = {"countries": list(u["land_border"]), "partners": list(u.get("border_partners") or []),
                          "gates": gates}
        weak += [WeakFact("cửa khẩu", g["name"], "UNVERIFIED") for g in u.get("border_gates") or []
                 if g.get("label") == "UNVERIFIED"]
        if (facts.get("border_partners") or {}).get("label") == "UNVERIFIED":
            weak += [WeakFact("địa phương nước bạn giáp biên giới", p, "UNVERIFIED")
                     for p in u.get("border_partners") or []]
    if u.get("brand_slogan"):
        full["brand_slogan"] = u["brand_slogan"]
    full.update(_own_facts(u, facts))
    for key, value in data.items():
        if key not in ("province", "agencies"):
            full[key] = value
    if "border" in data and data["border"] is None:
        full["border"] = None
    return full, weak, unit
