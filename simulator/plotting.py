"""Figure builders. Every figure carries the teaching-model label.

Figures are built once and updated in place (``set_data``), so the widgets
can redraw them quickly; :func:`label_figure` adds :data:`~simulator.DISCLAIMER`.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() in ("", "agg") else None  # keep notebooks' backend

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .labels import DISCLAIMER  # noqa: E402

COLORS = {"ketamine": "#1f5fa8", "norketamine": "#d9822b", "effect": "#1f5fa8"}
BAND_COLORS = ("#7fb77e", "#e3b04b", "#b784c4", "#8c9fd1")
LABEL_TAG = "teaching-label"


def label_figure(fig, extra: str = ""):
    """Put the teaching-model label (and an optional source line) under ``fig``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to label.
    extra : str
        A second line, e.g. the parameter set used.

    Returns
    -------
    matplotlib.text.Text
        The label artist (``gid`` = "teaching-label").
    """
    text = DISCLAIMER if not extra else f"{DISCLAIMER}\n{extra}"
    label = fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=7.5, color="#7a1f1f", wrap=True)
    label.set_gid(LABEL_TAG)
    return label


def _unit_label(unit: str) -> str:
    return {"uM": "µM"}.get(unit, unit)


class ConcentrationFigure:
    """Plasma and effect-site concentrations of parent and metabolite on one axis.

    Build once, then call :meth:`update` with a new result; lines are updated
    in place.

    Parameters
    ----------
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit of the y axis.
    figsize : tuple
        Figure size, inches.
    """

    def __init__(self, unit: str = "ng/mL", figsize=(8.0, 4.2)):
        self.unit = unit
        with plt.ioff():
            self.fig, self.ax = plt.subplots(figsize=figsize)
        self.fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.22)
        ax = self.ax
        (self.parent_line,) = ax.plot([], [], color=COLORS["ketamine"], lw=2.2, label="ketamine, plasma")
        (self.effect_line,) = ax.plot([], [], color=COLORS["ketamine"], lw=1.4, ls="--", label="ketamine, effect site (brain)")
        (self.metabolite_line,) = ax.plot([], [], color=COLORS["norketamine"], lw=2.0, label="norketamine, plasma")
        ax.set_xlabel("time after first dose (h)")
        ax.set_ylabel(f"concentration ({_unit_label(unit)})")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper right", fontsize=8, frameon=False)
        self.title = ax.set_title("", fontsize=10, loc="left")
        self.label = label_figure(self.fig)

    def update(self, result) -> None:
        """Show ``result`` (a :class:`~simulator.Result`)."""
        t = result.time_h
        parent, metabolite = result.pk_set.species
        self.parent_line.set_data(t, result.plasma("ketamine", self.unit))
        self.parent_line.set_label(f"{parent}, plasma")
        self.effect_line.set_data(t, result.effect_site("ketamine", self.unit))
        self.effect_line.set_label(f"{parent}, effect site (brain)")
        self.metabolite_line.set_data(t, result.plasma("norketamine", self.unit))
        self.metabolite_line.set_label(f"{metabolite}, plasma")
        top = max(float(np.max(line.get_ydata())) for line in (self.parent_line, self.effect_line, self.metabolite_line))
        self.ax.set_xlim(t[0], t[-1])
        self.ax.set_ylim(0.0, 1.08 * top if top > 0 else 1.0)
        self.ax.legend(loc="upper right", fontsize=8, frameon=False)
        s = result.summary(self.unit)["ketamine"]
        self.title.set_text(
            f"{parent} peak {s['cmax']:.0f} {_unit_label(self.unit)} at {s['tmax_h']:.2f} h; "
            f"parameter set {result.pk_set.name} ({result.pk_set.citation.short()})"
        )


def concentration_figure(result, unit: str = "ng/mL"):
    """Return a labelled matplotlib figure of ``result``'s concentrations."""
    figure = ConcentrationFigure(unit=unit)
    figure.update(result)
    return figure.fig


