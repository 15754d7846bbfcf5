"""National facts that depend on a plan's date: legal bases in force, the guiding ministry,
round anniversaries. Data in drafter/data/national.yaml; this module only selects from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from ..errors import CatalogueError
from ..resources import DATA_DIR
from ..text import vn
from .schema import conform
from .yamlio import load

NATIONAL_PATH = DATA_DIR / "national.yaml"


@dataclass(frozen=True)
class LegalBasis:
    id: str
    text: str
    notice: str | None


@cache
def data(strict: bool = False) -> dict:
    """The shipped national facts (validated in full with strict=True: tests, `drafter validate`)."""
    return conform(load(NATIONAL_PATH, CatalogueError), "national", CatalogueError, strict=strict)


def _current(entry: dict, on: dt.date) -> bool:
    return (entry.get("from") is None or entry["from"] <= on) and (entry.get("until") is None or on <= entry["until"])


def legal_basis(basis_id: str, on: dt.date) -> LegalBasis | None:
    for entry in data()["legal_bases"]:
        if entry["id"] == basis_id:
            return LegalBasis(entry["id"], entry["text"], entry.get("notice")) if _current(entry, on) else None
    raise CatalogueError.single(NATIONAL_PATH, f"không có căn cứ mã {basis_id!r}")


def basis_ids() -> set[str]:
    return {entry["id"] for entry in data()["legal_bases"]}


def ministry(on: dt.date) -> str:
    return next(m["name"] for m in data()["ministries"] if _current(m, on))


def anniversaries(year: int, countries: tuple[str, ...] = (), local: list[dict] | tuple = ()) -> list[str]:
    """ "50 năm Ngày Việt Nam trở thành thành viên Liên hợp quốc (20/9/1977 - 20/9/2027)" for every
    national event (and the province's own) whose anniversary in `year` is a multiple of 5.
    Events tied to a country are named only for provinces bordering it."""
    out = []
    for entry in list(data()["anniversaries"]) + list(local):
        if entry.get("countries") and not set(entry["countries"]) & set(countries):
            continue
        start = entry["date"]
        years = year - start.year
        if years > 0 and years % 5 == 0:
            span = f"{vn.short_date(start)} - {vn.short_date(start.replace(year=year))}"
            out.append(f"{years} năm {entry['event']} ({span})")
    return out
