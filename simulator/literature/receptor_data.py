"""Published NMDA-receptor numbers: affinities, block kinetics, modifiers, concentration bands.

Every value keeps the paper's unit and measure (binding Ki at the [3H]MK-801
site, or functional IC50 from currents) and its citation. Values derived here
(for example enantiomer IC50s from a racemic IC50) say how in ``note``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

from .._validate import check_number
from .chemistry import MOLAR_MASS_G_PER_MOL
from .core import Citation, Sourced
from .products import SPRAVATO_LABEL

__all__ = [
    "AFFINITIES",
    "BANDS",
    "BLOCK_KINETICS",
    "GATING",
    "LIGANDS",
    "MAGNESIUM_FOLD",
    "RAT_BRAIN_PLASMA_RATIO",
    "UNBOUND_FRACTION",
    "VOLTAGE_DELTA",
    "ZANOS_2018",
    "Affinity",
    "Band",
    "BlockKinetics",
    "woodhull_factor",
]

EBERT_1997 = Citation(
    "Ebert B, Mikkelsen S, Thorkildsen C, Borgbjerg FM",
    1997,
    "Norketamine, the main metabolite of ketamine, is a non-competitive NMDA receptor antagonist in the rat cortex "
    "and spinal cord",
    "Eur J Pharmacol 1997;333:99-104",
    doi="10.1016/S0014-2999(97)01116-3",
    pmid="9311667",
    table="[3H]MK-801 binding to rat cortical membranes, Ki",
)
MOADDEL_2013 = Citation(
    "Moaddel R, Abdrakhmanova G, Kozak J, et al.",
    2013,
    "Sub-anesthetic concentrations of (R,S)-ketamine metabolites inhibit acetylcholine-evoked currents in "
    "alpha7 nicotinic acetylcholine receptors",
    "Eur J Pharmacol 2013;698:228-234",
    doi="10.1016/j.ejphar.2012.11.023",
    pmid="23183107",
    table="[3H]MK-801 binding Ki of the hydroxynorketamines (second-hand: table not read)",
)
ABBOTT_2020 = Citation(
    "Abbott JA, Popescu GK",
    2020,
    "Hydroxynorketamine blocks N-methyl-D-aspartate receptor currents by binding to closed receptors",
    "Mol Pharmacol 2020;98:203-210",
    pmid="32606205",
    table="abstract: (2R,6R)-HNK IC50 46 uM at GluN1/GluN2A, pH 7.2; Mg2+ competes fully",
)
WONG_1986 = Citation(
    "Wong EH, Kemp JA, Priestley T, et al.",
    1986,
    "The anticonvulsant MK-801 is a potent N-methyl-D-aspartate antagonist",
    "Proc Natl Acad Sci USA 1986;83:7104-7108",
    doi="10.1073/pnas.83.18.7104",
    pmid="3529096",
    table="abstract: [3H]MK-801 Kd 37.2 nM in rat brain membranes",
)
BLANPIED_1997 = Citation(
    "Blanpied TA, Boeckman FA, Aizenman E, Johnson JW",
    1997,
    "Trapping channel block of NMDA-activated responses by amantadine and memantine",
    "J Neurophysiol 1997;77:309-323",
    doi="10.1152/jn.1997.77.1.309",
    pmid="9120573",
    table="abstract: memantine IC50 1.4 uM at -67 mV; about 1 in 6 blocked channels releases the drug on closing",
)
DESTEXHE_1998 = Citation(
    "Destexhe A, Mainen ZF, Sejnowski TJ",
    1998,
    "Kinetic models of synaptic transmission",
    "In: Koch C, Segev I (eds). Methods in Neuronal Modeling, 2nd ed. MIT Press, Cambridge MA, 1998:1-25",
    document="book chapter (no DOI or PMID)",
    table="NMDA receptor scheme fitted to hippocampal NMDA currents: opening 46.5 /s, closing 73.8 /s, as coded in "
    "ModelDB NMDA5.mod where they are labelled 'Destexhe, Mainen & Sejnowski 1996' (grade B: chapter not opened)",
)
GILLING_2009 = Citation(
    "Gilling KE, Jatzke C, Hechenberger M, Parsons CG",
    2009,
    "Potency, voltage-dependency, agonist concentration-dependency, blocking kinetics and partial untrapping of "
    "the uncompetitive N-methyl-D-aspartate (NMDA) channel blocker memantine at human NMDA (GluN1/GluN2A) receptors",
    "Neuropharmacology 2009;56:866-875",
    doi="10.1016/j.neuropharm.2009.01.012",
    pmid="19371579",
    table="abstract, human GluN1/GluN2A at -70 mV: ketamine IC50 0.71 uM, Hill 0.84, delta 0.79, kon 0.15e6 /M/s, "
    "koff 0.22 /s, fully trapped; memantine kon 0.32e6, koff 0.53, ~20% partial untrapping (DOI/PMID not re-checked)",
)
KOTERMANSKI_2009 = Citation(
    "Kotermanski SE, Johnson JW",
    2009,
    "Mg2+ imparts NMDA receptor subtype selectivity to the Alzheimer's drug memantine",
    "J Neurosci 2009;29:2774-2779",
    doi="10.1523/JNEUROSCI.3703-08.2009",
    pmid="19261873",
    table="IC50 of ketamine and memantine at GluN2A-D with 0 and 1 mM Mg2+",
)
COHEN_1973 = Citation(
    "Cohen ML, Chan SL, Way WL, Trevor AJ",
    1973,
    "Distribution in the brain and metabolism of ketamine in the rat after intravenous administration",
    "Anesthesiology 1973;39:370-376",
    doi="10.1097/00000542-197310000-00003",
    pmid="4758343",
    table="total brain : plasma ratio 6.5 : 1 in the rat",
)
#: Citation of Zanos 2018 Table 1: plasma concentrations by clinical use.
ZANOS_2018 = Citation(
    "Zanos P, Moaddel R, Morris PJ, et al.",
    2018,
    "Ketamine and ketamine metabolite pharmacology: insights into therapeutic mechanisms",
    "Pharmacol Rev 2018;70:621-660",
    doi="10.1124/pr.117.015198",
    pmid="29945898",
    table="Table 1: plasma Cmax by clinical use",
)
BOWDLE_1998 = Citation(
    "Bowdle TA, Radant AD, Cowley DS, et al.",
    1998,
    "Psychedelic effects of ketamine in healthy volunteers: relationship to steady-state plasma concentrations",
    "Anesthesiology 1998;88:82-88",
    doi="10.1097/00000542-199801000-00015",
    pmid="9447860",
    table="abstract: steady-state targets 0, 50, 100, 150, 200 ng/mL (50 the lowest non-zero one, not a threshold); "
    "psychedelic effects rose linearly with concentration over 50-200 ng/mL",
)


@dataclass(frozen=True)
class Affinity:
    """One published affinity of a ligand for the NMDA channel (PCP/MK-801) site.

    Parameters
    ----------
    ligand : str
        Ligand key (see :data:`LIGANDS`).
    value : float
        The value in ``unit``, as published (or as derived, see ``note``).
    unit : {"uM", "nM"}
        Concentration unit of ``value``.
    measure : {"Ki", "IC50"}
        Binding inhibition constant or functional half-maximal block.
    hill : float
        Hill coefficient (1 for binding Ki).
    conditions : str
        Assay conditions (tissue or subunits, voltage, Mg2+).
    citation : Citation
        Source.
    note : str
        What was derived or assumed.
    """

    ligand: str
    value: float
    unit: str
    measure: str
    hill: float
    conditions: str
    citation: Citation
    note: str = ""

    @property
    def value_um(self) -> float:
        """The value in micromolar."""
        return self.value / 1000.0 if self.unit == "nM" else self.value


_EBERT = "[3H]MK-801 binding, rat brain homogenate"
_GILLING = "human GluN1/GluN2A, -70 mV (Mg2+-free assumed)"

#: Ligands known to the receptor model and what they are.
LIGANDS = MappingProxyType(
    {
        "esketamine": "S-ketamine",
        "arketamine": "R-ketamine",
        "esnorketamine": "S-norketamine",
        "arnorketamine": "R-norketamine",
        "hnk_2s6s": "(2S,6S)-hydroxynorketamine",
        "hnk_2r6r": "(2R,6R)-hydroxynorketamine",
        "memantine": "memantine (comparator)",
        "mk801": "MK-801, dizocilpine (comparator)",
    }
)

# Racemic functional IC50 (Gilling 2009) split into enantiomers with the S:R ratio of the binding Ki
# (Ebert 1997): a racemate at total C holds C/2 of each, so 1/IC50_rac = 0.5/IC50_S + 0.5/IC50_R and
# IC50_S = IC50_rac * 0.5 * (1 + Ki_S/Ki_R), IC50_R = IC50_S * Ki_R/Ki_S.
_KI_S, _KI_R = 0.30, 1.4
_KI_SNK, _KI_RNK = 1.7, 13.0
_IC50_RAC = 0.71
_IC50_S = _IC50_RAC * 0.5 * (1.0 + _KI_S / _KI_R)
_IC50_R = _IC50_S * _KI_R / _KI_S
_SPLIT_NOTE = "derived: racemic IC50 0.71 uM (Gilling 2009) split with the S:R binding ratio of Ebert 1997"
_NK_NOTE = "derived: S-ketamine IC50 scaled by the norketamine/ketamine binding ratio of Ebert 1997 (no functional value read)"

AFFINITIES = MappingProxyType(
    {
        ("esketamine", "Ki"): Affinity("esketamine", _KI_S, "uM", "Ki", 1.0, _EBERT, EBERT_1997),
        ("arketamine", "Ki"): Affinity("arketamine", _KI_R, "uM", "Ki", 1.0, _EBERT, EBERT_1997),
        ("esnorketamine", "Ki"): Affinity("esnorketamine", _KI_SNK, "uM", "Ki", 1.0, _EBERT, EBERT_1997),
        ("arnorketamine", "Ki"): Affinity("arnorketamine", _KI_RNK, "uM", "Ki", 1.0, _EBERT, EBERT_1997),
        ("hnk_2s6s", "Ki"): Affinity("hnk_2s6s", 21.19, "uM", "Ki", 1.0, "[3H]MK-801 binding", MOADDEL_2013),
        ("hnk_2r6r", "Ki"): Affinity(
            "hnk_2r6r", 100.0, "uM", "Ki", 1.0, "[3H]MK-801 binding", MOADDEL_2013, "published as > 100 uM: 100 is a lower bound"
        ),
        ("memantine", "Ki"): Affinity(
            "memantine",
            1.4,
            "uM",
            "Ki",
            1.0,
            "rat cortical neurons, -67 mV",
            BLANPIED_1997,
            "functional IC50 used (no binding Ki read)",
        ),
        ("mk801", "Ki"): Affinity("mk801", 37.2, "nM", "Ki", 1.0, "[3H]MK-801 saturation binding, rat brain", WONG_1986, "Kd"),
        ("esketamine", "IC50"): Affinity("esketamine", _IC50_S, "uM", "IC50", 0.84, _GILLING, GILLING_2009, _SPLIT_NOTE),
        ("arketamine", "IC50"): Affinity("arketamine", _IC50_R, "uM", "IC50", 0.84, _GILLING, GILLING_2009, _SPLIT_NOTE),
        ("esnorketamine", "IC50"): Affinity(
            "esnorketamine", _IC50_S * _KI_SNK / _KI_S, "uM", "IC50", 0.84, _GILLING, GILLING_2009, _NK_NOTE
        ),
        ("arnorketamine", "IC50"): Affinity(
            "arnorketamine", _IC50_S * _KI_RNK / _KI_S, "uM", "IC50", 0.84, _GILLING, GILLING_2009, _NK_NOTE
        ),
        ("hnk_2s6s", "IC50"): Affinity(
            "hnk_2s6s", 21.19, "uM", "IC50", 1.0, "[3H]MK-801 binding", MOADDEL_2013, "binding Ki used: no functional value read"
        ),
        ("hnk_2r6r", "IC50"): Affinity("hnk_2r6r", 46.0, "uM", "IC50", 1.0, "GluN1/GluN2A, pH 7.2, no Mg2+", ABBOTT_2020),
        ("memantine", "IC50"): Affinity("memantine", 1.4, "uM", "IC50", 1.0, "rat cortical neurons, -67 mV", BLANPIED_1997),
        ("mk801", "IC50"): Affinity(
            "mk801",
            37.2,
            "nM",
            "IC50",
            1.0,
            "[3H]MK-801 saturation binding",
            WONG_1986,
            "binding Kd used: no functional value read",
        ),
    }
)


@dataclass(frozen=True)
class BlockKinetics:
    """Channel-block rate constants of one blocker (Gilling 2009, GluN1/GluN2A, -70 mV).

    Parameters
    ----------
    kon_per_molar_s : float
        Association rate constant to the open channel, 1/(M s).
    koff_per_s : float
        Dissociation rate constant from the open channel, 1/s.
    untrapping : float
        Fraction of blocked channels that lose the blocker when they close
        (0 for a fully trapping blocker).
    citation : Citation
        Source.
    note : str
        What was assumed.
    """

    kon_per_molar_s: float
    koff_per_s: float
    untrapping: float
    citation: Citation
    note: str = ""

    @property
    def kd_um(self) -> float:
        """Kinetic dissociation constant koff/kon, micromolar."""
        return self.koff_per_s / self.kon_per_molar_s * 1e6


BLOCK_KINETICS = MappingProxyType(
    {
        "ketamine": BlockKinetics(0.15e6, 0.22, 0.0, GILLING_2009, "fully trapped"),
        "memantine": BlockKinetics(
            0.32e6, 0.53, 0.2, GILLING_2009, "partial untrapping about 20% (Gilling 2009; 1 in 6, Blanpied 1997)"
        ),
        "mk801": BlockKinetics(
            2.5e7,
            2.5e-3,
            0.0,
            WONG_1986,
            "illustrative: fast block and an off-rate of minutes (kinetic Kd 0.1 nM), fully trapped, tuned to the "
            "qualitative fact that MK-801 block is nearly irreversible in the time of an experiment; Wong 1986 is the "
            "source of its potency only",
        ),
    }
)

#: Fold increase of the IC50 in 1 mM Mg2+ (Kotermanski & Johnson 2009), by subtype.
MAGNESIUM_FOLD = MappingProxyType(
    {
        "GluN2A/2B": Sourced(
            12.0,
            "fold",
            KOTERMANSKI_2009,
            "ketamine, about 10-16x at GluN2A/2B: NOT VERIFIED, mid value of a range quoted second-hand (the "
            "paper's table was not read)",
        ),
        "GluN2C/2D": Sourced(
            3.0,
            "fold",
            KOTERMANSKI_2009,
            "ketamine, about 2-4x at GluN2C/2D: NOT VERIFIED, mid value of a range quoted second-hand (the paper's "
            "table was not read)",
        ),
    }
)
#: Woodhull voltage dependence: fraction of the membrane field the blocker crosses (Gilling 2009).
VOLTAGE_DELTA = Sourced(0.79, "fraction", GILLING_2009, "ketamine; applied to every ligand of the ketamine family")
#: Unbound fraction in plasma: 43-45% bound (Spravato label).
UNBOUND_FRACTION = Sourced(
    0.55,
    "fraction",
    SPRAVATO_LABEL,
    "esketamine plasma protein binding 43-45% (label, section 12.3); applied to ketamine and its metabolites alike",
)
#: Total brain : plasma ratio in the rat (Cohen 1973): an alternative to the free-drug default of 1.
RAT_BRAIN_PLASMA_RATIO = Sourced(6.5, "ratio", COHEN_1973, "total tissue, rat; not an unbound ratio")
#: The metabolite reaches the brain less well than the parent: noresketamine's brain-to-plasma ratio is 4 to 6 times
#: lower than esketamine's (Spravato label, section 12.3, as quoted second-hand: grade B). 1/5, the middle, applied to
#: racemic norketamine too (an assumption). ``ReceptorAssumptions(metabolite_brain_ratio=1.0)``: equal access.
METABOLITE_BRAIN_RATIO = Sourced(
    0.2,
    "ratio to the parent's",
    SPRAVATO_LABEL,
    "label 12.3 as quoted (grade B): noresketamine brain:plasma 4-6x lower than esketamine's; 1/5 assumed for racemic "
    "norketamine",
)

FARADAY_OVER_RT_PER_MV = 96485.33212 / (8.314462618 * 310.15) / 1000.0  # at 37 C, 1/mV


@dataclass(frozen=True)
class Band:
    """A named plasma concentration range with its source."""

    name: str
    low_ng_per_ml: float
    high_ng_per_ml: float
    regimen: str
    citation: Citation

    def in_um(self) -> tuple[float, float]:
        """Return the range in micromolar (of ketamine base)."""
        mass = MOLAR_MASS_G_PER_MOL["ketamine"]
        return (self.low_ng_per_ml / mass, self.high_ng_per_ml / mass)


#: Context bands for plots (REFERENCES.md section 6).
BANDS = (
    Band("analgesic", 70.0, 160.0, "0.15 mg/kg IV", ZANOS_2018),
    Band(
        "dissociation",
        100.0,
        250.0,
        "0.5 mg/kg IV over 40 min: Zanos 2018 Table 1 dissociation row (Krystal 1994); the antidepressant infusion "
        "itself peaks near 185 ng/mL (Zarate 2006, the table's antidepressant row)",
        ZANOS_2018,
    ),
    Band(
        "psychotomimetic",
        50.0,
        200.0,
        "the range of steady-state targets tested (50 the lowest, not a threshold); effects rose linearly with concentration",
        BOWDLE_1998,
    ),
    Band("anaesthetic", 1200.0, 2400.0, "1-2 mg/kg IV", ZANOS_2018),
)


#: Gating of a synaptic NMDA receptor while glutamate is bound: opening 46.5 /s and closing 73.8 /s
#: (Destexhe, Mainen & Sejnowski 1998 chapter, as coded in NEURON/ModelDB models; open probability 0.39; not
#: their 1994 paper, which gives the general formalism), and glutamate bound for 150 ms per release (NMDA
#: currents decay over about 50-300 ms: illustrative, tuned to that fact).
GATING = MappingProxyType(
    {
        "opening_per_s": Sourced(46.5, "1/s", DESTEXHE_1998, "opening rate while glutamate is bound"),
        "closing_per_s": Sourced(73.8, "1/s", DESTEXHE_1998, "closing rate"),
        "bound_s": Sourced(
            0.15, "s", DESTEXHE_1998, "ILLUSTRATIVE: glutamate bound 150 ms per release, tuned to NMDA current decay of 50-300 ms"
        ),
    }
)


def woodhull_factor(voltage_mv: float, delta: float, reference_mv: float = -70.0) -> float:
    """Return IC50(V) / IC50(reference) for a monovalent cation blocker (Woodhull 1973).

    ``voltage_mv`` and ``reference_mv``: membrane voltages, mV, each in [-200, 100]; ``delta``: the electrical
    distance of the binding site across the membrane, a fraction in [0, 1].
    """
    voltage_mv = check_number("voltage_mv", voltage_mv, low=-200.0, high=100.0)
    delta = check_number("delta", delta, low=0.0, high=1.0)
    reference_mv = check_number("reference_mv", reference_mv, low=-200.0, high=100.0)
    return math.exp(delta * FARADAY_OVER_RT_PER_MV * (voltage_mv - reference_mv))
