"""Page furniture around a narrative, and the metadata some of it carries.

Furniture is never content: site banners, navigation, share and tag lines, related links,
office names, Refworld's header block (plain or as a pipe table), news-wire preambles,
photo credits, ecoi.net's title and metadata lines, third-party extract notes. The
Refworld and ecoi.net blocks also give the title, publisher, publication date and URL.
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Whole lines that are furniture wherever they stand (matched case-insensitively).
_LINES = [
    r"an official website of the united states government.*",
    r"here'?s how you know",
    r"official websites use \.gov",
    r"a \.gov website belongs to .*",
    r"secure \.gov websites use https",
    r"a lock \(.*\) or https://.*",
    r"skip .*navigation.*|skip links|skip to (?:main )?content",
    r"share|print|email|e-mail|report|all|video|home|menu|search|back to top|read more",
    r"subject index.*|bookmark and share|tags|related articles|related links",
    r"sign up for e-?mail updates|subscribe.*",
    r"the office of website management.*",
    r"external links to other internet sites.*",
    r"note: documents in portable document format.*",
    r"about state\.gov.*|privacy notice.*",
    r"[^|]*\|[^|]*\|.*",  # navigation bars: "Privacy | FOIA | Copyright"
    r"(?:released by the )?office to monitor and combat trafficking in persons",
    r"(?:u\.s\. department of state )?trafficking in persons report(?:\s*-+\s*report home page)?",
    r"u\.\s?s\.\s?department of state|united states department of state",
    r"search\s*u\.s\. department of state",
    r"(?:[ivx]+\.\s*)?country narratives?\b.*",
    r"\[\s*country-by-country reports\s*\]",
    r"press releases?(?: \d{4})?",
    r"released in [^,]+, .*\d{4}",
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+|\d{{1,2}}\s+{_MONTH}\s+|{_MONTH}\s+)?\d{{4}}",
    r"(?:foto|photo|image|picture)\b.*(?:pixabay|unsplash|getty|shutterstock|credit|courtesy|by)\b.*",
    r"(?:webp|jpe?g|png|gif)\b.*|.*\.(?:jpe?g|png|webp|gif)",
    r"the following report was published by .*",
    r"original source can be found here\.?",
    r"organizations in this story|letter to the editor|send a letter",
    r"have a concern or an opinion about this story\?.*",
    r"document #\s*\d+",
    r"usdos\b.*\(author\)",
    r"\[?\s*extracted from .*",
]
_FURNITURE = re.compile(r"^(?:" + "|".join(_LINES) + r")\s*$", re.I)
# Part titles of the whole report: furniture when set in capitals on a line of their own.
_PARTS = re.compile(
    r"^(?:TABLE OF CONTENTS|INTRODUCTION|TIER PLACEMENTS|COUNTRY NARRATIVES|SPECIAL CASES|"
    r"TIER PLACEMENTS? (?:AND|&) REGIONAL MAPS|REGIONAL MAPS|[A-Z ]+ \d{1,4})$"
)
# A line after which the rest of the narrative's segment is site furniture.
_END = re.compile(
    r"^(?:search refworld.*|ecoi\.net description:?|original source can be found here\.?|"
    r"tags|related articles|back to top|sign up for e-?mail updates|"
    r"released by the office to monitor and combat trafficking in persons)\s*$",
    re.I,
)
_REFWORLD_KEYS = (
    *("Last Updated", "Publisher", "Author", "Publication Date", "Cite as"),
    *("Disclaimer", "Topics", "Countries"),
)
_KEY_LINE = re.compile(
    r"^(?P<key>" + "|".join(_REFWORLD_KEYS) + r")\b\s*[|:]?\s*(?P<value>.*?)\s*\|?\s*$"
)
_ECOI_KEY = re.compile(r"^(?P<key>Published|Original link|Source|Country|Document type):\s*$")
_TITLE = re.compile(
    r"(?P<title>(?:U\.S\. Department of State )?(?P<year>(?:19|20)\d\d) Trafficking in Persons "
    r"Report(?:\s*[-–—:]\s*[^|]{2,60}?)?)\s*$",
    re.I,
)
_REPORT_YEAR = re.compile(
    r"(?:(?P<a>(?:19|20)\d\d) (?:Trafficking in Persons|TIP) Report|"
    r"(?:Trafficking in Persons|TIP) Report[\s,|]+(?:" + _MONTH + r"\s+)?(?P<b>(?:19|20)\d\d))",
    re.I,
)
# A line that says which report the text was taken from: "[Extracted from U.S. State Dept
# Trafficking in Persons Report, June 2013]", "Source: 2016 Trafficking in Persons Report".
_CITATION = re.compile(
    r"(?:\b(?:extracted|excerpted|taken|reproduced|adapted|republished) from\b|^\W*source\s*:)"
    r"(?P<cited>.*)$",
    re.I,
)
CITATION_LINE_MAX = 200  # characters: a citation line is short; prose that cites is longer
WRAPPED_VALUE_MAX = 300  # characters: a header value is never longer (the citation is ~200)
_URL = re.compile(r"https?://[^\s\]\[|<>\"]+")


def is_furniture(line: str) -> bool:
    """True for a line that is never narrative text."""
    return bool(line) and (bool(_FURNITURE.match(line)) or bool(_PARTS.match(line)))


def is_end(line: str) -> bool:
    """True for a line after which a narrative's segment holds only site furniture."""
    return bool(_END.match(line))


