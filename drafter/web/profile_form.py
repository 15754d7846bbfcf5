"""The profile form, generated from the profile's cerberus schema: one field per schema key, with
the label and help its `meta:` gives, so a field added to the schema appears on the page without
touching HTML (a test fails if it has no label).

Widgets follow the rule's shape: text, date, a day/month deadline, yes/no, a choice for
`allowed:` (said in Vietnamese, labels.VALUES), rows for a list (one box a row, or one box a
column for a list of records: profile_rows), a table of key → value for a mapping, a group for a
mapping with its own schema. Nothing is typed as YAML; a shape none of these fits falls back to
a YAML box (a test proves the profile schema has none). Pure functions: no files, no web.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import InputError, Problem
from ..inputs.profile_edit import REMOVE, FieldPath
from ..inputs.yamlio import parse_fragment
from ..text import vn
from . import labels, profile_rows

SIMPLE_TYPES = {"string", "date", "boolean", "integer"}
YES_NO = (("", "mặc định"), ("true", "có"), ("false", "không"))
DAY_MONTH = "daymonth"


@dataclass(frozen=True)
class Field:
    path: FieldPath
    label: str
    help: str
    widget: str  # text | date | daymonth | bool | select | lines | table | rows | yaml | group
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    children: tuple[Field, ...] = ()  # a group's fields, or the columns of rows and of a table's values
    advanced: bool = False
    registry: bool = False  # the province: a unit of the registry, or written out
    int_keys: bool = False
    key_allowed: tuple[str, ...] = ()  # a table's allowed keys

    @property
    def name(self) -> str:
        return ".".join(self.path)

    def leaves(self) -> list[Field]:
        return [leaf for child in self.children for leaf in child.leaves()] if self.widget == "group" else [self]


def fields_of(rules: dict, named: dict[str, dict], parent: FieldPath = ()) -> tuple[Field, ...]:
    """Fields for a schema (named: the registry's shared parts, e.g. "style")."""
    out = []
    for key, rule in rules.items():
        meta = rule.get("meta") or {}
        path = (*parent, key)
        widget, children, choices, int_keys = _shape(rule, named, path)
        keys = (rule.get("keysrules") or {}).get("allowed") or ()
        out.append(Field(path, meta.get("label") or key, meta.get("help") or "", widget,
                         required=bool(rule.get("required")), choices=choices, children=children,
                         advanced=bool(meta.get("advanced")), registry=bool(meta.get("registry")), int_keys=int_keys,
                         key_allowed=tuple(str(k) for k in keys)))
    return tuple(out)


def _inner(rule: dict, named: dict[str, dict]) -> Any:
    inner = rule.get("schema")
    return named.get(inner, {}) if isinstance(inner, str) else inner


def _shape(rule: dict, named: dict[str, dict], path: FieldPath):
    kind = rule.get("type")
    inner = _inner(rule, named)
    meta = rule.get("meta") or {}
    if meta.get("widget") in ("yaml", DAY_MONTH):
        return meta["widget"], (), (), False
    if kind == "dict" and isinstance(inner, dict) and inner:
        return "group", fields_of(inner, named, path), (), False
    if kind == "dict" and isinstance(rule.get("valuesrules"), dict):
        values = rule["valuesrules"]
        int_keys = (rule.get("keysrules") or {}).get("type") == "integer"
        if values.get("type") == "string":
            return "table", (), (), int_keys
        record = _inner(values, named)
        if values.get("type") == "dict" and isinstance(record, dict) and _flat(record, named):
            return "table", fields_of(record, named, path), (), int_keys
    if kind == "list" and isinstance(inner, dict):
        if inner.get("type") == "string":
            return "lines", (), (), False
        record = _inner(inner, named)
        if inner.get("type") == "dict" and isinstance(record, dict) and _flat(record, named):
            return "rows", fields_of(record, named, path), (), False
    if kind == "boolean":
        return "bool", (), YES_NO, False
    if kind == "string" and rule.get("allowed"):
        said = tuple((str(a), labels.value_label(str(a))) for a in rule["allowed"] if a != "")
        return "select", (), (("", "—"), *said), False
    if kind in SIMPLE_TYPES:
        return ("date" if kind == "date" else "text"), (), (), False
    return "yaml", (), (), False


def _flat(record: dict, named: dict[str, dict]) -> bool:
    """A record whose every column fits one box (text, date, choice, yes/no, or lines in one cell)."""
    for rule in record.values():
        shape = _shape(rule, named, ("_",))[0]
        if shape not in ("text", "date", "bool", "select", "lines"):
            return False
    return True


def walk(fields: tuple[Field, ...]):
    for f in fields:
        yield f
        yield from walk(f.children)


def _get(data: Any, path: FieldPath) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def shown(field: Field | None, value: Any) -> str:
    """A stored value as the text of its box; reading the text back gives the value."""
    if value is None:
        return ""
    widget = field.widget if field is not None else "text"
    if widget == "bool":
        return "true" if value is True else "false" if value is False else str(value)
    if widget == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if widget == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if not isinstance(value, (dict, list)):
        return str(value)
    if value in ({}, []):
        return ""
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False).strip()


