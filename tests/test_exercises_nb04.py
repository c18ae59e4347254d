"""Notebook 04's checkers: the package shortcut and plausible wrong methods fail, each with its own hint."""

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


CLINIC = {
    "the minimum per session": (lambda r, m: m * len(r), "counted the minimum for every session"),
    "resolution times only": (lambda r, m: float(sum(r)), "resolution times only"),
    "the minimum on the course (the old loophole)": (lambda r, m: max(m, float(sum(r))), "whole course"),
    "one session": (lambda r, m: max(max(m, h) for h in r), "longest single session"),
    "minimum added on top": (lambda r, m: float(sum(r)) + m * len(r), "on top of each resolution"),
    "a fixed 2 h": (lambda r, m: float(sum(max(2.0, h) for h in r)), "not a fixed 2 hours"),
}


@pytest.mark.parametrize("name", CLINIC)
def test_hours_in_clinic_rejects_wrong_methods_with_their_hint(name):
    function, hint = CLINIC[name]
    assert_rejected(exercises.check_hours_in_clinic, "E04.1", function, hint)


def test_a_course_mixing_short_and_long_sessions_separates_the_rule_per_session_from_the_rule_per_course():
    """The review's loophole, max(2, sum(resolved)), fails on the mixed course alone (its first case is skipped here)."""
    from simulator.exercises import _nb04

    _label, resolved, minimum = _nb04._clinic_cases()[1]
    assert min(resolved) < minimum < max(resolved), "the course mixes sessions under and over the minimum"
    assert sum(max(minimum, h) for h in resolved) > max(minimum, sum(resolved)) * 1.05


def test_hours_in_clinic_is_not_the_package_summary_of_one_course():
    """The shortcut: the observation hours of the six-infusion course read off the package, whatever the input."""
    regimen, patient, _ = sim.scenarios.get("six-infusions")
    summary = sim.simulate(regimen, patient, end_h=regimen.end_h + 24, step_min=5).summary(significant=None)
    hours = float(sum(max(2.0, h) for h in summary["acute"]["resolved_after_h"]))
    assert exercises.check_hours_in_clinic(lambda r, m: hours).status == "wrong"


def _nearest(t, day, hours=False):
    return int(np.argmin(np.abs(t - (1.0 if hours else 24.0) * day)))


RESPONSE = {
    "percentage": (lambda t, s, b, d: 100 * float(np.mean(s[:, _nearest(t, d)] <= b / 2)), "not a percentage"),
    "not in response": (lambda t, s, b, d: float(np.mean(s[:, _nearest(t, d)] > b / 2)), "NOT in response"),
    "days as hours": (lambda t, s, b, d: float(np.mean(s[:, _nearest(t, d, hours=True)] <= b / 2)), "day * 24"),
    "strictly below": (lambda t, s, b, d: float(np.mean(s[:, _nearest(t, d)] < b / 2)), "use <=, not <"),
    "half the first score": (lambda t, s, b, d: float(np.mean(s[:, _nearest(t, d)] <= s[:, 0] / 2)), "first score"),
}


@pytest.mark.parametrize("name", RESPONSE)
def test_fraction_in_response_rejects_wrong_methods_with_their_hint(name):
    function, hint = RESPONSE[name]
    assert_rejected(exercises.check_fraction_in_response, "E04.2", function, hint)


def test_fraction_in_response_is_not_one_populations_curve():
    """The shortcut: the package's fraction in response of one simulated population, whatever the scores handed in."""
    regimen, _, _ = sim.scenarios.get("six-infusions")
    population = sim.simulate_population(regimen, n=60, seed=11, end_h=24 * 30, step_min=60, weight_kg=(50, 100))
    curve = population.fraction_in_response()

    def shortcut(t, s, b, d):
        return float(curve[_nearest(population.time_h, d)])

    assert exercises.check_fraction_in_response(shortcut).status == "wrong"


def _steps(t, s, b, end="left"):
    dt, s0, s1 = np.diff(t), s[:-1], s[1:]
    return float(np.sum(dt * ((s0 if end == "left" else s1) <= b / 2)))


def _interpolated_hours(t, s, b):
    """The time at or below b/2 with each crossing interpolated, on a 1000-times finer linear interpolation of the curve."""
    fine = np.linspace(t[0], t[-1], 1000 * (len(t) - 1) + 1)
    return _steps(fine, np.interp(fine, t, s), b)


BENEFIT = {
    "whole steps (the package's rule)": (lambda t, s, b, c: sim.plasticity.days_in_response(t, s, b) / c, "days_in_response"),
    "whole steps by their end": (lambda t, s, b, c: _steps(t, s, b, "right") / 24 / c, "steps that end in response"),
    "hours": (lambda t, s, b, c: _interpolated_hours(t, s, b) / c, "divide the hours by 24"),
    "days alone": (lambda t, s, b, c: _interpolated_hours(t, s, b) / 24, "days in response alone"),
    "days times clinic hours": (lambda t, s, b, c: _interpolated_hours(t, s, b) / 24 * c, "divided by clinic_h"),
}


@pytest.mark.parametrize("name", BENEFIT)
def test_days_per_clinic_hour_rejects_wrong_methods_with_their_hint(name):
    function, hint = BENEFIT[name]
    assert_rejected(exercises.check_days_per_clinic_hour, "E04.3", function, hint)


def test_days_per_clinic_hour_on_the_triangle_is_the_closed_form():
    """The hand-built score |30 - t| is at or below 15 from 15 h to 45 h: 1.25 days, per 4 clinic hours."""
    from exercise_support import solution

    from simulator.exercises import _nb04

    _, t, score, baseline, clinic = _nb04._benefit_cases()[-1]
    right = solution("04_sessions_and_personalisation", "E04.3")
    assert right(t, score, baseline, clinic) == pytest.approx(1.25 / 4.0, rel=1e-12)
    assert _interpolated_hours(t, score, baseline) / 24 / clinic == pytest.approx(1.25 / 4.0, rel=1e-3)
