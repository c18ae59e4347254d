"""The command line: ``python -m simulator`` (or ``ketamine-sim``): ``dashboard``, ``lab``, ``figure``, ``list``, ``course``.

Every command prints the teaching-model statement: illustrative, not for dosing.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path

from .labels import DISCLAIMER

__all__ = ["DASHBOARD_NOTEBOOK", "WORKING_COPY", "build_parser", "free_port", "main", "start_voila", "stop"]

ROOT = Path(__file__).resolve().parents[1]
#: The notebook the dashboard command serves with Voila (in a source checkout).
DASHBOARD_NOTEBOOK = ROOT / "notebooks" / "06_lecture_dashboard.ipynb"
_START_NOTEBOOK = ROOT / "notebooks" / "00_start_here.ipynb"
_DASHBOARD_SOURCE = "from simulator.widgets import LectureDashboard\n\nLectureDashboard()"


def free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port that is free on ``host`` now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m simulator``."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator",
        description=f"Ketamine pharmacology teaching simulator. {DISCLAIMER}",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    dashboard = sub.add_parser("dashboard", help="serve the lecture dashboard (Voila) on this computer")
    dashboard.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    dashboard.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this computer only)")
    dashboard.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab = sub.add_parser("lab", help="open JupyterLab on the start notebook")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab.add_argument("--instructor", action="store_true", help="open the instructor versions (with the exercises' solutions)")
    figure = sub.add_parser("figure", help="draw a preset's whole chain to a PNG (1920x1080) or SVG file, for slides")
    figure.add_argument("--scenario", required=True, help="a preset name (see `list`)")
    figure.add_argument("--out", required=True, help="FILE.png or FILE.svg")
    figure.add_argument("--style", default="projector", help="notebook, projector (default) or print")
    figure.add_argument("--csv", help="also write the data to FILE.csv, with its provenance")
    sub.add_parser("list", help="list the presets and the published parameter sets, with their sources")
    build = sub.add_parser(
        "course", help="rebuild the student and instructor notebooks and the guide's answers from their source"
    )
    build.add_argument("--check", action="store_true", help="only say whether anything is out of date (exit status 1 if so)")
    return parser


def _dashboard_notebook() -> Path:
    """Return the dashboard notebook: the checkout's, or one written to a temporary folder (an installed package)."""
    if DASHBOARD_NOTEBOOK.exists():
        return DASHBOARD_NOTEBOOK
    import tempfile

    import nbformat

    folder = Path(tempfile.mkdtemp(prefix="ketamine-sim-"))
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_DASHBOARD_SOURCE)])
    path = folder / DASHBOARD_NOTEBOOK.name
    nbformat.write(notebook, path)
    return path


def _open_browser(url: str) -> None:
    import webbrowser

    try:
        webbrowser.get()
    except webbrowser.Error:
        print("No browser found here: open the address above in one.")
        return
    webbrowser.open(url)


def start_voila(notebook, port: int, host: str = "127.0.0.1", **popen) -> subprocess.Popen:
    """Start Voila serving ``notebook`` on ``host:port`` in its own process group (stop it with :func:`stop`).

    Voila keeps kernels alive after a page closes, so the whole group must be stopped, kernels included.
    """
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={port}", f"--Voila.ip={host}", "--no-browser"]
    return subprocess.Popen(command, start_new_session=True, **popen)


def stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop ``process`` and everything it started (its process group), politely first."""
    import signal

    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=timeout)


def _dashboard(args) -> int:
    port = args.port or free_port(args.host)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"Binding to {args.host}: other computers on this network can open the dashboard.")
    url = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{port}/"
    print(f"Lecture dashboard at {url}  (Ctrl+C stops it)")
    process = start_voila(_dashboard_notebook(), port, args.host)
    if not args.no_browser:
        _open_browser(url)
    try:
        return process.wait()
    except KeyboardInterrupt:
        stop(process)
        return 0


#: Where ``lab`` puts the students' working copies of the notebooks (ignored by git).
WORKING_COPY = ROOT / "my-notebooks"


def _working_copy(instructor: bool = False) -> Path:
    """Return the start notebook in the working copy, copying the course notebooks there first if missing.

    JupyterLab marks a notebook modified when it opens it and autosaves outputs into it: students work on
    copies, and the committed notebooks stay clean. ``instructor`` copies the instructor versions (with the
    exercises' solutions) into ``instructor/`` of the working copy.
    """
    import shutil

    published = _START_NOTEBOOK.parent / ("instructor" if instructor else "")
    folder = WORKING_COPY / ("instructor" if instructor else "")
    folder.mkdir(parents=True, exist_ok=True)
    for notebook in sorted(published.glob("*.ipynb")):
        if not (folder / notebook.name).exists():
            shutil.copy(notebook, folder / notebook.name)
    return folder / _START_NOTEBOOK.name


def _lab(args) -> int:
    start = _working_copy(args.instructor)
    print(f"Opening your working copies in {start.parent} (the course notebooks stay as published).")
    command = [sys.executable, "-m", "jupyterlab", str(start)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        print("Running as root (a container?): passing --allow-root to JupyterLab.")
        command.append("--allow-root")
    if args.no_browser:
        command.append("--no-browser")
    return subprocess.call(command)


def _course(args) -> int:
    from . import course

    if not (ROOT / "notebooks" / "source").is_dir():
        raise OSError(f"no notebooks/source under {ROOT}: the course is rebuilt in a source checkout")
    changed = course.build(ROOT, check=args.check)
    for path in changed:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    if not changed:
        print("The notebooks and the guide's answers are up to date with notebooks/source.")
    return 1 if (args.check and changed) else 0


def _figure(args) -> int:
    from . import scenarios
    from .export import save_figure, write_csv
    from .pipeline import simulate
    from .plasticity import conventional_antidepressant
    from .plotting import full_chain_figure
    from .style import get_style

    scenario = scenarios.preset(args.scenario)
    style = get_style(args.style)
    out = Path(args.out)
    if out.suffix.lower() not in (".png", ".svg"):
        raise ValueError(f"--out must end in .png or .svg, got {str(out)!r}")
    if args.csv is not None and Path(args.csv).suffix.lower() != ".csv":
        raise ValueError(f"--csv must end in .csv, got {args.csv!r}")
    end_h = scenario.regimen.end_h + 24.0 * 28
    options = {"pk_set": scenario.options["pk_set"]} if "pk_set" in scenario.options else {}
    result = simulate(scenario.regimen, scenario.patient, end_h=end_h, grid="log", **options)
    comparator = conventional_antidepressant(days=end_h / 24.0, step_h=0.25)
    save_figure(full_chain_figure(result, comparator=comparator, style=style), out)
    print(f"wrote {out} ({scenario.name}: {scenario.description}; source: {scenario.source})")
    if args.csv is not None:
        write_csv(result, args.csv)
        print(f"wrote {args.csv} (the plotted data, with its provenance header)")
    return 0


def _list(_args) -> int:
    from . import literature, scenarios

    print("Presets (inputs for exploring the model, not recommendations):")
    for name in scenarios.names():
        s = scenarios.preset(name)
        print(f"  {name}: {s.description}\n      source: {s.source}")
    print("\nPublished parameter sets:")
    for name in literature.names():
        s = literature.get(name)
        print(f"  {name} ({s.drug}): {s.citation.short()}, {s.population}")
    return 0


def main(argv=None) -> int:
    """Run the command line; return the exit status (2 for a wrong name or path, with the reason)."""
    args = build_parser().parse_args(argv)
    print(DISCLAIMER)
    commands = {"dashboard": _dashboard, "lab": _lab, "figure": _figure, "list": _list, "course": _course}
    try:
        return commands[args.command](args)
    except (ValueError, TypeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
