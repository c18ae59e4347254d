"""The explorers and the lecture dashboard, driven as a student or lecturer would, without a browser.

Every control at its extremes and at settings hypothesis chooses gives finite plotted data drawn where the
axes put it (the decoded PNG is checked), no error and no warning but the range messages; a change shows
exactly what `simulate` returns; presets show their band;
reset, pins, exports, projector style, coalescing and error display behave. Teaching model: illustrative.
"""

import csv
import html
import io
import re
import warnings

import ipywidgets as widgets
import matplotlib.colors as mcolors
import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.legend import Legend
from matplotlib.text import Text
from PIL import Image

import simulator as sim
from simulator import plotting, scenarios
from simulator.literature import OutsideValidityWarning
from simulator.plasticity import conventional_antidepressant
from simulator.style import get_style
from simulator.tables import format_number as sim_format
from simulator.widgets import (
    ChannelBlockExplorer,
    LectureDashboard,
    PharmacokineticsExplorer,
    ReceptorExplorer,
    SessionsExplorer,
    TimeCourseExplorer,
)
from simulator.widgets import (
    explorer as shell,
)
from simulator.widgets.chain import PRESETS

pytestmark = pytest.mark.slow  # explorers redraw whole figures: seconds each (the fast tier leaves them out)

EXPLORERS = {
    "pharmacokinetics": PharmacokineticsExplorer,
    "time course": TimeCourseExplorer,
    "dashboard": LectureDashboard,
    "receptor": ReceptorExplorer,
    "channel block": ChannelBlockExplorer,
    "sessions": SessionsExplorer,
}
#: Notes the explorers may show: range messages (set validity, anaesthetic range, the clinic visit), and the
#: metabolite's brain access after a swallowed dose.
RANGE_NOTES = ("outside", "anaesthetic concentrations", "supervised clinic visit", "validity", "reaches the brain less well")


def _plotted(explorer) -> list:
    """Every y array the explorer's figure draws as data (lines with data, and the receptor picture)."""
    arrays = [
        np.asarray(line.get_ydata(), dtype=float) for line in explorer.figure.fig.findobj(lambda a: hasattr(a, "get_ydata"))
    ]
    return [a for a in arrays if a.size]


def _check_state(explorer, where: str) -> None:
    assert explorer.last_error is None, f"{where}: {explorer.last_error!r}"
    assert all(issubclass(c, OutsideValidityWarning) for c in explorer.warnings_shown), f"{where}: {explorer.warnings_shown}"
    for text in explorer.message.value.split("Note: ")[1:]:
        assert any(key in text for key in RANGE_NOTES), f"{where}: unexpected message {text!r}"
    for values in _plotted(explorer):
        finite = values[~np.isnan(values)]  # NaN only where a log axis leaves out time 0
        assert finite.size and np.all(np.isfinite(finite)), where
    assert explorer.image.value[:4] == b"\x89PNG", where
    assert "Teaching model" in explorer.summary.value, where


def _settable(control):
    """Values to try for a control: its extremes (sliders) or every option (menus, checkboxes)."""
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base**control.min, control.base**control.max]
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        return [control.min, control.max]
    if isinstance(control, widgets.Checkbox):
        return [False, True]
    return [value for _, value in control.options] if isinstance(control.options[0], tuple) else list(control.options)


