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


#: Notebook number -> stem, for the exercise ids.
STEMS = {source_path.stem[:2]: source_path.stem for source_path in sorted(SOURCES.glob("[0-9][0-9]_*.md"))}


def stem_of(exercise_id: str) -> str:
    """Return the notebook stem of exercise ``exercise_id`` ("E01.2" -> "01_pharmacokinetics")."""
    return STEMS[exercise_id[1:3]]


_ARGUMENTS: dict = {}
_TEXTS: dict = {}


def case_arguments(check, exercise_id: str) -> list:
    """Return the arguments of every case the checker tries, recorded by running the instructor's solution through it."""
    if exercise_id in _ARGUMENTS:
        return _ARGUMENTS[exercise_id]
    right = solution(stem_of(exercise_id), exercise_id)
    seen = []

    def spy(*args):
        seen.append(args)
        return right(*args)

    assert check(spy).passed, "the instructor's solution passes when recorded"
    _ARGUMENTS[exercise_id] = seen
    return seen


def expected_texts(check, exercise_id: str) -> set:
    """The expected answer of every case, computed by the instructor's solution (not by the checker), as a message would print it.

    Numbers are formatted to 3 and 4 significant figures (an array by its largest value); texts of one or two
    characters are left out (they occur in any sentence).
    """
    if exercise_id in _TEXTS:
        return _TEXTS[exercise_id]
    right = solution(stem_of(exercise_id), exercise_id)
    texts = set()
    for args in case_arguments(check, exercise_id):
        value = np.asarray(right(*args), dtype=float)
        x = float(np.max(np.abs(value))) if value.ndim else float(value)
        for text in (f"{x:.3g}", f"{x:.4g}", f"{x:.2f}"):
            if len(text.lstrip("-")) > 2:
                texts.add(text)
    _TEXTS[exercise_id] = texts
    return texts


def assert_no_expected_value(message: str, texts: set) -> None:
    """Fail if ``message`` contains any of the expected ``texts`` as a number (not inside a longer number)."""
    import re

    for text in texts:
        assert not re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", message), f"the message shows {text!r}: {message}"


def assert_rejected(check, exercise_id: str, function, hint: str):
    """Assert that ``check`` finds ``function`` wrong with ``hint`` in its message, and shows no expected value."""
    verdict = check(function)
    assert verdict.status == "wrong", f"{exercise_id}: a wrong method passed"
    assert hint in verdict.message, f"{exercise_id}: expected the hint {hint!r}, got: {verdict.message}"
    assert_no_expected_value(verdict.message, expected_texts(check, exercise_id))
    return verdict
