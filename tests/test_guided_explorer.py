"""The guided-course explorer shows courses simulated before, and says every visit in words; the findings tables.

Teaching model: illustrative, not for dosing.
"""

import matplotlib
import pytest

import simulator as sim
from simulator import evidence, guided
from simulator.literature.crisis_and_therapy import EVIDENCE_POINTS, EVIDENCE_TOPICS

matplotlib.use("Agg")
pytestmark = pytest.mark.slow
SPRAY = sim.Intranasal(dose_mg=84.0, drug="esketamine")


@pytest.fixture(scope="module")
def courses():
    group = sim.simulate_population(SPRAY, n=3, seed=3, end_h=1.0, outputs=("symptom_score",))
    rules = {"the rule": lambda v: "space out" if v.in_response else "continue", "fixed plan": lambda v: "continue"}
    return {name: [guided.guided_course(SPRAY, r, group.patient(i), weeks=6, add_on=True) for i in range(3)]
            for name, r in rules.items()}  # fmt: skip


def test_the_explorer_shows_the_chosen_course_and_says_each_visit(courses):
    from simulator.widgets import GuidedCourseExplorer

    explorer = GuidedCourseExplorer(courses, patient=2)
    explorer.update()
    chosen = courses["the rule"][2]
    assert explorer.result is chosen.result
    text = explorer.describe()
    assert f"{chosen.sessions} sessions" in text and sim.labels.SHORT_DISCLAIMER in text
    assert text.count("->") == len(chosen.visits)
    explorer.pin()
    explorer.plan.value = "fixed plan"
    explorer.update()
    assert explorer.result is courses["fixed plan"][2].result
    table = explorer.comparison_html()
    assert "sessions" in table and str(courses["fixed plan"][2].sessions) in table
    assert "image/png" in explorer._repr_mimebundle_()


@pytest.mark.parametrize(
    ("bad", "error"),
    [([], TypeError), ({"": []}, TypeError), ({"a": [1]}, TypeError), ({"a": []}, ValueError)],
)
def test_the_explorer_refuses_what_is_not_courses(bad, error, courses):
    from simulator.widgets import GuidedCourseExplorer

    with pytest.raises(error, match=r"courses|plan"):
        GuidedCourseExplorer(bad)
    with pytest.raises(ValueError, match="same"):
        GuidedCourseExplorer({"a": courses["the rule"], "b": courses["fixed plan"][:2]})
    with pytest.raises(ValueError, match="patient"):
        GuidedCourseExplorer(courses, patient=5)


@pytest.mark.parametrize("topic", EVIDENCE_TOPICS)
def test_findings_lists_every_point_of_its_topic_with_its_limit(topic):
    table = evidence.findings(topic)
    points = [p for p in EVIDENCE_POINTS if p.topic == topic]
    assert len(table.rows) == len(points) >= 1
    assert all(row[2] == p.caveat for row, p in zip(table.rows, points, strict=True))


def test_findings_and_checks_refuse_unknown_topics_and_filter_by_key():
    with pytest.raises(ValueError, match="topic"):
        evidence.findings("cure")
    from simulator.literature.observations import OUTCOME_CHECKS

    keys = [c.key for c in OUTCOME_CHECKS if c.key.startswith("anaesthesia_onset")]
    assert len(keys) == 2 and [r.check.key for r in evidence.checks("anaesthesia_onset")] == keys
