"""Figure builders. Every figure carries the teaching-model label.

Figures are built once and updated in place (``set_data``), so the widgets
can redraw them quickly; :func:`label_figure` adds :data:`~simulator.DISCLAIMER`.
Every builder checks its arguments first: a wrong type raises ``TypeError`` and a
bad value ``ValueError``, naming the argument (DESIGN.md principle 7).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ._validate import check_choice, check_number
from .labels import DISCLAIMER
from .pipeline import Result
from .plasticity import ComparatorResult
from .population import PopulationResult
from .receptor import LIGANDS, MIXTURES, BlockerComparison, ChannelBlockResult, ReceptorAssumptions
from .units import CONCENTRATION_UNITS

__all__ = [
    "ACUTE_AXIS_RUNGS",
    "LABEL_TAG",
    "LIGAND_NAMES",
    "LOG_TICKS",
    "MAX_PINS",
    "TIME_AXES",
    "ConcentrationFigure",
    "FullChainFigure",
    "acute_effects_figure",
    "chain_figure",
    "channel_block_figure",
    "concentration_figure",
    "describe",
    "full_chain_figure",
    "label_figure",
    "occupancy_curve_figure",
    "population_figure",
    "receptors_figure",
    "schedule_figure",
    "sets_figure",
    "trapping_figure",
]

#: Ligand names the occupancy-curve figure accepts (single ligands and racemates).
LIGAND_NAMES = tuple(sorted([*LIGANDS, *MIXTURES]))
#: Outputs a population must store for :func:`population_figure`.
POPULATION_PANELS = ("plasma_ketamine", "occupancy", "plasticity_index", "symptom_score")
#: Entries each row of a :func:`schedule_figure` table needs (as :func:`simulator.compare_schedules` gives them).
SCHEDULE_KEYS = ("sessions", "days_in_response", "day", "fraction_in_response_by_day")


def _require(name: str, value, kinds, what: str):
    """Return ``value`` after checking that it is an instance of ``kinds``; else TypeError naming ``name``."""
    if not isinstance(value, kinds):
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")
    return value


def _check_flag(name: str, value) -> bool:
    return bool(_require(name, value, (bool, np.bool_), "True or False"))


def _check_unit(unit) -> str:
    return check_choice("unit", unit, CONCENTRATION_UNITS)


def _check_result(name: str, result) -> Result:
    return _require(name, result, Result, "a simulator.Result (from simulator.simulate)")


def _subplots(*args, **kwargs):
    """Return (figure, axes), detached from pyplot's list of open figures.

    Jupyter then shows a figure once, when a cell returns it (not again at the end of the cell),
    and the explorers can keep redrawing their figures into images.
    """
    with plt.ioff():
        fig, axes = plt.subplots(*args, **kwargs)
    plt.close(fig)
    return fig, axes


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
    from matplotlib.figure import Figure

    _require("fig", fig, Figure, "a matplotlib Figure")
    _require("extra", extra, str, "a string")
    text = DISCLAIMER if not extra else f"{DISCLAIMER}\n{extra}"
    label = fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=7.5, color="#7a1f1f", wrap=True)
    label.set_gid(LABEL_TAG)
    return label


#: Time axes the chain figure offers: linear, or log from 5 minutes to weeks.
TIME_AXES = ("linear", "log")
#: Where a log time axis starts, hours (5 minutes).
LOG_AXIS_START_H = 5.0 / 60.0
#: Ticks of a log time axis, hours, and their labels.
LOG_TICKS = ((0.25, "15 min"), (1.0, "1 h"), (6.0, "6 h"), (24.0, "1 d"), (168.0, "1 wk"), (672.0, "4 wk"))


def _log_time_axis(ax) -> None:
    """Make ``ax`` (hours) a log axis labelled 15 min, 1 h, 6 h, 1 d, 1 wk, 4 wk (shared axes follow)."""
    from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

    ax.set_xscale("log")
    ax.xaxis.set_major_locator(FixedLocator([h for h, _ in LOG_TICKS]))
    ax.xaxis.set_major_formatter(FixedFormatter([label for _, label in LOG_TICKS]))
    ax.xaxis.set_minor_locator(NullLocator())


def _plasma_label(result, species: str) -> str:
    """Legend text of a plasma curve, with the sampling site where the parameter set states it."""
    site = result.pk_set.sampling
    return f"{species}, plasma" + ("" if site == "not stated" else f" ({site})")


def _unit_label(unit: str) -> str:
    return {"uM": "µM"}.get(unit, unit)


#: Most pinned curves a figure keeps (the oldest is dropped).
MAX_PINS = 8


class _Pins:
    """Keep earlier curves as labelled, faded ghosts for comparison: :meth:`pin` and :meth:`clear_pins`."""

    def _data_lines(self) -> list:
        raise NotImplementedError

    def pin(self, label: str) -> None:
        """Keep the curves now shown as faded ghosts labelled ``label`` (at most :data:`MAX_PINS`; the oldest goes)."""
        _require("label", label, str, "a short string naming what is pinned")
        if not label.strip():
            raise ValueError(f"label must be a non-empty string, got {label!r}")
        pins = self.__dict__.setdefault("_pins", [])
        ghosts = []
        for k, line in enumerate(self._data_lines()):
            if not line.get_visible() or len(line.get_xdata()) == 0:
                continue
            (ghost,) = line.axes.plot(
                line.get_xdata(),
                line.get_ydata(),
                color=line.get_color(),
                ls=line.get_linestyle(),
                lw=max(0.8, 0.7 * line.get_linewidth()),
                alpha=0.3,
                label=f"pinned: {label}" if k == 0 else "_nolegend_",
                zorder=1,
            )
            ghosts.append(ghost)
        pins.append((label, ghosts))
        while len(pins) > MAX_PINS:
            for ghost in pins.pop(0)[1]:
                ghost.remove()

    def clear_pins(self) -> None:
        """Remove every pinned curve."""
        for _, ghosts in self.__dict__.get("_pins", []):
            for ghost in ghosts:
                ghost.remove()
        self.__dict__["_pins"] = []

    @property
    def pins(self) -> list[str]:
        """Labels of the pinned curves, oldest first."""
        return [label for label, _ in self.__dict__.get("_pins", [])]


#: Legends sit to the right of the data, so that no curve is hidden behind one.
_OUTSIDE_LEGEND = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "fontsize": 8, "frameon": False, "borderaxespad": 0.0}


class _FastRender:
    """Render to PNG bytes, redrawing only the data when nothing else changed (blitting over a cached background).

    Subclasses list their changing artists in :meth:`_dynamic_artists`. The background (axes, ticks, grid,
    labels, legends, the teaching label) is drawn again only when the figure size, the resolution, an axis
    limit or a legend's labels change; otherwise the data and the title are drawn over it, and each legend's
    box is pasted back on top (legends occlude the data, as a legend with an opaque frame does). Both paths
    give the same pixels.
    """

    def _dynamic_artists(self) -> list:
        raise NotImplementedError

    def render_png(self, dpi: float = 90.0) -> bytes:
        """Return the figure as PNG bytes at ``dpi`` (fast: fast PNG settings, blitting when possible)."""
        import io

        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        dpi = check_number("dpi", dpi, low=10.0, high=600.0)
        state = self.__dict__
        canvas = state.get("_canvas")
        if canvas is None or canvas.figure is not self.fig:
            canvas = state["_canvas"] = FigureCanvasAgg(self.fig)
        self.fig.set_dpi(dpi)
        legends = [ax.get_legend() for ax in self.fig.axes if ax.get_legend() is not None]
        key = (
            dpi,
            tuple(self.fig.get_size_inches()),
            tuple((*ax.get_xlim(), *ax.get_ylim()) for ax in self.fig.axes),
            tuple(tuple(t.get_text() for t in legend.get_texts()) for legend in legends),
        )
        dynamic = [a for a in self._dynamic_artists() if a is not None]
        if state.get("_key") != key:
            # hide the data while the background is drawn; titles stay laid out (a hidden axes title is
            # placed as if nothing were above it), so text is made transparent instead
            from matplotlib.text import Text

            saved = [(a.get_alpha() if isinstance(a, Text) else a.get_visible()) for a in dynamic]
            for a in dynamic:
                a.set_alpha(0.0) if isinstance(a, Text) else a.set_visible(False)
            canvas.draw()
            state["_background"] = canvas.copy_from_bbox(self.fig.bbox)
            renderer = canvas.get_renderer()
            state["_legend_boxes"] = [canvas.copy_from_bbox(legend.get_window_extent(renderer)) for legend in legends]
            state["_key"] = key
            for a, value in zip(dynamic, saved, strict=True):
                a.set_alpha(value) if isinstance(a, Text) else a.set_visible(value)
        else:
            canvas.restore_region(state["_background"])
        renderer = canvas.get_renderer()
        # the axes' spines lie above the data (zorder 2.5): drawn again in order, the pixels equal a full draw
        spines = [s for ax in {a.axes for a in dynamic if a.axes is not None} for s in ax.spines.values()]
        for a in sorted([*dynamic, *spines], key=lambda a: a.get_zorder()):
            if a.get_visible():
                a.draw(renderer)
        for box in state["_legend_boxes"]:
            canvas.restore_region(box)
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


class ConcentrationFigure(_Pins, _FastRender):
    """Plasma and effect-site concentrations of parent and metabolite on one axis.

    Build once, then call :meth:`update` with a new result; lines are updated
    in place.

    Parameters
    ----------
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit of the y axis.
    figsize : tuple
        Figure size (width, height), inches, each in (0, 50].
    """

    def __init__(self, unit: str = "ng/mL", figsize=(9.6, 4.2)):
        self.unit = _check_unit(unit)
        _require("figsize", figsize, (tuple, list), "a (width, height) pair in inches")
        if len(figsize) != 2:
            raise ValueError(f"figsize must be a (width, height) pair in inches, got {figsize!r}")
        figsize = tuple(check_number(f"figsize[{i}]", x, low=0.0, high=50.0, low_inclusive=False) for i, x in enumerate(figsize))
        self.fig, self.ax = _subplots(figsize=figsize)
        self.fig.subplots_adjust(left=0.09, right=0.7, top=0.9, bottom=0.22)
        ax = self.ax
        (self.parent_line,) = ax.plot([], [], color=COLORS["ketamine"], lw=2.2, label="ketamine, plasma")
        (self.effect_line,) = ax.plot([], [], color=COLORS["ketamine"], lw=1.4, ls="--", label="ketamine, effect site (brain)")
        (self.metabolite_line,) = ax.plot([], [], color=COLORS["norketamine"], lw=2.0, label="norketamine, plasma")
        ax.set_xlabel("time after first dose (h)")
        ax.set_ylabel(f"concentration ({_unit_label(unit)})")
        ax.grid(alpha=0.3)
        ax.legend(**_OUTSIDE_LEGEND)
        self.title = ax.set_title("", fontsize=10, loc="left")
        self.label = label_figure(self.fig)

    def _data_lines(self) -> list:
        return [self.parent_line, self.effect_line, self.metabolite_line]

    def _dynamic_artists(self) -> list:
        ghosts = [g for _, group in self.__dict__.get("_pins", []) for g in group]
        return [*ghosts, *self._data_lines(), self.title]

    def update(self, result) -> None:
        """Show ``result`` (a :class:`~simulator.Result`)."""
        _check_result("result", result)
        t = result.time_h
        parent, metabolite = result.pk_set.species
        self.parent_line.set_data(t, result.plasma("ketamine", self.unit))
        self.parent_line.set_label(_plasma_label(result, parent))
        self.effect_line.set_data(t, result.effect_site("ketamine", self.unit))
        self.effect_line.set_label(f"{parent}, effect site (brain)")
        self.metabolite_line.set_data(t, result.plasma("norketamine", self.unit))
        self.metabolite_line.set_label(_plasma_label(result, metabolite))
        top = max(float(np.max(line.get_ydata())) for line in (self.parent_line, self.effect_line, self.metabolite_line))
        self.ax.set_xlim(t[0], t[-1])
        _sticky_top(self.ax, 1.08 * top if top > 0 else 1.0)  # the axis moves only when the data leave it
        self.ax.legend(**_OUTSIDE_LEGEND)
        plasma = self.parent_line.get_ydata()  # no summary(): it would run the whole chain on every slider move
        i = int(np.argmax(plasma))
        self.title.set_text(
            f"{parent} peak {plasma[i]:.0f} {_unit_label(self.unit)} at {t[i]:.2f} h; "
            f"parameter set {result.pk_set.name} ({result.pk_set.citation.short()})"
        )


def concentration_figure(result, unit: str = "ng/mL"):
    """Return a labelled matplotlib figure of ``result``'s concentrations (``unit``: "ng/mL", "mg/L" or "uM")."""
    _check_result("result", result)
    figure = ConcentrationFigure(unit=unit)
    figure.update(result)
    return figure.fig


