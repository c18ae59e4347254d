"""The crisis, therapy and synapse facts (simulator.literature.crisis_and_therapy) are internally consistent.

Independent checks: the counts and percentages each abstract prints agree with each other (8 of 16 is 50%), each
difference lies inside its own confidence interval and has the sign of the arms it compares, a confidence interval
excludes zero exactly where the paper calls the result significant, rates are percentages, and the grades file
grades every number of the module A or B. No network; well under a second.
"""

import math
import re
from pathlib import Path

import pytest

from simulator.literature import Citation, Sourced
from simulator.literature import crisis_and_therapy as ct
from simulator.literature.safety import TOPICS, SafetyPoint

ROOT = Path(__file__).resolve().parents[1]
GRADES = ROOT / "docs" / "literature_checks_grades.md"
N = ct.NUMBERS
#: Units a count of people or trials is written in.
COUNT_UNITS = {"participants", "patients", "trials"}


def test_every_number_is_sourced_with_a_unit_and_an_identified_citation():
    assert len(N) >= 40
    for name, number in N.items():
        assert isinstance(number, Sourced), name
        assert isinstance(number.citation, Citation), name
        assert number.citation.doi or number.citation.pmid or number.citation.document, name
        assert number.unit.strip() and number.note.strip(), name
        assert math.isfinite(number.value), name


def test_counts_are_positive_whole_numbers_and_rates_are_percentages():
    for name, number in N.items():
        if number.unit in COUNT_UNITS:
            assert number.value >= 1 and number.value == int(number.value), name
        if number.unit in ("%", "p"):
            limit = 100.0 if number.unit == "%" else 1.0
            assert 0.0 <= number.value <= limit, name


def test_every_number_of_the_module_is_graded_a_or_b():
    """No 'not verified' (C) number entered the module: the grades file grades each A or B."""
    rows = {}
    for line in GRADES.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `crisis_and_therapy\.NUMBERS\.(\w+)` \|(.*)\|\s*$", line)
        if match:
            cells = [c.strip() for c in match.group(2).split("|")]
            rows[match.group(1)] = cells[4]  # Number, Unit, Used in, Source, Grade, Reason
    assert set(rows) == set(N)
    assert {grade for grade in rows.values()} <= {"A", "B"}


@pytest.mark.parametrize(
    ("difference", "low", "high", "significant"),
    [
        ("aspire1_madrs_difference_24h", "aspire1_madrs_difference_24h_ci_low", "aspire1_madrs_difference_24h_ci_high", True),
        ("aspire2_madrs_difference_24h", "aspire2_madrs_difference_24h_ci_low", "aspire2_madrs_difference_24h_ci_high", True),
        ("transform2_madrs_difference_day28", "transform2_madrs_difference_ci_low", "transform2_madrs_difference_ci_high", True),
        ("aspire1_cgi_ss_r_difference_24h", "aspire1_cgi_ss_r_ci_low", "aspire1_cgi_ss_r_ci_high", False),
    ],
)
def test_each_difference_lies_in_its_interval_which_excludes_zero_exactly_when_significant(difference, low, high, significant):
    d, lo, hi = N[difference].value, N[low].value, N[high].value
    assert lo <= d <= hi and lo < hi
    assert (hi < 0.0 or lo > 0.0) == significant
    assert N[difference].unit == N[low].unit == N[high].unit


def test_the_significant_madrs_differences_favour_the_drug():
    """Differences are drug minus comparator: every significant MADRS difference at 4 h, 24 h and day 28 is negative."""
    for name in (
        "canuso_2018_madrs_difference_4h",
        "canuso_2018_madrs_difference_24h",
        "aspire1_madrs_difference_24h",
        "aspire2_madrs_difference_24h",
        "aspire2_madrs_difference_4h",
        "transform2_madrs_difference_day28",
    ):
        assert N[name].value < 0.0 and N[name].unit == "MADRS points", name


@pytest.mark.parametrize("trial", ["aspire1", "aspire2"])
def test_arm_changes_have_the_sign_and_the_size_of_the_adjusted_difference(trial):
    drug = N[f"{trial}_madrs_change_esketamine_24h"].value
    placebo = N[f"{trial}_madrs_change_placebo_24h"].value
    adjusted = N[f"{trial}_madrs_difference_24h"].value
    assert drug < placebo < 0.0  # both arms improved, the drug arm more
    assert math.copysign(1.0, drug - placebo) == math.copysign(1.0, adjusted)
    assert abs((drug - placebo) - adjusted) < 1.0  # raw and LS-mean differences within a point


