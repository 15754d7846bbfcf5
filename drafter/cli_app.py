"""The program (`app`) and what every command shares: the error boundary, a date typed on the
command line, --version.

Its own module so the commands can be spread over cli and cli_lists, each importing the program
from here, without one command module importing the other.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated

import typer

from . import __version__
from .cli_vi import Group
from .errors import UserError

app = typer.Typer(
    name="drafter",
    cls=Group,
    help="Soạn dự thảo Kế hoạch của UBND tỉnh về thông tin đối ngoại (KH-UBND) theo Nghị định 30/2020/NĐ-CP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _err(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)


def boundary(func):
    """The one error boundary: a UserError becomes a message and its exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            _err(f"{exc.prefix}{exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _err("Đã dừng theo yêu cầu (Ctrl-C); không có tệp nào bị ghi dở.")
            raise typer.Exit(130) from None

    return wrapper


def _parse_date(value: str | None, option: str = "--date") -> dt.date | None:
    """A typed date through the one rule (vn.parse_date); a wrong one is a usage error naming the option."""
    if value is None:
        return None
    from .text import vn

    try:
        return vn.parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{option}'") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản.")] = False,
) -> None:
    """Soạn dự thảo Kế hoạch của UBND tỉnh về thông tin đối ngoại (KH-UBND) theo Nghị định 30/2020/NĐ-CP."""
