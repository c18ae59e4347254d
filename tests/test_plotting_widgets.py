"""Figures carry the teaching label; the explorer updates in place and survives every slider extreme."""

import functools
import itertools

import numpy as np
import pytest

import simulator as sim
from simulator import plotting
from simulator import style as plotting_style
from simulator.plotting import LABEL_TAG, concentration_figure
from simulator.widgets import ConcentrationExplorer


def test_every_figure_carries_the_label():
    fig = concentration_figure(sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=8))
    labels = [t for t in fig.texts if t.get_gid() == LABEL_TAG]
    assert len(labels) == 1 and sim.DISCLAIMER in labels[0].get_text()


def test_explorer_updates_lines_in_place():
    explorer = ConcentrationExplorer()
    line = explorer.figure.parent_line
    before = np.array(line.get_ydata()).max()
    explorer.dose.value = 1.0
    assert explorer.figure.parent_line is line  # same artist, new data
    assert np.isclose(np.array(line.get_ydata()).max(), 2 * before, rtol=1e-12)  # linear in dose
    assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert explorer.message.value == ""
    assert sim.DISCLAIMER in explorer.disclaimer.value


def test_an_explorer_carries_a_static_fallback_of_what_it_shows_now():
    """Exported handouts have no live widgets: the display bundle holds the current picture and summary too."""
    import base64

    explorer = ConcentrationExplorer()
    explorer.dose.value = 1.0
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == explorer.image.value  # the picture now shown, not the first one
    assert "1 mg/kg" in bundle["text/plain"] and sim.DISCLAIMER in bundle["text/plain"]
    assert "<" not in bundle["text/plain"]  # words, not markup


def test_concentration_explorer_never_runs_occupancy_or_the_chain(monkeypatch):
    """A slider move of the concentration explorer computes concentrations only (the fast path)."""

    def fail(*args, **kwargs):
        raise RuntimeError("the occupancy model or the toy chain ran")

    monkeypatch.setattr("simulator.pipeline.total_occupancy", fail)
    monkeypatch.setattr("simulator.pipeline.run_plasticity", fail)
    explorer = ConcentrationExplorer()
    explorer.dose.value = 1.0
    explorer.weight.value = 80.0
    assert explorer.message.value == ""
    assert np.array(explorer.figure.parent_line.get_ydata()).max() > 0


@pytest.mark.slow
def test_explorer_at_every_slider_extreme():
    explorer = ConcentrationExplorer()
    sliders = (explorer.dose, explorer.duration, explorer.weight)
    for values in itertools.product(*[(s.min, s.max) for s in sliders]):
        for slider, value in zip(sliders, values, strict=True):
            slider.value = value
        r = explorer.result
        assert "Could not update" not in explorer.message.value
        if explorer.weight.value > 100:  # outside the default set's validity range: the panel says so
            assert "outside the range 50-100 kg" in explorer.message.value
        c = r.plasma()
        # the exact solution is >= 0; the modal closed form may leave rounding of order 1e-13 x peak
        assert np.all(np.isfinite(c)) and np.all(c >= -1e-12 * c.max())


def test_receptor_figures_carry_the_label():
    from simulator import plotting, receptor

    r = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=6)
    runs = {"ketamine": receptor.channel_block("ketamine", 1.0, pulse_times_s=[0, 1], end_s=3)}
    curves = receptor.occupancy_curves()
    for fig in (plotting.occupancy_figure(r), plotting.occupancy_curve_figure(curves), plotting.channel_block_figure(runs)):
        labels = [t for t in fig.texts if t.get_gid() == LABEL_TAG]
        assert len(labels) == 1 and sim.DISCLAIMER in labels[0].get_text()


def test_full_chain_figure_carries_the_label_and_updates_in_place():
    from simulator import plotting
    from simulator.plasticity import conventional_antidepressant

    figure = plotting.FullChainFigure()
    r = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24 * 5, step_min=10)
    figure.update(r, conventional_antidepressant(days=5))
    line = figure.score
    figure.update(sim.simulate(sim.Infusion(dose_mg_per_kg=0.25, duration_min=40), end_h=24 * 5, step_min=10))
    assert figure.score is line and not figure.comparator.get_visible()
    labels = [t for t in figure.fig.texts if t.get_gid() == LABEL_TAG]
    assert len(labels) == 1 and sim.DISCLAIMER in labels[0].get_text()


