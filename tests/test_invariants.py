"""Invariants of the simulation, through the public API only.

``simulate``, ``Result.amounts()``, ``Result.plasma``, ``Result.effect_site``
and ``Result.auc``: mass balance, linearity and superposition, non-negativity,
monotone decline after IV dosing, time invariance, exact AUC against
dose x F / CL, and weight independence of per-kg doses in per-kg sets.
Expected values come from the model's parameters and elementary pharmacokinetic
identities, never from stored package output.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cases import EVENT_TYPES, as_regimen, every_set_and_route, patient_for

import simulator as sim
from simulator import literature
from simulator.pk import model_for

PARENT_TERMS = (
    "depots",
    "parent_in_body",
    "parent_eliminated",
    "parent_metabolized",
    "presystemic_metabolized",
    "presystemic_lost",
)


def multi_dose():
    esk = "esketamine"
    return [
        pytest.param(
            "clements_1981",
            sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=8),
            id="clements_1981-infusion_x8_every_84h",
        ),
        pytest.param("perez_ruixo_2021", sim.Intranasal(dose_mg=84.0, drug=esk), id="perez_ruixo_2021-nasal_84mg_3_devices"),
        pytest.param(
            "perez_ruixo_2021",
            sim.Regimen(
                (
                    sim.Oral(dose_mg=60.0, drug=esk),
                    sim.Intranasal(dose_mg=28.0, drug=esk, start_h=0.2),
                    sim.Bolus(dose_mg=5.0, drug=esk),
                )
            ),
            id="perez_ruixo_2021-oral_nasal_iv",
        ),
        pytest.param(
            "kamp_2020",
            sim.Regimen(
                (
                    sim.Oral(dose_mg=100.0),
                    sim.Intranasal(dose_mg=50.0, start_h=0.5),
                    sim.Infusion(dose_mg=20.0, duration_min=60, start_h=0.25),
                    sim.Infusion(rate_mg_per_h=10.0, duration_min=30, start_h=0.5),
                )
            ),
            id="kamp_2020-mixed_overlapping",
        ),
    ]


def grid(regimen, tail_h=36.0):
    """1-minute grid over the dosing window and 2 h after, coarser afterwards; includes every start time."""
    regimen = as_regimen(regimen)
    fine_end = regimen.end_h + 2.0
    starts = [e.start_h for e in regimen.events]
    t = np.concatenate([np.arange(0.0, fine_end, 1.0 / 60.0), np.linspace(fine_end, regimen.end_h + tail_h, 400), starts])
    return np.unique(t)


def run(name, regimen, patient=None, **kw):
    patient = patient or patient_for(name)
    if "time_h" not in kw:
        kw["time_h"] = grid(regimen)
    return sim.simulate(regimen, patient, pk_set=name, **kw)


def concentrations(result):
    """All four concentration curves in mg/L."""
    return {
        "ketamine_plasma": result.plasma("ketamine", "mg/L"),
        "ketamine_effect": result.effect_site("ketamine", "mg/L"),
        "norketamine_plasma": result.plasma("norketamine", "mg/L"),
        "norketamine_effect": result.effect_site("norketamine", "mg/L"),
    }


def assert_curves_close(got, want, rtol, label=""):
    for key in want:
        scale = np.max(np.abs(want[key]))
        assert scale > 0, f"{label} {key}: identically zero"
        err = np.max(np.abs(got[key] - want[key])) / scale
        assert err <= rtol, f"{label} {key}: relative difference {err:.3g} > {rtol:g}"


# --------------------------------------------------------------------------- mass balance
@pytest.mark.parametrize(("name", "regimen"), every_set_and_route() + multi_dose())
@pytest.mark.parametrize("grid_kind", ["explicit_grid", "default_grid"])
def test_mass_balance(name, regimen, grid_kind):
    # the explicit grid is irregular (1 min, then coarse, plus every start); simulate's own grid is regular
    result = (
        run(name, regimen)
        if grid_kind == "explicit_grid"
        else sim.simulate(regimen, patient_for(name), pk_set=name, step_min=0.5)
    )
    a = result.amounts()
    total = as_regimen(regimen).total_mg(result.patient.weight_kg)
    assert a["given"][-1] == pytest.approx(total, rel=1e-12)
    accounted = sum(a[k] for k in PARENT_TERMS)
    err = np.abs(a["given"] - accounted) / total
    worst = int(np.argmax(err))
    assert err.max() <= 1e-9, (
        f"parent mass balance off by {err.max():.3g} of the dose at t={result.time_h[worst]:.4f} h: "
        f"given {a['given'][worst]:.6g} mg, accounted for {accounted[worst]:.6g} mg"
    )
    formed = (a["parent_metabolized"] + a["presystemic_metabolized"]) * result.model.molar_ratio
    held = a["metabolite_in_body"] + a["metabolite_eliminated"]
    err = np.abs(formed - held) / (total * result.model.molar_ratio)
    assert err.max() <= 1e-9, f"metabolite mass balance off by {err.max():.3g} of the dose"
    # every compartment of the balance is an amount: none may be negative beyond rounding
    for key, values in a.items():
        assert values.min() >= -1e-12 * total, f"{key} negative: {values.min():.3g} mg"


# --------------------------------------------------------------------------- linearity and superposition
def doubled(regimen):
    """Every dose twice as large. Esketamine nasal spray is dosed in devices whose uptake depends on the
    device's position in the administration (a nonlinearity of the device model, not of the PK system), so
    there every administration is given twice instead (two sets of devices at the same times)."""
    events = []
    for e in as_regimen(regimen).events:
        if isinstance(e, sim.Intranasal) and e.drug == "esketamine":
            events += [e, e]
            continue
        fields = ("dose_mg", "dose_mg_per_kg", "rate_mg_per_h", "rate_mg_per_kg_per_h")
        changes = {f: 2.0 * getattr(e, f) for f in fields if getattr(e, f, None) is not None}
        events.append(dataclasses.replace(e, **changes))
    return sim.Regimen(tuple(events))


@pytest.mark.parametrize(("name", "regimen"), every_set_and_route() + multi_dose())
def test_doubling_every_dose_doubles_every_concentration(name, regimen):
    once = run(name, regimen)
    twice = run(name, doubled(regimen), time_h=once.time_h)
    c1, c2 = concentrations(once), concentrations(twice)
    assert_curves_close(c2, {k: 2.0 * v for k, v in c1.items()}, rtol=1e-10, label=name)
    np.testing.assert_allclose(
        twice.auc("ketamine"), 2.0 * once.auc("ketamine"), rtol=1e-10, atol=1e-12 * once.auc("ketamine").max()
    )


SUPERPOSITION = [
    pytest.param(
        "clements_1981",
        sim.Regimen((sim.Infusion(dose_mg_per_kg=0.5, duration_min=40),)),
        sim.Regimen(
            (
                sim.Bolus(dose_mg=20.0, start_h=0.3),
                sim.Oral(dose_mg=100.0, start_h=2.0),
                sim.Intranasal(dose_mg=30.0, start_h=2.0),
            )
        ),
        id="clements_iv_plus_oral_nasal",
    ),
    pytest.param(
        "kamp_2020",
        sim.Regimen((sim.Sublingual(dose_mg=50.0), sim.Intramuscular(dose_mg=30.0, start_h=1.0))),
        sim.Regimen((sim.Infusion(rate_mg_per_h=20.0, duration_min=120, start_h=0.5),)),
        id="kamp_sublingual_im_plus_infusion",
    ),
    pytest.param(
        "perez_ruixo_2021",
        sim.Regimen((sim.Intranasal(dose_mg=84.0, drug="esketamine"),)),
        sim.Regimen(
            (sim.Oral(dose_mg=50.0, drug="esketamine", start_h=0.1), sim.Bolus(dose_mg=10.0, drug="esketamine", start_h=3.0))
        ),
        id="perez_nasal_plus_oral_iv",
    ),
    pytest.param(
        "hornik_2018",
        sim.Regimen((sim.Intramuscular(dose_mg_per_kg=2.0),)),
        sim.Regimen((sim.Intramuscular(dose_mg_per_kg=1.0, start_h=0.25), sim.Bolus(dose_mg_per_kg=0.5, start_h=1.0))),
        id="hornik_im_plus_im_iv",
    ),
]


@pytest.mark.parametrize(("name", "first", "second"), SUPERPOSITION)
def test_superposition_of_regimens(name, first, second):
    both = first + second
    assert len(both.events) == len(first.events) + len(second.events)
    t = grid(both)
    ra, rb, rab = (run(name, r, time_h=t) for r in (first, second, both))
    ca, cb, cab = concentrations(ra), concentrations(rb), concentrations(rab)
    assert_curves_close(cab, {k: ca[k] + cb[k] for k in ca}, rtol=1e-10, label=name)
    for key, values in rab.amounts().items():
        want = ra.amounts()[key] + rb.amounts()[key]
        assert np.max(np.abs(values - want)) <= 1e-10 * both.total_mg(rab.patient.weight_kg), key


# --------------------------------------------------------------------------- non-negativity and monotone decline
@pytest.mark.parametrize(("name", "regimen"), every_set_and_route() + multi_dose())
@pytest.mark.parametrize("grid_kind", ["explicit_grid", "default_grid"])
def test_concentrations_are_non_negative(name, regimen, grid_kind):
    """Exact solutions are >= 0. The closed form sums exponentials whose terms cancel where the true value is
    near 0 (a metabolite just after the dose, or any curve long after it), so rounding may leave values of
    order machine epsilon x the peak of either sign: allow -1e-12 x the curve's maximum, nothing more."""
    result = (
        run(name, regimen)
        if grid_kind == "explicit_grid"
        else sim.simulate(regimen, patient_for(name), pk_set=name, step_min=0.5)
    )
    for key, c in concentrations(result).items():
        assert c.max() > 0, key
        assert c.min() >= -1e-12 * c.max(), f"{key}: {c.min():.3g} mg/L (max {c.max():.3g})"
    first = min(e.start_h for e in as_regimen(regimen).events)
    before = result.time_h < first
    for key, c in concentrations(result).items():
        assert np.all(c[before] == 0.0), key


