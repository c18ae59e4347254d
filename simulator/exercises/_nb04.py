"""Checkers of notebook 04's exercises (see `simulator.exercises`): clinic hours of a course, fraction in response."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import _core

__all__ = ["check_fraction_in_response", "check_hours_in_clinic"]


@lru_cache(maxsize=1)
def _clinic_cases():
    """Three courses whose observation hours differ: a bolus (effects gone within 2 h), six infusions, eight sprays."""
    import simulator as sim

    cases = []
    for name in ("analgesic-bolus", "six-infusions", "esketamine-twice-weekly"):
        regimen, patient, _ = sim.scenarios.get(name)
        cases.append((name, sim.simulate(regimen, patient, end_h=regimen.end_h + 24.0, step_min=5.0)))
    return tuple(cases)


def _hours_in_clinic(result) -> float:
    from ..literature.acute_data import LABEL_OBSERVATION_H

    resolved = result.summary(significant=None)["acute"]["resolved_after_h"]
    return float(sum(max(LABEL_OBSERVATION_H.value, h) for h in resolved))


def check_hours_in_clinic(function) -> _core.Check:
    """Check E04.1: the total observation hours of a course, per session the longer of the label's 2 h and the toy resolution.

    Three courses (an analgesic bolus, six infusions, eight esketamine sprays) are simulated for a 70 kg adult; the
    answer must be within 2% of the sum over sessions of max(2 h, hours until the toy effects resolved).
    """
    exercise = "E04.1"
    for name, result in _clinic_cases():
        expected = _hours_in_clinic(result)
        value, problem = _core.call(exercise, function, result)
        if problem is not None:
            return problem
        if _core.close(value, expected, rel=0.02):
            continue
        sessions = len(result.regimen.events)
        resolved = sum(result.summary(significant=None)["acute"]["resolved_after_h"])
        hint = "add one number per session: the larger of 2 h and that session's resolved_after_h"
        if _core.close(value, 2.0 * sessions, rel=0.02):
            hint = "you counted 2 h per session; when the toy effects last longer than 2 h, the observation lasts longer"
        elif _core.close(value, resolved, rel=0.02):
            hint = "you added the resolution times only; the label asks for at least 2 h even when effects resolve sooner"
        elif _core.close(value, expected / sessions, rel=0.02):
            hint = "that is the hours of one session; add them over every session of the course"
        return _core.verdict(
            exercise, "wrong", f"for the {name} course ({sessions} sessions) expected {_core.number(expected)} h, got "
            f"{_core.number(value)}: {hint}."
        )  # fmt: skip
    return _core.verdict(exercise, "right", "the clinic time of each course matches, from one bolus to eight sprays.")


@lru_cache(maxsize=1)
def _population_cases():
    """Two small populations on different schedules, and days to read them at."""
    import simulator as sim

    six, _, _ = sim.scenarios.get("six-infusions")
    weekly = sim.scenarios.custom(sessions_per_week=1, weeks=4)
    options = {"end_h": 24.0 * 30, "step_min": 60.0, "weight_kg": (50.0, 100.0), "female_fraction": 0.5}
    return (
        ("six infusions", sim.simulate_population(six, n=60, seed=11, **options), (1.0, 14.0, 25.5)),
        ("weekly for 4 weeks", sim.simulate_population(weekly, n=60, seed=12, **options), (2.0, 22.3)),
    )


def check_fraction_in_response(function) -> _core.Check:
    """Check E04.2: the fraction (0-1) of a virtual population in toy response at the output time nearest a given day.

    Two populations of 60 virtual patients (six infusions; weekly for four weeks) are read on several days; the
    answer must match the population's own fraction in response at the nearest output time (within 0.01).
    """
    exercise = "E04.2"
    for name, population, days in _population_cases():
        fraction = population.fraction_in_response()
        for day in days:
            i = int(np.argmin(np.abs(population.time_h - 24.0 * day)))
            expected = float(fraction[i])
            value, problem = _core.call(exercise, function, population, day)
            if problem is not None:
                return problem
            if _core.close(value, expected, abs_=0.01):
                continue
            hint = "compare each patient's score at that time with 0.5 * population.baseline_score, then take the mean"
            if _core.close(value, 100.0 * expected, abs_=1.0) and expected > 0:
                hint = "return a fraction between 0 and 1, not a percentage"
            elif _core.close(value, 1.0 - expected, abs_=0.01):
                hint = "that is the fraction NOT in response: in response means a score at most half the baseline"
            elif _core.close(value, float(fraction[int(np.argmin(np.abs(population.time_h - day)))]), abs_=0.01):
                hint = "time_h is in hours: look for the time nearest to day * 24"
            return _core.verdict(
                exercise, "wrong", f"{name}, day {day:g}: expected {_core.number(expected)}, got {_core.number(value)}: {hint}."
            )
    return _core.verdict(exercise, "right", "the fraction in toy response matches on every day of both schedules.")


#: Exercise id -> its checker.
EXERCISES: dict = {"E04.1": check_hours_in_clinic, "E04.2": check_fraction_in_response}
