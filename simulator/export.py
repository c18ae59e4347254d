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
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from .labels import DISCLAIMER
from .pipeline import Result

__all__ = ["COLUMNS", "SLIDE_PIXELS", "Table", "compare", "provenance", "save_figure", "write_csv", "write_table"]

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
    follows. Numbers are written to 6 significant figures, text and booleans as they are. Returns the path.
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
        writer.writerows([[str(v) if isinstance(v, (str, bool, np.bool_)) else f"{v:.6g}" for v in row] for row in rows])
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


def _cell_text(value, digits: int = 3) -> str:
    """Return a table cell's text: ``digits`` significant figures (below 0.001: 6.7e-06; below 1e-9: ≈0), yes/no."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, float, np.integer, np.floating)):
        x = float(value)
        if not np.isfinite(x):
            return "n/a" if np.isnan(x) else str(x)
        if isinstance(value, (int, np.integer)):
            return str(int(value))
        if x != 0.0 and abs(x) < 1e-9:  # below a billionth: nothing a reader should take for a number
            return "≈0"
        if x != 0.0 and abs(x) < 1e-3:  # a trace: 6.7e-06, not five zeros
            return f"{x:.2g}"
        return np.format_float_positional(x, precision=digits, unique=False, fractional=False, trim="-")
    if value is None:
        return "n/a"
    return str(value)


@dataclass(frozen=True, repr=False)
class Table:
    """A small table with units for a notebook: shown as HTML, printed as text, written as CSV.

    Parameters
    ----------
    columns : tuple of (heading, unit)
        Column headings and their units ("" for none).
    rows : tuple of tuples
        Values (numbers, text or booleans), one tuple per row, as many as columns.
    title : str
        Shown above the table.
    note : str
        Shown under the table (sources, what the numbers are). The teaching-model statement always follows.

    Examples
    --------
    >>> from simulator.export import Table
    >>> print(str(Table((("quantity", ""), ("value", "ng/mL")), (("peak", 177.04),))).splitlines()[1])
    peak     | 177
    """

    columns: tuple
    rows: tuple
    title: str = ""
    note: str = ""

    def __post_init__(self):
        columns = tuple(tuple(c) for c in self.columns)
        if not columns or any(len(c) != 2 or not all(isinstance(x, str) for x in c) for c in columns):
            raise ValueError(f"columns must be (heading, unit) pairs of strings, got {self.columns!r}")
        rows = tuple(tuple(r) for r in self.rows)
        for i, row in enumerate(rows):
            if len(row) != len(columns):
                raise ValueError(f"rows[{i}] has {len(row)} values, columns has {len(columns)}")
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "rows", rows)

    @classmethod
    def from_columns(cls, data: Mapping, units: Mapping | None = None, *, rows: int | None = None, title="", note=""):
        """Build a table from name -> equal-length sequence (``rows``: keep only the first rows)."""
        units = dict(units or {})
        names = list(data)
        values = [list(data[name]) for name in names]
        n = len(values[0]) if values else 0
        if any(len(v) != n for v in values):
            raise ValueError("every column of data must have the same length")
        n = n if rows is None else min(n, rows)
        return cls(
            tuple((name, units.get(name, "")) for name in names), tuple(zip(*(v[:n] for v in values), strict=True)), title, note
        )

    @classmethod
    def from_records(cls, records: Mapping, units: Mapping | None = None, *, key: str = "", title: str = "", note: str = ""):
        """Build a table from row name -> {column -> value} (the columns of the first record, in order)."""
        units = dict(units or {})
        if not records:
            raise ValueError("records must hold at least one row")
        names = list(next(iter(records.values())))
        columns = ((key, ""), *((name, units.get(name, "")) for name in names))
        return cls(columns, tuple((label, *(row[name] for name in names)) for label, row in records.items()), title, note)

    def _headings(self) -> list:
        return [f"{h} ({u})" if u else h for h, u in self.columns]

    def text_rows(self) -> list:
        """Return the rows as formatted strings."""
        return [[_cell_text(v) for v in row] for row in self.rows]

    def __str__(self) -> str:
        cells = [self._headings(), *self.text_rows()]
        widths = [max(len(row[j]) for row in cells) for j in range(len(self.columns))]
        lines = [self.title] if self.title else []
        lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
        lines += [self.note] if self.note else []
        return "\n".join([*lines, DISCLAIMER])

    def __repr__(self) -> str:  # what a console or a plain-text notebook view shows: the table, not the fields
        return self.__str__()

    def _repr_html_(self) -> str:
        e = html.escape
        head = "".join(f"<th style='text-align:left'>{e(h)}</th>" for h in self._headings())
        cell = "<td style='text-align:left'>{}</td>"
        body = "".join("<tr>" + "".join(cell.format(e(c)) for c in row) + "</tr>" for row in self.text_rows())
        title = f"<caption style='text-align:left'><b>{e(self.title)}</b></caption>" if self.title else ""
        note = f"<p style='font-size:90%'>{e(self.note)}</p>" if self.note else ""
        return (
            f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"
            f"<p style='font-size:85%;color:#7a1f1f'>{e(DISCLAIMER)}</p>"
        )

    def write_csv(self, path, header=()) -> Path:
        """Write the table to ``path`` (.csv) with :func:`write_table`, the title first among the ``#`` lines."""
        return write_table(
            path,
            [*([self.title] if self.title else []), *header, *([self.note] if self.note else [])],
            self._headings(),
            self.rows,
        )


