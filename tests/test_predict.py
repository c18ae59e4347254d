"""The prediction widget: the model's value stays out of the page until the commit, then shows with the difference in words.

Values are compared with the Result itself (its summary and its arrays), never with the widget's own reading.
Teaching model: illustrative, not for dosing.
"""

import math
import re

import numpy as np
import pytest

import simulator as sim

widgets = pytest.importorskip("ipywidgets")

from simulator.widgets import Prediction, PredictionPanel, TimeCourseExplorer  # noqa: E402
from simulator.widgets.predict import (  # noqa: E402
    MODES,
    PANELS,
    QUANTITIES,
    Marker,
    attach,
    difference_text,
    marker,
    model_value,
)

#: The three regimens every quantity must read: one standard infusion, a 2 mg/kg IV bolus, the esketamine nasal course.
REGIMENS = ("standard-infusion", "anaesthetic-induction", "esketamine-label-course")
FOLLOW_UP_H = 24.0 * 28  # long enough after the last dose for the toy response to end


@pytest.fixture(scope="module")
def results():
    out = {}
    for name in REGIMENS:
        regimen, patient, options = sim.scenarios.get(name)
        options["end_h"] = regimen.end_h + FOLLOW_UP_H
        out[name] = sim.simulate(regimen, patient, grid="log", **options)
    return out


def expected(result, name):
    """The model's value of ``name``, read here from the summary by hand."""
    s = result.summary(significant=None)
    return {
        "cmax_ng_per_ml": s["ketamine"]["cmax"],
        "tmax_min": 60.0 * s["ketamine"]["tmax_h"],
        "peak_block_pct": 100.0 * s["occupancy"]["peak"],
        "peak_dissociation_pct": 100.0 * s["acute"]["dissociation_peak"],
        "acute_effects_h": s["acute"]["hours_with_effects"],
        "days_in_response": s["symptom"]["days_in_response"],
        "response_start_h": s["symptom"]["response_start_h"],
        "best_score_h": s["symptom"]["peak_h"],
    }[name]


def tree(widget):
    """Every widget reachable from ``widget`` (children, layouts, styles), depth first."""
    out, stack = [], [widget]
    while stack:
        w = stack.pop(0)
        out.append(w)
        for key in w.keys:
            value = getattr(w, key)
            items = value if isinstance(value, (list, tuple)) else [value]
            stack += [v for v in items if isinstance(v, widgets.Widget) and v not in out and v not in stack]
    return out


def visible_state(widget) -> list:
    """The state of every widget in the tree, widget references left out (their ids differ between instances)."""
    states = []
    for w in tree(widget):
        state = {k: v for k, v in w.get_state().items() if not (isinstance(v, str) and v.startswith("IPY_MODEL_"))}
        state = {k: v for k, v in state.items() if not (isinstance(v, list) and any("IPY_MODEL_" in str(x) for x in v))}
        states.append((type(w).__name__, state))
    return states


