"""Figure builders. Every figure carries the teaching-model label.

Figures are built once and updated in place (``set_data``), so the widgets can redraw them quickly;
:func:`label_figure` adds :data:`~simulator.DISCLAIMER`. Every builder takes ``style=`` (one of
:data:`~simulator.style.STYLE_NAMES`: "notebook", "projector", "print") and lays itself out for it: sizes
come from the style, margins from the text actually drawn (matplotlib's constrained layout, run once
per change of layout, not on every frame). Colours and line styles come from :data:`simulator.style.SERIES`
(Okabe-Ito, with a line style per series). Every builder checks its arguments first: a wrong type raises
``TypeError`` and a bad value ``ValueError``, naming the argument (DESIGN.md principle 7).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import check_choice, check_number
from ..labels import DISCLAIMER, LABEL_TAG, SHORT_DISCLAIMER
from ..pipeline import Result
from ..pipeline import log_time_grid as log_axis_times  # the grid is the model's (simulate(..., grid="log")); kept by name
from ..plasticity import ComparatorResult, response_threshold
from ..population import PopulationResult
from ..receptor import LIGANDS, MIXTURES, BlockerComparison, ChannelBlockResult, ReceptorAssumptions
from ..style import CYCLE, SERIES, Style, get_style
from ..tables import format_duration, format_number
from ..units import CONCENTRATION_UNITS

__all__ = [
    "ACUTE_AXIS_RUNGS",
    "CONCENTRATION_CURVES",
    "LABEL_TAG",
    "LIGAND_NAMES",
    "LOG_TICKS",
    "MAX_PINS",
    "TIME_AXES",
    "Y_SCALES",
    "ConcentrationFigure",
    "FullChainFigure",
    "PopulationFigure",
    "ReceptorFigure",
    "TrappingFigure",
    "acute_effects_figure",
    "chain_figure",
    "channel_block_figure",
    "concentration_figure",
    "describe",
    "format_duration",
    "format_number",
    "full_chain_figure",
    "label_figure",
    "layout_figure",
    "log_axis_times",
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
#: Upper limit of every toy symptom-score axis (the score's range), so that figures compare at a glance.
SCORE_AXIS_TOP = 60.0


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


def _subplots(st: Style, own_size, *args, **kwargs):
    """Return (figure, axes) sized for style ``st`` (``own_size``: the notebook size), detached from pyplot.

    Detached from pyplot's list of open figures, Jupyter shows a figure once, when a cell returns it (not
    again at the end of the cell), and the explorers can keep redrawing their figures into images.
    """
    with plt.ioff():
        fig, axes = plt.subplots(*args, figsize=st.figsize(own_size), **kwargs)
    plt.close(fig)
    return fig, axes


def _line(ax, st: Style, series: str, x=(), y=(), **kw):
    """Plot one quantity in its :data:`~simulator.style.SERIES` colour, line style and width (``kw`` overrides)."""
    s = SERIES[series]
    return ax.plot(x, y, **{"color": s.color, "ls": s.linestyle, "lw": st.lw(s.width), **kw})[0]


def _cycled(k: int) -> dict:
    """Colour and line style of the ``k``-th of a list of like series (ligands, sets, schedules)."""
    s = CYCLE[k % len(CYCLE)]
    return {"color": s.color, "ls": s.linestyle}


def _legend(ax, st: Style, outside: bool = True, **kw):
    """Draw ``ax``'s legend in the style's size; by default to the right of the data, never over it."""
    where = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0} if outside else {}
    spacing = {"labelspacing": 0.35, "handlelength": 2.4} if not st.details else {}
    return ax.legend(**{**where, "fontsize": st.small, "frameon": False, **spacing, **kw})


def _ylabel(ax, st: Style, text: str) -> None:
    """Label the y axis; in a style with horizontal labels (projector) it reads without turning the head."""
    if st.horizontal_ylabels:
        ax.set_ylabel(text, fontsize=st.text, rotation=0, ha="right", va="center", labelpad=10)
    else:
        ax.set_ylabel(text, fontsize=st.text)


def _title(ax, st: Style, main: str, detail: str = ""):
    """Set ``ax``'s title: ``main``, followed by ``detail`` in styles that show details (not on a slide)."""
    text = f"{main} ({detail})" if detail and st.details else main
    return ax.set_title(text, fontsize=st.title, loc="left")


def label_figure(fig, extra: str = "", style="notebook"):
    """Put the teaching-model label (and an optional source line) under ``fig``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to label.
    extra : str
        A second line, e.g. the parameter set used.
    style : str or Style
        Text size and colour; the projector style uses the label's first sentence
        (:data:`~simulator.labels.SHORT_DISCLAIMER`), the others the whole statement.

    Returns
    -------
    matplotlib.text.Text
        The label artist (``gid`` = "teaching-label").
    """
    from matplotlib.figure import Figure

    _require("fig", fig, Figure, "a matplotlib Figure")
    _require("extra", extra, str, "a string")
    st = get_style(style)
    statement = DISCLAIMER if st.details else SHORT_DISCLAIMER
    text = statement if not extra else f"{statement}\n{extra}"
    label = fig.text(0.01, 0.008, text, ha="left", va="bottom", fontsize=st.label, color=st.label_color, wrap=True)
    label.set_gid(LABEL_TAG)
    return label


def _renderer(fig):
    """Return a renderer for ``fig`` (an Agg canvas is attached when the figure has none that renders)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def layout_figure(fig) -> None:
    """Lay ``fig`` out for the text it now holds: margins fit every label, tick, title and legend.

    Runs matplotlib's constrained layout once (not on every draw, which costs about 100 ms), inside the space
    the teaching label leaves at the bottom and any figure-level note leaves at the top. Call it again after
    a change that moves text (a new legend entry, a longer title); :class:`_FastRender` does so by itself.
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    renderer = _renderer(fig)
    height = fig.bbox.height
    pad = 0.01
    bottom, top = 0.0, 1.0
    for text in fig.texts:
        if not text.get_visible() or not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        if text.get_gid() == LABEL_TAG:
            bottom = max(bottom, box.y1 / height)
        elif text.get_gid() == _TOP_NOTE:
            top = min(top, box.y0 / height)
    bottom, top = bottom + pad, top - pad
    engine = ConstrainedLayoutEngine(rect=(0.0, bottom, 1.0, top - bottom), h_pad=0.04, w_pad=0.04, hspace=0.02, wspace=0.03)
    if len(fig.axes) > 1:
        fig.align_ylabels(fig.axes)
    # legends anchored beside an axes move with it, so one pass may leave a sliver to gain: repeat until the
    # positions stand still (two passes in practice), so that laying out the same figure again changes nothing
    for _ in range(4):
        before = [ax.get_position().bounds for ax in fig.axes]
        engine.execute(fig)
        if np.allclose(before, [ax.get_position().bounds for ax in fig.axes], rtol=0.0, atol=1e-7):
            break


#: gid of a figure-level note drawn above the axes (the chain figure's cursor readout).
_TOP_NOTE = "top-note"


def _finish(fig, st: Style, extra: str = "", layout: bool = True):
    """Label ``fig``, size its tick labels for ``st`` and (unless ``layout`` is False) lay it out; return it."""
    for ax in fig.axes:
        _style_axes(ax, st)
    label_figure(fig, extra, st)
    if layout:
        layout_figure(fig)
    return fig


def _style_axes(ax, st: Style) -> None:
    ax.tick_params(labelsize=st.text, width=st.lw(0.5), length=3.5 * st.lw(0.5) / 0.8)
    ax.xaxis.label.set_fontsize(st.text)
    for spine in ax.spines.values():
        spine.set_linewidth(st.lw(0.5))


def _grid(ax, st: Style, **kw) -> None:
    ax.grid(alpha=st.grid_alpha, lw=st.lw(0.4), **kw)


#: Time axes the chain figure offers: linear, or log from 5 minutes to weeks.
TIME_AXES = ("linear", "log")
#: Concentration axes the concentration figure offers.
Y_SCALES = ("linear", "log")
#: Curves the concentration figure can show: parent in plasma, parent in the brain (effect site), metabolite.
CONCENTRATION_CURVES = ("plasma", "brain", "metabolite")
#: Where a log time axis starts, hours (5 minutes).
LOG_AXIS_START_H = 5.0 / 60.0
#: Ticks of a log time axis, hours, and their labels.
LOG_TICKS = ((0.25, "15 min"), (1.0, "1 h"), (6.0, "6 h"), (24.0, "1 d"), (168.0, "1 wk"), (672.0, "4 wk"), (2688.0, "16 wk"))


