"""The teaching model beside published observations: what it reproduces and what it misses.

Each :class:`~simulator.literature.observations.Observation` is simulated for a typical 70 kg, 40-year-old
adult with each parameter set named in it, and each :class:`~simulator.literature.observations.OutcomeCheck`
(trial arms, time courses, interactions, anaesthesia) by :func:`check_value`. Every row is a calibration target
(a constant was tuned to it) or an out-of-sample check (nothing was); :func:`table` prints them apart and counts
how many agree with the published mean within the stated tolerance. Teaching model: illustrative, not for dosing.

Examples
--------
>>> from simulator import evidence
>>> rows = evidence.against_literature()
>>> all(row.inside == row.expected_inside for row in rows)
True
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ._validate import check_choice
from .dosing import Bolus, Infusion, Intranasal, Oral, Regimen
from .labels import DISCLAIMER
from .literature import names
from .literature.core import OutsideValidityWarning
from .literature.observations import OBSERVATIONS, OUTCOME_CHECKS, ROLES, Observation, OutcomeCheck
from .patient import Patient
from .pipeline import simulate
from .plasticity import days_in_response
from .population import simulate_comparator_population, simulate_population
from .receptor import ReceptorAssumptions

__all__ = ["CheckResult", "Comparison", "against_literature", "check_value", "checks", "findings", "model_value", "table"]

#: The adult every observation is simulated for.
TYPICAL_ADULT = Patient(weight_kg=70.0, age_y=40)
_MAX_INFUSION_H = 24.0  # a long infusion is given as consecutive 24-h infusions (each within the dose cap)


@dataclass(frozen=True)
class Comparison:
    """One observation against one parameter set's typical adult."""

    observation: Observation
    pk_set: str
    value: float
    inside: bool
    expected_inside: bool

    @property
    def role(self) -> str:
        """Return the role: calibration only for the sets tuned or chosen with it, else out-of-sample."""
        obs = self.observation
        tuned = obs.calibrated_for is None or self.pk_set in obs.calibrated_for
        return "calibration" if obs.role == "calibration" and tuned else "out-of-sample"

    @property
    def agrees(self) -> bool:
        """Whether the model value is within the stated relative tolerance of the published mean."""
        obs = self.observation
        return abs(self.value - obs.mean) <= obs.tolerance * obs.mean


@dataclass(frozen=True)
class CheckResult:
    """One outcome check against the model."""

    check: OutcomeCheck
    value: float

    @property
    def agrees(self) -> bool:
        """Whether the model value meets the published fact (:meth:`OutcomeCheck.agrees`)."""
        return self.check.agrees(self.value)

    @property
    def role(self) -> str:
        """Return the role: calibration or out-of-sample."""
        return self.check.role


def _regimen(obs: Observation, route: str | None = None) -> Regimen:
    route = route or obs.route
    if obs.rate_mg_per_kg_per_h is not None:
        pieces = int(np.ceil(obs.duration_min / 60.0 / _MAX_INFUSION_H))
        length = obs.duration_min / pieces
        return Regimen(
            tuple(
                Infusion(rate_mg_per_kg_per_h=obs.rate_mg_per_kg_per_h, duration_min=length, start_h=k * length / 60.0)
                for k in range(pieces)
            )
        )
    amount = {"dose_mg": obs.dose_mg} if obs.dose_mg is not None else {"dose_mg_per_kg": obs.dose_mg_per_kg}
    if route == "bolus":
        return Regimen((Bolus(**amount),))
    if route == "oral":
        return Regimen((Oral(**amount),))
    return Regimen((Infusion(duration_min=obs.duration_min, **amount),))


