"""Covariate switches and inter-individual variability, with sources.

Covariate effects are written as the sources write them. Where a number is our
assumption (an extrapolation or an illustrative switch) the note says so.
Coefficients of variation (CV) come from published population models where
they exist; the others are labelled illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .core import Citation, Sourced
from .plasticity_constants import KISHIMOTO_2016, Illustrative
from .sets import FEMALE_CLEARANCE, HERD_2007, PEREZ_RUIXO_2021, QH_AGE_SLOPE, SIGTERMANS_2009

RAO_2016 = Citation(
    "Rao LK, Flaker AM, Friedel CC, Kharasch ED",
    2016,
    "Role of cytochrome P4502B6 polymorphisms in ketamine metabolism and clearance",
    "Anesthesiology 2016;125:1103-1112",
    doi="10.1097/ALN.0000000000001392",
    table="abstract: no difference between CYP2B6 *1/*1, *1/*6, *6/*6 after a low oral dose (n = 10 each)",
)

#: Illustrative switch: CYP2B6 poor metaboliser. In vitro, *6/*6 liver microsomes demethylate ketamine
#: several-fold more slowly; in vivo Rao 2016 found no change after a low oral dose. The evidence is weak.
CYP2B6_POOR_CLEARANCE = Sourced(
    0.7, "factor", RAO_2016, "ILLUSTRATIVE: no in vivo change was found (Rao 2016); shows what a slower metabolism would do"
)
#: Illustrative switch: hepatic impairment lowers hepatic (intrinsic) clearance.
HEPATIC_CLEARANCE = MappingProxyType(
    {
        "none": Sourced(1.0, "factor", PEREZ_RUIXO_2021, "reference"),
        "mild": Sourced(0.85, "factor", PEREZ_RUIXO_2021, "ILLUSTRATIVE: clearance is hepatic (well-stirred liver model)"),
        "moderate": Sourced(0.5, "factor", PEREZ_RUIXO_2021, "ILLUSTRATIVE: about twice the exposure"),
    }
)


@dataclass(frozen=True)
class Variability:
    """Coefficients of variation of the log-normal random effects, with their sources.

    Parameters
    ----------
    clearance, central_volume, peripheral_volume, absorption, metabolite_clearance, sensitivity : float
        CV (0.3 = 30%) of each random effect. ``sensitivity`` is the toy plasticity chain's.
    source : str
        Where the CVs come from, and which are illustrative.
    """

    clearance: float
    central_volume: float
    peripheral_volume: float
    absorption: float
    metabolite_clearance: float
    sensitivity: float
    source: str

    def scaled(self, factor: float) -> Variability:
        """Return every CV times ``factor`` (0 removes the variability)."""
        return Variability(*(factor * getattr(self, name) for name in _CV_NAMES), source=f"{self.source} (all CVs x {factor:g})")


_CV_NAMES = ("clearance", "central_volume", "peripheral_volume", "absorption", "metabolite_clearance", "sensitivity")

SENSITIVITY_CV = Illustrative(0.3, "CV", "responders and non-responders differ after the same infusion", KISHIMOTO_2016)

VARIABILITY = MappingProxyType(
    {
        "herd_2007": Variability(
            0.381,
            0.64,
            0.517,
            0.5,
            0.3,
            SENSITIVITY_CV.value,
            f"Herd 2007 BSV: CL 38.1%, V1 64%, V2 51.7% (doi:{HERD_2007.doi}); "
            "absorption, metabolite and sensitivity illustrative",
        ),
        "perez_ruixo_2021": Variability(
            0.232,
            0.275,
            0.493,
            0.615,
            0.254,
            SENSITIVITY_CV.value,
            "Perez-Ruixo 2021 Table 3: Qh 23.2% (used for clearance), Vc 27.5%, Vp1 49.3%, ka,n 61.5%, CLn/F 25.4%; "
            "sensitivity illustrative",
        ),
    }
)
#: Sets without published variability in our sources: illustrative CVs in the range of the published ones
#: (Fanta 2015: CL 13%; Herd 2007: CL 38%, V1 64%).
ILLUSTRATIVE_VARIABILITY = Variability(
    0.3, 0.3, 0.4, 0.5, 0.3, SENSITIVITY_CV.value, "ILLUSTRATIVE CVs in the published range (Fanta 2015, Herd 2007)"
)


def variability_for(name: str) -> Variability:
    """Return the CVs for parameter set ``name`` (published where available, else illustrative)."""
    return VARIABILITY.get(name, ILLUSTRATIVE_VARIABILITY)


__all__ = [
    "CYP2B6_POOR_CLEARANCE",
    "FEMALE_CLEARANCE",
    "HEPATIC_CLEARANCE",
    "QH_AGE_SLOPE",
    "SIGTERMANS_2009",
    "Variability",
    "variability_for",
]
