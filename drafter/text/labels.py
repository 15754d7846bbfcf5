"""The label grammar of a plan's body: "I." per mục, "1." per khoản, "a)" per điểm, "- " per gạch.

Written by the generator (plan.numbering), stripped by the reviewer round trip (review.harvest,
review.diff) and read by the checker (check.model): one grammar, so what drafter writes is exactly
what it reads back. NĐ 30/2020 Phụ lục I §2.6: mục in Roman numerals, khoản in Arabic numerals
followed by ".", điểm in Vietnamese letters followed by ")" (a b c d đ e g h i k…).
"""

from __future__ import annotations

import re

from . import vn

MUC = re.compile(r"^([IVXLC]+)\.\s")
KHOAN = re.compile(r"^(\d+)\.\s")
DIEM = re.compile(r"^([a-zđ]{1,2})\)\s")
GACH = re.compile(r"^[-–+]\s")
#: Any one label at the start of a paragraph.
ANY = re.compile(r"^(?:[IVXLC]+\.|\d+\.|[a-zđ]{1,2}\)|[-–+])\s+")

#: Block styles that carry no label.
UNLABELLED = ("can_cu", "para")
#: Styles that open a khoản (numbered 1., 2. … within a mục).
KHOAN_STYLES = ("khoan", "khoan_title")


def strip_label(text: str) -> str:
    """The text without its leading label: "a) Tuyên truyền…" → "Tuyên truyền…"."""
    return ANY.sub("", text.strip(), count=1)


def style_of(text: str) -> str:
    """The block style a labelled paragraph was written in (for a paragraph a reviewer added)."""
    text = text.strip()
    if text.startswith("Căn cứ"):
        return "can_cu"
    if MUC.match(text):
        return "muc"
    if KHOAN.match(text):
        return "khoan"
    if DIEM.match(text):
        return "diem"
    if GACH.match(text):
        return "gach"
    return "para"


class Numberer:
    """Counts mục, khoản and điểm in reading order and gives each block its label.

    khoản restart in each mục, điểm in each khoản; numbering is computed here, never by Word's
    list numbering (which cannot write "đ)")."""

    def __init__(self) -> None:
        self.muc = self.khoan = self.diem = 0

    def label(self, style: str) -> str:
        if style == "muc":
            self.muc, self.khoan, self.diem = self.muc + 1, 0, 0
            return f"{vn.roman(self.muc)}. "
        if style in KHOAN_STYLES:
            self.khoan, self.diem = self.khoan + 1, 0
            return f"{self.khoan}. "
        if style == "diem":
            label = f"{vn.diem_letter(self.diem)}) "
            self.diem += 1
            return label
        if style == "gach":
            return "- "
        return ""
