"""Layout an issued plan never gets wrong: the end of the body shares a page with the signature
block, and a unit's name is never broken inside ("THÀNH PHỐ HỒ CHÍ / MINH").

The fast tests read the properties that produce the layout (keep-with-next, rows that cannot
split, column widths against the measured text) in every bundled profile's plans of both kinds;
the slow test looks at the pages LibreOffice lays out."""

from __future__ import annotations

import datetime as dt
import functools
import math
import shutil
import subprocess
import unicodedata

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from drafter import api
from drafter.check.runner import check_document
from drafter.docxio import preview
from drafter.docxio.textwidth import width_twips
from drafter.docxio.widths import MAX_OVERHANG, NBSP, glue, needed
from drafter.inputs.catalogue import bundled as bundled_catalogue
from drafter.inputs.kinds import kind_names
from drafter.inputs.profile import load_profile
from drafter.inputs.registry import bundled as registry
from drafter.resources import default_template
from drafter.text import vn
from tests.conftest import ALL_PROFILE_IDS, BUNDLED_IDS, FORM_AND_CITATIONS
from tests.test_all_provinces import plan_year

TEXT_W = 9355  # A4 less 30 + 15 mm margins, twips
FIRST_LINE = 567  # 1 cm
PAD = 2 * 57  # the layout tables' cell margins


#: The fast loop lays out the fast tests' profiles and the longest names (a city named after a
#: person, a border province); the full run lays out every bundled profile.
FAST_IDS = set(BUNDLED_IDS) | {"ho-chi-minh-2026", "cao-bang-2026"}
PROFILES = [pid if pid in FAST_IDS else pytest.param(pid, marks=pytest.mark.slow) for pid in ALL_PROFILE_IDS]


def keeps_with_next(paragraph) -> bool:
    """Keep-with-next as Word resolves it: the paragraph's own setting, else its style chain's."""
    own = paragraph.paragraph_format.keep_with_next
    if own is not None:
        return own
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return style.paragraph_format.keep_with_next
        style = style.base_style
    return False