def _drawn(explorer, samples: int = 12, radius: int = 2, tolerance: int = 60) -> tuple:
    """Decode the explorer's PNG and look, at points sampled along every opaque data line, for the line's colour.

    A point counts as shown when the line's colour, or that of a line drawn over it, is within ``radius`` pixels;
    points under a legend or a text are left out. Returns (points found, points sampled). A stale, blank or
    misplaced picture finds few: the pixels must show the data the figure holds now, where its axes put them.
    """
    image = np.asarray(Image.open(io.BytesIO(explorer.image.value)).convert("RGB")).astype(int)
    fig = explorer.figure.fig
    width, height = (round(v) for v in fig.get_size_inches() * explorer.dpi)
    assert image.shape[:2] == (height, width), f"PNG is {image.shape[1]}x{image.shape[0]}, the figure {width}x{height}"
    renderer = fig.canvas.get_renderer()
    covers = [a.get_window_extent(renderer) for a in fig.findobj(lambda a: isinstance(a, (Legend, Text)) and a.get_visible())]
    covers = [c for c in covers if c.width > 0 and c.height > 0]
    found = sampled = 0
    for ax in fig.axes:
        box, lines = ax.bbox, [line for line in ax.get_lines() if line.get_visible()]
        for k, line in enumerate(lines):
            if line.get_alpha() not in (None, 1.0) or line.get_linestyle() in ("None", "", " "):
                continue
            if line.get_linewidth() < 1.0 or np.size(line.get_xdata()) < 2:
                continue
            xy = line.get_transform().transform(np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float))
            inside = np.all(np.isfinite(xy), axis=1) & (xy[:, 0] > box.x0 + 3) & (xy[:, 0] < box.x1 - 3)
            inside &= (xy[:, 1] > box.y0 + 3) & (xy[:, 1] < box.y1 - 3)
            for c in covers:
                inside &= ~((xy[:, 0] >= c.x0 - 1) & (xy[:, 0] <= c.x1 + 1) & (xy[:, 1] >= c.y0 - 1) & (xy[:, 1] <= c.y1 + 1))
            xy = xy[inside]
            if len(xy) < 2:
                continue
            colours = np.array([mcolors.to_rgb(other.get_color()) for other in [line, *lines[k + 1 :]]]) * 255
            for x, y in xy[np.linspace(0, len(xy) - 1, samples).astype(int)]:
                col, row = round(x), round(height - y)
                window = image[max(row - radius, 0) : row + radius + 1, max(col - radius, 0) : col + radius + 1]
                sampled += 1
                distance = np.abs(window.reshape(-1, 1, 3) - colours[None, :, :]).sum(axis=2)
                found += bool(window.size) and distance.min() <= tolerance
    return found, sampled


def _check_pixels(explorer, where: str) -> None:
    found, sampled = _drawn(explorer)
    assert sampled >= 10 and found >= 0.8 * sampled, f"{where}: the picture shows {found} of {sampled} sampled data points"


def _value(control, u: float):
    """The value at ``u`` in [0, 1) along a control: on its slider steps, or one of its options (as they are now)."""
    if isinstance(control, widgets.FloatLogSlider):
        return float(control.base ** (control.min + u * (control.max - control.min)))
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        steps = round((control.max - control.min) / control.step)
        return control.min + control.step * min(int(u * (steps + 1)), steps)
    options = _settable(control)
    return options[min(int(u * len(options)), len(options) - 1)]


_BUILT: dict = {}


def _explorer(name):
    """One explorer per kind for the whole module: hypothesis moves its controls as a student would."""
    if name not in _BUILT:
        _BUILT[name] = EXPLORERS[name]()
    return _BUILT[name]


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_control_at_its_extremes_shows_finite_data_drawn_where_it_is(name):
    explorer = EXPLORERS[name]()
    _check_state(explorer, f"{name}: start")
    _check_pixels(explorer, f"{name}: start")
    for key, control in explorer.controls.items():
        for value in _settable(control):
            if not control.disabled:
                control.value = value
                _check_state(explorer, f"{name}: {key}={value!r}")
        explorer.reset()
    _check_pixels(explorer, f"{name}: after reset")


@pytest.mark.parametrize("name", list(EXPLORERS))
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=(Phase.explicit, Phase.generate),
)  # fmt: skip  (no shrinking: each example redraws a figure; the report names it)
@given(data=st.data())
def test_random_combinations_show_finite_data_drawn_where_it_is(name, data):
    """Hypothesis chooses 20 varied settings of every control at once (it seeks the corners 200 seeded draws missed)."""
    explorer = _explorer(name)
    # one fraction per control, drawn whatever the state (options and enabled controls change with the settings)
    where = data.draw(
        st.lists(st.floats(0.0, 1.0, exclude_max=True), min_size=len(explorer.controls), max_size=len(explorer.controls))
    )
    chosen = {}
    with explorer.hold():
        for (key, control), u in zip(explorer.controls.items(), where, strict=True):
            if not control.disabled:
                chosen[key] = control.value = _value(control, u)
    where = f"{name}: {chosen}"
    _check_state(explorer, where)
    _check_pixels(explorer, where)
    assert not re.search(r"\bnan\b|\binf\b", explorer.summary.value, re.IGNORECASE), f"{where}: {explorer.summary.value}"


