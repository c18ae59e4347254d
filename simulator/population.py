"""Virtual populations through the whole chain: ``simulate_population``, and the comparator arms.

The same regimen is given to ``n`` virtual patients drawn with covariates and
log-normal random effects (:func:`draw_population`), a toy share of them
non-responders to ketamine. They run through the one pipeline
(:class:`simulator.pipeline.Chain`) in chunks, so each member equals
:func:`simulator.simulate` of that patient, and the results are kept per patient
with percentile bands. Memory is checked before anything is allocated.
:func:`simulate_comparator_population` gives the same kind of virtual patients a
toy comparator arm (a conventional antidepressant, or a placebo), so that the
fraction in (toy) response can be compared over time.
Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from . import literature
from ._validate import MEMORY_BUDGET_BYTES, check_choice, check_int, check_nonnegative, check_number
from .acute import AcuteModel, hours_with_effects
from .dosing import as_regimen
from .labels import DISCLAIMER
from .literature.covariates import NONRESPONDER_SENSITIVITY, Variability, variability_for
from .patient import AGE_LIMITS_Y, EFFECT_LIMITS, EFFECT_NAMES, WEIGHT_LIMITS_KG, Patient, RandomEffects
from .pipeline import OUTPUTS, Chain, resolve_choices, time_grid
from .plasticity import PLACEBO_KINDS, conventional_antidepressant, days_in_response, in_response, placebo_arm, symptom_summary
from .tables import Table

__all__ = [
    "COMPARATOR_ARMS",
    "DEFAULT_OUTPUTS",
    "MEMORY_BUDGET_BYTES",
    "OUTPUTS",
    "ComparatorPopulation",
    "PopulationResult",
    "Variability",
    "VirtualPatients",
    "compare_schedules",
    "draw_patient",
    "draw_population",
    "peak_times",
    "simulate_comparator_population",
    "simulate_population",
]

#: Largest coefficient of variation a random effect may have.
MAX_CV = 5.0
# MEMORY_BUDGET_BYTES (from simulator._validate, shared with pipeline.Chain): most memory the stored curves of one
# population may take (patients x times x outputs x item size), and one chunk's concentrations.
#: Outputs stored by default (the effect-site concentrations are available on request).
DEFAULT_OUTPUTS = ("plasma_ketamine", "plasma_norketamine", "occupancy", "plasticity_index", "symptom_score")


@dataclass(frozen=True, eq=False)
class PopulationResult:
    """Per-patient curves (time x patients) of every output, and the draws behind them.

    Attributes
    ----------
    time_h : numpy.ndarray
        Output times, h.
    data : dict
        Output name (:data:`OUTPUTS`) -> read-only array (n, T), one row per patient (float32 by
        default; with ``dtype="float64"`` equal to :func:`simulator.simulate` of that patient to
        rounding). Concentrations in ng/mL.
        :attr:`curves` gives the same arrays as (T, n) views.
    virtual : VirtualPatients
        Covariates and random effects.
    baseline_score : float
        Symptom baseline (toy scale 0-60).
    peaks : dict, optional
        Per-patient peaks read on a grid that resolves every session (:func:`peak_times`), not on the output
        grid, whose step may miss a 40-minute infusion's peak: ``"cmax_ketamine_ng_per_ml"`` and
        ``"peak_occupancy"`` (each the larger of the two grids' maxima), shape (n,).
    """

    time_h: np.ndarray
    data: dict
    virtual: object
    regimen: object
    pk_set: object
    baseline_score: float
    peaks: object = None

    disclaimer = DISCLAIMER

    def __len__(self) -> int:
        return len(self.virtual)

    @property
    def curves(self) -> dict:
        """Output name -> (T, n) view of the per-patient curves."""
        return {name: values.T for name, values in self.data.items()}

    def patient(self, i: int) -> Patient:
        """Return virtual patient ``i`` (covariates and random effects): ``simulate`` of it gives row ``i``."""
        return self.virtual.patients[self._index(i)]

    def _index(self, i) -> int:
        return check_int("i", i, low=0, high=len(self) - 1)

    def percentiles(self, name: str, q=(5, 25, 50, 75, 95)) -> np.ndarray:
        """Return percentiles across patients of output ``name`` at each time, shape (len(q), T)."""
        check_choice("name", name, tuple(self.data))
        q = np.asarray(q, dtype=float) if not isinstance(q, (str, bytes)) else q
        if isinstance(q, (str, bytes)) or q.ndim > 1 or q.size == 0 or not (np.all(q >= 0) and np.all(q <= 100)):
            raise ValueError(f"q must be percentiles in [0, 100] (a number or a 1-D sequence), got {q!r}")
        return np.percentile(self.data[name], q, axis=0)

    def _require(self, *names: str) -> None:
        """Raise ValueError naming the outputs among ``names`` that this population did not store."""
        missing = [name for name in names if name not in self.data]
        if missing:
            raise ValueError(
                f"this population did not store {', '.join(repr(m) for m in missing)} (see the outputs argument); "
                f"it stored {list(self.data)}"
            )

    def fraction_in_response(self) -> np.ndarray:
        """Fraction of virtual patients in response (toy score at most half the baseline) at each time.

        Needs the output ``symptom_score`` (stored by default).
        """
        self._require("symptom_score")
        return np.mean(in_response(self.data["symptom_score"], self.baseline_score), axis=0)

    def days_in_response(self) -> np.ndarray:
        """Days each virtual patient spends in toy response (:func:`simulator.plasticity.days_in_response`).

        Needs the output ``symptom_score`` (stored by default).
        """
        self._require("symptom_score")
        return days_in_response(self.time_h, self.data["symptom_score"], self.baseline_score)

    def per_patient(self) -> dict:
        """One row per patient: covariates, Cmax, peak occupancy, peak toy index, days in (toy) response.

        ``toy_nonresponder`` marks the patients drawn as toy non-responders to ketamine. Needs the outputs
        ``plasma_ketamine``, ``occupancy``, ``plasticity_index`` and ``symptom_score`` (stored by default).
        """
        self._require("plasma_ketamine", "occupancy", "plasticity_index", "symptom_score")
        days = self.days_in_response()
        ps = self.virtual.patients
        return {
            "weight_kg": np.array([p.weight_kg for p in ps]),
            "sex": np.array([p.sex for p in ps]),
            "cmax_ketamine_ng_per_ml": self.peak("cmax_ketamine_ng_per_ml"),
            "peak_occupancy": self.peak("peak_occupancy"),
            "peak_plasticity_index": self.data["plasticity_index"].max(axis=1),
            "days_in_response": days,
            "toy_nonresponder": np.array(self.virtual.nonresponders or (False,) * len(ps), dtype=bool),
        }

    def peak(self, name: str) -> np.ndarray:
        """Per-patient peak ``"cmax_ketamine_ng_per_ml"`` or ``"peak_occupancy"``, resolved at every session.

        Read from :attr:`peaks` (a grid through each session's input and the hours after it); a population built
        without them falls back to the output grid.
        """
        source = {"cmax_ketamine_ng_per_ml": "plasma_ketamine", "peak_occupancy": "occupancy"}
        check_choice("name", name, tuple(source))
        if self.peaks is not None and name in self.peaks:
            return self.peaks[name]
        self._require(source[name])
        return self.data[source[name]].max(axis=1)

    #: Rows of :meth:`summary_table`: (quantity, key of :meth:`per_patient`, unit, scale).
    _SUMMARY_ROWS = (
        ("peak plasma ketamine (Cmax)", "cmax_ketamine_ng_per_ml", "ng/mL", 1.0),
        ("NMDA block: peak", "peak_occupancy", "% of channels", 100.0),
        ("toy plasticity index: peak", "peak_plasticity_index", "toy units", 1.0),
        ("toy symptom score: days in toy response", "days_in_response", "days", 1.0),
    )

    def summary_table(self):
        """Return the spread of the key numbers across the virtual patients as a table (a :class:`~simulator.tables.Table`).

        One row per quantity of :meth:`per_patient`, with the 5th, 25th, 50th, 75th and 95th percentiles across
        patients; the same type as :meth:`simulator.Result.summary_table`. Needs the default outputs.
        """
        table = self.per_patient()
        q = (5, 25, 50, 75, 95)
        rows = tuple(
            (name, *(float(v) for v in scale * np.percentile(table[key], q)), unit)
            for name, key, unit, scale in self._SUMMARY_ROWS
        )
        columns = (("quantity", ""), *((f"p{p}" if p != 50 else "median", "") for p in q), ("unit", ""))
        note = (f"{len(self)} virtual patients (none is a real person); parameter set {self.pk_set.name}; percentiles across "
                "patients.")  # fmt: skip
        return Table(columns, rows, title="Summary of a virtual population", note=note)

    def patient_summary(self, i: int) -> dict:
        """Symptom summary (onset, peak, response) of patient ``i``."""
        self._require("symptom_score")
        return symptom_summary(self.time_h, self.data["symptom_score"][self._index(i)], self.baseline_score)


@dataclass(frozen=True)
class VirtualPatients:
    """Draws for a virtual population: covariates and log-normal random effects.

    Attributes
    ----------
    patients : tuple of Patient
        Each virtual patient: covariates and :class:`~simulator.patient.RandomEffects`.
    variability : Variability
        The coefficients of variation used (with their sources).
    nonresponders : tuple of bool
        True for each toy non-responder to ketamine (its ``sensitivity`` effect includes the factor
        ``NONRESPONDER_SENSITIVITY``); empty if not recorded.
    """

    patients: tuple
    variability: Variability
    nonresponders: tuple = ()

    def __len__(self) -> int:
        return len(self.patients)

    @property
    def effects(self) -> dict:
        """Random-effect multipliers exp(eta): name -> array with one value per patient (a copy)."""
        return {name: np.array([getattr(p.random_effects, name) for p in self.patients]) for name in EFFECT_NAMES}


def _covariate(name, spec, n, rng, limits):
    """Return n values: a fixed value, a (low, high) uniform range, or one value per patient."""
    if isinstance(spec, tuple) and len(spec) == 2:
        low = check_number(f"{name}[0]", spec[0], low=limits[0], high=limits[1])
        high = check_number(f"{name}[1]", spec[1], low=low, high=limits[1])
        return rng.uniform(low, high, n)
    if isinstance(spec, numbers.Real) or np.ndim(spec) == 0:
        return np.full(n, check_number(name, spec, low=limits[0], high=limits[1]))
    values = check_nonnegative(name, spec, np.shape(spec))
    if values.shape != (n,):
        raise ValueError(f"{name} must be a number, a (low, high) range or {n} values, got shape {values.shape}")
    return values


def _fraction(name, value):
    return check_number(name, value, low=0.0, high=1.0)


def draw_population(
    n: int,
    seed,
    *,
    variability,
    weight_kg=70.0,
    age_y=40.0,
    female_fraction: float = 0.0,
    cyp2b6_poor_fraction: float = 0.0,
    hepatic_impairment: str = "none",
    comedication=None,
) -> VirtualPatients:
    """Draw ``n`` virtual patients reproducibly from ``seed``.

    Each random effect is exp(eta) with eta ~ N(0, ln(1 + CV^2)). Toy non-responders to ketamine
    (probability ``variability.nonresponder_fraction``) have their ``sensitivity`` effect multiplied by
    ``NONRESPONDER_SENSITIVITY`` (0.1, invented; see :mod:`simulator.literature.covariates`).

    Parameters
    ----------
    n : int
        Number of patients, 1 to 100 000.
    seed : int or numpy.random.Generator
        The only source of randomness: the same seed, ``n`` and arguments give the same patients, bit for bit.
        Each covariate is drawn for all ``n`` patients at once, one after another, so another ``n`` gives other
        patients (patient 0's random effects too): compare populations of different sizes as samples, not patient
        by patient.
    variability : Variability
        Coefficients of variation of the random effects (omega^2 = ln(1 + CV^2)) and the toy
        non-responder fraction.
    weight_kg, age_y : float, (low, high) or array of n
        Fixed value, uniform range or given values.
    female_fraction, cyp2b6_poor_fraction : float
        Probability that a patient is female / a CYP2B6 poor metaboliser.
    hepatic_impairment : {"none", "mild", "moderate"}
        For every patient.
    comedication : None, str or tuple of str
        Co-medications of every patient (:class:`~simulator.patient.Patient`; default none).

    Returns
    -------
    VirtualPatients
    """
    n = check_int("n", n, low=1, high=100_000)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(check_int("seed", seed, low=0))
    if not isinstance(variability, Variability):
        raise TypeError(f"variability must be a simulator.population.Variability, got {type(variability).__name__}")
    weights = _covariate("weight_kg", weight_kg, n, rng, WEIGHT_LIMITS_KG)
    ages = _covariate("age_y", age_y, n, rng, AGE_LIMITS_Y)
    female = rng.random(n) < _fraction("female_fraction", female_fraction)
    poor = rng.random(n) < _fraction("cyp2b6_poor_fraction", cyp2b6_poor_fraction)
    check_choice("hepatic_impairment", hepatic_impairment, ("none", "mild", "moderate"))
    comedication = Patient(comedication=comedication).comedication  # checked once, before the draws are used
    effects = {}

    def lognormal(name):
        cv = check_number(f"variability.{name}", getattr(variability, name), low=0.0, high=MAX_CV)
        omega = np.sqrt(np.log1p(cv * cv))
        return np.clip(np.exp(omega * rng.standard_normal(n)), *EFFECT_LIMITS)

    for name in EFFECT_NAMES:
        if name != "acute_sensitivity":
            effects[name] = lognormal(name)
    # drawn after the random effects, so that they stay the same for a seed whatever the fraction
    fraction = check_number("variability.nonresponder_fraction", variability.nonresponder_fraction, low=0.0, high=1.0)
    nonresponder = rng.random(n) < fraction
    effects["acute_sensitivity"] = lognormal("acute_sensitivity")  # added last: earlier draws kept for a seed
    effects["sensitivity"] = np.clip(
        np.where(nonresponder, effects["sensitivity"] * NONRESPONDER_SENSITIVITY.value, effects["sensitivity"]), *EFFECT_LIMITS
    )
    patients = tuple(
        Patient(
            weight_kg=float(weights[i]),
            age_y=float(ages[i]),
            sex="female" if female[i] else "male",
            cyp2b6="poor" if poor[i] else "normal",
            hepatic_impairment=hepatic_impairment,
            comedication=comedication,
            random_effects=RandomEffects(**{name: float(values[i]) for name, values in effects.items()}),
        )
        for i in range(n)
    )
    return VirtualPatients(patients, variability, tuple(bool(x) for x in nonresponder))


#: Memory of one virtual patient's objects (covariates, random effects), bytes (benchmarks/bench_memory.py).
_PATIENT_BYTES = 700
#: float64 values per patient and output time alive in one chunk of the chain (the concentrations' buffer,
#: occupancy, the toy chain's stages, the acute links): 11-27 by outputs, measured by benchmarks/bench_memory.py.
_CHUNK_VALUES = 16
#: (patients x times) float64 arrays alive at once in a comparator arm (its drive, the score map's temporary, the score).
_COMPARATOR_ARRAYS = 3


def _population_bytes(n: int, times: int, outputs: int, itemsize: int, chunk: int) -> int:
    """Memory a population takes at its peak, bytes: its patients, the stored curves and one chunk's working set."""
    return n * _PATIENT_BYTES + n * times * outputs * itemsize + min(chunk, n) * times * 8 * _CHUNK_VALUES


def _comparator_bytes(n: int, points: int) -> int:
    """Memory a comparator population takes at its peak, bytes: its patients and the arrays of its arm."""
    return n * _PATIENT_BYTES + _COMPARATOR_ARRAYS * n * points * 8


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
    comedication=None,
    variability=None,
    variability_scale: float = 1.0,
    end_h=None,
    step_min: float = 5.0,
    receptor=None,
    plasticity=None,
    acute=None,
    outputs=DEFAULT_OUTPUTS,
    dtype: str = "float32",
    chunk: int = 48,
    masked: bool = False,
    add_on: bool = False,
) -> PopulationResult:
    """Run the whole chain for ``n`` virtual patients given the same regimen.

    Parameters
    ----------
    regimen : dose event or Regimen
        Illustrative inputs for exploring the model.
    n : int
        Number of virtual patients, 1 to 100 000.
    seed : int or numpy.random.Generator
        Same seed, same ``n`` and arguments: the same population, bit for bit. Another ``n`` draws other
        patients (patient 0's random effects too; :func:`draw_population`).
    pk_set : str, optional
        Parameter set (default: the drug's documented set).
    weight_kg, age_y : float, (low, high) or array
        Covariates: fixed, uniform range or one per patient.
    female_fraction, cyp2b6_poor_fraction : float
        Probabilities in [0, 1].
    hepatic_impairment : {"none", "mild", "moderate"}
        Illustrative switch for every patient.
    comedication : None, str or tuple of str
        Co-medications of every patient (names from ``simulator.literature.interactions.COMEDICATIONS``).
    variability : Variability, optional
        CVs and the toy non-responder fraction (default: published CVs for the set where available,
        else illustrative; the toy ones invented).
    variability_scale : float
        Multiplies every CV, in [0, 5] (0: no variability; every patient is typical). The non-responder
        fraction is multiplied by it up to 1 (see :meth:`Variability.scaled`).
    end_h, step_min : float
        Window and output step (regular grid).
    receptor : ReceptorAssumptions, optional
    plasticity : PlasticityModel, optional
    acute : AcuteModel, optional
        The toy acute-effect links (each patient's ``acute_sensitivity`` scales the concentration they see).
    outputs : sequence of str
        Output series to keep (:data:`OUTPUTS`); the chain is run only as far as they need.
    dtype : {"float32", "float64"}
        Storage of the curves (they are always computed in float64). float32 (default): 7 significant
        digits, plenty for bands and plots, half the memory. float64: each member equals
        :func:`simulator.simulate` of that patient to rounding.
    chunk : int
        Patients solved together, 1 to 100 000. Small chunks keep temporaries small, which is
        faster here (fresh memory is slow to touch) and bounds memory.
    masked : bool
        Every session under surgical anaesthesia (Lii 2023): the masked arm's toy expectancy, the same as a
        masked saline arm's (``simulate_comparator_population("placebo-saline", masked=True)``).
    add_on : bool
        A newly started oral antidepressant beside the sessions, a tablet a day from the first: the add-on arm (as
        esketamine is labelled, with an oral antidepressant). Each patient's ``comparator_sensitivity`` scales the
        tablets' drive, as in ``simulate_comparator_population("conventional")``; see
        :class:`simulator.pipeline.Chain`.

    Returns
    -------
    PopulationResult

    Raises
    ------
    ValueError
        Before allocating, if the stored curves would exceed :data:`MEMORY_BUDGET_BYTES`.
    """
    regimen, params, receptor, plasticity = resolve_choices(regimen, pk_set, receptor, plasticity)
    chunk = check_int("chunk", chunk, low=1, high=100_000)
    n = check_int("n", n, low=1, high=100_000)
    scale = check_number("variability_scale", variability_scale, low=0.0, high=5.0)
    if variability is not None and not isinstance(variability, Variability):
        raise TypeError(f"variability must be a simulator.population.Variability, got {type(variability).__name__}")
    if isinstance(outputs, str) or not outputs:
        raise TypeError(f"outputs must be a non-empty sequence of names from {list(OUTPUTS)}, got {outputs!r}")
    outputs = tuple(check_choice("outputs[]", name, tuple(OUTPUTS)) for name in outputs)
    itemsize = {"float64": 8, "float32": 4}[check_choice("dtype", dtype, ("float64", "float32"))]
    t = time_grid(regimen, end_h, check_number("step_min", step_min, low=0.01, high=24 * 60.0), None)
    need = _population_bytes(n, t.size, len(outputs), itemsize, chunk)
    if need > MEMORY_BUDGET_BYTES:
        raise ValueError(
            f"n={n} patients x {t.size} times x {len(outputs)} outputs needs about {need / 1024**3:.1f} GiB (the "
            f"stored curves and the working memory of a chunk of {min(chunk, n)}); the limit is "
            f"{MEMORY_BUDGET_BYTES / 1024**3:.0f} GiB (MEMORY_BUDGET_BYTES): use fewer patients, a shorter end_h, "
            "a larger step_min or fewer outputs"
        )
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
        comedication=comedication,
    )
    params.check_patients(virtual.patients)  # one warning for the population, not one per chunk
    chunk = max(1, min(chunk, MEMORY_BUDGET_BYTES // (t.size * 4 * 8)))  # a chunk's concentrations fit the budget too
    data = {name: np.empty((n, t.size), dtype=dtype) for name in outputs}
    peaks = {"cmax_ketamine_ng_per_ml": np.empty(n), "peak_occupancy": np.empty(n)}
    fine = peak_times(regimen, float(t[-1]))
    buffer = np.empty((min(chunk, n), t.size, 4))  # reused by every full chunk
    for lo in range(0, n, chunk):
        hi = min(lo + chunk, n)
        batch = Chain(
            regimen,
            virtual.patients[lo:hi],
            params,
            receptor,
            plasticity,
            t,
            check_patients=False,
            all_stages=False,
            buffer=buffer if hi - lo == buffer.shape[0] else None,
            acute=acute,
            masked=masked,
            add_on=add_on,
        )
        for name in outputs:
            data[name][lo:hi] = batch.output(name)
        # the peaks on a grid through every session (the output grid's step can miss them), and on the output grid
        at_peaks = Chain(regimen, virtual.patients[lo:hi], params, receptor, plasticity, fine, check_patients=False,
                         all_stages=False, acute=acute, masked=masked)  # fmt: skip
        for key, name in (("cmax_ketamine_ng_per_ml", "plasma_ketamine"), ("peak_occupancy", "occupancy")):
            peak = at_peaks.output(name).max(axis=1)
            peaks[key][lo:hi] = np.maximum(peak, data[name][lo:hi].max(axis=1)) if name in data else peak
    for values in (*data.values(), *peaks.values()):
        values.flags.writeable = False
    return PopulationResult(
        t, MappingProxyType(data), virtual, regimen, params, plasticity.baseline_score, MappingProxyType(peaks)
    )


#: Minutes after each session's start and after the end of its input at which :func:`peak_times` looks for peaks:
#: fine while the concentration turns (an infusion's end, a spray's absorption), then every 10 minutes to 4 hours.
_PEAK_OFFSETS_MIN = np.unique(np.concatenate([[0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 12.5], np.arange(15.0, 120.0, 5.0),
                                              np.arange(120.0, 241.0, 10.0)]))  # fmt: skip


def peak_times(regimen, end_h: float) -> np.ndarray:
    """Return the times (h, sorted, from 0, up to ``end_h``) at which a population's peaks are read.

    Each session's start and the end of its input, and the four hours after each, on the steps of
    ``_PEAK_OFFSETS_MIN``: a zero-order infusion peaks in plasma at its end, an oral or nasal dose within the
    hours of its absorption. The output grid of a population (30- or 60-minute steps, say) can miss a 40-minute
    infusion's peak by a third; this grid cannot.
    """
    regimen = as_regimen(regimen)
    end_h = check_number("end_h", end_h, low=0.0, low_inclusive=False)
    anchors = [x for event in regimen.events for x in (event.start_h, event.end_h)]
    t = (np.asarray(anchors)[:, None] + _PEAK_OFFSETS_MIN[None, :] / 60.0).ravel()
    return np.unique(np.concatenate([[0.0], t[t <= end_h]]))


def draw_patient(regimen, seed, **options) -> PopulationResult:
    """One random virtual patient, reproducible from ``seed`` (a population of one), to show against a band."""
    return simulate_population(regimen, n=1, seed=seed, **options)


#: What :func:`compare_schedules` keeps of each population.
_SCHEDULE_OUTPUTS = (*DEFAULT_OUTPUTS, "dissociation_index", "systolic_change_mmhg")


def compare_schedules(schedules: dict, n: int = 200, seed=0, *, occupancy_level: float = 0.3, end_days=None, **options) -> dict:
    """Teach the trade-off between schedules: benefit (days in toy response) against burden (sessions, acute hours).

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
        ``hours_above_occupancy`` (median), ``days_in_response`` (25th, 50th, 75th percentiles),
        ``hours_with_acute_effects`` (median hours with a toy acute effect above 10% of its scale:
        :func:`simulator.acute.hours_with_effects`) and ``fraction_in_response_by_day`` (array), plus ``day``
        (the day grid).
    """
    from ._validate import check_number

    if not isinstance(schedules, dict) or not schedules:
        raise TypeError("schedules must be a non-empty dict of name -> Regimen")
    for name in schedules:
        if not isinstance(name, str) or not name:
            raise TypeError(f"schedules must be keyed by non-empty strings (the schedule names), got the key {name!r}")
    level = check_number("occupancy_level", occupancy_level, low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)
    regimens = {name: as_regimen(r) for name, r in schedules.items()}
    if end_days is None:
        end_days = max(r.end_h for r in regimens.values()) / 24.0 + 28.0
    end_h = check_number("end_days", end_days, low=0.0, high=365.0, low_inclusive=False) * 24.0
    out = {}
    for name, regimen in regimens.items():
        pop = simulate_population(regimen, n=n, seed=seed, end_h=end_h, outputs=_SCHEDULE_OUTPUTS, **options)
        t = pop.time_h
        dt = np.diff(t)
        plasma = pop.data["plasma_ketamine"].astype(float)
        auc = np.sum(dt * (plasma[:, 1:] + plasma[:, :-1]) / 2.0, axis=1)
        above = np.sum(dt * (pop.data["occupancy"][:, :-1] >= level), axis=1)
        days = pop.days_in_response()
        day_grid = np.arange(0, int(end_h // 24) + 1)
        fraction = pop.fraction_in_response()[np.searchsorted(t, day_grid * 24.0).clip(max=t.size - 1)]
        out[name] = {
            "sessions": len(regimen.events),
            "total_mg_70kg": regimen.total_mg(70.0),
            "auc_ng_h_per_ml": float(np.median(auc)),
            "hours_above_occupancy": float(np.median(above)),
            "days_in_response": tuple(float(x) for x in np.percentile(days, (25, 50, 75))),
            "hours_with_acute_effects": float(
                np.median(
                    hours_with_effects(
                        t,
                        pop.data["dissociation_index"].astype(float),
                        pop.data["systolic_change_mmhg"].astype(float),
                        options.get("acute") or AcuteModel(),
                    )
                )
            ),
            "fraction_in_response_by_day": fraction,
            "day": day_grid,
        }
    return out


#: Comparator arms a virtual population can be given: a toy conventional (SSRI-like) antidepressant, a toy active
#: placebo (midazolam) and a toy inert placebo (saline).
COMPARATOR_ARMS = ("conventional", *(f"placebo-{kind}" for kind in PLACEBO_KINDS))


@dataclass(frozen=True, eq=False)
class ComparatorPopulation:
    """Toy symptom scores of virtual patients given a comparator arm, and the draws behind them.

    Attributes
    ----------
    time_h : numpy.ndarray
        Output times, h.
    symptom_score : numpy.ndarray
        Read-only (n, T): row ``i`` equals the arm's function
        (:func:`~simulator.plasticity.conventional_antidepressant` or :func:`~simulator.plasticity.placebo_arm`)
        run with ``sensitivity=patient(i).random_effects.comparator_sensitivity``.
    virtual : VirtualPatients
        Covariates and random effects (only ``comparator_sensitivity`` acts on a comparator arm).
    arm : str
        One of :data:`COMPARATOR_ARMS`.
    baseline_score : float
        Symptom baseline (toy scale 0-60).
    """

    time_h: np.ndarray
    symptom_score: np.ndarray
    virtual: VirtualPatients
    arm: str
    baseline_score: float

    disclaimer = DISCLAIMER

    def __len__(self) -> int:
        return len(self.virtual)

    def patient(self, i: int) -> Patient:
        """Return virtual patient ``i`` (covariates and random effects)."""
        return self.virtual.patients[check_int("i", i, low=0, high=len(self) - 1)]

    def fraction_in_response(self) -> np.ndarray:
        """Fraction of virtual patients in toy response (score at most half the baseline) at each time."""
        return np.mean(in_response(self.symptom_score, self.baseline_score), axis=0)

    def percentiles(self, q=(5, 25, 50, 75, 95)) -> np.ndarray:
        """Return percentiles across patients of the toy symptom score at each time, shape (len(q), T)."""
        q = np.asarray(q, dtype=float) if not isinstance(q, (str, bytes)) else q
        if isinstance(q, (str, bytes)) or q.ndim > 1 or q.size == 0 or not (np.all(q >= 0) and np.all(q <= 100)):
            raise ValueError(f"q must be percentiles in [0, 100] (a number or a 1-D sequence), got {q!r}")
        return np.percentile(self.symptom_score, q, axis=0)


def simulate_comparator_population(
    arm: str = "conventional",
    n=None,
    seed=None,
    *,
    virtual=None,
    days: float = 56.0,
    baseline_score: float = 32.0,
    step_h: float = 1.0,
    session_days=None,
    variability=None,
    variability_scale: float = 1.0,
    masked: bool = False,
    expectancy: bool = True,
) -> ComparatorPopulation:
    """Give a toy comparator arm to virtual patients, for comparison with a ketamine population.

    Each patient's ``comparator_sensitivity`` random effect (log-normal, CV
    ``variability.comparator_sensitivity``, invented) scales the arm's drive on the toy
    symptom map, so the arm brings some patients to response and others not.
    ``simulate_comparator_population(arm, n, seed)`` draws the same virtual patients as
    :func:`simulate_population` with that ``n`` and ``seed`` and default covariates
    and variability; ``virtual=pop.virtual`` reuses the patients of any population.
    Teaching model: illustrative, not for dosing.

    Parameters
    ----------
    arm : {"conventional", "placebo-midazolam", "placebo-saline"}
        The toy comparator: :func:`~simulator.plasticity.conventional_antidepressant` (daily from day 0),
        or :func:`~simulator.plasticity.placebo_arm` of that kind (optional toy).
    n : int, optional
        Number of virtual patients, 1 to 100 000 (default 1000); not with ``virtual``.
    seed : int or numpy.random.Generator, optional
        Seed of the draw (default 0); not with ``virtual``.
    virtual : VirtualPatients, optional
        Patients already drawn (for example ``pop.virtual``).
    days, baseline_score, step_h : float
        Window (days, in (0, 365]), symptom baseline (0-60) and output step (h, in [0.01, 24]).
    session_days : sequence of float, optional
        Placebo sessions, days (default: one at day 0); only for the placebo arms.
    variability : Variability, optional
        CVs (default: those of the default racemic set, as :func:`simulate_population` uses); not with ``virtual``.
    variability_scale : float
        Multiplies every CV, in [0, 5] (0: every patient typical); not with ``virtual``.
    masked : bool
        A placebo arm given under surgical anaesthesia (Lii 2023): the masked expectancy (placebo arms only).
    expectancy : bool
        The conventional arm with a blinded drug arm's expectancy (default); False: the drug alone (conventional only).

    Returns
    -------
    ComparatorPopulation

    Raises
    ------
    ValueError
        Before allocating, if the scores would exceed :data:`MEMORY_BUDGET_BYTES`.
    """
    check_choice("arm", arm, COMPARATOR_ARMS)
    if virtual is not None:
        if not isinstance(virtual, VirtualPatients):
            raise TypeError(f"virtual must be a simulator.population.VirtualPatients, got {type(virtual).__name__}")
        given = [name for name, value in (("n", n), ("seed", seed), ("variability", variability)) if value is not None]
        if given or variability_scale != 1.0:
            raise ValueError(
                f"give either virtual or n, seed and variability, not both (got virtual and {given or ['variability_scale']})"
            )
    else:
        n = 1000 if n is None else check_int("n", n, low=1, high=100_000)
        scale = check_number("variability_scale", variability_scale, low=0.0, high=5.0)
        if variability is not None and not isinstance(variability, Variability):
            raise TypeError(f"variability must be a simulator.population.Variability, got {type(variability).__name__}")
    days = check_number("days", days, low=0.0, high=365.0, low_inclusive=False)
    step_h = check_number("step_h", step_h, low=0.01, high=24.0)
    points = int(days * 24.0 / step_h + 0.5) + 1
    count = len(virtual) if virtual is not None else n
    need = _comparator_bytes(count, points)
    if need > MEMORY_BUDGET_BYTES:  # before drawing the patients (100 000 take seconds)
        raise ValueError(
            f"{count} patients x {points} times needs about {need / 1024**3:.1f} GiB (the scores and the arrays "
            "that make them); the limit is "
            f"{MEMORY_BUDGET_BYTES / 1024**3:.0f} GiB (MEMORY_BUDGET_BYTES): use fewer patients, fewer days or a larger step_h"
        )
    if virtual is None:
        cvs = (variability or variability_for(literature.default_for("racemic").name)).scaled(scale)
        virtual = draw_population(n, 0 if seed is None else seed, variability=cvs)
    sensitivity = np.array([p.random_effects.comparator_sensitivity for p in virtual.patients])
    if arm == "conventional":
        if masked:
            raise ValueError("masked applies to the placebo arms only (a session under surgical anaesthesia)")
        if session_days is not None:
            raise ValueError("session_days applies to the placebo arms only; the conventional arm is taken daily from day 0")
        result = conventional_antidepressant(days, baseline_score, step_h, sensitivity=sensitivity, expectancy=expectancy)
    else:
        if not expectancy:
            raise ValueError("expectancy=False applies to the conventional arm only: a placebo arm is expectancy alone")
        sessions = (0.0,) if session_days is None else session_days
        result = placebo_arm(
            days, baseline_score, step_h, sessions, arm.removeprefix("placebo-"), sensitivity=sensitivity, masked=masked
        )
    score = result.symptom_score
    score.flags.writeable = False
    time_h = result.time_h
    time_h.flags.writeable = False
    return ComparatorPopulation(time_h, score, virtual, arm, result.baseline_score)
