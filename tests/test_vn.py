"""Vietnamese text rules (NĐ 30/2020 Phụ lục I): dates, điểm letters, numerals, case, NFC."""

import datetime as dt
import unicodedata

import pytest

from drafter.text import vn


@pytest.mark.parametrize(
    "date, expected",
    [
        (dt.date(2024, 6, 13), "Lâm Đồng, ngày 13 tháng 6 năm 2024"),
        (dt.date(2020, 1, 5), "Lâm Đồng, ngày 05 tháng 01 năm 2020"),
        (dt.date(2023, 2, 28), "Lâm Đồng, ngày 28 tháng 02 năm 2023"),
        (dt.date(2023, 3, 9), "Lâm Đồng, ngày 09 tháng 3 năm 2023"),  # Gia Lai 516 wrote "tháng 03": wrong
        (dt.date(2022, 9, 27), "Lâm Đồng, ngày 27 tháng 9 năm 2022"),  # not "tháng 09"
        (dt.date(2026, 12, 1), "Lâm Đồng, ngày 01 tháng 12 năm 2026"),
    ],
)
def test_date_line_follows_leading_zero_rule(date, expected):
    assert vn.date_line("Lâm Đồng", date, date.year) == expected


def test_date_line_without_date_leaves_visible_blanks():
    assert vn.date_line("Đắk Lắk", None, 2027) == "Đắk Lắk, ngày … tháng … năm 2027"


def test_months_three_to_twelve_never_have_leading_zero():
    assert [vn.month_text(m) for m in range(1, 13)] == ["01", "02"] + [str(m) for m in range(3, 13)]


def test_diem_letters_include_dd_and_skip_f():
    letters = [vn.diem_letter(i) for i in range(12)]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m"]
    assert "f" not in [vn.diem_letter(i) for i in range(23)]


def test_diem_letters_stay_unique_past_y():
    labels = [vn.diem_letter(i) for i in range(60)]
    assert len(set(labels)) == 60


