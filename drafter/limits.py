"""What one input may cost, and reading a file within that.

Every file drafter reads (profiles, overrides, plan kinds, templates and documents to check) goes
through read_regular(): a regular file (not a folder, device or pipe, which would hang or never
end), no larger than its limit, read with one bounded call. The limits are far above any real
input and far below what would hurt a 2 GB machine.
"""

from __future__ import annotations

import stat
from pathlib import Path

from .errors import os_reason

#: A YAML input (a profile is a few KB; the shipped catalogue under 100 KB).
MAX_YAML_BYTES = 2 * 2**20
#: Nodes a YAML file may expand to once its aliases are followed, and how deep it may nest.
MAX_YAML_NODES = 200_000
MAX_YAML_DEPTH = 64
#: A DOCX file (a real plan is well under 1 MB).
MAX_DOCX_BYTES = 50 * 2**20


#: The plan years drafter works with: one rule for every command that takes a year (draft, new,
#: tasks, the page), so "-1", "0" or "99999999999" is refused everywhere in the same words.
YEAR_MIN, YEAR_MAX = 2000, 2100


def check_year(year: int, option: str = "--year") -> int:
    """The year, or a UserError saying the range."""
    from .errors import UserError

    if not YEAR_MIN <= year <= YEAR_MAX:
        raise UserError(f"{option} {year}: năm phải trong khoảng {YEAR_MIN}-{YEAR_MAX}")
    return year


class FileRefused(Exception):
    """The file cannot be read within the limits; the message says why, in Vietnamese."""


def read_regular(path: Path | str, limit: int, kind: str) -> bytes:
    """A regular file's bytes, refusing folders, devices, pipes and files over `limit`.

    `kind` names what was expected ("tệp DOCX", "tệp YAML") in the messages."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileRefused("không tìm thấy tệp") from None
    except OSError as exc:
        raise FileRefused(f"không đọc được tệp ({os_reason(exc, 'đọc')})") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused(f"đây là thư mục, không phải {kind}")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(f"không phải tệp thường (thiết bị, đường ống…); hãy chỉ tới một {kind}")
    if info.st_size > limit:
        raise FileRefused(f"tệp quá lớn ({_size(info.st_size)}; tối đa {_size(limit)})")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise FileRefused(f"không đọc được tệp ({os_reason(exc, 'đọc')})") from None
    if len(data) > limit:
        raise FileRefused(f"tệp quá lớn (tối đa {_size(limit)})")
    return data


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 2**10:.0f} KB"
