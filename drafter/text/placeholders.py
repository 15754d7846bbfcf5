"""Fill {placeholders} in catalogue and plan-kind texts with a province's values.

Deliberately not Jinja: catalogue and profile texts are data, never templates, so a "{{ … }}"
typed into a profile comes out literally and nothing in an input file can run code. Values
are inserted once and never scanned again.

A part in [[double brackets]] is optional: it is dropped whole when a placeholder inside it
has no value (a province without a brand slogan simply loses that clause).

A placeholder may name a document: {doc:nd72-2015} is its full citation on the plan's date,
{so:nd72-2015} its number ("Nghị định số 72/2015/NĐ-CP"); the values mapping resolves them
(plan.values.Values), and one with nothing in force has no value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.S)
_NAME = re.compile(r"\{([a-z][a-z0-9_]*(?::[a-z0-9][a-z0-9._-]*)?)\}")
#: Prefixes of placeholders that name a document (or a slot of successive documents).
DOCUMENT_PREFIXES = ("doc", "so")


class MissingValue(KeyError):
    """A required placeholder has no value for this province."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def names_in(text: str) -> set[str]:
    return set(_NAME.findall(text))


def required_names(text: str) -> set[str]:
    """Placeholders outside [[optional]] parts: without a value, the text cannot be written."""
    return names_in(_OPTIONAL.sub("", text))


def document_ref(name: str) -> str | None:
    """ "nd72-2015" for "doc:nd72-2015" or "so:nd72-2015"; None for an ordinary placeholder."""
    prefix, _, ref = name.partition(":")
    return ref if ref and prefix in DOCUMENT_PREFIXES else None


def fill(text: str, values: Mapping[str, str | None]) -> str:
    def optional(match: re.Match[str]) -> str:
        part = match.group(1)
        if all(values.get(name) for name in names_in(part)):
            return _substitute(part, values)
        return ""

    return _substitute(_OPTIONAL.sub(optional, text), values)


def _substitute(text: str, values: Mapping[str, str | None]) -> str:
    # A mapping with use() is told which values the text really used (the plan records the
    # documents a draft cites, to report weak ones); get() alone only asks.
    lookup = getattr(values, "use", values.get)

    def one(match: re.Match[str]) -> str:
        value = lookup(match.group(1))
        if not value:
            raise MissingValue(match.group(1))
        return value

    return _NAME.sub(one, text)


def unknown_names(text: str, known: Iterable[str], documents: Iterable[str] = ()) -> set[str]:
    """Placeholders that are neither known names nor references to known documents."""
    known, documents = set(known), set(documents)
    out = set()
    for name in names_in(text):
        ref = document_ref(name)
        if (ref is None and name not in known) or (ref is not None and ref not in documents):
            out.add(name)
    return out


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
