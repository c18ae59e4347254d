"""Every exercise's checker: the instructor's solution passes, the stub is "not done", and answers of the wrong type or
shape get a hint that names the problem, never the expected value."""

import numpy as np
import pytest
from exercise_support import assert_no_expected_value, expected_texts, solution, stem_of, stub

from simulator import exercises

pytestmark = pytest.mark.slow

IDS = sorted(exercises.EXERCISES)


def _answer_kind(qid) -> str:
    """What the instructor's answer to the first case is: "array", "number" or "other" (a word, a choice)."""
    from exercise_support import case_arguments

    value = solution(stem_of(qid), qid)(*case_arguments(exercises.EXERCISES[qid], qid)[0])
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return "number"
    return "array" if isinstance(value, np.ndarray) and value.ndim == 1 else "other"


#: Exercises whose answer is an array (one value per output time); the numeric others return one number.
ARRAYS = {qid for qid in IDS if _answer_kind(qid) == "array"}
NUMBERS = {qid for qid in IDS if _answer_kind(qid) == "number"}


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    monkeypatch.setenv(exercises.SCORES_ENV, "off")


def test_the_course_has_at_least_two_exercises_per_notebook():
    per_notebook = {}
    for qid in IDS:
        per_notebook.setdefault(qid[1:3], []).append(qid)
    assert {"00", "01", "02", "03", "04", "05"} <= set(per_notebook)
    assert all(len(ids) >= 2 for ids in per_notebook.values()), per_notebook


@pytest.mark.parametrize("qid", IDS)
def test_the_solution_passes_and_the_stub_is_not_done(qid):
    check = exercises.EXERCISES[qid]
    assert check(solution(stem_of(qid), qid)).status == "right"
    verdict = check(stub(stem_of(qid), qid))
    assert verdict.status == "not done" and "NotImplementedError" in verdict.message


def _length(qid):
    """The number of output times of the first case of an array exercise."""
    from exercise_support import case_arguments

    return len(case_arguments(exercises.EXERCISES[qid], qid)[0][0])


#: (name, what the function returns, hint for a one-number exercise, hint for an array exercise).
BAD = [
    ("None", lambda qid: None, "returned None", "returned None"),
    ("text", lambda qid: "3.5 h", "returned text", "returned text"),
    ("bool", lambda qid: True, "True/False", "True/False"),
    ("list", lambda qid: [1.0, 2.0], "list of 2 items", "2 values, fewer than"),
    ("one-element array", lambda qid: np.array([0.5]), "one-element array", "1 value, fewer than"),
    ("several values", lambda qid: np.linspace(0.1, 1.0, 5), "array of 5 values where one number", "5 values, fewer than"),
    ("too long", lambda qid: np.ones(_length(qid) + 1) if qid in ARRAYS else np.ones(3), "array of 3 values", "more than"),
    ("2-D", lambda qid: np.ones((2, 3)), "array of 6 values", "shape (2, 3)"),
    ("NaN", lambda qid: np.full(_length(qid), np.nan) if qid in ARRAYS else float("nan"), "NaN", "NaN"),
    ("infinity", lambda qid: np.full(_length(qid), np.inf) if qid in ARRAYS else float("inf"), "infinity", "infinity"),
    ("a number for an array", lambda qid: 0.5, None, "returned one number"),
    ("a dict", lambda qid: {"answer": 1.0}, "a dict", "a dict"),
    ("an object", lambda qid: object(), "of type object", "of type object"),
]


#: (exercise, bad answer, the hint it must get): only the pairs that apply. An exercise whose answer is not a number (a
#: decision word) is checked for wrong types by its own notebook's tests; one number is the right type for a number.
TYPE_CASES = [
    pytest.param(qid, make, array_hint if qid in ARRAYS else scalar_hint, id=f"{qid}-{name}")
    for qid in sorted(ARRAYS | NUMBERS)
    for name, make, scalar_hint, array_hint in BAD
    if (array_hint if qid in ARRAYS else scalar_hint) is not None
]


@pytest.mark.parametrize(("qid", "make", "hint"), TYPE_CASES)
def test_a_wrong_type_or_shape_gets_its_own_hint(qid, make, hint):
    value = make(qid)
    verdict = exercises.EXERCISES[qid](lambda *args: value)
    assert verdict.status == "wrong" and hint in verdict.message, verdict.message


@pytest.mark.parametrize("qid", IDS)
def test_a_failing_function_is_wrong_and_says_how(qid):
    def broken(*args):
        raise KeyError("acute")

    verdict = exercises.EXERCISES[qid](broken)
    assert verdict.status == "wrong" and "KeyError" in verdict.message
    assert "no brackets" in exercises.EXERCISES[qid](42).message


@pytest.mark.parametrize("qid", sorted(ARRAYS | NUMBERS))
def test_a_far_off_number_says_how_far_but_not_the_answer(qid):
    """Numeric answers only: a decision word (E07.2) is checked for its wrong rules in its own notebook's tests."""
    check = exercises.EXERCISES[qid]
    texts = expected_texts(check, qid)
    right = solution(stem_of(qid), qid)
    for factor, word in (
        (1.45, "too high by about 45%"),
        (0.55, "too low by about 45%"),
        (50.0, "factor of about 50"),
        (-1.0, "sign"),
    ):
        verdict = check(lambda *args, f=factor: f * np.asarray(right(*args), dtype=float) if qid in ARRAYS else f * right(*args))
        said = verdict.message
        assert verdict.status == "wrong" and (word in said or (word == "sign" and "negative" in said)), said
        assert_no_expected_value(verdict.message, texts)
