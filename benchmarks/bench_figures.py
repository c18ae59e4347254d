"""Slider move to encoded PNG: the explorers' figures against the naive pattern (a new figure per change).

Run: ``python benchmarks/bench_figures.py``. Prints medians and the ratio measured in one run; nothing is
asserted. The model is included on both sides (it is the same call). Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from timing import median_time

import simulator as sim
from simulator import plotting
from simulator.widgets import ChainExplorer, ConcentrationExplorer

DOSES = np.linspace(0.3, 0.7, 15)  # one slider swept back and forth


def _naive_png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return buffer.getvalue()


def concentration():
    explorer = ConcentrationExplorer()
    step = iter(range(10**9))

    def ours():
        explorer.dose.value = float(DOSES[next(step) % DOSES.size])
        return explorer.image.value

    def naive():
        dose = sim.Infusion(dose_mg_per_kg=float(DOSES[next(step) % DOSES.size]), duration_min=40)
        return _naive_png(plotting.concentration_figure(sim.simulate(dose, end_h=12.0)))

    return median_time(ours, 31)[0], median_time(naive, 31)[0]


def chain():
    explorer = ChainExplorer()
    step = iter(range(10**9))

    def ours():
        explorer.dose.value = float(DOSES[next(step) % DOSES.size])
        return explorer.image.value

    def naive():
        dose = sim.Infusion(dose_mg_per_kg=float(DOSES[next(step) % DOSES.size]), duration_min=40)
        result = sim.simulate(dose, end_h=24.0 * 29, step_min=10.0)
        comparator = sim.plasticity.conventional_antidepressant(days=29)
        return _naive_png(plotting.full_chain_figure(result, comparator=comparator))

    return median_time(ours, 15)[0], median_time(naive, 15)[0]


def main():
    print(sim.DISCLAIMER)
    for name, (ours, naive) in (("concentration (one panel)", concentration()), ("whole chain (four panels)", chain())):
        print(f"\n{name}: slider move to encoded PNG")
        print(f"  explorer (built once, updated in place): median {ours * 1e3:.1f} ms")
        print(f"  naive (new figure per change)          : median {naive * 1e3:.1f} ms  -> {naive / ours:.1f}x slower")


if __name__ == "__main__":
    main()
