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
