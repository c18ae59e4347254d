"""NMDA receptor occupancy and channel-block kinetics: invariants, published facts, switches, kinetics."""

import itertools
import math

import numpy as np
import pytest

import simulator as sim
from simulator import receptor, scenarios
from simulator.literature import receptor_data
from simulator.receptor import ReceptorAssumptions, channel_block, equilibrium_occupancy, occupancy_curve, steady_state_block

SINGLE = sorted(receptor.LIGANDS)
ASSUMPTION_GRID = [
    ReceptorAssumptions(measure=m, magnesium=mg, subtype=st, voltage_mv=v)
    for m, mg, st, v in itertools.product(("Ki", "IC50"), (False, True), ("GluN2A/2B", "GluN2C/2D"), (-90.0, -70.0, -30.0))
]


# --------------------------------------------------------------------------- equilibrium invariants
def test_bounded_and_total_never_above_one_for_any_mix():
    rng = np.random.default_rng(7)
    for _ in range(300):
        chosen = rng.choice(SINGLE, size=rng.integers(1, len(SINGLE) + 1), replace=False)
        mix = {str(name): float(10 ** rng.uniform(-4, 4)) for name in chosen}
        a = ASSUMPTION_GRID[rng.integers(len(ASSUMPTION_GRID))]
        occ = equilibrium_occupancy(mix, assumptions=a)
        assert all(0.0 <= occ[name] <= 1.0 for name in mix)
        assert 0.0 <= occ["total"] <= 1.0
        assert occ["total"] == pytest.approx(sum(occ[name] for name in mix), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("ligand", SINGLE)
def test_one_ligand_at_its_affinity_gives_half(ligand):
    for a in ASSUMPTION_GRID:
        k, _ = a.affinity_um(ligand)
        assert equilibrium_occupancy({ligand: k}, assumptions=a)[ligand] == pytest.approx(0.5, abs=1e-12)


def test_competitive_closed_form_two_ligands():
    a = ReceptorAssumptions()
    ks, _ = a.affinity_um("esketamine")
    kn, _ = a.affinity_um("esnorketamine")
    occ = equilibrium_occupancy({"esketamine": 0.4, "esnorketamine": 2.0}, assumptions=a)
    denominator = 1 + 0.4 / ks + 2.0 / kn
    assert occ["esketamine"] == pytest.approx((0.4 / ks) / denominator, rel=1e-12)
    assert occ["esnorketamine"] == pytest.approx((2.0 / kn) / denominator, rel=1e-12)


def test_monotone_in_each_concentration_and_competitor_never_raises_another():
    base = {"esketamine": 0.5, "arnorketamine": 3.0, "memantine": 0.7}
    grid = np.geomspace(1e-3, 1e3, 60)
    for a in (ReceptorAssumptions(), ReceptorAssumptions(measure="IC50", magnesium=True)):
        for ligand in base:
            occ = equilibrium_occupancy({**base, ligand: grid}, assumptions=a)
            assert np.all(np.diff(occ[ligand]) > 0)
            assert np.all(np.diff(occ["total"]) > 0)
            for other in base:
                if other != ligand:
                    assert np.all(np.diff(occ[other]) < 0)  # more competitor: less of the others


def test_racemate_is_two_enantiomers_at_half_concentration():
    for a in ASSUMPTION_GRID:
        racemic = equilibrium_occupancy({"ketamine": 1.3, "norketamine": 0.6}, assumptions=a)
        split = equilibrium_occupancy(
            {"esketamine": 0.65, "arketamine": 0.65, "esnorketamine": 0.3, "arnorketamine": 0.3}, assumptions=a
        )
        assert racemic["total"] == pytest.approx(split["total"], rel=1e-12)
        assert racemic["ketamine"] == pytest.approx(split["esketamine"] + split["arketamine"], rel=1e-12)


# --------------------------------------------------------------------------- published facts
@pytest.mark.parametrize("measure", ["Ki", "IC50"])
def test_esketamine_three_to_six_times_more_potent_than_arketamine(measure):
    a = ReceptorAssumptions(measure=measure)
    ratio = a.affinity_um("arketamine")[0] / a.affinity_um("esketamine")[0]
    assert 3.0 <= ratio <= 6.0  # Ebert 1997: 0.3 vs 1.4 uM


def test_functional_racemic_ic50_is_reproduced_by_the_enantiomer_split():
    # 1/IC50_rac = 0.5/IC50_S + 0.5/IC50_R must give back Gilling 2009's 0.71 uM
    a = ReceptorAssumptions(measure="IC50")
    ks, kr = a.affinity_um("esketamine")[0], a.affinity_um("arketamine")[0]
    assert 1.0 / (0.5 / ks + 0.5 / kr) == pytest.approx(0.71, rel=1e-12)


@pytest.mark.parametrize("assumptions", ASSUMPTION_GRID[::3], ids=lambda a: f"{a.measure}-Mg{a.magnesium}-{a.voltage_mv:g}mV")
def test_hnk_2r6r_occupancy_negligible_at_any_level_the_pk_can_produce(assumptions):
    # HNK is a secondary metabolite; its plasma levels stay below ketamine's (Zarate 2012). Bound it by the
    # highest ketamine concentration of the antidepressant regimens the PK produces.
    highest = 0.0
    for name in ("standard-infusion", "six-infusions", "esketamine-twice-weekly"):
        regimen, patient, options = scenarios.get(name)
        highest = max(highest, float(sim.simulate(regimen, patient, **options).plasma("ketamine", "uM").max()))
    occ = equilibrium_occupancy({"hnk_2r6r": highest}, "uM", assumptions=assumptions, basis="plasma")
    assert occ["hnk_2r6r"] < 0.01


@pytest.mark.parametrize(
    "assumptions", ASSUMPTION_GRID, ids=lambda a: f"{a.measure}-Mg{a.magnesium}-{a.subtype}-{a.voltage_mv:g}mV"
)
def test_peak_occupancy_ordering_analgesic_antidepressant_anaesthetic(assumptions):
    peaks = []
    for name in ("analgesic-bolus", "standard-infusion", "anaesthetic-induction"):
        regimen, patient, options = scenarios.get(name)
        peaks.append(sim.simulate(regimen, patient, receptor=assumptions, **options).summary()["occupancy"]["peak"])
    assert peaks[0] < peaks[1] < peaks[2]


def test_switches_move_occupancy_in_the_published_direction():
    c = {"ketamine": 0.8}
    base = ReceptorAssumptions(measure="IC50")

    def at(**switches):
        assumptions = ReceptorAssumptions(**{"measure": "IC50", **switches})
        return equilibrium_occupancy(c, assumptions=assumptions, basis="plasma")["total"]

    reference = equilibrium_occupancy(c, assumptions=base, basis="plasma")["total"]
    assert at(magnesium=True) < reference  # Mg2+ competes with the blocker
    assert at(magnesium=True, subtype="GluN2C/2D") > at(magnesium=True)  # weaker Mg effect at 2C/2D
    assert at(voltage_mv=-30.0) < reference < at(voltage_mv=-90.0)  # block is voltage dependent
    assert at(unbound_fraction=1.0) > reference
    assert at(brain_partition=receptor.RAT_BRAIN_PLASMA_RATIO.value) > reference


def test_woodhull_factor_matches_the_formula():
    # IC50(V) = IC50(-70 mV) exp(delta F (V + 70 mV) / RT), delta 0.79, 37 C
    f_over_rt = 96485.33212 / (8.314462618 * 310.15) / 1000
    a = ReceptorAssumptions(measure="IC50", voltage_mv=-40.0)
    expected = receptor.ReceptorAssumptions(measure="IC50").affinity_um("esketamine")[0] * math.exp(0.79 * f_over_rt * 30)
    assert a.affinity_um("esketamine")[0] == pytest.approx(expected, rel=1e-12)


def test_result_occupancy_equals_hand_computation_from_effect_site():
    r = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=12)
    a = r.receptor
    ce_k = r.effect_site("ketamine", "uM") * a.unbound_fraction * a.brain_partition
    # the metabolite reaches the brain 1/5 as well as the parent (Spravato label: 4-6x lower brain:plasma ratio)
    ce_n = r.effect_site("norketamine", "uM") * a.unbound_fraction * a.brain_partition * a.metabolite_brain_ratio
    assert a.metabolite_brain_ratio == 0.2
    x = {
        "esketamine": ce_k / 2 / a.affinity_um("esketamine")[0],
        "arketamine": ce_k / 2 / a.affinity_um("arketamine")[0],
        "esnorketamine": ce_n / 2 / a.affinity_um("esnorketamine")[0],
        "arnorketamine": ce_n / 2 / a.affinity_um("arnorketamine")[0],
    }
    total = sum(x.values()) / (1 + sum(x.values()))
    np.testing.assert_allclose(r.occupancy, total, rtol=1e-9, atol=1e-15)
    by = r.occupancy_by_ligand()
    np.testing.assert_allclose(by["ketamine"], (x["esketamine"] + x["arketamine"]) / (1 + sum(x.values())), rtol=1e-9, atol=1e-15)