def numbers_in(states) -> tuple:
    """Every number in the states, and every numeral written in their strings."""
    found, text = [], []

    def walk(value):
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, (int, float)):
            found.append(float(value))
        elif isinstance(value, str):
            text.append(value)
            found.extend(float(x) for x in re.findall(r"\d+(?:\.\d+)?", value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(states)
    return found, " ".join(text)


# ----------------------------------------------------------------------------- the registry reads the model
def test_the_registry_covers_what_the_course_asks():
    for name in ("cmax_ng_per_ml", "tmax_min", "peak_block_pct", "peak_dissociation_pct", "acute_effects_h",
                 "days_in_response", "response_start_h"):  # fmt: skip
        assert name in QUANTITIES
    for name, q in QUANTITIES.items():
        assert q.name == name and q.label and q.unit and q.question.endswith("?")
        assert q.low <= q.start <= q.high and q.panel in PANELS


@pytest.mark.parametrize("regimen", REGIMENS)
@pytest.mark.parametrize("name", sorted(QUANTITIES))
def test_every_quantity_is_finite_and_read_from_the_result(results, regimen, name):
    result = results[regimen]
    value = model_value(result, name)
    assert math.isfinite(value), f"{name} of {regimen} is {value}"
    assert value == pytest.approx(expected(result, name), rel=1e-12)


@pytest.mark.parametrize("regimen", REGIMENS)
def test_the_peaks_are_the_peaks_of_the_curves(results, regimen):
    """Independent of the summary: the largest value of each curve."""
    r = results[regimen]
    assert model_value(r, "cmax_ng_per_ml") == pytest.approx(r.plasma("ketamine", "ng/mL").max(), rel=1e-3)
    assert model_value(r, "peak_block_pct") == pytest.approx(100 * r.occupancy.max(), rel=1e-3)
    assert model_value(r, "peak_dissociation_pct") == pytest.approx(100 * r.dissociation_index.max(), rel=1e-9)
    t_peak = model_value(r, "tmax_min") / 60.0
    assert np.interp(t_peak, r.time_h, r.plasma("ketamine")) == pytest.approx(r.plasma("ketamine").max(), rel=1e-3)


# ----------------------------------------------------------------------------- nothing before the commit
@pytest.mark.parametrize(
    "mode_name", [("slider", n) for n in QUANTITIES] + [("choice", "best_score_h"), ("choice", "response_start_h")]
)
def test_before_the_commit_the_page_is_the_same_whatever_the_model_says(results, mode_name):
    """The widget built over two different results has the same state: nothing of the model is in it."""
    mode, name = mode_name
    a = Prediction(results["standard-infusion"], name, mode=mode)
    b = Prediction(results["anaesthetic-induction"], name, mode=mode)
    assert visible_state(a) == visible_state(b)
    assert a.predicted is None and not a.revealed and a.model_value is None and a.difference_text == ""
    assert a.result is None


@pytest.mark.parametrize("name", sorted(QUANTITIES))
def test_the_models_value_is_in_no_widget_before_the_commit_and_in_the_reveal_after(results, name):
    result = results["standard-infusion"]
    truth = expected(result, name)
    p = Prediction(result, name)
    written = {f"{float(f'{truth:.{d}g}'):g}" for d in (2, 3)}

    def present(states) -> bool:
        numbers, text = numbers_in(states)
        near = any(math.isclose(x, truth, rel_tol=1e-3) for x in numbers)
        return near or any(re.search(rf"(?<![\d.]){re.escape(w)}(?![\d])", text) for w in written)

    assert not present(visible_state(p)), f"{name}: the model's value {truth:g} is in the page before the commit"
    assert not present(p.plain_text()), "the static fallback gives the value away"
    low, high = p.quantity.low, p.quantity.high
    guess = low + 0.123 * (high - low) if p.quantity.scale == "linear" else low * (high / low) ** 0.123
    p.commit(guess)
    assert present(visible_state(p)), "the check above would not see the value (the reveal must show it)"


# ----------------------------------------------------------------------------- the commit and the reveal
def test_commit_reveals_the_models_value_beside_the_prediction(results):
    result = results["standard-infusion"]
    truth = result.summary()["ketamine"]["cmax"]  # 3 significant figures, as the reveal writes it
    p = Prediction(result, "cmax_ng_per_ml")
    text = p.commit(150.0)
    assert p.revealed and p.predicted == 150.0 and p.control.value == pytest.approx(150.0)
    assert p.model_value == pytest.approx(expected(result, "cmax_ng_per_ml"), rel=1e-12)
    assert p.difference_text == text and f"{truth:g} ng/mL" in text and "You predicted 150 ng/mL" in text
    assert "lower" in text and f"{format(expected(result, 'cmax_ng_per_ml') - 150, '.3g')} ng/mL" in text
    assert f"{truth:g}" in p.reveal.value and "role='status'" in p.reveal.value
    assert p.control.disabled and p.commit_button.disabled and p.again_button.layout.display is None
    state = p.get_state()  # what a saved notebook keeps
    assert state["predicted"] == 150.0 and state["revealed"] is True and state["difference_text"] == text
    with pytest.raises(ValueError, match="already committed"):
        p.commit(100.0)


def test_reset_takes_the_models_value_out_of_the_page_again(results):
    fresh = Prediction(results["standard-infusion"], "peak_block_pct")
    p = Prediction(results["standard-infusion"], "peak_block_pct")
    p.commit(50.0)
    p.reset()
    assert visible_state(p) == visible_state(fresh)
    p.commit(30.0)
    assert p.revealed and p.predicted == 30.0


def test_the_button_commits_what_the_slider_shows_and_errors_show_in_words(results):
    p = Prediction(results["standard-infusion"], "days_in_response")
    p.control.value = 4.0
    p.commit_button.click()
    assert p.revealed and p.predicted == 4.0 and "4 days" in p.difference_text
    p.again_button.click()
    assert not p.revealed
    choice = Prediction(results["standard-infusion"], "best_score_h", mode="choice")
    choice.commit_button.click()  # nothing chosen yet: said, not raised
    assert not choice.revealed and "choose one of" in choice.message.value


def test_a_choice_reveals_which_range_the_model_falls_in(results):
    result = results["standard-infusion"]
    peak_h = expected(result, "best_score_h")
    p = Prediction(result, "best_score_h", mode="choice")
    right = p.quantity.option_of(peak_h)
    text = p.commit(right)
    assert "your choice matches" in text and p.predicted == p.quantity.choices[right][0]
    q = Prediction(result, "best_score_h", mode="choice")
    assert "1 option earlier" in q.commit(right - 1)


def test_a_window_that_cuts_the_quantity_short_is_said(results):
    regimen, patient, _ = sim.scenarios.get("standard-infusion")
    short = sim.simulate(regimen, patient, end_h=24.0)
    assert "symptom response" in short.summary()["cut_by_window"]
    text = Prediction(short, "days_in_response").commit(2.0)
    assert "cuts this quantity short" in text


# ----------------------------------------------------------------------------- the words
@pytest.mark.parametrize(
    "name, predicted, model, words",
    [
        ("cmax_ng_per_ml", 150.0, 177.0, ["You predicted 150 ng/mL", "gives 177 ng/mL", "27 ng/mL (15%) lower", "factor of 2"]),
        ("cmax_ng_per_ml", 200.0, 177.0, ["23 ng/mL (13%) higher"]),
        ("cmax_ng_per_ml", 177.04, 177.0, ["equals the model's value"]),
        ("cmax_ng_per_ml", 178.0, 177.0, ["1 ng/mL (0.56%) higher", "Close: within 10%"]),
        ("cmax_ng_per_ml", 110.0, 100.0, ["(10%) higher", "Close: within 10%"]),
        ("cmax_ng_per_ml", 200.0, 100.0, ["(100%) higher", "within a factor of 2"]),
        ("cmax_ng_per_ml", 1000.0, 100.0, ["(900%) higher", "Off by a factor of 10"]),
        ("cmax_ng_per_ml", 10.0, 100.0, ["(90%) lower", "Off by a factor of 10"]),
        ("days_in_response", 0.0, 2.0, ["2 days (100%) fewer"]),
        ("days_in_response", 2.0, 0.0, ["2 days more", "the model's value is 0, so there is no percentage"]),
        ("days_in_response", 0.0, 0.0, ["equals"]),
        ("tmax_min", 30.0, 40.0, ["10 min (25%) earlier"]),
        ("acute_effects_h", 3.0, 1.0, ["2 h (200%) longer", "factor of 3"]),
        ("peak_block_pct", 40.0, 45.4, ["You predicted 40% of channels", "5.4 percentage points (12%) lower"]),
        ("response_start_h", 24.0, math.nan, ["no value", "does not reach toy response"]),
        ("response_start_h", 24.0, None, ["no value"]),
    ],
)
def test_the_difference_in_words(name, predicted, model, words):
    text = difference_text(name, predicted, model)
    for w in words:
        assert w in text, f"{w!r} not in {text!r}"


def test_the_difference_of_a_choice_in_words():
    labels = [label for label, _, _ in QUANTITIES["best_score_h"].choices]
    assert "matches" in difference_text("best_score_h", labels[2], 36.5)
    assert "2 options later" in difference_text("best_score_h", labels[4], 36.5)
    assert "1 option earlier" in difference_text("best_score_h", labels[1], 36.5)
    assert "no value" in difference_text("best_score_h", labels[1], math.nan)
    assert "outside every choice" in difference_text("best_score_h", labels[1], -1.0)


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "value, error, words",
    [
        (math.nan, ValueError, ["prediction of cmax_ng_per_ml (ng/mL)", "in [1, 10000]", "nan"]),
        (math.inf, ValueError, ["in [1, 10000]", "inf"]),
        (20000.0, ValueError, ["prediction of cmax_ng_per_ml", "in [1, 10000]", "20000"]),
        (0.5, ValueError, ["in [1, 10000]", "0.5"]),
        ("177", TypeError, ["prediction of cmax_ng_per_ml", "'177'", "str"]),
        (True, TypeError, ["prediction of cmax_ng_per_ml", "bool"]),
        ([177.0], TypeError, ["list"]),
    ],
)
def test_a_bad_prediction_is_refused_naming_the_field_the_value_and_the_range(results, value, error, words):
    p = Prediction(results["standard-infusion"], "cmax_ng_per_ml")
    with pytest.raises(error) as caught:
        p.commit(value)
    for w in words:
        assert w in str(caught.value), f"{w!r} not in {caught.value}"
    assert not p.revealed and p.model_value is None


def test_a_bad_choice_is_refused(results):
    p = Prediction(results["standard-infusion"], "best_score_h", mode="choice")
    with pytest.raises(ValueError, match=r"index in \[0, 4\], got 5"):
        p.commit(5)
    with pytest.raises(ValueError, match="must be one of"):
        p.commit("next year")
    with pytest.raises(TypeError):
        p.commit(2.5)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"quantity": "cmax"}, ValueError, ["quantity must be one of", "cmax_ng_per_ml", "'cmax'"]),
        ({"quantity": 3}, TypeError, ["quantity", "int"]),
        ({"mode": "sketch"}, ValueError, ["mode must be one of", str(list(MODES)), "'sketch'"]),
        ({"mode": "choice"}, ValueError, ["mode 'choice' needs a quantity with choices", "'cmax_ng_per_ml'"]),
        ({"question": ""}, ValueError, ["question must be a non-empty string"]),
        ({"cover": [3]}, TypeError, ["cover[0]", "int"]),
        ({"source": 3.0}, TypeError, ["source must be a simulator.Result", "float"]),
    ],
)
def test_a_bad_argument_is_refused(results, kwargs, error, words):
    arguments = {"source": results["standard-infusion"], "quantity": "cmax_ng_per_ml", **kwargs}
    with pytest.raises(error) as caught:
        Prediction(**arguments)
    for w in words:
        assert w in str(caught.value), f"{w!r} not in {caught.value}"


