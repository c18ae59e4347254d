"""Constants of the toy acute-effect models and the published time courses they are tuned to: data only.

The links are teaching models: an Emax function of a delayed brain concentration for each effect. The
constants are *invented* and tuned by hand to the published facts named in each ``note``; the facts are
graded in ``docs/literature_checks_acute.md`` and each is a test in ``tests/test_acute.py`` (``TARGETS``).
Teaching models: illustrative, not for dosing.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .._validate import check_choice, check_number
from .core import Citation, Sourced
from .products import SPRAVATO_LABEL
from .receptor_data import BOWDLE_1998, ZANOS_2018

__all__ = [
    "ACUTE_CONSTANTS",
    "LABEL_OBSERVATION_H",
    "PSYCHOTOMIMETIC_FROM_NG_PER_ML",
    "TARGETS",
    "AcuteTarget",
]

DIAZGRANADOS_2010 = Citation(
    "Diazgranados N, Ibrahim L, Brutsche NE, et al.",
    2010,
    "A randomized add-on trial of an N-methyl-D-aspartate antagonist in treatment-resistant bipolar depression",
    "Arch Gen Psychiatry 2010",
    document="PMC3000408",
    table="abstract: ketamine 0.5 mg/kg over 40 min; ratings at 40, 80, 110, 230 min; dissociative symptoms "
    "only at the 40-minute point",
)
SZARMACH_2020 = Citation(
    "Szarmach J, Cubala WJ, Wlodarczyk A, Galuszko-Wegielnik M",
    2020,
    "Metabolic risk factors and cardiovascular safety in ketamine use for treatment resistant depression",
    "Neuropsychiatr Dis Treat 2020;16:2539-2551",
    doi="10.2147/NDT.S273287",
    pmid="33154641",
    table="abstract: blood pressure back to baseline within 1.5 hours after a 0.5 mg/kg / 40 min infusion",
)
#: Riva-Posse 2018: blood pressure during 684 infusions of 0.5 mg/kg over 40 min (66 patients, Emory).
RIVA_POSSE_2018 = Citation(
    "Riva-Posse P, Reiff CM, Edwards JA, et al.",
    2018,
    "Blood pressure safety of subanesthetic ketamine for depression: a report on 684 infusions",
    "J Affect Disord 2018 (volume and pages, usually cited as 236:291-297: not verified)",
    doi="10.1016/j.jad.2018.02.025",
    pmid="29525051",
    table="abstract: 66 patients, 684 infusions of 0.5 mg/kg over 40 min; largest rise at 30 min (systolic 3.28, "
    "diastolic 3.17 mmHg); back to baseline during post-infusion monitoring",
)
PELTONIEMI_2016 = Citation(
    "Peltoniemi MA, Hagelberg NM, Olkkola KT, Saari TI",
    2016,
    "Ketamine: a review of clinical pharmacokinetics and pharmacodynamics in anesthesia and pain therapy",
    "Clin Pharmacokinet 2016;55:1059-1077",
    doi="10.1007/s40262-016-0383-6",
    table="abstract: the S(+)-enantiomer postulated to be about two times more effective than the racemic mixture "
    "as an anaesthetic and analgesic",
)
KETALAR_LABEL = Citation(
    "Par Pharmaceutical",
    1970,
    "KETALAR (ketamine hydrochloride) injection: prescribing information",
    "US Food and Drug Administration",
    document="US prescribing information, NDA 016812",
    table="2 mg/kg IV usually produces surgical anaesthesia within 30 seconds, lasting five to ten minutes",
)

_TOY = "INVENTED for the toy, tuned to: "

SINGH_2016 = Citation(
    "Singh JB, Fedgchin M, Daly EJ, et al.",
    2016,
    "A double-blind, randomized, placebo-controlled, dose-frequency study of intravenous ketamine in patients with "
    "treatment-resistant depression",
    "Am J Psychiatry 2016;173:816-826 (volume and pages not verified)",
    doi="10.1176/appi.ajp.2016.16010037",
    table="abstract (grade A): dissociative symptoms occurred transiently and attenuated with repeated dosing",
)

#: The toy links' constants. Each is invented; its note names the fact it was tuned to.
ACUTE_CONSTANTS = MappingProxyType(
    {
        "dissociation_link_half_life_min": Sourced(
            1.0, "min", DIAZGRANADOS_2010, _TOY + "dissociation at the end of a 40-min infusion, gone by 80 min"
        ),
        "dissociation_ec50_ng_per_ml": Sourced(
            180.0,
            "ng/mL",
            ZANOS_2018,
            _TOY + "dissociation during 0.5 mg/kg over 40 min at 100-250 ng/mL (Zanos 2018 Table 1, Krystal 1994)",
        ),
        "dissociation_hill": Sourced(
            6.0,
            "1",
            DIAZGRANADOS_2010,
            _TOY + "present at 40 min and not at 80 min while plasma falls only by half (a steep, threshold-like link)",
        ),
        "systolic_link_half_life_min": Sourced(
            2.0, "min", SPRAVATO_LABEL, _TOY + "the rise peaks about 40 min after a dose (label; 30-40 min after infusions)"
        ),
        "systolic_emax_mmhg": Sourced(
            40.0,
            "mmHg",
            KETALAR_LABEL,
            _TOY + "a ceiling reached only at anaesthetic doses (blood pressure rises 10-50% at induction, B); "
            "40 mmHg is the label's threshold for a large rise, not a mean",
        ),
        "systolic_ec50_ng_per_ml": Sourced(
            300.0,
            "ng/mL",
            RIVA_POSSE_2018,
            _TOY + "mean largest rise 3-7 mmHg after 0.5 mg/kg over 40 min (Riva-Posse 2018; Liu) and about 7 mmHg "
            "over placebo after esketamine 56-84 mg (Doherty 2020, B)",
        ),
        "systolic_hill": Sourced(
            2.5,
            "1",
            SZARMACH_2020,
            _TOY + "back to baseline about 1.5 h after an infusion, while the esketamine rise lasts about 4 h (label)",
        ),
        "esketamine_potency": Sourced(
            2.0,
            "factor",
            PELTONIEMI_2016,
            "esketamine about twice as effective as the racemate for anaesthesia and analgesia (review); applying the "
            "factor to dissociation and blood pressure is an assumption here",
        ),
        "dissociation_tolerance": Sourced(
            0.015,
            "1/(EC50 h)",
            SINGH_2016,
            _TOY + "dissociative symptoms attenuated with repeated dosing (Singh 2016, twice or thrice weekly; "
            "Abdallah 2022, eight twice-weekly infusions; both A) while the blood-pressure rise showed no tolerance "
            "from the first to the sixth infusion (Riva-Posse 2018, A): the dissociation EC50 rises by this factor "
            "per unit of recent exposure (link concentration / EC50, integrated over hours, fading with "
            "tolerance_time_h); the 8th twice-weekly session dissociates about 0.8x the 1st, no published size",
        ),
        "tolerance_time_h": Sourced(
            24.0 * 7,
            "h",
            SINGH_2016,
            _TOY + "tolerance to dissociation fades over about a week between courses (invented: no study measured it)",
        ),
        "resolved_fraction": Sourced(
            0.1, "fraction", SPRAVATO_LABEL, "INVENTED readout threshold: an effect below 10% of its peak counts as resolved"
        ),
    }
)

#: The label's observation after each esketamine dose, hours.
LABEL_OBSERVATION_H = Sourced(2.0, "h", SPRAVATO_LABEL, "boxed warning: monitored for at least 2 hours at each session")

#: Lowest steady-state target of Bowdle 1998 (racemic ketamine, ng/mL): a readout line, not an effect threshold.
PSYCHOTOMIMETIC_FROM_NG_PER_ML = Sourced(
    50.0,
    "ng/mL",
    BOWDLE_1998,
    "the lowest non-zero target of the steady-state steps (50, 100, 150, 200 ng/mL); psychedelic effects rose "
    "linearly with concentration over 50-200 ng/mL. Not a threshold: lower levels were not tested",
)

_QUANTITIES = (
    "dissociation peak time",
    "dissociation fraction of peak",
    "dissociation resolved",
    "dissociation peak",
    "systolic peak",
    "systolic peak time",
    "systolic resolved",
)
_REGIMENS = ("racemic 0.5 mg/kg over 40 min", "esketamine 56 mg nasal", "esketamine 84 mg nasal", "racemic 2 mg/kg bolus")


@dataclass(frozen=True)
class AcuteTarget:
    """One published fact of an acute time course and the range the toy must land in.

    ``quantity`` is one of the readouts of the typical 70 kg adult's curve after ``regimen``: times in
    minutes after the start, fractions of the peak, the dissociation index or the systolic rise in mmHg.
    ``at_min`` is the time a "fraction of peak" is read at.
    """

    regimen: str
    quantity: str
    low: float
    high: float
    source: Citation
    fact: str
    grade: str
    at_min: float = 0.0

    def __post_init__(self):
        check_choice("regimen", self.regimen, _REGIMENS)
        check_choice("quantity", self.quantity, _QUANTITIES)
        check_choice("grade", self.grade, ("A", "B"))
        check_number("high", self.high, low=self.low, low_inclusive=False)


_R, _E56, _E84, _A = _REGIMENS

#: Published time courses the toy links are tuned to (``tests/test_acute.py`` checks each).
TARGETS = (
    AcuteTarget(_R, "dissociation peak time", 35.0, 60.0, DIAZGRANADOS_2010, "dissociation at the 40-min rating", "A"),
    AcuteTarget(
        _R,
        "dissociation fraction of peak",
        0.0,
        0.4,
        DIAZGRANADOS_2010,
        "dissociative symptoms only at 40 min, not at 80 min",
        "A",
        at_min=80.0,
    ),
    AcuteTarget(_R, "dissociation resolved", 0.0, 130.0, DIAZGRANADOS_2010, "gone by about 2 h after the start", "A"),
    AcuteTarget(
        _R, "systolic peak", 3.0, 10.0, RIVA_POSSE_2018, "mean largest rise 3.3 (Riva-Posse 2018) to 7.4 mmHg (Liu)", "A"
    ),
    AcuteTarget(_R, "systolic peak time", 25.0, 65.0, RIVA_POSSE_2018, "largest rise at 30-40 min (Riva-Posse 2018; Liu)", "A"),
    AcuteTarget(_R, "systolic resolved", 60.0, 160.0, SZARMACH_2020, "back to baseline within 1.5 h after the infusion", "A"),
    AcuteTarget(_E84, "dissociation peak time", 25.0, 65.0, SPRAVATO_LABEL, "dissociation peaks about 40 min after dosing", "B"),
    AcuteTarget(_E56, "dissociation resolved", 0.0, 135.0, SPRAVATO_LABEL, "generally resolved by 1.5 h (about 2 h)", "B"),
    AcuteTarget(_E84, "dissociation resolved", 0.0, 135.0, SPRAVATO_LABEL, "generally resolved by 1.5 h (about 2 h)", "B"),
    AcuteTarget(_E56, "systolic peak", 4.0, 12.0, SPRAVATO_LABEL, "largest mean rise 7.2 mmHg over placebo (Doherty 2020)", "B"),
    AcuteTarget(_E84, "systolic peak", 4.0, 12.0, SPRAVATO_LABEL, "largest mean rise 7.2 mmHg over placebo (Doherty 2020)", "B"),
    AcuteTarget(_E84, "systolic peak time", 25.0, 65.0, SPRAVATO_LABEL, "the rise peaks about 40 min after dosing", "A"),
    AcuteTarget(_E84, "systolic resolved", 150.0, 300.0, SPRAVATO_LABEL, "the rise lasts about 4 hours", "A"),
    AcuteTarget(_A, "dissociation peak", 0.95, 1.0, KETALAR_LABEL, "2 mg/kg gives surgical (dissociative) anaesthesia", "A"),
    AcuteTarget(_A, "systolic peak", 12.0, 40.0, KETALAR_LABEL, "blood pressure 10-50% above baseline at induction", "B"),
)
