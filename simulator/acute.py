r"""Toy acute effects: a dissociation index and the rise in systolic blood pressure over the hours after a dose.

Both follow the parent drug's brain (effect-site) concentration :math:`C_e` through a link compartment
with a delay of its own, :math:`\dot z = k (C_e - z)`, and an Emax function:

.. math::

    D = \frac{(p z_D)^{n_D}}{EC_{50,D}^{n_D} + (p z_D)^{n_D}} \qquad
    \Delta SBP = E_{max} \frac{(p z_S)^{n_S}}{EC_{50,S}^{n_S} + (p z_S)^{n_S}}

with :math:`p` the potency of the drug relative to racemic ketamine (1 for racemic, more for
esketamine). The link compartments are states of the same exact linear system as the
concentrations (:func:`simulator.pk.build_system`), so the effects are exact on any output grid.

These are teaching models: the constants are invented and tuned to published time courses
(:mod:`simulator.literature.acute_data`). They show why every session is a supervised visit: effects
that follow the concentration for a few hours, against a benefit that builds over hours and lasts days.
They predict nothing for a person and say nothing about what dose is safe. Teaching model: illustrative,
not for dosing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np

from ._validate import as_numbers, check_choice, check_number, check_times
from .dosing import DRUGS
from .literature.acute_data import ACUTE_CONSTANTS, LABEL_OBSERVATION_H, PSYCHOTOMIMETIC_FROM_NG_PER_ML
from .tables import Table, format_effect_duration, format_number

__all__ = [
    "HOURS_WITH_EFFECTS_NAME",
    "RESOLVED_NAME",
    "AcuteModel",
    "acute_effects",
    "acute_summary",
    "effect_thresholds",
    "hours_with_effects",
    "hours_with_effects_definition",
    "hours_with_effects_text",
    "safety_table",
]

#: The name of the one burden quantity, "hours of toy acute effects" (:func:`hours_with_effects`), in every view.
HOURS_WITH_EFFECTS_NAME = "hours of toy acute effects"
#: The name of the per-session resolution time (:func:`acute_summary`'s ``resolved_after_h``), a different quantity.
RESOLVED_NAME = "toy acute effects: resolved (back to baseline: both below 10% of their own peak)"

_LIMITS = {
    "dissociation_link_half_life_min": (0.1, 120.0),
    "dissociation_ec50_ng_per_ml": (1.0, 10000.0),
    "dissociation_hill": (0.5, 8.0),
    "systolic_link_half_life_min": (0.1, 240.0),
    "systolic_emax_mmhg": (0.0, 100.0),
    "systolic_ec50_ng_per_ml": (1.0, 10000.0),
    "systolic_hill": (0.5, 8.0),
    "esketamine_potency": (0.1, 10.0),
    "dissociation_tolerance": (0.0, 100.0),
    "tolerance_time_h": (1.0, 24.0 * 365),
    "resolved_fraction": (0.01, 0.5),
}


def _default(name):
    return ACUTE_CONSTANTS[name].value


@dataclass(frozen=True)
class AcuteModel:
    """Constants of the two toy acute-effect links (all invented, each tuned to a cited fact).

    Parameters
    ----------
    dissociation_link_half_life_min, systolic_link_half_life_min : float
        Half-life of each link compartment behind the brain concentration, minutes.
    dissociation_ec50_ng_per_ml, systolic_ec50_ng_per_ml : float
        Brain concentration (racemic-ketamine equivalent) giving half the maximal effect, ng/mL.
    dissociation_hill, systolic_hill : float
        Steepness of each Emax link.
    systolic_emax_mmhg : float
        Largest rise in systolic blood pressure, mmHg (the dissociation index tops out at 1).
    esketamine_potency : float
        Esketamine concentration counts this many times a racemic one.
    resolved_fraction : float
        Effects count as resolved below this fraction of their peak (a model readout, not a clinical rule).
    dissociation_tolerance : float
        Tolerance of dissociation to repeated sessions (0: none): the dissociation EC50 is multiplied by
        ``1 + dissociation_tolerance x T``, with T the recent exposure (brain concentration / EC50, integrated in
        hours, fading with ``tolerance_time_h``). The blood-pressure link has no tolerance (Riva-Posse 2018).
    tolerance_time_h : float
        Time constant over which tolerance fades, h.

    The allowed range of each is in the ValueError a bad value raises.
    """

    dissociation_link_half_life_min: float = _default("dissociation_link_half_life_min")
    dissociation_ec50_ng_per_ml: float = _default("dissociation_ec50_ng_per_ml")
    dissociation_hill: float = _default("dissociation_hill")
    systolic_link_half_life_min: float = _default("systolic_link_half_life_min")
    systolic_emax_mmhg: float = _default("systolic_emax_mmhg")
    systolic_ec50_ng_per_ml: float = _default("systolic_ec50_ng_per_ml")
    systolic_hill: float = _default("systolic_hill")
    esketamine_potency: float = _default("esketamine_potency")
    resolved_fraction: float = _default("resolved_fraction")
    dissociation_tolerance: float = _default("dissociation_tolerance")
    tolerance_time_h: float = _default("tolerance_time_h")

    def __post_init__(self):
        for f in fields(self):
            low, high = _LIMITS[f.name]
            object.__setattr__(self, f.name, check_number(f.name, getattr(self, f.name), low=low, high=high))

    @property
    def link_rates_per_min(self) -> tuple[float, float, float]:
        """Rate constants of the dissociation, blood-pressure and tolerance link compartments, 1/min.

        The tolerance link is a slow running average of the brain concentration (time constant
        ``tolerance_time_h``): its value times ``tolerance_time_h`` is the recent exposure, exact on any grid.
        """
        return (
            math.log(2.0) / self.dissociation_link_half_life_min,
            math.log(2.0) / self.systolic_link_half_life_min,
            1.0 / (60.0 * self.tolerance_time_h),
        )

    def potency(self, drug: str) -> float:
        """Factor turning the parent's concentration into a racemic-ketamine equivalent."""
        return self.esketamine_potency if drug == "esketamine" else 1.0


