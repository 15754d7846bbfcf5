"""The review page does what the commands do: a file re-saved with tracked changes is harvested
with its original as `--generated`, the check report is always shown (a failed harvest or
comparison is a notice on it), the edits go only to the user's profiles folder, and changes read
as struck-out and inserted words, not diff markup or catalogue ids."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from starlette.testclient import TestClient

from drafter.web.app import Settings, create_app
from tests.conftest import user_profiles
from tests.test_web import LOCAL, finished
from tests.test_web_profiles import raw_codes

SENTENCE = "- Câu mục tiêu do người rà soát viết lại."
FIRST_AIM = "- Triển khai có hiệu quả"


def tracked_rewrite(plan: Path, sentence: str, out: Path, *, keep_snapshot: bool = False) -> Path:
    """The first aim rewritten the way Word or LibreOffice records it with tracked changes on: the
    old runs in w:del, the new sentence in w:ins. Without keep_snapshot, drafter's data part is
    dropped, as LibreOffice drops it on saving."""
    document = Document(str(plan))
    paragraph = next(p for p in document.paragraphs if p.text.startswith(FIRST_AIM))
    runs = [r._r for r in paragraph.runs]
    deleted, inserted = OxmlElement("w:del"), OxmlElement("w:ins")
    for number, element in enumerate((deleted, inserted), start=901):
        element.set(qn("w:id"), str(number))
        element.set(qn("w:author"), "Người rà soát")
    runs[0].addprevious(deleted)
    new = copy.deepcopy(runs[0])
    for run in runs:
        for text in run.findall(qn("w:t")):
            text.tag = qn("w:delText")
        deleted.append(run)
    for extra in new.findall(qn("w:t"))[1:]:
        new.remove(extra)
    new.find(qn("w:t")).text = sentence
    inserted.append(new)
    deleted.addnext(inserted)
    if not keep_snapshot:
        for rid, rel in list(document.part.rels.items()):
            if rel.reltype == RT.CUSTOM_XML:
                document.part.drop_rel(rid)
    document.save(str(out))
    return out


def libreoffice_round_trip(source: Path, folder: Path) -> Path:
    """The file opened and saved again by LibreOffice (tracked changes kept, drafter's data dropped)."""
    folder.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo-profile", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return folder / source.name


def token(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text)[1]


def draft(client, profile: str, kind: str = "annual", year: str = "2027"):
    page = client.get("/")
    return finished(client, client.post("/draft", data={"csrf": token(page), "profile": profile, "kind": kind,
                                                         "year": year}))


def review(client, edited: Path, original: Path | None = None, *, harvest: bool = True):
    files = {"file": ("edited.docx", edited.read_bytes(), "application/octet-stream")}
    if original is not None:
        files["compare"] = ("original.docx", original.read_bytes(), "application/octet-stream")
    data = {"csrf": token(client.get("/review")), **({"harvest": "on"} if harvest else {})}
    return client.post("/review", data=data, files=files)


@pytest.fixture
def mine_site(tmp_path):
    mine = user_profiles(tmp_path)
    client = TestClient(create_app(Settings(out_dir=tmp_path / "out", profiles_dir=mine)), base_url=LOCAL)
    assert draft(client, "tuyen-quang-2027").status_code == 200
    return mine, client, tmp_path / "out" / "tuyen-quang-2027" / "annual-2027.docx"


@pytest.mark.slow
def test_a_tracked_changes_file_with_its_original_is_harvested_and_compared(mine_site, tmp_path):
    mine, client, original = mine_site
    edited = tracked_rewrite(original, SENTENCE, tmp_path / "edited.docx")
    page = review(client, edited, original)
    assert page.status_code == 200 and 'id="summary"' in page.text
    harvested = re.search(r'<ul id="harvested">(.*?)</ul>', page.text, re.S)[1]
    assert "Sửa đoạn «- Triển khai có hiệu quả" in harvested and "1 thay đổi được ghi vào" in harvested
    assert "a1.goals" not in page.text  # no catalogue id
    saved = (mine / "overrides" / "tuyen-quang-2027.yaml").read_text(encoding="utf-8")
    assert "action: edit" in saved and "Câu mục tiêu do người rà soát viết lại." in saved
    changes = re.search(r'<ol id="changes">(.*?)</ol>', page.text, re.S)[1]
    assert "<ins>Câu mục tiêu do người rà soát viết lại.</ins>" in changes
    assert re.search(r"<del>Triển khai có hiệu quả[^<]*</del>", changes)
    assert "[-" not in page.text and "{+" not in page.text and "Sửa đoạn" in changes
    assert not raw_codes(page) and not raw_codes(client.get("/review"))


def test_without_the_original_the_report_is_shown_and_says_to_add_it(mine_site, tmp_path):
    mine, client, original = mine_site
    edited = tracked_rewrite(original, SENTENCE, tmp_path / "edited.docx")
    page = review(client, edited)
    assert page.status_code == 200 and 'id="summary"' in page.text
    notices = re.search(r'<ul class="notices" id="review-notices">(.*?)</ul>', page.text, re.S)[1]
    assert "«So sánh với kế hoạch khác»" in notices and "--generated" not in page.text
    assert not (mine / "overrides").exists()


def test_a_comparison_that_fails_is_a_notice_and_the_report_stays(mine_site, tmp_path):
    _, client, original = mine_site
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a plan")
    page = review(client, original, broken, harvest=False)
    assert page.status_code == 200 and 'id="summary"' in page.text
    assert "Chưa so sánh được với original.docx" in page.text


@pytest.mark.slow
def test_harvest_without_a_profiles_folder_writes_nothing_and_says_so(tmp_path, monkeypatch):
    from drafter.resources import profiles_dir
    from tests.test_nothing_lost import tree_hash

    monkeypatch.chdir(tmp_path)  # a working folder's profiles/ was where the edits went before
    before = tree_hash(profiles_dir())
    for folder in (None, profiles_dir()):  # no folder, or the shipped profiles named as the user's
        client = TestClient(create_app(Settings(out_dir=tmp_path / "out", profiles_dir=folder)), base_url=LOCAL)
        assert draft(client, "phu-tho-2026").status_code == 200
        edited = tracked_rewrite(tmp_path / "out" / "phu-tho-2026" / "annual-2027.docx", SENTENCE,
                                 tmp_path / "edited.docx", keep_snapshot=True)
        page = review(client, edited)
        assert page.status_code == 200 and 'id="summary"' in page.text
        assert "chưa có thư mục hồ sơ của bạn để ghi, nên không ghi gì" in page.text
    assert tree_hash(profiles_dir()) == before and not (tmp_path / "profiles").exists()


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice missing")
def test_a_file_saved_by_libreoffice_with_tracked_changes(mine_site, tmp_path):
    mine, client, original = mine_site
    made = tracked_rewrite(original, SENTENCE, tmp_path / "made.docx", keep_snapshot=True)
    edited = libreoffice_round_trip(made, tmp_path / "lo")
    assert Document(str(edited)).element.body.xpath(".//w:ins")  # the tracked change survived
    alone = review(client, edited)
    assert alone.status_code == 200 and "«So sánh với kế hoạch khác»" in alone.text  # LibreOffice dropped the data
    page = review(client, edited, original)
    assert page.status_code == 200 and "1 thay đổi được ghi vào" in page.text
    assert "<ins>Câu mục tiêu do người rà soát viết lại.</ins>" in page.text
