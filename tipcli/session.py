"""One command's view of the corpus: loaded once, filtered, queried. No terminal code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property

from .corpus import Filters, corpus_path, load_corpus
from .errors import UsageError
from .model import SECTIONS, Corpus, Fact, Hit, Paragraph, Report
from .records import Record, section_record


def _stderr_warning(message: str) -> None:
    sys.stderr.write(f"tip: warning: {message}\n")


class Session:
    """The corpus a command works on, and the queries every command shares."""

    def __init__(
        self,
        corpus_option: str | None = None,
        use_cache: bool = True,
        warn: Callable[[str], None] = _stderr_warning,
    ) -> None:
        self.corpus_option = corpus_option
        self.use_cache = use_cache
        self.warn = warn

    @cached_property
    def corpus(self) -> Corpus:
        """The loaded corpus; skipped files are reported through warn()."""
        path = corpus_path(self.corpus_option)
        corpus = load_corpus(path)
        for skipped in corpus.skipped:
            self.warn(f"skipped {skipped.message}")
        return corpus

    def reports(
        self,
        report: str | None = None,
        country: str | None = None,
        year: int | None = None,
        tier: str | None = None,
    ) -> list[Report]:
        """The reports that pass the filters."""
        return Filters(report, country, year, tier).apply(self.corpus)

    def report_map(self, reports: Sequence[Report] | None = None) -> Mapping[str, Report]:
        """Reports by id, in corpus order."""
        return {r.id: r for r in (self.corpus.reports if reports is None else reports)}

    def section_counts(self, reports: Sequence[Report]) -> list[Record]:
        """Each report's sections with their paragraph counts."""
        return [
            section_record(r, name, count)
            for r in reports
            for name, count in sorted(r.sections().items(), key=lambda kv: SECTIONS.index(kv[0]))
        ]

    def section_paragraphs(self, reports: Sequence[Report], name: str) -> list[Paragraph]:
        """The paragraphs of one section (fuzzy name) across the reports."""
        from .sections import match_section

        wanted = match_section(name)
        return [p for r in reports for p in r.paragraphs if p.section == wanted]

    def lookup(self, item_id: str) -> list[Paragraph]:
        """A paragraph by id, or all paragraphs of a report by report id."""
        report_id, _, para = item_id.strip().partition(":")
        report = self.report_map().get(report_id)
        if report is None:
            raise UsageError(f"unknown report '{report_id}'", "'tip reports' lists the ids")
        if not para:
            return list(report.paragraphs)
        found = [p for p in report.paragraphs if p.id == f"{report_id}:{para}"]
        if not found:
            raise UsageError(
                f"unknown paragraph '{item_id}'",
                f"{report_id} has paragraphs p1 to p{len(report.paragraphs)}",
            )
        return found

    def facts_of(self, report: Report) -> list[Fact]:
        """The facts of one report."""
        from .facts import extract_report

        return extract_report(report)

    def facts(
        self,
        reports: Sequence[Report],
        section: str | None = None,
        measure: str | None = None,
        kind: str | None = None,
        minimum: float | None = None,
    ) -> list[Fact]:
        """The facts of the reports that pass the filters."""
        from .facts import KINDS, MEASURES
        from .sections import match_section

        wanted_section = match_section(section) if section else None
        if measure and measure not in MEASURES:
            raise UsageError(f"unknown measure '{measure}'", f"use one of: {', '.join(MEASURES)}")
        if kind and kind not in KINDS:
            raise UsageError(f"unknown kind '{kind}'", f"use one of: {', '.join(KINDS)}")
        found = []
        for report in reports:
            for fact in self.facts_of(report):
                if wanted_section and fact.section != wanted_section:
                    continue
                if (measure and fact.measure != measure) or (kind and fact.kind != kind):
                    continue
                if (
                    minimum is not None
                    and (fact.value if fact.value is not None else fact.high or 0) < minimum
                ):
                    continue
                found.append(fact)
        return found

    def by_measure(self, facts: Sequence[Fact]) -> list[Record]:
        """Per measure and report, the largest current (not earlier) count."""
        from .facts import MEASURES
        from .records import SCHEMA_VERSION

        table: dict[str, dict[str, float]] = {}
        for fact in facts:
            if (
                fact.kind != "count"
                or fact.earlier
                or fact.measure == "other"
                or fact.value is None
            ):
                continue
            row = table.setdefault(fact.measure, {})
            row[fact.report] = max(row.get(fact.report, 0.0), fact.value)
        return [
            {"type": "summary", "measure": m, "reports": table[m], "schema": SCHEMA_VERSION}
            for m in MEASURES
            if m in table
        ]

    def search(
        self,
        reports: Sequence[Report],
        query_text: str,
        section: str | None = None,
        limit: int = 10,
        min_score: float = 0.0,
        exact: bool = False,
        sentences: bool = False,
    ) -> tuple[list[Hit], list[str]]:
        """Ranked hits for a query, and close words from the corpus when there are none."""
        from .search import SearchIndex, parse_query
        from .sections import match_section

        if limit < 1:
            raise UsageError(f"--limit must be at least 1, not {limit}", "try --limit 10")
        wanted = match_section(section) if section else None
        paragraphs = [
            p for r in reports for p in r.paragraphs if wanted is None or p.section == wanted
        ]
        acronyms = [pair for r in reports for pair in r.acronyms]
        index = SearchIndex(paragraphs, acronyms, sentences=sentences, exact=exact)
        query = parse_query(query_text, index.acronyms, exact=exact)
        hits = index.search(query, limit=limit, min_score=min_score)
        return hits, ([] if hits else index.suggestions(query))

    def export_items(self, reports: Sequence[Report]) -> list[object]:
        """Every record of the reports: reports first, then paragraphs, then facts."""
        items: list[object] = list(reports)
        items.extend(p for r in reports for p in r.paragraphs)
        items.extend(f for r in reports for f in self.facts_of(r))
        return items