def chain_figure(result, unit: str = "ng/mL", bands=True):
    """Draw concentrations (with context bands) above NMDA occupancy, on one time axis.

    Parameters
    ----------
    result : Result
        A simulation.
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.
    bands : bool
        Shade the named plasma concentration bands (Zanos 2018 Table 1; Bowdle 1998).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .literature.receptor_data import BANDS
    from .units import convert_concentration

    _check_result("result", result)
    _check_unit(unit)
    _check_flag("bands", bands)

    fig, (top, bottom) = _subplots(2, 1, figsize=(8.0, 6.0), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    fig.subplots_adjust(left=0.11, right=0.8, top=0.93, bottom=0.16, hspace=0.08)
    t = result.time_h
    top.set_xlim(t[0], t[-1])
    parent, metabolite = result.pk_set.species
    top.plot(t, result.plasma("ketamine", unit), color=COLORS["ketamine"], lw=2.2, label=_plasma_label(result, parent))
    top.plot(t, result.effect_site("ketamine", unit), color=COLORS["ketamine"], lw=1.4, ls="--", label=f"{parent}, effect site")
    top.plot(t, result.plasma("norketamine", unit), color=COLORS["norketamine"], lw=2.0, label=_plasma_label(result, metabolite))
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
    by_ligand = result.occupancy_by_ligand()
    for name, values in by_ligand.items():
        if name == "total":
            continue
        color = COLORS["norketamine"] if "nor" in name else COLORS["ketamine"]
        if name in ("ketamine", "norketamine"):  # a racemate: S + R together
            style, label = ":", f"{name} (S + R)"
        else:
            style = "--" if name.startswith("es") else "-."
            label = f"{name} ({'S' if name.startswith('es') else 'R'} part)"
        bottom.plot(t, 100 * values, color=color, lw=1.2, ls=style, label=label)
    low, high = result.occupancy_range()
    bottom.fill_between(t, 100 * low, 100 * high, color="#999999", alpha=0.25, lw=0, label="range across assumptions")
    bottom.plot(t, 100 * result.occupancy, color="#333333", lw=2.2, label="total NMDA block (these assumptions)")
    bottom.set_ylim(0, 100)
    bottom.set_ylabel("NMDA channels\nblocked (%)")
    bottom.set_xlabel("time after first dose (h)")
    bottom.legend(loc="upper right", fontsize=8, frameon=False)
    bottom.grid(alpha=0.3)
    top.set_title(f"dose -> concentration -> NMDA occupancy ({result.pk_set.citation.short()})", fontsize=10, loc="left")
    label_figure(
        fig,
        f"Occupancy: {result.receptor.describe()}; grey: Ki or IC50, with or without Mg2+. "
        "No reliable human PET occupancy exists: the level is uncertain, the shape is the lesson.",
    )
    return fig


def occupancy_curve_figure(assumptions=None, ligands=("esketamine", "ketamine", "arketamine", "norketamine", "memantine")):
    """Draw occupancy against total plasma concentration for several ligands, with EC50 marks and bands.

    Parameters
    ----------
    assumptions : ReceptorAssumptions, optional
        Occupancy assumptions (default: the package's).
    ligands : sequence of str
        One or more names from :data:`LIGAND_NAMES`, each once.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .literature.receptor_data import BANDS
    from .receptor import occupancy_curve

    if assumptions is not None:
        _require("assumptions", assumptions, ReceptorAssumptions, "a simulator.ReceptorAssumptions or None")
    _require("ligands", ligands, (tuple, list), f"a list or tuple of ligand names from {list(LIGAND_NAMES)}")
    if not ligands:
        raise ValueError(f"ligands must name at least one ligand from {list(LIGAND_NAMES)}, got {ligands!r}")
    for i, ligand in enumerate(ligands):
        check_choice(f"ligands[{i}]", ligand, LIGAND_NAMES)
    if len(set(ligands)) != len(ligands):
        raise ValueError(f"ligands must name each ligand once, got {list(ligands)}")

    concentrations = np.geomspace(1.0, 1e5, 300)
    fig, ax = _subplots(figsize=(8.0, 4.6))
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
    """Draw open and blocked fractions over seconds for several blockers (from :func:`simulator.receptor.channel_block`).

    Parameters
    ----------
    results : dict
        Name (a string, the legend label) -> :class:`~simulator.receptor.ChannelBlockResult`; at least one.
    control : ChannelBlockResult, optional
        A run without blocker, drawn in grey.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _require("results", results, dict, "a dict of name -> ChannelBlockResult (from simulator.receptor.channel_block)")
    if not results:
        raise ValueError("results must hold at least one name -> ChannelBlockResult, got an empty dict")
    for name, res in results.items():
        _require("results key", name, str, "a string (the legend label)")
        _require(f"results[{name!r}]", res, ChannelBlockResult, "a ChannelBlockResult (from simulator.receptor.channel_block)")
    if control is not None:
        _require("control", control, ChannelBlockResult, "a ChannelBlockResult or None")
    fig, (top, bottom) = _subplots(2, 1, figsize=(8.0, 5.4), sharex=True)
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
    label_figure(
        fig,
        "Rates: Gilling 2009 (ketamine, memantine); gating Destexhe, Mainen & Sejnowski 1998; MK-801 rates "
        "and the 150 ms glutamate pulse illustrative.",
    )
    return fig


_BLOCKER_STYLE = {"ketamine": ("#1f5fa8", "-"), "memantine": ("#009e73", "--"), "mk801": ("#cc79a7", ":")}


def trapping_figure(comparison):
    """Draw trapping against partial untrapping: blockers at equal equilibrium occupancy through one pulse train.

    Parameters
    ----------
    comparison : BlockerComparison
        From :func:`simulator.receptor.compare_blockers`.

    Returns
    -------
    matplotlib.figure.Figure
        Top: the open fraction over the last pulses, with the control. Bottom: transmission after each pulse
        relative to the control (1 = unblocked): a trapped blocker accumulates, memantine spares more.
    """
    _require("comparison", comparison, BlockerComparison, "a BlockerComparison (from simulator.receptor.compare_blockers)")
    control = comparison.runs["none"]
    pulses = comparison.pulse_times_s
    last = control.time_s >= max(0.0, pulses[-min(5, pulses.size)] - 0.2)
    fig, (top, bottom) = _subplots(2, 1, figsize=(8.0, 5.8))
    fig.subplots_adjust(left=0.11, right=0.97, top=0.91, bottom=0.17, hspace=0.45)
    top.plot(control.time_s[last], control.open[last], color="#999999", lw=1.5, label="no blocker")
    transmission = comparison.transmission()
    for name, run in comparison.runs.items():
        if name == "none":
            continue
        color, style = _BLOCKER_STYLE[name]
        label = f"{name} ({comparison.concentrations_um[name]:.2g} uM)"
        top.plot(run.time_s[last], run.open[last], color=color, ls=style, lw=1.8, label=label)
        bottom.plot(np.arange(1, pulses.size + 1), 100 * transmission[name], color=color, ls=style, lw=2, label=name)
    top.set_xlabel("time (s): the last pulses of the train")
    top.set_ylabel("open fraction")
    top.legend(fontsize=8, frameon=False, loc="upper right")
    bottom.axhline(100 * (1 - comparison.occupancy), color="#777777", lw=1, ls="-.", label="1 - equilibrium occupancy")
    bottom.set_ylim(0, 105)
    bottom.set_xlabel("pulse number")
    bottom.set_ylabel("transmission\n(% of no blocker)")
    bottom.legend(fontsize=8, frameon=False, loc="lower left", ncol=2)
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
    top.set_title(
        f"equal equilibrium occupancy ({100 * comparison.occupancy:.0f}%): trapped blockers accumulate, memantine escapes",
        fontsize=10,
        loc="left",
    )
    label_figure(
        fig,
        "Rates: Gilling 2009 (ketamine, memantine, partial untrapping); gating Destexhe, Mainen & Sejnowski 1998; "
        "MK-801 rates illustrative.",
    )
    return fig


#: Upper limits the chain figure's acute-effects axis steps between (% of maximum and mmHg share it).
ACUTE_AXIS_RUNGS = (10.0, 25.0, 50.0, 110.0)


def _sticky_top(ax, wanted: float) -> None:
    """Set the upper y limit to ``wanted`` only when the data leave the axis or use less than half of it."""
    current = ax.get_ylim()[1]
    if not getattr(ax, "_scaled_once", False) or wanted < 0.5 * current:
        ax.set_ylim(0, wanted)
        ax._scaled_once = True
    elif wanted > current:  # growing: leave headroom so that the next small step keeps the axis
        ax.set_ylim(0, 1.25 * wanted)


class FullChainFigure(_Pins, _FastRender):
    """The whole causal chain on one time axis, built once and updated in place.

    Panels: plasma concentrations, NMDA block (with its range across assumptions, and the comparator's
    transporter block), the toy acute effects (dissociation, systolic rise: hours), the toy plasticity
    stages, the toy symptom score (with an optional conventional comparator).

    Parameters
    ----------
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.
    days : bool
        Time axis in days (else hours); ignored on a log axis.
    time_axis : {"linear", "log"}
        ``"log"``: one axis from 5 minutes to the end, ticks labelled 15 min, 1 h, 6 h, 1 d, 1 wk, 4 wk, so
        that an onset within hours and a benefit over weeks show together.
    """

    def __init__(self, unit: str = "ng/mL", days: bool = True, time_axis: str = "linear"):
        self.log = check_choice("time_axis", time_axis, TIME_AXES) == "log"
        self.unit, self.scale = _check_unit(unit), 24.0 if _check_flag("days", days) and not self.log else 1.0
        self.fig, axes = _subplots(
            5, 1, figsize=(11.0, 10.4), sharex=True, gridspec_kw={"height_ratios": [2, 1.3, 1.1, 1.6, 1.8]}
        )
        self.fig.subplots_adjust(left=0.09, right=0.7, top=0.93, bottom=0.1, hspace=0.12)
        self.axes = conc, occ, acute, plast, symp = axes
        line = lambda ax, **kw: ax.plot([], [], **kw)[0]  # noqa: E731
        self.parent = line(conc, color=COLORS["ketamine"], lw=1.6, label="ketamine, plasma")
        self.metabolite = line(conc, color=COLORS["norketamine"], lw=1.4, label="norketamine, plasma")
        conc.set_ylabel(f"plasma\n({_unit_label(unit)})")
        self.block = line(occ, color="#333333", lw=1.6, label="NMDA block (these assumptions)")
        self.transporter = line(occ, color="#c0392b", lw=1.6, ls="--", label="serotonin transporter block (comparator, toy)")
        self.block_range = occ.fill_between([], [], [], color="#999999", alpha=0.25, lw=0, label="range across assumptions")
        occ.set_ylabel("channels or\ntransporters\nblocked (%)")
        occ.set_ylim(0, 100)
        self.dissociation = line(acute, color="#8e5ba6", lw=1.6, label="dissociation (toy index, % of maximum)")
        self.systolic = line(acute, color="#c0392b", lw=1.6, ls="-.", label="systolic rise (toy, mmHg)")
        acute.set_ylabel("toy acute\neffects")
        self.signal = line(plast, color="#6a9f3a", lw=1.2, label="signal (BDNF/mTOR), hours")
        self.labile = line(plast, color="#8e5ba6", lw=1.2, ls="--", label="new synapses, days")
        self.consolidated = line(plast, color="#b5651d", lw=1.2, ls=":", label="consolidated synapses, weeks")
        self.index = line(plast, color="#222222", lw=2.0, label="plasticity index (toy)")
        plast.set_ylabel("toy plasticity\n(0 = baseline)")
        self.baseline = symp.axhline(32, color="#999999", lw=0.8)
        self.response = symp.axhline(16, color="#999999", lw=0.8, ls="--", label="response: 50% drop")
        self.score = line(symp, color=COLORS["ketamine"], lw=2.0, label="ketamine (toy)")
        self.comparator = line(symp, color="#c0392b", lw=2.0, label="conventional antidepressant, daily (toy)")
        symp.set_ylim(0, 60)
        symp.set_ylabel("toy symptom\nscore (0-60)")
        symp.set_xlabel(
            "time after the first dose" if self.log else "days after first dose" if days else "hours after first dose"
        )
        if self.log:
            _log_time_axis(symp)
        for ax in axes:
            ax.grid(alpha=0.3)
            if ax.get_legend_handles_labels()[0]:
                ax.legend(**_OUTSIDE_LEGEND)
        self.doses = []
        self.title = conc.set_title("", fontsize=10, loc="left")
        label_figure(
            self.fig,
            "Plasticity and symptom panels are toys tuned to published time courses (Kishimoto 2016, Moda-Sava 2019, "
            "Murrough 2013, Trivedi 2006); they predict nothing for a person.",
        )

    def _data_lines(self) -> list:
        return [self.parent, self.metabolite, self.block, self.index, self.score]

    def _dynamic_artists(self) -> list:
        ghosts = [g for _, group in self.__dict__.get("_pins", []) for g in group]
        lines = [self.parent, self.metabolite, self.block, self.transporter, self.dissociation, self.systolic]
        lines += [self.signal, self.labile]
        lines += [self.consolidated, self.index, self.baseline, self.response, self.score, self.comparator]
        cursor = self.__dict__.get("_cursor", [])
        return [*ghosts, self.block_range, *self.doses, *lines, *cursor, self.title]

    def set_cursor(self, time_h) -> str | None:
        """Draw a time cursor across every panel and read out all values at that moment (None removes it).

        ``time_h``: hours after the first dose, within the result shown (the nearest output time is used).
        Returns the readout text (also drawn on the figure), or None.
        """
        for artist in self.__dict__.pop("_cursor", []):
            artist.remove()
        if time_h is None:
            return None
        result = self.__dict__.get("_result")
        if result is None:
            raise ValueError("set_cursor needs a result: call update(result) first")
        t = result.time_h
        time_h = check_number("time_h", time_h, low=float(t[0]), high=float(t[-1]))
        k = int(np.argmin(np.abs(t - time_h)))
        parent, metabolite = result.pk_set.species
        text = (
            f"at {_hours(float(t[k]))}: {parent} {_sig(float(result.plasma('ketamine', self.unit)[k]))} "
            f"{_unit_label(self.unit)}, {metabolite} {_sig(float(result.plasma('norketamine', self.unit)[k]))}; "
            f"NMDA block {_sig(100 * float(result.occupancy[k]))}%; dissociation "
            f"{_sig(100 * float(result.dissociation_index[k]))}% of max, systolic +{_sig(float(result.systolic_change_mmhg[k]))} "
            f"mmHg; plasticity index {_sig(float(result.plasticity_index[k]))}; toy score {_sig(float(result.symptom_score[k]))}"
        )
        x = t[k] / self.scale
        lines = [ax.axvline(x, color="#000000", lw=1.0, ls=(0, (2, 2))) for ax in self.axes]
        readout = self.fig.text(0.09, 0.968, text, fontsize=8, ha="left", va="bottom")
        self.__dict__["_cursor"] = [*lines, readout]
        return text

    def update(self, result, comparator=None) -> None:
        """Show ``result`` (and ``comparator``, a :func:`~simulator.plasticity.conventional_antidepressant` run, or hide it)."""
        _check_result("result", result)
        if comparator is not None:
            _require("comparator", comparator, ComparatorResult, "a ComparatorResult (from conventional_antidepressant) or None")
        t = result.time_h / self.scale
        self.__dict__["_result"] = result
        parent, metabolite = result.pk_set.species
        self.parent.set_data(t, result.plasma("ketamine", self.unit))
        self.parent.set_label(_plasma_label(result, parent))
        self.metabolite.set_data(t, result.plasma("norketamine", self.unit))
        self.metabolite.set_label(_plasma_label(result, metabolite))
        self.block.set_data(t, 100 * result.occupancy)
        self.block_range.remove()
        low, high = result.occupancy_range()
        self.block_range = self.axes[1].fill_between(t, 100 * low, 100 * high, color="#999999", alpha=0.25, lw=0)
        c = result.chain
        self.signal.set_data(t, c.signal)
        self.labile.set_data(t, c.labile)
        self.consolidated.set_data(t, c.index - c.labile)
        self.index.set_data(t, c.index)
        baseline = result.plasticity_model.baseline_score
        self.baseline.set_ydata([baseline, baseline])
        self.response.set_ydata([0.5 * baseline, 0.5 * baseline])
        self.score.set_data(t, result.symptom_score)
        self.score.set_label(f"{parent} (toy)")
        if comparator is not None:
            keep = comparator.time_h <= result.time_h[-1]
            self.comparator.set_data(comparator.time_h[keep] / self.scale, comparator.symptom_score[keep])
            self.transporter.set_data(comparator.time_h[keep] / self.scale, 100 * comparator.block[keep])
        self.comparator.set_visible(comparator is not None)
        self.transporter.set_visible(comparator is not None)
        for marker in self.doses:
            marker.remove()
        self.doses = [
            ax.axvline(e.start_h / self.scale, color="#1f5fa8", alpha=0.15, lw=3)
            for e in result.regimen.events
            for ax in self.axes
        ]
        conc, _, acute, plast, symp = self.axes
        self.dissociation.set_data(t, 100 * result.dissociation_index)
        self.systolic.set_data(t, result.systolic_change_mmhg)
        acute_top = max(float(np.max(self.dissociation.get_ydata())), float(np.max(result.systolic_change_mmhg)))
        acute.set_ylim(0, next(rung for rung in ACUTE_AXIS_RUNGS if rung >= 1.1 * acute_top))  # moves in steps
        conc.set_xlim(LOG_AXIS_START_H if self.log else t[0], t[-1])
        top = max(float(np.max(self.parent.get_ydata())), float(np.max(self.metabolite.get_ydata())))
        _sticky_top(conc, 1.1 * top if top > 0 else 1.0)
        _sticky_top(plast, max(1.0, 1.1 * float(np.max(c.index)), 1.1 * float(np.max(c.signal))))
        for ax in (conc, symp):
            ax.legend(**_OUTSIDE_LEGEND)
        self.title.set_text(
            f"dose -> concentration -> NMDA block -> toy plasticity -> toy symptoms ({result.pk_set.citation.short()})"
        )


def full_chain_figure(result, comparator=None, unit: str = "ng/mL", days=True, time_axis: str = "linear"):
    """Return a labelled figure of the whole chain for ``result`` (see :class:`FullChainFigure`)."""
    _check_result("result", result)
    if comparator is not None:
        _require("comparator", comparator, ComparatorResult, "a ComparatorResult (from conventional_antidepressant) or None")
    figure = FullChainFigure(unit=unit, days=days, time_axis=time_axis)
    figure.update(result, comparator)
    return figure.fig


def population_figure(population, patient=None, days: bool = True):
    """Draw percentile bands (5-95%, 25-75%, median) of a virtual population, and one drawn patient.

    Parameters
    ----------
    population : PopulationResult
        From :func:`simulator.simulate_population`, storing the outputs :data:`POPULATION_PANELS`.
    patient : PopulationResult, optional
        One patient (:func:`simulator.draw_patient`, a population of one) drawn over the bands.
    days : bool
        Time axis in days.

    Returns
    -------
    matplotlib.figure.Figure
    """
    for name, value in (("population", population), ("patient", patient)):
        if value is None and name == "patient":
            continue
        _require(name, value, PopulationResult, "a simulator.PopulationResult (from simulate_population or draw_patient)")
        missing = [output for output in POPULATION_PANELS if output not in value.data]
        if missing:
            raise ValueError(f"{name} must store the outputs {list(POPULATION_PANELS)}; it lacks {missing}")
    if patient is not None and len(patient) != 1:
        raise ValueError(f"patient must be one drawn patient (simulator.draw_patient), got a population of {len(patient)}")
    _check_flag("days", days)
    scale = 24.0 if days else 1.0
    t = population.time_h / scale
    panels = (
        ("plasma_ketamine", "ketamine plasma\n(ng/mL)", 1.0),
        ("occupancy", "NMDA block\n(%)", 100.0),
        ("plasticity_index", "toy plasticity\nindex", 1.0),
        ("symptom_score", "toy symptom\nscore (0-60)", 1.0),
    )
    fig, axes = _subplots(len(panels) + 1, 1, figsize=(8.5, 10.0), sharex=True)
    fig.subplots_adjust(left=0.12, right=0.97, top=0.95, bottom=0.1, hspace=0.12)
    for ax, (name, label, factor) in zip(axes, panels, strict=False):
        p5, p25, p50, p75, p95 = factor * population.percentiles(name)
        ax.fill_between(t, p5, p95, color="#9ecae1", alpha=0.5, lw=0, label="5-95% of patients")
        ax.fill_between(t, p25, p75, color="#4292c6", alpha=0.5, lw=0, label="25-75%")
        ax.plot(t, p50, color="#08306b", lw=1.8, label="median")
        if patient is not None:
            ax.plot(patient.time_h / scale, factor * patient.data[name][0], color="#c0392b", lw=1.5, label="one drawn patient")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    axes[3].axhline(0.5 * population.baseline_score, color="#777777", ls="--", lw=0.8)
    axes[0].legend(loc="upper right", fontsize=7.5, frameon=False)
    axes[-1].plot(t, 100 * population.fraction_in_response(), color="#2a7f3f", lw=2)
    axes[-1].set_ylim(0, 100)
    axes[-1].set_ylabel("virtual patients\nin response (%)")
    axes[-1].set_xlabel("days after first dose" if days else "hours after first dose")
    axes[-1].grid(alpha=0.3)
    axes[0].set_title(
        f"{len(population)} virtual patients, same regimen ({population.pk_set.citation.short()} set)",
        fontsize=9,
        loc="left",
    )
    label_figure(fig, "Virtual patients are draws from population averages and variabilities; none of them is a real person.")
    return fig


def schedule_figure(table: dict):
    """Draw the fraction of virtual patients in (toy) response by day for each schedule of :func:`compare_schedules`.

    Parameters
    ----------
    table : dict
        Schedule name -> row, as :func:`simulator.compare_schedules` returns (each row a dict with
        the entries :data:`SCHEDULE_KEYS`); at least one schedule.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _require("table", table, dict, "a dict of schedule name -> row (from simulator.compare_schedules)")
    if not table:
        raise ValueError("table must hold at least one schedule, got an empty dict")
    for name, row in table.items():
        _require(f"table[{name!r}]", row, dict, "a dict (a row of simulator.compare_schedules)")
        missing = [key for key in SCHEDULE_KEYS if key not in row]
        if missing:
            raise ValueError(f"table[{name!r}] must have the entries {list(SCHEDULE_KEYS)}; it lacks {missing}")
    fig, ax = _subplots(figsize=(8.5, 4.2))
    fig.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.25)
    for name, row in table.items():
        lo, mid, hi = row["days_in_response"]
        sessions = f"{row['sessions']} session{'' if row['sessions'] == 1 else 's'}"
        burden = f", {row['hours_with_acute_effects']:.2g} h of acute effects" if "hours_with_acute_effects" in row else ""
        label = f"{name}: {sessions}{burden}, median {mid:.0f} days in response (IQR {lo:.0f}-{hi:.0f})"
        ax.plot(row["day"], 100 * row["fraction_in_response_by_day"], lw=2, marker="o", ms=3, label=label)
    ax.set_xlabel("day")
    ax.set_ylabel("virtual patients in response (%)")
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7.5, frameon=False, loc="upper right")
    label_figure(
        fig, "Schedules are inputs for exploring a toy model, not recommendations; response is the toy score's 50% drop."
    )
    return fig