def test_esketamine_regimen_uses_s_enantiomers_only():
    r = sim.simulate(sim.Intranasal(dose_mg=56, drug="esketamine"), end_h=6)
    assert set(r.occupancy_by_ligand()) == {"esketamine", "esnorketamine", "total"}


def test_occupancy_curve_ec50_closed_form():
    a = ReceptorAssumptions()
    ks, kr = a.affinity_um("esketamine")[0], a.affinity_um("arketamine")[0]
    k_racemic_um = 1.0 / (0.5 / ks + 0.5 / kr)
    expected_ng_per_ml = k_racemic_um / a.unbound_fraction * 237.73
    occupancy, ec50 = occupancy_curve("ketamine", [10.0, 100.0, 1000.0], "ng/mL", assumptions=a)
    assert ec50 == pytest.approx(expected_ng_per_ml, rel=1e-9)
    assert np.all(np.diff(occupancy) > 0)


def test_occupancy_curves_are_the_occupancy_model_computed_directly():
    """The receptor figures' result object: each number equals occupancy_curve / equilibrium_occupancy called directly."""
    a = ReceptorAssumptions(measure="IC50", magnesium=True)
    ligands = ("esketamine", "ketamine", "memantine")
    curves = receptor.occupancy_curves(250.0, "norketamine", assumptions=a, ligands=ligands)
    grid = np.geomspace(1.0, 1e5, 300)
    np.testing.assert_array_equal(curves.concentrations_ng_per_ml, grid)
    assert curves.ligands == ligands and curves.ligand == "norketamine" and curves.assumptions == a
    assert curves.concentration_ng_per_ml == 250.0
    for name in ligands:
        occupancy, ec50 = occupancy_curve(name, grid, "ng/mL", assumptions=a)
        np.testing.assert_array_equal(curves.curves[name], occupancy)
        assert curves.ec50_ng_per_ml[name] == ec50
    assert set(curves.occupancy) == {*ligands, "norketamine"}
    for name in curves.occupancy:
        assert curves.occupancy[name] == equilibrium_occupancy({name: 250.0}, "ng/mL", assumptions=a, basis="plasma")["total"]
    spread = [
        equilibrium_occupancy({"norketamine": 250.0}, "ng/mL", assumptions=other, basis="plasma")["total"]
        for other in receptor.ASSUMPTION_SPREAD
    ]
    assert curves.spread == (min(spread), max(spread))
    assert curves.blocked == round(100 * curves.occupancy["norketamine"])
    # the same arguments give the same (cached) object, whose arrays and mappings cannot be changed
    assert receptor.occupancy_curves(250.0, "norketamine", assumptions=a, ligands=list(ligands)) is curves
    with pytest.raises(ValueError, match="read-only"):
        curves.curves["ketamine"][0] = 1.0
    with pytest.raises(TypeError):
        curves.occupancy["ketamine"] = 1.0
    defaults = receptor.occupancy_curves()
    assert defaults.ligands == receptor.CURVE_LIGANDS and defaults.ligand == "ketamine"
    assert defaults.assumptions == ReceptorAssumptions() and defaults.concentration_ng_per_ml == 180.0


