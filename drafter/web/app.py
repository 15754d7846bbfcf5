"""The routes of `drafter serve`. Each one reads a form, hands the work to a worker process
(jobs.py) and renders a page; errors the library raises for bad input become a message on the
page, never a traceback, and every refusal or failure is a page in Vietnamese (error_page).

Profiles are chosen by id from a list the server builds (bundled ones and the user's folder);
downloads are names the server handed out (security.OUTPUT_NAME), looked up inside the output
folder only. The profile pages live in profile_pages.py, the review page in review_pages.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import re

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import api
from ..errors import UserError
from ..inputs.kinds import kind_names
from ..plan.year import current_day
from ..text import vn
from . import drafting, jobs, labels, profile_pages, review_pages, security
from .guard import Guard
from .pages import (
    Settings,
    error_page,
    expired,
    for_page,
    posted_form,
    profile_choices,
    render,
    settings_of,
    year_field,
)

__all__ = ["Settings", "create_app", "profile_choices"]

LOG = logging.getLogger("drafter.web")
DRAFT_LIMITS = jobs.Limits(seconds=120.0)  # a draft with previews; said on the page when passed
GONE = ("Không có bản soạn này: việc đã xong quá lâu nên không còn được giữ, hoặc do một trình duyệt khác "
        "bắt đầu. Soạn lại từ trang chủ.")
KEEP_LIMIT = 200  # boxes of texts left out for length (a standard draft leaves about 50)
KEEP_ID = re.compile(r"(?:task:)?[a-z0-9][a-z0-9._-]{0,80}")
#: The draft form's fields sent again by the result page's "soạn lại, giữ nội dung đã chọn".
RESEND = ("profile", "kind", "year", "date", "detail", "preview", "bases", "no_overrides")
ERROR_WORDS = {400: "Biểu mẫu gửi lên không đọc được (hỏng, quá nhiều ô hoặc tệp không được nhận): tải lại "
                    "trang rồi gửi lại.",
               404: "Không có trang này. Kiểm tra lại địa chỉ, hoặc về trang chủ.",
               405: "Địa chỉ này chỉ nhận biểu mẫu gửi từ trang drafter: về trang chủ và dùng biểu mẫu."}


async def home(request: Request) -> Response:
    # The year is left empty: the library's rule (api.resolve_year) picks it from the kind and the
    # date the person enters, exactly as on the command line, and the result page says which year.
    return _form_page(request, {"kind": "nq47", "year": "", "preview": "on", "detail": "standard"})


def _form_page(request: Request, form: dict, *, error: str | None = None, status: int = 200) -> Response:
    return render(request, "draft.html", form=form, error=error, year_rule=_year_rule(),
                  can_preview=drafting.can_preview(), status=status)


async def draft(request: Request) -> Response:
    """Starts the draft in a worker and sends the browser to its progress page."""
    settings = settings_of(request)
    form = await posted_form(request, max_fields=16 + KEEP_LIMIT, multi=("keep",))
    if form is None:
        return expired()
    try:
        order = _order(form, settings)
        if order.keep and form.get("save_keep") == "on":
            form["saved_keep"] = profile_pages.keep_in_profile(settings, order.profile, list(order.keep))
        job = jobs.start(request, drafting.draft, order, memo=form, limits=DRAFT_LIMITS)
    except jobs.Busy as exc:
        return _form_page(request, form, error=str(exc), status=503)
    except UserError as exc:
        return _form_page(request, form, error=for_page(str(exc)), status=400)
    return RedirectResponse(f"/draft/{job.id}", status_code=303)


def _order(form: dict, settings: Settings) -> drafting.DraftOrder:
    """The form read and checked as far as it can be without drafting."""
    path = profile_choices(settings).get(str(form.get("profile", "")))
    if path is None:
        raise UserError("Chọn một hồ sơ tỉnh trong danh sách.")
    kind = str(form.get("kind", ""))
    if kind not in kind_names():
        raise UserError(f"Loại kế hoạch {kind!r} không có; chọn một loại trong danh sách.")
    detail = str(form.get("detail") or "standard")
    api.check_detail(detail)
    return drafting.DraftOrder(path, kind, settings.out_dir, year=year_field(form.get("year"), "Năm kế hoạch"),
                               date=_date(form.get("date")),
                               detail=detail, force=form.get("force") == "on", bases=tuple(_lines(form.get("bases"))),
                               use_overrides=form.get("no_overrides") != "on", user_dir=settings.profiles_dir,
                               preview=form.get("preview") == "on", keep=_kept(form.get("keep")))


def _kept(value) -> tuple[str, ...]:
    """The ticked texts left out for length: ids the result page offered (a forged one matches
    nothing the draft leaves out, and changes nothing)."""
    ids = tuple(dict.fromkeys(line.strip() for line in str(value or "").splitlines() if line.strip()))
    if len(ids) > KEEP_LIMIT or any(not KEEP_ID.fullmatch(i) for i in ids):
        raise UserError("Danh sách nội dung giữ lại không đọc được: soạn lại từ trang chủ.")
    return ids


async def draft_job(request: Request) -> Response:
    """While the job runs: what it is doing (the page polls draft_status). Then: the result page,
    or the form again with the library's message."""
    job = jobs.find(request, request.path_params["job"])
    if job is None:
        return error_page(404, GONE)
    if not job.done:
        return render(request, "progress.html", stage=job.stage, status_url=f"/draft/{job.id}/status")
    if job.error is not None:
        said = labels.error_for_page(job.error, profile_pages.profile_fields())
        return _form_page(request, job.memo, error=for_page(said), status=400)
    page: drafting.DraftPage = job.value
    fields = profile_pages.profile_fields()
    notices = [for_page(labels.notice_for_page(n, fields)) for n in page.notices]
    if job.memo.get("saved_keep"):
        notices.insert(0, job.memo["saved_keep"])
    path = profile_choices(settings_of(request)).get(job.memo.get("profile", ""))
    return render(request, "result.html", form=job.memo, notices=notices, resend=RESEND,
                  can_save=path is not None and profile_pages.editable(settings_of(request), path),
                  download=page.download, optional=page.optional, pdf=page.pdf, pages=page.pages,
                  outline=page.outline)


