"""The teacher guide's dashboard demos, clicked in Chromium at 1920x1080 in projector style, as a lecturer would.

Every demo of ``tests/guide_demos.py`` (the five demos and the two misconception demos of
``docs/teacher_guide.md``) is replayed by mouse and keyboard on the Voila dashboard. After every step the page
must fit the screen (no scrolling), no label or number may be cut off, and every element must lie inside the
viewport; a screenshot per step lands in ``build/screenshots/guide``. After the last step of a demo, every item
the guide quotes as on screen must be in the page's text. Skips without Chromium, fails under CI.
Teaching model: illustrative, not for dosing.
"""

import re
from pathlib import Path

import pytest
from browser_support import dashboard_page, frames, settle, wait_frame
from guide_demos import DEMOS, START, normalise, quoted

from simulator.widgets.predict import QUANTITIES

pytestmark = pytest.mark.slow
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots" / "guide"
WIDTH, HEIGHT = 1920, 1080

#: Finds what does not fit: text cut off inside its box, and visible elements outside the viewport.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const root = document.querySelector('.ketamine-explorer');
  const visible = e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0; };
  for (const e of root.querySelectorAll('.widget-label, .widget-readout, button, p, td, th, summary, label')) {
    if (visible(e) && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
      problems.push('cut off: ' + (e.innerText || '').slice(0, 40));
    if (visible(e) && e.scrollWidth > e.clientWidth + 1 && (e.innerText || '').endsWith('...'))
      problems.push('ellipsis: ' + e.innerText.slice(0, 40));
  }
  const ctx = document.createElement('canvas').getContext('2d');
  for (const e of root.querySelectorAll('select')) {  // a select cuts its chosen option without overflowing
    if (!visible(e) || e.selectedIndex < 0 || e.multiple || e.size > 1) continue;
    const s = getComputedStyle(e); ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const text = e.options[e.selectedIndex].text;
    if (ctx.measureText(text).width > e.clientWidth - 28) problems.push('cut off: select ' + text.slice(0, 40));
  }
  for (const e of root.querySelectorAll('*')) {
    if (!visible(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.left < -1 || r.top < -1)
      problems.push(`outside the screen: <${e.tagName.toLowerCase()} class="${e.className}"> ` +
                    `${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)} ` +
                    (e.innerText || '').slice(0, 30));
  }
  const d = document.documentElement;
  if (d.scrollHeight > innerHeight + 1 || d.scrollWidth > innerWidth + 1)
    problems.push(`the page scrolls: ${d.scrollWidth}x${d.scrollHeight}`);
  return problems.slice(0, 12);
}"""


@pytest.fixture(scope="module")
def page():
    with dashboard_page() as (page, _log):
        before = frames(page)
        page.get_by_role("button", name="Projector style").click()
        wait_frame(page, before)
        settle(page)
        yield page


def _pressed(page, name: str) -> bool:
    return "mod-active" in (page.get_by_role("button", name=name).get_attribute("class") or "")


def _type_into(page, slider, value: float) -> None:
    """Set a slider by typing into its readout (ipywidgets' editable readout), as a keyboard user can."""
    readout = slider.locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{value:g}")
    page.keyboard.press("Enter")


def _do(page, step) -> None:
    kind, *args = step
    if kind == "reset":
        for toggle in ("Class predicts first", "Population band"):
            if _pressed(page, toggle):
                page.get_by_role("button", name=toggle).click()
                settle(page, quiet_ms=800)
        page.get_by_role("button", name="Reset").click()
    elif kind == "clear":
        page.get_by_role("button", name="Clear pins").click()
    elif kind == "pin":
        page.get_by_role("button", name="Pin curve").click()
    elif kind == "preset":
        page.locator(".ketamine-preset select").select_option(label=args[0])
    elif kind == "slider":
        _type_into(page, page.locator(".ketamine-control.widget-slider", has_text=args[0]), args[1])
    elif kind in ("toggle", "button"):
        page.get_by_role("button", name=args[0]).click()
    elif kind == "predict":
        q = QUANTITIES[args[0]]
        chooser = page.locator(".ketamine-prediction-panel .widget-dropdown select").first
        label = f"{q.label} ({q.unit})"
        if chooser.locator("option:checked").inner_text() != label:
            chooser.select_option(label=label)
            settle(page, quiet_ms=800)
        _type_into(page, page.locator(".ketamine-prediction .widget-slider").first, args[1])
    else:
        raise ValueError(f"unknown step {step!r}")


#: Steps that may change no pixel (Reset at the defaults, Clear pins without pins, the prediction toggle): no frame to wait for.
MAYBE_NO_FRAME = ("reset", "clear", "toggle")


def _wait(page, before: int, kind: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if kind != "predict":  # setting a prediction's slider draws nothing
        try:
            wait_frame(page, before, timeout_ms=10000 if kind in MAYBE_NO_FRAME else 90000)
        except PlaywrightTimeout:
            if kind not in MAYBE_NO_FRAME:
                raise
    settle(page, quiet_ms=1500, timeout_ms=90000)
    page.wait_for_timeout(300)  # the text widgets' last messages


@pytest.mark.parametrize("name", list(DEMOS))
def test_each_demo_replays_on_one_screen_with_every_quoted_number(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    for k, step in enumerate(START + DEMOS[name]):
        before = frames(page)
        _do(page, step)
        _wait(page, before, step[0])
        if k >= len(START):  # the demo's own steps: as the class sees them
            page.screenshot(path=str(SCREENSHOTS / f"{slug}-{k - len(START) + 1}.png"))
            problems = page.evaluate(LAYOUT_PROBLEMS)
            assert not problems, f"demo {name!r}, step {step}: {problems}"
    text = normalise(page.inner_text(".ketamine-explorer"))
    missing_items = [item for item in quoted(name) if re.search(rf"(?<![\d.]){re.escape(item)}(?![\d])", text) is None]
    assert not missing_items, f"demo {name!r}: the guide quotes {missing_items}, not on the page"


def test_in_notebook_style_every_preset_with_a_pin_fits_the_screen_too(page):
    from simulator.widgets.chain import PRESETS

    for step in START:
        before = frames(page)
        _do(page, step)
        _wait(page, before, step[0])
    _do(page, ("toggle", "Projector style"))
    _wait(page, frames(page) - 1, "toggle")
    _do(page, ("pin",))
    _wait(page, frames(page) - 1, "toggle")
    try:
        for label in PRESETS:
            before = frames(page)
            _do(page, ("preset", label))
            _wait(page, before, "preset")
            problems = page.evaluate(LAYOUT_PROBLEMS)
            assert not problems, f"notebook style, preset {label!r}: {problems}"
        page.screenshot(path=str(SCREENSHOTS / "notebook-style-last-preset.png"))
    finally:
        _do(page, ("toggle", "Projector style"))
        _wait(page, frames(page), "toggle")


def test_the_prediction_mode_works_by_keyboard_alone(page):
    """Toggle, predict with the arrow keys, commit with Enter, leave: no mouse (issue 22: keyboard operable)."""
    for step in START:
        before = frames(page)
        _do(page, step)
        _wait(page, before, step[0])
    toggle = page.get_by_role("button", name="Class predicts first")
    toggle.focus()
    page.keyboard.press("Enter")
    page.locator(".ketamine-prediction").first.wait_for(timeout=60000)
    assert page.locator("img.widget-image").first.evaluate("e => getComputedStyle(e).visibility") == "hidden"
    handle = page.locator(".ketamine-prediction .noUi-handle").first
    handle.focus()
    readout = page.locator(".ketamine-prediction .widget-readout").first
    start = readout.inner_text()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.querySelector('.ketamine-prediction .widget-readout').innerText !== {start!r}")
    before = frames(page)
    page.get_by_role("button", name="Commit prediction").focus()
    page.keyboard.press("Enter")
    wait_frame(page, before, timeout_ms=90000)
    settle(page, quiet_ms=1500, timeout_ms=90000)
    reveal = normalise(page.locator(".ketamine-prediction").first.inner_text())
    assert "Observe: You predicted" in reveal and "the model gives" in reveal
    assert page.locator("img.widget-image").first.evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert not page.evaluate(LAYOUT_PROBLEMS)
    toggle.focus()
    page.keyboard.press("Enter")
    page.locator(".ketamine-prediction").first.wait_for(state="detached", timeout=60000)
