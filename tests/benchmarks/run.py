"""Benchmark `tip` against the import floor and grep tools, round-robin in one run.

    pip install . && python tests/benchmarks/run.py [--narratives 5000 20000] [--rounds 9]

Uses the `tip` installed next to this Python (install it with `pip install .`, not editable:
an editable install in an environment with PYTHONDONTWRITEBYTECODE recompiles every run).
Corpora are generated under --workdir (default /tmp/tip-bench), never in the repository.

Each corpus is first indexed once from scratch (the cold build, timed once). Then every
command runs once per round, one after the other, for --rounds rounds, so that a noisy,
shared machine slows them alike. For each command the table gives the median wall time, the
median of its per-round ratio to the import floor measured in the same round, the spread of
that ratio (lowest-highest over the rounds) and the peak memory (max RSS). Output is read
through a pipe, as `tip ... | jq` would. Tools that are not installed (ugrep, rg) are skipped.
The targets of issue 12 are checked at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table, rapidfuzz"]
QUERY = ["forced", "labor"]
TYPO = ["trafficing", "shelters"]  # "trafficking" misspelt: matched by typo tolerance
RACY_SECONDS = 2.1  # tip re-hashes files modified within 2 s of a sync; let them settle


@dataclass
class Row:
    key: str
    label: str
    command: list[str]
    before: Callable[[int], None] | None = None
    after: Callable[[int], None] | None = None
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds, workers included
    ratios: list[float] = field(default_factory=list)


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, max RSS (MiB) and CPU seconds (the process and the children it waited
    for: tip's indexing workers) of one run, reading its output through a pipe."""
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
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def round_robin(rows: list[Row], rounds: int, env: dict[str, str]) -> None:
    floor = rows[0]
    for i in range(rounds):
        for row in rows:
            if row.before:
                row.before(i)
            elapsed, peak, cpu = measure(row.command, env)
            row.times.append(elapsed)
            row.peaks.append(peak)
            row.cpu.append(cpu)
            if row.after:
                row.after(i)
        for row in rows:
            row.ratios.append(row.times[-1] / floor.times[-1])
        print(f"  round {i + 1}/{rounds} done", file=sys.stderr)


def corpus_of(work: Path, n: int) -> Path:
    corpus = work / f"corpus-{n}"
    if not corpus.is_dir():
        generator = [sys.executable, str(HERE / "generate.py"), str(n), str(corpus)]
        subprocess.run(generator, check=True)
    return corpus


def cold_build(tip: str, corpus: Path, n: int, env: dict[str, str]) -> Row:
    """Index a corpus from scratch (the cache folder was emptied first), timed once."""
    command = [tip, "--corpus", str(corpus), "search", *QUERY]
    row = Row(f"cold {n}", f"{n}: cold build (index from scratch), then search", command)
    round_robin([row], 1, env)
    row.ratios.clear()  # timed alone: compared with the floor's median later
    return row


def grep_rows(corpus: Path, n: int) -> list[Row]:
    rows = []
    for tool, flags in (("ugrep", ["-Z2", "-i", "-l", "-r"]), ("rg", ["-i", "-l"])):
        if shutil.which(tool) is None:
            print(f"  {tool} is not installed: skipped", file=sys.stderr)
            continue
        for words in (TYPO, QUERY):
            text = " ".join(words)
            rows.append(
                Row(
                    f"{tool} {n} {text}",
                    f"{n}: {tool} {' '.join(flags)} '{text}'",
                    [tool, *flags, text, str(corpus)],
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--narratives", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/tip-bench"))
    parser.add_argument("--no-cold", action="store_true", help="keep existing indexes")
    args = parser.parse_args()
    tip = shutil.which("tip", path=str(Path(sys.executable).parent))
    if tip is None:
        raise SystemExit("install tip first: pip install .")
    work: Path = args.workdir
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "NO_COLOR": "1"}
    env.pop("TIP_CORPUS", None)

    corpora = {n: corpus_of(work, n) for n in args.narratives}
    colds = []
    if not args.no_cold:
        shutil.rmtree(work / "cache" / "tip", ignore_errors=True)
        colds = [cold_build(tip, corpus, n, env) for n, corpus in corpora.items()]
    measure([tip, "search", "warm", "up"], env)  # index the bundled report
    for corpus in corpora.values():  # indexes in place (--no-cold) and settled
        measure([tip, "--corpus", str(corpus), "search", *QUERY], env)
    time.sleep(RACY_SECONDS)

    rows = [
        Row("floor", "import floor: python -c 'import typer, rich.console, rich.table, "
            "rapidfuzz'", FLOOR),
        Row("bundled", "bundled: tip search forced labor", [tip, "search", *QUERY]),
        Row("bundled json", "bundled: tip search forced labor --json",
            [tip, "search", *QUERY, "--json"]),
    ]  # fmt: skip
    changed: list[Row] = []
    for n, corpus in corpora.items():
        big = [tip, "--corpus", str(corpus)]
        rows += [
            Row(f"search {n}", f"{n}: warm tip search forced labor", [*big, "search", *QUERY]),
            Row(f"typo {n}", f"{n}: warm tip search trafficing shelters",
                [*big, "search", *TYPO]),
            Row(f"stats {n}", f"{n}: warm tip stats --measure convictions --json",
                [*big, "stats", "--measure", "convictions", "--json"]),
            *grep_rows(corpus, n),
        ]  # fmt: skip
        changed.append(changed_row(tip, corpus, n, env))
    rows += changed  # last: each one leaves a freshly modified file behind, then settles
    round_robin(rows, args.rounds, env)
    report(args, [*colds, *rows], rows[0])