def test_model_value_and_the_words_refuse_bad_input(results):
    with pytest.raises(TypeError, match=r"result must be a simulator\.Result"):
        model_value("standard-infusion", "cmax_ng_per_ml")
    with pytest.raises(ValueError, match="quantity must be one of"):
        model_value(results["standard-infusion"], "peak")
    with pytest.raises(TypeError, match="predicted must be a real number"):
        difference_text("cmax_ng_per_ml", None, 177.0)
    with pytest.raises(ValueError, match="model must be a finite number"):
        difference_text("cmax_ng_per_ml", 150.0, math.inf)


def test_a_source_with_nothing_simulated_says_so():
    class Empty:
        result = None

    p = Prediction(Empty(), "cmax_ng_per_ml")
    with pytest.raises(ValueError, match="nothing has been simulated yet"):
        p.commit(100.0)
    p.commit_button.click()
    assert "nothing has been simulated yet" in p.message.value and not p.revealed


# ----------------------------------------------------------------------------- keyboard and words for every control
@pytest.mark.parametrize("mode_name", [("slider", "cmax_ng_per_ml"), ("slider", "tmax_min"), ("choice", "best_score_h")])
def test_every_control_is_keyboard_operable_and_described(results, mode_name):
    mode, name = mode_name
    p = Prediction(results["standard-infusion"], name, mode=mode)
    expected_type = {"slider": (widgets.FloatSlider, widgets.FloatLogSlider), "choice": (widgets.RadioButtons,)}[mode]
    assert isinstance(p.control, expected_type)  # arrow keys move them (ipywidgets' own keyboard handling)
    assert p.control.description.startswith("Your prediction") and not p.control.disabled
    assert isinstance(p.commit_button, widgets.Button) and p.commit_button.description == "Commit prediction"
    for button in (p.commit_button, p.again_button):  # native buttons: Enter and Space
        assert button.description and button.tooltip and button.tabbable is not False
    assert p.question_text in p.question.value or "Predict:" in p.question.value
    assert "not for dosing" in p.disclaimer.value