def test_the_pixel_check_fails_on_a_stale_or_blank_picture():
    explorer = PharmacokineticsExplorer(dose_mg_per_kg=0.5)
    _check_pixels(explorer, "fresh")
    stale = explorer.image.value
    explorer.controls["dose"].value = 2.0
    explorer.image.value = stale
    found, sampled = _drawn(explorer)
    assert found < 0.8 * sampled  # the old picture does not show the new curve where the axes put it
    blank = io.BytesIO()
    Image.new("RGB", Image.open(io.BytesIO(stale)).size, "white").save(blank, format="PNG")
    explorer.image.value = blank.getvalue()
    assert _drawn(explorer)[0] == 0


def test_the_pharmacokinetics_explorer_shows_exactly_what_simulate_returns():
    explorer = PharmacokineticsExplorer()
    explorer.drug.value = "esketamine"
    assert [r for _, r in explorer.route.options] == ["infusion", "bolus", "intranasal", "oral"]  # the set's routes
    explorer.route.value = "intranasal"
    assert explorer.duration.disabled  # an infusion time only for an infusion
    assert explorer.dose.disabled and not explorer.devices.disabled  # nasal esketamine: whole 28 mg devices
    explorer.devices.value = 3
    explorer.weight.value = 82.0
    explorer.unit.value = "uM"
    expected = sim.simulate(sim.Intranasal(dose_mg=84, drug="esketamine"), sim.Patient(weight_kg=82.0), end_h=12.0)
    assert "84 mg by intranasal spray" in explorer.summary.value
    figure = explorer.figure
    np.testing.assert_array_equal(figure.parent_line.get_ydata(), expected.plasma("ketamine", "uM"))
    np.testing.assert_array_equal(figure.effect_line.get_ydata(), expected.effect_site("ketamine", "uM"))
    np.testing.assert_array_equal(figure.metabolite_line.get_ydata(), expected.plasma("norketamine", "uM"))
    assert "µM" in figure.ax.get_ylabel()
    explorer.scale.value = "log"
    assert explorer.figure.ax.get_yscale() == "log"
    explorer.curves.value = "brain"
    assert not explorer.figure.parent_line.get_visible() and explorer.figure.effect_line.get_visible()


def test_overlaying_published_sets_draws_each_as_simulated():
    explorer = PharmacokineticsExplorer(dose_mg_per_kg=0.5, duration_min=40.0)
    explorer.overlay.value = True
    overlay = explorer.figure.overlay
    names = [n for _, n in explorer.pk_set.options if n not in ("default", "clements_1981")]
    assert explorer.pk_set.options[0] == ("default: Clements 1981", "default")  # a menu never shows a blank
    assert len(overlay) == min(5, len(names)) > 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OutsideValidityWarning)
        kamp = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), pk_set="kamp_2020", end_h=12.0)
    line = next(line for line in overlay if "kamp_2020" in line.get_label())
    np.testing.assert_array_equal(line.get_ydata(), kamp.plasma())
    assert len({(line.get_color(), line.get_linestyle(), line.get_marker()) for line in overlay}) == len(overlay)


