"""The NĐ 30 checker: compliant documents pass; each seeded violation fires exactly its rule.

Two compliant documents are used: drafter's own Lâm Đồng draft, and a plan built by hand with
plain python-docx (tests/handmade.py) that shares nothing with drafter's template. For every
rule in nd30_2020 there is a mutation that breaks only that rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import unicodedata

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from typer.testing import CliRunner

from drafter import api
from drafter.check.model import DocModel
from drafter.check.runner import check_document, load_ruleset
from drafter.cli import app
from drafter.docxio.structure import all_paragraphs
from drafter.inputs.profile import load_profile
from tests import handmade
from tests.corpus import element, pending_insertion, style_loop

ALL_RULES = [r.id for r in load_ruleset("nd30_2020").rules]


# --- the two compliant documents ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bases(tmp_path_factory, catalogue):
    folder = tmp_path_factory.mktemp("compliant")
    drafted = folder / "drafter.docx"
    # A short drafter plan (five points per group, up to "đ)", a few tasks): every part the rules look at, at a
    # fraction of the full plan's size, so 70 seeded mutations stay fast. The full plans are checked
    # in test_check_outputs.
    short = dataclasses.replace(catalogue, groups=tuple(dataclasses.replace(g, points=tuple(g.lettered()[:5]))
                                                        for g in catalogue.groups), tasks=catalogue.tasks[:12])
    data, _ = api.build_plan(load_profile("lam-dong-2024", catalogue), year=2024, date=dt.date(2024, 6, 13),
                             catalogue=short)
    drafted.write_bytes(data)
    handmade_path = folder / "handmade.docx"
    handmade.build(handmade_path)
    return {"drafter": drafted, "handmade": handmade_path}


def fired(path):
    """The form rules (nd30_2020) on a document; the citation rules have their own tests
    (tests/test_citations.py)."""
    report = check_document(path, "nd30_2020")
    return {f.rule for f in report.findings if f.severity in ("error", "warning")}, report


@pytest.mark.parametrize("base", ["drafter", "handmade"])
def test_compliant_documents_pass_every_rule(bases, base):
    rules, report = fired(bases[base])
    assert rules == set(), [f.line() for f in report.findings]
    assert report.count("not_evaluated") == 0, [f.line() for f in report.findings]
    assert report.rules_checked == len(ALL_RULES) >= 30


# --- helpers for mutations ----------------------------------------------------------------------


def find(doc, *, starts=None, equals=None, contains=None):
    for p in all_paragraphs(doc):
        text = p.text.strip()
        if (starts and text.startswith(starts)) or (equals and text == equals) or (contains and contains in text):
            return p
    raise AssertionError(f"no paragraph {starts or equals or contains!r}")


def set_text(p, text):
    runs = p.runs
    runs[0].text = text
    for r in runs[1:]:
        r._r.getparent().remove(r._r)


def runs(p, **attrs):
    for r in p._p.iter(qn("w:r")):
        from docx.text.run import Run

        run = Run(r, p)
        for key, value in attrs.items():
            if key == "size":
                run.font.size = Pt(value)
            elif key == "color":
                run.font.color.rgb = value
            elif key == "name":
                run.font.name = value
            else:
                setattr(run.font, key, value)


def body(doc):
    return [b.paragraph for b in DocModel(doc).body]


def first_khoan(doc):
    return next(p for p in body(doc) if p.text[:2] in ("1.", "2."))


def rule_after(doc, text):
    target = find(doc, equals=text) if text != "summary" else DocModel(doc).summary[-1].paragraph
    following = target._p.getnext()
    while following is not None and following.xpath("string(.)").strip():
        following = following.getnext()
    from docx.text.paragraph import Paragraph

    return Paragraph(following, target._parent)


def first_agency_rule(doc):
    model = DocModel(doc)
    left = model.header_table.column(0)
    return next(b.paragraph for b in left if model.is_rule(b))


def borders(table, val="single"):
    tblpr = table._tbl.tblPr
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    el = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), val)
        b.set(qn("w:sz"), "4")
        el.append(b)
    tblpr.append(el)


def clear_page_field(part):
    p = next(q for q in part.paragraphs if "PAGE" in q._p.xml)
    for child in list(p._p):
        if child.tag != qn("w:pPr"):
            p._p.remove(child)
    p.add_run("Trang")


def signature(doc):
    return DocModel(doc).signature_table.table


def appendix_table(doc):
    return doc.tables[-1]


def replace_in_body(doc, old, new):
    for p in body(doc):
        for r in p.runs:
            if old in r.text:
                r.text = r.text.replace(old, new)


def date_text(doc):
    # The date line is in the header table (a body paragraph may cite a document "…, ngày …").
    p = next(p for cell in doc.tables[0]._cells for p in cell.paragraphs if ", ngày " in p.text)
    place = p.text.split(",")[0]
    set_text(p, f"{place}, ngày 05 tháng 09 năm 2024")


def add_page_to_footer(doc):
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    handmade.page_field(footer.paragraphs[0])


def add_numbering(doc):
    ppr = first_khoan(doc)._p.get_or_add_pPr()
    num = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", "1")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        num.append(el)
    ppr.append(num)


def nil_border(p):
    ppr = p._p.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "nil")
    bdr.append(bottom)
    ppr.append(bdr)


def full_width(p):
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = 0


def khoan_two(doc):
    return next(p for p in body(doc) if p.text[:2] == "2.")


def muc_two(doc):
    return next(p for p in body(doc) if p.text.startswith("II. "))


MUTATIONS = {
    "G1": lambda d: (setattr(d.sections[0], "page_width", Mm(216)), setattr(d.sections[0], "page_height", Mm(279))),
    "G2": lambda d: appendix_table(d)._tbl.getparent().remove(appendix_table(d)._tbl),
    "G3": lambda d: setattr(d.sections[0], "left_margin", Mm(25)),
    "G4": lambda d: runs(body(d)[-1], name="Arial"),
    "G4U": lambda d: setattr(first_khoan(d).runs[0], "text", unicodedata.normalize("NFD", first_khoan(d).runs[0].text)),
    "G5": lambda d: runs(body(d)[-1], color=RGBColor(0xC0, 0, 0)),
    "G6": lambda d: runs(first_khoan(d), size=13),
    "G7A": lambda d: clear_page_field(d.sections[0].header),
    "G7B": lambda d: setattr(d.sections[0], "different_first_page_header_footer", False),
    "G7C": lambda d: runs(next(q for q in d.sections[0].header.paragraphs if "PAGE" in q._p.xml), bold=True),
    "G7D": add_page_to_footer,
    "G8": lambda d: set_text(body(d)[-1], body(d)[-1].text.replace("./.", ".")),
    "H1": lambda d: borders(d.tables[0]),
    "H2": lambda d: runs(find(d, starts="CỘNG HÒA"), size=14),
    "H3": lambda d: set_text(find(d, starts="Độc lập"), "Độc lập – Tự do – Hạnh phúc"),
    "H3F": lambda d: runs(find(d, starts="Độc lập"), bold=False),
    "H4": lambda d: nil_border(rule_after(d, "Độc lập - Tự do - Hạnh phúc")),
    "H6": lambda d: runs(find(d, starts="TỈNH "), bold=False),
    "H7": lambda d: full_width(first_agency_rule(d)),
    "H8": lambda d: set_text(find(d, starts="Số:"), "Số: 5/KH-UBND"),
    "H9": date_text,
    "T1": lambda d: setattr(find(d, equals="KẾ HOẠCH"), "alignment", WD_ALIGN_PARAGRAPH.LEFT),
    "T2": lambda d: [set_text(b.paragraph, b.paragraph.text.upper()) for b in DocModel(d).summary],
    "T3": lambda d: full_width(rule_after(d, "summary")),
    # the longest paragraph: set left, a paragraph of one line prints as if justified
    "C1": lambda d: setattr(max(body(d), key=lambda p: len(p.text)), "alignment", WD_ALIGN_PARAGRAPH.LEFT),
    "C1S": lambda d: [runs(p, size=12) for p in body(d)],
    "C2": lambda d: setattr(first_khoan(d).paragraph_format, "first_line_indent", Cm(2)),
    "C3": lambda d: [(setattr(p.paragraph_format, "space_before", 0), setattr(p.paragraph_format, "space_after", 0))
                     for p in body(d)],
    "C4": lambda d: setattr(first_khoan(d).paragraph_format, "line_spacing", 2.0),
    "C5": lambda d: runs(find(d, starts="Căn cứ"), italic=False),
    "N1": lambda d: set_text(muc_two(d), "III" + muc_two(d).text[2:]),
    "N2": lambda d: set_text(khoan_two(d), "3" + khoan_two(d).text[1:]),
    "N3": lambda d: set_text(find(d, starts="đ) "), "e" + find(d, starts="đ) ").text[1:]),
    "N4": add_numbering,
    "S1": lambda d: borders(signature(d)),
    "S2": lambda d: set_text(find(d, equals="TM. ỦY BAN NHÂN DÂN"), "T/M ỦY BAN NHÂN DÂN"),
    "S4": lambda d: set_text(signature(d).cell(0, 1).paragraphs[-1], "TS. " + signature(d).cell(0, 1).paragraphs[-1].text),
    "S6": lambda d: runs(find(d, equals="Nơi nhận:"), size=14),
    "S7": lambda d: set_text(find(d, starts="- Lưu:"), find(d, starts="- Lưu:").text.rstrip(".")),
    "A1": lambda d: replace_in_body(d, "Phụ lục", "danh mục"),
    "A2": lambda d: runs(find(d, equals="Phụ lục"), size=13),
    "A3": lambda d: set_text(find(d, starts="DANH MỤC"), find(d, starts="DANH MỤC").text.capitalize()),
    "A4": lambda d: runs(find(d, starts="(Kèm theo"), italic=False),
    "A5": lambda d: d.sections[-1]._sectPr.remove(d.sections[-1]._sectPr.find(qn("w:pgNumType"))),
    "TB1": lambda d: runs(appendix_table(d).cell(2, 1).paragraphs[0], size=10),
    "TB2": lambda d: appendix_table(d).rows[0]._tr.trPr.remove(appendix_table(d).rows[0]._tr.trPr.find(qn("w:tblHeader"))),
    "X2": lambda d: pending_insertion(body(d)[-2], " thêm chữ"),
    "X3": lambda d: d.element.body.insert(len(d.element.body) - 1, element("w:altChunk", {"r:id": "rId999"})),
    "X4": lambda d: d.settings.element.append(element("w:documentProtection", {"w:edit": "readOnly",
                                                                               "w:enforcement": "1"})),
    "X5": lambda d: style_loop(d),
}
#: Rules a plan cannot break (other document types, parts a plan does not have: Chương titles,
#: urgency marks); tests/test_corpus.py seeds them.
OTHER_TYPES = {"V1", "X1", "P1", "K1"}


def test_every_rule_has_a_seeded_violation():
    assert sorted(MUTATIONS) == sorted(set(ALL_RULES) - OTHER_TYPES)


@pytest.mark.parametrize("base", ["drafter", pytest.param("handmade", marks=pytest.mark.slow)])
@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r not in OTHER_TYPES])
def test_seeded_violation_fires_exactly_its_rule(bases, base, rule, tmp_path):
    path = tmp_path / f"{base}-{rule}.docx"
    doc = Document(str(bases[base]))
    MUTATIONS[rule](doc)
    doc.save(str(path))
    rules, report = fired(path)
    assert rules == {rule}, [f.line() for f in report.findings]


# --- real-world mistakes, documents the checker cannot read, the CLI ----------------------------


def test_theme_fonts_leaking_from_defaults_are_caught(tmp_path):
    doc = Document()  # python-docx's default document: Cambria (minor font) through the theme
    doc.add_paragraph("Chữ không đặt phông")
    path = tmp_path / "theme.docx"
    doc.save(str(path))
    findings = [f for f in check_document(path, "nd30_2020").findings if f.rule == "G4"]
    assert findings and "Cambria" in findings[0].message
    assert "minorBidi" not in findings[0].message  # the complex-script slot draws none of this text


def test_cli_check_exit_codes_and_json(bases, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["check", str(bases["drafter"])])
    assert ok.exit_code == 0 and "0 lỗi" in ok.stdout
    broken = tmp_path / "broken.docx"
    doc = Document(str(bases["handmade"]))
    MUTATIONS["H9"](doc)
    doc.save(str(broken))
    bad = runner.invoke(app, ["check", str(broken)])
    assert bad.exit_code == 1
    line = next(x for x in bad.stdout.splitlines() if " H9 " in x)
    assert "LỖI H9" in line and "tháng 9 không viết số 0 ở trước" in line and "đoạn" in line
    as_json = runner.invoke(app, ["check", "--json", str(broken)])
    data = json.loads(as_json.stdout)
    finding = data["reports"][0]["findings"][0]
    assert finding["rule"] == "H9" and finding["severity"] == "error" and finding["paragraph"]
    assert as_json.exit_code == 1
    not_docx = tmp_path / "plan.docx"
    not_docx.write_text("not a zip")
    unreadable = runner.invoke(app, ["check", str(not_docx)])
    assert unreadable.exit_code == 2 and "không phải tệp DOCX" in unreadable.stderr
    unknown_rules = runner.invoke(app, ["check", "--rules", "nd99", str(bases["drafter"])])
    assert unknown_rules.exit_code == 2 and "không có bộ quy tắc này" in unknown_rules.stderr
