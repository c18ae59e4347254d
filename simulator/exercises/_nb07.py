"""Checkers of notebook 07's exercises (see `simulator.exercises`): the add-on arm's score, a visit's decision rule.

Both are tried on hand-built inputs that no package function takes: drive arrays made up for the check (the package's
add-on arm takes a regimen, not drives), and visits written by hand (the package has no decision rule: the rule is
the student's). Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..literature.plasticity_constants import CONSTANTS
from . import _core

__all__ = ["check_add_on_score", "check_visit_rule"]

#: The notebook these exercises belong to.
NOTEBOOK = "07_severe_depression_and_combined_care"


def _map(u, baseline):
    emax, half = CONSTANTS["max_improvement"].value, CONSTANTS["half_improvement_drive"].value
    return baseline * (1.0 - emax * u / (half + u))


@lru_cache(maxsize=1)
def _drive_cases() -> tuple:
    """(label, (ketamine, oral, sessions, tablets, baseline)): hand-built drives (illustrative), none from a regimen."""
    t = np.linspace(0.0, 28.0, 57)  # days
    ketamine = 1.4 * np.exp(-((t % 3.5) / 2.0)) * (t < 25)  # a made-up drive with one pulse per session
    oral = 0.5 * (1.0 - np.exp(-t / 12.0)) ** 2
    sessions = 0.63 * np.exp(-(t % 3.5) / 1.5) * (t < 25)
    tablets = 0.63 * (1.0 - np.exp(-t / 7.0))
    rng = np.random.default_rng(7)
    rand = [rng.uniform(0.0, 2.0, 9) for _ in range(4)]
    return (
        ("four weeks of made-up drives (baseline 32)", (ketamine, oral, sessions, tablets, 32.0)),
        ("nine random drives (baseline 40)", (*rand, 40.0)),
        ("no ketamine, tablets only (baseline 28)", (np.zeros(5), oral[::12][:5], np.zeros(5), tablets[::12][:5], 28.0)),
    )


def _wrong(args) -> tuple:
    k, o, s, x, b = (np.asarray(a, dtype=float) if np.ndim(a) else a for a in args)
    both = _map(k + o + s + x, b)
    apart = b - ((b - _map(k + s, b)) + (b - _map(o + x, b)))
    emax, half = CONSTANTS["max_improvement"].value, CONSTANTS["half_improvement_drive"].value
    linear = b * (1.0 - emax * (k + o + np.maximum(s, x)) / half)
    return (
        (both, "you added both expectancies: one patient has one expectation, the larger of the sessions' and the tablets'"),
        (
            apart,
            "you added the two treatments' improvements; the drives add on one saturating map (U = sum of drives), so "
            "together they give less than the sum of the two alone",
        ),
        (_map(k + o + s, b), "you left out the tablets' expectancy: take the larger of the two expectancies at each time"),
        (_map(k + o, b), "you left out the expectancy: every arm carries one, the larger of the sessions' and the tablets'"),
        (linear, "the map saturates: E = Emax U / (U50 + U), not Emax U / U50"),
        (b - _map(k + o + np.maximum(s, x), b), "that is the improvement (points better); return the score itself"),
    )


def check_add_on_score(function) -> _core.Check:
    """Check E07.1: the toy score of the add-on arm from its four drives, on hand-built drives no regimen gives.

    ``function(ketamine, oral, sessions, tablets, baseline)`` must return B (1 - Emax U / (U50 + U)) with
    U = ketamine + oral + max(sessions, tablets), at every time.
    """
    cases = []
    for label, args in _drive_cases():
        k, o, s, x, b = args
        expected = _map(np.asarray(k) + np.asarray(o) + np.maximum(s, x), b)
        cases.append(_core.Case(label, args, expected, _wrong(args), rel=1e-6, abs_=1e-9))
    return _core.run(
        "E07.1",
        function,
        cases,
        hint="add the ketamine and oral drives and the larger of the two expectancies, then put U through the symptom map",
        right="the add-on arm's score matches on made-up drives: one map, drives added, one expectation.",
    )


#: What the student's rule is asked to do (the notebook states it): (sessions_so_far, scores at the earlier visits,
#: score now, baseline) -> the decision.
def _rule(visit) -> str:
    half = 0.5 * visit.baseline_score
    ever = any(score <= half for score in (*visit.previous_scores, visit.score))
    if visit.sessions_so_far >= 4 and not ever:
        return "stop"
    if visit.score <= half and visit.previous_scores and visit.previous_scores[-1] <= half:
        return "space out"
    return "continue"


def _visit(sessions, previous, score, baseline=32.0):
    from ..guided import Visit

    return Visit(
        number=sessions,
        day=3.5 * sessions,
        sessions_so_far=sessions,
        score=score,
        baseline_score=baseline,
        improvement_pct=100.0 * (baseline - score) / baseline,
        in_response=score <= 0.5 * baseline,
        interval_days=3.5,
        previous_scores=tuple(previous),
    )


#: Hand-built visits (illustrative scores on the toy 0-60 scale), each separating a plausible wrong rule, with the hint
#: for a rule that decides it wrongly.
_VISITS = (
    ("first visit, in toy response", (1, (), 15.0),
     "space out only after two visits in a row in toy response (this one and the previous one)"),
    ("second visit, in response twice", (2, (15.0,), 14.0),
     "in toy response at this visit and at the previous one: that is when the rule spaces out"),
    ("in response now, not at the last visit", (3, (15.0, 17.0), 15.5),
     "space out only after two visits in a row in toy response: look at previous_scores[-1] too"),
    ("exactly half the baseline, twice", (3, (20.0, 16.0), 16.0),
     "toy response is a score at most half the baseline (<=), not below it"),
    ("fourth session, never in response", (4, (25.0, 22.0, 20.0), 19.0),
     "stop once four sessions have been given (sessions_so_far >= 4) and no visit was in toy response"),
    ("fourth session, responded once and relapsed", (4, (15.0, 18.0, 19.0), 20.0),
     "stop only when the score has never been in response, at this visit or any earlier one (previous_scores)"),
    ("third session, never in response", (3, (25.0, 22.0), 21.0),
     "stop only once four sessions have been given (sessions_so_far, not the visit's number or the scores seen)"),
    ("sixth session, never in response, baseline 40", (6, (30.0, 28.0, 26.0, 25.0, 24.0), 23.0, 40.0),
     "compare with half of visit.baseline_score, not with a fixed number"),
    ("fifth session, in response twice, baseline 40", (5, (30.0, 25.0, 19.0, 18.0), 17.0, 40.0),
     "compare with half of visit.baseline_score, not with a fixed number"),
)  # fmt: skip


def check_visit_rule(function) -> _core.Check:
    """Check E07.2: the decision rule, on hand-built visits (the package has no rule: the rule is the student's).

    Stop once four sessions have been given and the toy score has never been in response (at this visit or an
    earlier one); space out when it is in response at this visit and was at the previous one; else continue.
    """
    exercise = "E07.2"
    for label, spec, hint in _VISITS:
        visit = _visit(*spec)
        value, problem = _core.call(exercise, function, visit)
        if problem is not None:
            return problem
        if value == _rule(visit):
            continue
        if value is None:
            said = "your rule returned None: every branch needs a `return` of one of the three words"
        elif not isinstance(value, str):
            said = f"your rule returned a {type(value).__name__}: return one of the strings 'continue', 'space out', 'stop'"
        elif value not in ("continue", "space out", "stop"):
            said = f"{value!r} is not a decision: return 'continue', 'space out' or 'stop', spelt so"
        else:
            said = hint
        return _core.verdict(exercise, "wrong", f"{label}: {said}.")
    return _core.verdict(exercise, "right", "your rule decides every hand-built visit as stated, relapses and edge cases too.")


#: Exercise id -> its checker.
EXERCISES: dict = {"E07.1": check_add_on_score, "E07.2": check_visit_rule}
