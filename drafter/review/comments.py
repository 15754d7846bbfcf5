"""`drafter check --comments`: a copy of the document with each finding as a Word comment on the
paragraph it is about, where a legal reviewer works, instead of a report in a terminal.

The finding names its paragraph by reading-order number (check/model.py, Para.number). The copy is
the same bytes opened again and walked by the same DocModel, so number N is the same paragraph
here as in the checker. A finding about the whole document (margins, paper, page numbers) is put
on the first paragraph. Comments go through python-docx's comments part, which appends to one the
document already has and keeps ids unique; the anchor (w:commentRangeStart/End and the
w:commentReference run) is written by hand, so an empty paragraph can carry one too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..check.model import DocModel
from ..check.runner import SEVERITY_VN, Finding, Report, check_document
from ..docxio.package import open_for_check
from ..paths import display_path
from .copies import guard_copy, write_copy

AUTHOR, INITIALS = "drafter", "D"
COMMENTED = ("error", "warning")


@dataclass
class CommentResult:
    """What `comment_copy` wrote: the copy, the report it came from, how many comments (and how
    many of them stand on the first paragraph because they are about the whole document)."""

    out: Path
    report: Report
    placed: int = 0
    whole_document: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)


def comment_text(finding: Finding) -> str:
    """The comment: severity, rule and title, the message; then the article it rests on."""
    return (f"{SEVERITY_VN[finding.severity]} {finding.rule} ({finding.title}): {finding.message}\n"
            f"Căn cứ: {finding.source}")


def comment_copy(path: Path | str, out: Path | str, *, force: bool = False, report: Report | None = None,
                 **check_options) -> CommentResult:
    """Write the commented copy to `out` (never over `path`). `report` is the check already run on
    this file (`drafter check --comments`); otherwise the file is checked here with check_options
    (those of check_document: rulesets, date, doc_type)."""
    path, out = Path(path), Path(out)
    guard_copy(path, out, force=force, option="--comments")
    if report is None:
        report = check_document(path, shown=display_path(path), **check_options)
    document, _ = open_for_check(path, shown=display_path(path))
    result = CommentResult(out, report)
    blocks = DocModel(document).blocks
    for finding in report.findings:
        if finding.severity not in COMMENTED or not blocks:
            continue
        number = finding.paragraph if finding.paragraph and finding.paragraph <= len(blocks) else None
        block = blocks[number - 1] if number else blocks[0]
        comment = document.comments.add_comment(comment_text(finding), author=AUTHOR, initials=INITIALS)
        anchor(block.paragraph._p, comment.comment_id)
        result.placed += 1
        result.whole_document += number is None
        result.by_rule[finding.rule] = result.by_rule.get(finding.rule, 0) + 1
    write_copy(document, out)
    return result


def anchor(p, comment_id: int) -> None:
    """The comment's range over the whole paragraph: start after its properties, end and the
    reference run at its end (valid on an empty paragraph too)."""
    start, end = OxmlElement("w:commentRangeStart"), OxmlElement("w:commentRangeEnd")
    for el in (start, end):
        el.set(qn("w:id"), str(comment_id))
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)
    run = OxmlElement("w:r")
    reference = OxmlElement("w:commentReference")
    reference.set(qn("w:id"), str(comment_id))
    run.append(reference)
    p.append(run)
