"""Benchmark drafter: cold CLI time against the bare dependency import, and time per draft.

Targets: a cold `drafter draft`, and a cold `drafter check` of the drafted plan, take at most 2x
the bare `python -c "import docxtpl, docx, lxml, yaml, cerberus, typer, jinja2"` (issue 24; paired
runs, median of the per-pair ratios, measured as a normal install runs: PYTHONDONTWRITEBYTECODE is
unset for the timed commands and one warm-up run writes the .pyc files first, since an editable
install in an environment that sets it recompiles drafter on every run, +0.3x); a plan whose appendix has 500 tasks
renders in under 2 s (issue 2); 100 provinces drafted in one `drafter draft profiles/*.yaml` run
in under 30 s, and a 2,000-task catalogue, with peak memory under 300 MB (issue 5); `drafter check`
takes time linear in paragraphs and table rows, and a 5,000-paragraph document with a 2,000-row
table is checked in under 3 s (issue 21). Speed is measured here, not in timed unit tests, which
would be flaky on a shared 2-core machine.

    python tools/benchmark.py [--runs 5] [--many 20] [--tasks 500] [--profiles 100] [--big 2000]
    python tools/benchmark.py --check-only    # only the checker's steps
    python tools/benchmark.py --cold-only --runs 21    # only the cold draft and check against the import
    python tools/benchmark.py --small    # every step once, small sizes: does it still run? (a slow test)
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

IMPORT_ONLY = "import docxtpl, docx, lxml, yaml, cerberus, typer, jinja2"


def normal_install_env() -> dict[str, str]:
    """The environment of the timed commands: .pyc files written and read, as after a normal install."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed_runs(command: list[str], runs: int, cwd: Path, ok: tuple[int, ...] = (0,),
               cpu: list[float] | None = None) -> list[float]:
    """Wall seconds of each run; with `cpu`, the CPU seconds (user + system) of each are appended to it."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, env=normal_install_env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    return times


def drafter_command() -> list[str]:
    exe = shutil.which("drafter")
    return [exe] if exe else [sys.executable, "-m", "drafter.cli"]


@dataclasses.dataclass
class Paired:
    """Medians of paired runs: wall seconds of the bare import and of the command, the median of the
    per-pair wall ratios, and the same ratio in CPU seconds (steadier when other work shares the machine)."""

    base: float
    timed: float
    ratio: float
    cpu_ratio: float


def paired(command: list[str], runs: int, cwd: Path, ok: tuple[int, ...] = (0,)) -> Paired:
    """The bare import, then the command, alternately, so a busy moment of the machine weighs on
    both; one warm-up of each first (it writes the .pyc files)."""
    floor = [sys.executable, "-c", IMPORT_ONLY]
    timed_runs(floor, 1, cwd)
    timed_runs(command, 1, cwd, ok)
    base, timed, base_cpu, timed_cpu = [], [], [], []
    for _ in range(runs):
        base += timed_runs(floor, 1, cwd, cpu=base_cpu)
        timed += timed_runs(command, 1, cwd, ok, cpu=timed_cpu)
    return Paired(statistics.median(base), statistics.median(timed),
                  statistics.median(t / b for b, t in zip(base, timed, strict=True)),
                  statistics.median(t / b for b, t in zip(base_cpu, timed_cpu, strict=True) if b))


def cold(runs: int) -> tuple[Paired, Paired]:
    """A cold `drafter draft` (default profile; --force so every run writes; each run a new process,
    cold interpreter, warm disk cache), then a cold `drafter check` of the plan it drafted (exit 1
    when the plan has findings is a normal outcome)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        draft = paired(drafter_command() + ["draft", "--out", str(tmp_path), "--force"], runs, tmp_path)
        plan = next(tmp_path.glob("*/*.docx"))
        check = paired(drafter_command() + ["check", str(plan)], runs, tmp_path, ok=(0, 1))
    return draft, check


def synthetic_catalogue(n_tasks: int):
    """The bundled catalogue with its tasks repeated until there are n_tasks (ids kept unique)."""
    from drafter.inputs.catalogue import bundled

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
    from drafter.inputs.catalogue import bundled
    from drafter.inputs.profile import load_profile

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


