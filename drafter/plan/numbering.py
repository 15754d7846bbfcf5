"""Labels for the body's blocks, computed once at the end so a deleted or inserted block renumbers
everything after it. The grammar itself lives in text.labels."""

from __future__ import annotations

from dataclasses import replace

from ..text import vn
from ..text.labels import Numberer
from .records import Block


def number_blocks(blocks: list[Block]) -> list[Block]:
    """Add the labels: I., II. per mục; 1., 2. per khoản (restarting in each mục); a), b), c), d), đ)
    per điểm (restarting in each khoản); "- " per gạch đầu dòng. The unlabelled text stays in `raw`.
    The content ends with "./." (NĐ 30 Phụ lục III, Mẫu 1.4)."""
    numberer = Numberer()
    out = [replace(b, raw=b.content, text=numberer.label(b.style) + b.content) for b in blocks]
    if out:
        out[-1] = replace(out[-1], text=vn.ensure_final(out[-1].text, "./."))
    return out
