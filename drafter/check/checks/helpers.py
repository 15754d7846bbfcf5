"""Measurements shared by the checks: effective formats, widths, rule lines under text, page fields."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ...docxio.textwidth import width_twips
from ...text import vn
from ..model import DocModel, Para
from ..resolve import RunFormat
from .base import Result, Unknown, Violation

EMU_PER_TWIP = 635
CM = 567  # twips


ALIGN_NAMES = {"center": "căn giữa", "both": "căn đều hai bên", "left": "căn trái", "right": "căn phải"}

def formats(m: DocModel, block: Para) -> list[RunFormat]:
    """Effective format of each run that shows text (or of the paragraph mark if none). A part of a
    paragraph (a line of the signing block, check/signing.py) has its own runs."""
    if hasattr(block, "run_formats"):
        return block.run_formats(m.resolver)
    runs = [r for r in block.paragraph.runs if r.text.strip()]
    if not runs:
        return [m.resolver.run_format(block.paragraph)]
    return [m.resolver.run_format(block.paragraph, r) for r in runs]


def first(m: DocModel, block: Para) -> RunFormat:
    return formats(m, block)[0]


def in_range(value: float | None, bounds: list[float] | float) -> bool:
    if value is None:
        return False
    lo, hi = (bounds, bounds) if isinstance(bounds, int | float) else bounds
    return lo <= value <= hi


def pt(bounds) -> str:
    return f"{bounds} pt" if isinstance(bounds, int | float) else f"{bounds[0]}-{bounds[1]} pt"


def style_problems(m: DocModel, block: Para, p: dict[str, Any], what: str) -> Iterator[Violation]:
    """size / bold / italic / align / caps expectations shared by many rules."""
    fmts = formats(m, block)
    off_size = "size_pt" in p and not all(in_range(f.size_pt, p["size_pt"]) for f in fmts)
    mixed = off_size and mostly_in_range(m, block, p["size_pt"])
    yield from type_problems(fmts, block, p, what, size_case="mixed_size" if mixed else None)
    if "align" in p:
        jc = m.resolver.para_format(block.paragraph).jc or "left"
        if jc != p["align"]:
            yield Violation(f"{what}: {ALIGN_NAMES.get(jc, jc)}, cần {ALIGN_NAMES[p['align']]}", block)


def type_problems(fmts: list, block: Para, p: dict[str, Any], what: str, *,
                  size_case: str | None = None) -> Iterator[Violation]:
    """Size, weight and slant of the runs of one line or paragraph against the rule's params: the
    part every line rule shares (alignment is judged by each, on the paragraph or the printed line)."""
    if "size_pt" in p and not all(in_range(f.size_pt, p["size_pt"]) for f in fmts):
        sizes = sorted({f.size_pt for f in fmts if f.size_pt})
        yield Violation(f"{what}: cỡ chữ {', '.join(f'{s:g}' for s in sizes)} pt, cần {pt(p['size_pt'])}", block,
                        case=size_case)
    for key, label in (("bold", "in đậm"), ("italic", "in nghiêng")):
        if key in p and not all(getattr(f, key) == p[key] for f in fmts):
            yield Violation(f"{what}: {'phải' if p[key] else 'không được'} {label}", block)
    if p.get("caps") and vn.nfc(block.text.strip()) != vn.upper(block.text.strip()):
        yield Violation(f"{what}: phải viết in hoa", block)


def mostly_in_range(m: DocModel, block: Para, bounds, share: float = 0.8) -> bool:
    """At least `share` of the characters are in the size range: a word or two off (hard to see)."""
    runs = [r for r in block.paragraph.runs if r.text.strip()]
    total = sum(len(r.text.strip()) for r in runs)
    good = sum(len(r.text.strip()) for r in runs if in_range(m.resolver.run_format(block.paragraph, r).size_pt, bounds))
    return bool(total) and good >= share * total


def available_width(m: DocModel, block: Para) -> int | None:
    """Twips between the margins of the cell or page holding the block."""
    if block.cell is not None:
        tc = block.paragraph._p.getparent()
        while tc is not None and tc.tag != qn("w:tc"):
            tc = tc.getparent()
        width = tc.find(qn("w:tcPr") + "/" + qn("w:tcW")) if tc is not None else None
        if width is None or width.get(qn("w:type")) not in (None, "dxa"):
            return None
        tbl = tc.getparent().getparent()
        pad = 0
        for side, fallback in (("w:left", 108), ("w:right", 108)):
            el = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCellMar") + "/" + qn(side))
            pad += int(el.get(qn("w:w"))) if el is not None else fallback
        return int(width.get(qn("w:w"))) - pad
    section = m.sections[block.section - 1]
    return int((section.page_width - section.left_margin - section.right_margin) / EMU_PER_TWIP)


def text_width(m: DocModel, block: Para) -> int:
    f = first(m, block)
    return width_twips(block.text.strip(), f.size_pt or 14, bold=f.bold, italic=f.italic)


def rule_below(m: DocModel, ref: Para, siblings: list[Para]) -> tuple[str, int | None, Para] | None:
    """The line drawn under `ref`: ("border" | "drawing" | "underscore", length in twips, block)."""
    own = m.resolver.para_format(ref.paragraph)
    if own.borders.get("bottom") not in (None, "nil", "none"):
        width = available_width(m, ref)
        return "border", None if width is None else width - own.left - own.right, ref
    index = siblings.index(ref)
    for block in siblings[index + 1 : index + 3]:
        text = block.text.strip()
        if text and not re.fullmatch(r"[_\-–—]{3,}", text):
            return None
        if re.fullmatch(r"[_\-–—]{3,}", text):
            return "underscore", text_width(m, block), block
        pf = m.resolver.para_format(block.paragraph)
        if pf.borders.get("bottom") not in (None, "nil", "none"):
            width = available_width(m, block)
            return "border", None if width is None else width - pf.left - pf.right, block
        xml = block.paragraph._p.xml
        if m.has_drawn_line(block):
            cx = re.search(r'<wp:extent cx="(\d+)"', xml)
            return "drawing", int(cx.group(1)) // EMU_PER_TWIP if cx else None, block
    return None


def line_rule(m: DocModel, refs: list[Para], siblings: list[Para], p: dict[str, Any], what: str) -> Result:
    """A rule under the last of refs, ratio × the widest ref's text (NĐ 30: 1 for the Tiêu ngữ,
    1/3-1/2 for the agency name and the trích yếu); a wrapped line counts as the full width."""
    if not refs:
        yield Unknown(f"không tìm thấy {what} để đo đường kẻ")
        return
    under = refs[-1]
    if any(f.underline for ref in refs for f in formats(m, ref)):
        yield Violation(f"{what} bị gạch chân thay cho đường kẻ riêng", under)
        return
    found = rule_below(m, under, siblings)
    if found is None:
        yield Violation(f"thiếu đường kẻ dưới {what}", under)
        return
    kind, length, block = found
    if kind == "underscore":
        yield Violation(f"đường kẻ dưới {what} gõ bằng ký tự “_”/“-”; nên dùng đường viền hoặc đường vẽ",
                        block, case="typed_rule")
    if length is None:
        yield Unknown(f"không đo được độ dài đường kẻ dưới {what}", block)
        return
    reference = max(min(text_width(m, ref), available_width(m, ref) or 10**9) for ref in refs)
    lo, hi = p["ratio"] if isinstance(p["ratio"], list) else (p["ratio"], p["ratio"])
    tol = p.get("tolerance", 0.05)
    ratio = length / reference if reference else 0
    if not (lo - tol <= ratio <= hi + tol):
        want = "bằng" if lo == hi == 1 else f"{lo:.2g}-{hi:.2g} lần"
        yield Violation(f"đường kẻ dưới {what} dài {length / CM:.1f} cm = {ratio:.2f} lần dòng chữ "
                        f"({reference / CM:.1f} cm), cần {want} độ dài dòng chữ", block)


PAGE_FIELD = re.compile(r'(w:instr="\s*PAGE\b|<w:instrText[^>]*>\s*PAGE\b)')


def has_page_field(part_element) -> bool:
    return bool(PAGE_FIELD.search(part_element.xml))


def headers_and_footers(m: DocModel) -> Iterator[tuple[int, Any]]:
    """(section number, part) for every header and footer a section has of its own (first page,
    even pages and the rest), each part once."""
    seen = set()
    for index, section in enumerate(m.sections, start=1):
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield index, part


def all_paragraph_blocks(m: DocModel) -> list[Para]:
    blocks = list(m.blocks)
    for index, part in headers_and_footers(m):
        for paragraph in part._element.iter(qn("w:p")):
            blocks.append(Para(Paragraph(paragraph, part), 0, index))
    return blocks


def body_size(m: DocModel, block: Para) -> float | None:
    return first(m, block).size_pt


def borderless(info) -> bool:
    tbl = info.table._tbl
    borders = tbl.find(qn("w:tblPr") + "/" + qn("w:tblBorders"))
    if borders is not None and any(el.get(qn("w:val")) not in ("nil", "none") for el in borders):
        return False
    for tcb in tbl.iter(qn("w:tcBorders")):
        if any(el.get(qn("w:val")) not in ("nil", "none") for el in tcb):
            return False
    if borders is None:
        style = tbl.find(qn("w:tblPr") + "/" + qn("w:tblStyle"))
        if style is not None:
            for el in info.table.part.document.styles.element.findall(qn("w:style")):
                if el.get(qn("w:styleId")) == style.get(qn("w:val")):
                    sb = el.find(qn("w:tblPr") + "/" + qn("w:tblBorders"))
                    if sb is not None and any(b.get(qn("w:val")) not in ("nil", "none") for b in sb):
                        return False
    return True


def layout_table(info, missing: str, bordered: str) -> Result:
    """The header and signature blocks sit in 2-column tables without visible borders."""
    if info is None:
        yield Violation(missing)
    elif not borderless(info):
        yield Violation(bordered, info.blocks[0])


def cell_blocks(m: DocModel, block: Para) -> list[Para]:
    """All paragraphs (empty ones too) of the cell or body holding the block."""
    if block.table is None:
        return m.section_blocks(block.section)
    info = m.tables[block.table]
    return [b for b in info.blocks if b.cell == block.cell]


# --- where the first line of a paragraph prints (C1, C2) ---------------------------------------------

def _numbering_indent(m: DocModel, paragraph) -> tuple[int | None, int | None] | None:
    """(left, first line) that Word list numbering gives the paragraph's level, if any: it overrides
    the paragraph style's indent, and the paragraph's own indent overrides it."""
    ppr = paragraph._p.pPr
    num = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num is None or num.find(qn("w:numId")) is None:
        return None
    try:
        numbering = m.doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None
    num_id = num.find(qn("w:numId")).get(qn("w:val"))
    ilvl_el = num.find(qn("w:ilvl"))
    ilvl = ilvl_el.get(qn("w:val")) if ilvl_el is not None else "0"
    for n in numbering.findall(qn("w:num")):
        if n.get(qn("w:numId")) != num_id:
            continue
        abstract = n.find(qn("w:abstractNumId"))
        for a in numbering.findall(qn("w:abstractNum")):
            if abstract is not None and a.get(qn("w:abstractNumId")) == abstract.get(qn("w:val")):
                for lvl in a.findall(qn("w:lvl")):
                    ind = lvl.find(qn("w:pPr") + "/" + qn("w:ind"))
                    if lvl.get(qn("w:ilvl")) == ilvl and ind is not None:
                        left = ind.get(qn("w:left")) or ind.get(qn("w:start"))
                        hanging, first_line = ind.get(qn("w:hanging")), ind.get(qn("w:firstLine"))
                        first_value = -int(hanging) if hanging is not None else (
                            int(first_line) if first_line is not None else None)
                        return (int(left) if left is not None else None), first_value
    return None


def indents(m: DocModel, block: Para) -> tuple[int, int]:
    """(left, first-line) indent in twips as Word applies them: the paragraph's own, then its list
    level's, then its style's."""
    pf = m.resolver.para_format(block.paragraph)
    ppr = block.paragraph._p.pPr
    if ppr is None or ppr.find(qn("w:ind")) is None:
        numbered = _numbering_indent(m, block.paragraph)
        if numbered is not None:
            left, first_line = numbered
            return (pf.left if left is None else left), (pf.first_line if first_line is None else first_line)
    return pf.left, pf.first_line


def default_tab(m: DocModel) -> int:
    el = m.doc.settings.element.find(qn("w:defaultTabStop"))
    value = el.get(qn("w:val")) if el is not None else None
    return int(value) if value and value.isdigit() and int(value) > 0 else 720


def tab_stops(m: DocModel, block: Para) -> list[int]:
    """Explicit tab stops of the paragraph (its own and its style's, without cleared ones)."""
    stops: dict[int, str] = {}
    styles = m.resolver.chain(m.resolver.paragraph_style_id(block.paragraph))
    layers = [block.paragraph._p.pPr, *(style.find(qn("w:pPr")) for style in styles)]
    for ppr in reversed([p for p in layers if p is not None]):  # the nearest layer wins
        tabs = ppr.find(qn("w:tabs"))
        for tab in tabs if tabs is not None else []:
            pos = tab.get(qn("w:pos"))
            if pos is not None and pos.lstrip("-").isdigit():
                stops[int(pos)] = tab.get(qn("w:val")) or "left"
    return sorted(pos for pos, val in stops.items() if val != "clear")


def printed_indent(m: DocModel, block: Para) -> int:
    """Where the first character of the paragraph prints, in twips from the margin: the left and
    first-line indents, then each leading tab to the next stop (an explicit stop, the hanging
    indent, or a default stop after the last explicit one). A tab typed at the start of a line with
    no indent prints at the 1.27 cm default stop, which NĐ 30 allows: the decree fixes the printed
    indent, not the key pressed."""
    left, first_line = indents(m, block)
    pos = left + first_line
    text = block.text
    tabs = len(text) - len(text.lstrip("\t"))
    if not tabs:  # spaces count only where they are the indent (a stray one after an indent is a typo)
        return pos + leading_spaces(m, block, text) if pos <= 0 else pos
    explicit = tab_stops(m, block)
    step = default_tab(m)
    for _ in range(tabs):
        candidates = [s for s in explicit if s > pos]
        if first_line < 0 and left > pos:
            candidates.append(left)
        last = max(explicit, default=0)
        default = (max(pos, last) // step + 1) * step
        candidates.append(default)
        pos = min(candidates)
    return pos


def leading_spaces(m: DocModel, block: Para, text: str) -> int:
    """Twips taken by the spaces typed before the first word: a paragraph pushed in with the space
    bar prints indented too (Word does not stretch leading spaces, even in justified text)."""
    spaces = len(text) - len(text.lstrip(" \u00a0"))
    if not spaces:
        return 0
    f = first(m, block)
    return round(width_twips(" " * spaces, f.size_pt or 14, bold=f.bold, italic=f.italic))


def wraps(m: DocModel, block: Para) -> bool:
    """Whether the paragraph takes more than one line (estimated from the text's printed width):
    on one line, left and justified print the same, and a left indent shows only as the first
    line's indent."""
    available = available_width(m, block)
    if available is None:
        return True
    left, first_line = indents(m, block)
    pf = m.resolver.para_format(block.paragraph)
    f = first(m, block)
    used = width_twips(vn.nfc(block.text.strip()), f.size_pt or 14, bold=f.bold, italic=f.italic)
    return used > available - max(printed_indent(m, block), left) - pf.right
