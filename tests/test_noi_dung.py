"""`drafter check` rule set noi_dung (ND1-ND4): the words of a plan, on any plan.

Each rule fires on a seeded fault in a small document and keeps quiet on the language's real
repetitions and on the three real plans (the one finding there is a real typo, quoted below).
"""

import datetime as dt

import pytest
from docx import Document

from drafter.check import content_findings
from drafter.check.runner import DEFAULT_RULESETS, check_document
from drafter.inputs.registry import bundled
from tests.realplans import REAL_PLANS, as_docx

HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/KH-UBND")


def doc_with(tmp_path, *paragraphs, unit="THÀNH PHỐ HÀ NỘI", date_line="Hà Nội, ngày 20 tháng 12 năm 2026"):
    document = Document()
    for line in ("ỦY BAN NHÂN DÂN", unit, *HEADER, date_line, "KẾ HOẠCH", *paragraphs):
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    return path


def found(path, rule=None, **options):
    return [(f.rule, f.severity, f.message) for f in content_findings(path, **options)
            if f.severity != "not_evaluated" and (rule is None or f.rule == rule)]


def test_content_rules_run_by_default():
    assert "noi_dung" in DEFAULT_RULESETS


# --- ND1 -------------------------------------------------------------------------------------------


def test_a_phrase_typed_twice(tmp_path):
    path = doc_with(tmp_path, "Tuyên truyền về chủ quyền biển, đảo, biển, đảo của Việt Nam.",
                    "Thực hiện theo quy định tại quy định tại khoản 5 Điều 9.",
                    "Công khai thủ tục hành chính trên trên Cổng thông tin điện tử của của tỉnh.")
    nd1 = found(path, "ND1")
    assert [(s, m.split(" lặp")[0]) for _, s, m in nd1] == [
        ("error", "“biển, đảo”"), ("error", "“quy định tại”"), ("warning", "“trên”"), ("warning", "“của”")]


@pytest.mark.parametrize("text", [
    "Gắn ngoại giao văn hóa, văn hóa đối ngoại với thông tin đối ngoại.",
    "Các đoàn phóng viên nước ngoài, phóng viên nước ngoài thường trú tại Việt Nam.",
    "Thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước.",
    "Ngày Việt Nam trở thành thành viên Liên hợp quốc; xử lý hành vi vi phạm.",
    "Báo chí trong nước, nước ngoài; định hướng, hướng dẫn nội dung; người người, nhà nhà thi đua.",
    "Từng bước, càng ngày càng; dần dần nâng cao; mục 1.1.1 và 2025 - 2025.",
    "Nội dung do các đơn vị đề xuất - các đơn vị cho ý kiến. Phát triển. Phát triển bền vững.",
    "IV. KINH PHÍ THỰC HIỆN Kinh phí thực hiện Kế hoạch do ngân sách bảo đảm.",
    "Quảng bá hình ảnh Cao Bằng bằng nhiều thứ tiếng.",
])
def test_the_languages_own_repetitions_are_not_reported(tmp_path, text):
    assert found(doc_with(tmp_path, text), "ND1") == []


# --- ND2 -------------------------------------------------------------------------------------------


def test_the_city_named_without_its_common_noun(tmp_path):
    path = doc_with(tmp_path, "Quảng bá hình ảnh Hồ Chí Minh ra thế giới.",
                    "Tăng cường quan hệ giữa Hồ Chí Minh và các địa phương nước bạn.",
                    "Hồ Chí Minh là trung tâm kinh tế.",
                    "Ủy ban nhân dân thành phố Hồ Chí Minh ban hành Kế hoạch.",
                    unit="THÀNH PHỐ HỒ CHÍ MINH", date_line="Thành phố Hồ Chí Minh, ngày 20 tháng 12 năm 2026")
    nd2 = found(path, "ND2")
    assert [s for _, s, _ in nd2] == ["error", "error", "warning", "error"]
    assert "chỉ Chủ tịch Hồ Chí Minh" in nd2[0][2] and "«Thành phố Hồ Chí Minh»" in nd2[3][2]


@pytest.mark.parametrize("text", [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh.",
    "Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh; Đảng Cộng sản Việt Nam và Chủ tịch Hồ Chí Minh; Lăng Chủ tịch Hồ Chí Minh.",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh, Đội Thiếu niên Tiền phong Hồ Chí Minh, Đoàn TNCS Hồ Chí Minh.",
    "Bảo tàng Hồ Chí Minh, Học viện Chính trị quốc gia Hồ Chí Minh, Huân chương Hồ Chí Minh, Giải thưởng Hồ Chí Minh.",
    "Chiến dịch Hồ Chí Minh, đường mòn Hồ Chí Minh, Hội Truyền thống Trường Sơn - Đường Hồ Chí Minh tỉnh Lâm Đồng.",
    "Ma túy từ TP Hồ Chí Minh, TP. Hồ Chí Minh và Thành phố Hồ Chí Minh; Ho Chi Minh City.",
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH; lãnh tụ Nguyễn Ái Quốc - Hồ Chí Minh; Di chúc của Chủ tịch Hồ Chí Minh.",
])
def test_the_presidents_name_and_things_named_after_him_pass(tmp_path, text):
    assert found(doc_with(tmp_path, text), "ND2") == []


# --- ND3 -------------------------------------------------------------------------------------------


