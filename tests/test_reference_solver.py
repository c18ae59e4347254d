"""The exact solver against an independent numerical reference.

For every registered parameter set and every route it describes, the linear
system that :func:`simulator.pk.build_system` and
:func:`simulator.pk.input_schedule` produce is integrated with
:func:`scipy.integrate.solve_ivp` (LSODA with the exact Jacobian, rtol 1e-10), the integration being
split at every switch time (bolus times, rate starts and rate ends) and the
boluses added between the pieces. The state is augmented with its running
integral so that ``Solution.integrals`` is checked as well. The package's
closed-form solution (:func:`simulator.linear.solve`) must agree to 1e-8 (100x the reference's rtol) of the
largest absolute value of each state column.

The reference shares only the matrix and the schedule with the package, never
the solution formulas: it re-derives the segments, the active rates and the
"state at a bolus time includes the bolus" convention from the schedule itself.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest
from cases import ADULT, CHILD, as_regimen, every_set_and_route, patient_for
from scipy.integrate import solve_ivp

import simulator as sim
from simulator import literature
from simulator.linear import solve
from simulator.pk import build_system, input_schedule, model_for

RTOL_REFERENCE = 1e-10
AGREEMENT = 100 * RTOL_REFERENCE  # at most 100x the reference's own tolerance


# --------------------------------------------------------------------------- reference integrator
def reference_solve(a, boluses, rates, t_out, scale):
    """Integrate x' = A x + r(t), X' = x (running integral), piecewise between switch times.

    Returns (states, integrals) at ``t_out`` with the same convention as the
    package: the state at a bolus time includes that bolus, a rate acts on
    [start, end), and everything is zero before the first switch.
    """
    n = a.shape[0]
    big = np.zeros((2 * n, 2 * n))
    big[:n, :n] = a
    big[n:, :n] = np.eye(n)
    t_out = np.asarray(t_out, dtype=float)
    switches = sorted({b[0] for b in boluses} | {r[0] for r in rates} | {r[1] for r in rates})
    last = max(float(t_out.max()), switches[-1])
    ends = [*switches[1:], last]
    atol = 1e-12 * scale
    out = np.zeros((t_out.size, 2 * n))
    y = np.zeros(2 * n)
    for k, (t0, t1) in enumerate(zip(switches, ends, strict=True)):
        for tb, index, amount in boluses:
            if tb == t0:
                y[index] += amount
        r = np.zeros(2 * n)
        for start, end, index, rate in rates:
            if start <= t0 < end:
                r[index] += rate
        is_last = k == len(switches) - 1
        mask = (t_out >= t0) & ((t_out <= t1) if is_last else (t_out < t1))
        if t1 == t0:
            out[mask] = y
            continue
        t_eval = np.unique(np.concatenate([t_out[mask], [t1]]))
        sol = solve_ivp(
            lambda _t, x, r=r: big @ x + r,
            (t0, t1),
            y,
            method="LSODA",
            t_eval=t_eval,
            jac=lambda _t, _x: big,
            rtol=RTOL_REFERENCE,
            atol=atol,
        )
        assert sol.success, sol.message
        out[mask] = sol.y[:, np.searchsorted(t_eval, t_out[mask])].T
        y = sol.y[:, -1].copy()
    return out[:, :n], out[:, n:]


def output_times(boluses, rates, tail_min=48 * 60.0, points=400):
    """Regular grid plus every switch time, points just before each and 0 (before any dose)."""
    switches = np.array(sorted({b[0] for b in boluses} | {r[0] for r in rates} | {r[1] for r in rates}))
    end = switches[-1] + tail_min
    t = np.concatenate([np.linspace(0.0, end, points), switches, np.maximum(switches - 1e-3, 0.0), [0.0, end]])
    return np.sort(t)


def assert_matches_reference(solution, ref_states, ref_integrals, label=""):
    for name, got, want in (("states", solution.states, ref_states), ("integrals", solution.integrals, ref_integrals)):
        scale = np.max(np.abs(want), axis=0)
        assert np.all(scale > 0), f"{label}: a {name} column is identically zero in the reference"
        err = np.abs(got - want) / scale
        worst = np.unravel_index(np.argmax(err), err.shape)
        assert err.max() <= AGREEMENT, (
            f"{label}: {name} differ by {err.max():.3g} (relative to column max) "
            f"at t={solution.time_min[worst[0]]:.6g} min, column {worst[1]}"
        )


def run_case(pset, patient, regimen, model=None):
    """Return (package solution, reference states, reference integrals, times) for one regimen."""
    regimen = as_regimen(regimen)
    routes = regimen.routes
    if model is None:
        model = model_for(pset, patient, routes)
    a, layout = build_system(model, routes)
    inputs = regimen.inputs(patient.weight_kg)
    boluses, rates = input_schedule(model, layout, inputs)
    t = output_times(boluses, rates)
    solution = solve(a, boluses, rates, t)
    ref_states, ref_integrals = reference_solve(a, boluses, rates, t, scale=regimen.total_mg(patient.weight_kg))
    return solution, ref_states, ref_integrals, t


# --------------------------------------------------------------------------- cases
def multi_dose_cases():
    esk = "esketamine"
    return [
        pytest.param(
            "clements_1981",
            sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=8),
            id="clements_1981-infusion_x8_every_84h",
        ),
        pytest.param(
            "kamp_2020",
            sim.Regimen(
                (
                    sim.Infusion(dose_mg=35.0, duration_min=40),
                    sim.Infusion(rate_mg_per_h=30.0, duration_min=60, start_h=0.25),
                    sim.Bolus(dose_mg=10.0, start_h=0.5),
                    sim.Infusion(dose_mg=5.0, duration_min=10, start_h=0.5),
                )
            ),
            id="kamp_2020-overlapping_infusions_and_bolus",
        ),
        pytest.param(
            "clements_1981",
            sim.Regimen(
                (
                    sim.Oral(dose_mg=100.0),
                    sim.Intranasal(dose_mg=50.0, start_h=1.0),
                    sim.Sublingual(dose_mg=25.0, start_h=2.0),
                    sim.Intramuscular(dose_mg=30.0, start_h=2.0),
                    sim.Bolus(dose_mg=20.0, start_h=3.0),
                )
            ),
            id="clements_1981-all_routes_mixed",
        ),
        pytest.param("perez_ruixo_2021", sim.Intranasal(dose_mg=84.0, drug=esk), id="perez_ruixo_2021-nasal_84mg_3_devices"),
        pytest.param(
            "perez_ruixo_2021",
            sim.Regimen.weekly(sim.Intranasal(dose_mg=84.0, drug=esk, start_h=1.0), sessions_per_week=2, weeks=2),
            id="perez_ruixo_2021-nasal_84mg_twice_weekly",
        ),
        pytest.param(
            "perez_ruixo_2021",
            sim.Regimen(
                (
                    sim.Oral(dose_mg=60.0, drug=esk),
                    sim.Intranasal(dose_mg=28.0, drug=esk, start_h=0.2),
                    sim.Infusion(dose_mg=20.0, duration_min=40, start_h=0.1, drug=esk),
                    sim.Bolus(dose_mg=5.0, start_h=0.2, drug=esk),
                )
            ),
            id="perez_ruixo_2021-oral_depot_release_overlapping_nasal_and_iv",
        ),
        pytest.param(
            "hornik_2018",
            sim.Regimen((sim.Intramuscular(dose_mg_per_kg=2.0), sim.Bolus(dose_mg_per_kg=0.5, start_h=0.5))),
            id="hornik_2018-im_then_iv",
        ),
        pytest.param(
            "domino_1984",
            sim.Regimen.repeat(sim.Bolus(dose_mg_per_kg=0.25), every_h=0.1, count=5),
            id="domino_1984-rapid_boluses",
        ),
    ]


@pytest.mark.parametrize(("name", "regimen"), every_set_and_route() + multi_dose_cases())
def test_solver_matches_solve_ivp(name, regimen):
    pset = literature.get(name)
    solution, ref_states, ref_integrals, t = run_case(pset, patient_for(name), regimen)
    assert np.array_equal(solution.time_min, t)
    # before the first dose everything is exactly zero
    first = min(p.start_min for p in as_regimen(regimen).inputs(patient_for(name).weight_kg))
    before = t < first
    assert before.any() == (first > 0)
    assert np.all(solution.states[before] == 0.0)
    assert np.all(solution.integrals[before] == 0.0)
    assert_matches_reference(solution, ref_states, ref_integrals, label=name)


def test_every_set_and_route_is_covered():
    ids = {p.id for p in every_set_and_route()}
    for name in literature.names():
        pset = literature.get(name)
        for route in ("iv_bolus", "iv_infusion", *pset.routes):
            assert f"{name}-{route}" in ids


def test_state_at_a_bolus_time_includes_the_bolus():
    """At exactly a bolus time the central amount jumps by the dose; just before it has not."""
    pset = literature.get("clements_1981")
    regimen = sim.Regimen(
        (sim.Bolus(dose_mg=10.0, start_h=1.0, injection_min=0.0), sim.Bolus(dose_mg=10.0, start_h=2.0, injection_min=0.0))
    )
    model = model_for(pset, ADULT, regimen.routes)
    a, layout = build_system(model, regimen.routes)
    boluses, rates = input_schedule(model, layout, regimen.inputs(70.0))
    t = np.array([0.0, 60.0 - 1e-9, 60.0, 120.0 - 1e-9, 120.0])
    x = solve(a, boluses, rates, t).states[:, layout.parent.start]
    assert x[0] == 0.0 and x[1] == 0.0
    assert x[2] == pytest.approx(10.0, rel=1e-12)
    assert x[4] - x[3] == pytest.approx(10.0, rel=1e-6)


# --------------------------------------------------------------------------- fallback (defective matrix)
def _with_pathway_ka(model, route, index, ka):
    pathways = list(model.routes[route])
    pathways[index] = dataclasses.replace(pathways[index], ka_per_min=ka)
    return dataclasses.replace(model, routes={**model.routes, route: tuple(pathways)})


def defective_cases():
    """Models in which a depot ka equals ke0 exactly: the eigenvalue -ke0 gets a Jordan block."""
    cases = []
    clements = literature.get("clements_1981")
    oral = sim.Oral(dose_mg=100.0, start_h=0.5)
    base = model_for(clements, ADULT, ("oral",))
    cases.append(
        pytest.param(
            "clements_1981", oral, _with_pathway_ka(base, "oral", 0, base.ke0_parent_per_min), id="clements_oral_ka_eq_ke0"
        )
    )
    nasal = sim.Intranasal(dose_mg=84.0, drug="esketamine")
    perez = literature.get("perez_ruixo_2021")
    base = model_for(perez, ADULT, ("intranasal",))
    cases.append(
        pytest.param(
            "perez_ruixo_2021",
            nasal,
            _with_pathway_ka(base, "intranasal", 0, base.ke0_parent_per_min),
            id="perez_nasal_ka_eq_ke0",
        )
    )
    cases.append(
        pytest.param(
            "perez_ruixo_2021",
            nasal,
            _with_pathway_ka(base, "intranasal", 1, base.ke0_metabolite_per_min),
            id="perez_swallowed_depot_release_ka_eq_ke0",
        )
    )
    hornik = literature.get("hornik_2018")
    im_iv = sim.Regimen((sim.Intramuscular(dose_mg_per_kg=2.0), sim.Infusion(dose_mg_per_kg=0.5, duration_min=30, start_h=1.0)))
    base = model_for(hornik, CHILD, im_iv.routes)
    cases.append(
        pytest.param(
            "hornik_2018", im_iv, _with_pathway_ka(base, "intramuscular", 0, base.ke0_parent_per_min), id="hornik_im_ka_eq_ke0"
        )
    )
    # a one-compartment parent whose elimination rate equals ke0: plasma and effect site share an eigenvalue
    ke0 = base.ke0_parent_per_min
    one = sim.pk.Disposition((10.0,), 10.0 * ke0)
    cases.append(pytest.param("hornik_2018", im_iv, dataclasses.replace(base, parent=one), id="one_compartment_k_eq_ke0"))
    return cases


@pytest.mark.parametrize(("name", "regimen", "model"), defective_cases())
def test_defective_system_falls_back_to_expm_and_stays_exact(name, regimen, model):
    pset = literature.get(name)
    solution, ref_states, ref_integrals, _ = run_case(pset, patient_for(name), regimen, model=model)
    assert_matches_reference(solution, ref_states, ref_integrals, label=name)


@pytest.mark.parametrize("relative_gap", [0.0, 1e-13, 1e-10, 1e-9, 1e-8, 1e-7, 1e-5, 1e-3], ids=lambda g: f"gap_{g:g}")
def test_nearly_defective_system_is_accurate_on_either_side_of_the_switch(relative_gap):
    """Whichever method the condition number selects, the answer must stay within AGREEMENT of the reference."""
    pset = literature.get("clements_1981")
    regimen = sim.Regimen((sim.Oral(dose_mg=100.0, start_h=0.5), sim.Bolus(dose_mg=10.0, start_h=1.0)))
    base = model_for(pset, ADULT, regimen.routes)
    model = _with_pathway_ka(base, "oral", 0, base.ke0_parent_per_min * (1.0 + relative_gap))
    solution, ref_states, ref_integrals, _ = run_case(pset, ADULT, regimen, model=model)
    assert_matches_reference(solution, ref_states, ref_integrals, label=f"gap {relative_gap:g}")


def test_expm_path_handles_output_times_before_between_and_at_switches():
    """Output times with repeats, before the first dose and at switch times, on the expm path."""
    pset = literature.get("clements_1981")
    regimen = sim.Regimen((sim.Oral(dose_mg=100.0, start_h=1.0), sim.Bolus(dose_mg=10.0, start_h=1.5)))
    base = model_for(pset, ADULT, regimen.routes)
    model = _with_pathway_ka(base, "oral", 0, base.ke0_parent_per_min)
    a, layout = build_system(model, regimen.routes)
    boluses, rates = input_schedule(model, layout, regimen.inputs(70.0))
    t = np.array([0.0, 30.0, 60.0, 60.0, 75.5, 90.0, 90.0, 600.0, 3000.0])
    sorted_solution = solve(a, boluses, rates, t)
    ref_states, ref_integrals = reference_solve(a, boluses, rates, t, scale=110.0)
    assert np.all(sorted_solution.states[:2] == 0.0)
    assert_matches_reference(sorted_solution, ref_states, ref_integrals, label="expm grid")


# --------------------------------------------------------------------------- regular output grids
def regular_grid_cases():
    return [
        # boluses every 6 min on a 10-min grid: some segments hold no output point at all
        pytest.param(
            "domino_1984",
            sim.Regimen.repeat(sim.Bolus(dose_mg_per_kg=0.25), every_h=0.1, count=6),
            10.0,
            300,
            id="domino_boluses_6min_grid_10min",
        ),
        pytest.param(
            "clements_1981",
            sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=8),
            7.0,
            5600,
            id="clements_infusion_x8_grid_7min",
        ),
        pytest.param(
            "perez_ruixo_2021",
            sim.Intranasal(dose_mg=84.0, drug="esketamine", start_h=0.1),
            0.75,
            4000,
            id="perez_nasal_84mg_grid_45s",
        ),
        # more output points than one evaluation chunk of the solver (2**21 / n states)
        pytest.param(
            "clements_1981",
            sim.Regimen((sim.Oral(dose_mg=100.0, start_h=0.5), sim.Bolus(dose_mg=10.0, start_h=1.0))),
            0.04,
            320_001,
            id="clements_oral_bolus_320k_points",
            marks=pytest.mark.slow,
        ),
    ]


@pytest.mark.parametrize(("name", "regimen", "step", "points"), regular_grid_cases())
def test_regular_output_grid_matches_reference(name, regimen, step, points):
    """A regular grid (as ``simulate`` makes) may be evaluated by a different code path than an irregular one."""
    regimen = as_regimen(regimen)
    patient = patient_for(name)
    model = model_for(literature.get(name), patient, regimen.routes)
    a, layout = build_system(model, regimen.routes)
    boluses, rates = input_schedule(model, layout, regimen.inputs(patient.weight_kg))
    t = np.arange(points) * step
    solution = solve(a, boluses, rates, t)
    ref_states, ref_integrals = reference_solve(a, boluses, rates, t, scale=regimen.total_mg(patient.weight_kg))
    assert_matches_reference(solution, ref_states, ref_integrals, label=f"{name} regular grid")
    # one extra, off-grid output time makes the grid irregular: the shared points must not change beyond rounding
    irregular = solve(a, boluses, rates, np.append(t, t[-1] + 0.37 * step))
    scale = np.max(np.abs(ref_states), axis=0)
    assert np.all(np.abs(irregular.states[:-1] - solution.states) <= 1e-11 * scale)


# --------------------------------------------------------------------------- batches of patients
def test_batch_of_patients_matches_reference_each_and_reports_mixed():
    """A (P, n, n) batch: per-kg doses give per-patient amounts; one defective patient needs the fallback."""
    pset = literature.get("clements_1981")
    regimen = sim.Regimen(
        (sim.Oral(dose_mg_per_kg=1.0, start_h=0.25), sim.Infusion(dose_mg_per_kg=0.5, duration_min=40, start_h=1.0))
    )
    weights = (55.0, 70.0, 95.0)
    models = [model_for(pset, sim.Patient(weight_kg=w, age_y=40), regimen.routes) for w in weights]
    models[1] = _with_pathway_ka(models[1], "oral", 0, models[1].ke0_parent_per_min)  # defective
    systems = [build_system(m, regimen.routes) for m in models]
    schedules = [input_schedule(m, layout, regimen.inputs(w)) for m, (_, layout), w in zip(models, systems, weights, strict=True)]
    # same structure for every patient, amounts differ: stack them into (P,) arrays
    boluses = [(t, i, np.array([s[0][k][2] for s in schedules])) for k, (t, i, _) in enumerate(schedules[0][0])]
    rates = [(t0, t1, i, np.array([s[1][k][3] for s in schedules])) for k, (t0, t1, i, _) in enumerate(schedules[0][1])]
    t = output_times(*schedules[0])
    batch = solve(np.stack([a for a, _ in systems]), boluses, rates, t)
    assert batch.states.shape == (t.size, len(weights), systems[0][0].shape[0])
    for p, ((a, _), (b, r), w) in enumerate(zip(systems, schedules, weights, strict=True)):
        ref_states, ref_integrals = reference_solve(a, b, r, t, scale=regimen.total_mg(w))
        single = solve(a, b, r, t)
        one = SimpleNamespace(states=batch.states[:, p], integrals=batch.integrals[:, p], time_min=t)
        assert_matches_reference(one, ref_states, ref_integrals, label=f"batch patient {p}")
        np.testing.assert_allclose(batch.states[:, p], single.states, rtol=0, atol=1e-12 * np.abs(ref_states).max())
    # all well conditioned: the whole batch is solved in modal form
    good = solve(
        np.stack([systems[0][0], systems[2][0]]),
        [(t0, i, x[[0, 2]]) for t0, i, x in boluses],
        [(t0, t1, i, x[[0, 2]]) for t0, t1, i, x in rates],
        t,
    )
    np.testing.assert_allclose(
        good.states[:, 1], solve(systems[2][0], *schedules[2], t).states, rtol=0, atol=1e-12 * regimen.total_mg(95.0)
    )
