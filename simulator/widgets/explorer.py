"""Explorers: controls over the package, thin shells over :func:`simulator.simulate` and the figure classes.

Each explorer builds its figure once; a control change calls :meth:`Explorer.update` (testable without a
browser), which simulates, updates the figure's artists in place and renders one PNG into an image widget.
Common to all: reset, pin and clear pins, lock axes, projector style, exports (slide PNG, SVG, CSV with
provenance), a live text summary under the figure (screen readers read text, not pixels), and a message
area that says in words when the model is in a notable range. Errors appear in the panel, never as a
traceback. Changes arriving faster than the figure draws are coalesced: the last value wins. Initial values
outside a control's range raise ``ValueError`` naming the argument and the range (a slider would clamp them).
Teaching models: illustrative, not for dosing.
"""

from __future__ import annotations

import asyncio
import base64
import html
import warnings
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as widgets
from traitlets import Unicode

from .._validate import check_choice, check_int, check_number
from ..labels import DISCLAIMER
from ..pipeline import MAX_END_H

__all__ = [
    "BASELINE_RANGE",
    "CONTROL_LAYOUT",
    "CONTROL_STYLE",
    "DOSE_RANGE_MG_PER_KG",
    "DURATION_RANGE_MIN",
    "EXPORT_KINDS",
    "INTERVAL_RANGE_DAYS",
    "SESSIONS_RANGE",
    "WEIGHT_RANGE_KG",
    "Explorer",
    "check_end_h",
    "checkbox",
    "differing_labels",
    "dropdown",
    "slider",
]

#: Slider ranges: the exploration space of the teaching model (illustrative regimens, not recommendations),
#: from sub-analgesic to anaesthetic doses.
DOSE_RANGE_MG_PER_KG = (0.05, 2.0, 0.05)
DURATION_RANGE_MIN = (1.0, 240.0, 1.0)
WEIGHT_RANGE_KG = (40.0, 150.0, 1.0)
SESSIONS_RANGE = (1, 12, 1)
INTERVAL_RANGE_DAYS = (1.0, 14.0, 0.5)
BASELINE_RANGE = (10.0, 60.0, 1.0)
#: What the export buttons write.
EXPORT_KINDS = ("png", "svg", "csv")