def model_value(obs: Observation, pk_set: str) -> float:
    """Return the model's value of ``obs.quantity`` for a typical 70 kg adult with ``pk_set``, in ``obs.unit``."""
    if not isinstance(obs, Observation):
        raise TypeError(f"obs must be a simulator.literature.observations.Observation, got {type(obs).__name__}")
    check_choice("pk_set", pk_set, tuple(names()))
    q = obs.quantity
    step = 0.05 if q in ("ketamine at time", "ketamine cmax", "ketamine tmax") and obs.route == "bolus" else 0.5
    end_h = 24.0 * 14 if q == "bioavailability" else obs.at_h
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideValidityWarning)  # child sets are compared on purpose
        r = simulate(_regimen(obs), TYPICAL_ADULT, pk_set=pk_set, end_h=end_h, step_min=step)
        if q == "bioavailability":
            iv = simulate(_regimen(obs, "bolus"), TYPICAL_ADULT, pk_set=pk_set, end_h=end_h, step_min=step)
            return float(r.auc()[-1] / iv.auc()[-1])
    ketamine, norketamine = r.plasma(), r.plasma("norketamine")
    if q == "ketamine at time":
        return float(np.interp(obs.at_h, r.time_h, ketamine))
    if q in ("ketamine at steady state", "norketamine at steady state"):
        return float((ketamine if q.startswith("ketamine") else norketamine)[-1])
    if q == "norketamine/ketamine auc":
        return float(r.auc("norketamine")[-1] / r.auc()[-1])
    curve = ketamine if q.startswith("ketamine") else norketamine
    return float(curve.max()) if q.endswith("cmax") else float(r.time_h[np.argmax(curve)])


def against_literature(observations=OBSERVATIONS, pk_sets=None) -> list[Comparison]:
    """Compare each observation with each set it names (``inside`` and ``outside``), or with ``pk_sets``.

    ``observations``: a list or tuple of :class:`~simulator.literature.observations.Observation`; ``pk_sets``: None
    or a list or tuple of registered set names.
    """
    observations = _sequence_of("observations", observations, Observation)
    if pk_sets is not None:
        if isinstance(pk_sets, str) or not isinstance(pk_sets, (list, tuple)):
            raise TypeError(f"pk_sets must be None or a list or tuple of names from {list(names())}, got {pk_sets!r}")
        for name in pk_sets:
            check_choice("pk_sets[]", name, tuple(names()))
    rows = []
    for obs in observations:
        for name in pk_sets if pk_sets is not None else (*obs.inside, *obs.outside):
            value = model_value(obs, name)
            rows.append(Comparison(obs, name, value, obs.low <= value <= obs.high, name in obs.inside))
    return rows


# ----------------------------------------------------------------------------- outcome checks

_POPULATION = 1000  # virtual patients of every population check (seed 0)
_AWAKENING_UM = 2.7  # Idvall 1979: recovery at 2.7 +/- 0.9 umol/L


def _standard(dose_mg_per_kg: float = 0.5, start_h: float = 0.0) -> Infusion:
    return Infusion(dose_mg_per_kg=dose_mg_per_kg, duration_min=40, start_h=start_h)


def _responders_24h(regimen, **options) -> float:
    pop = simulate_population(regimen, n=_POPULATION, seed=0, end_h=25.0, step_min=10.0, outputs=("symptom_score",), **options)
    return 100.0 * float(np.interp(24.0, pop.time_h, pop.fraction_in_response()))


def _placebo_24h(kind: str, masked: bool = False) -> float:
    arm = simulate_comparator_population(f"placebo-{kind}", n=_POPULATION, seed=0, days=2.0, masked=masked)
    return 100.0 * float(np.interp(24.0, arm.time_h, arm.fraction_in_response()))


def _session_peaks(result, starts_h, curve) -> np.ndarray:
    t = result.time_h
    ends = [*starts_h[1:], t[-1] + 1.0]
    return np.array([curve[(t >= a) & (t < b)].max() for a, b in zip(starts_h, ends, strict=True)])


def _twice_weekly_course(sessions: int = 8) -> Regimen:
    return Regimen(tuple(_standard(start_h=84.0 * k) for k in range(sessions)))


def _auc_change(comedication: str, route: str) -> float:
    dose = Bolus(dose_mg_per_kg=0.5) if route == "iv" else Oral(dose_mg_per_kg=0.5)
    with_it = simulate(dose, Patient(comedication=comedication), end_h=96.0, step_min=2.0).auc()[-1]
    return float(with_it / simulate(dose, TYPICAL_ADULT, end_h=96.0, step_min=2.0).auc()[-1])


