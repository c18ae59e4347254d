"""Facts the course notebooks state in words, checked against the rule or the model they quote (slips found in review).

Teaching model: illustrative, not for dosing.
"""

import re
from pathlib import Path

import numpy as np

import simulator as sim

SOURCES = Path(__file__).resolve().parents[1] / "notebooks" / "source"


def _sentence(stem: str, words: str) -> str:
    text = " ".join((SOURCES / f"{stem}.md").read_text().split())
    found = [s for s in re.split(r"(?<=\.)\s+(?=[A-Z])", text) if words in s]
    assert found, f"{stem} no longer says {words!r}"
    return " ".join(found)


def test_five_half_lives_leave_the_rule_s_three_percent_and_the_model_s_own_share():
    said = _sentence("00_start_here", "five half-lives")
    rule = 100 * 0.5**5  # 3.125%: the rule of thumb, not "under 2%"
    assert f"{rule:.2g}%" in said
    regimen, patient, _ = sim.scenarios.get("standard-infusion")
    result = sim.simulate(regimen, patient, end_h=24 * 21, step_min=1)
    half_life = result.terminal_half_life_h()
    plasma = result.plasma()
    left = 100 * np.interp(5 * half_life, result.time_h, plasma) / plasma.max()
    assert f"{left:.3g}%" in said and left < rule  # the fast phase first: the model leaves less than the rule
    assert f"({5 * half_life:.3g} hours)" in said
