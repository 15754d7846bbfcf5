"""Which kind of document this is (NĐ 30/2020 Phụ lục I, bảng chữ viết tắt tên loại), so that each rule
applies only where it belongs: "KẾ HOẠCH" and "/KH-UBND" are expected of a plan, not of a letter.

Recognised from the type title ("QUYẾT ĐỊNH"), else the abbreviation in the number ("Số: 12/QĐ-UBND"),
else the marks of an official letter (a "V/v" subject, a number without a type: "Số: 123/UBND-VX").
A Party document (Hướng dẫn 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" at the top) follows other rules and is
reported as out of scope. `drafter check --type` overrides the guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class DocType:
    key: str
    name: str  # the type title as printed, e.g. "KẾ HOẠCH"; "" for a letter
    abbr: str  # in the number: "Số: 05/KH-UBND"; "" for a letter

    @property
    def label(self) -> str:
        return {"cong_van": "Công văn", "ban_sao": "Bản sao", "phu_luc": "Phụ lục", "dang": "Văn bản của Đảng",
                "khac": "Không xác định"}.get(self.key) or self.name.capitalize()


#: Phụ lục I of NĐ 30/2020 (chữ viết tắt tên loại văn bản hành chính), and the kinds without a type title.
TYPES = tuple(DocType(k, n, a) for k, n, a in (
    ("nghi_quyet", "NGHỊ QUYẾT", "NQ"), ("quyet_dinh", "QUYẾT ĐỊNH", "QĐ"), ("chi_thi", "CHỈ THỊ", "CT"),
    ("quy_che", "QUY CHẾ", "QC"), ("quy_dinh", "QUY ĐỊNH", "QYĐ"), ("thong_cao", "THÔNG CÁO", "TC"),
    ("thong_bao", "THÔNG BÁO", "TB"), ("huong_dan", "HƯỚNG DẪN", "HD"), ("chuong_trinh", "CHƯƠNG TRÌNH", "CTr"),
    ("ke_hoach", "KẾ HOẠCH", "KH"), ("phuong_an", "PHƯƠNG ÁN", "PA"), ("de_an", "ĐỀ ÁN", "ĐA"),
    ("du_an", "DỰ ÁN", "DA"), ("bao_cao", "BÁO CÁO", "BC"), ("bien_ban", "BIÊN BẢN", "BB"),
    ("to_trinh", "TỜ TRÌNH", "TTr"), ("hop_dong", "HỢP ĐỒNG", "HĐ"), ("cong_dien", "CÔNG ĐIỆN", "CĐ"),
    ("ban_ghi_nho", "BẢN GHI NHỚ", "BGN"), ("ban_thoa_thuan", "BẢN THỎA THUẬN", "BTT"),
    ("giay_uy_quyen", "GIẤY ỦY QUYỀN", "GUQ"), ("giay_moi", "GIẤY MỜI", "GM"),
    ("giay_gioi_thieu", "GIẤY GIỚI THIỆU", "GGT"), ("giay_nghi_phep", "GIẤY NGHỈ PHÉP", "GNP"),
    ("phieu_gui", "PHIẾU GỬI", "PG"), ("phieu_chuyen", "PHIẾU CHUYỂN", "PC"), ("phieu_bao", "PHIẾU BÁO", "PB"),
    ("cong_van", "", ""), ("ban_sao", "", ""), ("phu_luc", "", ""), ("dang", "", ""), ("khac", "", ""),
))
BY_KEY = {t.key: t for t in TYPES}
BY_NAME = {t.name: t for t in TYPES if t.name}
BY_ABBR = {t.abbr: t for t in TYPES if t.abbr}
PARTY = re.compile(r"^ĐẢNG CỘNG SẢN VIỆT NAM$")
COPY = re.compile(r"^(SAO Y(\s+BẢN CHÍNH)?|SAO LỤC|TRÍCH SAO)$")
NUMBER = re.compile(r"^Số\s*:\s*[^/\s]*\s*/\s*(?P<sign>[^\s]+)")
SUBJECT = re.compile(r"^V/v\b")


def squeeze(text: str) -> str:
    """Upper-case NFC text with single spaces and the tone marks where NĐ 30 puts them ("KẾ  HOẠCH"
    typed with two spaces, or "QUYẾT ĐỊNH" with old-style "UỶ", still names its type)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).strip()).upper()
    for old, new in (("HOÀ", "HÒA"), ("UỶ", "ỦY"), ("THOẢ", "THỎA")):
        text = text.replace(old, new)
    return text


def type_of_title(text: str) -> DocType | None:
    return BY_NAME.get(squeeze(text)) if text.strip() else None


def guess(lines: list[str], title: str | None, tail: list[str] = ()) -> DocType:
    """The type from the first lines of the document (header, title, subject), its title line, and
    its last lines (where a copy carries its "SAO Y" block)."""
    upper = [squeeze(t) for t in lines]
    if any(PARTY.match(t) for t in upper[:12]):
        return BY_KEY["dang"]
    if any(COPY.match(squeeze(t)) for t in [*lines, *tail]):
        return BY_KEY["ban_sao"]
    if title and type_of_title(title):
        return type_of_title(title)
    for text in lines:
        found = NUMBER.match(text.strip())
        if found:
            abbr = found["sign"].split("-")[0]
            if abbr in BY_ABBR:
                return BY_ABBR[abbr]
            return BY_KEY["cong_van"]
    if any(SUBJECT.match(t.strip()) for t in lines):
        return BY_KEY["cong_van"]
    if lines and re.match(r"^(Phụ lục|PHỤ LỤC)\b", lines[0].strip()):
        return BY_KEY["phu_luc"]
    return BY_KEY["khac"]


def names() -> list[str]:
    return [t.key for t in TYPES]
