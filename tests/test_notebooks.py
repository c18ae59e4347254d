"""The course: every notebook runs, is committed clean, follows the course rubric, and is built from its one source.

Student notebooks run top to bottom in a fresh kernel (an exercise stub may raise NotImplementedError;
its checker says "Not done yet" instead of failing); instructor notebooks run with strict checks, so
every solution must pass its checker. All notebooks run in parallel, one kernel per core.
"""

import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from simulator import course
from simulator.exercises import EXERCISES, STRICT_ENV

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
SOURCES = {p.stem: course.parse(p.read_text(), p.stem) for p in sorted((FOLDER / "source").glob("*.md"))}
INSTRUCTOR = sorted((FOLDER / "instructor").glob("*.ipynb"))
GUIDE = (ROOT / "docs" / "teacher_guide.md").read_text()
WIDGET = "application/vnd.jupyter.widget-view+json"

#: Each teaching point of the subject -> (notebook, a pattern one of its section headings matches).
TEACHING_POINTS = {
    "NMDA antagonism and glutamate": [("02_nmda_receptor", r"glutamate")],
    "hours vs weeks": [("03_hours_vs_weeks", r"weeks")],
    "synaptic plasticity": [("03_hours_vs_weeks", r"plasticity|synap")],
    "dose and session frequency": [("04_sessions_and_personalisation", r"session|schedul|spacing")],
    "supervision": [("05_safety_and_the_clinic", r"supervis|observ|clinic")],
    "dissociation": [("05_safety_and_the_clinic", r"dissociat")],
    "blood pressure": [("05_safety_and_the_clinic", r"blood pressure")],
    "misuse": [("05_safety_and_the_clinic", r"misuse")],
    "severe depression and suicidal thoughts": [("07_severe_depression_and_combined_care", r"hours matter")],
    "medication combined with therapy": [("07_severe_depression_and_combined_care", r"medication|psychotherapy")],
    "regular assessments and adjustments": [("07_severe_depression_and_combined_care", r"assessments and adjustments")],
}


