"""The library entry points: what the CLI (and any other program) calls.

    from drafter.api import draft_plan
    result = draft_plan("lam-dong-2024", kind="nq47", year=2024, out_dir=Path("outputs"))
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .docxio import layout, marks, render, structure
from .docxio.package import drop_foreign_core_properties, to_bytes
from .edits import Change
from .errors import OutputError, UserError
from .inputs import overrides
from .inputs.catalogue import Catalogue, bundled
from .inputs.kinds import DEFAULT_KIND, load_kind
from .inputs.profile import Profile, load_profile
from .limits import check_year
from .output import (
    Manifest,
    ManifestEntry,
    Source,
    atomic_write,
    clean_temporaries,
    folder_lock,
    guard_target,
    sha256_bytes,
)
from .paths import display_path
from .plan import Draft, PlanRequest, build_draft
from .plan.draft import left_out
from .plan.fit import check_detail
from .plan.listing import TaskLine
from .plan.year import PlanYear, current_day, resolve_year
from .resources import default_template
from .text import vn

__all__ = ["DEFAULT_KIND", "Batch", "BatchItem", "DraftResult", "PlanYear", "build_plan", "check_template",
           "comment_copy", "draft_many", "draft_plan", "fix_copy", "list_tasks", "output_path", "resolve_year"]


@dataclass
class DraftResult:
    path: Path
    notices: list[str] = field(default_factory=list)
    backup: Path | None = None
    omitted: list[str] = field(default_factory=list)  # ids left out for length: `tasks: {add_optional: […]}`
    year: int | None = None  # the plan year drafted (the rule's choice when none was given)
    date: dt.date | None = None


#: A --basis line longer than this is not a căn cứ (the longest real one is under 400 characters).
MAX_BASIS_CHARS = 1_000


def clean_bases(bases) -> tuple[str, ...]:
    """--basis lines cleaned like profile text (NFC, no control characters), each a real sentence."""
    out = []
    for basis in bases:
        text = vn.clean(str(basis))
        if not text:
            raise UserError(f"--basis {basis!r}: căn cứ rỗng (chỉ có khoảng trắng hoặc ký tự điều khiển)")
        if len(text) > MAX_BASIS_CHARS:
            raise UserError(f"--basis: căn cứ dài {len(text)} ký tự; tối đa {MAX_BASIS_CHARS}")
        out.append(text)
    return tuple(out)


def optional_texts(profile: str | Path | Profile | None, *, kind: str = DEFAULT_KIND, year: int,
                   date: dt.date | None = None) -> list[tuple[str, str]]:
    """(id, text) of what a standard draft leaves out for length: what `tasks: {add_optional: […]}`
    in the profile (or --detail full) brings back."""
    catalogue = bundled()
    loaded = profile if isinstance(profile, Profile) else load_profile(profile, catalogue)
    return left_out(PlanRequest(profile=loaded, kind=load_kind(kind, catalogue), catalogue=catalogue, year=year,
                                drafted_on=None if date else current_day(),
                                date=date))


def build_plan(profile: Profile, *, kind: str = DEFAULT_KIND, year: int, date: dt.date | None = None,
               catalogue: Catalogue | None = None, template: Path | None = None,
               extra_bases: list[str] | None = None, changes: list[Change] | None = None,
               detail: str = "standard") -> tuple[bytes, Draft]:
    """Render a plan to DOCX bytes without writing anything. `detail`: brief, standard (a real plan's
    length) or full (every text that applies; plan.fit)."""
    catalogue = catalogue or bundled()
    check_detail(detail)
    request = PlanRequest(profile=profile, kind=load_kind(kind, catalogue), catalogue=catalogue, year=year,
                          date=date, extra_bases=clean_bases(extra_bases or ()), changes=tuple(changes or ()),
                          detail=detail, drafted_on=None if date else current_day())
    draft = build_draft(request)
    document = render.render(template or default_template(), draft.context)
    if draft.plan.appendix is None:
        structure.drop_appendix(document)
    layout.adjust(document)
    draft.snapshot = marks.mark(document, draft.plan)
    marks.embed_snapshot(document, draft.snapshot)
    drop_foreign_core_properties(document)
    props = document.core_properties
    props.title = vn.clean(f"Kế hoạch: {draft.plan.summary}")[:250]
    props.author = "drafter"
    props.language = "vi-VN"
    props.comments = f"Bản dự thảo do drafter {__version__} tạo; cần rà soát trước khi trình ký."
    stamp = dt.datetime.combine(date or dt.date(year, 1, 1), dt.time())
    props.created = props.modified = stamp
    props.last_modified_by = "drafter"
    props.revision = 1
    return to_bytes(document), draft


def output_path(out_dir: Path, profile: Profile, kind: str, year: int) -> Path:
    """One folder per profile id (ids are unique, so two profiles never write one file, in one run
    or in two), and never a symlink: the DOCX, manifest and lock stay inside --out."""
    folder = Path(out_dir) / profile.out_folder
    if folder.is_symlink():
        raise OutputError(f"{folder}: là liên kết tượng trưng (symlink); drafter chỉ ghi trong --out, "
                          "không ghi qua liên kết. Hãy xóa liên kết hoặc dùng --out khác")
    return folder / f"{kind}-{year}.docx"


def draft_plan(profile: str | Path | Profile | None = None, *, kind: str = DEFAULT_KIND, year: int | None = None,
               date: dt.date | None = None, out_dir: Path = Path("outputs"), force: bool = False,
               template: Path | None = None, extra_bases: list[str] | None = None,
               overrides_path: Path | None = None, use_overrides: bool = True,
               user_dir: Path | None = None, detail: str = "standard",
               keep_optional: Iterable[str] = ()) -> DraftResult:
    """Draft one plan and write it safely; returns where it went and what is left to do by hand.

    keep_optional: ids of texts a standard draft leaves out for length, kept this time as if the
    profile's `tasks: {add_optional: […]}` named them (the page's "soạn lại, giữ những nội dung
    đã chọn"); an id the draft does not leave out changes nothing.

    Reviewers' changes harvested from earlier plans (overrides/<id>.yaml beside the profile, or in
    user_dir for a bundled profile: see overrides.default_path; or overrides_path) are applied
    unless use_overrides is False."""
    catalogue = bundled()
    loaded = profile if isinstance(profile, Profile) else load_profile(profile, catalogue)
    if keep_optional:
        kept = loaded.tasks.add_optional | frozenset(keep_optional)
        loaded = dataclasses.replace(loaded, tasks=dataclasses.replace(loaded.tasks, add_optional=kept))
    chosen = resolve_year(year, date, kind)
    plan_year = chosen.year
    path = overrides_path or overrides.readable_path(loaded.path, loaded.id, user_dir)
    changes = overrides.load_overrides(path, profile_id=loaded.id, catalogue=catalogue,
                                       required=overrides_path is not None) if use_overrides else []
    data, draft = build_plan(loaded, kind=kind, year=plan_year, date=date, catalogue=catalogue, template=template,
                             extra_bases=extra_bases, changes=changes, detail=detail)
    if changes:
        applied = len(changes) - draft.skipped_changes
        draft.notices.insert(0, f"Đã áp dụng {applied}/{len(changes)} sửa đổi của người rà soát từ {path}.")
    target = output_path(out_dir, loaded, kind, plan_year)
    template_path = Path(template or default_template())
    entry = ManifestEntry(
        sha256=sha256_bytes(data),
        written=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        drafter=__version__, kind=kind, year=plan_year, date=date.isoformat() if date else None,
        profile=Source(loaded.sha256, path=str(loaded.path), id=loaded.id),
        catalogue=Source(catalogue.sha256, version=catalogue.version),
        template=Source(sha256_bytes(render.template_bytes(template_path)), path=str(template_path)),
        snapshot=draft.snapshot.to_dict() if draft.snapshot else None,
    )
    with folder_lock(target.parent):
        backup = write_output(target, data, entry, force=force)
    notices = ([chosen.reason] if chosen.reason else []) + list(draft.notices)
    if backup:
        notices.append(f"Bản cũ đã được sao lưu: {backup}")
    return DraftResult(path=target, notices=notices, backup=backup, omitted=list(draft.omitted),
                       year=plan_year, date=date)


@dataclass
class BatchItem:
    """One profile of a run over many: its result, or the message that stopped it."""

    name: str
    result: DraftResult | None = None
    error: str | None = None


@dataclass
class Batch:
    """A run over many profiles: one item per profile, and the notices that concern all of them
    (the plan year the rule chose is said once, not under every province)."""

    items: list[BatchItem]
    notices: list[str] = field(default_factory=list)


def draft_many(names: list[str | Path], *, kind: str = DEFAULT_KIND, year: int | None = None,
               date: dt.date | None = None, **options) -> Batch:
    """Draft many profiles in one run: a profile that fails is reported and the others still get
    drafted, but nothing is written if two different profiles would write one file (the later
    would silently replace the earlier); a profile named twice is drafted once. The plan year is
    resolved once (resolve_year), so a wrong --year stops the run before anything is drafted."""
    chosen = resolve_year(year, date, kind)
    catalogue = bundled()
    items: list[BatchItem] = []
    loaded: dict[str, Profile] = {}
    for name in names:
        item = BatchItem(str(name))
        try:
            profile = load_profile(name, catalogue)
        except UserError as exc:
            item.error = str(exc)
        else:
            if str(profile.path.resolve()) in {str(p.path.resolve()) for p in loaded.values()}:
                continue
            loaded[item.name] = profile
        items.append(item)
    _refuse_collisions(loaded)
    for item in items:
        if item.name in loaded:
            try:
                item.result = draft_plan(loaded[item.name], kind=kind, year=chosen.year, date=date, **options)
            except UserError as exc:
                item.error = str(exc)
    return Batch(items, [chosen.reason] if chosen.reason else [])


def _refuse_collisions(loaded: dict[str, Profile]) -> None:
    """The output path differs only by profile id within a run (output_path), so two files with
    one id would write one file."""
    by_id: dict[str, list[Profile]] = {}
    for profile in loaded.values():
        by_id.setdefault(profile.id, []).append(profile)
    clashes = {ident: ps for ident, ps in by_id.items() if len(ps) > 1}
    if clashes:
        lines = [f"id {ident!r}: " + ", ".join(display_path(p.path) for p in ps) for ident, ps in clashes.items()]
        raise UserError("các hồ sơ sau có cùng id nên sẽ ghi cùng một tệp; chưa ghi tệp nào. Đặt cho mỗi hồ sơ một id "
                        "riêng (id trùng tên tệp, ví dụ tạo bằng `drafter new`), hoặc soạn từng hồ sơ với --out "
                        "khác nhau:\n  " + "\n  ".join(lines))


def write_output(target: Path, data: bytes, entry: ManifestEntry, *, force: bool) -> Path | None:
    """Check, write and record one output; the caller holds the folder lock. Returns the backup made."""
    clean_temporaries(target.parent)
    manifest = Manifest.read(target.parent)
    backup = guard_target(target, manifest, force=force)
    manifest.begin(target.name, entry.sha256)  # journal first: a crash after the next line is recognised
    atomic_write(target, data)
    manifest.record(target.name, entry)
    return backup


def check_template(template: Path) -> list[str]:
    """Variables a DOCX template uses that drafter does not provide (for every plan kind)."""
    from .inputs.kinds import kind_names

    catalogue = bundled()
    profile = load_profile(None, catalogue)
    problems: list[str] = []
    for kind in kind_names():
        request = PlanRequest(profile=profile, kind=load_kind(kind, catalogue), catalogue=catalogue,
                              year=profile.as_of.year)
        for problem in render.template_problems(Path(template), build_draft(request).context):
            if problem not in problems:
                problems.append(problem)
    return problems


def comment_copy(path: Path | str, out: Path | str, *, force: bool = False, **check):
    """A copy of the DOCX with each finding of `drafter check` as a Word comment (review.comments)."""
    from .review.comments import comment_copy as commented
    return commented(path, out, force=force, **check)


def fix_copy(path: Path | str, out: Path | str, *, text: bool = False, force: bool = False):
    """A copy of the DOCX with each safe fix as a tracked change; words only with `text` (review.fix)."""
    from .review.fix import fix_copy as fixed
    return fixed(path, out, text=text, force=force)


def new_profile(name: str, *, year: int | None = None, out_dir: Path = Path("profiles"), ident: str | None = None,
                today: dt.date | None = None) -> Path:
    """Write a starting profile for a province named like a person types it ("Tuyên Quang"), valid
    as written; refuse to replace a file that exists."""
    from .inputs import registry, scaffold
    from .inputs.profile import load_profile
    from .inputs.profile_edit import create_new

    today = today or dt.date.today()
    units = registry.bundled()
    unit = units.find(name)
    if unit is None:  # a former unit: where it went; a typo: the close name; nothing close: no guess
        raise UserError(units.not_a_unit(name))
    ident = ident or scaffold.profile_id(unit, today.year if year is None else check_year(year))
    if not registry.ID_PATTERN.fullmatch(ident):
        raise UserError(f"--id {ident!r}: chỉ dùng chữ thường không dấu, số và dấu gạch ngang (ví dụ tuyen-quang-2027)")
    target = Path(out_dir) / f"{ident}.yaml"
    text = scaffold.profile_text(unit, registry.bundled(), ident=ident, today=today).encode("utf-8")
    create_new(target, text, f"{target}: đã có tệp này; drafter không ghi đè. Chọn --id khác hoặc sửa tệp đang có")
    load_profile(target, bundled())  # what was written must validate as written
    return target


@dataclass
class TaskListing:
    """The catalogue's tasks as a draft words them for one profile on one day (`drafter tasks`)."""

    profile: Profile
    on: dt.date
    lines: list[TaskLine]


def list_tasks(profile: str | Path | None = None, *, group: str | None = None, role: str | None = None,
               on: dt.date | None = None) -> TaskListing:
    """The tasks of one group and/or role, filled for a profile (default: the default profile) with
    the documents in force on `on` (default: today), by the same functions a draft uses."""
    from .inputs.catalogue import select_listing
    from .plan.listing import task_lines

    catalogue = bundled()
    tasks = select_listing(catalogue, group=group, role=role)
    loaded = load_profile(profile, catalogue)
    on = on or dt.date.today()
    # The annual kind: it has no programme dates of its own (an NQ 47 request refuses days after 2030).
    request = PlanRequest(profile=loaded, kind=load_kind("annual", catalogue), catalogue=catalogue, year=on.year,
                          date=on)
    return TaskListing(loaded, on, task_lines(request, tasks))
