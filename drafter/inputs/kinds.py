"""Plan kinds: the skeleton of each kind of plan (nq47, annual) as data in drafter/data/kinds/.

A kind is named, never given as a path: `--kind` picks one of kind_names(), so an option can
not make drafter read (or write beside) a file elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CatalogueError, UsageError
from ..resources import DATA_DIR
from .catalogue import Catalogue, sha256_of
from .crossref import Checker
from .evidence import SourceDocuments
from .kind_records import KindSpec
from .schema import conform
from .wordings import Excluded, chooser
from .yamlio import Loaded, load, load_trusted

KINDS_DIR = DATA_DIR / "kinds"
DEFAULT_KIND = "nq47"


@dataclass(frozen=True)
class Kind:
    id: str
    spec: KindSpec
    path: Path
    sha256: str

    @property
    def symbol(self) -> str:
        return self.spec.symbol

    @property
    def single_year(self) -> bool:
        return self.spec.single_year


def kind_names() -> list[str]:
    return sorted(p.stem for p in KINDS_DIR.glob("*.yaml"))


def load_kind(name: str, catalogue: Catalogue, *, strict: bool = False) -> Kind:
    """A shipped plan kind; strict=True validates it in full (tests, `drafter validate`)."""
    path, loaded, data = _read(name, strict)
    if strict:
        _cross_check(loaded, data, catalogue)
    spec = choose_wordings(KindSpec.of(data))
    return Kind(id=spec.id, spec=spec, path=path, sha256=sha256_of(path))


def single_year(name: str) -> bool:
    """Whether a shipped kind plans a single year, read without choosing its wordings: the plan year
    is decided before the kind is loaded for the draft, and loading it twice cost 10 ms."""
    return _read(name, strict=False)[2]["single_year"]


def _read(name: str, strict: bool) -> tuple[Path, Loaded, dict[str, Any]]:
    if name not in kind_names():
        raise UsageError(f"--kind {name!r}: loại kế hoạch không có; chọn một trong: {', '.join(kind_names())}")
    path = KINDS_DIR / f"{name}.yaml"
    loaded = load(path, CatalogueError) if strict else load_trusted(path, CatalogueError)
    return path, loaded, conform(loaded, "kind", CatalogueError, strict=strict)


def choose_wordings(spec: KindSpec, excluded: Excluded = None) -> KindSpec:
    """The spec with each text given as several wordings read as their medoid (inputs.wordings),
    over the wordings whose sources are not `excluded`."""
    return spec.worded(chooser(SourceDocuments.bundled(), spec.national_margin, excluded))


def _cross_check(loaded: Loaded, spec: dict[str, Any], catalogue: Catalogue) -> None:
    """Roles, placeholders, documents, conditions and ids of a kind, each reported at its line."""
    from .knowledge import bundled as bundled_knowledge

    check = Checker(loaded, set(catalogue.roles), catalogue.placeholders(), frozenset(bundled_knowledge().refs()))
    if spec.get("subject"):
        check.document(("subject",), spec["subject"])
    check.text(("summary",), spec["summary"])
    for key in ("ref", "title"):
        check.text(("appendix", key), spec["appendix"][key])
    groups = sorted(catalogue.group_ids())
    for group_id, title in spec["group_titles"].items():
        if group_id not in groups:
            check.add(("group_titles", group_id), f"nhóm {group_id!r} không có; có: {', '.join(groups)}")
        check.text(("group_titles", group_id), title)
    for list_name in ("can_cu", "intro", "closing"):
        for i, block in enumerate(spec[list_name]):
            check.point((list_name, i), block)
    for di, duty in enumerate(spec["duties"]):
        check.role(("duties", di, "role"), duty["role"])
        for i, role in enumerate(duty["also"]):
            check.role(("duties", di, "also", i), role)
        for bi, bullet in enumerate(duty["bullets"]):
            if isinstance(bullet, dict):
                check.text(("duties", di, "bullets", bi, "text"), bullet["text"])
                check.conditions(("duties", di, "bullets", bi), bullet.get("when") or [])
            else:
                check.text(("duties", di, "bullets", bi), bullet)
        check.conditions(("duties", di), duty["when"])
    for si, section in enumerate(spec["sections"]):
        check.unique(("sections", si), section["id"])
        check.text(("sections", si, "title"), section["title"])
        check.conditions(("sections", si), section["when"])
        check.conditions(("sections", si), section["agencies_when"], "agencies_when")
        for ii, item in enumerate(section["items"]):
            check.point(("sections", si, "items", ii), item)
        for ci, block in enumerate(section["closing"]):
            check.point(("sections", si, "closing", ci), block)
    if check.problems:
        raise CatalogueError(check.problems)
