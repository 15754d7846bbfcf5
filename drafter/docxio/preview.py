"""Page previews: DOCX → PDF through LibreOffice headless, PDF → PNG through pdftoppm.

These are optional system tools, not Python dependencies: a drafter can work without them, so
their absence is a clear message with the install command, never a traceback. Each conversion
uses its own LibreOffice user profile so two previews at once (or a desktop LibreOffice that is
open) do not block each other.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ToolMissing, UserError
from ..output import atomic_write

INSTALL_HINT = (
    "Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation; "
    "Windows/macOS: cài LibreOffice (libreoffice.org) và Poppler, rồi thêm vào PATH"
)
TIMEOUT_S = 240


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


def convert(sources: list[Path], target_format: str, out_dir: Path) -> list[Path]:
    """Convert with LibreOffice into out_dir; returns the written files in the order given."""
    exe = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as tmp:
        work = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        command = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", target_format, "--outdir", str(work), *map(str, sources)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise UserError(f"LibreOffice không chuyển xong sau {TIMEOUT_S} giây") from None
        extension = target_format.split(":")[0]
        written = []
        for source in sources:
            produced = work / f"{source.stem}.{extension}"
            if not produced.is_file():
                detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["không có thông báo"]
                raise UserError(f"{source}: LibreOffice không tạo được tệp {extension} ({detail[0]})")
            target = out_dir / produced.name
            atomic_write(target, produced.read_bytes())
            written.append(target)
    return written


def to_pdf(docx: Path, out_dir: Path | None = None) -> Path:
    docx = Path(docx)
    if not docx.is_file():
        raise UserError(f"{docx}: không tìm thấy tệp")
    return convert([docx], "pdf", out_dir or docx.parent)[0]


def to_png(pdf: Path, resolution: int = 60) -> list[Path]:
    """One PNG per page beside the PDF: <name>-1.png, <name>-2.png…"""
    exe = pdftoppm()
    prefix = pdf.with_suffix("")
    for old in pdf.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    try:
        subprocess.run([exe, "-png", "-r", str(resolution), str(pdf), str(prefix)], check=True,
                       capture_output=True, timeout=TIMEOUT_S)
    except subprocess.CalledProcessError as exc:
        raise UserError(f"{pdf}: pdftoppm lỗi ({exc.stderr.decode(errors='replace').strip()})") from exc
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
