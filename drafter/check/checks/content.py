"""C rules: body paragraphs (justified, size, first-line indent, spacing, line spacing) and căn cứ."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.text.run import Run

from ..model import DocModel
from .base import Result, Violation, body_check, check
from .helpers import CM, body_size, formats, in_range, indents, printed_indent, pt, wraps

ALIGN = {"center": "căn giữa", "right": "căn phải", "left": "căn trái", None: "căn trái"}


@body_check("body_justified")
def body_justified(m: DocModel, p: dict) -> Result:
    """Justified both sides (II.6e). On a line of its own, left and justified print the same, so a
    one-line paragraph set left is not reported; a one-line paragraph centred by choice (a note
    in brackets) is a warning; a paragraph of several lines not justified is an error."""
    for block in m.body:
        if m.kind_of(block) == "muc":
            continue
        jc = m.resolver.para_format(block.paragraph).jc
        if jc == "both":
            continue
        if not wraps(m, block):
            if jc in ("center", "right"):
                yield Violation(f"dòng nội dung {ALIGN[jc]}, không căn đều hai bên", block, case="one_line")
            continue
        yield Violation(f"đoạn nội dung không căn đều hai bên (đang: {ALIGN.get(jc, jc)})", block)


@body_check("body_size")
def body_size_rule(m: DocModel, p: dict) -> Result:
    """Body text 13-14 pt (II.6e), every run of it: a few words left at 12 pt by a paste show."""
    for block in m.body:
        for run, size in run_sizes(m, block):
            if not in_range(size, p["size_pt"]):
                excerpt = (run.text if run is not None else block.text).strip()[:30]
                shown = "?" if size is None else f"{size:g}"
                yield Violation(f"cỡ chữ nội dung {shown} pt (“{excerpt}”), cần {pt(p['size_pt'])}", block)
                return


def run_sizes(m: DocModel, block):
    """(run, size) of each run that shows text, hyperlinks' included, leaving out footnote marks
    (raised, smaller by design)."""
    runs = [r for r in (Run(el, block.paragraph) for el in block.paragraph._p.iter(qn("w:r"))) if r.text.strip()]
    if not runs:
        yield None, body_size(m, block)
        return
    for run in runs:
        rpr = run._r.rPr
        if rpr is not None and (rpr.find(qn("w:vertAlign")) is not None or any(
                "note" in (el.get(qn("w:val")) or "").lower() for el in rpr.findall(qn("w:rStyle")))):
            continue
        yield run, m.resolver.run_format(block.paragraph, run).size_pt


@body_check("first_line_indent")
def first_line_indent(m: DocModel, p: dict) -> Result:
    """First line indented 1 cm or 1.27 cm (II.6e), judged where it prints: a tab or a left indent
    that puts the first word there is fine. Off by less than `near_cm` (invisible in print): a
    warning. A left indent on a paragraph of several lines shifts the whole paragraph: a warning."""
    allowed = [cm * CM for cm in p["cm"]]
    tol, near = p.get("tol_cm", 0.05) * CM, p.get("near_cm", 0.1) * CM
    for block in m.body:
        if m.kind_of(block) == "muc":
            continue  # the decree does not place mục headings
        if m.resolver.para_format(block.paragraph).jc in ("center", "right"):
            continue  # no indent to speak of; C1 judges the alignment
        printed = printed_indent(m, block)
        off = min(abs(printed - a) for a in allowed)
        how = " (bằng phím Tab)" if block.text.startswith("\t") else (
            " (bằng dấu cách)" if block.text.startswith((" ", "\u00a0")) else "")
        if off > near:
            yield Violation(f"dòng đầu thụt {printed / CM:.2f} cm{how}, cần 1 cm hoặc 1,27 cm", block)
        elif off > tol:
            yield Violation(f"dòng đầu thụt {printed / CM:.2f} cm{how}, cần 1 cm hoặc 1,27 cm "
                            f"(lệch dưới {p.get('near_cm', 0.1) * 10:g} mm)", block, case="near")
        else:
            left, _ = indents(m, block)
            if left > tol and wraps(m, block):
                yield Violation(f"cả đoạn thụt lề trái {left / CM:.2f} cm; chỉ dòng đầu cần thụt vào", block,
                                case="block_indent")


@body_check("paragraph_spacing")
def paragraph_spacing(m: DocModel, p: dict) -> Result:
    """At least 6 pt between paragraphs (II.6e), between paragraphs that touch (a picture, a table
    or a blank line between them makes the gap). A gap of `error_below_pt` or more still shows the
    paragraphs apart in print: a warning. The first gap of each kind is reported."""
    minimum, floor = p["min_pt"] * 20, p.get("error_below_pt", p["min_pt"]) * 20
    found: dict[str | None, Violation] = {}
    for before, after in zip(m.body, m.body[1:], strict=False):
        if after.number != before.number + 1:
            continue
        a, b = m.resolver.para_format(before.paragraph), m.resolver.para_format(after.paragraph)
        same_style = m.resolver.paragraph_style_id(before.paragraph) == m.resolver.paragraph_style_id(after.paragraph)
        gap = (0 if a.contextual and same_style else a.after) + (0 if b.contextual and same_style else b.before)
        if gap < minimum:
            case = None if gap < floor else "narrow"
            found.setdefault(case, Violation(f"khoảng cách giữa hai đoạn {gap / 20:g} pt, cần ít nhất {p['min_pt']} pt",
                                             after, case=case))
    yield from found.values()


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
                tight = p.get("tight_ratio", p["exact_ratio"][0]) * size <= height < p["exact_ratio"][0] * size
                yield Violation(f"giãn dòng {height:g} pt với chữ {size:g} pt, cần trong khoảng "
                                f"{p['exact_ratio'][0] * size:.1f}-{p['exact_ratio'][1] * size:.1f} pt", block,
                                case="tight" if tight else None)
                return


@check("can_cu")
def can_cu(m: DocModel, p: dict) -> Result:
    """Căn cứ ban hành (II.6a-b): the "Căn cứ …" lines that open the content, under the trích yếu,
    italic, each ending ";", the last "." . A sentence starting "Căn cứ" further on is prose."""
    bases = []
    for block in m.body:
        if m.kind_of(block) != "can_cu":
            break
        bases.append(block)
    for i, block in enumerate(bases):
        if not all(f.italic for f in formats(m, block)):
            yield Violation("căn cứ phải in nghiêng", block)
        text = block.text.rstrip()
        last = i == len(bases) - 1
        if not last and not text.endswith(";"):
            yield Violation("mỗi căn cứ kết thúc bằng dấu “;”", block)
        if last and not text.endswith((".", ";", ",")):
            yield Violation("căn cứ cuối kết thúc bằng dấu “.”", block)
