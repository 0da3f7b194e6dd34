"""README.md cannot drift from the commands (sqlite-utils' test_docs.py, for tip).

- Every command has a `### tip NAME` section, and every option of every command (and of
  `tip` itself) is named in the README and has help text.
- The README's checked examples print what the README says. A checked example is a code
  block opened with ```console: each `$ tip ...` line is run against the bundled report and
  followed by its expected output (stdout, then stderr). In an expected line `...` stands for
  any text, a line of just `...` for any number of lines, and a trailing `(exit N)` gives the
  exit status (else 0).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from tipcli.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
GROUP = typer.main.get_command(app)
assert isinstance(GROUP, TyperGroup)
COMMANDS: dict[str, Any] = dict(GROUP.commands)


def _options(command: Any) -> list[tuple[str, str | None]]:
    """(longest option name, help) of each option a command takes."""
    found = []
    for param in command.params:
        names = [n for n in (*param.opts, *param.secondary_opts) if n.startswith("-")]
        if names:
            found.append((max(names, key=len), getattr(param, "help", None)))
    return found


def test_every_command_has_a_readme_section_and_help() -> None:
    assert {"reports", "section", "show", "export", "stats", "search", "index"} <= set(COMMANDS)
    for name, command in COMMANDS.items():
        assert re.search(rf"^### tip {name}\b", README, re.M), f"no '### tip {name}' section"
        assert command.help and command.help.strip(), name


@pytest.mark.parametrize("name", ["tip", *COMMANDS])
def test_every_option_is_in_the_readme_with_help(name: str) -> None:
    command = GROUP if name == "tip" else COMMANDS[name]
    for option, help_text in _options(command):
        assert help_text, f"{name} {option} has no help text"
        if option != "--help":
            assert re.search(rf"`[^`]*{re.escape(option)}\b", README), f"README lacks {option}"


# -- the README's checked examples -------------------------------------------------------


def checked_examples() -> list[tuple[str, list[str]]]:
    """(command line, expected lines) for each `$ tip` line of each ```console block."""
    examples = []
    for block in re.findall(r"^```console\n(.*?)^```", README, re.M | re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *expected = chunk.rstrip("\n").split("\n")
            examples.append((command, expected))
    return examples


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the lines match, `...` standing for any text (a line of it: any lines)."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(_matches(rest, actual[i:]) for i in range(len(actual) + 1))
    pattern = ".*".join(re.escape(part) for part in head.split("..."))
    return (
        bool(actual) and re.fullmatch(pattern, actual[0]) is not None and _matches(rest, actual[1:])
    )


def test_the_line_matcher() -> None:
    assert _matches(["a ...", "..."], ["a b", "c", "d"]) and not _matches(["a"], ["a", "b"])
    assert _matches(["x", "...", "z"], ["x", "z"]) and not _matches(["x..."], ["y"])


def test_the_readme_has_checked_examples() -> None:
    commands = [command.split()[1] for command, _ in checked_examples()]
    assert {"reports", "section", "show", "stats", "search", "index"} <= set(commands)


@pytest.mark.parametrize(("command", "expected"), checked_examples(), ids=lambda v: str(v)[:40])
def test_readme_example_prints_what_the_readme_says(command: str, expected: list[str]) -> None:
    args = shlex.split(command)
    assert args[0] == "tip"
    code = 0
    if expected and (status := re.search(r"\s+\(exit (\d+)\)$", expected[-1])):
        code = int(status.group(1))
        expected = [*expected[:-1], expected[-1][: status.start()]]
    result = CliRunner().invoke(app, args[1:], env={"TIP_CORPUS": None, "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit)
    actual = (result.stdout + result.stderr).splitlines()
    assert result.exit_code == code, result.stderr
    assert _matches(expected, actual), "\n".join(actual)
