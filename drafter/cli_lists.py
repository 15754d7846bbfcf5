"""Commands that list or create things: profiles, new, roles, tasks, docs (registered on cli.app).

Kept apart from cli.py so each file stays short; they share its app, command class and error
boundary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_app import _parse_date, app, boundary
from .cli_vi import Command
from .limits import check_year


@app.command("profiles", cls=Command)
@boundary
def list_profiles() -> None:
    """Liệt kê các hồ sơ tỉnh có sẵn: hồ sơ hiện hành của 34 tỉnh, thành phố, rồi hồ sơ trước 01/7/2025."""
    from .inputs import registry
    from .inputs.catalogue import bundled
    from .inputs.profile import bundled_profiles, load_profile

    catalogue = bundled()
    loaded = [load_profile(path, catalogue) for path in bundled_profiles()]
    current, earlier = [p for p in loaded if p.current], [p for p in loaded if not p.current]
    for title, group in ((f"Hồ sơ hiện hành ({len(current)} tỉnh, thành phố từ 01/7/2025):", current),
                         ("Hồ sơ trước 01/7/2025 (để so với kế hoạch đã ban hành):", earlier)):
        if group:
            typer.echo(title)
        for p in group:
            typer.echo(f"  {p.id:<22} {p.full_name:<30} {p.as_of.isoformat()}")
    facts = registry.bundled()
    typer.echo(f"Danh mục {len(facts.units)} tỉnh, thành phố (drafter/data/provinces.yaml, {facts.version}): "
               + ", ".join(f"{n} thông tin {label}" for label, n in facts.labels.items())
               + "; bản soạn dùng thông tin UNVERIFIED sẽ có lưu ý.", err=True)


@app.command("new", cls=Command)
@boundary
def new_profile(
    name: Annotated[str, typer.Argument(help="Tên tỉnh, thành phố (ví dụ \"Tuyên Quang\", \"Hồ Chí Minh\").",
                                        metavar="TÊN_TỈNH")],
    year: Annotated[int | None, typer.Option(help="Năm ghi vào mã hồ sơ (mặc định: năm nay).", metavar="NĂM")] = None,
    out: Annotated[Path, typer.Option(help="Thư mục ghi hồ sơ.", metavar="THƯ_MỤC")] = Path("profiles"),
    ident: Annotated[str | None, typer.Option("--id", help="Mã hồ sơ (mặc định: <tỉnh>-<năm>), cũng là tên tệp.",
                                              metavar="MÃ")] = None,
) -> None:
    """Tạo hồ sơ tỉnh mới từ danh mục 34 tỉnh, thành phố; in đường dẫn tệp (hợp lệ ngay, chỉ cần sửa chỗ khác đi)."""
    from . import api

    path = api.new_profile(name, year=year, out_dir=out, ident=ident)
    typer.echo("Đã tạo hồ sơ; mở tệp, đọc các dòng chú thích (#) và sửa chỗ khác đi, rồi chạy drafter validate.",
               err=True)
    typer.echo(str(path))


@app.command("roles", cls=Command)
@boundary
def list_roles() -> None:
    """Liệt kê các vai trò cơ quan (khóa dùng trong agencies: của hồ sơ) và ý nghĩa."""
    from .inputs.catalogue import bundled

    for key, role in bundled().roles.items():
        marks = ", ".join(m for m, on in (("bắt buộc", role.required), ("tập thể", role.collective)) if on)
        fallback = f"; không khai thì giao {', '.join(role.fallback)}" if role.fallback else ""
        typer.echo(f"{key:<24} {role.label}" + (f" [{marks}]" if marks else "") + fallback)


@app.command(cls=Command)
@boundary
def tasks(
    group: Annotated[str | None, typer.Option(help="Chỉ nhóm này (g1 … g5).", metavar="NHÓM")] = None,
    role: Annotated[str | None, typer.Option(help="Chỉ nhiệm vụ mà vai trò này chủ trì hoặc phối hợp.",
                                             metavar="VAI_TRÒ")] = None,
    profile: Annotated[str | None, typer.Option(
        help="Điền tên tỉnh, cơ quan theo hồ sơ này (mặc định: hồ sơ mặc định).", metavar="HỒ_SƠ")] = None,
    on: Annotated[str | None, typer.Option(
        "--on", help="Dẫn văn bản còn hiệu lực vào ngày YYYY-MM-DD (mặc định: hôm nay).", metavar="NGÀY")] = None,
    optional: Annotated[bool, typer.Option(
        "--optional", help="Nội dung ít nguồn mà bản soạn bỏ cho vừa độ dài kế hoạch thật (theo --profile, "
        "--kind, --year); thêm lại bằng tasks: {add_optional: [mã]} trong hồ sơ.")] = False,
    kind: Annotated[str, typer.Option(help="Loại kế hoạch cho --optional: nq47 hoặc annual.", metavar="LOẠI")] = "nq47",
    year: Annotated[int | None, typer.Option(help="Năm kế hoạch cho --optional.", metavar="NĂM")] = None,
) -> None:
    """Liệt kê danh mục nhiệm vụ như bản soạn sẽ in (mã, thời gian, cơ quan chủ trì, nội dung)."""
    import datetime as dt

    from . import api

    if optional:
        day = _parse_date(on, "--on")
        chosen = check_year(year) if year is not None else (day or dt.date.today()).year
        left = api.optional_texts(profile, kind=kind, year=chosen, date=day)
        typer.echo(f"{len(left)} nội dung bản soạn để lại cho vừa độ dài (mã: nội dung); khai mã ở "
                   "tasks: {add_optional: […]} để giữ:")
        for ident, text in left:
            typer.echo(f"{ident}: {text}")
        return
    _print_listing(api.list_tasks(profile, group=group, role=role, on=_parse_date(on, "--on")))


def _print_listing(listing) -> None:
    """A header line, then each task: "mã · thời gian · chủ trì: …", its text, who it is for;
    wrapped to the terminal (80 columns when unknown)."""
    import shutil
    import textwrap

    from .text import vn

    width = max(60, min(shutil.get_terminal_size((80, 24)).columns, 120))
    profile = listing.profile
    typer.echo(textwrap.fill(f"{len(listing.lines)} nhiệm vụ, lời văn như bản soạn cho {profile.full_name} (hồ sơ "
                             f"{profile.id}), văn bản còn hiệu lực ngày {vn.short_date(listing.on)}; mỗi nhiệm vụ: "
                             "mã · thời gian · chủ trì, rồi nội dung", width))
    for line in listing.lines:
        typer.echo("")
        typer.echo(textwrap.fill(f"{line.id} · {line.time} · chủ trì: {'; '.join(line.leads)}", width,
                                 subsequent_indent="    "))
        texts = [line.text]
        if line.for_whom:
            outside = "" if line.applies else f"; {profile.full_name} không thuộc diện này"
            texts.append(f"[chỉ cho {', '.join(line.for_whom)}{outside}]")
        for text in texts:
            typer.echo(textwrap.fill(text, width, initial_indent="    ", subsequent_indent="    "))


@app.command("docs", cls=Command)
@boundary
def list_documents(
    on: Annotated[str | None, typer.Option("--on", help="Ngày YYYY-MM-DD (mặc định: hôm nay).", metavar="NGÀY")] = None,
    profile: Annotated[str | None, typer.Option(help="Thêm văn bản riêng của hồ sơ tỉnh này.", metavar="HỒ_SƠ")] = None,
) -> None:
    """Liệt kê văn bản còn hiệu lực vào một ngày (mức tin cậy, mã dùng trong dữ liệu): những gì drafter sẽ dẫn."""
    from .knowledge_report import documents_in_force

    for line in documents_in_force(_parse_date(on, "--on"), profile):
        typer.echo(line)


SERVE_PROFILES_HELP = "Thư mục hồ sơ tỉnh của bạn, tạo và sửa trên trang web (như `drafter new`)."


def _port(value: int) -> int:
    """A port is checked when the options are read, before anything starts (1-65535)."""
    from .web.server import PORTS

    if value not in PORTS:
        raise typer.BadParameter(f"cổng {value} không có; cổng phải từ 1 đến 65535 (ví dụ 8000)")
    return value


@app.command("serve", cls=Command)
@boundary
def serve(
    host: Annotated[str, typer.Option(help="Địa chỉ lắng nghe (mặc định: chỉ máy này).",
                                      metavar="ĐỊA_CHỈ")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Cổng (1-65535).", metavar="CỔNG", callback=_port)] = 8000,
    profiles: Annotated[Path, typer.Option(help=SERVE_PROFILES_HELP, metavar="THƯ_MỤC")] = Path("profiles"),
    out: Annotated[Path, typer.Option(help="Thư mục đầu ra.", metavar="THƯ_MỤC")] = Path("outputs"),
) -> None:
    """Mở trang web soạn kế hoạch trên máy này (không cần dòng lệnh): chọn tỉnh, soạn, xem lưu ý, tải DOCX."""
    from .web import server
    from .web.app import Settings, create_app

    sock = server.listen(host, port)  # a busy or forbidden port is said before "đang chạy"
    if host not in server.LOCAL_HOSTS:
        typer.echo(f"Cảnh báo: trang mở cho mọi máy truy cập được {host}; chỉ dùng trong mạng tin cậy.", err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"drafter đang chạy ở http://{shown}:{port}/ (Ctrl+C để dừng); hồ sơ của bạn: {profiles}; "
               f"bản soạn: {out}", err=True)
    server.run(create_app(Settings(out_dir=out.resolve(), profiles_dir=profiles.resolve(), host=host)), sock)
