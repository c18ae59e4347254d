"""Checkers of notebook 01's exercises (see `simulator.exercises`): bioavailability, a terminal half-life, the effect-site step.

Every exercise takes plain arrays, and each checker adds a hand-built case no simulation makes (a made-up route,
a bi-exponential, a constant plasma level with a made-up ke0), so a value read off the package cannot pass.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..dosing import Bolus, Infusion, Intranasal, Oral, Sublingual
from ..literature.sets import KE0
from ..pipeline import simulate
from . import _core

__all__ = ["check_bioavailability", "check_effect_site_euler", "check_terminal_half_life"]

#: The notebook these exercises belong to.
NOTEBOOK = "01_pharmacokinetics"


def _trapezoid(c, t) -> float:
    c, t = np.asarray(c, dtype=float), np.asarray(t, dtype=float)
    return float(np.sum(0.5 * (c[1:] + c[:-1]) * np.diff(t)))


def _frozen(*arrays):
    for a in arrays:
        a.flags.writeable = False
    return arrays


@lru_cache(maxsize=1)
def _bioavailability_cases() -> tuple:
    """(label, route t, route c, route mg, IV t, IV c, IV mg): three simulated routes and a hand-built one.

    Illustrative amounts; the route and the IV curve are on different time grids, so a sum without the time
    steps is wrong. The hand-built route has a bioavailability of 0.3 by construction (an illustrative number).
    """
    out = []
    iv = simulate(Bolus(dose_mg=10.0), end_h=48.0, step_min=4.0)
    esketamine_iv = simulate(Bolus(dose_mg=28.0, drug="esketamine"), end_h=120.0, step_min=5.0)
    for label, route, mg, reference, reference_mg in (
        ("25 mg oral against 10 mg IV", simulate(Oral(dose_mg=25.0), end_h=48.0, step_min=2.0), 25.0, iv, 10.0),
        ("25 mg sublingual against 10 mg IV", simulate(Sublingual(dose_mg=25.0), end_h=48.0, step_min=2.0), 25.0, iv, 10.0),
        (
            "56 mg nasal esketamine against 28 mg IV esketamine",
            simulate(Intranasal(dose_mg=56.0, drug="esketamine"), end_h=120.0, step_min=10.0),
            56.0,
            esketamine_iv,
            28.0,
        ),
    ):
        out.append((label, route.time_h, route.plasma(), mg, reference.time_h, reference.plasma(), reference_mg))
    k, ka = np.log(2.0) / 3.0, np.log(2.0) / 0.5  # hand-built: 3 h half-life, 30 min absorption half-time
    t_iv, t_route = np.linspace(0.0, 60.0, 1201), np.linspace(0.0, 60.0, 601)
    c_iv = 40.0 * np.exp(-k * t_iv)  # 10 mg IV
    c_route = 0.3 * 3.0 * 40.0 * ka / (ka - k) * (np.exp(-k * t_route) - np.exp(-ka * t_route))  # F 0.3 of 30 mg
    out.append(
        ("a hand-built made-up route, 30 mg against 10 mg IV", *_frozen(t_route, c_route), 30.0, *_frozen(t_iv, c_iv), 10.0)
    )
    return tuple(out)


def check_bioavailability(function) -> _core.Check:
    """Check E01.1: the bioavailability F of a route from its curve and an IV curve, each with its time grid and dose.

    The student's ``function(time_h, route, route_dose_mg, iv_time_h, iv, iv_dose_mg)`` is called for oral and
    sublingual racemic ketamine and nasal esketamine against an IV bolus of a different amount, and for a hand-built
    made-up route, and compared with the ratio of dose-normalised trapezoidal AUCs within 2%.
    """
    cases = []
    for label, t, c, mg, t_iv, c_iv, mg_iv in _bioavailability_cases():
        auc, auc_iv = _trapezoid(c, t), _trapezoid(c_iv, t_iv)
        expected = (auc / mg) / (auc_iv / mg_iv)
        wrong = (
            (auc / auc_iv, "that is the ratio of the AUCs without the doses: divide each AUC by its own dose first."),
            (1.0 / expected, "that is upside down: F is the route's AUC per mg over the IV's AUC per mg (F is at most 1)."),
            (100.0 * expected, "that is a percentage: return the fraction (0 to 1)."),
            (
                (np.max(c) / mg) / (np.max(c_iv) / mg_iv),
                "that compares peak concentrations; F compares the whole exposure, the areas under the curves.",
            ),
            (
                (np.sum(c) / mg) / (np.sum(c_iv) / mg_iv),
                "np.sum adds samples, not areas: the two curves have different time steps, so integrate over "
                "time (np.trapezoid(c, t)).",
            ),
        )
        cases.append(_core.Case(label, (t, c, mg, t_iv, c_iv, mg_iv), expected, wrong, rel=0.02))
    return _core.run(
        "E01.1",
        function,
        cases,
        hint="F = (AUC_route / dose_route) / (AUC_iv / dose_iv), each AUC the area under its own curve (np.trapezoid(c, t)).",
        right="your F is right for oral, sublingual, nasal esketamine and a made-up route: exposure per mg, relative to IV.",
    )


def _fit_half_life(t, c, start_h) -> float:
    keep = (t >= start_h) & (c > 0)
    slope = np.polyfit(t[keep], np.log(c[keep]), 1)[0]
    return float(np.log(2.0) / -slope)


def _tail_start(t, end_h) -> float:
    return end_h + 0.75 * (float(t[-1]) - end_h)


@lru_cache(maxsize=1)
def _half_life_cases() -> tuple:
    """(label, time h, plasma, end of dosing h): two racemic sets, nasal esketamine and a hand-built bi-exponential."""
    infusion = Infusion(dose_mg_per_kg=0.5, duration_min=40)
    out = []
    for label, result in (
        ("0.5 mg/kg over 40 min, Clements 1981 set, 24 h", simulate(infusion, end_h=24.0, step_min=5.0)),
        ("0.5 mg/kg over 40 min, Hijazi 2003 set, 24 h", simulate(infusion, end_h=24.0, step_min=5.0, pk_set="hijazi_2003")),
        ("56 mg nasal esketamine, 72 h", simulate(Intranasal(dose_mg=56.0, drug="esketamine"), end_h=72.0, step_min=5.0)),
    ):
        out.append((label, result.time_h, result.plasma("ketamine"), result.regimen.end_h))
    t = np.linspace(0.0, 40.0, 801)  # hand-built: phases with half-lives of 0.5 and 5 h, after 4 h of dosing
    after = np.clip(t - 4.0, 0.0, None)
    c = np.where(t < 4.0, 20.0 * t, 60.0 * np.exp(-np.log(2.0) * after / 0.5) + 20.0 * np.exp(-np.log(2.0) * after / 5.0))
    out.append(("a hand-built bi-exponential after 4 h of dosing", *_frozen(t, c), 4.0))
    return tuple(out)


def check_terminal_half_life(function) -> _core.Check:
    """Check E01.2: the terminal half-life (h) from the log-linear slope of a curve's tail, from arrays.

    The student's ``function(time_h, concentration, dosing_end_h)`` is called for the standard infusion under two
    racemic sets, for nasal esketamine over 72 h and for a hand-built bi-exponential whose dosing lasts 4 h, and
    compared with a least-squares fit of ln C over the last quarter of the time after dosing, within 5%.
    """
    cases = []
    for label, t, c, end in _half_life_cases():
        expected = _fit_half_life(t, c, _tail_start(t, end))
        wrong = (
            (np.log(2.0) / expected, "that is the rate constant (1/h), minus the slope: the half-life is ln 2 divided by it."),
            (60.0 * expected, "that looks like minutes: time_h is in hours, so the half-life comes out in hours."),
            (
                np.log(10.0) * expected,
                "use the natural log (np.log), not log10, for the fit: ln 2 / (-slope) needs a natural-log slope.",
            ),
            (-expected, "the slope of a falling curve is negative: divide ln 2 by minus the slope."),
            (
                _fit_half_life(t, c, end),
                "too short: that fit starts where dosing ends and includes the fast distribution phase; fit only"
                " the last quarter after dosing.",
            ),
        )
        cases.append(_core.Case(label, (t, c, end), expected, wrong, rel=0.05))
    return _core.run(
        "E01.2",
        function,
        cases,
        hint="fit np.log(concentration) against time over the last quarter after dosing_end_h; "
        "the half-life is np.log(2) / (-slope).",
        right="your half-lives are right for both racemic sets, nasal esketamine and a hand-built bi-exponential.",
    )


def _euler(t, cp, ke0_per_min) -> np.ndarray:
    ce = np.zeros(len(t))
    for i in range(len(t) - 1):
        ce[i + 1] = ce[i] + 60.0 * (t[i + 1] - t[i]) * ke0_per_min * (cp[i] - ce[i])
    return ce


@lru_cache(maxsize=1)
def _euler_cases() -> tuple:
    """(label, time h, plasma, ke0 per min, the exact effect site): simulated plasma, and a hand-built constant level.

    The ke0 of the simulated cases is Olofsen 2012's (t1/2ke0 6.1 min); the hand-built case uses a made-up 2-minute
    equilibration half-time (illustrative), outside every preset.
    """
    out = []
    for label, dose, step in (
        ("0.5 mg/kg over 40 min, 1-minute steps", Infusion(dose_mg_per_kg=0.5, duration_min=40), 1.0),
        ("0.25 mg/kg IV bolus, 2-minute steps", Bolus(dose_mg_per_kg=0.25), 2.0),
    ):
        result = simulate(dose, end_h=6.0, step_min=step)
        exact = result.effect_site("ketamine", endpoint="analgesia")
        out.append((label, result.time_h, result.plasma(), KE0.value, exact))
    t = np.arange(0.0, 0.5 + 1e-9, 0.5 / 60.0)  # 30-second steps for half an hour
    ke0 = np.log(2.0) / 2.0
    cp = np.full(t.shape, 100.0)
    exact = 100.0 * -np.expm1(-ke0 * 60.0 * t)
    out.append(("a hand-built constant plasma level, made-up ke0, 30-second steps", *_frozen(t, cp), ke0, _frozen(exact)[0]))
    return tuple(out)


def check_effect_site_euler(function) -> _core.Check:
    """Check E01.3: the effect-site curve by Euler steps of dCe/dt = ke0 (Cp - Ce), from arrays.

    The student's ``function(time_h, plasma, ke0_per_min)`` (Ce = 0 at the first time, each step from the values
    at its start, steps in minutes) is called on simulated plasma with Olofsen 2012's ke0 and on a hand-built
    constant level with a made-up ke0, and compared with the Euler recurrence within 1e-6 of the curve's peak. The
    exact solution (what ``simulate`` computes) is not an Euler step and does not pass.
    """
    cases = []
    for label, t, cp, ke0, exact in _euler_cases():
        expected = _euler(t, cp, ke0)
        wrong = (
            (
                exact,
                "that is the exact solution (the package's first_order_hold or simulate's effect site): write "
                "the Euler step yourself.",
            ),
            (
                np.asarray(cp, dtype=float),
                "that is the plasma curve itself: the effect site follows it with a lag, Ce[i+1] = Ce[i] + dt "
                "ke0 (Cp[i] - Ce[i]).",
            ),
            (
                _euler(t, cp, ke0 / 60.0),
                "the steps look like hours: ke0 is per minute, so take dt = 60 * (time_h[i+1] - time_h[i]) minutes.",
            ),
            (
                _euler(np.arange(len(t)) / 60.0, cp, ke0),
                "each step needs its own dt in minutes (here not 1 minute): 60 * (time_h[i+1] - time_h[i]).",
            ),
            (
                _euler(t, np.append(cp[1:], cp[-1]), ke0),
                "use the plasma at the start of each step, Cp[i], not at its end, Cp[i+1].",
            ),
        )
        scale = float(np.max(np.abs(expected)))
        cases.append(_core.Case(label, (t, cp, ke0), expected, wrong, rel=0.0, abs_=1e-6 * scale))
    t, cp, ke0, exact = _euler_cases()[0][1:]
    gap = float(np.max(np.abs(_euler(t, cp, ke0) - exact)) / np.max(exact))
    return _core.run(
        "E01.3",
        function,
        cases,
        hint="start from Ce = 0 and step: Ce[i+1] = Ce[i] + dt * ke0 * (Cp[i] - Ce[i]), dt in minutes from time_h.",
        right=f"your Euler steps are right. On the infusion they stay within {100 * gap:.2g}% of the peak of simulate's "
        f"exact effect site: a 1-minute step is small beside the time constant 1/ke0 "
        f"({1.0 / KE0.value:.2g} min, Olofsen 2012).",
    )


#: Exercise id -> its checker.
EXERCISES: dict = {"E01.1": check_bioavailability, "E01.2": check_terminal_half_life, "E01.3": check_effect_site_euler}
