"""The disinhibition sketch (simulator/circuit.py) against things it was not computed from.

Closed forms for a held step of block, scipy's solve_ivp at rtol 1e-10 for every stage, the steady state written
out by hand, the order of causes after the standard infusion, the monotone rise of the glutamate peak with
partial block, its reversal at anaesthetic block, and validation messages that name the field.
Teaching model: illustrative, not for dosing.
"""

import itertools
import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

import simulator as sim
from simulator import circuit, plotting
from simulator.circuit import DisinhibitionModel, DisinhibitionResult, disinhibition, disinhibition_for, steady_state
from simulator.labels import LABEL_TAG
from simulator.literature.circuit_constants import CONSTANTS
from simulator.literature.core import Citation

MODEL = DisinhibitionModel()
RATES = ("interneuron_rate", "inhibition", "pyramidal_rate", "glutamate")


def _rhs(model, block_of_t):
    """The sketch's equations written out again, for solve_ivp (the state is the four rates themselves)."""
    ti, tg, tp, tq = model.interneuron_time_h, model.inhibition_time_h, model.pyramidal_time_h, model.glutamate_clearance_time_h
    w, share, silent = model.inhibition_weight, model.pyramidal_nmda_share, model.interneuron_silencing_block

    def f(t, y):
        theta = block_of_t(t)
        i, g, p, q = y
        return [
            (max(0.0, 1.0 - theta / silent) - i) / ti,
            (i - g) / tg,
            ((1.0 + w) * (1.0 - share * theta) - w * g - p) / tp,
            (p - q) / tq,
        ]

    return f


def _reference(model, block_of_t, t, breaks=()):
    """solve_ivp at rtol 1e-10 from baseline, restarted at each break (a kink or jump of the block)."""
    edges = [t[0], *[b for b in breaks if t[0] < b < t[-1]], t[-1]]
    y0, out = np.ones(4), np.empty((t.size, 4))
    for a, b in itertools.pairwise(edges):
        inside = (t >= a) & (t <= b)
        times, where = np.unique(t[inside], return_inverse=True)  # a repeated time is one instant
        # just after a jump the block takes its new value: evaluate it a hair inside the piece
        sol = solve_ivp(_rhs(model, lambda s, a=a: block_of_t(max(s, a + 1e-12))), (a, b), y0, dense_output=True,
                        rtol=1e-10, atol=1e-12, method="DOP853")  # fmt: skip
        out[inside] = sol.sol(times).T[where]
        y0 = sol.y[:, -1]
    return out


def _stack(result):
    return np.stack([getattr(result, k) for k in RATES], axis=-1)


def _standard():
    regimen, patient, _ = sim.scenarios.get("standard-infusion")
    return sim.simulate(regimen, patient, time_h=np.linspace(0.0, 6.0, 721))


# ----------------------------------------------------------------------------- baseline and exact solutions


@pytest.mark.parametrize("grid", ["regular", "irregular"])
def test_no_block_leaves_every_rate_at_baseline_exactly(grid):
    t = np.linspace(0.0, 12.0, 200) if grid == "regular" else np.cumsum(np.r_[0.0, np.random.default_rng(3).uniform(0, 0.2, 150)])
    out = disinhibition(t, np.zeros_like(t))
    for name in RATES:
        assert np.all(getattr(out, name) == 1.0), name
    summary = out.summary()
    assert summary["glutamate_peak_rise"] == 0.0 and summary["glutamate_fall"] == 0.0


@pytest.mark.parametrize("theta", [0.1, 0.3, 0.5, 0.8, 1.0])
def test_a_held_step_of_block_matches_the_closed_forms_and_solve_ivp(theta):
    t = np.linspace(0.0, 2.0, 121)
    out = disinhibition(t, np.full_like(t, theta))
    m = MODEL
    c = min(1.0, theta / m.interneuron_silencing_block)
    ti, tg = m.interneuron_time_h, m.inhibition_time_h
    interneuron = 1.0 - c * (1.0 - np.exp(-t / ti))
    inhibition = 1.0 - c * (1.0 - (tg * np.exp(-t / tg) - ti * np.exp(-t / ti)) / (tg - ti))
    np.testing.assert_allclose(out.interneuron_rate, interneuron, rtol=0, atol=1e-12)
    np.testing.assert_allclose(out.inhibition, inhibition, rtol=0, atol=1e-12)
    reference = _reference(m, lambda s: theta, t)
    np.testing.assert_allclose(_stack(out), reference, rtol=0, atol=1e-8)


