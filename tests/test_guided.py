"""The guided course (regular assessments and adjustments, simulated): the loop's arithmetic, causality and refusals.

Teaching model: illustrative, not for dosing.
"""

import numpy as np
import pytest

import simulator as sim
from simulator import guided

INFUSION = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)


def _always(decision):
    return lambda visit: decision


def test_continue_keeps_the_spacing_until_the_window_or_the_cap():
    course = guided.guided_course(INFUSION, _always("continue"), weeks=4)
    days = [e.start_h / 24 for e in course.regimen.events]
    assert days == [3.5 * k for k in range(len(days))] and days[-1] <= 28 < days[-1] + 3.5
    capped = guided.guided_course(INFUSION, _always("continue"), weeks=4, max_sessions=3)
    assert capped.sessions == 3 and len(capped.visits) == 2


def test_space_out_doubles_the_wait_up_to_the_longest():
    course = guided.guided_course(INFUSION, _always("space out"), weeks=8, longest_interval_days=14)
    days = [e.start_h / 24 for e in course.regimen.events]
    assert days == [0.0, 3.5, 10.5, 24.5, 38.5, 52.5]
    assert [v.interval_days for v in course.visits] == [3.5, 7.0, 14.0, 14.0, 14.0]


def test_stop_ends_the_course_at_that_visit():
    course = guided.guided_course(INFUSION, _always("stop"), weeks=8)
    assert course.sessions == 1 and course.stopped_day == 3.5 and len(course.visits) == 1


def test_every_visit_reads_what_the_whole_course_shows_then():
    """The chain is causal: the score read before each session equals the final course's score at that time."""
    seen = []

    def rule(visit):
        seen.append(visit)
        return "space out" if visit.in_response else "continue"

    patient = sim.simulate_population(INFUSION, n=3, seed=4, end_h=24).patient(1)
    course = guided.guided_course(INFUSION, rule, patient, weeks=10)
    r = course.result
    for visit in course.visits:
        assert visit.score == pytest.approx(float(np.interp(24 * visit.day, r.time_h, r.symptom_score)), abs=1e-9)
        assert visit.in_response == (visit.score <= 0.5 * visit.baseline_score)
        assert visit.improvement_pct == pytest.approx(100 * (1 - visit.score / visit.baseline_score))
    assert [v.previous_scores for v in seen] == [tuple(s.score for s in seen[:k]) for k in range(len(seen))]
    assert "rule is the user's" in str(course.table()) and sim.DISCLAIMER in str(course.table())


def test_a_responder_and_a_toy_nonresponder_get_different_courses_from_one_rule():
    def rule(visit):
        never = all(score > 0.5 * visit.baseline_score for score in (*visit.previous_scores, visit.score))
        if visit.sessions_so_far >= 4 and never:  # no toy response after four sessions
            return "stop"
        return "space out" if visit.in_response else "continue"

    typical = guided.guided_course(INFUSION, rule, sim.Patient(), weeks=12)
    blunted = sim.Patient(random_effects=sim.patient.RandomEffects(sensitivity=0.05))
    nonresponder = guided.guided_course(INFUSION, rule, blunted, weeks=12)
    assert nonresponder.stopped_day == 14.0 and nonresponder.sessions == 4
    assert typical.stopped_day is None and typical.days_in_response() > nonresponder.days_in_response()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"decide": _always("more")}, ValueError, "decide must return one of"),
        ({"decide": _always(None)}, ValueError, "decide must return one of"),
        ({"decide": "continue"}, TypeError, "decide must be a function"),
        ({"session": sim.Regimen((INFUSION,))}, TypeError, "session must be one dose event"),
        ({"first_interval_days": 0.5}, ValueError, "first_interval_days"),
        ({"longest_interval_days": 2.0}, ValueError, "longest_interval_days"),
        ({"weeks": 0}, ValueError, "weeks"),
        ({"weeks": float("nan")}, ValueError, "weeks"),
        ({"max_sessions": 0}, ValueError, "max_sessions"),
        ({"end_h": 48.0}, TypeError, "guided_course sets end_h itself"),
    ],
)
def test_bad_input_is_refused_with_the_field(kwargs, error, match):
    arguments = {"session": INFUSION, "decide": _always("continue"), **kwargs}
    with pytest.raises(error, match=match):
        guided.guided_course(arguments.pop("session"), arguments.pop("decide"), weeks=arguments.pop("weeks", 4), **arguments)
