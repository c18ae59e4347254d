"""The checking machinery shared by every exercise: run the student's function, compare, say why in words."""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass

import numpy as np

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
