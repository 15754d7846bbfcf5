"""X rules: what would otherwise leave part of a document silently unchecked, and what is out of scope.

Text inside pending tracked insertions is not part of the paragraphs python-docx (and so every other
rule) reads; content embedded as altChunk (an HTML or RTF file inside the DOCX) is not read at all; a
style that inherits from itself has no defined format; a macro-enabled or edit-protected file is read
but a reviewer should know. Each becomes a finding or a "không đánh giá được" line naming why.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from ..model import DocModel
from .base import Result, Unknown, Violation, check
from .helpers import headers_and_footers

REVISIONS = ("w:ins", "w:del", "w:moveFrom", "w:moveTo")


def _parts(m: DocModel):
    """The body and every header and footer part, each once."""
    yield m.doc.element
    for _, part in headers_and_footers(m):
        yield part._element


@check("document_scope")
def document_scope(m: DocModel, p: dict) -> Result:
    kind = m.doc_type
    if kind.key == "dang":
        yield Unknown("văn bản của Đảng (“ĐẢNG CỘNG SẢN VIỆT NAM”): thể thức theo Hướng dẫn 36-HD/VPTW, ngoài phạm vi "
                      "NĐ 30/2020; các quy tắc thể thức khác không áp dụng")
    elif kind.key == "khac":
        yield Unknown("không xác định được loại văn bản (tên loại, số ký hiệu, “V/v”); các quy tắc riêng của từng "
                      "loại không áp dụng; dùng --type để nêu loại")


@check("tracked_changes")
def tracked_changes(m: DocModel, p: dict) -> Result:
    counts = {tag: 0 for tag in REVISIONS}
    for element in _parts(m):
        for tag in REVISIONS:
            counts[tag] += sum(1 for _ in element.iter(qn(tag)))
    total = sum(counts.values())
    if total:
        inserted = counts["w:ins"] + counts["w:moveTo"]
        yield Violation(f"văn bản còn {total} thay đổi chưa chấp nhận (Track Changes: {inserted} chèn, "
                        f"{total - inserted} xóa): chữ trong phần chèn chưa được kiểm tra; chấp nhận hoặc từ chối "
                        "mọi thay đổi rồi kiểm tra lại")


@check("embedded_content")
def embedded_content(m: DocModel, p: dict) -> Result:
    chunks = [el for element in _parts(m) for el in element.iter(qn("w:altChunk"))]
    if chunks:
        targets = []
        for el in chunks:
            rel = m.doc.part.rels.get(el.get(qn("r:id")))
            targets.append(rel.target_ref if rel is not None else "?")
        yield Violation(f"có {len(chunks)} nội dung nhúng (altChunk: {', '.join(targets[:3])}) không được kiểm tra: "
                      "Word chỉ chuyển chúng thành văn bản khi mở; hãy mở, lưu lại bằng Word rồi kiểm tra")


@check("protection")
def protection(m: DocModel, p: dict) -> Result:
    if getattr(m, "macro_kind", None):
        yield Violation(f"tệp Word có macro (.{m.macro_kind}): drafter chỉ đọc nội dung, không chạy macro; văn bản "
                        "hành chính nên lưu dạng .docx")
    settings = m.doc.settings.element
    guard = settings.find(qn("w:documentProtection"))
    if guard is not None and guard.get(qn("w:enforcement")) in ("1", "true", "on"):
        mode = guard.get(qn("w:edit")) or "không rõ"
        yield Violation(f"văn bản bị khóa chỉnh sửa (documentProtection, chế độ {mode}): người rà soát không sửa "
                        "trực tiếp được; đã kiểm tra nội dung hiện có")


@check("style_cycle")
def style_cycle(m: DocModel, p: dict) -> Result:
    """Each style is walked once (a style already walked is never walked again), so a chain of
    thousands of styles costs thousands of steps, not their square (2,000 styles took 20 s)."""
    styles = m.resolver.styles
    parent = {}
    for style_id, element in styles.items():
        based = element.find(qn("w:basedOn"))
        parent[style_id] = based.get(qn("w:val")) if based is not None else None
    done: set[str] = set()
    for start in styles:
        path: list[str] = []
        at: dict[str, int] = {}
        style_id = start
        while style_id in styles and style_id not in done and style_id not in at:
            at[style_id] = len(path)
            path.append(style_id)
            style_id = parent[style_id]
        if style_id in at:
            loop = path[at[style_id]:] + [style_id]
            shown = " → ".join(loop) if len(loop) <= 12 else " → ".join(loop[:10]) + f" → … ({len(loop) - 1} kiểu)"
            yield Violation(f"kiểu (style) kế thừa vòng tròn: {shown}; định dạng của đoạn dùng các kiểu này "
                            "chỉ lấy được đến chỗ lặp")
        done.update(path)
