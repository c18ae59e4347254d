"""Random slider moves across each control's whole range: CPU per move and the share that redraw the background.

Run: ``python benchmarks/bench_moves.py [--baseline REV] [--moves N]``. For the lecture dashboard, the time-course
explorer and the sessions explorer, ``N`` moves (default 40) each set a slider drawn at random to a value drawn at
random over its range (on its step, never its current value), from one seeded sequence, so that every run and every
revision makes the same moves. Each move is timed from the control's change to the encoded PNG (the model included),
in CPU time of the process (``time.process_time``: less sensitive than the wall clock to a loaded machine) and wall
time; a move "redraws" when the figure's cached background was drawn again (its render key changed, or the figure was
built anew). With ``--baseline REV`` the same moves run on a checkout of ``REV`` (a git worktree under /tmp), in
turn with the current tree, explorer by explorer, in the same run; ratios are current / baseline. Nothing is
asserted (the machine is noisy). Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPLORERS = ("LectureDashboard", "TimeCourseExplorer", "SessionsExplorer")


def _moves(explorer, n: int, seed: int = 24):
    """Return ``n`` (slider, value) pairs: a slider of ``explorer`` at random, a value of its range at random."""
    import ipywidgets as widgets
    import numpy as np

    sliders = [c for c in explorer.controls.values() if isinstance(c, (widgets.FloatSlider, widgets.IntSlider))]
    rng = np.random.default_rng(seed)
    values = {id(c): c.value for c in sliders}
    moves = []
    for _ in range(n):
        control = sliders[int(rng.integers(len(sliders)))]
        steps = round((control.max - control.min) / control.step)
        while True:
            value = control.min + int(rng.integers(steps + 1)) * control.step
            value = int(value) if isinstance(control, widgets.IntSlider) else round(float(value), 10)
            if value != values[id(control)]:
                break
        values[id(control)] = value
        moves.append((control, value))
    return moves


def measure(name: str, n: int) -> dict:
    """Make ``n`` random moves on a new explorer ``name``; return per-move CPU and wall seconds and redraw flags."""
    import matplotlib

    matplotlib.use("Agg")
    import simulator.widgets as w

    explorer = getattr(w, name)()
    cpu, wall, redrawn = [], [], []
    for control, value in _moves(explorer, n):
        figure = explorer.figure
        fig, key = figure.fig, figure._state.key
        start_cpu, start = time.process_time(), time.perf_counter()
        control.value = value
        _ = explorer.image.value
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
        redrawn.append(figure.fig is not fig or figure._state.key != key)
        if explorer.last_error is not None:
            raise RuntimeError(f"{name} could not update: {explorer.last_error!r}")
    return {"cpu": cpu, "wall": wall, "redrawn": redrawn}


def _child(name: str, n: int, path: Path | None) -> dict:
    """Measure ``name`` in a new process importing the package from ``path`` (None: this tree)."""
    env = {**os.environ, "PYTHONPATH": str(path or ROOT)}
    out = subprocess.run([sys.executable, __file__, "--child", name, str(n)], env=env, capture_output=True, text=True,
                         check=True, cwd=str(path or ROOT))  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _line(label: str, data: dict) -> str:
    import numpy as np

    cpu = np.array(data["cpu"]) * 1e3
    redrawn = np.array(data["redrawn"])
    share = f"{redrawn.sum()} of {redrawn.size} moves redraw the background"
    slow = f" (those: median {np.median(cpu[redrawn]):.0f} ms CPU)" if redrawn.any() else ""
    return (f"  {label:<9}: CPU per move median {np.median(cpu):.0f} ms, p95 {np.percentile(cpu, 95):.0f} ms "
            f"(wall median {np.median(data['wall']) * 1e3:.0f} ms); {share}{slow}")  # fmt: skip


def main(argv) -> None:
    from simulator.labels import DISCLAIMER

    n = int(argv[argv.index("--moves") + 1]) if "--moves" in argv else 40
    rev = argv[argv.index("--baseline") + 1] if "--baseline" in argv else None
    print(DISCLAIMER)
    print(f"{n} random slider moves per explorer (seed 24), control change to encoded PNG")
    folder = None
    if rev is not None:
        folder = Path(tempfile.mkdtemp(prefix="bench-moves-")) / "checkout"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), rev], check=True, capture_output=True)
    try:
        for name in EXPLORERS:
            print(f"\n{name}")
            base = _child(name, n, folder) if folder is not None else None
            now = _child(name, n, None)
            if base is not None:
                print(_line(f"at {rev}", base))
            print(_line("now", now))
            if base is not None:
                import numpy as np

                ratios = [np.median(now["cpu"]) / np.median(base["cpu"]),
                          np.percentile(now["cpu"], 95) / np.percentile(base["cpu"], 95)]  # fmt: skip
                print(f"  now / baseline (same run): median {ratios[0]:.2f}x, p95 {ratios[1]:.2f}x")
    finally:
        if folder is not None:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=False)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]))))
    else:
        main(sys.argv[1:])
