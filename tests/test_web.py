"""`drafter serve` in-process with Starlette's TestClient: every route, the CSRF token, names not
paths, and the CLI's protection of edited outputs."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from starlette.testclient import TestClient

from drafter.web.app import Settings, create_app
from drafter.web.pages import for_page
from tests.conftest import REPO, reviewer_rewrites_first_aim, user_profiles

LOCAL = "http://127.0.0.1:8000"  # the page answers only to its own host (guard.py)


def web_client(settings: Settings, **options) -> TestClient:
    return TestClient(create_app(settings), base_url=LOCAL, **options)


@pytest.fixture
def client(tmp_path):
    return web_client(Settings(out_dir=tmp_path / "out"))


def token(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text)[1]


def finished(client, page, timeout: float = 180):
    """The page a draft ends on: its progress page is followed (as the browser does) until done."""
    import time

    deadline = time.monotonic() + timeout
    while 'id="progress"' in page.text and time.monotonic() < deadline:
        time.sleep(0.1)
        page = client.get(page.url)
    return page


def submit(client, **fields):
    page = client.get("/")
    form = {"csrf": token(page), "profile": "dak-lak-2026", "kind": "nq47", "year": "2027", "date": "2027-01-05"}
    form.update(fields)
    return finished(client, client.post("/draft", data=form))


def test_home_lists_every_profile_in_vietnamese(client):
    page = client.get("/")
    assert page.status_code == 200 and 'lang="vi"' in page.text and "Soạn kế hoạch" in page.text
    assert page.text.count("<option value=") >= 37 + 2  # 37 profiles, 2 kinds
    assert "drafter_csrf" in page.headers["set-cookie"] and "samesite=strict" in page.headers["set-cookie"].lower()


def test_draft_shows_notices_and_outline_and_downloads_the_docx(client, tmp_path):
    result = submit(client, profile="tuyen-quang-2026")
    assert result.status_code == 200, result.text
    assert "Lưu ý:" in result.text and "chưa xác minh" in result.text and "UNVERIFIED" not in result.text
    assert "KẾ HOẠCH" in result.text and "tỉnh Tuyên Quang" in result.text
    link = re.search(r'id="download" href="([^"]+)"', result.text)[1]
    assert link == "/files/tuyen-quang-2026/nq47-2027.docx"
    got = client.get(link)
    assert got.status_code == 200 and got.content[:2] == b"PK"
    path = tmp_path / "got.docx"
    path.write_bytes(got.content)
    assert any("Tuyên Quang" in p.text for p in Document(str(path)).paragraphs)


def test_the_detail_level_chooses_the_length_and_lists_what_was_left_out(client, tmp_path):
    """Issue 20 on the page: a standard draft lists what it left out, each text with a box to tick
    (its id only in the box's value, never shown); "Đầy đủ" prints them and leaves nothing out."""
    standard = submit(client, detail="standard")
    assert standard.status_code == 200 and 'id="optional"' in standard.text and "add_optional" not in standard.text
    left_out = re.findall(r'<input type="checkbox" name="keep" value="([^"]+)">', standard.text)
    assert left_out and all(re.fullmatch(r"(task:)?[a-z0-9][a-z0-9._-]*", i) for i in left_out)
    from tests.test_web_profiles import raw_codes

    assert raw_codes(standard) == []  # no key, id or code in what a person reads (issue 23)
    short = docx_words(client, standard, tmp_path)
    full = submit(client, detail="full", force="on")
    assert full.status_code == 200 and 'id="optional"' not in full.text
    assert docx_words(client, full, tmp_path) > short


def docx_words(client, page, tmp_path) -> int:
    path = tmp_path / "d.docx"
    path.write_bytes(client.get(re.search(r'id="download" href="([^"]+)"', page.text)[1]).content)
    return sum(len(p.text.split()) for p in Document(str(path)).paragraphs)


def keep_form(page) -> dict:
    """The result page's "soạn lại, giữ nội dung đã chọn" form: its hidden fields and boxes."""
    form = page.text.split('id="keep-form"')[1].split("</form>")[0]
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    return {**hidden, "keep": re.findall(r'name="keep" value="([^"]+)"', form)}


def test_ticked_texts_are_kept_in_the_redraft(client, tmp_path):
    """A person keeps two left-out texts by ticking them: the redraft has their words, is longer,
    and no longer lists them; nothing is typed."""
    first = submit(client, detail="standard")
    form = keep_form(first)
    chosen = form.pop("keep")[:2]
    texts = dict(re.findall(r'name="keep" value="([^"]+)"> ([^<]+)</label>', first.text))
    before = docx_words(client, first, tmp_path)
    again = finished(client, client.post("/draft", data={**form, "keep": chosen}))
    assert again.status_code == 200 and "Đã soạn xong" in again.text
    assert again.url.path != first.url.path
    still = keep_form(again)["keep"]
    assert not set(chosen) & set(still) and len(still) == len(keep_form(first)["keep"]) - 2
    assert docx_words(client, again, tmp_path) > before
    path = tmp_path / "kept.docx"
    path.write_bytes(client.get(re.search(r'id="download" href="([^"]+)"', again.text)[1]).content)
    body = " ".join(p.text for p in Document(str(path)).paragraphs)
    assert all(texts[c].strip().rstrip(";.")[:60] in body for c in chosen)


def test_a_form_without_the_token_is_refused(client):
    client.get("/")
    refused = client.post("/draft", data={"csrf": "forged", "profile": "dak-lak-2026", "kind": "nq47", "year": "2027"})
    assert refused.status_code == 403 and "tải lại trang" in refused.text


@pytest.mark.parametrize("fields, words", [
    ({"profile": "../../etc/passwd"}, "Chọn một hồ sơ tỉnh"),
    ({"profile": "/work/main/profiles/dak-lak-2026.yaml"}, "Chọn một hồ sơ tỉnh"),
    ({"kind": "../kinds/x"}, "Loại kế hoạch"),
    ({"year": "abc"}, "không phải số"),
    ({"date": "2027-02-30"}, "Ngày ban hành: ngày 30/02/2027 không có: tháng 2 năm 2027 có 28 ngày"),
    ({"date": "5/1/2027"}, "không phải ngày dạng YYYY-MM-DD"),
    ({"kind": "nq47", "year": "2031", "date": ""}, "2030"),
    ({"detail": "everything"}, "chỉ nhận brief, standard, full"),
])
def test_bad_input_is_a_message_on_the_form(client, fields, words):
    page = submit(client, **fields)
    assert page.status_code == 400 and words in page.text and 'class="error"' in page.text
    assert "Traceback" not in page.text


def test_an_edited_draft_is_not_overwritten_without_confirmation(client, tmp_path):
    assert submit(client).status_code == 200
    target = tmp_path / "out" / "dak-lak-2026" / "nq47-2027.docx"
    document = Document(str(target))
    document.add_paragraph("Người rà soát đã sửa.")
    document.save(str(target))
    again = submit(client)
    assert again.status_code == 400 and "đã bị sửa" in again.text, again.text[-800:]
    assert "Người rà soát đã sửa." in "\n".join(p.text for p in Document(str(target)).paragraphs)
    forced = submit(client, force="on")
    assert forced.status_code == 200 and "sao lưu" in forced.text


@pytest.mark.parametrize("path", ["/files/dak-lak/..%2F..%2Fsecret.docx", "/files/dak-lak/nq47-2027.docx.bak",
                                  "/files/..%2F/nq47-2027.docx", "/files/dak-lak/missing-2027.docx"])
def test_downloads_are_names_inside_the_output_folder(client, tmp_path, path):
    (tmp_path / "secret.docx").write_bytes(b"PK secret")
    assert client.get(path).status_code == 404


def user_folder(tmp_path):
    """A user's own profiles folder holding tuyen-quang-2027, and a server that offers it."""
    mine = user_profiles(tmp_path)
    return mine, web_client(Settings(out_dir=tmp_path / "out", profiles_dir=mine))


def test_a_user_profiles_folder_is_offered(tmp_path):
    mine, client = user_folder(tmp_path)
    assert 'value="tuyen-quang-2027"' in client.get("/").text
    assert submit(client, profile="tuyen-quang-2027").status_code == 200


def upload(client, name: str, data: bytes):
    csrf = token(client.get("/review"))
    return client.post("/review", data={"csrf": csrf}, files={"file": (name, data, "application/octet-stream")})


@pytest.mark.slow
def test_review_checks_an_uploaded_plan(client, tmp_path):
    assert submit(client).status_code == 200
    data = client.get("/files/dak-lak-2026/nq47-2027.docx").content
    report = upload(client, "ban-da-sua.docx", data)
    assert report.status_code == 200 and "Kết quả kiểm tra: ban-da-sua.docx" in report.text
    assert "0 lỗi" in report.text
    document = Document(str(tmp_path / "out" / "dak-lak-2026" / "nq47-2027.docx"))
    document.sections[0].left_margin = 0  # a reviewer's slip: the margin gone
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    flagged = upload(client, "edited.docx", edited.read_bytes())
    assert flagged.status_code == 200 and "<h3>LỖI (" in flagged.text and "lề trái 0.0 mm, cần 30-35 mm" in flagged.text


@pytest.mark.slow
def test_review_offers_the_commented_and_the_fixed_copies(client, tmp_path):
    import io

    assert submit(client).status_code == 200
    document = Document(str(tmp_path / "out" / "dak-lak-2026" / "nq47-2027.docx"))
    document.sections[0].left_margin = 0
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    page = upload(client, "edited.docx", edited.read_bytes())
    links = dict(re.findall(r'id="(commented|fixed)" class="button" href="(/files/[^"]+)"', page.text))
    assert set(links) == {"commented", "fixed"} and "lỗi: 1 → 0" in page.text
    commented = Document(io.BytesIO(client.get(links["commented"]).content))
    assert any("G3" in c.text and c.author == "drafter" for c in commented.comments)
    fixed = Document(io.BytesIO(client.get(links["fixed"]).content))
    assert round(fixed.sections[0].left_margin.mm) == 30
    assert next(fixed.element.body.iter(qn("w:sectPrChange")), None) is not None


@pytest.mark.parametrize("name, data, words", [
    ("notes.docx", b"just text", "DOCX"),
    ("empty.docx", b"", "DOCX"),
    ("../../etc/passwd", b"PK\x03\x04broken", "DOCX"),
])
def test_an_upload_that_is_not_a_docx_is_a_message_and_the_server_goes_on(client, name, data, words):
    page = upload(client, name, data)
    assert page.status_code == 400 and words in page.text and "Traceback" not in page.text
    assert client.get("/").status_code == 200


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, monkeypatch):
    from drafter.web import review_pages

    monkeypatch.setattr(review_pages, "REQUEST_LIMIT", 2**16)  # the check is on the declared size, not the limit
    csrf = token(client.get("/review"))
    page = client.post("/review", data={"csrf": csrf},
                       files={"file": ("big.docx", b"0" * (2**16 + 10), "application/octet-stream")})
    assert page.status_code == 413 and "20 MB" in page.text


