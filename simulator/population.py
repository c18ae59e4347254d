"""Patients: the covariates that the pharmacokinetic parameter sets use.

A :class:`Patient` is a frozen, validated record. Covariate *effects* (weight
scaling, paediatric maturation) belong to each published parameter set in
:mod:`simulator.literature`; this module only holds and checks the values.
"""

from __future__ import annotations

from dataclasses import dataclass

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
