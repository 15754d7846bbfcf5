"""Fixers of the page (by rule id): paper size and margins (w:sectPrChange), the page number — in
the middle of the top margin, 13-14 pt upright, not on page 1, not in the footer — and an
appendix's numbering restarted from 1.

A page number added to a header is a tracked insertion; one taken out of a footer a tracked
deletion; the reviewer accepts or rejects each in Word.

Known limit (python-docx 1.2): a section whose header is linked to the previous one finds that
header through `preceding::w:sectPr`, which also matches the previous page setup kept inside the
previous section's w:sectPrChange; until the reviewer accepts the change, `drafter check` may then
read such a later section as having no page number (one appendix among the 39 real documents).
"""

from __future__ import annotations

import copy
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm

from ...check.model import Para
from ...check.runner import Finding
from .base import NO_PLACE, SECT_ORDER, Fixing, child, clamp

PAGE_INSTR = re.compile(r"^\s*PAGE\b")


def _section_of(fx: Fixing, f: Finding) -> tuple[int, Section] | None:
    found = re.match(r"phần (\d+)", f.message)
    index = int(found[1]) if found else 1
    sections = fx.model.sections
    return (index, sections[index - 1]) if 0 < index <= len(sections) else None


def _section(fx: Fixing, section: Section) -> Section:
    """The section, its previous page setup kept in a w:sectPrChange first."""
    fx.reviser.props(section._sectPr, "w:sectPr")
    return section


def paper(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G1: A4, in the orientation the section has."""
    found = _section_of(fx, f)
    if found is None:
        return NO_PLACE
    p = fx.params.get("G1", {})
    s = _section(fx, found[1])
    short, long_ = Mm(p.get("width_mm", 210)), Mm(p.get("height_mm", 297))
    landscape = (s.page_width or 0) > (s.page_height or 0)
    s.page_width, s.page_height = (long_, short) if landscape else (short, long_)
    return None


SIDES = {"trên": "top", "dưới": "bottom", "trái": "left", "phải": "right"}


def margins(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G3: the margin named moved to the nearest value NĐ 30 allows (the gutter counts in the left)."""
    found = _section_of(fx, f)
    side = re.search(r"lề (trên|dưới|trái|phải)", f.message)
    if found is None or side is None:
        return NO_PLACE
    name = SIDES[side[1]]
    p = fx.params.get("G3", {})
    lo, hi = p.get("ranges_mm", {}).get(name, (20, 25))
    s = found[1]
    gutter = (s.gutter or 0) / 36000 if name == "left" else 0
    current = (getattr(s, f"{name}_margin") or 0) / 36000 + gutter
    target = clamp(current, [lo, hi]) - gutter
    if target < 0:
        return "lề đóng gáy (gutter) đã rộng hơn lề trái cho phép: người rà soát quyết định"
    setattr(_section(fx, s), f"{name}_margin", Mm(target))
    return None


def _page_header(fx: Fixing):
    """The header the checker reads the page number from: the first a section has of its own, or
    (none) a new one for section 1."""
    sections = fx.model.sections
    return next((s.header for s in sections if not s.header.is_linked_to_previous), None)


def _number_size(fx: Fixing) -> float:
    sizes = fx.params.get("G7C", {}).get("size_pt", [13, 14])
    body = fx.model.body
    first = next((r for r in body[0].paragraph.runs if r.text.strip()), None) if body else None
    size = fx.model.resolver.run_format(body[0].paragraph, first).size_pt if body else None
    return clamp(size, sizes)


def add_page_number(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G7A: a PAGE field, centred in the header, inserted as a tracked change; when it is there but
    not centred, centred. Page 1 is then kept without a number (G7B's "different first page")."""
    header = _page_header(fx)
    if "căn giữa" in f.message and header is not None:
        para = next((q for q in header.paragraphs if _has_page(q._p)), None)
        if para is None:
            return NO_PLACE
        fx.align(para._p, "center")
        return None
    if header is None:
        section = fx.model.sections[0]
        section.header.is_linked_to_previous = False
        header = section.header
    para = header.add_paragraph()
    fx.align(para._p, "center")
    _insert_field(fx, para._p, _number_size(fx))
    first_page(fx, f, block)
    return None


def _insert_field(fx: Fixing, p, size: float) -> None:
    """begin / PAGE / separate / "2" / end, as runs inside one w:ins, and the paragraph mark inserted."""
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), "Times New Roman")
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(size * 2)))
        rpr.append(el)
    ins = fx.reviser.rev.element("w:ins")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        r = OxmlElement("w:r")
        r.append(copy.deepcopy(rpr))
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            el.text = text
        r.append(el)
        ins.append(r)
    p.append(ins)
    fx.reviser.rev.mark_paragraph(p, "w:ins")


