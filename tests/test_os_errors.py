"""Every operating-system error is said in Vietnamese (errors.os_reason), never with the OS's English
strerror: output folders, files read, converters, temporary folders, the web page and the checker."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter import output
from drafter.cli import app
from drafter.errors import OutputError, os_reason

runner = CliRunner()

ENGLISH = ("No such file", "Permission denied", "Read-only", "No space", "Is a directory", "Not a directory",
           "File exists", "Errno", "Operation not permitted")


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize("code, words", [
    (errno.ENOENT, "không tồn tại"),
    (errno.EACCES, "không có quyền ghi"),
    (errno.EPERM, "không có quyền ghi"),
    (errno.EROFS, "chỉ cho phép đọc"),
    (errno.ENOSPC, "ổ đĩa đã đầy"),
    (errno.EISDIR, "là thư mục"),
    (errno.ENOTDIR, "không phải thư mục"),
    (errno.EEXIST, "trùng tên"),
    (errno.ENAMETOOLONG, "quá dài"),
    (errno.EADDRINUSE, "cổng đang được chương trình khác dùng"),
])
def test_known_codes_have_a_vietnamese_reason(code, words):
    said = os_reason(OSError(code, os.strerror(code)))
    assert words in said and os.strerror(code) not in said


def test_the_action_names_the_missing_permission():
    assert os_reason(PermissionError(errno.EACCES, "Permission denied"), "đọc") == "không có quyền đọc"


@pytest.mark.parametrize("exc", [OSError(errno.ECHILD, os.strerror(errno.ECHILD)), OSError("bare message"),
                                 OSError(99999, "Unknown error 99999")])
def test_an_unlisted_code_falls_back_without_english(exc):
    said = os_reason(exc)
    assert said.startswith("lỗi hệ điều hành") and (exc.strerror or "bare message") not in said
    assert "ECHILD" in said or exc.errno != errno.ECHILD


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_output_folder_under_proc_is_said_in_vietnamese(tmp_path):
    result = runner.invoke(app, ["draft", "--out", "/proc/x"])
    assert result.exit_code == 1
    assert "không tạo được thư mục đầu ra (thư mục hoặc tệp không tồn tại)" in result.stderr
    assert not english_in(result.output), result.output


def test_a_full_disk_while_writing_is_said_in_vietnamese(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    result = runner.invoke(app, ["draft", "phu-tho-2026", "--year", "2027", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "ổ đĩa đã đầy" in result.stderr and not english_in(result.output), result.output


def test_a_file_that_cannot_be_read_is_said_in_vietnamese(tmp_path, monkeypatch):
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"PK")
    real_open = open

    def refuse(path, *args, **kwargs):
        if str(path) == str(plan):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    result = runner.invoke(app, ["harvest", str(plan)])
    assert result.exit_code == 2
    assert "không đọc được tệp (không có quyền đọc)" in result.stderr and not english_in(result.output)


def test_no_temporary_folder_is_a_message(monkeypatch):
    def none(*args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "No usable temporary directory found in ['/tmp']")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", none)
    with pytest.raises(OutputError) as caught, output.scratch_folder("drafter-x-"):
        pass
    assert "không tạo được thư mục tạm" in str(caught.value) and not english_in(str(caught.value))


def test_a_failed_temporary_write_on_the_review_page_is_a_message(tmp_path, monkeypatch):
    from starlette.testclient import TestClient

    from drafter.web.app import Settings, create_app
    from drafter.web.jobs import Pool
    from tests.test_web import LOCAL, token

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    # the review runs in a worker process: forked, it carries this test's patch
    client = TestClient(create_app(Settings(out_dir=tmp_path / "out"), pool=Pool(method="fork")), base_url=LOCAL)
    csrf = token(client.get("/review"))
    monkeypatch.setattr(Path, "write_bytes", full)
    page = client.post("/review", data={"csrf": csrf}, files={"file": ("a.docx", b"PK", "application/octet-stream")})
    assert page.status_code == 400 and "ổ đĩa đã đầy" in page.text and not english_in(page.text)


def test_a_check_rule_that_hits_an_os_error_says_why_in_vietnamese(tmp_path, monkeypatch):
    from drafter.check import runner as check_runner

    def broken(model, params):
        raise PermissionError(errno.EACCES, "Permission denied")
        yield  # pragma: no cover

    plan = runner.invoke(app, ["draft", "phu-tho-2026", "--year", "2027", "--out", str(tmp_path)])
    path = Path(plan.stdout.strip().splitlines()[-1])
    rule = check_runner.load_ruleset("nd30_2020").rules[0]
    monkeypatch.setitem(check_runner.CHECKS, rule.check, broken)
    report = check_runner.check_document(path, ("nd30_2020",))
    said = [f.message for f in report.findings if f.rule == rule.id]
    assert said and all(m == "không kiểm tra được (không có quyền đọc)" for m in said), said
