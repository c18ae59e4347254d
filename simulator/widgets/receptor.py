"""The receptor and channel-block explorers: concentration -> occupancy, and trapping against untrapping.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..labels import SHORT_DISCLAIMER
from ..plotting import ReceptorFigure, TrappingFigure
from ..receptor import ReceptorAssumptions, compare_blockers, occupancy_curves
from ..tables import format_number as _sig
from ..tables import write_table
from .explorer import CONTROL_LAYOUT, CONTROL_STYLE, Explorer, checkbox, dropdown

__all__ = ["CONCENTRATION_RANGE_NG_PER_ML", "FREQUENCY_RANGE_HZ", "ChannelBlockExplorer", "ReceptorExplorer"]

#: The receptor explorer's concentration slider: total plasma ng/mL, on a log scale.
CONCENTRATION_RANGE_NG_PER_ML = (1.0, 1e5)
#: The channel-block explorer's pulse frequencies, Hz.
FREQUENCY_RANGE_HZ = (0.1, 10.0)


class ReceptorExplorer(Explorer):
    """A concentration slider linked to the occupancy curves and a picture of 100 receptors.

    Parameters
    ----------
    concentration_ng_per_ml : float
        Initial total plasma concentration, ng/mL, in [1, 100000].
    ligand : str
        The ligand marked on the curves and drawn in the picture (default racemic "ketamine").
    """

    name = "receptor"

    def __init__(self, concentration_ng_per_ml: float = 180.0, ligand: str = "ketamine"):
        from .._validate import check_number

        low, high = CONCENTRATION_RANGE_NG_PER_ML
        check_number("concentration_ng_per_ml", concentration_ng_per_ml, low=low, high=high)
        self.figure = ReceptorFigure()
        self.concentration = widgets.FloatLogSlider(value=concentration_ng_per_ml, base=10, min=0, max=5, step=0.05,
                                                    description="plasma (ng/mL)", style=CONTROL_STYLE, layout=CONTROL_LAYOUT,
                                                    continuous_update=False)  # fmt: skip
        self.ligand = dropdown("ligand", ligand, [(name, name) for name in self.figure.ligands], "ligand")
        self.measure = dropdown("measure", "Ki", [("binding Ki (Ebert 1997)", "Ki"), ("functional IC50 (Gilling 2009)", "IC50")],
                                 "affinity")  # fmt: skip
        self.magnesium = checkbox("magnesium", False, "physiological Mg2+ (1 mM)")
        self.curves = None  # the occupancy curves and the block shown (simulator.receptor.OccupancyCurves)
        super().__init__({"concentration": self.concentration, "ligand": self.ligand, "measure": self.measure,
                          "magnesium": self.magnesium})  # fmt: skip

    def assumptions(self) -> ReceptorAssumptions:
        """Return the receptor assumptions the controls describe."""
        return ReceptorAssumptions(measure=self.measure.value, magnesium=self.magnesium.value)

    def draw(self) -> None:
        """Compute the occupancy curves and the block at the concentration (cached), and update the curves and receptors."""
        self.curves = occupancy_curves(float(self.concentration.value), self.ligand.value, assumptions=self.assumptions(),
                                       ligands=self.figure.ligands)  # fmt: skip
        self.figure.update(self.curves)

    def describe(self) -> str:
        """Return how many of 100 receptors are blocked at this concentration, in words."""
        c = self.curves
        a = c.assumptions
        return (
            f"At {_sig(c.concentration_ng_per_ml)} ng/mL of {c.ligand} in plasma, {c.blocked} of 100 NMDA "
            f"channels are blocked at equilibrium ({a.measure}, Mg2+ {'1 mM' if a.magnesium else 'none'}). "
            f"{SHORT_DISCLAIMER}"
        )

    def write_data(self, path):
        """Write the occupancy curves shown as CSV, with the assumptions and the teaching-model statement."""
        c = self.curves
        columns = ["total plasma concentration (ng/mL)"]
        columns += [f"{name}, EC50 {_sig(c.ec50_ng_per_ml[name])} ng/mL (% blocked)" for name in c.ligands]
        rows = zip(c.concentrations_ng_per_ml, *(100 * c.curves[name] for name in c.ligands), strict=True)
        return write_table(path, [f"receptor assumptions: {c.assumptions.describe()}"], columns, rows)


class ChannelBlockExplorer(Explorer):
    """Trapping against partial untrapping: ketamine, memantine and MK-801 at equal equilibrium block.

    Parameters
    ----------
    frequency_hz : float
        Glutamate pulses per second, in [0.1, 10].
    occupancy : float
        The equilibrium block all three share, in [0.05, 0.95].
    """

    name = "channel-block"

    def __init__(self, frequency_hz: float = 1.0, occupancy: float = 0.5):
        from .._validate import check_number

        low, high = FREQUENCY_RANGE_HZ
        check_number("frequency_hz", frequency_hz, low=low, high=high)
        check_number("occupancy", occupancy, low=0.05, high=0.95)
        self.figure = TrappingFigure()
        self.frequency = widgets.FloatLogSlider(value=frequency_hz, base=10, min=-1, max=1, step=0.05,
                                                description="pulses per second", style=CONTROL_STYLE, layout=CONTROL_LAYOUT,
                                                continuous_update=False)  # fmt: skip
        self.occupancy = widgets.FloatSlider(value=occupancy, min=0.05, max=0.95, step=0.05, description="equal block",
                                             style=CONTROL_STYLE, layout=CONTROL_LAYOUT, continuous_update=False,
                                             readout_format=".0%")  # fmt: skip
        self.comparison = None
        super().__init__({"frequency": self.frequency, "occupancy": self.occupancy})

    def draw(self) -> None:
        """Drive one synapse for 60 s at the chosen frequency with each blocker and update both panels."""
        self.comparison = compare_blockers(occupancy=float(self.occupancy.value), frequency_hz=float(self.frequency.value))
        self.figure.update(self.comparison)

    def describe(self) -> str:
        """Return late transmission with each blocker, in words."""
        late = {name: 100 * values[-10:].mean() for name, values in self.comparison.transmission().items()}
        return (
            f"At {_sig(self.frequency.value)} pulses per second and equal equilibrium block "
            f"({100 * self.occupancy.value:.0f}%), late transmission is {_sig(late['ketamine'])}% of normal with ketamine, "
            f"{_sig(late['memantine'])}% with memantine and {_sig(late['mk801'])}% with MK-801: trapped blockers accumulate "
            f"in busy synapses, memantine escapes from some. {SHORT_DISCLAIMER}"
        )

    def write_data(self, path):
        """Write transmission after each pulse for each blocker as CSV, with the teaching-model statement."""
        transmission = self.comparison.transmission()
        columns = ["pulse time (s)", *(f"{name} transmission (% of no blocker)" for name in transmission)]
        rows = zip(self.comparison.pulse_times_s, *(100 * values for values in transmission.values()), strict=True)
        return write_table(path, ["rates: Gilling 2009 (ketamine, memantine); MK-801 illustrative"], columns, rows)
