"""typer's own words in Vietnamese: help headings, the --help line, usage, and its error messages.

typer (0.28, pinned) prints "Show this message and exit.", "Usage:", "Invalid value for '--year':
'abc' is not a valid int." and panels titled "Options" and "Error" in English, with no translation
catalogue. A drafter who never opens a terminal should not meet them the one time they do: the
headings are typer's module settings, the --help line and the usage prefix come from our command
classes, and typer's error messages are translated (by pattern) before they are shown. An
unknown message stays as typer wrote it rather than being guessed.

typer.rich_utils (rich, markdown_it, pygments: about 65 ms, +0.4x a cold `drafter draft`) is
imported only when help or an error is about to be printed; the Vietnamese headings are set on it
at that moment (`_rich`), so a draft that prints neither never loads it.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import typer
from typer import core as typer_core
from typer._click import exceptions as click_exceptions
from typer._click import types as click_types

HELP_LINE = "Hiện hướng dẫn này rồi thoát."
USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY_CHỌN]"

ABORTED_TEXT = "Đã dừng."
_HEADINGS = {
    "ARGUMENTS_PANEL_TITLE": "Đối số",
    "OPTIONS_PANEL_TITLE": "Tùy chọn",
    "COMMANDS_PANEL_TITLE": "Lệnh",
    "ERRORS_PANEL_TITLE": "Lỗi",
    "ABORTED_TEXT": ABORTED_TEXT,
    "RICH_HELP": "Xem [blue]'{command_path} {help_option}'[/] để biết cách dùng.",
    "DEFAULT_STRING": "[mặc định: {}]",
    "REQUIRED_LONG_STRING": "[bắt buộc]",
    "ENVVAR_STRING": "[biến môi trường: {}]",
    "DEPRECATED_STRING": "(không dùng nữa) ",
}


def _rich():
    """typer.rich_utils with its headings in Vietnamese, loaded on first use."""
    from typer import rich_utils

    for name, text in _HEADINGS.items():
        setattr(rich_utils, name, text)
    return rich_utils


_TYPES = {"int": "số nguyên", "integer": "số nguyên", "float": "số", "boolean": "true hoặc false"}
_MESSAGES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^Invalid value for (.+?): (.*)$", re.S),
     lambda m: f"giá trị không hợp lệ cho {m[1]}: {translate(m[2])}"),
    (re.compile(r"^Invalid value: (.*)$", re.S), lambda m: f"giá trị không hợp lệ: {translate(m[1])}"),
    (re.compile(r"^(.+) is not a valid (\w+)\.?$"), lambda m: f"{m[1]} không phải {_TYPES.get(m[2], m[2])}"),
    (re.compile(r"^(.+) is not one of (.+)\.$"), lambda m: f"{m[1]} không thuộc {m[2]}"),
    (re.compile(r"^Missing argument '?([^']+)'?\.?$"), lambda m: f"thiếu đối số {m[1]}"),
    (re.compile(r"^Missing option '?([^']+)'?\.?$"), lambda m: f"thiếu tùy chọn {m[1]}"),
    (re.compile(r"^Missing parameter:? '?([^']+)'?\.?$"), lambda m: f"thiếu {m[1]}"),
    (re.compile(r"^No such option: (\S+?)(?: \(Possible options: (.+)\))?(?: Did you mean (\S+?)\?)?$"),
     lambda m: f"không có tùy chọn {m[1]}" + (f"; có phải: {m[2] or m[3]}?" if (m[2] or m[3]) else "")),
    (re.compile(r"^No such command '?([^']+?)'?\.?(?: Did you mean '?([^']+?)'?\?)?$"),
     lambda m: f"không có lệnh {m[1]}" + (f"; có phải: {m[2]}?" if m[2] else "")),
    (re.compile(r"^Missing command\.?$"), lambda m: "thiếu lệnh (xem drafter --help)"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), lambda m: f"thừa đối số: {m[1]}"),
    (re.compile(r"^Option '?([^']+)'? requires an argument\.?$"), lambda m: f"tùy chọn {m[1]} cần một giá trị"),
    (re.compile(r"^Option '?([^']+)'? does not take a value\.?$"), lambda m: f"tùy chọn {m[1]} không nhận giá trị"),
    (re.compile(r"^(File|Directory|Path) '(.*)' does not exist\.?$"), lambda m: f"không có {m[2]}"),
]


_plain_metavar = click_types.ParamType.get_metavar


def _argument_metavar(self, param, ctx):
    """An argument with a Vietnamese name needs no English type beside it ("<str>", "<path>")."""
    if isinstance(param, typer_core.TyperArgument) and param.metavar:
        return ""
    return _plain_metavar(self, param, ctx)


click_types.ParamType.get_metavar = _argument_metavar


def translate(message: str) -> str:
    for pattern, render in _MESSAGES:
        found = pattern.match(message.strip())
        if found:
            return render(found)
    return message


class _Vietnamese:
    """What typer's command and group classes print about themselves, in Vietnamese."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_LINE
        return option

    def format_help(self, ctx, formatter) -> None:
        _rich()
        super().format_help(ctx, formatter)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)


class Command(_Vietnamese, typer_core.TyperCommand):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR


class Group(_Vietnamese, typer_core.TyperGroup):
    """The program: runs a command and shows typer's usage errors in Vietnamese (exit 2)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [OPTIONS_METAVAR, "LỆNH [ĐỐI_SỐ]..."]

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False,
                                **extra)
        except click_exceptions.NoArgsIsHelpError as exc:
            # `drafter` alone: the help (already printed by rich, or in the message), then exit 2 as
            # click does; not the translated copy below, which would add an empty "Lỗi" box.
            if exc.format_message().strip():
                typer.echo(exc.format_message())
            sys.exit(exc.exit_code)
        except click_exceptions.ClickException as exc:
            _rich().rich_format_error(_translated(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo(ABORTED_TEXT, err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _translated(exc: click_exceptions.ClickException) -> click_exceptions.ClickException:
    """The same error, worded in Vietnamese (its context kept, so usage and the help hint show)."""
    shown = click_exceptions.UsageError(translate(exc.format_message()), ctx=getattr(exc, "ctx", None))
    shown.exit_code = exc.exit_code
    return shown
