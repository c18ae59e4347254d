"""The pharmacokinetics explorer: route, drug, dose, patient and parameter set -> concentrations.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets

from .. import literature
from .._validate import deprecated_names
from ..dosing import Regimen, by_devices, dose_event
from ..labels import SHORT_DISCLAIMER
from ..literature.products import ESKETAMINE_DEVICE_MG
from ..literature.receptor_data import BANDS
from ..patient import Patient
from ..pipeline import simulate, simulate_sets
from ..plotting import ConcentrationFigure
from ..tables import format_duration as _hours
from ..tables import format_number as _sig
from .explorer import (
    CONTROL_LAYOUT,
    CONTROL_STYLE,
    DOSE_RANGE_MG_PER_KG,
    DURATION_RANGE_MIN,
    WEIGHT_RANGE_KG,
    Explorer,
    check_end_h,
    checkbox,
    dropdown,
    slider,
)

__all__ = [
    "ANAESTHETIC_BAND",
    "ANAESTHETIC_NG_PER_ML",
    "DRUG_LABELS",
    "FIRST_PASS_ROUTES",
    "NASAL_DEVICES",
    "ROUTE_LABELS",
    "PharmacokineticsExplorer",
    "anaesthetic_note",
    "metabolite_note",
    "offer_routes",
    "routes_for",
    "set_options",
]

#: Routes the explorers offer: (label, name in :data:`simulator.dosing.EVENT_KINDS`).
ROUTE_LABELS = (
    ("IV infusion", "infusion"),
    ("IV bolus (1 min)", "bolus"),
    ("intranasal spray", "intranasal"),
    ("oral (by mouth)", "oral"),
    ("intramuscular", "intramuscular"),
    ("sublingual", "sublingual"),
)
#: Drugs the explorers offer: (label, name in :data:`simulator.dosing.DRUGS`).
DRUG_LABELS = (("racemic ketamine", "racemic"), ("esketamine (S-ketamine)", "esketamine"))
#: The anaesthetic concentration band (Zanos 2018 Table 1), read from its literature record.
ANAESTHETIC_BAND = next(band for band in BANDS if band.name == "anaesthetic")
#: Anaesthetic plasma concentrations start here, ng/mL (the low end of :data:`ANAESTHETIC_BAND`).
ANAESTHETIC_NG_PER_ML = ANAESTHETIC_BAND.low_ng_per_ml
#: Most other published sets the explorer overlays on the one it shows.
_MAX_OVERLAY = 5


#: Devices of a nasal esketamine dose (each ESKETAMINE_DEVICE_MG, Spravato label): the choices the explorers offer.
NASAL_DEVICES = tuple((f"{k} device{'s' if k > 1 else ''} ({k * ESKETAMINE_DEVICE_MG.value:g} mg)", k) for k in (1, 2, 3))


#: Routes whose dose passes the liver first (all or part of it swallowed).
FIRST_PASS_ROUTES = ("oral", "sublingual", "intranasal")


def metabolite_note(share: float, brain_ratio: float, species=("ketamine", "norketamine")) -> str:
    """Return the note on the metabolite after a first-pass route: its share of the peak block and why it is small.

    ``species``: the names of parent and metabolite (``Result.pk_set.species``).
    """
    parent, metabolite = species
    return (
        f"After a swallowed dose much of what reaches the blood is {metabolite} (first pass through the liver), but "
        f"{metabolite} reaches the brain less well: the model counts its brain level at {brain_ratio:g} of {parent}'s "
        "(noresketamine's brain:plasma ratio is 4-6 times lower, Spravato label, grade B; assumed for racemic "
        f"norketamine too), so it gives {_sig(100 * share)}% of the peak NMDA block. Swallowed {parent} still blocks "
        f"through {parent} itself: it is not a dissociation-free antidepressant."
    )


def anaesthetic_note(peak_ng_per_ml: float) -> list[str]:
    """Return the range message when a peak plasma concentration reaches the anaesthetic band (else none)."""
    if peak_ng_per_ml < ANAESTHETIC_NG_PER_ML:
        return []
    band = ANAESTHETIC_BAND
    return [
        f"the peak plasma concentration ({_sig(peak_ng_per_ml)} ng/mL) reaches anaesthetic concentrations "
        f"({band.low_ng_per_ml:g}-{band.high_ng_per_ml:g} ng/mL, {band.citation.short()}): sedation or anaesthesia, "
        "given only by a clinician able to manage the airway; not an antidepressant session."
    ]


@functools.lru_cache(maxsize=64)
def _set_options(drug: str, route: str) -> tuple:
    names = literature.sets_for(dose_event(route, drug, DOSE_RANGE_MG_PER_KG[0]))  # any dose by that route
    default = literature.default_for(drug)
    others = tuple((f"{literature.get(n).citation.short()} ({n})", n) for n in names)
    return ((f"default: {default.citation.short()}", "default"), *others)


def set_options(drug: str, route: str) -> list:
    """Return (label, name) of the published sets for ``drug`` that describe ``route``, the default first ("default").

    Computed once per drug and route (the registry does not change while a kernel runs), not on every move.
    """
    return list(_set_options(drug, route))


def offer_routes(drug, route, dose, devices) -> None:
    """Offer in ``route`` only the routes that fit ``drug``'s value; take nasal esketamine in ``devices``, else ``dose``.

    The four arguments are the explorers' drug, route, dose (mg/kg) and nasal-devices controls.
    """
    routes = routes_for(drug.value)
    if list(route.options) != routes:
        current = route.value
        route.options = routes
        route.value = current if current in [r for _, r in routes] else routes[0][1]
    devices.disabled = not by_devices(route.value, drug.value)
    dose.disabled = not devices.disabled


def routes_for(drug: str) -> list:
    """Return the routes of :data:`ROUTE_LABELS` that some published set for ``drug`` describes."""
    return [(label, r) for label, r in ROUTE_LABELS if len(_set_options(drug, r)) > 1]


class PharmacokineticsExplorer(Explorer):
    """Route, drug, dose, infusion time, body weight and parameter set -> plasma and brain concentrations.

    Several published sets can be overlaid to show where the models disagree; units and a linear or log
    concentration axis are switches. A message says when the peak reaches anaesthetic concentrations or the
    patient lies outside the set's validity range.

    Parameters
    ----------
    dose_mg_per_kg : float
        Initial dose, mg/kg of base, in :data:`DOSE_RANGE_MG_PER_KG` ([0.05, 2]).
    duration_min : float
        Initial infusion duration, min, in :data:`DURATION_RANGE_MIN` ([1, 240]).
    weight_kg : float
        Initial body weight, kg, in :data:`WEIGHT_RANGE_KG` ([40, 150]).
    end_h : float
        Simulated window, hours, in (0, 8760] (a 1-minute grid).
    route : str
        Initial route, a name of :data:`ROUTE_LABELS` (default "infusion").
    drug : {"racemic", "esketamine"}
        Initial drug.

    Raises
    ------
    TypeError, ValueError
        For a value of the wrong type or outside its range (naming the argument and the range).
    """

    name = "pharmacokinetics"

    def __init__(
        self,
        dose_mg_per_kg: float = 0.5,
        duration_min: float = 40.0,
        weight_kg: float = 70.0,
        end_h: float = 12.0,
        route: str = "infusion",
        drug: str = "racemic",
    ):
        self.end_h = check_end_h(end_h)
        self.drug = dropdown("drug", drug, DRUG_LABELS, "drug")
        self.route = dropdown("route", route, routes_for(drug), "route")
        self.dose = slider(widgets.FloatSlider, "dose_mg_per_kg", dose_mg_per_kg, DOSE_RANGE_MG_PER_KG, "dose (mg/kg of base)")
        self.duration = slider(widgets.FloatSlider, "duration_min", duration_min, DURATION_RANGE_MIN, "infusion time (min)")
        self.weight = slider(widgets.FloatSlider, "weight_kg", weight_kg, WEIGHT_RANGE_KG, "body weight (kg)")
        self.devices = dropdown("devices", 2, NASAL_DEVICES, "nasal esketamine")
        self.pk_set = widgets.Dropdown(options=set_options(drug, route), value="default", description="parameter set",
                                       style=CONTROL_STYLE, layout=CONTROL_LAYOUT)  # fmt: skip
        self.overlay = checkbox("overlay", False, "overlay the other published sets")
        self.curves = widgets.Dropdown(
            options=[("plasma, brain and metabolite", "all"), ("plasma only", "plasma"), ("brain (effect site) only", "brain"),
                     ("metabolite only", "metabolite")],
            value="all", description="curves", style=CONTROL_STYLE, layout=CONTROL_LAYOUT,
        )  # fmt: skip
        self.unit = widgets.Dropdown(options=[("ng/mL", "ng/mL"), ("mg/L", "mg/L"), ("µM", "uM")], value="ng/mL",
                                     description="unit", style=CONTROL_STYLE, layout=CONTROL_LAYOUT)  # fmt: skip
        self.scale = widgets.Dropdown(options=[("linear", "linear"), ("log", "log")], value="linear",
                                      description="concentration axis", style=CONTROL_STYLE, layout=CONTROL_LAYOUT)  # fmt: skip
        self.figure = ConcentrationFigure()
        controls = {
            "drug": self.drug, "route": self.route, "dose": self.dose, "devices": self.devices, "duration": self.duration,
            "weight": self.weight,
            "pk_set": self.pk_set, "overlay": self.overlay, "curves": self.curves, "unit": self.unit, "scale": self.scale,
        }  # fmt: skip
        super().__init__(controls)

    def _sync(self) -> None:
        """Offer only routes and sets that fit the drug; the infusion time only for an infusion."""
        self._holding, holding = True, self._holding
        try:
            offer_routes(self.drug, self.route, self.dose, self.devices)
            options = set_options(self.drug.value, self.route.value)
            if list(self.pk_set.options) != options:
                current = self.pk_set.value
                self.pk_set.options = options
                self.pk_set.value = current if current in [n for _, n in options] else "default"
            self.duration.disabled = self.route.value != "infusion"
            self.overlay.disabled = len(options) < 3
        finally:
            self._holding = holding

    def regimen(self) -> Regimen:
        """Return the regimen the controls describe (an input for exploring the model)."""
        event = dose_event(self.route.value, self.drug.value, self.dose.value, self.duration.value, self.devices.value)
        return Regimen((event,))

    def draw(self) -> None:
        """Simulate the dose and update the curves (and the overlay of other sets)."""
        patient = Patient(weight_kg=self.weight.value)
        regimen = self.regimen()
        show = ("plasma", "brain", "metabolite") if self.curves.value == "all" else (self.curves.value,)
        self.figure.configure(unit=self.unit.value, yscale=self.scale.value, show=show)
        pk_set = None if self.pk_set.value == "default" else self.pk_set.value
        self.result = simulate(regimen, patient, pk_set=pk_set, end_h=self.end_h)
        self.figure.update(self.result)
        overlay = None
        if self.overlay.value and not self.overlay.disabled:
            others = [name for name in literature.sets_for(regimen) if name != self.result.pk_set.name][:_MAX_OVERLAY]
            results = simulate_sets(regimen, patient, pk_sets=others, end_h=self.end_h)
            overlay = {f"{r.pk_set.citation.short()} ({name})": r for name, r in results.items()}
        self.figure.set_overlay(overlay)

    def describe(self) -> str:
        """Return the peaks and their times, in words, with the parameter set and the teaching-model statement."""
        r = self.result
        parent, metabolite = r.pk_set.species
        t = r.time_h
        parts = []
        for what, values in ((f"{parent} in plasma", r.plasma("ketamine", self.unit.value)),
                             (f"{parent} in the brain (effect site)", r.effect_site("ketamine", self.unit.value)),
                             (f"{metabolite} in plasma", r.plasma("norketamine", self.unit.value))):  # fmt: skip
            i = int(values.argmax())
            parts.append(f"{what} peaks at {_sig(values[i])} {self.figure_unit()} {_hours(t[i])} after the dose")
        event = r.regimen.events[0]
        dose_mg = _sig(self.dose.value * self.weight.value, 3)
        dose = f"{event.dose_mg:g} mg" if event.dose_mg_per_kg is None else f"{self.dose.value:g} mg/kg ({dose_mg} mg"
        dose += "" if event.dose_mg_per_kg is None else f" for {self.weight.value:g} kg)"
        return (
            f"{dose} by {self.route.label}. "
            + "; ".join(parts)
            + f". Parameter set: {r.pk_set.citation.short()}. {SHORT_DISCLAIMER}"
        )

    def figure_unit(self) -> str:
        """Return the unit as the figure writes it."""
        return {"uM": "µM"}.get(self.unit.value, self.unit.value)

    def notes(self) -> list[str]:
        """Say when the peak reaches anaesthetic concentrations, and what the metabolite does after a swallowed dose."""
        notes = anaesthetic_note(float(self.result.plasma("ketamine", "ng/mL").max()))
        if self.route.value in FIRST_PASS_ROUTES:
            share = self.result.summary()["occupancy"]["metabolite_share_of_peak"]
            notes.append(metabolite_note(share, self.result.receptor.metabolite_brain_ratio, self.result.pk_set.species))
        return notes

    def pin_label(self) -> str:
        """Return the label of a pin: dose, route and weight."""
        if not self.devices.disabled:
            return f"{ESKETAMINE_DEVICE_MG.value * self.devices.value:g} mg {self.route.value}, {self.weight.value:g} kg"
        return f"{self.dose.value:g} mg/kg {self.route.value}, {self.weight.value:g} kg"


#: Names kept for one release: ``DRUGS`` is also simulator.dosing.DRUGS (the drug names alone).
__getattr__ = deprecated_names(__name__, globals(), {
    "DRUGS": ("DRUG_LABELS", "DRUGS is simulator.dosing.DRUGS, the names alone"),
})  # fmt: skip
