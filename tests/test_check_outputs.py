"""Every document drafter produces passes the checker, also after LibreOffice saves it again;
previews work when LibreOffice is installed and say how to install it when it is not."""

import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from drafter import api
from drafter.check.runner import check_document
from drafter.cli import app
from drafter.docxio import preview
from drafter.inputs.kinds import kind_names
from drafter.inputs.knowledge import bundled as bundled_knowledge
from drafter.inputs.profile import load_profile
from tests.conftest import BUNDLED_IDS, FORM_AND_CITATIONS, unjudged


def needs_libreoffice(test):
    return pytest.mark.slow(pytest.mark.skipif(shutil.which("soffice") is None,
                                               reason="LibreOffice is not installed")(test))
def needs_poppler(test):
    return pytest.mark.slow(pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                               reason="poppler-utils is not installed")(test))


def problems(report):
    return [f.line() for f in report.findings if f.severity != "warning"]


def plan_years(profile, kind):
    """The profile's own era (an NQ 47 plan cannot predate 15/4/2024), and 2027."""
    first = max(profile.as_of.year, 2024) if kind == "nq47" else profile.as_of.year
    return {"own era": first, "2027": 2027}


#: The fast loop checks one profile per era and a city; the full run checks the others here and all
#: 37 in tests/test_all_provinces.py.
FAST_IDS = {"dak-lak-2026", "lam-dong-2024", "ha-noi-2026"}


@pytest.mark.parametrize("era", [
    "own era", pytest.param("2027", marks=pytest.mark.slow)])  # the 2027 half of the matrix: the full run
@pytest.mark.parametrize("kind", kind_names())
@pytest.mark.parametrize("pid", [pid if pid in FAST_IDS else pytest.param(pid, marks=pytest.mark.slow)
                                 for pid in BUNDLED_IDS])
def test_every_bundled_profile_and_kind_passes_check(catalogue, pid, kind, era, tmp_path):
    """No errors and nothing left unevaluated, form and citations, in the profile's own era and in
    2027 (a 2023 profile drafted for 2027 still names 2023 agencies: the citation rules warn)."""
    profile = load_profile(pid, catalogue)
    knowledge = bundled_knowledge().with_documents(profile.documents)
    for year in (plan_years(profile, kind)[era],):
        data, _ = api.build_plan(profile, kind=kind, year=year, catalogue=catalogue)
        path = tmp_path / f"{pid}-{kind}-{year}.docx"
        path.write_bytes(data)
        # Every rule set, content too. ND3 (border, sea, ethnic facts) knows only the 34 units of
        # 01/7/2025: a plan of an earlier province is the one thing it cannot judge.
        report = check_document(path, FORM_AND_CITATIONS, knowledge=knowledge)
        assert report.ok and unjudged(report, profile) == [], problems(report)
        warnings = [f for f in report.findings if f.severity == "warning"]
        if year - profile.as_of.year <= 1:
            assert warnings == [], [f.line() for f in warnings]
        else:  # an old profile's agencies in a later plan: only the citation rules may object
            assert {f.rule for f in warnings} <= {"D6"}, [f.line() for f in warnings]


@needs_libreoffice
def test_libreoffice_round_trip_still_passes(rendered, tmp_path, catalogue):
    sources = [rendered[pid][0] for pid in BUNDLED_IDS]
    saved = preview.convert(sources, "docx", tmp_path)
    for pid, path in zip(BUNDLED_IDS, saved, strict=True):
        profile = load_profile(pid, catalogue)
        knowledge = bundled_knowledge().with_documents(profile.documents)
        report = check_document(path, FORM_AND_CITATIONS, knowledge=knowledge)
        assert report.ok and unjudged(report, profile) == [], (path.name, problems(report))


@needs_libreoffice
@needs_poppler
def test_draft_pdf_and_preview_png(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["draft", "lam-dong-2024", "--year", "2024", "--out", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    docx = tmp_path / "lam-dong-2024" / "nq47-2024.docx"
    pdf = docx.with_suffix(".pdf")
    assert result.stdout.strip().splitlines()[-1] == str(docx)
    assert pdf.read_bytes().startswith(b"%PDF") and f"PDF: {pdf}" in result.stderr
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "A4" in info or "595" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 5
    shown = runner.invoke(app, ["preview", str(docx), "--png", "--out", str(tmp_path / "png")])
    assert shown.exit_code == 0, shown.output
    pngs = shown.stdout.strip().splitlines()[1:]
    assert len(pngs) == pages and all(open(p, "rb").read(4) == b"\x89PNG" for p in pngs)


def test_missing_libreoffice_is_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    runner = CliRunner()
    result = runner.invoke(app, ["draft", "phu-tho-2026", "--out", str(tmp_path), "--pdf"])
    assert result.exit_code == 1
    assert "cần LibreOffice" in result.stderr and "apt-get install libreoffice-writer-nogui" in result.stderr
    assert not (tmp_path / "phu-tho").exists(), "nothing is drafted when the PDF cannot be made"
    docx = tmp_path / "x.docx"
    docx.write_bytes(b"x")
    shown = runner.invoke(app, ["preview", str(docx), "--png"])
    assert shown.exit_code == 1 and "poppler-utils" in shown.stderr and "Traceback" not in shown.output


@needs_libreoffice
def test_preview_of_a_file_named_like_an_option(rendered, tmp_path):
    """A file named "-env:UserInstallation=…" is a file, not an option handed to LibreOffice."""
    import shutil

    odd = tmp_path / "-env:UserInstallation=file:x.docx"
    shutil.copy(rendered[BUNDLED_IDS[0]][0], odd)
    result = CliRunner().invoke(app, ["preview", "--", str(odd)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "-env:UserInstallation=file:x.pdf").is_file()
    assert not (tmp_path / "x").exists()
