"""`python -m drafter …`: the same commands as the `drafter` program."""

from .cli import run

run()