def iv_regimens():
    cases = []
    for name in literature.names():
        drug = literature.get(name).drug
        cases.append(pytest.param(name, sim.Bolus(dose_mg_per_kg=0.5, drug=drug), id=f"{name}-bolus"))
        cases.append(pytest.param(name, sim.Infusion(dose_mg_per_kg=0.5, duration_min=40, drug=drug), id=f"{name}-infusion"))
        cases.append(
            pytest.param(
                name,
                sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.25, duration_min=20, drug=drug), every_h=1.0, count=3),
                id=f"{name}-3_infusions",
            )
        )
    return cases


@pytest.mark.parametrize(("name", "regimen"), iv_regimens())
def test_plasma_declines_monotonically_after_the_last_iv_dose(name, regimen):
    """After an IV bolus into the central compartment of a mammillary model, plasma concentration is a sum of
    decaying exponentials with positive coefficients (the system is symmetric in volume-weighted coordinates),
    so it decreases; after an infusion ends, C'(t) = h(t) - h(t - T) < 0 for a decreasing impulse response h."""
    reg = as_regimen(regimen)
    t = np.unique(np.concatenate([np.linspace(reg.end_h, reg.end_h + 72.0, 3000), np.linspace(reg.end_h, reg.end_h + 0.5, 301)]))
    c = run(name, regimen, time_h=t).plasma("ketamine", "mg/L")
    step = np.diff(c)
    assert step.max() <= 1e-12 * c.max(), f"plasma rises by {step.max():.3g} mg/L after the last dose"
    clear = c[:-1] > 1e-6 * c.max()  # where the decline is far above rounding it must be strict
    assert np.all(step[clear] < 0)


