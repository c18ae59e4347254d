r"""A toy synaptic-plasticity index, a toy symptom score, and a conventional comparator.

Everything here is a TOY: illustrative, tuned by hand to published time courses
(constants and their targets in :mod:`simulator.literature.plasticity_constants`).
It shows why a drug that leaves the blood within hours can act for days, and why
one that acts on monoamines takes weeks. It is not a model of any patient.

The chain (time in hours)
-------------------------
NMDA occupancy :math:`\theta(t)` drives, in turn, a fast drive (disinhibition and
glutamate burst), a signal (BDNF/mTOR), a protein-synthesis stage, labile new
synapses and consolidated synapses:

.. math::

    \tau_D \dot D &= s\,f(\theta) - D \\
    \dot S &= g_S D - S/\tau_S \\
    \tau_G \dot G &= S - G \\
    \dot L &= g_L G - L/\tau_L \\
    \dot C &= g_C \max(0, L - L_{th}) - C/\tau_C

with :math:`f(\theta) = \theta` (or a contested inverted U), :math:`s` a toy
sensitivity. The plasticity index is :math:`I = L + M`, where the consolidated
contribution saturates, :math:`M = C_{max} C / (C_{max} + C)`. The symptom score on a
0-60 rating-like scale is :math:`B\,(1 - E)` with
:math:`E = E_{max} U / (U_{50} + U)` and :math:`U = w_S S + I`: the signal gives the
early improvement (hours), the index carries it for days.

Why an effect can outlast the drug is not settled. The chain stands for the leading hypothesis:
NMDA block on interneurons disinhibits pyramidal cells, a glutamate burst drives BDNF/mTOR
signalling and new synapses (synaptogenesis). Competing or complementary explanations it does not
model: an NMDA-independent action of the metabolite (2R,6R)-hydroxynorketamine (Zanos 2016; the
optional ``hnk_pathway`` is a crude stand-in), blocked NMDA receptors at rest that release
translation of BDNF through eEF2 (Autry 2011), blocked burst firing in the lateral habenula (Yang
2018), and a role of the opioid system (Williams 2018, naltrexone). The toy says nothing about which
is right.

Hypothesis (stated, and tested against both targets): only repeated sessions
push the labile synapses past a consolidation threshold, so one infusion fades
within two weeks while a course of six holds for weeks. A linear chain cannot do
both.

Calibration (each target a test with its cited range): in the typical patient
(sensitivity 1), at least half of the peak improvement within 4 h of one
infusion, the peak about day 1 and a response the day after, gone by days 10-14;
after six infusions, a response lasting 10-30 days after the last. Across virtual
patients (a log-normal sensitivity and a share of toy non-responders, drawn by
:mod:`simulator.population`): about half respond 24 h after one infusion and
55-85% a day after six.

Comparator arms
---------------
:func:`conventional_antidepressant` (SSRI-like, daily) and the optional toy
:func:`placebo_arm` (midazolam or saline) drive the same symptom map, each scaled
by a patient's toy ``comparator_sensitivity``; they never change a ketamine output.

Solution
--------
The first four equations are linear: an eigen-decomposition turns them into
independent modes, each integrated exactly for an input that is linear between
output times (first-order hold) by :func:`simulator.linear.first_order_hold`. The
consolidation equation is linear in :math:`C` with input
:math:`\max(0, L - L_{th})` taken linear between output times, the only
approximation (error O(h^2); a test compares with ``solve_ivp`` at rtol 1e-10).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, fields
from types import MappingProxyType

import numpy as np

from ._validate import check_choice, check_fractions, check_nonnegative, check_number, check_times, deprecated_names
from .labels import DISCLAIMER
from .linear import first_order_hold
from .literature.plasticity_constants import ABDALLAH_2022, CONSTANTS, FAVA_2020, LII_2023, MUTHUKUMARASWAMY_2021, WILKINSON_2019

__all__ = [
    "CONSTANTS",
    "DOSE_NOTE",
    "EXPECTANCY_ARMS",
    "PLACEBO_KINDS",
    "RATING_MAX",
    "RESPONSE_FRACTION",
    "UNBLINDING_NOTE",
    "ComparatorResult",
    "PlaceboResult",
    "PlasticityModel",
    "PlasticityResult",
    "conventional_antidepressant",
    "days_in_response",
    "expectancy_drive",
    "in_response",
    "oral_antidepressant_drive",
    "placebo_arm",
    "response_threshold",
    "restored_share",
    "run_plasticity",
    "symptom_summary",
]

RATING_MAX = 60.0

#: Toy response, as trials define it: a score at or below this fraction of the baseline (a 50 % drop).
#: The one place the rule is written: every figure, table, summary, widget and exercise reads it from here.
RESPONSE_FRACTION = 0.5


def response_threshold(baseline):
    """Return the score at or below which a patient is in toy response: :data:`RESPONSE_FRACTION` x ``baseline``."""
    return RESPONSE_FRACTION * baseline


def in_response(score, baseline) -> np.ndarray:
    """Return where the toy ``score`` is in response (at most :func:`response_threshold` of ``baseline``), as booleans.

    Examples
    --------
    >>> in_response([32.0, 16.0, 10.0], 32.0).tolist()
    [False, True, True]
    """
    return np.asarray(score) <= response_threshold(baseline)


def days_in_response(time_h, score, baseline):
    """Return the days spent in toy response along the last axis of ``score`` (sampled at ``time_h``).

    Each interval between samples counts when the score is in response at its start (the rule
    :func:`symptom_summary` and :class:`~simulator.PopulationResult` share). A float for one series, an
    array for patients x time.

    Examples
    --------
    >>> float(days_in_response([0.0, 24.0, 48.0, 72.0], [32.0, 16.0, 16.0, 32.0], 32.0))
    2.0
    """
    t = np.asarray(time_h, dtype=float)
    return np.sum(np.diff(t) * in_response(score, baseline)[..., :-1], axis=-1) / 24.0


def _default(name):
    return CONSTANTS[name].value


@dataclass(frozen=True, kw_only=True)
class PlasticityModel:
    """Constants and switches of the toy chain (all illustrative; see ``CONSTANTS`` for targets).

    Parameters
    ----------
    baseline_score : float
        Symptom score without treatment, on a 0-60 rating-like scale (toy), in [0, 60].
    sensitivity : float
        Toy sensitivity of the chain to NMDA block (1 = typical), in (0, 10].
    hnk_pathway : bool
        Contested hypothesis: an NMDA-independent drive from the metabolite
        (standing in for (2R,6R)-HNK; Zanos 2016). Off by default.
    expectancy : bool
        Add the arm's toy expectancy (:func:`expectancy_drive`) to the drug's drive on the symptom map, as in every
        trial arm (default). False: the drug alone, which no trial measures.
    inverted_u : bool
        Contested hypothesis: the surge falls again at anaesthetic-level block (Moghaddam 1997: an anaesthetic
        dose lowered prefrontal glutamate in rats). Off by default: the better-graded human evidence (Fava 2020;
        anaesthetic doses no better, Lii 2023) shows a plateau, which the default saturating, adapting surge gives.
    """

    baseline_score: float = 32.0
    sensitivity: float = 1.0
    hnk_pathway: bool = False
    inverted_u: bool = False
    expectancy: bool = True
    drive_time_h: float = _default("drive_time_h")
    occupancy_half_drive: float = _default("occupancy_half_drive")
    drive_hill: float = _default("drive_hill")
    adaptation_time_h: float = _default("adaptation_time_h")
    signal_gain_per_h: float = _default("signal_gain_per_h")
    signal_time_h: float = _default("signal_time_h")
    synthesis_time_h: float = _default("synthesis_time_h")
    spine_gain_per_h: float = _default("spine_gain_per_h")
    spine_time_h: float = _default("spine_time_h")
    consolidation_threshold: float = _default("consolidation_threshold")
    consolidation_gain_per_h: float = _default("consolidation_gain_per_h")
    consolidation_time_h: float = _default("consolidation_time_h")
    consolidated_max: float = _default("consolidated_max")
    signal_weight: float = _default("signal_weight")
    max_improvement: float = _default("max_improvement")
    half_improvement_drive: float = _default("half_improvement_drive")
    hnk_gain: float = _default("hnk_gain")
    inverted_u_width: float = _default("inverted_u_width")

    def __post_init__(self):
        check_number("baseline_score", self.baseline_score, low=0.0, high=RATING_MAX)
        check_number("sensitivity", self.sensitivity, low=0.0, high=10.0, low_inclusive=False)
        for flag in ("hnk_pathway", "inverted_u", "expectancy"):
            if not isinstance(getattr(self, flag), bool):
                raise TypeError(f"{flag} must be True or False, got {getattr(self, flag)!r}")
        for f in fields(self):
            if f.name.endswith("_time_h"):  # time constants: 3.6 s to about 100 years
                check_number(f.name, getattr(self, f.name), low=1e-3, high=1e6)
            elif f.name.endswith("_per_h") or f.name in ("consolidation_threshold", "consolidated_max", "half_improvement_drive"):
                check_number(f.name, getattr(self, f.name), low=1e-9, high=1e6)
        check_number("signal_weight", self.signal_weight, low=0.0, high=100.0)
        check_number("max_improvement", self.max_improvement, low=0.0, high=1.0)
        check_number("hnk_gain", self.hnk_gain, low=0.0, high=100.0)
        check_number("inverted_u_width", self.inverted_u_width, low=0.01, high=10.0)
        check_number("occupancy_half_drive", self.occupancy_half_drive, low=1e-3, high=1.0)
        check_number("drive_hill", self.drive_hill, low=0.5, high=8.0)
        for times in (
            (self.drive_time_h, self.adaptation_time_h),
            (self.signal_time_h, self.synthesis_time_h, self.spine_time_h),
        ):
            if min(abs(a - b) / max(a, b) for i, a in enumerate(times) for b in times[i + 1 :]) < 1e-3:
                raise ValueError(f"the chain's time constants must differ (by 0.1% or more), got {times}")

    def surge_matrix(self) -> np.ndarray:
        """Return the 2 x 2 rate matrix of the surge and the circuit's adaptation to it (D, A), 1/h."""
        return np.array([[-1.0 / self.drive_time_h, 0.0], [1.0 / self.adaptation_time_h, -1.0 / self.adaptation_time_h]])

    def matrix(self) -> np.ndarray:
        """Return the 3 x 3 rate matrix of the signal, synthesis and labile-synapse stages (S, G, L), 1/h."""
        return np.array(
            [
                [-1.0 / self.signal_time_h, 0.0, 0.0],
                [1.0 / self.synthesis_time_h, -1.0 / self.synthesis_time_h, 0.0],
                [0.0, self.spine_gain_per_h, -1.0 / self.spine_time_h],
            ]
        )

    def drive(self, occupancy, metabolite_mg_per_l=None, sensitivity=None):
        """Return the input s f(theta) (+ the contested HNK term) of the chain, f saturating in block.

        ``occupancy``: NMDA occupancy, a number or an array of fractions in [0, 1]. ``metabolite_mg_per_l``
        (optional): finite, >= 0, shaped like ``occupancy``. ``sensitivity`` (optional, finite, >= 0) multiplies
        the model's: a number, or an array that broadcasts against ``occupancy`` (for a population, one
        value per patient with a trailing axis of length 1).
        """
        theta = check_nonnegative("occupancy", occupancy, np.shape(occupancy))
        if theta.size and theta.max() > 1.0:
            raise ValueError(f"occupancy must be fractions in [0, 1], got values up to {float(theta.max())!r}")
        if metabolite_mg_per_l is not None:
            metabolite_mg_per_l = check_nonnegative("metabolite_mg_per_l", metabolite_mg_per_l, theta.shape)
        if sensitivity is not None:
            sensitivity = check_nonnegative("sensitivity", sensitivity, np.shape(sensitivity))
            try:
                np.broadcast_shapes(sensitivity.shape, theta.shape)
            except ValueError:
                raise ValueError(
                    f"sensitivity of shape {sensitivity.shape} does not broadcast against occupancy of shape {theta.shape}"
                ) from None
        return self._drive(theta, metabolite_mg_per_l, sensitivity)

    def _drive(self, occupancy, metabolite_mg_per_l=None, sensitivity=None):
        """:meth:`drive` without the checks (for :func:`run_plasticity`, which checked its inputs)."""
        s = self.sensitivity if sensitivity is None else self.sensitivity * np.asarray(sensitivity, dtype=float)
        theta = np.asarray(occupancy, dtype=float)
        x = (theta / self.occupancy_half_drive) ** self.drive_hill
        f = x / (1.0 + x)  # the surge saturates once most interneuron NMDA channels are blocked
        if self.inverted_u:
            f = f * np.exp(-((theta / self.inverted_u_width) ** 4))
        u = s * f
        if self.hnk_pathway and metabolite_mg_per_l is not None:
            u = u + s * self.hnk_gain * np.asarray(metabolite_mg_per_l, dtype=float)
        return u


