"""The course machinery: one source -> student and instructor notebooks; checkers; tables with units."""

import csv
import re

import numpy as np
import pytest

import simulator as sim
from simulator import course
from simulator.exercises import EXERCISES, STRICT_ENV, Check, _core
from simulator.export import Table

SOURCE = """# A title

> Teaching model: illustrative only, not for dosing.

**Predict (P09.1).** Write your prediction before running the next cell: what is two and two?

```python
2 + 2
```

<details><summary>Explain (P09.1)</summary>

Four.

</details>

+++

**Exercise (E09.1).** Add one.

```python exercise
def add_one(x):
    \"\"\"E09.1: return x + 1.\"\"\"
    # BEGIN SOLUTION
    y = x + 1
    return y
    # END SOLUTION
```
"""


def test_parse_splits_markdown_code_and_exercise_cells():
    src = course.parse(SOURCE, "09_demo")
    assert [c.kind for c in src.cells] == ["markdown", "code", "markdown", "markdown", "exercise"]
    assert src.number == "09" and src.title == "A title"
    assert course.question_ids(src) == ["P09.1", "E09.1"]


def test_student_version_has_a_stub_and_the_instructor_version_the_solution():
    src = course.parse(SOURCE, "09_demo")
    student, teacher = course.notebook(src), course.notebook(src, instructor=True)
    stub, solution = student.cells[-1].source, teacher.cells[-1].source
    assert "raise NotImplementedError" in stub and "E09.1" in stub and "y = x + 1" not in stub
    assert "y = x + 1" in solution and "NotImplementedError" not in solution and "SOLUTION" not in solution
    assert student.cells[-1].metadata["tags"] == ["exercise"]
    namespace = {}
    exec(stub, namespace)
    with pytest.raises(NotImplementedError, match=r"E09\.1"):
        namespace["add_one"](1)
    exec(solution, namespace)
    assert namespace["add_one"](1) == 2
    # everything else is the same in both versions
    assert [c.source for c in student.cells[:-1]] == [c.source for c in teacher.cells[:-1]]


def test_answers_come_from_the_details_blocks_and_the_solutions():
    found = course.answers(course.parse(SOURCE, "09_demo"))
    assert found["P09.1"] == "Four."
    assert found["E09.1"].startswith("```python\ndef add_one(x):") and "    y = x + 1\n    return y\n```" in found["E09.1"]


@pytest.mark.parametrize(
    "text, match",
    [
        ("```python\n1\n", "not closed"),
        ("```js\n1\n```\n", "opens with"),
        ("```python exercise\ndef f():\n    return 1\n```\n", "BEGIN SOLUTION"),
        ("```python exercise\ndef f():\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION\n```\n", "name its id"),
    ],
)
def test_malformed_sources_are_refused_with_the_reason(text, match):
    with pytest.raises(ValueError, match=match):
        course.parse(text, "09_bad")


def test_the_guide_answers_are_replaced_between_the_markers_only():
    src = course.parse(SOURCE, "09_demo")
    guide = f"intro\n{course.ANSWERS_BEGIN}\nold answers\n{course.ANSWERS_END}\noutro\n"
    new = course.guide_with_answers(guide, [src])
    assert new.startswith("intro\n") and new.endswith("outro\n") and "old answers" not in new
    assert "**P09.1.** Four." in new and "**E09.1** (solution)" in new
    assert course.guide_with_answers(new, [src]) == new  # idempotent
    with pytest.raises(ValueError, match="marker"):
        course.guide_with_answers("no markers", [src])


def test_build_writes_both_versions_and_then_has_nothing_to_change(tmp_path):
    (tmp_path / "notebooks" / "source").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "notebooks" / "source" / "09_demo.md").write_text(SOURCE)
    (tmp_path / "docs" / "teacher_guide.md").write_text(f"{course.ANSWERS_BEGIN}\n{course.ANSWERS_END}\n")
    changed = course.build(tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in changed} == {
        "notebooks/09_demo.ipynb", "notebooks/instructor/09_demo.ipynb", "docs/teacher_guide.md"}  # fmt: skip
    assert course.build(tmp_path, check=True) == []
    (tmp_path / "notebooks" / "09_demo.ipynb").write_text("edited by hand")
    assert course.build(tmp_path, check=True) == [tmp_path / "notebooks" / "09_demo.ipynb"]


