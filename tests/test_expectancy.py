"""Expectancy in every arm, masked arms, the saturating surge, the two effect sites and the metabolite's brain access.

Each test checks a property against something independent: an identity the parts must satisfy, a closed form, or
the published fact the constant was (or was not) tuned to. The published comparisons themselves are pinned in
tests/test_evidence.py (calibration targets and out-of-sample checks apart).
"""

import math

import numpy as np
import pytest

import simulator as sim
from simulator import plasticity
from simulator.literature.plasticity_constants import CONSTANTS

STANDARD = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)


@pytest.fixture(scope="module")
def one():
    return sim.simulate(STANDARD, end_h=24 * 14, step_min=10)


def test_the_improvement_splits_into_drug_and_expectancy_that_add_up(one):
    parts = one.improvement_parts()
    total = one.plasticity_model.baseline_score - one.symptom_score
    np.testing.assert_allclose(parts["drug"] + parts["expectancy"], total, rtol=0, atol=1e-12)
    assert np.all(parts["drug"] >= -1e-12) and np.all(parts["expectancy"] >= -1e-12)
    # the split is the share of each part's drive on the one saturating symptom map
    c = one.chain
    drug_drive = c.signal * one.plasticity_model.signal_weight + c.index
    share = np.divide(drug_drive, drug_drive + c.expectancy, out=np.zeros_like(drug_drive), where=drug_drive + c.expectancy > 0)
    np.testing.assert_allclose(parts["drug"], total * share, rtol=1e-12, atol=1e-12)
    assert 0.0 < one.summary()["symptom"]["expectancy_share_of_peak"] < 1.0


def test_without_expectancy_the_drug_alone_is_the_old_symptom_map(one):
    alone = sim.simulate(STANDARD, end_h=24 * 14, step_min=10, plasticity=sim.PlasticityModel(expectancy=False))
    m = alone.plasticity_model
    u = alone.chain.signal * m.signal_weight + alone.chain.index  # B (1 - Emax U / (U50 + U)), written out
    np.testing.assert_allclose(
        alone.symptom_score, m.baseline_score * (1 - m.max_improvement * u / (m.half_improvement_drive + u)), rtol=1e-12
    )
    assert np.all(alone.symptom_score >= one.symptom_score - 1e-12)  # expectancy only ever adds improvement
    np.testing.assert_array_equal(alone.chain.index, one.chain.index)  # and never changes the drug's chain


def test_the_expectancy_profile_is_renewed_not_added_by_each_session():
    t = np.arange(0.0, 24.0 * 10 + 0.5, 0.5)
    one = plasticity.expectancy_drive(t, [0.0], "midazolam")
    two = plasticity.expectancy_drive(t, [0.0, 48.0], "midazolam")
    g = CONSTANTS["placebo_midazolam_drive"].value
    assert one.max() == pytest.approx(g, rel=1e-3) and two.max() == pytest.approx(g, rel=1e-3)  # peak 1 x g, never more
    np.testing.assert_array_equal(two[t < 48.0], one[t < 48.0])
    assert np.all(two >= one)
    # closed form of one session: g (e^{-t/td} - e^{-t/tr}) / max
    rise, fade = CONSTANTS["placebo_rise_time_h"].value, CONSTANTS["placebo_time_h"].value
    shape = np.exp(-t / fade) - np.exp(-t / rise)
    np.testing.assert_allclose(one, g * shape / shape.max(), rtol=2e-3)  # the grid's maximum is within 0.2% of the true one
    assert np.all(plasticity.expectancy_drive(t, [0.0], "none") == 0.0)


def test_arms_expect_in_the_stated_order():
    t = np.arange(0.0, 48.0, 1.0)
    level = {arm: plasticity.expectancy_drive(t, [0.0], arm).max() for arm in plasticity.EXPECTANCY_ARMS}
    assert level["none"] == 0.0 < level["saline"] < level["midazolam"] == level["drug"] < level["masked"]


