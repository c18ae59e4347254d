"""Exports a lecturer can take away: the plotted data as CSV with its provenance, figures for slides and print.

The file writers only: tables and the words for numbers are :mod:`simulator.tables` (``Table``, ``provenance`` and
``write_table`` are re-exported here), side-by-side tables are :func:`simulator.pipeline.compare`.

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

import os
import time
import uuid
from pathlib import Path

import numpy as np

from .labels import LABEL_TAG
from .pipeline import compare
from .tables import Table, provenance, write_table

__all__ = ["COLUMNS", "SLIDE_PIXELS", "Table", "compare", "image_html", "provenance", "save_figure", "unique_name", "write_csv",
           "write_table"]  # fmt: skip

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


def _into_folder(path, suffixes: tuple) -> Path:
    """Return ``path`` as a Path after checking its type, its suffix and that its folder exists (said, not a traceback)."""
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a file name (str or pathlib.Path), got {type(path).__name__}")
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise ValueError(f"path must end in {' or '.join(suffixes)}, got {str(path)!r}")
    if not path.parent.is_dir():
        raise ValueError(f"path: the folder {str(path.parent.resolve())!r} does not exist (got {str(path)!r}); create it first")
    if path.is_dir():
        raise ValueError(f"path must be a file name, got the folder {str(path)!r}")
    return path


def unique_name(stem: str, suffix: str) -> str:
    """Return a file name no other kernel or call can produce: ``stem``, the time, the process id and a random tag.

    For exports from many kernels (a class on one server) into one folder: the time to the second for reading,
    the process id for the kernel and 8 random hex digits (uuid4) for two exports in the same second, e.g.
    ``ketamine-sim-chain-20261208-011500-p4242-1a2b3c4d.png``. ``suffix`` without the dot.
    """
    if not isinstance(stem, str) or not stem:
        raise TypeError(f"stem must be a non-empty string, got {stem!r}")
    if not isinstance(suffix, str) or not suffix.isalnum():
        raise ValueError(f"suffix must be letters and digits without the dot (png, svg, csv), got {suffix!r}")
    return f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}-p{os.getpid()}-{uuid.uuid4().hex[:8]}.{suffix}"


def write_csv(result, path) -> Path:
    """Write the result's curves (:data:`COLUMNS`) to ``path`` as CSV; the header lines (``#``) give the provenance.

    Returns the path written. The parent's and metabolite's columns are ketamine and norketamine, or
    esketamine and noresketamine for an esketamine regimen (the header says which).
    """
    path = _into_folder(path, (".csv",))
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


def image_html(png, alt: str, caption: bool = True) -> str:
    """Return a static picture as HTML: the PNG inline (bytes or base64 text), ``alt`` as its alt text and caption.

    What a handout shows where a live widget cannot run (an exported notebook, a worksheet, a slide): the picture
    is named by its text summary for a screen reader, and the summary is printed under it when ``caption``.
    """
    import base64
    import html

    if isinstance(png, bytes | bytearray):
        png = base64.b64encode(bytes(png)).decode("ascii")
    if not isinstance(png, str) or not png.strip():
        raise ValueError("png must be the PNG's bytes or its base64 text, not empty")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"alt must be the picture's text summary, got {alt!r}")
    text = html.escape(" ".join(alt.split()))
    image = f'<img src="data:image/png;base64,{png.strip()}" alt="{text}" style="max-width:100%">'
    figcaption = f'<figcaption style="font-size:0.85em">{text}</figcaption>' if caption else ""
    return f'<figure class="ketamine-static" style="margin:0">{image}{figcaption}</figure>'


def save_figure(fig, path, *, slide: bool = True) -> Path:
    """Save ``fig`` as PNG (scaled to fill a 1920x1080 slide when ``slide``) or SVG (vector, for print).

    The PNG keeps the figure's aspect ratio, so one side is exactly the slide's and the other fits inside it.
    The figure must carry the teaching-model label (:func:`simulator.plotting.label_figure`). Returns the path.
    """
    from matplotlib.figure import Figure  # matplotlib only when a figure is saved

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not any(t.get_gid() == LABEL_TAG for t in fig.texts):
        raise ValueError("fig must carry the teaching-model label (simulator.plotting.label_figure)")
    path = _into_folder(path, (".png", ".svg"))
    kind = path.suffix.lower()
    if kind == ".png" and slide:
        width, height = fig.get_size_inches()
        dpi = min(SLIDE_PIXELS[0] / width, SLIDE_PIXELS[1] / height)
        fig.savefig(path, dpi=dpi, facecolor="white")
    else:
        fig.savefig(path, facecolor="white")
    return path
