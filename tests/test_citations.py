"""`drafter check` rule set trich_dan: citations judged on the document's own date (issue 9).

Seeded citations each fire their rule; the three real plans are checked on their own dates (where
everything they cite was in force) and as if re-issued in 2027; drafter's own current drafts give
no citation error or warning in 2026-2028.
"""

import datetime as dt

import pytest
from docx import Document
from typer.testing import CliRunner

from drafter import api
from drafter.check.runner import check_document
from drafter.cli import app
from drafter.inputs.profile import load_profile
from tests.realplans import REAL_PLANS, as_docx


def doc_with(tmp_path, *paragraphs, date_line="Hà Nội, ngày 15 tháng 6 năm 2026"):
    document = Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH THỬ")
    if date_line:
        document.add_paragraph(date_line)
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "van-ban.docx"
    document.save(str(path))
    return path


def findings(path, **options):
    report = check_document(path, "trich_dan", **options)
    return [(f.rule, f.severity, f.message) for f in report.findings]


def rules(path, **options):
    return {(rule, severity) for rule, severity, _ in findings(path, **options)}


def test_known_number_with_the_wrong_date_is_an_error(tmp_path):
    path = doc_with(tmp_path, "Căn cứ Thông tư số 22/2016/TT-BTTTT ngày 19/10/2012 của Bộ Thông tin và Truyền "
                              "thông hướng dẫn quản lý hoạt động thông tin đối ngoại;")
    found = findings(path)
    assert ("D3", "error", "Thông tư số 22/2016/TT-BTTTT ghi ngày 19/10/2012, đúng là ngày 19/10/2016") in found


def test_wrong_issuer_is_an_error_and_the_ministers_form_is_not(tmp_path):
    wrong = doc_with(tmp_path, "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Bộ Ngoại giao về quản lý;")
    assert ("D3", "error") in rules(wrong)
    right = doc_with(tmp_path, "Căn cứ Thông tư số 22/2016/TT-BTTTT ngày 19 tháng 10 năm 2016 của Bộ trưởng Bộ "
                               "Thông tin và Truyền thông hướng dẫn …;")
    assert ("D3", "error") not in rules(right)


def test_a_replaced_document_is_a_warning_naming_its_replacement(tmp_path):
    path = doc_with(tmp_path, "Triển khai Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính phủ.")
    found = findings(path)
    assert any(r == "D2" and s == "warning" and "nay dẫn Nghị định số 219/2025/NĐ-CP" in m for r, s, m in found)
    in_2024 = findings(path, date=dt.date(2024, 6, 13))
    assert not any("không còn hiệu lực" in m for _, _, m in in_2024)
    assert any("sửa đổi, bổ sung bởi Nghị định số 70/2023/NĐ-CP" in m for _, _, m in in_2024)


def test_an_amended_decree_cited_alone(tmp_path):
    path = doc_with(tmp_path, "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;",
                    date_line="Hà Nội, ngày 15 tháng 9 năm 2026")
    assert any("sửa đổi, bổ sung bởi Nghị định số 148/2026/NĐ-CP" in m for _, _, m in findings(path))
    both = doc_with(tmp_path, "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ, được sửa đổi, bổ "
                              "sung bởi Nghị định số 148/2026/NĐ-CP ngày 12/5/2026 của Chính phủ;",
                    date_line="Hà Nội, ngày 15 tháng 9 năm 2026")
    assert not any(r == "D2" for r, _, _ in findings(both))


def test_a_document_not_yet_issued_is_an_error(tmp_path):
    path = doc_with(tmp_path, "Triển khai Quyết định số 173/QĐ-TTg ngày 27/01/2026 của Thủ tướng Chính phủ.",
                    date_line="Hà Nội, ngày 10 tháng 12 năm 2025")
    assert ("D1", "error") in rules(path)
    unknown_future = doc_with(tmp_path, "Thực hiện Quyết định số 999/QĐ-UBND ngày 01/02/2030 của UBND tỉnh.")
    assert ("D1", "error") in rules(unknown_future)


