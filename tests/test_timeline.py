"""Task timelines read against the plan year."""

import pytest

from drafter.text import timeline


@pytest.mark.parametrize(
    "text, year, active, shown",
    [
        ("Hằng năm", 2027, True, "Hằng năm"),
        ("Năm bắt đầu", 2026, True, "2026"),
        ("2024", 2024, True, "2024"),
        ("2024", 2026, False, None),
        ("2024 - 2025", 2026, False, None),
        ("2024 - 2030", 2024, True, "2024 - 2030"),
        ("2024 - 2030", 2027, True, "2027 - 2030"),
        ("2024 - 2030", 2030, True, "2030"),
        ("2024, 2026, 2028, 2030", 2024, True, "2024, 2026, 2028, 2030"),
        ("2024, 2026, 2028, 2030", 2027, True, "2028, 2030"),
        ("2024, 2026, 2028, 2030", 2031, False, None),
        ("Đến năm 2030", 2029, True, "Đến năm 2030"),
        ("Đến năm 2030", 2031, False, None),
    ],
)
def test_timeline(text, year, active, shown):
    t = timeline.parse(text)
    assert t.active(year) is active
    if active:
        assert t.text(year) == shown


@pytest.mark.parametrize("bad", ["sometime", "2030 - 2024", "2024-2030", ""])
def test_bad_timeline_is_rejected(bad):
    with pytest.raises(ValueError):
        timeline.parse(bad)


@pytest.mark.parametrize(
    "text, year, active",
    [
        ("2024 - 2030", 2023, False),
        ("2024 - 2030", 2024, True),
        ("2024, 2026, 2028, 2030", 2027, False),
        ("2024, 2026, 2028, 2030", 2028, True),
        ("2024", 2023, False),
        ("Hằng năm", 2023, True),
        ("Đến năm 2030", 2023, True),
    ],
)
def test_one_year_plan_takes_only_tasks_due_that_year(text, year, active):
    assert timeline.parse(text).active(year, only_this_year=True) is active
