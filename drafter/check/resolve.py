"""Effective formatting in a DOCX: what Word shows, not what python-docx reports.

python-docx returns None for every inherited value. NĐ 30 is about what the reader sees, so
this resolves each property the way Word does (nd30-format.md §5.2):

    run rPr → character style (and its basedOn chain) → paragraph style (and its chain)
            → table style (for text in a table) → document defaults

Theme fonts (w:asciiTheme="minorHAnsi"…) are resolved through word/theme/theme1.xml; a theme
slot that cannot be resolved is reported as unresolved, never as Times New Roman.

Simplification (documented, tested): bold and italic take the nearest explicit value instead of
Word's toggle (XOR) rule between style levels. Table-style conditional formatting (first row,
banded rows) is not applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn as _qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
#: Clark names, computed once: a check asks for the same few tags tens of thousands of times.
qn = cache(_qn)
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


@dataclass(frozen=True)
class RunFormat:
    size_pt: float | None
    bold: bool
    italic: bool
    fonts: dict[str, str | None]
    theme_fonts: dict[str, str] = field(default_factory=dict)  # slot -> unresolved theme name
    color: str | None = None
    highlight: bool = False
    caps: bool = False
    underline: bool = False


@dataclass(frozen=True)
class ParaFormat:
    jc: str | None  # left | center | right | both | None (left)
    first_line: int  # twips; negative for a hanging indent
    left: int
    right: int
    before: int  # twips
    after: int
    line: int | None
    line_rule: str  # auto | exact | atLeast
    contextual: bool
    numbered: bool  # Word list numbering (w:numPr)
    borders: dict[str, str] = field(default_factory=dict)  # side -> val


def _on(el) -> bool:
    val = el.get(qn("w:val"))
    return val is None or val.lower() in ("1", "true", "on")


class Resolver:
    """Effective run and paragraph formatting for one document."""

    def __init__(self, document: DocxDocument):
        self.document = document
        styles = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        self.defaults = styles.find(qn("w:docDefaults"))
        self._table_styles: dict = {}  # w:tbl element -> its style id
        self._layers: dict = {}
        # Keyed by the w:r / w:p element: a key keeps lxml's proxy alive, so an element always
        # comes back as the same object (python-docx makes a new Run/Paragraph on every access).
        self._run_formats: dict = {}
        self._para_formats: dict = {}
        self.default_paragraph_style = next(
            (sid for sid, s in self.styles.items()
             if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on")),
            None,
        )

    # --- styles ------------------------------------------------------------------------------

    def chain(self, style_id: str | None):
        """The style with this id and each style it is based on."""
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            element = self.styles[style_id]
            yield element
            based = element.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    def paragraph_style_id(self, paragraph: Paragraph) -> str | None:
        ppr = paragraph._p.pPr
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return pstyle.get(qn("w:val")) if pstyle is not None else self.default_paragraph_style

    def _table_style_id(self, paragraph: Paragraph) -> str | None:
        """The style of the table holding the paragraph, looked up once per table: reading inside a
        w:tbl costs time in proportion to its rows (lxml walks the children to find w:tblPr), so a
        lookup per paragraph made a long table cost the square of its rows."""
        tbl = next(paragraph._p.iterancestors(qn("w:tbl")), None)
        if tbl is None:
            return None
        if tbl not in self._table_styles:
            self._table_styles[tbl] = self._style_of_table(tbl)
        return self._table_styles[tbl]

    def _style_of_table(self, tbl) -> str | None:
        style = tbl.find(qn("w:tblPr") + "/" + qn("w:tblStyle"))
        if style is not None:
            return style.get(qn("w:val"))
        return self._default_table_style

    @cached_property
    def _default_table_style(self) -> str | None:
        return next((sid for sid, s in self.styles.items()
                     if s.get(qn("w:type")) == "table" and s.get(qn("w:default")) in ("1", "true", "on")), None)

    @cached_property
    def theme_fonts(self) -> dict[str, str]:
        """minorHAnsi → "Calibri" etc., from theme1.xml if the document has one."""
        part = self.document.part
        theme = next((rel.target_part for rel in part.rels.values() if rel.reltype.endswith("/theme")), None)
        if theme is None:
            return {}
        root = etree.fromstring(theme.blob)
        out = {}
        for kind in ("major", "minor"):
            font = root.find(f".//{{{A_NS}}}{kind}Font")
            if font is None:
                continue
            latin = font.find(f"{{{A_NS}}}latin")
            ea = font.find(f"{{{A_NS}}}ea")
            cs = font.find(f"{{{A_NS}}}cs")
            if latin is not None:
                out[f"{kind}HAnsi"] = out[f"{kind}Ascii"] = latin.get("typeface")
            if ea is not None:
                out[f"{kind}EastAsia"] = ea.get("typeface") or None
            if cs is not None:
                out[f"{kind}Bidi"] = cs.get("typeface") or None
        return {k: v for k, v in out.items() if v}

    # --- runs --------------------------------------------------------------------------------

    def _rpr_chain(self, paragraph: Paragraph, run: Run | None):
        """The run's own properties, its character style's, then the paragraph's layers (as _by_tag)."""
        rpr = run._r.rPr if run is not None else None
        if rpr is not None:
            own = _by_tag(rpr)
            yield own
            if (rstyle := own.get(qn("w:rStyle"))) is not None:
                yield from self._character_layers(rstyle.get(qn("w:val")))
        yield from self._style_layers(paragraph, "w:rPr", "w:rPrDefault")

    def _character_layers(self, style_id: str | None):
        key = ("character", style_id)
        if key not in self._layers:
            self._layers[key] = tuple(_by_tag(rpr) for el in self.chain(style_id)
                                      if (rpr := el.find(qn("w:rPr"))) is not None)
        return self._layers[key]

    def run_format(self, paragraph: Paragraph, run: Run | None = None) -> RunFormat:
        """The run's effective format, or the paragraph mark's when run is None. Resolved once per
        run: several rules ask for the same run (font, colour, sizes…), and resolving walks every
        style layer. The checker never edits the document, so a format cannot go stale."""
        key = run._r if run is not None else paragraph._p
        found = self._run_formats.get(key)
        if found is None:
            found = self._run_formats[key] = self._resolve_run(paragraph, run)
        return found

    def _resolve_run(self, paragraph: Paragraph, run: Run | None) -> RunFormat:
        size = bold = italic = color = caps = underline = None
        highlight = False
        fonts: dict[str, str | None] = {slot: None for slot in FONT_SLOTS}
        themes: dict[str, str] = {}
        for props in self._rpr_chain(paragraph, run):
            if size is None and (el := props.get(qn("w:sz"))) is not None:
                size = int(el.get(qn("w:val"))) / 2
            if bold is None and (el := props.get(qn("w:b"))) is not None:
                bold = _on(el)
            if italic is None and (el := props.get(qn("w:i"))) is not None:
                italic = _on(el)
            if caps is None and (el := props.get(qn("w:caps"))) is not None:
                caps = _on(el)
            if underline is None and (el := props.get(qn("w:u"))) is not None:
                underline = el.get(qn("w:val")) not in ("none", None)
            if color is None and (el := props.get(qn("w:color"))) is not None:
                color = el.get(qn("w:val"))
            # A white highlight, or "none", prints as nothing (it is left by pasting from the web).
            if (el := props.get(qn("w:highlight"))) is not None and el.get(qn("w:val")) not in ("none", "white"):
                highlight = True
            shd = props.get(qn("w:shd"))
            if shd is not None and shd.get(qn("w:fill")) not in (None, "auto", "FFFFFF", "ffffff"):
                highlight = True
            if (el := props.get(qn("w:rFonts"))) is not None:
                for slot in FONT_SLOTS:
                    if fonts[slot] is not None or slot in themes:
                        continue
                    # OOXML spells the complex-script one "cstheme", the others "asciiTheme" etc.
                    theme = el.get(qn("w:cstheme" if slot == "cs" else f"w:{slot}Theme"))
                    if theme:
                        resolved = self.theme_fonts.get(theme)
                        if resolved:
                            fonts[slot] = resolved
                        else:
                            themes[slot] = theme
                    elif el.get(qn(f"w:{slot}")):
                        fonts[slot] = el.get(qn(f"w:{slot}"))
        return RunFormat(size, bool(bold), bool(italic), fonts, themes, color, highlight, bool(caps), bool(underline))

    # --- paragraphs --------------------------------------------------------------------------

    def _ppr_chain(self, paragraph: Paragraph):
        if paragraph._p.pPr is not None:
            yield _by_tag(paragraph._p.pPr)
        yield from self._style_layers(paragraph, "w:pPr", "w:pPrDefault")

    def _style_layers(self, paragraph: Paragraph, tag: str, default_tag: str):
        """rPr or pPr of the paragraph style chain, then the table style chain, then the defaults, as
        _by_tag (the same few combinations recur for every paragraph, so they are computed once)."""
        key = (self.paragraph_style_id(paragraph), self._table_style_id(paragraph), tag)
        if key not in self._layers:
            self._layers[key] = tuple(map(_by_tag, self._find_style_layers(key[0], key[1], tag, default_tag)))
        return self._layers[key]

    def _find_style_layers(self, paragraph_style: str | None, table_style: str | None, tag: str, default_tag: str):
        for style_id in (paragraph_style, table_style):
            for el in self.chain(style_id):
                if (props := el.find(qn(tag))) is not None:
                    yield props
        if self.defaults is not None:
            props = self.defaults.find(qn(default_tag) + "/" + qn(tag))
            if props is not None:
                yield props

    def para_format(self, paragraph: Paragraph) -> ParaFormat:
        """The paragraph's effective format, resolved once (as run_format)."""
        found = self._para_formats.get(paragraph._p)
        if found is None:
            found = self._para_formats[paragraph._p] = self._resolve_paragraph(paragraph)
        return found

    def _resolve_paragraph(self, paragraph: Paragraph) -> ParaFormat:
        values: dict[str, object] = {}

        def take(key, value):
            if key not in values and value is not None:
                values[key] = value

        for props in self._ppr_chain(paragraph):
            if (el := props.get(qn("w:jc"))) is not None:
                take("jc", el.get(qn("w:val")))
            if (el := props.get(qn("w:ind"))) is not None:
                first, hanging = el.get(qn("w:firstLine")), el.get(qn("w:hanging"))
                if hanging is not None:
                    take("first", -int(hanging))
                elif first is not None:
                    take("first", int(first))
                take("left", _int(el.get(qn("w:left")) or el.get(qn("w:start"))))
                take("right", _int(el.get(qn("w:right")) or el.get(qn("w:end"))))
            if (el := props.get(qn("w:spacing"))) is not None:
                take("before", _int(el.get(qn("w:before"))))
                take("after", _int(el.get(qn("w:after"))))
                take("line", _int(el.get(qn("w:line"))))
                if el.get(qn("w:line")) is not None:
                    take("rule", el.get(qn("w:lineRule")) or "auto")
            if (el := props.get(qn("w:contextualSpacing"))) is not None:
                take("contextual", _on(el))
            if (el := props.get(qn("w:numPr"))) is not None and el.find(qn("w:numId")) is not None:
                num = el.find(qn("w:numId")).get(qn("w:val"))
                take("numbered", num not in (None, "0"))
            if (el := props.get(qn("w:pBdr"))) is not None and "borders" not in values:
                values["borders"] = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in el}
        jc = values.get("jc")
        jc = {"start": "left", "end": "right", "distribute": "both"}.get(jc, jc)
        return ParaFormat(
            jc=jc, first_line=values.get("first", 0), left=values.get("left", 0), right=values.get("right", 0),
            before=values.get("before", 0), after=values.get("after", 0), line=values.get("line"),
            line_rule=values.get("rule", "auto"), contextual=bool(values.get("contextual", False)),
            numbered=bool(values.get("numbered", False)), borders=values.get("borders", {}),
        )


def _by_tag(props) -> dict:
    """An rPr's or pPr's children by tag, the first of each (what find() returns): one pass over
    the children instead of a find() per property, each of which costs about as much as the pass."""
    children: dict = {}
    for child in props:
        children.setdefault(child.tag, child)
    return children


def _int(value: str | None) -> int | None:
    return int(float(value)) if value is not None else None


def run_format(document: DocxDocument, paragraph: Paragraph, run: Run | None = None) -> RunFormat:
    """One-off convenience for tests; use a Resolver for many lookups."""
    return Resolver(document).run_format(paragraph, run)


def _style_elements(document: DocxDocument, style_id: str | None):
    return Resolver(document).chain(style_id)