# --------------------------------------------------------------------------- time invariance
@pytest.mark.parametrize("shift_h", [0.75, 37.0], ids=lambda h: f"shift_{h:g}h")
@pytest.mark.parametrize(("name", "regimen"), multi_dose() + every_set_and_route()[::3])
def test_shifting_the_regimen_shifts_the_curves(name, regimen, shift_h):
    reg = as_regimen(regimen)
    shifted = sim.Regimen(tuple(e.shifted(shift_h) for e in reg.events))
    t = grid(reg)
    r0 = run(name, reg, time_h=t)
    r1 = run(name, shifted, time_h=t + shift_h)
    assert_curves_close(concentrations(r1), concentrations(r0), rtol=1e-9, label=f"{name} shifted")
    total = reg.total_mg(r0.patient.weight_kg)
    for key, values in r1.amounts().items():
        assert np.max(np.abs(values - r0.amounts()[key])) <= 1e-9 * total, key
    np.testing.assert_allclose(r1.auc("ketamine"), r0.auc("ketamine"), rtol=0, atol=1e-9 * r0.auc("ketamine").max())
    # nothing at all before the shifted regimen starts
    early = run(name, shifted, time_h=np.linspace(0.0, shift_h, 50, endpoint=False))
    assert all(np.all(c == 0.0) for c in concentrations(early).values())


# --------------------------------------------------------------------------- exact AUC
def expected_clearance(disposition):
    """Dose / AUC(central) after a central IV dose, from the parameters.

    At steady state with central concentration C, a peripheral compartment j with
    clearance Q_j, volume V_j and elimination k_j has Q_j (C - C_j) = k_j V_j C_j,
    so it eliminates Q_j k_j V_j / (Q_j + k_j V_j) x C; the central compartment CL x C.
    """
    cl = disposition.clearance_l_per_min
    peripherals = zip(
        disposition.intercompartmental_l_per_min,
        disposition.volumes_l[1:],
        disposition.peripheral_elimination_per_min,
        strict=True,
    )
    for q, v, k in peripherals:
        cl += q * k * v / (q + k * v)
    return cl


