"""Notebook 02's checkers: the package shortcut and plausible wrong methods fail, each with its own hint."""

import numpy as np
import pytest
from exercise_support import assert_rejected

from simulator import exercises, receptor

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _lenient(monkeypatch):
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    monkeypatch.setenv(exercises.SCORES_ENV, "off")


def _hill(c, ic50, n):
    return c**n / (c**n + ic50**n)


HILL = {
    "free fraction": (lambda c, k, n: 1 - _hill(c, k, n), "still free"),
    "ratio": (lambda c, k, n: (c / k) ** n, "not a fraction"),
    "percentage": (lambda c, k, n: 100 * _hill(c, k, n), "percentage"),
    "no Hill coefficient": (lambda c, k, n: c / (c + k), "ignores the Hill coefficient"),
    "Hill on the fraction": (lambda c, k, n: (c / (c + k)) ** n, "inside the fraction"),
    "IC50 not raised": (lambda c, k, n: c**n / (c**n + k), "raise IC50"),
}


@pytest.mark.parametrize("name", HILL)
def test_occupancy_hill_rejects_wrong_methods_with_their_hint(name):
    function, hint = HILL[name]
    assert_rejected(exercises.check_occupancy_hill, "E02.1", function, hint)


def test_occupancy_hill_is_not_the_package_occupancy():
    """The shortcut: the package's S-ketamine occupancy (its own constants), whatever the constants handed in."""

    def package(c, ic50, hill):
        return receptor.equilibrium_occupancy({"esketamine": c}, "uM")["total"]

    assert exercises.check_occupancy_hill(package).status == "wrong"


def test_occupancy_hill_with_hill_one_is_the_binding_formula():
    """Independent check of the closed form: with n = 1, C / (C + Ki), one half at C = Ki."""
    assert _hill(0.5, 0.5, 1.0) == 0.5 and _hill(1.5, 0.5, 1.0) == pytest.approx(0.75)


def _hours(t, values, level):
    return float(np.sum(np.diff(t) * (np.asarray(values)[:-1] >= level)))


BLOCK = {
    "minutes": (lambda t, c, k, n, lv: 60 * _hours(t, _hill(c, k, n), lv), "minutes"),
    "points": (lambda t, c, k, n, lv: float(np.count_nonzero(_hill(c, k, n) >= lv)), "number of output times"),
    "concentration": (lambda t, c, k, n, lv: _hours(t, c, lv), "compares the concentration"),
    "no Hill coefficient": (lambda t, c, k, n, lv: _hours(t, c / (c + k), lv), "ignores the Hill coefficient"),
    "peak": (lambda t, c, k, n, lv: float(np.max(_hill(c, k, n))), "peak block"),
}


@pytest.mark.parametrize("name", BLOCK)
def test_hours_of_block_rejects_wrong_methods_with_their_hint(name):
    function, hint = BLOCK[name]
    assert_rejected(exercises.check_hours_of_block, "E02.2", function, hint)


def test_hours_of_block_is_not_the_package_occupancy_of_the_curve():
    """The shortcut: the package's occupancy of the concentrations (its Ki, Hill 1), not the constants handed in."""

    def package(t, c, ic50, hill, level):
        occupancy = receptor.equilibrium_occupancy({"ketamine": np.asarray(c)}, "uM")["total"]
        return _hours(t, occupancy, level)

    assert exercises.check_hours_of_block(package).status == "wrong"
