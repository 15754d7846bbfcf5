"""How wide a line of Times New Roman text is, from the font's advance widths.

NĐ 30 sets rule-line lengths relative to the text above them (nd30-format.md H4, H7, T3), and
the header table must be wide enough that the place-and-date line does not wrap. Widths come
from Liberation Serif, which is metric-compatible with Times New Roman (tools/extract_font_widths.py).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache

from ..resources import DATA_DIR

TWIPS_PER_POINT = 20


@cache
def _table() -> tuple[int, dict[str, dict[str, int]]]:
    data = json.loads((DATA_DIR / "tnr-widths.json").read_text(encoding="utf-8"))
    return data["units_per_em"], data["widths"]


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bolditalic"}[
        (bold, italic)
    ]


def width_twips(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> int:
    units, widths = _table()
    table = widths[_style(bold, italic)]
    fallback = table["n"]
    total = 0
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            total += table[ch]
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            total += table.get(base, fallback)
    return round(total / units * size_pt * TWIPS_PER_POINT)
