"""The guided-course explorer: one virtual patient's course under a plan (a fixed plan, or a rule), visit by visit.

Teaching model: illustrative, not for dosing. The courses are simulated before (:func:`simulator.guided.guided_course`,
one per plan and patient); the explorer only shows them: the whole chain of the chosen course, and its visits in words.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..guided import GuidedCourse
from ..labels import SHORT_DISCLAIMER
from ..plotting import FullChainFigure
from ..tables import format_number as _sig
from .explorer import Explorer, dropdown, slider

__all__ = ["GuidedCourseExplorer"]


class GuidedCourseExplorer(Explorer):
    """Show guided courses already simulated: a plan menu and a virtual-patient slider over the whole chain.

    Parameters
    ----------
    courses : dict
        Plan name -> sequence of :class:`~simulator.guided.GuidedCourse`, one per virtual patient (the same patients,
        in the same order, for every plan); 1 to 6 plans of 1 to 200 patients.
    patient : int
        The patient shown first (index into each plan's courses).
    """

    name = "guided course"

    def __init__(self, courses: dict, patient: int = 0):
        if not isinstance(courses, dict) or not 1 <= len(courses) <= 6:
            raise TypeError(f"courses must be a dict of 1 to 6 plan names -> lists of GuidedCourse, got {type(courses).__name__}")
        sizes = set()
        for plan, runs in courses.items():
            if not isinstance(plan, str) or not plan:
                raise TypeError(f"courses must be keyed by non-empty strings (the plans' names), got {plan!r}")
            if not isinstance(runs, (list, tuple)) or not all(isinstance(c, GuidedCourse) for c in runs):
                raise TypeError(f"courses[{plan!r}] must be a list of simulator.guided.GuidedCourse")
            sizes.add(len(runs))
        if len(sizes) != 1 or not 1 <= min(sizes) <= 200:
            raise ValueError(f"every plan must hold the same 1 to 200 patients' courses, got sizes {sorted(sizes)}")
        self.courses = {plan: tuple(runs) for plan, runs in courses.items()}
        count = sizes.pop()
        self.plan = dropdown("plan", next(iter(courses)), [(p, p) for p in courses], "plan")
        self.patient = slider(widgets.IntSlider, "patient", patient, (0, count - 1, 1), "virtual patient")
        self.figure = FullChainFigure(time_axis="linear")
        self.result = None
        super().__init__({"plan": self.plan, "patient": self.patient})

    def course(self) -> GuidedCourse:
        """Return the course the controls choose."""
        return self.courses[self.plan.value][self.patient.value]

    def draw(self) -> None:
        """Show the chosen course's whole chain."""
        self.result = self.course().result
        self.figure.update(self.result)

    def describe(self) -> str:
        """Return the chosen course in words: sessions, days in toy response, and every visit's score and decision."""
        course = self.course()
        visits = "; ".join(
            f"day {_sig(v.day)}: score {_sig(v.score)}{' (in response)' if v.in_response else ''} -> {v.decision}"
            for v in course.visits
        )
        stopped = f", stopped on day {_sig(course.stopped_day)}" if course.stopped_day is not None else ""
        return (
            f"Virtual patient {self.patient.value}, plan '{self.plan.value}': {course.sessions} sessions in "
            f"{_sig(course.weeks)} weeks{stopped}, {_sig(course.days_in_response())} days in toy response. Visits: "
            f"{visits or 'none'}. The plan is a rule applied to a toy score, not a decision for a person. {SHORT_DISCLAIMER}"
        )

    def key_numbers(self, shown) -> dict:
        """Return the sessions and days in toy response of the course whose result is ``shown`` (live or pinned)."""
        if shown is None:
            return {}
        summary = shown.summary()
        return {"sessions": summary["acute"]["sessions"], "days in toy response": summary["symptom"]["days_in_response"]}
