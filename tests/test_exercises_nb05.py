"""Notebook 05's checkers accept the reference solutions, reject wrong answers with a hint, and report stubs."""

import numpy as np
import pytest
from exercise_support import solution, stub

from simulator import exercises

pytestmark = pytest.mark.slow

STEM = "05_safety_and_the_clinic"


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)


def test_dissociation_below_accepts_the_solution_and_reports_a_stub():
    assert exercises.check_dissociation_below(solution(STEM, "E05.1")).status == "right"
    assert exercises.check_dissociation_below(stub(STEM, "E05.1")).status == "not done"


def _below(result, level, from_zero=False, minutes=False):
    d, t = result.dissociation_index, result.time_h
    peak = int(np.argmax(d))
    hours = float(t[peak + int(np.argmax(d[peak:] < level))]) - (0.0 if from_zero else result.regimen.events[0].start_h)
    return 60.0 * hours if minutes else hours


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda r, level: _below(r, level, from_zero=True), "start of the session"),
        (lambda r, level: float(r.time_h[np.argmax(r.dissociation_index)]), "time of the peak"),
        (lambda r, level: float(np.sum(np.diff(r.time_h) * (r.dissociation_index[:-1] >= level))), "stays above"),
        (lambda r, level: _below(r, level, minutes=True), "not minutes"),
        (lambda r, level: 2.0, "expected"),  # a constant: the label's 2 h
    ],
)
def test_dissociation_below_rejects_wrong_answers(wrong, hint):
    check = exercises.check_dissociation_below(wrong)
    assert check.status == "wrong" and hint in check.message


def test_peak_systolic_rise_accepts_the_solution_and_reports_a_stub():
    assert exercises.check_peak_systolic_rise(solution(STEM, "E05.2")).status == "right"
    assert exercises.check_peak_systolic_rise(stub(STEM, "E05.2")).status == "not done"


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda r: float(np.mean(r.systolic_change_mmhg)), "mean"),
        (lambda r: float(r.time_h[np.argmax(r.systolic_change_mmhg)]), "time of the peak"),
        (lambda r: float(np.max(r.dissociation_index)), "dissociation index"),
        (lambda r: 1.1 * float(np.max(r.systolic_change_mmhg)), "expected"),  # off by 10%
        (lambda r: 6.4, "expected"),  # a constant: the infusion's peak
    ],
)
def test_peak_systolic_rise_rejects_wrong_answers(wrong, hint):
    check = exercises.check_peak_systolic_rise(wrong)
    assert check.status == "wrong" and hint in check.message


def test_a_value_that_is_not_a_number_is_wrong():
    check = exercises.check_peak_systolic_rise(lambda r: "high")
    assert check.status == "wrong"
