"""`tip export --sqlite FILE`: the corpus as a SQLite database for datasette or sqlite-utils.

Tables `reports`, `paragraphs`, `facts` and `panel` hold the JSON records' fields (records.py)
as columns, keyed by their ids with foreign keys between them; lists (tags, a figure's fact
ids) are JSON arrays, which datasette facets by. `paragraphs_fts` is an FTS5 index of the
paragraph text in the form sqlite-utils' enable-fts makes, so datasette offers a search box.
The file is written beside its destination and renamed into place: a failed export leaves
no half-written database.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tipcli.errors import UsageError
from tipcli.records import Record, json_text

# (column, SQL type) per table; the first column is the primary key.
REPORT_COLUMNS = (
    ("id", "TEXT"), ("country", "TEXT"), ("year", "INTEGER"), ("tier", "TEXT"),
    ("title", "TEXT"), ("publisher", "TEXT"), ("published", "TEXT"), ("cite_as", "TEXT"),
    ("cite", "TEXT"), ("url", "TEXT"), ("source", "TEXT"), ("layout", "TEXT"),
    ("paragraphs", "INTEGER"),
)  # fmt: skip
PARAGRAPH_COLUMNS = (
    ("id", "TEXT"), ("report", "TEXT"), ("country", "TEXT"), ("year", "INTEGER"),
    ("tier", "TEXT"), ("index", "INTEGER"), ("section", "TEXT"), ("tags", "TEXT"),
    ("text", "TEXT"),
)  # fmt: skip
FACT_COLUMNS = (
    ("id", "TEXT"), ("report", "TEXT"), ("paragraph", "TEXT"), ("country", "TEXT"),
    ("year", "INTEGER"), ("tier", "TEXT"), ("section", "TEXT"), ("kind", "TEXT"),
    ("value", "NUMERIC"), ("low", "NUMERIC"), ("high", "NUMERIC"), ("unit", "TEXT"),
    ("qualifier", "TEXT"), ("measure", "TEXT"), ("text", "TEXT"), ("earlier", "INTEGER"),
    ("sentence", "TEXT"), ("span_start", "INTEGER"), ("span_end", "INTEGER"),
)  # fmt: skip
PANEL_COLUMNS = (("report", "TEXT"), ("country", "TEXT"), ("year", "INTEGER"), ("tier", "TEXT"))
FIGURE_FIELDS = (
    ("", "NUMERIC"), ("unit", "TEXT"), ("qualifier", "TEXT"), ("derived", "INTEGER"),
    ("facts", "TEXT"), ("sentence", "TEXT"),
)  # fmt: skip
FOREIGN_KEYS = {
    "paragraphs": ("FOREIGN KEY(report) REFERENCES reports(id)",),
    "facts": (
        "FOREIGN KEY(report) REFERENCES reports(id)",
        "FOREIGN KEY(paragraph) REFERENCES paragraphs(id)",
    ),
    "panel": ("FOREIGN KEY(report) REFERENCES reports(id)",),
}
INDEXES = (
    "CREATE INDEX reports_country_year ON reports(country, year)",
    "CREATE INDEX paragraphs_report ON paragraphs(report)",
    "CREATE INDEX facts_report ON facts(report)",
    "CREATE INDEX facts_measure ON facts(measure)",
)
BATCH = 500  # rows per executemany: a few hundred records in memory at a time


def figure_columns(names: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The panel's columns per key figure: investigations, investigations_unit, ..."""
    columns = []
    for name in names:
        base = name.replace(" ", "_")
        columns += [(f"{base}_{f}" if f else base, kind) for f, kind in FIGURE_FIELDS]
    return tuple(columns)


