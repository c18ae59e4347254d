"""The student bundle: the student notebooks, the package with its checkers, a README; no solutions."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..labels import DISCLAIMER
from ._common import checkout, output_path, sources

#: The bundle's top folder inside the zip.
BUNDLE_FOLDER = "ketamine-sim-student"
#: Files of the checkout the bundle takes as they are (the package source is added file by file).
_TOP_FILES = ("pyproject.toml", "LICENSE", "CITATION.cff", "environment.yml")
#: Package modules the bundle leaves out: the course builder (it holds the solution markers) and these handouts.
_LEFT_OUT = ("simulator/course.py", "simulator/handouts/")
#: Documents a student may read (the teacher guide, with every answer, stays out).
_DOCS = ("docs/models.md", "docs/api.md", "docs/figures.md")

STUDENT_README = """# Ketamine pharmacology teaching simulator: the student notebooks

> **{disclaimer}**

These notebooks let you move a dose of ketamine through a chain of teaching models: plasma and brain
concentration, NMDA receptor block, a toy plasticity chain and a toy symptom score, beside a toy conventional
antidepressant. Every model is a teaching model. It predicts nothing for any person, and nothing here says
what dose anyone should receive.

## Install (once)

You need Python 3.10 or newer. In this folder:

```
python -m venv .venv
.venv/bin/pip install -e ".[lab]"          # Windows: .venv\\Scripts\\pip install -e ".[lab]"
```

## Run

```
.venv/bin/python -m simulator lab          # copies the notebooks to my-notebooks/ and opens JupyterLab
```

Work in `my-notebooks/`; the notebooks in `notebooks/` stay as they came. Start with `00_start_here.ipynb`.
`python -m simulator dashboard` opens the lecture dashboard in your browser.

## The notebooks

{notebooks}

## Exercises and predictions

- Each **Predict** question asks for your prediction before the next cell runs: write it down (or commit it in
  the notebook's box) first; the explanation is under the question's "Explain" line.
- Each **Exercise** cell raises `NotImplementedError` until you write your code in it. The cell after it runs
  the checker (`simulator.exercises`), which says whether your function passes and, if not, a hint.
- This bundle has no solutions.

## What this model cannot tell you

Each notebook ends with a section of that name. Read it: the numbers describe toy and average models, not
people.
"""


def bundle(out, root=None) -> Path:
    """Write the student bundle zip to ``out`` (a ``.zip``); return its path.

    Inside one folder (:data:`BUNDLE_FOLDER`): the student notebooks (``notebooks/NN_*.ipynb``, every exercise's
    solution replaced by a ``raise NotImplementedError``), the package source with ``pyproject.toml`` (so that
    ``pip install -e .`` there works and the checkers, ``simulator.exercises``, import), a few reference documents
    and a README for students with the teaching-model statement. Left out: the instructor notebooks, the course
    sources, the teacher guide, the tests, and the modules that build the course and these handouts.
    Raises ValueError when a file to be bundled holds an exercise's solution or a solution marker.
    """
    root = checkout(root)
    out = output_path(out, ".zip")
    notebooks = sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    files = {f"notebooks/{p.name}": p.read_bytes() for p in notebooks}
    for path in sorted((root / "simulator").rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and "__pycache__" not in relative and not relative.startswith(_LEFT_OUT) and path.suffix != ".pyc":
            files[relative] = path.read_bytes()
    for name in (*_TOP_FILES, *_DOCS):
        if (root / name).is_file():
            files[name] = (root / name).read_bytes()
    titles = [f"- `{p.name}`: {_title(p)}" for p in notebooks]
    files["README.md"] = STUDENT_README.format(disclaimer=DISCLAIMER, notebooks="\n".join(titles)).encode("utf-8")
    _check_no_solutions(files, sources(root))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(f"{BUNDLE_FOLDER}/{name}", data)
    return out


def _title(path: Path) -> str:
    """Return a notebook's first Markdown heading."""
    import json

    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        heading = re.search(r"^# (.+)$", text, re.M) if cell["cell_type"] == "markdown" else None
        if heading:
            return heading.group(1).strip()
    return path.stem


def solution_bodies(sources) -> dict:
    """Return exercise id -> its solution's lines (stripped, blank lines dropped), read from the course sources."""
    from .. import course

    bodies = {}
    for source in sources:
        for cell in source.cells:
            if cell.kind == "exercise":
                exercise = next(f"E{n}.{q}" for kind, n, q in course.QUESTION_ID.findall(cell.text) if kind == "E")
                body = re.split(r"^\s*# BEGIN SOLUTION\s*$", cell.text, flags=re.M)[1]
                body = re.split(r"^\s*# END SOLUTION\s*$", body, flags=re.M)[0]
                bodies[exercise] = [line.strip() for line in body.splitlines() if line.strip()]
    return bodies


def solutions_in(files: dict, sources) -> list:
    """Return (file name, what) for every file that holds a solution marker or an exercise's solution.

    ``files``: name -> bytes. A solution is found by its lines (whitespace aside), read from ``sources``.
    """
    bodies, found = solution_bodies(sources), []
    for name, data in files.items():
        text = re.sub(r"\s+", " ", data.decode("utf-8", "replace").replace("\\n", "\n").replace('\\"', '"'))
        if "BEGIN SOLUTION" in text or "END SOLUTION" in text:
            found.append((name, "a solution marker"))
        found += [(name, exercise) for exercise, lines in bodies.items() if lines and " ".join(lines) in text]
    return found


def _check_no_solutions(files: dict, sources) -> None:
    """Raise ValueError when a file to be bundled holds a solution marker or an exercise's solution."""
    for name, what in solutions_in(files, sources):
        what = what if what == "a solution marker" else f"the solution of {what}"
        raise ValueError(f"{name} holds {what}: the bundle must hold no solution")
