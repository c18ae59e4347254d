"""Exports carry their data exactly, their provenance and the teaching-model label."""

import csv

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import simulator as sim
from simulator import export, plotting


def _read(path):
    lines = path.read_text().splitlines()
    header = [line[2:] for line in lines if line.startswith("# ")]
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))
    return header, rows[0], np.array(rows[1:], dtype=float)


@pytest.mark.parametrize(
    "dose", [sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sim.Intranasal(dose_mg=56, drug="esketamine")]
)
def test_csv_round_trip_with_provenance(tmp_path, dose):
    result = sim.simulate(dose, end_h=8.0, step_min=2.0)
    path = export.write_csv(result, tmp_path / "run.csv")
    header, names, data = _read(path)
    assert header[0] == sim.DISCLAIMER
    assert any(sim.__version__ in line for line in header)
    assert any(result.pk_set.citation.short().split()[0] in line and result.pk_set.name in line for line in header)
    assert any(type(dose).__name__ in line and "not a recommendation" in line for line in header)
    assert any("receptor assumptions" in line for line in header)
    assert len(names) == len(export.COLUMNS)
    expected = [result.time_h, result.plasma("ketamine"), result.effect_site("ketamine"), result.plasma("norketamine")]
    for column, values in enumerate(expected):
        np.testing.assert_allclose(data[:, column], values, rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(data[:, names.index("symptom_score (toy score 0-60)")], result.symptom_score, rtol=1e-5)
    np.testing.assert_allclose(data[:, -1], result.systolic_change_mmhg, rtol=1e-5, atol=1e-9)


def test_figures_for_slides_and_print(tmp_path):
    fig = plotting.occupancy_figure(sim.simulate(sim.Bolus(dose_mg=20), end_h=4.0))
    png = export.save_figure(fig, tmp_path / "slide.png")
    image = matplotlib.image.imread(png)
    height, width = image.shape[:2]
    assert width <= 1920 and height <= 1080 and (width == 1920 or height == 1080)
    svg = export.save_figure(fig, tmp_path / "print.svg")
    assert "Teaching model" in svg.read_text()


def test_exports_check_their_input(tmp_path):
    result = sim.simulate(sim.Bolus(dose_mg=20), end_h=1.0)
    with pytest.raises(ValueError, match="csv"):
        export.write_csv(result, tmp_path / "run.txt")
    with pytest.raises(TypeError, match="Result"):
        export.write_csv("result", tmp_path / "run.csv")
    bare, _ = matplotlib.pyplot.subplots()
    with pytest.raises(ValueError, match="label"):
        export.save_figure(bare, tmp_path / "bare.png")
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        export.save_figure(plotting.occupancy_figure(result), tmp_path / "fig.pdf")


def test_describe_states_the_numbers_the_figures_show():
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24.0 * 21, step_min=5.0)
    text = plotting.describe(result)
    s = result.summary(significant=3)  # the screen's one rounding rule (simulator.tables.SIGNIFICANT_FIGURES)
    assert text.endswith(sim.DISCLAIMER)
    assert f"{s['ketamine']['cmax']:g} ng/mL" in text
    assert f"{100 * s['occupancy']['peak']:g}%" in text
    assert f"{s['symptom']['days_in_response']:g} days" in text
    assert f"{s['acute']['systolic_peak_mmhg']:g} mmHg" in text
    pop = sim.simulate_population(sim.Bolus(dose_mg=20), n=20, seed=1, end_h=24.0)
    assert plotting.describe(pop).startswith("20 virtual patients.")
    table = {"one": {"sessions": 1, "days_in_response": (0.0, 2.0, 3.0), "hours_with_acute_effects": 0.5}}
    assert "one: 1 session, hours of toy acute effects (median) 30 min, median 2 days" in plotting.describe(table)
    with pytest.raises(TypeError, match="subject"):
        plotting.describe("figure")
