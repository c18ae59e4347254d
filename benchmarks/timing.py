"""The one timing helper the benchmark scripts share."""

from __future__ import annotations

import time

import numpy as np


def median_time(func, repeat: int):
    """Call ``func`` ``repeat`` times; return (median seconds, best seconds, last return value)."""
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = func()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), float(np.min(times)), value
