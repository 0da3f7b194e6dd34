"""A fuzzer for the command line (run by hand): random command lines against a tiny corpus.

    python tests/fuzz_cli.py --seconds 600 --out /tmp/tip-fuzz-cli

Builds command lines from tip's commands and options with random values (valid ones, wrong
types, empty, negative, NaN, Unicode, control characters, 100,000-character arguments),
stray words and options in random places, and runs them through typer's CliRunner in-process
(fast), and one in --subprocess-every through the installed `tip`. The invariants:
- never a traceback, and no exception escapes other than SystemExit;
- the exit status is 0, 1, 2 or 130;
- every stderr line starts `tip: ` (notes, warnings, the error);
- an error (exit 2) is one line, `tip: error: ...`, the last on stderr (plain `tip` alone
  prints the help instead);
- nothing found (exit 1) says so on stderr.
Failing command lines are written to --out as JSON with what was seen. tests/README.md notes
each run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from typer.testing import CliRunner  # noqa: E402

from tipcli.cli import app  # noqa: E402

COMMANDS = ["reports", "section", "show", "export", "stats", "search", "index"]
GLOBAL_OPTIONS = ["--corpus", "-c", "--no-cache", "--version", "-h", "--help"]
# option -> values worth trying (None: a flag)
OPTIONS: dict[str, list[str] | None] = {
    "--report": ["china-2007", "CHINA-2007", "nope-1999", "china-2007:p4", ":", ""],
    "-r": ["china-2007", "moldova-2009"],
    "--country": ["China", "china", "Moldova", "Côte d'Ivoire", ""],
    "--year": ["2007", "1999", "0", "-1", "99999999999999999999", "twenty", "2007.5"],
    "--tier": ["1", "2", "2wl", "3", "special", "Tier 2 Watch List", "7", "", "sc"],
    "--section": ["protection", "protect", "pro", "zzz", "", "PROSECUTION"],
    "-s": ["overview", "profile"],
    "--measure": ["convictions", "victims identified", "other", "nope", ""],
    "-m": ["arrests"],
    "--kind": ["count", "range", "percent", "money", "age", "duration", "x"],
    "-k": ["count"],
    "--min": ["0", "1000", "-5", "1e308", "nan", "inf", "-inf", "abc", "1,000"],
    "--by": ["measure", "country", ""],
    "--limit": ["1", "10", "0", "-5", "1000000", "abc", "1e3"],
    "-n": ["3"],
    "--min-score": ["0", "50", "100", "100.5", "-1", "nan", "inf", "x"],
    "--exact": None,
    "--sentences": None,
    "--full": None,
    "--json": None,
    "--jsonl": None,
    "--clear": None,
}
WORDS = ["forced", "labor", "labour", "trafficing", "shelters", "MPS", '"debt bondage"',
         '"unclosed', "3,371", "劳动", "Guangxī", "Côte d’Ivoire", "ÆØÅ", ".*[", "--", "-",
         "china-2007:p6", "china-2007", "p99", "[bold]x[/bold]", "\x1b[31m", "\t", "\n", " ",
         "", "%s", "{0}", "'", "\\", "\u202e", "\ud800", "𝟙𝟚𝟛", "NUL\x00"]  # fmt: skip


def random_value(rng: random.Random, option: str) -> str:
    values = OPTIONS[option] or []
    roll = rng.random()
    if roll < 0.7 and values:
        return rng.choice(values)
    if roll < 0.8:
        return rng.choice(WORDS)
    if roll < 0.9:
        return "".join(chr(rng.randrange(1, 0x10FFFF)) for _ in range(rng.randint(0, 12)))
    return rng.choice(["x", "9", "é", " "]) * rng.choice([1_000, 100_000])


def _global_part(rng: random.Random, corpus: str) -> list[str]:
    argv: list[str] = []
    if rng.random() < 0.3:
        option = rng.choice(GLOBAL_OPTIONS)
        argv.append(option)
        if option in ("--corpus", "-c") and rng.random() < 0.95:
            argv.append(rng.choice([corpus, corpus, "", "/no/such", corpus + "/seed.txt", "."]))
    if rng.random() < 0.5:
        argv += ["--corpus", corpus]
    return argv


def command_line(rng: random.Random, corpus: str) -> list[str]:
    """One random command line (without the program name)."""
    argv = _global_part(rng, corpus)
    if rng.random() < 0.97:
        argv.append(rng.choice(COMMANDS) if rng.random() < 0.95 else rng.choice(WORDS))
    for _ in range(rng.randint(0, 6)):
        roll = rng.random()
        if roll < 0.6:
            option = rng.choice(list(OPTIONS))
            argv.append(option)
            if OPTIONS[option] is not None and rng.random() < 0.95:
                argv.append(random_value(rng, option))
        elif roll < 0.9:
            argv.append(rng.choice(WORDS))
        else:
            argv.append(random_value(rng, "--report"))
    return argv


def problems(code: int | None, out: str, err: str, argv: list[str]) -> list[str]:
    """What breaks the invariants in one run (empty when it behaved)."""
    found = []
    if "Traceback" in out + err:
        found.append("traceback")
    if code not in (0, 1, 2, 130):
        found.append(f"exit {code}")
    lines = err.splitlines()
    if any(not line.startswith("tip: ") for line in lines) and argv and "-h" not in argv:
        found.append("a stderr line not starting 'tip: '")
    errors = [line for line in lines if line.startswith("tip: error: ")]
    if code == 2 and argv and (len(errors) != 1 or lines[-1] != errors[0]):
        found.append("exit 2 without exactly one 'tip: error:' line, last")
    if code == 1 and not lines:
        found.append("exit 1 without a note on stderr")
    return found


def run_in_process(runner: CliRunner, argv: list[str]) -> tuple[int | None, str, str, str]:
    result = runner.invoke(app, argv, env={"TIP_CORPUS": None, "NO_COLOR": "1"})
    escaped = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        escaped = f"{type(result.exception).__name__}: {result.exception}"
    return result.exit_code, result.stdout, result.stderr, escaped


def run_installed(tip: str, argv: list[str]) -> tuple[int | None, str, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TIP_CORPUS"}
    clean = [a.replace("\x00", "") for a in argv]  # a NUL cannot be passed to a process
    clean = [a.encode("utf-8", "replace").decode("utf-8") for a in clean]  # lone surrogates
    clean = [a[:30_000] for a in clean]  # the kernel refuses one argument over 128 KiB
    done = subprocess.run(
        [tip, *clean], capture_output=True, text=True, env=env, timeout=120, check=False,
        stdin=subprocess.DEVNULL, errors="replace",
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr, ""


def tiny_corpus(folder: Path) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "seeds" / "china-2007.txt", corpus / "china-2007.txt")
    for name in ("moldova-2009.txt", "thailand-2022.txt"):
        source = ROOT / "tests" / "fixtures" / "narratives" / name
        if source.exists():
            shutil.copy(source, corpus / name)
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--out", type=Path, default=Path("/tmp/tip-fuzz-cli"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--subprocess-every", type=int, default=25)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    tip = shutil.which("tip", path=str(Path(sys.executable).parent))
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")  # never the user's cache
        corpus = str(tiny_corpus(Path(scratch)))
        runner = CliRunner()
        deadline = time.monotonic() + args.seconds
        runs = installed = failures = 0
        while time.monotonic() < deadline:
            argv = command_line(rng, corpus)
            runs += 1
            if tip and runs % args.subprocess_every == 0:
                installed += 1
                code, out, err, escaped = run_installed(tip, argv)
            else:
                code, out, err, escaped = run_in_process(runner, argv)
            found = problems(code, out, err, argv) + ([escaped] if escaped else [])
            if found:
                failures += 1
                report = {"argv": argv, "exit": code, "stderr": err[-2000:], "problems": found}
                (args.out / f"failure-{failures}.json").write_text(json.dumps(report, indent=1))
    print(
        f"{runs} command lines ({installed} through the installed tip), {failures} failures, "
        f"{args.seconds:.0f} s, seed {args.seed}"
    )


if __name__ == "__main__":
    main()
