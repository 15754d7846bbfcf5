"""The registry of checks and what a check yields.

Each check is registered by name and reads its numbers from the rule's params (rulesets/*.yaml),
so a successor decree can reuse a check with other values, or name new ones. A check yields
Violation (the rule is broken here) or Unknown (the rule could not be evaluated on this document:
it is reported as "not evaluated", never as passed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Block, DocModel


@dataclass
class Violation:
    message: str
    block: Block | None = None
    severity: str | None = None  # overrides the rule's severity (e.g. an accepted-with-warning form)


@dataclass
class Unknown:
    message: str
    block: Block | None = None


Result = Iterator[Violation | Unknown]
CHECKS: dict[str, Callable[[DocModel, dict[str, Any]], Result]] = {}


def check(name: str):
    def register(fn):
        CHECKS[name] = fn
        return fn

    return register


def guarded(name: str, present: Callable[[DocModel], object], missing: str):
    """Register a check that needs part of the document: "not evaluated" when that part is absent."""

    def register(fn):
        def wrapper(m: DocModel, p: dict) -> Result:
            if not present(m):
                yield Unknown(missing)
                return
            yield from fn(m, p)

        CHECKS[name] = wrapper
        return fn

    return register


def body_check(name: str):
    return guarded(name, lambda m: m.body, "không xác định được phần nội dung văn bản")


def signature_check(name: str):
    """A signing-block rule: "not evaluated" without one, silent for an appendix (signed with the
    document it comes with)."""

    def register(fn):
        def wrapper(m: DocModel, p: dict) -> Result:
            if m.signature is None:
                if m.doc_type.key not in HEADERLESS:
                    yield Unknown("văn bản không có khối chữ ký / “Nơi nhận”")
                return
            yield from fn(m, p)

        CHECKS[name] = wrapper
        return fn

    return register


#: Documents that carry no header of their own: an appendix issued with another document.
HEADERLESS = ("phu_luc",)


def header_check(name: str):
    """A header rule: silent for a document that has no header by nature (an appendix); "not
    evaluated" when a document that should have one has none (H2 alone says it is missing),
    instead of reading body text as an agency or a number."""

    def register(fn):
        def wrapper(m: DocModel, p: dict) -> Result:
            if m.doc_type.key in HEADERLESS:
                return
            if not m.parts.has_header:
                yield Unknown("văn bản không có khối đầu (Quốc hiệu, cơ quan, số, ngày)")
                return
            yield from fn(m, p)

        CHECKS[name] = wrapper
        return fn

    return register
