"""The toy plasticity chain: published shape targets, accuracy against solve_ivp, invariants, comparator."""

import itertools
import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.linalg import expm

import simulator as sim
from simulator.plasticity import (
    UNBLINDING_NOTE,
    PlasticityModel,
    conventional_antidepressant,
    placebo_arm,
    run_plasticity,
    symptom_summary,
)

STANDARD = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
BASELINE = 32.0


@pytest.fixture(scope="module")
def single():
    return sim.simulate(STANDARD, end_h=24 * 30, step_min=5)


@pytest.fixture(scope="module")
def six():
    return sim.simulate(sim.Regimen.weekly(STANDARD, sessions_per_week=3, weeks=2), end_h=24 * 60, step_min=5)


def at(result, hours, values):
    return values[np.searchsorted(result.time_h, hours)]


# --------------------------------------------------------------------------- shape targets (REFERENCES.md section 5)
def test_single_infusion_improves_within_two_hours(single):
    assert at(single, 2.0, single.symptom_score) < 0.9 * BASELINE  # Kishimoto 2016: effect from 40 min to 2 h
    assert single.summary()["symptom"]["onset_h"] <= 2.0


def test_single_infusion_rapid_onset_day_one_peak_and_fade(single):
    """Issue 9 targets for one standard infusion in the typical patient (each a cited range)."""
    t, improvement = single.time_h, BASELINE - single.symptom_score
    peak, peak_h = improvement.max(), t[np.argmax(improvement)]
    # rapid onset: at least half of the peak improvement within 4 h of the start (Kishimoto 2016: from 40 min;
    # Zarate 2006: significant at 110 min; Murrough 2013: a large MADRS fall at 2 h)
    assert at(single, 4.0, improvement) >= 0.5 * peak
    assert 12.0 <= peak_h <= 48.0  # the peak about day 1 (Kishimoto 2016)
    # a response the day after (Han 2016: 52% of the ketamine arms respond at 24 h; the typical patient is the median)
    assert at(single, 24.0, single.symptom_score) <= 0.5 * BASELINE
    # the benefit of one infusion fades over 1-2 weeks (Kishimoto 2016: no longer different from placebo by days 10-12)
    assert at(single, 12 * 24.0, improvement) < 0.2 * peak and at(single, 14 * 24.0, improvement) < 0.1 * peak
    summary = symptom_summary(t, single.symptom_score, BASELINE)
    assert 1.0 <= summary["days_in_response"] <= 7.0 and summary["response_end_h"] < 10 * 24.0


def test_single_infusion_index_time_course(single):
    t, index = single.time_h, single.plasticity_index
    peak = index.max()
    t_peak = t[np.argmax(index)]
    assert 12.0 <= t_peak <= 48.0
    below_half = t[(t > t_peak) & (index < 0.5 * peak)][0]
    assert 3 * 24 <= below_half <= 10 * 24
    assert at(single, 14 * 24, index) < 0.1 * peak  # back within 10% of baseline by day 14 (Kishimoto 2016)


def test_structural_component_late(single):
    labile = single.chain.labile  # new spines (Moda-Sava 2019): they sustain the effect, they do not start it
    peak = labile.max()
    assert at(single, 3.0, labile) < 0.15 * peak and at(single, 6.0, labile) < 0.15 * peak
    assert at(single, 12.0, labile) > 0.3 * peak and at(single, 24.0, labile) > 0.6 * peak


def test_six_infusions_hold_for_ten_to_thirty_days(single, six):
    single_peak = single.plasticity_index.max()
    last = six.regimen.end_h
    t = six.time_h
    drops = t[(t > last) & (six.plasticity_index < 0.5 * single_peak)]
    held_days = (drops[0] - last) / 24.0
    assert 10.0 <= held_days <= 30.0  # Murrough 2013: median relapse 18 days after the last infusion


