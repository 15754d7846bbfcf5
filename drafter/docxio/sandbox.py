"""Limits on what a template may build while it renders, beside template_rules' limits on what it
may say.

The syntax tree can forbid `*`, `range()` and macros, but not growth through the operations a
template needs: `{% set s = s ~ s %}` doubles a string, so 34 such lines ask for 2 GB; `|replace`
and `|join` multiply; `[l, l]` doubles a list by reference and printing it writes out every copy.
So every operation that can grow a value is measured before (or, for a literal list, right after)
it happens, and refused once a value passes MAX_CHARS characters or MAX_ITEMS items; the text a
template writes in all is bounded by MAX_OUTPUT. A refusal is a SecurityError, which the renderer
turns into a message naming the template.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.filters import do_join, do_replace
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

#: The longest value a template may build (the longest paragraph of a real plan is under 5,000).
MAX_CHARS = 1_000_000
#: The most items (counted through nested lists, each reference again) a value may hold.
MAX_ITEMS = 100_000
#: The most text one rendered part may have (a plan's document.xml is about 1 MB).
MAX_OUTPUT = 32 * 2**20

_MEASURED = "drafter_measured"
_CONCAT = "drafter_concat"


def _too_big(what: str) -> SecurityError:
    return SecurityError(f"mẫu tạo ra {what} quá lớn (tối đa {MAX_CHARS:,} ký tự, {MAX_ITEMS:,} mục): mẫu chỉ được "
                         "hiện giá trị của kế hoạch, không được nhân bản chuỗi hay danh sách")


def measure(value: Any) -> tuple[int, int]:
    """(characters, items) of a value, stopping as soon as either passes its bound: a list that
    holds itself by reference many times is walked only until it is known to be too big."""
    chars, items = 0, 0
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            chars += len(current)
        elif isinstance(current, list | tuple | set | frozenset):
            items += len(current)
            stack.extend(current)
        elif isinstance(current, dict):
            items += len(current)
            stack.extend(current.keys())
            stack.extend(current.values())
        if chars > MAX_CHARS or items > MAX_ITEMS:
            raise _too_big("chuỗi" if chars > MAX_CHARS else "danh sách")
    return chars, items


def _within(*values: Any, extra_chars: int = 0, extra_items: int = 0) -> None:
    chars, items = extra_chars, extra_items
    for value in values:
        more_chars, more_items = measure(value)
        chars, items = chars + more_chars, items + more_items
    if chars > MAX_CHARS or items > MAX_ITEMS:
        raise _too_big("chuỗi" if chars > MAX_CHARS else "danh sách")


def _measured(value: Any) -> Any:
    measure(value)
    return value


@jinja2.pass_eval_context
def _concat(eval_ctx: Any, pieces: tuple) -> str:
    _within(*(p for p in pieces if isinstance(p, str)))
    text = markup_join(pieces) if eval_ctx.autoescape else str_join(pieces)
    return _measured(text)


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> str:
    text, before, after = str(s), str(old), str(new)
    hits = text.count(before) if before else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    _within(text, extra_chars=hits * max(len(after) - len(before), 0))
    return do_replace(eval_ctx, s, old, new, count)


@jinja2.pass_eval_context
def _join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    items = list(value)
    _within(*(str(i) if not isinstance(i, list | tuple | dict) else i for i in items),
            extra_chars=len(str(d)) * max(len(items) - 1, 0), extra_items=len(items))
    return do_join(eval_ctx, items, d, attribute)


class _Bounded(NodeTransformer):
    """Rewrites the tree so that `a ~ b` and literal lists, tuples and dicts go through the
    measuring filters above (added after template_rules has checked what the person wrote, so
    these filter names cannot be used in a template)."""

    def _wrap(self, node: nodes.Expr, name: str) -> nodes.Filter:
        return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return self._wrap(nodes.Tuple(node.nodes, "load", lineno=node.lineno), _CONCAT)

    def visit_List(self, node: nodes.List) -> nodes.Node:
        self.generic_visit(node)
        return self._wrap(node, _MEASURED)

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:
        self.generic_visit(node)
        return self._wrap(node, _MEASURED)

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:
        self.generic_visit(node)
        return self._wrap(node, _MEASURED) if node.ctx == "load" else node


def bound(tree: nodes.Template) -> nodes.Template:
    return _Bounded().visit(tree)


class BoundedTemplate(jinja2.Template):
    """A template whose whole output is counted as it is made, and refused past MAX_OUTPUT."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        pieces, size = [], 0
        for piece in self.generate(*args, **kwargs):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise SecurityError(f"mẫu viết ra quá nhiều (hơn {MAX_OUTPUT // 2**20} MB văn bản)")
            pieces.append(piece)
        return "".join(pieces)


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, with `+` measured before it runs and the growing filters replaced."""

    intercepted_binops = frozenset(["+"])
    template_class = BoundedTemplate

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.filters.update({"replace": _replace, "join": _join, _MEASURED: _measured, _CONCAT: _concat})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            _within(left, right)
        return super().call_binop(context, operator, left, right)
