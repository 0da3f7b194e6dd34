"""Research workflows: citations, CSV, the SQLite export, filters people type.

Through typer's CliRunner and the installed `tip`, over the bundled seed and narratives
written here (a state.gov copy without title or date, a Refworld copy with an address, a
country with an accent).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipcli.cite import citation, tidy_cite_as
from tipcli.cli import app
from tipcli.errors import UsageError
from tipcli.index.filters import Filters, parse_year_span, parse_years
from tipcli.names import fold, match_name
from tipcli.session import Session

runner = CliRunner()

SEED_APA = (
    "United States Department of State. (2007, June 12). "
    "U.S. Department of State 2007 Trafficking in Persons Report - China."
)
SEED_SENTENCE = (
    "China did not provide data for its overall conviction record; at least six traffickers "
    "were convicted and sentenced to life imprisonment in December 2006 in Anhui Province."
)

BODY = (
    "The Government of {country} does not fully comply with the minimum standards for the "
    "elimination of trafficking; however, it is making significant efforts to do so.\n\n"
    "The government investigated 12 trafficking cases and convicted four traffickers during "
    "the reporting period. Police identified 30 victims of forced labor on fishing boats.\n\n"
    "The government ran two shelters for child victims and repatriated 15 victims.\n"
)


def write_corpus(folder: Path) -> Path:
    """Three narratives: state.gov (no title, no date), Refworld with a link, an accent."""
    folder.mkdir()
    (folder / "ghana-2012.txt").write_text(
        "GHANA (Tier 2)\n\n" + BODY.format(country="Ghana"), encoding="utf-8"
    )
    (folder / "ghana-2015.txt").write_text(
        "GHANA (Tier 2 Watch List)\n\n" + BODY.format(country="Ghana"), encoding="utf-8"
    )
    refworld = (
        "U.S. Department of State 2009 Trafficking in Persons Report - Peru\n\n"
        "Publisher United States Department of State\n"
        "Publication Date 16 June 2009\n"
        "Cite as United States Department of State, U.S. Department of State 2009 Trafficking "
        "in Persons Report - Peru, 16 June 2009, available at: "
        "https://www.refworld.org/docid/4a4214a33c.html [accessed 3 May 2020]\n\n"
        "Peru (Tier 2)\n\n"
    )
    (folder / "peru-2009.txt").write_text(refworld + BODY.format(country="Peru"), "utf-8")
    (folder / "cote-2010.txt").write_text(
        "CÔTE D'IVOIRE (Tier 2 Watch List)\n\n" + BODY.format(country="Côte d'Ivoire"), "utf-8"
    )
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "narratives")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"TIP_CORPUS": None})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def tip_installed(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    found = shutil.which("tip", path=str(Path(sys.executable).parent))
    assert found, "the tip console script is not installed next to this Python"
    env = {k: v for k, v in os.environ.items() if k != "TIP_CORPUS"} | {"NO_COLOR": "1"}
    return subprocess.run(
        [found, *args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- citations ------------------------------------------------------------------------


def test_cite_a_fact_in_every_style() -> None:
    expected = {
        "apa": f'"{SEED_SENTENCE}" (United States Department of State, 2007, para. 4)\n'
        f"{SEED_APA}\n",
        "chicago": f'"{SEED_SENTENCE}" (United States Department of State 2007, para. 4)\n'
        "United States Department of State. "
        '"U.S. Department of State 2007 Trafficking in Persons Report - China." '
        "June 12, 2007.\n",
        "mla": f'"{SEED_SENTENCE}" (United States Department of State, par. 4)\n'
        '"U.S. Department of State 2007 Trafficking in Persons Report - China." '
        "United States Department of State, 12 June 2007.\n",
        "bibtex": f'% "{SEED_SENTENCE}"\n'
        "@misc{china-2007,\n"
        "  author = {{United States Department of State}},\n"
        "  title = {U.S. Department of State 2007 Trafficking in Persons Report - China},\n"
        "  year = {2007},\n"
        "  month = {jun},\n"
        "  note = {para. 4}\n"
        "}\n",
    }
    for style, text in expected.items():
        code, out, err = run("cite", "china-2007:p4:f8", "--style", style)
        assert (code, out, err) == (0, text, "")


def test_cite_a_report_and_a_paragraph() -> None:
    assert run("cite", "china-2007") == (0, SEED_APA + "\n", "")
    code, out, _ = run("cite", "china-2007:p6", "--style", "APA")
    quote, reference = out.splitlines()
    assert code == 0 and reference == SEED_APA
    assert quote.startswith('"China made modest progress') and quote.endswith(
        'legal advice and assistance." (United States Department of State, 2007, para. 6)'
    )


def test_cite_unknown_ids_and_styles_are_usage_errors() -> None:
    code, _, err = run("cite", "china-2007:p4:f99")
    assert code == 2 and "unknown fact 'china-2007:p4:f99' (it has f1 to f8)" in err
    code, _, err = run("cite", "china-2007", "--style", "harvard")
    assert code == 2 and "unknown style 'harvard'" in err and err.count("\n") == 1
    assert run("cite", "nowhere-2001")[0] == 2


def test_citation_falls_back_to_the_state_department_title(corpus: Path) -> None:
    code, out, _ = run("--corpus", str(corpus), "cite", "ghana-2012")
    assert (code, out) == (0, "U.S. Department of State. (2012). "
                              "2012 Trafficking in Persons Report: Ghana.\n")  # fmt: skip
    code, out, _ = run("--corpus", str(corpus), "cite", "ghana-2012", "--style", "mla")
    assert out == '"2012 Trafficking in Persons Report: Ghana." U.S. Department of State, 2012.\n'
    code, out, _ = run("--corpus", str(corpus), "cite", "ghana-2012", "--style", "chicago")
    assert out == 'U.S. Department of State. "2012 Trafficking in Persons Report: Ghana." 2012.\n'


def test_citation_carries_the_address_the_text_gives(corpus: Path) -> None:
    cited = run("--corpus", str(corpus), "cite", "peru-2009")[1]
    assert cited == (
        "United States Department of State. (2009, June 16). U.S. Department of State 2009 "
        "Trafficking in Persons Report - Peru. https://www.refworld.org/docid/4a4214a33c.html\n"
    )
    out = run("--corpus", str(corpus), "reports", "--country", "peru", "--json")[1]
    (report,) = json.loads(out)
    assert report["url"] == "https://www.refworld.org/docid/4a4214a33c.html"
    assert report["cite"] + "\n" == cited


def test_refworld_cite_as_without_an_address_is_not_passed_on() -> None:
    raw = (
        "United States Department of State, U.S. Department of State 2007 Trafficking in "
        "Persons Report - China, 12 June 2007, available at: [accessed 25 May 2016]"
    )
    assert tidy_cite_as(raw) == raw.split(", available at")[0]
    linked = raw.replace("at: [", "at: https://www.refworld.org/docid/46682.html [")
    assert tidy_cite_as(linked) == linked
    (report,) = json.loads(run("reports", "--json")[1])
    assert "available at" not in report["cite_as"] and report["url"] is None
    assert "accessed" not in report["cite"]


def test_records_carry_country_year_tier_and_cite() -> None:
    for command in (["stats"], ["search", "shelters"], ["section", "protection"]):
        code, out, _ = run(*command, "--json")
        records = json.loads(out)
        assert code == 0 and records
        for record in records:
            assert (record["country"], record["year"], record["tier"]) == (
                "China", 2007, "Tier 2 Watch List",
            )  # fmt: skip
            assert record["cite"] == SEED_APA and record["url"] is None


def test_citation_without_a_year() -> None:
    session = Session(use_cache=False)
    (report,) = session.reports()
    from dataclasses import replace

    bare = replace(report, year=None, title=None, publisher=None, published=None, cite_as=None)
    assert (
        citation(bare, "apa")
        == "U.S. Department of State. (n.d.). Trafficking in Persons Report: China."
    )


# -- CSV ------------------------------------------------------------------------------


def test_csv_of_facts_parses_with_a_header_and_typed_cells() -> None:
    code, out, _ = run("stats", "--csv")
    table = rows(out)
    assert code == 0 and len(table) == len(json.loads(run("stats", "--json")[1]))
    first = table[0]
    assert list(first)[:6] == ["type", "id", "report", "country", "year", "tier"]
    assert {"span_start", "span_end", "cite"} <= set(first) and "span" not in first
    for row in table:
        assert row["country"] == "China" and row["year"] == "2007"
        assert row["earlier"] in ("true", "false")
        start, end = int(row["span_start"]), int(row["span_end"])
        assert row["sentence"][start:end] == row["text"]
        if row["kind"] != "range":
            float(row["value"])  # a number, never "at least 6"


def test_csv_of_every_listing(corpus: Path) -> None:
    for command, key in [
        (["reports"], "id"),
        (["section"], "section"),
        (["section", "protection"], "tags"),
        (["search", "trafficking", "--sentences"], "sentence_start"),
        (["tags"], "tag"),
        (["stats", "--by", "measure"], "ghana-2012"),
    ]:
        code, out, err = run("--corpus", str(corpus), *command, "--csv")
        table = rows(out)
        assert code == 0 and table and key in table[0], (command, err)
    code, out, _ = run("--corpus", str(corpus), "reports", "--csv")
    assert "sections" not in rows(out)[0] and "acronyms" not in rows(out)[0]
    assert run("export", "--csv")[0] == 2  # one CSV cannot hold three record types


def test_csv_lists_are_joined_and_matches_dropped() -> None:
    out = run("search", "shelters", "--csv")[1]
    table = rows(out)
    assert "matches" not in table[0]
    assert all("; " in row["tags"] or row["tags"] for row in table)
    assert (
        table[0]["tags"].split("; ")[0]
        in json.loads(run("search", "shelters", "--json")[1])[0]["tags"]
    )


def test_csv_through_the_installed_tip(tmp_path: Path) -> None:
    done = tip_installed("stats", "--measure", "convictions", "--csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (row,) = rows(done.stdout)
    assert (row["id"], row["value"], row["qualifier"], row["unit"]) == (
        "china-2007:p4:f8", "6", "at least", "traffickers",
    )  # fmt: skip


def test_csv_formats_exclude_each_other() -> None:
    code, _, err = run("stats", "--csv", "--json")
    assert code == 2 and "exclude each other" in err


# -- SQLite export ----------------------------------------------------------------------


def test_sqlite_export_opens_and_queries(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "tip.db"
    target.parent.mkdir()
    code, _, err = run("--corpus", str(corpus), "export", "--sqlite", str(target))
    assert code == 0 and "wrote" in err and "4 reports" in err
    db = sqlite3.connect(target)
    ids = [r[0] for r in db.execute("SELECT id FROM reports ORDER BY id")]
    assert ids == ["cote-d-ivoire-2010", "ghana-2012", "ghana-2015", "peru-2009"]
    convicted = db.execute(
        "SELECT report, country, year, tier, value, unit FROM facts "
        "WHERE measure = 'convictions' ORDER BY report"
    ).fetchall()
    assert ("ghana-2012", "Ghana", 2012, "Tier 2", 4, "traffickers") in convicted
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    found = db.execute(
        "SELECT p.id FROM paragraphs_fts JOIN paragraphs p ON p.rowid = paragraphs_fts.rowid "
        "WHERE paragraphs_fts MATCH 'shelters' ORDER BY p.id"
    ).fetchall()
    assert [r[0] for r in found] == [f"{i}:p3" for i in ids]
    (tags,) = db.execute("SELECT tags FROM paragraphs WHERE id = 'ghana-2012:p3'").fetchone()
    assert "shelters" in json.loads(tags)
    (url,) = db.execute("SELECT url FROM reports WHERE id = 'peru-2009'").fetchone()
    assert url == "https://www.refworld.org/docid/4a4214a33c.html"
    columns = [r[1] for r in db.execute("PRAGMA table_info(panel)")]
    assert columns[:4] == ["report", "country", "year", "tier"]
    db.close()


def test_sqlite_export_refuses_to_overwrite_or_write_into_the_corpus(
    corpus: Path, tmp_path: Path
) -> None:
    target = tmp_path / "tip.db"
    target.write_text("keep me")
    code, _, err = run("--corpus", str(corpus), "export", "--sqlite", str(target))
    assert code == 2 and "already exists" in err and target.read_text() == "keep me"
    code, _, err = run("--corpus", str(corpus), "export", "--sqlite", str(target), "--force")
    assert code == 0 and sqlite3.connect(target).execute(
        "SELECT count(*) FROM reports"
    ).fetchone() == (4,)
    inside = corpus / "tip.db"
    code, _, err = run("--corpus", str(corpus), "export", "--sqlite", str(inside))
    assert code == 2 and "inside the corpus" in err and not inside.exists()
    assert not list(tmp_path.glob(".*.partial"))


def test_sqlite_export_through_the_installed_tip(corpus: Path, tmp_path: Path) -> None:
    done = tip_installed(
        "--corpus", str(corpus), "export", "--sqlite", "x.db", "--year", "2012-", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    db = sqlite3.connect(tmp_path / "x.db")
    assert db.execute("SELECT group_concat(id) FROM reports").fetchone() == (
        "ghana-2012,ghana-2015",
    )


# -- filters ----------------------------------------------------------------------------


def test_year_spans_parse() -> None:
    assert parse_year_span("2010-2015") == (2010, 2015)
    assert parse_year_span("2010-") == (2010, None)
    assert parse_year_span("-2008") == (None, 2008)
    assert parse_year_span(" 2012 ") == (2012, 2012)
    assert parse_years(["2001,2003", "2010-"]) == ((2001, 2001), (2003, 2003), (2010, None))
    for bad in ("x", "2015-2010", "-", "20155", ""):
        with pytest.raises(UsageError):
            parse_year_span(bad)
    assert Filters(country="Laos", years=((2019, 2019),)).describe() == "--country Laos --year 2019"


def test_years_on_the_command_line(corpus: Path) -> None:
    def ids(*years: str) -> list[str]:
        args = [a for y in years for a in ("--year", y)]
        code, out, _ = run("--corpus", str(corpus), "reports", *args, "--json")
        return [r["id"] for r in json.loads(out)] if code == 0 else []

    assert ids("2010-2012") == ["cote-d-ivoire-2010", "ghana-2012"]
    assert ids("2012-") == ["ghana-2012", "ghana-2015"]
    assert ids("-2009") == ["peru-2009"]
    assert ids("-2009", "2015-") == ["ghana-2015", "peru-2009"]
    assert ids("2012") == ["ghana-2012"]
    code, _, err = run("--corpus", str(corpus), "reports", "--year", "twenty")
    assert code == 2 and "not a year or a span of years" in err


def test_country_ignores_accents_and_case_and_suggests(corpus: Path) -> None:
    for name in ("cote d'ivoire", "COTE D'IVOIRE", "Côte d’Ivoire", "cote divoire"):
        code, out, _ = run("--corpus", str(corpus), "reports", "--country", name, "--csv")
        assert code == 0 and [r["id"] for r in rows(out)] == ["cote-d-ivoire-2010"]
    code, out, err = run("--corpus", str(corpus), "reports", "--country", "gahna")
    assert code == 1 and out == ""
    assert err == "tip: no report matches --country gahna (did you mean: Ghana?)\n"


def test_no_report_matches_names_the_filters(corpus: Path) -> None:
    code, out, err = run("--corpus", str(corpus), "search", "victims", "--country", "Ghana",
                         "--year", "2019")  # fmt: skip
    assert code == 1 and out == ""
    assert err == ("tip: no report matches --country Ghana --year 2019 "
                   "(Ghana has reports for 2012, 2015)\n")  # fmt: skip
    code, out, err = run("--corpus", str(corpus), "stats", "--country", "Laos", "--json")
    assert code == 1 and json.loads(out) == [] and "no report matches --country Laos" in err
    code, _, err = run("--corpus", str(corpus), "export", "--year", "1990")
    assert code == 1 and "no report matches --year 1990" in err


def test_measure_and_kind_match_like_sections() -> None:
    expected = run("stats", "--measure", "victims rescued", "--json")[1]
    for name in ("Victims Rescued", "victims-rescued", "VICTIMS_RESCUED", "victims res"):
        assert run("stats", "--measure", name, "--json")[1] == expected
    code, _, err = run("stats", "--measure", "victims")
    assert code == 2 and "ambiguous" in err and "victims identified" in err
    assert (
        run("stats", "--kind", "rnage", "--json")[1] == run("stats", "--kind", "range", "--json")[1]
    )
    code, _, err = run("stats", "--kind", "zzzz")
    assert code == 2 and "unknown kind 'zzzz'" in err


def test_names_fold_accents_and_separators() -> None:
    assert (
        fold("Côte d'Ivoire") == "cote d ivoire"
        and fold("victims-identified") == "victims identified"
    )
    assert match_name("monye", ("count", "money"), "kind") == "money"
    with pytest.raises(UsageError, match="ambiguous"):
        match_name("pro", ("prosecution", "protection"), "section")


def test_tags_listing_and_tag_filter(corpus: Path) -> None:
    code, out, _ = run("--corpus", str(corpus), "tags", "--json")
    counts = {r["tag"]: r["paragraphs"] for r in json.loads(out)}
    assert code == 0 and counts["shelters"] == 4 and counts["forced labor"] == 4
    code, out, _ = run(
        "--corpus", str(corpus), "section", "protection", "--tag", "shelter", "--json"
    )
    paragraphs = json.loads(out)
    assert len(paragraphs) == 4 and all("shelters" in p["tags"] for p in paragraphs)
    code, out, _ = run("--corpus", str(corpus), "stats", "--tag", "Forced-Labour", "--json")
    facts = json.loads(out)
    assert code == 0 and facts and {f["paragraph"].rsplit(":", 1)[1] for f in facts} == {"p2"}
    code, out, _ = run("--corpus", str(corpus), "search", "victims", "--tag", "shelters", "--json")
    assert code == 0 and {h["index"] for h in json.loads(out)} == {3}
    code, _, err = run("--corpus", str(corpus), "tags", "--tag", "zebra")
    assert code == 2 and "unknown tag 'zebra'" in err


# -- charts ---------------------------------------------------------------------------

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = "TIP_UPDATE_GOLDEN"  # set to 1 to rewrite the expected charts
LAOS = [  # year, tier, the prosecution paragraph, victims identified
    (2019, "Tier 2 Watch List", "The government investigated 41 trafficking cases, prosecuted "
     "12 suspects for trafficking and convicted 7 traffickers during the reporting period.", 180),
    (2020, "Tier 3", "The government did not report investigating any trafficking cases. It "
     "prosecuted 9 suspects for trafficking and convicted 3 traffickers.", 95),
    (2021, "Tier 2", "The government prosecuted 15 suspects for trafficking during the "
     "reporting period.", 260),
]  # fmt: skip


def write_laos(folder: Path) -> Path:
    """One country's three years, with a none, a figure not reported and three tiers."""
    folder.mkdir()
    for year, tier, prosecution, victims in LAOS:
        (folder / f"laos-{year}.txt").write_text(
            f"LAOS ({tier})\n\nThe Government of Laos does not fully meet the minimum standards "
            "for the elimination of trafficking.\n\nPROSECUTION\n\n"
            f"{prosecution}\n\nPROTECTION\n\nThe government identified {victims} trafficking "
            "victims and referred them to shelters.\n",
            encoding="utf-8",
        )
    return folder


