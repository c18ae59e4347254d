"""What every figure shares: argument checks, style helpers, labels, layout and the log time axis.

The names here have no leading underscore because the other modules of the package use them; the module is
private (``simulator.plotting`` re-exports the few that are public). Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validate import check_choice, check_number
from ..labels import DISCLAIMER, LABEL_TAG, SHORT_DISCLAIMER
from ..pipeline import Result
from ..style import CYCLE, SERIES, Style, get_style
from ..units import CONCENTRATION_UNITS

#: Upper limit of every toy symptom-score axis (the score's range), so that figures compare at a glance.
SCORE_AXIS_TOP = 60.0
#: Colours of the concentration-band bars (drawn thick and translucent, labelled in the legend): Okabe-Ito
#: colours that stay apart under deuteranopia and protanopia.
BAND_COLORS = ("#009E73", "#E69F00", "#CC79A7", "#56B4E9")
#: Line style and marker per overlaid set, so that no two curves differ by colour alone.
SET_STYLES = (("-", ""), ("--", ""), ("-.", ""), (":", ""), ("-", "o"), ("--", "s"), ("-.", "^"))


def require(name: str, value, kinds, what: str):
    """Return ``value`` after checking that it is an instance of ``kinds``; else TypeError naming ``name``."""
    if not isinstance(value, kinds):
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")
    return value


def check_flag(name: str, value) -> bool:
    """Return ``value`` as a bool after checking that it is True or False; else TypeError naming ``name``."""
    return bool(require(name, value, (bool, np.bool_), "True or False"))


def check_unit(unit) -> str:
    """Return ``unit`` after checking that it is a concentration unit; else ValueError naming "unit"."""
    return check_choice("unit", unit, CONCENTRATION_UNITS)


def check_result(name: str, result) -> Result:
    """Return ``result`` after checking that it is a :class:`~simulator.Result`; else TypeError naming ``name``."""
    return require(name, result, Result, "a simulator.Result (from simulator.simulate)")


def check_figsize(figsize) -> tuple:
    """Return ``figsize`` as a (width, height) pair of inches, each in (0, 50]; else TypeError or ValueError."""
    require("figsize", figsize, (tuple, list), "a (width, height) pair in inches")
    if len(figsize) != 2:
        raise ValueError(f"figsize must be a (width, height) pair in inches, got {figsize!r}")
    return tuple(check_number(f"figsize[{i}]", x, low=0.0, high=50.0, low_inclusive=False) for i, x in enumerate(figsize))


def subplots(st: Style, own_size, *args, **kwargs):
    """Return (figure, axes) sized for style ``st`` (``own_size``: the notebook size), detached from pyplot.

    Detached from pyplot's list of open figures, Jupyter shows a figure once, when a cell returns it (not
    again at the end of the cell), and the explorers can keep redrawing their figures into images.
    """
    with plt.ioff():
        fig, axes = plt.subplots(*args, figsize=st.figsize(own_size), **kwargs)
    plt.close(fig)
    return fig, axes


def series_line(ax, st: Style, series: str, x=(), y=(), **kw):
    """Plot one quantity in its :data:`~simulator.style.SERIES` colour, line style and width (``kw`` overrides)."""
    s = SERIES[series]
    return ax.plot(x, y, **{"color": s.color, "ls": s.linestyle, "lw": st.lw(s.width), **kw})[0]


def cycled(k: int) -> dict:
    """Colour and line style of the ``k``-th of a list of like series (ligands, sets, schedules)."""
    s = CYCLE[k % len(CYCLE)]
    return {"color": s.color, "ls": s.linestyle}


def _look(handle) -> tuple:
    """Return what a legend entry copies from ``handle``: its kind, colours, line style, width, alpha and marker."""
    look = [type(handle).__name__]
    for getter in ("get_color", "get_facecolor", "get_edgecolor", "get_linestyle", "get_linewidth", "get_alpha", "get_marker",
                   "get_markersize", "get_hatch"):  # fmt: skip
        get = getattr(handle, getter, None)
        if get is not None:
            value = get()
            look.append(repr(value.tolist() if isinstance(value, np.ndarray) else value))
    return tuple(look)


def draw_legend(ax, st: Style, outside: bool = True, **kw):
    """Draw ``ax``'s legend in the style's size; by default to the right of the data, never over it.

    A legend that would look the same as the one ``ax`` has (the same labels, handles that look alike, the same options)
    is kept, not built again: an update that redraws its data calls this for every panel, and a legend costs ~20 ms.
    """
    where = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0} if outside else {}
    spacing = {"labelspacing": 0.2, "handlelength": 2.0, "borderpad": 0.2} if not st.details else {}
    options = {**where, "fontsize": st.small, "frameon": False, **spacing, **kw}
    handles = options.get("handles")
    signature = None
    if handles is not None:
        rest = tuple(sorted((k, repr(v)) for k, v in options.items() if k != "handles"))
        signature = (rest, tuple(_look(h) for h in handles))
        legend = ax.get_legend()
        if legend is not None and getattr(legend, "_ketamine_signature", None) == signature:
            return legend
    legend = ax.legend(**options)
    legend._ketamine_signature = signature
    return legend


def set_ylabel(ax, st: Style, text: str) -> None:
    """Label the y axis; in a style with horizontal labels (projector) it reads without turning the head."""
    if st.horizontal_ylabels:
        ax.set_ylabel(text, fontsize=st.text, rotation=0, ha="right", va="center", labelpad=10)
    else:
        ax.set_ylabel(text, fontsize=st.text)


def set_title(ax, st: Style, main: str, detail: str = ""):
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

    require("fig", fig, Figure, "a matplotlib Figure")
    require("extra", extra, str, "a string")
    st = get_style(style)
    statement = DISCLAIMER if st.details else SHORT_DISCLAIMER
    text = statement if not extra else f"{statement}\n{extra}"
    label = fig.text(0.01, 0.008, text, ha="left", va="bottom", fontsize=st.label, color=st.label_color, wrap=True)
    label.set_gid(LABEL_TAG)
    return label


def renderer_of(fig):
    """Return a renderer for ``fig`` (an Agg canvas is attached when the figure has none that renders)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def layout_figure(fig) -> None:
    """Lay ``fig`` out for the text it now holds: margins fit every label, tick, title and legend.

    Runs matplotlib's constrained layout once (not on every draw, which costs about 100 ms), inside the space
    the teaching label leaves at the bottom and any figure-level note leaves at the top. Call it again after
    a change that moves text (a new legend entry, a longer title); the figure classes do so by themselves.
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    renderer = renderer_of(fig)
    height = fig.bbox.height
    pad = 0.01
    bottom, top = 0.0, 1.0
    for text in fig.texts:
        if not text.get_visible() or not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        if text.get_gid() == LABEL_TAG:
            bottom = max(bottom, box.y1 / height)
        elif text.get_gid() == TOP_NOTE:
            top = min(top, box.y0 / height)
    bottom, top = bottom + pad, top - pad
    for legend in fig.legends:  # a row legend of the figure's own (the pins on a slide): just above the teaching label
        if legend.get_gid() == BOTTOM_ROW:
            legend.set_bbox_to_anchor((0.5, bottom), transform=fig.transFigure)
            legend.set_loc("lower center")
            bottom += legend.get_window_extent(renderer).height / height
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
TOP_NOTE = "top-note"
#: gid of a figure-level row legend laid out just above the teaching label (the pins, on a slide).
BOTTOM_ROW = "bottom-row"


def finish(fig, st: Style, extra: str = "", layout: bool = True):
    """Label ``fig``, size its tick labels for ``st`` and (unless ``layout`` is False) lay it out; return it."""
    for ax in fig.axes:
        style_axes(ax, st)
    label_figure(fig, extra, st)
    if layout:
        layout_figure(fig)
    return fig


def style_axes(ax, st: Style) -> None:
    """Size ``ax``'s ticks, x label and spines for style ``st``."""
    ax.tick_params(labelsize=st.text, width=st.lw(0.5), length=3.5 * st.lw(0.5) / 0.8)
    ax.xaxis.label.set_fontsize(st.text)
    for spine in ax.spines.values():
        spine.set_linewidth(st.lw(0.5))