def _log_time_axis(ax, end_h: float = 672.0) -> None:
    """Make ``ax`` (hours) a log axis labelled 15 min, 1 h, 6 h, 1 d, 1 wk, 4 wk, 16 wk up to ``end_h`` (shared axes follow)."""
    from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

    ticks = [(h, label) for h, label in LOG_TICKS if h <= 1.001 * end_h]
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(FixedLocator([h for h, _ in ticks]))
    ax.xaxis.set_major_formatter(FixedFormatter([label for _, label in ticks]))
    ax.xaxis.set_minor_locator(NullLocator())


def _plasma_label(result, species: str) -> str:
    """Legend text of a plasma curve, with the sampling site where the parameter set states it."""
    site = result.pk_set.sampling
    return f"{species}, plasma" + ("" if site == "not stated" else f" ({site})")


def _unit_label(unit: str) -> str:
    return {"uM": "µM"}.get(unit, unit)


#: Most pinned curves a figure keeps (the oldest is dropped).
MAX_PINS = 8
#: Opacity of a pinned (ghost) curve.
GHOST_ALPHA = 0.3


class _Pins:
    """Keep earlier curves as labelled, faded ghosts for comparison: :meth:`pin` and :meth:`clear_pins`.

    A pin keeps the data (not only the artists), so that a change of style redraws the ghosts too.
    """

    def _data_lines(self) -> list:
        raise NotImplementedError

    def _ghosts(self) -> list:
        return [g for _, _, group in self.__dict__.get("_pins", []) for g in group]

    def _draw_ghosts(self, label: str, records: list) -> list:
        ghosts = []
        for k, (i, x, y, color, style, width) in enumerate(records):
            (ghost,) = self.fig.axes[i].plot(
                x, y, color=color, ls=style, lw=max(0.8, 0.7 * width), alpha=GHOST_ALPHA,
                label=f"pinned: {label}" if k == 0 else "_nolegend_", zorder=1,
            )  # fmt: skip
            ghosts.append(ghost)
        return ghosts

    def pin(self, label: str) -> None:
        """Keep the curves now shown as faded ghosts labelled ``label`` (at most :data:`MAX_PINS`; the oldest goes)."""
        _require("label", label, str, "a short string naming what is pinned")
        if not label.strip():
            raise ValueError(f"label must be a non-empty string, got {label!r}")
        pins = self.__dict__.setdefault("_pins", [])
        records = [
            (self.fig.axes.index(line.axes), np.array(line.get_xdata()), np.array(line.get_ydata()), line.get_color(),
             line.get_linestyle(), line.get_linewidth())
            for line in self._data_lines()
            if line.get_visible() and len(line.get_xdata()) > 0
        ]  # fmt: skip
        pins.append((label, records, self._draw_ghosts(label, records)))
        while len(pins) > MAX_PINS:
            for ghost in pins.pop(0)[2]:
                ghost.remove()
        self._legends()

    def clear_pins(self) -> None:
        """Remove every pinned curve."""
        for ghost in self._ghosts():
            ghost.remove()
        self.__dict__["_pins"] = []
        self._legends()

    @property
    def pins(self) -> list[str]:
        """Labels of the pinned curves, oldest first."""
        return [label for label, _, _ in self.__dict__.get("_pins", [])]


class _FastRender:
    """Render to PNG bytes, redrawing only the data when nothing else changed (blitting over a cached background).

    Subclasses build their artists in ``_build`` and list the changing ones in :meth:`_dynamic_artists`.
    The background (axes, ticks, grid, labels, legends, the teaching label) is laid out and drawn again only
    when the figure size, the resolution, an axis limit, a legend's labels or the style change; otherwise
    the data and the title are drawn over it, and each legend's box is pasted back on top (legends occlude
    the data, as a legend with an opaque frame does). Both paths give the same pixels.
    """

    def _dynamic_artists(self) -> list:
        raise NotImplementedError

    def _layout_key(self) -> tuple:
        """Return what, besides limits and legends, moves text when it changes (a title's source, for example)."""
        return ()

    def set_style(self, style) -> None:
        """Switch to ``style`` ("notebook", "projector" or "print"): the figure is built and laid out anew."""
        st = get_style(style)
        if st == self.style:
            return
        self.style = st
        self._rebuild()

    def reset_view(self) -> None:
        """Build the figure afresh, empty, with its axes free (the next update sets them as at the start); pins stay."""
        self.__dict__["_locked"] = False
        self.__dict__.pop("_last", None)
        self._rebuild()

    def _rebuild(self) -> None:
        """Build the figure anew (after a change of style, unit or scale) and show the same data, pins and cursor."""
        pins = self.__dict__.pop("_pins", [])
        cursor = self.__dict__.pop("_cursor_h", None)
        for key in ("_canvas", "_key", "_cursor", "_laid_out", "_layout", "_ticks_end"):
            self.__dict__.pop(key, None)
        self._build()
        last = self.__dict__.get("_last")
        if last is not None:
            self.update(*last)
        self._restore()
        self.__dict__["_pins"] = [(label, records, self._draw_ghosts(label, records)) for label, records, _ in pins]
        self._legends()
        if cursor is not None:
            self.set_cursor(cursor)

    def _restore(self) -> None:
        """Draw again, on a rebuilt figure, what a subclass shows besides its data (an overlay, a band)."""

    def lock_axes(self, locked: bool = True) -> None:
        """Keep every axis limit as it is (``locked``), so that curves compare against a fixed scale; False frees them."""
        self.__dict__["_locked"] = _check_flag("locked", locked)

    @property
    def axes_locked(self) -> bool:
        """Whether :meth:`lock_axes` holds the axis limits."""
        return self.__dict__.get("_locked", False)

    def _limits_free(self) -> bool:
        """Return whether an update may move the limits (always before the first layout, which sets them)."""
        return not (self.axes_locked and self.__dict__.get("_laid_out"))

    def _lay_out_once(self) -> None:
        """Lay the figure out at its first update (later, :meth:`render_png` does so when text moves)."""
        if not self.__dict__.get("_laid_out"):
            layout_figure(self.fig)
            self.__dict__["_laid_out"] = True

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
            self.style.name,
            tuple(self.fig.get_size_inches()),
            tuple((*ax.get_xlim(), *ax.get_ylim()) for ax in self.fig.axes),
            tuple(tuple(t.get_text() for t in legend.get_texts()) for legend in legends),
            tuple(t.get_text() for t in self.fig.texts),
            self._layout_key(),
        )
        dynamic = [a for a in self._dynamic_artists() if a is not None]
        if state.get("_key") != key:
            # hide the data while the background is drawn; titles stay laid out (a hidden axes title is
            # placed as if nothing were above it), so text is made transparent instead
            from matplotlib.text import Text

            # lay out again only when text that takes room changed: not for new limits whose tick labels read alike
            ticks = tuple(
                tuple(axis.major.formatter.format_ticks(list(axis.major.locator())))
                for ax in self.fig.axes if ax.axison for axis in (ax.xaxis, ax.yaxis)
            )  # fmt: skip
            layout = (key[1:3], key[4:], ticks)
            if state.get("_layout") != layout:
                layout_figure(self.fig)
                state["_layout"] = layout
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
        spines = [s for ax in {a.axes for a in dynamic if a.axes is not None} if ax.axison for s in ax.spines.values()]
        for a in sorted([*dynamic, *spines], key=lambda a: a.get_zorder()):
            if a.get_visible():
                a.draw(renderer)
        for box in state["_legend_boxes"]:
            canvas.restore_region(box)
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def _check_figsize(figsize) -> tuple:
    _require("figsize", figsize, (tuple, list), "a (width, height) pair in inches")
    if len(figsize) != 2:
        raise ValueError(f"figsize must be a (width, height) pair in inches, got {figsize!r}")
    return tuple(check_number(f"figsize[{i}]", x, low=0.0, high=50.0, low_inclusive=False) for i, x in enumerate(figsize))