def test_six_infusions_keep_the_typical_patient_in_response_10_to_30_days(six):
    # Murrough 2013 (Biol Psychiatry): median time to relapse 18 days after the last of six infusions (responders)
    summary = symptom_summary(six.time_h, six.symptom_score, BASELINE)
    last = six.regimen.end_h
    assert summary["response_start_h"] < six.regimen.events[1].start_h  # in response after the first infusion
    assert 10.0 <= (summary["response_end_h"] - last) / 24.0 <= 30.0
    # one infusion alone: a response of days, not weeks (the course is what holds it)
    assert (summary["response_end_h"] - last) / 24.0 > 3.0 * symptom_summary(
        six.time_h, run_plasticity(six.time_h, np.where(six.time_h < 56.0, six.occupancy, 0.0)).symptom_score, BASELINE
    )["days_in_response"]


def test_consolidation_is_what_makes_the_course_hold(single, six):
    # the stated hypothesis: without the threshold mechanism (a purely linear chain), the course does not hold
    linear = PlasticityModel(consolidation_threshold=1e6)
    single_peak = run_plasticity(single.time_h, single.occupancy, linear).index.max()
    chain = run_plasticity(six.time_h, six.occupancy, linear)
    t, last = six.time_h, six.regimen.end_h
    drops = t[(t > last) & (chain.index < 0.5 * single_peak)]
    assert (drops[0] - last) / 24.0 < 10.0
    # and one infusion never reaches the threshold with the default model
    assert single.chain.consolidated.max() == 0.0


def test_esketamine_twice_weekly_keeps_response_and_plateaus():
    course = sim.Regimen.weekly(sim.Intranasal(dose_mg=84, drug="esketamine"), sessions_per_week=2, weeks=4)
    r = sim.simulate(course, end_h=24 * 28, step_min=5)
    t = r.time_h
    weekly_max = [r.plasticity_index[(t >= 168 * k) & (t < 168 * (k + 1))].max() for k in range(4)]
    assert weekly_max[3] / weekly_max[2] < 1.05  # plateau, no unbounded build-up
    m = r.plasticity_model
    assert r.plasticity_index.max() < r.chain.labile.max() + m.consolidated_max
    in_response = r.symptom_score <= 0.5 * BASELINE
    assert in_response[(t >= 168) & (t <= 24 * 28)].mean() > 0.9  # response kept through weeks 2-4


def test_conventional_comparator_takes_weeks():
    # re-pinned with the calibration (issue 9): the old window (half of the day-56 improvement after 2-6 weeks) was not
    # in Trivedi 2006; the graded sources put part of the benefit in week 1 and most of it in weeks 1-3
    c = conventional_antidepressant(days=56, baseline_score=BASELINE, expectancy=False)  # the drug alone (Taylor 2006)
    improvement = BASELINE - c.symptom_score
    final = improvement[-1]
    half_day = c.time_h[np.flatnonzero(improvement >= 0.5 * final)[0]] / 24.0
    assert 7.0 <= half_day <= 21.0  # Posternak 2005: ~60% of the improvement in weeks 1-2; Taylor 2006: a third in week 1
    assert 0.1 * final <= improvement[c.time_h == 168.0][0] <= 0.5 * final  # something by the end of week 1 (Taylor 2006)
    assert improvement[c.time_h <= 72.0].max() < 0.1 * final  # no meaningful change in the first 3 days
    arm = conventional_antidepressant(days=56, baseline_score=BASELINE)  # the arm: the drug and a drug arm's expectancy
    assert arm.symptom_score[-1] > 0.5 * BASELINE  # the typical patient is not yet in response at week 8 (STAR*D: 47%)
    assert np.all(arm.symptom_score <= c.symptom_score + 1e-12)  # expectancy only adds improvement
    assert np.all(np.diff(c.symptom_score) <= 1e-12)  # daily dosing: the score only falls


