"""Ketamine pharmacology teaching simulator.

Teaching models only: illustrative, not for dosing. See :data:`DISCLAIMER`.

Examples
--------
>>> import simulator as sim
>>> result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sim.Patient(weight_kg=70))
>>> round(result.summary()["ketamine"]["tmax_h"], 2)
0.67
"""

from . import (
    acute,
    circuit,
    dosing,
    evidence,
    export,
    linear,
    literature,
    patient,
    pipeline,
    pk,
    plasticity,
    population,
    receptor,
    scenarios,
    tables,
    units,
)
from ._version import __version__ as __version__
from .acute import AcuteModel
from .circuit import DisinhibitionModel
from .dosing import Bolus, Infusion, Intramuscular, Intranasal, Oral, Regimen, Sublingual
from .labels import DISCLAIMER
from .patient import Patient, RandomEffects
from .pipeline import Result, simulate
from .plasticity import PlasticityModel
from .population import PopulationResult, compare_schedules, draw_patient, simulate_population
from .receptor import ReceptorAssumptions

__all__ = [
    "DISCLAIMER",
    "AcuteModel",
    "Bolus",
    "DisinhibitionModel",
    "Infusion",
    "Intramuscular",
    "Intranasal",
    "Oral",
    "Patient",
    "PlasticityModel",
    "PopulationResult",
    "RandomEffects",
    "ReceptorAssumptions",
    "Regimen",
    "Result",
    "Sublingual",
    "acute",
    "circuit",
    "compare_schedules",
    "dosing",
    "draw_patient",
    "evidence",
    "export",
    "linear",
    "literature",
    "patient",
    "pipeline",
    "pk",
    "plasticity",
    "population",
    "receptor",
    "scenarios",
    "simulate",
    "simulate_population",
    "tables",
    "units",
]
