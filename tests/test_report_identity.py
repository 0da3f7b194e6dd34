"""Country, year and sections where a copy lacks the usual lines: the report a third-party
extract cites, a bare country-name line, unranked prose, Special Case headings."""

from __future__ import annotations

import pytest

from tipcli.load.countries import country_in_prose
from tipcli.load.furniture import cited_report_year
from tipcli.load.narrative import parse_narratives

# A short narrative of our own; {name} is the country, with no tier line above it.
BODY = (
    "{name} is a source, transit, and destination country for men, women, and children "
    "subjected to forced labor and sex trafficking. Women from neighbouring countries are "
    "recruited with promises of work in restaurants and then exploited in brothels near the "
    "capital, and boys are forced to work on fishing boats far from shore.\n\n"
    "The Government of {name} does not fully meet the minimum standards for the elimination "
    "of trafficking but is making significant efforts to do so. A 2009 law criminalizes all "
    "forms of trafficking, and in 2011 the police opened a special unit for such cases.\n"
)


def _one(text: str, source: str = "copy-21.txt") -> tuple[str, int | None]:
    (report,) = parse_narratives(text, source=source)
    return report.country, report.year


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("[Extracted from U.S. State Dept Trafficking in Persons Report, June 2013]", 2013),
        ("Source: 2016 Trafficking in Persons Report", 2016),
        ("Excerpted from the 2019 TIP Report", 2019),
    ],
)
def test_year_from_a_line_naming_the_report(line: str, year: int) -> None:
    body = BODY.format(name="Tonga")
    assert _one(f"{line}\n\n{body}") == ("Tonga", year)
    assert _one(f"{body}\n{line}\n") == ("Tonga", year)  # as a footer, too
    assert _one(f"TONGA (Tier 2)   {line}\n\n{body}") == ("Tonga", year)


def test_the_cited_report_comes_before_the_file_name_but_after_the_title() -> None:
    body = BODY.format(name="Tonga")
    cited = "[Extracted from U.S. State Dept Trafficking in Persons Report, June 2013]"
    assert _one(f"{cited}\n\n{body}", source="tonga-2020.txt")[1] == 2013
    titled = f"2012 Trafficking in Persons Report - Tonga\n{cited}\n\n{body}"
    assert _one(titled, source="copy.txt")[1] == 2012


def test_refworld_dates_related_links_and_prose_years_are_not_the_report_year() -> None:
    body = BODY.format(name="Tonga")  # law and event years in its prose
    prose = "The 2014 Trafficking in Persons Report, taken from official data, said the same."
    text = f"Last Updated: 14 March 2021\n\n{body}\n{prose}\n\nRelated Articles\n2015 Trafficking in Persons Report"
    assert _one(text, source="copy.txt") == ("Tonga", None)
    assert _one(text, source="tonga-2010.txt") == ("Tonga", 2010)


def test_cited_report_year_ignores_long_prose() -> None:
    prose = "Officials said the data were taken from the 2015 TIP Report. " * 5
    assert cited_report_year([prose]) is None
    assert cited_report_year(["Source: U.S. Department of State, TIP Report, June 2011"]) == "2011"


@pytest.mark.parametrize("head", ["Solomon Islands", "SOLOMON ISLANDS", "solomon islands"])
def test_a_bare_country_line_names_the_country(head: str) -> None:
    body = BODY.format(name="the country")
    assert _one(f"{head}\n\n{body}")[0] == "Solomon Islands"


def test_unranked_prose_names_the_country_before_the_file_name() -> None:
    text = (
        "Solomon Islands\n\nSolomon Islands is not ranked this year because the information "
        "was incomplete. Trafficking of women and children for sexual exploitation is reported "
        "in logging camps, and the authorities took few steps against human trafficking during "
        "the reporting period, according to observers in the region.\n"
    )
    (report,) = parse_narratives(text, source="copy-21.txt")
    assert (report.country, report.tier) == ("Solomon Islands", None)
    assert report.unranked is not None and "not ranked" in report.unranked
    assert _one(text.partition("\n\n")[2])[0] == "Solomon Islands"  # the prose alone


def test_a_country_line_after_a_bare_tier_line_names_the_country_and_is_no_paragraph() -> None:
    body = BODY.format(name="the country")
    text = f"Office To Monitor and Combat Trafficking in Persons\nSpecial Case\n\nSOMALIA\n\n{body}"
    (report,) = parse_narratives(text, source="copy-3.txt")
    assert (report.country, report.tier) == ("Somalia", "Special Case")
    assert report.paragraphs[0].text.startswith("the country is a source")


def test_country_in_unranked_prose() -> None:
    assert country_in_prose("Solomon Islands is not ranked this year.") == "Solomon Islands"
    assert country_in_prose("Somalia was again not rated.") == "Somalia"
    assert country_in_prose("Somalia remains a Special Case for the ninth year.") == "Somalia"
    assert country_in_prose("The report is not ranked by anyone.") is None


SPECIAL = (
    "{line}\n\n"
    "Yemen remains a Special Case for the third year. The government did not control much of "
    "the country during the reporting period and could not report any anti-trafficking data.\n\n"
    "{first}\n\n"
    "Yemen is a source and, less often, a destination country for men, women, and children "
    "subjected to forced labor and sex trafficking. Children are recruited as soldiers.\n\n"
    "{second}\n\n"
    "The authorities made minimal efforts to combat trafficking and kept no data on victims "
    "or on investigations of trafficking offenders during the reporting period.\n\n"
    "PROSECUTION\n\n"
    "The penal code prohibits slavery and prescribes penalties of up to ten years in prison, "
    "but no prosecutions or convictions of traffickers were reported by the courts.\n\n"
    "PROTECTION\n\n"
    "The authorities did not identify any victims or provide shelters or services to them.\n\n"
    "PREVENTION\n\n"
    "The authorities made no efforts to prevent trafficking or to raise awareness of it.\n"
)


def _sections(text: str) -> list[tuple[str, str]]:
    (report,) = parse_narratives(text, source="yemen-2016.txt")
    return [(p.section, p.text.split()[0]) for p in report.paragraphs]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("SCOPE AND MAGNITUDE", "GOVERNMENT EFFORTS"),
        ("Scope and Magnitude:", "Government Efforts:"),
    ],
)
def test_special_case_headings_are_not_paragraphs(first: str, second: str) -> None:
    got = _sections(SPECIAL.format(line="SPECIAL CASE: YEMEN", first=first, second=second))
    assert got == [
        ("overview", "Yemen"),
        ("overview", "Yemen"),
        ("overview", "The"),
        ("prosecution", "The"),
        ("protection", "The"),
        ("prevention", "The"),
    ]


def test_scope_and_magnitude_starting_a_paragraph_is_text() -> None:
    text = SPECIAL.format(line="YEMEN (Special Case)", first="", second="")
    text = text.replace("\n\nYemen is a source", "\n\nScope and Magnitude: Yemen is a source")
    text = text.replace("\n\nThe authorities made minimal", "\n\nGovernment Efforts: The auth")
    got = _sections(text)
    assert got[1:3] == [("overview", "Scope"), ("overview", "Government")]


def test_scope_and_magnitude_after_the_body_sections_is_the_profile() -> None:
    text = SPECIAL.format(line="YEMEN: SPECIAL CASE", first="", second="GOVERNMENT EFFORTS")
    situation = (
        "\nSCOPE AND MAGNITUDE\n\nAs reported over the past five years, traffickers exploit "
        "migrants who transit the country on their way to neighbouring states.\n"
    )
    got = _sections(text + situation)
    assert got[-1] == ("profile", "As")
    assert ("prevention", "The") in got
