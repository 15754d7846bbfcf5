"""What the page refuses before any work (drafter/web/guard.py, security.py), and how it says so:
a foreign Host (DNS rebinding), a made-up or foreign-signed token, a form from another site, an
oversized or overfull form; every refusal and failure a Vietnamese page in the site's layout."""

from __future__ import annotations

import logging
import re
import socket
import time

import pytest

from drafter.web import app as web_app
from drafter.web import security
from drafter.web.app import Settings
from tests.conftest import served
from tests.test_web import LOCAL, token, web_client

ENGLISH = ("Not Found", "Method Not Allowed", "Internal Server Error", "Bad Request", "Forbidden",
           "Too many fields", "Traceback", "Payload Too Large")


@pytest.fixture
def client(tmp_path):
    return web_client(Settings(out_dir=tmp_path / "out"))


def draft_form(client, **fields) -> dict:
    return {"csrf": token(client.get("/")), "profile": "dak-lak-2026", "kind": "nq47", "year": "2027",
            "date": "2027-01-05", **fields}


def vietnamese_page(page, status: int) -> None:
    assert page.status_code == status, page.text[-500:]
    assert page.headers["content-type"].startswith("text/html") and 'lang="vi"' in page.text
    assert 'id="home" href="/"' in page.text and 'class="error"' in page.text
    assert not [w for w in ENGLISH if w in page.text]


@pytest.mark.parametrize("host", ["evil.example:8000", "evil.example", "127.0.0.1.evil.example:8000",
                                  "localhost.evil.example", "[::1", "127.0.0.1:80x", ""])
def test_a_foreign_host_is_refused_and_nothing_is_done(client, tmp_path, host):
    form = draft_form(client)
    for method, path, data in (("GET", "/", None), ("POST", "/draft", form), ("GET", "/profiles", None)):
        page = client.request(method, path, data=data, headers={"host": host})
        vietnamese_page(page, 400)
        assert "không phải của máy này" in page.text
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "127.0.0.1", "LOCALHOST:1"])
def test_loopback_hosts_are_answered(client, host):
    assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("served, host, ok", [
    ("drafter.lan", "drafter.lan:8000", True), ("drafter.lan", "evil.example:8000", False),
    ("192.168.1.5", "192.168.1.5:8000", True), ("192.168.1.5", "192.168.1.6:8000", False),
    ("0.0.0.0", "192.168.1.5:8000", True), ("0.0.0.0", "evil.example:8000", False), ("::", "[fe80::1]:80", True),
])
def test_the_host_given_to_serve_is_answered(tmp_path, served, host, ok):
    client = web_client(Settings(out_dir=tmp_path / "out", host=served))
    assert client.get("/", headers={"host": host}).status_code == (200 if ok else 400)


def test_serve_passes_its_host_to_the_page(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from drafter.cli import app
    from drafter.web import server

    seen = {}
    monkeypatch.setattr(server, "run", lambda page, sock: (seen.update(host=page.state.settings.host), sock.close()))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(app, ["serve", "--host", "127.0.0.1", "--port", str(port), "--out", str(tmp_path)])
    assert seen == {"host": "127.0.0.1"}, result.output


@pytest.mark.parametrize("cookie, field", [
    ("forged", "forged"),  # equal but made up by another page (before: accepted)
    ("abc.def", "abc.def"),
    ("", ""),
])
def test_a_made_up_token_is_refused(client, tmp_path, cookie, field):
    client.cookies.set(security.CSRF_COOKIE, cookie)
    page = client.post("/draft", data={**draft_form(client), "csrf": field})
    vietnamese_page(page, 403)
    assert "tải lại trang" in page.text and not (tmp_path / "out").exists()


def test_a_token_signed_by_another_server_is_refused(client, monkeypatch, tmp_path):
    monkeypatch.setattr(security, "_SECRET", b"another server's secret".ljust(32))
    foreign = security.new_token()
    monkeypatch.undo()
    assert security.signed(security.new_token()) and not security.signed(foreign)
    client.cookies.set(security.CSRF_COOKIE, foreign)
    assert client.post("/draft", data={**draft_form(client), "csrf": foreign}).status_code == 403


def test_a_page_replaces_a_token_it_did_not_sign(client):
    client.cookies.set(security.CSRF_COOKIE, "forged")
    page = client.get("/")
    assert token(page) != "forged" and security.signed(token(page))


@pytest.mark.parametrize("headers", [
    {"origin": "http://127.0.0.1:9999"},  # another port of the same machine: another site
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"referer": "http://127.0.0.1:9999/attack.html"},
    {"origin": "http://127.0.0.1:9999", "referer": LOCAL + "/"},
])
def test_a_form_from_another_site_is_refused(client, tmp_path, headers):
    page = client.post("/draft", data=draft_form(client), headers=headers)
    vietnamese_page(page, 403)
    assert "từ một trang khác" in page.text and not (tmp_path / "out").exists()


