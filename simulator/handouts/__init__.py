"""What a lecturer takes away: a student bundle, a question bank, printable worksheets, a slide deck, offline HTML.

Teaching model: illustrative, not for dosing. Every handout carries the teaching-model statement.

Each function builds one handout from a source checkout (the course sources in ``notebooks/source`` and
``docs/teacher_guide.md``) and returns the path or paths it wrote; ``python -m simulator bundle | questions |
worksheets | deck --out PATH`` calls them.
"""

from ._bundle import BUNDLE_FOLDER, bundle, solution_bodies, solutions_in
from ._deck import SLIDE, deck, demo_slides
from ._offline import WIDGET_VIEW, export_html, offline_notebook
from ._questions import CATEGORY, KINDS, Question, gift, moodle_xml, question_bank, questions
from ._worksheets import SHEET_BODY_MM, figures, worksheet_html, worksheets

__all__ = [
    "BUNDLE_FOLDER",
    "CATEGORY",
    "KINDS",
    "SHEET_BODY_MM",
    "SLIDE",
    "WIDGET_VIEW",
    "Question",
    "bundle",
    "deck",
    "demo_slides",
    "export_html",
    "figures",
    "gift",
    "moodle_xml",
    "offline_notebook",
    "question_bank",
    "questions",
    "solution_bodies",
    "solutions_in",
    "worksheet_html",
    "worksheets",
]
