"""Write docs/cli.md, the command reference, from the commands' own help (so it cannot drift).

Each command's help line, usage, arguments and options (with metavar, default and help text) are
read from the typer app, in the order `drafter --help` lists them. tests/test_docs.py fails when
docs/cli.md differs from what this script writes.

    python tools/cli_reference.py           # write docs/cli.md
    python tools/cli_reference.py --check   # exit 1 if docs/cli.md is out of step
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import typer
from typer import _click as click

from drafter.cli import app

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "docs" / "cli.md"

HEADER = """# Các lệnh của drafter (tham chiếu)

<!-- Tệp sinh tự động bởi `python tools/cli_reference.py` từ phần trợ giúp của các lệnh; đừng sửa tay:
     sửa chuỗi help trong drafter/cli.py hoặc drafter/cli_lists.py rồi chạy lại lệnh trên. -->

Mọi lệnh in kết quả (đường dẫn tệp, danh sách, phát hiện) ra stdout, còn lỗi, lưu ý và tiến trình ra
stderr. Mã thoát: 0 xong; 1 đầu vào sai hoặc bị từ chối (thông báo tiếng Việt, không có traceback);
2 lỗi cách dùng (tùy chọn, loại kế hoạch, bộ quy tắc không có…) hoặc tệp không phải DOCX đọc được.
`drafter LỆNH --help` in cùng nội dung này trong terminal.
"""


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _is_option(param: click.Parameter) -> bool:
    return param.param_type_name == "option"


def _param_row(param: click.Parameter, ctx: click.Context) -> str:
    is_option = _is_option(param)
    names = ", ".join(f"`{n}`" for n in (*param.opts, *param.secondary_opts)) if is_option else f"`{param.name}`"
    metavar = "" if is_option and getattr(param, "is_flag", False) else param.make_metavar(ctx)
    notes = []
    if param.required:
        notes.append("bắt buộc")
    show = getattr(param, "show_default", True)
    if is_option and not getattr(param, "is_flag", False) and show is not False and param.default not in (None, (), []):
        notes.append(f"mặc định: `{param.default}`")
    help_text = _cell(getattr(param, "help", None) or "")
    if notes:
        help_text = f"{help_text} ({'; '.join(notes)})" if help_text else f"({'; '.join(notes)})"
    return f"| {names} | {_cell(metavar)} | {help_text} |"


def _command(name: str, command: click.Command, parent: click.Context) -> str:
    ctx = click.Context(command, info_name=name, parent=parent)
    usage = " ".join(["drafter", name, *command.collect_usage_pieces(ctx)])
    lines = [f"## drafter {name}", "", _cell(command.help or ""), "", "```", usage, "```", ""]
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if not _is_option(p)]
    options = [p for p in params if _is_option(p)]
    for title, group in (("Đối số", arguments), ("Tùy chọn", options)):
        if group:
            lines += [f"{title}:", "", "| Tên | Giá trị | Ý nghĩa |", "|---|---|---|"]
            lines += [_param_row(p, ctx) for p in group]
            lines.append("")
    return "\n".join(lines)


def reference() -> str:
    """The whole of docs/cli.md."""
    group = typer.main.get_command(app)
    root = click.Context(group, info_name="drafter")
    names = group.list_commands(root)
    toc = ", ".join(f"[{n}](#drafter-{n})" for n in names)
    parts = [HEADER, f"Các lệnh: {toc}.", "", _cell(group.help or ""), ""]
    parts += [_command(n, group.get_command(root, n), root) for n in names]
    return "\n".join(parts).rstrip("\n") + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether docs/cli.md is in step")
    args = parser.parse_args()
    text = reference()
    current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
    if args.check:
        if current != text:
            print("docs/cli.md is out of step with the commands' help: run `python tools/cli_reference.py`",
                  file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"written: {TARGET.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