def test_suicidality_did_not_separate_in_aspire1():
    assert N["aspire1_cgi_ss_r_p"].value > 0.05


def test_transform2_rates_favour_the_add_on_by_the_published_differences():
    response = N["transform2_response_esketamine"].value - N["transform2_response_comparator"].value
    remission = N["transform2_remission_esketamine"].value - N["transform2_remission_comparator"].value
    assert response == pytest.approx(17.3, abs=0.05)  # the table's risk difference, printed beside the rates
    assert remission == pytest.approx(21.5, abs=0.05)
    assert N["transform2_remission_esketamine"].value < N["transform2_response_esketamine"].value
    assert N["transform2_completed"].value <= N["transform2_randomised"].value


def test_the_counts_of_each_abstract_agree_with_its_percentages():
    assert 100 * N["wilkinson_2017_responders"].value / N["wilkinson_2017_participants"].value == pytest.approx(50.0)
    assert 100 * N["wilkinson_2017_remitters"].value / N["wilkinson_2017_participants"].value == pytest.approx(43.8, abs=0.05)
    assert 100 * 2 / N["wilkinson_2017_responders"].value == pytest.approx(N["wilkinson_2017_relapse_end_of_cbt"].value)
    assert N["wilkinson_2017_relapsed_eventually"].value <= N["wilkinson_2017_responders"].value
    assert N["wilkinson_2021_randomised"].value < N["wilkinson_2021_consented"].value
    assert N["aspire2_analysed"].value <= N["aspire2_randomised"].value
    assert N["wilkinson_2018_participants"].value > N["wilkinson_2018_trials"].value


def test_ranges_are_ordered():
    assert 0.0 < N["wilkinson_2018_effect_size_low"].value < N["wilkinson_2018_effect_size_high"].value
    assert 1.0 < N["wilkinson_2018_nnt_low"].value < N["wilkinson_2018_nnt_high"].value
    assert N["wilkinson_2018_onset_days"].value < N["wilkinson_2018_lasting_days"].value
    assert 0.0 < N["grabski_2022_abstinence_difference"].value < N["grabski_2022_abstinence_difference_therapy"].value


def test_the_evidence_points_cover_every_topic_with_a_caveat():
    assert {p.topic for p in ct.EVIDENCE_POINTS} == set(ct.EVIDENCE_TOPICS)
    for point in ct.EVIDENCE_POINTS:
        assert isinstance(point.citation, Citation)
        assert point.statement.strip() and point.caveat.strip() and point.section.strip()
    therapy = {p.citation.short() for p in ct.EVIDENCE_POINTS if p.topic == "psychotherapy"}
    assert {"Wilkinson 2017", "Wilkinson 2021", "Grabski 2022", "Dore 2019"} <= therapy


def test_an_evidence_point_rejects_a_bad_topic_and_an_empty_caveat():
    with pytest.raises(ValueError, match="topic must be one of"):
        ct.EvidencePoint("cure", "x", "y", ct.KANG_2012, "abstract")
    with pytest.raises(ValueError, match="caveat must be a non-empty string"):
        ct.EvidencePoint("synapse loss", "x", " ", ct.KANG_2012, "abstract")
    with pytest.raises(TypeError, match="citation must be"):
        ct.EvidencePoint("synapse loss", "x", "y", "Kang 2012", "abstract")


def test_the_crisis_points_say_what_the_label_and_the_emergency_advice_say():
    assert all(isinstance(p, SafetyPoint) and p.topic in TOPICS for p in ct.CRISIS_POINTS)
    text = " ".join(p.statement.lower() for p in ct.CRISIS_POINTS)
    for words in ("has not been demonstrated", "hospitalisation", "emergency", "988"):
        assert words in text, words
    note = ct.CRISIS_NOTE.lower()
    assert "not a source of help" in note and "emergency services" in note and "crisis line" in note


def test_no_statement_gives_a_dose_for_a_person():
    """Trial doses may be described; nothing tells a reader what to take (no 'you should take' or mg/kg advice)."""
    texts = [p.statement for p in ct.EVIDENCE_POINTS + ct.CRISIS_POINTS] + [ct.CRISIS_NOTE]
    for text in texts:
        assert not re.search(r"\b(you should|take \d|your dose)\b", text, re.IGNORECASE), text
