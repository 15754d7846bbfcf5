"""Where bundled data lives, whether drafter runs from a checkout or from an installed wheel.

templates/ and profiles/ sit at the top of the repository so that people find and edit them;
the wheel carries copies under drafter/_bundled (see pyproject.toml). Package data that only
code reads (catalogue, plan kinds, schemas, font metrics) lives in drafter/data.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SCHEMA_DIR = PACKAGE_DIR / "schemas"


def bundled_dir(name: str) -> Path:
    """templates/ or profiles/: inside an installed wheel first, else the checkout."""
    for candidate in (PACKAGE_DIR / "_bundled" / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found beside the drafter package")


def templates_dir() -> Path:
    return bundled_dir("templates")


def profiles_dir() -> Path:
    return bundled_dir("profiles")


def default_template() -> Path:
    return templates_dir() / "ke-hoach.docx"
