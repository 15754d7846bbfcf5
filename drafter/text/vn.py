"""Vietnamese text rules, in one place.

Every rule here comes from Nghị định 30/2020/NĐ-CP Phụ lục I (see shared/reference/nd30-format.md):
dates with the leading-zero rule (H9), điểm letters in Vietnamese alphabetical order (§2.6),
Roman numerals for mục, upper-casing that keeps diacritics, NFC normalisation and removal of
characters XML cannot hold. Keeping them together means the drafter, the checker and the tests
agree on one definition.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True)
class UnitName:
    """How a provincial-level unit is named in running text, so no sentence glues a common noun to
    a name by itself.

    NĐ 30/2020 Phụ lục II: a unit named after a person or a number capitalises its common noun
    ("Thành phố Hồ Chí Minh", "Quận 1"), in the full name and when the text refers to itself
    ("trên địa bàn Thành phố"). Such a name never stands alone either: "Hồ Chí Minh" alone names
    the President, so where other units print their bare name ("hình ảnh Hà Nội") it prints the
    full one.
    """

    name: str
    level: str  # "tỉnh" | "thành phố"
    named_after_person: bool = False

    @property
    def proper_noun_rule(self) -> bool:
        return self.named_after_person or self.name[:1].isdigit()

    @property
    def common_noun(self) -> str:
        """ "tỉnh", "thành phố"; "Thành phố" for Thành phố Hồ Chí Minh: how the unit calls itself."""
        return capitalize_first(self.level) if self.proper_noun_rule else self.level

    @property
    def full(self) -> str:
        """ "tỉnh Lào Cai", "thành phố Hà Nội", "Thành phố Hồ Chí Minh"."""
        return f"{self.common_noun} {self.name}"

    @property
    def alone(self) -> str:
        """The name where a sentence uses it without a common noun ("quảng bá hình ảnh Lào Cai")."""
        return self.full if self.proper_noun_rule else self.name

    @property
    def party(self) -> str:
        return party_committee(self.level)


_ABBREVIATIONS = ((re.compile(r"\bUBND\b", re.I), "Ủy ban nhân dân"),
                  (re.compile(r"\bHĐND\b", re.I), "Hội đồng nhân dân"),
                  (re.compile(r"\bMTTQ\b", re.I), "Mặt trận Tổ quốc"),
                  (re.compile(r"uỷ", re.I), "ủy"))


def body_key(name: str) -> str:
    """One key per body however it is written: "Văn phòng UBND thành phố" and "Văn phòng Ủy ban
    nhân dân Thành phố" name one office, and a plan must give it one item, not two."""
    text = nfc(name)
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return " ".join(text.casefold().split())


_LEVEL_PAIRS = (("Tỉnh ủy", "Thành ủy"), ("tỉnh", "thành phố"), ("TỈNH", "THÀNH PHỐ"), ("Tỉnh", "Thành phố"))
_LEVEL_WORDS = {
    ("tỉnh", "thành phố"): tuple((re.compile(rf"\b{a}\b"), b) for a, b in _LEVEL_PAIRS),
    ("thành phố", "tỉnh"): tuple((re.compile(rf"\b{b}\b"), a) for a, b in _LEVEL_PAIRS),
}


def relevel(name: str, old: str, new: str) -> str:
    """A unit's own agency or recipient name after its level changed ("Công an tỉnh" → "Công an
    thành phố", "Ban Tuyên giáo và Dân vận Tỉnh ủy" → "… Thành ủy"): these names say the unit's
    level only to mean the unit itself."""
    for pattern, word in _LEVEL_WORDS.get((old, new), ()):
        name = pattern.sub(word, name)
    return name


#: How people type a date for drafter: YYYY-MM-DD, the month and day with or without a leading zero.
_DATE_FORM = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_EXAMPLE = "2026-03-09"


def date_problem(text: str) -> str | None:
    """What is wrong with a typed date, in Vietnamese, or None when it is a real day.

    A date in the right form that does not exist says why ("ngày 30/02/2026 không có: tháng 2 năm
    2026 có 28 ngày"), not that the form is wrong: the person typed the form, just not a real day."""
    found = _DATE_FORM.fullmatch(str(text).strip())
    if not found:
        return f"{str(text)!r} không phải ngày dạng YYYY-MM-DD (ví dụ {DATE_EXAMPLE})"
    year, month, day = (int(part) for part in found.groups())
    shown = f"ngày {day_text(day)}/{month_text(month)}/{year}"
    if not 1 <= month <= 12:
        return f"{shown} không có: tháng phải từ 1 đến 12"
    if not year:
        return f"{shown} không có: năm phải từ 1"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{shown} không có: tháng {month} năm {year} có {days} ngày"
    return None


def parse_date(text: str) -> dt.date:
    """A typed YYYY-MM-DD date (the CLI's --date and --on, the web page's date fields); ValueError
    with date_problem's message otherwise. The one place dates typed by people are read."""
    problem = date_problem(text)
    if problem:
        raise ValueError(problem)
    year, month, day = (int(part) for part in _DATE_FORM.fullmatch(str(text).strip()).groups())
    return dt.date(year, month, day)


def thousands(number: int) -> str:
    """ "5.009": Vietnamese groups thousands with a dot."""
    return f"{number:,}".replace(",", ".")


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
