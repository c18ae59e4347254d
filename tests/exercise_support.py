"""Reference answers of the course exercises, taken from the one source the notebooks are built from."""

from pathlib import Path

import numpy as np

import simulator as sim
from simulator import course

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "notebooks" / "source"


def source(stem: str) -> course.Source:
    """Return the parsed source of notebook ``stem`` ("01_pharmacokinetics")."""
    return course.parse((SOURCES / f"{stem}.md").read_text(), stem)


def exercise_code(stem: str, exercise_id: str, instructor: bool = True) -> str:
    """Return the code of exercise ``exercise_id``'s cell: the instructor's solution, or the student's stub."""
    src = source(stem)
    for cell in src.cells:
        if cell.kind == "exercise" and exercise_id in cell.text:
            return course.notebook(course.Source(stem, (cell,)), instructor=instructor).cells[0].source
    raise KeyError(f"{stem} has no exercise {exercise_id}")


def _function(code: str):
    namespace = {"np": np, "sim": sim}
    before = set(namespace)
    exec(compile(code, "<exercise>", "exec"), namespace)
    defined = [v for k, v in namespace.items() if k not in before and callable(v) and not k.startswith("__")]
    assert len(defined) == 1, f"an exercise cell defines exactly one function, got {len(defined)}"
    return defined[0]


def solution(stem: str, exercise_id: str):
    """Return the instructor's function of exercise ``exercise_id`` in notebook ``stem``."""
    return _function(exercise_code(stem, exercise_id, instructor=True))


def stub(stem: str, exercise_id: str):
    """Return the student's stub of exercise ``exercise_id`` (it raises NotImplementedError)."""
    return _function(exercise_code(stem, exercise_id, instructor=False))
