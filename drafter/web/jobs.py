"""The page's heavy work (drafting, previews, checking) in worker processes, never on the event loop.

A draft with previews takes seconds of CPU and starts LibreOffice; on the event loop it made every
other page wait (8 drafts: 23 s for the home page). Threads would still share the GIL with the
server, so each job runs in a process of its own, forked from a preloaded forkserver (cheap to start,
and no state of the server's threads is copied). At most WORKERS run at once; the others wait their
turn in a bounded queue. A process per job (rather than a long-lived pool) is what lets a job be
stopped on its own: past its wall time it is ended, and a worker that crashes or runs out of its
address space ends alone, with a message on the page, while the server goes on.

Pages use three calls: `start(request, fn, *args)` (a Job, for a progress page), `find(request, id)`
(that browser's job, or None) and `await run(request, fn, *args)` (the value, or a UserError with the
message). `fn` must be a module-level function whose arguments and result pickle; it may call
`say("Đang …")` to tell the page what it is doing.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import secrets
import signal
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..errors import UserError
from . import security

LOG = logging.getLogger("drafter.web")
WORKERS = max(1, os.cpu_count() or 1)
#: A draft with previews takes 2.5-4 s alone and a few times that with every core busy; LibreOffice's
#: own limit (docxio.preview.TIMEOUT_S) is also 120 s.
WALL_S = 120.0
MEMORY = 2 * 2**30  # address space of a worker and the converters it starts
QUEUE = 8 * WORKERS  # jobs waiting or running; more is refused ("máy đang bận")
KEEP_S = 15 * 60  # a finished job's result is kept this long for its page, then forgotten
KEEP_JOBS = 200  # and at most this many finished jobs are kept
GRACE_S = 3.0  # after SIGTERM, time for a worker to stop its converters before SIGKILL
WAITING = "Đang chờ đến lượt (máy đang soạn bản khác)…"
STARTING = "Đang bắt đầu…"
NICE = 10  # a worker's (and its converters') scheduling priority below the server's
ID_LENGTH = 22  # secrets.token_urlsafe(16)
#: Imported once in the forkserver, so that a worker starts with them (each job would import them again).
PRELOAD = ["drafter.web.drafting", "drafter.check.runner", "drafter.docxio.preview", "docx", "docxtpl"]


@dataclass(frozen=True)
class Limits:
    seconds: float = WALL_S
    memory: int = MEMORY


@dataclass
class Job:
    """One piece of work for one browser (owner: its signed CSRF token). memo is the page's own
    note (e.g. the form, to show again with an error)."""

    id: str
    owner: str
    memo: Any = None
    stage: str = WAITING
    done: bool = False
    value: Any = None
    error: str | None = None
    ended: float = 0.0
    _finished: threading.Event = field(default_factory=threading.Event, repr=False)


class Busy(UserError):
    """Too many jobs waiting: said on the page, nothing started."""


class Pool:
    def __init__(self, workers: int = WORKERS, *, limits: Limits = Limits(), queue: int = QUEUE,
                 method: str = "forkserver") -> None:
        """method "fork" is for tests that patch the library in this process (and has the usual
        danger of forking a threaded server)."""
        self.limits = limits
        self.queue = queue
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._running: set[multiprocessing.process.BaseProcess] = set()
        self._threads = ThreadPoolExecutor(workers, thread_name_prefix="drafter-job")
        self._context = multiprocessing.get_context(method)
        if method == "forkserver":
            self._context.set_forkserver_preload(PRELOAD)

    def start(self, owner: str, fn: Callable, *args, memo: Any = None, limits: Limits | None = None) -> Job:
        with self._lock:
            self._forget()
            if sum(not j.done for j in self._jobs.values()) >= self.queue:
                raise Busy(f"Máy đang bận ({self.queue} việc đang chờ hoặc đang làm): thử lại sau ít phút.")
            job = Job(secrets.token_urlsafe(16), owner, memo)
            self._jobs[job.id] = job
        self._threads.submit(self._babysit, job, fn, args, limits or self.limits)
        return job

    def find(self, job_id: str, owner: str | None) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or not owner or not security.same(job.owner, owner):
            return None
        return job

    async def wait(self, job: Job) -> Job:
        """The job once finished; the event loop only looks at it now and then (no thread held)."""
        import asyncio

        while not job._finished.is_set():
            await asyncio.sleep(0.05)
        return job

    def close(self) -> None:
        """Stop every worker (the server is shutting down) and drop the queue."""
        self._threads.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            running = list(self._running)
        for proc in running:
            _stop(proc)

    def _forget(self) -> None:
        now = time.monotonic()
        finished = sorted((j for j in self._jobs.values() if j.done), key=lambda j: j.ended)
        for old in finished[:max(0, len(finished) - KEEP_JOBS)]:
            del self._jobs[old.id]
        for job in finished:
            if now - job.ended > KEEP_S:
                self._jobs.pop(job.id, None)

    def _babysit(self, job: Job, fn: Callable, args: tuple, limits: Limits) -> None:
        """Runs in a pool thread: start the worker, pass on what it says, end it at its deadline."""
        job.stage = STARTING
        try:
            outcome, value = self._supervise(job, fn, args, limits)
        except Exception:  # the pool itself must never leave a page waiting
            LOG.exception("job %s: the worker could not be run", getattr(fn, "__name__", fn))
            outcome, value = "crash", None
        if outcome == "done":
            job.value = value
        else:
            job.error = _message(outcome, value, limits)
        job.ended = time.monotonic()
        job.done = True
        job._finished.set()

    def _supervise(self, job: Job, fn: Callable, args: tuple, limits: Limits) -> tuple[str, Any]:
        receiver, sender = self._context.Pipe(duplex=False)
        proc = self._context.Process(target=_work, args=(sender, fn, args, limits.memory), daemon=True)
        proc.start()
        sender.close()
        with self._lock:
            self._running.add(proc)
        deadline = time.monotonic() + limits.seconds
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    _stop(proc)
                    return "time", None
                if not receiver.poll(min(left, 0.5)):
                    continue
                try:
                    kind, value = receiver.recv()
                except (EOFError, OSError):
                    proc.join(GRACE_S)
                    return "crash", proc.exitcode
                if kind == "stage":
                    job.stage = str(value)
                    continue
                return kind, value
        finally:
            receiver.close()
            proc.join(GRACE_S)
            if proc.is_alive():
                _stop(proc)
            with self._lock:
                self._running.discard(proc)


def _message(outcome: str, value: Any, limits: Limits) -> str:
    if outcome == "error":
        return str(value)
    if outcome == "time":
        return (f"Công việc chạy quá {limits.seconds:g} giây nên đã được dừng. Thử lại; nếu vẫn vậy, "
                "bỏ chọn «Xem trước từng trang» hoặc dùng dòng lệnh.")
    if outcome == "memory":
        return (f"Công việc cần nhiều hơn {limits.memory / 2**30:g} GB bộ nhớ nên đã được dừng; "
                "tệp có thể quá lớn hoặc bị hỏng.")
    code = f" (mã {value})" if isinstance(value, int) else ""
    return f"Công việc dừng bất thường{code}; trang vẫn chạy, hãy thử lại. Lỗi đã được ghi vào nhật ký của máy chủ."


def _stop(proc) -> None:
    """SIGTERM first (the worker then ends the converters it started), SIGKILL after GRACE_S."""
    with contextlib.suppress(ProcessLookupError, OSError, ValueError, AttributeError):
        proc.terminate()
        proc.join(GRACE_S)
        if proc.is_alive():
            proc.kill()
            proc.join(GRACE_S)


# --- in the worker process -------------------------------------------------------------------

_channel = None


class _Stopped(BaseException):
    """SIGTERM in a worker: unwinds the job so the converters it started can be ended."""


def say(stage: str) -> None:
    """Tell the job's page what is being done; outside a worker (a direct call) it does nothing."""
    if _channel is not None:
        with contextlib.suppress(OSError, ValueError):
            _channel.send(("stage", stage))


