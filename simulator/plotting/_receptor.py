"""The receptor figures: occupancy curves, the linked curves-and-receptors view, channel block and trapping.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import numpy as np

from .._validate import check_choice, check_number
from ..receptor import CURVE_LIGANDS, LIGANDS, MIXTURES, BlockerComparison, ChannelBlockResult, OccupancyCurves
from ..style import CYCLE, SERIES, get_style
from ..tables import format_duration as _hours
from ..tables import format_number as _sig
from ._base import BaseFigure
from ._common import (
    BAND_COLORS,
    check_result,
    cycled,
    draw_grid,
    draw_legend,
    finish,
    require,
    series_line,
    set_title,
    set_ylabel,
    subplots,
    visible_legend,
)

#: Ligand names the occupancy-curve figure accepts (single ligands and racemates).
LIGAND_NAMES = tuple(sorted([*LIGANDS, *MIXTURES]))


#: Ligand -> (colour, line style) in the occupancy-curve figure: S parts dashed, R parts dash-dotted,
#: racemates (S + R) solid; ketamine blue, norketamine orange, others their own colour.
_LIGAND_STYLE = {
    "esketamine": (SERIES["ketamine"].color, "--"),
    "arketamine": (SERIES["ketamine"].color, "-."),
    "ketamine": (SERIES["ketamine"].color, "-"),
    "esnorketamine": (SERIES["norketamine"].color, "--"),
    "arnorketamine": (SERIES["norketamine"].color, "-."),
    "norketamine": (SERIES["norketamine"].color, "-"),
    "memantine": (CYCLE[2].color, ":"),
    "mk801": (CYCLE[3].color, ":"),
    "hnk_2r6r": ("#000000", "-."),
    "hnk_2s6s": ("#000000", "--"),
}


def _ligand_label(ligand: str) -> str:
    part = {"es": "S", "ar": "R"}.get(ligand[:2]) if ligand not in ("memantine",) else None
    return f"{ligand} ({part} part)" if part else f"{ligand} (S + R)" if ligand in MIXTURES else ligand


def _check_curves(curves) -> None:
    require("curves", curves, OccupancyCurves, "a simulator.receptor.OccupancyCurves (from simulator.receptor.occupancy_curves)")


def occupancy_curve_figure(curves, style="notebook"):
    """Draw occupancy against total plasma concentration for several ligands, with EC50 marks and bands.

    Parameters
    ----------
    curves : OccupancyCurves
        From :func:`simulator.receptor.occupancy_curves`: the curves of its ligands under its assumptions. S parts
        are dashed, R parts dash-dotted, racemates solid.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..literature.receptor_data import BANDS

    _check_curves(curves)
    st = get_style(style)

    concentrations = curves.concentrations_ng_per_ml
    fig, ax = subplots(st, (8.0, 4.6))
    for ligand in curves.ligands:
        occupancy, ec50 = curves.curves[ligand], curves.ec50_ng_per_ml[ligand]
        color, ls = _LIGAND_STYLE[ligand]
        ax.plot(concentrations, 100 * occupancy, color=color, ls=ls, lw=st.lw(1.1),
                label=f"{_ligand_label(ligand)}, EC50 {_sig(ec50)} ng/mL")  # fmt: skip
        ax.plot([ec50], [50], "o", color=color, ms=2.5 * st.lw(1.0), label="_nolegend_")
    for i, band in enumerate(BANDS):  # bands overlap: one horizontal bar each, stacked at the bottom
        ax.plot([band.low_ng_per_ml, band.high_ng_per_ml], [3 + 5 * i] * 2, lw=0.5 * st.small, solid_capstyle="butt", alpha=0.7,
                color=BAND_COLORS[i % len(BAND_COLORS)], label=f"{band.name} range ({band.citation.short()})")  # fmt: skip
    ax.set_xscale("log")
    ax.set_ylim(0, 100)
    ax.set_xlabel("total plasma concentration at equilibrium (ng/mL)")
    set_ylabel(ax, st, "NMDA channels\nblocked (%)")
    draw_legend(ax, st)
    draw_grid(ax, st)
    set_title(ax, st, "how much block each concentration gives", "dots: half block (EC50)")
    return finish(
        fig, st, "Affinities: Ebert 1997 (Ki) or Gilling 2009 (IC50); memantine Blanpied 1997. Equilibrium, no kinetics."
    )


