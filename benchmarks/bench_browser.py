"""Keypress to new pixels in Debian's Chromium: the pharmacokinetics explorer and the lecture dashboard.

Run: ``python benchmarks/bench_browser.py [--random] [--baseline REV]`` (needs ``apt-get install chromium`` and the test
extra). Each page is served by Voila on loopback; Playwright presses arrow keys on a slider and times each keypress to the next
image the page finishes loading; then a mouse drag across the slider's whole range checks for a backlog (the
last frame must arrive soon after release and show the final value). Page load to first plot is timed too.
Prints medians and 95th percentiles, and the dashboard with three pins in projector style against the plain dashboard
measured in the same run; nothing is asserted. With ``--random``, three pages (the dashboard, the time-course and the
sessions explorer) take random moves across their sliders' ranges instead, each typed into the slider's readout, and
the closing note says whether median <= 50 ms and p95 <= 120 ms are met, beside ``REV`` when given. Teaching model:
illustrative, not for dosing.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import nbformat  # noqa: E402
from browser_support import frames, missing, opened, press, served, settle, slider, summary, wait_frame  # noqa: E402

import simulator as sim  # noqa: E402
from simulator.cli import DASHBOARD_NOTEBOOK  # noqa: E402

PRESSES = 21
#: Random moves per page with ``--random``: a slider at random set to a value of its range at random (typed into its
#: readout, then Enter), the same seeded sequence for every revision (benchmarks/bench_moves.py: the same kind in the kernel).
RANDOM_MOVES = 30
#: Pages measured with ``--random``: name, notebook source (None: the dashboard notebook), sliders (description, min, max, step).
RANDOM_PAGES = (
    ("lecture dashboard", None, (("dose per session", 0.05, 2.0, 0.05), ("sessions", 1, 12, 1),
                                 ("days between sessions", 1.0, 14.0, 0.5), ("body weight", 10.0, 150.0, 1.0),
                                 ("age (years)", 2.0, 90.0, 1.0))),
    ("time-course explorer", "from simulator.widgets import TimeCourseExplorer\nTimeCourseExplorer()",
     (("dose per session", 0.05, 2.0, 0.05), ("sessions", 1, 12, 1), ("days between sessions", 1.0, 14.0, 0.5),
      ("body weight", 40.0, 150.0, 1.0), ("baseline score", 10.0, 60.0, 1.0))),
    ("sessions explorer", "from simulator.widgets import SessionsExplorer\nSessionsExplorer()",
     (("sessions", 1, 12, 1), ("days between sessions", 1.0, 14.0, 0.5), ("dose per session", 0.05, 2.0, 0.05))),
)  # fmt: skip


def _notebook(source: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    path = folder / "explorer.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]), path)
    return path


def _drag(page, description: str) -> tuple[float, str, str]:
    """Drag a slider from its left end to its right end; return (release -> last frame ms, readout, summary)."""
    handle = slider(page, description)
    track = page.locator(".widget-slider", has_text=description).locator(".noUi-base")
    box, bar = handle.bounding_box(), track.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(bar["x"], y, steps=10)
    page.mouse.move(bar["x"] + bar["width"], y, steps=40)
    before = frames(page)
    released = page.evaluate("performance.now()")
    page.mouse.up()
    wait_frame(page, before)  # the value is sent on release (continuous_update=False)
    settle(page, quiet_ms=1000)
    last = page.evaluate("window.__frames[window.__frames.length - 1]")
    readout = page.locator(".widget-slider", has_text=description).locator(".widget-readout").inner_text()
    return last - released, readout, summary(page)


def _click(page, name: str) -> None:
    before = frames(page)
    page.get_by_role("button", name=name).click()
    wait_frame(page, before)
    settle(page)


def _pins_in_projector_style(page, description: str) -> None:
    """Projector style with three pinned cases (the dose moved between pins): what a lecture shows."""
    _click(page, "Projector style")
    handle = slider(page, description)
    for _ in range(3):
        _click(page, "Pin curve")
        press(page, handle, "ArrowRight")
        settle(page)


def measure(name: str, notebook: Path, description: str, setup=None, env=None) -> float:
    """Print keypress-to-pixels (median, 95th percentile), a drag and the page load; return the median, ms."""
    with served(notebook, env=env) as url, opened(url) as (page, log):
        settle(page)
        if setup is not None:
            setup(page, description)
        handle = slider(page, description)
        latencies = []
        for k in range(PRESSES):
            latencies.append(press(page, handle, "ArrowRight" if k % 2 == 0 else "ArrowLeft"))
            time.sleep(0.25)
        before = frames(page)
        lag, readout, words = _drag(page, description)
        print(f"\n{name}")
        print(f"  page load to first plot: {log['load_s']:.1f} s")
        p95 = statistics.quantiles(latencies, n=20)[-1]
        print(f"  keypress to new pixels: median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms "
              f"(min {min(latencies):.0f}, max {max(latencies):.0f}, n = {len(latencies)})")  # fmt: skip
        print(f"  drag across the whole range: {frames(page) - before} frames; last frame {lag:.0f} ms after release; "
              f"slider reads {readout}; summary starts {words[:60]!r}")  # fmt: skip
        return statistics.median(latencies)


def _random_plan(sliders, n: int, seed: int = 24) -> list:
    """Return ``n`` (description, value) moves: a slider at random, a value of its range at random, never the one shown."""
    import random

    rng, shown, plan = random.Random(seed), {}, []
    for _ in range(n):
        description, low, high, step = sliders[rng.randrange(len(sliders))]
        while True:
            value = round(low + rng.randrange(round((high - low) / step) + 1) * step, 10)
            if value != shown.get(description):
                break
        shown[description] = value
        plan.append((description, value))
    return plan


def random_moves(name: str, notebook: Path, sliders, env=None) -> list:
    """Print typed-value-to-pixels over :data:`RANDOM_MOVES` random moves (median, 95th percentile); return the times, ms."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with served(notebook, env=env) as url, opened(url) as (page, _log):
        settle(page)
        latencies = []
        for description, value in _random_plan(sliders, RANDOM_MOVES):
            label = page.locator(".widget-label", has_text=re.compile(f"^{re.escape(description)}"))
            readout = page.locator(".widget-slider").filter(has=label).locator(".widget-readout")
            if readout.get_attribute("contenteditable") != "true" or float(readout.inner_text()) == value:
                continue  # disabled (days between one session) or showing it already: no frame would come
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type(f"{value:g}")
            before = frames(page)
            start = page.evaluate("performance.now()")
            page.keyboard.press("Enter")
            try:
                latencies.append(wait_frame(page, before, timeout_ms=20000) - start)
            except PlaywrightTimeout:  # said, not hidden: a move the page did not take (a readout that kept focus, say)
                print(f"  no frame within 20 s after typing {value:g} into {description!r}; move left out")
                page.keyboard.press("Escape")
            settle(page, quiet_ms=400)
        p95 = statistics.quantiles(latencies, n=20)[-1]
        print(f"\n{name}: {len(latencies)} random moves, typed value (Enter) to new pixels: median "
              f"{statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms (max {max(latencies):.0f})")  # fmt: skip
        return latencies