@dataclass(frozen=True)
class PlasticityResult:
    """Every stage of the toy chain over time (0 = baseline), and the toy symptom score.

    ``drive`` is the surge above what the circuit has adapted to (what reaches the signal), ``surge`` the surge
    before adaptation; ``expectancy`` the expectancy drive of the arm (0 without one) and ``drug_share`` the drug's
    share (0-1) of the total drive on the symptom map, which :meth:`improvement_parts` uses to split the improvement.
    """

    time_h: np.ndarray
    drive: np.ndarray
    signal: np.ndarray
    synthesis: np.ndarray
    labile: np.ndarray
    consolidated: np.ndarray
    index: np.ndarray
    symptom_score: np.ndarray
    baseline_score: float
    surge: np.ndarray | None = None
    expectancy: np.ndarray | None = None
    drug_share: np.ndarray | None = None
    add_on_share: np.ndarray | None = None

    disclaimer = DISCLAIMER

    def improvement_parts(self) -> dict:
        """Return the toy improvement (points) split into ``"drug"`` and ``"expectancy"`` parts that add up to it.

        The symptom map is one saturating function of the total drive U = drug + expectancy (+ an add-on oral
        antidepressant's drive), so the improvement is shared out in proportion to each part's drive (a convention:
        with a saturating map no split is unique). With an add-on a third part, ``"add-on"``, is the oral
        antidepressant's.
        """
        improvement = self.baseline_score - np.asarray(self.symptom_score)
        share = np.ones_like(improvement) if self.drug_share is None else np.asarray(self.drug_share)
        drug = improvement * share
        if self.add_on_share is None:
            return {"drug": drug, "expectancy": improvement - drug}
        add_on = improvement * np.asarray(self.add_on_share)
        return {"drug": drug, "expectancy": improvement - drug - add_on, "add-on": add_on}


