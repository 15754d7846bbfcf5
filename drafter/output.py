"""Writing outputs without ever losing a person's work.

A target is replaced only through a temporary file and os.replace, so a crash or Ctrl-C leaves
either the old file or the new one, never half of one. A manifest beside the outputs records
what drafter wrote (hash, inputs, versions); a target whose bytes differ from that record has
been edited by a person and is refused unless the caller forces it, in which case it is kept
as a backup first.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import OutputError, os_reason
from .paths import display_path

MANIFEST_NAME = ".drafter-manifest.json"
LOCK_NAME = ".drafter.lock"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` by `data` through a temporary file in the same folder, so a crash leaves
    the old file or the new one. The file gets the mode a new file gets under the user's umask, or
    the mode of the file it replaces (mkstemp alone would make every output 0600)."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{display_path(target.parent)}: không tạo được thư mục đầu ra ({os_reason(exc)})") from exc
    if target.is_dir():
        raise OutputError(f"{display_path(target)}: đường dẫn đầu ra là một thư mục")
    mode = _mode_for(target)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TMP_SUFFIX)
    except OSError as exc:
        raise OutputError(f"{display_path(target)}: không ghi được tệp ({os_reason(exc)})") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode) if hasattr(os, "fchmod") else None
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{display_path(target)}: không ghi được tệp ({os_reason(exc)}); tệp cũ (nếu có) "
                              "vẫn nguyên vẹn") from exc
        raise


TMP_SUFFIX = ".tmp"


@contextlib.contextmanager
def scratch_folder(prefix: str):
    """A private temporary folder (converters' work, uploads, a profile being checked), removed
    afterwards. A full or read-only temporary disk is a message, not an English traceback."""
    try:
        folder = tempfile.TemporaryDirectory(prefix=prefix)
    except OSError as exc:
        raise OutputError(f"không tạo được thư mục tạm ({tempfile.gettempdir()}: {os_reason(exc)})") from exc
    with folder as name:
        yield Path(name)


def write_scratch(path: Path, data: bytes) -> None:
    """Write a file inside a scratch folder; a failure is said in Vietnamese."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise OutputError(f"không ghi được tệp tạm ({os_reason(exc)})") from exc


def _mode_for(target: Path) -> int:
    try:
        info = os.lstat(target)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    except OSError:
        pass
    current = os.umask(0o022)
    os.umask(current)
    return 0o666 & ~current


def clean_temporaries(folder: Path) -> list[str]:
    """Remove the temporary files a killed run left in an output folder (".<name>.<random>.tmp",
    only drafter's own pattern; the caller holds the folder lock, so no other run is writing)."""
    removed = []
    try:
        candidates = list(Path(folder).iterdir())
    except OSError:
        return removed
    for path in candidates:
        if _OWN_TMP.match(path.name) and path.is_file() and not path.is_symlink():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path.name)
    return removed


_OWN_TMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


