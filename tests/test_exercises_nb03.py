"""Notebook 03's checkers: the package shortcut and plausible wrong methods fail, each with its own hint."""

import numpy as np
import pytest
from exercise_support import assert_rejected, solution

from simulator import exercises, plasticity
from simulator.linear import first_order_hold

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    monkeypatch.setenv(exercises.SCORES_ENV, "off")


def _first(t, s, b):
    return float(t[np.flatnonzero(s <= b / 2)[0]])


RESPONSE = {
    "first output time": (_first, "interpolate"),
    "fixed 16": (lambda t, s, b: solution("03_hours_vs_weeks", "E03.1")(t, s, 32.0), "not 16"),
    "last time": (lambda t, s, b: float(t[np.flatnonzero(s <= b / 2)[-1]]), "last time in response"),
    "lowest score": (lambda t, s, b: float(t[np.argmin(s)]), "lowest score"),
    "days": (lambda t, s, b: _first(t, s, b) / 24, "days"),
}


@pytest.mark.parametrize("name", RESPONSE)
def test_time_to_response_rejects_wrong_methods_with_their_hint(name):
    function, hint = RESPONSE[name]
    assert_rejected(exercises.check_time_to_response, "E03.1", function, hint)


def test_time_to_response_is_not_the_package_summary():
    """The shortcut: the package's response start reads an output time, not the crossing between two."""
    verdict = assert_rejected(
        exercises.check_time_to_response,
        "E03.1",
        lambda t, s, b: plasticity.symptom_summary(t, s, b)["response_start_h"],
        "what the package's summary reads",
    )
    assert verdict.status == "wrong"


def test_the_linear_hand_built_score_crosses_where_the_line_does():
    """Closed form: a score falling 1 point per hour from 40 reaches 20 at 20 h, between the 18 h and 24 h outputs."""
    right = solution("03_hours_vs_weeks", "E03.1")
    t = np.arange(0.0, 97.0, 6.0)
    assert right(t, np.maximum(40.0 - t, 10.0), 40.0) == pytest.approx(20.0, rel=1e-12)


def _stages(t, b, tau, fresh=False, dt_scale=1.0, stages=2):
    a = np.zeros((2, len(t)))
    for i in range(len(t) - 1):
        r = dt_scale * (t[i + 1] - t[i]) / tau
        a[0, i + 1] = a[0, i] + r * (b[i] - a[0, i])
        a[1, i + 1] = a[1, i] + r * ((a[0, i + 1] if fresh else a[0, i]) - a[1, i])
    return a[stages - 1]


def _exact(t, b, tau):
    return first_order_hold(-1 / tau, 1 / tau, first_order_hold(-1 / tau, 1 / tau, np.asarray(b, float), t), t)


ADAPT = {
    "exact (the package)": (_exact, "exact solution"),
    "one stage": (lambda t, b, tau: _stages(t, b, tau, stages=1), "one stage"),
    "second stage reads the new value": (lambda t, b, tau: _stages(t, b, tau, fresh=True), "old value"),
    "steps in days": (lambda t, b, tau: _stages(t, b, tau, dt_scale=1 / 24), "look like days"),
    "the block itself": (lambda t, b, tau: np.array(b, dtype=float), "block itself"),
}


@pytest.mark.parametrize("name", ADAPT)
def test_two_stage_adaptation_rejects_wrong_methods_with_their_hint(name):
    function, hint = ADAPT[name]
    assert_rejected(exercises.check_two_stage_adaptation, "E03.2", function, hint)


def test_two_stage_adaptation_is_not_the_comparators_own_curve():
    """The shortcut: the toy SSRI's adaptation array from the package, whatever the block handed in."""
    arm = plasticity.conventional_antidepressant(days=56.0, step_h=1.0, expectancy=False)
    verdict = exercises.check_two_stage_adaptation(
        lambda t, b, tau: arm.adaptation if len(t) == len(arm.time_h) else arm.adaptation[: len(t)]
    )
    assert verdict.status == "wrong"


def test_two_euler_stages_approach_the_closed_form_of_a_step():
    """A step of block through two equal stages: A2 = 1 - (1 + t/tau) exp(-t/tau); fine Euler steps come close."""
    right = solution("03_hours_vs_weeks", "E03.2")
    t = np.linspace(0.0, 500.0, 10001)
    tau = 72.0
    closed = 1 - (1 + t / tau) * np.exp(-t / tau)
    assert np.max(np.abs(right(t, np.ones_like(t), tau) - closed)) < 1e-3
