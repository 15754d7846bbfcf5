"""Nothing a person made is lost, and nothing is written where they did not ask: two profiles in
one run never write one file, and reviewers' edits of a bundled profile go to the user's own
folder, never into the installed package (an upgrade would drop them)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.resources import profiles_dir
from tests.conftest import REPO, reviewer_rewrites_first_aim

runner = CliRunner()


def tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def test_two_profiles_of_one_province_write_two_files(tmp_path):
    result = runner.invoke(app, ["draft", "gia-lai-2023", "gia-lai-2026", "--kind", "annual", "--year", "2027",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.docx"))
    assert written == ["gia-lai-2023/annual-2027.docx", "gia-lai-2026/annual-2027.docx"]
    assert "Đã soạn 2/2" in result.stderr


def test_batch_prints_each_profiles_notices_under_its_name(tmp_path):
    result = runner.invoke(app, ["draft", "cao-bang-2026", "ha-noi-2026", "--kind", "annual", "--year", "2027",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    heads = [i for i, line in enumerate(lines) if " → " in line]
    assert [lines[i].split(" → ")[0] for i in heads] == ["cao-bang-2026", "ha-noi-2026"]
    between = lines[heads[0] + 1:heads[1]]
    assert between and all(line.startswith("  Lưu ý: ") for line in between)
    assert any("Cao Bằng" in line for line in between) and not any("Hà Nội" in line for line in between)


def test_two_files_with_one_id_are_refused_before_anything_is_written(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(profiles_dir() / "phu-tho-2026.yaml", mine / "phu-tho-2026.yaml")
    out = tmp_path / "out"
    result = runner.invoke(app, ["draft", "phu-tho-2026", str(mine / "phu-tho-2026.yaml"), "--out", str(out)])
    assert result.exit_code == 1
    assert "cùng id" in result.stderr and "chưa ghi tệp nào" in result.stderr
    assert not out.exists() or not list(out.rglob("*.docx"))


def test_one_profile_named_twice_is_drafted_once(tmp_path):
    result = runner.invoke(app, ["draft", "phu-tho-2026", str(profiles_dir() / "phu-tho-2026.yaml"),
                                 "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Đã soạn 1/1" in result.stderr


@pytest.mark.slow
def test_every_bundled_profile_in_one_run_writes_its_own_file(tmp_path):
    paths = sorted(profiles_dir().glob("*.yaml"))
    result = runner.invoke(app, ["draft", *map(str, paths), "--kind", "annual", "--year", "2027", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.rglob("*.docx"))) == len(paths)
    assert f"Đã soạn {len(paths)}/{len(paths)}" in result.stderr


def test_edits_of_a_bundled_profile_go_to_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bundled_before = tree_hash(profiles_dir())
    drafted = runner.invoke(app, ["draft", "phu-tho-2026", "--kind", "annual", "--year", "2027"])
    assert drafted.exit_code == 0, drafted.output
    plan = Path(drafted.stdout.strip().splitlines()[-1])
    edited = reviewer_rewrites_first_aim(plan, "- Câu mục tiêu người rà soát viết lại.", tmp_path / "sua.docx")
    harvested = runner.invoke(app, ["harvest", str(edited)])
    assert harvested.exit_code == 0, harvested.output
    assert harvested.stdout.strip().splitlines()[-1] == os.path.join("profiles", "overrides", "phu-tho-2026.yaml")
    assert (tmp_path / "profiles" / "overrides" / "phu-tho-2026.yaml").is_file()
    assert tree_hash(profiles_dir()) == bundled_before
    next_year = runner.invoke(app, ["draft", "phu-tho-2026", "--kind", "annual", "--year", "2028"])
    assert next_year.exit_code == 0 and "Đã áp dụng 1/1 sửa đổi" in next_year.stderr


@pytest.mark.slow
def test_a_normal_install_is_never_written_to(tmp_path):
    """Installed from a wheel (not editable): drafting, harvesting and drafting again leave the
    package folder byte for byte as installed."""
    wheel_dir, site = tmp_path / "wheel", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheel_dir), str(REPO)],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                    str(next(wheel_dir.glob("drafter-*.whl")))], check=True, capture_output=True)
    package = site / "drafter"
    before = tree_hash(package)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}

    def drafter(*args):
        return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=work, env=env, capture_output=True,
                              text=True, timeout=120)

    drafted = drafter("draft", "phu-tho-2026", "--kind", "annual", "--year", "2027")
    assert drafted.returncode == 0, drafted.stderr
    assert str(package) in subprocess.run([sys.executable, "-c", "import drafter; print(drafter.__file__)"],
                                          cwd=work, env=env, capture_output=True, text=True).stdout
    plan = work / drafted.stdout.strip().splitlines()[-1]
    reviewer_rewrites_first_aim(plan, "- Câu mục tiêu người rà soát viết lại.", work / "sua.docx")
    harvested = drafter("harvest", "sua.docx")
    assert harvested.returncode == 0, harvested.stderr
    assert (work / "profiles" / "overrides" / "phu-tho-2026.yaml").is_file()
    again = drafter("draft", "phu-tho-2026", "--kind", "annual", "--year", "2028")
    assert again.returncode == 0 and "Đã áp dụng 1/1" in again.stderr
    assert tree_hash(package) == before
