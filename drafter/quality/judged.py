"""How far a reviewer can trust `drafter check` on documents people wrote (issue 21).

Every error the checker reports on ../shared/realworld/docs/ was read against NĐ 30/2020 by a
person, and the verdict is kept as data (tests/data/realworld/*.yaml), one entry per finding:

    - {doc: ld-cv-dieule-hoi.docx, rule: S7, para: 41, text: "KT. CHỦ TỊCH",
       verdict: false, why: "the authority line read as a recipient: signature and Nơi nhận share a cell"}

`verdict` is one of
  real    a problem a reviewer would ask to fix: it should be an error;
  minor   true but invisible in print or a matter of taste: fine as a warning, false as an error;
  false   not a problem at all: it should not be reported;
  unclear the decree does not decide it: counted neither way.

An entry with `missed: true` is a real problem the checker did not report when it was judged (a
miss seen by eye), so that recall counts what the checker never said, not only what it said.

Findings are matched on (document, rule, paragraph number): the reading-order number is fixed by
the document, not by the rules, so a judgement survives changes to the checker. `text` is the
first words of the paragraph, for the person reading the data (and to notice a stale entry).
A finding with no paragraph (margins, paper size) has `para: null`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

VERDICTS = ("real", "minor", "false", "unclear")


@dataclass(frozen=True)
class Judgement:
    doc: str
    rule: str
    para: int | None
    verdict: str
    why: str
    text: str = ""
    missed: bool = False

    @property
    def key(self) -> tuple[str, str, int | None]:
        return (self.doc, self.rule, self.para)


@dataclass(frozen=True)
class Reported:
    """One error as the checker reports it now."""

    doc: str
    rule: str
    para: int | None
    text: str
    message: str

    @property
    def key(self) -> tuple[str, str, int | None]:
        return (self.doc, self.rule, self.para)


@dataclass
class Score:
    errors: int = 0
    real: int = 0  # reported errors judged real
    wrong: list[tuple[Reported, str]] = field(default_factory=list)  # reported errors judged minor/false
    unjudged: list[Reported] = field(default_factory=list)
    unclear: int = 0
    real_total: int = 0  # problems judged real, reported or not
    real_found: int = 0  # of those, reported now as an error
    missed: list[Judgement] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Real errors over the errors a reviewer must read (unclear ones left out; an unjudged
        error counts against, so a new kind of finding cannot slip in unread)."""
        judged = self.errors - self.unclear
        return self.real / judged if judged else 1.0

    @property
    def recall(self) -> float:
        return self.real_found / self.real_total if self.real_total else 1.0

    def by_rule(self) -> Counter:
        return Counter(r.rule for r, _ in self.wrong) + Counter(r.rule for r in self.unjudged)


def load_judgements(folder: Path) -> list[Judgement]:
    """Every verdict, once: a finding judged twice (in two files, or twice in one) is refused, since
    the two could disagree and which one counts would depend on the order files are read."""
    out: dict[tuple, Judgement] = {}
    for path in sorted(folder.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if entry.get("verdict") not in VERDICTS:
                raise ValueError(f"{path.name}: {entry}: verdict must be one of {VERDICTS}")
            judgement = Judgement(entry["doc"], str(entry["rule"]), entry.get("para"), entry["verdict"],
                                  entry.get("why", ""), entry.get("text", ""), bool(entry.get("missed")))
            if judgement.key in out:
                raise ValueError(f"{path.name}: {judgement.key} is judged twice")
            out[judgement.key] = judgement
    return list(out.values())


def reported_errors(docs: Path, check=None) -> list[Reported]:
    """Every error `drafter check` reports now on the documents of `docs`."""
    if check is None:
        from ..check.runner import check_document as check
    out = []
    for path in sorted(docs.glob("*.docx")):
        report = check(path)
        for finding in report.findings:
            if finding.severity == "error":
                text = finding.where.split("«", 1)[1].rstrip("»") if "«" in finding.where else ""
                out.append(Reported(path.name, finding.rule, finding.paragraph, text[:40], finding.message))
    return out


def score(reported: list[Reported], judgements: list[Judgement]) -> Score:
    verdict = {j.key: j for j in judgements}
    result = Score()
    for r in reported:
        result.errors += 1
        j = verdict.get(r.key)
        if j is None:
            result.unjudged.append(r)
        elif j.verdict == "real":
            result.real += 1
        elif j.verdict == "unclear":
            result.unclear += 1
        else:
            result.wrong.append((r, j.why))
    now = {r.key for r in reported}
    for j in {j.key: j for j in judgements}.values():
        if j.verdict == "real":
            result.real_total += 1
            if j.key in now:
                result.real_found += 1
            else:
                result.missed.append(j)
    return result