@pytest.mark.parametrize("concentration", [1.0, 37.0, 180.0, 640.0, 3000.0, 1e5])
def test_blocked_count_of_occupancy_curves_is_the_rounded_occupancy(concentration):
    for ligand in ("ketamine", "esketamine", "memantine"):
        curves = receptor.occupancy_curves(concentration, ligand)
        occupancy = equilibrium_occupancy({ligand: concentration}, "ng/mL", basis="plasma")["total"]
        assert curves.blocked == round(100 * occupancy) and 0 <= curves.blocked <= 100


def test_occupancy_curves_reject_bad_arguments_naming_them():
    with pytest.raises(ValueError, match="concentration_ng_per_ml"):
        receptor.occupancy_curves(0.5)
    with pytest.raises(ValueError, match="ligand"):
        receptor.occupancy_curves(180.0, "caffeine")
    with pytest.raises(TypeError, match="assumptions"):
        receptor.occupancy_curves(assumptions={"measure": "Ki"})
    with pytest.raises(TypeError, match="ligands"):
        receptor.occupancy_curves(ligands="ketamine")
    with pytest.raises(ValueError, match="ligands"):
        receptor.occupancy_curves(ligands=("ketamine", "ketamine"))


# --------------------------------------------------------------------------- kinetics
@pytest.mark.parametrize("blocker", sorted(receptor_data.BLOCK_KINETICS))
@pytest.mark.parametrize("open_probability", [0.1, 0.39, 0.9])
def test_kinetic_equilibrium_limit_equals_analytic_occupancy(blocker, open_probability):
    kd = receptor_data.BLOCK_KINETICS[blocker].kd_um
    for c in (0.1 * kd, kd, 7.0 * kd):
        fraction = steady_state_block(blocker, c, open_probability)
        # the analytic single-ligand occupancy with K = koff/kon, n = 1
        assert fraction == pytest.approx(c / (kd + c), abs=1e-6)
        assert fraction == pytest.approx(c / kd / (1 + c / kd), abs=1e-6)


