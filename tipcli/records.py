"""Core records -> JSON: the one place in tip that writes (or reads back) JSON.

Schema version 1. Fields may be added in later versions; none is renamed or removed. Each
record builder below documents its record's fields, jc-style: `field  type  example`, one a
line; tests/test_records.py checks that these tables, the records built and README.md's
"JSON schema" section agree. Every record has `type` (the record type) and `schema` (1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from tipcli.cite import reference, report_url, tidy_cite_as
from tipcli.model import Fact, Hit, KeyFigure, PanelRow, Paragraph, Report

SCHEMA_VERSION = 1

Record = dict[str, Any]


def report_metadata(report: Report) -> Record:
    """What the text says about a report, in schema order (also what the index stores)."""
    return {
        "country": report.country,
        "year": report.year,
        "tier": report.tier,
        "title": report.title,
        "publisher": report.publisher,
        "published": report.published,
        "cite_as": report.cite_as,
        "url": report.url,
        "unranked": report.unranked,
        "source": report.source,
        "layout": report.layout,
    }


def _where(report: Report | None) -> Record:
    """Which narrative a paragraph, hit or fact is from: what a spreadsheet row needs."""
    return {
        "country": report.country if report else None,
        "year": report.year if report else None,
        "tier": report.tier if report else None,
    }


def _citation(report: Report | None) -> Record:
    return {
        "cite": reference(report) if report else None,
        "url": report_url(report) if report else None,
    }


def report_record(report: Report) -> Record:
    """A report: its metadata and paragraph count.

    Schema:
        type           string           "report"
        id             string           "china-2007"
        country        string           "China"
        year           int|null         2007
        tier           string|null      "Tier 2 Watch List"
        title          string|null      "2007 Trafficking in Persons Report - China"
        publisher      string|null      "United States Department of State"
        published      string|null      "2007-06-12"
        cite_as        string|null      "United States Department of State, 2007 Trafficking ..."
        url            string|null      "https://www.refworld.org/docid/484f9a0c2d.html"
        unranked       string|null      "not rated"
        source         string           "/data/tip/china-2007.txt"
        layout         string           "F1"
        paragraphs     int              9
        sections       object           {"overview": 3, "prosecution": 2}
        acronyms       object           {"MPS": "Ministry of Public Security"}
        cite           string           "United States Department of State. (2007, June 12). ..."
        schema         int              1
    """
    return {
        "type": "report",
        "id": report.id,
        **report_metadata(report),
        "cite_as": tidy_cite_as(report.cite_as),
        "url": report_url(report),
        "paragraphs": len(report.paragraphs),
        "sections": report.sections(),
        "acronyms": dict(report.acronyms),
        "cite": reference(report),
        "schema": SCHEMA_VERSION,
    }


def paragraph_record(paragraph: Paragraph, report: Report | None = None) -> Record:
    """A body paragraph, with its report's country, year, tier and citation.

    Schema:
        type           string           "paragraph"
        id             string           "china-2007:p4"
        report         string           "china-2007"
        country        string           "China"
        year           int|null         2007
        tier           string|null      "Tier 2 Watch List"
        index          int              4
        section        string           "prosecution"
        tags           [string]         ["forced labor", "law enforcement"]
        text           string           "The Chinese government made some progress ..."
        cite           string           "United States Department of State. (2007, June 12). ..."
        url            string|null      null
        schema         int              1
    """
    return {
        "type": "paragraph",
        **_paragraph_fields(paragraph, report),
        **_citation(report),
        "schema": SCHEMA_VERSION,
    }


def _paragraph_fields(paragraph: Paragraph, report: Report | None) -> Record:
    return {
        "id": paragraph.id,
        "report": paragraph.report,
        **_where(report),
        "index": paragraph.index,
        "section": paragraph.section,
        "tags": list(paragraph.tags),
        "text": paragraph.text,
    }


def section_record(report: Report, section: str, count: int) -> Record:
    """One section of a report and how many paragraphs it has.

    Schema:
        type           string           "section"
        report         string           "china-2007"
        section        string           "protection"
        paragraphs     int              3
        schema         int              1
    """
    return {
        "type": "section",
        "report": report.id,
        "section": section,
        "paragraphs": count,
        "schema": SCHEMA_VERSION,
    }


def tag_record(tag: str, count: int) -> Record:
    """A topic tag and how many paragraphs carry it (`tip tags`).

    Schema:
        type           string           "tag"
        tag            string           "debt bondage"
        paragraphs     int              3
        schema         int              1
    """
    return {"type": "tag", "tag": tag, "paragraphs": count, "schema": SCHEMA_VERSION}


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def fact_record(fact: Fact, report: Report | None = None) -> Record:
    """A numeric fact, with the sentence it came from and its span there, and its report's
    country, year, tier and citation.

    Schema:
        type           string           "fact"
        id             string           "china-2007:p4:f3"
        report         string           "china-2007"
        country        string           "China"
        year           int|null         2007
        tier           string|null      "Tier 2 Watch List"
        paragraph      string           "china-2007:p4"
        section        string           "prosecution"
        kind           string           "count"
        value          number|null      3371
        low            number|null      null
        high           number|null      null
        unit           string|null      "cases"
        qualifier      string|null      "at least"
        measure        string           "investigations"
        text           string           "3,371 cases"
        earlier        bool             false
        sentence       string           "The MPS investigated 3,371 cases of trafficking ..."
        span           [int,int]        [20, 31]
        cite           string           "United States Department of State. (2007, June 12). ..."
        url            string|null      null
        schema         int              1
    """
    return {
        "type": "fact",
        "id": fact.id,
        "report": fact.report,
        **_where(report),
        "paragraph": fact.paragraph,
        "section": fact.section,
        "kind": fact.kind,
        "value": _number(fact.value),
        "low": _number(fact.low),
        "high": _number(fact.high),
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "measure": fact.measure,
        "text": fact.text,
        "earlier": fact.earlier,
        "sentence": fact.sentence,
        "span": list(fact.span),
        **_citation(report),
        "schema": SCHEMA_VERSION,
    }


def hit_record(hit: Hit, report: Report | None = None) -> Record:
    """A search hit: the paragraph fields plus rank, score and matches.

    Schema:
        type           string           "hit"
        id             string           "china-2007:p6"
        report         string           "china-2007"
        country        string           "China"
        year           int|null         2007
        tier           string|null      "Tier 2 Watch List"
        index          int              6
        section        string           "protection"
        tags           [string]         ["shelters"]
        text           string           "China made modest progress ..."
        rank           int              1
        score          number           85.2
        matches        [[int,int]]      [[120, 128]]
        sentence       string|null      "The ACWF ran shelters ..."
        sentence_span  [int,int]|null   [100, 180]
        cite           string           "United States Department of State. (2007, June 12). ..."
        url            string|null      null
        schema         int              1
    """
    return {
        "type": "hit",
        **_paragraph_fields(hit.paragraph, report),
        "rank": hit.rank,
        "score": round(hit.score, 1),
        "matches": [list(span) for span in hit.matches],
        "sentence": hit.paragraph.text[slice(*hit.sentence)] if hit.sentence else None,
        "sentence_span": list(hit.sentence) if hit.sentence else None,
        **_citation(report),
        "schema": SCHEMA_VERSION,
    }


def summary_record(measure: str, values: Mapping[str, float]) -> Record:
    """One row of `stats --by measure`: a measure's largest current count per report.

    Schema:
        type           string           "summary"
        measure        string           "convictions"
        reports        object           {"ghana-2012": 12, "nepal-2019": 212}
        schema         int              1
    """
    return {
        "type": "summary",
        "measure": measure,
        "reports": {report: _number(value) for report, value in values.items()},
        "schema": SCHEMA_VERSION,
    }


def key_figure_fields(figure: KeyFigure | None) -> Record | None:
    """A key figure's value and where it comes from; None when not reported."""
    if figure is None:
        return None
    return {
        "value": _number(figure.value),
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "derived": figure.derived,
        "facts": list(figure.facts),
        "sentence": figure.sentence,
    }


