"""The restoration figure: the toy's new synapses as restoring what depression took away, toward a healthy reference.

The plasticity index of the chain starts at 0, which reads as growth from nothing. Depression is a deficit: fewer
synapses in the prefrontal cortex (post-mortem, PET) and lost spines in stressed rodents that ketamine restores.
This figure draws the toy's restored share of that deficit (:attr:`simulator.Result.restored_share`) between a
depressed baseline (0%) and a healthy reference (100%, approached, never passed). Illustrative: the size of the
deficit is not modelled. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import numpy as np

from ..pipeline import Result
from ..style import get_style
from ..tables import format_number
from ._common import axhline_style, cycled, draw_grid, draw_legend, finish, set_title, set_ylabel, subplots

#: The two reference lines, as the figure labels them.
REFERENCE_LABELS = ("depressed baseline (toy): 0%", "healthy reference (toy): 100%")


def restoration_figure(results, days: float | None = None, style="notebook"):
    """Draw the restored share of the synapses depression took away, for one or several results, on a days axis.

    Parameters
    ----------
    results : Result or dict
        One :class:`~simulator.Result`, or name -> Result (each drawn with its own colour and line style, its peak
        in the legend).
    days : float, optional
        Days to show, in (0, 365] (default: the longest result's window).
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        The depressed baseline (0%) and the healthy reference (100%) as labelled lines; each result's restored share
        (%) over days, with its peak and day in the legend.
    """
    if isinstance(results, Result):
        results = {"toy restoration": results}
    if not isinstance(results, dict) or not results or not all(isinstance(r, Result) for r in results.values()):
        raise TypeError(f"results must be a simulator.Result or a non-empty dict of name -> Result, got {type(results).__name__}")
    if not all(isinstance(name, str) and name for name in results):
        raise TypeError("results must be keyed by non-empty strings (the names drawn in the legend)")
    longest = max(float(r.time_h[-1]) for r in results.values()) / 24.0
    if days is not None:
        if isinstance(days, bool) or not isinstance(days, (int, float)) or not np.isfinite(days) or not 0 < days <= 365:
            raise ValueError(f"days must be a number in (0, 365], got {days!r}")
        longest = float(days)
    st = get_style(style)
    fig, ax = subplots(st, (9.0, 4.2), 1, 1)
    ax.axhline(100.0, **axhline_style(st, "baseline line"))
    ax.axhline(0.0, **axhline_style(st, "response line"))
    for y, text in ((100.0, REFERENCE_LABELS[1]), (0.0, REFERENCE_LABELS[0])):
        ax.text(0.99, y + 1.5, text, transform=ax.get_yaxis_transform(), fontsize=st.small, va="bottom", ha="right", color="0.25")
    for k, (name, result) in enumerate(results.items()):
        t = result.time_h / 24.0
        keep = t <= longest
        share = 100.0 * result.restored_share
        peak = int(np.argmax(share))
        label = f"{name}\n(at most {format_number(share[peak])}% on day {format_number(t[peak])})"
        ax.plot(t[keep], share[keep], lw=st.lw(1.4), label=label, **cycled(k))
    ax.set_xlim(0.0, longest)
    ax.set_ylim(-5.0, 112.0)
    ax.set_xlabel("days after the first session")
    set_ylabel(ax, st, "deficit restored\n(toy, %)")
    set_title(ax, st, "Regrowth restores toward a healthy reference (toy)", "new synapses replace what depression took away")
    draw_grid(ax, st)
    draw_legend(ax, st)
    return finish(fig, st, "Restoration: the toy index on the symptom map's scale; the deficit's size is not modelled.")
