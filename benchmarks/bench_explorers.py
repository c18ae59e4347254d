"""Control change to encoded PNG for every explorer in ``simulator.widgets``, against the naive ``interact`` pattern.

Run: ``python benchmarks/bench_explorers.py``. For each explorer, the control a lecturer drags most is swept back
and forth, one value per timed call; the naive counterpart builds the equivalent static figure of
``simulator.plotting`` from scratch for the same settings and saves it as PNG at dpi 90. The model is included on
both sides (the same calls). Prints medians and ratios measured in one run; nothing is asserted (the machine is
noisy); the explorer's 95th percentile over the same moves is printed beside its median. For the
time-course explorer and the dashboard it also splits the moves into those drawn over the cached
background and those that redrew it. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import io
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from timing import median_time

import simulator as sim
from simulator import plotting
from simulator.widgets import (
    ChannelBlockExplorer,
    LectureDashboard,
    PharmacokineticsExplorer,
    ReceptorExplorer,
    SessionsExplorer,
    TimeCourseExplorer,
)
from simulator.widgets.chain import FOLLOW_UP_DAYS
from simulator.widgets.sessions import POPULATION_SIZE


def _back_and_forth(values) -> np.ndarray:
    """Return ``values`` then back again without repeating the ends: each step changes the value."""
    values = np.asarray(values)
    return np.concatenate([values, values[-2:0:-1]])


DOSES = _back_and_forth(np.linspace(0.3, 0.7, 15))  # mg/kg: sub-anaesthetic infusions
CONCENTRATIONS = _back_and_forth(np.geomspace(30.0, 3000.0, 15))  # ng/mL: antidepressant to anaesthetic plasma levels
FREQUENCIES = _back_and_forth(np.geomspace(0.3, 5.0, 15))  # Hz: glutamate pulses per second
SESSIONS = _back_and_forth(np.arange(2, 9))  # sessions of 0.5 mg/kg every 2.5 days


def _naive_png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return buffer.getvalue()


def _pair(explorer, control, values, naive_figure, repeat):
    """Time moves of ``control`` over ``values`` and the naive pattern on the same values.

    Returns the two medians (s) and, per move of the explorer, (seconds, whether the background was redrawn).
    """
    step = iter(range(10**9))
    moves = []

    def ours():
        value = values[next(step) % values.size].item()
        key = explorer.figure._state.key
        start = time.perf_counter()
        control.value = value
        png = explorer.image.value
        moves.append((time.perf_counter() - start, explorer.figure._state.key != key))
        return png

    def naive():
        return _naive_png(naive_figure(values[next(step) % values.size].item()))

    ours_median = median_time(ours, repeat)[0]
    if explorer.last_error is not None:
        raise RuntimeError(f"{type(explorer).__name__} could not update: {explorer.last_error!r}")
    step = iter(range(10**9))
    return ours_median, median_time(naive, repeat)[0], moves


def pharmacokinetics():
    def figure(dose):
        return plotting.concentration_figure(sim.simulate(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=12.0))

    explorer = PharmacokineticsExplorer()
    return _pair(explorer, explorer.dose, DOSES, figure, 31)


def _course(dose, patient=None):
    """Simulate one 40-minute infusion through the chain on the explorers' log axis, with the toy SSRI beside it."""
    regimen = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), every_h=24.0 * 2.5, count=1)
    end_h = regimen.end_h + 24.0 * FOLLOW_UP_DAYS
    result = sim.simulate(regimen, patient or sim.Patient(weight_kg=70.0), time_h=plotting.log_axis_times(end_h),
                          receptor=sim.ReceptorAssumptions(), plasticity=sim.PlasticityModel())  # fmt: skip
    return result, sim.plasticity.conventional_antidepressant(days=end_h / 24.0, step_h=0.25)


def time_course():
    def figure(dose):
        result, comparator = _course(dose)
        return plotting.full_chain_figure(result, comparator, time_axis="log")

    explorer = TimeCourseExplorer()
    return _pair(explorer, explorer.dose, DOSES, figure, 31)


def dashboard():
    def figure(dose):
        # full_chain_figure at the dashboard's size: the same figure class, built anew for each change
        result, comparator = _course(dose, sim.Patient(weight_kg=70.0, age_y=40.0, cyp2b6="normal"))
        chain = plotting.FullChainFigure(time_axis="log", figsize=(12.8, 7.6))
        chain.update(result, comparator)
        return chain.fig

    explorer = LectureDashboard()  # starts on the standard-infusion preset; the first move leaves it
    return _pair(explorer, explorer.dose, DOSES, figure, 31)


def receptor():
    def figure(concentration):
        # No static function draws curves and receptors side by side: the naive equivalent is the explorer's own
        # figure class built anew per change (the occupancy curves come from the model's cache, as the explorer's do).
        receptors = plotting.ReceptorFigure()
        receptors.update(sim.receptor.occupancy_curves(concentration, "ketamine", assumptions=sim.ReceptorAssumptions()))
        return receptors.fig

    explorer = ReceptorExplorer()
    return _pair(explorer, explorer.concentration, CONCENTRATIONS, figure, 31)


def channel_block():
    def figure(frequency):
        return plotting.trapping_figure(sim.receptor.compare_blockers(occupancy=0.5, frequency_hz=frequency))

    explorer = ChannelBlockExplorer()
    return _pair(explorer, explorer.frequency, FREQUENCIES, figure, 15)


def sessions():
    def figure(count):
        regimen = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=24.0 * 2.5, count=count)
        window = {"end_h": regimen.end_h + 24.0 * 28, "step_min": 60.0}
        population = sim.simulate_population(regimen, n=POPULATION_SIZE, seed=1, **window)
        return plotting.population_figure(population, sim.draw_patient(regimen, seed=1000, **window))

    explorer = SessionsExplorer()
    return _pair(explorer, explorer.sessions, SESSIONS, figure, 7)


def _split(moves) -> str:
    parts = []
    for name, redrew in (("fast path only", False), ("background redrawn", True)):
        times = [t for t, r in moves if r == redrew]
        median = f"median {np.median(times) * 1e3:.1f} ms" if times else "none"
        parts.append(f"{name}: {len(times)} moves, {median}")
    return "; ".join(parts)


def main():
    print(sim.DISCLAIMER)
    groups = (
        (
            "single-view explorers",
            (
                ("PharmacokineticsExplorer (dose)", pharmacokinetics, False),
                ("TimeCourseExplorer (dose)", time_course, True),
                ("ReceptorExplorer (concentration)", receptor, False),
                ("ChannelBlockExplorer (frequency)", channel_block, False),
                ("SessionsExplorer (sessions)", sessions, False),
            ),
        ),
        ("the dashboard", (("LectureDashboard (dose)", dashboard, True),)),
    )
    for group, cases in groups:
        print(f"\n== {group}: control change to encoded PNG ==")
        for name, case, split in cases:
            ours, naive, moves = case()
            print(f"\n{name}")
            p95 = np.percentile([t for t, _ in moves], 95) * 1e3
            print(f"  explorer (built once, updated in place): median {ours * 1e3:.1f} ms, 95th percentile {p95:.1f} ms")
            print(f"  naive (new figure per change)          : median {naive * 1e3:.1f} ms  -> {naive / ours:.1f}x slower")
            if split:
                print(f"  explorer moves: {_split(moves)}")


if __name__ == "__main__":
    main()