def many_profiles(count: int, tmp: Path) -> list[Path]:
    """count copies of the bundled profiles under distinct ids (so distinct output folders). A
    current profile names its unit (`province: <unit id>`) and an earlier one spells it out; both
    stay as they are, only the id changes."""
    import yaml

    from drafter.inputs.profile import bundled_profiles

    sources = bundled_profiles()
    out = []
    for i in range(count):
        data = yaml.safe_load(sources[i % len(sources)].read_text(encoding="utf-8"))
        data["id"] = f"tinh-{i:03d}"
        path = tmp / f"tinh-{i:03d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        out.append(path)
    return out


def peak_rss_of(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and peak resident memory (MiB) of a child process."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def scale(n_profiles: int, n_tasks: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        paths = many_profiles(n_profiles, tmp_path)
        elapsed, rss = peak_rss_of(drafter_command() + ["draft", *map(str, paths), "--kind", "annual", "--year",
                                                         "2027", "--out", str(tmp_path / "out")], tmp_path)
        drafted = len(list((tmp_path / "out").glob("*/annual-2027.docx")))
        if drafted != n_profiles:
            raise SystemExit(f"only {drafted} of {n_profiles} provinces were drafted")
        ok = "OK" if elapsed < 30 and rss < 300 else "MISSED"
        print(f"{drafted} provinces in one `drafter draft profiles/*.yaml` run: {elapsed:.1f} s, "
              f"peak RSS {rss:.0f} MiB [targets < 30 s, < 300 MB: {ok}]")
    here = str(Path(__file__).parent)
    code = (
        f"import sys, time, resource; sys.path.insert(0, {here!r})\n"
        "from benchmark import synthetic_catalogue\n"
        "from drafter import api\nfrom drafter.inputs.profile import load_profile\n"
        f"big = synthetic_catalogue({n_tasks})\nprofile = load_profile('dak-lak-2026', big)\n"
        "start = time.perf_counter(); data, draft = api.build_plan(profile, year=2027, catalogue=big)\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, rss = map(float, result.stdout.split())
    print(f"{n_tasks}-task catalogue, one plan: {seconds:.2f} s, peak RSS {rss:.0f} MiB "
          f"[target < 300 MB: {'OK' if rss < 300 else 'MISSED'}]")


def checkable(path: Path, paragraphs: int, rows: int) -> None:
    """A KH with its header table, title, `paragraphs` body paragraphs, signature table and an
    appendix table of `rows` rows, written with python-docx the way a person's document is."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(14)
    doc.styles["Normal"].font.name = "Times New Roman"
    _header_and_title(doc)
    _body(doc, paragraphs)
    _signature(doc)
    doc.add_section()
    doc.add_paragraph().add_run("Phụ lục").bold = True
    _appendix_table(doc, rows)
    doc.save(str(path))


def _header_and_title(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    left, right = doc.add_table(rows=1, cols=2).rows[0].cells
    left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI").bold = True
    left.add_paragraph("Số: 05/KH-UBND")
    right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    right.add_paragraph().add_run("Gia Lai, ngày 09 tháng 3 năm 2023").italic = True
    for line in ("KẾ HOẠCH", "Hoạt động thông tin đối ngoại năm 2023"):
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(line).bold = True


def _body(doc, paragraphs: int) -> None:
    """A khoản every ten paragraphs, its điểm a) to i) between: what the numbering rules expect."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for i in range(paragraphs):
        text = (f"{i // 10 + 1}. Nội dung thực hiện" if i % 10 == 0 else f"{'abcdđeghi'[i % 10 - 1]}) Các sở, "
                f"ngành triển khai nhiệm vụ thứ {i} theo chức năng, nhiệm vụ được giao.")
        body = doc.add_paragraph(text)
        body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        body.paragraph_format.first_line_indent = Pt(36)


def _signature(doc) -> None:
    recipients, signer = doc.add_table(rows=1, cols=2).rows[0].cells
    recipients.paragraphs[0].add_run("Nơi nhận:").bold = True
    recipients.add_paragraph("- Lưu: VT.")
    signer.paragraphs[0].add_run("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH").bold = True
    signer.add_paragraph("Nguyễn Văn A")


def _appendix_table(doc, rows: int) -> None:
    """Five columns styled "Table Grid", as a person's table usually is. Rows are copies of the
    first as XML: adding 8,000 rows through python-docx would take longer than checking them."""
    import copy

    from docx.oxml.ns import qn
    from docx.shared import Pt

    grid = doc.add_table(rows=1, cols=5)
    grid.style = doc.styles["Table Grid"]
    values = ["1", "Hoạt động", "Sở Thông tin và Truyền thông", "Các sở, ngành", "Quý I"]
    for cell, value in zip(grid.rows[0].cells, values, strict=True):
        cell.paragraphs[0].add_run(value).font.size = Pt(12)
    first = grid.rows[0]._tr
    for r in range(1, rows):
        tr = copy.deepcopy(first)
        tr.find(".//" + qn("w:t")).text = str(r + 1)
        first.getparent().append(tr)


