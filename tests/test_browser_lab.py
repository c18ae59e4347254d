"""JupyterLab in a real browser: the start notebook runs top to bottom and its slider redraws the figure.

Its own module, so that its Playwright session does not overlap the dashboard module's. Skips without
Chromium (fails under ``CI=true``), like ``test_browser.py``. Teaching model: illustrative, not for dosing.
"""

import os
import re
import time
from pathlib import Path

import pytest
from browser_support import frames, missing, settle, wait_frame

pytestmark = pytest.mark.slow
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def test_jupyterlab_runs_the_start_notebook_and_its_slider_works(tmp_path):
    import shutil

    from browser_support import CHROMIUM, FLAGS, FRAME_RECORDER, jupyterlab
    from playwright.sync_api import sync_playwright

    reason = missing("jupyterlab")
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / "notebooks" / "00_start_here.ipynb", tmp_path)  # a working copy: Lab saves what it opens
    with jupyterlab(tmp_path) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.add_init_script(FRAME_RECORDER)
            page.goto(f"{base}/lab/tree/00_start_here.ipynb", timeout=90000)
            page.wait_for_selector(".jp-Notebook", timeout=90000)
            # the kernel must be up before Run All (the status bar reads "Python 3 (ipykernel) | Idle")
            page.wait_for_function("document.body.innerText.includes('| Idle')", timeout=120000)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.locator("li[data-command='runmenu:run-all']").click()
            cell = page.locator(".jp-CodeCell", has_text=re.compile(r"\w+Explorer\(")).first
            handle = cell.locator(".widget-slider .noUi-handle").first
            deadline = time.monotonic() + 180
            while True:  # Lab 4 renders only the cells in view, and scrolls to each cell it runs: look again
                cell.scroll_into_view_if_needed()
                if handle.count() and handle.is_visible():
                    break
                if time.monotonic() > deadline:
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(SCREENSHOTS / "jupyterlab_no_slider.png"), full_page=True)
                    raise AssertionError(f"the explorer's slider never appeared (see {SCREENSHOTS})")
                page.wait_for_timeout(1000)
            page.wait_for_function("window.__frames.length > 0", timeout=60000)
            settle(page)
            assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
            assert (
                page.locator(".jp-OutputArea-output .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count()
                == 0
            )
            before = frames(page)
            handle.focus()
            page.keyboard.press("ArrowRight")
            wait_frame(page, before)  # a new picture after a keypress
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "jupyterlab_start_notebook.png"))
        finally:
            browser.close()
