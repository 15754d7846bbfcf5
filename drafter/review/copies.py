"""The rules every annotated copy (commented, fixed) is written by: the original is only read, the
copy never replaces it, an existing file is replaced only when asked (--force), and the write is
atomic (a crash leaves the old file or the new one)."""

from __future__ import annotations

import os
from pathlib import Path

from ..docxio.package import to_bytes
from ..errors import OutputError
from ..output import atomic_write
from ..paths import display_path


def guard_copy(sources: Path | tuple[Path, ...], out: Path, *, force: bool, option: str,
               what: str = "đây chính là tệp đang kiểm tra") -> None:
    """Refuse to write `out` over a document it is made from (`what` says which, for the message),
    over a folder, or over an existing file without --force; raised before anything is read, so
    nothing is done in vain."""
    for source in sources if isinstance(sources, tuple) else (sources,):
        if _same(source, out):
            raise OutputError(f"{option} {display_path(out)}: {what}; drafter không ghi đè bản gốc, hãy chọn tên "
                              "tệp khác")
    if out.is_dir():
        raise OutputError(f"{option} {display_path(out)}: đây là một thư mục; hãy nêu tên tệp .docx")
    if out.exists() and not force:
        raise OutputError(f"{option} {display_path(out)}: tệp đã tồn tại; drafter không ghi đè. Dùng --force để ghi "
                          "đè, hoặc chọn tên khác")


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return b.exists() and os.path.samefile(a, b)  # a hard link or another spelling of the same file
    except OSError:
        return False


def write_copy(document, out: Path) -> Path:
    atomic_write(out, to_bytes(document))
    return out
