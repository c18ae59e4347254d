"""Virtual populations: covariates, variability, bands, reproducibility, schedules."""

import warnings

import numpy as np
import pytest

import simulator as sim
from simulator.literature import OutsideValidityWarning
from simulator.literature.covariates import NONRESPONDER_SENSITIVITY, Variability, variability_for

STANDARD = sim.Regimen((sim.Infusion(dose_mg_per_kg=0.5, duration_min=40),))
WINDOW = {"end_h": 24.0 * 5, "step_min": 10.0}


def test_same_seed_same_population_bit_for_bit():
    a = sim.simulate_population(STANDARD, n=50, seed=11, weight_kg=(50, 100), female_fraction=0.5, **WINDOW)
    b = sim.simulate_population(STANDARD, n=50, seed=11, weight_kg=(50, 100), female_fraction=0.5, **WINDOW)
    c = sim.simulate_population(STANDARD, n=50, seed=12, weight_kg=(50, 100), female_fraction=0.5, **WINDOW)
    for name in a.data:
        assert np.array_equal(a.data[name], b.data[name])
        assert not np.array_equal(a.data[name], c.data[name])
    assert a.virtual.patients == b.virtual.patients


def test_the_bit_for_bit_promise_is_for_the_same_n_as_the_docstring_says():
    """Same seed and n: the same patients; another n draws each covariate for all patients at once, so patient 0 moves."""
    from simulator.population import draw_population

    variability = variability_for("clements_1981")
    five, again, six = (draw_population(k, seed=7, variability=variability, weight_kg=(50, 100)) for k in (5, 5, 6))
    assert five.patients == again.patients
    assert five.patients[0].random_effects != six.patients[0].random_effects  # drawn after n weights, ages, ...
    assert "bit for bit" in draw_population.__doc__ and "patient 0" in draw_population.__doc__
    assert "patient 0" in sim.simulate_population.__doc__


def test_zero_variability_collapses_the_band_onto_the_typical_curve():
    pop = sim.simulate_population(STANDARD, n=20, seed=3, variability_scale=0.0, **WINDOW)
    typical = sim.simulate(STANDARD, sim.Patient(), **WINDOW)
    for name, values in (
        ("plasma_ketamine", typical.plasma()),
        ("plasma_norketamine", typical.plasma("norketamine")),
        ("occupancy", typical.occupancy),
        ("plasticity_index", typical.plasticity_index),
        ("symptom_score", typical.symptom_score),
    ):
        band = pop.percentiles(name, (5, 95))
        scale = np.max(np.abs(values))
        assert np.max(np.abs(band[0] - values)) <= 1e-6 * scale  # float32 storage
        assert np.max(np.abs(band[1] - values)) <= 1e-6 * scale


def test_population_member_equals_single_patient_simulation():
    # batched path vs the single-patient path, with covariates that differ between patients
    with pytest.warns(OutsideValidityWarning, match="outside the range"):
        pop = sim.simulate_population(
            STANDARD, n=6, seed=5, weight_kg=(45, 120), female_fraction=0.5, variability_scale=0.0, **WINDOW
        )
    for i, patient in enumerate(pop.virtual.patients):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OutsideValidityWarning)
            single = sim.simulate(STANDARD, patient, **WINDOW)
        np.testing.assert_allclose(pop.data["plasma_ketamine"][i], single.plasma(), rtol=1e-5, atol=1e-6 * single.plasma().max())
        np.testing.assert_allclose(pop.data["symptom_score"][i], single.symptom_score, rtol=1e-5)


def test_median_patient_close_to_typical():
    pop = sim.simulate_population(STANDARD, n=2000, seed=7, **WINDOW)
    typical = sim.simulate(STANDARD, **WINDOW)
    table = pop.per_patient()
    median_cmax = np.median(table["cmax_ketamine_ng_per_ml"])
    assert median_cmax == pytest.approx(typical.plasma().max(), rel=0.05)
    median_curve = pop.percentiles("plasma_ketamine", (50,))[0]
    assert median_curve.max() == pytest.approx(typical.plasma().max(), rel=0.05)
    # the toy chain: the typical patient is the median of the patients who are not toy non-responders
    responsive = ~table["toy_nonresponder"]
    assert np.median(table["peak_plasticity_index"][responsive]) == pytest.approx(typical.plasticity_index.max(), rel=0.1)
    assert np.median(table["peak_plasticity_index"][~responsive]) < 0.2 * typical.plasticity_index.max()


