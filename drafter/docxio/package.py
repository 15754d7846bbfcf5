"""The one seam through which drafter opens and saves DOCX files.

check, harvest, diff, render (templates) and the tests all open documents here, so every reader
gives the same clear message for a file that is not a DOCX (missing, empty, a legacy .doc, an
encrypted file, a truncated or damaged zip, a macro-enabled .docm, broken XML) and none of them
inflates more than a bounded amount: a zip's declared sizes are checked before anything is
decompressed, and then every member is inflated once through zipread, counting, so a member that
inflates past its declared size is refused before python-docx (which trusts the sizes) reads it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.opc.pkgwriter import PackageWriter

from ..errors import UnreadableDocument
from ..limits import MAX_DOCX_BYTES, FileRefused, read_regular
from .zipread import read_member, verify

#: Bounds on what one document may cost (a real plan is well under 1 MB).
MAX_FILE_BYTES = MAX_DOCX_BYTES
MAX_ENTRIES = 5_000
MAX_PART_BYTES = 64 * 2**20  # one inflated part
MAX_TOTAL_BYTES = 256 * 2**20  # all inflated parts
MAX_RATIO = 200  # inflated / compressed, for parts over 1 MB
RATIO_FLOOR = 2**20

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docm",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "dotm",
}

#: Fixed zip entry timestamp: the same inputs give the same bytes.
ZIP_STAMP = (2026, 1, 1, 0, 0, 0)


def _refuse(shown: str, why: str) -> UnreadableDocument:
    return UnreadableDocument(f"{shown}: {why}")


def read_bytes(path: Path | str, *, shown: str | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, refusing devices, pipes, folders and files over `limit`."""
    try:
        return read_regular(path, limit, "tệp DOCX")
    except FileRefused as exc:
        raise _refuse(shown or str(path), str(exc)) from None


def open_for_check(path: Path | str, *, shown: str | None = None) -> tuple[DocxDocument, str | None]:
    """A document to check, and its macro-enabled kind ("docm") if it is one. The checker reads a
    .docm's XML like a .docx (nothing in it is run) and reports the macros as a finding; drafting
    and harvesting keep refusing it."""
    shown = shown or str(path)
    data = read_bytes(path, shown=shown)
    try:
        check_package(data, shown)
    except UnreadableDocument:
        kind = _macro_kind(data)
        if kind is None:
            raise
        return _within_paragraphs(parse_docx(_as_docx(data), shown), shown), kind
    return _within_paragraphs(parse_docx(data, shown), shown), None


#: Paragraphs a document to check may have: a long plan has a thousand; every rule reads every
#: paragraph, so 100,000 one-letter paragraphs (350 KB) took 25 s.
MAX_CHECK_PARAGRAPHS = 20_000


def _within_paragraphs(document: DocxDocument, shown: str) -> DocxDocument:
    count = int(document.element.body.xpath("count(.//w:p)"))
    if count > MAX_CHECK_PARAGRAPHS:
        raise _refuse(shown, f"văn bản có {count:,} đoạn, quá nhiều để kiểm tra (tối đa {MAX_CHECK_PARAGRAPHS:,}); "
                             "một văn bản hành chính có vài trăm đoạn: hãy tách tệp")
    return document


def _macro_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive.infolist(), "")
            verify(data, archive.infolist(), "", MAX_PART_BYTES, MAX_TOTAL_BYTES)
            kind = _main_kind(_member(data, archive, "[Content_Types].xml", ""))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, RuntimeError, UnreadableDocument):
        return None
    return kind if kind in ("docm", "dotm") else None


def _as_docx(data: bytes) -> bytes:
    """The same package with its main part declared as a plain document, so python-docx opens it."""
    plain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = read_member(data, item, "", MAX_PART_BYTES)
            if item.filename == "[Content_Types].xml":
                text = body.decode("utf-8", errors="replace")
                for content_type, kind in MAIN_TYPES.items():
                    if kind in ("docm", "dotm"):
                        text = text.replace(content_type, plain)
                body = text.encode("utf-8")
            dst.writestr(item.filename, body)
    return out.getvalue()


