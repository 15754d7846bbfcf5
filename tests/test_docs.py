"""The README and docs/ keep up with the code: the set-up commands are what CI runs, every command is
documented, the command reference is generated from the commands' help, and every link resolves."""

import importlib.util
import re

from drafter.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = REPO / "docs"


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


def command_names() -> list[str]:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    return names


def test_every_command_is_described_in_the_docs_the_readme_links():
    """The hand-written table of what each command is for moved from the README to docs/commands.md."""
    described = (DOCS / "commands.md").read_text(encoding="utf-8")
    assert "(docs/commands.md)" in README
    for name in command_names():
        assert f"drafter {name}" in described, name


def cli_reference():
    spec = importlib.util.spec_from_file_location("cli_reference", REPO / "tools" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cli_reference_is_what_the_commands_help_says():
    reference = cli_reference()
    written = reference.TARGET.read_text(encoding="utf-8") if reference.TARGET.is_file() else ""
    assert written == reference.reference(), (
        "docs/cli.md differs from the commands' help: run `python tools/cli_reference.py` and commit docs/cli.md")
    assert "(docs/cli.md)" in README


def test_the_cli_reference_has_every_command_with_its_help_and_options():
    from typer.main import get_command

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = get_command(app)
    for name in command_names():
        command = group.commands[name]
        assert f"## drafter {name}\n\n{' '.join(command.help.split())}" in text, name
        for param in command.params:
            shown = f"`{param.opts[0]}`" if param.param_type_name == "option" else f"`{param.name}`"
            assert shown in text.split(f"## drafter {name}\n")[1].split("\n## ")[0], (name, shown)


def test_every_doc_is_linked_from_the_readme_and_every_local_link_resolves():
    pages = {REPO / "README.md": README} | {p: p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")}
    for doc in DOCS.glob("*.md"):
        assert f"(docs/{doc.name})" in README, doc.name
    broken = []
    for page, text in pages.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if "://" in target or target.startswith("#"):
                continue
            if not (page.parent / target.split("#")[0]).exists():
                broken.append(f"{page.relative_to(REPO)} → {target}")
    assert broken == []
