"""Render the README pictures: ``python docs/make_figures.py``.

Writes the chain of a six-infusion course in the notebook style and as a 1920x1080 projector slide, and one
infusion's concentrations. Teaching model: illustrative, not for dosing.
"""

from pathlib import Path

import simulator as sim
from simulator.export import save_figure
from simulator.plasticity import conventional_antidepressant
from simulator.plotting import concentration_figure, full_chain_figure, log_axis_times

OUT = Path(__file__).parent / "img"


def main():
    """Write docs/img/standard_infusion.png, docs/img/chain.png and docs/img/chain_projector.png."""
    OUT.mkdir(exist_ok=True)
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sim.Patient(weight_kg=70), end_h=12)
    concentration_figure(result).savefig(OUT / "standard_infusion.png", dpi=100)
    regimen, patient, _ = sim.scenarios.get("six-infusions")
    course = sim.simulate(regimen, patient, time_h=log_axis_times(24 * 42))
    comparator = conventional_antidepressant(days=42, step_h=0.1)
    full_chain_figure(course, comparator=comparator, time_axis="log").savefig(OUT / "chain.png", dpi=80)
    save_figure(full_chain_figure(course, comparator=comparator, time_axis="log", style="projector"), OUT / "chain_projector.png")
    print(f"wrote {OUT}\n{sim.DISCLAIMER}")


if __name__ == "__main__":
    main()
