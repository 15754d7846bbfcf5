"""The draft the page asked for, made in a worker process (jobs.py): the DOCX, then on request
its PDF and page images, and everything the result page shows, so that the server only renders.

Plain data in, plain data out (both cross a process boundary), and no web framework here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import api
from ..errors import UserError
from . import jobs

OUTLINE_LIMIT = 400  # paragraphs shown as the text outline
PREVIEW_DPI = 50  # a page a browser shows at a glance; the PDF is there for reading
DRAFTING = "Đang soạn kế hoạch…"
TO_PDF = "Đang chuyển sang PDF…"
TO_PNG = "Đang tạo ảnh trang…"


@dataclass(frozen=True)
class DraftOrder:
    """What the form asked for, already read (api.draft_plan's arguments)."""

    profile: Path
    kind: str
    out_dir: Path
    year: int | None = None
    date: dt.date | None = None
    detail: str = "standard"
    force: bool = False
    bases: tuple[str, ...] = ()
    use_overrides: bool = True
    user_dir: Path | None = None
    preview: bool = False
    keep: tuple[str, ...] = ()  # texts left out for length that the person ticked to keep


@dataclass(frozen=True)
class DraftPage:
    """What the result page shows; file names are relative to the output folder (/files/…)."""

    download: str
    notices: list[str] = field(default_factory=list)
    optional: list[tuple[str, str]] = field(default_factory=list)
    pdf: str | None = None
    pages: list[str] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)


def draft(order: DraftOrder) -> DraftPage:
    jobs.say(DRAFTING)
    result = api.draft_plan(order.profile, kind=order.kind, year=order.year, detail=order.detail, date=order.date,
                            out_dir=order.out_dir, force=order.force, extra_bases=list(order.bases),
                            use_overrides=order.use_overrides, user_dir=order.user_dir, keep_optional=order.keep)
    notices = list(result.notices)
    pages, pdf = [], None
    if order.preview and can_preview():
        pages, pdf, problem = _previews(result.path)
        if problem:
            notices.append(f"Không xem trước được từng trang: {problem}")
    root = order.out_dir
    return DraftPage(download=_name(result.path, root), notices=notices,
                     optional=_optional(order.profile, order.kind, result) if result.omitted else [],
                     pdf=_name(pdf, root) if pdf else None, pages=[_name(p, root) for p in pages],
                     outline=[] if pages else _outline(result.path))


def _optional(profile: Path, kind: str, result) -> list[tuple[str, str]]:
    """What the draft left out for length, with its words: a person on the page ticks one to keep
    it (a redraft with DraftOrder.keep) instead of deleting ten from the draft."""
    texts = dict(api.optional_texts(profile, kind=kind, year=result.year, date=result.date))
    return [(ident, texts.get(ident, "")) for ident in result.omitted]


def can_preview() -> bool:
    from ..docxio import preview

    try:
        preview.soffice(), preview.pdftoppm()
    except UserError:
        return False
    return True


def _previews(docx: Path) -> tuple[list[Path], Path | None, str | None]:
    """The draft as a PDF beside it and one PNG per page (LibreOffice, then poppler). A failed
    conversion is a notice: the DOCX is already written and is what matters."""
    from ..docxio import preview

    try:
        jobs.say(TO_PDF)
        pdf = preview.to_pdf(docx)
        jobs.say(TO_PNG)
        return preview.to_png(pdf, PREVIEW_DPI), pdf, None
    except UserError as exc:
        return [], None, str(exc)


def _outline(path: Path) -> list[str]:
    """The draft's text, paragraph by paragraph: the preview when LibreOffice is not installed."""
    from docx import Document

    lines = [p.text for p in Document(str(path)).paragraphs if p.text.strip()]
    return lines[:OUTLINE_LIMIT]


def _name(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()
