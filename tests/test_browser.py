"""The lecture dashboard in a real browser (Debian's Chromium driven by Playwright over a Voila server).

On a machine without Chromium, Playwright or Voila these tests skip, saying how to install them; under CI
(``CI=true``) a missing browser fails instead. Servers run on free loopback ports in their own process group
and are stopped, kernels included, whatever happens. Screenshots land in ``build/screenshots``.
Teaching model: illustrative, not for dosing.
"""

import base64
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_support import (
    KNOWN_CONSOLE_ERRORS,
    KNOWN_REMOTE,
    dashboard_page,
    frames,
    image_source,
    press,
    settle,
    slider,
    summary,
    wait_frame,
)

from simulator.widgets.chain import PRESETS

pytestmark = pytest.mark.slow
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


@pytest.fixture(scope="module")
def dashboard():
    with dashboard_page() as (page, log):
        yield page, log


def test_the_dashboard_loads_with_the_statement_and_the_chain(dashboard):
    page, log = dashboard
    text = page.inner_text("body")
    assert "Teaching model: illustrative only, not for dosing" in text
    width = page.evaluate("document.querySelector('img.widget-image').naturalWidth")
    assert width > 800  # the whole chain, drawn
    assert "NMDA block peaks" in summary(page)
    assert log["load_s"] < 60
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard_notebook.png"))


def test_a_keyboard_move_changes_the_picture_and_the_summary(dashboard):
    page, _ = dashboard
    source, words = image_source(page), summary(page)
    press(page, slider(page, "dose per session"), "ArrowRight")
    settle(page)
    assert image_source(page) != source and summary(page) != words
    press(page, slider(page, "dose per session"), "ArrowLeft")
    settle(page)


@pytest.mark.parametrize("label", list(PRESETS)[:4] + list(PRESETS)[6:7])
def test_each_preset_changes_the_picture_and_the_summary(dashboard, label):
    page, _ = dashboard
    source = image_source(page)
    before = frames(page)
    page.locator(".widget-dropdown", has_text="preset").locator("select").select_option(label=label)
    wait_frame(page, before)
    settle(page)
    assert image_source(page) != source
    # the preset's description is folded above the status line (a click shows it), the numbers stay on one screen
    assert page.locator(".ketamine-summary").first.inner_text().startswith("Preset:")


def test_pin_adds_a_ghost_and_export_gives_a_file_with_provenance(dashboard):
    page, _ = dashboard
    source = image_source(page)
    before = frames(page)
    page.get_by_role("button", name="Pin curve").click()
    wait_frame(page, before)
    assert image_source(page) != source
    page.get_by_role("button", name="Export CSV").click()
    link = page.locator("a[download]")
    link.wait_for(timeout=60000)
    data = link.get_attribute("href")
    assert data.startswith("data:text/csv;base64,")
    text = base64.b64decode(data.split(",", 1)[1]).decode()
    assert "Teaching model: illustrative only, not for dosing" in text and "parameter set:" in text
    before = frames(page)
    page.get_by_role("button", name="Clear pins").click()
    wait_frame(page, before)


def test_projector_style_changes_the_layout(dashboard):
    page, _ = dashboard
    width = page.evaluate("document.querySelector('img.widget-image').naturalWidth")
    before = frames(page)
    page.get_by_role("button", name="Projector style").click()
    wait_frame(page, before)
    settle(page)
    projector = page.evaluate("document.querySelector('img.widget-image').naturalWidth")
    assert projector != width  # a 16:9 slide instead of the notebook figure
    page.screenshot(path=str(SCREENSHOTS / "dashboard_projector.png"))
    before = frames(page)
    page.get_by_role("button", name="Projector style").click()
    wait_frame(page, before)
    settle(page)


def test_no_request_leaves_this_computer_and_no_script_fails(dashboard):
    _page, log = dashboard
    network = [u for u in log["requests"] if urlparse(u).scheme in ("http", "https", "ws", "wss")]  # not blob: or data:
    remote = [u for u in network if urlparse(u).hostname not in ("127.0.0.1", "localhost")]
    assert all(u.startswith(KNOWN_REMOTE) for u in remote), remote  # only Voila's icon-font stylesheets
    assert set(remote) <= set(log["failed"])  # and those were blocked: nothing reached another host
    unexpected = [e for e in log["errors"] if not any(known in e for known in KNOWN_CONSOLE_ERRORS)]
    assert not unexpected, unexpected
