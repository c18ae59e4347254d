r"""Exact solutions of linear ordinary differential equations: the one solver of the package.

Every linear model of the package is solved here: pharmacokinetics
(:mod:`simulator.pk`), the linear stages of the toy plasticity chain
(:mod:`simulator.plasticity`) and the channel-block kinetics
(:mod:`simulator.receptor`).

Piecewise-constant input with impulses (:func:`solve`)
-------------------------------------------------------
.. math::

    \dot x(t) = A\,x(t) + r(t), \qquad x(t_k^+) = x(t_k^-) + b_k,

with :math:`r(t)` constant between switch times and :math:`b_k` the impulses.
With :math:`A = V \Lambda V^{-1}` and modal coordinates :math:`z = V^{-1} x`, each
mode obeys :math:`\dot z_i = \lambda_i z_i + \rho_i` on a segment, so that for
:math:`\tau` after the segment start

.. math::

    z_i(\tau) = e^{\lambda_i \tau} z_i(0) + \rho_i\,\tau\,\varphi_1(\lambda_i \tau), \qquad
    \int_0^\tau z_i = z_i(0)\,\tau\,\varphi_1(\lambda_i\tau) + \rho_i\,\tau^2\,\varphi_2(\lambda_i\tau),

with :math:`\varphi_1(x) = (e^x - 1)/x` and :math:`\varphi_2(x) = (e^x - 1 - x)/x^2`.
Segment starts are propagated by a short recurrence over switch times; every
output time is then evaluated at once (vectorised, batched over patients; on a
regular grid the powers of :math:`e^{\lambda h}` come from a table built by
doubling). If the eigenvector matrix is ill-conditioned (:math:`A` nearly
defective), the same formulas are evaluated with matrix functions
(:func:`scipy.linalg.expm` of an augmented matrix, Van Loan 1978).

Input linear between samples (:func:`first_order_hold`)
--------------------------------------------------------
One mode :math:`\dot z = \lambda z + \beta u(t)` with :math:`u` linear between
output times is integrated exactly by the recurrence
:math:`z_k = e^{\lambda h_k} z_{k-1} + w^-_k u_{k-1} + w^+_k u_k` (a two-tap recursive
filter), evaluated in blocks of 16 samples, each one small matrix product, with the
block ends following the same recurrence (numpy only: no import of
:mod:`scipy.signal`, which took seconds on first use; a test compares with
:func:`scipy.signal.lfilter`).

Switching generators (:func:`propagate_switching`)
---------------------------------------------------
:math:`\dot x = Q_{g(t)} x` where the generator switches between a few fixed
matrices: each distinct generator is decomposed once, and every output time is
:math:`V e^{\Lambda \tau} V^{-1} x(t_{start})`.

Numbers below :data:`TINY` in the exponential factors are set to zero: they are
far below rounding of any output, and subnormal numbers make matrix products
slow (more so with several BLAS threads).

References
----------
Van Loan CF. Computing integrals involving the matrix exponential. IEEE Trans
Autom Control 1978;23:395-404. doi:10.1109/TAC.1978.1101743
"""

from __future__ import annotations

import itertools
import math
import numbers
from functools import cached_property

import numpy as np

from ._validate import check_int, check_number, check_times

__all__ = ["Solution", "first_order_hold", "propagate_switching", "solve"]

#: Above this condition number of the eigenvector matrix the solver switches to
#: matrix exponentials (rounding error grows with the condition number: about 1e-14 x cond here, so that
#: 1e5 keeps the modal path within 1e-9 of a tight reference).
MAX_EIGVEC_CONDITION = 1e5
#: Most output times evaluated by one matrix product (its size stays below OpenBLAS's threading threshold).
MAX_CHUNK = 4096
#: Exponential factors smaller than this are set to 0 (far below the rounding of any output).
TINY = 1e-250