def compare(results: Mapping, rows=None, *, unit: str = "ng/mL", title: str = "Side by side", note: str = "") -> Table:
    """Put simulations side by side: one row per quantity of :meth:`Result.summary_rows`, one column per result.

    Parameters
    ----------
    results : mapping of str to Result
        Column label -> simulation (any regimens, drugs and patients).
    rows : sequence of str, optional
        Which quantities, in this order: each selects every summary row whose name contains it (ignoring
        case, at the start of a word: "ketamine" does not select "norketamine"), for example
        ``["NMDA block: peak", "toy dissociation", "days in toy response"]``. Default: all.
    unit : {"ng/mL", "mg/L", "uM"}
        Concentration unit.

    Examples
    --------
    >>> import simulator as sim
    >>> one = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24 * 21, step_min=10)
    >>> two = sim.simulate(sim.Infusion(dose_mg_per_kg=1.0, duration_min=40), end_h=24 * 21, step_min=10)
    >>> print(str(compare({"0.5 mg/kg": one, "1 mg/kg": two}, ["NMDA block: peak"])).splitlines()[2])
    NMDA block: peak | 42.9      | 60.1    | % of channels
    """
    if not isinstance(results, Mapping) or not results:
        raise TypeError(f"results must be a non-empty mapping of label -> Result, got {type(results).__name__}")
    for label, result in results.items():
        if not isinstance(result, Result):
            raise TypeError(f"results[{label!r}] must be a simulator.Result, got {type(result).__name__}")
    generic = len({r.drug for r in results.values()}) > 1
    tables = [r.summary_rows(unit, generic=generic) for r in results.values()]
    names = [row[0] for row in tables[0]]
    if rows is None:
        chosen = list(range(len(names)))
    else:
        if isinstance(rows, str) or not all(isinstance(x, str) for x in rows):
            raise TypeError(f"rows must be a list of strings, got {rows!r}")
        chosen = []
        for wanted in rows:
            pattern = re.compile(r"(?<!\w)" + re.escape(wanted), re.IGNORECASE)  # "ketamine" is not in "norketamine"
            found = [i for i, name in enumerate(names) if pattern.search(name)]
            if not found:
                raise ValueError(f"rows: {wanted!r} names no summary quantity; the quantities are {names}")
            chosen += [i for i in found if i not in chosen]
    columns = (("quantity", ""), *((str(label), "") for label in results), ("unit", ""))
    body = tuple((names[i], *(table[i][1] for table in tables), tables[0][i][2]) for i in chosen)
    return Table(columns, body, title=title, note=note)