@pytest.mark.slow
def test_chain_explorer_at_slider_extremes():
    from simulator.widgets import ChainExplorer

    explorer = ChainExplorer()
    for dose, sessions, interval in itertools.product(
        (explorer.dose.min, explorer.dose.max),
        (explorer.sessions.min, explorer.sessions.max),
        (explorer.interval.min, explorer.interval.max),
    ):
        explorer.dose.value, explorer.sessions.value, explorer.interval.value = dose, sessions, interval
        assert "Could not update" not in explorer.message.value
        r = explorer.result
        for values in (r.plasma(), r.occupancy, r.plasticity_index, r.symptom_score):
            assert np.all(np.isfinite(values))
        assert np.all((r.symptom_score >= 0) & (r.symptom_score <= 60))
    explorer.magnesium.value = True
    explorer.measure.value = "IC50"
    explorer.compare.value = False
    assert explorer.image.value[:4] == b"\x89PNG"


def test_population_figures_carry_the_label():
    from simulator import plotting

    regimen = sim.Regimen((sim.Infusion(dose_mg_per_kg=0.5, duration_min=40),))
    pop = sim.simulate_population(regimen, n=20, seed=1, end_h=48, step_min=15)
    table = sim.compare_schedules({"one": regimen}, n=10, seed=1, end_days=3)
    for fig in (
        plotting.population_figure(pop, sim.draw_patient(regimen, seed=2, end_h=48, step_min=15)),
        plotting.schedule_figure(table),
    ):
        labels = [t for t in fig.texts if t.get_gid() == LABEL_TAG]
        assert len(labels) == 1 and sim.DISCLAIMER in labels[0].get_text()


def test_log_time_axis_shows_minutes_to_weeks_on_one_axis():
    from simulator.plasticity import conventional_antidepressant

    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24.0 * 42, step_min=10.0)
    fig = plotting.full_chain_figure(result, comparator=conventional_antidepressant(days=42), time_axis="log")
    bottom = fig.axes[-1]
    assert bottom.get_xscale() == "log"
    fig.canvas.draw()
    labels = [t.get_text() for t in bottom.get_xticklabels()]
    assert labels == ["15 min", "1 h", "6 h", "1 d", "1 wk", "4 wk"]
    assert fig.axes[0].get_xlim()[0] == pytest.approx(5.0 / 60.0)
    x = fig.axes[0].get_lines()[0].get_xdata()
    assert np.isnan(x[0]) and result.time_h[0] == 0.0  # time 0 has no place on a log axis
    np.testing.assert_array_equal(x[1:], result.time_h[1:])  # hours, as simulated
    with pytest.raises(ValueError, match="time_axis"):
        plotting.FullChainFigure(time_axis="weeks")


def test_chain_figure_draws_the_comparator_transporter_block_beside_nmda_block():
    from simulator.plasticity import conventional_antidepressant

    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24.0 * 14, step_min=10.0)
    comparator = conventional_antidepressant(days=14)
    figure = plotting.FullChainFigure()
    figure.update(result, comparator)
    keep = comparator.time_h <= result.time_h[-1]
    np.testing.assert_allclose(figure.transporter.get_ydata(), 100 * comparator.block[keep])
    assert figure.transporter.get_visible()
    figure.update(result)
    assert not figure.transporter.get_visible()


def test_pins_keep_earlier_curves_as_labelled_ghosts():
    figure = plotting.ConcentrationFigure()
    low = sim.simulate(sim.Bolus(dose_mg=10), end_h=4.0)
    figure.update(low)
    figure.pin("10 mg")
    figure.update(sim.simulate(sim.Bolus(dose_mg=40), end_h=4.0))
    ghosts = figure.ghosts()
    assert len(ghosts) == 3 and figure.pin_labels == ["10 mg"] and figure.pins[0].label == "10 mg"
    np.testing.assert_array_equal(ghosts[0].get_ydata(), low.plasma())
    assert "pinned: 10 mg" in figure.ax.get_legend_handles_labels()[1]
    for k in range(plotting.MAX_PINS + 2):
        figure.pin(f"pin {k}")
    assert len(figure.pins) == plotting.MAX_PINS and figure.pin_labels[0] == "pin 2"
    figure.clear_pins()
    assert figure.pins == () and figure.ghosts() == []
    with pytest.raises(ValueError, match="label"):
        figure.pin(" ")
    chain = plotting.FullChainFigure()
    chain.update(low)
    chain.pin("low")
    assert chain.pin_labels == ["low"] and chain.pins[0].shown is low


