"""The dashboard server for a class, measured: kernel memory, first plot with and without a preheated kernel, culling.

Run: ``python benchmarks/bench_kernels.py [--pages N]`` (needs Chromium and the test extra, like bench_browser.py).
For each server (one preheated kernel, then none, both with the launcher's lean kernels; then one preheated
kernel with the installed kernel spec, debugger included, for the memory before and after), Chromium
opens the dashboard ``--pages`` times one after the other, each time once the pool is refilled and idle, and the
time from navigation to the first plot is taken; on the last visit a slider is moved ten times, then each
kernel's memory (RSS, PSS: shared pages divided among the kernels that map them, USS: its own) is read with
psutil, the pages are closed and the time until their kernels are culled (``--cull-idle-s 30``) is taken.
Loopback only; it stops by itself. Nothing is asserted. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import psutil  # noqa: E402
from browser_support import missing, opened, press, settle, slider  # noqa: E402

from simulator import classroom, cli  # noqa: E402
from simulator.labels import SHORT_DISCLAIMER  # noqa: E402

CULL_S = 30
MOVES = 10


def kernels(pid: int) -> list:
    """Return the kernel processes of the server ``pid``."""
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.Error:  # ended meanwhile
            pass
    return found


def _settled(pid: int, count: int) -> bool:
    """Whether the server ``pid`` has ``count`` kernels, none of them busy (under 3% of a core over a second)."""
    found = kernels(pid)
    try:
        return len(found) >= count and all(k.cpu_percent(interval=1.0) < 3 for k in found)
    except psutil.Error:  # a kernel culled meanwhile (an earlier visit's)
        return False


def _until(condition, timeout: float) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            return float("nan")
        time.sleep(0.25)
    return time.monotonic() - start


def measure(pool_size: int, pages: int, lean: bool = True) -> dict:
    """Serve the dashboard with ``pool_size`` preheated kernels; return the figures of ``pages`` visits.

    ``lean``: kernels without the debugger, as the launcher starts them (False: the installed kernel spec).
    """
    import subprocess

    port = cli.free_port()
    options = classroom.voila_options(CULL_S, max_students=pages + 2, pool_size=pool_size)
    started = time.monotonic()
    env = {**os.environ, **classroom.lean_kernel_env(tempfile.mkdtemp(prefix="bench-kernels-"))} if lean else None
    process = cli.start_voila(
        cli.DASHBOARD_NOTEBOOK, port, options=options, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/"
    figures = {"loads_s": [], "rss_mb": [], "pss_mb": [], "uss_mb": []}
    try:
        cli.wait_until_answers(url, process)
        figures["answers_s"] = time.monotonic() - started
        for visit in range(pages):
            _until(lambda: _settled(process.pid, pool_size), 240)  # the pool has run the notebook
            with opened(url, timeout_ms=180000) as (page, log):
                figures["loads_s"].append(log["load_s"])
                if visit == pages - 1:  # the memory once a student has moved a slider ten times
                    settle(page)
                    slider(page, "dose per session").wait_for(timeout=180000)  # the controls, on a loaded machine
                    for _ in range(MOVES):
                        press(page, slider(page, "dose per session"), "ArrowRight")
                    settle(page)
                    for k in kernels(process.pid):
                        m = k.memory_full_info()
                        figures["rss_mb"].append(m.rss / 2**20)
                        figures["pss_mb"].append(m.pss / 2**20)
                        figures["uss_mb"].append(m.uss / 2**20)
        figures["culled_s"] = _until(lambda: len(kernels(process.pid)) <= pool_size, CULL_S + 120)
    finally:
        cli.stop(process)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3, help="visits per server (default 3)")
    args = parser.parse_args()
    reason = missing()
    if reason is not None:
        raise SystemExit(reason)
    print(f"dashboard server for a class: {args.pages} visits per server, culling after {CULL_S} s idle. {SHORT_DISCLAIMER}")
    for pool_size, lean in ((classroom.POOL_SIZE, True), (0, True), (classroom.POOL_SIZE, False)):
        f = measure(pool_size, args.pages, lean)
        loads = ", ".join(f"{s:.1f}" for s in f["loads_s"])
        kind = "lean kernels (no debugger, as the launcher)" if lean else "the installed kernel spec (with the debugger)"
        print(f"\npreheated kernels: {pool_size}, {kind}  (server answered after {f['answers_s']:.1f} s)")
        print(f"  navigation to first plot, s: {loads}  (median {statistics.median(f['loads_s']):.1f})")
        print(
            f"  memory per kernel, MB (median of {len(f['rss_mb'])}): RSS {statistics.median(f['rss_mb']):.0f}, "
            f"PSS {statistics.median(f['pss_mb']):.0f}, USS {statistics.median(f['uss_mb']):.0f}"
        )
        print(f"  pages closed -> their kernels culled: {f['culled_s']:.0f} s (cull after {CULL_S} s idle)")
    print(f"\nclassroom.KERNEL_MB = {classroom.KERNEL_MB}; default --max-students here: {classroom.default_max_students()}")


if __name__ == "__main__":
    main()
