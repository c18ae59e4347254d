"""The dashboard server for a class, run for real on loopback: kernels culled, capped, preheated; the launcher cleans up.

Kernels are counted as the server's ipykernel child processes (psutil), not through the server's own
bookkeeping. Plain HTTP GETs of the page start kernels as a browser's visit does (Voila runs the notebook for the
request), and a GET never opens the kernel's websocket: the page has "gone" at once. Teaching model: illustrative,
not for dosing.
"""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from simulator import classroom, cli

psutil = pytest.importorskip("psutil")
pytest.importorskip("voila")
pytestmark = pytest.mark.slow
LEAN = "sys.modules['debugpy'] = None"


def _kernels(pid):
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        try:
            if "ipykernel" in " ".join(child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.Error:  # it ended meanwhile
            pass
    return found


def _wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.5)
    return timeout - (deadline - time.monotonic())


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=180) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_pages_that_have_gone_are_culled_and_a_page_beyond_the_cap_gets_a_message(tmp_path):
    cull_s = 10
    port = cli.free_port()
    options = classroom.voila_options(cull_idle_s=cull_s, max_students=2)
    env = {**os.environ, **classroom.lean_kernel_env(tmp_path)}  # kernels without the debugger, as the launcher's
    process = cli.start_voila(
        cli.DASHBOARD_NOTEBOOK, port, options=options, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        cli.wait_until_answers(url, process)
        assert len(_kernels(process.pid)) <= 1  # answering started no kernel for a page
        _wait(lambda: len(_kernels(process.pid)) == 1, 120, "the preheated kernel starts")
        for _ in range(2):  # two students: the preheated kernel, then a fresh one
            status, body = _get(url)
            assert status == 200 and "Teaching model: illustrative only" in body
        assert len(_kernels(process.pid)) >= 2
        assert all(LEAN in " ".join(k.cmdline()) for k in _kernels(process.pid))  # the lean kernel spec was used
        status, body = _get(url)  # a third student: the class is full
        assert status == 503 and "The dashboard is full: all 2 places" in body and "not for dosing" in body
        _wait(lambda: len(_kernels(process.pid)) == 3, 120, "the pool is refilled after a page took its kernel")
        # the two pages never connected: culled after cull_s idle, checked every 5 s; the preheated one stays
        took = _wait(lambda: len(_kernels(process.pid)) == 1, cull_s + 2 * 5 + 30, "idle kernels culled")
        assert took < cull_s + 40
        time.sleep(5)  # one more culling round: the preheated kernel is never culled
        assert len(_kernels(process.pid)) == 1
        status, _ = _get(url)  # places are free again
        assert status == 200
    finally:
        cli.stop(process)
    assert not _kernels(process.pid)


def _launch():
    """Start ``python -m simulator dashboard --no-browser`` as from a terminal; return (process, its output lines)."""
    command = [sys.executable, "-m", "simulator", "dashboard", "--no-browser", "--cull-idle-s", "60"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    return process, lines


def _group_members(*groups):
    found = []
    for p in psutil.process_iter(["pid"]):
        try:
            if p.pid != 0 and os.getpgid(p.pid) in groups:
                found.append(p)
        except (psutil.NoSuchProcess, ProcessLookupError):
            pass
    return found


def test_sigint_sigterm_and_sighup_each_stop_voila_and_every_kernel():
    launched = {sig: _launch() for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        for sig, (process, lines) in launched.items():
            _wait(lambda lines=lines: any("Lecture dashboard at http://127.0.0.1:" in line for line in lines), 120, "answers")
            url = next(line for line in lines if "Lecture dashboard at" in line).split()[3]
            assert _get(url + "voila/static/")[0] in (403, 404)  # it answered before the address was printed
            (voila,) = psutil.Process(process.pid).children()
            _wait(lambda voila=voila: len(_kernels(voila.pid)) >= 1, 120, "a kernel is running")
            started = [voila, *voila.children(recursive=True)]
            groups = {process.pid, voila.pid, *(os.getpgid(p.pid) for p in started)}
            process.send_signal(sig)
            assert process.wait(timeout=60) == 0
            _, alive = psutil.wait_procs(started, timeout=15)
            assert not alive, f"{sig.name} left {[p.cmdline() for p in alive]}"
            assert not _group_members(*groups), f"{sig.name} left processes of the launcher's groups"
    finally:
        for process, _ in launched.values():
            if process.poll() is None:
                process.kill()