def test_a_step_later_on_a_repeated_time_is_solved_exactly():
    """Block 0 until 0.5 h, then 0.4: the grid holds 0.5 twice, so the jump has no ramp."""
    t = np.r_[np.linspace(0.0, 0.5, 31), np.linspace(0.5, 3.0, 151)]
    block = np.where(np.arange(t.size) < 31, 0.0, 0.4)
    out = disinhibition(t, block)
    assert np.all(_stack(out)[:31] == 1.0)
    reference = _reference(MODEL, lambda s: 0.4 if s > 0.5 else 0.0, t, breaks=(0.5,))
    np.testing.assert_allclose(_stack(out), reference, rtol=0, atol=1e-8)


def test_a_block_linear_between_output_times_matches_solve_ivp():
    """The infusion's block sampled every 5 minutes, taken linear between samples, on the default and a changed model."""
    result = _standard()
    t = result.time_h[::10][:49]  # 0-4 h every 5 minutes; the block stays below the silencing block (no kink)
    block = result.occupancy[::10][:49]
    for model in (MODEL, DisinhibitionModel(inhibition_weight=0.4, pyramidal_nmda_share=0.3, glutamate_clearance_time_h=0.05)):
        out = disinhibition(t, block, model)
        reference = _reference(model, lambda s: float(np.interp(s, t, block)), t, breaks=tuple(t[1:-1]))
        np.testing.assert_allclose(_stack(out), reference, rtol=0, atol=1e-8)


def test_equal_time_constants_are_no_special_case():
    model = DisinhibitionModel(
        interneuron_time_h=0.05, inhibition_time_h=0.05, pyramidal_time_h=0.05, glutamate_clearance_time_h=0.05
    )
    t = np.linspace(0.0, 1.5, 91)
    out = disinhibition(t, np.full_like(t, 0.3), model)
    np.testing.assert_allclose(_stack(out), _reference(model, lambda s: 0.3, t), rtol=0, atol=1e-8)


def test_held_block_settles_to_the_steady_state_written_out_by_hand():
    w, share, silent = MODEL.inhibition_weight, MODEL.pyramidal_nmda_share, MODEL.interneuron_silencing_block
    for theta in (0.0, 0.2, 0.45, 0.6, 0.95):
        t = np.linspace(0.0, 10.0, 201)
        out = disinhibition(t, np.full_like(t, theta))
        hand = 1.0 + w * min(1.0, theta / silent) - (1.0 + w) * share * theta
        assert out.glutamate[-1] == pytest.approx(hand, abs=1e-9)
        assert out.interneuron_rate[-1] == pytest.approx(max(0.0, 1.0 - theta / silent), abs=1e-9)
        state = steady_state(theta)
        assert state["glutamate"] == pytest.approx(hand, abs=1e-12)
        assert state["pyramidal_rate"] == state["glutamate"] and state["inhibition"] == state["interneuron_rate"]
    curve = steady_state(np.array([0.0, 0.2, 0.45]))["glutamate"]
    assert curve.shape == (3,) and curve[0] == 1.0


def test_rates_stay_non_negative_and_interneurons_never_above_baseline_for_any_block():
    rng = np.random.default_rng(7)
    for _ in range(20):
        t = np.cumsum(np.r_[0.0, rng.uniform(0.0, 0.1, 120)])
        block = rng.uniform(0.0, 1.0, t.size) * (rng.uniform(0.0, 1.0, t.size) < 0.3)  # jumps between 0 and deep block
        out = disinhibition(t, block)
        assert min(float(getattr(out, k).min()) for k in RATES) >= -1e-12
        assert out.interneuron_rate.max() <= 1.0 + 1e-12 and out.inhibition.max() <= 1.0 + 1e-12


# ----------------------------------------------------------------------------- the qualitative facts


