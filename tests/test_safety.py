"""The cited safety facts (simulator.literature.safety) and their table (simulator.acute.safety_table)."""

import pytest

import simulator as sim
from simulator.export import Table
from simulator.literature import Citation
from simulator.literature.products import SPRAVATO_LABEL
from simulator.literature.safety import (
    COTTER_2021,
    KETALAR_WARNINGS,
    MORGAN_CURRAN_2012,
    SAFETY_POINTS,
    TOPICS,
    SafetyPoint,
)


def test_every_point_has_a_known_topic_a_citation_and_a_section():
    assert SAFETY_POINTS
    for point in SAFETY_POINTS:
        assert point.topic in TOPICS
        assert isinstance(point.citation, Citation) and (point.citation.doi or point.citation.pmid or point.citation.document)
        assert point.statement.strip() and point.section.strip()


def test_the_course_topics_are_covered_by_their_sources():
    by_topic = {}
    for point in SAFETY_POINTS:
        by_topic.setdefault(point.topic, set()).add(point.citation.short())
    assert set(by_topic) == set(TOPICS)
    assert SPRAVATO_LABEL.short() in by_topic["contraindication"]
    assert SPRAVATO_LABEL.short() in by_topic["observation"]
    assert MORGAN_CURRAN_2012.short() in by_topic["bladder"]
    assert {SPRAVATO_LABEL.short(), MORGAN_CURRAN_2012.short()} <= by_topic["misuse"]


@pytest.mark.parametrize(
    ("topic", "citation", "words"),
    [
        ("suicidality", SPRAVATO_LABEL, ("suicidal thoughts and behaviours", "24 years and younger")),
        ("emergence", KETALAR_WARNINGS, ("emergence reactions", "hallucinations")),
        ("respiration", KETALAR_WARNINGS, ("respiratory depression", "CNS depressants")),
        ("interactions", SPRAVATO_LABEL, ("CNS depressants", "psychostimulants", "monoamine oxidase inhibitors")),
        ("liver", KETALAR_WARNINGS, ("drug-induced liver injury",)),
        ("liver", COTTER_2021, ("repeated", "hepatobiliary")),
        ("pregnancy", SPRAVATO_LABEL, ("not recommended during pregnancy", "fetal harm")),
    ],
)
def test_each_added_point_exists_with_its_citation(topic, citation, words):
    points = [p for p in SAFETY_POINTS if p.topic == topic and p.citation is citation]
    assert len(points) == 1, f"expected one {topic!r} point citing {citation.short()}"
    text = points[0].statement.lower()
    assert all(w.lower() in text for w in words), (topic, words, points[0].statement)


def test_the_added_citations_carry_identifiers():
    assert KETALAR_WARNINGS.document == "US prescribing information, NDA 016812"
    assert COTTER_2021.doi == "10.1007/s40264-021-01120-9" and COTTER_2021.pmid == "34699023"


def test_the_observation_point_agrees_with_the_constant_the_figures_use():
    from simulator.literature.acute_data import LABEL_OBSERVATION_H

    text = next(p.statement for p in SAFETY_POINTS if p.topic == "observation")
    assert f"at least {LABEL_OBSERVATION_H.value:g} hours" in text


def test_no_point_gives_a_dose():
    for point in SAFETY_POINTS:
        assert " mg" not in point.statement and "mg/kg" not in point.statement


def test_a_bad_point_is_refused():
    with pytest.raises(ValueError, match="topic"):
        SafetyPoint("dosing", "x", SPRAVATO_LABEL, "s")
    with pytest.raises(ValueError, match="statement"):
        SafetyPoint("misuse", " ", SPRAVATO_LABEL, "s")
    with pytest.raises(TypeError, match="citation"):
        SafetyPoint("misuse", "x", "Janssen 2019", "s")


def test_safety_table_lists_every_point_with_its_source_in_topic_order():
    table = sim.acute.safety_table()
    assert isinstance(table, Table)
    assert len(table.rows) == len(SAFETY_POINTS)
    topics = [row[0] for row in table.rows]
    assert topics == sorted(topics, key=TOPICS.index)
    sources = tuple(c.short() for c in (SPRAVATO_LABEL, MORGAN_CURRAN_2012, KETALAR_WARNINGS, COTTER_2021))
    assert all(row[2].startswith(sources) for row in table.rows)
    text = str(table)
    assert "Addiction 2012;107(1):27-38" in text and "not for dosing" in text


def test_safety_table_keeps_the_topics_asked_for_and_refuses_unknown_ones():
    table = sim.acute.safety_table(["misuse", "bladder"])
    assert {row[0] for row in table.rows} == {"misuse", "bladder"} and len(table.rows) == 3
    with pytest.raises(ValueError, match="topics"):
        sim.acute.safety_table(["dose"])
    with pytest.raises(TypeError, match="topics"):
        sim.acute.safety_table("misuse")
