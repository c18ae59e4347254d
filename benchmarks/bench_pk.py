"""Speed of the exact PK solver against a segmented solve_ivp reference, measured in one run.

Run: ``python benchmarks/bench_pk.py``. Prints times (median of repeats) and ratios;
nothing is asserted (the machine is noisy). Teaching model: illustrative, not for dosing.

Course: eight 40-minute infusions of 0.5 mg/kg, one every 84 h (twice weekly for
four weeks), with norketamine and both effect sites, 28 days at 1-minute output
resolution (40 321 points). Population: 1000 virtual patients of the same course
at 5-minute resolution.
"""

from __future__ import annotations

import itertools
import time

import numpy as np
from scipy.integrate import solve_ivp
from timing import median_time

import simulator as sim
from simulator import population
from simulator.linear import solve
from simulator.literature.covariates import variability_for
from simulator.pk import build_system, input_schedule, model_for

COURSE = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=8)
END_MIN = 28 * 24 * 60.0


def reference(a, boluses, rates, t_eval, rtol=1e-8):
    """solve_ivp (LSODA) split at every switch time: the straightforward correct way."""
    n = a.shape[0]
    switches = sorted({0.0, t_eval[-1]} | {b[0] for b in boluses} | {r[0] for r in rates} | {r[1] for r in rates})
    x = np.zeros(n)
    out = np.zeros((t_eval.size, n))
    for lo, hi in itertools.pairwise(switches):
        for t, i, amount in boluses:
            if t == lo:
                x[i] += amount
        r = np.zeros(n)
        for start, end, i, rate in rates:
            if start <= lo < end:
                r[i] += rate
        inside = (t_eval >= lo) & (t_eval < hi)
        points = np.append(t_eval[inside], hi)  # the outputs in this piece, then its end
        sol = solve_ivp(
            lambda _t, y, r=r: a @ y + r, (lo, hi), x, method="LSODA", t_eval=points, rtol=rtol, atol=1e-12, jac=lambda *_: a
        )
        out[inside] = sol.y[:, :-1].T
        x = sol.y[:, -1]
    out[t_eval == switches[-1]] = x
    return out


def main():
    print(sim.DISCLAIMER)
    patient = sim.Patient(weight_kg=70.0)
    result = sim.simulate(COURSE, patient, end_h=END_MIN / 60, step_min=1.0)
    model = result.model
    a, layout = build_system(model, ("iv",))
    boluses, rates = input_schedule(model, layout, COURSE.inputs(patient.weight_kg))
    t = np.arange(0.0, END_MIN + 1.0, 1.0)
    rows = [layout.parent.start, layout.parent_effect, layout.metabolite.start, layout.metabolite_effect]

    ours, ours_min, _ = median_time(lambda: solve(a, boluses, rates, t).observe(rows), 30)
    e2e, _, _ = median_time(lambda: sim.simulate(COURSE, patient, end_h=END_MIN / 60, step_min=1.0).plasma(), 10)
    ref, _, _ = median_time(lambda: reference(a, boluses, rates, t), 3)
    results = [sim.simulate(COURSE, patient, end_h=END_MIN / 60, step_min=1.0) for _ in range(30)]
    for r in results:
        r.plasma()  # concentrations first, so that the next timing is the occupancy alone
    occupancy_times = []
    for r in results:
        start = time.perf_counter()
        r.occupancy  # noqa: B018 (computed on first access)
        occupancy_times.append(time.perf_counter() - start)
    occupancy = float(np.median(occupancy_times))
    exact = solve(a, boluses, rates, t).observe(rows)
    tight = reference(a, boluses, rates, t, rtol=1e-10)[:, rows]
    error = np.max(np.abs(exact - tight) / np.max(np.abs(tight), axis=0))
    print(f"\n28-day course, 8 infusions + norketamine + effect sites, {t.size} points (1 min):")
    print(f"  exact solver (solve + 4 outputs): median {ours * 1e3:.2f} ms (best {ours_min * 1e3:.2f} ms)")
    print(f"  simulate() end to end           : median {e2e * 1e3:.2f} ms")
    print(f"  NMDA occupancy on top           : median {occupancy * 1e3:.2f} ms (4 ligands, competitive)")
    print(f"  segmented solve_ivp (LSODA)     : median {ref * 1e3:.1f} ms")
    print(f"  speed-up vs reference           : {ref / ours:.0f}x")
    print(f"  max relative difference to solve_ivp at rtol 1e-10: {error:.1e}")

    # population: 1000 virtual patients (weights 50-100 kg, the default set's variability), built as one batch
    count = 1000
    t5 = np.arange(0.0, END_MIN + 1.0, 5.0)
    params = sim.literature.default_for("racemic")
    draws = population.draw_population(count, 2026, variability=variability_for(params.name), weight_kg=(50.0, 100.0))

    def build():
        """All patients' rate matrices and dose schedules, from one batched model."""
        model = model_for(params, list(draws.patients), ("iv",))
        mats, layout = build_system(model, ("iv",))
        weights = np.array([p.weight_kg for p in draws.patients])
        boluses, rates = input_schedule(model, layout, COURSE.inputs(weights))
        return mats, boluses, rates

    mats, boluses, batch_rates = build()
    rates = [(s0, s1, i, float(r[0])) for s0, s1, i, r in batch_rates]  # patient 0's schedule, for the loops
    buffer = np.empty((t5.size, count, len(rows)))
    first, _, _ = median_time(lambda: solve(mats, boluses, batch_rates, t5).observe(rows), 1)
    fresh, _, _ = median_time(lambda: solve(mats, boluses, batch_rates, t5).observe(rows), 5)
    batch_time, _, _ = median_time(lambda: solve(mats, boluses, batch_rates, t5).observe(rows, out=buffer), 5)
    build_time, _, _ = median_time(build, 3)
    loop_time, _, _ = median_time(lambda: [solve(mats[p], boluses, rates, t5).observe(rows) for p in range(count)], 1)
    ref_few, _, _ = median_time(lambda: [reference(mats[p], boluses, rates, t5) for p in range(5)], 1)
    out = solve(mats, boluses, batch_rates, t5).observe(rows)
    print(f"\n{count} virtual patients, same course, {t5.size} points (5 min), 4 outputs each -> {out.nbytes / 1e6:.0f} MB:")
    print(f"  batched exact solver            : median {batch_time * 1e3:.0f} ms into a reused output buffer")
    print(
        f"                                    median {fresh * 1e3:.0f} ms allocating the output; first call {first * 1e3:.0f} ms"
    )
    print("                                    (first touch of new memory is slow on this VM: page faults)")
    print(f"  building the 1000 models        : median {build_time * 1e3:.1f} ms (one batched model)")
    print(f"  loop of single-patient solves   : {loop_time * 1e3:.0f} ms  -> batch is {loop_time / batch_time:.1f}x faster")
    extrapolated = ref_few / 5 * count
    print(f"  loop of solve_ivp (5 measured)  : {extrapolated:.0f} s extrapolated, {extrapolated / batch_time:.0f}x slower")


if __name__ == "__main__":
    main()
