"""The score file: every checker's verdict is logged in the working copy; a lecturer reads a summary (CSV or JSON).

Teaching model: illustrative, not for dosing.

Each call of a checker appends one line (JSON) to the attempt log, :data:`LOG_NAME` in the current directory (in
Jupyter, the folder of the notebook), or to the file named by the environment variable :data:`SCORES_ENV` ("off"
turns logging off). :func:`score` reads the log back as a table, one row per exercise: "right" once any attempt was
right (with the time of the first right attempt), else the status of the last attempt, or "not tried".
:func:`write_scores` writes that table to a ``.csv`` or ``.json`` file a lecturer collects; :func:`read_scores`
parses such a file back. A right exercise earns its points (:data:`POINTS`, 1 unless a notebook says otherwise).
"""

from __future__ import annotations

import csv
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from .._version import __version__
from ..labels import DISCLAIMER
from ..tables import Table, write_table

__all__ = ["COLUMNS", "LOG_NAME", "SCORES_ENV", "attempts", "log_path", "read_scores", "score", "write_scores"]

#: Environment variable: the attempt log's path; "off" (or empty) records nothing. Unset: :data:`LOG_NAME` here.
SCORES_ENV = "KETAMINE_SIM_SCORES"
#: File name of the attempt log in the current directory (one JSON object per line).
LOG_NAME = "exercise_attempts.jsonl"
#: Columns of the score file, in order.
COLUMNS = ("exercise", "notebook", "status", "points", "max_points", "attempts", "time")

#: Notebook number ("01") -> notebook name ("01_pharmacokinetics"), filled by `simulator.exercises`.
NOTEBOOKS: dict = {}
#: Exercise id -> points for a right answer (default 1), filled by `simulator.exercises`.
POINTS: dict = {}
#: Exercise id -> checker, filled by `simulator.exercises` (the exercises a score file lists).
KNOWN: dict = {}


def log_path() -> Path | None:
    """Return the attempt log's path (:data:`SCORES_ENV`, else :data:`LOG_NAME` in the current directory), None if off."""
    setting = os.environ.get(SCORES_ENV)
    if setting is None:
        return Path.cwd() / LOG_NAME
    if setting.strip().lower() in ("", "off", "0", "no"):
        return None
    return Path(setting)


def _notebook(exercise: str) -> str:
    number = exercise[1:3]
    return NOTEBOOKS.get(number, f"notebook {number}")


def record(check) -> None:
    """Append ``check`` (a Check) to the attempt log; never fails a checker (a read-only folder records nothing)."""
    path = log_path()
    if path is None:
        return
    line = {
        "exercise": check.exercise,
        "notebook": _notebook(check.exercise),
        "status": check.status,
        "points": POINTS.get(check.exercise, 1) if check.passed else 0,
        "max_points": POINTS.get(check.exercise, 1),
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    try:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")
    except OSError:
        pass


def attempts(log=None) -> list[dict]:
    """Return every attempt in the log (``log``: a path; default :func:`log_path`), oldest first; unreadable lines skipped."""
    path = Path(log) if log is not None else log_path()
    if path is None or not path.exists():
        return []
    out = []
    for text in path.read_text(encoding="utf-8").splitlines():
        try:
            line = json.loads(text)
        except json.JSONDecodeError:
            continue
        if (
            isinstance(line, dict)
            and isinstance(line.get("exercise"), str)
            and line.get("status") in ("right", "wrong", "not done")
        ):
            out.append(line)
    return out


def _rows(log) -> list[dict]:
    tried = attempts(log)
    ids = list(KNOWN) + sorted({a["exercise"] for a in tried} - set(KNOWN))
    rows = []
    for exercise in ids:
        mine = [a for a in tried if a["exercise"] == exercise]
        right = [a for a in mine if a["status"] == "right"]
        counted = right[0] if right else (mine[-1] if mine else None)
        rows.append(
            {
                "exercise": exercise,
                "notebook": _notebook(exercise),
                "status": counted["status"] if counted else "not tried",
                "points": POINTS.get(exercise, 1) if right else 0,
                "max_points": POINTS.get(exercise, 1),
                "attempts": len(mine),
                "time": counted["time"] if counted else "",
            }
        )
    return rows


def score(log=None, notebook: str | None = None) -> Table:
    """Return the summary table of the attempt log: one row per exercise and a total (the lecturer's view).

    ``notebook`` ("01" or "01_pharmacokinetics") keeps that notebook's exercises only.
    """
    rows = [r for r in _rows(log) if notebook is None or r["notebook"].startswith(str(notebook))]
    right = f"{sum(r['status'] == 'right' for r in rows)} of {len(rows)} right"
    points, most, tries = (sum(r[key] for r in rows) for key in ("points", "max_points", "attempts"))
    return Table(
        tuple((c, "") for c in COLUMNS),
        (*(tuple(r[c] for c in COLUMNS) for r in rows), ("total", "", right, points, most, tries, "")),
        title="Exercise scores",
        note="'right' counts from the first right attempt; time is UTC.",
    )


def write_scores(path, log=None, student: str = "") -> Path:
    """Write the score file ``path`` (``.csv`` or ``.json``) from the attempt log; return the path.

    ``student`` (optional) is written into the file so that a lecturer can tell the files apart.
    """
    path = Path(path)
    rows = _rows(log)
    written = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if path.suffix.lower() == ".json":
        data = {
            "disclaimer": DISCLAIMER,
            "simulator": __version__,
            "student": student,
            "written": written,
            "exercises": rows,
            "total": {
                "points": sum(r["points"] for r in rows),
                "max_points": sum(r["max_points"] for r in rows),
                "right": sum(r["status"] == "right" for r in rows),
                "tried": sum(r["attempts"] > 0 for r in rows),
                "exercises": len(rows),
            },
        }
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return path
    if path.suffix.lower() != ".csv":
        raise ValueError(f"path must end in .csv or .json, got {str(path)!r}")
    header = [f"student: {student}" if student else "student: (not given)", f"written: {written} (UTC)"]
    return write_table(path, header, COLUMNS, [[r[c] for c in COLUMNS] for r in rows])


def read_scores(path) -> list[dict]:
    """Parse a score file written by :func:`write_scores` back into rows (dicts with :data:`COLUMNS`; numbers as int)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))["exercises"]
    elif path.suffix.lower() == ".csv":
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        rows = list(csv.DictReader(lines))
    else:
        raise ValueError(f"path must end in .csv or .json, got {str(path)!r}")
    for row in rows:
        for key in ("points", "max_points", "attempts"):
            row[key] = int(float(row[key]))
    return rows
