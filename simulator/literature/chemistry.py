"""Molar masses of the free bases and salts, from their molecular formulas.

Each molar mass is the sum of the standard atomic weights (IUPAC 2021,
Prohaska 2022) over the molecular formula, rounded to 0.01 g/mol.
"""

from __future__ import annotations

from types import MappingProxyType

from .core import Citation, Sourced

__all__ = ["HCL_G_PER_MOL", "IUPAC_2021", "KETAMINE_HCL_G_PER_MOL", "MOLAR_MASSES", "MOLAR_MASS_G_PER_MOL"]

IUPAC_2021 = Citation(
    "Prohaska T, Irrgeher J, Benefield J, et al.",
    2022,
    "Standard atomic weights of the elements 2021 (IUPAC Technical Report)",
    "Pure Appl Chem 2022;94:573-600",
    doi="10.1515/pac-2019-0603",
    table="Table 1: C 12.011, H 1.008, N 14.007, O 15.999, Cl 35.45",
)

#: Free base (or salt) -> molar mass with its formula, g/mol.
MOLAR_MASSES = MappingProxyType(
    {
        "ketamine": Sourced(237.73, "g/mol", IUPAC_2021, "C13H16ClNO"),
        "norketamine": Sourced(223.70, "g/mol", IUPAC_2021, "C12H14ClNO"),
        "hydroxynorketamine": Sourced(239.70, "g/mol", IUPAC_2021, "C12H14ClNO2"),
        "dehydronorketamine": Sourced(221.68, "g/mol", IUPAC_2021, "C12H12ClNO"),
        "memantine": Sourced(179.31, "g/mol", IUPAC_2021, "C12H21N"),
        "mk801": Sourced(221.30, "g/mol", IUPAC_2021, "C16H15N (dizocilpine)"),
        "hydrochloric acid": Sourced(36.46, "g/mol", IUPAC_2021, "HCl"),
    }
)
#: Molar mass of each species' free base, g/mol (the values of :data:`MOLAR_MASSES`).
MOLAR_MASS_G_PER_MOL = MappingProxyType({name: s.value for name, s in MOLAR_MASSES.items() if name != "hydrochloric acid"})
#: Molar mass of hydrochloric acid, g/mol.
HCL_G_PER_MOL = MOLAR_MASSES["hydrochloric acid"].value
#: Molar mass of ketamine hydrochloride (C13H17Cl2NO), g/mol.
KETAMINE_HCL_G_PER_MOL = MOLAR_MASS_G_PER_MOL["ketamine"] + HCL_G_PER_MOL
