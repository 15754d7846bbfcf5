"""Command line: thin typer commands over drafter.api, drafter.profile and drafter.catalogue.

Each command parses its options, calls the library once and prints the result. User errors
(drafter.errors.UserError) are caught in one place, printed to stderr without a traceback and
exit 1; usage errors exit 2 (click's convention); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, api, preview
from .catalogue import bundled, kind_names, load_kind
from .errors import InputError, UserError
from .profile import bundled_profiles, load_profile, resolve_profile_path

app = typer.Typer(
    name="drafter",
    help="Soạn dự thảo Kế hoạch của UBND tỉnh về thông tin đối ngoại (KH-UBND) theo Nghị định 30/2020/NĐ-CP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _err(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)


def user_errors(func):
    """The one error boundary: a UserError becomes a message and exit 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            from .check.runner import UnreadableDocument

            _err(f"Lỗi: {exc}" if not isinstance(exc, InputError) else str(exc))
            # A file that is not a DOCX at all is exit 2, as for `drafter check`.
            raise typer.Exit(2 if isinstance(exc, UnreadableDocument) else 1) from None
        except KeyboardInterrupt:
            _err("Đã dừng theo yêu cầu (Ctrl-C); không có tệp nào bị ghi dở.")
            raise typer.Exit(130) from None

    return wrapper


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} không phải ngày dạng YYYY-MM-DD (ví dụ 2026-03-09)") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản.")] = False,
) -> None:
    """Soạn dự thảo Kế hoạch của UBND tỉnh về thông tin đối ngoại (KH-UBND) theo Nghị định 30/2020/NĐ-CP."""


