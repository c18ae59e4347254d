"""Checkers of notebook 02's exercises (see `simulator.exercises`): occupancy from Ki, and hours of NMDA block."""

from __future__ import annotations

import numpy as np

from .. import receptor
from ..dosing import Infusion
from ..pipeline import simulate
from . import _core

__all__ = ["check_hours_of_block", "check_occupancy_from_ki"]

#: (ligand, unbound concentration at the receptor in uM) of the occupancy cases: below, near and above each Ki.
_OCCUPANCY_CASES = (("esketamine", 0.5), ("arketamine", 0.7), ("esnorketamine", 4.0))
#: (regimen, level) of the hours-of-block cases: two doses of a 40-minute infusion (illustrative inputs).
_BLOCK_CASES = ((0.5, 0.2), (1.0, 0.35))


def check_occupancy_from_ki(function) -> _core.Check:
    """Check E02.1: the equilibrium occupancy of one ligand alone, from its unbound concentration and its Ki.

    The student's ``function(concentration_um, ki_um)`` is called for three ligands (S-ketamine, R-ketamine,
    S-norketamine, each with its Ki from the package) and compared with
    :func:`simulator.receptor.equilibrium_occupancy` for that ligand alone.
    """
    for ligand, concentration in _OCCUPANCY_CASES:
        ki, _ = receptor.ReceptorAssumptions().affinity_um(ligand)
        expected = receptor.equilibrium_occupancy({ligand: concentration}, "uM")[ligand]
        value, problem = _core.call("E02.1", function, concentration, ki)
        if problem is not None:
            return problem
        if _core.close(value, expected, rel=0.005):
            continue
        got = _core.number(value)
        hint = "the fraction of sites occupied is C / (C + Ki): it lies between 0 and 1 and is one half when C = Ki."
        if _core.close(value, 1.0 - expected, rel=0.005):
            hint = "that is the fraction of sites still free, Ki / (C + Ki): the occupied fraction is C / (C + Ki)."
        elif _core.close(value, concentration / ki, rel=0.005):
            hint = "C / Ki is the ratio of concentration to affinity; divide it by (1 + C / Ki) to get a fraction."
        elif _core.close(value, 100.0 * expected, rel=0.005):
            hint = "that is a percentage: return the fraction (0 to 1)."
        return _core.verdict(
            "E02.1",
            "wrong",
            f"{ligand} at {concentration:g} uM with Ki {ki:g} uM: expected {_core.number(expected)}, got {got}. {hint}",
        )
    return _core.verdict("E02.1", "right", "C / (C + Ki) matches the package for S-ketamine, R-ketamine and S-norketamine alone.")


def _hours_above(result, level: float) -> float:
    """Hours with occupancy at or above ``level``, each output time counting until the next one."""
    t = result.time_h
    return float(np.sum(np.diff(t) * (result.occupancy[:-1] >= level)))


def check_hours_of_block(function) -> _core.Check:
    """Check E02.2: the hours during which NMDA block stays at or above a level, from a Result.

    The student's ``function(result, level)`` is called for two illustrative infusions (0.5 and 1 mg/kg over
    40 minutes, 1-minute output steps) at two levels, and compared with the summed time steps during which
    ``result.occupancy`` is at or above ``level`` (within 2 minutes).
    """
    for dose, level in _BLOCK_CASES:
        result = simulate(Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=24.0, step_min=1.0)
        expected = _hours_above(result, level)
        value, problem = _core.call("E02.2", function, result, level)
        if problem is not None:
            return problem
        if _core.close(value, expected, rel=0.01, abs_=2.0 / 60.0):
            continue
        got = _core.number(value)
        hint = "sum the time steps (np.diff(result.time_h)) at which result.occupancy >= level."
        steps = int(np.count_nonzero(result.occupancy >= level))
        if _core.close(value, 60.0 * expected, rel=0.02, abs_=2.0):
            hint = "that looks like minutes: the answer is in hours (result.time_h is in hours)."
        elif _core.close(value, steps, rel=0.02, abs_=1.0):
            hint = "that is the number of output times above the level; multiply by the time step (hours) between them."
        elif _core.close(value, float(np.max(result.occupancy)), rel=0.01):
            hint = "that is the peak block, not a duration."
        elif _core.close(value, 0.0, abs_=1e-12):
            hint = "no time above the level? level is a fraction (0-1) like result.occupancy, not a percentage."
        return _core.verdict(
            "E02.2",
            "wrong",
            f"{dose:g} mg/kg over 40 min, level {level:g}: expected {_core.number(expected)} h, got {got}. {hint}",
        )
    return _core.verdict("E02.2", "right", "the hours of block above each level match for both infusions.")


#: Exercise id -> its checker.
EXERCISES: dict = {"E02.1": check_occupancy_from_ki, "E02.2": check_hours_of_block}
