"""Checkers of notebook 01's exercises (see `simulator.exercises`): bioavailability from two curves, and a half-life."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..dosing import Bolus, Infusion, Intranasal, Oral, Sublingual
from ..pipeline import simulate
from . import _core

__all__ = ["check_bioavailability", "check_terminal_half_life"]


@lru_cache(maxsize=1)
def _bioavailability_cases() -> tuple:
    """(label, route Result, route dose mg, IV Result, IV dose mg): illustrative amounts, windows long enough for the AUC.

    Computed once and kept: a Result's arrays are read-only, so no answer can change them.
    """
    racemic_iv = simulate(Bolus(dose_mg=10.0), end_h=48.0, step_min=2.0)
    esketamine_iv = simulate(Bolus(dose_mg=28.0, drug="esketamine"), end_h=120.0, step_min=5.0)
    return (
        ("25 mg oral against 10 mg IV", simulate(Oral(dose_mg=25.0), end_h=48.0, step_min=2.0), 25.0, racemic_iv, 10.0),
        (
            "25 mg sublingual against 10 mg IV",
            simulate(Sublingual(dose_mg=25.0), end_h=48.0, step_min=2.0),
            25.0,
            racemic_iv,
            10.0,
        ),
        (
            "56 mg nasal esketamine against 28 mg IV esketamine",
            simulate(Intranasal(dose_mg=56.0, drug="esketamine"), end_h=120.0, step_min=5.0),
            56.0,
            esketamine_iv,
            28.0,
        ),
    )


def check_bioavailability(function) -> _core.Check:
    """Check E01.1: the bioavailability F of a route from a route and an IV simulation, each with its dose.

    The student's ``function(route_result, route_dose_mg, iv_result, iv_dose_mg)`` is called for oral and
    sublingual racemic ketamine against an IV bolus of a different amount, and for two devices of nasal
    esketamine against an IV esketamine bolus, and compared with the ratio of dose-normalised AUCs
    (``result.auc()[-1]``) within 2%.
    """
    for label, route, route_mg, iv, iv_mg in _bioavailability_cases():
        auc_route, auc_iv = float(route.auc()[-1]), float(iv.auc()[-1])
        expected = (auc_route / route_mg) / (auc_iv / iv_mg)
        value, problem = _core.call("E01.1", function, route, route_mg, iv, iv_mg)
        if problem is not None:
            return problem
        if _core.close(value, expected, rel=0.02):
            continue
        hint = "divide each AUC (result.auc()[-1]) by its own dose, then divide the route's by the IV's."
        if _core.close(value, auc_route / auc_iv, rel=0.02):
            hint = "that is the ratio of the AUCs without the doses: divide each AUC by its own dose first."
        elif _core.close(value, 1.0 / expected, rel=0.02):
            hint = "that is upside down: F is the route's AUC per mg over the IV's AUC per mg (F is at most 1)."
        elif _core.close(value, 100.0 * expected, rel=0.02):
            hint = "that is a percentage: return the fraction (0 to 1)."
        elif _core.close(value, (route.plasma().max() / route_mg) / (iv.plasma().max() / iv_mg), rel=0.02):
            hint = "that compares peak concentrations; F compares the whole exposure, the areas under the curves."
        return _core.verdict(
            "E01.1", "wrong", f"{label}: expected F = {_core.number(expected)}, got {_core.number(value)}. {hint}"
        )
    return _core.verdict(
        "E01.1", "right", "your F matches the package's dose-normalised AUC ratio for oral, sublingual and nasal esketamine."
    )


@lru_cache(maxsize=1)
def _half_life_cases() -> tuple:
    """(label, Result) of two racemic sets and nasal esketamine, windows long enough for the terminal phase."""
    infusion = Infusion(dose_mg_per_kg=0.5, duration_min=40)
    return (
        ("0.5 mg/kg over 40 min, Clements 1981 set, 24 h", simulate(infusion, end_h=24.0, step_min=5.0)),
        ("0.5 mg/kg over 40 min, Hijazi 2003 set, 24 h", simulate(infusion, end_h=24.0, step_min=5.0, pk_set="hijazi_2003")),
        ("56 mg nasal esketamine, 72 h", simulate(Intranasal(dose_mg=56.0, drug="esketamine"), end_h=72.0, step_min=5.0)),
    )


def check_terminal_half_life(function) -> _core.Check:
    """Check E01.2: the terminal half-life (h) of plasma ketamine from the log-linear slope of a curve's tail.

    The student's ``function(result)`` is called for the standard infusion under two racemic sets (terminal
    half-lives about 3 and 5 h) and for nasal esketamine over 72 h (about 11 h), and compared with
    :meth:`simulator.Result.terminal_half_life_h` within 5% (other reasonable tails pass).
    """
    for label, result in _half_life_cases():
        expected = result.terminal_half_life_h()
        value, problem = _core.call("E01.2", function, result)
        if problem is not None:
            return problem
        if _core.close(value, expected, rel=0.05):
            continue
        hint = "fit np.log(concentration) against time over the tail; the half-life is np.log(2) / (-slope), in hours."
        slope = -np.log(2.0) / expected
        if _core.close(value, -slope, rel=0.05) or _core.close(value, slope, rel=0.05):
            hint = "that is the slope (the rate constant, 1/h): the half-life is ln 2 divided by minus the slope."
        elif _core.close(value, 60.0 * expected, rel=0.05):
            hint = "that looks like minutes: result.time_h is in hours, so the half-life comes out in hours."
        elif _core.close(value, np.log(10.0) * expected, rel=0.05) or _core.close(value, expected / np.log(10.0), rel=0.05):
            hint = "use the natural log (np.log), not log10, for both the fit and ln 2."
        elif _core.close(value, -expected, rel=0.05):
            hint = "the slope of a falling curve is negative: divide ln 2 by minus the slope."
        elif _core.close(value, 0.5 * expected, rel=0.55):  # between 0.225 and 0.775 of the answer
            hint = "too short: the fit probably includes the fast distribution phase; fit only the last quarter after the dose."
        return _core.verdict("E01.2", "wrong", f"{label}: expected {_core.number(expected)} h, got {_core.number(value)}. {hint}")
    return _core.verdict("E01.2", "right", "your half-lives match the package's for both racemic sets and for nasal esketamine.")


#: Exercise id -> its checker.
EXERCISES: dict = {"E01.1": check_bioavailability, "E01.2": check_terminal_half_life}
