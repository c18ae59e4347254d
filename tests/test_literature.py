"""The published facts each parameter set and the default must reproduce."""

import math
import warnings

import numpy as np
import pytest

import simulator as sim
from simulator import literature
from simulator.literature import OutsideValidityWarning
from simulator.pk import derived, disposition

ADULT = sim.Patient(weight_kg=70.0, age_y=40)
STANDARD = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)


def test_registry_has_the_required_sets():
    required = {"clements_1981", "domino_1984", "hijazi_2003", "herd_2007", "hornik_2018", "kamp_2020", "perez_ruixo_2021"}
    assert required <= set(literature.names())


@pytest.mark.parametrize("name", literature.names())
def test_every_set_is_cited_and_has_units_and_validity(name):
    s = literature.get(name)
    assert s.citation.doi or s.citation.pmid
    assert s.citation.table
    assert s.metabolite_citation.doi or s.metabolite_citation.pmid
    for part in (s.parent, s.metabolite):
        assert set(part.values) == set(part.units)
    low, high = s.age_range_y
    assert 0 <= low < high
    low, high = s.weight_range_kg
    assert 0 < low < high
    assert s.sampling in ("arterial", "venous", "not stated")
    for route in s.routes.values():
        assert route.citation.doi or route.citation.pmid
        assert route.note


# --- the adult default: Zarate 2006 peak via Zanos 2018 Table 1, Kamp 2020 summary values


@pytest.mark.parametrize("salt", ["base", "hcl"])
def test_default_standard_infusion_peak(salt):
    # Zarate 2006 gave 0.5 mg/kg ketamine hydrochloride over 40 min; the peak was 185 ng/mL
    # (Zanos 2018 Table 1). Whether the dose is read as salt or base, the default must land within 40%.
    dose = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40, salt=salt)
    r = sim.simulate(dose, ADULT, end_h=6, step_min=0.5)
    s = r.summary()["ketamine"]
    assert r.pk_set.name == literature.DEFAULTS["racemic"]
    assert 185 * 0.6 <= s["cmax"] <= 185 * 1.4
    assert s["tmax_h"] == pytest.approx(40 / 60, abs=1 / 60)  # peak at the end of the infusion


def test_default_clearance_volume_and_half_life():
    d = derived(literature.default_for("racemic"), 70.0)
    assert 60 <= d["clearance_l_per_h"] <= 100  # Kamp 2020: 79 (69-90) L/h per 70 kg
    assert 165 <= d["vss_l"] <= 340  # Kamp 2020: 252 (200-304) L per 70 kg
    assert 1.5 <= d["terminal_half_life_h"] <= 4.0


def test_default_half_life_seen_in_the_simulated_curve():
    r = sim.simulate(STANDARD, ADULT, end_h=24)
    assert 1.5 <= r.summary()["ketamine"]["terminal_half_life_h"] <= 4.0


# --- each set reproduces the derived values its paper (or the code that transcribed it) reports


def test_clements_clearance_about_80_l_per_h():
    d = derived(literature.get("clements_1981"), 70.0)
    assert d["clearance_l_per_h"] == pytest.approx(80.0, rel=0.02)
    assert d["terminal_half_life_h"] == pytest.approx(3.0, rel=0.05)


def test_hijazi_clearance_and_half_life():
    s = literature.get("hijazi_2003")
    d = derived(s, 70.0)
    assert d["clearance_l_per_h"] / 70.0 * 1000 / 60 == pytest.approx(s.reported["clearance_ml_per_min_per_kg"][0], rel=0.01)
    assert d["terminal_half_life_h"] == pytest.approx(s.reported["terminal_half_life_h"][0], rel=0.02)


def test_herd_and_hornik_allometric_clearance():
    for name, cl70 in (("herd_2007", 90.0), ("hornik_2018", 38.9)):
        s = literature.get(name)
        assert derived(s, 70.0)["clearance_l_per_h"] == pytest.approx(cl70, rel=1e-9)
        # clearance x (W/70)^0.75, volumes x W/70
        child = disposition(s.parent, 17.5)
        adult = disposition(s.parent, 70.0)
        assert child.clearance_l_per_min / adult.clearance_l_per_min == pytest.approx(0.25**0.75, rel=1e-12)
        assert child.volumes_l[0] / adult.volumes_l[0] == pytest.approx(0.25, rel=1e-12)


def test_kamp_set_matches_meta_analysis():
    d = derived(literature.get("kamp_2020"), 70.0)
    assert 69.0 <= d["clearance_l_per_h"] <= 90.0  # Kamp 2020: 79 (69-90) L/h per 70 kg
    assert 200.0 <= d["vss_l"] <= 304.0  # Kamp 2020: 252 (200-304) L per 70 kg
    assert 1.5 <= d["terminal_half_life_h"] <= 4.0


def test_domino_clearance_from_micro_constants():
    d = derived(literature.get("domino_1984"), 70.0)
    assert d["clearance_l_per_h"] == pytest.approx(0.063 * 70 * 0.438 * 60, rel=1e-9)


