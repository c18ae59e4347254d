"""Exports a lecturer can take away: the plotted data as CSV with its provenance, figures for slides and print.

Every export carries the teaching-model statement. Teaching model: illustrative, not for dosing.

Examples
--------
>>> import tempfile, pathlib
>>> import simulator as sim
>>> from simulator import export
>>> path = pathlib.Path(tempfile.mkdtemp()) / "infusion.csv"
>>> _ = export.write_csv(sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=6), path)
>>> path.read_text().startswith("# Teaching model")
True
"""

from __future__ import annotations

import csv
from dataclasses import fields
from pathlib import Path

import numpy as np

from .labels import DISCLAIMER
from .pipeline import Result

__all__ = ["COLUMNS", "SLIDE_PIXELS", "provenance", "save_figure", "write_csv", "write_table"]

#: Columns of :func:`write_csv`, with their units.
COLUMNS = (
    ("time_h", "h"),
    ("plasma_parent", "ng/mL"),
    ("effect_site_parent", "ng/mL"),
    ("plasma_metabolite", "ng/mL"),
    ("effect_site_metabolite", "ng/mL"),
    ("occupancy", "fraction"),
    ("occupancy_low", "fraction (lowest across receptor assumptions)"),
    ("occupancy_high", "fraction (highest across receptor assumptions)"),
    ("plasticity_index", "toy index"),
    ("symptom_score", "toy score 0-60"),
    ("dissociation_index", "toy index 0-1"),
    ("systolic_change_mmhg", "mmHg (toy)"),
)
#: A 16:9 slide, pixels.
SLIDE_PIXELS = (1920, 1080)


def _event_text(event) -> str:
    parts = [type(event).__name__]
    for f in fields(event):
        value = getattr(event, f.name)
        if value is not None and f.name not in ("drug",):
            parts.append(f"{f.name}={value:g}" if isinstance(value, float) else f"{f.name}={value}")
    return f"{parts[0]}({', '.join(parts[1:])}, drug={event.drug})"


def provenance(result) -> list[str]:
    """Return the lines that say where an export comes from: package, set and citation, regimen, assumptions."""
    if not isinstance(result, Result):
        raise TypeError(f"result must be a simulator.Result, got {type(result).__name__}")
    from . import __version__

    events = "; ".join(_event_text(e) for e in result.regimen.events)
    p = result.patient
    return [
        DISCLAIMER,
        f"simulator {__version__}",
        f"parameter set: {result.pk_set.name} (sampling: {result.pk_set.sampling}): {result.pk_set.citation}",
        f"regimen (an input for exploring the model, not a recommendation): {events}",
        f"patient: weight {p.weight_kg:g} kg, age {p.age_y:g} y, sex {p.sex}",
        f"receptor assumptions: {result.receptor.describe()}",
        "plasticity index, symptom score, dissociation and blood pressure are toys tuned to published time courses",
    ]


def write_csv(result, path) -> Path:
    """Write the result's curves (:data:`COLUMNS`) to ``path`` as CSV; the header lines (``#``) give the provenance.

    Returns the path written. The parent's and metabolite's columns are ketamine and norketamine, or
    esketamine and noresketamine for an esketamine regimen (the header says which).
    """
    lines = provenance(result)
    parent, metabolite = result.pk_set.species
    low, high = result.occupancy_range()
    data = np.column_stack(
        [
            result.time_h,
            result.plasma("ketamine"),
            result.effect_site("ketamine"),
            result.plasma("norketamine"),
            result.effect_site("norketamine"),
            result.occupancy,
            low,
            high,
            result.plasticity_index,
            result.symptom_score,
            result.dissociation_index,
            result.systolic_change_mmhg,
        ]
    )
    columns = [f"{name} ({unit})" for name, unit in COLUMNS]
    # write_table states the teaching model and the version itself: the first two provenance lines
    return write_table(path, [*lines[2:], f"parent: {parent}; metabolite: {metabolite}"], columns, data)


def write_table(path, header, columns, rows) -> Path:
    """Write ``rows`` of numbers under ``columns`` to ``path`` (.csv), after ``#`` lines of provenance.

    The first lines are always the teaching-model statement and the package version; ``header`` (strings)
    follows. Numbers are written to 6 significant figures. Returns the path.
    """
    from . import __version__

    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ValueError(f"path must end in .csv, got {str(path)!r}")
    with path.open("w", newline="") as handle:
        for line in [DISCLAIMER, f"simulator {__version__}", *header]:
            handle.write(f"# {line}\n")
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([[f"{v:.6g}" for v in row] for row in rows])
    return path


def save_figure(fig, path, *, slide: bool = True) -> Path:
    """Save ``fig`` as PNG (scaled to fill a 1920x1080 slide when ``slide``) or SVG (vector, for print).

    The PNG keeps the figure's aspect ratio, so one side is exactly the slide's and the other fits inside it.
    The figure must carry the teaching-model label (:func:`simulator.plotting.label_figure`). Returns the path.
    """
    from matplotlib.figure import Figure

    from .plotting import LABEL_TAG

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not any(t.get_gid() == LABEL_TAG for t in fig.texts):
        raise ValueError("fig must carry the teaching-model label (simulator.plotting.label_figure)")
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in (".png", ".svg"):
        raise ValueError(f"path must end in .png or .svg, got {str(path)!r}")
    if kind == ".png" and slide:
        width, height = fig.get_size_inches()
        dpi = min(SLIDE_PIXELS[0] / width, SLIDE_PIXELS[1] / height)
        fig.savefig(path, dpi=dpi, facecolor="white")
    else:
        fig.savefig(path, facecolor="white")
    return path
