"""The acute-effects figure: concentration, toy dissociation and toy blood-pressure rise over the hours after a dose.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import numpy as np

from .._validate import check_number
from ..pipeline import Result
from ..style import get_style
from ._common import (
    check_result,
    check_unit,
    draw_grid,
    draw_legend,
    finish,
    plasma_label,
    series_line,
    set_ylabel,
    subplots,
    unit_label,
)


def acute_effects_figure(results, labels=None, hours: float = 6.0, unit: str = "ng/mL", style="notebook"):
    """Draw concentration, toy dissociation and toy blood-pressure rise over the hours after a dose.

    Parameters
    ----------
    results : Result or sequence of Result
        One simulation, or 1 to 4 (for example several doses) drawn side by side on shared axes.
    labels : sequence of str, optional
        A column title for each result (default: the first dose event of each).
    hours : float
        Hours after the first dose to show, in (0, 48].
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        Rows: plasma and brain (effect-site) concentration; dissociation index (0-1); systolic rise
        (mmHg). The label's observation time after an esketamine dose (at least 2 h, Spravato label) is
        drawn as a cited reference band.
    """
    import textwrap

    from matplotlib.patches import Patch

    from ..literature.acute_data import LABEL_OBSERVATION_H

    group = [results] if isinstance(results, Result) else list(results) if isinstance(results, (list, tuple)) else None
    if not group:
        raise TypeError("results must be a simulator.Result or a non-empty list of them")
    if len(group) > 4:
        raise ValueError(f"results must hold 1 to 4 simulations (columns), got {len(group)}")
    for k, r in enumerate(group):
        check_result(f"results[{k}]", r)
    if labels is None:
        labels = [_dose_text(r.regimen.events[0]) for r in group]
    if isinstance(labels, str) or len(labels) != len(group) or not all(isinstance(x, str) for x in labels):
        raise TypeError(f"labels must be a list of {len(group)} strings, one per result")
    hours = check_number("hours", hours, low=0.0, high=48.0, low_inclusive=False)
    check_unit(unit)
    st = get_style(style)
    fig, axes = subplots(st, (3.6 * len(group) + 3.2, 7.6), 3, len(group), sharex=True, sharey="row", squeeze=False)
    observe = LABEL_OBSERVATION_H.value
    shade = "#f2d7a6"
    for col, (r, title) in enumerate(zip(group, labels, strict=True)):
        conc, diss, bp = axes[:, col]
        keep = r.time_h <= hours
        t = r.time_h[keep]
        parent, _ = r.pk_set.species
        mixed = len({g.pk_set.species[0] for g in group}) > 1  # one legend serves every column: name no drug then
        plasma_text = "drug, plasma" if mixed else plasma_label(r, parent)
        series_line(conc, st, "ketamine", t, r.plasma("ketamine", unit)[keep], label=plasma_text)
        series_line(conc, st, "ketamine, brain", t, r.effect_site("ketamine", unit)[keep], label="brain (effect site)")
        series_line(diss, st, "dissociation", t, r.dissociation_index[keep], label="toy dissociation")
        series_line(bp, st, "systolic", t, r.systolic_change_mmhg[keep], label="toy systolic rise")
        for ax in (conc, diss, bp):
            for e in r.regimen.events:
                if e.start_h <= hours:
                    ax.axvspan(e.start_h, min(e.start_h + observe, hours), color=shade, alpha=0.35, lw=0)
            draw_grid(ax, st)
        # what a column has left once the y labels (left) and the legends (right) take their room
        side_in = (14 if st.horizontal_ylabels else 3) * 0.6 * st.text / 72 + 26 * 0.6 * st.small / 72 + 0.8
        column_in = (fig.get_size_inches()[0] - side_in) / len(group)
        conc.set_title(textwrap.fill(title, max(12, int(column_in * 72 / (0.6 * st.text)))), fontsize=st.text, loc="left")
        bp.set_xlim(0, hours)
    set_ylabel(axes[0, 0], st, f"concentration\n({unit_label(unit)})")
    set_ylabel(axes[1, 0], st, "dissociation\n(toy, 0-1)")
    axes[1, 0].set_ylim(0, 1.05)
    set_ylabel(axes[2, 0], st, "systolic rise\n(toy, mmHg)")
    axes[2, 0].set_ylim(0, max(1.0, 1.15 * max(float(np.max(r.systolic_change_mmhg)) for r in group)))
    draw_legend(axes[0, -1], st)
    observation = Patch(color=shade, alpha=0.6, label=f"observe at least {observe:g} h\nafter a dose (Spravato label)")
    draw_legend(axes[1, -1], st, handles=[observation])
    axes[2, len(group) // 2].set_xlabel("hours after the first dose")
    fig.suptitle("acute effects follow the concentration for hours; the benefit builds over days", fontsize=st.title,
                 x=0.01, ha="left")  # fmt: skip
    return finish(
        fig,
        st,
        "Dissociation and blood-pressure links are toys tuned to the Spravato label and infusion trials; they say "
        "nothing about a safe dose.",
    )


def _dose_text(event) -> str:
    """Return a short description of a dose event for a panel title."""
    amount = f"{event.dose_mg_per_kg:g} mg/kg" if getattr(event, "dose_mg_per_kg", None) else ""
    if not amount and getattr(event, "dose_mg", None):
        amount = f"{event.dose_mg:g} mg"
    drug = "esketamine" if event.drug == "esketamine" else "ketamine"
    return f"{amount} {drug}, {type(event).__name__.lower()}".strip()
