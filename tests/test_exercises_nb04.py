"""Notebook 04's checkers accept the reference solutions, reject wrong answers with a hint, and report stubs."""

import numpy as np
import pytest
from exercise_support import solution, stub

import simulator as sim
from simulator import exercises

pytestmark = pytest.mark.slow

STEM = "04_sessions_and_personalisation"


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)


def test_hours_in_clinic_accepts_the_solution_and_reports_a_stub():
    assert exercises.check_hours_in_clinic(solution(STEM, "E04.1")).status == "right"
    assert exercises.check_hours_in_clinic(stub(STEM, "E04.1")).status == "not done"


def _label_h():
    return sim.literature.acute_data.LABEL_OBSERVATION_H.value


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda r: 2.0 * len(r.regimen.events), "2 h per session"),  # the label's minimum only
        (lambda r: sum(r.summary(significant=None)["acute"]["resolved_after_h"]), "resolution times only"),
        (lambda r: max(_label_h(), r.summary(significant=None)["acute"]["resolved_after_h"][0]), "hours of one session"),
        (lambda r: 12.0, "expected"),  # a constant
        (lambda r: r.summary(significant=None)["acute"]["hours_with_effects"], "expected"),  # another quantity
    ],
)
def test_hours_in_clinic_rejects_wrong_answers(wrong, hint):
    check = exercises.check_hours_in_clinic(wrong)
    assert check.status == "wrong" and hint in check.message


def test_fraction_in_response_accepts_the_solution_and_reports_a_stub():
    assert exercises.check_fraction_in_response(solution(STEM, "E04.2")).status == "right"
    assert exercises.check_fraction_in_response(stub(STEM, "E04.2")).status == "not done"


def _fraction(population, day, scale=1.0, flip=False, hours=False):
    i = int(np.argmin(np.abs(population.time_h - (1.0 if hours else 24.0) * day)))
    inside = population.data["symptom_score"][:, i] <= 0.5 * population.baseline_score
    return scale * float(np.mean(~inside if flip else inside))


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda p, d: _fraction(p, d, scale=100.0), "not a percentage"),
        (lambda p, d: _fraction(p, d, flip=True), "NOT in response"),
        (lambda p, d: _fraction(p, d, hours=True), "hours"),
        (lambda p, d: 0.5, "expected"),
        (lambda p, d: float(p.fraction_in_response().max()), "expected"),
    ],
)
def test_fraction_in_response_rejects_wrong_answers(wrong, hint):
    check = exercises.check_fraction_in_response(wrong)
    assert check.status == "wrong" and hint in check.message


def test_a_failing_function_is_wrong_not_an_error():
    def broken(result):
        raise KeyError("acute")

    check = exercises.check_hours_in_clinic(broken)
    assert check.status == "wrong" and "KeyError" in check.message
