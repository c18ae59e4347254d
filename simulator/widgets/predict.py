"""Predict, then observe: a student (or a class) commits a prediction before the model's value is shown.

The predict-observe-explain cycle of PhET's design research: the prediction is made and locked first, then the
model's value appears beside it with the difference in words ("You predicted 150 ng/mL; the model gives
177 ng/mL: your prediction is 27 ng/mL (15%) lower"). The explanation stays in the notebook's collapsible answer.

- :data:`QUANTITIES` names what can be predicted. Each :class:`Quantity` reads its value from a
  :class:`~simulator.Result` (its :meth:`~simulator.Result.summary`); nothing here recomputes the science.
- :class:`Prediction` is the widget: a labelled slider (or a choice among ranges, for a sketch-type question),
  a "Commit prediction" button, then the reveal. Until the commit the model's value is in no widget's state:
  it is read from the source only when the prediction is committed. The committed prediction and the reveal
  are synced traits (a saved notebook keeps them) and a plain-Python API (:meth:`Prediction.commit`,
  :attr:`Prediction.predicted`, :attr:`Prediction.revealed`, :attr:`Prediction.difference_text`).
- :class:`PredictionPanel` and :func:`attach` put a prediction beside an explorer: the model's value is the
  explorer's current ``result`` at the moment of the commit.
- :func:`marker` says, in data only, where a figure should draw the prediction (panel, axis, data units).

Keyboard: the slider moves with the arrow keys, the radio buttons with the arrow keys, the buttons take Enter
and Space (the ipywidgets defaults, kept); every control has a description. Teaching models: illustrative, not
for dosing; a prediction is of a teaching model's number, never of a person's.
"""

from __future__ import annotations

import base64
import html
import io
import math
import numbers
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import traitlets

from .._validate import check_choice, check_number
from ..labels import DISCLAIMER, LABEL_TAG, SHORT_DISCLAIMER
from ..pipeline import Result
from ..tables import format_number

__all__ = [
    "MODES",
    "PANELS",
    "QUANTITIES",
    "Marker",
    "Prediction",
    "PredictionPanel",
    "Quantity",
    "WrittenPrediction",
    "attach",
    "difference_text",
    "marker",
    "model_value",
]

#: The panels of the full-chain figure (:class:`~simulator.plotting.FullChainFigure`), top to bottom: the index
#: of each name is its index in ``FullChainFigure.axes``.
PANELS = ("plasma", "block", "acute", "plasticity", "symptoms")
#: How a prediction is entered: a slider (a number) or a choice among ranges (a sketch-type question).
MODES = ("slider", "choice")


def _summary(result) -> dict:
    return result.summary(significant=None)


@dataclass(frozen=True)
class Quantity:
    """One quantity a student can predict, read from a :class:`~simulator.Result` by the model's own summary.

    Parameters
    ----------
    name : str
        Key in :data:`QUANTITIES` (its unit in the name, as everywhere in the package).
    label : str
        What it is, in words ("peak plasma ketamine").
    unit : str
        Unit of the slider and of the reveal.
    low, high, step : float
        The slider's range and step (for ``scale="log"``, ``step`` is in powers of ten).
    start : float
        Where the slider starts: a fixed number of the registry, never the model's value.
    read : callable
        ``read(result) -> float``: the model's value, from :meth:`~simulator.Result.summary`; NaN when the model
        has none (no toy response in the window, say).
    question : str
        The default question the widget asks.
    panel : str
        The panel of the full-chain figure where it shows (:data:`PANELS`).
    axis : {"x", "y", "span"}
        Where a marker goes: a value on the panel's y axis, a time on the x axis, or a duration drawn as a bar
        along the x axis.
    to_figure : float
        Factor from ``unit`` to the figure's units (hours for times and durations; 1 for a y value).
    scale : {"linear", "log"}
        The slider's scale.
    words : tuple of str
        The words for a prediction below and above the model's ("lower", "higher"; "earlier", "later").
    missing : str
        What the reveal says when the model has no value.
    cut : str or None
        The name in ``summary()["cut_by_window"]`` that says the window cuts this quantity short.
    choices : tuple
        ``(label, low, high)`` ranges, in ``unit``, for the choice mode (empty: slider only). They follow one
        another without gaps; the last may end at ``math.inf``.
    """

    name: str
    label: str
    unit: str
    low: float
    high: float
    step: float
    start: float
    read: Callable
    question: str
    panel: str
    axis: str
    to_figure: float = 1.0
    scale: str = "linear"
    words: tuple = ("lower", "higher")
    missing: str = "the model has no value for it in the simulated window"
    cut: str | None = None
    choices: tuple = ()

    def __post_init__(self):
        check_choice("panel", self.panel, PANELS)
        check_choice("axis", self.axis, ("x", "y", "span"))
        check_choice("scale", self.scale, ("linear", "log"))
        if not self.low < self.high:
            raise ValueError(f"{self.name}: low must be below high, got [{self.low}, {self.high}]")
        check_number(f"{self.name}: start", self.start, low=self.low, high=self.high)
        for i, (label, low, high) in enumerate(self.choices):
            if not isinstance(label, str) or not low < high or (i and low != self.choices[i - 1][2]):
                raise ValueError(
                    f"{self.name}: choices must be (label, low, high) ranges that follow one another, got {self.choices}"
                )

    def option_of(self, value: float) -> int | None:
        """Return the index of the choice whose range holds ``value`` (low inclusive), or None."""
        for i, (_, low, high) in enumerate(self.choices):
            if low <= value < high:
                return i
        return None


