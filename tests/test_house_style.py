"""House style and facts a province's drafter knows (issue 10): each option changes what a real
plan of that province would change, the defaults keep today's output, and body and appendix
agree whatever the style."""

import dataclasses
import datetime as dt
import re

import pytest
from docx import Document

from drafter import api
from drafter.errors import ProfileError
from drafter.inputs.profile import load_profile
from drafter.plan.duties import numbers_phrase
from tests.conftest import make_draft


def styled(profile_file, minimal_profile, catalogue, **style):
    minimal_profile["style"] = style
    return load_profile(profile_file(minimal_profile), catalogue)


def blocks(draft, style=None):
    return [b for b in draft.context["body"] if style is None or b["style"] == style]


def texts(draft, style=None):
    return [b["text"] for b in blocks(draft, style)]


@pytest.mark.parametrize("kind", ["nq47", "annual"])
def test_without_appendix_the_docx_has_no_appendix_and_the_body_does_not_cite_one(
        catalogue, profile_file, minimal_profile, kind):
    profile = styled(profile_file, minimal_profile, catalogue, appendix=False)
    data, draft = api.build_plan(profile, kind=kind, year=2027, date=dt.date(2027, 1, 15), catalogue=catalogue)
    assert draft.plan.appendix is None
    assert not any("Phụ lục" in t for t in texts(draft))
    path = profile_file(minimal_profile).with_suffix(".docx")
    path.write_bytes(data)
    document = Document(str(path))
    assert len(document.tables) == 2 and len(document.sections) == 1
    assert document.sections[0].header.paragraphs  # page numbers from page 2 survive the move


def test_nq47_without_appendix_lists_each_lead_agencys_tasks_in_prose(catalogue, profile_file, minimal_profile):
    profile = styled(profile_file, minimal_profile, catalogue, appendix=False)
    draft = make_draft(catalogue, "nq47", profile, year=2027)
    body = texts(draft)
    lead = body.index(next(t for t in body if t.endswith("Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện:")))
    lines = body[lead + 1:lead + 4]
    assert all(t.startswith("- ") and t.endswith(";") and "(thời gian:" in t for t in lines)
    assert not any(re.search(r"nhiệm vụ số \d", t) for t in body)


