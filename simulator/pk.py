r"""Linear compartmental pharmacokinetics, solved exactly.

The model is a linear system of ordinary differential equations with a
piecewise-constant input,

.. math::

    \dot x(t) = A\,x(t) + r(t), \qquad x(t_k^+) = x(t_k^-) + b_k,

where :math:`x` holds the amounts (mg) in the absorption depots, the parent
drug's compartments and the metabolite's compartments, plus the two effect-site
concentrations (mg/L); :math:`r(t)` is the infusion rate vector (constant
between switch times) and :math:`b_k` the instantaneous doses. With
:math:`A = V \Lambda V^{-1}` and modal coordinates :math:`z = V^{-1} x`, each
mode obeys :math:`\dot z_i = \lambda_i z_i + \rho_i` on a segment, so that for
:math:`\tau` after the segment start

.. math::

    z_i(\tau) = e^{\lambda_i \tau} z_i(0) + \rho_i\,\tau\,\varphi_1(\lambda_i \tau), \qquad
    \int_0^\tau z_i = z_i(0)\,\tau\,\varphi_1(\lambda_i\tau) + \rho_i\,\tau^2\,\varphi_2(\lambda_i\tau),

with :math:`\varphi_1(x) = (e^x - 1)/x` and :math:`\varphi_2(x) = (e^x - 1 - x)/x^2`.
Segment starts are propagated by a short recurrence over switch times; every
output time is then evaluated at once (vectorised). If the eigenvector matrix is
ill-conditioned (two rate constants coincide and :math:`A` is nearly
defective), the same formulas are evaluated with matrix functions
(:func:`scipy.linalg.expm` of an augmented matrix, Van Loan 1978) instead.

Elimination and first-pass losses are not states: they are linear functionals
of the time integrals of the states, which the same closed form gives, so mass
balance is a check on the solution and not true by construction.

References
----------
Van Loan CF. Computing integrals involving the matrix exponential. IEEE Trans
Autom Control 1978;23:395-404. doi:10.1109/TAC.1978.1101743
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.linalg import expm

from ._validate import check_number, check_numbers

#: Above this condition number of the eigenvector matrix the solver switches to
#: matrix exponentials (rounding error grows with the condition number).
MAX_EIGVEC_CONDITION = 1e7


@dataclass(frozen=True)
class Disposition:
    """A mammillary disposition model in clearance form (internal units).

    Every value may also be an array with one entry per virtual patient (a
    batch); :meth:`rate_matrix` then returns one matrix per patient.

    Parameters
    ----------
    volumes_l : tuple of float
        Central volume first, then peripheral volumes, L.
    clearance_l_per_min : float
        Elimination clearance from the central compartment, L/min (may be 0
        when elimination happens in a peripheral, e.g. hepato-portal,
        compartment).
    intercompartmental_l_per_min : tuple of float
        One clearance per peripheral compartment, L/min.
    peripheral_elimination_per_min : tuple of float
        First-order elimination rate constant from each peripheral
        compartment, 1/min (default: none). Perez-Ruixo 2021 eliminate
        esketamine only from a hepato-portal compartment.
    """

    volumes_l: tuple[float, ...]
    clearance_l_per_min: float
    intercompartmental_l_per_min: tuple[float, ...] = ()
    peripheral_elimination_per_min: tuple[float, ...] | None = None

    def __post_init__(self):
        if not 1 <= len(self.volumes_l) <= 4:
            raise ValueError(f"volumes_l must hold 1 to 4 volumes, got {len(self.volumes_l)}")
        if len(self.intercompartmental_l_per_min) != len(self.volumes_l) - 1:
            raise ValueError("intercompartmental_l_per_min needs one clearance per peripheral compartment")
        if self.peripheral_elimination_per_min is None:
            object.__setattr__(self, "peripheral_elimination_per_min", (0.0,) * (len(self.volumes_l) - 1))
        if len(self.peripheral_elimination_per_min) != len(self.volumes_l) - 1:
            raise ValueError("peripheral_elimination_per_min needs one rate per peripheral compartment")
        for i, v in enumerate(self.volumes_l):
            check_numbers(f"volumes_l[{i}]", v, low=0.0, low_inclusive=False)
        check_numbers("clearance_l_per_min", self.clearance_l_per_min, low=0.0)
        for i, q in enumerate(self.intercompartmental_l_per_min):
            check_numbers(f"intercompartmental_l_per_min[{i}]", q, low=0.0, low_inclusive=False)
        for i, k in enumerate(self.peripheral_elimination_per_min):
            check_numbers(f"peripheral_elimination_per_min[{i}]", k, low=0.0)
        total = np.asarray(self.clearance_l_per_min) + sum(np.asarray(k) for k in self.peripheral_elimination_per_min)
        if np.any(total == 0):
            raise ValueError("a disposition model needs some elimination: clearance_l_per_min or a peripheral elimination > 0")

    @property
    def n(self) -> int:
        """Number of compartments."""
        return len(self.volumes_l)

    @property
    def batch_shape(self) -> tuple:
        """() for one patient, (P,) for a batch."""
        values = (
            *self.volumes_l,
            self.clearance_l_per_min,
            *self.intercompartmental_l_per_min,
            *self.peripheral_elimination_per_min,
        )
        return np.broadcast_shapes(*(np.shape(v) for v in values))

    @property
    def elimination_per_min(self) -> np.ndarray:
        """First-order elimination rate constant of each compartment, 1/min (last axis: compartments)."""
        rates = (self.clearance_l_per_min / self.volumes_l[0], *self.peripheral_elimination_per_min)
        return np.stack(np.broadcast_arrays(*rates), axis=-1).astype(float)

    def rate_matrix(self) -> np.ndarray:
        """Return the n x n matrix M of d(amount)/dt = M @ amount (without input); (P, n, n) for a batch."""
        v1 = self.volumes_l[0]
        m = np.zeros((*self.batch_shape, self.n, self.n))
        idx = np.arange(self.n)
        m[..., idx, idx] = -self.elimination_per_min
        for j, (q, vj) in enumerate(zip(self.intercompartmental_l_per_min, self.volumes_l[1:], strict=True), start=1):
            m[..., 0, 0] -= q / v1
            m[..., 0, j] += q / vj
            m[..., j, 0] += q / v1
            m[..., j, j] -= q / vj
        return m

    @property
    def total_clearance_l_per_min(self) -> float:
        """Dose / AUC of the central concentration after an IV dose, L/min.

        Equals ``clearance_l_per_min`` when elimination is central only; with
        a hepato-portal compartment it is the well-stirred liver clearance.
        """
        auc_amount = np.linalg.solve(-self.rate_matrix(), np.eye(self.n)[:, 0])[0]
        return self.volumes_l[0] / auc_amount

    @property
    def steady_state_volume_l(self) -> float:
        """Sum of all compartment volumes, L (Vss for central elimination)."""
        return float(sum(self.volumes_l))

    @property
    def half_lives_min(self) -> np.ndarray:
        """Half-lives of the disposition phases (fastest first), minutes."""
        rates = -np.linalg.eigvals(self.rate_matrix()).real
        return np.sort(np.log(2.0) / rates)

    @property
    def terminal_half_life_min(self) -> float:
        """Half-life of the slowest disposition phase, minutes."""
        return float(self.half_lives_min[-1])


@dataclass(frozen=True)
class Pathway:
    """One absorption pathway of an extravascular route (internal units).

    A route is one or more pathways (intranasal: a nasal part and a swallowed
    part). Each takes ``fraction`` of the dose into its own depot (at once, or
    at a constant rate over ``input_duration_min``), from which drug leaves at
    ``ka_per_min``: a part ``bioavailability`` reaches parent compartment
    ``target`` (0: central); of the rest, a part
    ``presystemic_metabolite_fraction`` reaches the metabolite's central
    compartment as metabolite (first pass), and the remainder is lost.

    Parameters
    ----------
    fraction : float
        Fraction of the dose entering this pathway, in [0, 1].
    ka_per_min : float
        First-order absorption rate constant, 1/min.
    bioavailability : float
        Fraction of this pathway's drug reaching ``target`` unchanged.
    presystemic_metabolite_fraction : float
        Fraction of the non-bioavailable drug that reaches the circulation
        as metabolite.
    lag_min : float
        Absorption lag time, minutes.
    input_duration_min : float
        Zero-order input into the depot over this time (0: at once).
    target : int
        Index of the parent compartment the absorbed drug enters.
    fraction_later : float or None
        ``fraction`` for the second and later devices of one administration
        (Perez-Ruixo 2021: nasal uptake falls for later sprays); None: same.
    """

    fraction: float
    ka_per_min: float
    bioavailability: float
    presystemic_metabolite_fraction: float = 0.0
    lag_min: float = 0.0
    input_duration_min: float = 0.0
    target: int = 0
    fraction_later: float | None = None

    def __post_init__(self):
        check_number("fraction", self.fraction, low=0.0, high=1.0)
        check_numbers("ka_per_min", self.ka_per_min, low=0.0, low_inclusive=False)
        check_number("bioavailability", self.bioavailability, low=0.0, high=1.0)
        check_number("presystemic_metabolite_fraction", self.presystemic_metabolite_fraction, low=0.0, high=1.0)
        check_number("lag_min", self.lag_min, low=0.0, high=600.0)
        check_number("input_duration_min", self.input_duration_min, low=0.0, high=600.0)
        if self.fraction_later is not None:
            check_number("fraction_later", self.fraction_later, low=0.0, high=1.0)

    def fraction_for(self, sequence: int) -> float:
        """Fraction of a device's dose in this pathway; ``sequence`` 0 is the first device."""
        return self.fraction if sequence == 0 or self.fraction_later is None else self.fraction_later


