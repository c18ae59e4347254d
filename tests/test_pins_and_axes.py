"""Pins that compare and time axes that fit the regimen: the chain figure, the explorers and the lecture dashboard.

Checked against things independent of the code under test: colour differences computed here (CIEDE2000 after the
Machado 2009 dichromacy simulation, ``colour_vision.py``), the scenarios' own event times, ``Result.summary()``, the
closed form of the course axis' warp, and pixel positions measured on a 1920-pixel-wide slide. Known failures are
``xfail(strict=True)`` with the measured numbers in their reasons. Teaching model: illustrative, not for dosing.
"""

import dataclasses
import itertools
from html.parser import HTMLParser

import matplotlib.colors as mcolors
import numpy as np
import pytest
from colour_vision import difference_under, hex_to_rgb, srgb_to_lab
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

import simulator as sim
from simulator import plotting, scenarios
from simulator.plotting import LABEL_TAG, PIN_STYLES, PinnedCase, course_warp
from simulator.plotting._common import COURSE_FIRST_DAY_SHARE  # not exported; the share the course axis promises
from simulator.style import SERIES
from simulator.tables import format_number
from simulator.widgets import LectureDashboard, TimeCourseExplorer
from simulator.widgets.explorer import differing_labels

pytestmark = pytest.mark.slow  # the dashboard redraws a whole figure per change: the module takes a minute or two

KINDS = ("deuteranopia", "protanopia", "tritanopia")
#: The SERIES of FullChainFigure.data_lines(), in order: parent plasma, block, dissociation, plasticity index, score.
DATA_LINE_SERIES = ("ketamine", "nmda block", "dissociation", "plasticity index", "ketamine score")
SIX = "Six infusions over 12 days"
STANDARD = "Standard infusion (0.5 mg/kg over 40 min)"
ANAESTHETIC = "Anaesthetic induction (2 mg/kg IV)"
ANALGESIC = "Analgesic dose (0.15 mg/kg IV)"
ESKETAMINE_COURSE = "Esketamine nasal spray, the label's course"
HALF_DOSE = "Racemic 0.5 mg/kg vs esketamine 0.25 mg/kg (half)"
SLIDE_WIDTH_PX = 1920


# ---------------------------------------------------------------------------------------------------------------------
# 1. The pins' palette
# ---------------------------------------------------------------------------------------------------------------------
#: Pairs measured below CIEDE2000 10 (numbers from difference_under, rounded): the palette is not changed here, the
#: tests document them. Pins are numbered 1..6 as PIN_STYLES lists them (oldest first).
PIN_PAIRS_TOO_CLOSE = {}  # none since the fixes (cividis palette; layout, legends and rebuilds fixed)
#: Pin against live series colour (SERIES name) measured below CIEDE2000 10.
PIN_LIVE_TOO_CLOSE = {}  # none since the fixes (cividis palette; layout, legends and rebuilds fixed)


def _known(table, key, what):
    if key not in table:
        return ()
    return (pytest.mark.xfail(strict=True, reason=f"{what} differ by CIEDE2000 {table[key]} < 10 under {key[-1]} "
                                                  "(PIN_STYLES in simulator/plotting/_base.py)"),)  # fmt: skip


def _pin_pair_params():
    for (i, j), kind in itertools.product(itertools.combinations(range(len(PIN_STYLES)), 2), KINDS):
        what = f"pin {i + 1} {PIN_STYLES[i][0]} and pin {j + 1} {PIN_STYLES[j][0]}"
        yield pytest.param(i, j, kind, id=f"pin{i + 1}-pin{j + 1}-{kind}", marks=_known(PIN_PAIRS_TOO_CLOSE, (i, j, kind), what))


def _live_colours():
    """One SERIES name per distinct colour of the data lines (the plasma and score curves share blue, say)."""
    names = {}
    for name in DATA_LINE_SERIES:
        names.setdefault(SERIES[name].color.lower(), name)
    return list(names.values())


def _pin_live_params():
    for i, name, kind in itertools.product(range(len(PIN_STYLES)), _live_colours(), KINDS):
        what = f"pin {i + 1} {PIN_STYLES[i][0]} and the live {name!r} {SERIES[name].color}"
        yield pytest.param(i, name, kind, id=f"pin{i + 1}-{name}-{kind}", marks=_known(PIN_LIVE_TOO_CLOSE, (i, name, kind), what))


