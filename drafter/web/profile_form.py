"""The profile form, generated from the profile's cerberus schema: one field per schema key, with
the label and help its `meta:` gives, so a field added to the schema appears on the page without
touching HTML (a test fails if it has no label).

Widgets follow the rule's shape: text, date, yes/no, a choice for `allowed:`, one line per item
for a list of strings, "key: value" lines for a mapping of strings, a group for a mapping with its
own schema, and YAML for anything deeper (tasks, documents). Pure functions: no files, no web.
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

SIMPLE_TYPES = {"string", "date", "boolean", "integer"}
YES_NO = (("", "mặc định"), ("true", "có"), ("false", "không"))


@dataclass(frozen=True)
class Field:
    path: FieldPath
    label: str
    help: str
    widget: str  # text | date | bool | select | lines | pairs | yaml | group
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    children: tuple[Field, ...] = ()
    advanced: bool = False
    registry: bool = False  # the province: a unit of the registry, or written out
    int_keys: bool = False

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
        out.append(Field(path, meta.get("label") or key, meta.get("help") or "", widget,
                         required=bool(rule.get("required")), choices=choices, children=children,
                         advanced=bool(meta.get("advanced")), registry=bool(meta.get("registry")), int_keys=int_keys))
    return tuple(out)


def _shape(rule: dict, named: dict[str, dict], path: FieldPath):
    kind = rule.get("type")
    inner = rule.get("schema")
    inner = named.get(inner, {}) if isinstance(inner, str) else inner
    if (rule.get("meta") or {}).get("widget") == "yaml":
        return "yaml", (), (), False
    if kind == "dict" and isinstance(inner, dict) and inner:
        return "group", fields_of(inner, named, path), (), False
    if kind == "dict" and (rule.get("valuesrules") or {}).get("type") == "string":
        return "pairs", (), (), (rule.get("keysrules") or {}).get("type") == "integer"
    if kind == "list" and isinstance(inner, dict) and inner.get("type") == "string":
        return "lines", (), (), False
    if kind == "boolean":
        return "bool", (), YES_NO, False
    if kind == "string" and rule.get("allowed"):
        return "select", (), (("", "—"), *((str(a), str(a)) for a in rule["allowed"])), False
    if kind in SIMPLE_TYPES:
        return ("date" if kind == "date" else "text"), (), (), False
    return "yaml", (), (), False


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


def shown(field: Field, value: Any) -> str:
    """A stored value as the text its widget shows; reading the text back gives the value."""
    if value is None:
        return ""
    if field.widget == "bool":
        return "true" if value is True else "false" if value is False else str(value)
    if field.widget == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if field.widget == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if field.widget == "pairs" and isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    if field.widget in ("text", "select", "date") and not isinstance(value, (dict, list)):
        return str(value)
    if value in ({}, []):
        return ""
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False).strip()


def form_values(fields: tuple[Field, ...], data: dict) -> dict[str, str]:
    """Every leaf's text, and the province's unit choice, for a profile's data."""
    values = {leaf.name: shown(leaf, _get(data, leaf.path)) for f in fields for leaf in f.leaves()}
    for f in walk(fields):
        if f.registry:
            unit = _get(data, f.path)
            values[f.name] = unit if isinstance(unit, str) else ""
            if isinstance(unit, str):
                values.update({leaf.name: "" for leaf in f.leaves()})
    return values


def read_form(fields: tuple[Field, ...], form: dict[str, str],
              data: dict) -> tuple[dict[FieldPath, Any], dict[str, str]]:
    """The updates a submitted form makes to a profile: only fields whose text changed, an emptied
    field removed (its default applies), an emptied optional group removed whole; and, by field
    name, the texts that could not be read back."""
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
            emptied = any(before.get(leaf.name) for leaf in leaves)
            if emptied and all(not form.get(leaf.name, "").strip() for leaf in leaves):
                updates[f.path] = REMOVE
    settled += list(updates)
    for f in walk(fields):
        if f.widget == "group" or any(f.path[: len(p)] == p for p in settled):
            continue
        text = _normal(form.get(f.name, ""))
        if text == _normal(before.get(f.name, "")):
            continue
        try:
            updates[f.path] = parse(f, text)
        except ValueError as exc:
            errors[f.name] = str(exc)
    return updates, errors


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
                value = parse(leaf, _normal(form.get(leaf.name, "")))
            except ValueError as exc:
                errors[leaf.name] = str(exc)
                continue
            if value is not REMOVE:
                written[leaf.path[-1]] = value
        updates[f.path] = written


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in str(text).replace("\r\n", "\n").strip().split("\n"))


def parse(field: Field, text: str) -> Any:
    """A widget's text as the value the YAML file holds; ValueError names what is expected."""
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
    if field.widget == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if field.widget == "pairs":
        return _pairs(text, field.int_keys)
    if field.widget == "yaml":
        try:
            value = parse_fragment(text, field.label)
        except InputError as exc:
            raise ValueError("; ".join(_fragment_message(p) for p in exc.problems)) from None
        return REMOVE if value is None else value
    return text


def _pairs(text: str, int_keys: bool) -> dict:
    out: dict = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon or not key.strip() or not value.strip():
            raise ValueError(f"dòng {number} «{line.strip()}»: cần dạng «khóa: giá trị»")
        key = key.strip()
        if int_keys:
            if not key.isdigit():
                raise ValueError(f"dòng {number}: «{key}» phải là năm, ví dụ 2027")
            key = int(key)
        if key in out:
            raise ValueError(f"dòng {number}: «{key}» đã có ở dòng trên")
        out[key] = value.strip()
    return out


def _fragment_message(problem: Problem) -> str:
    return f"dòng {problem.line}: {problem.message}" if problem.line else problem.message


_INDEX = re.compile(r"\[\d+\]")


def errors_by_field(fields: tuple[Field, ...], problems: list[Problem]) -> tuple[dict[str, list[str]], list[str]]:
    """Validation problems placed at the field they belong to (the deepest field whose path starts
    the problem's path); the rest are for the top of the page."""
    names = {f.name for f in walk(fields)}
    placed: dict[str, list[str]] = {}
    loose: list[str] = []
    for problem in problems:
        parts = _INDEX.sub("", problem.field).split(".") if problem.field else []
        while parts and ".".join(parts) not in names:
            parts.pop()
        message = problem.message if not _INDEX.search(problem.field) else f"{problem.field}: {problem.message}"
        if parts:
            placed.setdefault(".".join(parts), []).append(message)
        else:
            loose.append(f"{problem.field}: {problem.message}" if problem.field else problem.message)
    return placed, loose
