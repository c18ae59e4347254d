"""Facts behind the course material on suicidal thoughts, medication combined with therapy, and synapse loss.

Data only, each with its source, read on 2026-12-08 with the search tools (stored corpora only; working notes in
``docs/literature_checks_crisis_and_therapy.md``, grades in ``docs/literature_checks_grades.md``):

* severe depression with suicidal thoughts: the individual-participant-data meta-analysis of one ketamine
  infusion (Wilkinson 2018), the esketamine trials in patients with active suicidal ideation with intent
  (Canuso 2018, ASPIRE I and II) and the 2020 Spravato indication with its limitation of use;
* medication combined with therapy: esketamine with a newly started oral antidepressant (TRANSFORM-2), the
  plasticity-window hypothesis (Wilkinson 2019 review) and the small trials of psychotherapy after ketamine;
* synapse loss in depression, the "healthy reference" that restoration moves toward: post-mortem (Kang 2012),
  PET (Holmes 2019, and Holmes 2022 for what one infusion did not show), chronic stress in rodents (Li 2011,
  Moda-Sava 2019).

Differences are written drug minus comparator, as the papers write them: a negative MADRS difference favours
the drug. No number here is a dose for a person, and nothing here says what a person in crisis should take:
:data:`CRISIS_POINTS` says that a crisis is an emergency for people, not for a simulator. Teaching models:
illustrative, not for dosing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .core import Citation, Sourced
from .plasticity_constants import LI_2010, MODA_SAVA_2019
from .safety import SafetyPoint

__all__ = [
    "ACEP_CRISIS",
    "CANADY_2020",
    "CANUSO_2018",
    "CRISIS_NOTE",
    "CRISIS_POINTS",
    "DORE_2019",
    "EVIDENCE_POINTS",
    "EVIDENCE_TOPICS",
    "FU_2020",
    "GRABSKI_2022",
    "HOLMES_2019",
    "HOLMES_2022",
    "IONESCU_2021",
    "KANG_2012",
    "LI_2011",
    "NUMBERS",
    "POPOVA_2019",
    "SPRAVATO_LABEL_2020",
    "TRANSFORM_BENEFIT_RISK",
    "WILKINSON_2017",
    "WILKINSON_2018",
    "WILKINSON_2019_REVIEW",
    "WILKINSON_2021",
    "EvidencePoint",
]

# ----------------------------------------------------------------------------- severe depression, suicidal thoughts

#: Individual-participant-data meta-analysis of one intravenous ketamine dose on suicidal ideation.
WILKINSON_2018 = Citation(
    "Wilkinson ST, Ballard ED, Bloch MH, et al.",
    2018,
    "The effect of a single dose of intravenous ketamine on suicidal ideation: a systematic review and individual "
    "participant data meta-analysis",
    "Am J Psychiatry 2018;175(2):150-158",
    doi="10.1176/appi.ajp.2017.17040472",
    pmid="28969441",
    table="abstract: data from 10 of 11 comparison studies (saline or midazolam), N = 167 with suicidal ideation at "
    "baseline; reduced within 1 day, for up to 1 week, Cohen's d 0.48-0.85 at all time points; significant after "
    "adjusting for concurrent change in depressive symptoms (per-day effect sizes are not in the abstract)",
)
#: Phase 2 proof of concept: esketamine or placebo spray with standard care in patients at imminent risk for suicide.
CANUSO_2018 = Citation(
    "Canuso CM, et al.",
    2018,
    "Efficacy and safety of intranasal esketamine for the rapid reduction of symptoms of depression and suicidality "
    "in patients at imminent risk for suicide: results of a double-blind, randomized, placebo-controlled study",
    "Am J Psychiatry 2018 (volume and pages not verified)",
    doi="10.1176/appi.ajp.2018.17060720",
    table="abstract: N = 68; MADRS difference -5.3 at 4 h and -7.2 at about 24 h (significant), -4.5 at day 25 (not)",
)
#: ASPIRE I: esketamine 84 mg or placebo spray twice weekly for 4 weeks, each with comprehensive standard of care.
FU_2020 = Citation(
    "Fu DJ, Ionescu DF, Li X, et al.",
    2020,
    "Esketamine nasal spray for rapid reduction of major depressive disorder symptoms in patients who have active "
    "suicidal ideation with intent: double-blind, randomized study (ASPIRE I)",
    "J Clin Psychiatry 2020;81(3):19m13191",
    doi="10.4088/JCP.19m13191",
    table="abstract: N = 226; MADRS at 24 h -3.8 (SE 1.39; 95% CI -6.56 to -1.09; P = .006); severity of suicidality "
    "(CGI-SS-r) not different, median difference 0.0 (-1.00 to 0.00; P = .107)",
)
#: ASPIRE II: the replicate of ASPIRE I.
IONESCU_2021 = Citation(
    "Ionescu DF, Fu DJ, Qiu X, et al.",
    2021,
    "Esketamine nasal spray for rapid reduction of depressive symptoms in patients with major depressive disorder "
    "who have active suicide ideation with intent: results of a phase 3, double-blind, randomized study (ASPIRE II)",
    "Int J Neuropsychopharmacol 2021;24(1):22-31",
    doi="10.1093/ijnp/pyaa068",
    pmid="32861217",
    table="abstract: 230 randomised, 227 analysed; MADRS at 24 h -15.7 vs -12.4, difference -3.9 (SE 1.39; 95% CI "
    "-6.60 to -1.11; P = .006); -4.2 at 4 h; CGI-SS-r fell in both arms (between-group difference not significant: "
    "B, the abstract copy breaks off there; PMC9540857 Table 5 says 'NS')",
)
#: The Spravato label as revised in 2020 with its second indication.
SPRAVATO_LABEL_2020 = Citation(
    "Janssen Pharmaceuticals",
    2020,
    "SPRAVATO (esketamine) nasal spray, CIII: full prescribing information (revision adding major depressive "
    "disorder with acute suicidal ideation or behavior)",
    "US Food and Drug Administration, supplemental approval 2020",
    document="US prescribing information, NDA 211243, 2020 revision (MDSI indication)",
    table="section 1 as quoted by a clinic page (grade B): indicated for 'depressive symptoms in adults with major "
    "depressive disorder (MDD) with acute suicidal ideation or behavior' with an oral antidepressant; limitation of "
    "use: 'effectiveness in preventing suicide or reducing suicidal ideation or behavior has not been demonstrated'; "
    "not in place of hospitalisation (the manufacturer's patient page)",
)
#: News item of the approval date of the 2020 indication.
CANADY_2020 = Citation(
    "Canady VA",
    2020,
    "FDA approves esketamine treatment for MDD, suicidal ideation",
    "Mental Health Weekly 2020",
    doi="10.1002/mhw.32471",
    table="abstract: the FDA announced on Aug. 3 approval of the sNDA for MDD with acute suicidal ideation or "
    "behavior; first approval March 5, 2019 for treatment-resistant depression",
)
#: A professional society's public page on what to do in a suicidal crisis (United States).
ACEP_CRISIS = Citation(
    "ACEP (American College of Emergency Physicians)",
    2022,
    "Suicide: know the warning signs, know how to help",
    "emergencyphysicians.org (patient information page; undated, after the 988 launch of July 2022)",
    document="https://www.emergencyphysicians.org/article/mental-health/suicide-know-the-warning-signs-know-how-to-help",
    table="'If there is an immediate health or safety risk, call 911 or go to the nearest emergency department'; "
    "'call or text 988' (Suicide and Crisis Lifeline)",
)

# ----------------------------------------------------------------------------- medication combined with therapy

#: TRANSFORM-2: flexibly dosed esketamine plus a newly started oral antidepressant vs the antidepressant plus placebo spray.
POPOVA_2019 = Citation(
    "Popova V, et al.",
    2019,
    "Efficacy and safety of flexibly dosed esketamine nasal spray combined with a newly initiated oral "
    "antidepressant in treatment-resistant depression: a randomized double-blind active-controlled study",
    "Am J Psychiatry 2019 (volume and pages not verified)",
    document="ClinicalTrials.gov NCT02418585 (TRANSFORM-2); the paper's DOI not verified",
    table="abstract (copies): 39 outpatient centres; 227 randomised, 197 completed 28 days; MADRS at day 28: "
    "difference of LS means -4.0 (SE 1.69; 95% CI -7.31 to -0.64); the arms' own changes not read",
)
#: Benefit-risk analysis of the esketamine TRD trials: the day-28 responder and remitter rates per arm (Table 1).
TRANSFORM_BENEFIT_RISK = Citation(
    "PMC7894501 (authors not read)",
    2021,
    "(title not read): benefit-risk of esketamine nasal spray with an oral antidepressant in treatment-resistant depression",
    "Clin Pharmacol Ther 2021;109(2):536-546",
    doi="10.1002/cpt.2024",
    document="PMC7894501",
    table="Table 1, TRANSFORM-2 (esketamine + AD n = 114, AD + placebo n = 109): responders 69.3 vs 52.0 per 100 "
    "(difference 17.3, 95% CI 4.01-30.60), remitters 52.5 vs 31.0 (21.5, 8.17-34.78) at day 28",
)
#: Review stating the plasticity-window hypothesis: a plasticity-enhancing treatment opens a window for therapy.
WILKINSON_2019_REVIEW = Citation(
    "Wilkinson ST, et al.",
    2019,
    "Leveraging neuroplasticity to enhance adaptive learning: the potential for synergistic somatic-behavioral "
    "treatment combinations to improve clinical outcomes in depression",
    "Biol Psychiatry 2019;85(6):454-465",
    doi="10.1016/j.biopsych.2018.09.004",
    pmid="30528745",
    document="PMC6380941",
    table="abstract: plasticity-enhancing treatments 'may provide an opportune window wherein cognitive or behavioral "
    "interventions could be introduced'; the authors 'identify key missing pieces of evidence' (co-authors not read)",
)
#: Open-label pilot: a 10-week course of cognitive behavioural therapy started with four ketamine infusions.
WILKINSON_2017 = Citation(
    "Wilkinson ST, et al.",
    2017,
    "Cognitive behavior therapy may sustain antidepressant effects of intravenous ketamine in treatment-resistant depression",
    "Psychother Psychosom 2017;86(3):162-167",
    doi="10.1159/000457960",
    pmid="28490030",
    table="abstract: 16 started; 8 (50%) responded, 7 (43.8%) remitted; 2 of 8 responders relapsed by the end of CBT "
    "(8 weeks after the last infusion); 5 of 8 relapsed eventually, median 12 weeks after ketamine (co-authors "
    "not read)",
)
#: Randomised trial: responders to six ketamine infusions randomised to 14 weeks of CBT or treatment as usual.
WILKINSON_2021 = Citation(
    "Wilkinson ST, et al.",
    2021,
    "Cognitive behavioral therapy to sustain the antidepressant effects of ketamine in treatment-resistant "
    "depression: a randomized clinical trial",
    "Psychother Psychosom 2021;90(5):318-327",
    doi="10.1159/000517074",
    table="abstract: 42 consented, 28 responded and were randomised; MADRS (primary) d = 0.65 (95% CI -0.55 to 1.82), "
    "group-by-time not significant; QIDS group-by-time F = 4.58, p = 0.033, d = 0.71 (-0.30 to 1.70) at 14 weeks",
)
#: KARE: ketamine or saline, each with relapse-prevention therapy or alcohol education, in alcohol use disorder.
GRABSKI_2022 = Citation(
    "Grabski M, McAndrew A, Lawn W, et al.",
    2022,
    "Adjunctive ketamine with relapse prevention-based psychological therapy in the treatment of alcohol use disorder",
    "Am J Psychiatry 2022 (volume and pages not verified)",
    doi="10.1176/appi.ajp.2021.21030277",
    table="abstract: N = 96, 2 x 2; days abstinent at 6 months +10.1% with ketamine vs saline (95% CI 1.1-19.0), "
    "+15.9% ketamine + therapy vs saline + education (3.8-28.1); relapse rate not different",
)
#: Retrospective chart data of ketamine-assisted psychotherapy in three private practices.
DORE_2019 = Citation(
    "Dore J, Turnipseed B, Dwyer S, et al.",
    2019,
    "Ketamine assisted psychotherapy (KAP): patient demographics, clinical data and outcomes in three large "
    "practices administering ketamine with psychotherapy",
    "J Psychoactive Drugs 2019;51(2):189-198",
    doi="10.1080/02791072.2019.1587556",
    table="abstract: 235 patients; no control group; intramuscular or sublingual ketamine with psychotherapy; BDI and "
    "HAM-A fell (PMID 30917760 and 'collected prospectively, analyzed retrospectively' read on a summary page, B)",
)

# ----------------------------------------------------------------------------- synapse loss in depression

#: Post-mortem dorsolateral prefrontal cortex in major depression: fewer synapses, lower synapse-related genes.
KANG_2012 = Citation(
    "Kang HJ, Voleti B, Hajszan T, et al.",
    2012,
    "Decreased expression of synapse-related genes and loss of synapses in major depressive disorder",
    "Nat Med 2012;18(9):1413-1417",
    doi="10.1038/nm.2886",
    pmid="22885997",
    document="PMC3491115",
    table="abstract: lower expression of CALM2, SYN1, RAB3A, RAB4B and TUBB4 and a corresponding lower number of "
    "synapses in dlPFC; GATA1 higher (the size of the synapse reduction is in a figure, not read)",
)
#: SV2A PET in unmedicated MDD/PTSD: lower synaptic density with more severe depression.
HOLMES_2019 = Citation(
    "Holmes SE, Scheinost D, Finnema SJ, et al.",
    2019,
    "Lower synaptic density is associated with depression severity and network alterations",
    "Nat Commun 2019;10:1529",
    doi="10.1038/s41467-019-09562-7",
    pmid="30948709",
    document="PMC6449365",
    table="abstract: n = 26 unmedicated (MDD, PTSD or both), 21 healthy controls; SV2A density inversely correlated "
    "with depressive severity; the high-depression group lower than controls (percentages not in the abstract)",
)
#: SV2A PET 24 h after one ketamine infusion: no measurable change overall.
HOLMES_2022 = Citation(
    "Holmes SE, et al.",
    2022,
    "Imaging the effect of ketamine on synaptic density (SV2A) in the living brain",
    "Mol Psychiatry 2022",
    doi="10.1038/s41380-022-01465-2",
    table="abstract: no measurable effect on SV2A density 24 h after a single ketamine dose (monkeys, controls, MDD "
    "and/or PTSD) despite fewer symptoms; post hoc, low-baseline patients may increase; 'needs replication' "
    "(authors not read on the copy)",
)
#: Chronic unpredictable stress in rats: fewer prefrontal spines and synaptic proteins, reversed by ketamine.
LI_2011 = Citation(
    "Li N, et al.",
    2011,
    "Glutamate N-methyl-D-aspartate receptor antagonists rapidly reverse behavioral and synaptic deficits caused by "
    "chronic stress exposure",
    "Biol Psychiatry 2011 (volume and pages not verified)",
    document="PMC3068225",
    table="abstract: 21-day chronic unpredictable stress lowered synaptic proteins, spine number and EPSC "
    "frequency/amplitude in layer V prefrontal pyramidal neurons; rapidly reversed by ketamine, mTOR-dependent "
    "(co-authors not read)",
)

# ----------------------------------------------------------------------------- the numbers

_W18 = "IPD meta-analysis, single IV ketamine vs saline or midazolam"
_ASP = "esketamine 84 mg twice weekly + comprehensive standard of care vs placebo spray + standard of care"
_T2 = "TRANSFORM-2, esketamine + new oral antidepressant vs new oral antidepressant + placebo spray, day 28"

#: Name -> one published number of this material, with its unit and source (grades in the grades file).
NUMBERS = {
    # Wilkinson 2018
    "wilkinson_2018_trials": Sourced(10.0, "trials", WILKINSON_2018, f"{_W18}: data from 10 of 11 identified trials"),
    "wilkinson_2018_participants": Sourced(167.0, "participants", WILKINSON_2018, "with suicidal ideation at baseline"),
    "wilkinson_2018_onset_days": Sourced(1.0, "day", WILKINSON_2018, "suicidal ideation reduced significantly within 1 day"),
    "wilkinson_2018_lasting_days": Sourced(7.0, "day", WILKINSON_2018, "reduction for up to 1 week (the window analysed)"),
    "wilkinson_2018_effect_size_low": Sourced(0.48, "Cohen's d", WILKINSON_2018, "smallest effect size of all time points"),
    "wilkinson_2018_effect_size_high": Sourced(0.85, "Cohen's d", WILKINSON_2018, "largest effect size of all time points"),
    "wilkinson_2018_nnt_low": Sourced(3.1, "NNT", WILKINSON_2018, "NNT to be free of ideation, week 1 (B: review)"),
    "wilkinson_2018_nnt_high": Sourced(4.0, "NNT", WILKINSON_2018, "NNT to be free of ideation, week 1 (B: review)"),
    # Canuso 2018
    "canuso_2018_participants": Sourced(68.0, "participants", CANUSO_2018, "randomised, esketamine 84 mg or placebo"),
    "canuso_2018_madrs_difference_4h": Sourced(-5.3, "MADRS points", CANUSO_2018, "LS mean difference at 4 h (SE 2.10)"),
    "canuso_2018_madrs_difference_24h": Sourced(-7.2, "MADRS points", CANUSO_2018, "LS mean difference at ~24 h (SE 2.85)"),
    "canuso_2018_madrs_difference_day25": Sourced(-4.5, "MADRS points", CANUSO_2018, "day 25, not significant (SE 3.14)"),
    # ASPIRE I and II
    "aspire1_participants": Sourced(226.0, "participants", FU_2020, f"ASPIRE I, {_ASP}"),
    "aspire1_madrs_difference_24h": Sourced(-3.8, "MADRS points", FU_2020, "LS mean difference at 24 h, P = .006"),
    "aspire1_madrs_difference_24h_ci_low": Sourced(-6.56, "MADRS points", FU_2020, "95% CI lower bound"),
    "aspire1_madrs_difference_24h_ci_high": Sourced(-1.09, "MADRS points", FU_2020, "95% CI upper bound"),
    "aspire1_cgi_ss_r_difference_24h": Sourced(0.0, "CGI-SS-r points", FU_2020, "median difference (Hodges-Lehmann)"),
    "aspire1_cgi_ss_r_ci_low": Sourced(-1.0, "CGI-SS-r points", FU_2020, "95% CI lower bound"),
    "aspire1_cgi_ss_r_ci_high": Sourced(0.0, "CGI-SS-r points", FU_2020, "95% CI upper bound"),
    "aspire1_cgi_ss_r_p": Sourced(0.107, "p", FU_2020, "two-sided: severity of suicidality did not separate"),
    "aspire1_madrs_change_esketamine_24h": Sourced(-16.4, "MADRS points", FU_2020, "arm mean change (B: review table)"),
    "aspire1_madrs_change_placebo_24h": Sourced(-12.8, "MADRS points", FU_2020, "arm mean change (B: review table)"),
    "aspire2_randomised": Sourced(230.0, "participants", IONESCU_2021, f"ASPIRE II, {_ASP}; 115 per arm"),
    "aspire2_analysed": Sourced(227.0, "participants", IONESCU_2021, "received study drug, in the efficacy analyses"),
    "aspire2_madrs_change_esketamine_24h": Sourced(-15.7, "MADRS points", IONESCU_2021, "arm mean change (SD 11.56)"),
    "aspire2_madrs_change_placebo_24h": Sourced(-12.4, "MADRS points", IONESCU_2021, "arm mean change (SD 10.43)"),
    "aspire2_madrs_difference_24h": Sourced(-3.9, "MADRS points", IONESCU_2021, "LS mean difference at 24 h, P = .006"),
    "aspire2_madrs_difference_24h_ci_low": Sourced(-6.60, "MADRS points", IONESCU_2021, "95% CI lower bound"),
    "aspire2_madrs_difference_24h_ci_high": Sourced(-1.11, "MADRS points", IONESCU_2021, "95% CI upper bound"),
    "aspire2_madrs_difference_4h": Sourced(-4.2, "MADRS points", IONESCU_2021, "LS mean difference at 4 h"),
    # TRANSFORM-2
    "transform2_randomised": Sourced(227.0, "participants", POPOVA_2019, f"{_T2}: randomised"),
    "transform2_completed": Sourced(197.0, "participants", POPOVA_2019, "completed the 28-day double-blind phase"),
    "transform2_madrs_difference_day28": Sourced(-4.0, "MADRS points", POPOVA_2019, "LS mean difference (SE 1.69)"),
    "transform2_madrs_difference_ci_low": Sourced(-7.31, "MADRS points", POPOVA_2019, "95% CI lower bound"),
    "transform2_madrs_difference_ci_high": Sourced(-0.64, "MADRS points", POPOVA_2019, "95% CI upper bound"),
    "transform2_response_esketamine": Sourced(69.3, "%", TRANSFORM_BENEFIT_RISK, "responders at day 28, esketamine + AD"),
    "transform2_response_comparator": Sourced(52.0, "%", TRANSFORM_BENEFIT_RISK, "responders at day 28, AD + placebo"),
    "transform2_remission_esketamine": Sourced(52.5, "%", TRANSFORM_BENEFIT_RISK, "remitters at day 28, esketamine + AD"),
    "transform2_remission_comparator": Sourced(31.0, "%", TRANSFORM_BENEFIT_RISK, "remitters at day 28, AD + placebo"),
    # psychotherapy after ketamine
    "wilkinson_2017_participants": Sourced(16.0, "participants", WILKINSON_2017, "open label, CBT with 4 infusions"),
    "wilkinson_2017_responders": Sourced(8.0, "participants", WILKINSON_2017, "responded to ketamine (50%)"),
    "wilkinson_2017_remitters": Sourced(7.0, "participants", WILKINSON_2017, "remitted in the first 2 weeks (43.8%)"),
    "wilkinson_2017_relapse_end_of_cbt": Sourced(25.0, "%", WILKINSON_2017, "of responders (2/8), 8 weeks after ketamine"),
    "wilkinson_2017_relapsed_eventually": Sourced(5.0, "participants", WILKINSON_2017, "of the 8 responders, longer follow-up"),
    "wilkinson_2017_median_relapse_weeks": Sourced(12.0, "week", WILKINSON_2017, "median time to relapse after ketamine"),
    "wilkinson_2021_consented": Sourced(42.0, "participants", WILKINSON_2021, "treated with 6 infusions over 3 weeks"),
    "wilkinson_2021_randomised": Sourced(28.0, "participants", WILKINSON_2021, "responders randomised to CBT or usual care"),
    "wilkinson_2021_madrs_effect_size": Sourced(0.65, "Cohen's d", WILKINSON_2021, "primary; 95% CI -0.55 to 1.82, NS"),
    "wilkinson_2021_qids_effect_size": Sourced(0.71, "Cohen's d", WILKINSON_2021, "self-report; 95% CI -0.30 to 1.70"),
    "wilkinson_2021_qids_interaction_p": Sourced(0.033, "p", WILKINSON_2021, "QIDS group-by-time interaction"),
    "grabski_2022_participants": Sourced(96.0, "participants", GRABSKI_2022, "severe alcohol use disorder, four arms"),
    "grabski_2022_abstinence_difference": Sourced(10.1, "% days", GRABSKI_2022, "ketamine vs saline at 6 months (1.1-19.0)"),
    "grabski_2022_abstinence_difference_therapy": Sourced(
        15.9, "% days", GRABSKI_2022, "ketamine + therapy vs saline + education (3.8-28.1)"
    ),
    "dore_2019_patients": Sourced(235.0, "patients", DORE_2019, "three private practices, retrospective, no control"),
    # synapse loss
    "holmes_2019_patients": Sourced(26.0, "participants", HOLMES_2019, "unmedicated MDD, PTSD or both"),
    "holmes_2019_controls": Sourced(21.0, "participants", HOLMES_2019, "healthy controls"),
}


# ----------------------------------------------------------------------------- the statements

#: The topics an evidence point may have, in the order the course meets them.
EVIDENCE_TOPICS = ("suicidal ideation", "combined medication", "psychotherapy", "synapse loss", "restoration")


@dataclass(frozen=True)
class EvidencePoint:
    """One finding as its source states it, with what limits it: the evidence counterpart of a safety point.

    Parameters
    ----------
    topic : str
        One of :data:`EVIDENCE_TOPICS`.
    statement : str
        The finding, paraphrased from the source (design, size, result; no dose or advice for a person).
    caveat : str
        What limits it: design, size, blinding, replication, species.
    citation : Citation
        Where it comes from.
    section : str
        The part of the source it was read in.
    """

    topic: str
    statement: str
    caveat: str
    citation: Citation
    section: str

    def __post_init__(self):
        if self.topic not in EVIDENCE_TOPICS:
            raise ValueError(f"topic must be one of {list(EVIDENCE_TOPICS)}, got {self.topic!r}")
        for name in ("statement", "caveat", "section"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name} must be a non-empty string, got {value!r}")
        if not isinstance(self.citation, Citation):
            raise TypeError(f"citation must be a simulator.literature.Citation, got {type(self.citation).__name__}")


#: The findings behind the crisis, therapy and synapse material, each with its caveat.
EVIDENCE_POINTS = (
    EvidencePoint(
        "suicidal ideation",
        "Pooling the individual data of 10 controlled trials (167 patients with suicidal ideation), one ketamine "
        "infusion reduced suicidal ideation within a day, for up to a week, more than saline or midazolam (effect sizes "
        "0.48-0.85), and the effect remained after adjusting for the concurrent fall in depressive symptoms.",
        "Suicidal ideation is not suicidal behaviour: no trial here measured suicide attempts or deaths; follow-up was "
        "one week; ideation was read off single items of depression scales.",
        WILKINSON_2018,
        "abstract",
    ),
    EvidencePoint(
        "suicidal ideation",
        "In two phase 3 trials of patients with active suicidal ideation with intent (226 and 230 patients), esketamine "
        "84 mg twice weekly with comprehensive standard care (hospitalisation and a new or optimised oral "
        "antidepressant) lowered MADRS more than placebo spray with the same care at 24 h (-3.8 and -3.9 points).",
        "The key secondary measure, severity of suicidality (CGI-SS-r), fell in both arms and did not separate at 24 h: "
        "the drug moved depressive symptoms, not demonstrably suicidality; everyone was hospitalised.",
        FU_2020,
        "abstract (ASPIRE I); ASPIRE II read in its abstract (Ionescu 2021)",
    ),
    EvidencePoint(
        "suicidal ideation",
        "ASPIRE II replicated ASPIRE I: MADRS -15.7 vs -12.4 at 24 h (difference -3.9), also at 4 h (-4.2); 80% "
        "completed the 4 weeks.",
        "Suicidality (CGI-SS-r) fell in both arms without a significant difference; the placebo arm improved by "
        "12 points with hospital care alone.",
        IONESCU_2021,
        "abstract",
    ),
    EvidencePoint(
        "suicidal ideation",
        "The phase 2 proof of concept (68 patients at imminent risk for suicide) found a larger fall in MADRS with "
        "esketamine than placebo at 4 h (-5.3) and about 24 h (-7.2), but not at day 25 (-4.5).",
        "Small; the benefit over standard care was no longer significant by the end of the 4 weeks.",
        CANUSO_2018,
        "abstract",
    ),
    EvidencePoint(
        "combined medication",
        "In treatment-resistant depression, switching to esketamine nasal spray plus a newly started oral "
        "antidepressant lowered MADRS at day 28 more than the new antidepressant plus placebo spray (difference -4.0 "
        "points, 95% CI -7.31 to -0.64); responders 69.3% vs 52.0%, remitters 52.5% vs 31.0%.",
        "Both arms started a new antidepressant, so the comparison isolates the spray; one trial of 227 patients over "
        "4 weeks; the arms' own MADRS changes were not read here; a spray that causes dissociation may be recognised "
        "(unblinding).",
        POPOVA_2019,
        "abstract (MADRS); Table 1 of a benefit-risk paper (rates, PMC7894501)",
    ),
    EvidencePoint(
        "psychotherapy",
        "Plasticity-enhancing treatments such as ketamine may open a window in which cognitive or behavioural "
        "therapy is taken up better, so that combining them could make the benefit last longer.",
        "A hypothesis: the review itself names the missing pieces of evidence; no trial has shown that the window "
        "exists in patients or how long it lasts.",
        WILKINSON_2019_REVIEW,
        "abstract",
    ),
    EvidencePoint(
        "psychotherapy",
        "Open label: 16 patients began 10 weeks of CBT with four ketamine infusions; of the 8 responders, 2 (25%) had "
        "relapsed by the end of CBT, 8 weeks after the last infusion, and 5 eventually (median 12 weeks).",
        "16 patients, no control group, open label: nothing here separates CBT from ketamine alone.",
        WILKINSON_2017,
        "abstract",
    ),
    EvidencePoint(
        "psychotherapy",
        "Randomised: 28 of 42 patients responded to six ketamine infusions and were randomised to 14 weeks of CBT or "
        "treatment as usual; self-rated symptoms (QIDS) stayed lower with CBT (d = 0.71), clinician-rated MADRS (the "
        "primary outcome) did not differ significantly (d = 0.65, 95% CI -0.55 to 1.82).",
        "Proof of concept: 28 randomised, primary outcome not significant, therapy not blinded, not replicated. The "
        "comparison is CBT vs usual care after open ketamine, not ketamine vs midazolam.",
        WILKINSON_2021,
        "abstract",
    ),
    EvidencePoint(
        "psychotherapy",
        "In alcohol use disorder (96 patients, 2 x 2 design), three ketamine infusions gave more days abstinent at 6 "
        "months than saline (+10.1%), most with ketamine plus relapse-prevention therapy against saline plus "
        "education (+15.9%); relapse rates did not differ.",
        "A phase 2 proof of concept with wide confidence intervals, about 24 patients per arm, a different disorder; "
        "the abstract compares ketamine plus therapy only with saline plus education, not with ketamine plus "
        "education.",
        GRABSKI_2022,
        "abstract",
    ),
    EvidencePoint(
        "psychotherapy",
        "Records of 235 patients of three private practices giving ketamine (not intravenously) with psychotherapy "
        "show falls in depression and anxiety scores.",
        "Retrospective, no control group, self-selected paying patients, practices run by the authors: it describes "
        "a practice, it does not test one.",
        DORE_2019,
        "abstract",
    ),
    EvidencePoint(
        "synapse loss",
        "Post-mortem dorsolateral prefrontal cortex of people with major depression had lower expression of "
        "synapse-related genes and a corresponding lower number of synapses (electron microscopy).",
        "Post-mortem tissue, at the end of an illness and after its treatments; the size of the loss is in a figure "
        "not read here.",
        KANG_2012,
        "abstract",
    ),
    EvidencePoint(
        "synapse loss",
        "SV2A PET in 26 unmedicated patients (MDD, PTSD or both) and 21 controls: the more severe the depression, the "
        "lower the synaptic density; the high-depression group was lower than the controls.",
        "SV2A indexes nerve terminals indirectly; small groups; cross-sectional, so it cannot tell cause from effect.",
        HOLMES_2019,
        "abstract",
    ),
    EvidencePoint(
        "restoration",
        "One day after a single ketamine dose, SV2A PET showed no measurable change in synaptic density overall, "
        "despite the fall in symptoms; post hoc, patients with low density at baseline may have gained.",
        "Exploratory subgroup; 24 h only; the authors say it needs replication. Restoration in people is not demonstrated.",
        HOLMES_2022,
        "abstract",
    ),
    EvidencePoint(
        "restoration",
        "In rats, 21 days of chronic unpredictable stress removed prefrontal spines and synaptic proteins; one "
        "ketamine dose rapidly reversed these deficits and the behaviour, and blocking mTOR abolished the reversal.",
        "Rodents, a stress model, acute behavioural tests.",
        LI_2011,
        "abstract",
    ),
    EvidencePoint(
        "restoration",
        "In rats, ketamine rapidly activated mTOR signalling and raised synaptic proteins and the number of new spine "
        "synapses in prefrontal cortex; blocking mTOR blocked both the synapse formation and the behavioural "
        "responses.",
        "Rodents; the abstract describes no stress model, so it shows synapse formation, not the restoration of "
        "synapses that stress removed (that is Li 2011).",
        LI_2010,
        "abstract",
    ),
    EvidencePoint(
        "restoration",
        "In stressed mice, ketamine rescued the prefrontal spines that stress had eliminated and restored coordinated "
        "ensemble activity; the new spines were needed to maintain the behavioural effect, not to start it.",
        "Mice; the behavioural effect begins before the spines return, so spines explain how long it lasts, not how "
        "fast it starts.",
        MODA_SAVA_2019,
        "abstract",
    ),
)

#: The label's limits and the crisis facts: safety points on the "suicidality" topic of :mod:`.safety`.
CRISIS_POINTS = (
    SafetyPoint(
        "suicidality",
        "Since 2020 esketamine is also indicated, with an oral antidepressant, for depressive symptoms in adults with "
        "major depressive disorder with acute suicidal ideation or behaviour; the effectiveness in preventing suicide "
        "or reducing suicidal ideation or behaviour has not been demonstrated.",
        SPRAVATO_LABEL_2020,
        "section 1 (indications and usage, limitations of use), as quoted by clinic and manufacturer pages",
    ),
    SafetyPoint(
        "suicidality",
        "Esketamine is not used in place of hospitalisation when a clinician decides that hospitalisation is needed, "
        "even if a patient improves after the first dose.",
        SPRAVATO_LABEL_2020,
        "limitations of use, in the wording of the manufacturer's patient page",
    ),
    SafetyPoint(
        "suicidality",
        "The FDA approved the second indication on 3 August 2020, 17 months after the first (treatment-resistant "
        "depression, 5 March 2019).",
        CANADY_2020,
        "abstract of a news item",
    ),
    SafetyPoint(
        "suicidality",
        "A suicidal crisis is an emergency: with an immediate risk to health or safety, call the emergency number or go "
        "to the nearest emergency department; crisis lines answer at any hour (in the United States: 911 and the 988 "
        "Suicide and Crisis Lifeline, call or text 988).",
        ACEP_CRISIS,
        "patient information page",
    ),
)

#: What every crisis-related page, figure and notebook of the course says (our wording, drawing on ACEP_CRISIS).
CRISIS_NOTE = (
    "This is a teaching simulation, not a source of help. If you or someone you know is thinking about suicide or is "
    "in danger, contact local emergency services or a crisis line now (in the United States: call 911, or call or "
    "text 988). No model here can say who is at risk or what will help a person."
)
