"""Notebook 03's checkers accept the instructor's solutions and reject wrong answers with a hint."""

import numpy as np
from exercise_support import solution, stub

from simulator import exercises

STEM = "03_hours_vs_weeks"


def test_time_to_response_accepts_the_solution_and_rejects_wrong_answers():
    check = exercises.check_time_to_response
    assert check(solution(STEM, "E03.1")).status == "right"

    def peak_time(result):
        return float(result.time_h[np.argmin(result.symptom_score)])

    def fixed_threshold(result):
        return float(result.time_h[np.argmax(result.symptom_score <= 16.0)])

    def last_time(result):
        half = result.plasticity_model.baseline_score / 2
        return float(result.time_h[np.flatnonzero(result.symptom_score <= half)[-1]])

    for function in (peak_time, fixed_threshold, last_time, lambda result: 9.17):
        assert check(function).status == "wrong"
    assert "largest improvement" in check(peak_time).message
    assert "baseline_score / 2" in check(fixed_threshold).message
    assert check(stub(STEM, "E03.1")).status == "not done"


def test_day7_fraction_left_accepts_the_solution_and_rejects_wrong_answers():
    check = exercises.check_day7_fraction_left
    assert check(solution(STEM, "E03.2")).status == "right"

    def score_ratio(result):
        return float(np.interp(168.0, result.time_h, result.symptom_score)) / result.plasticity_model.baseline_score

    def points(result):
        return result.plasticity_model.baseline_score - float(np.interp(168.0, result.time_h, result.symptom_score))

    def index_ratio(result):
        index = result.plasticity_index
        return float(np.interp(168.0, result.time_h, index) / index.max())

    for function in (score_ratio, points, index_ratio, lambda result: 0.42):
        assert check(function).status == "wrong"
    assert "improvement" in check(score_ratio).message
    assert "plasticity index" in check(index_ratio).message
    assert check(stub(STEM, "E03.2")).status == "not done"