@dataclass(frozen=True)
class PKModel:
    """Parent drug, metabolite, effect sites and absorption routes for one patient.

    All values in internal units (L, L/min, 1/min, mg). Built from a
    published :class:`~simulator.literature.ParameterSet` by its
    ``model_for(patient)``.

    Parameters
    ----------
    parent : Disposition
        Ketamine (or esketamine) disposition.
    metabolite : Disposition
        Norketamine (or noresketamine) disposition.
    fraction_metabolized : float
        Fraction of the parent's elimination (from every compartment) that
        forms the metabolite (molar).
    ke0_parent_per_min, ke0_metabolite_per_min : float
        Effect-site equilibration rate constants, 1/min.
    routes : dict
        Route name -> tuple of :class:`Pathway` (``"iv"`` needs none).
    molar_ratio : float
        Metabolite / parent molar mass: mg of metabolite formed per mg of
        parent metabolised.
    """

    parent: Disposition
    metabolite: Disposition
    fraction_metabolized: float
    ke0_parent_per_min: float
    ke0_metabolite_per_min: float
    routes: dict = field(default_factory=dict)
    molar_ratio: float = 223.70 / 237.73

    def __post_init__(self):
        check_number("fraction_metabolized", self.fraction_metabolized, low=0.0, high=1.0)
        check_number("ke0_parent_per_min", self.ke0_parent_per_min, low=0.0, low_inclusive=False)
        check_number("ke0_metabolite_per_min", self.ke0_metabolite_per_min, low=0.0, low_inclusive=False)
        for route, pathways in self.routes.items():
            for sequence in (0, 1):
                total = sum(p.fraction_for(sequence) for p in pathways)
                if abs(total - 1.0) > 1e-9:
                    raise ValueError(f"pathway fractions of route {route!r} must add up to 1, got {total!r}")
            for p in pathways:
                if not 0 <= p.target < self.parent.n:
                    raise ValueError(
                        f"pathway target {p.target} of route {route!r} is not a parent compartment (0-{self.parent.n - 1})"
                    )


