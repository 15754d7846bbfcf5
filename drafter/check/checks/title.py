"""T rules: the type title ("KẾ HOẠCH"), the trích yếu and the rule under it."""

from __future__ import annotations

from ...text import vn
from ..model import DocModel
from .base import Result, Violation, check
from .helpers import first, formats, line_rule, style_problems


@check("title")
def title(m: DocModel, p: dict) -> Result:
    if m.title is None:
        yield Violation("không tìm thấy tên loại “KẾ HOẠCH”")
        return
    yield from style_problems(m, m.title, p, "Tên loại")
    if abs(m.resolver.para_format(m.title.paragraph).first_line) > 0:
        yield Violation("tên loại không được thụt đầu dòng", m.title)


@check("summary")
def summary(m: DocModel, p: dict) -> Result:
    if not m.summary:
        yield Violation("không tìm thấy trích yếu (dòng in đậm căn giữa ngay dưới tên loại)", m.title)
        return
    text = " ".join(b.text.strip() for b in m.summary)
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and text == vn.upper(text):
        yield Violation("trích yếu viết in hoa toàn bộ; phải viết chữ thường (chỉ hoa chữ đầu và tên riêng)",
                        m.summary[0])
    for block in m.summary:
        if any(f.caps for f in formats(m, block)):
            yield Violation("trích yếu định dạng All Caps; phải viết chữ thường", block)
        yield from style_problems(m, block, p, "Trích yếu")
        if m.title is not None and first(m, block).size_pt != first(m, m.title).size_pt:
            yield Violation("cỡ chữ trích yếu khác cỡ chữ tên loại", block)


@check("summary_rule")
def summary_rule(m: DocModel, p: dict) -> Result:
    yield from line_rule(m, m.summary, m.section_blocks(1), p, "trích yếu")