def test_border_and_sea_duties_in_a_province_without_them(tmp_path):
    path = doc_with(tmp_path, "Tăng cường thông tin đối ngoại với các địa phương nước bạn có chung đường biên giới.",
                    "Phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh tuyên truyền.",
                    "Tuyên truyền cho ngư dân trên địa bàn về khai thác hợp pháp.",
                    "Gửi UBND các xã, phường, đặc khu.",
                    "Tuyên truyền chủ quyền biển, đảo, biên giới, lãnh thổ quốc gia; các vấn đề biển, đảo của Việt Nam.",
                    "Việt Nam có chung đường biên giới với Lào, Campuchia, Trung Quốc; APEC tại đặc khu Phú Quốc.")
    nd3 = found(path, "ND3")
    assert [s for _, s, _ in nd3] == ["warning"] * 4
    assert "thành phố Hà Nội không có đường biên giới trên đất liền" in nd3[0][2]
    assert "Bộ đội Biên phòng" in nd3[1][2] and "ngư dân trên địa bàn" in nd3[2][2] and "đặc khu" in nd3[3][2]
    coastal = doc_with(tmp_path, "Phối hợp Ban Chỉ huy Bộ đội Biên phòng tỉnh; tuyên truyền cho ngư dân trên địa bàn.",
                       unit="TỈNH KHÁNH HÒA")
    assert found(coastal, "ND3") == []


def test_ethnic_minority_duties_only_where_the_registry_says_none(tmp_path, monkeypatch):
    path = doc_with(tmp_path, "Thông tin đối ngoại vùng đồng bào dân tộc thiểu số và miền núi.")
    unit = bundled().find("ha-noi")
    monkeypatch.delitem(unit.data, "ethnic_minorities", raising=False)
    assert found(path, "ND3") == []  # not recorded: not judged
    monkeypatch.setitem(unit.data, "ethnic_minorities", False)
    assert [r for r, _, _ in found(path, "ND3")] == ["ND3"]


def test_an_unknown_or_merged_province_is_not_evaluated(tmp_path):
    unknown = doc_with(tmp_path, "Bộ đội Biên phòng tỉnh.", unit="TỈNH BÌNH THUẬN")
    assert [(f.rule, f.severity) for f in content_findings(unknown) if f.rule == "ND3"] == [("ND3", "not_evaluated")]
    before = doc_with(tmp_path, "Khu vực biên giới của tỉnh.", unit="TỈNH BẮC NINH",
                      date_line="Bắc Ninh, ngày 05 tháng 3 năm 2025")
    assert [f.severity for f in content_findings(before) if f.rule == "ND3"] == ["not_evaluated"]
    assert [f.severity for f in content_findings(before, date=dt.date(2026, 1, 5)) if f.rule == "ND3"] == ["warning"]


# --- ND4 -------------------------------------------------------------------------------------------


def test_one_body_given_two_items(tmp_path):
    path = doc_with(tmp_path, "III. TỔ CHỨC THỰC HIỆN", "1. Sở Văn hóa và Thể thao", "Chủ trì, hướng dẫn.",
                    "2. Văn phòng Ủy ban nhân dân thành phố", "Chủ trì cung cấp thông tin.",
                    "3. Văn phòng UBND thành phố", "Phối hợp tổ chức họp báo.",
                    "4. Sở Văn hóa và Thể thao: phối hợp kiểm tra.",
                    "5. Các sở, ban, ngành", "6. Các sở, ngành khác", "IV. KINH PHÍ THỰC HIỆN",
                    "1. Sở Văn hóa và Thể thao")
    nd4 = found(path, "ND4")
    assert [s for _, s, _ in nd4] == ["error", "error"]
    assert "«Văn phòng Ủy ban nhân dân thành phố» và «Văn phòng UBND thành phố» là một cơ quan" in nd4[0][2]
    assert "cùng tên" in nd4[1][2]


# --- real plans and drafts ---------------------------------------------------------------------------

needs_plans = pytest.mark.skipif(not all(p.exists() for p in REAL_PLANS.values()),
                                 reason="shared/reference is not beside the repository")


@needs_plans
@pytest.mark.parametrize("name", sorted(REAL_PLANS))
def test_real_plans_raise_no_false_alarm(tmp_path, name):
    """On their own dates and as if issued in 2026 (when the registry's units apply). The Nghệ An
    plan does repeat itself: «triển khai thực hiện thực hiện Kết luận số 57-KL/TW»."""
    path = as_docx(name, tmp_path)
    for date in (None, dt.date(2026, 1, 5)):
        report = check_document(path, "noi_dung", date=date)
        lines = [f.line() for f in report.findings if f.severity != "not_evaluated"]
        if name == "nghe-an-978":
            assert len(lines) == 1 and "“thực hiện” lặp liền hai lần" in lines[0], lines
        else:
            assert lines == []


def test_a_draft_checked_through_the_library_function(tmp_path, catalogue):
    """content_findings takes api.build_plan's bytes: what a suite runs over every draft."""
    from drafter import api
    from drafter.inputs.profile import load_profile

    data, _ = api.build_plan(load_profile("ha-noi-2026", catalogue), kind="annual", year=2027,
                             date=dt.date(2026, 12, 20), catalogue=catalogue)
    # Hà Nội's office once had two items («Văn phòng Ủy ban nhân dân thành phố», «Văn phòng UBND
    # thành phố»); drafts now spell one body once, and the library function finds nothing.
    assert content_findings(data) == []
