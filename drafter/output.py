"""Writing outputs without ever losing a person's work.

A target is replaced only through a temporary file and os.replace, so a crash or Ctrl-C leaves
either the old file or the new one, never half of one. A manifest beside the outputs records
what drafter wrote (hash, inputs, versions); a target whose bytes differ from that record has
been edited by a person and is refused unless the caller forces it, in which case it is kept
as a backup first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import OutputError
from .inputs.yamlio import display_path

MANIFEST_NAME = ".drafter-manifest.json"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EEXIST: "một phần của đường dẫn là tệp, không phải thư mục",
}


def reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def atomic_write(target: Path, data: bytes) -> None:
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{display_path(target.parent)}: không tạo được thư mục đầu ra ({reason(exc)})") from exc
    if target.is_dir():
        raise OutputError(f"{display_path(target)}: đường dẫn đầu ra là một thư mục")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{display_path(target)}: không ghi được tệp ({reason(exc)})") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{display_path(target)}: không ghi được tệp ({reason(exc)}); tệp cũ (nếu có) "
                              "vẫn nguyên vẹn") from exc
        raise


@contextlib.contextmanager
def folder_lock(folder: Path, timeout: float = 60.0):
    """One drafter at a time writes into an output folder (its files and its manifest).

    A second run waits for the first instead of interleaving manifest updates; after `timeout`
    seconds it gives up with a message rather than waiting forever."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / ".drafter.lock", "a+b")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise OutputError(f"{display_path(folder)}: không tạo được thư mục đầu ra ({reason(exc)})") from exc
    try:
        _acquire(handle, folder, timeout)
        yield
    finally:
        _release(handle)
        handle.close()


def _acquire(handle, folder: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() >= deadline:
                raise OutputError(f"{display_path(folder)}: một lần chạy drafter khác đang ghi vào thư mục này; "
                                  "chờ nó xong rồi chạy lại") from None
            time.sleep(0.05)


def _release(handle) -> None:
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


@dataclass(frozen=True)
class Source:
    """An input a file was made from, by path (or version) and hash."""

    sha256: str
    path: str | None = None
    id: str | None = None
    version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("id", self.id), ("path", self.path), ("version", self.version),
                                  ("sha256", self.sha256)) if v is not None}


@dataclass(frozen=True)
class ManifestEntry:
    """What drafter recorded about one file it wrote: enough to tell later whether a person has
    edited it (sha256), to rebuild it (inputs and versions), and to compare a reviewed copy with
    what was generated (snapshot)."""

    sha256: str
    written: str
    drafter: str
    kind: str
    year: int
    date: str | None
    profile: Source
    catalogue: Source
    template: Source
    snapshot: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "written": self.written, "drafter": self.drafter, "kind": self.kind,
                "year": self.year, "date": self.date, "profile": self.profile.to_dict(),
                "catalogue": self.catalogue.to_dict(), "template": self.template.to_dict(),
                "snapshot": self.snapshot}


@dataclass
class Manifest:
    """What drafter wrote in one output folder, by file name (JSON on disk; entries read back as
    plain dicts, since only their hash and snapshot are ever consulted)."""

    path: Path
    entries: dict[str, dict[str, Any]]

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = Path(folder) / MANIFEST_NAME
        try:
            entries = json.loads(path.read_text(encoding="utf-8")).get("files", {})
        except FileNotFoundError:
            entries = {}
        except (OSError, ValueError, AttributeError):
            # A damaged manifest proves nothing about the files: treat them all as edited.
            entries = {}
        if not isinstance(entries, dict):
            entries = {}
        return cls(path, {k: v for k, v in entries.items() if isinstance(v, dict)})

    def recorded_hash(self, name: str) -> str | None:
        value = self.entries.get(name, {}).get("sha256")
        return value if isinstance(value, str) else None

    def record(self, name: str, entry: ManifestEntry) -> None:
        self.entries[name] = entry.to_dict()
        body = json.dumps({"files": self.entries}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        atomic_write(self.path, body.encode("utf-8"))


def guard_target(target: Path, manifest: Manifest, *, force: bool) -> Path | None:
    """Refuse to replace a file drafter did not write last; with force, back it up first.

    Returns the backup path, if one was made.
    """
    if not target.exists():
        return None
    if target.is_dir():
        raise OutputError(f"{display_path(target)}: đường dẫn đầu ra là một thư mục")
    recorded = manifest.recorded_hash(target.name)
    current = sha256_bytes(target.read_bytes())
    if recorded == current:
        return None
    if not force:
        reason = ("đã bị sửa sau lần drafter ghi gần nhất" if recorded
                  else "không do drafter ghi (không có trong sổ ghi của thư mục)")
        raise OutputError(
            f"{display_path(target)}: tệp đã tồn tại và {reason}; drafter không ghi đè để khỏi mất phần đã sửa. "
            "Dùng --force để ghi đè (bản cũ được giữ lại làm bản sao lưu), hoặc --out để ghi nơi khác."
        )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = target.with_name(f"{target.stem}.backup-{stamp}{target.suffix}")
    n = 1
    while backup.exists():
        n += 1
        backup = target.with_name(f"{target.stem}.backup-{stamp}-{n}{target.suffix}")
    shutil.copy2(target, backup)
    return backup
