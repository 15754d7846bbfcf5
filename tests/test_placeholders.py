"""Placeholder filling: data is never a template."""

import pytest

from drafter.text import placeholders


def test_fill_and_optional_parts():
    text = "quan hệ của {ten_tinh}; [[thương hiệu “{slogan}”; ]]chuyển đổi số"
    assert placeholders.fill(text, {"ten_tinh": "Lâm Đồng", "slogan": "Đà Lạt"}) == (
        "quan hệ của Lâm Đồng; thương hiệu “Đà Lạt”; chuyển đổi số"
    )
    assert placeholders.fill(text, {"ten_tinh": "Phú Thọ", "slogan": None}) == "quan hệ của Phú Thọ; chuyển đổi số"


class _Province(dict):
    """Values with conditions, as plan.values.Values has them."""

    def __init__(self, holding, **values):
        super().__init__(values)
        self.holding = holding

    def condition(self, name):
        return name.removeprefix("!") in self.holding if not name.startswith("!") else name[1:] not in self.holding


def test_a_part_with_a_condition_is_kept_only_where_it_holds():
    text = "hợp tác với các địa phương nước bạn[[when border: có chung đường biên giới]]."
    assert placeholders.fill(text, _Province({"border"})) == "hợp tác với các địa phương nước bạn có chung đường biên giới."
    assert placeholders.fill(text, _Province(set())) == "hợp tác với các địa phương nước bạn."
    both = "[[when border, !coastal:nội địa có biên giới]]"
    assert placeholders.fill(both, _Province({"border"})) == "nội địa có biên giới"
    assert placeholders.fill(both, _Province({"border", "coastal"})) == ""


def test_conditions_may_name_roles_and_styles():
    assert placeholders.conditions_of("when role:ethnic, style:closing=tren_day: x") == (
        ["role:ethnic", "style:closing=tren_day"], " x")


def test_a_bracket_that_depends_on_nothing_is_found():
    text = "a[[ có chung]] b[[, {slogan}]] c[[when border: d]]"
    assert placeholders.unconditioned_parts(text) == [" có chung"]


def test_missing_required_value_is_an_error():
    with pytest.raises(placeholders.MissingValue) as info:
        placeholders.fill("Giao {ttdn_lead} chủ trì", {})
    assert info.value.name == "ttdn_lead"


def test_values_are_inserted_literally_never_rescanned():
    values = {"ten_tinh": "{{ 7*7 }} {slogan} {% if %}", "slogan": "X"}
    assert placeholders.fill("tỉnh {ten_tinh}", values) == "tỉnh {{ 7*7 }} {slogan} {% if %}"


def test_unknown_names():
    assert placeholders.unknown_names("{tinh} {khong_co}", {"tinh"}) == {"khong_co"}
