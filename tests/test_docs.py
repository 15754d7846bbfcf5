"""The README keeps up with the code: its set-up commands are what CI runs, and every command is documented."""

import re

from drafter.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def setup_commands():
    first_screen = README.split("---", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", first_screen)


def test_first_screen_has_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert commands[0].endswith("drafter draft")
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci.splitlines()


def test_every_command_is_in_the_readme():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    for name in names:
        assert f"drafter {name}" in README, name
