"""``python -m simulator``: slides and data without Jupyter, listings with sources, clear errors, the statement."""

import subprocess
import sys

from PIL import Image

import simulator as sim
from simulator import cli, scenarios


def _run(*args):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=120)


def test_figure_draws_a_preset_as_a_slide_with_its_data(tmp_path):
    out, table = tmp_path / "course.png", tmp_path / "course.csv"
    done = _run("figure", "--scenario", "six-infusions", "--out", str(out), "--csv", str(table))
    assert done.returncode == 0, done.stderr
    assert sim.DISCLAIMER in done.stdout and "Murrough 2013" in done.stdout  # the statement and the source
    assert Image.open(out).size == (1920, 1080)
    header = [line for line in table.read_text().splitlines() if line.startswith("#")]
    assert any(sim.DISCLAIMER in line for line in header) and any("parameter set:" in line for line in header)
    svg = tmp_path / "course.svg"
    assert cli.main(["figure", "--scenario", "oral-dose", "--out", str(svg), "--style", "print"]) == 0
    assert svg.read_text().lstrip().startswith("<?xml")


def test_list_shows_every_preset_and_set_with_its_source(capsys):
    assert cli.main(["list"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(sim.DISCLAIMER)
    for name in scenarios.names():
        assert f"  {name}: " in text and scenarios.preset(name).source in text
    for name in sim.literature.names():
        assert f"  {name} (" in text and sim.literature.get(name).citation.short() in text


def test_wrong_names_and_paths_are_said_clearly(tmp_path, capsys):
    assert cli.main(["figure", "--scenario", "ketamine-please", "--out", str(tmp_path / "x.png")]) == 2
    error = capsys.readouterr().err
    assert "ketamine-please" in error and "standard-infusion" in error  # the valid names are listed
    assert cli.main(["figure", "--scenario", "oral-dose", "--out", str(tmp_path / "missing" / "x.png")]) == 2
    assert "No such file or directory" in capsys.readouterr().err
    assert cli.main(["figure", "--scenario", "oral-dose", "--out", str(tmp_path / "x.pdf")]) == 2
    assert ".png or .svg" in capsys.readouterr().err
    assert cli.main(["figure", "--scenario", "oral-dose", "--out", str(tmp_path / "x.png"), "--style", "poster"]) == 2


def test_the_dashboard_serves_on_loopback_unless_told_otherwise():
    parser = cli.build_parser()
    assert parser.parse_args(["dashboard"]).host == "127.0.0.1"
    assert parser.parse_args(["dashboard", "--host", "0.0.0.0", "--port", "9000", "--no-browser"]).port == 9000
    port = cli.free_port()
    assert 0 < port < 65536


def test_lab_gives_students_working_copies_and_keeps_the_course_clean(tmp_path, monkeypatch):
    course = tmp_path / "notebooks"
    course.mkdir()
    (course / "00_start_here.ipynb").write_text("{}")
    (course / "01_next.ipynb").write_text("{}")
    monkeypatch.setattr(cli, "_START_NOTEBOOK", course / "00_start_here.ipynb")
    monkeypatch.setattr(cli, "WORKING_COPY", tmp_path / "my-notebooks")
    start = cli._working_copy()
    assert start == tmp_path / "my-notebooks" / "00_start_here.ipynb" and start.exists()
    start.write_text('{"saved": "by a student"}')
    assert cli._working_copy().read_text() == '{"saved": "by a student"}'  # a student's work is never overwritten
    assert (course / "00_start_here.ipynb").read_text() == "{}"


def test_lab_instructor_copies_the_instructor_versions_apart(tmp_path, monkeypatch):
    course = tmp_path / "notebooks"
    (course / "instructor").mkdir(parents=True)
    (course / "00_start_here.ipynb").write_text('{"version": "student"}')
    (course / "instructor" / "00_start_here.ipynb").write_text('{"version": "instructor"}')
    monkeypatch.setattr(cli, "_START_NOTEBOOK", course / "00_start_here.ipynb")
    monkeypatch.setattr(cli, "WORKING_COPY", tmp_path / "my-notebooks")
    start = cli._working_copy(instructor=True)
    assert start == tmp_path / "my-notebooks" / "instructor" / "00_start_here.ipynb"
    assert "instructor" in start.read_text()
    assert "student" in cli._working_copy().read_text()  # the students' copies are separate


def test_course_check_says_the_committed_course_is_up_to_date(capsys):
    assert cli.main(["course", "--check"]) == 0
    out = capsys.readouterr().out
    assert "not for dosing" in out and "up to date" in out


def test_launcher_arguments_out_of_range_are_refused_naming_the_field_value_and_range():
    for args, field, value, allowed in [
        (["--port", "70000"], "--port", "70000", "[0, 65535]"),
        (["--port", "-1"], "--port", "-1", "[0, 65535]"),
        (["--port", "http"], "--port", "'http'", "[0, 65535]"),
        (["--cull-idle-s", "5"], "--cull-idle-s", "5", "[10, 86400]"),
        (["--max-students", "0"], "--max-students", "0", "[1, 1000]"),
    ]:
        done = _run("dashboard", "--no-browser", *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert field in done.stderr and f"got {value}" in done.stderr and allowed in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "Lecture dashboard at" not in done.stdout


def test_a_port_in_use_is_said_before_any_server_starts(capsys):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert cli.main(["dashboard", "--no-browser", "--port", str(port)]) == 2
    error = capsys.readouterr().err
    assert f"--port {port}" in error and "0 for a free one" in error


def test_lab_from_an_installed_package_says_the_course_is_not_shipped_and_writes_nothing_inside_it(tmp_path):
    """The package alone, as a wheel installs it (no notebooks/, no pyproject.toml beside it), with its own home."""
    import os
    import shutil
    from pathlib import Path

    site, home = tmp_path / "site-packages", tmp_path / "home"
    shutil.copytree(Path(cli.__file__).parent, site / "simulator", ignore=shutil.ignore_patterns("__pycache__"))
    home.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "HOME": str(home)}
    code = "from simulator import cli; print(cli.WORKING_COPY)"
    where = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert where.stdout.strip() == str(home / "ketamine-sim-notebooks"), where.stderr
    lab = [sys.executable, "-m", "simulator", "lab", "--no-browser"]
    done = subprocess.run(lab, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not in the installed package" in done.stderr and "--notebooks" in done.stderr
    assert not (site / "my-notebooks").exists() and not (home / "ketamine-sim-notebooks").exists()


def test_lab_copies_the_course_from_a_notebooks_folder_it_is_given(tmp_path, monkeypatch):
    course = tmp_path / "downloaded"
    course.mkdir()
    (course / "00_start_here.ipynb").write_text('{"from": "the course"}')
    monkeypatch.setattr(cli, "_START_NOTEBOOK", tmp_path / "missing" / "00_start_here.ipynb")
    monkeypatch.setattr(cli, "WORKING_COPY", tmp_path / "home" / "ketamine-sim-notebooks")
    start = cli._working_copy(notebooks=course)
    assert start == tmp_path / "home" / "ketamine-sim-notebooks" / "00_start_here.ipynb"
    assert start.read_text() == '{"from": "the course"}'
