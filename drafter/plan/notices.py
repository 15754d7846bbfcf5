"""What the drafter must still do by hand, collected while a plan is built.

One collector per build replaces lists passed down as out-parameters; each notice is printed
once ("Lưu ý: …"), in the order it arose.
"""

from __future__ import annotations

from collections.abc import Iterable


class Notices:
    def __init__(self, initial: Iterable[str] = ()):
        self._items: list[str] = list(initial)

    def add(self, text: str) -> None:
        self._items.append(text)

    def extend(self, texts: Iterable[str]) -> None:
        self._items.extend(texts)

    def as_list(self) -> list[str]:
        return list(dict.fromkeys(self._items))

    def __len__(self) -> int:
        return len(self.as_list())
