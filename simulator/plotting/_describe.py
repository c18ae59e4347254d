"""Words for what a figure shows: one paragraph of key numbers, for alt text and screen readers.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import numpy as np

from ..acute import HOURS_WITH_EFFECTS_NAME, hours_with_effects_text
from ..labels import DISCLAIMER
from ..pipeline import Result
from ..population import PopulationResult
from ..tables import format_duration as _hours
from ..tables import format_effect_duration
from ..tables import format_number as _sig


def describe(subject) -> str:
    """Return one paragraph with the key numbers of what a figure shows, for alt text and screen readers.

    ``subject``: a :class:`~simulator.Result` (the concentration, chain and acute figures), a
    :class:`~simulator.PopulationResult` (the population figure) or a :func:`simulator.compare_schedules`
    table (the schedule figure). Every number of a Result is a value of its own summary (``Result.summary()``),
    worded by :mod:`simulator.tables` to 3 significant figures; the teaching-model statement ends it.
    """
    if isinstance(subject, Result):
        s = subject.summary(significant=None)
        parent, metabolite = subject.pk_set.species
        k, nk, acute, symptom = s[parent if parent in s else "ketamine"], s["norketamine"], s["acute"], s["symptom"]
        low, high = subject.occupancy_range()
        i = int(np.searchsorted(subject.time_h, s["occupancy"]["time_of_peak_h"]))  # the first session's peak
        peak = s["occupancy"]["peak"]
        text = (
            f"{parent.capitalize()} in plasma peaks at {_sig(k['cmax'])} ng/mL {_hours(k['tmax_h'])} after the first dose "
            f"({subject.pk_set.citation.short()} set); {metabolite} peaks at {_sig(nk['cmax'])} ng/mL. "
            f"NMDA block peaks at {_sig(100 * peak)}% (from {_sig(100 * low[i])}% to {_sig(100 * high[i])}% "
            f"across receptor assumptions). "
        )
        cut = any(c.startswith("symptom") for c in s["cut_by_window"])
        if symptom["peak_improvement"] > 0 and cut:
            text += (
                f"The toy symptom score starts to improve {_hours(symptom['onset_h'])} after the first dose; the window "
                f"ends {_hours(s['window_h'][1])} after the start, before its toy time course is over: simulate longer. "
            )
        elif symptom["peak_improvement"] > 0:
            text += (
                f"The toy symptom score starts to improve {_hours(symptom['onset_h'])} after the first dose, improves "
                f"most ({_sig(symptom['peak_improvement'])} points, {_sig(100 * symptom['expectancy_share_of_peak'])}% of "
                f"them the expectancy every arm carries, the rest the drug) at {_hours(symptom['peak_h'])}, and is in toy "
                f"response for {_sig(symptom['days_in_response'])} days. "
            )
        text += (
            f"Toy dissociation peaks at {_sig(acute['dissociation_peak'])} (0-1) and the toy systolic rise at "
            f"{_sig(acute['systolic_peak_mmhg'])} mmHg; "
            f"{hours_with_effects_text(acute['hours_with_effects'], acute['sessions'], subject.acute_model)}. "
        )
    elif isinstance(subject, PopulationResult):
        text = f"{subject.data[next(iter(subject.data))].shape[0]} virtual patients. "
        if "plasma_ketamine" in subject.data or subject.peaks is not None:
            peaks = np.percentile(subject.peak("cmax_ketamine_ng_per_ml"), (5, 50, 95))
            text += (
                f"Peak plasma concentration: median {_sig(peaks[1])} ng/mL (90% between {_sig(peaks[0])} and {_sig(peaks[2])}). "
            )
        if "symptom_score" in subject.data:
            fraction = subject.fraction_in_response()
            j = int(np.argmax(fraction))
            text += (
                f"At most {_sig(100 * fraction[j])}% are in toy response at once, {_hours(float(subject.time_h[j]))} after the "
                f"first dose; {_sig(100 * fraction[-1])}% at the end of the window. "
            )
    elif isinstance(subject, dict) and subject and all(isinstance(r, dict) and "days_in_response" in r for r in subject.values()):
        parts = []
        for name, row in subject.items():
            hours = row.get("hours_with_acute_effects")
            burden = "" if hours is None else f", {HOURS_WITH_EFFECTS_NAME} (median) {format_effect_duration(hours)}"
            parts.append(
                f"{name}: {row['sessions']} session{'' if row['sessions'] == 1 else 's'}{burden}, median "
                f"{_sig(row['days_in_response'][1])} days in toy response"
            )
        text = "Schedules compared on the same virtual patients. " + "; ".join(parts) + ". "
    else:
        raise TypeError(
            "subject must be a simulator.Result, a simulator.PopulationResult or a compare_schedules table, got "
            f"{type(subject).__name__}"
        )
    return text + DISCLAIMER
