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
from . import labels, profile_form, profile_rows
from .pages import Settings, expired, for_page, posted_form, profile_choices, render, settings_of, year_field

NO_FOLDER = ("Chưa có thư mục hồ sơ của bạn (thư mục hồ sơ có sẵn của drafter chỉ để xem): khởi động với "
             "`drafter serve --profiles THƯ_MỤC`.")
FORM_LIMIT = 2**20  # a profile is a few kilobytes; its form no more
EMPTY_ROWS = 2  # empty rows under each list, for a browser without JavaScript
FORM_FIELDS = 3000  # every box of a long profile (documents, tasks) and its empty rows


@cache
def profile_fields() -> tuple[profile_form.Field, ...]:
    from ..inputs.schema import registry as schema_registry
    from ..inputs.schema import schema

    return profile_form.fields_of(schema("profile"), schema_registry().all())


def user_folder(settings: Settings) -> Path | None:
    """The user's own profiles folder, or None. Never the folder of the profiles shipped with
    drafter: run from a checkout, `drafter serve` defaults `--profiles` to profiles/, which is that
    folder, and its 38 profiles were listed as the user's own and editable."""
    from ..inputs.overrides import is_bundled

    folder = settings.profiles_dir
    if folder is None or not folder.is_dir() or is_bundled(folder / "x.yaml"):
        return None
    return folder


def editable(settings: Settings, path: Path) -> bool:
    from ..inputs.overrides import is_bundled

    folder = user_folder(settings)
    return folder is not None and not is_bundled(path) and path.resolve().parent == folder.resolve()


def keep_in_profile(settings: Settings, path: Path, keep: list[str]) -> str:
    """Ticked texts written into the user's profile (tasks: add_optional), so that next year's
    draft keeps them too: validated as the form's own save is, comments and order kept."""
    if not editable(settings, path):
        raise UserError(f"{path.stem} là hồ sơ có sẵn: không ghi được; sao chép hồ sơ vào thư mục của bạn "
                        "(«Tạo hồ sơ từ mẫu này») để lần sau cũng giữ.")
    current = profile_edit.open_profile(path)
    tasks = current.data.get("tasks") if isinstance(current.data.get("tasks"), dict) else {}
    kept = sorted(set(tasks.get("add_optional") or ()) | set(keep))
    text = profile_edit.edited_text(current, {("tasks", "add_optional"): kept})
    checked = profile_edit.check_text(text, path.stem)
    if not checked.ok:
        raise UserError(f"Không ghi được vào hồ sơ {path.stem}: hồ sơ đang có lỗi; mở «Hồ sơ tỉnh» để sửa.")
    profile_edit.save_text(current, text, expected_sha256=current.sha256)
    return f"Đã ghi {len(keep)} nội dung được giữ vào hồ sơ {path.stem}: lần soạn sau cũng giữ."


def _user_folder(settings: Settings) -> Path:
    folder = user_folder(settings)
    if folder is None:
        raise UserError(NO_FOLDER)
    return folder


def _units() -> list[tuple[str, str]]:
    units = sorted(registry.bundled().units, key=lambda u: registry.fold(u.name))
    return [(u.id, u.unit_name.full) for u in units]


async def profiles(request: Request) -> Response:
    return _list_page(request)


def _list_page(request: Request, *, error: str | None = None, status: int = 200, form: dict | None = None) -> Response:
    settings = settings_of(request)
    choices = profile_choices(settings)
    mine = sorted(pid for pid, path in choices.items() if editable(settings, path))
    return render(request, "profiles.html", mine=mine, bundled=sorted(set(choices) - set(mine)), units=_units(),
                  folder=user_folder(settings), error=error, form=form or {}, status=status)


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
        year = year_field(form.get("year"), "Năm")
        if year is None:
            raise UserError("Năm: điền năm của hồ sơ, ví dụ 2027.")
        path = api.new_profile(unit.name, year=year, out_dir=folder)
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
    form = await posted_form(request, max_fields=FORM_FIELDS)
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
    text = profile_edit.edited_text(current, updates)
    checked = profile_edit.check_text(text, ident)
    if errors:  # the boxes that could not be read, and what validation says of the rest: all at once
        kept = [p for p in checked.problems if not any(p.field == n or p.field.startswith(n + ".")
                                                      or p.field.startswith(n + "[") for n in errors)]
        return _edit_page(request, ident, current, form, profile_edit.ProfileCheck(kept, checked.notes),
                          editable=True, form_errors={k: [v] for k, v in errors.items()}, status=400)
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
    return ident, path, editable(settings, path)


def _edit_page(request: Request, ident: str, current: profile_edit.ProfileFile, values: dict,
               checked: profile_edit.ProfileCheck, *, editable: bool, form_errors: dict | None = None,
               status: int = 200, **flags) -> Response:
    fields = profile_fields()
    placed, loose = profile_form.errors_by_field(fields, checked.problems)
    for name, messages in (form_errors or {}).items():
        placed.setdefault(name, []).extend(messages)
    advanced = {f.name for f in fields if f.advanced}
    hints = _registry_hints(ident, current.data)
    open_advanced = any(name.split(".")[0] in advanced for name in placed)

    def rows_for(f: profile_form.Field) -> list[int]:
        """The rows a field has, then EMPTY_ROWS more to fill without JavaScript."""
        have = profile_rows.row_numbers(f, values)
        start = max(have, default=-1) + 1
        return have + (list(range(start, start + EMPTY_ROWS)) if editable else [])

    return render(request, "profile.html", ident=ident, fields=fields, values=values, placed=placed,
                  open_advanced=open_advanced, hints=hints, folder=user_folder(settings_of(request)),
                  loose=loose, notes=[labels.note_for_page(n, fields) for n in checked.notes], editable=editable,
                  sha256=current.sha256, units=_units(), columns=profile_rows.columns,
                  key_choices=profile_rows.key_choices, rows_for=rows_for,
                  rows_filled=lambda f: bool(profile_rows.rows_text(f, values, str.strip)),
                  problems=sum(len(m) for m in placed.values()) + len(loose), status=status, **flags)


def _registry_hints(ident: str, data: dict) -> dict[str, str]:
    """For a profile that names its unit, what the registry fills in where the file says nothing,
    shown under (or greyed in) the empty boxes: a border the page would otherwise show as empty is there."""
    if not isinstance(data.get("province"), str):
        return {}
    try:
        expanded, _, _ = registry.expand(deepcopy(data), ident)
    except ProfileError:
        return {}
    fields = profile_fields()
    values = profile_form.form_values(fields, expanded)
    hints = {}
    for leaf in (leaf for f in fields for leaf in f.leaves()):
        if leaf.widget in profile_rows.ROW_WIDGETS:
            rows = profile_rows.rows_text(leaf, values, str.strip)
            if leaf.widget == "table":
                rows = [(labels.key_label(leaf.name, row[0]), *row[1:]) for row in rows]
            rows = [tuple(labels.value_label(c) if c else c for c in row) for row in rows]
            text = "; ".join(": ".join(c for c in row if c) for row in rows)
        else:
            text = values.get(leaf.name, "")
        if text:
            hints[leaf.name] = text
    return hints


ROUTES = [
    Route("/profiles", profiles),
    Route("/profiles/new", create, methods=["POST"]),
    Route("/profiles/{ident}", edit_form),
    Route("/profiles/{ident}", save, methods=["POST"]),
    Route("/profiles/{ident}/copy", copy, methods=["POST"]),
]