def test_the_time_course_explorer_shows_exactly_what_simulate_returns():
    explorer = TimeCourseExplorer()
    assert explorer.interval.disabled  # one session: no spacing to choose
    explorer.sessions.value = 3
    assert not explorer.interval.disabled
    explorer.interval.value = 4.0
    explorer.placebo.value = "midazolam"
    regimen = sim.Regimen.repeat(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), every_h=96.0, count=3)
    end_h = regimen.end_h + 24.0 * 28
    expected = sim.simulate(regimen, time_h=plotting.log_axis_times(end_h))
    figure = explorer.figure
    np.testing.assert_array_equal(figure.score.get_ydata(), expected.symptom_score)
    np.testing.assert_array_equal(figure.dissociation.get_ydata(), 100 * expected.dissociation_index)
    comparator = conventional_antidepressant(days=end_h / 24.0, step_h=0.25)
    keep = comparator.time_h <= end_h
    np.testing.assert_array_equal(figure.comparator.get_ydata(), comparator.symptom_score[keep])
    assert figure.placebo.get_visible() and "midazolam" in figure.placebo.get_label()
    # three sessions: the course axis (days, the first day expanded), x in days; one session: the log axis, x in hours
    assert figure.axis == "course" and figure.axes[-1].get_xscale() == "function"
    np.testing.assert_allclose(figure.score.get_xdata(), expected.time_h / 24.0)
    explorer.sessions.value = 1
    assert figure.axis == "log" and figure.axes[-1].get_xscale() == "log"


@pytest.mark.parametrize("label", list(PRESETS))
def test_every_dashboard_preset_applies_and_shows_its_band(label):
    dashboard = LectureDashboard(preset=None)
    dashboard.preset.value = label
    shown, first = PRESETS[label]
    scenario = scenarios.preset(shown)
    assert dashboard.last_error is None and dashboard.scenario is scenario
    assert dashboard.result.regimen == scenario.regimen and dashboard.result.patient == scenario.patient
    assert dashboard.result.pk_set.name == scenario.options.get("pk_set", dashboard.result.pk_set.name)
    assert html.escape(scenario.description) in dashboard.summary.value
    assert (first is not None) == bool(dashboard.figure.pins)  # a comparison pins the first case
    if scenario.band is None:
        assert dashboard.figure.band is None
    else:
        band = {b.name: b for b in sim.receptor.BANDS}[scenario.band]
        assert scenario.band in dashboard.figure.band.get_label()
        plasma = dashboard.result.plasma("ketamine", "ng/mL")
        assert np.any((plasma >= band.low_ng_per_ml) & (plasma <= band.high_ng_per_ml))  # the curve passes through it
    dashboard.dose.value = 0.3  # moving a control leaves the preset
    assert dashboard.scenario is None and dashboard.figure.band is None and dashboard.preset.value == shown_choice()


def shown_choice():
    return "choose a preset..."


def _band_pixels(png: bytes) -> int:
    """Count the pixels of a decoded frame in the colour of a preset's band (BAND_COLORS[3] at alpha 0.25 on white)."""
    from simulator.plotting._common import BAND_COLORS

    expected = 255 * (0.25 * np.array(mcolors.to_rgb(BAND_COLORS[3])) + 0.75)
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)
    return int(np.sum(np.all(np.abs(rgb - expected) <= 2.0, axis=-1)))


