"""Issue 20, "the most common wording": where several documents word the same sentence, the draft
uses the wording closest to all of them (the medoid), national texts first, and leave-one-out
chooses again among the wordings the held-out province did not write."""

import pytest

from drafter.inputs.evidence import SourceDocuments
from drafter.inputs.kind_records import Item, Line, Point
from drafter.inputs.kinds import kind_names, load_kind
from drafter.inputs.wordings import chooser
from drafter.quality.provenance import Pruned, held_out, prune_kind
from drafter.text.wording import Wording, centrality, medoid, similarity
from tests.conftest import PLANS

A = "Tăng cường công tác phối hợp giữa các cơ quan, đơn vị, địa phương trong triển khai thông tin đối ngoại."
B = "Tăng cường phối hợp giữa các cơ quan, đơn vị, địa phương trong triển khai công tác thông tin đối ngoại."
C = "Tăng cường công tác phối hợp giữa các sở, ngành, địa phương trong thông tin đối ngoại."
FAR = "Bố trí kinh phí thực hiện Kế hoạch từ nguồn ngân sách nhà nước."


def test_similarity_is_one_for_the_same_words_and_low_for_other_words():
    assert similarity(A, A.upper()) == 1.0
    assert similarity(A, FAR) < 0.3 < similarity(A, B)
    assert similarity(A, C) == similarity(C, A)


def test_the_medoid_is_the_wording_closest_to_all_the_others_not_the_first():
    wordings = [Wording(FAR), Wording(A), Wording(B), Wording(C)]
    assert medoid(wordings).text in {A, B}
    assert medoid(wordings) != wordings[0]


def test_a_wording_several_writers_use_counts_once_per_writer():
    lonely, shared = Wording(B, voices=1), Wording(C, voices=3)
    scores = centrality([Wording(A), lonely, shared])
    assert scores[2] > scores[1]
    assert medoid([Wording(A), lonely, shared]) == shared


def test_centrality_measures_each_pair_once_and_scores_as_if_measured_both_ways(monkeypatch):
    import difflib

    from drafter.text import wording

    wordings = [Wording(A, voices=2), Wording(B), Wording(C, voices=3), Wording(FAR), Wording("")]
    total = sum(w.voices for w in wordings)
    both_ways = [(w.voices - 1 + sum(o.voices * similarity(w.text, o.text) for o in wordings if o is not w))
                 / (total - 1) for w in wordings]
    built = []

    class Counted(difflib.SequenceMatcher):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(wording.difflib, "SequenceMatcher", Counted)
    assert centrality(wordings) == both_ways
    assert len(built) == len(wordings)  # one matcher per wording, not two per ordered pair


def test_a_national_wording_wins_within_the_margin_and_only_within_it():
    national = Wording(C, national=True)
    wordings = [Wording(A), Wording(B), national]
    best = medoid(wordings)
    assert best != national
    gap = max(centrality(wordings)) - centrality(wordings)[2]
    assert medoid(wordings, national_margin=gap + 0.01) == national
    assert medoid(wordings, national_margin=gap - 0.01) == best


def test_two_wordings_tie_so_the_national_one_or_else_the_first_is_used():
    assert medoid([Wording(A), Wording(FAR, national=True)]).text == FAR
    assert medoid([Wording(A), Wording(FAR)]).text == A


def test_one_wording_is_used_as_it_is_and_none_is_an_error():
    assert medoid([Wording(FAR)]).text == FAR
    with pytest.raises(ValueError):
        medoid([])


def test_choosing_sets_text_and_sources_from_the_wordings_left():
    documents = SourceDocuments.bundled()
    item = Item.of({"id": "x", "wordings": [{"text": A, "sources": ["lam-dong-4784:53"]},
                                            {"text": C, "sources": ["src:cv-1578-2024"]}]})
    chosen = item.worded(chooser(documents, 0.1))
    assert chosen.text == C  # national: CV 1578 is a central text
    assert chosen.sources == ("lam-dong-4784:53", "src:cv-1578-2024")
    chosen = item.worded(chooser(documents, 0.1, excluded=lambda ref: ref.startswith("src:")))
    assert chosen.text == A and chosen.sources == ("lam-dong-4784:53",)
    assert item.worded(chooser(documents, 0.1, excluded=lambda ref: True)).sources == ()  # leave-one-out drops it


