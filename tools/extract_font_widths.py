"""Extract advance widths of Times New Roman-compatible glyphs into drafter/data/tnr-widths.json.

Why: NĐ 30 fixes rule-line lengths relative to the text above them (the Tiêu ngữ rule is as
long as the Tiêu ngữ; the agency and trích yếu rules are 1/3 to 1/2 of theirs). Computing that
needs real glyph widths. Liberation Serif is metric-compatible with Times New Roman (same
advance widths by design), and Debian ships it, so the table is reproducible here.

Run once at development time (needs fonttools, not a runtime dependency):
    pip install fonttools && python tools/extract_font_widths.py
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
STYLES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}
VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ"
    "pqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz"
)
CHARS = sorted(
    set(chr(c) for c in range(32, 127))
    | set(VIETNAMESE)
    | set(VIETNAMESE.upper())
    | set("…“”‘’–—•")
)


def main() -> None:
    out: dict[str, object] = {
        "source": "Liberation Serif 2.x (metric-compatible with Times New Roman), Debian fonts-liberation",
        "units_per_em": None,
        "widths": {},
    }
    for style, filename in STYLES.items():
        font = TTFont(FONT_DIR / filename)
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        out["units_per_em"] = font["head"].unitsPerEm
        widths = {}
        for ch in CHARS:
            code = ord(unicodedata.normalize("NFC", ch))
            if code in cmap:
                widths[ch] = hmtx[cmap[code]][0]
        out["widths"][style] = widths
    target = Path(__file__).resolve().parents[1] / "drafter" / "data" / "tnr-widths.json"
    target.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {target} ({len(CHARS)} characters x {len(STYLES)} styles)")


if __name__ == "__main__":
    main()