def test_masked_changes_only_the_expectancy(one):
    masked = sim.simulate(STANDARD, end_h=24 * 14, step_min=10, masked=True)
    assert masked.masked and not one.masked
    np.testing.assert_array_equal(masked.occupancy, one.occupancy)
    np.testing.assert_array_equal(masked.chain.index, one.chain.index)
    np.testing.assert_array_equal(masked.dissociation_index, one.dissociation_index)
    ratio = CONSTANTS["expectancy_masked_drive"].value / CONSTANTS["placebo_midazolam_drive"].value
    np.testing.assert_allclose(masked.chain.expectancy, ratio * one.chain.expectancy, rtol=1e-12)
    # a population member equals simulate of that patient, masked too
    pop = sim.simulate_population(STANDARD, n=3, seed=2, end_h=48.0, step_min=10, masked=True, dtype="float64")
    alone = sim.simulate(STANDARD, pop.patient(1), end_h=48.0, step_min=10, masked=True)
    np.testing.assert_allclose(pop.data["symptom_score"][1], alone.symptom_score, rtol=1e-12, atol=1e-12)


def test_masked_placebo_arm_and_validation():
    sal = plasticity.placebo_arm(days=3, kind="saline")
    masked = plasticity.placebo_arm(days=3, kind="saline", masked=True)
    assert masked.symptom_score.min() < sal.symptom_score.min()
    np.testing.assert_array_equal(masked.expectancy, sal.expectancy)  # the same profile, a larger size
    with pytest.raises(TypeError, match="masked"):
        plasticity.placebo_arm(days=3, masked="yes")
    with pytest.raises(TypeError, match="masked"):
        sim.simulate(STANDARD, masked=1)
    with pytest.raises(ValueError, match="arm"):
        plasticity.expectancy_drive([0.0, 1.0], [0.0], "hope")
    with pytest.raises(ValueError, match="session_starts_h"):
        plasticity.expectancy_drive([0.0, 1.0], [math.nan], "drug")
    with pytest.raises(ValueError, match="masked applies to the placebo arms only"):
        sim.population.simulate_comparator_population("conventional", n=2, masked=True)
    with pytest.raises(ValueError, match="expectancy=False applies to the conventional arm only"):
        sim.population.simulate_comparator_population("placebo-saline", n=2, expectancy=False)


def test_the_surge_saturates_with_block_and_adapts():
    m = sim.PlasticityModel()
    theta = np.array([0.1, 0.26, 0.5, 0.9])
    x = (theta / m.occupancy_half_drive) ** m.drive_hill
    np.testing.assert_allclose(m.drive(theta), x / (1 + x), rtol=1e-12)  # Hill form, half at occupancy_half_drive
    assert m.drive(0.9) < 1.01 * m.drive(0.5) + 0.02  # deep block buys (almost) nothing more
    # a constant block: the surge above the adapted level decays to 0 (only a rise in block drives it)
    t = np.arange(0.0, 12.0, 0.01)
    r = plasticity.run_plasticity(t, np.where(t > 0, 0.5, 0.0))
    assert r.drive[t > 5].max() < 1e-6 * r.drive.max()
    # the rectified surge of a step, written out: tau_A / (tau_A - tau_D) (e^{-t/tau_A} - e^{-t/tau_D}) x u
    u = float(m.drive(0.5))
    ta, td = m.adaptation_time_h, m.drive_time_h
    want = u * ta / (ta - td) * (np.exp(-t / ta) - np.exp(-t / td))
    late = t >= 0.3  # the model's step is a ramp over its first output interval (0.01 h): compare after it has faded
    np.testing.assert_allclose(r.drive[late], want[late], rtol=0, atol=2e-2 * want.max())