def changed_row(tip: str, corpus: Path, n: int, env: dict[str, str]) -> Row:
    """A search right after one narrative was edited in place (re-parse one file)."""
    files = sorted(corpus.glob("*.txt"))

    def change_one(i: int) -> None:
        with files[(i * 7919) % len(files)].open("a", encoding="utf-8") as handle:
            handle.write("\nThe government reported 12 more investigations.\n")

    def settle(_i: int) -> None:
        time.sleep(RACY_SECONDS)  # the edited file leaves the racy window...
        measure([tip, "--corpus", str(corpus), "search", *QUERY], env)  # ...and is trusted

    return Row(
        f"changed {n}",
        f"{n}: one file edited in place, then search forced labor",
        [tip, "--corpus", str(corpus), "search", *QUERY],
        change_one,
        settle,
    )


def report(args: argparse.Namespace, rows: list[Row], floor: Row) -> None:
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.platform()}"
    )
    print(f"Load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M')}; {args.rounds} rounds, medians\n")
    print("| command | median | ratio to floor (median) | spread over rounds | max RSS |")
    print("|---|---|---|---|---|")
    for row in rows:
        seconds = statistics.median(row.times)
        if row.ratios:
            ratio = f"{statistics.median(row.ratios):.2f}"
            spread = f"{min(row.ratios):.2f}-{max(row.ratios):.2f}"
        else:  # timed once, outside the rounds: CPU time says more on a busy machine
            ratio = f"{seconds / statistics.median(floor.times):.1f}"
            spread = f"once; {row.cpu[0]:.0f} CPU s"
        print(
            f"| {row.label} | {seconds * 1000:.0f} ms | {ratio} | {spread} "
            f"| {max(row.peaks):.0f} MiB |"
        )
    print()
    targets(rows)


def targets(rows: list[Row]) -> None:
    """Issue 12's speed targets, each met or missed (and by how much)."""
    by_key = {row.key: row for row in rows}

    def ratio(key: str) -> float | None:
        row = by_key.get(key)
        return statistics.median(row.ratios) if row and row.ratios else None

    checks: list[tuple[str, float | None, float]] = [
        ("5000: warm search <= 1.2x floor", ratio("search 5000"), 1.2),
        ("5000: typo search <= 1.2x floor", ratio("typo 5000"), 1.2),
        ("20000: warm search <= 1.5x floor", ratio("search 20000"), 1.5),
        ("20000: typo search <= 1.5x floor", ratio("typo 20000"), 1.5),
        ("5000: stats --measure convictions --json <= 2x floor", ratio("stats 5000"), 2.0),
    ]
    print("| target | measured | result |")
    print("|---|---|---|")
    for name, value, limit in checks:
        if value is not None:
            verdict = "met" if value <= limit else f"missed by {value - limit:.2f}x"
            print(f"| {name} | {value:.2f} | {verdict} |")
    typo, ugrep = by_key.get("typo 5000"), by_key.get(f"ugrep 5000 {' '.join(TYPO)}")
    if typo and ugrep:
        mine, theirs = statistics.median(typo.times), statistics.median(ugrep.times)
        verdict = "met" if mine < theirs else f"missed by {1000 * (mine - theirs):.0f} ms"
        print(
            f"| 5000: typo search faster than ugrep -Z2 (same query) | {mine * 1000:.0f} vs "
            f"{theirs * 1000:.0f} ms | {verdict} |"
        )
    cold = by_key.get("cold 5000")
    if cold:
        seconds = cold.times[0]
        verdict = "met" if seconds < 45 else f"missed by {seconds - 45:.0f} s"
        cpu = f"{seconds:.0f} s ({cold.cpu[0]:.0f} CPU s)"
        print(f"| 5000: cold build < 45 s | {cpu} | {verdict} |")


if __name__ == "__main__":
    main()
