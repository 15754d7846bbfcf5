"""Page previews: DOCX → PDF through LibreOffice headless, PDF → PNG through pdftoppm.

These are optional system tools, not Python dependencies: a drafter can work without them, so
their absence is a clear message with the install command, never a traceback. Each conversion
uses its own LibreOffice user profile so two previews at once (or a desktop LibreOffice that is
open) do not block each other.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

from ..errors import OutputError, ToolMissing, UserError, os_reason
from ..output import Manifest, atomic_write, folder_lock, guard_target, scratch_folder, sha256_bytes
from ..paths import display_path
from .package import open_docx

INSTALL_HINT = (
    "Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation; "
    "Windows/macOS: cài LibreOffice (libreoffice.org) và Poppler, rồi thêm vào PATH"
)
TIMEOUT_S = 120


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise ToolMissing(f"cần LibreOffice (lệnh soffice) để xuất PDF. Cài đặt: {INSTALL_HINT}")
    return exe


def pdftoppm() -> str:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ToolMissing(f"cần pdftoppm (gói poppler-utils) để xuất ảnh PNG. Cài đặt: {INSTALL_HINT}")
    return exe


def convert(sources: list[Path], target_format: str, out_dir: Path, *, force: bool = False) -> list[Path]:
    """Convert with LibreOffice into out_dir; returns the written files in the order given.

    Every source is checked through the DOCX seam first (LibreOffice would turn any text file into
    a PDF); paths are absolute, so a file named "-env:…" is a file, not an option; LibreOffice runs
    in its own process group with its own profile and the whole group is killed on timeout (the
    soffice wrapper alone would leave soffice.bin running)."""
    exe = soffice()
    sources = [Path(s).resolve() for s in sources]
    for source in sources:
        open_docx(source, shown=display_path(source))  # a file that is not a readable DOCX: exit 2
    _ensure_folder(out_dir)
    extension = target_format.split(":")[0]
    if not force:  # refuse before a minute of LibreOffice, not after
        for source in sources:
            guard_target(out_dir / f"{source.stem}.{extension}", Manifest.read(out_dir), force=False)
    with scratch_folder("drafter-lo-") as tmp:
        work = tmp / "out"
        profile = tmp / "profile"
        command = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", target_format, "--outdir", str(work), *map(str, sources)]
        detail = _run_group(command, "LibreOffice")
        written = []
        for source in sources:
            produced = work / f"{source.stem}.{extension}"
            if not produced.is_file():
                raise UserError(f"{display_path(source)}: LibreOffice không tạo được tệp {extension} ({detail})")
            target = out_dir / produced.name
            write_owned(target, produced.read_bytes(), force=force)
            written.append(target)
    return written


def write_owned(target: Path, data: bytes, *, force: bool) -> None:
    """Write a PDF or PNG under the same rule as a DOCX: a file drafter did not write (not in the
    folder's manifest, or changed since) is not replaced without force, and then kept as a backup.
    The file is recorded in the manifest before it is written (as `pending`, which a later run
    takes as drafter's own), so the next preview replaces it without asking."""
    with folder_lock(target.parent):
        manifest = Manifest.read(target.parent)
        guard_target(target, manifest, force=force)
        manifest.begin(target.name, sha256_bytes(data))
        atomic_write(target, data)


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{display_path(folder)}: không tạo được thư mục đầu ra ({os_reason(exc)})") from None
    if not folder.is_dir():
        raise OutputError(f"{display_path(folder)}: đây là một tệp, không phải thư mục đầu ra")


def _run_group(command: list[str], name: str) -> str:
    """Run a converter in its own process group; kill the group on timeout. Returns its last words."""
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, errors="replace", start_new_session=True)
    except OSError as exc:
        raise ToolMissing(f"không chạy được {name} ({os_reason(exc, 'chạy')})") from None
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise UserError(f"{name} không chạy xong sau {TIMEOUT_S} giây (đã dừng hẳn)") from None
    if proc.returncode != 0:
        raise UserError(f"{name} lỗi: {(err or out).strip().splitlines()[-1:] or ['không có thông báo']}")
    return ((err or out).strip().splitlines()[-1:] or ["không có thông báo"])[0]


def to_pdf(docx: Path, out_dir: Path | None = None, *, force: bool = False) -> Path:
    docx = Path(docx)
    return convert([docx], "pdf", out_dir or docx.resolve().parent, force=force)[0]


def to_png(pdf: Path, resolution: int = 60, *, force: bool = False) -> list[Path]:
    """One PNG per page beside the PDF: <name>-1.png, <name>-2.png… Pages are made in a private
    folder and then moved to exactly those names: no other file beside the PDF is touched (an
    earlier version deleted every "<name>-*.png", a user's own pictures included)."""
    exe = pdftoppm()
    pdf = Path(pdf).resolve()
    if not 1 <= resolution <= 600:
        raise UserError(f"--resolution {resolution}: cần trong khoảng 1-600 dpi")
    with scratch_folder("drafter-png-") as tmp:
        _run_group([exe, "-png", "-r", str(resolution), str(pdf), str(tmp / "p")], "pdftoppm")
        pages = sorted(tmp.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        written = []
        for number, page in enumerate(pages, start=1):
            target = pdf.with_name(f"{pdf.stem}-{number}.png")
            write_owned(target, page.read_bytes(), force=force)
            written.append(target)
    return written
