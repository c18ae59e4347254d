"""One number, one definition: the hours of toy acute effects and every number the screen shows (issue 22, item 4),
and the two parts of the gap in block between racemic ketamine and esketamine at half its dose (item 5).

Teaching model: illustrative, not for dosing.
"""

import csv
import dataclasses
import math

import numpy as np
import pytest

import simulator as sim
from simulator import plotting
from simulator.acute import HOURS_WITH_EFFECTS_NAME, effect_thresholds, hours_with_effects_text
from simulator.pipeline import Chain, Result, enantiomer_decomposition
from simulator.tables import SIGNIFICANT_FIGURES, format_duration, format_effect_duration, format_number

REGIMENS = ("standard-infusion", "esketamine-iv-half-dose", "anaesthetic-induction", "six-infusions")


@pytest.fixture(scope="module")
def runs():
    out = {}
    for name in REGIMENS:
        regimen, patient, options = sim.scenarios.get(name)
        out[name] = sim.simulate(regimen, patient, **options)
    return out


def _csv_rows(table, path) -> dict:
    table.write_csv(path)
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    return {row[0]: row[1] for row in list(csv.reader(lines))[1:]}


@pytest.mark.parametrize("name", REGIMENS)
def test_summary_text_table_csv_and_wording_agree(runs, name, tmp_path):
    result = runs[name]
    full = result.summary(significant=None)["acute"]
    shown = result.summary()["acute"]
    hours = full["hours_with_effects"]
    # the summary's value is the one definition, rounded by the one rule
    model = result.acute_model
    assert hours == sim.acute.hours_with_effects(result.time_h, result.dissociation_index, result.systolic_change_mmhg, model)
    assert shown["hours_with_effects"] == float(format_number(hours)) if hours else shown["hours_with_effects"] == 0.0
    assert format_effect_duration(shown["hours_with_effects"]) == format_effect_duration(hours)
    # the text summary says it in the one sentence
    text = plotting.describe(result)
    assert hours_with_effects_text(hours, len(result.regimen.events), model) in text
    assert f"{format_effect_duration(hours)}" in text
    assert " 0 h" not in text
    # the table and its CSV hold the summary's (rounded) value, under the same name
    rows = _csv_rows(result.summary_table(), tmp_path / "summary.csv")
    (key,) = [k for k in rows if k.startswith(HOURS_WITH_EFFECTS_NAME)]
    assert float(rows[key]) == shown["hours_with_effects"]
    assert dict((r[0], r[1]) for r in result.summary_rows())[key] == shown["hours_with_effects"]
    # every other number of the text is the summary's, at 3 significant figures
    s = result.summary(significant=None)
    parent = "ketamine"
    for value in (s[parent]["cmax"], 100 * s["occupancy"]["peak"], full["dissociation_peak"], full["systolic_peak_mmhg"]):
        assert format_number(value) in text
        assert float(format_number(value)) == float(f"{value:.{SIGNIFICANT_FIGURES}g}")


def test_the_definition_is_a_fixed_threshold_stated_with_its_numbers(runs):
    levels = effect_thresholds()
    assert levels == {"dissociation": 0.1, "systolic_mmhg": 4.0}
    half = runs["esketamine-iv-half-dose"]
    acute = half.summary(significant=None)["acute"]
    # esketamine at half the dose: both toy effects stay under their thresholds, so "none" is the truth, said so
    assert 0 < acute["dissociation_peak"] < levels["dissociation"] and 0 < acute["systolic_peak_mmhg"] < levels["systolic_mmhg"]
    assert acute["hours_with_effects"] == 0.0
    text = plotting.describe(half)
    assert "none over 1 session (neither effect passes its threshold)" in text and "above 0.1" in text and "4 mmHg" in text
    # a dose with effects above the thresholds has hours; more dose, more hours; sessions add up
    one = runs["standard-infusion"].summary(significant=None)["acute"]["hours_with_effects"]
    bolus = runs["anaesthetic-induction"].summary(significant=None)["acute"]["hours_with_effects"]
    six = runs["six-infusions"].summary(significant=None)["acute"]["hours_with_effects"]
    assert 0 < one < bolus and six == pytest.approx(6 * one, rel=0.15)


@pytest.mark.parametrize(
    "hours, words",
    [
        (0.0, "none"),
        (3.0 / 60, "under 5 min"),
        (4.99 / 60, "under 5 min"),
        (5.0 / 60, "5 min"),
        (34.0 / 60, "34 min"),
        (59.0 / 60, "59 min"),
        (1.0, "1 h"),
        (2.27, "2.27 h"),
        (26.63, "26.6 h"),
        (math.nan, "n/a"),
    ],
)
def test_duration_wording_edges(hours, words):
    assert format_effect_duration(hours) == words


def test_duration_wording_refuses_a_negative_and_numbers_have_three_figures():
    with pytest.raises(ValueError, match="h must be at least 0"):
        format_effect_duration(-0.1)
    assert (format_number(177.04), format_number(186.6), format_number(0.2871), format_number(45.41)) == (
        "177",
        "187",
        "0.287",
        "45.4",
    )
    assert format_duration(2.08 * 24) == "2.08 days" and format_duration(0.5) == "30 min"