def is_metadata(line: str) -> bool:
    """True for a line of Refworld's header block, in either form."""
    return bool(_KEY_LINE.match(line))


def read_metadata(lines: list[str]) -> dict[str, str]:
    """Title, year, publisher, publication date, citation and URL, where the copy has them."""
    meta: dict[str, str] = {}
    # A title after the end furniture is a related link ("2015 Trafficking in Persons
    # Report" under "Related Articles"), not this page's; the end line itself may hold it
    # ("Search Refworld" runs into the title in the pipe form).
    end = next((i for i, line in enumerate(lines) if is_end(line)), len(lines))
    for i, line in enumerate(lines):
        keyed = _KEY_LINE.match(line)
        if keyed:
            _keyed_value(meta, keyed.group("key"), _wrapped_value(lines, i, keyed.group("value")))
        ecoi = _ECOI_KEY.match(line)
        if ecoi:  # the value stands on the next non-empty line
            value = next((v for v in lines[i + 1 : i + 3] if v), "")
            _keyed_value(meta, ecoi.group("key"), value)
        title = _TITLE.search(line)
        if title and "title" not in meta and len(line) < 200 and i <= end:
            meta["title"] = title.group("title").strip()
            meta.setdefault("year", title.group("year"))
    return meta


def report_year(lines: list[str]) -> str | None:
    """The report's year as a page's own words give it: "2006 Trafficking in Persons
    Report", "Trafficking in Persons Report | June 2023", "TIP Report, June 2009"."""
    for line in lines:
        found = _REPORT_YEAR.search(line)
        if found:
            return found.group("a") or found.group("b")
    return None


def cited_report_year(lines: list[str]) -> str | None:
    """The year of the report a copy says it was taken from, on a line of its own or after
    the country line; prose that mentions a report (or a law's year) does not count."""
    for line in lines:
        cited = _CITATION.search(line) if len(line) <= CITATION_LINE_MAX else None
        found = _REPORT_YEAR.search(cited.group("cited")) if cited else None
        if found:
            return found.group("a") or found.group("b")
    return None


def _wrapped_value(lines: list[str], i: int, value: str) -> str:
    """A header value continued on the following lines (the plain form wraps; the pipe
    table's cells do not)."""
    if "|" in lines[i]:
        return value
    end = i + 1
    # startswith too: Refworld's "DisclaimerThis is not ..." has no space after its key.
    while (
        end < len(lines)
        and lines[end]
        and not _KEY_LINE.match(lines[end])
        and not lines[end].startswith(_REFWORLD_KEYS)
    ):
        if len(value) > WRAPPED_VALUE_MAX or re.search(r"\((?:tier|special)", lines[end], re.I):
            break
        value += " " + lines[end]
        end += 1
    return value


def _keyed_value(meta: dict[str, str], key: str, value: str) -> None:
    value = re.sub(r"\s+", " ", value).strip(" |")
    if not value:
        return
    if key == "Publisher":
        meta.setdefault("publisher", value)
    elif key in ("Publication Date", "Published"):
        meta.setdefault("published", iso_date(value) or value)
    elif key == "Cite as":
        meta.setdefault("cite_as", value)
        url = _URL.search(value)
        if url:
            meta.setdefault("url", url.group(0).rstrip(".,;"))
    elif key == "Original link":
        url = _URL.search(value)
        if url:
            meta.setdefault("url", url.group(0).rstrip(".,;"))


def iso_date(value: str) -> str | None:
    """'4 June 2008', 'June 4, 2008' or '2008-06-04' as ISO 8601; None when not a date."""
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None
