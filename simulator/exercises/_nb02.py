"""Checkers of notebook 02's exercises (see `simulator.exercises`): a Hill occupancy, and the hours of NMDA block it gives.

Both take the constants as arguments, and each checker adds a made-up blocker (IC50 and Hill coefficient outside
every published value, illustrative), so the package's own occupancy cannot stand in for the formula.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..dosing import Infusion
from ..literature.receptor_data import AFFINITIES
from ..pipeline import simulate
from . import _core

__all__ = ["check_hours_of_block", "check_occupancy_hill"]

#: The notebook these exercises belong to.
NOTEBOOK = "02_nmda_receptor"

#: A made-up blocker for the checks: IC50 uM and Hill coefficient (illustrative, no drug has them).
_MADE_UP = (2.0, 1.6)


def _hill(c, ic50, hill):
    c = np.asarray(c, dtype=float)
    x = np.power(c, hill)
    return x / (x + ic50**hill)


def _constants() -> tuple:
    """(label, IC50 uM, Hill): published affinities (with their sources) and the made-up blocker."""
    s_ic50 = AFFINITIES[("esketamine", "IC50")]
    s_ki = AFFINITIES[("esketamine", "Ki")]
    memantine = AFFINITIES[("memantine", "IC50")]
    return (
        ("S-ketamine, functional IC50 (derived from Gilling 2009)", s_ic50.value_um, s_ic50.hill),
        ("S-ketamine, binding Ki (Ebert 1997)", s_ki.value_um, s_ki.hill),
        ("memantine, IC50 (Blanpied 1997)", memantine.value_um, memantine.hill),
        ("a made-up blocker", *_MADE_UP),
    )


def check_occupancy_hill(function) -> _core.Check:
    """Check E02.1: the fraction of NMDA channels blocked at equilibrium, C^n / (C^n + IC50^n), one ligand alone.

    The student's ``function(concentration_um, ic50_um, hill)`` is called with published constants (S-ketamine's
    IC50 with Hill 0.84, its binding Ki, memantine's IC50) and a made-up blocker, at concentrations below, at and
    above the IC50 and on an array of concentrations, and compared with the Hill equation within 0.5%.
    """
    cases = []
    for label, ic50, hill in _constants():
        for concentration in (0.3 * ic50, 3.0 * ic50, np.geomspace(0.05, 20.0, 7) * ic50):
            expected = _hill(concentration, ic50, hill)
            c = np.asarray(concentration, dtype=float)
            where = "an array of 7 concentrations" if c.ndim else f"{float(c):.3g} uM"
            wrong = (
                (1.0 - expected, "that is the fraction of channels still free: the blocked fraction is C^n / (C^n + IC50^n)."),
                ((c / ic50) ** hill, "(C / IC50)^n is not a fraction: divide it by 1 + (C / IC50)^n."),
                (100.0 * expected, "that is a percentage: return the fraction (0 to 1)."),
                (_hill(c, ic50, 1.0), "that ignores the Hill coefficient: raise C and IC50 to the power hill."),
                (
                    (c / (c + ic50)) ** hill,
                    "the Hill coefficient goes on C and IC50 inside the fraction, not on the whole fraction.",
                ),
                (c**hill / (c**hill + ic50), "raise IC50 to the power hill too: C^n / (C^n + IC50^n)."),
            )
            cases.append(
                _core.Case(
                    f"{label} (IC50 {ic50:.3g} uM, Hill {hill:g}) at {where}",
                    (concentration, ic50, hill),
                    expected,
                    wrong,
                    rel=0.005,
                )
            )
    return _core.run(
        "E02.1",
        function,
        cases,
        hint="the blocked fraction is C**hill / (C**hill + ic50**hill), written with numpy operations so that arrays work.",
        right="your Hill occupancy is right for published constants and a made-up blocker; with Hill 1 it is C / (C + Ki).",
    )


@lru_cache(maxsize=1)
def _block_cases() -> tuple:
    """(label, time h, brain concentration uM, IC50, Hill, level): two infusions, one on an uneven grid, and a made-up blocker.

    The brain concentration of racemic ketamine is taken as the concentration at the receptor (a simplification for
    the exercise); the infusions are illustrative inputs.
    """
    s_ic50 = AFFINITIES[("esketamine", "IC50")]
    out = []
    for dose, options, level in ((1.0, {"grid": "log", "step_min": 10.0}, 0.35), (0.5, {"step_min": 1.0}, 0.2)):
        result = simulate(Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=24.0, **options)
        grid = "1-minute steps" if "grid" not in options else "an uneven time grid"
        c = result.effect_site("ketamine", unit="uM")
        out.append(
            (f"{dose:g} mg/kg over 40 min, {grid}, level {level:g}", result.time_h, c, s_ic50.value_um, s_ic50.hill, level)
        )
        if dose == 1.0:
            out.append((f"{dose:g} mg/kg over 40 min, {grid}, a made-up blocker, level 0.3", result.time_h, c, *_MADE_UP, 0.3))
    return tuple(out)


def _hours_above(t, values, level) -> float:
    return float(np.sum(np.diff(t) * (np.asarray(values)[:-1] >= level)))


def check_hours_of_block(function) -> _core.Check:
    """Check E02.2: the hours during which the Hill occupancy of a concentration curve is at or above a level.

    The student's ``function(time_h, concentration_um, ic50_um, hill, level)`` is called for two illustrative
    infusions (one on an uneven time grid) with S-ketamine's IC50 and Hill 0.84, and with a made-up blocker, and
    compared with the summed time steps at whose start the occupancy is at or above ``level`` (within 2 minutes).
    """
    cases = []
    for label, t, c, ic50, hill, level in _block_cases():
        occupancy = _hill(c, ic50, hill)
        expected = _hours_above(t, occupancy, level)
        wrong = (
            (60.0 * expected, "that looks like minutes: the answer is in hours (time_h is in hours)."),
            (
                float(np.count_nonzero(occupancy >= level)),
                "that is the number of output times above the level; add up the time steps (np.diff(time_h)) "
                "instead, they are not all equal.",
            ),
            (
                _hours_above(t, c, level),
                "that compares the concentration with the level: turn it into an occupancy (the Hill equation) first.",
            ),
            (_hours_above(t, _hill(c, ic50, 1.0), level), "that occupancy ignores the Hill coefficient: C^n / (C^n + IC50^n)."),
            (float(np.max(occupancy)), "that is the peak block, not a duration."),
        )
        cases.append(_core.Case(label, (t, c, ic50, hill, level), expected, wrong, rel=0.01, abs_=2.0 / 60.0))
    return _core.run(
        "E02.2",
        function,
        cases,
        hint="occupancy = C^n / (C^n + IC50^n); then add np.diff(time_h) over the steps whose start has occupancy >= level.",
        right="the hours of block are right for both infusions and the made-up blocker: "
        "a higher dose adds hours, not just height.",
    )


#: Exercise id -> its checker.
EXERCISES: dict = {"E02.1": check_occupancy_hill, "E02.2": check_hours_of_block}
