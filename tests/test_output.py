"""Writes are atomic and never leave a partial file."""

import pytest

from drafter import output


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "a" / "plan.docx"
    output.atomic_write(target, b"one")
    output.atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["plan.docx"]


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        output.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


def test_damaged_manifest_treats_files_as_edited(tmp_path):
    (tmp_path / output.MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    (tmp_path / "plan.docx").write_bytes(b"x")
    manifest = output.Manifest.read(tmp_path)
    with pytest.raises(output.OutputError):
        output.guard_target(tmp_path / "plan.docx", manifest, force=False)


def test_output_path_that_is_a_directory(tmp_path):
    (tmp_path / "plan.docx").mkdir()
    with pytest.raises(output.OutputError, match="là một thư mục"):
        output.atomic_write(tmp_path / "plan.docx", b"x")


def test_full_disk_is_a_clear_message_and_keeps_the_old_file(tmp_path, monkeypatch):
    import errno

    target = tmp_path / "plan.docx"
    target.write_bytes(b"old")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(output.OutputError, match="ổ đĩa đã đầy"):
        output.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


def test_two_runs_writing_the_same_plan_at_once(tmp_path):
    """Both succeed one after the other; the file is whole and the manifest knows it."""
    import json
    import threading

    from docx import Document

    from drafter import api

    results, errors = [], []

    def run():
        try:
            results.append(api.draft_plan("phu-tho-2026", year=2027, out_dir=tmp_path))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 3
    path = results[0].path
    Document(str(path))  # opens: not a partial file
    manifest = json.loads((path.parent / output.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["files"][path.name]["sha256"] == output.sha256_bytes(path.read_bytes())
    assert not [p for p in path.parent.iterdir() if p.suffix == ".tmp"]


def test_lock_held_too_long_gives_a_message(tmp_path):
    with output.folder_lock(tmp_path):
        with pytest.raises(output.OutputError, match="một lần chạy drafter khác đang ghi"):
            with output.folder_lock(tmp_path, timeout=0.2):
                pass
