"""Dose -> concentration -> NMDA block on one time axis: :func:`occupancy_figure`.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import numpy as np

from ..style import SERIES, get_style
from ._common import (
    BAND_COLORS,
    check_flag,
    check_result,
    check_unit,
    draw_grid,
    draw_legend,
    finish,
    plasma_label,
    series_line,
    set_title,
    set_ylabel,
    subplots,
    unit_label,
)

__all__ = ["occupancy_figure"]


def occupancy_figure(result, unit: str = "ng/mL", bands=True, style="notebook"):
    """Draw concentrations (with context bands) above NMDA occupancy, on one time axis.

    Parameters
    ----------
    result : Result
        A simulation.
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.
    bands : bool
        Mark the named plasma concentration bands (Zanos 2018 Table 1; Bowdle 1998) as bars beside the axis.
    style : {"notebook", "projector", "print"}
        Sizes for the room.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..literature.receptor_data import BANDS
    from ..units import convert_concentration

    check_result("result", result)
    check_unit(unit)
    check_flag("bands", bands)
    st = get_style(style)

    fig, (top, bottom) = subplots(st, (8.0, 6.0), 2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    t = result.time_h
    top.set_xlim(t[0], t[-1])
    parent, metabolite = result.pk_set.species
    series_line(top, st, "ketamine", t, result.plasma("ketamine", unit), label=plasma_label(result, parent))
    series_line(top, st, "ketamine, brain", t, result.effect_site("ketamine", unit), label=f"{parent}, effect site")
    series_line(top, st, "norketamine", t, result.plasma("norketamine", unit), label=plasma_label(result, metabolite))
    peak = max(float(np.max(result.plasma("ketamine", unit))), float(np.max(result.plasma("norketamine", unit))))
    top.set_ylim(0, 1.15 * peak if peak > 0 else 1.0)
    if bands:  # bands overlap, so each is a bar of its own just inside the right edge, like a ruler
        from matplotlib.transforms import ScaledTranslation, blended_transform_factory

        for i, band in enumerate(BANDS):
            low, high = (convert_concentration(v / 1000.0, unit) for v in (band.low_ng_per_ml, band.high_ng_per_ml))
            if low > top.get_ylim()[1]:
                continue
            shift = ScaledTranslation(-(len(BANDS) - i - 0.5) * 0.8 * st.small / 72.0, 0.0, fig.dpi_scale_trans)
            where = blended_transform_factory(top.transAxes, top.transData) + shift
            top.plot([1.0, 1.0], [low, min(high, top.get_ylim()[1])], transform=where, lw=0.6 * st.small,
                     color=BAND_COLORS[i % len(BAND_COLORS)], solid_capstyle="butt", alpha=0.7,
                     label=f"{band.name} range ({band.citation.short()})")  # fmt: skip
    set_ylabel(top, st, f"concentration\n({unit_label(unit)})")
    draw_legend(top, st)
    draw_grid(top, st)
    by_ligand = result.occupancy_by_ligand()
    for name, values in by_ligand.items():
        if name == "total":
            continue
        color = SERIES["norketamine" if "nor" in name else "ketamine"].color
        if name in ("ketamine", "norketamine"):  # a racemate: S + R together
            style_, label = ":", f"{name} (S + R)"
        else:
            style_ = "--" if name.startswith("es") else "-."
            label = f"{name} ({'S' if name.startswith('es') else 'R'} part)"
        bottom.plot(t, 100 * values, color=color, lw=st.lw(0.8), ls=style_, label=label)
    low, high = result.occupancy_range()
    bottom.fill_between(t, 100 * low, 100 * high, color=SERIES["assumption range"].color, alpha=0.25, lw=0,
                        label="range across assumptions")  # fmt: skip
    series_line(bottom, st, "nmda block", t, 100 * result.occupancy, label="total NMDA block")
    bottom.set_ylim(0, 100)
    set_ylabel(bottom, st, "NMDA channels\nblocked (%)")
    bottom.set_xlabel("time after first dose (h)")
    draw_legend(bottom, st)
    draw_grid(bottom, st)
    set_title(top, st, "dose → concentration → NMDA block", result.pk_set.citation.short())
    return finish(
        fig,
        st,
        f"Occupancy: {result.receptor.describe()}; grey: Ki or IC50, with or without Mg2+. No human PET occupancy "
        "exists: the level is uncertain, the shape is the lesson.",
    )