def test_sets_figure_overlays_each_set_exactly_as_simulated():
    import warnings

    event = sim.Bolus(dose_mg_per_kg=0.5)
    fig = plotting.sets_figure(sim.pipeline.simulate_sets(event, end_h=3.0, step_min=0.5))
    lines = fig.axes[0].get_lines()
    racemic_iv = [n for n in sim.literature.names() if sim.literature.get(n).drug == "racemic"]
    assert len(lines) == len(racemic_iv)
    assert len({(line.get_linestyle(), line.get_marker()) for line in lines}) == len(lines)  # not colour alone
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kamp = sim.simulate(event, pk_set="kamp_2020", end_h=3.0, step_min=0.5)
    kamp_line = next(line for line in lines if "kamp_2020, arterial" in line.get_label())
    np.testing.assert_array_equal(kamp_line.get_ydata(), kamp.plasma())
    oral = plotting.sets_figure(sim.pipeline.simulate_sets(sim.Oral(dose_mg=50), end_h=6.0, step_min=0.5))  # its sets only
    assert all("domino" not in line.get_label() for line in oral.axes[0].get_lines())
    with pytest.raises(TypeError, match="pk_sets"):
        sim.pipeline.simulate_sets(event, pk_sets="kamp_2020")
    with pytest.raises(TypeError, match="results"):
        plotting.sets_figure(event)  # a figure draws results; it simulates nothing


def test_receptors_figure_fills_as_many_circles_as_channels_are_blocked():
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=6.0)
    fig = plotting.receptors_figure(result, 0.75)
    blocked, free = fig.axes[0].collections
    k = int(np.argmin(np.abs(result.time_h - 0.75)))
    expected = round(100 * float(result.occupancy[k]))
    assert len(blocked.get_offsets()) == expected and len(free.get_offsets()) == 100 - expected
    from matplotlib.text import Text

    assert any(f"{expected} of 100" in t.get_text() for t in fig.findobj(Text))
    assert any(sim.DISCLAIMER in t.get_text() for t in fig.texts)
    with pytest.raises(ValueError, match="time_h"):
        plotting.receptors_figure(result, 7.0)


@pytest.mark.parametrize("kind", ["concentration", "chain"])
def test_fast_rendering_gives_the_pixels_of_a_full_redraw(kind):
    import io

    from PIL import Image

    from simulator.plasticity import conventional_antidepressant

    figure = plotting.ConcentrationFigure() if kind == "concentration" else plotting.FullChainFigure()
    comparator = conventional_antidepressant(days=10) if kind == "chain" else None

    def show(dose):
        result = sim.simulate(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=24.0 * 10, step_min=10.0)
        figure.update(result) if comparator is None else figure.update(result, comparator)
        return result

    show(0.5)
    figure.render_png()
    show(0.49)  # a small step: the axes keep their limits, so only the data are drawn
    key = figure._state.key
    fast = np.asarray(Image.open(io.BytesIO(figure.render_png())))
    assert figure._state.key == key  # the fast path was taken
    figure.invalidate_background()  # force a full redraw of the same state
    assert figure._state.key is None
    full = np.asarray(Image.open(io.BytesIO(figure.render_png())))
    np.testing.assert_array_equal(fast, full)
    assert fast.shape[2] == 3 and fast.shape[0] > 100


def test_chain_figure_shows_the_acute_effects_as_simulated():
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24.0 * 3, step_min=5.0)
    figure = plotting.FullChainFigure()
    figure.update(result)
    np.testing.assert_array_equal(figure.dissociation.get_ydata(), 100 * result.dissociation_index)
    np.testing.assert_array_equal(figure.systolic.get_ydata(), result.systolic_change_mmhg)
    assert len(figure.axes) == 5 and "acute" in figure.axes[2].get_ylabel()


