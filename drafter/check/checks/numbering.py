"""N rules: mục, khoản and điểm in order (with "đ"), no Word list numbering."""

from __future__ import annotations

import re

from ...text import vn
from ...text.labels import DIEM, KHOAN, MUC
from ..model import DocModel, Para
from .base import Result, Violation, check
from .helpers import style_problems


def roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=False):
        va, vb = values[a], values.get(b, 0)
        total += -va if va < vb else va
    return total


#: "Điều 3." opens an article: khoản and điểm are numbered again inside each one (variant a).
DIEU = re.compile(r"^Điều\s+\d+")


def in_order(m: DocModel) -> list[tuple[Para, str]]:
    """Body paragraphs and the Phần/Chương lines between them, in reading order, with NFC text."""
    blocks = sorted([*m.body, *(label for label, _ in m.parts.divisions)], key=lambda b: b.number)
    return [(b, vn.nfc(b.text.strip())) for b in blocks]


def opens_division(m: DocModel, block: Para, text: str) -> bool:
    return bool(MUC.match(text) or DIEU.match(text)) or any(block is label for label, _ in m.parts.divisions)


@check("muc_numbering")
def muc_numbering(m: DocModel, p: dict) -> Result:
    expected = 1
    for block, text in in_order(m):
        if any(block is label for label, _ in m.parts.divisions):
            expected = 1  # mục are numbered again in each phần
            continue
        match = MUC.match(text)
        if not match:
            continue
        if roman_value(match.group(1)) != expected:
            yield Violation(f"mục “{match.group(1)}.” không đúng thứ tự (cần {vn.roman(expected)}.)", block)
        expected = roman_value(match.group(1)) + 1
        yield from style_problems(m, block, {"bold": True, "caps": True}, "Tên mục")


@check("khoan_numbering")
def khoan_numbering(m: DocModel, p: dict) -> Result:
    """Khoản 1, 2, 3… numbered again under each mục, điều and phần (II.6đ)."""
    expected = 1
    for block, text in in_order(m):
        if opens_division(m, block, text):
            expected = 1
            continue
        match = KHOAN.match(text)
        if match:
            if int(match.group(1)) != expected:
                yield Violation(f"khoản “{match.group(1)}.” không đúng thứ tự (cần {expected}.)", block)
            expected = int(match.group(1)) + 1


@check("diem_sequence")
def diem_sequence(m: DocModel, p: dict) -> Result:
    """Điểm a, b, c, d, đ, e… in each khoản. A paragraph numbered by Word shows a letter the text
    does not hold: the count goes on from whatever letter is typed next."""
    letters = p["letters"]
    index: int | None = 0
    for block, text in in_order(m):
        if opens_division(m, block, text) or KHOAN.match(text):
            index = 0
            continue
        match = DIEM.match(text)
        if not match:
            if m.resolver.para_format(block.paragraph).numbered:
                index = None
            continue
        label = match.group(1)
        want = letters[index] if index is not None and index < len(letters) else None
        if index is not None and label != want:
            hint = " (bảng chữ cái tiếng Việt: a, b, c, d, đ, e, g, h, i, k…; không có f, j, w, z)" if want else ""
            yield Violation(f"điểm “{label})” không đúng thứ tự (cần “{want})”){hint}", block)
        index = letters.index(label) + 1 if label in letters else (index or 0) + 1


@check("no_auto_numbering")
def no_auto_numbering(m: DocModel, p: dict) -> Result:
    for block in m.body:
        if m.resolver.para_format(block.paragraph).numbered:
            yield Violation("đánh số tự động của Word (có thể hiện “a.”, “1.1.” và không có “đ”); nên gõ số tay",
                            block)
            return