def _check_model_and_drug(model, drug):
    if not isinstance(model, AcuteModel):
        raise TypeError(f"model must be a simulator.AcuteModel, got {type(model).__name__}")
    check_choice("drug", drug, DRUGS)


def _emax(c, ec50, hill):
    """Return c^n / (ec50^n + c^n), in place on a fresh array (integer n by multiplication: several times faster)."""
    r = c / ec50
    if float(hill).is_integer() and 1 <= hill <= 8:
        x = r.copy()
        for _ in range(int(hill) - 1):
            x *= r
    else:
        x = np.power(r, hill)
    denominator = x + 1.0
    return np.divide(x, denominator, out=x)


def acute_effects(links_mg_per_l, drug: str, model: AcuteModel, sensitivity=None):
    """Return (dissociation index 0-1, systolic rise mmHg) from the link concentrations, mg/L.

    ``links_mg_per_l``: array (..., 2) or (..., 3), the dissociation and blood-pressure link concentrations of
    the parent and, third, the tolerance link (:attr:`AcuteModel.link_rates_per_min`): with it, dissociation
    develops tolerance over repeated sessions (``model.dissociation_tolerance``); without it, none.
    ``sensitivity``: optional factor per patient (shape broadcasting to ``links[..., 0]`` without its time
    axis) multiplying the concentration the links see (1 = typical).
    """
    _check_model_and_drug(model, drug)
    links = as_numbers("links_mg_per_l", links_mg_per_l)
    if links.ndim < 1 or links.shape[-1] not in (2, 3):
        raise ValueError(f"links_mg_per_l must be an array with a last axis of 2 or 3, got shape {links.shape}")
    if links.size and not (links.min() >= 0.0 and links.max() < np.inf):  # False for NaN too
        raise ValueError(
            f"links_mg_per_l must be finite concentrations >= 0 (mg/L), got values from {float(np.min(links))!r} "
            f"to {float(np.max(links))!r}"
        )
    scale = 1000.0 * model.potency(drug)  # mg/L -> ng/mL, racemic equivalent
    if sensitivity is not None:
        factor = as_numbers("sensitivity", sensitivity)
        if factor.size and not (factor.min() > 0.0 and factor.max() < np.inf):
            low, high = float(np.min(factor)), float(np.max(factor))
            raise ValueError(f"sensitivity must be finite and > 0, got values from {low!r} to {high!r}")
        scale = scale * factor[..., None]
    # each effect's column on its own, contiguous: the Emax arithmetic then runs at full speed
    seen = np.maximum(links[..., 0], 0.0) * scale
    if links.shape[-1] == 3 and model.dissociation_tolerance > 0:
        # recent exposure (h x concentration / EC50) = tolerance link x tau / EC50; the EC50 rises with it
        exposure = np.maximum(links[..., 2], 0.0) * (scale * model.tolerance_time_h / model.dissociation_ec50_ng_per_ml)
        seen /= 1.0 + model.dissociation_tolerance * exposure
    dissociation = _emax(seen, model.dissociation_ec50_ng_per_ml, model.dissociation_hill)
    systolic = _emax(np.maximum(links[..., 1], 0.0) * scale, model.systolic_ec50_ng_per_ml, model.systolic_hill)
    systolic *= model.systolic_emax_mmhg
    return dissociation, systolic


