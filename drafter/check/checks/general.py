"""G rules: page size, orientation, margins, font, Unicode, colour, one body size, page numbers, "./."."""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import pairwise

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..model import DocModel, Para
from ..resolve import FONT_SLOTS
from .base import Result, Unknown, Violation, body_check, check, has_own_frame
from .helpers import PAGE_FIELD, body_size, has_page_field, in_range, pt
from .pages import WORD_DEFAULT_PT, one_page, printed_part_blocks, printed_parts


@check("page_size")
def page_size(m: DocModel, p: dict) -> Result:
    tol = p.get("tol_mm", 0.5) * 36000
    for i, s in enumerate(m.sections, start=1):
        w, h = sorted((s.page_width or 0, s.page_height or 0))
        if abs(w - p["width_mm"] * 36000) > tol or abs(h - p["height_mm"] * 36000) > tol:
            yield Violation(f"phần {i}: khổ giấy {w / 36000:.0f} × {h / 36000:.0f} mm, cần A4 "
                            f"{p['width_mm']} × {p['height_mm']} mm")


@check("orientation")
def orientation(m: DocModel, p: dict) -> Result:
    for i, s in enumerate(m.sections, start=1):
        if (s.page_width or 0) > (s.page_height or 0):
            if i == 1:
                yield Violation("trang nội dung chính phải khổ dọc")
            elif not m.section_tables(i):
                yield Violation(f"phần {i} khổ ngang nhưng không có bảng (chỉ được dùng khổ ngang cho bảng)")


@check("margins")
def margins(m: DocModel, p: dict) -> Result:
    """The decree's margins are for a portrait page. On a landscape page (an appendix of tables)
    it says nothing of which edge is which: a warning. The bottom margin of a one-page document
    never shows (the text ends before it): a warning."""
    tol = p.get("tol_mm", 0.5)
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    single = one_page(m)
    for i, s in enumerate(m.sections, start=1):
        gutter = (s.gutter or 0) / 36000
        landscape = (s.page_width or 0) > (s.page_height or 0)
        for side, (lo, hi) in p["ranges_mm"].items():
            value = (getattr(s, f"{side}_margin") or 0) / 36000 + (gutter if side == "left" else 0)
            if not lo - tol <= value <= hi + tol:
                case = "landscape" if landscape else "one_page" if single and side == "bottom" else None
                note = {"landscape": " (trang ngang)", "one_page": " (văn bản một trang: lề dưới không lộ khi in)"}
                yield Violation(f"phần {i}: lề {names[side]} {value:.1f} mm, cần {lo}-{hi} mm{note.get(case, '')}",
                                case=case)


#: Code points Word draws with the East Asian font slot, and with the complex-script slot.
EAST_ASIAN = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
              (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x2FFFF))