@pytest.mark.parametrize(("i", "j", "kind"), list(_pin_pair_params()))
def test_every_two_pin_colours_stay_apart_for_colour_blind_viewers(i, j, kind):
    difference = difference_under(PIN_STYLES[i][0], PIN_STYLES[j][0], kind)
    assert difference >= 10, f"pins {i + 1} and {j + 1} differ by {difference:.1f} under {kind}"


def test_the_data_lines_are_drawn_in_the_series_colours_the_palette_tests_use():
    figure = plotting.FullChainFigure()
    drawn = [line.get_color() for line in figure.data_lines()]
    assert len(drawn) == len(DATA_LINE_SERIES)
    for colour, name in zip(drawn, DATA_LINE_SERIES, strict=True):
        assert mcolors.same_color(colour, SERIES[name].color), name
    # no live data line uses a pin colour
    assert not any(mcolors.same_color(c, p) for c in drawn for p, _ in PIN_STYLES)


@pytest.mark.parametrize(("i", "name", "kind"), list(_pin_live_params()))
def test_every_pin_colour_stays_apart_from_every_live_curve_for_colour_blind_viewers(i, name, kind):
    difference = difference_under(PIN_STYLES[i][0], SERIES[name].color, kind)
    assert difference >= 10, f"pin {i + 1} and {name!r} differ by {difference:.1f} under {kind}"


def test_every_pin_has_a_dash_of_its_own_never_solid():
    dashes = [dash for _, dash in PIN_STYLES]
    assert len({repr(d) for d in dashes}) == len(dashes)
    for offset, pattern in dashes:  # an on-off sequence: never the live curves' solid line
        assert offset == 0 and len(pattern) >= 2 and len(pattern) % 2 == 0 and all(v > 0 for v in pattern)
    # as drawn: each pin's ghosts carry its own pattern, and the live curves are solid
    figure = plotting.FullChainFigure()
    figure.update(sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=48.0, grid="log"))
    for k in range(len(PIN_STYLES)):
        figure.pin(f"pin {k}")
    assert all(line.get_linestyle() == "-" for line in figure.data_lines())
    # matplotlib keeps the pattern a line was given (before scaling by its width) as _unscaled_dash_pattern
    drawn = [figure.ghosts()[5 * k]._unscaled_dash_pattern for k in range(len(PIN_STYLES))]
    assert drawn == [(0, tuple(dash[1])) for _, dash in PIN_STYLES]
    for pin, (colour, dash) in zip(figure.pins, PIN_STYLES, strict=True):
        assert pin.color == colour and pin.linestyle == dash


def _lightness():
    return np.array([float(srgb_to_lab(hex_to_rgb(colour))[0]) for colour, _ in PIN_STYLES])


def test_the_pin_ramp_goes_from_dark_to_light():
    """What holds: L* rises over the first five pins, the first pin is the
    darkest, and every pin is lighter than each pin two or more places before it."""
    lightness = _lightness()
    assert np.all(np.diff(lightness[:5]) > 0)
    assert np.argmin(lightness) == 0
    for i, j in itertools.combinations(range(len(lightness)), 2):
        if j - i >= 2:
            assert lightness[j] > lightness[i], (i, j, lightness)


def test_the_pin_ramp_is_monotone_in_lightness():
    assert np.all(np.diff(_lightness()) > 0), _lightness().round(1)


# ---------------------------------------------------------------------------------------------------------------------
# 2. Labels of what differs
# ---------------------------------------------------------------------------------------------------------------------
def test_cases_that_differ_in_one_descriptor_are_labelled_by_it_alone():
    cases = [{"drug": "racemic", "dose": "0.5 mg/kg", "interval": f"every {d} d", "weight": "70 kg"} for d in (2, 7, 14)]
    assert differing_labels(cases) == ["every 2 d", "every 7 d", "every 14 d"]
    # two descriptors differ: both, in the cases' own order; empty texts (one session has no interval) say nothing
    one = {"drug": "racemic", "dose": "0.5 mg/kg infusion", "sessions": "1 session", "interval": ""}
    six = {"drug": "racemic", "dose": "0.5 mg/kg infusion", "sessions": "x6", "interval": "every 7 d"}
    assert differing_labels([one, six]) == ["1 session", "x6 every 7 d"]