def chain_figure(result, unit: str = "ng/mL", bands=True):
    """Concentrations (with context bands) above NMDA occupancy, on one time axis.

    Parameters
    ----------
    result : Result
        A simulation.
    unit : str
        Concentration unit.
    bands : bool
        Shade the named plasma concentration bands (Zanos 2018 Table 1; Bowdle 1998).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .literature.receptor_data import BANDS
    from .units import convert_concentration

    with plt.ioff():
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(8.0, 6.0), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    fig.subplots_adjust(left=0.11, right=0.8, top=0.93, bottom=0.16, hspace=0.08)
    t = result.time_h
    top.set_xlim(t[0], t[-1])
    parent, metabolite = result.pk_set.species
    top.plot(t, result.plasma("ketamine", unit), color=COLORS["ketamine"], lw=2.2, label=f"{parent}, plasma")
    top.plot(t, result.effect_site("ketamine", unit), color=COLORS["ketamine"], lw=1.4, ls="--", label=f"{parent}, effect site")
    top.plot(t, result.plasma("norketamine", unit), color=COLORS["norketamine"], lw=2.0, label=f"{metabolite}, plasma")
    peak = max(float(np.max(result.plasma("ketamine", unit))), float(np.max(result.plasma("norketamine", unit))))
    top.set_ylim(0, 1.15 * peak if peak > 0 else 1.0)
    if bands:  # bands overlap, so each is a bar of its own in the right margin, like a ruler
        for i, band in enumerate(BANDS):
            low, high = (convert_concentration(v / 1000.0, unit) for v in (band.low_ng_per_ml, band.high_ng_per_ml))
            if low > top.get_ylim()[1]:
                continue
            x = 1.02 + 0.045 * i
            top.plot([x, x], [low, min(high, top.get_ylim()[1])], transform=top.get_yaxis_transform(), lw=5,
                     color=BAND_COLORS[i % len(BAND_COLORS)], clip_on=False, solid_capstyle="butt")  # fmt: skip
            top.text(x + 0.012, low, band.name, transform=top.get_yaxis_transform(), rotation=90, fontsize=6.5,
                     va="bottom", ha="left", clip_on=False)  # fmt: skip
    top.set_ylabel(f"concentration ({_unit_label(unit)})")
    top.legend(loc="upper right", fontsize=8, frameon=False)
    top.grid(alpha=0.3)
    for name, values in result.occupancy_by_ligand().items():
        if name in ("ketamine", "norketamine", "esketamine", "esnorketamine"):
            color = COLORS["norketamine"] if "nor" in name else COLORS["ketamine"]
            bottom.plot(t, 100 * values, color=color, lw=1.2, ls=":", label=f"{name}")
    bottom.plot(t, 100 * result.occupancy, color="#333333", lw=2.2, label="total NMDA block")
    bottom.set_ylim(0, 100)
    bottom.set_ylabel("NMDA channels\nblocked (%)")
    bottom.set_xlabel("time after first dose (h)")
    bottom.legend(loc="upper right", fontsize=8, frameon=False)
    bottom.grid(alpha=0.3)
    a = result.receptor
    top.set_title(f"dose -> concentration -> NMDA occupancy ({result.pk_set.name})", fontsize=10, loc="left")
    label_figure(
        fig,
        f"Occupancy: {a.measure}, unbound fraction {a.unbound_fraction:g}, brain partition {a.brain_partition:g}, "
        f"Mg2+ {'1 mM' if a.magnesium else 'none'}, {a.voltage_mv:g} mV. No reliable human PET occupancy exists: "
        "the level is uncertain, the shape is the lesson.",
    )
    return fig


def occupancy_curve_figure(assumptions=None, ligands=("esketamine", "ketamine", "arketamine", "norketamine", "memantine")):
    """Occupancy against total plasma concentration for several ligands, with EC50 marks and bands."""
    from .literature.receptor_data import BANDS
    from .receptor import occupancy_curve

    concentrations = np.geomspace(1.0, 1e5, 300)
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(8.0, 4.6))
    fig.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.24)
    for i, band in enumerate(BANDS):  # bands overlap: one horizontal bar each, stacked at the bottom
        y = 4 + 6 * i
        ax.plot([band.low_ng_per_ml, band.high_ng_per_ml], [y, y], lw=4, color=BAND_COLORS[i % len(BAND_COLORS)],
                solid_capstyle="butt")  # fmt: skip
        ax.text(band.high_ng_per_ml * 1.15, y, f"{band.name} ({band.citation.short()})", fontsize=7, va="center")
    for ligand in ligands:
        occupancy, ec50 = occupancy_curve(ligand, concentrations, "ng/mL", assumptions=assumptions)
        (line,) = ax.plot(concentrations, 100 * occupancy, lw=2, label=f"{ligand} (EC50 {ec50:.0f} ng/mL)")
        ax.plot([ec50], [50], "o", color=line.get_color())
    ax.set_xscale("log")
    ax.set_ylim(0, 100)
    ax.set_xlabel("total plasma concentration at equilibrium (ng/mL)")
    ax.set_ylabel("NMDA channels blocked (%)")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.grid(alpha=0.3, which="both")
    label_figure(fig, "Affinities: Ebert 1997 (Ki) or Gilling 2009 (IC50); memantine Blanpied 1997. Equilibrium, no kinetics.")
    return fig


def channel_block_figure(results: dict, control=None):
    """Open and blocked fractions over seconds for several blockers (from :func:`simulator.receptor.channel_block`)."""
    with plt.ioff():
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(8.0, 5.4), sharex=True)
    fig.subplots_adjust(left=0.11, right=0.97, top=0.92, bottom=0.17, hspace=0.1)
    if control is not None:
        top.plot(control.time_s, control.open, color="#999999", lw=1, label="no blocker")
    for name, res in results.items():
        (line,) = top.plot(res.time_s, res.open, lw=1, label=name)
        bottom.plot(res.time_s, 100 * res.blocked, color=line.get_color(), lw=2, label=f"{name}: blocked")
        bottom.plot(res.time_s, 100 * res.trapped, color=line.get_color(), lw=1, ls="--", label=f"{name}: trapped")
    top.set_ylabel("open fraction")
    bottom.set_ylabel("channels blocked (%)")
    bottom.set_xlabel("time (s)")
    top.legend(fontsize=8, frameon=False, loc="upper right")
    bottom.legend(fontsize=7, frameon=False, loc="upper left", ncol=3)
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
    top.set_title("one synapse: glutamate pulses open channels; blockers enter open channels", fontsize=10, loc="left")
    label_figure(fig, "Rates: Gilling 2009 (ketamine, memantine); MK-801 and gating illustrative (Destexhe 1994).")
    return fig
