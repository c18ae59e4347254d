"""The population figures: percentile bands of a virtual population with one drawn patient, and schedules compared.

Teaching model: illustrative, not for dosing; virtual patients are draws, none is a real person.
"""

from __future__ import annotations

import numpy as np

from .._validate import check_choice
from ..plasticity import response_threshold
from ..population import ComparatorPopulation, PopulationResult
from ..style import CYCLE, get_style
from ..tables import format_effect_duration
from ._base import BaseFigure
from ._common import (
    LOG_AXIS_START_H,
    SCORE_AXIS_TOP,
    TIME_AXES,
    axhline_style,
    check_flag,
    cycled,
    draw_grid,
    draw_legend,
    finish,
    log_time_axis,
    require,
    series_line,
    set_title,
    set_ylabel,
    subplots,
)

#: Outputs a population must store for :func:`population_figure`.
POPULATION_PANELS = ("plasma_ketamine", "occupancy", "plasticity_index", "symptom_score")
#: Entries each row of a :func:`schedule_figure` table needs (as :func:`simulator.compare_schedules` gives them).
SCHEDULE_KEYS = ("sessions", "days_in_response", "day", "fraction_in_response_by_day")


def _check_population(population, patient) -> None:
    for name, value in (("population", population), ("patient", patient)):
        if value is None and name == "patient":
            continue
        require(name, value, PopulationResult, "a simulator.PopulationResult (from simulate_population or draw_patient)")
        missing = [output for output in POPULATION_PANELS if output not in value.data]
        if missing:
            raise ValueError(f"{name} must store the outputs {list(POPULATION_PANELS)}; it lacks {missing}")
    if patient is not None and len(patient) != 1:
        raise ValueError(f"patient must be one drawn patient (simulator.draw_patient), got a population of {len(patient)}")


#: The population figure's panels: output, y label, factor.
_POPULATION_ROWS = (
    ("plasma_ketamine", "ketamine\n(ng/mL)", 1.0),
    ("occupancy", "NMDA\nblock (%)", 100.0),
    ("plasticity_index", "plasticity\n(toy)", 1.0),
    ("symptom_score", "symptoms\n(toy, 0-60)", 1.0),
)


