"""The parameter-set figure: one regimen's plasma curve under several published parameter sets.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..style import CYCLE, get_style
from ._common import (
    SET_STYLES,
    check_result,
    check_unit,
    draw_grid,
    draw_legend,
    finish,
    require,
    set_title,
    set_ylabel,
    subplots,
    unit_label,
)


def sets_figure(results, unit: str = "ng/mL", style="notebook"):
    """Overlay the plasma curve of one regimen under several published parameter sets: where the models disagree.

    Parameters
    ----------
    results : Mapping
        Set name -> :class:`~simulator.Result`, 1 to 7 of them: one regimen under each set, as
        :func:`simulator.pipeline.simulate_sets` returns.
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
        One line per set, each in its own colour, line style and marker, labelled with its citation and
        sampling site.
    """
    require("results", results, Mapping, "a mapping of set name -> simulator.Result (from simulator.pipeline.simulate_sets)")
    if not 1 <= len(results) <= len(SET_STYLES):
        raise ValueError(f"results must hold 1 to {len(SET_STYLES)} set name -> Result entries, got {len(results)}")
    for name, result in results.items():
        require("results key", name, str, "a string (the set name)")
        check_result(f"results[{name!r}]", result)
    check_unit(unit)
    st = get_style(style)
    fig, ax = subplots(st, (8.0, 4.4))
    for k, ((name, r), (ls, marker)) in enumerate(zip(results.items(), SET_STYLES, strict=False)):
        s = r.pk_set
        site = "" if s.sampling == "not stated" else f", {s.sampling}"
        ax.plot(r.time_h, r.plasma("ketamine", unit), color=CYCLE[k % len(CYCLE)].color, ls=ls, marker=marker or None,
                markevery=max(1, r.time_h.size // 12), ms=2.5 * st.lw(1.0), lw=st.lw(1.2),
                label=f"{s.citation.short()} ({name}{site})")  # fmt: skip
    ax.set_xlabel("time after first dose (h)")
    set_ylabel(ax, st, f"plasma {r.pk_set.species[0]}\n({unit_label(unit)})")
    ax.set_ylim(bottom=0)
    draw_grid(ax, st)
    draw_legend(ax, st)
    set_title(ax, st, "the same dose under different published models")
    return finish(fig, st, "Sets fitted in other populations (children, ICU) are shown for comparison only.")
