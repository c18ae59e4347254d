"""The presets (simulator.scenarios): each is a regimen, a patient and options with a source; old names still work."""

import pytest

import simulator as sim
from simulator import scenarios


def test_every_preset_is_a_read_only_scenario_with_a_source():
    for name in scenarios.names():
        s = scenarios.preset(name)
        assert s is scenarios.SCENARIOS[name] and s.source and s.description
        regimen, patient, options = scenarios.get(name)
        assert regimen == s.regimen and patient == s.patient and options == dict(s.options)
        options["end_h"] = -1.0  # a copy: changing it changes nothing
        assert scenarios.get(name)[2] == dict(s.options)
    assert isinstance(sim.simulate(*scenarios.get("oral-dose")[:2], end_h=2.0), sim.Result)


def test_old_names_warn_and_give_the_new_ones():
    with pytest.warns(DeprecationWarning, match="preset"):
        old = scenarios.describe
    assert old is scenarios.preset
    with pytest.warns(DeprecationWarning, match="EVENT_KINDS"):
        assert scenarios.ROUTES is sim.dosing.EVENT_KINDS
    from simulator.widgets import pharmacokinetics

    with pytest.warns(DeprecationWarning, match="DRUG_LABELS"):
        assert pharmacokinetics.DRUGS is pharmacokinetics.DRUG_LABELS
    from simulator import plotting

    with pytest.warns(DeprecationWarning, match="run_plasticity"):
        assert sim.plasticity.run_chain is sim.plasticity.run_plasticity
    with pytest.warns(DeprecationWarning, match="PlasticityResult"):
        assert sim.plasticity.ChainResult is sim.plasticity.PlasticityResult
    with pytest.warns(DeprecationWarning, match="occupancy_figure"):
        assert plotting.chain_figure is plotting.occupancy_figure
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = scenarios.nothing
