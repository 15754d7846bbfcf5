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
