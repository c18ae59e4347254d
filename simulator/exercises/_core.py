"""The checking machinery shared by every exercise: run the student's function, compare, say why in words.

A checker builds :class:`Case` objects (the arguments, the expected answer, and the answers of the plausible
wrong methods, each with its hint) and hands them to :func:`run`. No message ever shows the expected value: a
wrong answer gets the hint of the wrong method it matches, else how far off it is ("too high by about 30%").
Every verdict is recorded in the working copy's attempt log (see `simulator.exercises._scores`).
"""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _scores

#: Environment variable: when "1", a check that does not pass raises AssertionError (the instructor notebooks' test).
STRICT_ENV = "KETAMINE_SIM_STRICT_CHECKS"


@dataclass(frozen=True)
class Check:
    """The verdict on one exercise: whether the answer is right, and a message that says why (with a hint).

    ``status`` is "right", "wrong" or "not done" (the stub still raises NotImplementedError).
    """

    exercise: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        """True when the answer is right."""
        return self.status == "right"

    @property
    def points(self) -> int:
        """The points this verdict earns: the exercise's points (1 unless its notebook says otherwise) when right, else 0."""
        return _scores.POINTS.get(self.exercise, 1) if self.passed else 0

    def __bool__(self) -> bool:
        return self.passed

    def _text(self) -> str:
        mark = {"right": "Right", "wrong": "Not yet", "not done": "Not done yet"}[self.status]
        return f"{mark} ({self.exercise}): {self.message}"

    def __str__(self) -> str:
        return self._text()

    def __repr__(self) -> str:
        return self._text()

    def _repr_html_(self) -> str:
        colour = {"right": "#1b6e20", "wrong": "#a33a00", "not done": "#555"}[self.status]
        return f"<p style='color:{colour}'><b>{html.escape(self._text())}</b></p>"


def verdict(exercise: str, status: str, message: str) -> Check:
    """Return a Check; in strict mode (``KETAMINE_SIM_STRICT_CHECKS=1``) raise AssertionError unless right."""
    check = Check(exercise, status, message)
    _scores.record(check)
    if os.environ.get(STRICT_ENV) == "1" and not check.passed:
        raise AssertionError(str(check))
    return check


def call(exercise: str, function, *args, **kwargs):
    """Call the student's ``function``; return (value, None) or (None, Check saying what went wrong)."""
    if not callable(function):
        said = f"pass your function itself (its name, no brackets), got {type(function).__name__}"
        return None, verdict(exercise, "wrong", said)
    try:
        return function(*args, **kwargs), None
    except NotImplementedError:
        said = "the function still raises NotImplementedError: write its body, then run this cell again."
        return None, verdict(exercise, "not done", said)
    except Exception as error:  # the student's code failed: say how, never a traceback
        return None, verdict(exercise, "wrong", f"your function raised {type(error).__name__}: {error}")


def close(value, expected, rel: float = 0.02, abs_: float = 0.0) -> bool:
    """Whether ``value`` is a real number (or array) within ``rel`` (relative) or ``abs_`` of ``expected``."""
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=float)
    if value.shape != expected.shape or not np.all(np.isfinite(value)):
        return False
    return bool(np.all(np.abs(value - expected) <= np.maximum(abs_, rel * np.abs(expected))))


