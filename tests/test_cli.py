"""Every command through typer's CliRunner (text and JSON), and the installed `tip` script."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipcli.cli import app
from tipcli.records import SCHEMA_VERSION

from .conftest import SEED

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"TIP_CORPUS": None, **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_reports_text_and_json() -> None:
    code, out, _ = run("reports")
    assert code == 0 and out.startswith("china-2007\tChina\t2007\tTier 2 Watch List\t9\t")
    code, out, _ = run("reports", "--json")
    records = json.loads(out)
    assert code == 0 and records[0]["type"] == "report" and records[0]["schema"] == SCHEMA_VERSION
    assert records[0]["sections"] == {
        "overview": 3,
        "prosecution": 2,
        "protection": 3,
        "prevention": 1,
    }


def test_section_listing_and_fuzzy_name() -> None:
    code, out, _ = run("section")
    assert code == 0 and "china-2007\tprotection\t3" in out
    for name in ("protection", "protect", "Protection", "protections"):
        code, out, _ = run("section", name, "--jsonl")
        ids = [json.loads(line)["id"] for line in out.splitlines()]
        assert code == 0 and ids == ["china-2007:p6", "china-2007:p7", "china-2007:p8"]


def test_unknown_section_exits_2_with_a_suggestion() -> None:
    code, out, err = run("section", "protectoin")
    assert code == 0  # close enough to match
    code, out, err = run("section", "pro")
    assert code == 2 and "ambiguous" in err and "prosecution, protection" in err
    code, out, err = run("section", "zzz")
    assert code == 2 and out == "" and err.count("\n") == 1 and "unknown section 'zzz'" in err


def test_show_paragraph_and_report() -> None:
    code, out, _ = run("show", "china-2007:p4", "--json")
    (record,) = json.loads(out)
    assert code == 0 and record["section"] == "prosecution" and "3,371 cases" in record["text"]
    code, out, _ = run("show", "china-2007", "--jsonl")
    assert code == 0 and len(out.splitlines()) == 9
    code, _, err = run("show", "china-2007:p99")
    assert code == 2 and "p1 to p9" in err


def test_export_has_reports_paragraphs_and_facts(any_corpus: Path) -> None:
    code, out, _ = run("--corpus", str(any_corpus), "export")
    types = [json.loads(line)["type"] for line in out.splitlines()]
    n = len(list(any_corpus.iterdir()))
    assert code == 0 and types[:n] == ["report"] * n and types[n] == "paragraph"
    assert types.index("fact") > types.index("paragraph") and types[-1] == "fact"


def test_stats_json_schema_and_filters() -> None:
    code, out, _ = run("stats", "--json")
    facts = json.loads(out)
    keys = {"type", "id", "report", "paragraph", "section", "kind", "value", "low", "high", "unit",
            "qualifier", "measure", "text", "earlier", "sentence", "span", "schema",
            "country", "year", "tier", "cite", "url"}  # fmt: skip
    assert code == 0 and all(set(f) == keys for f in facts)
    assert all(f["sentence"][f["span"][0] : f["span"][1]] == f["text"] for f in facts)
    code, out, _ = run("stats", "--measure", "convictions", "--jsonl")
    assert code == 0 and [json.loads(x)["value"] for x in out.splitlines()] == [6]
    code, out, _ = run("stats", "--min", "1000", "--kind", "count", "--json")
    assert code == 0 and [f["value"] for f in json.loads(out)] == [3371]
    code, _, err = run("stats", "--measure", "arrests", "--section", "prevention")
    assert code == 1 and "no facts" in err


def test_stats_by_measure_over_several_reports(any_corpus: Path) -> None:
    code, out, _ = run("--corpus", str(any_corpus), "stats", "--by", "measure", "--json")
    rows = {r["measure"]: r["reports"] for r in json.loads(out)}
    assert code == 0 and rows["investigations"]["china-2007"] == 3371
    assert len({report for values in rows.values() for report in values}) > 1


def test_stats_by_measure_of_the_dev_set(mixed_corpus: Path) -> None:
    code, out, _ = run("--corpus", str(mixed_corpus), "stats", "--by", "measure", "--json")
    rows = {r["measure"]: r["reports"] for r in json.loads(out)}
    assert code == 0 and rows["convictions"]["nepal-2019"] == 212


def test_search_text_json_and_no_hit() -> None:
    code, out, _ = run("search", "forced", "labour", "--section", "prosecution", "--json")
    hits = json.loads(out)
    assert code == 0 and hits[0]["type"] == "hit" and hits[0]["section"] == "prosecution"
    assert all(0 <= h["score"] <= 100 and h["matches"] for h in hits)
    code, out, _ = run("search", "MPS")
    assert code == 0 and out.startswith("china-2007:p6\tprotection\t")
    code, out, err = run("search", "qqqzzz")
    assert code == 1 and out == "" and "no paragraph matches" in err


@pytest.mark.parametrize(
    "args",
    [
        ("search",),
        ("search", ""),
        ("search", "shelters", "--limit", "-5"),
        ("search", "shelters", "--limit", "0"),
        ("search", ".*["),
        ("reports", "--report", "nowhere-1999"),
        ("reports", "--tier", "7"),
        ("stats", "--by", "country"),
        ("reports", "--json", "--jsonl"),
        ("--corpus", "/no/such/path", "reports"),
    ],
)
def test_bad_usage_exits_2_with_one_line(args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("tip: error: ") and err.strip().endswith(")")


def test_bad_corpus_files_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run("--corpus", str(empty), "reports")
    assert code == 2 and err.strip().endswith(")") and str(empty) in err and err.count("\n") == 1


def test_folder_with_junk_warns_once_per_file(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "china-2007.txt")
    (tmp_path / "junk.txt").write_bytes(b"\x00\xff")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    code, out, err = run("--corpus", str(tmp_path), "reports")
    assert code == 0 and out.count("\n") == 1 and err.count("warning") == 1 and "junk.txt" in err
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}


def test_corpus_from_environment(any_corpus: Path) -> None:
    code, out, _ = run("reports", env={"TIP_CORPUS": str(any_corpus)})
    assert code == 0 and len(out.splitlines()) == len(list(any_corpus.iterdir()))


def _tip() -> str:
    found = shutil.which("tip", path=str(Path(sys.executable).parent))
    assert found, "the tip console script is not installed next to this Python"
    return found


def test_installed_script_in_a_subprocess(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TIP_CORPUS"}
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [_tip(), "search", "trafficing", "shelters", "--json"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == "china-2007:p6"
    done = subprocess.run(
        [_tip(), "section", "protection"], capture_output=True, text=True, cwd=tmp_path, env=env,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "\x1b[" not in done.stdout and "china-2007:p6" in done.stdout


def test_pipe_into_head_is_quiet(any_corpus: Path) -> None:
    done = subprocess.run(
        f"'{_tip()}' --corpus '{any_corpus}' export | head -1",
        shell=True, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stdout.count("\n") == 1 and done.stderr == ""


def test_readme_documents_every_command() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    import typer.main

    group = typer.main.get_command(app)
    names = list(getattr(group, "commands", {}))
    assert names
    for name in names:
        assert f"tip {name}" in readme, f"README does not document 'tip {name}'"


def test_rich_output_renders_every_listing_without_markup(any_corpus: Path) -> None:
    import io

    from tipcli.output import Listing
    from tipcli.output.base import Style
    from tipcli.output.terminal import RichFormatter
    from tipcli.session import Session

    session = Session(str(any_corpus), use_cache=False)
    reports = session.reports()
    facts = session.facts()
    hits, _ = session.search(None, "shelters [/foo] list[int]")
    listings = [
        Listing("reports", reports),
        Listing("sections", session.section_counts(reports), session.report_map()),
        Listing("paragraphs", session.section_paragraphs(reports, "protection")),
        Listing("facts", facts, session.report_map()),
        Listing("summary", session.by_measure(), session.report_map()),
        Listing("hits", hits, session.report_map()),
    ]
    for listing in listings:
        out = io.StringIO()
        RichFormatter(Style(color=False)).write(listing, out)
        assert out.getvalue().strip() and "\x1b[" not in out.getvalue()
    out = io.StringIO()
    from tipcli.model import Paragraph

    odd = Paragraph("x-1:p1", "x-1", 1, "overview", "Brackets [/foo] and list[int] stay.")
    RichFormatter(Style(color=True)).write(Listing("paragraphs", [odd]), out)
    assert "[/foo]" in out.getvalue() and "list[int]" in out.getvalue()


def test_progress_bar_only_after_the_delay() -> None:
    import io

    from rich.console import Console

    from tipcli.output.progress import LazyProgress

    shown = io.StringIO()
    bar = LazyProgress(delay=0, console=Console(file=shown, force_terminal=True, width=80))
    for done in range(1, 11):
        bar(done, 10)
    assert "indexing narratives" in shown.getvalue()
    quiet = io.StringIO()
    slow = LazyProgress(delay=60, console=Console(file=quiet, force_terminal=True))
    for done in range(1, 11):
        slow(done, 10)
    assert quiet.getvalue() == ""


def test_progress_bar_imports_rich_only_when_shown() -> None:
    # A warm run with stderr on a terminal builds the bar but never shows it.
    code = (
        "import sys; from tipcli.output.progress import LazyProgress; bar = LazyProgress(); "
        "bar(1, 1); print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
