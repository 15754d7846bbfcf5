"""Print pip constraints that pin every dependency of pyproject.toml to its lower bound.

`.ci/run` installs the project with these constraints into a second environment and runs the
fast tests there, so a lower bound in pyproject.toml is a version that was tested, not a guess;
the main run tests what a new user gets today (the newest releases inside the upper bounds).

    python tools/lowest.py > lowest.txt && pip install -c lowest.txt -e ".[test]"
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*(.*)$")


def requirements(pyproject: Path = PYPROJECT) -> list[str]:
    """The runtime and test requirements, as written."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return list(project.get("dependencies", [])) + list(project.get("optional-dependencies", {}).get("test", []))


def bounds(requirement: str) -> tuple[str, str | None, str | None]:
    """(name, lower, upper) of a requirement such as "pyyaml>=6.0.1,<7"."""
    found = REQUIREMENT.match(requirement)
    if not found:
        raise ValueError(f"not a requirement: {requirement!r}")
    name, spec = found[1], found[2].split(";")[0]
    lower = upper = None
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        if part.startswith(">="):
            lower = part[2:].strip()
        elif part.startswith("<") and not part.startswith("<="):
            upper = part[1:].strip()
    return name, lower, upper


def constraints(pyproject: Path = PYPROJECT) -> list[str]:
    out = []
    for requirement in requirements(pyproject):
        name, lower, _ = bounds(requirement)
        if lower is None:
            raise SystemExit(f"{requirement}: no lower bound in pyproject.toml")
        out.append(f"{name}=={lower}")
    return out


if __name__ == "__main__":
    sys.stdout.write("\n".join(constraints()) + "\n")
