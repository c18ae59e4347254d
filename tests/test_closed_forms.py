"""The solver and ``simulate`` against closed forms derived by hand.

Every expected value here is written from first principles (the ODEs of a
one- or two-compartment model solved with Laplace transforms or by
integrating factors), not taken from the package. Where the closed form is
exact the tolerance is 1e-9 relative or tighter.

Notation: amounts in mg, volumes in L, clearances in L/min, rates in 1/min,
concentrations in mg/L, times in minutes unless a name says ``_h``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import simulator as sim
from simulator import literature
from simulator.dosing import Input
from simulator.linear import solve
from simulator.literature import Compartmental
from simulator.pk import Disposition, Pathway, PKModel, build_system, input_schedule, model_for

RTOL = 1e-9
MOLAR_RATIO = 223.70 / 237.73  # norketamine / ketamine molar mass (C12H14ClNO / C13H16ClNO)

# One-compartment parent and metabolite used throughout.
V = 50.0  # L
CL = 2.0  # L/min
K = CL / V  # 0.04 /min
VM = 80.0
CLM = 1.2
KM = CLM / VM  # 0.015 /min
FM = 0.8
KE0 = 0.11


def one_compartment(routes=None, ke0=KE0, v=V, cl=CL):
    return PKModel(
        parent=Disposition((v,), cl),
        metabolite=Disposition((VM,), CLM),
        fraction_metabolized=FM,
        ke0_parent_per_min=ke0,
        ke0_metabolite_per_min=0.07,
        routes=routes or {},
        molar_ratio=MOLAR_RATIO,
    )


def run(model, inputs, t, routes=("iv",)):
    a, layout = build_system(model, routes)
    boluses, rates = input_schedule(model, layout, inputs)
    return solve(a, boluses, rates, np.asarray(t, dtype=float)), layout


def assert_close(got, want, rtol=RTOL, scale=None, label=""):
    """|got - want| <= rtol * scale, scale the largest |want| (so values near 0 are judged against the peak)."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if scale is None:
        scale = np.max(np.abs(want))
    assert scale > 0
    err = np.max(np.abs(got - want)) / scale
    assert err <= rtol, f"{label}: relative error {err:.3g} > {rtol:g}"


T = np.concatenate([np.linspace(0.0, 600.0, 601), [1e-6, 0.5, 1000.0, 3000.0]])
T.sort()


# --------------------------------------------------------------------------- one compartment, IV
def test_one_compartment_bolus_plasma_integral_effect_site_and_metabolite():
    dose = 100.0
    solution, layout = run(one_compartment(), [Input("iv", dose, 0.0)], T)
    x = solution.states
    # C(t) = D/V e^{-kt}: compared point by point (no cancellation in a single exponential)
    np.testing.assert_allclose(x[:, layout.parent.start] / V, dose / V * np.exp(-K * T), rtol=RTOL, atol=0)
    # integral of the amount: D/k (1 - e^{-kt})
    assert_close(solution.integrals[:, layout.parent.start], dose / K * -np.expm1(-K * T), label="integral")
    # effect site: Ce' = ke0 (C - Ce) -> Ce = D/V ke0/(ke0 - k) (e^{-kt} - e^{-ke0 t})
    ce = dose / V * KE0 / (KE0 - K) * (np.exp(-K * T) - np.exp(-KE0 * T))
    assert_close(x[:, layout.parent_effect], ce, label="effect site")
    # metabolite amount: Am' = fm r k Ap - km Am -> Am = fm r k D/(km - k) (e^{-kt} - e^{-km t})
    am = FM * MOLAR_RATIO * K * dose / (KM - K) * (np.exp(-K * T) - np.exp(-KM * T))
    assert_close(x[:, layout.metabolite.start], am, label="metabolite")


