"""Read a reviewed plan back and record what the reviewer changed, item by item.

Each generated paragraph and appendix row carries a hidden bookmark naming its catalogue id
(docxio.marks). Comparing the reviewed file with the snapshot of what was generated gives:
reworded items, deleted items (bookmark gone), added paragraphs and rows (no bookmark; placed
after the item before them), and changed lead or partner agencies or times in the appendix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..docxio import marks
from ..docxio.columns import cells_by_name
from ..docxio.package import open_docx
from ..edits import Change, Stamp
from ..errors import UserError
from ..inputs import overrides
from ..inputs.catalogue import bundled
from ..inputs.profile import load_profile
from ..output import Manifest, folder_lock
from ..paths import display_path
from ..plan.records import Snapshot
from ..text import vn
from ..text.labels import strip_label, style_of
from ..text.placeholders import templatize_year
from .accepted import accept_changes

#: Appendix cells a reviewer may change, besides the task's text.
ROW_FIELDS = ("text", "lead", "partners", "time")


def _target(block_id: str) -> tuple[str, str]:
    """An annual plan's task points ("task.<id>") are tasks; every other paragraph is a block."""
    return ("task", block_id.removeprefix("task.")) if block_id.startswith("task.") else ("block", block_id)


def _same(a: str, b: str) -> bool:
    return " ".join(vn.nfc(a).split()) == " ".join(vn.nfc(b).split())


#: How long a harvest waits for another one writing the same overrides file.
LOCK_TIMEOUT_S = 30.0


@dataclass
class HarvestResult:
    overrides_path: Path
    changes: list[Change] = field(default_factory=list)
    written: bool = True

    def summary(self) -> list[str]:
        words = {"edit": "sửa", "delete": "xóa", "add": "thêm"}
        targets = {"task": "nhiệm vụ", "block": "đoạn"}
        return [f"{words[c.action]} {targets[c.target]} {c.id}" for c in self.changes]


def find_snapshot(edited: Path, generated: Path | None, document=None) -> Snapshot:
    """From the reviewed file itself, else the generated file given, else the output folder's manifest."""
    for source in (edited, generated):
        if source is not None:
            opened = document if source is edited and document is not None else \
                open_docx(source, shown=display_path(Path(source)))
            snapshot = marks.read_snapshot(opened)
            if snapshot:
                return snapshot
    recorded = Manifest.read(edited.parent).snapshot(edited.name)
    if recorded:
        try:
            return Snapshot.from_dict(recorded)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    raise UserError(f"{display_path(edited)}: không tìm thấy bản gốc do drafter tạo để so sánh (tệp đã được lưu "
                    "lại bằng chương trình bỏ dữ liệu kèm theo?); dùng --generated <tệp DOCX drafter đã tạo>")


def _block_changes(snapshot: Snapshot, found: list[marks.Found], year: int, stamp: Stamp) -> list[Change]:
    generated = {b.mark: b for b in snapshot.blocks}
    seen: set[str] = set()
    changes: list[Change] = []
    started = False
    previous: str | None = None
    last_id = snapshot.blocks[-1].id if snapshot.blocks else None
    for item in found:
        block = generated.get(item.mark) if item.mark else None
        if block is not None:
            started = True
            seen.add(block.mark)
            previous = block.id
            old, new = strip_label(block.text), strip_label(item.text)
            if block.id == last_id:
                old, new = old.removesuffix("./."), new.removesuffix("./.")
            if not _same(old, new):
                target, item_id = _target(block.id)
                text, literal = templatize_year(new.strip(), year)
                base, _ = templatize_year(old.strip(), year)
                changes.append(Change(target, item_id, "edit", text=text, base=base, literal=literal, stamp=stamp))
        elif started and item.text.strip():
            text, literal = templatize_year(strip_label(item.text).removesuffix("./."), year)
            new_id = f"added.{marks.bookmark_name('b', (previous or '') + item.text)[3:]}"
            changes.append(Change("block", new_id, "add", style=style_of(item.text), after=previous, text=text,
                                  literal=literal, stamp=stamp))
            previous = new_id
    for block in snapshot.blocks:
        if block.mark not in seen:
            target, item_id = _target(block.id)
            changes.append(Change(target, item_id, "delete", stamp=stamp))
    return changes


