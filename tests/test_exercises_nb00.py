"""Notebook 00's checkers accept the instructor's solutions and reject wrong answers with a hint."""

import numpy as np
from exercise_support import solution, stub

from simulator import exercises

STEM = "00_start_here"


def test_effect_site_peak_time_accepts_the_solution_and_rejects_wrong_answers():
    check = exercises.check_effect_site_peak_time
    assert check(solution(STEM, "E00.1")).status == "right"

    def plasma_peak(result):
        return float(result.time_h[np.argmax(result.plasma("ketamine"))])

    def minutes(result):
        return 60 * float(result.time_h[np.argmax(result.effect_site("ketamine", endpoint="analgesia"))])

    def peak_value(result):
        return float(result.effect_site("ketamine", endpoint="analgesia").max())

    for function in (plasma_peak, minutes, peak_value, lambda result: 0.77):
        verdict = check(function)
        assert verdict.status == "wrong" and "expected" in verdict.message
    assert "plasma" in check(plasma_peak).message
    assert "minutes" in check(minutes).message
    assert check(stub(STEM, "E00.1")).status == "not done"


def test_fraction_of_peak_left_accepts_the_solution_and_rejects_wrong_answers():
    check = exercises.check_fraction_of_peak_left
    assert check(solution(STEM, "E00.2")).status == "right"

    def left(result, time_h, curve="plasma"):
        c = result.plasma("ketamine") if curve == "plasma" else result.effect_site("ketamine", endpoint="analgesia")
        return float(np.interp(time_h, result.time_h, c) / c.max())

    wrong = {
        "percentage": lambda r, t: 100 * left(r, t),
        "gone": lambda r, t: 1 - left(r, t),
        "concentration": lambda r, t: float(np.interp(t, r.time_h, r.plasma("ketamine"))),
        "brain": lambda r, t: left(r, t, "brain"),
        "constant": lambda r, t: 0.1,
    }
    for name, function in wrong.items():
        verdict = check(function)
        assert verdict.status == "wrong" and "expected" in verdict.message, name
    assert "percentage" in check(wrong["percentage"]).message
    assert "brain" in check(wrong["brain"]).message
    assert check(stub(STEM, "E00.2")).status == "not done"
