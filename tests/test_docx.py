"""End to end: open each generated DOCX with python-docx and check content and NĐ 30 formatting."""

import re
import zipfile

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from drafter.check.resolve import run_format
from drafter.docxio.structure import all_paragraphs
from tests.conftest import BUNDLED_IDS

TNR = "Times New Roman"


def fmt(doc, paragraph):
    return run_format(doc, paragraph, paragraph.runs[0] if paragraph.runs else None)


def body_paragraphs(doc):
    return [p for p in doc.paragraphs if p.text.strip()]


def by_style(doc, style_name):
    return [p for p in doc.paragraphs if p.style.name == style_name and p.text.strip()]


def no_borders(table):
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    assert all(el.get(qn("w:val")) in ("nil", "none") for el in borders)
    for tc in table._tbl.iter(qn("w:tc")):
        assert tc.find(qn("w:tcPr") + "/" + qn("w:tcBorders")) is None


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_page_setup(documents, pid):
    doc = documents[pid]
    main, appendix = doc.sections
    assert abs(main.page_width - Mm(210)) < Mm(0.5) and abs(main.page_height - Mm(297)) < Mm(0.5)
    assert main.orientation == WD_ORIENT.PORTRAIT
    for section in doc.sections:
        assert Mm(19.5) <= section.top_margin <= Mm(25.5)
        assert Mm(19.5) <= section.bottom_margin <= Mm(25.5)
        assert Mm(29.5) <= section.left_margin <= Mm(35.5)
        assert Mm(14.5) <= section.right_margin <= Mm(20.5)
    assert appendix.orientation == WD_ORIENT.LANDSCAPE and appendix.page_width > appendix.page_height


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_page_numbers_in_header_from_page_two_and_restart_in_appendix(documents, pid):
    doc = documents[pid]
    for section in doc.sections:
        assert section.different_first_page_header_footer
        assert "PAGE" not in section.first_page_header._element.xml
        header_xml = section.header._element.xml
        assert "PAGE" in header_xml
        header_p = section.header.paragraphs[0]
        assert header_p.alignment == WD_ALIGN_PARAGRAPH.CENTER or fmt_alignment(doc, header_p) == "center"
        assert "PAGE" not in section.footer._element.xml
    pg = doc.sections[1]._sectPr.find(qn("w:pgNumType"))
    assert pg is not None and pg.get(qn("w:start")) == "1"
    assert doc.sections[1]._sectPr.find(qn("w:type")).get(qn("w:val")) == "nextPage"