def _phi1(x):
    """(e^x - 1)/x, accurate near 0."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    small = np.abs(x) < 1e-8
    if small.any():
        out[small] = 1.0 + x[small] / 2.0
        big = ~small
        out[big] = np.expm1(x[big]) / x[big]
    else:
        np.divide(np.expm1(x), x, out=out)
    return out


def _phi2(x):
    """(e^x - 1 - x)/x^2, accurate near 0 (series below |x| = 1e-3)."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    small = np.abs(x) < 1e-3
    xs = x[small]
    out[small] = 0.5 + xs * (1.0 / 6.0 + xs * (1.0 / 24.0 + xs * (1.0 / 120.0 + xs / 720.0)))
    big = ~small
    xb = x[big]
    out[big] = (np.expm1(xb) - xb) / (xb * xb)
    return out


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

    def observe(self, rows, out=None, patient_major=False, scale=None) -> np.ndarray:
        """Return the states listed in ``rows``: shape (T, len(rows)) or (T, P, len(rows)).

        ``out``: optional C-contiguous float64 buffer of that shape to reuse. With
        ``patient_major`` (batches), the layout is (P, T, len(rows)) instead: each
        patient's time series contiguous, as populations use them. ``scale``: optional
        factor for each patient and row, shape (P, len(rows)) (for example 1 / volume, to
        return concentrations), applied inside the projection at no extra cost.
        """
        rows = np.asarray(rows, dtype=int)
        if scale is not None:
            scale = np.broadcast_to(np.asarray(scale, dtype=float), (self._batch, rows.size))
        out = self._modal.project(rows, out, patient_major, scale) if self._modal is not None else out
        for p, (states, _) in self._dense.items():
            if out is None:
                t_size = self.time_min.size
                out = np.empty((self._batch, t_size, rows.size) if patient_major else (t_size, self._batch, rows.size))
            values = states[:, rows] if scale is None else states[:, rows] * scale[p]
            if patient_major:
                out[p] = values
            else:
                out[:, p, :] = values
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
    ``z_start`` (P, K, n) the modal state just after each switch time (and
    :attr:`i_start` its integral, when asked for); ``rho`` (P, K, n) the modal
    input rate on each segment.
    """

    def __init__(self, t, s, lam, vec, z_start, rho, powers=None):
        self.t, self.s, self.lam, self.vec, self.powers = t, s, lam, vec, powers
        self.z_start, self.rho = z_start, rho
        # output index where each segment starts: a time equal to a switch belongs to the new segment
        self.bounds = np.append(np.searchsorted(t, s, side="left"), t.size)

    @cached_property
    def i_start(self) -> np.ndarray:
        """Modal integrals just after each switch time (P, K, n), from the same recurrence (only integrals need them)."""
        s, lam, z_start, rho = self.s, self.lam, self.z_start, self.rho
        i_start = np.zeros_like(z_start)
        dt = np.diff(s)[None, :, None]  # (1, K-1, 1)
        x = lam[:, None, :] * dt
        p1, p2 = _phi1(x) * dt, _phi2(x) * dt * dt
        for j in range(len(s) - 1):
            i_start[:, j + 1] = i_start[:, j] + z_start[:, j] * p1[:, j] + rho[:, j] * p2[:, j]
        return i_start

    @cached_property
    def seg(self) -> np.ndarray:
        """Segment index of every output time (-1 before the first dose)."""
        return np.searchsorted(self.s, self.t, side="right") - 1

    def project(self, rows, out=None, patient_major=False, scale=None) -> np.ndarray:
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
        size = len(rows)
        vrows = self.vec[:, rows, :]  # (P, R, n)
        if scale is not None:
            vrows = vrows * scale[:, :, None]
        c = self.rho / lam[:, None, :]  # (P, K, n)
        zc = self.z_start + c
        const = np.einsum("pri,pki->pkr", vrows, c)  # (P, K, R)
        shape = (batch, t.size, size) if patient_major else (t.size, batch, size)
        if out is None:
            out = np.empty(shape)
        elif out.shape != shape or out.dtype != np.float64 or not out.flags.c_contiguous:
            raise ValueError(f"out must be a C-contiguous float64 array of shape {shape}, got {out.shape} {out.dtype}")
        per_patient = out if patient_major else np.swapaxes(out, 0, 1)  # (P, T, R) view either way
        bounds = self.bounds.tolist()
        per_patient[:, : bounds[0]] = 0.0  # before the first dose
        longest = max(b - a for a, b in itertools.pairwise(bounds))
        # at most MAX_CHUNK output times per matrix product: OpenBLAS runs products this small on one thread,
        # so speed does not depend on the number of BLAS threads (a threaded thin product was up to 6x slower)
        chunk = int(max(64, min(max(1, longest), MAX_CHUNK, 2**21 // max(1, batch * n))))
        h = _regular_step(t)
        regular = h > 0
        # growth factors with a last column of ones, so that one matmul also subtracts the constant
        growth = None
        if regular:
            growth = None if self.powers is None else self.powers.get((h, chunk))
            if growth is None:
                growth = np.ones((batch, chunk, n + 1))
                growth[:, :, :n] = _powers(lam, h, chunk)
                if self.powers is not None:
                    self.powers[(h, chunk)] = growth
        else:
            growth = np.ones((batch, chunk, n + 1))
        pieces = [(j, lo, min(lo + chunk, bounds[j + 1])) for j in range(len(s)) for lo in range(bounds[j], bounds[j + 1], chunk)]
        # the weights of every piece at once (in groups of bounded size): e^{lam tau0} (z0 + c) in original coordinates
        group = max(1, 2**20 // max(1, batch * (n + 1) * size))
        for first in range(0, len(pieces), group):
            part = pieces[first : first + group]
            seg = [j for j, _, _ in part]
            tau0 = t[[lo for _, lo, _ in part]] - s[seg]
            start = zc[:, seg, :] * _flush(np.exp(lam[:, None, :] * tau0[None, :, None]))  # (P, G, n)
            weights = np.empty((batch, len(part), n + 1, size))
            weights[:, :, :n, :] = np.swapaxes(vrows[:, None, :, :] * start[:, :, None, :], 2, 3)
            weights[:, :, n, :] = -const[:, seg, :]
            for k, (_, lo, hi) in enumerate(part):
                if not regular:
                    growth[:, : hi - lo, :n] = _flush(np.exp(lam[:, None, :] * (t[lo:hi] - t[lo])[None, :, None]))
                np.matmul(growth[:, : hi - lo, :], weights[:, k], out=per_patient[:, lo:hi, :])
        # at a switch itself, V z0 directly: no round-off from (z0 + c) - c
        switches = [j for j in range(len(s)) if bounds[j] < bounds[j + 1] and t[bounds[j]] == s[j]]
        if switches:
            per_patient[:, [bounds[j] for j in switches], :] = np.einsum("pri,pji->pjr", vrows, self.z_start[:, switches, :])
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


def _regular_step(t) -> float:
    """Return the step h > 0 of a regular grid ``t`` (at least 3 points), or 0.0 if ``t`` is irregular."""
    if t.size < 3:
        return 0.0
    h = (t[-1] - t[0]) / (t.size - 1)
    return h if h > 0 and np.max(np.abs(np.diff(t) - h)) <= 1e-9 * h else 0.0


def _flush(values: np.ndarray) -> np.ndarray:
    """Set values below :data:`TINY` in magnitude to 0, in place (subnormal numbers are slow to multiply)."""
    values[np.abs(values) < TINY] = 0.0
    return values


def _powers(lam, h, count):
    """Return e^{lam h m} for m = 0..count-1, shape (P, count, n), by doubling.

    The first 32 from exp directly; then each block [2^k, 2^{k+1}) is the block [0, 2^k) times e^{lam h 2^k},
    taken from exp directly, so the rounding error grows only with log2(count).
    """
    table = np.empty((lam.shape[0], count, lam.shape[1]))
    size = min(count, 32)  # the first powers from exp directly: fewer, larger steps of doubling
    table[:, :size, :] = np.exp(lam[:, None, :] * (h * np.arange(size))[None, :, None])
    while size < count:
        take = min(size, count - size)
        table[:, size : size + take, :] = table[:, :take, :] * np.exp(lam * h * size)[:, None, :]
        size += take
    # zero each decaying mode from the first power below TINY on (exactly where _flush would, without a pass)
    first_tiny = np.ceil(np.log(TINY) / np.minimum(lam * h, -1e-300))
    for p, j in zip(*np.nonzero(first_tiny < count), strict=True):
        table[p, int(first_tiny[p, j]) :, j] = 0.0
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


def _as_floats(name: str, value) -> np.ndarray:
    """Return ``value`` as a float array, or raise TypeError naming ``name`` when it is not numbers."""
    if value is None or isinstance(value, (str, bytes, dict, bool)):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}") from None


def _as_matrices(name: str, value, batch_ok: bool) -> np.ndarray:
    """Return ``value`` as a finite float array of square matrices, (n, n) or (when ``batch_ok``) (P, n, n)."""
    m = _as_floats(name, value)
    dims = (2, 3) if batch_ok else (2,)
    if m.ndim not in dims or m.shape[-1] != m.shape[-2] or m.size == 0:
        wanted = "(n, n) or (P, n, n)" if batch_ok else "(n, n)"
        raise ValueError(f"{name} must be square matrices of shape {wanted} with n >= 1, got shape {m.shape}")
    if not np.isfinite(m).all():
        raise ValueError(f"{name} must be finite, got NaN or inf")
    return m


def _check_entries(name: str, entries, size: int, n: int, batch: int) -> None:
    """Check boluses (size 3) or rates (size 4): times finite and >= 0, a state index, a finite amount or rate."""
    if not isinstance(entries, (list, tuple)):
        raise TypeError(f"{name} must be a list or tuple of tuples, got {type(entries).__name__}")
    layout = "(time_min, state_index, amount)" if size == 3 else "(start_min, end_min, state_index, rate)"
    for k, entry in enumerate(entries):
        if not isinstance(entry, tuple) or len(entry) != size:
            raise TypeError(f"{name}[{k}] must be a tuple {layout}, got {entry!r}")
        *times, index, amount = entry
        start = times[0]
        if type(start) is not float or not 0.0 <= start < math.inf:  # the fast path: a plain float
            start = check_number(f"{name}[{k}] start time", start, low=0.0)
        if size == 4:
            end = times[1]
            if type(end) is not float or not start <= end < math.inf:
                check_number(f"{name}[{k}] end time", end, low=start)
        if type(index) is not int or not 0 <= index < n:
            check_int(f"{name}[{k}] state_index", index, low=0, high=n - 1)
        if type(amount) is float:
            if not math.isfinite(amount):
                raise ValueError(f"{name}[{k}] amount must be finite, got {amount!r}")
            continue
        if isinstance(amount, numbers.Real) and not isinstance(amount, (bool, np.bool_)):
            check_number(f"{name}[{k}] amount", amount)
            continue
        if not isinstance(amount, np.ndarray) or amount.dtype.kind not in "iuf":
            raise TypeError(f"{name}[{k}] amount must be a number or an array of numbers, got {type(amount).__name__}")
        if amount.ndim > 1 or amount.size not in (1, batch):
            raise ValueError(f"{name}[{k}] amount must be a number or an array of shape ({batch},), got shape {amount.shape}")
        if not np.isfinite(amount).all():
            raise ValueError(f"{name}[{k}] amount must be finite, got {amount[~np.isfinite(amount)][:3]}")


def _check_system(a, boluses, rates, time_min):
    """Validate the arguments of :func:`solve`; return the matrix and the output times as float arrays."""
    a = _as_matrices("a", a, batch_ok=True)
    batch = a.shape[0] if a.ndim == 3 else 1
    _check_entries("boluses", boluses, 3, a.shape[-1], batch)
    _check_entries("rates", rates, 4, a.shape[-1], batch)
    return a, check_times("time_min", time_min)


def solve(a: np.ndarray, boluses, rates, time_min, *, check: bool = True) -> Solution:
    """Solve x' = A x + r(t) with impulses, from x(0) = 0, exactly.

    Parameters
    ----------
    a : numpy.ndarray
        Rate matrix, (n, n) for one patient or (P, n, n) for a batch, finite; every
        eigenvalue must have negative real part.
    boluses : list of (time_min, state_index, amount)
        Instantaneous additions; the state at that time includes them.
        ``time_min`` finite and >= 0, ``state_index`` in [0, n - 1],
        ``amount`` a finite float or, for a batch, an array of shape (P,).
    rates : list of (start_min, end_min, state_index, rate)
        Constant inputs on [start, end), 0 <= start <= end (finite); ``rate`` as ``amount``.
    time_min : array_like
        Output times, minutes, finite, non-decreasing, >= 0. Shared by the batch.
    check : bool
        Validate the inputs (default). :class:`simulator.pipeline.Chain`, which builds them from
        checked objects, passes False to skip the checks.

    Returns
    -------
    Solution
        States and integrals at ``time_min``, evaluated on first access.

    Raises
    ------
    TypeError, ValueError
        If ``check`` and an input is malformed, naming it.
    """
    if check:
        a, t = _check_system(a, boluses, rates, time_min)
    else:
        t = np.asarray(time_min, dtype=float)
        a = np.asarray(a, dtype=float)
    batched = a.ndim == 3
    a3 = a if batched else a[None]
    batch, n = a3.shape[0], a3.shape[-1]
    if not boluses and not rates:
        zeros = np.zeros((t.size, n))
        return Solution(t, batched, "eigen", batch, dense={p: (zeros, zeros) for p in range(batch)})
    s, bolus, rate = _segments(boluses, rates, n, batch)
    eigen = _eigen(a3)
    lam, vec, good = eigen.lam, eigen.vec, eigen.good
    dense = {int(p): _solve_expm(a3[p], s, bolus[p], rate[p], t) for p in np.flatnonzero(~good)}
    modal = None
    if good.all():
        modal = _modal_solution(t, s, lam, vec, bolus, rate, eigen)
    elif good.any():  # solve the well-conditioned patients in modal form, keep the others dense
        sub = _modal_solution(t, s, lam[good], vec[good], bolus[good], rate[good])
        for p, (states, integrals) in zip(np.flatnonzero(good), _dense_from_modal(sub), strict=True):
            dense[int(p)] = (states, integrals)
    if modal is None:
        method = "expm" if not good.any() else "mixed"
        return Solution(t, batched, method, batch, dense=dense)
    return Solution(t, batched, "eigen", batch, modal=modal)


class _Eigen:
    """Eigen-decomposition of a batch of rate matrices (P, n, n), and what the modal form reuses.

    ``good`` marks the matrices the modal form may use: real eigenvalues, all < 0 (the form divides
    by them), eigenvector condition number at most :data:`MAX_EIGVEC_CONDITION`. ``inv`` is the
    inverse eigenvector matrix of all of them (when all are good); ``powers`` caches tables of
    :func:`_powers` by (step, count) for a matrix solved again (see :func:`_eigen`).
    """

    def __init__(self, a3):
        lam, vec = np.linalg.eig(a3)
        if lam.dtype.kind == "c":  # numpy returns real arrays when every eigenvalue is real
            real = np.max(np.abs(lam.imag), axis=1) <= 1e-12 * np.max(np.abs(lam), axis=1)
            lam, vec = lam.real, vec.real
            self.good = real & np.all(lam < 0, axis=1)
        else:
            self.good = lam.max(axis=1) < 0
        self.lam, self.vec = lam, vec
        try:
            inv = np.linalg.inv(self.vec)
        except np.linalg.LinAlgError:  # an exactly singular eigenvector matrix (a defective matrix): the fallback
            inv = None
            self.good &= np.linalg.cond(self.vec) <= MAX_EIGVEC_CONDITION
        else:
            self.good &= _well_conditioned(self.vec, inv)
        self.inv = inv if self.good.all() else None
        self.powers = {}


def _well_conditioned(vec, inv) -> np.ndarray:
    """Return, per matrix, whether the 2-norm condition number of ``vec`` is at most :data:`MAX_EIGVEC_CONDITION`.

    From the Frobenius-norm condition number and the inverse already computed (k_2 <= k_F <= n k_2), with the
    singular values only where that bound cannot decide: the same answer as
    ``np.linalg.cond(vec) <= MAX_EIGVEC_CONDITION``.
    """
    n = vec.shape[-1]
    with np.errstate(invalid="ignore", over="ignore"):
        kf = np.sqrt(np.einsum("pij,pij->p", vec, vec) * np.einsum("pij,pij->p", inv, inv))
    good = kf <= MAX_EIGVEC_CONDITION
    unsure = ~good & ~(kf > n * MAX_EIGVEC_CONDITION)  # NaN (a singular vec) is unsure too
    if unsure.any():
        good[unsure] = np.linalg.cond(vec[unsure]) <= MAX_EIGVEC_CONDITION
    return good


#: Recently decomposed single matrices: an explorer re-solves the same patient's matrix on every move of a
#: dose slider. Only single matrices are kept (a population's chunks differ and are large).
_EIGEN_CACHE: dict = {}
_EIGEN_CACHE_SIZE = 8


def _eigen(a3) -> _Eigen:
    """Return the decomposition of ``a3``, from the cache for a single matrix decomposed recently."""
    if a3.shape[0] != 1:
        return _Eigen(a3)
    key = (a3.shape, a3.tobytes())
    found = _EIGEN_CACHE.get(key)
    if found is None:
        found = _Eigen(a3)
        if len(_EIGEN_CACHE) >= _EIGEN_CACHE_SIZE:
            _EIGEN_CACHE.pop(next(iter(_EIGEN_CACHE)))  # the oldest
        _EIGEN_CACHE[key] = found
    return found


def _modal_solution(t, s, lam, vec, bolus, rate, eigen=None) -> _Modal:
    """Propagate the modal state over the switch times (a short recurrence)."""
    inv = eigen.inv if eigen is not None else np.linalg.inv(vec)  # (P, n, n)
    beta = np.einsum("pij,pkj->pki", inv, bolus)  # modal boluses (P, K, n)
    rho = np.einsum("pij,pkj->pki", inv, rate)  # modal rates (P, K, n)
    z_start = np.empty_like(beta)
    z = z_start[:, 0] = beta[:, 0]
    if len(s) > 1:
        dt = np.diff(s)[None, :, None]  # (1, K-1, 1)
        x = lam[:, None, :] * dt
        decay, p1 = np.exp(x), _phi1(x) * dt
        for j in range(len(s) - 1):
            z = z_start[:, j + 1] = decay[:, j] * z + rho[:, j] * p1[:, j] + beta[:, j + 1]
    return _Modal(t, s, lam, vec, z_start, rho, powers=None if eigen is None else eigen.powers)


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
    from scipy.linalg import expm  # imported when first needed: a fallback

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


# ----------------------------------------------------------------------------- input linear between samples


def first_order_hold(lam: float, beta: float, u, t, *, check: bool = True) -> np.ndarray:
    """Integrate z' = lam z + beta u from z(t0) = 0 with u linear between samples, exactly.

    Parameters
    ----------
    lam : float
        Mode rate, 1/time unit of ``t``; must be < 0 (finite).
    beta : float
        Input gain, finite.
    u : numpy.ndarray
        Input samples, finite, time along the last axis (other axes: patients).
    t : numpy.ndarray
        Sample times, finite, >= 0, non-decreasing, shape (T,).
    check : bool
        Validate the inputs (default). :func:`simulator.plasticity.run_plasticity`, which checked its own
        inputs, passes False to skip the passes over ``u`` and ``t``.

    Returns
    -------
    numpy.ndarray
        z at every sample time, shaped like ``u``.
    """
    if check:
        lam = check_number("lam", lam, high=0.0, high_inclusive=False)
        beta = check_number("beta", beta)
        t = check_times("t", t)
        u = _as_samples("u", u, t.size)
    t = np.asarray(t, dtype=float)
    u = np.asarray(u, dtype=float)
    if t.size == 1:
        return np.zeros_like(u)
    h = (t[-1] - t[0]) / (t.size - 1)
    if h > 0 and (t.size == 2 or np.max(np.abs(np.diff(t) - h)) <= 1e-9 * h):
        return _hold(lam, beta, u, h)
    return _hold(lam, beta, u, np.diff(t))  # a step of 0 keeps z


def _as_samples(name: str, value, size: int) -> np.ndarray:
    """Return ``value`` as a finite float array with ``size`` entries along its last axis."""
    x = _as_floats(name, value)
    if x.ndim == 0 or x.shape[-1] != size:
        raise ValueError(f"{name} must have the {size} sample times along its last axis, got shape {x.shape}")
    if not np.isfinite(x).all():
        raise ValueError(f"{name} must be finite, got NaN or inf")
    return x


def _hold_coefficients(mu, h):
    """Return (a, w_previous, w_current) of z_k = a z_{k-1} + w_previous u_{k-1} + w_current u_k for rate -mu and step h.

    ``h`` may be an array of steps (then so are the three coefficients); a step of 0 gives (1, 0, 0).
    """
    if np.ndim(h) == 0:
        a = math.exp(-mu * h)
        x = mu * h
        q = -math.expm1(-x) / x if x >= 1e-8 else 1.0 - x / 2.0  # (1 - e^{-x}) / x
        return a, (q - a) / mu, (1.0 - q) / mu
    a = np.exp(-mu * h)
    x = mu * h
    big = x >= 1e-8
    q = np.where(big, -np.expm1(-x) / np.where(big, x, 1.0), 1.0 - x / 2.0)
    return a, (q - a) / mu, (1.0 - q) / mu


#: Samples per block of :func:`_recurrence` on an irregular grid (and on a regular one for a fast mode).
_BLOCK = 16
#: Most samples per block on a regular grid (the running sums' rounding is that of the recurrence itself).
_MAX_BLOCK = 1 << 16
#: Largest decay exponent |lam| x span within a block evaluated as e^{lam c_i} x sum_j f_j / e^{lam c_j}: e^{500} is far
#: from overflow and e^{-500} from subnormal numbers. Blocks spanning more use a matrix of e^{lam (c_i - c_j)}.
_SPAN = 500.0
#: Most blocks whose (_BLOCK x _BLOCK) matrices are built at once.
_BLOCKS_AT_ONCE = 1024


def _blocks(lam, steps, f):
    """Sum blocks of samples from 0 in place: f_i becomes sum_{j <= i} e^{lam (c_i - c_j)} f_j within its block.

    ``steps``: one float (every step equal: a regular grid, the same factors for every block) or an array
    (blocks, L) of the steps before each sample; ``f`` (..., blocks, L), a view that is written; ``c`` the
    cumulative steps within a block. Returns ``decay`` = e^{lam c_i} ((L,) or (blocks, L)), the span of every
    block (c at its end: a float or (blocks,)) and ``scaled`` (a bool or (blocks,)), the blocks left divided by
    their decay instead. A block whose decay over its span is at most e^{-_SPAN} is such a scaled running sum (two
    exponentials per sample and the same terms as the sum written out, so the same rounding); a longer one is the
    product with the matrix of its factors (L^2 exponentials). Factors below :data:`TINY` are 0.
    """
    size = f.shape[-1]
    if np.ndim(steps) == 0:
        c = steps * np.arange(1.0, size + 1.0)
        decay = np.exp(lam * c)
        if -lam * c[-1] <= _SPAN:
            f /= decay
            np.cumsum(f, axis=-1, out=f)
            return decay, float(c[-1]), True
        f[...] = f @ _factors(lam, c[None, :])[0].T
        return _flush(decay), float(c[-1]), False
    c = np.cumsum(steps, axis=-1)
    span = c[:, -1]
    decay = np.exp(lam * c)
    scaled = -lam * span <= _SPAN
    if scaled.all():
        f /= decay
        np.cumsum(f, axis=-1, out=f)
        return decay, span, scaled
    if scaled.any():
        part = f[..., scaled, :] / decay[scaled]
        f[..., scaled, :] = np.cumsum(part, axis=-1, out=part)
    bad = np.flatnonzero(~scaled)
    for lo in range(0, bad.size, _BLOCKS_AT_ONCE):  # bounded memory: _BLOCKS_AT_ONCE matrices at a time
        index = bad[lo : lo + _BLOCKS_AT_ONCE]
        f[..., index, :] = np.matmul(_factors(lam, c[index]), f[..., index, :, None])[..., 0]
    return _flush(decay), span, scaled


def _factors(lam, c):
    """Return e^{lam (c_i - c_j)} for i >= j (0 above the diagonal and below :data:`TINY`), shape (B, L, L), for c (B, L)."""
    x = lam * (c[:, :, None] - c[:, None, :])
    size = c.shape[-1]
    x[:, np.triu_indices(size, 1)[0], np.triu_indices(size, 1)[1]] = -np.inf  # a later sample cannot act on an earlier one
    return _flush(np.exp(x))


def _recurrence(lam, h, f, z0):
    """Overwrite ``f`` with z: z_k = e^{lam h_k} z_{k-1} + f_k (k = 0..T-1, time along the last axis), z_{-1} = ``z0``.

    ``lam`` < 0; ``h``: one step > 0 (a float: a regular grid) or the T steps >= 0; ``z0`` (..., 1) or None (0);
    ``f``'s last axis contiguous. Each block of samples is summed from 0 (:func:`_blocks`); the values at the block
    ends then follow the same recurrence over whole blocks (solved the same way, recursively) and each block adds
    its start's value times its decay: a few passes over the samples, no loop over them, no temporary arrays of
    their size for a slow mode.
    """
    size = f.shape[-1]
    lead = f.shape[:-1]
    regular = np.ndim(h) == 0
    block = _BLOCK
    if regular:
        rate = -lam * h
        if rate > -math.log(TINY):  # nothing carries over one step: z = f
            return f
        block = int(min(_MAX_BLOCK, size, _SPAN // rate)) if rate > 0 else min(_MAX_BLOCK, size)
        block = max(block, min(_BLOCK, size))
    count = size // block if size > block else 0
    pieces = [(0, count * block, count, block)] if count else []
    if count * block < size:
        pieces.append((count * block, size, 1, size - count * block))
    carry = z0
    for lo, hi, blocks, width in pieces:
        view = f[..., lo:hi].reshape(*lead, blocks, width)  # a view: the last axis is contiguous
        decay, span, scaled = _blocks(lam, h if regular else h[lo:hi].reshape(blocks, width), view)
        if blocks == 1 and carry is None:
            if scaled is True or np.all(scaled):
                view *= decay
            carry = view[..., -1, -1:]
            continue
        last = view[..., -1] * decay[..., -1]
        if scaled is not True:
            last = np.where(scaled, last, view[..., -1])
        if blocks > 1:
            ends = _recurrence(lam, span, last, carry)  # z at every block's end
            start = np.empty(ends.shape)
            start[..., 1:] = ends[..., :-1]
            start[..., :1] = 0.0 if carry is None else carry  # z before every block
        else:
            start = carry
        if scaled is True or (scaled is not False and scaled.all()):
            view += start[..., None]
            view *= decay
        elif scaled is False or not scaled.any():
            view += decay * start[..., None]
        else:
            view[..., scaled, :] = (view[..., scaled, :] + start[..., scaled, None]) * decay[scaled]
            view[..., ~scaled, :] += decay[~scaled] * start[..., ~scaled, None]
        carry = view[..., -1, -1:]
    return f


def _hold(lam, beta, u, h):
    """z_k = e^{lam h_k} z_{k-1} + beta (w_current u_k + w_previous u_{k-1}) from z_0 = 0; ``h`` one step or every step."""
    _, previous, current = _hold_coefficients(-lam, h)
    z = np.empty(u.shape)
    z[..., 0] = 0.0
    f = z[..., 1:]
    np.multiply(u[..., 1:], beta * current, out=f)
    f += (beta * previous) * u[..., :-1]
    _recurrence(lam, h, f, None)
    return z


# ----------------------------------------------------------------------------- switching generators


def propagate_switching(generators, segments, x0, t) -> np.ndarray:
    """Solve x' = Q_g x where the generator switches between a few fixed matrices, exactly.

    Parameters
    ----------
    generators : sequence of numpy.ndarray
        The distinct (n, n) generators; each is decomposed once.
    segments : sequence of (start, end, g)
        Consecutive time intervals [start, end) covering ``t``, each with the
        index ``g`` of its generator; the first starts at the initial time.
    x0 : numpy.ndarray
        State at the start of the first segment, shape (n,).
    t : numpy.ndarray
        Output times, non-decreasing, within the segments (the last segment
        includes its end).

    Returns
    -------
    numpy.ndarray
        States at ``t``, shape (T, n).

    Raises
    ------
    TypeError, ValueError
        If an input is malformed (generators not finite square matrices of one size, ``x0`` of another
        size, segments not consecutive or not covering ``t``, a generator index out of range), naming it.
    """
    t = check_times("t", t)
    if not isinstance(generators, (list, tuple)) or not generators:
        raise TypeError(f"generators must be a non-empty list or tuple of (n, n) arrays, got {type(generators).__name__}")
    matrices = [_as_matrices(f"generators[{g}]", q, batch_ok=False) for g, q in enumerate(generators)]
    n = matrices[0].shape[0]
    for g, q in enumerate(matrices):
        if q.shape != (n, n):
            raise ValueError(f"generators[{g}] must have the shape of generators[0], {(n, n)}, got {q.shape}")
    x = _as_samples("x0", x0, n)
    if x.ndim != 1:
        raise ValueError(f"x0 must have shape ({n},), got {x.shape}")
    _check_segments(segments, len(matrices), t)
    flows = [_Flow(q) for q in matrices]
    out = np.empty((t.size, x.size))
    bounds = np.searchsorted(t, [start for start, _, _ in segments], side="left")
    ends = np.append(bounds[1:], t.size)
    for (start, end, g), lo, hi in zip(segments, bounds, ends, strict=True):
        flow = flows[g]
        if hi > lo:
            out[lo:hi] = flow.apply(x, t[lo:hi] - start)
        x = flow.apply(x, np.array([end - start]))[0]
    return out


def _check_segments(segments, count: int, t: np.ndarray) -> None:
    """Check that ``segments`` are consecutive (start, end, g) tuples covering ``t`` with g in [0, count - 1]."""
    if not isinstance(segments, (list, tuple)) or not segments:
        raise TypeError(f"segments must be a non-empty list or tuple of (start, end, g), got {type(segments).__name__}")
    previous = None
    for k, segment in enumerate(segments):
        if not isinstance(segment, tuple) or len(segment) != 3:
            raise TypeError(f"segments[{k}] must be a tuple (start, end, g), got {segment!r}")
        start = check_number(f"segments[{k}] start", segment[0], low=0.0)
        check_number(f"segments[{k}] end", segment[1], low=start)
        check_int(f"segments[{k}] g", segment[2], low=0, high=count - 1)
        if previous is not None and start != previous:
            raise ValueError(
                f"segments must be consecutive: segments[{k}] starts at {start!r}, the one before ends at {previous!r}"
            )
        previous = float(segment[1])
    if t[0] < segments[0][0] or t[-1] > previous:
        raise ValueError(
            f"t must lie within the segments, [{float(segments[0][0])!r}, {previous!r}], got {float(t[0])!r} to {float(t[-1])!r}"
        )


class _Flow:
    """e^{Q tau} x for many tau: modal form when Q has a well-conditioned eigenbasis, else expm."""

    def __init__(self, q):
        self.q = q
        lam, vec = np.linalg.eig(q)
        self.modal = np.linalg.cond(vec) <= MAX_EIGVEC_CONDITION
        if self.modal:
            self.lam, self.vec, self.inv = lam, vec, np.linalg.inv(vec)
        self.cache = {}

    def apply(self, x, tau) -> np.ndarray:
        """Return e^{Q tau_i} x for each tau_i, shape (len(tau), n)."""
        if self.modal:
            z = self.inv @ x
            growth = _flush(np.exp(np.multiply.outer(tau, self.lam)).real) if np.isrealobj(self.lam) else None
            if growth is None:  # complex pairs: evaluate in complex arithmetic, the result is real
                return ((np.exp(np.multiply.outer(tau, self.lam)) * z) @ self.vec.T).real
            return (growth * z) @ self.vec.T
        from scipy.linalg import expm  # imported when first needed: a fallback

        out = np.empty((tau.size, x.size))
        for i, dt in enumerate(tau):
            key = round(float(dt), 12)
            if key not in self.cache:
                self.cache[key] = expm(self.q * key)
            out[i] = self.cache[key] @ x
        return out
