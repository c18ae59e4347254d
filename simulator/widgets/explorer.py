"""Explorers: sliders over the package, thin shells over :func:`simulator.simulate`.

Each explorer builds its figure once; a slider change calls the plain method
:meth:`Explorer.update` (testable without a browser), which simulates, updates
the figure's artists in place and renders one PNG into an image widget.
Errors and validity warnings appear in the panel, never in a hidden log.
Initial values outside a slider's range raise ``ValueError`` naming the argument
and the range (a slider would silently clamp them).
"""

from __future__ import annotations

import html
import warnings

import ipywidgets as widgets

from .._validate import check_int, check_number
from ..dosing import Infusion, Regimen
from ..labels import DISCLAIMER
from ..patient import Patient
from ..pipeline import MAX_END_H, simulate
from ..plasticity import PlasticityModel, conventional_antidepressant
from ..plotting import ConcentrationFigure, FullChainFigure
from ..receptor import ReceptorAssumptions

__all__ = [
    "DOSE_RANGE_MG_PER_KG",
    "DURATION_RANGE_MIN",
    "INTERVAL_RANGE_DAYS",
    "SESSIONS_RANGE",
    "WEIGHT_RANGE_KG",
    "ChainExplorer",
    "ConcentrationExplorer",
    "Explorer",
]

#: Slider ranges: the exploration space of the teaching model (illustrative
#: regimens, not recommendations). From sub-analgesic to anaesthetic doses.
DOSE_RANGE_MG_PER_KG = (0.05, 2.0, 0.05)
DURATION_RANGE_MIN = (1.0, 240.0, 1.0)
WEIGHT_RANGE_KG = (40.0, 150.0, 1.0)
SESSIONS_RANGE = (1, 12, 1)
INTERVAL_RANGE_DAYS = (1.0, 14.0, 0.5)
BASELINE_RANGE = (10.0, 60.0, 1.0)

_STYLE = {"description_width": "170px"}
_LAYOUT = widgets.Layout(width="480px")


def _slider(kind, name, value, limits, description):
    """Return a slider over ``limits`` (low, high, step) starting at ``value``, checked: a slider would clamp it."""
    low, high, step = limits
    if kind is widgets.IntSlider:
        value = check_int(name, value, low=low, high=high)
    else:
        value = check_number(name, value, low=low, high=high)
    return kind(value=value, min=low, max=high, step=step, description=description, style=_STYLE, layout=_LAYOUT,
                continuous_update=False)  # fmt: skip


class Explorer:
    """Shared shell: controls, a figure drawn in place (``figure.render_png``), a PNG image, a message area."""

    figure = None

    def __init__(self, controls):
        if not isinstance(controls, (list, tuple)):
            raise TypeError(f"controls must be a non-empty list of ipywidgets controls, got {type(controls).__name__}")
        if not controls:
            raise ValueError("controls must be a non-empty list of ipywidgets controls, got an empty one")
        for i, control in enumerate(controls):
            if not isinstance(control, widgets.ValueWidget):
                raise TypeError(f"controls[{i}] must be an ipywidgets control with a value, got {type(control).__name__}")
        self.controls = list(controls)
        self.image = widgets.Image(format="png")
        self.message = widgets.HTML()
        self.disclaimer = widgets.HTML(f"<p style='color:#7a1f1f;font-size:90%'><b>{html.escape(DISCLAIMER)}</b></p>")
        for control in controls:
            control.observe(self._on_change, names="value")
        self.panel = widgets.VBox([self.disclaimer, *controls, self.image, self.message])
        self.result = None
        self.update()

    def _on_change(self, _change) -> None:
        self.update()

    def draw(self) -> None:
        """Simulate the current control values and update :attr:`figure` (subclasses)."""
        raise NotImplementedError

    def update(self) -> None:
        """Simulate the current values and redraw; show any warning or error in the panel."""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self.draw()
            self.image.value = self.figure.render_png(dpi=90)  # the data drawn over a cached background
            self.message.value = "".join(f"<p style='color:#8a5a00'>Note: {html.escape(str(w.message))}</p>" for w in caught)
        except Exception as error:  # shown to the user, never swallowed silently
            self.message.value = f"<p style='color:#b00'>Could not update: {html.escape(f'{type(error).__name__}: {error}')}</p>"
            raise

    def _ipython_display_(self):
        from IPython.display import display

        display(self.panel)


