"""One command's view of the corpus: synced once, filtered, queried. No terminal code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from tipcli.errors import CorpusError, NarrativeError, UsageError, plural
from tipcli.index.discovery import corpus_path
from tipcli.index.filters import Filters
from tipcli.index.scan import Prefetch
from tipcli.index.store import FactFilter, ProgressCallback, Store
from tipcli.model import (
    KEY_FIGURES,
    KINDS,
    MEASURES,
    SECTIONS,
    Fact,
    Hit,
    PanelRow,
    Paragraph,
    Report,
)
from tipcli.records import Record, section_record, summary_record

if TYPE_CHECKING:
    from tipcli.search.engine import Searcher


def _stderr_warning(message: str) -> None:
    sys.stderr.write(f"tip: warning: {message}\n")


def _stderr_notice(message: str) -> None:
    sys.stderr.write(f"tip: {message}\n")


class Session:
    """The corpus a command works on, and the queries every command shares."""

    def __init__(
        self,
        corpus_option: str | None = None,
        use_cache: bool = True,
        warn: Callable[[str], None] = _stderr_warning,
        progress: ProgressCallback | None = None,
        prefetch: Prefetch | None = None,
        notice: Callable[[str], None] = _stderr_notice,
    ) -> None:
        self.corpus_option = corpus_option
        self.use_cache = use_cache
        self.warn = warn
        self.progress = progress
        self.prefetch = prefetch
        self.notice = notice

    @cached_property
    def store(self) -> Store:
        """The synced store; skipped files are reported through warn()."""
        from tipcli.index.cache import open_synced

        if self.prefetch is not None:
            root, listing = self.prefetch.result()
        else:
            root, listing = corpus_path(self.corpus_option), None
        store, skipped = open_synced(root, self.use_cache, self.progress, listing)
        if root.is_file() and skipped:
            raise NarrativeError(skipped[0].message)
        for item in skipped:
            self.warn(f"skipped {item.message}")
        if not store.ids:
            detail = f" ({plural(len(skipped), 'file')} skipped)" if skipped else ""
            raise CorpusError(
                f"{root}: no TIP narratives found{detail}", "point --corpus at .txt narratives"
            )
        return store

    def _scope(self, filters: Filters | None) -> list[int] | None:
        """The file ids that pass the filters; None for all of them."""
        if filters is None or filters == Filters():
            return None
        return self.store.file_ids(filters)

    def reports(self, filters: Filters | None = None) -> list[Report]:
        """The reports that pass the filters, with their paragraphs."""
        return self.store.reports(self.store.file_ids(filters or Filters()))

    def section_counts(self, reports: Sequence[Report]) -> list[Record]:
        """Each report's sections with their paragraph counts."""
        return [
            section_record(r, name, count)
            for r in reports
            for name, count in sorted(r.sections().items(), key=lambda kv: SECTIONS.index(kv[0]))
        ]

    def section_paragraphs(self, reports: Sequence[Report], name: str) -> list[Paragraph]:
        """The paragraphs of one section (fuzzy name) across the reports."""
        from tipcli.load.sections import match_section, recommendations_in_prose

        wanted = match_section(name)
        found: list[Paragraph] = []
        for report in reports:
            mine = [p for p in report.paragraphs if p.section == wanted]
            if not mine and wanted == "recommendations":
                mine = recommendations_in_prose(report)  # before 2009: sentences in the prose
            found.extend(mine)
        return found

    def lookup(self, item_id: str) -> list[Paragraph]:
        """A paragraph by id, or all paragraphs of a report by report id."""
        report_id, _, para = item_id.strip().partition(":")
        found = [fid for fid, rid in self.store.ids.items() if rid == report_id]
        if not found:
            raise UsageError(f"unknown report '{report_id}'", "'tip reports' lists the ids")
        (report,) = self.store.reports(found)
        if not para:
            return list(report.paragraphs)
        matching = [p for p in report.paragraphs if p.id == f"{report_id}:{para}"]
        if not matching:
            raise UsageError(
                f"unknown paragraph '{item_id}'",
                f"{report_id} has paragraphs p1 to p{len(report.paragraphs)}",
            )
        return matching

    def facts(
        self,
        filters: Filters | None = None,
        section: str | None = None,
        measure: str | None = None,
        kind: str | None = None,
        minimum: float | None = None,
    ) -> Iterator[Fact]:
        """The facts of the filtered reports that pass the fact filters (streamed)."""
        wanted = FactFilter(_fact_options(section, measure, kind), measure, kind, minimum)
        return self.store.facts(self._scope(filters), wanted)

    def by_measure(
        self,
        filters: Filters | None = None,
        section: str | None = None,
        measure: str | None = None,
        kind: str | None = None,
        minimum: float | None = None,
    ) -> list[Record]:
        """Per measure and report: for the four key measures the key figure (as the panel
        has it, 0 for an explicit none; --section does not apply: a key figure answers for
        the whole report); for the other measures the largest current (not earlier) count."""
        wanted = _fact_options(section, measure, kind)
        if kind not in (None, "count"):
            return []
        file_ids = self.store.file_ids(filters or Filters())
        table: dict[str, dict[str, float]] = {}
        for fid, figures in self.store.key_figures(file_ids).items():
            for name, figure in figures.items():
                if measure in (None, name):
                    table.setdefault(name, {})[self.store.ids[fid]] = figure.value
        order = {fid: i for i, fid in enumerate(file_ids)}
        rows = self.store.measure_summary(file_ids, wanted, measure)
        rows.sort(key=lambda row: order[row[0]])
        for fid, name, value in rows:
            if name not in KEY_FIGURES:
                table.setdefault(name, {})[self.store.ids[fid]] = value
        return [
            summary_record(m, _at_least(table[m], minimum))
            for m in MEASURES
            if m in table and _at_least(table[m], minimum)
        ]

    def panel(self, filters: Filters | None = None) -> list[PanelRow]:
        """Each report's key figures, sorted by country, then year (a country's time
        series), then report id. Read from the index: nothing is re-extracted."""
        file_ids = self.store.file_ids(filters or Filters())
        figures = self.store.key_figures(file_ids)
        headers = self.store.headers(self.store.ids[fid] for fid in file_ids)
        rows = [
            PanelRow(
                headers[self.store.ids[fid]],
                {name: figures[fid].get(name) for name in KEY_FIGURES},
            )
            for fid in file_ids
        ]
        rows.sort(key=_panel_order)
        return rows

    def headers(self, report_ids: Iterable[str]) -> Mapping[str, Report]:
        """Report metadata (no paragraphs) for these ids."""
        return self.store.headers(report_ids)

    def search(
        self,
        filters: Filters | None,
        query_text: str,
        section: str | None = None,
        limit: int = 10,
        min_score: float = 0.0,
        exact: bool = False,
        sentences: bool = False,
    ) -> tuple[list[Hit], list[str]]:
        """Ranked hits for a query, and close words from the corpus when there are none.
        Words naming a country or year of the corpus pick those reports (a note says so)."""
        from tipcli.search.engine import Searcher, scope_of

        if limit < 1:
            raise UsageError(f"--limit must be at least 1, not {limit}", "try --limit 10")
        wanted = None
        if section:
            from tipcli.load.sections import match_section

            wanted = match_section(section)
        filters = filters or Filters()
        searcher = Searcher(self.store, exact=exact)
        text, file_ids = self._selected(searcher, filters, query_text, exact)
        query = searcher.parse(text)
        hits = searcher.search(query, scope_of(file_ids, wanted), limit, min_score, sentences)
        return hits, ([] if hits else searcher.suggestions(query))

    def _selected(
        self, searcher: Searcher, filters: Filters, query_text: str, exact: bool
    ) -> tuple[str, list[int] | None]:
        """The query text left to search, and the reports in scope (None: all)."""
        from tipcli.search.query import fold_name, select_reports

        names = searcher.index.report_names()
        by_country = not (filters.report or filters.country)
        by_year = not filters.report and filters.year is None
        selection = select_reports(
            query_text,
            {country for _, country, _ in names} if by_country else (),
            {year for _, _, year in names if year} if by_year else (),
            exact,
        )
        file_ids = None if filters == Filters() else self.store.file_ids(filters)
        if not (selection.countries or selection.years):
            return query_text, file_ids
        countries = {fold_name(c) for c in selection.countries}
        chosen = {
            fid
            for fid, country, year in names
            if (not countries or fold_name(country or "") in countries)
            and (not selection.years or year in selection.years)
        }
        scope = [fid for fid in (file_ids or self.store.ids) if fid in chosen]
        self.notice(
            f"searching {' '.join([*selection.countries, *map(str, selection.years)])} only"
        )
        return selection.text, scope

    def export_items(self, filters: Filters | None = None) -> Iterator[object]:
        """Every record of the reports, streamed: reports, then paragraphs, then facts."""
        file_ids = self.store.file_ids(filters or Filters())
        chunks = [file_ids[i : i + 200] for i in range(0, len(file_ids), 200)]
        for chunk in chunks:
            yield from self.store.reports(chunk)
        for chunk in chunks:
            for report in self.store.reports(chunk):
                yield from report.paragraphs
        yield from self.store.facts(self._scope(filters))

    def report_map(self, filters: Filters | None = None) -> Mapping[str, Report]:
        """Report headers by id, fetched when a renderer asks for one."""
        return _Headers(self.store, filters or Filters())