def test_a_preset_is_simulated_and_drawn_once_and_its_first_frame_is_right(monkeypatch):
    import simulator.widgets.chain as chain

    dashboard = LectureDashboard(preset="Analgesic dose (0.15 mg/kg IV)")  # a band shown before the click
    counts = {"simulate": 0, "full draws": 0}
    frames = []
    simulate, full_draw, render = chain.simulate, FigureCanvasAgg.draw, dashboard.figure.render_png

    def counted_simulate(*args, **kwargs):
        counts["simulate"] += 1
        return simulate(*args, **kwargs)

    def counted_draw(canvas):
        counts["full draws"] += 1
        return full_draw(canvas)

    def recorded_render(*args, **kwargs):
        png = render(*args, **kwargs)
        figure = dashboard.figure
        frames.append({"png": png, "band": figure.band.get_label() if figure.band is not None else None,
                       "shown": figure._state.last[0], "pinned": [p.shown for p in figure.pins]})  # fmt: skip
        return png

    monkeypatch.setattr(chain, "simulate", counted_simulate)
    monkeypatch.setattr(FigureCanvasAgg, "draw", counted_draw)
    monkeypatch.setattr(dashboard.figure, "render_png", recorded_render)
    assert _band_pixels(dashboard.image.value) > 2000  # the check sees the analgesic band drawn before the click
    cases = [
        ("Racemic 0.5 mg/kg vs esketamine 0.25 mg/kg (half)", 2),  # a comparison: its pinned case is one simulation more
        ("Anaesthetic induction (2 mg/kg IV)", 1),
        ("Six infusions over 12 days", 1),  # a new time axis: the figure is built anew, and drawn once
    ]
    for label, simulations in cases:
        for name in counts:
            counts[name] = 0
        frames.clear()
        dashboard.preset.value = label
        shown, first = PRESETS[label]
        scenario = scenarios.preset(shown)
        assert dashboard.last_error is None and counts == {"simulate": simulations, "full draws": 1}, (label, counts)
        assert len(frames) == 1, label  # one frame, the preset's: none shows the pinned case or the previous band
        (frame,) = frames
        assert frame["png"] == dashboard.image.value and frame["shown"] is dashboard.result
        assert frame["shown"].regimen == scenario.regimen and frame["shown"].patient == scenario.patient
        assert (frame["band"] is None) == (scenario.band is None) and (scenario.band or "") in (frame["band"] or "")
        assert (_band_pixels(frame["png"]) > 2000) == (scenario.band is not None), label
        if first is not None:
            assert frame["pinned"][-1].regimen == scenarios.preset(first).regimen  # the pin holds the first case's curves


def test_reset_restores_every_control_and_the_picture():
    for cls in (PharmacokineticsExplorer, TimeCourseExplorer, ReceptorExplorer, ChannelBlockExplorer):
        explorer = cls()
        before = explorer.image.value
        for control in explorer.controls.values():
            values = [v for v in _settable(control) if v != control.value]
            if values and not control.disabled:
                control.value = values[-1]
        assert any(c.value != explorer.defaults[k] for k, c in explorer.controls.items())
        explorer.reset()
        assert {k: c.value for k, c in explorer.controls.items()} == explorer.defaults
        assert explorer.image.value == before, cls.__name__


def test_pin_adds_a_ghost_per_series_and_clear_removes_them():
    explorer = TimeCourseExplorer()
    series = [line for line in explorer.figure.data_lines() if line.get_visible()]
    explorer.pin()
    ghosts = explorer.figure.ghosts()
    assert len(ghosts) == len(series) and explorer.figure.pin_labels == [" ".join(list(explorer.case().values())[:3])]
    for ghost, line in zip(ghosts, series, strict=True):
        np.testing.assert_array_equal(ghost.get_ydata(), line.get_ydata())
    explorer.dose.value = 1.0
    assert len(explorer.figure.ghosts()) == len(series)  # pins outlive a move
    explorer.clear_pins()
    assert explorer.figure.ghosts() == [] and explorer.figure.pins == () and explorer.cases == []


def test_exports_read_back_with_their_provenance(tmp_path):
    for cls in (PharmacokineticsExplorer, LectureDashboard, ReceptorExplorer, ChannelBlockExplorer):
        explorer = cls()
        png, svg, table = (explorer.export(kind, tmp_path / cls.__name__) for kind in ("png", "svg", "csv"))
        width, height = Image.open(png).size
        assert max(width / 1920, height / 1080) == pytest.approx(1.0, abs=1e-3)  # fills a 1920x1080 slide
        assert sim.DISCLAIMER in svg.read_text() or "Teaching model" in svg.read_text()
        text = table.read_text()
        assert sim.DISCLAIMER in text and f"simulator {sim.__version__}" in text
        rows = [row for row in csv.reader(io.StringIO(text)) if row and not row[0].startswith("#")]
        assert len(rows) > 2 and all(np.isfinite(float(x)) for x in rows[1])
        assert "download" in explorer.downloads.value and table.name in explorer.downloads.value  # the last export
    with pytest.raises(ValueError, match="kind"):
        explorer.export("pdf", tmp_path)