# ----------------------------------------------------------------------------- beside an explorer
@pytest.fixture(scope="module")
def explorer():
    return TimeCourseExplorer(dose_mg_per_kg=0.5, sessions=1)


def test_attach_reads_the_explorers_result_at_the_commit_and_covers_its_view_until_then(explorer):
    panel = attach(explorer, "peak_block_pct")
    assert isinstance(panel, PredictionPanel)
    assert explorer.image.layout.visibility == "hidden" and explorer.summary.layout.visibility == "hidden"
    explorer.dose.value = 1.0  # the settings move before the commit: the value is read at the commit
    assert explorer.last_error is None
    truth = 100.0 * explorer.result.summary(significant=None)["occupancy"]["peak"]
    panel.prediction.commit(30.0)
    assert panel.prediction.model_value == pytest.approx(truth, rel=1e-12)
    assert explorer.image.layout.visibility is None and explorer.summary.layout.visibility is None
    explorer.dose.value = 0.5
    assert "controls have changed" in panel.prediction.message.value
    panel.chooser.value = "acute_effects_h"  # another quantity: a new prediction, the view covered again
    assert panel.prediction.quantity.name == "acute_effects_h" and not panel.prediction.revealed
    assert explorer.image.layout.visibility == "hidden"
    assert panel.children[-1] is panel.prediction
    panel.prediction.commit(1.0)
    panel.release()  # taken off the page: the view shows again and the controls are no longer watched
    assert explorer.image.layout.visibility is None and explorer.summary.layout.visibility is None
    uncovered = attach(explorer, "cmax_ng_per_ml", cover=False)
    assert uncovered.prediction.cover == () and explorer.image.layout.visibility is None


