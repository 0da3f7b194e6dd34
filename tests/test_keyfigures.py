"""Key figures: the dev fixtures' gold (24 cells), the repository's key-figure narratives,
each coding rule on its own, the stored panel and `tip stats --by report`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tipcli.cli import app
from tipcli.facts.extract import extract_report
from tipcli.facts.keyfigures import key_figures, none_measures
from tipcli.load.narrative import read_narrative
from tipcli.model import KEY_FIGURES, KeyFigure, Paragraph, Report
from tipcli.session import Session

from .conftest import CORPUS, ROOT

OWN = ROOT / "tests" / "fixtures"
OWN_GOLD = sorted((OWN / "keyfigures").glob("*.gold.json")) + sorted(
    (OWN / "narratives").glob("*.gold.json")
)
DEV_GOLD = sorted(CORPUS.glob("*.gold.json"))


def _cells(gold_path: Path) -> list[tuple[str, KeyFigure | None, dict[str, Any]]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["key_figures"]
    report = read_narrative(gold_path.with_name(gold_path.name.removesuffix(".gold.json")))
    found = key_figures(report, extract_report(report))
    return [(name, found[name], gold[name.replace(" ", "_")]) for name in KEY_FIGURES]


def _right(figure: KeyFigure | None, want: dict[str, Any]) -> bool:
    """A value in `accept`; nothing where the gold value is null or null is accepted."""
    if figure is None:
        return want["value"] is None or bool(want.get("accept_null"))
    return figure.value in want["accept"]


def _wrong(paths: list[Path]) -> tuple[int, list[str]]:
    cells = [(p, *cell) for p in paths for cell in _cells(p)]
    wrong = [
        f"{p.name.split('.')[0]} {name}: {None if f is None else f.value} not in "
        f"{want['accept']} ({want['value']})"
        for p, name, f, want in cells
        if not _right(f, want)
    ]
    print(f"key figures: {len(cells) - len(wrong)}/{len(cells)} cells right")
    return len(cells), wrong


@pytest.mark.skipif(not DEV_GOLD, reason=f"the dev fixtures are not beside the repo ({CORPUS})")
def test_dev_fixtures_key_figures_all_right() -> None:
    total, wrong = _wrong(DEV_GOLD)
    assert total == 24 and not wrong, wrong


def test_own_key_figure_narratives_all_right() -> None:
    assert len(OWN_GOLD) >= 10
    _, wrong = _wrong(OWN_GOLD)
    assert not wrong, wrong


def _report(*paragraphs: tuple[str, str]) -> Report:
    paras = tuple(
        Paragraph(f"t-2020:p{i}", "t-2020", i, section, text)
        for i, (section, text) in enumerate(paragraphs, start=1)
    )
    return Report("t-2020", "T", 2020, "Tier 2", None, None, None, None, "t.txt", "F4", paras)


def _figures(*paragraphs: tuple[str, str]) -> dict[str, KeyFigure | None]:
    report = _report(*paragraphs)
    return key_figures(report, extract_report(report))


def _values(*paragraphs: tuple[str, str]) -> dict[str, float | None]:
    return {k: None if f is None else f.value for k, f in _figures(*paragraphs).items()}


def test_total_over_its_breakdown() -> None:
    figures = _figures(
        ("protection", "Authorities identified 253 victims (212 children and 41 adults)."),
        ("prosecution", "It prosecuted 15 defendants, including nine for sex trafficking."),
    )
    victims = figures["victims identified"]
    assert victims is not None and (victims.value, victims.derived) == (253, False)
    assert victims.facts == ("t-2020:p1:f1",) and "253 victims" in victims.sentence
    assert figures["prosecutions"] is not None and figures["prosecutions"].value == 15


def test_parts_only_are_summed_and_marked_derived() -> None:
    figures = _figures(
        ("prosecution", "The government prosecuted 14 defendants for sex trafficking and nine "
         "for labor trafficking. Federal courts convicted 16 traffickers and state courts "
         "convicted 70."),
    )  # fmt: skip
    prosecutions, convictions = figures["prosecutions"], figures["convictions"]
    assert prosecutions is not None and (prosecutions.value, prosecutions.derived) == (23, True)
    assert len(prosecutions.facts) == 2
    assert convictions is not None and (convictions.value, convictions.derived) == (86, True)


def test_an_additional_figure_is_added() -> None:
    values = _values(
        ("protection", "Police identified 1,110 victims (652 females and 458 males), and the "
         "labor ministry identified an additional 145 migrant workers in forced labor."),
    )  # fmt: skip
    assert values["victims identified"] == 1255


@pytest.mark.parametrize(
    "sentence",
    [
        "Courts convicted 31 traffickers, compared with 12 in 2021.",
        "Courts convicted 31 traffickers, an increase from 12 the previous year.",
        "Courts convicted 31 traffickers (2021: 45).",
        "Compared with 45 convictions in 2021, courts convicted 31 traffickers.",
    ],
)
def test_a_comparison_is_never_the_answer(sentence: str) -> None:
    assert _values(("prosecution", sentence))["convictions"] == 31


def test_related_crimes_never_win_even_when_larger() -> None:
    values = _values(
        ("prosecution", "Police investigated nine trafficking cases and 118 pimping cases. "
         "Courts convicted five traffickers and issued 43 related convictions. Courts also "
         "convicted 17 people for migrant smuggling."),
    )  # fmt: skip
    assert (values["investigations"], values["convictions"]) == (9, 5)


def test_explicit_none_differs_from_not_reported() -> None:
    values = _values(
        ("prosecution", "The government did not report any investigations or prosecutions, and "
         "it did not convict any traffickers."),
        ("protection", "The government did not report law enforcement data on victims."),
    )  # fmt: skip
    assert values == {
        "investigations": 0,
        "prosecutions": 0,
        "convictions": 0,
        "victims identified": None,
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Authorities did not report any investigations, prosecutions, or convictions.",
         {"investigations", "prosecutions", "convictions"}),
        ("It did not report prosecuting or convicting anyone for trafficking.",
         {"prosecutions", "convictions"}),
        ("Authorities identified no victims and initiated no trafficking prosecutions.",
         {"victims identified", "prosecutions"}),
        ("No traffickers were convicted during the year.", {"convictions"}),
        ("It did not report any investigations of officials for complicity.", set()),
        ("It did not report any data on prosecutions.", set()),
        ("It did not report investigating or prosecuting any labor traffickers.", set()),
        ("There were no procedures for identifying victims.", set()),
        ("It did not report whether it referred any identified victims to care.", set()),
    ],
)  # fmt: skip
def test_what_a_none_is_about(sentence: str, expected: set[str]) -> None:
    assert none_measures(sentence) == expected


def test_identified_differs_from_assisted_referred_and_rescued() -> None:
    values = _values(
        ("protection", "Police rescued 300 people in raids and NGOs assisted 120 victims. "
         "Shelters housed 80 women."),
    )  # fmt: skip
    assert values["victims identified"] is None
    values = _values(("protection", "Officials identified and assisted 44 victims."))
    assert values["victims identified"] == 44


def test_acquittals_pending_cases_and_officials_are_not_totals() -> None:
    values = _values(
        ("prosecution", "Authorities arrested eight police officers for complicity. Courts "
         "acquitted 19 defendants, and appeals against a further 57 convictions remained "
         "pending. Courts convicted 12 traffickers."),
    )  # fmt: skip
    assert values["convictions"] == 12 and values["investigations"] is None


def test_numbers_as_words_and_cases_versus_defendants() -> None:
    figures = _figures(
        ("prosecution", "Prosecutors initiated twenty-three prosecutions involving 40 "
         "defendants, and courts convicted nine traffickers."),
    )  # fmt: skip
    prosecutions = figures["prosecutions"]
    assert prosecutions is not None and (prosecutions.value, prosecutions.unit) == (
        23,
        "prosecutions",
    )
    assert figures["convictions"] is not None and figures["convictions"].value == 9


def test_panel_comes_from_the_index_sorted_by_country_and_year(tmp_path: Path) -> None:
    folder = tmp_path / "narratives"
    folder.mkdir()
    for path in sorted((OWN / "keyfigures").glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    session = Session(str(folder), use_cache=True)
    rows = session.panel()
    keys = [(r.report.country, r.report.year or 0) for r in rows]
    assert keys == sorted(keys, key=lambda k: (k[0].casefold(), k[1]))
    assert all(list(r.figures) == list(KEY_FIGURES) for r in rows)
    again = Session(str(folder), use_cache=True).panel()  # read back from the cache
    assert [r.figures for r in again] == [r.figures for r in rows]
    by_measure = {row["measure"]: row["reports"] for row in session.by_measure()}
    for row in rows:
        for name, figure in row.figures.items():
            assert by_measure.get(name, {}).get(row.report.id) == (
                None if figure is None else figure.value
            ), "--by measure and --by report disagree"


runner = CliRunner()


def test_stats_by_report_text_and_json() -> None:
    corpus = str(OWN / "keyfigures")
    result = runner.invoke(app, ["--corpus", corpus, "stats", "--by", "report"])
    assert result.exception is None and result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["report", "country", "year", "tier", *KEY_FIGURES]
    assert len(lines) == 1 + len(list((OWN / "keyfigures").glob("*.txt")))
    result = runner.invoke(
        app, ["--corpus", corpus, "stats", "--by", "report", "--country", "Mexico", "--json"]
    )
    assert result.exception is None and result.exit_code == 0
    (record,) = json.loads(result.stdout)
    assert record["type"] == "panel" and record["schema"] == 1
    assert list(record["figures"]) == list(KEY_FIGURES)
    for figure in record["figures"].values():
        assert figure is None or set(figure) == {
            "value", "unit", "qualifier", "derived", "facts", "sentence"
        }  # fmt: skip
        assert figure is None or all(i.startswith(record["report"] + ":p") for i in figure["facts"])


def test_stats_by_report_through_the_installed_tip(tmp_path: Path) -> None:
    tip = Path(sys.executable).parent / "tip"
    env = {k: v for k, v in os.environ.items() if k != "TIP_CORPUS"}
    done = subprocess.run(
        [str(tip), "stats", "--by", "report", "--jsonl"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["report"] == "china-2007"
    convictions = record["figures"]["convictions"]
    assert (convictions["value"], convictions["qualifier"]) == (6, "at least")
    assert record["figures"]["victims identified"] is None  # rescued is not identified
    done = subprocess.run(
        [str(tip), "stats", "--by", "nothing"], capture_output=True, text=True, env=env,
        check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 2022, the government initiated investigations into 34 cases of trafficking.",
         {"investigations": 34}),
        ("The government secured convictions of eight traffickers.", {"convictions": 8}),
        ("The government reported investigating 45 cases and courts convicted 17 traffickers.",
         {"investigations": 45, "convictions": 17}),
        ("Of the 50 cases investigated, 20 were prosecuted and 12 resulted in convictions.",
         {"investigations": 50, "prosecutions": 20, "convictions": 12}),
        ("Judges convicted 5 traffickers and acquitted 3.", {"convictions": 5}),
        ("Police investigated 66 cases of sex trafficking, 14 cases of labor trafficking, and "
         "three cases of both.", {"investigations": 83}),
        ("The government identified 80 victims and NGOs identified an additional 30 victims.",
         {"victims identified": 110}),
        ("The government continued prosecutions of 44 defendants initiated in previous years.",
         {}),
    ],
)  # fmt: skip
def test_phrasings(sentence: str, expected: dict[str, float]) -> None:
    section = "protection" if "victims" in sentence else "prosecution"
    found = {k: v for k, v in _values((section, sentence)).items() if v is not None}
    assert found == expected


def test_a_figure_called_the_total_wins() -> None:
    values = _values(
        ("prosecution", "Police in the capital investigated 20 cases. In total, police "
         "investigated 45 cases during the year."),
    )  # fmt: skip
    assert values["investigations"] == 45


def test_a_count_over_several_years_is_not_this_period() -> None:
    values = _values(
        ("prosecution", "Courts convicted 55 traffickers. Since the enactment of the law in "
         "2003, courts have convicted a total of 1,230 traffickers."),
    )  # fmt: skip
    assert values["convictions"] == 55


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police looked into 45 potential trafficking cases.", {"investigations": 45}),
        ("Of the cases, 14 cases involving 20 suspects were sent to court.",
         {"prosecutions": 14}),
        ("In 2020, 17 cases were sent to court.", {"prosecutions": 17}),
        ("Nine cases were brought to trial.", {"prosecutions": 9}),
        ("Courts handed down guilty verdicts against 11 traffickers.", {"convictions": 11}),
        ("Judges found seven defendants guilty of trafficking.", {"convictions": 7}),
        ("The government secured 23 guilty verdicts.", {"convictions": 23}),
        ("Judges found three defendants not guilty.", {}),
        ("Prosecutors charged 12 suspects and found 5 guilty.",
         {"prosecutions": 12, "convictions": 5}),
        ("Police arrested 20 suspects who were sent to court.", {}),
    ],
)  # fmt: skip
def test_verbs_of_more_than_one_word(sentence: str, expected: dict[str, float]) -> None:
    found = {k: v for k, v in _values(("prosecution", sentence)).items() if v is not None}
    assert found == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The government reported 30 investigations, the same number as in the previous "
        "reporting period, and prosecuted 12 suspects.",
        "Police investigated 30 cases, the same as the year before, and prosecuted 12 suspects.",
    ],
)
def test_the_same_as_last_year_is_this_periods_figure(sentence: str) -> None:
    values = _values(("prosecution", sentence))
    assert (values["investigations"], values["prosecutions"]) == (30, 12)


@pytest.mark.parametrize(
    "sentence",
    [
        "The government identified 46 Guatemalan and 12 foreign trafficking victims.",
        "The government identified 12 foreign victims and 46 Kazakhstani victims.",
    ],
)
def test_parts_by_origin_are_summed(sentence: str) -> None:
    figure = _figures(("protection", sentence))["victims identified"]
    assert figure is not None
    assert (figure.value, figure.unit, figure.derived) == (58, "victims", True)


def test_the_same_action_under_another_law_is_a_related_crime() -> None:
    values = _values(
        ("prosecution", "Prosecutors charged 13 defendants under the anti-trafficking law, "
         "and a further 38 employers were prosecuted under the labor law for withholding "
         "passports."),
    )  # fmt: skip
    assert values["prosecutions"] == 13


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Office of the Director of Public Prosecutions reported prosecuting 113 "
         "trafficking cases, while the police prosecutions department reported 95 cases.", 113),
        ("The prosecutor's office reported 113 prosecutions and the police reported 95 "
         "prosecutions.", 113),
        ("Federal authorities reported 113 prosecutions and state authorities reported 95 "
         "prosecutions.", 208),
        ("Federal courts prosecuted 113 defendants and state courts prosecuted 95.", 208),
    ],
)  # fmt: skip
def test_two_bodies_are_summed_only_when_disjoint(sentence: str, expected: int) -> None:
    assert _values(("prosecution", sentence))["prosecutions"] == expected


def test_a_total_since_a_law_took_effect_is_not_this_period() -> None:
    values = _values(
        ("prosecution", "Courts convicted 21 traffickers. Since the anti-trafficking law took "
         "effect in 2010, courts have convicted 312 traffickers."),
    )  # fmt: skip
    assert values["convictions"] == 21