def escape_fraction(disposition, target):
    """Fraction of drug put into compartment ``target`` that reaches the central compartment."""
    if target == 0:
        return 1.0
    q = disposition.intercompartmental_l_per_min[target - 1]
    v = disposition.volumes_l[target]
    k = disposition.peripheral_elimination_per_min[target - 1]
    return q / (q + k * v)


@pytest.mark.parametrize(("name", "regimen"), every_set_and_route() + multi_dose())
def test_auc_equals_dose_times_bioavailability_over_clearance(name, regimen):
    reg = as_regimen(regimen)
    patient = patient_for(name)
    model = model_for(literature.get(name), patient, reg.routes)
    cl = model.parent.total_clearance_l_per_min
    assert cl == pytest.approx(expected_clearance(model.parent), rel=1e-12)
    # drug entering the parent's compartments, the part of it reaching the central compartment, and
    # metabolite formed before absorption (all mg parent)
    absorbed, systemic, presystemic_met = 0.0, 0.0, 0.0
    for piece in reg.inputs(patient.weight_kg):
        if piece.route == "iv":
            absorbed += piece.amount_mg
            systemic += piece.amount_mg
            continue
        for p in model.routes[piece.route]:
            part = piece.amount_mg * p.fraction_for(piece.sequence)
            absorbed += part * p.bioavailability
            systemic += part * p.bioavailability * escape_fraction(model.parent, p.target)
            presystemic_met += part * (1.0 - p.bioavailability) * p.presystemic_metabolite_fraction
    # a window of 60 terminal half-lives: the tail beyond it is ~1e-18 of the total
    slowest = max(model.parent.terminal_half_life_min, model.metabolite.terminal_half_life_min) / 60.0
    end = reg.end_h + 60.0 * slowest
    result = sim.simulate(reg, patient, pk_set=name, time_h=np.array([0.0, reg.end_h, end]))
    auc = result.auc("ketamine", "mg/L")[-1]
    assert auc == pytest.approx(systemic / cl / 60.0, rel=1e-9)
    # the metabolite: all absorbed parent is eliminated eventually (hepato-portal first pass included),
    # a fraction fm of it forming metabolite, which enters the metabolite's central compartment
    formed = result.model.molar_ratio * (model.fraction_metabolized * absorbed + presystemic_met)
    assert result.auc("norketamine", "mg/L")[-1] == pytest.approx(
        formed / model.metabolite.total_clearance_l_per_min / 60.0, rel=1e-9
    )
    assert model.metabolite.total_clearance_l_per_min == pytest.approx(expected_clearance(model.metabolite), rel=1e-12)
    # AUC in ng/mL x h is 1000 x mg/L x h, and non-decreasing
    ng = result.auc("ketamine", "ng/mL")
    assert ng[-1] == pytest.approx(1000.0 * auc, rel=1e-12)
    assert np.all(np.diff(ng) >= 0)


# --------------------------------------------------------------------------- weight-scaled doses
def per_kg_cases():
    cases = []
    for name in literature.names():
        scaling = literature.get(name).parent.scaling
        if scaling not in ("per_kg", "linear"):
            continue
        regimens = [
            ("bolus", sim.Bolus(dose_mg_per_kg=0.5)),
            ("infusion", sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)),
            ("rate_infusion", sim.Infusion(rate_mg_per_kg_per_h=0.3, duration_min=90, start_h=0.5)),
        ]
        routes = literature.get(name).routes
        regimens += [(route, EVENT_TYPES[route](dose_mg_per_kg=1.0, start_h=0.25)) for route in routes]
        cases += [pytest.param(name, regimen, id=f"{name}-{label}") for label, regimen in regimens]
    return cases


def test_per_kg_cases_cover_every_per_kg_set():
    covered = {p.values[0] for p in per_kg_cases()}
    assert {n for n in literature.names() if literature.get(n).parent.scaling == "per_kg"} <= covered
    assert covered  # the registry has per-kg sets


@pytest.mark.parametrize(("name", "regimen"), per_kg_cases())
def test_per_kg_dose_gives_weight_independent_parent_concentrations(name, regimen):
    """With volumes and clearances proportional to weight ("per_kg", and "linear" scaling, which is the same),
    a dose proportional to weight gives the same parent concentrations at any weight. (The borrowed metabolite
    model scales allometrically, so only the parent is weight independent.)"""
    t = grid(regimen)
    curves = []
    for weight in (55.0, 70.0, 95.0):
        result = run(name, regimen, patient=sim.Patient(weight_kg=weight, age_y=40), time_h=t)
        curves.append({"plasma": result.plasma("ketamine", "mg/L"), "effect": result.effect_site("ketamine", "mg/L")})
    for other in curves[1:]:
        assert_curves_close(other, curves[0], rtol=1e-10, label=name)
