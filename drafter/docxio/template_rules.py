"""What a DOCX template may ask Jinja to do: show the plan's values, test them, and loop over the
plan's own lists; nothing that can run long, grow without bound or reach outside the template.

A reviewer's template is a file anyone may hand over. The sandbox already forbids reaching into
Python, but `{% for i in range(10**9) %}`, `{{ 'A' * 10**9 }}`, a recursive macro, four nested
loops over the plan, or `{% include %}` would still hang, exhaust memory or fail with a traceback.
The template's syntax tree is checked before it is compiled, and such a template is refused with
the construct named.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.exceptions import SecurityError

#: Loops inside loops (the appendix's rows in the body's loop would be two).
MAX_LOOP_DEPTH = 2

_ALLOWED = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.Name, nodes.Getattr, nodes.Getitem,
    nodes.For, nodes.If, nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.CondExpr,
    nodes.Filter, nodes.Test, nodes.Concat, nodes.Assign, nodes.Tuple, nodes.List, nodes.Pair, nodes.Dict,
    nodes.Add, nodes.Sub, nodes.Neg, nodes.Pos, nodes.Keyword, nodes.Slice,
)
_FILTERS = {"e", "escape", "upper", "lower", "title", "capitalize", "trim", "join", "default", "d", "length",
            "count", "string", "int", "first", "last", "replace", "striptags"}
# |safe is not there: it would let a template write raw XML into the document (a DOCX that no
# longer opens); every value is escaped.
_NAMES = {
    nodes.Call: "lời gọi hàm (range(), macro…)", nodes.Macro: "{% macro %}", nodes.CallBlock: "{% call %}",
    nodes.Include: "{% include %}", nodes.Import: "{% import %}", nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}", nodes.Block: "{% block %}", nodes.Mul: "phép nhân *", nodes.Pow: "phép mũ **",
    nodes.FilterBlock: "{% filter %}", nodes.With: "{% with %}", nodes.Scope: "{% with %}",
}


def check(tree: nodes.Template) -> None:
    """Raise SecurityError naming the first construct a template may not use."""
    _visit(tree, 0)


def _visit(node: nodes.Node, loops: int) -> None:
    if not isinstance(node, _ALLOWED):
        what = next((name for kind, name in _NAMES.items() if isinstance(node, kind)), type(node).__name__)
        raise SecurityError(f"mẫu dùng {what}: mẫu chỉ được hiện giá trị, dùng if và vòng for trên dữ liệu kế hoạch")
    if isinstance(node, nodes.Filter) and node.name not in _FILTERS:
        raise SecurityError(f"mẫu dùng bộ lọc |{node.name}: chỉ nhận {', '.join(sorted(_FILTERS))}")
    if isinstance(node, nodes.For):
        if loops + 1 > MAX_LOOP_DEPTH:
            raise SecurityError(f"mẫu lồng quá {MAX_LOOP_DEPTH} vòng for vào nhau")
        if not isinstance(node.iter, nodes.Name | nodes.Getattr | nodes.Getitem) or node.recursive:
            raise SecurityError("vòng for của mẫu chỉ được lặp trên dữ liệu kế hoạch (ví dụ body, appendix.rows)")
        for child in node.iter_child_nodes(exclude=("body", "else_")):
            _visit(child, loops)
        for child in node.body + node.else_:
            _visit(child, loops + 1)
        return
    for child in node.iter_child_nodes():
        _visit(child, loops)