def _row_changes(snapshot: Snapshot, found: list[marks.Found], year: int, stamp: Stamp) -> list[Change]:
    generated = {r.mark: r for r in snapshot.rows}
    seen: set[str] = set()
    changes: list[Change] = []
    group = previous = None
    for item in found:
        row = generated.get(item.mark) if item.mark else None
        cells = cells_by_name(item.cells or [])
        if row is not None:
            seen.add(row.mark)
            if row.group:
                group, previous = row.id, None
                continue
            previous = row.id
            edit = {name: templatize_year(cells[name], year)[0] for name in ROW_FIELDS
                    if not _same(row.cell(name), cells[name])}
            if edit:
                changes.append(Change("task", row.id, "edit", base=templatize_year(row.text, year)[0], stamp=stamp,
                                      **edit))
        elif item.text.strip() and group is not None:
            new_id = f"added.{marks.bookmark_name('r', (previous or group) + item.text)[3:]}"
            changes.append(Change("task", new_id, "add", group=group, after=previous,
                                  text=templatize_year(cells["text"], year)[0], lead=cells["lead"],
                                  partners=cells["partners"], time=templatize_year(cells["time"], year)[0],
                                  stamp=stamp))
            previous = new_id
    for row in snapshot.rows:
        if row.mark not in seen and not row.group:
            changes.append(Change("task", row.id, "delete", stamp=stamp))
    return changes


def harvest(edited: Path | str, *, profile: str | Path | None = None, generated: Path | None = None,
            overrides_path: Path | None = None, user_dir: Path | None = None) -> HarvestResult:
    edited = Path(edited)
    shown = display_path(edited)
    document = open_docx(edited, shown=shown)
    accept_changes(document.element.body)  # a reviewer's tracked changes are what the reviewer means
    snapshot = find_snapshot(edited, generated, document)
    meta = snapshot.meta
    if profile is None and meta.profile_path and Path(meta.profile_path).is_file():
        profile = meta.profile_path
    loaded = load_profile(profile or meta.profile or None, bundled())
    stamp = Stamp(meta.year, meta.kind, shown, dt.date.today().isoformat())
    body, rows = marks.read_marked(document)
    if not any(f.mark for f in body + rows):
        raise UserError(f"{shown}: không có dấu nhận diện (bookmark) nào của drafter; "
                        "tệp không phải bản do drafter tạo hoặc đã bị sao chép sang tài liệu mới")
    task_changes = _row_changes(snapshot, rows, meta.year, stamp)
    block_changes = _block_changes(snapshot, body, meta.year, stamp)
    # An appendix row and an annual plan's task point are the same task: the row's edit wins.
    row_ids = {c.id for c in task_changes}
    changes = task_changes + [c for c in block_changes if not (c.target == "task" and c.id in row_ids)]
    path = overrides_path or overrides.default_path(loaded.path, loaded.id, user_dir)
    if not changes:  # an unedited plan: nothing to record, and no empty file left behind
        return HarvestResult(path, changes, written=False)
    earlier = overrides_path or overrides.readable_path(loaded.path, loaded.id, user_dir)
    # Two reviewers harvesting at once: each reads what is there under the lock and merges into it,
    # so the second does not write over the first one's edits with what it read before them.
    with folder_lock(path.parent, timeout=LOCK_TIMEOUT_S):
        existing = overrides.load_overrides(earlier, profile_id=loaded.id)
        overrides.save_overrides(path, loaded.id, overrides.merge(existing, changes))
    return HarvestResult(path, changes)