@pytest.mark.parametrize("headers", [{"origin": LOCAL}, {"referer": LOCAL + "/"}, {}])
def test_the_real_form_still_works(client, headers):
    from tests.test_web import finished

    page = finished(client, client.post("/draft", data=draft_form(client), headers=headers))
    assert page.status_code == 200 and 'id="download"' in page.text


def test_the_review_upload_checks_the_origin_too(client):
    csrf = token(client.get("/review"))
    page = client.post("/review", data={"csrf": csrf}, headers={"origin": "http://evil.example"},
                       files={"file": ("a.docx", b"PK", "application/octet-stream")})
    vietnamese_page(page, 403)


def test_an_unknown_page_is_a_vietnamese_404(client):
    page = client.get("/khong-co-trang-nay")
    vietnamese_page(page, 404)
    assert "Không có trang này" in page.text and "<nav>" in page.text


@pytest.mark.parametrize("path", ["/files/dak-lak/missing-2027.docx", "/draft/" + "x" * 22, "/draft/abc"])
def test_missing_files_and_jobs_are_vietnamese_404s(client, path):
    vietnamese_page(client.get(path), 404)


@pytest.mark.parametrize("method, path", [("GET", "/draft"), ("PUT", "/"), ("DELETE", "/profiles")])
def test_a_wrong_method_is_a_vietnamese_405(client, method, path):
    page = client.request(method, path, headers={"content-length": "0"})
    vietnamese_page(page, 405)


def test_an_unexpected_error_is_logged_and_a_vietnamese_500(tmp_path, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in drafter")

    monkeypatch.setattr(web_app, "_year_rule", broken)
    client = web_client(Settings(out_dir=tmp_path / "out"), raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR):
        page = client.get("/")
    vietnamese_page(page, 500)
    assert "a bug in drafter" not in page.text
    assert any(r.exc_info and "a bug in drafter" in str(r.exc_info[1]) for r in caplog.records)


def test_a_form_with_thousands_of_unknown_keys_is_refused_at_once(client, tmp_path):
    form = draft_form(client)
    form.update({f"x{i}": "1" for i in range(5000)})
    started = time.monotonic()
    page = client.post("/draft", data=form)
    assert time.monotonic() - started < 2
    vietnamese_page(page, 400)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("path", ["/draft", "/profiles/new", "/review"])
def test_an_oversized_body_is_refused_before_it_is_read(client, path):
    from drafter.web import guard

    form = draft_form(client)
    big = {**form, "bases": "x" * (guard.FORM_LIMIT + 1)}
    vietnamese_page(client.post(path, data=big), 413)


def test_a_body_without_its_size_is_refused(client):
    form = draft_form(client)
    page = client.post("/draft", content=iter([b"csrf=" + form["csrf"].encode()]),
                       headers={"content-type": "application/x-www-form-urlencoded"})
    vietnamese_page(page, 411)


def test_the_guards_upload_limit_leaves_room_for_the_review_page():
    from drafter.web import guard, review_pages

    assert review_pages.REQUEST_LIMIT < guard.BODY_LIMIT


def test_pages_may_not_be_framed(client):
    assert client.get("/").headers["x-frame-options"] == "DENY"


# --- a real server --------------------------------------------------------------------------------

@pytest.fixture
def live(tmp_path, caplog):
    """uvicorn on a free port, logging to the test (log_config=None) so a traceback would be seen."""
    from drafter.web.app import create_app

    with served(create_app(Settings(out_dir=tmp_path / "out")), log_config=None, log_level="info") as port:
        yield port


@pytest.mark.slow
def test_a_client_that_leaves_mid_upload_logs_no_traceback(live, caplog):
    import httpx

    base = f"http://127.0.0.1:{live}"
    with httpx.Client(base_url=base) as browser:
        csrf = token(browser.get("/review"))
        cookie = browser.cookies[security.CSRF_COOKIE]
    boundary = "xyz"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.docx\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + b"PK" + b"0" * 50_000
    caplog.set_level(logging.INFO)
    with socket.create_connection(("127.0.0.1", live)) as raw:
        raw.sendall((f"POST /review HTTP/1.1\r\nHost: 127.0.0.1:{live}\r\nOrigin: {base}\r\n"
                     f"Cookie: {security.CSRF_COOKIE}={cookie}\r\n"
                     f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                     f"Content-Length: {len(head) + 1_000_000}\r\n\r\n").encode() + head)
        time.sleep(0.5)
    time.sleep(1.0)
    with httpx.Client(base_url=base) as after:
        assert after.get("/").status_code == 200  # the server goes on
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()
                or "Exception in ASGI" in r.getMessage()]
    assert re.search("ngắt kết nối", caplog.text)