def test_party_congress(tmp_path):
    old = doc_with(tmp_path, "đề ra tại Nghị quyết Đại hội XIII của Đảng.")
    assert ("D5", "warning") in rules(old)
    early = doc_with(tmp_path, "đề ra tại Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.",
                     date_line="Hà Nội, ngày 15 tháng 6 năm 2025")
    assert ("D5", "error") in rules(early)
    provincial = doc_with(tmp_path, "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX, nhiệm kỳ 2020 - 2025.")
    assert not any(r == "D5" for r, _, _ in findings(provincial))


@pytest.mark.parametrize("ordinal, expected", [("XIV", set()), ("XIII", set()), ("XII", {"warning"})])
def test_an_undated_text_may_cite_any_congress_of_its_year(tmp_path, ordinal, expected):
    """"ngày … tháng … năm 2026": the text can be signed on any day of 2026, before the XIV
    Congress's resolution (January) or after it, so either term is right; only one already
    replaced on 1 January is superseded. (D5 once called the XIV "superseded by the XIII".)"""
    path = doc_with(tmp_path, f"đề ra tại Nghị quyết Đại hội đại biểu toàn quốc lần thứ {ordinal} của Đảng.",
                    date_line="Hà Nội, ngày … tháng … năm 2026")
    assert {s for r, s, _ in findings(path) if r == "D5"} == expected


def test_a_body_that_no_longer_exists(tmp_path):
    path = doc_with(tmp_path, "Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với UBND các huyện, thị xã, "
                              "thành phố triển khai.",
                    "Căn cứ Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ trưởng Bộ Thông tin và Truyền "
                    "thông hướng dẫn …;")
    found = findings(path)
    d6 = [m for r, _, m in found if r == "D6"]
    assert any("“Sở Thông tin và Truyền thông” không còn từ 01/3/2025" in m for m in d6)
    assert any("không còn từ 01/7/2025" in m for m in d6)
    assert not any("Bộ Thông tin và Truyền thông" in m for m in d6)  # the issuer of TT 22 is not an actor
    assert not any(r == "D6" for r, _, _ in findings(path, date=dt.date(2024, 1, 5)))


def test_unknown_documents_are_not_evaluated_never_passed(tmp_path):
    path = doc_with(tmp_path, "Thực hiện Quyết định số 16/2017/QĐ-UBND ngày 17/3/2017 của UBND tỉnh Gia Lai.")
    found = findings(path)
    assert ("D4", "not_evaluated") in {(r, s) for r, s, _ in found}
    assert any("16/2017/QĐ-UBND không có trong dữ liệu" in m for _, _, m in found)


def test_without_a_date_the_rules_are_not_evaluated(tmp_path):
    path = doc_with(tmp_path, "Triển khai Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính phủ.", date_line=None)
    assert {s for r, s, _ in findings(path) if r in ("D1", "D2", "D5", "D6")} == {"not_evaluated"}
    assert ("D2", "warning") in rules(path, date=dt.date(2026, 1, 2))


def test_a_blank_day_is_judged_over_the_whole_year(tmp_path):
    path = doc_with(tmp_path, "Căn cứ Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ về …;",
                    date_line="Lâm Đồng, ngày … tháng … năm 2024")
    assert not any(r == "D1" for r, _, _ in findings(path))  # may well be dated after 15/4/2024


REAL_ON_OWN_DATE = {"gia-lai-516": 10, "nghe-an-978": 5, "lam-dong-4784": 3}


needs_plans = pytest.mark.skipif(not all(p.exists() for p in REAL_PLANS.values()),
                                 reason="shared/reference is not beside the repository")


@needs_plans
@pytest.mark.parametrize("name", sorted(REAL_PLANS))
def test_real_plans_on_their_own_date(tmp_path, name):
    """Every document the real plans cite was in force when they were issued; their own
    provincial documents are listed as not evaluated."""
    report = check_document(as_docx(name, tmp_path), "trich_dan")
    assert report.count("error") == 0 and report.count("warning") == 0, [f.line() for f in report.findings]
    assert report.count("not_evaluated") == REAL_ON_OWN_DATE[name]
    assert {f.rule for f in report.findings} == {"D4"}


