"""Read a YAML input file and validate it, reporting problems as `file:line: field.path: message`.

Every input (profile, catalogue, plan kind) goes through load() then validate(), so every
file gets the same checks and the same message format. PyYAML alone loses line numbers and
silently keeps the last of two duplicate keys; composing the node tree first keeps both the
marks (for line numbers) and the evidence of duplicates.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cerberus
import yaml

from ..errors import InputError, Problem
from ..text import legacy, vn

# libyaml's parser when PyYAML was built with it (the PyPI wheels are): it reads the bundled
# catalogue about five times faster, which is most of a cold `drafter draft`. Same node marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[Any, ...]


@dataclass
class Loaded:
    """A parsed YAML document with the line (1-based) of every key and list item."""

    path: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    columns: dict[PathKey, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what loading changed (legacy text converted)

    def _nearest(self, key_path: PathKey) -> PathKey:
        key_path = tuple(key_path)
        while key_path and key_path not in self.lines:
            key_path = key_path[:-1]
        return key_path

    def line_of(self, key_path: PathKey) -> int | None:
        """The line of a field, or of its nearest ancestor that exists in the file."""
        return self.lines.get(self._nearest(key_path), 1)

    def column_of(self, key_path: PathKey) -> int | None:
        return self.columns.get(self._nearest(key_path))

    def problem(self, key_path: PathKey, message: str) -> Problem:
        """A problem located at a field: file:line:column: field.path: message."""
        return Problem(display_path(self.path), self.line_of(key_path), field_path(key_path), message,
                       self.column_of(key_path))


def display_path(path: Path) -> str:
    """Relative to the working directory when possible: messages should be short and clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def field_path(key_path: PathKey) -> str:
    out = ""
    for key in key_path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _read_text(path: Path, error_cls: type[InputError]) -> str:
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error_cls.single(shown, "không tìm thấy tệp") from None
    except IsADirectoryError:
        raise error_cls.single(shown, "đây là thư mục, không phải tệp YAML") from None
    except OSError as exc:
        raise error_cls.single(shown, f"không đọc được tệp ({exc.strerror})") from exc
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error_cls.single(
            shown,
            "tệp không phải UTF-8 (có thể là Windows-1258 hoặc phông TCVN3/VNI cũ); "
            "hãy mở và lưu lại với bảng mã UTF-8",
            line=line,
        ) from exc


def _walk(node: yaml.Node, key_path: PathKey, lines: dict[PathKey, int], problems: list[Problem], shown: str,
          columns: dict[PathKey, int]) -> None:
    lines.setdefault(key_path, node.start_mark.line + 1)
    columns.setdefault(key_path, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(shown, line, field_path(key_path + (key,)),
                            f"khóa bị lặp (đã có ở dòng {seen[key]}); YAML chỉ giữ một giá trị, hãy xóa bớt một",
                            key_node.start_mark.column + 1)
                )
            seen[key] = line
            lines[key_path + (key,)] = line
            columns[key_path + (key,)] = key_node.start_mark.column + 1
            _walk(value_node, key_path + (key,), lines, problems, shown, columns)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[key_path + (index,)] = item.start_mark.line + 1
            columns[key_path + (index,)] = item.start_mark.column + 1
            _walk(item, key_path + (index,), lines, problems, shown, columns)


def _clean_strings(value: Any, key_path: PathKey, legacy_found: list[tuple[PathKey, str, str]]) -> Any:
    """NFC, no XML-illegal characters, no line breaks inside a value (one paragraph per idea),
    and text pasted from legacy-font documents (TCVN3, VNI) found."""
    if isinstance(value, str):
        text = value.replace("\r\n", " ").replace("\n", " ")
        kind = legacy.kind_of(text)
        if kind:
            legacy_found.append((key_path, kind, text))
            if kind == "tcvn3":
                text = legacy.from_tcvn3(text)
        return vn.clean(text)
    if isinstance(value, dict):
        return {(_clean_strings(k, key_path, []) if isinstance(k, str) else k):
                _clean_strings(v, key_path + (k,), legacy_found) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_strings(v, key_path + (i,), legacy_found) for i, v in enumerate(value)]
    return value


def load_trusted(path: Path, error_cls: type[InputError] = InputError) -> Loaded:
    """A file shipped with drafter, read without line numbers or text cleaning.

    The shipped data is checked in full by the tests and `drafter validate` (load() plus strict
    validation), and a test keeps what this returns equal to what load() returns; a cold `drafter
    draft` then does not pay for marks and cleaning it will never use. Never for a user's file."""
    try:
        return Loaded(path=Path(path), data=yaml.load(Path(path).read_bytes(), Loader=_Loader))  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:  # only if the installation itself is damaged
        raise error_cls.single(display_path(Path(path)), f"không đọc được dữ liệu kèm theo drafter: {exc}") from exc


def load(path: Path, error_cls: type[InputError] = InputError) -> Loaded:
    path = Path(path)
    shown = display_path(path)
    text = _read_text(path, error_cls)
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise error_cls.single(shown, "tệp rỗng", line=1)
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise error_cls([Problem(shown, line, "", f"ký tự không được phép trong YAML (mã {exc.character!r}); "
                                                 "hãy xóa ký tự điều khiển dán từ tài liệu khác", column)]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "lỗi cú pháp"
        raise error_cls([Problem(shown, line, "", f"lỗi cú pháp YAML: {reason}",
                                 mark.column + 1 if mark else None)]) from exc
    except yaml.YAMLError as exc:
        raise error_cls.single(shown, f"lỗi cú pháp YAML: {exc}") from exc
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[PathKey, int] = {}
    columns: dict[PathKey, int] = {}
    problems: list[Problem] = []
    _walk(node, (), lines, problems, shown, columns)
    if problems:
        raise error_cls(problems)
    found: list[tuple[PathKey, str, str]] = []
    loaded = Loaded(path=path, data=None, lines=lines, columns=columns)
    loaded.data = _clean_strings(data, (), found)
    for key_path, kind, text in found:
        excerpt = text if len(text) <= 40 else text[:37] + "…"
        if kind == "vni":
            message = (f"văn bản gõ bằng bảng mã VNI («{excerpt}»): hãy chuyển sang Unicode "
                       "(Unikey: Công cụ chuyển mã, VNI Windows → Unicode) rồi dán lại")
            problems.append(loaded.problem(key_path, message))
        else:
            message = (f"văn bản bảng mã TCVN3 (.VnTime) «{excerpt}» đã được chuyển sang Unicode; "
                       "hãy kiểm tra và lưu lại tệp bằng Unicode")
            loaded.notes.append(str(loaded.problem(key_path, message)))
    if problems:
        raise error_cls(problems)
    return loaded


# --- cerberus errors in Vietnamese ----------------------------------------------------------------

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


def _flatten(errors: list, schema: dict) -> list[tuple[PathKey, str]]:
    out: list[tuple[PathKey, str]] = []
    for error in errors:
        if error.child_errors:
            out.extend(_flatten(error.child_errors, schema))
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
    problems = [loaded.problem(key_path, message) for key_path, message in _flatten(list(validator._errors), schema)]
    problems.sort(key=lambda p: (p.line or 0, p.field))
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


def load_schema(path: Path) -> dict:
    """Schemas ship with the package as YAML; a broken schema is a bug, not a user error."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a safe loader (libyaml or pure Python)
