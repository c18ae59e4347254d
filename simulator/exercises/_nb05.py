"""Checkers of notebook 05's exercises (see `simulator.exercises`): when dissociation falls, when the acute effects resolve.

Both take plain arrays. Each checker adds hand-built curves (a dissociation with a shoulder before its peak; a
dissociation that outlasts the blood-pressure rise) and a made-up readout fraction, so the package's own summary
cannot stand in for the rule.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import _core

__all__ = ["check_dissociation_below", "check_hours_until_resolved"]

#: The notebook these exercises belong to.
NOTEBOOK = "05_safety_and_the_clinic"


def _frozen(*arrays):
    for a in arrays:
        a.flags.writeable = False
    return arrays


@lru_cache(maxsize=1)
def _acute_cases() -> tuple:
    """(label, time h, dissociation, systolic rise, start h): three sessions and one hand-built pair (illustrative)."""
    import simulator as sim

    out = []
    for label, dose, end in (
        ("0.5 mg/kg over 40 min", sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), 8.0),
        ("esketamine 84 mg nasal", sim.Intranasal(dose_mg=84, drug="esketamine"), 8.0),
        ("0.75 mg/kg over 40 min, starting at 2 h", sim.Infusion(dose_mg_per_kg=0.75, duration_min=40, start_h=2.0), 10.0),
    ):
        result = sim.simulate(dose, end_h=end, step_min=1.0)
        out.append((label, result.time_h, result.dissociation_index, result.systolic_change_mmhg, dose.start_h))
    t = np.arange(0.0, 6.0 + 1e-9, 1.0 / 60.0)  # hand-built, starting at 1 h: a shoulder, then a peak; a short rise
    after = np.clip(t - 1.0, 0.0, None)
    dissociation = 0.3 * np.exp(-(((after - 0.2) / 0.1) ** 2)) + 0.8 * np.exp(-(((after - 1.4) / 0.3) ** 2))
    systolic = 6.0 * after * np.exp(-after / 0.3) / (0.3 * np.exp(-1.0))
    out.append(
        (
            "a hand-built session starting at 1 h (a shoulder before the peak, a short rise)",
            *_frozen(t, dissociation, systolic),
            1.0,
        )
    )
    return tuple(out)


def _after_peak_below(t, curve, level) -> float:
    peak = int(np.argmax(curve))
    return float(t[peak + int(np.argmax(curve[peak:] < level))])


def check_dissociation_below(function) -> _core.Check:
    """Check E05.1: the hours from a session's start until the toy dissociation falls below a level after its peak.

    The student's ``function(time_h, dissociation, start_h, level)`` is called for three sessions (an infusion, an
    esketamine spray, a larger infusion that starts 2 h into its window) and a hand-built curve with a shoulder
    before its peak, at two levels each, and compared within 2% (or one output step, a minute).
    """
    cases = []
    for label, t, d, _, start in _acute_cases():
        for fraction in (0.5, 0.1):
            level = fraction * float(d.max())
            expected = _after_peak_below(t, d, level) - start
            above = int(np.argmax(d >= level))
            first_fall = float(t[above + int(np.argmax(d[above:] < level))])
            wrong = (
                (expected + start if start > 0 else None, "count from the start of the session (start_h), not from time 0."),
                (
                    float(t[int(np.argmax(d))]) - start,
                    "that is the time of the peak; the question is when the index has fallen below the level after it.",
                ),
                (
                    float(np.sum(np.diff(t) * (d[:-1] >= level))),
                    "that is how long the index stays above the level; count from the start of the session instead.",
                ),
                (60.0 * expected, "return hours, not minutes."),
                (
                    float(t[int(np.argmax(d < level))]) - start,
                    "that is the first time the index is below the level at all, before it rose: search only after "
                    "the peak (np.argmax).",
                ),
                (
                    first_fall - start,
                    "that is when the index first falls below the level, after a shoulder before its peak: search "
                    "after the peak (np.argmax).",
                ),
            )
            cases.append(
                _core.Case(
                    f"{label}, {fraction:.0%} of its peak", (t, d, start, level), expected, wrong, rel=0.02, abs_=1.5 / 60.0
                )
            )
    return _core.run(
        "E05.1",
        function,
        cases,
        hint="find the peak (np.argmax), then the first output time after it at which the index is below level; "
        "subtract start_h.",
        right="right for all four sessions: the toy dissociation is over within about an hour or two of its peak.",
    )


def check_hours_until_resolved(function) -> _core.Check:
    """Check E05.2: the hours from a session's start until both toy acute effects are below a fraction of their own peaks.

    Each effect resolves at the first output time after its peak when it is below ``fraction`` of that peak; the
    session's effects resolve when the later of the two has. The student's
    ``function(time_h, dissociation, systolic, start_h, fraction)`` is called for three sessions and a hand-built
    pair in which dissociation outlasts the blood-pressure rise, with the package's 10% and a made-up 25%, and
    compared within 2% (or one output step).
    """
    cases = []
    for label, t, d, s, start in _acute_cases():
        for fraction in (0.1, 0.25):
            each = [_after_peak_below(t, curve, fraction * float(curve.max())) - start for curve in (d, s)]
            expected = max(each)
            wrong = (
                (min(each), "that is the effect that resolves first: the session's effects resolve when the slower one has."),
                (each[0], "that is the dissociation only: the session's effects resolve when both have, the later of the two."),
                (
                    each[1],
                    "that is the blood-pressure rise only: the session's effects resolve when both have, the later of the two.",
                ),
                (expected + start if start > 0 else None, "count from the start of the session (start_h), not from time 0."),
                (
                    max(_after_peak_below(t, curve, 0.1 * float(curve.max())) for curve in (d, s)) - start
                    if fraction != 0.1
                    else None,
                    "use the fraction given, not a fixed 10%.",
                ),
                (60.0 * expected, "return hours, not minutes."),
            )
            cases.append(
                _core.Case(
                    f"{label}, {fraction:.0%} of each peak",
                    (t, d, s, start, fraction),
                    expected,
                    wrong,
                    rel=0.02,
                    abs_=1.5 / 60.0,
                )
            )
    return _core.run(
        "E05.2",
        function,
        cases,
        hint="for each curve find its peak and the first time after it below fraction * its peak; take the later, minus start_h.",
        right="right for every session: after ketamine the blood-pressure rise usually outlasts the dissociation.",
    )


#: Exercise id -> its checker.
EXERCISES: dict = {"E05.1": check_dissociation_below, "E05.2": check_hours_until_resolved}
