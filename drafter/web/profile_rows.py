"""The profile form's row widgets: a list of strings (one box a row), a mapping (a table of key →
value, e.g. agency role → name) and a list of records (one row a record, one box a column, e.g. a
border gate's name and kind). Each row's boxes are named `<field>.<row>` or `<field>.<row>.<column>`,
so a browser without JavaScript sends them as plain fields and a row left empty is no row.

Pure functions: a value as the texts of its boxes, and the texts back as a value; a cell that
cannot be read is an error naming its row and column, every one at once.
"""

from __future__ import annotations

from typing import Any

from ..inputs.profile_edit import REMOVE
from . import labels

ROW_WIDGETS = ("lines", "table", "rows")
KEY = "key"  # a table's key column
VALUE = "value"  # a table's value column when the values are plain text


def columns(field) -> list[str]:
    """The box names of one row after the row number."""
    if field.widget == "lines":
        return []
    cols = [c.path[-1] for c in field.children] if field.children else [VALUE]
    return [KEY, *cols] if field.widget == "table" else cols


def box(field, row: int, column: str | None = None) -> str:
    return f"{field.name}.{row}" + (f".{column}" if column else "")


def shown_rows(field, value: Any, shown) -> dict[str, str]:
    """The texts of a value's rows, by box name (shown: the text of one cell's value)."""
    out: dict[str, str] = {}
    if field.widget == "lines" and isinstance(value, list):
        out.update({box(field, i): shown(None, item) for i, item in enumerate(value)})
    elif field.widget == "table" and isinstance(value, dict):
        for i, (key, item) in enumerate(value.items()):
            out[box(field, i, KEY)] = str(key)
            if field.children:
                out.update({box(field, i, c.path[-1]): shown(c, (item or {}).get(c.path[-1]) if isinstance(item, dict)
                                                              else None) for c in field.children})
            else:
                out[box(field, i, VALUE)] = shown(None, item)
    elif field.widget == "rows" and isinstance(value, list):
        for i, item in enumerate(value):
            record = item if isinstance(item, dict) else {}
            out.update({box(field, i, c.path[-1]): shown(c, record.get(c.path[-1])) for c in field.children})
    return out


def row_numbers(field, values: dict[str, str]) -> list[int]:
    """The rows a form holds for a field, in order (the numbers need not be consecutive)."""
    prefix = field.name + "."
    found = set()
    for name in values:
        if name.startswith(prefix):
            head = name[len(prefix):].split(".", 1)[0]
            if head.isdigit() and len(head) <= 4:
                found.add(int(head))
    return sorted(found)


def rows_text(field, values: dict[str, str], normal) -> list[tuple[str, ...]]:
    """The non-empty rows as tuples of their normalised texts: what decides whether a field changed."""
    out = []
    cols = columns(field) or [None]
    for row in row_numbers(field, values):
        cells = tuple(normal(values.get(box(field, row, c), "")) for c in cols)
        if any(cells):
            out.append(cells)
    return out


def read_rows(field, values: dict[str, str], normal, parse) -> tuple[Any, list[str]]:
    """The value a field's rows give, and the problems of its cells ("dòng 2, ô «Loại»: …")."""
    problems: list[str] = []
    rows = rows_text(field, values, normal)
    if field.widget == "lines":
        return [cells[0] for cells in rows], problems
    by_name = {c.path[-1]: c for c in field.children}
    cols = columns(field)
    out: Any = {} if field.widget == "table" else []
    for number, cells in enumerate(rows, start=1):
        record: dict[str, Any] = {}
        for column, text in zip(cols, cells, strict=True):
            if column == KEY:
                continue
            cell = by_name.get(column)
            if cell is None:
                record[column] = text
                continue
            try:
                value = parse(cell, text)
            except ValueError as exc:
                problems.append(f"dòng {number}, ô «{cell.label}»: {exc}")
                continue
            if value is not REMOVE:
                record[column] = value
        if field.widget == "rows":
            out.append(record)
            continue
        key = _key(field, cells[0], number, out, problems)
        if key is not None:
            out[key] = record.get(VALUE) if not field.children else record
    return out, problems


def _key(field, text: str, number: int, seen: dict, problems: list[str]):
    if not text:
        problems.append(f"dòng {number}: chọn hoặc điền ô đầu dòng")
        return None
    key: Any = text
    if field.int_keys:
        if not text.isdigit() or len(text) > 4:
            problems.append(f"dòng {number}: «{text}» phải là năm, ví dụ 2027")
            return None
        key = int(text)
    if key in seen:
        problems.append(f"dòng {number}: «{labels.key_label(field.name, key)}» đã có ở dòng trên")
        return None
    return key


def key_choices(field) -> tuple[tuple[str, str], ...]:
    """The choices of a table's key column: agency roles, or the schema's allowed keys; none for years."""
    if field.name == "agencies":
        return tuple(labels.roles().items())
    return tuple((k, labels.value_label(k)) for k in field.key_allowed)
