"""One pipeline: a population member equals ``simulate`` of that patient, for every set, route and drug.

Also: results and registries are read-only, and round-off never reaches the chain as a negative value.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from cases import EVENT_TYPES

import simulator as sim
from simulator import literature
from simulator.literature import OutsideValidityWarning
from simulator.population import OUTPUTS


def every_set_route_and_drug():
    """Every registered set x every route it describes, with the drug it describes (racemic and esketamine)."""
    cases = []
    for name in literature.names():
        pset = literature.get(name)
        drug = pset.drug
        events = {
            "iv_bolus": sim.Bolus(dose_mg_per_kg=0.5, start_h=0.5, drug=drug),
            "iv_infusion": sim.Infusion(dose_mg_per_kg=0.5, duration_min=40, start_h=0.25, drug=drug),
        }
        for route in pset.routes:
            dose = 56.0 if (drug == "esketamine" and route == "intranasal") else 50.0
            events[route] = EVENT_TYPES[route](dose_mg=dose, start_h=0.5, drug=drug)
        cases += [pytest.param(name, event, id=f"{name}-{route}") for route, event in events.items()]
    return cases


def test_the_cases_cover_both_drugs_and_every_route():
    ids = [case.id for case in every_set_route_and_drug()]
    drugs = {literature.get(i.split("-")[0]).drug for i in ids}
    routes = {i.split("-")[1] for i in ids}
    assert drugs == {"racemic", "esketamine"}
    assert routes == {"iv_bolus", "iv_infusion", *EVENT_TYPES}


@pytest.mark.parametrize(("name", "event"), every_set_route_and_drug())
def test_population_member_equals_simulate_of_that_patient(name, event):
    options = {"pk_set": name, "end_h": 30.0, "step_min": 5.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideValidityWarning)
        pop = sim.simulate_population(
            event,
            n=5,
            seed=7,
            weight_kg=(20.0, 90.0),
            age_y=(30.0, 80.0),
            female_fraction=0.5,
            cyp2b6_poor_fraction=0.5,
            outputs=tuple(OUTPUTS),
            dtype="float64",  # stored as computed (the default float32 keeps 7 digits)
            chunk=2,  # members come from different chunks
            **options,
        )
        for k in (0, 3, 4):
            single = sim.simulate(event, pop.patient(k), **options)
            expected = {
                "plasma_ketamine": single.plasma("ketamine", "ng/mL"),
                "plasma_norketamine": single.plasma("norketamine", "ng/mL"),
                "effect_site_ketamine": single.effect_site("ketamine", "ng/mL"),
                "effect_site_norketamine": single.effect_site("norketamine", "ng/mL"),
                "occupancy": single.occupancy,
                "plasticity_index": single.plasticity_index,
                "symptom_score": single.symptom_score,
                "dissociation_index": single.dissociation_index,
                "systolic_change_mmhg": single.systolic_change_mmhg,
            }
            assert set(expected) == set(OUTPUTS)
            np.testing.assert_array_equal(pop.time_h, single.time_h)
            for output, want in expected.items():
                got = pop.data[output][k]
                assert np.max(np.abs(want)) > 0 or output == "plasticity_index", f"{output} is identically zero"
                atol = 1e-12 * np.max(np.abs(want))
                np.testing.assert_allclose(got, want, rtol=1e-9, atol=atol, err_msg=f"{name} {output} k={k}")


def test_default_float32_storage_keeps_seven_digits():
    event = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    pop = sim.simulate_population(event, n=2, seed=3, end_h=24.0)
    single = sim.simulate(event, pop.patient(1), end_h=24.0, step_min=5.0)
    assert pop.data["plasma_ketamine"].dtype == np.float32
    np.testing.assert_allclose(pop.data["plasma_ketamine"][1], single.plasma(), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(pop.data["symptom_score"][1], single.symptom_score, rtol=1e-6)


def test_members_really_differ():
    """The equality above is not trivial: virtual patients differ from each other and from the typical one."""
    event = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    pop = sim.simulate_population(event, n=3, seed=1, end_h=24.0)
    typical = sim.simulate(event, end_h=24.0, step_min=5.0).plasma()
    cmax = pop.data["plasma_ketamine"].max(axis=1)
    assert np.ptp(cmax) > 0.05 * cmax.mean()
    assert not np.allclose(pop.data["plasma_ketamine"][0], typical, rtol=1e-3)


def test_sparse_and_very_short_grids_do_not_crash_on_round_off():
    """Round-off of a true zero (e.g. -1.7e-18) is zero at the solver boundary, for one patient and for many."""
    sparse = sim.simulate(sim.Bolus(dose_mg=10), time_h=[0.0, 100.0])
    assert np.all(sparse.occupancy >= 0) and np.all(sparse.plasma("norketamine") >= 0)
    short = sim.simulate(sim.Infusion(dose_mg=10, duration_min=0.1), end_h=200.0, step_min=60.0)
    assert np.all(np.isfinite(short.symptom_score)) and np.all(short.occupancy >= 0)
    # mass balance holds for the shortest allowed infusion
    amounts = short.amounts()
    total = sum(amounts[k] for k in ("depots", "parent_in_body", "parent_eliminated", "parent_metabolized"))
    np.testing.assert_allclose(total[1:], 10.0, rtol=1e-9)
    pop = sim.simulate_population(sim.Bolus(dose_mg=10), n=3, seed=0, end_h=100.0, step_min=600.0)
    assert np.all(pop.data["occupancy"] >= 0)


def test_infusions_shorter_than_the_floor_raise():
    for duration in (0.001, 1e-15, 5e-324, 0.0):
        with pytest.raises(ValueError, match="duration_min"):
            sim.Infusion(dose_mg=10, duration_min=duration)


def test_result_arrays_are_read_only():
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24.0)
    before = result.plasma().copy()
    arrays = [
        result.time_h,
        result.plasma(),
        result.plasma("norketamine", "mg/L"),
        result.effect_site(),
        result.occupancy,
        result.plasticity_index,
        result.symptom_score,
        result.chain.signal,
        result.auc(),
        *result.occupancy_by_ligand().values(),
        *result.amounts().values(),
    ]
    for values in arrays:
        with pytest.raises(ValueError, match="read-only"):
            values[0] = 1.0
    np.testing.assert_array_equal(result.plasma(), before)


def test_population_arrays_are_read_only():
    pop = sim.simulate_population(sim.Bolus(dose_mg=10), n=2, seed=0, end_h=4.0)
    for values in pop.data.values():
        with pytest.raises(ValueError, match="read-only"):
            values[0, 0] = 1.0
    with pytest.raises(TypeError):
        pop.data[next(iter(pop.data))] = None


def test_channel_block_arrays_are_read_only():
    block = sim.receptor.channel_block("ketamine", 10.0, pulse_times_s=(0.1,), end_s=1.0)
    for name in ("time_s", "closed", "open", "open_blocked", "trapped", "glutamate"):
        with pytest.raises(ValueError, match="read-only"):
            getattr(block, name)[0] = 1.0


def test_mutating_what_registries_return_cannot_change_a_later_simulation():
    event = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    before = sim.simulate(event, end_h=6.0).plasma()
    pset = literature.get("clements_1981")
    with pytest.raises(TypeError):
        pset.parent.values["V1"] = 0.1
    with pytest.raises(TypeError):
        pset.routes["oral"] = None
    with pytest.raises(TypeError):
        sim.receptor.GATING["opening_per_s"] = 1.0
    with pytest.raises(TypeError):
        sim.plasticity.CONSTANTS["signal_time_h"] = 1.0
    with pytest.raises(TypeError):
        literature.sets.SETS["clements_1981"] = None
    with pytest.raises(TypeError):
        sim.receptor.BLOCK_KINETICS["ketamine"] = None
    with pytest.raises(AttributeError):
        pset.name = "x"
    _, _, options = sim.scenarios.get("standard-infusion")
    options["end_h"] = 1.0  # a copy
    assert sim.scenarios.get("standard-infusion")[2]["end_h"] == 24.0
    np.testing.assert_array_equal(sim.simulate(event, end_h=6.0).plasma(), before)


class _FailingAssumptions(sim.ReceptorAssumptions):
    """Receptor assumptions that fail when the occupancy model uses them."""

    def affinity_um(self, ligand):
        raise RuntimeError("occupancy was computed")


def test_only_what_is_asked_for_is_computed():
    """Asking for concentrations does not run the occupancy model (nor, through it, the toy chain)."""
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24.0, receptor=_FailingAssumptions())
    assert result.plasma().max() > 0 and result.effect_site("norketamine").max() > 0
    assert result.auc()[-1] > 0
    with pytest.raises(RuntimeError, match="occupancy was computed"):
        _ = result.occupancy
    with pytest.raises(RuntimeError, match="occupancy was computed"):
        _ = result.symptom_score


def test_summary_flags_what_the_window_cuts_and_rounds():
    infusion = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    short = sim.simulate(infusion, end_h=24.0).summary()
    long = sim.simulate(infusion, end_h=24.0 * 21, step_min=5.0).summary()
    # one day cuts the toy peak (it comes at about 30 h) and the response (about 9 h to 3 days); three weeks cut nothing
    assert "plasticity peak" in short["cut_by_window"] and "symptom response" in short["cut_by_window"]
    assert long["cut_by_window"] == []
    assert long["plasticity"]["time_of_peak_h"] > 24.0
    assert short["window_h"] == (0.0, 24.0)
    # three significant figures by default; full precision on request
    cmax = sim.simulate(infusion, end_h=24.0).summary(significant=None)["ketamine"]["cmax"]
    assert short["ketamine"]["cmax"] == float(f"{cmax:.3g}") != cmax
    with pytest.raises(ValueError, match="significant"):
        sim.simulate(infusion, end_h=2.0).summary(significant=0)


def test_equal_sessions_report_the_first_sessions_peak():
    """Six equal infusions peak equally (to 1e-6, a trace of the session before): Tmax is the first session's."""
    regimen, patient, _ = sim.scenarios.get("six-infusions")
    result = sim.simulate(regimen, patient, end_h=24 * 20, step_min=5)
    summary = result.summary(significant=None)
    first = result.time_h <= regimen.events[1].start_h
    assert summary["ketamine"]["tmax_h"] < regimen.events[1].start_h
    assert summary["ketamine"]["cmax"] == pytest.approx(result.plasma("ketamine").max(), rel=1e-4)
    assert summary["ketamine"]["cmax"] == result.plasma("ketamine")[first].max()
    assert summary["occupancy"]["time_of_peak_h"] < regimen.events[1].start_h


