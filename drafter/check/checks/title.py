"""T rules: the type title ("KẾ HOẠCH", "QUYẾT ĐỊNH"…), the trích yếu and the rule under it; V rule:
a letter's "V/v" subject (a letter has no type title)."""

from __future__ import annotations

from ...text import vn
from ..doctype import type_of_title
from ..model import DocModel
from ..parts import SUBJECT
from .base import Result, Unknown, Violation, check
from .header import header_line
from .helpers import first, formats, line_rule, style_problems

#: Documents without a type title of their own.
UNTITLED = ("cong_van", "ban_sao", "phu_luc", "dang")


def titled(m: DocModel) -> bool:
    return m.doc_type.key not in UNTITLED


@check("title", titled)
def title(m: DocModel, p: dict) -> Result:
    kind = m.doc_type
    if m.title is None:
        if kind.key == "khac":
            yield Unknown("không xác định được loại văn bản (không thấy tên loại); dùng --type để nêu loại")
        else:
            yield Violation(f"không tìm thấy tên loại “{kind.name}”")
        return
    named = type_of_title(m.title.text)
    if named is not None and named.key != kind.key:
        yield Violation(f"tên loại «{m.title.text.strip()}» khác loại văn bản được nêu ({kind.label}: "
                        f"“{kind.name}”)", m.title)
    yield from style_problems(m, m.title, p, "Tên loại")
    if abs(m.resolver.para_format(m.title.paragraph).first_line) > 0:
        yield Violation("tên loại không được thụt đầu dòng", m.title)


@check("summary", titled)
def summary(m: DocModel, p: dict) -> Result:
    if m.title is None:
        return
    if not m.summary:
        yield Violation("không tìm thấy trích yếu (dòng in đậm căn giữa ngay dưới tên loại)", m.title)
        return
    text = vn.nfc(" ".join(b.text.strip() for b in m.summary))
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and text == vn.upper(text):
        yield Violation("trích yếu viết in hoa toàn bộ; phải viết chữ thường (chỉ hoa chữ đầu và tên riêng)",
                        m.summary[0])
    for block in m.summary:
        if any(f.caps for f in formats(m, block)):
            yield Violation("trích yếu định dạng All Caps; phải viết chữ thường", block)
        yield from style_problems(m, block, p, "Trích yếu")
        if first(m, block).size_pt != first(m, m.title).size_pt:
            yield Violation("cỡ chữ trích yếu khác cỡ chữ tên loại", block, case="size_differs")


@check("summary_rule", titled)
def summary_rule(m: DocModel, p: dict) -> Result:
    if not m.summary:
        return
    # A trích yếu typed in a one-cell table: its line is looked for in reading order, cell included.
    in_table = m.summary[-1].table is not None
    yield from line_rule(m, m.summary, m.section_blocks(1, tables=in_table), p, "trích yếu")


@check("letter_subject", lambda m: m.doc_type.key == "cong_van")
def letter_subject(m: DocModel, p: dict) -> Result:
    """Công văn: "V/v …" under the number, size 12-13, upright, centred (Phụ lục I, II.5c)."""
    yield from header_line(m, SUBJECT.pattern, "công văn thiếu trích yếu “V/v …” dưới số, ký hiệu",
                           "Trích yếu công văn", p, lambda text: None)


@check("division_titles")
def division_titles(m: DocModel, p: dict) -> Result:
    """Phần, Chương (Phụ lục I, II.6c): "Chương I" on its own line, centred, upright, bold, in lower
    case with a Roman number; its name just below, centred, upright, bold, in capitals."""
    for label, name in m.parts.divisions:
        words = vn.nfc(label.text.strip()).split()
        number = words[-1]
        if words[0].isupper():
            yield Violation(f"từ “{words[0].capitalize()}” viết in thường (chỉ hoa chữ đầu)", label)
        if words[0].lower() in ("phần", "chương") and not number.strip(".").isupper():
            spelled = len(words) > 1 and words[1].lower() == "thứ"  # "Phần thứ nhất": usual in reports
            yield Violation(f"số thứ tự của phần, chương dùng chữ số La Mã: «{' '.join(words)}»", label,
                            case="words" if spelled else None)
        yield from style_problems(m, label, p, "Phần, chương")
        if name is None:
            yield Violation("thiếu tên phần, chương (dòng in hoa ngay dưới)", label)
        else:
            yield from style_problems(m, name, {**p, "caps": True}, "Tên phần, chương")


@check("urgency_marks")
def urgency_marks(m: DocModel, p: dict) -> Result:
    """Dấu mức độ khẩn, mật (Phụ lục I, II.11): in capitals, bold, size 13-14."""
    for block in m.parts.marks:
        if block.text.strip().startswith(("DỰ THẢO", "BẢN SAO")):
            continue
        yield from style_problems(m, block, p, "Dấu mức độ khẩn, mật")
