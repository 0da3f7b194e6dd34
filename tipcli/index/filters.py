"""Which reports a command looks at: --report, --country, --year, --tier and --tag."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tipcli.errors import UsageError
from tipcli.model import TIERS

# A year as people type it in a filter: 2010, 2010-2015, 2010-, -2008 (also 2010..2015).
_YEAR_SPAN = re.compile(r"^\s*(?P<low>\d{4})?\s*(?:(?P<dash>-|–|\.\.|to)\s*(?P<high>\d{4})?)?\s*$")
YearSpan = tuple[int | None, int | None]  # (first, last), either open


@dataclass(frozen=True, slots=True)
class Filters:
    """Which reports (and, with tags, which of their paragraphs) a command looks at.

    `year` is one year; `years` are spans from --year (any of them may match); `tags` keep
    the paragraphs, facts and hits carrying any of those topic tags.
    """

    report: str | None = None
    country: str | None = None
    year: int | None = None
    tier: str | None = None
    years: tuple[YearSpan, ...] = ()
    tags: tuple[str, ...] = ()

    def describe(self) -> str:
        """The filters as options, for a message: "--country Laos --year 2019"."""
        parts = []
        if self.report:
            parts.append(f"--report {self.report}")
        if self.country:
            parts.append(f"--country {self.country}")
        if self.year is not None:
            parts.append(f"--year {self.year}")
        parts += [f"--year {format_span(span)}" for span in self.years]
        if self.tier:
            parts.append(f"--tier {self.tier}")
        parts += [f"--tag {tag}" for tag in self.tags]
        return " ".join(parts)

    def accepts_year(self, year: int | None) -> bool:
        """Whether a report of this year passes --year."""
        if self.year is not None and year != self.year:
            return False
        if not self.years:
            return True
        return year is not None and any(
            (low is None or year >= low) and (high is None or year <= high)
            for low, high in self.years
        )


def parse_year_span(text: str) -> YearSpan:
    """'2010' -> (2010, 2010); '2010-2015', '2010-', '-2008' -> the span, open at a missing end."""
    found = _YEAR_SPAN.match(text)
    if not found or not (found["low"] or found["high"]):
        raise UsageError(
            f"--year '{text}' is not a year or a span of years",
            "give 2012, 2010-2015, 2010- or -2008",
        )
    low = int(found["low"]) if found["low"] else None
    high = int(found["high"]) if found["high"] else None
    if not found["dash"]:
        high = low
    if low is not None and high is not None and low > high:
        raise UsageError(f"--year '{text}' ends before it starts", f"try --year {high}-{low}")
    return (low, high)


def parse_years(values: Iterable[str]) -> tuple[YearSpan, ...]:
    """Every --year given (repeated, or comma-separated) as spans."""
    return tuple(parse_year_span(part) for value in values for part in value.split(",") if part)


def format_span(span: YearSpan) -> str:
    """(2010, 2015) -> '2010-2015'; (2010, None) -> '2010-'; (2012, 2012) -> '2012'."""
    low, high = span
    if low is not None and low == high:
        return str(low)
    return f"{low or ''}-{high or ''}"


def normalise_tier(value: str) -> str:
    """'2wl', 'tier 2 watch list', '3', 'special' -> the canonical tier name."""
    key = re.sub(r"[^a-z0-9]", "", value.lower()).removeprefix("tier")
    table = {"1": "Tier 1", "2": "Tier 2", "3": "Tier 3", "2wl": "Tier 2 Watch List"}
    table |= {"2watchlist": "Tier 2 Watch List", "specialcase": "Special Case"}
    table |= {"special": "Special Case", "sc": "Special Case"}
    if key in table:
        return table[key]
    raise UsageError(f"unknown tier '{value}'", f"use one of: {', '.join(TIERS)}")