def effect_thresholds(model: AcuteModel | None = None) -> dict:
    """Return the levels above which a toy effect counts in :func:`hours_with_effects`: ``{"dissociation", "systolic_mmhg"}``.

    Each is ``model.resolved_fraction`` (10%, invented) of the effect's scale: the dissociation index's maximum (1)
    and ``systolic_emax_mmhg`` (40 mmHg, the label's large rise), so 0.1 and 4 mmHg by default. Fixed levels,
    the same for every dose and drug; an illustrative readout threshold, not a clinical rule.
    """
    model = AcuteModel() if model is None else model
    if not isinstance(model, AcuteModel):
        raise TypeError(f"model must be a simulator.AcuteModel, got {type(model).__name__}")
    return {"dissociation": model.resolved_fraction, "systolic_mmhg": model.resolved_fraction * model.systolic_emax_mmhg}


def hours_with_effects_definition(model: AcuteModel | None = None) -> str:
    """Return the one wording of :func:`hours_with_effects`'s definition, with its thresholds (for every view)."""
    levels = effect_thresholds(model)
    return (
        f"toy dissociation index above {format_number(levels['dissociation'])} or toy systolic rise above "
        f"{format_number(levels['systolic_mmhg'])} mmHg, illustrative thresholds"
    )


def hours_with_effects_text(hours: float, sessions: int, model: AcuteModel | None = None) -> str:
    """Return the one sentence for the hours of toy acute effects of a course, as every view shows it.

    ``hours``: :func:`hours_with_effects` (``Result.summary()["acute"]["hours_with_effects"]``), worded by
    :func:`simulator.tables.format_effect_duration` ("none" only when no effect passes its threshold).
    """
    over = f"over {sessions} session{'' if sessions == 1 else 's'}"
    amount = (
        f"none {over} (neither effect passes its threshold)" if hours == 0 else f"{format_effect_duration(hours)} in all {over}"
    )
    return f"{HOURS_WITH_EFFECTS_NAME} ({hours_with_effects_definition(model)}): {amount}"


