"""Fixers of the lines of a document (header, title, body, signing block), by rule id.

Most NĐ 30 line rules check size, weight, slant, alignment and capitals with one helper
(check/checks/helpers.style_problems), whose message says which of these is wrong; `styled` fixes
exactly what the message names, with the numbers of the rule set. Wording (capitals typed as
lower case, a date's zero, "./.", a tab typed for an indent) is changed only with --text.
"""

from __future__ import annotations

import re

from ...check.model import Para
from ...check.runner import Finding
from ...text import vn
from .base import ALIGN_WORDS, MISSING, NO_PLACE, PPR_ORDER, WORDING, WORDS, Fixing, child, clamp, text_runs

CM = 567  # twips


def styled(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """Size, bold, italic, alignment or capitals, as the finding's message names them."""
    if block is None:
        return MISSING if f.message.startswith(("không tìm thấy", "thiếu")) else NO_PLACE
    message, p = f.message, fx.params.get(f.rule, {})
    if f.rule == "S7":
        p = p.get("style", {})
    runs = text_runs(block.paragraph._p)
    if "cỡ chữ trích yếu khác cỡ chữ tên loại" in message:
        title = fx.model.title
        size = fx.model.resolver.run_format(title.paragraph, None).size_pt if title else None
        sizes = [fx.model.resolver.run_format(title.paragraph, r).size_pt for r in title.paragraph.runs
                 if r.text.strip()] if title else []
        size = sizes[0] if sizes else size
        if size is None:
            return NO_PLACE
        for r in runs:
            fx.set_size(r, size)
        return None
    if "định dạng All Caps" in message:
        for r in runs:
            fx.font(r).all_caps = False
        return None
    if ": cỡ chữ" in message and "size_pt" in p:
        for r in runs:
            current = fx.model.resolver.run_format(block.paragraph, _run(block, r)).size_pt
            fx.set_size(r, clamp(current, p["size_pt"]))
        return None
    for word, attr in (("in đậm", "bold"), ("in nghiêng", "italic")):
        if message.endswith(word) and ": " in message or message == f"căn cứ phải {word}":
            value = "không được" not in message
            for r in runs:
                setattr(fx.font(r), attr, value)
            return None
    found = re.search(r": (căn [^,]+), cần (căn .+)$", message)
    if found and found[2] in ALIGN_WORDS:
        fx.align(block.paragraph._p, ALIGN_WORDS[found[2]])
        return None
    if message.endswith("phải viết in hoa"):
        return capitals(fx, block)
    return _left(message)


def _run(block: Para, r):
    from docx.text.run import Run

    return Run(r, block.paragraph)


def _left(message: str) -> str:
    if message.startswith(("không tìm thấy", "thiếu")):
        return MISSING
    return WORDING


def capitals(fx: Fixing, block: Para) -> str | None:
    """A line NĐ 30 prints in capitals, typed in lower case: its letters replaced (--text only:
    w:caps would show capitals but leave the words as typed)."""
    if not fx.text:
        return WORDS
    text = block.text
    upper = "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in text)  # same length, same offsets
    start = next((i for i, (a, b) in enumerate(zip(text, upper, strict=True)) if a != b), None)
    if start is None:
        return None
    end = max(i for i, (a, b) in enumerate(zip(text, upper, strict=True)) if a != b) + 1
    return None if fx.replace(block, start, end, upper[start:end]) else NO_PLACE


def justify(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """C1: body text justified. A short centred line in bold or capitals is taken for a heading the
    checker read as body text: left as it is."""
    if block is None:
        return NO_PLACE
    text = block.text.strip()
    if "center" in f.message and len(text) <= 120:
        fmt = fx.model.resolver.run_format(block.paragraph, None)
        runs = [r for r in block.paragraph.runs if r.text.strip()]
        bold = all(fx.model.resolver.run_format(block.paragraph, r).bold for r in runs) if runs else fmt.bold
        if bold or text == vn.upper(text):
            return "dòng ngắn căn giữa, in đậm hoặc in hoa: có thể là tiêu đề; không chắc là đoạn nội dung"
    fx.align(block.paragraph._p, "both")
    return None


def indent(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """C2: first line indented 1 cm. A tab typed at the start is deleted (--text) and replaced by
    the indent."""
    if block is None:
        return NO_PLACE
    if block.text.startswith(("\t", " ")) and "Tab" in f.message:
        if not fx.text:
            return WORDS
        lead = len(block.text) - len(block.text.lstrip("\t "))
        if not fx.replace(block, 0, lead, ""):
            return NO_PLACE
    fx.para(block.paragraph._p).first_line_indent = CM * 635  # EMU
    return None


def body_size(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """C1S and G6: every body paragraph at one size within 13-14 pt (the check names only the
    first that differs)."""

    def run():
        m = fx.model
        sizes = {}
        for b in m.body:
            first = next((r for r in b.paragraph.runs if r.text.strip()), None)
            sizes.setdefault(m.resolver.run_format(b.paragraph, first).size_pt, []).append(b)
        common = max(sizes, key=lambda s: len(sizes[s])) if sizes else None
        target = clamp(common, fx.params.get("C1S", {}).get("size_pt", [13, 14]))
        for size, blocks in sizes.items():
            if size != target:
                for b in blocks:
                    for r in text_runs(b.paragraph._p):
                        fx.set_size(r, target)
        return None

    return fx.once("body_size", run)


def spacing(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """C3: at least 6 pt between body paragraphs, for every pair (the check names the first)."""

    def run():
        m, minimum = fx.model, fx.params.get("C3", {}).get("min_pt", 6) * 20
        for a, b in zip(m.body, m.body[1:], strict=False):
            fa, fb = m.resolver.para_format(a.paragraph), m.resolver.para_format(b.paragraph)
            same = m.resolver.paragraph_style_id(a.paragraph) == m.resolver.paragraph_style_id(b.paragraph)
            after = 0 if fa.contextual and same else fa.after
            before = 0 if fb.contextual and same else fb.before
            if after + before >= minimum:
                continue
            fmt = fx.para(b.paragraph._p)
            fmt.space_before = (minimum - (fa.after if not fa.contextual else 0)) * 635
            for x, fp in ((a, fa), (b, fb)):
                if fp.contextual and same:
                    _contextual_off(fx, x)
        return None

    return fx.once("C3", run)


def _contextual_off(fx: Fixing, block: Para) -> None:
    from docx.oxml.ns import qn

    ppr = fx.reviser.props(block.paragraph._p, "w:pPr")
    child(ppr, "contextualSpacing", PPR_ORDER).set(qn("w:val"), "0")


def line_spacing(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """C4: line spacing from single to 1.5 lines, for every body paragraph outside it."""

    def run():
        m = fx.model
        lo, hi = fx.params.get("C4", {}).get("multiple", [1.0, 1.5])
        ratio = fx.params.get("C4", {}).get("exact_ratio", [1.15, 1.725])
        for b in m.body:
            pf = m.resolver.para_format(b.paragraph)
            line = pf.line if pf.line is not None else 240
            if pf.line_rule == "auto":
                wrong = not lo * 240 <= line <= hi * 240
                low = line < lo * 240
            else:
                first = next((r for r in b.paragraph.runs if r.text.strip()), None)
                size = m.resolver.run_format(b.paragraph, first).size_pt or 14
                height = max(line / 20, ratio[0] * size) if pf.line_rule == "atLeast" else line / 20
                wrong = not ratio[0] * size <= height <= ratio[1] * size
                low = height < ratio[0] * size
            if wrong:
                fx.para(b.paragraph._p).line_spacing = lo if low else hi
        return None

    return fx.once("C4", run)


def fonts(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G4: Times New Roman in all four slots of every run drawn in another font (the check names
    ten). A TCVN3/VNI font is left: its text is coded for that font and would turn to gibberish."""
    from ...check.checks.general import slots_used
    from ...check.checks.helpers import all_paragraph_blocks

    def run():
        m, legacy = fx.model, set()
        for b in all_paragraph_blocks(m):
            for r in text_runs(b.paragraph._p):
                fmt = m.resolver.run_format(b.paragraph, _run(b, r))
                used = slots_used(_run(b, r))
                wrong = {fmt.fonts[s] for s in used if fmt.fonts[s] != "Times New Roman" or s in fmt.theme_fonts}
                if not wrong:
                    continue
                if any(name and (name.startswith(".Vn") or name.upper().startswith("VNI")) for name in wrong):
                    legacy.add(b.number)
                    continue
                fx.set_fonts(r)
                if any(name and name.endswith(" Bold") for name in wrong):
                    fx.font(r).bold = True
        return legacy

    legacy = fx.once("G4", run)
    if f.paragraph in legacy or ("TCVN" in f.message and not f.paragraph):
        return "phông TCVN3/VNI: chữ gõ theo bảng mã cũ, phải chuyển mã (Unikey) trước khi đổi phông"
    return None


def colour(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G5: black text, no highlighting. White text is left: it may be hidden on purpose."""
    from docx.oxml.ns import qn

    if block is None:
        return NO_PLACE
    if "FFFFFF" in f.message.upper():
        return "chữ màu trắng (có thể cố ý ẩn): người rà soát quyết định"
    for r in text_runs(block.paragraph._p):
        rpr = r.find(qn("w:rPr"))
        if rpr is None or not any(rpr.find(qn(t)) is not None for t in ("w:color", "w:highlight", "w:shd")):
            continue
        rpr = fx.reviser.props(r, "w:rPr")
        for tag in ("w:highlight", "w:shd"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        if rpr.find(qn("w:color")) is not None:
            rpr.find(qn("w:color")).set(qn("w:val"), "000000")
    return None


def closing(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G8: the body ends with "./." (--text: appended as an insertion)."""
    if block is None:
        return NO_PLACE
    if not fx.text:
        return WORDS
    text = block.text.rstrip()
    add = "/." if text.endswith(".") else "./."
    return None if fx.replace(block, len(text), len(text), add) else NO_PLACE


def can_cu(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """C5: căn cứ in italics; each ends with ";", the last with "." (--text)."""
    if "in nghiêng" in f.message:
        return styled(fx, f, block)
    if block is None:
        return NO_PLACE
    if not fx.text:
        return WORDS
    want = "." if "căn cứ cuối" in f.message else ";"
    text = block.text.rstrip()
    cut = len(text) - 1 if text and text[-1] in ".,;:" else len(text)
    return None if fx.replace(block, cut, len(text), want) else NO_PLACE


def date_line(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """H9: the place-date line's zeros (--text): "ngày 5" → "ngày 05", "tháng 02" → "tháng 2"
    from March on, "tháng 1" → "tháng 01"; a day left blank for the văn thư is left."""
    if "viết sai" not in f.message:
        return styled(fx, f, block)
    if block is None:
        return NO_PLACE
    found = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\b", block.text)
    if not found:
        return "ngày hoặc tháng để trống (văn thư điền khi ban hành) hoặc viết khác mẫu: không chắc cách sửa"
    if not fx.text:
        return WORDS
    day, month = int(found[1]), int(found[2])
    for group, want in ((2, f"{month:02d}" if month <= 2 else str(month)), (1, f"{day:02d}")):
        if found[group] != want and not fx.replace(block, found.start(group), found.end(group), want):
            return NO_PLACE
    return None