def acute_effects_figure(results, labels=None, hours: float = 6.0, unit: str = "ng/mL"):
    """Draw concentration, toy dissociation and toy blood-pressure rise over the hours after a dose.

    Parameters
    ----------
    results : Result or sequence of Result
        One simulation, or several (for example several doses) drawn side by side on shared axes.
    labels : sequence of str, optional
        A column title for each result (default: the first dose event of each).
    hours : float
        Hours after the first dose to show, in (0, 48].
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.

    Returns
    -------
    matplotlib.figure.Figure
        Rows: plasma and brain (effect-site) concentration; dissociation index (0-1); systolic rise
        (mmHg). The label's observation time after an esketamine dose (at least 2 h, Spravato label) is
        drawn as a cited reference band.
    """
    from .literature.acute_data import LABEL_OBSERVATION_H

    group = [results] if isinstance(results, Result) else list(results) if isinstance(results, (list, tuple)) else None
    if not group:
        raise TypeError("results must be a simulator.Result or a non-empty list of them")
    for k, r in enumerate(group):
        _check_result(f"results[{k}]", r)
    if labels is None:
        labels = [_dose_text(r.regimen.events[0]) for r in group]
    if isinstance(labels, str) or len(labels) != len(group) or not all(isinstance(x, str) for x in labels):
        raise TypeError(f"labels must be a list of {len(group)} strings, one per result")
    hours = check_number("hours", hours, low=0.0, high=48.0, low_inclusive=False)
    _check_unit(unit)
    width = 3.6 * len(group) + 1.6
    fig, axes = _subplots(3, len(group), figsize=(width, 7.6), sharex=True, sharey="row", squeeze=False)
    # margins in inches, so that labels fit whatever the number of columns
    fig.subplots_adjust(left=1.25 / width, right=1 - 0.2 / width, top=0.88, bottom=0.16, hspace=0.12, wspace=0.08)
    observe = LABEL_OBSERVATION_H.value
    for col, (r, title) in enumerate(zip(group, labels, strict=True)):
        conc, diss, bp = axes[:, col]
        keep = r.time_h <= hours
        t = r.time_h[keep]
        parent, _ = r.pk_set.species
        conc.plot(t, r.plasma("ketamine", unit)[keep], color=COLORS["ketamine"], lw=2.0, label=_plasma_label(r, parent))
        conc.plot(
            t, r.effect_site("ketamine", unit)[keep], color=COLORS["ketamine"], lw=1.3, ls="--", label="brain (effect site)"
        )
        diss.plot(t, r.dissociation_index[keep], color="#8e5ba6", lw=2.0)
        bp.plot(t, r.systolic_change_mmhg[keep], color="#c0392b", lw=2.0)
        for ax in (conc, diss, bp):
            for e in r.regimen.events:
                if e.start_h <= hours:
                    ax.axvspan(e.start_h, min(e.start_h + observe, hours), color="#f2d7a6", alpha=0.35, lw=0)
            ax.grid(alpha=0.3)
        conc.set_title(title, fontsize=10, loc="left")
        bp.set_xlabel("hours after the first dose")
        bp.set_xlim(0, hours)
    axes[0, 0].set_ylabel(f"concentration\n({_unit_label(unit)})")
    axes[1, 0].set_ylabel("toy dissociation\nindex (0-1)")
    axes[1, 0].set_ylim(0, 1.05)
    axes[2, 0].set_ylabel("toy systolic rise\n(mmHg)")
    axes[2, 0].set_ylim(0, max(1.0, 1.15 * max(float(np.max(r.systolic_change_mmhg)) for r in group)))
    axes[0, 0].legend(loc="upper right", fontsize=8, frameon=False)
    from matplotlib.patches import Patch

    axes[1, -1].legend(
        handles=[
            Patch(color="#f2d7a6", alpha=0.6, label=f"observation for at least {observe:g} h after a dose (Spravato label)")
        ],
        loc="upper right",
        fontsize=8,
        frameon=False,
    )
    fig.suptitle(
        "acute effects follow the concentration for hours;\nthe benefit builds over days",
        fontsize=11,
        x=1.25 / width,
        ha="left",
    )
    label_figure(
        fig,
        "Dissociation and blood-pressure links are toys tuned to the Spravato label and infusion trials "
        "(simulator.literature.acute_data); they predict nothing for a person and say nothing about a safe dose.",
    )
    return fig


