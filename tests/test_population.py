"""Virtual populations: covariates, variability, bands, reproducibility, schedules."""

import warnings

import numpy as np
import pytest

import simulator as sim
from simulator.literature import OutsideValidityWarning
from simulator.literature.covariates import Variability, variability_for

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
    median_cmax = np.median(pop.summary_table()["cmax_ketamine_ng_per_ml"])
    assert median_cmax == pytest.approx(typical.plasma().max(), rel=0.05)
    median_curve = pop.percentiles("plasma_ketamine", (50,))[0]
    assert median_curve.max() == pytest.approx(typical.plasma().max(), rel=0.05)
    assert np.median(pop.summary_table()["peak_plasticity_index"]) == pytest.approx(typical.plasticity_index.max(), rel=0.1)


def test_band_width_grows_with_the_coefficient_of_variation():
    widths = []
    for scale in (0.25, 0.5, 1.0, 2.0):
        pop = sim.simulate_population(STANDARD, n=400, seed=2, variability_scale=scale, **WINDOW)
        low, high = np.percentile(pop.summary_table()["cmax_ketamine_ng_per_ml"], (5, 95))
        widths.append(high - low)
    assert np.all(np.diff(widths) > 0)


def test_random_effects_follow_the_stated_cv():
    v = variability_for("clements_1981")
    pop = sim.simulate_population(STANDARD, n=4000, seed=9, end_h=1.0, step_min=30.0)
    for name in ("clearance", "central_volume", "sensitivity"):
        log_effects = np.log(pop.virtual.effects[name])
        assert np.std(log_effects) == pytest.approx(np.sqrt(np.log1p(getattr(v, name) ** 2)), rel=0.05)
        assert abs(np.mean(log_effects)) < 0.03


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
    table = pop.summary_table()
    assert all(len(v) == 100 for v in table.values())
    assert np.all((table["peak_occupancy"] > 0) & (table["peak_occupancy"] < 1))
    fraction = pop.fraction_in_response()
    assert fraction.min() >= 0 and fraction.max() <= 1 and fraction[0] == 0
    assert 0.2 < fraction.max() < 0.9  # after one infusion some, not all, virtual patients respond (toy)


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
        s = sim.scenarios.describe(name)
        assert s.source
    course = sim.scenarios.get("esketamine-label-course")[0]
    starts = [e.start_h / 168.0 for e in course.events]
    assert len(course.events) == 16 and starts[:8] == pytest.approx([k * 0.5 for k in range(8)])
    assert starts[8:12] == pytest.approx([4, 5, 6, 7]) and starts[12:] == pytest.approx([8, 10, 12, 14])
    with pytest.raises(ValueError, match="route"):
        sim.scenarios.custom(2, 4, route="rectal")


def test_custom_variability_is_used():
    none = Variability(0, 0, 0, 0, 0, 0, "test: no variability")
    pop = sim.simulate_population(STANDARD, n=10, seed=1, variability=none, **WINDOW)
    assert np.ptp(pop.summary_table()["cmax_ketamine_ng_per_ml"]) == 0


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
