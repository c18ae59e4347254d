"""1000 virtual patients through the whole chain, against looping single-patient solvers, in one run.

Run: ``python benchmarks/bench_population.py``. Course: eight 40-minute infusions of 0.5 mg/kg over
28 days, 5-minute output, weights 50-100 kg, half women, published or illustrative variability.
Prints medians, ratios and peak memory; asserts nothing. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import resource
import time

import numpy as np
from timing import median_time

import simulator as sim
from simulator import population
from simulator.literature.covariates import variability_for
from simulator.pk import build_system, model_for

COURSE = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=8)
OPTIONS = {"weight_kg": (50.0, 100.0), "female_fraction": 0.5, "end_h": 28 * 24.0, "step_min": 5.0}


def main():
    print(sim.DISCLAIMER)
    n = 1000
    times, pop = [], None
    for _ in range(5):
        pop = None  # release the previous population first: peak memory is that of one call
        start = time.perf_counter()
        pop = sim.simulate_population(COURSE, n=n, seed=1, **OPTIONS)
        times.append(time.perf_counter() - start)
    whole = float(np.median(times))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the baselines below
    params = sim.literature.default_for("racemic")
    draws = population.draw_population(
        n, 1, variability=variability_for(params.name), weight_kg=(50.0, 100.0), female_fraction=0.5
    )
    build, _, _ = median_time(lambda: build_system(model_for(params, list(draws.patients), COURSE.routes), COURSE.routes), 3)
    # baseline 1: our single-patient simulate() in a Python loop, whole chain (measured on 100, scaled)
    patients = draws.patients[:100]
    loop, _, _ = median_time(
        lambda: [sim.simulate(COURSE, p, end_h=OPTIONS["end_h"], step_min=5.0).symptom_score for p in patients], 1
    )
    loop *= n / len(patients)
    # baseline 2: the straightforward solve_ivp chain (benchmarks/bench_chain.py), 3 patients, scaled
    from bench_chain import straightforward

    reference = sim.simulate(COURSE, end_h=OPTIONS["end_h"], step_min=5.0)
    ref, _, _ = median_time(lambda: [straightforward(reference, 5.0) for _ in range(3)], 1)
    ref *= n / 3
    stored = sum(a.nbytes for a in pop.data.values()) / 1e6
    print(f"\n{n} virtual patients, whole chain, {pop.time_h.size} points (5 min), 28 days, 8 infusions:")
    print(f"  simulate_population           : median {whole * 1e3:.0f} ms (of which model building {build * 1e3:.0f} ms)")
    print(f"  loop of simulate(), 1 patient : {loop * 1e3:.0f} ms (100 measured) -> population is {loop / whole:.1f}x faster")
    print(f"  loop of solve_ivp chain       : {ref:.0f} s (3 measured) -> population is {ref / whole:.0f}x faster")
    dtype = next(iter(pop.data.values())).dtype
    print(f"  per-patient curves stored     : {stored:.0f} MB ({dtype}); peak resident memory of the process {peak_mb:.0f} MB")
    bands = pop.percentiles("plasma_ketamine", (5, 50, 95)).max(axis=1)
    print(f"  Cmax bands 5/50/95%           : {bands[0]:.0f} / {bands[1]:.0f} / {bands[2]:.0f} ng/mL")


if __name__ == "__main__":
    main()