def test_time_cursor_reads_out_every_panel_at_one_moment():
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24.0 * 3, step_min=5.0)
    figure = plotting.FullChainFigure()
    with pytest.raises(ValueError, match="update"):
        figure.set_cursor(1.0)
    figure.update(result)
    text = figure.set_cursor(2.0)
    k = int(np.argmin(np.abs(result.time_h - 2.0)))
    assert f"NMDA block {float(f'{100 * result.occupancy[k]:.3g}'):g}%" in text
    assert f"toy score {float(f'{result.symptom_score[k]:.3g}'):g}" in text
    assert any(t.get_text() == text for t in figure.fig.texts)
    assert figure.set_cursor(None) is None and not any(t.get_text() == text for t in figure.fig.texts)
    with pytest.raises(ValueError, match="time_h"):
        figure.set_cursor(100.0)


@functools.lru_cache(maxsize=1)
def _every_input():
    """The simulations every figure of _every_figure draws: simulated once for the whole module (they are read-only)."""
    infusion = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    r = sim.simulate(infusion, end_h=24.0 * 14, step_min=10.0)
    pop = sim.simulate_population(infusion, n=20, seed=1, end_h=24.0 * 7)
    patient = sim.draw_patient(infusion, seed=3, end_h=24.0 * 7)
    table = sim.compare_schedules(
        {"one": sim.Regimen((infusion,)), "six": sim.scenarios.get("six-infusions")[0]}, n=10, seed=1, end_days=20
    )
    return infusion, r, pop, patient, table


@functools.cache
def _every_figure(style="notebook"):
    """Every figure in ``style``, built and laid out once per style; the checks that use them only read them."""
    from simulator import receptor
    from simulator.plasticity import conventional_antidepressant

    _, r, pop, patient, table = _every_input()
    s = {"style": style}
    return {
        "concentration": plotting.concentration_figure(r, **s),
        "chain": plotting.occupancy_figure(r, **s),
        "full chain, linear axis": plotting.full_chain_figure(
            r, comparator=conventional_antidepressant(days=14), time_axis="linear", **s
        ),
        "full chain, log axis": plotting.full_chain_figure(r, comparator=conventional_antidepressant(days=14), **s),
        "occupancy curves": plotting.occupancy_curve_figure(receptor.occupancy_curves(), **s),
        "population": plotting.population_figure(pop, patient, **s),
        "schedules": plotting.schedule_figure(table, **s),
        "acute, one": plotting.acute_effects_figure(r, **s),
        "acute, three": plotting.acute_effects_figure([r, r, r], **s),
        "sets": plotting.sets_figure(sim.pipeline.simulate_sets(sim.Bolus(dose_mg=20), end_h=2.0, step_min=0.5), **s),
        "trapping": plotting.trapping_figure(receptor.compare_blockers(), **s),
        "receptors": plotting.receptors_figure(r, 1.0, **s),
        "channel block": plotting.channel_block_figure(
            {"ketamine": receptor.channel_block("ketamine", 1.0, pulse_times_s=[0.5])}, **s
        ),
        "disinhibition": plotting.disinhibition_figure(sim.circuit.disinhibition_for(r), hours=6.0, **s),
    }


def _legend_entries(fig):
    """(axes index, label, colour, line style, marker, alpha, width) of every legend entry that is a line or patch."""
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D

    entries = []
    for i, ax in enumerate(fig.axes):
        legend = ax.get_legend()
        if legend is None:
            continue
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
            if isinstance(handle, Line2D):
                style = (str(handle.get_linestyle()), str(handle.get_marker()), round(handle.get_linewidth() / 2.5))
                entries.append((i, text.get_text(), to_hex(handle.get_color()), *style, handle.get_alpha()))
            else:  # a patch (a shaded range) or markers, filled or hollow
                face = np.asarray(handle.get_facecolor()).reshape(-1, 4)
                kind, colours = ("filled", face) if face.size and face[0, 3] > 0 else ("hollow", handle.get_edgecolor())
                colour = to_hex(np.asarray(colours).reshape(-1, 4)[0])
                entries.append((i, text.get_text(), colour, kind, "", 0, handle.get_alpha()))
    return entries