@contextlib.contextmanager
def folder_lock(folder: Path, timeout: float = 60.0):
    """One drafter at a time writes into an output folder (its files and its manifest).

    A second run waits for the first instead of interleaving manifest updates; after `timeout`
    seconds it gives up with a message rather than waiting forever."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        handle = os.fdopen(fd, "a+b")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{display_path(folder / LOCK_NAME)}: là một liên kết tượng trưng (symlink); drafter "
                              "không ghi qua liên kết. Hãy xóa nó rồi chạy lại") from None
        raise OutputError(f"{display_path(folder)}: không tạo được thư mục đầu ra ({os_reason(exc)})") from exc
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
    what was generated (snapshot, stored compressed: the manifest stays a few KB per file)."""

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
        out = {"sha256": self.sha256, "written": self.written, "drafter": self.drafter, "kind": self.kind,
               "year": self.year, "date": self.date, "profile": self.profile.to_dict(),
               "catalogue": self.catalogue.to_dict(), "template": self.template.to_dict()}
        if self.snapshot is not None:
            raw = json.dumps(self.snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            out["snapshot_z"] = base64.b64encode(zlib.compress(raw.encode("utf-8"), 9)).decode("ascii")
        return out


#: A manifest larger than this is not drafter's (a few KB per file written).
MAX_MANIFEST_BYTES = 8 * 2**20


@dataclass
class Manifest:
    """What drafter wrote in one output folder, by file name (JSON on disk; entries read back as
    plain dicts, since only their hashes and snapshot are ever consulted).

    Writing a file is journalled: the new file's hash is recorded as `pending` before the file is
    replaced, and made final after. A run killed in between leaves a file whose hash the manifest
    knows, so the next run does not take drafter's own file for a person's edit."""

    path: Path
    entries: dict[str, dict[str, Any]]

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = Path(folder) / MANIFEST_NAME
        try:
            if path.is_symlink() or path.stat().st_size > MAX_MANIFEST_BYTES:
                raise ValueError("not drafter's manifest")
            entries = json.loads(path.read_text(encoding="utf-8")).get("files", {})
        except FileNotFoundError:
            entries = {}
        except (OSError, ValueError, AttributeError, RecursionError):
            # A damaged manifest proves nothing about the files: treat them all as edited.
            entries = {}
        if not isinstance(entries, dict):
            entries = {}
        return cls(path, {k: v for k, v in entries.items() if isinstance(v, dict)})

    def recorded_hashes(self, name: str) -> set[str]:
        entry = self.entries.get(name, {})
        return {v for v in (entry.get("sha256"), entry.get("pending")) if isinstance(v, str)}

    def recorded_hash(self, name: str) -> str | None:
        value = self.entries.get(name, {}).get("sha256")
        return value if isinstance(value, str) else None

    def snapshot(self, name: str) -> dict[str, Any] | None:
        """The snapshot recorded for a file (compressed, or plain in manifests of earlier versions)."""
        entry = self.entries.get(name, {})
        if isinstance(entry.get("snapshot"), dict):
            return entry["snapshot"]
        try:
            raw = zlib.decompressobj().decompress(base64.b64decode(entry["snapshot_z"]), MAX_MANIFEST_BYTES)
            value = json.loads(raw.decode("utf-8"))
        except (KeyError, TypeError, ValueError, zlib.error, RecursionError):
            return None
        return value if isinstance(value, dict) else None

    def begin(self, name: str, sha256: str) -> None:
        entry = dict(self.entries.get(name, {}))
        entry["pending"] = sha256
        self.entries[name] = entry
        self._save()

    def record(self, name: str, entry: ManifestEntry) -> None:
        self.entries[name] = entry.to_dict()
        self._save()

    def _save(self) -> None:
        body = json.dumps({"files": self.entries}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        atomic_write(self.path, body.encode("utf-8"))


def guard_target(target: Path, manifest: Manifest, *, force: bool) -> Path | None:
    """Refuse to replace a file drafter did not write last; with force, back it up first.

    Returns the backup path, if one was made.
    """
    if target.is_symlink():
        raise OutputError(f"{display_path(target)}: đường dẫn đầu ra là một liên kết tượng trưng (symlink); drafter "
                          "không ghi qua liên kết. Hãy xóa nó hoặc dùng --out khác")
    if not target.exists():
        return None
    if target.is_dir():
        raise OutputError(f"{display_path(target)}: đường dẫn đầu ra là một thư mục")
    current = sha256_bytes(target.read_bytes())
    if current in manifest.recorded_hashes(target.name):
        return None
    if not force:
        reason = ("đã bị sửa sau lần drafter ghi gần nhất" if manifest.recorded_hash(target.name)
                  else "không do drafter ghi (không có trong sổ ghi của thư mục)")
        raise OutputError(
            f"{display_path(target)}: tệp đã tồn tại và {reason}; drafter không ghi đè để khỏi mất phần đã sửa. "
            "Dùng --force để ghi đè (bản cũ được giữ lại làm bản sao lưu), hoặc --out để ghi nơi khác."
        )
    return _backup(target)


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _backup(target: Path) -> Path:
    """A copy of the person's file beside it, under a name no file (or link) has yet: created
    exclusively, never through a link; a failed copy is removed, not left half written."""
    stamp = _stamp()
    data = target.read_bytes()
    for n in range(1, 1000):
        suffix = f"-{n}" if n > 1 else ""
        backup = target.with_name(f"{target.stem}.backup-{stamp}{suffix}{target.suffix}")
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                         _mode_for(target))
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(f"{display_path(backup)}: không tạo được bản sao lưu ({os_reason(exc)}); "
                              "tệp cũ vẫn nguyên vẹn") from exc
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(backup)
            raise OutputError(f"{display_path(backup)}: không ghi được bản sao lưu ({os_reason(exc)}); "
                              "tệp cũ vẫn nguyên vẹn") from exc
        return backup
    raise OutputError(f"{display_path(target)}: quá nhiều bản sao lưu trong cùng một giây")
