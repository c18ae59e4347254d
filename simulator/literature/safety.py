"""Safety facts that the acute-effect and clinic teaching points rest on: data only, each with its source.

Contraindications, supervision, observation, blood pressure, driving and misuse from the Spravato label,
and the harms of repeated recreational use (dependence, ulcerative cystitis) from a review. These are
statements read in the sources, not model outputs: the toy acute links of :mod:`simulator.acute` model
only dissociation and blood pressure. Grades in ``docs/literature_checks_grades.md``. Teaching models:
illustrative, not for dosing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .core import Citation
from .products import SPRAVATO_LABEL

__all__ = ["MORGAN_CURRAN_2012", "SAFETY_POINTS", "TOPICS", "SafetyPoint"]

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

#: The topics a safety point may have, in the order the safety table lists them.
TOPICS = ("contraindication", "supervision", "observation", "acute effects", "blood pressure", "driving", "misuse", "bladder")


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


#: The safety facts of the course, each with its source (Spravato label, read in label-text copies; Morgan & Curran 2012).
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
)