class PopulationFigure(BaseFigure):
    """Percentile bands (5-95%, 25-75%, median) of a virtual population and one drawn patient, updated in place.

    Panels: plasma ketamine, NMDA block, toy plasticity, toy symptom score, and the share of patients in toy
    response. Pins keep each panel's median as a ghost.

    Parameters
    ----------
    days : bool
        Time axis in days (else hours); ignored on a log axis.
    style : {"notebook", "projector", "print"}
        Sizes for the room.
    time_axis : {"log", "linear"}
        ``"log"`` (default): 5 minutes to the end on one axis (concentrations in hours, response in days).
    """

    def __init__(self, days: bool = True, style="notebook", time_axis: str = "log"):
        self.days = check_flag("days", days)
        self.log = check_choice("time_axis", time_axis, TIME_AXES) == "log"
        self.scale = 24.0 if self.days and not self.log else 1.0
        super().__init__(style)

    def _build(self) -> None:
        st = self.style
        self.fig, axes = subplots(st, (8.5, 10.0), len(_POPULATION_ROWS) + 1, 1, sharex=True)
        self.axes = axes
        self.bands, self.medians, self.patients = [], [], []
        for ax, (_, label, _) in zip(axes, _POPULATION_ROWS, strict=False):
            self.bands.append([])
            self.medians.append(series_line(ax, st, "median", label="median"))
            self.patients.append(series_line(ax, st, "drawn patient", label="one drawn patient"))
            set_ylabel(ax, st, label)
            draw_grid(ax, st)
        self.response = axes[3].axhline(16.0, **axhline_style(st, "response line"), label="response: 50% drop")
        axes[3].set_ylim(0, SCORE_AXIS_TOP)
        self.in_response = series_line(axes[-1], st, "in response", label="in response")
        axes[-1].set_ylim(0, 100)
        set_ylabel(axes[-1], st, "in response\n(% of patients)")
        axes[-1].set_xlabel(
            "time after the first dose" if self.log else "days after first dose" if self.days else "hours after first dose"
        )
        draw_grid(axes[-1], st)
        self.title = set_title(axes[0], st, "")
        finish(self.fig, st, "Virtual patients are draws from population averages and variabilities; none is a real person.",
               layout=False)  # fmt: skip
        self._legends()

    def _x(self, time_h):
        return np.where(time_h > 0, time_h, np.nan) if self.log else time_h / self.scale

    def _legends(self) -> None:
        from matplotlib.patches import Patch

        wide, middle = (Patch(color=c, alpha=0.5, label=t) for c, t in (("#9ecae1", "5-95% of patients"), ("#4292c6", "25-75%")))
        handles = [wide, middle, self.medians[0]]
        handles += [self.patients[0]] if self.patients[0].get_visible() else []
        handles += [g for g in self.ghosts() if g.axes is self.axes[0] and not g.get_label().startswith("_")]
        draw_legend(self.axes[0], self.style, handles=handles, labels=[h.get_label() for h in handles])

    def _layout_key(self) -> tuple:
        return (self.title.get_text(),)

    def data_lines(self) -> list:
        """Return the data curves now drawn: what a pin keeps."""
        return [*self.medians, self.in_response]

    def _dynamic_artists(self) -> list:
        bands = [band for group in self.bands for band in group]
        return [*self.ghosts(), *bands, *self.medians, *self.patients, self.response, self.in_response, self.title]

    def update(self, population, patient=None) -> None:
        """Show ``population`` (and one drawn ``patient``, or none)."""
        _check_population(population, patient)
        self._state.last = (population, patient)
        t = self._x(population.time_h)
        for k, (ax, (name, _, factor)) in enumerate(zip(self.axes, _POPULATION_ROWS, strict=False)):
            p5, p25, p50, p75, p95 = factor * population.percentiles(name)
            for band in self.bands[k]:
                band.remove()
            self.bands[k] = [
                ax.fill_between(t, p5, p95, color="#9ecae1", alpha=0.5, lw=0, zorder=1.2),
                ax.fill_between(t, p25, p75, color="#4292c6", alpha=0.5, lw=0, zorder=1.3),
            ]
            self.medians[k].set_data(t, p50)
            if patient is not None:
                self.patients[k].set_data(self._x(patient.time_h), factor * patient.data[name][0])
            self.patients[k].set_visible(patient is not None)
            if self._limits_free() and k != 3:
                top = max(float(np.nanmax(p95)), float(np.nanmax(self.patients[k].get_ydata())) if patient is not None else 0.0)
                self._sticky_top(ax, 1.1 * top if top > 0 else 1.0)
        self.response.set_ydata([response_threshold(population.baseline_score)] * 2)
        self.in_response.set_data(t, 100 * population.fraction_in_response())
        end = float(population.time_h[-1])
        current = self.axes[-1].get_xlim()[1] * self.scale
        if self._limits_free() and (not self._state.laid_out or end > current or end < 0.5 * current):
            # the window moves only when the data leave it or fill less than half of it (a schedule slider
            # changes the window's end on every move: redrawing the background each time would cost 100 ms)
            right = end if not self._state.laid_out else 1.25 * end
            if self.log:
                log_time_axis(self.axes[-1], right)
            self.axes[-1].set_xlim(LOG_AXIS_START_H if self.log else t[0], right / self.scale)
        self.title.set_text(
            f"{len(population)} virtual patients, one regimen"
            + (f" ({population.pk_set.citation.short()} set)" if self.style.details else "")
        )
        self._legends()
        self._lay_out_once()


def population_figure(population, patient=None, days: bool = True, style="notebook", time_axis: str = "log"):
    """Draw percentile bands (5-95%, 25-75%, median) of a virtual population, and one drawn patient.

    Parameters
    ----------
    population : PopulationResult
        From :func:`simulator.simulate_population`, storing the outputs :data:`POPULATION_PANELS`.
    patient : PopulationResult, optional
        One patient (:func:`simulator.draw_patient`, a population of one) drawn over the bands.
    days : bool
        Time axis in days (else hours); ignored on a log axis.
    style : {"notebook", "projector", "print"}
        Sizes for the room.
    time_axis : {"log", "linear"}
        ``"log"`` (default): 5 minutes to the end on one axis (concentrations in hours, response in days).

    Returns
    -------
    matplotlib.figure.Figure
        See :class:`PopulationFigure`.
    """
    _check_population(population, patient)
    figure = PopulationFigure(days=days, style=style, time_axis=time_axis)
    figure.update(population, patient)
    return figure.fig


