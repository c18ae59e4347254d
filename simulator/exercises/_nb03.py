"""Checkers of notebook 03's exercises (see `simulator.exercises`): the time to toy response, the two-stage adaptation.

Both take plain arrays. The time to response is read between output times (the package's summary reads it at an
output time, so it does not pass on a coarse grid); the adaptation is written as Euler steps and tried on a block
and a time constant of no preset.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..dosing import Infusion
from ..linear import first_order_hold
from ..literature.plasticity_constants import CONSTANTS
from ..patient import Patient, RandomEffects
from ..pipeline import simulate
from ..plasticity import PlasticityModel, conventional_antidepressant
from . import _core

__all__ = ["check_time_to_response", "check_two_stage_adaptation"]

#: The notebook these exercises belong to.
NOTEBOOK = "03_hours_vs_weeks"


def _crossing(t, score, threshold) -> float:
    i = int(np.flatnonzero(score <= threshold)[0])
    if i == 0:
        return float(t[0])
    t0, t1, s0, s1 = t[i - 1], t[i], score[i - 1], score[i]
    return float(t0 + (threshold - s0) * (t1 - t0) / (s1 - s0))


@lru_cache(maxsize=1)
def _response_cases() -> tuple:
    """(label, time h, score, baseline): one infusion in two toy patients on an hourly grid, and two hand-built scores."""
    infusion = Infusion(dose_mg_per_kg=0.5, duration_min=40)
    out = []
    for label, patient, model in (
        ("the typical toy patient, hourly outputs", Patient(), PlasticityModel()),
        (
            "a more sensitive toy patient with baseline 40, hourly outputs",
            Patient(weight_kg=60.0, random_effects=RandomEffects(sensitivity=1.6)),
            PlasticityModel(baseline_score=40.0),
        ),
    ):
        result = simulate(infusion, patient, end_h=24.0 * 14, step_min=60.0, plasticity=model)
        out.append((label, result.time_h, result.symptom_score, model.baseline_score))
    t = np.arange(0.0, 97.0, 6.0)  # hand-built: a linear fall of 1 point per hour from 40, read every 6 h
    score = np.maximum(40.0 - t, 10.0)
    t.flags.writeable, score.flags.writeable = False, False
    out.append(("a hand-built score falling 1 point per hour from 40, read every 6 h", t, score, 40.0))
    t2 = np.arange(0.0, 49.0, 4.0)  # hand-built: a dip below half, a relapse, and a second dip (first crossing counts)
    score2 = np.interp(t2, [0.0, 8.0, 16.0, 28.0, 40.0, 48.0], [30.0, 12.0, 24.0, 24.0, 10.0, 10.0])
    t2.flags.writeable, score2.flags.writeable = False, False
    out.append(("a hand-built score that responds, relapses and responds again, baseline 30", t2, score2, 30.0))
    return tuple(out)


def check_time_to_response(function) -> _core.Check:
    """Check E03.1: the first time the toy score reaches half its baseline, interpolated linearly between outputs.

    The student's ``function(time_h, score, baseline)`` is called for one infusion in two toy patients (different
    baselines and sensitivities, hourly outputs) and for two hand-built scores on coarse grids, and compared with the
    linear interpolation of the first crossing of ``baseline / 2`` within 1% (or one minute).
    """
    cases = []
    for label, t, score, baseline in _response_cases():
        half = 0.5 * baseline
        expected = _crossing(t, score, half)
        first, last = int(np.flatnonzero(score <= half)[0]), int(np.flatnonzero(score <= half)[-1])
        wrong = (
            (
                float(t[first]),
                "that is the first output time in response (what the package's summary reads): interpolate "
                "between it and the output before it.",
            ),
            (
                _crossing(t, score, 16.0) if baseline != 32.0 and np.any(score <= 16.0) else None,
                "half the baseline depends on the patient: use baseline / 2, not 16.",
            ),
            (float(t[last]), "that is the last time in response: take the first crossing."),
            (
                float(t[int(np.argmin(score))]),
                "that is the time of the lowest score (the largest improvement); response starts when the score "
                "first reaches half the baseline.",
            ),
            (expected / 24.0, "that looks like days: return hours (time_h is in hours)."),
        )
        cases.append(_core.Case(label, (t, score, baseline), expected, wrong, rel=0.01, abs_=1.0 / 60.0))
    return _core.run(
        "E03.1",
        function,
        cases,
        hint="find the first index i with score <= baseline / 2; interpolate the crossing between i - 1 and i.",
        right="your times to toy response are right, between output times too: the toy responds within hours, not weeks.",
    )


def _two_stages(t, block, tau_h, *, fresh=False, dt_scale=1.0):
    first, second = np.zeros(len(t)), np.zeros(len(t))
    for i in range(len(t) - 1):
        dt = dt_scale * (t[i + 1] - t[i])
        first[i + 1] = first[i] + dt / tau_h * (block[i] - first[i])
        feed = first[i + 1] if fresh else first[i]
        second[i + 1] = second[i] + dt / tau_h * (feed - second[i])
    return first, second


@lru_cache(maxsize=1)
def _adaptation_cases() -> tuple:
    """(label, time h, block, tau h): the toy SSRI's block with its (illustrative) 12-day stages, and a hand-built step."""
    tau = CONSTANTS["ssri_adaptation_time_h"].value
    out = []
    for label, step_h in (("the toy SSRI's block, hourly, 8 weeks", 1.0), ("the toy SSRI's block, every 6 h, 8 weeks", 6.0)):
        arm = conventional_antidepressant(days=56.0, step_h=step_h, expectancy=False)
        out.append((f"{label}, tau of the toy", arm.time_h, arm.block, tau))
    t = np.arange(0.0, 24.0 * 20 + 1e-9, 2.0)  # hand-built: full block from time 0, a made-up 3-day time constant
    block = np.ones_like(t)
    t.flags.writeable, block.flags.writeable = False, False
    out.append(("a hand-built step of full block from time 0, a made-up tau of 72 h, 2-hour steps", t, block, 72.0))
    return tuple(out)


