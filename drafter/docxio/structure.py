"""Finding the parts of a drafter plan in a python-docx Document: the body (the main section's
paragraphs), the appendix table, every paragraph including those in cells, and drafter's hidden
bookmarks. Used by marks (writing), harvest and diff (reading back)."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

#: drafter's bookmarks start with "_" (hidden in Word's list) and this prefix.
MARK_PREFIX = "_dr"


def all_paragraphs(document: DocxDocument) -> list[Paragraph]:
    """Body paragraphs, then the paragraphs of each table cell (python-docx lists only the former)."""
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return paragraphs


def body_paragraphs(document: DocxDocument) -> list[Paragraph]:
    """Top-level paragraphs of the main section (before the appendix section break)."""
    out = []
    for paragraph in document.paragraphs:
        out.append(paragraph)
        if paragraph._p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            break
    return out


def appendix_table(document: DocxDocument) -> Table | None:
    """The task table: the plan's third table (after the header and signature tables)."""
    tables = document.tables
    return tables[-1] if len(tables) >= 3 else None


def mark_of(element) -> str | None:
    """The drafter bookmark inside a paragraph or row element, if any."""
    for start in element.iter(qn("w:bookmarkStart")):
        name = start.get(qn("w:name")) or ""
        if name.startswith(MARK_PREFIX):
            return name
    return None


def drop_appendix(document: DocxDocument) -> None:
    """Remove the appendix section: the plan is issued as prose only.

    The main section's properties (page size, margins, its header with page numbers) move to the
    document's final sectPr, so the remaining document is one section that looks exactly as the
    main section did; the paragraph that carried the section break stays (Word wants a paragraph,
    not a table, at the end of the body)."""
    body = document.element.body
    ender = next((p for p in body.iterchildren(qn("w:p"))
                  if p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None), None)
    if ender is None:
        return
    main = ender.find(qn("w:pPr") + "/" + qn("w:sectPr"))
    final = body.find(qn("w:sectPr"))
    for element in list(ender.itersiblings()):
        if element is not final:
            body.remove(element)
    ender.find(qn("w:pPr")).remove(main)
    if final is not None:
        body.replace(final, main)
    else:
        body.append(main)
