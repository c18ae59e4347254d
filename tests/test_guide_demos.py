"""The teacher guide follows the screen: every dashboard demo, replayed in the kernel, shows what the guide quotes.

The demos' steps are in ``tests/guide_demos.py``; the quoted items are the guide's ``**On screen:**`` lines. The
same steps are clicked in Chromium by ``tests/test_browser_guide.py``. Teaching model: illustrative, not for dosing.
"""

import re

import pytest
from guide_demos import DEMOS, GUIDE, START, page_text, quoted, replay

import simulator as sim
from simulator.tables import format_number
from simulator.widgets import LectureDashboard
from simulator.widgets.chain import PRESETS

pytestmark = pytest.mark.slow  # each demo simulates and draws the whole chain several times


def on_page(item: str, text: str) -> bool:
    """Return whether ``item`` is in ``text`` as a whole number or phrase (177 is not found in 1770 or 0.177)."""
    return re.search(rf"(?<![\d.]){re.escape(item)}(?![\d])", text) is not None


def test_on_page_matches_whole_numbers_only():
    assert on_page("177", "peaks at 177 ng/mL") and on_page("2.08", "for 2.08 days.")
    assert not on_page("177", "peaks at 1770 ng/mL") and not on_page("17.7", "at 117.7") and not on_page("2.0", "2.08")


def test_every_demo_of_the_guide_is_replayed_and_quotes_the_screen():
    text = GUIDE.read_text(encoding="utf-8")
    five = text[text.index("## Five demos") : text.index("## Misconceptions and the demo")]
    headings = re.findall(r"^### (.+)$", five, re.M)
    assert len(headings) == len(DEMOS) == 7
    for heading in headings:
        assert any(name in heading for name in DEMOS), f"the guide's demo {heading!r} has no replay in guide_demos.DEMOS"
    for name, steps in DEMOS.items():
        assert quoted(name), f"demo {name!r}: the guide quotes nothing on screen"
        presets = [step[1] for step in steps if step[0] == "preset"]
        assert presets and all(p in PRESETS for p in presets)
        for label in presets:
            assert f"**{label}**" in five, f"the guide does not name the preset {label!r} it clicks"


@pytest.fixture(scope="module")
def dashboard():
    board = LectureDashboard(statement=False)
    board.projector.value = True  # the guide's demos are given in projector style
    return board


@pytest.mark.parametrize("name", list(DEMOS))
def test_each_demo_shows_every_number_the_guide_quotes(dashboard, name):
    replay(dashboard, START + DEMOS[name])
    assert dashboard.last_error is None, dashboard.last_error
    text = page_text(dashboard)
    missing = [item for item in quoted(name) if not on_page(item, text)]
    assert not missing, f"demo {name!r}: the guide quotes {missing}, not on the page: {text[:400]}..."


def test_the_guide_numbers_of_demo_1_are_the_models_own():
    """Independent of the dashboard: the standard infusion simulated directly gives the numbers demo 1 quotes."""
    scenario = sim.scenarios.preset("standard-infusion")
    result = sim.simulate(scenario.regimen, scenario.patient, end_h=scenario.regimen.end_h + 24.0 * 28, grid="log")
    summary = result.summary()
    items = quoted("1. One infusion against a conventional antidepressant")
    for value in (summary["ketamine"]["cmax"], 100 * summary["occupancy"]["peak"], summary["symptom"]["days_in_response"]):
        assert any(item.startswith(format_number(value)) for item in items), (value, items)
