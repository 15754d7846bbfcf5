"""The only module that calls docxtpl.

docxtpl's defaults are unsafe for official documents: no escaping ("&" or "<" in a name
corrupts the file), silent blanks for a mistyped variable, and a fresh parse of the template
is needed per output because a rendered DocxTemplate carries state. This wrapper renders with
a sandboxed, autoescaping Jinja environment whose undefined variables are errors naming the
template and the surrounding text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import jinja2
from docx.document import Document as DocxDocument
from docxtpl import DocxTemplate
from lxml import etree

from ..errors import TemplateError, UnreadableDocument
from ..paths import display_path
from ..text import vn
from . import sandbox, template_rules
from .package import check_package, read_bytes
from .structure import all_paragraphs

_TAGS = ("{{", "{%", "{#")


class _Literal:
    """A "template" with no Jinja tags: rendering it gives its text back (as Jinja would, which
    drops one trailing newline)."""

    def __init__(self, source: str):
        self.text = source[:-1] if source.endswith("\n") else source

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.text


class _Environment(sandbox.BoundedEnvironment):
    """The sandboxed, bounded environment, minus the cost of compiling parts that hold no tag.

    docxtpl passes every header, footer and document property through Jinja; compiling those
    tag-less strings was a tenth of a cold `drafter draft`."""

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's signature
        if isinstance(source, str) and not any(tag in source for tag in _TAGS):
            return _Literal(source)
        tree = self.parse(source) if isinstance(source, str) else source
        template_rules.check(tree)  # refuse what could run long, grow or reach outside, before compiling
        return super().from_string(sandbox.bound(tree), globals, template_class)


class _CheckedTemplate(DocxTemplate):
    """docxtpl, refusing a rendered part that is not well-formed XML. docxtpl reads the body back
    with a recovering parser that silently drops what it cannot place, and writes headers as they
    come out, so a template that breaks the XML gave a DOCX Word would not open."""

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        rendered = super().render_xml_part(src_xml, part, context, jinja_env)
        try:
            etree.fromstring(rendered.encode("utf-8"), _STRICT)
        except etree.XMLSyntaxError as exc:
            raise jinja2.TemplateError(f"mẫu tạo ra XML hỏng ở phần {part.partname} ({exc.msg}); "
                                       "không ghi tệp nào") from None
        return rendered


_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def jinja_env() -> sandbox.BoundedEnvironment:
    return _Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def sanitise(value: Any) -> Any:
    """NFC and no XML-illegal characters in every string that reaches the template.

    Spacing is kept: "Số:      /KH-UBND" leaves room for the number on purpose.
    """
    if isinstance(value, str):
        return vn.strip_illegal(value)
    if isinstance(value, dict):
        return {k: sanitise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [sanitise(v) for v in value]
    return value


def template_bytes(path: Path) -> bytes:
    """A template's bytes, through the DOCX seam's checks (a template is a DOCX like any other)."""
    shown = display_path(Path(path))
    try:
        data = read_bytes(path, shown=shown)
        check_package(data, shown)
    except UnreadableDocument as exc:
        why = str(exc).removeprefix(f"{shown}: ")
        raise TemplateError(f"{shown}: không mở được mẫu DOCX: {why}") from None
    return data


def open_template(path: Path) -> DocxTemplate:
    shown = display_path(Path(path))
    template = _CheckedTemplate(io.BytesIO(template_bytes(path)))
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises several types for a damaged file
        raise TemplateError(f"{shown}: không mở được mẫu DOCX ({exc.__class__.__name__}: {exc})") from exc
    return template


def render(template_path: Path, context: dict[str, Any]) -> DocxDocument:
    """Render a fresh copy of the template; returns the python-docx Document (not yet saved)."""
    template = open_template(template_path)
    try:
        template.render(sanitise(context), jinja_env())
    except jinja2.TemplateError as exc:
        around = " ".join(s.strip() for s in getattr(exc, "docx_context", []) if s.strip())
        around = around or _paragraph_using(template_path, exc.message or "")
        where = f" gần đoạn: «{around[:200]}»" if around else ""
        raise TemplateError(f"{display_path(template_path)}: lỗi mẫu: {exc.message or exc}{where}") from exc
    return template.docx


def _paragraph_using(template_path: Path, message: str) -> str:
    """The template paragraph whose tag names what Jinja reports as undefined (Jinja gives no line)."""
    found = re.search(r"'(\w+)' is undefined|attribute '(\w+)'", message)
    if not found:
        return ""
    name = found.group(1) or found.group(2)
    for paragraph in all_paragraphs(open_template(template_path).docx):
        if re.search(r"\{[{%][^}]*\b" + re.escape(name) + r"\b", paragraph.text):
            return paragraph.text.strip()
    return ""


def template_problems(template_path: Path, context: dict[str, Any]) -> list[str]:
    """What a template asks for that the context does not provide.

    Top-level names come from Jinja's own parse of the template (docxtpl's
    get_undeclared_template_variables); names used inside them (appendix.rows, r.lead…) only
    show when rendering, so a trial render with a real context catches those."""
    template = open_template(template_path)
    try:
        used = template.get_undeclared_template_variables(jinja_env())
    except jinja2.TemplateSyntaxError as exc:
        return [f"lỗi cú pháp thẻ mẫu: {exc.message}"]
    problems = [f"biến `{name}` không có dữ liệu" for name in sorted(set(used) - set(context))]
    if not problems:
        try:
            render(template_path, context)
        except TemplateError as exc:
            problems.append(str(exc).split(": ", 1)[-1])
    return problems
