"""Toy acute effects: invariants, an independent solution of the links, and the published time courses."""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

import simulator as sim
from simulator.acute import AcuteModel, acute_effects

STANDARD = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
ROUTES = [
    sim.Infusion(dose_mg_per_kg=0.5, duration_min=40),
    sim.Bolus(dose_mg=20),
    sim.Oral(dose_mg=100),
    sim.Sublingual(dose_mg=50),
    sim.Intramuscular(dose_mg=30),
    sim.Intranasal(dose_mg=50),
    sim.Intranasal(dose_mg=84, drug="esketamine"),
]


@pytest.mark.parametrize("dose", ROUTES, ids=lambda d: f"{type(d).__name__}-{d.drug}")
def test_effects_are_bounded_nonnegative_and_zero_before_the_dose(dose):
    late = dose.shifted(1.0)
    r = sim.simulate(late, end_h=12.0, step_min=2.0)
    d, s = r.dissociation_index, r.systolic_change_mmhg
    assert np.all(np.isfinite(d)) and np.all(np.isfinite(s))
    assert np.all(d >= 0) and np.all(d <= 1) and np.all(s >= 0) and np.all(s <= r.acute_model.systolic_emax_mmhg)
    before = r.time_h < 1.0
    assert np.all(d[before] == 0.0) and np.all(s[before] == 0.0)  # no drug, exactly no effect
    assert d.max() > 0 and s.max() > 0


def test_effects_grow_with_dose():
    peaks = []
    for dose in (0.1, 0.25, 0.5, 1.0, 2.0):
        r = sim.simulate(sim.Bolus(dose_mg_per_kg=dose), end_h=6.0, step_min=0.5)
        peaks.append((r.dissociation_index.max(), r.systolic_change_mmhg.max()))
    peaks = np.array(peaks)
    assert np.all(np.diff(peaks, axis=0) > 0)


def test_anaesthetic_bolus_saturates_dissociation():
    r = sim.simulate(sim.Bolus(dose_mg_per_kg=2.0), end_h=2.0, step_min=0.25)
    assert r.dissociation_index.max() > 0.95


def test_links_match_an_independent_solution_of_the_delay():
    # z' = k (Ce - z) solved by scipy from the engine's own effect-site curve (dense grid, cubic interpolation)
    r = sim.simulate(STANDARD, end_h=6.0, step_min=0.1)
    model = r.acute_model
    ce = r.effect_site("ketamine", "ng/mL")
    t_min = r.time_h * 60.0
    rates = model.link_rates_per_min
    sol = solve_ivp(  # the third link: the tolerance's running average of the brain concentration
        lambda t, z: [rates[k] * (np.interp(t, t_min, ce) - z[k]) for k in range(3)],
        (0.0, t_min[-1]),
        [0.0, 0.0, 0.0],
        t_eval=t_min,
        rtol=1e-9,
        atol=1e-9,
        max_step=0.5,
    )
    links = np.stack(sol.y, axis=-1) / 1000.0  # mg/L
    d, s = acute_effects(links, "racemic", model)
    np.testing.assert_allclose(r.dissociation_index, d, atol=2e-3)
    np.testing.assert_allclose(r.systolic_change_mmhg, s, atol=2e-2)