def test_comparator_tablet_is_absorbed_over_hours_and_accumulates_over_a_week():
    """The toy SSRI is a tablet: its level peaks 4.5-8.4 h after a dose (sertraline label), not at once, and with
    a 26 h half-life daily doses accumulate to steady state in about a week; the level matches the closed form of
    one-compartment oral dosing summed over doses, computed here dose by dose."""
    from simulator.literature.plasticity_constants import CONSTANTS

    c = conventional_antidepressant(days=14, step_h=0.05)
    t = c.time_h
    first = t < 24.0
    assert 4.5 <= t[first][np.argmax(c.level[first])] <= 8.4
    early = c.block[np.searchsorted(t, 5.0 / 60.0)]
    assert early < 0.1 and early < 0.2 * c.block[first].max()  # five minutes after the first tablet: little
    k = np.log(2) / CONSTANTS["ssri_half_life_h"].value
    ka = np.log(2) / CONSTANTS["ssri_absorption_half_time_h"].value
    expected = np.zeros_like(t)
    for day in range(14):  # superposition, one dose at a time
        s = np.clip(t - 24.0 * day, 0.0, None)
        expected += ka / (ka - k) * (np.exp(-k * s) - np.exp(-ka * s)) * (1 - np.exp(-24 * k))
    np.testing.assert_allclose(c.level, expected, rtol=1e-12, atol=1e-15)
    day7, day13 = (c.level[(t >= 24 * d) & (t < 24 * (d + 1))].max() for d in (7, 13))
    assert day7 > 0.9 * day13  # steady state within about a week


def test_ketamine_acts_before_the_comparator(single):
    c = conventional_antidepressant(days=30, baseline_score=BASELINE)
    assert at(single, 24.0, single.symptom_score) < c.symptom_score[np.searchsorted(c.time_h, 24.0)] - 5.0


def test_comparator_sensitivity_scales_the_drive_not_the_timing():
    typical = conventional_antidepressant(days=56)
    batch = conventional_antidepressant(days=56, sensitivity=np.array([0.5, 1.0, 2.0]))
    assert batch.symptom_score.shape == (3, typical.time_h.size)
    assert np.array_equal(batch.symptom_score[1], typical.symptom_score)
    assert np.all(batch.symptom_score[0] >= batch.symptom_score[1]) and np.all(batch.symptom_score[2] <= batch.symptom_score[1])
    assert batch.symptom_score[2, -1] <= 0.5 * BASELINE < batch.symptom_score[0, -1]  # some respond by week 8, some not
    assert np.array_equal(batch.adaptation, typical.adaptation)


def test_placebo_arm_is_an_optional_toy_with_a_day_one_size():
    midazolam, saline = placebo_arm(days=14), placebo_arm(days=14, kind="saline")
    assert midazolam.kind == "midazolam" and "dissociation" in midazolam.note and "midazolam" in UNBLINDING_NOTE
    assert midazolam.expectancy.max() == pytest.approx(1.0, abs=1e-3)  # one session peaks at 1
    assert np.array_equal(midazolam.expectancy, saline.expectancy)  # same time course, different size
    improvement = BASELINE - midazolam.symptom_score
    assert np.all(midazolam.symptom_score <= saline.symptom_score) and improvement[0] == 0.0
    assert improvement[24] > 0.5 * improvement.max() and improvement[-1] < 0.2 * improvement.max()  # fades over days
    assert midazolam.symptom_score[24] > 0.5 * BASELINE  # the typical patient does not respond to a placebo
    two = placebo_arm(days=14, session_days=(0.0, 2.0))
    assert two.expectancy[48 + 6] > midazolam.expectancy[48 + 6]  # a second session renews the response
    assert two.expectancy.max() == pytest.approx(1.0, abs=1e-3)  # but does not build it up (invented; nothing cited)
    # optional: nothing in a ketamine simulation depends on it
    r = sim.simulate(STANDARD, end_h=24.0, step_min=10.0)
    assert not any("placebo" in name for name in vars(r.plasticity_model))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: placebo_arm(kind="sugar pill"), ValueError, "kind must be one of"),
        (lambda: placebo_arm(kind=1), TypeError, "kind must be a string"),
        (lambda: placebo_arm(session_days=()), ValueError, "session_days must hold 1 to 100"),
        (lambda: placebo_arm(session_days="0"), TypeError, "session_days must be a sequence"),
        (lambda: placebo_arm(days=5, session_days=(6.0,)), ValueError, r"session_days\[\] must be in \[0, 5\]"),
        (lambda: placebo_arm(session_days=[0.0] * 101), ValueError, "1 to 100 sessions"),
        (lambda: placebo_arm(session_days=(math.nan,)), ValueError, "session_days"),
        (lambda: placebo_arm(days=0), ValueError, "days"),
        (lambda: placebo_arm(step_h=30), ValueError, "step_h"),
        (lambda: placebo_arm(baseline_score=61), ValueError, "baseline_score"),
        (lambda: placebo_arm(sensitivity=0.0), ValueError, r"sensitivity must be in \(0, 1000\]"),
        (lambda: conventional_antidepressant(sensitivity=-1.0), ValueError, "sensitivity"),
        (lambda: conventional_antidepressant(sensitivity=math.inf), ValueError, "sensitivity"),
        (lambda: conventional_antidepressant(sensitivity=np.array([1.0, 0.0])), ValueError, r"sensitivity must .* \(0, 1000\]"),
        (lambda: conventional_antidepressant(sensitivity=np.ones((2, 2))), ValueError, "1-D array"),
        (lambda: conventional_antidepressant(sensitivity="1"), TypeError, "sensitivity"),
        (lambda: conventional_antidepressant(sensitivity=True), TypeError, "sensitivity"),
    ],
)
def test_bad_comparator_arm_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --------------------------------------------------------------------------- accuracy
#: Six toy block pulses, written as a function of time (h): each session's block rises and falls smoothly.
SESSIONS_H = 56.0 * np.arange(6)


