"""The routes of `drafter serve`. Each one reads a form, calls the library (drafter.api) and renders
a page; errors the library raises for bad input become a message on the page, never a traceback.

Profiles are chosen by id from a list the server builds (bundled ones and the user's folder);
downloads are names the server handed out (security.OUTPUT_NAME), looked up inside the output
folder only. The profile pages live in profile_pages.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from .. import api
from ..errors import UserError
from ..inputs.kinds import kind_names
from ..text import vn
from . import profile_pages, review_pages, security
from .pages import Settings, expired, for_page, posted_form, profile_choices, render, settings_of

__all__ = ["Settings", "create_app", "profile_choices"]

OUTLINE_LIMIT = 400  # paragraphs shown as the text outline
PREVIEW_DPI = 50  # a page a browser shows at a glance; the PDF is there for reading


async def home(request: Request) -> Response:
    # The year is left empty: the library's rule (api.resolve_year) picks it from the kind and the
    # date the person enters, exactly as on the command line, and the result page says which year.
    return render(request, "draft.html", form={"kind": "nq47", "year": "", "preview": "on", "detail": "standard"},
                  year_rule=_year_rule(), can_preview=_can_preview())


async def draft(request: Request) -> Response:
    settings = settings_of(request)
    form = await posted_form(request, max_fields=16)
    if form is None:
        return expired()
    try:
        path = profile_choices(settings).get(str(form.get("profile", "")))
        if path is None:
            raise UserError("Chọn một hồ sơ tỉnh trong danh sách.")
        kind = str(form.get("kind", ""))
        if kind not in kind_names():
            raise UserError(f"Loại kế hoạch {kind!r} không có; chọn một loại trong danh sách.")
        detail = str(form.get("detail") or "standard")
        api.check_detail(detail)
        result = api.draft_plan(path, kind=kind, year=_year(form.get("year")), detail=detail,
                                date=_date(form.get("date")), out_dir=settings.out_dir,
                                force=form.get("force") == "on", extra_bases=_lines(form.get("bases")),
                                use_overrides=form.get("no_overrides") != "on", user_dir=settings.profiles_dir)
    except UserError as exc:
        return render(request, "draft.html", form=form, error=for_page(str(exc)), can_preview=_can_preview(),
                      year_rule=_year_rule(), status=400)
    notices = [for_page(n) for n in result.notices]
    pages, pdf = [], None
    if form.get("preview") == "on" and _can_preview():
        pages, pdf, problem = _previews(result.path)
        if problem:
            notices.append(f"Không xem trước được từng trang: {problem}")
    root = settings.out_dir
    optional = _optional(path, kind, result) if result.omitted else []
    return render(request, "result.html", form=form, notices=notices, download=_name(result.path, root),
                  optional=optional,
                  pdf=_name(pdf, root) if pdf else None, pages=[_name(p, root) for p in pages],
                  outline=[] if pages else _outline(result.path))


def _optional(profile: Path, kind: str, result) -> list[tuple[str, str]]:
    """What the draft left out for length, with its words: a person on the page adds one back by
    its id in the profile (tasks: {add_optional: […]}) instead of deleting ten from the draft."""
    texts = dict(api.optional_texts(profile, kind=kind, year=result.year, date=result.date))
    return [(ident, texts.get(ident, "")) for ident in result.omitted]


async def download(request: Request) -> Response:
    named = security.output_name(f"{request.path_params['slug']}/{request.path_params['file']}")
    if named is None:
        return PlainTextResponse("Không có tệp này.", status_code=404)
    root = settings_of(request).out_dir.resolve()
    target = (root / named[0] / named[1]).resolve()
    if root not in target.parents or not target.is_file() or target.is_symlink():
        return PlainTextResponse("Không có tệp này.", status_code=404)
    if target.suffix == ".png":  # shown in the page, not saved
        return FileResponse(target, media_type="image/png")
    return FileResponse(target, filename=f"{named[0]}-{named[1]}")


def create_app(settings: Settings) -> Starlette:
    app = Starlette(routes=[
        Route("/", home),
        Route("/draft", draft, methods=["POST"]),
        *review_pages.ROUTES,
        *profile_pages.ROUTES,
        Route("/files/{slug}/{file}", download),
    ])
    app.state.settings = settings
    return app


def _name(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def _year(value) -> int | None:
    """The year field: empty lets the rule decide (api.resolve_year)."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise UserError(f"Năm kế hoạch: {text!r} không phải số") from None


def _year_rule() -> str:
    """What an empty year field means today, said with the rule's own results."""
    today = dt.date.today()
    nq47 = api.resolve_year(None, None, "nq47", today).year
    annual = api.resolve_year(None, None, "annual", today).year
    return (f"bỏ trống: năm của ngày ban hành (không có ngày: năm nay, {nq47}); kế hoạch hằng năm ký trong quý IV "
            f"là cho năm sau (không có ngày: {annual})")


def _date(value) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return vn.parse_date(text)
    except ValueError as exc:
        raise UserError(f"Ngày ban hành: {exc}") from None


def _lines(value) -> list[str]:
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _can_preview() -> bool:
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
        pdf = preview.to_pdf(docx)
        return preview.to_png(pdf, PREVIEW_DPI), pdf, None
    except UserError as exc:
        return [], None, str(exc)


def _outline(path: Path) -> list[str]:
    """The draft's text, paragraph by paragraph: the preview when LibreOffice is not installed."""
    from docx import Document

    lines = [p.text for p in Document(str(path)).paragraphs if p.text.strip()]
    return lines[:OUTLINE_LIMIT]