def test_projector_style_fits_every_text_inside_the_slide():
    for cls in (PharmacokineticsExplorer, LectureDashboard, ReceptorExplorer, ChannelBlockExplorer):
        explorer = cls()
        explorer.projector.value = True
        assert explorer.figure.style.name == "projector" and explorer.last_error is None
        fig = explorer.figure.fig
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        box = fig.get_tightbbox(canvas.get_renderer())
        width, height = fig.get_size_inches()
        # a slide; the dashboard's is as wide and a little shorter, so that the summary fits the screen beside it
        assert width == pytest.approx(1920 / 144) and (height == pytest.approx(7.5) or cls is LectureDashboard)
        assert (width, height) == pytest.approx(get_style(explorer.projector_style).size_in) and 6.0 <= height <= 7.5
        assert box.x0 >= -0.01 and box.y0 >= -0.01 and box.x1 <= width + 0.01 and box.y1 <= height + 0.01, cls.__name__
        explorer.projector.value = False
        assert explorer.figure.style.name == "notebook"


def test_moves_faster_than_the_figure_draws_are_coalesced(monkeypatch):
    class Loop:
        def __init__(self):
            self.callbacks = []

        def call_soon(self, callback):
            self.callbacks.append(callback)

    explorer = PharmacokineticsExplorer()
    loop = Loop()
    monkeypatch.setattr(shell, "_running_loop", lambda: loop)
    draws = explorer.draws
    for dose in np.linspace(0.1, 1.5, 10):  # a drag: ten values before the kernel is free
        explorer.dose.value = float(dose)
    assert explorer.draws == draws and len(loop.callbacks) == 1  # nothing drawn yet, one redraw queued
    loop.callbacks.pop()()
    assert explorer.draws == draws + 1  # one frame, with the last value
    expected = sim.simulate(sim.Infusion(dose_mg_per_kg=1.5, duration_min=40), end_h=12.0)
    np.testing.assert_allclose(explorer.figure.parent_line.get_ydata(), expected.plasma(), rtol=1e-12)


def test_errors_are_shown_in_the_panel_in_words_never_raised(monkeypatch):
    explorer = PharmacokineticsExplorer()

    def broken():
        raise RuntimeError("the model broke")

    monkeypatch.setattr(explorer, "draw", broken)
    explorer.dose.value = 1.0  # no exception reaches the widget
    assert "Could not update: RuntimeError: the model broke" in explorer.message.value
    assert isinstance(explorer.last_error, RuntimeError) and "Traceback" not in explorer.message.value


def test_range_messages_say_in_words_when_the_model_is_somewhere_notable():
    explorer = PharmacokineticsExplorer(dose_mg_per_kg=2.0, duration_min=1.0)
    assert "anaesthetic concentrations" not in explorer.message.value  # the default set's large central volume: 1125 ng/mL
    explorer.pk_set.value = "kamp_2020"  # the set that reproduces the first minutes after a bolus
    assert "anaesthetic concentrations" in explorer.message.value
    explorer.weight.value = 140.0
    assert "outside" in explorer.message.value  # the default set was fitted in 50-100 kg adults
    assert explorer.message.value.count("anaesthetic concentrations") == 1  # each message once
    dashboard = LectureDashboard()
    assert "supervised clinic visit" in dashboard.message.value


def test_receptor_explorer_links_concentration_curve_and_picture():
    explorer = ReceptorExplorer(concentration_ng_per_ml=300.0)
    occupancy = sim.receptor.equilibrium_occupancy({"ketamine": 300.0}, "ng/mL", basis="plasma")["total"]
    assert explorer.figure.blocked() == round(100 * float(occupancy))
    assert f"{explorer.figure.blocked()} of 100" in explorer.summary.value
    explorer.magnesium.value = True
    with_mg = sim.receptor.equilibrium_occupancy(
        {"ketamine": 300.0}, "ng/mL", basis="plasma", assumptions=sim.ReceptorAssumptions(magnesium=True)
    )["total"]
    assert explorer.figure.blocked() == round(100 * float(with_mg)) < round(100 * float(occupancy))