def _anaesthesia(pk_set=None) -> tuple[float, float]:
    """Minutes to the awakening level in the brain and minutes above it, 2 mg/kg IV over 1 min."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideValidityWarning)
        r = simulate(Infusion(dose_mg_per_kg=2.0, duration_min=1.0), TYPICAL_ADULT, pk_set=pk_set, end_h=1.5, step_min=0.05)
    above = r.time_h[r.effect_site("ketamine", "uM") >= _AWAKENING_UM] * 60.0
    return (float(above[0]), float(above[-1] - above[0])) if above.size else (np.inf, 0.0)


def _days_in_response(regimen) -> float:
    r = simulate(regimen, TYPICAL_ADULT, end_h=24.0 * 21, step_min=10.0)
    return float(days_in_response(r.time_h, r.symptom_score, r.plasticity_model.baseline_score))


def _hours_of_acute_effects(regimen) -> float:
    return float(
        simulate(regimen, TYPICAL_ADULT, end_h=24.0, step_min=1.0).summary(significant=None)["acute"]["hours_with_effects"]
    )


def _schedule_ratio() -> float:
    def fall(days):
        r = simulate(Regimen(tuple(_standard(start_h=24.0 * d) for d in days)), TYPICAL_ADULT, end_h=24.0 * 14, step_min=10.0)
        return r.plasticity_model.baseline_score - float(r.symptom_score[-1])

    return fall((0, 2, 4, 7, 9, 11)) / fall((0, 3, 7, 10))  # Singh 2016: days 1, 3, 5, 8, 10, 12 vs 1, 4, 8, 11


_SINGH_DAYS = {"twice": (0, 3, 7, 10), "thrice": (0, 2, 4, 7, 9, 11)}  # days 1, 4, 8, 11 and 1, 3, 5, 8, 10, 12


def _singh_mean_fall(schedule: str, arm: str) -> float:
    days = _SINGH_DAYS[schedule]
    if arm == "ketamine":
        course = Regimen(tuple(_standard(start_h=24.0 * d) for d in days))
        pop = simulate_population(course, n=_POPULATION, seed=0, end_h=24.0 * 14, step_min=10.0, outputs=("symptom_score",))
        return pop.baseline_score - float(pop.data["symptom_score"][:, -1].mean())
    saline = simulate_comparator_population(
        "placebo-saline", n=_POPULATION, seed=0, days=14.0, session_days=tuple(map(float, days))
    )
    return saline.baseline_score - float(saline.symptom_score[:, -1].mean())


def _tolerance_ratio(which: str) -> float:
    course = _twice_weekly_course()
    r = simulate(course, TYPICAL_ADULT, end_h=84.0 * 8, step_min=2.0)
    curve = r.dissociation_index if which == "dissociation" else r.systolic_change_mmhg
    peaks = _session_peaks(r, [e.start_h for e in course.events], curve)
    return float(peaks[-1] / peaks[0])


def _ssri_week8() -> float:
    arm = simulate_comparator_population("conventional", n=_POPULATION, seed=0, days=57.0)
    return 100.0 * float(arm.fraction_in_response()[np.searchsorted(arm.time_h, 24.0 * 56)])


def _six() -> float:
    six = Regimen.weekly(_standard(), sessions_per_week=3, weeks=2)
    pop = simulate_population(six, n=_POPULATION, seed=0, end_h=six.end_h + 24.0, step_min=10.0, outputs=("symptom_score",))
    return 100.0 * float(pop.fraction_in_response()[-1])


@lru_cache(maxsize=2)
def _transform2(arm: str) -> float:
    """Percent in toy response at day 28: esketamine 84 mg twice weekly with a new oral antidepressant, or the latter."""
    days = 28.0
    if arm == "oral":
        comparator = simulate_comparator_population("conventional", n=_POPULATION, seed=0, days=days + 1.0)
        return 100.0 * float(np.interp(24.0 * days, comparator.time_h, comparator.fraction_in_response()))
    course = Regimen(tuple(Intranasal(dose_mg=84.0, drug="esketamine", start_h=84.0 * k) for k in range(8)))
    pop = simulate_population(course, n=_POPULATION, seed=0, end_h=24.0 * (days + 1.0), step_min=30.0,
                              outputs=("symptom_score",), add_on=True)  # fmt: skip
    return 100.0 * float(np.interp(24.0 * days, pop.time_h, pop.fraction_in_response()))


def _metabolite_brain_ratio() -> float:
    return ReceptorAssumptions().metabolite_brain_ratio


_CHECKS = {
    "responders_24h_standard": lambda: _responders_24h(_standard()),
    "responders_24h_standard_wilkinson": lambda: _responders_24h(_standard()),
    "responders_24h_midazolam": lambda: _placebo_24h("midazolam"),
    "responders_24h_saline": lambda: _placebo_24h("saline"),
    "responders_ratio_1_vs_0.5": lambda: _responders_24h(_standard(1.0)) / _responders_24h(_standard()),
    "responders_0.2_minus_midazolam": lambda: _responders_24h(_standard(0.2)) - _placebo_24h("midazolam"),
    "responders_0.1_minus_midazolam": lambda: _responders_24h(_standard(0.1)) - _placebo_24h("midazolam"),
    "responders_after_six": _six,
    "responders_masked_saline": lambda: _placebo_24h("saline", masked=True),
    "masked_ketamine_minus_saline": lambda: _responders_24h(_standard(), masked=True) - _placebo_24h("saline", masked=True),
    "responders_week8_ssri": _ssri_week8,
    "schedule_ratio": _schedule_ratio,
    "schedule_ratio_population": lambda: _singh_mean_fall("thrice", "ketamine") / _singh_mean_fall("twice", "ketamine"),
    "singh_placebo_share_twice": lambda: _singh_mean_fall("twice", "saline") / _singh_mean_fall("twice", "ketamine"),
    "singh_placebo_share_thrice": lambda: _singh_mean_fall("thrice", "saline") / _singh_mean_fall("thrice", "ketamine"),
    "dissociation_8th_over_1st": lambda: _tolerance_ratio("dissociation"),
    "systolic_8th_over_1st": lambda: _tolerance_ratio("systolic"),
    "rifampicin_iv_auc": lambda: 100.0 * (_auc_change("rifampicin", "iv") - 1.0),
    "rifampicin_oral_auc": lambda: 100.0 * (_auc_change("rifampicin", "oral") - 1.0),
    "clarithromycin_oral_auc_fold": lambda: _auc_change("clarithromycin", "oral"),
    "metabolite_brain_ratio": _metabolite_brain_ratio,
    "transform2_response_add_on": lambda: _transform2("add-on"),
    "transform2_response_oral_alone": lambda: _transform2("oral"),
    "transform2_response_difference": lambda: _transform2("add-on") - _transform2("oral"),
    "bolus_over_infusion_days": lambda: _days_in_response(Bolus(dose_mg_per_kg=2.0)) / _days_in_response(_standard()),
    "bolus_over_infusion_acute_hours": lambda: (
        _hours_of_acute_effects(Bolus(dose_mg_per_kg=2.0)) / _hours_of_acute_effects(_standard())
    ),
    "anaesthesia_onset_default": lambda: _anaesthesia()[0],
    "anaesthesia_onset_kamp": lambda: _anaesthesia("kamp_2020")[0],
    "anaesthesia_duration_default": lambda: _anaesthesia()[1],
    "anaesthesia_duration_kamp": lambda: _anaesthesia("kamp_2020")[1],
}


def check_value(check: OutcomeCheck) -> float:
    """Return the model's value for an outcome check, in ``check.unit`` (typical adult, or 1000 virtual patients)."""
    if not isinstance(check, OutcomeCheck):
        raise TypeError(f"check must be a simulator.literature.observations.OutcomeCheck, got {type(check).__name__}")
    if check.key not in _CHECKS:
        raise ValueError(f"check.key must be one of {sorted(_CHECKS)}, got {check.key!r}")
    return float(_CHECKS[check.key]())


