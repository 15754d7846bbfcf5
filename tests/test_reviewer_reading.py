"""What a legal reviewer sends back, as checks over drafts: right for its province in every sentence.

Each fault a reviewer found is a class, checked on every current profile × kind × year 2026–2028
(slow) and on the provinces where it was found (fast). Drafts are built without DOCX: the texts
are what the document prints.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest

from drafter.inputs.catalogue import bundled
from drafter.inputs.kinds import kind_names, load_kind
from drafter.inputs.profile import load_profile
from drafter.plan import PlanRequest, build_draft
from drafter.quality.coverage import DraftTexts
from drafter.text import vn
from tests.conftest import ALL_PROFILE_IDS

CURRENT_IDS = [pid for pid in ALL_PROFILE_IDS if pid.endswith("-2026")]
YEARS = (2026, 2027, 2028)
#: Two to four words said twice in a row ("biển, đảo, biển, đảo"); one repeated word is often the
#: language's own ("thành thành viên" across a word boundary), and the checker's rule judges those.
_WORD = r"[^\W\d_]+"
_REPEATED = re.compile(rf"(?<!\w)({_WORD}(?:[ ,]+{_WORD}){{1,3}})[ ,]+\1(?!\w)")
_REAL_REPEATS = {"văn hóa"}
#: What else bears the President's name in a plan (anniversaries): not the city.
_OTHER_NAMESAKES = ("Chủ tịch ", "Cộng sản ", "tư tưởng ", "Tiền phong ")  # "ngoại giao văn hóa, văn hóa đối ngoại"


#: Since 2025 a province's newspaper and radio-TV station are one body, "Báo và Phát thanh, Truyền
#: hình <tỉnh>" (bodies.yaml bao-dai-tinh): a draft for such a province names no provincial "Đài";
#: the national stations keep theirs.
_MERGED_PRESS = ("Báo và Phát thanh", "Cơ quan Báo và Phát thanh")
_PROVINCIAL_STATION = re.compile(r"\bĐài (?:[Pp]hát thanh|PT)(?![^;.]{0,30}(?:quốc gia|Việt Nam))")


@cache
def draft(pid: str, kind: str, year: int):
    profile = load_profile(pid, bundled())
    date = dt.date(year - 1, 12, 20) if year > 2026 else dt.date(2026, 1, 15)
    request = PlanRequest(profile=profile, kind=load_kind(kind, bundled()), catalogue=bundled(), year=year, date=date)
    result = build_draft(request)
    return profile, result, DraftTexts.of(result.plan).whole


def agency_items(plan) -> list[str]:
    """The headings of "Tổ chức thực hiện": one numbered item per agency."""
    return [b.content for b in plan.body if b.id.startswith("duty.") and "." not in b.id.removeprefix("duty.")]


def faults(pid: str, kind: str, year: int) -> list[str]:
    profile, result, text = draft(pid, kind, year)
    out = []
    name = profile.unit_name
    if name.proper_noun_rule:
        for match in re.finditer(re.escape(name.name), text):
            before = text[max(0, match.start() - len(name.common_noun) - 1):match.start()]
            context = text[max(0, match.start() - 25):match.start()]
            if before != f"{name.common_noun} " and not context.endswith(_OTHER_NAMESAKES):
                out.append(f"«{name.name}» không có «{name.common_noun}»: …{text[max(0, match.start() - 40):match.end()]}")
    for match in _REPEATED.finditer(text):
        if match.group(1).lower() not in _REAL_REPEATS:
            out.append(f"lặp từ: …{text[max(0, match.start() - 20):match.end() + 10]}")
    if profile.border is None:  # the Border Guard also guards the coast: only a landlocked unit has none
        out += [f"biên giới ở tỉnh không có biên giới: {line[:120]}" for line in text.splitlines()
                if "có chung đường biên giới" in line or ("Biên phòng" in line and not profile.coastal)]
    if any(n.startswith(_MERGED_PRESS) for n in profile.agencies.values()):
        out += [f"đài của tỉnh đã hợp nhất vào báo: …{text[max(0, m.start() - 30):m.end() + 40]}"
                for m in _PROVINCIAL_STATION.finditer(text)]
    keys = [vn.body_key(h.split(". ", 1)[-1].removeprefix("Đề nghị ")) for h in agency_items(result.plan)]
    out += [f"một cơ quan hai mục: {k}" for k in {k for k in keys if keys.count(k) > 1}]
    return out


@pytest.mark.parametrize("pid, kind", [("ho-chi-minh-2026", "annual"), ("ho-chi-minh-2026", "nq47"),
                                       ("ha-noi-2026", "annual"), ("ha-noi-2026", "nq47"),
                                       ("khanh-hoa-2026", "annual"), ("lao-cai-2026", "nq47")])
def test_the_reviewers_provinces_read_right(pid, kind):
    assert faults(pid, kind, 2027) == []


def test_the_city_named_after_the_president_is_always_thanh_pho_with_a_capital():
    profile, _, text = draft("ho-chi-minh-2026", "annual", 2027)
    assert "hình ảnh Thành phố Hồ Chí Minh" in text
    assert "thành phố Hồ Chí Minh" not in text
    assert "trên địa bàn Thành phố" in text and "trên địa bàn thành phố" not in text


def test_a_body_with_two_roles_gets_one_item():
    profile, result, _ = draft("ha-noi-2026", "annual", 2027)
    offices = [h for h in agency_items(result.plan) if "Văn phòng" in h]
    assert len(offices) == 1, offices
    assert profile.agencies["foreign_affairs"] == profile.agencies["provincial_office"]


@pytest.mark.slow
@pytest.mark.parametrize("pid", CURRENT_IDS)
def test_every_current_profile_reads_right_in_every_kind_and_year(pid):
    """The faults above, and `drafter check`'s content rules (noi_dung) on the rendered DOCX."""
    from drafter import api
    from drafter.check import content_findings

    found = [f"{kind} {year}: {f}" for kind in kind_names() for year in YEARS for f in faults(pid, kind, year)]
    for kind in kind_names():
        for year in YEARS:
            profile, _, _ = draft(pid, kind, year)
            date = dt.date(year - 1, 12, 20) if year > 2026 else dt.date(2026, 1, 15)
            data, _ = api.build_plan(profile, kind=kind, year=year, date=date, catalogue=bundled())
            found += [f"{kind} {year}: {f.line()}" for f in content_findings(data) if f.severity != "not_evaluated"]
    assert found == []


