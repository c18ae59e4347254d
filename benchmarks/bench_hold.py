"""First-order hold (linear.first_order_hold) on irregular grids against the former loop, and a whole irregular run.

Run: ``python benchmarks/bench_hold.py``. The solver's hold used to call scipy.signal.lfilter once per run of equal
steps: on an irregular grid that is a Python loop per sample (an irregular ``time_h`` of 2,000,000 points took
577 s in the chain). Prints, in one run: our blocked recurrence and that loop on the same 20,000 irregular samples
(median of 5, their ratio and largest difference), ours on 2,000,000, and ``simulate`` + ``summary()`` on an
irregular ``time_h`` of 2,000,000 points (wall and CPU seconds). Nothing is asserted. Teaching model: illustrative,
not for dosing.
"""

from __future__ import annotations

import time

import numpy as np
from scipy.signal import lfilter
from timing import median_time

import simulator as sim
from simulator import linear


def former_loop(lam, beta, u, t):
    """The solver's former irregular hold: lfilter over each run of equal steps (here every step: a loop per sample)."""
    h = np.diff(t)
    z = np.zeros_like(u)
    for k in range(h.size):
        if h[k] == 0:
            z[k + 1] = z[k]
            continue
        x = -lam * h[k]
        a, q = np.exp(-x), -np.expm1(-x) / x
        b = [beta * (1.0 - q) / -lam, beta * (q - a) / -lam]
        z[k : k + 2], _ = lfilter(b, [1.0, -a], u[k : k + 2], zi=z[k : k + 1] - b[0] * u[k : k + 1])
    return z


def main():
    print(sim.DISCLAIMER)
    rng = np.random.default_rng(0)
    t = np.sort(rng.uniform(0.0, 24.0 * 28, 20_000))
    u = rng.uniform(0.0, 1.0, t.size)
    ours, _, z = median_time(lambda: linear.first_order_hold(-0.05, 0.05, u, t), 5)
    loop, _, reference = median_time(lambda: former_loop(-0.05, 0.05, u, t), 5)
    diff = float(np.max(np.abs(z - reference)) / np.max(np.abs(reference)))
    print(f"20,000 irregular samples: ours {ours * 1e3:.1f} ms, the former loop {loop * 1e3:.0f} ms", end="")
    print(f" ({loop / ours:.0f}x); largest difference {diff:.1e} of the largest value")
    t = np.sort(rng.uniform(0.0, 24.0 * 365, 2_000_000))
    t[0] = 0.0
    u = rng.uniform(0.0, 1.0, t.size)
    big, _, _ = median_time(lambda: linear.first_order_hold(-0.05, 0.05, u, t), 3)
    print(f"2,000,000 irregular samples: ours {big:.2f} s")
    wall, cpu = time.perf_counter(), time.process_time()
    result = sim.simulate(sim.Bolus(dose_mg_per_kg=0.5), time_h=t)
    result.summary()
    print(
        f"simulate + summary() on an irregular time_h of 2,000,000 points: {time.perf_counter() - wall:.1f} s wall, "
        f"{time.process_time() - cpu:.1f} s CPU (was 577 s)"
    )


if __name__ == "__main__":
    main()
