"""S rules: the signing block (authority lines, signer's name), "Nơi nhận:" and the recipients,
whether laid out as a two-column table or as paragraphs (check/parts.py)."""

from __future__ import annotations

import re

from ..model import DocModel
from .base import Result, Unknown, Violation, check, has_own_frame, signature_check
from .helpers import layout_table, style_problems


@check("signature_table", has_own_frame)
def signature_table(m: DocModel, p: dict) -> Result:
    if m.signature is None:
        yield Violation("không tìm thấy khối chữ ký và “Nơi nhận”")
        return
    yield from layout_table(m.signature_table, "khối chữ ký và nơi nhận viết thành đoạn văn, không đặt trong bảng "
                                               "2 cột (nên dùng bảng không viền)", "bảng chữ ký có đường viền")


@signature_check("authority")
def authority(m: DocModel, p: dict) -> Result:
    lines = m.signature.authority
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
    block = m.signature.name
    if block is None:
        yield Violation("thiếu họ tên người ký")
        return
    if re.match(p["forbid_prefix"], block.text.strip()):
        yield Violation("không ghi học hàm, học vị trước họ tên người ký", block)
    yield from style_problems(m, block, p, "Họ tên người ký")


@signature_check("noi_nhan_label")
def noi_nhan_label(m: DocModel, p: dict) -> Result:
    label = m.signature.label
    if label is None:
        yield Violation("thiếu “Nơi nhận:”")
        return
    if label.text.strip() != "Nơi nhận:":
        yield Violation(f"dòng “Nơi nhận:” viết sai: «{label.text.strip()}»", label)
    yield from style_problems(m, label, p, "“Nơi nhận:”")


@signature_check("recipients")
def recipients(m: DocModel, p: dict) -> Result:
    if m.signature.label is None:
        yield Unknown("không có “Nơi nhận:” để kiểm tra danh sách nơi nhận")
        return
    items = m.signature.recipients
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
