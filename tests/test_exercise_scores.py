"""The score file: each checker call is logged in the working copy; the summary counts it; CSV and JSON parse back."""

import csv
import json

import pytest
from exercise_support import solution, stem_of, stub

from simulator import exercises
from simulator.labels import DISCLAIMER

pytestmark = pytest.mark.slow


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A fresh working copy: the current directory, with logging at its default place."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(exercises.SCORES_ENV, raising=False)
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    return tmp_path


def _attempt(qid, how):
    function = {"right": solution, "not done": stub}.get(how)
    check = exercises.EXERCISES[qid]
    return check(function(stem_of(qid), qid) if function else (lambda *args: None))


def test_each_check_is_logged_next_to_the_notebook_and_counted(here):
    _attempt("E00.2", "not done")
    _attempt("E00.2", "wrong")
    _attempt("E00.2", "right")
    _attempt("E00.2", "wrong")  # a later wrong attempt does not take the points away
    _attempt("E01.2", "wrong")
    assert _attempt("E00.2", "right").points == 1 and _attempt("E00.2", "wrong").points == 0
    lines = [json.loads(line) for line in (here / exercises.LOG_NAME).read_text().splitlines()]
    assert [line["status"] for line in lines] == ["not done", "wrong", "right", "wrong", "wrong", "right", "wrong"]
    assert lines[0]["notebook"] == "00_start_here" and lines[4]["notebook"] == "01_pharmacokinetics"
    assert all(line["time"].endswith("+00:00") for line in lines)
    rows = {row[0]: row for row in exercises.score().rows}
    assert rows["E00.2"][2:6] == ("right", 1, 1, 6)
    assert rows["E01.2"][2:6] == ("wrong", 0, 1, 1)
    assert rows["E05.2"][2:6] == ("not tried", 0, 1, 0)
    total = rows["total"]
    assert total[2] == f"1 of {len(exercises.EXERCISES)} right" and total[3] == 1 and total[4] == len(exercises.EXERCISES)
    assert total[5] == 7
    assert "not for dosing" in str(exercises.score())
    only = exercises.score(notebook="01")
    assert [row[0] for row in only.rows] == [q for q in exercises.EXERCISES if q.startswith("E01")] + ["total"]


def test_the_score_file_is_written_as_csv_and_json_and_parses_back(here):
    _attempt("E02.1", "right")
    _attempt("E03.1", "wrong")
    csv_path = exercises.write_scores(here / "scores.csv", student="student 7")
    json_path = exercises.write_scores(here / "scores.json", student="student 7")
    text = csv_path.read_text()
    assert text.startswith(f"# {DISCLAIMER}") and "# student: student 7" in text
    table = list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    assert table[0] == list(exercises.COLUMNS) and len(table) == 1 + len(exercises.EXERCISES)
    data = json.loads(json_path.read_text())
    assert data["disclaimer"] == DISCLAIMER and data["student"] == "student 7"
    assert data["total"] == {"points": 1, "max_points": len(exercises.EXERCISES), "right": 1, "tried": 2,
                             "exercises": len(exercises.EXERCISES)}  # fmt: skip
    for path in (csv_path, json_path):
        rows = {row["exercise"]: row for row in exercises.read_scores(path)}
        assert rows["E02.1"]["status"] == "right" and rows["E02.1"]["points"] == 1 and rows["E02.1"]["attempts"] == 1
        assert rows["E03.1"]["status"] == "wrong" and rows["E03.1"]["points"] == 0
        assert rows["E04.1"]["status"] == "not tried" and rows["E04.1"]["time"] == ""
        assert rows["E02.1"]["notebook"] == "02_nmda_receptor"
    with pytest.raises(ValueError, match=r"csv or \.json"):
        exercises.write_scores(here / "scores.txt")


def test_logging_can_be_moved_or_turned_off_and_a_bad_line_is_skipped(here, monkeypatch):
    elsewhere = here / "class" / "log.jsonl"
    elsewhere.parent.mkdir()
    monkeypatch.setenv(exercises.SCORES_ENV, str(elsewhere))
    _attempt("E00.1", "right")
    assert exercises.log_path() == elsewhere and len(exercises.attempts()) == 1
    with elsewhere.open("a") as handle:
        handle.write('not json\n{"exercise": 3}\n')
    assert len(exercises.attempts()) == 1
    monkeypatch.setenv(exercises.SCORES_ENV, "off")
    _attempt("E00.1", "wrong")
    assert exercises.log_path() is None and len(exercises.attempts(elsewhere)) == 1
    assert not (here / exercises.LOG_NAME).exists()


def test_strict_mode_still_logs_before_it_raises(here, monkeypatch):
    monkeypatch.setenv(exercises.STRICT_ENV, "1")
    with pytest.raises(AssertionError, match=r"E00\.2"):
        _attempt("E00.2", "wrong")
    assert exercises.attempts()[-1]["status"] == "wrong"
