"""The rule drawn under a header line: a DrawingML or VML line anchored in any paragraph, a
paragraph or cell border, or characters typed as a line ("_____", "-----")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn

from ..model import DocModel, Para
from .headerlines import Line, split_lines
from .helpers import available_width, cell_blocks

#: A rule line typed as characters: underscores print as a solid line, hyphens and dashes as a broken one.
TYPED_RULE = re.compile(r"[_\-–—]{3,}")

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_LENGTH = re.compile(r"(-?[\d.]+)(pt|in|cm|mm|px)?")
_UNIT = {"pt": 20, "in": 1440, "cm": 567, "mm": 56.7, "px": 15, None: 20}


def _vml_length(value: str) -> float | None:
    found = _LENGTH.fullmatch(value.strip())
    return float(found.group(1)) * _UNIT[found.group(2)] if found else None


def drawn_lines(block: Para) -> list[int | None]:
    """Lengths (twips; None if unknown) of the straight lines drawn in a paragraph: DrawingML
    shapes (the VML fallback of the same shape is not counted twice) and VML lines or connectors."""
    p = block.paragraph._p
    out: list[int | None] = []
    for drawing in p.iter(qn("w:drawing")):
        geom = [g.get("prst") for g in drawing.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}prstGeom")]
        extent = drawing.find(".//" + qn("wp:extent"))
        flat = extent is not None and int(extent.get("cy") or 0) < 2 * 12700
        if any(g in ("line", "straightConnector1") for g in geom) or (flat and geom):
            out.append(int(extent.get("cx")) // 635 if extent is not None else None)
    vml = "urn:schemas-microsoft-com:vml"
    for pict in p.iter(qn("w:pict")):
        if any(a.tag == MC_FALLBACK for a in pict.iterancestors()):
            continue
        for shape in pict.iter():
            if shape.tag == f"{{{vml}}}line":
                ends = [[_vml_length(v) for v in (shape.get(k) or "0,0").split(",")] for k in ("from", "to")]
                xs = [e[0] for e in ends if e and e[0] is not None]
                out.append(round(abs(xs[1] - xs[0])) if len(xs) == 2 else None)
            elif shape.tag == f"{{{vml}}}shape":
                style = dict(kv.split(":", 1) for kv in (shape.get("style") or "").split(";") if ":" in kv)
                height = _vml_length(style.get("height", "0"))
                connector = shape.get("type") == "#_x0000_t32" or shape.get(qn("o:connectortype"))
                if connector or (height is not None and height < 40):
                    out.append(_vml_length(style["width"]) if "width" in style else None)
    return [None if x is None else round(x) for x in out]


def bottom_border(m: DocModel, block: Para) -> int | None | bool:
    """Length of a bottom border drawn under the paragraph (the width between its indents), None if
    it cannot be measured, False if there is none."""
    pf = m.resolver.para_format(block.paragraph)
    if pf.borders.get("bottom") in (None, "nil", "none"):
        return False
    width = available_width(m, block)
    return None if width is None else width - pf.left - pf.right


def _cell_border(block: Para, side: str) -> bool:
    tc = next((a for a in block.paragraph._p.iterancestors() if a.tag == qn("w:tc")), None)
    el = tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn(side)}") if tc is not None else None
    return el is not None and el.get(qn("w:val")) not in ("nil", "none")


@dataclass
class Rule:
    kind: str  # drawing | border | typed
    length: int | None
    block: Para
    text: str = ""


def rules_near(m: DocModel, line: Line) -> tuple[list[Rule], list[Rule]]:
    """(rules in the Tiêu ngữ's own column or just under it, rules anywhere else in the header
    table). Word anchors a drawn line to whichever paragraph was selected when it was drawn: the
    Tiêu ngữ, the date under it, an empty row below, or even a paragraph of the other column."""
    block = line.block
    own: list[Rule] = []
    others: list[Rule] = []
    # typed on the Tiêu ngữ paragraph's next line ("Độc lập …↵---------------")
    lines = split_lines(block)
    index = next((i for i, x in enumerate(lines) if x.text == line.text), 0)
    if index + 1 < len(lines) and TYPED_RULE.fullmatch(lines[index + 1].text.strip()):
        typed = lines[index + 1]
        own.append(Rule("typed", None, block, typed.text.strip()))
    if block.table is None:
        siblings = cell_blocks(m, block)
        start = siblings.index(block)
        column = siblings[start:start + 3]
        table_blocks: list[Para] = []
    else:
        info = m.tables[block.table]
        col = block.cell[1]
        column = [b for b in info.blocks if b.cell[1] == col and b.number >= block.number]
        table_blocks = [b for b in info.blocks if b not in column]
    for pool, out in ((column, own), (table_blocks, others)):
        for b in pool:
            text = b.text.strip()
            if b is not block and TYPED_RULE.fullmatch(text):
                out.append(Rule("typed", None, b, text))
            out.extend(Rule("drawing", length, b) for length in drawn_lines(b))
            border = bottom_border(m, b)
            if border is not False and (b is block or not text):
                out.append(Rule("border", border, b))
    if block.table is not None and _cell_border(block, "w:bottom"):
        own.append(Rule("border", available_width(m, block), block))
    return own, others
