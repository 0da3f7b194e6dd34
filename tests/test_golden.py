"""Golden outputs, jc-style: the exact output of each command, kept under tests/golden/.

For the bundled report and two of our fixture narratives, each command's plain (piped), JSON
and rich (a terminal 100 columns wide, no colour) output is compared with its file in
tests/golden/<narrative>/<case>.<format>. A change of output on purpose: regenerate them
with `python -m pytest tests/test_golden.py --update-golden` and read the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tipcli.output
from tipcli.cli import app
from tipcli.output.base import Format, Style

from .conftest import OWN_NARRATIVES, SEED

GOLDEN = Path(__file__).resolve().parent / "golden"
RICH_WIDTH = 100

# narrative file -> (a paragraph to show, a query that finds something)
NARRATIVES = {
    SEED: ("china-2007:p6", "trafficing shelters"),
    OWN_NARRATIVES / "moldova-2009.txt": ("moldova-2009:p5", "shelter assistance"),
    OWN_NARRATIVES / "thailand-2022.txt": ("thailand-2022:p9", "forced labor fishing"),
}
FORMATS = {"plain": [], "json": ["--json"], "rich": []}


def cases(paragraph: str, query: str) -> dict[str, list[str]]:
    """Case name -> the command line after `tip --corpus FILE`."""
    return {
        "reports": ["reports"],
        "sections": ["section"],
        "section-protection": ["section", "protection"],
        "show-paragraph": ["show", paragraph],
        "show-report": ["show", paragraph.split(":")[0]],
        "stats": ["stats"],
        "stats-by-measure": ["stats", "--by", "measure"],
        "search": ["search", *query.split()],
        "search-sentences": ["search", *query.split(), "--sentences", "--limit", "2"],
    }


def _params() -> list[object]:
    params: list[object] = []
    for narrative, (paragraph, query) in NARRATIVES.items():
        stem = narrative.stem
        for case, args in cases(paragraph, query).items():
            params += [pytest.param(narrative, args, f"{stem}/{case}.{fmt}", fmt,
                                    id=f"{stem}-{case}-{fmt}") for fmt in FORMATS]  # fmt: skip
        params.append(pytest.param(narrative, ["export"], f"{stem}/export.jsonl", "jsonl",
                                   id=f"{stem}-export-jsonl"))  # fmt: skip
    return params


def _as_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make emit() treat the runner's output as a 100-column terminal without colour."""

    def resolve(fmt: Format, stream: object) -> Format:
        return Format.RICH if fmt is Format.AUTO else fmt

    def stream_style(stream: object, width: int | None = None) -> Style:
        return Style(color=False, width=RICH_WIDTH)

    monkeypatch.setattr(tipcli.output, "resolve", resolve)
    monkeypatch.setattr(tipcli.output, "stream_style", stream_style)


@pytest.mark.parametrize(("narrative", "args", "golden", "fmt"), _params())
def test_golden_output(
    narrative: Path,
    args: list[str],
    golden: str,
    fmt: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    shutil.copy(narrative, tmp_path / narrative.name)
    monkeypatch.chdir(tmp_path)  # the report's source is then the bare file name
    if fmt == "rich":
        _as_terminal(monkeypatch)
    argv = ["--corpus", narrative.name, *args, *FORMATS.get(fmt, [])]
    result = CliRunner().invoke(app, argv, env={"TIP_CORPUS": None, "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / golden
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(result.stdout, "utf-8")
    assert path.exists(), f"{path} missing: run pytest tests/test_golden.py --update-golden"
    assert result.stdout == path.read_text("utf-8")


def test_every_golden_file_is_a_case() -> None:
    """No stale golden file: each one belongs to a case above (renamed cases leave none)."""
    expected = {str(p.values[2]) for p in _params()}  # type: ignore[attr-defined]
    folders = [GOLDEN / narrative.stem for narrative in NARRATIVES]  # (others' files sit beside)
    found = {str(p.relative_to(GOLDEN)) for f in folders for p in f.rglob("*") if p.is_file()}
    assert found == expected