#: Style and layout of every control: descriptions in a 175-pixel column, controls 370 pixels wide (labels wrap, never cut).
CONTROL_STYLE = {"description_width": "175px"}
#: See :data:`CONTROL_STYLE`.
CONTROL_LAYOUT = widgets.Layout(width="370px")
#: The page's own style: labels wrap instead of being cut; projector style enlarges the page's text with the figure
#: (controls, labels, summary, table, notes) and widens the label column so that no label is cut.
PAGE_CSS = (
    "<style>"
    ".ketamine-explorer .widget-label {white-space: normal !important; overflow: visible !important;"
    " text-overflow: clip !important; height: auto !important; line-height: 1.15; overflow-wrap: break-word;}"
    ".ketamine-explorer .widget-inline-hbox {height: auto !important; min-height: var(--jp-widgets-inline-height);}"
    ".ketamine-explorer .widget-button, .ketamine-explorer .widget-toggle-button {width: auto !important;"
    " min-width: 80px; padding: 0 12px;}"
    ".ketamine-explorer .widget-html, .ketamine-explorer .widget-html-content {min-height: 0 !important;}"
    ".ketamine-explorer table.ketamine-cases {border-collapse: collapse; margin: 4px 0;}"
    ".ketamine-explorer table.ketamine-cases td, .ketamine-explorer table.ketamine-cases th"
    " {padding: 1px 8px; text-align: right; border-bottom: 1px solid #ddd; vertical-align: bottom;}"
    ".ketamine-explorer table.ketamine-cases th:first-child, .ketamine-explorer table.ketamine-cases td:first-child"
    " {text-align: left;}"
    ".ketamine-explorer .ketamine-summary p, .ketamine-explorer .ketamine-notes p {margin: 2px 0;}"
    ".ketamine-projector, .ketamine-projector .widget-label, .ketamine-projector .widget-readout,"
    " .ketamine-projector select, .ketamine-projector button, .ketamine-projector p, .ketamine-projector td,"
    " .ketamine-projector th, .ketamine-projector summary {font-size: 20px !important;}"
    ".ketamine-projector .ketamine-summary p {font-size: 17px !important; line-height: 1.25;}"
    ".ketamine-projector .ketamine-prediction p {font-size: 18px !important; line-height: 1.25; margin: 2px 0 !important;}"
    ".ketamine-projector .widget-label {line-height: 1.15;}"
    "body:has(.ketamine-projector) .jp-RenderedMarkdown h1 {font-size: 28px !important; margin: 0 0 4px 0 !important;}"
    "body:has(.ketamine-projector) .jp-RenderedMarkdown p {margin: 0 0 4px 0 !important; font-size: 18px !important;}"
    "body:has(.ketamine-projector) .jp-RenderedMarkdown details {display: inline; font-size: 18px;}"
    ".ketamine-projector .ketamine-preset {width: 630px !important;}"
    ".ketamine-projector .ketamine-preset > .widget-label {width: 90px !important; max-width: 90px !important;}"
    ".ketamine-projector .ketamine-control {width: 600px !important;}"
    ".ketamine-projector .ketamine-control > .widget-label {width: 280px !important; max-width: 280px !important;}"
    ".ketamine-projector .ketamine-panel {min-width: 640px !important; width: 640px !important;}"
    ".ketamine-projector .widget-checkbox, .ketamine-projector .widget-checkbox label,"
    " .ketamine-projector .widget-checkbox span {font-size: 20px !important;}"
    "</style>"
)
#: Names every slider handle after its description (``aria-label``), so that a screen reader says what a slider
#: controls: ipywidgets 8.1's sliders (noUiSlider handles, role slider) have no accessible name, and no trait or
#: label reaches the handle from Python. The page's hidden HTML widget runs it from an image that fails to decode
#: (``data:,``; no request, no console error); a MutationObserver names handles drawn later or redrawn. Once per page.
SLIDER_NAMES_JS = (
    "if (!window.__ketamineSliderNames) { window.__ketamineSliderNames = true;"
    " const name = () => document.querySelectorAll('.widget-slider').forEach(slider => {"
    " const label = slider.querySelector('.widget-label'); const text = label ? label.textContent.trim() : '';"
    " const handles = slider.querySelectorAll('.noUi-handle');"
    " handles.forEach((handle, i) => { const said = handles.length > 1 ? `${text} (${i ? 'upper' : 'lower'})` : text;"
    " if (said && handle.getAttribute('aria-label') !== said) handle.setAttribute('aria-label', said); }); });"
    " name(); new MutationObserver(name).observe(document.body, {childList: true, subtree: true}); }"
)
PAGE_SCRIPT = f'<img src="data:," alt="" hidden onerror="{html.escape(SLIDER_NAMES_JS, quote=True)}">'


class _FigureImage(widgets.Image):
    """The figure's image widget, with its text alternative in ``tooltip`` (an ``img`` title: its accessible name).

    An ipywidgets 8.1 front end (``@jupyter-widgets/base`` 6, in JupyterLab and in Voila) sets a DOM widget's
    ``tooltip`` as the element's title only when its ``description`` is empty, and reads ``description.length``
    unchecked: a plain ``Image``, which has no description, fails to render with a tooltip ("Could not create a
    view for model id ...", jupyter-widgets/ipywidgets#3921). This image syncs an empty description, so the title is set.
    """

    description = Unicode("", help="Always empty: lets the front end set the tooltip as the image's title.").tag(sync=True)


def slider(kind, name, value, limits, description):
    """Return a slider over ``limits`` (low, high, step) starting at ``value``, checked: a slider would clamp it."""
    low, high, step = limits
    if kind is widgets.IntSlider:
        value = check_int(name, value, low=low, high=high)
    else:
        value = check_number(name, value, low=low, high=high)
    return kind(value=value, min=low, max=high, step=step, description=description, style=CONTROL_STYLE, layout=CONTROL_LAYOUT,
                continuous_update=False)  # fmt: skip


