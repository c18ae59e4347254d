"""Tables and the words for numbers: the one place a quantity is rounded, a duration worded, a source stated.

A leaf of the package (it imports no model module), so the model modules build their tables here at import
time and every view (figure text, explorer summary, CSV, notebook table) words a number the same way.
Teaching model: illustrative, not for dosing.

Examples
--------
>>> format_number(177.04), format_number(0.2871), format_duration(0.53), format_duration(30.0)
('177', '0.287', '31.8 min', '30 h')
>>> format_effect_duration(0.0), format_effect_duration(0.05), format_effect_duration(0.567), format_effect_duration(2.27)
('none', 'under 5 min', '34 min', '2.27 h')
"""

from __future__ import annotations

import csv
import html
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from ._version import __version__
from .labels import DISCLAIMER

__all__ = [
    "SIGNIFICANT_FIGURES",
    "Table",
    "format_duration",
    "format_effect_duration",
    "format_number",
    "provenance",
    "write_table",
]


#: Significant figures of every number a view shows (text summaries, tables, the summary's rows): one rule.
SIGNIFICANT_FIGURES = 3
#: Below this many hours an effect's duration reads "under 5 min" (a finer number would claim a precision the toy lacks).
_SHORTEST_H = 5.0 / 60.0


def format_number(x: float, digits: int = SIGNIFICANT_FIGURES) -> str:
    """Return ``x`` rounded to ``digits`` significant figures (default 3), written without an exponent (177, 0.287, 6.3)."""
    return f"{float(f'{x:.{digits}g}'):g}" if np.isfinite(x) else "n/a"


def format_duration(h: float) -> str:
    """Return a time in hours as words a reader takes in at once: minutes, hours or days (3 significant figures)."""
    if not np.isfinite(h):
        return "never"
    if h < 1.0:
        return f"{format_number(h * 60)} min"
    if h < 48.0:
        return f"{format_number(h)} h"
    return f"{format_number(h / 24)} days"


def format_effect_duration(h: float) -> str:
    """Return how long an effect lasts, in words: "none" only for exactly 0 h, never "0 h" for an effect.

    Below 5 minutes: "under 5 min"; below 1 h: minutes; otherwise hours (3 significant figures). NaN: "n/a".
    """
    h = float(h)
    if not np.isfinite(h):
        return "n/a"
    if h < 0.0:
        raise ValueError(f"h must be at least 0, got {h!r}")
    if h == 0.0:
        return "none"
    if h < _SHORTEST_H:
        return "under 5 min"
    if h < 1.0:
        return f"{format_number(h * 60)} min"
    return f"{format_number(h)} h"


def _event_text(event) -> str:
    parts = [type(event).__name__]
    for f in fields(event):
        value = getattr(event, f.name)
        if value is not None and f.name not in ("drug",):
            parts.append(f"{f.name}={value:g}" if isinstance(value, float) else f"{f.name}={value}")
    return f"{parts[0]}({', '.join(parts[1:])}, drug={event.drug})"


def provenance(result) -> list[str]:
    """Return the lines that say where an export comes from: package, set and citation, regimen, assumptions."""
    if not all(hasattr(result, name) for name in ("regimen", "patient", "pk_set", "receptor")):  # a Result, read by its fields
        raise TypeError(f"result must be a simulator.Result, got {type(result).__name__}")

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


def write_table(path, header, columns, rows) -> Path:
    """Write ``rows`` of numbers under ``columns`` to ``path`` (.csv), after ``#`` lines of provenance.

    The first lines are always the teaching-model statement and the package version; ``header`` (strings)
    follows. Numbers are written to 6 significant figures, text and booleans as they are. Returns the path.
    """
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


def _cell_text(value, digits: int = SIGNIFICANT_FIGURES) -> str:
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
            return f"{x:.{digits}g}"
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
    >>> from simulator.tables import Table
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