def _texts(fig, renderer):
    """Window extents of every visible, non-empty text drawn in ``fig`` (ticks, labels, titles, legends, notes)."""
    texts = list(fig.texts)
    for text in (fig._suptitle, fig._supxlabel, fig._supylabel):
        texts += [text] if text is not None else []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += [ax.title, ax._left_title, ax._right_title, *ax.texts]
        if ax.axison:
            texts += [ax.xaxis.label, ax.yaxis.label]
            for axis in (ax.xaxis, ax.yaxis):  # only the ticks drawn: inside the view
                low, high = sorted(axis.get_view_interval())
                span = high - low
                for loc, tick in zip(axis.get_majorticklocs(), axis.get_major_ticks(), strict=False):
                    if low - 1e-9 * span <= loc <= high + 1e-9 * span:
                        texts += [tick.label1, tick.label2]
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
    boxes = []
    for t in {id(t): t for t in texts}.values():
        if t.get_visible() and t.get_text().strip():
            box = t.get_window_extent(renderer)
            if box.width > 0 and box.height > 0:
                boxes.append((t.get_text(), box))
    return boxes


@pytest.mark.parametrize("style", plotting_style.STYLE_NAMES)
def test_every_figure_keeps_its_text_inside_readable_and_apart_in_every_style(style):
    """Text inside the figure, never overlapping other text, legends beside the data; sizes as the style says."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.lines import Line2D

    st = plotting_style.get_style(style)
    for name, fig in _every_figure(style).items():
        where = f"{style}: {name}"
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        box = fig.get_tightbbox(renderer)  # everything drawn, in inches
        width, height = fig.get_size_inches()
        assert box.x0 >= -0.01 and box.y0 >= -0.01 and box.x1 <= width + 0.01 and box.y1 <= height + 0.01, where
        if st.size_in is not None:
            assert (width, height) == pytest.approx(st.size_in), where
        labels = [t for t in fig.texts if t.get_gid() == LABEL_TAG]
        assert len(labels) == 1 and labels[0].get_text().startswith(sim.labels.SHORT_DISCLAIMER), where
        texts = _texts(fig, renderer)
        for text, extent in texts:  # the smallest text: at least the style's small size
            assert extent.y1 <= fig.bbox.height + 1 and extent.x1 <= fig.bbox.width + 1, f"{where}: {text!r} leaves the figure"
        sizes = [t.get_fontsize() for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
                 if t.get_visible() and t.get_text().strip()]  # fmt: skip
        assert min(sizes) >= min(st.small, st.label) - 1e-9, f"{where}: text of {min(sizes)} pt"
        if style == "projector":  # 18 pt on a 7.5-inch slide is 3.3% of its height (TEACHING.md)
            assert min(sizes) / 72.0 / height >= 0.033, where
        for k, (a, first) in enumerate(texts):
            for b, second in texts[k + 1 :]:
                overlap_x = min(first.x1, second.x1) - max(first.x0, second.x0)
                overlap_y = min(first.y1, second.y1) - max(first.y0, second.y0)
                assert overlap_x <= 1.5 or overlap_y <= 1.5, f"{where}: {a!r} overlaps {b!r}"
        legends = [ax.get_legend().get_window_extent(renderer) for ax in fig.axes if ax.get_legend() is not None]
        for k, legend in enumerate(legends):  # beside the data, never over it or over another legend
            for ax in fig.axes:
                if ax.get_visible() and ax.axison:
                    data = ax.get_window_extent(renderer)
                    assert not (legend.overlaps(data) and min(legend.x1, data.x1) - max(legend.x0, data.x0) > 1.5), where
            assert not any(legend.overlaps(other) for other in legends[k + 1 :]), f"{where}: legends overlap"
        for line in fig.findobj(Line2D):  # drawn lines at least the style's minimum (3 px on a slide)
            if line.get_visible() and len(line.get_xdata()) > 1 and line.get_linestyle() not in ("None", "") and line.axes:
                assert line.get_linewidth() >= st.min_line - 1e-9, f"{where}: {line.get_label()!r} at {line.get_linewidth()} pt"
        seen = {}
        for entry in _legend_entries(fig):
            key = (entry[0], *entry[2:])
            assert key not in seen, f"{where}: {entry[1]!r} looks like {seen.get(key)!r}"
            seen[key] = entry[1]


def test_no_two_series_rely_on_hue_alone_for_colour_blind_viewers():
    """Entries of one legend that share line style, marker and width differ by CIEDE2000 >= 10 under deuteranopia
    and protanopia (Machado 2009 simulation); else they differ in line style, marker or width."""
    from colour_vision import difference_under

    checked = 0
    for name, fig in _every_figure().items():
        entries = _legend_entries(fig)
        for k, (axis, label, colour, *style) in enumerate(entries):
            for other_axis, other, other_colour, *other_style in entries[k + 1 :]:
                if axis != other_axis or style[:3] != other_style[:3]:
                    continue
                for kind in ("deuteranopia", "protanopia"):
                    checked += 1
                    difference = difference_under(colour, other_colour, kind)
                    assert difference >= 10, f"{name}: {label!r} and {other!r} differ by {difference:.1f} under {kind}"
    assert checked > 10  # the check saw pairs that rely on colour


def test_switching_style_lays_the_figure_out_again_and_keeps_data_and_pins():
    from simulator.plasticity import conventional_antidepressant

    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24.0 * 7, step_min=10.0)
    comparator = conventional_antidepressant(days=7)
    for figure in (plotting.ConcentrationFigure(), plotting.FullChainFigure(time_axis="log")):
        figure.update(result) if isinstance(figure, plotting.ConcentrationFigure) else figure.update(result, comparator)
        figure.pin("first")
        notebook = figure.render_png()
        figure.set_style("projector")
        assert tuple(figure.fig.get_size_inches()) == pytest.approx((1920 / 144, 7.5))
        assert figure.pin_labels == ["first"]
        np.testing.assert_array_equal(figure.data_lines()[0].get_ydata(), result.plasma("ketamine"))
        projector = figure.render_png()
        assert projector != notebook
        fig = figure.fig
        fig.canvas.draw()
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        assert box.x0 >= -0.01 and box.y0 >= -0.01 and box.x1 <= 13.34 and box.y1 <= 7.51
        figure.set_style("notebook")
        assert figure.render_png() == notebook  # back to the same pixels
    with pytest.raises(ValueError, match="style"):
        plotting.ConcentrationFigure(style="poster")


def test_trapping_view_shows_memantine_sparing_late_transmission():
    """In the channel-block view, memantine's late transmission (open fraction relative to no blocker) exceeds
    ketamine's by at least 10 percentage points at equal equilibrium occupancy (Gilling 2009 untrapping)."""
    from simulator import receptor

    comparison = receptor.compare_blockers()
    fig = plotting.trapping_figure(comparison, style="projector")
    top, bottom = fig.axes
    shown = {line.get_label(): np.asarray(line.get_ydata()) for line in bottom.get_lines()}
    late = {name: shown[name][-10:].mean() for name in ("ketamine", "memantine", "mk801")}
    assert late["memantine"] - late["ketamine"] >= 10.0
    np.testing.assert_allclose(shown["ketamine"], 100 * comparison.transmission()["ketamine"])
    peaks = {line.get_label().split(" ")[0]: np.max(line.get_ydata()) for line in top.get_lines()}
    assert peaks["memantine"] - peaks["ketamine"] >= 0.1 * peaks["no"]  # the last pulses open more channels


