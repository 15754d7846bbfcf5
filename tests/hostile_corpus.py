"""A corpus of hostile and clumsy inputs (issue 11), each run as a real `drafter` process under a
2 GB memory limit and a 10 s timeout, from a scratch folder, with a sibling folder that nothing
may touch.

A case builds its files in `work/`, names the command line, the exit codes it accepts and words
its message must contain; the runner checks that no traceback is printed, nothing is written
outside the places the command may write (its output folder, or what it names), and no file the
case marks as precious changes.
"""

from __future__ import annotations

import copy
import io
import os
import resource
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.conftest import MINIMAL_PROFILE, REPO

MEMORY_LIMIT = 2 * 2**30
TIMEOUT_S = 10


@dataclass
class Case:
    name: str
    args: list[str]
    setup: Callable[[Path], None] = lambda work: None
    exits: tuple[int, ...] = (1,)
    says: tuple[str, ...] = ()  # words the output (stdout + stderr) must contain
    may_write: tuple[str, ...] = ("out",)  # paths under work/ the command may create or change
    precious: tuple[str, ...] = ()  # files under work/ that must keep their bytes
    umask: int | None = None


@dataclass
class Outcome:
    code: int | None
    out: str
    err: str
    timed_out: bool = False
    changed: list[str] = field(default_factory=list)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.setsid()


def snapshot(root: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = path.read_bytes() if path.stat().st_size < 5 * 2**20 else f"{path.stat().st_size} bytes"
        elif not path.exists() or path.is_dir():
            continue
        else:
            out[rel] = "special"
    return out


def run(case: Case, root: Path) -> Outcome:
    work, outside = root / "work", root / "outside"
    work.mkdir(parents=True)
    outside.mkdir()
    case.setup(work)
    before = snapshot(root)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "100"}
    old_umask = os.umask(case.umask) if case.umask is not None else None
    try:
        proc = subprocess.Popen([sys.executable, "-m", "drafter", *case.args], cwd=work, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=_limits)
    finally:
        if old_umask is not None:
            os.umask(old_umask)
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
        outcome = Outcome(proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        outcome = Outcome(None, out.decode(errors="replace"), err.decode(errors="replace"), timed_out=True)
    after = snapshot(root)
    allowed = tuple(f"work/{p}" for p in case.may_write)
    for rel in sorted(set(before) | set(after)):
        if before.get(rel) != after.get(rel) and not rel.startswith(allowed):
            outcome.changed.append(rel)
    for rel in case.precious:
        if before.get(f"work/{rel}") != after.get(f"work/{rel}"):
            outcome.changed.append(f"precious {rel}")
    return outcome


# --- builders -----------------------------------------------------------------------------------


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def profile_text(**changes) -> str:
    data = copy.deepcopy(MINIMAL_PROFILE)
    data.update(changes)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def alias_bomb(levels: int = 7, fanout: int = 10) -> str:
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fanout) + "]")
    return "\n".join(lines) + "\n"


def deep_nesting(depth: int = 3000) -> str:
    return "x: " + "[" * depth + "]" * depth + "\n"


def zip_bytes(entries: dict[str, bytes], compress=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.wordprocessingml.document.main+xml"/></Types>')


def zip_bomb() -> bytes:
    """A small zip whose document.xml inflates to 300 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b"\0" * 2**20
            for _ in range(300):
                fh.write(block)
    return buffer.getvalue()


def fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
