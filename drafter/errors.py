"""One exception family for everything a person can fix.

The CLI catches UserError once (drafter.cli_app.boundary, around every command), prints its message
and exits with the exception's own exit code: 1 for bad or refused input, 2 for a usage error or a
file that is not a document at all (click's convention; docs/cli.md lists them). The web page
(drafter.web) shows the same message in the page instead. Any other exception is a bug and keeps
its traceback. Messages are in Vietnamese because the people who read them are provincial drafters.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input file, located as precisely as the file allows."""

    file: str
    line: int | None
    field: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DrafterError(Exception):
    """Base class of drafter's own errors."""


class UserError(DrafterError):
    """Bad input, a refused operation, a missing file: something the user can act on."""

    exit_code = 1
    #: printed before the message; InputError's lines already name their file
    prefix = "Lỗi: "


class UsageError(UserError):
    """An option names something that does not exist (a plan kind, a rule set, a group, a role)."""

    exit_code = 2


class UnreadableDocument(UserError):
    """A file given as a DOCX is not one drafter can open: missing, not a zip, encrypted, damaged,
    or too large once inflated."""

    exit_code = 2
    prefix = ""


class InputError(UserError):
    """One or more problems in an input file (profile, catalogue, plan kind, template)."""

    prefix = ""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str | Path, message: str, *, field: str = "", line: int | None = None) -> InputError:
        return cls([Problem(str(file), line, field, message)])


class ProfileError(InputError):
    """A province profile does not validate."""


class CatalogueError(InputError):
    """The task catalogue or a plan-kind file does not validate."""


class TemplateError(UserError):
    """A DOCX template is missing, unreadable or uses a variable nothing provides."""


class OutputError(UserError):
    """The output cannot be written, or writing it would destroy a person's edits."""


class ToolMissing(UserError):
    """LibreOffice or pdftoppm is not installed."""


#: What the operating system said, in the words a drafter uses. strerror is English ("No such file or
#: directory") and is never shown; a code not listed here is named by its symbol (still no English prose).
_OS_REASONS = {
    errno.ENOENT: "thư mục hoặc tệp không tồn tại",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã dùng hết dung lượng được cấp trên ổ đĩa",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EEXIST: "đã có tệp trùng tên ở đường dẫn này (một phần của đường dẫn là tệp, không phải thư mục)",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.ELOOP: "đường dẫn đi qua liên kết tượng trưng (symlink) vòng lặp hoặc bị chặn",
    errno.EBUSY: "tệp hoặc thư mục đang bị chương trình khác giữ",
    errno.ETXTBSY: "tệp đang bị chương trình khác giữ",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENFILE: "hệ điều hành đang mở quá nhiều tệp",
    errno.EIO: "lỗi đọc/ghi của ổ đĩa",
    errno.EXDEV: "không chuyển được tệp sang ổ đĩa khác",
    errno.EINVAL: "tên hoặc giá trị không hợp lệ với hệ điều hành",
    errno.EFBIG: "tệp quá lớn",
    errno.ENOMEM: "không đủ bộ nhớ",
    errno.ENXIO: "thiết bị không có",
    errno.ENODEV: "thiết bị không có",
    errno.EAGAIN: "tạm thời không làm được; thử lại sau",
    errno.ETIMEDOUT: "hết thời gian chờ",
    errno.ENOEXEC: "không phải chương trình chạy được",
    errno.EADDRINUSE: "cổng đang được chương trình khác dùng",
    errno.EADDRNOTAVAIL: "địa chỉ không thuộc máy này",
    errno.ECONNREFUSED: "bị từ chối kết nối",
}


def os_reason(exc: OSError, action: str = "ghi") -> str:
    """Why an operating-system call failed, in Vietnamese, for every message that reports one.

    `action` is what was being done ("ghi", "đọc", "chạy", "mở cổng"): a permission error reads
    "không có quyền ghi" or "không có quyền đọc". Never exc.strerror: that is English."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return f"không có quyền {action}"
    if code in _OS_REASONS:
        return _OS_REASONS[code]
    name = errno.errorcode.get(code) if isinstance(code, int) else None
    return f"lỗi hệ điều hành {name} khi {action}" if name else f"lỗi hệ điều hành khi {action}"
