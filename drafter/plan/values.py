"""A province's values for the {placeholders} of catalogue and plan-kind texts, and the conditions
(`when:`) that decide whether a text applies to it."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import CatalogueError
from ..inputs import national
from ..inputs.profile import Profile
from ..text import placeholders, vn
from .request import PlanRequest

Values = dict[str, str | None]

NUMBER_BLANK = " " * 6  # "Số:      /KH-UBND": the records office writes the number after signing


def _join_and(items: list[str]) -> str:
    """ "Lào và Campuchia", "Trung Quốc, Lào và Campuchia"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def placeholder_values(request: PlanRequest) -> Values:
    profile, year = request.profile, request.year
    level, name = profile.level, profile.province_name
    border = profile.border
    values: Values = {
        "tinh": f"{level} {name}",
        "ten_tinh": name,
        "cap_tinh": level,
        "ubnd": f"UBND {level}",
        "uy_ban": f"Ủy ban nhân dân {level}",
        "uy_ban_ten": f"Ủy ban nhân dân {level} {name}",
        "slogan": profile.brand_slogan,
        "quy_hoach": profile.provincial_planning,
        "replaces": profile.replaces,
        "bien_gioi_nuoc": _join_and(list(border.countries)) if border else None,
        "bien_gioi_dia_ban": ", ".join(border.areas) if border and border.areas else None,
        "cua_khau": ", ".join(f"cửa khẩu {g.kind} {g.name}" for g in border.gates) if border and border.gates else None,
        "han_bao_cao": profile.report_deadline,
        "han_bao_cao_nam": f"{profile.annual_deadline}/{year}" if profile.annual_deadline else None,
        "nam": str(year),
        "nam_truoc": str(year - 1),
        "bo_ttdn": national.ministry(request.reference_date),
        "ky_niem": "; ".join(national.anniversaries(
            year, border.countries if border else (), profile.anniversaries)) or None,
        "so_ky_hieu": f"số{NUMBER_BLANK}/{request.symbol}",
        "ngay_ban_hanh": vn.date_phrase(request.date, year),
    }
    values.update(profile.agencies)
    return values


def fill(text: str, values: Values, where: str) -> str:
    """A catalogue or kind text with the province's values; a missing required value is a data error."""
    try:
        # Texts and values were cleaned when loaded; cleaning again would collapse the
        # deliberate blank in "số      /KH-UBND".
        return placeholders.fill(text, values).strip()
    except placeholders.MissingValue as exc:
        raise CatalogueError.single(where, f"chỗ điền {{{exc.name}}} không có giá trị cho hồ sơ này") from None


def holds(condition: str, profile: Profile, values: Values | None = None) -> bool:
    if condition.startswith("role:"):
        return condition[5:] in profile.agencies
    if condition == "anniversaries":
        return bool(values and values.get("ky_niem"))
    return {
        "border": profile.border is not None,
        "coastal": profile.coastal,
        "border_gates": bool(profile.border and profile.border.gates),
        "replaces": bool(profile.replaces),
        "slogan": bool(profile.brand_slogan),
        "programmes": bool(profile.programmes),
    }[condition]


def all_hold(when: Iterable[str], profile: Profile, values: Values | None = None) -> bool:
    return all(holds(c, profile, values) for c in when)
