"""A plan is right on its date: documents, Party congress resolutions, events and anniversaries
are dated data, and a plan cites only what exists and is in force on its date (issue 9)."""

import dataclasses
import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.errors import UserError
from drafter.inputs.kinds import load_kind
from drafter.inputs.knowledge import bundled as bundled_knowledge
from drafter.inputs.profile import load_profile
from drafter.plan import build_draft, plan_tasks
from tests.conftest import make_draft, make_request

CURRENT = ["dak-lak-2026", "phu-tho-2026"]


def body_text(draft) -> str:
    return "\n".join(b["text"] for b in draft.context["body"]) + "\n" + "\n".join(
        r["text"] for r in draft.context["appendix"]["rows"])


def test_every_record_is_labelled_and_sourced():
    kb = bundled_knowledge(strict=True)
    assert len(kb.documents) >= 70
    for doc in kb.documents.values():
        assert doc.label in ("VERIFIED", "MEDIUM", "UNVERIFIED") and doc.sources, doc.id
    assert all(b.label for b in kb.bodies) and all(a.label for a in kb.anniversaries)


@pytest.mark.parametrize("on, expected", [
    (dt.date(2024, 6, 13), ["Nghị định số 152/2020/NĐ-CP", "Nghị định số 70/2023/NĐ-CP"]),
    (dt.date(2025, 8, 6), ["Nghị định số 152/2020/NĐ-CP", "Nghị định số 70/2023/NĐ-CP"]),
    (dt.date(2025, 8, 7), ["Nghị định số 219/2025/NĐ-CP"]),
    (dt.date(2027, 1, 1), ["Nghị định số 219/2025/NĐ-CP"]),
])
def test_a_subject_cites_the_documents_in_force_on_the_date(on, expected):
    kb = bundled_knowledge()
    assert [d.short() for d in kb.cited("foreign_workers", on)] == expected
    assert kb.short("nd152-2020", dt.date(2026, 3, 1)) == "Nghị định số 219/2025/NĐ-CP"  # follows replaced_by
    assert kb.cite("nd219-2025", dt.date(2025, 1, 1)) is None  # not yet issued: never cited


def test_citation_string_is_built_from_the_record():
    kb = bundled_knowledge()
    assert kb.cite("nd219-2025", dt.date(2026, 1, 1)) == (
        "Nghị định số 219/2025/NĐ-CP ngày 07/8/2025 của Chính phủ quy định về người lao động nước ngoài làm việc "
        "tại Việt Nam")
    nd72 = kb.cite("nd72-2015", dt.date(2026, 7, 1), long_date=True)
    assert nd72.startswith("Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ về quản lý")
    assert nd72.endswith("được sửa đổi, bổ sung bởi Nghị định số 148/2026/NĐ-CP ngày 12 tháng 5 năm 2026 của Chính phủ")
    assert "148/2026" not in kb.cite("nd72-2015", dt.date(2026, 6, 30))


def test_guidance_letter_by_plan_year_is_data():
    kb = bundled_knowledge()
    assert kb.guidance_letter(2025).short() == "Công văn số 3837/BTTTT-TTĐN"
    assert kb.guidance_letter(2026) is None  # not found: a visible blank and a notice


def test_an_annual_plan_dated_before_nq47_never_names_it(catalogue):
    profile = load_profile("gia-lai-2023", catalogue)
    draft = make_draft(catalogue, "annual", profile, year=2024, date=dt.date(2023, 12, 29))
    text = body_text(draft)
    assert "47/NQ-CP" not in text
    later_draft = make_draft(catalogue, "annual", profile, year=2024, date=dt.date(2024, 5, 2))
    assert "Căn cứ Nghị quyết số 47/NQ-CP" in body_text(later_draft)
    tasks = lambda date: {t.task.id for t in plan_tasks(make_request(  # noqa: E731
        catalogue, load_kind("annual", catalogue), profile, year=2024, date=date))}
    assert "g1.disseminate" not in tasks(dt.date(2023, 12, 29)) and "g1.disseminate" in tasks(dt.date(2024, 5, 2))


def test_an_nq47_plan_cannot_predate_nq47(catalogue):
    profile = load_profile("phu-tho-2026", catalogue)
    with pytest.raises(UserError, match="47/NQ-CP ban hành ngày 15/4/2024"):
        make_draft(catalogue, "nq47", profile, year=2024, date=dt.date(2024, 3, 1))
    undated = make_draft(catalogue, "nq47", profile, year=2024)  # judged from the day NQ 47 was issued
    assert "Căn cứ Nghị quyết số 47/NQ-CP" in body_text(undated)