def test_the_panel_tells_the_figure_where_to_draw_each_prediction(explorer):
    seen = []
    panel = attach(explorer, "peak_block_pct", cover=False)
    panel.on_reveal(seen.append)
    panel.prediction.commit(30.0)
    assert seen == [marker("peak_block_pct", 30.0)]
    panel.prediction.reset()
    assert seen[-1] is None
    panel.chooser.value = "tmax_min"  # the callback holds for the next quantity too
    panel.prediction.commit(40.0)
    assert seen[-1] == marker("tmax_min", 40.0) and seen[-1].axis == "x"
    panel.chooser.value = "cmax_ng_per_ml"
    assert seen[-1] is None
    with pytest.raises(TypeError, match="callback must be callable"):
        panel.on_reveal("draw")
    panel.release()


class _FakeExplorer:
    result = image = summary = None


def test_attach_refuses_what_is_not_an_explorer(results):
    with pytest.raises(TypeError, match="explorer must be a simulator explorer"):
        attach(results["standard-infusion"], "cmax_ng_per_ml")
    with pytest.raises(TypeError, match="cover must be True or False"):
        attach(_FakeExplorer(), cover="yes")


def test_a_callable_source_is_read_at_the_commit(results):
    calls = []

    def current():
        calls.append(1)
        return results["esketamine-label-course"]

    p = Prediction(current, "days_in_response")
    assert not calls, "the model must not be read before the commit"
    p.commit(20.0)
    assert calls and p.model_value == pytest.approx(expected(results["esketamine-label-course"], "days_in_response"))


