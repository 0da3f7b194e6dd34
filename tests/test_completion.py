"""Shell completion: the scripts typer writes, the candidates our callbacks offer (called
directly and through the environment-variable protocol the scripts use), and report ids read
from the cached index without syncing."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tipcli import cli
from tipcli.cli import app
from tipcli.index.cache import index_path, report_ids
from tipcli.model import KINDS, MEASURES, SECTIONS, TAGS

from .conftest import OWN_NARRATIVES, SEED

runner = CliRunner()


def _tip() -> str:
    found = shutil.which("tip", path=str(Path(sys.executable).parent))
    assert found, "the tip console script is not installed next to this Python"
    return found


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_TIP", "TIP_CORPUS"))}
    env.update(extra)
    return env


def _complete_bash(words: str, cword: int, **extra: str) -> subprocess.CompletedProcess[str]:
    """What the bash script typer writes asks tip for the word at COMP_CWORD of COMP_WORDS."""
    env = _env(_TIP_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword), **extra)
    return subprocess.run([_tip()], capture_output=True, text=True, env=env, check=False)


# -- the scripts ---------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_a_script(shell: str) -> None:
    result = runner.invoke(app, ["--show-completion", shell], prog_name="tip")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.output
    assert "_TIP_COMPLETE" in result.stdout and "tip" in result.stdout


def test_installed_tip_shows_the_bash_script() -> None:
    done = subprocess.run(
        [_tip(), "--show-completion", "bash"], capture_output=True, text=True, env=_env(),
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "complete -o default -F _tip_completion tip" in done.stdout
    assert "_TIP_COMPLETE=complete_bash" in done.stdout


def test_help_lists_the_completion_options() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exception is None
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


# -- the callbacks, called directly ------------------------------------------------------


def test_section_names_complete_from_a_prefix() -> None:
    assert cli.complete_sections(None, None, "pro") == ["prosecution", "protection", "profile"]
    assert cli.complete_sections(None, None, "PREV") == ["prevention"]
    assert cli.complete_sections(None, None, "") == list(SECTIONS)
    assert cli.complete_sections(None, None, "zz") == []


def test_measure_kind_tag_tier_and_style_names_complete() -> None:
    assert cli.complete_measures(None, None, "victims i") == ["victims-identified"]
    assert cli.complete_measures(None, None, "Victims_") == [
        "victims-identified", "victims-rescued", "victims-assisted",
    ]  # fmt: skip
    assert len(cli.complete_measures(None, None, "")) == len(MEASURES)
    assert cli.complete_kinds(None, None, "p") == ["percent"]
    assert len(cli.complete_kinds(None, None, "")) == len(KINDS)
    assert cli.complete_tags(None, None, "forced-") == [
        "forced-labor", "forced-marriage", "forced-begging",
    ]  # fmt: skip
    assert cli.complete_tags(None, None, "north") == ["north-korea"]
    assert len(cli.complete_tags(None, None, "")) == len(TAGS)
    assert cli.complete_tiers(None, None, "2") == ["2", "2wl"]
    assert cli.complete_styles(None, None, "c") == ["chicago"]


def _accepted(result: Result) -> bool:
    """tip took the value: something found (0) or nothing found (1), not a usage error (2)."""
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    return not crashed and result.exit_code in (0, 1)


def test_every_completed_name_is_accepted_by_its_option(tmp_path: Path) -> None:
    """Candidates are spelt so that tip takes them back unquoted, as the shell inserts them."""
    for tier in cli.complete_tiers(None, None, ""):
        result = runner.invoke(app, ["--corpus", str(SEED), "reports", "--tier", tier])
        assert _accepted(result), (tier, result.stderr)
    for measure in cli.complete_measures(None, None, ""):
        result = runner.invoke(app, ["--corpus", str(SEED), "stats", "--measure", measure])
        assert _accepted(result), (measure, result.stderr)
    for tag in cli.complete_tags(None, None, "")[:5]:
        result = runner.invoke(app, ["--corpus", str(SEED), "reports", "--tag", tag])
        assert _accepted(result), (tag, result.stderr)


# -- report ids from the index ---------------------------------------------------------------


def test_report_ids_come_from_the_cached_index_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(OWN_NARRATIVES, corpus)
    assert report_ids(corpus) == []  # no index yet: nothing, and none is built
    assert not index_path(corpus).exists()  # type: ignore[union-attr]
    result = runner.invoke(app, ["--corpus", str(corpus), "reports", "--json"])
    assert result.exception is None and result.exit_code == 0, result.stderr
    indexed = [record["id"] for record in json.loads(result.stdout)]
    assert report_ids(corpus) == indexed
    first = indexed[0]
    prefix = first[:3]
    assert report_ids(corpus, prefix) == [rid for rid in indexed if rid.startswith(prefix)]
    assert report_ids(corpus, "no-such-") == []
    assert report_ids(corpus, "%") == [] and report_ids(corpus, "_") == []  # no LIKE wildcards
    # A new file on disk is not parsed: completion reads the index as it is.
    shutil.copy(SEED, corpus / "new-file.txt")
    assert report_ids(corpus) == indexed


def test_a_broken_index_completes_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "one.txt"
    shutil.copy(SEED, corpus)
    path = index_path(corpus)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all, just bytes" * 50)
    assert report_ids(corpus) == []
    path.unlink()
    sqlite3.connect(path).execute("CREATE TABLE other(x)").connection.close()
    assert report_ids(corpus) == []  # someone else's database


def test_report_ids_complete_through_the_shell_protocol(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(OWN_NARRATIVES, corpus)
    before = _complete_bash(f"tip --corpus {corpus} show ", 4)
    assert before.returncode == 0 and before.stdout.split() == [] and before.stderr == ""
    result = runner.invoke(app, ["--corpus", str(corpus), "reports", "--json"])
    assert result.exit_code == 0, result.stderr
    ids = report_ids(corpus)
    assert len(ids) > 1
    prefix = ids[0][:2]
    wanted = [rid for rid in ids if rid.startswith(prefix)]
    for words, cword in [
        (f"tip --corpus {corpus} show {prefix}", 4),
        (f"tip --corpus {corpus} cite {prefix}", 4),
        (f"tip --corpus {corpus} reports --report {prefix}", 5),
    ]:
        done = _complete_bash(words, cword)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert done.stdout.splitlines() == wanted, words
    # $TIP_CORPUS names the corpus as it does for every command.
    done = _complete_bash(f"tip show {prefix}", 2, TIP_CORPUS=str(corpus))
    assert done.stdout.splitlines() == wanted


# -- names through the shell protocol --------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "cword", "wanted"),
    [
        ("tip section pro", 2, ["prosecution", "protection", "profile"]),
        ("tip search x --section prev", 4, ["prevention"]),
        ("tip stats --measure victims-i", 3, ["victims-identified"]),
        ("tip stats --kind mo", 3, ["money"]),
        ("tip reports --tier 2", 3, ["2", "2wl"]),
        ("tip reports --tag debt", 3, ["debt-bondage"]),
        ("tip cite x --style m", 4, ["mla"]),
    ],
)
def test_names_complete_through_the_bash_protocol(
    words: str, cword: int, wanted: list[str]
) -> None:
    done = _complete_bash(words, cword)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.splitlines() == wanted


def test_zsh_and_fish_protocols() -> None:
    env = _env(_TIP_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="tip stats --kind mo")
    done = subprocess.run([_tip()], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and '"money"' in done.stdout and "count" not in done.stdout
    env = _env(
        _TIP_COMPLETE="complete_fish",
        _TYPER_COMPLETE_ARGS="tip section pre",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
    )
    done = subprocess.run([_tip()], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and done.stdout.split() == ["prevention"]


def test_a_bad_corpus_completes_nothing_quietly() -> None:
    done = _complete_bash("tip --corpus /no/such/place show ", 4)
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, [], "")
    done = _complete_bash("tip show ", 2, TIP_CORPUS="/no/such/place")
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, [], "")