@pytest.mark.parametrize("date, ordinal", [(dt.date(2025, 6, 1), "XIII"), (dt.date(2026, 1, 20), "XIII"),
                                           (dt.date(2026, 1, 23), "XIV"), (dt.date(2027, 3, 1), "XIV")])
def test_party_congress_resolution_follows_the_date(catalogue, date, ordinal):
    profile = load_profile("phu-tho-2026", catalogue)
    text = body_text(make_draft(catalogue, "nq47", profile, year=date.year, date=date))
    assert f"Nghị quyết Đại hội đại biểu toàn quốc lần thứ {ordinal} của Đảng" in text


def test_provincial_congress_is_a_profile_fact(catalogue, profile_file, minimal_profile):
    minimal_profile["party_congress"] = {"ordinal": "I", "term": "2025 - 2030", "date": dt.date(2025, 10, 1),
                                         "label": "VERIFIED", "source": "test"}
    profile = load_profile(profile_file(minimal_profile), catalogue)
    text = body_text(make_draft(catalogue, "nq47", profile, year=2027, date=dt.date(2027, 2, 1)))
    assert ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng và Nghị quyết Đại hội đại biểu Đảng bộ "
            "tỉnh lần thứ I, nhiệm kỳ 2025 - 2030") in text


@pytest.mark.parametrize("kind", ["nq47", "annual"])
@pytest.mark.parametrize("year", range(2024, 2031))
@pytest.mark.parametrize("pid", ["phu-tho-2026", "minimal"])
def test_no_task_group_is_empty_in_any_year(catalogue, kind, year, pid, profile_file, minimal_profile):
    profile = load_profile(profile_file(minimal_profile) if pid == "minimal" else pid, catalogue)
    date = dt.date(year - 1, 12, 20) if kind == "annual" and year > 2024 else dt.date(year, 5, 2)
    tasks = plan_tasks(make_request(catalogue, kind, profile, year=year, date=date))
    assert {t.group for t in tasks} == {g.id for g in catalogue.groups}


def test_expiring_tasks_have_successors(catalogue):
    profile = load_profile("dak-lak-2026", catalogue)
    ids = lambda year: {t.id for t in plan_tasks(make_request(catalogue, "annual", profile, year=year,  # noqa: E731
                                                              date=dt.date(year - 1, 12, 20)))}
    assert {"g4.human-rights", "g4.rapid-response"} <= ids(2025)
    assert {"g4.human-rights-2026", "g4.cyberspace"} <= ids(2027) and not {"g4.human-rights", "g4.rapid-response"} & ids(2027)
    assert "g3.image-strategy" in ids(2027) and "g3.image-strategy" not in ids(2025)


def test_events_and_holidays(catalogue):
    profile = load_profile("phu-tho-2026", catalogue)
    y2027 = body_text(make_draft(catalogue, "annual", profile, year=2027, date=dt.date(2026, 12, 20)))
    y2026 = body_text(make_draft(catalogue, "annual", profile, year=2026, date=dt.date(2025, 12, 20)))
    y2028 = body_text(make_draft(catalogue, "annual", profile, year=2028, date=dt.date(2027, 12, 20)))
    assert "Năm APEC 2027 do Việt Nam đăng cai" in y2027 and "APEC" not in y2026
    for text, year in ((y2026, 2026), (y2027, 2027), (y2028, 2028)):
        assert re.search(rf"ngày kỷ niệm của đất nước( và của tỉnh)? trong năm {year}", text)


def test_august_revolution_and_national_day_are_two_events():
    kb = bundled_knowledge()
    phrases = [a.phrase(2025) for a in kb.round_anniversaries(2025)]
    assert "80 năm Cách mạng Tháng Tám thành công (19/8/1945 - 19/8/2025)" in phrases
    assert any(p.startswith("80 năm Quốc khánh") and "(02/9/1945 - 02/9/2025)" in p for p in phrases)


def test_sea_and_islands_only_where_the_province_does_it(catalogue, profile_file, minimal_profile):
    """National sovereignty (biển, đảo, biên giới) is every province's topic (inland Gia Lai, Thái
    Nguyên, Lào Cai plan it); work on the sea and islands themselves only where the profile says so."""
    sea_work = "phát triển bền vững kinh tế biển"
    inland = body_text(make_draft(catalogue, "annual", load_profile("phu-tho-2026", catalogue), year=2027))
    assert "chủ quyền biển, đảo, biên giới, lãnh thổ quốc gia" in inland and sea_work not in inland
    minimal_profile.update(coastal=True, sea_islands=False)
    no_sea = body_text(make_draft(catalogue, "annual", load_profile(profile_file(minimal_profile), catalogue),
                                  year=2027))
    assert sea_work not in no_sea
    coastal = body_text(make_draft(catalogue, "annual", load_profile("dak-lak-2026", catalogue), year=2027))
    assert sea_work in coastal


