"""The first explorer: dose and infusion duration -> concentration-time curves.

The widget is a thin shell: sliders -> :meth:`ConcentrationExplorer.update`
(a plain method, testable without a browser) -> :func:`simulator.simulate`
-> the persistent :class:`~simulator.plotting.ConcentrationFigure`, rendered
once per change into an image widget. Errors appear in the panel, not in a
hidden log.
"""

from __future__ import annotations

import html
import io
import warnings

import ipywidgets as widgets

from ..dosing import Infusion
from ..labels import DISCLAIMER
from ..plotting import ConcentrationFigure
from ..population import Patient
from ..simulate import simulate

#: Slider ranges: the exploration space of the teaching model (illustrative
#: regimens, not recommendations). From sub-analgesic to anaesthetic doses.
DOSE_RANGE_MG_PER_KG = (0.05, 2.0, 0.05)
DURATION_RANGE_MIN = (1.0, 240.0, 1.0)
WEIGHT_RANGE_KG = (40.0, 150.0, 1.0)


class ConcentrationExplorer:
    """Sliders for an IV infusion (dose, duration, weight) and the curves they give.

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
        style = {"description_width": "150px"}
        layout = widgets.Layout(width="460px")
        self.dose = widgets.FloatSlider(
            value=dose_mg_per_kg, min=DOSE_RANGE_MG_PER_KG[0], max=DOSE_RANGE_MG_PER_KG[1], step=DOSE_RANGE_MG_PER_KG[2],
            description="dose (mg/kg, base)", style=style, layout=layout, continuous_update=False,
        )  # fmt: skip
        self.duration = widgets.FloatSlider(
            value=duration_min, min=DURATION_RANGE_MIN[0], max=DURATION_RANGE_MIN[1], step=DURATION_RANGE_MIN[2],
            description="infusion (min)", style=style, layout=layout, continuous_update=False,
        )  # fmt: skip
        self.weight = widgets.FloatSlider(
            value=weight_kg, min=WEIGHT_RANGE_KG[0], max=WEIGHT_RANGE_KG[1], step=WEIGHT_RANGE_KG[2],
            description="body weight (kg)", style=style, layout=layout, continuous_update=False,
        )  # fmt: skip
        self.image = widgets.Image(format="png")
        self.message = widgets.HTML()
        self.disclaimer = widgets.HTML(f"<p style='color:#7a1f1f;font-size:90%'><b>{DISCLAIMER}</b></p>")
        for slider in (self.dose, self.duration, self.weight):
            slider.observe(self._on_change, names="value")
        self.panel = widgets.VBox([self.disclaimer, self.dose, self.duration, self.weight, self.image, self.message])
        self.result = None
        self.update()

    def _on_change(self, _change) -> None:
        self.update()

    def update(self) -> None:
        """Simulate the current slider values and redraw; show any error in the panel."""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                dose = Infusion(dose_mg_per_kg=self.dose.value, duration_min=self.duration.value)
                self.result = simulate(dose, Patient(weight_kg=self.weight.value), end_h=self.end_h)
            self.figure.update(self.result)
            buffer = io.BytesIO()
            self.figure.fig.savefig(buffer, format="png", dpi=90)
            self.image.value = buffer.getvalue()
            notes = "".join(f"<p style='color:#8a5a00'>Note: {html.escape(str(w.message))}</p>" for w in caught)
            self.message.value = notes
        except Exception as error:  # shown to the user, never swallowed silently
            self.message.value = f"<p style='color:#b00'>Could not update: {html.escape(f'{type(error).__name__}: {error}')}</p>"
            raise

    def _ipython_display_(self):
        from IPython.display import display

        display(self.panel)