def _analytic_block(t):
    since = np.asarray(t, dtype=float)[..., None] - SESSIONS_H
    pulse = np.where(since > 0, 0.45 * -np.expm1(-np.maximum(since, 0) / 0.25) * np.exp(-np.maximum(since, 0) / 2.5), 0.0)
    return pulse.sum(axis=-1)


def _reference(t, model):
    """solve_ivp (LSODA, rtol 1e-10) on the whole nonlinear chain driven by the analytic block, at times ``t``."""

    def rhs(time, y):
        d, adapted, s, g, lab, c = y
        x = (float(_analytic_block(time)) / model.occupancy_half_drive) ** model.drive_hill
        u = model.sensitivity * x / (1.0 + x)
        return [
            (u - d) / model.drive_time_h,
            (d - adapted) / model.adaptation_time_h,
            model.signal_gain_per_h * max(0.0, d - adapted) - s / model.signal_time_h,
            (s - g) / model.synthesis_time_h,
            model.spine_gain_per_h * g - lab / model.spine_time_h,
            model.consolidation_gain_per_h * max(0.0, lab - model.consolidation_threshold) - c / model.consolidation_time_h,
        ]

    y, state = np.zeros((t.size, 6)), np.zeros(6)
    knots = np.unique(np.concatenate([SESSIONS_H, [t[-1]]]))  # integrate session by session (the block has a kink at each start)
    for lo, hi in itertools.pairwise(knots):
        inside = (t >= lo) & (t <= hi)
        sol = solve_ivp(rhs, (lo, hi), state, method="LSODA", t_eval=t[inside], rtol=1e-10, atol=1e-13, max_step=0.05)
        y[inside] = sol.y.T
        end = solve_ivp(rhs, (lo, hi), state, method="LSODA", rtol=1e-10, atol=1e-13, max_step=0.05)
        state = end.y[:, -1]
    return y


