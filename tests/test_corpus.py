"""drafter check on documents it did not write: every type, every layout (tests/corpus.py), with
the findings each must and must not produce. A false alarm fails like a miss."""

from __future__ import annotations

import shutil

import pytest

from drafter.check.runner import check_document, load_ruleset
from tests.corpus import SPECS, VARIANTS, Spec, write

ALL_RULES = {r.id for r in load_ruleset("nd30_2020").rules}


def judged(spec: Spec, path) -> tuple[set[str], set[str], list[str], str]:
    report = check_document(path, "nd30_2020")
    found = {f.rule for f in report.findings if f.severity in ("error", "warning")}
    must_not = spec.must_not if spec.must_not is not None else ALL_RULES - spec.must
    return found, must_not, [f.line() for f in report.findings], report.doc_type


# The 49 one-fault variants run in the full suite only: the inner loop keeps the 35 documents of
# every type and layout, and test_check.py's seeded violations cover one fault per rule.
@pytest.mark.parametrize("spec", SPECS + [pytest.param(v, marks=pytest.mark.slow) for v in VARIANTS],
                         ids=lambda s: s.name)
def test_each_document_gets_exactly_its_findings(spec, tmp_path):
    found, must_not, lines, doc_type = judged(spec, write(spec, tmp_path))
    from drafter.check.doctype import BY_KEY

    assert doc_type.startswith(BY_KEY[spec.doc_type].label), doc_type
    assert spec.must <= found, lines
    assert not found & must_not, lines


def test_a_party_document_is_out_of_scope_in_one_line(tmp_path):
    spec = next(s for s in SPECS if s.party)
    report = check_document(write(spec, tmp_path), "nd30_2020")
    assert [(f.rule, f.severity) for f in report.findings] == [("X1", "not_evaluated")]
    assert "Hướng dẫn 36-HD/VPTW" in report.findings[0].message


def test_a_document_without_header_says_so_once_and_invents_nothing(tmp_path):
    spec = next(s for s in SPECS if s.name == "khong-co-dau-van-ban")
    report = check_document(write(spec, tmp_path), "nd30_2020")
    header = [f for f in report.findings if f.rule.startswith("H")]
    assert [f.rule for f in header if f.severity == "error"] == ["H2"]
    assert "không có khối đầu" in header[0].message
    assert all(f.severity == "not_evaluated" for f in header if f.rule != "H2")


def test_the_type_can_be_forced(tmp_path):
    spec = next(s for s in SPECS if s.name == "quyet-dinh")
    report = check_document(write(spec, tmp_path), "nd30_2020", doc_type="ke_hoach")
    assert report.doc_type == "Kế hoạch" and any(f.rule == "T1" and "KẾ HOẠCH" in f.message for f in report.findings)


PLAIN = [s for s in SPECS + VARIANTS if s.special is None]


@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    """Every plain corpus document re-saved by LibreOffice, in one run of it."""
    from drafter.docxio.preview import convert

    folder = tmp_path_factory.mktemp("corpus")
    sources = [write(spec, folder) for spec in PLAIN]
    return dict(zip((s.name for s in PLAIN), convert(sources, "docx:MS Word 2007 XML", folder / "lo"), strict=True))


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("spec", PLAIN, ids=lambda s: s.name)
def test_the_same_findings_after_libreoffice_saves_the_document(spec, resaved):
    """LibreOffice rewrites styles, fonts and tables; what the rules see must not change."""
    found, must_not, lines, _ = judged(spec, resaved[spec.name])
    assert spec.must <= found, lines
    assert not found & must_not, lines


def test_cli_names_the_type_and_refuses_an_unknown_one(tmp_path):
    from typer.testing import CliRunner

    from drafter.cli import app

    letter = write(next(s for s in SPECS if s.name == "cong-van"), tmp_path)
    shown = CliRunner().invoke(app, ["check", str(letter)])
    assert shown.exit_code == 0 and "loại: Công văn (đoán)" in shown.stdout
    wrong = CliRunner().invoke(app, ["check", "--type", "sach", str(letter)])
    assert wrong.exit_code == 2 and "--type 'sach'" in wrong.output and "quyet_dinh" in wrong.output
    macro = write(next(s for s in SPECS if s.special == "docm"), tmp_path)
    checked = CliRunner().invoke(app, ["check", str(macro)])
    assert checked.exit_code == 0 and "CẢNH BÁO X4" in checked.stdout and ".docm" in checked.stdout
