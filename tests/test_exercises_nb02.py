"""Notebook 02's checkers accept the instructor's solutions and reject wrong answers with a hint."""

import numpy as np
from exercise_support import solution, stub

from simulator import exercises

STEM = "02_nmda_receptor"


def test_occupancy_from_ki_accepts_the_solution_and_rejects_wrong_answers():
    check = exercises.check_occupancy_from_ki
    assert check(solution(STEM, "E02.1")).status == "right"
    wrong = {
        "free fraction": lambda c, k: k / (c + k),
        "ratio": lambda c, k: c / k,
        "percentage": lambda c, k: 100 * c / (c + k),
        "constant": lambda c, k: 0.5,
    }
    for name, function in wrong.items():
        verdict = check(function)
        assert verdict.status == "wrong", name
        assert "expected" in verdict.message, name
    assert "free" in check(wrong["free fraction"]).message
    assert check(stub(STEM, "E02.1")).status == "not done"


def test_hours_of_block_accepts_the_solution_and_rejects_wrong_answers():
    check = exercises.check_hours_of_block
    assert check(solution(STEM, "E02.2")).status == "right"

    def minutes(result, level):
        return 60 * float(np.sum(np.diff(result.time_h) * (result.occupancy[:-1] >= level)))

    def points(result, level):
        return float(np.count_nonzero(result.occupancy >= level))

    def percent_level(result, level):
        return float(np.sum(np.diff(result.time_h) * (result.occupancy[:-1] >= 100 * level)))

    def peak(result, level):
        return float(result.occupancy.max())

    for function in (minutes, points, percent_level, peak, lambda result, level: 2.9):
        assert check(function).status == "wrong"
    assert "minutes" in check(minutes).message
    assert "percentage" in check(percent_level).message
    assert check(stub(STEM, "E02.2")).status == "not done"
