"""The command line: ``python -m simulator`` (or ``ketamine-sim``): ``dashboard``, ``lab``, ``figure``, ``list``, ``course``.

The lecturer's outputs, each written to ``--out``: ``bundle``, ``questions``, ``worksheets``, ``deck``.

Every command prints the teaching-model statement: illustrative, not for dosing.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from . import classroom
from .labels import DISCLAIMER

__all__ = [
    "DASHBOARD_NOTEBOOK",
    "PORT_RANGE",
    "START_TIMEOUT_S",
    "WORKING_COPY",
    "build_parser",
    "free_port",
    "main",
    "start_voila",
    "stop",
    "wait_until_answers",
]

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


#: Allowed ``--port`` values (0: a free port).
PORT_RANGE = (0, 65535)


def _ranged(option: str, low: int, high: int):
    """Return an argparse type: an integer in [low, high], refused with the option, the value and the range."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} must be an integer in [{low}, {high}], got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{option} must be in [{low}, {high}], got {value}")
        return value

    parse.__name__ = option
    return parse


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m simulator``."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator",
        description=f"Ketamine pharmacology teaching simulator. {DISCLAIMER}",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    dashboard = sub.add_parser("dashboard", help="serve the lecture dashboard (Voila) on this computer")
    dashboard.add_argument("--port", type=_ranged("--port", *PORT_RANGE), default=0, help="port, 0-65535 (default 0: a free one)")
    dashboard.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this computer only)")
    dashboard.add_argument("--no-browser", action="store_true", help="do not open a browser")
    dashboard.add_argument(
        "--cull-idle-s",
        type=_ranged("--cull-idle-s", *classroom.CULL_IDLE_RANGE_S),
        default=classroom.CULL_IDLE_S,
        help="free the kernel of a page that has gone after this many idle seconds, 10-86400 (default 180: 3 minutes)",
    )
    dashboard.add_argument(
        "--max-students",
        type=_ranged("--max-students", *classroom.MAX_STUDENTS_RANGE),
        default=None,
        help="at most this many pages at once, 1-1000; a page beyond gets a 'class full' message "
        f"(default: what this computer's free memory holds, about {classroom.KERNEL_MB} MB a page)",
    )
    lab = sub.add_parser("lab", help="open JupyterLab on the start notebook")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab.add_argument("--instructor", action="store_true", help="open the instructor versions (with the exercises' solutions)")
    lab.add_argument("--notebooks", help="the folder of the course notebooks (default: notebooks/ of this checkout)")
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
    _add_handout_commands(sub)
    return parser


#: The lecturer's outputs (simulator.handouts): command -> (help, what --out names).
_HANDOUTS = {
    "bundle": ("write the student bundle: notebooks without solutions, the checkers, a README (a zip)", "FILE.zip"),
    "questions": ("write the question bank (Moodle XML and GIFT) of every prediction and peer-instruction question", "FOLDER"),
    "worksheets": ("write printable worksheets (A4 HTML, one per notebook, with the figures)", "FOLDER"),
    "deck": ("write the slide deck of the teacher guide's demos (one HTML file, 1920x1080 slides, speaker notes)", "FILE.html"),
}


def _add_handout_commands(sub) -> None:
    for name, (text, out) in _HANDOUTS.items():
        sub.add_parser(name, help=text).add_argument("--out", required=True, help=out)


def _handout(args) -> int:
    """Build one of the lecturer's outputs (``bundle``, ``questions``, ``worksheets``, ``deck``) and say where."""
    try:
        from . import handouts
    except ImportError as error:  # the student bundle leaves the handouts out
        raise OSError(f"the lecturer's outputs are built in a source checkout ({error})") from None
    build = {"bundle": handouts.bundle, "questions": handouts.question_bank, "worksheets": handouts.worksheets,
             "deck": handouts.deck}[args.command]  # fmt: skip
    written = build(args.out)
    for path in written if isinstance(written, list) else [written]:
        print(f"wrote {path}")
    return 0


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


def start_voila(notebook, port: int, host: str = "127.0.0.1", options=(), **popen) -> subprocess.Popen:
    """Start Voila serving ``notebook`` on ``host:port`` in its own process group (stop it with :func:`stop`).

    Voila listens on ``port`` or exits (it never moves to another port). ``options``: more Voila options, e.g.
    :func:`simulator.classroom.voila_options` (culling, the cap, the preheated kernel). Stop the whole group,
    kernels included, with :func:`stop`.
    """
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={port}", f"--Voila.ip={host}", "--no-browser"]
    command += ["--Voila.port_retries=0", *options]
    return subprocess.Popen(command, start_new_session=True, **popen)


def wait_until_answers(url: str, process: subprocess.Popen, timeout: float = 120.0) -> None:
    """Wait until the Voila server of ``process`` answers at ``url``; raise OSError if it ends or ``timeout`` s pass.

    Asks for a static path that starts no kernel (a page of the notebook would start one).
    """
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    probe = url.rstrip("/") + "/voila/static/"
    while True:
        try:
            with urllib.request.urlopen(probe, timeout=5):
                return
        except urllib.error.HTTPError:  # any HTTP answer (a 403 or 404 for the folder) means it serves
            return
        except OSError:
            if process.poll() is not None:
                raise OSError(f"the Voila server stopped (exit status {process.returncode}) before answering on {url}") from None
            if time.monotonic() > deadline:
                raise OSError(f"the Voila server did not answer on {url} within {timeout:g} s") from None
            time.sleep(0.25)


def _descendants(pid: int) -> list:
    """Return the processes ``pid`` started, at any depth (kernels run in sessions of their own), [] without psutil."""
    try:
        import psutil

        return psutil.Process(pid).children(recursive=True)
    except Exception:  # no psutil, or the process has gone
        return []


def stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop ``process``, its process group and every process it started (Voila's kernels), politely first."""
    import signal

    if process.poll() is not None:
        return
    children = _descendants(process.pid)
    try:
        os.killpg(process.pid, signal.SIGTERM)  # Voila shuts its kernels down
        process.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=timeout)
    if children:  # a kernel the server did not stop in time
        import psutil

        alive = [c for c in children if c.is_running()]
        for child in alive:
            child.terminate()
        _, alive = psutil.wait_procs(alive, timeout=timeout)
        for child in alive:
            child.kill()


#: Seconds the launcher waits for Voila to answer before it gives up (it takes 5-10 s on the 2-core test machine).
START_TIMEOUT_S = 120.0


class _Stopped(Exception):
    """SIGTERM or SIGHUP reached the launcher (a process manager, a closed terminal, a dropped SSH session)."""


def _raise_stopped(signum, _frame):
    raise _Stopped(signum)


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as error:
            raise OSError(
                f"--port {port} on {host} cannot be used ({error.strerror}): choose another, or 0 for a free one"
            ) from None


def _dashboard(args) -> int:
    import signal

    max_students = args.max_students or classroom.default_max_students()
    options = classroom.voila_options(args.cull_idle_s, max_students)
    if args.port:
        _check_port_free(args.host, args.port)
    port = args.port or free_port(args.host)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"Binding to {args.host}: other computers on this network can open the dashboard.")
    url = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{port}/"
    print(
        f"Starting the lecture dashboard for up to {max_students} students at once "
        f"(the kernel of a page that has gone is freed after {args.cull_idle_s} s idle)..."
    )
    stopping = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in stopping}
    process = None
    import shutil
    import tempfile

    kernel_spec = tempfile.mkdtemp(prefix="ketamine-sim-kernel-")
    try:
        env = {**os.environ, **classroom.lean_kernel_env(kernel_spec)}
        process = start_voila(_dashboard_notebook(), port, args.host, options, env=env)
        wait_until_answers(url, process, START_TIMEOUT_S)
        print(f"Lecture dashboard at {url}  (Ctrl+C stops it)", flush=True)
        if not args.no_browser:
            _open_browser(url)
        return process.wait()
    except (KeyboardInterrupt, _Stopped):
        return 0
    finally:
        for sig in [*stopping, signal.SIGINT]:  # a second signal must not interrupt the cleaning up
            previous.setdefault(sig, signal.getsignal(sig))
            signal.signal(sig, signal.SIG_IGN)
        if process is not None:
            stop(process)
        shutil.rmtree(kernel_spec, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


#: Where ``lab`` puts the students' working copies of the notebooks: ``my-notebooks/`` in a source checkout (ignored
#: by git), ``~/ketamine-sim-notebooks`` for an installed package (never inside the installed package).
WORKING_COPY = ROOT / "my-notebooks" if (ROOT / "pyproject.toml").is_file() else Path.home() / "ketamine-sim-notebooks"
#: Said when there are no course notebooks to copy (the wheel holds the package only, not the course).
NO_COURSE = (
    "the course notebooks are not in the installed package (it holds the simulator only) and none were found at {where}: "
    "run `python -m simulator lab` in a checkout of the project, or pass --notebooks FOLDER (a copy of its notebooks/ "
    "folder); `python -m simulator dashboard` works as installed"
)


def _working_copy(instructor: bool = False, notebooks=None) -> Path:
    """Return the start notebook in the working copy, copying the course notebooks there first if missing.

    JupyterLab marks a notebook modified when it opens it and autosaves outputs into it: students work on
    copies, and the committed notebooks stay clean. ``instructor`` copies the instructor versions (with the
    exercises' solutions) into ``instructor/`` of the working copy. ``notebooks``: the folder of the course
    notebooks (default: the checkout's ``notebooks/``); OSError saying so if it has no start notebook.
    """
    import shutil

    published = (Path(notebooks) if notebooks is not None else _START_NOTEBOOK.parent) / ("instructor" if instructor else "")
    if not (published / _START_NOTEBOOK.name).is_file():
        raise OSError(NO_COURSE.format(where=published / _START_NOTEBOOK.name))
    folder = WORKING_COPY / ("instructor" if instructor else "")
    folder.mkdir(parents=True, exist_ok=True)
    for notebook in sorted(published.glob("*.ipynb")):
        if not (folder / notebook.name).exists():
            shutil.copy(notebook, folder / notebook.name)
    return folder / _START_NOTEBOOK.name


def _lab(args) -> int:
    start = _working_copy(args.instructor, args.notebooks)
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
    out = _output_path("--out", args.out, (".png", ".svg"))  # checked before anything is simulated or drawn
    if args.csv is not None:
        _output_path("--csv", args.csv, (".csv",))
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


def _output_path(option: str, value: str, suffixes: tuple) -> Path:
    """Return ``value`` as a path after checking its suffix and that its folder exists and is writable."""
    path = Path(value)
    if path.suffix.lower() not in suffixes:
        raise ValueError(f"{option} must end in {' or '.join(suffixes)}, got {value!r}")
    folder = path.parent.resolve()
    if not folder.is_dir():
        raise ValueError(f"{option}: the folder {str(folder)!r} does not exist (No such file or directory; got {value!r})")
    try:  # a probe file: os.access says yes to root even where nothing can be written
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ValueError(f"{option}: the folder {str(folder)!r} is not writable ({error.strerror}; got {value!r})") from None
    if path.is_dir():
        raise ValueError(f"{option} must be a file name, got the folder {value!r}")
    return path


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
    commands.update(dict.fromkeys(_HANDOUTS, _handout))
    try:
        return commands[args.command](args)
    except (ValueError, TypeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
