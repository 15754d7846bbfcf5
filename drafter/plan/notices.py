"""What the drafter must still do by hand, collected while a plan is built.

One collector per build replaces lists passed down as out-parameters; each notice is printed
once ("Lưu ý: …"), in the order it arose.
"""

from __future__ import annotations

from collections.abc import Iterable


class Notices:
    def __init__(self, initial: Iterable[str] = ()):
        self._items: list[str] = list(initial)
        self.skipped: list[object] = []  # reviewers' changes that found nothing to change in this plan

    def skip(self, change, text: str) -> None:
        """A reviewer's change that cannot be applied to this plan: said, counted, never silent."""
        self.skipped.append(change)
        self.add(text)

    def add(self, text: str) -> None:
        self._items.append(text)

    def extend(self, texts: Iterable[str]) -> None:
        self._items.extend(texts)

    def as_list(self) -> list[str]:
        return list(dict.fromkeys(self._items))

    def __len__(self) -> int:
        return len(self.as_list())