def _dose_text(event) -> str:
    """Return a short description of a dose event for a panel title."""
    amount = f"{event.dose_mg_per_kg:g} mg/kg" if getattr(event, "dose_mg_per_kg", None) else ""
    if not amount and getattr(event, "dose_mg", None):
        amount = f"{event.dose_mg:g} mg"
    drug = "esketamine" if event.drug == "esketamine" else "ketamine"
    return f"{amount} {drug}, {type(event).__name__.lower()}".strip()


def _sig(x: float, digits: int = 2) -> str:
    """Return ``x`` rounded to ``digits`` significant figures, written without an exponent (180, 0.29, 6.3)."""
    return f"{float(f'{x:.{digits}g}'):g}" if np.isfinite(x) else "n/a"


def _hours(h: float) -> str:
    """Return a time in hours as words a reader takes in at once: minutes, hours or days (2 significant figures)."""
    if not np.isfinite(h):
        return "never"
    if h < 1.0:
        return f"{_sig(h * 60)} min"
    if h < 48.0:
        return f"{_sig(h)} h"
    return f"{_sig(h / 24)} days"


def describe(subject) -> str:
    """Return one paragraph with the key numbers of what a figure shows, for alt text and screen readers.

    ``subject``: a :class:`~simulator.Result` (the concentration, chain and acute figures), a
    :class:`~simulator.PopulationResult` (the population figure) or a :func:`simulator.compare_schedules`
    table (the schedule figure). Numbers have 2 significant figures; the teaching-model statement ends it.
    """
    if isinstance(subject, Result):
        s = subject.summary(significant=None)
        parent, metabolite = subject.pk_set.species
        k, nk, acute, symptom = s[parent if parent in s else "ketamine"], s["norketamine"], s["acute"], s["symptom"]
        low, high = subject.occupancy_range()
        i = int(np.argmax(subject.occupancy))
        text = (
            f"{parent.capitalize()} in plasma peaks at {_sig(k['cmax'])} ng/mL {_hours(k['tmax_h'])} after the first dose "
            f"({subject.pk_set.citation.short()} set); {metabolite} peaks at {_sig(nk['cmax'])} ng/mL. "
            f"NMDA block peaks at {_sig(100 * subject.occupancy[i])}% (from {_sig(100 * low[i])}% to {_sig(100 * high[i])}% "
            f"across receptor assumptions). "
        )
        if symptom["peak_improvement"] > 0:
            text += (
                f"The toy symptom score starts to improve {_hours(symptom['onset_h'])} after the first dose, improves "
                f"most ({_sig(symptom['peak_improvement'])} points) at {_hours(symptom['peak_h'])}, and is in toy "
                f"response for {_sig(symptom['days_in_response'])} days. "
            )
        text += (
            f"Toy dissociation peaks at {_sig(acute['dissociation_peak'])} (0-1) and the toy systolic rise at "
            f"{_sig(acute['systolic_peak_mmhg'])} mmHg; acute effects last {_sig(acute['hours_with_effects'])} h in all over "
            f"{acute['sessions']} session{'' if acute['sessions'] == 1 else 's'}. "
        )
    elif isinstance(subject, PopulationResult):
        text = f"{subject.data[next(iter(subject.data))].shape[0]} virtual patients. "
        if "plasma_ketamine" in subject.data:
            peaks = np.percentile(subject.data["plasma_ketamine"].max(axis=1), (5, 50, 95))
            text += (
                f"Peak plasma concentration: median {_sig(peaks[1])} ng/mL (90% between {_sig(peaks[0])} and {_sig(peaks[2])}). "
            )
        if "symptom_score" in subject.data:
            fraction = subject.fraction_in_response()
            j = int(np.argmax(fraction))
            text += (
                f"At most {_sig(100 * fraction[j])}% are in toy response at once, {_hours(float(subject.time_h[j]))} after the "
                f"first dose; {_sig(100 * fraction[-1])}% at the end of the window. "
            )
    elif isinstance(subject, dict) and subject and all(isinstance(r, dict) and "days_in_response" in r for r in subject.values()):
        parts = []
        for name, row in subject.items():
            burden = f", {_sig(row['hours_with_acute_effects'])} h of acute effects" if "hours_with_acute_effects" in row else ""
            parts.append(
                f"{name}: {row['sessions']} session{'' if row['sessions'] == 1 else 's'}{burden}, median "
                f"{_sig(row['days_in_response'][1])} days in toy response"
            )
        text = "Schedules compared on the same virtual patients. " + "; ".join(parts) + ". "
    else:
        raise TypeError(
            "subject must be a simulator.Result, a simulator.PopulationResult or a compare_schedules table, got "
            f"{type(subject).__name__}"
        )
    return text + DISCLAIMER


