"""How a document is cited in a Vietnamese administrative text, from its record.

    Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại
    Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ về …   (long date: căn cứ)

A field the records do not know is a visible blank "…" (never a guess); the caller says so in a
notice. One place builds these strings, so the generator and the checker agree on the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from . import vn


class Citable(Protocol):
    type: str
    number: str | None
    date: dt.date | None
    issuer: str | None
    title: str | None


def date_text(date: dt.date | None, *, long: bool) -> str:
    if date is None:
        return vn.BLANK
    if long:
        return f"{vn.day_text(date.day)} tháng {vn.month_text(date.month)} năm {date.year}"
    return vn.short_date(date)


def number_ref(doc: Citable) -> str:
    """ "Nghị định số 72/2015/NĐ-CP": the short mention after a first full citation."""
    if doc.type == "Luật" and doc.title:
        return f"{doc.title} số {doc.number or vn.BLANK}"
    return f"{doc.type} số {doc.number or vn.BLANK}"


def citation(doc: Citable, *, long_date: bool = False, title: bool = True) -> str:
    """The full citation: type, number, date, issuer, trích yếu (title=False: without it)."""
    parts = [number_ref(doc), f"ngày {date_text(doc.date, long=long_date)}"]
    if doc.type != "Luật":
        parts.append(f"của {doc.issuer or vn.BLANK}")
        if doc.title and title:
            parts.append(doc.title)
    return " ".join(parts)


def has_blank(text: str) -> bool:
    return vn.BLANK in text