def test_missing_descriptors_count_as_different():
    by_hand = {"label": "my case"}
    preset = {"drug": "racemic", "dose": "2 mg/kg bolus"}
    assert differing_labels([by_hand, preset]) == ["my case", "racemic 2 mg/kg bolus"]
    labels = differing_labels([{"a": "shared", "b": "only here"}, {"a": "shared"}])
    assert labels[0] == "only here" and "shared" not in labels[1]  # what the cases share is not said


def test_one_case_or_cases_alike_give_their_first_three_descriptors():
    case = {"drug": "racemic", "dose": "0.5 mg/kg", "sessions": "x6", "interval": "every 7 d", "weight": "70 kg"}
    assert differing_labels([case]) == ["racemic 0.5 mg/kg x6"]
    assert differing_labels([case, dict(case), dict(case)]) == ["racemic 0.5 mg/kg x6"] * 3
    assert differing_labels([]) == []


@pytest.fixture(scope="module")
def demo_2():
    """The dashboard after demo 2: preset "Six infusions over 12 days", pin, 7 days apart, pin, 14 days apart (read only)."""
    dashboard = LectureDashboard(preset=SIX)
    dashboard.pin()
    dashboard.interval.value = 7.0
    dashboard.pin()
    dashboard.interval.value = 14.0
    assert dashboard.last_error is None
    return dashboard


def test_demo_2_pins_are_labelled_by_their_spacing(demo_2):
    """The pins read "every 2.33 d" and "every 7 d": the preset's spacing from its own event times, then 7 days."""
    starts = [e.start_h for e in scenarios.preset("six-infusions").regimen.events]
    expected = [f"every {format_number((starts[1] - starts[0]) / 24.0)} d", f"every {format_number(7.0)} d"]
    assert demo_2.figure.pin_labels == expected
    assert [p.label for p in demo_2.figure.pins] == expected
    assert [len(p.shown.regimen.events) for p in demo_2.figure.pins] == [len(starts)] * 2
    assert np.diff([e.start_h for e in demo_2.figure.pins[1].shown.regimen.events]) == pytest.approx(24.0 * 7.0)
    assert np.diff([e.start_h for e in demo_2.result.regimen.events]) == pytest.approx(24.0 * 14.0)


def test_a_pin_survives_a_preset_and_is_labelled_by_what_differs():
    """Pin the standard infusion, choose the anaesthetic induction: the pin stays, labelled by dose/route and set."""
    dashboard = LectureDashboard(preset=STANDARD)
    pinned_case, pinned_result = dashboard.case(), dashboard.result
    plasma = pinned_result.plasma("ketamine", dashboard.figure.unit)
    dashboard.pin()
    dashboard.apply_preset(ANAESTHETIC)
    now = dashboard.case()
    differ = [name for name in pinned_case if pinned_case[name] != now.get(name)]
    assert differ == ["dose", "set"]  # what the two presets differ in, read from the scenarios below
    induction = scenarios.preset("anaesthetic-induction")
    assert now["set"] == induction.options["pk_set"] and now["dose"].startswith(f"{induction.regimen.events[0].dose_mg_per_kg:g}")
    assert pinned_case["dose"].startswith(f"{scenarios.preset('standard-infusion').regimen.events[0].dose_mg_per_kg:g}")
    pins = dashboard.figure.pins
    assert len(pins) == 1 and pins[0].label == " ".join(pinned_case[name] for name in differ)
    assert pins[0].shown is pinned_result  # the pin is still the standard infusion
    np.testing.assert_array_equal(dashboard.figure.ghosts()[0].get_ydata(), plasma)
    assert dashboard.result.pk_set.name == induction.options["pk_set"]


def test_a_comparison_preset_pins_its_first_case_once():
    dashboard = LectureDashboard(preset=HALF_DOSE)
    dashboard.apply_preset(HALF_DOSE)
    pins = dashboard.figure.pins
    assert len(pins) == 1 and len(dashboard.cases) == 1
    first = scenarios.preset("standard-infusion").regimen.events[0]
    shown = pins[0].shown.regimen.events
    assert len(shown) == 1 and shown[0].drug == first.drug == "racemic" and shown[0].dose_mg_per_kg == first.dose_mg_per_kg
    assert dashboard.result.drug == "esketamine"
    now = dashboard.case()
    differ = [name for name in dashboard.cases[0] if dashboard.cases[0][name] != now.get(name)]
    assert pins[0].label == " ".join(dashboard.cases[0][name] for name in differ) and "racemic" in pins[0].label


