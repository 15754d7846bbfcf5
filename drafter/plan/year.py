"""The one rule for the plan year, shared by the CLI, the web page and batch drafting: a plan
made in December for the coming year and a plan dated in January must agree on which year they plan."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from ..errors import UserError
from ..inputs.kinds import DEFAULT_KIND, single_year
from ..limits import check_year
from ..text import vn


@dataclass(frozen=True)
class PlanYear:
    """The plan year and, when the rule (not --year) moved it past the date's year, why: a notice."""

    year: int
    reason: str | None = None


#: A single-year plan (the annual kind) signed from this month on is for the next year: an annual
#: plan drafted in the last quarter plans the coming year (a date in the year before the plan year
#: was always accepted with --year); earlier in the year it plans the year it is signed in.
NEXT_YEAR_FROM_MONTH = 10


def resolve_year(year: int | None, date: dt.date | None, kind: str = DEFAULT_KIND,
                 today: dt.date | None = None) -> PlanYear:
    """The one rule for the plan year, used by the CLI, the web page and batch drafting.

    --year wins (2000-2100; the date must fall in that year or the one before, as an annual plan
    may be signed late in the year before). Otherwise the year of the signing date (or of today,
    when no date is given), except that a single-year plan (the annual kind) signed in the last
    quarter is for the next year, and the notice says so. A multi-year kind (NQ 47) keeps the
    date's year."""
    if year is not None:
        check_year(year)
        if date and date.year not in (year, year - 1):
            raise UserError(f"--date {date.isoformat()} không khớp với --year {year} "
                            "(ngày ban hành phải thuộc năm kế hoạch hoặc năm trước đó)")
        return PlanYear(year)
    on = date or today or current_day()
    if on.month < NEXT_YEAR_FROM_MONTH or not single_year(kind):
        return PlanYear(on.year)
    said = f"ngày ký {vn.short_date(on)}" if date else f"chưa có ngày ký và hôm nay ({vn.short_date(on)})"
    return PlanYear(on.year + 1, f"Kế hoạch năm {on.year + 1}: {said} ở quý IV nên kế hoạch là cho năm sau; "
                                 "dùng --year để chọn năm khác.")


def current_day() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names (the reproducible-builds convention): an undated
    draft made twice from the same inputs on that day is the same file, and tests pin their day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and len(epoch) <= 12:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
