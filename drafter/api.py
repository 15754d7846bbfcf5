"""The library entry points: what the CLI calls, usable without it.

    from drafter.api import draft_plan
    result = draft_plan("lam-dong-2024", kind="nq47", year=2024, out_dir=Path("outputs"))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, layout, marks, overrides, render, vn
from .catalogue import Catalogue, bundled, load_kind
from .context import Draft, build_draft
from .errors import UserError
from .output import Manifest, atomic_write, folder_lock, guard_target, sha256_bytes
from .profile import Profile, load_profile
from .resources import default_template

DEFAULT_KIND = "nq47"


@dataclass
class DraftResult:
    path: Path
    notices: list[str] = field(default_factory=list)
    backup: Path | None = None


def resolve_year(year: int | None, date: dt.date | None, today: dt.date | None = None) -> int:
    """The plan year: given, else the date's year, else this year.

    An annual plan may be issued late in the year before the one it plans for, so the date
    may fall in year - 1; anything further apart is a typo.
    """
    if year is None:
        return date.year if date else (today or dt.date.today()).year
    if not 2000 <= year <= 2100:
        raise UserError(f"--year {year}: năm kế hoạch phải trong khoảng 2000-2100")
    if date and date.year not in (year, year - 1):
        raise UserError(f"--date {date.isoformat()} không khớp với --year {year} "
                        "(ngày ban hành phải thuộc năm kế hoạch hoặc năm trước đó)")
    return year


def build_plan(profile: Profile, *, kind: str = DEFAULT_KIND, year: int, date: dt.date | None = None,
               catalogue: Catalogue | None = None, template: Path | None = None,
               extra_bases: list[str] | None = None, changes: list[dict] | None = None) -> tuple[bytes, Draft]:
    """Render a plan to DOCX bytes without writing anything."""
    catalogue = catalogue or bundled()
    plan_kind = load_kind(kind, catalogue)
    draft = build_draft(catalogue, plan_kind, profile, year=year, date=date, extra_bases=extra_bases,
                        changes=changes)
    document = render.render(template or default_template(), draft.context)
    layout.fit_rules(document)
    draft.snapshot = marks.mark(document, draft.context)
    marks.embed_snapshot(document, draft.snapshot)
    props = document.core_properties
    props.title = vn.clean(f"Kế hoạch: {draft.context['summary']}")[:250]
    props.author = "drafter"
    props.language = "vi-VN"
    props.comments = f"Bản dự thảo do drafter {__version__} tạo; cần rà soát trước khi trình ký."
    stamp = dt.datetime.combine(date or dt.date(year, 1, 1), dt.time())
    props.created = props.modified = stamp
    props.last_modified_by = "drafter"
    props.revision = 1
    return render.to_bytes(document), draft


def output_path(out_dir: Path, profile: Profile, kind: str, year: int) -> Path:
    return Path(out_dir) / profile.slug / f"{kind}-{year}.docx"


def draft_plan(profile: str | Path | None = None, *, kind: str = DEFAULT_KIND, year: int | None = None,
               date: dt.date | None = None, out_dir: Path = Path("outputs"), force: bool = False,
               template: Path | None = None, extra_bases: list[str] | None = None,
               overrides_path: Path | None = None, use_overrides: bool = True) -> DraftResult:
    """Draft one plan and write it safely; returns where it went and what is left to do by hand.

    Reviewers' changes harvested from earlier plans (profiles/overrides/<id>.yaml beside the
    profile, or overrides_path) are applied unless use_overrides is False."""
    catalogue = bundled()
    loaded = load_profile(profile, catalogue)
    plan_year = resolve_year(year, date)
    path = overrides_path or overrides.default_path(loaded.path, loaded.id)
    changes = overrides.load_overrides(path) if use_overrides else []
    data, draft = build_plan(loaded, kind=kind, year=plan_year, date=date, catalogue=catalogue, template=template,
                             extra_bases=extra_bases, changes=changes)
    if changes:
        draft.notices.insert(0, f"Đã áp dụng {len(changes)} sửa đổi của người rà soát từ {path}.")
    target = output_path(out_dir, loaded, kind, plan_year)
    with folder_lock(target.parent):
        backup = _write(target, data, force=force, loaded=loaded, kind=kind, plan_year=plan_year, date=date,
                        catalogue=catalogue, template=template, snapshot=draft.snapshot)
    notices = list(draft.notices)
    if backup:
        notices.append(f"Bản cũ đã được sao lưu: {backup}")
    return DraftResult(path=target, notices=notices, backup=backup)


def _write(target: Path, data: bytes, *, force: bool, loaded: Profile, kind: str, plan_year: int,
           date: dt.date | None, catalogue: Catalogue, template: Path | None, snapshot: dict | None) -> Path | None:
    """Check, write and record one output; the caller holds the folder lock."""
    manifest = Manifest.read(target.parent)
    backup = guard_target(target, manifest, force=force)
    atomic_write(target, data)
    template_path = Path(template or default_template())
    manifest.record(target.name, {
        "sha256": sha256_bytes(data),
        "written": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "drafter": __version__,
        "kind": kind,
        "year": plan_year,
        "date": date.isoformat() if date else None,
        "profile": {"id": loaded.id, "path": str(loaded.path), "sha256": loaded.sha256},
        "catalogue": {"version": catalogue.version, "sha256": catalogue.sha256},
        "template": {"path": str(template_path), "sha256": sha256_bytes(template_path.read_bytes())},
        "snapshot": snapshot,
    })
    return backup


def check_template(template: Path) -> list[str]:
    """Variables a DOCX template uses that drafter does not provide (for every plan kind)."""
    from .catalogue import kind_names
    from .profile import load_profile

    catalogue = bundled()
    profile = load_profile(None, catalogue)
    problems: list[str] = []
    for kind in kind_names():
        draft = build_draft(catalogue, load_kind(kind, catalogue), profile, year=profile.as_of.year, date=None)
        for problem in render.template_problems(Path(template), draft.context):
            if problem not in problems:
                problems.append(problem)
    return problems
