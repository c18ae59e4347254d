"""simulator.linear on its own: the exact solvers against closed forms and against scipy's matrix exponential.

`solve` is checked through the pharmacokinetics in test_closed_forms.py and test_reference_solver.py; here
`first_order_hold` (input linear between samples) and `propagate_switching` (a generator that switches) are
checked directly, on regular and irregular grids, for one series and for a batch.
"""

import numpy as np
import pytest
from scipy.linalg import expm

from simulator import linear


def _ramp_response(lam, beta, a, b, t):
    """z(t) of z' = lam z + beta (a + b t), z(0) = 0, in closed form."""
    e = np.expm1(lam * t)
    return beta * (a * e / lam + b * (e / lam**2 - t / lam))


@pytest.mark.parametrize("lam", [-0.01, -0.7, -25.0])
@pytest.mark.parametrize("grid", ["regular", "irregular"])
def test_first_order_hold_equals_the_closed_form_of_a_ramp(lam, grid):
    t = (
        np.linspace(0.0, 12.0, 97)
        if grid == "regular"
        else np.sort(np.r_[0.0, np.random.default_rng(3).uniform(0, 12, 60), 12.0])
    )
    a, b, beta = 0.8, -0.05, 1.7
    z = linear.first_order_hold(lam, beta, a + b * t, t)
    np.testing.assert_allclose(z, _ramp_response(lam, beta, a, b, t), rtol=1e-10, atol=1e-13)


def _hold_by_expm(lam, beta, u, t):
    """The same integral, segment by segment, with the matrix exponential of the augmented system [z, u, du/dt]."""
    z = np.zeros_like(u)
    for k in range(t.size - 1):
        h = t[k + 1] - t[k]
        slope = (u[k + 1] - u[k]) / h if h > 0 else 0.0
        generator = np.array([[lam, beta, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
        z[k + 1] = (expm(generator * h) @ np.array([z[k], u[k], slope]))[0]
    return z


@pytest.mark.parametrize("grid", ["regular", "irregular"])
def test_first_order_hold_equals_the_augmented_matrix_exponential_for_any_samples(grid):
    rng = np.random.default_rng(8)
    t = np.linspace(0.0, 48.0, 41) if grid == "regular" else np.sort(np.r_[0.0, rng.uniform(0, 48, 39), 48.0])
    u = rng.uniform(0.0, 2.0, size=(3, t.size))  # a batch of three input series
    z = linear.first_order_hold(-0.3, 0.9, u, t)
    assert z.shape == u.shape
    for row in range(3):
        np.testing.assert_allclose(z[row], _hold_by_expm(-0.3, 0.9, u[row], t), rtol=1e-10, atol=1e-13)


def test_first_order_hold_is_linear_in_its_input():
    t = np.linspace(0.0, 10.0, 51)
    u1, u2 = np.sin(t) ** 2, np.exp(-t)
    z = linear.first_order_hold(-1.3, 2.0, 3.0 * u1 - 0.5 * u2, t)
    np.testing.assert_allclose(
        z, 3.0 * linear.first_order_hold(-1.3, 2.0, u1, t) - 0.5 * linear.first_order_hold(-1.3, 2.0, u2, t), atol=1e-13
    )


def _hold_by_lfilter(lam, beta, u, t):
    """The same recurrence run by scipy.signal.lfilter, one run of equal steps at a time (the solver's former path)."""
    from scipy.signal import lfilter

    h = np.diff(t)
    z = np.zeros_like(u)
    for k in range(h.size):
        if h[k] == 0:
            z[..., k + 1] = z[..., k]
            continue
        # two-tap filter over this one step: z_{k+1} = a z_k + w0 u_k + w1 u_{k+1}
        x = -lam * h[k]
        a, q = np.exp(-x), -np.expm1(-x) / x
        b = [beta * (1.0 - q) / -lam, beta * (q - a) / -lam]
        zi = z[..., k : k + 1] - b[0] * u[..., k : k + 1]
        z[..., k : k + 2], _ = lfilter(b, [1.0, -a], u[..., k : k + 2], axis=-1, zi=zi)
    return z


@pytest.mark.parametrize("size", [2, 3, 16, 17, 257, 1441, 5000])
@pytest.mark.parametrize("lam", [-1e-5, -0.02, -40.0, -400.0, -2000.0])  # slow to fast modes: running sums, factor matrices, both
def test_first_order_hold_equals_scipys_recursive_filter_on_long_grids(size, lam):
    """Blocks, their ends' recurrence and the fast-mode matrices reproduce lfilter's recurrence to 1e-12."""
    rng = np.random.default_rng(size)
    u = rng.uniform(-1.0, 3.0, size=(2, size))
    regular = np.linspace(0.0, 24.0 * 28, size)
    irregular = np.sort(rng.uniform(0.0, 300.0, size))
    irregular[size // 2] = irregular[size // 2 - 1]  # a repeated time: z keeps its value
    for t in (regular, irregular):
        z = linear.first_order_hold(lam, 0.7, u, t)
        reference = _hold_by_lfilter(lam, 0.7, u, t)
        np.testing.assert_allclose(z, reference, rtol=0, atol=1e-12 * np.abs(reference).max())


def test_first_order_hold_needs_no_scipy_signal():
    """The chain's first summary does not pay scipy.signal's import (seconds on a loaded machine)."""
    import subprocess
    import sys

    code = (
        "import sys, simulator as sim; r = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)); r.summary();"
        "r.effect_site('ketamine', endpoint='analgesia'); print('scipy.signal' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _generator(rng, n):
    """A random rate matrix whose columns sum to zero (a closed system: the total is conserved)."""
    q = rng.uniform(0.0, 3.0, size=(n, n))
    np.fill_diagonal(q, 0.0)
    np.fill_diagonal(q, -q.sum(axis=0))
    return q


def test_propagate_switching_equals_products_of_matrix_exponentials():
    rng = np.random.default_rng(21)
    generators = [_generator(rng, 4) for _ in range(3)]
    edges = [0.0, 0.4, 1.1, 1.15, 2.0, 3.5]
    which = [0, 1, 0, 2, 1]
    segments = [(edges[k], edges[k + 1], g) for k, g in enumerate(which)]
    t = np.sort(np.r_[edges, rng.uniform(0.0, 3.5, 30)])
    x0 = np.array([1.0, 0.0, 0.0, 0.0])
    x = linear.propagate_switching(generators, segments, x0, t)
    for i, ti in enumerate(t):
        state, now = x0.copy(), 0.0
        for start, end, g in segments:
            if ti < start:
                break
            step = min(ti, end) - now
            state = expm(generators[g] * step) @ state
            now = min(ti, end)
        np.testing.assert_allclose(x[i], state, rtol=1e-9, atol=1e-12, err_msg=f"t = {ti}")
    np.testing.assert_allclose(x.sum(axis=1), 1.0, rtol=1e-12)  # columns sum to zero: nothing is lost


def test_propagate_switching_with_one_generator_is_one_exponential():
    rng = np.random.default_rng(5)
    q = _generator(rng, 3)
    t = np.linspace(0.0, 2.0, 9)
    x = linear.propagate_switching([q], [(0.0, 2.0, 0)], np.array([0.2, 0.5, 0.3]), t)
    expected = np.array([expm(q * ti) @ np.array([0.2, 0.5, 0.3]) for ti in t])
    np.testing.assert_allclose(x, expected, rtol=1e-10, atol=1e-13)