def test_one_compartment_bolus_at_a_later_time_is_zero_before_and_shifted_after():
    dose, t0 = 40.0, 90.0
    solution, layout = run(one_compartment(), [Input("iv", dose, t0)], T)
    c = solution.states[:, layout.parent.start] / V
    want = np.where(T >= t0, dose / V * np.exp(-K * np.clip(T - t0, 0, None)), 0.0)
    np.testing.assert_allclose(c, want, rtol=RTOL, atol=0)


@pytest.mark.parametrize("duration", [30.0, 120.0], ids=lambda d: f"{d:g}min")
def test_one_compartment_constant_infusion_rise_and_decay(duration):
    dose = 100.0
    rate = dose / duration
    solution, layout = run(one_compartment(), [Input("iv", dose, 0.0, duration)], T)
    c = solution.states[:, layout.parent.start] / V
    during = rate / CL * -np.expm1(-K * np.minimum(T, duration))
    want = np.where(T <= duration, during, during * np.exp(-K * (T - duration)))
    np.testing.assert_allclose(c, want, rtol=RTOL, atol=0)
    # integral of the concentration: during R/CL (t - (1 - e^{-kt})/k); after, + C(T)(1 - e^{-k(t-T)})/k
    tt = np.minimum(T, duration)
    auc_during = rate / CL * (tt + np.expm1(-K * tt) / K)
    c_end = rate / CL * -np.expm1(-K * duration)
    auc = auc_during + np.where(T > duration, c_end * -np.expm1(-K * np.clip(T - duration, 0, None)) / K, 0.0)
    assert_close(solution.integrals[:, layout.parent.start] / V, auc, label="AUC")


def test_infusion_just_after_its_start_point_by_point():
    """Shortly after a switch (k t from 4e-5 to 0.4) the solution must stay accurate point by point, not only
    relative to the peak: C = R/CL (1 - e^{-kt}) and its integral R/CL (t - (1 - e^{-kt})/k) (series-prone region)."""
    rate, t0 = 2.5, 30.0
    tau = np.geomspace(1e-3, 10.0, 60)
    solution, layout = run(one_compartment(), [Input("iv", rate * 600.0, t0, 600.0)], t0 + tau)
    c = solution.states[:, layout.parent.start] / V
    np.testing.assert_allclose(c, rate / CL * -np.expm1(-K * tau), rtol=1e-9, atol=0)
    # t - (1 - e^{-kt})/k = sum_{n>=2} (-k)^n t^n / (n! k), summed as a series: no cancellation for small kt
    integral = np.array([math.fsum((-K * x) ** n / math.factorial(n) / K for n in range(2, 30)) for x in tau])
    auc = solution.integrals[:, layout.parent.start] / V
    np.testing.assert_allclose(auc, rate / CL * integral, rtol=1e-11, atol=0)


def test_long_infusion_reaches_steady_state_rate_over_clearance():
    rate = 3.0  # mg/min
    duration = 200.0 / K  # 200 time constants: e^{-200} is far below rounding
    t = np.array([duration * 0.5, duration * 0.9, duration - 1.0])
    solution, layout = run(one_compartment(), [Input("iv", rate * duration, 0.0, duration)], t)
    np.testing.assert_allclose(solution.states[:, layout.parent.start] / V, rate / CL, rtol=1e-12, atol=0)
    np.testing.assert_allclose(solution.states[:, layout.parent_effect], rate / CL, rtol=1e-12, atol=0)


