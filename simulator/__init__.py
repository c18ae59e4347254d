"""Ketamine pharmacology teaching simulator.

Teaching models only: illustrative, not for dosing. See :data:`DISCLAIMER`.

Examples
--------
>>> import simulator as sim
>>> result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sim.Patient(weight_kg=70))
>>> round(result.summary()["ketamine"]["tmax_h"], 2)
0.67
"""

from . import literature, plasticity, receptor, scenarios
from .dosing import Bolus, Infusion, Intramuscular, Intranasal, Oral, Regimen, Sublingual
from .labels import DISCLAIMER
from .plasticity import PlasticityModel
from .population import Patient
from .receptor import ReceptorAssumptions
from .simulate import Result, simulate
from .virtual import PopulationResult, compare_schedules, draw_patient, simulate_population

__all__ = [
    "DISCLAIMER",
    "Bolus",
    "Infusion",
    "Intramuscular",
    "Intranasal",
    "Oral",
    "Patient",
    "PlasticityModel",
    "PopulationResult",
    "ReceptorAssumptions",
    "Regimen",
    "Result",
    "Sublingual",
    "compare_schedules",
    "draw_patient",
    "literature",
    "plasticity",
    "receptor",
    "scenarios",
    "simulate",
    "simulate_population",
]
__version__ = "0.1.0"