def run_plasticity(
    time_h,
    occupancy,
    model: PlasticityModel | None = None,
    metabolite_mg_per_l=None,
    sensitivity=None,
    *,
    outputs_only=False,
    expectancy=None,
    add_on=None,
) -> PlasticityResult:
    """Run the toy chain for an occupancy time course (one patient, or a batch).

    Parameters
    ----------
    time_h : array_like
        Output times, h, non-decreasing, starting with no drug effect (chain at rest).
    occupancy : array_like
        NMDA occupancy (0..1) at ``time_h``: shape (T,), or (P, T) for P patients (time last).
    model : PlasticityModel, optional
        Constants and switches.
    metabolite_mg_per_l : array_like, optional
        Metabolite effect-site concentration (shaped like ``occupancy``), used only by the
        contested HNK pathway.
    sensitivity : array_like, optional
        One toy sensitivity multiplier per patient (shape (P,)), on top of the model's.
    outputs_only : bool
        Skip the surge, drive and synthesis stages (None in the result): what populations need.
    expectancy : array_like, optional
        The arm's expectancy drive on the symptom map (:func:`expectancy_drive`), shape (T,) or like
        ``occupancy``; finite, >= 0. None: no expectancy (the drug alone).
    add_on : array_like, optional
        An add-on oral antidepressant's drive on the symptom map (:func:`oral_antidepressant_drive`, scaled by each
        patient's comparator sensitivity), shaped like ``expectancy``; finite, >= 0. None: no add-on.

    Returns
    -------
    PlasticityResult
        Arrays shaped like ``occupancy``.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0.0, 48.0, 97)
    >>> chain = run_plasticity(t, np.where(t < 1.0, 0.4, 0.0))
    >>> bool(chain.index.max() > 0) and float(chain.index[0]) == 0.0
    True
    """
    model = PlasticityModel() if model is None else model
    if not isinstance(model, PlasticityModel):
        raise TypeError(f"model must be a simulator.PlasticityModel, got {type(model).__name__}")
    t = check_times("time_h", time_h)
    theta = check_fractions("occupancy", occupancy, t.size)
    metabolite = None
    if model.hnk_pathway and metabolite_mg_per_l is not None:
        metabolite = check_nonnegative("metabolite_mg_per_l", metabolite_mg_per_l, theta.shape)
    if sensitivity is not None:
        sensitivity = check_nonnegative("sensitivity", sensitivity, theta.shape[:-1])
        if theta.ndim == 2:
            sensitivity = sensitivity[:, None]
    if expectancy is not None:
        expectancy = check_nonnegative("expectancy", expectancy, np.shape(expectancy))
        if expectancy.shape[-1:] != t.shape or expectancy.ndim > theta.ndim:
            raise ValueError(f"expectancy must have shape {t.shape} or {theta.shape} (time last), got {expectancy.shape}")
    if add_on is not None:
        add_on = check_nonnegative("add_on", add_on, np.shape(add_on))
        if add_on.shape[-1:] != t.shape or add_on.ndim > theta.ndim:
            raise ValueError(f"add_on must have shape {t.shape} or {theta.shape} (time last), got {add_on.shape}")
    u = np.ascontiguousarray(model._drive(theta, metabolite, sensitivity))  # time along the last axis
    surge, adapted = _linear_stages(model.surge_matrix(), 1.0 / model.drive_time_h, u, t, keep=(0, 1))
    u = None
    drive = np.subtract(surge, adapted, out=adapted)  # the surge above what the circuit has adapted to
    np.maximum(drive, 0.0, out=drive)
    if outputs_only:
        surge = None
    s, g, labile = _linear_stages(model.matrix(), model.signal_gain_per_h, drive, t, keep=(0, 1, 2))
    if outputs_only:
        g, drive = None, None
    # the rest in place, with few temporaries (fresh memory is slow to touch)
    excess = labile - model.consolidation_threshold
    np.maximum(excess, 0.0, out=excess)
    excess *= model.consolidation_gain_per_h
    consolidated = first_order_hold(-1.0 / model.consolidation_time_h, 1.0, excess, t, check=False)
    index = np.add(consolidated, model.consolidated_max, out=excess)  # C / (Cmax + C) x Cmax + L
    np.divide(consolidated, index, out=index)
    index *= model.consolidated_max
    index += labile
    drug = np.multiply(s, model.signal_weight)  # U = w S + I (+ expectancy X), score = B (1 - Emax U / (U50 + U))
    drug += index
    if expectancy is None:
        expectancy = np.zeros(t.shape)
    total = drug + expectancy if add_on is None else drug + expectancy + add_on
    score = np.add(total, model.half_improvement_drive)
    np.divide(total, score, out=score)
    score *= -model.max_improvement * model.baseline_score
    score += model.baseline_score
    np.clip(score, 0.0, model.baseline_score, out=score)  # round-off only: the score lies in [0, baseline]
    share = np.divide(drug, total, out=np.zeros_like(total), where=total > 0)  # the drug's share of U
    add_on_share = None
    if add_on is not None:
        add_on_share = np.divide(np.broadcast_to(add_on, total.shape), total, out=np.zeros_like(total), where=total > 0)
    return PlasticityResult(
        t,
        drive,
        s,
        g,
        labile,
        consolidated,
        index,
        score,
        model.baseline_score,
        surge,
        np.broadcast_to(expectancy, score.shape),
        share,
        add_on_share,
    )


