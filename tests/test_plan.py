"""What a plan says (drafter.plan), built from data without any DOCX."""

import datetime as dt
import re

import pytest

from drafter.inputs.profile import load_profile
from drafter.plan import plan_tasks
from drafter.text import vn
from tests.conftest import BUNDLED_IDS, make_draft, make_request


def build_draft(catalogue, kind, profile, *, year, date):
    return make_draft(catalogue, kind, profile, year=year, date=date)


def draft(catalogue, nq47, pid, year=2027, date=None):
    return build_draft(catalogue, nq47, load_profile(pid, catalogue), year=year, date=date).context


def texts(ctx, style=None):
    return [b["text"] for b in ctx["body"] if style is None or b["style"] == style]


def test_sections_in_order(catalogue, nq47):
    assert texts(draft(catalogue, nq47, "phu-tho-2026"), "muc") == [
        "I. MỤC TIÊU, YÊU CẦU", "II. NHIỆM VỤ VÀ GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN"]


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_no_placeholder_or_template_syntax_leaks(catalogue, nq47, pid):
    ctx = draft(catalogue, nq47, pid)
    everything = " ".join(texts(ctx)) + ctx["summary"] + " ".join(
        r["text"] + r["lead"] + r["partners"] for r in ctx["appendix"]["rows"])
    assert not re.search(r"[{}]|\[\[|\]\]", everything)


def test_diem_letters_run_a_to_h_with_dd(catalogue, nq47):
    ctx = draft(catalogue, nq47, "phu-tho-2026")
    body = ctx["body"]
    start = next(i for i, b in enumerate(body) if b["id"] == "g2")
    letters = []
    for block in body[start + 1:]:
        if block["style"] != "diem":
            if block["style"] in ("khoan_title", "muc"):
                break
            continue
        letters.append(block["text"].split(")")[0])
    assert len(letters) >= 8 and letters == list(vn.DIEM_LETTERS[:len(letters)])


def test_can_cu_punctuation_and_profile_bases(catalogue, nq47):
    ctx = draft(catalogue, nq47, "nghe-an-2023", year=2024)  # house style: a KL 57 căn cứ first
    bases = texts(ctx, "can_cu")
    assert len(bases) == 3
    assert bases[0].startswith("Căn cứ Kết luận số 57-KL/TW") and bases[0].endswith("(gọi tắt là Kết luận số 57-KL/TW);")
    assert bases[1].startswith("Căn cứ Nghị quyết số 47/NQ-CP") and bases[1].endswith(";")
    assert bases[2].startswith("Căn cứ Kế hoạch số 199-KH/TU") and bases[2].endswith(".")


def test_content_ends_with_closing_mark(catalogue, nq47):
    for pid in BUNDLED_IDS:
        assert texts(draft(catalogue, nq47, pid))[-1].endswith("./.")


def test_border_and_coastal_parts_only_where_they_apply(catalogue, nq47):
    border = draft(catalogue, nq47, "dak-lak-2026")
    inland = draft(catalogue, nq47, "phu-tho-2026")
    ids_border = {b["id"] for b in border["body"]} | {r["id"] for r in border["appendix"]["rows"]}
    ids_inland = {b["id"] for b in inland["body"]} | {r["id"] for r in inland["appendix"]["rows"]}
    for part in ("g3.border", "g3.border-information", "g4.coastal", "g4.sea-and-islands"):
        assert part in ids_border and part not in ids_inland
    assert any("Campuchia" in t for t in texts(border))


def test_border_gates_named_when_known(catalogue, nq47):
    ctx = draft(catalogue, nq47, "nghe-an-2023", year=2024)
    assert any("cửa khẩu quốc tế Nậm Cắn" in r["text"] for r in ctx["appendix"]["rows"])


def test_year_drives_the_appendix(catalogue):
    profile = load_profile("dak-lak-2026", catalogue)
    by_id = {s.task.id: s for s in plan_tasks(make_request(catalogue, "nq47", profile, year=2027))}
    assert "g2.review-nd72" not in by_id  # a 2024 one-off
    assert "g4.human-rights" not in by_id  # 2024 - 2025
    assert by_id["g3.cultural-diplomacy"].time_text == "2027 - 2030"
    assert by_id["g3.national-brand"].time_text == "2028, 2030"
    assert by_id["g1.disseminate"].time_text == "2027"
    numbers = [s.number for s in by_id.values() if s.task.group == "g3"]
    assert numbers == [f"3.{i}" for i in range(1, len(numbers) + 1)]