def dropdown(name, value, options, description):
    """Return a dropdown over ``options`` ((label, value) pairs) starting at ``value``, checked."""
    allowed = tuple(v for _, v in options)
    if value not in allowed or isinstance(value, bool) != isinstance(allowed[0], bool):
        raise ValueError(f"{name} must be one of {list(allowed)}, got {value!r}")
    return widgets.Dropdown(options=options, value=value, description=description, style=CONTROL_STYLE, layout=CONTROL_LAYOUT)


def checkbox(name, value, description):
    """Return a checkbox starting at ``value`` (True or False, else TypeError naming ``name``)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return widgets.Checkbox(value=value, description=description, style=CONTROL_STYLE, indent=False)


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Explorer:
    """Shared shell over one figure object (``figure``: built once, drawn with ``render_png``).

    Subclasses build their controls (a dict, name -> ipywidgets control) and figure, then call
    ``super().__init__(controls)``; they implement :meth:`draw` (simulate and update the figure),
    :meth:`describe` (the live text summary) and may implement :meth:`notes` (notable-range messages),
    :meth:`pin_label` and :meth:`write_data` (the CSV export).

    Parameters
    ----------
    controls : dict
        Name -> ipywidgets control with a value, in display order.
    side : bool
        Controls beside the figure (a dashboard on a projector) instead of above it.
    header : sequence of widgets
        Shown above the controls and not reset (a preset menu, say).
    tools : sequence of widgets
        Buttons of the explorer's own, at the end of the toolbar row (not reset).
    """

    figure = None
    name = "explorer"
    dpi = 90.0

    def __init__(self, controls, side: bool = False, header=(), tools=()):
        if not isinstance(controls, dict):
            raise TypeError(f"controls must be a dict of name -> ipywidgets control, got {type(controls).__name__}")
        if not controls:
            raise ValueError("controls must hold at least one ipywidgets control, got an empty dict")
        for name, control in controls.items():
            if not isinstance(control, widgets.ValueWidget):
                raise TypeError(f"controls[{name!r}] must be an ipywidgets control with a value, got {type(control).__name__}")
        self.controls = dict(controls)
        self.defaults = {name: control.value for name, control in self.controls.items()}
        # the figure, named by the live summary's words (``image.tooltip``): a screen reader reading it gets the numbers
        self.image = _FigureImage(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.summary = widgets.HTML(layout=widgets.Layout(max_width="1220px"))
        self.summary.add_class("ketamine-summary")
        self.message = widgets.HTML()
        self.message.add_class("ketamine-notes")
        self.table = widgets.HTML()  # the comparison table: the live case and each pinned case, key numbers side by side
        self.table.add_class("ketamine-table")
        self.cases = []  # what each pin showed, as the descriptors of :meth:`case` (oldest first, as the figure's pins)
        self.downloads = widgets.HTML()
        self.disclaimer = widgets.HTML(f"<p style='color:#7a1f1f;font-size:90%'><b>{html.escape(DISCLAIMER)}</b></p>")
        self.reset_button = widgets.Button(description="Reset", tooltip="Every control back to its starting value")
        self.pin_button = widgets.Button(description="Pin curve", tooltip="Keep the curves now shown as faded ghosts")
        self.clear_button = widgets.Button(description="Clear pins", tooltip="Remove every pinned curve")
        self.lock = widgets.Checkbox(value=False, description="lock axes", indent=False, layout=widgets.Layout(width="auto"))
        self.projector = widgets.ToggleButton(value=False, description="Projector style",
                                              tooltip="Large text and thick lines for a lecture hall")  # fmt: skip
        self.export_buttons = {
            kind: widgets.Button(description=f"Export {kind.upper()}", tooltip=f"Save the {label}")
            for kind, label in (("png", "figure as a 1920x1080 slide"), ("svg", "figure as SVG"), ("csv", "data as CSV"))
        }
        self.reset_button.on_click(lambda _: self.reset())
        self.pin_button.on_click(lambda _: self.pin())
        self.clear_button.on_click(lambda _: self.clear_pins())
        self.lock.observe(lambda change: self._lock(change["new"]), names="value")
        self.projector.observe(lambda change: self._projector(change["new"]), names="value")
        for kind, button in self.export_buttons.items():
            button.on_click(lambda _, kind=kind: self._export_clicked(kind))
        self.export_dir = Path.cwd() / "exports"
        self.result = None
        self.summary_text = ""
        self.last_error = None
        self.warnings_shown = []
        self.draws = 0
        self._holding = False
        self._pending = False
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
            control.add_class("ketamine-control")
        # one row of buttons, exports included: the page keeps its height for the figure and the summary
        toolbar = widgets.HBox([self.reset_button, self.pin_button, self.clear_button, self.lock, self.projector,
                                *self.export_buttons.values(), *tools], layout=widgets.Layout(flex_flow="row wrap"))  # fmt: skip
        # beside the figure (a lecture screen), the notes go under the controls, so that figure and summary fit one screen
        self.slot = widgets.VBox()  # a prediction panel, when the class predicts first (beside the figure: under the notes)
        panel = widgets.VBox([*header, *self.controls.values(), *([self.table, self.message, self.slot] if side else [])],
                             layout=widgets.Layout(min_width="380px"))  # fmt: skip
        panel.add_class("ketamine-panel")
        below = [self.summary] if side else [self.slot, self.summary, self.table, self.message]
        view = widgets.VBox([self.image, *below])
        body = widgets.HBox([panel, view]) if side else widgets.VBox([panel, view])
        # a style applies from a hidden element too, and so does the script that names the sliders
        css = widgets.HTML(PAGE_CSS + PAGE_SCRIPT, layout=widgets.Layout(display="none"))
        self.downloads.layout.display = "none"  # until there is a link
        self.panel = widgets.VBox([css, self.disclaimer, toolbar, self.downloads, body])
        self.panel.add_class("ketamine-explorer")
        self._sync()
        self.update()

    # ------------------------------------------------------------------ what subclasses provide
    def draw(self) -> None:
        """Simulate the current control values and update :attr:`figure` (subclasses)."""
        raise NotImplementedError

    def describe(self) -> str:
        """Return the live text summary of what the figure shows (subclasses)."""
        raise NotImplementedError

    def notes(self) -> list[str]:
        """Return messages for a notable range the model is in (anaesthetic concentrations, say); none by default."""
        return []

    def pin_label(self) -> str:
        """Return the label of a pin of the current curves, in full (the pin's legend says only what differs)."""
        return " ".join(self.case().values())

    def case(self) -> dict:
        """Return what the controls say now, as short descriptors in display order (name -> text, e.g. "every 7 d").

        A pin's label is made of the descriptors that differ between the pinned cases (:func:`differing_labels`).
        """
        return {name: f"{_short(control.description)} {_value_text(control)}" for name, control in self.controls.items()}

    def summary_html(self, summary: str) -> str:
        """Return the live summary as the page shows it: one status paragraph (screen readers announce it)."""
        return f"<p role='status' aria-live='polite'>{html.escape(summary)}</p>"

    def key_numbers(self, shown) -> dict:
        """Return the key numbers of ``shown`` (what a pin or the live figure shows) for the comparison table.

        Name (with unit) -> value, computed on the model side; none by default (explorers with a Result give some).
        """
        return {}

    def write_data(self, path: Path) -> Path:
        """Write the plotted data as CSV with its provenance header (subclasses with a :class:`~simulator.Result`)."""
        from ..export import write_csv

        if self.result is None:
            raise ValueError("nothing to export yet: no simulation has run")
        return write_csv(self.result, path)

    def _sync(self) -> None:
        """Enable or disable controls that depend on others (subclasses)."""

    # ------------------------------------------------------------------ the update path
    def _on_change(self, _change) -> None:
        if self._holding:
            return
        self._sync()
        self.request()

    def request(self) -> None:
        """Ask for a redraw: at once without an event loop (tests, scripts); in a kernel, after the changes queued.

        Changes that arrive while a redraw is pending are coalesced into it: the last value wins, and a dragged
        slider never queues a backlog of frames.
        """
        loop = _running_loop()
        if loop is None:
            self.update()
            return
        if not self._pending:
            self._pending = True
            loop.call_soon(self._flush)

    def _flush(self) -> None:
        self._pending = False
        self.update()

    @contextmanager
    def hold(self):
        """Change several controls without a redraw for each; one redraw follows."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        self._sync()
        self.update()

    def update(self) -> None:
        """Simulate the current values and redraw; show notes, warnings and errors in the panel, in words."""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self.draw()
                summary = self.describe()
                notes = self.notes()
            png = self.figure.render_png(dpi=self.dpi)  # the data drawn over a cached background
            with self.image.hold_sync():  # the frame and its text alternative in one message
                self.image.value = png
                self.image.tooltip = summary
            self.draws += 1
            self.last_error = None
            self.warnings_shown = [w.category for w in caught]
            said = list(dict.fromkeys([*notes, *(str(w.message) for w in caught)]))  # each once
            self.summary_text = summary  # the words of the status line, for the static fallback
            self.summary.value = self.summary_html(summary)
            self.table.value = self.comparison_html()
            self.message.value = "".join(f"<p style='color:#8a5a00'>Note: {html.escape(text)}</p>" for text in said)
        except Exception as error:  # shown to the user in words, kept for a developer; never a traceback
            self.last_error = error
            self.message.value = (
                f"<p style='color:#b00'>Could not update: {html.escape(f'{type(error).__name__}: {error}')}. "
                "Change a control or press Reset.</p>"
            )

    # ------------------------------------------------------------------ buttons
    def reset(self) -> None:
        """Put every control back to its starting value and the axes as they were at the start (one redraw)."""
        with self.hold():
            for name, control in self.controls.items():
                control.value = self.defaults[name]
            self.lock.value = False
            self.figure.reset_view()

    def pin(self, label: str | None = None) -> None:
        """Keep the curves now shown as pinned curves, each pin in its own colour and dash.

        ``label`` (default: what differs from the other pinned cases, e.g. "every 7 d"); the summary's table
        lists the pinned cases beside the live one.
        """
        case = self.case() if label is None else {"label": label}
        self.figure.pin(label if label is not None else self.pin_label())
        self.cases = [*self.cases, case][-len(self.figure.pins) :]
        if label is None or len(self.cases) > 1:
            self.figure.relabel_pins(differing_labels(self.cases))
        if not self._holding:  # inside hold() the redraw that ends it draws the pin too
            self.image.value = self.figure.render_png(dpi=self.dpi)
        self._refresh_summary()

    def clear_pins(self) -> None:
        """Remove every pinned curve."""
        self.figure.clear_pins()
        self.cases = []
        self.image.value = self.figure.render_png(dpi=self.dpi)
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        if self.summary_text:
            self.table.value = self.comparison_html()

    def comparison_html(self) -> str:
        """Return the comparison table: the live case and each pinned case, with their key numbers side by side.

        Rows are the key numbers of :meth:`key_numbers` (3 significant figures), columns the cases: "now" and
        each pin (a swatch of its colour and dash, and its label). Empty when the explorer gives no key numbers.
        """
        from ..tables import format_number

        live = self.key_numbers(self.result) if self.result is not None else {}
        if not live:
            return ""
        rows = [("now", "#0072B2", "", live)]
        rows += [(p.label, p.color, p.linestyle, self.key_numbers(p.shown)) for p in self.figure.pins if p.shown is not None]
        head = "".join(f"<th>{_swatch(color, dash)}<br>{html.escape(label)}</th>" for label, color, dash, _ in rows)
        body = ""
        for name in live:
            cells = "".join(f"<td>{html.escape(format_number(numbers.get(name, float('nan'))))}</td>" for *_, numbers in rows)
            body += f"<tr><th scope='row'>{html.escape(name)}</th>{cells}</tr>"
        return f"<table class='ketamine-cases' aria-label='cases compared'><tr><th></th>{head}</tr>{body}</table>"

    def _lock(self, locked: bool) -> None:
        self.figure.lock_axes(locked)
        if not self._holding:
            self.update()

    #: The style the projector toggle switches the figure to (the dashboard gives a screen-height variant).
    projector_style = "projector"

    def _projector(self, on: bool) -> None:
        self.figure.set_style(self.projector_style if on else "notebook")
        (self.panel.add_class if on else self.panel.remove_class)("ketamine-projector")
        self.update()

    def export(self, kind: str, directory=None) -> Path:
        """Write the figure as a slide PNG (1920x1080) or SVG, or the data as CSV with provenance; return the path.

        Files go to ``directory`` (default ``./exports``), named after the explorer, the time, this kernel's process
        id and a random tag (:func:`simulator.export.unique_name`), so that no two kernels (students) sharing a
        folder overwrite each other's files; a download link and the full path appear in the panel.
        """
        from ..export import save_figure, unique_name

        check_choice("kind", kind, EXPORT_KINDS)
        folder = Path(self.export_dir if directory is None else directory)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / unique_name(f"ketamine-sim-{self.name}", kind)
        if kind == "csv":
            self.write_data(path)
        else:
            save_figure(self.figure.fig, path)
            self.figure.invalidate_background()  # the export drew the figure at another size: redraw the background
        mime = {"png": "image/png", "svg": "image/svg+xml", "csv": "text/csv"}[kind]
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        self.downloads.layout.display = None
        self.downloads.value = (
            f"<a download='{html.escape(path.name)}' href='data:{mime};base64,{data}'>download {html.escape(path.name)}</a>"
            f" (saved as {html.escape(str(path.resolve()))})"
        )
        return path

    def _export_clicked(self, kind: str) -> None:
        try:
            self.export(kind)
        except Exception as error:  # e.g. an unwritable folder: said in the panel
            self.downloads.layout.display = None
            self.downloads.value = f"<span style='color:#b00'>Could not export: {html.escape(str(error))}</span>"

    def _repr_mimebundle_(self, **kwargs):
        """Return the live panel with a static fallback: the figure as PNG and the summary as text.

        Jupyter shows the live panel; an exported HTML or PDF handout, which has no live widgets, shows the
        figure as it was drawn and the summary under it: as HTML (the picture with the summary as its alt text and
        caption), as PNG and as text.
        """
        from ..export import image_html

        bundle = dict(self.panel._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = f"{self.summary_text}\n{DISCLAIMER}".strip()
        if self.image.value:
            bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
            bundle["text/html"] = image_html(bundle["image/png"], bundle["text/plain"])  # the picture named by its summary
        return bundle


def differing_labels(cases) -> list[str]:
    """Return a short label per case: the descriptors whose text differs between ``cases`` (dicts, name -> text).

    With one case, or cases alike, each label is the case's first descriptors in full. Missing names count as
    different (a preset pinned beside a case set by hand).
    """
    cases = [dict(c) for c in cases]
    names = list(dict.fromkeys(name for case in cases for name in case))
    differ = [n for n in names if len({case.get(n, "") for case in cases}) > 1]
    labels = []
    for case in cases:
        words = [case[n] for n in (differ or names[:3]) if case.get(n)]
        labels.append(" ".join(words) if words else "same as now")
    return labels


def _short(description: str) -> str:
    return description.split(" (")[0]


def _swatch(color: str, dash) -> str:
    """Return an inline SVG line sample of a pin's colour and dash (solid for the live case)."""
    pattern = ""
    if dash:
        _offset, seq = dash if isinstance(dash, tuple) else (0, ())
        pattern = f" stroke-dasharray='{' '.join(f'{2 * v:g}' for v in seq)}'" if seq else ""
    return (
        f"<svg width='36' height='10' aria-hidden='true'><line x1='0' y1='5' x2='36' y2='5' stroke='{color}'"
        f" stroke-width='3'{pattern}/></svg>"
    )


def _value_text(control) -> str:
    value = control.value
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def check_end_h(end_h) -> float:
    """Return ``end_h`` checked to lie in (0, 8760] hours."""
    return check_number("end_h", end_h, low=0.0, high=MAX_END_H, low_inclusive=False)