def test_leave_one_out_never_keeps_the_held_out_provinces_wording(catalogue):
    kind = load_kind("nq47", catalogue)
    for province, names in (("lam-dong", ("Lâm Đồng",)), ("nghe-an", ("Nghệ An",))):
        pruned = prune_kind(kind, held_out(province, names), Pruned())
        worded = _worded(pruned.spec)
        assert len(worded) >= 20  # nq47 words two dozen texts several ways
        for node in worded:
            mine = [w.text for w in node.wordings if all(held_out(province, names)(r) for r in w.sources)]
            others = [w.text for w in node.wordings if w.text not in mine]
            assert node.text not in mine or node.text in others, getattr(node, "id", node.text)


def test_national_texts_are_never_left_out(catalogue):
    kind = prune_kind(load_kind("nq47", catalogue), held_out("lam-dong", ("Lâm Đồng",)), Pruned())
    documents = SourceDocuments.bundled()
    worded = _worded(kind.spec)
    assert len(worded) >= 20
    for node in worded:
        if any(documents.central(r) for w in node.wordings for r in w.sources):
            assert node.text and node.sources, getattr(node, "id", node.text)


def _worded(spec):
    """The kind's texts given as several wordings."""
    return [node for node in spec.nodes() if isinstance(node, Point | Line) and node.wordings]


@pytest.mark.skipif(not PLANS.is_dir(), reason="shared/reference is not beside the repository")
def test_a_wording_from_a_shared_plan_quotes_the_sentence_at_its_line(catalogue):
    """Most of a wording's words, in order, are the plan's own at the line cited (names become
    {placeholders}; a clause may be left out, nothing may be made up)."""
    from drafter.text.similarity import bigrams, words
    from tests.test_catalogue_sources import SHARED

    texts = {key: (PLANS / file).read_text(encoding="utf-8").splitlines() for key, file in SHARED.items()}
    checked = 0
    for name in kind_names():
        for node in _worded(load_kind(name, catalogue).spec):
            for wording in node.wordings:
                for ref in wording.sources:
                    key, _, line = ref.partition(":")
                    if key not in texts:
                        continue
                    around = bigrams(words(" ".join(texts[key][int(line) - 1:int(line) + 12])))
                    mine = {b for b in bigrams(words(_unplaced(wording.text))) if "zzslot" not in b}
                    assert len(mine & around) >= 0.7 * len(mine), f"{name} {getattr(node, 'id', node.text)}: {ref}"
                    checked += 1
    assert checked >= 30


def _unplaced(text: str) -> str:
    """The text with {placeholders} and [[optional parts]] marked so their words are not checked."""
    import re

    text = re.sub(r"\[\[.*?\]\]", " zzslot ", text)
    return re.sub(r"\{[^}]*\}", " zzslot ", text)


def test_a_draft_takes_the_shipped_medoids_without_comparing_wordings(monkeypatch):
    """The medoids of the shipped wordings are a table tools/parse_shipped.py writes (6 ms of a cold
    draft): with nothing held out no pair is compared, the same texts come out, and a held-out
    province's draft still computes its own choice."""
    from drafter.inputs import wordings
    from drafter.inputs.catalogue import bundled
    from drafter.inputs.kinds import load_kind

    expected = load_kind("nq47", bundled()).spec
    computed = []
    real = wordings.medoid
    monkeypatch.setattr(wordings, "medoid", lambda *a, **k: computed.append(1) or real(*a, **k))
    assert load_kind("nq47", bundled()).spec == expected and computed == []
    wordings.chooser(wordings.SourceDocuments.bundled(), 0.1, lambda ref: ref.startswith("lam-dong"))(
        next(p for p in _phrasings(expected)))
    assert computed == [1]


def _phrasings(spec):
    from drafter.inputs.kind_records import Phrasing

    def walk(value):
        if isinstance(value, tuple) and value and all(isinstance(v, Phrasing) for v in value):
            yield value
        elif isinstance(value, tuple):
            for v in value:
                yield from walk(v)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                yield from walk(getattr(value, name))

    return walk(spec)
