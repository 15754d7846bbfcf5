"""The profile pages: list, create from the registry (or copy), and edit in a form generated from
the profile schema. Saving writes the user's file only when the edited text validates exactly as
`drafter validate` would read it; otherwise every problem is shown next to its field, in the
CLI's own words.

Only files in the user's profiles folder are editable; bundled profiles are shown read-only and
can be copied there. A profile is named by its id, looked up in the list the server built.
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import ProfileError, UserError
from ..inputs import profile_edit, registry
from . import profile_form
from .pages import Settings, expired, for_page, posted_form, profile_choices, render, settings_of

FORM_LIMIT = 2**20  # a profile is a few kilobytes; its form no more


@cache
def profile_fields() -> tuple[profile_form.Field, ...]:
    from ..inputs.schema import registry as schema_registry
    from ..inputs.schema import schema

    return profile_form.fields_of(schema("profile"), schema_registry().all())


def _editable(settings: Settings, path: Path) -> bool:
    folder = settings.profiles_dir
    return folder is not None and folder.is_dir() and path.resolve().parent == folder.resolve()


def _user_folder(settings: Settings) -> Path:
    if settings.profiles_dir is None:
        raise UserError("Chưa có thư mục hồ sơ của bạn: khởi động với `drafter serve --profiles THƯ_MỤC`.")
    return settings.profiles_dir


def _units() -> list[tuple[str, str]]:
    units = sorted(registry.bundled().units, key=lambda u: registry.fold(u.name))
    return [(u.id, u.unit_name.full) for u in units]


async def profiles(request: Request) -> Response:
    return _list_page(request)


def _list_page(request: Request, *, error: str | None = None, status: int = 200, form: dict | None = None) -> Response:
    settings = settings_of(request)
    choices = profile_choices(settings)
    mine = sorted(pid for pid, path in choices.items() if _editable(settings, path))
    return render(request, "profiles.html", mine=mine, bundled=sorted(set(choices) - set(mine)), units=_units(),
                  folder=settings.profiles_dir, error=error, form=form or {}, status=status)


async def create(request: Request) -> Response:
    """A new profile from the registry (what `drafter new` writes), then its edit page."""
    settings = settings_of(request)
    form = await posted_form(request, max_fields=8)
    if form is None:
        return expired()
    from .. import api

    try:
        folder = _user_folder(settings)
        unit = registry.bundled().find(form.get("unit", ""))
        if unit is None:
            raise UserError("Chọn một tỉnh, thành phố trong danh sách.")
        year = form.get("year", "").strip()
        if not (year.isdigit() and 2000 <= int(year) <= 2100):
            raise UserError(f"Năm {year!r}: cần một năm trong khoảng 2000-2100, ví dụ 2027.")
        path = api.new_profile(unit.name, year=int(year), out_dir=folder)
    except UserError as exc:
        return _list_page(request, error=for_page(str(exc)).replace("--id", "mã hồ sơ"), status=400, form=form)
    return RedirectResponse(f"/profiles/{path.stem}?tao=1", status_code=303)


async def edit_form(request: Request) -> Response:
    found = _find(request)
    if isinstance(found, Response):
        return found
    ident, path, editable = found
    try:
        current = profile_edit.open_profile(path)
    except ProfileError as exc:
        return _list_page(request, error=f"{path.name} không đọc được; sửa tệp trong trình soạn thảo văn bản: {exc}",
                          status=400)
    checked = profile_edit.check_text(current.text, ident)
    return _edit_page(request, ident, current, profile_form.form_values(profile_fields(), current.data), checked,
                      editable=editable, saved=request.query_params.get("luu") == "1",
                      created=request.query_params.get("tao") == "1")


async def save(request: Request) -> Response:
    found = _find(request)
    if isinstance(found, Response):
        return found
    ident, path, editable = found
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit() or int(declared) > FORM_LIMIT:
        return _list_page(request, error="Biểu mẫu quá lớn.", status=413)
    form = await posted_form(request, max_fields=200)
    if form is None:
        return expired()
    if not editable:
        return _list_page(request, error=f"{ident} là hồ sơ có sẵn: sao chép vào thư mục của bạn để sửa.",
                          status=403)
    try:
        current = profile_edit.open_profile(path)
    except ProfileError as exc:
        return _list_page(request, error=str(exc), status=400)
    updates, errors = profile_form.read_form(profile_fields(), form, current.data)
    if errors:
        return _edit_page(request, ident, current, form, profile_edit.ProfileCheck(), editable=True,
                          form_errors={k: [v] for k, v in errors.items()}, status=400)
    text = profile_edit.edited_text(current, updates)
    checked = profile_edit.check_text(text, ident)
    if not checked.ok:
        return _edit_page(request, ident, current, form, checked, editable=True, status=400)
    try:
        profile_edit.save_text(current, text, expected_sha256=form.get("sha256", ""))
    except UserError as exc:
        return _edit_page(request, ident, current, form, checked, editable=True, error=str(exc), status=409)
    return RedirectResponse(f"/profiles/{ident}?luu=1", status_code=303)


async def copy(request: Request) -> Response:
    found = _find(request)
    if isinstance(found, Response):
        return found
    ident, path, _ = found
    settings = settings_of(request)
    form = await posted_form(request, max_fields=8)
    if form is None:
        return expired()
    try:
        folder = _user_folder(settings)
        new_id = form.get("new_id", "").strip()
        if new_id in profile_choices(settings):
            raise UserError(f"Đã có hồ sơ {new_id}; chọn mã khác.")
        target = profile_edit.copy_profile(path, folder, new_id)
    except UserError as exc:
        return _list_page(request, error=str(exc), status=400)
    return RedirectResponse(f"/profiles/{target.stem}?tao=1", status_code=303)


def _find(request: Request) -> tuple[str, Path, bool] | Response:
    """The profile the URL names, among the server's own list: a name, never a path."""
    ident = request.path_params["ident"]
    settings = settings_of(request)
    path = profile_choices(settings).get(ident) if registry.ID_PATTERN.fullmatch(ident) else None
    if path is None:
        return _list_page(request, error=f"Không có hồ sơ {ident[:80]!r}.", status=404)
    return ident, path, _editable(settings, path)