def grid(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def indent(table) -> int:
    el = table._tbl.tblPr.find(qn("w:tblInd"))
    return int(el.get(qn("w:w"))) if el is not None else 0


def lines_at_least(text: str) -> int:
    """Lines a 14 pt body paragraph takes at the least (word wrap only adds lines)."""
    return math.ceil((width_twips(text, 14) + FIRST_LINE) / TEXT_W)


def breaks_only_after_head(text: str) -> bool:
    """The only ordinary space is the one between the common noun and the name."""
    return text.count(" ") <= 1 and (" " not in text or glue(text.replace(NBSP, " ")) == text)


@functools.cache
def _drafts(pid: str) -> tuple[tuple[str, bytes], ...]:
    catalogue = bundled_catalogue()
    profile = load_profile(pid, catalogue)
    out = []
    for kind in kind_names():
        year = plan_year(profile, kind)
        data, _ = api.build_plan(profile, kind=kind, year=year, date=dt.date(year, 1, 5) if profile.current else None,
                                 catalogue=catalogue)
        out.append((kind, data))
    return tuple(out)


def drafts(pid, catalogue):
    """The profile's plans of every kind, drafted once per test process for the tests below."""
    return _drafts(pid)


def document_of(data: bytes, tmp_path, name: str):
    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    return Document(str(path))


@pytest.mark.parametrize("pid", PROFILES)
def test_the_end_of_the_body_keeps_with_an_unbreakable_signature_block(catalogue, pid, tmp_path):
    for kind, data in drafts(pid, catalogue):
        doc = document_of(data, tmp_path, kind)
        table = doc.tables[1]
        assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
                   for row in table.rows), kind
        cells = [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
        assert all(keeps_with_next(p) for p in cells), (kind, [p.text for p in cells if not keeps_with_next(p)])
        body = []  # the paragraphs between the header block and the signature table
        for element in table._tbl.itersiblings(preceding=True):
            if element.tag != qn("w:p"):
                break
            body.insert(0, Paragraph(element, None))
        closing = body[-1]
        assert closing.text.endswith("./."), kind
        kept = [p for p in body if p.paragraph_format.keep_with_next]
        assert kept and kept == body[-len(kept):], (kind, "keep-with-next only at the end of the body")
        assert sum(lines_at_least(p.text) for p in kept) >= 2, (kind, "at least two lines go over with the signature")
        assert len(kept) == 1 or lines_at_least(closing.text) == 1, (kind, "no more than is needed")


def assert_fits(doc, table, column: int, texts: list[tuple[str, float, bool, bool]], where):
    room = grid(table)[column] - PAD
    for text, size, bold, italic in texts:
        plain = text.replace(NBSP, " ")
        assert needed(width_twips(plain, size, bold=bold, italic=italic)) <= room or breaks_only_after_head(text), \
            (where, text, room)
    for row in table.rows:
        tcw = row._tr.tc_lst[column].tcPr.find(qn("w:tcW"))
        assert int(tcw.get(qn("w:w"))) == grid(table)[column], (where, "Word reads tcW, LibreOffice the grid")


@pytest.mark.parametrize("pid", PROFILES)
def test_header_and_signature_columns_hold_their_lines_on_one_line(catalogue, pid, tmp_path):
    for kind, data in drafts(pid, catalogue):
        doc = document_of(data, tmp_path, kind)
        header, signature = doc.tables[0], doc.tables[1]
        agency = [p.text for p in header.cell(0, 0).paragraphs if p.text]
        assert NBSP not in "".join(agency), (kind, "the 34 units' names fit without no-break spaces")
        assert_fits(doc, header, 0, [(t, 13, True, False) for t in agency] + [(header.cell(1, 0).text, 13, False, False)],
                    (kind, "agency"))
        right = [p.text for p in header.cell(0, 1).paragraphs if p.text]
        assert right[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert_fits(doc, header, 1, [(right[0], 13, True, False), (right[1], 14, True, False),
                                     (header.cell(1, 1).text, 14, False, True)], (kind, "Quốc hiệu, date"))
        assert -MAX_OVERHANG <= indent(header) and indent(header) + sum(grid(header)) <= TEXT_W, kind
        authority = [p.text for p in signature.cell(0, 1).paragraphs if p.text][:-1]
        assert authority and all(t.isupper() for t in authority)
        assert_fits(doc, signature, 1, [(t, 14, True, False) for t in authority], (kind, "authority"))


def test_the_template_is_sized_for_the_longest_of_the_34_unit_names():
    names = [vn.upper(f"{u.level} {u.name}") for u in registry().units]
    assert len(names) == 34
    longest = max(names, key=lambda n: width_twips(n, 13, bold=True))
    assert longest == "THÀNH PHỐ HỒ CHÍ MINH"
    header = Document(str(default_template())).tables[0]
    assert grid(header)[0] - PAD >= needed(width_twips(longest, 13, bold=True))
    assert grid(header)[1] - PAD >= needed(width_twips("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True))
    assert grid(header)[1] - PAD >= needed(width_twips("Thành phố Hồ Chí Minh, ngày 28 tháng 12 năm 2026", 14,
                                                       italic=True))


def test_a_reviewers_narrow_header_column_is_widened_for_the_name(catalogue, tmp_path):
    """A template restyled with a narrow agency column still prints the name on one line: the pass
    measures the rendered name, not the 34 names the bundled template was sized for."""
    narrow = tmp_path / "narrow.docx"
    document = Document(str(default_template()))
    table = document.tables[0]._tbl
    for col, width in zip(table.tblGrid.findall(qn("w:gridCol")), (2800, 6555), strict=True):
        col.set(qn("w:w"), str(width))
    for tr in table.tr_lst:
        for tc, width in zip(tr.tc_lst, (2800, 6555), strict=True):
            tc.tcPr.find(qn("w:tcW")).set(qn("w:w"), str(width))
    table.tblPr.find(qn("w:tblInd")).set(qn("w:w"), "0")
    document.save(str(narrow))
    data, _ = api.build_plan(load_profile("ho-chi-minh-2026", catalogue), year=2027, template=narrow,
                             catalogue=catalogue)
    header = document_of(data, tmp_path, "hcm").tables[0]
    assert header.cell(0, 0).paragraphs[1].text == "THÀNH PHỐ HỒ CHÍ MINH"
    assert grid(header)[0] - PAD >= needed(width_twips("THÀNH PHỐ HỒ CHÍ MINH", 13, bold=True))
    assert indent(header) + sum(grid(header)) <= TEXT_W


def test_glue_keeps_the_name_whole_and_the_break_after_its_common_noun():
    assert glue("THÀNH PHỐ HỒ CHÍ MINH") == f"THÀNH{NBSP}PHỐ HỒ{NBSP}CHÍ{NBSP}MINH"
    assert glue("TỈNH BÀ RỊA - VŨNG TÀU") == f"TỈNH BÀ{NBSP}RỊA{NBSP}-{NBSP}VŨNG{NBSP}TÀU"
    assert glue("TM. ỦY BAN NHÂN DÂN") == f"TM. ỦY{NBSP}BAN{NBSP}NHÂN{NBSP}DÂN"
    assert glue("ỦY BAN NHÂN DÂN") == "ỦY BAN NHÂN DÂN"  # no name follows: nothing to keep whole
    assert glue("CỘNG HÒA XÃ HỘI") == "CỘNG HÒA XÃ HỘI"  # no known head


def test_a_name_too_long_for_any_column_wraps_only_after_its_common_noun(profile_file, minimal_profile,
                                                                         catalogue, tmp_path):
    """No column can hold this name beside the Quốc hiệu: it wraps as "TỈNH / <name>", never inside
    the name, and the checker reads the no-break spaces as the spaces they stand for."""
    minimal_profile["province"]["name"] = "Thử Nghiệm Có Tên Dài Hơn"
    minimal_profile["province"]["place"] = "Thử Nghiệm"
    profile = load_profile(profile_file(minimal_profile), catalogue)
    data, _ = api.build_plan(profile, kind="nq47", year=2027, catalogue=catalogue)
    path = tmp_path / "long.docx"
    path.write_bytes(data)
    header = Document(str(path)).tables[0]
    line = header.cell(0, 0).paragraphs[1].text
    assert line == "TỈNH " + "THỬ NGHIỆM CÓ TÊN DÀI HƠN".replace(" ", NBSP)
    assert needed(width_twips(line, 13, bold=True)) > grid(header)[0] - PAD  # it does wrap…
    assert needed(width_twips("THỬ NGHIỆM CÓ TÊN DÀI HƠN", 13, bold=True)) <= grid(header)[0] - PAD  # …once
    assert indent(header) >= -MAX_OVERHANG
    report = check_document(path, FORM_AND_CITATIONS)
    assert report.ok and report.count("warning") == 0, [f.line() for f in report.findings]


def pdf_pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [unicodedata.normalize("NFC", page) for page in text.split("\f")]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler-utils is not installed")
def test_libreoffice_prints_the_signature_with_the_end_of_the_body_and_names_on_one_line(catalogue, tmp_path):
    """The plans a user reported: both had "Nơi nhận" and the signature alone on page 14, and the
    city's name broken as "THÀNH PHỐ HỒ CHÍ / MINH"."""
    sources = []
    for pid in ("cao-bang-2026", "ho-chi-minh-2026"):
        data, _ = api.build_plan(load_profile(pid, catalogue), kind="nq47", year=2027, date=dt.date(2026, 12, 20),
                                 catalogue=catalogue)
        sources.append(tmp_path / f"{pid}.docx")
        sources[-1].write_bytes(data)
    for pid, pdf in zip(("cao-bang-2026", "ho-chi-minh-2026"), preview.convert(sources, "pdf", tmp_path / "pdf"),
                        strict=True):
        pages = pdf_pages(pdf)
        signed = [i for i, page in enumerate(pages) if "Nơi nhận:" in page]
        assert len(signed) == 1, pid
        assert "./." in pages[signed[0]], (pid, signed[0] + 1, pages[signed[0]][:400])
        name = "THÀNH PHỐ HỒ CHÍ MINH" if pid.startswith("ho-chi-minh") else "TỈNH CAO BẰNG"
        assert any(name in line for line in pages[0].splitlines()), (pid, pages[0][:400])