# ---------------------------------------------------------------------------------------------------------------------
# 3. Every panel has its pin, in view
# ---------------------------------------------------------------------------------------------------------------------
def _ghosts_on(figure, ax):
    return [g for g in figure.ghosts() if g.axes is ax]


def test_every_panel_holds_one_ghost_per_pin_equal_to_the_live_curve_at_pin_time():
    explorer = TimeCourseExplorer(sessions=3, interval_days=2.0)
    figure = explorer.figure
    lines = figure.data_lines()
    assert [line.axes for line in lines] == list(figure.axes)  # one data line per panel, in panel order
    for k, dose in enumerate((0.5, 1.0)):
        explorer.dose.value = dose
        before = [(np.array(line.get_xdata()), np.array(line.get_ydata())) for line in lines]
        explorer.pin()
        explorer.dose.value = 0.2  # the live curves move on; the ghosts keep what was shown
        for ax, (x, y) in zip(figure.axes, before, strict=True):
            ghosts = _ghosts_on(figure, ax)
            assert len(ghosts) == k + 1
            np.testing.assert_array_equal(ghosts[k].get_ydata(), y)
            np.testing.assert_allclose(ghosts[k].get_xdata(), x, rtol=1e-12)
            assert mcolors.same_color(ghosts[k].get_color(), PIN_STYLES[k][0])
    assert explorer.last_error is None


def _tops_hold_the_ghosts(figure):
    for name, ax in zip(("plasma", "block", "acute", "plasticity", "symptoms"), figure.axes, strict=True):
        ghosts = _ghosts_on(figure, ax)
        assert ghosts, name
        highest = max(float(np.nanmax(g.get_ydata())) for g in ghosts)
        assert ax.get_ylim()[1] >= highest, f"{name} axis ends at {ax.get_ylim()[1]:.3g}, a pinned curve reaches {highest:.3g}"


def test_pinned_curves_stay_in_view_when_a_low_dose_is_shown():
    dashboard = LectureDashboard(preset=ANAESTHETIC)
    dashboard.pin()
    figure = dashboard.figure
    acute = _ghosts_on(figure, figure.axes[2])[0]
    assert float(np.max(acute.get_ydata())) == pytest.approx(100.0, abs=0.01)  # anaesthetic dissociation: 100% of max
    dashboard.apply_preset(ANALGESIC)
    assert float(np.max(figure.dissociation.get_ydata())) < 50.0  # the live curve is far lower
    _tops_hold_the_ghosts(figure)
    dashboard.dose.value = 0.1  # by hand, leaving the preset
    _tops_hold_the_ghosts(figure)
    assert figure.axes[2].get_ylim()[1] >= 100.0


AXIS_SWITCH_BUG = (
    "FullChainFigure.update switches axis ('auto': one dose -> a course) through _rebuild, which runs update before the "
    "pins are drawn again, so the limits ignore them: with the 2 mg/kg induction pinned and 3 x 0.15 mg/kg shown, the "
    "plasma axis ends at 92.8 ng/mL (pinned 5041) and the acute axis at 10 (pinned 100); the next update fixes it"
)


def test_pinned_curves_stay_in_view_when_the_time_axis_switches_by_itself():
    dashboard = LectureDashboard(preset=ANAESTHETIC)
    dashboard.pin()
    dashboard.dose.value = 0.15
    dashboard.sessions.value = 3  # auto: now the course axis
    assert dashboard.figure.axis == "course"
    _tops_hold_the_ghosts(dashboard.figure)


# ---------------------------------------------------------------------------------------------------------------------
# 4. figure.pins and the comparison table
# ---------------------------------------------------------------------------------------------------------------------
def test_pins_are_read_only_records_of_what_was_shown():
    explorer = TimeCourseExplorer()
    shown = []
    for dose in (0.5, 1.2):
        explorer.dose.value = dose
        shown.append(explorer.result)
        explorer.pin()
    explorer.dose.value = 0.3
    pins = explorer.figure.pins
    assert isinstance(pins, tuple) and all(isinstance(p, PinnedCase) for p in pins)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pins[0].label = "changed"
    with pytest.raises(AttributeError):
        pins.append(pins[0])
    assert explorer.figure.pins == pins and explorer.figure.pin_labels == [p.label for p in pins]
    for pin, result in zip(pins, shown, strict=True):
        assert pin.shown is result
    for k, pin in enumerate(pins):  # the ghosts drawn are the pinned Result's own curves, in the pin's colour
        ghost = explorer.figure.ghosts()[5 * k]
        np.testing.assert_array_equal(ghost.get_ydata(), pin.shown.plasma("ketamine", explorer.figure.unit))
        assert mcolors.same_color(ghost.get_color(), pin.color)
    assert explorer.result is not shown[-1]
    header, *rows = _table(explorer.table.value)  # the explorer's table too: now and each pin
    assert header == ["", "now", *explorer.figure.pin_labels] and len(rows) == len(SUMMARY_OF_ROW)
    explorer.clear_pins()
    assert explorer.figure.pins == () and _table(explorer.table.value)[0] == ["", "now"]