def panel_record(row: PanelRow) -> Record:
    """One report's key figures, a row of the country-year panel (`stats --by report`).
    Each figure is null when the narrative does not report it, else an object: value
    (number; 0 for an explicit none), unit, qualifier, derived (a sum of parts), facts
    (the fact ids it comes from) and sentence.

    Schema:
        type           string           "panel"
        report         string           "nepal-2019"
        country        string           "Nepal"
        year           int|null         2019
        tier           string|null      "Tier 2"
        figures        object           {"convictions": {"value": 212, ...}, ...}
        schema         int              1
    """
    report = row.report
    return {
        "type": "panel",
        "report": report.id,
        "country": report.country,
        "year": report.year,
        "tier": report.tier,
        "figures": {name: key_figure_fields(f) for name, f in row.figures.items()},
        "schema": SCHEMA_VERSION,
    }


def index_record(info: Mapping[str, object]) -> Record:
    """Where the index of a corpus is, its size and what it holds (`tip index`).

    Schema:
        type           string           "index"
        path           string           "/home/me/.cache/tip/index-a3b124a39ff58b73.sqlite3"
        corpus         string           "/home/me/narratives"
        bytes          int              167936
        files          int              1
        reports        int              1
        paragraphs     int              9
        facts          int              14
        schema         int              1
    """
    fields = ("path", "corpus", "bytes", "files", "reports", "paragraphs", "facts")
    return {"type": "index", **{key: info[key] for key in fields}, "schema": SCHEMA_VERSION}


