"""Checkers of notebook 04's exercises (see `simulator.exercises`): clinic hours, the fraction in response, benefit per burden.

Both take plain numbers and arrays. The clinic hours are tried on courses that mix sessions resolving under and
over 2 hours (so a rule applied to the course instead of each session fails) and with a made-up minimum; the fraction
in response on a hand-built matrix of scores, which no population object holds.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..literature.acute_data import LABEL_OBSERVATION_H
from . import _core

__all__ = ["check_days_per_clinic_hour", "check_fraction_in_response", "check_hours_in_clinic"]

#: The notebook these exercises belong to.
NOTEBOOK = "04_sessions_and_personalisation"


@lru_cache(maxsize=1)
def _clinic_cases() -> tuple:
    """(label, resolved hours per session, minimum hours): hand-built courses (illustrative) and a simulated one.

    The first is short sessions only (their sum under 2 h), the second mixes sessions under and over 2 h, the third
    uses a made-up minimum of 1.5 h, the fourth the toy resolution times of the six-infusion course.
    """
    import simulator as sim

    label_h = LABEL_OBSERVATION_H.value
    regimen, patient, _ = sim.scenarios.get("six-infusions")
    result = sim.simulate(regimen, patient, end_h=regimen.end_h + 24.0, step_min=5.0)
    six = tuple(float(h) for h in result.summary(significant=None)["acute"]["resolved_after_h"])
    return (
        ("two short sessions (a hand-built course)", (0.6, 0.9), label_h),
        ("five sessions, some resolving under and some over 2 h (hand-built)", np.array([1.2, 2.6, 0.5, 3.5, 1.0]), label_h),
        ("four sessions with a made-up minimum of 1.5 h (hand-built)", [1.0, 2.5, 1.8, 0.4], 1.5),
        ("the six-infusion course (toy resolution times)", six, label_h),
    )


def check_hours_in_clinic(function) -> _core.Check:
    """Check E04.1: the total observation hours of a course, per session the longer of the minimum and the resolution.

    The student's ``function(resolved_after_h, minimum_h)`` (a list or array of hours per session, and the minimum
    stay, the label's 2 h or a made-up one) is called on hand-built courses, one mixing sessions under and over the
    minimum, and on the toy six-infusion course, and compared with ``sum(max(minimum_h, h) for h in resolved_after_h)``
    within 2%.
    """
    cases = []
    for label, resolved, minimum in _clinic_cases():
        hours = [float(h) for h in resolved]
        n = len(hours)
        expected = float(sum(max(minimum, h) for h in hours))
        wrong = (
            (
                minimum * n,
                "you counted the minimum for every session; a session whose toy effects last longer keeps the patient longer.",
            ),
            (sum(hours), "you added the resolution times only; the minimum applies even when the effects resolve sooner."),
            (
                max(minimum, sum(hours)),
                "you applied the minimum to the whole course; it applies to each session: max(minimum_h, h) per "
                "session, then add.",
            ),
            (
                max(max(minimum, h) for h in hours),
                "that is the longest single session; add the hours of every session of the course.",
            ),
            (
                sum(hours) + minimum * n,
                "you added the minimum on top of each resolution; take the longer of the two per session, not their sum.",
            ),
            (float(sum(max(2.0, h) for h in hours)) if minimum != 2.0 else None, "use minimum_h as given, not a fixed 2 hours."),
        )
        cases.append(_core.Case(label, (resolved, minimum), expected, wrong, rel=0.02))
    return _core.run(
        "E04.1",
        function,
        cases,
        hint="add one number per session: the larger of minimum_h and that session's resolution time.",
        right="the clinic time is right for every course, including one that mixes short and long sessions.",
    )


@lru_cache(maxsize=1)
def _population_cases() -> tuple:
    """(label, time h, scores patients x times, baseline, days): a small population on two schedules and a hand-built matrix."""
    import simulator as sim

    six, _, _ = sim.scenarios.get("six-infusions")
    weekly = sim.scenarios.custom(sessions_per_week=1, weeks=4)
    options = {"end_h": 24.0 * 30, "step_min": 60.0, "weight_kg": (50.0, 100.0), "female_fraction": 0.5}
    out = []
    for label, regimen, seed, days in (
        ("six infusions", six, 11, (1.0, 14.0, 25.5)),
        ("weekly for 4 weeks", weekly, 12, (2.0, 22.3)),
    ):
        population = sim.simulate_population(regimen, n=60, seed=seed, **options)
        out.append(
            (
                f"60 virtual patients, {label}",
                population.time_h,
                population.data["symptom_score"],
                population.baseline_score,
                days,
            )
        )
    t = np.arange(0.0, 24.0 * 6 + 1e-9, 12.0)  # hand-built: 8 patients, scores every 12 h, some exactly at half
    rng = np.random.default_rng(4)
    scores = np.round(rng.uniform(8.0, 30.0, size=(8, t.size)))
    scores[:3, 4] = 14.0  # at exactly half of 28 on day 2: "at most half" counts them
    t.flags.writeable, scores.flags.writeable = False, False
    out.append(("a hand-built matrix of 8 patients, baseline 28", t, scores, 28.0, (2.0, 5.0)))
    return tuple(out)


def check_fraction_in_response(function) -> _core.Check:
    """Check E04.2: the fraction (0-1) of patients in toy response at the output time nearest a given day.

    The student's ``function(time_h, scores, baseline, day)`` (scores: one row per patient) is called for two small
    populations (six infusions; weekly for four weeks) on several days and on a hand-built matrix with scores exactly
    at half the baseline, and compared with the mean of ``scores[:, i] <= baseline / 2`` (within 0.01).
    """
    cases = []
    for label, t, scores, baseline, days in _population_cases():
        for day in days:
            i = int(np.argmin(np.abs(t - 24.0 * day)))
            inside = scores[:, i] <= 0.5 * baseline
            expected = float(np.mean(inside))
            j = int(np.argmin(np.abs(t - day)))
            wrong = (
                (100.0 * expected if expected > 0 else None, "return a fraction between 0 and 1, not a percentage."),
                (1.0 - expected, "that is the fraction NOT in response: in response means a score at most half the baseline."),
                (
                    float(np.mean(scores[:, j] <= 0.5 * baseline)),
                    "time_h is in hours: look for the output time nearest to day * 24.",
                ),
                (
                    float(np.mean(scores[:, i] < 0.5 * baseline)),
                    "a score exactly at half the baseline counts as response: use <=, not <.",
                ),
                (
                    float(np.mean(scores[:, i] <= 0.5 * scores[:, 0])),
                    "half of each patient's first score is not the rule: compare with half the baseline.",
                ),
            )
            cases.append(_core.Case(f"{label}, day {day:g}", (t, scores, baseline, day), expected, wrong, rel=0.0, abs_=0.01))
    return _core.run(
        "E04.2",
        function,
        cases,
        hint="take the column of the output time nearest day * 24 hours, compare it with baseline / 2 (<=), and take the mean.",
        right="the fraction in toy response is right on every day, for both schedules and the hand-built matrix.",
    )


def _hours_below(t, score, threshold, rule: str = "interpolated") -> float:
    """Hours with ``score`` at or below ``threshold``: each step whole (left or right end) or split at the crossing."""
    t, score = np.asarray(t, dtype=float), np.asarray(score, dtype=float)
    dt, s0, s1 = np.diff(t), score[:-1], score[1:]
    if rule == "left":
        return float(np.sum(dt * (s0 <= threshold)))
    if rule == "right":
        return float(np.sum(dt * (s1 <= threshold)))
    both, first, second = (
        (s0 <= threshold) & (s1 <= threshold),
        (s0 <= threshold) & (s1 > threshold),
        (s0 > threshold) & (s1 <= threshold),
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        before = np.where(s1 != s0, (threshold - s0) / (s1 - s0), 0.0)  # fraction of the step before the crossing
    return float(np.sum(dt * both) + np.sum((dt * before)[first]) + np.sum((dt * (1.0 - before))[second]))


@lru_cache(maxsize=1)
def _benefit_cases() -> tuple:
    """(label, time h, score, baseline, clinic hours): two toy courses on a coarse grid and a hand-built triangle."""
    import simulator as sim

    out = []
    for name in ("six-infusions", "esketamine-twice-weekly"):
        regimen, patient, _ = sim.scenarios.get(name)
        result = sim.simulate(regimen, patient, end_h=regimen.end_h + 24.0 * 14, step_min=360.0)
        fine = sim.simulate(regimen, patient, end_h=regimen.end_h + 24.0, step_min=5.0)
        resolved = fine.summary(significant=None)["acute"]["resolved_after_h"]
        clinic = float(sum(max(LABEL_OBSERVATION_H.value, h) for h in resolved))
        out.append(
            (
                f"the {name} course, 6-hourly outputs",
                result.time_h,
                result.symptom_score,
                result.plasticity_model.baseline_score,
                clinic,
            )
        )
    t = np.array([0.0, 5.0, 13.0, 20.0, 26.0, 31.0, 40.0, 44.0, 52.0, 63.0])  # hand-built: below 15 from 15 h to 45 h
    score = np.abs(30.0 - t)
    t.flags.writeable, score.flags.writeable = False, False
    out.append(("a hand-built score falling and rising linearly, read at uneven times, 4 h in the clinic", t, score, 30.0, 4.0))
    return tuple(out)


def check_days_per_clinic_hour(function) -> _core.Check:
    """Check E04.3: days in toy response, crossings interpolated, per hour in the clinic: a benefit over a burden.

    The student's ``function(time_h, score, baseline, clinic_h)`` is called for two toy courses read every 6 hours
    (six infusions; esketamine twice weekly, each with its clinic hours by the rule of E04.1) and a hand-built score
    that crosses half its baseline between outputs (closed form: 1.25 days in 4 h), and compared within 1%.
    """
    cases = []
    for label, t, score, baseline, clinic in _benefit_cases():
        half = 0.5 * baseline
        days = _hours_below(t, score, half) / 24.0
        expected = days / clinic
        wrong = (
            (
                _hours_below(t, score, half, "left") / 24.0 / clinic,
                "that counts whole steps that start in response (what plasticity.days_in_response does): split each "
                "step that crosses half the baseline at the crossing, by linear interpolation.",
            ),
            (
                _hours_below(t, score, half, "right") / 24.0 / clinic,
                "that counts whole steps that end in response: split each step that crosses half the baseline at the "
                "crossing, by linear interpolation.",
            ),
            (24.0 * expected, "that is hours in response per clinic hour: divide the hours by 24 for days."),
            (days, "that is the days in response alone: divide by the hours in the clinic (clinic_h)."),
            (days * clinic, "multiply? The benefit per burden is days in response divided by clinic_h."),
        )
        cases.append(_core.Case(label, (t, score, baseline, clinic), expected, wrong, rel=0.01))
    return _core.run(
        "E04.3",
        function,
        cases,
        hint="add the time steps at or below baseline / 2, splitting a step that crosses at the interpolated crossing; "
        "divide by 24 and by clinic_h.",
        right="right for both courses and the hand-built score: a benefit per hour of burden, read between the outputs.",
    )


#: Exercise id -> its checker.
EXERCISES: dict = {"E04.1": check_hours_in_clinic, "E04.2": check_fraction_in_response, "E04.3": check_days_per_clinic_hour}