class _Headers(Mapping[str, Report]):
    """Report headers looked up lazily: plain and JSON output never ask for them."""

    def __init__(self, store: Store, filters: Filters) -> None:
        self.store = store
        self.filters = filters
        self._cache: dict[str, Report] = {}

    def __getitem__(self, report_id: str) -> Report:
        if report_id not in self._cache:
            self._cache.update(self.store.headers([report_id]))
        return self._cache[report_id]

    def __iter__(self) -> Iterator[str]:
        ids = self.store.ids
        return iter([ids[f] for f in self.store.file_ids(self.filters)])

    def __len__(self) -> int:
        return len(self.store.file_ids(self.filters))


def _fact_options(section: str | None, measure: str | None, kind: str | None) -> str | None:
    """Check the fact filters; return the section they name (matched fuzzily), if any."""
    if measure and measure not in MEASURES:
        raise UsageError(f"unknown measure '{measure}'", f"use one of: {', '.join(MEASURES)}")
    if kind and kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}'", f"use one of: {', '.join(KINDS)}")
    if not section:
        return None
    from tipcli.load.sections import match_section

    return match_section(section)


def _at_least(values: dict[str, float], minimum: float | None) -> dict[str, float]:
    return values if minimum is None else {k: v for k, v in values.items() if v >= minimum}


def _panel_order(row: PanelRow) -> tuple[str, int, str]:
    report = row.report
    return (report.country.casefold(), report.year or 0, report.id)
