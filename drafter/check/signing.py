"""The signing block (ô 7) and "Nơi nhận" (ô 9b), found the ways offices lay them out.

Drafter writes a two-column table: "Nơi nhận:" and its list on the left, the authority lines and the
signer's name on the right. Offices also write
- the same table nested inside the left cell of an outer one (the right cell left empty);
- one paragraph per printed line, "Nơi nhận:" and "KT. CHỦ TỊCH" on the same line split by tabs;
- the whole list, or "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name", in one paragraph broken by line breaks;
- the signer's name typed just below the table.
So the block is read as printed lines (check/pieces.py: a paragraph, or the part of one between line breaks or
on one side of a tab gap), and each line is judged by its own runs. Recipients are the "- …" lines
after "Nơi nhận:"; authority lines and the name are what prints beside or after them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from docx.oxml.ns import qn

from .doctype import squeeze
from .located import Located, Para, TableInfo
from .pieces import Piece, is_dash, pieces

AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*\S|^(T/M|K/T)\b")
RECIPIENTS_LABEL = re.compile(r"^Nơi\s+nhận\b", re.IGNORECASE)
#: ô 12 of NĐ 30 (ký hiệu người soạn thảo, số bản): "Sonnk/QĐ06.T9/50b", "PL.(300)" under the Lưu line.
DRAFTER_MARK = re.compile(r"^[^\s-][^\s]{0,29}$")
#: Lines that may follow a signing table and are not a signer's name.
NOT_A_NAME = re.compile(r"^(Phụ lục|PHỤ LỤC|Biểu|Mẫu|Danh sách|Ghi chú)\b")


@dataclass
class SigningBlock:
    """The signing block: authority lines and the signer's name, "Nơi nhận:" and the recipients."""

    authority: list[Para]
    name: Para | None
    label: Para | None
    recipients: list[Para]
    table: TableInfo | None = None

    @property
    def lines(self) -> list[Para]:
        return [*self.authority, *([self.name] if self.name else [])]

    @property
    def start(self) -> int:
        numbers = [b.number for b in [*self.lines, *([self.label] if self.label else []), *self.recipients]]
        return min(numbers) if numbers else 10**9


# --- the block -----------------------------------------------------------------------------------

def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _office(text: str) -> bool:
    """An authority or title line: "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC" (upper case, short)."""
    text = text.strip()
    return bool(AUTHORITY.match(text)) or (text == squeeze(text) and any(c.isalpha() for c in text)
                                           and len(text) <= 60 and not is_dash(text))


def _after_luu(recipients: list[Piece], text: str) -> bool:
    """An ô 12 mark ("Sonnk/QĐ06.T9/50b") typed under the "- Lưu" line: not a recipient."""
    return bool(recipients) and bool(re.match(r"^-\s*Lưu\b", recipients[-1].text.strip())) \
        and bool(DRAFTER_MARK.match(text))


def _recipients(items: list[Piece]) -> list[Piece]:
    """The lines of the "Nơi nhận" cell after the label, without an ô 12 mark under "- Lưu"."""
    out: list[Piece] = []
    for piece in items:
        if not _after_luu(out, piece.text.strip()):
            out.append(piece)
    return out


def _continues(previous: Piece, text: str) -> bool:
    """A recipient wrapped onto a second line: the first does not end one, the second goes on in
    lower case or with a bracket (a signer's name starts with a capital)."""
    return not previous.text.rstrip().endswith((";", ".")) and text[:1].islower() or text.startswith("(")


def _classify(found: list[Piece]) -> tuple[Piece | None, list[Piece], list[Piece]]:
    """(label, recipients, signing lines) of the lines of one container, in print order: after
    "Nơi nhận:" the "- …" lines are recipients, what prints to their right (a tab gap) signs."""
    label = next((p for p in found if RECIPIENTS_LABEL.match(p.text.strip())), None)
    recipients: list[Piece] = []
    lines: list[Piece] = []
    listing = False
    for piece in found:
        text = piece.text.strip()
        if piece is label:
            listing = True
            continue
        if listing:
            if is_dash(text):
                recipients.append(piece)
                continue
            if piece.side == "right":
                lines.append(piece)
                continue
            if recipients and _continues(recipients[-1], text):
                recipients.append(piece)
                continue
            if _after_luu(recipients, text):
                continue
            listing = False
        lines.append(piece)
    return label, recipients, lines


def _split_lines(lines: list[Para]) -> tuple[list[Para], Para | None]:
    """Authority lines and the name: the last line, unless it is a title (the name is then missing)."""
    if lines and not _office(lines[-1].text):
        return lines[:-1], lines[-1]
    return lines, None


def _container(block: Para):
    """The innermost table cell holding the paragraph (nested tables have cells of their own)."""
    return next(block.paragraph._p.iterancestors(qn("w:tc")), None)


