"""One command's view of the corpus: synced once, filtered, queried. No terminal code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tipcli.errors import CorpusError, NarrativeError, NoMatchError, UsageError, plural
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
from tipcli.names import match_name, nearest
from tipcli.records import Record, section_record, summary_record, tag_record

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
        return self.file_ids(filters)

    def file_ids(self, filters: Filters | None = None) -> list[int]:
        """The reports (file ids) the filters leave; NoMatchError when they leave none."""
        filters = filters or Filters()
        found = self.store.file_ids(filters)
        if not found and filters != Filters():
            raise NoMatchError(f"no report matches {filters.describe()}", self._nearest(filters))
        return found

    def _nearest(self, filters: Filters) -> str | None:
        """What to try when the filters leave no report."""
        if filters.country:
            named = self.store.countries_named(filters.country)
            if not named:
                close = nearest(filters.country, self.store.countries())
                return f"did you mean: {', '.join(close)}?" if close else "'tip reports' lists them"
            years = self.store.years_of(named)
            listed = ", ".join(map(str, years)) if len(years) <= 12 else f"{years[0]}-{years[-1]}"
            return f"{named[0]} has reports for {listed}" if years else None
        return "'tip reports' lists the reports"

    def filters(self, filters: Filters | None) -> Filters:
        """The filters with their tags matched to the tag names (fuzzily, as sections are)."""
        filters = filters or Filters()
        if not filters.tags:
            return filters
        from tipcli.load.tags import TAG_PATTERNS

        tags = tuple(dict.fromkeys(match_name(t, list(TAG_PATTERNS), "tag") for t in filters.tags))
        return replace(filters, tags=tags)

    def reports(self, filters: Filters | None = None) -> list[Report]:
        """The reports that pass the filters, with their paragraphs (with --tag, only the
        paragraphs carrying the tags)."""
        filters = self.filters(filters)
        found = self.store.reports(self.file_ids(filters))
        if not filters.tags:
            return found
        return [
            replace(r, paragraphs=tuple(p for p in r.paragraphs if _tagged(p, filters.tags)))
            for r in found
        ]

    def tags(self, filters: Filters | None = None) -> list[Record]:
        """The topic tags with how many paragraphs of the filtered reports carry each."""
        from tipcli.load.tags import TAG_PATTERNS

        counts = self.store.tag_counts(self.file_ids(self.filters(filters)))
        return [tag_record(tag, counts[tag]) for tag in TAG_PATTERNS if counts[tag]]

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

    def citation(self, item_id: str, style: str = "apa") -> str:
        """The citation of a report, paragraph or fact id in a style (matched fuzzily); for
        a paragraph or fact, its text or sentence quoted first."""
        from tipcli.cite import STYLES, citation

        style = match_name(style, STYLES, "style")
        report_id, _, rest = item_id.strip().partition(":")
        para, _, fact = rest.partition(":")
        paragraphs = self.lookup(f"{report_id}:{para}" if para else report_id)
        header = self.store.headers([report_id])[report_id]
        if not para:
            return citation(header, style)
        (paragraph,) = paragraphs
        if not fact:
            return citation(header, style, paragraph.text, paragraph.index)
        return citation(header, style, self._fact(item_id).sentence, paragraph.index)

    def _fact(self, fact_id: str) -> Fact:
        report_id = fact_id.partition(":")[0]
        file_ids = [fid for fid, rid in self.store.ids.items() if rid == report_id]
        facts = [f for f in self.store.facts(file_ids) if f.paragraph == fact_id.rpartition(":")[0]]
        for fact in facts:
            if fact.id == fact_id.strip():
                return fact
        hint = f"it has {facts[0].id.rpartition(':')[2]} to {facts[-1].id.rpartition(':')[2]}"
        raise UsageError(
            f"unknown fact '{fact_id}'",
            hint if facts else "that paragraph has no facts; 'tip stats' lists them",
        )

    def facts(
        self,
        filters: Filters | None = None,
        section: str | None = None,
        measure: str | None = None,
        kind: str | None = None,
        minimum: float | None = None,
    ) -> Iterator[Fact]:
        """The facts of the filtered reports that pass the fact filters (streamed)."""
        wanted_section, measure, kind = _fact_options(section, measure, kind)
        filters = self.filters(filters)
        wanted = FactFilter(wanted_section, measure, kind, minimum, filters.tags)
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
        wanted, measure, kind = _fact_options(section, measure, kind)
        if kind not in (None, "count"):
            return []
        file_ids = self.file_ids(self.filters(filters))
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
        file_ids = self.file_ids(self.filters(filters))
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
        filters = self.filters(filters)
        searcher = Searcher(self.store, exact=exact)
        text, file_ids = self._selected(searcher, filters, query_text, exact)
        query = searcher.parse(text)
        scope = scope_of(file_ids, wanted, filters.tags)
        hits = searcher.search(query, scope, limit, min_score, sentences)
        return hits, ([] if hits else searcher.suggestions(query))

    def _selected(
        self, searcher: Searcher, filters: Filters, query_text: str, exact: bool
    ) -> tuple[str, list[int] | None]:
        """The query text left to search, and the reports in scope (None: all)."""
        from tipcli.search.query import fold_name, select_reports

        names = searcher.index.report_names()
        by_country = not (filters.report or filters.country)
        by_year = not filters.report and filters.year is None and not filters.years
        selection = select_reports(
            query_text,
            {country for _, country, _ in names} if by_country else (),
            {year for _, _, year in names if year} if by_year else (),
            exact,
        )
        file_ids = self._scope(filters)
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
        filters = self.filters(filters)
        file_ids = self.file_ids(filters)
        chunks = [file_ids[i : i + 200] for i in range(0, len(file_ids), 200)]
        for chunk in chunks:
            yield from self.store.reports(chunk)
        for chunk in chunks:
            for report in self.store.reports(chunk):
                yield from (p for p in report.paragraphs if _tagged(p, filters.tags))
        yield from self.store.facts(self._scope(filters), FactFilter(tags=filters.tags))

    def export_database(
        self, path: Path, filters: Filters | None = None, overwrite: bool = False
    ) -> dict[str, int]:
        """Write the filtered reports, paragraphs, facts and panel as a SQLite database;
        return the rows written per table."""
        from tipcli.index.export import check_destination, write_database
        from tipcli.records import fact_record, panel_record, paragraph_record, report_record

        check_destination(path, self.store.root, overwrite)
        filters = self.filters(filters)
        file_ids = self.file_ids(filters)
        chunks = [file_ids[i : i + 200] for i in range(0, len(file_ids), 200)]

        def reports() -> Iterator[Report]:
            for chunk in chunks:
                yield from self.store.reports(chunk)

        def paragraphs() -> Iterator[Record]:
            for report in reports():
                for p in report.paragraphs:
                    if _tagged(p, filters.tags):
                        yield paragraph_record(p, report)

        headers = self.report_map(filters)
        return write_database(
            path,
            reports=(report_record(r) for r in reports()),
            paragraphs=paragraphs(),
            facts=(
                fact_record(f, headers[f.report])
                for f in self.store.facts(self._scope(filters), FactFilter(tags=filters.tags))
            ),
            panel=(panel_record(row) for row in self.panel(filters)),
            figure_names=KEY_FIGURES,
        )

    def report_map(self, filters: Filters | None = None) -> Mapping[str, Report]:
        """Report headers by id, fetched when a renderer asks for one."""
        return _Headers(self.store, self.filters(filters))


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


def _fact_options(
    section: str | None, measure: str | None, kind: str | None
) -> tuple[str | None, str | None, str | None]:
    """The section, measure and kind the fact filters name, each matched fuzzily."""
    if measure:
        measure = match_name(measure, MEASURES, "measure")
    if kind:
        kind = match_name(kind, KINDS, "kind")
    if not section:
        return None, measure, kind
    from tipcli.load.sections import match_section

    return match_section(section), measure, kind


def _at_least(values: dict[str, float], minimum: float | None) -> dict[str, float]:
    return values if minimum is None else {k: v for k, v in values.items() if v >= minimum}


def _panel_order(row: PanelRow) -> tuple[str, int, str]:
    report = row.report
    return (report.country.casefold(), report.year or 0, report.id)


def _tagged(paragraph: Paragraph, tags: Sequence[str]) -> bool:
    return all(tag in paragraph.tags for tag in tags)