def rendered(listing_kind: str, items: list[object], chart: bool = False) -> str:
    from tipcli.output.base import Listing, Style
    from tipcli.output.terminal import RichFormatter

    out = io.StringIO()
    RichFormatter(Style(color=False, width=80)).write(
        Listing(listing_kind, items, chart=chart), out
    )
    return out.getvalue()


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get(UPDATE_GOLDEN):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs ({UPDATE_GOLDEN}=1 rewrites)"


def test_panel_chart_at_80_columns(tmp_path: Path) -> None:
    session = Session(str(write_laos(tmp_path / "laos")), use_cache=False)
    chart = rendered("panel", list(session.panel()), chart=True)
    check_golden("chart-panel-laos-80.txt", chart)
    lines = chart.splitlines()
    assert lines[0] == "Laos" and all(len(line) <= 80 for line in lines)
    years = [line.split()[0] for line in lines if line.startswith("    20")]
    assert years == ["2019", "2020", "2021"] * 4  # each figure, the years in order
    assert "0 (none reported)" in chart and "not reported" in chart and "180 victims" in chart


def test_tier_strip_for_one_country(tmp_path: Path) -> None:
    session = Session(str(write_laos(tmp_path / "laos")), use_cache=False)
    table = rendered("reports", list(session.reports()))
    strip = table[table.index("Laos: tier by year") :]
    check_golden("tier-strip-laos-80.txt", strip)
    years, tiers = strip.splitlines()[1:3]
    assert years.split() == ["2019", "2020", "2021"] and tiers.split() == ["2WL", "3", "2"]
    corpus = write_corpus(tmp_path / "mixed")
    assert "tier by year" not in rendered("reports", list(Session(str(corpus)).reports()))