@pytest.mark.parametrize("blocker", ["ketamine", "memantine"])  # MK-801 takes hours: its steady state is tested above
def test_kinetic_model_under_continuous_glutamate_reaches_equilibrium(blocker):
    kd = receptor_data.BLOCK_KINETICS[blocker].kd_um
    res = channel_block(blocker, kd, pulse_times_s=[0.0], end_s=120.0, step_s=0.05, gating={"bound_s": 1e9})
    assert res.blocked[-1] == pytest.approx(0.5, abs=1e-6)


def test_states_conserve_channel_number_and_stay_bounded():
    for blocker in receptor_data.BLOCK_KINETICS:
        res = channel_block(blocker, 2.0, pulse_times_s=np.arange(0, 5, 0.1), end_s=8.0)
        total = res.closed + res.open + res.open_blocked + res.trapped
        np.testing.assert_allclose(total, 1.0, atol=1e-12)
        for x in (res.closed, res.open, res.open_blocked, res.trapped):
            assert x.min() >= -1e-12 and x.max() <= 1 + 1e-12


def test_block_builds_with_channel_use():
    pulses = np.arange(0.0, 30.0, 1.0)
    res = channel_block("ketamine", 1.0, pulse_times_s=pulses, end_s=31.0, step_s=0.01)
    after_each = [res.blocked[np.searchsorted(res.time_s, t + 0.9)] for t in pulses]
    assert np.all(np.diff(after_each) > 0)  # each activation adds block
    quiet = channel_block("ketamine", 1.0, pulse_times_s=[], end_s=31.0)
    assert quiet.blocked.max() == 0.0  # no opening, no block: use dependence


def _after_glutamate_leaves(blocker, c):
    # start from the steady state with glutamate bound, then let glutamate leave
    c = c * receptor_data.BLOCK_KINETICS[blocker].kd_um
    opening, closing = receptor.GATING["opening_per_s"].value, receptor.GATING["closing_per_s"].value
    p_open = opening / (opening + closing)
    fraction = steady_state_block(blocker, c, p_open)
    start = [(1 - fraction) * (1 - p_open), (1 - fraction) * p_open, fraction * p_open, fraction * (1 - p_open)]
    res = channel_block(blocker, c, pulse_times_s=[], end_s=30.0, step_s=0.01, start=start)
    return res.blocked[-1] / res.blocked[0]