class ConcentrationExplorer(Explorer):
    """Sliders for an IV infusion (dose, duration, weight) and the concentration curves they give.

    Parameters
    ----------
    dose_mg_per_kg : float
        Initial dose, mg/kg, in :data:`DOSE_RANGE_MG_PER_KG` ([0.05, 2]).
    duration_min : float
        Initial infusion duration, min, in :data:`DURATION_RANGE_MIN` ([1, 240]).
    weight_kg : float
        Initial body weight, kg, in :data:`WEIGHT_RANGE_KG` ([40, 150]).
    end_h : float
        Simulated window, hours, in (0, 8760] (:data:`~simulator.pipeline.MAX_END_H`; a 1-minute grid).

    Raises
    ------
    TypeError, ValueError
        For a value of the wrong type or outside its range (naming the argument and the range).
    """

    def __init__(self, dose_mg_per_kg: float = 0.5, duration_min: float = 40.0, weight_kg: float = 70.0, end_h: float = 12.0):
        self.end_h = check_number("end_h", end_h, low=0.0, high=MAX_END_H, low_inclusive=False)
        self.dose = _slider(widgets.FloatSlider, "dose_mg_per_kg", dose_mg_per_kg, DOSE_RANGE_MG_PER_KG, "dose (mg/kg, base)")
        self.duration = _slider(widgets.FloatSlider, "duration_min", duration_min, DURATION_RANGE_MIN, "infusion (min)")
        self.weight = _slider(widgets.FloatSlider, "weight_kg", weight_kg, WEIGHT_RANGE_KG, "body weight (kg)")
        self.figure = ConcentrationFigure()
        super().__init__([self.dose, self.duration, self.weight])

    def draw(self) -> None:
        """Simulate the infusion and update the curves."""
        dose = Infusion(dose_mg_per_kg=self.dose.value, duration_min=self.duration.value)
        self.result = simulate(dose, Patient(weight_kg=self.weight.value), end_h=self.end_h)
        self.figure.update(self.result)


class ChainExplorer(Explorer):
    """Sessions of 40-minute infusions through the whole chain, beside a daily conventional antidepressant.

    Parameters
    ----------
    dose_mg_per_kg : float
        Dose per session, mg/kg, in :data:`DOSE_RANGE_MG_PER_KG` ([0.05, 2]).
    sessions : int
        Number of sessions, in :data:`SESSIONS_RANGE` ([1, 12]).
    interval_days : float
        Days between session starts, in :data:`INTERVAL_RANGE_DAYS` ([1, 14]).

    Raises
    ------
    TypeError, ValueError
        For a value of the wrong type or outside its range (naming the argument and the range).
    """

    def __init__(self, dose_mg_per_kg: float = 0.5, sessions: int = 1, interval_days: float = 2.5):
        self.dose = _slider(
            widgets.FloatSlider, "dose_mg_per_kg", dose_mg_per_kg, DOSE_RANGE_MG_PER_KG, "dose per session (mg/kg)"
        )
        self.sessions = _slider(widgets.IntSlider, "sessions", sessions, SESSIONS_RANGE, "sessions")
        self.interval = _slider(widgets.FloatSlider, "interval_days", interval_days, INTERVAL_RANGE_DAYS, "days between sessions")
        self.baseline = _slider(widgets.FloatSlider, "baseline_score", 32.0, BASELINE_RANGE, "baseline score (0-60)")
        self.figure = FullChainFigure()
        self.measure = widgets.Dropdown(options=[("binding Ki (Ebert 1997)", "Ki"), ("functional IC50 (Gilling 2009)", "IC50")],
                                        value="Ki", description="affinity", style=_STYLE, layout=_LAYOUT)  # fmt: skip
        self.magnesium = widgets.Checkbox(value=False, description="physiological Mg2+ (1 mM)", style=_STYLE)
        self.compare = widgets.Checkbox(value=True, description="show conventional antidepressant", style=_STYLE)
        super().__init__([self.dose, self.sessions, self.interval, self.baseline, self.measure, self.magnesium, self.compare])

    def draw(self) -> None:
        """Simulate the course and the comparator, and update the four panels."""
        session = Infusion(dose_mg_per_kg=self.dose.value, duration_min=40.0)
        regimen = Regimen.repeat(session, every_h=24.0 * self.interval.value, count=self.sessions.value)
        end_h = regimen.end_h + 24.0 * 28
        self.result = simulate(
            regimen,
            end_h=end_h,
            step_min=10.0,
            receptor=ReceptorAssumptions(measure=self.measure.value, magnesium=self.magnesium.value),
            plasticity=PlasticityModel(baseline_score=float(self.baseline.value)),
        )
        comparator = conventional_antidepressant(days=end_h / 24.0, baseline_score=float(self.baseline.value))
        self.figure.update(self.result, comparator if self.compare.value else None)
