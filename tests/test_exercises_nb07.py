"""Notebook 07's checkers: the add-on score and the visit rule pass the solution, fail the shortcut and wrong methods."""

import numpy as np
import pytest
from exercise_support import assert_no_expected_value, expected_texts, solution, stub

import simulator as sim
from simulator import exercises
from simulator.literature.plasticity_constants import CONSTANTS

pytestmark = pytest.mark.slow

STEM = "07_severe_depression_and_combined_care"
EMAX, HALF = CONSTANTS["max_improvement"].value, CONSTANTS["half_improvement_drive"].value


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    monkeypatch.setenv(exercises.SCORES_ENV, "off")


def _score(u, b):
    return b * (1.0 - EMAX * u / (HALF + u))


def test_add_on_score_accepts_the_solution_and_the_method_through_the_package_and_reports_a_stub():
    assert exercises.check_add_on_score(solution(STEM, "E07.1")).status == "right"
    assert exercises.check_add_on_score(stub(STEM, "E07.1")).status == "not done"

    def through_the_chain(k, o, s, x, b):  # the same method, with the package's map: accepted
        t = np.arange(np.size(k), dtype=float)
        model = sim.PlasticityModel(baseline_score=b)
        return sim.plasticity.run_plasticity(
            t, np.zeros(t.size), model, add_on=np.asarray(k) + o, expectancy=np.maximum(s, x)
        ).symptom_score

    assert exercises.check_add_on_score(through_the_chain).status == "right"


def test_add_on_score_refuses_the_package_s_own_add_on_arm():
    """The shortcut: the package's add-on arm for some regimen, cut to length. It cannot reach made-up drives."""
    arm = sim.simulate(sim.scenarios.get("esketamine-twice-weekly")[0], end_h=24 * 28, step_min=60, add_on=True)
    check = exercises.check_add_on_score(lambda k, o, s, x, b: arm.symptom_score[: np.size(k)] * b / 32.0)
    assert check.status == "wrong"


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda k, o, s, x, b: _score(np.add(k, o) + s + x, b), "both expectancies"),
        (lambda k, o, s, x, b: b - ((b - _score(np.add(k, s), b)) + (b - _score(np.add(o, x), b))), "improvements"),
        (lambda k, o, s, x, b: _score(np.add(k, o) + s, b), "tablets' expectancy"),
        (lambda k, o, s, x, b: _score(np.add(k, o), b), "left out the expectancy"),
        (lambda k, o, s, x, b: b * (1 - EMAX * (np.add(k, o) + np.maximum(s, x)) / HALF), "saturates"),
        (lambda k, o, s, x, b: b - _score(np.add(k, o) + np.maximum(s, x), b), "improvement"),
        (lambda k, o, s, x, b: _score(np.add(k, o) + np.maximum(s, x), 32.0), "too"),  # a fixed baseline
    ],
)
def test_add_on_score_rejects_wrong_methods_with_their_hint_and_never_the_answer(wrong, hint):
    check = exercises.check_add_on_score(wrong)
    assert check.status == "wrong" and hint in check.message, check.message
    assert_no_expected_value(check.message, expected_texts(exercises.check_add_on_score, "E07.1"))


def test_visit_rule_accepts_the_solution_and_reports_a_stub():
    assert exercises.check_visit_rule(solution(STEM, "E07.2")).status == "right"
    assert exercises.check_visit_rule(stub(STEM, "E07.2")).status == "not done"


def _never(v):
    return all(s > 0.5 * v.baseline_score for s in (*v.previous_scores, v.score))


def _space(v):
    return v.score <= 0.5 * v.baseline_score and v.previous_scores and v.previous_scores[-1] <= 0.5 * v.baseline_score


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda v: "stop" if v.sessions_so_far >= 4 and _never(v) else ("space out" if v.in_response else "continue"),
         "two visits in a row"),  # spaces out on one response
        (lambda v: "stop" if v.sessions_so_far >= 4 and _never(v) else
         ("space out" if v.score < 0.5 * v.baseline_score and v.previous_scores and v.previous_scores[-1] < 0.5 * v.baseline_score
          else "continue"), "at most half"),  # below, not at most
        (lambda v: "stop" if v.sessions_so_far >= 4 and not v.in_response else ("space out" if _space(v) else "continue"),
         "never been in response"),  # ignores the history
        (lambda v: "stop" if _never(v) and len(v.previous_scores) >= 2 else ("space out" if _space(v) else "continue"),
         "four sessions"),  # stops too early
        (lambda v: "stop" if v.sessions_so_far >= 4 and all(s > 16 for s in (*v.previous_scores, v.score)) else
         ("space out" if v.score <= 16 and v.previous_scores and v.previous_scores[-1] <= 16 else "continue"),
         "baseline_score"),  # a fixed threshold
        (lambda v: "continue", "spaces out"),  # the fixed plan
        (lambda v: None, "returned None"),
        (lambda v: True, "return one of the strings"),
        (lambda v: "space_out" if _space(v) else "continue", "not a decision"),
    ],
)  # fmt: skip
def test_visit_rule_rejects_wrong_rules_with_their_hint(wrong, hint):
    check = exercises.check_visit_rule(wrong)
    assert check.status == "wrong" and hint in check.message, check.message


def test_visit_rule_cannot_be_passed_through_the_package():
    """The package has no rule: the guided course asks the student's; a rule that asks the course is refused."""

    def ask_the_package(visit):
        course = sim.guided.guided_course(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), lambda v: "continue", weeks=1)
        return course.visits[0].decision

    assert exercises.check_visit_rule(ask_the_package).status == "wrong"