def number(value) -> str:
    """Format a number for a message (3 significant figures)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return repr(value)
    if not math.isfinite(x):
        return str(x)
    return f"{x:.3g}"


@dataclass(frozen=True)
class Case:
    """One case a checker tries: what the student sees, the arguments, the answer, and the wrong methods' answers.

    ``label`` names the case for the student and never contains the expected value. ``expected`` is a number or a
    1-D array. ``wrong`` holds ``(value, hint)`` pairs: what a plausible wrong method returns on this case, and the
    hint that names the mistake. ``rel`` and ``abs_`` are the tolerances of :func:`close`.
    """

    label: str
    args: tuple
    expected: Any
    wrong: tuple = ()
    rel: float = 0.02
    abs_: float = 0.0


def _kind(value) -> str:
    return type(value).__name__


def shape_problem(value, expected) -> str | None:
    """Say what is wrong with the type or shape of ``value`` against ``expected`` (a number or a 1-D array), or None."""
    scalar = np.ndim(expected) == 0
    if value is None:
        return "your function returned None: it needs a `return` line (every branch must return an answer)."
    if isinstance(value, (str, bytes)):
        return f"your function returned text ({str(value)[:20]!r}): return the number itself, not a string or an f-string."
    if isinstance(value, (bool, np.bool_)):
        return "your function returned True/False: return the number itself, not a comparison."
    if isinstance(value, dict):
        return "your function returned a dict: return the one quantity asked for."
    if scalar:
        if isinstance(value, (list, tuple)):
            return f"your function returned a {_kind(value)} of {len(value)} items: return one number (a float), not a list."
        if isinstance(value, np.ndarray) and value.size == 1 and value.ndim > 0:
            return "your function returned a one-element array: return the number inside it (float(x[0]) or x.item())."
        if isinstance(value, np.ndarray) and value.size != 1:
            return (
                f"your function returned an array of {value.size} values where one number is expected: reduce it "
                "(np.max, np.sum, an index) to the one quantity asked for."
            )
    else:
        n = int(np.size(expected))
        if np.ndim(value) == 0 and isinstance(value, (int, float, np.number)):
            return f"your function returned one number: return an array with one value per output time ({n} values)."
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return f"your function returned a value of type {_kind(value)}: return a number{'' if scalar else ' array'}."
    if not scalar:
        if array.ndim != 1:
            return f"your function returned an array of shape {array.shape}: return a 1-D array, one value per output time."
        if array.size != np.size(expected):
            fewer = "fewer" if array.size < np.size(expected) else "more"
            return (
                f"your function returned {array.size} value{'s' if array.size != 1 else ''}, {fewer} than the "
                f"{np.size(expected)} output times: "
                "keep the first value (at time 0) and one value per time step (np.diff shortens an array by one)."
            )
    if np.any(np.isnan(array)):
        return (
            "your function returned NaN (not a number): usually a division by zero, an empty selection (np.mean or "
            "np.polyfit of nothing), or the log of zero or of a negative number."
        )
    if np.any(np.isinf(array)):
        return "your function returned infinity: a division by zero, or a slope of zero in a half-life."
    return None


def how_far(value, expected) -> str:
    """Say how far ``value`` is from ``expected`` without showing ``expected``: "too high by about 30%".

    A number is compared with the answer; an array at its worst point, in % of the answer's peak.
    """
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    if expected.ndim == 0:
        if expected == 0:
            return "too high" if value > 0 else "too low"
        ratio = float(value / expected)
    else:
        scale = float(np.max(np.abs(expected))) or 1.0
        i = int(np.argmax(np.abs(value - expected)))
        ratio = 1.0 + float(value[i] - expected[i]) / scale
    if ratio <= 0.0:
        return "the sign is wrong (or the curve goes the wrong way)"
    if ratio > 10.0 or ratio < 0.1:
        return f"it is off by a factor of about {max(ratio, 1.0 / ratio):.2g} (a unit, or a missing step?)"
    word = "too high" if ratio > 1.0 else "too low"
    where = "" if expected.ndim == 0 else " at its worst point (in % of the curve's peak)"
    percent = abs(ratio - 1.0) * 100.0
    return f"{word} by about {percent:.0f}%{where}" if percent >= 10 else f"{word} by about {percent:.2g}%{where}"


def run(exercise: str, function, cases, *, hint: str, right: str) -> Check:
    """Try ``function`` on each :class:`Case`; return the verdict, with a specific hint where a wrong method matches.

    ``hint`` is the general hint (the method in words) for a wrong answer that matches no known mistake; ``right``
    is the message of a right answer. Messages never contain the expected value. The wrong methods of every case are
    listed in the same order; when an answer fails, the hint is that of the wrong method that matches the answers on
    every case (two methods may agree on one case and not on the others), else of one that matches the failing case.
    """
    cases = list(cases)
    for k, case in enumerate(cases):
        value, problem = call(exercise, function, *case.args)
        if problem is not None:
            return problem
        said = shape_problem(value, case.expected)
        if said is not None:
            return verdict(exercise, "wrong", f"{case.label}: {said}")
        if close(value, case.expected, rel=case.rel, abs_=case.abs_):
            continue
        return verdict(exercise, "wrong", f"{case.label}: {_diagnose(function, cases, k, value, hint)}")
    return verdict(exercise, "right", right)


def _matches(value, case: Case, j: int) -> bool:
    if j >= len(case.wrong) or case.wrong[j][0] is None:
        return True  # this method is not defined on this case: no evidence against it
    return close(value, case.wrong[j][0], rel=case.rel, abs_=case.abs_)


def _diagnose(function, cases, k: int, value, hint: str) -> str:
    """Return the hint for a wrong ``value`` on case ``k``: the wrong method that fits the answers on every case, if any."""
    failing = cases[k]
    candidates = [j for j in range(len(failing.wrong)) if failing.wrong[j][0] is not None and _matches(value, failing, j)]
    if not candidates:
        return f"{how_far(value, failing.expected)}. {hint}"
    answers = {k: value}
    for i, case in enumerate(cases):
        if i == k:
            continue
        try:
            other = function(*case.args)
        except Exception:  # a later case the function cannot handle says nothing about which method it is
            continue
        if shape_problem(other, case.expected) is None:
            answers[i] = other
    for j in candidates:
        if all(_matches(answer, cases[i], j) for i, answer in answers.items()):
            return failing.wrong[j][1]
    return failing.wrong[candidates[0]][1]
