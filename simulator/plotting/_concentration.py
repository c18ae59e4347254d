"""The concentration figure: plasma and effect-site concentrations of parent and metabolite, updated in place.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._validate import check_choice
from ..style import CYCLE
from ..tables import format_duration as _hours
from ..tables import format_number as _sig
from ._base import DRAWING, BaseFigure, RenderState
from ._common import (
    CONCENTRATION_CURVES,
    SET_STYLES,
    Y_SCALES,
    check_figsize,
    check_result,
    check_unit,
    draw_grid,
    finish,
    plasma_label,
    require,
    series_line,
    set_title,
    set_ylabel,
    subplots,
    unit_label,
    visible_legend,
)


@dataclass
class ConcentrationState(RenderState):
    """The render state of a :class:`ConcentrationFigure`: the curves shown and the overlaid results, besides the base's."""

    show: frozenset = frozenset(CONCENTRATION_CURVES)
    overlay_results: dict = field(default_factory=dict)  # label -> Result, drawn again after a rebuild
    overlay: list = field(default_factory=list, metadata=DRAWING)  # their lines


class ConcentrationFigure(BaseFigure):
    """Plasma and effect-site concentrations of parent and metabolite on one axis.

    Build once, then call :meth:`update` with a new result; lines are updated in place.

    Parameters
    ----------
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit of the y axis.
    figsize : tuple
        Figure size in the notebook style (width, height), inches, each in (0, 50].
    style : {"notebook", "projector", "print"}
        Sizes for the room (:mod:`simulator.style`); :meth:`set_style` switches later.
    yscale : {"linear", "log"}
        Concentration axis: linear, or log over four decades below the peak (elimination phases become
        straight lines, their slopes the rate constants).
    """

    state_type = ConcentrationState

    def __init__(self, unit: str = "ng/mL", figsize=(9.6, 4.2), style="notebook", yscale: str = "linear"):
        self.unit = check_unit(unit)
        self.yscale = check_choice("yscale", yscale, Y_SCALES)
        self.own_size = check_figsize(figsize)
        super().__init__(style)

    def _build(self) -> None:
        st = self.style
        self.fig, self.ax = subplots(st, self.own_size)
        ax = self.ax
        self.parent_line = series_line(ax, st, "ketamine", label="ketamine, plasma")
        self.effect_line = series_line(ax, st, "ketamine, brain", label="ketamine, effect site (brain)")
        self.metabolite_line = series_line(ax, st, "norketamine", label="norketamine, plasma")
        ax.set_xlabel("time after first dose (h)")
        set_ylabel(ax, st, f"concentration\n({unit_label(self.unit)})" if st.horizontal_ylabels else
                   f"concentration ({unit_label(self.unit)})")  # fmt: skip
        draw_grid(ax, st)
        self.title = set_title(ax, st, "")
        for name, line in zip(CONCENTRATION_CURVES, self.data_lines(), strict=True):
            line.set_visible(name in self._state.show)
        finish(self.fig, st, layout=False)  # laid out by the first update, when the legends hold their labels
        self._legends()

    def _restore(self) -> None:
        if self._state.overlay_results:
            self.set_overlay(self._state.overlay_results)

    def _legends(self) -> None:
        visible_legend(self.ax, self.style)

    def _layout_key(self) -> tuple:
        last = self._state.last
        return (last[0].pk_set.name,) if last else ()

    def data_lines(self) -> list:
        """Return the data curves now drawn: what a pin keeps."""
        return [self.parent_line, self.effect_line, self.metabolite_line]

    def _dynamic_artists(self) -> list:
        return [*self.ghosts(), *self._state.overlay, *self.data_lines(), self.title]

    def configure(self, unit=None, yscale=None, show=None) -> None:
        """Change the unit, the concentration scale or the curves shown, and show the last result again.

        Parameters
        ----------
        unit : {"ng/mL", "mg/L", "uM"}, optional
            A new unit clears the pins (they hold numbers in the old unit).
        yscale : {"linear", "log"}, optional
        show : collection of {"plasma", "brain", "metabolite"}, optional
            The curves drawn: the parent in plasma, the parent at the effect site (brain), the metabolite in
            plasma; at least one.
        """
        if show is not None:
            require("show", show, (tuple, list, set, frozenset), f"a collection of names from {list(CONCENTRATION_CURVES)}")
            for name in show:
                check_choice("show[]", name, CONCENTRATION_CURVES)
            if not show:
                raise ValueError(f"show must name at least one of {list(CONCENTRATION_CURVES)}, got an empty collection")
            if frozenset(show) != self._state.show:  # a slider move: nothing
                self._state.show = frozenset(show)
                for name, line in zip(CONCENTRATION_CURVES, self.data_lines(), strict=True):
                    line.set_visible(name in show)
                self._legends()
        rebuild = False
        if unit is not None and check_unit(unit) != self.unit:
            self.unit, rebuild = unit, True
            self.clear_pins()
        if yscale is not None and check_choice("yscale", yscale, Y_SCALES) != self.yscale:
            self.yscale, rebuild = yscale, True
        if rebuild:
            self._rebuild()

    def set_overlay(self, results=None) -> None:
        """Overlay the parent's plasma curve of other results (label -> Result), each in its own colour and style.

        For several published parameter sets on the same regimen: where the models disagree. None removes them.
        """
        for line in self._state.overlay:
            line.remove()
        overlay = []
        if results:
            require("results", results, dict, "a dict of label -> simulator.Result, or None")
            if len(results) > len(SET_STYLES) - 1:
                raise ValueError(f"results must hold at most {len(SET_STYLES) - 1} curves, got {len(results)}")
            for k, (label, result) in enumerate(results.items(), start=1):
                check_result(f"results[{label!r}]", result)
                ls, marker = SET_STYLES[k]
                overlay += self.ax.plot(
                    result.time_h, result.plasma("ketamine", self.unit), color=CYCLE[k].color, ls=ls, marker=marker or None,
                    markevery=max(1, result.time_h.size // 12), ms=2.0 * self.style.lw(1.0), lw=self.style.lw(0.9),
                    label=str(label), zorder=1.8,
                )  # fmt: skip
        self._state.overlay = overlay
        self._state.overlay_results = dict(results or {})
        self._legends()

    @property
    def overlay(self) -> list:
        """The lines of the overlaid results (:meth:`set_overlay`), in order."""
        return list(self._state.overlay)

    def update(self, result) -> None:
        """Show ``result`` (a :class:`~simulator.Result`)."""
        check_result("result", result)
        self._state.last = (result,)
        t = result.time_h
        parent, metabolite = result.pk_set.species
        self.parent_line.set_data(t, result.plasma("ketamine", self.unit))
        self.parent_line.set_label(plasma_label(result, parent))
        self.effect_line.set_data(t, result.effect_site("ketamine", self.unit))
        self.effect_line.set_label(f"{parent}, effect site (brain)")
        self.metabolite_line.set_data(t, result.plasma("norketamine", self.unit))
        self.metabolite_line.set_label(plasma_label(result, metabolite))
        shown = [line for line in self.data_lines() if line.get_visible()] or self.data_lines()
        top = max(float(np.max(line.get_ydata())) for line in [*shown, *self.ghosts()])  # pinned curves stay in view
        if self._limits_free():
            self._concentration_limits(t, top)
        self._legends()
        plasma = self.parent_line.get_ydata()  # no summary(): it would run the whole chain on every slider move
        i = int(np.argmax(plasma))
        self.title.set_text(
            f"{parent} peak {_sig(plasma[i], 3)} {unit_label(self.unit)} at {_hours(t[i])}"
            + (f" ({result.pk_set.citation.short()} set)" if self.style.details else "")
        )
        self._lay_out_once()

    def _concentration_limits(self, t, top: float) -> None:
        self.ax.set_xlim(t[0], t[-1])
        if self.yscale == "log":
            self.ax.set_yscale("log")
            top = top if top > 0 else 1.0
            high = 10 ** np.ceil(np.log10(1.2 * top))  # whole decades: the axis moves only a decade at a time
            self.ax.set_ylim(high / 1e4, high)
        else:
            self._sticky_top(self.ax, 1.08 * top if top > 0 else 1.0)  # the axis moves only when the data leave it


def concentration_figure(result, unit: str = "ng/mL", style="notebook", yscale: str = "linear"):
    """Return a labelled figure of ``result``'s concentrations (see :class:`ConcentrationFigure`)."""
    check_result("result", result)
    figure = ConcentrationFigure(unit=unit, style=style, yscale=yscale)
    figure.update(result)
    return figure.fig
