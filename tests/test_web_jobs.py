"""The page's heavy work in worker processes (drafter/web/jobs.py): bounded, limited in time and
memory, crash-proof, reported while it runs, and visible only to the browser that started it.

The job functions below run in a worker: they are module-level so the worker can import them, and
a test hands them what they wait for as a path (a worker shares no memory with the test)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from drafter.errors import UserError
from drafter.web import app as web_app
from drafter.web import drafting, jobs
from drafter.web.app import Settings
from tests.test_web import finished, token, web_client

GATE_S = 60  # how long a gated job waits for its gate before giving up (a failed test, not a hung one)


def wait_for_gate(gate: Path) -> None:
    deadline = time.monotonic() + GATE_S
    while not gate.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def gated(gate: str, value: str) -> str:
    jobs.say("Đang làm việc thử…")
    wait_for_gate(Path(gate))
    return value


def sleeps(seconds: float) -> str:
    time.sleep(seconds)
    return "xong"


def hogs_memory(size: int) -> int:
    return len(bytearray(size))


def dies() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def refuses() -> None:
    raise UserError("Hồ sơ thử bị từ chối.")


def breaks() -> None:
    raise RuntimeError("a bug")


def starts_a_converter(pid_file: str) -> None:
    """Like docxio.preview: a child in its own session, which outlives a killed worker unless ended."""
    child = subprocess.Popen(["sleep", "300"], start_new_session=True)
    Path(pid_file).write_text(str(child.pid))
    time.sleep(300)


def niceness() -> int:
    return os.nice(0)


def gated_draft(order: drafting.DraftOrder) -> drafting.DraftPage:
    """The real draft, once the test opens the gate beside the output folder."""
    jobs.say(drafting.DRAFTING)
    wait_for_gate(order.out_dir.parent / "gate")
    return drafting.draft(order)


def outcome(pool: jobs.Pool, fn, *args, timeout: float = 60, **options) -> jobs.Job:
    job = pool.start("owner", fn, *args, **options)
    assert job._finished.wait(timeout), f"{fn.__name__} did not finish"
    return job


@pytest.fixture
def pool():
    made = jobs.Pool(2)
    yield made
    made.close()


@pytest.mark.slow
def test_a_job_past_its_wall_time_is_ended_with_a_message(pool):
    started = time.monotonic()
    job = outcome(pool, sleeps, 30, limits=jobs.Limits(seconds=1))
    assert job.error and "quá 1 giây" in job.error and job.value is None
    assert time.monotonic() - started < 10
    assert outcome(pool, sleeps, 0).value == "xong"  # the pool goes on


def test_a_job_over_its_memory_is_ended_with_a_message(pool):
    job = outcome(pool, hogs_memory, 3 * 2**30)  # would succeed on this machine without the limit
    assert job.error and "2 GB bộ nhớ" in job.error
    assert outcome(pool, hogs_memory, 2**20).value == 2**20


@pytest.mark.slow
def test_a_crashed_worker_is_a_message_and_the_pool_goes_on(pool):
    job = outcome(pool, dies)
    assert job.error and "dừng bất thường (mã -9)" in job.error
    assert outcome(pool, sleeps, 0).value == "xong"


@pytest.mark.parametrize("fn, words", [(refuses, "Hồ sơ thử bị từ chối."), (breaks, "dừng bất thường")])
def test_a_job_that_fails_says_why_in_vietnamese(pool, fn, words):
    job = outcome(pool, fn)
    assert words in job.error and "RuntimeError" not in job.error and "Traceback" not in job.error


@pytest.mark.slow
def test_a_stopped_job_ends_the_converters_it_started(pool, tmp_path):
    pid_file = tmp_path / "pid"
    outcome(pool, starts_a_converter, str(pid_file), limits=jobs.Limits(seconds=2))
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_yield_the_processor_to_the_pages(pool):
    assert outcome(pool, niceness).value >= os.nice(0) + jobs.NICE


def test_the_home_page_works_out_the_year_rule_once_a_day(client, monkeypatch):
    from drafter import api

    client.get("/")
    monkeypatch.setattr(api, "resolve_year", None)  # a second visit today does not call it
    assert client.get("/").status_code == 200


@pytest.mark.slow
def test_no_more_jobs_run_at_once_than_workers_and_the_rest_wait(tmp_path):
    pool = jobs.Pool(1)
    gate = tmp_path / "gate"
    try:
        first = pool.start("owner", gated, str(gate), "1")
        second = pool.start("owner", gated, str(gate), "2")
        deadline = time.monotonic() + 30
        while first.stage != "Đang làm việc thử…" and time.monotonic() < deadline:
            time.sleep(0.02)
        assert first.stage == "Đang làm việc thử…"  # said by the worker, while it runs
        time.sleep(0.3)
        assert second.stage == jobs.WAITING and not second.done
        gate.touch()
        assert second._finished.wait(30) and (first.value, second.value) == ("1", "2")
    finally:
        pool.close()


def test_a_full_queue_refuses_new_jobs_in_vietnamese(tmp_path):
    pool = jobs.Pool(1, queue=1)
    try:
        pool.start("owner", gated, str(tmp_path / "gate"), "1")
        with pytest.raises(jobs.Busy, match="Máy đang bận"):
            pool.start("owner", sleeps, 0)
    finally:
        (tmp_path / "gate").touch()
        pool.close()


@pytest.mark.slow
def test_finished_jobs_are_forgotten(pool, monkeypatch):
    monkeypatch.setattr(jobs, "KEEP_JOBS", 2)
    done = [outcome(pool, sleeps, 0) for _ in range(4)]
    outcome(pool, sleeps, 0)  # starting a job sweeps the finished ones
    assert [pool.find(j.id, "owner") is not None for j in done] == [False, False, True, True]
    monkeypatch.setattr(jobs, "KEEP_S", 0)
    outcome(pool, sleeps, 0)
    pool.start("owner", sleeps, 0)
    assert all(pool.find(j.id, "owner") is None for j in done)


def test_a_job_is_found_only_by_its_own_browser(pool):
    job = outcome(pool, sleeps, 0)
    assert pool.find(job.id, "owner") is job
    assert pool.find(job.id, "someone-else") is None and pool.find(job.id, None) is None


# --- on the page ---------------------------------------------------------------------------------

@pytest.fixture
def gated_page(tmp_path, monkeypatch):
    monkeypatch.setattr(drafting, "draft", gated_draft)
    return web_client(Settings(out_dir=tmp_path / "out")), tmp_path / "gate"


def post_draft(client, **fields):
    form = {"csrf": token(client.get("/")), "profile": "dak-lak-2026", "kind": "nq47", "year": "2027",
            "date": "2027-01-05", **fields}
    return client.post("/draft", data=form)


def test_the_draft_shows_its_progress_then_the_result_and_other_pages_answer_meanwhile(gated_page):
    client, gate = gated_page
    progress = post_draft(client)
    assert progress.status_code == 200 and re.search(r"/draft/[\w-]{22}$", str(progress.url))
    assert 'id="progress"' in progress.text and "Đang" in progress.text
    assert '<noscript><meta http-equiv="refresh"' in progress.text  # updates without JavaScript too
    status = client.get(f"{progress.url}/status").json()
    assert status["done"] is False and status["stage"].startswith("Đang")
    started = time.monotonic()
    home = client.get("/")  # while the job is known to be running (it waits for the gate)
    assert home.status_code == 200 and "Soạn kế hoạch" in home.text and time.monotonic() - started < 2
    assert client.get(f"{progress.url}/status").json()["done"] is False
    gate.touch()
    result = finished(client, progress)
    assert result.status_code == 200 and 'id="done"' in result.text and 'id="download"' in result.text
    assert client.get(f"{progress.url}/status").json()["done"] is True


def test_another_browser_does_not_see_the_job(gated_page, tmp_path):
    client, gate = gated_page
    progress = post_draft(client)
    other = web_client(Settings(out_dir=tmp_path / "out"))
    other.get("/")  # a browser with its own token
    page = other.get(str(progress.url))
    assert page.status_code == 404 and "trình duyệt khác" in page.text and "dak-lak" not in page.text
    assert other.get(f"{progress.url}/status").status_code == 404
    gate.touch()
    assert 'id="download"' in finished(client, progress).text


def test_a_library_error_shows_the_form_again_with_the_message(client):
    from tests.test_web import submit

    page = submit(client, date="2027-02-30")
    assert page.status_code == 400 and 'class="error"' in page.text and "28 ngày" in page.text
    assert 'value="2027-02-30"' in page.text  # the form as it was sent


@pytest.mark.parametrize("fn, limit, words", [
    (sleeps, 1.0, "Công việc chạy quá 1 giây nên đã được dừng"),
    (hogs_memory, 120.0, "cần nhiều hơn 2 GB bộ nhớ"),
    (dies, 120.0, "dừng bất thường"),
])
@pytest.mark.slow
def test_a_draft_over_its_limits_is_a_message_on_the_page(tmp_path, monkeypatch, fn, limit, words):
    monkeypatch.setattr(drafting, "draft", {sleeps: draft_sleeping, hogs_memory: draft_hogging, dies: draft_dying}[fn])
    monkeypatch.setattr(web_app, "DRAFT_LIMITS", jobs.Limits(seconds=limit))
    client = web_client(Settings(out_dir=tmp_path / "out"))
    page = finished(client, post_draft(client))
    assert page.status_code == 400 and words in page.text and "Traceback" not in page.text
    assert client.get("/").status_code == 200


def draft_sleeping(order):
    return sleeps(60)


def draft_hogging(order):
    return hogs_memory(3 * 2**30)


def draft_dying(order):
    dies()


@pytest.fixture
def client(tmp_path):
    return web_client(Settings(out_dir=tmp_path / "out"))