@pytest.mark.slow
def test_chain_converges_to_the_exact_nonlinear_chain_at_second_order():
    """Against solve_ivp at rtol 1e-10 with the block as a function of time: small, and O(h^2) in the output step.

    The model samples the block at its output times and takes the saturated input, the rectified surge and the
    thresholded consolidation input linear between them: a statement about the model, not about the solver.
    """
    model = PlasticityModel()
    errors = {}
    for step_min in (5.0, 1.0):
        t = np.arange(0.0, 24.0 * 20 + 1e-9, step_min / 60.0)
        chain = run_plasticity(t, _analytic_block(t), model)
        ref = _reference(t, model)
        stages = (chain.surge, chain.drive, chain.signal, chain.labile, chain.consolidated)
        want = (ref[:, 0], np.maximum(ref[:, 0] - ref[:, 1], 0.0), ref[:, 2], ref[:, 4], ref[:, 5])
        errors[step_min] = [np.max(np.abs(a - b)) / np.max(np.abs(b)) for a, b in zip(stages, want, strict=True)]
        assert ref[:, 5].max() > 0.1  # six sessions consolidate
    for coarse, fine in zip(errors[5.0], errors[1.0], strict=True):
        # the fast surge (minutes) is within 5% at 5-minute outputs, the slow stages the score uses within 0.5%
        assert coarse <= 5e-2 and fine <= 2e-3
        assert fine <= coarse / 10.0  # second order: the error falls 14- to 26-fold for a 5-fold finer step
    assert max(errors[5.0][3:]) <= 5e-3  # new and consolidated synapses


@pytest.mark.slow
def test_the_consolidation_solver_is_exact_for_its_input(six):
    """Given max(0, L - threshold) linear between outputs, the consolidation stage is exact (matrix exponentials)."""
    model = six.plasticity_model
    r = sim.simulate(six.regimen, end_h=24 * 30, step_min=5)
    chain = r.chain
    t = r.time_h
    h = t[1] - t[0]
    excess = model.consolidation_gain_per_h * np.maximum(0.0, chain.labile - model.consolidation_threshold)
    step = expm(np.array([[-1.0 / model.consolidation_time_h, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]]) * h)
    same_input = np.zeros(t.size)
    for k in range(t.size - 1):
        slope = (excess[k + 1] - excess[k]) / h
        same_input[k + 1] = step[0] @ (same_input[k], excess[k], slope)
    assert same_input.max() > 0.1
    assert np.max(np.abs(chain.consolidated - same_input)) <= 1e-10 * np.max(same_input)


def test_irregular_grid_agrees_with_regular_grid(single):
    # the same piecewise-linear occupancy on an irregular grid (extra points added) gives the same chain
    extra = np.array([0.33, 1.7, 50.1, 100.02])
    t = np.unique(np.concatenate([single.time_h[: 24 * 12 * 6], extra]))
    irregular = run_plasticity(t, np.interp(t, single.time_h, single.occupancy))
    keep = np.isin(t, single.time_h)
    regular = single.chain
    n = keep.sum()
    # the saturated input f(occupancy) and the rectified surge are taken linear between outputs (O(h^2), not exact as
    # the old linear chain was): extra points change the stages by under 0.3% of their peaks
    for name in ("surge", "drive", "signal", "synthesis", "labile"):
        a, b = getattr(irregular, name)[keep], getattr(regular, name)[:n]
        assert np.max(np.abs(a - b)) <= 3e-3 * np.max(np.abs(b))


# --------------------------------------------------------------------------- invariants
def test_bounded_non_negative_and_deterministic(six):
    c = six.chain
    for stage in (c.drive, c.signal, c.synthesis, c.labile, c.consolidated, c.index):
        assert stage.min() >= -1e-12 * max(1.0, stage.max())
    assert np.all((six.symptom_score >= 0) & (six.symptom_score <= 60))
    again = sim.simulate(six.regimen, end_h=24 * 60, step_min=5)
    assert np.array_equal(again.symptom_score, six.symptom_score)


def test_no_drug_stays_at_baseline_and_effect_returns_to_baseline(single):
    t = np.linspace(0, 24 * 20, 2000)
    rest = run_plasticity(t, np.zeros_like(t))
    assert np.all(rest.index == 0) and np.all(rest.symptom_score == rest.baseline_score)
    long = sim.simulate(STANDARD, end_h=24 * 60, step_min=10)
    assert long.symptom_score[-1] == pytest.approx(BASELINE, rel=0.01)