async def draft_status(request: Request) -> Response:
    job = jobs.find(request, request.path_params["job"])
    if job is None:
        return JSONResponse({"done": True, "stage": GONE}, status_code=404)
    return JSONResponse({"done": job.done, "stage": job.stage}, headers={"cache-control": "no-store"})


async def download(request: Request) -> Response:
    named = security.output_name(f"{request.path_params['slug']}/{request.path_params['file']}")
    missing = "Không có tệp này trong thư mục bản soạn."
    if named is None:
        return error_page(404, missing)
    root = settings_of(request).out_dir.resolve()
    target = (root / named[0] / named[1]).resolve()
    if root not in target.parents or not target.is_file() or target.is_symlink():
        return error_page(404, missing)
    if target.suffix == ".png":  # shown in the page, not saved
        return FileResponse(target, media_type="image/png")
    return FileResponse(target, filename=f"{named[0]}-{named[1]}")


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no such page, wrong method, a form it cannot parse) in Vietnamese;
    its English detail is never shown."""
    status = getattr(exc, "status_code", 400)
    response = error_page(status, ERROR_WORDS.get(status, "Không thực hiện được yêu cầu này."))
    if status == 405 and getattr(exc, "headers", None):
        response.headers["allow"] = exc.headers.get("allow", "GET")
    return response


async def server_error(request: Request, exc: Exception) -> Response:
    LOG.error("%s %s", request.method, request.url.path, exc_info=exc)
    return error_page(500, "Có lỗi bất ngờ trong drafter; lỗi đã được ghi vào nhật ký của máy chủ. "
                           "Về trang chủ và thử lại.")


def create_app(settings: Settings, *, pool: jobs.Pool | None = None) -> Starlette:
    pool = pool or jobs.Pool()

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()

    app = Starlette(routes=[
        Route("/", home),
        Route("/draft", draft, methods=["POST"]),
        Route("/draft/{job}", draft_job),
        Route("/draft/{job}/status", draft_status),
        *review_pages.ROUTES,
        *profile_pages.ROUTES,
        Route("/files/{slug}/{file}", download),
    ], middleware=[Middleware(Guard, served_host=settings.host)], lifespan=lifespan,
        exception_handlers={HTTPException: http_error, 500: server_error})
    app.state.settings = settings
    app.state.jobs = pool
    return app


def _year_rule() -> str:
    return _year_rule_on(current_day())


@functools.lru_cache(maxsize=4)
def _year_rule_on(today: dt.date) -> str:
    """What an empty year field means today, said with the rule's own results. Once a day: the
    rule loads the plan kinds (40 ms), which every visit of the home page would otherwise pay."""
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
