"""A difference between two plans (an item added, removed or reworded) and the word-level alignment
both of its forms use: review.diff finds the differences and lists them, review.tracked writes them
as Word tracked changes, the review page shows them.

Their own module, so the lister and the tracked-changes writer need not import each other.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field


@dataclass
class Item:
    kind: str  # "đoạn" | "nhiệm vụ"
    mark: str | None
    text: str  # what is compared (label stripped; a row's cells joined)
    shown: str  # what is printed
    elements: list = field(default_factory=list)  # w:p elements, or the w:tr
    number: str = ""  # a row's STT, a paragraph's label ("2.3", "a)")
    id: str | None = None  # the catalogue id, from the document's snapshot

    def title(self) -> str:
        """ "nhiệm vụ 2.3 (g3.asean)", "đoạn a) (g3.image)": which item, said the way a reviewer finds it."""
        parts = [self.kind] + ([self.number] if self.number else []) + ([f"({self.id})"] if self.id else [])
        return " ".join(parts)


@dataclass
class Difference:
    action: str  # added | removed | reworded
    old: Item | None
    new: Item | None
    anchor: tuple[str, object] | None = None  # where a removed item goes back in the tracked copy

    def line(self) -> str:
        item = self.new or self.old
        if self.action == "added":
            return f"+ {item.title()}: «{self.new.shown}»"
        if self.action == "removed":
            return f"- {item.title()}: «{self.old.shown}»"
        return f"~ {self.new.title()}: «{inline(self.old.shown, self.new.shown)}»"


def word_runs(old: str, new: str, context: int) -> list[tuple[str, str]]:
    """Old → new as runs of words, ("same" | "del" | "ins", text), an unchanged run longer than
    twice `context` cut to `context` words on each side of a change ("…" between): the command
    line marks the runs up (inline), the page colours them (web.review_view)."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in opcodes(a, b):
        if op == "equal":
            words = b[b1:b2]
            if len(words) > 2 * context:
                words = (words[:context] if out else []) + ["…"] + (words[-context:] if b2 < len(b) else [])
            out.append(("same", " ".join(words)))
            continue
        if a2 > a1:
            out.append(("del", " ".join(a[a1:a2])))
        if b2 > b1:
            out.append(("ins", " ".join(b[b1:b2])))
    return out


_MARKUP = {"same": "{}", "del": "[-{}-]", "ins": "{{+{}+}}"}


def inline(old: str, new: str, context: int = 5) -> str:
    """Old → new as one line: [-removed words-]{+added words+}, with a few words of context."""
    return " ".join(_MARKUP[kind].format(text) for kind, text in word_runs(old, new, context) if text)


#: Word-level alignment is quadratic or worse on repetitive text: past this many words on the two
#: sides together a paragraph is shown as replaced whole, which is still exact, only coarser.
MAX_DIFF_WORDS = 3_000


def opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes for two word lists, bounded: whole replacement when too long to align."""
    if len(a) + len(b) > MAX_DIFF_WORDS:
        return [("replace", 0, len(a), 0, len(b))] if a != b else [("equal", 0, len(a), 0, len(b))]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