def test_one_compartment_parameter_set_in_published_units():
    """A ParameterSet in L and L/h goes through model_for: the h -> min conversion must be right."""
    set_ = literature.ParameterSet(
        name="one_compartment_test",
        drug="racemic",
        citation=literature.get("clements_1981").citation,
        population="test",
        age_range_y=(0.0, 120.0),
        weight_range_kg=(1.0, 300.0),
        parent=Compartmental(values={"V1": 60.0, "CL": 90.0}, units={"V1": "L", "CL": "L/h"}, scaling="none"),
        metabolite=Compartmental(values={"V1": 70.0, "CL": 38.0}, units={"V1": "L", "CL": "L/h"}, scaling="none"),
        metabolite_citation=literature.get("clements_1981").citation,
        fraction_metabolized=literature.Sourced(0.8, "fraction", literature.get("clements_1981").citation),
        ke0=literature.Sourced(0.1, "1/min", literature.get("clements_1981").citation),
    )
    model = model_for(set_, sim.Patient(weight_kg=70, age_y=40), ("iv",))
    solution, layout = run(model, [Input("iv", 30.0, 0.0)], T)
    k_per_min = 90.0 / 60.0 / 60.0
    np.testing.assert_allclose(
        solution.states[:, layout.parent.start] / 60.0, 30.0 / 60.0 * np.exp(-k_per_min * T), rtol=RTOL, atol=0
    )


# --------------------------------------------------------------------------- two compartments (Clements 1981)
W = 70.0
V1 = 1.7522 * W
K10, K12, K21 = 0.0109, 0.0186, 0.0137


def biexponential():
    """alpha, beta (alpha > beta) and the unit-dose coefficients a/D, b/D of C = A e^{-alpha t} + B e^{-beta t}.

    alpha + beta = k10 + k12 + k21 and alpha beta = k10 k21 (characteristic
    polynomial of the two-compartment system); A = D/V1 (alpha - k21)/(alpha - beta),
    B = D/V1 (k21 - beta)/(alpha - beta).
    """
    s = K10 + K12 + K21
    root = math.sqrt(s * s - 4.0 * K10 * K21)
    alpha, beta = (s + root) / 2.0, (s - root) / 2.0
    a = (alpha - K21) / (alpha - beta) / V1
    b = (K21 - beta) / (alpha - beta) / V1
    return alpha, beta, a, b


TH = np.concatenate([np.linspace(0.0, 24.0, 24 * 60 + 1), [48.0, 72.0]])  # hours


def test_two_compartment_bolus_is_biexponential_through_simulate():
    dose = 35.0
    alpha, beta, a, b = biexponential()
    bolus = sim.Bolus(dose_mg=dose, injection_min=0.0)  # the textbook instantaneous bolus
    result = sim.simulate(bolus, sim.Patient(weight_kg=W, age_y=40), pk_set="clements_1981", time_h=TH)
    tm = TH * 60.0
    want = dose * (a * np.exp(-alpha * tm) + b * np.exp(-beta * tm))
    np.testing.assert_allclose(result.plasma("ketamine", "mg/L"), want, rtol=RTOL, atol=0)
    np.testing.assert_allclose(result.plasma("ketamine", "ng/mL"), 1000.0 * want, rtol=RTOL, atol=0)
    # effect site: each exponential A_i e^{-l_i t} drives Ce to A_i ke0/(ke0 - l_i) (e^{-l_i t} - e^{-ke0 t})
    ke0 = math.log(2.0) / (11.0 / 60.0)  # the brain site: Herd 2008, t1/2ke0 11 s
    ce = dose * sum(c * ke0 / (ke0 - lam) * (np.exp(-lam * tm) - np.exp(-ke0 * tm)) for lam, c in ((alpha, a), (beta, b)))
    assert_close(result.effect_site("ketamine", "mg/L"), ce, label="effect site")
    # AUC: A (1 - e^{-alpha t})/alpha + B (1 - e^{-beta t})/beta, mg/L x h
    auc = dose * (a * -np.expm1(-alpha * tm) / alpha + b * -np.expm1(-beta * tm) / beta) / 60.0
    assert_close(result.auc("ketamine", "mg/L"), auc, label="AUC")


