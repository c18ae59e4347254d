"""Molar masses, salt/base conversion and concentration units.

Every conversion between a published unit and the package's internal units
(amounts in mg, volumes in L, time in minutes, concentrations in mg/L) happens
here, so that it is visible and tested in one place.

Molar masses come from :mod:`simulator.literature.chemistry` (IUPAC 2021
standard atomic weights over the molecular formulas).
"""

from __future__ import annotations

import numpy as np

from ._validate import check_choice, check_nonnegative
from .literature.chemistry import KETAMINE_HCL_G_PER_MOL, MOLAR_MASS_G_PER_MOL

__all__ = [
    "CONCENTRATION_UNITS",
    "KETAMINE_HCL_G_PER_MOL",
    "MOLAR_MASS_G_PER_MOL",
    "SALTS",
    "base_fraction",
    "convert_concentration",
    "to_mg_per_l",
]

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
        Concentrations in mg/L of the free base: finite and >= 0.
    unit : {"mg/L", "ng/mL", "uM"}
        Target unit. mg/L and ng/mL differ by 1000; micromolar uses the
        species' molar mass.
    species : str
        Key of :data:`MOLAR_MASS_G_PER_MOL`, needed for "uM".

    Returns
    -------
    numpy.ndarray or float
        Converted values.

    Raises
    ------
    TypeError
        If the values are not numbers, or ``unit`` or ``species`` is not a string.
    ValueError
        If a value is negative, NaN or infinite, or ``unit`` or ``species`` is unknown.
    """
    check_choice("unit", unit, CONCENTRATION_UNITS)
    check_choice("species", species, tuple(MOLAR_MASS_G_PER_MOL))
    values = _concentrations("values_mg_per_l", values_mg_per_l)
    if unit == "mg/L":
        out = values.copy()  # a new array in every unit: changing the result never changes the input
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
        Concentrations in ``unit``: finite and >= 0.
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
    out = _concentrations("values", values) / factor
    return out if out.ndim else float(out)


def _concentrations(name: str, values) -> np.ndarray:
    """Return ``values`` as a float array after checking that every value is finite and >= 0 (one min and one max)."""
    if isinstance(values, float) and 0.0 <= values < np.inf:
        return np.asarray(values, dtype=float)  # the common scalar (a unit factor): no array checks
    if isinstance(values, (bool, np.bool_)):
        raise TypeError(f"{name} must be a number or an array of numbers, got {values!r}")
    try:
        shape = np.shape(values)
    except ValueError:  # a ragged nesting of sequences
        raise TypeError(f"{name} must be a number or an array of numbers, got a ragged {type(values).__name__}") from None
    return check_nonnegative(name, values, shape)
