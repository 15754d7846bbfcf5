"""Cerberus validation with every message in Vietnamese, located at the field's line.

Every input goes through yamlio.load (line numbers) and then validate() here, so every file gets
the same checks in the same words: "file:line:column: field.path: message".
"""

from __future__ import annotations

import difflib
import re

import cerberus

from ..errors import InputError
from ..paths import display_path
from ..text import vn
from .yamlio import Loaded, PathKey

_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_TYPE_VN = {
    "string": "chuỗi văn bản",
    "integer": "số nguyên",
    "boolean": "true hoặc false",
    "dict": "một nhóm khóa: giá trị",
    "list": "một danh sách (mỗi mục bắt đầu bằng '- ')",
    "date": "ngày dạng YYYY-MM-DD (không đặt trong ngoặc kép)",
    "number": "số",
}


def _schema_at(schema: dict, key_path: PathKey) -> dict | None:
    """The mapping schema that applies at key_path, for "did you mean" hints."""
    current: dict | None = schema
    for key in key_path:
        if current is None:
            return None
        if isinstance(key, int):
            continue
        rule = current.get(key)
        if not isinstance(rule, dict):
            return None
        inner = rule.get("schema")
        if isinstance(inner, dict) and rule.get("type") == "list":
            inner = inner.get("schema")
        current = inner if isinstance(inner, dict) else None
    return current


def _message(error: cerberus.errors.ValidationError, schema: dict) -> str:
    rule, constraint, value = error.rule, error.constraint, error.value
    if error.code == cerberus.errors.UNKNOWN_FIELD.code:
        key = error.document_path[-1] if error.document_path else ""
        siblings = _schema_at(schema, error.document_path[:-1]) or {}
        guess = difflib.get_close_matches(str(key), [str(k) for k in siblings], n=1, cutoff=0.6)
        hint = f"; có phải ý bạn là `{guess[0]}`?" if guess else ""
        return f"trường không được hỗ trợ{hint}"
    if rule == "required":
        return "thiếu trường bắt buộc"
    if rule == "type":
        kinds = constraint if isinstance(constraint, list) else [constraint]
        if "date" in kinds and isinstance(value, str) and _DATE_LIKE.match(value):
            return vn.date_problem(value) or f"ngày {value} không có thật; cần ngày dạng YYYY-MM-DD"
        return "phải là " + " hoặc ".join(_TYPE_VN.get(k, k) for k in kinds)
    if rule == "allowed":
        return f"giá trị {value!r} không hợp lệ; chỉ nhận: " + ", ".join(str(c) for c in constraint)
    if rule == "empty":
        return "không được để trống"
    if rule == "nullable":
        return "không được để trống (null)"
    if rule == "regex":
        hint = (error.schema_path and _meta_hint(schema, error.document_path)) or f"khớp mẫu {constraint}"
        return f"sai định dạng: cần {hint}"
    if rule == "minlength":
        return f"cần ít nhất {constraint} mục"
    if rule == "maxlength":
        if isinstance(value, str):
            return f"dài {len(value)} ký tự; tối đa {constraint}"
        return f"nhiều nhất {constraint} mục"
    if rule == "min":
        return f"phải lớn hơn hoặc bằng {constraint}"
    if rule == "max":
        return f"phải nhỏ hơn hoặc bằng {constraint}"
    if rule == "check_with":
        return str(error.info[0]) if error.info else "không hợp lệ"
    return f"không hợp lệ (quy tắc {rule})"


def _meta_hint(schema: dict, key_path: PathKey) -> str | None:
    parent = _schema_at(schema, key_path[:-1])
    if not parent or not key_path:
        return None
    key = key_path[-1]
    rule = parent.get(key) if not isinstance(key, int) else None
    if rule is None:  # a list item: the hint sits on the list's item schema
        grand = _schema_at(schema, key_path[:-2]) or {}
        rule = (grand.get(key_path[-2]) or {}).get("schema") if len(key_path) >= 2 else None
    if isinstance(rule, dict):
        return (rule.get("meta") or {}).get("hint")
    return None


#: Problems listed in one message: a file with thousands of wrong keys gets the first ones and a count.
MAX_REPORTED = 20


def _flatten(errors: list, schema: dict, limit: int) -> list[tuple[PathKey, str]]:
    """The first `limit` leaf errors (the hints cost a fuzzy match each, so no more are worded)."""
    out: list[tuple[PathKey, str]] = []
    for error in errors:
        if len(out) >= limit:
            break
        if error.child_errors:
            out.extend(_flatten(error.child_errors, schema, limit - len(out)))
        else:
            out.append((tuple(error.document_path), _message(error, schema)))
    return out


def validate(loaded: Loaded, validator: cerberus.Validator, error_cls: type[InputError] = InputError) -> dict:
    """Validate with a cerberus validator; returns the normalised document (defaults applied)."""
    shown = display_path(loaded.path)
    if not isinstance(loaded.data, dict):
        raise error_cls.single(shown, "tệp phải là một nhóm khóa: giá trị ở cấp ngoài cùng", line=1)
    schema = _expanded(validator)
    if validator.validate(loaded.data):
        return validator.document
    found = _flatten(list(validator._errors), schema, limit=MAX_REPORTED + 1)
    problems = [loaded.problem(key_path, message) for key_path, message in found[:MAX_REPORTED]]
    problems.sort(key=lambda p: (p.line or 0, p.field))
    more = len(validator._errors) - len(found[:MAX_REPORTED]) + getattr(validator, "dropped", 0)
    if more > 0 or len(found) > MAX_REPORTED:
        problems.append(loaded.problem((), f"và {max(more, 1):,} lỗi khác (chỉ nêu {MAX_REPORTED} lỗi đầu; sửa "
                                           "những lỗi này rồi chạy lại)"))
    raise error_cls(problems)


def _expanded(validator: cerberus.Validator) -> dict:
    """The schema with registry references replaced, so hints can walk into named parts."""
    registry = validator.schema_registry

    def expand(rules):
        if isinstance(rules, str):
            return expand(registry.get(rules) or {})
        if not isinstance(rules, dict):
            return rules
        out = {}
        for key, rule in rules.items():
            if isinstance(rule, dict):
                rule = dict(rule)
                if "schema" in rule:
                    inner = rule["schema"]
                    if isinstance(inner, str):
                        inner = registry.get(inner)
                    if rule.get("type") == "list" and isinstance(inner, dict) and "schema" in inner:
                        inner = dict(inner)
                        inner["schema"] = expand(inner["schema"])
                    elif isinstance(inner, dict):
                        inner = expand(inner)
                    rule["schema"] = inner
            out[key] = rule
        return out

    return expand(dict(validator.schema))
