"""The printed lines of a header: a paragraph, or each part of it between line breaks, with where
it prints (a line typed flush left but pushed to the middle with spaces or an indent prints centred)
and its size, weight, slant, capitals and alignment as one line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.text.run import Run

from ...docxio.textwidth import width_twips
from ...text import vn
from ..model import DocModel, Para
from ..resolve import RunFormat
from .base import Violation
from .helpers import ALIGN_NAMES, CM, available_width, type_problems


@dataclass
class Line:
    """One printed line of the header: a paragraph, or the part of one between line breaks."""

    block: Para
    text: str
    runs: list[Run] = field(default_factory=list)


def split_lines(block: Para) -> list[Line]:
    """The paragraph's lines at its line breaks, each with the runs that print on it."""
    lines = [Line(block, "")]
    for run in block.runs:
        pieces = run.text.replace("\r", "\n").split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append(Line(block, ""))
            lines[-1].text += piece
            if piece.strip():
                lines[-1].runs.append(run)
    return [line for line in lines if line.text.strip()]


def header_lines(m: DocModel, blocks: list[Para] | None = None) -> list[Line]:
    return [line for b in (m.header_blocks if blocks is None else blocks) for line in split_lines(b)]


def find_line(m: DocModel, pattern: str) -> Line | None:
    rx = re.compile(pattern)
    return next((line for line in header_lines(m) if rx.search(line.text.strip())), None)


def line_formats(m: DocModel, line: Line) -> list[RunFormat]:
    if not line.runs:
        return [m.resolver.run_format(line.block.paragraph)]
    return [m.resolver.run_format(line.block.paragraph, r) for r in line.runs]


def lead_width(text: str, size: float) -> int:
    """Width of the spaces and tabs before the text: a tab reaches the next default stop (1.27 cm)."""
    x = 0
    for ch in text:
        if ch == "\t":
            x = (x // 720 + 1) * 720
        elif ch in " \u00a0":
            x += width_twips(" ", size)
        else:
            break
    return x


def centre_offset(m: DocModel, line: Line) -> int | None:
    """How far (twips) the printed text's centre lies from the centre of its cell or text column;
    None when the width cannot be known (a cell sized in percent)."""
    avail = available_width(m, line.block)
    if avail is None:
        return None
    pf = m.resolver.para_format(line.block.paragraph)
    f = line_formats(m, line)[0]
    size = f.size_pt or 14
    text = vn.nfc(line.text.rstrip())
    lead = lead_width(text, size)
    width = width_twips(text.strip(), size, bold=f.bold, italic=f.italic)
    start, end = pf.left + max(pf.first_line, 0), avail - pf.right
    if lead + width >= end - start:  # the line wraps: it fills the column
        return 0
    jc = pf.jc or "left"
    if jc == "center":
        x = start + (end - start - lead - width) / 2 + lead
    elif jc == "right":
        x = end - width
    else:  # left, or justified (a single line is set flush left)
        x = start + lead
    return round(x + width / 2 - avail / 2)


def column_lines(m: DocModel, line: Line) -> list[Line]:
    """The header lines printed in the same column (ô 1 or ô 2) as this one."""
    block = line.block
    if block.table is None:
        return [x for x in header_lines(m) if x.block.table is None]
    return [x for x in header_lines(m) if x.block.table == block.table and x.block.cell[1] == block.cell[1]]


def off_centre(m: DocModel, line: Line) -> int | None:
    """How far the line prints from the centre the other lines of its column share (the cell's
    centre when they are centred). The reader sees the column, not the borderless cell: an agency
    name, "Số" and the rule all shifted 1 cm to the left still stand centred under one another."""
    own = centre_offset(m, line)
    if own is None:
        return None
    others = sorted(o for x in column_lines(m, line) if x.text != line.text
                    and (o := centre_offset(m, x)) is not None)
    reference = others[len(others) // 2] if others else 0
    return own - reference




def line_style(m: DocModel, line: Line, p: dict, what: str) -> Iterator[Violation]:
    """Size, weight, slant, capitals and alignment of one printed line. Alignment is judged by where
    the line prints: a line typed flush left but centred with spaces or an indent is centred."""
    block = line.block
    yield from type_problems(line_formats(m, line), block, p, what)
    if "align" in p:
        jc = m.resolver.para_format(block.paragraph).jc or "left"
        if jc != p["align"]:
            offset = off_centre(m, line) if p["align"] == "center" else None
            if offset is None or abs(offset) > p.get("centre_tol_mm", 5) * CM / 10:
                shift = f", lệch {abs(offset) / CM:.1f} cm so với các dòng cùng cột" if offset else ""
                yield Violation(f"{what}: {ALIGN_NAMES.get(jc, jc)}{shift}, cần {ALIGN_NAMES[p['align']]}", block)
    text = vn.nfc(line.text.strip())
    if p.get("caps") and text != vn.upper(text):
        yield Violation(f"{what}: phải viết in hoa", block)