# ---------------------------------------------------------------- the checking machinery
def test_a_check_says_right_wrong_or_not_done_and_strict_mode_raises(monkeypatch):
    def stub(x):
        raise NotImplementedError("E09.1")

    value, check = _core.call("E09.1", stub, 1)
    assert value is None and check.status == "not done" and not check and "Not done yet" in str(check)
    value, check = _core.call("E09.1", lambda x: 1 / 0, 1)
    assert check.status == "wrong" and "ZeroDivisionError" in check.message
    value, check = _core.call("E09.1", 42)
    assert check.status == "wrong" and "no brackets" in check.message
    assert _core.call("E09.1", lambda x: x + 1, 1) == (2, None)
    assert "color" in Check("E09.1", "right", "fine")._repr_html_()
    monkeypatch.setenv(STRICT_ENV, "1")
    with pytest.raises(AssertionError, match=r"E09\.1"):
        _core.verdict("E09.1", "wrong", "no")
    assert _core.verdict("E09.1", "right", "yes").passed


@pytest.mark.parametrize(
    "value, expected, ok",
    [
        (1.0, 1.01, True),
        (1.0, 1.1, False),
        (np.nan, 1.0, False),
        ("one", 1.0, False),
        ([1, 2], [1, 2], True),
        ([1], [1, 2], False),
    ],
)
def test_close_compares_within_a_tolerance_and_refuses_nonsense(value, expected, ok):
    assert _core.close(value, expected, rel=0.02) is ok


def test_every_exercise_has_a_checker_named_in_the_api():
    assert EXERCISES, "the course has exercises"
    for qid, checker in EXERCISES.items():
        assert re.fullmatch(r"E\d\d\.\d+", qid) and checker.__name__.startswith("check_")
        assert checker.__doc__ and qid[1:3] in checker.__module__


# ---------------------------------------------------------------- tables with units
def test_a_table_formats_numbers_and_says_it_is_a_teaching_model(tmp_path):
    table = Table((("quantity", ""), ("value", "ng/mL")), (("peak", 177.0421), ("ratio", 0.000123456), ("flag", True)))
    text = str(table)
    assert "value (ng/mL)" in text and re.search(r"peak +\| 177\n", text) and "0.00012" in text and "yes" in text
    assert "not for dosing" in text and "not for dosing" in table._repr_html_()
    path = table.write_csv(tmp_path / "t.csv", header=["source: a test"])
    lines = path.read_text().splitlines()
    assert lines[0].startswith("# Teaching model") and "# source: a test" in lines
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))
    assert rows[0] == ["quantity", "value (ng/mL)"] and rows[1] == ["peak", "177.042"] and rows[3] == ["flag", "True"]


@pytest.mark.parametrize(
    "columns, rows, match",
    [((), (), "columns"), ((("a", "b", "c"),), (), "columns"), ((("a", ""),), ((1, 2),), "rows\\[0\\]")],
)
def test_a_malformed_table_is_refused(columns, rows, match):
    with pytest.raises(ValueError, match=match):
        Table(columns, rows)


def test_tables_from_columns_and_records():
    t = Table.from_columns({"w": [50, 60, 70], "c": [1.0, 2.0, 3.0]}, {"w": "kg"}, rows=2)
    assert t.columns == (("w", "kg"), ("c", "")) and t.rows == ((50, 1.0), (60, 2.0))
    r = Table.from_records({"one": {"days": 2.6}, "six": {"days": 27.0}}, {"days": "days"}, key="schedule")
    assert r.columns[0] == ("schedule", "") and r.rows[1] == ("six", 27.0)
    with pytest.raises(ValueError, match="same length"):
        Table.from_columns({"a": [1], "b": [1, 2]})