def _committed(path: Path) -> str:
    """Return the notebook as committed (a student's saved outputs in the working tree do not count), else as on disk."""
    relative = path.relative_to(ROOT).as_posix()
    done = subprocess.run(["git", "show", f"HEAD:{relative}"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else path.read_text()


def _execute(path: Path, strict: bool):
    """Execute ``path`` in a fresh kernel (its own process); return (notebook with outputs, seconds)."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the kernel draws inline, as in Jupyter
    env[STRICT_ENV] = "1" if strict else "0"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--stdout", "--allow-errors",
         "--ExecutePreprocessor.timeout=120", str(path)],
        cwd=path.parent, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, f"{path.name} did not run: {done.stderr[-2000:]}"
    return nbformat.reads(done.stdout, as_version=4), time.perf_counter() - start


@pytest.fixture(scope="module")
def executed():
    """Every notebook executed once: (path -> notebook), and the wall time of the whole set."""
    jobs = [(p, False) for p in NOTEBOOKS] + [(p, True) for p in INSTRUCTOR]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        results = dict(zip([p for p, _ in jobs], pool.map(lambda job: _execute(*job), jobs), strict=True))
    wall = time.perf_counter() - start
    print(f"\nnotebooks: {len(jobs)} executed in {wall:.0f} s wall; each: "
          + ", ".join(f"{p.parent.name}/{p.stem} {s:.0f} s" for p, (_, s) in results.items()))  # fmt: skip
    return {p: nb for p, (nb, _) in results.items()}, wall


def _errors(nb):
    return [(c, o) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]


def _text(output) -> str:
    if output.output_type == "stream":
        return output.text
    return output.get("data", {}).get("text/plain", "") + output.get("data", {}).get("text/html", "")


# ---------------------------------------------------------------- what is committed
def test_there_are_notebooks_an_index_and_instructor_versions():
    assert NOTEBOOKS and SOURCES
    index = (FOLDER / "README.md").read_text()
    for path in NOTEBOOKS:
        assert path.name in index
    assert "teacher_guide.md" in index
    assert sorted(p.stem for p in INSTRUCTOR) == sorted(SOURCES)
    assert {p.stem for p in NOTEBOOKS} >= set(SOURCES)


@pytest.mark.parametrize("path", NOTEBOOKS + INSTRUCTOR, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_committed_without_outputs(path):
    for cell in json.loads(_committed(path))["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and not cell.get("execution_count"), f"{path.name} has stored outputs"


def test_student_and_instructor_versions_are_built_from_the_one_source():
    """Nothing drifts: rebuilding from notebooks/source changes no notebook and no answer in the guide."""
    assert course.build(ROOT, check=True) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_states_the_teaching_model(path):
    text = " ".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown").lower()
    assert "teaching model" in text and "not for dosing" in text
    assert "cannot tell you" in text


# ---------------------------------------------------------------- the rubric, from the source
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_course_notebook_follows_the_rubric(name):
    source = SOURCES[name]
    md = source.markdown
    first = source.cells[0].text
    assert first.startswith("# ") and "Teaching model: illustrative only, not for dosing" in first
    assert "**Audience.**" in first
    minutes = re.search(r"\*\*Estimated time:\*\* (\d+) minutes", first)
    assert minutes, "the first cell gives **Estimated time:** N minutes"
    objectives = re.search(r"## Objectives\n(.*?)(\n## |\Z)", md, re.S)
    assert objectives, "an ## Objectives section"
    assert 3 <= len(re.findall(r"^\d+\. ", objectives.group(1), re.M)) <= 5, "3-5 numbered objectives"
    sections = re.findall(r"^## \d+\. .*\((\d+) min\)\s*$", md, re.M)
    assert sections and sum(map(int, sections)) == int(minutes.group(1)), "section times add up to the estimate"
    for heading in ("## Summary", "## What this model cannot tell you"):
        assert re.search(rf"^{re.escape(heading)}\s*$", md, re.M), f"a {heading!r} section"
    ids = course.question_ids(source)
    predicts = [q for q in ids if q.startswith("P")]
    assert len(predicts) >= 3 and md.count("Write your prediction before running the next cell") >= 3
    exercises = [c for c in source.cells if c.kind == "exercise"]
    assert len(exercises) >= 2
    assert all(q[1:3] == source.number for q in ids), "question ids carry the notebook's number"
    answered = course.answers(source)
    assert set(ids) <= set(answered), f"questions without an answer in the notebook: {set(ids) - set(answered)}"
    assert md.count("**Misconception") >= 1


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_code_cells_stay_short_and_exercises_are_checked(name):
    """Science lives in the package (DESIGN.md principle 1); each exercise is followed by its checker."""
    cells = SOURCES[name].cells
    for i, cell in enumerate(cells):
        if cell.kind != "markdown":
            wide = [line for line in cell.text.splitlines() if len(line) > 100]
            assert not wide, f"{name}: a code line is wider than 100 characters: {wide[0][:60]!r}"
        if cell.kind == "code":
            assert len(cell.text.splitlines()) <= 6, f"a code cell of {name} is longer than 6 lines: {cell.text[:60]!r}"
        if cell.kind == "exercise":
            assert len(cell.text.splitlines()) <= 15, f"an exercise cell of {name} is longer than 15 lines"
            exercise = re.search(r"\bE\d\d\.\d+\b", cell.text).group(0)
            assert exercise in EXERCISES, f"{exercise} has no checker in simulator.exercises"
            after = next(c for c in cells[i + 1 :] if c.kind == "code")
            assert f"exercises.{EXERCISES[exercise].__name__}(" in after.text


def test_every_question_id_has_an_answer_in_the_teacher_guide():
    for name, source in SOURCES.items():
        for qid in course.question_ids(source):
            assert re.search(rf"\*\*{re.escape(qid)}[.*]", GUIDE), f"docs/teacher_guide.md does not answer {qid} ({name})"
        assert f"## Notebook {source.number}" in GUIDE, f"the teacher guide has no part on notebook {source.number}"


@pytest.mark.parametrize("point", sorted(TEACHING_POINTS))
def test_each_teaching_point_has_a_notebook_section(point):
    for name, pattern in TEACHING_POINTS[point]:
        headings = re.findall(r"^#{2,3} .*$", SOURCES[name].markdown, re.M)
        assert any(re.search(pattern, h, re.I) for h in headings), f"{point}: no section of {name} matches {pattern!r}"


def test_every_misconception_of_the_rubric_is_confronted_somewhere():
    text = " ".join(s.markdown for s in SOURCES.values()).lower()
    for words in ("still be in the body", "lowers glutamate", "more block", "dissociation is the antidepressant",
                  "slow to reach their target", "population band"):  # fmt: skip
        assert words in text, f"no notebook names the misconception {words!r}"


# ---------------------------------------------------------------- execution
def test_the_whole_set_runs_in_ci_time(executed):
    _, wall = executed
    assert wall < 600, f"the notebooks took {wall:.0f} s"  # a hang guard; the measured time is printed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_notebook_runs_top_to_bottom(executed, path):
    nb = executed[0][path]
    for cell, output in _errors(nb):
        assert "exercise" in cell.metadata.get("tags", []) and output.ename == "NotImplementedError", (
            f"{path.name}: {output.ename}: {output.evalue} in {cell.source[:80]!r}"
        )
    for cell in nb.cells:
        if cell.cell_type == "code" and re.search(r"exercises\.check_\w+\(", cell.source):
            said = " ".join(_text(o) for o in cell.outputs)
            assert "Not done yet" in said, f"{path.name}: the stub of {cell.source!r} is not a stub: {said[:200]}"


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_instructor_notebook_runs_and_every_check_passes(executed, path):
    nb = executed[0][path]
    errors = _errors(nb)
    assert not errors, f"{path.name}: {[(o.ename, o.evalue) for _, o in errors]}"
    checks = [c for c in nb.cells if c.cell_type == "code" and re.search(r"exercises\.check_\w+\(", c.source)]
    assert len(checks) >= 2
    for cell in checks:
        assert any("Right" in _text(o) for o in cell.outputs), f"{path.name}: {cell.source!r} did not say Right"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_figure_is_shown_once_and_each_explorer_has_a_static_fallback(executed, path):
    for cell in executed[0][path].cells:
        if cell.cell_type != "code":
            continue
        outputs = [o for o in cell.get("outputs", []) if o.output_type in ("display_data", "execute_result")]
        images = [o for o in outputs if "image/png" in o.get("data", {})]
        assert len(images) <= 1, f"a cell shows {len(images)} static images: {cell.source[:60]!r}"
        for output in outputs:
            if WIDGET in output.get("data", {}):
                assert "image/png" in output["data"], f"an explorer without a static fallback image: {cell.source[:60]!r}"
                assert "not for dosing" in output["data"]["text/plain"]


def test_an_exported_handout_shows_each_explorer_as_a_picture(executed):
    """An HTML handout saved without widget state (JupyterLab's default) shows each explorer's picture instead."""
    import copy

    from nbconvert import HTMLExporter

    path = next(p for p in NOTEBOOKS if p.stem.startswith("00"))
    nb = copy.deepcopy(executed[0][path])
    nb.metadata.pop("widgets", None)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    fallbacks = [o["data"]["image/png"] for o in outputs if WIDGET in o.get("data", {})]
    figures = [o["data"]["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    assert fallbacks, "the start notebook has an explorer"
    assert len(figures) > len(fallbacks), "the kernel drew its figures inline (is MPLBACKEND leaking into the kernel?)"
    body, _ = HTMLExporter().from_notebook_node(nb)
    for picture in figures:  # every figure and every explorer's fallback picture is in the page
        assert picture.strip()[:200] in body