def test_the_brain_site_is_fast_and_the_analgesia_site_is_olofsen():
    r = sim.simulate(sim.Bolus(dose_mg_per_kg=0.5), end_h=2.0, step_min=0.05)
    t = r.time_h * 60.0
    brain, slow, plasma = r.effect_site(), r.effect_site(endpoint="analgesia"), r.plasma()
    assert t[np.argmax(brain)] - t[np.argmax(plasma)] < 1.0  # within a minute (t1/2 11 s)
    assert 10.0 < t[np.argmax(slow)] - t[np.argmax(plasma)] < 25.0  # minutes behind (t1/2 6.1 min)
    # the analgesia site is the first-order filter of plasma: Ce' = ke0 (Cp - Ce), checked by Euler on a fine grid
    ke0 = math.log(2.0) / 6.1
    ce = np.zeros_like(plasma)
    for k in range(1, t.size):
        ce[k] = ce[k - 1] + (t[k] - t[k - 1]) * ke0 * (0.5 * (plasma[k] + plasma[k - 1]) - ce[k - 1])
    np.testing.assert_allclose(slow, ce, rtol=0, atol=2e-3 * ce.max())
    np.testing.assert_array_equal(r.effect_site("norketamine", endpoint="analgesia"), r.effect_site("norketamine"))
    with pytest.raises(ValueError, match="endpoint"):
        r.effect_site(endpoint="hypnosis")


def test_norketamine_reaches_the_brain_a_fifth_as_well_by_default():
    oral = sim.Oral(dose_mg_per_kg=0.5)
    default = sim.simulate(oral, end_h=12.0)
    equal = sim.simulate(oral, end_h=12.0, receptor=sim.ReceptorAssumptions(metabolite_brain_ratio=1.0))
    share, old = (r.summary()["occupancy"]["metabolite_share_of_peak"] for r in (default, equal))
    assert share < 0.2 < 0.4 < old  # Spravato label: 4-6x lower brain:plasma ratio for the metabolite
    assert default.receptor.metabolite_brain_ratio == pytest.approx(0.2)
    with pytest.raises(ValueError, match="metabolite_brain_ratio"):
        sim.ReceptorAssumptions(metabolite_brain_ratio=0.0)


def test_a_benzodiazepine_blunts_the_toy_benefit_only():
    plain = sim.simulate(STANDARD, end_h=72.0, step_min=10)
    benzo = sim.simulate(STANDARD, sim.Patient(comedication="benzodiazepine"), end_h=72.0, step_min=10)
    np.testing.assert_allclose(benzo.plasma(), plain.plasma(), rtol=1e-12)
    np.testing.assert_allclose(benzo.chain.expectancy, plain.chain.expectancy, rtol=1e-12)
    assert (plain.symptom_score.min() < benzo.symptom_score.min()) and benzo.chain.index.max() < plain.chain.index.max()


def test_the_ketamine_arm_is_never_worse_than_its_placebo_arm_in_the_first_hours():
    """The drug arm carries the midazolam arm's expectancy plus the drug: on one monotone map it is never worse.

    Notebook 03 says so about its figure's first hours (the placebo arm close behind, the drug's own part smaller than
    the expectancy share between about 3 and 20 h); this checks the invariant on the notebook's grids, not its numbers.
    """
    regimen, patient, _ = sim.scenarios.get("standard-infusion")
    from simulator import plotting

    one = sim.simulate(regimen, patient, time_h=plotting.log_axis_times(24 * 28))
    placebo = plasticity.placebo_arm(days=28, step_h=0.25, kind="midazolam")
    t = placebo.time_h[placebo.time_h <= 24 * 28]
    ketamine = np.interp(t, one.time_h, one.symptom_score)
    assert np.all(ketamine <= placebo.symptom_score[: t.size] + 0.05)  # linear interpolation of the log grid only
    # the ketamine arm's expectancy is the placebo arm's drive: the same at every time
    drive = plasticity.expectancy_drive(one.time_h, [0.0], "drug")
    assert np.allclose(drive, plasticity.expectancy_drive(one.time_h, [0.0], "midazolam"))
    parts = one.improvement_parts()
    hours = (one.time_h >= 3.5) & (one.time_h <= 18.0)
    assert np.all(parts["expectancy"][hours] > parts["drug"][hours])  # what the notebook's paragraph says
