"""A DOCX read for checking: every paragraph located (check.located), and the document's parts
(check.parts) and date.

The checker must work on documents typed by hand, so nothing here relies on drafter's style names.
"""

from __future__ import annotations

import re
from functools import cached_property

from docx.document import Document as DocxDocument

from .located import Located, Para, TableInfo

__all__ = ["DocModel", "Para", "TableInfo"]


class DocModel(Located):
    def __init__(self, document: DocxDocument):
        self.date_override = None  # --date: the date the citation rules judge on
        self.knowledge = None  # the documents the citation rules know (national, plus a profile's own)
        self.citation_cache = None  # citations found once for all the citation rules
        self.forced_type = None  # --type: the document type, instead of the guess
        super().__init__(document)

    # --- the document's date (citation rules) ----------------------------------------------------

    @cached_property
    def _stated_date(self):
        from .cited import stated_date

        lines = [b.text for b in (self.header_blocks or self.blocks[:25])]
        return stated_date(lines)

    @cached_property
    def own_number(self) -> str | None:
        """The document's own number ("978/KH-UBND" from "Số: 978/KH-UBND"), not a citation."""
        for block in self.header_blocks or self.blocks[:25]:
            found = re.match(r"^Số\s{0,3}:\s{0,3}(\S{1,40})", block.text.strip())
            if found:
                return found.group(1)
        return None

    @property
    def citation_date(self):
        """The earliest day the document can bear (its date; 1 January when only the year is filled in)."""
        return self.date_override or self._stated_date[0]

    @property
    def citation_date_latest(self):
        """The latest day it can bear (its date; 31 December when only the year is filled in): a
        document "not yet issued" is reported only if it is not issued even on this day."""
        if self.date_override or not self._stated_date[1]:
            return self.citation_date
        return self._stated_date[0].replace(month=12, day=31)

    @property
    def citation_date_note(self) -> str:
        return "" if self.date_override else self._stated_date[1]

    # --- parts (check/parts.py) ----------------------------------------------------------------

    @cached_property
    def parts(self):
        from .parts import find_parts

        return find_parts(self, self.forced_type)

    @property
    def doc_type(self):
        return self.parts.doc_type

    @property
    def header_table(self) -> TableInfo | None:
        return self.parts.header_table

    @property
    def header_blocks(self) -> list[Para]:
        """Every non-empty paragraph of the header block, table or not (and "Số"/date just below it)."""
        return self.parts.header_blocks

    @cached_property
    def header_left(self) -> list[Para]:
        if self.header_table:
            return [b for b in self.header_table.column(0) if b.text.strip()]
        return []

    @cached_property
    def header_right(self) -> list[Para]:
        if self.header_table:
            return [b for b in self.header_table.last_column() if b.text.strip()]
        return []

    def header_find(self, pattern: str) -> Para | None:
        rx = re.compile(pattern)
        return next((b for b in self.header_blocks if rx.search(b.text.strip())), None)

    @property
    def title(self) -> Para | None:
        return self.parts.title

    @property
    def summary(self) -> list[Para]:
        return self.parts.summary

    @property
    def signature(self):
        return self.parts.signature

    @property
    def signature_table(self) -> TableInfo | None:
        return self.signature.table if self.signature else None

    @property
    def body(self) -> list[Para]:
        return self.parts.body

    @property
    def appendix_sections(self) -> list[int]:
        """Sections after the first that open with a "Phụ lục" label (a plain second section is not one)."""
        return self.parts.appendix_sections