def form_values(fields: tuple[Field, ...], data: dict) -> dict[str, str]:
    """Every box's text, and the province's unit choice, for a profile's data."""
    values: dict[str, str] = {}
    for leaf in (leaf for f in fields for leaf in f.leaves()):
        value = _get(data, leaf.path)
        if leaf.widget in profile_rows.ROW_WIDGETS:
            values.update(profile_rows.shown_rows(leaf, value, shown))
        else:
            values[leaf.name] = shown(leaf, value)
    for f in walk(fields):
        if f.registry:
            unit = _get(data, f.path)
            values[f.name] = unit if isinstance(unit, str) else ""
            if isinstance(unit, str):
                values.update({name: "" for name in list(values) if name.startswith(f.name + ".")})
    return values


def _filled(f: Field, values: dict[str, str]) -> bool:
    if f.widget in profile_rows.ROW_WIDGETS:
        return bool(profile_rows.rows_text(f, values, _normal))
    return bool(values.get(f.name, "").strip())


def read_form(fields: tuple[Field, ...], form: dict[str, str],
              data: dict) -> tuple[dict[FieldPath, Any], dict[str, str]]:
    """The updates a submitted form makes to a profile: only fields whose text changed, an emptied
    field removed (its default applies), an emptied optional group removed whole; and, by field
    name, the texts that could not be read back (all of them: one does not hide another)."""
    before = form_values(fields, data)
    updates: dict[FieldPath, Any] = {}
    errors: dict[str, str] = {}
    settled: list[FieldPath] = []  # paths the first pass decided as a whole
    for f in walk(fields):
        if f.registry:
            _read_unit(f, form, data, updates, errors)
            settled.append(f.path)
        elif f.widget == "group" and not f.required and f.path not in updates:
            leaves = f.leaves()
            if any(_filled(leaf, before) for leaf in leaves) and not any(_filled(leaf, form) for leaf in leaves):
                updates[f.path] = REMOVE
    settled += list(updates)
    for f in fields:
        for leaf in f.leaves():
            if any(leaf.path[: len(p)] == p for p in settled):
                continue
            try:
                value = _changed(leaf, form, before)
            except ValueError as exc:
                errors[leaf.name] = str(exc)
                continue
            if value is not None:
                updates[leaf.path] = value
    return updates, errors


def _changed(f: Field, form: dict[str, str], before: dict[str, str]) -> Any:
    """The field's new value, or None when its text did not change."""
    if f.widget in profile_rows.ROW_WIDGETS:
        if profile_rows.rows_text(f, form, _normal) == profile_rows.rows_text(f, before, _normal):
            return None
        value, problems = profile_rows.read_rows(f, form, _normal, parse)
        if problems:
            raise ValueError("; ".join(problems))
        return value if value else REMOVE
    text = _normal(form.get(f.name, ""))
    if text == _normal(before.get(f.name, "")):
        return None
    return parse(f, text)


