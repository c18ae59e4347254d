"""``python -m simulator figure``: where the time of one slide goes, stage by stage, and the whole command.

Run: ``python benchmarks/bench_cli.py [--scenario NAME]``. Prints the wall and CPU seconds of each stage the
command runs (imports, the simulation on its log grid, the comparator, the figure, savefig) in one fresh process,
then the time of the whole command in a fresh interpreter (as a lecturer runs it, three times) against the
target of 3 s, with the machine's load (on a shared machine the wall time is the CPU time times the queue).
Nothing is asserted. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 3.0


def stages(name: str, folder: Path) -> dict:
    """Wall and CPU seconds of each stage of the figure command (the calls it makes), in this fresh process."""
    times = {}
    clock = (time.perf_counter(), time.process_time())

    def lap(stage):
        nonlocal clock
        now = (time.perf_counter(), time.process_time())
        times[stage] = (now[0] - clock[0], now[1] - clock[1])
        clock = now

    import matplotlib

    matplotlib.use("Agg")
    lap("import matplotlib")
    from simulator import scenarios
    from simulator.export import save_figure
    from simulator.pipeline import simulate
    from simulator.plasticity import conventional_antidepressant
    from simulator.plotting import full_chain_figure
    from simulator.style import get_style

    lap("import simulator (+ pyplot)")
    scenario = scenarios.preset(name)
    end_h = scenario.regimen.end_h + 24.0 * 28
    options = {"pk_set": scenario.options["pk_set"]} if "pk_set" in scenario.options else {}
    result = simulate(scenario.regimen, scenario.patient, end_h=end_h, grid="log", **options)
    _ = result.summary()  # the chain computed, as the figure reads it
    lap("simulate (log grid)")
    comparator = conventional_antidepressant(days=end_h / 24.0, step_h=0.25)
    lap("comparator")
    fig = full_chain_figure(result, comparator=comparator, style=get_style("projector"))
    lap("draw the figure (+ layout)")
    save_figure(fig, folder / "slide.png")
    lap("savefig (1920x1080 PNG)")
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="standard-infusion")
    parser.add_argument("--stages-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        if args.stages_only:
            print(f"  {'stage':32s}{'wall':>8s}{'CPU':>8s}")
            for stage, (wall, cpu) in stages(args.scenario, Path(folder)).items():
                print(f"  {stage:32s}{wall:6.2f} s{cpu:6.2f} s")
            return
        from simulator.labels import DISCLAIMER

        print(DISCLAIMER)
        print(f"python -m simulator figure --scenario {args.scenario}: stages in a fresh process")
        subprocess.run([sys.executable, __file__, "--scenario", args.scenario, "--stages-only"], check=True)
        walls, cpus = [], []
        for _ in range(3):
            start, before = time.perf_counter(), os.times()
            out = Path(folder) / "cli.png"
            subprocess.run(
                [sys.executable, "-m", "simulator", "figure", "--scenario", args.scenario, "--out", str(out)],
                check=True,
                capture_output=True,
            )
            walls.append(time.perf_counter() - start)
            after = os.times()
            cpus.append(after.children_user - before.children_user + after.children_system - before.children_system)
        best, median = min(walls), sorted(walls)[1]
        print(
            f"whole command, fresh interpreter: wall median {median:.2f} s, best {best:.2f} s of 3; CPU median "
            f"{sorted(cpus)[1]:.2f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
            f"(target {TARGET_S:g} s wall: {'met' if median <= TARGET_S else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