def test_province_without_ethnic_minorities_has_no_ethnic_task(catalogue, nq47, profile_file, minimal_profile):
    profile = load_profile(profile_file(minimal_profile), catalogue)  # no `ethnic` role, no ethnic_minorities
    assert not profile.ethnic_minorities
    result = build_draft(catalogue, nq47, profile, year=2027, date=None)
    assert "g4.ethnic-minorities" not in {r["id"] for r in result.context["appendix"]["rows"]}


def test_task_of_an_undeclared_role_falls_back_to_the_ttdn_lead(catalogue, nq47, profile_file, minimal_profile):
    """Roles are optional: a province that names no ethnic-affairs body still does the ethnic-area
    task, led by the TTĐN lead, and the drafter is told to check it."""
    minimal_profile["ethnic_minorities"] = True
    profile = load_profile(profile_file(minimal_profile), catalogue)
    result = build_draft(catalogue, nq47, profile, year=2027, date=None)
    row = next(r for r in result.context["appendix"]["rows"] if r["id"] == "g4.ethnic-minorities")
    assert row["lead"] == vn.capitalize_first(profile.agencies["ttdn_lead"])
    assert any("g4.ethnic-minorities" in n and "ethnic" in n and "kiểm tra lại" in n for n in result.notices)


def test_profile_task_overrides(catalogue, nq47, profile_file, minimal_profile):
    minimal_profile["tasks"] = {
        "drop": ["g3.asean"],
        "reword": {"g3.products": "Sản xuất phim tài liệu về {ten_tinh}"},
        "leads": {"g3.festivals": {"lead": ["culture"], "partners": ["local_authorities"]}},
        "add": [{"id": "tn.1", "group": "g3", "text": "Tổ chức Tuần văn hóa {ten_tinh} tại Lào",
                 "lead": ["foreign_affairs"], "time": "2027", "source": "test"}],
    }
    ctx = build_draft(catalogue, nq47, load_profile(profile_file(minimal_profile), catalogue), year=2027,
                      date=None).context
    rows = {r["id"]: r for r in ctx["appendix"]["rows"]}
    assert "g3.asean" not in rows
    assert rows["g3.products"]["text"] == "Sản xuất phim tài liệu về Thử Nghiệm"
    assert rows["g3.festivals"]["lead"] == "Sở Văn hóa, Thể thao và Du lịch"
    assert rows["g3.festivals"]["partners"] == "UBND các xã, phường"
    assert rows["tn.1"]["text"] == "Tổ chức Tuần văn hóa Thử Nghiệm tại Lào" and rows["tn.1"]["time"] == "2027"


def test_header_signature_and_recipients(catalogue, nq47):
    ctx = draft(catalogue, nq47, "lam-dong-2024", year=2024, date=dt.date(2024, 6, 13))
    assert ctx["header"]["agency_lines"] == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
    assert ctx["header"]["number"] == "Số:      /KH-UBND"
    assert ctx["header"]["date_line"] == "Lâm Đồng, ngày 13 tháng 6 năm 2024"
    assert ctx["signature"] == {"lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Võ Ngọc Hiệp"}
    assert ctx["recipients"][0] == "- Bộ Thông tin và Truyền thông (b/c);"
    assert ctx["recipients"][-1] == "- Lưu: VT, NV1, NV4."
    assert all(r.endswith(";") for r in ctx["recipients"][:-1])
    assert ctx["appendix"]["ref"] == "(Kèm theo Kế hoạch số      /KH-UBND ngày 13 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh Lâm Đồng)"


def test_unknown_signer_is_a_visible_blank_never_a_name(catalogue, nq47):
    result = build_draft(catalogue, nq47, load_profile("dak-lak-2026", catalogue), year=2027, date=None)
    assert result.context["signature"]["name"] == vn.BLANK
    assert any("họ tên người ký" in n for n in result.notices)


def test_assignments_list_each_lead_agency_once_when_the_house_style_asks(catalogue, nq47):
    """No source plan lists "agency: leads tasks no. …" in III (the appendix already says who leads
    what), so the list is a house style a profile asks for, not the default."""
    import dataclasses

    profile = load_profile("phu-tho-2026", catalogue)
    assert not [b for b in draft(catalogue, nq47, "phu-tho-2026")["body"] if b["id"].startswith("s3.assignments")]
    ctx = build_draft(catalogue, nq47, dataclasses.replace(profile, style={"assignments": True}),
                      year=2027, date=None).context
    lines = [b["text"] for b in ctx["body"] if b["id"].startswith("s3.assignments.")]
    agencies = [line.split(":")[0] for line in lines]
    assert len(agencies) == len(set(agencies)) > 3
    assert not any(a.startswith("- các") or a.startswith("- UBND") for a in agencies)
    assert lines[-1].endswith(".") and all(line.endswith(";") for line in lines[:-1])


