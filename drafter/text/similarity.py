"""How much of a real, issued plan a draft already contains.

Used by the tests (the Lâm Đồng 4784/KH-UBND comparison) and the benchmark script. Two
measures, both on NFC, lower-cased words (punctuation and the "|" table separators of the
PDF extraction dropped):

- trigram recall: the share of the real plan's word trigrams that also occur in the draft.
  Trigrams tolerate the hard line wraps of the extracted text and reward wording, not just
  vocabulary;
- row recall: the share of the real appendix's task rows that have a draft row whose text is
  at least 85 % similar (difflib ratio), i.e. tasks a reviewer would recognise as the same;
- sentence match (leave-one-out coverage, drafter.quality): a real task sentence is matched by a
  draft text that contains at least 40 % of its word bigrams. Bigrams, not trigrams: two
  provinces rarely word a task identically, but a task the drafter would recognise keeps many of
  its two-word phrases ("quảng bá hình ảnh", "phản bác thông tin"). 40 % is the lowest share at
  which no sentence of the shared plans is matched that the hand attribution (the `sources:` of
  the catalogue and kinds) does not also give (tools/coverage.py --calibrate).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def trigrams(tokens: list[str]) -> set[tuple[str, str, str]]:
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def trigram_recall(reference: str, draft: str) -> float:
    ref = trigrams(words(reference))
    return len(ref & trigrams(words(draft))) / len(ref) if ref else 1.0


def bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return {tuple(tokens[i : i + 2]) for i in range(len(tokens) - 1)}


#: Share of a sentence's bigrams a draft text must contain to match it.
SENTENCE_MATCH = 0.4


def containment(sentence: str, text: str) -> float:
    """Share of the sentence's word bigrams that occur in the text."""
    wanted = bigrams(words(sentence))
    return len(wanted & bigrams(words(text))) / len(wanted) if wanted else 0.0


class Candidates:
    """Draft texts indexed once, to find the best match of many sentences."""

    def __init__(self, texts: Iterable[str]):
        self.texts = [t for t in texts if t]
        self.sets = [bigrams(words(t)) for t in self.texts]

    def best(self, sentence: str) -> tuple[float, str]:
        """The text containing most of the sentence's bigrams, and that share."""
        wanted = bigrams(words(sentence))
        if not wanted:
            return 0.0, ""
        best, found = 0.0, ""
        for text, have in zip(self.texts, self.sets, strict=True):
            share = len(wanted & have) / len(wanted)
            if share > best:
                best, found = share, text
        return best, found


def reference_rows(text: str) -> list[str]:
    """Task rows ("2.3 | text | …") of a plan extracted from PDF with "|" cell separators."""
    cells = [c.strip() for c in text.split("|")]
    rows = []
    for i, cell in enumerate(cells[:-1]):
        if re.fullmatch(r"\d+\.\d+", cell):
            rows.append(" ".join(cells[i + 1].split()))
    return rows


def row_recall(reference: Iterable[str], draft: Iterable[str], threshold: float = 0.85) -> tuple[float, list[str]]:
    """Share of reference rows matched by a draft row; also the rows that were not."""
    draft_norm = [" ".join(words(d)) for d in draft]
    missing = []
    ref = list(reference)
    for row in ref:
        norm = " ".join(words(row))
        best = max((difflib.SequenceMatcher(None, norm, d).ratio() for d in draft_norm), default=0.0)
        if best < threshold:
            missing.append(row)
    return (1 - len(missing) / len(ref)) if ref else 1.0, missing