def test_a_projector_figure_exports_as_a_full_hd_slide(tmp_path):
    from PIL import Image

    from simulator import export

    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=6.0)
    for builder in (plotting.concentration_figure, plotting.occupancy_figure, plotting.acute_effects_figure):
        path = export.save_figure(builder(result, style="projector"), tmp_path / f"{builder.__name__}.png")
        assert Image.open(path).size == (1920, 1080)


def test_concentration_figure_on_a_log_axis_shows_elimination_as_a_straight_line():
    result = sim.simulate(sim.Bolus(dose_mg=35), end_h=12.0)
    figure = plotting.ConcentrationFigure(yscale="log")
    figure.update(result)
    low, high = figure.ax.get_ylim()
    assert figure.ax.get_yscale() == "log" and high / low == pytest.approx(1e4)
    assert high >= result.plasma().max() and np.log10(high) == round(np.log10(high))  # whole decades
    np.testing.assert_array_equal(figure.parent_line.get_ydata(), result.plasma())
    late = (result.time_h > 6) & (result.time_h < 12)  # terminal phase: log-linear, slope -lambda_z
    slope = np.polyfit(result.time_h[late], np.log(result.plasma()[late]), 1)[0]
    assert np.allclose(np.diff(np.log(result.plasma()[late])) / np.diff(result.time_h[late]), slope, rtol=0.05)
    with pytest.raises(ValueError, match="yscale"):
        plotting.ConcentrationFigure(yscale="ln")