def test_exact_on_any_grid():
    fine = sim.simulate(STANDARD, end_h=6.0, step_min=1.0)
    coarse = sim.simulate(STANDARD, time_h=fine.time_h[::30])
    np.testing.assert_allclose(coarse.dissociation_index, fine.dissociation_index[::30], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(coarse.systolic_change_mmhg, fine.systolic_change_mmhg[::30], rtol=1e-9, atol=1e-10)


def test_emax_link_closed_form():
    model = AcuteModel()
    c = np.array([[[model.dissociation_ec50_ng_per_ml / 1000.0, model.systolic_ec50_ng_per_ml / 1000.0]]])
    d, s = acute_effects(c, "racemic", model)
    assert d[0, 0] == pytest.approx(0.5) and s[0, 0] == pytest.approx(model.systolic_emax_mmhg / 2)
    d, s = acute_effects(c / model.esketamine_potency, "esketamine", model)
    assert d[0, 0] == pytest.approx(0.5) and s[0, 0] == pytest.approx(model.systolic_emax_mmhg / 2)


def test_acute_model_validates_each_field():
    for name in ("dissociation_hill", "systolic_emax_mmhg", "resolved_fraction", "systolic_link_half_life_min"):
        with pytest.raises(ValueError, match=name):
            AcuteModel(**{name: -1.0})
        with pytest.raises(TypeError, match=name):
            AcuteModel(**{name: "high"})
        with pytest.raises(ValueError, match=name):
            AcuteModel(**{name: math.nan})
    with pytest.raises(TypeError, match="AcuteModel"):
        sim.simulate(STANDARD, acute="fast")


def test_summary_reports_resolution_per_session_and_the_burden():
    course = sim.Regimen.repeat(STANDARD, every_h=48.0, count=3)
    s = sim.simulate(course, end_h=24.0 * 7, step_min=2.0).summary()["acute"]
    assert s["sessions"] == 3 and len(s["resolved_after_h"]) == 3
    assert all(h is not None and 0 < h < 24 for h in s["resolved_after_h"])
    single = sim.simulate(STANDARD, end_h=48.0, step_min=2.0).summary()["acute"]
    assert s["hours_with_effects"] == pytest.approx(3 * single["hours_with_effects"], rel=0.05)
    assert all(o >= 2.0 for o in s["observed_hours"])  # at least the label's 2 h
    cut = sim.simulate(STANDARD, end_h=0.5).summary()
    assert cut["acute"]["resolved_after_h"] == (None,) and "acute effects resolved" in cut["cut_by_window"]


def test_link_rates_are_part_of_the_cached_system():
    slow = AcuteModel(dissociation_link_half_life_min=30.0)
    a = sim.simulate(STANDARD, end_h=4.0).dissociation_index
    b = sim.simulate(STANDARD, end_h=4.0, acute=slow).dissociation_index
    assert np.argmax(b) > np.argmax(a)


# --- the published time courses (simulator.literature.acute_data.TARGETS; docs/literature_checks_acute.md)

from simulator.literature.acute_data import TARGETS  # noqa: E402

_REGIMEN = {
    "racemic 0.5 mg/kg over 40 min": STANDARD,
    "esketamine 56 mg nasal": sim.Intranasal(dose_mg=56, drug="esketamine"),
    "esketamine 84 mg nasal": sim.Intranasal(dose_mg=84, drug="esketamine"),
    "racemic 2 mg/kg bolus": sim.Bolus(dose_mg_per_kg=2.0),
}


def _readout(target):
    r = sim.simulate(_REGIMEN[target.regimen], end_h=10.0, step_min=0.5)
    t = r.time_h * 60.0
    curve = r.dissociation_index if target.quantity.startswith("dissociation") else r.systolic_change_mmhg
    peak = int(np.argmax(curve))
    if target.quantity.endswith("peak time"):
        return t[peak]
    if target.quantity.endswith("fraction of peak"):  # before "peak": this quantity's name ends with it too
        return np.interp(target.at_min, t, curve) / curve[peak]
    if target.quantity.endswith("peak"):
        return curve[peak]
    above = np.flatnonzero(curve > r.acute_model.resolved_fraction * curve[peak])
    return t[above[-1] + 1]  # resolved: the first output after the last one above 10% of the peak


@pytest.mark.parametrize("target", TARGETS, ids=lambda x: f"{x.regimen}-{x.quantity}".replace(" ", "_"))
def test_published_time_course(target):
    value = _readout(target)
    assert target.low <= value <= target.high, f"{target.regimen}: {target.quantity} {value:.3g}; {target.fact}"


def test_summary_resolution_matches_the_curve():
    r = sim.simulate(sim.Intranasal(dose_mg=84, drug="esketamine"), end_h=10.0, step_min=0.5)
    resolved_h = r.summary(significant=None)["acute"]["resolved_after_h"][0]
    target = next(x for x in TARGETS if x.regimen == "esketamine 84 mg nasal" and x.quantity == "systolic resolved")
    assert resolved_h * 60.0 == pytest.approx(_readout(target), abs=0.6)


def test_acute_figure_is_labelled_and_checks_its_input():
    import matplotlib

    matplotlib.use("Agg")
    from simulator import plotting

    doses = [sim.simulate(sim.Bolus(dose_mg_per_kg=d), end_h=6.0, step_min=1.0) for d in (0.25, 0.5, 1.0)]
    fig = plotting.acute_effects_figure(doses, labels=["0.25 mg/kg", "0.5 mg/kg", "1 mg/kg"])
    texts = [t.get_text() for t in fig.texts]
    assert any(sim.DISCLAIMER in t for t in texts)
    assert fig.axes[0].get_title(loc="left") == "0.25 mg/kg"
    lines = fig.axes[len(doses)].get_lines()  # dissociation panel of the first column
    np.testing.assert_allclose(lines[0].get_ydata(), doses[0].dissociation_index[doses[0].time_h <= 6.0])
    with pytest.raises(TypeError, match="results"):
        plotting.acute_effects_figure([])
    with pytest.raises(TypeError, match="labels"):
        plotting.acute_effects_figure(doses, labels=["one"])
    with pytest.raises(ValueError, match="hours"):
        plotting.acute_effects_figure(doses[0], hours=0)


# --- populations


def test_population_median_is_close_to_the_typical_patient_and_spread_comes_from_sensitivity():
    outputs = ("dissociation_index", "systolic_change_mmhg")
    pop = sim.simulate_population(STANDARD, n=400, seed=2, end_h=6.0, step_min=1.0, outputs=outputs)
    typical = sim.simulate(STANDARD, end_h=6.0, step_min=1.0)
    for name, curve in zip(outputs, (typical.dissociation_index, typical.systolic_change_mmhg), strict=True):
        peaks = pop.data[name].max(axis=1)
        assert np.median(peaks) == pytest.approx(curve.max(), rel=0.3), name
        assert np.percentile(peaks, 90) > 1.3 * np.percentile(peaks, 10)  # patients differ
    no_pd = sim.population.Variability(0.3, 0.3, 0.4, 0.5, 0.3, 0.6, 1.0, 0.3, "test", acute_sensitivity=0.0)
    pk_only = sim.simulate_population(STANDARD, n=400, seed=2, end_h=6.0, step_min=1.0, outputs=outputs, variability=no_pd)
    wide = np.percentile(pop.data["dissociation_index"].max(axis=1), 90)
    assert wide > np.percentile(pk_only.data["dissociation_index"].max(axis=1), 90)
    assert sim.population.Variability(0, 0, 0, 0, 0, 0, 0, 0, "x").acute_sensitivity == (
        sim.literature.covariates.ACUTE_SENSITIVITY_CV.value
    )


def test_schedules_compared_by_benefit_and_burden():
    one = sim.Regimen((STANDARD,))
    six = sim.scenarios.get("six-infusions")[0]
    table = sim.compare_schedules({"one": one, "six": six}, n=40, seed=1, end_days=30)
    assert table["six"]["hours_with_acute_effects"] == pytest.approx(6 * table["one"]["hours_with_acute_effects"], rel=0.15)
    assert table["six"]["days_in_response"][1] > table["one"]["days_in_response"][1]


def test_hours_with_effects_counts_each_output_time_until_the_next():
    from simulator.acute import hours_with_effects

    model = AcuteModel()
    t = np.array([0.0, 1.0, 2.0, 4.0])
    d = np.array([0.0, 0.5, 0.05, 0.0])
    s = np.array([0.0, 0.0, 0.0, 10.0])  # above 4 mmHg only at the last time, which counts for nothing
    assert hours_with_effects(t, d, s, model) == 1.0
    assert np.all(hours_with_effects(t, np.stack([d, d]), np.stack([s, s]), model) == 1.0)
    with pytest.raises(ValueError, match="shape"):
        hours_with_effects(t, d[:3], s[:3], model)
    with pytest.raises(TypeError, match="AcuteModel"):
        hours_with_effects(t, d, s, "model")


def test_no_drug_gives_exactly_no_effect():
    model = AcuteModel()
    for drug in ("racemic", "esketamine"):
        d, s = acute_effects(np.zeros((3, 5, 2)), drug, model)
        assert np.all(d == 0.0) and np.all(s == 0.0)
    late = sim.simulate(STANDARD.shifted(30.0), end_h=24.0)  # the dose comes after the window
    assert np.all(late.dissociation_index == 0.0) and np.all(late.systolic_change_mmhg == 0.0)
    assert late.summary()["acute"]["hours_with_effects"] == 0.0


def _legend_texts(fig) -> list:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


def test_acute_figure_legend_names_no_single_drug_when_the_columns_differ():
    """One legend serves every column: with racemic ketamine beside esketamine it must not name either."""
    from simulator import plotting

    racemic = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=6.0)
    esketamine = sim.simulate(sim.Intranasal(dose_mg=84, drug="esketamine"), end_h=6.0)
    names = _legend_texts(plotting.acute_effects_figure([racemic, esketamine]))
    assert "drug, plasma" in names and not any(n.startswith(("esketamine", "ketamine")) for n in names)
    assert any(n.startswith("ketamine, plasma") for n in _legend_texts(plotting.acute_effects_figure([racemic])))


def test_dissociation_attenuates_over_a_twice_weekly_course_and_blood_pressure_does_not():
    # Singh 2016 and Abdallah 2022 (A): dissociation attenuated with repeated dosing; Riva-Posse 2018 (A): no tolerance
    # to the blood-pressure rise from the first to the sixth infusion
    course = sim.Regimen(tuple(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40, start_h=84.0 * k) for k in range(8)))
    r = sim.simulate(course, end_h=84.0 * 8, step_min=2)
    t, d, s = r.time_h, r.dissociation_index, r.systolic_change_mmhg

    def session(k, curve):
        return curve[(t >= 84.0 * k) & (t < 84.0 * k + 12.0)].max()

    assert session(7, d) < 0.9 * session(0, d)
    assert all(session(k + 1, d) < session(k, d) for k in range(7))  # each session a little less
    assert session(7, s) == pytest.approx(session(0, s), rel=1e-6)
    none = sim.simulate(course, end_h=84.0 * 8, step_min=2, acute=sim.AcuteModel(dissociation_tolerance=0.0))
    assert none.dissociation_index[(t >= 588.0) & (t < 600.0)].max() == pytest.approx(
        session(0, none.dissociation_index), rel=1e-6
    )