def check_time(path: Path, runs: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds of the fastest of `runs` checks. The machine is shared: a slower run
    measures the other processes, and the CPU time is what the check itself took."""
    from drafter.check.runner import check_document

    times = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        check_document(path)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return min(times)


def checker(sizes: list[int], big: tuple[int, int]) -> None:
    """`drafter check` on documents of growing size, one table growing, then the body: the seconds
    per 1,000 rows (or paragraphs) stay flat when the time is linear."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        check_time(_built(tmp_path, 10, 10))  # warm imports and rule sets
        for rows in sizes:
            seconds, cpu = check_time(_built(tmp_path, 100, rows))
            print(f"check, 100 paragraphs + {rows}-row table: {seconds:.2f} s (CPU {cpu:.2f} s), "
                  f"{seconds / rows * 1000:.2f} s per 1000 rows (CPU {cpu / rows * 1000:.2f} s)")
        for paragraphs in sizes:
            seconds, cpu = check_time(_built(tmp_path, paragraphs, 10))
            print(f"check, {paragraphs} paragraphs + 10-row table: {seconds:.2f} s (CPU {cpu:.2f} s), "
                  f"{seconds / paragraphs * 1000:.2f} s per 1000 paragraphs (CPU {cpu / paragraphs * 1000:.2f} s)")
        paragraphs, rows = big
        seconds, cpu = check_time(_built(tmp_path, paragraphs, rows), runs=3)
        print(f"check, {paragraphs} paragraphs + {rows}-row table: {seconds:.2f} s (CPU {cpu:.2f} s), best of 3 "
              f"[target < 3 s: {'OK' if seconds < 3 else 'MISSED'}]")


def _built(tmp: Path, paragraphs: int, rows: int) -> Path:
    path = tmp / f"check-{paragraphs}-{rows}.docx"
    checkable(path, paragraphs, rows)
    return path


def drafting(args: argparse.Namespace) -> None:
    draft, check = cold(args.runs)
    print(f"timed as a normal install: .pyc written by a warm-up run and read (PYTHONDONTWRITEBYTECODE unset); "
          f"{args.runs} paired runs, medians")
    print(f"bare import ({IMPORT_ONLY}): {draft.base:.3f} s")
    for what, p in (("`drafter draft` (default profile)", draft), ("`drafter check` of that plan", check)):
        print(f"cold {what}: {p.timed:.3f} s (import {p.base:.3f} s); ratio {p.ratio:.2f}x import "
              f"[target <= 2x: {'OK' if p.ratio <= 2 else 'MISSED'}], in CPU time {p.cpu_ratio:.2f}x")
    if args.cold_only:
        return
    normal, big, rows, peak = per_draft(args.tasks, args.many)
    print(f"warm draft, bundled catalogue: {normal * 1000:.0f} ms per draft (mean of {args.many})")
    print(f"warm draft, {rows}-task appendix: {big:.3f} s, peak RSS of the process {peak:.0f} MiB "
          f"[target < 2 s: {'OK' if big < 2 else 'MISSED'}]")
    scale(args.profiles, args.big)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="cold runs of each command (median reported)")
    parser.add_argument("--many", type=int, default=20, help="drafts in the warm loop")
    parser.add_argument("--tasks", type=int, default=500, help="appendix size for the large-plan case")
    parser.add_argument("--profiles", type=int, default=100, help="provinces drafted in one run")
    parser.add_argument("--big", type=int, default=2000, help="catalogue size for the memory case")
    parser.add_argument("--small", action="store_true", help="every step once at small sizes (the test's mode)")
    parser.add_argument("--check-only", action="store_true", help="only the `drafter check` steps")
    parser.add_argument("--cold-only", action="store_true", help="only the cold draft and check against the import")
    args = parser.parse_args()
    sizes, big_check = [500, 1000, 2000, 4000, 8000], (5000, 2000)
    if args.small:
        args.runs, args.many, args.tasks, args.profiles, args.big = 1, 1, 50, 3, 100
        sizes, big_check = [50, 100], (100, 50)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if not args.check_only:
        drafting(args)
    if not args.cold_only:
        checker(sizes, big_check)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
