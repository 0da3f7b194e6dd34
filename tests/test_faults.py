"""Output faults, usage errors, empty results and value ranges, through the installed `tip`.

Whatever goes wrong, tip prints one line on stderr (`tip: error: ...`) and exits 2; nothing
found is exit 1 (JSON still gets `[]`); a reader that goes away ends tip quietly.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEED

TIP = shutil.which("tip", path=str(Path(sys.executable).parent))


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TIP_CORPUS", "NO_COLOR", "TERM")}
    return {**env, "XDG_CACHE_HOME": str(cache), **extra}


def tip(*args: str, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    assert TIP, "the tip console script is not installed next to this Python"
    done = subprocess.run(
        [TIP, *args], capture_output=True, text=True, env=_env(cache, **env), timeout=120,
        check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


def shell(command: str, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A shell command line with `tip` in it (redirections, pipes, closed descriptors)."""
    assert TIP
    done = subprocess.run(
        command.replace("tip ", f"'{TIP}' ", 1), shell=True, capture_output=True, text=True,
        env=_env(cache, **env), timeout=120, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


def one_error_line(done: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("tip: error: "), done.stderr
    for needle in needles:
        assert needle in done.stderr, (needle, done.stderr)
    return done.stderr


@pytest.fixture
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


# -- output faults ---------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", [[], ["--json"], ["--jsonl"]])
def test_a_full_disk_is_one_error_line(cache: Path, fmt: list[str]) -> None:
    done = shell(f"tip search forced labor {' '.join(fmt)} >/dev/full", cache)
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "tip: error: cannot write the output: No space left on device (free some disk space)\n"
    )


def test_a_closed_stdout_is_one_error_line(cache: Path) -> None:
    done = shell("tip reports >&-", cache)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("tip: error: cannot write the output: ")


@pytest.mark.parametrize("command", ["export", "stats", "search victims --jsonl", "reports"])
def test_a_reader_that_goes_away_ends_tip_quietly(cache: Path, command: str) -> None:
    done = shell(f"tip {command} | head -c 1", cache)
    assert done.stderr == "" and len(done.stdout) == 1


@pytest.mark.parametrize("fmt", [[], ["--json"]])
def test_an_encoding_the_output_cannot_show_is_escaped(
    tmp_path: Path, cache: Path, fmt: list[str]
) -> None:
    narrative = SEED.read_text("utf-8").replace("Guangxi", "Guangxī Zhuang")
    (tmp_path / "china-2007.txt").write_text(narrative, "utf-8")
    args = ["--corpus", str(tmp_path), "search", "Zhuang", "--full", *fmt]
    done = tip(*args, cache=cache, PYTHONIOENCODING="ascii")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.isascii()
    if fmt:  # JSON escapes it in the JSON itself: the text stays exact
        assert "Guangxī Zhuang" in json.loads(done.stdout)[0]["text"]
    else:
        assert "Guangx\\u012b Zhuang" in done.stdout


# -- usage errors, whoever raises them -------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--corpus"], ["--corpus", "requires an argument", "(see 'tip --help')"]),
        (["-V"], ["No such option: -V"]),
        (["frobnicate"], ["No such command 'frobnicate'"]),
        (["search"], ["Missing argument", "(see 'tip search --help')"]),
        (["search", "x", "--limit", "abc"], ["--limit", "'abc' is not a valid int"]),
        (["search", "x", "--limit", "0"], ["--limit", "0 is not in the range x>=1"]),
        (["search", "x", "--min-score", "200"], ["--min-score", "0<=x<=100"]),
        (["search", "x", "--min-score", "nan"], ["--min-score", "nan is not a number"]),
        (["stats", "--min", "inf"], ["--min", "inf is not a number"]),
        (["reports", "--year", "twenty"], ["--year"]),
        (["export", "--year", "9" * 20], ["--year", "is not a year"]),  # found by fuzz_cli.py
        (["reports", "--tier", "7"], ["unknown tier '7'", "Special Case"]),
        (["reports", "--json", "--jsonl"], ["--json and --jsonl exclude each other"]),
        (["section", "--bogus"], ["No such option: --bogus", "(see 'tip section --help')"]),
        (["--corpus", "", "reports"], ["--corpus is empty"]),
        (["-c", "", "reports"], ["--corpus is empty"]),
    ],
)
def test_usage_errors_are_one_line(cache: Path, args: list[str], needles: list[str]) -> None:
    one_error_line(tip(*args, cache=cache), *needles)


def test_an_empty_tip_corpus_is_an_error(cache: Path) -> None:
    one_error_line(tip("reports", cache=cache, TIP_CORPUS=""), "$TIP_CORPUS is set but empty")
    one_error_line(tip("reports", cache=cache, TIP_CORPUS="  "), "$TIP_CORPUS is set but empty")


def test_no_arguments_shows_the_help(cache: Path) -> None:
    done = tip(cache=cache)
    assert done.returncode == 2 and done.stdout == "" and "Commands:" in done.stderr


# -- nothing found ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["search", "qqqzzz"],
        ["stats", "--measure", "arrests", "--section", "prevention"],
        ["reports", "--tier", "1"],
        ["section", "protection", "--year", "1999"],
    ],
)
def test_nothing_found_in_each_format(cache: Path, args: list[str]) -> None:
    plain, as_json, as_jsonl = (
        tip(*args, *fmt, cache=cache) for fmt in ([], ["--json"], ["--jsonl"])
    )
    assert plain.returncode == as_json.returncode == as_jsonl.returncode == 1
    assert plain.stdout == "" and as_json.stdout == "[]\n" and as_jsonl.stdout == ""
    assert json.loads(as_json.stdout) == []
    for done in (plain, as_json, as_jsonl):
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("tip: no ")


# -- messages read right ---------------------------------------------------------------


def test_plurals(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "notes.txt").write_text("Nothing about anything here.\n", "utf-8")
    one = tip("--corpus", str(tmp_path), "reports", cache=cache)
    assert one.returncode == 2 and "(1 file skipped)" in one.stderr
    (tmp_path / "more.txt").write_text("Nor here.\n", "utf-8")
    two = tip("--corpus", str(tmp_path), "reports", cache=cache)
    assert two.returncode == 2 and "(2 files skipped)" in two.stderr
    fresh = tmp_path / "fresh-cache"
    tip("index", cache=fresh)
    cleared = tip("index", "--clear", cache=fresh)
    assert cleared.returncode == 0 and cleared.stderr == "tip: removed 1 index file\n"


def _examples(help_text: str) -> list[str]:
    return [line.strip() for line in help_text.splitlines() if line.strip().startswith("tip ")]


COMMANDS = ["reports", "section", "show", "export", "stats", "search", "index"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_examples_do_not_wrap_mid_command(cache: Path, command: str) -> None:
    done = tip(command, "--help", cache=cache, COLUMNS="80")
    examples = _examples(done.stdout)
    assert done.returncode == 0 and examples, done.stdout
    for example in examples:
        assert example.count("'") % 2 == 0, example  # a quoted jq program is whole
        assert not example.endswith(("--", "|", "\\")), example
    import typer.main

    from tipcli.cli import app

    docstring = typer.main.get_command(app).commands[command].help or ""  # type: ignore[attr-defined]
    assert examples == _examples(docstring)


def test_the_tier_help_names_every_tier(cache: Path) -> None:
    done = tip("reports", "--help", cache=cache)
    assert "1, 2, 2wl, 3 or special" in " ".join(done.stdout.split())
