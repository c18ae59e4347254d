"""Property-based fuzzing of the public API (DESIGN.md principle 7).

Valid inputs never crash the chain and give finite, non-negative outputs in their ranges; invalid
inputs always raise ``ValueError`` or ``TypeError`` whose message names the offending field.
Example counts are modest and the search is derandomized, so the file is fast and reproducible.
"""

from __future__ import annotations

import html
import math
from dataclasses import fields

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import simulator as sim
from simulator import acute, dosing, evidence, export, literature, pk, plasticity, plotting, receptor, scenarios, units
from simulator.literature.covariates import variability_for
from simulator.patient import AGE_LIMITS_Y, EFFECT_LIMITS, HEIGHT_LIMITS_CM, WEIGHT_LIMITS_KG
from simulator.population import DEFAULT_OUTPUTS, MEMORY_BUDGET_BYTES, OUTPUTS, draw_population
from simulator.widgets import ChainExplorer, ConcentrationExplorer, Explorer, explorer

pytestmark = pytest.mark.filterwarnings("ignore::simulator.literature.OutsideValidityWarning")

NAN, INF = math.nan, math.inf


def fuzz(examples: int):
    """Hypothesis settings: ``examples`` derandomized examples, no deadline, no example database."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


# ------------------------------------------------------------------------------------------ valid inputs

#: Largest output grid a fuzzed simulation may have (keeps every example fast).
MAX_GRID = 20_000
RACEMIC_SETS = tuple(n for n in literature.names() if literature.get(n).drug == "racemic")
EVENTS = {"oral": sim.Oral, "sublingual": sim.Sublingual, "intramuscular": sim.Intramuscular, "intranasal": sim.Intranasal}


def reals(low, high, *, exclude_min=False, exclude_max=False):
    return st.floats(low, high, exclude_min=exclude_min, exclude_max=exclude_max, allow_nan=False, allow_infinity=False)


#: Random-effect multipliers fuzzed: the documented range.
EFFECTS_FUZZED = (1e-3, 1e3)


@st.composite
def random_effects(draw):
    # most draws near typical, some at the edges
    value = st.one_of(st.sampled_from(EFFECTS_FUZZED), reals(0.2, 5.0), reals(*EFFECTS_FUZZED))
    return sim.RandomEffects(**{f.name: draw(value) for f in fields(sim.RandomEffects)})


@st.composite
def patients(draw):
    return sim.Patient(
        weight_kg=draw(st.one_of(st.sampled_from(WEIGHT_LIMITS_KG), reals(*WEIGHT_LIMITS_KG))),
        age_y=draw(reals(*AGE_LIMITS_Y)),
        sex=draw(st.sampled_from(("female", "male"))),
        height_cm=draw(st.none() | reals(*HEIGHT_LIMITS_CM)),
        cyp2b6=draw(st.sampled_from(("normal", "poor"))),
        hepatic_impairment=draw(st.sampled_from(("none", "mild", "moderate"))),
        random_effects=draw(st.just(sim.RandomEffects()) | random_effects()),
    )


#: Smallest amount fuzzed, mg (denormal doses: see EDGE_CASES).
MIN_MG = 1e-6


@st.composite
def amounts(draw, weight_kg, salt):
    """``dose_mg`` or ``dose_mg_per_kg`` (keyword arguments) within MAX_DOSE_MG for this weight."""
    if draw(st.booleans()):
        return {"dose_mg": draw(st.sampled_from((dosing.MAX_DOSE_MG, 1e-3)) | reals(MIN_MG, dosing.MAX_DOSE_MG))}
    high = min(dosing.MAX_DOSE_MG_PER_KG, dosing.MAX_DOSE_MG / weight_kg * (1 - 1e-9))
    return {"dose_mg_per_kg": draw(reals(MIN_MG, high))}


@st.composite
def dose_events(draw, route, drug, weight_kg, start_h=None):
    """One dose event of ``route`` ("bolus", "infusion" or an extravascular route) within its documented ranges."""
    start = draw(st.just(0.0) | reals(0.0, 72.0)) if start_h is None else start_h
    if route == "intranasal" and drug == "esketamine":  # whole 28 mg devices, stated as base
        return sim.Intranasal(dose_mg=28.0 * draw(st.integers(1, 6)), drug=drug, start_h=start)
    salt = draw(st.sampled_from(("base", "hcl")))
    common = {"start_h": start, "salt": salt, "drug": drug}
    if route == "infusion":
        duration = draw(st.sampled_from((dosing.MIN_DURATION_MIN, 40.0)) | reals(dosing.MIN_DURATION_MIN, 24 * 60.0))
        form = draw(st.sampled_from(("amount", "rate", "rate_per_kg")))
        if form == "amount":
            return sim.Infusion(duration_min=duration, **draw(amounts(weight_kg, salt)), **common)
        total_mg = draw(reals(1e-3, dosing.MAX_DOSE_MG * 0.999))
        if form == "rate":
            return sim.Infusion(
                duration_min=duration, rate_mg_per_h=min(total_mg * 60.0 / duration, dosing.MAX_DOSE_MG), **common
            )
        per_kg = min(total_mg / weight_kg, dosing.MAX_DOSE_MG_PER_KG * 0.999)
        rate = min(per_kg * 60.0 / duration, dosing.MAX_DOSE_MG_PER_KG)
        return sim.Infusion(duration_min=duration, rate_mg_per_kg_per_h=rate, **common)
    kind = sim.Bolus if route == "bolus" else EVENTS[route]
    return kind(**draw(amounts(weight_kg, salt)), **common)


@st.composite
def simulations(draw):
    """Keyword arguments of a valid :func:`simulator.simulate` call: every drug, set, route and grid option."""
    patient = draw(patients())
    drug = draw(st.sampled_from(("racemic", "esketamine")))
    if drug == "esketamine":
        pk_set = draw(st.sampled_from((None, "perez_ruixo_2021")))
    else:
        pk_set = draw(st.sampled_from((None, *RACEMIC_SETS)))
    pset = literature.default_for(drug) if pk_set is None else literature.get(pk_set)
    routes = ("bolus", "infusion", *pset.routes)
    events = [draw(dose_events(draw(st.sampled_from(routes)), drug, patient.weight_kg)) for _ in range(draw(st.integers(1, 3)))]
    regimen = sim.Regimen(events)
    if draw(st.booleans()):
        regimen = sim.Regimen.repeat(events[0], every_h=draw(reals(0.0, 168.0, exclude_min=True)), count=draw(st.integers(1, 4)))
    grid = draw(st.sampled_from(("end", "default", "times")))
    kwargs = {"patient": patient, "pk_set": pk_set}
    if grid == "end":
        end_h = draw(reals(1e-3, 24.0 * 60))
        kwargs["end_h"] = end_h
        kwargs["step_min"] = draw(reals(max(0.01, end_h * 60.0 / (MAX_GRID - 1)), 24 * 60.0))
    elif grid == "default":  # 24 h after the last dose
        kwargs["step_min"] = draw(reals(max(0.01, (regimen.end_h + 24.0) * 60.0 / (MAX_GRID - 1)), 24 * 60.0))
    else:
        times = draw(st.lists(reals(0.0, 24.0 * 365), min_size=1, max_size=40))
        kwargs["time_h"] = sorted(round(x, 3) for x in times)  # times within 1e-38 h of a dose: see EDGE_CASES
    if draw(st.booleans()):
        kwargs["receptor"] = draw(receptor_assumptions())
    if draw(st.booleans()):
        kwargs["plasticity"] = draw(plasticity_models())
    return regimen, kwargs


@st.composite
def receptor_assumptions(draw):
    return sim.ReceptorAssumptions(
        measure=draw(st.sampled_from(("Ki", "IC50"))),
        unbound_fraction=draw(st.just(1.0) | reals(0.0, 1.0, exclude_min=True)),
        brain_partition=draw(st.just(10.0) | reals(0.0, 10.0, exclude_min=True)),
        magnesium=draw(st.booleans()),
        subtype=draw(st.sampled_from(receptor.SUBTYPES)),
        voltage_mv=draw(reals(-100.0, 0.0)),
    )


_TIMES = tuple(getattr(sim.PlasticityModel(), n) for n in ("drive_time_h", "signal_time_h", "synthesis_time_h"))


@st.composite
def plasticity_models(draw):
    # the documented ranges of the switches and the headline constants (time constants: see EDGE_CASES)
    return sim.PlasticityModel(
        baseline_score=draw(st.sampled_from((0.0, 60.0)) | reals(0.0, 60.0)),
        sensitivity=draw(st.just(10.0) | reals(0.0, 10.0, exclude_min=True)),
        hnk_pathway=draw(st.booleans()),
        inverted_u=draw(st.booleans()),
        max_improvement=draw(st.sampled_from((0.0, 1.0)) | reals(0.0, 1.0)),
        signal_weight=draw(reals(0.0, 100.0)),
        hnk_gain=draw(reals(0.0, 100.0)),
        inverted_u_width=draw(reals(0.01, 10.0)),
        spine_time_h=draw(reals(1.0, 1e4).filter(lambda x: all(abs(x - t) > 1e-3 * max(x, t) for t in _TIMES))),
        consolidation_time_h=draw(reals(1.0, 1e5)),
    )


def assert_nonnegative(values, *, high=None, slack=0.0):
    """Finite, >= 0 and <= ``high``, each bound up to ``slack`` (round-off)."""
    values = np.asarray(values)
    assert values.size and np.all(np.isfinite(values)), values
    assert values.min() >= -slack, values.min()
    if high is not None:
        assert values.max() <= high + slack, values.max()


def chain_slack(chain) -> float:
    """No slack: the chain clears its own round-off (stages >= 0, score within [0, baseline])."""
    return 0.0


def assert_time_or_nan(value, time_h):
    assert math.isnan(value) or time_h[0] <= value <= time_h[-1], value


@fuzz(120)
@given(simulations())
def test_valid_simulations_give_finite_nonnegative_outputs(case):
    regimen, kwargs = case
    result = sim.simulate(regimen, **kwargs)
    t = result.time_h
    assert t.ndim == 1 and t.size <= MAX_GRID and np.all(np.diff(t) >= 0)
    for species in ("ketamine", "norketamine"):
        for unit in units.CONCENTRATION_UNITS:
            assert_nonnegative(result.plasma(species, unit))
            assert_nonnegative(result.effect_site(species, unit))
        assert_nonnegative(result.auc(species))
    assert_nonnegative(result.occupancy, high=1.0)
    slack = chain_slack(result.chain)
    assert_nonnegative(result.plasticity_index, slack=slack)
    assert_nonnegative(result.symptom_score, high=result.plasticity_model.baseline_score, slack=slack)
    for values in result.occupancy_by_ligand().values():
        assert_nonnegative(values, high=1.0)
    summary = result.summary(significant=None)
    for species in ("ketamine", "norketamine"):
        s = summary[species]
        assert_nonnegative([s["cmax"], s["auc"]])
        assert t[0] <= s["tmax_h"] <= t[-1]
        half_life = s["terminal_half_life_h"]
        assert math.isnan(half_life) or half_life > 0
    assert 0.0 <= summary["occupancy"]["peak"] <= 1.0
    assert summary["plasticity"]["peak_index"] >= 0.0
    symptom = summary["symptom"]
    for key in ("onset_h", "peak_h", "response_start_h", "response_end_h"):
        assert_time_or_nan(symptom[key], t)
    assert_nonnegative([symptom["peak_improvement"], symptom["duration_above_half_peak_h"], symptom["days_in_response"]])
    assert_nonnegative(result.dissociation_index, high=1.0)
    assert_nonnegative(result.systolic_change_mmhg, high=result.acute_model.systolic_emax_mmhg)
    acute = summary["acute"]
    assert_nonnegative([acute["hours_with_effects"], acute["hours_above_psychotomimetic_band"]])
    assert acute["hours_with_effects"] <= t[-1] - t[0] + 1e-9
    assert all(h is None or 0.0 <= h <= t[-1] for h in acute["resolved_after_h"])


LIGANDS = tuple(sorted([*receptor.LIGANDS, *receptor.MIXTURES]))


@fuzz(40)
@given(st.lists(st.sampled_from(LIGANDS), min_size=1, max_size=5, unique=True), st.data())
def test_valid_concentrations_give_occupancies_in_0_1(names, data):
    # a racemate and one of its own enantiomers together is invalid (the ligand would be given twice)
    names = [n for n in names if not any(n in parts and r in names for r, parts in receptor.MIXTURES.items())]
    unit = data.draw(st.sampled_from(("uM", "ng/mL", "mg/L")))
    size = data.draw(st.sampled_from((None, 1, 7)))
    value = reals(0.0, 1e6) if size is None else st.lists(reals(0.0, 1e6), min_size=size, max_size=size).map(np.array)
    concentrations = {name: data.draw(value) for name in names}
    assumptions = data.draw(st.none() | receptor_assumptions())
    basis = data.draw(st.sampled_from(("receptor", "plasma")))
    occupancy = receptor.equilibrium_occupancy(concentrations, unit, assumptions=assumptions, basis=basis)
    for values in occupancy.values():
        assert_nonnegative(values, high=1.0)
    singles = [v for k, v in occupancy.items() if k in receptor.LIGANDS]
    assert np.allclose(np.sum(singles, axis=0), occupancy["total"], rtol=1e-9, atol=1e-12)
    total = receptor.total_occupancy(concentrations, unit, assumptions=assumptions, basis=basis)
    assert np.allclose(total, occupancy["total"], rtol=1e-9, atol=1e-12)
    curve, ec50 = receptor.occupancy_curve(names[0], np.geomspace(1e-3, 1e6, 9), unit, assumptions=assumptions, basis=basis)
    assert_nonnegative(curve, high=1.0)
    assert np.all(np.diff(curve) >= 0) and math.isfinite(ec50) and ec50 > 0


@fuzz(25)
@given(
    blocker=st.sampled_from(tuple(receptor.BLOCK_KINETICS)),
    concentration=st.sampled_from((0.0, 1000.0)) | reals(0.0, 1000.0),
    end_s=reals(0.05, 3600.0),
    points=st.integers(2, 4000),
    pulses=st.lists(reals(0.0, 1.0), max_size=6),
    gating=st.dictionaries(st.sampled_from(("opening_per_s", "closing_per_s", "bound_s")), reals(1e-2, 1e4), max_size=3),
)
def test_valid_channel_block_gives_fractions_summing_to_1(blocker, concentration, end_s, points, pulses, gating):
    step_s = max(end_s / (points - 1), 1e-6)
    r = receptor.channel_block(blocker, concentration, pulse_times_s=[p * end_s for p in pulses], end_s=end_s, step_s=step_s,
                               gating=gating)  # fmt: skip
    states = np.stack([r.closed, r.open, r.open_blocked, r.trapped])
    assert_nonnegative(states, high=1.0)
    assert np.allclose(states.sum(axis=0), 1.0, atol=1e-6)
    assert set(np.unique(r.glutamate)) <= {0.0, 1.0}
    assert_nonnegative(r.blocked, high=1.0 + 1e-12)


@fuzz(30)
@given(
    blocker=st.sampled_from(tuple(receptor.BLOCK_KINETICS)),
    concentration=st.sampled_from((0.0, 1000.0)) | reals(0.0, 1000.0),
    open_probability=st.sampled_from((1e-6, 0.5, 1 - 1e-6)) | reals(1e-6, 1 - 1e-6),  # beyond: see EDGE_CASES
)
def test_valid_steady_state_block_is_a_fraction(blocker, concentration, open_probability):
    block = receptor.steady_state_block(blocker, concentration, open_probability)
    assert 0.0 <= block <= 1.0
    # the scheme C <-> O <-> OB <-> CB (no untrapping while glutamate stays bound) is in detailed balance:
    # blocked = K / (1 + K) with K = kon c / koff, whatever the open probability
    kinetics = receptor.BLOCK_KINETICS[blocker]
    k = kinetics.kon_per_molar_s * concentration * 1e-6 / kinetics.koff_per_s
    assert abs(block - k / (1.0 + k)) < 1e-6


@fuzz(40)
@given(
    values=st.one_of(reals(0.0, 1e300), st.lists(reals(0.0, 1e300), max_size=20).map(np.array)),
    unit=st.sampled_from(units.CONCENTRATION_UNITS),
    species=st.sampled_from(tuple(units.MOLAR_MASS_G_PER_MOL)),
)
def test_valid_concentrations_convert_to_finite_nonnegative_values(values, unit, species):
    out = units.convert_concentration(values, unit, species)
    assert np.shape(out) == np.shape(values)
    assert np.all(np.isfinite(out)) and np.all(np.asarray(out) >= 0)
    back = units.to_mg_per_l(out, unit, species)
    assert np.allclose(back, values, rtol=1e-12, atol=0.0)


@fuzz(30)
@given(
    time_h=st.lists(reals(0.0, 1e4), min_size=1, max_size=200).map(sorted),
    data=st.data(),
    model=st.none() | plasticity_models(),
)
def test_valid_occupancy_runs_the_chain_to_finite_outputs(time_h, data, model):
    occupancy = data.draw(st.lists(reals(0.0, 1.0), min_size=len(time_h), max_size=len(time_h)))
    chain = plasticity.run_plasticity(time_h, occupancy, model)
    slack = chain_slack(chain)
    for stage in (chain.drive, chain.signal, chain.synthesis, chain.labile, chain.consolidated, chain.index):
        assert_nonnegative(stage, slack=slack)
    assert_nonnegative(chain.symptom_score, high=chain.baseline_score, slack=slack)
    summary = plasticity.symptom_summary(time_h, chain.symptom_score, chain.baseline_score)
    for key in ("onset_h", "peak_h", "response_start_h", "response_end_h"):
        assert_time_or_nan(summary[key], time_h)
    assert 0.0 <= summary["peak_improvement"] <= chain.baseline_score
    assert 0.0 <= summary["days_in_response"] * 24.0 <= time_h[-1] - time_h[0] + 1e-9


@fuzz(25)
@given(
    days=st.just(365.0) | reals(0.0, 365.0, exclude_min=True),
    baseline=st.sampled_from((0.0, 60.0)) | reals(0.0, 60.0),
    step_h=st.sampled_from((0.05, 24.0)) | reals(0.05, 24.0),
    start=reals(0.0, 1.0),
)
def test_valid_comparator_gives_a_score_in_range(days, baseline, step_h, start):
    c = plasticity.conventional_antidepressant(days=days, baseline_score=baseline, step_h=step_h, start_day=start * days)
    assert_nonnegative(c.level)
    assert_nonnegative(c.block, high=1.0)
    assert_nonnegative(c.adaptation, high=1.0)
    assert_nonnegative(c.symptom_score, high=baseline)
    assert c.time_h[0] == 0.0 and c.time_h[-1] <= days * 24.0 + step_h


@fuzz(25)
@given(
    n=st.integers(1, 6),
    seed=st.integers(0, 2**32),
    weight=st.one_of(reals(*WEIGHT_LIMITS_KG), st.tuples(reals(0.5, 100.0), reals(100.0, 300.0))),
    female=reals(0.0, 1.0),
    scale=st.sampled_from((0.0, 5.0)) | reals(0.0, 5.0),
    end_h=reals(0.5, 24.0 * 30),
    outputs=st.lists(st.sampled_from(tuple(OUTPUTS)), min_size=1, max_size=len(OUTPUTS), unique=True),
    dtype=st.sampled_from(("float64", "float32")),
    chunk=st.integers(1, 8),
)
def test_valid_populations_give_finite_nonnegative_curves(n, seed, weight, female, scale, end_h, outputs, dtype, chunk):
    regimen = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=84.0, count=2)
    step_min = max(5.0, end_h * 60.0 / 2000)
    if "symptom_score" not in outputs:
        outputs = [*outputs, "symptom_score"]
    pop = sim.simulate_population(regimen, n=n, seed=seed, weight_kg=weight, female_fraction=female, variability_scale=scale,
                                  end_h=end_h, step_min=step_min, outputs=outputs, dtype=dtype, chunk=chunk)  # fmt: skip
    assert len(pop) == n
    for name, values in pop.data.items():
        assert values.shape == (n, pop.time_h.size) and values.dtype == np.dtype(dtype)
        high = {"occupancy": 1.0, "symptom_score": plasticity.RATING_MAX}.get(name)
        assert_nonnegative(values, high=high, slack=0.0)
        bands = pop.percentiles(name, [5, 50, 95])
        assert bands.shape == (3, pop.time_h.size) and np.all(np.diff(bands, axis=0) >= 0)
    for i in (0, n - 1):
        assert isinstance(pop.patient(i), sim.Patient)
        s = pop.patient_summary(i)
        assert_time_or_nan(s["onset_h"], pop.time_h)
        assert s["days_in_response"] >= 0


@fuzz(20)
@given(n=st.integers(1, 50), seed=st.integers(0, 10**9), name=st.sampled_from(literature.names()), age=reals(*AGE_LIMITS_Y))
def test_valid_draws_give_valid_patients(n, seed, name, age):
    virtual = draw_population(n, seed, variability=variability_for(name), age_y=age, female_fraction=0.5)
    assert len(virtual) == n and all(isinstance(p, sim.Patient) for p in virtual.patients)
    for values in virtual.effects.values():
        assert np.all((values >= EFFECT_LIMITS[0]) & (values <= EFFECT_LIMITS[1]))
    again = draw_population(n, seed, variability=variability_for(name), age_y=age, female_fraction=0.5)
    assert again.patients == virtual.patients  # the seed is the only source of randomness


@fuzz(30)
@given(name=st.sampled_from(literature.names()), patient=patients())
def test_valid_sets_give_finite_models(name, patient):
    pset = literature.get(name)
    derived = pk.derived(pset, patient.weight_kg)
    assert_nonnegative(
        [derived["clearance_l_per_h"], derived["vss_l"], derived["terminal_half_life_h"], *derived["half_lives_h"]]
    )
    model = pk.model_for(pset, patient, ("iv", *pset.routes), check_validity=False)
    assert np.all(np.isfinite(model.parent.rate_matrix())) and np.all(np.isfinite(model.metabolite.rate_matrix()))
    assert literature.default_for(pset.drug).drug == pset.drug


@fuzz(20)
@given(
    sessions=st.integers(1, 7),
    weeks=st.integers(1, 52),
    dose=st.just(5.0) | reals(0.0, 5.0, exclude_min=True),
    route=st.sampled_from(tuple(dosing.EVENT_KINDS)),
)
def test_valid_custom_schedules_give_regimens(sessions, weeks, dose, route):
    regimen = scenarios.custom(sessions, weeks, dose, route)
    assert len(regimen.events) == sessions * weeks
    assert all(isinstance(e, dosing.EVENT_KINDS[route]) and e.dose_mg_per_kg == dose for e in regimen.events)
    assert np.allclose(np.diff([e.start_h for e in regimen.events]), 168.0 / sessions)


def test_every_scenario_runs_and_is_read_only():
    for name in scenarios.names():
        regimen, patient, options = scenarios.get(name)
        assert type(options) is dict
        options["end_h"] = 1.0  # a fresh copy: changing it changes nothing
        scenario = scenarios.preset(name)
        assert scenario.options["end_h"] != 1.0
        with pytest.raises(TypeError):
            scenario.options["end_h"] = 1.0
        with pytest.raises(AttributeError):
            scenario.name = "changed"
        result = sim.simulate(regimen, patient, end_h=min(scenario.options["end_h"], 48.0), step_min=10.0)
        assert_nonnegative(result.plasma())
    with pytest.raises(TypeError):
        scenarios.SCENARIOS["new"] = scenarios.preset("oral-dose")
    assert "new" not in scenarios.SCENARIOS


def test_explorers_keep_valid_initial_values_unclamped():
    low = ConcentrationExplorer(dose_mg_per_kg=0.05, duration_min=1.0, weight_kg=40.0, end_h=2.0)
    assert (low.dose.value, low.duration.value, low.weight.value) == (0.05, 1.0, 40.0)
    high = ConcentrationExplorer(dose_mg_per_kg=2.0, duration_min=240.0, weight_kg=150.0, end_h=6.0)
    assert (high.dose.value, high.duration.value, high.weight.value) == (2.0, 240.0, 150.0)
    assert "Could not update" not in high.message.value


# ------------------------------------------------------------------------------------------ invalid inputs

WRONG_TYPES = st.one_of(
    st.text(max_size=4),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
    st.just(b"1"),
    st.just(object()),
)


def bad_numbers(low=None, high=None, *, low_open=False, high_open=False, none_ok=False, types=True):
    """Values outside a documented number range: NaN, infinities, beyond each bound (to huge), wrong types (if ``types``)."""
    options = [st.sampled_from((NAN, INF, -INF))]
    if types:
        options += [st.booleans(), WRONG_TYPES]
    if not none_ok:
        options.append(st.none())
    if low is not None:
        options.append(st.floats(max_value=low, exclude_max=not low_open, allow_nan=False, allow_infinity=False))
    if high is not None:
        options.append(st.floats(min_value=high, exclude_min=not high_open, allow_nan=False, allow_infinity=False))
    return st.one_of(options)


def bad_integers(low, high):
    """Values outside a documented integer range: floats (even whole ones), beyond each bound, wrong types."""
    return st.one_of(
        st.integers(max_value=low - 1),
        st.integers(min_value=high + 1, max_value=10**12),
        st.floats(allow_nan=True),
        st.sampled_from((True, None)),
        WRONG_TYPES,
    )


def bad_choices(choices, *, none_ok=False):
    """Anything but one of ``choices``: other strings (including near misses) and non-strings."""
    near = [c.upper() for c in choices] + [f" {c}" for c in choices] + [c[:-1] for c in choices]
    options = [
        st.text(max_size=8).filter(lambda s: s not in choices),
        st.sampled_from([n for n in near if n not in choices]),
        st.integers(),
        st.floats(),
        st.lists(st.sampled_from(list(choices)), min_size=1, max_size=2),
    ]
    if not none_ok:
        options.append(st.none())
    return st.one_of(options)


def bad_strings(choices):
    """Strings that are not one of ``choices`` (hashable: usable as dict keys)."""
    near = [c.upper() for c in choices] + [f" {c}" for c in choices] + [c[:-1] for c in choices]
    return st.text(max_size=8).filter(lambda s: s not in choices) | st.sampled_from([n for n in near if n not in choices])


def bad_objects(*, none_ok=True):
    """Anything but the expected object: numbers, strings, containers (and None where it is not a default)."""
    options = [st.integers(), st.floats(), WRONG_TYPES]
    if not none_ok:
        options.append(st.none())
    return st.one_of(options)


def bad_flags():
    return st.one_of(st.integers(0, 1), st.floats(), st.sampled_from(("True", "yes", None, np.float64(1.0))))


BAD_TIMES = st.one_of(
    st.just([]),
    st.lists(reals(-1e6, 0.0, exclude_max=True), min_size=1, max_size=3),
    st.lists(reals(0.0, 100.0), min_size=2, max_size=6, unique=True).map(lambda v: sorted(v, reverse=True)),
    st.lists(st.sampled_from((NAN, INF)), min_size=1, max_size=3).map(lambda v: [0.0, *v]),
    st.just([[0.0, 1.0], [2.0, 3.0]]),
    st.sampled_from(("0,1,2", {"t": 1}, object())),
)

UNITS = units.CONCENTRATION_UNITS
MAX_END_H = 24.0 * 365
BOLUS = sim.Bolus(dose_mg=10)
RESULT = sim.simulate(BOLUS, end_h=2, step_min=5)
POPULATION = sim.simulate_population(sim.Regimen((BOLUS,)), n=3, seed=0, end_h=2, step_min=30)
COMPARATOR = plasticity.conventional_antidepressant(days=1)
CHANNEL = receptor.channel_block("ketamine", 1.0, pulse_times_s=[0.1], end_s=0.5)
SET_NAMES = tuple(literature.names())


def _pop(**kwargs):
    return sim.simulate_population(BOLUS, **{"n": 2, "seed": 0, "end_h": 2.0, "step_min": 30.0, **kwargs})


def _dose_cases():
    cases = []
    for kind in dosing.DOSE_TYPES:
        label = kind.__name__
        amount = {"duration_min": 40.0} if kind is sim.Infusion else {}
        cases += [
            (f"{label}.dose_mg", "dose_mg", lambda v, k=kind, a=amount: k(dose_mg=v, **a),
             bad_numbers(0.0, dosing.MAX_DOSE_MG, low_open=True)),
            (f"{label}.dose_mg_per_kg", "dose_mg_per_kg", lambda v, k=kind, a=amount: k(dose_mg_per_kg=v, **a),
             bad_numbers(0.0, dosing.MAX_DOSE_MG_PER_KG, low_open=True)),
            (f"{label}.start_h", "start_h", lambda v, k=kind: k(dose_mg=10, start_h=v), bad_numbers(0.0, dosing.MAX_START_H)),
            (f"{label}.salt", "salt", lambda v, k=kind: k(dose_mg=10, salt=v), bad_choices(("base", "hcl"))),
            (f"{label}.drug", "drug", lambda v, k=kind: k(dose_mg=28, drug=v), bad_choices(dosing.DRUGS)),
        ]  # fmt: skip
    return cases


#: (case id, field the message must name, call taking the bad value, strategy of bad values)
INVALID = [
    *_dose_cases(),
    ("Infusion.duration_min", "duration_min", lambda v: sim.Infusion(dose_mg=10, duration_min=v),
     bad_numbers(dosing.MIN_DURATION_MIN, dosing.MAX_DURATION_MIN)),
    ("Infusion.rate_mg_per_h", "rate_mg_per_h", lambda v: sim.Infusion(rate_mg_per_h=v, duration_min=1.0),
     bad_numbers(0.0, dosing.MAX_DOSE_MG, low_open=True)),
    ("Infusion.rate_mg_per_kg_per_h", "rate_mg_per_kg_per_h", lambda v: sim.Infusion(rate_mg_per_kg_per_h=v, duration_min=1.0),
     bad_numbers(0.0, dosing.MAX_DOSE_MG_PER_KG, low_open=True)),
    ("Intranasal esketamine dose_mg", "dose_mg", lambda v: sim.Intranasal(dose_mg=v, drug="esketamine"),
     st.one_of(bad_numbers(0.0, dosing.MAX_DOSE_MG, low_open=True),
               reals(0.0, 5000.0, exclude_min=True).filter(lambda x: abs(x / 28.0 - round(x / 28.0)) > 1e-6))),
    ("Regimen.events", "events", lambda v: sim.Regimen(v), st.one_of(st.just([]), st.just(()), bad_objects(none_ok=False),
                                                                     st.lists(st.integers(), min_size=1, max_size=2))),
    ("Regimen.repeat.dose", "dose", lambda v: sim.Regimen.repeat(v, every_h=24, count=2), bad_objects(none_ok=False)),
    ("Regimen.repeat.every_h", "every_h", lambda v: sim.Regimen.repeat(BOLUS, every_h=v, count=2),
     bad_numbers(0.0, dosing.MAX_START_H, low_open=True)),
    ("Regimen.repeat.count", "count", lambda v: sim.Regimen.repeat(BOLUS, every_h=24, count=v), bad_integers(1, 1000)),
    ("Regimen.weekly.sessions_per_week", "sessions_per_week", lambda v: sim.Regimen.weekly(BOLUS, v, 2), bad_integers(1, 7)),
    ("Regimen.weekly.weeks", "weeks", lambda v: sim.Regimen.weekly(BOLUS, 2, v), bad_integers(1, 52)),
    ("Patient.weight_kg", "weight_kg", lambda v: sim.Patient(weight_kg=v), bad_numbers(*WEIGHT_LIMITS_KG)),
    ("Patient.age_y", "age_y", lambda v: sim.Patient(age_y=v), bad_numbers(*AGE_LIMITS_Y)),
    ("Patient.height_cm", "height_cm", lambda v: sim.Patient(height_cm=v), bad_numbers(*HEIGHT_LIMITS_CM, none_ok=True)),
    ("Patient.sex", "sex", lambda v: sim.Patient(sex=v), bad_choices(("female", "male"))),
    ("Patient.cyp2b6", "cyp2b6", lambda v: sim.Patient(cyp2b6=v), bad_choices(("normal", "poor"))),
    ("Patient.hepatic_impairment", "hepatic_impairment", lambda v: sim.Patient(hepatic_impairment=v),
     bad_choices(("none", "mild", "moderate"))),
    ("Patient.random_effects", "random_effects", lambda v: sim.Patient(random_effects=v), bad_objects(none_ok=False)),
    *[(f"RandomEffects.{f.name}", f.name, lambda v, n=f.name: sim.RandomEffects(**{n: v}), bad_numbers(*EFFECT_LIMITS))
      for f in fields(sim.RandomEffects)],
    ("simulate.regimen", "regimen", lambda v: sim.simulate(v), bad_objects(none_ok=False)),
    ("simulate.patient", "patient", lambda v: sim.simulate(BOLUS, v), bad_objects()),
    ("simulate.end_h", "end_h", lambda v: sim.simulate(BOLUS, end_h=v), bad_numbers(0.0, MAX_END_H, low_open=True, none_ok=True)),
    ("simulate.step_min", "step_min", lambda v: sim.simulate(BOLUS, step_min=v), bad_numbers(0.01, 24.0 * 60, none_ok=True)),
    ("simulate.grid", "grid", lambda v: sim.simulate(BOLUS, grid=v), bad_strings(("regular", "log"))),
    ("simulate.log_step_min", "step_min", lambda v: sim.simulate(BOLUS, grid="log", step_min=v),
     bad_numbers(0.1, 60.0, none_ok=True)),
    ("simulate.pk_set", "pk_set", lambda v: sim.simulate(BOLUS, pk_set=v), bad_choices(SET_NAMES, none_ok=True)),
    ("simulate.time_h", "time_h", lambda v: sim.simulate(BOLUS, time_h=v), BAD_TIMES),
    ("simulate.receptor", "receptor", lambda v: sim.simulate(BOLUS, receptor=v), bad_objects()),
    ("simulate.plasticity", "plasticity", lambda v: sim.simulate(BOLUS, plasticity=v), bad_objects()),
    ("Result.plasma.species", "species", lambda v: RESULT.plasma(v), bad_choices(("ketamine", "norketamine", "esketamine",
                                                                                  "noresketamine", "parent", "metabolite"))),
    ("Result.plasma.unit", "unit", lambda v: RESULT.plasma("ketamine", v), bad_choices(UNITS)),
    ("Result.effect_site.unit", "unit", lambda v: RESULT.effect_site("ketamine", v), bad_choices(UNITS)),
    ("Result.auc.unit", "unit", lambda v: RESULT.auc("ketamine", v), bad_choices(UNITS)),
    ("Result.summary.unit", "unit", lambda v: RESULT.summary(v), bad_choices(UNITS)),
    ("ReceptorAssumptions.measure", "measure", lambda v: sim.ReceptorAssumptions(measure=v), bad_choices(("Ki", "IC50"))),
    ("ReceptorAssumptions.unbound_fraction", "unbound_fraction", lambda v: sim.ReceptorAssumptions(unbound_fraction=v),
     bad_numbers(0.0, 1.0, low_open=True)),
    ("ReceptorAssumptions.brain_partition", "brain_partition", lambda v: sim.ReceptorAssumptions(brain_partition=v),
     bad_numbers(0.0, 10.0, low_open=True)),
    ("ReceptorAssumptions.magnesium", "magnesium", lambda v: sim.ReceptorAssumptions(magnesium=v), bad_flags()),
    ("ReceptorAssumptions.subtype", "subtype", lambda v: sim.ReceptorAssumptions(subtype=v), bad_choices(receptor.SUBTYPES)),
    ("ReceptorAssumptions.voltage_mv", "voltage_mv", lambda v: sim.ReceptorAssumptions(voltage_mv=v), bad_numbers(-100.0, 0.0)),
    ("PlasticityModel.baseline_score", "baseline_score", lambda v: sim.PlasticityModel(baseline_score=v), bad_numbers(0.0, 60.0)),
    ("PlasticityModel.sensitivity", "sensitivity", lambda v: sim.PlasticityModel(sensitivity=v),
     bad_numbers(0.0, 10.0, low_open=True)),
    ("PlasticityModel.hnk_pathway", "hnk_pathway", lambda v: sim.PlasticityModel(hnk_pathway=v), bad_flags()),
    ("PlasticityModel.inverted_u", "inverted_u", lambda v: sim.PlasticityModel(inverted_u=v), bad_flags()),
    *[(f"PlasticityModel.{n}", n, lambda v, n=n: sim.PlasticityModel(**{n: v}), bad_numbers(0.0, 1e6, low_open=True))
      for n in ("drive_time_h", "signal_gain_per_h", "signal_time_h", "synthesis_time_h", "spine_gain_per_h", "spine_time_h",
                "consolidation_threshold", "consolidation_gain_per_h", "consolidation_time_h", "consolidated_max",
                "half_improvement_drive")],
    ("PlasticityModel.max_improvement", "max_improvement", lambda v: sim.PlasticityModel(max_improvement=v),
     bad_numbers(0.0, 1.0)),
    ("PlasticityModel.signal_weight", "signal_weight", lambda v: sim.PlasticityModel(signal_weight=v), bad_numbers(0.0, 100.0)),
    ("PlasticityModel.hnk_gain", "hnk_gain", lambda v: sim.PlasticityModel(hnk_gain=v), bad_numbers(0.0, 100.0)),
    ("PlasticityModel.inverted_u_width", "inverted_u_width", lambda v: sim.PlasticityModel(inverted_u_width=v),
     bad_numbers(0.01, 10.0)),
    ("run_plasticity.time_h", "time_h", lambda v: plasticity.run_plasticity(v, [0.0, 0.0]), BAD_TIMES),
    ("run_plasticity.occupancy", "occupancy", lambda v: plasticity.run_plasticity([0.0, 1.0], v),
     st.one_of(st.lists(st.sampled_from((NAN, INF, -0.1, 1.5, -INF)), min_size=2, max_size=2),
               st.lists(reals(0.0, 1.0), min_size=3, max_size=5), st.sampled_from(("0.5", None, {"a": 1})))),
    ("run_plasticity.model", "model", lambda v: plasticity.run_plasticity([0.0, 1.0], [0.0, 0.1], v), bad_objects()),
    ("run_plasticity.sensitivity", "sensitivity", lambda v: plasticity.run_plasticity([0.0, 1.0], [0.0, 0.1], sensitivity=v),
     st.sampled_from((-1.0, NAN, INF, [1.0, 2.0], "1"))),
    ("symptom_summary.time_h", "time_h", lambda v: plasticity.symptom_summary(v, [30.0, 20.0], 32.0), BAD_TIMES),
    ("symptom_summary.score", "score", lambda v: plasticity.symptom_summary([0.0, 1.0], v, 32.0),
     st.one_of(st.lists(st.sampled_from((NAN, INF, -1.0, 60.5, 1e300)), min_size=2, max_size=2),
               st.lists(reals(0.0, 60.0), min_size=3, max_size=4), st.sampled_from(("30", {"s": 1}, [[1.0, 2.0]])))),
    ("symptom_summary.baseline", "baseline", lambda v: plasticity.symptom_summary([0.0, 1.0], [30.0, 20.0], v),
     bad_numbers(0.0, 60.0)),
    ("conventional_antidepressant.days", "days", lambda v: plasticity.conventional_antidepressant(days=v),
     bad_numbers(0.0, 365.0, low_open=True)),
    ("conventional_antidepressant.baseline_score", "baseline_score",
     lambda v: plasticity.conventional_antidepressant(days=2, baseline_score=v), bad_numbers(0.0, 60.0)),
    ("conventional_antidepressant.step_h", "step_h", lambda v: plasticity.conventional_antidepressant(days=2, step_h=v),
     bad_numbers(0.01, 24.0)),
    ("conventional_antidepressant.start_day", "start_day", lambda v: plasticity.conventional_antidepressant(days=2, start_day=v),
     bad_numbers(0.0, 2.0)),
    ("equilibrium_occupancy.concentrations", "concentrations", lambda v: receptor.equilibrium_occupancy(v),
     st.one_of(st.just({}), st.lists(reals(0, 1), max_size=2), st.floats(), st.text(max_size=3), st.none())),
    ("equilibrium_occupancy.ligand", "ligand", lambda v: receptor.equilibrium_occupancy({v: 1.0}),
     bad_strings(LIGANDS) | st.integers() | st.none()),
    ("equilibrium_occupancy.value", "concentration", lambda v: receptor.equilibrium_occupancy({"ketamine": v}),
     st.one_of(st.sampled_from((NAN, INF, -INF, None, [1.0, NAN])), st.floats(max_value=0.0, exclude_max=True, allow_nan=False))),
    ("equilibrium_occupancy.unit", "unit", lambda v: receptor.equilibrium_occupancy({"ketamine": 1.0}, v),
     bad_choices(UNITS)),
    ("equilibrium_occupancy.basis", "basis", lambda v: receptor.equilibrium_occupancy({"ketamine": 1.0}, basis=v),
     bad_choices(("receptor", "plasma"))),
    ("equilibrium_occupancy.assumptions", "assumptions",
     lambda v: receptor.equilibrium_occupancy({"ketamine": 1.0}, assumptions=v), bad_objects()),
    ("total_occupancy.unit", "unit", lambda v: receptor.total_occupancy({"ketamine": 1.0}, v), bad_choices(UNITS)),
    ("total_occupancy.value", "concentration", lambda v: receptor.total_occupancy({"mk801": v}),
     st.sampled_from((NAN, INF, -1.0, [0.5, -0.5]))),
    ("occupancy_curve.ligand", "ligand", lambda v: receptor.occupancy_curve(v, [1.0]),
     bad_strings(LIGANDS) | st.integers() | st.none()),  # unhashable types: EDGE_CASES
    ("occupancy_curve.concentrations", "concentration", lambda v: receptor.occupancy_curve("ketamine", v),
     st.sampled_from(([-1.0], [NAN], [INF], -5.0))),
    ("channel_block.blocker", "blocker", lambda v: receptor.channel_block(v), bad_choices(tuple(receptor.BLOCK_KINETICS))),
    ("channel_block.concentration_um", "concentration_um", lambda v: receptor.channel_block("ketamine", v),
     bad_numbers(0.0, 1000.0)),
    ("channel_block.end_s", "end_s", lambda v: receptor.channel_block(end_s=v, step_s=1e-6),
     bad_numbers(0.0, 3600.0, low_open=True)),
    ("channel_block.step_s", "step_s", lambda v: receptor.channel_block(end_s=1.0, step_s=v), bad_numbers(1e-6, 1.0)),
    ("channel_block.points", "step_s", lambda v: receptor.channel_block(end_s=3600.0, step_s=v),
     reals(1e-6, 3600.0 / receptor.MAX_CHANNEL_POINTS, exclude_max=True)),
    ("channel_block.pulse_times_s", "pulse_times_s", lambda v: receptor.channel_block(end_s=1.0, pulse_times_s=v),
     st.one_of(st.lists(st.sampled_from((-0.1, 1.5, NAN, INF, "0.1", None)), min_size=1, max_size=2),
               st.sampled_from(("0.1", {"t": 0.1}, [[0.1, 0.2], [0.3, 0.4]])))),
    ("channel_block.gating", "gating", lambda v: receptor.channel_block(end_s=1.0, gating=v),
     st.one_of(st.lists(st.integers(), max_size=2), st.text(max_size=3), st.integers(),
               st.dictionaries(st.text(max_size=6).filter(lambda k: k not in receptor.GATING), st.floats(1, 2), min_size=1,
                               max_size=1),
               st.dictionaries(st.sampled_from(tuple(receptor.GATING)), bad_numbers(0.0, 1e5, low_open=True), min_size=1,
                               max_size=1))),
    ("channel_block.start", "start", lambda v: receptor.channel_block(end_s=1.0, start=v),
     st.one_of(st.lists(reals(0.0, 1.0), min_size=4, max_size=4).filter(lambda x: abs(sum(x) - 1.0) > 1e-6),
               st.just([-0.5, 1.5, 0.0, 0.0]), st.just([1.0, 0.0, 0.0]), st.just([NAN, 1.0, 0.0, 0.0]))),
    ("steady_state_block.blocker", "blocker", lambda v: receptor.steady_state_block(v, 1.0, 0.5),
     bad_choices(tuple(receptor.BLOCK_KINETICS))),
    ("steady_state_block.concentration_um", "concentration_um", lambda v: receptor.steady_state_block("ketamine", v, 0.5),
     bad_numbers(0.0, 1000.0)),
    ("steady_state_block.open_probability", "open_probability", lambda v: receptor.steady_state_block("ketamine", 1.0, v),
     bad_numbers(0.0, 1.0, low_open=True, high_open=True)),
    ("simulate_population.n", "n", lambda v: _pop(n=v), bad_integers(1, 100_000)),
    ("simulate_population.seed", "seed", lambda v: _pop(seed=v), st.one_of(st.integers(max_value=-1), st.floats(),
                                                                            st.sampled_from(("1", None, True)))),
    ("simulate_population.pk_set", "pk_set", lambda v: _pop(pk_set=v), bad_choices(SET_NAMES, none_ok=True)),
    ("simulate_population.weight_kg", "weight_kg", lambda v: _pop(weight_kg=v), st.one_of(
        bad_numbers(*WEIGHT_LIMITS_KG, types=False),  # strings, dicts: EDGE_CASES
        st.tuples(st.just(50.0), st.sampled_from((10.0, 400.0, NAN, "x"))), st.lists(reals(0.5, 300), min_size=3, max_size=3))),
    ("simulate_population.age_y", "age_y", lambda v: _pop(age_y=v), bad_numbers(*AGE_LIMITS_Y, types=False)),
    ("simulate_population.female_fraction", "female_fraction", lambda v: _pop(female_fraction=v), bad_numbers(0.0, 1.0)),
    ("simulate_population.cyp2b6_poor_fraction", "cyp2b6_poor_fraction", lambda v: _pop(cyp2b6_poor_fraction=v),
     bad_numbers(0.0, 1.0)),
    ("simulate_population.hepatic_impairment", "hepatic_impairment", lambda v: _pop(hepatic_impairment=v),
     bad_choices(("none", "mild", "moderate"))),
    ("simulate_population.variability", "variability", lambda v: _pop(variability=v), bad_objects()),
    ("simulate_population.variability_scale", "variability_scale", lambda v: _pop(variability_scale=v), bad_numbers(0.0, 5.0)),
    ("simulate_population.end_h", "end_h", lambda v: _pop(end_h=v), bad_numbers(0.0, MAX_END_H, low_open=True, none_ok=True)),
    ("simulate_population.step_min", "step_min", lambda v: _pop(step_min=v), bad_numbers(0.01, 24.0 * 60)),
    ("simulate_population.outputs", "outputs", lambda v: _pop(outputs=v),
     st.one_of(st.just(()), st.text(max_size=6), st.lists(st.text(max_size=6).filter(lambda s: s not in OUTPUTS), min_size=1,
                                                          max_size=2))),
    ("simulate_population.dtype", "dtype", lambda v: _pop(dtype=v), bad_choices(("float64", "float32"))),
    ("simulate_population.chunk", "chunk", lambda v: _pop(chunk=v), bad_integers(1, 100_000)),
    ("draw_population.n", "n", lambda v: draw_population(v, 0, variability=variability_for("clements_1981")),
     bad_integers(1, 100_000)),
    ("draw_population.variability", "variability", lambda v: draw_population(2, 0, variability=v), bad_objects(none_ok=False)),
    ("PopulationResult.percentiles.name", "name", lambda v: POPULATION.percentiles(v),
     bad_strings(DEFAULT_OUTPUTS) | st.integers() | st.none()),  # unhashable types: EDGE_CASES
    ("PopulationResult.percentiles.q", "q", lambda v: POPULATION.percentiles("occupancy", v),
     st.one_of(st.just([]), st.sampled_from((-1.0, 101.0, NAN, "50", [[5, 95]])), st.floats(min_value=100, exclude_min=True))),
    ("PopulationResult.patient.i", "i", lambda v: POPULATION.patient(v), bad_integers(0, 2)),
    ("PopulationResult.patient_summary.i", "i", lambda v: POPULATION.patient_summary(v), bad_integers(0, 2)),
    ("pk.derived.pk_set", "pk_set", lambda v: pk.derived(v), bad_objects(none_ok=False)),
    ("pk.derived.weight_kg", "weight_kg", lambda v: pk.derived(literature.get("clements_1981"), v),
     bad_numbers(*WEIGHT_LIMITS_KG)),
    ("pk.model_for.pk_set", "pk_set", lambda v: pk.model_for(v, sim.Patient()), bad_objects(none_ok=False)),
    ("pk.model_for.patient", "patient", lambda v: pk.model_for(literature.get("clements_1981"), v), bad_objects(none_ok=False)),
    ("pk.model_for.routes", "route", lambda v: pk.model_for(literature.get("domino_1984"), sim.Patient(), v),
     st.sampled_from((("oral",), ("intranasal", "iv"), ("rectal",)))),
    ("literature.get", "pk_set", lambda v: literature.get(v), bad_choices(SET_NAMES)),
    ("literature.default_for", "drug", lambda v: literature.default_for(v), bad_choices(dosing.DRUGS)),
    ("units.convert_concentration.values", "values", lambda v: units.convert_concentration(v, "uM"),
     st.one_of(st.sampled_from((NAN, INF, -INF, True, "1", {"v": 1}, [[1.0], [1.0, 2.0]])),
               st.floats(max_value=0.0, exclude_max=True, allow_nan=False),
               st.lists(st.sampled_from((NAN, -1.0, INF)), min_size=1, max_size=3).map(lambda v: [1.0, *v]))),
    ("units.convert_concentration.unit", "unit", lambda v: units.convert_concentration(1.0, v), bad_choices(UNITS)),
    ("units.convert_concentration.species", "species", lambda v: units.convert_concentration(1.0, "uM", v),
     bad_choices(tuple(units.MOLAR_MASS_G_PER_MOL))),
    ("units.to_mg_per_l.values", "values", lambda v: units.to_mg_per_l(v, "ng/mL"),
     st.one_of(st.sampled_from((NAN, INF, -INF, "1", None, [-1.0, 2.0])), st.floats(max_value=0.0, exclude_max=True))),
    ("units.to_mg_per_l.unit", "unit", lambda v: units.to_mg_per_l(1.0, v), bad_choices(UNITS)),
    ("scenarios.get", "name", lambda v: scenarios.get(v), bad_choices(tuple(scenarios.SCENARIOS))),
    ("scenarios.preset", "name", lambda v: scenarios.preset(v), bad_choices(tuple(scenarios.SCENARIOS))),
    ("scenarios.custom.sessions_per_week", "sessions_per_week", lambda v: scenarios.custom(v, 2), bad_integers(1, 7)),
    ("scenarios.custom.weeks", "weeks", lambda v: scenarios.custom(2, v), bad_integers(1, 52)),
    ("scenarios.custom.dose_mg_per_kg", "dose_mg_per_kg", lambda v: scenarios.custom(2, 2, v),
     bad_numbers(0.0, 5.0, low_open=True)),
    ("scenarios.custom.route", "route", lambda v: scenarios.custom(2, 2, route=v), bad_choices(tuple(dosing.EVENT_KINDS))),
    ("Scenario.options", "options", lambda v: scenarios.Scenario("x", "y", sim.Regimen((BOLUS,)), "z", options=v),
     st.one_of(st.lists(st.integers(), max_size=2), st.integers(), st.text(max_size=2), st.just({1: 2}))),
    ("Scenario.regimen", "regimen", lambda v: scenarios.Scenario("x", "y", v, "z"), bad_objects(none_ok=False)),
    ("Scenario.name", "name", lambda v: scenarios.Scenario(v, "y", sim.Regimen((BOLUS,)), "z"),
     st.one_of(st.sampled_from(("", "  ", None)), st.integers())),
    ("concentration_figure.result", "result", lambda v: plotting.concentration_figure(v), bad_objects(none_ok=False)),
    ("concentration_figure.unit", "unit", lambda v: plotting.concentration_figure(RESULT, v), bad_choices(UNITS)),
    ("ConcentrationFigure.unit", "unit", lambda v: plotting.ConcentrationFigure(v), bad_choices(UNITS)),
    ("ConcentrationFigure.figsize", "figsize", lambda v: plotting.ConcentrationFigure(figsize=v),
     st.one_of(st.tuples(bad_numbers(0.0, 50.0, low_open=True), st.just(4.0)), st.just((4.0,)), st.just("8x4"), st.none())),
    ("ConcentrationFigure.update", "result", lambda v: plotting.ConcentrationFigure().update(v), st.just(POPULATION)),
    ("occupancy_figure.result", "result", lambda v: plotting.occupancy_figure(v),
     bad_objects(none_ok=False) | st.just(POPULATION)),
    ("occupancy_figure.unit", "unit", lambda v: plotting.occupancy_figure(RESULT, v), bad_choices(UNITS)),
    ("occupancy_figure.bands", "bands", lambda v: plotting.occupancy_figure(RESULT, bands=v), bad_flags()),
    ("occupancy_curve_figure.curves", "curves", lambda v: plotting.occupancy_curve_figure(v),
     bad_objects(none_ok=False) | st.just(RESULT)),
    ("occupancy_curves.concentration_ng_per_ml", "concentration_ng_per_ml", lambda v: receptor.occupancy_curves(v),
     bad_numbers(1.0, 1e5)),
    ("occupancy_curves.ligand", "ligand", lambda v: receptor.occupancy_curves(180.0, v), bad_choices(plotting.LIGAND_NAMES)),
    ("occupancy_curves.assumptions", "assumptions", lambda v: receptor.occupancy_curves(assumptions=v), bad_objects()),
    ("occupancy_curves.ligands", "ligands", lambda v: receptor.occupancy_curves(ligands=v),
     st.one_of(st.just(()), st.just("ketamine"), st.integers(),
               st.lists(bad_choices(plotting.LIGAND_NAMES), min_size=1, max_size=2).map(tuple),
               st.just(("ketamine", "ketamine")))),
    ("sets_figure.results", "results", lambda v: plotting.sets_figure(v),
     st.one_of(st.just({}), st.just([RESULT]), st.just({"k": CHANNEL}), st.just({1: RESULT}), bad_objects(none_ok=False))),
    ("simulate_sets.pk_sets", "pk_sets", lambda v: sim.pipeline.simulate_sets(BOLUS, pk_sets=v),
     st.one_of(st.just([]), st.just(["kamp_2020", "kamp_2020"]), st.just("kamp_2020"), st.integers(),
               st.lists(bad_choices(tuple(literature.names())), min_size=1, max_size=2))),
    ("channel_block_figure.results", "results", lambda v: plotting.channel_block_figure(v),
     st.one_of(st.just({}), st.just([CHANNEL]), st.just({"k": RESULT}), st.just({1: CHANNEL}), st.none())),
    ("channel_block_figure.control", "control", lambda v: plotting.channel_block_figure({"k": CHANNEL}, v),
     bad_objects() | st.just(RESULT)),
    ("full_chain_figure.result", "result", lambda v: plotting.full_chain_figure(v), bad_objects(none_ok=False)),
    ("full_chain_figure.comparator", "comparator", lambda v: plotting.full_chain_figure(RESULT, v),
     st.one_of(st.just(RESULT), st.integers(), st.text(max_size=2))),
    ("full_chain_figure.unit", "unit", lambda v: plotting.full_chain_figure(RESULT, unit=v), bad_choices(UNITS)),
    ("FullChainFigure.days", "days", lambda v: plotting.FullChainFigure(days=v), bad_flags()),
    ("FullChainFigure.update", "comparator", lambda v: plotting.FullChainFigure().update(RESULT, v), st.just(CHANNEL)),
    ("population_figure.population", "population", lambda v: plotting.population_figure(v),
     bad_objects(none_ok=False) | st.just(RESULT)),
    ("population_figure.outputs", "population", lambda v: plotting.population_figure(
        _pop(outputs=v)), st.lists(st.sampled_from(("plasma_ketamine", "occupancy")), min_size=1, max_size=2, unique=True)),
    ("population_figure.patient", "patient", lambda v: plotting.population_figure(POPULATION, v),
     st.one_of(st.just(RESULT), st.just(POPULATION), st.integers())),
    ("population_figure.days", "days", lambda v: plotting.population_figure(POPULATION, days=v), bad_flags()),
    ("schedule_figure.table", "table", lambda v: plotting.schedule_figure(v),
     st.one_of(st.just({}), st.just({"a": {}}), st.just({"a": [1, 2]}), st.lists(st.integers(), max_size=2), st.none())),
    ("ConcentrationExplorer.dose_mg_per_kg", "dose_mg_per_kg", lambda v: ConcentrationExplorer(dose_mg_per_kg=v),
     bad_numbers(*explorer.DOSE_RANGE_MG_PER_KG[:2])),
    ("ConcentrationExplorer.duration_min", "duration_min", lambda v: ConcentrationExplorer(duration_min=v),
     bad_numbers(*explorer.DURATION_RANGE_MIN[:2])),
    ("ConcentrationExplorer.weight_kg", "weight_kg", lambda v: ConcentrationExplorer(weight_kg=v),
     bad_numbers(*explorer.WEIGHT_RANGE_KG[:2])),
    ("ConcentrationExplorer.end_h", "end_h", lambda v: ConcentrationExplorer(end_h=v),
     bad_numbers(0.0, MAX_END_H, low_open=True)),
    ("ChainExplorer.dose_mg_per_kg", "dose_mg_per_kg", lambda v: ChainExplorer(dose_mg_per_kg=v),
     bad_numbers(*explorer.DOSE_RANGE_MG_PER_KG[:2])),
    ("ChainExplorer.sessions", "sessions", lambda v: ChainExplorer(sessions=v), bad_integers(*explorer.SESSIONS_RANGE[:2])),
    ("ChainExplorer.interval_days", "interval_days", lambda v: ChainExplorer(interval_days=v),
     bad_numbers(*explorer.INTERVAL_RANGE_DAYS[:2])),
    ("Explorer.controls", "controls", lambda v: Explorer(v),
     st.one_of(st.just([]), st.lists(st.integers(), min_size=1, max_size=2), st.integers(), st.none())),
]  # fmt: skip


@pytest.mark.parametrize(("field", "call", "bad"), [pytest.param(*c[1:], id=c[0]) for c in INVALID])
@fuzz(15)
@given(data=st.data())
def test_invalid_inputs_raise_naming_the_field(field, call, bad, data):
    value = data.draw(bad, label=field)
    with pytest.raises((ValueError, TypeError)) as caught:
        call(value)
    assert field in str(caught.value), f"{type(caught.value).__name__}: {caught.value}"


def test_every_public_callable_has_invalid_cases():
    """The table above covers each public constructor and function named in the fuzzing brief."""
    covered = {case[0].split(".")[0] for case in INVALID}
    expected = {
        "Bolus", "Infusion", "Intranasal", "Oral", "Intramuscular", "Sublingual", "Regimen", "Patient", "RandomEffects",
        "simulate", "Result", "ReceptorAssumptions", "PlasticityModel", "run_plasticity", "symptom_summary",
        "conventional_antidepressant", "equilibrium_occupancy", "total_occupancy", "occupancy_curve", "channel_block",
        "steady_state_block", "simulate_population", "draw_population", "PopulationResult", "pk", "literature", "units",
        "scenarios", "Scenario", "concentration_figure", "ConcentrationFigure", "occupancy_figure", "occupancy_curve_figure",
        "channel_block_figure", "full_chain_figure", "FullChainFigure", "population_figure", "schedule_figure",
        "ConcentrationExplorer", "ChainExplorer", "Explorer",
    }  # fmt: skip
    assert expected <= covered, expected - covered


# ------------------------------------------------------------------------------------------ edge cases that crashed before


def test_two_point_grid_gives_occupancy():
    result = sim.simulate(sim.Bolus(dose_mg=10), time_h=[0, 100])
    occupancy = result.occupancy
    assert occupancy.shape == (2,) and occupancy[0] == 0.0 and 0.0 < occupancy[1] < 1e-3  # effect site empty at 0
    assert result.summary(significant=None)["occupancy"]["peak"] == occupancy[1]


@pytest.mark.parametrize("duration_min", [0.001, 5e-324, 0.0999999])
def test_infusion_shorter_than_the_floor_is_rejected(duration_min):
    with pytest.raises(ValueError, match=r"duration_min must be in \[0.1, "):
        sim.Infusion(dose_mg=10, duration_min=duration_min)


def test_infusion_rate_beyond_the_dose_cap_is_rejected():
    with pytest.raises(ValueError, match="rate_mg_per_h"):
        sim.Infusion(rate_mg_per_h=1e6, duration_min=300)
    with pytest.raises(ValueError, match="MAX_DOSE_MG"):  # each rate allowed, but 4000 mg/h for 5 h is 20 000 mg
        sim.Infusion(rate_mg_per_h=4000, duration_min=300)
    with pytest.raises(ValueError, match="MAX_DOSE_MG_PER_KG"):
        sim.Infusion(rate_mg_per_kg_per_h=40, duration_min=300)


def test_dose_per_kg_beyond_the_dose_cap_is_rejected():
    with pytest.raises(ValueError, match="MAX_DOSE_MG"):
        sim.simulate(sim.Bolus(dose_mg_per_kg=40), sim.Patient(weight_kg=200))
    with pytest.raises(ValueError, match="MAX_DOSE_MG"):
        sim.simulate_population(sim.Bolus(dose_mg_per_kg=40), n=3, weight_kg=200.0, end_h=1, step_min=30)


def test_too_many_output_times_are_rejected_before_solving():
    with pytest.raises(ValueError, match="time_h has 2000001 points; the limit is 2000000"):
        sim.simulate(sim.Bolus(dose_mg=10), time_h=np.linspace(0, 1, 2_000_001))
    with pytest.raises(ValueError, match="end_h / step_min gives"):
        sim.simulate(sim.Bolus(dose_mg=10), end_h=24 * 365, step_min=0.01)


def test_population_beyond_the_memory_budget_is_rejected_before_allocating():
    regimen = sim.Regimen((sim.Infusion(dose_mg_per_kg=0.5, duration_min=40),))
    with pytest.raises(ValueError, match=r"n=100000 patients x \d+ times x 5 outputs needs (about )?[\d.]+ GiB") as caught:
        sim.simulate_population(regimen, n=100000, end_h=8760)
    assert f"{MEMORY_BUDGET_BYTES / 1024**3:.0f} GiB" in str(caught.value)


def test_channel_block_with_too_many_points_is_rejected():
    with pytest.raises(ValueError, match="output points; the limit is"):
        receptor.channel_block(step_s=1e-5, end_s=3600)


def test_unknown_drug_has_no_default_set():
    with pytest.raises(ValueError, match=r"drug must be one of \['racemic', 'esketamine'\], got 'arketamine'"):
        literature.default_for("arketamine")


def test_explorer_values_outside_a_slider_raise_instead_of_clamping():
    with pytest.raises(ValueError, match=r"dose_mg_per_kg must be in \[0.05, 2\], got 2.5"):
        ConcentrationExplorer(dose_mg_per_kg=2.5)
    with pytest.raises(ValueError, match=r"sessions must be in \[1, 12\], got 13"):
        ChainExplorer(sessions=13)
    with pytest.raises(ValueError, match=r"interval_days must be in \[1, 14\], got 0.5"):
        ChainExplorer(interval_days=0.5)


def test_concentrations_must_be_finite_and_nonnegative():
    with pytest.raises(ValueError, match="values_mg_per_l must be finite and >= 0"):
        units.convert_concentration(np.array([1.0, -1e-300]), "ng/mL")
    with pytest.raises(ValueError, match="values must be finite and >= 0"):
        units.to_mg_per_l([1.0, np.nan], "uM")
    assert units.convert_concentration(0.5, "ng/mL") == 500.0  # a scalar in, a float out


# ------------------------------------------------------------------------------------------ known bugs outside this file's scope


def _sums_to_one(r) -> bool:
    return bool(np.allclose(r.closed + r.open + r.open_blocked + r.trapped, 1.0))


def _finite_fractions(occupancy) -> bool:
    values = np.concatenate([np.ravel(v) for v in occupancy.values()])
    return bool(np.all(np.isfinite(values)) and np.all((values >= 0) & (values <= 1)))


#: name -> (call, field a clear error must name, check of the output if the fix is to compute it instead, or None)
EDGE_CASES = {
    # _validate.check_number / check_nonnegative: float() of a huge int raises OverflowError, not ValueError
    "huge int weight": (lambda: sim.Patient(weight_kg=10**400), "weight_kg", None),
    "huge int concentration": (lambda: units.convert_concentration(10**400, "uM"), "values_mg_per_l", None),
    # PlasticityModel accepts time constants down to 5e-324 h; 1 / 5e-324 is inf and the chain's eigen-solve fails
    "denormal drive time": (
        lambda: sim.simulate(BOLUS, end_h=2, plasticity=sim.PlasticityModel(drive_time_h=5e-324)).plasticity_index,
        "drive_time_h",
        lambda index: bool(np.all(np.isfinite(index)) and np.all(index >= 0)),
    ),
    # receptor.equilibrium_occupancy accepts any finite concentration; C / K overflows to inf and the occupancy is NaN
    "huge concentration": (lambda: receptor.equilibrium_occupancy({"mk801": np.array([1.7e308, 1.0])}), "concentration",
                           _finite_fractions),
    # receptor.equilibrium_occupancy turns a string concentration into a number
    "string concentration": (lambda: receptor.equilibrium_occupancy({"ketamine": "1"}), "concentration", None),
    # receptor.channel_block accepts closing_per_s down to 5e-324; the fractions then sum to 0, not 1
    "denormal closing rate": (
        lambda: receptor.channel_block("ketamine", 0.0, pulse_times_s=[0], end_s=1.0, step_s=0.01,
                                       gating={"opening_per_s": 1e5, "closing_per_s": 1e-300}),
        "closing_per_s",
        _sums_to_one,
    ),
    # receptor.channel_block: a string start gives numpy's "could not convert string to float"
    "string start": (lambda: receptor.channel_block(start="abcd"), "start", None),
    # receptor.occupancy_curve: a list as ligand gives "unhashable type: 'list'"
    "list ligand": (lambda: receptor.occupancy_curve(["ketamine"], [1.0]), "ligand", None),
    # receptor.occupancy_curve: a string of concentrations gives numpy's "could not convert string to float"
    "string concentrations": (lambda: receptor.occupancy_curve("ketamine", "abc"), "concentration", None),
    # population._covariate: a string, bytes or bool is converted silently ("70" -> 70 kg, True -> 1 y);
    # a dict gives numpy's message
    "string population weight": (lambda: _pop(weight_kg="70"), "weight_kg", None),
    "bool population age": (lambda: _pop(age_y=True), "age_y", None),
    "dict population age": (lambda: _pop(age_y={"a": 1}), "age_y", None),
    # pipeline.Result.auc: round-off in the integrals (-1.6e-57 here) reaches convert_concentration, which rejects it
    "auc round-off": (
        lambda: sim.simulate(sim.Bolus(dose_mg_per_kg=1.0, drug="esketamine"), sim.Patient(weight_kg=0.5, age_y=0),
                             time_h=[0.0, 1.1754943508222875e-38]).auc("norketamine"),
        "never",
        lambda auc: bool(np.all(auc >= 0)),
    ),
    # pipeline: a denormal dose (5e-324 mg/kg) makes the round-off tolerance 0 and the solver's -5e-324 a RuntimeError
    "denormal dose": (
        lambda: sim.simulate(sim.Bolus(dose_mg_per_kg=5e-324), sim.Patient(weight_kg=1.0), end_h=1.0).plasma(),
        "dose_mg_per_kg",
        lambda c: bool(np.all(c >= 0)),
    ),
    # plasticity.run_plasticity: the toy index goes slightly negative (-4.3e-18) by round-off; concentrations are cleaned of it
    "chain round-off": (
        lambda: sim.simulate(sim.Bolus(dose_mg_per_kg=1.0), sim.Patient(weight_kg=0.5, age_y=0), end_h=1.0,
                             step_min=0.03125).plasticity_index,
        "never",
        lambda index: bool(np.all(index >= 0)),
    ),
    # receptor.steady_state_block: lstsq on an ill-conditioned generator; blocked is K / (1 + K) = 0.4054 here
    "tiny open probability": (lambda: receptor.steady_state_block("ketamine", 1.0, 1e-20), "open_probability",
                              lambda block: abs(block - 0.4054054) < 1e-6),
    "open probability near 1": (lambda: receptor.steady_state_block("ketamine", 1.0, 1 - 1e-16), "open_probability",
                                lambda block: abs(block - 0.4054054) < 1e-6),
    # PopulationResult.percentiles: a list as name gives "unhashable type: 'list'"
    "list percentile name": (lambda: POPULATION.percentiles(["occupancy"]), "name", None),
    # issue 24 item 7: the remaining BAD (library messages) and SILENT (accepted) inputs of the fuzz run
    # receptor.compare_blockers: a step too coarse for the pulse interval left windows without samples: NaN transmission
    "coarse step for the pulses": (lambda: receptor.compare_blockers(("ketamine",), 0.5, 20.0, 1.0, 0.1).transmission(),
                                   "step_s", None),
    # ... and a last pulse within a step of the end left the last window empty: NaN on valid input
    "last pulse at the end": (lambda: receptor.compare_blockers(("ketamine", "memantine"), 0.5, 20.0, 1.37, 0.01).transmission(),
                              "never", lambda out: all(np.all(np.isfinite(v)) and v.size for v in out.values())),
    # acute: negative or NaN links and sensitivities, negative or NaN effect curves were accepted (clipped or NaN out)
    "negative acute link": (lambda: acute.acute_effects(np.array([[-1e-3, 0.0]]), "racemic", acute.AcuteModel()),
                            "links_mg_per_l", None),
    "NaN acute link": (lambda: acute.acute_effects(np.array([[NAN, 0.0, 0.0]]), "racemic", acute.AcuteModel()),
                       "links_mg_per_l", None),
    "negative acute sensitivity": (lambda: acute.acute_effects(np.ones((1, 2)), "racemic", acute.AcuteModel(), -1.0),
                                   "sensitivity", None),
    "NaN dissociation": (lambda: acute.hours_with_effects([0.0, 1.0], [0.2, NAN], [0.0, 0.0], acute.AcuteModel()),
                         "dissociation", None),
    "negative plasma in the acute summary": (lambda: acute.acute_summary([0.0, 1.0], [0.0], [0.0, 0.1], [0.0, 1.0],
                                                                         [0.0, -5.0], "racemic", acute.AcuteModel()),
                                             "plasma_ng_per_ml", None),
    # evidence and ParameterSet.check_patients: objects of the wrong kind gave AttributeError
    "observations of numbers": (lambda: evidence.against_literature([1]), "observations", None),
    "pk_sets as one string": (lambda: evidence.against_literature(pk_sets="clements_1981"), "pk_sets", None),
    "outcome checks of a number": (lambda: evidence.checks(5), "outcome_checks", None),
    "table rows of numbers": (lambda: evidence.table([1], []), "rows", None),
    "check_patients of numbers": (lambda: literature.get("clements_1981").check_patients([1]), "patients", None),
    # simulate(time_h=[0, True]): numpy read True as 1 h
    "boolean output time": (lambda: sim.simulate(BOLUS, time_h=[0, True]), "time_h", None),
    # export: a missing folder or a wrong kind of path gave matplotlib's or the file system's message
    "figure into a missing folder": (lambda: export.save_figure(plotting.full_chain_figure(RESULT), "/nonexistent-dir/x.png"),
                                     "path", None),
    "CSV into a missing folder": (lambda: export.write_csv(RESULT, "/nonexistent-dir/x.csv"), "path", None),
    "CSV to a number": (lambda: export.write_csv(RESULT, 5), "path", None),
    "export name with a dot": (lambda: export.unique_name("ketamine-sim", ".png"), "suffix", None),
}  # fmt: skip


def test_exports_of_many_kernels_never_share_a_name():
    """Names carry the process id and a random tag: two kernels (or two clicks in one second) never collide."""
    import os
    import subprocess
    import sys

    names = {export.unique_name("ketamine-sim-chain", "png") for _ in range(200)}
    code = "from simulator import export; print(export.unique_name('ketamine-sim-chain', 'png'))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert len(names) == 200 and other not in names
    assert all(f"-p{os.getpid()}-" in n and n.endswith(".png") for n in names) and f"-p{os.getpid()}-" not in other


def test_explorer_exports_in_one_second_keep_both_files_and_say_where(tmp_path):
    explorer = ConcentrationExplorer()
    first, second = explorer.export("csv", tmp_path), explorer.export("csv", tmp_path)  # the same second, same draws
    assert first != second and first.exists() and second.exists()
    assert str(second.resolve()) in html.unescape(explorer.downloads.value)  # the panel says where the file went


def test_cli_figure_refuses_its_output_path_before_simulating(tmp_path, monkeypatch, capsys):
    """A missing or unwritable folder is said at once (exit 2), before the seconds of simulating and drawing."""
    from simulator import cli, pipeline

    def never(*args, **kwargs):
        raise AssertionError("simulated before the output path was checked")

    monkeypatch.setattr(pipeline, "simulate", never)
    for out in (tmp_path / "missing" / "x.png", tmp_path / "x.gif", tmp_path):
        assert cli.main(["figure", "--scenario", "oral-dose", "--out", str(out)]) == 2
        assert "--out" in capsys.readouterr().err
    csv = ["--csv", str(tmp_path / "no" / "x.csv")]
    assert cli.main(["figure", "--scenario", "oral-dose", "--out", str(tmp_path / "x.png"), *csv]) == 2
    assert "--csv" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_found_by_fuzzing(name):
    """Each either raises a clear ValueError/TypeError naming the field, or returns a sane result."""
    call, field, check = EDGE_CASES[name]
    try:
        out = call()
    except (ValueError, TypeError) as error:  # fixed if the error is clear (LinAlgError is a ValueError too)
        assert field in str(error) and not isinstance(error, np.linalg.LinAlgError), str(error)
    else:
        assert check is not None and check(out), out


@settings(max_examples=200, deadline=None)
@given(value=st.integers(min_value=-(10**7), max_value=10**7), option=st.sampled_from(["port", "cull", "students"]))
def test_launcher_integer_arguments_are_kept_in_range_or_refused_naming_the_field_value_and_range(value, option):
    import argparse

    from simulator import classroom, cli

    name, (low, high) = {
        "port": ("--port", cli.PORT_RANGE),
        "cull": ("--cull-idle-s", classroom.CULL_IDLE_RANGE_S),
        "students": ("--max-students", classroom.MAX_STUDENTS_RANGE),
    }[option]
    parse = cli._ranged(name, low, high)
    if low <= value <= high:
        assert parse(str(value)) == value
    else:
        with pytest.raises(argparse.ArgumentTypeError) as error:
            parse(str(value))
        assert name in str(error.value) and f"got {value}" in str(error.value) and f"[{low}, {high}]" in str(error.value)