def test_the_summary_table_shows_the_summary_with_units():
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), sim.Patient(weight_kg=70), end_h=24 * 21, step_min=5)
    summary, rows = result.summary(), {row[0]: row for row in result.summary_table().rows}
    assert rows["ketamine: peak plasma concentration (Cmax)"][1:] == (summary["ketamine"]["cmax"], "ng/mL")
    assert rows["NMDA block: peak"][1] == pytest.approx(100 * summary["occupancy"]["peak"])
    assert rows["toy symptom score: days in toy response"][1] == summary["symptom"]["days_in_response"]
    esk = sim.simulate(sim.Infusion(dose_mg_per_kg=0.25, duration_min=40, drug="esketamine"), end_h=12)
    names = [row[0] for row in esk.summary_table().rows]
    assert names[0].startswith("esketamine") and any(n.startswith("noresketamine") for n in names)
    assert "Cut short by the window" in esk.summary_table().note


def test_summary_rows_are_the_same_quantities_in_the_same_order_for_every_result():
    infusion = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24 * 21, step_min=10)
    spray = sim.simulate(sim.Intranasal(dose_mg=84, drug="esketamine"), end_h=12)
    a, b = infusion.summary_rows(), spray.summary_rows(generic=True)
    assert len(a) == len(b) and [r[2] for r in a] == [r[2] for r in b]
    assert b[0][0].startswith("drug:") and a[0][0].startswith("ketamine:")
    summary = infusion.summary()
    rows = {name: value for name, value, _ in a}
    assert rows["toy symptom score: toy response ends"] == summary["symptom"]["response_end_h"]
    resolved = f"{sim.acute.RESOLVED_NAME}, after the first session's start"
    assert rows[resolved] == summary["acute"]["resolved_after_h"][0]
    assert rows["sessions"] == 1


def test_table_at_reads_every_stage_where_the_curves_are():
    result = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24 * 7, step_min=10)
    table = result.table_at([1, 24, 72])
    i = list(result.time_h).index(24.0)
    row = table.rows[1]
    assert row[0] == 24.0 and row[1] == pytest.approx(result.plasma()[i]) and row[4] == pytest.approx(100 * result.occupancy[i])
    assert row[6] == pytest.approx(result.plasticity_model.baseline_score - result.symptom_score[i])
    assert result.table_at(5).rows[0][0] == 5.0
    for bad, error in ((-1, ValueError), ([1, 500], ValueError), ("one", TypeError), ([np.nan], ValueError)):
        with pytest.raises(error, match="times_h"):
            result.table_at(bad)


def test_compare_sets_results_side_by_side_and_says_what_it_cannot_find():
    from simulator.export import compare

    low = sim.simulate(sim.Infusion(dose_mg_per_kg=0.5, duration_min=40), end_h=24 * 21, step_min=10)
    high = sim.simulate(sim.Infusion(dose_mg_per_kg=1.0, duration_min=40), end_h=24 * 21, step_min=10)
    table = compare({"low": low, "high": high}, ["Cmax", "NMDA block: peak"])
    assert [r[0] for r in table.rows] == [
        "ketamine: peak plasma concentration (Cmax)",
        "norketamine: peak plasma concentration (Cmax)",
        "NMDA block: peak",
    ]
    assert table.rows[0][2] == pytest.approx(2 * table.rows[0][1], rel=1e-2)  # linear kinetics, 3 significant figures
    assert table.columns[1:3] == (("low", ""), ("high", ""))
    parent = compare({"low": low}, ["ketamine: peak plasma"])
    assert [r[0] for r in parent.rows] == ["ketamine: peak plasma concentration (Cmax)"]  # not norketamine's
    with pytest.raises(ValueError, match="names no summary quantity"):
        compare({"low": low}, ["heart rate"])
    with pytest.raises(TypeError, match=r"simulator\.Result"):
        compare({"low": 3})
    with pytest.raises(TypeError, match="mapping"):
        compare([low])


def test_a_trace_is_written_with_an_exponent_not_fifteen_zeros():
    table = Table((("x", ""),), ((6.7e-06,), (2.2e-15,), (0.0,), (0.00123,)))
    assert [r[0] for r in table.text_rows()] == ["6.7e-06", "≈0", "0", "0.00123"]
