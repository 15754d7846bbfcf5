"""Issue 24: a plan kind and the catalogue's points reach the plan as typed records, and the questions
several readers ask of a kind (does it name {dai_hoi}? is some part printed only under a condition?)
are answered by the record, not by searching str() of a dict."""

import dataclasses

import pytest
import yaml

from drafter.inputs.catalogue import BASE_PLACEHOLDERS
from drafter.inputs.kind_records import Item, KindSpec, Line, Point
from drafter.inputs.kinds import KINDS_DIR, choose_wordings, kind_names, load_kind

SMALL = {
    "id": "k", "title": "Kế hoạch", "summary": "Kế hoạch năm {nam}", "national_margin": 0.1, "sources": ["src:x"],
    "can_cu": [{"id": "cc.1", "doc": "nq47-2024", "suffix": "(gọi tắt là {slogan})"}],
    "sections": [{"id": "s1", "title": "Mục tiêu", "agencies_when": ["border"], "items": [
        {"id": "s1.1", "wordings": [{"text": "Chào mừng {ky_niem}", "sources": ["src:a", "src:b"]},
                                    {"text": "Hướng tới {dai_hoi}", "sources": ["src:c"]}],
         "points": [{"id": "s1.1.a", "text": "Điểm", "bullets": ["Dòng", {"text": "Tiếng {tieng_dan_toc}",
                                                                        "when": ["ethnic_languages"]}]}]}]}],
    "appendix": {"label": "Phụ lục", "title": "Nhiệm vụ", "ref": "(Kèm theo)"},
}


def test_a_kind_mentions_a_placeholder_in_any_text_even_a_wording_not_chosen():
    spec = KindSpec.of(SMALL)
    assert spec.mentions("dai_hoi") and spec.mentions("ky_niem") and spec.mentions("slogan")
    assert spec.mentions("tieng_dan_toc") and spec.mentions("nam")
    assert not spec.mentions("su_kien") and not spec.mentions("hue")


def test_a_condition_deep_in_a_point_is_found_but_a_section_agencies_condition_is_not_a_when():
    spec = KindSpec.of(SMALL)
    assert spec.has_condition("ethnic_languages")
    assert not spec.has_condition("border")  # agencies_when says which agencies, not whether a text is printed


def test_plain_lines_and_worded_texts_are_records_and_cannot_be_changed():
    item = KindSpec.of(SMALL).sections[0].items[0]
    assert isinstance(item, Item) and isinstance(item.points[0], Point)
    assert item.points[0].bullets == (Line("Dòng"), Line("Tiếng {tieng_dan_toc}", ("ethnic_languages",)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.text = "khác"


@pytest.mark.parametrize("name", kind_names())
def test_the_shipped_kinds_mention_exactly_what_their_data_names(name, catalogue):
    """The record answers as the search of the whole data did, for every placeholder a kind may use."""
    data = str(yaml.safe_load((KINDS_DIR / f"{name}.yaml").read_text(encoding="utf-8")))
    spec = load_kind(name, catalogue).spec
    names = BASE_PLACEHOLDERS | frozenset(catalogue.roles)
    assert {n for n in names if spec.mentions(n)} == {n for n in names if "{" + n + "}" in data}
    assert any(spec.mentions(n) for n in names) and not all(spec.mentions(n) for n in names)


def test_a_kind_without_wordings_is_not_rebuilt_to_choose_them(catalogue):
    """Choosing wordings rebuilds only the records that have some: a kind without any is the same object."""
    annual = load_kind("annual", catalogue).spec
    assert not any(isinstance(n, Point | Line) and n.wordings for n in annual.nodes())
    assert choose_wordings(annual) is annual
    nq47 = load_kind("nq47", catalogue).spec
    chosen = choose_wordings(nq47, excluded=lambda ref: ref.startswith("src:"))
    assert chosen is not nq47 and chosen.can_cu is nq47.can_cu