def _time_choices(first: str) -> tuple:
    return (
        (f"{first} (under 1 h)", 0.0, 1.0),
        ("a few hours later (1 h to 12 h)", 1.0, 12.0),
        ("about a day later (12 h to 3 days)", 12.0, 72.0),
        ("within the first week (3 to 7 days)", 72.0, 168.0),
        ("after a week or more", 168.0, math.inf),
    )


_TIME_WORDS = ("earlier", "later")
_NO_RESPONSE = "the toy score does not reach toy response (a 50% drop) in the simulated window"

#: The quantities a student can predict: name -> :class:`Quantity` (read from ``Result.summary()``).
QUANTITIES = {
    q.name: q
    for q in (
        Quantity("cmax_ng_per_ml", "peak plasma ketamine", "ng/mL", 1.0, 10000.0, 0.01, 100.0,
                 lambda r: _summary(r)["ketamine"]["cmax"], "How high does plasma ketamine peak?", "plasma", "y",
                 scale="log", cut="ketamine peak"),
        Quantity("tmax_min", "time of the plasma ketamine peak", "min", 0.0, 360.0, 1.0, 120.0,
                 lambda r: 60.0 * _summary(r)["ketamine"]["tmax_h"],
                 "When does plasma ketamine peak, after the first dose starts?", "plasma", "x",
                 to_figure=1 / 60, words=_TIME_WORDS, cut="ketamine peak"),
        Quantity("peak_block_pct", "peak NMDA block", "% of channels", 0.0, 100.0, 1.0, 50.0,
                 lambda r: 100.0 * _summary(r)["occupancy"]["peak"], "At its peak, what share of NMDA channels is blocked?",
                 "block", "y", cut="occupancy peak"),
        Quantity("peak_dissociation_pct", "peak toy dissociation", "% of max", 0.0, 100.0, 1.0, 50.0,
                 lambda r: 100.0 * _summary(r)["acute"]["dissociation_peak"],
                 "How strong is the toy dissociation at its peak, as a share of its maximum?", "acute", "y"),
        Quantity("acute_effects_h", "hours of toy acute effects", "h", 0.0, 48.0, 0.25, 12.0,
                 lambda r: _summary(r)["acute"]["hours_with_effects"],
                 "For how many hours in all do the toy acute effects (dissociation, blood pressure) last?", "acute", "span",
                 words=("shorter", "longer"), cut="acute effects resolved"),
        Quantity("days_in_response", "days in toy response", "days", 0.0, 90.0, 0.5, 10.0,
                 lambda r: _summary(r)["symptom"]["days_in_response"],
                 "For how many days is the toy score in toy response (at most half its baseline)?", "symptoms", "span",
                 to_figure=24.0, words=("fewer", "more"), cut="symptom response"),
        Quantity("response_start_h", "time to toy response", "h", 0.0, 168.0, 0.5, 84.0,
                 lambda r: _summary(r)["symptom"]["response_start_h"],
                 "How long after the first dose does the toy score first reach toy response (a 50% drop)?", "symptoms", "x",
                 words=_TIME_WORDS, missing=_NO_RESPONSE, choices=_time_choices("during the dose or within the hour")),
        Quantity("best_score_h", "time of the best toy score", "h", 0.1, 1000.0, 0.02, 3.0,
                 lambda r: _summary(r)["symptom"]["peak_h"], "When is the toy symptom score at its best (lowest)?",
                 "symptoms", "x", scale="log", words=_TIME_WORDS, cut="symptom peak",
                 choices=_time_choices("during the dose or within the hour")),
    )
}  # fmt: skip


def _quantity(quantity) -> Quantity:
    if isinstance(quantity, Quantity):
        return quantity
    if not isinstance(quantity, str):
        raise TypeError(f"quantity must be a name of QUANTITIES {list(QUANTITIES)} or a Quantity, got {type(quantity).__name__}")
    return QUANTITIES[check_choice("quantity", quantity, tuple(QUANTITIES))]


def model_value(result, quantity) -> float:
    """Return the model's value of ``quantity`` (a name of :data:`QUANTITIES`) in ``result``, in its unit (NaN: none)."""
    q = _quantity(quantity)
    if not isinstance(result, Result):
        raise TypeError(f"result must be a simulator.Result, got {type(result).__name__}")
    return float(q.read(result))


