"""Command line: thin typer commands over the library (drafter.api, drafter.check, drafter.review).

Each command parses its options, calls the library once and prints the result. Every command
goes through one error boundary (`cli_app.boundary`): a UserError becomes its message on stderr and the
exception's own exit code (1 for bad or refused input, 2 for a usage error or an unreadable
document); anything else is a bug and keeps its traceback.

The library is imported inside each command, so `drafter draft` loads neither the checker nor the
reviewer tools, and `drafter --help` loads none of them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from .cli_app import _err, _parse_date, app, boundary
from .cli_vi import Command
from .errors import UsageError

DEFAULT_KIND = "nq47"  # drafter.inputs.kinds.DEFAULT_KIND, repeated here to keep --help light


@app.command(cls=Command)
@boundary
def draft(
    profiles: Annotated[list[str] | None, typer.Argument(
        help="Hồ sơ tỉnh: tệp YAML hoặc mã hồ sơ có sẵn; nhiều hồ sơ thì soạn lần lượt (mặc định: hồ sơ mặc định).",
        show_default=False, metavar="HỒ_SƠ...")] = None,
    kind: Annotated[str, typer.Option(help="Loại kế hoạch: nq47 hoặc annual.", metavar="LOẠI")] = DEFAULT_KIND,
    year: Annotated[int | None, typer.Option(
        help="Năm kế hoạch (mặc định: năm của --date, hoặc năm nay; kế hoạch năm (annual) ký trong quý IV: năm sau).",
        metavar="NĂM")] = None,
    date: Annotated[str | None, typer.Option(
        help="Ngày ban hành YYYY-MM-DD; bỏ trống thì để “…” cho người soạn điền.", metavar="NGÀY")] = None,
    out: Annotated[Path, typer.Option(help="Thư mục đầu ra.", metavar="THƯ_MỤC")] = Path("outputs"),
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã bị sửa (bản cũ được sao lưu).")] = False,
    template: Annotated[Path | None, typer.Option(help="Mẫu DOCX khác mẫu có sẵn.", metavar="TỆP_DOCX")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm bản PDF bên cạnh (cần LibreOffice).")] = False,
    basis: Annotated[list[str] | None, typer.Option(
        "--basis", help="Thêm một căn cứ (văn bản của tỉnh, công văn hướng dẫn năm…); dùng nhiều lần được.",
        metavar="CĂN_CỨ")] = None,
    overrides: Annotated[Path | None, typer.Option(
        help="Tệp sửa đổi của người rà soát (mặc định: overrides/<id>.yaml cạnh hồ sơ; hồ sơ có sẵn: "
             "profiles/overrides/<id>.yaml trong thư mục đang làm việc).", metavar="TỆP_YAML")] = None,
    no_overrides: Annotated[bool, typer.Option(
        "--no-overrides", help="Không áp dụng sửa đổi của người rà soát các năm trước.")] = False,
    detail: Annotated[str, typer.Option(
        help="Độ dài: brief (ngắn), standard (như kế hoạch thật cùng loại), full (mọi nội dung áp dụng được).",
        metavar="MỨC")] = "standard",
) -> None:
    """Soạn kế hoạch; in đường dẫn mỗi tệp DOCX (dòng cuối là tệp cuối cùng)."""
    from . import api

    if pdf:
        from .docxio import preview

        preview.soffice()  # fail before drafting, not after, when LibreOffice is missing
    options = dict(kind=kind, year=year, date=_parse_date(date), out_dir=out, force=force, template=template,
                   extra_bases=basis or [], overrides_path=overrides, use_overrides=not no_overrides, detail=detail)
    names = profiles or [None]
    if len(names) > 1:
        _draft_many(names, options, pdf)
        return
    result = api.draft_plan(names[0], **options)
    for notice in result.notices:
        typer.echo(f"Lưu ý: {notice}", err=True)
    if pdf:
        from .docxio import preview

        typer.echo(f"PDF: {preview.to_pdf(result.path, force=force)}", err=True)
    typer.echo(str(result.path))


def _draft_many(names: list[str], options: dict, pdf: bool) -> None:
    """Many provinces in one run: each profile's notices under its name, a failure reported and the
    others still drafted; nothing written if two profiles would write one file (api.draft_many)."""
    from . import api
    from .docxio import preview

    start = time.perf_counter()
    batch = api.draft_many(names, **options)
    for notice in batch.notices:
        typer.echo(f"Lưu ý: {notice}", err=True)
    items = batch.items
    done = [item for item in items if item.result]
    for item in items:
        if item.result:
            typer.echo(f"{item.name} → {item.result.path}", err=True)
            for notice in item.result.notices:
                typer.echo(f"  Lưu ý: {notice}", err=True)
            if pdf:
                typer.echo(f"  PDF: {preview.to_pdf(item.result.path, force=options['force'])}", err=True)
        else:
            _err(f"{item.name}: {item.error}")
    failed = len(items) - len(done)
    typer.echo(f"Đã soạn {len(done)}/{len(items)} kế hoạch trong {time.perf_counter() - start:.1f} giây"
               + (f"; {failed} hồ sơ lỗi (xem ở trên)" if failed else ""), err=True)
    for item in done:
        typer.echo(str(item.result.path))
    if failed:
        raise typer.Exit(1)


@app.command("harvest", cls=Command)
@boundary
def harvest_edits(
    edited: Annotated[Path, typer.Argument(help="Kế hoạch đã được người rà soát sửa (DOCX).", metavar="TỆP_DOCX")],
    profile: Annotated[str | None, typer.Option(help="Hồ sơ tỉnh (mặc định: hồ sơ ghi trong tệp).",
                                                metavar="HỒ_SƠ")] = None,
    generated: Annotated[Path | None, typer.Option(
        help="Bản DOCX gốc do drafter tạo, nếu tệp đã sửa không còn giữ dữ liệu gốc.", metavar="TỆP_DOCX")] = None,
    overrides: Annotated[Path | None, typer.Option(help="Tệp sửa đổi cần ghi (mặc định: như drafter draft).",
                                                   metavar="TỆP_YAML")] = None,
) -> None:
    """Ghi lại các sửa đổi của người rà soát để áp dụng cho các năm sau; dòng cuối in tệp sửa đổi."""
    from .review.harvest import harvest

    result = harvest(edited, profile=profile, generated=generated, overrides_path=overrides)
    if not result.written:
        typer.echo("Không có sửa đổi nào so với bản drafter đã tạo; không ghi tệp sửa đổi.", err=True)
        return
    for line in result.summary():
        typer.echo(f"- {line}", err=True)
    typer.echo(f"{len(result.changes)} thay đổi được ghi vào:", err=True)
    typer.echo(str(result.overrides_path))


@app.command("diff", cls=Command)
@boundary
def diff_plans(
    old: Annotated[Path, typer.Argument(help="Kế hoạch cũ (DOCX).", metavar="CŨ")],
    new: Annotated[Path, typer.Argument(help="Kế hoạch mới (DOCX).", metavar="MỚI")],
    docx: Annotated[Path | None, typer.Option(
        "--docx", help="Ghi bản sao của kế hoạch mới có đánh dấu thay đổi (Track Changes).",
        metavar="TỆP_DOCX")] = None,
    years: Annotated[bool, typer.Option(
        "--years", help="Liệt kê cả các mục chỉ đổi năm (mặc định gộp thành một dòng).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp --docx đã có.")] = False,
) -> None:
    """So sánh hai kế hoạch: nhiệm vụ, đoạn được thêm (+), bỏ (-), sửa (~)."""
    from .review.diff import diff, only_year_moved, year_shift

    changes = diff(old, new, docx, force=force)
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


@app.command("preview", cls=Command)
@boundary
def preview_file(
    file: Annotated[Path, typer.Argument(help="Tệp DOCX.", metavar="TỆP_DOCX")],
    png: Annotated[bool, typer.Option("--png", help="Xuất thêm ảnh PNG từng trang.")] = False,
    out: Annotated[Path | None, typer.Option(help="Thư mục đầu ra (mặc định: cạnh tệp DOCX).",
                                             metavar="THƯ_MỤC")] = None,
    resolution: Annotated[int, typer.Option(help="Độ phân giải PNG (dpi).", metavar="DPI")] = 60,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè PDF/PNG drafter không ghi (giữ bản sao lưu).")] = False,
) -> None:
    """Xuất bản xem trước PDF (và PNG) qua LibreOffice; in đường dẫn các tệp đã tạo."""
    from .docxio import preview

    if png:
        preview.pdftoppm()
    pdf_path = preview.to_pdf(file, out, force=force)
    typer.echo(str(pdf_path))
    if png:
        for page in preview.to_png(pdf_path, resolution, force=force):
            typer.echo(str(page))


@app.command(cls=Command)
@boundary
def validate(
    profiles: Annotated[list[str] | None, typer.Argument(
        help="Tệp hồ sơ YAML (hoặc mã hồ sơ có sẵn); không nêu: mọi dữ liệu kèm theo và mọi hồ sơ có sẵn.",
        metavar="HỒ_SƠ...")] = None,
    template: Annotated[list[Path] | None, typer.Option(
        "--template", help="Mẫu DOCX cần kiểm tra: liệt kê biến mẫu dùng mà không có dữ liệu.",
        metavar="TỆP_DOCX")] = None,
) -> None:
    """Kiểm tra hồ sơ tỉnh, danh mục nhiệm vụ và mẫu DOCX; lỗi (stderr) dạng tệp:dòng:cột: trường: thông báo."""
    from .validation import validate_inputs

    results = validate_inputs(profiles or [], template or [])
    for result in results:
        for note in result.notes:
            typer.echo(note, err=True)
        for line in result.lines:
            if result.ok:
                typer.echo(line)
            else:
                _err(line)
    if not all(r.ok for r in results):
        raise typer.Exit(1)


@app.command("check", cls=Command)
@boundary
def check_files(
    files: Annotated[list[Path], typer.Argument(help="Tệp DOCX cần kiểm tra.", metavar="TỆP_DOCX...")],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    rules: Annotated[list[str] | None, typer.Option(
        "--rules", help="Bộ quy tắc (dùng nhiều lần được): nd30_2020 (thể thức), trich_dan (trích dẫn văn bản), "
                        "noi_dung (nội dung); mặc định cả ba.", metavar="BỘ_QUY_TẮC")] = None,
    date: Annotated[str | None, typer.Option(
        help="Ngày của văn bản YYYY-MM-DD để xét trích dẫn (mặc định: ngày ghi ở dòng địa danh, ngày tháng).",
        metavar="NGÀY")] = None,
    profile: Annotated[str | None, typer.Option(
        help="Hồ sơ tỉnh có các văn bản riêng của tỉnh (để kiểm tra cả trích dẫn văn bản của tỉnh).",
        metavar="HỒ_SƠ")] = None,
    doc_type: Annotated[str | None, typer.Option(
        "--type", help="Loại văn bản khi không muốn để drafter đoán: ke_hoach, quyet_dinh, cong_van, bao_cao, "
                       "to_trinh, thong_bao, quy_che, quy_dinh, ban_sao, phu_luc… (mặc định: đoán từ tên loại, "
                       "số ký hiệu, “V/v”).", metavar="LOẠI")] = None,
    comments: Annotated[Path | None, typer.Option(
        "--comments", help="Ghi bản sao của tệp, mỗi lỗi và cảnh báo thành một nhận xét (comment) Word ở đoạn "
                           "văn liên quan (chỉ với một tệp).", metavar="TỆP_DOCX")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp --comments đã có.")] = False,
) -> None:
    """Kiểm tra thể thức (NĐ 30/2020), trích dẫn văn bản và nội dung: mỗi dòng một phát hiện; thoát 1 nếu có lỗi, 2 nếu không đọc được tệp."""  # noqa: E501
    import json

    from .check.runner import DEFAULT_RULESETS, check_many

    if comments is not None and len(files) != 1:
        raise UsageError("--comments: chỉ dùng với một tệp DOCX")
    if comments is not None:
        from .review.copies import guard_copy

        guard_copy(files[0], comments, force=force, option="--comments")  # refused before the check runs
    run = check_many(files, tuple(rules or DEFAULT_RULESETS), _parse_date(date), profile, doc_type)
    if as_json:
        typer.echo(json.dumps(run.to_dict(), ensure_ascii=False, indent=2))
    else:
        for report in run.reports:
            for finding in report.findings:
                typer.echo(f"{report.file}: {finding.line()}")
            typer.echo(report.summary())
    for message in run.unreadable:
        _err(message)
    if comments is not None and run.reports:
        from . import api

        done = api.comment_copy(files[0], comments, force=force, report=run.reports[0])
        typer.echo(f"Bản có nhận xét: {done.out} ({done.placed} nhận xét, {done.whole_document} về cả văn bản "
                   "đặt ở đoạn đầu)", err=True)
    raise typer.Exit(run.exit_code)


@app.command("fix", cls=Command)
@boundary
def fix_file(
    file: Annotated[Path, typer.Argument(help="Tệp DOCX cần sửa (không bị thay đổi).", metavar="TỆP_DOCX")],
    out: Annotated[Path, typer.Option("--out", help="Bản sao đã sửa (DOCX).", metavar="TỆP_DOCX")],
    text: Annotated[bool, typer.Option(
        "--text", help="Đề xuất cả sửa chữ (số 0 trong ngày tháng, “./.”, Tab đầu dòng, chữ in hoa) thành "
                       "chèn/xóa có đánh dấu.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp --out đã có.")] = False,
) -> None:
    """Sửa các lỗi thể thức sửa được an toàn thành thay đổi có đánh dấu (Track Changes) trong một bản sao; in những gì đã sửa, những gì để lại và vì sao."""  # noqa: E501
    from . import api

    result = api.fix_copy(file, out, text=text, force=force)
    for rule, count in sorted(result.fixed.items()):
        typer.echo(f"Đã sửa {rule}: {count}")
    for edit in result.edits:
        typer.echo(f"Sửa chữ: {edit}")
    for left in result.left:
        typer.echo(f"Để lại {left.line()}")
    typer.echo(f"{sum(result.fixed.values())} phát hiện đã sửa ({result.changes} thay đổi có đánh dấu), "
               f"{len(result.left)} để lại; lỗi theo drafter check: {result.errors_before} → {result.errors_after}",
               err=True)
    typer.echo(str(result.out))


from . import cli_lists  # noqa: E402,F401 - registers profiles, new, roles, tasks, docs on `app`


def run() -> None:  # pragma: no cover - the console entry point
    from .cli_start import only_the_command  # typer builds only the command that runs (cli_start)
    only_the_command(app)()
