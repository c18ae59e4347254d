"""Co-medications that change ketamine's kinetics or the toy antidepressant benefit, with their sources.

Each :class:`Interaction` says what a co-medication does in the model: a factor on hepatic intrinsic clearance
and one on gut-wall availability (the pharmacokinetic interactions; :func:`simulator.pk.model_for` turns them
into clearance and first-pass availability through a well-stirred liver with the baseline extraction
:data:`~simulator.literature.covariates.HEPATIC_EXTRACTION`), or a factor on the toy antidepressant chain's
sensitivity (a pharmacodynamic interaction). The published findings are for S-ketamine in healthy volunteers;
the model assumes them for racemic ketamine too. Each note says which published number each factor is
calibrated to, and which model outputs are consequences nobody measured. Teaching model: illustrative, not for
dosing.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .._validate import check_choice, check_number
from .core import Citation
from .covariates import HEPATIC_EXTRACTION

__all__ = [
    "ANDRASHKO_2020",
    "COMEDICATIONS",
    "FEENEY_2023",
    "HAGELBERG_2010",
    "INTERACTIONS",
    "INTERACTION_GRADES",
    "INTERACTION_KINDS",
    "PELTONIEMI_2011",
    "PELTONIEMI_2012",
    "Interaction",
]

#: What a co-medication does: speeds up (inducer) or slows (inhibitor) ketamine's metabolism, or changes
#: its effect without changing its concentrations (pharmacodynamic).
INTERACTION_KINDS = ("inducer", "inhibitor", "pharmacodynamic")
#: Grade of the published finding an interaction is calibrated to (the words of
#: docs/literature_checks_grades.md, plus "contested" where published studies disagree).
INTERACTION_GRADES = ("A", "B", "not verified", "contested")

PELTONIEMI_2012 = Citation(
    "Peltoniemi MA, Saari TI, Hagelberg NM, et al.",
    2012,
    "Rifampicin has a profound effect on the pharmacokinetics of oral S-ketamine and less on intravenous S-ketamine",
    "Basic Clin Pharmacol Toxicol 2012;111:325-332",
    doi="10.1111/j.1742-7843.2012.00908.x",
    table="abstract: 11 volunteers, rifampicin 600 mg or placebo for 6 days; S-ketamine AUC(0-inf) -14% after "
    "0.1 mg/kg IV and -86% after 0.3 mg/kg oral",
)
HAGELBERG_2010 = Citation(
    "Hagelberg NM, Peltoniemi MA, Saari TI, et al.",
    2010,
    "Clarithromycin, a potent inhibitor of CYP3A, greatly increases exposure to oral S-ketamine",
    "Eur J Pain 2010;14:625-629",
    doi="10.1016/j.ejpain.2009.10.003",
    table="abstract: 10 volunteers, clarithromycin for 4 days, 0.2 mg/kg oral S-ketamine: AUC(0-inf) x2.6, "
    "Cmax x3.6, relative norketamine -54%",
)
PELTONIEMI_2011 = Citation(
    "Peltoniemi MA, Saari TI, Hagelberg NM, et al.",
    2011,
    "Exposure to oral S-ketamine is unaffected by itraconazole but greatly increased by ticlopidine",
    "Clin Pharmacol Ther 2011;90:296-302",
    doi="10.1038/clpt.2011.140",
    table="abstract: 11 volunteers, 6 days of ticlopidine 250 mg twice daily, itraconazole 200 mg daily or "
    "placebo; 0.2 mg/kg oral S-ketamine: AUC(0-inf) x2.4 with ticlopidine, not increased with itraconazole",
)
ANDRASHKO_2020 = Citation(
    "Andrashko V, Novak T, Brunovsky M, et al.",
    2020,
    "The antidepressant effect of ketamine is dampened by concomitant benzodiazepine medication",
    "Front Psychiatry 2020;11:844",
    doi="10.3389/fpsyt.2020.00844",
    pmid="33005153",
    table="abstract: 47 patients, racemic ketamine 0.54 mg/kg IV; benzodiazepine doses higher in non-responders; "
    "above 8 mg diazepam equivalent a worse outcome on days 3 and 7 (observational)",
)
FEENEY_2023 = Citation(
    "Feeney A, Hoeppner BB, Freeman MP, et al.",
    2023,
    "Effect of concomitant benzodiazepines on the antidepressant effects of ketamine: findings from the RAPID "
    "intravenous ketamine study",
    "J Clin Psychiatry 2023;84(1):22m14491",
    document="J Clin Psychiatry article 22m14491 (DOI not verified)",
    table="abstract: 44 benzodiazepine users against 55 non-users in a randomised ketamine-midazolam trial; as a "
    "yes/no predictor no effect on response; higher doses less improvement at day 1, not at day 3",
)

_E0 = HEPATIC_EXTRACTION.value
_S_KETAMINE = "the S-ketamine finding is assumed for racemic ketamine"


@dataclass(frozen=True)
class Interaction:
    """One co-medication and what it does in the model, with its source.

    Parameters
    ----------
    name : str
        Lower-case name (the key of :data:`INTERACTIONS`).
    kind : {"inducer", "inhibitor", "pharmacodynamic"}
        How it acts.
    intrinsic_clearance : float
        Factor on hepatic intrinsic clearance (> 0; 1: none).
    gut_availability : float
        Factor on the gut-wall availability of swallowed drug (> 0; 1: none).
    benefit_factor : float
        Factor on the toy antidepressant chain's sensitivity (> 0; 1 unless pharmacodynamic).
    citation : Citation
        The study the factors are calibrated to.
    grade : {"A", "B", "not verified", "contested"}
        Grade of that published finding ("contested": other studies disagree).
    note : str
        Which number is calibrated to which published fact, and what is a model consequence.
    also : tuple of Citation
        Further sources (those that disagree, for a contested finding).
    """

    name: str
    kind: str
    intrinsic_clearance: float
    gut_availability: float
    benefit_factor: float
    citation: Citation
    grade: str
    note: str
    also: tuple = ()

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name or self.name != self.name.strip().lower():
            raise ValueError(f"name must be a non-empty lower-case string, got {self.name!r}")
        check_choice("kind", self.kind, INTERACTION_KINDS)
        check_choice("grade", self.grade, INTERACTION_GRADES)
        for f in ("intrinsic_clearance", "gut_availability", "benefit_factor"):
            object.__setattr__(self, f, check_number(f, getattr(self, f), low=0.0, low_inclusive=False, high=100.0))
        if not isinstance(self.citation, Citation) or not all(isinstance(c, Citation) for c in self.also):
            raise TypeError("citation must be a simulator.literature.Citation and also a tuple of them")
        if not isinstance(self.note, str) or not self.note:
            raise TypeError(f"note must be a non-empty string, got {self.note!r}")


def _fold_iv(f: float) -> float:
    """IV AUC fold of a factor f on intrinsic clearance (well-stirred liver, baseline extraction E0)."""
    return (1.0 + (f - 1.0) * _E0) / f


#: Rifampicin: f solves (1 - E0 + f E0) / f = 0.86 (IV AUC -14%), then g = 0.14 f (oral AUC = g / f = 0.14).
_RIF_F = (1.0 - _E0) / (0.86 - _E0)
_CLARI_F = 1.0 / 2.6
_TICLO_F = 1.0 / 2.4

INTERACTIONS = MappingProxyType(
    {
        r.name: r
        for r in (
            Interaction(
                "rifampicin",
                "inducer",
                _RIF_F,
                0.14 * _RIF_F,
                1.0,
                PELTONIEMI_2012,
                "A",
                f"CALIBRATED: the intrinsic-clearance factor {_RIF_F:.2f} to the IV AUC fall of 14% and the gut factor "
                f"{0.14 * _RIF_F:.2f} to the oral AUC fall of 86% (Peltoniemi 2012, 600 mg for 6 days), through "
                f"the well-stirred liver with E0 {_E0:.2f}: both published numbers are calibration targets, not "
                f"predictions; {_S_KETAMINE}",
            ),
            Interaction(
                "clarithromycin",
                "inhibitor",
                _CLARI_F,
                1.0,
                1.0,
                HAGELBERG_2010,
                "A",
                f"CALIBRATED: the intrinsic-clearance factor 1/2.6 to the oral AUC rise x2.6 (Hagelberg 2010), with no "
                f"gut-wall factor (one number cannot separate gut wall from liver); the IV AUC rise x"
                f"{_fold_iv(_CLARI_F):.2f} this implies is an unverified model consequence (no IV study); the fall of "
                f"the norketamine share is not modelled; {_S_KETAMINE}",
            ),
            Interaction(
                "ticlopidine",
                "inhibitor",
                _TICLO_F,
                1.0,
                1.0,
                PELTONIEMI_2011,
                "A",
                f"CALIBRATED: the intrinsic-clearance factor 1/2.4 to the oral AUC rise x2.4 (Peltoniemi 2011, CYP2B6 "
                f"inhibitor), no gut-wall factor; the IV AUC rise x{_fold_iv(_TICLO_F):.2f} this implies is an "
                f"unverified model consequence; the fall of the norketamine share is not modelled; {_S_KETAMINE}",
            ),
            Interaction(
                "itraconazole",
                "inhibitor",
                1.0,
                1.0,
                1.0,
                PELTONIEMI_2011,
                "A",
                "factor 1: the CYP3A4 inhibitor did not increase oral S-ketamine AUC (Peltoniemi 2011), a teaching "
                "contrast with clarithromycin (also a CYP3A inhibitor, x2.6); the lower norketamine/ketamine ratio "
                f"and the higher drowsiness scores the study also found are not modelled; {_S_KETAMINE}",
            ),
            Interaction(
                "benzodiazepine",
                "pharmacodynamic",
                1.0,
                1.0,
                0.7,
                ANDRASHKO_2020,
                "contested",
                "INVENTED size: the toy chain's sensitivity x0.7, after observational reports that concomitant "
                "benzodiazepines (above about 8 mg diazepam equivalent) go with a weaker antidepressant response to "
                "racemic ketamine (Andrashko 2020); in a randomised trial's secondary analysis benzodiazepine use as "
                "yes/no did not change response and only higher doses lessened day-1 improvement (Feeney 2023), so "
                "the finding is contested; Frye 2015 (J Clin Psychopharmacol), often cited too, was not read; no "
                "pharmacokinetic change",
                also=(FEENEY_2023,),
            ),
        )
    }
)
#: Names a patient's ``comedication`` may take, sorted.
COMEDICATIONS = tuple(sorted(INTERACTIONS))
