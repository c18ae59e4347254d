"""Regular assessments and adjustments, simulated: a course whose next session is decided at each visit by a rule.

Teaching model: illustrative, not for dosing. Care adjusts a course by watching the person: at each visit the
clinician assesses (here: the toy symptom score just before the session) and decides to **continue** at the same
spacing, to **space out** the sessions (the interval doubles, up to a longest one), or to **stop**. This module runs
that loop on the toy chain for one virtual patient and a decision rule the *user* writes: it never chooses a dose,
the session given is the same input at every visit, and the rule decides only whether and when the next one comes.
The chain is causal (a later session changes nothing before it), so simulating the course up to each visit reads
exactly what the whole course's curve shows at that time.

Examples
--------
>>> import simulator as sim
>>> def rule(visit):
...     return "space out" if visit.in_response else "continue"
>>> course = guided_course(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), rule, weeks=4)
>>> course.visits[0].day, course.visits[0].decision in DECISIONS
(3.5, True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import check_int, check_number
from .dosing import DOSE_TYPES, Regimen
from .labels import DISCLAIMER
from .patient import Patient
from .plasticity import in_response
from .tables import Table

__all__ = ["DECISIONS", "GuidedCourse", "Visit", "guided_course"]

#: What a rule may decide at a visit.
DECISIONS = ("continue", "space out", "stop")


@dataclass(frozen=True)
class Visit:
    """One visit of a guided course: the toy assessment before the session, and what the rule decided.

    Attributes
    ----------
    number : int
        The visit's number, 1 for the first visit after the first session.
    day : float
        Day of the visit (the planned session), from the first session.
    sessions_so_far : int
        Sessions given before this visit.
    score : float
        Toy symptom score at the visit (before any session that day), 0-60.
    baseline_score : float
        Toy score before treatment.
    improvement_pct : float
        Fall of the toy score from the baseline, % of the baseline (positive: better).
    in_response : bool
        Toy response: a score at most half the baseline.
    interval_days : float
        Days since the previous session (the spacing in force).
    previous_scores : tuple of float
        Toy scores at the earlier visits, oldest first.
    decision : str
        What the rule decided (one of :data:`DECISIONS`); "" before the rule has been asked.
    """

    number: int
    day: float
    sessions_so_far: int
    score: float
    baseline_score: float
    improvement_pct: float
    in_response: bool
    interval_days: float
    previous_scores: tuple = ()
    decision: str = ""


@dataclass(frozen=True)
class GuidedCourse:
    """A simulated guided course: the regimen the rule produced, its whole-chain result and every visit."""

    regimen: Regimen
    result: object
    visits: tuple
    weeks: float

    disclaimer = DISCLAIMER

    @property
    def sessions(self) -> int:
        """Sessions given."""
        return len(self.regimen.events)

    @property
    def stopped_day(self) -> float | None:
        """Day of the visit at which the rule stopped the course (None if it ran to the end)."""
        stops = [v.day for v in self.visits if v.decision == "stop"]
        return stops[0] if stops else None

    def days_in_response(self) -> float:
        """Days in toy response over the whole window."""
        return float(self.result.summary(significant=None)["symptom"]["days_in_response"])

    def table(self) -> Table:
        """Return the visits as a table: day, sessions so far, toy score, improvement, in response, decision."""
        rows = tuple(
            (v.number, v.day, v.sessions_so_far, v.score, v.improvement_pct, "yes" if v.in_response else "no", v.decision)
            for v in self.visits
        )
        columns = (("visit", ""), ("day", "d"), ("sessions so far", ""), ("toy score", "0-60"), ("improvement", "%"),
                   ("in toy response", ""), ("decision", ""))  # fmt: skip
        note = (f"{self.sessions} sessions in {self.weeks:g} weeks, {self.days_in_response():.3g} days in toy response; "
                "the rule is the user's, applied to a toy score: it predicts nothing for a person.")  # fmt: skip
        return Table(columns, rows, title="A guided course, visit by visit (toy)", note=note)


def guided_course(
    session,
    decide: Callable,
    patient: Patient | None = None,
    *,
    first_interval_days: float = 3.5,
    longest_interval_days: float = 14.0,
    weeks: float = 16.0,
    max_sessions: int = 24,
    step_min: float = 30.0,
    **options,
) -> GuidedCourse:
    """Simulate a course adjusted at each visit by ``decide``: continue, space out (the interval doubles) or stop.

    A session is given on day 0. Each later visit comes one interval after the last session: the toy score is read,
    ``decide`` is asked, and "continue" gives the session and keeps the interval, "space out" gives it and doubles
    the interval to the next visit (up to ``longest_interval_days``), "stop" gives none and ends the course.

    Parameters
    ----------
    session : dose event
        The session given at every visit, from day 0 (its own ``start_h`` is ignored): an input for exploring the
        model, the same at every visit. Nothing here changes a dose.
    decide : callable
        ``decide(visit) -> str``, called at each visit with a :class:`Visit` (its ``decision`` still ""); returns one
        of :data:`DECISIONS`. The user's rule, not the package's.
    patient : Patient, optional
        A virtual patient (default ``Patient()``; for example ``population.patient(i)``).
    first_interval_days : float
        Days between the first sessions, in [1, 28].
    longest_interval_days : float
        Longest spacing that "space out" reaches, in [``first_interval_days``, 56].
    weeks : float
        Window, in (0, 52].
    max_sessions : int
        At most this many sessions, 1 to 100 (the rule is not asked again once it is reached).
    step_min : float
        Output step of the result, minutes, in [1, 240].
    **options
        Passed to :func:`simulator.simulate` (``pk_set``, ``receptor``, ``plasticity``, ``acute``, ``add_on``).

    Returns
    -------
    GuidedCourse
    """
    from .pipeline import simulate

    if not isinstance(session, DOSE_TYPES):
        raise TypeError(
            f"session must be one dose event ({', '.join(t.__name__ for t in DOSE_TYPES)}), got {type(session).__name__}"
        )
    if not callable(decide):
        raise TypeError(f"decide must be a function of a Visit returning one of {list(DECISIONS)}, got {type(decide).__name__}")
    first = check_number("first_interval_days", first_interval_days, low=1.0, high=28.0)
    longest = check_number("longest_interval_days", longest_interval_days, low=first, high=56.0)
    weeks = check_number("weeks", weeks, low=0.0, high=52.0, low_inclusive=False)
    max_sessions = check_int("max_sessions", max_sessions, low=1, high=100)
    step_min = check_number("step_min", step_min, low=1.0, high=240.0)
    for name in ("end_h", "time_h", "grid"):
        if name in options:
            raise TypeError(f"guided_course sets {name} itself (the window is `weeks`); got {name}={options[name]!r}")
    end_h = 24.0 * 7.0 * weeks
    grid = np.linspace(0.0, end_h, int(np.ceil(end_h * 60.0 / step_min - 1e-9)) + 1)
    session = session.shifted(-session.start_h)
    starts, visits, interval = [0.0], [], first
    while len(starts) < max_sessions:
        visit_h = starts[-1] + 24.0 * interval
        if visit_h > end_h:
            break
        times = np.append(grid[grid < visit_h], visit_h)  # the course's own grid up to the visit: the chain needs it
        so_far = simulate(Regimen(tuple(session.shifted(h) for h in starts)), patient, time_h=times, **options)
        baseline = float(so_far.chain.baseline_score)
        score = float(so_far.symptom_score[-1])
        visit = Visit(
            number=len(visits) + 1,
            day=visit_h / 24.0,
            sessions_so_far=len(starts),
            score=score,
            baseline_score=baseline,
            improvement_pct=100.0 * (baseline - score) / baseline if baseline > 0 else 0.0,
            in_response=bool(in_response(np.array([score]), baseline)[0]),
            interval_days=interval,
            previous_scores=tuple(v.score for v in visits),
        )
        decision = decide(visit)
        if not isinstance(decision, str) or decision not in DECISIONS:
            raise ValueError(
                f"decide must return one of {list(DECISIONS)}, got {decision!r} at visit {visit.number} (day {visit.day:g})"
            )
        visits.append(_decided(visit, decision))
        if decision == "stop":
            break
        starts.append(visit_h)  # the session is given at the visit; "space out" doubles the wait for the next one
        if decision == "space out":
            interval = min(2.0 * interval, longest)
    regimen = Regimen(tuple(session.shifted(h) for h in starts))
    result = simulate(regimen, patient, time_h=grid, **options)
    return GuidedCourse(regimen, result, tuple(visits), weeks)


def _decided(visit: Visit, decision: str) -> Visit:
    from dataclasses import replace

    return replace(visit, decision=decision)
