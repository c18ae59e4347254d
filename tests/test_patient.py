"""simulator.patient on its own: validated frozen records, and covariate factors as the literature records state them.

Teaching model: illustrative, not for dosing.

Expected multipliers are computed here from the records in simulator.literature (Sigtermans 2009 on sex,
Perez-Ruixo 2021 on age and hepatic blood flow, the illustrative CYP2B6 and hepatic-impairment switches),
never copied from the package's output. Bad values well outside the limits are fuzzed in test_fuzz.py; here
the limits themselves are checked to be inclusive, and the next float beyond them to be rejected.
"""

import dataclasses
import math

import numpy as np
import pytest

from simulator import literature
from simulator.literature.covariates import CYP2B6_POOR_CLEARANCE, HEPATIC_CLEARANCE
from simulator.literature.sets import FEMALE_CLEARANCE, QH_AGE_SLOPE, SIGTERMANS_2009
from simulator.patient import (
    AGE_LIMITS_Y,
    EFFECT_LIMITS,
    EFFECT_NAMES,
    HEIGHT_LIMITS_CM,
    SEXES,
    WEIGHT_LIMITS_KG,
    Patient,
    RandomEffects,
    covariate_factors,
)

RACEMIC = [n for n in literature.names() if literature.get(n).drug == "racemic"]
ESKETAMINE = "perez_ruixo_2021"
#: Returned factors that are the random effect of the same name, untouched by covariates.
PURE_EFFECTS = ("central_volume", "peripheral_volume", "absorption", "sensitivity", "comparator_sensitivity")


@pytest.mark.parametrize(
    ("field", "limits"), [("weight_kg", WEIGHT_LIMITS_KG), ("age_y", AGE_LIMITS_Y), ("height_cm", HEIGHT_LIMITS_CM)]
)
def test_limits_are_inclusive_and_the_next_float_beyond_raises_naming_the_field(field, limits):
    low, high = limits
    for value in (low, high, math.ceil(low), (low + high) / 2):
        p = Patient(**{field: value})
        assert getattr(p, field) == value and type(getattr(p, field)) is float
    for value in (np.nextafter(low, -np.inf), np.nextafter(high, np.inf)):
        with pytest.raises(ValueError, match=rf"{field} must be in \[{low:g}, {high:g}\]"):
            Patient(**{field: float(value)})


def test_choices_accept_every_listed_value():
    assert SEXES == ("female", "male")
    for sex in SEXES:
        assert Patient(sex=sex).sex == sex
    for level in HEPATIC_CLEARANCE:
        assert Patient(hepatic_impairment=level).hepatic_impairment == level
    assert Patient(height_cm=None).height_cm is None


def test_random_effects_default_to_one_and_name_every_field_in_order():
    typical = RandomEffects()
    assert EFFECT_NAMES == tuple(f.name for f in dataclasses.fields(RandomEffects))
    assert all(getattr(typical, name) == 1.0 for name in EFFECT_NAMES)
    assert Patient().random_effects == typical
    low, high = EFFECT_LIMITS
    for name in EFFECT_NAMES:
        assert getattr(RandomEffects(**{name: low}), name) == low
        assert getattr(RandomEffects(**{name: high}), name) == high
        with pytest.raises(ValueError, match=rf"random_effects\.{name} must be in"):
            RandomEffects(**{name: float(np.nextafter(high, np.inf))})


def test_records_are_frozen_and_compare_by_value():
    p = Patient(weight_kg=60, sex="female", random_effects=RandomEffects(clearance=1.4))
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.weight_kg = 80.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.random_effects.clearance = 2.0
    assert p == Patient(weight_kg=60.0, sex="female", random_effects=RandomEffects(clearance=1.4))
    assert hash(p) == hash(Patient(weight_kg=60.0, sex="female", random_effects=RandomEffects(clearance=1.4)))
    assert dataclasses.replace(p, weight_kg=80).weight_kg == 80.0 and p.weight_kg == 60.0
    with pytest.raises(TypeError):
        Patient(70.0)  # keyword-only: a bare number is never silently taken as a weight


@pytest.mark.parametrize("name", literature.names())
def test_a_typical_patient_gets_no_multiplier(name):
    f = covariate_factors(literature.get(name), [Patient(weight_kg=65.0)])
    assert f["weight_kg"].tolist() == [65.0]
    for key, values in f.items():
        if key != "weight_kg":
            assert values.tolist() == [0.0 if key == "hepatic_flow_change_l_per_min" else 1.0], key


