"""Every dependency is bounded on both sides, so a new release cannot break a fresh install
unseen (PyYAML 6.0.4 once did: an English message in a Vietnamese one) and the oldest release we
claim to support is the one `.ci/run` tests (tools/lowest.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("lowest", REPO / "tools" / "lowest.py")
lowest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lowest)


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


@pytest.mark.parametrize("requirement", lowest.requirements(), ids=lambda r: r.split(">")[0])
def test_every_dependency_has_a_lower_and_an_upper_bound(requirement):
    name, lower, upper = lowest.bounds(requirement)
    assert lower, f"{requirement}: add the oldest version the tests pass with (>=)"
    assert upper, f"{requirement}: add an upper bound excluding the next major version (<)"
    assert _release(lower) < _release(upper), requirement


def test_upper_bounds_exclude_a_whole_release_series():
    """"<2" or "<0.21", never "<6.0.4": the bound keeps every fix release of the tested series and
    stops at the next one that may break (a major version, or a minor one before 1.0)."""
    for requirement in lowest.requirements():
        _, _, upper = lowest.bounds(requirement)
        parts = _release(upper)
        significant = 1 if parts[0] >= 1 else 2
        assert len(parts) <= significant, requirement


def test_an_unbounded_requirement_is_refused(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\ndependencies = ["pyyaml>=6"]\n', encoding="utf-8")
    name, lower, upper = lowest.bounds(lowest.requirements(pyproject)[0])
    assert (name, lower, upper) == ("pyyaml", "6", None)


def test_lowest_constraints_pin_every_lower_bound():
    pins = lowest.constraints()
    assert "pyyaml==6.0.1" in pins and "typer==0.28" in pins
    assert len(pins) == len(lowest.requirements())