def schedule_figure(table: dict, style="notebook"):
    """Draw the fraction of virtual patients in (toy) response by day for each schedule of :func:`compare_schedules`.

    Parameters
    ----------
    table : dict
        Schedule name -> row, as :func:`simulator.compare_schedules` returns (each row a dict with
        the entries :data:`SCHEDULE_KEYS`); 1 to 7 schedules.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        One line per schedule, each in its own colour, line style and marker; the legend gives sessions,
        hours of acute effects (the burden) and median days in response (the benefit).
    """
    require("table", table, dict, "a dict of schedule name -> row (from simulator.compare_schedules)")
    if not 1 <= len(table) <= len(CYCLE):
        raise ValueError(f"table must hold 1 to {len(CYCLE)} schedules, got {len(table)}")
    for name, row in table.items():
        require(f"table[{name!r}]", row, dict, "a dict (a row of simulator.compare_schedules)")
        missing = [key for key in SCHEDULE_KEYS if key not in row]
        if missing:
            raise ValueError(f"table[{name!r}] must have the entries {list(SCHEDULE_KEYS)}; it lacks {missing}")
    st = get_style(style)
    fig, ax = subplots(st, (8.5, 4.2))
    markers = "osD^vP*"
    for k, (name, row) in enumerate(table.items()):
        lo, mid, hi = row["days_in_response"]
        sessions = f"{row['sessions']} session{'' if row['sessions'] == 1 else 's'}"
        hours = row.get("hours_with_acute_effects")
        burden = "" if hours is None else f", toy acute effects {format_effect_duration(hours)}"
        label = f"{name}: {sessions}{burden};\nmedian {mid:.0f} days in response (IQR {lo:.0f}-{hi:.0f})"
        ax.plot(row["day"], 100 * row["fraction_in_response_by_day"], lw=st.lw(1.2), marker=markers[k % len(markers)],
                ms=2.0 * st.lw(1.0), markevery=max(1, len(row["day"]) // 15), label=label, **cycled(k))  # fmt: skip
    ax.set_xlabel("day")
    set_ylabel(ax, st, "in response\n(% of patients)")
    ax.set_ylim(0, 100)
    draw_grid(ax, st)
    draw_legend(ax, st)
    set_title(ax, st, "benefit against burden: schedules on the same virtual patients")
    return finish(fig, st, "Schedules are inputs for exploring a toy model, not recommendations; response is a 50% drop.")


def arms_figure(arms: dict, days=(1.0, 7.0, 28.0), style="notebook"):
    """Draw the fraction of virtual patients in toy response over days for each arm (ketamine, add-on, comparator).

    Parameters
    ----------
    arms : dict
        Arm name -> a :class:`~simulator.population.PopulationResult` (with ``symptom_score``) or a
        :class:`~simulator.population.ComparatorPopulation`; 1 to 7 arms, best given the same virtual patients.
    days : sequence of float
        Days whose fractions the legend quotes (1 to 4 days, each inside every arm's window).
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        One line per arm over days, each in its own colour and line style; the legend gives the % in toy response on
        each of ``days``.
    """
    require("arms", arms, dict, "a dict of arm name -> population (PopulationResult or ComparatorPopulation)")
    if not 1 <= len(arms) <= len(CYCLE):
        raise ValueError(f"arms must hold 1 to {len(CYCLE)} arms, got {len(arms)}")
    for name, arm in arms.items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"arms must be keyed by non-empty strings (the names in the legend), got {name!r}")
        require(f"arms[{name!r}]", arm, (PopulationResult, ComparatorPopulation), "a PopulationResult or ComparatorPopulation")
    if isinstance(days, (str, bytes)) or not 1 <= len(days) <= 4:
        raise ValueError(f"days must be 1 to 4 days, got {days!r}")
    end = min(float(arm.time_h[-1]) for arm in arms.values()) / 24.0
    for day in days:
        if isinstance(day, bool) or not isinstance(day, (int, float)) or not 0.0 <= day <= end:
            raise ValueError(f"days[] must be numbers in [0, {end:g}] (every arm's window), got {day!r}")
    st = get_style(style)
    fig, ax = subplots(st, (8.5, 4.2))
    for k, (name, arm) in enumerate(arms.items()):
        t, fraction = arm.time_h / 24.0, 100.0 * arm.fraction_in_response()
        quoted = ", ".join(f"day {day:g}: {np.interp(day, t, fraction):.0f}%" for day in days)
        ax.plot(t, fraction, lw=st.lw(1.3), label=f"{name}\n({quoted})", **cycled(k))
    ax.set_xlim(0.0, end)
    ax.set_ylim(0, 100)
    ax.set_xlabel("days after the first dose")
    set_ylabel(ax, st, "in toy response\n(% of patients)")
    draw_grid(ax, st)
    draw_legend(ax, st)
    set_title(ax, st, "arms on the same virtual patients", "toy response: a 50% drop of the toy score")
    return finish(fig, st, "Arms are inputs for exploring a toy model; no virtual patient is a person.")
