"""Covariate switches and inter-individual variability, with sources.

Covariate effects are written as the sources write them. Where a number is our
assumption (an extrapolation or an illustrative switch) the note says so.
Coefficients of variation (CV) come from published population models where
they exist; the others are labelled illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .._validate import check_choice, check_number
from .core import Citation, Sourced
from .plasticity_constants import HAN_2016, MURROUGH_2013, TRIVEDI_2006, Illustrative
from .products import SPRAVATO_LABEL
from .sets import FEMALE_CLEARANCE, HERD_2007, PEREZ_RUIXO, PEREZ_RUIXO_2021, QH_AGE_SLOPE, SETS, SIGTERMANS_2009

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
#: Illustrative switch: hepatic impairment lowers hepatic (intrinsic) clearance. The Spravato label (8.6)
#: says only that esketamine AUC and half-life were higher in moderate impairment (Child-Pugh B) and that
#: severe impairment was not studied; Perez-Ruixo 2021 kept no liver covariate. The factors are invented.
HEPATIC_CLEARANCE = MappingProxyType(
    {
        "none": Sourced(1.0, "factor", SPRAVATO_LABEL, "reference"),
        "mild": Sourced(0.85, "factor", SPRAVATO_LABEL, "ILLUSTRATIVE, invented: the label reports no change in mild"),
        "moderate": Sourced(
            0.5, "factor", SPRAVATO_LABEL, "ILLUSTRATIVE, invented size: the label reports higher AUC and half-life"
        ),
    }
)


_PR = PEREZ_RUIXO.parent.values
_PR_INTRINSIC_L_PER_H = (_PR["kel"] + _PR["kmet"]) * _PR["Vh"]  # well-stirred intrinsic clearance of the hepato-portal part
#: Hepatic extraction ratio E0 of ketamine at baseline, used by the racemic sets (central elimination) to
#: turn the switches and co-medications, which act on intrinsic clearance, into changes of systemic clearance
#: and of first-pass availability (well-stirred liver, :func:`simulator.pk.model_for`). Derived from the
#: typical values of Perez-Ruixo 2021 Table 3 for esketamine: CLint = (kel + kmet) Vh = 392 L/h against
#: Qh 151 L/h gives E = CLint / (Qh + CLint) = 0.72. No published extraction ratio for racemic ketamine was
#: found; the usual description "high extraction, about 0.8-0.9" cannot hold with an oral F of 0.24, which
#: needs E0 <= 0.76 (F = Fa Fg (1 - E0)), and E0 >= 0.86 would make the 14% fall of IV AUC under rifampicin
#: (Peltoniemi 2012) impossible. At 0.72, absorption and gut wall pass Fa Fg = 0.24 / 0.28 = 0.86.
HEPATIC_EXTRACTION = Sourced(
    _PR_INTRINSIC_L_PER_H / (_PR["Qh"] + _PR_INTRINSIC_L_PER_H),
    "fraction",
    PEREZ_RUIXO_2021,
    "derived from the esketamine hepato-portal compartment ((kel + kmet) Vh / (Qh + (kel + kmet) Vh), Table 3); "
    "assumed for racemic ketamine; inside the bounds 0.76 (oral F 0.24) and 0.86 (rifampicin IV -14%)",
)

#: Spread of the toy acute-effect links' sensitivity (log-normal CV).
ACUTE_SENSITIVITY_CV = Illustrative(
    0.3,
    "CV",
    "INVENTED spread of the concentration the toy acute links respond to, on top of the pharmacokinetic spread: "
    "at the same esketamine dose some patients dissociate clearly and others hardly (61-84% had a CADSS rise "
    "above 4, manufacturer information, B); no published CV was used",
    SPRAVATO_LABEL,
)


@dataclass(frozen=True)
class Variability:
    """Coefficients of variation of the log-normal random effects, with their sources.

    Parameters
    ----------
    clearance, central_volume, peripheral_volume, absorption, metabolite_clearance : float
        CV (0.3 = 30%) of each pharmacokinetic random effect.
    sensitivity : float
        CV of the toy plasticity chain's sensitivity among patients who are not toy non-responders.
    comparator_sensitivity : float
        CV of the toy sensitivity to the comparator arms (conventional antidepressant, placebo), drawn
        independently of ``sensitivity``.
    nonresponder_fraction : float
        Probability (0-1) that a virtual patient is a toy non-responder to ketamine: the chain's sensitivity
        is multiplied by ``NONRESPONDER_SENSITIVITY``.
    source : str
        Where the CVs come from, and which are illustrative.
    acute_sensitivity : float
        CV of the toy acute-effect links' sensitivity (default ``ACUTE_SENSITIVITY_CV``, invented).
    """

    clearance: float
    central_volume: float
    peripheral_volume: float
    absorption: float
    metabolite_clearance: float
    sensitivity: float
    comparator_sensitivity: float
    nonresponder_fraction: float
    source: str
    acute_sensitivity: float = ACUTE_SENSITIVITY_CV.value

    def __post_init__(self):
        for name in _CV_NAMES:  # finite and >= 0 (simulator.population.draw_population also caps them)
            object.__setattr__(self, name, check_number(f"variability.{name}", getattr(self, name), low=0.0))
        fraction = check_number("variability.nonresponder_fraction", self.nonresponder_fraction, low=0.0, high=1.0)
        object.__setattr__(self, "nonresponder_fraction", fraction)
        if not isinstance(self.source, str):
            raise TypeError(f"variability.source must be a string (where the CVs come from), got {self.source!r}")

    def scaled(self, factor: float) -> Variability:
        """Return every CV times ``factor`` (finite, >= 0; 0 removes the variability).

        The non-responder fraction is a probability, not a CV: it is multiplied by ``factor`` up to 1 (0 removes
        the non-responders; any factor of 1 or more keeps the stated fraction).
        """
        factor = check_number("factor", factor, low=0.0)
        cvs = {name: factor * getattr(self, name) for name in _CV_NAMES}
        return Variability(
            **cvs,
            nonresponder_fraction=min(factor, 1.0) * self.nonresponder_fraction,
            source=f"{self.source} (all CVs x {factor:g})",
        )


_CV_NAMES = (
    "clearance",
    "central_volume",
    "peripheral_volume",
    "absorption",
    "metabolite_clearance",
    "sensitivity",
    "comparator_sensitivity",
    "acute_sensitivity",
)

SENSITIVITY_CV = Illustrative(
    0.6,
    "CV",
    "INVENTED spread of the toy chain's sensitivity among patients who respond at all: with the non-responders, "
    "45-65% of virtual patients in toy response 24 h after one infusion (52.2% in the ketamine arms at 24 h) "
    "and 55-85% a day after a course of six",
    HAN_2016,
)
NONRESPONDER_FRACTION = Illustrative(
    0.3,
    "fraction",
    "INVENTED share of toy non-responders: with the spread of the others, 55-85% of virtual patients in toy "
    "response a day after six infusions (70.8% responders at the end of the course; 29% did not respond)",
    MURROUGH_2013,
)
NONRESPONDER_SENSITIVITY = Illustrative(
    0.1,
    "factor",
    "INVENTED: a toy non-responder's chain gets a tenth of the sensitivity, so it improves a little but does not "
    "reach response even after a course of six (29% of the patients in the course did not respond)",
    MURROUGH_2013,
)
COMPARATOR_SENSITIVITY_CV = Illustrative(
    1.0,
    "CV",
    "INVENTED spread of the toy sensitivity to the comparator arms: the toy SSRI arm brings some patients to "
    "response within weeks and others not at all (STAR*D level 1: 47% response by exit, many at or after 8 "
    "weeks), and the toy midazolam arm about 18-28% at 24 h",
    TRIVEDI_2006,
)

VARIABILITY = MappingProxyType(
    {
        "herd_2007": Variability(
            0.381,
            0.64,
            0.517,
            0.5,
            0.3,
            SENSITIVITY_CV.value,
            COMPARATOR_SENSITIVITY_CV.value,
            NONRESPONDER_FRACTION.value,
            f"Herd 2007 BSV: CL 38.1%, V1 64%, V2 51.7% (doi:{HERD_2007.doi}); "
            "absorption, metabolite and the toy sensitivities illustrative",
        ),
        "perez_ruixo_2021": Variability(
            0.232,
            0.275,
            0.493,
            0.615,
            0.254,
            SENSITIVITY_CV.value,
            COMPARATOR_SENSITIVITY_CV.value,
            NONRESPONDER_FRACTION.value,
            "Perez-Ruixo 2021 Table 3: Qh 23.2% (used for clearance), Vc 27.5%, Vp1 49.3%, ka,n 61.5%, CLn/F 25.4%; "
            "the toy sensitivities illustrative",
        ),
    }
)
#: Sets without published variability in our sources: illustrative CVs in the range of the published ones
#: (Fanta 2015: CL 13%; Herd 2007: CL 38%, V1 64%).
ILLUSTRATIVE_VARIABILITY = Variability(
    0.3,
    0.3,
    0.4,
    0.5,
    0.3,
    SENSITIVITY_CV.value,
    COMPARATOR_SENSITIVITY_CV.value,
    NONRESPONDER_FRACTION.value,
    "ILLUSTRATIVE CVs in the published range (Fanta 2015, Herd 2007); the toy sensitivities illustrative",
)


def variability_for(name: str) -> Variability:
    """Return the CVs for registered parameter set ``name`` (published where available, else illustrative)."""
    check_choice("name", name, tuple(sorted(SETS)))
    return VARIABILITY.get(name, ILLUSTRATIVE_VARIABILITY)


__all__ = [
    "ACUTE_SENSITIVITY_CV",
    "CYP2B6_POOR_CLEARANCE",
    "FEMALE_CLEARANCE",
    "HEPATIC_CLEARANCE",
    "HEPATIC_EXTRACTION",
    "QH_AGE_SLOPE",
    "SIGTERMANS_2009",
    "Variability",
    "variability_for",
]
