"""Read a reviewed plan back and record what the reviewer changed, item by item.

Each generated paragraph and appendix row carries a hidden bookmark naming its catalogue id
(drafter.marks). Comparing the reviewed file with the snapshot of what was generated gives:
reworded items, deleted items (bookmark gone), added paragraphs and rows (no bookmark; placed
after the item before them), and changed lead or partner agencies or times in the appendix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document

from . import marks, overrides, vn
from .catalogue import bundled
from .errors import UserError
from .output import MANIFEST_NAME
from .profile import load_profile
from .yamlio import display_path

LABEL = re.compile(r"^(?:[IVXLC]+\.|\d+\.|[a-zđ]{1,2}\)|[-–+])\s+")


def strip_label(text: str) -> str:
    return LABEL.sub("", text.strip(), count=1)


def style_of(text: str) -> str:
    text = text.strip()
    if text.startswith("Căn cứ"):
        return "can_cu"
    if re.match(r"^[IVXLC]+\.\s", text):
        return "muc"
    if re.match(r"^\d+\.\s", text):
        return "khoan"
    if re.match(r"^[a-zđ]\)\s", text):
        return "diem"
    if re.match(r"^[-–+]\s", text):
        return "gach"
    return "para"


def _target(block_id: str) -> tuple[str, str]:
    """An annual plan's task points ("task.<id>") are tasks; every other paragraph is a block."""
    return ("task", block_id.removeprefix("task.")) if block_id.startswith("task.") else ("block", block_id)


def _same(a: str, b: str) -> bool:
    return " ".join(vn.nfc(a).split()) == " ".join(vn.nfc(b).split())


@dataclass
class HarvestResult:
    overrides_path: Path
    changes: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> list[str]:
        words = {"edit": "sửa", "delete": "xóa", "add": "thêm"}
        targets = {"task": "nhiệm vụ", "block": "đoạn"}
        return [f"{words[c['action']]} {targets[c['target']]} {c['id']}" for c in self.changes]


def find_snapshot(edited: Path, generated: Path | None) -> dict[str, Any]:
    """From the reviewed file itself, else the generated file given, else the output folder's manifest."""
    for source in (edited, generated):
        if source is not None:
            snapshot = marks.read_snapshot(Document(str(source)))
            if snapshot:
                return snapshot
    manifest = edited.parent / MANIFEST_NAME
    if manifest.is_file():
        entries = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})
        entry = entries.get(edited.name)
        if entry and entry.get("snapshot"):
            return entry["snapshot"]
    raise UserError(f"{display_path(edited)}: không tìm thấy bản gốc do drafter tạo để so sánh (tệp đã được lưu "
                    "lại bằng chương trình bỏ dữ liệu kèm theo?); dùng --generated <tệp DOCX drafter đã tạo>")


def _block_changes(snapshot: dict[str, Any], found: list[marks.Found], year: int, stamp: dict) -> list[dict]:
    generated = {b["mark"]: b for b in snapshot["blocks"]}
    seen: set[str] = set()
    changes: list[dict[str, Any]] = []
    started = False
    previous: str | None = None
    last_id = snapshot["blocks"][-1]["id"] if snapshot["blocks"] else None
    for item in found:
        block = generated.get(item.mark) if item.mark else None
        if block is not None:
            started = True
            seen.add(block["mark"])
            previous = block["id"]
            old, new = strip_label(block["text"]), strip_label(item.text)
            if block["id"] == last_id:
                old, new = old.removesuffix("./."), new.removesuffix("./.")
            if not _same(old, new):
                target, item_id = _target(block["id"])
                text, literal = overrides.templatize(new.strip(), year)
                base, _ = overrides.templatize(old.strip(), year)
                change = {"target": target, "id": item_id, "action": "edit", "text": text, "base": base, "from": stamp}
                if literal:
                    change["literal"] = True
                changes.append(change)
        elif started and item.text.strip():
            text, literal = overrides.templatize(strip_label(item.text).removesuffix("./."), year)
            new_id = f"added.{marks.bookmark_name('b', (previous or '') + item.text)[3:]}"
            change = {"target": "block", "id": new_id, "action": "add", "style": style_of(item.text),
                      "after": previous, "text": text, "from": stamp}
            if literal:
                change["literal"] = True
            changes.append(change)
            previous = new_id
    for block in snapshot["blocks"]:
        if block["mark"] not in seen:
            target, item_id = _target(block["id"])
            changes.append({"target": target, "id": item_id, "action": "delete", "from": stamp})
    return changes