def check_destination(path: Path, corpus: Path, overwrite: bool) -> None:
    """Refuse to write into the corpus, or over a file unless asked to."""
    target = path.expanduser().resolve()
    root = corpus.resolve()
    if target == root or (root.is_dir() and target.is_relative_to(root)):
        raise UsageError(
            f"{path}: is inside the corpus {corpus}", "tip never writes there; choose another path"
        )
    if target.is_dir():
        raise UsageError(f"{path}: is a folder", "give the path of the database file to write")
    if target.exists() and not overwrite:
        raise UsageError(f"{path}: already exists", "add --force to replace it")
    if not target.parent.is_dir():
        raise UsageError(f"{path}: no such folder {target.parent}", "create it first")


def _create(db: sqlite3.Connection, table: str, columns: Sequence[tuple[str, str]]) -> None:
    body = [f'"{name}" {kind}' for name, kind in columns]
    body[0] += " PRIMARY KEY"
    body += FOREIGN_KEYS.get(table, ())
    db.execute(f"CREATE TABLE {table} ({', '.join(body)})")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | dict):
        return json_text(value)
    return value


def _fill(
    db: sqlite3.Connection,
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Any]],
) -> int:
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} VALUES ({marks})"
    count, batch = 0, []
    for row in rows:
        batch.append([_cell(v) for v in row])
        if len(batch) >= BATCH:
            db.executemany(sql, batch)
            count, batch = count + len(batch), []
    db.executemany(sql, batch)
    return count + len(batch)


def _plain_rows(
    records: Iterable[Record], columns: Sequence[tuple[str, str]]
) -> Iterable[list[Any]]:
    for record in records:
        span = record.get("span") or (None, None)
        flat = {**record, "span_start": span[0], "span_end": span[1]}
        yield [flat.get(name) for name, _ in columns]


def _panel_rows(records: Iterable[Record], names: Sequence[str]) -> Iterable[list[Any]]:
    for record in records:
        row = [record.get(name) for name, _ in PANEL_COLUMNS]
        for name in names:
            figure = (record.get("figures") or {}).get(name) or {}
            row += [figure.get(f or "value") for f, _ in FIGURE_FIELDS]
        yield row


def write_database(
    path: Path,
    reports: Iterable[Record],
    paragraphs: Iterable[Record],
    facts: Iterable[Record],
    panel: Iterable[Record],
    figure_names: Sequence[str],
) -> dict[str, int]:
    """Write the records as a new SQLite database at path; return the rows per table."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    with contextlib.suppress(OSError):
        partial.unlink()
    db = sqlite3.connect(partial, isolation_level=None)
    try:
        counts = _write(db, reports, paragraphs, facts, panel, figure_names)
        db.close()
        partial.replace(path)
    except BaseException:
        db.close()
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return counts


def _write(
    db: sqlite3.Connection,
    reports: Iterable[Record],
    paragraphs: Iterable[Record],
    facts: Iterable[Record],
    panel: Iterable[Record],
    figure_names: Sequence[str],
) -> dict[str, int]:
    panel_columns = PANEL_COLUMNS + figure_columns(figure_names)
    db.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place when complete
    db.execute("BEGIN")
    tables = (
        ("reports", REPORT_COLUMNS, _plain_rows(reports, REPORT_COLUMNS)),
        ("paragraphs", PARAGRAPH_COLUMNS, _plain_rows(paragraphs, PARAGRAPH_COLUMNS)),
        ("facts", FACT_COLUMNS, _plain_rows(facts, FACT_COLUMNS)),
        ("panel", panel_columns, _panel_rows(panel, figure_names)),
    )
    counts = {}
    for table, columns, rows in tables:
        _create(db, table, columns)
        counts[table] = _fill(db, table, columns, rows)
    for statement in INDEXES:
        db.execute(statement)
    # The form sqlite-utils' enable-fts gives: datasette finds it and offers a search box.
    db.execute("CREATE VIRTUAL TABLE paragraphs_fts USING FTS5 (text, content=[paragraphs])")
    db.execute("INSERT INTO paragraphs_fts (rowid, text) SELECT rowid, text FROM paragraphs")
    db.execute("COMMIT")
    return counts
