"""What the chain figure draws over its data besides pins: a time cursor, a population band, a committed prediction.

A mixin of :class:`~simulator.plotting.FullChainFigure` (it reads the figure's axes, style, unit, state and time
conversion). Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import numpy as np

from .._validate import check_number
from ..tables import format_duration as _hours
from ..tables import format_number as _sig
from ._common import LOG_AXIS_START_H, TOP_NOTE, require, unit_label


class ChainOverlays:
    """A time cursor, a population's bands and a committed prediction on the chain figure (a mixin)."""

    def set_cursor(self, time_h) -> str | None:
        """Draw a time cursor across every panel and read out all values at that moment (None removes it).

        ``time_h``: hours after the first dose, within the result shown (the nearest output time is used).
        Returns the readout text (also drawn above the panels), or None.
        """
        for artist in self._state.cursor:
            artist.remove()
        self._state.cursor, self._state.cursor_h = [], None
        if time_h is None:
            return None
        last = self._state.last
        if last is None:
            raise ValueError("set_cursor needs a result: call update(result) first")
        result = last[0]
        t = result.time_h
        time_h = check_number("time_h", time_h, low=float(t[0]), high=float(t[-1]))
        k = int(np.argmin(np.abs(t - time_h)))
        parent, metabolite = result.pk_set.species
        text = (
            f"at {_hours(float(t[k]))}: {parent} {_sig(float(result.plasma('ketamine', self.unit)[k]))} "
            f"{unit_label(self.unit)}, {metabolite} {_sig(float(result.plasma('norketamine', self.unit)[k]))}; "
            f"NMDA block {_sig(100 * float(result.occupancy[k]))}%; dissociation "
            f"{_sig(100 * float(result.dissociation_index[k]))}% of max, systolic +{_sig(float(result.systolic_change_mmhg[k]))} "
            f"mmHg; plasticity index {_sig(float(result.plasticity_index[k]))}; toy score {_sig(float(result.symptom_score[k]))}"
        )
        x = t[k] / self.scale
        lines = [ax.axvline(x, color="#000000", lw=self.style.lw(0.6), ls=(0, (2, 2))) for ax in self.axes]
        readout = self.fig.text(0.01, 0.995, text, fontsize=self.style.small, ha="left", va="top", wrap=True)
        readout.set_gid(TOP_NOTE)
        self._state.cursor = [*lines, readout]
        self._state.cursor_h = float(t[k])
        return text

    #: What :meth:`set_population` needs a population to hold (the sessions explorer's mechanism, simulate_population).
    POPULATION_OUTPUTS = ("plasma_ketamine", "symptom_score")

    def set_population(self, population=None, patient=None) -> None:
        """Shade a virtual population's 5-95% and 25-75% bands on the plasma and symptom panels; None removes them.

        ``population`` and ``patient`` (one drawn virtual patient, drawn as a line over the bands) come from
        :func:`simulator.population.simulate_population` and :func:`~simulator.population.draw_patient` with
        :data:`POPULATION_OUTPUTS` among their outputs. A band is the spread of virtual patients, not a
        prediction for a person.
        """
        from ..population import PopulationResult

        for artist in self._state.population_artists:
            artist.remove()
        self._state.population_artists, self._state.population = [], None
        if population is None:
            self._legends()
            return
        for name, value in (("population", population), ("patient", patient)):
            if value is not None:
                require(name, value, PopulationResult, "a PopulationResult (simulate_population, draw_patient) or None")
                missing = [o for o in self.POPULATION_OUTPUTS if o not in value.data]
                if missing:
                    raise ValueError(f"{name} must hold the outputs {list(self.POPULATION_OUTPUTS)}, missing {missing}")
        from ..units import convert_concentration

        artists = []
        t = self._x(population.time_h)
        for ax, name in ((self.axes[0], "plasma_ketamine"), (self.axes[4], "symptom_score")):
            plasma = name.startswith("plasma")  # stored in ng/mL

            def scale(v, plasma=plasma):
                v = np.asarray(v, dtype=float)
                return np.asarray(convert_concentration(v / 1000.0, self.unit)) if plasma else v

            p5, p25, p75, p95 = (scale(v) for v in population.percentiles(name, (5, 25, 75, 95)))
            first = ax is self.axes[0]
            artists.append(ax.fill_between(t, p5, p95, color="#bdbdbd", alpha=0.5, lw=0, zorder=0.6,
                                           label=self._lab(f"5-95% of {len(population)} virtual patients", "5-95% of patients")
                                           if first else "_nolegend_"))  # fmt: skip
            artists.append(ax.fill_between(t, p25, p75, color="#969696", alpha=0.45, lw=0, zorder=0.7,
                                           label="25-75%" if first and self.style.details else "_nolegend_"))  # fmt: skip
            if patient is not None:
                # black dots: no live series of these panels is black or dotted (the SSRI is vermillion dashed)
                (line,) = ax.plot(self._x(patient.time_h), scale(patient.data[name][0]), color="#000000", ls=(0, (1, 1.5)),
                                  lw=self.style.lw(1.0), zorder=2.3,
                                  label="_nolegend_" if first else "one drawn patient")  # fmt: skip
                artists.append(line)
        self._state.population_artists, self._state.population = artists, (population, patient)
        self._legends()

    def set_prediction(self, marker=None) -> None:
        """Mark a committed prediction on its panel (a :class:`simulator.widgets.predict.Marker`); None removes it.

        A value is a dashed line across its panel (a choice, a band); a time is a vertical line or band, a duration a
        bar from the first dose. The label says it is the prediction, beside the model's curves.
        """
        for artist in self._state.prediction_artists:
            artist.remove()
        self._state.prediction_artists, self._state.prediction = [], None
        if marker is None:
            return
        for name in ("panel_index", "axis", "low", "high", "label"):
            if not hasattr(marker, name):
                raise TypeError(f"marker must be a predict.Marker (with {name}) or None, got {type(marker).__name__}")
        index = check_number("marker.panel_index", marker.panel_index, low=0, high=len(self.axes) - 1)
        ax = self.axes[int(index)]
        low, high = float(marker.low), float(marker.high)
        if not (np.isfinite(low) and low <= high):
            raise ValueError(f"marker.low must be finite and at most marker.high, got {low} and {high}")
        color, st = "#000000", self.style
        if marker.axis == "y":
            if int(index) == 0 and self.unit != "ng/mL":  # the plasma panel: the marker is in ng/mL
                from ..units import convert_concentration

                low, high = (float(convert_concentration(v / 1000.0, self.unit)) for v in (low, high))
            artist = (ax.axhline(low, color=color, ls=(0, (4, 2)), lw=st.lw(0.9), zorder=3) if low == high else
                      ax.axhspan(low, high, color=color, alpha=0.12, lw=0, zorder=0.8))  # fmt: skip
            upper = high > 0.7 * ax.get_ylim()[1]  # near the top: the label goes under the line, inside the panel
            where = {"x": 0.99, "y": low if upper else high, "ha": "right", "va": "top" if upper else "bottom",
                     "transform": ax.get_yaxis_transform()}  # fmt: skip
        else:
            end = float(self._state.last[0].time_h[-1]) if self._state.last else high
            high = min(high, end)
            x0, x1 = (float(self._x(np.array([max(v, LOG_AXIS_START_H if self.log else 0.0)]))[0]) for v in (low, high))
            artist = (ax.axvline(x0, color=color, ls=(0, (4, 2)), lw=st.lw(0.9), zorder=3) if low == high else
                      ax.axvspan(x0, x1, color=color, alpha=0.12, lw=0, zorder=0.8))  # fmt: skip
            where = {"x": x1, "y": 0.97, "ha": "left" if x1 == x0 else "right", "va": "top",
                     "transform": ax.get_xaxis_transform()}  # fmt: skip
        text = ax.text(s=f" {marker.label} ", fontsize=st.small, color=color, zorder=4,
                       bbox={"facecolor": "white", "alpha": 0.8, "lw": 0, "pad": 1.0}, **where)  # fmt: skip
        self._state.prediction_artists, self._state.prediction = [artist, text], marker
