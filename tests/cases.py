"""Test cases shared by the solver and invariant tests: every registered set with every route it describes."""

from __future__ import annotations

import pytest

import simulator as sim
from simulator import literature
from simulator.dosing import as_regimen

__all__ = ["ADULT", "CHILD", "EVENT_TYPES", "PAEDIATRIC", "as_regimen", "every_set_and_route", "patient_for"]

PAEDIATRIC = ("herd_2007", "hornik_2018")
ADULT = sim.Patient(weight_kg=70, age_y=40)
CHILD = sim.Patient(weight_kg=20, age_y=6)

EVENT_TYPES = {
    "oral": sim.Oral,
    "sublingual": sim.Sublingual,
    "intramuscular": sim.Intramuscular,
    "intranasal": sim.Intranasal,
}


def patient_for(name: str) -> sim.Patient:
    """A patient inside the set's validity range (children for the paediatric sets)."""
    return CHILD if name in PAEDIATRIC else ADULT


def every_set_and_route():
    """One pytest case per set and route: IV bolus, IV infusion and each extravascular route the set describes."""
    cases = []
    for name in literature.names():
        pset = literature.get(name)
        drug = pset.drug
        cases.append(pytest.param(name, sim.Bolus(dose_mg_per_kg=0.5, start_h=0.5, drug=drug), id=f"{name}-iv_bolus"))
        infusion = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40, start_h=0.25, drug=drug)
        cases.append(pytest.param(name, infusion, id=f"{name}-iv_infusion"))
        for route in pset.routes:
            dose = 56.0 if (drug == "esketamine" and route == "intranasal") else 50.0
            cases.append(pytest.param(name, EVENT_TYPES[route](dose_mg=dose, start_h=0.5, drug=drug), id=f"{name}-{route}"))
    return cases
