"""Constants of the toy plasticity chain and the conventional comparator: all ILLUSTRATIVE.

None of these is a measurement. Each was chosen by hand so that the toy model
reproduces one qualitative, published time course, named in ``tuned_to`` with
its citation. They are the only invented numbers in the package and are
labelled so wherever they appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .core import Citation

__all__ = ["CONSTANTS", "KISHIMOTO_2016", "Illustrative"]

KISHIMOTO_2016 = Citation(
    "Kishimoto T, Chawla JM, Hagi K, et al.",
    2016,
    "Single-dose infusion ketamine and non-ketamine N-methyl-D-aspartate receptor antagonists for unipolar and "
    "bipolar depression: a meta-analysis of efficacy, safety and time trajectories",
    "Psychol Med 2016;46:1459-1472",
    doi="10.1017/S0033291716000064",
    pmid="26867988",
    table="time trajectory: effect from 40 min, peak at day 1, gone by days 10-12",
)
LI_2010 = Citation(
    "Li N, Lee B, Liu RJ, et al.",
    2010,
    "mTOR-dependent synapse formation underlies the rapid antidepressant effects of NMDA antagonists",
    "Science 2010;329:959-964",
    doi="10.1126/science.1190287",
    pmid="20724638",
    table="abstract: mTOR signalling activated, synaptic proteins increased and spine density raised in rat prefrontal "
    "cortex after ketamine (time points and dose contrast not verified; no glutamate burst or BDNF shown)",
)
MOGHADDAM_1997 = Citation(
    "Moghaddam B, Adams B, Verma A, Daly D",
    1997,
    "Activation of glutamatergic neurotransmission by ketamine: a novel step in the pathway from NMDA receptor "
    "blockade to dopaminergic and cognitive disruptions associated with the prefrontal cortex",
    "J Neurosci 1997;17:2921-2927",
    doi="10.1523/JNEUROSCI.17-08-02921.1997",
    table="abstract: sub-anaesthetic ketamine (10-30 mg/kg) raised prefrontal glutamate outflow in awake rats; "
    "50 mg/kg did not, 200 mg/kg (anaesthetic) lowered it",
)
ZOLOFT_LABEL = Citation(
    "Pfizer",
    1991,
    "ZOLOFT (sertraline hydrochloride): full prescribing information",
    "US Food and Drug Administration",
    document="US prescribing information, NDA 019839",
    table="clinical pharmacology: mean elimination half-life of sertraline about 26 h (grade B: read as quoted)",
)
MODA_SAVA_2019 = Citation(
    "Moda-Sava RN, Murdock MH, Parekh PK, et al.",
    2019,
    "Sustained rescue of prefrontal circuit dysfunction by antidepressant-induced spine formation",
    "Science 2019;364:eaat8078",
    doi="10.1126/science.aat8078",
    pmid="30975859",
    table="spine formation not changed at 3-6 h, increased at 12-24 h; new spines sustain, do not start, the effect",
)
MURROUGH_2013 = Citation(
    "Murrough JW, Perez AM, Pillemer S, et al.",
    2013,
    "Rapid and longer-term antidepressant effects of repeated ketamine infusions in treatment-resistant major depression",
    "Biol Psychiatry 2013;74:250-256",
    doi="10.1016/j.biopsych.2012.06.022",
    pmid="22840761",
    table="six infusions over 12 days: 70.8% response; median time to relapse 18 days after the last infusion",
)
TRIVEDI_2006 = Citation(
    "Trivedi MH, Rush AJ, Wisniewski SR, et al.",
    2006,
    "Evaluation of outcomes with citalopram for depression using measurement-based care in STAR*D",
    "Am J Psychiatry 2006;163:28-40",
    doi="10.1176/appi.ajp.163.1.28",
    pmid="16390886",
    table="benefit over 2-6 weeks; many remissions at 8 weeks or later",
)
ZANOS_2016 = Citation(
    "Zanos P, Moaddel R, Morris PJ, et al.",
    2016,
    "NMDAR inhibition-independent antidepressant actions of ketamine metabolites",
    "Nature 2016;533:481-486",
    doi="10.1038/nature17998",
    pmid="27144355",
    table="(2R,6R)-HNK antidepressant-like effects in rodents without NMDA block (contested in humans)",
)


@dataclass(frozen=True)
class Illustrative:
    """An invented constant of the toy chain and the qualitative fact it was tuned to."""

    value: float
    unit: str
    tuned_to: str
    citation: Citation

    illustrative = True


CONSTANTS = MappingProxyType(
    {
        "drive_time_h": Illustrative(
            0.5, "h", "a glutamate surge follows sub-anaesthetic block (rat); its speed here is invented", MOGHADDAM_1997
        ),
        "signal_gain_per_h": Illustrative(
            0.9, "1/h", "mTOR signalling rises after ketamine (rat); the 1-2 h timing is invented for the toy", LI_2010
        ),
        "signal_time_h": Illustrative(5.0, "h", "synaptic proteins rise over hours and return within a day", LI_2010),
        "synthesis_time_h": Illustrative(
            7.0, "h", "spine formation not changed at 3-6 h, increased at 12-24 h (protein-synthesis lag)", MODA_SAVA_2019
        ),
        "spine_gain_per_h": Illustrative(0.16, "1/h", "index peaks at 12-48 h after one infusion", KISHIMOTO_2016),
        "spine_time_h": Illustrative(
            84.0, "h", "effect of one infusion halves by days 3-10 and is gone by days 10-12", KISHIMOTO_2016
        ),
        "consolidation_threshold": Illustrative(
            1.25,
            "index",
            "INVENTED for the toy (no paper studied a threshold): one infusion stays below it, a course of six "
            "(Murrough 2013's schedule) exceeds it",
            MURROUGH_2013,
        ),
        "consolidation_gain_per_h": Illustrative(0.02, "1/h", "six infusions hold the effect for 10-30 days", MURROUGH_2013),
        "consolidation_time_h": Illustrative(
            24.0 * 14,
            "h",
            "index of six infusions stays above half a single peak ~18 days (median relapse 18 days)",
            MURROUGH_2013,
        ),
        "consolidated_max": Illustrative(
            1.2,
            "index",
            "INVENTED for the toy (no paper studied it): repeated sessions plateau rather than build up without limit",
            MURROUGH_2013,
        ),
        "signal_weight": Illustrative(0.5, "index", "improvement measurable within 2 h, before spines form", KISHIMOTO_2016),
        "max_improvement": Illustrative(
            0.8, "fraction", "responders after one infusion at day 1, relapse by days 10-12", KISHIMOTO_2016
        ),
        "half_improvement_drive": Illustrative(0.6, "index", "about half respond at day 1 after one infusion", KISHIMOTO_2016),
        # conventional comparator (SSRI-like, daily oral)
        "ssri_half_life_h": Illustrative(
            26.0,
            "h",
            "a sertraline-like elimination half-life (label): daily dosing reaches steady state in about a week",
            ZOLOFT_LABEL,
        ),
        "ssri_occupancy_ec50": Illustrative(
            0.25, "steady-state units", "transporter block near-maximal within days", TRIVEDI_2006
        ),
        "ssri_adaptation_time_h": Illustrative(24.0 * 9, "h", "half of the final improvement after 2-6 weeks", TRIVEDI_2006),
        "ssri_max_improvement": Illustrative(0.55, "fraction", "many remissions only at 8 weeks or later", TRIVEDI_2006),
        "hnk_gain": Illustrative(
            0.5,
            "index/(mg/L)",
            "contested NMDA-independent (2R,6R)-HNK pathway; used only when switched on (off by default)",
            ZANOS_2016,
        ),
        "inverted_u_width": Illustrative(
            0.8,
            "occupancy",
            "contested inverted U: mTOR signalling at a sub-anaesthetic but not an anaesthetic dose in rodents (off by default)",
            LI_2010,
        ),
    }
)
