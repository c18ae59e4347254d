"""The whole causal chain on one time axis (occupancy_figure, dose -> concentration -> block, is in _occupancy).

:class:`FullChainFigure` (built once, updated in place) adds the toy acute effects, the toy plasticity stages and
the toy symptom score. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._validate import check_choice
from ..plasticity import ComparatorResult, response_threshold
from ..style import SERIES
from ._base import DRAWING, BaseFigure, RenderState
from ._common import (
    BAND_COLORS,
    BOTTOM_ROW,
    CHAIN_TIME_AXES,
    LOG_AXIS_START_H,
    SCORE_AXIS_TOP,
    axhline_style,
    check_figsize,
    check_flag,
    check_result,
    check_unit,
    course_time_axis,
    draw_grid,
    finish,
    log_time_axis,
    plasma_label,
    renderer_of,
    require,
    series_line,
    set_title,
    set_ylabel,
    subplots,
    unit_label,
    visible_legend,
)
from ._overlays import ChainOverlays

#: Upper limits the chain figure's acute-effects axis steps between (% of maximum and mmHg share it).
ACUTE_AXIS_RUNGS = (10.0, 25.0, 50.0, 110.0)


@dataclass
class ChainState(RenderState):
    """The render state of a :class:`FullChainFigure`: the shaded band and the cursor, besides the base's."""

    band_name: str | None = None  # set_band: drawn again after a rebuild
    prediction: object = None  # set_prediction: the marker (simulator.widgets.predict.Marker), drawn again after a rebuild
    prediction_artists: list = field(default_factory=list, metadata=DRAWING)  # its line or band and its label
    population: tuple | None = None  # set_population: (population, drawn patient), drawn again after a rebuild
    population_artists: list = field(default_factory=list, metadata=DRAWING)  # the bands and the drawn patient's lines
    cursor: list = field(default_factory=list, metadata=DRAWING)  # the cursor's lines and readout
    ticks_end: tuple | None = field(default=None, metadata=DRAWING)  # (axis, end) the time axis ticks were set for


#: Legend of the shaded share of the toy improvement that is expectancy (the rest is the drug's).
EXPECTANCY_LABEL = "expectancy share (toy)"