@pytest.mark.parametrize("pid, changed", [("dong-nai-2026", dt.date(2026, 4, 30)), ("quang-ninh-2026", dt.date(2026, 9, 1)),
                                          ("bac-ninh-2026", dt.date(2026, 9, 20))])
def test_a_province_that_became_a_city_is_named_for_the_plans_date(pid, changed):
    profile = load_profile(pid, bundled())
    before, after = profile.on(changed - dt.timedelta(days=1)), profile.on(changed)
    assert (before.level, after.level) == ("tỉnh", "thành phố")
    assert after.full_name == f"thành phố {profile.province_name}"
    assert after.agencies["police"] == "Công an thành phố" and before.agencies["police"] == "Công an tỉnh"
    assert "Thành ủy" in after.agencies["party_propaganda"] and "Tỉnh ủy" in before.agencies["party_propaganda"]
    _, result, text = draft(pid, "annual", 2027)
    assert result.plan.header.agency_lines[1] == vn.upper(f"thành phố {profile.province_name}")
    assert "Tỉnh ủy" not in text and " tỉnh " + profile.province_name not in text


def test_relevel_changes_only_the_units_own_level_words():
    assert vn.relevel("Ban Tuyên giáo và Dân vận Tỉnh ủy", "tỉnh", "thành phố") == "Ban Tuyên giáo và Dân vận Thành ủy"
    assert vn.relevel("Văn phòng UBND tỉnh", "tỉnh", "thành phố") == "Văn phòng UBND thành phố"
    assert vn.relevel("Báo và Phát thanh, Truyền hình Đồng Nai", "tỉnh", "thành phố") == (
        "Báo và Phát thanh, Truyền hình Đồng Nai")