def test_sex_effect_is_sigtermans_2009_on_the_racemic_sets_and_absent_for_esketamine():
    assert FEMALE_CLEARANCE.citation is SIGTERMANS_2009
    woman, man = Patient(sex="female"), Patient(sex="male")
    for name in RACEMIC:
        pset = literature.get(name)
        assert pset.female_clearance is FEMALE_CLEARANCE
        f = covariate_factors(pset, [woman, man])
        np.testing.assert_array_equal(f["clearance"], [FEMALE_CLEARANCE.value, 1.0])
        np.testing.assert_array_equal(f["metabolite_clearance"], [FEMALE_CLEARANCE.value, 1.0])
        for key in PURE_EFFECTS:
            np.testing.assert_array_equal(f[key], [1.0, 1.0])
    pset = literature.get(ESKETAMINE)
    assert pset.female_clearance is None  # Perez-Ruixo 2021 tested sex and did not keep it
    f = covariate_factors(pset, [woman, man])
    np.testing.assert_array_equal(f["clearance"], [1.0, 1.0])
    np.testing.assert_array_equal(f["metabolite_clearance"], [1.0, 1.0])


@pytest.mark.parametrize("name", ["clements_1981", ESKETAMINE])
def test_cyp2b6_and_hepatic_switches_act_on_parent_clearance_only(name):
    pset = literature.get(name)
    levels = list(HEPATIC_CLEARANCE)
    patients = [Patient(cyp2b6="poor")] + [Patient(hepatic_impairment=level) for level in levels]
    f = covariate_factors(pset, patients)
    want = [CYP2B6_POOR_CLEARANCE.value] + [HEPATIC_CLEARANCE[level].value for level in levels]
    # The switches act on hepatic intrinsic clearance (issue 21 item 5: ketamine is high-extraction, so they must
    # act mostly on the oral route); pk.model_for turns them into clearance. The systemic factor stays 1.
    np.testing.assert_allclose(f["intrinsic_clearance"], want, rtol=1e-15)
    np.testing.assert_array_equal(f["clearance"], np.ones(len(patients)))
    np.testing.assert_array_equal(f["gut_availability"], np.ones(len(patients)))
    assert HEPATIC_CLEARANCE["none"].value == 1.0 and 0 < HEPATIC_CLEARANCE["moderate"].value < 1.0
    np.testing.assert_array_equal(f["metabolite_clearance"], np.ones(len(patients)))


def test_every_effect_multiplies_together_with_the_random_effects():
    effects = RandomEffects(
        clearance=1.3,
        central_volume=0.8,
        peripheral_volume=1.5,
        absorption=0.6,
        metabolite_clearance=0.9,
        sensitivity=2.0,
        comparator_sensitivity=0.4,
        acute_sensitivity=1.7,
    )
    p = Patient(sex="female", cyp2b6="poor", hepatic_impairment="moderate", random_effects=effects)
    f = covariate_factors(literature.get("kamp_2020"), [p])
    # sex and the random effect on systemic clearance; the switches on intrinsic clearance (issue 21 item 5)
    assert f["clearance"][0] == pytest.approx(FEMALE_CLEARANCE.value * 1.3, rel=1e-15)
    switches = CYP2B6_POOR_CLEARANCE.value * HEPATIC_CLEARANCE["moderate"].value
    assert f["intrinsic_clearance"][0] == pytest.approx(switches, rel=1e-15)
    assert f["metabolite_clearance"][0] == pytest.approx(FEMALE_CLEARANCE.value * 0.9, rel=1e-15)
    for key in PURE_EFFECTS:
        assert f[key][0] == getattr(effects, key), key


def test_age_above_60_lowers_hepatic_blood_flow_by_the_perez_ruixo_slope():
    assert QH_AGE_SLOPE.unit.startswith("L/h")  # the factor below converts L/h to L/min
    ages = [18.0, 60.0, 61.0, 75.5, 120.0]
    patients = [Patient(age_y=age) for age in ages]
    f = covariate_factors(literature.get(ESKETAMINE), patients)
    want = [QH_AGE_SLOPE.value / 60.0 * max(age - 60.0, 0.0) for age in ages]
    np.testing.assert_allclose(f["hepatic_flow_change_l_per_min"], want, rtol=1e-15, atol=0)
    assert f["hepatic_flow_change_l_per_min"][-1] < 0  # a fall, not a rise
    for name in RACEMIC:  # no racemic set has an age effect
        assert literature.get(name).hepatic_flow_age_slope is None
        np.testing.assert_array_equal(covariate_factors(literature.get(name), patients)["hepatic_flow_change_l_per_min"], 0.0)


def test_a_batch_equals_its_patients_one_at_a_time_in_order():
    patients = (
        Patient(weight_kg=50, age_y=70, sex="female"),
        Patient(weight_kg=90, age_y=30, cyp2b6="poor", random_effects=RandomEffects(absorption=2.0)),
        Patient(weight_kg=120, age_y=65, hepatic_impairment="mild", random_effects=RandomEffects(clearance=0.5)),
    )
    for name in ("hornik_2018", ESKETAMINE):
        pset = literature.get(name)
        batch = covariate_factors(pset, patients)
        as_list = covariate_factors(pset, list(patients))  # a list or a tuple of patients: the same
        assert all(np.array_equal(batch[k], v) for k, v in as_list.items())
        for i, p in enumerate(patients):
            single = covariate_factors(pset, [p])
            assert set(single) == set(batch)
            for key, values in single.items():
                assert values.shape == (1,) and batch[key].shape == (3,)
                assert batch[key][i] == values[0], (name, key, i)