def test_band_width_grows_with_the_coefficient_of_variation():
    widths = []
    for scale in (0.25, 0.5, 1.0, 2.0):
        pop = sim.simulate_population(STANDARD, n=400, seed=2, variability_scale=scale, **WINDOW)
        low, high = np.percentile(pop.per_patient()["cmax_ketamine_ng_per_ml"], (5, 95))
        widths.append(high - low)
    assert np.all(np.diff(widths) > 0)


def test_random_effects_follow_the_stated_cv():
    v = variability_for("clements_1981")
    pop = sim.simulate_population(STANDARD, n=4000, seed=9, end_h=1.0, step_min=30.0)
    nonresponders = np.array(pop.virtual.nonresponders)
    effects = dict(pop.virtual.effects)
    # a toy non-responder's sensitivity carries the invented factor on top of its log-normal draw
    factor = np.where(nonresponders, NONRESPONDER_SENSITIVITY.value, 1.0)
    effects["sensitivity"] = effects["sensitivity"] / factor
    for name in ("clearance", "central_volume", "sensitivity", "comparator_sensitivity"):
        log_effects = np.log(effects[name])
        assert np.std(log_effects) == pytest.approx(np.sqrt(np.log1p(getattr(v, name) ** 2)), rel=0.05)
        assert abs(np.mean(log_effects)) < 0.03
    share = nonresponders.mean()  # binomial: standard error about 0.007 for n = 4000
    assert share == pytest.approx(v.nonresponder_fraction, abs=0.03)
    # independent draws: the comparator sensitivity does not follow the ketamine one
    assert abs(np.corrcoef(np.log(effects["sensitivity"]), np.log(effects["comparator_sensitivity"]))[0, 1]) < 0.05


def test_female_clearance_20_percent_higher_gives_the_expected_exposure():
    # Sigtermans 2009: clearance x 1.2 in women, so AUC / 1.2 for the same dose
    dose = sim.Bolus(dose_mg=35, injection_min=0.0)  # instantaneous: the 5-minute trapezoid sees the whole curve
    men = sim.simulate_population(dose, n=1, seed=0, female_fraction=0.0, variability_scale=0.0, end_h=96, step_min=5)
    women = sim.simulate_population(dose, n=1, seed=0, female_fraction=1.0, variability_scale=0.0, end_h=96, step_min=5)
    auc = lambda p: np.trapezoid(p.data["plasma_ketamine"][0].astype(float), p.time_h)  # noqa: E731
    assert auc(men) / auc(women) == pytest.approx(1.2, rel=2e-3)  # residual: AUC beyond 96 h and float32
    assert women.virtual.patients[0].sex == "female"


def test_heavier_patients_on_mg_per_kg_doses():
    dose = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    # per-kg set (Clements): concentrations do not depend on weight
    per_kg = sim.simulate_population(dose, n=2, seed=0, weight_kg=np.array([55.0, 95.0]), variability_scale=0.0, **WINDOW)
    np.testing.assert_allclose(per_kg.data["plasma_ketamine"][0], per_kg.data["plasma_ketamine"][1], rtol=1e-5)
    # allometric set (Herd 2007, children): AUC = dose/CL ~ W / W^0.75 = W^0.25
    kids = sim.simulate_population(
        dose, n=2, seed=0, pk_set="herd_2007", weight_kg=np.array([20.0, 40.0]), age_y=8.0, variability_scale=0.0,
        end_h=48.0, step_min=2.0,
    )  # fmt: skip
    auc = [np.trapezoid(kids.data["plasma_ketamine"][i].astype(float), kids.time_h) for i in range(2)]
    assert auc[1] / auc[0] == pytest.approx(2.0**0.25, rel=2e-3)


def test_out_of_range_covariates_warn_with_the_range_and_impossible_ones_raise():
    with pytest.warns(OutsideValidityWarning, match=r"weight 50-100 kg"):
        sim.simulate_population(STANDARD, n=5, seed=0, weight_kg=(110, 140), **WINDOW)
    for kwargs, error, message in (
        ({"n": 0}, ValueError, "n must be in"),
        ({"weight_kg": (-10, 50)}, ValueError, "weight_kg"),
        ({"weight_kg": np.array([70.0, 80.0])}, ValueError, "weight_kg must be"),
        ({"female_fraction": 1.5}, ValueError, "female_fraction"),
        ({"seed": -1}, ValueError, "seed"),
        ({"variability_scale": -1}, ValueError, "variability_scale"),
        ({"hepatic_impairment": "severe"}, ValueError, "hepatic_impairment"),
        ({"receptor": "Ki"}, TypeError, "receptor must be"),
        ({"plasticity": {}}, TypeError, "plasticity must be"),
        ({"pk_set": "perez_ruixo_2021"}, ValueError, "describes esketamine"),
    ):
        options = {"n": 5, "seed": 0, **WINDOW, **kwargs}
        with pytest.raises(error, match=message):
            sim.simulate_population(STANDARD, **options)