def to_record(item: object, reports: Mapping[str, Report] | None = None) -> Record:
    """Any core record to its JSON object (dicts are records built above already); reports
    (by id) give paragraphs, hits and facts their country, year, tier and citation."""
    reports = reports or {}
    if isinstance(item, Report):
        return report_record(item)
    if isinstance(item, Paragraph):
        return paragraph_record(item, reports.get(item.report))
    if isinstance(item, Fact):
        return fact_record(item, reports.get(item.report))
    if isinstance(item, Hit):
        return hit_record(item, reports.get(item.paragraph.report))
    if isinstance(item, PanelRow):
        return panel_record(item)
    if isinstance(item, dict):
        return item
    raise TypeError(f"no JSON form for {type(item).__name__}")


# -- writing JSON -----------------------------------------------------------------------
# json is imported where it is used: `tip` starts faster when a command writes none.


def dumps(value: object, ascii_only: bool = False, indent: int | None = None) -> str:
    """One JSON text; non-ASCII characters as written unless the stream cannot carry them."""
    import json

    return json.dumps(value, ensure_ascii=ascii_only, indent=indent)


def loads(text: str) -> Any:
    """A JSON text written by dumps() (the index's metadata column) back to Python values."""
    import json

    return json.loads(text)


def json_text(value: object) -> str:
    """A value as compact JSON text, for a list kept in one database cell."""
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_array(
    items: Iterable[object],
    out: TextIO,
    ascii_only: bool = False,
    reports: Mapping[str, Report] | None = None,
) -> None:
    """One JSON array of records, written record by record (never one huge string).

    Nothing found still writes `[]`, so that a script's json.load always gets a list.
    """
    # One compact record per line: json's C encoder runs only without indent (with indent=2,
    # 7,000 facts took 1.6 s to encode instead of 0.1 s).
    out.write("[")
    count = 0
    for count, item in enumerate(items, start=1):
        out.write(("," if count > 1 else "") + "\n" + dumps(to_record(item, reports), ascii_only))
    out.write("\n]\n" if count else "]\n")


def write_lines(
    items: Iterable[object],
    out: TextIO,
    ascii_only: bool = False,
    reports: Mapping[str, Report] | None = None,
) -> None:
    """JSON Lines: one record per line; nothing found writes nothing."""
    for item in items:
        out.write(dumps(to_record(item, reports), ascii_only))
        out.write("\n")