def test_section_one_heading_opening_and_closing_forms(catalogue, profile_file, minimal_profile):
    default = make_draft(catalogue, "nq47", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    assert "I. MỤC TIÊU, YÊU CẦU" in texts(default, "muc")
    assert texts(default, "can_cu")[0].startswith("Căn cứ Nghị quyết số 47/NQ-CP")
    assert texts(default)[-1].startswith("Trong quá trình thực hiện")

    profile = styled(profile_file, minimal_profile, catalogue, section_one="muc_dich", purpose_split=True,
                     opening="thuc_hien", closing="tren_day", kl57_basis=True, lead_duties=True)
    draft = make_draft(catalogue, "nq47", profile, year=2027)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts(draft, "muc")
    assert [t for t in texts(draft, "khoan_title")][:2] == ["1. Mục đích", "2. Yêu cầu"]
    assert not texts(draft, "can_cu")
    opening = texts(draft, "para")[0]
    assert opening.startswith("Thực hiện Kết luận số 57-KL/TW") and "; Nghị quyết số 47/NQ-CP" in opening
    assert opening.endswith("như sau:")
    assert texts(draft)[-1].startswith("Trên đây là Kế hoạch triển khai thực hiện Nghị quyết số 47/NQ-CP")
    assert "(thông qua Sở Văn hóa, Thể thao và Du lịch tổng hợp)" in texts(draft)[-1]
    section_three = texts(draft)[texts(draft).index("III. TỔ CHỨC THỰC HIỆN") + 1]
    assert section_three == "1. Sở Văn hóa, Thể thao và Du lịch"  # its own duties, first


def test_style_for_one_kind_only(catalogue, profile_file, minimal_profile):
    minimal_profile["style_for"] = {"annual": {"appendix": False}}
    profile = load_profile(profile_file(minimal_profile), catalogue)
    assert make_draft(catalogue, "annual", profile, year=2027).plan.appendix is None
    assert make_draft(catalogue, "nq47", profile, year=2027).plan.appendix is not None


def test_unknown_style_is_refused_in_vietnamese(catalogue, profile_file, minimal_profile):
    minimal_profile["style"] = {"section_one": "muc_luc"}
    with pytest.raises(ProfileError) as err:
        load_profile(profile_file(minimal_profile), catalogue)
    assert "style.section_one" in str(err.value)


@pytest.mark.parametrize("form, lines", [("tm", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]), ("ca_nhan", ["CHỦ TỊCH"])])
def test_signer_form(catalogue, profile_file, minimal_profile, form, lines):
    minimal_profile["signer"] = {"capacity": "chu_tich", "form": form}
    draft = make_draft(catalogue, "nq47", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    assert draft.context["signature"]["lines"] == lines


def test_deputy_signing_in_own_name_keeps_kt(catalogue, profile_file, minimal_profile):
    minimal_profile["signer"] = {"capacity": "pho_chu_tich", "form": "ca_nhan"}
    draft = make_draft(catalogue, "nq47", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    assert draft.context["signature"]["lines"] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_extra_agencies_get_their_own_item(catalogue, profile_file, minimal_profile):
    minimal_profile["extra_agencies"] = [
        {"name": "Liên hiệp các tổ chức hữu nghị tỉnh", "prefix": "Đề nghị",
         "duties": ["Phát huy vai trò các hội hữu nghị trong quảng bá hình ảnh {ten_tinh}"]}]
    draft = make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    body = texts(draft)
    at = body.index(next(t for t in body if t.endswith("Đề nghị Liên hiệp các tổ chức hữu nghị tỉnh")))
    assert body[at + 1] == "- Phát huy vai trò các hội hữu nghị trong quảng bá hình ảnh Thử Nghiệm."


def test_optional_roles_named_in_a_text_drop_that_text_with_one_notice(catalogue, profile_file, minimal_profile):
    minimal_profile["border"] = {"countries": ["Lào"]}  # a border province that names no border guard
    draft = make_draft(catalogue, "nq47", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    assert not any("Bộ đội Biên phòng" in t or "{border_guard}" in t for t in texts(draft))
    assert sum("border_guard" in n and "bỏ qua" in n for n in draft.notices) == 1


def test_partners_are_grouped_by_country_with_no_bracket_inside_a_bracket():
    from drafter.plan.values import partners_phrase

    assert partners_phrase(("Khăm Muồn (Lào)", "Savannakhet (Lào)", "Salavan (Lào)")) == (
        "Khăm Muồn, Savannakhet và Salavan của Lào")
    assert partners_phrase(("Vân Nam (Trung Quốc)", "Phông Sa Lỳ (Lào)")) == "Vân Nam của Trung Quốc; Phông Sa Lỳ của Lào"


def test_the_provinces_own_anniversaries_are_named_only_when_it_has_some(catalogue, profile_file, minimal_profile):
    plain = " ".join(texts(make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue),
                                      year=2027)))
    assert "ngày kỷ niệm của đất nước trong năm 2027" in plain and "và của tỉnh trong năm" not in plain
    minimal_profile["anniversaries"] = [{"date": dt.date(1972, 5, 1), "event": "Ngày Giải phóng tỉnh", "label": "VERIFIED"}]
    own = " ".join(texts(make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue),
                                    year=2027)))
    assert "ngày kỷ niệm của đất nước và của tỉnh trong năm 2027" in own
    assert "55 năm Ngày Giải phóng tỉnh (01/5/1972 - 01/5/2027)" in own


def test_border_partners_and_ethnic_languages(catalogue, profile_file, minimal_profile):
    minimal_profile["border"] = {"countries": ["Lào"], "partners": ["tỉnh Xiêng Khoảng (Lào)"]}
    minimal_profile["ethnic_minorities"] = True
    minimal_profile["ethnic_languages"] = ["Thái", "Mông"]
    joined = " ".join(texts(make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue),
                                       year=2027)))
    assert "các địa phương nước bạn có chung đường biên giới (tỉnh Xiêng Khoảng của Lào)" in joined
    assert "bằng tiếng Thái, Mông phục vụ đồng bào dân tộc thiểu số" in joined