def test_after_the_standard_infusion_interneurons_fall_before_pyramidal_cells_rise_before_glutamate_peaks():
    out = disinhibition_for(_standard())
    s = out.summary()
    assert (
        s["block_peak_h"] < s["interneuron_minimum_h"] < s["inhibition_minimum_h"] < s["pyramidal_peak_h"] < s["glutamate_peak_h"]
    )
    t = out.time_h
    falls = t[np.argmax(out.interneuron_rate < 0.99)]
    rises = t[np.argmax(out.pyramidal_rate > 1.01)]
    glutamate_rises = t[np.argmax(out.glutamate > 1.01)]
    assert 0 < falls < rises < glutamate_rises < s["glutamate_peak_h"]
    assert s["glutamate_peak_h"] - s["block_peak_h"] > 10 / 60  # the glutamate peak lags the block's by minutes
    assert 0.1 < s["glutamate_peak_rise"] < 0.5  # a rise, not the block copied: up to half above baseline


def test_the_glutamate_peak_grows_with_partial_block():
    t = np.linspace(0.0, 4.0, 241)
    held = [disinhibition(t, np.full_like(t, theta)).summary()["glutamate_peak_rise"] for theta in np.linspace(0.02, 0.45, 10)]
    assert np.all(np.diff(held) > 0)
    result = _standard()
    scaled = [_peak_rise_scaled(result, k) for k in (0.25, 0.5, 0.75, 1.0, 1.1)]
    assert np.all(np.diff(scaled) > 0)


def _peak_rise_scaled(result, k):
    """Return the glutamate peak rise when the infusion's block is scaled by ``k``."""
    return disinhibition(result.time_h, k * result.occupancy).summary()["glutamate_peak_rise"]


def test_near_complete_block_lowers_glutamate_instead():
    """Moghaddam 1997: glutamate outflow rose at sub-anaesthetic doses, not at 50 mg/kg, and fell at 200 mg/kg."""
    t = np.linspace(0.0, 4.0, 241)
    partial = disinhibition(t, np.full_like(t, 0.45)).summary()["glutamate_peak_rise"]
    for theta in (0.9, 0.95, 1.0):
        out = disinhibition(t, np.full_like(t, theta))
        assert out.glutamate.max() <= 1.0 + 1e-12  # no rise at all while the block is held
        assert out.glutamate[-1] < 0.95
        assert out.summary()["glutamate_peak_rise"] < partial
    curve = steady_state(np.linspace(0.0, 1.0, 101))["glutamate"]
    top = int(np.argmax(curve))
    assert 0.3 < top / 100 < 0.7 and curve[-1] < 1.0 < curve[45]  # an inverted U
    crossing = MODEL.inhibition_weight / ((1 + MODEL.inhibition_weight) * MODEL.pyramidal_nmda_share)
    assert 0.7 < crossing < 0.9 and steady_state(crossing)["glutamate"] == pytest.approx(1.0, abs=1e-12)


def test_after_an_anaesthetic_induction_glutamate_falls_while_block_is_deep():
    regimen, patient, options = sim.scenarios.get("anaesthetic-induction")
    result = sim.simulate(regimen, patient, pk_set=options["pk_set"], time_h=np.linspace(0.0, 4.0, 481))
    out = disinhibition_for(result)
    deep = result.occupancy > 0.85
    assert deep.any() and np.all(out.glutamate[deep & (out.time_h > 2 / 60)] < 1.0)
    assert out.summary()["glutamate_fall"] > 0.2
    assert out.summary()["glutamate_peak_h"] > out.time_h[deep][-1]  # any rise comes as the block wears off
    silent = out.summary()["interneuron_silent_h"]
    assert silent < out.summary()["inhibition_gone_h"] and out.interneuron_rate[out.time_h >= silent][0] < 0.01
    assert math.isnan(disinhibition_for(_standard()).summary()["interneuron_silent_h"])  # partial block: never silent


def test_without_pyramidal_nmda_receptors_there_is_no_reversal_and_without_inhibition_no_rise():
    t = np.linspace(0.0, 4.0, 241)
    no_share = DisinhibitionModel(pyramidal_nmda_share=0.0)
    assert disinhibition(t, np.full_like(t, 1.0), no_share).glutamate[-1] == pytest.approx(1.0 + no_share.inhibition_weight)
    no_inhibition = DisinhibitionModel(inhibition_weight=0.0)
    assert disinhibition(t, np.full_like(t, 0.45), no_inhibition).glutamate.max() <= 1.0


# ----------------------------------------------------------------------------- constants, validation, figure


def test_every_constant_is_illustrative_with_a_citation_and_is_the_default():
    for name, constant in CONSTANTS.items():
        assert constant.illustrative and isinstance(constant.citation, Citation) and "INVENTED" in constant.tuned_to
        assert getattr(MODEL, name) == constant.value
    assert circuit.CONSTANTS is CONSTANTS
    assert sim.DisinhibitionModel is DisinhibitionModel and sim.circuit is circuit