def hours_with_effects(time_h, dissociation, systolic, model: AcuteModel):
    """Hours with either toy effect above its threshold (:func:`effect_thresholds`): the burden side of a course.

    The one definition of "hours of toy acute effects" (:data:`HOURS_WITH_EFFECTS_NAME`) every view shows: hours
    during which the toy dissociation index exceeds 0.1 or the toy systolic rise exceeds 4 mmHg (10% of each
    effect's scale, ``model.resolved_fraction``: invented). Fixed levels rather than a fraction of each dose's own
    peak, so the hours mean the same size of effect for every dose and drug, grow with the dose and add up over
    sessions; a dose whose effects stay below both levels has none. ``dissociation`` and ``systolic`` have time
    last: shape (T,) gives a float, (P, T) one value per patient. Each output time counts until the next one.
    """
    if not isinstance(model, AcuteModel):
        raise TypeError(f"model must be a simulator.AcuteModel, got {type(model).__name__}")
    t = check_times("time_h", time_h)
    d, s = _effects("dissociation", dissociation), _effects("systolic", systolic)
    if d.shape != s.shape or d.ndim == 0 or d.shape[-1] != t.size:
        raise ValueError(f"dissociation and systolic must share a shape ending in {t.size} times, got {d.shape}, {s.shape}")
    levels = effect_thresholds(model)
    return _hours_where(t, (d > levels["dissociation"]) | (s > levels["systolic_mmhg"]))


def _effects(name: str, values) -> np.ndarray:
    """Return an effect's (or concentration's) curve as a float array after checking it is finite and >= 0."""
    x = as_numbers(name, values)
    if x.size and not (x.min() >= 0.0 and x.max() < np.inf):  # False for NaN too
        raise ValueError(f"{name} must be finite and >= 0, got values from {float(np.min(x))!r} to {float(np.max(x))!r}")
    return x


def _hours_where(t, condition):
    """Hours during which ``condition`` (time last) holds, each output time counting until the next one."""
    hours = np.sum(np.diff(t, append=t[-1]) * condition, axis=-1)
    return float(hours) if np.ndim(hours) == 0 else hours


def _last_above(values, level, lo, hi):
    """Index of the first output after the last one in [lo, hi) where ``values`` exceed ``level`` (None if none)."""
    above = np.flatnonzero(values[lo:hi] > level)
    if above.size == 0:
        return None
    return int(min(lo + above[-1] + 1, values.size - 1))


