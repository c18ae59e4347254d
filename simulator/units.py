"""Molar masses, salt/base conversion and concentration units.

Every conversion between a published unit and the package's internal units
(amounts in mg, volumes in L, time in minutes, concentrations in mg/L) happens
here, so that it is visible and tested in one place.

Molar masses come from :mod:`simulator.literature.chemistry` (IUPAC 2021
standard atomic weights over the molecular formulas).
"""

from __future__ import annotations

import numpy as np

from ._validate import check_choice
from .literature.chemistry import KETAMINE_HCL_G_PER_MOL, MOLAR_MASS_G_PER_MOL

__all__ = ["CONCENTRATION_UNITS", "SALTS", "base_fraction", "convert_concentration", "to_mg_per_l"]

SALTS = ("base", "hcl")
CONCENTRATION_UNITS = ("mg/L", "ng/mL", "uM")


def base_fraction(salt: str) -> float:
    """Return the mass fraction of ketamine base in the stated form.

    Parameters
    ----------
    salt : {"base", "hcl"}
        ``"base"``: the amount is ketamine base; ``"hcl"``: the amount is
        ketamine hydrochloride (0.867 mg base per mg salt).

    Returns
    -------
    float
        mg of base per mg of the stated form.
    """
    check_choice("salt", salt, SALTS)
    if salt == "base":
        return 1.0
    return MOLAR_MASS_G_PER_MOL["ketamine"] / KETAMINE_HCL_G_PER_MOL


def convert_concentration(values_mg_per_l, unit: str, species: str = "ketamine"):
    """Convert concentrations from mg/L (internal) to ``unit``.

    Parameters
    ----------
    values_mg_per_l : array_like
        Concentrations in mg/L of the free base.
    unit : {"mg/L", "ng/mL", "uM"}
        Target unit. mg/L and ng/mL differ by 1000; micromolar uses the
        species' molar mass.
    species : str
        Key of :data:`MOLAR_MASS_G_PER_MOL`, needed for "uM".

    Returns
    -------
    numpy.ndarray or float
        Converted values.
    """
    check_choice("unit", unit, CONCENTRATION_UNITS)
    check_choice("species", species, tuple(MOLAR_MASS_G_PER_MOL))
    values = np.asarray(values_mg_per_l, dtype=float)
    if unit == "mg/L":
        out = values
    elif unit == "ng/mL":
        out = values * 1000.0
    else:  # mg/L = g/m^3; / (g/mol) = mmol/m^3 = umol/L
        out = values * 1000.0 / MOLAR_MASS_G_PER_MOL[species]
    return out if out.ndim else float(out)


def to_mg_per_l(values, unit: str, species: str = "ketamine"):
    """Convert concentrations from ``unit`` to mg/L (inverse of :func:`convert_concentration`).

    Parameters
    ----------
    values : array_like
        Concentrations in ``unit``.
    unit : {"mg/L", "ng/mL", "uM"}
        Unit of ``values``.
    species : str
        Key of :data:`MOLAR_MASS_G_PER_MOL`, needed for "uM".

    Returns
    -------
    numpy.ndarray or float
        Concentrations in mg/L.
    """
    factor = convert_concentration(1.0, unit, species)
    out = np.asarray(values, dtype=float) / factor
    return out if out.ndim else float(out)