@pytest.mark.parametrize(
    ("field", "value", "error", "words"),
    [
        ("interneuron_time_h", 0.0, ValueError, "[0.001, 100]"),
        ("inhibition_time_h", -1.0, ValueError, "[0.001, 100]"),
        ("pyramidal_time_h", math.inf, ValueError, "finite"),
        ("glutamate_clearance_time_h", "10 min", TypeError, "real number"),
        ("interneuron_silencing_block", 0.0, ValueError, "(0, 1]"),
        ("interneuron_silencing_block", 1.5, ValueError, "(0, 1]"),
        ("inhibition_weight", -0.1, ValueError, "[0, 10]"),
        ("inhibition_weight", True, TypeError, "real number"),
        ("pyramidal_nmda_share", 1.2, ValueError, "[0, 1]"),
        ("pyramidal_nmda_share", 0.6, ValueError, "1/(1 + inhibition_weight)"),
        ("pyramidal_nmda_share", math.nan, ValueError, "finite"),
    ],
)
def test_bad_constants_raise_naming_the_field_the_value_and_the_range(field, value, error, words):
    with pytest.raises(error) as caught:
        DisinhibitionModel(**{field: value})
    message = str(caught.value)
    assert message.startswith(field) and words in message and repr(value) in message


def test_bad_inputs_raise_naming_the_argument():
    t = np.linspace(0.0, 1.0, 11)
    with pytest.raises(ValueError, match=r"^block must be fractions in \[0, 1\]"):
        disinhibition(t, np.full_like(t, 1.2))
    with pytest.raises(ValueError, match=r"^block must have shape \(11,\)"):
        disinhibition(t, np.zeros(5))
    with pytest.raises(ValueError, match=r"^block must be one time course"):
        disinhibition(t, np.zeros((2, 11)))
    with pytest.raises(ValueError, match=r"^time_h must be finite, >= 0 and non-decreasing"):
        disinhibition(t[::-1], np.zeros(11))
    with pytest.raises(TypeError, match=r"^block must be an array of numbers"):
        disinhibition(t, "none")
    with pytest.raises(TypeError, match=r"^model must be a simulator.circuit.DisinhibitionModel"):
        disinhibition(t, np.zeros(11), model={"inhibition_weight": 1})
    with pytest.raises(TypeError, match=r"^result must be a simulator.Result"):
        disinhibition_for(np.zeros(11))
    with pytest.raises(ValueError, match=r"^block must be in \[0, 1\]"):
        steady_state(-0.1)
    with pytest.raises(ValueError, match=r"^block must be fractions in \[0, 1\]"):
        steady_state(np.array([0.2, 1.5]))
    with pytest.raises(ValueError, match=r"^until_h must be >= 0"):
        disinhibition(t, np.zeros(11)).summary(until_h=-1.0)


@pytest.mark.parametrize("style", ["notebook", "projector", "print"])
def test_the_figure_draws_the_order_of_causes_with_the_teaching_label(style):
    out = disinhibition_for(_standard())
    fig = plotting.disinhibition_figure(out, hours=4.0, style=style)
    assert len(fig.axes) == 3
    assert any(text.get_gid() == LABEL_TAG for text in fig.texts)
    legends = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in fig.axes]
    assert legends[0][0].startswith("NMDA block")
    assert any(x.startswith("interneuron firing") for x in legends[1]) and any(x.startswith("inhibition") for x in legends[1])
    assert any(x.startswith("pyramidal firing") for x in legends[2]) and any(x.startswith("glutamate") for x in legends[2])
    assert fig.axes[2].get_xlim() == (0.0, 4.0)


def test_the_figure_checks_its_arguments():
    with pytest.raises(TypeError, match=r"^sketch must be a simulator\.circuit\.DisinhibitionResult"):
        plotting.disinhibition_figure(_standard())
    out = disinhibition(np.linspace(0.0, 1.0, 11), np.zeros(11))
    assert isinstance(out, DisinhibitionResult)
    with pytest.raises(ValueError, match=r"^hours must be"):
        plotting.disinhibition_figure(out, hours=0.0)
    with pytest.raises(ValueError, match=r"^style"):
        plotting.disinhibition_figure(out, style="poster")