def test_perez_ruixo_clearance_and_volume():
    s = literature.get("perez_ruixo_2021")
    d = disposition(s.parent, 74.0)
    # well-stirred liver: CL = Qh * CLint / (Qh + CLint), CLint = Vh (kel + kmet); abstract reports 114 L/h
    clint = 101.0 * (1.11 + 2.77)
    assert d.total_clearance_l_per_min * 60 == pytest.approx(151.0 * clint / (151.0 + clint), rel=1e-9)
    assert d.total_clearance_l_per_min * 60 == pytest.approx(s.reported["clearance_l_per_h"][0], rel=0.06)
    assert sum(d.volumes_l[:3]) == pytest.approx(s.reported["vss_l"][0], rel=1e-9)


# --- metabolite


def test_norketamine_peaks_after_ketamine_after_infusion():
    s = sim.simulate(STANDARD, ADULT, end_h=24).summary()
    assert s["norketamine"]["tmax_h"] > s["ketamine"]["tmax_h"] + 0.25


def test_norketamine_exceeds_ketamine_after_oral_dose():
    # Fanta 2015: first-pass metabolism makes norketamine exceed ketamine after oral dosing
    r = sim.simulate(sim.Oral(dose_mg_per_kg=0.5), ADULT, end_h=12)
    s = r.summary()
    assert s["norketamine"]["cmax"] > 2 * s["ketamine"]["cmax"]
    assert s["norketamine"]["auc"] > 3 * s["ketamine"]["auc"]


def test_oral_and_sublingual_bioavailability_and_tmax():
    iv = sim.simulate(sim.Bolus(dose_mg=25), ADULT, end_h=72)
    oral = sim.simulate(sim.Oral(dose_mg=25), ADULT, end_h=72)
    sl = sim.simulate(sim.Sublingual(dose_mg=25), ADULT, end_h=72)
    f_oral = oral.auc()[-1] / iv.auc()[-1]
    f_sl = sl.auc()[-1] / iv.auc()[-1]
    assert f_oral == pytest.approx(0.24, rel=0.02)  # Chong 2009 median (IQR 0.17-0.27)
    assert f_sl == pytest.approx(0.29, rel=0.02)  # Rolan 2014
    fine = sim.simulate(sim.Sublingual(dose_mg=25), ADULT, end_h=4, step_min=0.5)
    assert fine.summary()["ketamine"]["tmax_h"] == pytest.approx(0.75, abs=0.1)  # Rolan 2014 median Tmax


# --- esketamine nasal spray (Perez-Ruixo 2021; Spravato label)


@pytest.mark.parametrize("dose_mg, f_expected", [(56, 0.54), (84, 0.51)])
def test_esketamine_nasal_tmax_and_bioavailability(dose_mg, f_expected):
    nasal = sim.Intranasal(dose_mg=dose_mg, drug="esketamine")
    r = sim.simulate(nasal, ADULT, end_h=6, step_min=0.5)
    after_last_spray_min = (r.summary()["ketamine"]["tmax_h"] - nasal.end_h) * 60
    assert 20 <= after_last_spray_min <= 40  # label: Tmax 20-40 min after the last spray
    long_nasal = sim.simulate(nasal, ADULT, end_h=24 * 14)
    long_iv = sim.simulate(sim.Bolus(dose_mg=dose_mg, drug="esketamine"), ADULT, end_h=24 * 14)
    f = long_nasal.auc()[-1] / long_iv.auc()[-1]
    assert 0.48 <= f <= 0.54
    assert f == pytest.approx(f_expected, abs=0.01)


def test_esketamine_table4_exposure_56mg():
    s = literature.get("perez_ruixo_2021")
    r = sim.simulate(sim.Intranasal(dose_mg=56, drug="esketamine"), ADULT, end_h=24, step_min=0.5)
    assert r.summary()["ketamine"]["cmax"] == pytest.approx(s.reported["cmax_56mg_ng_per_ml"][0], rel=0.05)
    assert r.auc()[-1] == pytest.approx(s.reported["auc24_56mg_ng_h_per_ml"][0], rel=0.05)


def test_esketamine_half_life_within_label_range():
    r = sim.simulate(sim.Intranasal(dose_mg=56, drug="esketamine"), ADULT, end_h=72)
    assert 7.0 <= r.summary()["ketamine"]["terminal_half_life_h"] <= 12.0  # label 7-12 h


def test_esketamine_twice_weekly_does_not_accumulate():
    course = sim.Regimen.repeat(sim.Intranasal(dose_mg=84, drug="esketamine"), every_h=84, count=8)
    r = sim.simulate(course, ADULT, end_h=8 * 84, step_min=2)
    peaks = [r.plasma()[(r.time_h >= k * 84) & (r.time_h < (k + 1) * 84)].max() for k in range(8)]
    assert peaks[-1] == pytest.approx(peaks[0], rel=0.05)


# --- validity ranges


