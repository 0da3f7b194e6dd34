"""Benchmark `tip` against the import floor and the grep tools, side by side in one run.

    pip install . && python tests/benchmarks/run.py [--narratives 5000] [--runs 7]

Uses the `tip` installed next to this Python (install it with `pip install .`, not editable:
an editable install in an environment with PYTHONDONTWRITEBYTECODE recompiles every run).
Commands are measured round-robin (one run of each, then the next round), so that a noisy
machine slows all of them alike; the table gives each one's median wall time, its ratio to
the import floor's median, and its peak memory (max RSS). Output is read through a pipe, as
`tip ... | jq` would: not /dev/null, which lets grep tools stop at the first match.
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
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table, rapidfuzz"]


@dataclass
class Row:
    label: str
    command: list[str]
    before: Callable[[int], None] | None = None
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and max RSS (MiB) of one run, reading its output through a pipe."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    while process.stdout.read(1 << 16):
        pass
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024


def round_robin(rows: list[Row], runs: int, env: dict[str, str]) -> None:
    for i in range(runs):
        for row in rows:
            if row.before:
                row.before(i)
            elapsed, peak = measure(row.command, env)
            row.times.append(elapsed)
            row.peaks.append(peak)
        print(f"  round {i + 1}/{runs} done", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--narratives", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tip-bench"))
    args = parser.parse_args()
    tip = shutil.which("tip", path=str(Path(sys.executable).parent))
    if tip is None:
        raise SystemExit("install tip first: pip install .")
    work = args.workdir
    corpus = work / f"corpus-{args.narratives}"
    if not corpus.is_dir():
        generator = [sys.executable, str(HERE / "generate.py"), str(args.narratives), str(corpus)]
        subprocess.run(generator, check=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "NO_COLOR": "1"}
    env.pop("TIP_CORPUS", None)
    n = args.narratives
    big = [tip, "--corpus", str(corpus)]

    shutil.rmtree(work / "cache" / "tip", ignore_errors=True)
    first = Row(f"{n}: first run (index build), then search", [*big, "search", "forced", "labor"])
    round_robin([first], 1, env)
    measure([tip, "search", "warm", "up"], env)  # index the bundled report

    files = sorted(corpus.glob("*.txt"))

    def change_one(i: int) -> None:
        path = files[(i * 7919) % len(files)]
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\nThe government reported 12 more investigations.\n")

    rows = [
        Row("import floor: python -c 'import typer, rich.console, rich.table, rapidfuzz'", FLOOR),
        Row("bundled: tip search forced labor", [tip, "search", "forced", "labor"]),
        Row("bundled: tip search forced labor --json", [tip, "search", "forced", "labor", "--json"]),
        Row("bundled: tip stats", [tip, "stats"]),
        Row(f"{n}: warm tip search forced labor --limit 10", [*big, "search", "forced", "labor", "--limit", "10"]),
        Row(f"{n}: warm tip search trafficing shelters --limit 10", [*big, "search", "trafficing", "shelters", "--limit", "10"]),
        Row(f"{n}: warm tip stats --by measure", [*big, "stats", "--by", "measure"]),
        Row(f"{n}: one file changed, then search forced labor --limit 10", [*big, "search", "forced", "labor", "--limit", "10"], change_one),
    ]  # fmt: skip
    for tool, flags in (("rg", ["-i", "-l"]), ("ugrep", ["-Z2", "-i", "-l", "-r"])):
        if shutil.which(tool):
            for query in ("forced labor", "trafficing shelters"):
                rows.append(
                    Row(
                        f"{n}: {tool} {' '.join(flags)} '{query}'",
                        [tool, *flags, query, str(corpus)],
                    )
                )
    round_robin(rows, args.runs, env)

    floor = statistics.median(rows[0].times)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    )
    print(f"Date: {time.strftime('%Y-%m-%d')}; {args.runs} rounds (median); the first run once\n")
    print("| command | median | ratio to floor | max RSS |")
    print("|---|---|---|---|")
    for row in [first, *rows]:
        seconds = statistics.median(row.times)
        print(
            f"| {row.label} | {seconds * 1000:.0f} ms | {seconds / floor:.2f} | {max(row.peaks):.0f} MiB |"
        )


if __name__ == "__main__":
    main()
