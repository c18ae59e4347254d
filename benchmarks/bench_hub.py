"""A class on one JupyterHub, measured: 1, 10 and 30 students log in at once and open the dashboard.

Run: ``python benchmarks/bench_hub.py [--users 1 10 30]`` (needs ``pip install jupyterhub`` and npm's
configurable-http-proxy in build/node, as .ci/run installs it). For each class size a fresh hub with the shipped
deploy/jupyterhub_config.py (dummy authenticator, local spawner) runs on loopback; every student logs in over
HTTP at the same moment (a thread each), waits for their server and GETs the dashboard (Voila runs the notebook
in a new kernel for the request). Prints the time from log-in to the dashboard's page (median, 95th percentile,
slowest), and the memory of the users' servers and kernels (RSS) once all have arrived. Loopback only; each
student gives up after 600 s and the hub is stopped after each size, so it stops by itself. Nothing is asserted.
Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import psutil  # noqa: E402
from hub_support import missing, open_dashboard, running_hub  # noqa: E402

from simulator.labels import SHORT_DISCLAIMER  # noqa: E402

TIMEOUT_S = 600.0


def _processes(pid: int, marker: str) -> list:
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if marker in " ".join(child.cmdline()):
                found.append(child.memory_info().rss / 2**20)
        except psutil.Error:
            pass
    return found


def _percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def measure(users: int) -> dict:
    """Run one hub for ``users`` students arriving at once; return their times and the memory."""
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as state, running_hub(Path(state)) as (url, process):
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=users) as pool:
            futures = [pool.submit(open_dashboard, url, f"student{n}", TIMEOUT_S) for n in range(users)]
            times, failed = [], 0
            for future in futures:
                try:
                    times.append(future.result())
                except Exception:
                    failed += 1
        wall = time.monotonic() - start
        time.sleep(5)  # the kernels finish drawing
        servers = _processes(process.pid, "jupyterhub.singleuser")
        kernels = _processes(process.pid, "ipykernel")
    return {"times": times, "failed": failed, "wall": wall, "servers": servers, "kernels": kernels}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 30], help="class sizes (default 1 10 30)")
    args = parser.parse_args()
    if any(not 1 <= n <= 60 for n in args.users):
        raise SystemExit(f"--users must each be in [1, 60], got {args.users}")
    reason = missing()
    if reason is not None:
        raise SystemExit(reason)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a SIGTERM stops the hub and its servers too
    print(f"one JupyterHub on this machine ({psutil.cpu_count()} cores), students arriving at once. {SHORT_DISCLAIMER}")
    for users in args.users:
        f = measure(users)
        t = f["times"]
        line = f"{users:3d} students: log-in to dashboard median {statistics.median(t):.0f} s" if t else f"{users:3d}: none"
        if t:
            line += f", p95 {_percentile(t, 95):.0f} s, slowest {max(t):.0f} s"
        line += f"; {f['failed']} failed; all in {f['wall']:.0f} s"
        print(line)
        if f["servers"]:
            print(
                f"     memory: {len(f['servers'])} user servers, median RSS {statistics.median(f['servers']):.0f} MB; "
                f"{len(f['kernels'])} kernels, median RSS {statistics.median(f['kernels']) if f['kernels'] else 0:.0f} MB; "
                f"total {sum(f['servers']) + sum(f['kernels']):.0f} MB"
            )


if __name__ == "__main__":
    main()
