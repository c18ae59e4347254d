"""Checkers of notebook 00's exercises (see `simulator.exercises`): the brain's lag behind plasma, what is left after the peak.

Both take plain arrays, not a Result: the checker also hands in curves no simulation makes (an uneven time grid,
a single exponential), so reading an answer off the package cannot pass.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..dosing import Bolus, Infusion, Oral
from ..pipeline import simulate
from . import _core

__all__ = ["check_brain_lag", "check_fraction_left_after_peak"]

#: The notebook these exercises belong to.
NOTEBOOK = "00_start_here"


@lru_cache(maxsize=1)
def _curves() -> tuple:
    """(label, time h, plasma, effect site): three illustrative regimens and one hand-built pair on an uneven grid.

    Computed once and kept: a Result's arrays are read-only, so no answer can change them.
    """
    out = []
    for label, dose, options in (
        ("0.5 mg/kg over 40 min", Infusion(dose_mg_per_kg=0.5, duration_min=40), {"end_h": 12.0}),
        ("0.25 mg/kg IV bolus", Bolus(dose_mg_per_kg=0.25), {"end_h": 12.0}),
        ("25 mg oral, uneven time grid", Oral(dose_mg=25.0), {"end_h": 24.0, "grid": "log", "step_min": 5.0}),
    ):
        result = simulate(dose, **options)
        out.append((label, result.time_h, result.plasma("ketamine"), result.effect_site("ketamine", endpoint="analgesia")))
    t = np.concatenate([np.arange(0.0, 2.0, 1.0 / 120.0), np.arange(2.0, 12.0, 0.1)])  # 30 s steps, then 6 min
    t.flags.writeable = False
    plasma, brain = t * np.exp(-t / 0.6), t**2 * np.exp(-t / 0.6)  # hand-built shapes (peaks at 0.6 and 1.2 h)
    out.append(("hand-built curves on an uneven grid", t, plasma, brain))
    return tuple(out)


def check_brain_lag(function) -> _core.Check:
    """Check E00.1: the minutes from the plasma peak to the brain (effect-site) peak, from arrays.

    The student's ``function(time_h, plasma, brain)`` is called for an infusion, a bolus and an oral dose (the
    slow effect site of the sub-anaesthetic effects) and for a hand-built pair of curves on an uneven grid, and
    compared with ``60 * (time of the brain's maximum - time of the plasma's maximum)`` within half a minute.
    """
    cases = []
    for label, t, plasma, brain in _curves():
        i, j = int(np.argmax(plasma)), int(np.argmax(brain))
        lag = 60.0 * float(t[j] - t[i])
        wrong = (
            (lag / 60.0, "that looks like hours: the question asks for minutes (time_h is in hours, times 60)."),
            (-lag, "the sign is reversed: the brain peaks after plasma, so the lag is brain's peak time minus plasma's."),
            (
                float(j - i),
                "that is the number of output steps between the peaks: read the times in time_h (and the steps "
                "are not all 1 minute).",
            ),
            (60.0 * float(t[j]), "that is the time of the brain's peak from time 0: subtract the time of the plasma peak."),
            (float(np.max(brain) - np.max(plasma)), "that is a difference of peak concentrations (ng/mL), not of peak times."),
        )
        cases.append(_core.Case(label, (t, plasma, brain), lag, wrong, rel=0.0, abs_=0.5))
    return _core.run(
        "E00.1",
        function,
        cases,
        hint="find the index of each maximum (np.argmax), read both times in time_h, subtract, and convert hours to minutes.",
        right="the brain lags plasma in every case, by your minutes: longest after the bolus, whose plasma peak is sharpest.",
    )


#: (case index, hours after the peak) at which E00.2 reads what is left.
_AFTER_PEAK_H = ((0, 2.0), (0, 6.0), (1, 4.5), (2, 3.0), (3, 5 * 2.5))


@lru_cache(maxsize=1)
def _single_exponential() -> tuple:
    """Return a hand-built single exponential with a 2.5 h half-life that peaks at 1 h (illustrative shape)."""
    t = np.linspace(0.0, 20.0, 801)
    c = np.where(t < 1.0, 100.0 * t, 100.0 * np.exp(-np.log(2.0) * (t - 1.0) / 2.5))
    t.flags.writeable, c.flags.writeable = False, False
    return ("a hand-built single exponential (half-life 2.5 h), five half-lives after its peak", t, c)


def check_fraction_left_after_peak(function) -> _core.Check:
    """Check E00.2: the concentration ``hours`` after the peak as a fraction (0-1) of the peak, from arrays.

    The student's ``function(time_h, concentration, hours)`` is called for plasma after an infusion, a bolus and an
    oral dose, and on a hand-built single exponential five half-lives after its peak (where the answer is the
    half-life rule's 1/32), and compared with ``np.interp`` at the peak time plus ``hours``, over the peak (1%).
    """
    curves = [(label, t, plasma) for label, t, plasma, _ in _curves()[:3]] + [_single_exponential()]
    cases = []
    for index, hours in _AFTER_PEAK_H:
        label, t, c = curves[index]
        peak = int(np.argmax(c))
        at = float(np.interp(t[peak] + hours, t, c))
        expected = at / float(c[peak])
        wrong = (
            (
                float(np.interp(hours, t, c)) / float(c[peak]),
                "that reads the curve at `hours` after time 0: read it `hours` after the time of the peak.",
            ),
            (100.0 * expected, "that is a percentage: return the fraction (0 to 1)."),
            (1.0 - expected, "that is the fraction gone since the peak; the question asks for the fraction left."),
            (at, "that is the concentration itself (ng/mL): divide it by the peak concentration."),
        )
        cases.append(_core.Case(f"{label}, {hours:g} h after the peak", (t, c, hours), expected, wrong, rel=0.01, abs_=1e-4))
    return _core.run(
        "E00.2",
        function,
        cases,
        hint="find the peak (np.argmax), read the curve at its time plus `hours` with np.interp, divide by the peak.",
        right="right in every case; on the single exponential it is (1/2) to the power 5, about 3%: the five-half-lives rule.",
    )


#: Exercise id -> its checker.
EXERCISES: dict = {"E00.1": check_brain_lag, "E00.2": check_fraction_left_after_peak}
