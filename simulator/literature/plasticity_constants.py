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
HAN_2016 = Citation(
    "Han Y, Chen J, Zou D, et al.",
    2016,
    "Efficacy of ketamine in the rapid treatment of major depressive disorder: a meta-analysis of randomized, "
    "double-blind, placebo-controlled studies",
    "Neuropsychiatr Dis Treat 2016;12:2859-2867",
    doi="10.2147/NDT.S117146",
    table="abstract: 9 RCTs, 368 patients; response in the ketamine arms 52.2% at 24 h, 47.9% at 72 h, 39.8% at day 7",
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
    table="new spines sustain, do not start, the effect (grade A: abstract); spine formation not changed at 3-6 h, "
    "increased at 12-24 h (not verified: not in the abstract; grade B for 'behaviour better within 3 h, spines "
    "regrown within 24 h', NAMI research news of 2019-04-11)",
)
MURROUGH_2013 = Citation(
    "Murrough JW, Perez AM, Pillemer S, et al.",
    2013,
    "Rapid and longer-term antidepressant effects of repeated ketamine infusions in treatment-resistant major depression",
    "Biol Psychiatry 2013;74:250-256",
    doi="10.1016/j.biopsych.2012.06.022",
    pmid="22840761",
    table="six infusions over 12 days (open label, n = 24): 70.8% response at the end; median time to relapse 18 days "
    "after the last infusion among responders (grade B: paraphrased abstract)",
)
TRIVEDI_2006 = Citation(
    "Trivedi MH, Rush AJ, Wisniewski SR, et al.",
    2006,
    "Evaluation of outcomes with citalopram for depression using measurement-based care in STAR*D",
    "Am J Psychiatry 2006;163:28-40",
    doi="10.1176/appi.ajp.163.1.28",
    pmid="16390886",
    table="abstract: citalopram up to 14 weeks; response 47% (QIDS-SR), remission 28% (HAM-D) / 33% (QIDS-SR); many "
    "responses and remissions at or after 8 weeks",
)
TAYLOR_2006 = Citation(
    "Taylor MJ, Freemantle N, Geddes JR, Bhagwagar Z",
    2006,
    "Early onset of selective serotonin reuptake inhibitor antidepressant action: systematic review and meta-analysis",
    "Arch Gen Psychiatry 2006;63:1217-1223",
    doi="10.1001/archpsyc.63.11.1217",
    pmid="17088502",
    table="abstract: 28 RCTs; SSRIs beat placebo by the end of week 1; about a third of the 6-week drug effect is "
    "present at week 1, and improvement continues at a decreasing rate",
)
WILKINSON_2019 = Citation(
    "Wilkinson ST, Farmer C, Ballard ED, et al.",
    2019,
    "Impact of midazolam vs. saline on effect size estimates in controlled trials of ketamine as a rapid-acting antidepressant",
    "Neuropsychopharmacology 2019;44:1233-1238",
    doi="10.1038/s41386-019-0317-8",
    pmid="30653192",
    table="abstract: 9 trials, N = 367; model-estimated day-1 response: ketamine 45-46%, midazolam 18%, saline 1%",
)
MUTHUKUMARASWAMY_2021 = Citation(
    "Muthukumaraswamy SD, Forsyth A, Lumley T",
    2021,
    "Blinding and expectancy confounds in psychedelic randomized controlled trials",
    "Expert Rev Clin Pharmacol 2021;14:1133-1152",
    doi="10.1080/17512433.2021.1933434",
    table="abstract: ketamine and psychedelic trials rarely report blinding success or expectancy; effect sizes are "
    "likely over-estimated by de-blinding and high response expectancy",
)
FAVA_2020 = Citation(
    "Fava M, Freeman MP, Flynn M, et al.",
    2020,
    "Double-blind, placebo-controlled, dose-ranging trial of intravenous ketamine as adjunctive therapy in "
    "treatment-resistant depression (TRD)",
    "Mol Psychiatry 2020;25:1592-1603",
    doi="10.1038/s41380-018-0256-5",
    pmid="30283029",
    table="abstract (grade A): n = 99; 0.1, 0.2, 0.5, 1.0 mg/kg over 40 min vs midazolam 0.045 mg/kg; after "
    "adjustment for multiplicity 0.5 and 1.0 mg/kg beat the active placebo on HAM-D6 (mostly at day 1); 0.1 mg/kg "
    "only before adjustment; 0.2 mg/kg did not; no responder percentages in the abstract",
)
ABDALLAH_2022 = Citation(
    "Abdallah CG, Roache JD, Gueorguieva R, et al.",
    2022,
    "Dose-related effects of ketamine for antidepressant-resistant symptoms of posttraumatic stress disorder in "
    "veterans and active duty military: a double-blind, randomized, placebo-controlled multi-center clinical trial",
    "Neuropsychopharmacology 2022;47:1574-1581",
    doi="10.1038/s41386-022-01266-9",
    pmid="35046508",
    table="abstract (grade A): n = 158, eight infusions twice weekly of placebo, 0.2 or 0.5 mg/kg; 0.5 mg/kg but not "
    "0.2 improved MADRS more than placebo; dissociation dose-related, back to baseline within 2 h and less "
    "pronounced with repeated administration",
)
LII_2023 = Citation(
    "Lii TR, Smith AE, Flohr JR, et al.",
    2023,
    "Randomized trial of ketamine masked by surgical anesthesia in patients with depression",
    "Nat Ment Health 2023;1:876-886",
    doi="10.1038/s44220-023-00140-x",
    pmid="38188539",
    table="abstract (grade A): n = 40, 0.5 mg/kg ketamine or saline during surgical anaesthesia; no difference in "
    "MADRS over days 1-3 (-5.82, 95% CI -13.3 to 1.64); 36.8% guessed their allocation; responders 60% vs 50% at "
    "day 1 (medRxiv preprint abstract only, grade B)",
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


#: One infusion, in this file: 0.5 mg/kg racemic ketamine over 40 min, typical 70 kg patient. A course: six such
#: infusions, three a week for two weeks (Murrough 2013). "Response": toy score at most half its baseline.
#: Population fractions: ``simulate_population`` with its default variability.
CONSTANTS = MappingProxyType(
    {
        "drive_time_h": Illustrative(
            0.16, "h", "a glutamate surge follows sub-anaesthetic block (rat); its speed here is invented", MOGHADDAM_1997
        ),
        "occupancy_half_drive": Illustrative(
            0.24,
            "occupancy",
            "INVENTED: the toy surge saturates with block (half at this occupancy), so that 1.0 mg/kg over 40 min "
            "is within 25% of 0.5 mg/kg in toy responders at 24 h, and 0.2 mg/kg stays near the midazolam arm "
            "(Fava 2020: 0.5 and 1.0 beat midazolam, 0.2 did not; a calibration target)",
            FAVA_2020,
        ),
        "drive_hill": Illustrative(
            8.0,
            "1",
            "INVENTED steepness of the surge's saturation with block (same targets as occupancy_half_drive)",
            FAVA_2020,
        ),
        "adaptation_time_h": Illustrative(
            0.14,
            "h",
            "INVENTED: the circuit adapts to a sustained surge within minutes (only a rise in block drives it), so "
            "a longer or deeper block does not buy a longer benefit (glutamate outflow rises transiently after a "
            "sub-anaesthetic dose and not after an anaesthetic one, rat); tuned with the Fava 2020 targets, Singh "
            "2016's schedules and (a calibration target too) a 2 mg/kg anaesthetic bolus buying at most 1.25x the toy "
            "days in response of the standard infusion (no evidence that anaesthetic doses do better; Lii 2023)",
            MOGHADDAM_1997,
        ),
        "signal_gain_per_h": Illustrative(
            6.8,
            "1/h",
            "mTOR signalling rises after ketamine (rat); the timing is INVENTED: the toy signal peaks about 4 h after "
            "the start of one infusion, so that at least half of the peak improvement is present within 4 h",
            LI_2010,
        ),
        "signal_time_h": Illustrative(
            7.5,
            "h",
            "synaptic proteins rise after ketamine (rat); INVENTED timing: the toy signal is back near zero within a day",
            LI_2010,
        ),
        "synthesis_time_h": Illustrative(
            19.5, "h", "spine formation not changed at 3-6 h, increased at 12-24 h (protein-synthesis lag)", MODA_SAVA_2019
        ),
        "spine_gain_per_h": Illustrative(
            0.19, "1/h", "index and toy improvement peak at about day 1 after one infusion (12-48 h)", KISHIMOTO_2016
        ),
        "spine_time_h": Illustrative(
            72.0,
            "h",
            "effect of one infusion halves by days 3-10 and is gone by days 10-12 (toy improvement of one infusion "
            "below 20% of its peak by day 12)",
            KISHIMOTO_2016,
        ),
        "consolidation_threshold": Illustrative(
            0.88,
            "index",
            "INVENTED for the toy (no paper studied a threshold): one infusion (or one 2 mg/kg bolus) stays below "
            "it in the typical patient, a course of six (Murrough 2013's schedule) exceeds it, and twice and three "
            "times weekly fall within 15% of each other by day 15 (Singh 2016: -18.4 vs -17.7 MADRS; a calibration "
            "target)",
            MURROUGH_2013,
        ),
        "consolidation_gain_per_h": Illustrative(
            0.23,
            "1/h",
            "six infusions: toy response in the typical patient lasts 10-30 days after the last infusion (median "
            "relapse 18 days after the last infusion among responders)",
            MURROUGH_2013,
        ),
        "consolidation_time_h": Illustrative(
            155.0,
            "h",
            "six infusions: 55-85% of virtual patients in toy response a day after the last infusion (70.8% "
            "responders), and about half of them still 18 days later (median relapse 18 days)",
            MURROUGH_2013,
        ),
        "consolidated_max": Illustrative(
            2.3,
            "index",
            "INVENTED for the toy (no paper studied it): repeated sessions plateau rather than build up without limit",
            MURROUGH_2013,
        ),
        "signal_weight": Illustrative(
            0.7,
            "index",
            "improvement from 40 min, before spines form: at least half of the peak toy improvement within 4 h of the "
            "start of one infusion (Zarate 2006, significant at 110 min, and Murrough 2013, a large fall at 2 h, both "
            "grade B)",
            KISHIMOTO_2016,
        ),
        "max_improvement": Illustrative(
            0.8, "fraction", "responders after one infusion at day 1, relapse by days 10-12", KISHIMOTO_2016
        ),
        "half_improvement_drive": Illustrative(
            0.64,
            "index",
            "the typical patient responds the day after one infusion, and 45-65% of virtual patients are in toy "
            "response at 24 h (52.2% in the ketamine arms at 24 h)",
            HAN_2016,
        ),
        # conventional comparator (SSRI-like, daily oral)
        "ssri_half_life_h": Illustrative(
            26.0,
            "h",
            "a sertraline-like elimination half-life (label): daily dosing reaches steady state in about a week",
            ZOLOFT_LABEL,
        ),
        "ssri_absorption_half_time_h": Illustrative(
            1.4,
            "h",
            "oral absorption: with the 26 h half-life the level peaks 6.2 h after a dose, inside the label's "
            "4.5-8.4 h (sertraline Cmax), so transporter block builds over the hours after the first tablet",
            ZOLOFT_LABEL,
        ),
        "ssri_occupancy_ec50": Illustrative(
            0.25, "steady-state units", "transporter block near-maximal within days", TRIVEDI_2006
        ),
        "ssri_adaptation_time_h": Illustrative(
            24.0 * 12,
            "h",
            "SSRIs beat placebo by the end of week 1, and improvement continues at a decreasing rate (about a third of "
            "the 6-week drug effect at week 1): the typical toy improvement reaches half of its week-8 value in 1-3 "
            "weeks (Posternak 2005: about 60% of all improvement in weeks 1-2, grade A in the notes)",
            TAYLOR_2006,
        ),
        "ssri_drive": Illustrative(
            0.5,
            "index",
            "INVENTED strength of the adapted comparator on the toy symptom map, beside a drug arm's expectancy: "
            "35-60% of virtual patients in toy response at week 8 and more later (STAR*D level 1: 47% response by exit, "
            "many at or after 8 weeks)",
            TRIVEDI_2006,
        ),
        # expectancy: present in every arm (toy); the placebo arms are expectancy alone
        "expectancy_masked_drive": Illustrative(
            1.15,
            "index",
            "INVENTED: under surgical anaesthesia nobody can tell the arms apart and both expect a lot: about half of "
            "the saline arm in toy response at day 1 (Lii 2023: 50% on saline, preprint; a calibration target; that "
            "ketamine then adds little is the out-of-sample check)",
            LII_2023,
        ),
        "placebo_midazolam_drive": Illustrative(
            0.63,
            "index",
            "toy expectancy of a blinded arm given something active: the midazolam arm, and (INVENTED) every drug arm "
            "too (ketamine, esketamine, the SSRI): about 18-28% of virtual patients in toy response at 24 h on "
            "midazolam (model-estimated 18% at day 1; Cochrane 2021: 25.9% at 24 h; Murrough 2013 AJP: 28%, grade B); "
            "that 0.1 mg/kg ketamine is then not worse than midazolam (Fava 2020) is a calibration target",
            WILKINSON_2019,
        ),
        "placebo_saline_drive": Illustrative(
            0.15,
            "index",
            "toy inert placebo (saline): at most about 5% of virtual patients in toy response at 24 h (model-estimated "
            "1% at day 1): patients can tell that saline is not ketamine",
            WILKINSON_2019,
        ),
        "tablet_expectancy_time_h": Illustrative(
            24.0 * 7,
            "h",
            "INVENTED: with a tablet a day, the expectancy of a drug arm builds over the first weeks rather than "
            "within hours of a session (in tablet trials most of both the drug's and the placebo's improvement comes "
            "in weeks 1-2, Posternak 2005, grade A in the notes; the SSRI still beats it by the end of week 1, Taylor "
            "2006)",
            TAYLOR_2006,
        ),
        "placebo_rise_time_h": Illustrative(
            2.0,
            "h",
            "INVENTED: the placebo improvement is there within hours of the session (only its day-1 size is cited)",
            WILKINSON_2019,
        ),
        "placebo_time_h": Illustrative(
            24.0 * 4,
            "h",
            "INVENTED: the placebo improvement of one session fades over days (no time course beyond day 1 is cited)",
            WILKINSON_2019,
        ),
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