def test_trapped_block_persists_without_glutamate_for_ketamine_and_mk801_but_not_memantine():
    kept = {b: _after_glutamate_leaves(b, 1.0) for b in receptor_data.BLOCK_KINETICS}
    assert kept["ketamine"] > 0.99
    assert kept["mk801"] > 0.999
    assert kept["memantine"] < kept["ketamine"] - 0.05  # partial untrapping (Gilling 2009)


def test_memantine_spares_normal_transmission_more_than_ketamine():
    pulses = list(np.arange(0.0, 120.0, 1.0))  # sparse synaptic activity, 1 Hz for 2 min
    control = channel_block("ketamine", 0.0, pulse_times_s=pulses, end_s=121.0, step_s=0.01)
    late = control.time_s > 100.0
    kept = {}
    for blocker in ("ketamine", "memantine"):
        kd = receptor_data.BLOCK_KINETICS[blocker].kd_um  # same equilibrium occupancy (50%) for both
        res = channel_block(blocker, kd, pulse_times_s=pulses, end_s=121.0, step_s=0.01)
        kept[blocker] = res.open[late].sum() / control.open[late].sum()
    assert kept["memantine"] > kept["ketamine"] + 0.1


# --------------------------------------------------------------------------- registry and bands
def _all_citations():
    for affinity in receptor_data.AFFINITIES.values():
        yield affinity.citation, affinity.unit, affinity.conditions
    for kinetics in receptor_data.BLOCK_KINETICS.values():
        yield kinetics.citation, "1/(M s), 1/s", kinetics.note
    for sourced in (*receptor_data.MAGNESIUM_FOLD.values(), receptor_data.VOLTAGE_DELTA, receptor_data.UNBOUND_FRACTION):
        yield sourced.citation, sourced.unit, sourced.note
    for band in receptor_data.BANDS:
        yield band.citation, "ng/mL", band.regimen


def test_every_published_value_carries_citation_units_and_source_table():
    count = 0
    for citation, unit, context in _all_citations():
        assert citation.doi or citation.pmid or citation.document, citation  # document: a drug label
        assert citation.table, citation
        assert unit and context
        count += 1
    assert count >= 25
    for key, affinity in receptor_data.AFFINITIES.items():
        assert key == (affinity.ligand, affinity.measure)
        assert affinity.unit in ("uM", "nM") and affinity.value > 0 and affinity.hill > 0


def test_bands_in_both_units_and_ordered():
    bands = {b.name: b for b in receptor.BANDS}
    low, high = bands["analgesic"].in_um()
    assert low == pytest.approx(70 / 237.73) and high == pytest.approx(160 / 237.73)
    assert bands["analgesic"].high_ng_per_ml < bands["anaesthetic"].low_ng_per_ml


