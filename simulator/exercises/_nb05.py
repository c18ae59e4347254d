"""Checkers of notebook 05's exercises (see `simulator.exercises`): when dissociation falls, how high blood pressure rises."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import _core

__all__ = ["check_dissociation_below", "check_peak_systolic_rise"]


@lru_cache(maxsize=1)
def _acute_cases():
    """Three single sessions with different acute time courses; the third starts 2 h into its window."""
    import simulator as sim

    infusion = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    late = sim.Infusion(dose_mg_per_kg=0.75, duration_min=40, start_h=2.0)
    spray = sim.Intranasal(dose_mg=84, drug="esketamine")
    return (
        ("0.5 mg/kg over 40 min", sim.simulate(infusion, end_h=8.0, step_min=1.0)),
        ("esketamine 84 mg nasal", sim.simulate(spray, end_h=8.0, step_min=1.0)),
        ("0.75 mg/kg over 40 min, starting at 2 h", sim.simulate(late, end_h=10.0, step_min=1.0)),
    )


def _hours_below(result, level) -> float:
    d, t = result.dissociation_index, result.time_h
    peak = int(np.argmax(d))
    below = peak + int(np.argmax(d[peak:] < level))
    return float(t[below] - result.regimen.events[0].start_h)


def check_dissociation_below(function) -> _core.Check:
    """Check E05.1: the hours from a session's start until the toy dissociation falls below a level after its peak.

    Three sessions (an infusion, an esketamine spray, a larger infusion that starts 2 h into its window) are read at
    two levels each; the answer must be within 2% (or one output step) of the expected hours.
    """
    exercise = "E05.1"
    for name, result in _acute_cases():
        t, d = result.time_h, result.dissociation_index
        start = result.regimen.events[0].start_h
        for fraction in (0.5, 0.1):
            level = fraction * float(d.max())
            expected = _hours_below(result, level)
            value, problem = _core.call(exercise, function, result, level)
            if problem is not None:
                return problem
            if _core.close(value, expected, rel=0.02, abs_=1.5 / 60.0):
                continue
            peak = float(t[int(np.argmax(d))])
            hint = "find the peak, then the first output time after it at which the index is below the level"
            if _core.close(value, expected + start, abs_=1.5 / 60.0) and start > 0:
                hint = "count from the start of the session (result.regimen.events[0].start_h), not from time 0"
            elif _core.close(value, peak - start, abs_=1.5 / 60.0) or _core.close(value, peak, abs_=1.5 / 60.0):
                hint = "that is the time of the peak; the question is when the index has fallen below the level after it"
            elif _core.close(value, float(np.sum(np.diff(t) * (d[:-1] >= level))), rel=0.05):
                hint = "that is how long the index stays above the level; count from the start of the session instead"
            elif _core.close(value, 60.0 * expected, rel=0.02, abs_=1.5):
                hint = "return hours, not minutes"
            return _core.verdict(
                exercise,
                "wrong",
                f"{name}, level {level:.3g}: expected {_core.number(expected)} h, got {_core.number(value)}: {hint}.",
            )
    return _core.verdict(
        exercise, "right", "the hours until the toy dissociation falls below each level match for all three sessions."
    )


def check_peak_systolic_rise(function) -> _core.Check:
    """Check E05.2: the largest toy rise in systolic blood pressure of a Result, mmHg.

    Three sessions (an infusion, an esketamine spray, a larger infusion) are given; the answer must be within 1%
    of the maximum of ``result.systolic_change_mmhg``.
    """
    exercise = "E05.2"
    for name, result in _acute_cases():
        expected = float(np.max(result.systolic_change_mmhg))
        value, problem = _core.call(exercise, function, result)
        if problem is not None:
            return problem
        if _core.close(value, expected, rel=0.01):
            continue
        hint = "take the largest value of result.systolic_change_mmhg"
        if _core.close(value, float(np.mean(result.systolic_change_mmhg)), rel=0.01):
            hint = "that is the mean over the window; the question asks for the peak"
        elif _core.close(value, float(result.time_h[int(np.argmax(result.systolic_change_mmhg))]), rel=0.01):
            hint = "that is the time of the peak (h); return the rise itself (mmHg)"
        elif _core.close(value, float(np.max(result.dissociation_index)), rel=0.01):
            hint = "that is the dissociation index; use result.systolic_change_mmhg"
        return _core.verdict(
            exercise, "wrong", f"{name}: expected {_core.number(expected)} mmHg, got {_core.number(value)}: {hint}."
        )
    return _core.verdict(exercise, "right", "the peak toy systolic rise matches for all three sessions.")


#: Exercise id -> its checker.
EXERCISES: dict = {"E05.1": check_dissociation_below, "E05.2": check_peak_systolic_rise}
