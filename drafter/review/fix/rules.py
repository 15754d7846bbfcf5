"""Fixers of the lines NĐ 30 draws under the Tiêu ngữ (H4: as long as it), the agency's name (H7)
and the trích yếu (T3: a third to a half of it), where that is safe.

The line is a bottom border (a tracked w:pPrChange) on the empty paragraph just below the text,
indented on both sides to the right length; under the Tiêu ngữ, with no empty paragraph below,
on the Tiêu ngữ's own paragraph, a little longer than its text so the text never wraps. Real
documents often draw these lines as shapes the checker cannot measure: when a drawing is near, a
second line would be drawn over it, so the finding is left (anywhere in the table that holds the
text: the shape under a Tiêu ngữ is often anchored in the next row's date line).
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Twips

from ...check.model import Para
from ...check.runner import Finding
from .base import NO_PLACE, PPR_ORDER, Fixing, child

RATIO = {"H4": 1.0, "H7": 0.4, "T3": 0.4}
OWN_SLACK = 1.08  # a border on the Tiêu ngữ's own paragraph: 8 % longer than the text (tolerance 12 %)
DRAWN = ("<w:drawing", "<w:pict", "<v:line", "<v:shape", 'prst="line"')


def rule_line(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    from ...check.checks.header import agency_blocks
    from ...check.checks.helpers import available_width, cell_blocks, text_width

    m = fx.model
    if block is None:
        return NO_PLACE
    if not f.message.startswith("thiếu đường kẻ"):
        return "đường kẻ đã có (gõ bằng ký tự, hoặc dài sai): người rà soát vẽ lại"
    refs = {"H4": [block], "H7": agency_blocks(m), "T3": m.summary}[f.rule]
    if not refs:
        return NO_PLACE
    under = refs[-1]
    siblings = cell_blocks(m, under) if f.rule != "T3" else m.section_blocks(1)
    index = siblings.index(under)
    # a floating line is anchored anywhere: in another row's cell, or a paragraph or two away
    near = m.tables[under.table].blocks if under.table is not None else siblings[max(0, index - 3):index + 3]
    if any(mark in b.paragraph._p.xml for b in near for mark in DRAWN):
        return "có hình vẽ ngay gần (có thể là đường kẻ drafter không đo được): vẽ thêm sẽ thành hai đường"
    reference = max(min(text_width(m, r), available_width(m, r) or 10**9) for r in refs)
    below = siblings[index + 1] if index + 1 < len(siblings) else None
    if below is not None and not below.text.strip():
        target, length = below, reference * RATIO[f.rule]
    elif f.rule == "H4":
        target, length = under, reference * OWN_SLACK
    else:
        return "không có dòng trống ngay dưới để đặt đường kẻ; thêm dòng là thêm nội dung"
    width = available_width(m, target)
    if width is None or width < length:
        return "không đo được bề rộng ô chứa dòng chữ"
    side = int((width - length) / 2)
    fmt = fx.para(target.paragraph._p)
    fmt.left_indent, fmt.right_indent, fmt.first_line_indent = Twips(side), Twips(side), Twips(0)
    borders = child(fmt._element.pPr, "pBdr", PPR_ORDER)
    bottom = borders.find(qn("w:bottom"))
    if bottom is None:
        bottom = borders.makeelement(qn("w:bottom"), {})
        borders.append(bottom)
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{name}"), value)
    return None
