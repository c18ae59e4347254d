"""Render the README picture: ``python docs/make_figures.py``."""

from pathlib import Path

import simulator as sim
from simulator.plotting import concentration_figure

OUT = Path(__file__).parent / "img"


def main():
    """Write docs/img/standard_infusion.png."""
    OUT.mkdir(exist_ok=True)
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sim.Patient(weight_kg=70), end_h=12)
    concentration_figure(result).savefig(OUT / "standard_infusion.png", dpi=100)
    print(f"wrote {OUT / 'standard_infusion.png'}\n{sim.DISCLAIMER}")


if __name__ == "__main__":
    main()
