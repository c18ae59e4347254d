"""Input validation shared by every public constructor.

Each check raises ``TypeError`` for a wrong type and ``ValueError`` for a value
outside its range, naming the field, the value and what is allowed
(DESIGN.md principle 7).
"""

from __future__ import annotations

import math
import numbers

import numpy as np


def check_number(
    name: str,
    value,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """Return ``value`` as a float after checking its type and range.

    Parameters
    ----------
    name : str
        Field name used in the error message.
    value : object
        The value to check. Booleans are rejected although Python counts them
        as integers.
    low, high : float, optional
        Bounds of the allowed range.
    low_inclusive, high_inclusive : bool
        Whether each bound itself is allowed.

    Returns
    -------
    float
        The checked value.

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is NaN, infinite or out of range.
    """
    if type(value) is float and -math.inf < value < math.inf:  # the fast path of a plain finite float
        if (low is None or value > low or (value == low and low_inclusive)) and (
            high is None or value < high or (value == high and high_inclusive)
        ):
            return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} of type {type(value).__name__}")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be {_describe_range(low, high, low_inclusive, high_inclusive)}, got an integer too large for a float"
        ) from None
    if not math.isfinite(value):
        allowed = _describe_range(low, high, low_inclusive, high_inclusive)
        raise ValueError(f"{name} must be a finite number {allowed}, got {value!r}")
    too_low = low is not None and (value < low or (value == low and not low_inclusive))
    too_high = high is not None and (value > high or (value == high and not high_inclusive))
    if too_low or too_high:
        raise ValueError(f"{name} must be {_describe_range(low, high, low_inclusive, high_inclusive)}, got {value!r}")
    return value


def check_numbers(name: str, value, *, low: float = 0.0, low_inclusive: bool = True, high: float | None = None):
    """Check a number, or an array of numbers (one per virtual patient), against a lower (and optional upper) bound.

    Scalars go through :func:`check_number`; arrays must be real numbers, finite and within the bounds
    everywhere. Returns the value unchanged (float for scalars).
    """
    if type(value) is float and (value > low or (low_inclusive and value == low)) and (high is None or value <= high):
        if value < math.inf:  # the fast path of a plain float in range (model building checks dozens per patient)
            return value
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iuf":
            raise TypeError(f"{name} must be a number or an array of numbers, got an array of dtype {value.dtype}")
        ok = np.isfinite(value) & ((value >= low) if low_inclusive else (value > low))
        if high is not None:
            ok &= value <= high
        if not np.all(ok):
            allowed = _describe_range(low, high, low_inclusive, True)
            raise ValueError(f"{name} must be finite and {allowed} everywhere, got {value[~ok][:3]}")
        return value
    return check_number(name, value, low=low, low_inclusive=low_inclusive, high=high)


def check_int(name: str, value, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int after checking its type and range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be {_describe_range(low, high, True, True)}, got {value!r}")
    return value


def check_choice(name: str, value, choices) -> str:
    """Return ``value`` after checking that it is one of ``choices``."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {list(choices)}, got {value!r}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}, got {value!r}")
    return value


#: Most output times any one series may have (a 1-minute grid for almost four years).
MAX_POINTS = 2_000_000
#: Most memory one population's stored curves, or one batch's concentrations, may take (bytes).
MEMORY_BUDGET_BYTES = 2 * 1024**3


def check_times(name: str, value, *, max_points: int = MAX_POINTS) -> np.ndarray:
    """Return ``value`` as a 1-D float array of times: finite, >= 0, non-decreasing, 1 to ``max_points`` long."""
    t = _as_float_array(name, value)
    if t.ndim != 1 or t.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array, got shape {t.shape}")
    if t.size > max_points:
        raise ValueError(f"{name} has {t.size} points; the limit is {max_points}")
    # one pass: t[0] >= 0, each step >= 0 and a finite end leave no room for NaN or inf anywhere
    if not (t[0] >= 0.0 and t[-1] < math.inf and (t.size == 1 or (t[1:] >= t[:-1]).all())):
        raise ValueError(
            f"{name} must be finite, >= 0 and non-decreasing, got values from {float(t.min())!r} to {float(t.max())!r}"
        )
    return t


def check_fractions(name: str, value, size: int) -> np.ndarray:
    """Return ``value`` as a float array of fractions in [0, 1] with ``size`` entries along its last axis (1-D or 2-D)."""
    x = _as_float_array(name, value)
    if x.ndim not in (1, 2) or x.shape[-1] != size:
        raise ValueError(f"{name} must have shape ({size},) or (patients, {size}), got {x.shape}")
    if x.size and not (x.min() >= 0.0 and x.max() <= 1.0):  # False for NaN too
        raise ValueError(f"{name} must be fractions in [0, 1], got values from {float(x.min())!r} to {float(x.max())!r}")
    return x


def check_nonnegative(name: str, value, shape: tuple) -> np.ndarray:
    """Return ``value`` as a float array of finite numbers >= 0 with the given shape (a scalar is broadcast)."""
    x = _as_float_array(name, value)
    if x.ndim == 0:
        x = np.broadcast_to(x, shape)
    if x.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}, got {x.shape}")
    if x.size and not (x.min() >= 0.0 and np.isfinite(x.max())):
        raise ValueError(f"{name} must be finite and >= 0, got values from {float(x.min())!r} to {float(x.max())!r}")
    return x


def as_numbers(name: str, value) -> np.ndarray:
    """Return ``value`` as a float array; other things are a TypeError naming ``name``.

    Strings, booleans (also among a list's items), None and other non-numbers are refused; the values themselves are
    not checked (callers check their own range).
    """
    return _as_float_array(name, value)


def _as_float_array(name: str, value) -> np.ndarray:
    """Return ``value`` as a float array; strings, booleans, None and other non-numbers are a TypeError."""
    if value is None or isinstance(value, (str, bytes, dict, bool, np.bool_)):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    if isinstance(value, (list, tuple)):  # numpy would read True as 1: a boolean is not a number here
        flags = [x for x in np.asarray(value, dtype=object).flat if isinstance(x, (bool, np.bool_))]
        if flags:
            raise TypeError(f"{name} must be an array of numbers, got a boolean ({flags[0]!r}) among them")
    try:
        raw = np.asarray(value)
        if raw.dtype.kind not in "iuf" and not (raw.dtype.kind == "O" and all(_is_real(x) for x in raw.flat)):
            raise TypeError
        return raw.astype(float, copy=False)
    except OverflowError:
        raise ValueError(f"{name} holds an integer too large for a float") from None
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}") from None


def _is_real(x) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def _describe_range(low, high, low_inclusive, high_inclusive) -> str:
    if low is not None and high is not None:
        left = "[" if low_inclusive else "("
        right = "]" if high_inclusive else ")"
        return f"in {left}{low:g}, {high:g}{right}"
    if low is not None:
        return f"{'>=' if low_inclusive else '>'} {low:g}"
    if high is not None:
        return f"{'<=' if high_inclusive else '<'} {high:g}"
    return "finite"


def deprecated_names(module: str, namespace: dict, renamed: dict):
    """Return a module ``__getattr__`` that gives each old name of ``renamed`` (old -> (new, why)) with a warning.

    The one mechanism for names kept for one release: the old name returns ``namespace[new]`` and raises a
    DeprecationWarning saying the new name and why; any other missing name is an AttributeError.
    """

    def __getattr__(name: str):
        if name in renamed:
            import warnings

            new, why = renamed[name]
            warnings.warn(f"{module}.{name} is now {new} ({why}); the old name goes in the next release",
                          DeprecationWarning, stacklevel=2)  # fmt: skip
            return namespace[new]
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