def draw_grid(ax, st: Style, **kw) -> None:
    """Draw ``ax``'s grid, as faint as the style says."""
    ax.grid(alpha=st.grid_alpha, lw=st.lw(0.4), **kw)


#: Time axes the chain figure offers: linear, log from 5 minutes to weeks, or a course axis (linear days, the first
#: day's hours expanded); "auto" (the chain figure's default) takes log for one dose and the course axis for several.
TIME_AXES = ("linear", "log", "course")
#: See :data:`TIME_AXES`.
CHAIN_TIME_AXES = ("auto", *TIME_AXES)
#: The course axis: the share of its width the first day takes, and the time scale (days) below which it is log-like.
COURSE_FIRST_DAY_SHARE = 0.16
COURSE_KNEE_D = 1.0 / 24.0
#: Concentration axes the concentration figure offers.
Y_SCALES = ("linear", "log")
#: Curves the concentration figure can show: parent in plasma, parent in the brain (effect site), metabolite.
CONCENTRATION_CURVES = ("plasma", "brain", "metabolite")
#: Where a log time axis starts, hours (5 minutes).
LOG_AXIS_START_H = 5.0 / 60.0
#: Ticks of a log time axis, hours, and their labels.
LOG_TICKS = ((0.25, "15 min"), (1.0, "1 h"), (6.0, "6 h"), (24.0, "1 d"), (168.0, "1 wk"), (672.0, "4 wk"), (2688.0, "16 wk"))


