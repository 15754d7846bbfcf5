"""The shared real plans (text extracted from PDF, hard-wrapped) as DOCX files a checker can read.

Lines are joined into paragraphs until one ends a sentence or a list item (".", ";", ":") or the
next starts a numbered part; table rows ("|"-separated) become one paragraph each. The result is
not a faithful layout (the formatting rules do not apply to it), only the words in reading order.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document

from tests.conftest import PLANS

REAL_PLANS = {
    "gia-lai-516": PLANS / "gia-lai-516-KH-UBND-2023-03-09.txt",
    "nghe-an-978": PLANS / "nghe-an-978-KH-UBND-2023-12-13.txt",
    "lam-dong-4784": PLANS / "lam-dong-4784-KH-UBND-2024-06-13.txt",
}
_START = re.compile(r"^([IVX]+\.|\d+(\.\d+)*\.|[a-zđ]\)|-|\+|Căn cứ|Nơi nhận)\s")


def paragraphs(text: str) -> list[str]:
    out: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if current and (_START.match(line) or current.endswith((".", ";", ":")) or "|" in line):
            out.append(current)
            current = line
        else:
            current = f"{current} {line}".strip()
    if current:
        out.append(current)
    return out


def as_docx(name: str, folder: Path) -> Path:
    document = Document()
    for paragraph in paragraphs(REAL_PLANS[name].read_text(encoding="utf-8")):
        document.add_paragraph(paragraph)
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path
