"""Leave-one-out coverage (drafter.quality): for each shared plan, a draft made without that plan
or any other source of its province writes clearly more of it than copying a neighbour's plan.

The numbers (tools/coverage.py prints them) are the ones the issue asks to raise; these tests hold
the floor, and check that the measure itself can fail."""

import dataclasses

import pytest

from drafter.inputs.catalogue import Group
from drafter.inputs.kind_records import Point
from drafter.quality.coverage import DraftTexts, coverage, measure
from drafter.quality.passages import shared_plans, split_passages
from drafter.quality.provenance import Pruned, held_out, prune_catalogue, prune_kind
from tests.conftest import PLANS, REFERENCE

pytestmark = pytest.mark.skipif(not PLANS.is_dir(), reason="shared/reference is not beside the repository")


@pytest.fixture(scope="module")
def results(catalogue):
    return {c.plan: c for c in coverage(catalogue, REFERENCE)}


def test_units_of_the_shared_plans():
    counts = {p.key: len(p.passages(PLANS)) for p in shared_plans()}
    assert counts == {"lam-dong-4784": 66, "nghe-an-978": 60, "gia-lai-516": 72}


# Sentence recall only: a draft the length of a real plan (plan.fit) keeps fewer of Nghệ An's
# sentences than one that printed everything; test_f1_both_ways holds what a reviewer feels.
@pytest.mark.parametrize("plan, floor", [("lam-dong-4784", 0.80), ("nghe-an-978", 0.35), ("gia-lai-516", 0.40)])
def test_leave_one_out_beats_copying_a_neighbour(results, plan, floor):
    c = results[plan]
    n = c.total_units()
    name, neighbour = c.best_neighbour()
    print(f"\n{plan}: LOO {c.loo.total_matched()}/{n}, neighbour {name} {neighbour.total_matched()}/{n}; "
          f"trigrams LOO {c.loo.trigram_recall:.1%}, neighbour {neighbour.trigram_recall:.1%}")
    assert c.loo.total_matched() / n >= floor
    # At a real plan's length the sentence margin over a copy narrows for Nghệ An (23 vs 20 of 60);
    # the F1 margin (test_f1_both_ways) is the one that must hold.
    assert c.loo.total_matched() > neighbour.total_matched()
    assert c.loo.trigram_recall >= neighbour.trigram_recall + 0.05
    assert not c.pruned.unsourced  # every text the measure keeps says where it comes from


def test_holding_a_plan_out_removes_what_only_it_carries(results):
    """Lâm Đồng's single-source points (NQ 47's own items that only its mirror shows) go."""
    removed = set(results["lam-dong-4784"].pruned.removed)
    assert {"g3.b", "g3.g", "g2.coordination-rules"} <= removed
    assert "g3.image" not in removed  # carried by 18 documents


def test_held_out_province_covers_its_other_documents_and_reference_lines():
    excluded = held_out("gia-lai", ["Gia Lai"], REFERENCE)
    assert excluded("gia-lai-516:77") and excluded("src:gia-lai-284-2025")
    assert not excluded("lam-dong-4784:67") and not excluded("src:lao-cai-34-2021")
    # annual-plan-sources.md line 26 names Gia Lai 516 as the source of the 2023 letter
    assert excluded("annual-plan-sources:26")


def test_a_detail_line_whose_point_is_held_out_becomes_a_point(catalogue):
    group = catalogue.groups[2]
    parent = Point("x.parent", "Cha", sources=("gia-lai-516:1",))
    child = Point("x.child", "Con", sources=("gia-lai-516:1", "src:lao-cai-34-2021"), parent="x.parent")
    small = dataclasses.replace(catalogue, groups=(Group(group.id, group.title, (parent, child)),), tasks=())
    pruned = Pruned()
    out = prune_catalogue(small, held_out("gia-lai", ["Gia Lai"]), pruned)
    assert [p.id for p in out.groups[0].points] == ["x.child"] and out.groups[0].points[0].parent is None
    assert pruned.removed == ["x.parent"]


