"""H rules: the header block (agency, Quốc hiệu, Tiêu ngữ, their rule lines, Số, place and date).

The header may be a table or paragraphs, agency first or Quốc hiệu first, with "Số" and the date
inside or below it (check/parts.py). A document without any header gets one finding saying so
(H2), not a header made of its body text.

The rules judge what prints, line by line: a paragraph may hold two header lines split by a line
break ("UBND TỈNH LÂM ĐỒNG↵SỞ NỘI VỤ", "CỘNG HÒA …↵Độc lập …"), a line typed flush left with
spaces or an indent may still print centred, and the rule under the Tiêu ngữ may be a shape
anchored in any paragraph of the header table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ...docxio.textwidth import width_twips
from ...text import vn
from ..doctype import squeeze
from ..model import DocModel, Para
from ..parts import MARK, NUMBER, PLACE_DATE, QUOC_HIEU, SUBJECT, TIEU_NGU
from .base import Result, Unknown, Violation, check, has_own_frame, header_check
from .headerlines import Line, find_line, header_lines, line_formats, line_style
from .helpers import CM, available_width, layout_table
from .rulelines import TYPED_RULE, rules_near

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
    line = find_line(m, pattern)
    if line is None:
        yield Violation(missing)
        return
    problem = wrong(vn.nfc(line.text.strip()))
    if problem:
        yield Violation(problem, line.block)
    yield from line_style(m, line, p, what)


@check("quoc_hieu", has_own_frame)
def quoc_hieu(m: DocModel, p: dict) -> Result:
    if not m.parts.has_header:
        # Neither header nor signing block: a paper sent with another (an agenda, a list), not a
        # document of its own; only a document that is signed must carry the header.
        yield Violation(NO_HEADER, case=None if m.signature else "enclosure")
        return
    yield from header_line(
        m, r"^CỘNG H[OÒ][AÀ]", "không tìm thấy Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”", "Quốc hiệu", p,
        lambda text: None if " ".join(text.split()) in p["text"] else f"Quốc hiệu viết sai: «{text}»")


def tieu_ngu_line(m: DocModel) -> Line | None:
    return find_line(m, r"^Độc lập")


@header_check("tieu_ngu_text")
def tieu_ngu_text(m: DocModel, p: dict) -> Result:
    line = tieu_ngu_line(m)
    if line is None:
        yield Violation("không tìm thấy Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”")
        return
    text = vn.nfc(line.text.strip())
    if text != p["text"]:
        dashes = re.search("[–—]|\\S-|-\\S", text)
        hint = " (dùng gạch nối “-” có dấu cách hai bên, không dùng “–” hay “—”)" if dashes else ""
        yield Violation(f"Tiêu ngữ viết sai: «{text}»{hint}", line.block)


@header_check("tieu_ngu_format")
def tieu_ngu_format(m: DocModel, p: dict) -> Result:
    line = tieu_ngu_line(m)
    if line is None:
        yield Unknown("không tìm thấy Tiêu ngữ")
        return
    yield from line_style(m, line, p, "Tiêu ngữ")


def rule_problems(m: DocModel, refs: list[Line], p: dict, what: str, *, cross: bool) -> Result:
    """The solid line under the last of `refs`, `p["ratio"]` × the widest ref's text long (1 for
    the Tiêu ngữ, 1/3-1/2 for the agency name). A row of underscores prints as a solid line
    (warning: draw it), a row of hyphens as a broken one. With `cross`, a line anchored in the other
    column counts when the header has two: Word anchors a shape wherever the cursor was."""
    under = refs[-1]
    if any(f.underline for ref in refs for f in line_formats(m, ref)):
        yield Violation(f"{what} bị gạch chân thay cho đường kẻ riêng", under.block)
        return
    own, others = rules_near(m, refs[0])
    drawn = [r for r in own + others if r.kind != "typed"]
    candidates = own + others if own and cross and len(drawn) >= 2 else own
    if not candidates and len(drawn) >= 2:
        candidates = drawn
    if not candidates:
        yield Violation(f"thiếu đường kẻ dưới {what}", under.block)
        return
    if not [r for r in candidates if r.kind != "typed"]:
        rule = candidates[0]
        if "_" in rule.text:
            yield Violation(f"đường kẻ dưới {what} gõ bằng ký tự “_”; nên dùng đường vẽ hoặc đường viền",
                            rule.block, case="typed_rule")
        else:
            yield Violation(f"đường kẻ dưới {what} gõ bằng «{rule.text[:20]}», in ra nét đứt; cần một đường "
                            "kẻ liền", rule.block)
        return
    reference = max(min(width_twips(vn.nfc(x.text.strip()), f.size_pt or 14, bold=f.bold, italic=f.italic),
                        available_width(m, x.block) or 10**9)  # a wrapped line is as wide as its cell
                    for x in refs for f in line_formats(m, x)[:1])
    measured = [r for r in candidates if r.kind != "typed" and r.length]
    if not measured:
        yield Unknown(f"không đo được độ dài đường kẻ dưới {what}", under.block)
        return
    lo, hi = p["ratio"] if isinstance(p["ratio"], list) else (p["ratio"], p["ratio"])
    best = min(measured, key=lambda r: abs(r.length / reference - (lo + hi) / 2))
    ratio = best.length / reference
    tol = p.get("tolerance", 0.05)
    if not lo - tol <= ratio <= hi + tol:
        want = "bằng" if lo == hi == 1 else f"{lo:.2g}-{hi:.2g} lần"
        far = p.get("far")
        yield Violation(f"đường kẻ dưới {what} dài {best.length / CM:.1f} cm = {ratio:.2f} lần dòng chữ "
                        f"({reference / CM:.1f} cm), cần {want} độ dài dòng chữ", best.block,
                        case="near" if far is not None and lo - far <= ratio <= hi + far else None)


@header_check("tieu_ngu_rule")
def tieu_ngu_rule(m: DocModel, p: dict) -> Result:
    """NĐ 30: a solid line as long as the Tiêu ngữ under it."""
    line = tieu_ngu_line(m)
    if line is None:
        yield Unknown("không tìm thấy Tiêu ngữ để đo đường kẻ")
        return
    yield from rule_problems(m, [line], p, "Tiêu ngữ", cross=True)


# --- the agency --------------------------------------------------------------------------------


def agency_lines(m: DocModel) -> list[Line]:
    """The agency lines: the header table's left column above "Số", or the capitalised header
    lines that are neither Quốc hiệu, Tiêu ngữ, number, date, subject nor a mark."""
    out = []
    for line in header_lines(m, m.header_left or m.header_blocks):
        text = line.text.strip()
        if NUMBER.match(text) or SUBJECT.match(text) or PLACE_DATE.search(text):
            break
        if (QUOC_HIEU.match(squeeze(text)) or TIEU_NGU.match(text) or MARK.match(squeeze(text))
                or m.is_rule(line.block) or TYPED_RULE.fullmatch(text)):
            if m.header_left:
                break
            continue
        if m.header_left or text == squeeze(text):
            out.append(line)
    return out


def agency_blocks(m: DocModel) -> list[Para]:
    """The paragraphs holding the agency lines."""
    out: list[Para] = []
    for line in agency_lines(m):
        if line.block not in out:
            out.append(line.block)
    return out


def split_parent(lines: list) -> tuple[list, list]:
    """(chủ quản lines, the issuing agency's own lines): the own name starts at the last line that
    opens with a kind of body ("SỞ TƯ PHÁP" under "UBND TỈNH LÂM ĐỒNG"); "ỦY BAN NHÂN DÂN" above
    "TỈNH LÂM ĐỒNG" is one name on two lines."""
    starts = [i for i, x in enumerate(lines) if BODY_WORDS.match(squeeze(x.text))]
    cut = starts[-1] if starts else 0
    return lines[:cut], lines[cut:]


@header_check("agency")
def agency(m: DocModel, p: dict) -> Result:
    lines = agency_lines(m)
    if not lines:
        yield Violation("không tìm thấy tên cơ quan ban hành ở góc trên bên trái")
        return
    parent, own = split_parent(lines)
    if m.doc_type.key == "ke_hoach" and not any(squeeze(x.text).startswith(("ỦY BAN NHÂN DÂN", "UBND"))
                                                for x in lines):
        yield Violation("tên cơ quan ban hành thiếu dòng “ỦY BAN NHÂN DÂN”", lines[0].block, case="no_ubnd_line")
    reported: set[tuple[int, str]] = set()

    def once(found: Iterator[Violation]) -> Iterator[Violation]:
        for v in found:  # two lines of one paragraph: one message each
            if (v.block.number, v.message) not in reported:
                reported.add((v.block.number, v.message))
                yield v

    for line in own:
        yield from once(line_style(m, line, p, "Tên cơ quan"))
    parent_style = {**{k: v for k, v in p.items() if k != "bold"}, "bold": p.get("parent_bold", False)}
    for line in parent:
        yield from once(line_style(m, line, parent_style, "Tên cơ quan chủ quản"))


@header_check("agency_rule")
def agency_rule(m: DocModel, p: dict) -> Result:
    """A solid line 1/3-1/2 as long as the agency's name, under it (in its own column first)."""
    lines = split_parent(agency_lines(m))[1]
    if not lines:
        yield Unknown("không tìm thấy tên cơ quan ban hành để đo đường kẻ")
        return
    yield from rule_problems(m, lines, p, "tên cơ quan ban hành", cross=False)


# --- number and date ---------------------------------------------------------------------------


def number_pattern(m: DocModel, p: dict) -> str:
    """A plan of a People's Committee: "/KH-UBND"; any other document: its own type abbreviation
    (none for a letter) followed by the agency's abbreviation. A legal normative document (a
    decision of the People's Committee with the year in its number, "07/2025/QĐ-UBND") carries the
    year between number and symbol (Luật Ban hành VBQPPL)."""
    agency = " ".join(squeeze(x.text) for x in split_parent(agency_lines(m))[1])
    if m.doc_type.key == "ke_hoach" and ("ỦY BAN NHÂN DÂN" in agency or "UBND" in agency):
        return p["regex"]
    abbr = m.doc_type.abbr
    sign = f"{abbr}-[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*" if abbr else "[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*"
    year = r"(\d{4}/)?" if abbr in p.get("normative", []) else ""
    return rf"^Số: ?(0[1-9]|[1-9]\d+)/{year}{sign}$"


@header_check("so_ky_hieu")
def so_ky_hieu(m: DocModel, p: dict) -> Result:
    pattern = number_pattern(m, p)

    blank = p["draft_regex"] if pattern == p["regex"] else r"^Số:\s+/\S+$"  # a number left for the văn thư

    def wrong(text: str) -> str | None:
        text = re.sub(r"^Số:\s+(?=\d)", "Số: ", text)  # two spaces after "Số:" do not show
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
            return f"ký hiệu viết sai: «{text}» (cần {expected}, chữ in hoa, nối bằng “-”, không có dấu cách)"
        return f"số, ký hiệu viết sai: «{text}» (đúng: “Số: 05/…”, sau “Số” có dấu “:”)"

    yield from header_line(m, r"^Số\b", "không tìm thấy dòng “Số: …”", "Số, ký hiệu", p, wrong)


@header_check("date_line")
def date_line(m: DocModel, p: dict) -> Result:
    """Place and date. A draft leaves the day and month (even the year) blank, with spaces,
    dots, underscores or "…", for the văn thư to fill in on the day it is issued."""
    blank_year = False

    def wrong(text: str) -> str | None:
        nonlocal blank_year
        text = " ".join(text.split())
        if re.fullmatch(p["regex"], text) or re.fullmatch(p["draft_regex"], text):
            return None
        if re.fullmatch(p["blank_year_regex"], text):
            blank_year = True
            return "ngày tháng để trống cả năm ban hành: điền năm khi trình ký"
        found = re.search(r"ngày\s+(\S+)\s+tháng\s+(\S+)", text)
        hint = ""
        if found and found.group(2).isdigit() and int(found.group(2)) >= 3 and found.group(2).startswith("0"):
            hint = f" (tháng {int(found.group(2))} không viết số 0 ở trước)"
        elif found and found.group(1).isdigit() and len(found.group(1)) == 1:
            hint = " (ngày dưới 10 phải có số 0 ở trước)"
        elif found and found.group(2) in ("1", "2"):
            hint = " (tháng 1, 2 phải viết 01, 02)"
        return f"địa danh, ngày tháng viết sai: «{text}»{hint}"

    for v in header_line(m, r",\s*ngày\b", "không tìm thấy dòng địa danh, ngày tháng", "Địa danh, ngày tháng",
                         p, wrong):
        if blank_year and v.message.startswith("ngày tháng để trống"):
            v.case = "blank_year"
        yield v
