"""The checker looks up each table's style once, and resolves each run and paragraph once for all
the rules. A lookup per paragraph made a long table cost the square of its rows (reading inside a
w:tbl walks all its rows); resolving per rule did the same work about three times over. Speed
itself is measured in tools/benchmark.py, not here: counting lookups does not depend on how busy
the machine is."""

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


def counting(monkeypatch, name: str, element=lambda first, *rest: first) -> list:
    """The element each call of a Resolver method is about (by default its first argument), the
    method still doing its work. Elements are kept in the list, so lxml hands back the same proxy
    for the same element: a repeat is a repeat."""
    calls = []
    original = getattr(Resolver, name)

    def counted(self, *args):
        calls.append(element(*args))
        return original(self, *args)

    monkeypatch.setattr(Resolver, name, counted)
    return calls


def test_each_table_style_is_looked_up_once_however_many_rows(tmp_path, monkeypatch):
    two_tables(tmp_path / "bang.docx")
    looked_up = counting(monkeypatch, "_style_of_table")
    check_document(tmp_path / "bang.docx")
    assert len(looked_up) == 2


def test_each_run_and_paragraph_is_resolved_once_for_all_the_rules(tmp_path, monkeypatch):
    """The font, colour, size and alignment rules all ask for the same runs and paragraphs."""
    two_tables(tmp_path / "bang.docx")
    runs = counting(monkeypatch, "_resolve_run", lambda paragraph, run: run._r if run is not None else paragraph._p)
    paragraphs = counting(monkeypatch, "_resolve_paragraph", lambda paragraph: paragraph._p)
    check_document(tmp_path / "bang.docx")
    assert len(runs) > 180 and paragraphs  # every cell's run was asked for
    assert len(set(runs)) == len(runs)
    assert len(set(paragraphs)) == len(paragraphs)