@needs_plans
def test_real_plans_reissued_in_2027(tmp_path):
    """What a reviewer would be told if a 2023-2024 plan were copied into a 2027 one."""
    on = dt.date(2027, 1, 5)
    ld = findings(as_docx("lam-dong-4784", tmp_path), date=on)
    assert any(r == "D2" and "152/2020" in m and "219/2025" in m for r, _, m in ld)
    assert any(r == "D2" and "1719/QĐ-TTg" in m and "417/QĐ-BNNMT" in m for r, _, m in ld)
    assert any(r == "D5" and "XIII" in m for r, _, m in ld)
    assert any(r == "D6" and "Sở Thông tin và Truyền thông" in m for r, _, m in ld)
    gl = findings(as_docx("gia-lai-516", tmp_path), date=on)
    assert any(r == "D2" and "5740/BTTTT-TTĐN" in m for r, _, m in gl)
    assert any(r == "D2" and "148/2026" in m for r, _, m in gl)
    na = findings(as_docx("nghe-an-978", tmp_path), date=on)
    assert any(r == "D6" and "Bộ Thông tin và Truyền thông" in m for r, _, m in na)


@pytest.mark.slow  # 24 drafts checked: a sweep over three years and two dates
@pytest.mark.parametrize("kind", ["nq47", "annual"])
@pytest.mark.parametrize("pid", ["dak-lak-2026", "phu-tho-2026"])
def test_current_drafts_cite_correctly_in_2026_to_2028(tmp_path, catalogue, pid, kind):
    profile = load_profile(pid, catalogue)
    for year in (2026, 2027, 2028):
        for date in (dt.date(year - 1, 12, 20) if kind == "annual" else dt.date(year, 3, 2), None):
            data, _ = api.build_plan(profile, kind=kind, year=year, date=date, catalogue=catalogue)
            path = tmp_path / f"{pid}-{kind}-{year}.docx"
            path.write_bytes(data)
            report = check_document(path, "trich_dan")
            assert report.count("error") == report.count("warning") == 0, [f.line() for f in report.findings]


def test_cli_check_with_date_profile_and_rule_sets(tmp_path, catalogue):
    profile = load_profile("gia-lai-2023", catalogue)
    data, _ = api.build_plan(profile, kind="annual", year=2023, date=dt.date(2023, 3, 9), catalogue=catalogue)
    path = tmp_path / "gl.docx"
    path.write_bytes(data)
    runner = CliRunner()
    plain = runner.invoke(app, ["check", str(path)])
    assert plain.exit_code == 0 and "KHÔNG ĐÁNH GIÁ ĐƯỢC D4" in plain.stdout
    with_profile = runner.invoke(app, ["check", str(path), "--profile", "gia-lai-2023"])
    assert with_profile.exit_code == 0 and " D4 " not in with_profile.stdout
    later = runner.invoke(app, ["check", str(path), "--rules", "trich_dan", "--date", "2027-01-05",
                                "--profile", "gia-lai-2023"])
    assert later.exit_code == 0 and "CẢNH BÁO D2" in later.stdout and "6 quy tắc trich_dan" in later.stdout