def test_one_file_over_the_limit_is_refused_by_name(client):
    from drafter.web import review_pages

    csrf = token(client.get("/review"))
    page = client.post("/review", data={"csrf": csrf},
                       files={"file": ("big.docx", b"0" * (review_pages.UPLOAD_LIMIT + 10), "application/octet-stream")})
    assert page.status_code == 400 and "big.docx: tệp lớn hơn 20 MB" in page.text


@pytest.mark.slow
def test_review_carries_the_edits_forward_into_next_year(tmp_path):
    mine, client = user_folder(tmp_path)
    assert submit(client, profile="tuyen-quang-2027", kind="annual").status_code == 200
    target = tmp_path / "out" / "tuyen-quang-2027" / "annual-2027.docx"
    edited = reviewer_rewrites_first_aim(target, "- Câu mục tiêu do người rà soát viết lại.", tmp_path / "edited.docx")
    csrf = token(client.get("/review"))
    page = client.post("/review", data={"csrf": csrf, "harvest": "on"},
                       files={"file": ("edited.docx", edited.read_bytes(), "application/octet-stream")})
    assert page.status_code == 200 and 'id="harvested"' in page.text and "tuyen-quang-2027.yaml" in page.text
    assert (mine / "overrides" / "tuyen-quang-2027.yaml").is_file()
    next_year = submit(client, profile="tuyen-quang-2027", kind="annual", year="2028", date="")
    assert next_year.status_code == 200 and "Câu mục tiêu do người rà soát viết lại." in next_year.text


