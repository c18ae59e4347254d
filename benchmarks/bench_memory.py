"""The memory guard's estimates against the measured peak, for every kind of population, in one run.

Run: ``python benchmarks/bench_memory.py``. For virtual populations of the ketamine chain (default outputs in
float32, every output, float64, a single output, a large chunk) and of each comparator arm, prints the peak
that :mod:`tracemalloc` measures while the population is simulated (numpy reports its arrays to it), the
estimate :func:`simulator.population.simulate_population` and :func:`~simulator.population.simulate_comparator_population`
check against ``MEMORY_BUDGET_BYTES`` before allocating, and their ratio; then a closing note against the target
(every estimate within 1.5x of its peak). Nothing is asserted. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import tracemalloc
import warnings

import simulator as sim
from simulator import population
from simulator.literature import OutsideValidityWarning
from simulator.population import OUTPUTS, simulate_comparator_population, simulate_population

TARGET = 1.5
COURSE = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=4)
WINDOW = {"end_h": 24.0 * 14, "step_min": 10.0}
KINDS = (
    ("ketamine chain, default outputs (float32)", {}),
    ("ketamine chain, every output", {"outputs": tuple(OUTPUTS)}),
    ("ketamine chain, float64", {"dtype": "float64"}),
    ("ketamine chain, one output", {"outputs": ("plasma_ketamine",)}),
    ("ketamine chain, chunks of 500", {"chunk": 500}),
)
ARMS = ("conventional", "placebo-saline", "placebo-midazolam")


def peak_bytes(func):
    """Run ``func`` under tracemalloc; return (peak bytes, its result)."""
    tracemalloc.start()
    try:
        result = func()
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def main():
    print(sim.DISCLAIMER)
    print(f"{'population':46s}{'n':>6s}{'times':>7s}{'peak':>10s}{'estimate':>10s}{'peak/est':>10s}")
    ratios = []
    for label, options in KINDS:
        for n in (100, 1000):
            peak, result = peak_bytes(lambda n=n, options=options: simulate_population(COURSE, n=n, seed=1, **WINDOW, **options))
            itemsize = 8 if options.get("dtype") == "float64" else 4
            estimate = population._population_bytes(n, result.time_h.size, len(result.data), itemsize, options.get("chunk", 48))
            ratios.append((peak / estimate, label, n))
            print(f"{label:46s}{n:6d}{result.time_h.size:7d}{peak / 1e6:7.0f} MB{estimate / 1e6:7.0f} MB{peak / estimate:10.2f}")
    for arm in ARMS:
        for n in (100, 2000):
            peak, result = peak_bytes(lambda n=n, arm=arm: simulate_comparator_population(arm, days=56, n=n, step_h=0.25))
            estimate = population._comparator_bytes(n, result.time_h.size)
            ratios.append((peak / estimate, f"comparator {arm}", n))
            print(f"{'comparator ' + arm:46s}{n:6d}{result.time_h.size:7d}{peak / 1e6:7.0f} MB{estimate / 1e6:7.0f} MB"
                  f"{peak / estimate:10.2f}")  # fmt: skip
    low, high = min(ratios), max(ratios)
    met = high[0] <= TARGET and low[0] >= 1.0 / TARGET
    print(
        f"\nClosing note: peak / estimate from {low[0]:.2f} ({low[1]}, n={low[2]}) to {high[0]:.2f} ({high[1]}, n={high[2]}); "
        f"target every estimate within {TARGET:g}x of its peak: {'met' if met else 'NOT met'}."
    )


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideValidityWarning)
        main()
