"""Imports point down: every module of simulator/ sits in a declared layer and imports only its own or lower layers.

The layers are declared once in docs/make_architecture.py; the imports are read from the sources (every
import statement, lazy ones inside functions included), and docs/architecture.md carries the generated table.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_architecture", ROOT / "docs" / "make_architecture.py")
arch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(arch)

GRAPH = arch.imports()


def test_every_module_belongs_to_one_declared_layer():
    homeless = [m for m in GRAPH if arch.layer_of(m) is None]
    assert not homeless, f"place these modules in docs/make_architecture.py LAYERS: {homeless}"
    assert {"simulator.tables", "simulator.course", "simulator.cli", "simulator.style", "simulator.exercises"} <= set(GRAPH)


def test_the_scanner_sees_lazy_and_relative_imports():
    # acute imports literature.safety inside safety_table, and "from . import literature" reaches the subpackage
    assert "simulator.literature.safety" in GRAPH["simulator.acute"]
    assert "simulator.literature" in GRAPH["simulator.pipeline"]
    assert "simulator.widgets.explorer" in GRAPH["simulator.widgets.receptor"]


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_imports_from_a_higher_layer(module):
    mine = arch.layer_of(module)
    above = [d for d in GRAPH[module] if arch.layer_of(d) is not None and arch.layer_of(d) > mine]
    upward = [(d, arch.LAYERS[arch.layer_of(d)][0]) for d in above]
    assert not upward, f"{module} (layer {arch.LAYERS[mine][0]!r}) imports from higher layers: {upward}"


def test_imports_form_no_cycle_lazy_ones_included():
    state, cycles = {}, []

    def visit(node, path):
        state[node] = "open"
        for dep in GRAPH.get(node, ()):
            if state.get(dep) == "open":
                cycles.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = "done"

    for module in GRAPH:
        if module not in state:
            visit(module, [module])
    assert not cycles, f"import cycles: {cycles}"


def test_architecture_md_carries_the_generated_table():
    text = arch.DOC.read_text()
    assert arch.generated() in text, "docs/architecture.md is stale: run python docs/make_architecture.py"


def test_the_exercise_checkers_and_the_package_load_without_matplotlib_or_ipywidgets():
    code = (
        "import sys; import simulator; from simulator import exercises; "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
