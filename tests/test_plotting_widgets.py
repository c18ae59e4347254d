"""Figures carry the teaching label; the explorer updates in place and survives every slider extreme."""

import itertools

import numpy as np
import pytest

import simulator as sim
from simulator import plotting
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


def test_concentration_explorer_never_runs_occupancy_or_the_chain(monkeypatch):
    """A slider move of the concentration explorer computes concentrations only (the fast path)."""

    def fail(*args, **kwargs):
        raise RuntimeError("the occupancy model or the toy chain ran")

    monkeypatch.setattr("simulator.pipeline.total_occupancy", fail)
    monkeypatch.setattr("simulator.pipeline.run_chain", fail)
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
    for fig in (plotting.chain_figure(r), plotting.occupancy_curve_figure(), plotting.channel_block_figure(runs)):
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
    np.testing.assert_array_equal(fig.axes[0].get_lines()[0].get_xdata(), result.time_h)  # hours, as simulated
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
    ghosts = [line for line in figure.ax.get_lines() if line.get_alpha() == 0.3]
    assert len(ghosts) == 3 and figure.pins == ["10 mg"]
    np.testing.assert_array_equal(ghosts[0].get_ydata(), low.plasma())
    assert "pinned: 10 mg" in figure.ax.get_legend_handles_labels()[1]
    for k in range(plotting.MAX_PINS + 2):
        figure.pin(f"pin {k}")
    assert len(figure.pins) == plotting.MAX_PINS and figure.pins[0] == "pin 2"
    figure.clear_pins()
    assert figure.pins == [] and all(line.get_alpha() != 0.3 for line in figure.ax.get_lines())
    with pytest.raises(ValueError, match="label"):
        figure.pin(" ")
    chain = plotting.FullChainFigure()
    chain.update(low)
    chain.pin("low")
    assert chain.pins == ["low"]


def test_sets_figure_overlays_each_set_exactly_as_simulated():
    import warnings

    event = sim.Bolus(dose_mg_per_kg=0.5)
    fig = plotting.sets_figure(event, end_h=3.0)
    lines = fig.axes[0].get_lines()
    racemic_iv = [n for n in sim.literature.names() if sim.literature.get(n).drug == "racemic"]
    assert len(lines) == len(racemic_iv)
    assert len({(line.get_linestyle(), line.get_marker()) for line in lines}) == len(lines)  # not colour alone
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kamp = sim.simulate(event, pk_set="kamp_2020", end_h=3.0, step_min=0.5)
    kamp_line = next(line for line in lines if "kamp_2020, arterial" in line.get_label())
    np.testing.assert_array_equal(kamp_line.get_ydata(), kamp.plasma())
    oral = plotting.sets_figure(sim.Oral(dose_mg=50), end_h=6.0)  # only sets that describe the route
    assert all("domino" not in line.get_label() for line in oral.axes[0].get_lines())
    with pytest.raises(TypeError, match="pk_sets"):
        plotting.sets_figure(event, pk_sets="kamp_2020")


def test_receptors_figure_fills_as_many_circles_as_channels_are_blocked():
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=6.0)
    fig = plotting.receptors_figure(result, 0.75)
    blocked, free = fig.axes[0].collections
    k = int(np.argmin(np.abs(result.time_h - 0.75)))
    expected = round(100 * float(result.occupancy[k]))
    assert len(blocked.get_offsets()) == expected and len(free.get_offsets()) == 100 - expected
    assert any(f"{expected} of 100" in t.get_text() for t in fig.texts)
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
    key = figure._key
    fast = np.asarray(Image.open(io.BytesIO(figure.render_png())))
    assert figure._key == key  # the fast path was taken
    figure.__dict__["_key"] = None  # force a full redraw of the same state
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
    assert f"NMDA block {float(f'{100 * result.occupancy[k]:.2g}'):g}%" in text
    assert f"toy score {float(f'{result.symptom_score[k]:.2g}'):g}" in text
    assert any(t.get_text() == text for t in figure.fig.texts)
    assert figure.set_cursor(None) is None and not any(t.get_text() == text for t in figure.fig.texts)
    with pytest.raises(ValueError, match="time_h"):
        figure.set_cursor(100.0)


def _every_figure():
    from simulator import receptor
    from simulator.plasticity import conventional_antidepressant

    infusion = sim.Infusion(dose_mg_per_kg=0.5, duration_min=40)
    r = sim.simulate(infusion, end_h=24.0 * 14, step_min=10.0)
    pop = sim.simulate_population(infusion, n=20, seed=1, end_h=24.0 * 7)
    table = sim.compare_schedules(
        {"one": sim.Regimen((infusion,)), "six": sim.scenarios.get("six-infusions")[0]}, n=10, seed=1, end_days=20
    )
    return {
        "concentration": plotting.concentration_figure(r),
        "chain": plotting.chain_figure(r),
        "full chain": plotting.full_chain_figure(r, comparator=conventional_antidepressant(days=14)),
        "full chain, log axis": plotting.full_chain_figure(r, time_axis="log"),
        "occupancy curves": plotting.occupancy_curve_figure(),
        "population": plotting.population_figure(pop),
        "schedules": plotting.schedule_figure(table),
        "acute, one": plotting.acute_effects_figure(r),
        "acute, three": plotting.acute_effects_figure([r, r, r]),
        "sets": plotting.sets_figure(sim.Bolus(dose_mg=20), end_h=2.0),
        "trapping": plotting.trapping_figure(receptor.compare_blockers()),
        "receptors": plotting.receptors_figure(r, 1.0),
        "channel block": plotting.channel_block_figure(
            {"ketamine": receptor.channel_block("ketamine", 1.0, pulse_times_s=[0.5])}
        ),
    }


def test_every_figure_keeps_its_text_inside_and_its_legend_entries_distinct():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D

    for name, fig in _every_figure().items():
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        box = fig.get_tightbbox(canvas.get_renderer())  # everything drawn, in inches
        width, height = fig.get_size_inches()
        assert box.x0 >= -0.01 and box.y0 >= -0.01 and box.x1 <= width + 0.01 and box.y1 <= height + 0.01, name
        assert any(t.get_gid() == LABEL_TAG for t in fig.texts), name
        for ax in fig.axes:
            seen = {}
            for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
                if isinstance(handle, Line2D):
                    key = (to_hex(handle.get_color()), str(handle.get_linestyle()), str(handle.get_marker()))
                    assert key not in seen, f"{name}: {label!r} looks like {seen.get(key)!r}"
                    seen[key] = label
