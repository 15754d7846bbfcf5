"""What keeps `drafter check` linear and quick, tested without timing it (speed itself is measured
in tools/benchmark.py: a timed test would depend on how busy the machine is).

The checker looks up each table's style once, and resolves each run and paragraph once for all the
rules: a lookup per paragraph made a long table cost the square of its rows (reading inside a w:tbl
walks all its rows), and resolving per rule did the same work about three times over. It reads text
without python-docx's XPath queries, and must read exactly what python-docx reads.
"""

from __future__ import annotations

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from drafter.check.located import CheckedParagraph
from drafter.check.model import DocModel
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


#: Everything a run can hold that python-docx reads as text or skips: tabs, breaks of each kind,
#: hyphens, positional tabs, a field, a symbol, a drawing, a comment; and a hyperlink's runs.
ODD_PARAGRAPH = f"""<w:p {nsdecls("w")}>
  <w:pPr><w:jc w:val="both"/></w:pPr>
  <w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> Căn cứ </w:t><w:tab/><w:t>Điều 1</w:t></w:r>
  <w:r><w:br/><w:t>sau ngắt dòng</w:t><w:br w:type="page"/><w:cr/><w:noBreakHyphen/><w:ptab/></w:r>
  <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
  <w:r><w:fldChar w:fldCharType="end"/></w:r>
  <w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:lastRenderedPageBreak/><w:t>ký hiệu</w:t><!-- ghi chú --></w:r>
  <w:hyperlink><w:r><w:t>liên kết</w:t></w:r><w:r><w:tab/><w:t>hai</w:t></w:r></w:hyperlink>
  <w:r/>
  <w:r><w:t/></w:r>
</w:p>"""


def test_text_is_read_exactly_as_python_docx_reads_it():
    doc = Document()
    doc.element.body.insert(0, parse_xml(ODD_PARAGRAPH))
    read = DocModel(doc).blocks[0].paragraph
    plain = Paragraph(read._p, read._parent)
    assert isinstance(read, CheckedParagraph)
    assert read.text == plain.text and "liên kết\thai" in read.text
    assert [r.text for r in read.runs] == [r.text for r in plain.runs]
    assert len(read.runs) == 8  # the direct w:r children, as python-docx counts them


def test_text_written_through_the_model_reaches_the_document():
    """Tests and tools edit a document through the model's paragraphs: writing is python-docx's."""
    doc = Document()
    doc.add_paragraph("cũ").add_run(" và thêm")
    read = DocModel(doc).blocks[0].paragraph
    read.runs[1].text = " mới"
    assert Paragraph(read._p, read._parent).text == "cũ mới"
    read.text = "khác"
    assert Paragraph(read._p, read._parent).text == "khác" == read.text