def test_notices_name_the_fields_of_the_page_not_the_cli_flags(client):
    page = submit(client, date="", bases="Căn cứ Văn bản thử nghiệm của Ủy ban nhân dân tỉnh;")
    assert page.status_code == 200
    assert "điền vào ô «Ngày ban hành»" in page.text and "--date" not in page.text
    assert "Căn cứ Văn bản thử nghiệm của Ủy ban nhân dân tỉnh" in page.text
    wrong = submit(client, year="2027", date="2030-01-01")
    assert wrong.status_code == 400 and "Ngày ban hành 2030-01-01 không khớp với năm kế hoạch 2027" in wrong.text


@pytest.mark.slow
def test_review_compares_with_another_plan_and_offers_the_tracked_copy(client, tmp_path):
    assert submit(client).status_code == 200
    original = (tmp_path / "out" / "dak-lak-2026" / "nq47-2027.docx").read_bytes()
    document = Document(str(tmp_path / "out" / "dak-lak-2026" / "nq47-2027.docx"))
    target = next(p for p in document.paragraphs if len(p.text) > 80 and p.text.startswith("-"))
    target.runs[0].text = "- Một câu người rà soát thêm vào. " + target.runs[0].text.lstrip("- ")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    links = []
    for _ in range(2):
        csrf = token(client.get("/review"))
        page = client.post("/review", data={"csrf": csrf}, files={
            "file": ("edited.docx", edited.read_bytes(), "application/octet-stream"),
            "compare": ("original.docx", original, "application/octet-stream")})
        assert page.status_code == 200 and "So với original.docx: 1 khác biệt" in page.text
        assert "<ins>Một câu người rà soát thêm vào.</ins>" in page.text
        links.append(re.search(r'id="tracked" href="([^"]+)"', page.text)[1])
    assert links[0] != links[1]  # each comparison its own file: none replaced
    copy = client.get(links[0])
    assert copy.status_code == 200 and copy.content[:2] == b"PK"
    saved = tmp_path / "tracked.docx"
    saved.write_bytes(copy.content)
    assert Document(str(saved)).element.body.xpath(".//w:ins")


