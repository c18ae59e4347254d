"""simulator.pk on its own: the rate matrices, derived values and input schedules against the published parameters.

Teaching model: illustrative, not for dosing.

Each set's parent model is rebuilt here from the paper's values and units, independently of
``Compartmental.internal_units``. Curves (test_closed_forms.py), mass balance of simulations (test_invariants.py)
and batched ``build_system`` (test_population.py) are checked elsewhere and not repeated.
"""

import math

import numpy as np
import pytest

import simulator as sim
from simulator import literature
from simulator.dosing import Input
from simulator.literature.chemistry import MOLAR_MASS_G_PER_MOL
from simulator.literature.covariates import CYP2B6_POOR_CLEARANCE, FEMALE_CLEARANCE, HEPATIC_EXTRACTION
from simulator.pk import Disposition, Pathway, PKModel, build_system, derived, disposition, input_schedule, model_for

NAMES = literature.names()
FACTOR = {"L/h": 1 / 60, "1/h": 1 / 60, "L": 1.0, "L/kg": 1.0, "1/min": 1.0}
MOLAR_RATIO = MOLAR_MASS_G_PER_MOL["norketamine"] / MOLAR_MASS_G_PER_MOL["ketamine"]


def published(pset, weight):
    """(volumes L, matrix of d(amount)/dt 1/min, elimination 1/min per compartment) written from the paper's values."""
    part = pset.parent
    v = {k: x * FACTOR[part.units[k]] * (weight if part.units[k].endswith("/kg") else 1.0) for k, x in part.values.items()}
    ratio = weight / part.reference_weight_kg
    vol, flow = {"allometric": (ratio, ratio**part.exponent), "linear": (ratio, ratio)}.get(part.scaling, (1.0, 1.0))
    if "k10" in v:  # micro-constants: k1j and kj1 directly
        n = 1 + sum(f"k1{j}" in v for j in (2, 3))
        k = {(0, j): v[f"k1{j + 1}"] for j in range(1, n)} | {(j, 0): v[f"k{j + 1}1"] for j in range(1, n)}
        volumes = [v["V1"]] + [v["V1"] * k[0, j] / k[j, 0] for j in range(1, n)]
        elimination = [v["k10"]] + [0.0] * (n - 1)
    else:  # clearances: k1j = Qj/V1, kj1 = Qj/Vj; the hepato-portal compartment (Vh, Qh) last
        names = [(f"V{j}", f"Q{j}") for j in (2, 3) if f"V{j}" in v] + ([("Vh", "Qh")] if "Vh" in v else [])
        volumes = [v["V1"] * vol] + [v[vn] * vol for vn, _ in names]
        n = len(volumes)
        k = {(0, j): v[qn] * flow / volumes[0] for j, (_, qn) in enumerate(names, 1)}
        k |= {(j, 0): v[qn] * flow / volumes[j] for j, (_, qn) in enumerate(names, 1)}
        elimination = [v.get("CL", 0.0) * flow / volumes[0]] + [0.0] * (n - 1)
        if "Vh" in v:
            elimination[-1] = v["kel"] + v["kmet"]
    m = np.diag(-np.array(elimination))
    for (i, j), rate in k.items():  # rate from compartment i to j
        m[j, i] += rate
        m[i, i] -= rate
    return np.array(volumes), m, np.array(elimination)


