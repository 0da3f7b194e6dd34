"""Numeric facts: every quantity a reader would put in a statistics table, typed and
traceable to its sentence. Years, dates, article numbers and ordinals are not facts.

Each quantity goes through three stages: kinds.py (what it is and counts), comparison.py
(whether it is a comparison's earlier figure) and measures.py (what was done with it).
"""

from __future__ import annotations

from collections.abc import Iterator

from tipcli.facts.comparison import is_earlier
from tipcli.facts.found import Found
from tipcli.facts.kinds import qualifier, read_kind
from tipcli.facts.measures import read_measure
from tipcli.facts.quantities import Quantity, Window, quantities
from tipcli.load.text import sentence_spans
from tipcli.model import KINDS, MEASURES, Fact, Paragraph, Report, fact_id

__all__ = ["KINDS", "MEASURES", "extract_paragraph", "extract_report", "sentence_facts"]


def extract_report(report: Report) -> list[Fact]:
    """Every fact of every paragraph of a report."""
    return [fact for paragraph in report.paragraphs for fact in extract_paragraph(paragraph)]


def extract_paragraph(paragraph: Paragraph) -> list[Fact]:
    """The facts of one paragraph, in reading order."""
    facts: list[Fact] = []
    for start, end in sentence_spans(paragraph.text):
        sentence = paragraph.text[start:end]
        for found in sentence_facts(sentence):
            facts.append(
                Fact(
                    id=fact_id(paragraph.id, len(facts) + 1),
                    report=paragraph.report,
                    paragraph=paragraph.id,
                    section=paragraph.section,
                    kind=found.kind,
                    value=found.value,
                    low=found.low,
                    high=found.high,
                    unit=found.unit,
                    qualifier=found.qualifier,
                    measure=found.measure,
                    text=found.text,
                    sentence=sentence,
                    span=found.span,
                    earlier=found.earlier,
                    sentence_start=start,
                )
            )
    return facts


def sentence_facts(sentence: str) -> Iterator[Found]:
    """The quantities of one sentence, read in order: each may lean on the one before
    (a breakdown, a comparison) and on the last one outside parentheses (its head)."""
    previous: Found | None = None
    head: Found | None = None
    for q in quantities(sentence):
        found = _read(Window.around(sentence, q), previous, head)
        if found is None:
            continue
        yield found
        previous = found
        if not found.in_parens:
            head = found


def _read(w: Window, previous: Found | None, head: Found | None) -> Found | None:
    reading = read_kind(w, previous, head)
    if reading is None:
        return None
    earlier = is_earlier(w, reading, previous)
    q: Quantity = w.q
    return Found(
        kind="range" if q.low is not None else reading.kind,
        value=q.value,
        low=q.low,
        high=q.high,
        unit=reading.unit,
        qualifier=qualifier(w, reading.kind),
        measure=read_measure(w, reading, earlier, previous, head),
        text=w.sentence[q.start : q.end],
        span=(q.start, q.end),
        earlier=earlier,
        in_parens=w.inside_parens,
    )