def test_locked_axes_keep_their_limits_while_the_data_change():
    from simulator.plasticity import conventional_antidepressant

    for figure in (plotting.ConcentrationFigure(), plotting.FullChainFigure()):

        def show(dose, figure=figure):
            result = sim.simulate(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=24.0 * 7, step_min=10.0)
            figure.update(result, conventional_antidepressant(days=7)) if hasattr(figure, "axes") else figure.update(result)
            return result

        show(0.5)
        limits = [ax.get_ylim() for ax in figure.fig.axes]
        figure.lock_axes()
        big = show(2.0)
        assert figure.axes_locked and [ax.get_ylim() for ax in figure.fig.axes] == limits
        np.testing.assert_array_equal(figure.data_lines()[0].get_ydata(), big.plasma())  # the data still move
        figure.lock_axes(False)
        show(2.0)
        assert [ax.get_ylim() for ax in figure.fig.axes] != limits
        with pytest.raises(TypeError, match="locked"):
            figure.lock_axes("yes")


def test_a_new_style_keeps_the_curves_chosen_the_overlay_and_the_band():
    result = sim.simulate(sim.Bolus(dose_mg=35), end_h=6.0)
    figure = plotting.ConcentrationFigure()
    figure.update(result)
    figure.configure(show=("brain",))
    figure.set_overlay({"the same, again": result})
    figure.set_style("projector")
    assert not figure.parent_line.get_visible() and figure.effect_line.get_visible()
    (overlay,) = figure.overlay
    assert overlay.axes is figure.ax and overlay.get_label() == "the same, again"
    chain = plotting.FullChainFigure()
    chain.update(result)
    chain.set_band("analgesic")
    chain.set_style("print")
    assert chain.band is not None and chain.band.axes is chain.axes[0] and "analgesic" in chain.band.get_label()


def test_axis_tops_step_on_rungs():
    from simulator.plotting._base import TOP_RUNGS, top_rung

    for value in np.geomspace(1e-3, 1e5, 97):
        top = top_rung(value)
        mantissa = top / 10.0 ** np.floor(np.log10(top) + 1e-12)
        assert value <= top <= 5 / 3 * value * (1 + 1e-12)  # the nearest rung at or above (at most 5/3 apart: 3 to 5)
        assert any(np.isclose(mantissa, m) for m in TOP_RUNGS)
    assert top_rung(0.0) == 1.0 and top_rung(float("nan")) == 1.0

    # a dose move whose peak stays inside the concentration axis (and above 40% of it) keeps its limits
    figure = plotting.FullChainFigure()

    def chain(dose):
        figure.update(sim.simulate(sim.Infusion(dose_mg_per_kg=dose, duration_min=40), end_h=24.0 * 3, step_min=10.0))
        figure.render_png(dpi=30)
        top = float(figure.parent.get_ydata().max())
        return figure._state.key, figure.axes[0].get_ylim()[1], top

    key, axis_top, top = chain(0.5)
    assert top <= axis_top == top_rung(1.1 * top)
    for dose in (0.3, 0.4, 0.45):
        new_key, new_top, top = chain(dose)
        assert new_top == axis_top and new_key[1][0] == key[1][0] and top <= axis_top  # the plasma panel's limits stay
    new_key, new_top, top = chain(1.5)  # the data leave it: the rung above, with headroom
    assert new_key != key and new_top == top_rung(1.2 * 1.1 * top) and top <= new_top
