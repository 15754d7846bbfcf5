"""S rules: the signing block (authority lines, signer's name), "Nơi nhận:" and the recipients,
whether laid out as a two-column table or as paragraphs (check/signing.py). Every line is judged by
what prints: a line of a paragraph split by line breaks or tabs by its own runs, a "-" or ":" typed in
another size is not a size, and the drafter's mark after "- Lưu: VT, NC." ("Châu" in subscript,
"(Sơn)" in 7 pt: ô 12 of NĐ 30) is not part of the Lưu line."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from docx.oxml.ns import qn
from docx.text.run import Run

from ..model import DocModel, Para
from ..pieces import Piece
from .base import Result, Unknown, Violation, check, has_own_frame, signature_check
from .helpers import ALIGN_NAMES, formats, layout_table, pt, style_problems


@check("signature_table", has_own_frame)
def signature_table(m: DocModel, p: dict) -> Result:
    if m.signature is None:
        yield Violation("không tìm thấy khối chữ ký và “Nơi nhận”")
        return
    yield from layout_table(m.signature_table, "khối chữ ký và nơi nhận viết thành đoạn văn, không đặt trong bảng "
                                               "2 cột (nên dùng bảng không viền)", "bảng chữ ký có đường viền")


def _sized(m: DocModel, block: Para, p: dict, what: str) -> Result:
    """style_problems, with a size off by no more than `size_tolerance_pt` (14.5 for 14: not seen in
    print) a warning."""
    near = p.get("size_tolerance_pt", 0)
    if "size_pt" in p and near:
        lo, hi = (p["size_pt"], p["size_pt"]) if isinstance(p["size_pt"], int | float) else p["size_pt"]
        sizes = {f.size_pt for f in formats(m, block)}
        inside = None not in sizes and all(lo <= s <= hi for s in sizes)
        if None not in sizes and all(lo - near <= s <= hi + near for s in sizes) and not inside:
            shown = ", ".join(f"{s:g}" for s in sorted(sizes))
            yield Violation(f"{what}: cỡ chữ {shown} pt, cần {pt(p['size_pt'])}", block, case="near_size")
            p = {k: v for k, v in p.items() if k != "size_pt"}
    yield from style_problems(m, block, {k: v for k, v in p.items() if k != "size_tolerance_pt"}, what)


def _styled(m: DocModel, block: Para, p: dict, what: str) -> Result:
    """Size, weight, slant and case are errors. Alignment is a warning: a line centred with spaces,
    tabs or an indent prints centred whatever its paragraph alignment says."""
    yield from _sized(m, block, {k: v for k, v in p.items() if k != "align"}, what)
    if "align" in p:
        pf = m.resolver.para_format(block.paragraph)
        jc = pf.jc or "left"
        by_hand = getattr(block, "side", "whole") != "whole" or re.match(r"^(\t| {2,})", block.text) or pf.left > 0
        if jc != p["align"] and not by_hand:
            yield Violation(f"{what}: {ALIGN_NAMES.get(jc, jc)}, cần {ALIGN_NAMES[p['align']]} "
                            "(nếu đã căn bằng dấu cách hoặc tab thì bỏ qua)", block, case="align")


def _once(results: Result) -> Result:
    """One finding per paragraph and message: a list typed as one paragraph broken by line breaks
    is one thing to fix, not one per line."""
    seen = set()
    for result in results:
        key = (result.block.number if result.block else None, result.message)
        if key not in seen:
            seen.add(key)
            yield result


@signature_check("authority")
def authority(m: DocModel, p: dict) -> Result:
    yield from _once(_authority(m, p))


def _authority(m: DocModel, p: dict) -> Result:
    lines = m.signature.authority
    if not lines and m.signature.name is None:
        yield Unknown("không tìm thấy dòng thẩm quyền ký và họ tên người ký (chỉ thấy “Nơi nhận”)")
        return
    if not lines:
        yield Violation("thiếu dòng thẩm quyền ký (TM., KT., chức vụ)")
        return
    for block in lines:
        text = block.text.strip()
        if re.match(p["wrong_abbreviation"], text):
            yield Violation(f"viết tắt thẩm quyền sai: «{text}» (đúng: “TM. ”, “KT. ”, “Q. ”, “TL. ”, “TUQ. ”: "
                            "chữ in hoa, dấu chấm, một dấu cách)", block)
        yield from _styled(m, block, p["style"], "Thẩm quyền, chức vụ")


@signature_check("signer_name")
def signer_name(m: DocModel, p: dict) -> Result:
    block = m.signature.name
    if block is None and not m.signature.authority:
        yield Unknown("không tìm thấy khối chữ ký (chỉ thấy “Nơi nhận”)")
        return
    if block is None:
        yield Violation("chưa có họ tên người ký (dưới chức vụ)", case="no_name")
        return
    if re.match(p["forbid_prefix"], block.text.strip()):
        yield Violation("không ghi học hàm, học vị trước họ tên người ký", block)
    yield from _styled(m, block, p["style"], "Họ tên người ký")


@signature_check("noi_nhan_label")
def noi_nhan_label(m: DocModel, p: dict) -> Result:
    label = m.signature.label
    if label is None:
        yield Violation("thiếu “Nơi nhận:”")
        return
    if label.text.strip() != "Nơi nhận:":
        yield Violation(f"dòng “Nơi nhận:” viết sai: «{label.text.strip()}»", label)
    yield from _sized(m, label, p, "“Nơi nhận:”")


def _vertical(r) -> bool:
    el = r.find(qn("w:rPr") + "/" + qn("w:vertAlign"))
    return el is not None and el.get(qn("w:val")) in ("superscript", "subscript")


def _printed(m: DocModel, block: Para, p: dict) -> Para:
    """The Lưu line without the drafter's mark: words in sub/superscript or smaller than the line."""
    if not isinstance(block, Piece):
        return block
    sizes = [(m.resolver.run_format(par, Run(r, par)).size_pt, par, r, t) for par, r, t in block.segments]
    weight = Counter({s: 0.0 for s, *_ in sizes})
    for s, _, _, t in sizes:
        weight[s] += len(t.strip())
    main = weight.most_common(1)[0][0] if weight else None
    kept = [(par, r, t) for s, par, r, t in sizes
            if not re.search(r"\w", t) or not (_vertical(r) or (s and main and s <= main - p["mark_smaller_pt"]))]
    return dataclasses.replace(block, segments=kept, shown="".join(t for _, _, t in kept))


