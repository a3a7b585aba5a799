"""`python -m benchmarks.help_time [--runs 15]`: how long `summarizer --help` takes.

Runs, interleaved: Python starting and doing nothing, `python -m summarizer --help`, the
installed `summarizer` script beside this Python (not a version manager's shim, which adds
its own start), and the same with click's plain help (`TYPER_USE_RICH=0`). Prints wall and
CPU (user + sys) seconds, min and median, as a markdown table (benchmarks/RESULTS.md); say
what else was running when you quote it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def ways() -> dict[str, tuple[list[str], dict[str, str]]]:
    script = Path(sys.executable).parent / "summarizer"
    plain = {**os.environ, "TYPER_USE_RICH": "0"}
    found = {
        "python -c pass": ([sys.executable, "-c", "pass"], dict(os.environ)),
        "python -m summarizer --help": (
            [sys.executable, "-m", "summarizer", "--help"],
            dict(os.environ),
        ),
    }
    if script.is_file():
        found["summarizer --help"] = ([str(script), "--help"], dict(os.environ))
        found["summarizer --help, TYPER_USE_RICH=0"] = ([str(script), "--help"], plain)
    return found


def once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    commands = ways()
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for command, env in commands.values():
        once(command, env)  # warm the file cache
    for _ in range(args.runs):
        for name, (command, env) in commands.items():
            wall, cpu = once(command, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}, {args.runs} runs each")
    print("| command | wall min / median | CPU min / median |")
    print("|---|---:|---:|")
    for name in commands:
        wall, cpu = walls[name], cpus[name]
        print(
            f"| `{name}` | {min(wall):.3f} / {statistics.median(wall):.3f} s "
            f"| {min(cpu):.3f} / {statistics.median(cpu):.3f} s |"
        )


if __name__ == "__main__":
    main()
