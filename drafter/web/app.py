"""The routes of `drafter serve`. Each one reads a form, calls the library (drafter.api) and renders
a page; errors the library raises for bad input become a message on the page, never a traceback.

Profiles are chosen by id from a list the server builds (bundled ones and the user's folder);
downloads are named `<tỉnh>/<loại>-<năm>.docx` and looked up inside the output folder only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from .. import api
from ..check.runner import SEVERITY_VN
from ..errors import UserError
from ..inputs.kinds import kind_names
from ..inputs.profile import bundled_profiles
from . import security

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
KIND_LABELS = {"nq47": "Kế hoạch thực hiện Nghị quyết 47/NQ-CP", "annual": "Kế hoạch thông tin đối ngoại hằng năm"}
OUTLINE_LIMIT = 400  # paragraphs shown as the text outline
UPLOAD_LIMIT = 20 * 2**20  # a plan with pictures is a few MB; the DOCX seam bounds what it inflates to


@dataclass(frozen=True)
class Settings:
    out_dir: Path
    profiles_dir: Path | None = None  # the user's own profiles, beside the bundled ones


def profile_choices(settings: Settings) -> dict[str, Path]:
    """Profile id → file; a user's profile with a bundled id is not offered twice (validate refuses it)."""
    found = {p.stem: p for p in bundled_profiles()}
    if settings.profiles_dir and settings.profiles_dir.is_dir():
        for path in sorted(settings.profiles_dir.glob("*.yaml")):
            found.setdefault(path.stem, path)
    return found