def _with_unit(x: float, unit: str) -> str:
    text = format_number(x, 3)
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def difference_text(quantity, predicted, model) -> str:
    """Return the comparison in words: "You predicted X; the model gives Y: your prediction is Z (N%) lower.".

    ``predicted`` is a number in the quantity's unit, or (choice mode) the label of one of its choices;
    ``model`` is the model's value (NaN or None: the model has none, and the text says why). Equal means equal
    at three significant figures; the percentage is of the model's value (none when the model's value is 0).
    A verdict follows: within 10%, within a factor of 2, or off by a factor.
    """
    q = _quantity(quantity)
    has_model = not (model is None or (isinstance(model, numbers.Real) and math.isnan(model)))
    if has_model:
        model = check_number("model", model)
    if isinstance(predicted, str):
        labels = [label for label, _, _ in q.choices]
        check_choice("predicted", predicted, labels)
        mine = labels.index(predicted)
        said = f'You chose "{predicted}"'
        if not has_model:
            return f"{said}; the model gives no value: {q.missing}."
        where = q.option_of(model)
        gives = f"{said}; the model gives {_with_unit(model, q.unit)}"
        if where is None:
            return f"{gives}, outside every choice."
        if where == mine:
            return f"{gives}, in that range: your choice matches."
        steps = abs(where - mine)
        word = q.words[0] if mine < where else q.words[1]
        return f'{gives}, in "{labels[where]}": your choice is {steps} option{"s" if steps > 1 else ""} {word}.'
    p = check_number("predicted", predicted)
    said = f"You predicted {_with_unit(p, q.unit)}"
    if not has_model:
        return f"{said}; the model gives no value: {q.missing}."
    m = model
    gives = f"{said}; the model gives {_with_unit(m, q.unit)}"
    if format_number(p, 3) == format_number(m, 3):
        return f"{gives}: your prediction equals the model's value (to three significant figures)."
    d = p - m
    word = q.words[0] if d < 0 else q.words[1]
    size = f"{format_number(abs(d), 3)} percentage points" if q.unit.startswith("%") else _with_unit(abs(d), q.unit)
    if m == 0:
        return f"{gives}: your prediction is {size} {word} (the model's value is 0, so there is no percentage)."
    percent = 100.0 * abs(d) / abs(m)
    text = f"{gives}: your prediction is {size} ({format_number(percent, 2)}%) {word}."
    if percent <= 10.0:
        return f"{text} Close: within 10%."
    if p > 0 and m > 0:
        factor = max(p / m, m / p)
        if factor <= 2.0:
            return f"{text} The right size: within a factor of 2."
        return f"{text} Off by a factor of {format_number(factor, 2)}."
    return text


@dataclass(frozen=True)
class Marker:
    """Where a figure should draw a prediction, in data only (the figure's owner draws it).

    ``panel`` is a name of :data:`PANELS` and ``panel_index`` its index in ``FullChainFigure.axes``. ``axis``
    "y": a horizontal line (``low == high``) or band at the panel's y values (ng/mL on the plasma panel, % on
    the block panel, % of max on the acute panel); ``axis`` "x": a vertical line or band at ``low``..``high``
    hours after the first dose (divide by 24 on an axis in days; ``high`` may be ``math.inf``: to the end).
    ``label`` is the marker's text.
    """

    quantity: str
    panel: str
    panel_index: int
    axis: str
    low: float
    high: float
    label: str


def marker(quantity, predicted, start_h: float = 0.0) -> Marker:
    """Return where ``predicted`` (a number in the quantity's unit, or a choice's label) goes on the figure.

    A duration (``axis`` "span": hours of acute effects, days in toy response) is a bar of that length along the
    time axis from ``start_h`` (default 0: the first dose). A choice is the band of its range.
    """
    q = _quantity(quantity)
    start_h = check_number("start_h", start_h, low=0.0)
    if isinstance(predicted, str):
        labels = [label for label, _, _ in q.choices]
        _, low, high = q.choices[labels.index(check_choice("predicted", predicted, labels))]
        text = f"your choice: {predicted}"
    else:
        low = high = check_number("predicted", predicted)
        text = f"your prediction: {_with_unit(low, q.unit)}"
    low, high = low * q.to_figure, high * q.to_figure
    if q.axis == "span":
        low, high = start_h, start_h + high
    return Marker(q.name, q.panel, PANELS.index(q.panel), "y" if q.axis == "y" else "x", low, high, text)


def _resolve(source) -> Result:
    """Return the Result of ``source``: a Result, an explorer (its current ``result``) or a callable returning one."""
    result = source if isinstance(source, Result) else source() if callable(source) else getattr(source, "result", None)
    if result is None:
        raise ValueError("nothing has been simulated yet: the source has no result to compare with")
    if not isinstance(result, Result):
        raise TypeError(f"the source must give a simulator.Result, got {type(result).__name__}")
    return result


def _check_source(source) -> None:
    if not (isinstance(source, Result) or callable(source) or hasattr(source, "result")):
        raise TypeError(
            "source must be a simulator.Result, an explorer (with a result) or a callable returning a Result, "
            f"got {type(source).__name__}"
        )


