"""Named figure styles (notebook, projector, print) and the colour-blind-safe palette every figure uses.

One :class:`Style` per room: ``notebook`` (the default, a laptop screen), ``projector`` (a 16:9 slide shown
full height at 1920x1080 to a lecture hall: text at least 18 pt on a 7.5-inch slide, about 3.3% of its
height, lines at least 3 px) and ``print`` (a page 7 inches wide). Figures take ``style=`` and lay
themselves out for it; :data:`SERIES` gives each plotted quantity a colour from the Okabe-Ito palette
*and* a line style, so that no two series differ by hue alone.

Sources: Okabe M, Ito K. Color Universal Design (CUD): how to make figures and presentations that are
friendly to colorblind people. 2008, https://jfly.uni-koeln.de/color/ ; the 18 pt and 3 px rules are
projector rules of the course (docs/figures.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ._validate import check_choice

__all__ = ["CYCLE", "OKABE_ITO", "SERIES", "STYLES", "STYLE_NAMES", "SeriesStyle", "Style", "get_style"]

#: The Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008), by name.
OKABE_ITO = MappingProxyType(
    {
        "black": "#000000",
        "orange": "#E69F00",
        "sky blue": "#56B4E9",
        "bluish green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddish purple": "#CC79A7",
        "grey": "#999999",
    }
)


@dataclass(frozen=True)
class SeriesStyle:
    """How one plotted quantity is drawn in every figure: colour, line style and relative width."""

    color: str
    linestyle: str = "-"
    width: float = 1.0


_P = OKABE_ITO
#: Quantity -> colour, line style and relative width. Quantities drawn together differ in line style or
#: in a colour pair that stays apart under deuteranopia and protanopia (tested with CIEDE2000).
SERIES = MappingProxyType(
    {
        "ketamine": SeriesStyle(_P["blue"], "-", 1.3),
        "ketamine, brain": SeriesStyle(_P["blue"], "--", 0.9),
        "norketamine": SeriesStyle(_P["orange"], "-", 1.1),
        "nmda block": SeriesStyle(_P["black"], "-", 1.3),
        "transporter block": SeriesStyle(_P["vermillion"], "--", 1.1),
        "assumption range": SeriesStyle(_P["grey"]),
        "dissociation": SeriesStyle(_P["reddish purple"], "-", 1.1),
        "systolic": SeriesStyle(_P["vermillion"], "-.", 1.1),
        "signal": SeriesStyle(_P["bluish green"], "-", 0.9),
        "new synapses": SeriesStyle(_P["reddish purple"], "--", 0.9),
        "consolidated": SeriesStyle(_P["orange"], ":", 1.0),
        "plasticity index": SeriesStyle(_P["black"], "-", 1.3),
        "ketamine score": SeriesStyle(_P["blue"], "-", 1.3),
        "comparator score": SeriesStyle(_P["vermillion"], "--", 1.3),
        "placebo score": SeriesStyle(_P["reddish purple"], ":", 1.3),
        "response line": SeriesStyle(_P["grey"], ":", 0.6),
        "baseline line": SeriesStyle(_P["grey"], "-", 0.6),
        "control": SeriesStyle(_P["grey"], "-", 0.8),
        "in response": SeriesStyle(_P["bluish green"], "-", 1.3),
        "drawn patient": SeriesStyle(_P["vermillion"], "--", 1.1),
        "median": SeriesStyle(_P["blue"], "-", 1.2),
    }
)

#: Colours and line styles for a list of like series (ligands, schedules, sets, blockers): taken in order.
CYCLE = (
    SeriesStyle(_P["blue"], "-"),
    SeriesStyle(_P["orange"], "--"),
    SeriesStyle(_P["bluish green"], "-."),
    SeriesStyle(_P["reddish purple"], ":"),
    SeriesStyle(_P["black"], "-"),
    SeriesStyle(_P["vermillion"], "--"),
    SeriesStyle(_P["sky blue"], "-."),
)


@dataclass(frozen=True)
class Style:
    """Sizes for one room. Font sizes are points; line widths are points (``line`` times a series' width).

    ``size_in`` fixes every figure's size (a slide); else ``width_in`` fixes the width and keeps each
    figure's own proportions; else each figure keeps its own size. ``export_dpi`` is the resolution an
    export uses (a 13.33 x 7.5 inch slide at 144 dpi is 1920 x 1080 pixels).
    """

    name: str
    text: float
    small: float
    title: float
    label: float
    line: float
    min_line: float
    export_dpi: float
    size_in: tuple[float, float] | None = None
    width_in: float | None = None
    horizontal_ylabels: bool = False
    label_color: str = "#7a1f1f"
    grid_alpha: float = 0.3
    details: bool = True

    def figsize(self, own: tuple[float, float]) -> tuple[float, float]:
        """Return the size (inches) a figure whose notebook size is ``own`` takes in this style."""
        if self.size_in is not None:
            return self.size_in
        if self.width_in is not None:
            return (self.width_in, own[1] * self.width_in / own[0])
        return tuple(own)

    def lw(self, relative: float = 1.0) -> float:
        """Return a line width (points) for a series of relative width ``relative``."""
        return max(self.min_line, self.line * relative)


#: The styles, by name. ``details`` False (projector) leaves out secondary series so that what remains
#: can be read from the back of the room.
STYLES = MappingProxyType(
    {
        "notebook": Style("notebook", text=10.0, small=8.5, title=11.0, label=8.0, line=1.6, min_line=0.8, export_dpi=100.0),
        "projector": Style(
            "projector",
            text=18.0,
            small=18.0,
            title=20.0,
            label=18.0,
            line=2.6,
            min_line=1.5,  # 1.5 pt at 144 dpi is 3 px on a 1920-pixel slide
            export_dpi=144.0,
            size_in=(1920 / 144, 1080 / 144),  # 13.33 x 7.5 inches: a 16:9 slide
            horizontal_ylabels=True,
            label_color="#6b0000",
            grid_alpha=0.45,
            details=False,
        ),
        "print": Style(
            "print", text=8.0, small=7.0, title=9.0, label=6.5, line=1.2, min_line=0.5, export_dpi=300.0, width_in=7.0
        ),
    }
)
#: Names of the styles.
STYLE_NAMES = tuple(STYLES)


def get_style(name) -> Style:
    """Return the :class:`Style` named ``name`` (one of :data:`STYLE_NAMES`); a Style passes through."""
    if isinstance(name, Style):
        return name
    return STYLES[check_choice("style", name, STYLE_NAMES)]
