"""The checker looks up each table's style once (a lookup per paragraph made a long table cost the
square of its rows: reading inside a w:tbl walks all its rows). Speed itself is measured in
tools/benchmark.py, not here; counting lookups does not depend on how busy the machine is."""

from __future__ import annotations

from docx import Document

from drafter.check.resolve import Resolver
from drafter.check.runner import check_document


def two_tables(path, rows: int = 30) -> None:
    """A plain paragraph, then a styled table and an unstyled one (the default table style)."""
    doc = Document()
    doc.add_paragraph("Nội dung văn bản.")
    for style in ("Table Grid", None):
        table = doc.add_table(rows=rows, cols=3)
        if style:
            table.style = doc.styles[style]
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.paragraphs[0].add_run(f"ô {r},{c}")
    doc.save(str(path))


def counting(monkeypatch, name: str) -> list:
    """Every first argument a Resolver method is called with, the method still doing its work."""
    calls = []
    original = getattr(Resolver, name)

    def counted(self, element, *args):
        calls.append(element)
        return original(self, element, *args)

    monkeypatch.setattr(Resolver, name, counted)
    return calls


def test_each_table_style_is_looked_up_once_however_many_rows(tmp_path, monkeypatch):
    two_tables(tmp_path / "bang.docx")
    looked_up = counting(monkeypatch, "_style_of_table")
    check_document(tmp_path / "bang.docx")
    assert len(looked_up) == 2