def _edit_page(request: Request, ident: str, current: profile_edit.ProfileFile, values: dict,
               checked: profile_edit.ProfileCheck, *, editable: bool, form_errors: dict | None = None,
               status: int = 200, **flags) -> Response:
    placed, loose = profile_form.errors_by_field(profile_fields(), checked.problems)
    for name, messages in (form_errors or {}).items():
        placed.setdefault(name, []).extend(messages)
    advanced = {f.name for f in profile_fields() if f.advanced}
    hints = _registry_hints(ident, current.data)
    open_advanced = any(name.split(".")[0] in advanced for name in placed)
    return render(request, "profile.html", ident=ident, fields=profile_fields(), values=values, placed=placed,
                  open_advanced=open_advanced, hints=hints,
                  loose=loose, notes=checked.notes, editable=editable, sha256=current.sha256, units=_units(),
                  problems=len(checked.problems) + len(form_errors or {}), status=status, **flags)


def _registry_hints(ident: str, data: dict) -> dict[str, str]:
    """For a profile that names its unit, what the registry fills in where the file says nothing,
    shown greyed in the empty boxes: a border the page would otherwise show as empty is there."""
    if not isinstance(data.get("province"), str):
        return {}
    try:
        expanded, _, _ = registry.expand(deepcopy(data), ident)
    except ProfileError:
        return {}
    return {name: f"theo danh mục: {text}" if "\n" not in text else f"theo danh mục:\n{text}"
            for name, text in profile_form.form_values(profile_fields(), expanded).items() if text}


ROUTES = [
    Route("/profiles", profiles),
    Route("/profiles/new", create, methods=["POST"]),
    Route("/profiles/{ident}", edit_form),
    Route("/profiles/{ident}", save, methods=["POST"]),
    Route("/profiles/{ident}/copy", copy, methods=["POST"]),
]
