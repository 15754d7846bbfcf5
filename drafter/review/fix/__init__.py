"""`drafter fix`: the checker's findings fixed as Word tracked changes, one fixer per rule.

run drives it (check, fix each finding, write the copy, say what was left and why); parts fixes the
lines of the header, title, body and signing block; pages the paper, margins and page numbers;
rules the lines NĐ 30 draws under headings; base holds what every fixer shares.
"""

from .run import FixResult, Left, fix_copy

__all__ = ["FixResult", "Left", "fix_copy"]
