"""Fill {placeholders} in catalogue and plan-kind texts with a province's values.

Deliberately not Jinja: catalogue and profile texts are data, never templates, so a "{{ … }}"
typed into a profile comes out literally and nothing in an input file can run code. Values
are inserted once and never scanned again.

A part in [[double brackets]] is optional, and says what it depends on: a placeholder inside it
(dropped whole when that has no value: a province without a brand slogan simply loses that clause),
or a condition of its own, "bạn[[when border: có chung đường biên giới]]" (kept only where the
province has a land border; what follows the colon is kept as written, its leading space too).
A bracket with neither could never be dropped, so validation refuses it.

A placeholder may name a document: {doc:nd72-2015} is its full citation on the plan's date,
{so:nd72-2015} its number ("Nghị định số 72/2015/NĐ-CP"); the values mapping resolves them
(plan.values.Values), and one with nothing in force has no value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.S)
#: "[[when border, !coastal: …]]": conditions of the plan-kind `when:` lists, before a colon.
_CONDITION = r"!?[a-z_]+(?::[a-z_]+(?:=[a-z_]+)?)?"
_WHEN = re.compile(rf"^when\s+({_CONDITION}(?:\s*,\s*{_CONDITION})*)\s*:")
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


def conditions_of(part: str) -> tuple[list[str], str]:
    """The conditions an optional part states ("[[when border: …]]") and the text after them."""
    match = _WHEN.match(part)
    if match is None:
        return [], part
    return [c.strip() for c in match.group(1).split(",") if c.strip()], part[match.end():]


def optional_parts(text: str) -> list[str]:
    return _OPTIONAL.findall(text)


def unconditioned_parts(text: str) -> list[str]:
    """Optional parts that name neither a placeholder nor a condition: they would always be printed."""
    return [part for part in optional_parts(text) if not conditions_of(part)[0] and not names_in(part)]


def fill(text: str, values: Mapping[str, str | None]) -> str:
    """The text with its values. A mapping with condition() decides the "[[when …: …]]" parts; one
    without (a listing of the catalogue) keeps them."""
    condition = getattr(values, "condition", None)

    def optional(match: re.Match[str]) -> str:
        conditions, part = conditions_of(match.group(1))
        if condition is not None and not all(condition(c) for c in conditions):
            return ""
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
