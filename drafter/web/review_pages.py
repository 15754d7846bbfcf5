"""The review page: a reviewed DOCX in, the `drafter check` report out, with two copies to download
(each finding as a Word comment: `check --comments`; safe fixes as tracked changes: `drafter fix`);
on request the reviewer's edits recorded for next year (`drafter harvest`) and a comparison with
another plan (`drafter diff`, with the tracked-changes copy to download).

Uploads are bounded before they are read, written to a private temporary folder under a name the
server chose, and opened through the same DOCX seam as the CLI (zip bombs, XXE, non-DOCX → a
message, and the server keeps serving).
"""

from __future__ import annotations

import secrets
from functools import partial
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import UserError
from ..output import scratch_folder, write_scratch
from . import jobs
from .pages import Settings, csrf_ok, expired, for_page, profile_choices, read_form, render, settings_of
from .profile_pages import user_folder

UPLOAD_LIMIT = 20 * 2**20  # per file: a plan with pictures is a few MB; the DOCX seam bounds what it inflates to
REQUEST_LIMIT = 2 * UPLOAD_LIMIT + 2**20  # the plan, the plan it is compared with, and the form fields
COMPARE_FOLDER = "so-sanh"  # tracked-changes copies, under the output folder, each under a new random name
COMMENTS_FOLDER = "nhan-xet"  # copies with the findings as comments, likewise
FIXED_FOLDER = "ban-sua"  # copies with the safe fixes as tracked changes, likewise


async def review_form(request: Request) -> Response:
    return render(request, "review.html")


async def review(request: Request) -> Response:
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit() or int(declared) > REQUEST_LIMIT:
        return render(request, "review.html", status=413,
                      error=f"Tệp tải lên phải có kích thước và mỗi tệp nhỏ hơn {UPLOAD_LIMIT // 2**20} MB.")
    form = await read_form(request, max_files=2, max_fields=8)
    if not csrf_ok(request, form):
        return expired()
    reviewed = await _upload(form.get("file"))
    if reviewed is None:
        return render(request, "review.html", error="Chọn một tệp DOCX để kiểm tra.", status=400)
    other = await _upload(form.get("compare"))
    settings = settings_of(request)
    try:
        outcome = await jobs.run(request, partial(_review, harvest=form.get("harvest") == "on"), reviewed, other,
                                 settings)
    except UserError as exc:
        return render(request, "review.html", error=for_page(str(exc)), status=400)
    report = outcome["report"]
    from ..check.runner import SEVERITY_VN

    groups = {label: [f for f in report.findings if f.severity == key] for key, label in SEVERITY_VN.items()}
    return render(request, "report.html", groups=groups, shown=reviewed[0], **outcome)


async def _upload(upload) -> tuple[str, bytes] | None:
    """(the name shown, at most UPLOAD_LIMIT + 1 bytes) or None when no file was chosen."""
    if upload is None or isinstance(upload, str) or not upload.filename:
        return None
    data = await upload.read(UPLOAD_LIMIT + 1)
    return Path(upload.filename).name[:120], data


def _review(reviewed: tuple[str, bytes], other: tuple[str, bytes] | None, settings: Settings, *,
            harvest: bool) -> dict:
    """The check report first, always; the harvest and the comparison after it, each of whose
    problems becomes a notice on the report instead of losing it."""
    from ..check.runner import check_document  # the checker, harvester and diff load for reviews only

    for shown, data in (reviewed, *([other] if other else [])):
        if len(data) > UPLOAD_LIMIT:
            raise UserError(f"{shown}: tệp lớn hơn {UPLOAD_LIMIT // 2**20} MB")
    with scratch_folder("drafter-review-") as folder:
        path = folder / "upload.docx"
        write_scratch(path, reviewed[1])
        outcome = {"report": check_document(path, shown=reviewed[0]), "harvested": None, "changes": None,
                   "tracked": None, "compared": other[0] if other else None, "notices": []}
        outcome["commented"], outcome["fixed"] = _annotated(path, outcome["report"], settings)
        older = None
        if other:
            older = folder / "compare.docx"
            write_scratch(older, other[1])
        if harvest:
            try:
                outcome["harvested"] = _harvest(path, older, settings)
            except PageNotice as exc:
                outcome["notices"].append(f"Chưa ghi lại được sửa đổi: {exc}")
            except UserError as exc:
                outcome["notices"].append(f"Chưa ghi lại được sửa đổi: {for_page(str(exc))}")
        if older is not None:
            try:
                outcome["changes"], outcome["tracked"] = _compare(older, path, settings)
            except UserError as exc:
                outcome["notices"].append(f"Chưa so sánh được với {other[0]}: {for_page(str(exc))}")
        return outcome


