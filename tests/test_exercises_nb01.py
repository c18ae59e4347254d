"""Notebook 01's checkers accept the instructor's solutions and reject wrong answers with a hint."""

import numpy as np
from exercise_support import solution, stub

from simulator import exercises

STEM = "01_pharmacokinetics"


def test_bioavailability_accepts_the_solution_and_rejects_wrong_answers():
    check = exercises.check_bioavailability
    assert check(solution(STEM, "E01.1")).status == "right"

    def no_doses(route, route_mg, iv, iv_mg):
        return float(route.auc()[-1] / iv.auc()[-1])

    def upside_down(route, route_mg, iv, iv_mg):
        return float((iv.auc()[-1] / iv_mg) / (route.auc()[-1] / route_mg))

    def peaks(route, route_mg, iv, iv_mg):
        return float((route.plasma().max() / route_mg) / (iv.plasma().max() / iv_mg))

    def percent(route, route_mg, iv, iv_mg):
        return 100 * float((route.auc()[-1] / route_mg) / (iv.auc()[-1] / iv_mg))

    for function in (no_doses, upside_down, peaks, percent, lambda *args: 0.24):
        verdict = check(function)
        assert verdict.status == "wrong" and "expected" in verdict.message
    assert "without the doses" in check(no_doses).message
    assert "upside down" in check(upside_down).message
    assert "peak" in check(peaks).message
    assert check(stub(STEM, "E01.1")).status == "not done"


def _fit(result, first_h=None, log=np.log):
    t, c = result.time_h, result.plasma("ketamine")
    end = result.regimen.end_h
    tail = t >= (end + 0.75 * (t[-1] - end) if first_h is None else first_h)
    return np.polyfit(t[tail], log(c[tail]), 1)[0]


def test_terminal_half_life_accepts_the_solution_and_rejects_wrong_answers():
    check = exercises.check_terminal_half_life
    assert check(solution(STEM, "E01.2")).status == "right"
    wrong = {
        "slope": lambda r: float(-_fit(r)),
        "minutes": lambda r: float(60 * np.log(2) / -_fit(r)),
        "log10": lambda r: float(np.log(2) / -_fit(r, log=np.log10)),
        "sign": lambda r: float(np.log(2) / _fit(r)),
        "whole curve": lambda r: float(np.log(2) / -_fit(r, first_h=0.7)),
        "constant": lambda r: 3.0,
    }
    for name, function in wrong.items():
        verdict = check(function)
        assert verdict.status == "wrong" and "expected" in verdict.message, name
    assert "slope" in check(wrong["slope"]).message
    assert "minutes" in check(wrong["minutes"]).message
    assert "natural log" in check(wrong["log10"]).message
    assert check(stub(STEM, "E01.2")).status == "not done"