def test_draw_a_patient_reproducibly():
    a = sim.draw_patient(STANDARD, seed=42, weight_kg=(50, 100), **WINDOW)
    b = sim.draw_patient(STANDARD, seed=42, weight_kg=(50, 100), **WINDOW)
    c = sim.draw_patient(STANDARD, seed=43, weight_kg=(50, 100), **WINDOW)
    assert len(a) == 1 and np.array_equal(a.data["symptom_score"], b.data["symptom_score"])
    assert a.virtual.patients != c.virtual.patients
    summary = a.patient_summary(0)
    assert summary == sim.plasticity.symptom_summary(a.time_h, a.data["symptom_score"][0], a.baseline_score)
    assert summary["onset_h"] < 3.0


def test_summary_table_and_fraction_in_response():
    pop = sim.simulate_population(STANDARD, n=100, seed=4, **WINDOW)
    table = pop.per_patient()
    assert all(len(v) == 100 for v in table.values())
    assert np.all((table["peak_occupancy"] > 0) & (table["peak_occupancy"] < 1))
    fraction = pop.fraction_in_response()
    assert fraction.min() >= 0 and fraction.max() <= 1 and fraction[0] == 0
    assert 0.2 < fraction.max() < 0.9  # after one infusion some, not all, virtual patients respond (toy)


def test_days_in_response_is_one_rule_for_every_view():
    """Per patient, the population's days in response equal a one-patient symptom_summary of the same curve,
    and equal a count by hand (each sampled interval in response at its start), for an uneven grid too."""
    pop = sim.simulate_population(STANDARD, n=40, seed=11, **WINDOW)
    days = pop.days_in_response()
    t, score = pop.time_h, pop.data["symptom_score"]
    alone = [sim.plasticity.symptom_summary(t, s, pop.baseline_score)["days_in_response"] for s in score]
    np.testing.assert_array_equal(days, alone)
    np.testing.assert_array_equal(pop.per_patient()["days_in_response"], days)
    summary = {row[0]: row for row in pop.summary_table().rows}  # a Table, as Result.summary_table is
    row = summary["toy symptom score: days in toy response"]
    np.testing.assert_allclose(row[1:6], np.percentile(days, (5, 25, 50, 75, 95)), rtol=1e-12)
    by_hand = [sum(t[k + 1] - t[k] for k in range(t.size - 1) if s[k] <= pop.baseline_score / 2) / 24 for s in score]
    np.testing.assert_allclose(days, by_hand, rtol=1e-12, atol=1e-12)
    assert 0 < np.count_nonzero(days) < days.size  # some respond, some do not: the comparison is not empty
    uneven = np.array([0.0, 1.0, 30.0, 31.0, 80.0])
    assert sim.plasticity.days_in_response(uneven, [10, 10, 40, 10, 10], 32.0) == pytest.approx((1 + 29 + 49) / 24)


def test_compare_schedules_teaches_the_trade_off():
    schedules = {
        "single": sim.scenarios.get("standard-infusion")[0],
        "six over 12 days": sim.scenarios.get("six-infusions")[0],
        "weekly x 4": sim.scenarios.custom(1, 4),
    }
    table = sim.compare_schedules(schedules, n=60, seed=1, occupancy_level=0.3)
    assert [table[k]["sessions"] for k in schedules] == [1, 6, 4]
    assert table["six over 12 days"]["total_mg_70kg"] == pytest.approx(6 * 35.0)
    assert table["six over 12 days"]["auc_ng_h_per_ml"] > table["single"]["auc_ng_h_per_ml"]
    assert table["six over 12 days"]["days_in_response"][1] > table["single"]["days_in_response"][1]
    assert table["six over 12 days"]["hours_above_occupancy"] > table["single"]["hours_above_occupancy"]
    for row in table.values():
        assert np.all((row["fraction_in_response_by_day"] >= 0) & (row["fraction_in_response_by_day"] <= 1))


