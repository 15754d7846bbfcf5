"""Run a named rule set over a DOCX and collect findings.

A rule whose check cannot decide (the element is missing, a length cannot be measured) is
reported as "not evaluated". A check that fails with an unexpected exception is also reported
that way, with the exception, so one odd document never hides the other rules' findings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ..docxio.package import open_docx
from ..errors import UnreadableDocument, UsageError
from .checks import CHECKS, Unknown, Violation
from .model import DocModel

RULESET_DIR = Path(__file__).resolve().parent / "rulesets"
SEVERITY_VN = {"error": "LỖI", "warning": "CẢNH BÁO", "not_evaluated": "KHÔNG ĐÁNH GIÁ ĐƯỢC"}


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    severity: str
    source: str
    title: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    rules: tuple[Rule, ...]


@dataclass
class Finding:
    severity: str
    rule: str
    title: str
    message: str
    source: str
    section: int | None = None
    paragraph: int | None = None
    where: str = ""

    def line(self) -> str:
        where = f" [{self.where}]" if self.where else ""
        return f"{SEVERITY_VN[self.severity]} {self.rule}{where} {self.message} (NĐ 30/2020 {self.source})"


@dataclass
class Report:
    file: str
    ruleset: str
    rules_checked: int
    findings: list[Finding]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def ok(self) -> bool:
        return self.count("error") == 0

    def summary(self) -> str:
        return (f"{self.file}: {self.count('error')} lỗi, {self.count('warning')} cảnh báo, "
                f"{self.count('not_evaluated')} không đánh giá được ({self.rules_checked} quy tắc {self.ruleset})")

    def to_dict(self) -> dict:
        return {
            "file": self.file, "ruleset": self.ruleset, "rules_checked": self.rules_checked,
            "summary": {"errors": self.count("error"), "warnings": self.count("warning"),
                        "not_evaluated": self.count("not_evaluated")},
            "findings": [asdict(f) for f in self.findings],
        }


def ruleset_names() -> list[str]:
    return sorted(p.stem for p in RULESET_DIR.glob("*.yaml"))


@cache
def load_ruleset(name: str) -> RuleSet:
    """A shipped rule set, by name (never a path: an option cannot make drafter read elsewhere)."""
    if name not in ruleset_names():
        raise UsageError(f"--rules {name!r}: không có bộ quy tắc này; có: {', '.join(ruleset_names())}")
    path = RULESET_DIR / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = tuple(Rule(r["id"], r["check"], r["severity"], r["source"], r["title"], r.get("params") or {})
                  for r in data["rules"])
    unknown = [r.check for r in rules if r.check not in CHECKS]
    ids = [r.id for r in rules]
    if unknown or len(ids) != len(set(ids)) or any(r.severity not in ("error", "warning") for r in rules):
        raise RuntimeError(f"rule set {name} is inconsistent: unknown checks {unknown}")  # a bug in shipped data
    return RuleSet(data["id"], data["title"], rules)


def check_document(path: Path | str, ruleset: str = "nd30_2020", *, shown: str | None = None) -> Report:
    path = Path(path)
    rules = load_ruleset(ruleset)
    model = DocModel(open_docx(path, shown=shown or str(path)))
    findings: list[Finding] = []
    for rule in rules.rules:
        try:
            for result in CHECKS[rule.check](model, rule.params):
                block = result.block
                severity = "not_evaluated" if isinstance(result, Unknown) else (
                    result.severity if isinstance(result, Violation) and result.severity else rule.severity)
                findings.append(Finding(
                    severity, rule.id, rule.title, result.message, rule.source,
                    section=block.section if block else None,
                    paragraph=block.number if block and block.number else None,
                    where=block.where() if block else "",
                ))
        except Exception as exc:  # noqa: BLE001 - reported, never swallowed
            findings.append(Finding("not_evaluated", rule.id, rule.title,
                                    f"không kiểm tra được ({exc.__class__.__name__}: {exc})", rule.source))
    return Report(shown or str(path), rules.id, len(rules.rules), findings)


@dataclass
class CheckRun:
    """`drafter check` over several files: a report per readable file, a message per unreadable one."""

    reports: list[Report]
    unreadable: list[str]

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return UnreadableDocument.exit_code
        return 0 if all(r.ok for r in self.reports) else 1

    def to_dict(self) -> dict:
        return {"reports": [r.to_dict() for r in self.reports], "unreadable": self.unreadable}


def check_many(paths: list[Path], ruleset: str = "nd30_2020") -> CheckRun:
    load_ruleset(ruleset)  # an unknown rule set is a usage error before any file is read
    reports, unreadable = [], []
    for path in paths:
        try:
            reports.append(check_document(path, ruleset, shown=str(path)))
        except UnreadableDocument as exc:
            unreadable.append(str(exc))
    return CheckRun(reports, unreadable)