def _flag(name: str, value) -> bool:
    """Return ``value`` if it is True or False, else raise TypeError naming ``name``."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return value


_STYLE = {"description_width": "initial"}


class Prediction(widgets.VBox):
    """A prediction the student commits before the model's value is shown, then the difference in words.

    Parameters
    ----------
    source : Result, explorer or callable
        Where the model's value comes from, read only at the commit: a :class:`~simulator.Result`, an explorer
        (its ``result`` at that moment) or a callable returning a Result.
    quantity : str or Quantity
        A name of :data:`QUANTITIES`.
    mode : {"slider", "choice"}
        A slider over the quantity's range, or a choice among its ranges (quantities with ``choices``).
    question : str, optional
        The question asked (default: the quantity's).
    cover : sequence of widgets
        Widgets hidden until the commit (an explorer's figure and summary, so that a class predicts first).
    statement : bool
        Show the teaching-model statement in the widget (default); False where the page states it already, once
        (the lecture dashboard).

    Raises
    ------
    TypeError, ValueError
        For an unknown quantity or mode, a mode the quantity does not offer, or a source of the wrong type.
    """

    #: The committed prediction: a number in the quantity's unit, or a choice's label; None before the commit.
    predicted = traitlets.Any(None, allow_none=True).tag(sync=True)
    #: True once the prediction is committed and the model's value shown.
    revealed = traitlets.Bool(False).tag(sync=True)
    #: The model's value, read at the commit (None before it, and when the model has none).
    model_value = traitlets.Float(None, allow_none=True).tag(sync=True)
    #: The comparison in words (empty before the commit).
    difference_text = traitlets.Unicode("").tag(sync=True)
    #: The name of the quantity predicted.
    quantity_name = traitlets.Unicode("").tag(sync=True)

    def __init__(self, source, quantity, mode: str = "slider", question: str | None = None, cover=(), statement: bool = True):
        _check_source(source)
        self.quantity = _quantity(quantity)
        self.mode = check_choice("mode", mode, MODES)
        if mode == "choice" and not self.quantity.choices:
            with_choices = [n for n, q in QUANTITIES.items() if q.choices]
            raise ValueError(f"mode 'choice' needs a quantity with choices {with_choices}, got {self.quantity.name!r}")
        if question is not None and (not isinstance(question, str) or not question.strip()):
            raise ValueError(f"question must be a non-empty string or None, got {question!r}")
        self.cover = tuple(cover)
        for i, w in enumerate(self.cover):
            if not isinstance(w, widgets.DOMWidget):
                raise TypeError(f"cover[{i}] must be an ipywidgets widget, got {type(w).__name__}")
        self.source = source
        self.result = None
        q = self.quantity
        self.question_text = question if question is not None else q.question
        self.question = widgets.HTML(f"<p><b>Predict:</b> {html.escape(self.question_text)}</p>")
        self.control = self._build_control()
        self.commit_button = widgets.Button(
            description="Commit prediction", button_style="primary", icon="lock",
            tooltip="Lock in your prediction; the model's value then shows beside it",
        )  # fmt: skip
        self.again_button = widgets.Button(
            description="New prediction", icon="undo", tooltip="Clear the reveal, predict again",
            layout=widgets.Layout(display="none"),
        )  # fmt: skip
        self.reveal = widgets.HTML("")
        self.message = widgets.HTML("")
        self.statement = _flag("statement", statement)
        self.disclaimer = widgets.HTML(f"<p style='color:#7a1f1f;font-size:85%'>{html.escape(DISCLAIMER)}</p>")
        if not self.statement:
            self.disclaimer.layout.display = "none"
        self.commit_button.on_click(lambda _: self._clicked())
        self.again_button.on_click(lambda _: self.reset())
        self._watched = [c for c in getattr(source, "controls", {}).values() if isinstance(c, widgets.ValueWidget)]
        for control in self._watched:  # an explorer: a moved control makes a reveal stale
            control.observe(self._source_changed, names="value")
        super().__init__(
            [self.question, self.control, widgets.HBox([self.commit_button, self.again_button]), self.reveal, self.message,
             self.disclaimer],
            quantity_name=q.name,
        )  # fmt: skip
        self.add_class("ketamine-prediction")
        self._cover(True)

    def _build_control(self):
        q = self.quantity
        if self.mode == "choice":
            return widgets.RadioButtons(options=[label for label, _, _ in q.choices], value=None,
                                        description="Your prediction:", style=_STYLE,
                                        layout=widgets.Layout(width="auto"))  # fmt: skip
        common = {"description": f"Your prediction ({q.unit}):", "style": _STYLE, "continuous_update": False,
                  "layout": widgets.Layout(width="520px"), "tooltip": self.question_text}  # fmt: skip
        if q.scale == "log":
            return widgets.FloatLogSlider(value=q.start, base=10.0, min=math.log10(q.low), max=math.log10(q.high), step=q.step,
                                          readout_format=".3g", **common)  # fmt: skip
        return widgets.FloatSlider(value=q.start, min=q.low, max=q.high, step=q.step, readout_format=".4g", **common)

    # ------------------------------------------------------------------ the plain-Python API
    def check(self, value):
        """Return ``value`` checked as a prediction: a number in the slider's range, or one choice's label (or index)."""
        q = self.quantity
        if self.mode == "choice":
            labels = [label for label, _, _ in q.choices]
            if isinstance(value, int) and not isinstance(value, bool):
                if not 0 <= value < len(labels):
                    raise ValueError(f"prediction (choice of {q.name}) must be an index in [0, {len(labels) - 1}], got {value}")
                return labels[value]
            if value is None:
                raise ValueError(f"prediction (choice of {q.name}): choose one of {labels} first")
            return check_choice(f"prediction (choice of {q.name})", value, labels)
        return check_number(f"prediction of {q.name} ({q.unit})", value, low=q.low, high=q.high)

    def commit(self, value=None) -> str:
        """Lock in ``value`` (default: what the control shows), read the model's value and show both; return the text.

        Raises ValueError when already committed (:meth:`reset` first), for a value out of range or NaN, and when
        the source has nothing simulated; TypeError for a value of the wrong type.
        """
        if self.revealed:
            raise ValueError(f"the prediction of {self.quantity.name} is already committed ({self.predicted!r}): reset() first")
        value = self.check(self.control.value if value is None else value)
        result = _resolve(self.source)  # read the model only now
        model = model_value(result, self.quantity)
        text = difference_text(self.quantity, value, model)
        cut = self.quantity.cut is not None and self.quantity.cut in _summary(result)["cut_by_window"]
        if cut:
            text += " The simulated window cuts this quantity short: a longer window would give a larger value."
        self.result = result
        self.control.value = value
        self.control.disabled = True
        self.commit_button.disabled = True
        self.again_button.layout.display = None
        self.message.value = ""
        self.predicted = value
        self.model_value = model if math.isfinite(model) else None
        self.difference_text = text
        self.reveal.value = (
            f"<p role='status' aria-live='polite'><b>Observe:</b> {html.escape(text)} <span style='font-size:90%'>"
            + (f"(a teaching model's value: {html.escape(SHORT_DISCLAIMER.lower().rstrip('.'))}). " if self.statement else "")
            + "Now explain the difference.</span></p>"
        )
        self.revealed = True
        self._cover(False)
        return text

    def reset(self) -> None:
        """Clear the commit and the reveal (the model's value leaves the widgets); the control is free again."""
        self.result = None
        self.revealed = False
        self.predicted = None
        self.model_value = None
        self.difference_text = ""
        self.reveal.value = ""
        self.message.value = ""
        self.control.disabled = False
        self.commit_button.disabled = False
        self.again_button.layout.display = "none"
        self._cover(True)

    def release(self) -> None:
        """Stop covering and watching the source (the prediction is taken off the page); the reveal stays as it is."""
        for control in self._watched:
            control.unobserve(self._source_changed, names="value")
        self._watched = []
        for w in self.cover:
            w.layout.visibility = None
        self.cover = ()

    def marker(self) -> Marker | None:
        """Return where the committed prediction goes on the full-chain figure (:func:`marker`), or None before it."""
        return None if not self.revealed else marker(self.quantity, self.predicted)

    # ------------------------------------------------------------------ the widget's own events
    def _clicked(self) -> None:
        try:
            self.commit()
        except Exception as error:  # shown in words, never a traceback
            self.message.value = f"<p style='color:#b00' role='alert'>Could not commit: {html.escape(str(error))}</p>"

    def _source_changed(self, _change) -> None:
        if self.revealed and "controls have changed" not in self.message.value:
            self.message.value = (
                "<p style='color:#8a5a00'>Note: the controls have changed since the commit; the reveal is for the settings "
                "then. Press New prediction to predict the new settings.</p>"
            )

    def _cover(self, hidden: bool) -> None:
        for w in self.cover:
            w.layout.visibility = "hidden" if hidden else None

    # ------------------------------------------------------------------ a static copy (an exported handout)
    def plain_text(self) -> str:
        """Return the prediction as text: the question and the answer line, or after the commit the reveal."""
        q = self.quantity
        lines = [f"Predict: {self.question_text}"]
        if self.revealed:
            lines.append(f"Observe: {self.difference_text}")
        elif self.mode == "choice":
            lines += [f"[ ] {label}" for label, _, _ in q.choices]
        else:
            lines.append(f"Your prediction: ________ {q.unit} (from {format_number(q.low, 3)} to {format_number(q.high, 3)})")
        return "\n".join([*lines, DISCLAIMER])

    def render_png(self, dpi: float = 90.0) -> bytes:
        """Return :meth:`plain_text` drawn as a PNG (the picture an exported handout shows instead of the widget)."""
        from matplotlib.figure import Figure

        lines = []  # (text, is the teaching-model statement)
        for line in self.plain_text().splitlines():
            lines += [(part, line == DISCLAIMER) for part in textwrap.wrap(line, 90) or [""]]
        fig = Figure(figsize=(8.0, 0.3 * len(lines) + 0.3))
        for i, (line, label) in enumerate(lines):
            fig.text(0.02, 1 - (i + 0.8) / (len(lines) + 0.5), line, fontsize=10, color="#7a1f1f" if label else "#111111",
                     gid=LABEL_TAG if label else None)  # fmt: skip
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
        return buffer.getvalue()

    def _repr_mimebundle_(self, **kwargs):
        """Return the live widget with a static fallback: the question (or the reveal) as a picture and as text."""
        bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
        bundle["image/png"] = base64.b64encode(self.render_png()).decode("ascii")
        bundle["text/plain"] = self.plain_text()
        from ..export import image_html

        bundle["text/html"] = image_html(bundle["image/png"], bundle["text/plain"], caption=False)  # alt: the same words
        return bundle


class PredictionPanel(widgets.VBox):
    """A prediction beside an explorer: choose what the class predicts, commit, then see the model's value.

    The model's value is the source's ``result`` at the moment of the commit (the settings then). Changing the
    quantity starts a new :class:`Prediction`.

    Parameters
    ----------
    source : explorer, Result or callable
        As for :class:`Prediction`.
    quantity : str
        The quantity first offered (a name of :data:`QUANTITIES`).
    cover : sequence of widgets
        Hidden until each commit (the explorer's figure and summary).
    """

    def __init__(self, source, quantity: str = "cmax_ng_per_ml", cover=(), statement: bool = True):
        _check_source(source)
        self.source, self.cover, self.statement = source, tuple(cover), _flag("statement", statement)
        options = [(f"{q.label} ({q.unit})", name) for name, q in QUANTITIES.items()]
        self.chooser = widgets.Dropdown(options=options, value=_quantity(quantity).name, description="Predict:",
                                        style=_STYLE, layout=widgets.Layout(width="520px"),
                                        tooltip="What the class predicts before the model's value is shown")  # fmt: skip
        self._callbacks = []
        self.prediction = self._new(quantity)
        self.chooser.observe(self._chosen, names="value")
        super().__init__([self.chooser, self.prediction])
        self.add_class("ketamine-prediction-panel")

    def _new(self, quantity) -> Prediction:
        prediction = Prediction(self.source, quantity, cover=self.cover, statement=self.statement)
        prediction.observe(self._revealed, names="revealed")
        return prediction

    def _revealed(self, change) -> None:
        where = change["owner"].marker() if change["new"] else None
        for callback in self._callbacks:
            callback(where)

    def on_reveal(self, callback) -> None:
        """Call ``callback(marker)`` at each commit (the prediction's :class:`Marker`) and each reset (None).

        The figure's owner draws the marker there; it holds for every quantity the chooser offers.
        """
        if not callable(callback):
            raise TypeError(f"callback must be callable, got {type(callback).__name__}")
        self._callbacks.append(callback)

    def _chosen(self, change) -> None:
        old = self.prediction
        old.reset()  # says None to the callbacks when it had been revealed
        old.release()
        self.prediction = self._new(change["new"])
        self.children = (self.chooser, self.prediction)

    def collapse(self, collapsed: bool = True) -> None:
        """Show only the reveal and "New prediction" (``collapsed``), or the whole question again (False).

        Beside a figure on one screen, a committed prediction needs no chooser, question, slider or commit button.
        """
        collapsed = _flag("collapsed", collapsed)
        p = self.prediction
        for widget in (self.chooser, p.question, p.control, p.commit_button):
            widget.layout.display = "none" if collapsed else None

    def release(self) -> None:
        """Uncover the explorer's view and stop watching its controls (before taking the panel off the page)."""
        self.prediction.release()
        self.cover = ()


def attach(explorer, quantity: str = "cmax_ng_per_ml", cover: bool = True) -> PredictionPanel:
    """Return a :class:`PredictionPanel` over ``explorer``'s current result.

    ``cover`` hides the explorer's figure and summary until each commit, so that the class predicts first.
    """
    if not all(hasattr(explorer, name) for name in ("result", "image", "summary")):
        raise TypeError(f"explorer must be a simulator explorer (with result, image and summary), got {type(explorer).__name__}")
    if not isinstance(cover, bool):
        raise TypeError(f"cover must be True or False, got {type(cover).__name__}")
    return PredictionPanel(explorer, quantity, cover=(explorer.image, explorer.summary) if cover else ())


# ---------------------------------------------------------------------- predictions written down (the course notebooks)
def _text_png(text: str, dpi: float = 90.0) -> bytes:
    """Return ``text`` drawn as a PNG, the teaching-model statement in its colour (an exported handout's picture)."""
    from matplotlib.figure import Figure

    lines = []  # (text, is the teaching-model statement)
    for line in text.splitlines():
        lines += [(part, line == DISCLAIMER) for part in textwrap.wrap(line, 90) or [""]]
    fig = Figure(figsize=(8.0, 0.3 * len(lines) + 0.3))
    for i, (line, label) in enumerate(lines):
        fig.text(0.02, 1 - (i + 0.8) / (len(lines) + 0.5), line, fontsize=10, color="#7a1f1f" if label else "#111111",
                 family="monospace" if line[:1] in "+|" else None, gid=LABEL_TAG if label else None)  # fmt: skip
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


class WrittenPrediction(widgets.VBox):
    """A place to write (or choose) the prediction of one predict prompt, kept in the student's working copy.

    The prediction is written in a box (or chosen among the prompt's ``- (a) ...`` options, with the reasons in
    the box), or, for a prompt that asks for a number the model gives, set on a :class:`Prediction` of a
    quantity of :data:`QUANTITIES`. **Commit** locks it and keeps it in ``predictions.json`` in ``folder``
    (:class:`simulator.course.PredictionStore`): a new widget for the same id in the same folder, after a
    kernel restart or a reload, shows it committed. Once committed, the student's words show beside the
    notebook's explanation of that id (its ``<details>`` answer, read from the course source); before, the
    explanation is in no widget. Nothing blocks or raises while nothing is committed, so the notebook runs
    top to bottom unattended.

    Parameters
    ----------
    question_id : str
        The prompt's id ("P04.1").
    source : Result, explorer or callable, optional
        For a prediction of the model's number: where the value comes from (as for :class:`Prediction`).
    quantity : str, optional
        With ``source``: the name of the quantity predicted (:data:`QUANTITIES`).
    mode, question
        As for :class:`Prediction` (with a quantity only).
    folder : str or path
        Where ``predictions.json`` is kept (default: the current folder, the notebook's).
    root : str or path, optional
        Where the course sources are (default: found from the current folder, see
        :func:`simulator.course.find_prompt`); without them the explanation stays in the notebook's
        ``Explain`` block.

    Raises
    ------
    TypeError, ValueError
        For an id of the wrong form or that the notebook does not ask, a missing folder, a quantity without a
        source (or the reverse), and what :class:`Prediction` refuses.
    """

    #: The prompt's id.
    question_id = traitlets.Unicode("").tag(sync=True)
    #: True once the prediction is committed (and kept in the folder's predictions.json).
    committed = traitlets.Bool(False).tag(sync=True)
    #: The committed words (for a number: the number with its unit); empty before the commit.
    text = traitlets.Unicode("").tag(sync=True)
    #: The committed choice's letter, or None.
    choice = traitlets.Unicode(None, allow_none=True).tag(sync=True)

    def __init__(self, question_id: str, source=None, quantity=None, mode: str = "slider", question=None, folder=".",
                 root=None):  # fmt: skip
        from .. import course

        self.prompt = course.find_prompt(question_id, root)
        self.store = course.PredictionStore(folder)
        if (source is None) != (quantity is None):
            raise ValueError(f"source and quantity go together (a prediction of the model's number), got source={source!r} "
                             f"and quantity={quantity!r}")  # fmt: skip
        self.inner = None if quantity is None else Prediction(source, quantity, mode=mode, question=question, statement=False)
        options = self.prompt.choices if self.prompt is not None else ()
        self.header = widgets.HTML(f"<p><b>Your prediction ({html.escape(question_id)})</b>: committed, it is kept in "
                                   f"{html.escape(course.PREDICTIONS_FILE)} in this folder and the explanation shows beside "
                                   "it.</p>")  # fmt: skip
        self.options = widgets.RadioButtons(options=[(f"({k}) {t}", k) for k, t in options], value=None,
                                            description="Your choice:", style=_STYLE, layout=widgets.Layout(width="auto"),
                                            tooltip="Choose the option you predict")  # fmt: skip
        self.words = widgets.Textarea(value="", rows=3, description="Why:" if options else "Your prediction:", style=_STYLE,
                                      placeholder="Write your prediction (and why) before running the next cell",
                                      layout=widgets.Layout(width="95%"))  # fmt: skip
        self.commit_button = widgets.Button(description="Commit", button_style="primary", icon="lock",
                                            tooltip="Lock in your prediction; the explanation then shows beside it")  # fmt: skip
        self.message = widgets.HTML("")
        self.mine = widgets.HTML("")
        self.explanation = widgets.Output()
        self.reveal = widgets.HBox([widgets.Box([self.mine], layout=widgets.Layout(width="40%")),
                                    widgets.Box([self.explanation], layout=widgets.Layout(width="60%"))],
                                   layout=widgets.Layout(display="none"))  # fmt: skip
        disclaimer = widgets.HTML(f"<p style='color:#7a1f1f;font-size:85%'>{html.escape(DISCLAIMER)}</p>")
        if self.inner is not None:
            controls = [self.inner]
            self.inner.observe(self._inner_revealed, names="revealed")
        else:
            controls = ([self.options] if options else []) + [self.words, self.commit_button]
            self.commit_button.on_click(lambda _: self._clicked())
        super().__init__([self.header, *controls, self.message, self.reveal, disclaimer], question_id=question_id)
        self.add_class("ketamine-written-prediction")
        self._restoring = False
        try:
            entry = self.store.get(question_id)
        except ValueError as error:  # a broken file: said in words, the notebook runs on
            entry = None
            self.message.value = f"<p style='color:#b00' role='alert'>{html.escape(str(error))}</p>"
        if entry is not None:
            self._restore(entry)

    # ------------------------------------------------------------------ the plain-Python API
    def commit(self, text: str | None = None, choice: str | None = None, value=None) -> dict:
        """Lock in the prediction (default: what the controls show), keep it in the file, show the explanation.

        ``text`` is the student's words, ``choice`` an option's letter; with a quantity, ``value`` is the number
        (or a choice's label) of :meth:`Prediction.commit`. Returns the kept entry. ValueError when committed
        already, for an empty prediction, an unknown choice or a value out of range.
        """
        if self.committed:
            raise ValueError(f"the prediction {self.question_id} is committed already ({self.text!r}); it is kept in "
                             f"{self.store.path}")  # fmt: skip
        if self.inner is not None:
            if text is not None or choice is not None:
                raise ValueError(f"{self.question_id} predicts a number ({self.inner.quantity.name}): commit(value=...)")
            self.inner.commit(value)  # saved by _inner_revealed
            return self.store.get(self.question_id)
        if value is not None:
            raise ValueError(f"{self.question_id} is a written prediction: commit(text=..., choice=...), not value")
        text = self.words.value if text is None else text
        choice = self.options.value if choice is None else choice
        letters = [k for k, _ in (self.prompt.choices if self.prompt is not None else ())]
        if choice is not None and choice not in letters:
            raise ValueError(f"choice of {self.question_id} must be one of {letters}, got {choice!r}")
        entry = self.store.commit(self.question_id, text=text, choice=choice)
        self._show(entry)
        return entry

    def plain_text(self) -> str:
        """Return the prompt and an empty box (or the committed prediction beside the explanation) as text."""
        from .. import course

        entry = self.store.get(self.question_id) if self.committed else None
        text = course.prediction_text(self.question_id, self.prompt, entry)
        if self.inner is not None and entry is None:  # the slider's range (or the ranges to choose from)
            text = "\n".join([text.splitlines()[0], *self.inner.plain_text().splitlines()[1:]])
        return text

    def render_png(self, dpi: float = 90.0) -> bytes:
        """Return :meth:`plain_text` drawn as a PNG (what an exported handout shows instead of the widget)."""
        return _text_png(self.plain_text(), dpi)

    def _repr_mimebundle_(self, **kwargs):
        """Return the live widget with a static fallback: the prompt and its empty box as a picture and as text."""
        bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
        bundle["image/png"] = base64.b64encode(self.render_png()).decode("ascii")
        bundle["text/plain"] = self.plain_text()
        return bundle

    # ------------------------------------------------------------------ the widget's own events
    def _clicked(self) -> None:
        try:
            self.commit()
        except Exception as error:  # shown in words, never a traceback
            self.message.value = f"<p style='color:#b00' role='alert'>Could not commit: {html.escape(str(error))}</p>"

    def _inner_revealed(self, change) -> None:
        if not change["new"] or self._restoring:
            return
        p = self.inner
        value = p.predicted
        if isinstance(value, str):  # a choice among ranges: kept by its label
            entry = self.store.commit(self.question_id, text=value, quantity=p.quantity.name)
        else:
            entry = self.store.commit(self.question_id, text=_with_unit(value, p.quantity.unit), value=value,
                                      quantity=p.quantity.name)  # fmt: skip
        self._show(entry)

    def _restore(self, entry: dict) -> None:
        """Show a prediction committed earlier (read from the file)."""
        if self.inner is not None:
            self._restoring = True
            try:
                self.inner.commit(entry["value"] if entry.get("value") is not None else entry.get("text"))
            except (TypeError, ValueError) as error:
                self.message.value = f"<p style='color:#b00' role='alert'>{html.escape(str(error))}</p>"
            finally:
                self._restoring = False
        else:
            if entry.get("choice") in [k for k, _ in (self.prompt.choices if self.prompt is not None else ())]:
                self.options.value = entry["choice"]
            self.words.value = entry.get("text", "")
        self._show(entry)

    def _show(self, entry: dict) -> None:
        """Lock the controls and show the committed prediction beside the explanation (read only now)."""
        from IPython.display import Markdown

        self.text, self.choice, self.committed = entry.get("text", ""), entry.get("choice"), True
        for control in (self.options, self.words, self.commit_button):
            control.disabled = True
        if self.inner is not None:
            self.inner.again_button.layout.display = "none"  # committed once: kept in the file
        choices = dict(self.prompt.choices) if self.prompt is not None else {}
        said = []
        if self.choice:
            said.append(f"<b>({html.escape(self.choice)})</b> {html.escape(choices.get(self.choice, ''))}")
        if self.text:
            said.append(html.escape(self.text).replace("\n", "<br>"))
        key = self.prompt.key if self.prompt is not None else None
        verdict = ""
        if key and self.choice:
            verdict = (f"<p>You chose ({html.escape(self.choice)}); the explanation's answer is ({html.escape(key)})"
                       f"{': your choice matches' if key == self.choice else ''}.</p>")  # fmt: skip
        when = html.escape(entry.get("committed_at", ""))
        self.mine.value = (f"<div role='status' aria-live='polite'><p><b>You predicted</b> (committed {when}):</p>"
                           f"<p>{'<br>'.join(said)}</p>{verdict}</div>")  # fmt: skip
        self.message.value = ""
        self.explanation.outputs = ()
        if self.prompt is not None and self.prompt.answer:
            self.explanation.append_display_data(Markdown(f"**Explanation ({self.question_id})**\n\n{self.prompt.answer}"))
        else:
            self.explanation.append_display_data(Markdown(f"The explanation is in **Explain ({self.question_id})** below."))
        self.reveal.layout.display = None