def findings(topic: str):
    """Return the published findings on ``topic`` with their limits, as a table (study, finding, limit).

    ``topic`` is one of :data:`simulator.literature.crisis_and_therapy.EVIDENCE_TOPICS` ("suicidal ideation",
    "combined medication", "psychotherapy", "synapse loss", "restoration"); every row is read from its source.
    """
    from .literature.crisis_and_therapy import EVIDENCE_POINTS, EVIDENCE_TOPICS
    from .tables import Table

    check_choice("topic", topic, EVIDENCE_TOPICS)
    rows = tuple((p.citation.short(), p.statement, p.caveat) for p in EVIDENCE_POINTS if p.topic == topic)
    note = "Each finding as its source states it, with what limits it (docs/literature_checks_crisis_and_therapy.md)."
    return Table((("study", ""), ("finding", ""), ("limit", "")), rows, title=f"Published findings: {topic}", note=note)


def checks(outcome_checks=OUTCOME_CHECKS) -> list[CheckResult]:
    """Return every outcome check with the model's value (populations of 1000, seed 0: about 10 s).

    ``outcome_checks``: the checks to run, or a string: only the checks whose key starts with it ("transform2").
    """
    if isinstance(outcome_checks, str):
        outcome_checks = [c for c in OUTCOME_CHECKS if c.key.startswith(outcome_checks)]
    outcome_checks = _sequence_of("outcome_checks", outcome_checks, OutcomeCheck)
    return [CheckResult(c, check_value(c)) for c in outcome_checks]


