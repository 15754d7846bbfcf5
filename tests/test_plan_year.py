"""One rule for the plan year (api.resolve_year), the same on the command line, the web page and in
batch drafting: an annual plan signed in October-December is for the next year unless --year says
otherwise, and the notice says which year was chosen; the NQ 47 plan keeps the date's year."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter import api
from drafter.cli import app
from drafter.errors import UserError
from drafter.web.app import Settings
from tests.test_web import finished, web_client

DECEMBER = "Kế hoạch năm 2027: ngày ký 15/12/2026 ở quý IV nên kế hoạch là cho năm sau; dùng --year để chọn năm khác."


@pytest.mark.parametrize("year, date, kind, today, expected", [
    (None, dt.date(2026, 12, 15), "annual", None, api.PlanYear(2027, DECEMBER)),
    (None, dt.date(2026, 10, 1), "annual", None, api.PlanYear(2027, DECEMBER.replace("15/12", "01/10"))),
    (None, dt.date(2026, 9, 30), "annual", None, api.PlanYear(2026)),
    (None, dt.date(2027, 1, 5), "annual", None, api.PlanYear(2027)),
    (None, dt.date(2026, 12, 15), "nq47", None, api.PlanYear(2026)),
    (2026, dt.date(2026, 12, 15), "annual", None, api.PlanYear(2026)),
    (2027, dt.date(2026, 12, 15), "annual", None, api.PlanYear(2027)),
    (None, None, "annual", dt.date(2026, 11, 2),
     api.PlanYear(2027, "Kế hoạch năm 2027: chưa có ngày ký và hôm nay (02/11/2026) ở quý IV nên kế hoạch là "
                        "cho năm sau; dùng --year để chọn năm khác.")),
    (None, None, "annual", dt.date(2026, 3, 2), api.PlanYear(2026)),
    (None, None, "nq47", dt.date(2026, 12, 5), api.PlanYear(2026)),
])
def test_the_rule(year, date, kind, today, expected):
    assert api.resolve_year(year, date, kind, today) == expected


def test_a_year_the_date_cannot_belong_to_is_refused():
    with pytest.raises(UserError, match="không khớp với --year 2028"):
        api.resolve_year(2028, dt.date(2026, 12, 15), "annual")


def test_the_command_line_drafts_next_years_plan_in_december_and_says_so(tmp_path):
    result = CliRunner().invoke(app, ["draft", "phu-tho-2026", "--kind", "annual", "--date", "2026-12-15",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("annual-2027.docx")
    assert f"Lưu ý: {DECEMBER}" in result.stderr


def test_batch_drafting_uses_the_same_rule_and_says_it_once(tmp_path):
    result = CliRunner().invoke(app, ["draft", "phu-tho-2026", "tuyen-quang-2026", "--kind", "annual",
                                      "--date", "2026-12-15", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [Path(p).name for p in result.stdout.split()] == ["annual-2027.docx", "annual-2027.docx"]
    assert result.stderr.count(DECEMBER) == 1


def test_the_page_leaves_the_year_to_the_same_rule(tmp_path):
    client = web_client(Settings(out_dir=tmp_path / "out"))
    page = client.get("/")
    assert re.search(r'<input id="year" name="year" inputmode="numeric" value="">', page.text)
    today = dt.date.today()
    for kind in ("nq47", "annual"):  # the help names what the rule gives today
        assert str(api.resolve_year(None, None, kind, today).year) in page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)[1]
    result = client.post("/draft", data={"csrf": csrf, "profile": "phu-tho-2026", "kind": "annual", "year": "",
                                         "date": "2026-12-15"})
    result = finished(client, result)
    assert result.status_code == 200, result.text
    assert "/files/phu-tho-2026/annual-2027.docx" in result.text
    assert "Kế hoạch năm 2027: ngày ký 15/12/2026 ở quý IV" in result.text
    assert "điền ô «Năm kế hoạch» để chọn năm khác" in result.text and "--year" not in result.text


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()))


def test_the_day_drafter_takes_for_today_follows_source_date_epoch(monkeypatch):
    from drafter.plan.year import current_day

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(dt.date(2026, 12, 5)))
    assert current_day() == dt.date(2026, 12, 5)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert current_day() == dt.date.today()


@pytest.mark.parametrize("today, year, congress", [
    (dt.date(2026, 12, 5), 2026, "lần thứ XIV"),  # drafted this December for this year: signed from today on
    (dt.date(2025, 12, 5), 2026, "lần thứ XIII"),  # drafted last year for 2026: judged on 1 January 2026
    (dt.date(2027, 3, 1), 2026, "lần thứ XIII"),  # a past year's plan drafted again: its 1 January
])
def test_an_undated_draft_is_judged_on_the_earliest_day_it_can_still_be_signed(monkeypatch, today, year, congress):
    """The reviewer's reading of the default draft made in December 2026: an undated NQ 47 plan for
    2026 cited the XIII Congress (judged on 1 January) next to the 2026 events, though it can only
    be signed from today on, after the XIV Congress."""
    from drafter.inputs.catalogue import bundled
    from drafter.inputs.profile import load_profile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(today))
    _, draft = api.build_plan(load_profile("dak-lak-2026", bundled()), kind="nq47", year=year)
    text = "\n".join(b.content for b in draft.plan.body)
    assert f"Đại hội đại biểu toàn quốc {congress}" in text
    expected = today if today.year == year else dt.date(year, 1, 1)
    assert any(f"tính theo ngày {expected:%d/%m/%Y}" in n for n in draft.notices)