def fmt_alignment(doc, paragraph):
    from drafter.check.resolve import _style_elements

    for el in _style_elements(doc, paragraph.style.style_id):
        jc = el.find(qn("w:pPr") + "/" + qn("w:jc"))
        if jc is not None:
            return jc.get(qn("w:val"))
    return None


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_times_new_roman_everywhere_no_theme_fonts(rendered, documents, pid):
    path, _ = rendered[pid]
    with zipfile.ZipFile(path) as zf:
        assert "word/theme/theme1.xml" not in zf.namelist()
        for name in zf.namelist():
            if name.endswith(".xml"):
                xml = zf.read(name).decode("utf-8")
                assert not re.search(r"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", xml), name
                fonts = {value for element in re.findall(r"<w:rFonts[^>]*>", xml)
                         for value in re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', element)}
                assert fonts <= {TNR}, (name, fonts)
    doc = documents[pid]
    for paragraph in all_paragraphs(doc):
        for run in paragraph.runs:
            if run.text.strip():
                f = run_format(doc, paragraph, run)
                assert f.fonts == {"ascii": TNR, "hAnsi": TNR, "eastAsia": TNR, "cs": TNR}, run.text
                assert not f.theme_fonts
                assert f.color in (None, "auto", "000000")


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_header_block(rendered, documents, pid):
    doc = documents[pid]
    _, draft = rendered[pid]
    header = doc.tables[0]
    assert doc.element.body[0].tag == qn("w:tbl"), "the header table is the first block"
    no_borders(header)
    left = [p for p in header.cell(0, 0).paragraphs if p.text]
    right = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in left] == draft.context["header"]["agency_lines"]
    assert left[0].text == "ỦY BAN NHÂN DÂN" and left[1].text.startswith(("TỈNH ", "THÀNH PHỐ "))
    for p in left:
        f = fmt(doc, p)
        assert f.bold and not f.italic and 12 <= f.size_pt <= 13
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert fmt(doc, right[0]).bold and 12 <= fmt(doc, right[0]).size_pt <= 13
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc"  # ASCII hyphen-minus, one space either side
    assert fmt(doc, right[1]).bold and 13 <= fmt(doc, right[1]).size_pt <= 14
    number = header.cell(1, 0).paragraphs[0]
    assert re.fullmatch(r"Số:\s+/KH-UBND", number.text)
    assert not fmt(doc, number).bold and fmt(doc, number).size_pt == 13
    date = header.cell(1, 1).paragraphs[0]
    assert re.fullmatch(r"[A-ZĐÀ-Ỹ][^,]*, ngày (0[1-9]|[12]\d|3[01]|…) tháng (0[12]|[3-9]|1[0-2]|…) năm \d{4}", date.text)
    assert fmt(doc, date).italic and not fmt(doc, date).bold and 13 <= fmt(doc, date).size_pt <= 14


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_rule_lines_fitted_to_their_text(documents, pid):
    from drafter.docxio.textwidth import width_twips

    doc = documents[pid]
    header = doc.tables[0]

    def rule_length(cell_paragraphs, available):
        rule = next(p for p in cell_paragraphs if p.style.style_id == "KHDuongKe")
        assert rule._p.pPr.find(qn("w:pBdr") + "/" + qn("w:bottom")) is None  # the border comes from the style
        left = rule.paragraph_format.left_indent / 635
        right = rule.paragraph_format.right_indent / 635
        return available - left - right

    cell_w = lambda c: int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) - 2 * 57  # noqa: E731
    agency = max(width_twips(t, 13, bold=True) for t in ("ỦY BAN NHÂN DÂN", header.cell(0, 0).paragraphs[1].text))
    length = rule_length(header.cell(0, 0).paragraphs, cell_w(header.cell(0, 0)))
    assert agency / 3 <= length <= agency / 2
    motto = width_twips("Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    assert abs(rule_length(header.cell(0, 1).paragraphs, cell_w(header.cell(0, 1))) - motto) <= 2


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_title_and_body(rendered, documents, pid):
    doc = documents[pid]
    _, draft = rendered[pid]
    paragraphs = body_paragraphs(doc)
    assert paragraphs[0].text == "KẾ HOẠCH"
    title = fmt(doc, paragraphs[0])
    assert title.bold and 13 <= title.size_pt <= 14
    summary = paragraphs[1]
    assert summary.text == draft.context["summary"] and summary.text != summary.text.upper()
    assert fmt(doc, summary).bold and fmt(doc, summary).size_pt == title.size_pt
    assert fmt_alignment(doc, summary) == "center"
    body_texts = [p.text for p in paragraphs[2:]]
    expected = [b["text"] for b in draft.context["body"]]
    assert body_texts[: len(expected)] == expected
    sizes = set()
    for p in paragraphs[2 : 2 + len(expected)]:
        f = fmt(doc, p)
        sizes.add(f.size_pt)
        assert fmt_alignment(doc, p) == "both"
        first = p.paragraph_format.first_line_indent or doc.styles["KH - Nội dung"].paragraph_format.first_line_indent
        assert abs(first - 360000) < 3600  # 1 cm
        if p.text.startswith("Căn cứ"):
            assert f.italic
        if re.match(r"^[IVX]+\. ", p.text):
            assert f.bold and p.text == p.text.upper()
    assert sizes == {14}
    style = doc.styles["KH - Nội dung"].paragraph_format
    assert style.space_before.pt >= 6 and style.line_spacing <= 1.5


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_signature_block(rendered, documents, pid):
    doc = documents[pid]
    _, draft = rendered[pid]
    table = doc.tables[1]
    no_borders(table)
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    left, right = table.cell(0, 0), table.cell(0, 1)
    label = left.paragraphs[0]
    assert label.text == "Nơi nhận:"
    f = fmt(doc, label)
    assert f.bold and f.italic and f.size_pt == 12
    items = [p for p in left.paragraphs[1:] if p.text]
    assert [p.text for p in items] == draft.context["recipients"]
    for p in items:
        assert fmt(doc, p).size_pt == 11 and not fmt(doc, p).bold
        assert p._p.pPr.find(qn("w:numPr")) is None
    assert re.fullmatch(r"- Lưu: VT(, ?[^.]+)?\.", items[-1].text)
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines[:-1]] == draft.context["signature"]["lines"]
    assert lines[0].text == "TM. ỦY BAN NHÂN DÂN"
    for p in lines:
        assert fmt(doc, p).bold and 13 <= fmt(doc, p).size_pt <= 14
    assert lines[-1].text == draft.context["signature"]["name"]
    # the last content paragraph before the signature ends the text
    before = table._tbl.getprevious()
    assert before.xpath("string(.)").endswith("./.")


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_appendix(rendered, documents, pid):
    doc = documents[pid]
    _, draft = rendered[pid]
    appendix = draft.context["appendix"]
    label, title, ref = by_style(doc, "KH - Phụ lục")[0], by_style(doc, "KH - Tên phụ lục")[0], by_style(doc, "KH - Kèm theo")[0]
    assert label.text == "Phụ lục" and fmt(doc, label).bold and fmt(doc, label).size_pt == 14
    assert title.text == title.text.upper() and fmt(doc, title).bold
    assert re.fullmatch(r"\(Kèm theo Kế hoạch số\s+/KH-UBND ngày .* tháng .* năm \d{4} của Ủy ban nhân dân (tỉnh|thành phố) .+\)", ref.text)
    assert fmt(doc, ref).italic
    assert any("Phụ lục" in p.text for p in doc.paragraphs[:-3]), "the body mentions its appendix"
    table = doc.tables[-1]
    head = table.rows[0]
    assert [c.text for c in head.cells] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
    assert head._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = table.rows[1:]
    assert len(rows) == len(appendix["rows"])
    for row, expected in zip(rows, appendix["rows"], strict=False):
        cells = [c.text for c in row.cells]
        assert cells[0] == expected["stt"] and cells[1] == expected["text"]
        text_paragraph = row.cells[1].paragraphs[0]
        assert fmt(doc, text_paragraph).bold is expected["group"]
        if not expected["group"]:
            assert cells[2:] == [expected["lead"], expected["partners"], expected["time"]]
            assert cells[2], "every task has a lead agency"
    # the appendix table sits in the landscape section, after the section break
    body = doc.element.body
    assert body.index(table._tbl) > body.index(doc.sections[0]._sectPr.getparent().getparent())


