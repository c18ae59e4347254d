"""The time-course explorer and the lecture dashboard: the whole chain on one minutes-to-weeks axis.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import dataclasses
import functools
import re

import ipywidgets as widgets
import numpy as np

from .. import scenarios
from ..acute import HOURS_WITH_EFFECTS_NAME
from ..dosing import Regimen, by_devices, dose_event
from ..labels import DISCLAIMER
from ..literature.acute_data import LABEL_OBSERVATION_H
from ..literature.products import ESKETAMINE_DEVICE_MG
from ..patient import Patient
from ..pipeline import simulate
from ..plasticity import PlasticityModel, conventional_antidepressant, placebo_arm
from ..plotting import FullChainFigure, describe
from ..population import draw_patient, simulate_population
from ..receptor import ReceptorAssumptions
from ..style import get_style
from ..tables import format_effect_duration, format_number
from .explorer import (
    BASELINE_RANGE,
    CONTROL_LAYOUT,
    CONTROL_STYLE,
    DOSE_RANGE_MG_PER_KG,
    INTERVAL_RANGE_DAYS,
    SESSIONS_RANGE,
    WEIGHT_RANGE_KG,
    Explorer,
    checkbox,
    differing_labels,
    dropdown,
    slider,
)
from .pharmacokinetics import DRUG_LABELS, NASAL_DEVICES, anaesthetic_note, offer_routes, routes_for
from .sessions import POPULATION_SIZE

__all__ = ["AGE_RANGE_Y", "DASHBOARD_WEIGHT_RANGE_KG", "DEVICE_MG", "PRESETS", "LectureDashboard", "TimeCourseExplorer"]

#: Days shown after the last session: long enough for the toy benefit to fade.
FOLLOW_UP_DAYS = 28.0
#: mg of esketamine per nasal device (Spravato label), read from its literature record.
DEVICE_MG = ESKETAMINE_DEVICE_MG.value
#: The dashboard's ranges reach children (the child preset); the default set warns outside its validity.
DASHBOARD_WEIGHT_RANGE_KG = (10.0, 150.0, 1.0)
AGE_RANGE_Y = (2.0, 90.0, 1.0)
#: Placebo arms the time-course explorer offers.
PLACEBO_OPTIONS = (("none", "none"), ("midazolam (active placebo)", "midazolam"), ("saline", "saline"))


@functools.lru_cache(maxsize=32)
def _comparator(days: float, baseline: float):
    """Return the comparator arm over ``days`` (cached: a dose move does not change it; its arrays are read-only)."""
    return conventional_antidepressant(days=days, baseline_score=baseline, step_h=0.25)


@functools.lru_cache(maxsize=32)
def _placebo(days: float, baseline: float, sessions: tuple, kind: str):
    """Return the toy placebo arm (cached as the comparator is)."""
    return placebo_arm(days=days, baseline_score=baseline, step_h=0.25, session_days=sessions, kind=kind)


class TimeCourseExplorer(Explorer):
    """Sessions of any route and drug through the whole chain, on one axis from minutes to weeks.

    Beside it: a daily conventional antidepressant (toy SSRI) and, optionally, a toy placebo arm; the acute
    effects panel shows what makes each session a supervised clinic visit.

    Parameters
    ----------
    dose_mg_per_kg : float
        Dose per session, mg/kg, in :data:`DOSE_RANGE_MG_PER_KG` ([0.05, 2]).
    sessions : int
        Number of sessions, in :data:`SESSIONS_RANGE` ([1, 12]).
    interval_days : float
        Days between session starts, in :data:`INTERVAL_RANGE_DAYS` ([1, 14]).
    route : str
        A route name of :data:`~simulator.widgets.pharmacokinetics.ROUTE_LABELS` (default "infusion": 40 min).
    drug : {"racemic", "esketamine"}
        Drug.

    Raises
    ------
    TypeError, ValueError
        For a value of the wrong type or outside its range (naming the argument and the range).
    """

    name = "time-course"
    weight_range = WEIGHT_RANGE_KG

    def __init__(
        self,
        dose_mg_per_kg: float = 0.5,
        sessions: int = 1,
        interval_days: float = 2.5,
        route: str = "infusion",
        drug: str = "racemic",
        side: bool = False,
    ):
        self._build_controls(dose_mg_per_kg, sessions, interval_days, route, drug)
        self.baseline = slider(widgets.FloatSlider, "baseline_score", 32.0, BASELINE_RANGE, "baseline score (0-60)")
        self.measure = dropdown("measure", "Ki", [("binding Ki (Ebert 1997)", "Ki"), ("functional IC50 (Gilling 2009)", "IC50")],
                                 "affinity")  # fmt: skip
        self.magnesium = checkbox("magnesium", False, "physiological Mg2+ (1 mM)")
        controls = {**self._session_controls(), "baseline": self.baseline, "measure": self.measure, "magnesium": self.magnesium,
                    "compare": self.compare, "placebo": self.placebo}  # fmt: skip
        self.figure = FullChainFigure()
        super().__init__(controls, side=side)

    def _build_controls(self, dose_mg_per_kg, sessions, interval_days, route, drug) -> None:
        self.drug = dropdown("drug", drug, DRUG_LABELS, "drug")
        self.route = dropdown("route", route, routes_for(drug), "route")
        self.dose = slider(
            widgets.FloatSlider, "dose_mg_per_kg", dose_mg_per_kg, DOSE_RANGE_MG_PER_KG, "dose per session (mg/kg)"
        )
        self.devices = dropdown("devices", 2, NASAL_DEVICES, "nasal esketamine")
        self.sessions = slider(widgets.IntSlider, "sessions", sessions, SESSIONS_RANGE, "sessions")
        self.interval = slider(widgets.FloatSlider, "interval_days", interval_days, INTERVAL_RANGE_DAYS, "days between sessions")
        self.weight = slider(widgets.FloatSlider, "weight_kg", 70.0, self.weight_range, "body weight (kg)")
        self.compare = checkbox("compare", True, "conventional antidepressant (toy SSRI)")
        self.placebo = widgets.Dropdown(options=PLACEBO_OPTIONS, value="none", description="placebo arm (toy)",
                                        style=CONTROL_STYLE,
                                        layout=CONTROL_LAYOUT)  # fmt: skip

    def _session_controls(self) -> dict:
        return {"drug": self.drug, "route": self.route, "dose": self.dose, "devices": self.devices, "sessions": self.sessions,
                "interval": self.interval, "weight": self.weight}  # fmt: skip

    def _sync(self) -> None:
        """Offer only routes that fit the drug; "days between sessions" only when there are several sessions."""
        self._holding, holding = True, self._holding
        try:
            offer_routes(self.drug, self.route, self.dose, self.devices)
            self.interval.disabled = self.sessions.value == 1
        finally:
            self._holding = holding

    # ------------------------------------------------------------------ what is simulated
    def regimen(self) -> Regimen:
        """Return the course the controls describe (infusions last 40 min; an input for exploring the model)."""
        session = dose_event(self.route.value, self.drug.value, self.dose.value, 40.0, self.devices.value)
        return Regimen.repeat(session, every_h=24.0 * self.interval.value, count=self.sessions.value)

    def patient(self) -> Patient:
        """Return the patient the controls describe."""
        return Patient(weight_kg=self.weight.value)

    def options(self) -> dict:
        """Return further keyword arguments of :func:`simulator.simulate`."""
        return {}

    def assumptions(self) -> tuple:
        """Return the receptor assumptions and the toy chain's model."""
        return (ReceptorAssumptions(measure=self.measure.value, magnesium=self.magnesium.value),
                PlasticityModel(baseline_score=float(self.baseline.value)))  # fmt: skip

    def draw(self) -> None:
        """Simulate the course, the comparator and the placebo arm, and update the five panels."""
        regimen = self.regimen()
        end_h = regimen.end_h + 24.0 * FOLLOW_UP_DAYS
        receptor, plasticity = self.assumptions()
        self.result = simulate(regimen, self.patient(), end_h=end_h, grid="log", receptor=receptor,
                               plasticity=plasticity, **self.options())  # fmt: skip
        baseline = plasticity.baseline_score
        days = end_h / 24.0
        comparator = _comparator(days, baseline) if self.compare.value else None
        placebo = None
        if self.placebo.value != "none":
            placebo = _placebo(days, baseline, tuple(e.start_h / 24.0 for e in regimen.events), self.placebo.value)
        self.figure.update(self.result, comparator, placebo)

    def describe(self) -> str:
        """Return the key numbers of the chain (peak, block, onset, days in response, acute hours) in words."""
        return describe(self.result)

    def notes(self) -> list[str]:
        """Say when the course reaches anaesthetic concentrations; remind that every session is a clinic visit."""
        return anaesthetic_note(float(self.result.plasma("ketamine", "ng/mL").max()))

    def case(self) -> dict:
        """Return what is simulated now in short words: drug, dose and route, sessions and spacing, the patient."""
        s = self.sessions.value
        dose = f"{DEVICE_MG * self.devices.value:g} mg" if not self.devices.disabled else f"{self.dose.value:g} mg/kg"
        every = f"every {format_number(self.interval.value)} d" if s > 1 else ""
        drug = "esketamine" if self.drug.value == "esketamine" else "racemic"
        return {"drug": drug, "dose": f"{dose} {self.route.value}", "sessions": f"x{s}" if s > 1 else "1 session",
                "interval": every, "weight": f"{self.weight.value:g} kg"}  # fmt: skip

    def key_numbers(self, shown) -> dict:
        """Return the comparison table's numbers of a Result, read from :meth:`simulator.Result.summary` (model side)."""
        if shown is None:
            return {}
        summary = shown.summary()
        acute = summary["acute"]
        return {
            "peak plasma (ng/mL)": summary["ketamine"]["cmax"],
            "peak block (%)": 100.0 * summary["occupancy"]["peak"],
            "dissociation (% of max)": 100.0 * acute["dissociation_peak"],
            "systolic rise (mmHg)": acute["systolic_peak_mmhg"],
            "days in toy response": summary["symptom"]["days_in_response"],
        }