class _Table(HTMLParser):
    """Rows of an HTML table: each row a list of cell texts (svg swatches have none)."""

    def __init__(self):
        super().__init__()
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


#: Row of the comparison table -> its value in Result.summary().
SUMMARY_OF_ROW = {
    "peak plasma (ng/mL)": lambda s: s["ketamine"]["cmax"],
    "peak block (%)": lambda s: 100.0 * s["occupancy"]["peak"],
    "dissociation (% of max)": lambda s: 100.0 * s["acute"]["dissociation_peak"],
    "systolic rise (mmHg)": lambda s: s["acute"]["systolic_peak_mmhg"],
    "days in toy response": lambda s: s["symptom"]["days_in_response"],
}


def _table(html_text):
    parser = _Table()
    parser.feed(html_text)
    return parser.rows


def test_the_comparison_table_has_now_and_one_column_per_pin_with_their_summary_numbers(demo_2):
    header, *rows = _table(demo_2.table.value)
    pins = demo_2.figure.pins
    assert len(pins) == 2
    assert header == ["", "now", *demo_2.figure.pin_labels]
    assert {row[0] for row in rows} == set(SUMMARY_OF_ROW)
    columns = [demo_2.result, *(p.shown for p in pins)]
    summaries = [result.summary() for result in columns]
    for name, *cells in rows:
        assert len(cells) == len(columns), name
        assert cells == [format_number(SUMMARY_OF_ROW[name](s)) for s in summaries], name
    # the columns are distinct cases: the days in response differ between spacings (every 14, 2.33 and 7 days)
    days = dict((row[0], row[1:]) for row in rows)["days in toy response"]
    assert len(set(days)) == 3


# ---------------------------------------------------------------------------------------------------------------------
# 5. The course axis
# ---------------------------------------------------------------------------------------------------------------------
#: The inverse is an interpolation on a 4000-point grid: measured |inverse(forward(t)) - t| at most 1.5e-7 * end_d days
#: (2.5e-6 d for 30 days, 2.7e-5 d = 2.3 s for 180 days), far from 1e-9 but under 1e-4 of a pixel on a 1200-pixel axis.
INVERSE_TOLERANCE_PER_DAY = 1e-6


@pytest.mark.parametrize("end_d", [2.0, 5.0, 30.0, 60.0, 180.0])
def test_course_warp_is_monotone_from_zero_and_inverted(end_d):
    forward, inverse = course_warp(end_d)
    t = np.unique(np.concatenate([[0.0], np.geomspace(1e-9, end_d, 20001), np.linspace(0.0, end_d, 20001)]))
    x = forward(t)
    assert forward(0.0) == 0.0 and np.all(np.diff(x) > 0)
    np.testing.assert_allclose(inverse(x), t, rtol=0.0, atol=INVERSE_TOLERANCE_PER_DAY * end_d)
    # slope at least 1: every day takes at least its linear share (finite differences, and the closed form)
    assert np.all(np.diff(x) / np.diff(t) >= 1.0 - 1e-9)
    a = (forward(end_d) - end_d) / np.log1p(end_d / (1.0 / 24.0))  # x = t + a ln(1 + t/knee): read a back
    np.testing.assert_allclose(x, t + a * np.log1p(t * 24.0), rtol=1e-12, atol=1e-15)
    assert a >= 0.0


@pytest.mark.parametrize("end_d", [30.0, 60.0, 180.0])
def test_the_first_day_takes_its_share_of_the_course_axis(end_d):
    forward, _ = course_warp(end_d)
    assert forward(1.0) / forward(end_d) == pytest.approx(COURSE_FIRST_DAY_SHARE, abs=1e-9)
    assert COURSE_FIRST_DAY_SHARE > 1.0 / end_d  # more than its linear share