def test_same_inputs_same_context(catalogue, nq47):
    assert draft(catalogue, nq47, "dak-lak-2026") == draft(catalogue, nq47, "dak-lak-2026")


def test_annual_2027_border_sections_and_anniversaries(catalogue):
    from drafter.inputs.kinds import load_kind

    annual = load_kind("annual", catalogue)
    border = build_draft(catalogue, annual, load_profile("dak-lak-2026", catalogue), year=2027, date=None).context
    inland = build_draft(catalogue, annual, load_profile("phu-tho-2026", catalogue), year=2027, date=None).context
    ids = lambda ctx: {b["id"] for b in ctx["body"]} | {r["id"] for r in ctx["appendix"]["rows"]}  # noqa: E731
    for part in ("a1.requirements.bullet4", "a2.border", "g3.border-information", "duty.border_guard",
                 "g4.sea-and-islands"):
        assert part in ids(border) and part not in ids(inland)
    joined = " ".join(texts(border))
    assert "biên giới quốc gia trên đất liền với Campuchia" in joined
    assert "biên giới quốc gia trên đất liền" not in " ".join(texts(inland))
    for ctx in (border, inland):  # anniversaries are national, whatever the province's neighbours
        everything = " ".join(texts(ctx))
        assert "60 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Campuchia (24/6/1967 - 24/6/2027)" in everything
        assert "50 năm Ngày Việt Nam trở thành thành viên Liên hợp quốc (20/9/1977 - 20/9/2027)" in everything
        # the roundest five of the year's national anniversaries (plan.values.MAX_ANNIVERSARIES); 65 years waits
        assert "65 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào" not in everything
        assert "Năm APEC 2027 do Việt Nam đăng cai" in everything
    assert all(r["time"] == "Năm 2027" for r in inland["appendix"]["rows"] if not r["group"])
    assert not any("2024 - 2025" in r["time"] or "Tổng kết, đánh giá Nghị định số 72" in r["text"]
                   for r in inland["appendix"]["rows"])
    assert inland["appendix"]["title"] == "DANH MỤC NHIỆM VỤ THÔNG TIN ĐỐI NGOẠI NĂM 2027"


def test_annual_legal_bases_follow_the_date(catalogue):
    from drafter.inputs.kinds import load_kind

    annual = load_kind("annual", catalogue)
    profile = load_profile("phu-tho-2026", catalogue)
    early = build_draft(catalogue, annual, profile, year=2026, date=dt.date(2026, 2, 1))
    late = build_draft(catalogue, annual, profile, year=2027, date=dt.date(2026, 12, 20))
    has_148 = lambda d: any("được sửa đổi, bổ sung bởi Nghị định số 148/2026/NĐ-CP ngày 12 tháng 5 năm 2026"  # noqa: E731
                            in t for t in texts(d.context, "can_cu"))
    assert not has_148(early) and has_148(late)
    assert any("148/2026" in n and "MEDIUM" in n for n in late.notices)
    assert not any("148/2026" in n for n in early.notices)
    guidance = [t for t in texts(late.context, "can_cu") if "hướng dẫn xây dựng kế hoạch" in t][0]
    assert "Bộ Văn hóa, Thể thao và Du lịch" in guidance and "…" in guidance and "năm 2027" in guidance


def test_annual_plan_holds_only_tasks_due_that_year(catalogue):
    from drafter.inputs.kinds import load_kind

    annual = load_kind("annual", catalogue)
    # Gia Lai's annual plan has no appendix (house style): the year's tasks are still chosen
    ids = {s.task.id for s in plan_tasks(make_request(catalogue, annual, load_profile("gia-lai-2023", catalogue),
                                                      year=2023))}
    assert "g3.vietnamese-day" not in ids  # NQ 47 task for 2024 - 2030
    assert "g1.legal-education" in ids  # every year
    in_2027 = {s.task.id for s in plan_tasks(make_request(catalogue, annual, load_profile("phu-tho-2026", catalogue),
                                                          year=2027))}
    assert "g3.national-brand" not in in_2027  # due in 2024, 2026, 2028, 2030