# --------------------------------------------------------------------------- bad input
BAD = {
    "negative concentration": (lambda: equilibrium_occupancy({"esketamine": -1.0}), ValueError, "esketamine"),
    "NaN concentration": (lambda: equilibrium_occupancy({"esketamine": [0.1, math.nan]}), ValueError, "finite"),
    "unknown ligand": (lambda: equilibrium_occupancy({"pcp": 1.0}), ValueError, "ligand must be one of"),
    "empty": (lambda: equilibrium_occupancy({}), TypeError, "non-empty dict"),
    "bad unit": (lambda: equilibrium_occupancy({"esketamine": 1.0}, unit="M"), ValueError, "unit must be one of"),
    "bad basis": (lambda: equilibrium_occupancy({"esketamine": 1.0}, basis="brain"), ValueError, "basis"),
    "twice": (lambda: equilibrium_occupancy({"ketamine": 1.0, "esketamine": 1.0}), ValueError, "given twice"),
    "fu zero": (lambda: ReceptorAssumptions(unbound_fraction=0.0), ValueError, r"unbound_fraction must be in \(0, 1\]"),
    "fu above one": (lambda: ReceptorAssumptions(unbound_fraction=1.5), ValueError, "unbound_fraction"),
    "partition": (lambda: ReceptorAssumptions(brain_partition=-1), ValueError, "brain_partition"),
    "measure": (lambda: ReceptorAssumptions(measure="Kd"), ValueError, "measure must be one of"),
    "subtype": (lambda: ReceptorAssumptions(subtype="GluN3"), ValueError, "subtype must be one of"),
    "voltage": (lambda: ReceptorAssumptions(voltage_mv=20.0), ValueError, r"voltage_mv must be in \[-100, 0\]"),
    "magnesium type": (lambda: ReceptorAssumptions(magnesium="yes"), TypeError, "magnesium"),
    "assumptions type": (lambda: equilibrium_occupancy({"esketamine": 1.0}, assumptions={}), TypeError, "ReceptorAssumptions"),
    "simulate receptor type": (lambda: sim.simulate(sim.Bolus(dose_mg=10), receptor="Ki"), TypeError, "receptor"),
    "blocker": (lambda: channel_block("pcp", 1.0), ValueError, "blocker must be one of"),
    "blocker concentration": (lambda: channel_block("ketamine", -1.0), ValueError, "concentration_um"),
    "start": (lambda: channel_block("ketamine", 1.0, start=[1, 1, 0, 0]), ValueError, "start must be"),
    "pulse after end": (lambda: channel_block("ketamine", 1.0, pulse_times_s=[20], end_s=10), ValueError, "pulse_times_s"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_receptor_input_rejected(name):
    call, error, message = BAD[name]
    with pytest.raises(error, match=message):
        call()


def test_total_occupancy_equals_sum_of_ligands():
    mix = {"ketamine": np.geomspace(1e-3, 1e2, 50), "norketamine": np.geomspace(1e-2, 1e1, 50), "memantine": 0.4}
    for a in ASSUMPTION_GRID:
        full = equilibrium_occupancy(mix, assumptions=a)
        np.testing.assert_allclose(receptor.total_occupancy(mix, assumptions=a), full["total"], rtol=1e-12, atol=1e-15)
        single = sum(full[k] for k in ("esketamine", "arketamine", "esnorketamine", "arnorketamine", "memantine"))
        np.testing.assert_allclose(full["total"], single, rtol=1e-12, atol=1e-15)


def test_memantine_spares_late_transmission_at_equal_occupancy():
    import matplotlib

    matplotlib.use("Agg")
    from simulator import plotting

    comparison = receptor.compare_blockers()
    for name, c in comparison.concentrations_um.items():
        k = receptor.BLOCK_KINETICS[name]
        assert c / (c + k.kd_um) == pytest.approx(0.5)  # equal equilibrium occupancy
    late = {name: values[-10:].mean() for name, values in comparison.transmission().items()}
    assert late["memantine"] - late["ketamine"] >= 0.10  # partial untrapping spares transmission
    first = {name: values[0] for name, values in comparison.transmission().items()}
    assert all(first[name] > late[name] for name in ("ketamine", "memantine"))  # block accumulates over pulses
    control = comparison.runs["none"]
    ketamine = comparison.runs["ketamine"]
    late_open = control.time_s > control.time_s[-1] - 10.0
    assert control.open[late_open].max() - ketamine.open[late_open].max() > 0.1
    fig = plotting.trapping_figure(comparison)
    assert any(sim.DISCLAIMER in t.get_text() for t in fig.texts)
    with pytest.raises(ValueError, match="occupancy"):
        receptor.compare_blockers(occupancy=1.0)
    with pytest.raises(ValueError, match="distinct"):
        receptor.compare_blockers(("ketamine", "ketamine"))
    with pytest.raises(TypeError, match="blockers"):
        receptor.compare_blockers("ketamine")
    with pytest.raises(TypeError, match="BlockerComparison"):
        plotting.trapping_figure(ketamine)


def test_assumptions_describe_themselves_once_for_figures_and_exports():
    text = ReceptorAssumptions(measure="IC50", magnesium=True, voltage_mv=-50.0).describe()
    assert text.startswith("IC50, unbound fraction 0.55") and "Mg2+ 1 mM" in text and "-50 mV" in text
    result = sim.simulate(sim.Bolus(dose_mg=10), end_h=1.0, receptor=ReceptorAssumptions(magnesium=True))
    assert any(result.receptor.describe() in line for line in sim.export.provenance(result))
