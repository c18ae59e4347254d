"""Every notebook runs top to bottom, is committed without outputs and shows the teaching label."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks_and_an_index():
    assert NOTEBOOKS
    index = (ROOT / "notebooks" / "README.md").read_text()
    for path in NOTEBOOKS:
        assert path.name in index


def _committed(path: Path) -> str:
    """Return the notebook as committed (a student's saved outputs in the working tree do not count), else as on disk."""
    import subprocess

    done = subprocess.run(["git", "show", f"HEAD:notebooks/{path.name}"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else path.read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_without_outputs(path):
    for cell in json.loads(_committed(path))["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and not cell.get("execution_count"), f"{path.name} has stored outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_states_the_teaching_model(path):
    nb = nbformat.read(path, as_version=4)
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    assert "teaching model" in text and "not for dosing" in text
    assert "cannot tell you" in text
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    for cell in nb.cells:  # each figure is shown once (no second copy from pyplot at the end of the cell)
        if cell.cell_type == "code":
            outputs = cell.get("outputs", [])
            images = [o for o in outputs if "image/png" in o.get("data", {})]
            widget = any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
            assert len(images) <= (0 if widget else 1), f"a cell shows {len(images)} static images: {cell.source[:60]!r}"
    # code cells stay short: science lives in the package (DESIGN.md principle 1)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 6