class ReceptorFigure(BaseFigure):
    """Concentration -> occupancy curves (left) beside 100 NMDA receptors at one concentration (right), linked.

    :meth:`update` takes the occupancy curves and the block at one total plasma concentration
    (:func:`simulator.receptor.occupancy_curves`): a line marks the concentration on the curves, a dot the
    occupancy of the chosen ligand, and the grid fills as many receptors as are blocked (rounded), with the
    number and its range across assumptions beside it.

    Parameters
    ----------
    ligands : sequence of str
        One or more names from :data:`LIGAND_NAMES`, each once.
    style : {"notebook", "projector", "print"}
        Sizes for the room.
    """

    def __init__(self, ligands=CURVE_LIGANDS, style="notebook"):
        require("ligands", ligands, (tuple, list), f"a list or tuple of ligand names from {list(LIGAND_NAMES)}")
        if not ligands or len(set(ligands)) != len(ligands):
            raise ValueError(f"ligands must name one or more ligands from {list(LIGAND_NAMES)}, each once, got {ligands!r}")
        for i, ligand in enumerate(ligands):
            check_choice(f"ligands[{i}]", ligand, LIGAND_NAMES)
        self.ligands = tuple(ligands)
        super().__init__(style)

    def _build(self) -> None:
        st = self.style
        self.fig, (curves, grid) = subplots(st, (11.0, 4.6), 1, 2, gridspec_kw={"width_ratios": [1.8, 1.0]})
        self.axes = (curves, grid)
        self.curves = {}
        for ligand in self.ligands:
            color, ls = _LIGAND_STYLE[ligand]
            self.curves[ligand] = curves.plot([], [], color=color, ls=ls, lw=st.lw(1.1), label=_ligand_label(ligand))[0]
        self.marker = curves.axvline(1.0, color="#000000", lw=st.lw(0.6), ls=(0, (2, 2)))
        self.dot = curves.plot([], [], "o", color="#000000", ms=3.0 * st.lw(1.0), label="_nolegend_")[0]
        curves.set_xscale("log")
        curves.set_xlim(1.0, 1e5)
        curves.set_ylim(0, 100)
        curves.set_xlabel("total plasma concentration at equilibrium (ng/mL)")
        set_ylabel(curves, st, "NMDA channels\nblocked (%)")
        draw_grid(curves, st)
        rows, cols = np.divmod(np.arange(100), 10)
        self.receptors = grid.scatter(cols, 9 - rows, s=20.0, facecolors="none", edgecolors="#222222",
                                      linewidths=st.lw(0.6))  # fmt: skip
        grid.set_xlim(-0.7, 9.7)
        grid.set_ylim(-0.7, 9.7)
        grid.axis("off")  # markers stay round whatever the box's shape, so no fixed aspect (it fights the layout)
        self.readout = grid.text(0.5, -0.04, "", transform=grid.transAxes, ha="center", va="top", fontsize=st.title)
        self.title = set_title(curves, st, "")
        finish(self.fig, st, "Affinities: Ebert 1997 (Ki) or Gilling 2009 (IC50); memantine Blanpied 1997. "
               "Equilibrium; no human PET measurement gives these numbers.", layout=False)  # fmt: skip
        self._legends()

    def _legends(self) -> None:
        draw_legend(self.axes[0], self.style)

    def data_lines(self) -> list:
        """Return the data curves now drawn: what a pin keeps."""
        return list(self.curves.values())

    def _dynamic_artists(self) -> list:
        return [*self.ghosts(), *self.curves.values(), self.marker, self.dot, self.receptors, self.readout, self.title]

    def update(self, curves) -> None:
        """Show ``curves`` (:func:`simulator.receptor.occupancy_curves` of this figure's ligands) and its one concentration."""
        _check_curves(curves)
        if curves.ligands != self.ligands:
            raise ValueError(f"curves must hold the figure's ligands {list(self.ligands)}, got {list(curves.ligands)}")
        check_choice("curves.ligand", curves.ligand, self.ligands)
        self._state.last = (curves,)
        c, ligand, assumptions = curves.concentration_ng_per_ml, curves.ligand, curves.assumptions
        for name, line in self.curves.items():
            ec50 = curves.ec50_ng_per_ml[name]
            line.set_data(curves.concentrations_ng_per_ml, 100 * curves.curves[name])
            line.set_label(f"{_ligand_label(name)}" + (f", EC50 {_sig(ec50)} ng/mL" if self.style.details else ""))
        occupancy = curves.occupancy[ligand]
        low, high = curves.spread
        self.marker.set_xdata([c, c])
        self.dot.set_data([c], [100 * occupancy])
        blocked = curves.blocked
        colours = np.zeros((100, 4))
        colours[:blocked] = (0.133, 0.133, 0.133, 1.0)
        self.receptors.set_facecolors(colours)
        self.readout.set_text(
            f"{blocked} of 100 blocked"
            + (f" (other assumptions: {100 * low:.0f} to {100 * high:.0f})" if self.style.details else "")
        )
        self._legends()
        self._lay_out_once()
        box = self.axes[1].get_position()  # a circle 70% of a cell wide, in points
        width, height = self.fig.get_size_inches()
        cell = min(box.width * width, box.height * height) / 10.4
        self.receptors.set_sizes([(0.7 * cell * 72) ** 2])
        self.title.set_text(
            f"{ligand} at {_sig(c)} ng/mL"
            + (f" ({assumptions.measure}, Mg2+ {'1 mM' if assumptions.magnesium else 'none'})" if self.style.details else "")
        )
        self._legends()
        self._lay_out_once()

    def blocked(self) -> int:
        """Return how many of the 100 receptors the picture shows blocked."""
        return int(np.count_nonzero(self.receptors.get_facecolors()[:, 3] > 0))