def test_simulate_sets_is_one_simulate_per_set():
    regimen = sim.Regimen((sim.Infusion(dose_mg_per_kg=0.5, duration_min=40),))
    patient = sim.Patient(weight_kg=82.0)
    receptor = sim.ReceptorAssumptions(measure="IC50")
    results = sim.pipeline.simulate_sets(regimen, patient, end_h=6.0, step_min=2.0, receptor=receptor)
    assert list(results) == literature.sets_for(regimen) and len(results) > 3
    for name, result in results.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OutsideValidityWarning)
            expected = sim.simulate(regimen, patient, pk_set=name, end_h=6.0, step_min=2.0, receptor=receptor)
        assert result.pk_set.name == name and result.patient == patient and result.regimen == regimen
        assert result.receptor == receptor
        np.testing.assert_array_equal(result.time_h, expected.time_h)
        for species in ("ketamine", "norketamine"):
            np.testing.assert_array_equal(result.plasma(species), expected.plasma(species))
            np.testing.assert_array_equal(result.effect_site(species), expected.effect_site(species))
        np.testing.assert_array_equal(result.occupancy, expected.occupancy)
        np.testing.assert_array_equal(result.symptom_score, expected.symptom_score)
    with pytest.raises(TypeError):
        results["kamp_2020"] = None  # read-only
    chosen = sim.pipeline.simulate_sets(sim.Bolus(dose_mg=20), pk_sets=["kamp_2020", "clements_1981"], end_h=2.0)
    assert list(chosen) == ["kamp_2020", "clements_1981"]  # in the order asked for
    np.testing.assert_array_equal(
        chosen["kamp_2020"].plasma(), sim.simulate(sim.Bolus(dose_mg=20), pk_set="kamp_2020", end_h=2.0).plasma()
    )


def test_simulate_sets_compares_other_populations_without_a_validity_warning():
    with pytest.warns(OutsideValidityWarning):
        sim.simulate(sim.Bolus(dose_mg=20), pk_set="herd_2007", end_h=1.0)  # a children's set, for a 70 kg adult
    with warnings.catch_warnings():
        warnings.simplefilter("error", OutsideValidityWarning)
        results = sim.pipeline.simulate_sets(sim.Bolus(dose_mg=20), pk_sets=("herd_2007",), end_h=1.0)
    assert list(results) == ["herd_2007"]
    with pytest.raises(ValueError, match="pk_sets"):
        sim.pipeline.simulate_sets(sim.Bolus(dose_mg=20), pk_sets=["kamp_2020", "kamp_2020"])
    with pytest.raises(ValueError, match="pk_sets"):
        sim.pipeline.simulate_sets(sim.Bolus(dose_mg=20), pk_sets=[])
    with pytest.raises(ValueError, match="pk_set"):
        sim.pipeline.simulate_sets(sim.Bolus(dose_mg=20), pk_sets=["nobody_2099"])
