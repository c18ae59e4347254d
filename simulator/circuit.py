r"""A two-population disinhibition sketch: NMDA block -> interneurons -> inhibition -> pyramidal cells -> glutamate.

Teaching model: illustrative, not for dosing.

Why blocking a glutamate receptor can raise glutamate: NMDA receptors drive the GABA interneurons that hold
pyramidal cells in check more than they drive the pyramidal cells themselves. Block them and interneuron firing
falls, the inhibition onto pyramidal cells falls with its own lag, pyramidal firing rises and extracellular
glutamate rises with its own clearance time. Block of receptors and the rise of glutamate are two different
things, caused in sequence. The pyramidal cells carry NMDA receptors too: the same block lowers their own
excitation at once, so near-complete (anaesthetic) block lowers glutamate instead.

The sketch (a linear-threshold rate model; every rate normalised to its baseline, 1)
------------------------------------------------------------------------------------
With NMDA block :math:`\theta(t)` (the same fraction on both populations, as the receptor model's one
well-mixed site), interneuron rate :math:`I`, inhibition onto pyramidal cells :math:`G`, pyramidal rate
:math:`P` and extracellular glutamate :math:`Q`, time in hours:

.. math::

    \tau_I \dot I &= [1 - \theta/\theta_s]_+ - I \\
    \tau_G \dot G &= I - G \\
    \tau_P \dot P &= (1 + w)(1 - a_P \theta) - w G - P \\
    \tau_Q \dot Q &= P - Q

:math:`\theta_s` is the block at which interneurons fall silent, :math:`w` the inhibition at baseline as a share
of the pyramidal cells' net drive and :math:`a_P` the share of their excitation carried by NMDA receptors. Held
block :math:`\theta` gives :math:`Q = 1 + w \min(1, \theta/\theta_s) - (1 + w) a_P \theta`: a rise that grows
with partial block and turns into a fall near complete block (an inverted U). Because :math:`a_P \le 1/(1 + w)`
(checked), the pyramidal drive never falls below zero, so no rate needs clipping and the system is linear in
its states.

Constants (all invented, each tuned to a qualitative fact): :data:`simulator.literature.circuit_constants.CONSTANTS`.

Solution
--------
The system is linear with inputs :math:`[1 - \theta/\theta_s]_+` and :math:`1 - a_P\theta`, taken linear between
output times (first-order hold, as the plasticity chain); each step is exact for such inputs through the
exponential of one augmented matrix (Van Loan), one per distinct step length. A step of block is solved exactly;
a test compares with ``scipy.integrate.solve_ivp`` at rtol 1e-10.

How it relates to the toy chain
-------------------------------
The first stage of the toy plasticity chain (:mod:`simulator.plasticity`, its saturating, adapting surge) is a
reduced stand-in for this sketch: it feeds the chain, this sketch feeds nothing. Neither tells how large the
glutamate rise is in a human brain, at which block it turns, which interneurons matter, or whether the rise is
what makes ketamine an antidepressant.

References
----------
Homayoun H, Moghaddam B (2007). NMDA receptor hypofunction produces opposite effects on prefrontal cortex
interneurons and pyramidal neurons. J Neurosci 27:11496-11500. doi:10.1523/JNEUROSCI.2213-07.2007
(awake rats: NMDA receptor inhibition lowered the firing of putative GABA interneurons and, at a delayed rate,
raised that of most pyramidal neurons).

Moghaddam B, Adams B, Verma A, Daly D (1997). Activation of glutamatergic neurotransmission by ketamine. J Neurosci
17:2921-2927. doi:10.1523/JNEUROSCI.17-08-02921.1997 (awake rats, microdialysis: ketamine 10, 20 and 30 mg/kg
raised prefrontal glutamate outflow, 50 mg/kg did not change it, an anaesthetic 200 mg/kg lowered it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np

from ._validate import check_fractions, check_nonnegative, check_number, check_times
from .labels import DISCLAIMER
from .literature.circuit_constants import CONSTANTS

__all__ = [
    "CONSTANTS",
    "SILENT_FRACTION",
    "DisinhibitionModel",
    "DisinhibitionResult",
    "disinhibition",
    "disinhibition_for",
    "steady_state",
]

#: Interneuron firing below this fraction of its baseline counts as silent (``DisinhibitionResult.summary``).
SILENT_FRACTION = 0.01
#: Shortest and longest time constant a field of the sketch may take, hours (3.6 seconds to about 4 days).
_TIME_RANGE_H = (1e-3, 100.0)


def _default(name: str) -> float:
    return CONSTANTS[name].value


@dataclass(frozen=True, kw_only=True)
class DisinhibitionModel:
    """Constants of the disinhibition sketch (all invented; each tuned to a fact in ``CONSTANTS``).

    Parameters
    ----------
    interneuron_time_h : float
        Time constant of interneuron firing, h, in [0.001, 100].
    inhibition_time_h : float
        Time constant of the inhibition (GABA) onto pyramidal cells, h, in [0.001, 100].
    pyramidal_time_h : float
        Time constant of pyramidal firing, h, in [0.001, 100].
    glutamate_clearance_time_h : float
        Time constant of extracellular glutamate (release and clearance), h, in [0.001, 100].
    interneuron_silencing_block : float
        NMDA block at which interneurons fall silent, in (0, 1] (1: only complete block silences them).
    inhibition_weight : float
        Inhibition onto pyramidal cells at baseline, as a share of their net drive, in [0, 10] (0: no
        disinhibition).
    pyramidal_nmda_share : float
        Share of the pyramidal cells' own excitation carried by NMDA receptors, in [0, 1 / (1 + inhibition_weight)]
        (above that the pyramidal drive could fall below zero).

    Examples
    --------
    >>> DisinhibitionModel().interneuron_silencing_block
    0.5
    >>> DisinhibitionModel(pyramidal_nmda_share=0.9)
    Traceback (most recent call last):
    ...
    ValueError: pyramidal_nmda_share must be in [0, 0.571429] (at most 1/(1 + inhibition_weight)), got 0.9
    """

    interneuron_time_h: float = _default("interneuron_time_h")
    inhibition_time_h: float = _default("inhibition_time_h")
    pyramidal_time_h: float = _default("pyramidal_time_h")
    glutamate_clearance_time_h: float = _default("glutamate_clearance_time_h")
    interneuron_silencing_block: float = _default("interneuron_silencing_block")
    inhibition_weight: float = _default("inhibition_weight")
    pyramidal_nmda_share: float = _default("pyramidal_nmda_share")

    def __post_init__(self):
        low, high = _TIME_RANGE_H
        for f in fields(self):
            if f.name.endswith("_time_h"):
                check_number(f.name, getattr(self, f.name), low=low, high=high)
        check_number("interneuron_silencing_block", self.interneuron_silencing_block, low=0.0, high=1.0, low_inclusive=False)
        w = check_number("inhibition_weight", self.inhibition_weight, low=0.0, high=10.0)
        share = check_number("pyramidal_nmda_share", self.pyramidal_nmda_share, low=0.0, high=1.0)
        if share > 1.0 / (1.0 + w):
            raise ValueError(
                f"pyramidal_nmda_share must be in [0, {1.0 / (1.0 + w):g}] (at most 1/(1 + inhibition_weight)), got {share!r}"
            )

    def matrix(self) -> np.ndarray:
        """Return the 4 x 4 rate matrix of (interneuron, inhibition, pyramidal, glutamate), 1/h."""
        ti, tg, tp, tq = self.interneuron_time_h, self.inhibition_time_h, self.pyramidal_time_h, self.glutamate_clearance_time_h
        w = self.inhibition_weight
        return np.array(
            [
                [-1.0 / ti, 0.0, 0.0, 0.0],
                [1.0 / tg, -1.0 / tg, 0.0, 0.0],
                [0.0, -w / tp, -1.0 / tp, 0.0],
                [0.0, 0.0, 1.0 / tq, -1.0 / tq],
            ]
        )

    def inputs(self, block) -> np.ndarray:
        """Return the two inputs' departures from baseline for NMDA block ``block``: shape ``block.shape + (2,)``.

        The first is the interneurons' drive minus 1, ``-min(1, block / interneuron_silencing_block)``; the second
        the pyramidal cells' excitation minus its baseline, ``-(1 + w) a_P block``.
        """
        theta = np.asarray(block, dtype=float)
        interneuron = -np.minimum(1.0, theta / self.interneuron_silencing_block)
        pyramidal = -(1.0 + self.inhibition_weight) * self.pyramidal_nmda_share * theta
        return np.stack([interneuron, pyramidal], axis=-1)

    def input_matrix(self) -> np.ndarray:
        """Return the 4 x 2 matrix through which :meth:`inputs` enter the rates, 1/h."""
        b = np.zeros((4, 2))
        b[0, 0] = 1.0 / self.interneuron_time_h
        b[2, 1] = 1.0 / self.pyramidal_time_h
        return b


@dataclass(frozen=True)
class DisinhibitionResult:
    """The sketch over time: the block put in, and each population's response (1 = baseline).

    ``interneuron_block`` is the input (NMDA block, a fraction); ``interneuron_rate``, ``inhibition``,
    ``pyramidal_rate`` and ``glutamate`` are normalised to their baseline (1: no change).
    """

    time_h: np.ndarray
    interneuron_block: np.ndarray
    interneuron_rate: np.ndarray
    inhibition: np.ndarray
    pyramidal_rate: np.ndarray
    glutamate: np.ndarray
    model: DisinhibitionModel

    disclaimer = DISCLAIMER

    def summary(self, until_h: float | None = None) -> dict:
        """Return when each stage reaches its extreme (hours) and how far (fractions of baseline).

        Keys: ``block_peak_h`` and ``block_peak``; ``interneuron_minimum_h`` and ``interneuron_minimum``;
        ``inhibition_minimum_h`` and ``inhibition_minimum``; ``pyramidal_peak_h`` and ``pyramidal_peak_rise``;
        ``glutamate_peak_h`` and ``glutamate_peak_rise`` (the largest rise above baseline, 0 if glutamate never
        rises); ``glutamate_lowest_h`` and ``glutamate_fall`` (the largest fall below baseline, 0 if it never
        falls). The first time within 1e-9 of an extreme counts. ``interneuron_silent_h`` and
        ``inhibition_gone_h``: the first time each is below 1% of baseline (:data:`SILENT_FRACTION`; NaN if
        never: silent interneurons stay near 0 for a while, so the time of their minimum says little).
        ``until_h`` (optional): look only at output times up to it.
        """
        t = self.time_h
        keep = slice(None) if until_h is None else t <= check_number("until_h", until_h, low=float(t[0]))
        t = t[keep]

        def first(values, largest):
            values = values[keep]
            target = values.max() if largest else values.min()
            i = int(np.argmax(values >= target - 1e-9) if largest else np.argmax(values <= target + 1e-9))
            return float(t[i]), float(values[i])

        block_h, block = first(self.interneuron_block, True)
        inter_h, inter = first(self.interneuron_rate, False)
        inh_h, inh = first(self.inhibition, False)
        pyr_h, pyr = first(self.pyramidal_rate, True)
        glu_h, glu = first(self.glutamate, True)
        low_h, low = first(self.glutamate, False)

        def below(values):
            low = values[keep] < SILENT_FRACTION
            return float(t[np.argmax(low)]) if low.any() else math.nan

        return {
            "block_peak_h": block_h,
            "block_peak": block,
            "interneuron_minimum_h": inter_h,
            "interneuron_minimum": inter,
            "interneuron_silent_h": below(self.interneuron_rate),
            "inhibition_minimum_h": inh_h,
            "inhibition_minimum": inh,
            "inhibition_gone_h": below(self.inhibition),
            "pyramidal_peak_h": pyr_h,
            "pyramidal_peak_rise": max(0.0, pyr - 1.0),
            "glutamate_peak_h": glu_h,
            "glutamate_peak_rise": max(0.0, glu - 1.0),
            "glutamate_lowest_h": low_h,
            "glutamate_fall": max(0.0, 1.0 - low),
        }


def steady_state(block, model: DisinhibitionModel | None = None) -> dict:
    """Return the sketch's rates with NMDA block held at ``block`` (a fraction in [0, 1]) until nothing changes.

    Closed form: interneuron rate and inhibition ``max(0, 1 - block / theta_s)``, pyramidal rate and glutamate
    ``1 + w min(1, block / theta_s) - (1 + w) a_P block``; each 1 at baseline. ``block`` may be a number or an array.

    Examples
    --------
    >>> state = steady_state(0.4)
    >>> round(state["glutamate"], 3), round(steady_state(0.95)["glutamate"], 3)
    (1.215, 0.836)
    """
    model = _check_model(model)
    if np.ndim(block) == 0 and not isinstance(block, np.ndarray):
        theta = check_number("block", block, low=0.0, high=1.0)
    else:
        theta = check_nonnegative("block", block, np.shape(block))
        if theta.size and theta.max() > 1.0:
            raise ValueError(f"block must be fractions in [0, 1], got values up to {float(theta.max())!r}")
    d_inter, d_pyr = np.moveaxis(model.inputs(theta), -1, 0)
    inhibition = 1.0 + d_inter
    pyramidal = 1.0 + d_pyr - model.inhibition_weight * d_inter
    out = {"interneuron_rate": inhibition, "inhibition": inhibition, "pyramidal_rate": pyramidal, "glutamate": pyramidal}
    return {k: float(v) if np.ndim(v) == 0 else v for k, v in out.items()}


def disinhibition(time_h, block, model: DisinhibitionModel | None = None) -> DisinhibitionResult:
    """Run the disinhibition sketch for an NMDA block time course, from baseline.

    Parameters
    ----------
    time_h : array_like
        Output times, h: finite, >= 0, non-decreasing; the circuit is at baseline at the first.
    block : array_like
        NMDA block (fraction of channels blocked, 0..1) at ``time_h``, shape like ``time_h``; taken linear
        between output times.
    model : DisinhibitionModel, optional
        Constants (default: the illustrative ones).

    Returns
    -------
    DisinhibitionResult
        The block and the four normalised rates at ``time_h``.

    Raises
    ------
    TypeError
        If ``model`` is not a :class:`DisinhibitionModel` or an array holds something other than numbers.
    ValueError
        If the times are not a valid grid or the block is not fractions in [0, 1] of the same length.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0.0, 3.0, 181)
    >>> out = disinhibition(t, np.where(t < 1.0, 0.4, 0.0))
    >>> out.summary()["interneuron_minimum_h"] < out.summary()["glutamate_peak_h"]
    True
    >>> float(disinhibition(t, np.zeros_like(t)).glutamate.max())
    1.0
    """
    model = _check_model(model)
    t = check_times("time_h", time_h)
    theta = check_fractions("block", block, t.size)
    if theta.ndim != 1:
        raise ValueError(f"block must be one time course of shape ({t.size},), got {theta.shape}")
    x = _integrate(model.matrix(), model.input_matrix(), model.inputs(theta), t)
    inter, inhibition, pyramidal, glutamate = (1.0 + x[:, k] for k in range(4))
    return DisinhibitionResult(t, theta.copy(), inter, inhibition, pyramidal, glutamate, model)


def disinhibition_for(result, model: DisinhibitionModel | None = None) -> DisinhibitionResult:
    """Run the sketch on a simulation's NMDA block: ``disinhibition(result.time_h, result.occupancy, model)``.

    ``result`` is a :class:`~simulator.Result` (anything with ``time_h`` and a one-patient ``occupancy``).
    """
    if not (hasattr(result, "time_h") and hasattr(result, "occupancy")):
        raise TypeError(f"result must be a simulator.Result (with time_h and occupancy), got {type(result).__name__}")
    return disinhibition(result.time_h, result.occupancy, model)


def _check_model(model) -> DisinhibitionModel:
    if model is None:
        return DisinhibitionModel()
    if not isinstance(model, DisinhibitionModel):
        raise TypeError(f"model must be a simulator.circuit.DisinhibitionModel, got {type(model).__name__}")
    return model


def _integrate(a: np.ndarray, b: np.ndarray, v: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Return x at ``t`` for x' = a x + b v(t), x(t0) = 0, v linear between samples: exact, one step at a time.

    Over a step of length h, with s = (v1 - v0)/h, exp([[a, b, 0], [0, 0, 1], [0, 0, 0]] h) holds the state
    transition and the two input integrals (Van Loan), so x1 = Phi x0 + Gamma1 v0 + Gamma2 s.
    """
    from scipy.linalg import expm

    n, m = b.shape
    x = np.zeros((t.size, n))
    if t.size < 2 or not np.any(v):
        return x
    steps = np.diff(t)
    lengths, which = np.unique(steps, return_inverse=True)
    augmented = np.zeros((lengths.size, n + 2 * m, n + 2 * m))
    augmented[:, :n, :n] = a
    augmented[:, :n, n : n + m] = b
    augmented[:, n : n + m, n + m :] = np.eye(m)
    exp = expm(augmented * lengths[:, None, None])
    phi, gamma1, gamma2 = exp[:, :n, :n], exp[:, :n, n : n + m], exp[:, :n, n + m :]
    safe = np.where(lengths > 0, lengths, 1.0)[:, None, None]
    near, far = gamma1 - gamma2 / safe, gamma2 / safe  # x1 = phi x0 + near v0 + far v1
    near[lengths == 0], far[lengths == 0] = 0.0, 0.0
    for k, j in enumerate(which):
        x[k + 1] = phi[j] @ x[k] + near[j] @ v[k] + far[j] @ v[k + 1]
    return x
