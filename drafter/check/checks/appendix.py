"""A rules: an appendix mentioned in the body, its label, title, "(Kèm theo …)" line and page numbers."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from ...text import vn
from ..model import DocModel
from .base import Result, Violation, check, has_own_frame
from .helpers import has_page_field, in_range, pt, style_problems


@check("appendix_mentioned", has_own_frame)  # an appendix issued on its own is mentioned elsewhere
def appendix_mentioned(m: DocModel, p: dict) -> Result:
    """The text names its appendix (III.1a): anywhere before the first one (the body, or a
    regulation issued with the decision, which the appendices belong to)."""
    if not m.parts.appendices:
        return
    first_label = m.parts.appendices[0].label.number
    if not any("phụ lục" in vn.nfc(b.text).lower() for b in m.blocks if b.number < first_label):
        yield Violation("văn bản có phụ lục nhưng nội dung không nhắc tới phụ lục")


@check("appendix_label")
def appendix_label(m: DocModel, p: dict) -> Result:
    """"Phụ lục" + Roman number on its own line, lower case, 14 pt, bold, centred (III.1b)."""
    labels = []
    for appendix in m.parts.appendices:
        block = appendix.label
        text = vn.nfc(block.text.strip())
        if not re.fullmatch(p["regex"], text):
            if text.startswith("PHỤ LỤC"):
                yield Violation(f"chữ “Phụ lục” viết thường (chỉ hoa chữ P): «{text[:40]}»", block)
            elif re.search(r"\d", text[:12]):
                yield Violation(f"số thứ tự phụ lục dùng chữ số La Mã: «{text[:40]}»", block)
            else:
                yield Violation(f"phụ lục không mở đầu bằng dòng “Phụ lục”: «{text[:40]}»", block)
            continue
        labels.append(block)
        yield from style_problems(m, block, p, "“Phụ lục”")
    if len(labels) >= 2 and not all(re.fullmatch(r"Phụ lục [IVXLC]+", vn.nfc(b.text.strip())) for b in labels):
        yield Violation("có từ hai phụ lục trở lên thì đánh số bằng chữ số La Mã (Phụ lục I, II…)", labels[0])


@check("appendix_title")
def appendix_title(m: DocModel, p: dict) -> Result:
    """Title in capitals, bold, 13-14 pt, centred (III.1b). Some offices type the "(Kèm theo …)"
    line in the title's paragraph after a line break: only the part before it is the title."""
    for appendix in m.parts.appendices:
        block = appendix.blocks[0] if appendix.blocks else None
        if block is None or block.text.strip().startswith("(") or block.table is not None:
            continue  # no title: allowed
        if "\n(" not in block.text:
            yield from style_problems(m, block, p, "Tên phụ lục")
            continue
        title_runs = []
        for run in block.paragraph.runs:
            if "\n" in run.text or run._r.find(qn("w:br")) is not None:
                break
            title_runs.append(run)
        title = vn.nfc(block.text.split("\n")[0].strip())
        fmts = [m.resolver.run_format(block.paragraph, r) for r in title_runs if r.text.strip()]
        yield from run_problems(block, fmts, title, p, "Tên phụ lục")


def run_problems(block, fmts, text: str, p: dict, what: str) -> Result:
    """size / bold / caps of part of a paragraph (the runs given)."""
    if fmts and "size_pt" in p and not all(in_range(f.size_pt, p["size_pt"]) for f in fmts):
        sizes = sorted({f.size_pt for f in fmts if f.size_pt})
        yield Violation(f"{what}: cỡ chữ {', '.join(f'{s:g}' for s in sizes)} pt, cần {pt(p['size_pt'])}", block)
    if fmts and "bold" in p and not all(f.bold == p["bold"] for f in fmts):
        yield Violation(f"{what}: {'phải' if p['bold'] else 'không được'} in đậm", block)
    if p.get("caps") and text != vn.upper(text):
        yield Violation(f"{what}: phải viết in hoa", block)


def ref_line(appendix) -> tuple[object, str] | None:
    """The "(Kèm theo …)" line: a paragraph of its own among the first three, or the end of the
    title's paragraph after a line break."""
    for block in appendix.blocks[:3]:
        text = vn.nfc(block.text.strip())
        if text.startswith("("):
            return block, text
        if "\n(" in text:
            return block, text[text.index("\n(") + 1:].strip()
    return None


@check("appendix_ref")
def appendix_ref(m: DocModel, p: dict) -> Result:
    """"(Kèm theo <tên loại> số … ngày … của …)" under the title, italic, 13-14 pt (III.1c). The
    wording varies ("Ban hành kèm theo", "số:", a date left blank or in figures in a draft): a
    warning; a line that does not name the issuing body is an error."""
    for appendix in m.parts.appendices:
        found = ref_line(appendix)
        if found is None:
            yield Violation("thiếu dòng “(Kèm theo <tên loại> số … ngày … của …)” dưới tên phụ lục", appendix.label)
            continue
        block, text = found
        text = " ".join(text.split())
        if not re.search(p["issuer_regex"], text):
            yield Violation(f"dòng “Kèm theo” không nêu cơ quan ban hành (“của …”): «{text[:80]}»", block)
        else:
            pattern = p["regex"] if m.doc_type.key == "ke_hoach" else p.get("other_regex", p["regex"])
            if not re.fullmatch(pattern, text):
                yield Violation(f"dòng “Kèm theo” khác mẫu: «{text[:80]}»", block, case="wording")
        date = re.search(r"ngày (\d+) tháng (\d+)", text)
        if date and not (re.fullmatch(r"0[1-9]|[12]\d|3[01]", date.group(1))
                         and re.fullmatch(r"0[12]|[3-9]|1[0-2]", date.group(2))):
            yield Violation("ngày tháng trong dòng “Kèm theo” sai quy tắc số 0", block)
        if block.text.strip().startswith("("):
            yield from style_problems(m, block, p, "Dòng “Kèm theo”")
        else:  # after the title in one paragraph: the runs from the bracket on
            runs = block.paragraph.runs
            at = next((i for i, r in enumerate(runs) if "(" in r.text), len(runs))
            fmts = [m.resolver.run_format(block.paragraph, r) for r in runs[at:] if r.text.strip()]
            yield from run_problems(block, fmts, text, {k: p[k] for k in ("size_pt",) if k in p}, "Dòng “Kèm theo”")
            if fmts and not all(f.italic for f in fmts):
                yield Violation("Dòng “Kèm theo”: phải in nghiêng", block)


@check("appendix_numbering")
def appendix_numbering(m: DocModel, p: dict) -> Result:
    """Each appendix numbers its pages from 1 (III.1đ): a section of its own with the count restarted."""
    for appendix in m.parts.appendices:
        section = appendix.label.section
        if not appendix.own_section:
            yield Violation("phụ lục viết tiếp trong phần chính của văn bản nên không đánh số trang lại từ 1; "
                            "đặt phụ lục sang section mới, đánh số trang từ 1", appendix.label)
            continue
        if section == 1:
            continue  # an appendix issued on its own numbers its pages like any document
        s = m.sections[section - 1]
        pg = s._sectPr.find(qn("w:pgNumType"))
        if pg is None or pg.get(qn("w:start")) != "1":
            yield Violation(f"phần {section} (phụ lục) không đánh số trang lại từ 1", appendix.label)
        if not has_page_field(s.header._element):
            yield Violation(f"phần {section} (phụ lục) không có số trang ở đầu trang", appendix.label)
