"""Vietnamese text rules, in one place.

Every rule here comes from Nghị định 30/2020/NĐ-CP Phụ lục I (see shared/reference/nd30-format.md):
dates with the leading-zero rule (H9), điểm letters in Vietnamese alphabetical order (§2.6),
Roman numerals for mục, upper-casing that keeps diacritics, NFC normalisation and removal of
characters XML cannot hold. Keeping them together means the drafter, the checker and the tests
agree on one definition.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

#: Điểm letters: the decree's own text runs a b c d đ e g h i (no f); the continuation skips
#: f, j, w, z and the letters with diacritics (nd30-format.md §2.6).
DIEM_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

BLANK = "…"  # the visible blank a drafter fills in by hand

_XML_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]"
)
# Every Unicode space and line separator (\r, \n, \v, \f, NEL, U+2028/2029, no-break space…):
# a value is one paragraph, so they all become one ordinary space.
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_illegal(text: str) -> str:
    """NFC and no characters XML cannot hold; spacing left exactly as given."""
    return _XML_ILLEGAL.sub("", nfc(text))


def clean(text: str) -> str:
    """NFC, no XML-illegal characters, single spaces, no edge whitespace.

    Text pasted from PDFs and old Word files carries control characters that make Word refuse
    the file, and decomposed diacritics that compare unequal to the same word typed by hand.
    """
    text = _XML_ILLEGAL.sub("", nfc(text))
    return _SPACES.sub(" ", text).strip()


def upper(text: str) -> str:
    """Upper case for agency names and titles ("tỉnh Lâm Đồng" -> "TỈNH LÂM ĐỒNG").

    str.upper() is correct for Vietnamese (đ -> Đ, ơ -> Ơ); NFC keeps the tone mark on the
    precomposed letter so "HÒA" stays one character per letter.
    """
    return nfc(nfc(text).upper())


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only: a sentence or table cell that starts with a name."""
    text = nfc(text)
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def lower_first(text: str) -> str:
    """Lower-case the first letter when a sentence-initial phrase is used mid-sentence.

    Leaves acronyms ("UBND", "TT&TT") alone: only a capital followed by a lower-case letter
    is lowered.
    """
    text = nfc(text)
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def diem_letter(index: int) -> str:
    """The label of the index-th điểm (0-based): a, b, c, d, đ, e, g, h, i, k…"""
    if index < 0:
        raise ValueError("điểm index must be >= 0")
    if index < len(DIEM_LETTERS):
        return DIEM_LETTERS[index]
    # Past "y" (23 items) the decree gives no rule; doubling the letter keeps labels unique.
    return DIEM_LETTERS[index % len(DIEM_LETTERS)] * (index // len(DIEM_LETTERS) + 1)


_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def roman(number: int) -> str:
    if number <= 0:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, symbol in _ROMAN:
        while number >= value:
            out.append(symbol)
            number -= value
    return "".join(out)


def day_text(day: int) -> str:
    """Days below 10 get a leading zero (NĐ 30 Phụ lục I II.4)."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 get a leading zero; 3 to 12 never do ("tháng 6", not "tháng 06")."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, date: dt.date | None, year: int) -> str:
    """ "Lâm Đồng, ngày 13 tháng 6 năm 2024", or with visible blanks when no date is known."""
    if date is None:
        return f"{place}, ngày {BLANK} tháng {BLANK} năm {year}"
    return f"{place}, ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def date_phrase(date: dt.date | None, year: int) -> str:
    """ "ngày 13 tháng 6 năm 2024" for references inside the text (the appendix's Kèm theo)."""
    if date is None:
        return f"ngày {BLANK} tháng {BLANK} năm {year}"
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def short_date(date: dt.date) -> str:
    """ "15/4/2024", "02/9/1945": the short form inside the text, with the same zero rule as the date line."""
    return f"{day_text(date.day)}/{month_text(date.month)}/{date.year}"


def party_committee(level: str) -> str:
    """The party committee of a provincial-level unit: a centrally-run city has a Thành ủy."""
    return "Thành ủy" if level == "thành phố" else "Tỉnh ủy"


def join_names(names: list[str]) -> str:
    """Agencies in one table cell: "Sở A, Sở B, Báo X"."""
    return ", ".join(n for n in names if n)


def recipient_line(text: str, last: bool = False) -> str:
    """ "- Bộ X (b/c);" ... the last line "- Lưu: VT, NV1." (NĐ 30 Phụ lục I II.9d)."""
    body = clean(text).lstrip("-–• ").rstrip(" ;.")
    return f"- {body}{'.' if last else ';'}"


def ensure_final(text: str, mark: str) -> str:
    """End a paragraph with exactly one final mark (";", "." or "./.")."""
    body = text.rstrip()
    while body and body[-1] in ";.,:":
        if body.endswith("./."):
            body = body[:-3]
        else:
            body = body[:-1]
        body = body.rstrip()
    return body + mark


def slug(text: str) -> str:
    """ASCII file-name slug: "Lâm Đồng" -> "lam-dong"."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# Old tone placement ("hoà", "uỷ") puts the mark on the last vowel of "oa", "oe", "uy" when the
# syllable ends there; the placement NĐ 30's own text uses ("hòa", "ủy") puts it on the first.
# Both are seen in real documents, so text is compared with one placement.
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_])")


def fold_tones(text: str) -> str:
    """NFC text with "oà/oè/uỷ"-style tone marks moved to the first vowel ("hoà" -> "hòa",
    "Tỉnh uỷ" -> "Tỉnh ủy"); "quý" keeps its mark (u belongs to "qu"). Same length as the NFC text,
    so positions found in the result are positions in the text."""
    decomposed = unicodedata.normalize("NFD", nfc(text))
    moved = _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return nfc(moved)


_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[re.Match]:
    """The words of a text (runs of letters and digits), punctuation and spacing left out: each a
    match with its position, so a finding can quote the text as written."""
    return list(_WORD.finditer(text))


def name_key(text: str, abbreviations: dict[str, str] | None = None) -> str:
    """The form two spellings of one name share: abbreviations written out ("UBND" -> "ủy ban nhân
    dân"), one tone placement, lower case, single spaces, no edge punctuation."""
    text = fold_tones(text)
    for short, full in (abbreviations or {}).items():
        text = re.sub(rf"(?<![^\W_]){re.escape(short)}(?![^\W_])", full, text)
    return " ".join(fold_tones(text).lower().split()).strip(" ,.;:")
