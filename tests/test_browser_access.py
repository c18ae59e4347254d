"""Accessibility: the figure's text alternative is the live summary, and every control says what it controls.

Fast tests (no browser): each explorer's image carries the summary's words as its text alternative
(``image.tooltip``, the ``img`` title: its accessible name) after construction and after a move. Browser tests
(Debian's Chromium driven by Playwright over a Voila server; marked slow): the dashboard's image is named by the
status text, the name follows a keyboard move of the dose slider, and every slider, dropdown, checkbox and button
has a non-empty accessible name, read from Chromium's own accessibility tree. Without Chromium, Playwright or
Voila the browser tests skip; under CI (``CI=true``) they fail instead. Teaching model: illustrative, not for dosing.
"""

import re

import ipywidgets as widgets
import pytest
from browser_support import dashboard_page, frames, press, settle, slider, summary, wait_frame

from simulator.labels import DISCLAIMER
from simulator.widgets import (
    ChannelBlockExplorer,
    LectureDashboard,
    PharmacokineticsExplorer,
    ReceptorExplorer,
    SessionsExplorer,
    TimeCourseExplorer,
)

EXPLORERS = (PharmacokineticsExplorer, TimeCourseExplorer, LectureDashboard, ReceptorExplorer, ChannelBlockExplorer,
             SessionsExplorer)  # fmt: skip
#: Roles a user operates (Chromium's names for them); a select's own popup list (MenuListPopup) is part of it.
CONTROL_ROLES = ("slider", "combobox", "checkbox", "button", "switch", "radio", "textbox", "spinbutton", "listbox")
#: The dashboard's sliders, as their handles are named.
SLIDERS = ("dose per session (mg/kg)", "sessions", "days between sessions", "body weight (kg)", "age (years)")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _moved(explorer) -> str:
    """Move the first slider whose step changes the summary; return the summary before."""
    before = explorer.summary_text
    for control in explorer.controls.values():
        if isinstance(control, widgets.FloatLogSlider) and not control.disabled:  # its step is in powers of its base
            start = control.value
            up = start * control.base**control.step
            control.value = up if up <= control.base**control.max else start / control.base**control.step
        elif isinstance(control, widgets.FloatSlider | widgets.IntSlider) and not control.disabled:
            start = control.value
            control.value = start + control.step if start + control.step <= control.max else start - control.step
        else:
            continue
        if explorer.summary_text != before:
            return before
        control.value = start
    raise AssertionError(f"no slider of {type(explorer).__name__} changes its summary")


@pytest.mark.parametrize("kind", EXPLORERS, ids=lambda kind: kind.__name__)
def test_each_figure_image_carries_the_summary_as_its_text_alternative(kind):
    explorer = kind()
    assert explorer.last_error is None
    assert explorer.summary_text and explorer.image.tooltip == explorer.summary_text
    assert explorer.image.description == ""  # the front end sets the tooltip as the title only then
    before = _moved(explorer)
    assert explorer.image.tooltip == explorer.summary_text != before
    explorer.pin()
    explorer.clear_pins()
    assert explorer.image.tooltip == explorer.summary_text and explorer.image.value  # the bytes still there


# ---------------------------------------------------------------------------------------------- in Chromium
@pytest.fixture(scope="module")
def dashboard():
    with dashboard_page() as (page, log):
        yield page, log


def _named(page, roles) -> list[tuple[str, str]]:
    """Return (role, accessible name) of every node of ``roles`` in Chromium's accessibility tree, in page order."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    found = []
    for node in nodes:
        role = node.get("role", {}).get("value")
        if role in roles and not node.get("ignored"):
            found.append((role, _words(str(node.get("name", {}).get("value", "")))))
    return found


def _image_name(page) -> str:
    (name,) = [name for role, name in _named(page, ("image", "img")) if name]
    return name


def _summary_words(page) -> str:
    """Return the words of the whole live summary: a preset's folded description (if shown), then the status text.

    The dashboard notebook states the teaching model once, above the dashboard, so its status text leaves the
    statement out; the image's text alternative, read alone, keeps it: it is added here as the summary ends with it.
    """
    folded = page.evaluate("(document.querySelector('.ketamine-summary details p') || {}).textContent || ''")
    words = _words(f"{folded} {summary(page)}")
    return words if words.endswith(DISCLAIMER) else f"{words} {DISCLAIMER}"


@pytest.mark.slow
def test_the_dashboard_image_is_named_by_the_status_text_and_follows_a_keyboard_move(dashboard):
    page, log = dashboard
    words = _summary_words(page)  # at load, a preset: its description folded above the status text
    assert "NMDA block peaks" in words and _image_name(page) == words
    assert page.get_by_role("img", name=words, exact=True).count() == 1  # as Playwright computes the name too
    handle = slider(page, "dose per session")
    before = frames(page)
    press(page, handle, "ArrowRight")
    wait_frame(page, before)
    settle(page)
    moved = _summary_words(page)  # the move left the preset: the status text (and the statement) is the whole summary
    assert moved != words and _image_name(page) == moved and "Preset:" not in moved
    press(page, handle, "ArrowLeft")
    settle(page)
    assert _image_name(page) == _summary_words(page)
    assert not [e for e in log["errors"] if "Could not create a view" in e]


@pytest.mark.slow
def test_every_control_of_the_dashboard_has_an_accessible_name(dashboard):
    page, _ = dashboard
    controls = _named(page, CONTROL_ROLES)
    assert len(controls) > 20  # buttons, dropdowns, checkboxes, sliders: the whole panel was read
    assert [(role, name) for role, name in controls if not name] == []
    assert [name for role, name in controls if role == "slider"] == list(SLIDERS)
    roles = {role for role, _ in controls}
    assert {"slider", "combobox", "checkbox", "button"} <= roles
    assert page.get_by_role("slider", name="dose per session (mg/kg)", exact=True).count() == 1
