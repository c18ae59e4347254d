"""Named teaching presets: a regimen, a patient and options, each with its source.

Regimens here are inputs for exploring the teaching model, taken from published
studies and labels; they are illustrative, not recommendations.

Examples
--------
>>> from simulator import scenarios
>>> regimen, patient, options = scenarios.get("standard-infusion")
>>> regimen.events[0].duration_min
40.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ._validate import check_choice, check_int, check_number, deprecated_names
from .dosing import EVENT_KINDS, Bolus, Infusion, Intranasal, Oral, Regimen, dose_event
from .literature.receptor_data import BANDS
from .patient import Patient

__all__ = ["SCENARIOS", "Scenario", "custom", "get", "names", "preset"]

REFERENCE_ADULT = Patient(weight_kg=70.0, age_y=40)


@dataclass(frozen=True)
class Scenario:
    """A named preset: what is given, to whom, and where the regimen comes from.

    Parameters
    ----------
    name, description, source : str
        Non-empty texts: the preset's name, what it shows, and where the regimen comes from.
    regimen : Regimen
        What is given.
    patient : Patient
        To whom (default: a 70 kg, 40-year-old adult).
    options : mapping
        Keyword arguments for :func:`simulator.simulate` (string keys); stored read-only
        (a :class:`types.MappingProxyType` over a copy).
    band : str or None
        Name of the published concentration band (``simulator.receptor.BANDS``) the preset illustrates; its
        ketamine curve must pass through that band (``tests/test_evidence.py``).
    """

    name: str
    description: str
    regimen: Regimen
    source: str
    patient: Patient = REFERENCE_ADULT
    options: Mapping = field(default_factory=dict)
    band: str | None = None

    def __post_init__(self):
        if self.band is not None:
            check_choice("band", self.band, tuple(b.name for b in BANDS))
        for name in ("name", "description", "source"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a string, got {type(value).__name__}")
            if not value.strip():
                raise ValueError(f"{name} must be a non-empty string, got {value!r}")
        if not isinstance(self.regimen, Regimen):
            raise TypeError(f"regimen must be a simulator.Regimen, got {type(self.regimen).__name__}")
        if not isinstance(self.patient, Patient):
            raise TypeError(f"patient must be a simulator.Patient, got {type(self.patient).__name__}")
        if not isinstance(self.options, Mapping) or not all(isinstance(key, str) for key in self.options):
            raise TypeError(f"options must be a mapping with string keys, got {self.options!r}")
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))


#: The presets by name (read-only).
SCENARIOS = MappingProxyType(
    {
        s.name: s
        for s in (
            Scenario(
                "standard-infusion",
                "0.5 mg/kg racemic ketamine IV over 40 min: the antidepressant research regimen",
                Regimen((Infusion(dose_mg_per_kg=0.5, duration_min=40),)),
                "Zarate 2006; peak 185 ng/mL in Zanos 2018 Table 1",
                options={"end_h": 24.0},
                band="dissociation",
            ),
            Scenario(
                "analgesic-bolus",
                "0.15 mg/kg racemic ketamine IV: an analgesic dose",
                Regimen((Bolus(dose_mg_per_kg=0.15),)),
                "Zanos 2018 Table 1 (plasma 70-160 ng/mL)",
                options={"end_h": 12.0},
                band="analgesic",
            ),
            Scenario(
                "anaesthetic-induction",
                "2 mg/kg racemic ketamine IV bolus over 1 min: anaesthesia induction, with Kamp 2020's arterial "
                "set, which reproduces the first minutes after a bolus (the default set's large central volume "
                "peaks at 1125 ng/mL, below the band)",
                Regimen((Bolus(dose_mg_per_kg=2.0),)),
                "Zanos 2018 Table 1 (1-2 mg/kg IV, plasma 1200-2400 ng/mL); early samples: doi:10.1002/phar.2669",
                options={"end_h": 12.0, "pk_set": "kamp_2020"},
                band="anaesthetic",
            ),
            Scenario(
                "six-infusions",
                "six 0.5 mg/kg / 40 min infusions over 12 days (three a week)",
                Regimen.weekly(Infusion(dose_mg_per_kg=0.5, duration_min=40), sessions_per_week=3, weeks=2),
                "Murrough 2013",
                options={"end_h": 24.0 * 40},
                band="dissociation",
            ),
            Scenario(
                "esketamine-nasal-56",
                "esketamine nasal spray 56 mg (two 28 mg devices, 5 min apart)",
                Regimen((Intranasal(dose_mg=56, drug="esketamine"),)),
                "Spravato label; Perez-Ruixo 2021",
                options={"end_h": 24.0},
            ),
            Scenario(
                "esketamine-twice-weekly",
                "esketamine nasal spray 84 mg twice a week for four weeks (the label's induction phase)",
                Regimen.weekly(Intranasal(dose_mg=84, drug="esketamine"), sessions_per_week=2, weeks=4),
                "Spravato label",
                options={"end_h": 24.0 * 35},
            ),
            Scenario(
                "esketamine-label-course",
                "esketamine 84 mg nasal: twice a week in weeks 1-4, weekly in weeks 5-8, every other week in weeks 9-16",
                Regimen.weekly(Intranasal(dose_mg=84, drug="esketamine"), sessions_per_week=2, weeks=4)
                + Regimen.repeat(Intranasal(dose_mg=84, drug="esketamine", start_h=168.0 * 4), every_h=168.0, count=4)
                + Regimen.repeat(Intranasal(dose_mg=84, drug="esketamine", start_h=168.0 * 8), every_h=336.0, count=4),
                "Spravato label (induction, then maintenance weekly or every two weeks)",
                options={"end_h": 24.0 * 7 * 18},
            ),
            Scenario(
                "esketamine-iv-half-dose",
                "esketamine 0.25 mg/kg IV over 40 min: half the racemic dose, the usual rule of thumb (S-ketamine binds "
                "the NMDA receptor about 4-5 times more tightly than R-ketamine); in this model it blocks fewer "
                "channels than 0.5 mg/kg of the racemate, as R-ketamine contributes too and the parameter sets differ "
                "(compare with standard-infusion)",
                Regimen((Infusion(dose_mg_per_kg=0.25, duration_min=40, drug="esketamine"),)),
                "Singh 2016 (esketamine 0.20 and 0.40 mg/kg IV over 40 min); Ebert 1997 (Ki S 0.30, R 1.4 uM)",
                options={"end_h": 24.0},
            ),
            Scenario(
                "poor-metaboliser",
                "the standard infusion in a CYP2B6 poor metaboliser (illustrative: intrinsic clearance 30% lower, so IV "
                "clearance about 11% lower; compare "
                "with standard-infusion)",
                Regimen((Infusion(dose_mg_per_kg=0.5, duration_min=40),)),
                "Zarate 2006 regimen; CYP2B6 switch illustrative (in vitro; Rao 2016 saw no change in vivo)",
                patient=Patient(weight_kg=70.0, age_y=40, cyp2b6="poor"),
                options={"end_h": 24.0},
                band="dissociation",
            ),
            Scenario(
                "child-sedation",
                "a 20 kg, 6-year-old child given 1 mg/kg IV over 1 min, with the children's parameter set",
                Regimen((Bolus(dose_mg_per_kg=1.0),)),
                "Herd & Anderson 2007 (children's set); 1-2 mg/kg IV is the range used for procedural sedation "
                "in children (Green 2011 emergency-department guideline)",
                patient=Patient(weight_kg=20.0, age_y=6),
                options={"end_h": 12.0, "pk_set": "herd_2007"},
                band="anaesthetic",
            ),
            Scenario(
                "oral-dose",
                "0.5 mg/kg racemic ketamine by mouth: first-pass metabolism makes norketamine dominate",
                Regimen((Oral(dose_mg_per_kg=0.5),)),
                "Fanta 2015 (norketamine exceeds ketamine after oral dosing)",
                options={"end_h": 24.0},
            ),
        )
    }
)


def names() -> list[str]:
    """Return the preset names."""
    return sorted(SCENARIOS)


def get(name: str):
    """Return ``(regimen, patient, options)`` of the preset ``name``; ``options`` is a fresh dict (a copy)."""
    check_choice("scenario name", name, tuple(SCENARIOS))
    s = SCENARIOS[name]
    return s.regimen, s.patient, dict(s.options)


def preset(name: str) -> Scenario:
    """Return the full :class:`Scenario` (description and source) of ``name``; it is read-only."""
    check_choice("scenario name", name, tuple(SCENARIOS))
    return SCENARIOS[name]


#: Names kept for one release: old -> (new, why). ``describe`` meant a text everywhere else.
__getattr__ = deprecated_names(__name__, globals(), {
    "describe": ("preset", "describe means a text elsewhere (plotting.describe, Explorer.describe)"),
    "ROUTES": ("EVENT_KINDS", "ROUTES means the pharmacokinetic routes, simulator.dosing.ROUTES"),
})  # fmt: skip


def custom(sessions_per_week: int, weeks: int, dose_mg_per_kg: float = 0.5, route: str = "infusion") -> Regimen:
    """Return "N sessions a week for W weeks, dose D, route R" (racemic ketamine; infusions last 40 min).

    An input for exploring the model, not a recommendation.

    Parameters
    ----------
    sessions_per_week : int
        1 to 7.
    weeks : int
        1 to 52.
    dose_mg_per_kg : float
        Dose per session, mg/kg of ketamine base, in (0, 5].
    route : {"infusion", "bolus", "intranasal", "oral", "intramuscular", "sublingual"}
        How each session is given.
    """
    check_choice("route", route, tuple(EVENT_KINDS))
    check_int("sessions_per_week", sessions_per_week, low=1, high=7)
    check_int("weeks", weeks, low=1, high=52)
    dose_mg_per_kg = check_number("dose_mg_per_kg", dose_mg_per_kg, low=0.0, high=5.0, low_inclusive=False)
    session = dose_event(route, "racemic", dose_mg_per_kg, 40.0)
    return Regimen.weekly(session, sessions_per_week=sessions_per_week, weeks=weeks)
