"""`drafter fix`: a copy of the document with every finding that can be fixed safely fixed as a Word
tracked change (formatting: w:rPrChange, w:pPrChange, w:sectPrChange; a page number added or
moved: w:ins/w:del), for the reviewer to accept or reject one by one.

The findings of `drafter check` drive it: FIXERS maps a rule id to the function that knows how to
fix that rule; a finding of a rule without a fixer, or one its fixer judges unsafe (words to
change without --text, a heading it is not sure of, an element that is missing), is left with the
reason. The copy is checked again, so the result says how many errors remain.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ...check.model import DocModel
from ...check.runner import Finding, check_document, load_ruleset
from ...docxio.package import open_for_check
from ...paths import display_path
from ..copies import guard_copy, write_copy
from ..revise import Reviser
from . import pages
from . import parts as lines
from .base import CONTENT, NO_FIXER, Fixing
from .rules import rule_line

FIXERS = {
    "G1": pages.paper, "G3": pages.margins, "G4": lines.fonts, "G5": lines.colour, "G6": lines.body_size,
    "G7A": pages.add_page_number, "G7B": pages.first_page, "G7C": pages.number_format, "G7D": pages.footer_number,
    "G8": lines.closing, "A5": pages.appendix_numbering,
    "C1": lines.justify, "C1S": lines.body_size, "C2": lines.indent, "C3": lines.spacing, "C4": lines.line_spacing,
    "C5": lines.can_cu, "H9": lines.date_line, "H4": rule_line, "H7": rule_line, "T3": rule_line,
    **{rule: lines.styled for rule in ("H2", "H3F", "H6", "H8", "T1", "T2", "V1", "P1", "K1", "S2", "S4", "S6", "S7",
                                       "A2", "A3", "A4", "N1")},
}
FIXED_SEVERITIES = ("error", "warning")


@dataclass
class Left:
    """A finding left for the reviewer, and why."""

    finding: Finding
    reason: str

    def line(self) -> str:
        where = f" [{self.finding.where}]" if self.finding.where else ""
        return f"{self.finding.rule}{where} {self.finding.message} — {self.reason}"


@dataclass
class FixResult:
    out: Path
    fixed: Counter = field(default_factory=Counter)  # rule id → findings fixed
    left: list[Left] = field(default_factory=list)
    edits: list[str] = field(default_factory=list)  # changes of words (--text), each listed
    changes: int = 0  # tracked changes written
    errors_before: int = 0
    errors_after: int = 0
    remaining: list[Finding] = field(default_factory=list)  # errors `drafter check` still finds in the copy


def fix_copy(path: Path | str, out: Path | str, *, text: bool = False, force: bool = False) -> FixResult:
    """Write the fixed copy to `out` (never over `path`) and say what was fixed and what was left."""
    path, out = Path(path), Path(out)
    guard_copy(path, out, force=force, option="--out")
    shown = display_path(path)
    report = check_document(path, shown=shown)
    document, _ = open_for_check(path, shown=shown)
    model = DocModel(document)
    model.parts  # noqa: B018 - the parts are found on the document as it was, before any edit
    reviser = Reviser(document)
    params = {r.id: r.params for r in load_ruleset("nd30_2020").rules}
    fx = Fixing(model, reviser, params, text=text)
    result = FixResult(out, errors_before=report.count("error"))
    for finding in report.findings:
        if finding.severity not in FIXED_SEVERITIES:
            continue
        reason = _fix_one(fx, finding)
        if reason is None:
            result.fixed[finding.rule] += 1
        else:
            result.left.append(Left(finding, reason))
    reviser.finish()
    result.edits = fx.edits
    write_copy(document, out)
    after = check_document(out, shown=display_path(out))
    result.errors_after = after.count("error")
    result.remaining = [f for f in after.findings if f.severity == "error"]
    result.changes = reviser.rev.next_id - reviser.start
    return result


def _fix_one(fx: Fixing, finding: Finding) -> str | None:
    fixer = FIXERS.get(finding.rule)
    if fixer is None:
        return CONTENT if finding.rule.startswith(("D", "ND")) else NO_FIXER
    return fixer(fx, finding, fx.block(finding.paragraph))
