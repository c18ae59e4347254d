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


def interleaved_times(funcs: dict, repeat: int, *, cpu: bool = False):
    """Call every function of ``funcs`` (name -> callable) once per round, ``repeat`` rounds, in turn.

    Returns {name: (median seconds, best seconds, last return value)}. Taking turns spreads a change of load on
    a shared machine over every function alike, so ratios measured in one run stay fair. With ``cpu``, the
    seconds are this thread's CPU time (time.thread_time), which leaves out the waits for a core on a loaded
    machine.
    """
    clock = time.thread_time if cpu else time.perf_counter
    times = {name: [] for name in funcs}
    values = {}
    for _ in range(repeat):
        for name, func in funcs.items():
            start = clock()
            values[name] = func()
            times[name].append(clock() - start)
    return {name: (float(np.median(t)), float(np.min(t)), values[name]) for name, t in times.items()}
