"""Drive the real product in Debian's Chromium with Playwright: serve a notebook with Voila, open it, time frames.

Used by ``tests/test_browser.py`` (what a user sees) and ``benchmarks/bench_browser.py`` (how fast). Chromium
is the system one (``apt-get install chromium``); Playwright never downloads a browser here. Every host but
loopback is unresolvable in the browser, which proves the page works offline.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import time
import urllib.request
from contextlib import contextmanager

from simulator.cli import DASHBOARD_NOTEBOOK, free_port, start_voila, stop, wait_until_answers

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Launch flags that work as root in a container, with every non-loopback host unresolvable.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
#: Requests the page makes to other hosts, known and harmless: Voila's icon-font stylesheets (blocked offline; no
#: icon is needed by the explorers).
KNOWN_REMOTE = ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free",)
#: Browser console errors that are those blocked requests.
KNOWN_CONSOLE_ERRORS = ("net::ERR_NAME_NOT_RESOLVED",)
#: Records the time of every image the page finishes loading: a new frame of an explorer.
FRAME_RECORDER = (
    "window.__frames = [];"
    "document.addEventListener('load', e => { if (e.target.tagName === 'IMG') window.__frames.push(performance.now()); }, true);"
)
INSTALL_HINT = "install Chromium (apt-get install chromium) and the test extra (pip install -e '.[test]')"


def missing(*modules: str) -> str | None:
    """Return why the browser tests cannot run here (also needing ``modules``), or None."""
    if CHROMIUM is None:
        return f"no chromium on PATH: {INSTALL_HINT}"
    for module in ("playwright", "voila", *modules):
        if importlib.util.find_spec(module) is None:
            return f"the {module} package is missing: {INSTALL_HINT}"
    return None


@contextmanager
def served(notebook, timeout: float = 90.0, env=None):
    """Serve ``notebook`` with Voila on a free loopback port; yield its URL; stop the server and its kernels after.

    ``env``: the server's environment (default: this process's), e.g. a PYTHONPATH that serves another checkout.
    """
    port = free_port()
    process = start_voila(notebook, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_answers(url, process, timeout)  # a static path: asking for the page would start a kernel
        yield url
    finally:
        stop(process)


def _wait_until_served(url: str, process, timeout: float, what: str) -> None:
    """Wait until ``url`` answers; raise if ``process`` ends or ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start on {url}") from None
            time.sleep(0.3)


@contextmanager
def opened(url, timeout_ms: float = 60000):
    """Open ``url`` in Chromium (1920x1080) once the first frame is drawn; yield (page, log).

    ``log`` has ``requests`` (every URL asked for), ``failed`` (URLs that failed), ``errors`` (console errors and
    uncaught page errors) and ``load_s`` (navigation to first frame, seconds).
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            log = {"requests": [], "failed": [], "errors": []}
            page.on("request", lambda r: log["requests"].append(r.url))
            page.on("requestfailed", lambda r: log["failed"].append(r.url))
            page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: log["errors"].append(f"page error: {e}"))
            page.add_init_script(FRAME_RECORDER)
            start = time.monotonic()
            page.goto(url, timeout=timeout_ms)
            page.wait_for_function("window.__frames.length > 0", timeout=timeout_ms)
            log["load_s"] = time.monotonic() - start
            yield page, log
        finally:
            browser.close()


def frames(page) -> int:
    """Return how many frames (image loads) the page has drawn."""
    return page.evaluate("window.__frames.length")


def wait_frame(page, after: int, timeout_ms: float = 60000) -> float:
    """Wait for a frame beyond the first ``after``; return its time (page clock, ms)."""
    page.wait_for_function(f"window.__frames.length > {after}", timeout=timeout_ms)
    return page.evaluate("window.__frames[window.__frames.length - 1]")


def settle(page, quiet_ms: float = 600, timeout_ms: float = 60000) -> None:
    """Wait until no new frame has arrived for ``quiet_ms``."""
    page.wait_for_function(
        f"window.__frames.length > 0 && performance.now() - window.__frames[window.__frames.length - 1] > {quiet_ms}",
        timeout=timeout_ms,
    )


def slider(page, description: str):
    """Return the handle of the slider whose description contains ``description``."""
    return page.locator(".widget-slider", has_text=description).locator(".noUi-handle")


def press(page, handle, key: str) -> float:
    """Press ``key`` on a focused slider ``handle``; return keypress-to-new-pixels, ms."""
    handle.focus()
    before = frames(page)
    start = page.evaluate("performance.now()")
    page.keyboard.press(key)
    return wait_frame(page, before) - start


def image_source(page) -> str:
    """Return the explorer image's current source (a new one per frame)."""
    return page.locator("img.widget-image").first.get_attribute("src")


def summary(page) -> str:
    """Return the live text summary under the figure."""
    return page.locator("[role=status]").first.inner_text()


@contextmanager
def jupyterlab(folder, timeout: float = 90.0):
    """Serve JupyterLab on ``folder`` (a working copy: Lab autosaves what it opens) on a free loopback port.

    Yields the base URL; the server and its kernels are stopped after, whatever happens.
    """
    import os
    import sys

    port = free_port()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
               "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={folder}",
               "--LabApp.news_url=", "--ServerApp.disable_check_xsrf=True"]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_served(f"http://127.0.0.1:{port}/lab", process, timeout, "JupyterLab")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


@contextmanager
def dashboard_page():
    """Serve the lecture dashboard and open it in Chromium, settled; yield (page, log). For a module's fixture.

    Without Chromium, Playwright or Voila the test skips saying how to install them; under CI (``CI=true``) it fails.
    """
    import os

    import pytest

    reason = missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    with served(DASHBOARD_NOTEBOOK) as url, opened(url) as (page, log):
        settle(page)
        yield page, log