class ConcentrationFigure(_Pins, _FastRender):
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

    def __init__(self, unit: str = "ng/mL", figsize=(9.6, 4.2), style="notebook", yscale: str = "linear"):
        self.unit = _check_unit(unit)
        self.yscale = check_choice("yscale", yscale, Y_SCALES)
        self.own_size = _check_figsize(figsize)
        self.style = get_style(style)
        self._build()

    def _build(self) -> None:
        st = self.style
        self.fig, self.ax = _subplots(st, self.own_size)
        ax = self.ax
        self.parent_line = _line(ax, st, "ketamine", label="ketamine, plasma")
        self.effect_line = _line(ax, st, "ketamine, brain", label="ketamine, effect site (brain)")
        self.metabolite_line = _line(ax, st, "norketamine", label="norketamine, plasma")
        ax.set_xlabel("time after first dose (h)")
        _ylabel(ax, st, f"concentration\n({_unit_label(self.unit)})" if st.horizontal_ylabels else
                f"concentration ({_unit_label(self.unit)})")  # fmt: skip
        _grid(ax, st)
        self.title = _title(ax, st, "")
        for name, line in zip(CONCENTRATION_CURVES, self._data_lines(), strict=True):
            line.set_visible(name in self.__dict__.get("_show", CONCENTRATION_CURVES))
        _finish(self.fig, st, layout=False)  # laid out by the first update, when the legends hold their labels
        self._legends()

    def _restore(self) -> None:
        if self.__dict__.get("_overlay_results"):
            self.set_overlay(self.__dict__["_overlay_results"])

    def _legends(self) -> None:
        handles, labels = self.ax.get_legend_handles_labels()
        shown = [(h, label) for h, label in zip(handles, labels, strict=True) if h.get_visible()]
        _legend(self.ax, self.style, handles=[h for h, _ in shown], labels=[label for _, label in shown])

    def _layout_key(self) -> tuple:
        last = self.__dict__.get("_last")
        return (last[0].pk_set.name,) if last else ()

    def _data_lines(self) -> list:
        return [self.parent_line, self.effect_line, self.metabolite_line]

    def _dynamic_artists(self) -> list:
        return [*self._ghosts(), *self.__dict__.get("_overlay", []), *self._data_lines(), self.title]

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
            _require("show", show, (tuple, list, set, frozenset), f"a collection of names from {list(CONCENTRATION_CURVES)}")
            for name in show:
                check_choice("show[]", name, CONCENTRATION_CURVES)
            if not show:
                raise ValueError(f"show must name at least one of {list(CONCENTRATION_CURVES)}, got an empty collection")
            if frozenset(show) != self.__dict__.get("_show", frozenset(CONCENTRATION_CURVES)):  # a slider move: nothing
                self.__dict__["_show"] = frozenset(show)
                for name, line in zip(CONCENTRATION_CURVES, self._data_lines(), strict=True):
                    line.set_visible(name in show)
                self._legends()
        rebuild = False
        if unit is not None and _check_unit(unit) != self.unit:
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
        for line in self.__dict__.pop("_overlay", []):
            line.remove()
        overlay = []
        if results:
            _require("results", results, dict, "a dict of label -> simulator.Result, or None")
            if len(results) > len(_SET_STYLES) - 1:
                raise ValueError(f"results must hold at most {len(_SET_STYLES) - 1} curves, got {len(results)}")
            for k, (label, result) in enumerate(results.items(), start=1):
                _check_result(f"results[{label!r}]", result)
                ls, marker = _SET_STYLES[k]
                overlay += self.ax.plot(
                    result.time_h, result.plasma("ketamine", self.unit), color=CYCLE[k].color, ls=ls, marker=marker or None,
                    markevery=max(1, result.time_h.size // 12), ms=2.0 * self.style.lw(1.0), lw=self.style.lw(0.9),
                    label=str(label), zorder=1.8,
                )  # fmt: skip
        self.__dict__["_overlay"] = overlay
        self.__dict__["_overlay_results"] = dict(results or {})
        self._legends()

    def update(self, result) -> None:
        """Show ``result`` (a :class:`~simulator.Result`)."""
        _check_result("result", result)
        self.__dict__["_last"] = (result,)
        t = result.time_h
        parent, metabolite = result.pk_set.species
        self.parent_line.set_data(t, result.plasma("ketamine", self.unit))
        self.parent_line.set_label(_plasma_label(result, parent))
        self.effect_line.set_data(t, result.effect_site("ketamine", self.unit))
        self.effect_line.set_label(f"{parent}, effect site (brain)")
        self.metabolite_line.set_data(t, result.plasma("norketamine", self.unit))
        self.metabolite_line.set_label(_plasma_label(result, metabolite))
        shown = [line for line in self._data_lines() if line.get_visible()] or self._data_lines()
        top = max(float(np.max(line.get_ydata())) for line in [*shown, *self._ghosts()])  # pinned curves stay in view
        if self._limits_free():
            self._concentration_limits(t, top)
        self._legends()
        plasma = self.parent_line.get_ydata()  # no summary(): it would run the whole chain on every slider move
        i = int(np.argmax(plasma))
        self.title.set_text(
            f"{parent} peak {_sig(plasma[i], 3)} {_unit_label(self.unit)} at {_hours(t[i])}"
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
            _sticky_top(self.ax, 1.08 * top if top > 0 else 1.0)  # the axis moves only when the data leave it


def concentration_figure(result, unit: str = "ng/mL", style="notebook", yscale: str = "linear"):
    """Return a labelled figure of ``result``'s concentrations (see :class:`ConcentrationFigure`)."""
    _check_result("result", result)
    figure = ConcentrationFigure(unit=unit, style=style, yscale=yscale)
    figure.update(result)
    return figure.fig


def chain_figure(result, unit: str = "ng/mL", bands=True, style="notebook"):
    """Draw concentrations (with context bands) above NMDA occupancy, on one time axis.

    Parameters
    ----------
    result : Result
        A simulation.
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.
    bands : bool
        Mark the named plasma concentration bands (Zanos 2018 Table 1; Bowdle 1998) as bars beside the axis.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..literature.receptor_data import BANDS
    from ..units import convert_concentration

    _check_result("result", result)
    _check_unit(unit)
    _check_flag("bands", bands)
    st = get_style(style)

    fig, (top, bottom) = _subplots(st, (8.0, 6.0), 2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    t = result.time_h
    top.set_xlim(t[0], t[-1])
    parent, metabolite = result.pk_set.species
    _line(top, st, "ketamine", t, result.plasma("ketamine", unit), label=_plasma_label(result, parent))
    _line(top, st, "ketamine, brain", t, result.effect_site("ketamine", unit), label=f"{parent}, effect site")
    _line(top, st, "norketamine", t, result.plasma("norketamine", unit), label=_plasma_label(result, metabolite))
    peak = max(float(np.max(result.plasma("ketamine", unit))), float(np.max(result.plasma("norketamine", unit))))
    top.set_ylim(0, 1.15 * peak if peak > 0 else 1.0)
    if bands:  # bands overlap, so each is a bar of its own just inside the right edge, like a ruler
        from matplotlib.transforms import ScaledTranslation, blended_transform_factory

        for i, band in enumerate(BANDS):
            low, high = (convert_concentration(v / 1000.0, unit) for v in (band.low_ng_per_ml, band.high_ng_per_ml))
            if low > top.get_ylim()[1]:
                continue
            shift = ScaledTranslation(-(len(BANDS) - i - 0.5) * 0.8 * st.small / 72.0, 0.0, fig.dpi_scale_trans)
            where = blended_transform_factory(top.transAxes, top.transData) + shift
            top.plot([1.0, 1.0], [low, min(high, top.get_ylim()[1])], transform=where, lw=0.6 * st.small,
                     color=BAND_COLORS[i % len(BAND_COLORS)], solid_capstyle="butt", alpha=0.7,
                     label=f"{band.name} range ({band.citation.short()})")  # fmt: skip
    _ylabel(top, st, f"concentration\n({_unit_label(unit)})")
    _legend(top, st)
    _grid(top, st)
    by_ligand = result.occupancy_by_ligand()
    for name, values in by_ligand.items():
        if name == "total":
            continue
        color = SERIES["norketamine" if "nor" in name else "ketamine"].color
        if name in ("ketamine", "norketamine"):  # a racemate: S + R together
            style_, label = ":", f"{name} (S + R)"
        else:
            style_ = "--" if name.startswith("es") else "-."
            label = f"{name} ({'S' if name.startswith('es') else 'R'} part)"
        bottom.plot(t, 100 * values, color=color, lw=st.lw(0.8), ls=style_, label=label)
    low, high = result.occupancy_range()
    bottom.fill_between(t, 100 * low, 100 * high, color=SERIES["assumption range"].color, alpha=0.25, lw=0,
                        label="range across assumptions")  # fmt: skip
    _line(bottom, st, "nmda block", t, 100 * result.occupancy, label="total NMDA block")
    bottom.set_ylim(0, 100)
    _ylabel(bottom, st, "NMDA channels\nblocked (%)")
    bottom.set_xlabel("time after first dose (h)")
    _legend(bottom, st)
    _grid(bottom, st)
    _title(top, st, "dose → concentration → NMDA block", result.pk_set.citation.short())
    return _finish(
        fig,
        st,
        f"Occupancy: {result.receptor.describe()}; grey: Ki or IC50, with or without Mg2+. No human PET occupancy "
        "exists: the level is uncertain, the shape is the lesson.",
    )


#: Colours of the concentration-band bars (drawn thick and translucent, labelled in the legend): Okabe-Ito
#: colours that stay apart under deuteranopia and protanopia.
BAND_COLORS = ("#009E73", "#E69F00", "#CC79A7", "#56B4E9")

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


def occupancy_curve_figure(
    assumptions=None, ligands=("esketamine", "ketamine", "arketamine", "norketamine", "memantine"), style="notebook"
):
    """Draw occupancy against total plasma concentration for several ligands, with EC50 marks and bands.

    Parameters
    ----------
    assumptions : ReceptorAssumptions, optional
        Occupancy assumptions (default: the package's).
    ligands : sequence of str
        One or more names from :data:`LIGAND_NAMES`, each once. S parts are dashed, R parts dash-dotted,
        racemates solid.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..literature.receptor_data import BANDS
    from ..receptor import occupancy_curve

    if assumptions is not None:
        _require("assumptions", assumptions, ReceptorAssumptions, "a simulator.ReceptorAssumptions or None")
    _require("ligands", ligands, (tuple, list), f"a list or tuple of ligand names from {list(LIGAND_NAMES)}")
    if not ligands:
        raise ValueError(f"ligands must name at least one ligand from {list(LIGAND_NAMES)}, got {ligands!r}")
    for i, ligand in enumerate(ligands):
        check_choice(f"ligands[{i}]", ligand, LIGAND_NAMES)
    if len(set(ligands)) != len(ligands):
        raise ValueError(f"ligands must name each ligand once, got {list(ligands)}")
    st = get_style(style)

    concentrations = np.geomspace(1.0, 1e5, 300)
    fig, ax = _subplots(st, (8.0, 4.6))
    for ligand in ligands:
        occupancy, ec50 = occupancy_curve(ligand, concentrations, "ng/mL", assumptions=assumptions)
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
    _ylabel(ax, st, "NMDA channels\nblocked (%)")
    _legend(ax, st)
    _grid(ax, st)
    _title(ax, st, "how much block each concentration gives", "dots: half block (EC50)")
    return _finish(
        fig, st, "Affinities: Ebert 1997 (Ki) or Gilling 2009 (IC50); memantine Blanpied 1997. Equilibrium, no kinetics."
    )


class ReceptorFigure(_Pins, _FastRender):
    """Concentration -> occupancy curves (left) beside 100 NMDA receptors at one concentration (right), linked.

    :meth:`update` takes a total plasma concentration (ng/mL) and the receptor assumptions: a line marks the
    concentration on the curves, a dot the occupancy of the chosen ligand, and the grid fills as many
    receptors as are blocked (rounded), with the number and its range across assumptions beside it.

    Parameters
    ----------
    ligands : sequence of str
        One or more names from :data:`LIGAND_NAMES`, each once.
    style : {"notebook", "projector", "print"}
        Sizes for the room.
    """

    def __init__(self, ligands=("esketamine", "ketamine", "arketamine", "norketamine", "memantine"), style="notebook"):
        _require("ligands", ligands, (tuple, list), f"a list or tuple of ligand names from {list(LIGAND_NAMES)}")
        if not ligands or len(set(ligands)) != len(ligands):
            raise ValueError(f"ligands must name one or more ligands from {list(LIGAND_NAMES)}, each once, got {ligands!r}")
        for i, ligand in enumerate(ligands):
            check_choice(f"ligands[{i}]", ligand, LIGAND_NAMES)
        self.ligands = tuple(ligands)
        self.style = get_style(style)
        self._build()

    def _build(self) -> None:
        st = self.style
        self.fig, (curves, grid) = _subplots(st, (11.0, 4.6), 1, 2, gridspec_kw={"width_ratios": [1.8, 1.0]})
        self.axes = (curves, grid)
        self.concentrations = np.geomspace(1.0, 1e5, 300)
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
        _ylabel(curves, st, "NMDA channels\nblocked (%)")
        _grid(curves, st)
        rows, cols = np.divmod(np.arange(100), 10)
        self.receptors = grid.scatter(cols, 9 - rows, s=20.0, facecolors="none", edgecolors="#222222",
                                      linewidths=st.lw(0.6))  # fmt: skip
        grid.set_xlim(-0.7, 9.7)
        grid.set_ylim(-0.7, 9.7)
        grid.axis("off")  # markers stay round whatever the box's shape, so no fixed aspect (it fights the layout)
        self.readout = grid.text(0.5, -0.04, "", transform=grid.transAxes, ha="center", va="top", fontsize=st.title)
        self.title = _title(curves, st, "")
        _finish(self.fig, st, "Affinities: Ebert 1997 (Ki) or Gilling 2009 (IC50); memantine Blanpied 1997. "
                "Equilibrium; no human PET measurement gives these numbers.", layout=False)  # fmt: skip
        self._legends()

    def _legends(self) -> None:
        _legend(self.axes[0], self.style)

    def _data_lines(self) -> list:
        return list(self.curves.values())

    def _dynamic_artists(self) -> list:
        return [*self._ghosts(), *self.curves.values(), self.marker, self.dot, self.receptors, self.readout, self.title]

    def update(self, concentration_ng_per_ml: float, assumptions=None, ligand: str = "ketamine") -> None:
        """Show ``ligand`` at ``concentration_ng_per_ml`` (total plasma, in [1, 100000]) under ``assumptions``."""
        from ..receptor import ASSUMPTION_SPREAD, equilibrium_occupancy, occupancy_curve

        c = check_number("concentration_ng_per_ml", concentration_ng_per_ml, low=1.0, high=1e5)
        check_choice("ligand", ligand, self.ligands)
        if assumptions is None:
            assumptions = ReceptorAssumptions()
        _require("assumptions", assumptions, ReceptorAssumptions, "a simulator.ReceptorAssumptions or None")
        self.__dict__["_last"] = (c, assumptions, ligand)
        cache = self.__dict__.setdefault("_curve_cache", {})
        for name, line in self.curves.items():
            if (name, assumptions) not in cache:
                cache[(name, assumptions)] = occupancy_curve(name, self.concentrations, "ng/mL", assumptions=assumptions)
            occupancy, ec50 = cache[(name, assumptions)]
            line.set_data(self.concentrations, 100 * occupancy)
            line.set_label(f"{_ligand_label(name)}" + (f", EC50 {_sig(ec50)} ng/mL" if self.style.details else ""))
        occupancy = float(equilibrium_occupancy({ligand: c}, "ng/mL", assumptions=assumptions, basis="plasma")["total"])
        others = [
            float(equilibrium_occupancy({ligand: c}, "ng/mL", assumptions=a, basis="plasma")["total"]) for a in ASSUMPTION_SPREAD
        ]
        self.marker.set_xdata([c, c])
        self.dot.set_data([c], [100 * occupancy])
        blocked = round(100 * occupancy)
        colours = np.zeros((100, 4))
        colours[:blocked] = (0.133, 0.133, 0.133, 1.0)
        self.receptors.set_facecolors(colours)
        self.readout.set_text(
            f"{blocked} of 100 blocked"
            + (f" (other assumptions: {100 * min(others):.0f} to {100 * max(others):.0f})" if self.style.details else "")
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
    _require("results", results, dict, "a dict of name -> ChannelBlockResult (from simulator.receptor.channel_block)")
    if not 1 <= len(results) <= len(CYCLE):
        raise ValueError(f"results must hold 1 to {len(CYCLE)} name -> ChannelBlockResult entries, got {len(results)}")
    for name, res in results.items():
        _require("results key", name, str, "a string (the legend label)")
        _require(f"results[{name!r}]", res, ChannelBlockResult, "a ChannelBlockResult (from simulator.receptor.channel_block)")
    if control is not None:
        _require("control", control, ChannelBlockResult, "a ChannelBlockResult or None")
    st = get_style(style)
    fig, (top, bottom) = _subplots(st, (8.0, 5.4), 2, 1, sharex=True)
    if control is not None:
        _line(top, st, "control", control.time_s, control.open, label="no blocker")
    for k, (name, res) in enumerate(results.items()):
        look = _cycled(k)
        top.plot(res.time_s, res.open, lw=st.lw(0.8), label=name, **look)
        bottom.plot(res.time_s, 100 * res.blocked, lw=st.lw(1.2), label=f"{name}: blocked", **look)
        bottom.plot(res.time_s, 100 * res.trapped, lw=st.lw(0.6), color=look["color"], ls=(0, (1, 1.5)),
                    marker="o", markevery=max(1, res.time_s.size // 10), ms=st.lw(2.0), label=f"{name}: trapped")  # fmt: skip
    _ylabel(top, st, "open\nfraction")
    _ylabel(bottom, st, "channels\nblocked (%)")
    bottom.set_xlabel("time (s)")
    for ax in (top, bottom):
        _legend(ax, st)
        _grid(ax, st)
    _title(top, st, "one synapse: glutamate opens channels, blockers enter open ones")
    return _finish(
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


class TrappingFigure(_Pins, _FastRender):
    """Trapping against partial untrapping, built once and updated in place (see :func:`trapping_figure`).

    Top: the open fraction over the last five pulses, with the control. Bottom: transmission after each pulse
    relative to the control (100% = unblocked): a trapped blocker accumulates, memantine spares more.

    Parameters
    ----------
    style : {"notebook", "projector", "print"}
        Sizes for the room.
    """

    def __init__(self, style="notebook"):
        self.style = get_style(style)
        self._build()

    def _build(self) -> None:
        st = self.style
        self.fig, (top, bottom) = _subplots(st, (8.0, 5.8), 2, 1)
        self.axes = (top, bottom)
        self.control = _line(top, st, "control", label="no blocker")
        self.open_lines, self.transmission_lines = {}, {}
        for name, (color, ls) in _BLOCKER_STYLE.items():
            self.open_lines[name] = top.plot([], [], color=color, ls=ls, lw=st.lw(1.1), label=name)[0]
            self.transmission_lines[name] = bottom.plot([], [], color=color, ls=ls, lw=st.lw(1.2), label=name)[0]
        top.set_xlabel("time (s): the last 5 s of the train")
        _ylabel(top, st, "open\nfraction")
        self.equilibrium = bottom.axhline(50, color="#555555", lw=st.lw(0.6), ls=(0, (6, 2, 1, 2)),
                                          label="100% - equilibrium block")  # fmt: skip
        bottom.set_ylim(0, 105)
        bottom.set_xlabel("time of each pulse (s)")
        _ylabel(bottom, st, "transmission\n(% of none)")
        for ax in self.axes:
            _grid(ax, st)
        self.title = _title(top, st, "")
        _finish(
            self.fig,
            st,
            "Rates: Gilling 2009 (ketamine, memantine, partial untrapping); gating Destexhe, Mainen & Sejnowski 1998; "
            "MK-801 rates illustrative.",
            layout=False,
        )
        self._legends()

    def _legends(self) -> None:
        for ax in self.axes:
            handles, labels = ax.get_legend_handles_labels()
            shown = [(h, label) for h, label in zip(handles, labels, strict=True) if h.get_visible()]
            _legend(ax, self.style, handles=[h for h, _ in shown], labels=[label for _, label in shown])

    def _data_lines(self) -> list:
        return [line for line in self.transmission_lines.values() if line.get_visible()]

    def _dynamic_artists(self) -> list:
        lines = [self.control, *self.open_lines.values(), *self.transmission_lines.values(), self.equilibrium]
        return [*self._ghosts(), *lines, self.title]

    def update(self, comparison) -> None:
        """Show ``comparison`` (from :func:`simulator.receptor.compare_blockers`)."""
        _require("comparison", comparison, BlockerComparison, "a BlockerComparison (from simulator.receptor.compare_blockers)")
        self.__dict__["_last"] = (comparison,)
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
            _sticky_top(top, 1.1 * max(0.05, float(np.max(control.open[last]))))
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
    _require("comparison", comparison, BlockerComparison, "a BlockerComparison (from simulator.receptor.compare_blockers)")
    figure = TrappingFigure(style=style)
    figure.update(comparison)
    return figure.fig


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
    time_axis : {"log", "linear"}
        ``"log"`` (default): one axis from 5 minutes to the end, ticks labelled 15 min, 1 h, 6 h, 1 d, 1 wk,
        4 wk, so that an onset within hours and a benefit over weeks show together; simulate on
        :func:`log_axis_times` for a smooth first hour. ``"linear"``: days (or hours, ``days=False``).
    style : {"notebook", "projector", "print"}
        Sizes for the room; the projector style leaves out the plasticity stages (the index stays), so that
        what remains reads from the back of a hall. :meth:`set_style` switches later.
    figsize : tuple
        Size in the notebook style (width, height), inches, each in (0, 50].
    """

    def __init__(self, unit: str = "ng/mL", days: bool = True, time_axis: str = "log", style="notebook", figsize=(11.0, 10.4)):
        self.own_size = _check_figsize(figsize)
        self.log = check_choice("time_axis", time_axis, TIME_AXES) == "log"
        self.unit, self.scale = _check_unit(unit), 24.0 if _check_flag("days", days) and not self.log else 1.0
        self.days = days
        self.style = get_style(style)
        self._build()

    def _build(self) -> None:
        st = self.style
        ratios = {"height_ratios": [2, 1.3, 1.1, 1.6, 1.8]}
        self.fig, axes = _subplots(st, self.own_size, 5, 1, sharex=True, gridspec_kw=ratios)
        self.axes = conc, occ, acute, plast, symp = axes
        self.parent = _line(conc, st, "ketamine", label="ketamine, plasma")
        self.metabolite = _line(conc, st, "norketamine", label="norketamine, plasma")
        _ylabel(conc, st, f"plasma\n({_unit_label(self.unit)})")
        self.block = _line(occ, st, "nmda block", label="NMDA block")
        self.transporter = _line(occ, st, "transporter block", label="SSRI: transporter block")
        self.block_range = occ.fill_between([], [], [], color=SERIES["assumption range"].color, alpha=0.25, lw=0,
                                            label="NMDA: range of assumptions")  # fmt: skip
        _ylabel(occ, st, "blocked\n(%)")
        occ.set_ylim(0, 100)
        self.dissociation = _line(acute, st, "dissociation", label="dissociation (% of max)")
        self.systolic = _line(acute, st, "systolic", label="systolic rise (mmHg)")
        _ylabel(acute, st, "acute\n(toy)")
        self.signal = _line(plast, st, "signal", label="signal (BDNF/mTOR), hours", visible=st.details)
        self.index = _line(plast, st, "plasticity index", label="plasticity index", zorder=2.1)
        # drawn over the index: after one session the new synapses make up nearly all of it
        self.labile = _line(plast, st, "new synapses", label="new synapses, days", visible=st.details, zorder=2.2)
        self.consolidated = _line(plast, st, "consolidated", label="consolidated, weeks", visible=st.details, zorder=2.2)
        _ylabel(plast, st, "plasticity\n(toy)")
        self.baseline = symp.axhline(32, **_axhline_kw(st, "baseline line"))
        self.response = symp.axhline(16, **_axhline_kw(st, "response line"), label="response: 50% drop")
        self.score = _line(symp, st, "ketamine score", label="ketamine")
        self.comparator = _line(symp, st, "comparator score", label="SSRI, daily")
        self.placebo = _line(symp, st, "placebo score", label="placebo")
        self.band = None
        symp.set_ylim(0, SCORE_AXIS_TOP)
        _ylabel(symp, st, "symptoms\n(toy, 0-60)")
        symp.set_xlabel(
            "time after the first dose" if self.log else "days after first dose" if self.days else "hours after first dose"
        )
        if self.log:
            _log_time_axis(symp)
        for ax in axes:
            _grid(ax, st)
        self.doses = []
        self.title = _title(conc, st, "")
        _finish(
            self.fig,
            st,
            "Plasticity and symptom panels are toys tuned to Kishimoto 2016, Moda-Sava 2019, Murrough 2013 and "
            "Trivedi 2006; they predict nothing for a person.",
            layout=False,  # laid out by the first update, when the legends hold their labels
        )
        self._legends()

    def _legends(self) -> None:
        for ax in self.axes:
            handles, labels = ax.get_legend_handles_labels()
            shown = [(h, label) for h, label in zip(handles, labels, strict=True) if h.get_visible()]
            if shown:
                _legend(ax, self.style, handles=[h for h, _ in shown], labels=[label for _, label in shown])

    def _layout_key(self) -> tuple:
        return (self.title.get_text(),)

    def _data_lines(self) -> list:
        return [self.parent, self.metabolite, self.block, self.index, self.score]

    def _dynamic_artists(self) -> list:
        lines = [self.parent, self.metabolite, self.block, self.transporter, self.dissociation, self.systolic]
        lines += [self.signal, self.index, self.labile, self.consolidated, self.baseline, self.response]
        lines += [self.score, self.comparator, self.placebo]
        cursor = self.__dict__.get("_cursor", [])
        return [*self._ghosts(), self.block_range, *self.doses, *lines, *cursor[:-1], self.title]

    def set_cursor(self, time_h) -> str | None:
        """Draw a time cursor across every panel and read out all values at that moment (None removes it).

        ``time_h``: hours after the first dose, within the result shown (the nearest output time is used).
        Returns the readout text (also drawn above the panels), or None.
        """
        for artist in self.__dict__.pop("_cursor", []):
            artist.remove()
        self.__dict__.pop("_cursor_h", None)
        if time_h is None:
            return None
        last = self.__dict__.get("_last")
        if last is None:
            raise ValueError("set_cursor needs a result: call update(result) first")
        result = last[0]
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
        lines = [ax.axvline(x, color="#000000", lw=self.style.lw(0.6), ls=(0, (2, 2))) for ax in self.axes]
        readout = self.fig.text(0.01, 0.995, text, fontsize=self.style.small, ha="left", va="top", wrap=True)
        readout.set_gid(_TOP_NOTE)
        self.__dict__["_cursor"] = [*lines, readout]
        self.__dict__["_cursor_h"] = float(t[k])
        return text

    def _x(self, time_h):
        """Return the x data for times ``time_h``, in days or hours; on a log axis time 0 is left out (NaN).

        A point at time 0 would be drawn from far left of a log axis, a false flat line before the first sample.
        """
        x = time_h / self.scale
        return np.where(x > 0, x, np.nan) if self.log else x

    def _restore(self) -> None:
        if self.__dict__.get("_band_name"):
            self.set_band(self.__dict__["_band_name"])

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
                                             label=f"{band.name} range ({band.citation.short()})")  # fmt: skip
        self.__dict__["_band_name"] = name
        self._legends()

    def update(self, result, comparator=None, placebo=None) -> None:
        """Show ``result``; ``comparator`` and ``placebo`` go on the symptom panel (None hides them).

        ``comparator`` comes from :func:`~simulator.plasticity.conventional_antidepressant`, ``placebo`` from
        :func:`~simulator.plasticity.placebo_arm`.
        """
        from ..plasticity import PlaceboResult

        _check_result("result", result)
        if comparator is not None:
            _require("comparator", comparator, ComparatorResult, "a ComparatorResult (from conventional_antidepressant) or None")
        if placebo is not None:
            _require("placebo", placebo, PlaceboResult, "a PlaceboResult (from placebo_arm) or None")
        st = self.style
        t = self._x(result.time_h)
        self.__dict__["_last"] = (result, comparator, placebo)
        parent, metabolite = result.pk_set.species
        self.parent.set_data(t, result.plasma("ketamine", self.unit))
        self.parent.set_label(_plasma_label(result, parent))
        self.metabolite.set_data(t, result.plasma("norketamine", self.unit))
        self.metabolite.set_label(_plasma_label(result, metabolite))
        self.block.set_data(t, 100 * result.occupancy)
        self.block_range.remove()
        low, high = result.occupancy_range()
        self.block_range = self.axes[1].fill_between(t, 100 * low, 100 * high, color=SERIES["assumption range"].color,
                                                     alpha=0.25, lw=0, label="NMDA: range of assumptions")  # fmt: skip
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
        if comparator is not None:
            keep = comparator.time_h <= result.time_h[-1]
            self.comparator.set_data(self._x(comparator.time_h[keep]), comparator.symptom_score[keep])
            self.transporter.set_data(self._x(comparator.time_h[keep]), 100 * comparator.block[keep])
        self.comparator.set_visible(comparator is not None)
        self.transporter.set_visible(comparator is not None)
        if placebo is not None:
            keep = placebo.time_h <= result.time_h[-1]
            self.placebo.set_data(self._x(placebo.time_h[keep]), placebo.symptom_score[keep])
            self.placebo.set_label(f"placebo ({placebo.kind}, toy)")
        self.placebo.set_visible(placebo is not None)
        for marker in self.doses:
            marker.remove()
        self.doses = [
            ax.axvline(e.start_h / self.scale, color=SERIES["ketamine"].color, alpha=0.15, lw=st.lw(2.0))
            for e in result.regimen.events
            for ax in self.axes
        ]
        conc, _, acute, plast, _ = self.axes
        self.dissociation.set_data(t, 100 * result.dissociation_index)
        self.systolic.set_data(t, result.systolic_change_mmhg)
        acute_top = max(float(np.max(self.dissociation.get_ydata())), float(np.max(result.systolic_change_mmhg)))
        if self.log and self.__dict__.get("_ticks_end") != result.time_h[-1]:
            _log_time_axis(self.axes[-1], result.time_h[-1])
            self.__dict__["_ticks_end"] = result.time_h[-1]
        if self._limits_free():
            current = acute.get_ylim()[1]
            wanted = next(rung for rung in ACUTE_AXIS_RUNGS if rung >= 1.1 * acute_top)  # moves in steps, and only
            if wanted > current or 1.1 * acute_top < 0.25 * current or not self.__dict__.get("_laid_out"):  # when it must
                acute.set_ylim(0, wanted)
            conc.set_xlim(LOG_AXIS_START_H if self.log else t[0], t[-1])
            top = max(float(np.max(self.parent.get_ydata())), float(np.max(self.metabolite.get_ydata())))
            ghosts = [np.nanmax(g.get_ydata()) for g in self._ghosts() if g.axes is conc and len(g.get_ydata())]
            top = max([top, *ghosts])  # a pinned curve stays in view
            _sticky_top(conc, 1.1 * top if top > 0 else 1.0)
            _sticky_top(plast, max(1.0, 1.1 * float(np.max(c.index)), 1.1 * float(np.max(c.signal))))
        self._legends()
        self.title.set_text(
            "dose → concentration → NMDA block → toy plasticity → toy symptoms"
            + (f" ({result.pk_set.citation.short()} set)" if st.details else "")
        )
        self._lay_out_once()


def _axhline_kw(st: Style, series: str) -> dict:
    s = SERIES[series]
    return {"color": s.color, "ls": s.linestyle, "lw": st.lw(s.width)}


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


def _check_population(population, patient) -> None:
    for name, value in (("population", population), ("patient", patient)):
        if value is None and name == "patient":
            continue
        _require(name, value, PopulationResult, "a simulator.PopulationResult (from simulate_population or draw_patient)")
        missing = [output for output in POPULATION_PANELS if output not in value.data]
        if missing:
            raise ValueError(f"{name} must store the outputs {list(POPULATION_PANELS)}; it lacks {missing}")
    if patient is not None and len(patient) != 1:
        raise ValueError(f"patient must be one drawn patient (simulator.draw_patient), got a population of {len(patient)}")


#: The population figure's panels: output, y label, factor.
_POPULATION_ROWS = (
    ("plasma_ketamine", "ketamine\n(ng/mL)", 1.0),
    ("occupancy", "NMDA\nblock (%)", 100.0),
    ("plasticity_index", "plasticity\n(toy)", 1.0),
    ("symptom_score", "symptoms\n(toy, 0-60)", 1.0),
)


class PopulationFigure(_Pins, _FastRender):
    """Percentile bands (5-95%, 25-75%, median) of a virtual population and one drawn patient, updated in place.

    Panels: plasma ketamine, NMDA block, toy plasticity, toy symptom score, and the share of patients in toy
    response. Pins keep each panel's median as a ghost.

    Parameters
    ----------
    days : bool
        Time axis in days (else hours); ignored on a log axis.
    style : {"notebook", "projector", "print"}
        Sizes for the room.
    time_axis : {"log", "linear"}
        ``"log"`` (default): 5 minutes to the end on one axis (concentrations in hours, response in days).
    """

    def __init__(self, days: bool = True, style="notebook", time_axis: str = "log"):
        self.days = _check_flag("days", days)
        self.log = check_choice("time_axis", time_axis, TIME_AXES) == "log"
        self.scale = 24.0 if self.days and not self.log else 1.0
        self.style = get_style(style)
        self._build()

    def _build(self) -> None:
        st = self.style
        self.fig, axes = _subplots(st, (8.5, 10.0), len(_POPULATION_ROWS) + 1, 1, sharex=True)
        self.axes = axes
        self.bands, self.medians, self.patients = [], [], []
        for ax, (_, label, _) in zip(axes, _POPULATION_ROWS, strict=False):
            self.bands.append([])
            self.medians.append(_line(ax, st, "median", label="median"))
            self.patients.append(_line(ax, st, "drawn patient", label="one drawn patient"))
            _ylabel(ax, st, label)
            _grid(ax, st)
        self.response = axes[3].axhline(16.0, **_axhline_kw(st, "response line"), label="response: 50% drop")
        axes[3].set_ylim(0, SCORE_AXIS_TOP)
        self.in_response = _line(axes[-1], st, "in response", label="in response")
        axes[-1].set_ylim(0, 100)
        _ylabel(axes[-1], st, "in response\n(% of patients)")
        axes[-1].set_xlabel(
            "time after the first dose" if self.log else "days after first dose" if self.days else "hours after first dose"
        )
        _grid(axes[-1], st)
        self.title = _title(axes[0], st, "")
        _finish(self.fig, st, "Virtual patients are draws from population averages and variabilities; none is a real person.",
                layout=False)  # fmt: skip
        self._legends()

    def _x(self, time_h):
        return np.where(time_h > 0, time_h, np.nan) if self.log else time_h / self.scale

    def _legends(self) -> None:
        from matplotlib.patches import Patch

        wide, middle = (Patch(color=c, alpha=0.5, label=t) for c, t in (("#9ecae1", "5-95% of patients"), ("#4292c6", "25-75%")))
        handles = [wide, middle, self.medians[0]]
        handles += [self.patients[0]] if self.patients[0].get_visible() else []
        handles += [g for g in self._ghosts() if g.axes is self.axes[0] and not g.get_label().startswith("_")]
        _legend(self.axes[0], self.style, handles=handles, labels=[h.get_label() for h in handles])

    def _layout_key(self) -> tuple:
        return (self.title.get_text(),)

    def _data_lines(self) -> list:
        return [*self.medians, self.in_response]

    def _dynamic_artists(self) -> list:
        bands = [band for group in self.bands for band in group]
        return [*self._ghosts(), *bands, *self.medians, *self.patients, self.response, self.in_response, self.title]

    def update(self, population, patient=None) -> None:
        """Show ``population`` (and one drawn ``patient``, or none)."""
        _check_population(population, patient)
        self.__dict__["_last"] = (population, patient)
        t = self._x(population.time_h)
        for k, (ax, (name, _, factor)) in enumerate(zip(self.axes, _POPULATION_ROWS, strict=False)):
            p5, p25, p50, p75, p95 = factor * population.percentiles(name)
            for band in self.bands[k]:
                band.remove()
            self.bands[k] = [
                ax.fill_between(t, p5, p95, color="#9ecae1", alpha=0.5, lw=0, zorder=1.2),
                ax.fill_between(t, p25, p75, color="#4292c6", alpha=0.5, lw=0, zorder=1.3),
            ]
            self.medians[k].set_data(t, p50)
            if patient is not None:
                self.patients[k].set_data(self._x(patient.time_h), factor * patient.data[name][0])
            self.patients[k].set_visible(patient is not None)
            if self._limits_free() and k != 3:
                top = max(float(np.nanmax(p95)), float(np.nanmax(self.patients[k].get_ydata())) if patient is not None else 0.0)
                _sticky_top(ax, 1.1 * top if top > 0 else 1.0)
        self.response.set_ydata([response_threshold(population.baseline_score)] * 2)
        self.in_response.set_data(t, 100 * population.fraction_in_response())
        end = float(population.time_h[-1])
        current = self.axes[-1].get_xlim()[1] * self.scale
        if self._limits_free() and (not self.__dict__.get("_laid_out") or end > current or end < 0.5 * current):
            # the window moves only when the data leave it or fill less than half of it (a schedule slider
            # changes the window's end on every move: redrawing the background each time would cost 100 ms)
            right = end if not self.__dict__.get("_laid_out") else 1.25 * end
            if self.log:
                _log_time_axis(self.axes[-1], right)
            self.axes[-1].set_xlim(LOG_AXIS_START_H if self.log else t[0], right / self.scale)
        self.title.set_text(
            f"{len(population)} virtual patients, one regimen"
            + (f" ({population.pk_set.citation.short()} set)" if self.style.details else "")
        )
        self._legends()
        self._lay_out_once()


def population_figure(population, patient=None, days: bool = True, style="notebook", time_axis: str = "log"):
    """Draw percentile bands (5-95%, 25-75%, median) of a virtual population, and one drawn patient.

    Parameters
    ----------
    population : PopulationResult
        From :func:`simulator.simulate_population`, storing the outputs :data:`POPULATION_PANELS`.
    patient : PopulationResult, optional
        One patient (:func:`simulator.draw_patient`, a population of one) drawn over the bands.
    days : bool
        Time axis in days (else hours); ignored on a log axis.
    style : {"notebook", "projector", "print"}
        Sizes for the room.
    time_axis : {"log", "linear"}
        ``"log"`` (default): 5 minutes to the end on one axis (concentrations in hours, response in days).

    Returns
    -------
    matplotlib.figure.Figure
        See :class:`PopulationFigure`.
    """
    _check_population(population, patient)
    figure = PopulationFigure(days=days, style=style, time_axis=time_axis)
    figure.update(population, patient)
    return figure.fig


def schedule_figure(table: dict, style="notebook"):
    """Draw the fraction of virtual patients in (toy) response by day for each schedule of :func:`compare_schedules`.

    Parameters
    ----------
    table : dict
        Schedule name -> row, as :func:`simulator.compare_schedules` returns (each row a dict with
        the entries :data:`SCHEDULE_KEYS`); 1 to 7 schedules.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        One line per schedule, each in its own colour, line style and marker; the legend gives sessions,
        hours of acute effects (the burden) and median days in response (the benefit).
    """
    _require("table", table, dict, "a dict of schedule name -> row (from simulator.compare_schedules)")
    if not 1 <= len(table) <= len(CYCLE):
        raise ValueError(f"table must hold 1 to {len(CYCLE)} schedules, got {len(table)}")
    for name, row in table.items():
        _require(f"table[{name!r}]", row, dict, "a dict (a row of simulator.compare_schedules)")
        missing = [key for key in SCHEDULE_KEYS if key not in row]
        if missing:
            raise ValueError(f"table[{name!r}] must have the entries {list(SCHEDULE_KEYS)}; it lacks {missing}")
    st = get_style(style)
    fig, ax = _subplots(st, (8.5, 4.2))
    markers = "osD^vP*"
    for k, (name, row) in enumerate(table.items()):
        lo, mid, hi = row["days_in_response"]
        sessions = f"{row['sessions']} session{'' if row['sessions'] == 1 else 's'}"
        burden = f", {_sig(row['hours_with_acute_effects'])} h acute" if "hours_with_acute_effects" in row else ""
        label = f"{name}: {sessions}{burden};\nmedian {mid:.0f} days in response (IQR {lo:.0f}-{hi:.0f})"
        ax.plot(row["day"], 100 * row["fraction_in_response_by_day"], lw=st.lw(1.2), marker=markers[k % len(markers)],
                ms=2.0 * st.lw(1.0), markevery=max(1, len(row["day"]) // 15), label=label, **_cycled(k))  # fmt: skip
    ax.set_xlabel("day")
    _ylabel(ax, st, "in response\n(% of patients)")
    ax.set_ylim(0, 100)
    _grid(ax, st)
    _legend(ax, st)
    _title(ax, st, "benefit against burden: schedules on the same virtual patients")
    return _finish(fig, st, "Schedules are inputs for exploring a toy model, not recommendations; response is a 50% drop.")


def acute_effects_figure(results, labels=None, hours: float = 6.0, unit: str = "ng/mL", style="notebook"):
    """Draw concentration, toy dissociation and toy blood-pressure rise over the hours after a dose.

    Parameters
    ----------
    results : Result or sequence of Result
        One simulation, or 1 to 4 (for example several doses) drawn side by side on shared axes.
    labels : sequence of str, optional
        A column title for each result (default: the first dose event of each).
    hours : float
        Hours after the first dose to show, in (0, 48].
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        Rows: plasma and brain (effect-site) concentration; dissociation index (0-1); systolic rise
        (mmHg). The label's observation time after an esketamine dose (at least 2 h, Spravato label) is
        drawn as a cited reference band.
    """
    import textwrap

    from matplotlib.patches import Patch

    from ..literature.acute_data import LABEL_OBSERVATION_H

    group = [results] if isinstance(results, Result) else list(results) if isinstance(results, (list, tuple)) else None
    if not group:
        raise TypeError("results must be a simulator.Result or a non-empty list of them")
    if len(group) > 4:
        raise ValueError(f"results must hold 1 to 4 simulations (columns), got {len(group)}")
    for k, r in enumerate(group):
        _check_result(f"results[{k}]", r)
    if labels is None:
        labels = [_dose_text(r.regimen.events[0]) for r in group]
    if isinstance(labels, str) or len(labels) != len(group) or not all(isinstance(x, str) for x in labels):
        raise TypeError(f"labels must be a list of {len(group)} strings, one per result")
    hours = check_number("hours", hours, low=0.0, high=48.0, low_inclusive=False)
    _check_unit(unit)
    st = get_style(style)
    fig, axes = _subplots(st, (3.6 * len(group) + 3.2, 7.6), 3, len(group), sharex=True, sharey="row", squeeze=False)
    observe = LABEL_OBSERVATION_H.value
    shade = "#f2d7a6"
    for col, (r, title) in enumerate(zip(group, labels, strict=True)):
        conc, diss, bp = axes[:, col]
        keep = r.time_h <= hours
        t = r.time_h[keep]
        parent, _ = r.pk_set.species
        mixed = len({g.pk_set.species[0] for g in group}) > 1  # one legend serves every column: name no drug then
        plasma_label = "drug, plasma" if mixed else _plasma_label(r, parent)
        _line(conc, st, "ketamine", t, r.plasma("ketamine", unit)[keep], label=plasma_label)
        _line(conc, st, "ketamine, brain", t, r.effect_site("ketamine", unit)[keep], label="brain (effect site)")
        _line(diss, st, "dissociation", t, r.dissociation_index[keep], label="toy dissociation")
        _line(bp, st, "systolic", t, r.systolic_change_mmhg[keep], label="toy systolic rise")
        for ax in (conc, diss, bp):
            for e in r.regimen.events:
                if e.start_h <= hours:
                    ax.axvspan(e.start_h, min(e.start_h + observe, hours), color=shade, alpha=0.35, lw=0)
            _grid(ax, st)
        # what a column has left once the y labels (left) and the legends (right) take their room
        side_in = (14 if st.horizontal_ylabels else 3) * 0.6 * st.text / 72 + 26 * 0.6 * st.small / 72 + 0.8
        column_in = (fig.get_size_inches()[0] - side_in) / len(group)
        conc.set_title(textwrap.fill(title, max(12, int(column_in * 72 / (0.6 * st.text)))), fontsize=st.text, loc="left")
        bp.set_xlim(0, hours)
    _ylabel(axes[0, 0], st, f"concentration\n({_unit_label(unit)})")
    _ylabel(axes[1, 0], st, "dissociation\n(toy, 0-1)")
    axes[1, 0].set_ylim(0, 1.05)
    _ylabel(axes[2, 0], st, "systolic rise\n(toy, mmHg)")
    axes[2, 0].set_ylim(0, max(1.0, 1.15 * max(float(np.max(r.systolic_change_mmhg)) for r in group)))
    _legend(axes[0, -1], st)
    observation = Patch(color=shade, alpha=0.6, label=f"observe at least {observe:g} h\nafter a dose (Spravato label)")
    _legend(axes[1, -1], st, handles=[observation])
    axes[2, len(group) // 2].set_xlabel("hours after the first dose")
    fig.suptitle("acute effects follow the concentration for hours; the benefit builds over days", fontsize=st.title,
                 x=0.01, ha="left")  # fmt: skip
    return _finish(
        fig,
        st,
        "Dissociation and blood-pressure links are toys tuned to the Spravato label and infusion trials; they say "
        "nothing about a safe dose.",
    )


def _dose_text(event) -> str:
    """Return a short description of a dose event for a panel title."""
    amount = f"{event.dose_mg_per_kg:g} mg/kg" if getattr(event, "dose_mg_per_kg", None) else ""
    if not amount and getattr(event, "dose_mg", None):
        amount = f"{event.dose_mg:g} mg"
    drug = "esketamine" if event.drug == "esketamine" else "ketamine"
    return f"{amount} {drug}, {type(event).__name__.lower()}".strip()


_sig, _hours = format_number, format_duration  # short names for the many f-strings below


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
        i = int(np.searchsorted(subject.time_h, s["occupancy"]["time_of_peak_h"]))  # the first session's peak
        text = (
            f"{parent.capitalize()} in plasma peaks at {_sig(k['cmax'])} ng/mL {_hours(k['tmax_h'])} after the first dose "
            f"({subject.pk_set.citation.short()} set); {metabolite} peaks at {_sig(nk['cmax'])} ng/mL. "
            f"NMDA block peaks at {_sig(100 * subject.occupancy[i])}% (from {_sig(100 * low[i])}% to {_sig(100 * high[i])}% "
            f"across receptor assumptions). "
        )
        cut = any(c.startswith("symptom") for c in s["cut_by_window"])
        if symptom["peak_improvement"] > 0 and cut:
            text += (
                f"The toy symptom score starts to improve {_hours(symptom['onset_h'])} after the first dose; the window "
                f"ends {_hours(s['window_h'][1])} after the start, before its toy time course is over: simulate longer. "
            )
        elif symptom["peak_improvement"] > 0:
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


def sets_figure(regimen, patient=None, pk_sets=None, end_h=None, unit: str = "ng/mL", style="notebook"):
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
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        One line per set, each in its own colour, line style and marker, labelled with its citation and
        sampling site.
    """
    import warnings

    from .. import literature
    from ..dosing import as_regimen
    from ..literature import OutsideValidityWarning
    from ..pipeline import simulate

    regimen = as_regimen(regimen)
    _check_unit(unit)
    st = get_style(style)
    if pk_sets is None:
        pk_sets = [n for n in literature.names() if literature.get(n).drug == regimen.drug]
        pk_sets = [n for n in pk_sets if all(literature.get(n).describes(r) for r in regimen.routes)]
    if isinstance(pk_sets, str) or not isinstance(pk_sets, (list, tuple)) or not 1 <= len(pk_sets) <= len(_SET_STYLES):
        raise TypeError(f"pk_sets must be a list of 1 to {len(_SET_STYLES)} set names, got {pk_sets!r}")
    fig, ax = _subplots(st, (8.0, 4.4))
    for k, (name, (ls, marker)) in enumerate(zip(pk_sets, _SET_STYLES, strict=False)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OutsideValidityWarning)  # compared on purpose; the legend says who
            r = simulate(regimen, patient, pk_set=name, end_h=end_h, step_min=0.5)
        s = r.pk_set
        site = "" if s.sampling == "not stated" else f", {s.sampling}"
        ax.plot(r.time_h, r.plasma("ketamine", unit), color=CYCLE[k % len(CYCLE)].color, ls=ls, marker=marker or None,
                markevery=max(1, r.time_h.size // 12), ms=2.5 * st.lw(1.0), lw=st.lw(1.2),
                label=f"{s.citation.short()} ({name}{site})")  # fmt: skip
    ax.set_xlabel("time after first dose (h)")
    _ylabel(ax, st, f"plasma {r.pk_set.species[0]}\n({_unit_label(unit)})")
    ax.set_ylim(bottom=0)
    _grid(ax, st)
    _legend(ax, st)
    _title(ax, st, "the same dose under different published models")
    return _finish(fig, st, "Sets fitted in other populations (children, ICU) are shown for comparison only.")


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
    _check_result("result", result)
    t = result.time_h
    time_h = check_number("time_h", time_h, low=float(t[0]), high=float(t[-1]))
    st = get_style(style)
    k = int(np.argmin(np.abs(t - time_h)))
    occupancy = float(result.occupancy[k])
    low, high = (float(x[k]) for x in result.occupancy_range())
    blocked = round(100 * occupancy)
    fig, ax = _subplots(st, (6.4, 4.2))
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
    _legend(ax, st, loc="upper left", bbox_to_anchor=(1.06, 1.0))
    _title(ax, st, "the brain at one moment", f"{a.measure}, Mg2+ {'1 mM' if a.magnesium else 'none'}")
    return _finish(fig, st, "No human PET measurement gives this number: the level is uncertain (see the range).")
