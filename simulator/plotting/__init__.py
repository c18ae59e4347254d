"""Figure builders. Every figure carries the teaching-model label.

Figures are built once and updated in place (``set_data``), so the widgets can redraw them quickly;
:func:`label_figure` adds :data:`~simulator.DISCLAIMER`. Every builder takes ``style=`` (one of
:data:`~simulator.style.STYLE_NAMES`: "notebook", "projector", "print") and lays itself out for it: sizes
come from the style, margins from the text actually drawn (matplotlib's constrained layout, run once
per change of layout, not on every frame). Colours and line styles come from :data:`simulator.style.SERIES`
(Okabe-Ito, with a line style per series). Every builder checks its arguments first: a wrong type raises
``TypeError`` and a bad value ``ValueError``, naming the argument (DESIGN.md principle 7).

Figures draw result objects only (a :class:`~simulator.Result`, a population, an occupancy result, a table);
they compute no model. The package has one private module per family of figures: ``_common`` (checks, style
helpers, labels, layout), ``_base`` (the figure base class and its render state), ``_concentration``,
``_chain``, ``_receptor``, ``_population``, ``_acute``, ``_circuit``, ``_restoration``, ``_sets`` and ``_describe``.
"""

from __future__ import annotations

from .._validate import deprecated_names
from ..labels import LABEL_TAG
from ..pipeline import log_time_grid as log_axis_times  # the grid is the model's (simulate(..., grid="log")); kept by name
from ..tables import format_duration, format_number
from ._acute import acute_effects_figure
from ._base import MAX_PINS, PIN_STYLES, PinnedCase
from ._chain import ACUTE_AXIS_RUNGS, FullChainFigure, full_chain_figure
from ._circuit import disinhibition_figure
from ._common import (
    CHAIN_TIME_AXES,
    CONCENTRATION_CURVES,
    LOG_TICKS,
    TIME_AXES,
    Y_SCALES,
    course_warp,
    label_figure,
    layout_figure,
)
from ._concentration import ConcentrationFigure, concentration_figure
from ._describe import describe
from ._occupancy import occupancy_figure
from ._population import PopulationFigure, arms_figure, population_figure, schedule_figure
from ._receptor import (
    LIGAND_NAMES,
    ReceptorFigure,
    TrappingFigure,
    channel_block_figure,
    occupancy_curve_figure,
    receptors_figure,
    trapping_figure,
)
from ._restoration import restoration_figure
from ._sets import sets_figure

__all__ = [
    "ACUTE_AXIS_RUNGS",
    "CHAIN_TIME_AXES",
    "CONCENTRATION_CURVES",
    "LABEL_TAG",
    "LIGAND_NAMES",
    "LOG_TICKS",
    "MAX_PINS",
    "PIN_STYLES",
    "TIME_AXES",
    "Y_SCALES",
    "ConcentrationFigure",
    "FullChainFigure",
    "PinnedCase",
    "PopulationFigure",
    "ReceptorFigure",
    "TrappingFigure",
    "acute_effects_figure",
    "arms_figure",
    "channel_block_figure",
    "concentration_figure",
    "course_warp",
    "describe",
    "disinhibition_figure",
    "format_duration",
    "format_number",
    "full_chain_figure",
    "label_figure",
    "layout_figure",
    "log_axis_times",
    "occupancy_curve_figure",
    "occupancy_figure",
    "population_figure",
    "receptors_figure",
    "restoration_figure",
    "schedule_figure",
    "sets_figure",
    "trapping_figure",
]


#: Names kept for one release: "chain" now means the whole causal chain only (full_chain_figure).
__getattr__ = deprecated_names(__name__, globals(), {
    "chain_figure": ("occupancy_figure", 'it draws concentrations and NMDA block; "chain" is the whole causal chain'),
})  # fmt: skip
