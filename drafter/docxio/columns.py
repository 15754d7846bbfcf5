"""The appendix table's columns, in one place: the template builder (tools/build_templates.py) draws
them, marks bookmarks each task row in its task cell, harvest and diff read the cells back by name.
The checker does not use them: it must read any person's table, so it finds an appendix by its
"Phụ lục" line (check.parts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str  # the Row field it shows
    heading: str
    width: int  # twips, on a landscape A4 page with 30/15 mm margins (25.2 cm in all)
    centred: bool = False


APPENDIX_COLUMNS = (
    Column("stt", "STT", 794, centred=True),
    Column("text", "Nhiệm vụ", 6180),
    Column("lead", "Đơn vị chủ trì", 2665),
    Column("partners", "Đơn vị phối hợp", 3231),
    Column("time", "Thời gian thực hiện", 1417, centred=True),
)
NAMES = tuple(c.name for c in APPENDIX_COLUMNS)
#: The column whose first paragraph carries a task row's bookmark.
TASK_COLUMN = NAMES.index("text")


def index(name: str) -> int:
    return NAMES.index(name)


def cells_by_name(cells: list[str]) -> dict[str, str]:
    """A row's cell texts by column name; a row a reviewer shortened reads as empty cells."""
    padded = list(cells) + [""] * (len(NAMES) - len(cells))
    return dict(zip(NAMES, padded, strict=False))
