"""H rules: the header block (agency, Quốc hiệu, Tiêu ngữ, their rule lines, Số, place and date)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...text import vn
from ..model import Block, DocModel
from .base import Result, Unknown, Violation, check
from .helpers import cell_blocks, layout_table, line_rule, style_problems


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