def test_a_short_course_is_linear():
    forward, _ = course_warp(5.0)  # 0.16 * 5 < 1: the first day's linear share is already larger
    t = np.linspace(0.0, 5.0, 101)
    np.testing.assert_allclose(forward(t), t, atol=1e-12)


def _slide(dashboard):
    """Draw the dashboard's figure at a slide's width (1920 px) and return (figure, renderer)."""
    fig = dashboard.figure.fig
    dpi = SLIDE_WIDTH_PX / fig.get_size_inches()[0]
    dashboard.figure.render_png(dpi=dpi)  # lays the figure out, as the dashboard and the export do
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    assert fig.bbox.width == pytest.approx(SLIDE_WIDTH_PX)
    return fig, canvas.get_renderer()


def _projector_dashboard(preset=STANDARD):
    dashboard = LectureDashboard(preset=preset)
    dashboard.projector.value = True
    assert dashboard.figure.style.name == "projector" and not dashboard.figure.style.details
    assert tuple(dashboard.figure.fig.get_size_inches()) == pytest.approx(LectureDashboard.projector_style.size_in)
    return dashboard


def test_the_course_axis_is_drawn_with_the_warp():
    dashboard = _projector_dashboard(SIX)
    figure = dashboard.figure
    assert figure.axis == "course" and figure.axes[-1].get_xscale() == "function"
    _, _renderer = _slide(dashboard)
    end_d = float(dashboard.result.time_h[-1]) / 24.0
    forward, _ = course_warp(end_d)
    days = np.linspace(0.0, end_d, 400)
    for ax in figure.axes:  # shared: every panel the same warp
        px = ax.transData.transform(np.column_stack([days, np.ones_like(days)]))[:, 0]
        slope, offset = np.polyfit(forward(days), px, 1)
        np.testing.assert_allclose(px, slope * forward(days) + offset, atol=1e-6)
        first_day = ax.transData.transform([[1.0, 1.0]])[0, 0] - px[0]  # the first day's pixels of the whole axis
        assert first_day / (px[-1] - px[0]) == pytest.approx(COURSE_FIRST_DAY_SHARE, abs=1e-6)


def _session_peaks(result):
    """Indices of the time of max plasma within each session (from its start to the next one's)."""
    t, c = result.time_h, result.plasma("ketamine")
    starts = [e.start_h for e in result.regimen.events] + [np.inf]
    peaks = []
    for a, b in itertools.pairwise(starts):
        inside = np.flatnonzero((t >= a) & (t < b))
        peaks.append(inside[np.argmax(c[inside])])
    return np.array(peaks)


def test_every_session_peak_has_its_own_place_on_the_slide():
    dashboard = _projector_dashboard()
    figure = dashboard.figure
    closest = {}
    dashboard.sessions.value = 2  # a control moved by hand leaves the preset; then one redraw per regimen
    for sessions, interval in itertools.product((2, 6, 12), (1.0, 2.5, 7.0, 14.0)):
        with dashboard.hold():
            dashboard.sessions.value = sessions
            dashboard.interval.value = interval
        assert dashboard.scenario is None and len(dashboard.result.regimen.events) == sessions
        assert figure.axis == "course"
        _slide(dashboard)
        x = np.asarray(figure.parent.get_xdata())[_session_peaks(dashboard.result)]
        np.testing.assert_allclose(x * 24.0, dashboard.result.time_h[_session_peaks(dashboard.result)])  # days on this axis
        px = figure.axes[0].transData.transform(np.column_stack([x, np.ones_like(x)]))[:, 0]
        closest[(sessions, interval)] = float(np.min(np.diff(px)))
    assert min(closest.values()) >= 12.0, closest
    assert dashboard.last_error is None


def test_one_session_gets_the_log_axis_and_a_course_the_course_axis():
    dashboard = LectureDashboard(preset=STANDARD)
    figure = dashboard.figure
    assert figure.axis == "log" and figure.axes[-1].get_xscale() == "log"
    np.testing.assert_allclose(figure.parent.get_xdata()[1:], dashboard.result.time_h[1:])  # hours
    dashboard.sessions.value = 2
    assert figure.axis == "course" and figure.axes[-1].get_xscale() == "function"
    np.testing.assert_allclose(figure.parent.get_xdata(), dashboard.result.time_h / 24.0)  # days
    dashboard.sessions.value = 1
    assert figure.axis == "log" and figure.axes[-1].get_xscale() == "log"


