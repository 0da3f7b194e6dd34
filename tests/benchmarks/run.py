"""Benchmark `tip` against the import floor and the grep tools, side by side in one run.

    python tests/benchmarks/run.py [--narratives 5000] [--runs 5] [--workdir /tmp/tip-bench]

Uses the `tip` installed next to this Python. Prints a Markdown table: the median wall time of
each command over --runs runs, its ratio to the import floor measured in the same run, and its
peak memory (max RSS). Generates the synthetic corpus with generate.py the first time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table, rapidfuzz"]


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and max RSS (MiB) of one run; output discarded (a pipe, not a terminal)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(
    runs: int, command: list[str], env: dict[str, str], before: Callable[[int], None] | None = None
) -> tuple[float, float]:
    times, peaks = [], []
    for i in range(runs):
        if before:
            before(i)
        elapsed, peak = measure(command, env)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--narratives", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tip-bench"))
    args = parser.parse_args()
    tip = shutil.which("tip", path=str(Path(sys.executable).parent))
    if tip is None:
        raise SystemExit("install tip first: pip install .")
    work = args.workdir
    corpus = work / f"corpus-{args.narratives}"
    if not corpus.is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(args.narratives), str(corpus)],
            check=True,
        )
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "NO_COLOR": "1"}
    env.pop("TIP_CORPUS", None)
    rows: list[tuple[str, float, float]] = []

    def row(
        label: str, command: list[str], before: Callable[[int], None] | None = None, runs: int = 0
    ) -> None:
        seconds, peak = median_of(runs or args.runs, command, env, before)
        rows.append((label, seconds, peak))
        print(f"  {label}: {seconds * 1000:.0f} ms, {peak:.0f} MiB", file=sys.stderr)

    measure([tip, "search", "warm", "up"], env)  # index the bundled report
    row("import floor: python -c 'import typer, rich.console, rich.table, rapidfuzz'", FLOOR)
    row("bundled: tip search forced labor", [tip, "search", "forced", "labor"])
    row("bundled: tip search forced labor --json", [tip, "search", "forced", "labor", "--json"])
    row("bundled: tip stats", [tip, "stats"])

    big = [tip, "--corpus", str(corpus)]
    shutil.rmtree(work / "cache" / "tip", ignore_errors=True)
    row(
        f"{args.narratives}: first run (index build) + search",
        [*big, "search", "forced", "labor", "--limit", "10"],
        runs=1,
    )
    row(
        f"{args.narratives}: warm tip search forced labor --limit 10",
        [*big, "search", "forced", "labor", "--limit", "10"],
    )
    row(
        f"{args.narratives}: warm tip search trafficing shelters --limit 10",
        [*big, "search", "trafficing", "shelters", "--limit", "10"],
    )
    row(f"{args.narratives}: warm tip stats --by measure", [*big, "stats", "--by", "measure"])
    files = sorted(corpus.glob("*.txt"))

    def touch_one(i: int) -> None:
        path = files[(i * 7919) % len(files)]
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\nThe government reported 12 more investigations.\n")

    row(
        f"{args.narratives}: one changed file, then search forced labor",
        [*big, "search", "forced", "labor", "--limit", "10"],
        before=touch_one,
    )
    for tool, flags in (("rg", ["-i", "-l"]), ("ugrep", ["-Z2", "-i", "-l", "-r"])):
        if shutil.which(tool):
            for query in ("forced labor", "trafficing shelters"):
                row(
                    f"{args.narratives}: {tool} {' '.join(flags)} '{query}'",
                    [tool, *flags, query, str(corpus)],
                )

    floor = rows[0][1]
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, {platform.platform()}"
    )
    print(f"Date: {time.strftime('%Y-%m-%d')}; runs per row: {args.runs} (median); first run: 1\n")
    print("| command | median | ratio to floor | max RSS |")
    print("|---|---|---|---|")
    for label, seconds, peak in rows:
        print(f"| {label} | {seconds * 1000:.0f} ms | {seconds / floor:.2f} | {peak:.0f} MiB |")


if __name__ == "__main__":
    main()
