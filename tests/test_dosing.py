"""Dose events and regimens resolve to the amounts and times they state."""

import pytest

import simulator as sim
from simulator.units import KETAMINE_HCL_G_PER_MOL, MOLAR_MASS_G_PER_MOL, base_fraction, convert_concentration, to_mg_per_l


def test_hcl_salt_is_converted_with_molar_masses():
    assert base_fraction("hcl") == pytest.approx(237.73 / 274.19, rel=1e-4)
    dose = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40, salt="hcl")
    assert dose.amount_mg(70.0) == pytest.approx(35.0 * 237.73 / 274.19, rel=1e-4)
    assert KETAMINE_HCL_G_PER_MOL == pytest.approx(274.19, abs=0.01)


def test_concentration_units():
    assert convert_concentration(0.1857, "ng/mL") == pytest.approx(185.7)
    # 1 uM ketamine = 237.7 ng/mL (REFERENCES.md)
    assert convert_concentration(0.23773, "uM") == pytest.approx(1.0)
    assert convert_concentration(0.2237, "uM", "norketamine") == pytest.approx(1.0, rel=1e-3)
    assert to_mg_per_l(convert_concentration(0.3, "uM"), "uM") == pytest.approx(0.3)
    assert MOLAR_MASS_G_PER_MOL["norketamine"] == 223.70


def test_infusion_rate_forms_agree():
    by_dose = sim.Infusion(dose_mg=30, duration_min=60)
    by_rate = sim.Infusion(rate_mg_per_h=30, duration_min=60)
    by_rate_per_kg = sim.Infusion(rate_mg_per_kg_per_h=0.5, duration_min=60)
    assert by_dose.amount_mg(60) == by_rate.amount_mg(60) == pytest.approx(by_rate_per_kg.amount_mg(60))


def test_esketamine_devices_five_minutes_apart():
    nasal = sim.Intranasal(dose_mg=84, drug="esketamine", start_h=1.0)
    pieces = nasal.inputs(70.0)
    assert [p.amount_mg for p in pieces] == [28.0, 28.0, 28.0]
    assert [p.start_min for p in pieces] == [60.0, 65.0, 70.0]
    assert [p.sequence for p in pieces] == [0, 1, 2]
    assert nasal.end_h == pytest.approx(1.0 + 10 / 60)


def test_regimen_sorts_and_repeats():
    late, early = sim.Bolus(dose_mg=5, start_h=10), sim.Bolus(dose_mg=5, start_h=1)
    assert sim.Regimen([late, early]).events == (early, late)
    course = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84, count=8)
    assert [e.start_h for e in course.events] == [84.0 * k for k in range(8)]
    assert course.total_mg(70.0) == pytest.approx(8 * 35.0)


def test_weekly_schedule():
    course = sim.Regimen.weekly(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sessions_per_week=3, weeks=2)
    assert len(course.events) == 6
    assert course.events[-1].start_h == pytest.approx(5 * 56.0)


def test_regimens_add_and_overlapping_infusions_add():
    a = sim.Infusion(rate_mg_per_h=10, duration_min=120)
    b = sim.Infusion(rate_mg_per_h=10, duration_min=60, start_h=0.5)
    both = sim.simulate(sim.Regimen([a]) + sim.Regimen([b]), end_h=4)
    assert both.amounts()["given"][-1] == pytest.approx(30.0)


def test_bolus_is_injected_over_a_stated_time():
    default = sim.Bolus(dose_mg=10)
    (piece,) = default.inputs(70.0)
    assert piece.duration_min == sim.dosing.BOLUS_INJECTION_MIN == 1.0
    assert default.end_h == pytest.approx(1.0 / 60.0)
    assert sim.Bolus(dose_mg=10, injection_min=0.0).inputs(70.0)[0].duration_min == 0.0
    # a slower push gives a lower, later peak; the same amount is given (mass balance)
    fast = sim.simulate(sim.Bolus(dose_mg=10, injection_min=0.0), pk_set="domino_1984", end_h=1.0, step_min=0.05)
    slow = sim.simulate(sim.Bolus(dose_mg=10, injection_min=2.0), pk_set="domino_1984", end_h=1.0, step_min=0.05)
    assert slow.plasma().max() < 0.5 * fast.plasma().max()
    assert slow.amounts()["given"][-1] == pytest.approx(10.0, rel=1e-12)
    for bad in (-1.0, 0.01, 11.0, float("nan")):
        with pytest.raises(ValueError, match="injection_min"):
            sim.Bolus(dose_mg=10, injection_min=bad)
    with pytest.raises(TypeError, match="injection_min"):
        sim.Bolus(dose_mg=10, injection_min="1")


def test_dose_event_is_the_one_place_a_name_becomes_a_dose():
    from simulator.dosing import EVENT_KINDS, dose_event
    from simulator.literature.products import ESKETAMINE_DEVICE_MG

    for kind, cls in EVENT_KINDS.items():
        event = dose_event(kind, "racemic", 0.3, 25.0)
        assert type(event) is cls and event.dose_mg_per_kg == 0.3 and event.drug == "racemic"
        assert getattr(event, "duration_min", 25.0) == 25.0  # only an infusion has a duration: the one given
    for devices in (1, 2, 3):
        spray = dose_event("intranasal", "esketamine", 0.3, devices=devices)
        assert spray.dose_mg == devices * ESKETAMINE_DEVICE_MG.value and spray.dose_mg_per_kg is None
    assert dose_event("intranasal", "racemic", 0.3).dose_mg_per_kg == 0.3  # racemic spray: by weight, no devices
    with pytest.raises(ValueError, match="kind"):
        dose_event("iv")  # a pharmacokinetic route (dosing.ROUTES), not a kind of dose event
    with pytest.raises(ValueError, match="devices"):
        dose_event("intranasal", "esketamine", devices=4)
    with pytest.raises(ValueError, match="drug"):
        dose_event("oral", "arketamine")