def test_switching_a_course_to_the_log_axis_keeps_the_pins_at_their_times():
    dashboard = LectureDashboard(preset=SIX)
    figure = dashboard.figure
    assert figure.axis == "course"
    pinned = []
    for interval in (None, 7.0):
        if interval is not None:
            dashboard.interval.value = interval
        pinned.append(dashboard.result)
        dashboard.pin()
    for k, result in enumerate(pinned):  # on the course axis: days
        for ghost in figure.ghosts()[5 * k : 5 * k + 5]:
            np.testing.assert_allclose(ghost.get_xdata(), result.time_h / 24.0, rtol=1e-12)
    dashboard.time_axis.value = "log"
    assert figure.axis == "log" and figure.axes[-1].get_xscale() == "log" and figure.time_axis == "log"
    assert len(figure.ghosts()) == 10 and figure.pin_labels == ["every 2.33 d", "every 7 d"]
    for k, result in enumerate(pinned):  # on the log axis: hours, time 0 left out
        hours = np.where(result.time_h > 0, result.time_h, np.nan)
        for ghost in figure.ghosts()[5 * k : 5 * k + 5]:
            np.testing.assert_allclose(ghost.get_xdata(), hours, rtol=1e-12, equal_nan=True)
    dashboard.time_axis.value = "auto"  # back to the course axis: days again
    assert figure.axis == "course"
    for k, result in enumerate(pinned):
        np.testing.assert_allclose(figure.ghosts()[5 * k].get_xdata(), result.time_h / 24.0, rtol=1e-12)
    assert dashboard.last_error is None


# ---------------------------------------------------------------------------------------------------------------------
# 6. The dashboard on a slide
# ---------------------------------------------------------------------------------------------------------------------
def _pin_doses(dashboard, count):
    """Pin ``count`` more cases by hand (dose 1, 0.2, 1.5 mg/kg), then move the dose on (one more redraw)."""
    for dose in (1.0, 0.2, 1.5)[:count]:
        dashboard.dose.value = dose
        dashboard.pin()
    dashboard.dose.value = 0.8


#: Slides measured, in the order they are reached on two dashboards in projector style: one gathers pins (then
#: presets beside them), the other shows presets with no pin.
SLIDE_FLOWS = (
    (
        ("0 pins", lambda d: None),
        ("1 pin", lambda d: _pin_doses(d, 1)),
        ("3 pins", lambda d: _pin_doses(d, 2)),
        ("3 pins, then the anaesthetic", lambda d: d.apply_preset(ANAESTHETIC)),
        ("3 pins, then the esketamine course", lambda d: d.apply_preset(ESKETAMINE_COURSE)),
    ),
    (
        ("anaesthetic", lambda d: d.apply_preset(ANAESTHETIC)),
        ("esketamine label course", lambda d: d.apply_preset(ESKETAMINE_COURSE)),
        ("six infusions", lambda d: d.apply_preset(SIX)),
    ),
)
SLIDE_CASES = [case for flow in SLIDE_FLOWS for case, _ in flow]
_SLIDES = {}


def _drawn_tick_labels(axis):
    """The tick labels matplotlib draws: visible, non-empty, at a tick inside the view interval."""
    low, high = sorted(axis.get_view_interval())
    span = high - low
    labels = []
    for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
        if low - 1e-9 * span <= tick.get_loc() <= high + 1e-9 * span:
            labels += [t for t in (tick.label1, tick.label2) if t.get_visible() and t.get_text().strip()]
    return labels


def _drawn_texts(fig):
    axes_ticks = [(ax.xaxis, ax.yaxis) for ax in fig.axes]
    every_tick = {id(t) for axes in axes_ticks for axis in axes for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]
                  for t in (tick.label1, tick.label2)}  # fmt: skip
    drawn = [t for axes in axes_ticks for axis in axes for t in _drawn_tick_labels(axis)]
    others = [t for t in fig.findobj(Text) if id(t) not in every_tick and t.get_visible() and t.get_text().strip()]
    return [t for t in drawn + others if t.get_alpha() is None or t.get_alpha() > 0]