def check_two_stage_adaptation(function) -> _core.Check:
    """Check E03.2: the second of two first-order adaptation stages in series, by Euler steps, from arrays.

    dA1/dt = (B - A1) / tau and dA2/dt = (A1 - A2) / tau, both from 0, each step from the values at its start. The
    student's ``function(time_h, block, tau_h)`` is called on the toy SSRI's transporter block (two output steps)
    with its illustrative 12-day stages and on a hand-built step of block with a made-up tau, and compared with the
    Euler recurrence within 1e-6. The exact solution (the comparator's ``adaptation``) is a different curve.
    """
    cases = []
    for label, t, block, tau in _adaptation_cases():
        one, expected = _two_stages(t, block, tau)
        exact = first_order_hold(-1.0 / tau, 1.0 / tau, first_order_hold(-1.0 / tau, 1.0 / tau, block, t), t)
        wrong = (
            (
                exact,
                "that is the exact solution (the package's first_order_hold, or the comparator's adaptation): "
                "write the Euler steps yourself.",
            ),
            (one, "that is one stage: feed the first stage's output into a second stage with the same tau."),
            (
                _two_stages(t, block, tau, fresh=True)[1],
                "update both stages from the values at the start of the step: the second stage reads the first "
                "stage's old value.",
            ),
            (
                _two_stages(t, block, tau, dt_scale=1.0 / 24.0)[1],
                "the steps look like days: time_h and tau_h are both in hours, so dt = time_h[i+1] - time_h[i].",
            ),
            (np.asarray(block, dtype=float), "that is the block itself: the adaptation follows it slowly through two stages."),
        )
        cases.append(_core.Case(label, (t, block, tau), expected, wrong, rel=0.0, abs_=1e-6))
    t, tau = _adaptation_cases()[2][1], _adaptation_cases()[2][3]
    one, two = (float(np.interp(tau, t, stage)) for stage in _two_stages(t, np.ones_like(t), tau))
    return _core.run(
        "E03.2",
        function,
        cases,
        hint="step both stages from 0: A1 += dt / tau * (B - A1) and A2 += dt / tau * (A1_old - A2); return A2.",
        right=f"your two stages are right. After full block for one time constant the first stage is {100 * one:.0f}% of "
        f"the way and the second only {100 * two:.0f}%: an S-shaped, slow start. The target is blocked within days; "
        "the benefit waits for the stages.",
    )


#: Exercise id -> its checker.
EXERCISES: dict = {"E03.1": check_time_to_response, "E03.2": check_two_stage_adaptation}
