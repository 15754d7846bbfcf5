"""Starting the program with only the command it runs.

typer turns every registered command's signature into click options each time the program starts
(12 ms for the 13 commands, +0.08x a cold `drafter draft`), and a run uses one of them. When the
first argument names a command exactly, the program is started with that command alone: its
options, help and errors are the same, since each command is built from its own signature. Anything
else (an option first, `--help`, no command, an unknown or misspelt name) starts the whole program,
so the list of commands and the "did you mean" suggestions stay complete. The tests call `app`
itself, which always has every command.
"""

from __future__ import annotations

import copy
import sys

import typer


def command_name(info: typer.models.CommandInfo) -> str:
    """The name typer gives a registered command: its own, or its function's with "-" for "_"."""
    return info.name or info.callback.__name__.replace("_", "-")


def only_the_command(app: typer.Typer, args: list[str] | None = None) -> typer.Typer:
    """`app` with only the command `args` (default: the program's arguments) starts with, if it names one."""
    args = sys.argv[1:] if args is None else args
    if not args:
        return app
    chosen = [info for info in app.registered_commands if command_name(info) == args[0]]
    if len(chosen) != 1:
        return app
    single = copy.copy(app)
    single.registered_commands = chosen
    return single