def _sequence_of(name: str, value, kind) -> tuple:
    """Return ``value`` as a tuple after checking it is a list or tuple of ``kind`` objects, naming ``name``."""
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a list or tuple of {kind.__name__}, got {type(value).__name__}")
    for k, item in enumerate(value):
        if not isinstance(item, kind):
            raise TypeError(f"{name}[{k}] must be a {kind.__name__}, got {type(item).__name__}")
    return tuple(value)


def table(rows=None, outcome_rows=None) -> str:
    """Return the comparisons as a plain-text table: calibration targets and out-of-sample checks apart, with counts.

    ``rows``: :func:`against_literature` results (default: all); ``outcome_rows``: :func:`checks` results
    (default: all when ``rows`` is not given, none when it is). Each row says whether the model agrees with the
    published mean within the stated tolerance; pharmacokinetic rows also say whether the typical adult is inside
    the spread of the patients measured.
    """
    if rows is None:
        rows = against_literature()
        outcome_rows = checks() if outcome_rows is None else outcome_rows
    rows = _sequence_of("rows", rows, Comparison)
    outcome_rows = _sequence_of("outcome_rows", [] if outcome_rows is None else outcome_rows, CheckResult)
    lines = [f"Model vs published observations ({DISCLAIMER})", ""]
    titles = {
        "calibration": "CALIBRATION TARGETS: a constant was tuned or chosen to meet these (agreement shows the tuning worked)",
        "out-of-sample": "OUT-OF-SAMPLE CHECKS: nothing was tuned to these (agreement is evidence, a miss is a finding)",
    }
    for role in ROLES:
        pk = [r for r in rows if r.role == role]
        outcome = [r for r in outcome_rows if r.role == role]
        agree = sum(r.agrees for r in pk) + sum(r.agrees for r in outcome)
        lines += [titles[role], f"{agree} of {len(pk) + len(outcome)} agree", ""]
        for row in pk:
            obs = row.observation
            mark = "agrees" if row.agrees else "MISSES"
            spread = "inside" if row.inside else "outside"
            lines.append(
                f"  {obs.study.short():<16} {obs.dose:<26} {obs.quantity:<26} mean {obs.mean:>7.3g} +/-{obs.tolerance:>4.0%} "
                f"{obs.unit:<8} {row.pk_set:<14} model {row.value:>7.3g}  {mark} (spread {obs.low:.3g}-{obs.high:.3g}: {spread})"
            )
        for row in outcome:
            c = row.check
            limit = {
                "within": f"{c.published:g} +/- {c.tolerance:g}",
                "at most": f"<= {c.published:g}",
                "at least": f">= {c.published:g}",
            }
            mark = "agrees" if row.agrees else "MISSES"
            lines.append(
                f"  {c.study.short():<16} {c.question:<90} {limit[c.bound]:>14} {c.unit:<6} model {row.value:>7.3g}  {mark}"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
