"""Notebook 00's checkers: the package shortcut and plausible wrong methods fail, each with its own hint."""

import numpy as np
import pytest
from exercise_support import assert_rejected

import simulator as sim
from simulator import exercises

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    monkeypatch.setenv(exercises.SCORES_ENV, "off")


def _peak_h(t, c):
    return float(t[np.argmax(c)])


LAG = {
    "hours": (lambda t, p, b: _peak_h(t, b) - _peak_h(t, p), "hours"),
    "reversed": (lambda t, p, b: 60 * (_peak_h(t, p) - _peak_h(t, b)), "sign is reversed"),
    "index steps": (lambda t, p, b: float(np.argmax(b) - np.argmax(p)), "number of output steps"),
    "brain peak from 0": (lambda t, p, b: 60 * _peak_h(t, b), "from time 0"),
    "peak heights": (lambda t, p, b: float(np.max(b) - np.max(p)), "peak concentrations"),
}


@pytest.mark.parametrize("name", LAG)
def test_brain_lag_rejects_wrong_methods_with_their_hint(name):
    function, hint = LAG[name]
    assert_rejected(exercises.check_brain_lag, "E00.1", function, hint)


def test_brain_lag_is_not_the_lag_of_one_simulation():
    """The shortcut: the lag of the standard infusion read off the package, whatever the curves handed in."""
    run = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=12)
    lag = 60 * (_peak_h(run.time_h, run.effect_site(endpoint="analgesia")) - _peak_h(run.time_h, run.plasma()))
    assert exercises.check_brain_lag(lambda t, p, b: lag).status == "wrong"


def _left(t, c, hours, from_peak=True):
    peak = int(np.argmax(c))
    return float(np.interp((t[peak] if from_peak else 0.0) + hours, t, c) / c[peak])


LEFT = {
    "from time 0": (lambda t, c, h: _left(t, c, h, from_peak=False), "after time 0"),
    "percentage": (lambda t, c, h: 100 * _left(t, c, h), "percentage"),
    "gone": (lambda t, c, h: 1 - _left(t, c, h), "fraction gone"),
    "concentration": (lambda t, c, h: float(np.interp(t[np.argmax(c)] + h, t, c)), "concentration itself"),
}


@pytest.mark.parametrize("name", LEFT)
def test_fraction_left_after_peak_rejects_wrong_methods_with_their_hint(name):
    function, hint = LEFT[name]
    assert_rejected(exercises.check_fraction_left_after_peak, "E00.2", function, hint)


def test_fraction_left_is_not_the_half_life_rule_with_the_package_half_life():
    """The shortcut: 2^(-hours / t_half) with the package's terminal half-life misses the distribution phase."""
    half_life = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24).terminal_half_life_h()
    assert exercises.check_fraction_left_after_peak(lambda t, c, h: 0.5 ** (h / half_life)).status == "wrong"


def test_the_single_exponential_case_is_the_five_half_lives_rule():
    """The hand-built case is read five half-lives after its peak: the right answer there is 2^-5 (a closed form)."""
    from simulator.exercises import _nb00

    _label, t, c = _nb00._single_exponential()
    assert _left(t, c, 5 * 2.5) == pytest.approx(2.0**-5, rel=1e-3)
