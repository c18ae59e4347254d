"""The disinhibition figure: NMDA block, then interneurons and inhibition, then pyramidal cells and glutamate.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import numpy as np

from .._validate import check_number
from ..circuit import DisinhibitionResult
from ..style import OKABE_ITO, get_style
from ..tables import format_duration
from ._common import axhline_style, draw_grid, draw_legend, finish, require, series_line, set_ylabel, subplots

#: Colour and line style of each response, in the order of causes (Okabe-Ito; each pair differs in line style too).
_RESPONSES = (
    ("interneuron_rate", "interneuron firing", OKABE_ITO["blue"], "-"),
    ("inhibition", "inhibition (GABA)", OKABE_ITO["sky blue"], "--"),
    ("pyramidal_rate", "pyramidal firing", OKABE_ITO["vermillion"], "-"),
    ("glutamate", "glutamate outside cells", OKABE_ITO["orange"], "--"),
)


def disinhibition_figure(sketch, hours: float | None = None, style="notebook"):
    """Draw the disinhibition sketch on one time axis: block, then interneurons and inhibition, then pyramidal cells.

    Parameters
    ----------
    sketch : simulator.circuit.DisinhibitionResult
        From :func:`simulator.circuit.disinhibition` or :func:`simulator.circuit.disinhibition_for`.
    hours : float, optional
        Hours to show from the first output time, in (0, 10000] (default: all of it).
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        Three rows on a shared time axis, in the order of causes: the block put in (% of channels); interneuron
        firing and the inhibition it makes (% of baseline); pyramidal firing and glutamate (% of baseline). A dot
        marks each curve's extreme (or when firing falls below 1% of baseline), and the legend says when.
    """
    require(
        "sketch", sketch, DisinhibitionResult, "a simulator.circuit.DisinhibitionResult (from simulator.circuit.disinhibition)"
    )
    t = sketch.time_h
    start = float(t[0])
    end = float(t[-1]) if hours is None else start + check_number("hours", hours, low=0.0, high=1e4, low_inclusive=False)
    st = get_style(style)
    keep = t <= end
    fig, (top, middle, bottom) = subplots(st, (9.0, 7.2), 3, 1, sharex=True)
    found = sketch.summary(until_h=end)
    when = {
        "interneuron_block": found["block_peak_h"],
        "interneuron_rate": found["interneuron_minimum_h"],
        "inhibition": found["inhibition_minimum_h"],
        "pyramidal_rate": found["pyramidal_peak_h"],
        "glutamate": found["glutamate_peak_h"],
    }
    summary = {k: (h, float(np.interp(h, t, getattr(sketch, k)))) for k, h in when.items()}
    tk = t[keep]
    peak_h = summary["interneuron_block"][0]
    series_line(top, st, "nmda block", tk, 100 * sketch.interneuron_block[keep],
                label=f"NMDA block (the input)\n(peak at {format_duration(peak_h - start)})")  # fmt: skip
    top.plot([peak_h], [100 * summary["interneuron_block"][1]], "o", color=OKABE_ITO["black"], ms=2.6 * st.lw(1.0))
    for ax, names in ((middle, _RESPONSES[:2]), (bottom, _RESPONSES[2:])):
        ax.axhline(100.0, **axhline_style(st, "baseline line"), label="baseline (100%)" if st.details else "_baseline")
        for attribute, text, color, ls in names:
            at, value = summary[attribute]
            word = "lowest" if attribute in ("interneuron_rate", "inhibition") else "highest"
            note = f"{word} at {format_duration(at - start)}"
            gone = {"interneuron_rate": "interneuron_silent_h", "inhibition": "inhibition_gone_h"}.get(attribute)
            if gone and np.isfinite(found[gone]):
                at = found[gone]
                value = float(np.interp(at, t, getattr(sketch, attribute)))
                note = f"below 1% from {format_duration(at - start)}"
            ax.plot(tk, 100 * getattr(sketch, attribute)[keep], color=color, ls=ls, lw=st.lw(1.2),
                    label=f"{text}\n({note})")  # fmt: skip
            ax.plot([at], [100 * value], "o", color=color, ms=2.6 * st.lw(1.0))
    set_ylabel(top, st, "NMDA block\n(% of channels)")
    top.set_ylim(0, max(5.0, 110 * float(np.max(sketch.interneuron_block[keep], initial=0.0))))
    set_ylabel(middle, st, "interneurons\n(% of baseline)")
    middle.set_ylim(0, 115)
    set_ylabel(bottom, st, "pyramidal cells\n(% of baseline)")
    low = min(float(np.min(sketch.pyramidal_rate[keep])), float(np.min(sketch.glutamate[keep])), 1.0)
    high = max(float(np.max(sketch.pyramidal_rate[keep])), float(np.max(sketch.glutamate[keep])), 1.0)
    pad = max(2.0, 10 * (high - low))
    bottom.set_ylim(100 * low - pad, 100 * high + pad)
    for ax in (top, middle, bottom):
        draw_grid(ax, st)
        draw_legend(ax, st)
    bottom.set_xlim(start, end)
    bottom.set_xlabel("hours after the start of the dose")
    fig.suptitle("block first, then less inhibition, then more firing and glutamate: two things, in sequence",
                 fontsize=st.title, x=0.01, ha="left")  # fmt: skip
    return finish(fig, st, "Disinhibition sketch: invented constants tuned to rat findings (Homayoun 2007; Moghaddam 1997).")
