"""The one bounded way drafter inflates a zip member.

A zip's headers are written by whoever made the file: a 1 MB DOCX can declare 1,000 bytes for a
part that inflates to 1 GB, and Python's zipfile, asked for the whole member, inflates everything
it was given before cutting it to the declared size (2 GB of memory for that one read). So the
bytes are counted while they are inflated, a slice at a time, and reading stops as soon as they
pass the declared size or the limit; what is declared is never trusted on its own.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator

from ..errors import UnreadableDocument

#: Inflated bytes produced per step: the most one step of a hostile member can cost.
STEP = 64 * 2**10
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


def _refuse(shown: str, why: str) -> UnreadableDocument:
    return UnreadableDocument(f"{shown}: {why}")


def _bomb(shown: str, info: zipfile.ZipInfo, limit: int) -> UnreadableDocument:
    return _refuse(shown, f"tệp DOCX giải nén ra quá lớn ({info.filename}: hơn {limit / 2**20:.0f} MB hoặc lớn hơn "
                          "kích thước khai báo): có thể là tệp độc hại (zip bomb); drafter không mở")


def _raw(data: bytes, info: zipfile.ZipInfo, shown: str) -> bytes:
    """The member's compressed bytes, found through its local header."""
    start = info.header_offset
    header = data[start:start + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise _refuse(shown, f"tệp DOCX bị hỏng (phần {info.filename} không đọc được)")
    fields = _LOCAL_HEADER.unpack(header)
    begin = start + _LOCAL_HEADER.size + fields[10] + fields[11]
    raw = data[begin:begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise _refuse(shown, "tệp DOCX bị hỏng hoặc bị cắt cụt (không đọc được phần nén)")
    return raw


def inflate(data: bytes, info: zipfile.ZipInfo, shown: str, limit: int) -> Iterator[bytes]:
    """The member's bytes a slice at a time; refuses as soon as more comes out than its declared
    size or `limit`, a method other than stored or deflated (bzip2 and lzma would inflate one
    read without bound, and Word never writes them), and a wrong checksum."""
    if info.flag_bits & 0x1:
        raise _refuse(shown, "tệp DOCX có phần bị mã hóa; hãy bỏ mật khẩu và lưu lại")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _refuse(shown, f"tệp DOCX dùng kiểu nén lạ ({info.filename}); hãy mở bằng Word và lưu lại")
    bound = min(info.file_size, limit)
    if info.file_size > limit:
        raise _bomb(shown, info, limit)
    raw = _raw(data, info, shown)
    count, crc = 0, 0
    if info.compress_type == zipfile.ZIP_STORED:
        pieces: Iterator[bytes] = (raw[i:i + STEP] for i in range(0, len(raw), STEP))
        finished = lambda: True  # noqa: E731 - a stored member ends where its bytes end
    else:
        inflater = zlib.decompressobj(-15)
        pieces = _deflated(inflater, raw, shown)
        finished = lambda: inflater.eof  # noqa: E731
    for piece in pieces:
        count += len(piece)
        if count > bound:
            raise _bomb(shown, info, limit)
        crc = zlib.crc32(piece, crc)
        yield piece
    if count != info.file_size or not finished() or crc != info.CRC:
        raise _refuse(shown, f"tệp DOCX bị hỏng (phần {info.filename} không khớp kích thước hoặc mã kiểm tra)")


def _deflated(inflater, raw: bytes, shown: str) -> Iterator[bytes]:
    pending = raw
    try:
        while not inflater.eof:
            piece = inflater.decompress(pending, STEP)
            pending = inflater.unconsumed_tail
            if not piece and not pending:
                break
            yield piece
    except zlib.error:
        raise _refuse(shown, "tệp DOCX bị hỏng (dữ liệu nén sai)") from None


def read_member(data: bytes, info: zipfile.ZipInfo, shown: str, limit: int) -> bytes:
    """A member's bytes, inflated within `limit` and its declared size."""
    return b"".join(inflate(data, info, shown, limit))


def verify(data: bytes, entries: list[zipfile.ZipInfo], shown: str, part_limit: int, total_limit: int) -> None:
    """Inflate every member once, counting: afterwards each member is known to hold exactly its
    declared size, so later readers (python-docx reads with zipfile) cost no more than that."""
    total = 0
    for info in entries:
        for piece in inflate(data, info, shown, part_limit):
            total += len(piece)
            if total > total_limit:
                raise _bomb(shown, info, total_limit)