def _annotated(path: Path, report, settings: Settings) -> tuple[str, tuple[str, object]]:
    """The commented copy and the fixed copy, each under a fresh name in the output folder (the
    upload's own name never reaches the file system)."""
    from .. import api

    commented = f"{COMMENTS_FOLDER}/{secrets.token_hex(16)}.docx"
    api.comment_copy(path, settings.out_dir / commented, report=report)
    fixed = f"{FIXED_FOLDER}/{secrets.token_hex(16)}.docx"
    return commented, (fixed, api.fix_copy(path, settings.out_dir / fixed))


class PageNotice(UserError):
    """A message already in the page's words (no command-line flag to translate)."""


def _harvest(path: Path, generated: Path | None, settings: Settings) -> list[str]:
    """What `drafter harvest --generated` does: the original from the compare field stands in
    for the data a program such as LibreOffice dropped. The profile is the one the draft recorded,
    looked up by id among the server's own profiles (a path inside an upload never reaches the file
    system), and the edits go only to the user's profiles folder."""
    from ..docxio import marks
    from ..docxio.package import open_docx
    from ..review.harvest import harvest

    folder = user_folder(settings)
    if folder is None:
        raise PageNotice("trang chưa có thư mục hồ sơ của bạn để ghi, nên không ghi gì (khởi động lại trang "
                         "bằng lệnh `drafter serve --profiles THƯ_MỤC`).")
    snapshot = marks.read_snapshot(open_docx(path))
    if snapshot is None and generated is not None:
        snapshot = marks.read_snapshot(open_docx(generated, shown="bản so sánh"))
        if snapshot is None:
            raise PageNotice("cả tệp đã sửa và bản ở ô «So sánh với kế hoạch khác» đều không còn dữ liệu gốc do "
                            "drafter ghi kèm; tải vào ô đó đúng bản DOCX drafter đã soạn.")
    if snapshot is None:
        raise PageNotice("tệp đã được lưu lại bằng chương trình khác nên mất dữ liệu gốc do drafter ghi kèm; "
                        "tải bản DOCX drafter đã soạn vào ô «So sánh với kế hoạch khác» rồi kiểm tra lại.")
    ident = snapshot.meta.profile or ""
    profile = profile_choices(settings).get(ident)
    if profile is None:
        raise PageNotice(f"hồ sơ {ident!r} ghi trong tệp không có ở máy này; chọn đúng thư mục hồ sơ.")
    result = harvest(path, profile=str(profile), generated=generated,
                     overrides_path=folder / "overrides" / f"{ident}.yaml")
    if not result.written:
        return ["Không có sửa đổi nào so với bản drafter đã tạo; không ghi tệp sửa đổi."]
    from .review_view import harvest_lines

    return [*harvest_lines(result.changes, snapshot),
            f"{len(result.changes)} thay đổi được ghi vào {result.overrides_path.name} trong thư mục hồ sơ của bạn; "
            "lần soạn sau tự áp dụng."]


def _compare(older: Path, newer: Path, settings: Settings) -> tuple[list, str]:
    """The differences as the page shows them, and the tracked-changes copy under a fresh name in
    the output folder (never an existing file: each comparison gets its own)."""
    from ..review.diff import diff
    from .review_view import change_views

    name = f"{COMPARE_FOLDER}/{secrets.token_hex(16)}.docx"
    changes = diff(older, newer, settings.out_dir / name)
    return change_views(changes), name


ROUTES = [Route("/review", review_form), Route("/review", review, methods=["POST"])]