#: The dashboard's presets: label -> (scenario shown, scenario pinned first for comparison or None).
PRESETS = {
    "Standard infusion (0.5 mg/kg over 40 min)": ("standard-infusion", None),
    "Analgesic dose (0.15 mg/kg IV)": ("analgesic-bolus", None),
    "Anaesthetic induction (2 mg/kg IV)": ("anaesthetic-induction", None),
    "Esketamine nasal spray, the label's course": ("esketamine-label-course", None),
    "Oral dose (0.5 mg/kg)": ("oral-dose", None),
    "Six infusions over 12 days": ("six-infusions", None),
    "Racemic 0.5 mg/kg vs esketamine 0.25 mg/kg (half)": ("esketamine-iv-half-dose", "standard-infusion"),
    "A poor metaboliser (vs a typical patient)": ("poor-metaboliser", "standard-infusion"),
    "A child (20 kg, 1 mg/kg IV)": ("child-sedation", None),
}
_CHOOSE = "choose a preset..."
#: The time axes the explorers offer (:class:`~simulator.plotting.FullChainFigure`): "auto" is log for one dose, a
#: course axis for several.
TIME_AXIS_OPTIONS = (("auto", "auto"), ("log (minutes to weeks)", "log"), ("course (days)", "course"))


class LectureDashboard(TimeCourseExplorer):
    """The linked chain on one screen for a lecture: presets over every scenario, controls beside the figure.

    A preset runs its scenario exactly as published (regimen, patient, parameter set) and shades the
    concentration band it illustrates; moving any control leaves the preset and simulates what the controls
    say. Comparison presets pin the first case as a ghost, then show the second.

    Parameters
    ----------
    preset : str, optional
        A label of :data:`PRESETS` to start with (default: the standard infusion).
    statement : bool
        Show the teaching-model statement above the controls (default). The dashboard notebook states it once,
        above the dashboard, and passes False; the figure carries it in every case.
    """

    name = "dashboard"
    weight_range = DASHBOARD_WEIGHT_RANGE_KG

    def __init__(self, preset: str | None = "Standard infusion (0.5 mg/kg over 40 min)", statement: bool = True):
        statement = checkbox("statement", statement, "").value
        if preset is not None:
            from .._validate import check_choice

            check_choice("preset", preset, tuple(PRESETS))
        self._build_controls(0.5, 1, 2.5, "infusion", "racemic")
        self.age = slider(widgets.FloatSlider, "age_y", 40.0, AGE_RANGE_Y, "age (years)")
        self.poor = checkbox("poor_metaboliser", False, "CYP2B6 poor metaboliser")
        self.preset = widgets.Dropdown(options=[_CHOOSE, *PRESETS], value=_CHOOSE, description="preset",
                                       style={"description_width": "60px"}, layout=widgets.Layout(width="440px"))  # fmt: skip
        self.preset.add_class("ketamine-preset")
        self.time_axis = widgets.Dropdown(options=TIME_AXIS_OPTIONS, value="auto", description="time axis", style=CONTROL_STYLE,
                                          layout=CONTROL_LAYOUT)  # fmt: skip
        self.time_axis.add_class("ketamine-control")
        self.predict_first = widgets.ToggleButton(
            value=False, description="Class predicts first", tooltip="Hide the figure and the numbers until a prediction is in"
        )
        self.prediction = None  # the PredictionPanel while the class predicts first
        self.band = widgets.ToggleButton(value=False, description="Population band",
                                         tooltip=f"{POPULATION_SIZE} virtual patients like this one: 5-95%, 25-75%")  # fmt: skip
        self.another = widgets.Button(description="Draw another patient", disabled=True,
                                      tooltip="One more virtual patient over the band")  # fmt: skip
        self.population = self.drawn = None
        self.patient_seed = 1000
        self.scenario = None
        self.figure = FullChainFigure(figsize=(12.8, 7.6))  # beside the controls, on one 1920x1080 screen
        controls = {
            **self._session_controls(),
            "age": self.age,
            "poor": self.poor,
            "compare": self.compare,
            "placebo": self.placebo,
        }
        Explorer.__init__(self, controls, side=True, header=(self.preset, self.time_axis),
                          tools=(self.predict_first, self.band, self.another))  # fmt: skip
        self.predict_first.observe(lambda change: self.predict(change["new"]), names="value")
        self.band.observe(lambda change: self._band(change["new"]), names="value")
        self.another.on_click(lambda _: self.draw_another())
        if not statement:
            self.disclaimer.layout.display = "none"
        self.preset.observe(self._preset_chosen, names="value")
        self.time_axis.observe(lambda change: self._time_axis(change["new"]), names="value")
        if preset is not None:
            self.preset.value = preset

    #: The projector style on the dashboard's screen: the slide's fonts and width, a little shorter, so that the
    #: figure and its summary fit one 1920x1080 screen beside the controls (exports are still full slides).
    projector_style = dataclasses.replace(get_style("projector"), size_in=(1920 / 144, 6.5))

    def _band(self, on: bool) -> None:
        self.another.disabled = not on
        self.update()

    def draw_another(self) -> None:
        """Draw another virtual patient over the population band (the sessions explorer's "Draw another patient")."""
        self.patient_seed += 1
        if self.band.value:
            self.update()

    def draw(self) -> None:
        """Simulate the chain as the time-course explorer does; with the band on, the population and one drawn patient too."""
        super().draw()
        self.population = self.drawn = None
        if self.band.value:  # the sessions explorer's mechanism: simulate_population and draw_patient, same options
            patient, regimen = self.patient(), self.regimen()
            window = {"end_h": float(self.result.time_h[-1]), "step_min": 10.0, "outputs": FullChainFigure.POPULATION_OUTPUTS,
                      "weight_kg": patient.weight_kg, "age_y": patient.age_y,
                      "cyp2b6_poor_fraction": 1.0 if patient.cyp2b6 == "poor" else 0.0, **self.options()}  # fmt: skip
            self.population = simulate_population(regimen, n=POPULATION_SIZE, seed=1, **window)
            self.drawn = draw_patient(regimen, seed=self.patient_seed, **window)
        self.figure.set_population(self.population, self.drawn)

    def predict(self, on: bool = True, quantity: str = "cmax_ng_per_ml") -> None:
        """Let the class predict before the answer is drawn (``on``), or stop (False).

        The figure, the summary, the table and the notes are hidden until the prediction is committed; then the
        figure shows it as a marker beside the model's curves, and the difference is said in words
        (:mod:`simulator.widgets.predict`). ``quantity`` is the first one offered (a name of ``QUANTITIES``).
        """
        from .predict import PredictionPanel

        on = checkbox("on", on, "").value
        if self.prediction is not None:
            self.prediction.release()
            self.prediction = None
            self.slot.children = ()
            self.figure.set_prediction(None)
        self._hide_answers(on)
        if on:
            # the image keeps its place while hidden; the words go, so that the panel and the page fit one screen
            self.prediction = PredictionPanel(self, quantity, cover=(self.image,), statement=False)  # stated on the page
            self.prediction.on_reveal(self._show_prediction)
            self.slot.children = (self.prediction,)
        if self.predict_first.value != on:
            self.predict_first.value = on
        self.image.value = self.figure.render_png(dpi=self.dpi)

    def _hide_answers(self, hidden: bool) -> None:
        for widget in (self.summary, self.table, self.message):
            widget.layout.display = "none" if hidden else None

    def _show_prediction(self, marker) -> None:
        """Draw the committed prediction on the figure (None: taken back) and show or hide the numbers with it."""
        self.figure.set_prediction(marker)
        self._hide_answers(marker is None)
        if self.prediction is not None:  # once committed, the panel keeps only the reveal and "New prediction"
            self.prediction.collapse(marker is not None)
        self.image.value = self.figure.render_png(dpi=self.dpi)

    def _time_axis(self, value: str) -> None:
        self.figure.set_time_axis(value)
        self.update()

    def _preset_chosen(self, change) -> None:
        if change["new"] != _CHOOSE and not self._holding:
            self.apply_preset(change["new"])

    def case(self) -> dict:
        """Return the case in short words: the course, the patient and the parameter set a preset names."""
        case = {**super().case(), "age": f"{self.age.value:g} y", "cyp2b6": "CYP2B6 poor" if self.poor.value else "CYP2B6 normal"}
        case["set"] = self.options().get("pk_set", "default set")
        return case

    def assumptions(self) -> tuple:
        """Return the package's default receptor assumptions and toy chain (a lecture uses the defaults)."""
        return ReceptorAssumptions(), PlasticityModel()

    def patient(self) -> Patient:
        """Return the preset's patient, or the one the controls describe."""
        if self.scenario is not None:
            return self.scenario.patient
        return Patient(weight_kg=self.weight.value, age_y=self.age.value, cyp2b6="poor" if self.poor.value else "normal")

    def regimen(self) -> Regimen:
        """Return the preset's regimen exactly, or the course the controls describe."""
        return self.scenario.regimen if self.scenario is not None else super().regimen()

    def options(self) -> dict:
        """Return the preset's parameter set, if it names one."""
        if self.scenario is not None and "pk_set" in self.scenario.options:
            return {"pk_set": self.scenario.options["pk_set"]}
        return {}

    def _on_change(self, change) -> None:
        if not self._holding:  # a control moved by hand leaves the preset
            self._leave_preset()
        super()._on_change(change)

    def _leave_preset(self) -> None:
        """Simulate what the controls say from now on: no scenario, no band, the menu back to its prompt."""
        self.scenario = None
        self.figure.set_band(None)
        self._holding, holding = True, self._holding
        self.preset.value = _CHOOSE
        self._holding = holding

    def apply_preset(self, label: str) -> None:
        """Show the preset ``label`` (:data:`PRESETS`): its scenario exactly, with its band; comparisons pin first.

        One frame is drawn, the preset's: a comparison simulates its first case once more and pins its curves
        without drawing them on their own, so that no frame shows the first case (or its band) as if it were the preset.
        """
        from .._validate import check_choice

        check_choice("preset", label, tuple(PRESETS))
        shown, first = PRESETS[label]
        with self.hold():  # one redraw, as the hold ends
            if first is not None:  # a comparison pins its first case (once), beside any pins already there
                self._set_scenario(first)
                TimeCourseExplorer.draw(self)  # its curves only: no population band for a case that is pinned
                if self.case() not in self.cases:
                    self.pin()  # inside the hold: no frame of its own
            self._set_scenario(shown)

    def _set_scenario(self, name: str) -> None:
        """Set the controls, the band and the pins' labels to the scenario ``name`` (inside :meth:`hold`: no redraw)."""
        s = scenarios.preset(name)
        event = s.regimen.events[0]
        route = {"Infusion": "infusion", "Bolus": "bolus"}.get(type(event).__name__, type(event).__name__.lower())
        dose = event.dose_mg_per_kg if getattr(event, "dose_mg_per_kg", None) else event.dose_mg / s.patient.weight_kg
        starts = [e.start_h for e in s.regimen.events]
        self.scenario = s
        self.drug.value = event.drug
        offer_routes(self.drug, self.route, self.dose, self.devices)
        self.route.value = route
        self.dose.value = float(np.clip(dose, self.dose.min, self.dose.max))
        if by_devices(route, event.drug):
            self.devices.value = round(event.dose_mg / DEVICE_MG)
        self.sessions.value = int(np.clip(len(starts), self.sessions.min, self.sessions.max))
        if len(starts) > 1:
            self.interval.value = float(np.clip((starts[1] - starts[0]) / 24.0, self.interval.min, self.interval.max))
        self.weight.value = float(np.clip(s.patient.weight_kg, self.weight.min, self.weight.max))
        self.age.value = float(np.clip(s.patient.age_y, self.age.min, self.age.max))
        self.poor.value = s.patient.cyp2b6 == "poor"
        self.figure.set_band(s.band)
        if self.cases:  # a preset is a new case beside the pinned ones: their labels say what differs now
            self.figure.relabel_pins(differing_labels([*self.cases, self.case()])[:-1])

    def reset(self) -> None:
        """Leave any preset, clear the pins and put every control back to its starting value."""
        self._leave_preset()
        self.figure.clear_pins()
        super().reset()

    def describe(self) -> str:
        """Return the chain's key numbers, led by the preset and its source when one is shown."""
        text = describe(self.result)
        if self.population is not None:
            days = self.population.days_in_response()
            low, high = np.percentile(days, (25, 75))
            text = text.removesuffix(DISCLAIMER) + (
                f"Band: {POPULATION_SIZE} virtual patients like this one: median {format_number(float(np.median(days)))} days"
                f" in toy response (25-75%: {format_number(float(low))}-{format_number(float(high))}); the drawn patient: "
                f"{format_number(float(self.drawn.days_in_response()[0]))} days. A band is the spread of virtual patients, "
                f"not a prediction for a person. {DISCLAIMER}"
            )
        lead = "" if self.scenario is None else f"Preset: {self.scenario.description} (source: {self.scenario.source}). "
        # a racemic case pinned beside esketamine at its S dose: which part of the gap in block is R-ketamine, which the sets
        pinned = [p.shown for p in self.figure.pins if getattr(p.shown, "drug", None) == "racemic"]
        if pinned and self.result.drug == "esketamine" and pinned[-1].receptor == self.result.receptor:
            from ..pipeline import enantiomer_decomposition

            try:
                lead += enantiomer_decomposition(pinned[-1], self.result).describe() + " "
            except ValueError:  # not the same S dose: no decomposition to state
                pass
        return lead + text

    def _acute_hours(self) -> str:
        hours = self.result.summary()["acute"]["hours_with_effects"]
        if hours == 0:
            return f"no {HOURS_WITH_EFFECTS_NAME} (neither effect passes its threshold)"
        return f"{HOURS_WITH_EFFECTS_NAME}, {format_effect_duration(hours)} in all"

    def summary_html(self, summary: str) -> str:
        """Return the summary with a preset's description folded (a click shows it): the numbers stay on one screen.

        The whole text, the description and the statement included, is the figure's text alternative and the static
        fallback; on the dashboard notebook, which states the teaching model above the dashboard, the statement is not
        repeated under the figure.
        """
        import html

        # the page states the teaching model once, above the dashboard (and the figure carries it): not again here
        shown = summary.removesuffix(DISCLAIMER).rstrip() if self.disclaimer.layout.display == "none" else summary
        lead = "" if self.scenario is None else f"Preset: {self.scenario.description} (source: {self.scenario.source}). "
        if not lead or not shown.startswith(lead):
            return super().summary_html(shown)
        short = re.split(r":| \(", self.scenario.description, maxsplit=1)[0]  # up to its first colon or bracket
        return (
            f"<details style='margin:0'><summary>Preset: {html.escape(short)} (its description and source)</summary>"
            f"<p>{html.escape(lead)}</p></details>" + super().summary_html(shown[len(lead) :])
        )

    def notes(self) -> list[str]:
        """Say, besides the ranges, that every session is a supervised clinic visit."""
        notes = super().notes()
        sessions = len(self.result.regimen.events)
        which = "the session is" if sessions == 1 else f"every one of the {sessions} sessions is"
        notes.append(
            f"{which} a supervised clinic visit: {self._acute_hours()} (Spravato label: observe at least "
            f"{LABEL_OBSERVATION_H.value:g} h after each dose)."
        )
        return notes
