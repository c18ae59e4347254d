"""Keypress to new pixels in Debian's Chromium: the pharmacokinetics explorer and the lecture dashboard.

Run: ``python benchmarks/bench_browser.py`` (needs ``apt-get install chromium`` and the test extra). Each page
is served by Voila on loopback; Playwright presses arrow keys on a slider and times each keypress to the next
image the page finishes loading; then a mouse drag across the slider's whole range checks for a backlog (the
last frame must arrive soon after release and show the final value). Page load to first plot is timed too.
Prints medians; nothing is asserted. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

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


def measure(name: str, notebook: Path, description: str) -> None:
    with served(notebook) as url, opened(url) as (page, log):
        settle(page)
        handle = slider(page, description)
        latencies = []
        for k in range(PRESSES):
            latencies.append(press(page, handle, "ArrowRight" if k % 2 == 0 else "ArrowLeft"))
            time.sleep(0.25)
        before = frames(page)
        lag, readout, words = _drag(page, description)
        print(f"\n{name}")
        print(f"  page load to first plot: {log['load_s']:.1f} s")
        print(f"  keypress to new pixels: median {statistics.median(latencies):.0f} ms "
              f"(min {min(latencies):.0f}, max {max(latencies):.0f}, n = {len(latencies)})")  # fmt: skip
        print(f"  drag across the whole range: {frames(page) - before} frames; last frame {lag:.0f} ms after release; "
              f"slider reads {readout}; summary starts {words[:60]!r}")  # fmt: skip


def main():
    print(sim.DISCLAIMER)
    reason = missing()
    if reason:
        print(f"cannot run: {reason}")
        return
    measure("pharmacokinetics explorer", _notebook("from simulator.widgets import PharmacokineticsExplorer\n"
                                                   "PharmacokineticsExplorer()"), "dose (mg/kg")  # fmt: skip
    measure("lecture dashboard", DASHBOARD_NOTEBOOK, "dose per session")


if __name__ == "__main__":
    main()
