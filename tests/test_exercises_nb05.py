"""Notebook 05's checkers: the package shortcut and plausible wrong methods fail, each with its own hint."""

import numpy as np
import pytest
from exercise_support import assert_rejected, solution

from simulator import acute, exercises

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    monkeypatch.setenv(exercises.SCORES_ENV, "off")


def _below(t, d, level):
    peak = int(np.argmax(d))
    return float(t[peak + int(np.argmax(d[peak:] < level))])


BELOW = {
    "from time 0": (lambda t, d, s, lv: _below(t, d, lv), "not from time 0"),
    "time of the peak": (lambda t, d, s, lv: float(t[np.argmax(d)]) - s, "time of the peak"),
    "time above": (lambda t, d, s, lv: float(np.sum(np.diff(t) * (d[:-1] >= lv))), "stays above"),
    "minutes": (lambda t, d, s, lv: 60 * (_below(t, d, lv) - s), "not minutes"),
    "first below at all": (lambda t, d, s, lv: float(t[np.argmax(d < lv)]) - s, "below the level at all"),
}


@pytest.mark.parametrize("name", BELOW)
def test_dissociation_below_rejects_wrong_methods_with_their_hint(name):
    function, hint = BELOW[name]
    assert_rejected(exercises.check_dissociation_below, "E05.1", function, hint)


def test_dissociation_below_after_a_shoulder_needs_the_peak():
    """The first fall below a level after first rising above it is wrong on the hand-built curve with a shoulder."""

    def first_fall(t, d, s, lv):
        above = int(np.argmax(d >= lv))
        return float(t[above + int(np.argmax(d[above:] < lv))]) - s

    assert_rejected(exercises.check_dissociation_below, "E05.1", first_fall, "shoulder")


def _resolved(t, d, sy, s, f, pick=max):
    return pick(_below(t, c, f * c.max()) for c in (d, sy)) - s


RESOLVED = {
    "the first to resolve": (lambda t, d, sy, s, f: _resolved(t, d, sy, s, f, pick=min), "resolves first"),
    "blood pressure only": (lambda t, d, sy, s, f: _below(t, sy, f * sy.max()) - s, "blood-pressure rise only"),
    "dissociation only": (lambda t, d, sy, s, f: _below(t, d, f * d.max()) - s, "dissociation only"),
    "from time 0": (lambda t, d, sy, s, f: _resolved(t, d, sy, 0.0, f), "not from time 0"),
    "a fixed 10%": (lambda t, d, sy, s, f: _resolved(t, d, sy, s, 0.1), "not a fixed 10%"),
    "minutes": (lambda t, d, sy, s, f: 60 * _resolved(t, d, sy, s, f), "not minutes"),
}


@pytest.mark.parametrize("name", RESOLVED)
def test_hours_until_resolved_rejects_wrong_methods_with_their_hint(name):
    function, hint = RESOLVED[name]
    assert_rejected(exercises.check_hours_until_resolved, "E05.2", function, hint)


def _package(t, d, sy, s, f):
    """The shortcut: the package's own resolution readout (its fixed 10%)."""
    plasma = np.zeros_like(t)
    return acute.acute_summary(t, [s], d, sy, plasma, "racemic", acute.AcuteModel())["resolved_after_h"][0]


def test_hours_until_resolved_is_not_the_package_readout_but_agrees_with_it_at_10_percent():
    assert exercises.check_hours_until_resolved(_package).status == "wrong"
    import simulator as sim

    run = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=8, step_min=1)
    args = (run.time_h, run.dissociation_index, run.systolic_change_mmhg, 0.0)
    right = solution("05_safety_and_the_clinic", "E05.2")
    assert right(*args, 0.1) == pytest.approx(_package(*args, 0.1), abs=1.5 / 60)
    assert abs(right(*args, 0.25) - _package(*args, 0.25)) > 2 / 60


def test_dissociation_below_is_not_the_package_hours_with_effects():
    """The shortcut: the package's hours of toy acute effects (a fixed threshold, counted above it), whatever the level."""

    def package(t, d, s, lv):
        return float(acute.hours_with_effects(t, d, np.zeros_like(d), acute.AcuteModel()))

    assert exercises.check_dissociation_below(package).status == "wrong"
