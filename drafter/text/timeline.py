"""Task timelines ("Hằng năm", "2024 - 2030", "2024, 2026, 2028, 2030", …) read against a plan year.

A plan drafted for year Y must not list work whose time has passed, and a multi-year task
starts no earlier than Y. The strings are the ones issued plans print, so catalogue authors
copy them as they are; this module is the one place that knows what they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ANNUAL = "Hằng năm"
START = "Năm bắt đầu"


@dataclass(frozen=True)
class Timeline:
    kind: str  # annual | start | until | years | range
    years: tuple[int, ...] = ()

    def active(self, year: int, *, only_this_year: bool = False) -> bool:
        """Still to be done in a plan starting in `year` (a multi-year plan keeps tasks that start
        later); with only_this_year, due in `year` itself (a one-year plan)."""
        if self.kind in ("annual", "start"):
            return True
        if self.kind == "until":
            return year <= self.years[0]
        if self.kind == "range":
            start, end = self.years
            return (start <= year <= end) if only_this_year else year <= end
        return year in self.years if only_this_year else any(y >= year for y in self.years)

    def text(self, year: int) -> str:
        """What the appendix prints for a plan of this year (assumes active(year))."""
        if self.kind == "annual":
            return ANNUAL
        if self.kind == "start":
            return str(year)
        if self.kind == "until":
            return f"Đến năm {self.years[0]}"
        if self.kind == "range":
            start, end = max(self.years[0], year), self.years[1]
            return str(end) if start == end else f"{start} - {end}"
        remaining = [y for y in self.years if y >= year]
        return ", ".join(str(y) for y in remaining)


def parse(text: str) -> Timeline:
    text = text.strip()
    if text in (ANNUAL, "Hàng năm"):
        return Timeline("annual")
    if text == START:
        return Timeline("start")
    if m := re.fullmatch(r"Đến năm (\d{4})", text):
        return Timeline("until", (int(m.group(1)),))
    if m := re.fullmatch(r"(\d{4}) - (\d{4})", text):
        start, end = int(m.group(1)), int(m.group(2))
        if start > end:
            raise ValueError(f"năm bắt đầu {start} sau năm kết thúc {end}")
        return Timeline("range", (start, end))
    if re.fullmatch(r"\d{4}(, \d{4})*", text):
        return Timeline("years", tuple(sorted(int(y) for y in text.split(", "))))
    raise ValueError(f"không hiểu thời gian thực hiện {text!r}")