def test_weak_facts_print_a_notice(catalogue):
    profile = load_profile("phu-tho-2026", catalogue)
    draft = make_draft(catalogue, "annual", profile, year=2027, date=dt.date(2026, 12, 20))
    assert any(n.startswith("Nghị định số 148/2026/NĐ-CP (MEDIUM)") for n in draft.notices)
    # every anniversary is printed only with --detail full; one of them rests on a single source
    full = build_draft(dataclasses.replace(make_request(catalogue, "annual", profile, year=2027,
                                                        date=dt.date(2026, 12, 20)), detail="full"))
    assert any(n.startswith("Ngày kỷ niệm chỉ dựa trên một nguồn") for n in full.notices)
    early = make_draft(catalogue, "annual", profile, year=2026, date=dt.date(2025, 12, 20))
    assert not any("148/2026" in n for n in early.notices)


def test_drafter_docs_lists_what_is_in_force_on_a_date():
    result = CliRunner().invoke(app, ["docs", "--on", "2024-06-13"])
    assert result.exit_code == 0, result.output
    assert "nd152-2020" in result.stdout and "nd219-2025" not in result.stdout.split("Chưa ban hành")[0]
    later = CliRunner().invoke(app, ["docs", "--on", "2027-01-01"]).stdout
    assert "nd219-2025" in later and "nd152-2020" not in later and "[MEDIUM]" in later
    assert "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng" in later


def test_every_role_label_agrees_with_the_bodies_in_force_today():
    """`drafter roles` names no body that had ceased by today, and a role that bodies.yaml ties to a
    body (role: border_guard) is labelled with the body in force today."""
    import datetime as dt

    from typer.testing import CliRunner

    from drafter.cli import app
    from drafter.inputs.catalogue import bundled as bundled_catalogue
    from drafter.inputs.knowledge import bundled as bundled_knowledge

    today = dt.date.today()
    knowledge, roles = bundled_knowledge(), bundled_catalogue().roles
    shown = CliRunner().invoke(app, ["roles"]).stdout
    labels = {line.split()[0]: line.split(None, 1)[1] for line in shown.splitlines()}
    assert set(labels) == set(roles)
    stale = [(key, name) for key, label in labels.items() for _, name in knowledge.ceased(today) if name in label]
    assert stale == []
    tied = {key: knowledge.body_for(key, today) for key in roles if knowledge.body_for(key, today)}
    assert set(tied) == {"border_guard"}
    for key, body in tied.items():
        assert labels[key].startswith(body.names[0]), (key, labels[key], body.names[0])


def test_the_border_guard_body_on_each_side_of_28_june_2025():
    import datetime as dt

    from drafter.inputs.knowledge import bundled as bundled_knowledge

    knowledge = bundled_knowledge()
    assert knowledge.body_for("border_guard", dt.date(2025, 6, 27)).names[0] == "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"
    assert knowledge.body_for("border_guard", dt.date(2025, 6, 28)).names[0] == "Ban Chỉ huy Bộ đội Biên phòng tỉnh"


def test_an_older_profile_drafted_after_a_body_ceased_is_told_so(catalogue):
    """nghe-an-2023 names the Bộ Chỉ huy Bộ đội Biên phòng tỉnh: right for its 2023 plan, stale for 2026."""
    import datetime as dt

    from drafter.inputs.kinds import load_kind
    from drafter.inputs.profile import bundled_profiles, load_profile
    from drafter.plan import PlanRequest
    from drafter.plan.draft import ceased_agencies

    profile = load_profile("nghe-an-2023", catalogue)

    def said(on):
        return ceased_agencies(PlanRequest(profile=profile, kind=load_kind("annual", catalogue), catalogue=catalogue,
                                           year=on.year, date=on))

    late = said(dt.date(2026, 12, 15))
    assert ("Hồ sơ (agencies.border_guard, recipients) ghi “Bộ Chỉ huy Bộ đội Biên phòng tỉnh”, không còn từ "
            "28/6/2025; nay là Ban Chỉ huy Bộ đội Biên phòng tỉnh, trực thuộc Bộ Chỉ huy Quân sự tỉnh: sửa hồ sơ "
            "trước khi ban hành.") in late
    assert said(dt.date(2023, 12, 13)) == []
    for path in bundled_profiles():
        current = load_profile(path, catalogue)
        if current.current:  # the 34 current profiles name no ceased body
            assert ceased_agencies(PlanRequest(profile=current, kind=load_kind("annual", catalogue),
                                               catalogue=catalogue, year=2026, date=dt.date(2026, 12, 15))) == []
