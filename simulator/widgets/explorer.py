"""Explorers: sliders over the package, thin shells over :func:`simulator.simulate`.

Each explorer builds its figure once; a slider change calls the plain method
:meth:`Explorer.update` (testable without a browser), which simulates, updates
the figure's artists in place and renders one PNG into an image widget.
Errors and validity warnings appear in the panel, never in a hidden log.
"""

from __future__ import annotations

import html
import io
import warnings

import ipywidgets as widgets

from ..dosing import Infusion, Regimen
from ..labels import DISCLAIMER
from ..patient import Patient
from ..pipeline import simulate
from ..plasticity import PlasticityModel, conventional_antidepressant
from ..plotting import ConcentrationFigure, FullChainFigure
from ..receptor import ReceptorAssumptions

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


def _slider(kind, value, limits, description):
    low, high, step = limits
    return kind(value=value, min=low, max=high, step=step, description=description, style=_STYLE, layout=_LAYOUT,
                continuous_update=False)  # fmt: skip


class Explorer:
    """Shared shell: controls, a figure drawn in place, a PNG image, a message area."""

    figure = None

    def __init__(self, controls):
        self.controls = controls
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
            buffer = io.BytesIO()
            self.figure.fig.savefig(buffer, format="png", dpi=90, pil_kwargs={"compress_level": 1})
            self.image.value = buffer.getvalue()
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
    dose_mg_per_kg, duration_min, weight_kg : float
        Initial slider values.
    end_h : float
        Simulated window, hours.
    """

    def __init__(self, dose_mg_per_kg: float = 0.5, duration_min: float = 40.0, weight_kg: float = 70.0, end_h: float = 12.0):
        self.end_h = end_h
        self.figure = ConcentrationFigure()
        self.dose = _slider(widgets.FloatSlider, dose_mg_per_kg, DOSE_RANGE_MG_PER_KG, "dose (mg/kg, base)")
        self.duration = _slider(widgets.FloatSlider, duration_min, DURATION_RANGE_MIN, "infusion (min)")
        self.weight = _slider(widgets.FloatSlider, weight_kg, WEIGHT_RANGE_KG, "body weight (kg)")
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
        Dose per session.
    sessions : int
        Number of sessions.
    interval_days : float
        Days between session starts.
    """

    def __init__(self, dose_mg_per_kg: float = 0.5, sessions: int = 1, interval_days: float = 2.5):
        self.figure = FullChainFigure()
        self.dose = _slider(widgets.FloatSlider, dose_mg_per_kg, DOSE_RANGE_MG_PER_KG, "dose per session (mg/kg)")
        self.sessions = _slider(widgets.IntSlider, sessions, SESSIONS_RANGE, "sessions")
        self.interval = _slider(widgets.FloatSlider, interval_days, INTERVAL_RANGE_DAYS, "days between sessions")
        self.baseline = _slider(widgets.FloatSlider, 32.0, BASELINE_RANGE, "baseline score (0-60)")
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
