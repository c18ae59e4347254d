"""The one chain: regimen + patients -> concentrations -> occupancy -> toy plasticity -> toy symptom score.

:class:`Chain` computes every stage for a batch of patients given the same
regimen, each stage once and only when asked for. :func:`simulate` is a batch of
one and returns a :class:`Result`; :func:`simulator.population.simulate_population`
runs the same :class:`Chain` over chunks of virtual patients. Occupancy and the
toy chain are computed in exactly one place (:attr:`Chain.occupancy`,
:attr:`Chain.plasticity`), so one patient and a population can never disagree.

Teaching models: illustrative, not for dosing.
"""

from __future__ import annotations

import math
import numbers
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

import numpy as np

from . import literature
from ._validate import MAX_POINTS, MEMORY_BUDGET_BYTES, check_choice, check_int, check_number, check_times
from .acute import HOURS_WITH_EFFECTS_NAME, RESOLVED_NAME, AcuteModel, acute_effects, acute_summary, hours_with_effects_definition
from .dosing import DRUGS, Regimen, as_regimen
from .labels import DISCLAIMER
from .linear import first_order_hold, solve
from .literature import ParameterSet
from .patient import Patient
from .pk import build_system, input_schedule, model_for
from .plasticity import (
    PlasticityModel,
    expectancy_drive,
    oral_antidepressant_drive,
    restored_share,
    run_plasticity,
    symptom_summary,
)
from .receptor import ASSUMPTION_SPREAD, ReceptorAssumptions, equilibrium_occupancy, total_occupancy
from .tables import SIGNIFICANT_FIGURES, Table, format_number
from .units import convert_concentration

__all__ = [
    "EFFECT_ENDPOINTS",
    "GRIDS",
    "MAX_END_H",
    "MAX_POINTS",
    "OUTPUTS",
    "SOLVER_TOLERANCE",
    "SPECIES",
    "TERMINAL_FLOOR",
    "Chain",
    "EnantiomerDecomposition",
    "Result",
    "compare",
    "enantiomer_decomposition",
    "ligand_names",
    "log_time_grid",
    "resolve_choices",
    "simulate",
    "simulate_sets",
    "time_grid",
]

MAX_END_H = 24.0 * 365
#: Relative accuracy of the exact solver, as a fraction of the largest value a state can take (all the
#: drug given, in the smallest volume). Negative values within it are round-off of a true 0 and become 0.
SOLVER_TOLERANCE = 1e-9

SPECIES = ("ketamine", "norketamine")
#: Effect sites of :meth:`Result.effect_site`: the brain site the receptor model and acute effects read, and the
#: slower site of the sub-anaesthetic endpoints (Olofsen 2012).
EFFECT_ENDPOINTS = ("brain", "analgesia")
_ALIASES = MappingProxyType(
    {"esketamine": "ketamine", "noresketamine": "norketamine", "parent": "ketamine", "metabolite": "norketamine"}
)
#: Columns of :attr:`Chain.concentrations`.
_PLASMA_PARENT, _EFFECT_PARENT, _PLASMA_METABOLITE, _EFFECT_METABOLITE = range(4)


def ligand_names(drug: str) -> tuple[str, str]:
    """Return the receptor ligands standing for parent and metabolite: racemates, or the S forms for esketamine.

    ``drug``: "racemic" or "esketamine".
    """
    check_choice("drug", drug, DRUGS)
    return ("esketamine", "esnorketamine") if drug == "esketamine" else ("ketamine", "norketamine")