#: Line style and marker per overlaid set, so that no two curves differ by colour alone.
_SET_STYLES = (("-", ""), ("--", ""), ("-.", ""), (":", ""), ("-", "o"), ("--", "s"), ("-.", "^"))


def sets_figure(regimen, patient=None, pk_sets=None, end_h=None, unit: str = "ng/mL"):
    """Overlay the plasma curve of one regimen under several published parameter sets: where the models disagree.

    Parameters
    ----------
    regimen : dose event or Regimen
        What is given (an input for exploring the models).
    patient : Patient, optional
        Default: a 70 kg, 40-year-old adult.
    pk_sets : sequence of str, optional
        Registered set names (default: every set for the regimen's drug that describes its routes).
    end_h : float, optional
        Window, h (default: 24 h after the last dose).
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.

    Returns
    -------
    matplotlib.figure.Figure
        One line per set, each in its own line style, labelled with its citation and sampling site.
    """
    import warnings

    from . import literature
    from .dosing import as_regimen
    from .literature import OutsideValidityWarning
    from .pipeline import simulate

    regimen = as_regimen(regimen)
    _check_unit(unit)
    if pk_sets is None:
        pk_sets = [n for n in literature.names() if literature.get(n).drug == regimen.drug]
        pk_sets = [n for n in pk_sets if all(literature.get(n).describes(r) for r in regimen.routes)]
    if isinstance(pk_sets, str) or not isinstance(pk_sets, (list, tuple)) or not 1 <= len(pk_sets) <= len(_SET_STYLES):
        raise TypeError(f"pk_sets must be a list of 1 to {len(_SET_STYLES)} set names, got {pk_sets!r}")
    fig, ax = _subplots(figsize=(8.0, 4.4))
    fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.24)
    for name, (style, marker) in zip(pk_sets, _SET_STYLES, strict=False):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OutsideValidityWarning)  # compared on purpose; the legend says who
            r = simulate(regimen, patient, pk_set=name, end_h=end_h, step_min=0.5)
        s = r.pk_set
        site = "" if s.sampling == "not stated" else f", {s.sampling}"
        ax.plot(
            r.time_h,
            r.plasma("ketamine", unit),
            ls=style,
            marker=marker or None,
            markevery=max(1, r.time_h.size // 12),
            ms=5,
            lw=2.0,
            label=f"{s.citation.short()} ({name}{site})",
        )
    ax.set_xlabel("time after first dose (h)")
    ax.set_ylabel(f"plasma {r.pk_set.species[0]} ({_unit_label(unit)})")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="upper right")
    ax.set_title("the same dose under different published models", fontsize=10, loc="left")
    label_figure(fig, "Sets fitted in other populations (children, ICU) are shown for comparison only.")
    return fig


