"""The lower-level public callables (solver, PK assembly, literature records, helpers) reject bad input by name.

Each case: the call, the exception type, and a pattern the message must contain (the field). Good input still
works where a check could get in the way (``Variability.scaled``, ``solve(check=False)``, both Compartmental forms).
"""

import math
import warnings

import numpy as np
import pytest

import simulator as sim
from simulator import linear, literature, pipeline, population, receptor
from simulator.dosing import Input
from simulator.literature import Compartmental, ParameterSet, Sourced
from simulator.literature.core import dimension_of
from simulator.literature.covariates import ILLUSTRATIVE_VARIABILITY, Variability, variability_for
from simulator.literature.receptor_data import woodhull_factor
from simulator.patient import covariate_factors
from simulator.pk import build_system, disposition, input_schedule, model_for

NAN, INF = math.nan, math.inf
SET = literature.get("clements_1981")
MODEL = model_for(SET, sim.Patient(), ("iv",))
A, LAYOUT = build_system(MODEL, ("iv",))
ORAL_MODEL = model_for(SET, sim.Patient(), ("oral",))
T = np.linspace(0.0, 600.0, 61)
BOLUS = [(0.0, 0, 10.0)]
RATE = [(0.0, 40.0, 0, 0.5)]
CITATION = SET.citation


def _variability(**changes):
    values = dict(
        clearance=0.3,
        central_volume=0.3,
        peripheral_volume=0.4,
        absorption=0.5,
        metabolite_clearance=0.3,
        sensitivity=0.6,
        comparator_sensitivity=1.0,
        nonresponder_fraction=0.3,
        source="test",
    )
    values.update(changes)
    return Variability(**values)


def _parameter_set(**changes):
    values = dict(
        name="test_set",
        drug="racemic",
        citation=CITATION,
        population="test",
        age_range_y=(18.0, 80.0),
        weight_range_kg=(40.0, 120.0),
        parent=Compartmental(values={"V1": 60.0, "CL": 90.0}, units={"V1": "L", "CL": "L/h"}, scaling="none"),
        metabolite=Compartmental(values={"V1": 70.0, "CL": 38.0}, units={"V1": "L", "CL": "L/h"}, scaling="none"),
        metabolite_citation=CITATION,
        fraction_metabolized=Sourced(0.8, "fraction", CITATION),
        ke0=Sourced(0.1, "1/min", CITATION),
    )
    values.update(changes)
    return ParameterSet(**values)


def _compartmental(values):
    units = {name: {"V": "L", "C": "L/h", "Q": "L/h", "k": "1/h"}[name[0]] for name in values}
    return Compartmental(values=values, units=units, scaling="none")


def _population_without_symptom_score():
    return sim.simulate_population(sim.Bolus(dose_mg=10), n=2, end_h=1.0, step_min=30.0, outputs=("occupancy",))