@dataclass(frozen=True)
class Layout:
    """Where each quantity sits in the state vector of one system."""

    depots: dict  # (route, pathway index) -> state index
    parent: slice
    parent_effect: int
    metabolite: slice
    metabolite_effect: int
    n: int


def build_system(model: PKModel, routes: tuple[str, ...]):
    """Return the rate matrix ``A`` and :class:`Layout` for the given routes.

    Parameters
    ----------
    model : PKModel
        The patient's model.
    routes : tuple of str
        Routes the regimen uses; a depot is made for each of their pathways.

    Returns
    -------
    A : numpy.ndarray
        n x n matrix of the linear system; (P, n, n) when the model holds a batch.
    layout : Layout
        State indices.
    """
    depots = {}
    for route in routes:
        if route == "iv":
            continue
        for i, _ in enumerate(model.routes[route]):
            depots[(route, i)] = len(depots)
    nd = len(depots)
    npar, nmet = model.parent.n, model.metabolite.n
    parent = slice(nd, nd + npar)
    pe = nd + npar
    met = slice(pe + 1, pe + 1 + nmet)
    me = pe + 1 + nmet
    n = me + 1
    batch = np.broadcast_shapes(
        model.parent.batch_shape,
        model.metabolite.batch_shape,
        *(np.shape(p.ka_per_min) for ps in model.routes.values() for p in ps),
    )
    a = np.zeros((*batch, n, n))
    for (route, i), d in depots.items():
        p = model.routes[route][i]
        a[..., d, d] = -p.ka_per_min
        a[..., parent.start + p.target, d] += p.ka_per_min * p.bioavailability
        a[..., met.start, d] += p.ka_per_min * (1.0 - p.bioavailability) * p.presystemic_metabolite_fraction * model.molar_ratio
    a[..., parent, parent] = model.parent.rate_matrix()
    a[..., met, met] = model.metabolite.rate_matrix()
    a[..., met.start, parent] += model.fraction_metabolized * model.molar_ratio * model.parent.elimination_per_min
    a[..., pe, parent.start] = model.ke0_parent_per_min / model.parent.volumes_l[0]
    a[..., pe, pe] = -model.ke0_parent_per_min
    a[..., me, met.start] = model.ke0_metabolite_per_min / model.metabolite.volumes_l[0]
    a[..., me, me] = -model.ke0_metabolite_per_min
    return a, Layout(depots, parent, pe, met, me, n)