class Chain:
    """Every stage of the model for a batch of patients given one regimen (arrays: patients x time).

    Parameters
    ----------
    regimen : Regimen
        What is given (checked).
    patients : sequence of Patient
        Covariates and random effects, one per row of every output.
    pk_set : ParameterSet
        The published set.
    receptor : ReceptorAssumptions
        Occupancy assumptions.
    plasticity : PlasticityModel
        The toy chain.
    time_h : numpy.ndarray
        Output times, h (checked).
    check_patients : bool
        Warn when a patient lies outside the set's validity range.
    all_stages : bool
        Keep every stage of the toy chain (False: only what the index and symptom score need).
    buffer : numpy.ndarray, optional
        C-contiguous float64 array of shape (P, T, 4) to hold :attr:`concentrations` (reused across
        chunks of a population: fresh memory is slow to touch).
    acute : AcuteModel, optional
        The toy acute-effect links (default :class:`~simulator.acute.AcuteModel`).
    masked : bool
        Every session given under surgical anaesthesia (Lii 2023): the toy expectancy is the masked arm's, not a
        blinded drug arm's (:func:`simulator.plasticity.expectancy_drive`).
    add_on : bool
        A newly started oral antidepressant taken with the sessions, a tablet a day from the first session (as
        esketamine is labelled: with an oral antidepressant): the toy conventional comparator's drive
        (:func:`simulator.plasticity.oral_antidepressant_drive`, scaled by each patient's comparator sensitivity)
        adds to the ketamine chain's on the symptom map; the expectancy is the larger of the sessions' and the
        tablets' (one patient, one expectation).

    Raises
    ------
    ValueError
        Before solving, if the concentrations (patients x times x 4 float64 values) would exceed
        :data:`simulator.population.MEMORY_BUDGET_BYTES`.
    """

    def __init__(
        self,
        regimen,
        patients,
        pk_set,
        receptor,
        plasticity,
        time_h,
        *,
        check_patients=True,
        all_stages=True,
        buffer=None,
        acute=None,
        masked=False,
        add_on=False,
    ):
        if not isinstance(regimen, Regimen):
            raise TypeError(f"regimen must be a simulator.Regimen, got {type(regimen).__name__}")
        if not isinstance(receptor, ReceptorAssumptions):
            raise TypeError(f"receptor must be a simulator.ReceptorAssumptions, got {type(receptor).__name__}")
        if not isinstance(plasticity, PlasticityModel):
            raise TypeError(f"plasticity must be a simulator.PlasticityModel, got {type(plasticity).__name__}")
        if not isinstance(pk_set, ParameterSet):
            raise TypeError(f"pk_set must be a simulator.literature.ParameterSet, got {type(pk_set).__name__}")
        if not isinstance(masked, bool):
            raise TypeError(f"masked must be True or False, got {masked!r}")
        self.masked = masked
        if not isinstance(add_on, bool):
            raise TypeError(f"add_on must be True or False, got {add_on!r}")
        self.add_on = add_on
        acute = _DEFAULT_ACUTE if acute is None else acute
        if not isinstance(acute, AcuteModel):
            raise TypeError(f"acute must be a simulator.acute.AcuteModel, got {type(acute).__name__}")
        patients = tuple(patients) if isinstance(patients, (list, tuple)) else patients
        if not isinstance(patients, tuple) or not patients or not all(isinstance(p, Patient) for p in patients):
            raise TypeError("patients must be a non-empty sequence of simulator.Patient")
        time_h = check_times("time_h", time_h)
        need = len(patients) * time_h.size * 4 * 8
        if need > MEMORY_BUDGET_BYTES:
            raise ValueError(
                f"{len(patients)} patients x {time_h.size} times (time_h) x 4 concentrations need {need / 1024**3:.1f} GiB; "
                f"the limit is {MEMORY_BUDGET_BYTES / 1024**3:.0f} GiB (MEMORY_BUDGET_BYTES): use fewer patients or fewer times"
            )
        self.all_stages, self._buffer = all_stages, buffer
        self.regimen, self.patients, self.pk_set = regimen, tuple(patients), pk_set
        self.receptor, self.plasticity_model, self.time_h, self.acute_model = receptor, plasticity, time_h, acute
        self.model, self.a, self.layout = _system(pk_set, self.patients, regimen.routes, check_patients, acute.link_rates_per_min)
        weights = np.array([p.weight_kg for p in self.patients])
        boluses, rates = input_schedule(self.model, self.layout, regimen.inputs(weights))
        count = len(self.patients)
        boluses = [(t, i, _per_patient(amount, count)) for t, i, amount in boluses]
        rates = [(t0, t1, i, _per_patient(rate, count)) for t0, t1, i, rate in rates]
        self.solution = solve(self.a, boluses, rates, time_h * 60.0, check=False)  # all built from checked objects
        self.total_mg = regimen.total_mg(weights) * np.ones(count)

    def __len__(self) -> int:
        return len(self.patients)

    @cached_property
    def volumes_l(self) -> np.ndarray:
        """Central volumes of parent and metabolite, L, shape (P, 2)."""
        count = len(self)
        parent = np.broadcast_to(self.model.parent.volumes_l[0], (count,))
        metabolite = np.broadcast_to(self.model.metabolite.volumes_l[0], (count,))
        return np.stack([parent, metabolite], axis=1)

    @cached_property
    def concentrations(self) -> np.ndarray:
        """Plasma and effect-site concentrations of parent and metabolite, mg/L, shape (P, T, 4).

        Columns: plasma parent, effect-site parent, plasma metabolite, effect-site metabolite.
        Round-off below :data:`SOLVER_TOLERANCE` is set to 0 here, once, for one patient and for many.
        """
        if self._with_links:  # one patient: the acute links come in the same pass over the output grid
            return self._observed[:, :, :4]
        return self._observe(links=False)

    @property
    def _with_links(self) -> bool:
        return len(self) == 1 and self._buffer is None

    @cached_property
    def _observed(self) -> np.ndarray:
        return self._observe(links=True)

    def _observe(self, links: bool) -> np.ndarray:
        """Concentrations (P, T, 4), followed by the acute links' columns when ``links``, round-off removed."""
        layout = self.layout
        rows = [layout.parent.start, layout.parent_effect, layout.metabolite.start, layout.metabolite_effect]
        ones = np.ones(len(self))
        scale = [1.0 / self.volumes_l[:, 0], ones, 1.0 / self.volumes_l[:, 1], ones]
        if links:
            rows, scale = rows + list(layout.links), scale + [ones] * len(layout.links)
        out = None if links else self._buffer
        c = self.solution.observe(rows, out=out, patient_major=True, scale=np.stack(scale, axis=1))
        largest = self.total_mg / self.volumes_l.min(axis=1)  # no concentration can exceed all the drug in the smallest volume
        return _without_round_off(c, largest, "concentration")

    @cached_property
    def occupancy(self) -> np.ndarray:
        """NMDA occupancy at the effect site, 0..1, shape (P, T): the one call of the occupancy model."""
        parent, metabolite = ligand_names(self.regimen.drug)
        c = self.concentrations
        return total_occupancy(
            {parent: c[:, :, _EFFECT_PARENT], metabolite: c[:, :, _EFFECT_METABOLITE]},
            "mg/L",
            assumptions=self.receptor,
            basis="plasma",
        )

    @cached_property
    def plasticity(self):
        """The toy chain (:class:`~simulator.plasticity.PlasticityResult`, arrays (P, T)): the one call of the chain."""
        model = self.plasticity_model
        metabolite = self.concentrations[:, :, _EFFECT_METABOLITE] if model.hnk_pathway else None
        # a co-medication that blunts the toy benefit (a benzodiazepine, contested) scales the patient's sensitivity
        sensitivity = np.array([p.random_effects.sensitivity * p.benefit_factor for p in self.patients])
        expectancy, add_on = None, None
        comparator = np.array([[p.random_effects.comparator_sensitivity] for p in self.patients])
        starts = [event.start_h for event in self.regimen.events]
        if model.expectancy:
            drive = expectancy_drive(self.time_h, starts, "masked" if self.masked else "drug")
            expectancy = comparator * drive
        if self.add_on:  # a tablet a day from the first session; one expectation: the larger of the two
            oral, tablets = oral_antidepressant_drive(self.time_h, min(starts), expectancy=model.expectancy)
            add_on = comparator * oral
            if model.expectancy:
                expectancy = comparator * np.maximum(drive, tablets)
        return run_plasticity(
            self.time_h,
            self.occupancy,
            model,
            metabolite,
            sensitivity,
            outputs_only=not self.all_stages,
            expectancy=expectancy,
            add_on=add_on,
        )

    @cached_property
    def acute(self) -> tuple[np.ndarray, np.ndarray]:
        """The toy acute effects (dissociation index 0-1, systolic rise in mmHg), each (P, T): their one call."""
        if self._with_links:
            links = self._observed[:, :, 4:]
        else:
            c = self.solution.observe(list(self.layout.links), patient_major=True)
            largest = self.total_mg / self.volumes_l[:, 0]  # a link holds at most what the effect site holds
            links = _without_round_off(c, largest, "acute-effect link concentration")
        sensitivity = np.array([p.random_effects.acute_sensitivity for p in self.patients])
        return acute_effects(links, self.regimen.drug, self.acute_model, None if np.all(sensitivity == 1.0) else sensitivity)

    def output(self, name: str) -> np.ndarray:
        """Return one output series for every patient, shape (P, T), in the units of :data:`OUTPUTS`."""
        if name not in OUTPUTS:
            raise ValueError(f"output must be one of {list(OUTPUTS)}, got {name!r}")
        if name in _CONCENTRATION_OUTPUTS:
            column, species = _CONCENTRATION_OUTPUTS[name]
            return self.concentrations[:, :, column] * convert_concentration(1.0, "ng/mL", species)
        if name == "occupancy":
            return self.occupancy
        if name in ("dissociation_index", "systolic_change_mmhg"):
            return self.acute[0 if name == "dissociation_index" else 1]
        return getattr(self.plasticity, "index" if name == "plasticity_index" else name)


_CONCENTRATION_OUTPUTS = MappingProxyType(
    {
        "plasma_ketamine": (_PLASMA_PARENT, "ketamine"),
        "plasma_norketamine": (_PLASMA_METABOLITE, "norketamine"),
        "effect_site_ketamine": (_EFFECT_PARENT, "ketamine"),
        "effect_site_norketamine": (_EFFECT_METABOLITE, "norketamine"),
    }
)
#: Output series of the chain and their units (concentrations of the parent and metabolite given).
OUTPUTS = MappingProxyType(
    {
        "plasma_ketamine": "ng/mL",
        "plasma_norketamine": "ng/mL",
        "effect_site_ketamine": "ng/mL",
        "effect_site_norketamine": "ng/mL",
        "occupancy": "fraction",
        "plasticity_index": "toy index",
        "symptom_score": "toy score 0-60",
        "dissociation_index": "toy index 0-1",
        "systolic_change_mmhg": "mmHg (toy)",
    }
)