def restored_share(index) -> np.ndarray:
    r"""Return the toy share (0-1) of what depression took away that the new synapses restore, for a plasticity index.

    The toy chain starts at a depressed baseline (index 0: the synapses depression weakened are missing) and the
    new synapses restore part of the deficit, :math:`r = I / (U_{50} + I)`: 0 at the depressed baseline, toward
    1 (a healthy reference, never passed) as the index grows. It is the symptom map's own saturating form and
    half-point (:math:`U_{50}`, ``half_improvement_drive``), so days after a session, when the signal and the
    expectancy have faded, the toy improvement is :math:`E_{max} B\,r`: the restored share is what the toy score
    says. ILLUSTRATIVE: the size of the deficit is not modelled (post-mortem and PET studies find fewer synapses
    in depression; in stressed rodents ketamine restores lost spines), only the direction, restoring toward a
    reference rather than growing from nothing.

    Examples
    --------
    >>> [round(float(x), 3) for x in restored_share([0.0, 0.64, 1e9])]
    [0.0, 0.5, 1.0]
    """
    values = check_nonnegative("index", index, np.shape(index))
    half = CONSTANTS["half_improvement_drive"].value
    return values / (half + values)


def _linear_stages(matrix, gain, u, t, keep) -> tuple:
    """Return the states ``keep`` of x' = M x + e_0 gain u (x(0) = 0, u linear between samples), by modes, exactly.

    ``matrix`` is lower triangular with distinct diagonal entries, so it has real, distinct eigenvalues.
    """
    lam, vec = np.linalg.eig(matrix)
    lam, vec = lam.real, vec.real
    beta = np.linalg.solve(vec, gain * np.eye(matrix.shape[0])[:, 0])
    modes = [first_order_hold(lam[i], beta[i], u, t, check=False) for i in range(lam.size)]
    out = tuple(_combine(vec[k], modes) for k in keep)
    for stage in out:  # a positive system with input >= 0: negatives are round-off of the modal sum
        np.maximum(stage, 0.0, out=stage)
    return out


