"""Core records -> JSON objects, key by key. The schema is documented in the README.

Version 1. Fields may be added in later versions; none is renamed or removed.
"""

from __future__ import annotations

from typing import Any

from tipcli.model import Fact, Hit, Paragraph, Report

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
        "source": report.source,
        "layout": report.layout,
    }


def report_record(report: Report) -> Record:
    """A report: its metadata and paragraph count."""
    return {
        "type": "report",
        "id": report.id,
        **report_metadata(report),
        "paragraphs": len(report.paragraphs),
        "sections": report.sections(),
        "acronyms": dict(report.acronyms),
        "schema": SCHEMA_VERSION,
    }


def paragraph_record(paragraph: Paragraph) -> Record:
    """A body paragraph."""
    return {
        "type": "paragraph",
        **_paragraph_fields(paragraph),
        "schema": SCHEMA_VERSION,
    }


def _paragraph_fields(paragraph: Paragraph) -> Record:
    return {
        "id": paragraph.id,
        "report": paragraph.report,
        "index": paragraph.index,
        "section": paragraph.section,
        "tags": list(paragraph.tags),
        "text": paragraph.text,
    }


def section_record(report: Report, section: str, count: int) -> Record:
    """One section of a report and how many paragraphs it has."""
    return {
        "type": "section",
        "report": report.id,
        "section": section,
        "paragraphs": count,
        "schema": SCHEMA_VERSION,
    }


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def fact_record(fact: Fact) -> Record:
    """A numeric fact, with the sentence it came from and its span there."""
    return {
        "type": "fact",
        "id": fact.id,
        "report": fact.report,
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
        "schema": SCHEMA_VERSION,
    }


def hit_record(hit: Hit) -> Record:
    """A search hit: the paragraph fields plus score, matches and rank."""
    return {
        "type": "hit",
        **_paragraph_fields(hit.paragraph),
        "rank": hit.rank,
        "score": round(hit.score, 1),
        "matches": [list(span) for span in hit.matches],
        "sentence": hit.paragraph.text[slice(*hit.sentence)] if hit.sentence else None,
        "sentence_span": list(hit.sentence) if hit.sentence else None,
        "schema": SCHEMA_VERSION,
    }


def to_record(item: object) -> Record:
    """Any core record to its JSON object."""
    if isinstance(item, Report):
        return report_record(item)
    if isinstance(item, Paragraph):
        return paragraph_record(item)
    if isinstance(item, Fact):
        return fact_record(item)
    if isinstance(item, Hit):
        return hit_record(item)
    if isinstance(item, dict):
        return item
    raise TypeError(f"no JSON form for {type(item).__name__}")
