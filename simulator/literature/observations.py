"""Published observations the pharmacokinetic sets are checked against: data only.

Each :class:`Observation` is one number a study printed (or a range it implies), the regimen that produced
it, and the parameter sets expected to reproduce it (``inside``) or documented to miss it (``outside``).
:func:`simulator.evidence.against_literature` simulates each one; ``tests/test_evidence.py`` requires every
expectation to hold, so the documentation (``docs/literature_checks_oral_bolus_kamp.md``) stays true.

Acceptance ranges are the study's mean +/- 1 SD, its IQR or 1 geometric SD, unless ``note`` says otherwise.
A typical-patient model should lie inside the spread of the patients measured. It is also judged against the
published mean with a stated tolerance (``mean``, ``tolerance``): a spread of +/- 2 SD lets a mean 42% low pass.

Each row and each :class:`OutcomeCheck` says its ``role``: a **calibration** target (a constant was chosen or
tuned so that the model meets it: meeting it shows only that the tuning worked) or an **out-of-sample** check
(nothing was tuned to it: meeting it is evidence). :func:`simulator.evidence.table` prints them apart, with counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._validate import check_choice, check_number
from .acute_data import KETALAR_LABEL, RIVA_POSSE_2018, SINGH_2016
from .core import Citation
from .crisis_and_therapy import TRANSFORM_BENEFIT_RISK
from .interactions import HAGELBERG_2010, PELTONIEMI_2012
from .plasticity_constants import FAVA_2020, HAN_2016, LII_2023, MURROUGH_2013, TRIVEDI_2006, WILKINSON_2019
from .products import SPRAVATO_LABEL
from .receptor_data import ZANOS_2018
from .sets import CHONG_2009, KOPPEL_1990, YANAGIHARA_2003

__all__ = [
    "ADULT_ORAL",
    "BOUNDS",
    "EARLY_IV",
    "OBSERVATIONS",
    "OUTCOME_CHECKS",
    "QUANTITIES",
    "ROLES",
    "STEADY_STATE",
    "Observation",
    "OutcomeCheck",
]

#: A calibration target (a constant was tuned to it) or an out-of-sample check (nothing was).
ROLES = ("calibration", "out-of-sample")

CHONG_2006 = Citation(
    "Chong C, Schug S, Page-Sharp M, Ilett K",
    2006,
    "Bioavailability of ketamine after oral or sublingual administration",
    "Pain Med 2006;7:469 (meeting abstract)",
    document="meeting abstract, Pain Med 2006;7(5):469 (PMID and DOI not captured)",
    table="abstract table: 6 inpatients with neuropathic pain, crossover 10 mg IV, 25 mg sublingual, 25 mg oral; 8-h sampling",
)
PHAR_2669 = Citation(
    "PMC9118341 (authors not read)",
    2022,
    "(title not read): intranasal and intravenous racemic ketamine in adults",
    "Pharmacotherapy 2022;42:298-310",
    doi="10.1002/phar.2669",
    document="PMC9118341",
    table="Table 6: 10 mg IV, ketamine geometric mean 296 ng/mL (GSD 1.71, n = 9) at Tmax 2 min",
)

#: What an observation measures; :func:`simulator.evidence.against_literature` knows how to compute each.
QUANTITIES = (
    "ketamine cmax",
    "ketamine tmax",
    "norketamine cmax",
    "norketamine tmax",
    "norketamine/ketamine auc",
    "bioavailability",
    "ketamine at time",
    "ketamine at steady state",
    "norketamine at steady state",
)
_UNITS = {
    "ketamine cmax": "ng/mL",
    "ketamine tmax": "h",
    "norketamine cmax": "ng/mL",
    "norketamine tmax": "h",
    "norketamine/ketamine auc": "ratio",
    "bioavailability": "fraction",
    "ketamine at time": "ng/mL",
    "ketamine at steady state": "ng/mL",
    "norketamine at steady state": "ng/mL",
}
_ROUTES = ("bolus", "infusion", "oral")


@dataclass(frozen=True)
class Observation:
    """One published number, the regimen behind it and the sets expected to reproduce it.

    Parameters
    ----------
    study : Citation
        Where the number was read.
    quantity : str
        One of :data:`QUANTITIES`; its unit is fixed (ng/mL, h, ratio or fraction).
    low, high : float
        Acceptance range for a typical 70 kg adult of the model.
    reported : str
        The number as the study prints it.
    route : {"bolus", "infusion", "oral"}
        How the dose was given; ``dose_mg`` or ``dose_mg_per_kg`` (one of them), ``duration_min`` for an
        infusion (for a steady state: ``rate_mg_per_kg_per_h`` and ``duration_min``).
    at_h : float
        Time after the start, hours (``"ketamine at time"``), or the end of the window for AUCs and peaks.
    population, formulation : str
        Who was measured, and in what form the drug was given.
    grade : str
        "A" (read in the primary source or its abstract) or "B" (second-hand), as in the literature notes.
    inside, outside : tuple of str
        Parameter sets whose typical adult falls inside the range, and sets documented to fall outside it.
    note : str
        What the range means where it is not mean +/- SD, and what else a reader must know.
    role : {"calibration", "out-of-sample"}
        Whether a constant of the model was tuned or chosen to meet this number.
    mean : float
        The published mean (or median, or the one value printed), in :attr:`unit`.
    tolerance : float
        Largest relative distance from ``mean`` at which a model value agrees (0.3: within 30%).
    calibrated_for : tuple of str or None
        For a calibration target, the sets whose constants were tuned or chosen with it (None: every set the
        row names); for the other sets the row is out-of-sample.
    """

    study: Citation
    quantity: str
    low: float
    high: float
    reported: str
    route: str
    at_h: float
    population: str
    formulation: str
    grade: str
    inside: tuple = ("clements_1981",)
    outside: tuple = ()
    dose_mg: float | None = None
    dose_mg_per_kg: float | None = None
    rate_mg_per_kg_per_h: float | None = None
    duration_min: float = 0.0
    note: str = ""
    role: str = ""
    mean: float = 0.0
    tolerance: float = 0.3
    calibrated_for: tuple | None = None

    def __post_init__(self):
        check_choice("role", self.role, ROLES)
        check_number("mean", self.mean, low=0.0, low_inclusive=False)
        check_number("tolerance", self.tolerance, low=0.0, high=1.0, low_inclusive=False)
        check_choice("quantity", self.quantity, QUANTITIES)
        check_choice("route", self.route, _ROUTES)
        check_choice("grade", self.grade, ("A", "B"))
        check_number("low", self.low, low=0.0)
        check_number("high", self.high, low=self.low, low_inclusive=False)
        check_number("at_h", self.at_h, low=0.0, low_inclusive=False)
        if sum(x is not None for x in (self.dose_mg, self.dose_mg_per_kg, self.rate_mg_per_kg_per_h)) != 1:
            raise ValueError(f"{self.study.short()} {self.quantity}: give exactly one of dose_mg, dose_mg_per_kg, rate")
        if set(self.inside) & set(self.outside):
            raise ValueError(f"{self.study.short()} {self.quantity}: a set cannot be both inside and outside")

    @property
    def unit(self) -> str:
        """Unit of ``low``, ``high`` and the model value."""
        return _UNITS[self.quantity]

    @property
    def dose(self) -> str:
        """The regimen in words."""
        if self.rate_mg_per_kg_per_h is not None:
            return f"{self.rate_mg_per_kg_per_h:g} mg/kg/h for {self.duration_min / 60:g} h"
        amount = f"{self.dose_mg:g} mg" if self.dose_mg is not None else f"{self.dose_mg_per_kg:g} mg/kg"
        return f"{amount} {self.route}" + (f" over {self.duration_min:g} min" if self.duration_min else "")


_CHONG_ORAL = {
    "study": CHONG_2006,
    "route": "oral",
    "dose_mg": 25.0,
    "at_h": 8.0,
    "population": "6 adult inpatients with neuropathic pain",
    "formulation": "oral (not stated in the abstract; the group's 2009 study used a lozenge)",
    "grade": "A",
    "inside": ("clements_1981", "kamp_2020"),
    "calibrated_for": ("clements_1981",),
}

#: Adult racemic ketamine swallowed: three studies (Chong 2006 and 2009 may share patients).
ADULT_ORAL = (
    Observation(
        quantity="ketamine cmax",
        low=10.0,
        high=35.6,
        reported="22.8 +/- 12.8 ng/mL",
        role="calibration",
        mean=22.8,
        **_CHONG_ORAL,
    ),
    Observation(
        quantity="ketamine tmax",
        low=0.16,
        high=1.76,
        reported="0.96 +/- 0.8 h",
        role="calibration",
        mean=0.96,
        tolerance=0.5,
        **_CHONG_ORAL,
    ),
    Observation(
        quantity="norketamine cmax",
        low=48.0,
        high=116.0,
        reported="82 +/- 34 ng/mL",
        role="calibration",
        mean=82.0,
        **_CHONG_ORAL,
    ),
    Observation(
        quantity="norketamine tmax",
        low=0.7,
        high=2.5,
        reported="1.6 +/- 0.9 h",
        role="calibration",
        mean=1.6,
        tolerance=0.5,
        **{**_CHONG_ORAL, "inside": ("clements_1981", "kamp_2020")},
        note="the model's norketamine peaks about 5 min after its ketamine, the patients' 0.6 h after: the one "
        "oral shape the model does not reproduce, though it stays inside the range",
    ),
    Observation(
        quantity="bioavailability",
        low=0.14,
        high=0.32,
        reported="23 +/- 9%",
        role="calibration",
        mean=0.23,
        tolerance=0.25,
        **{**_CHONG_ORAL, "at_h": 72.0},
    ),
    Observation(
        study=CHONG_2009,
        quantity="bioavailability",
        low=0.17,
        high=0.27,
        reported="24% (IQR 17-27%)",
        role="calibration",
        mean=0.24,
        tolerance=0.25,
        route="oral",
        dose_mg=25.0,
        at_h=72.0,
        population="6 adults with chronic neuropathic pain",
        formulation="hospital-made lozenge, swallowed",
        grade="A",
        inside=("clements_1981", "kamp_2020"),
    ),
    Observation(
        study=CHONG_2009,
        quantity="norketamine/ketamine auc",
        low=3.9,
        high=5.0,
        reported="5 (mean AUC(0-8 h) ratio); Chong 2006's mean AUC/dose values give 3.9",
        role="out-of-sample",
        mean=5.0,
        tolerance=0.25,
        route="oral",
        dose_mg=25.0,
        at_h=8.0,
        population="6 adults with chronic neuropathic pain",
        formulation="hospital-made lozenge, swallowed",
        grade="A",
        inside=("clements_1981", "kamp_2020"),
        note="the range runs from Chong 2006's ratio of mean AUCs (3.9, derived) to Chong 2009's mean ratio (5); "
        "no spread was reported",
    ),
    Observation(
        study=YANAGIHARA_2003,
        quantity="bioavailability",
        low=0.15,
        high=0.25,
        reported="about 20%",
        role="out-of-sample",
        mean=0.20,
        tolerance=0.25,
        route="oral",
        dose_mg=50.0,
        at_h=72.0,
        population="3 healthy Japanese volunteers",
        formulation="2 x 25 mg tablets",
        grade="A",
        inside=("clements_1981", "kamp_2020"),
        note="n = 3 and no spread reported: the range is the value +/- 25%, our choice",
    ),
    Observation(
        study=ZANOS_2018,
        quantity="ketamine cmax",
        low=25.0,
        high=65.0,
        reported="45 +/- 10 ng/mL (0.19 +/- 0.04 uM), Grant 1981 as tabulated in Zanos 2018 Table 1",
        role="out-of-sample",
        mean=45.0,
        route="oral",
        dose_mg_per_kg=0.5,
        at_h=8.0,
        population="not read (the primary paper, Grant, Nimmo & Clements 1981, was not reached)",
        formulation="not read",
        grade="A",
        inside=("clements_1981", "kamp_2020"),
        note="mean +/- 2 SD: no registered set with any adult oral F and ka that keeps Chong 2006 inside its "
        "ranges reaches 45 +/- 10 with the default set (which gives 26 ng/mL); kamp_2020 gives 36. Whether the "
        "spread is an SD or an SEM, and n, were not read",
    ),
)

#: The first minutes after an IV bolus, and the infusion peak, against the sampled concentrations.
EARLY_IV = (
    Observation(
        study=PHAR_2669,
        quantity="ketamine at time",
        low=296.0 / 1.71,
        high=296.0 * 1.71,
        reported="296 ng/mL geometric mean (GSD 1.71, n = 9) at Tmax 2 min",
        role="out-of-sample",
        mean=296.0,
        route="bolus",
        dose_mg=10.0,
        at_h=2.0 / 60.0,
        population="9 adults (population details not captured)",
        formulation="IV bolus (injection time not captured; the model injects over 1 min)",
        grade="A",
        inside=("kamp_2020", "domino_1984", "herd_2007"),
        outside=("clements_1981", "hijazi_2003"),
        note="range: 1 geometric SD. The default set's central volume (123 L) is 4 times too large for the first "
        "minutes: it gives 78 ng/mL. The sampling site was not captured",
    ),
    Observation(
        study=CHONG_2006,
        quantity="norketamine cmax",
        low=9.0,
        high=67.0,
        reported="38 +/- 29 ng/mL at 0.6 +/- 0.7 h",
        role="out-of-sample",
        mean=38.0,
        route="bolus",
        dose_mg=10.0,
        at_h=8.0,
        population="6 adult inpatients with neuropathic pain",
        formulation="IV (mode not stated)",
        grade="A",
        inside=("clements_1981", "kamp_2020", "domino_1984", "hijazi_2003"),
    ),
    Observation(
        study=ZANOS_2018,
        quantity="ketamine cmax",
        low=70.0,
        high=160.0,
        reported="70-160 ng/mL after 0.15 mg/kg IV (analgesia row)",
        role="out-of-sample",
        mean=115.0,
        tolerance=0.4,
        route="bolus",
        dose_mg_per_kg=0.15,
        at_h=1.0,
        population="pooled (13 studies)",
        formulation="IV",
        grade="A",
        inside=("clements_1981", "hijazi_2003"),
        outside=("kamp_2020",),
        note="a pooled Cmax range, mostly venous samples at unstated times; the arterial kamp_2020 set peaks at "
        "378 ng/mL one minute after the injection and is inside the range from 5 to 11 minutes",
    ),
    Observation(
        study=ZANOS_2018,
        quantity="ketamine cmax",
        low=185.0 * 0.6,
        high=185.0 * 1.4,
        reported="185 ng/mL mean peak after 0.5 mg/kg over 40 min (antidepressant row, Zarate 2006)",
        role="calibration",
        mean=185.0,
        tolerance=0.15,
        calibrated_for=("clements_1981",),
        route="infusion",
        dose_mg_per_kg=0.5,
        duration_min=40.0,
        at_h=3.0,
        population="18 adults with treatment-resistant depression",
        formulation="ketamine hydrochloride IV over 40 min",
        grade="A",
        inside=("clements_1981", "kamp_2020", "domino_1984", "hijazi_2003"),
        note="no spread was printed: the range is 185 +/- 40%, which covers reading the dose as salt or base "
        "(13% apart) and venous or arterial sampling; the arterial kamp_2020 set peaks at 253 ng/mL, higher than "
        "the venous-fitted default (177) as arterial samples are during an infusion",
    ),
)

_KOPPEL = {
    "study": KOPPEL_1990,
    "route": "infusion",
    "rate_mg_per_kg_per_h": 1.2,
    "duration_min": 72 * 60.0,
    "at_h": 72.0,
    "population": "9 ICU patients with normal liver and kidney function",
    "formulation": "continuous IV infusion (racemic)",
    "grade": "A",
    "inside": ("clements_1981", "kamp_2020"),
}

#: Steady state on a 3-day infusion.
STEADY_STATE = (
    Observation(
        quantity="ketamine at steady state",
        low=900.0,
        high=1500.0,
        reported="1.2 +/- 0.3 ug/mL after 3 days at 1.1-1.3 mg/kg/h",
        role="out-of-sample",
        mean=1200.0,
        tolerance=0.25,
        **_KOPPEL,
    ),
    Observation(
        quantity="norketamine at steady state",
        low=400.0,
        high=1600.0,
        reported="1.0 +/- 0.6 ug/mL after 3 days at 1.1-1.3 mg/kg/h",
        role="calibration",
        mean=1000.0,
        tolerance=0.25,
        note="the racemic norketamine clearance (60 L/h/70 kg) was calibrated to this mean; the borrowed "
        "noresketamine value (38 L/h) gave 1.66 ug/mL",
        **_KOPPEL,
    ),
)

#: Every observation, in the order of the documentation's tables.
OBSERVATIONS = ADULT_ORAL + EARLY_IV + STEADY_STATE


IDVALL_1979 = Citation(
    "Idvall J, Ahlgren I, Aronsen KR, Stenberg P",
    1979,
    "Ketamine infusions: pharmacokinetics and clinical effects",
    "Br J Anaesth 1979;51:1167-1173",
    doi="10.1093/bja/51.12.1167",
    pmid="526385",
    table="abstract (grade A; authors after the first not verified): recovery (awakening) at a plasma ketamine of "
    "2.7 +/- 0.9 umol/L, about 640 ng/mL",
)

#: How an outcome check is judged: within ``tolerance`` of ``published``, or at most / at least it.
BOUNDS = ("within", "at most", "at least")


@dataclass(frozen=True)
class OutcomeCheck:
    """A published fact about an outcome (a trial arm, a time course, an interaction) and how the model is judged.

    Parameters
    ----------
    key : str
        Which model value :func:`simulator.evidence.check_value` computes (one function per key).
    study : Citation
        Where the fact was read.
    question : str
        What is asked, in words (the regimen and the readout).
    reported : str
        The fact as the study states it.
    published : float
        The published number in ``unit`` (for a bound, the bound).
    unit : str
        Unit of ``published``, ``tolerance`` and the model value.
    bound : {"within", "at most", "at least"}
        ``"within"``: agrees when ``|model - published| <= tolerance``; the others compare with ``published``.
    tolerance : float
        Absolute tolerance for ``"within"`` (0 otherwise), in ``unit``.
    role : {"calibration", "out-of-sample"}
        Whether a constant was tuned to it.
    grade : str
        "A" (read in the primary source or its abstract) or "B" (second-hand).
    note : str
        What was tuned, what the tolerance means, what else a reader must know.
    """

    key: str
    study: Citation
    question: str
    reported: str
    published: float
    unit: str
    bound: str
    tolerance: float
    role: str
    grade: str
    note: str = ""

    def __post_init__(self):
        check_choice("bound", self.bound, BOUNDS)
        check_choice("role", self.role, ROLES)
        check_choice("grade", self.grade, ("A", "B"))
        check_number("published", self.published)
        check_number("tolerance", self.tolerance, low=0.0)
        if (self.bound == "within") != (self.tolerance > 0):
            raise ValueError(f"{self.key}: a tolerance > 0 goes with bound 'within' only, got {self.bound!r}, {self.tolerance!r}")

    def agrees(self, value: float) -> bool:
        """Return whether a model ``value`` meets the fact."""
        if self.bound == "within":
            return abs(value - self.published) <= self.tolerance
        return value <= self.published if self.bound == "at most" else value >= self.published


_RESPONSE = "±10 points: the tolerance for every responder percentage (a typical trial arm's sampling error is 10-15)"

#: Outcome facts: the toy outcome, the acute effects, the first pass and anaesthesia. Populations: 1000 virtual
#: patients (seed 0), typical 70 kg adult otherwise; "standard infusion" is 0.5 mg/kg racemic ketamine over 40 min.
OUTCOME_CHECKS = (
    OutcomeCheck(
        "responders_24h_standard",
        HAN_2016,
        "responders 24 h after the standard infusion",
        "52.2% in the ketamine arms at 24 h",
        52.2,
        "%",
        "within",
        10.0,
        "calibration",
        "A",
        _RESPONSE,
    ),
    OutcomeCheck(
        "responders_24h_midazolam",
        WILKINSON_2019,
        "responders at day 1 on midazolam",
        "model-estimated 18% at day 1",
        18.0,
        "%",
        "within",
        10.0,
        "calibration",
        "A",
        _RESPONSE,
    ),
    OutcomeCheck(
        "responders_24h_saline",
        WILKINSON_2019,
        "responders at day 1 on saline",
        "model-estimated 1% at day 1",
        1.0,
        "%",
        "within",
        10.0,
        "calibration",
        "A",
        _RESPONSE,
    ),
    OutcomeCheck(
        "responders_ratio_1_vs_0.5",
        FAVA_2020,
        "responders at 24 h, 1.0 over 0.5 mg/kg (40 min)",
        "0.5 and 1.0 mg/kg both beat midazolam, similar to each other",
        1.0,
        "ratio",
        "within",
        0.25,
        "calibration",
        "A",
        "the toy surge's saturation was tuned to it",
    ),
    OutcomeCheck(
        "responders_0.2_minus_midazolam",
        FAVA_2020,
        "responders at 24 h, 0.2 mg/kg minus midazolam",
        "0.2 mg/kg did not beat midazolam",
        0.0,
        "points",
        "within",
        15.0,
        "calibration",
        "A",
        "the toy surge's saturation was tuned to it",
    ),
    OutcomeCheck(
        "responders_0.1_minus_midazolam",
        FAVA_2020,
        "responders at 24 h, 0.1 mg/kg minus midazolam",
        "0.1 mg/kg not worse than midazolam (better before adjustment)",
        -5.0,
        "points",
        "at least",
        0.0,
        "calibration",
        "A",
        "the drug arm's expectancy (that of midazolam) was set for it",
    ),
    OutcomeCheck(
        "responders_after_six",
        MURROUGH_2013,
        "responders a day after six infusions over 12 days",
        "70.8% at the end of the course",
        70.8,
        "%",
        "within",
        10.0,
        "calibration",
        "B",
        _RESPONSE,
    ),
    OutcomeCheck(
        "responders_masked_saline",
        LII_2023,
        "responders at day 1 on saline under surgical anaesthesia",
        "about 50% (preprint abstract)",
        50.0,
        "%",
        "within",
        10.0,
        "calibration",
        "B",
        "the masked expectancy was tuned to it",
    ),
    OutcomeCheck(
        "responders_week8_ssri",
        TRIVEDI_2006,
        "responders at week 8 on the daily comparator",
        "47% response by exit (up to 14 weeks)",
        47.0,
        "%",
        "within",
        12.0,
        "calibration",
        "A",
        "35-60%: many respond only after week 8",
    ),
    OutcomeCheck(
        "schedule_ratio",
        SINGH_2016,
        "MADRS-like fall at day 15, three over two infusions a week (typical patient)",
        "-17.7 vs -18.4 MADRS (ratio 0.96)",
        0.96,
        "ratio",
        "within",
        0.15,
        "calibration",
        "A",
        "the consolidation threshold was tuned with it",
    ),
    OutcomeCheck(
        "dissociation_8th_over_1st",
        SINGH_2016,
        "peak dissociation, 8th over 1st session, twice weekly",
        "attenuated with repeated dosing",
        0.9,
        "ratio",
        "at most",
        0.0,
        "calibration",
        "A",
        "the tolerance constant was tuned to about 0.8 (no size published)",
    ),
    OutcomeCheck(
        "systolic_8th_over_1st",
        RIVA_POSSE_2018,
        "peak systolic rise, 8th over 1st session, twice weekly",
        "no tolerance to the rise from the 1st to the 6th infusion",
        1.0,
        "ratio",
        "within",
        0.1,
        "calibration",
        "A",
        "the blood-pressure link has no tolerance by construction",
    ),
    OutcomeCheck(
        "rifampicin_iv_auc",
        PELTONIEMI_2012,
        "IV AUC change with rifampicin (S-ketamine, assumed racemic)",
        "AUC -14% after IV",
        -14.0,
        "%",
        "within",
        15.0,
        "calibration",
        "A",
        "the induction of intrinsic clearance was tuned to it",
    ),
    OutcomeCheck(
        "rifampicin_oral_auc",
        PELTONIEMI_2012,
        "oral AUC change with rifampicin (S-ketamine, assumed racemic)",
        "AUC -86% after oral",
        -86.0,
        "%",
        "within",
        15.0,
        "calibration",
        "A",
        "the gut-wall factor was tuned to it",
    ),
    OutcomeCheck(
        "clarithromycin_oral_auc_fold",
        HAGELBERG_2010,
        "oral AUC fold with clarithromycin (S-ketamine, assumed racemic)",
        "AUC 2.6-fold",
        2.6,
        "fold",
        "within",
        0.4,
        "calibration",
        "A",
        "the inhibition was tuned to it",
    ),
    OutcomeCheck(
        "metabolite_brain_ratio",
        SPRAVATO_LABEL,
        "metabolite brain access relative to the parent's",
        "noresketamine brain:plasma 4-6x lower than esketamine's",
        0.2,
        "ratio",
        "within",
        0.05,
        "calibration",
        "B",
        "an input; the share of block left to norketamine after an oral dose follows (none published)",
    ),
    OutcomeCheck(
        "responders_24h_standard_wilkinson",
        WILKINSON_2019,
        "responders at day 1 after the standard infusion (9 trials)",
        "model-estimated 45-46% in the ketamine arms",
        45.5,
        "%",
        "within",
        10.0,
        "out-of-sample",
        "A",
        _RESPONSE + "; Han 2016's 52.2% was the target",
    ),
    OutcomeCheck(
        "bolus_over_infusion_days",
        LII_2023,
        "toy days in response, 2 mg/kg bolus over the standard infusion (typical)",
        "no evidence that anaesthetic doses do better; masked, ketamine equalled saline",
        1.25,
        "ratio",
        "at most",
        0.0,
        "calibration",
        "A",
        "tuned: a search that met every other target without it gave 1.48 (the other targets do not imply a plateau at "
        "anaesthetic doses), so the surge's saturation and adaptation were tuned to meet it too",
    ),
    OutcomeCheck(
        "bolus_over_infusion_acute_hours",
        KETALAR_LABEL,
        "hours of acute effects, 2 mg/kg bolus over the standard infusion",
        "2 mg/kg gives surgical anaesthesia; sub-anaesthetic doses dissociate for about an hour",
        3.0,
        "ratio",
        "at least",
        0.0,
        "out-of-sample",
        "A",
        "several times the acute burden",
    ),
    OutcomeCheck(
        "masked_ketamine_minus_saline",
        LII_2023,
        "responders at day 1 under surgical anaesthesia, ketamine minus saline",
        "60% vs 50% (preprint); no difference in MADRS over days 1-3",
        10.0,
        "points",
        "within",
        15.0,
        "out-of-sample",
        "B",
        "the masked expectancy was tuned on the saline arm only",
    ),
    OutcomeCheck(
        "anaesthesia_onset_default",
        KETALAR_LABEL,
        "minutes to the awakening level (2.7 umol/L) in the brain, 2 mg/kg IV over 1 min",
        "surgical anaesthesia within 30 s",
        2.0,
        "min",
        "at most",
        0.0,
        "out-of-sample",
        "A",
        "the brain site's 11 s half-time is Herd 2008's, not tuned",
    ),
    OutcomeCheck(
        "anaesthesia_onset_kamp",
        KETALAR_LABEL,
        "minutes to the awakening level, 2 mg/kg IV over 1 min, kamp_2020 (the anaesthetic preset's set)",
        "surgical anaesthesia within 30 s",
        2.0,
        "min",
        "at most",
        0.0,
        "out-of-sample",
        "A",
        "",
    ),
    OutcomeCheck(
        "anaesthesia_duration_default",
        IDVALL_1979,
        "minutes above the awakening level, 2 mg/kg IV over 1 min, default set",
        "anaesthesia lasting 5-10 min (Ketalar label), awakening at 2.7 umol/L",
        12.5,
        "min",
        "within",
        7.5,
        "out-of-sample",
        "A",
        "5-20 min",
    ),
    OutcomeCheck(
        "anaesthesia_duration_kamp",
        IDVALL_1979,
        "minutes above the awakening level, 2 mg/kg IV over 1 min, kamp_2020",
        "anaesthesia lasting 5-10 min (Ketalar label), awakening at 2.7 umol/L",
        12.5,
        "min",
        "within",
        7.5,
        "out-of-sample",
        "A",
        "5-20 min",
    ),
    OutcomeCheck(
        "schedule_ratio_population",
        SINGH_2016,
        "mean fall at day 15, three over two infusions a week (1000 virtual patients)",
        "-17.7 vs -18.4 MADRS: within 15% of each other",
        1.0,
        "ratio",
        "within",
        0.15,
        "calibration",
        "A",
        "the typical patient's ratio was the target; the population's is the same fact",
    ),
    OutcomeCheck(
        "singh_placebo_share_twice",
        SINGH_2016,
        "mean fall at day 15 on saline over that on ketamine, twice weekly (1000 virtual patients)",
        "-5.7 vs -18.4 MADRS (0.31)",
        0.31,
        "ratio",
        "within",
        0.1,
        "out-of-sample",
        "A",
        "the saline expectancy was tuned to one session's day-1 response (Wilkinson 2019), not to a course",
    ),
    OutcomeCheck(
        "singh_placebo_share_thrice",
        SINGH_2016,
        "mean fall at day 15 on saline over that on ketamine, three times weekly (1000 virtual patients)",
        "-3.1 vs -17.7 MADRS (0.18)",
        0.175,
        "ratio",
        "within",
        0.1,
        "out-of-sample",
        "A",
        "the saline expectancy was tuned to one session's day-1 response (Wilkinson 2019), not to a course",
    ),
    OutcomeCheck(
        "transform2_response_add_on",
        TRANSFORM_BENEFIT_RISK,
        "responders at day 28, esketamine 84 mg twice weekly with a newly started oral antidepressant (add-on arm)",
        "69.3% responders at day 28 (TRANSFORM-2, esketamine + a new oral antidepressant)",
        69.3,
        "%",
        "within",
        10.0,
        "out-of-sample",
        "B",
        "nothing was tuned to an add-on arm: the add-on is the toy conventional comparator's drive on the same symptom "
        "map (tuned to STAR*D and Taylor 2006), beside the esketamine chain (tuned to single infusions and Murrough 2013)",
    ),
    OutcomeCheck(
        "transform2_response_oral_alone",
        TRANSFORM_BENEFIT_RISK,
        "responders at day 28, the newly started oral antidepressant alone (the toy conventional arm)",
        "52.0% responders at day 28 (TRANSFORM-2, a new oral antidepressant + placebo spray)",
        52.0,
        "%",
        "within",
        10.0,
        "out-of-sample",
        "B",
        "the toy comparator was tuned to week 8 of STAR*D level 1 (not to day 28, not to a treatment-resistant group "
        "given placebo sprays twice weekly, whose expectancy the toy conventional arm does not carry)",
    ),
    OutcomeCheck(
        "transform2_response_difference",
        TRANSFORM_BENEFIT_RISK,
        "responders at day 28, the add-on arm minus the oral antidepressant alone (percentage points)",
        "69.3% vs 52.0%: 17.3 points (TRANSFORM-2)",
        17.3,
        "points",
        "within",
        10.0,
        "out-of-sample",
        "B",
        "the difference of the two checks above; the MADRS difference was -4.0 points (95% CI -7.31 to -0.64)",
    ),
)
