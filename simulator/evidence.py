"""The teaching model beside published observations: what it reproduces and what it misses.

Each :class:`~simulator.literature.observations.Observation` is simulated for a typical 70 kg, 40-year-old
adult with each parameter set named in it. Teaching model: illustrative, not for dosing.

Examples
--------
>>> from simulator import evidence
>>> rows = evidence.against_literature()
>>> all(row.inside == row.expected_inside for row in rows)
True
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ._validate import check_choice
from .dosing import Bolus, Infusion, Oral, Regimen
from .labels import DISCLAIMER
from .literature import names
from .literature.core import OutsideValidityWarning
from .literature.observations import OBSERVATIONS, Observation
from .patient import Patient
from .pipeline import simulate

__all__ = ["Comparison", "against_literature", "model_value", "table"]

#: The adult every observation is simulated for.
TYPICAL_ADULT = Patient(weight_kg=70.0, age_y=40)
_MAX_INFUSION_H = 24.0  # a long infusion is given as consecutive 24-h infusions (each within the dose cap)


@dataclass(frozen=True)
class Comparison:
    """One observation against one parameter set's typical adult."""

    observation: Observation
    pk_set: str
    value: float
    inside: bool
    expected_inside: bool


def _regimen(obs: Observation, route: str | None = None) -> Regimen:
    route = route or obs.route
    if obs.rate_mg_per_kg_per_h is not None:
        pieces = int(np.ceil(obs.duration_min / 60.0 / _MAX_INFUSION_H))
        length = obs.duration_min / pieces
        return Regimen(
            tuple(
                Infusion(rate_mg_per_kg_per_h=obs.rate_mg_per_kg_per_h, duration_min=length, start_h=k * length / 60.0)
                for k in range(pieces)
            )
        )
    amount = {"dose_mg": obs.dose_mg} if obs.dose_mg is not None else {"dose_mg_per_kg": obs.dose_mg_per_kg}
    if route == "bolus":
        return Regimen((Bolus(**amount),))
    if route == "oral":
        return Regimen((Oral(**amount),))
    return Regimen((Infusion(duration_min=obs.duration_min, **amount),))


def model_value(obs: Observation, pk_set: str) -> float:
    """Return the model's value of ``obs.quantity`` for a typical 70 kg adult with ``pk_set``, in ``obs.unit``."""
    if not isinstance(obs, Observation):
        raise TypeError(f"obs must be a simulator.literature.observations.Observation, got {type(obs).__name__}")
    check_choice("pk_set", pk_set, tuple(names()))
    q = obs.quantity
    step = 0.05 if q in ("ketamine at time", "ketamine cmax", "ketamine tmax") and obs.route == "bolus" else 0.5
    end_h = 24.0 * 14 if q == "bioavailability" else obs.at_h
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideValidityWarning)  # child sets are compared on purpose
        r = simulate(_regimen(obs), TYPICAL_ADULT, pk_set=pk_set, end_h=end_h, step_min=step)
        if q == "bioavailability":
            iv = simulate(_regimen(obs, "bolus"), TYPICAL_ADULT, pk_set=pk_set, end_h=end_h, step_min=step)
            return float(r.auc()[-1] / iv.auc()[-1])
    ketamine, norketamine = r.plasma(), r.plasma("norketamine")
    if q == "ketamine at time":
        return float(np.interp(obs.at_h, r.time_h, ketamine))
    if q in ("ketamine at steady state", "norketamine at steady state"):
        return float((ketamine if q.startswith("ketamine") else norketamine)[-1])
    if q == "norketamine/ketamine auc":
        return float(r.auc("norketamine")[-1] / r.auc()[-1])
    curve = ketamine if q.startswith("ketamine") else norketamine
    return float(curve.max()) if q.endswith("cmax") else float(r.time_h[np.argmax(curve)])


def against_literature(observations=OBSERVATIONS, pk_sets=None) -> list[Comparison]:
    """Compare each observation with each set it names (``inside`` and ``outside``), or with ``pk_sets``."""
    rows = []
    for obs in observations:
        for name in pk_sets if pk_sets is not None else (*obs.inside, *obs.outside):
            value = model_value(obs, name)
            rows.append(Comparison(obs, name, value, obs.low <= value <= obs.high, name in obs.inside))
    return rows


def table(rows=None) -> str:
    """Return the comparisons as a plain-text table (study, regimen, quantity, range, set, model value)."""
    rows = against_literature() if rows is None else rows
    lines = [f"Model vs published observations ({DISCLAIMER})", ""]
    for row in rows:
        obs = row.observation
        mark = "inside" if row.inside else "OUTSIDE"
        lines.append(
            f"{obs.study.short():<16} {obs.dose:<28} {obs.quantity:<28} {obs.low:>8.3g}-{obs.high:<8.3g} "
            f"{obs.unit:<8} {row.pk_set:<14} {row.value:>8.3g}  {mark}"
        )
    return "\n".join(lines)
