"""Fill {placeholders} in catalogue and plan-kind texts with a province's values.

Deliberately not Jinja: catalogue and profile texts are data, never templates, so a "{{ … }}"
typed into a profile comes out literally and nothing in an input file can run code. Values
are inserted once and never scanned again.

A part in [[double brackets]] is optional: it is dropped whole when a placeholder inside it
has no value (a province without a brand slogan simply loses that clause).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.S)
_NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")


class MissingValue(KeyError):
    """A required placeholder has no value for this province."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def names_in(text: str) -> set[str]:
    return set(_NAME.findall(text))


def fill(text: str, values: Mapping[str, str | None]) -> str:
    def optional(match: re.Match[str]) -> str:
        part = match.group(1)
        if all(values.get(name) for name in names_in(part)):
            return _substitute(part, values)
        return ""

    return _substitute(_OPTIONAL.sub(optional, text), values)


def _substitute(text: str, values: Mapping[str, str | None]) -> str:
    def one(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if not value:
            raise MissingValue(match.group(1))
        return value

    return _NAME.sub(one, text)


def unknown_names(text: str, known: Iterable[str]) -> set[str]:
    return names_in(text) - set(known)


def templatize_year(text: str, year: int) -> tuple[str, bool]:
    """Store the plan year as {nam} (and the year before as {nam_truoc}) so it moves next year.

    Returns the text and whether it had to be kept literally: text with braces of its own must
    never be read as a placeholder."""
    if "{" in text or "}" in text:
        return text, True
    text = re.sub(rf"(?<!\d){year}(?!\d)", "{nam}", text)
    return re.sub(rf"(?<!\d){year - 1}(?!\d)", "{nam_truoc}", text), False


def fill_lenient(text: str | None, values: Mapping[str, str | None], *, literal: bool = False) -> str | None:
    """A reviewer's text with the year placeholders filled; a placeholder without a value stays as
    typed (the reviewer's words are never refused)."""
    if text is None or literal:
        return text
    try:
        return fill(text, values)
    except MissingValue:
        return text
