"""Read a YAML input file and validate it, reporting problems as `file:line: field.path: message`.

Every input (profile, catalogue, plan kind) goes through load() then validate(), so every
file gets the same checks and the same message format. PyYAML alone loses line numbers and
silently keeps the last of two duplicate keys; composing the node tree first keeps both the
marks (for line numbers) and the evidence of duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem, os_reason
from ..limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES, FileRefused, read_regular
from ..paths import display_path
from ..text import legacy, vn
from . import shipped


def _lenient_dates(base: type) -> type:
    """The safe loader, except that a date that does not exist ("2026-02-30") stays text, so the
    schema reports it at its line instead of PyYAML raising from deep inside."""

    class Loader(base):  # type: ignore[valid-type,misc]
        pass

    def timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode):
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except ValueError:
            return loader.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp_or_text)
    return Loader


# libyaml's parser when PyYAML was built with it (the PyPI wheels are): it reads the bundled
# catalogue about five times faster, which is most of a cold `drafter draft`. Same node marks;
# other words in its errors (yaml_messages knows both).
_Loader = _lenient_dates(getattr(yaml, "CSafeLoader", yaml.SafeLoader))

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


def field_path(key_path: PathKey) -> str:
    out = ""
    for key in key_path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _read_text(path: Path, error_cls: type[InputError]) -> str:
    shown = display_path(path)
    try:
        raw = read_regular(path, MAX_YAML_BYTES, "tệp YAML")
    except FileRefused as exc:
        raise error_cls.single(shown, str(exc)) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and b"\x00" in raw[:200]):
        raise error_cls.single(shown, "tệp lưu bằng UTF-16 (Unicode của Notepad cũ); hãy lưu lại với bảng mã UTF-8",
                               line=1)
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


def _bounded(node: yaml.Node, shown: str, error_cls: type[InputError]) -> None:
    """Refuse a document that expands past MAX_YAML_NODES once aliases are followed, or nests past
    MAX_YAML_DEPTH: 350 bytes of nested aliases ("billion laughs") would otherwise cost gigabytes.
    Counted without recursion, each node once (aliases share nodes, so the count is a product)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(node, 1, False)]
    while stack:
        current, depth, children_done = stack.pop()
        if depth > MAX_YAML_DEPTH:
            raise error_cls.single(shown, f"dữ liệu lồng quá sâu (quá {MAX_YAML_DEPTH} cấp)",
                                   line=current.start_mark.line + 1)
        if id(current) in sizes:
            continue
        children = _children(current)
        if children_done or not children:
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if total > MAX_YAML_NODES:
                raise error_cls.single(shown, "tệp có quá nhiều bí danh (alias *…) lồng nhau: khi mở ra vượt "
                                              f"{MAX_YAML_NODES:,} mục; hãy viết thẳng giá trị thay vì dùng bí danh",
                                       line=current.start_mark.line + 1)
            sizes[id(current)] = total
            continue
        stack.append((current, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)


#: Characters a number may have: a year or a count has a few; Python refuses to read integers of
#: over 4,300 digits with a ValueError from inside PyYAML, and bigger ones cost quadratic time.
MAX_NUMBER_CHARS = 30
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _numbers_bounded(node: yaml.Node, shown: str, error_cls: type[InputError]) -> None:
    """Refuse a number too long to be meant before anything is built from it, at its line and
    field. Each node is visited once (aliases share nodes), so this stays linear."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, PathKey]] = [(node, ())]
    while stack:
        current, key_path = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            if current.tag in _NUMBER_TAGS and len(current.value) > MAX_NUMBER_CHARS:
                raise error_cls([Problem(shown, current.start_mark.line + 1, field_path(key_path),
                                         f"số quá dài ({len(current.value):,} ký tự; tối đa {MAX_NUMBER_CHARS}): "
                                         "hãy ghi một số bình thường", current.start_mark.column + 1)])
        elif isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                stack.extend([(key_node, key_path), (value_node, key_path + (key,))])
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, key_path + (i,)) for i, item in enumerate(current.value))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


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
        return Loaded(path=Path(path), data=_shipped_data(Path(path)))
    except (OSError, yaml.YAMLError) as exc:  # only if the installation itself is damaged
        why = os_reason(exc, "đọc") if isinstance(exc, OSError) else exc
        raise error_cls.single(display_path(Path(path)), f"không đọc được dữ liệu kèm theo drafter: {why}") from exc


def parse_fragment(text: str, shown: str, error_cls: type[InputError] = InputError) -> Any:
    """A piece of YAML a person typed (a form field of `drafter serve`): the same bounds and
    messages as a file, an empty text is None."""
    if not text.strip():
        return None
    return _parse(text, shown, error_cls)[1]


def _parse(text: str, shown: str, error_cls: type[InputError]) -> tuple[yaml.Node, Any]:
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise error_cls.single(shown, "tệp rỗng", line=1)
        _bounded(node, shown, error_cls)
        _numbers_bounded(node, shown, error_cls)
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise error_cls([Problem(shown, line, "", f"ký tự không được phép trong YAML (mã {exc.character!r}); "
                                                 "hãy xóa ký tự điều khiển dán từ tài liệu khác", column)]) from exc
    except yaml.MarkedYAMLError as exc:
        raise error_cls([_syntax_problem(exc, shown)]) from exc
    except yaml.YAMLError as exc:
        from . import yaml_messages  # only for a broken file: its 60 patterns cost every run 5 ms

        raise error_cls.single(shown, f"lỗi cú pháp YAML: {yaml_messages.problem(str(exc))}") from exc
    except RecursionError:  # PyYAML without libyaml recurses once per level; libyaml stops at its own limit
        from . import yaml_messages

        raise error_cls.single(shown, f"lỗi cú pháp YAML: {yaml_messages.problem('exceeded maximum nesting depth')}",
                               line=1) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, data


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str) -> Problem:
    """A syntax error at its file:line:column, in Vietnamese (yaml_messages), with where the part
    PyYAML was reading began when that is another line (an unclosed bracket or quote)."""
    from . import yaml_messages

    mark = exc.problem_mark or exc.context_mark
    message = f"lỗi cú pháp YAML: {yaml_messages.problem(exc.problem or exc.context)}"
    reading = yaml_messages.context(exc.context) if exc.problem else None
    if reading and exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
        message += f" (phần {reading} bắt đầu từ dòng {exc.context_mark.line + 1})"
    return Problem(shown, mark.line + 1 if mark else None, "", message, mark.column + 1 if mark else None)


def load(path: Path, error_cls: type[InputError] = InputError) -> Loaded:
    path = Path(path)
    shown = display_path(path)
    node, data = _parse(_read_text(path, error_cls), shown, error_cls)
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


def load_schema(path: Path) -> dict:
    """Schemas ship with the package as YAML; a broken schema is a bug, not a user error."""
    return load_bundled(path)


def load_bundled(path: Path) -> Any:
    """A YAML file shipped with drafter (schema, rule set, evidence), through libyaml when PyYAML
    has it: the pure-Python loader took ten times as long (29 ms for the check's rule sets)."""
    return _shipped_data(Path(path))


def _shipped_data(path: Path) -> Any:
    """Its pre-parsed copy when that was made from these bytes by this version (inputs.shipped),
    else the YAML itself."""
    raw = path.read_bytes()
    data = shipped.parsed(path, raw)
    if data is shipped.MISSING:
        data = parse_shipped(raw)
    return data


def parse_shipped(raw: bytes) -> Any:
    return yaml.load(raw, Loader=_Loader)  # noqa: S506 - a safe loader (libyaml or pure Python)