def _work(channel, fn: Callable, args: tuple, memory: int) -> None:
    global _channel
    import resource

    _channel = channel
    signal.signal(signal.SIGTERM, _on_term)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's: it stops the workers itself
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    with contextlib.suppress(OSError):
        os.nice(NICE)  # the pages people are waiting on come before the work they queued
    try:
        reply = ("done", fn(*args))
    except UserError as exc:
        reply = ("error", str(exc))
    except MemoryError:
        reply = ("memory", None)
    except _Stopped:
        _end_children()
        return
    except Exception:
        LOG.error("job %s failed:\n%s", getattr(fn, "__name__", fn), traceback.format_exc())
        reply = ("crash", None)
    try:
        channel.send(reply)
    except MemoryError:
        channel.send(("memory", None))
    except Exception:  # a result that does not pickle is a bug of the page: said, and logged
        LOG.error("job %s: result could not be sent:\n%s", getattr(fn, "__name__", fn), traceback.format_exc())
        channel.send(("crash", None))


def _on_term(signum, frame) -> None:
    raise _Stopped


def _end_children() -> None:
    """Converters run in their own process group (docxio.preview), so ending the worker alone
    would leave LibreOffice running: end the group of each child of this process."""
    me = str(os.getpid())
    with contextlib.suppress(OSError):
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            with contextlib.suppress(OSError, IndexError):
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                if fields[1] == me:
                    os.killpg(int(entry), signal.SIGKILL)


# --- for the pages ---------------------------------------------------------------------------

def pool_of(request) -> Pool:
    return request.app.state.jobs


def owner_of(request) -> str | None:
    return request.cookies.get(security.CSRF_COOKIE)


def start(request, fn: Callable, *args, memo: Any = None, limits: Limits | None = None) -> Job:
    """Start fn(*args) in a worker for the browser that sent the (CSRF-checked) request."""
    return pool_of(request).start(owner_of(request) or "", fn, *args, memo=memo, limits=limits)


def find(request, job_id: str) -> Job | None:
    """The job, only for the browser that started it."""
    if len(job_id) != ID_LENGTH:
        return None
    return pool_of(request).find(job_id, owner_of(request))


async def run(request, fn: Callable, *args, limits: Limits | None = None):
    """fn(*args) in a worker, awaited without holding the event loop; its failure is a UserError."""
    job = await pool_of(request).wait(start(request, fn, *args, limits=limits))
    if job.error is not None:
        raise UserError(job.error)
    return job.value