def test_the_provincial_border_guard_command_is_a_ban_after_28_june_2025(tmp_path):
    """From 28/6/2025 the provincial Bộ Chỉ huy Bộ đội Biên phòng were dissolved and a Ban Chỉ huy
    under the Bộ Chỉ huy Quân sự tỉnh took over (bodies.yaml, nhandan.vn 28/6/2025)."""
    old = doc_with(tmp_path, "Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì, phối hợp.",
                   date_line="Hà Nội, ngày 15 tháng 12 năm 2026")
    said = [m for r, _, m in findings(old) if r == "D6"]
    assert any("“Bộ Chỉ huy Bộ đội Biên phòng tỉnh” không còn từ 28/6/2025; nay là Ban Chỉ huy Bộ đội Biên phòng "
               "tỉnh, trực thuộc Bộ Chỉ huy Quân sự tỉnh" in m for m in said), said
    assert not any(r == "D6" for r, _, _ in findings(old, date=dt.date(2025, 6, 27)))
    new = doc_with(tmp_path, "Ban Chỉ huy Bộ đội Biên phòng tỉnh chủ trì, phối hợp.",
                   date_line="Hà Nội, ngày 15 tháng 12 năm 2026")
    assert not any(r == "D6" for r, _, _ in findings(new))


def test_severity_is_the_rule_sets_own(tmp_path):
    """D5 reported a superseded congress as a warning while trich_dan.yaml said error: the check
    chose the severity. Now a check names the case and the rule set maps it."""
    import dataclasses

    from drafter.check.model import DocModel
    from drafter.check.runner import _findings, load_ruleset

    ruleset = load_ruleset("trich_dan")
    d5 = next(r for r in ruleset.rules if r.id == "D5")
    assert (d5.severity, d5.severity_of("superseded")) == ("error", "warning")
    strict = dataclasses.replace(ruleset, rules=(dataclasses.replace(d5, severities={}),))
    model = DocModel(Document(str(doc_with(tmp_path, "đề ra tại Nghị quyết Đại hội XIII của Đảng."))))
    assert {f.severity for f in _findings(model, strict)} == {"error"}


def test_merged_party_boards_and_the_old_border_guard_command(tmp_path):
    """Ban Tuyên giáo Tỉnh ủy (merged in 2025 on a date each province chose, by 30/6/2025 at the
    latest) and Bộ Chỉ huy Bộ đội Biên phòng tỉnh (dissolved 28/6/2025), in either tone placement;
    the merged board's own name is not the old one."""
    path = doc_with(tmp_path, "Giao Ban Tuyên giáo Tỉnh uỷ phối hợp Bộ Chỉ huy Bộ đội Biên phòng tỉnh tuyên truyền.",
                    "Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo; Ban Chỉ huy Bộ đội Biên phòng tỉnh thực hiện.")
    d6 = [m for r, _, m in findings(path) if r == "D6"]
    assert len(d6) == 2, d6
    board = next(m for m in d6 if "Ban Tuyên giáo Tỉnh ủy" in m)
    assert "“Ban Tuyên giáo Tỉnh ủy” không còn từ 01/7/2025 (muộn nhất)" in board and "Ban Tuyên giáo và Dân vận" in board
    assert any("“Bộ Chỉ huy Bộ đội Biên phòng tỉnh” không còn từ 28/6/2025" in m for m in d6), d6
    assert not any(r == "D6" for r, _, _ in findings(path, date=dt.date(2025, 6, 20)))


def test_a_law_cited_by_its_date_without_a_number(tmp_path):
    """The 2015 local government law, named by date only, is found and judged: replaced by Luật số
    72/2025/QH15 on a 2026 date, in force on a 2024 one; the 2025 law by date is not flagged."""
    path = doc_with(tmp_path, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                    "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                    "Căn cứ Luật Giá ngày 19 tháng 6 năm 2023;")
    found = findings(path)
    d2 = [m for r, s, m in found if r == "D2"]
    assert len(d2) == 1 and d2[0].startswith("Luật Tổ chức chính quyền địa phương ngày 19/6/2015 không còn hiệu lực")
    assert "nay dẫn Luật Tổ chức chính quyền địa phương số 72/2025/QH15" in d2[0]
    assert [m for r, _, m in found if r == "D4"] == [
        "Luật Giá ngày 19/6/2023 không có trong dữ liệu văn bản của drafter: chưa kiểm tra"]
    assert not any(r == "D2" for r, _, _ in findings(path, date=dt.date(2024, 5, 2)))