def input_schedule(model: PKModel, layout: Layout, inputs):
    """Turn resolved dose inputs into boluses and constant-rate pieces.

    Parameters
    ----------
    model : PKModel
        Supplies each route's pathways (fraction, lag).
    layout : Layout
        State indices.
    inputs : iterable of :class:`~simulator.dosing.Input`
        Resolved doses.

    Returns
    -------
    boluses : list of (time_min, state_index, amount_mg)
    rates : list of (start_min, end_min, state_index, rate_mg_per_min)
    """
    boluses, rates = [], []
    for piece in inputs:
        if piece.route == "iv":
            targets = [(layout.parent.start, 1.0, 0.0, 0.0)]
        else:
            targets = [
                (layout.depots[(piece.route, i)], p.fraction_for(piece.sequence), p.lag_min, p.input_duration_min)
                for i, p in enumerate(model.routes[piece.route])
            ]
        for index, fraction, lag, depot_duration in targets:
            amount = piece.amount_mg * fraction  # an array (one per patient) for a batch
            if np.all(np.asarray(amount) == 0):
                continue
            start = piece.start_min + lag
            duration = piece.duration_min + depot_duration
            if duration > 0:
                rates.append((start, start + duration, index, amount / duration))
            else:
                boluses.append((start, index, amount))
    return boluses, rates


