"""A province's values for the {placeholders} of catalogue and plan-kind texts, and the conditions
(`when:`) that decide whether a text applies to it.

Document placeholders ({doc:nd72-2015}, {so:nd72-2015}) are resolved on the plan's date: the
document in force, or what replaced it; none when nothing is in force, which drops an optional
part or the whole item (available()). Every record a filled text relied on is remembered, so the
draft can say which citations rest on MEDIUM or UNVERIFIED facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from ..errors import CatalogueError
from ..inputs.knowledge import Document
from ..inputs.profile import Profile
from ..text import placeholders, vn
from .request import PlanRequest

#: Values some provinces or years lack (a border, a slogan, the year's events): a text that needs
#: one applies where it has one, like a text with a `when:` condition.
FACT_VALUES = frozenset({"slogan", "quy_hoach", "replaces", "bien_gioi_nuoc", "bien_gioi_dia_ban", "cua_khau",
                         "chu_quyen", "tieng_dan_toc", "doi_tac_bien_gioi", "dai_hoi", "dai_hoi_tinh", "ky_niem",
                         "su_kien", "han_ke_hoach", "han_bao_cao_6_thang"})
NUMBER_BLANK = " " * 6  # "Số:      /KH-UBND": the records office writes the number after signing


def _join_and(items: list[str]) -> str:
    """ "Lào và Campuchia", "Trung Quốc, Lào và Campuchia"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


class Values(Mapping[str, str | None]):
    """Plain values by name, and document citations resolved on the plan's date."""

    def __init__(self, plain: dict[str, str | None], request: PlanRequest):
        self.plain = plain
        self.profile = request.profile
        self.knowledge = request.knowledge
        self.on = request.reference_date
        self.style = request.style
        self.roles = frozenset(request.catalogue.roles)
        self.relied: dict[str, Document] = {}
        self.unnamed_roles: set[str] = set()  # roles whose texts were left out: the profile names no agency
        self.local_anniversaries: list = []  # the province's own round anniversaries in the plan year

    def _document(self, name: str) -> str | None:
        prefix, _, ref = name.partition(":")
        if ref not in self.knowledge.refs():
            return None
        if prefix == "so":
            return self.knowledge.short(ref, self.on)
        return self.knowledge.cite(ref, self.on)

    def get(self, name: str, default: str | None = None) -> str | None:
        if placeholders.document_ref(name) is not None:
            return self._document(name)
        return self.plain.get(name, default)

    def use(self, name: str) -> str | None:
        """get(), remembering the documents a filled text cites."""
        ref = placeholders.document_ref(name)
        if ref is not None and ref in self.knowledge.refs():
            for doc in self.knowledge.relied_on(ref, self.on):
                self.relied[doc.id] = doc
        return self.get(name)

    def rely_on(self, docs: Iterable[Document]) -> None:
        for doc in docs:
            self.relied[doc.id] = doc

    def available(self, text: str) -> bool:
        """Every document the text names outside [[optional]] parts can be cited on the plan's date,
        and every role it names is an agency of this province (roles are optional: a text about
        an agency the province does not have is not this province's text)."""
        required = placeholders.required_names(text)
        unnamed = {name for name in required if name in self.roles and not self.plain.get(name)}
        self.unnamed_roles |= unnamed
        return not unnamed and all(self._document(name) for name in required
                                   if placeholders.document_ref(name) is not None)

    def condition(self, name: str) -> bool:
        """Whether a "[[when …: …]]" part holds for this province (the same conditions as `when:`)."""
        return holds(name, self.profile, self)

    def __getitem__(self, name: str) -> str | None:
        if placeholders.document_ref(name) is not None:
            return self._document(name)
        return self.plain[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.plain)

    def __len__(self) -> int:
        return len(self.plain)


