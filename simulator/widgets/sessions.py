"""The sessions-and-patients explorer: a schedule given to a virtual population, benefit against burden.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..dosing import Regimen, dose_event
from ..labels import SHORT_DISCLAIMER
from ..plotting import PopulationFigure
from ..population import draw_patient, simulate_population
from ..tables import format_number as _sig
from ..tables import write_table
from .explorer import DOSE_RANGE_MG_PER_KG, INTERVAL_RANGE_DAYS, SESSIONS_RANGE, Explorer, slider

__all__ = ["POPULATION_SIZE", "SessionsExplorer"]

#: Virtual patients per schedule: enough for stable bands, few enough for a quick redraw.
POPULATION_SIZE = 200


class SessionsExplorer(Explorer):
    """A schedule builder (sessions, spacing, dose per 40-minute infusion) over a virtual population.

    The figure shows percentile bands and one drawn patient; the text gives the benefit (days in toy
    response) and the burden (sessions, hours of acute effects). "Draw another patient" shows that a band
    is not a prediction for one person.

    Parameters
    ----------
    sessions : int
        In [1, 12].
    interval_days : float
        Days between sessions, in [1, 14].
    dose_mg_per_kg : float
        Per session, in [0.05, 2].
    seed : int
        The population's seed (the same patients for every schedule).
    """

    name = "sessions"

    def __init__(self, sessions: int = 6, interval_days: float = 2.5, dose_mg_per_kg: float = 0.5, seed: int = 1):
        from .._validate import check_int

        self.seed = check_int("seed", seed, low=0, high=2**31 - 1)
        self.sessions = slider(widgets.IntSlider, "sessions", sessions, SESSIONS_RANGE, "sessions")
        self.interval = slider(widgets.FloatSlider, "interval_days", interval_days, INTERVAL_RANGE_DAYS, "days between sessions")
        self.dose = slider(
            widgets.FloatSlider, "dose_mg_per_kg", dose_mg_per_kg, DOSE_RANGE_MG_PER_KG, "dose per session (mg/kg)"
        )
        self.another = widgets.Button(description="Draw another patient", tooltip="One more virtual patient over the bands")
        self.patient_seed = 1000
        self.another.on_click(lambda _: self.draw_another())
        self.figure = PopulationFigure(time_axis="linear")  # a schedule reads best on a day axis
        self.population = self.patient = None
        super().__init__({"sessions": self.sessions, "interval": self.interval, "dose": self.dose}, header=(self.another,))

    def _sync(self) -> None:
        self.interval.disabled = self.sessions.value == 1

    def regimen(self) -> Regimen:
        """Return the schedule the controls describe (40-minute infusions; an input for exploring the model)."""
        session = dose_event("infusion", "racemic", self.dose.value, 40.0)
        return Regimen.repeat(session, every_h=24.0 * self.interval.value, count=self.sessions.value)

    def draw(self) -> None:
        """Simulate the population and one drawn patient on the schedule, and redraw the bands."""
        regimen = self.regimen()
        window = {"end_h": regimen.end_h + 24.0 * 28, "step_min": 60.0}  # hourly: the bands change over days
        self.population = simulate_population(regimen, n=POPULATION_SIZE, seed=self.seed, **window)
        self.patient = draw_patient(regimen, seed=self.patient_seed, **window)
        self.figure.update(self.population, self.patient)

    def draw_another(self) -> None:
        """Draw another virtual patient over the same bands."""
        self.patient_seed += 1
        self.update()

    def describe(self) -> str:
        """Return benefit (days in toy response) and burden (sessions) of the schedule, in words."""
        fraction = self.population.fraction_in_response()
        per_patient = self.population.days_in_response()
        quartiles = np.percentile(per_patient, (25, 75))
        mine = float(self.patient.days_in_response()[0])
        s = self.sessions.value
        return (
            f"{s} session{'s' if s > 1 else ''} of {self.dose.value:g} mg/kg over 40 min"
            + (f", every {self.interval.value:g} days" if s > 1 else "")
            + f", given to {POPULATION_SIZE} virtual patients. At most {_sig(100 * fraction.max())}% are in toy response at "
            f"once; median {_sig(float(np.median(per_patient)))} days in response (25-75%: {_sig(float(quartiles[0]))}"
            f"-{_sig(float(quartiles[1]))}). The drawn patient: {_sig(mine)} days. Burden: {s} supervised "
            f"clinic visit{'s' if s > 1 else ''}. {SHORT_DISCLAIMER}"
        )

    def write_data(self, path):
        """Write the population's percentiles of the toy symptom score and the fraction in response as CSV."""
        header = [
            f"{POPULATION_SIZE} virtual patients, seed {self.seed}; none is a real person",
            f"regimen (an input for exploring the model, not a recommendation): {self.describe().split('. At most')[0]}",
        ]
        columns = ["time (h)", "score p5", "p25", "median", "p75", "p95", "fraction in response"]
        p = self.population
        return write_table(
            path, header, columns, zip(p.time_h, *p.percentiles("symptom_score"), p.fraction_in_response(), strict=True)
        )