@pytest.mark.parametrize("name, ok", [
    ("dak-lak/nq47-2027.docx", True), ("dak-lak/nq47-2027.pdf", True), ("dak-lak/nq47-2027-3.png", True),
    ("so-sanh/" + "a" * 32 + ".docx", True), ("dak-lak/../x.docx", False), ("dak-lak/nq47-2027.png", False),
    ("/etc/passwd", False), ("dak-lak/nq47-2027.docx.exe", False), ("so-sanh/" + "g" * 32 + ".docx", False),
])
def test_only_names_the_server_hands_out_are_downloads(name, ok):
    from drafter.web.security import output_name

    assert (output_name(name) is not None) is ok


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftoppm"), reason="LibreOffice/poppler missing")
def test_a_draft_with_previews_shows_its_pages_and_offers_the_pdf(client):
    page = submit(client, preview="on")
    assert page.status_code == 200 and 'id="pages"' in page.text
    pages = re.findall(r'<img class="page" src="([^"]+)"', page.text)
    assert len(pages) >= 3 and pages[0] == "/files/dak-lak-2026/nq47-2027-1.png"
    image = client.get(pages[0])
    assert image.status_code == 200 and image.headers["content-type"] == "image/png" and image.content[:4] == b"\x89PNG"
    pdf = client.get(re.search(r'id="pdf" href="([^"]+)"', page.text)[1])
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