def _combine(weights, modes) -> np.ndarray:
    """Return sum_i weights[i] * modes[i] over the non-zero weights, with one temporary."""
    terms = [(w, m) for w, m in zip(weights, modes, strict=True) if w != 0.0]
    out = terms[0][0] * terms[0][1]
    scratch = np.empty_like(out)
    for w, m in terms[1:]:
        out += np.multiply(w, m, out=scratch)
    return out


#: Round-off above the top of the scale that :func:`symptom_summary` accepts (the chain's modes cancel to ~1e-15).
_SCORE_ROUND_OFF = 1e-9


def symptom_summary(time_h, score, baseline) -> dict:
    """Onset, peak, duration above half of the peak improvement, and response start and end.

    Response: score at or below half the baseline (a 50% drop), as in trials (:func:`in_response`).
    Onset: first time the improvement reaches 10% of the baseline score. Times in hours (NaN if never).

    Parameters
    ----------
    time_h : array_like
        Times, h: finite, >= 0, non-decreasing, 1 to 2 000 000 of them.
    score : array_like
        Toy symptom score at ``time_h``, each in [0, 60] (up to 1e-9 above 60 is accepted as round-off).
    baseline : float
        Score without treatment, in [0, 60] (0: nothing to improve; the times are NaN).

    Returns
    -------
    dict
        ``onset_h``, ``peak_h``, ``peak_improvement``, ``duration_above_half_peak_h``,
        ``response_start_h``, ``response_end_h`` and ``days_in_response``.
    """
    t = check_times("time_h", time_h)
    score = check_nonnegative("score", score, t.shape)
    if score.max() > RATING_MAX + _SCORE_ROUND_OFF:
        raise ValueError(f"score must be in [0, {RATING_MAX:g}], got values up to {score.max()!r}")
    baseline = check_number("baseline", baseline, low=0.0, high=RATING_MAX)
    improvement = baseline - score
    out = {"onset_h": np.nan, "peak_h": np.nan, "peak_improvement": 0.0, "duration_above_half_peak_h": 0.0}
    out.update({"response_start_h": np.nan, "response_end_h": np.nan, "days_in_response": 0.0})
    if baseline <= 0:
        return out
    i = int(np.argmax(improvement))
    out["peak_h"], out["peak_improvement"] = float(t[i]), float(improvement[i])
    onset = np.flatnonzero(improvement >= 0.1 * baseline)
    if onset.size:
        out["onset_h"] = float(t[onset[0]])
    if improvement[i] > 0:
        above = improvement >= 0.5 * improvement[i]
        out["duration_above_half_peak_h"] = float(np.sum(np.diff(t) * above[:-1]))
    responding = in_response(score, baseline)
    if responding.any():
        idx = np.flatnonzero(responding)
        out["response_start_h"] = float(t[idx[0]])
        out["response_end_h"] = float(t[idx[-1]])
        out["days_in_response"] = float(days_in_response(t, score, baseline))
    return {k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in out.items()}


# ----------------------------------------------------------------------------- comparator arms


def _improvement_score(drive, baseline_score: float) -> np.ndarray:
    """Return the toy score for a comparator drive on the chain's symptom map, B (1 - Emax U / (U50 + U))."""
    emax, half = CONSTANTS["max_improvement"].value, CONSTANTS["half_improvement_drive"].value
    score = baseline_score * (1.0 - emax * drive / (half + drive))
    return np.clip(score, 0.0, baseline_score, out=score)  # round-off only


def _check_arm(days, baseline_score, step_h) -> tuple[float, float, float]:
    """Check the window, baseline and step that every comparator arm takes."""
    return (
        check_number("days", days, low=0.0, high=365.0, low_inclusive=False),
        check_number("baseline_score", baseline_score, low=0.0, high=RATING_MAX),
        check_number("step_h", step_h, low=0.01, high=24.0),
    )


def _check_sensitivity(sensitivity) -> np.ndarray | float:
    """Return 1.0 (None), a checked number, or a checked 1-D array (one toy sensitivity per patient), each in (0, 1000]."""
    if sensitivity is None:
        return 1.0
    if isinstance(sensitivity, numbers.Real) and not isinstance(sensitivity, bool):
        return check_number("sensitivity", sensitivity, low=0.0, high=1e3, low_inclusive=False)
    values = check_nonnegative("sensitivity", sensitivity, np.shape(sensitivity))
    if values.ndim != 1 or not 1 <= values.size <= 100_000 or values.min() <= 0.0 or values.max() > 1e3:
        raise ValueError(
            f"sensitivity must be a number or a 1-D array of 1 to 100000 numbers in (0, 1000], got shape {values.shape}"
        )
    return values


def _per_patient(profile: np.ndarray, sensitivity) -> np.ndarray:
    """Return sensitivity x profile: shape (T,) for a number, (P, T) for P sensitivities."""
    if isinstance(sensitivity, np.ndarray):
        return sensitivity[:, None] * profile[None, :]
    return sensitivity * profile


