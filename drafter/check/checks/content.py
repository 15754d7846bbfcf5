"""C rules: body paragraphs (justified, size, first-line indent, spacing, line spacing) and căn cứ."""

from __future__ import annotations

from ..model import DocModel
from .base import Result, Violation, body_check, check
from .helpers import CM, body_size, formats, in_range, pt


@body_check("body_justified")
def body_justified(m: DocModel, p: dict) -> Result:
    for block in m.body:
        if m.kind_of(block) == "muc":
            continue
        jc = m.resolver.para_format(block.paragraph).jc
        if jc != "both":
            yield Violation(f"đoạn nội dung không căn đều hai bên (đang: {jc or 'left'})", block)


@body_check("body_size")
def body_size_rule(m: DocModel, p: dict) -> Result:
    for block in m.body:
        size = body_size(m, block)
        if not in_range(size, p["size_pt"]):
            yield Violation(f"cỡ chữ nội dung {size:g} pt, cần {pt(p['size_pt'])}", block)
            return


@body_check("first_line_indent")
def first_line_indent(m: DocModel, p: dict) -> Result:
    allowed = [cm * CM for cm in p["cm"]]
    tol = p.get("tol_cm", 0.05) * CM
    for block in m.body:
        if m.kind_of(block) == "muc":
            continue  # the decree does not place mục headings
        pf = m.resolver.para_format(block.paragraph)
        if block.text.startswith("\t"):
            yield Violation("thụt đầu dòng bằng phím Tab; dùng thụt lề dòng đầu 1 cm hoặc 1,27 cm", block)
        elif pf.first_line < 0:
            yield Violation("đoạn dùng thụt treo (hanging); cần thụt dòng đầu 1 cm hoặc 1,27 cm", block)
        elif not any(abs(pf.first_line - a) <= tol for a in allowed):
            yield Violation(f"thụt đầu dòng {pf.first_line / CM:.2f} cm, cần 1 cm hoặc 1,27 cm", block)


@body_check("paragraph_spacing")
def paragraph_spacing(m: DocModel, p: dict) -> Result:
    minimum = p["min_pt"] * 20
    for before, after in zip(m.body, m.body[1:], strict=False):
        a, b = m.resolver.para_format(before.paragraph), m.resolver.para_format(after.paragraph)
        same_style = m.resolver.paragraph_style_id(before.paragraph) == m.resolver.paragraph_style_id(after.paragraph)
        gap = (0 if a.contextual and same_style else a.after) + (0 if b.contextual and same_style else b.before)
        if gap < minimum:
            yield Violation(f"khoảng cách giữa hai đoạn {gap / 20:g} pt, cần ít nhất {p['min_pt']} pt", after)
            return


@body_check("line_spacing")
def line_spacing(m: DocModel, p: dict) -> Result:
    lo, hi = p["multiple"]
    for block in m.body:
        pf = m.resolver.para_format(block.paragraph)
        line = pf.line if pf.line is not None else 240
        if pf.line_rule == "auto":
            if not lo * 240 <= line <= hi * 240:
                yield Violation(f"giãn dòng {line / 240:.2f} dòng, cần {lo:g}-{hi:g} dòng", block)
                return
        else:
            size = body_size(m, block) or 14
            height = line / 20
            if pf.line_rule == "atLeast":  # Word never draws a line shorter than the font's single line,
                height = max(height, p["exact_ratio"][0] * size)  # which is exact_ratio's lower bound
            if not p["exact_ratio"][0] * size <= height <= p["exact_ratio"][1] * size:
                yield Violation(f"giãn dòng {height:g} pt với chữ {size:g} pt, cần trong khoảng "
                                f"{p['exact_ratio'][0] * size:.1f}-{p['exact_ratio'][1] * size:.1f} pt", block)
                return


@check("can_cu")
def can_cu(m: DocModel, p: dict) -> Result:
    bases = [b for b in m.body if m.kind_of(b) == "can_cu"]
    if not bases:
        return
    for i, block in enumerate(bases):
        if not all(f.italic for f in formats(m, block)):
            yield Violation("căn cứ phải in nghiêng", block)
        text = block.text.rstrip()
        last = i == len(bases) - 1
        if not last and not text.endswith(";"):
            yield Violation("mỗi căn cứ kết thúc bằng dấu “;”", block)
        if last and not text.endswith((".", ";", ",")):
            yield Violation("căn cứ cuối kết thúc bằng dấu “.”", block)