@pytest.mark.slow
def test_edits_of_a_bundled_profile_go_to_the_pages_profiles_folder(tmp_path):
    """The page's --profiles folder holds the reviewers' edits of a bundled profile, never the
    folder drafter was installed in."""
    from drafter.resources import profiles_dir
    from tests.test_nothing_lost import tree_hash

    bundled_before = tree_hash(profiles_dir())
    mine, client = user_folder(tmp_path)
    assert submit(client, profile="phu-tho-2026", kind="annual", date="").status_code == 200
    target = tmp_path / "out" / "phu-tho-2026" / "annual-2027.docx"
    edited = reviewer_rewrites_first_aim(target, "- Câu mục tiêu do người rà soát viết lại.", tmp_path / "edited.docx")
    csrf = token(client.get("/review"))
    page = client.post("/review", data={"csrf": csrf, "harvest": "on"},
                       files={"file": ("edited.docx", edited.read_bytes(), "application/octet-stream")})
    assert page.status_code == 200 and 'id="harvested"' in page.text, page.text[-2000:]
    assert (mine / "overrides" / "phu-tho-2026.yaml").is_file()
    assert tree_hash(profiles_dir()) == bundled_before
    next_year = submit(client, profile="phu-tho-2026", kind="annual", year="2028", date="")
    assert "Đã áp dụng 1/1" in next_year.text


@pytest.mark.slow
def test_ticked_texts_saved_in_the_users_profile_are_kept_next_time(tmp_path):
    """"Ghi vào hồ sơ": the ticked ids go into the user's profile (tasks: add_optional, the file's
    other lines untouched), so a later draft keeps them without ticking; a shipped profile offers no
    such box."""
    mine = user_profiles(tmp_path)
    site = web_client(Settings(out_dir=tmp_path / "out", profiles_dir=mine))
    before = (mine / "tuyen-quang-2027.yaml").read_text(encoding="utf-8")
    first = submit(site, profile="tuyen-quang-2027")
    assert 'id="save-keep"' in first.text
    form = keep_form(first)
    chosen = form.pop("keep")[:3]
    again = finished(site, site.post("/draft", data={**form, "keep": chosen, "save_keep": "on"}))
    assert "Đã ghi 3 nội dung được giữ vào hồ sơ tuyen-quang-2027" in again.text
    after = (mine / "tuyen-quang-2027.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.split("\ntasks:")[0].split("\n#")[0])
    assert yaml.safe_load(after)["tasks"]["add_optional"] == sorted(chosen)
    later = submit(site, profile="tuyen-quang-2027", force="on")
    assert not set(chosen) & set(keep_form(later)["keep"])
    shipped = submit(site, profile="dak-lak-2026")
    assert 'id="save-keep"' not in shipped.text


@pytest.mark.parametrize("profile", ["cao-bang-2026", "tuyen-quang-2026", "ho-chi-minh-2026"])
def test_drafting_notices_name_the_form_not_the_profiles_keys(profile):
    """Issue 23: a notice says where on the profile form to fix something (the field's label, its
    row and section), never a key ("reporting.annual_deadline", "agencies.foreign_affairs") or a
    confidence code."""
    from drafter.web import labels
    from drafter.web.profile_pages import profile_fields
    from tests.test_web_profiles import RAW

    draft = build_draft_for(profile)
    said = [for_page(labels.notice_for_page(n, profile_fields())) for n in draft.notices]
    raw = {n: RAW.findall(n) for n in said if RAW.search(n)}
    assert raw == {}
    assert any("«" in n and "trong hồ sơ" in n for n in said)


def build_draft_for(profile: str, kind: str = "annual"):
    from drafter.api import build_plan
    from drafter.inputs.catalogue import bundled
    from drafter.inputs.profile import load_profile

    return build_plan(load_profile(REPO / "profiles" / f"{profile}.yaml", bundled()), kind=kind, year=2027)[1]


def test_a_profile_error_met_while_drafting_names_the_form_field(tmp_path):
    """Issue 23: a user's profile with a deadline no calendar has (31/02) stops the draft with the
    field's place on the profile form, not the file's path and key."""
    from tests.test_web_profiles import raw_codes

    mine = user_profiles(tmp_path)
    path = mine / "tuyen-quang-2027.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "reporting: {annual_deadline: 31/02}\n", encoding="utf-8")
    site = web_client(Settings(out_dir=tmp_path / "out", profiles_dir=mine))
    page = submit(site, profile="tuyen-quang-2027", kind="annual")
    assert page.status_code == 400
    error = re.search(r'class="error" role="alert">(.*?)</p>', page.text, re.S)[1]
    assert "«Hạn báo cáo kết quả năm» (mục «Thời hạn báo cáo»): «31/02»: không có ngày 31 tháng 2" in error
    assert "Hồ sơ tỉnh" in error and str(mine) not in page.text and raw_codes(page) == []