COMPLEX = ((0x0590, 0x08FF), (0x0900, 0x0DFF), (0x0E00, 0x0EFF), (0x1780, 0x17FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def _within(cp: int, ranges) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def slots_used(run: Run) -> set[str]:
    """The font slots the run's text is drawn with, as Word picks them: ASCII letters with w:ascii,
    other Latin (all of Vietnamese) with w:hAnsi, CJK with w:eastAsia, Arabic/Hebrew/Thai/Khmer…
    and any run marked complex script (w:cs, w:rtl) with w:cs. A slot no character uses does not
    change what the reader sees, so it is not judged. (Word's w:hint for shared punctuation is not
    applied.)"""
    rpr = run._r.rPr
    if rpr is not None and (rpr.find(qn("w:cs")) is not None or rpr.find(qn("w:rtl")) is not None):
        return {"cs"}
    return {_slot(ch) for ch in set(run.text) if not ch.isspace()}


@cache
def _slot(ch: str) -> str:
    """The slot one character is drawn with (cached: a document uses a few hundred characters)."""
    cp = ord(ch)
    if cp < 0x80:
        return "ascii"
    if _within(cp, EAST_ASIAN):
        return "eastAsia"
    return "cs" if _within(cp, COMPLEX) else "hAnsi"


def face_of(value: str | None, name: str, faces: list[str]) -> bool:
    """"Times New Roman Bold": the family's bold face named as a font (Word prints it as the family)."""
    return bool(value) and value.startswith(name + " ") and value[len(name) + 1:] in faces


@check("font")
def font(m: DocModel, p: dict) -> Result:
    """Every run that prints: body, tables, and the headers and footers that print (a footer
    that never prints, or the header of a one-page letter, is not read)."""
    name = p["name"]
    reported = 0
    for block in [*m.blocks, *printed_part_blocks(m)]:
        for run in block.runs:
            if not run.text.strip():
                continue
            used = slots_used(run) & set(p["slots"])
            f = m.resolver.run_format(block.paragraph, run)
            themes = {slot: theme for slot, theme in f.theme_fonts.items() if slot in used}
            bad = {slot: f.fonts[slot] for slot in FONT_SLOTS
                   if slot in used and slot not in themes and f.fonts[slot] != name}
            if not bad and not themes:
                continue
            parts = []
            by_font: dict[str, list[str]] = {}
            for slot, value in bad.items():
                by_font.setdefault(value or "không đặt", []).append(slot)
            for value, slots in sorted(by_font.items()):
                legacy = value.startswith(".Vn") or value.upper().startswith("VNI")
                parts.append(f"phông {value} ở {', '.join(slots)}"
                             + (" (phông TCVN3/VNI cũ: chuyển sang Unicode)" if legacy else ""))
            if themes:
                parts.append(f"phông theo theme ({', '.join(sorted(set(themes.values())))}) không phân giải được")
            message = "; ".join(parts) + f", cần {name}"
            reported += 1
            faces = not themes and all(face_of(v, name, p.get("faces", [])) for v in bad.values())
            if reported <= p.get("max_reports", 10):
                yield Violation(message, block, case="face" if faces else None)
            break


@check("unicode_text")
def unicode_text(m: DocModel, p: dict) -> Result:
    for block in m.blocks:
        text = block.text
        if not text.strip():
            continue
        if any(0xE000 <= ord(c) <= 0xF8FF for c in text):
            yield Violation("có ký tự vùng riêng (private use): văn bản gõ bằng phông cũ?", block)
        elif not unicodedata.is_normalized("NFC", text):
            yield Violation("chữ tiếng Việt chưa chuẩn hóa Unicode dựng sẵn (NFC)", block)


@check("colour")
def colour(m: DocModel, p: dict) -> Result:
    """Every run that prints, hyperlinks included (the Hyperlink style's blue counts). White text
    does not print at all: a leftover to delete, a warning."""
    for block in m.blocks:
        for run in block.runs:
            if not run.text.strip():
                continue
            f = m.resolver.run_format(block.paragraph, run)
            if f.color not in (None, "auto", "000000") or f.highlight:
                what = f"màu {f.color}" if f.color not in (None, "auto", "000000") else "tô nền"
                white = (f.color or "").upper() == "FFFFFF" and not f.highlight
                yield Violation(f"chữ có {what}, cần màu đen" + (" (chữ trắng: không in ra, nên xóa)" if white else ""),
                                block, case="white" if white else None)
                break


def captions(m: DocModel, max_chars: int) -> set[int]:
    """Numbers of the short paragraphs standing right above a table: its caption, set like the
    table (smaller) by common practice."""
    out = set()
    for item, following in pairwise(m.body_order):
        if isinstance(item, Para) and not isinstance(following, Para) and len(item.text.strip()) <= max_chars:
            out.add(item.number)
    return out


@body_check("body_size_consistent")
def body_size_consistent(m: DocModel, p: dict) -> Result:
    sizes: dict[float | None, list[Para]] = {}
    for block in m.body:
        sizes.setdefault(body_size(m, block), []).append(block)
    if len(sizes) > 1:
        common = max(sizes, key=lambda s: len(sizes[s]))
        above_tables = captions(m, p.get("caption_max_chars", 100))
        for size, blocks in sizes.items():
            if size != common:
                case = "caption" if all(b.number in above_tables for b in blocks) else None
                shown = next((b for b in blocks if b.number not in above_tables), blocks[0])
                yield Violation(f"cỡ chữ nội dung {size:g} pt khác với {common:g} pt của phần còn lại"
                                + (" (dòng tên bảng)" if case else ""), shown, case=case)


def page_paragraph(part) -> Paragraph | None:
    """The paragraph holding the PAGE field: the innermost one (in a text box or frame, not the
    paragraph the box is anchored in)."""
    found = [q for q in part._element.iter(qn("w:p")) if PAGE_FIELD.search(q.xml)]
    inner = [q for q in found if not any(PAGE_FIELD.search(d.xml) for d in q.iterdescendants(qn("w:p")))]
    return Paragraph(inner[0], part) if inner else None


def centred_by_tab(m: DocModel, para: Paragraph, section) -> bool:
    """The number pushed to the middle with tabs: a centre tab stop (its own or its style's) near
    the middle of the text width, and a tab before the field."""
    xml = para._p.xml
    if "<w:tab/>" not in xml.split("PAGE")[0]:
        return False
    width = (section.page_width - section.left_margin - section.right_margin) / 635
    stops = list(para._p.iter(qn("w:tab")))
    for style in m.resolver.chain(m.resolver.paragraph_style_id(para)):
        stops += list(style.iter(qn("w:tab")))
    return any(t.get(qn("w:val")) == "center" and 0.4 <= int(t.get(qn("w:pos"), 0)) / width <= 0.6 for t in stops)


def numbering_header(m: DocModel):
    """(section, header) of the first section with a header of its own: it numbers page 2 on."""
    return next(((s, s.header) for s in m.sections if not s.header.is_linked_to_previous), (None, None))


@check("page_number_header")
def page_number_header(m: DocModel, p: dict) -> Result:
    """The number from page 2 on, in the header. A first section without any header of its own is
    one page long (LibreOffice writes a one-page first section that way): the number then starts in
    the next section that has a header. A one-page document has nothing to number."""
    if one_page(m):
        return
    section, header = numbering_header(m)
    para = page_paragraph(header) if header is not None else None
    if para is None:
        yield Violation("không có số trang (trường PAGE) ở phần đầu trang (header)")
        return
    jc = m.resolver.para_format(para).jc
    if jc != "center" and not centred_by_tab(m, para, section):
        yield Violation(f"số trang phải căn giữa lề trên (đang: {jc or 'left'})")


@check("page_number_first_page")
def page_number_first_page(m: DocModel, p: dict) -> Result:
    s = m.sections[0]
    if not s.different_first_page_header_footer:
        if has_page_field(s.header._element) and not s.header.is_linked_to_previous:
            yield Violation("số trang hiện ở trang 1 (cần bật “trang đầu khác”, titlePg)")
    elif has_page_field(s.first_page_header._element) or has_page_field(s.first_page_footer._element):
        yield Violation("số trang hiện ở trang 1")


@check("page_number_format")
def page_number_format(m: DocModel, p: dict) -> Result:
    """Size and slant of the number as it prints, from the run through its styles to the
    document defaults (Word's 10 pt when none sets a size)."""
    if one_page(m):
        return
    _, header = numbering_header(m)
    para = page_paragraph(header) if header is not None else None
    if para is None:
        yield Unknown("không có số trang để kiểm tra cỡ chữ")
        return
    block = Para(para, 0, 1)
    # The number's run may sit inside a w:fldSimple, which python-docx's paragraph.runs skips.
    runs = [Run(r, para) for r in para._p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    f = m.resolver.run_format(para, runs[0] if runs else None)
    size = f.size_pt or WORD_DEFAULT_PT
    if not in_range(size, p["size_pt"]) or f.bold or f.italic:
        yield Violation(f"số trang cỡ {size:g} pt{', đậm' if f.bold else ''}{', nghiêng' if f.italic else ''}; "
                        f"cần {pt(p['size_pt'])}, chữ đứng", block)


@check("page_number_not_footer")
def page_number_not_footer(m: DocModel, p: dict) -> Result:
    """Only footers that print: an even-page footer without evenAndOddHeaders, or the footer of
    pages 2+ of a one-page letter, never shows its number."""
    done = set()
    for i, footer in printed_parts(m, headers=False):
        if i not in done and has_page_field(footer._element):
            done.add(i)
            yield Violation(f"phần {i}: số trang đặt ở chân trang; phải ở giữa lề trên")


@body_check("closing_mark", has_own_frame)  # an appendix's "./." is that of the document it comes with
def closing_mark(m: DocModel, p: dict) -> Result:
    last = m.body[-1]
    if not last.text.rstrip().endswith("./."):
        yield Violation("đoạn cuối nội dung không kết thúc bằng “./.”", last)
