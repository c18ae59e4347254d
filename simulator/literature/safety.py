"""Safety facts that the acute-effect and clinic teaching points rest on: data only, each with its source.

Contraindications, supervision, observation, the antidepressant suicidality warning, blood pressure, drug
interactions, driving, misuse and pregnancy from the Spravato label; emergence reactions, respiratory depression
and drug-induced liver injury from the Ketalar label; hepatobiliary events with repeated medical use from an FDA
case series; and the harms of repeated recreational use (dependence, ulcerative cystitis) from a review. These are
statements read in the sources, not model outputs: the toy acute links of :mod:`simulator.acute` model
only dissociation and blood pressure. Grades in ``docs/literature_checks_grades.md``. Teaching models:
illustrative, not for dosing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .core import Citation
from .products import SPRAVATO_LABEL

__all__ = ["COTTER_2021", "KETALAR_WARNINGS", "MORGAN_CURRAN_2012", "SAFETY_POINTS", "TOPICS", "SafetyPoint"]

#: Review of the physical, psychological and social harms of acute and chronic (mostly recreational) ketamine use.
MORGAN_CURRAN_2012 = Citation(
    "Morgan CJA, Curran HV",
    2012,
    "Ketamine use: a review",
    "Addiction 2012;107(1):27-38",
    doi="10.1111/j.1360-0443.2011.03576.x",
    table="abstract: ulcerative cystitis a major physical harm of chronic, frequent use; frequent users report trying "
    "but failing to stop",
)

#: The Ketalar (racemic ketamine injection) label's warnings, read in copies of the US prescribing information.
KETALAR_WARNINGS = Citation(
    "Par Pharmaceutical",
    1970,
    "KETALAR (ketamine hydrochloride) injection: prescribing information",
    "US Food and Drug Administration",
    document="US prescribing information, NDA 016812",
    table="special note and overdosage (older label format): emergence reactions, respiratory depression; current "
    "format: 5.2 emergence reactions, 5.3 respiratory depression, 5.6 drug-induced liver injury, 7.3 CNS depressants "
    "(the year is the first approval; the copies read are later revisions)",
)

#: FDA case series of hepatobiliary adverse events after repeated or continuous medically supervised ketamine.
COTTER_2021 = Citation(
    "Cotter S, Wong J, Gada N, et al.",
    2021,
    "Repeated or continuous medically supervised ketamine administration associated with hepatobiliary adverse "
    "events: a retrospective case series",
    "Drug Saf 2021;44(12):1365-1374",
    doi="10.1007/s40264-021-01120-9",
    pmid="34699023",
    table="title and abstract (objective, methods): FAERS and literature cases of repeated medical (not abuse) "
    "ketamine with a hepatobiliary adverse event; the results section of the abstract was not read",
)

#: The topics a safety point may have, in the order the safety table lists them.
TOPICS = (
    "contraindication",
    "supervision",
    "observation",
    "suicidality",
    "acute effects",
    "emergence",
    "respiration",
    "blood pressure",
    "interactions",
    "driving",
    "misuse",
    "bladder",
    "liver",
    "pregnancy",
)


@dataclass(frozen=True)
class SafetyPoint:
    """One safety fact as its source states it: the topic, the statement in plain words, where it was read.

    Parameters
    ----------
    topic : str
        One of :data:`TOPICS`.
    statement : str
        The fact, paraphrased from the source (no dose, no advice for a person).
    citation : Citation
        Where it comes from.
    section : str
        The section or part of the source it was read in.
    """

    topic: str
    statement: str
    citation: Citation
    section: str

    def __post_init__(self):
        if self.topic not in TOPICS:
            raise ValueError(f"topic must be one of {list(TOPICS)}, got {self.topic!r}")
        for name in ("statement", "section"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{name} must be a non-empty string, got {value!r}")
        if not isinstance(self.citation, Citation):
            raise TypeError(f"citation must be a simulator.literature.Citation, got {type(self.citation).__name__}")


#: The safety facts of the course, each with its source (Spravato and Ketalar labels, read in copies; two papers).
SAFETY_POINTS = (
    SafetyPoint(
        "contraindication",
        "Not to be used with aneurysmal vascular disease (including the thoracic and abdominal aorta, intracranial "
        "and peripheral arteries) or an arteriovenous malformation, a history of intracerebral haemorrhage, or "
        "hypersensitivity to esketamine, ketamine or an excipient.",
        SPRAVATO_LABEL,
        "section 4, contraindications",
    ),
    SafetyPoint(
        "supervision",
        "Available only through a restricted programme (REMS): the patient sprays each dose under the direct "
        "supervision of a healthcare provider, in a certified healthcare setting.",
        SPRAVATO_LABEL,
        "boxed warning; section 5.4 (REMS)",
    ),
    SafetyPoint(
        "observation",
        "Because of sedation and dissociation, the patient is monitored by a healthcare provider for at least 2 hours "
        "at each session, then assessed before leaving once clinically stable.",
        SPRAVATO_LABEL,
        "boxed warning; sections 5.1 and 5.2",
    ),
    SafetyPoint(
        "acute effects",
        "In the trials, 48% to 61% of patients given esketamine developed sedation and 61% to 75% dissociative or "
        "perceptual changes.",
        SPRAVATO_LABEL,
        "sections 5.1 (sedation) and 5.2 (dissociation)",
    ),
    SafetyPoint(
        "blood pressure",
        "Esketamine raises blood pressure, with a peak about 40 minutes after a dose, lasting about 4 hours; patients "
        "may need to be observed until it resolves. Cardiovascular and cerebrovascular conditions need a careful "
        "weighing of benefit and risk.",
        SPRAVATO_LABEL,
        "section 5.6 (increases in blood pressure); section 17 (patient counselling)",
    ),
    SafetyPoint(
        "driving",
        "No driving or operating machinery until the next day, after a restful sleep; someone else drives the "
        "patient home after each session.",
        SPRAVATO_LABEL,
        "section 5.8; section 17 (patient counselling)",
    ),
    SafetyPoint(
        "misuse",
        "Esketamine is a Schedule III controlled substance and may be abused and diverted: each patient's risk of "
        "abuse or misuse is assessed before prescribing, and every patient is monitored for it.",
        SPRAVATO_LABEL,
        "section 5.3 (abuse and misuse)",
    ),
    SafetyPoint(
        "misuse",
        "Many frequent recreational users are concerned about addiction and report trying but failing to stop; "
        "frequent, daily use goes with deficits in working and episodic memory.",
        MORGAN_CURRAN_2012,
        "abstract",
    ),
    SafetyPoint(
        "bladder",
        "Ulcerative cystitis is a major physical harm of ketamine, seen particularly with chronic, frequent (recreational) use.",
        MORGAN_CURRAN_2012,
        "abstract",
    ),
    SafetyPoint(
        "suicidality",
        "Boxed warning shared by all antidepressants: in short-term trials antidepressants increased suicidal thoughts "
        "and behaviours in paediatric and young adult patients (24 years and younger). All antidepressant-treated "
        "patients are watched for clinical worsening and emergent suicidal thoughts and behaviours. Spravato is not "
        "approved in paediatric patients.",
        SPRAVATO_LABEL,
        "boxed warning; section 5.5 (suicidal thoughts and behaviours in adolescents and young adults)",
    ),
    SafetyPoint(
        "emergence",
        "After ketamine anaesthesia, emergence reactions occurred in about 12% of patients: dream-like states, vivid "
        "imagery, hallucinations and emergence delirium, sometimes with confusion, excitement and irrational "
        "behaviour. They usually last no more than a few hours, in a few cases recurring up to 24 hours after "
        "surgery, and are least frequent in patients over 65.",
        KETALAR_WARNINGS,
        "special note (older label format); section 5.2 (emergence reactions) in the current format",
    ),
    SafetyPoint(
        "respiration",
        "Respiratory depression may occur with overdose or too rapid an intravenous injection. With benzodiazepines, "
        "opioids or other CNS depressants, concomitant use may result in profound sedation, respiratory depression, "
        "coma or death. Ketamine is given by clinicians experienced in keeping an airway open, with resuscitation "
        "equipment at hand.",
        KETALAR_WARNINGS,
        "overdosage and precautions (older label format); sections 2.1, 5.3 and 7.3 in the current format",
    ),
    SafetyPoint(
        "interactions",
        "CNS depressants (such as benzodiazepines, opioids and alcohol) may increase sedation; psychostimulants (such "
        "as amphetamines, methylphenidate, modafinil) and monoamine oxidase inhibitors may increase blood pressure, "
        "which is then monitored closely.",
        SPRAVATO_LABEL,
        "section 7 (drug interactions)",
    ),
    SafetyPoint(
        "liver",
        "Drug-induced liver injury is among the label's warnings, and hepatobiliary dysfunction among the reported "
        "adverse reactions.",
        KETALAR_WARNINGS,
        "section 5.6 (drug-induced liver injury), listed in section 6 (adverse reactions)",
    ),
    SafetyPoint(
        "liver",
        "Hepatobiliary adverse events have been reported after repeated or continuous medically supervised ketamine "
        "(off-label use for depression or chronic pain), not only after recreational use.",
        COTTER_2021,
        "title and abstract (FDA Adverse Event Reporting System and literature case series)",
    ),
    SafetyPoint(
        "pregnancy",
        "Not recommended during pregnancy: esketamine may cause fetal harm (animal studies of ketamine). If a patient "
        "becomes pregnant during treatment it is stopped and the risk to the fetus discussed; breastfeeding is not "
        "recommended during treatment.",
        SPRAVATO_LABEL,
        "sections 8.1 (pregnancy) and 8.2 (lactation)",
    ),
)