def test_pruning_a_kind_keeps_a_topic_whose_lines_survive(catalogue):
    from drafter.inputs.kinds import load_kind

    kind = load_kind("annual", catalogue)
    pruned = Pruned()
    out = prune_kind(kind, held_out("gia-lai", ["Gia Lai"], REFERENCE), pruned)
    items = {i.id: i for s in out.spec.sections for i in s.items}
    assert "a2.press" in items and items["a2.press"].bullets  # heading wording is Gia Lai's, lines are not
    assert "end.report" in pruned.removed  # only Gia Lai closes this way


def test_the_measure_can_fail():
    plan = next(p for p in shared_plans() if p.key == "gia-lai-516")
    units = plan.passages(PLANS)
    result, misses = measure(units, plan.text(PLANS), DraftTexts(("Báo cáo tình hình thời tiết tháng 6",)))
    assert result.total_matched() == 0 and len(misses) == len(units) and result.trigram_recall < 0.01


def test_units_run_to_the_next_start_or_heading():
    lines = ["I. A", "a) một", "tiếp", "b) hai", "2. Đầu mục", "c) ba"]
    units = split_passages("x", lines, ({"kind": "body", "from": 1, "to": 6, "starts": r"^[a-c]\) ", "skip": r"^\d+\. "},))
    assert [(u.start, u.end, u.text) for u in units] == [(2, 3, "a) một tiếp"), (4, 4, "b) hai"), (6, 6, "c) ba")]


SCORER = PLANS.parent.parent / "tools" / "fidelity.py"


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside the repository")
@pytest.mark.parametrize("plan", ["lam-dong-4784", "nghe-an-978", "gia-lai-516"])
def test_f1_both_ways(catalogue, plan):
    """Issue 20: the leave-one-out draft beats the best neighbour copy by 0.05 F1 and is 0.8-1.25x
    the real plan's length (tools/coverage.py --f1 prints the same numbers)."""
    from drafter.quality.fidelity import leave_one_out_f1

    shared = next(p for p in shared_plans() if p.key == plan)
    result = leave_one_out_f1(shared, catalogue, REFERENCE, SCORER)
    print("\n" + result.line())
    assert result.draft.f1 >= result.copy.f1 + 0.05
    assert 0.8 <= result.draft.words / result.real_words <= 1.25


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside the repository")
@pytest.mark.parametrize("plan", ["nghe-an-978", "gia-lai-516"])
def test_a_declared_house_style_helps_the_plan_written_in_it(catalogue, plan):
    """Issue 20: the profile of each shared plan declares that plan's house style (MỤC ĐÍCH split,
    KL 57 basis, no appendix …); drafting with it must not score lower than drafting without it."""
    from drafter.quality.fidelity import leave_one_out_f1

    shared = next(p for p in shared_plans() if p.key == plan)
    styled = leave_one_out_f1(shared, catalogue, REFERENCE, SCORER)
    plain = leave_one_out_f1(shared, catalogue, REFERENCE, SCORER, house_style=False)
    print(f"\n{plan}: F1 {styled.draft.f1:.3f} with its house style, {plain.draft.f1:.3f} without")
    assert styled.draft.f1 >= plain.draft.f1


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside the repository")
def test_the_lam_dong_draft_keeps_its_recall_at_a_real_plans_length(catalogue, tmp_path):
    from drafter import api
    from drafter.inputs.profile import load_profile
    from drafter.quality.fidelity import _docx_text, fidelity, scorer

    fid = scorer(SCORER)
    shared = next(p for p in shared_plans() if p.key == "lam-dong-4784")
    data, _ = api.build_plan(load_profile(shared.profile, catalogue), kind=shared.kind, year=shared.year,
                             date=shared.date, catalogue=catalogue)
    result = fidelity(fid, shared.text(PLANS), _docx_text(fid, data))
    print(f"\nlam-dong-2024: recall {result.recall:.3f}, precision {result.precision:.3f}")
    assert result.recall >= 0.75 and result.precision >= 0.70
