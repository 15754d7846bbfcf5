"""The command line, in-process with typer's CliRunner: exit codes, messages, the printed path."""

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import BUNDLED_IDS

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def test_draft_default_profile_from_any_directory(tmp_path, monkeypatch):
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("draft")
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last == str(Path("outputs") / "dak-lak-2026" / f"nq47-{__import__('datetime').date.today().year}.docx")
    assert (elsewhere / last).is_file()
    assert "Lưu ý:" in result.stderr and "họ tên người ký" in result.stderr


def test_draft_with_year_date_and_out(tmp_path):
    result = invoke("draft", "lam-dong-2024", "--year", "2024", "--date", "2024-06-13", "--out", str(tmp_path))
    assert result.exit_code == 0
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path == tmp_path / "lam-dong-2024" / "nq47-2024.docx" and path.is_file()
    manifest = (tmp_path / "lam-dong-2024" / ".drafter-manifest.json").read_text(encoding="utf-8")
    for key in ('"sha256"', '"catalogue"', '"template"', '"drafter"', '"written"', '"profile"'):
        assert key in manifest


def test_regenerating_an_untouched_output_is_allowed(tmp_path):
    args = ("draft", "phu-tho-2026", "--year", "2027", "--out", str(tmp_path))
    assert invoke(*args).exit_code == 0
    assert invoke(*args).exit_code == 0