@dataclass(frozen=True)
class ComparatorResult:
    """The SSRI-like comparator over time: relative level, transporter block, adaptation, symptom score.

    ``symptom_score`` has shape (T,) for one sensitivity and (P, T) for P of them; the other arrays are (T,).
    """

    time_h: np.ndarray
    level: np.ndarray
    block: np.ndarray
    adaptation: np.ndarray
    symptom_score: np.ndarray
    baseline_score: float
    expectancy: np.ndarray | None = None

    def __post_init__(self):
        for name in ("time_h", "level", "block", "adaptation", "symptom_score", "expectancy"):
            if getattr(self, name) is None:
                continue
            getattr(self, name).flags.writeable = False  # read-only, like every result: safe to share and cache

    disclaimer = DISCLAIMER


def conventional_antidepressant(
    days: float = 56.0,
    baseline_score: float = 32.0,
    step_h: float = 1.0,
    start_day: float = 0.0,
    sensitivity=None,
    expectancy: bool = True,
):
    r"""Simulate a toy SSRI-like daily oral antidepressant on the same symptom scale.

    One dose a day from ``start_day``; the relative plasma level follows a one-compartment
    oral model (absorption half-time 1.4 h, peak 6.2 h after a dose as in the sertraline label's
    4.5-8.4 h; 26 h half-life; steady-state peak about 1), transporter
    block saturates with it, and two slow adaptation stages (time constant 12 days
    each) turn the block into a drive on the toy chain's symptom map, beside the expectancy of a blinded
    drug arm, which builds over the first weeks of tablets (:math:`X`): :math:`U = s\,(g\,A(t) + X(t))`,
    score :math:`= B\,(1 - E_{max} U / (U_{50} + U))`. All
    illustrative, tuned to: some improvement in week 1, half of the week-8 improvement
    in 1-3 weeks (Taylor 2006; Posternak 2005), and, with the toy spread of ``s``
    across virtual patients, 35-60% in toy response at week 8 and more later
    (STAR*D level 1, Trivedi 2006: 47% response by exit). The typical patient
    (``s`` = 1) is just short of response at week 8.

    Parameters
    ----------
    days : float
        Simulated days, in (0, 365].
    baseline_score : float
        Symptom score without treatment, in [0, 60].
    step_h : float
        Output step, h, in [0.01, 24].
    start_day : float
        First dose, days, in [0, ``days``].
    sensitivity : float or array_like, optional
        The toy sensitivity :math:`s` to the comparator (1 = typical; a virtual patient's
        ``random_effects.comparator_sensitivity``), in (0, 1000]; a 1-D array gives one score row per patient.
    expectancy : bool
        Add a blinded drug arm's expectancy (default): with a tablet a day it builds over the first weeks,
        :math:`X = g_{drug} (1 - e^{-t/\tau_X})` from the first tablet (``tablet_expectancy_time_h``). False: the drug
        alone, what a drug-placebo difference measures (Taylor 2006's time course is of that difference).

    Returns
    -------
    ComparatorResult
    """
    days, baseline_score, step_h = _check_arm(days, baseline_score, step_h)
    start_day = check_number("start_day", start_day, low=0.0, high=days)
    sensitivity = _check_sensitivity(sensitivity)
    if not isinstance(expectancy, bool):
        raise TypeError(f"expectancy must be True or False, got {expectancy!r}")
    t = np.arange(0.0, days * 24.0 + step_h / 2, step_h)
    level, block, adaptation = _ssri_stages(t, start_day * 24.0)
    expectancy = _tablet_expectancy(t, start_day * 24.0) if expectancy else np.zeros_like(t)
    drive = _per_patient(CONSTANTS["ssri_drive"].value * adaptation + expectancy, sensitivity)
    return ComparatorResult(t, level, block, adaptation, _improvement_score(drive, baseline_score), baseline_score, expectancy)


