"""Checkers of notebook 00's exercises (see `simulator.exercises`): the brain's peak time, and what is left of the peak."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..dosing import Bolus, Infusion, Oral
from ..pipeline import simulate
from . import _core

__all__ = ["check_effect_site_peak_time", "check_fraction_of_peak_left"]


@lru_cache(maxsize=1)
def _cases() -> tuple:
    """(label, Result) of three illustrative regimens on a 1-minute grid: an infusion, a bolus and an oral dose.

    Computed once and kept: a Result's arrays are read-only, so no answer can change them.
    """
    return (
        ("0.5 mg/kg over 40 min", simulate(Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=12.0)),
        ("0.25 mg/kg IV bolus", simulate(Bolus(dose_mg_per_kg=0.25), end_h=12.0)),
        ("25 mg oral", simulate(Oral(dose_mg=25.0), end_h=12.0)),
    )


def check_effect_site_peak_time(function) -> _core.Check:
    """Check E00.1: the time (h) of the highest effect-site (brain) ketamine concentration in a Result.

    The student's ``function(result)`` is called for three illustrative regimens (a 40-minute infusion, a
    1-minute bolus and an oral dose, 1-minute output steps) and compared with the output time at which
    ``result.effect_site("ketamine", endpoint="analgesia")`` is largest (within one output step).
    """
    for label, result in _cases():
        t = result.time_h
        expected = float(t[np.argmax(result.effect_site("ketamine", endpoint="analgesia"))])
        value, problem = _core.call("E00.1", function, result)
        if problem is not None:
            return problem
        if _core.close(value, expected, abs_=1.5 / 60.0):
            continue
        hint = (
            "take result.time_h at the index where result.effect_site('ketamine', endpoint='analgesia') is largest (np.argmax)."
        )
        plasma_peak = float(t[np.argmax(result.plasma("ketamine"))])
        if _core.close(value, plasma_peak, abs_=0.5 / 60.0):
            hint = (
                "that is the time of the plasma peak: use result.effect_site('ketamine', endpoint='analgesia'), "
                "the slow effect site, which lags plasma."
            )
        elif _core.close(value, 60.0 * expected, abs_=1.5):
            hint = "that looks like minutes: give the time in hours (result.time_h is in hours)."
        elif _core.close(value, float(np.argmax(result.effect_site("ketamine", endpoint="analgesia"))), abs_=0.5):
            hint = "that is the index of the peak, not its time: look it up in result.time_h."
        elif _core.close(value, float(np.max(result.effect_site("ketamine", endpoint="analgesia"))), rel=0.01):
            hint = "that is the peak concentration (ng/mL), not the time of the peak."
        return _core.verdict("E00.1", "wrong", f"{label}: expected {_core.number(expected)} h, got {_core.number(value)}. {hint}")
    return _core.verdict("E00.1", "right", "the brain peaks after plasma in every case, and your times match the package's.")


#: Times (h) at which E00.2 reads what is left of the peak, for each case.
_LEFT_AT_H = {"0.5 mg/kg over 40 min": (2.0, 6.0), "0.25 mg/kg IV bolus": (1.0, 4.5), "25 mg oral": (3.0,)}


def check_fraction_of_peak_left(function) -> _core.Check:
    """Check E00.2: plasma ketamine at a given time as a fraction (0-1) of its peak, from a Result.

    The student's ``function(result, time_h)`` is called for an infusion, a bolus and an oral dose (1-minute
    output steps) at one or two times each, and compared with the plasma concentration at that time
    (``np.interp`` on ``result.plasma("ketamine")``) divided by its maximum (within 1%).
    """
    for label, result in _cases():
        plasma = result.plasma("ketamine")
        for time_h in _LEFT_AT_H[label]:
            at = float(np.interp(time_h, result.time_h, plasma))
            expected = at / float(plasma.max())
            value, problem = _core.call("E00.2", function, result, time_h)
            if problem is not None:
                return problem
            if _core.close(value, expected, rel=0.01):
                continue
            hint = "divide the plasma concentration at time_h (np.interp) by the peak plasma concentration."
            brain = result.effect_site("ketamine", endpoint="analgesia")
            if _core.close(value, 100.0 * expected, rel=0.01):
                hint = "that is a percentage: return the fraction (0 to 1)."
            elif _core.close(value, 1.0 - expected, rel=0.01):
                hint = "that is the fraction gone since the peak; the question asks for the fraction left."
            elif _core.close(value, at, rel=0.01):
                hint = "that is the concentration itself (ng/mL): divide it by the peak."
            elif _core.close(value, float(np.interp(time_h, result.time_h, brain)) / float(brain.max()), rel=0.01):
                hint = "that uses the brain (effect site): the question asks for plasma, result.plasma('ketamine')."
            return _core.verdict(
                "E00.2",
                "wrong",
                f"{label} at {time_h:g} h: expected {_core.number(expected)}, got {_core.number(value)}. {hint}",
            )
    return _core.verdict("E00.2", "right", "the fraction of the peak left matches for an infusion, a bolus and an oral dose.")


#: Exercise id -> its checker.
EXERCISES: dict = {"E00.1": check_effect_site_peak_time, "E00.2": check_fraction_of_peak_left}
