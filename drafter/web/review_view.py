"""The review report's changes said as a reader sees them: which item (its number, the way it is
printed), and its words with the deleted ones struck out and the inserted ones underlined. The
command line's `[-…-] {+…+}` markup and the catalogue's ids are for files and terminals; a page
shows pieces the template colours. Pure functions over the diff's and the harvest's records.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..review.differences import word_runs

CONTEXT = 8  # unchanged words kept on each side of a change
EXCERPT = 160  # characters of an item quoted in a harvest line
ACTIONS = {"added": "Thêm", "removed": "Bỏ", "reworded": "Sửa"}
HARVEST_ACTIONS = {"edit": "Sửa", "delete": "Xóa", "add": "Thêm"}
TARGETS = {"task": "nhiệm vụ", "block": "đoạn"}


@dataclass(frozen=True)
class Piece:
    kind: str  # same | del | ins
    text: str


@dataclass(frozen=True)
class ChangeView:
    action: str  # Thêm | Bỏ | Sửa
    item: str  # "đoạn 1.2", "nhiệm vụ 7": the item as printed
    pieces: tuple[Piece, ...]


def change_views(changes) -> list[ChangeView]:
    """Each review.differences.Difference as a heading and its words: whole text inserted or struck, or a
    rewording word by word with a few words of context around each change."""
    out = []
    for change in changes:
        item = change.new or change.old
        where = " ".join(p for p in (item.kind, item.number) if p)
        if change.action == "added":
            pieces = (Piece("ins", change.new.shown),)
        elif change.action == "removed":
            pieces = (Piece("del", change.old.shown),)
        else:
            pieces = tuple(_pieces(change.old.shown, change.new.shown))
        out.append(ChangeView(ACTIONS.get(change.action, change.action), where, pieces))
    return out


def _pieces(old: str, new: str) -> list[Piece]:
    return [Piece(kind, text) for kind, text in word_runs(old, new, CONTEXT)]


def harvest_lines(changes, snapshot) -> list[str]:
    """Each recorded change as "Sửa đoạn «…»": the item quoted as drafter printed it (or as the
    reviewer added it), not its catalogue id."""
    printed = {b.id: b.text for b in snapshot.blocks} if snapshot else {}
    if snapshot:
        printed.update({f"task.{r.id}": f"{r.stt}. {r.text}" if r.stt else r.text for r in snapshot.rows})
    lines = []
    for change in changes:
        text = change.text if change.action == "add" else \
            printed.get(change.id) or printed.get(f"task.{change.id}") or change.base or ""
        quoted = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
        lines.append(f"{HARVEST_ACTIONS.get(change.action, change.action)} {TARGETS.get(change.target, '')} «{quoted}»")
    return lines