def test_deadlines_are_data_with_defaults_and_a_notice(catalogue, profile_file, minimal_profile):
    draft = make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    assert "trước ngày 10/11/2027" in texts(draft)[-1]
    assert any(n.startswith("Hạn báo cáo năm (10/11) là mặc định") for n in draft.notices)
    minimal_profile["reporting"] = {"annual_deadline": "05/12", "plans_deadline": "31/01",
                                    "half_year_deadline": "15/6"}
    own = make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    joined = " ".join(texts(own))
    assert "trước ngày 5/12/2027" in joined and "trước ngày 31/1/2027" in joined and "trước ngày 15/6/2027" in joined
    assert not any("là mặc định" in n for n in own.notices)


def test_numbers_phrase_is_plural_only_for_plurals():
    assert numbers_phrase(["2.1"]) == "nhiệm vụ số 2.1"
    assert numbers_phrase(["2.1", "3.4"]) == "các nhiệm vụ số 2.1, 3.4"


@pytest.mark.parametrize("profile_id, kind, year", [("lam-dong-2024", "nq47", 2024), ("dak-lak-2026", "annual", 2027),
                                                    ("nghe-an-2023", "nq47", 2024), ("phu-tho-2026", "annual", 2027)])
def test_body_and_appendix_agree(catalogue, profile_id, kind, year):
    """Every task the body gives an agency is a row with that number, that agency leading, and
    every leading agency is told (no agency gets work the body does not mention). For NQ 47 with the
    house style that lists each agency's task numbers in III (`assignments`)."""
    profile = load_profile(profile_id, catalogue)
    if kind == "nq47":
        style = {**profile.style, **profile.style_for.get(kind, {}), "assignments": True}
        profile = dataclasses.replace(profile, style_for={**profile.style_for, kind: style})
    draft = make_draft(catalogue, kind, profile, year=year)
    rows = {r["stt"]: r for r in draft.context["appendix"]["rows"] if not r["group"]}
    groups = [r for r in draft.context["appendix"]["rows"] if r["group"]]
    assert [g["stt"] for g in groups] == sorted({n.split(".")[0] for n in rows}, key=int)
    body = " ".join(texts(draft))
    cited = set(re.findall(r"(?<![\d.])(\d+\.\d+)(?=[,;. ])", " ".join(t for t in texts(draft) if "nhiệm vụ số" in t)))
    assert cited and cited <= set(rows)
    for number, row in rows.items():
        for lead in row["lead"].split(", "):
            if lead.lower().startswith(("các sở", "ubnd các", "các cơ quan")):
                continue
            assert lead.lower() in body.lower(), f"{number}: {lead} leads a task the body never gives it"
    if kind == "nq47":  # the khoản of II carry the appendix groups' numbers and titles
        for group in groups:
            assert any(t.startswith(f"{group['stt']}. {group['text']}") for t in texts(draft, "khoan_title"))


def test_a_merged_bodys_tasks_go_to_the_body_that_took_it_over(catalogue):
    """Since 2025 most provinces merged newspaper and radio-TV: a radio-TV task goes to the merged
    newspaper, not to the TTĐN lead, and needs no notice."""
    profile = load_profile("dak-lak-2026", catalogue)
    assert "radio_tv" not in profile.agencies
    draft = make_draft(catalogue, "nq47", profile, year=2027)
    row = next(r for r in draft.context["appendix"]["rows"] if r["id"] == "g5.foreign-language")
    assert row["lead"] == profile.agencies["newspaper"]
    assert not any("g5.foreign-language" in n for n in draft.notices)


def test_ethnic_minority_areas_are_a_fact_of_the_province_not_of_its_agencies(catalogue, profile_file, minimal_profile):
    minimal_profile["as_of"] = dt.date(2026, 3, 1)  # after the 2025 reform
    minimal_profile["agencies"]["ethnic"] = "Sở Dân tộc và Tôn giáo"
    unstated = make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    assert "vùng đồng bào dân tộc thiểu số" not in " ".join(texts(unstated))
    assert any("không có phần thông tin đối ngoại vùng đồng bào dân tộc thiểu số" in n for n in unstated.notices)
    minimal_profile["ethnic_minorities"] = True
    stated = make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    assert "vùng đồng bào dân tộc thiểu số" in " ".join(texts(stated))
    assert not any("vùng đồng bào dân tộc thiểu số" in n for n in stated.notices)
