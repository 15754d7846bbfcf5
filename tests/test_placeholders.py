"""Placeholder filling: data is never a template."""

import pytest

from drafter.text import placeholders


def test_fill_and_optional_parts():
    text = "quan hệ của {ten_tinh}; [[thương hiệu “{slogan}”; ]]chuyển đổi số"
    assert placeholders.fill(text, {"ten_tinh": "Lâm Đồng", "slogan": "Đà Lạt"}) == (
        "quan hệ của Lâm Đồng; thương hiệu “Đà Lạt”; chuyển đổi số"
    )
    assert placeholders.fill(text, {"ten_tinh": "Phú Thọ", "slogan": None}) == "quan hệ của Phú Thọ; chuyển đổi số"


def test_missing_required_value_is_an_error():
    with pytest.raises(placeholders.MissingValue) as info:
        placeholders.fill("Giao {ttdn_lead} chủ trì", {})
    assert info.value.name == "ttdn_lead"


def test_values_are_inserted_literally_never_rescanned():
    values = {"ten_tinh": "{{ 7*7 }} {slogan} {% if %}", "slogan": "X"}
    assert placeholders.fill("tỉnh {ten_tinh}", values) == "tỉnh {{ 7*7 }} {slogan} {% if %}"


def test_unknown_names():
    assert placeholders.unknown_names("{tinh} {khong_co}", {"tinh"}) == {"khong_co"}
