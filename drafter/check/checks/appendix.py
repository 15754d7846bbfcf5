"""A rules: an appendix mentioned in the body, its label, title, "(Kèm theo …)" line and page numbers."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from ...text import vn
from ..model import Block, DocModel
from .base import Result, Violation, check, has_own_frame
from .helpers import has_page_field, style_problems


@check("appendix_mentioned", has_own_frame)  # an appendix issued on its own is mentioned elsewhere
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
            yield Violation("thiếu dòng “(Kèm theo <tên loại> số … ngày … của …)” dưới tên phụ lục",
                            appendix_next(m, section, 0))
            continue
        text = vn.nfc(block.text.strip())
        pattern = p["regex"] if m.doc_type.key == "ke_hoach" else p.get("other_regex", p["regex"])
        if not re.fullmatch(pattern, text):
            yield Violation(f"dòng “Kèm theo” sai mẫu: «{text}»", block)
        date = re.search(r"ngày (\d+) tháng (\d+)", text)
        if date and not (re.fullmatch(r"0[1-9]|[12]\d|3[01]", date.group(1))
                         and re.fullmatch(r"0[12]|[3-9]|1[0-2]", date.group(2))):
            yield Violation("ngày tháng trong dòng “Kèm theo” sai quy tắc số 0", block)
        yield from style_problems(m, block, p, "Dòng “Kèm theo”")


@check("appendix_numbering")
def appendix_numbering(m: DocModel, p: dict) -> Result:
    for section in m.appendix_sections:
        if section == 1:
            continue  # an appendix issued on its own numbers its pages like any document
        s = m.sections[section - 1]
        pg = s._sectPr.find(qn("w:pgNumType"))
        if pg is None or pg.get(qn("w:start")) != "1":
            yield Violation(f"phần {section} (phụ lục) không đánh số trang lại từ 1", appendix_next(m, section, 0))
        if not has_page_field(s.header._element):
            yield Violation(f"phần {section} (phụ lục) không có số trang ở đầu trang", appendix_next(m, section, 0))
