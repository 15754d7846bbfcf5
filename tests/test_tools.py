"""The scripts in tools/ still run: the benchmark once crashed in a step nobody ran for weeks
(its 100-province and 2,000-task steps never ran), so a test runs every step at small sizes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_the_benchmark_runs_every_step():
    result = subprocess.run([sys.executable, str(REPO / "tools" / "benchmark.py"), "--small"], cwd=REPO,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    for step in ("cold `drafter draft`", "warm draft, bundled catalogue", "-task appendix",
                 "3 provinces in one `drafter draft profiles/*.yaml` run", "100-task catalogue",
                 "check, 100 paragraphs + 50-row table", "check, 100 paragraphs + 10-row table"):
        assert step in result.stdout, f"missing step {step!r}:\n{result.stdout}"