def test_named_schedules_have_sources():
    for name in ("standard-infusion", "six-infusions", "esketamine-label-course"):
        s = sim.scenarios.preset(name)
        assert s.source
    course = sim.scenarios.get("esketamine-label-course")[0]
    starts = [e.start_h / 168.0 for e in course.events]
    assert len(course.events) == 16 and starts[:8] == pytest.approx([k * 0.5 for k in range(8)])
    assert starts[8:12] == pytest.approx([4, 5, 6, 7]) and starts[12:] == pytest.approx([8, 10, 12, 14])
    with pytest.raises(ValueError, match="route"):
        sim.scenarios.custom(2, 4, route="rectal")


def test_custom_variability_is_used():
    none = Variability(0, 0, 0, 0, 0, 0, 0, 0, "test: no variability")
    pop = sim.simulate_population(STANDARD, n=10, seed=1, variability=none, **WINDOW)
    assert np.ptp(pop.per_patient()["cmax_ketamine_ng_per_ml"]) == 0


@pytest.mark.parametrize(
    "name, routes", [("clements_1981", ("iv", "oral")), ("perez_ruixo_2021", ("intranasal",)), ("herd_2007", ("iv",))]
)
def test_batched_model_equals_patient_by_patient_models(name, routes):
    from simulator.pk import build_system, model_for

    params = sim.literature.get(name)
    draws = sim.population.draw_population(
        6, 3, variability=variability_for(name), weight_kg=(20, 90), age_y=(30, 80), female_fraction=0.5, cyp2b6_poor_fraction=0.5
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideValidityWarning)
        batch, _ = build_system(model_for(params, list(draws.patients), routes), routes)
        for i, patient in enumerate(draws.patients):
            single, _ = build_system(model_for(params, patient, routes), routes)
            np.testing.assert_allclose(batch[i], single, rtol=1e-13, atol=0)


# ----------------------------------------------------------------------------- the toy outcome against trial response rates
# Each target is a cited range (docs/literature_checks_outcome.md); "response": toy score at most half the baseline.
SIX = sim.scenarios.get("six-infusions")[0]


def _at(pop, hours):
    return pop.fraction_in_response()[np.searchsorted(pop.time_h, hours)]


def test_six_infusions_leave_55_to_85_percent_in_response():
    # Murrough 2013 (Biol Psychiatry, six infusions, open label): 70.8% responders at the end of the course.
    # The default window ends 24 h after the last infusion, where the course's response is assessed.
    pop = sim.simulate_population(SIX, n=1000, seed=3)
    assert pop.time_h[-1] == pytest.approx(SIX.end_h + 24.0)
    assert 0.55 <= pop.fraction_in_response()[-1] <= 0.85
    # without the toy pharmacodynamic variability every patient would respond: the spread is what brings it down
    uniform = Variability(0.3, 0.3, 0.4, 0.5, 0.3, 0.0, 0.0, 0.0, "test: PK variability only")
    assert sim.simulate_population(SIX, n=300, seed=3, variability=uniform).fraction_in_response()[-1] > 0.95


def test_about_half_of_the_course_responders_still_respond_18_days_later():
    # Murrough 2013: median time to relapse 18 days after the last infusion among responders
    pop = sim.simulate_population(SIX, n=1000, seed=4, end_h=SIX.end_h + 24.0 * 30, step_min=30.0, outputs=("symptom_score",))
    end, later, month = (_at(pop, SIX.end_h + 24.0 * d) for d in (1, 18, 30))
    assert 0.3 <= later / end <= 0.7
    assert month < later  # responses keep ending: no plateau of everlasting response


def test_one_infusion_brings_about_half_into_response_at_24_hours():
    # Han 2016 (9 RCTs, ketamine arms): 52.2% at 24 h; Wilkinson 2019: 45-46% model-estimated at day 1
    pop = sim.simulate_population(STANDARD, n=1000, seed=5, end_h=24.0 * 12, step_min=30.0, outputs=("symptom_score",))
    at_24h = _at(pop, 24.0)
    assert 0.45 <= at_24h <= 0.65
    # and fewer after a week and fewer still by days 10-12 (Han 2016: 39.8% at day 7; Kishimoto 2016: gone by 10-12)
    assert _at(pop, 24.0 * 7) < at_24h and _at(pop, 24.0 * 11) < 0.5 * at_24h


