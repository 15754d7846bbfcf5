"""How long the home page of `drafter serve` waits while drafts with previews run (issue 23).

Starts a real `drafter serve` on a free port with a temporary output folder, posts N drafts with
previews at once (each from its own browser, i.e. its own token, each for another province), and
meanwhile asks for GET / every 0.1 s. Prints the home page's latency (median, 95th percentile,
maximum) and how long the drafts took. Before the job pool, 8 drafts made GET / wait 23 s.

    python tools/web_load.py [--drafts 8] [--no-preview]
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

PROFILES = ["dak-lak-2026", "tuyen-quang-2026", "phu-tho-2026", "cao-bang-2026", "lam-dong-2026", "son-la-2026",
            "lao-cai-2026", "an-giang-2026", "nghe-an-2026", "gia-lai-2026", "dien-bien-2026", "lai-chau-2026"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(out: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--port", str(port), "--out", str(out),
                               "--profiles", str(out / "mine")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("drafter serve did not start: " + server.stderr.read().decode(errors="replace")[-2000:])


def one_draft(base: str, profile: str, preview: bool, times: list[float], failures: list[str]) -> None:
    started = time.monotonic()
    with httpx.Client(base_url=base, timeout=300, follow_redirects=True) as browser:
        csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/").text)[1]
        form = {"csrf": csrf, "profile": profile, "kind": "nq47", "year": "2027", "date": "2027-01-05"}
        if preview:
            form["preview"] = "on"
        page = browser.post("/draft", data=form, headers={"origin": base})
        while 'id="progress"' in page.text:
            time.sleep(0.25)
            page = browser.get(page.url)
    if 'id="download"' not in page.text or (preview and 'id="pages"' not in page.text):
        failures.append(f"{profile}: {page.status_code} {page.text[-300:]}")
    times.append(time.monotonic() - started)


def measure(drafts: int, preview: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="drafter-load-") as folder:
        out = Path(folder)
        (out / "mine").mkdir()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(out, port)
        try:
            times: list[float] = []
            failures: list[str] = []
            workers = [threading.Thread(target=one_draft, args=(base, PROFILES[i % len(PROFILES)], preview, times,
                                                                failures)) for i in range(drafts)]
            latencies = []
            started = time.monotonic()
            for worker in workers:
                worker.start()
            with httpx.Client(base_url=base, timeout=60) as probe:
                while any(w.is_alive() for w in workers):
                    asked = time.monotonic()
                    assert probe.get("/").status_code == 200
                    latencies.append(time.monotonic() - asked)
                    time.sleep(0.1)
            total = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(30)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    print(f"{drafts} drafts {'with' if preview else 'without'} preview, {len(latencies)} GET / meanwhile")
    print(f"GET / latency: median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms")
    print(f"drafts: all done in {total:.1f} s; each {min(times):.1f}-{max(times):.1f} s from post to result page")
    for failure in failures:
        print("FAILED", failure)
    return 1 if failures or latencies[-1] >= 0.5 else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=8)
    parser.add_argument("--no-preview", action="store_true")
    args = parser.parse_args()
    return measure(args.drafts, not args.no_preview)


if __name__ == "__main__":
    sys.exit(main())