def placeholder_values(request: PlanRequest) -> Values:
    profile, year, knowledge, on = request.profile, request.year, request.knowledge, request.reference_date
    unit = profile.unit_name
    border = profile.border
    congress = knowledge.congress(on)
    plain: dict[str, str | None] = {
        "tinh": unit.full,
        "ten_tinh": unit.alone,
        "cap_tinh": unit.common_noun,
        "cap_uy": unit.party,
        "ubnd": f"UBND {unit.common_noun}",
        "uy_ban": f"Ủy ban nhân dân {unit.common_noun}",
        "uy_ban_ten": f"Ủy ban nhân dân {unit.full}",
        "slogan": profile.brand_slogan,
        "quy_hoach": knowledge.cite(profile.provincial_planning, on) if profile.provincial_planning else None,
        "replaces": _join_and([knowledge.documents[r].citation() for r in profile.replaces]) or None,
        "bien_gioi_nuoc": _join_and(list(border.countries)) if border else None,
        "bien_gioi_dia_ban": ", ".join(border.areas) if border and border.areas else None,
        "cua_khau": ", ".join(f"cửa khẩu {g.kind} {g.name}" for g in border.gates) if border and border.gates else None,
        "chu_quyen": _join_and([p for p, holds in (("biển, đảo", profile.sea_islands),
                                                   ("biên giới quốc gia", profile.border is not None)) if holds])
        or None,
        "han_bao_cao": profile.report_deadline,
        "han_bao_cao_nam": _in_year(deadline(request, "annual"), year),
        "han_ke_hoach": _in_year(deadline(request, "plans"), year),
        "han_bao_cao_6_thang": _in_year(deadline(request, "half_year"), year),
        "muc_tieu": "Mục đích" if request.style["section_one"] == "muc_dich" else "Mục tiêu",
        "tieng_dan_toc": ", ".join(profile.ethnic_languages) or None,
        "doi_tac_bien_gioi": partners_phrase(border.partners) if border and border.partners else None,
        "nam": str(year),
        "nam_truoc": str(year - 1),
        "bo_ttdn": knowledge.ministry(on).names[0],
        "dai_hoi": congress.text if congress else None,
        "dai_hoi_tinh": _provincial_congress(profile, on),
        "ky_niem": "; ".join(a.phrase(year) for a in _anniversaries(request)) or None,
        "su_kien": "; ".join(e.text for e in knowledge.events_in(year)) or None,
        "so_ky_hieu": f"số{NUMBER_BLANK}/{request.symbol}",
        "ngay_ban_hanh": vn.date_phrase(request.date, year),
    }
    plain.update(profile.agencies)
    values = Values(plain, request)
    values.local_anniversaries = [a for a in _anniversaries(request) if a.local]
    return values


_PARTNER = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)$")


def partners_phrase(partners: tuple[str, ...]) -> str:
    """ "Khăm Muồn, Savannakhet và Salavan của Lào": the neighbouring provinces, by country, with no
    bracket inside the sentence's own bracket ("Khăm Muồn (Lào); Savannakhet (Lào)" nested them)."""
    by_country: dict[str, list[str]] = {}
    for partner in partners:
        match = _PARTNER.match(partner)
        name, country = (match["name"], match["country"]) if match else (partner, "")
        by_country.setdefault(country, []).append(name)
    return "; ".join(f"{_join_and(names)} của {country}" if country else _join_and(names)
                     for country, names in by_country.items())


def _own_deadlines(profile: Profile) -> dict[str, str | None]:
    return {"annual": profile.annual_deadline, "plans": profile.plans_deadline, "half_year": profile.half_year_deadline}


def deadline(request: PlanRequest, which: str) -> str | None:
    """A reporting deadline ("10/11"): the profile's, else the plan kind's default."""
    return _own_deadlines(request.profile)[which] or request.kind.spec.deadlines.of(which)


def defaulted_deadlines(request: PlanRequest) -> list[str]:
    """The kind's default deadlines this plan uses because the profile sets none (each gets a notice)."""
    own = _own_deadlines(request.profile)
    return [which for which, day in own.items() if not day and request.kind.spec.deadlines.of(which)]