CASES = {
    # ------------------------------------------------------------------ simulator.linear.solve
    "solve: matrix not square": (lambda: linear.solve(np.zeros((2, 3)), BOLUS, [], T), ValueError, r"a must be square"),
    "solve: matrix of 4 dims": (lambda: linear.solve(np.zeros((1, 1, 2, 2)), BOLUS, [], T), ValueError, r"a must be square"),
    "solve: NaN in matrix": (lambda: linear.solve(np.where(A == 0, NAN, A), BOLUS, [], T), ValueError, r"a must be finite"),
    "solve: matrix a string": (lambda: linear.solve("A", BOLUS, [], T), TypeError, r"a must be an array"),
    "solve: boluses not a list": (lambda: linear.solve(A, 5, [], T), TypeError, r"boluses must be a list"),
    "solve: bolus not a tuple": (lambda: linear.solve(A, [5], [], T), TypeError, r"boluses\[0\] must be a tuple"),
    "solve: bolus of 2": (lambda: linear.solve(A, [(0.0, 0)], [], T), TypeError, r"boluses\[0\] must be a tuple"),
    "solve: bolus index too high": (
        lambda: linear.solve(A, [(0.0, A.shape[0], 1.0)], [], T),
        ValueError,
        r"boluses\[0\] state_index must be in \[0, 5\]",
    ),
    "solve: negative bolus index": (lambda: linear.solve(A, [(0.0, -1, 1.0)], [], T), ValueError, r"boluses\[0\] state_index"),
    "solve: float bolus index": (lambda: linear.solve(A, [(0.0, 1.0, 1.0)], [], T), TypeError, r"boluses\[0\] state_index"),
    "solve: negative bolus time": (lambda: linear.solve(A, [(-1.0, 0, 1.0)], [], T), ValueError, r"boluses\[0\] start time"),
    "solve: NaN bolus time": (lambda: linear.solve(A, [(NAN, 0, 1.0)], [], T), ValueError, r"boluses\[0\] start time"),
    "solve: string bolus time": (lambda: linear.solve(A, [("0", 0, 1.0)], [], T), TypeError, r"boluses\[0\] start time"),
    "solve: infinite amount": (lambda: linear.solve(A, [(0.0, 0, INF)], [], T), ValueError, r"boluses\[0\] amount"),
    "solve: string amount": (lambda: linear.solve(A, [(0.0, 0, "1")], [], T), TypeError, r"boluses\[0\] amount"),
    "solve: amount of the wrong batch size": (
        lambda: linear.solve(np.stack([A, A]), [(0.0, 0, np.ones(3))], [], T),
        ValueError,
        r"boluses\[0\] amount must be a number or an array of shape \(2,\)",
    ),
    "solve: rate ends before it starts": (
        lambda: linear.solve(A, [], [(40.0, 10.0, 0, 0.5)], T),
        ValueError,
        r"rates\[0\] end time must be >= 40",
    ),
    "solve: infinite rate end": (lambda: linear.solve(A, [], [(0.0, INF, 0, 0.5)], T), ValueError, r"rates\[0\] end time"),
    "solve: rate of 3": (lambda: linear.solve(A, [], [(0.0, 40.0, 0)], T), TypeError, r"rates\[0\] must be a tuple"),
    "solve: NaN rate": (lambda: linear.solve(A, [], [(0.0, 40.0, 0, NAN)], T), ValueError, r"rates\[0\] amount"),
    "solve: decreasing times": (lambda: linear.solve(A, BOLUS, [], [0.0, 2.0, 1.0]), ValueError, r"time_min must be finite"),
    "solve: negative time": (lambda: linear.solve(A, BOLUS, [], [-1.0, 2.0]), ValueError, r"time_min must be finite"),
    "solve: NaN time": (lambda: linear.solve(A, BOLUS, [], [0.0, NAN]), ValueError, r"time_min must be finite"),
    "solve: no times": (lambda: linear.solve(A, BOLUS, [], []), ValueError, r"time_min must be a non-empty"),
    "solve: string times": (lambda: linear.solve(A, BOLUS, [], "0, 1"), TypeError, r"time_min must be an array"),
    # ------------------------------------------------------------------ simulator.linear.first_order_hold
    "hold: positive rate": (
        lambda: linear.first_order_hold(0.5, 1.0, np.ones(3), [0.0, 1.0, 2.0]),
        ValueError,
        r"lam must be < 0",
    ),
    "hold: NaN gain": (lambda: linear.first_order_hold(-0.5, NAN, np.ones(3), [0.0, 1.0, 2.0]), ValueError, r"beta"),
    "hold: samples of another length": (
        lambda: linear.first_order_hold(-0.5, 1.0, np.ones(4), [0.0, 1.0, 2.0]),
        ValueError,
        r"u must have the 3 sample times",
    ),
    "hold: NaN sample": (
        lambda: linear.first_order_hold(-0.5, 1.0, [0.0, NAN, 1.0], [0.0, 1.0, 2.0]),
        ValueError,
        r"u must be finite",
    ),
    "hold: decreasing times": (
        lambda: linear.first_order_hold(-0.5, 1.0, np.ones(3), [0.0, 2.0, 1.0]),
        ValueError,
        r"t must be finite, >= 0 and non-decreasing",
    ),
    "hold: string samples": (
        lambda: linear.first_order_hold(-0.5, 1.0, "abc", [0.0, 1.0, 2.0]),
        TypeError,
        r"u must be an array",
    ),
    # ------------------------------------------------------------------ simulator.linear.propagate_switching
    "switching: no generators": (
        lambda: linear.propagate_switching([], [(0.0, 1.0, 0)], [1.0, 0.0], [0.0, 1.0]),
        TypeError,
        r"generators must be a non-empty",
    ),
    "switching: generator not square": (
        lambda: linear.propagate_switching([np.zeros((2, 3))], [(0.0, 1.0, 0)], [1.0, 0.0], [0.0, 1.0]),
        ValueError,
        r"generators\[0\] must be square",
    ),
    "switching: generators of two sizes": (
        lambda: linear.propagate_switching([-np.eye(2), -np.eye(3)], [(0.0, 1.0, 0)], [1.0, 0.0], [0.0, 1.0]),
        ValueError,
        r"generators\[1\] must have the shape of generators\[0\]",
    ),
    "switching: x0 of another size": (
        lambda: linear.propagate_switching([-np.eye(2)], [(0.0, 1.0, 0)], [1.0, 0.0, 0.0], [0.0, 1.0]),
        ValueError,
        r"x0",
    ),
    "switching: generator index out of range": (
        lambda: linear.propagate_switching([-np.eye(2)], [(0.0, 1.0, 1)], [1.0, 0.0], [0.0, 1.0]),
        ValueError,
        r"segments\[0\] g must be in \[0, 0\]",
    ),
    "switching: segments with a gap": (
        lambda: linear.propagate_switching([-np.eye(2)], [(0.0, 1.0, 0), (2.0, 3.0, 0)], [1.0, 0.0], [0.0, 3.0]),
        ValueError,
        r"segments must be consecutive",
    ),
    "switching: times outside the segments": (
        lambda: linear.propagate_switching([-np.eye(2)], [(0.0, 1.0, 0)], [1.0, 0.0], [0.0, 2.0]),
        ValueError,
        r"t must lie within the segments",
    ),
    "switching: segment not a tuple": (
        lambda: linear.propagate_switching([-np.eye(2)], [[0.0, 1.0, 0]], [1.0, 0.0], [0.0, 1.0]),
        TypeError,
        r"segments\[0\] must be a tuple",
    ),
    # ------------------------------------------------------------------ simulator.pk
    "build_system: model a string": (lambda: build_system("model", ("iv",)), TypeError, r"model must be a simulator.pk.PKModel"),
    "build_system: routes a string": (lambda: build_system(MODEL, "iv"), TypeError, r"routes must be a tuple"),
    "build_system: unknown route": (lambda: build_system(MODEL, ("nasal",)), ValueError, r"routes\[0\] must be one of"),
    "build_system: route not in the model": (lambda: build_system(MODEL, ("oral",)), ValueError, r"routes: the model has no"),
    "build_system: route a number": (lambda: build_system(MODEL, (1,)), TypeError, r"routes\[0\] must be a string"),
    "input_schedule: model a string": (lambda: input_schedule("m", LAYOUT, ()), TypeError, r"model must be"),
    "input_schedule: layout a dict": (lambda: input_schedule(MODEL, {}, ()), TypeError, r"layout must be"),
    "input_schedule: inputs a number": (lambda: input_schedule(MODEL, LAYOUT, 5), TypeError, r"inputs must be a sequence"),
    "input_schedule: input not an Input": (lambda: input_schedule(MODEL, LAYOUT, [5]), TypeError, r"inputs\[0\] must be"),
    "input_schedule: route without depot": (
        lambda: input_schedule(ORAL_MODEL, LAYOUT, [Input("oral", 10.0, 0.0)]),
        ValueError,
        r"inputs\[0\] has route 'oral'",
    ),
    "disposition: not a Compartmental": (lambda: disposition("x", 70.0), TypeError, r"compartmental must be"),
    "disposition: negative weight": (lambda: disposition(SET.parent, -70.0), ValueError, r"weight_kg must be in \[0.5, 300\]"),
    "disposition: NaN weight in a batch": (
        lambda: disposition(SET.parent, np.array([70.0, NAN])),
        ValueError,
        r"weight_kg must be finite",
    ),
    "disposition: zero clearance factor": (
        lambda: disposition(SET.parent, 70.0, clearance=0.0),
        ValueError,
        r"clearance must be > 0",
    ),
    "disposition: string volume factor": (
        lambda: disposition(SET.parent, 70.0, central_volume="1"),
        TypeError,
        r"central_volume must be a real number",
    ),
    "model_for: routes None": (lambda: model_for(SET, sim.Patient(), None), TypeError, r"routes must be a tuple"),
    "model_for: routes a string": (lambda: model_for(SET, sim.Patient(), "oral"), TypeError, r"routes must be a tuple"),
    "model_for: link_rates a number": (lambda: model_for(SET, sim.Patient(), (), link_rates=0.3), TypeError, r"link_rates"),
    # ------------------------------------------------------------------ simulator.patient.covariate_factors
    "covariate_factors: pk_set a name": (
        lambda: covariate_factors("clements_1981", [sim.Patient()]),
        TypeError,
        r"pk_set must be a simulator.literature.ParameterSet",
    ),
    "covariate_factors: one patient, not a sequence": (
        lambda: covariate_factors(SET, sim.Patient()),
        TypeError,
        r"patients must be a non-empty list",
    ),
    "covariate_factors: no patients": (lambda: covariate_factors(SET, []), TypeError, r"patients must be a non-empty list"),
    "covariate_factors: a dict as a patient": (
        lambda: covariate_factors(SET, [sim.Patient(), {"weight_kg": 70}]),
        TypeError,
        r"patients\[1\] must be a simulator.Patient",
    ),
    # ------------------------------------------------------------------ simulator.literature.core
    "dimension_of: None": (lambda: dimension_of(None), TypeError, r"parameter must be a string"),
    "dimension_of: unknown": (lambda: dimension_of("F"), ValueError, r"parameter 'F' is not a compartmental parameter"),
    "Compartmental: V2 without Q2": (
        lambda: _compartmental({"V1": 10.0, "CL": 50.0, "V2": 20.0}),
        ValueError,
        r"V2 is given but Q2 is missing",
    ),
    "Compartmental: Q3 without V3": (
        lambda: _compartmental({"V1": 10.0, "CL": 50.0, "V2": 20.0, "Q2": 30.0, "Q3": 5.0}),
        ValueError,
        r"Q3 is given but V3 is missing",
    ),
    "Compartmental: V3 without V2": (
        lambda: _compartmental({"V1": 10.0, "CL": 50.0, "V3": 20.0, "Q3": 30.0}),
        ValueError,
        r"V3 and Q3 need V2 and Q2",
    ),
    "Compartmental: k12 without k21": (
        lambda: _compartmental({"V1": 10.0, "k10": 0.5, "k12": 0.3}),
        ValueError,
        r"k12 is given but k21 is missing",
    ),
    "Compartmental: micro-constants with V2": (
        lambda: _compartmental({"V1": 10.0, "k10": 0.5, "k12": 0.3, "k21": 0.2, "V2": 5.0}),
        ValueError,
        r"micro-constant form .* does not use \['V2'\]",
    ),
    "Compartmental: clearances with k12": (
        lambda: _compartmental({"V1": 10.0, "CL": 50.0, "k12": 0.3}),
        ValueError,
        r"clearance form .* does not use \['k12'\]",
    ),
    "Compartmental: unknown parameter": (
        lambda: _compartmental({"V1": 10.0, "CL": 50.0, "V9": 5.0}),
        ValueError,
        r"does not use \['V9'\]",
    ),
    "Compartmental: kel without Vh": (
        lambda: _compartmental({"V1": 10.0, "CL": 50.0, "kel": 0.1}),
        ValueError,
        r"\['kel'\] describe a hepato-portal compartment, which needs Vh",
    ),
    "ParameterSet: empty name": (lambda: _parameter_set(name=""), ValueError, r"name must be a non-empty string"),
    "ParameterSet: name a number": (lambda: _parameter_set(name=3), TypeError, r"name must be a string"),
    "ParameterSet: unknown drug": (lambda: _parameter_set(drug="arketamine"), ValueError, r"drug must be one of"),
    "ParameterSet: drug not a string": (lambda: _parameter_set(drug=None), TypeError, r"drug must be a string"),
    "ParameterSet: ke0 per hour": (
        lambda: _parameter_set(ke0=Sourced(6.0, "1/h", CITATION)),
        ValueError,
        r"ke0 must be in '1/min', got unit '1/h'",
    ),
    "ParameterSet: zero ke0": (lambda: _parameter_set(ke0=Sourced(0.0, "1/min", CITATION)), ValueError, r"ke0.value must be > 0"),
    "ParameterSet: NaN ke0": (lambda: _parameter_set(ke0=Sourced(NAN, "1/min", CITATION)), ValueError, r"ke0.value"),
    "ParameterSet: ke0 a number": (lambda: _parameter_set(ke0=0.1), TypeError, r"ke0 must be a Sourced value"),
    "ParameterSet: fraction metabolized above 1": (
        lambda: _parameter_set(fraction_metabolized=Sourced(1.2, "fraction", CITATION)),
        ValueError,
        r"fraction_metabolized.value must be in \[0, 1\]",
    ),
    "ParameterSet: age range reversed": (
        lambda: _parameter_set(age_range_y=(80.0, 18.0)),
        ValueError,
        r"age_range_y\[1\] must be > 80",
    ),
    "ParameterSet: weight range equal": (
        lambda: _parameter_set(weight_range_kg=(70.0, 70.0)),
        ValueError,
        r"weight_range_kg\[1\] must be > 70",
    ),
    "ParameterSet: weight range a list": (
        lambda: _parameter_set(weight_range_kg=[40.0, 120.0]),
        TypeError,
        r"weight_range_kg must be a tuple",
    ),
    "ParameterSet: negative age": (
        lambda: _parameter_set(age_range_y=(-1.0, 80.0)),
        ValueError,
        r"age_range_y\[0\] must be >= 0",
    ),
    "ParameterSet: parent a dict": (lambda: _parameter_set(parent={"V1": 60.0}), TypeError, r"parent must be a Compartmental"),
    "ParameterSet: citation a string": (lambda: _parameter_set(citation="Smith 1999"), TypeError, r"citation must be a Citation"),
    "ParameterSet: unknown sampling": (lambda: _parameter_set(sampling="capillary"), ValueError, r"sampling must be one of"),
    "ParameterSet: negative female clearance": (
        lambda: _parameter_set(female_clearance=Sourced(-1.2, "factor", CITATION)),
        ValueError,
        r"female_clearance.value must be > 0",
    ),
    "ParameterSet: iv as a route": (lambda: _parameter_set(routes={"iv": None}), ValueError, r"routes must be keyed"),
    "ParameterSet: route not a RouteSpec": (lambda: _parameter_set(routes={"oral": 0.2}), TypeError, r"routes\['oral'\]"),
    # ------------------------------------------------------------------ simulator.literature.covariates
    "variability_for: unknown set": (lambda: variability_for("smith_1999"), ValueError, r"name must be one of \['clements_1981'"),
    "variability_for: not a string": (lambda: variability_for(None), TypeError, r"name must be a string"),
    "Variability: negative CV": (lambda: _variability(clearance=-0.1), ValueError, r"variability.clearance must be >= 0"),
    "Variability: NaN CV": (lambda: _variability(absorption=NAN), ValueError, r"variability.absorption must be a finite"),
    "Variability: string CV": (lambda: _variability(sensitivity="0.6"), TypeError, r"variability.sensitivity must be a real"),
    "Variability: negative acute CV": (
        lambda: _variability(acute_sensitivity=-1.0),
        ValueError,
        r"variability.acute_sensitivity must be >= 0",
    ),
    "Variability: fraction above 1": (
        lambda: _variability(nonresponder_fraction=1.5),
        ValueError,
        r"variability.nonresponder_fraction must be in \[0, 1\]",
    ),
    "Variability: source a number": (lambda: _variability(source=5), TypeError, r"variability.source must be a string"),
    "Variability.scaled: negative factor": (lambda: ILLUSTRATIVE_VARIABILITY.scaled(-1.0), ValueError, r"factor must be >= 0"),
    "Variability.scaled: NaN factor": (lambda: ILLUSTRATIVE_VARIABILITY.scaled(NAN), ValueError, r"factor must be a finite"),
    # ------------------------------------------------------------------ simulator.population
    "summary_table without symptom_score": (
        lambda: _population_without_symptom_score().summary_table(),
        ValueError,
        r"did not store .*'symptom_score'",
    ),
    "fraction_in_response without symptom_score": (
        lambda: _population_without_symptom_score().fraction_in_response(),
        ValueError,
        r"did not store 'symptom_score'",
    ),
    "compare_schedules: a number as a name": (
        lambda: population.compare_schedules({1: sim.Bolus(dose_mg=10)}, n=2),
        TypeError,
        r"schedules must be keyed by non-empty strings",
    ),
    "compare_schedules: an empty name": (
        lambda: population.compare_schedules({"": sim.Bolus(dose_mg=10)}, n=2),
        TypeError,
        r"schedules must be keyed by non-empty strings",
    ),
    # ------------------------------------------------------------------ simulator.pipeline
    "time_grid: regimen a string": (lambda: pipeline.time_grid("x"), TypeError, r"regimen must be a dose event or a Regimen"),
    "ligand_names: unknown drug": (lambda: pipeline.ligand_names("foo"), ValueError, r"drug must be one of"),
    "ligand_names: drug a number": (lambda: pipeline.ligand_names(1), TypeError, r"drug must be a string"),
    # ------------------------------------------------------------------ simulator.dosing
    "amount_mg: negative weight": (
        lambda: sim.Bolus(dose_mg_per_kg=0.5).amount_mg(-70.0),
        ValueError,
        r"weight_kg must be in \[0.5, 300\]",
    ),
    "amount_mg: string weight": (lambda: sim.Bolus(dose_mg_per_kg=0.5).amount_mg("70"), TypeError, r"weight_kg must be a real"),
    "amount_mg: NaN weight in a batch": (
        lambda: sim.Infusion(rate_mg_per_kg_per_h=0.5).amount_mg(np.array([70.0, NAN])),
        ValueError,
        r"weight_kg must be finite",
    ),
    "amount_mg: fixed dose, zero weight": (lambda: sim.Bolus(dose_mg=10).amount_mg(0.0), ValueError, r"weight_kg"),
    "inputs: weight a list": (lambda: sim.Oral(dose_mg=10).inputs([70.0]), TypeError, r"weight_kg must be a real"),
    "Regimen.inputs: huge weight": (
        lambda: sim.Regimen((sim.Bolus(dose_mg=10),)).inputs(1e6),
        ValueError,
        r"weight_kg must be in \[0.5, 300\]",
    ),
    "Regimen.total_mg: bool weight": (lambda: sim.Regimen((sim.Bolus(dose_mg=10),)).total_mg(True), TypeError, r"weight_kg"),
    "Input: negative amount": (lambda: Input("iv", -1.0, 0.0), ValueError, r"amount_mg must be >= 0"),
    "Input: NaN amount": (lambda: Input("iv", NAN, 0.0), ValueError, r"amount_mg must be a finite"),
    "Input: negative amount in a batch": (
        lambda: Input("iv", np.array([1.0, -1.0]), 0.0),
        ValueError,
        r"amount_mg must be finite",
    ),
    "Input: string amount": (lambda: Input("iv", "10", 0.0), TypeError, r"amount_mg must be a real"),
    "Input: negative start": (lambda: Input("iv", 1.0, -5.0), ValueError, r"start_min must be >= 0"),
    "Input: infinite start": (lambda: Input("iv", 1.0, INF), ValueError, r"start_min"),
    "Input: negative duration": (lambda: Input("iv", 1.0, 0.0, -40.0), ValueError, r"duration_min must be >= 0"),
    "Input: unknown route": (lambda: Input("nose", 1.0, 0.0), ValueError, r"route must be one of"),
    "Input: negative sequence": (lambda: Input("intranasal", 28.0, 0.0, 0.0, -1), ValueError, r"sequence must be >= 0"),
    "Input: float sequence": (lambda: Input("intranasal", 28.0, 0.0, 0.0, 1.0), TypeError, r"sequence must be an integer"),
    # ------------------------------------------------------------------ simulator.receptor
    "equilibrium_occupancy: shapes differ": (
        lambda: receptor.equilibrium_occupancy({"ketamine": np.ones(3), "norketamine": np.ones(4)}),
        ValueError,
        r"concentrations must be scalars or arrays of one shape, got shapes \{'ketamine': \(3,\), 'norketamine': \(4,\)\}",
    ),
    "total_occupancy: shapes differ": (
        lambda: receptor.total_occupancy({"ketamine": np.ones((2, 3)), "norketamine": np.ones(3)}),
        ValueError,
        r"concentrations must be scalars or arrays of one shape",
    ),
    # ------------------------------------------------------------------ simulator.plasticity.PlasticityModel.drive
    "drive: string occupancy": (lambda: sim.PlasticityModel().drive("x"), TypeError, r"occupancy must be an array of numbers"),
    "drive: occupancy above 1": (
        lambda: sim.PlasticityModel().drive(1.5),
        ValueError,
        r"occupancy must be fractions in \[0, 1\]",
    ),
    "drive: negative occupancy": (lambda: sim.PlasticityModel().drive([0.1, -0.1]), ValueError, r"occupancy must be finite"),
    "drive: NaN occupancy": (lambda: sim.PlasticityModel().drive([0.1, NAN]), ValueError, r"occupancy must be finite"),
    "drive: metabolite of another shape": (
        lambda: sim.PlasticityModel(hnk_pathway=True).drive([0.1, 0.2], [0.1, 0.2, 0.3]),
        ValueError,
        r"metabolite_mg_per_l must have shape \(2,\)",
    ),
    "drive: negative sensitivity": (
        lambda: sim.PlasticityModel().drive([0.1, 0.2], sensitivity=-1.0),
        ValueError,
        r"sensitivity",
    ),
    "drive: sensitivity that does not broadcast": (
        lambda: sim.PlasticityModel().drive(np.zeros((2, 5)), sensitivity=np.ones(2)),
        ValueError,
        r"sensitivity of shape \(2,\) does not broadcast against occupancy of shape \(2, 5\)",
    ),
    # ------------------------------------------------------------------ simulator.literature.receptor_data.woodhull_factor
    "woodhull: NaN voltage": (lambda: woodhull_factor(NAN, 0.79), ValueError, r"voltage_mv must be a finite number"),
    "woodhull: voltage far out of range": (
        lambda: woodhull_factor(-1e4, 0.79),
        ValueError,
        r"voltage_mv must be in \[-200, 100\]",
    ),
    "woodhull: delta above 1": (lambda: woodhull_factor(-70.0, 1.5), ValueError, r"delta must be in \[0, 1\]"),
    "woodhull: NaN delta": (lambda: woodhull_factor(-70.0, NAN), ValueError, r"delta must be a finite"),
    "woodhull: string reference": (lambda: woodhull_factor(-70.0, 0.79, "-70"), TypeError, r"reference_mv must be a real"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_low_level_input_raises_naming_the_field(name):
    call, error, message = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", literature.OutsideValidityWarning)
        with pytest.raises(error, match=message):
            call()


# ---------------------------------------------------------------------------------------------- good input still works


def test_checked_and_unchecked_solve_agree():
    checked = linear.solve(A, BOLUS, RATE, T)
    unchecked = linear.solve(A, BOLUS, RATE, T, check=False)
    np.testing.assert_array_equal(checked.states, unchecked.states)
    batch = linear.solve(np.stack([A, A]), [(0.0, 0, np.array([10.0, 20.0]))], [(0.0, 40.0, 0, np.array([0.5, 0.5]))], T)
    assert batch.states.shape == (T.size, 2, A.shape[0])


def test_first_order_hold_checks_do_not_change_the_result():
    u = np.sin(T / 50.0) ** 2
    np.testing.assert_array_equal(linear.first_order_hold(-0.1, 2.0, u, T), linear.first_order_hold(-0.1, 2.0, u, T, check=False))


def test_channel_block_still_runs_through_the_checked_switching_solver():
    r = receptor.channel_block("ketamine", 1.0, pulse_times_s=[0.2, 0.6], end_s=1.0)
    assert np.allclose(r.closed + r.open + r.open_blocked + r.trapped, 1.0)


def test_variability_scaled_still_works():
    v = variability_for("herd_2007")
    assert v.scaled(0.0).clearance == 0.0 and v.scaled(0.0).nonresponder_fraction == 0.0
    assert v.scaled(2.0).clearance == pytest.approx(2 * v.clearance)
    assert v.scaled(2.0).nonresponder_fraction == v.nonresponder_fraction
    assert variability_for("clements_1981") is ILLUSTRATIVE_VARIABILITY


def test_both_compartmental_forms_and_the_registered_sets_pass():
    assert _compartmental({"V1": 10.0, "CL": 50.0, "V2": 20.0, "Q2": 30.0, "V3": 40.0, "Q3": 5.0}).values["Q3"] == 5.0
    assert _compartmental({"V1": 10.0, "k10": 0.5, "k12": 0.3, "k21": 0.2, "k13": 0.1, "k31": 0.05}).values["k31"] == 0.05
    assert _parameter_set().drug == "racemic"
    for name in literature.names():
        assert isinstance(literature.get(name), ParameterSet)


def test_drive_accepts_scalars_and_per_patient_sensitivity():
    model = sim.PlasticityModel()

    def hill(theta):  # the saturating surge, written out: x / (1 + x), x = (theta / theta50)^n
        x = (theta / model.occupancy_half_drive) ** model.drive_hill
        return x / (1.0 + x)

    assert model.drive(0.3) == pytest.approx(hill(0.3), rel=1e-12)
    out = model.drive(np.full((2, 4), 0.5), sensitivity=np.array([[1.0], [2.0]]))
    np.testing.assert_allclose(out[:, 0], [hill(0.5), 2.0 * hill(0.5)], rtol=1e-12)


def test_amounts_accept_a_batch_of_weights():
    np.testing.assert_allclose(sim.Bolus(dose_mg_per_kg=0.5).amount_mg(np.array([50.0, 100.0])), [25.0, 50.0])
    assert sim.Bolus(dose_mg_per_kg=0.5).amount_mg(70) == 35.0


def test_chain_refuses_a_batch_beyond_the_memory_budget_before_solving():
    """34 patients x 2 000 000 times x 4 float64 values is 2.2 GB: refused before any model is built."""
    patients = [sim.Patient()] * 34
    times = np.linspace(0.0, 100.0, 2_000_000)
    with pytest.raises(ValueError, match=r"34 patients x 2000000 times \(time_h\) x 4 concentrations need"):
        pipeline.Chain(
            sim.Regimen((sim.Bolus(dose_mg=10),)), patients, SET, sim.ReceptorAssumptions(), sim.PlasticityModel(), times
        )