class FullChainFigure(ChainOverlays, BaseFigure):
    """The whole causal chain on one time axis, built once and updated in place.

    Panels: plasma concentrations, NMDA block (with its range across assumptions, and the comparator's
    transporter block), the toy acute effects (dissociation, systolic rise: hours), the toy plasticity
    stages, the toy symptom score (with an optional conventional comparator).

    Parameters
    ----------
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.
    days : bool
        A linear time axis in days (else hours); ignored on the log and course axes.
    time_axis : {"auto", "log", "course", "linear"}
        ``"log"``: one axis from 5 minutes to the end, ticks labelled 15 min, 1 h, 6 h, 1 d, 1 wk, 4 wk, so
        that an onset within hours and a benefit over weeks show together; simulate on :func:`log_axis_times`
        for a smooth first hour. ``"course"``: linear days with the first day's hours expanded
        (:func:`course_warp`), so that every session of a course has its own place and weekly spacing reads as
        weekly. ``"auto"`` (default): log for one dose, course for several. ``"linear"``: days (or hours).
        :meth:`set_time_axis` switches later.
    style : {"notebook", "projector", "print"}
        Sizes for the room; the projector style leaves out the plasticity stages (the index stays), so that
        what remains reads from the back of a hall. :meth:`set_style` switches later.
    figsize : tuple
        Size in the notebook style (width, height), inches, each in (0, 50].
    """

    state_type = ChainState

    def __init__(self, unit: str = "ng/mL", days: bool = True, time_axis: str = "auto", style="notebook", figsize=(11.0, 10.4)):
        self.own_size = check_figsize(figsize)
        self.time_axis = check_choice("time_axis", time_axis, CHAIN_TIME_AXES)
        self.axis = "log" if self.time_axis == "auto" else self.time_axis  # the axis now drawn
        self.unit, self.days = check_unit(unit), check_flag("days", days)
        super().__init__(style)

    @property
    def log(self) -> bool:
        """Whether the time axis now drawn is the log axis."""
        return self.axis == "log"

    @property
    def scale(self) -> float:
        """Hours per unit of the x data: 24 on the course axis and a linear axis in days, else 1."""
        return 24.0 if self.axis == "course" or (self.axis == "linear" and self.days) else 1.0

    def axis_for(self, result) -> str:
        """Return the time axis for ``result``: the one asked for; under "auto", log for one dose and course for several."""
        if self.time_axis != "auto":
            return self.time_axis
        return "course" if len(result.regimen.events) > 1 else "log"

    def set_time_axis(self, time_axis: str) -> None:
        """Switch the time axis (:data:`CHAIN_TIME_AXES`); the figure is built anew with the same data and pins."""
        time_axis = check_choice("time_axis", time_axis, CHAIN_TIME_AXES)
        if time_axis == self.time_axis:
            return
        self.time_axis = time_axis
        last = self._state.last
        self.axis = self.axis_for(last[0]) if last else ("log" if time_axis == "auto" else time_axis)
        self._rebuild()

    def _lab(self, full: str, short: str) -> str:
        """Return a legend label: ``full`` where the style shows details, ``short`` on a slide (the plots keep the width)."""
        return full if self.style.details else short

    def _pin_legend(self, label: str) -> str:
        return self._lab(f"pinned: {label}", label)

    def _xlabel(self) -> str:
        course = self._lab(
            "time after the first dose (days; the first day expanded)", "time after the first dose (first day expanded)"
        )
        return {"log": "time after the first dose", "course": course}.get(
            self.axis, "days after first dose" if self.days else "hours after first dose"
        )

    def _build(self) -> None:
        st = self.style
        # on a slide the plasticity panel holds the index only: its height goes to the acute and symptom panels' legends
        ratios = {"height_ratios": [2, 1.3, 1.1, 1.6, 1.8] if st.details else [2, 1.2, 1.3, 1.2, 2.1]}
        self.fig, axes = subplots(st, self.own_size, 5, 1, sharex=True, gridspec_kw=ratios)
        self.axes = conc, occ, acute, plast, symp = axes
        self.parent = series_line(conc, st, "ketamine", label=self._lab("ketamine, plasma", "ketamine"))
        self.metabolite = series_line(conc, st, "norketamine", label=self._lab("norketamine, plasma", "norketamine"))
        set_ylabel(conc, st, f"plasma\n({unit_label(self.unit)})")
        self.block = series_line(occ, st, "nmda block", label="NMDA block")
        self.transporter = series_line(occ, st, "transporter block", label=self._lab("SSRI: transporter block", "SSRI target"))
        self.block_range = occ.fill_between([], [], [], color=SERIES["assumption range"].color, alpha=0.25, lw=0,
                                            label=self._lab("NMDA: range of assumptions", "_assumption range"))  # fmt: skip
        set_ylabel(occ, st, "blocked\n(%)")
        occ.set_ylim(0, 100)
        self.dissociation = series_line(acute, st, "dissociation", label=self._lab("dissociation (% of max)", "dissociation %"))
        self.systolic = series_line(acute, st, "systolic", label=self._lab("systolic rise (mmHg)", "systolic mmHg"))
        set_ylabel(acute, st, "acute\n(toy)")
        self.signal = series_line(plast, st, "signal", label="signal (BDNF/mTOR), hours", visible=st.details)
        self.index = series_line(plast, st, "plasticity index", label="plasticity index", zorder=2.1)
        # drawn over the index: after one session the new synapses make up nearly all of it
        self.labile = series_line(plast, st, "new synapses", label="new synapses, days", visible=st.details, zorder=2.2)
        self.consolidated = series_line(plast, st, "consolidated", label="consolidated, weeks", visible=st.details, zorder=2.2)
        set_ylabel(plast, st, "plasticity\n(toy)")
        self.baseline = symp.axhline(32, **axhline_style(st, "baseline line"))
        self.response = symp.axhline(
            16, **axhline_style(st, "response line"), label=self._lab("response: 50% drop", "_response line")
        )
        # the share of the improvement that is expectancy (toy): between the score and the drug's part alone
        self.expectancy = symp.fill_between([], [], [], color=SERIES["placebo score"].color, alpha=0.2, lw=0,
                                            label=self._lab(EXPECTANCY_LABEL, "expectancy"))  # fmt: skip
        self.score = series_line(symp, st, "ketamine score", label="ketamine")
        self.comparator = series_line(symp, st, "comparator score", label=self._lab("SSRI, daily", "SSRI"))
        self.placebo = series_line(symp, st, "placebo score", label="placebo")
        self.band = None
        symp.set_ylim(0, SCORE_AXIS_TOP)
        set_ylabel(symp, st, self._lab("symptoms\n(toy, 0-60)", "symptoms\n(toy)"))
        symp.set_xlabel(self._xlabel())
        if self.log:
            log_time_axis(symp)
        for ax in axes:
            draw_grid(ax, st)
        self.doses = []
        self.title = set_title(conc, st, "")
        finish(
            self.fig,
            st,
            self._lab(
                "Plasticity and symptom panels are toys tuned to Kishimoto 2016, Moda-Sava 2019, Murrough 2013 and "
                "Trivedi 2006; they predict nothing for a person.",
                "Plasticity and symptom panels are toys; they predict nothing for a person.",
            ),
            layout=False,  # laid out by the first update, when the legends hold their labels
        )
        self._legends()

    def _legends(self) -> None:
        own = () if self.style.details else self.ghosts()  # on a slide the pins have their own legend
        for ax in self.axes:
            visible_legend(ax, self.style, skip_empty=True, exclude=own)
        labels = [p.ghosts[0].get_label() for p in self._state.pins if p.ghosts] if not self.style.details else []
        legend = getattr(self, "_pins_legend", None)
        if legend is not None and legend.figure is self.fig and [t.get_text() for t in legend.get_texts()][1:] == labels:
            return  # the same pins: the row stays where the layout put it
        if legend is not None and legend.figure is self.fig:
            legend.remove()
        self._pins_legend = None
        if labels:  # on a slide the pins have a legend of their own, in a row
            from matplotlib.lines import Line2D

            handles = [pin.ghosts[0] for pin in self._state.pins if pin.ghosts]
            renderer = renderer_of(self.fig)
            for ncol in range(len(handles) + 1, 0, -1):  # one row if it fits the figure's width, else fewer columns
                if self._pins_legend is not None:
                    self._pins_legend.remove()
                self._pins_legend = self.fig.legend(
                    [Line2D([], [], linestyle="none"), *handles], ["pinned:", *labels],
                    loc="lower center", ncol=ncol, fontsize=self.style.small, frameon=False,
                    handlelength=2.2, columnspacing=1.2, handletextpad=0.5, borderaxespad=0.1,
                )  # fmt: skip
                if self._pins_legend.get_window_extent(renderer).width <= 0.98 * self.fig.bbox.width:
                    break
            self._pins_legend.set_gid(BOTTOM_ROW)
            self._pins_legend.set_in_layout(False)  # layout_figure places it, above the teaching label
            self._state.layout = None  # lay out again: the row takes room

    def overlay_legends(self) -> list:
        """Return the legends drawn over the data (the pins' legend on a slide), pasted back after the data."""
        legend = getattr(self, "_pins_legend", None)
        return [legend] if legend is not None else []

    def _layout_key(self) -> tuple:
        return (self.title.get_text(),)

    def data_lines(self) -> list:
        """Return the data curves now drawn: what a pin keeps, one per panel (parent, block, dissociation, index, score)."""
        return [self.parent, self.block, self.dissociation, self.index, self.score]

    def _dynamic_artists(self) -> list:
        lines = [self.parent, self.metabolite, self.block, self.transporter, self.dissociation, self.systolic]
        lines += [self.signal, self.index, self.labile, self.consolidated, self.baseline, self.response]
        lines += [self.score, self.comparator, self.placebo]
        cursor = self._state.cursor
        marked = [*self._state.population_artists, *self._state.prediction_artists]
        return [*self.ghosts(), self.block_range, self.expectancy, *self.doses, *lines, *marked, *cursor[:-1], self.title]

    def _x(self, time_h):
        """Return the x data for times ``time_h``, in days or hours; on a log axis time 0 is left out (NaN).

        A point at time 0 would be drawn from far left of a log axis, a false flat line before the first sample.
        """
        x = time_h / self.scale
        return np.where(x > 0, x, np.nan) if self.log else x

    def _to_pinned_x(self, x):
        return np.asarray(x, dtype=float) * self.scale  # hours: a pin outlives a change of time axis

    def _from_pinned_x(self, x):
        return self._x(np.nan_to_num(np.asarray(x, dtype=float), nan=0.0))

    def _restore(self) -> None:
        if self._state.band_name:
            self.set_band(self._state.band_name)
        if self._state.prediction is not None:
            self.set_prediction(self._state.prediction)
        if self._state.population is not None:
            self.set_population(*self._state.population)

    def set_band(self, name=None) -> None:
        """Shade the published plasma band ``name`` (``simulator.receptor.BANDS``) on the concentration panel; None removes it."""
        from ..literature.receptor_data import BANDS

        if self.band is not None:
            self.band.remove()
            self.band = None
        if name is not None:
            band = {b.name: b for b in BANDS}[check_choice("band", name, tuple(b.name for b in BANDS))]
            from ..units import convert_concentration

            low, high = (convert_concentration(v / 1000.0, self.unit) for v in (band.low_ng_per_ml, band.high_ng_per_ml))
            self.band = self.axes[0].axhspan(low, high, color=BAND_COLORS[3], alpha=0.25, lw=0, zorder=0.5,
                                             label=self._lab(f"{band.name} range ({band.citation.short()})",
                                                            band.name))  # fmt: skip
        self._state.band_name = name
        self._legends()

    def update(self, result, comparator=None, placebo=None) -> None:
        """Show ``result``; ``comparator`` and ``placebo`` go on the symptom panel (None hides them).

        ``comparator`` comes from :func:`~simulator.plasticity.conventional_antidepressant`, ``placebo`` from
        :func:`~simulator.plasticity.placebo_arm`.
        """
        from ..plasticity import PlaceboResult

        check_result("result", result)
        if comparator is not None:
            require("comparator", comparator, ComparatorResult, "a ComparatorResult (from conventional_antidepressant) or None")
        if placebo is not None:
            require("placebo", placebo, PlaceboResult, "a PlaceboResult (from placebo_arm) or None")
        st = self.style
        axis = self.axis_for(result)
        if axis != self.axis:  # "auto": a course after one dose, or back (the previous pins keep their times)
            self.axis = axis
            self._state.last = (result, comparator, placebo)
            self._rebuild()
            return
        t = self._x(result.time_h)
        self._state.last = (result, comparator, placebo)
        parent, metabolite = result.pk_set.species
        self.parent.set_data(t, result.plasma("ketamine", self.unit))
        self.parent.set_label(self._lab(plasma_label(result, parent), parent))
        self.metabolite.set_data(t, result.plasma("norketamine", self.unit))
        self.metabolite.set_label(self._lab(plasma_label(result, metabolite), metabolite))
        self.block.set_data(t, 100 * result.occupancy)
        self.block_range.remove()
        low, high = result.occupancy_range()
        label = self._lab("NMDA: range of assumptions", "_assumption range")
        self.block_range = self.axes[1].fill_between(t, 100 * low, 100 * high, color=SERIES["assumption range"].color,
                                                     alpha=0.25, lw=0, label=label)  # fmt: skip
        c = result.chain
        self.signal.set_data(t, c.signal)
        self.labile.set_data(t, c.labile)
        self.consolidated.set_data(t, c.index - c.labile)
        self.index.set_data(t, c.index)
        baseline = result.plasticity_model.baseline_score
        self.baseline.set_ydata([baseline, baseline])
        self.response.set_ydata([response_threshold(baseline)] * 2)
        self.score.set_data(t, result.symptom_score)
        self.score.set_label(parent)
        self.expectancy.remove()
        drug_only = baseline - result.improvement_parts()["drug"]
        self.expectancy = self.axes[4].fill_between(t, result.symptom_score, drug_only, color=SERIES["placebo score"].color,
                                                    alpha=0.2, lw=0, label=self._lab(EXPECTANCY_LABEL, "expectancy"))  # fmt: skip
        if comparator is not None:
            keep = comparator.time_h <= result.time_h[-1]
            self.comparator.set_data(self._x(comparator.time_h[keep]), comparator.symptom_score[keep])
            self.transporter.set_data(self._x(comparator.time_h[keep]), 100 * comparator.block[keep])
        self.comparator.set_visible(comparator is not None)
        self.transporter.set_visible(comparator is not None)
        if placebo is not None:
            keep = placebo.time_h <= result.time_h[-1]
            self.placebo.set_data(self._x(placebo.time_h[keep]), placebo.symptom_score[keep])
            self.placebo.set_label(self._lab(f"placebo ({placebo.kind}, toy)", f"placebo ({placebo.kind})"))
        self.placebo.set_visible(placebo is not None)
        starts = tuple(e.start_h / self.scale for e in result.regimen.events)
        if [m.get_xdata()[0] for m in self.doses[:: len(self.axes)]] != list(starts):  # the same doses: the markers stay
            for marker in self.doses:
                marker.remove()
            look = {"color": SERIES["ketamine"].color, "alpha": 0.15, "lw": st.lw(2.0)}
            self.doses = [ax.axvline(x, **look) for x in starts for ax in self.axes]
        conc, _, acute, plast, _ = self.axes
        self.dissociation.set_data(t, 100 * result.dissociation_index)
        self.systolic.set_data(t, result.systolic_change_mmhg)
        acute_top = max(float(np.max(self.dissociation.get_ydata())), float(np.max(result.systolic_change_mmhg)))
        acute_top = self._ghost_top(acute, acute_top)  # a pinned curve stays in view
        end = (self.axis, float(result.time_h[-1]))
        if self._state.ticks_end != end:
            if self.log:
                log_time_axis(self.axes[-1], end[1])
            elif self.axis == "course":
                course_time_axis(self.axes[-1], end[1] / 24.0, week_ticks=9 if st.details else 5)
            self._state.ticks_end = end
        if self._limits_free():
            current = acute.get_ylim()[1]
            wanted = next(rung for rung in ACUTE_AXIS_RUNGS if rung >= 1.1 * acute_top)  # moves in steps, and only
            if wanted > current or 1.1 * acute_top < 0.25 * current or not self._state.laid_out:  # when it must
                acute.set_ylim(0, wanted)
            conc.set_xlim(LOG_AXIS_START_H if self.log else t[0], t[-1])
            top = max(float(np.max(self.parent.get_ydata())), float(np.max(self.metabolite.get_ydata())))
            top = self._ghost_top(conc, top)  # a pinned curve stays in view
            self._sticky_top(conc, 1.1 * top if top > 0 else 1.0)
            plast_top = self._ghost_top(plast, max(float(np.max(c.index)), float(np.max(c.signal)) if st.details else 0.0))
            self._sticky_top(plast, max(1.0, 1.1 * plast_top))
        self._legends()
        self.title.set_text(
            "dose → concentration → NMDA block → toy plasticity → toy symptoms"
            + (f" ({result.pk_set.citation.short()} set)" if st.details else "")
        )
        self._lay_out_once()


def full_chain_figure(
    result, comparator=None, unit: str = "ng/mL", days=True, time_axis: str = "log", style="notebook", placebo=None
):
    """Return a labelled figure of the whole chain for ``result`` (see :class:`FullChainFigure`).

    ``comparator`` (:func:`~simulator.plasticity.conventional_antidepressant`) and ``placebo``
    (:func:`~simulator.plasticity.placebo_arm`) go on the symptom panel; :meth:`FullChainFigure.update` checks them.
    """
    figure = FullChainFigure(unit=unit, days=days, time_axis=time_axis, style=style)
    figure.update(result, comparator, placebo)
    return figure.fig
