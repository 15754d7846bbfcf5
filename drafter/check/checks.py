"""The checks behind the rule sets. Each is registered by name and reads its numbers from the
rule's params, so a successor decree can reuse a check with other values, or name new ones.

A check yields Violation (the rule is broken here) or Unknown (the rule could not be evaluated
on this document: it is reported as "not evaluated", never as passed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from docx.text.run import Run

from .. import vn
from ..textwidth import width_twips
from .model import DIEM, KHOAN, MUC, Block, DocModel
from .resolve import FONT_SLOTS, RunFormat

EMU_PER_TWIP = 635
CM = 567  # twips


@dataclass
class Violation:
    message: str
    block: Block | None = None
    severity: str | None = None  # overrides the rule's severity (e.g. an accepted-with-warning form)


@dataclass
class Unknown:
    message: str
    block: Block | None = None


Result = Iterator[Violation | Unknown]
CHECKS: dict[str, Callable[[DocModel, dict[str, Any]], Result]] = {}


def check(name: str):
    def register(fn):
        CHECKS[name] = fn
        return fn

    return register


def guarded(name: str, present: Callable[[DocModel], object], missing: str):
    """Register a check that needs part of the document: "not evaluated" when that part is absent."""

    def register(fn):
        def wrapper(m: DocModel, p: dict) -> Result:
            if not present(m):
                yield Unknown(missing)
                return
            yield from fn(m, p)

        CHECKS[name] = wrapper
        return fn

    return register


def body_check(name: str):
    return guarded(name, lambda m: m.body, "không xác định được phần nội dung (thiếu tên loại hoặc trích yếu?)")


def signature_check(name: str):
    return guarded(name, lambda m: m.signature_table, "không tìm thấy bảng “Nơi nhận” / chữ ký")


# --- helpers --------------------------------------------------------------------------------------


def formats(m: DocModel, block: Block) -> list[RunFormat]:
    """Effective format of each run that shows text (or of the paragraph mark if none)."""
    runs = [r for r in block.paragraph.runs if r.text.strip()]
    if not runs:
        return [m.resolver.run_format(block.paragraph)]
    return [m.resolver.run_format(block.paragraph, r) for r in runs]


def first(m: DocModel, block: Block) -> RunFormat:
    return formats(m, block)[0]


def in_range(value: float | None, bounds: list[float] | float) -> bool:
    if value is None:
        return False
    lo, hi = (bounds, bounds) if isinstance(bounds, int | float) else bounds
    return lo <= value <= hi


def pt(bounds) -> str:
    return f"{bounds} pt" if isinstance(bounds, int | float) else f"{bounds[0]}-{bounds[1]} pt"


def style_problems(m: DocModel, block: Block, p: dict[str, Any], what: str) -> Iterator[Violation]:
    """size / bold / italic / align / caps expectations shared by many rules."""
    fmts = formats(m, block)
    if "size_pt" in p and not all(in_range(f.size_pt, p["size_pt"]) for f in fmts):
        sizes = sorted({f.size_pt for f in fmts if f.size_pt})
        yield Violation(f"{what}: cỡ chữ {', '.join(f'{s:g}' for s in sizes)} pt, cần {pt(p['size_pt'])}", block)
    for key, label in (("bold", "in đậm"), ("italic", "in nghiêng")):
        if key in p and not all(getattr(f, key) == p[key] for f in fmts):
            yield Violation(f"{what}: {'phải' if p[key] else 'không được'} {label}", block)
    if "align" in p:
        jc = m.resolver.para_format(block.paragraph).jc or "left"
        if jc != p["align"]:
            names = {"center": "căn giữa", "both": "căn đều hai bên", "left": "căn trái", "right": "căn phải"}
            yield Violation(f"{what}: {names.get(jc, jc)}, cần {names[p['align']]}", block)
    if p.get("caps") and block.text.strip() != vn.upper(block.text.strip()):
        yield Violation(f"{what}: phải viết in hoa", block)


def available_width(m: DocModel, block: Block) -> int | None:
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


def text_width(m: DocModel, block: Block) -> int:
    f = first(m, block)
    return width_twips(block.text.strip(), f.size_pt or 14, bold=f.bold, italic=f.italic)


def rule_below(m: DocModel, ref: Block, siblings: list[Block]) -> tuple[str, int | None, Block] | None:
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


def line_rule(m: DocModel, refs: list[Block], siblings: list[Block], p: dict[str, Any], what: str) -> Result:
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
                        block, severity="warning")
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


def all_paragraph_blocks(m: DocModel) -> list[Block]:
    blocks = list(m.blocks)
    seen = set()
    for index, section in enumerate(m.sections, start=1):
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            if part.is_linked_to_previous or id(part._element) in seen:
                continue
            seen.add(id(part._element))
            for paragraph in part._element.iter(qn("w:p")):
                from docx.text.paragraph import Paragraph

                blocks.append(Block(Paragraph(paragraph, part), 0, index))
    return blocks


# --- G: page and general ----------------------------------------------------------------------------


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
    tol = p.get("tol_mm", 0.5)
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for i, s in enumerate(m.sections, start=1):
        gutter = (s.gutter or 0) / 36000
        for side, (lo, hi) in p["ranges_mm"].items():
            value = (getattr(s, f"{side}_margin") or 0) / 36000 + (gutter if side == "left" else 0)
            if not lo - tol <= value <= hi + tol:
                yield Violation(f"phần {i}: lề {names[side]} {value:.1f} mm, cần {lo}-{hi} mm")


@check("font")
def font(m: DocModel, p: dict) -> Result:
    name = p["name"]
    reported = 0
    for block in all_paragraph_blocks(m):
        for run in block.paragraph.runs:
            if not run.text.strip():
                continue
            f = m.resolver.run_format(block.paragraph, run)
            bad = {slot: f.fonts[slot] for slot in FONT_SLOTS
                   if slot in p["slots"] and slot not in f.theme_fonts and f.fonts[slot] != name}
            if not bad and not f.theme_fonts:
                continue
            parts = []
            by_font: dict[str, list[str]] = {}
            for slot, value in bad.items():
                by_font.setdefault(value or "không đặt", []).append(slot)
            for value, slots in sorted(by_font.items()):
                legacy = value.startswith(".Vn") or value.upper().startswith("VNI")
                parts.append(f"phông {value} ở {', '.join(slots)}"
                             + (" (phông TCVN3/VNI cũ: chuyển sang Unicode)" if legacy else ""))
            if f.theme_fonts:
                themes = ", ".join(sorted(set(f.theme_fonts.values())))
                parts.append(f"phông theo theme ({themes}) không phân giải được")
            message = "; ".join(parts) + f", cần {name}"
            reported += 1
            if reported <= p.get("max_reports", 10):
                yield Violation(message, block)
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
    for block in m.blocks:
        for run in block.paragraph.runs:
            if not run.text.strip():
                continue
            f = m.resolver.run_format(block.paragraph, run)
            if f.color not in (None, "auto", "000000") or f.highlight:
                what = f"màu {f.color}" if f.color not in (None, "auto", "000000") else "tô nền"
                yield Violation(f"chữ có {what}, cần màu đen", block)
                break


def body_size(m: DocModel, block: Block) -> float | None:
    return first(m, block).size_pt


@body_check("body_size_consistent")
def body_size_consistent(m: DocModel, p: dict) -> Result:
    sizes: dict[float | None, list[Block]] = {}
    for block in m.body:
        sizes.setdefault(body_size(m, block), []).append(block)
    if len(sizes) > 1:
        common = max(sizes, key=lambda s: len(sizes[s]))
        for size, blocks in sizes.items():
            if size != common:
                yield Violation(f"cỡ chữ nội dung {size:g} pt khác với {common:g} pt của phần còn lại", blocks[0])


@check("page_number_header")
def page_number_header(m: DocModel, p: dict) -> Result:
    s = m.sections[0]
    header = s.header
    if header.is_linked_to_previous or not has_page_field(header._element):
        yield Violation("không có số trang (trường PAGE) ở phần đầu trang (header)")
        return
    para = next(q for q in header.paragraphs if PAGE_FIELD.search(q._p.xml))
    jc = m.resolver.para_format(para).jc
    if jc != "center":
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
    header = m.sections[0].header
    para = next((q for q in header.paragraphs if PAGE_FIELD.search(q._p.xml)), None)
    if para is None:
        yield Unknown("không có số trang để kiểm tra cỡ chữ")
        return
    block = Block(para, 0, 1)
    # The number's run may sit inside a w:fldSimple, which python-docx's paragraph.runs skips.
    runs = [Run(r, para) for r in para._p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    f = m.resolver.run_format(para, runs[0] if runs else None)
    if not in_range(f.size_pt, p["size_pt"]) or f.bold or f.italic:
        yield Violation(f"số trang cỡ {f.size_pt:g} pt{', đậm' if f.bold else ''}{', nghiêng' if f.italic else ''}; "
                        f"cần {pt(p['size_pt'])}, chữ đứng", block)


@check("page_number_not_footer")
def page_number_not_footer(m: DocModel, p: dict) -> Result:
    for i, s in enumerate(m.sections, start=1):
        for footer in (s.footer, s.first_page_footer, s.even_page_footer):
            if not footer.is_linked_to_previous and has_page_field(footer._element):
                yield Violation(f"phần {i}: số trang đặt ở chân trang; phải ở giữa lề trên")
                break


@body_check("closing_mark")
def closing_mark(m: DocModel, p: dict) -> Result:
    last = m.body[-1]
    if not last.text.rstrip().endswith("./."):
        yield Violation("đoạn cuối nội dung không kết thúc bằng “./.”", last)


# --- H: header block ---------------------------------------------------------------------------------


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


@check("header_table")
def header_table(m: DocModel, p: dict) -> Result:
    yield from layout_table(m.header_table, "khối đầu văn bản không đặt trong bảng 2 cột (nên dùng bảng không viền)",
                            "bảng khối đầu văn bản có đường viền")


def header_line(m: DocModel, pattern: str, missing: str, what: str, p: dict,
                wrong: Callable[[str], str | None]) -> Result:
    """A line of the header block: found by its text, its wording checked by `wrong` (a message,
    or None when right), then its size, weight, slant and alignment."""
    block = m.header_find(pattern)
    if block is None:
        yield Violation(missing)
        return
    problem = wrong(vn.nfc(block.text.strip()))
    if problem:
        yield Violation(problem, block)
    yield from style_problems(m, block, p, what)


@check("quoc_hieu")
def quoc_hieu(m: DocModel, p: dict) -> Result:
    yield from header_line(
        m, r"CỘNG H[OÒ][AÀ]", "không tìm thấy Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”", "Quốc hiệu", p,
        lambda text: None if text in p["text"] else f"Quốc hiệu viết sai: «{text}»")


def tieu_ngu_block(m: DocModel) -> Block | None:
    return m.header_find(r"Độc lập")


@check("tieu_ngu_text")
def tieu_ngu_text(m: DocModel, p: dict) -> Result:
    block = tieu_ngu_block(m)
    if block is None:
        yield Violation("không tìm thấy Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”")
        return
    text = vn.nfc(block.text.strip())
    if text != p["text"]:
        dashes = re.search("[–—]|\\S-|-\\S", text)
        hint = " (dùng gạch nối “-” có dấu cách hai bên, không dùng “–” hay “—”)" if dashes else ""
        yield Violation(f"Tiêu ngữ viết sai: «{text}»{hint}", block)


@check("tieu_ngu_format")
def tieu_ngu_format(m: DocModel, p: dict) -> Result:
    block = tieu_ngu_block(m)
    if block is None:
        yield Unknown("không tìm thấy Tiêu ngữ")
        return
    yield from style_problems(m, block, p, "Tiêu ngữ")


def cell_blocks(m: DocModel, block: Block) -> list[Block]:
    """All paragraphs (empty ones too) of the cell or body holding the block."""
    if block.table is None:
        return m.section_blocks(block.section)
    info = m.tables[block.table]
    return [b for b in info.blocks if b.cell == block.cell]


@check("tieu_ngu_rule")
def tieu_ngu_rule(m: DocModel, p: dict) -> Result:
    block = tieu_ngu_block(m)
    yield from line_rule(m, [block] if block else [], cell_blocks(m, block) if block else [], p, "Tiêu ngữ")


def agency_blocks(m: DocModel) -> list[Block]:
    out = []
    for block in m.header_left or m.header_blocks:
        text = block.text.strip()
        if text.startswith("Số") or "CỘNG H" in text or "Độc lập" in text:
            break
        out.append(block)
    return out


@check("agency")
def agency(m: DocModel, p: dict) -> Result:
    blocks = agency_blocks(m)
    if not blocks:
        yield Violation("không tìm thấy tên cơ quan ban hành ở góc trên bên trái")
        return
    if not any(b.text.strip().startswith("ỦY BAN NHÂN DÂN") or b.text.strip().startswith("UỶ BAN NHÂN DÂN")
               for b in blocks):
        yield Violation("tên cơ quan ban hành thiếu dòng “ỦY BAN NHÂN DÂN”", blocks[0])
    for block in blocks:
        yield from style_problems(m, block, p, "Tên cơ quan")


@check("agency_rule")
def agency_rule(m: DocModel, p: dict) -> Result:
    blocks = agency_blocks(m)
    yield from line_rule(m, blocks, cell_blocks(m, blocks[-1]) if blocks else [], p, "tên cơ quan ban hành")


@check("so_ky_hieu")
def so_ky_hieu(m: DocModel, p: dict) -> Result:
    def wrong(text: str) -> str | None:
        if re.fullmatch(p["regex"], text) or re.fullmatch(p["draft_regex"], text):
            return None
        return f"số, ký hiệu viết sai: «{text}» (đúng: “Số: 05/KH-UBND”; số dưới 10 có số 0 ở trước)"

    yield from header_line(m, r"^Số\b", "không tìm thấy dòng “Số: …/KH-UBND”", "Số, ký hiệu", p, wrong)


@check("date_line")
def date_line(m: DocModel, p: dict) -> Result:
    def wrong(text: str) -> str | None:
        if re.fullmatch(p["regex"], text) or re.fullmatch(p["draft_regex"], text):
            return None
        found = re.search(r"ngày\s+(\S+)\s+tháng\s+(\S+)", text)
        hint = ""
        if found and found.group(2).isdigit() and int(found.group(2)) >= 3 and found.group(2).startswith("0"):
            hint = f" (tháng {int(found.group(2))} không viết số 0 ở trước)"
        elif found and found.group(1).isdigit() and len(found.group(1)) == 1:
            hint = " (ngày dưới 10 phải có số 0 ở trước)"
        elif found and found.group(2) in ("1", "2"):
            hint = " (tháng 1, 2 phải viết 01, 02)"
        return f"địa danh, ngày tháng viết sai: «{text}»{hint}"

    yield from header_line(m, r",\s*ngày\b", "không tìm thấy dòng địa danh, ngày tháng", "Địa danh, ngày tháng",
                           p, wrong)


# --- T: title ------------------------------------------------------------------------------------------


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


# --- C: content -------------------------------------------------------------------------------------


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


# --- N: numbering -----------------------------------------------------------------------------------


def roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=False):
        va, vb = values[a], values.get(b, 0)
        total += -va if va < vb else va
    return total


@check("muc_numbering")
def muc_numbering(m: DocModel, p: dict) -> Result:
    expected = 1
    for block in m.body:
        match = MUC.match(block.text.strip())
        if not match:
            continue
        if roman_value(match.group(1)) != expected:
            yield Violation(f"mục “{match.group(1)}.” không đúng thứ tự (cần {vn.roman(expected)}.)", block)
        expected = roman_value(match.group(1)) + 1
        yield from style_problems(m, block, {"bold": True, "caps": True}, "Tên mục")


@check("khoan_numbering")
def khoan_numbering(m: DocModel, p: dict) -> Result:
    expected = 1
    for block in m.body:
        text = block.text.strip()
        if MUC.match(text):
            expected = 1
            continue
        match = KHOAN.match(text)
        if match:
            if int(match.group(1)) != expected:
                yield Violation(f"khoản “{match.group(1)}.” không đúng thứ tự (cần {expected}.)", block)
            expected = int(match.group(1)) + 1


@check("diem_sequence")
def diem_sequence(m: DocModel, p: dict) -> Result:
    letters = p["letters"]
    index = 0
    for block in m.body:
        text = block.text.strip()
        if MUC.match(text) or KHOAN.match(text):
            index = 0
            continue
        match = DIEM.match(text)
        if not match:
            continue
        label = match.group(1)
        want = letters[index] if index < len(letters) else None
        if label != want:
            hint = " (bảng chữ cái tiếng Việt: a, b, c, d, đ, e, g, h, i, k…; không có f, j, w, z)" if want else ""
            yield Violation(f"điểm “{label})” không đúng thứ tự (cần “{want})”){hint}", block)
        index = letters.index(label) + 1 if label in letters else index + 1


@check("no_auto_numbering")
def no_auto_numbering(m: DocModel, p: dict) -> Result:
    for block in m.body:
        if m.resolver.para_format(block.paragraph).numbered:
            yield Violation("đánh số tự động của Word (có thể hiện “a.”, “1.1.” và không có “đ”); nên gõ số tay",
                            block)
            return


# --- S: signature and recipients ----------------------------------------------------------------------


@check("signature_table")
def signature_table(m: DocModel, p: dict) -> Result:
    yield from layout_table(m.signature_table, "không tìm thấy khối chữ ký dạng bảng 2 cột với “Nơi nhận:” ở ô trái",
                            "bảng chữ ký có đường viền")


def signature_lines(m: DocModel) -> list[Block]:
    return [b for b in m.signature_table.last_column() if b.text.strip()]


@signature_check("authority")
def authority(m: DocModel, p: dict) -> Result:
    lines = signature_lines(m)[:-1]
    if not lines:
        yield Violation("thiếu dòng thẩm quyền ký (TM., KT., chức vụ)")
        return
    for block in lines:
        text = block.text.strip()
        if re.match(r"^(T/M|K/T|Q/|T\.M|K\.T)", text) or re.match(r"^(TM|KT|TL|TUQ)\s", text):
            yield Violation(f"viết tắt thẩm quyền sai: «{text}» (đúng: “TM.”, “KT.”, “Q.”, “TL.”, “TUQ.”)", block)
        yield from style_problems(m, block, p, "Thẩm quyền, chức vụ")


@signature_check("signer_name")
def signer_name(m: DocModel, p: dict) -> Result:
    lines = signature_lines(m)
    if not lines:
        yield Violation("thiếu họ tên người ký")
        return
    block = lines[-1]
    if re.match(p["forbid_prefix"], block.text.strip()):
        yield Violation("không ghi học hàm, học vị trước họ tên người ký", block)
    yield from style_problems(m, block, p, "Họ tên người ký")


def recipient_blocks(m: DocModel) -> tuple[Block | None, list[Block]]:
    left = [b for b in m.signature_table.column(0) if b.text.strip()]
    return (left[0] if left else None), left[1:]


@signature_check("noi_nhan_label")
def noi_nhan_label(m: DocModel, p: dict) -> Result:
    label, _ = recipient_blocks(m)
    if label.text.strip() != "Nơi nhận:":
        yield Violation(f"dòng “Nơi nhận:” viết sai: «{label.text.strip()}»", label)
    yield from style_problems(m, label, p, "“Nơi nhận:”")


@signature_check("recipients")
def recipients(m: DocModel, p: dict) -> Result:
    _, items = recipient_blocks(m)
    if not items:
        yield Violation("danh sách nơi nhận trống")
        return
    for i, block in enumerate(items):
        text = block.text.strip()
        last = i == len(items) - 1
        if m.resolver.para_format(block.paragraph).numbered:
            yield Violation("nơi nhận dùng gạch đầu dòng tự động của Word; gõ “- ” tay", block)
        if last:
            if not re.fullmatch(p["last_regex"], text):
                yield Violation(f"dòng cuối nơi nhận phải là “- Lưu: VT, <đơn vị soạn thảo>.”: «{text}»", block)
        elif not re.fullmatch(p["regex"], text):
            yield Violation(f"mỗi nơi nhận bắt đầu “- ” và kết thúc “;”: «{text}»", block)
        yield from style_problems(m, block, p["style"], "Nơi nhận")


# --- A: appendix -------------------------------------------------------------------------------------


@check("appendix_mentioned")
def appendix_mentioned(m: DocModel, p: dict) -> Result:
    if not m.appendix_sections:
        return
    if not any("phụ lục" in b.text.lower() for b in m.body):
        yield Violation("văn bản có phụ lục nhưng nội dung không nhắc tới phụ lục")


@check("appendix_label")
def appendix_label(m: DocModel, p: dict) -> Result:
    labels = []
    for section in m.appendix_sections:
        block = m.appendix_label(section)
        if block is None or not re.fullmatch(p["regex"], block.text.strip()):
            if block is not None and block.text.strip().upper() == "PHỤ LỤC":
                yield Violation("chữ “Phụ lục” viết thường (chỉ hoa chữ P)", block)
            elif block is not None:
                yield Violation(f"phụ lục không mở đầu bằng dòng “Phụ lục”: «{block.text.strip()[:40]}»", block)
            continue
        labels.append(block)
        yield from style_problems(m, block, p, "“Phụ lục”")
    if len(labels) >= 2 and not all(re.fullmatch(r"Phụ lục [IVXLC]+", b.text.strip()) for b in labels):
        yield Violation("có từ hai phụ lục trở lên thì đánh số bằng chữ số La Mã (Phụ lục I, II…)", labels[0])


def appendix_next(m: DocModel, section: int, offset: int) -> Block | None:
    blocks = [b for b in m.section_blocks(section) if b.text.strip()]
    return blocks[offset] if len(blocks) > offset else None


@check("appendix_title")
def appendix_title(m: DocModel, p: dict) -> Result:
    for section in m.appendix_sections:
        block = appendix_next(m, section, 1)
        if block is None or block.text.strip().startswith("("):
            continue  # no title: allowed
        yield from style_problems(m, block, p, "Tên phụ lục")


@check("appendix_ref")
def appendix_ref(m: DocModel, p: dict) -> Result:
    for section in m.appendix_sections:
        block = next((b for b in m.section_blocks(section)[:4] if b.text.strip().startswith("(")), None)
        if block is None:
            yield Violation("thiếu dòng “(Kèm theo Kế hoạch số …/KH-UBND ngày … của …)” dưới tên phụ lục",
                            appendix_next(m, section, 0))
            continue
        text = vn.nfc(block.text.strip())
        if not re.fullmatch(p["regex"], text):
            yield Violation(f"dòng “Kèm theo” sai mẫu: «{text}»", block)
        date = re.search(r"ngày (\d+) tháng (\d+)", text)
        if date and not (re.fullmatch(r"0[1-9]|[12]\d|3[01]", date.group(1))
                         and re.fullmatch(r"0[12]|[3-9]|1[0-2]", date.group(2))):
            yield Violation("ngày tháng trong dòng “Kèm theo” sai quy tắc số 0", block)
        yield from style_problems(m, block, p, "Dòng “Kèm theo”")


@check("appendix_numbering")
def appendix_numbering(m: DocModel, p: dict) -> Result:
    for section in m.appendix_sections:
        s = m.sections[section - 1]
        pg = s._sectPr.find(qn("w:pgNumType"))
        if pg is None or pg.get(qn("w:start")) != "1":
            yield Violation(f"phần {section} (phụ lục) không đánh số trang lại từ 1", appendix_next(m, section, 0))
        if not has_page_field(s.header._element):
            yield Violation(f"phần {section} (phụ lục) không có số trang ở đầu trang", appendix_next(m, section, 0))


# --- tables ------------------------------------------------------------------------------------------


@check("table_text_size")
def table_text_size(m: DocModel, p: dict) -> Result:
    layout = {id(t) for t in (m.header_table, m.signature_table) if t}
    for info in m.tables:
        if id(info) in layout:
            continue
        for block in info.blocks:
            if block.text.strip() and not in_range(first(m, block).size_pt, p["size_pt"]):
                yield Violation(f"chữ trong bảng cỡ {first(m, block).size_pt:g} pt, thường dùng {pt(p['size_pt'])}",
                                block)
                break


@check("table_header_repeat")
def table_header_repeat(m: DocModel, p: dict) -> Result:
    layout = {id(t) for t in (m.header_table, m.signature_table) if t}
    for info in m.tables:
        if id(info) in layout or len(info.table.rows) < p["min_rows"]:
            continue
        tr_pr = info.table.rows[0]._tr.trPr
        if tr_pr is None or tr_pr.find(qn("w:tblHeader")) is None:
            yield Violation("bảng dài nhưng dòng tiêu đề không lặp lại ở mỗi trang", info.blocks[0])