def _phi1(x):
    """(e^x - 1)/x, accurate near 0."""
    x = np.asarray(x, dtype=float)
    small = np.abs(x) < 1e-8
    safe = np.where(small, 1.0, x)
    return np.where(small, 1.0 + x / 2.0, np.expm1(safe) / safe)


def _phi2(x):
    """(e^x - 1 - x)/x^2, accurate near 0 (series below |x| = 1e-3)."""
    x = np.asarray(x, dtype=float)
    small = np.abs(x) < 1e-3
    safe = np.where(small, 1.0, x)
    series = 0.5 + x / 6.0 + x * x / 24.0 + x**3 / 120.0 + x**4 / 720.0
    return np.where(small, series, (np.expm1(safe) - safe) / (safe * safe))


class Solution:
    """States and their running integrals at the output times, evaluated lazily.

    ``states`` and ``integrals`` have shape (T, n) for one patient, (T, P, n)
    for a batch; :meth:`observe` projects only the requested state rows, which
    is what populations need.

    Attributes
    ----------
    time_min : numpy.ndarray
        Output times, minutes, shape (T,).
    method : str
        ``"eigen"``, ``"expm"`` (matrix-exponential fallback) or ``"mixed"``
        (a batch in which some patients needed the fallback).
    """

    def __init__(self, time_min, batched, method, batch, modal=None, dense=None):
        self.time_min = time_min
        self._batch = batch
        self.method = method
        self._batched = batched
        self._modal = modal  # (lam, vec, evaluation pieces) for patients solved in modal form
        self._dense = dense or {}  # patient index -> (states (T, n), integrals (T, n)) from the fallback

    def _shape(self, full):
        return full if self._batched else full[:, 0, :]

    def observe(self, rows, out=None, patient_major=False) -> np.ndarray:
        """Return the states listed in ``rows``: shape (T, len(rows)) or (T, P, len(rows)).

        ``out``: optional C-contiguous float64 buffer of that shape to reuse. With
        ``patient_major`` (batches), the layout is (P, T, len(rows)) instead: each
        patient's time series contiguous, as populations use them.
        """
        rows = np.asarray(rows, dtype=int)
        out = self._modal.project(rows, out, patient_major) if self._modal is not None else out
        for p, (states, _) in self._dense.items():
            if out is None:
                t_size = self.time_min.size
                out = np.empty((self._batch, t_size, rows.size) if patient_major else (t_size, self._batch, rows.size))
            if patient_major:
                out[p] = states[:, rows]
            else:
                out[:, p, :] = states[:, rows]
        return out if patient_major else self._shape(out)

    @cached_property
    def states(self) -> np.ndarray:
        """All states, shape (T, n) or (T, P, n)."""
        return self.observe(np.arange(self._n))

    @cached_property
    def integrals(self) -> np.ndarray:
        """Integral of every state from 0 to each output time, shape as :attr:`states`."""
        out = self._modal.integrals() if self._modal is not None else np.zeros((self.time_min.size, self._batch, self._n))
        for p, (_, integrals) in self._dense.items():
            out[:, p, :] = integrals
        return self._shape(out)

    @property
    def _n(self) -> int:
        if self._modal is not None:
            return self._modal.vec.shape[-1]
        return next(iter(self._dense.values()))[0].shape[1]