def test_edited_output_is_refused_then_backed_up_with_force(tmp_path):
    args = ("draft", "phu-tho-2026", "--year", "2027", "--out", str(tmp_path))
    path = Path(invoke(*args).stdout.strip().splitlines()[-1])
    path.write_bytes(path.read_bytes() + b"reviewer edit")
    edited = path.read_bytes()
    refused = invoke(*args)
    assert refused.exit_code == 1
    assert "đã bị sửa sau lần drafter ghi gần nhất" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.output
    assert path.read_bytes() == edited
    forced = invoke(*args, "--force")
    assert forced.exit_code == 0
    backups = list(path.parent.glob("nq47-2027.backup-*.docx"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert "sao lưu" in forced.stderr


def test_file_drafter_never_wrote_is_refused(tmp_path):
    target = tmp_path / "phu-tho-2026" / "nq47-2027.docx"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"someone's plan")
    result = invoke("draft", "phu-tho-2026", "--year", "2027", "--out", str(tmp_path))
    assert result.exit_code == 1 and "không do drafter ghi" in result.stderr
    assert target.read_bytes() == b"someone's plan"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("draft", "khong-co-tinh"), 1, "không tìm thấy hồ sơ"),
        (("draft", "phu-tho-2026", "--kind", "nq99"), 2, "--kind 'nq99': loại kế hoạch không có"),
        (("draft", "phu-tho-2026", "--date", "2027-02-30"), 2,
         "'--date': ngày 30/02/2027 không có: tháng 2 năm 2027 có 28 ngày"),
        (("draft", "phu-tho-2026", "--date", "27/02/2027"), 2, "'27/02/2027' không phải ngày dạng YYYY-MM-DD"),
        (("docs", "--on", "2026-04-31"), 2, "'--on': ngày 31/4/2026 không có: tháng 4 năm 2026 có 30 ngày"),
        (("check", "--date", "2026-00-10", "x.docx"), 2, "ngày 10/00/2026 không có: tháng phải từ 1 đến 12"),
        (("draft", "phu-tho-2026", "--year", "2027", "--date", "2020-01-01"), 1, "không khớp với --year 2027"),
        (("draft", "phu-tho-2026", "--year", "abc"), 2, ""),
        (("draft", "--bogus"), 2, ""),
        (("tasks", "--group", "g9"), 2, "--group 'g9' không có"),
        (("tasks", "--role", "ttdn_leed"), 2, "có phải ý bạn là `ttdn_lead`?"),
        (("check", "--rules", "nd99", "x.docx"), 2, "--rules 'nd99': không có bộ quy tắc này"),
        (("harvest", "khong-co.docx"), 2, "không tìm thấy tệp"),
    ],
)
def test_errors_exit_codes_and_no_traceback(tmp_path, args, code, message):
    result = invoke(*args, *(("--out", str(tmp_path)) if args[0] == "draft" and "--bogus" not in args else ()))
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_invalid_profile_reports_every_problem(tmp_path, profile_file, minimal_profile):
    minimal_profile["agencies"]["ttdn_leed"] = minimal_profile["agencies"].pop("ttdn_lead")
    minimal_profile["province"]["level"] = "xã"
    path = profile_file(minimal_profile)
    result = invoke("draft", str(path), "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "province.level: giá trị 'xã' không hợp lệ" in result.stderr
    assert "Traceback" not in result.output
    validated = invoke("validate", str(path), "phu-tho-2026")
    assert validated.exit_code == 1
    errors, confirmed = validated.stderr.strip().splitlines(), validated.stdout.strip().splitlines()
    assert any(line.startswith(f"{path}:") and "province.level" in line for line in errors)
    assert any("phu-tho-2026.yaml: hợp lệ" in line for line in confirmed)
    assert not any("province.level" in line for line in confirmed)  # errors go to stderr, as the README says


def test_validate_bundled_profiles():
    result = invoke("validate", "lam-dong-2024", "nghe-an-2023", "dak-lak-2026", "phu-tho-2026")
    assert result.exit_code == 0
    assert result.stdout.count("hợp lệ") == 4


def test_profiles_lists_bundled():
    result = invoke("profiles")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "Hồ sơ hiện hành (34 tỉnh, thành phố từ 01/7/2025):"
    current = lines[1:lines.index(next(x for x in lines if x.startswith("Hồ sơ trước")))]
    assert len(current) == 34 and len({r.split()[0] for r in current}) == 34
    assert any("Thành phố Hồ Chí Minh" in r for r in current)  # NĐ 30 Phụ lục II: capital T
    assert any(r.strip().startswith("lam-dong-2024") and "tỉnh Lâm Đồng" in r and "2024-06-13" in r for r in lines)


def test_new_profile_is_valid_as_written_and_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "Tuyên Quang", "--year", "2027")
    assert result.exit_code == 0, result.output
    path = tmp_path / "profiles" / "tuyen-quang-2027.yaml"
    assert result.stdout.strip() == str(Path("profiles") / "tuyen-quang-2027.yaml") and path.is_file()
    text = path.read_text(encoding="utf-8")
    assert "id: tuyen-quang-2027" in text and "province: tuyen-quang" in text and "# " in text
    assert invoke("validate", str(path)).exit_code == 0
    drafted = invoke("draft", str(path), "--kind", "annual", "--year", "2027", "--out", str(tmp_path / "out"))
    assert drafted.exit_code == 0 and "tuyen-quang-2027/annual-2027.docx" in drafted.stdout
    again = invoke("new", "tuyen quang", "--year", "2027")
    assert again.exit_code == 1 and "không ghi đè" in again.output
    typo = invoke("new", "Tuyen Quan")
    assert typo.exit_code == 1 and "tuyen-quang" in typo.output


def test_a_province_is_found_by_its_name(tmp_path):
    result = invoke("draft", "Hồ Chí Minh", "--year", "2027", "--out", str(tmp_path))
    assert result.exit_code == 0 and result.stdout.strip().endswith("ho-chi-minh-2026/nq47-2027.docx")


def test_roles_lists_every_role_with_its_meaning():
    result = invoke("roles")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("ttdn_lead") and "bắt buộc" in line for line in lines)
    assert any(line.startswith("radio_tv") and "newspaper" in line for line in lines)
    assert len(lines) >= 30


def task_ids(output: str) -> list[str]:
    """The id of each task in `drafter tasks` output: its first line, "g4.x · Hằng năm · chủ trì: …"."""
    return [block.split(" · ")[0] for block in output.strip().split("\n\n")[1:]]