#: Recently built single-patient systems: an explorer rebuilds the same patient's model on every move of a
#: dose slider. Key: (id of the parameter set, patient, routes); the set itself is kept to check identity.
_SYSTEM_CACHE: dict = {}
_SYSTEM_CACHE_SIZE = 8


def _system(pk_set, patients: tuple, routes: tuple, check_patients: bool, links: tuple = ()):
    """Return (model, rate matrices, layout) for the patients, from the cache for one patient built recently."""
    if len(patients) != 1:
        model = model_for(pk_set, list(patients), routes, check_validity=check_patients, link_rates=links)
        return (model, *build_system(model, routes))
    if check_patients:
        pk_set.check_patients(patients)  # warns every time, cached or not
    key = (id(pk_set), patients[0], routes, links)
    found = _SYSTEM_CACHE.get(key)
    if found is None or found[0] is not pk_set:
        # one patient's model in plain floats (no array operations), its matrix as a batch of one
        model = model_for(pk_set, patients[0], routes, check_validity=False, link_rates=links)
        a, layout = build_system(model, routes)
        a = a[None]
        a.flags.writeable = False  # shared by later simulations of this patient
        found = (pk_set, model, a, layout)
        if len(_SYSTEM_CACHE) >= _SYSTEM_CACHE_SIZE:
            _SYSTEM_CACHE.pop(next(iter(_SYSTEM_CACHE)))  # the oldest
        _SYSTEM_CACHE[key] = found
    return found[1:]


def _per_patient(value, count: int) -> np.ndarray:
    """Return an amount or rate as an array of one value per patient (shape (count,))."""
    if isinstance(value, np.ndarray) and value.shape == (count,):
        return value
    return np.broadcast_to(value, (count,))


def _without_round_off(values: np.ndarray, largest, what: str) -> np.ndarray:
    """Set negative round-off to 0 in place: values of patient p down to -SOLVER_TOLERANCE x ``largest[p]``.

    ``values`` has patients first; anything more negative is a solver defect and raises.
    """
    lowest = values.reshape(values.shape[0], -1).min(axis=1)
    if np.any(lowest < 0):
        if np.any(lowest < -SOLVER_TOLERANCE * np.asarray(largest) - 1e-300):  # 1e-300: denormal doses
            raise RuntimeError(
                f"the solver returned a negative {what} beyond its tolerance ({lowest.min()!r}); please report this"
            )
        np.maximum(values, 0.0, out=values)
    return values


def _readonly(values):
    """Return ``values`` marked read-only (arrays handed out by a Result cannot change it)."""
    if isinstance(values, np.ndarray):
        values.flags.writeable = False
    return values


#: The lowest concentration, as a share of the peak, that :meth:`Result.terminal_half_life_h` regresses on: one
#: millionth, about twenty half-lives after the peak (a fit over the window's last quarter, whatever its length).
TERMINAL_FLOOR = 1e-6


