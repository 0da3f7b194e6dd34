"""The installed `tip` in subprocesses against bad input, pipes, environments and faults.

Each case asserts the exit code, a one-line stderr message naming the file and the problem
where something fails, no traceback, and that the user's files are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SEED

TIP = shutil.which("tip", path=str(Path(sys.executable).parent))


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TIP_CORPUS", "NO_COLOR", "TERM")}
    env.update(XDG_CACHE_HOME=str(cache), **extra)
    return env


def tip(
    *args: str, cache: Path, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    assert TIP, "the tip console script is not installed next to this Python"
    done = subprocess.run(
        [TIP, *args], capture_output=True, text=True, env=_env(cache, **env), timeout=timeout,
        check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and os.access(p, os.R_OK)
    }


def _one_error_line(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tip: error: "), done.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.fixture
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


def _file_case(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.txt", b"", "is empty"),
        ("binary.txt", bytes(range(256)) * 10, "binary"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("notes.txt", b"Shopping list: eggs, milk, bread.\n", "not a TIP narrative"),
    ],
)
def test_bad_single_files_exit_2_naming_the_file(
    tmp_path: Path, cache: Path, name: str, content: bytes, needle: str
) -> None:
    path = _file_case(tmp_path, name, content)
    before = _hashes(tmp_path)
    _one_error_line(tip("--corpus", str(path), "reports", cache=cache), str(path), needle)
    assert _hashes(tmp_path) == before


def test_missing_path_and_folder_without_narratives(tmp_path: Path, cache: Path) -> None:
    _one_error_line(tip("--corpus", str(tmp_path / "nope"), "reports", cache=cache), "nope")
    (tmp_path / "empty-folder").mkdir()
    _one_error_line(
        tip("--corpus", str(tmp_path / "empty-folder"), "reports", cache=cache), "no TIP narratives"
    )


def test_readable_encodings_and_html_load(tmp_path: Path, cache: Path) -> None:
    text = SEED.read_text("utf-8").replace("People's", "People\u2019s")
    (tmp_path / "china-2007-cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "china-2008-latin1.txt").write_bytes(
        text.replace("2007", "2008").replace("\u2019", "'").encode("latin-1")
    )
    (tmp_path / "china-2009-utf16.txt").write_bytes(text.replace("2007", "2009").encode("utf-16"))
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.replace("2007", "2010").splitlines())
    (tmp_path / "china-2010.html").write_text(f"<html><body>{paragraphs}</body></html>", "utf-8")
    before = _hashes(tmp_path)
    done = tip("--corpus", str(tmp_path), "reports", "--json", cache=cache)
    assert done.returncode == 0, done.stderr
    ids = [r["id"] for r in json.loads(done.stdout)]
    assert ids == ["china-2007", "china-2008", "china-2009", "china-2010"]
    assert all(r["paragraphs"] == 9 for r in json.loads(done.stdout))
    assert _hashes(tmp_path) == before


def test_huge_file_and_megabyte_line(tmp_path: Path, cache: Path) -> None:
    big = tmp_path / "dump.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 2**20)  # 50 MB
    good = tmp_path / "china-2007.txt"
    good.write_bytes(SEED.read_bytes())
    line = (
        "Police arrested 12 suspects and rescued 3,400 victims in 2019 in the province " * 13_000
    )[: 2**20]
    (tmp_path / "long-line-2019.txt").write_text(f"LONGLAND (Tier 2)\n\n{line}\n", "utf-8")
    start = time.monotonic()
    done = tip("--corpus", str(tmp_path), "reports", cache=cache, timeout=300)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - start < 240
    assert "dump.txt" in done.stderr and "too large" in done.stderr
    assert done.stderr.count("\n") == 1
    assert {line.split("\t")[0] for line in done.stdout.splitlines()} == {
        "china-2007",
        "longland-2019",
    }
    _one_error_line(tip("--corpus", str(big), "reports", cache=cache), "dump.txt", "too large")


def test_symlink_loop_unreadable_and_junk_beside_good_files(tmp_path: Path, cache: Path) -> None:
    shutil.copy(SEED, tmp_path / "china-2007.txt")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "folder.txt").mkdir()  # a folder named like a narrative cannot be read
    (tmp_path / "junk.txt").write_bytes(b"\x00" * 64)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading a FIFO would block: tip must not
    locked = tmp_path / "locked.txt"
    locked.write_bytes(SEED.read_bytes())
    locked.chmod(0)
    before = _hashes(tmp_path)
    done = tip("--corpus", str(tmp_path), "reports", cache=cache)
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.strip().splitlines()
    assert all(w.startswith("tip: warning: skipped ") for w in warnings)
    named = " ".join(warnings)
    for name in ("junk.txt", "broken.txt", "pipe.txt"):
        assert name in named
    if os.geteuid() != 0:  # root reads files whatever their mode
        assert "locked.txt" in named and "permission denied" in named
    locked.chmod(0o600)
    assert _hashes(tmp_path) == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("search", ""), "no words"),
        (("search", "shelters", "--limit", "-5"), "--limit"),
        (("search", "shelters", "--limit", "0"), "--limit"),
        (("section", "nonsense"), "unknown section"),
        (("reports", "--report", "atlantis-1999"), "unknown report"),
        (("search", "x" * 10_000), "characters long"),
        (("search", ".*["), "no words"),
        (("show", "china-2007:p99"), "p1 to p9"),
    ],
)
def test_bad_usage(cache: Path, args: tuple[str, ...], needle: str) -> None:
    _one_error_line(tip(*args, cache=cache), needle)


def test_click_usage_errors_are_one_line_too(cache: Path) -> None:
    _one_error_line(tip("search", cache=cache), "Missing argument", "tip search --help")
    _one_error_line(tip("search", "x", "--limit", "abc", cache=cache), "--limit")
    _one_error_line(tip("frobnicate", cache=cache), "frobnicate")


@pytest.mark.parametrize(
    ("query", "found"),
    [("Guangxī", True), ("劳动", False), ("Côte d’Ivoire", False), ("ÆØÅ", False)],
)
def test_non_ascii_queries(cache: Path, query: str, found: bool) -> None:
    done = tip("search", query, cache=cache)
    if found:
        assert done.returncode == 0 and done.stdout.startswith("china-2007:p6\t")
    else:
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr == f"tip: no paragraph matches '{query}'\n"
    assert "\x1b" not in done.stdout


def test_pipe_into_head_over_a_large_corpus(tmp_path: Path, cache: Path) -> None:
    for i in range(40):
        (tmp_path / f"china-{1990 + i}.txt").write_bytes(
            SEED.read_bytes().replace(b"2007", str(1990 + i).encode())
        )
    assert TIP
    for command in (["export"], ["stats"], ["search", "victims", "--limit", "500", "--jsonl"]):
        done = subprocess.run(
            f"'{TIP}' --corpus '{tmp_path}' {' '.join(command)} | head -1",
            shell=True, capture_output=True, text=True, env=_env(cache), check=False, timeout=120,
        )  # fmt: skip
        assert done.stdout.count("\n") == 1 and done.stderr == "", done.stderr


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {}])
def test_no_escape_codes_without_a_terminal(cache: Path, env: dict[str, str]) -> None:
    for args in (("section", "protection"), ("stats",), ("search", "shelters")):
        done = tip(*args, cache=cache, **env)
        assert done.returncode == 0 and "\x1b[" not in done.stdout


# Runs tip as if the user had no home folder at all: no $HOME and no passwd entry. (Only
# unsetting HOME would make tip find the real home through passwd, and write its cache.)
NO_HOME_AT_ALL = """
import pwd, sys
def no_entry(uid): raise KeyError(uid)
pwd.getpwuid = no_entry
from tipcli.cli import main
main()
"""


def test_no_home_folder_means_working_in_memory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME", "TIP_CORPUS")}
    done = subprocess.run(
        [sys.executable, "-c", NO_HOME_AT_ALL, "index", "--json"], capture_output=True,
        text=True, env=env, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert json.loads(done.stdout)[0]["path"] == ":memory:"


def test_home_without_xdg_cache_home_uses_home_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "TIP_CORPUS")}
    assert TIP
    done = subprocess.run(
        [TIP, "index", "--json"], capture_output=True, text=True, env={**env, "HOME": str(home)},
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert Path(json.loads(done.stdout)[0]["path"]).parent == home / ".cache" / "tip"


def test_unwritable_cache_means_working_in_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("x")
    done = tip("search", "shelters", cache=blocked)
    assert done.returncode == 0 and done.stderr == "" and "china-2007:p6" in done.stdout
    assert blocked.read_text() == "x"
    assert json.loads(tip("index", "--json", cache=blocked).stdout)[0]["path"] == ":memory:"


def test_corrupt_and_future_index(tmp_path: Path, cache: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "china-2007.txt")
    first = tip("--corpus", str(corpus), "search", "MPS", "--json", cache=cache)
    (index,) = (cache / "tip").glob("index-*.sqlite3")
    index.write_bytes(b"garbage" * 1000)
    assert (
        tip("--corpus", str(corpus), "search", "MPS", "--json", cache=cache).stdout == first.stdout
    )
    with sqlite3.connect(index) as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'schema'")
    assert (
        tip("--corpus", str(corpus), "search", "MPS", "--json", cache=cache).stdout == first.stdout
    )


def test_narrative_edited_between_runs(tmp_path: Path, cache: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = corpus / "china-2007.txt"
    shutil.copy(SEED, path)
    assert "Guangxi" in tip("--corpus", str(corpus), "search", "Guangxi", cache=cache).stdout
    path.write_text(SEED.read_text("utf-8").replace("Guangxi", "Hainan"), "utf-8")
    assert tip("--corpus", str(corpus), "search", "Guangxi", cache=cache).returncode == 1
    assert tip("--corpus", str(corpus), "search", "Hainan", cache=cache).returncode == 0


def test_ctrl_c_during_indexing(tmp_path: Path, cache: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = SEED.read_bytes()
    for i in range(1500):
        (corpus / f"china-{i:04d}.txt").write_bytes(seed.replace(b"China", f"Land{i}".encode()))
    assert TIP
    process = subprocess.Popen(
        [TIP, "--corpus", str(corpus), "search", "shelters"], env=_env(cache),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # Interrupt once indexing has begun (the index file exists), not after a fixed delay:
    # on a fast machine a fixed delay can land after the run, on a slow one before it.
    deadline = time.monotonic() + 60
    while not any(cache.rglob("*.sqlite3*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert process.poll() is None, "indexing 1,500 narratives ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, (process.returncode, err)
    assert "Traceback" not in err and err.strip() == "tip: interrupted"
    done = tip(
        "--corpus", str(corpus), "search", "shelters", "--limit", "3", cache=cache, timeout=300
    )
    assert done.returncode == 0 and done.stdout
