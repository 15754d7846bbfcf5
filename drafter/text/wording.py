"""Which of several wordings of one sentence a draft uses: the medoid, national texts first.

Where several plans (and the national texts they copy) say the same thing in their own words, the
draft should read like all of them, not like the first one someone typed in: the wording with the
highest mean similarity to every other (each weighted by the independent writers who use it) is
the one a reviewer from any province finds closest to their own. National texts (NQ 47's own
words, KL 57, the ministry's letters) are what every province copies from and are never removed
by leave-one-out, so one wins whenever it is nearly as central as the best: within a margin that
the plan kind keeps as data (`national_margin`).

Pure functions on strings: no input files, no DOCX.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from .similarity import words


@dataclass(frozen=True)
class Wording:
    text: str
    sources: tuple[str, ...] = ()
    national: bool = False
    voices: int = 1  # independent writers (provinces, national documents) that use this wording


def similarity(a: str, b: str) -> float:
    """Word-level likeness of two wordings (difflib ratio over their word sequences, taken both
    ways since difflib's matching depends on the order): order-aware, 1.0 for the same words;
    {placeholders} count as the words of their names."""
    left, right = words(a), words(b)
    if not left and not right:
        return 1.0
    there = difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()
    back = difflib.SequenceMatcher(None, right, left, autojunk=False).ratio()
    return (there + back) / 2


def centrality(wordings: Sequence[Wording]) -> list[float]:
    """Each wording's mean similarity to all the other voices: a wording used by three writers
    counts three times, and its own other writers agree with it fully. Each pair is measured once
    (similarity() is symmetric), with one difflib matcher per wording reused as the second text of
    every comparison: the medoids were a tenth of a cold draft."""
    total = sum(max(w.voices, 1) for w in wordings)
    if total <= 1:
        return [1.0 for _ in wordings]
    tokens = [words(w.text) for w in wordings]
    matchers = [difflib.SequenceMatcher(None, b=t, autojunk=False) for t in tokens]

    def ratio(a: int, b: int) -> float:  # difflib ratio of tokens[a] against tokens[b]
        matchers[b].set_seq1(tokens[a])
        return matchers[b].ratio()

    pair: dict[tuple[int, int], float] = {}
    for i in range(len(wordings)):
        for j in range(i + 1, len(wordings)):
            both = 1.0 if not tokens[i] and not tokens[j] else (ratio(i, j) + ratio(j, i)) / 2
            pair[i, j] = pair[j, i] = both
    scores = []
    for i, mine in enumerate(wordings):
        agree = max(mine.voices, 1) - 1
        agree += sum(max(other.voices, 1) * pair[i, j] for j, other in enumerate(wordings) if j != i)
        scores.append(agree / (total - 1))
    return scores


#: Centralities closer than this are a tie: a word or two of difference is noise, not consensus,
#: and the wording listed first in the data (the one the kind used before) stays.
TIE = 0.01


def medoid(wordings: Sequence[Wording], *, national_margin: float = 0.0) -> Wording:
    """The wording closest to all the others; a national wording whose centrality is within
    `national_margin` of the best wins over a province's. Ties (TIE) keep the order of the data."""
    if not wordings:
        raise ValueError("no wording to choose from")
    scores = centrality(wordings)
    top = max(scores)
    best = next(i for i, score in enumerate(scores) if score >= top - TIE)
    national = [i for i, w in enumerate(wordings) if w.national]
    if national:
        first = max(national, key=lambda i: (scores[i], -i))
        if scores[first] >= top - national_margin:
            return wordings[first]
    return wordings[best]
