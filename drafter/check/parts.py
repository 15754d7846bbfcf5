"""The parts of an administrative document, found by what they are, not by where drafter puts them.

Offices lay out the same parts in different ways: the header as a two-column table or as plain
paragraphs (agency first, or Quốc hiệu first), "Số" and the place-date line inside the table or just
below it, the signature and "Nơi nhận" as a table or as paragraphs. Each part is recognised by its
words and shape; a part that is not there is None or empty, and the rules say it is absent. Body text
is never promoted into a header, a title or an appendix that the document does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import vn
from .doctype import DocType, guess, squeeze, type_of_title
from .located import Located, Para, TableInfo
from .signing import SigningBlock, find_signature

QUOC_HIEU = re.compile(r"^CỘNG H[OÒ][AÀ] XÃ HỘI")
TIEU_NGU = re.compile(r"^Độc lập\b")
NUMBER = re.compile(r"^Số\s*:")
PLACE_DATE = re.compile(r",\s*ngày\b.*\btháng\b.*\bnăm\b")
SUBJECT = re.compile(r"^V/v\b")
#: Urgency, secrecy and draft marks (NĐ 30 Phụ lục I, II.10-11): printed apart, never body or title.
MARK = re.compile(r"^(HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KHẨN|MẬT|TỐI MẬT|TUYỆT MẬT|DỰ THẢO(\s+\d+)?|BẢN SAO)$")
DIVISION = re.compile(r"^(Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+([IVXLC]+|\d+|thứ\b|THỨ\b)")
APPENDIX_LABEL = re.compile(r"^(Phụ lục|PHỤ LỤC)\b")
#: The lines a decision's form puts between the căn cứ and the articles, or above the căn cứ:
#: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" (the issuer, Mẫu 1.1) and "QUYẾT ĐỊNH:" (the type name and a colon).
FORM_LINE = re.compile(r"^[A-ZĐÀ-Ỹ ]{4,40}:$")
#: A body label ("II.", "3.", "1.2.", "c)"): a numbered heading is body text, not a centred heading.
LABEL = re.compile(r"^([IVXLC]+\.|\d+(\.\d+)*\.|[a-zđ]\))\s")
HEADER_SCAN = 14  # non-empty lines at the top where a header made of paragraphs can sit


@dataclass
@dataclass
class Appendix:
    """One appendix: its "Phụ lục" line and the non-empty paragraphs under it (outside tables).
    `own_section` is False for an appendix typed on after the signature in the main section, which
    therefore cannot number its pages from 1."""

    label: Para
    blocks: list[Para]
    own_section: bool


@dataclass
class Parts:
    doc_type: DocType
    header_table: TableInfo | None = None
    header_blocks: list[Para] = field(default_factory=list)
    title: Para | None = None
    summary: list[Para] = field(default_factory=list)
    marks: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    signature: SigningBlock | None = None
    appendix_sections: list[int] = field(default_factory=list)
    divisions: list[tuple[Para, Para | None]] = field(default_factory=list)  # ("Chương I", its title)
    opening: list[Para] = field(default_factory=list)  # an appendix document's label, title, "(Kèm theo …)"
    headings: list[Para] = field(default_factory=list)  # centred lines in the body that are not body text
    appendices: list[Appendix] = field(default_factory=list)

    @property
    def has_header(self) -> bool:
        return bool(self.header_blocks)


def find_parts(m: Located, forced: DocType | None = None) -> Parts:
    top = [b for b in m.section_blocks(1) if b.text.strip()]
    header_table = _header_table(m)
    header = _header(m, header_table, top)
    title = _title(m, header, top)
    lines = [b.text for b in (header + ([title] if title else []) + top[:20])]
    doc_type = forced or guess(lines, title.text if title else None, [b.text for b in m.blocks[-40:]])
    parts = Parts(doc_type, header_table, header, title)
    parts.summary = _summary(m, title) if title else []
    marks = {b.number: b for b in [*header, *top[:HEADER_SCAN + 6]] if MARK.match(squeeze(b.text))}
    parts.marks = [marks[n] for n in sorted(marks)]  # in the header table, or just below it
    parts.signature = find_signature(m)
    first = 2
    if doc_type.key == "phu_luc":  # an appendix issued on its own: its label, title and "(Kèm theo …)" open it
        first = 1
        parts.opening = [b for b in top[:4] if APPENDIX_LABEL.match(b.text.strip()) or b.text.strip().startswith("(")
                         or (_caps_line(b.text) and b.number <= top[0].number + 3)]
    labels = {s: m.appendix_label(s) for s in range(first, len(m.sections) + 1)}
    parts.appendix_sections = [s for s, b in labels.items() if b is not None and APPENDIX_LABEL.match(b.text.strip())]
    inline = _inline_appendices(m, parts) if doc_type.key != "phu_luc" else []
    parts.body = _body(m, parts, inline[0].number if inline else 10**9)
    parts.appendices = _appendices(m, inline, [labels[s] for s in parts.appendix_sections])
    return parts


#: An appendix label alone on its line ("Phụ lục II", "PHỤ LỤC 1"), for appendices typed on in the main section.
APPENDIX_LINE = re.compile(r"^(Phụ lục|PHỤ LỤC)(\s+([IVXLC]+|\d+))?\.?$")


def _inline_appendices(m: Located, parts: Parts) -> list[Para]:
    """"Phụ lục" lines, centred, in the main section after the text (after the signing block when
    there is one): appendices that do not start a section of their own."""
    anchors = [*parts.header_blocks, *([parts.title] if parts.title else []), *parts.summary]
    start = parts.signature.start if parts.signature else max((b.number for b in anchors), default=0)
    return [b for b in m.section_blocks(1) if b.number > start and APPENDIX_LINE.match(vn.nfc(b.text.strip()))
            and m.resolver.para_format(b.paragraph).jc == "center"]


def _appendices(m: Located, inline: list[Para], own: list[Para]) -> list[Appendix]:
    labels = sorted([*inline, *own], key=lambda b: b.number)
    out = []
    for i, label in enumerate(labels):
        stop = labels[i + 1].number if i + 1 < len(labels) else 10**9
        blocks = [b for b in m.section_blocks(label.section) if label.number < b.number < stop and b.text.strip()]
        out.append(Appendix(label, blocks, label not in inline))
    return out


def _header_table(m: Located) -> TableInfo | None:
    """The table that opens the document, if it holds header lines (not a table of body content)."""
    for item in m.body_order:
        if isinstance(item, Para):
            if item.text.strip():
                return None
            continue
        if len(item.table.columns) < 2:
            return None
        texts = [b.text.strip() for b in item.blocks if b.text.strip()]
        known = any(QUOC_HIEU.match(squeeze(t)) or TIEU_NGU.match(t) or NUMBER.match(t) or PLACE_DATE.search(t)
                    for t in texts)
        return item if known else None
    return None


def _is_header_line(m: Located, block: Para) -> bool:
    text = block.text.strip()
    return bool(QUOC_HIEU.match(squeeze(text)) or TIEU_NGU.match(text) or NUMBER.match(text)
                or PLACE_DATE.search(text) or SUBJECT.match(text) or m.is_rule(block))


def _header(m: Located, table: TableInfo | None, top: list[Para]) -> list[Para]:
    if table is not None:
        blocks = [b for b in table.blocks if b.text.strip()]
        after = [b for b in m.section_blocks(1) if b.number > table.blocks[-1].number and b.text.strip()][:4]
        for block in after:  # "Số" and the place-date line may sit just below the table
            text = block.text.strip()
            if not (NUMBER.match(text) or PLACE_DATE.search(text) or SUBJECT.match(text)):
                break
            blocks.append(block)
        return blocks
    scan = top[:HEADER_SCAN]
    marked = [i for i, b in enumerate(scan) if _is_header_line(m, b) and not m.is_rule(b)]
    if not any(QUOC_HIEU.match(squeeze(scan[i].text)) or TIEU_NGU.match(scan[i].text.strip())
               or NUMBER.match(scan[i].text.strip()) for i in marked):
        return []  # no Quốc hiệu, Tiêu ngữ or number at the top: the document has no header
    last = marked[-1]
    # agency lines before the first marked line (agency first) or between them (Quốc hiệu first)
    return [b for b in scan[: last + 1] if _is_header_line(m, b) or _caps_line(b.text)]


def _caps_line(text: str, longest: int = 80) -> bool:
    text = text.strip()
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and text == squeeze(text) and len(text) <= longest and not MARK.match(text)


def _title(m: Located, header: list[Para], top: list[Para]) -> Para | None:
    """The type title ("KẾ HOẠCH", "QUYẾT ĐỊNH"…): a line that is exactly a type's name, just after
    the header (never an agency line, a signer's office or an urgency mark)."""
    start = max((b.number for b in header), default=0)
    after = [b for b in top if b.number > start and b.table is None][:8]
    return next((b for b in after if type_of_title(b.text)), None)


def _summary(m: Located, title: Para) -> list[Para]:
    """Trích yếu: the non-empty centred paragraphs right after the title, up to a rule or a blank.
    Blank lines just under the title come before it, and some offices put it in a one-cell table
    (to draw the rule under it as the cell's border)."""
    blocks = [b for b in m.section_blocks(1, tables=True) if b.table is None or _one_cell(m, b)]
    out: list[Para] = []
    for b in blocks[blocks.index(title) + 1:]:
        text = b.text.strip()
        if not text and not out and not m.is_rule(b) and b.number <= title.number + 3:
            continue  # blank lines between the title and the trích yếu
        if not text or m.is_rule(b) or text.startswith(("Căn cứ", "Thực hiện", "Kính gửi")):
            break
        if m.resolver.para_format(b.paragraph).jc != "center":
            break
        out.append(b)
    return out


def _one_cell(m: Located, block: Para) -> bool:
    info = m.tables[block.table]
    return len(info.table.rows) == 1 and len(info.table.columns) == 1


def _body(m: Located, parts: Parts, stop: int = 10**9) -> list[Para]:
    """Content paragraphs: after the header, title, trích yếu (and its rule) up to the signing block,
    without marks, "Kính gửi" lines, the titles of Phần/Chương/Mục, and the centred lines that are
    not body text (parts.headings: a decision's form lines, table captions, all-caps headings)."""
    anchors = [*parts.header_blocks, *([parts.title] if parts.title else []), *parts.summary, *parts.marks,
               *parts.opening]
    start = max((b.number for b in anchors), default=0)
    end = min(parts.signature.start if parts.signature else 10**9, stop)
    captions = _captions(m)
    out: list[Para] = []
    addressees = False
    previous_division = False
    for b in m.section_blocks(1):
        text = vn.nfc(b.text.strip())
        if b.number <= start or b.number >= end or not text or m.is_rule(b) or b in parts.marks:
            continue
        if text.startswith("Kính gửi"):
            addressees = True
            continue
        if addressees and text.startswith(("-", "+")) and len(text) < 150:
            continue
        addressees = False
        if DIVISION.match(text):
            previous_division = True
            parts.divisions.append((b, None))
            continue
        if previous_division and _caps_line(text, longest=300):  # a phần's name may take three lines
            previous_division = False
            parts.divisions[-1] = (parts.divisions[-1][0], b)
            continue
        previous_division = False
        if _heading(m, b, text) or b.number in captions:
            parts.headings.append(b)
            continue
        out.append(b)
    return out


def _heading(m: Located, block: Para, text: str) -> bool:
    """A decision's form line ("QUYẾT ĐỊNH:", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") or another centred
    all-caps line without a label: a heading the body rules (justified, indented) do not apply to."""
    if text == squeeze(text) and FORM_LINE.match(text):
        return True
    centred = m.resolver.para_format(block.paragraph).jc == "center"
    return centred and _caps_line(text) and not LABEL.match(text)



def _captions(m: Located) -> set[int]:
    """Centred one-line paragraphs just above a table: the table's caption, not body text. Read
    from the end, keeping what comes next, so this is one pass (a slice per paragraph made 100,000
    paragraphs cost 12 s)."""
    out: set[int] = set()
    following = None  # the next item that is not an empty paragraph
    for item in reversed(m.body_order):
        empty = isinstance(item, Para) and not item.text.strip()
        if not empty and isinstance(item, Para) and len(item.text.strip()) <= 120:
            if following is not None and not isinstance(following, Para):
                if m.resolver.para_format(item.paragraph).jc == "center":
                    out.add(item.number)
        if not empty:
            following = item
    return out
