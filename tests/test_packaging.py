"""Project foundation: dependencies in sync, README quick start, the teaching label."""

import re
import sys
from pathlib import Path

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

import simulator as sim

ROOT = Path(__file__).resolve().parents[1]
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
CONDA_ONLY = {"python", "pip"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = _pyproject()["project"]
    wanted = {_name(r): r for r in project["dependencies"] + project["optional-dependencies"]["lab"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {}
    for entry in env["dependencies"]:
        if isinstance(entry, str):
            name = CONDA_TO_PYPI.get(_name(entry), _name(entry))
            if name not in CONDA_ONLY:
                conda[name] = entry
    assert set(conda) == set(wanted), f"environment.yml {sorted(conda)} vs pyproject {sorted(wanted)}"
    for name, requirement in wanted.items():
        pin = requirement[len(name) :].strip()
        assert conda[name].endswith(pin), f"{name}: pyproject says {pin!r}, environment.yml {conda[name]!r}"
    assert "python>=3.10" in env["dependencies"]
    assert project["requires-python"] == ">=3.10"


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)\n```", quick, flags=re.S)
    assert len(commands) == 2
    launch, test = commands
    assert "-m simulator dashboard" in launch
    assert "pytest" in test
    assert test in (ROOT / ".ci" / "run").read_text()
    assert "not for dosing" in readme.lower()


def test_disclaimer_is_one_teaching_sentence():
    assert "Teaching model" in sim.DISCLAIMER
    assert "not for dosing" in sim.DISCLAIMER


def test_license_and_citation_present():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == _pyproject()["project"]["version"] == sim.__version__


def test_import_simulator_leaves_heavy_scipy_modules_for_when_they_are_needed():
    """``import simulator`` stays quick (about 0.13 s here, was 1.2 s): scipy.linalg loads on first use, scipy.signal never.

    The first-order hold is numpy's own now (simulator.linear), so the first summary or chain call pays no second-long
    ``scipy.signal`` import (issue 24).
    """
    import subprocess
    import sys

    code = (
        "import sys, simulator as sim\n"
        "assert 'scipy.signal' not in sys.modules and 'scipy.linalg' not in sys.modules and 'matplotlib' not in sys.modules\n"
        "r = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24)\n"
        "r.symptom_score\n"
        "assert 'scipy.signal' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
