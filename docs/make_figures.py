"""Render the README pictures: ``python docs/make_figures.py``."""

from pathlib import Path

import simulator as sim
from simulator.plasticity import conventional_antidepressant
from simulator.plotting import concentration_figure, full_chain_figure

OUT = Path(__file__).parent / "img"


def main():
    """Write docs/img/standard_infusion.png and docs/img/chain.png."""
    OUT.mkdir(exist_ok=True)
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sim.Patient(weight_kg=70), end_h=12)
    concentration_figure(result).savefig(OUT / "standard_infusion.png", dpi=100)
    regimen, patient, _ = sim.scenarios.get("six-infusions")
    course = sim.simulate(regimen, patient, end_h=24 * 42, step_min=10)
    figure = full_chain_figure(course, comparator=conventional_antidepressant(days=42), time_axis="log")
    figure.savefig(OUT / "chain.png", dpi=80)
    print(f"wrote {OUT}\n{sim.DISCLAIMER}")


if __name__ == "__main__":
    main()
