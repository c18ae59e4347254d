"""Regrowth shown as restoration: the toy's restored share of a depressed baseline's deficit, and its figure.

Teaching model: illustrative, not for dosing.
"""

import matplotlib
import numpy as np
import pytest

import simulator as sim
from simulator import plasticity, plotting
from simulator.literature.plasticity_constants import CONSTANTS

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def runs():
    quiet = sim.PlasticityModel(expectancy=False)
    one = sim.simulate(sim.scenarios.get("standard-infusion")[0], end_h=24 * 21, step_min=30, plasticity=quiet)
    six = sim.simulate(sim.scenarios.get("six-infusions")[0], end_h=24 * 42, step_min=30, plasticity=quiet)
    return {"one infusion": one, "six infusions": six}


def test_restored_share_is_zero_at_the_depressed_baseline_half_at_u50_and_never_passes_the_reference():
    half = CONSTANTS["half_improvement_drive"].value
    share = plasticity.restored_share([0.0, half, 3 * half, 1e12])
    assert share[0] == 0.0 and share[1] == pytest.approx(0.5) and share[2] == pytest.approx(0.75)
    assert 0.999999 < share[-1] < 1.0
    with pytest.raises(ValueError, match="index"):
        plasticity.restored_share([-0.1])


def test_days_after_a_session_the_toy_improvement_is_what_the_restored_share_says(runs):
    """Once the signal has faded the score is B (1 - Emax r): the restored share is read off the symptom map."""
    emax = CONSTANTS["max_improvement"].value
    for result in runs.values():
        late = (result.time_h > result.regimen.end_h + 24 * 4) & (result.time_h < result.time_h[-1])
        improvement = result.chain.baseline_score - result.symptom_score[late]
        expected = emax * result.chain.baseline_score * result.restored_share[late]
        assert np.allclose(improvement, expected, rtol=2e-3, atol=1e-3)


def test_a_course_restores_more_and_longer_than_one_infusion(runs):
    one, six = runs["one infusion"].restored_share, runs["six infusions"].restored_share
    assert 0.0 == one[0] < one.max() < six.max() < 1.0
    assert np.all(one >= 0) and np.all(six <= 1)


@pytest.mark.parametrize("style", ["notebook", "projector"])
def test_the_figure_draws_both_references_and_labels_the_teaching_model(runs, style):
    fig = plotting.restoration_figure(runs, style=style)
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    for label in plotting._restoration.REFERENCE_LABELS:
        assert label in texts
    assert any("Teaching model" in t for t in texts)
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    peak = 100 * runs["six infusions"].restored_share.max()
    assert any(f"{peak:.3g}%" in t for t in legend)
    assert {0.0, 100.0} <= {float(line.get_ydata()[0]) for line in ax.get_lines() if len(set(line.get_ydata())) == 1}


def test_the_figure_rejects_bad_input(runs):
    with pytest.raises(TypeError, match="results"):
        plotting.restoration_figure([runs["one infusion"]])
    with pytest.raises(TypeError, match="keyed"):
        plotting.restoration_figure({"": runs["one infusion"]})
    with pytest.raises(ValueError, match="days"):
        plotting.restoration_figure(runs, days=0)
    with pytest.raises(ValueError, match="days"):
        plotting.restoration_figure(runs, days=float("nan"))
