"""Benchmark drafter: cold CLI time against the bare dependency import, and time per draft.

Targets (issue 2): a cold `drafter draft` takes at most 3x the bare
`python -c "import docxtpl, docx, typer, yaml, cerberus"`; a plan whose appendix has 500 tasks
renders in under 2 s. Speed is measured here, not in timed unit tests, which would be flaky on a
shared 2-core machine.

    python tools/benchmark.py [--runs 5] [--many 20] [--tasks 500]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IMPORT_ONLY = "import docxtpl, docx, typer, yaml, cerberus"


def timed_runs(command: list[str], runs: int, cwd: Path) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def drafter_command() -> list[str]:
    exe = shutil.which("drafter")
    return [exe] if exe else [sys.executable, "-m", "drafter.cli"]


def cold(runs: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        base = timed_runs([sys.executable, "-c", IMPORT_ONLY], runs, tmp_path)
        # --force so every run writes; each run is a new process (cold interpreter, warm disk cache).
        draft = timed_runs(drafter_command() + ["draft", "--out", str(tmp_path), "--force"], runs, tmp_path)
    return statistics.median(base), statistics.median(draft)


def synthetic_catalogue(n_tasks: int):
    """The bundled catalogue with its tasks repeated until there are n_tasks (ids kept unique)."""
    from drafter.catalogue import bundled

    catalogue = bundled()
    base = [t for t in catalogue.tasks if not t.when]
    tasks = []
    i = 0
    while len(tasks) < n_tasks:
        t = base[i % len(base)]
        tasks.append(dataclasses.replace(t, id=f"{t.id}.{i}", time="Hằng năm"))
        i += 1
    return dataclasses.replace(catalogue, tasks=tuple(tasks))


def per_draft(n_tasks: int, many: int) -> tuple[float, float, int, float]:
    from drafter import api
    from drafter.catalogue import bundled
    from drafter.profile import load_profile

    catalogue = bundled()
    profile = load_profile("dak-lak-2026", catalogue)
    api.build_plan(profile, year=2027, catalogue=catalogue)  # warm caches
    start = time.perf_counter()
    for _ in range(many):
        api.build_plan(profile, year=2027, date=dt.date(2027, 1, 5), catalogue=catalogue)
    normal = (time.perf_counter() - start) / many

    big = synthetic_catalogue(n_tasks)
    start = time.perf_counter()
    data, draft = api.build_plan(profile, year=2027, catalogue=big)
    big_time = time.perf_counter() - start
    rows = sum(1 for r in draft.context["appendix"]["rows"] if not r["group"])
    # Peak resident memory of this process (lxml allocates outside Python's tracemalloc).
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return normal, big_time, rows, peak_mib


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs of each command (median reported)")
    parser.add_argument("--many", type=int, default=20, help="drafts in the warm loop")
    parser.add_argument("--tasks", type=int, default=500, help="appendix size for the large-plan case")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    base, draft = cold(args.runs)
    ratio = draft / base
    print(f"bare import ({IMPORT_ONLY}): {base:.3f} s (median of {args.runs})")
    print(f"cold `drafter draft` (default profile): {draft:.3f} s (median of {args.runs}) = {ratio:.2f}x import "
          f"[target <= 3x: {'OK' if ratio <= 3 else 'MISSED'}]")
    normal, big, rows, peak = per_draft(args.tasks, args.many)
    print(f"warm draft, bundled catalogue: {normal * 1000:.0f} ms per draft (mean of {args.many})")
    print(f"warm draft, {rows}-task appendix: {big:.3f} s, peak RSS of the process {peak:.0f} MiB "
          f"[target < 2 s: {'OK' if big < 2 else 'MISSED'}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
