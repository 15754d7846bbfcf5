"""What every page shares: the server's settings, the profile list it offers, rendering with a
CSRF token, and the CLI's messages said in the page's words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.templating import Jinja2Templates

from ..errors import UserError
from ..inputs.profile import bundled_profiles
from . import security

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
KIND_LABELS = {"nq47": "Kế hoạch thực hiện Nghị quyết 47/NQ-CP", "annual": "Kế hoạch thông tin đối ngoại hằng năm"}
EXPIRED = "Phiên làm việc đã hết hạn: tải lại trang rồi gửi lại."

#: The library speaks to the command line ("dùng --date …"); on a page the same advice names the
#: field to fill. Longest phrases first.
_FLAG_WORDS = (
    ("dùng --date YYYY-MM-DD để điền", "điền vào ô «Ngày ban hành»"),
    ("Dùng --force để ghi đè (bản cũ được giữ lại làm bản sao lưu), hoặc --out để ghi nơi khác.",
     "Đánh dấu «Ghi đè bản đã có người sửa» để ghi đè (bản cũ được giữ lại làm bản sao lưu)."),
    ("dùng --kind annual", f"chọn loại «{KIND_LABELS['annual']}»"),
    ("dùng --year để chọn năm khác", "điền ô «Năm kế hoạch» để chọn năm khác"),
    ("dùng --basis", "điền ô «Căn cứ thêm»"),
    ("--basis", "Căn cứ thêm"),
    ("--date", "Ngày ban hành"),
    ("--year", "năm kế hoạch"),
)
_LEFT_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


@dataclass(frozen=True)
class Settings:
    out_dir: Path
    profiles_dir: Path | None = None  # the user's own profiles, beside the bundled ones
    host: str | None = None  # `drafter serve --host`: a name the page answers to besides loopback ones


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def profile_choices(settings: Settings) -> dict[str, Path]:
    """Profile id → file; a user's profile with a bundled id is not offered twice (validate refuses it)."""
    found = {p.stem: p for p in bundled_profiles()}
    if settings.profiles_dir and settings.profiles_dir.is_dir():
        for path in sorted(settings.profiles_dir.glob("*.yaml")):
            found.setdefault(path.stem, path)
    return found


def for_page(message: str) -> str:
    """A library message with its command-line advice turned into the page's field names."""
    for flag, words in _FLAG_WORDS:
        message = message.replace(flag, words)
    return _LEFT_FLAG.sub(lambda m: f"«{m.group(0)}» (dòng lệnh)", message)


def year_field(value, label: str) -> int | None:
    """A year typed in a form as a number (empty: None); its range is the library's one rule
    (limits.check_year), said where the year is used."""
    text = str(value or "").strip()
    if not text:
        return None
    if len(text) > 16:  # Python refuses to read numbers of thousands of digits; no year is that long
        raise UserError(f"{label}: {text[:20]!r}… không phải một năm")
    try:
        return int(text)
    except ValueError:
        raise UserError(f"{label}: {text!r} không phải số") from None


def csrf_ok(request: Request, form) -> bool:
    return security.token_ok(request.cookies.get(security.CSRF_COOKIE), form.get("csrf"))


async def posted_form(request: Request, max_fields: int, *, multi: tuple[str, ...] = ()) -> dict[str, str] | None:
    """A posted form without files, as text fields; None when its CSRF token is not ours. A field
    named in `multi` (ticked boxes of one name) keeps every value, one per line."""
    posted = await read_form(request, max_files=0, max_fields=max_fields)
    form = {key: str(value) for key, value in posted.items()}
    form.update({key: "\n".join(str(v) for v in posted.getlist(key)) for key in multi if key in posted})
    return form if csrf_ok(request, form) else None


async def read_form(request: Request, *, max_files: int, max_fields: int):
    """The posted form, refused (a Vietnamese 400 page) past max_fields or max_files. Starlette
    counts the fields of a urlencoded form only from some release on; below it, thousands of
    unknown fields went through, so they are counted here too."""
    from starlette.exceptions import HTTPException

    posted = await request.form(max_files=max_files, max_fields=max_fields)
    items = posted.multi_items()
    files = sum(1 for _, value in items if not isinstance(value, str))
    if len(items) - files > max_fields or files > max_files:
        await posted.close()
        raise HTTPException(400)
    return posted


def expired() -> Response:
    return error_page(403, EXPIRED)


#: What each refusal is called on the page, in place of the English HTTP phrase.
STATUS_TITLES = {400: "Yêu cầu không hợp lệ", 403: "Bị từ chối", 404: "Không có trang này",
                 405: "Trang này không nhận cách gửi đó", 411: "Thiếu kích thước dữ liệu", 413: "Dữ liệu quá lớn",
                 500: "Lỗi bất ngờ", 503: "Máy đang bận"}


def error_page(status: int, message: str) -> Response:
    """An error in the site's layout, with a way home. Needs no request: the guard answers with it
    before any route runs."""
    title = STATUS_TITLES.get(status, "Không thực hiện được")
    html = TEMPLATES.get_template("error.html").render(status=status, title=title, message=message)
    return HTMLResponse(html, status_code=status)


def render(request: Request, name: str, *, status: int = 200, **context) -> Response:
    token = request.cookies.get(security.CSRF_COOKIE)
    token = token if security.signed(token) else security.new_token()
    context.update(csrf=token, profiles=sorted(profile_choices(settings_of(request))), kinds=KIND_LABELS)
    response = TEMPLATES.TemplateResponse(request, name, context, status_code=status)
    response.set_cookie(security.CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response
