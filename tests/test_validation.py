"""Every bad input named in DESIGN.md principle 7 is rejected with a clear message."""

import math

import numpy as np
import pytest

import simulator as sim
from simulator.literature import OutsideValidityWarning
from simulator.pk import Disposition, Pathway

NAN, INF = math.nan, math.inf

# (callable, exception type, text the message must contain: the field and the allowed range)
CASES = {
    "negative weight": (lambda: sim.Patient(weight_kg=-70), ValueError, r"weight_kg must be in \[0.5, 300\], got -70"),
    "zero weight": (lambda: sim.Patient(weight_kg=0), ValueError, "weight_kg"),
    "NaN weight": (lambda: sim.Patient(weight_kg=NAN), ValueError, "weight_kg must be a finite number"),
    "infinite weight": (lambda: sim.Patient(weight_kg=INF), ValueError, "weight_kg"),
    "string weight": (lambda: sim.Patient(weight_kg="70"), TypeError, "weight_kg must be a real number"),
    "bool weight": (lambda: sim.Patient(weight_kg=True), TypeError, "weight_kg"),
    "age too high": (lambda: sim.Patient(age_y=130), ValueError, r"age_y must be in \[0, 120\]"),
    "unknown sex": (lambda: sim.Patient(sex="x"), ValueError, "sex must be one of"),
    "height zero": (lambda: sim.Patient(height_cm=0), ValueError, "height_cm"),
    "negative dose": (lambda: sim.Bolus(dose_mg=-1), ValueError, r"dose_mg must be in \(0, 5000\], got -1"),
    "zero dose": (lambda: sim.Bolus(dose_mg=0), ValueError, "dose_mg"),
    "NaN dose": (lambda: sim.Oral(dose_mg=NAN), ValueError, "dose_mg must be a finite number"),
    "dose as string": (lambda: sim.Oral(dose_mg="10"), TypeError, "dose_mg must be a real number"),
    "huge dose per kg": (lambda: sim.Bolus(dose_mg_per_kg=100), ValueError, "dose_mg_per_kg"),
    "both dose fields": (
        lambda: sim.Bolus(dose_mg=10, dose_mg_per_kg=0.5),
        ValueError,
        "exactly one of dose_mg or dose_mg_per_kg",
    ),
    "no dose field": (lambda: sim.Bolus(), ValueError, "exactly one of"),
    "negative start": (lambda: sim.Bolus(dose_mg=10, start_h=-1), ValueError, "start_h"),
    "NaN start": (lambda: sim.Bolus(dose_mg=10, start_h=NAN), ValueError, "start_h"),
    "unknown salt": (lambda: sim.Bolus(dose_mg=10, salt="sulfate"), ValueError, "salt must be one of"),
    "unknown drug": (lambda: sim.Bolus(dose_mg=10, drug="arketamine"), ValueError, "drug must be one of"),
    "zero infusion duration": (lambda: sim.Infusion(dose_mg=10, duration_min=0), ValueError, "duration_min"),
    "infusion dose and rate": (lambda: sim.Infusion(dose_mg=10, rate_mg_per_h=5), ValueError, "exactly one of"),
    "negative rate": (lambda: sim.Infusion(rate_mg_per_h=-5), ValueError, "rate_mg_per_h"),
    "esketamine not whole devices": (
        lambda: sim.Intranasal(dose_mg=50, drug="esketamine"),
        ValueError,
        "whole number of 28 mg devices",
    ),
    "esketamine per kg": (lambda: sim.Intranasal(dose_mg_per_kg=0.8, drug="esketamine"), ValueError, "28 mg devices"),
    "esketamine salt": (lambda: sim.Intranasal(dose_mg=56, drug="esketamine", salt="hcl"), ValueError, "salt"),
    "empty regimen": (lambda: sim.Regimen([]), ValueError, "at least one dose event"),
    "regimen of numbers": (lambda: sim.Regimen([1, 2]), TypeError, r"events\[0\] must be a dose event"),
    "mixed drugs": (
        lambda: sim.Regimen([sim.Bolus(dose_mg=10), sim.Intranasal(dose_mg=28, drug="esketamine")]),
        ValueError,
        "one drug",
    ),
    "repeat count zero": (lambda: sim.Regimen.repeat(sim.Bolus(dose_mg=10), every_h=24, count=0), ValueError, "count must be in"),
    "repeat count float": (
        lambda: sim.Regimen.repeat(sim.Bolus(dose_mg=10), every_h=24, count=2.5),
        TypeError,
        "count must be an integer",
    ),
    "repeat interval zero": (lambda: sim.Regimen.repeat(sim.Bolus(dose_mg=10), every_h=0, count=2), ValueError, "every_h"),
    "weekly eight sessions": (lambda: sim.Regimen.weekly(sim.Bolus(dose_mg=10), 8, 2), ValueError, "sessions_per_week"),
    "simulate a number": (lambda: sim.simulate(5), TypeError, "regimen must be a dose event or a Regimen"),
    "simulate with bad patient": (lambda: sim.simulate(sim.Bolus(dose_mg=10), patient={"weight_kg": 70}), TypeError, "patient"),
    "unknown pk set": (lambda: sim.simulate(sim.Bolus(dose_mg=10), pk_set="smith_1999"), ValueError, "pk_set must be one of"),
    "pk set not a string": (lambda: sim.simulate(sim.Bolus(dose_mg=10), pk_set=3), TypeError, "pk_set"),
    "negative end": (lambda: sim.simulate(sim.Bolus(dose_mg=10), end_h=-1), ValueError, "end_h"),
    "NaN end": (lambda: sim.simulate(sim.Bolus(dose_mg=10), end_h=NAN), ValueError, "end_h"),
    "zero step": (lambda: sim.simulate(sim.Bolus(dose_mg=10), step_min=0), ValueError, "step_min"),
    "too many points": (lambda: sim.simulate(sim.Bolus(dose_mg=10), end_h=8000, step_min=0.1), ValueError, "output points"),
    "decreasing time grid": (lambda: sim.simulate(sim.Bolus(dose_mg=10), time_h=[0, 2, 1]), ValueError, "non-decreasing"),
    "NaN in time grid": (lambda: sim.simulate(sim.Bolus(dose_mg=10), time_h=[0, NAN]), ValueError, "time_h"),
    "unknown unit": (
        lambda: sim.simulate(sim.Bolus(dose_mg=10)).plasma("ketamine", unit="mmol/L"),
        ValueError,
        "unit must be one of",
    ),
    "unknown species": (lambda: sim.simulate(sim.Bolus(dose_mg=10)).plasma("dhnk"), ValueError, "species must be one of"),
    "negative volume": (lambda: Disposition((-1.0,), 1.0), ValueError, r"volumes_l\[0\]"),
    "no elimination": (lambda: Disposition((1.0, 2.0), 0.0, (1.0,)), ValueError, "needs some elimination"),
    "bioavailability above one": (lambda: Pathway(1.0, 0.1, 1.5), ValueError, r"bioavailability must be in \[0, 1\]"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_rejected_with_a_clear_message(name):
    call, error, message = CASES[name]
    with pytest.raises(error, match=message):
        call()


def test_extreme_but_valid_inputs_give_finite_results():
    for dose in (sim.Bolus(dose_mg=0.001), sim.Bolus(dose_mg=5000), sim.Infusion(dose_mg=1, duration_min=20160)):
        for weight in (0.5, 300.0):
            with pytest.warns(OutsideValidityWarning, match="50-100 kg"):
                r = sim.simulate(dose, sim.Patient(weight_kg=weight, age_y=40), end_h=48, step_min=5)
            for species in ("ketamine", "norketamine"):
                assert np.all(np.isfinite(r.plasma(species))) and np.all(np.isfinite(r.effect_site(species)))


def test_regimen_size_and_total_are_capped():
    from simulator.dosing import MAX_EVENTS, MAX_REGIMEN_MG

    with pytest.raises(ValueError, match="MAX_EVENTS"):
        sim.Regimen(tuple(sim.Bolus(dose_mg=1, start_h=0.1 * k) for k in range(MAX_EVENTS + 1)))
    huge = sim.Regimen.repeat(sim.Bolus(dose_mg=5000), every_h=2.0, count=int(MAX_REGIMEN_MG / 5000) + 1)
    with pytest.raises(ValueError, match="MAX_REGIMEN_MG"):
        sim.simulate(huge, end_h=24.0)
    with pytest.raises(ValueError, match="MAX_REGIMEN_MG"):
        huge.inputs(70.0)
    year = sim.Regimen.repeat(sim.Oral(dose_mg=300), every_h=24.0, count=365)  # allowed: 110 g
    assert len(year.inputs(70.0)) == 365
