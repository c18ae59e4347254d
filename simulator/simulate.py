"""``simulate``: regimen + patient + model choices -> :class:`Result`.

The only entry point most code needs. It resolves the regimen for the patient,
picks the parameter set (the documented default for the drug unless one is
named), builds the linear system and solves it exactly on the output grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from . import literature
from ._validate import check_number
from .dosing import as_regimen
from .pk import build_system, input_schedule, solve
from .plasticity import PlasticityModel, run_chain, symptom_summary
from .population import Patient
from .receptor import ReceptorAssumptions, equilibrium_occupancy, total_occupancy
from .units import convert_concentration

MAX_END_H = 24.0 * 365
MAX_POINTS = 2_000_000

SPECIES = ("ketamine", "norketamine")
_ALIASES = {"esketamine": "ketamine", "noresketamine": "norketamine", "parent": "ketamine", "metabolite": "norketamine"}


@dataclass(frozen=True, eq=False)
class Result:
    """Concentrations over time from one simulation.

    Attributes
    ----------
    time_h : numpy.ndarray
        Output times, hours.
    regimen, patient, pk_set : objects
        What was simulated: the :class:`~simulator.Regimen`, the
        :class:`~simulator.Patient` and the
        :class:`~simulator.literature.ParameterSet`.
    model : PKModel
        The patient's model in internal units.
    """

    time_h: np.ndarray
    regimen: object
    patient: Patient
    pk_set: object
    model: object
    _solution: object = field(repr=False)
    _layout: object = field(repr=False)
    _inputs: tuple = field(repr=False)
    _schedule: tuple = field(repr=False)
    method: str = "eigen"
    receptor: ReceptorAssumptions = field(default_factory=ReceptorAssumptions)
    plasticity_model: PlasticityModel = field(default_factory=PlasticityModel)

    @cached_property
    def _states(self) -> np.ndarray:
        return _without_rounding(self._solution.states)

    @cached_property
    def _concentration_states(self) -> np.ndarray:
        """Parent central, parent effect site, metabolite central, metabolite effect site (T, 4)."""
        layout = self._layout
        rows = [layout.parent.start, layout.parent_effect, layout.metabolite.start, layout.metabolite_effect]
        return _without_rounding(self._solution.observe(rows))

    @property
    def _integrals(self) -> np.ndarray:  # computed on first use (AUC, mass balance)
        return self._solution.integrals

    @property
    def drug(self) -> str:
        """The drug given: "racemic" or "esketamine"."""
        return self.regimen.drug

    def _species(self, species: str) -> str:
        if not isinstance(species, str):
            raise TypeError(f"species must be a string, one of {list(SPECIES)}, got {species!r}")
        key = _ALIASES.get(species, species)
        if key not in SPECIES:
            raise ValueError(f"species must be one of {list(SPECIES)} (or {list(_ALIASES)}), got {species!r}")
        return key

    def _central(self, key: str):
        if key == "ketamine":
            return self._concentration_states[:, 0], self.model.parent.volumes_l[0]
        return self._concentration_states[:, 2], self.model.metabolite.volumes_l[0]

    def plasma(self, species: str = "ketamine", unit: str = "ng/mL") -> np.ndarray:
        """Plasma (central compartment) concentration over time.

        Parameters
        ----------
        species : {"ketamine", "norketamine"}
            Parent or metabolite ("esketamine" and "noresketamine" are aliases).
        unit : {"ng/mL", "mg/L", "uM"}
            Output unit.

        Returns
        -------
        numpy.ndarray
            Concentrations at :attr:`time_h`.
        """
        key = self._species(species)
        amount, volume = self._central(key)
        return convert_concentration(amount / volume, unit, key)

    def effect_site(self, species: str = "ketamine", unit: str = "ng/mL") -> np.ndarray:
        """Effect-site (brain, as the model's delayed compartment) concentration over time.

        The delay is set by ke0 (Olofsen 2012, an assumption for every set);
        the effect-site concentration is expressed as the plasma concentration
        it would equilibrate with, not as a measured brain level.
        """
        key = self._species(species)
        return convert_concentration(self._concentration_states[:, 1 if key == "ketamine" else 3], unit, key)

    def _ligand_concentrations(self) -> dict:
        parent, metabolite = ligand_names(self.drug)
        return {parent: self.effect_site("ketamine", "mg/L"), metabolite: self.effect_site("norketamine", "mg/L")}

    @cached_property
    def _occupancy_total(self) -> np.ndarray:
        return total_occupancy(self._ligand_concentrations(), "mg/L", assumptions=self.receptor, basis="plasma")

    @property
    def occupancy(self) -> np.ndarray:
        """Fraction of NMDA channels blocked at the effect site, 0..1, over time.

        From the effect-site concentrations of parent and metabolite (each
        racemate split into its enantiomers) under :attr:`receptor`
        assumptions. No reliable human PET occupancy number exists: the level
        is uncertain, the shape is what the model teaches.
        """
        return self._occupancy_total

    @cached_property
    def chain(self):
        """All stages of the toy plasticity chain (:class:`~simulator.plasticity.ChainResult`). Illustrative."""
        metabolite = self.effect_site("norketamine", "mg/L") if self.plasticity_model.hnk_pathway else None
        return run_chain(self.time_h, self.occupancy, self.plasticity_model, metabolite)

    @property
    def plasticity_index(self) -> np.ndarray:
        """Toy synaptic-plasticity index over time (0 = baseline). Illustrative, not a measurement."""
        return self.chain.index

    @property
    def symptom_score(self) -> np.ndarray:
        """Toy symptom score on a 0-60 rating-like scale over time. Illustrative, not a prediction."""
        return self.chain.symptom_score

    def occupancy_by_ligand(self) -> dict:
        """Return occupancy over time of each ligand (and racemate) present, plus ``"total"``."""
        return equilibrium_occupancy(self._ligand_concentrations(), "mg/L", assumptions=self.receptor, basis="plasma")

    def amounts(self) -> dict:
        """Where the drug is, in mg, at each output time (mass balance).

        Returns
        -------
        dict of numpy.ndarray
            ``given``: parent given so far; ``depots``: parent given but not yet
            absorbed (in absorption depots, still being released into them, or
            waiting out a lag time); ``parent_in_body``; ``parent_eliminated`` (unchanged or to
            other metabolites); ``parent_metabolized`` (to the metabolite,
            systemically); ``presystemic_metabolized`` and
            ``presystemic_lost`` (first pass); all in mg of parent. Then
            ``metabolite_in_body`` and ``metabolite_eliminated`` in mg of
            metabolite.
        """
        m, layout = self.model, self._layout
        x, integral = self._states, self._integrals
        elim = m.parent.elimination_per_min
        parent_cleared = integral[:, layout.parent] @ elim
        depots = np.zeros(len(self.time_h))
        pre_met = np.zeros(len(self.time_h))
        pre_lost = np.zeros(len(self.time_h))
        for (route, i), d in layout.depots.items():
            p = m.routes[route][i]
            depots += x[:, d]
            left = p.ka_per_min * (1.0 - p.bioavailability) * integral[:, d]
            pre_met += left * p.presystemic_metabolite_fraction
            pre_lost += left * (1.0 - p.presystemic_metabolite_fraction)
        t_min = self.time_h * 60.0
        given = sum((_delivered(t_min, p.start_min, p.duration_min, p.amount_mg) for p in self._inputs), np.zeros_like(t_min))
        boluses, rates = self._schedule
        released = sum((_delivered(t_min, start, 0.0, amount) for start, _, amount in boluses), np.zeros_like(t_min))
        released = released + sum(
            (_delivered(t_min, start, end - start, rate * (end - start)) for start, end, _, rate in rates), np.zeros_like(t_min)
        )
        depots = depots + given - released
        return {
            "given": given,
            "depots": depots,
            "parent_in_body": x[:, layout.parent].sum(axis=1),
            "parent_eliminated": parent_cleared * (1.0 - m.fraction_metabolized),
            "parent_metabolized": parent_cleared * m.fraction_metabolized,
            "presystemic_metabolized": pre_met,
            "presystemic_lost": pre_lost,
            "metabolite_in_body": x[:, layout.metabolite].sum(axis=1),
            "metabolite_eliminated": integral[:, layout.metabolite] @ m.metabolite.elimination_per_min,
        }

    def auc(self, species: str = "ketamine", unit: str = "ng/mL") -> np.ndarray:
        """Area under the plasma curve from 0 to each output time, ``unit`` x h (exact)."""
        key = self._species(species)
        layout = self._layout
        if key == "ketamine":
            integral, volume = self._integrals[:, layout.parent.start], self.model.parent.volumes_l[0]
        else:
            integral, volume = self._integrals[:, layout.metabolite.start], self.model.metabolite.volumes_l[0]
        return convert_concentration(integral / volume / 60.0, unit, key)

    def terminal_half_life_h(self, species: str = "ketamine") -> float:
        """Terminal half-life estimated from the curve, as in non-compartmental analysis.

        Log-linear regression over the last quarter of the time after the
        last dose (at least three points with positive concentration);
        NaN if there are too few such points.
        """
        key = self._species(species)
        c = self.plasma(key, "mg/L")
        after = self.time_h >= self.regimen.end_h + 0.75 * (self.time_h[-1] - self.regimen.end_h)
        keep = after & (c > 0)
        if keep.sum() < 3:
            return math.nan
        slope = np.polyfit(self.time_h[keep], np.log(c[keep]), 1)[0]
        return float(math.log(2.0) / -slope) if slope < 0 else math.inf

    def summary(self, unit: str = "ng/mL") -> dict:
        """Cmax, Tmax, AUC, half-life for ketamine and norketamine; peak occupancy; toy plasticity and symptom.

        Returns
        -------
        dict
            ``{"ketamine": {"cmax": ..., "tmax_h": ..., "auc": ..., "terminal_half_life_h": ...},
            "norketamine": {...}, "unit": unit, "pk_set": name, "disclaimer": ...}``.
            ``auc`` is over the simulated window, in ``unit`` x h.
        """
        from .labels import DISCLAIMER

        out = {"unit": unit, "auc_unit": f"{unit}*h", "pk_set": self.pk_set.name, "disclaimer": DISCLAIMER}
        occupancy = self.occupancy
        i = int(np.argmax(occupancy))
        out["occupancy"] = {"peak": float(occupancy[i]), "time_of_peak_h": float(self.time_h[i])}
        index = self.plasticity_index
        j = int(np.argmax(index))
        out["plasticity"] = {"peak_index": float(index[j]), "time_of_peak_h": float(self.time_h[j])}
        out["symptom"] = symptom_summary(self.time_h, self.symptom_score, self.plasticity_model.baseline_score)
        for key in SPECIES:
            c = self.plasma(key, unit)
            i = int(np.argmax(c))
            out[key] = {
                "cmax": float(c[i]),
                "tmax_h": float(self.time_h[i]),
                "auc": float(self.auc(key, unit)[-1]),
                "terminal_half_life_h": self.terminal_half_life_h(key),
            }
        return out


def resolve_choices(regimen, pk_set, receptor, plasticity):
    """Check and default what every simulation needs besides the patient (shared by simulate and populations).

    Returns the regimen, the parameter set (the drug's documented default unless named), and the receptor and
    plasticity assumptions.
    """
    regimen = as_regimen(regimen)
    receptor = ReceptorAssumptions() if receptor is None else receptor
    if not isinstance(receptor, ReceptorAssumptions):
        raise TypeError(f"receptor must be a simulator.ReceptorAssumptions, got {type(receptor).__name__}")
    plasticity = PlasticityModel() if plasticity is None else plasticity
    if not isinstance(plasticity, PlasticityModel):
        raise TypeError(f"plasticity must be a simulator.PlasticityModel, got {type(plasticity).__name__}")
    params = literature.default_for(regimen.drug) if pk_set is None else literature.get(pk_set)
    if params.drug != regimen.drug:
        raise ValueError(f"pk_set {params.name!r} describes {params.drug} ketamine, but the regimen gives {regimen.drug}")
    return regimen, params, receptor, plasticity


def ligand_names(drug: str) -> tuple[str, str]:
    """Receptor ligands standing for parent and metabolite: racemates, or the S forms for esketamine."""
    return ("esketamine", "esnorketamine") if drug == "esketamine" else ("ketamine", "norketamine")


def _without_rounding(states: np.ndarray) -> np.ndarray:
    """Set rounding-level negatives to 0.

    Amounts and concentrations are >= 0 exactly; the closed form can leave rounding of order
    1e-16 x a column's peak where the true value is 0. Only that rounding is set to 0: anything
    more negative is left in place for the tests to catch.
    """
    lowest = states.min(axis=0)
    if np.all(lowest >= 0):
        return states
    states = np.array(states)
    for j in np.flatnonzero(lowest < 0):
        column = states[:, j]
        rounding = -1e-12 * max(-lowest[j], column.max())
        column[(column < 0) & (column >= rounding)] = 0.0
    return states


def _delivered(t_min, start_min, duration_min, amount):
    """Amount delivered by ``t_min`` from a dose given at once or at a constant rate."""
    if duration_min > 0:
        return amount * np.clip((t_min - start_min) / duration_min, 0.0, 1.0)
    return np.where(t_min >= start_min, amount, 0.0)


def _time_grid(regimen, end_h, step_min, time_h):
    if time_h is not None:
        t = np.asarray(time_h, dtype=float)
        if t.ndim != 1 or t.size == 0:
            raise ValueError(f"time_h must be a non-empty 1-D array, got shape {t.shape}")
        if not np.all(np.isfinite(t)) or np.any(t < 0) or np.any(np.diff(t) < 0):
            raise ValueError("time_h must be finite, >= 0 and non-decreasing")
        return t
    if end_h is None:
        end_h = regimen.end_h + 24.0
    end_h = check_number("end_h", end_h, low=0.0, high=MAX_END_H, low_inclusive=False)
    step_min = check_number("step_min", step_min, low=0.01, high=24 * 60.0)
    # a regular grid from 0 to end_h with a step of at most step_min (the fast solvers need it regular)
    n = math.ceil(end_h * 60.0 / step_min - 1e-9) + 1
    if n > MAX_POINTS:
        raise ValueError(f"end_h / step_min gives {n} output points; the limit is {MAX_POINTS}: raise step_min")
    return np.linspace(0.0, end_h, n)


def simulate(
    regimen,
    patient: Patient | None = None,
    *,
    end_h=None,
    pk_set=None,
    step_min=1.0,
    time_h=None,
    receptor=None,
    plasticity=None,
) -> Result:
    """Simulate plasma and effect-site concentrations of the parent drug and its metabolite.

    Parameters
    ----------
    regimen : dose event or Regimen
        What is given. Illustrative inputs for exploring a teaching model.
    patient : Patient, optional
        Default: ``Patient()`` (70 kg, 40 y).
    end_h : float, optional
        End of the simulated window, hours (default: 24 h after the last dose).
    pk_set : str, optional
        Name of a registered parameter set (:func:`simulator.literature.names`);
        default: the documented set for the drug.
    step_min : float
        Output resolution, minutes (default 1).
    time_h : array_like, optional
        Explicit output times in hours (overrides ``end_h`` and ``step_min``).
    receptor : ReceptorAssumptions, optional
        Assumptions for NMDA occupancy (default: binding Ki, unbound fraction
        0.55, free-drug partition, no Mg2+, -70 mV).
    plasticity : PlasticityModel, optional
        The toy plasticity chain and symptom score (baseline 32 of 60).

    Returns
    -------
    Result
    """
    regimen, params, receptor, plasticity = resolve_choices(regimen, pk_set, receptor, plasticity)
    if patient is None:
        patient = Patient()
    if not isinstance(patient, Patient):
        raise TypeError(f"patient must be a simulator.Patient, got {type(patient).__name__}")
    t = _time_grid(regimen, end_h, step_min, time_h)
    model = params.model_for(patient, regimen.routes)
    a, layout = build_system(model, regimen.routes)
    inputs = regimen.inputs(patient.weight_kg)
    boluses, rates = input_schedule(model, layout, inputs)
    solution = solve(a, boluses, rates, t * 60.0)
    return Result(
        t, regimen, patient, params, model, solution, layout, inputs, (boluses, rates), solution.method, receptor, plasticity
    )