def log_time_axis(ax, end_h: float = 672.0) -> None:
    """Make ``ax`` (hours) a log axis labelled 15 min, 1 h, 6 h, 1 d, 1 wk, 4 wk, 16 wk up to ``end_h`` (shared axes follow)."""
    from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

    ticks = [(h, label) for h, label in LOG_TICKS if h <= 1.001 * end_h]
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(FixedLocator([h for h, _ in ticks]))
    ax.xaxis.set_major_formatter(FixedFormatter([label for _, label in ticks]))
    ax.xaxis.set_minor_locator(NullLocator())


def course_warp(end_d: float):
    """Return (forward, inverse) of the course axis over [0, ``end_d``] days: x = t + a ln(1 + t / knee).

    Linear in days after the first (each session of a course keeps its own place, a week is a week), log-like
    within the first day (the hours of a session's peak and acute effects stay readable). ``a`` gives the first
    day :data:`COURSE_FIRST_DAY_SHARE` of the width (at least its linear share).
    """
    end_d = max(float(end_d), 2.0)
    share, knee = COURSE_FIRST_DAY_SHARE, COURSE_KNEE_D
    a = max(0.0, (share * end_d - 1.0) / (np.log1p(1.0 / knee) - share * np.log1p(end_d / knee)))
    grid = np.concatenate([[0.0], np.geomspace(1e-4, 4.0 * end_d, 4000)])
    warped = grid + a * np.log1p(grid / knee)

    def forward(t):
        t = np.asarray(t, dtype=float)
        return np.where(t > 0, t, 0.0) + a * np.log1p(np.maximum(t, 0.0) / knee)

    def inverse(x):
        return np.interp(np.asarray(x, dtype=float), warped, grid)

    return forward, inverse


#: Ticks of the course axis within the first day: hours after the first dose, in days, and their labels.
COURSE_DAY_TICKS = ((6.0 / 24.0, "6 h"), (1.0, "1 d"))


def course_time_axis(ax, end_d: float, week_ticks: int = 9) -> None:
    """Make ``ax`` (days) a course axis to ``end_d`` days: 6 h, 1 d, then at most ``week_ticks`` weeks (shared axes follow)."""
    from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

    forward, inverse = course_warp(end_d)
    ax.set_xscale("function", functions=(forward, inverse))
    weeks = max(1, int(np.ceil(end_d / 7.0 / week_ticks)))
    ticks = list(COURSE_DAY_TICKS)
    ticks += [(7.0 * w, f"{w} wk") for w in range(weeks, int(end_d // 7) + 1, weeks)]
    ax.xaxis.set_major_locator(FixedLocator([d for d, _ in ticks]))
    ax.xaxis.set_major_formatter(FixedFormatter([label for _, label in ticks]))
    ax.xaxis.set_minor_locator(NullLocator())


def plasma_label(result, species: str) -> str:
    """Legend text of a plasma curve, with the sampling site where the parameter set states it."""
    site = result.pk_set.sampling
    return f"{species}, plasma" + ("" if site == "not stated" else f" ({site})")


def unit_label(unit: str) -> str:
    """Return ``unit`` as a figure writes it ("uM" -> "µM")."""
    return {"uM": "µM"}.get(unit, unit)


def axhline_style(st: Style, series: str) -> dict:
    """Return the colour, line style and width of a horizontal reference line of ``series`` in style ``st``."""
    s = SERIES[series]
    return {"color": s.color, "ls": s.linestyle, "lw": st.lw(s.width)}


def visible_legend(ax, st: Style, skip_empty: bool = False, exclude=()) -> None:
    """Draw ``ax``'s legend with the entries of its visible artists only (none at all if ``skip_empty`` and none is).

    Artists in ``exclude`` (the pins, when they have a legend of their own) are left out.
    """
    handles, labels = ax.get_legend_handles_labels()
    left_out = {id(a) for a in exclude}
    shown = [(h, label) for h, label in zip(handles, labels, strict=True) if h.get_visible() and id(h) not in left_out]
    if shown or not skip_empty:
        draw_legend(ax, st, handles=[h for h, _ in shown], labels=[label for _, label in shown])