@pytest.mark.parametrize("weight", [55.0, 70.0, 130.0])
@pytest.mark.parametrize("name", NAMES)
def test_rate_matrix_is_the_published_model_and_conserves_mass(name, weight):
    volumes, m, elimination = published(literature.get(name), weight)
    d = disposition(literature.get(name).parent, weight)
    np.testing.assert_allclose(d.volumes_l, volumes, rtol=1e-13)
    np.testing.assert_allclose(d.rate_matrix(), m, rtol=1e-13, atol=1e-16)
    # what leaves a compartment goes to another or is eliminated: each column sums to minus its elimination
    np.testing.assert_allclose(d.rate_matrix().sum(axis=0), -elimination, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(d.elimination_per_min, elimination, rtol=1e-13)


@pytest.mark.parametrize("name", NAMES)
def test_derived_values_are_the_closed_forms_of_the_published_model(name):
    weight = 62.0
    volumes, m, _ = published(literature.get(name), weight)
    d = derived(literature.get(name), weight)
    rates = np.sort(-np.linalg.eigvals(m).real)  # disposition rate constants, 1/min
    assert d["half_lives_h"] == pytest.approx(tuple(math.log(2) / rates[::-1] / 60), rel=1e-10)
    assert d["terminal_half_life_h"] == pytest.approx(math.log(2) / rates[0] / 60, rel=1e-10)
    # after a unit dose into the central compartment: AUC (mg min/L) = (-M^-1 e1)_1 / V1, AUMC = (M^-2 e1)_1 / V1
    e1 = np.eye(len(volumes))[:, 0]
    auc = np.linalg.solve(-m, e1)[0] / volumes[0]
    aumc = np.linalg.solve(m, np.linalg.solve(m, e1))[0] / volumes[0]
    assert d["clearance_l_per_h"] == pytest.approx(60.0 / auc, rel=1e-10)
    assert d["vss_l"] == pytest.approx(volumes.sum(), rel=1e-12)  # documented: the sum of all compartment volumes
    if "Vh" not in literature.get(name).parent.values:  # central elimination: Vss = CL x MRT = AUMC / AUC^2
        assert d["vss_l"] == pytest.approx(aumc / auc**2, rel=1e-9)


def test_disposition_applies_each_multiplier_to_its_own_parameters_patient_by_patient():
    pset = literature.get("perez_ruixo_2021")  # hepato-portal elimination: the clearance factor acts on kel + kmet
    weights, cl, v1, vp = np.array([50.0, 80.0, 140.0]), np.array([0.7, 0.5, 1.6]), np.array([1.2, 2.0, 1.0]), np.ones(3) * 3
    batch = disposition(pset.parent, weights, clearance=cl, central_volume=v1, peripheral_volume=vp)
    assert batch.batch_shape == (3,)
    for i, w in enumerate(weights):
        volumes, m, elimination = published(pset, w)
        one = disposition(pset.parent, float(w), clearance=float(cl[i]), central_volume=float(v1[i]), peripheral_volume=3.0)
        np.testing.assert_allclose(one.volumes_l, volumes * [v1[i], 3.0, 3.0, 3.0], rtol=1e-13)
        np.testing.assert_allclose(one.elimination_per_min, elimination * cl[i], rtol=1e-13)
        flows = [m[j, 0] * volumes[0] for j in range(1, 4)]  # Q = k1j V1, untouched
        np.testing.assert_allclose(one.intercompartmental_l_per_min, flows, rtol=1e-13)
        np.testing.assert_allclose(batch.rate_matrix()[i], one.rate_matrix(), rtol=1e-14, atol=0)
        np.testing.assert_allclose(batch.half_lives_min[i], one.half_lives_min, rtol=1e-12)


def test_total_clearance_of_a_batch_is_each_patients():
    pset = literature.get("clements_1981")
    batch = disposition(pset.parent, np.array([60.0, 80.0]))
    want = [disposition(pset.parent, w).total_clearance_l_per_min for w in (60.0, 80.0)]
    np.testing.assert_allclose(batch.total_clearance_l_per_min, want, rtol=1e-12)


def test_model_for_applies_covariates_random_effects_and_keeps_only_the_routes_asked_for():
    pset = literature.get("clements_1981")
    effects = dict(clearance=1.3, central_volume=0.8, peripheral_volume=1.5, absorption=0.5, metabolite_clearance=0.9)
    p = sim.Patient(weight_kg=80.0, sex="female", cyp2b6="poor", random_effects=sim.RandomEffects(**effects))
    model = model_for(pset, p, ("iv", "oral"), link_rates=(0.2,))
    volumes, m, _ = published(pset, 80.0)
    # Sigtermans 2009 x the effect on baseline clearance; the switch f acts on intrinsic clearance through a
    # well-stirred liver (issue 21 item 5; it used to multiply clearance itself): CL = CL0 f / (1 - E0 + f E0)
    f, e0 = CYP2B6_POOR_CLEARANCE.value, HEPATIC_EXTRACTION.value
    factor = FEMALE_CLEARANCE.value * 1.3 * f / (1.0 - e0 + f * e0)
    assert model.parent.clearance_l_per_min == pytest.approx(-m[:, 0].sum() * volumes[0] * factor, rel=1e-13)
    np.testing.assert_allclose(model.parent.volumes_l, volumes * [0.8, 1.5], rtol=1e-13)
    met = disposition(pset.metabolite, 80.0)  # the sex effect and the random effect, nothing else
    assert model.metabolite.clearance_l_per_min == pytest.approx(met.clearance_l_per_min * FEMALE_CLEARANCE.value * 0.9)
    assert model.metabolite.volumes_l == met.volumes_l
    assert set(model.routes) == {"oral"}  # "iv" needs no pathways
    (oral,) = model.routes["oral"]
    (published_oral,) = pset.routes["oral"].pathways
    assert oral.ka_per_min == 0.5 * published_oral.ka_per_min
    # the slower liver lets more of the oral dose past it: F x F_h / F_h0 = F / (1 - E0 + f E0)
    assert oral.bioavailability == pytest.approx(published_oral.bioavailability / (1.0 - e0 + f * e0), rel=1e-13)
    assert model.fraction_metabolized == pset.fraction_metabolized.value
    # the parent's brain site: t1/2ke0 11 s (Herd 2008, hypnosis); the metabolite's 6.1 min (Olofsen 2012)
    assert model.ke0_parent_per_min == pytest.approx(math.log(2) / (11.0 / 60.0), rel=1e-15)
    assert model.ke0_metabolite_per_min == pytest.approx(math.log(2) / 6.1, rel=1e-15)
    assert model.molar_ratio == pytest.approx(MOLAR_RATIO, rel=1e-15) and model.link_rates_per_min == (0.2,)


def test_model_for_lowers_hepatic_flow_above_60_and_absorbs_into_the_hepato_portal_compartment():
    pset = literature.get("perez_ruixo_2021")
    young, old = (model_for(pset, sim.Patient(weight_kg=75.0, age_y=age), ("oral",)) for age in (60.0, 78.0))
    qh = pset.parent.values["Qh"] / 60.0
    assert young.parent.intercompartmental_l_per_min[-1] == pytest.approx(qh, rel=1e-13)
    slope = pset.hepatic_flow_age_slope.value / 60.0  # L/h per year -> L/min per year
    assert old.parent.intercompartmental_l_per_min[-1] == pytest.approx(qh + slope * 18.0, rel=1e-13)
    assert old.parent.intercompartmental_l_per_min[:-1] == young.parent.intercompartmental_l_per_min[:-1]
    a, lay = build_system(young, ("oral",))
    (p,) = young.routes["oral"]
    column = a[:, lay.depots[("oral", 0)]]
    assert p.target == 3 == young.parent.n - 1 and np.count_nonzero(column[lay.parent]) == 1
    assert column[lay.parent.start + p.target] == pytest.approx(p.ka_per_min * p.bioavailability, rel=1e-15)


def test_build_system_lays_out_the_states_and_balances_moles():
    pset = literature.get("clements_1981")
    model = model_for(pset, sim.Patient(), ("iv", "oral", "intranasal"), link_rates=(0.05, 0.3))
    a, lay = build_system(model, ("iv", "oral", "intranasal"))
    assert dict(lay.depots) == {("oral", 0): 0, ("intranasal", 0): 1, ("intranasal", 1): 2}
    assert (lay.parent, lay.parent_effect, lay.metabolite, lay.metabolite_effect) == (slice(3, 5), 5, slice(6, 8), 8)
    assert lay.links == (9, 10) and lay.n == 11 == a.shape[0] == a.shape[1]
    depots, parent, met = [0, 1, 2], [3, 4], [6, 7]
    # moles of drug (depots + parent + metabolite / molar ratio) leave a column only by elimination or first-pass loss
    moles = a[depots + parent].sum(axis=0) + a[met].sum(axis=0) / MOLAR_RATIO
    pathways = [*pset.routes["oral"].pathways, *pset.routes["intranasal"].pathways]
    for d, p in enumerate(pathways):
        assert moles[d] == pytest.approx(-p.ka_per_min * (1 - p.bioavailability) * (1 - p.presystemic_metabolite_fraction))
    _, m, elimination = published(pset, 70.0)
    np.testing.assert_allclose(a[np.ix_(parent, parent)], m, rtol=1e-13)
    np.testing.assert_allclose(moles[parent], -(1 - pset.fraction_metabolized.value) * elimination, rtol=1e-12, atol=1e-16)
    np.testing.assert_allclose(a[met][:, met].sum(axis=0), -model.metabolite.elimination_per_min, rtol=1e-12, atol=1e-16)
    # effect sites and links are concentrations fed by their source and feeding nothing back into the amounts
    ke0, ke0_metabolite = pset.ke0.value, pset.ke0_metabolite.value
    want = np.zeros((11, 11))
    want[5, [3, 5]] = ke0 / model.parent.volumes_l[0], -ke0
    want[8, [6, 8]] = ke0_metabolite / model.metabolite.volumes_l[0], -ke0_metabolite
    want[9, [5, 9]], want[10, [5, 10]] = (0.05, -0.05), (0.3, -0.3)
    np.testing.assert_allclose(a[[5, 8, 9, 10]], want[[5, 8, 9, 10]], rtol=1e-14, atol=0)
    assert not a[:5, 5:].any() and not a[6:8, 8:].any()


def _model(*pathways):
    return PKModel(Disposition((50.0,), 2.0), Disposition((80.0,), 1.2), 0.8, 0.1, 0.07, routes={"oral": pathways})


def test_input_schedule_delivers_the_whole_dose():
    model = _model(
        Pathway(0.3, 0.05, 1.0, lag_min=15.0), Pathway(0.7, 0.01, 0.2, input_duration_min=20.0), Pathway(0.0, 0.1, 1.0)
    )
    _, lay = build_system(model, ("iv", "oral"))
    pieces = [Input("iv", 12.0, 5.0), Input("iv", 30.0, 60.0, 40.0), Input("oral", 100.0, 10.0), Input("oral", 50.0, 90.0, 10.0)]
    boluses, rates = input_schedule(model, lay, pieces)
    assert sorted(boluses) == sorted([(5.0, lay.parent.start, 12.0), (25.0, 0, 30.0)])
    p = lay.parent.start
    # the IV infusion; the slow pathway's zero-order release; the second oral piece (10 min) after the lag and released
    want = [(60.0, 100.0, p, 30.0 / 40.0), (10.0, 30.0, 1, 70.0 / 20.0)]
    want += [(105.0, 115.0, 0, 15.0 / 10.0), (90.0, 120.0, 1, 35.0 / 30.0)]
    np.testing.assert_allclose(np.array(sorted(rates)), np.array(sorted(want)), rtol=1e-15)
    given = sum(b[2] for b in boluses) + sum((end - start) * rate for start, end, _, rate in rates)
    assert given == pytest.approx(sum(x.amount_mg for x in pieces), rel=1e-14)  # the empty pathway adds no piece


def test_input_schedule_uses_later_device_fractions_and_per_patient_amounts():
    pset = literature.get("perez_ruixo_2021")
    model = model_for(pset, [sim.Patient(), sim.Patient(weight_kg=100.0)], ("intranasal",))
    _, lay = build_system(model, ("intranasal",))
    amounts = np.array([28.0, 40.0])
    boluses, rates = input_schedule(model, lay, [Input("intranasal", amounts, 0.0, sequence=s) for s in (0, 1)])
    nasal, swallowed = pset.routes["intranasal"].pathways
    for s, fraction in enumerate((nasal.fraction, nasal.fraction_later)):
        np.testing.assert_allclose(boluses[s][2], amounts * fraction, rtol=1e-15)
        start, end, _, rate = rates[s]
        np.testing.assert_allclose(rate * (end - start) + boluses[s][2], amounts, rtol=1e-14)
        assert end - start == pytest.approx(swallowed.input_duration_min)