def _ssri_stages(t, start_h: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the toy SSRI's relative level, transporter block and adaptation at checked times ``t`` (h), a tablet a day.

    One tablet a day from ``start_h``: a one-compartment oral model, block saturating with the level, two slow
    adaptation stages; any non-decreasing grid (regular or not).
    """
    k = np.log(2.0) / CONSTANTS["ssri_half_life_h"].value
    ka = np.log(2.0) / CONSTANTS["ssri_absorption_half_time_h"].value
    since = t - start_h
    level = np.zeros_like(t)
    taken = since >= 0
    doses_so_far = np.floor(since[taken] / 24.0) + 1
    after_last = since[taken] - (doses_so_far - 1) * 24.0

    def doses(rate):  # sum over the doses taken so far of exp(-rate * time since each), in closed form
        return np.exp(-rate * after_last) * -np.expm1(-rate * 24.0 * doses_so_far) / -np.expm1(-rate * 24.0)

    # one-compartment oral model (first-order absorption, Bateman), one dose a day, each dose's area
    # (1 - exp(-24 k)) / k: the average steady-state level is (1 - exp(-24 k)) / (24 k), about 0.74
    level[taken] = ka / (ka - k) * (doses(k) - doses(ka)) * -np.expm1(-k * 24.0)
    ec50 = CONSTANTS["ssri_occupancy_ec50"].value
    block = level / (ec50 + level)
    tau = CONSTANTS["ssri_adaptation_time_h"].value
    first = first_order_hold(-1.0 / tau, 1.0 / tau, block, t)
    adaptation = first_order_hold(-1.0 / tau, 1.0 / tau, first, t)
    return level, block, adaptation


def oral_antidepressant_drive(time_h, start_h: float = 0.0, expectancy: bool = True) -> tuple[np.ndarray, np.ndarray]:
    r"""Return the toy oral antidepressant's drive on the symptom map and its tablets' expectancy, at ``time_h`` (a TOY).

    The same SSRI-like comparator as :func:`conventional_antidepressant` (a tablet a day from ``start_h``), on any
    output grid, for a typical patient (sensitivity 1): the drive :math:`g\,A(t)` and the blinded tablets' expectancy
    :math:`X(t)` (zeros with ``expectancy=False``). An add-on arm (ketamine or esketamine sessions *with* a newly
    started oral antidepressant, as esketamine is labelled) adds :math:`g\,A` to the ketamine chain's drive; the
    expectancy is the patient's one expectation, the larger of the sessions' and the tablets' at each time
    (:class:`simulator.pipeline.Chain`). Teaching model: illustrative, not for dosing.

    Examples
    --------
    >>> drive, tablets = oral_antidepressant_drive([0.0, 24.0 * 7, 24.0 * 28])
    >>> bool(drive[0] == 0.0 < drive[1] < drive[2]) and bool(tablets[2] > tablets[1] > 0.0)
    True
    """
    t = check_times("time_h", time_h)
    start_h = check_number("start_h", start_h, low=0.0)
    if not isinstance(expectancy, bool):
        raise TypeError(f"expectancy must be True or False, got {expectancy!r}")
    _, _, adaptation = _ssri_stages(t, start_h)
    tablets = _tablet_expectancy(t, start_h) if expectancy else np.zeros_like(t)
    return CONSTANTS["ssri_drive"].value * adaptation, tablets


#: Kinds of the toy placebo arm: an active placebo (midazolam) and an inert one (saline).
PLACEBO_KINDS = ("midazolam", "saline")

#: Why the placebo arm of a ketamine trial is hard to blind, and what the toy placebo arm does about it.
UNBLINDING_NOTE = (
    "Functional unblinding: ketamine's dissociation tells most patients, and often the raters, who had ketamine. "
    "A saline infusion is recognised as no drug, and its response is small (model-estimated 1% at day 1, "
    f"{WILKINSON_2019.short()}). Midazolam was chosen as an active placebo (sedation, similar kinetics) so that "
    "fewer patients can tell; its arm responds more (18% at day 1), and ketamine's effect size shrinks from d = 1.8 "
    f"against saline to d = 0.7 against midazolam ({WILKINSON_2019.short()}). Trials rarely test whether the blind "
    f"held, so their effect sizes are probably over-estimated ({MUTHUKUMARASWAMY_2021.short()}). In the toy, every "
    "arm carries an expectancy (the same profile after each session, sized by arm): a drug arm expects as much as "
    "the active placebo, a saline arm less, and an arm masked by surgical anaesthesia, where nobody can tell, "
    f"expects a lot whatever it is given ({LII_2023.short()}). Only the day-1 sizes are tuned; the time course is invented."
)

#: What the trials say about dose, and what the toy does with it (shown beside the dose-response views).
DOSE_NOTE = (
    f"More block is not more benefit: 0.5 and 1.0 mg/kg over 40 min did about equally well, 0.2 mg/kg no better than "
    f"midazolam ({FAVA_2020.short()}); 0.5 but not 0.2 mg/kg beat placebo over eight infusions "
    f"({ABDALLAH_2022.short()}); under surgical anaesthesia ketamine did no better than saline ({LII_2023.short()}). "
    "The toy's surge saturates with block and adapts within minutes, so a deeper or longer block buys little more."
)

#: Arms and the expectancy each carries (toy): a blinded drug arm and the midazolam arm expect the same, saline less,
#: an arm masked by surgical anaesthesia more (whatever it is given), "none" nothing (the drug alone).
EXPECTANCY_ARMS = ("drug", "midazolam", "saline", "masked", "none")
_EXPECTANCY_CONSTANT = MappingProxyType(
    {"drug": "placebo_midazolam_drive", "midazolam": "placebo_midazolam_drive", "saline": "placebo_saline_drive",
     "masked": "expectancy_masked_drive"}
)  # fmt: skip


def expectancy_drive(time_h, session_starts_h, arm: str = "drug") -> np.ndarray:
    r"""Return the toy expectancy drive of a trial arm on the symptom map, at ``time_h`` (a TOY).

    Each session starts a profile that rises within hours and fades over days,
    :math:`p(t) = (e^{-t/\tau_d} - e^{-t/\tau_r}) / \max`; a later session renews it rather than adding to it
    (invented: nothing cited says expectancy builds up). The drive is :math:`g_{arm} \max_k p(t - t_k)`, with
    :math:`g_{arm}` from :data:`EXPECTANCY_ARMS` (constants in :data:`CONSTANTS`). The ketamine chain adds it to the
    drug's drive, and the placebo arms are made of it alone.

    Parameters
    ----------
    time_h : array_like
        Times, h (finite, >= 0, non-decreasing).
    session_starts_h : sequence of float
        Start of each session, h (finite, >= 0); empty: no expectancy.
    arm : str
        One of :data:`EXPECTANCY_ARMS`.

    Examples
    --------
    >>> drive = expectancy_drive([0.0, 24.0, 240.0], [0.0], "midazolam")
    >>> bool(drive[0] == 0.0 and drive[1] > drive[2] > 0.0)
    True
    """
    t = check_times("time_h", time_h)
    check_choice("arm", arm, EXPECTANCY_ARMS)
    starts = check_nonnegative("session_starts_h", session_starts_h, np.shape(session_starts_h)).ravel()
    if arm == "none":
        return np.zeros_like(t)
    return CONSTANTS[_EXPECTANCY_CONSTANT[arm]].value * _expectancy_profile(t, starts)


def _tablet_expectancy(t, start_h: float) -> np.ndarray:
    """Return a blinded drug arm's expectancy drive with a tablet a day from ``start_h``: it builds over weeks."""
    since = np.maximum(t - start_h, 0.0)
    return CONSTANTS[_EXPECTANCY_CONSTANT["drug"]].value * -np.expm1(-since / CONSTANTS["tablet_expectancy_time_h"].value)


def _expectancy_profile(t, starts) -> np.ndarray:
    """Return the expectancy profile (peak 1 after each session; a later session renews it), for checked inputs."""
    profile = np.zeros_like(t)
    rise, fade = CONSTANTS["placebo_rise_time_h"].value, CONSTANTS["placebo_time_h"].value
    peak_h = rise * fade / (fade - rise) * np.log(fade / rise)
    peak = np.exp(-peak_h / fade) - np.exp(-peak_h / rise)
    for start in np.unique(starts):
        after = t >= start
        since = t[after] - start
        profile[after] = np.maximum(profile[after], (np.exp(-since / fade) - np.exp(-since / rise)) / peak)
    return profile


@dataclass(frozen=True)
class PlaceboResult:
    """The toy placebo arm over time: expectancy profile (peak 1; each session renews it) and symptom score.

    ``symptom_score`` has shape (T,) for one sensitivity and (P, T) for P of them.
    """

    time_h: np.ndarray
    expectancy: np.ndarray
    symptom_score: np.ndarray
    baseline_score: float
    kind: str

    def __post_init__(self):
        for name in ("time_h", "expectancy", "symptom_score"):
            getattr(self, name).flags.writeable = False  # read-only, like every result: safe to share and cache

    disclaimer = DISCLAIMER
    note = UNBLINDING_NOTE


def placebo_arm(
    days: float = 14.0,
    baseline_score: float = 32.0,
    step_h: float = 1.0,
    session_days=(0.0,),
    kind: str = "midazolam",
    sensitivity=None,
    masked: bool = False,
) -> PlaceboResult:
    r"""Simulate a toy placebo arm of a ketamine trial on the same symptom scale (optional; a TOY).

    The arm is expectancy alone, :func:`expectancy_drive` of its kind (each session renews a profile that
    rises within hours and fades over days), scaled by the patient's sensitivity:
    :math:`U = s\,g_{kind} \max_k p(t - t_k)`, score
    :math:`= B\,(1 - E_{max} U / (U_{50} + U))` (the ketamine chain's symptom map). Tuned
    only to the size of the day-1 response across virtual patients: about 18-28% for
    midazolam, about 1-5% for saline (Wilkinson 2019; Cochrane 2021; Murrough 2013); the
    time course is invented. It does not change any ketamine output.

    Why two kinds: patients can tell that they had ketamine (dissociation), so a saline
    control is functionally unblinded; midazolam is an active placebo chosen for that
    reason (see :data:`UNBLINDING_NOTE`).

    Parameters
    ----------
    days : float
        Simulated days, in (0, 365].
    baseline_score : float
        Symptom score without treatment, in [0, 60].
    step_h : float
        Output step, h, in [0.01, 24].
    session_days : sequence of float
        Start of each placebo session, days, each in [0, ``days``]; 1 to 100 sessions.
    kind : {"midazolam", "saline"}
        Active (midazolam) or inert (saline) placebo.
    sensitivity : float or array_like, optional
        The toy sensitivity :math:`s` to the comparator arms (1 = typical; a virtual patient's
        ``random_effects.comparator_sensitivity``), in (0, 1000]; a 1-D array gives one score row per patient.
    masked : bool
        Given under surgical anaesthesia (Lii 2023): nobody can tell the arms apart, and the arm carries the
        masked expectancy whatever its kind.

    Returns
    -------
    PlaceboResult
    """
    days, baseline_score, step_h = _check_arm(days, baseline_score, step_h)
    check_choice("kind", kind, PLACEBO_KINDS)
    if not isinstance(masked, bool):
        raise TypeError(f"masked must be True or False, got {masked!r}")
    if isinstance(session_days, (str, bytes)) or not isinstance(session_days, (list, tuple, np.ndarray)):
        raise TypeError(f"session_days must be a sequence of 1 to 100 numbers (days), got {session_days!r}")
    if not 1 <= len(session_days) <= 100:
        raise ValueError(f"session_days must hold 1 to 100 sessions, got {len(session_days)}")
    starts_h = [24.0 * check_number("session_days[]", d, low=0.0, high=days) for d in session_days]
    sensitivity = _check_sensitivity(sensitivity)
    t = np.arange(0.0, days * 24.0 + step_h / 2, step_h)
    expectancy = _expectancy_profile(t, np.asarray(starts_h, dtype=float))
    drive = _per_patient(CONSTANTS[_EXPECTANCY_CONSTANT["masked" if masked else kind]].value * expectancy, sensitivity)
    return PlaceboResult(t, expectancy, _improvement_score(drive, baseline_score), baseline_score, kind)


#: Names kept for one release: "chain" now means the whole causal chain only (simulator.pipeline.Chain).
__getattr__ = deprecated_names(__name__, globals(), {
    "run_chain": ("run_plasticity", '"chain" is the whole causal chain'),
    "ChainResult": ("PlasticityResult", '"chain" is the whole causal chain'),
})  # fmt: skip