def test_hostile_text_comes_out_literally(profile_file, minimal_profile, catalogue, tmp_path):
    from docx import Document

    from drafter import api
    from drafter.inputs.profile import load_profile

    minimal_profile["province"]["name"] = "A & B <Tỉnh> {{ 7*7 }} {% if %}"
    minimal_profile["recipients"] = ["Sở X & Y <b>bold</b>\x07", "{{ config }}"]
    profile = load_profile(profile_file(minimal_profile), catalogue)
    data, _ = api.build_plan(profile, kind="nq47", year=2027, catalogue=catalogue)
    path = tmp_path / "hostile.docx"
    path.write_bytes(data)
    doc = Document(str(path))
    header = doc.tables[0].cell(0, 0).paragraphs[1].text
    # too wide for any column beside the Quốc hiệu: it wraps only after "TỈNH", the name's spaces
    # no-break (tests/test_layout.py); the characters themselves come out as typed
    assert header.replace("\xa0", " ") == "TỈNH A & B <TỈNH> {{ 7*7 }} {% IF %}"
    recipients = [p.text for p in doc.tables[1].cell(0, 0).paragraphs]
    assert "- Sở X & Y <b>bold</b>;" in recipients and "- {{ config }};" in recipients


def test_same_inputs_give_the_same_bytes(catalogue):
    import datetime as dt

    from drafter import api
    from drafter.inputs.profile import load_profile

    profile = load_profile("phu-tho-2026", catalogue)
    one, _ = api.build_plan(profile, year=2027, date=dt.date(2027, 1, 5), catalogue=catalogue)
    two, _ = api.build_plan(profile, year=2027, date=dt.date(2027, 1, 5), catalogue=catalogue)
    assert one == two


def test_a_plan_is_zipped_once_into_the_same_bytes_as_a_stamped_copy_of_python_docx_save(monkeypatch):
    """to_bytes writes python-docx's parts straight into one stamped zip: what python-docx's own
    save gives, with every entry's time fixed, and nothing unzipped again on the way."""
    import io

    from docx import Document

    from drafter.docxio.package import ZIP_STAMP, to_bytes

    document = Document()
    document.add_paragraph("Kế hoạch thông tin đối ngoại")
    saved = io.BytesIO()
    document.save(saved)
    expected = io.BytesIO()
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))

    def no_second_pass(*args, **kwargs):
        raise AssertionError("the DOCX was unzipped again while being written")

    monkeypatch.setattr(zipfile.ZipFile, "read", no_second_pass)
    assert to_bytes(document) == expected.getvalue()
