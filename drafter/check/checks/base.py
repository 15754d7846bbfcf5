"""The registry of checks and what a check yields.

Each check is registered by name and reads its numbers from the rule's params (rulesets/*.yaml),
so a successor decree can reuse a check with other values, or name new ones. A check yields
Violation (the rule is broken here) or Unknown (the rule could not be evaluated on this document:
it is reported as "not evaluated", never as passed).

A check never decides a severity: a Violation may name its `case` ("superseded", "typed_rule"), and
the rule set maps cases to severities (`severities: {superseded: warning}`); otherwise the rule's
own severity applies. So the rule set is the one place a reader learns how grave a finding is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import DocModel, Para


@dataclass
class Violation:
    message: str
    block: Para | None = None
    case: str | None = None  # which way the rule is broken: the rule set's `severities` maps it


@dataclass
class Unknown:
    message: str
    block: Para | None = None


Result = Iterator[Violation | Unknown]
CHECKS: dict[str, Callable[[DocModel, dict[str, Any]], Result]] = {}


Applies = Callable[[DocModel], bool]


def check(name: str, applies: Applies | None = None):
    """Register a check. `applies` says whether the rule belongs to this kind of document at all
    (an appendix issued on its own has no header to judge): where it does not, the rule is silent."""

    def register(fn):
        if applies is None:
            CHECKS[name] = fn
        else:
            def wrapper(m: DocModel, p: dict) -> Result:
                if applies(m):
                    yield from fn(m, p)

            CHECKS[name] = wrapper
        return fn

    return register


def guarded(name: str, present: Callable[[DocModel], object], missing: str, applies: Applies | None = None):
    """Register a check that needs part of the document: "not evaluated" when that part is absent."""

    def needs_part(fn):
        def checked(m: DocModel, p: dict) -> Result:
            if not present(m):
                yield Unknown(missing)
                return
            yield from fn(m, p)

        check(name, applies)(checked)
        return fn

    return needs_part


#: Documents that carry no header, signature or closing mark of their own: an appendix issued with
#: another document.
HEADERLESS = ("phu_luc",)


def has_own_frame(m: DocModel) -> bool:
    """Header, signing block and closing mark are expected (not an appendix issued on its own)."""
    return m.doc_type.key not in HEADERLESS


def body_check(name: str, applies: Applies | None = None):
    return guarded(name, lambda m: m.body, "không xác định được phần nội dung văn bản", applies)


def signature_check(name: str):
    """A signing-block rule: "not evaluated" without one, silent for an appendix."""
    return guarded(name, lambda m: m.signature, "văn bản không có khối chữ ký / “Nơi nhận”", has_own_frame)


def header_check(name: str):
    """A header rule: silent for an appendix; "not evaluated" when a document that should have a
    header has none (H2 alone says it is missing), instead of reading body text as an agency."""
    return guarded(name, lambda m: m.parts.has_header, "văn bản không có khối đầu (Quốc hiệu, cơ quan, số, ngày)",
                   has_own_frame)