def receptors_figure(result, time_h: float):
    """Draw 100 NMDA receptors and how many are blocked at one moment, next to the number and its range.

    Parameters
    ----------
    result : Result
        A simulation.
    time_h : float
        The moment, h, within the simulated window (the nearest output time is used).

    Returns
    -------
    matplotlib.figure.Figure
        A 10 x 10 grid: filled circles are blocked channels (rounded to whole receptors), open circles free
        ones; the text gives the occupancy and its range across receptor assumptions at that moment.
    """
    _check_result("result", result)
    t = result.time_h
    time_h = check_number("time_h", time_h, low=float(t[0]), high=float(t[-1]))
    k = int(np.argmin(np.abs(t - time_h)))
    occupancy = float(result.occupancy[k])
    low, high = (float(x[k]) for x in result.occupancy_range())
    blocked = round(100 * occupancy)
    fig, ax = _subplots(figsize=(6.4, 4.2))
    fig.subplots_adjust(left=0.02, right=0.6, top=0.88, bottom=0.2)
    rows, cols = np.divmod(np.arange(100), 10)
    filled = np.arange(100) < blocked
    ax.scatter(cols[filled], 9 - rows[filled], s=120, color="#333333", marker="o", label="blocked")
    ax.scatter(cols[~filled], 9 - rows[~filled], s=120, facecolors="none", edgecolors="#333333", marker="o", label="free")
    ax.set_xlim(-0.7, 9.7)
    ax.set_ylim(-0.7, 9.7)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 0.35), fontsize=9, frameon=False)
    a = result.receptor
    fig.text(
        0.62,
        0.62,
        f"{blocked} of 100\nNMDA channels blocked\nat {_hours(float(t[k]))}\n\n"
        f"other assumptions:\n{100 * low:.0f} to {100 * high:.0f} of 100",
        fontsize=11,
        va="center",
    )
    ax.set_title(f"the brain at one moment ({a.measure}, Mg2+ {'1 mM' if a.magnesium else 'none'})", fontsize=10, loc="left")
    label_figure(fig, "No human PET measurement gives this number: the level is uncertain (see the range).")
    return fig
