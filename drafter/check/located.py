"""A DOCX read as located paragraphs: every paragraph with its section, reading order and table
cell, its runs read as Word prints them. check.model builds the document's parts and date on it.

The checker must work on documents typed by hand, so nothing here relies on drafter's style names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.section import Section
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..text.labels import style_of
from .resolve import Resolver

#: The children python-docx reads a run's text from (CT_R.text), in document order.
RUN_TEXT_TAGS = frozenset(qn(f"w:{tag}") for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def run_text(r) -> str:
    """What python-docx's CT_R.text returns, without its XPath query: the rules read each run's
    text about five times (font, colour, sizes…), and the query made that a third of the checking
    time of a long document. tests/test_check_speed.py holds it equal to python-docx's."""
    return "".join(str(e) for e in r if e.tag in RUN_TEXT_TAGS)


class CheckedRun(Run):
    """A python-docx Run whose text is read by run_text (writing it is python-docx's own)."""

    @property
    def text(self) -> str:
        return run_text(self._r)

    @text.setter
    def text(self, value: str) -> None:
        Run.text.fset(self, value)


class CheckedParagraph(Paragraph):
    """A python-docx Paragraph whose runs are CheckedRuns and whose text is read by run_text: the
    text of its w:r children and of the w:r children of its w:hyperlink children, as CT_P.text."""

    @property
    def runs(self) -> list[Run]:
        return [CheckedRun(r, self) for r in self._p.r_lst]

    @property
    def text(self) -> str:
        r, link = qn("w:r"), qn("w:hyperlink")
        return "".join(run_text(e) if e.tag == r else "".join(run_text(c) for c in e if c.tag == r)
                       for e in self._p if e.tag in (r, link))

    @text.setter
    def text(self, value: str) -> None:
        Paragraph.text.fset(self, value)


@dataclass
class Para:
    """One paragraph, located for messages: section, reading-order number, and table cell if any."""

    paragraph: Paragraph
    number: int
    section: int
    table: int | None = None
    cell: tuple[int, int] | None = None

    @cached_property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @cached_property
    def runs(self) -> list[Run]:
        """Every run that prints (python-docx's `paragraph.runs` and `.text` skip all but direct
        runs and hyperlinks, so a "NAM" in a smart tag made the Quốc hiệu read "… VIỆT")."""
        return [CheckedRun(r, self.paragraph) for r in printed_runs(self.paragraph._p)]

    def where(self) -> str:
        excerpt = self.text.strip()
        excerpt = excerpt if len(excerpt) <= 50 else excerpt[:47] + "…"
        place = f"phần {self.section}, đoạn {self.number}"
        if self.cell is not None:
            place += f" (bảng {self.table + 1}, ô {self.cell[0] + 1},{self.cell[1] + 1})"
        return f"{place}: «{excerpt}»" if excerpt else place


#: Elements that wrap runs of the paragraph itself: their runs print. Tracked changes (w:ins,
#: w:del, w:moveTo, w:moveFrom: rule X2 reports them), mc:Fallback and the w:p of text boxes and
#: drawings are not the paragraph's own settled text.
_WRAPPERS = {qn(t) for t in ("w:hyperlink", "w:smartTag", "w:customXml", "w:sdt", "w:sdtContent", "w:fldSimple",
                             "w:dir", "w:bdo")}


def printed_runs(element) -> list:
    """The w:r of a paragraph in reading order, including those inside hyperlinks, smart tags,
    custom XML, content controls and simple fields."""
    out = []
    for child in element:
        if child.tag == qn("w:r"):
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(printed_runs(child))
    return out


@dataclass
class TableInfo:
    table: Table
    index: int
    section: int
    blocks: list[Para] = field(default_factory=list)

    def column(self, col: int) -> list[Para]:
        return [b for b in self.blocks if b.cell and b.cell[1] == col]

    def last_column(self) -> list[Para]:
        last = max((b.cell[1] for b in self.blocks if b.cell), default=0)
        return self.column(last)


class Located:
    """The document's paragraphs and tables in reading order, located for messages. What finding
    the parts needs (check.parts, check.signing, check.pieces); check.model.DocModel adds the parts
    and the date on top, so those modules need not import the model that calls them."""

    def __init__(self, document: DocxDocument):
        self.doc = document
        self.resolver = Resolver(document)
        self.blocks: list[Para] = []
        self.tables: list[TableInfo] = []
        self.body_order: list[Para | TableInfo] = []
        self._walk()

    def _walk(self) -> None:
        section = 1
        number = 0
        body = self.doc.element.body
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                number += 1
                block = Para(CheckedParagraph(child, self.doc), number, section)
                self.blocks.append(block)
                self.body_order.append(block)
                if child.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
                    section += 1
            elif child.tag == qn("w:tbl"):
                table = Table(child, self.doc)
                info = TableInfo(table, len(self.tables), section)
                for r, tr in enumerate(child.findall(qn("w:tr"))):
                    for c, tc in enumerate(tr.findall(qn("w:tc"))):
                        for p in tc.iter(qn("w:p")):
                            number += 1
                            block = Para(CheckedParagraph(p, self.doc), number, section, info.index, (r, c))
                            info.blocks.append(block)
                            self.blocks.append(block)
                self.tables.append(info)
                self.body_order.append(info)

    # --- sections ----------------------------------------------------------------------------

    @cached_property
    def sections(self) -> list[Section]:
        return list(self.doc.sections)

    def section_blocks(self, section: int, *, tables: bool = False) -> list[Para]:
        return [b for b in self.blocks if b.section == section and (tables or b.table is None)]

    def section_tables(self, section: int) -> list[TableInfo]:
        return [t for t in self.tables if t.section == section]

    def is_rule(self, block: Para) -> bool:
        """An empty paragraph drawn as a line: bottom border, drawn shape, or underscores/dashes."""
        text = block.text.strip()
        if text and re.fullmatch(r"[_\-–—]{3,}", text):
            return True
        if text:
            return False
        if self.resolver.para_format(block.paragraph).borders.get("bottom") not in (None, "nil", "none"):
            return True
        return self.has_drawn_line(block)

    @staticmethod
    def has_drawn_line(block: Para) -> bool:
        xml = block.paragraph._p.xml
        return ('prst="line"' in xml or "<v:line" in xml or 'prst="straightConnector1"' in xml)

    def kind_of(self, block: Para) -> str:
        """can_cu, muc, khoan, diem, gach or para, by the label grammar drafter writes (text.labels)."""
        return style_of(block.text)

    def appendix_label(self, section: int) -> Para | None:
        return next((b for b in self.section_blocks(section) if b.text.strip()), None)
