"""A draft the size of a real plan (issue 20, plan.fit): the least-shared texts go first, what the
province or a reviewer asked for stays, and --detail full brings everything back."""

import dataclasses
import datetime as dt

from drafter import api
from drafter.inputs.profile import load_profile
from drafter.plan import build_draft
from drafter.plan.fit import Candidate, choose, plan_words
from tests.conftest import make_request


def test_the_least_shared_go_first_and_a_heading_keeps_its_last_line():
    found = [Candidate("a", 5, 100, 0), Candidate("b", 1, 50, 1), Candidate("c", 2, 80, 2),
             Candidate("h.1", 1, 10, 3), Candidate("h.2", 1, 10, 4)]
    owner = {"h.1": "h", "h.2": "h"}
    assert choose(found, owner, total=300, budget=200, headings=frozenset({"h"})) == {"b", "h.2", "c"}


def test_a_standard_draft_is_a_real_plans_length_and_full_is_everything(catalogue):
    request = make_request(catalogue, "nq47", load_profile("lao-cai-2026", catalogue), year=2027,
                           date=dt.date(2026, 12, 20))
    standard, full = build_draft(request), build_draft(dataclasses.replace(request, detail="full"))
    length = request.kind.spec.length.words
    assert plan_words(standard.plan) <= 1.25 * length < plan_words(full.plan)
    assert standard.omitted and not full.omitted
    assert any("drafter tasks --optional" in n for n in standard.notices)
    core = {b.id for b in standard.plan.body} & catalogue.core
    assert core == {b.id for b in full.plan.body} & catalogue.core  # NQ 47's own items are never left out


def test_a_text_the_profile_asks_for_stays(catalogue, profile_file, minimal_profile):
    request = make_request(catalogue, "nq47", load_profile(profile_file(minimal_profile), catalogue), year=2027)
    left = build_draft(request).omitted
    assert left
    minimal_profile["tasks"] = {"add_optional": [left[0]]}
    kept = build_draft(make_request(catalogue, "nq47", load_profile(profile_file(minimal_profile), catalogue),
                                    year=2027))
    assert left[0] not in kept.omitted


def test_tasks_optional_lists_what_was_left_out():
    listed = api.optional_texts("lao-cai-2026", kind="nq47", year=2027, date=dt.date(2026, 12, 20))
    assert listed and all(ident and text for ident, text in listed)