def test_outside_validity_range_warns_with_the_range():
    with pytest.warns(OutsideValidityWarning, match=r"1-14 y"):
        sim.simulate(STANDARD, sim.Patient(weight_kg=70, age_y=40), pk_set="herd_2007")


def test_inside_validity_range_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sim.simulate(STANDARD, sim.Patient(weight_kg=25, age_y=7), pk_set="herd_2007")


def test_set_that_cannot_describe_route_raises():
    with pytest.raises(ValueError, match="cannot describe route 'oral'"):
        sim.simulate(sim.Oral(dose_mg=50), ADULT, pk_set="domino_1984")


def test_drug_and_set_must_match():
    with pytest.raises(ValueError, match="esketamine"):
        sim.simulate(sim.Intranasal(dose_mg=56, drug="esketamine"), ADULT, pk_set="clements_1981")


def test_effect_site_half_times_are_herd_for_the_brain_and_olofsen_for_the_metabolite():
    s = literature.default_for("racemic")
    assert math.log(2) / s.ke0.value == pytest.approx(11.0 / 60.0, rel=1e-12)  # Herd 2008: 11 s (hypnosis)
    assert math.log(2) / s.ke0_metabolite.value == pytest.approx(6.1, rel=1e-12)  # Olofsen 2012: 6.1 min
    e = literature.default_for("esketamine")
    assert np.isclose(e.ke0.value, s.ke0.value) and np.isclose(e.ke0_metabolite.value, s.ke0_metabolite.value)


@pytest.mark.parametrize(
    ("values", "units", "field"),
    [
        ({"V1": 10.0, "CL": 90.0}, {"V1": "L", "CL": "L"}, "CL"),  # a clearance given as a volume
        ({"V1": 10.0, "CL": 90.0}, {"V1": "L/h", "CL": "L/h"}, "V1"),  # a volume given as a clearance
        ({"V1": 10.0, "CL": 90.0, "V2": 5.0, "Q2": 3.0}, {"V1": "L", "CL": "L/h", "V2": "1/h", "Q2": "L/h"}, "V2"),
        ({"V1": 1.0, "k10": 0.1}, {"V1": "L/kg", "k10": "L/kg"}, "k10"),  # a rate given as a volume
        ({"V1": 1.0, "k10": 0.1}, {"V1": "1/min", "k10": "1/min"}, "V1"),
    ],
)
def test_units_are_checked_by_dimension(values, units, field):
    scaling = "per_kg" if "k10" in values else "none"
    with pytest.raises(ValueError, match=f"parameter {field} must be a"):
        literature.Compartmental(values=values, units=units, scaling=scaling)


def test_units_of_the_right_dimension_are_accepted_and_converted():
    per_hour = literature.Compartmental(values={"V1": 10.0, "CL": 90.0}, units={"V1": "L", "CL": "L/h"}, scaling="none")
    per_min = literature.Compartmental(values={"V1": 10.0, "CL": 1.5}, units={"V1": "L", "CL": "L/min"}, scaling="none")
    assert disposition(per_hour, 70.0).clearance_l_per_min == pytest.approx(1.5, rel=1e-15)
    assert disposition(per_min, 70.0).clearance_l_per_min == pytest.approx(1.5, rel=1e-15)


def test_the_parameter_table_in_models_md_is_the_registry_s_own():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "models.md").read_text()
    copy = text.split("<!-- parameter-table:start -->\n", 1)[1].split("\n<!-- parameter-table:end -->", 1)[0]
    assert copy == sim.literature.parameter_table(), "regenerate it: print(simulator.literature.parameter_table())"
    for name in sim.literature.names():
        assert f"| `{name}` |" in copy


def test_sets_for_a_regimen_are_the_sets_of_its_drug_that_describe_every_route():
    from simulator.dosing import as_regimen

    assert literature.sets_for(sim.Oral(dose_mg=50)) == ["clements_1981", "kamp_2020"]
    assert literature.sets_for(sim.Intranasal(dose_mg=56, drug="esketamine")) == ["perez_ruixo_2021"]
    oral_then_iv = sim.Regimen((sim.Oral(dose_mg=50), sim.Bolus(dose_mg=20, start_h=6.0)))
    assert literature.sets_for(oral_then_iv) == literature.sets_for(sim.Oral(dose_mg=50))  # every route described
    for regimen in (sim.Bolus(dose_mg=20), sim.Intramuscular(dose_mg_per_kg=0.5), oral_then_iv,
                    sim.Infusion(dose_mg_per_kg=0.2, duration_min=40, drug="esketamine")):  # fmt: skip
        r = as_regimen(regimen)
        expected = [
            n for n in literature.names()
            if literature.get(n).drug == r.drug and all(literature.get(n).describes(route) for route in r.routes)
        ]  # fmt: skip
        assert literature.sets_for(regimen) == literature.sets_for(r) == expected
        assert literature.default_for(r.drug).name in expected or r.routes != ("iv",)
    with pytest.raises(TypeError, match="regimen"):
        literature.sets_for("clements_1981")