def channel_block_figure(results: dict, control=None, style="notebook"):
    """Draw open and blocked fractions over seconds for several blockers (from :func:`simulator.receptor.channel_block`).

    Parameters
    ----------
    results : dict
        Name (a string, the legend label) -> :class:`~simulator.receptor.ChannelBlockResult`; 1 to 7.
    control : ChannelBlockResult, optional
        A run without blocker, drawn in grey.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
    """
    require("results", results, dict, "a dict of name -> ChannelBlockResult (from simulator.receptor.channel_block)")
    if not 1 <= len(results) <= len(CYCLE):
        raise ValueError(f"results must hold 1 to {len(CYCLE)} name -> ChannelBlockResult entries, got {len(results)}")
    for name, res in results.items():
        require("results key", name, str, "a string (the legend label)")
        require(f"results[{name!r}]", res, ChannelBlockResult, "a ChannelBlockResult (from simulator.receptor.channel_block)")
    if control is not None:
        require("control", control, ChannelBlockResult, "a ChannelBlockResult or None")
    st = get_style(style)
    fig, (top, bottom) = subplots(st, (8.0, 5.4), 2, 1, sharex=True)
    if control is not None:
        series_line(top, st, "control", control.time_s, control.open, label="no blocker")
    for k, (name, res) in enumerate(results.items()):
        look = cycled(k)
        top.plot(res.time_s, res.open, lw=st.lw(0.8), label=name, **look)
        bottom.plot(res.time_s, 100 * res.blocked, lw=st.lw(1.2), label=f"{name}: blocked", **look)
        bottom.plot(res.time_s, 100 * res.trapped, lw=st.lw(0.6), color=look["color"], ls=(0, (1, 1.5)),
                    marker="o", markevery=max(1, res.time_s.size // 10), ms=st.lw(2.0), label=f"{name}: trapped")  # fmt: skip
    set_ylabel(top, st, "open\nfraction")
    set_ylabel(bottom, st, "channels\nblocked (%)")
    bottom.set_xlabel("time (s)")
    for ax in (top, bottom):
        draw_legend(ax, st)
        draw_grid(ax, st)
    set_title(top, st, "one synapse: glutamate opens channels, blockers enter open ones")
    return finish(
        fig,
        st,
        "Rates: Gilling 2009 (ketamine, memantine); gating Destexhe, Mainen & Sejnowski 1998; MK-801 rates "
        "and the 150 ms glutamate pulse illustrative.",
    )


_BLOCKER_STYLE = {
    "ketamine": (SERIES["ketamine"].color, "-"),
    "memantine": (CYCLE[2].color, "--"),
    "mk801": (CYCLE[3].color, ":"),
}


class TrappingFigure(BaseFigure):
    """Trapping against partial untrapping, built once and updated in place (see :func:`trapping_figure`).

    Top: the open fraction over the last five pulses, with the control. Bottom: transmission after each pulse
    relative to the control (100% = unblocked): a trapped blocker accumulates, memantine spares more.

    Parameters
    ----------
    style : {"notebook", "projector", "print"}
        Sizes for the room.
    """

    def __init__(self, style="notebook"):
        super().__init__(style)

    def _build(self) -> None:
        st = self.style
        self.fig, (top, bottom) = subplots(st, (8.0, 5.8), 2, 1)
        self.axes = (top, bottom)
        self.control = series_line(top, st, "control", label="no blocker")
        self.open_lines, self.transmission_lines = {}, {}
        for name, (color, ls) in _BLOCKER_STYLE.items():
            self.open_lines[name] = top.plot([], [], color=color, ls=ls, lw=st.lw(1.1), label=name)[0]
            self.transmission_lines[name] = bottom.plot([], [], color=color, ls=ls, lw=st.lw(1.2), label=name)[0]
        top.set_xlabel("time (s): the last 5 s of the train")
        set_ylabel(top, st, "open\nfraction")
        self.equilibrium = bottom.axhline(50, color="#555555", lw=st.lw(0.6), ls=(0, (6, 2, 1, 2)),
                                          label="100% - equilibrium block")  # fmt: skip
        bottom.set_ylim(0, 105)
        bottom.set_xlabel("time of each pulse (s)")
        set_ylabel(bottom, st, "transmission\n(% of none)")
        for ax in self.axes:
            draw_grid(ax, st)
        self.title = set_title(top, st, "")
        finish(
            self.fig,
            st,
            "Rates: Gilling 2009 (ketamine, memantine, partial untrapping); gating Destexhe, Mainen & Sejnowski 1998; "
            "MK-801 rates illustrative.",
            layout=False,
        )
        self._legends()

    def _legends(self) -> None:
        for ax in self.axes:
            visible_legend(ax, self.style)

    def data_lines(self) -> list:
        """Return the data curves now drawn: what a pin keeps."""
        return [line for line in self.transmission_lines.values() if line.get_visible()]

    def _dynamic_artists(self) -> list:
        lines = [self.control, *self.open_lines.values(), *self.transmission_lines.values(), self.equilibrium]
        return [*self.ghosts(), *lines, self.title]

    def update(self, comparison) -> None:
        """Show ``comparison`` (from :func:`simulator.receptor.compare_blockers`)."""
        require("comparison", comparison, BlockerComparison, "a BlockerComparison (from simulator.receptor.compare_blockers)")
        self._state.last = (comparison,)
        control = comparison.runs["none"]
        pulses = comparison.pulse_times_s
        end = float(control.time_s[-1])
        last = control.time_s >= end - 5.0  # the last 5 s of the train, whatever the frequency: the axes stay put
        self.control.set_data(control.time_s[last], control.open[last])
        transmission = comparison.transmission()
        for name in _BLOCKER_STYLE:
            run = comparison.runs.get(name)
            self.open_lines[name].set_visible(run is not None)
            self.transmission_lines[name].set_visible(run is not None)
            if run is None:
                continue
            self.open_lines[name].set_data(run.time_s[last], run.open[last])
            self.open_lines[name].set_label(f"{name} ({_sig(comparison.concentrations_um[name])} µM)")
            self.transmission_lines[name].set_data(pulses, 100 * transmission[name])
        self.equilibrium.set_ydata([100 * (1 - comparison.occupancy)] * 2)
        top, bottom = self.axes
        if self._limits_free():
            top.set_xlim(end - 5.4, end)  # the first tick clear of the y tick labels
            self._sticky_top(top, 1.1 * max(0.05, float(np.max(control.open[last]))))
            bottom.set_xlim(0.0, end)
        self._legends()
        self.title.set_text(
            f"equal block at equilibrium ({_sig(100 * comparison.occupancy)}%)"
            + (f": trapped blockers accumulate ({_sig(1.0 / np.median(np.diff(pulses)))} Hz)" if self.style.details else "")
        )
        self._lay_out_once()


def trapping_figure(comparison, style="notebook"):
    """Draw trapping against partial untrapping: blockers at equal equilibrium occupancy through one pulse train.

    Parameters
    ----------
    comparison : BlockerComparison
        From :func:`simulator.receptor.compare_blockers`.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        See :class:`TrappingFigure`.
    """
    require("comparison", comparison, BlockerComparison, "a BlockerComparison (from simulator.receptor.compare_blockers)")
    figure = TrappingFigure(style=style)
    figure.update(comparison)
    return figure.fig


def receptors_figure(result, time_h: float, style="notebook"):
    """Draw 100 NMDA receptors and how many are blocked at one moment, next to the number and its range.

    Parameters
    ----------
    result : Result
        A simulation.
    time_h : float
        The moment, h, within the simulated window (the nearest output time is used).
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        A 10 x 10 grid: filled circles are blocked channels (rounded to whole receptors), open circles free
        ones; the text gives the occupancy and its range across receptor assumptions at that moment.
    """
    check_result("result", result)
    t = result.time_h
    time_h = check_number("time_h", time_h, low=float(t[0]), high=float(t[-1]))
    st = get_style(style)
    k = int(np.argmin(np.abs(t - time_h)))
    occupancy = float(result.occupancy[k])
    low, high = (float(x[k]) for x in result.occupancy_range())
    blocked = round(100 * occupancy)
    fig, ax = subplots(st, (6.4, 4.2))
    rows, cols = np.divmod(np.arange(100), 10)
    filled = np.arange(100) < blocked
    size = (0.55 * min(fig.get_size_inches()) / 1.2 * 72 / 10) ** 2  # a circle about half a cell wide, in points^2
    ax.scatter(cols[filled], 9 - rows[filled], s=size, color="#222222", marker="o", label="blocked")
    ax.scatter(cols[~filled], 9 - rows[~filled], s=size, facecolors="none", edgecolors="#222222", marker="o",
               linewidths=st.lw(0.6), label="free")  # fmt: skip
    ax.set_xlim(-0.7, 9.7)
    ax.set_ylim(-0.7, 9.7)
    ax.set_aspect("equal")
    ax.axis("off")
    a = result.receptor
    ax.text(
        1.06,
        0.5,
        f"{blocked} of 100\nNMDA channels\nblocked at {_hours(float(t[k]))}\n\n"
        f"other assumptions:\n{100 * low:.0f} to {100 * high:.0f} of 100",
        fontsize=st.title,
        va="center",
        transform=ax.transAxes,
    )
    draw_legend(ax, st, loc="upper left", bbox_to_anchor=(1.06, 1.0))
    set_title(ax, st, "the brain at one moment", f"{a.measure}, Mg2+ {'1 mM' if a.magnesium else 'none'}")
    return finish(fig, st, "No human PET measurement gives this number: the level is uncertain (see the range).")