@dataclass(frozen=True, eq=False)
class Result:
    """Everything one simulation computed, evaluated when first asked for.

    Attributes
    ----------
    time_h : numpy.ndarray
        Output times, hours (read-only).
    regimen, patient, pk_set : objects
        What was simulated: the :class:`~simulator.Regimen`, the
        :class:`~simulator.Patient` and the
        :class:`~simulator.literature.ParameterSet`.
    receptor : ReceptorAssumptions
        Occupancy assumptions.
    plasticity_model : PlasticityModel
        The toy chain.
    """

    time_h: np.ndarray
    regimen: object
    patient: Patient
    pk_set: object
    _batch: Chain = field(repr=False)
    receptor: ReceptorAssumptions = field(default_factory=ReceptorAssumptions)
    plasticity_model: PlasticityModel = field(default_factory=PlasticityModel)

    disclaimer = DISCLAIMER

    @cached_property
    def model(self):
        """The patient's pharmacokinetic model in internal units (:class:`~simulator.pk.PKModel`)."""
        return model_for(self.pk_set, self.patient, self.regimen.routes, check_validity=False)

    @cached_property
    def _states(self) -> np.ndarray:
        """All states (amounts in mg, effect sites in mg/L), shape (T, n)."""
        states = np.array(self._batch.solution.states[:, 0, :])
        largest = self._batch.total_mg[0] / self._batch.volumes_l[0].min()
        return _without_round_off(states[None], [max(largest, self._batch.total_mg[0])], "state")[0]

    @cached_property
    def _integrals(self) -> np.ndarray:
        """Running integrals of all states from 0 (mg min, or mg/L min for effect sites), shape (T, n)."""
        integrals = np.array(self._batch.solution.integrals[:, 0, :])
        largest = max(self._batch.total_mg[0], self._batch.total_mg[0] / self._batch.volumes_l[0].min())
        return _without_round_off(integrals[None], [largest * max(self.time_h[-1] * 60.0, 1.0)], "integral")[0]

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

    def _concentration(self, column: int, species: str, unit: str) -> np.ndarray:
        return _readonly(convert_concentration(self._batch.concentrations[0, :, column], unit, species))

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
            Concentrations at :attr:`time_h` (read-only).
        """
        key = self._species(species)
        return self._concentration(_PLASMA_PARENT if key == "ketamine" else _PLASMA_METABOLITE, key, unit)

    def effect_site(self, species: str = "ketamine", unit: str = "ng/mL", endpoint: str = "brain") -> np.ndarray:
        """Effect-site (brain, as the model's delayed compartment) concentration over time.

        Expressed as the plasma concentration it would equilibrate with, not as a measured brain level.
        ``endpoint``: ``"brain"`` (default) is what the receptor model and the acute effects read: the parent
        equilibrates with a half-time of 11 s (hypnosis, Herd 2008, an assumption for adults), so a 2 mg/kg IV
        dose anaesthetises within a minute as the Ketalar label says; the metabolite with 6.1 min (Olofsen 2012).
        ``"analgesia"``: the parent through the slower site of the sub-anaesthetic endpoints (pain relief,
        cognition; t1/2ke0 6.1 min, Olofsen 2012), computed from the plasma curve taken linear between outputs
        (accurate to O(step^2)).
        """
        key = self._species(species)
        check_choice("endpoint", endpoint, EFFECT_ENDPOINTS)
        if endpoint == "brain" or key == "norketamine":
            return self._concentration(_EFFECT_PARENT if key == "ketamine" else _EFFECT_METABOLITE, key, unit)
        rate = self.pk_set.ke0_metabolite.value if self.pk_set.ke0_metabolite is not None else self.pk_set.ke0.value
        plasma = self.plasma(key, unit)
        return _readonly(first_order_hold(-60.0 * rate, 60.0 * rate, plasma, self.time_h, check=False))

    @property
    def occupancy(self) -> np.ndarray:
        """Fraction of NMDA channels blocked at the effect site, 0..1, over time (read-only).

        From the effect-site concentrations of parent and metabolite (each
        racemate split into its enantiomers) under :attr:`receptor`
        assumptions. No reliable human PET occupancy number exists: the level
        is uncertain, the shape is what the model teaches.
        """
        return _readonly(self._batch.occupancy[0])

    @cached_property
    def chain(self):
        """All stages of the toy plasticity chain (:class:`~simulator.plasticity.PlasticityResult`). Illustrative."""
        c = self._batch.plasticity
        stages = (c.drive, c.signal, c.synthesis, c.labile, c.consolidated, c.index, c.symptom_score)
        extra = (c.surge, c.expectancy, c.drug_share, c.add_on_share)
        return type(c)(
            self.time_h,
            *(_readonly(x[0]) for x in stages),
            c.baseline_score,
            *(None if x is None else _readonly(np.array(x[0])) for x in extra),
        )

    @property
    def masked(self) -> bool:
        """Whether every session was given under surgical anaesthesia (the masked arm's toy expectancy)."""
        return self._batch.masked

    @property
    def add_on(self) -> bool:
        """Whether a newly started oral antidepressant was taken beside the sessions (the toy add-on arm)."""
        return self._batch.add_on

    def improvement_parts(self) -> dict:
        """Toy improvement (points of 60) over time split into ``"drug"`` and ``"expectancy"``, adding up to it."""
        return {name: _readonly(part) for name, part in self.chain.improvement_parts().items()}

    @property
    def acute_model(self):
        """The toy acute-effect links (:class:`~simulator.acute.AcuteModel`)."""
        return self._batch.acute_model

    @property
    def dissociation_index(self) -> np.ndarray:
        """Toy dissociation index over time, 0-1 (standing in for scales such as CADSS). Illustrative."""
        return _readonly(self._batch.acute[0][0])

    @property
    def systolic_change_mmhg(self) -> np.ndarray:
        """Toy rise in systolic blood pressure over time, mmHg. Illustrative."""
        return _readonly(self._batch.acute[1][0])

    @property
    def plasticity_index(self) -> np.ndarray:
        """Toy synaptic-plasticity index over time (0 = baseline). Illustrative, not a measurement."""
        return self.chain.index

    @property
    def symptom_score(self) -> np.ndarray:
        """Toy symptom score on a 0-60 rating-like scale over time. Illustrative, not a prediction."""
        return self.chain.symptom_score

    @property
    def restored_share(self) -> np.ndarray:
        """Toy share (0-1) of the synapses depression took away that are restored, over time. Illustrative.

        0 is the depressed baseline, 1 a healthy reference: :func:`simulator.plasticity.restored_share` of the index.
        """
        return _readonly(restored_share(self.chain.index))

    def occupancy_range(self, assumptions=None) -> tuple[np.ndarray, np.ndarray]:
        """Return the lowest and highest occupancy over time across receptor assumptions (read-only arrays).

        ``assumptions``: a sequence of :class:`~simulator.receptor.ReceptorAssumptions` (default
        :data:`~simulator.receptor.ASSUMPTION_SPREAD`: Ki or IC50, without or with 1 mM Mg2+); this
        result's own assumptions are always included, so :attr:`occupancy` lies inside the range. The default
        range is computed once per result (the figure, its text and the CSV all read it).
        """
        if assumptions is None:
            return self._default_occupancy_range
        return self._occupancy_range(assumptions)

    @cached_property
    def _default_occupancy_range(self) -> tuple[np.ndarray, np.ndarray]:
        return self._occupancy_range(ASSUMPTION_SPREAD)

    def _occupancy_range(self, spread) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(spread, ReceptorAssumptions) or not all(isinstance(a, ReceptorAssumptions) for a in spread):
            raise TypeError("assumptions must be a sequence of simulator.ReceptorAssumptions")
        parent, metabolite = ligand_names(self.drug)
        concentrations = {parent: self.effect_site("ketamine", "mg/L"), metabolite: self.effect_site("norketamine", "mg/L")}
        levels = [self.occupancy] + [total_occupancy(concentrations, "mg/L", assumptions=a, basis="plasma") for a in spread]
        return _readonly(np.min(levels, axis=0)), _readonly(np.max(levels, axis=0))

    def occupancy_by_ligand(self) -> dict:
        """Return occupancy over time of each ligand (and racemate) present, plus ``"total"``."""
        parent, metabolite = ligand_names(self.drug)
        concentrations = {parent: self.effect_site("ketamine", "mg/L"), metabolite: self.effect_site("norketamine", "mg/L")}
        out = equilibrium_occupancy(concentrations, "mg/L", assumptions=self.receptor, basis="plasma")
        return {name: _readonly(values) for name, values in out.items()}

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
        m, layout = self.model, self._batch.layout
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
        given = sum(
            (_delivered(t_min, p.start_min, p.duration_min, p.amount_mg) for p in self.regimen.inputs(self.patient.weight_kg)),
            np.zeros_like(t_min),
        )
        boluses, rates = input_schedule(self.model, layout, self.regimen.inputs(self.patient.weight_kg))
        released = sum((_delivered(t_min, start, 0.0, amount) for start, _, amount in boluses), np.zeros_like(t_min))
        released = released + sum(
            (_delivered(t_min, start, end - start, rate * (end - start)) for start, end, _, rate in rates), np.zeros_like(t_min)
        )
        depots = depots + given - released
        out = {
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
        return {name: _readonly(np.asarray(values, dtype=float)) for name, values in out.items()}

    def auc(self, species: str = "ketamine", unit: str = "ng/mL") -> np.ndarray:
        """Area under the plasma curve from 0 to each output time, ``unit`` x h (exact)."""
        key = self._species(species)
        layout = self._batch.layout
        if key == "ketamine":
            integral, volume = self._integrals[:, layout.parent.start], self.model.parent.volumes_l[0]
        else:
            integral, volume = self._integrals[:, layout.metabolite.start], self.model.metabolite.volumes_l[0]
        return _readonly(convert_concentration(integral / volume / 60.0, unit, key))

    def terminal_half_life_h(self, species: str = "ketamine") -> float:
        """Terminal half-life estimated from the curve, as in non-compartmental analysis.

        Log-linear regression over the last quarter of the time after the last dose during which the
        concentration is still at least :data:`TERMINAL_FLOOR` of its peak (a quantification limit, as a
        laboratory's: below it the curve is numerically nothing, about 1e-36 of the peak after four weeks, and a fit
        there would change with the window shown); at least three points; NaN if there are too few.
        """
        key = self._species(species)
        c = self.plasma(key, "mg/L")
        measurable = (self.time_h >= self.regimen.end_h) & (c >= TERMINAL_FLOOR * float(np.max(c))) & (c > 0)
        if measurable.sum() < 3:
            return math.nan
        last = float(self.time_h[measurable][-1])
        after = self.time_h >= self.regimen.end_h + 0.75 * (last - self.regimen.end_h)
        keep = after & measurable
        if keep.sum() < 3:
            return math.nan
        t, log_c = self.time_h[keep], np.log(c[keep])
        spread = np.sum((t - t.mean()) ** 2)
        if spread == 0:
            return math.nan
        slope = np.sum((t - t.mean()) * (log_c - log_c.mean())) / spread  # least-squares slope
        return float(math.log(2.0) / -slope) if slope < 0 else math.inf

    def summary(self, unit: str = "ng/mL", significant: int | None = SIGNIFICANT_FIGURES) -> dict:
        """Cmax, Tmax, AUC, half-life for ketamine and norketamine; peak occupancy; toy plasticity and symptom index.

        Parameters
        ----------
        unit : {"ng/mL", "mg/L", "uM"}
            Concentration unit.
        significant : int or None
            Significant figures of every number (default 3; None: full precision).

        Returns
        -------
        dict
            ``{"ketamine": {"cmax": ..., "tmax_h": ..., "auc": ..., "terminal_half_life_h": ...},
            "norketamine": {...}, "occupancy": {...}, "plasticity": {...}, "symptom": {...}, "acute": {...},
            "unit": unit,
            "pk_set": name, "window_h": (start, end), "cut_by_window": [...], "disclaimer": ...}``.
            ``auc`` is over the simulated window, in ``unit`` x h. ``cut_by_window`` names every quantity the
            window cuts short (a peak at its last time after the last dose, or a toy response still going
            on at its end): the window is too short to show it. ``symptom`` is the toy symptom index (0-60),
            not a clinical rating scale. ``acute`` is :func:`simulator.acute.acute_summary`: toy dissociation and
            blood-pressure peaks, hours above the psychotomimetic band, resolution after each session (back to
            baseline) and ``hours_with_effects``, the one "hours of toy acute effects" of every view
            (:func:`simulator.acute.hours_with_effects`: either effect above a fixed, illustrative threshold,
            dissociation index 0.1 or systolic rise 4 mmHg).

        Examples
        --------
        >>> import simulator as sim
        >>> r = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24)
        >>> "plasticity peak" in r.summary()["cut_by_window"]
        True
        """
        if significant is not None:
            significant = check_int("significant", significant, low=1, high=17)
        t = self.time_h
        last = t.size - 1
        out = {"unit": unit, "auc_unit": f"{unit}*h", "pk_set": self.pk_set.name, "disclaimer": DISCLAIMER}
        out["window_h"] = (float(t[0]), float(t[-1]))
        cut = []
        occupancy = self.occupancy
        i = _first_peak(occupancy)
        by_ligand = self.occupancy_by_ligand()
        metabolite = by_ligand[ligand_names(self.drug)[1]][i]
        share = float(metabolite / by_ligand["total"][i]) if by_ligand["total"][i] > 0 else 0.0
        out["occupancy"] = {"peak": float(occupancy[i]), "time_of_peak_h": float(t[i]), "metabolite_share_of_peak": share}
        index = self.plasticity_index
        j = int(np.argmax(index))
        out["plasticity"] = {"peak_index": float(index[j]), "time_of_peak_h": float(t[j])}
        out["symptom"] = symptom_summary(t, self.symptom_score, self.plasticity_model.baseline_score)
        parts = self.improvement_parts()
        peak = int(np.argmax(parts["drug"] + parts["expectancy"]))
        total = float(parts["drug"][peak] + parts["expectancy"][peak])
        out["symptom"]["expectancy_share_of_peak"] = float(parts["expectancy"][peak]) / total if total > 0 else 0.0
        after_last_dose = t[-1] > self.regimen.end_h
        for name, k in (("occupancy peak", i), ("plasticity peak", j)):
            if k == last and after_last_dose and index[j] > 0:
                cut.append(name)
        symptom = out["symptom"]
        if symptom["peak_h"] == float(t[-1]) and symptom["peak_improvement"] > 0 and after_last_dose:
            cut.append("symptom peak")
        if symptom["response_end_h"] == float(t[-1]):
            cut.append("symptom response")
        for key in SPECIES:
            c = self.plasma(key, unit)
            i = _first_peak(c)
            out[key] = {
                "cmax": float(c[i]),
                "tmax_h": float(t[i]),
                "auc": float(self.auc(key, unit)[-1]),
                "terminal_half_life_h": self.terminal_half_life_h(key),
            }
            if i == last and after_last_dose and c[i] > 0:
                cut.append(f"{key} peak")
        out["acute"] = acute_summary(
            t,
            [e.start_h for e in self.regimen.events],
            self.dissociation_index,
            self.systolic_change_mmhg,
            self.plasma("ketamine", "ng/mL"),
            self.drug,
            self.acute_model,
        )
        if None in out["acute"]["resolved_after_h"]:
            cut.append("acute effects resolved")
        out["cut_by_window"] = cut
        return _rounded(out, significant) if significant is not None else out

    def summary_rows(self, unit: str = "ng/mL", generic: bool = False) -> list:
        """Return :meth:`summary` as rows (quantity, value, unit), the same rows in the same order for every result.

        Toy quantities say so in their names. ``generic`` names the species "drug" and "metabolite" (for
        tables that set racemic ketamine beside esketamine). A number the window does not reach is NaN.
        """
        return self._rows(self.summary(unit), unit, generic)

    def _rows(self, s: dict, unit: str, generic: bool = False) -> list:
        """:meth:`summary_rows` from a summary ``s`` already computed (one summary per table)."""
        names = {"ketamine": "drug", "norketamine": "metabolite"} if generic else (
            {"ketamine": "esketamine", "norketamine": "noresketamine"} if self.drug == "esketamine" else {})  # fmt: skip
        rows = []
        for species in SPECIES:
            name, k = names.get(species, species), s[species]
            rows += [
                (f"{name}: peak plasma concentration (Cmax)", k["cmax"], unit),
                (f"{name}: time of the peak (Tmax)", k["tmax_h"], "h"),
                (f"{name}: area under the curve (AUC)", k["auc"], f"{unit} x h"),
                (f"{name}: terminal half-life", k["terminal_half_life_h"], "h"),
            ]
        sym, acute = s["symptom"], s["acute"]
        first = acute["resolved_after_h"][0] if acute["resolved_after_h"] else None
        rows += [
            ("sessions", len(self.regimen.events), ""),
            ("NMDA block: peak", 100 * s["occupancy"]["peak"], "% of channels"),
            ("NMDA block: time of the peak", s["occupancy"]["time_of_peak_h"], "h"),
            ("toy plasticity index: peak", s["plasticity"]["peak_index"], "toy units"),
            ("toy plasticity index: time of the peak", s["plasticity"]["time_of_peak_h"], "h"),
            ("toy symptom score: improvement starts", sym["onset_h"], "h"),
            ("toy symptom score: largest improvement", sym["peak_improvement"], "points of 60"),
            ("toy symptom score: time of the largest improvement", sym["peak_h"], "h"),
            ("toy symptom score: toy response starts", sym["response_start_h"], "h"),
            ("toy symptom score: toy response ends", sym["response_end_h"], "h"),
            ("toy symptom score: days in toy response", sym["days_in_response"], "days"),
            ("toy symptom score: share of the largest improvement from expectancy", 100 * sym["expectancy_share_of_peak"], "%"),
            ("toy dissociation: peak", acute["dissociation_peak"], "0-1"),
            ("toy dissociation: time of the peak", acute["dissociation_peak_h"], "h"),
            ("toy systolic blood pressure rise: peak", acute["systolic_peak_mmhg"], "mmHg"),
            ("toy systolic blood pressure rise: time of the peak", acute["systolic_peak_h"], "h"),
            (f"{RESOLVED_NAME}, after the first session's start", np.nan if first is None else first, "h"),
            (
                f"{HOURS_WITH_EFFECTS_NAME} in all ({hours_with_effects_definition(self.acute_model)})",
                acute["hours_with_effects"],
                "h",
            ),
        ]
        return rows

    def summary_table(self, unit: str = "ng/mL"):
        """Return :meth:`summary` as a table with units (:class:`simulator.export.Table`), for a notebook or a handout.

        The rows are :meth:`summary_rows`; the window and the parameter set are in the note.
        """
        s = self.summary(unit)
        cut = f" Cut short by the window: {', '.join(s['cut_by_window'])}." if s["cut_by_window"] else ""
        note = f"Parameter set {s['pk_set']}; window {s['window_h'][0]:g}-{s['window_h'][1]:g} h.{cut}"
        columns = (("quantity", ""), ("value", ""), ("unit", ""))
        return Table(columns, tuple(self._rows(s, unit)), title="Summary of one simulation", note=note)

    def table_at(self, times_h, unit: str = "ng/mL"):
        """Return a table of every stage of the chain read at ``times_h`` (hours after the start; linear in between).

        One row per time: the parent drug in plasma and in the brain (effect site), the metabolite, NMDA block,
        the toy plasticity index, the toy improvement (baseline minus score), the toy dissociation and the toy
        systolic rise. Times outside the simulated window are refused.
        """
        t = self.time_h
        times = check_times("times_h", np.atleast_1d(times_h) if isinstance(times_h, numbers.Real) else times_h, max_points=1000)
        if times[0] < t[0] or times[-1] > t[-1]:
            window = f"[{t[0]:g}, {t[-1]:g}] h"
            raise ValueError(f"times_h must lie in the simulated window {window}, got {times[0]:g} to {times[-1]:g}")
        parent, metabolite = self.pk_set.species
        curves = (
            (f"{parent} in plasma", unit, self.plasma("ketamine", unit)),
            (f"{parent} in the brain", unit, self.effect_site("ketamine", unit)),
            (f"{metabolite} in plasma", unit, self.plasma("norketamine", unit)),
            ("NMDA block", "% of channels", 100 * self.occupancy),
            ("toy plasticity index", "toy units", self.plasticity_index),
            ("toy improvement", "points of 60", self.plasticity_model.baseline_score - self.symptom_score),
            ("toy dissociation", "0-1", self.dissociation_index),
            ("toy systolic rise", "mmHg", self.systolic_change_mmhg),
        )
        columns = (("time after the start", "h"), *((name, u) for name, u, _ in curves))
        rows = tuple((float(h), *(float(np.interp(h, t, values)) for _, _, values in curves)) for h in times)
        return Table(columns, rows, title="The chain at chosen times", note=f"Parameter set {self.pk_set.name}.")


def _first_peak(values: np.ndarray, rtol: float = 1e-4) -> int:
    """Return the index of the first value within ``rtol`` of the largest: equal sessions peak at the first one.

    Six equal infusions 2.5 days apart peak equally but for a trace left from the session before (the second
    peak is 1e-6 higher, relatively); the first session's peak is the one to report, as a Tmax "5 days after
    the first dose" would mislead. Within 1e-4 the peaks are the same number at the 3 significant figures shown.
    """
    top = values.max()
    return int(np.argmax(values >= top - rtol * abs(top)))


def _rounded(value, significant: int):
    """Round every float in a nested summary to ``significant`` figures (NaN and inf unchanged)."""
    if isinstance(value, dict):
        return {k: _rounded(v, significant) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_rounded(v, significant) for v in value)
    if isinstance(value, float) and math.isfinite(value) and value != 0.0:
        return round(value, significant - 1 - math.floor(math.log10(abs(value))))
    return value


_DEFAULT_RECEPTOR = ReceptorAssumptions()  # frozen: one instance serves every call
_DEFAULT_PLASTICITY = PlasticityModel()
_DEFAULT_ACUTE = AcuteModel()


def resolve_choices(regimen, pk_set, receptor, plasticity):
    """Check and default what every simulation needs besides the patient (shared by simulate and populations).

    Returns the regimen, the parameter set (the drug's documented default unless named), and the receptor and
    plasticity assumptions.
    """
    regimen = as_regimen(regimen)
    receptor = _DEFAULT_RECEPTOR if receptor is None else receptor
    if not isinstance(receptor, ReceptorAssumptions):
        raise TypeError(f"receptor must be a simulator.ReceptorAssumptions, got {type(receptor).__name__}")
    plasticity = _DEFAULT_PLASTICITY if plasticity is None else plasticity
    if not isinstance(plasticity, PlasticityModel):
        raise TypeError(f"plasticity must be a simulator.PlasticityModel, got {type(plasticity).__name__}")
    params = literature.default_for(regimen.drug) if pk_set is None else literature.get(pk_set)
    if params.drug != regimen.drug:
        raise ValueError(f"pk_set {params.name!r} describes {params.drug} ketamine, but the regimen gives {regimen.drug}")
    return regimen, params, receptor, plasticity


#: Kinds of output grid: ``"regular"`` (equal steps) or ``"log"`` (fine at first, for a log time axis).
GRIDS = ("regular", "log")


def log_time_grid(end_h: float, step_min: float = 10.0) -> np.ndarray:
    """Return output times (h) for a log time axis: fine steps in the first two hours, then every ``step_min``.

    A uniform 10-minute grid draws the first hour on a log axis as a few straight segments. This grid steps
    0.5 min to 10 min, 1 min to 30 min and 2 min to 2 h (never coarser than ``step_min``), then ``step_min``:
    smooth from 5 minutes on, and a few runs of equal steps, so the toy chain's filters stay fast. It is what
    ``simulate(..., grid="log")`` uses. ``end_h`` in (0, :data:`MAX_END_H`] h; ``step_min`` in [0.1, 60].

    Examples
    --------
    >>> t = log_time_grid(24.0)
    >>> float(t[0]), float(t[1] * 60), float(t[-1]), round(float((t[-1] - t[-2]) * 60), 9)
    (0.0, 0.5, 24.0, 10.0)
    """
    end_h = check_number("end_h", end_h, low=0.0, high=MAX_END_H, low_inclusive=False)
    step_min = check_number("step_min", step_min, low=0.1, high=60.0)
    pieces, start = [], 0.0
    for until, step in ((10.0, 0.5), (30.0, 1.0), (120.0, 2.0)):
        step = min(step, step_min)
        pieces.append(np.arange(start, until, step))
        start = until
    minutes = np.concatenate([*pieces, np.arange(start, 60.0 * end_h, step_min), [60.0 * end_h]])
    return np.unique(minutes[minutes <= 60.0 * end_h]) / 60.0


def time_grid(regimen, end_h=None, step_min=None, time_h=None, grid: str = "regular") -> np.ndarray:
    """Return the output times, h: explicit ``time_h``, or a grid from 0 to ``end_h``.

    ``grid="regular"``: equal steps of at most ``step_min`` (default 1 min). ``grid="log"``:
    :func:`log_time_grid` (fine steps in the first two hours, then ``step_min``, default 10 min).
    ``regimen``: a dose event or a :class:`~simulator.Regimen`. ``end_h`` defaults to 24 h after the last dose;
    at most :data:`MAX_END_H` and :data:`MAX_POINTS` points.
    """
    regimen = as_regimen(regimen)
    grid = check_choice("grid", grid, GRIDS)
    if time_h is not None:
        t = check_times("time_h", time_h, max_points=MAX_POINTS)
        if t[-1] > MAX_END_H:
            raise ValueError(f"time_h must end by MAX_END_H = {MAX_END_H:g} h, got {t[-1]!r}")
        return _readonly(t)
    if end_h is None:
        end_h = regimen.end_h + 24.0
    if grid == "log":
        return _readonly(log_time_grid(end_h, 10.0 if step_min is None else step_min))
    end_h = check_number("end_h", end_h, low=0.0, high=MAX_END_H, low_inclusive=False)
    step_min = check_number("step_min", 1.0 if step_min is None else step_min, low=0.01, high=24 * 60.0)
    # a regular grid from 0 to end_h with a step of at most step_min (the fast solvers need it regular)
    n = math.ceil(end_h * 60.0 / step_min - 1e-9) + 1
    if n > MAX_POINTS:
        raise ValueError(f"end_h / step_min gives {n} output points; the limit is {MAX_POINTS}: raise step_min")
    return _readonly(np.linspace(0.0, end_h, n))


def _delivered(t_min, start_min, duration_min, amount):
    """Amount delivered by ``t_min`` from a dose given at once or at a constant rate."""
    if duration_min > 0:
        return amount * np.clip((t_min - start_min) / duration_min, 0.0, 1.0)
    return np.where(t_min >= start_min, amount, 0.0)


def simulate(
    regimen,
    patient: Patient | None = None,
    *,
    end_h=None,
    pk_set=None,
    step_min=None,
    time_h=None,
    grid: str = "regular",
    receptor=None,
    plasticity=None,
    acute=None,
    masked: bool = False,
    add_on: bool = False,
) -> Result:
    """Simulate the whole chain for one patient: concentrations, occupancy, toy plasticity and symptom score.

    Each stage is computed when first asked for.

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
    step_min : float, optional
        Output resolution, minutes (default 1 on the regular grid; on the log grid the step after the first
        two hours, default 10).
    time_h : array_like, optional
        Explicit output times in hours (overrides ``end_h``, ``step_min`` and ``grid``).
    grid : {"regular", "log"}
        ``"log"``: fine steps first, for a minutes-to-weeks log time axis (:func:`log_time_grid`).
    receptor : ReceptorAssumptions, optional
        Assumptions for NMDA occupancy (default: binding Ki, unbound fraction
        0.55, free-drug partition, no Mg2+, -70 mV).
    plasticity : PlasticityModel, optional
        The toy plasticity chain and symptom score (baseline 32 of 60).
    acute : AcuteModel, optional
        The toy acute-effect links (dissociation, systolic blood pressure).
    masked : bool
        Every session under surgical anaesthesia (Lii 2023): nobody can tell what was given, so the toy
        expectancy is the masked arm's (the same as a masked saline arm's), not a blinded drug arm's.
    add_on : bool
        A newly started oral antidepressant beside the sessions, a tablet a day from the first (the toy conventional
        comparator, as esketamine is labelled: with an oral antidepressant); see :class:`Chain`.

    Returns
    -------
    Result

    Examples
    --------
    >>> import simulator as sim
    >>> result = simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sim.Patient(weight_kg=70))
    >>> round(float(result.time_h[result.plasma().argmax()]), 2)
    0.67
    """
    regimen, params, receptor, plasticity = resolve_choices(regimen, pk_set, receptor, plasticity)
    if patient is None:
        patient = Patient()
    if not isinstance(patient, Patient):
        raise TypeError(f"patient must be a simulator.Patient, got {type(patient).__name__}")
    t = time_grid(regimen, end_h, step_min, time_h, grid)
    chain = Chain(regimen, (patient,), params, receptor, plasticity, t, acute=acute, masked=masked, add_on=add_on)
    return Result(t, regimen, patient, params, chain, receptor, plasticity)


def simulate_sets(
    regimen,
    patient: Patient | None = None,
    *,
    pk_sets=None,
    end_h=None,
    step_min=None,
    time_h=None,
    grid: str = "regular",
    receptor=None,
    plasticity=None,
    acute=None,
) -> Mapping:
    """Simulate one regimen under several published parameter sets: where the models disagree.

    Each set runs as :func:`simulate` runs it, except that no
    :class:`~simulator.literature.OutsideValidityWarning` is raised: sets fitted in other populations (children,
    intensive care) are compared on purpose, and each result's ``pk_set`` says whom it was fitted in.

    Parameters
    ----------
    regimen : dose event or Regimen
        What is given (an input for exploring the models).
    patient : Patient, optional
        Default: ``Patient()`` (70 kg, 40 y).
    pk_sets : sequence of str, optional
        Registered set names, each once (default: :func:`simulator.literature.sets_for` the regimen, every set
        for its drug that describes its routes).
    end_h, step_min, time_h, grid, receptor, plasticity, acute
        As in :func:`simulate`, the same for every set.

    Returns
    -------
    Mapping
        Set name -> :class:`Result`, in the order of ``pk_sets``; read-only.

    Examples
    --------
    >>> import simulator as sim
    >>> results = simulate_sets(sim.Oral(dose_mg=50), end_h=6.0)
    >>> list(results)
    ['clements_1981', 'kamp_2020']
    """
    regimen = as_regimen(regimen)
    if pk_sets is None:
        pk_sets = literature.sets_for(regimen)
        if not pk_sets:
            raise ValueError(f"regimen: no registered parameter set describes {regimen.drug} by {', '.join(regimen.routes)}")
    if isinstance(pk_sets, str) or not isinstance(pk_sets, (list, tuple)):
        raise TypeError(f"pk_sets must be a list or tuple of registered set names, got {pk_sets!r}")
    if not pk_sets:
        raise ValueError("pk_sets must name at least one registered set, got an empty list")
    for i, name in enumerate(pk_sets):
        check_choice(f"pk_sets[{i}]", name, tuple(literature.names()))
    if len(set(pk_sets)) != len(pk_sets):
        raise ValueError(f"pk_sets must name each set once, got {list(pk_sets)}")
    options = {"end_h": end_h, "step_min": step_min, "time_h": time_h, "grid": grid, "receptor": receptor,
               "plasticity": plasticity, "acute": acute}  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", literature.OutsideValidityWarning)  # compared on purpose; pk_set says who
        results = {name: simulate(regimen, patient, pk_set=name, **options) for name in pk_sets}
    return MappingProxyType(results)


def compare(results: Mapping, rows=None, *, unit: str = "ng/mL", title: str = "Side by side", note: str = "") -> Table:
    """Put simulations side by side: one row per quantity of :meth:`Result.summary_rows`, one column per result.

    Parameters
    ----------
    results : mapping of str to Result
        Column label -> simulation (any regimens, drugs and patients).
    rows : sequence of str, optional
        Which quantities, in this order: each selects every summary row whose name contains it (ignoring
        case, at the start of a word: "ketamine" does not select "norketamine"), for example
        ``["NMDA block: peak", "toy dissociation", "days in toy response"]``. Default: all.
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.

    Examples
    --------
    >>> import simulator as sim
    >>> one = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24 * 21, step_min=10)
    >>> two = sim.simulate(sim.Infusion(dose_mg_per_kg=1.0, duration_min=40), end_h=24 * 21, step_min=10)
    >>> print(str(compare({"0.5 mg/kg": one, "1 mg/kg": two}, ["NMDA block: peak"])).splitlines()[2])
    NMDA block: peak | 45.4      | 62.5    | % of channels
    """
    if not isinstance(results, Mapping) or not results:
        raise TypeError(f"results must be a non-empty mapping of label -> Result, got {type(results).__name__}")
    for label, result in results.items():
        if not isinstance(result, Result):
            raise TypeError(f"results[{label!r}] must be a simulator.Result, got {type(result).__name__}")
    generic = len({r.drug for r in results.values()}) > 1
    tables = [r.summary_rows(unit, generic=generic) for r in results.values()]
    names = [row[0] for row in tables[0]]
    if rows is None:
        chosen = list(range(len(names)))
    else:
        if isinstance(rows, str) or not all(isinstance(x, str) for x in rows):
            raise TypeError(f"rows must be a list of strings, got {rows!r}")
        chosen = []
        for wanted in rows:
            pattern = re.compile(r"(?<!\w)" + re.escape(wanted), re.IGNORECASE)  # "ketamine" is not in "norketamine"
            found = [i for i, name in enumerate(names) if pattern.search(name)]
            if not found:
                raise ValueError(f"rows: {wanted!r} names no summary quantity; the quantities are {names}")
            chosen += [i for i in found if i not in chosen]
    columns = (("quantity", ""), *((str(label), "") for label in results), ("unit", ""))
    body = tuple((names[i], *(table[i][1] for table in tables), tables[0][i][2]) for i in chosen)
    return Table(columns, body, title=title, note=note)


@dataclass(frozen=True)
class EnantiomerDecomposition:
    """Why racemic ketamine and esketamine at half its dose block different shares of NMDA channels: two parts.

    All blocks and parts are percentage points of channels at the peak. ``total_gap`` = ``racemic_peak`` -
    ``esketamine_peak`` = ``r_share`` + ``kinetics`` + ``remainder``, exactly (``remainder`` is what the two named
    parts leave: the two parts telescope, so it is 0 up to round-off, kept so the sum is stated rather than assumed).

    Attributes
    ----------
    racemic_peak, s_part_peak, esketamine_peak : float
        Peak block of the racemic arm; of its S part alone (S-ketamine and S-norketamine, half of each
        racemate, at the racemic set's levels, no R present); of the esketamine arm (its own parameter set).
    r_share : float
        ``racemic_peak - s_part_peak``: what R-ketamine and R-norketamine add (the enantiomer).
    kinetics : float
        ``s_part_peak - esketamine_peak``: the same S dose under the two parameter sets (the kinetics).
    remainder, total_gap : float
        See above.
    racemic_set, esketamine_set : str
        The two parameter sets' names.
    """

    racemic_peak: float
    s_part_peak: float
    esketamine_peak: float
    r_share: float
    kinetics: float
    remainder: float
    total_gap: float
    racemic_set: str
    esketamine_set: str

    def describe(self) -> str:
        """Return the decomposition in one sentence, each number to 3 significant figures."""
        f = format_number
        sets = [literature.get(name).citation.short() for name in (self.racemic_set, self.esketamine_set)]
        return (
            f"Peak NMDA block {f(self.racemic_peak)}% (racemic) against {f(self.esketamine_peak)}% (esketamine at half the "
            f"dose): a gap of {f(self.total_gap)} points, of which {f(self.r_share)} are R-ketamine (the racemate's S part "
            f"alone, at the same levels, blocks {f(self.s_part_peak)}%) and {f(self.kinetics)} the two parameter sets' "
            f"different S-ketamine levels ({sets[0]} against {sets[1]})"
            + (f", {f(self.remainder)} left over" if abs(self.remainder) >= 0.0005 else "")
            + "."
        )


def enantiomer_decomposition(racemic: Result, esketamine: Result) -> EnantiomerDecomposition:
    """Split the gap in peak NMDA block between racemic ketamine and esketamine at half its dose into two parts.

    A pure readout of two results (it simulates nothing): ``racemic`` gives racemic ketamine, ``esketamine`` the
    same S dose (half the racemic mg) as esketamine, for the same receptor assumptions. The racemic set's
    effect-site levels are split into their enantiomers (half each, as :mod:`simulator.receptor` does), and the S
    half alone is read through the same occupancy model: racemic minus that is R-ketamine's share; that minus the
    esketamine arm is the parameter sets' share (the same S dose, two sets of kinetics). Returns an
    :class:`EnantiomerDecomposition`.

    Raises
    ------
    TypeError
        When either is not a :class:`Result`.
    ValueError
        When the drugs are not racemic and esketamine, the S doses differ, or the receptor assumptions differ.
    """
    for name, r in (("racemic", racemic), ("esketamine", esketamine)):
        if not isinstance(r, Result):
            raise TypeError(f"{name} must be a simulator.Result, got {type(r).__name__}")
    if racemic.drug != "racemic" or esketamine.drug != "esketamine":
        raise ValueError(
            f"racemic and esketamine must give racemic ketamine and esketamine, got {racemic.drug} and {esketamine.drug}"
        )
    s_mg = [racemic.regimen.total_mg(racemic.patient.weight_kg) / 2.0, esketamine.regimen.total_mg(esketamine.patient.weight_kg)]
    if not math.isclose(s_mg[0], s_mg[1], rel_tol=1e-9):
        raise ValueError(
            f"esketamine must give the racemic dose's S half ({s_mg[0]:g} mg), got {s_mg[1]:g} mg: the kinetics part "
            "would hold a dose difference"
        )
    if racemic.receptor != esketamine.receptor:
        raise ValueError("racemic and esketamine must share their receptor assumptions")
    s_part = total_occupancy(
        {
            "esketamine": racemic.effect_site("ketamine", "mg/L") / 2.0,
            "esnorketamine": racemic.effect_site("norketamine", "mg/L") / 2.0,
        },
        "mg/L",
        assumptions=racemic.receptor,
        basis="plasma",
    )
    peaks = [100.0 * float(x[_first_peak(x)]) for x in (racemic.occupancy, s_part, esketamine.occupancy)]
    r_share, kinetics = peaks[0] - peaks[1], peaks[1] - peaks[2]
    total = peaks[0] - peaks[2]
    return EnantiomerDecomposition(
        *peaks, r_share, kinetics, total - r_share - kinetics, total, racemic.pk_set.name, esketamine.pk_set.name
    )