# --- item 5: racemic against esketamine at half the dose


@pytest.fixture(scope="module")
def arms():
    racemic = sim.simulate(*sim.scenarios.get("standard-infusion")[:2], end_h=24.0)
    esketamine = sim.simulate(*sim.scenarios.get("esketamine-iv-half-dose")[:2], end_h=24.0)
    return racemic, esketamine


def _esketamine_with_the_racemic_kinetics(racemic):
    """Esketamine at the S dose under the racemic set (which gives both enantiomers the same kinetics)."""
    regimen, patient, _ = sim.scenarios.get("esketamine-iv-half-dose")
    params = dataclasses.replace(racemic.pk_set, drug="esketamine")
    chain = Chain(regimen, (patient,), params, racemic.receptor, racemic.plasticity_model, racemic.time_h)
    return Result(racemic.time_h, regimen, patient, params, chain, racemic.receptor, racemic.plasticity_model)


def test_the_parts_add_up_to_the_gap_exactly_with_the_expected_signs(arms):
    racemic, esketamine = arms
    d = enantiomer_decomposition(racemic, esketamine)
    assert d.r_share + d.kinetics + d.remainder == d.total_gap  # stated, not assumed
    assert abs(d.remainder) < 1e-12
    assert d.racemic_peak == pytest.approx(100 * racemic.summary(significant=None)["occupancy"]["peak"], abs=1e-12)
    assert d.esketamine_peak == pytest.approx(100 * esketamine.summary(significant=None)["occupancy"]["peak"], abs=1e-12)
    assert d.total_gap == pytest.approx(d.racemic_peak - d.esketamine_peak, abs=1e-12)
    assert d.racemic_peak > d.s_part_peak > d.esketamine_peak  # R adds block; the esketamine set gives lower S levels
    assert 3.5 < d.r_share < 6.0  # about 4-5 points at equal S levels (Ki R 1.4 against S 0.30 uM)
    assert d.kinetics > d.r_share  # most of the gap is the two parameter sets
    text = d.describe()
    for value in (d.racemic_peak, d.esketamine_peak, d.total_gap, d.r_share, d.kinetics, d.s_part_peak):
        assert format_number(value) in text
    assert "R-ketamine" in text and "Clements 1981" in text and "Perez-Ruixo 2021" in text
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.r_share = 0.0


def test_with_the_same_kinetics_the_parameter_sets_part_is_zero(arms):
    racemic, _ = arms
    same = _esketamine_with_the_racemic_kinetics(racemic)
    np.testing.assert_allclose(
        same.effect_site("ketamine", "mg/L"), racemic.effect_site("ketamine", "mg/L") / 2, rtol=1e-9, atol=1e-15
    )
    d = enantiomer_decomposition(racemic, same)
    assert d.kinetics == pytest.approx(0.0, abs=1e-9)
    assert d.total_gap == pytest.approx(d.r_share, abs=1e-9)


def test_the_decomposition_refuses_what_it_cannot_split(arms):
    racemic, esketamine = arms
    with pytest.raises(TypeError, match="Result"):
        enantiomer_decomposition("racemic", esketamine)
    with pytest.raises(ValueError, match="racemic ketamine and esketamine"):
        enantiomer_decomposition(esketamine, racemic)
    other = sim.simulate(sim.Infusion(dose_mg_per_kg=0.4, duration_min=40, drug="esketamine"), end_h=24.0)
    with pytest.raises(ValueError, match="S half"):
        enantiomer_decomposition(racemic, other)
    magnesium = sim.simulate(
        *sim.scenarios.get("esketamine-iv-half-dose")[:2], end_h=24.0, receptor=sim.ReceptorAssumptions(magnesium=True)
    )
    with pytest.raises(ValueError, match="receptor"):
        enantiomer_decomposition(racemic, magnesium)


def test_the_dashboard_states_the_decomposition_for_its_comparison_preset():
    import matplotlib

    matplotlib.use("Agg")
    from simulator.widgets import LectureDashboard

    board = LectureDashboard(preset="Racemic 0.5 mg/kg vs esketamine 0.25 mg/kg (half)")
    text = board.describe()
    assert "of which" in text and "R-ketamine" in text and "parameter sets" in text
    assert text.index("R-ketamine (the racemate") < text.index("Esketamine in plasma")
    board.apply_preset("Standard infusion (0.5 mg/kg over 40 min)")
    assert "of which" not in board.describe()


@pytest.mark.parametrize("days", [1.0, 3.0, 7.0, 21.0, 28.0])
def test_the_terminal_half_life_shown_does_not_depend_on_the_window(days):
    """One number, one value: the summary's half-life is the model's slowest phase (its derived terminal half-life,
    ln 2 over the smallest eigenvalue, computed apart), over a day or four weeks alike (it fitted 1e-36 noise before)."""
    scenario = sim.scenarios.preset("standard-infusion")
    result = sim.simulate(scenario.regimen, scenario.patient, end_h=24.0 * days, grid="log")
    slowest = result.model.parent.terminal_half_life_min / 60.0
    assert result.terminal_half_life_h() == pytest.approx(slowest, rel=0.01)
