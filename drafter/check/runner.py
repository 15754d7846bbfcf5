"""Run named rule sets over a DOCX and collect findings.

Three rule sets ship: nd30_2020 (the form of the document, Nghị định 30/2020), trich_dan (its
citations judged on its date against drafter/data) and noi_dung (its words: repeats, the name of
Thành phố Hồ Chí Minh, duties the province cannot have, a body given two items). All run by default.

A rule whose check cannot decide (the element is missing, a length cannot be measured, a cited
document is not in the data) is reported as "not evaluated". A check that fails with an
unexpected exception is also reported that way, with the exception, so one odd document never
hides the other rules' findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from ..docxio.package import open_for_check
from ..errors import UnreadableDocument, UsageError, os_reason
from ..inputs.yamlio import load_bundled
from .checks import CHECKS, Unknown
from .model import DocModel

RULESET_DIR = Path(__file__).resolve().parent / "rulesets"
DEFAULT_RULESETS = ("nd30_2020", "trich_dan", "noi_dung")
SEVERITY_VN = {"error": "LỖI", "warning": "CẢNH BÁO", "not_evaluated": "KHÔNG ĐÁNH GIÁ ĐƯỢC"}


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    severity: str
    source: str
    title: str
    params: dict = field(default_factory=dict)
    severities: dict = field(default_factory=dict)  # a Violation's case → its severity, when not the rule's

    def severity_of(self, case: str | None) -> str:
        return self.severities.get(case, self.severity) if case else self.severity


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    cite: str  # how a finding names the rule set's authority: "NĐ 30/2020 Phụ lục I, II.4"
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
        return f"{SEVERITY_VN[self.severity]} {self.rule}{where} {self.message} ({self.source})"


@dataclass
class Report:
    file: str
    ruleset: str
    rules_checked: int
    findings: list[Finding]
    doc_type: str = ""  # the type the rules were applied for ("Quyết định"), guessed or given by --type

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def of(self, prefix: str) -> list[Finding]:
        """Findings of the rules whose id starts with prefix ("D" for the citation rules)."""
        return [f for f in self.findings if f.rule.startswith(prefix)]

    @property
    def ok(self) -> bool:
        return self.count("error") == 0

    def summary(self) -> str:
        kind = f"; loại: {self.doc_type}" if self.doc_type else ""
        return (f"{self.file}: {self.count('error')} lỗi, {self.count('warning')} cảnh báo, "
                f"{self.count('not_evaluated')} không đánh giá được "
                f"({self.rules_checked} quy tắc {self.ruleset}{kind})")

    def to_dict(self) -> dict:
        return {
            "file": self.file, "ruleset": self.ruleset, "rules_checked": self.rules_checked, "doc_type": self.doc_type,
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
    data = load_bundled(RULESET_DIR / f"{name}.yaml")
    rules = tuple(Rule(r["id"], r["check"], r["severity"], r["source"], r["title"], r.get("params") or {},
                       r.get("severities") or {}) for r in data["rules"])
    unknown = [r.check for r in rules if r.check not in CHECKS]
    ids = [r.id for r in rules]
    severities = {s for r in rules for s in (r.severity, *r.severities.values())}
    if unknown or len(ids) != len(set(ids)) or not severities <= {"error", "warning"}:
        raise RuntimeError(f"rule set {name} is inconsistent: unknown checks {unknown}")  # a bug in shipped data
    return RuleSet(data["id"], data["title"], data.get("cite", data["id"]), rules)


def _findings(model: DocModel, ruleset: RuleSet) -> list[Finding]:
    findings: list[Finding] = []
    out_of_scope = model.doc_type.key == "dang" and ruleset.id == "nd30_2020"
    for rule in ruleset.rules:
        if out_of_scope and rule.check != "document_scope":
            continue  # a Party document: one line says why, instead of dozens of findings that do not apply
        source = f"{ruleset.cite} {rule.source}".strip()
        try:
            for result in CHECKS[rule.check](model, rule.params):
                block = result.block
                severity = "not_evaluated" if isinstance(result, Unknown) else rule.severity_of(result.case)
                findings.append(Finding(
                    severity, rule.id, rule.title, result.message, source,
                    section=block.section if block else None,
                    paragraph=block.number if block and block.number else None,
                    where=block.where() if block else "",
                ))
        except Exception as exc:  # noqa: BLE001 - reported, never swallowed
            findings.append(Finding("not_evaluated", rule.id, rule.title, f"không kiểm tra được ({_why(exc)})",
                                    source))
    return findings


def _why(exc: Exception) -> str:
    """Why a rule could not run: an OS error in Vietnamese (os_reason); anything else is a bug in
    drafter, named so that it can be reported."""
    if isinstance(exc, OSError):
        return os_reason(exc, "đọc")
    return f"lỗi của drafter, hãy báo lại: {exc.__class__.__name__}: {exc}"


def check_document(path: Path | str, rulesets: str | tuple[str, ...] | list[str] = DEFAULT_RULESETS, *,
                   shown: str | None = None, date: dt.date | None = None, knowledge=None,
                   doc_type: str | None = None) -> Report:
    """Check a DOCX; `date` overrides the date its place-and-date line states, `knowledge` adds a
    province's own documents (for the citation rules), `doc_type` (a key of check.doctype) the type
    the rules are applied for instead of the guess."""
    from .doctype import BY_KEY

    path = Path(path)
    names = (rulesets,) if isinstance(rulesets, str) else tuple(rulesets)
    sets = [load_ruleset(name) for name in names]
    forced = _doc_type(doc_type)
    document, macro_kind = open_for_check(path, shown=shown or str(path))
    model = DocModel(document)
    model.macro_kind = macro_kind
    model.date_override = date
    model.knowledge = knowledge
    model.forced_type = BY_KEY[forced] if forced else None
    findings = [f for ruleset in sets for f in _findings(model, ruleset)]
    return Report(shown or str(path), "+".join(s.id for s in sets), sum(len(s.rules) for s in sets), findings,
                  doc_type=model.doc_type.label + ("" if forced else " (đoán)"))


def content_findings(document: Path | str | bytes | DocModel, *, date: dt.date | None = None) -> list[Finding]:
    """The noi_dung rules (ND1-ND4) alone, on a DOCX path, its bytes (api.build_plan's result) or a
    model already read: cheap enough to run over every draft a test builds, where the whole checker
    would measure formatting it does not care about. `date` as for check_document."""
    if isinstance(document, DocModel):
        model = document
    else:
        if isinstance(document, bytes):
            import io

            from docx import Document

            parsed = Document(io.BytesIO(document))
        else:
            parsed, _ = open_for_check(Path(document))
        model = DocModel(parsed)
    if date is not None:
        model.date_override = date
    return _findings(model, load_ruleset("noi_dung"))


def _doc_type(name: str | None) -> str | None:
    from .doctype import names

    if name is None:
        return None
    if name not in names():
        raise UsageError(f"--type {name!r}: không có loại này; có: {', '.join(names())}")
    return name


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


def check_many(paths: list[Path], rulesets: tuple[str, ...] | list[str] = DEFAULT_RULESETS,
               date: dt.date | None = None, profile: str | None = None, doc_type: str | None = None) -> CheckRun:
    for name in rulesets:  # an unknown rule set (or type) is a usage error before any file is read
        load_ruleset(name)
    _doc_type(doc_type)
    knowledge = None
    if profile:
        from ..inputs.catalogue import bundled
        from ..inputs.knowledge import bundled as bundled_knowledge
        from ..inputs.profile import load_profile

        knowledge = bundled_knowledge().with_documents(load_profile(profile, bundled()).documents)
    reports, unreadable = [], []
    for path in paths:
        try:
            reports.append(check_document(path, tuple(rulesets), shown=str(path), date=date, knowledge=knowledge,
                                          doc_type=doc_type))
        except UnreadableDocument as exc:
            unreadable.append(str(exc))
    return CheckRun(reports, unreadable)
