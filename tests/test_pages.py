"""Narratives as people save them: page furniture, pages of many countries, the whole annual
report as text and as a PDF; de-hyphenation and page repair."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tipcli.errors import NarrativeError
from tipcli.facts.extract import extract_report
from tipcli.load import paged
from tipcli.load.countries import canonical_country, country_in_prose
from tipcli.load.furniture import is_furniture
from tipcli.load.narrative import parse_narratives, read_narratives
from tipcli.load.openings import tier_in_prose
from tipcli.model import Report

from .conftest import ROOT
from .pdfwriter import pdf_bytes, write_pdf

NARRATIVES = Path(__file__).parent / "fixtures" / "narratives"
SHARED = ROOT.parent / "shared" / "corpus"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"{SHARED} is absent (a fresh clone has nothing beside it)"
)


def _own(name: str) -> tuple[str, str, Report]:
    """A tests-owned narrative: its country line, its body, and its report read bare."""
    text = (NARRATIVES / name).read_text("utf-8")
    line, _, body = text.partition("\n")
    (report,) = parse_narratives(text, source=name)
    return line, body.strip("\n"), report


def _content(report: Report) -> list[tuple[str, str]]:
    return [(p.section, p.text) for p in report.paragraphs]


def _facts(report: Report) -> list[tuple[object, ...]]:
    return [
        (f.paragraph.split(":")[1], f.kind, f.value, f.low, f.high, f.unit, f.measure, f.earlier)
        for f in extract_report(report)
    ]


def _assert_same_narrative(got: Report, want: Report) -> None:
    assert (got.country, got.tier) == (want.country, want.tier)
    assert _content(got) == _content(want)
    assert _facts(got) == _facts(want)


# -- every kind of page furniture, around the tests' own narratives ---------------------------
BANNER = (
    "An official website of the United States Government Here's how you know\n"
    "Official websites use .gov\nA .gov website belongs to an official government "
    "organization in the United States.\nSecure .gov websites use HTTPS\nA lock ( ) or https:// "
    "means you've safely connected to the .gov website. Share sensitive information only on "
    "official, secure websites.\n"
)


def _statedept_current(line: str, body: str, year: int) -> str:
    return (
        f"{BANNER}\n{line}\n\n{body}\n\nTAGS\nOffice to Monitor and Combat Trafficking in "
        f"Persons\nChile\nHuman Trafficking\nRelated Articles\nJune 20, {year}\n"
        f"{year} Trafficking in Persons Report\nRead More\nMarch 13, {year}\n"
        f"{year - 1} Country Reports on Human Rights Practices: Chile\nRead More\nWhite House\n"
        "USA.gov\nPrivacy Policy\nFOIA\n"
    )


def _archive(line: str, body: str, year: int) -> str:
    bare_tier = re.search(r"(Tier \d(?: Watch List)?|Special Case)", line, re.I)
    assert bare_tier
    return (
        f"Office To Monitor and Combat Trafficking in Persons\n{bare_tier.group(1).title()}\n\n"
        f"{body}\n\nBack to Top\nSign up for E-mail Updates\nThe Office of Website Management, "
        "Bureau of Public Affairs, manages this site as a portal for information.\n"
    )


def _refworld_plain(line: str, body: str, year: int) -> str:
    country = line.split("(")[0].split(":")[0].strip().title()
    title = f"U.S. Department of State {year} Trafficking in Persons Report - {country}"
    return (
        f"Last Updated: Friday, 27 May 2016, 08:49 GMT\n\n{title}\n\nPublisher United States "
        "Department of State\nAuthor Office to Monitor and Combat Trafficking in Persons\n"
        f"Publication Date 14 June {year}\nCite as United States Department of State, {title}, "
        f"14 June {year}, available at: https://www.refworld.org/docid/abc123.html "
        "[accessed 25 May 2016]\nDisclaimerThis is not a UNHCR publication.\n\n"
        f"{line}\n\n{body}\n\nSearch Refworld\n"
    )


def _refworld_pipe(line: str, body: str, year: int) -> str:
    country = line.split("(")[0].split(":")[0].strip().title()
    title = f"U.S. Department of State {year} Trafficking in Persons Report - {country}"
    return (
        f"Search Refworld{title}\nPublisher | United States Department of State |\n"
        "Author | Office to Monitor and Combat Trafficking in Persons |\n"
        f"Publication Date | 14 June {year} |\nCite as | United States Department of State, "
        f"{title}, 14 June {year}, available at: https://www.refworld.org/docid/abc123.html |\n"
        f"Topics | Trafficking in persons |\nCountries | {country} |\n"
        "Disclaimer | This is not a UNHCR publication. |\n"
        f"{line}\n{body}\n"
    )


def _ecoi(line: str, body: str, year: int) -> str:
    country = line.split("(")[0].split(":")[0].strip().title()
    return (
        f"{year} Trafficking in Persons Report: {country}\n\n{line}\n\n{body}\n\n"
        "ecoi.net description:\nAnnual report on trafficking in persons\nCountry:\n"
        f"{country}\nSource:\nUSDOS – US Department of State (Author)\nPublished:\n"
        f"14 June {year}\nOriginal link:\nhttps://www.state.gov/reports/{year}-tip/\n"
        "Document ID:\n1045870\n"
    )


def _newswire(line: str, body: str, year: int) -> str:
    country = line.split("(")[0].split(":")[0].strip().title()
    return (
        f"{year} Trafficking in Persons Report: {country}\n\nLETTER TO THE EDITOR\n\nHave a "
        "concern or an opinion about this story? Click below to share your thoughts.\n"
        "Send a Letter\n\nThe following report was published by the U.S. Department of State, "
        "Bureau of Western Hemisphere Affairs on June 28. It is reproduced in full below.\n\n"
        f"{line}\n\n{body}\n\nOriginal source can be found here.\n"
    )


def _extract(line: str, body: str, year: int) -> str:
    return f"{line}   [Extracted from U.S. State Dept Trafficking in Persons Report, June {year}]\n\n{body}\n"


def _caption(line: str, body: str, year: int) -> str:
    return (
        "VI. Country Narratives -- Countries A through G\n\nTrafficking in Persons Report\n"
        f"Office to Monitor and Combat Trafficking in Persons\nJune 4, {year}\nReport\nShare\n\n"
        "A fishing crew member, held at sea for three years without pay, looks out from the "
        "deck of the vessel where he was forced to work.\n\n"
        f"{line}\n\n{body}\n\nBack to Top\n"
    )


def _no_tier_line(line: str, body: str, year: int) -> str:
    return f"{body}\n"


WRAPPERS = [
    _statedept_current,
    _archive,
    _refworld_plain,
    _refworld_pipe,
    _ecoi,
    _newswire,
    _extract,
    _caption,
    _no_tier_line,
]


@pytest.mark.parametrize("wrap", WRAPPERS, ids=lambda w: w.__name__.strip("_"))
@pytest.mark.parametrize("name", ["chile-2018.txt", "fiji-2007.txt"])
def test_furniture_is_never_content(wrap: object, name: str) -> None:
    line, body, bare = _own(name)
    year = bare.year
    assert year is not None and callable(wrap)
    page = wrap(line, body, year)
    (report,) = parse_narratives(page, source=name)
    assert report.year == year
    _assert_same_narrative(report, bare)


def test_refworld_and_ecoi_metadata_are_kept() -> None:
    line, body, _ = _own("chile-2018.txt")
    for wrap in (_refworld_plain, _refworld_pipe):
        (report,) = parse_narratives(wrap(line, body, 2018), source="chile-2018.txt")
        assert report.publisher == "United States Department of State"
        assert report.published == "2018-06-14"
        assert report.url == "https://www.refworld.org/docid/abc123.html"
        assert report.title and report.title.endswith("Report - Chile")
    (report,) = parse_narratives(_ecoi(line, body, 2018), source="x.txt")
    assert (report.published, report.url) == (
        "2018-06-14",
        "https://www.state.gov/reports/2018-tip/",
    )


def test_a_page_title_is_never_a_country() -> None:
    _, body, _ = _own("chile-2018.txt")
    body = body.replace("Chile", "Peru")  # the prose names the country
    for title in (
        "2013 Trafficking in Persons Report",
        "Office To Monitor and Combat Trafficking in Persons",
    ):
        (report,) = parse_narratives(f"{title}\nTier 1\n\n{body}\n", source="narrative.txt")
        assert (report.country, report.tier) == ("Peru", "Tier 1")


def test_country_from_title_line_then_prose_then_file_name() -> None:
    _, body, _ = _own("fiji-2007.txt")
    titled = f"2007 Trafficking in Persons Report - Tonga\n\n{body}"
    assert parse_narratives(titled, source="x.txt")[0].country == "Tonga"
    assert parse_narratives(body, source="x-2007.txt")[0].country == "Fiji"
    anonymous = body.replace("Fiji", "the country").replace("Fijian", "local")
    assert parse_narratives(anonymous, source="samoa-2007.txt")[0].country == "Samoa"


@pytest.mark.parametrize(
    ("sentence", "tier", "reason"),
    [
        (
            "Therefore Peru remained on Tier 2 Watch List for the second year.",
            "Tier 2 Watch List",
            None,
        ),
        ("Therefore Peru was upgraded to Tier 2.", "Tier 2", None),
        ("Peru was downgraded to Tier 3.", "Tier 3", None),
        ("The Government of Peru fully meets the minimum standards.", "Tier 1", None),
        ("The Government of Peru does not fully meet the minimum standards.", None, None),
        ("Somalia remains a Special Case for the ninth year.", "Special Case", None),
        (
            "Peru is not being placed on Tier 3; it remained on Tier 2 Watch List.",
            "Tier 2 Watch List",
            None,
        ),
        ("The country was not ranked this year because of the conflict.", None, "was not ranked"),
    ],
)
def test_tier_from_prose(sentence: str, tier: str | None, reason: str | None) -> None:
    found, why = tier_in_prose(sentence)
    assert found == tier
    assert (why or "").startswith(reason or "")
    assert (why is None) == (reason is None)


def test_not_rated_keeps_its_reason() -> None:
    _, body, _ = _own("chile-2018.txt")
    body = body.replace("fully meets", "has been assessed against").replace(
        "remained on Tier 1", "stayed"
    )
    (report,) = parse_narratives(f"CHILE (not rated)\n\n{body}", source="chile-2018.txt")
    assert (report.tier, report.unranked) == (None, "not rated")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("COTE D'IVOIRE", "Côte d'Ivoire"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("Burma", "Burma"),
        ("Congo, Democratic Republic of the", "Democratic Republic of the Congo"),
        ("KOREA, NORTH", "North Korea"),
        ("Gambia", "The Gambia"),
        ("the Gambia", "The Gambia"),
        ("Taiwan", "Taiwan"),
        ("Hong Kong", "Hong Kong"),
        ("Macao", "Macau"),
        ("Russian Federation", "Russia"),
        ("Trafficking in Persons Report", None),
    ],
)
def test_gazetteer(written: str, canonical: str | None) -> None:
    assert canonical_country(written) == canonical


def test_country_in_prose() -> None:
    assert country_in_prose("The Government of the Russian Federation does not") == "Russia"
    assert country_in_prose("Tonga is principally a destination country for") == "Tonga"
    assert country_in_prose("The government of the day said nothing.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Official websites use .gov",
        "Share",
        "Back to Top",
        "Office to Monitor and Combat Trafficking in Persons",
        "VI. Country Narratives -- Countries Q through Z",
        "June 5, 2006",
        "Publisher | United States Department of State |",
        "About state.gov | Privacy Notice | FOIA | Copyright Information",
        "Document #1242903",
        "Foto di jorono da Pixabay",
        "The following Report was published by the U.S. Department of State on June 15. It is reproduced in full below.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The government did not report any investigations.",
        "PROSECUTION",
        "Share of victims: 40 percent of them were children.",
        "Report cards were issued to 12 schools.",
    ],
)
def test_content_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


# -- many narratives in one file ---------------------------------------------------------------
def test_a_page_of_many_countries_gives_one_report_each() -> None:
    _, chile, chile_bare = _own("chile-2018.txt")
    _, fiji, fiji_bare = _own("fiji-2007.txt")
    page = (
        "VI. Country Narratives -- Countries A through G\n\nTrafficking in Persons Report\n"
        "Office to Monitor and Combat Trafficking in Persons\nJune 12, 2007\nReport\nShare\n\n"
        "Hampered by graft and thin budgets, the region ranks among the leading destinations "
        "for foreign child sex offenders in the world.\n\n"
        f"CHILE (TIER 1)\n\n{chile}\n\nBack to Top\n\nFIJI (TIER 2 WATCH LIST)\n\n{fiji}\n\n"
        "Back to Top\nReleased by the Office to Monitor and Combat Trafficking in Persons\n"
        "About state.gov | Privacy Notice | FOIA | Copyright Information\n"
    )
    reports = parse_narratives(page, source="countries-a-through-g.txt")
    assert [(r.id, r.year) for r in reports] == [("chile-2007", 2007), ("fiji-2007", 2007)]
    _assert_same_narrative(reports[0], chile_bare)
    _assert_same_narrative(reports[1], fiji_bare)


def _hard_wrap(paragraph: str, width: int) -> list[str]:
    """Wrap like a typesetter: long words hyphenated at the line end, compounds broken at
    their own hyphen."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
            continue
        room = width - len(current) - 2
        if "-" in word and len(current) + 1 + word.index("-") + 1 <= width:
            head, tail = word.split("-", 1)
            lines.append(f"{current} {head}-".strip())
            current = tail
        elif word.isalpha() and len(word) >= 9 and room >= 4:
            lines.append(f"{current} {word[:room]}-".strip())
            current = word[room:]
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def _whole_report(year: int, narratives: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """A whole annual report: its pdftotext-like text (pages, running headers, page numbers,
    hard wrapping, hyphenation), and its paragraphs for a PDF."""
    front = [
        f"{year}",
        "TRAFFICKING IN PERSONS REPORT",
        "INTRODUCTION",
        f"The {year} Trafficking in Persons Report assesses the efforts of governments around "
        "the world to combat human trafficking. Special Cases are countries where conflict "
        "prevents a meaningful assessment, and each country is placed on one of four tiers.",
        "TIER PLACEMENTS",
        "TIER 1",
        *["Argentina", "Chile", "Colombia"],
        "TIER 2 WATCH LIST",
        *["Barbados", "Fiji", "Gabon"],
        "COUNTRY NARRATIVES",
    ]
    paragraphs = list(front)
    for line, body in narratives:
        paragraphs.append(line)
        paragraphs.extend(p.strip() for p in body.split("\n") if p.strip())
    lines: list[str] = []
    for paragraph in paragraphs:
        if paragraph.startswith("•"):
            lines.extend(_hard_wrap(paragraph, 50))
        else:
            lines.extend([*_hard_wrap(paragraph, 50), ""])
    pages = [lines[i : i + 38] for i in range(0, len(lines), 38)]
    text = "\n".join(pages[0])
    for number, page in enumerate(pages[1:], start=2):
        header = f"TRAFFICKING IN PERSONS REPORT | JUNE {year}" if number % 2 else "CHILE"
        text += f"\f{header}\n\n{number}\n\n" + "\n".join(page)
    return text, paragraphs


def _whole_report_narratives() -> tuple[list[tuple[str, str]], list[Report]]:
    _, chile, chile_bare = _own("chile-2018.txt")
    _, fiji, fiji_bare = _own("fiji-2007.txt")
    return [("CHILE: TIER 1", chile), ("FIJI: TIER 2 WATCH LIST", fiji)], [chile_bare, fiji_bare]


def test_whole_report_text_gives_each_narrative_as_on_its_own() -> None:
    narratives, bare = _whole_report_narratives()
    text, _ = _whole_report(2019, narratives)
    assert "\f" in text and re.search(r"[a-z]-\n[a-z]", text)  # pages, hyphenated words
    reports = parse_narratives(text, source="tip-report.txt")
    assert [(r.id, r.tier) for r in reports] == [
        ("chile-2019", "Tier 1"),
        ("fiji-2019", "Tier 2 Watch List"),
    ]
    for got, want in zip(reports, bare, strict=True):
        _assert_same_narrative(got, want)


def test_pdf_gives_what_its_text_gives(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    narratives, bare = _whole_report_narratives()
    _, paragraphs = _whole_report(2019, narratives)
    pdf = tmp_path / "tip-report-2019.pdf"
    pdf.write_bytes(write_pdf(paragraphs, header="TRAFFICKING IN PERSONS REPORT | JUNE 2019"))
    reports = read_narratives(pdf)
    assert [(r.id, r.year, r.tier) for r in reports] == [
        ("chile-2019", 2019, "Tier 1"),
        ("fiji-2019", 2019, "Tier 2 Watch List"),
    ]
    for got, want in zip(reports, bare, strict=True):
        _assert_same_narrative(got, want)


def test_pdf_in_one_column_too(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    line, body, bare = _own("chile-2018.txt")
    paragraphs = [line, *(p for p in body.split("\n") if p.strip())]
    pdf = tmp_path / "chile-2018.pdf"
    pdf.write_bytes(write_pdf(paragraphs, header="CHILE", columns=1))
    (report,) = read_narratives(pdf)
    _assert_same_narrative(report, bare)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"%PDF-1.4\nthis is not a PDF at all\n", "is a broken PDF"),
        (pdf_bytes([b""]), "without a text layer"),
    ],
)
def test_unreadable_pdfs_are_one_line_errors(tmp_path: Path, data: bytes, problem: str) -> None:
    pytest.importorskip("pypdfium2")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    with pytest.raises(NarrativeError) as caught:
        read_narratives(path)
    message = str(caught.value)
    assert problem in message and str(path) in message and "\n" not in message