def _in_table(m: Located, info: TableInfo) -> SigningBlock | None:
    if not any(RECIPIENTS_LABEL.match(line) or AUTHORITY.match(line)
               for b in info.blocks for line in map(_nfc, b.text.split("\n"))):
        return None  # a table of content: no line starts like the block
    groups: dict[object, list[Para]] = {}
    for b in info.blocks:
        groups.setdefault(_container(b), []).append(b)
    per = {key: [p for b in blocks for p in pieces(m, b, False)] for key, blocks in groups.items()}
    label_key = next((k for k, found in per.items() if found and RECIPIENTS_LABEL.match(found[0].text.strip())), None)
    others = [k for k, found in per.items() if k != label_key and found]
    if label_key is None and not any(AUTHORITY.match(p.text.strip()) for k in others for p in per[k]):
        return None
    if label_key is not None and not others:  # one cell holds both: read it as printed lines
        blocks = groups[label_key]
        label, recipients, lines = _classify([p for b in blocks for p in pieces(m, b, True)])
    else:
        found = per[label_key] if label_key is not None else []
        label = found[0] if found else None
        listed = [k for k in others if label is not None and is_dash(per[k][0].text)]  # the list in a row below
        recipients = _recipients([*found[1:], *(p for k in listed for p in per[k])])
        lines = [p for k in others if k not in listed for p in per[k]]
    authority, name = _split_lines(lines)
    if name is None and authority:
        name = _name_below(m, info)
    return SigningBlock(authority, name, label, recipients, info)


def _name_below(m: Located, info: TableInfo) -> Piece | None:
    """The signer's name typed in the first paragraph below the signing table: a short name in
    bold, or pushed under the signature with tabs or spaces."""
    last = info.blocks[-1].number
    after = next((b for b in m.section_blocks(info.section) if b.number > last and b.text.strip()), None)
    found = pieces(m, after, False) if after is not None else []
    if len(found) != 1:
        return None
    line, text = found[0], found[0].text.strip()
    looks = (len(text) <= 50 and len(text.split()) <= 7 and text[0].isupper() and not _office(text)
             and not re.search(r"\d|[.:;,]$", text) and not NOT_A_NAME.match(text))
    placed = all(f.bold for f in line.run_formats(m.resolver)) or line.text[:1].isspace()
    return line if looks and placed else None


def _in_paragraphs(m: Located, section: int) -> SigningBlock | None:
    """After the body's closing "./." (or from the first authority line or "Nơi nhận" near the end)."""
    tail = [b for b in m.section_blocks(section) if b.text.strip()][-30:]
    if not tail:
        return None
    closing = max((i for i, b in enumerate(tail) if b.text.rstrip().endswith("./.")), default=None)
    if closing is not None:
        region = tail[closing + 1:]
    else:
        first = next((i for i, b in enumerate(tail) if AUTHORITY.match(_nfc(b.text))
                      or RECIPIENTS_LABEL.match(_nfc(b.text))), None)
        if first is None:
            return None
        region = tail[first:]
    found = [p for b in region if not m.is_rule(b) for p in pieces(m, b, True)]
    label, recipients, lines = _classify(found)
    if not lines and label is None:
        return None
    authority, name = _split_lines(lines)
    return SigningBlock(authority, name, label, recipients)


def _main_sections(m: Located) -> list[int]:
    """The sections of the document itself: up to the first that opens with a "Phụ lục" label."""
    out = [1]
    for s in range(2, len(m.sections) + 1):
        first = m.appendix_label(s)
        if first is not None and re.match(r"^(Phụ lục|PHỤ LỤC)\b", first.text.strip()):
            break
        out.append(s)
    return out


def find_signature(m: Located) -> SigningBlock | None:
    """The last signing table of the document's own sections, else its closing paragraphs; and
    "Nơi nhận" wherever it is typed near the end when it is not beside the signature."""
    sections = _main_sections(m)
    found = None
    for section in sections:
        found = _in_section(m, section)
        if found:
            break
    if found is None or found.label is None:
        loose = _loose_label(m, sections)
        if loose is not None:
            found = found or SigningBlock([], None, None, [])
            found.label, found.recipients = loose
    return found


def _in_section(m: Located, section: int) -> SigningBlock | None:
    for info in reversed(m.section_tables(section)):
        found = _in_table(m, info)
        if found:
            return found
    return _in_paragraphs(m, section)


def _loose_label(m: Located, sections: list[int]) -> tuple[Piece, list[Piece]] | None:
    """The last "Nơi nhận:" line among the closing paragraphs and cells, and the "- …" lines after it."""
    blocks = [b for b in m.blocks if b.section in sections and b.text.strip()][-80:]
    start = next((i for i in reversed(range(len(blocks)))
                  if any(RECIPIENTS_LABEL.match(_nfc(line)) for line in blocks[i].text.split("\n"))), None)
    if start is None:
        return None
    home = _container(blocks[start])
    region = [b for b in blocks[start:] if _container(b) is home]
    label, recipients, _ = _classify([p for b in region for p in pieces(m, b, True)])
    return (label, recipients) if label is not None else None
