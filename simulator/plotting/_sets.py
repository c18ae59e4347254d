"""The parameter-set figure: one regimen's plasma curve under several published parameter sets.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

from ..style import CYCLE, get_style
from ._common import SET_STYLES, check_unit, draw_grid, draw_legend, finish, set_title, set_ylabel, subplots, unit_label


def sets_figure(regimen, patient=None, pk_sets=None, end_h=None, unit: str = "ng/mL", style="notebook"):
    """Overlay the plasma curve of one regimen under several published parameter sets: where the models disagree.

    Parameters
    ----------
    regimen : dose event or Regimen
        What is given (an input for exploring the models).
    patient : Patient, optional
        Default: a 70 kg, 40-year-old adult.
    pk_sets : sequence of str, optional
        Registered set names (default: every set for the regimen's drug that describes its routes).
    end_h : float, optional
        Window, h (default: 24 h after the last dose).
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
    import warnings

    from .. import literature
    from ..dosing import as_regimen
    from ..literature import OutsideValidityWarning
    from ..pipeline import simulate

    regimen = as_regimen(regimen)
    check_unit(unit)
    st = get_style(style)
    if pk_sets is None:
        pk_sets = [n for n in literature.names() if literature.get(n).drug == regimen.drug]
        pk_sets = [n for n in pk_sets if all(literature.get(n).describes(r) for r in regimen.routes)]
    if isinstance(pk_sets, str) or not isinstance(pk_sets, (list, tuple)) or not 1 <= len(pk_sets) <= len(SET_STYLES):
        raise TypeError(f"pk_sets must be a list of 1 to {len(SET_STYLES)} set names, got {pk_sets!r}")
    fig, ax = subplots(st, (8.0, 4.4))
    for k, (name, (ls, marker)) in enumerate(zip(pk_sets, SET_STYLES, strict=False)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OutsideValidityWarning)  # compared on purpose; the legend says who
            r = simulate(regimen, patient, pk_set=name, end_h=end_h, step_min=0.5)
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
