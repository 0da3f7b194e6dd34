"""CSV for spreadsheets and pandas: a header row, then one row per record.

Records are the JSON records (records.py), flattened so that every cell is one value:
- null is an empty cell, true/false stay words, numbers are numbers;
- a list is its items joined by "; " (tags: "children; shelters"); a [start, end] span
  becomes two columns (`span_start`, `span_end`; `sentence_start`, `sentence_end`), and a
  hit's `matches` (a list of spans) is dropped: "12-19" would turn into a date in a
  spreadsheet;
- an object whose keys the schema fixes becomes one column per key: a panel's figures give
  `investigations`, `investigations_unit`, ... per key figure; a summary's `reports` gives
  one column per report;
- an object whose keys vary from record to record (a report's `sections` and `acronyms`)
  is dropped: `tip section --csv` lists the sections.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from tipcli.errors import UsageError
from tipcli.output.base import Formatter, Listing
from tipcli.records import Record, to_record

# Objects whose keys differ between records (no fixed column for them), and lists of spans.
DROPPED = frozenset({"sections", "acronyms", "matches"})
# Spans [start, end] written as two columns.
SPANS = {"span": ("span_start", "span_end"), "sentence_span": ("sentence_start", "sentence_end")}
LIST_SEPARATOR = "; "


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(_cell(item)) for item in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _figures(figures: dict[str, Any]) -> Record:
    """A panel's key figures, one column per figure and field: investigations_unit..."""
    row: Record = {}
    for name, figure in figures.items():
        column = name.replace(" ", "_")
        figure = figure or {}
        row[column] = figure.get("value")
        for field in ("unit", "qualifier", "derived", "facts", "sentence"):
            row[f"{column}_{field}"] = figure.get(field)
    return row


def flatten(record: Record, columns: tuple[str, ...] = ()) -> Record:
    """One record as flat cells, in schema order."""
    row: Record = {}
    for key, value in record.items():
        if key in DROPPED:
            continue
        if key == "figures" and isinstance(value, dict):
            row.update(_figures(value))
        elif key == "reports" and isinstance(value, dict):  # a summary: a column per report
            row.update({rid: value.get(rid) for rid in columns or value})
        elif key in SPANS:
            start, end = value or (None, None)
            row.update(zip(SPANS[key], (start, end), strict=True))
        else:
            row[key] = value
    return {key: _cell(value) for key, value in row.items()}


class CsvFormatter(Formatter):
    """A header row and one row per record (RFC 4180, as Python's csv module writes it)."""

    def write(self, listing: Listing, out: TextIO) -> None:
        import csv

        rows = self._rows(listing)
        first = next(rows, None)
        if first is None:
            return
        writer = csv.DictWriter(out, fieldnames=list(first), extrasaction="ignore")
        writer.writeheader()
        writer.writerow(first)
        writer.writerows(rows)

    @staticmethod
    def _rows(listing: Listing) -> Iterator[Record]:
        if listing.kind == "export":
            raise UsageError(
                "export mixes reports, paragraphs and facts: one CSV cannot hold them",
                "use 'tip export --sqlite FILE', or --csv on 'tip reports', 'tip section' "
                "and 'tip stats'",
            )
        columns = tuple(listing.columns)
        for item in listing.items:
            yield flatten(to_record(item, listing.reports), columns)