def _in_year(day_month: str | None, year: int) -> str | None:
    return f"{day_month}/{year}" if day_month else None


def _provincial_congress(profile: Profile, on) -> str | None:
    congress = profile.party_congress
    if congress is None or (congress.date is not None and congress.date > on):
        return None
    return (f"Nghị quyết Đại hội đại biểu Đảng bộ {profile.unit_name.common_noun} lần thứ {congress.ordinal}, "
            f"nhiệm kỳ {congress.term}")


def _anniversaries(request: PlanRequest):
    """The year's round anniversaries: national ones (whatever the province's neighbours) and the
    province's own."""
    from ..inputs.knowledge import Anniversary

    local = [Anniversary(a["date"], a["event"], a.get("label") or "UNVERIFIED", local=True)
             for a in request.profile.anniversaries]
    national = [a for a in request.knowledge.round_anniversaries(request.year) if a.round_in(request.year)]
    if request.detail != "full":  # the roundest few: a plan names the year's main anniversaries, not all
        national = sorted(national, key=lambda a: _roundness(a.round_in(request.year)), reverse=True)
        national = national[:max(0, MAX_ANNIVERSARIES - len(local))]
    out = national + [a for a in local if a.round_in(request.year)]
    return sorted(out, key=lambda a: (a.date.month, a.date.day))


#: National anniversaries a draft names (all of them with --detail full); the province's own always.
MAX_ANNIVERSARIES = 5


def _roundness(years: int) -> tuple[int, int]:
    """50 years before 25, 25 before 10, 10 before 5; then the older."""
    return (next(i for i, step in enumerate((5, 10, 25, 50)[::-1]) if years % step == 0) * -1, years)


def weak_anniversaries(request: PlanRequest) -> list[str]:
    return [a.phrase(request.year) for a in _anniversaries(request) if a.label != "VERIFIED"]


def fill(text: str, values: Mapping[str, str | None], where: str) -> str:
    """A catalogue or kind text with the province's values; a missing required value is a data error."""
    try:
        # Texts and values were cleaned when loaded; cleaning again would collapse the
        # deliberate blank in "số      /KH-UBND".
        return placeholders.fill(text, values).strip()
    except placeholders.MissingValue as exc:
        raise CatalogueError.single(where, f"chỗ điền {{{exc.name}}} không có giá trị cho hồ sơ này") from None


def holds(condition: str, profile: Profile, values: Values | None = None) -> bool:
    if condition.startswith("!"):
        return not holds(condition[1:], profile, values)
    if condition.startswith("role:"):
        return condition[5:] in profile.agencies
    if condition.startswith("style:"):  # "style:appendix", "style:closing=tren_day"
        key, _, wanted = condition[6:].partition("=")
        style = values.style if values is not None else {}
        return style.get(key) == wanted if wanted else bool(style.get(key))
    if condition in ("anniversaries", "events"):
        return bool(values and values.get({"anniversaries": "ky_niem", "events": "su_kien"}[condition]))
    if condition == "local_anniversaries":  # the province's own round anniversaries this year
        return bool(values and values.local_anniversaries)
    return {
        "border": profile.border is not None,
        "coastal": profile.coastal,
        "sea_islands": profile.sea_islands,
        "ethnic_minorities": profile.ethnic_minorities,
        "ethnic_languages": bool(profile.ethnic_languages),
        "plans_deadline": bool(values and values.get("han_ke_hoach")),
        "half_year_deadline": bool(values and values.get("han_bao_cao_6_thang")),
        "border_gates": bool(profile.border and profile.border.gates),
        "replaces": bool(profile.replaces),
        "slogan": bool(profile.brand_slogan),
        "programmes": bool(profile.programmes),
    }[condition]


def all_hold(when: Iterable[str], profile: Profile, values: Values | None = None) -> bool:
    return all(holds(c, profile, values) for c in when)