def test_receptor_explorer_says_and_exports_the_numbers_of_its_occupancy_result(tmp_path):
    """The explorer's words and CSV come from the model's result object, not from the picture."""
    explorer = ReceptorExplorer(concentration_ng_per_ml=300.0)
    with explorer.hold():
        explorer.measure.value = "IC50"
        explorer.magnesium.value = True
        explorer.ligand.value = "esketamine"
    assumptions = sim.ReceptorAssumptions(measure="IC50", magnesium=True)
    expected = sim.receptor.occupancy_curves(300.0, "esketamine", assumptions=assumptions)
    assert explorer.curves is expected  # the model's cached result, the one the figure draws
    assert explorer.describe().startswith(f"At 300 ng/mL of esketamine in plasma, {expected.blocked} of 100 NMDA channels")
    assert explorer.figure.blocked() == expected.blocked  # and the picture shows it
    text = explorer.export("csv", tmp_path).read_text()
    assert f"# receptor assumptions: {assumptions.describe()}" in text
    rows = [row for row in csv.reader(io.StringIO(text)) if row and not row[0].startswith("#")]
    header, data = rows[0], rows[1:]
    assert header == ["total plasma concentration (ng/mL)"] + [
        f"{name}, EC50 {sim_format(expected.ec50_ng_per_ml[name])} ng/mL (% blocked)" for name in expected.ligands
    ]
    assert len(data) == expected.concentrations_ng_per_ml.size
    for k, row in enumerate(data):
        values = [expected.concentrations_ng_per_ml[k], *(100 * expected.curves[name][k] for name in expected.ligands)]
        assert row == [f"{v:.6g}" for v in values]


def test_channel_block_explorer_shows_memantine_sparing_late_transmission():
    explorer = ChannelBlockExplorer(frequency_hz=1.0)
    late = {name: values[-10:].mean() for name, values in explorer.comparison.transmission().items()}
    assert late["memantine"] - late["ketamine"] >= 0.10
    shown = np.asarray(explorer.figure.transmission_lines["memantine"].get_ydata())
    np.testing.assert_allclose(shown, 100 * explorer.comparison.transmission()["memantine"])


def test_sessions_explorer_draws_another_patient_over_the_same_bands():
    explorer = SessionsExplorer(sessions=3)
    bands = explorer.population.percentiles("symptom_score")
    first = explorer.patient.data["symptom_score"][0].copy()
    explorer.another.click()
    np.testing.assert_array_equal(explorer.population.percentiles("symptom_score"), bands)
    assert not np.array_equal(explorer.patient.data["symptom_score"][0], first)
    assert "days in response" in explorer.summary.value and "supervised" in explorer.summary.value
    # the summary's numbers are the population's own (one rule for days in response, not a second count)
    median = sim_format(float(np.median(explorer.population.days_in_response())))
    assert f"median {median} days in response" in explorer.summary.value
    assert f"The drawn patient: {sim_format(float(explorer.patient.days_in_response()[0]))} days" in explorer.summary.value


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: PharmacokineticsExplorer(dose_mg_per_kg=5.0), "dose_mg_per_kg"),
        (lambda: PharmacokineticsExplorer(route="rectal"), "route"),
        (lambda: PharmacokineticsExplorer(end_h=0.0), "end_h"),
        (lambda: TimeCourseExplorer(sessions=0), "sessions"),
        (lambda: TimeCourseExplorer(interval_days=30.0), "interval_days"),
        (lambda: LectureDashboard(preset="a lecture"), "preset"),
        (lambda: ReceptorExplorer(concentration_ng_per_ml=0.0), "concentration_ng_per_ml"),
        (lambda: ReceptorExplorer(ligand="caffeine"), "ligand"),
        (lambda: ChannelBlockExplorer(frequency_hz=100.0), "frequency_hz"),
        (lambda: ChannelBlockExplorer(occupancy=1.0), "occupancy"),
        (lambda: SessionsExplorer(sessions=13), "sessions"),
    ],
)
def test_constructors_reject_values_a_control_would_clamp(build, field):
    with pytest.raises(ValueError, match=field):
        build()
