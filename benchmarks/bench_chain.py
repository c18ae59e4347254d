"""Whole chain (PK, occupancy, plasticity, symptom) for a 28-day course against a plain solve_ivp.

Run: ``python benchmarks/bench_chain.py``. Prints medians and the ratio measured in one run;
nothing is asserted. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.integrate import solve_ivp
from timing import median_time

import simulator as sim
from simulator.literature.plasticity_constants import CONSTANTS
from simulator.pk import build_system, input_schedule
from simulator.receptor import total_occupancy

COURSE = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=8)
END_H = 28 * 24.0


def ours(step_min):
    r = sim.simulate(COURSE, end_h=END_H, step_min=step_min)
    return r.time_h, r.symptom_score, r


def straightforward(result, step_min):
    """PK, occupancy and the chain as one ODE system, solve_ivp split at every dose switch."""
    model, m = result.model, result.plasticity_model
    a, layout = build_system(model, ("iv",))
    _, rates = input_schedule(model, layout, COURSE.inputs(70.0))  # the course has infusions only
    n = a.shape[0]
    switches = sorted({0.0, END_H * 60} | {r[0] for r in rates} | {r[1] for r in rates})
    t_eval = np.arange(0.0, END_H * 60 + step_min / 2, step_min)

    def rhs(_t, y, r):
        x, (d, adapted, s, g, lab, c) = y[:n], y[n:]
        occupancy = total_occupancy(
            {"ketamine": x[layout.parent_effect], "norketamine": x[layout.metabolite_effect]}, "mg/L", basis="plasma"
        )
        per_min = 1.0 / 60.0
        return np.concatenate(
            [
                a @ x + r,
                per_min
                * np.array(
                    [
                        (m.sensitivity * surge(occupancy) - d) / m.drive_time_h,
                        (d - adapted) / m.adaptation_time_h,
                        m.signal_gain_per_h * max(0.0, d - adapted) - s / m.signal_time_h,
                        (s - g) / m.synthesis_time_h,
                        m.spine_gain_per_h * g - lab / m.spine_time_h,
                        m.consolidation_gain_per_h * max(0.0, lab - m.consolidation_threshold) - c / m.consolidation_time_h,
                    ]
                ),
            ]
        )

    def surge(theta):  # saturating in block: x / (1 + x), x = (theta / theta50)^n
        x = (theta / m.occupancy_half_drive) ** m.drive_hill
        return x / (1.0 + x)

    y = np.zeros(n + 6)
    out = np.zeros((t_eval.size, n + 6))
    for lo, hi in itertools.pairwise(switches):
        r = np.zeros(n)
        for start, end, i, rate in rates:
            if start <= lo < end:
                r[i] += rate
        inside = (t_eval >= lo) & (t_eval < hi)
        sol = solve_ivp(rhs, (lo, hi), y, args=(r,), method="LSODA", t_eval=np.append(t_eval[inside], hi), rtol=1e-8, atol=1e-12)
        out[inside] = sol.y[:, :-1].T
        y = sol.y[:, -1]
    out[-1] = y
    lab, c = out[:, n + 4], out[:, n + 5]
    index = lab + m.consolidated_max * c / (m.consolidated_max + c)
    t_h = t_eval / 60.0
    # a blinded drug arm's expectancy, written out: g max_k (e^{-s/fade} - e^{-s/rise}) / peak, s the time since session k
    rise, fade = CONSTANTS["placebo_rise_time_h"].value, CONSTANTS["placebo_time_h"].value
    peak_h = rise * fade / (fade - rise) * np.log(fade / rise)
    since = t_h[:, None] - np.array([e.start_h for e in COURSE.events])[None, :]
    profile = np.where(since >= 0, np.exp(-since / fade) - np.exp(-since / rise), 0.0).max(axis=1)
    profile /= np.exp(-peak_h / fade) - np.exp(-peak_h / rise)
    u = m.signal_weight * out[:, n + 2] + index + CONSTANTS["placebo_midazolam_drive"].value * profile
    return t_h, m.baseline_score * (1 - m.max_improvement * u / (m.half_improvement_drive + u))


def main():
    print(sim.DISCLAIMER)
    for step in (1.0, 5.0):
        t, score, result = ours(step)
        fast, _, _ = median_time(lambda step=step: ours(step), 15)
        _, ref_score = straightforward(result, step)
        slow, _, _ = median_time(lambda result=result, step=step: straightforward(result, step), 1)
        diff = np.max(np.abs(score - ref_score))
        print(f"\n28-day course, 8 infusions, whole chain, {t.size} points ({step:g} min):")
        print(f"  simulate() to symptom score : median {fast * 1e3:.2f} ms")
        print(f"  one solve_ivp of the chain  : {slow * 1e3:.0f} ms  -> {slow / fast:.0f}x slower")
        print(f"  largest score difference    : {diff:.2e} points of 60")
    acute_cost()


def acute_cost():
    """What the toy acute effects add to a 28-day single-patient simulation (1-min output)."""
    from simulator.acute import acute_summary
    from simulator.linear import solve
    from simulator.pk import model_for

    def chain_only():
        return sim.simulate(COURSE, end_h=END_H).symptom_score

    def with_acute():
        r = sim.simulate(COURSE, end_h=END_H)
        d, s = r.dissociation_index, r.systolic_change_mmhg
        starts = [e.start_h for e in COURSE.events]
        return r.symptom_score, acute_summary(r.time_h, starts, d, s, r.plasma(), r.drug, r.acute_model)

    base, _, _ = median_time(chain_only, 31)
    full, _, _ = median_time(with_acute, 31)
    # the two link states enlarge the linear system every simulation solves, whether or not they are read
    t_min = np.arange(0.0, END_H * 60 + 0.5, 1.0)
    plain = model_for(sim.literature.default_for("racemic"), sim.Patient(), ("iv",))
    linked = model_for(sim.literature.default_for("racemic"), sim.Patient(), ("iv",), link_rates=(0.3, 0.05))
    timings = []
    for model in (plain, linked):
        a, layout = build_system(model, ("iv",))
        _, rates = input_schedule(model, layout, COURSE.inputs(70.0))
        rows = [layout.parent.start, layout.parent_effect, layout.metabolite.start, layout.metabolite_effect]
        timings.append(median_time(lambda a=a, rates=rates, rows=rows: solve(a, [], rates, t_min).observe(rows), 31)[0])
    print("\nToy acute effects, 28-day course of 8 infusions, 1-min output (40 321 points):")
    print(f"  simulate() to symptom score         : median {base * 1e3:.2f} ms")
    print(f"  ... plus both acute effects and their summary: median {full * 1e3:.2f} ms  (+{(full - base) * 1e3:.2f} ms)")
    print(f"  PK solve, 6 states vs 8 (with links): {timings[0] * 1e3:.2f} ms vs {timings[1] * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