@app.command()
@user_errors
def draft(
    profiles: Annotated[list[str] | None, typer.Argument(
        help="Hồ sơ tỉnh: tệp YAML hoặc mã hồ sơ có sẵn; nhiều hồ sơ thì soạn lần lượt (mặc định: hồ sơ mặc định).",
        show_default=False)] = None,
    kind: Annotated[str, typer.Option(help="Loại kế hoạch: nq47 hoặc annual.")] = api.DEFAULT_KIND,
    year: Annotated[int | None, typer.Option(help="Năm kế hoạch (mặc định: năm của --date, hoặc năm nay).")] = None,
    date: Annotated[str | None, typer.Option(
        help="Ngày ban hành YYYY-MM-DD; bỏ trống thì để “…” cho người soạn điền.")] = None,
    out: Annotated[Path, typer.Option(help="Thư mục đầu ra.")] = Path("outputs"),
    force: Annotated[bool, typer.Option(help="Ghi đè tệp đã bị sửa (bản cũ được sao lưu).")] = False,
    template: Annotated[Path | None, typer.Option(help="Mẫu DOCX khác mẫu có sẵn.")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm bản PDF bên cạnh (cần LibreOffice).")] = False,
    basis: Annotated[list[str] | None, typer.Option(
        "--basis", help="Thêm một căn cứ (văn bản của tỉnh, công văn hướng dẫn năm…); dùng nhiều lần được.")] = None,
    overrides: Annotated[Path | None, typer.Option(
        help="Tệp sửa đổi của người rà soát (mặc định: profiles/overrides/<hồ sơ>.yaml).")] = None,
    use_overrides: Annotated[bool, typer.Option(
        "--overrides-on/--no-overrides", help="Áp dụng sửa đổi của người rà soát các năm trước.")] = True,
) -> None:
    """Soạn kế hoạch; in đường dẫn mỗi tệp DOCX (dòng cuối là tệp cuối cùng)."""
    if pdf:
        preview.soffice()  # fail before drafting, not after, when LibreOffice is missing
    options = dict(kind=kind, year=year, date=_parse_date(date), out_dir=out, force=force, template=template,
                   extra_bases=basis or [], overrides_path=overrides, use_overrides=use_overrides)
    names = profiles or [None]
    if len(names) == 1:
        result = api.draft_plan(names[0], **options)
        for notice in result.notices:
            typer.echo(f"Lưu ý: {notice}", err=True)
        if pdf:
            typer.echo(f"PDF: {preview.to_pdf(result.path)}", err=True)
        typer.echo(str(result.path))
        return
    _draft_many(names, options, pdf)


def _draft_many(names: list[str], options: dict, pdf: bool) -> None:
    """Many provinces in one run: a failure is reported and the others still get drafted."""
    done, failed = [], []
    start = time.perf_counter()
    with typer.progressbar(names, label="Đang soạn", file=sys.stderr) as bar:
        for name in bar:
            try:
                result = api.draft_plan(name, **options)
                if pdf:
                    preview.to_pdf(result.path)
                done.append(result.path)
            except UserError as exc:
                failed.append(f"{name}: {exc}")
    for line in failed:
        _err(line)
    typer.echo(f"Đã soạn {len(done)}/{len(names)} kế hoạch trong {time.perf_counter() - start:.1f} giây"
               + (f"; {len(failed)} hồ sơ lỗi (xem ở trên)" if failed else ""), err=True)
    for path in done:
        typer.echo(str(path))
    if failed:
        raise typer.Exit(1)


@app.command("harvest")
@user_errors
def harvest_edits(
    edited: Annotated[Path, typer.Argument(help="Kế hoạch đã được người rà soát sửa (DOCX).")],
    profile: Annotated[str | None, typer.Option(help="Hồ sơ tỉnh (mặc định: hồ sơ ghi trong tệp).")] = None,
    generated: Annotated[Path | None, typer.Option(
        help="Bản DOCX gốc do drafter tạo, nếu tệp đã sửa không còn giữ dữ liệu gốc.")] = None,
    overrides: Annotated[Path | None, typer.Option(help="Tệp sửa đổi cần ghi (mặc định: cạnh hồ sơ).")] = None,
) -> None:
    """Ghi lại các sửa đổi của người rà soát để áp dụng cho các năm sau; dòng cuối in tệp sửa đổi."""
    from .harvest import harvest

    result = harvest(edited, profile=profile, generated=generated, overrides_path=overrides)
    for line in result.summary():
        typer.echo(f"- {line}", err=True)
    typer.echo(f"{len(result.changes)} thay đổi được ghi vào:", err=True)
    typer.echo(str(result.overrides_path))


@app.command("diff")
@user_errors
def diff_plans(
    old: Annotated[Path, typer.Argument(help="Kế hoạch cũ (DOCX).")],
    new: Annotated[Path, typer.Argument(help="Kế hoạch mới (DOCX).")],
    docx: Annotated[Path | None, typer.Option(
        "--docx", help="Ghi bản sao của kế hoạch mới có đánh dấu thay đổi (Track Changes).")] = None,
    years: Annotated[bool, typer.Option(
        "--years", help="Liệt kê cả các mục chỉ đổi năm (mặc định gộp thành một dòng).")] = False,
) -> None:
    """So sánh hai kế hoạch: nhiệm vụ, đoạn được thêm (+), bỏ (-), sửa (~)."""
    from .diff import diff, only_year_moved, year_shift

    changes = diff(old, new, docx)
    step = year_shift(changes)
    shifted = [c for c in changes if only_year_moved(c, step)]
    for change in changes:
        if years or change not in shifted:
            typer.echo(change.line())
    if shifted and not years:
        typer.echo(f"~ {len(shifted)} mục chỉ đổi năm kế hoạch ({step:+d} năm); xem đủ bằng --years")
    counts = {a: sum(1 for c in changes if c.action == a) for a in ("added", "removed", "reworded")}
    typer.echo(f"{counts['added']} thêm, {counts['removed']} bỏ, {counts['reworded']} sửa", err=True)
    if docx is not None:
        typer.echo(f"Bản có đánh dấu thay đổi: {docx}", err=True)


@app.command("preview")
@user_errors
def preview_file(
    file: Annotated[Path, typer.Argument(help="Tệp DOCX.")],
    png: Annotated[bool, typer.Option("--png", help="Xuất thêm ảnh PNG từng trang.")] = False,
    out: Annotated[Path | None, typer.Option(help="Thư mục đầu ra (mặc định: cạnh tệp DOCX).")] = None,
    resolution: Annotated[int, typer.Option(help="Độ phân giải PNG (dpi).")] = 60,
) -> None:
    """Xuất bản xem trước PDF (và PNG) qua LibreOffice; in đường dẫn các tệp đã tạo."""
    if png:
        preview.pdftoppm()
    pdf_path = preview.to_pdf(file, out)
    typer.echo(str(pdf_path))
    if png:
        for page in preview.to_png(pdf_path, resolution):
            typer.echo(str(page))


@app.command()
def validate(
    profiles: Annotated[list[str] | None, typer.Argument(help="Tệp hồ sơ YAML (hoặc mã hồ sơ có sẵn).")] = None,
    template: Annotated[list[Path] | None, typer.Option(
        "--template", help="Mẫu DOCX cần kiểm tra: liệt kê biến mẫu dùng mà không có dữ liệu.")] = None,
) -> None:
    """Kiểm tra hồ sơ tỉnh, danh mục nhiệm vụ và mẫu DOCX; in mỗi lỗi dạng tệp:dòng:cột: trường: thông báo."""
    failed = False
    try:
        catalogue = bundled()
        for name in kind_names():
            load_kind(name, catalogue)
    except InputError as exc:
        typer.echo(str(exc))
        raise typer.Exit(1) from None
    for name in profiles or []:
        try:
            loaded = load_profile(name, catalogue)
        except InputError as exc:
            failed = True
            typer.echo(str(exc))
        else:
            for note in loaded.notes:
                typer.echo(f"Lưu ý: {note}")
            typer.echo(f"{resolve_profile_path(name)}: hợp lệ ({loaded.full_name}, "
                       f"bộ máy tại {loaded.as_of.isoformat()})")
    for path in template or []:
        try:
            problems = api.check_template(path)
        except UserError as exc:
            failed = True
            typer.echo(str(exc))
            continue
        for problem in problems:
            typer.echo(f"{path}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            typer.echo(f"{path}: hợp lệ (mọi biến đều có dữ liệu)")
    if failed:
        raise typer.Exit(1)


@app.command("profiles")
@user_errors
def list_profiles() -> None:
    """Liệt kê các hồ sơ tỉnh có sẵn."""
    catalogue = bundled()
    for path in bundled_profiles():
        p = load_profile(path, catalogue)
        typer.echo(f"{p.id:<18} {p.full_name:<28} {p.as_of.isoformat()}")


@app.command()
@user_errors
def tasks(
    group: Annotated[str | None, typer.Option(help="Chỉ nhóm này (g1 … g5).")] = None,
    role: Annotated[str | None, typer.Option(help="Chỉ nhiệm vụ mà vai trò này chủ trì hoặc phối hợp.")] = None,
) -> None:
    """Liệt kê danh mục nhiệm vụ (mã, nhóm, thời gian, chủ trì, nội dung)."""
    catalogue = bundled()
    groups = {g.id for g in catalogue.groups}
    if group and group not in groups:
        raise UserError(f"--group {group!r} không có; các nhóm: {', '.join(sorted(groups))}")
    if role and role not in catalogue.roles:
        raise UserError(f"--role {role!r} không có; xem danh sách vai trò trong drafter/data/catalogue.yaml")
    for task in catalogue.tasks:
        if group and task.group != group:
            continue
        if role and role not in task.lead + task.partners:
            continue
        condition = f" [{', '.join(task.when)}]" if task.when else ""
        typer.echo(f"{task.id:<28} {task.time:<22} {'+'.join(task.lead):<34} {task.text}{condition}")


@app.command("check")
def check_files(
    files: Annotated[list[Path], typer.Argument(help="Tệp DOCX cần kiểm tra.")],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    rules: Annotated[str, typer.Option(help="Bộ quy tắc.")] = "nd30_2020",
) -> None:
    """Kiểm tra thể thức theo NĐ 30/2020: mỗi dòng một phát hiện; thoát 1 nếu có lỗi, 2 nếu không đọc được tệp."""
    from .check.runner import UnreadableDocument, check_document

    reports, unreadable = [], []
    for path in files:
        try:
            reports.append(check_document(path, rules))
        except UnreadableDocument as exc:
            unreadable.append(str(exc))
        except UserError as exc:
            _err(f"Lỗi: {exc}")
            raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps({"reports": [r.to_dict() for r in reports], "unreadable": unreadable},
                              ensure_ascii=False, indent=2))
    else:
        for report in reports:
            for finding in report.findings:
                typer.echo(f"{report.file}: {finding.line()}")
            typer.echo(report.summary())
    for message in unreadable:
        _err(message)
    if unreadable:
        raise typer.Exit(2)
    if not all(r.ok for r in reports):
        raise typer.Exit(1)


def run() -> None:  # pragma: no cover - console entry point alias
    sys.exit(app())
