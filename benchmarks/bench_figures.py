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


def _pair(explorer, naive_figure, repeat):
    """Time a slider move of ``explorer`` and the naive pattern on the same doses; return both medians (s)."""
    step = iter(range(10**9))

    def ours():
        explorer.dose.value = float(DOSES[next(step) % DOSES.size])
        return explorer.image.value

    def naive():
        return _naive_png(naive_figure(float(DOSES[next(step) % DOSES.size])))

    return median_time(ours, repeat)[0], median_time(naive, repeat)[0]


def concentration():
    def figure(dose):
        return plotting.concentration_figure(sim.simulate(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=12.0))

    return _pair(ConcentrationExplorer(), figure, 31)


def chain():
    def figure(dose):
        result = sim.simulate(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=24.0 * 29, step_min=10.0)
        return plotting.full_chain_figure(result, comparator=sim.plasticity.conventional_antidepressant(days=29))

    return _pair(ChainExplorer(), figure, 15)


def chain_projector():
    def figure(dose):
        result = sim.simulate(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=24.0 * 29, step_min=10.0)
        comparator = sim.plasticity.conventional_antidepressant(days=29)
        return plotting.full_chain_figure(result, comparator=comparator, style="projector")

    explorer = ChainExplorer()
    explorer.figure.set_style("projector")
    return _pair(explorer, figure, 15)


def main():
    print(sim.DISCLAIMER)
    cases = (
        ("concentration (one panel)", concentration()),
        ("whole chain (five panels)", chain()),
        ("whole chain, projector style (1920x1080 slide)", chain_projector()),
    )
    for name, (ours, naive) in cases:
        print(f"\n{name}: slider move to encoded PNG")
        print(f"  explorer (built once, updated in place): median {ours * 1e3:.1f} ms")
        print(f"  naive (new figure per change)          : median {naive * 1e3:.1f} ms  -> {naive / ours:.1f}x slower")


if __name__ == "__main__":
    main()
