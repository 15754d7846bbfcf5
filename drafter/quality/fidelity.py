"""Both directions of the word-level scorer the team uses (../shared/tools/fidelity.py): how much of
a real plan a draft already has (recall) and how much of the draft survives into it (precision).

The scorer lives outside the package (shared with other projects); this module loads it from a
path and measures drafts: the leave-one-out draft of a shared plan and the best "copy a neighbour's
plan and replace the name". A draft that contains everything has high recall and poor precision;
F1 is what a reviewer feels.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from ..inputs.catalogue import Catalogue
from ..inputs.profile import load_profile
from ..plan import PlanRequest, build_draft
from .coverage import neighbour_text
from .passages import SharedPlan, shared_plans
from .provenance import Pruned, held_out, prune_catalogue, prune_kind


@cache
def scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("fidelity", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Fidelity:
    recall: float
    precision: float
    words: int  # the draft's (or copy's) words

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0


def fidelity(fid: ModuleType, real: str, draft: str) -> Fidelity:
    ref, hyp = fid.clauses(real), fid.clauses(draft)
    return Fidelity(fid.score(ref, hyp)["recall"], fid.score(hyp, ref)["recall"], len(fid.WORD.findall(draft)))


def _docx_text(fid: ModuleType, data: bytes) -> str:
    """The draft as the scorer reads a DOCX (paragraphs of document.xml, tables included)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.docx"
        path.write_bytes(data)
        return fid.docx_text(str(path))


@dataclass(frozen=True)
class PlanF1:
    plan: str
    real_words: int
    draft: Fidelity
    neighbour: str
    copy: Fidelity

    def line(self) -> str:
        return (f"loo-f1 {self.plan} draft={self.draft.f1:.3f} neighbour={self.copy.f1:.3f} "
                f"words={self.draft.words}/{self.real_words} (recall {self.draft.recall:.3f}, "
                f"precision {self.draft.precision:.3f}; best copy {self.neighbour})")


def leave_one_out_f1(plan: SharedPlan, catalogue: Catalogue, reference_dir: Path, scorer_path: Path, *,
                     house_style: bool = True) -> PlanF1:
    """`house_style=False` drafts as if the profile declared no house style: a declared style must
    help the F1 of the plan written in it, never lower it (issue 20)."""
    from ..docxio import render
    from ..docxio.package import to_bytes
    from ..inputs.kinds import load_kind
    from ..resources import default_template

    fid = scorer(scorer_path)
    plans_dir = reference_dir / "plans"
    real = plan.text(plans_dir)
    excluded = held_out(plan.province, plan.names, reference_dir)
    kind = prune_kind(load_kind(plan.kind, catalogue), excluded, Pruned())
    profile = load_profile(plan.profile, catalogue)
    if not house_style:
        profile = dataclasses.replace(profile, style={}, style_for={})
    request = PlanRequest(profile=profile, kind=kind,
                          catalogue=prune_catalogue(catalogue, excluded, Pruned()), year=plan.year, date=plan.date)
    data = to_bytes(render.render(default_template(), build_draft(request).context))
    draft = fidelity(fid, real, _docx_text(fid, data))
    copies = {o.key: fidelity(fid, real, neighbour_text(o, plan, plans_dir))
              for o in shared_plans() if o.key != plan.key}
    best = max(copies, key=lambda k: copies[k].f1)
    return PlanF1(plan.key, len(fid.WORD.findall(real)), draft, best, copies[best])