# ----------------------------------------------------------------------------- where the figure draws it
def test_the_markers_panels_are_the_full_chain_figures_panels():
    from simulator.plotting import FullChainFigure

    figure = FullChainFigure()
    labels = [ax.get_ylabel().lower() for ax in figure.axes]
    assert len(labels) == len(PANELS)
    for name, label in zip(PANELS, labels, strict=True):
        assert (name if name != "block" else "blocked") in label, (name, label)


def test_the_marker_is_in_the_panels_data_units():
    assert marker("cmax_ng_per_ml", 150.0) == Marker(
        "cmax_ng_per_ml", "plasma", 0, "y", 150.0, 150.0, "your prediction: 150 ng/mL"
    )
    m = marker("tmax_min", 40.0)
    assert (m.panel, m.axis, m.low, m.high) == ("plasma", "x", pytest.approx(40 / 60), pytest.approx(40 / 60))
    m = marker("days_in_response", 2.0, start_h=15.0)
    assert (m.panel_index, m.axis, m.low, m.high) == (4, "x", 15.0, 63.0)
    m = marker("peak_dissociation_pct", 30.0)
    assert (m.panel, m.axis, m.low) == ("acute", "y", 30.0)
    label = QUANTITIES["best_score_h"].choices[4][0]
    m = marker("best_score_h", label)
    assert (m.axis, m.low, m.high) == ("x", 168.0, math.inf)
    with pytest.raises(ValueError, match="start_h"):
        marker("days_in_response", 2.0, start_h=-1.0)


def test_a_prediction_gives_its_marker_only_after_the_commit(results):
    p = Prediction(results["standard-infusion"], "peak_block_pct")
    assert p.marker() is None
    p.commit(60.0)
    assert p.marker() == marker("peak_block_pct", 60.0)


# ----------------------------------------------------------------------------- a notebook shows it, and a handout too
def test_the_notebook_output_has_a_static_fallback_with_the_teaching_model_statement(results):
    p = Prediction(results["standard-infusion"], "cmax_ng_per_ml")
    bundle = p._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and bundle["image/png"]
    assert "not for dosing" in bundle["text/plain"] and "Your prediction: ________ ng/mL" in bundle["text/plain"]
    p.commit(150.0)
    assert p.difference_text in p._repr_mimebundle_()["text/plain"]


def test_a_collapsed_panel_shows_only_the_reveal_and_new_prediction():
    panel = PredictionPanel(TimeCourseExplorer(), "cmax_ng_per_ml")
    p = panel.prediction
    asking = (panel.chooser, p.question, p.control, p.commit_button)
    p.commit(150.0)
    panel.collapse()
    assert all(w.layout.display == "none" for w in asking)
    assert p.reveal.layout.display != "none" and p.again_button.layout.display != "none" and "Observe" in p.reveal.value
    panel.collapse(False)
    assert all(w.layout.display != "none" for w in asking)
    with pytest.raises(TypeError, match="collapsed"):
        panel.collapse("yes")