def _row_changes(snapshot: dict[str, Any], found: list[marks.Found], year: int, stamp: dict) -> list[dict]:
    generated = {r["mark"]: r for r in snapshot["rows"]}
    seen: set[str] = set()
    changes: list[dict[str, Any]] = []
    group = previous = None
    for item in found:
        row = generated.get(item.mark) if item.mark else None
        cells = (item.cells or []) + [""] * 5
        if row is not None:
            seen.add(row["mark"])
            if row["group"]:
                group, previous = row["id"], None
                continue
            previous = row["id"]
            edit: dict[str, Any] = {}
            for field_name, index in (("text", 1), ("lead", 2), ("partners", 3), ("time", 4)):
                if not _same(row[field_name], cells[index]):
                    edit[field_name] = overrides.templatize(cells[index], year)[0]
            if edit:
                edit["base"] = overrides.templatize(row["text"], year)[0]
                changes.append({"target": "task", "id": row["id"], "action": "edit", **edit, "from": stamp})
        elif item.text.strip() and group is not None:
            new_id = f"added.{marks.bookmark_name('r', (previous or group) + item.text)[3:]}"
            changes.append({"target": "task", "id": new_id, "action": "add", "group": group, "after": previous,
                            "text": overrides.templatize(cells[1], year)[0], "lead": cells[2],
                            "partners": cells[3], "time": overrides.templatize(cells[4], year)[0], "from": stamp})
            previous = new_id
    for row in snapshot["rows"]:
        if row["mark"] not in seen and not row["group"]:
            changes.append({"target": "task", "id": row["id"], "action": "delete", "from": stamp})
    return changes


def harvest(edited: Path | str, *, profile: str | Path | None = None, generated: Path | None = None,
            overrides_path: Path | None = None) -> HarvestResult:
    edited = Path(edited)
    if not edited.is_file():
        raise UserError(f"{edited}: không tìm thấy tệp")
    snapshot = find_snapshot(edited, generated)
    meta = snapshot.get("meta", {})
    recorded = meta.get("profile_path")
    if profile is None and recorded and Path(recorded).is_file():
        profile = recorded
    loaded = load_profile(profile or meta.get("profile"), bundled())
    year, kind = int(meta["year"]), meta.get("kind", "nq47")
    stamp = overrides.stamp(year, kind, display_path(edited))
    body, rows = marks.read_marked(Document(str(edited)))
    if marks.PREFIX and not any(f.mark for f in body + rows):
        raise UserError(f"{display_path(edited)}: không có dấu nhận diện (bookmark) nào của drafter; "
                        "tệp không phải bản do drafter tạo hoặc đã bị sao chép sang tài liệu mới")
    task_changes = _row_changes(snapshot, rows, year, stamp)
    block_changes = _block_changes(snapshot, body, year, stamp)
    # An appendix row and an annual plan's task point are the same task: the row's edit wins.
    row_ids = {c["id"] for c in task_changes}
    changes = task_changes + [c for c in block_changes if not (c["target"] == "task" and c["id"] in row_ids)]
    path = overrides_path or overrides.default_path(loaded.path, loaded.id)
    existing = overrides.load_overrides(path)
    overrides.save_overrides(path, loaded.id, overrides.merge(existing, changes))
    return HarvestResult(path, changes)