def test_two_compartment_hand_built_disposition_matches_textbook_constants():
    """V2 = V1 k12/k21, CL = V1 k10, Q = V1 k12 give the same curve and A/alpha + B/beta = 1/CL."""
    alpha, beta, a, b = biexponential()
    disposition = Disposition((V1, V1 * K12 / K21), V1 * K10, (V1 * K12,))
    model = PKModel(disposition, Disposition((VM,), CLM), FM, KE0, 0.07)
    tm = TH * 60.0
    solution, layout = run(model, [Input("iv", 1.0, 0.0)], tm)
    np.testing.assert_allclose(
        solution.states[:, layout.parent.start] / V1, a * np.exp(-alpha * tm) + b * np.exp(-beta * tm), rtol=RTOL, atol=0
    )
    assert a / alpha + b / beta == pytest.approx(1.0 / (V1 * K10), rel=1e-12)
    assert sorted(disposition.half_lives_min) == pytest.approx([math.log(2) / alpha, math.log(2) / beta], rel=1e-12)


def test_two_compartment_infusion_closed_form():
    """Infusion R over T: C = R sum_i (A_i/l_i)(1 - e^{-l_i t}) during; each term x (e^{l_i T} - 1) e^{-l_i t} after."""
    alpha, beta, a, b = biexponential()
    dose, duration = 35.0, 40.0
    rate = dose / duration
    result = sim.simulate(
        sim.Infusion(dose_mg=dose, duration_min=duration), sim.Patient(weight_kg=W, age_y=40), pk_set="clements_1981", time_h=TH
    )
    tm = TH * 60.0
    want = np.zeros_like(tm)
    for lam, c in ((alpha, a), (beta, b)):
        during = -np.expm1(-lam * tm)
        after = np.expm1(lam * duration) * np.exp(-lam * tm)
        want += rate * c / lam * np.where(tm <= duration, during, after)
    np.testing.assert_allclose(result.plasma("ketamine", "mg/L"), want, rtol=RTOL, atol=0)


# --------------------------------------------------------------------------- first-order absorption
KA = 0.03
F = 0.3


def bateman(dose, f, ka, t, lag=0.0):
    """C(t) = F D ka / (V (ka - k)) (e^{-k t'} - e^{-ka t'}), t' = t - lag, 0 before the lag."""
    tp = np.clip(t - lag, 0.0, None)
    return np.where(t >= lag, f * dose * ka / (V * (ka - K)) * (np.exp(-K * tp) - np.exp(-ka * tp)), 0.0)


@pytest.mark.parametrize("lag", [0.0, 15.0], ids=["no_lag", "lag_15min"])
def test_bateman_function_for_first_order_absorption(lag):
    dose = 200.0
    pathway = Pathway(fraction=1.0, ka_per_min=KA, bioavailability=F, presystemic_metabolite_fraction=0.5, lag_min=lag)
    model = one_compartment({"oral": (pathway,)})
    solution, layout = run(model, [Input("oral", dose, 0.0)], T, routes=("oral",))
    c = solution.states[:, layout.parent.start] / V
    assert_close(c, bateman(dose, F, KA, T, lag), label="Bateman")
    depot = solution.states[:, layout.depots[("oral", 0)]]
    np.testing.assert_allclose(depot, np.where(T >= lag, dose * np.exp(-KA * np.clip(T - lag, 0, None)), 0.0), rtol=RTOL, atol=0)
    # Tmax of the Bateman function: ln(ka/k)/(ka - k) after the lag; the output grid is 1 min
    t_max = lag + math.log(KA / K) / (KA - K)
    assert abs(T[np.argmax(c)] - t_max) <= 0.5
    # AUC to infinity F D / CL, reached within rounding after 3000 min (e^{-0.04*3000})
    assert solution.integrals[-1, layout.parent.start] / V == pytest.approx(F * dose / CL, rel=1e-9)