def create_app(settings: Settings) -> Starlette:
    async def home(request: Request) -> Response:
        return page(request, "draft.html", form={"kind": "nq47", "year": str(dt.date.today().year + 1)})

    async def draft(request: Request) -> Response:
        form = dict(await request.form())
        if not security.token_ok(request.cookies.get(security.CSRF_COOKIE), form.get("csrf")):
            return PlainTextResponse("Phiên làm việc đã hết hạn: tải lại trang rồi gửi lại.", status_code=403)
        choices = profile_choices(settings)
        try:
            path = choices.get(str(form.get("profile", "")))
            if path is None:
                raise UserError("Chọn một hồ sơ tỉnh trong danh sách.")
            kind = str(form.get("kind", ""))
            if kind not in kind_names():
                raise UserError(f"Loại kế hoạch {kind!r} không có; chọn một loại trong danh sách.")
            year = _int(form.get("year"), "Năm kế hoạch")
            date = _date(form.get("date"))
            result = api.draft_plan(path, kind=kind, year=year, date=date, out_dir=settings.out_dir,
                                    force=form.get("force") == "on")
        except UserError as exc:
            return page(request, "draft.html", form=form, error=str(exc), status=400)
        name = result.path.relative_to(settings.out_dir).as_posix()
        return page(request, "result.html", form=form, notices=result.notices, download=name,
                    outline=_outline(result.path))

    async def review_form(request: Request) -> Response:
        return page(request, "review.html")

    async def review(request: Request) -> Response:
        """A reviewed DOCX → the `drafter check` report. The upload is bounded before it is read and
        opened through the same DOCX seam as the CLI (zip bombs, XXE, non-DOCX → a message)."""
        declared = request.headers.get("content-length")
        if declared is None or not declared.isdigit() or int(declared) > UPLOAD_LIMIT:
            return page(request, "review.html", error=f"Tệp tải lên phải có kích thước và nhỏ hơn "
                                                      f"{UPLOAD_LIMIT // 2**20} MB.", status=413)
        form = await request.form(max_files=1, max_fields=8)
        if not security.token_ok(request.cookies.get(security.CSRF_COOKIE), form.get("csrf")):
            return PlainTextResponse("Phiên làm việc đã hết hạn: tải lại trang rồi gửi lại.", status_code=403)
        upload = form.get("file")
        if upload is None or isinstance(upload, str) or not upload.filename:
            return page(request, "review.html", error="Chọn một tệp DOCX để kiểm tra.", status=400)
        data = await upload.read(UPLOAD_LIMIT + 1)
        shown = Path(upload.filename).name[:120]
        try:
            report, harvested = _review_bytes(data, shown, settings if form.get("harvest") == "on" else None)
        except UserError as exc:
            return page(request, "review.html", error=str(exc), status=400)
        groups = {label: [f for f in report.findings if f.severity == key] for key, label in SEVERITY_VN.items()}
        return page(request, "report.html", report=report, groups=groups, shown=shown, harvested=harvested)

    async def download(request: Request) -> Response:
        named = security.output_name(f"{request.path_params['slug']}/{request.path_params['file']}")
        if named is None:
            return PlainTextResponse("Không có tệp này.", status_code=404)
        root = settings.out_dir.resolve()
        target = (root / named[0] / named[1]).resolve()
        if root not in target.parents or not target.is_file() or target.is_symlink():
            return PlainTextResponse("Không có tệp này.", status_code=404)
        return FileResponse(target, filename=f"{named[0]}-{named[1]}")

    def page(request: Request, name: str, *, status: int = 200, **context) -> Response:
        token = request.cookies.get(security.CSRF_COOKIE) or security.new_token()
        context.update(csrf=token, profiles=sorted(profile_choices(settings)), kinds=KIND_LABELS)
        response = TEMPLATES.TemplateResponse(request, name, context, status_code=status)
        response.set_cookie(security.CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    return Starlette(routes=[
        Route("/", home),
        Route("/draft", draft, methods=["POST"]),
        Route("/review", review_form),
        Route("/review", review, methods=["POST"]),
        Route("/files/{slug}/{file}", download),
    ])


def _int(value, what: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise UserError(f"{what}: {value!r} không phải số") from None


def _date(value) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"Ngày ban hành {text!r} không đúng dạng YYYY-MM-DD") from None


def _review_bytes(data: bytes, shown: str, harvest_for: Settings | None):
    """Check an uploaded DOCX from a private temporary file (never a name the request chose) and,
    when asked, record the reviewer's edits for next year's draft (`drafter harvest`)."""
    import tempfile

    from ..check.runner import check_document  # the checker and harvester are loaded for reviews only

    with tempfile.TemporaryDirectory(prefix="drafter-review-") as folder:
        path = Path(folder) / "upload.docx"
        path.write_bytes(data[:UPLOAD_LIMIT])
        report = check_document(path, shown=shown)
        return report, (_harvest(path, harvest_for) if harvest_for else None)


def _harvest(path: Path, settings: Settings) -> list[str]:
    """The profile is the one the draft recorded, looked up by id among the server's own profiles:
    a path written inside an uploaded file never reaches the file system."""
    from ..docxio import marks
    from ..docxio.package import open_docx
    from ..review.harvest import harvest

    snapshot = marks.read_snapshot(open_docx(path))
    if snapshot is None:
        raise UserError("Tệp không còn dữ liệu gốc do drafter ghi kèm (đã lưu lại bằng chương trình khác?): "
                        "không ghi lại được sửa đổi; dùng `drafter harvest --generated` trên máy soạn.")
    profile = profile_choices(settings).get(snapshot.meta.profile or "")
    if profile is None:
        raise UserError(f"Hồ sơ {snapshot.meta.profile!r} ghi trong tệp không có ở máy này; chọn đúng thư mục hồ sơ.")
    result = harvest(path, profile=str(profile))
    if not result.written:
        return ["Không có sửa đổi nào so với bản drafter đã tạo; không ghi tệp sửa đổi."]
    return [*result.summary(), f"{len(result.changes)} thay đổi được ghi vào {result.overrides_path.name}; "
                                "lần soạn sau tự áp dụng."]


def _outline(path: Path) -> list[str]:
    """The draft's text, paragraph by paragraph: the preview when LibreOffice is not installed."""
    lines = [p.text for p in Document(str(path)).paragraphs if p.text.strip()]
    return lines[:OUTLINE_LIMIT]


