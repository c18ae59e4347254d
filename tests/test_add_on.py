"""The add-on arm: ketamine or esketamine sessions with a newly started oral antidepressant (as esketamine is labelled).

Checked against the comparator it is made of (the toy conventional antidepressant, computed apart on the same grid),
the symptom map inverted in closed form, and the population's own members. Teaching model: illustrative, not for dosing.
"""

import numpy as np
import pytest

import simulator as sim
from simulator import plasticity
from simulator.literature.plasticity_constants import CONSTANTS
from simulator.population import simulate_comparator_population

B = 32.0


def _total_drive(score):
    """U from the toy score, inverting B (1 - Emax U / (U50 + U)) in closed form."""
    emax, half = CONSTANTS["max_improvement"].value, CONSTANTS["half_improvement_drive"].value
    f = 1.0 - np.asarray(score, dtype=float) / B
    return half * f / (emax - f)


@pytest.fixture(scope="module")
def course():
    regimen, _, _ = sim.scenarios.get("esketamine-twice-weekly")
    return regimen


def test_the_add_on_adds_the_conventional_comparator_s_drive_on_the_same_map(course):
    quiet = sim.PlasticityModel(expectancy=False)
    options = {"end_h": 24.0 * 28, "step_min": 60.0, "plasticity": quiet}
    alone = sim.simulate(course, **options)
    both = sim.simulate(course, add_on=True, **options)
    ssri = plasticity.conventional_antidepressant(days=28, step_h=1.0, expectancy=False)
    assert np.allclose(ssri.time_h, both.time_h)
    added = _total_drive(both.symptom_score) - _total_drive(alone.symptom_score)
    expected = CONSTANTS["ssri_drive"].value * ssri.adaptation
    assert np.allclose(added, expected, atol=1e-9)
    # the comparator alone, with the drug taken away, is the conventional arm's score
    assert np.allclose(plasticity.run_plasticity(ssri.time_h, np.zeros_like(ssri.time_h), quiet, add_on=expected).symptom_score,
                       ssri.symptom_score, atol=1e-9)  # fmt: skip
    assert both.add_on and not alone.add_on


def test_one_patient_one_expectation_the_larger_of_the_sessions_and_the_tablets(course):
    end = {"end_h": 24.0 * 28, "step_min": 60.0}
    on = sim.simulate(course, add_on=True, **end)
    off = sim.simulate(course, add_on=True, plasticity=sim.PlasticityModel(expectancy=False), **end)
    t = on.time_h
    sessions = plasticity.expectancy_drive(t, [e.start_h for e in course.events], "drug")
    _, tablets = plasticity.oral_antidepressant_drive(t, 0.0)
    assert np.allclose(_total_drive(on.symptom_score) - _total_drive(off.symptom_score), np.maximum(sessions, tablets), atol=1e-9)
    assert tablets[-1] > sessions[-1]  # by week 4 the tablets' expectancy has built up; on day 1 the session's leads
    assert sessions[24] > tablets[24]


def test_the_improvement_splits_into_three_parts_that_add_up(course):
    result = sim.simulate(course, add_on=True, end_h=24.0 * 28, step_min=30.0)
    parts = result.improvement_parts()
    assert set(parts) == {"drug", "expectancy", "add-on"}
    total = B - result.symptom_score
    assert np.allclose(parts["drug"] + parts["expectancy"] + parts["add-on"], total, atol=1e-12)
    assert all(np.all(p >= -1e-12) for p in parts.values())
    assert parts["add-on"][0] == 0.0 and parts["add-on"][-1] > 1.0  # the tablets act over weeks
    assert set(sim.simulate(course, end_h=48.0).improvement_parts()) == {"drug", "expectancy"}


def test_each_member_of_an_add_on_population_is_simulate_of_that_patient(course):
    pop = sim.simulate_population(course, n=4, seed=5, end_h=24.0 * 14, step_min=60.0, add_on=True, dtype="float64")
    for i in range(len(pop)):
        one = sim.simulate(course, pop.patient(i), end_h=24.0 * 14, step_min=60.0, add_on=True)
        assert np.allclose(pop.data["symptom_score"][i], one.symptom_score, atol=1e-9)
    # the tablets' part is each patient's comparator sensitivity times the conventional arm's
    comparator = simulate_comparator_population("conventional", virtual=pop.virtual, days=14, step_h=1.0, expectancy=False)
    assert comparator.symptom_score.shape[0] == len(pop)


def test_the_add_on_never_makes_the_toy_score_worse(course):
    alone = sim.simulate_population(course, n=30, seed=1, end_h=24.0 * 28, step_min=60.0)
    both = sim.simulate_population(course, n=30, seed=1, end_h=24.0 * 28, step_min=60.0, add_on=True)
    assert np.all(both.data["symptom_score"] <= alone.data["symptom_score"] + 1e-4)  # float32 storage


@pytest.mark.parametrize("bad", ["yes", 1, None, np.bool_(True)])
def test_add_on_must_be_a_bool(course, bad):
    with pytest.raises(TypeError, match="add_on must be True or False"):
        sim.simulate(course, add_on=bad, end_h=24.0)
    with pytest.raises(TypeError, match="add_on must be True or False"):
        sim.simulate_population(course, n=2, add_on=bad, end_h=24.0)


def test_oral_antidepressant_drive_rejects_bad_input():
    with pytest.raises(ValueError, match="start_h"):
        plasticity.oral_antidepressant_drive([0.0, 1.0], start_h=-1.0)
    with pytest.raises(ValueError, match="time_h"):
        plasticity.oral_antidepressant_drive([1.0, 0.0])
    with pytest.raises(TypeError, match="expectancy"):
        plasticity.oral_antidepressant_drive([0.0, 1.0], expectancy="no")
    with pytest.raises(ValueError, match="add_on"):
        plasticity.run_plasticity([0.0, 1.0], [0.0, 0.0], add_on=[0.0, -1.0])