def test_tasks_filters():
    everything = task_ids(invoke("tasks").stdout)
    police = task_ids(invoke("tasks", "--role", "police").stdout)
    group = task_ids(invoke("tasks", "--group", "g4").stdout)
    assert 0 < len(police) < len(everything) == 54
    assert set(police) >= {"g4.rapid-response", "g4.sovereignty"}
    assert group and all(ident.startswith("g4.") for ident in group)


def test_tasks_are_worded_as_a_draft_prints_them_in_80_columns():
    result = runner.invoke(app, ["tasks"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("54 nhiệm vụ, lời văn như bản soạn cho tỉnh Đắk Lắk (hồ sơ dak-lak-2026)")
    assert "{" not in out and "}" not in out  # no raw placeholders such as {so:qd1079-2022}
    assert "Quyết định số 1079/QĐ-TTg" in " ".join(out.split()) and "chủ trì: Sở Văn hóa, Thể thao và Du lịch" in out
    from drafter.inputs.catalogue import bundled

    leads = " ".join(" ".join(block.split()).split(" · chủ trì: ")[1] for block in out.strip().split("\n\n")[1:])
    assert not [key for key in bundled().roles if key in leads]  # agency names, not role keys
    assert max(len(line) for line in out.splitlines()) <= 80


def test_tasks_for_another_profile_say_which_tasks_are_not_for_it():
    out = invoke("tasks", "--profile", "phu-tho-2026", "--group", "g3").stdout
    assert "cho tỉnh Phú Thọ (hồ sơ phu-tho-2026)" in out
    assert "[chỉ cho tỉnh có biên giới đất liền; tỉnh Phú Thọ không thuộc diện này]" in out.replace("\n    ", " ")


def test_every_profile_fills_every_task_text():
    from drafter import api
    from drafter.inputs.profile import bundled_profiles

    for path in bundled_profiles():
        for line in api.list_tasks(path).lines:
            assert not {"{", "}", "[["} & set(line.text), (path.stem, line.id, line.text)
            assert line.leads and all(lead[:1].isupper() for lead in line.leads), (path.stem, line.id)


def test_no_arguments_shows_the_help_and_no_empty_error():
    result = runner.invoke(app, [], env={"COLUMNS": "120"})
    assert result.exit_code == 2
    assert "Cách dùng: drafter" in result.stdout and "draft" in result.stdout
    assert "Lỗi" not in result.output and "╭" not in result.stderr and result.stderr.strip() == ""


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("drafter ")


def test_unwritable_output_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke("draft", "phu-tho-2026", "--out", str(blocker))
    assert result.exit_code == 1
    assert "không tạo được thư mục đầu ra" in result.stderr and "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_output_directory(tmp_path):  # pragma: no cover - CI runs as root
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    result = invoke("draft", "phu-tho-2026", "--out", str(ro))
    assert result.exit_code == 1


def test_draft_many_profiles_with_summary(tmp_path):
    """A batch (here the sampled profiles; every one is drafted in tests/test_all_provinces.py)."""
    profiles = [str(Path(__file__).parents[1] / "profiles" / f"{pid}.yaml") for pid in BUNDLED_IDS]
    result = invoke("draft", *profiles, str(tmp_path / "missing.yaml"), "--kind", "annual", "--year", "2027",
                    "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    paths = result.stdout.strip().splitlines()
    assert len(paths) == len(profiles) and all(Path(p).is_file() for p in paths)
    assert f"Đã soạn {len(profiles)}/{len(profiles) + 1} kế hoạch" in result.stderr
    assert "missing.yaml" in result.stderr and "Traceback" not in result.output


ENGLISH = ("Show this message", "Usage:", "Options", "Arguments", "Commands", "<str>", "<path>", "<int>",
           "[OPTIONS]", "COMMAND", "Invalid value", "Missing argument", "No such option", "Try ", "Error",
           "--overrides-on", "--no-force")


@pytest.mark.parametrize("command", ["", "draft", "harvest", "diff", "preview", "validate", "profiles", "tasks",
                                     "docs", "check", "new", "roles", "serve"])
def test_help_is_vietnamese(command):
    result = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    found = [word for word in ENGLISH if word in result.output]
    assert not found, (found, result.output)
    assert "Cách dùng:" in result.output and "Hiện hướng dẫn này rồi thoát." in result.output


@pytest.mark.parametrize("args, words", [
    (["draft", "--year", "abc"], "'abc' không phải số nguyên"),
    (["draft", "--nope"], "không có tùy chọn --nope"),
    (["diff"], "thiếu đối số CŨ"),
    (["khong-co"], "không có lệnh khong-co"),
    (["drafte"], "không có lệnh drafte; có phải: draft?"),  # click adds "Did you mean" for a near name
    (["draft", "a", "--kind"], "tùy chọn --kind cần một giá trị"),
])
def test_usage_errors_are_vietnamese_with_exit_2(args, words):
    result = runner.invoke(app, args, env={"COLUMNS": "120"})
    assert result.exit_code == 2
    assert words in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


#: A failing run of every command: its message goes to stderr and nothing to stdout, so a script that
#: reads stdout (the paths, the findings) never reads an error as a result.
FAILING = {
    "draft": ["draft", "khong-co-tinh"],
    "harvest": ["harvest", "khong-co.docx"],
    "diff": ["diff", "khong-co.docx", "cung-khong-co.docx"],
    "preview": ["preview", "khong-co.docx"],
    "validate": ["validate", "khong-co-tinh"],
    "check": ["check", "khong-co.docx"],
    "fix": ["fix", "khong-co.docx", "--out", "ra.docx"],
    "profiles": ["profiles", "thua"],
    "new": ["new", "Atlantis"],
    "roles": ["roles", "thua"],
    "tasks": ["tasks", "--role", "khong_co"],
    "docs": ["docs", "--profile", "khong-co-tinh"],
    "serve": ["serve", "--port", "99999"],
}


def test_every_command_has_a_failing_case():
    assert set(FAILING) == {c.name or c.callback.__name__ for c in app.registered_commands}


@pytest.mark.parametrize("name", sorted(FAILING))
def test_errors_go_to_stderr_for_every_command(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, FAILING[name], env={"COLUMNS": "200"})
    assert result.exit_code in (1, 2), result.output
    assert result.stdout == "" and result.stderr.strip(), (result.stdout, result.stderr)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_serve_refuses_a_port_out_of_range_in_vietnamese(port):
    result = runner.invoke(app, ["serve", "--port", port], env={"COLUMNS": "200"})
    assert result.exit_code == 2 and "cổng phải từ 1 đến 65535" in result.stderr
    assert "Traceback" not in result.output and "đang chạy" not in result.output


def test_serve_on_a_busy_port_says_so_before_claiming_to_run(monkeypatch):
    import socket

    from drafter.web import server

    started = []
    monkeypatch.setattr(server, "run", lambda app, sock: started.append(sock))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)], env={"COLUMNS": "200"})
    assert result.exit_code == 1 and not started
    assert f"không mở được trang ở 127.0.0.1:{port}: cổng đang được chương trình khác dùng" in result.stderr
    assert "đang chạy" not in result.output and "address already in use" not in result.output.lower()


def test_serve_binds_the_port_then_says_where_it_runs(monkeypatch, tmp_path):
    from drafter.web import server

    started = []
    monkeypatch.setattr(server, "run", lambda app, sock: (started.append(sock.getsockname()), sock.close()))
    with __import__("socket").socket() as probe:  # a port that is free now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = runner.invoke(app, ["serve", "--port", str(port), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert started == [("127.0.0.1", port)] and f"đang chạy ở http://127.0.0.1:{port}/" in result.stderr
