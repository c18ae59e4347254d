"""Patients: covariates, random effects, and what the covariates do to a parameter set.

A :class:`Patient` is a frozen, validated record of the covariates the
pharmacokinetic sets use, plus the individual's random effects
(:class:`RandomEffects`, all 1 for a typical patient; a virtual population draws
them). :func:`covariate_factors` turns covariates into the multipliers that
:func:`simulator.pk.model_for` applies: the published effects (weight scaling is
the set's own; sex, Sigtermans 2009; age on hepatic blood flow, Perez-Ruixo
2021), the illustrative switches (CYP2B6, hepatic impairment) and the
co-medications (:mod:`simulator.literature.interactions`), each with its source
in :mod:`simulator.literature`. The switches and co-medications act on hepatic
intrinsic clearance; :func:`simulator.pk.model_for` turns that into clearance
and first-pass availability.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import numpy as np

from ._validate import check_choice, check_number
from .literature.core import ParameterSet
from .literature.covariates import CYP2B6_POOR_CLEARANCE, HEPATIC_CLEARANCE
from .literature.interactions import COMEDICATIONS, INTERACTIONS

__all__ = [
    "AGE_LIMITS_Y",
    "EFFECT_LIMITS",
    "EFFECT_NAMES",
    "HEIGHT_LIMITS_CM",
    "SEXES",
    "WEIGHT_LIMITS_KG",
    "Patient",
    "RandomEffects",
    "covariate_factors",
]

SEXES = ("female", "male")

#: Hard limits: values outside these are impossible or meaningless for a person
#: and raise. Each parameter set has its own, narrower validity range that only
#: warns (see :meth:`simulator.literature.ParameterSet.check_patient`).
WEIGHT_LIMITS_KG = (0.5, 300.0)
AGE_LIMITS_Y = (0.0, 120.0)
HEIGHT_LIMITS_CM = (30.0, 250.0)


#: Limits of a random-effect multiplier (far outside any published variability; they only catch nonsense).
EFFECT_LIMITS = (1e-3, 1e3)


@dataclass(frozen=True, kw_only=True)
class RandomEffects:
    """One individual's multipliers on the typical parameters (1 = typical), drawn by a virtual population.

    Parameters
    ----------
    clearance, central_volume, peripheral_volume, absorption, metabolite_clearance : float
        Multipliers exp(eta) on the parent's clearance, central and peripheral
        volumes, every absorption rate, and the metabolite's clearance; each in [1e-3, 1e3].
    sensitivity : float
        Multiplier on the toy plasticity chain's sensitivity (illustrative), in [1e-3, 1e3]. A virtual
        population draws it log-normal, times a small factor for its toy non-responders.
    comparator_sensitivity : float
        Multiplier on the toy comparator arms (conventional antidepressant, placebo; illustrative), in
        [1e-3, 1e3]; not used by the ketamine chain. Drawn independently of ``sensitivity``: the toy says
        nothing about whether one person responds to both.
    acute_sensitivity : float
        Multiplier on the concentration the toy acute-effect links see (illustrative), in [1e-3, 1e3].
    """

    clearance: float = 1.0
    central_volume: float = 1.0
    peripheral_volume: float = 1.0
    absorption: float = 1.0
    metabolite_clearance: float = 1.0
    sensitivity: float = 1.0
    comparator_sensitivity: float = 1.0
    acute_sensitivity: float = 1.0

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(
                self,
                f.name,
                check_number(f"random_effects.{f.name}", getattr(self, f.name), low=EFFECT_LIMITS[0], high=EFFECT_LIMITS[1]),
            )


#: Names of the random effects, in order.
EFFECT_NAMES = tuple(f.name for f in fields(RandomEffects))


@dataclass(frozen=True, kw_only=True)
class Patient:
    """One (virtual) patient, described by the covariates the PK sets use.

    Parameters
    ----------
    weight_kg : float
        Total body weight, kg, in [0.5, 300].
    age_y : float
        Age in years, in [0, 120].
    sex : {"female", "male"}
        Sex; used by covariate models that state a sex effect.
    height_cm : float or None
        Height in cm, in [30, 250]; optional.
    cyp2b6 : {"normal", "poor"}
        Illustrative switch: a CYP2B6 poor metaboliser's intrinsic clearance of
        ketamine is 30% lower (in vitro evidence; no change in vivo after a low oral
        dose, Rao 2016); as ketamine is high-extraction, mostly oral exposure rises.
    hepatic_impairment : {"none", "mild", "moderate"}
        Illustrative switch lowering hepatic (intrinsic) clearance.
    random_effects : RandomEffects
        The individual's multipliers on typical parameters (default: typical).
    comedication : None, str or tuple of str
        Co-medications from :data:`simulator.literature.interactions.COMEDICATIONS` (None: none). Stored as a
        sorted tuple of lower-case names, so equal inputs give equal (and equally hashed) patients.

    Examples
    --------
    >>> Patient(weight_kg=70.0, age_y=40, sex="female").weight_kg
    70.0
    """

    weight_kg: float = 70.0
    age_y: float = 40.0
    sex: str = "male"
    height_cm: float | None = None
    cyp2b6: str = "normal"
    hepatic_impairment: str = "none"
    random_effects: RandomEffects = field(default_factory=RandomEffects)
    comedication: tuple[str, ...] | str | None = None

    def __post_init__(self):
        if not isinstance(self.random_effects, RandomEffects):
            raise TypeError(f"random_effects must be a simulator.patient.RandomEffects, got {type(self.random_effects).__name__}")
        object.__setattr__(
            self, "weight_kg", check_number("weight_kg", self.weight_kg, low=WEIGHT_LIMITS_KG[0], high=WEIGHT_LIMITS_KG[1])
        )
        object.__setattr__(self, "age_y", check_number("age_y", self.age_y, low=AGE_LIMITS_Y[0], high=AGE_LIMITS_Y[1]))
        check_choice("sex", self.sex, SEXES)
        check_choice("cyp2b6", self.cyp2b6, ("normal", "poor"))
        check_choice("hepatic_impairment", self.hepatic_impairment, ("none", "mild", "moderate"))
        if self.height_cm is not None:
            object.__setattr__(
                self, "height_cm", check_number("height_cm", self.height_cm, low=HEIGHT_LIMITS_CM[0], high=HEIGHT_LIMITS_CM[1])
            )
        object.__setattr__(self, "comedication", _comedications(self.comedication))

    @property
    def benefit_factor(self) -> float:
        """Product of the co-medications' factors on the toy antidepressant chain's sensitivity (1: none)."""
        return float(np.prod([INTERACTIONS[name].benefit_factor for name in self.comedication]))


def _comedications(value) -> tuple:
    """Return ``comedication`` as a sorted tuple of known lower-case names (None: empty)."""
    if value is None:
        return ()
    names = (value,) if isinstance(value, str) else value
    if not isinstance(names, (tuple, list)) or not all(isinstance(n, str) for n in names):
        raise TypeError(f"comedication must be None, a name or a tuple of names from {list(COMEDICATIONS)}, got {value!r}")
    names = tuple(check_choice(f"comedication[{i}]", n.strip().lower(), COMEDICATIONS) for i, n in enumerate(names))
    if len(set(names)) != len(names):
        raise ValueError(f"comedication must name each co-medication once, got {value!r}")
    return tuple(sorted(names))


def covariate_factors(pk_set, patients) -> dict:
    """Return, for each patient, the multipliers that covariates and random effects put on a set's parameters.

    Parameters
    ----------
    pk_set : ParameterSet
        The published set (its sex and age effects, if any).
    patients : sequence of Patient
        One or more patients.

    Returns
    -------
    dict of numpy.ndarray
        One value per patient: ``weight_kg``; ``clearance`` (systemic factor on the parent's baseline
        clearance: sex x random effect); ``intrinsic_clearance`` (the switches' factor on hepatic intrinsic
        clearance: hepatic impairment x CYP2B6 x co-medications); ``gut_availability`` (the co-medications'
        factor on gut-wall availability); ``metabolite_clearance`` (sex x random effect); ``central_volume``,
        ``peripheral_volume``, ``absorption``, ``sensitivity``, ``comparator_sensitivity`` (random effects); and
        ``hepatic_flow_change_l_per_min`` (age above 60 on hepatic blood flow, where the set says so).

    Raises
    ------
    TypeError
        If ``pk_set`` is not a ParameterSet or ``patients`` not a non-empty list or tuple of Patient.
    """
    if not isinstance(pk_set, ParameterSet):
        raise TypeError(f"pk_set must be a simulator.literature.ParameterSet, got {type(pk_set).__name__}")
    if not isinstance(patients, (list, tuple)) or not patients:
        raise TypeError(f"patients must be a non-empty list or tuple of simulator.Patient, got {patients!r}")
    for i, p in enumerate(patients):
        if not isinstance(p, Patient):
            raise TypeError(f"patients[{i}] must be a simulator.Patient, got {type(p).__name__}")
    female = pk_set.female_clearance.value if pk_set.female_clearance is not None else 1.0
    sex = np.array([female if p.sex == "female" else 1.0 for p in patients])
    switches = np.array(
        [
            HEPATIC_CLEARANCE[p.hepatic_impairment].value
            * (CYP2B6_POOR_CLEARANCE.value if p.cyp2b6 == "poor" else 1.0)
            * math.prod((INTERACTIONS[name].intrinsic_clearance for name in p.comedication), start=1.0)
            for p in patients
        ]
    )
    gut = np.array([math.prod((INTERACTIONS[name].gut_availability for name in p.comedication), start=1.0) for p in patients])
    effects = {name: np.array([getattr(p.random_effects, name) for p in patients]) for name in EFFECT_NAMES}
    slope = 0.0 if pk_set.hepatic_flow_age_slope is None else pk_set.hepatic_flow_age_slope.value / 60.0  # L/h/y -> L/min/y
    return {
        "weight_kg": np.array([p.weight_kg for p in patients]),
        "clearance": sex * effects["clearance"],
        "intrinsic_clearance": switches,
        "gut_availability": gut,
        "metabolite_clearance": sex * effects["metabolite_clearance"],
        "central_volume": effects["central_volume"],
        "peripheral_volume": effects["peripheral_volume"],
        "absorption": effects["absorption"],
        "sensitivity": effects["sensitivity"],
        "comparator_sensitivity": effects["comparator_sensitivity"],
        "hepatic_flow_change_l_per_min": slope * np.array([max(p.age_y - 60.0, 0.0) for p in patients]),
    }