def _has_page(p) -> bool:
    instr = "".join(t.text or "" for t in p.iter(qn("w:instrText")))
    simple = [el.get(qn("w:instr")) or "" for el in p.iter(qn("w:fldSimple"))]
    return bool(PAGE_INSTR.match(instr) or any(PAGE_INSTR.match(s) for s in simple))


def first_page(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G7B: "different first page" on, so the number starts on page 2."""
    s = fx.model.sections[0]
    if s.different_first_page_header_footer:
        if s._sectPr.find(qn("w:headerReference")) is not None and any(
                _has_page(p) for p in s.first_page_header._element.iter(qn("w:p"))):
            return "trang đầu có đầu trang riêng chứa số trang: người rà soát xóa"
        return None
    _section(fx, s).different_first_page_header_footer = True
    return None


def number_format(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G7C: the page number 13-14 pt, neither bold nor italic."""
    header = _page_header(fx)
    para = next((q for q in header.paragraphs if _has_page(q._p)), None) if header else None
    if para is None:
        return NO_PLACE
    size = clamp(fx.model.resolver.run_format(para, None).size_pt, fx.params.get("G7C", {}).get("size_pt", [13, 14]))
    runs = [r for r in para._p.iter(qn("w:r")) if r.getparent().tag != qn("w:del")]
    for r in runs:
        fx.set_size(r, size)
        font = fx.font(r)
        font.bold = font.italic = False
    return None


def footer_number(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """G7D: the PAGE field taken out of the footer (a tracked deletion); the header gets one (G7A)
    if it has none."""
    found = _section_of(fx, f)
    if found is None:
        return NO_PLACE
    s = found[1]
    for footer in (s.footer, s.first_page_footer, s.even_page_footer):
        if footer.is_linked_to_previous:
            continue
        for p in footer._element.iter(qn("w:p")):
            if any(PAGE_INSTR.match(el.get(qn("w:instr")) or "") for el in p.iter(qn("w:fldSimple"))):
                return "số trang ở chân trang là trường đơn (fldSimple): người rà soát xóa"
            if not _delete_page_field(fx, p):
                return NO_PLACE
    if _page_header(fx) is None or not any(_has_page(q._p) for q in _page_header(fx).paragraphs):
        add_page_number(fx, f, block)
    return None


def _delete_page_field(fx: Fixing, p) -> bool:
    """Every run of each PAGE field in the paragraph (begin … end) wrapped in one w:del."""
    runs = [r for r in p if r.tag == qn("w:r")]
    field, depth, instr = [], 0, ""
    for r in runs:
        kind = next((c.get(qn("w:fldCharType")) for c in r if c.tag == qn("w:fldChar")), None)
        if kind == "begin":
            depth += 1
            if depth == 1:
                field, instr = [], ""
        if depth:
            field.append(r)
            instr += "".join(t.text or "" for t in r.iter(qn("w:instrText")))
        if kind == "end" and depth:
            depth -= 1
            if depth == 0 and PAGE_INSTR.match(instr):
                _wrap_deleted(fx, field)
    return True


def _wrap_deleted(fx: Fixing, runs: list) -> None:
    wrapper = fx.reviser.rev.element("w:del")
    runs[0].addprevious(wrapper)
    for r in runs:
        for t in r.findall(qn("w:t")):
            t.tag = qn("w:delText")
        for t in r.findall(qn("w:instrText")):
            t.tag = qn("w:delInstrText")
        wrapper.append(r)


def appendix_numbering(fx: Fixing, f: Finding, block: Para | None) -> str | None:
    """A5: an appendix section numbers its pages from 1 (w:pgNumType/@w:start)."""
    found = _section_of(fx, f)
    if found is None or "không có số trang" in f.message:
        return "phụ lục không có số trang ở đầu trang: người rà soát thêm" if found else NO_PLACE
    sect = _section(fx, found[1])._sectPr
    child(sect, "pgNumType", SECT_ORDER).set(qn("w:start"), "1")
    return None



