"""Finding citations of documents in a text: "Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính
phủ …", "Quyết định số 173/QĐ-TTg", "Kết luận số 57-KL/TW", "Nghị quyết Đại hội XIII của Đảng".

Every pattern is bounded (no unbounded repetition next to another), so a long or hostile
paragraph costs linear time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..text import vn

TYPES = ("Nghị định", "Quyết định", "Thông tư liên tịch", "Thông tư", "Nghị quyết", "Kết luận", "Chỉ thị",
         "Công văn", "Văn bản", "Kế hoạch", "Chương trình", "Hướng dẫn", "Luật")
_NUMBER = r"\d{1,5}(?:/\d{4})?/[A-ZĐ][A-ZĐa-z0-9&\-]{0,40}|\d{1,5}-[A-ZĐ]{1,5}/[A-ZĐ]{1,5}"
_DATE = r"(\d{1,2})\s{0,3}(?:/|tháng\s{1,3})(\d{1,2})\s{0,3}(?:/|năm\s{1,3})(\d{4})"
CITATION = re.compile(
    rf"\b({'|'.join(TYPES)})\s{{1,3}}(?:số\s{{1,3}})?({_NUMBER})"
    rf"(?:,?\s{{1,3}}ngày\s{{1,3}}{_DATE})?"
    rf"(?:\s{{1,3}}của\s{{1,3}}([^,;.()“”\"]{{1,160}}))?")
#: A law named by its title and date, without a number: "Luật Tổ chức chính quyền địa phương ngày 19
#: tháng 6 năm 2015". The title holds no digit (a numbered law is not this form) nor sentence mark.
LAW_BY_DATE = re.compile(rf"\bLuật\s{{1,3}}([^\d;.()“”\"\n]{{3,160}}?),?\s{{1,3}}ngày\s{{1,3}}{_DATE}")
CONGRESS = re.compile(r"\bNghị quyết\s{1,3}(?:Đại hội\s{1,3})?(?:đại biểu toàn quốc\s{1,3})?(?:lần thứ\s{1,3})?"
                      r"([XVI]{2,6})\b(?!\s{0,3}nhiệm kỳ)")
DATE_LINE = re.compile(r"ngày\s{1,3}(\d{1,2})\s{1,3}tháng\s{1,3}(\d{1,2})\s{1,3}năm\s{1,3}(\d{4})")
YEAR_LINE = re.compile(r",\s{0,3}ngày\s{0,3}…\s{0,3}tháng\s{0,3}…\s{0,3}năm\s{1,3}(\d{4})")


@dataclass(frozen=True)
class Citation:
    type: str
    number: str | None  # None: a law cited by its title and date (title says which)
    date: dt.date | None
    date_text: str | None
    issuer: str | None  # the words after "của", up to the title (trimmed by the caller's record)
    start: int
    end: int
    text: str
    title: str | None = None

    @property
    def name(self) -> str:
        """How a message names it: "Nghị định số 152/2020/NĐ-CP", "Luật Tổ chức … ngày 19/6/2015"."""
        if self.number is not None:
            return f"{self.type} số {self.number}"
        return f"{self.type} {self.title} ngày {self.date_text}"

    @property
    def key(self) -> str:
        return self.number if self.number is not None else f"{self.type} {self.title} {self.date_text}"


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_citations(text: str) -> list[Citation]:
    text = vn.nfc(text)
    out = []
    for m in CITATION.finditer(text):
        date = _date(m.group(3), m.group(4), m.group(5)) if m.group(3) else None
        date_text = f"{m.group(3)}/{m.group(4)}/{m.group(5)}" if m.group(3) else None
        issuer = m.group(6).strip() if m.group(6) else None
        out.append(Citation(m.group(1), m.group(2), date, date_text, issuer, m.start(), m.end(), m.group(0)))
    for m in LAW_BY_DATE.finditer(text):
        if any(c.start <= m.start() < c.end for c in out):
            continue
        title = " ".join(m.group(1).split())
        out.append(Citation("Luật", None, _date(m.group(2), m.group(3), m.group(4)),
                            f"{m.group(2)}/{m.group(3)}/{m.group(4)}", None, m.start(), m.end(), m.group(0), title))
    return sorted(out, key=lambda c: c.start)


def find_congresses(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(1), m.start(), m.end()) for m in CONGRESS.finditer(vn.nfc(text))]


def stated_date(lines: list[str]) -> tuple[dt.date | None, str]:
    """The document's own date from its place-and-date line: the date, and how it was read
    ("" when read in full, a note when only the year was there)."""
    for line in lines:
        m = DATE_LINE.search(vn.nfc(line))
        if m:
            date = _date(*m.groups())
            if date:
                return date, ""
    for line in lines:
        m = YEAR_LINE.search(vn.nfc(line))
        if m:
            year = int(m.group(1))
            return dt.date(year, 1, 1), f"ngày văn bản chưa điền: xét cả năm {year}"
    return None, ""


def issuer_matches(found: str, expected: str) -> bool:
    """The words after "của" begin with the issuer ("Bộ trưởng Bộ X" and "Bộ X" are the same one)."""
    def norm(s: str) -> str:
        return " ".join(vn.nfc(s).lower().split())

    found, expected = norm(found), norm(expected)
    variants = {expected, expected.removeprefix("bộ trưởng "), f"bộ trưởng {expected}"}
    return any(found.startswith(v) for v in variants)