def _entries(items: list[Para]) -> list[list[Para]]:
    """Recipients, a line that goes on from the one above (no "-", the one above not closed) joined to it."""
    out: list[list[Para]] = []
    for block in items:
        text = block.text.strip()
        if out and not text.startswith(("-", "+", "•", "–")) and not out[-1][-1].text.rstrip().endswith((";", ".")):
            out[-1].append(block)
        else:
            out.append([block])
    return out


@signature_check("recipients")
def recipients(m: DocModel, p: dict) -> Result:
    yield from _once(_recipients(m, p))


def _recipients(m: DocModel, p: dict) -> Result:
    if m.signature.label is None:
        yield Unknown("không có “Nơi nhận:” để kiểm tra danh sách nơi nhận")
        return
    entries = _entries(m.signature.recipients)
    if not entries:
        yield Violation("danh sách nơi nhận trống")
        return
    for i, entry in enumerate(entries):
        last = i == len(entries) - 1
        lines = [_printed(m, b, p) if last else b for b in entry]
        text = " ".join(b.text.strip() for b in lines)
        block = entry[0]
        if m.resolver.para_format(block.paragraph).numbered:
            yield Violation("nơi nhận dùng gạch đầu dòng tự động của Word; gõ “- ” tay", block)
        note = re.search(p["note_regex"], text)
        if note:
            yield Violation(f"ghi chú «{text[note.end() - 1:].strip()}» gõ sau dấu “;” của nơi nhận; ghi trong "
                            "ngoặc trước dấu “;”", block, case="note")
            text = text[: note.start() + 1]
        if last:
            if not re.fullmatch(p["last_regex"], text):
                yield Violation(f"dòng cuối nơi nhận phải là “- Lưu: VT, <đơn vị soạn thảo>.”: «{text}»", block)
        elif not re.fullmatch(p["regex"], text):
            yield Violation(f"mỗi nơi nhận bắt đầu “- ” và kết thúc “;”: «{text}»", block)
        for line in lines:
            yield from _sized(m, line, p["style"], "Nơi nhận")