@pytest.mark.parametrize("assumptions", [sim.ReceptorAssumptions(), sim.ReceptorAssumptions(measure="IC50", magnesium=True)])
def test_monotone_in_dose_up_to_the_antidepressant_range(assumptions):
    peaks = []
    for dose in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5):
        r = sim.simulate(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=24 * 7, step_min=10, receptor=assumptions)
        peaks.append((r.plasticity_index.max(), BASELINE - r.symptom_score.min()))
    peaks = np.array(peaks)
    assert np.all(np.diff(peaks[:, 0]) > 0) and np.all(np.diff(peaks[:, 1]) > 0)


def test_contested_switches_are_off_by_default_and_change_the_answer():
    default = PlasticityModel()
    assert not default.hnk_pathway and not default.inverted_u
    r = sim.simulate(STANDARD, end_h=24 * 5, step_min=10)
    hnk = sim.simulate(STANDARD, end_h=24 * 5, step_min=10, plasticity=PlasticityModel(hnk_pathway=True))
    assert hnk.plasticity_index.max() > r.plasticity_index.max()
    high = sim.simulate(sim.Bolus(dose_mg_per_kg=2.0), end_h=24 * 5, step_min=10)
    ceiling = sim.simulate(sim.Bolus(dose_mg_per_kg=2.0), end_h=24 * 5, step_min=10, plasticity=PlasticityModel(inverted_u=True))
    assert ceiling.chain.drive.max() < high.chain.drive.max()


def test_symptom_summary_by_hand():
    t = np.arange(0.0, 100.0)
    score = np.full(t.size, 30.0)
    score[10:40] = 12.0  # response (<= 15) from 10 h to 39 h
    s = symptom_summary(t, score, 30.0)
    assert s["onset_h"] == 10.0 and s["response_start_h"] == 10.0 and s["response_end_h"] == 39.0
    assert s["days_in_response"] == pytest.approx(30.0 / 24.0)
    assert math.isnan(symptom_summary(t, np.full(t.size, 30.0), 30.0)["response_start_h"])


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"baseline_score": 70}, ValueError, r"baseline_score must be in \[0, 60\]"),
        ({"baseline_score": math.nan}, ValueError, "baseline_score"),
        ({"sensitivity": 0}, ValueError, "sensitivity"),
        ({"hnk_pathway": 1}, TypeError, "hnk_pathway"),
        ({"signal_time_h": 19.5}, ValueError, "time constants must differ"),
        ({"spine_time_h": -1}, ValueError, "spine_time_h"),
        ({"max_improvement": 1.5}, ValueError, "max_improvement"),
    ],
)
def test_bad_plasticity_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        PlasticityModel(**kwargs)


def test_bad_comparator_and_simulate_input():
    with pytest.raises(ValueError, match="days"):
        conventional_antidepressant(days=0)
    with pytest.raises(TypeError, match="plasticity"):
        sim.simulate(STANDARD, plasticity={"baseline_score": 30})


def test_the_models_sensitivity_and_the_patients_multiply_through_simulate():
    """PlasticityModel(sensitivity=s) acts through simulate (a patient's random effect multiplies it; it was ignored)."""
    dose = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    by_model = sim.simulate(dose, end_h=72, plasticity=sim.PlasticityModel(sensitivity=1.6))
    by_patient = sim.simulate(dose, sim.Patient(random_effects=sim.RandomEffects(sensitivity=1.6)), end_h=72)
    both = sim.simulate(
        dose,
        sim.Patient(random_effects=sim.RandomEffects(sensitivity=2.0)),
        end_h=72,
        plasticity=sim.PlasticityModel(sensitivity=0.8),
    )
    typical = sim.simulate(dose, end_h=72)
    np.testing.assert_allclose(by_model.plasticity_index, by_patient.plasticity_index, rtol=1e-12)
    np.testing.assert_allclose(both.plasticity_index, by_patient.plasticity_index, rtol=1e-12)
    assert by_model.plasticity_index.max() > 1.5 * typical.plasticity_index.max()
