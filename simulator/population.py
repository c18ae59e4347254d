"""Patients: the covariates that the pharmacokinetic parameter sets use.

A :class:`Patient` is a frozen, validated record. Covariate *effects* (weight
scaling, paediatric maturation) belong to each published parameter set in
:mod:`simulator.literature`; this module only holds and checks the values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import check_choice, check_number

SEXES = ("female", "male")

#: Hard limits: values outside these are impossible or meaningless for a person
#: and raise. Each parameter set has its own, narrower validity range that only
#: warns (see :meth:`simulator.literature.ParameterSet.check_patient`).
WEIGHT_LIMITS_KG = (0.5, 300.0)
AGE_LIMITS_Y = (0.0, 120.0)
HEIGHT_LIMITS_CM = (30.0, 250.0)


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
        Illustrative switch: a CYP2B6 poor metaboliser clears ketamine 30% more
        slowly (in vitro evidence; no change in vivo after a low oral dose, Rao 2016).
    hepatic_impairment : {"none", "mild", "moderate"}
        Illustrative switch lowering hepatic clearance.

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

    def __post_init__(self):
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


# ----------------------------------------------------------------------------- virtual populations


@dataclass(frozen=True)
class VirtualPatients:
    """Draws for a virtual population: covariates and log-normal random effects.

    Attributes
    ----------
    patients : tuple of Patient
        Covariates of each virtual patient.
    effects : dict
        Random-effect multipliers exp(eta), one array of length n each:
        ``clearance``, ``central_volume``, ``peripheral_volume``, ``absorption``,
        ``metabolite_clearance``, ``sensitivity``.
    variability : Variability
        The coefficients of variation used (with their sources).
    """

    patients: tuple
    effects: dict
    variability: object

    def __len__(self) -> int:
        return len(self.patients)


def _covariate(name, spec, n, rng, limits):
    """Return n values: a fixed value, a (low, high) uniform range, or one value per patient."""
    if isinstance(spec, tuple) and len(spec) == 2:
        low = check_number(f"{name}[0]", spec[0], low=limits[0], high=limits[1])
        high = check_number(f"{name}[1]", spec[1], low=low, high=limits[1])
        return rng.uniform(low, high, n)
    values = np.asarray(spec, dtype=float)
    if values.ndim == 0:
        return np.full(n, check_number(name, float(values), low=limits[0], high=limits[1]))
    if values.shape != (n,):
        raise ValueError(f"{name} must be a number, a (low, high) range or {n} values, got shape {values.shape}")
    return values


def _fraction(name, value):
    return check_number(name, value, low=0.0, high=1.0)


def draw_population(
    n: int,
    seed,
    *,
    variability,
    weight_kg=70.0,
    age_y=40.0,
    female_fraction: float = 0.0,
    cyp2b6_poor_fraction: float = 0.0,
    hepatic_impairment: str = "none",
) -> VirtualPatients:
    """Draw ``n`` virtual patients reproducibly from ``seed``.

    Parameters
    ----------
    n : int
        Number of patients, 1 to 100 000.
    seed : int or numpy.random.Generator
        The only source of randomness: the same seed gives the same patients.
    variability : Variability
        Coefficients of variation of the random effects (omega^2 = ln(1 + CV^2)).
    weight_kg, age_y : float, (low, high) or array of n
        Fixed value, uniform range or given values.
    female_fraction, cyp2b6_poor_fraction : float
        Probability that a patient is female / a CYP2B6 poor metaboliser.
    hepatic_impairment : {"none", "mild", "moderate"}
        For every patient.

    Returns
    -------
    VirtualPatients
    """
    from ._validate import check_int

    n = check_int("n", n, low=1, high=100_000)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(check_int("seed", seed, low=0))
    weights = _covariate("weight_kg", weight_kg, n, rng, WEIGHT_LIMITS_KG)
    ages = _covariate("age_y", age_y, n, rng, AGE_LIMITS_Y)
    female = rng.random(n) < _fraction("female_fraction", female_fraction)
    poor = rng.random(n) < _fraction("cyp2b6_poor_fraction", cyp2b6_poor_fraction)
    patients = tuple(
        Patient(
            weight_kg=float(w),
            age_y=float(a),
            sex="female" if f else "male",
            cyp2b6="poor" if p else "normal",
            hepatic_impairment=hepatic_impairment,
        )
        for w, a, f, p in zip(weights, ages, female, poor, strict=True)
    )
    effects = {}
    for name in ("clearance", "central_volume", "peripheral_volume", "absorption", "metabolite_clearance", "sensitivity"):
        cv = check_number(f"variability.{name}", getattr(variability, name), low=0.0, high=5.0)
        omega = np.sqrt(np.log1p(cv * cv))
        effects[name] = np.exp(omega * rng.standard_normal(n))
    return VirtualPatients(patients, effects, variability)
