"""How a path is shown in a message: relative to the working directory when it can be, so messages
are short and clickable.

On the ground floor because every layer names files in its messages: inputs (a profile's line and
column), output (a file it will not overwrite), review and the library. It imports nothing from
drafter.
"""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path) -> str:
    """Relative to the working directory when possible: messages should be short and clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
