"""Virtual populations through the whole chain at once: ``simulate_population``.

The same regimen is given to ``n`` virtual patients drawn with covariates and
log-normal random effects (:func:`simulator.population.draw_population`). Their
pharmacokinetics are solved together by the batched exact solver, occupancy and
the toy chain are evaluated on (time x patients) arrays, and the results are
kept per patient with percentile bands. Patients are processed in chunks to
bound memory. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import check_int
from .dosing import as_regimen
from .labels import DISCLAIMER
from .literature.covariates import variability_for
from .pk import build_system, input_schedule, solve
from .plasticity import run_chain, symptom_summary
from .population import draw_population
from .receptor import total_occupancy
from .simulate import _time_grid, ligand_names, resolve_choices
from .units import convert_concentration

OUTPUTS = ("plasma_ketamine", "plasma_norketamine", "occupancy", "plasticity_index", "symptom_score")


@dataclass(frozen=True, eq=False)
class PopulationResult:
    """Per-patient curves (time x patients) of every output, and the draws behind them.

    Attributes
    ----------
    time_h : numpy.ndarray
        Output times, h.
    data : dict
        Output name (:data:`OUTPUTS`) -> array (n, T) of float32 (7 significant digits: plenty
        for bands and plots, half the memory), one row per patient. Concentrations in ng/mL.
        :attr:`curves` gives the same arrays as (T, n) views.
    virtual : VirtualPatients
        Covariates and random effects.
    baseline_score : float
        Symptom baseline (toy scale 0-60).
    """

    time_h: np.ndarray
    data: dict
    virtual: object
    regimen: object
    pk_set: object
    baseline_score: float

    disclaimer = DISCLAIMER

    def __len__(self) -> int:
        return len(self.virtual)

    @property
    def curves(self) -> dict:
        """Output name -> (T, n) view of the per-patient curves."""
        return {name: values.T for name, values in self.data.items()}

    def percentiles(self, name: str, q=(5, 25, 50, 75, 95)) -> np.ndarray:
        """Return percentiles across patients of output ``name`` at each time, shape (len(q), T)."""
        if name not in self.data:
            raise ValueError(f"name must be one of {list(self.data)}, got {name!r}")
        return np.percentile(self.data[name], q, axis=0)

    def fraction_in_response(self) -> np.ndarray:
        """Fraction of virtual patients in response (toy score at most half the baseline) at each time."""
        return np.mean(self.data["symptom_score"] <= 0.5 * self.baseline_score, axis=0)

    def summary_table(self) -> dict:
        """One row per patient: covariates, Cmax, peak occupancy, peak toy index, days in (toy) response."""
        t = self.time_h
        in_response = self.data["symptom_score"] <= 0.5 * self.baseline_score
        days = np.sum(np.diff(t)[None, :] * in_response[:, :-1], axis=1) / 24.0
        ps = self.virtual.patients
        return {
            "weight_kg": np.array([p.weight_kg for p in ps]),
            "sex": np.array([p.sex for p in ps]),
            "cmax_ketamine_ng_per_ml": self.data["plasma_ketamine"].max(axis=1),
            "peak_occupancy": self.data["occupancy"].max(axis=1),
            "peak_plasticity_index": self.data["plasticity_index"].max(axis=1),
            "days_in_response": days,
        }

    def patient_summary(self, i: int) -> dict:
        """Symptom summary (onset, peak, response) of patient ``i``."""
        return symptom_summary(self.time_h, self.data["symptom_score"][i], self.baseline_score)


def _patient_systems(params, virtual, regimen, routes):
    """All patients' rate matrices (P, n, n), input schedule (amount arrays) and central volumes, at once.

    The parameter set builds one batched model whose values are arrays (covariates and random
    effects applied), and :func:`simulator.pk.build_system` turns it into one matrix per patient.
    """
    model = params.model_for(list(virtual.patients), routes, virtual.effects)
    a, layout = build_system(model, routes)
    weights = np.array([p.weight_kg for p in virtual.patients])
    boluses, rates = input_schedule(model, layout, regimen.inputs(weights))  # amounts: one per patient
    count = len(virtual)
    boluses = [(t, i, np.broadcast_to(amount, (count,))) for t, i, amount in boluses]
    rates = [(t0, t1, i, np.broadcast_to(rate, (count,))) for t0, t1, i, rate in rates]
    volumes = (np.broadcast_to(model.parent.volumes_l[0], (count,)), np.broadcast_to(model.metabolite.volumes_l[0], (count,)))
    return a, layout, (boluses, rates), volumes


def simulate_population(
    regimen,
    n: int = 1000,
    seed=0,
    *,
    pk_set=None,
    weight_kg=70.0,
    age_y=40.0,
    female_fraction: float = 0.0,
    cyp2b6_poor_fraction: float = 0.0,
    hepatic_impairment: str = "none",
    variability=None,
    variability_scale: float = 1.0,
    end_h=None,
    step_min: float = 5.0,
    receptor=None,
    plasticity=None,
    chunk: int = 48,
) -> PopulationResult:
    """Run the whole chain for ``n`` virtual patients given the same regimen.

    Parameters
    ----------
    regimen : dose event or Regimen
        Illustrative inputs for exploring the model.
    n : int
        Number of virtual patients.
    seed : int or numpy.random.Generator
        Same seed, same population, bit for bit.
    pk_set : str, optional
        Parameter set (default: the drug's documented set).
    weight_kg, age_y : float, (low, high) or array
        Covariates: fixed, uniform range or one per patient.
    female_fraction, cyp2b6_poor_fraction : float
        Probabilities in [0, 1].
    hepatic_impairment : {"none", "mild", "moderate"}
        Illustrative switch for every patient.
    variability : Variability, optional
        CVs (default: published for the set where available, else illustrative).
    variability_scale : float
        Multiplies every CV (0: no variability; every patient is typical).
    end_h, step_min : float
        Window and output step (regular grid).
    receptor : ReceptorAssumptions, optional
    plasticity : PlasticityModel, optional
    chunk : int
        Patients solved together. Small chunks keep temporaries small, which is
        faster here (fresh memory is slow to touch) and bounds memory.

    Returns
    -------
    PopulationResult
    """
    from ._validate import check_number

    regimen, params, receptor, plasticity = resolve_choices(regimen, pk_set, receptor, plasticity)
    chunk = check_int("chunk", chunk, low=1, high=100_000)
    scale = check_number("variability_scale", variability_scale, low=0.0, high=5.0)
    cvs = (variability or variability_for(params.name)).scaled(scale)
    virtual = draw_population(
        n,
        seed,
        variability=cvs,
        weight_kg=weight_kg,
        age_y=age_y,
        female_fraction=female_fraction,
        cyp2b6_poor_fraction=cyp2b6_poor_fraction,
        hepatic_impairment=hepatic_impairment,
    )
    t = _time_grid(regimen, end_h, step_min, None)
    mats, layout, (all_boluses, all_rates), (v_parents, v_metabolites) = _patient_systems(
        params, virtual, regimen, regimen.routes
    )
    names = ligand_names(regimen.drug)
    data = {name: np.empty((len(virtual), t.size), dtype=np.float32) for name in OUTPUTS}
    rows = [layout.parent.start, layout.parent_effect, layout.metabolite.start, layout.metabolite_effect]
    buffer = np.empty((min(chunk, len(virtual)), t.size, len(rows)))  # reused: new memory is slow to touch
    for lo in range(0, len(virtual), chunk):
        hi = min(lo + chunk, len(virtual))
        boluses = [(time, i, amount[lo:hi]) for time, i, amount in all_boluses]
        rates = [(t0, t1, i, rate[lo:hi]) for t0, t1, i, rate in all_rates]
        out = buffer if hi - lo == buffer.shape[0] else np.empty((hi - lo, t.size, len(rows)))
        states = solve(mats[lo:hi], boluses, rates, t * 60.0).observe(rows, out=out, patient_major=True)  # (p, T, 4)
        v_parent, v_metabolite = v_parents[lo:hi, None], v_metabolites[lo:hi, None]
        np.maximum(states, 0.0, out=states)  # rounding only: the exact solution is >= 0
        ng_per_ml = convert_concentration(1.0, "ng/mL")
        data["plasma_ketamine"][lo:hi] = states[:, :, 0] * (ng_per_ml / v_parent)
        data["plasma_norketamine"][lo:hi] = states[:, :, 2] * (ng_per_ml / v_metabolite)
        effect_parent, effect_metabolite = states[:, :, 1], states[:, :, 3]
        occupancy = total_occupancy(
            {names[0]: effect_parent, names[1]: effect_metabolite}, "mg/L", assumptions=receptor, basis="plasma"
        )  # (p, T)
        data["occupancy"][lo:hi] = occupancy
        metabolite = effect_metabolite.T if plasticity.hnk_pathway else None
        chain = run_chain(
            t, occupancy.T, plasticity, metabolite, sensitivity=virtual.effects["sensitivity"][lo:hi], outputs_only=True
        )  # time x patients views of patient-major arrays
        data["plasticity_index"][lo:hi] = chain.index.T
        data["symptom_score"][lo:hi] = chain.symptom_score.T
    return PopulationResult(t, data, virtual, regimen, params, plasticity.baseline_score)


def draw_patient(regimen, seed, **options) -> PopulationResult:
    """One random virtual patient, reproducible from ``seed`` (a population of one), to show against a band."""
    return simulate_population(regimen, n=1, seed=seed, **options)


def compare_schedules(schedules: dict, n: int = 200, seed=0, *, occupancy_level: float = 0.3, end_days=None, **options) -> dict:
    """Teach the trade-off between schedules: sessions, exposure, time blocked, days in (toy) response.

    Every schedule is given to the same virtual patients (same ``seed``).

    Parameters
    ----------
    schedules : dict
        Name -> Regimen (inputs for exploring the model, not recommendations).
    n, seed
        Population size and seed.
    occupancy_level : float
        NMDA occupancy threshold for "time above", in (0, 1).
    end_days : float, optional
        Common window; default: 28 days after the latest schedule ends.
    **options
        Passed to :func:`simulate_population` (covariates, variability, assumptions).

    Returns
    -------
    dict
        Name -> dict with ``sessions``, ``total_mg_70kg``, ``auc_ng_h_per_ml`` (median over patients),
        ``hours_above_occupancy`` (median), ``days_in_response`` (25th, 50th, 75th percentiles) and
        ``fraction_in_response_by_day`` (array), plus ``day`` (the day grid).
    """
    from ._validate import check_number

    if not isinstance(schedules, dict) or not schedules:
        raise TypeError("schedules must be a non-empty dict of name -> Regimen")
    level = check_number("occupancy_level", occupancy_level, low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)
    regimens = {name: as_regimen(r) for name, r in schedules.items()}
    if end_days is None:
        end_days = max(r.end_h for r in regimens.values()) / 24.0 + 28.0
    end_h = check_number("end_days", end_days, low=0.0, high=365.0, low_inclusive=False) * 24.0
    out = {}
    for name, regimen in regimens.items():
        pop = simulate_population(regimen, n=n, seed=seed, end_h=end_h, **options)
        t = pop.time_h
        dt = np.diff(t)
        plasma = pop.data["plasma_ketamine"].astype(float)
        auc = np.sum(dt * (plasma[:, 1:] + plasma[:, :-1]) / 2.0, axis=1)
        above = np.sum(dt * (pop.data["occupancy"][:, :-1] >= level), axis=1)
        days = pop.summary_table()["days_in_response"]
        day_grid = np.arange(0, int(end_h // 24) + 1)
        fraction = pop.fraction_in_response()[np.searchsorted(t, day_grid * 24.0).clip(max=t.size - 1)]
        out[name] = {
            "sessions": len(regimen.events),
            "total_mg_70kg": regimen.total_mg(70.0),
            "auc_ng_h_per_ml": float(np.median(auc)),
            "hours_above_occupancy": float(np.median(above)),
            "days_in_response": tuple(float(x) for x in np.percentile(days, (25, 50, 75))),
            "fraction_in_response_by_day": fraction,
            "day": day_grid,
        }
    return out
