"""H rules: the header block (agency, Quốc hiệu, Tiêu ngữ, their rule lines, Số, place and date).

The header may be a table or paragraphs, agency first or Quốc hiệu first, with "Số" and the date
inside or below it (check/parts.py). A document without any header gets one finding saying so
(H2), not a header made of its body text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...text import vn
from ..doctype import squeeze
from ..model import Block, DocModel
from ..parts import MARK, NUMBER, PLACE_DATE, QUOC_HIEU, SUBJECT, TIEU_NGU
from .base import Result, Unknown, Violation, check, has_own_frame, header_check
from .helpers import cell_blocks, layout_table, line_rule, style_problems

#: An agency's own name starts with the kind of body it is; lines above it name its parent (chủ quản).
BODY_WORDS = re.compile(r"^(SỞ|BAN|CỤC|CHI CỤC|VỤ|TRUNG TÂM|PHÒNG|VĂN PHÒNG|TRƯỜNG|BỆNH VIỆN|VIỆN|HỌC VIỆN|"
                        r"ỦY BAN|UBND|BỘ|TỔNG CỤC|CÔNG AN|HỘI ĐỒNG|THANH TRA|KHO BẠC|BẢO HIỂM|ĐÀI|BÁO)\b")
NO_HEADER = "văn bản không có khối đầu (Quốc hiệu, Tiêu ngữ, tên cơ quan, số, ngày tháng)"


@check("header_table", has_own_frame)
def header_table(m: DocModel, p: dict) -> Result:
    if not m.parts.has_header:
        yield Unknown(NO_HEADER)
        return
    yield from layout_table(m.header_table, "khối đầu văn bản viết thành đoạn văn, không đặt trong bảng 2 cột "
                                            "(nên dùng bảng không viền)", "bảng khối đầu văn bản có đường viền")


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


@check("quoc_hieu", has_own_frame)
def quoc_hieu(m: DocModel, p: dict) -> Result:
    if not m.parts.has_header:
        yield Violation(NO_HEADER)
        return
    yield from header_line(
        m, r"^CỘNG H[OÒ][AÀ]", "không tìm thấy Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”", "Quốc hiệu", p,
        lambda text: None if text in p["text"] else f"Quốc hiệu viết sai: «{text}»")


def tieu_ngu_block(m: DocModel) -> Block | None:
    return m.header_find(r"^Độc lập")


@header_check("tieu_ngu_text")
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


@header_check("tieu_ngu_format")
def tieu_ngu_format(m: DocModel, p: dict) -> Result:
    block = tieu_ngu_block(m)
    if block is None:
        yield Unknown("không tìm thấy Tiêu ngữ")
        return
    yield from style_problems(m, block, p, "Tiêu ngữ")


@header_check("tieu_ngu_rule")
def tieu_ngu_rule(m: DocModel, p: dict) -> Result:
    block = tieu_ngu_block(m)
    yield from line_rule(m, [block] if block else [], cell_blocks(m, block) if block else [], p, "Tiêu ngữ")


def agency_blocks(m: DocModel) -> list[Block]:
    """The agency lines: the header table's left column above "Số", or the capitalised header
    paragraphs that are neither Quốc hiệu, Tiêu ngữ, number, date, subject nor a mark."""
    out = []
    for block in m.header_left or m.header_blocks:
        text = block.text.strip()
        if NUMBER.match(text) or SUBJECT.match(text) or PLACE_DATE.search(text):
            break
        if QUOC_HIEU.match(squeeze(text)) or TIEU_NGU.match(text) or MARK.match(squeeze(text)) or m.is_rule(block):
            if m.header_left:
                break
            continue
        if m.header_left or text == squeeze(text):
            out.append(block)
    return out


def split_parent(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """(chủ quản lines, the issuing agency's own lines): the own name starts at the last line that
    opens with a kind of body ("SỞ TƯ PHÁP" under "UBND TỈNH LÂM ĐỒNG"); "ỦY BAN NHÂN DÂN" above
    "TỈNH LÂM ĐỒNG" is one name on two lines."""
    starts = [i for i, b in enumerate(blocks) if BODY_WORDS.match(squeeze(b.text))]
    cut = starts[-1] if starts else 0
    return blocks[:cut], blocks[cut:]


@header_check("agency")
def agency(m: DocModel, p: dict) -> Result:
    blocks = agency_blocks(m)
    if not blocks:
        yield Violation("không tìm thấy tên cơ quan ban hành ở góc trên bên trái")
        return
    parent, own = split_parent(blocks)
    if m.doc_type.key == "ke_hoach" and not any(squeeze(b.text).startswith(("ỦY BAN NHÂN DÂN", "UBND"))
                                                for b in blocks):
        yield Violation("tên cơ quan ban hành thiếu dòng “ỦY BAN NHÂN DÂN”", blocks[0], case="no_ubnd_line")
    for block in own:
        yield from style_problems(m, block, p, "Tên cơ quan")
    parent_style = {**{k: v for k, v in p.items() if k != "bold"}, "bold": p.get("parent_bold", False)}
    for block in parent:
        yield from style_problems(m, block, parent_style, "Tên cơ quan chủ quản")


@header_check("agency_rule")
def agency_rule(m: DocModel, p: dict) -> Result:
    blocks = agency_blocks(m)
    yield from line_rule(m, blocks, cell_blocks(m, blocks[-1]) if blocks else [], p, "tên cơ quan ban hành")


def number_pattern(m: DocModel, p: dict) -> str:
    """A plan of a People's Committee: "/KH-UBND"; any other document: its own type abbreviation
    (none for a letter) followed by the agency's abbreviation."""
    agency = " ".join(squeeze(b.text) for b in split_parent(agency_blocks(m))[1])
    if m.doc_type.key == "ke_hoach" and ("ỦY BAN NHÂN DÂN" in agency or "UBND" in agency):
        return p["regex"]
    abbr = m.doc_type.abbr
    sign = f"{abbr}-[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*" if abbr else "[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*"
    return rf"^Số: ?(0[1-9]|[1-9]\d+)/{sign}$"


@header_check("so_ky_hieu")
def so_ky_hieu(m: DocModel, p: dict) -> Result:
    pattern = number_pattern(m, p)

    blank = p["draft_regex"] if pattern == p["regex"] else r"^Số:\s+/\S+$"  # a number left for the văn thư

    def wrong(text: str) -> str | None:
        if re.fullmatch(pattern, text) or re.fullmatch(blank, text):
            return None
        found = re.match(r"^Số\s*:\s*(\d+)\s*/\s*(\S+)$", text)
        if found and len(found.group(1)) == 1:
            return f"số dưới 10 phải có số 0 ở trước: «{text}»"
        if found and re.fullmatch(r"0\d{2,}", found.group(1)):
            return f"số từ 10 trở lên không viết số 0 ở trước: «{text}»"
        if found:
            expected = "“/KH-UBND”" if pattern == p["regex"] else (
                f"“/{m.doc_type.abbr}-<cơ quan>”" if m.doc_type.abbr else "“/<cơ quan>-<đơn vị soạn thảo>”")
            return f"ký hiệu viết sai: «{text}» (cần {expected}, chữ in hoa, nối bằng “-”)"
        return f"số, ký hiệu viết sai: «{text}» (đúng: “Số: 05/…”, sau “Số” có dấu “:”)"

    yield from header_line(m, r"^Số\b", "không tìm thấy dòng “Số: …”", "Số, ký hiệu", p, wrong)


@header_check("date_line")
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