def _read_unit(f: Field, form: dict[str, str], data: dict, updates: dict, errors: dict[str, str]) -> None:
    chosen = form.get(f.name, "").strip()
    current = _get(data, f.path)
    if chosen:
        if chosen != current:
            updates[f.path] = chosen
        return
    if isinstance(current, str):  # leaving the registry: the province written out in the three fields
        written = {}
        for leaf in f.leaves():
            try:
                value = parse(leaf, _normal(form.get(leaf.name, ""))) if leaf.widget not in \
                    profile_rows.ROW_WIDGETS else profile_rows.read_rows(leaf, form, _normal, parse)[0] or REMOVE
            except ValueError as exc:
                errors[leaf.name] = str(exc)
                continue
            if value is not REMOVE:
                written[leaf.path[-1]] = value
        updates[f.path] = written


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in str(text).replace("\r\n", "\n").strip().split("\n"))


_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})")


def parse(field: Field, text: str) -> Any:
    """A box's text as the value the YAML file holds; ValueError says what is expected."""
    if not text:
        return REMOVE
    if field.widget == "bool":
        if text not in ("true", "false"):
            raise ValueError("chọn «có», «không» hoặc «mặc định»")
        return text == "true"
    if field.widget == "date":
        try:
            return vn.parse_date(text)
        except ValueError:
            return text  # the schema says what is wrong with it, in the CLI's words
    if field.widget == DAY_MONTH:
        return _day_month(text)
    if field.widget == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if field.widget == "yaml":
        try:
            value = parse_fragment(text, field.label)
        except InputError as exc:
            raise ValueError("; ".join(_fragment_message(p) for p in exc.problems)) from None
        return REMOVE if value is None else value
    return text


def _day_month(text: str) -> str:
    """A deadline "ngày/tháng" that exists in every year (29/02 is refused: not every year has it)."""
    found = _DAY_MONTH.fullmatch(text.strip())
    if not found:
        raise ValueError(f"«{text}»: cần ngày/tháng, ví dụ 10/11")
    day, month = int(found[1]), int(found[2])
    try:
        dt.date(2027, month, day)
    except ValueError:
        raise ValueError(f"«{text}»: không có ngày {day} tháng {month}") from None
    return f"{day}/{month}"


def _fragment_message(problem: Problem) -> str:
    return f"dòng {problem.line}: {problem.message}" if problem.line else problem.message


_INDEX = re.compile(r"\[\d+\]")


def errors_by_field(fields: tuple[Field, ...], problems: list[Problem]) -> tuple[dict[str, list[str]], list[str]]:
    """Validation problems placed at the field they belong to (the deepest field whose path starts
    the problem's path), a row's problem naming its row and column; the rest are for the top of
    the page, said with where on the form they are."""
    names = {f.name for f in walk(fields) if not _in_row(f, fields)}
    placed: dict[str, list[str]] = {}
    loose: list[str] = []
    for problem in problems:
        problem = Problem(problem.file, problem.line, problem.field, labels.keys_said(problem.message, fields))
        parts = _INDEX.sub("", problem.field).split(".") if problem.field else []
        while parts and ".".join(parts) not in names:
            parts.pop()
        if parts:
            name = ".".join(parts)
            inside = problem.field != name
            message = f"{labels.where(problem.field, fields)}: {problem.message}" if inside else problem.message
            placed.setdefault(name, []).append(message)
        else:
            loose.append(f"{labels.where(problem.field, fields)}: {problem.message}" if problem.field
                         else problem.message)
    return placed, loose


def _in_row(f: Field, fields: tuple[Field, ...]) -> bool:
    return any(p.widget in profile_rows.ROW_WIDGETS and f.path[: len(p.path)] == p.path and f is not p
               for p in walk(fields))