def test_chart_through_the_installed_tip_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal (a pseudo-terminal here) the chart; piped, the same table as without."""
    import pty

    corpus = write_laos(tmp_path / "laos")
    found = shutil.which("tip", path=str(Path(sys.executable).parent))
    assert found
    env = {k: v for k, v in os.environ.items() if k != "TIP_CORPUS"}
    env |= {"NO_COLOR": "1", "COLUMNS": "80", "LINES": "50", "TERM": "xterm"}
    args = [found, "--corpus", str(corpus), "stats", "--by", "report", "--chart"]
    main, secondary = pty.openpty()
    with subprocess.Popen(args, stdout=secondary, stderr=subprocess.PIPE, env=env) as proc:
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait()
    os.close(main)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert proc.returncode == 0
    assert shown == (GOLDEN / "chart-panel-laos-80.txt").read_text(encoding="utf-8")
    piped = tip_installed(*args[1:], cwd=tmp_path)
    plain = tip_installed(*args[1:-1], cwd=tmp_path)
    assert piped.returncode == 0 and piped.stdout == plain.stdout and "█" not in piped.stdout
    as_json = tip_installed(*args[1:], "--json", cwd=tmp_path)
    assert [r["report"] for r in json.loads(as_json.stdout)] == [
        "laos-2019",
        "laos-2020",
        "laos-2021",
    ]


def test_chart_needs_the_panel() -> None:
    code, _, err = run("stats", "--chart")
    assert code == 2 and "--chart" in err and "--by report" in err


def test_bars_are_drawn_to_an_eighth() -> None:
    from tipcli.output.charts import bar

    assert bar(10, 10, 4) == "████" and bar(5, 10, 4) == "██"
    assert bar(1, 10, 4) == "▍" and bar(0, 10, 4) == "" and bar(3, 0, 4) == ""
    assert bar(5, 10, 4, ascii_only=True) == "##"


def test_panel_csv_and_sqlite(tmp_path: Path) -> None:
    corpus = write_laos(tmp_path / "laos")
    code, out, _ = run("--corpus", str(corpus), "stats", "--by", "report", "--csv")
    table = rows(out)
    assert code == 0 and [r["report"] for r in table] == ["laos-2019", "laos-2020", "laos-2021"]
    first = table[0]
    assert (first["investigations"], first["investigations_unit"]) == ("41", "cases")
    assert table[1]["investigations"] == "0" and table[2]["investigations"] == ""
    assert first["victims_identified"] == "180" and first["country"] == "Laos"
    target = tmp_path / "laos.db"
    assert run("--corpus", str(corpus), "export", "--sqlite", str(target))[0] == 0
    db = sqlite3.connect(target)
    panel = db.execute(
        "SELECT report, tier, investigations, convictions, victims_identified FROM panel "
        "ORDER BY year"
    ).fetchall()
    assert panel == [
        ("laos-2019", "Tier 2 Watch List", 41, 7, 180),
        ("laos-2020", "Tier 3", 0, 3, 95),
        ("laos-2021", "Tier 2", None, None, 260),
    ]
    (facts,) = db.execute(
        "SELECT convictions_facts FROM panel WHERE report = 'laos-2019'"
    ).fetchone()
    for fact in json.loads(facts):
        assert db.execute("SELECT measure FROM facts WHERE id = ?", (fact,)).fetchone() == (
            "convictions",
        )