@pytest.mark.parametrize("n, roman", [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman(n, roman):
    assert vn.roman(n) == roman


def test_upper_keeps_vietnamese_letters_precomposed():
    assert vn.upper("tỉnh Lâm Đồng") == "TỈNH LÂM ĐỒNG"
    assert vn.upper("thành phố Hồ Chí Minh") == "THÀNH PHỐ HỒ CHÍ MINH"
    assert vn.upper("đắk lắk") == "ĐẮK LẮK"
    assert unicodedata.is_normalized("NFC", vn.upper("hòa"))


def test_clean_normalises_to_nfc_and_strips_xml_illegal_characters():
    decomposed = unicodedata.normalize("NFD", "Sở Văn hóa")
    assert decomposed != "Sở Văn hóa"
    assert vn.clean(decomposed + "\x00\x0b\x1f  ") == "Sở Văn hóa"
    assert vn.clean("a \u00a0  b") == "a b"


def test_strip_illegal_keeps_deliberate_spacing():
    assert vn.strip_illegal("Số:      /KH-UBND\x07") == "Số:      /KH-UBND"


@pytest.mark.parametrize(
    "text, last, expected",
    [
        ("Bộ Văn hóa, Thể thao và Du lịch (b/c)", False, "- Bộ Văn hóa, Thể thao và Du lịch (b/c);"),
        ("- Công an tỉnh;", False, "- Công an tỉnh;"),
        ("Lưu: VT, KGVX", True, "- Lưu: VT, KGVX."),
        ("– Các sở, ban, ngành.", False, "- Các sở, ban, ngành;"),
    ],
)
def test_recipient_line_punctuation(text, last, expected):
    assert vn.recipient_line(text, last=last) == expected


@pytest.mark.parametrize(
    "text, mark, expected",
    [
        ("kết thúc", "./.", "kết thúc./."),
        ("kết thúc.", "./.", "kết thúc./."),
        ("kết thúc./.", "./.", "kết thúc./."),
        ("căn cứ;", ".", "căn cứ."),
        ("căn cứ.", ";", "căn cứ;"),
    ],
)
def test_ensure_final(text, mark, expected):
    assert vn.ensure_final(text, mark) == expected


def test_case_helpers():
    assert vn.capitalize_first("các sở, ban, ngành") == "Các sở, ban, ngành"
    assert vn.lower_first("Các sở, ban, ngành") == "các sở, ban, ngành"
    assert vn.lower_first("UBND các xã") == "UBND các xã"


def test_slug_is_ascii():
    assert vn.slug("Lâm Đồng") == "lam-dong"
    assert vn.slug("Đắk Lắk") == "dak-lak"
    assert vn.slug("Thành phố Hồ Chí Minh") == "thanh-pho-ho-chi-minh"


@pytest.mark.parametrize("raw", ["a\rb", "a\r\nb", "a\u2028b", "a\u2029b", "a\x85b", "a\tb", "a\u00a0b", "a\u3000b"])
def test_clean_folds_every_line_separator_into_one_space(raw):
    assert vn.clean(raw) == "a b"


def test_a_unit_named_after_a_person_capitalises_its_common_noun_and_never_stands_alone():
    hcm = vn.UnitName("Hồ Chí Minh", "thành phố", named_after_person=True)
    assert (hcm.full, hcm.common_noun, hcm.alone) == ("Thành phố Hồ Chí Minh", "Thành phố", "Thành phố Hồ Chí Minh")
    hanoi = vn.UnitName("Hà Nội", "thành phố")
    assert (hanoi.full, hanoi.common_noun, hanoi.alone) == ("thành phố Hà Nội", "thành phố", "Hà Nội")
    assert vn.UnitName("1", "quận").full == "Quận 1"  # the decree's other case: a name that is a number
    assert vn.UnitName("Lào Cai", "tỉnh").party == "Tỉnh ủy" and hcm.party == "Thành ủy"


def test_one_body_has_one_key_however_it_is_written():
    assert vn.body_key("Văn phòng UBND thành phố") == vn.body_key("Văn phòng Ủy ban nhân dân Thành phố")
    assert vn.body_key("Ủy ban MTTQ Việt Nam tỉnh") == vn.body_key("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")
    assert vn.body_key("Sở Nội vụ") != vn.body_key("Sở Ngoại vụ")


@pytest.mark.parametrize("text, expected", [
    ("2026-03-09", dt.date(2026, 3, 9)),
    ("2026-3-9", dt.date(2026, 3, 9)),
    (" 2024-02-29 ", dt.date(2024, 2, 29)),
])
def test_parse_date_reads_a_typed_date(text, expected):
    assert vn.parse_date(text) == expected and vn.date_problem(text) is None


@pytest.mark.parametrize("text, problem", [
    ("2026-02-30", "ngày 30/02/2026 không có: tháng 2 năm 2026 có 28 ngày"),
    ("2024-02-30", "ngày 30/02/2024 không có: tháng 2 năm 2024 có 29 ngày"),
    ("2026-04-31", "ngày 31/4/2026 không có: tháng 4 năm 2026 có 30 ngày"),
    ("2026-06-00", "ngày 00/6/2026 không có: tháng 6 năm 2026 có 30 ngày"),
    ("2026-13-01", "ngày 01/13/2026 không có: tháng phải từ 1 đến 12"),
    ("09/03/2026", "'09/03/2026' không phải ngày dạng YYYY-MM-DD (ví dụ 2026-03-09)"),
    ("2026-W10-1", "'2026-W10-1' không phải ngày dạng YYYY-MM-DD (ví dụ 2026-03-09)"),
    ("20260309", "'20260309' không phải ngày dạng YYYY-MM-DD (ví dụ 2026-03-09)"),
])
def test_a_date_that_does_not_exist_says_why(text, problem):
    assert vn.date_problem(text) == problem
    with pytest.raises(ValueError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        vn.parse_date(text)
