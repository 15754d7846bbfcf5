"""Walking a python-docx document: every paragraph, including those inside table cells."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph


def all_paragraphs(document: DocxDocument) -> list[Paragraph]:
    """Body paragraphs, then the paragraphs of each table cell (python-docx lists only the former)."""
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return paragraphs