def test_scaled_variability_scales_the_nonresponder_fraction_up_to_its_value():
    v = variability_for("clements_1981")
    assert v.scaled(0.0).nonresponder_fraction == 0.0
    assert v.scaled(0.5).nonresponder_fraction == pytest.approx(0.5 * v.nonresponder_fraction)
    assert v.scaled(3.0).nonresponder_fraction == v.nonresponder_fraction
    assert v.scaled(2.0).sensitivity == pytest.approx(2.0 * v.sensitivity)
    typical = sim.simulate_population(STANDARD, n=50, seed=1, variability_scale=0.0, **WINDOW)
    assert not any(typical.virtual.nonresponders)
    assert all(p.random_effects == sim.RandomEffects() for p in typical.virtual.patients)


def test_a_toy_nonresponder_simulated_alone_equals_its_row():
    pop = sim.simulate_population(STANDARD, n=12, seed=2, dtype="float64", **WINDOW)
    flags = pop.per_patient()["toy_nonresponder"]
    assert flags.any() and not flags.all()
    for k in (int(np.argmax(flags)), int(np.argmin(flags))):
        single = sim.simulate(STANDARD, pop.patient(k), **WINDOW)
        np.testing.assert_allclose(pop.data["symptom_score"][k], single.symptom_score, rtol=1e-12, atol=1e-12)
    # the default patient stays the typical one
    assert sim.Patient().random_effects.sensitivity == 1.0 == sim.Patient().random_effects.comparator_sensitivity


# ----------------------------------------------------------------------------- comparator arms
def test_conventional_arm_responds_in_35_to_60_percent_by_week_8():
    # STAR*D level 1 (Trivedi 2006, citalopram): 47% response by exit, many at or after 8 weeks
    arm = sim.population.simulate_comparator_population("conventional", n=2000, seed=6, days=84.0, step_h=24.0)
    weeks = {w: _at(arm, 168.0 * w) for w in (1, 4, 8, 12)}
    assert 0.35 <= weeks[8] <= 0.60
    assert weeks[1] < 0.5 * weeks[4] < weeks[4] < weeks[8] <= weeks[12]  # builds over weeks, some respond after week 8
    # the drug alone (what a drug-placebo difference measures) hardly brings anyone to response in week 1
    drug = sim.population.simulate_comparator_population("conventional", n=2000, seed=6, days=84.0, step_h=24.0, expectancy=False)
    alone = {w: _at(drug, 168.0 * w) for w in (1, 4, 8)}
    assert alone[1] < 0.05 and alone[1] < alone[4] < alone[8] < weeks[8]
    # ketamine is faster: after one infusion about half respond at 24 h; on the comparator's drug nobody yet, and with
    # the arm's expectancy (one day of tablets) almost nobody
    assert _at(drug, 24.0) == 0.0 and _at(arm, 24.0) < 0.01


def test_comparator_members_equal_the_function_with_their_sensitivity():
    arm = sim.population.simulate_comparator_population("conventional", n=8, seed=3, days=20.0, step_h=6.0)
    for k in (0, 5):
        s = arm.patient(k).random_effects.comparator_sensitivity
        alone = sim.plasticity.conventional_antidepressant(days=20.0, step_h=6.0, sensitivity=s)
        assert np.array_equal(arm.symptom_score[k], alone.symptom_score)
    # the same seed and defaults draw the same virtual patients as simulate_population
    pop = sim.simulate_population(STANDARD, n=8, seed=3, end_h=1.0, step_min=30.0)
    assert pop.virtual.patients == arm.virtual.patients
    again = sim.population.simulate_comparator_population("placebo-midazolam", virtual=pop.virtual, days=3.0)
    assert again.virtual is pop.virtual and again.symptom_score.shape == (8, again.time_h.size)
    assert not again.symptom_score.flags.writeable


