"""Notebook 01's checkers: the package shortcut and plausible wrong methods fail, each with its own hint."""

import numpy as np
import pytest
from exercise_support import assert_rejected

import simulator as sim
from simulator import exercises
from simulator.linear import first_order_hold

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    monkeypatch.setenv(exercises.SCORES_ENV, "off")


def _auc(c, t):
    return float(np.sum(0.5 * (c[1:] + c[:-1]) * np.diff(t)))


F = {
    "no doses": (lambda t, c, d, ti, ci, di: _auc(c, t) / _auc(ci, ti), "without the doses"),
    "upside down": (lambda t, c, d, ti, ci, di: (_auc(ci, ti) / di) / (_auc(c, t) / d), "upside down"),
    "peaks": (lambda t, c, d, ti, ci, di: (c.max() / d) / (ci.max() / di), "peak concentrations"),
    "percentage": (lambda t, c, d, ti, ci, di: 100 * (_auc(c, t) / d) / (_auc(ci, ti) / di), "percentage"),
    "np.sum": (lambda t, c, d, ti, ci, di: (np.sum(c) / d) / (np.sum(ci) / di), "np.sum adds samples"),
}


@pytest.mark.parametrize("name", F)
def test_bioavailability_rejects_wrong_methods_with_their_hint(name):
    function, hint = F[name]
    assert_rejected(exercises.check_bioavailability, "E01.1", function, hint)


def test_bioavailability_is_not_the_published_f_looked_up():
    """The shortcut: the oral route's published F in the default set (Chong 2009), whatever the curves."""
    published = sim.literature.get("clements_1981").routes["oral"].pathways[0].bioavailability
    assert exercises.check_bioavailability(lambda *args: published).status == "wrong"


def _slope(t, c, start):
    keep = (t >= start) & (c > 0)
    return np.polyfit(t[keep], np.log(c[keep]), 1)[0]


def _tail(t, end):
    return end + 0.75 * (t[-1] - end)


HALF = {
    "slope": (lambda t, c, e: -_slope(t, c, _tail(t, e)), "rate constant"),
    "minutes": (lambda t, c, e: 60 * np.log(2) / -_slope(t, c, _tail(t, e)), "minutes"),
    "log10": (lambda t, c, e: np.log(2) / -np.polyfit(t[t >= _tail(t, e)], np.log10(c[t >= _tail(t, e)]), 1)[0], "natural log"),
    "sign": (lambda t, c, e: np.log(2) / _slope(t, c, _tail(t, e)), "negative"),
    "from the end of dosing": (lambda t, c, e: np.log(2) / -_slope(t, c, e), "distribution phase"),
}


@pytest.mark.parametrize("name", HALF)
def test_terminal_half_life_rejects_wrong_methods_with_their_hint(name):
    function, hint = HALF[name]
    assert_rejected(exercises.check_terminal_half_life, "E01.2", function, hint)


def test_terminal_half_life_is_not_the_half_life_of_one_simulation():
    """The shortcut: the package's half-life of the standard infusion, whatever the curve."""
    value = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24).terminal_half_life_h()
    assert exercises.check_terminal_half_life(lambda t, c, e: value).status == "wrong"


def test_the_hand_built_tail_is_the_slow_phase():
    """On the hand-built bi-exponential the right fit gives its slow phase's 5 h (a closed form), within 1%."""
    from simulator.exercises import _nb01

    _label, t, c, end = _nb01._half_life_cases()[-1]
    assert np.log(2) / -_slope(t, c, _tail(t, end)) == pytest.approx(5.0, rel=0.01)


def _euler(t, cp, ke0, dt_scale=60.0, ahead=False):
    ce = np.zeros(len(t))
    for i in range(len(t) - 1):
        drive = cp[i + 1] if ahead else cp[i]
        ce[i + 1] = ce[i] + dt_scale * (t[i + 1] - t[i]) * ke0 * (drive - ce[i])
    return ce


EULER = {
    "exact (the package)": (lambda t, cp, k: first_order_hold(-60 * k, 60 * k, np.asarray(cp, float), t), "exact solution"),
    "plasma itself": (lambda t, cp, k: np.array(cp, dtype=float), "plasma curve itself"),
    "steps in hours": (lambda t, cp, k: _euler(t, cp, k, dt_scale=1.0), "look like hours"),
    "one-minute steps": (lambda t, cp, k: _euler(np.arange(len(t)) / 60.0, cp, k), "its own dt"),
    "plasma at the end of the step": (lambda t, cp, k: _euler(t, cp, k, ahead=True), "start of each step"),
}


@pytest.mark.parametrize("name", EULER)
def test_effect_site_euler_rejects_wrong_methods_with_their_hint(name):
    function, hint = EULER[name]
    assert_rejected(exercises.check_effect_site_euler, "E01.3", function, hint)


def test_effect_site_euler_on_a_constant_level_is_the_closed_form():
    """On a constant plasma level Euler's recurrence has the closed form Cp (1 - (1 - k dt)^n)."""
    from simulator.exercises import _nb01

    _label, t, cp, ke0, exact = _nb01._euler_cases()[-1]
    n = np.arange(len(t))
    closed = cp[0] * (1.0 - (1.0 - ke0 * 60.0 * (t[1] - t[0])) ** n)
    assert np.allclose(_euler(t, cp, ke0), closed, rtol=1e-12, atol=1e-9)
    assert np.max(np.abs(closed - exact)) > 1e-3 * cp[0], "the exact curve differs, so it cannot pass"