class _Modal:
    """Closed-form evaluation in modal coordinates for a batch of patients.

    ``lam`` (P, n) and ``vec`` (P, n, n) are the eigen-decompositions;
    ``z_start`` and ``i_start`` (P, K, n) the modal state and integral just
    after each switch time; ``rho`` (P, K, n) the modal input rate on each
    segment.
    """

    def __init__(self, t, s, lam, vec, z_start, i_start, rho):
        self.t, self.s, self.lam, self.vec = t, s, lam, vec
        self.z_start, self.i_start, self.rho = z_start, i_start, rho
        # output index where each segment starts: a time equal to a switch belongs to the new segment
        self.bounds = np.append(np.searchsorted(t, s, side="left"), t.size)

    @cached_property
    def seg(self) -> np.ndarray:
        """Segment index of every output time (-1 before the first dose)."""
        return np.searchsorted(self.s, self.t, side="right") - 1

    def project(self, rows, out=None, patient_major=False) -> np.ndarray:
        """Return states ``rows`` in original coordinates, shape (T, P, len(rows)).

        ``out``, if given, is a C-contiguous float array of that shape to write
        into (a population re-simulated on every slider move reuses it, which
        saves allocating and page-faulting hundreds of MB each time).

        On a segment with constant modal input rho, z(tau) = e^{lam tau} (z0 + rho/lam) - rho/lam.
        The output grid is walked segment by segment in chunks; within a chunk that
        starts ``tau0`` after the switch, e^{lam tau} = e^{lam tau0} e^{lam (tau - tau0)}, and on a
        regular grid the second factor is a table of powers of e^{lam h} built by doubling,
        shared by all chunks: one exp per mode and chunk instead of one per output point.
        """
        t, s, lam = self.t, self.s, self.lam
        batch, n = lam.shape
        vrows = self.vec[:, rows, :]  # (P, R, n)
        c = self.rho / lam[:, None, :]  # (P, K, n)
        zc = self.z_start + c
        const = np.einsum("pri,pki->pkr", vrows, c)  # (P, K, R)
        shape = (batch, t.size, len(rows)) if patient_major else (t.size, batch, len(rows))
        if out is None:
            out = np.empty(shape)
        elif out.shape != shape or out.dtype != np.float64 or not out.flags.c_contiguous:
            raise ValueError(f"out must be a C-contiguous float64 array of shape {shape}, got {out.shape} {out.dtype}")
        per_patient = out if patient_major else np.swapaxes(out, 0, 1)  # (P, T, R) view either way
        per_patient[:, : self.bounds[0]] = 0.0  # before the first dose
        lengths = np.diff(self.bounds)
        chunk = int(max(64, min(max(1, lengths.max()), 2**21 // max(1, batch * n))))
        regular, h = _regular_step(t)
        # growth factors with a last column of ones, so that one matmul also subtracts the constant
        growth = np.ones((batch, chunk, n + 1))
        if regular:
            growth[:, :, :n] = _powers(lam, h, chunk)
        weights = np.empty((batch, n + 1, len(rows)))
        for j in np.flatnonzero(lengths):
            for lo in range(self.bounds[j], self.bounds[j + 1], chunk):
                hi = min(lo + chunk, self.bounds[j + 1])
                tau0 = t[lo] - s[j]
                weights[:, :n, :] = np.swapaxes(vrows * (zc[:, j, :] * np.exp(lam * tau0))[:, None, :], 1, 2)
                weights[:, n, :] = -const[:, j, :]
                if not regular:
                    growth[:, : hi - lo, :n] = np.exp(lam[:, None, :] * (t[lo:hi] - t[lo])[None, :, None])
                np.matmul(growth[:, : hi - lo, :], weights, out=per_patient[:, lo:hi, :])
        return out

    def integrals(self) -> np.ndarray:
        """Return the running integrals of all states, shape (T, P, n) (accurate phi-function form)."""
        before = self.seg < 0
        seg = np.maximum(self.seg, 0)
        tau = np.where(before, 0.0, self.t - self.s[seg])[:, None, None]
        x = self.lam[None, :, :] * tau
        p1 = _phi1(x) * tau
        p2 = _phi2(x) * tau * tau
        z0 = np.moveaxis(self.z_start[:, seg, :], 1, 0)
        rho = np.moveaxis(self.rho[:, seg, :], 1, 0)
        i0 = np.moveaxis(self.i_start[:, seg, :], 1, 0)
        modal = i0 + z0 * p1 + rho * p2
        modal[before] = 0.0
        return np.einsum("tpi,pri->tpr", modal, self.vec, optimize=True)


def _regular_step(t):
    """Return (True, h) if ``t`` is a regular grid with step h > 0, else (False, 0)."""
    if t.size < 3:
        return False, 0.0
    h = (t[-1] - t[0]) / (t.size - 1)
    if h <= 0 or np.max(np.abs(np.diff(t) - h)) > 1e-9 * h:
        return False, 0.0
    return True, h


def _powers(lam, h, count):
    """Return e^{lam h m} for m = 0..count-1, shape (P, count, n), by doubling.

    Each block [2^k, 2^{k+1}) is the block [0, 2^k) times e^{lam h 2^k}, taken
    from exp directly, so the rounding error grows only with log2(count).
    """
    table = np.empty((lam.shape[0], count, lam.shape[1]))
    table[:, 0, :] = 1.0
    size = 1
    while size < count:
        take = min(size, count - size)
        table[:, size : size + take, :] = table[:, :take, :] * np.exp(lam * h * size)[:, None, :]
        size += take
    return table


def _segments(boluses, rates, n, batch):
    """Switch times, bolus vectors at each, and the rate vector on each segment (P, K, n)."""
    times = sorted({t for t, _, _ in boluses} | {t for t, _, _, _ in rates} | {t for _, t, _, _ in rates})
    s = np.array(times, dtype=float)
    where = {t: k for k, t in enumerate(times)}  # exact float keys: the same floats built s
    bolus = np.zeros((batch, len(s), n))
    for t, i, amount in boluses:
        bolus[:, where[t], i] += amount
    rate = np.zeros((batch, len(s), n))
    for start, end, i, r in rates:
        rate[:, where[start] : where[end], i] += np.reshape(r, (-1, 1))  # active on segments [start, end): indices
    return s, bolus, rate


def solve(a: np.ndarray, boluses, rates, time_min) -> Solution:
    """Solve x' = A x + r(t) with impulses, from x(0) = 0, exactly.

    Parameters
    ----------
    a : numpy.ndarray
        Rate matrix, (n, n) for one patient or (P, n, n) for a batch; every
        eigenvalue must have negative real part.
    boluses : list of (time_min, state_index, amount)
        Instantaneous additions; the state at that time includes them.
        ``amount`` is a float or, for a batch, an array of shape (P,).
    rates : list of (start_min, end_min, state_index, rate)
        Constant inputs on [start, end); ``rate`` as ``amount``.
    time_min : array_like
        Output times, minutes, non-decreasing, >= 0. Shared by the batch.

    Returns
    -------
    Solution
        States and integrals at ``time_min``, evaluated on first access.
    """
    t = np.asarray(time_min, dtype=float)
    a = np.asarray(a, dtype=float)
    batched = a.ndim == 3
    a3 = a if batched else a[None]
    batch, n = a3.shape[0], a3.shape[-1]
    if not boluses and not rates:
        zeros = np.zeros((t.size, n))
        return Solution(t, batched, "eigen", batch, dense={p: (zeros, zeros) for p in range(batch)})
    s, bolus, rate = _segments(boluses, rates, n, batch)
    lam, vec = np.linalg.eig(a3)
    real = np.max(np.abs(lam.imag), axis=1) <= 1e-12 * np.max(np.abs(lam), axis=1)
    lam, vec = lam.real, vec.real
    good = real & (np.linalg.cond(vec) <= MAX_EIGVEC_CONDITION)
    dense = {int(p): _solve_expm(a3[p], s, bolus[p], rate[p], t) for p in np.flatnonzero(~good)}
    modal = None
    if good.all():
        modal = _modal_solution(t, s, lam, vec, bolus, rate)
    elif good.any():  # solve the well-conditioned patients in modal form, keep the others dense
        sub = _modal_solution(t, s, lam[good], vec[good], bolus[good], rate[good])
        for p, (states, integrals) in zip(np.flatnonzero(good), _dense_from_modal(sub), strict=True):
            dense[int(p)] = (states, integrals)
    if modal is None:
        method = "expm" if not good.any() else "mixed"
        return Solution(t, batched, method, batch, dense=dense)
    return Solution(t, batched, "eigen", batch, modal=modal)


def _modal_solution(t, s, lam, vec, bolus, rate) -> _Modal:
    """Propagate the modal state over the switch times (a short recurrence)."""
    inv = np.linalg.inv(vec)  # (P, n, n)
    beta = np.einsum("pij,pkj->pki", inv, bolus)  # modal boluses (P, K, n)
    rho = np.einsum("pij,pkj->pki", inv, rate)  # modal rates (P, K, n)
    k = len(s)
    z_start = np.zeros_like(beta)
    i_start = np.zeros_like(beta)
    dt = np.diff(s)[None, :, None]  # (1, K-1, 1)
    x = lam[:, None, :] * dt
    decay, p1, p2 = np.exp(x), _phi1(x) * dt, _phi2(x) * dt * dt
    z = beta[:, 0]
    z_start[:, 0] = z
    for j in range(k - 1):
        i_start[:, j + 1] = i_start[:, j] + z * p1[:, j] + rho[:, j] * p2[:, j]
        z = decay[:, j] * z + rho[:, j] * p1[:, j] + beta[:, j + 1]
        z_start[:, j + 1] = z
    return _Modal(t, s, lam, vec, z_start, i_start, rho)


def _dense_from_modal(modal: _Modal):
    states = modal.project(np.arange(modal.vec.shape[-1]))
    integrals = modal.integrals()
    return [(states[:, p], integrals[:, p]) for p in range(states.shape[1])]


def _solve_expm(a, s, bolus, rate, t):
    """Solve with matrix functions instead, for a (nearly) defective ``a``.

    Walks the merged sorted list of switch and output times, stepping the state
    and its integral with ``expm`` of the augmented matrix (Van Loan 1978);
    the step matrices are cached by step length, which takes few distinct
    values on a regular output grid.
    """
    n = a.shape[0]
    eye = np.eye(n)
    cache = {}

    def step(dt):
        # expm([[A, I, 0], [0, 0, I], [0, 0, 0]] dt) holds e^{A dt}, dt phi1(A dt), dt^2 phi2(A dt)
        if dt not in cache:
            m = np.zeros((3 * n, 3 * n))
            m[:n, :n] = a
            m[:n, n : 2 * n] = eye
            m[n : 2 * n, 2 * n :] = eye
            e = expm(m * dt)
            cache[dt] = (e[:n, :n], e[:n, n : 2 * n], e[:n, 2 * n :])
        return cache[dt]

    states = np.zeros((t.size, n))
    integrals = np.zeros((t.size, n))
    order = np.argsort(t, kind="stable")
    x = np.zeros(n)
    integral = np.zeros(n)
    now = s[0]
    j = -1  # index of the last switch applied
    for idx in order:
        target = t[idx]
        if target < s[0]:
            continue
        while j + 1 < len(s) and s[j + 1] <= target:
            if j >= 0 and s[j + 1] > now:
                e, p1, p2 = step(s[j + 1] - now)
                integral = integral + p1 @ x + p2 @ rate[j]
                x = e @ x + p1 @ rate[j]
            j += 1
            now = s[j]
            x = x + bolus[j]
        if target > now:
            e, p1, p2 = step(target - now)
            integral = integral + p1 @ x + p2 @ rate[j]
            x = e @ x + p1 @ rate[j]
            now = target
        states[idx] = x
        integrals[idx] = integral
    return states, integrals