def check_package(data: bytes, shown: str) -> str:
    """Refuse what is not a readable Word package; returns its kind ("docx", "dotx")."""
    if not data:
        raise _refuse(shown, "tệp rỗng (0 byte), không phải tệp DOCX")
    if data.startswith(OLE_SIGNATURE):
        raise _refuse(shown, "tệp Word cũ (.doc) hoặc tệp DOCX có mật khẩu (mã hóa): hãy mở bằng Word, "
                             "bỏ mật khẩu nếu có và lưu lại dạng .docx")
    if not data.startswith(b"PK"):
        raise _refuse(shown, "không phải tệp DOCX (không phải tệp nén Office Open XML)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            _check_sizes(entries, shown)
            names = {e.filename for e in entries}
            if "[Content_Types].xml" not in names:
                raise _refuse(shown, "không phải tệp DOCX (thiếu [Content_Types].xml)")
            verify(data, entries, shown, MAX_PART_BYTES, MAX_TOTAL_BYTES)
            kind = _main_kind(_member(data, archive, "[Content_Types].xml", shown))
    except zipfile.BadZipFile:
        raise _refuse(shown, "tệp DOCX bị hỏng hoặc bị cắt cụt (không đọc được phần nén)") from None
    except (OSError, EOFError, ValueError, RuntimeError) as exc:
        raise _refuse(shown, f"tệp DOCX bị hỏng ({exc.__class__.__name__})") from None
    if kind is None:
        raise _refuse(shown, "không có phần văn bản Word (word/document.xml): có thể là tệp Excel, PowerPoint "
                             "hoặc tệp nén khác")
    if kind in ("docm", "dotm"):
        raise _refuse(shown, f"tệp Word có macro (.{kind}): drafter không mở tệp có macro; hãy lưu lại dạng "
                             ".docx (Word: File → Save As → Word Document)")
    return kind


def _member(data: bytes, archive: zipfile.ZipFile, name: str, shown: str) -> bytes:
    return read_member(data, archive.getinfo(name), shown, MAX_PART_BYTES)


def _check_sizes(entries: list[zipfile.ZipInfo], shown: str) -> None:
    if len(entries) > MAX_ENTRIES:
        raise _refuse(shown, f"tệp nén có {len(entries)} phần, quá nhiều cho một văn bản")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise _refuse(shown, "tệp DOCX có phần bị mã hóa; hãy bỏ mật khẩu và lưu lại")
        size = entry.file_size
        total += size
        ratio = size / max(entry.compress_size, 1)
        if size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES or (size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise _refuse(shown, f"tệp DOCX giải nén ra quá lớn ({entry.filename}: {size / 2**20:.0f} MB, "
                                 f"nén {ratio:.0f} lần): có thể là tệp độc hại (zip bomb); drafter không mở")


def _main_kind(content_types: bytes) -> str | None:
    text = content_types.decode("utf-8", errors="replace")
    for content_type, kind in MAIN_TYPES.items():
        if content_type in text:
            return kind
    return None


def open_docx(path: Path | str, *, shown: str | None = None) -> DocxDocument:
    """A python-docx Document, or UnreadableDocument with a message naming what is wrong."""
    shown = shown or str(path)
    return parse_docx(read_bytes(path, shown=shown), shown)


def parse_docx(data: bytes, shown: str) -> DocxDocument:
    """A Document from bytes already in memory (an upload, a template), through the same checks."""
    check_package(data, shown)
    from docx import Document

    try:
        return Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml and package errors
        raise _refuse(shown, f"tệp DOCX bị hỏng, không đọc được ({exc.__class__.__name__})") from None


#: The transitional spelling LibreOffice writes for the core-properties relationship; python-docx
#: only knows the strict one and would add a second docProps/core.xml beside it.
_ALT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"


def drop_foreign_core_properties(document: DocxDocument) -> None:
    """Forget core properties python-docx cannot read, so setting ours writes one core.xml, not two."""
    rels = document.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype == _ALT_CORE_PROPERTIES:
            rels.pop(r_id)


def to_bytes(document: DocxDocument) -> bytes:
    """Serialise with fixed zip timestamps: the same inputs give the same bytes. The parts are
    zipped once, in python-docx's order (python-docx's own save stamps the time of day, and
    zipping its output again cost a draft about 20 ms)."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = _Stamped(archive)
        # PackageWriter.write's three steps, with our writer in place of the one it would open.
        PackageWriter._write_content_types_stream(writer, package.parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, package.parts)
    return buffer.getvalue()


class _Stamped:
    """python-docx's physical writer (its write(pack_uri, blob)), with every entry stamped ZIP_STAMP."""

    def __init__(self, archive: zipfile.ZipFile):
        self._archive = archive

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=ZIP_STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        self._archive.writestr(info, blob)


def document_text(path: Path | str) -> str:
    """All paragraph text, then every table cell's text, of a DOCX (for similarity measures)."""
    document = open_docx(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