def test_placebo_arms_respond_as_in_ketamine_trials():
    # Wilkinson 2019 (model-estimated day-1 response): midazolam 18%, saline 1%; Cochrane 2021: midazolam 25.9% at 24 h;
    # Murrough 2013 (AJP, grade B): midazolam 28%
    kwargs = {"n": 2000, "seed": 8, "days": 10.0, "step_h": 1.0}
    midazolam = sim.population.simulate_comparator_population("placebo-midazolam", **kwargs)
    saline = sim.population.simulate_comparator_population("placebo-saline", **kwargs)
    assert 0.15 <= _at(midazolam, 24.0) <= 0.30
    assert _at(saline, 24.0) <= 0.05
    assert _at(midazolam, 24.0 * 7) < 0.5 * _at(midazolam, 24.0)  # one session's placebo response fades over days
    ketamine = sim.simulate_population(STANDARD, n=1000, seed=8, end_h=30.0, step_min=30.0, outputs=("symptom_score",))
    assert _at(ketamine, 24.0) > _at(midazolam, 24.0) + 0.15  # ketamine beats the active placebo at day 1


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"arm": "ssri"}, ValueError, "arm must be one of"),
        ({"n": 0}, ValueError, "n must be in"),
        ({"seed": -1}, ValueError, "seed"),
        ({"days": 400}, ValueError, r"days must be in \(0, 365\]"),
        ({"step_h": 0}, ValueError, "step_h"),
        ({"variability_scale": 6}, ValueError, "variability_scale"),
        ({"variability": {"sensitivity": 1}}, TypeError, "variability must be"),
        ({"virtual": "patients"}, TypeError, "virtual must be"),
        ({"session_days": (1.0,)}, ValueError, "session_days applies to the placebo arms only"),
        ({"arm": "placebo-saline", "session_days": (20.0,), "days": 10}, ValueError, r"session_days\[\] must be in \[0, 10\]"),
        ({"n": 100_000, "days": 365, "step_h": 0.5}, ValueError, "MEMORY_BUDGET_BYTES"),
    ],
)
def test_bad_comparator_population_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        sim.population.simulate_comparator_population(**kwargs)


def test_virtual_patients_exclude_a_second_draw():
    pop = sim.simulate_population(STANDARD, n=3, seed=0, end_h=1.0, step_min=30.0)
    with pytest.raises(ValueError, match="either virtual or n, seed and variability"):
        sim.population.simulate_comparator_population(virtual=pop.virtual, n=3)
    with pytest.raises(ValueError, match=r"variability\.nonresponder_fraction must be in \[0, 1\]"):
        sim.population.draw_population(3, 0, variability=Variability(0, 0, 0, 0, 0, 0, 0, 1.5, "test: bad fraction"))


@pytest.mark.parametrize("scenario", ["standard-infusion", "six-infusions", "esketamine-twice-weekly"])
def test_population_peaks_are_resolved_on_a_coarse_output_grid(scenario):
    """Readouts of the peak come from a grid through every session, not the output grid (30 min misses a 40-min peak)."""
    regimen, _, _ = sim.scenarios.get(scenario)
    pop = sim.simulate_population(regimen, n=6, seed=3, weight_kg=(50, 100), female_fraction=0.5, step_min=30.0,
                                  dtype="float64")  # fmt: skip
    table = pop.per_patient()
    for i in range(len(pop)):
        fine = sim.simulate(regimen, pop.patient(i), end_h=float(pop.time_h[-1]), step_min=0.25)
        assert table["cmax_ketamine_ng_per_ml"][i] == pytest.approx(fine.plasma().max(), rel=2e-3)
        assert table["peak_occupancy"][i] == pytest.approx(fine.occupancy.max(), rel=2e-3)
    if scenario == "standard-infusion":  # the output grid alone undershoots: what the readout used to be
        assert np.all(pop.data["plasma_ketamine"].max(axis=1) < 0.9 * table["cmax_ketamine_ng_per_ml"])
    assert np.array_equal(pop.peak("peak_occupancy"), table["peak_occupancy"])
    with pytest.raises(ValueError, match="name"):
        pop.peak("auc")


@pytest.mark.parametrize("kind", ["chain", "comparator"])
def test_memory_guard_estimates_within_1_5x_of_the_measured_peak(kind):
    """The estimate checked against MEMORY_BUDGET_BYTES is the peak tracemalloc sees, within 1.5x (bench_memory.py: all kinds)."""
    import tracemalloc

    from simulator import population

    tracemalloc.start()
    try:
        if kind == "chain":
            result = sim.simulate_population(STANDARD, n=200, seed=2, outputs=tuple(population.OUTPUTS), **WINDOW)
            estimate = population._population_bytes(200, result.time_h.size, len(result.data), 4, 48)
        else:
            result = population.simulate_comparator_population("conventional", days=28, n=300, step_h=0.25)
            estimate = population._comparator_bytes(300, result.time_h.size)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert 1 / 1.5 <= peak / estimate <= 1.5, (peak, estimate)
