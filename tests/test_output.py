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


# --- issue 11: contained, consistent, small -------------------------------------------------------


def _draft(tmp_path, **kwargs):
    import datetime as dt

    from drafter import api

    return api.draft_plan("phu-tho-2026", year=2027, date=dt.date(2027, 1, 15), out_dir=tmp_path / "out", **kwargs)


def test_outputs_follow_the_umask_and_keep_a_replaced_files_mode(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        first = _draft(tmp_path).path
        assert stat.S_IMODE(first.stat().st_mode) == 0o644  # not mkstemp's 0600
        first.chmod(0o640)
        again = _draft(tmp_path).path
        assert stat.S_IMODE(again.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_symlinked_lock_or_target_is_refused_and_nothing_is_written_through_it(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "out" / "phu-tho-2026"
    folder.mkdir(parents=True)
    (folder / output.LOCK_NAME).symlink_to(outside / "lock")
    with pytest.raises(output.OutputError, match="liên kết"):
        _draft(tmp_path)
    (folder / output.LOCK_NAME).unlink()
    (folder / "nq47-2027.docx").symlink_to(outside / "plan.docx")
    with pytest.raises(output.OutputError, match="liên kết"):
        _draft(tmp_path)
    assert list(outside.iterdir()) == []


def test_backup_never_goes_through_a_link(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"edited by a person")
    outside = tmp_path / "outside.docx"

    monkeypatch.setattr(output, "_stamp", lambda: "20270101-080000")  # a predictable name, pre-empted by a link
    (tmp_path / "plan.backup-20270101-080000.docx").symlink_to(outside)
    backup = output.guard_target(target, output.Manifest(tmp_path / output.MANIFEST_NAME, {}), force=True)
    assert backup.name == "plan.backup-20270101-080000-2.docx" and backup.read_bytes() == b"edited by a person"
    assert not outside.exists()


def test_backup_on_a_full_disk_leaves_nothing_half_written(tmp_path, monkeypatch):
    import errno

    target = tmp_path / "plan.docx"
    target.write_bytes(b"edited by a person")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    for _ in range(3):  # retries do not pile up truncated backups
        with pytest.raises(output.OutputError, match="ổ đĩa đã đầy"):
            output.guard_target(target, output.Manifest(tmp_path / output.MANIFEST_NAME, {}), force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]


def test_a_run_killed_between_file_and_manifest_is_not_taken_for_an_edit(tmp_path, monkeypatch):
    _draft(tmp_path)

    def killed(self, name, entry):
        raise KeyboardInterrupt  # the DOCX is replaced, the manifest not yet finalised

    monkeypatch.setattr(output.Manifest, "record", killed)
    with pytest.raises(KeyboardInterrupt):
        _draft(tmp_path, use_overrides=False)
    monkeypatch.undo()
    result = _draft(tmp_path)  # no "edited by a person", no --force needed
    assert result.backup is None


def test_a_killed_runs_temporaries_are_cleaned(tmp_path):
    first = _draft(tmp_path).path
    stale = first.parent / f".{first.name}.abcd1234.tmp"
    stale.write_bytes(b"half")
    mine = first.parent / "ghi-chu.tmp"  # not drafter's pattern: kept
    mine.write_bytes(b"keep")
    _draft(tmp_path)
    assert not stale.exists() and mine.read_bytes() == b"keep"


def test_manifest_stays_small(tmp_path):
    import json

    plan = _draft(tmp_path).path
    manifest = plan.parent / output.MANIFEST_NAME
    assert manifest.stat().st_size < 25_000  # ~74 KB per plan when the snapshot was stored as plain JSON
    entry = json.loads(manifest.read_text(encoding="utf-8"))["files"][plan.name]
    assert "snapshot" not in entry and output.Manifest.read(plan.parent).snapshot(plan.name)["blocks"]