def _measure(dashboard):
    """What the slide tests check, measured in pixels on the figure drawn 1920 pixels wide."""
    fig, renderer = _slide(dashboard)
    box = lambda artist: artist.get_window_extent(renderer).frozen()  # noqa: E731
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)
    (label,) = [t for t in fig.texts if t.get_gid() == LABEL_TAG]
    return {
        "size": (fig.bbox.width, fig.bbox.height),
        "widths": [ax.get_window_extent(renderer).width / fig.bbox.width for ax in fig.axes],
        "texts": [(t.get_text(), box(t)) for t in _drawn_texts(fig)],
        "ticks": [(t.get_text(), box(t)) for t in _drawn_tick_labels(fig.axes[-1].xaxis)],
        "legends": [box(legend) for legend in legends],
        "row": [[t.get_text() for t in legend.get_texts()] for legend in fig.legends],
        "pin_labels": dashboard.figure.pin_labels,
        "label": box(label),
    }


def _slide_of(case):
    """The measurements of slide ``case`` (each flow runs once, on a dashboard of its own)."""
    if case not in _SLIDES:
        flow = next(flow for flow in SLIDE_FLOWS if case in dict(flow))
        dashboard = _projector_dashboard()
        for name, step in flow:
            step(dashboard)
            assert dashboard.last_error is None, name
            _SLIDES[name] = _measure(dashboard)
    return _SLIDES[case]


#: Axes widths measured below 60% of the slide (the commit says the plots take 62%; they do without a band): the
#: legend entry of a preset's band ("dissociation range", "anaesthetic range") widens the legend column.
NARROW = {}  # none since the fixes (cividis palette; layout, legends and rebuilds fixed)
#: Text outside the slide: the pins' row legend, relabelled after a preset by dose and set ("1 mg/kg infusion default
#: set"), is wider than the slide.
OVERFLOWING = {}  # none since the fixes (cividis palette; layout, legends and rebuilds fixed)
#: Legends over the teaching label: the pins' row legend is drawn anew by every update (FullChainFigure._legends) at
#: matplotlib's default anchor, the bottom of the figure; render_png lays the figure out again only when legend texts
#: change, so after a pin and one more move it stays at y = 3.6-68.4 px, over the teaching label (7.7-94.1 px).
OVER_LABEL = {}  # none since the fixes (cividis palette; layout, legends and rebuilds fixed)


def _slide_params(known, reason):
    return [
        pytest.param(case, marks=(pytest.mark.xfail(strict=True, reason=reason.format(case=case, value=known[case])),)
                     if case in known else ())
        for case in SLIDE_CASES
    ]  # fmt: skip


@pytest.mark.parametrize("case", _slide_params(NARROW, "on the {case} slide the plots are {value} of the width, under 60%"))
def test_the_plots_take_at_least_60_percent_of_the_slide(case):
    widths = _slide_of(case)["widths"]
    assert len(widths) == 5 and min(widths) >= 0.60, [round(w, 3) for w in widths]


@pytest.mark.parametrize("case", _slide_params(OVERFLOWING, "on the {case} slide text leaves the slide: {value}"))
def test_no_text_leaves_the_slide(case):
    slide = _slide_of(case)
    width, height = slide["size"]
    outside = [(text[:40], tuple(round(v) for v in box.extents)) for text, box in slide["texts"]
               if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5]  # fmt: skip
    assert slide["texts"] and not outside, outside


@pytest.mark.parametrize("case", SLIDE_CASES)
def test_the_time_axis_tick_labels_do_not_overlap(case):
    ticks = _slide_of(case)["ticks"]
    assert len(ticks) >= 4, [text for text, _ in ticks]
    for (a, box_a), (b, box_b) in itertools.combinations(ticks, 2):
        assert not box_a.overlaps(box_b), (a, b, box_a.extents, box_b.extents)


@pytest.mark.parametrize("case", _slide_params(OVER_LABEL, "on the {case} slide the pins' row legend covers the teaching "
                                                           "label: {value}"))  # fmt: skip
def test_no_legend_overlaps_another_or_the_teaching_label(case):
    slide = _slide_of(case)
    pins = slide["pin_labels"]
    # on a slide the pins have a row legend of their own: "pinned:", then each pin's label
    assert slide["row"] == ([["pinned:", *pins]] if pins else [])
    boxes = slide["legends"]
    assert len(boxes) >= 4
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not a.overlaps(b), (i, j, a.extents, b.extents)
    # the teaching label wraps only past the slide's edge; within it (test_no_text_leaves_the_slide) this box is drawn
    for i, box in enumerate(boxes):
        assert not box.overlaps(slide["label"]), (i, box.extents, slide["label"].extents)