def test_two_pathway_route_is_the_sum_of_two_bateman_functions():
    """Intranasal-like split: a fraction f1 absorbed fast with F1, the rest slowly with F2."""
    dose = 100.0
    fast = Pathway(fraction=0.3, ka_per_min=0.05, bioavailability=1.0)
    slow = Pathway(fraction=0.7, ka_per_min=0.012, bioavailability=0.2, presystemic_metabolite_fraction=0.8)
    model = one_compartment({"intranasal": (fast, slow)})
    solution, layout = run(model, [Input("intranasal", dose, 0.0)], T, routes=("intranasal",))
    want = bateman(0.3 * dose, 1.0, 0.05, T) + bateman(0.7 * dose, 0.2, 0.012, T)
    assert_close(solution.states[:, layout.parent.start] / V, want, label="two pathways")


def test_zero_order_release_into_a_depot():
    """Release at R = D/Tr over Tr into a depot emptied at ka: Ad = R/ka (1 - e^{-ka t}) during, then Ad(Tr) e^{-ka (t - Tr)}.

    The central amount solves Ac' = F ka Ad - k Ac; during release
    Ac = F R [(1 - e^{-kt})/k - (e^{-kt} - e^{-ka t})/(ka - k)].
    """
    dose, release = 120.0, 30.0
    pathway = Pathway(fraction=1.0, ka_per_min=KA, bioavailability=F, input_duration_min=release)
    model = one_compartment({"oral": (pathway,)})
    solution, layout = run(model, [Input("oral", dose, 0.0)], T, routes=("oral",))
    rate = dose / release
    during = rate / KA * -np.expm1(-KA * np.minimum(T, release))
    depot = np.where(T <= release, during, during * np.exp(-KA * np.clip(T - release, 0, None)))
    assert_close(solution.states[:, layout.depots[("oral", 0)]], depot, label="depot")
    tt = np.minimum(T, release)
    central_during = F * rate * (-np.expm1(-K * tt) / K - (np.exp(-K * tt) - np.exp(-KA * tt)) / (KA - K))
    mask = T <= release
    assert_close(solution.states[mask, layout.parent.start], central_during[mask], label="central during release")


# --------------------------------------------------------------------------- effect site after a step
@pytest.mark.parametrize("cp", [0.1, 0.75], ids=lambda c: f"Cp_{c:g}")
def test_effect_site_follows_a_plasma_step(cp):
    """Loading bolus Cp V plus infusion Cp CL hold C at Cp exactly; then Ce = Cp (1 - e^{-ke0 t})."""
    duration = 2000.0
    inputs = [Input("iv", cp * V, 0.0), Input("iv", cp * CL * duration, 0.0, duration)]
    t = np.linspace(0.0, duration - 1.0, 1000)
    solution, layout = run(one_compartment(), inputs, t)
    np.testing.assert_allclose(solution.states[:, layout.parent.start] / V, cp, rtol=1e-12, atol=0)
    assert_close(solution.states[:, layout.parent_effect], cp * -np.expm1(-KE0 * t), rtol=1e-12, scale=cp, label="Ce")


def test_effect_site_when_ke0_equals_k_is_the_degenerate_closed_form():
    """k = ke0 (a Jordan block): Ce = D/V k t e^{-kt}; the solver must take the expm path."""
    dose = 100.0
    solution, layout = run(one_compartment(ke0=K), [Input("iv", dose, 0.0)], T)
    # matrix exponentials are accurate to rounding relative to the largest entry, not point by point far in the tail
    assert_close(solution.states[:, layout.parent.start] / V, dose / V * np.exp(-K * T), rtol=1e-12, label="C")
    assert_close(solution.states[:, layout.parent_effect], dose / V * K * T * np.exp(-K * T), label="Ce degenerate")
    # integral of Ce: D/V int_0^t k s e^{-ks} ds = D/V [1 - (1 + kt) e^{-kt}]/k
    want = dose / V * (1.0 - (1.0 + K * T) * np.exp(-K * T)) / K
    assert_close(solution.integrals[:, layout.parent_effect], want, label="integral of Ce")
