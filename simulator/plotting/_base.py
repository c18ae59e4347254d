"""The one base class of the figures that are built once and updated in place, and its declared render state.

:class:`BaseFigure` keeps earlier curves as pinned ghosts, holds the axis limits when asked, switches style
(building the figure anew), and renders to PNG bytes fast: only the data are drawn over a cached background
when nothing else changed. Everything it remembers between updates and draws is a field of
:class:`RenderState` (``self._state``). Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

import numpy as np

from .._validate import check_number
from ..style import get_style
from ._common import check_flag, layout_figure, require

#: Most pinned curves a figure keeps (the oldest is dropped).
MAX_PINS = 6
#: Opacity of a pinned (ghost) curve: a pin is drawn in its own colour, a little lighter than the live curves.
GHOST_ALPHA = 0.85
#: Colour and line style of the k-th pin (oldest first): cividis (Nunez, Anderton & Renslow 2018, a map made for
#: colour-vision deficiency) sampled at 0, 0.25, 0.4, 0.55, 0.7 and 0.9, so the pins are ordered dark to light; every
#: pair of pins, and each pin against the live lines (blue, black, reddish purple), differs by CIEDE2000 >= 12 under
#: deuteranopia, protanopia and tritanopia (tested). Each has its own dash, so the order reads without colour too.
PIN_STYLES = (
    ("#00224e", (0, (6, 2))),
    ("#434e6c", (0, (1.5, 1.5))),
    ("#666970", (0, (6, 2, 1.5, 2))),
    ("#888578", (0, (3, 1.5))),
    ("#aea371", (0, (6, 2, 1.5, 2, 1.5, 2))),
    ("#e5cf52", (0, (1, 3))),
)


#: Mantissas of the upper y limits :meth:`BaseFigure._sticky_top` steps between (times a power of ten).
TOP_RUNGS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)
#: An axis top moves down only when the data use less than this share of it.
SHRINK_BELOW = 0.4


def top_rung(value: float) -> float:
    """Return the smallest rung of :data:`TOP_RUNGS` (times a power of ten) at or above ``value`` (> 0)."""
    value = float(value)
    if not np.isfinite(value) or value <= 0.0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    return float(next((m * power for m in (*TOP_RUNGS, 10.0) if m * power >= value * (1.0 - 1e-12)), 10.0 * power))


#: Metadata of a field of the figure now drawn: :meth:`RenderState.drop_drawing` resets it when the figure is built anew.
DRAWING = MappingProxyType({"drawing": True})


@dataclass(frozen=True)
class Pin:
    """A pinned set of curves: its label, the data of each curve, the artists that draw them and what was shown.

    ``records`` holds (axes index, x, y, colour, line style, width) per curve: a pin keeps the data, not only
    the artists, so that a change of style draws the ghosts again. ``shown`` is the first argument of the
    update the pin was taken from (a :class:`~simulator.Result` for most figures), for a comparison table.
    """

    label: str
    records: tuple
    ghosts: tuple
    shown: Any = None


@dataclass(frozen=True)
class PinnedCase:
    """What :attr:`BaseFigure.pins` lists of one pin: its label, its colour and dash pattern, and what it showed."""

    label: str
    color: str
    linestyle: Any
    shown: Any = None


@dataclass
class RenderState:
    """What a figure remembers between updates and draws.

    The first fields say what is shown and how; they survive a rebuild (a change of style, unit or scale).
    The fields declared with :data:`DRAWING` metadata belong to the matplotlib figure now built (its canvas, the cached
    background and the key it was drawn for, whether it was laid out); a rebuild drops them.
    Subclasses of :class:`BaseFigure` extend it with their own fields (a dataclass subclass).
    """

    pins: list = field(default_factory=list)  # Pin, oldest first
    locked: bool = False  # lock_axes: the axis limits stay
    last: tuple | None = None  # the arguments of the last update, shown again after a rebuild
    cursor_h: float | None = None  # a time cursor to draw again after a rebuild (the chain figure)
    canvas: Any = field(default=None, metadata=DRAWING)
    key: tuple | None = field(default=None, metadata=DRAWING)  # what the cached background was drawn for; None: draw it again
    layout: tuple | None = field(default=None, metadata=DRAWING)  # what the last layout was run for
    background: Any = field(default=None, metadata=DRAWING)
    legend_boxes: list = field(default_factory=list, metadata=DRAWING)
    laid_out: bool = field(default=False, metadata=DRAWING)
    scaled: list = field(default_factory=list, metadata=DRAWING)  # axes whose upper limit _sticky_top has set once

    def drop_drawing(self) -> None:
        """Reset every field of the figure now drawn to its default."""
        for f in dataclasses.fields(self):
            if f.metadata.get("drawing"):
                setattr(self, f.name, f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default)


class BaseFigure:
    """A figure built once and updated in place: pins, locked axes, styles and fast rendering to PNG.

    Subclasses set their own options, then call ``super().__init__(style)``, which builds the figure. They
    build their artists in ``_build``, show new data in ``update`` (keeping its arguments as
    ``self._state.last``), draw their legends in ``_legends``, list the curves a pin keeps in
    :meth:`data_lines` and every artist that changes in ``_dynamic_artists``.

    Rendering (:meth:`render_png`) redraws only the data when nothing else changed, blitting over a cached
    background. The background (axes, ticks, grid, labels, legends, the teaching label) is laid out and drawn
    again only when the figure size, the resolution, an axis limit, a legend's labels or the style change;
    otherwise the data and the title are drawn over it, and each legend's box is pasted back on top (legends
    occlude the data, as a legend with an opaque frame does). Both paths give the same pixels.
    """

    #: The dataclass of the render state (a subclass of :class:`RenderState`).
    state_type: ClassVar[type] = RenderState

    def __init__(self, style="notebook"):
        self.style = get_style(style)
        self._state = self.state_type()
        self._build()

    # ------------------------------------------------------------------ what subclasses provide
    def _build(self) -> None:
        raise NotImplementedError

    def _legends(self) -> None:
        raise NotImplementedError

    def update(self, *args) -> None:
        """Show new data (subclasses)."""
        raise NotImplementedError

    def data_lines(self) -> list:
        """Return the data curves now drawn: what :meth:`pin` keeps (subclasses)."""
        raise NotImplementedError

    def _dynamic_artists(self) -> list:
        raise NotImplementedError

    def _layout_key(self) -> tuple:
        """Return what, besides limits and legends, moves text when it changes (a title's source, for example)."""
        return ()

    def _restore(self) -> None:
        """Draw again, on a rebuilt figure, what a subclass shows besides its data (an overlay, a band)."""

    def overlay_legends(self) -> list:
        """Return legends other than the axes' own that are drawn over the data (none by default)."""
        return []

    # ------------------------------------------------------------------ pins
    def ghosts(self) -> list:
        """Return the faded artists of every pin, oldest first."""
        return [g for pin in self._state.pins for g in pin.ghosts]

    def _draw_ghosts(self, label: str, records, k: int) -> tuple:
        """Draw pin ``k``'s curves in its own colour and dash (:data:`PIN_STYLES`); the first curve per axes is full width."""
        color, dash = PIN_STYLES[k % len(PIN_STYLES)]
        ghosts, seen = [], set()
        for n, (i, x, y, *_drawn) in enumerate(records):
            first = i not in seen
            seen.add(i)
            (ghost,) = self.fig.axes[i].plot(
                self._from_pinned_x(x), y, color=color, ls=dash, lw=self.style.lw(0.9 if first else 0.55), alpha=GHOST_ALPHA,
                label=self._pin_legend(label) if n == 0 else "_nolegend_", zorder=1.5,
            )  # fmt: skip
            ghosts.append(ghost)
        return tuple(ghosts)

    def _to_pinned_x(self, x):
        """Return x data as a pin keeps them (the same by default; the chain figure keeps hours, whatever its axis)."""
        return x

    def _from_pinned_x(self, x):
        """Return a pin's x data in the units of the axis now drawn (inverse of :meth:`_to_pinned_x`)."""
        return x

    def _pin_legend(self, label: str) -> str:
        return f"pinned: {label}"

    def _redraw_pins(self, pins) -> None:
        """Draw ``pins`` (Pin records) again, in order, each in the colour and dash of its place."""
        for ghost in self.ghosts():
            ghost.remove()
        self._state.pins = [
            Pin(p.label, p.records, self._draw_ghosts(p.label, p.records, k), p.shown) for k, p in enumerate(pins)
        ]

    def pin(self, label: str) -> None:
        """Keep the curves now shown as faded ghosts labelled ``label`` (at most :data:`MAX_PINS`; the oldest goes)."""
        require("label", label, str, "a short string naming what is pinned")
        if not label.strip():
            raise ValueError(f"label must be a non-empty string, got {label!r}")
        pins = self._state.pins
        records = tuple(
            (self.fig.axes.index(line.axes), self._to_pinned_x(np.array(line.get_xdata())), np.array(line.get_ydata()),
             line.get_color(), line.get_linestyle(), line.get_linewidth())
            for line in self.data_lines()
            if line.get_visible() and len(line.get_xdata()) > 0
        )  # fmt: skip
        shown = self._state.last[0] if self._state.last else None
        pins.append(Pin(label, records, (), shown))
        self._redraw_pins(pins[-MAX_PINS:])
        self._legends()

    def relabel_pins(self, labels) -> None:
        """Give the pins new labels (one string per pin, oldest first): labels that say what differs between them."""
        labels = list(labels)
        if len(labels) != len(self._state.pins) or not all(isinstance(x, str) and x.strip() for x in labels):
            raise ValueError(f"labels must be {len(self._state.pins)} non-empty strings (one per pin), got {labels!r}")
        if labels == [p.label for p in self._state.pins]:
            return
        for pin, label in zip(self._state.pins, labels, strict=True):
            if pin.ghosts:
                pin.ghosts[0].set_label(self._pin_legend(label))
        self._state.pins = [dataclasses.replace(p, label=label) for p, label in zip(self._state.pins, labels, strict=True)]
        self._legends()

    def clear_pins(self) -> None:
        """Remove every pinned curve."""
        for ghost in self.ghosts():
            ghost.remove()
        self._state.pins = []
        self._legends()

    @property
    def pins(self) -> tuple:
        """The pinned cases, oldest first (read-only): :class:`PinnedCase` (label, colour, dash, what was shown)."""
        return tuple(PinnedCase(p.label, *PIN_STYLES[k % len(PIN_STYLES)], p.shown) for k, p in enumerate(self._state.pins))

    @property
    def pin_labels(self) -> list[str]:
        """Labels of the pinned curves, oldest first."""
        return [pin.label for pin in self._state.pins]

    def _ghost_top(self, ax, top: float) -> float:
        """Return ``top`` raised to the highest pinned curve drawn on ``ax`` (a pinned curve stays in view)."""
        values = [np.nanmax(g.get_ydata()) for g in self.ghosts() if g.axes is ax and np.size(g.get_ydata())]
        return max([top, *(float(v) for v in values if np.isfinite(v))])

    # ------------------------------------------------------------------ style, view, limits
    def set_style(self, style) -> None:
        """Switch to ``style`` ("notebook", "projector" or "print"): the figure is built and laid out anew."""
        st = get_style(style)
        if st == self.style:
            return
        self.style = st
        self._rebuild()

    def reset_view(self) -> None:
        """Build the figure afresh, empty, with its axes free (the next update sets them as at the start); pins stay."""
        self._state.locked = False
        self._state.last = None
        self._state.cursor_h = None  # a cursor reads out the data shown: none now
        self._rebuild()

    def _rebuild(self) -> None:
        """Build the figure anew (after a change of style, unit or scale) and show the same data, pins and cursor."""
        state = self._state
        pins, cursor = state.pins, state.cursor_h
        state.pins, state.cursor_h = [], None
        state.drop_drawing()
        self._build()
        self._redraw_pins(pins)  # before the update: its axis limits keep the pinned curves in view
        if state.last is not None:
            self.update(*state.last)
        self._restore()
        self._legends()
        if cursor is not None:  # only a figure with a time cursor (the chain figure) keeps one
            self.set_cursor(cursor)

    def lock_axes(self, locked: bool = True) -> None:
        """Keep every axis limit as it is (``locked``), so that curves compare against a fixed scale; False frees them."""
        self._state.locked = check_flag("locked", locked)

    @property
    def axes_locked(self) -> bool:
        """Whether :meth:`lock_axes` holds the axis limits."""
        return self._state.locked

    def _limits_free(self) -> bool:
        """Return whether an update may move the limits (always before the first layout, which sets them)."""
        return not (self.axes_locked and self._state.laid_out)

    def _lay_out_once(self) -> None:
        """Lay the figure out at its first update (later, :meth:`render_png` does so when text moves)."""
        if not self._state.laid_out:
            layout_figure(self.fig)
            self._state.laid_out = True
            self._state.layout = (self._layout_text(), self._tick_room())  # render_png need not lay it out again

    def _sticky_top(self, ax, wanted: float) -> None:
        """Set the upper y limit to a rung of :data:`TOP_RUNGS` at or above ``wanted``, only when it must change.

        It changes when the data leave the axis (to the rung above ``1.2 * wanted``: headroom for the next step) or use
        less than :data:`SHRINK_BELOW` of it; so a slider moves it rarely, and to a few values whose backgrounds repeat.
        """
        current = ax.get_ylim()[1]
        scaled = self._state.scaled
        first = not any(a is ax for a in scaled)
        if first or wanted < SHRINK_BELOW * current:
            ax.set_ylim(0, top_rung(wanted))
            if first:
                scaled.append(ax)
        elif wanted > current:  # growing: leave headroom so that the next small step keeps the axis
            ax.set_ylim(0, top_rung(1.2 * wanted))

    # ------------------------------------------------------------------ rendering
    def _legend_list(self) -> list:
        """Return every legend drawn: the axes' own and :meth:`overlay_legends`."""
        return [ax.get_legend() for ax in self.fig.axes if ax.get_legend() is not None] + self.overlay_legends()

    def _layout_text(self, legends=None) -> tuple:
        """Return what takes room besides tick labels: style, size, dpi, legends' and figure's texts, :meth:`_layout_key`."""
        legends = self._legend_list() if legends is None else legends
        return (self.style.name, tuple(self.fig.get_size_inches()), float(self.fig.dpi),
                tuple(tuple(t.get_text() for t in legend.get_texts()) for legend in legends),
                tuple(t.get_text() for t in self.fig.texts), self._layout_key())  # fmt: skip

    def _tick_room(self) -> tuple:
        """Return, per axis shown, the width of its longest tick label in digits (".", "," and spaces count half)."""

        def width(label: str) -> float:
            return len(label) - 0.5 * sum(label.count(c) for c in "., ")

        return tuple(
            max((width(t) for t in axis.major.formatter.format_ticks(list(axis.major.locator()))), default=0.0)
            for ax in self.fig.axes if ax.axison for axis in (ax.xaxis, ax.yaxis)
        )  # fmt: skip

    def invalidate_background(self) -> None:
        """Draw the whole figure at the next :meth:`render_png` (after something else drew it, at another size say)."""
        self._state.key = None

    def render_png(self, dpi: float = 90.0) -> bytes:
        """Return the figure as PNG bytes at ``dpi`` (fast: fast PNG settings, blitting when possible)."""
        import io

        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        dpi = check_number("dpi", dpi, low=10.0, high=600.0)
        state = self._state
        if state.canvas is None or state.canvas.figure is not self.fig:
            state.canvas = FigureCanvasAgg(self.fig)
        canvas = state.canvas
        self.fig.set_dpi(dpi)
        legends = self._legend_list()
        text = self._layout_text(legends)
        key = (dpi, tuple((*ax.get_xlim(), *ax.get_ylim()) for ax in self.fig.axes), text)
        dynamic = [a for a in self._dynamic_artists() if a is not None]
        if state.key != key:
            # hide the data while the background is drawn; titles stay laid out (a hidden axes title is
            # placed as if nothing were above it), so text is made transparent instead
            from matplotlib.text import Text

            # lay out again only when text that takes room changed, or a tick label grew longer than any it was laid out
            # for: new limits keep the layout (margins sized for the longest labels seen, so that moves do not leave it)
            room = self._tick_room()
            laid = state.layout
            grown = laid is not None and (len(laid[1]) != len(room) or any(r > w for r, w in zip(room, laid[1], strict=True)))
            if laid is None or laid[0] != text or grown:
                layout_figure(self.fig)
                state.layout = (text, room)
            saved = [(a.get_alpha() if isinstance(a, Text) else a.get_visible()) for a in dynamic]
            for a in dynamic:
                a.set_alpha(0.0) if isinstance(a, Text) else a.set_visible(False)
            canvas.draw()
            state.background = canvas.copy_from_bbox(self.fig.bbox)
            renderer = canvas.get_renderer()
            state.legend_boxes = [canvas.copy_from_bbox(legend.get_window_extent(renderer)) for legend in legends]
            state.key = key
            for a, value in zip(dynamic, saved, strict=True):
                a.set_alpha(value) if isinstance(a, Text) else a.set_visible(value)
        else:
            canvas.restore_region(state.background)
        renderer = canvas.get_renderer()
        # the axes' spines lie above the data (zorder 2.5): drawn again in order, the pixels equal a full draw
        spines = [s for ax in {a.axes for a in dynamic if a.axes is not None} if ax.axison for s in ax.spines.values()]
        for a in sorted([*dynamic, *spines], key=lambda a: a.get_zorder()):
            if a.get_visible():
                a.draw(renderer)
        for box in state.legend_boxes:
            canvas.restore_region(box)
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
