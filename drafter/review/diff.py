"""What changed between two plans, as a readable list and as Word tracked changes.

Items are body paragraphs and appendix rows. Items carrying drafter's hidden bookmark are matched
by it (the id is the catalogue's, so the same task matches across years); the rest are aligned
by text. The tracked-changes copy is the new plan with every difference marked as an insertion
or deletion (word by word inside a reworded paragraph), so a reviewer can accept or reject each.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..docxio.columns import TASK_COLUMN
from ..docxio.marks import read_snapshot
from ..docxio.package import open_docx
from ..docxio.structure import appendix_table, body_paragraphs, mark_of
from ..paths import display_path
from ..text.labels import strip_label
from .accepted import accept_changes
from .copies import guard_copy
from .differences import Difference, Item, opcodes

YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")

def similar(a: str, b: str) -> float:
    """How alike two texts are (0-1), in bounded time: difflib's ratio for paragraphs, the share
    of shared words for very long ones."""
    if len(a) + len(b) > 8_000:
        wa, wb = set(a.split()), set(b.split())
        return len(wa & wb) / max(len(wa | wb), 1)
    return difflib.SequenceMatcher(None, a, b).ratio()


def year_shift(changes: list[Difference]) -> int | None:
    """The plan-year step between the two plans, seen in the rewordings (most common difference)."""
    steps: dict[int, int] = {}
    for c in changes:
        if c.action == "reworded":
            old, new = YEAR.findall(c.old.text), YEAR.findall(c.new.text)
            if len(old) == len(new):
                for x, y in zip(old, new, strict=True):
                    if x != y:
                        steps[int(y) - int(x)] = steps.get(int(y) - int(x), 0) + 1
    return max(steps, key=steps.get) if steps else None


def only_year_moved(change: Difference, step: int | None) -> bool:
    """True when every difference is a year that moved by `step` (the plan year), nothing else."""
    if change.action != "reworded" or not step:
        return False
    a, b = re.findall(r"\w+|\W", change.old.text), re.findall(r"\w+|\W", change.new.text)
    for op, a1, a2, b1, b2 in opcodes(a, b):
        if op == "equal":
            continue
        if op != "replace" or a2 - a1 != b2 - b1:
            return False
        for x, y in zip(a[a1:a2], b[b1:b2], strict=True):
            if not (YEAR.fullmatch(x) and YEAR.fullmatch(y) and int(y) - int(x) == step):
                return False
    return True


def _norm(text: str) -> str:
    return " ".join(text.split())


def items_of(document) -> list[Item]:
    ids = _ids(document)
    paragraphs = [p for p in body_paragraphs(document) if p.text.strip()]
    marked = [i for i, p in enumerate(paragraphs) if mark_of(p._p)]
    start = marked[0] if marked else 0  # skip the title and trích yếu before the first block
    out = []
    for p in paragraphs[start:]:
        mark, text = mark_of(p._p), p.text.strip()
        label = text[: len(text) - len(strip_label(text).lstrip())].strip()
        out.append(Item("đoạn", mark, _norm(strip_label(p.text)).removesuffix("./."), text, [p._p],
                        number=label if label not in ("-", "+") else "", id=ids.get(mark)))
    table = appendix_table(document)
    if table is not None:
        for row in table.rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            if not any(cells):
                continue
            mark = mark_of(row._tr)
            out.append(Item("nhiệm vụ", mark, _norm(" | ".join(cells[TASK_COLUMN:])),
                            " | ".join(c for c in cells[TASK_COLUMN:] if c), [row._tr],
                            number=cells[0] if TASK_COLUMN else "", id=ids.get(mark)))
    return out


def _ids(document) -> dict[str | None, str]:
    """Bookmark → catalogue id, from the snapshot drafter stored in the document (if any)."""
    snapshot = read_snapshot(document)
    if snapshot is None:
        return {}
    return {x.mark: x.id for x in (*snapshot.blocks, *snapshot.rows) if x.mark}


def compare(old_items: list[Item], new_items: list[Item]) -> list[Difference]:
    key = lambda i: i.mark or f"{i.kind}:{i.text}"  # noqa: E731
    matcher = difflib.SequenceMatcher(None, [key(i) for i in old_items], [key(i) for i in new_items], autojunk=False)
    changes: list[Difference] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        olds, news = old_items[a1:a2], new_items[b1:b2]
        if op == "equal":
            changes += [Difference("reworded", o, n) for o, n in zip(olds, news, strict=True) if o.text != n.text]
            continue
        paired = 0
        for o, n in zip(olds, news, strict=False):
            if o.kind == n.kind and similar(o.text, n.text) >= 0.5:
                changes.append(Difference("reworded", o, n))
                paired += 1
            else:
                break
        changes += [Difference("removed", o, None) for o in olds[paired:]]
        changes += [Difference("added", None, n) for n in news[paired:]]
    return changes


def place_removed(changes: list[Difference], old_items: list[Item], new_items: list[Item]) -> None:
    """Anchor each removed item after the new counterpart of the item before it in the old plan
    (or before the first new item of its kind when nothing precedes it)."""
    counterpart = {id(c.old): c.new for c in changes if c.old is not None and c.new is not None}
    by_mark = {n.mark: n for n in new_items if n.mark}
    by_text = {(n.kind, n.text): n for n in new_items}
    removed = {id(c.old): c for c in changes if c.action == "removed"}
    last: dict[str, object] = {}
    for old in old_items:
        change = removed.get(id(old))
        if change is not None:
            if old.kind in last:
                change.anchor = ("after", last[old.kind])
            else:
                first = next((n for n in new_items if n.kind == old.kind), None)
                change.anchor = ("before", first.elements[0]) if first else None
            continue
        match = counterpart.get(id(old)) or (by_mark.get(old.mark) if old.mark else by_text.get((old.kind, old.text)))
        if match is not None:
            last[old.kind] = match.elements[0]


def diff(old: Path, new: Path, docx_out: Path | None = None, *, force: bool = False) -> list[Difference]:
    old, new = Path(old), Path(new)
    if docx_out is not None:
        guard_copy((old, new), Path(docx_out), force=force, option="--docx",
                   what="đây là một trong hai kế hoạch đang so sánh")
    old_doc, new_doc = open_docx(old, shown=display_path(old)), open_docx(new, shown=display_path(new))
    for document in (old_doc, new_doc):  # each plan as its reviewer proposes it
        accept_changes(document.element.body)
    old_items, new_items = items_of(old_doc), items_of(new_doc)
    changes = compare(old_items, new_items)
    if docx_out is not None:
        from .tracked import tracked_copy

        place_removed(changes, old_items, new_items)
        tracked_copy(changes, new_doc, Path(docx_out))
    return changes
