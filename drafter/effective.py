"""Effective run formatting in a DOCX: what Word shows, not what python-docx reports.

python-docx returns None for inherited values. NĐ 30 rules are about what the reader sees,
so this walks run properties → character style → paragraph style and its basedOn chain →
document defaults, the order Word applies them (nd30-format.md §5.2). Theme fonts are
reported as such (drafter's own documents have none).

Simplification: bold and italic take the nearest explicit value rather than Word's toggle
(XOR) rule across style levels; drafter's styles never rely on toggling.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


@dataclass(frozen=True)
class RunFormat:
    size_pt: float | None
    bold: bool
    italic: bool
    fonts: dict[str, str | None]
    theme_fonts: dict[str, str]
    color: str | None


def _style_elements(document: DocxDocument, style_id: str | None):
    """The style element with this id and every style it is based on."""
    styles = document.styles.element
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        element = next((s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == style_id), None)
        if element is None:
            return
        yield element
        based = element.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None


def _default_paragraph_style(document: DocxDocument) -> str | None:
    for s in document.styles.element.findall(qn("w:style")):
        if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on"):
            return s.get(qn("w:styleId"))
    return None


def _rpr_chain(document: DocxDocument, paragraph: Paragraph, run: Run | None):
    """rPr elements from the most specific to the least."""
    if run is not None and run._r.rPr is not None:
        yield run._r.rPr
        rstyle = run._r.rPr.find(qn("w:rStyle"))
        if rstyle is not None:
            for el in _style_elements(document, rstyle.get(qn("w:val"))):
                rpr = el.find(qn("w:rPr"))
                if rpr is not None:
                    yield rpr
    ppr = paragraph._p.pPr
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style_id = pstyle.get(qn("w:val")) if pstyle is not None else _default_paragraph_style(document)
    for el in _style_elements(document, style_id):
        rpr = el.find(qn("w:rPr"))
        if rpr is not None:
            yield rpr
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            yield rpr


def _on(el) -> bool:
    val = el.get(qn("w:val"))
    return val is None or val in ("1", "true", "on")


def run_format(document: DocxDocument, paragraph: Paragraph, run: Run | None = None) -> RunFormat:
    size = bold = italic = color = None
    fonts: dict[str, str | None] = {slot: None for slot in FONT_SLOTS}
    themes: dict[str, str] = {}
    for rpr in _rpr_chain(document, paragraph, run):
        if size is None and (el := rpr.find(qn("w:sz"))) is not None:
            size = int(el.get(qn("w:val"))) / 2
        if bold is None and (el := rpr.find(qn("w:b"))) is not None:
            bold = _on(el)
        if italic is None and (el := rpr.find(qn("w:i"))) is not None:
            italic = _on(el)
        if color is None and (el := rpr.find(qn("w:color"))) is not None:
            color = el.get(qn("w:val"))
        if (el := rpr.find(qn("w:rFonts"))) is not None:
            for slot in FONT_SLOTS:
                if slot not in themes and fonts[slot] is None:
                    theme = el.get(qn(f"w:{slot}Theme"))
                    if theme:
                        themes[slot] = theme
                    elif el.get(qn(f"w:{slot}")):
                        fonts[slot] = el.get(qn(f"w:{slot}"))
    return RunFormat(size, bool(bold), bool(italic), fonts, themes, color)