def _with_baseline(rev):
    """Yield (label, folder or None, env or None): the baseline checkout of ``rev`` (a worktree), then this tree."""
    import os
    import subprocess

    if rev is None:
        yield "now", None, None
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-baseline-")) / "checkout"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), rev], check=True, capture_output=True)
    try:
        yield f"at {rev} (baseline)", folder, {**os.environ, "PYTHONPATH": str(folder)}
        yield "now", None, None
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=False)


def main_random(rev) -> None:
    """Random moves on the dashboard, the time-course and the sessions explorer, beside ``rev`` in the same run."""
    results = {}
    for label, folder, env in _with_baseline(rev):
        for name, source, sliders in RANDOM_PAGES:
            notebook = DASHBOARD_NOTEBOOK if source is None else _notebook(source)
            if folder is not None and source is None:
                notebook = folder / DASHBOARD_NOTEBOOK.relative_to(ROOT)
            results[(label, name)] = random_moves(f"{name}, {label}", notebook, sliders, env=env)
    print("\ntarget: median <= 50 ms and p95 <= 120 ms on every page")
    for name, _, _ in RANDOM_PAGES:
        now = results[("now", name)]
        median, p95 = statistics.median(now), statistics.quantiles(now, n=20)[-1]
        met = "met" if median <= 50 and p95 <= 120 else "NOT met"
        line = f"  {name}: median {median:.0f} ms, p95 {p95:.0f} ms: {met}"
        base = next((v for (label, n), v in results.items() if n == name and label != "now"), None)
        if base is not None:
            line += (f"; now / baseline (same run): median {median / statistics.median(base):.2f}x, "
                     f"p95 {p95 / statistics.quantiles(base, n=20)[-1]:.2f}x")  # fmt: skip
        print(line)


def main():
    print(sim.DISCLAIMER)
    reason = missing()
    if reason:
        print(f"cannot run: {reason}")
        return
    if "--random" in sys.argv:  # random moves across the controls' ranges on three pages (--baseline REV beside them)
        main_random(sys.argv[sys.argv.index("--baseline") + 1] if "--baseline" in sys.argv else None)
        return
    measure("pharmacokinetics explorer", _notebook("from simulator.widgets import PharmacokineticsExplorer\n"
                                                   "PharmacokineticsExplorer()"), "dose (mg/kg")  # fmt: skip
    if len(sys.argv) > 2 and sys.argv[1] == "--baseline":  # the dashboard of an earlier commit, measured in this run
        import os
        import subprocess

        rev, folder = sys.argv[2], Path(tempfile.mkdtemp(prefix="bench-baseline-")) / "checkout"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), rev], check=True,
                       capture_output=True)  # fmt: skip
        try:
            env = {**os.environ, "PYTHONPATH": str(folder)}
            base = measure(f"lecture dashboard at {rev} (baseline)", folder / DASHBOARD_NOTEBOOK.relative_to(ROOT),
                           "dose per session", env=env)  # fmt: skip
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=False)
    else:
        base = None
    plain = measure("lecture dashboard", DASHBOARD_NOTEBOOK, "dose per session")
    pinned = measure("lecture dashboard, projector style, 3 pins", DASHBOARD_NOTEBOOK, "dose per session",
                     setup=_pins_in_projector_style)  # fmt: skip
    print(f"\nwith pins in projector style / plain (same run): {pinned / plain:.2f}x")
    if base is not None:
        print(f"now / baseline (same run): plain {plain / base:.2f}x, with pins in projector style {pinned / base:.2f}x")


if __name__ == "__main__":
    main()