def test_encrypted_pdf_is_a_one_line_error(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    plain = write_pdf(["CHILE: TIER 1", "Some text."])
    # A standard security handler whose user password is not empty: PDFium asks for it.
    encrypt = b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <"
    encrypt += (
        b"42" * 32
        + b"> /P -4 >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] "
    )
    path = tmp_path / "locked.pdf"
    path.write_bytes(plain.replace(b"trailer\n<< ", b"trailer\n<< " + encrypt))
    with pytest.raises(NarrativeError, match="encrypted PDF"):
        read_narratives(path)


# -- page repair units -------------------------------------------------------------------------
def test_dehyphenation_uses_the_documents_own_words() -> None:
    vocabulary = Counter({"trafficking": 3, "anti-trafficking": 2, "commercial": 1})
    assert paged.join_wrapped("victims of traffick-", "ing were", vocabulary) == (
        "victims of trafficking were"
    )
    assert paged.join_wrapped("its anti-", "trafficking unit", vocabulary) == (
        "its anti-trafficking unit"
    )
    assert paged.join_wrapped("in commer-", "cial sex", vocabulary) == "in commercial sex"
    assert paged.join_wrapped("a non-", "governmental body", Counter()) == "a non-governmental body"
    assert paged.join_wrapped("they gathe-", "red data", Counter()) == "they gathered data"
    assert paged.join_wrapped("for debt-", "based coercion", Counter()) == "for debt-based coercion"
    assert paged.join_wrapped("the COVID-", "19 pandemic", Counter()) == "the COVID-19 pandemic"


def test_hyphenated_word_seen_elsewhere_keeps_its_hyphen() -> None:
    lines = ["a victim-centered approach was", "adopted; the victim-", "centered shelters"]
    assert paged.unwrap(lines) == [
        "a victim-centered approach was adopted; the victim-centered shelters"
    ]
    lines = ["the police inter-", "viewed 12 victims and the interviewed"]
    assert paged.unwrap(lines) == ["the police interviewed 12 victims and the interviewed"]


def test_page_furniture_is_removed_and_paragraphs_rejoined() -> None:
    page_one = (
        "COUNTRY NARRATIVES\n\nPERU: TIER 2\n\nThe government of Peru made serious and\n"
        "sustained efforts during the year to investi-"
    )
    page_two = "gate cases of forced labor in mining, and it\nconvicted five traffickers."
    text = (
        f"TRAFFICKING IN PERSONS REPORT | JUNE 2020\n\n7\n\n{page_one}\f"
        f"PERU\n\n8\n\n{page_two}\n\nPROSECUTION\n\nThe police arrested 12 suspects\n"
        "in three regions of the country.\f"
        "TRAFFICKING IN PERSONS REPORT | JUNE 2020\n\n9\n\nThe courts convicted six.\n"
    )
    repaired = paged.repair(text)
    assert "JUNE 2020" not in repaired and "\n7\n" not in repaired and "\f" not in repaired
    assert (
        "The government of Peru made serious and sustained efforts during the year to "
        "investigate cases of forced labor in mining, and it convicted five traffickers."
    ) in repaired
    assert "PERU: TIER 2" in repaired and "PROSECUTION" in repaired
    # a page that ends a paragraph short of the line: the next page starts a new one
    assert "in three regions of the country.\n\nThe courts convicted six." in repaired


def test_wrapped_text_without_pages_is_detected() -> None:
    wrapped = "\n".join(["The government of Peru made efforts to combat it"] * 60)
    assert paged.needs_repair(wrapped)
    assert not paged.needs_repair("One paragraph per line, as web pages are saved.\n" * 10)


# -- the shared corpus: real openings, page copies, whole reports --------------------------------
def _shared_cases() -> list[tuple[Path, list[dict[str, object]]]]:
    if not SHARED.is_dir():
        return []
    cases = []
    manifest = json.loads((SHARED / "real" / "manifest.json").read_text("utf-8"))
    for entry in manifest:
        want = {k: entry[k] for k in ("country", "year", "tier")}
        want["country_accept"] = entry["country_accept"]
        cases.append((SHARED / "real" / entry["file"], [want]))
    for folder in ("pages", "whole"):
        for gold in sorted((SHARED / folder).glob("*.gold.json")):
            reports = json.loads(gold.read_text("utf-8"))["reports"]
            cases.append((gold.with_name(gold.name.removesuffix(".gold.json")), reports))
    return cases


@needs_shared
@pytest.mark.parametrize(
    ("path", "gold"), _shared_cases(), ids=lambda v: v.name if isinstance(v, Path) else ""
)
def test_shared_files_give_the_reports_their_gold_names(
    path: Path, gold: list[dict[str, object]]
) -> None:
    if path.suffix == ".pdf":
        pytest.importorskip("pypdfium2")
    reports = read_narratives(path)
    assert len(reports) == len(gold)
    for report, want in zip(reports, gold, strict=True):
        accepted = want.get("country_accept") or [want["country"]]
        assert report.country in accepted  # type: ignore[operator]
        assert (report.year, report.tier) == (want["year"], want["tier"])


@needs_shared
@pytest.mark.parametrize("name", ["tip-report-2023-pdftotext.txt", "tip-report-2023.pdf"])
def test_shared_whole_report_matches_its_source_narratives(name: str) -> None:
    if name.endswith(".pdf"):
        pytest.importorskip("pypdfium2")
    path = SHARED / "whole" / name
    gold = json.loads(path.with_name(name + ".gold.json").read_text("utf-8"))["reports"]

    def plain(text: str) -> str:  # the PDF's latin-1 font replaced a few characters
        return text.replace("—", "--").replace("’", "'").replace("•", "-")

    for report, want in zip(read_narratives(path), gold, strict=True):
        source = SHARED / want["source_gold"].removesuffix(".gold.json")
        (alone,) = read_narratives(source)
        assert [(s, plain(t)) for s, t in _content(report)] == [
            (s, plain(t)) for s, t in _content(alone)
        ]
        assert _facts(report) == _facts(alone)


# -- recommendations before 2009 -------------------------------------------------------------
def test_old_recommendations_are_the_should_sentences_with_their_paragraph_ids(
    tmp_path: Path,
) -> None:
    from tipcli.session import Session

    for name in ("fiji-2007.txt", "chile-2018.txt"):
        (tmp_path / name).write_bytes((NARRATIVES / name).read_bytes())
    session = Session(str(tmp_path))
    found = session.section_paragraphs(session.reports(), "recommendations")
    by_report = {p.report: p for p in found}
    fiji = by_report["fiji-2007"]
    assert fiji.id == "fiji-2007:p2" and fiji.section == "recommendations"
    assert fiji.text.startswith("Fiji should investigate and prosecute")
    assert "does not fully comply" not in fiji.text  # only the recommending sentence
    # from 2009 on the section is the list itself, one paragraph
    chile = by_report["chile-2018"]
    assert chile.text.startswith("Investigate and prosecute trafficking crimes vigorously")