def acute_summary(time_h, starts_h, dissociation, systolic, plasma_ng_per_ml, drug: str, model: AcuteModel) -> dict:
    """Peaks, time above the psychotomimetic band, resolution after each session, and hours of effects.

    Parameters
    ----------
    time_h : numpy.ndarray
        Output times, h.
    starts_h : sequence of float
        Start of each session (dose event), h.
    dissociation, systolic : numpy.ndarray
        The two effects over ``time_h``.
    plasma_ng_per_ml : numpy.ndarray
        Plasma parent concentration over ``time_h``.
    drug : str
        "racemic" or "esketamine" (esketamine counts ``esketamine_potency`` times against the band).
    model : AcuteModel
        The links (for the resolved fraction and the scale of each effect).

    Returns
    -------
    dict
        ``dissociation_peak``, ``dissociation_peak_h``, ``systolic_peak_mmhg``, ``systolic_peak_h``;
        ``hours_above_psychotomimetic_band`` (plasma, racemic equivalent, above 50 ng/mL,
        the lowest steady-state target Bowdle 1998 tested: a readout line, not a threshold);
        ``resolved_after_h``: per session, hours from its start until both effects stay below
        ``resolved_fraction`` of that session's own peaks, "back to baseline" as the published time courses
        say it (:data:`RESOLVED_NAME`; None when the window or the next session cuts it): a time, not the
        hours of effects; ``hours_with_effects``: :func:`hours_with_effects`, the one "hours of toy acute
        effects" (:data:`HOURS_WITH_EFFECTS_NAME`: either effect above its fixed threshold,
        :func:`effect_thresholds`): the burden side of a course; ``effect_thresholds``; ``sessions``;
        ``observed_hours``: per session the longer of the label's observation time and the model's resolution.
    """
    _check_model_and_drug(model, drug)
    t = check_times("time_h", time_h)
    dissociation, systolic = _effects("dissociation", dissociation), _effects("systolic", systolic)
    plasma_ng_per_ml = _effects("plasma_ng_per_ml", plasma_ng_per_ml)
    for name, x in (("dissociation", dissociation), ("systolic", systolic), ("plasma_ng_per_ml", plasma_ng_per_ml)):
        if x.shape != t.shape:
            raise ValueError(f"{name} must have the shape of time_h {t.shape}, got {x.shape}")
    starts_h = [check_number("starts_h[]", s, low=0.0) for s in starts_h]
    f = model.resolved_fraction
    i, j = int(np.argmax(dissociation)), int(np.argmax(systolic))
    band = plasma_ng_per_ml * model.potency(drug) > PSYCHOTOMIMETIC_FROM_NG_PER_ML.value
    starts = sorted(set(float(s) for s in starts_h))
    bounds = [*np.searchsorted(t, starts, side="left").tolist(), t.size]
    resolved: list = []
    for k, start in enumerate(starts):
        lo, hi = bounds[k], bounds[k + 1]
        if lo >= hi:  # the session starts after the window
            resolved.append(None)
            continue
        peak_d, peak_s = float(dissociation[lo:hi].max()), float(systolic[lo:hi].max())
        ends = [_last_above(dissociation, f * peak_d, lo, hi), _last_above(systolic, f * peak_s, lo, hi)]
        ends = [e for e in ends if e is not None]
        if not ends:  # no effect at all in this session
            resolved.append(0.0)
        elif max(ends) >= hi - 1 and (hi == t.size or t[hi - 1] < t[-1]):
            resolved.append(None)  # still above at the end of the window or when the next session starts
        else:
            resolved.append(float(t[max(ends)] - start))
    observed = [None if h is None else max(LABEL_OBSERVATION_H.value, h) for h in resolved]
    return {
        "dissociation_peak": float(dissociation[i]),
        "dissociation_peak_h": float(t[i]),
        "systolic_peak_mmhg": float(systolic[j]),
        "systolic_peak_h": float(t[j]),
        "hours_above_psychotomimetic_band": _hours_where(t, band),
        "resolved_after_h": tuple(resolved),
        "hours_with_effects": hours_with_effects(t, dissociation, systolic, model),
        "effect_thresholds": effect_thresholds(model),
        "sessions": len(starts),
        "observed_hours": tuple(observed),
        "resolved_fraction": f,
    }


def safety_table(topics=None):
    """Return the cited safety facts (contraindications, supervision, observation, misuse, ...) as a table.

    Statements read in the Spravato label and a review of ketamine misuse
    (:data:`simulator.literature.safety.SAFETY_POINTS`), one row each with its source. They are what the toy
    acute links do not model. ``topics``: a sequence of topics from
    :data:`simulator.literature.safety.TOPICS` to keep (default: all). Returns a
    :class:`simulator.export.Table`.
    """
    from .literature.safety import SAFETY_POINTS, TOPICS

    if topics is None:
        keep = TOPICS
    else:
        if isinstance(topics, str):
            raise TypeError(f"topics must be a sequence of topics from {list(TOPICS)}, got the string {topics!r}")
        keep = tuple(check_choice("topics[]", t, TOPICS) for t in topics)
    points = sorted((p for p in SAFETY_POINTS if p.topic in keep), key=lambda p: TOPICS.index(p.topic))
    rows = tuple((p.topic, p.statement, f"{p.citation.short()}, {p.section}") for p in points)
    return Table(
        (("topic", ""), ("what the source says", ""), ("source", "")),
        rows,
        title="Safety facts the toy model does not simulate",
        note="Sources: "
        + "; ".join(
            sorted({f"{p.citation.authors} ({p.citation.year}). {p.citation.title}. {p.citation.journal}" for p in points})
        )
        + ". The labels' texts (Spravato, Ketalar) were read in copies of the US prescribing information (grade B"
        " where the wording was read second-hand; docs/literature_checks_grades.md).",
    )
