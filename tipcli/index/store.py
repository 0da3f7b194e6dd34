"""The index: parsed narratives, paragraphs, facts and a full-text index in SQLite.

One store per corpus path. It lives in the user's cache folder, or in memory with
--no-cache or when the cache cannot be written; every query runs the same SQL either way,
so results do not depend on the cache. Files are re-parsed only when their size, mtime
and content hash say they changed; removed files drop out.
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipcli.errors import CorpusError, UsageError
from tipcli.index.filters import Filters, normalise_tier
from tipcli.index.ingest import Ingested, Parsed, file_digest, parse_file
from tipcli.index.scan import Listing, scan
from tipcli.load.terms import stem
from tipcli.model import Fact, KeyFigure, Paragraph, Report, Skipped, fact_id, paragraph_id
from tipcli.names import squeeze

SCHEMA = 14  # bump when the tables or what the parser stores change
APPLICATION_ID = 0x54495031  # "TIP1": marks our files among other SQLite databases
ProgressCallback = Callable[[int, int], None]
# The coarsest file-time granularity in common use (FAT: 2 s; ext4 and others tick every
# few ms): a file modified this close to a sync may have changed without its mtime showing it.
RACY_WINDOW_NS = 2_000_000_000
_PER_FILE = 100_000  # narratives one file may hold: a report's ord is file ord * this + n

_TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INT, mtime_ns INT, sha256 TEXT,
    ord INT, status TEXT NOT NULL, message TEXT);
-- One row per narrative; a file may hold several (a whole annual report). "file_id" in this
-- table and the ones below is the narrative's key (one narrative per file before schema 13);
-- "source" is the file's row in files, "ord" the narrative's place in corpus order.
CREATE TABLE IF NOT EXISTS reports(
    file_id INTEGER PRIMARY KEY, source INT NOT NULL, ord INT NOT NULL, digest TEXT NOT NULL,
    base_id TEXT NOT NULL, report_id TEXT, country TEXT, year INT, tier TEXT, meta TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reports_id ON reports(report_id);
CREATE INDEX IF NOT EXISTS reports_source ON reports(source);
CREATE INDEX IF NOT EXISTS reports_digest ON reports(digest);
CREATE TABLE IF NOT EXISTS paragraphs(
    id INTEGER PRIMARY KEY, file_id INT NOT NULL, idx INT NOT NULL, section TEXT NOT NULL,
    tags TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_file ON paragraphs(file_id, idx);
CREATE TABLE IF NOT EXISTS facts(
    paragraph_id INT NOT NULL, n INT NOT NULL, kind TEXT, value REAL, low REAL, high REAL,
    unit TEXT, qualifier TEXT, measure TEXT, text TEXT, sentence_start INT, sentence_end INT,
    span_start INT, span_end INT, earlier INT, file_id INT NOT NULL, section TEXT NOT NULL,
    PRIMARY KEY(paragraph_id, n));
CREATE INDEX IF NOT EXISTS facts_file ON facts(file_id);
CREATE INDEX IF NOT EXISTS facts_measure ON facts(measure, earlier, paragraph_id);
CREATE INDEX IF NOT EXISTS facts_summary ON facts(kind, earlier, file_id, measure, value, section);
CREATE TABLE IF NOT EXISTS key_figures(
    file_id INT NOT NULL, measure TEXT NOT NULL, value REAL NOT NULL, unit TEXT,
    qualifier TEXT, derived INT NOT NULL, facts TEXT NOT NULL, sentence TEXT NOT NULL,
    PRIMARY KEY(file_id, measure));
CREATE TABLE IF NOT EXISTS terms(
    key TEXT NOT NULL, exact INT NOT NULL, stem TEXT, df INT NOT NULL DEFAULT 0,
    PRIMARY KEY(key, exact)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS terms_stem ON terms(stem);
CREATE TABLE IF NOT EXISTS acronyms(
    file_id INT NOT NULL, acronym TEXT, expansion TEXT, acronym_key TEXT, first_key TEXT);
CREATE INDEX IF NOT EXISTS acronyms_acronym ON acronyms(acronym_key);
CREATE INDEX IF NOT EXISTS acronyms_first ON acronyms(first_key);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(keys, words);
"""


class StaleIndexError(Exception):
    """The database is not a usable tip index (corrupt, foreign or another version)."""


class Store:
    """A corpus in SQLite: synced from disk, queried by the commands."""

    def __init__(self, connection: sqlite3.Connection, root: Path) -> None:
        self.db = connection
        self.root = root
        self._ids: dict[int, str] | None = None

    # -- opening ------------------------------------------------------------------
    @classmethod
    def open(cls, location: str, root: Path) -> Store:
        """Open (creating if needed) the index at location (a file path or ':memory:')."""
        db = sqlite3.connect(location, timeout=120, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 120000")
            # A cache: a lost write after an OS crash is detected and rebuilt, so commits
            # need not wait for the disk.
            db.execute("PRAGMA synchronous = OFF")
            store = cls(db, root)
            store._check_or_create()
        except (sqlite3.DatabaseError, StaleIndexError):
            db.close()
            raise
        return store

    def _check_or_create(self) -> None:
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables == 0:
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE; PRAGMA application_id = {APPLICATION_ID}; {_TABLES}"
                    f"INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA}'); COMMIT;"
                )
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
            app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise StaleIndexError("not a tip index")
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or row[0] != str(SCHEMA):
            raise StaleIndexError(f"index schema {row[0] if row else '?'} is not {SCHEMA}")

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    # -- syncing ------------------------------------------------------------------
    def sync(
        self,
        progress: ProgressCallback | None = None,
        workers: int = 0,
        listing: Listing | None = None,
    ) -> list[Skipped]:
        """Bring the index up to date with the files on disk (as `listing` saw them, when
        given); return the skipped files."""
        if listing is None:
            if not self.root.exists():
                raise CorpusError(f"{self.root}: no such file or folder", "check the corpus path")
            listing = scan(self.root)
        # The whole listing, compared byte for byte (marshal version 2 has no back-references,
        # so equal listings give equal bytes): exact, and cheaper than formatting or hashing it.
        fingerprint = marshal.dumps(listing, 2)
        stored = self.db.execute("SELECT value FROM meta WHERE key = 'listing'").fetchone()
        if stored is None or stored[0] != fingerprint or any(size < 0 for _, size, _ in listing):
            self._update(listing, fingerprint, progress, workers)
        self._ids = None
        return self._skipped()

    def _update(
        self, listing: Listing, fingerprint: bytes, progress: ProgressCallback | None, workers: int
    ) -> None:
        started = time.time_ns()
        on_disk = {path: (size, mtime, i) for i, (path, size, mtime) in enumerate(listing)}
        self.db.execute("BEGIN IMMEDIATE")  # one writer; a second process waits here
        try:
            self._apply(on_disk, self._changes(on_disk), progress, workers)
            self._assign_ids()
            # A file modified within a timestamp tick of being read may look unchanged:
            # such "racy" files keep the next runs on the slow path, which re-hashes them.
            racy = any(mtime >= started - RACY_WINDOW_NS for _, _, mtime in listing)
            self.db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("listing", b"" if racy else fingerprint), ("synced_ns", started)],
            )
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _assign_ids(self) -> None:
        """Report ids from the narratives alone (see stable_ids)."""
        rows = self.db.execute("SELECT file_id, base_id, digest, report_id FROM reports").fetchall()
        wanted = stable_ids((base, digest) for _, base, digest, _ in rows)
        self.db.executemany(
            "UPDATE reports SET report_id = ? WHERE file_id = ?",
            [
                (new, key)
                for (key, _, _, current), new in zip(rows, wanted, strict=True)
                if new != current
            ],
        )

    def _changes(self, on_disk: dict[str, tuple[int, int, int]]) -> tuple[list[str], list[int]]:
        """Files to (re)parse and file ids to drop."""
        known = {
            path: (fid, size, mtime, order)
            for fid, path, size, mtime, order in self.db.execute(
                "SELECT id, path, size, mtime_ns, ord FROM files"
            )
        }
        row = self.db.execute("SELECT value FROM meta WHERE key = 'synced_ns'").fetchone()
        racy = int(row[0]) - RACY_WINDOW_NS if row else 0  # mtimes from here on: re-hash
        changed = [
            path
            for path, (size, mtime, order) in on_disk.items()
            if path not in known
            or known[path][1:] != (size, mtime, order)
            or size < 0
            or mtime >= racy
        ]
        gone = [fid for path, (fid, *_rest) in known.items() if path not in on_disk]
        if changed or gone:
            # A narrative loaded once for two files: the other copy is re-read, last, so
            # that it comes back if the first one changed or went.
            twice = self.db.execute("SELECT path FROM files WHERE status = 'duplicate'")
            again = [path for (path,) in twice if path in on_disk and path not in changed]
            changed = [p for p in changed if p not in again] + again
        return changed, gone

    def _apply(
        self,
        on_disk: dict[str, tuple[int, int, int]],
        changes: tuple[list[str], list[int]],
        progress: ProgressCallback | None,
        workers: int,
    ) -> None:
        changed, gone = changes
        for fid in gone:
            self._drop(fid)
        known = {
            path: (fid, sha)
            for fid, path, sha in self.db.execute("SELECT id, path, sha256 FROM files")
        }
        to_parse: list[tuple[str, int, int, str]] = []
        for path in changed:
            size, mtime, order = on_disk[path]
            digest = file_digest(Path(path))
            duplicate = self._status(known[path][0]) == "duplicate" if path in known else False
            if path in known and digest and known[path][1] == digest and not duplicate:
                # touched, not changed: keep the parsed content
                self.db.execute(
                    "UPDATE files SET size = ?, mtime_ns = ?, ord = ? WHERE id = ?",
                    (size, mtime, order, known[path][0]),
                )
                self.db.execute(
                    "UPDATE reports SET ord = ? * ? + (ord % ?) WHERE source = ?",
                    (order, _PER_FILE, _PER_FILE, known[path][0]),
                )
            else:
                to_parse.append((path, size, mtime, digest))
        df = Frequencies()  # document frequencies added, written once
        for done, parsed in enumerate(self._parse_all(to_parse, workers), start=1):
            self._store(parsed, on_disk[parsed.path][2], known.get(parsed.path, (None, ""))[0], df)
            if progress:
                progress(done, len(to_parse))
        self.db.executemany(
            "INSERT INTO terms(key, exact, stem, df) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key, exact) DO UPDATE SET df = df + excluded.df",
            df.rows(),
        )
        if len(to_parse) > 50:
            self.db.execute("INSERT INTO fts(fts) VALUES ('optimize')")

    @staticmethod
    def _parse_all(jobs: Sequence[tuple[str, int, int, str]], workers: int) -> Iterator[Parsed]:
        count = workers or (os.cpu_count() or 1)
        if len(jobs) < 64 or count < 2:
            yield from (parse_file(*job) for job in jobs)
            return
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=count, initializer=_ignore_sigint) as pool:
            try:
                yield from pool.map(parse_file, *zip(*jobs, strict=True), chunksize=16)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise

    def _status(self, file_id: int) -> str:
        row = self.db.execute("SELECT status FROM files WHERE id = ?", (file_id,)).fetchone()
        return str(row[0]) if row else ""

    def _drop(self, file_id: int) -> None:
        """Forget a file and every narrative it held."""
        keys = [
            r[0]
            for r in self.db.execute("SELECT file_id FROM reports WHERE source = ?", (file_id,))
        ]
        for key in keys:
            self._drop_report(key)
        self.db.execute("DELETE FROM files WHERE id = ?", (file_id,))

    def _drop_report(self, file_id: int) -> None:
        ids = [
            r[0] for r in self.db.execute("SELECT id FROM paragraphs WHERE file_id = ?", (file_id,))
        ]
        df: dict[tuple[str, int], int] = {}
        for keys, words in self._in("SELECT keys, words FROM fts WHERE rowid", ids):
            for term in {(k, 0) for k in keys.split()} | {(w, 1) for w in words.split()}:
                df[term] = df.get(term, 0) + 1
        self.db.executemany(
            "UPDATE terms SET df = df - ? WHERE key = ? AND exact = ?",
            ((count, key, exact) for (key, exact), count in df.items()),
        )
        self.db.executemany("DELETE FROM fts WHERE rowid = ?", ((i,) for i in ids))
        self.db.execute("DELETE FROM facts WHERE file_id = ?", (file_id,))
        self.db.execute("DELETE FROM key_figures WHERE file_id = ?", (file_id,))
        self.db.execute("DELETE FROM paragraphs WHERE file_id = ?", (file_id,))
        self.db.execute("DELETE FROM reports WHERE file_id = ?", (file_id,))
        self.db.execute("DELETE FROM acronyms WHERE file_id = ?", (file_id,))

    def _store(self, parsed: Parsed, order: int, old_id: int | None, df: Frequencies) -> None:
        if old_id is not None:
            self._drop(old_id)
        seen = [self._copy_of(item.digest) for item in parsed.reports]
        twice = [(item, first) for item, first in zip(parsed.reports, seen, strict=True) if first]
        status = "skipped" if parsed.error else "duplicate" if twice else "ok"
        message = parsed.error or "; ".join(
            f"{parsed.path}: same narrative as {first} ({item.report.id}): loaded once"
            for item, first in twice
        )
        cursor = self.db.execute(
            "INSERT INTO files(path, size, mtime_ns, sha256, ord, status, message) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                parsed.path,
                parsed.size,
                parsed.mtime_ns,
                parsed.sha256,
                order,
                status,
                message or None,
            ),
        )
        file_id = cursor.lastrowid
        assert file_id is not None
        for n, (item, first) in enumerate(zip(parsed.reports, seen, strict=True)):
            if first is None:
                self._store_report(item, file_id, order * _PER_FILE + n, df)

    def _copy_of(self, digest: str) -> str | None:
        """The file already holding this narrative, if one does."""
        row = self.db.execute(
            "SELECT f.path FROM reports r JOIN files f ON f.id = r.source WHERE r.digest = ?",
            (digest,),
        ).fetchone()
        return str(row[0]) if row else None

    def _store_report(self, item: Ingested, source: int, order: int, df: Frequencies) -> None:
        """A report's row, its paragraphs (text, search keys, facts), key figures and
        acronyms, a statement per table: per-row statements cost the indexing process more."""
        from tipcli.load.terms import folded_keys

        report = item.report
        cursor = self.db.execute(
            "INSERT INTO reports VALUES (NULL, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
            (source, order, item.digest, report.id, report.country, report.year, report.tier,
             _meta_json(report)),
        )  # fmt: skip
        file_id = cursor.lastrowid
        assert file_id is not None
        df.add(item.tokens)
        first = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM paragraphs").fetchone()[0]
        places = {p.id: (first + i, p.section) for i, p in enumerate(report.paragraphs)}
        self.db.executemany(
            "INSERT INTO paragraphs(id, file_id, idx, section, tags, text) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (places[p.id][0], file_id, p.index, p.section, "|".join(p.tags), p.text)
                for p in report.paragraphs
            ],
        )
        self.db.executemany(
            "INSERT INTO fts(rowid, keys, words) VALUES (?, ?, ?)",
            [
                (places[p.id][0], keys, words)
                for p, (keys, words) in zip(report.paragraphs, item.tokens, strict=True)
            ],
        )
        self.db.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _fact_rows(item.facts, places, file_id),
        )
        self.db.executemany(
            "INSERT INTO key_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (file_id, k.measure, k.value, k.unit, k.qualifier, int(k.derived),
                 " ".join(i.partition(":")[2] for i in k.facts), k.sentence)
                for k in item.figures
            ],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO acronyms VALUES (?, ?, ?, ?, ?)",
            ((file_id, a, e, a.lower(), (folded_keys(e) or [""])[0]) for a, e in report.acronyms),
        )

    def _skipped(self) -> list[Skipped]:
        return [
            Skipped(path, message or "not a narrative")
            for path, message in self.db.execute(
                "SELECT path, message FROM files WHERE status IN ('skipped', 'duplicate') "
                "ORDER BY ord"
            )
        ]

    # -- report ids ---------------------------------------------------------------
    @property
    def ids(self) -> dict[int, str]:
        """file id -> report id, in corpus order."""
        if self._ids is None:
            self._ids = dict(self.db.execute("SELECT file_id, report_id FROM reports ORDER BY ord"))
        return self._ids

    def file_ids(self, filters: Filters) -> list[int]:
        """The files (reports) that pass the filters, in corpus order."""
        clauses: list[str] = ["1"]
        args: list[object] = []
        if filters.country:
            names = self.countries_named(filters.country)
            clauses.append(f"country IN ({','.join('?' * len(names))})")
            args.extend(names)
        if filters.year is not None:
            clauses.append("year = ?")
            args.append(filters.year)
        if filters.years:
            spans = [(low or 0, high or 9999) for low, high in filters.years]
            clauses.append("(" + " OR ".join(["year BETWEEN ? AND ?"] * len(spans)) + ")")
            args.extend(year for span in spans for year in span)
        if filters.tier:
            clauses.append("tier = ?")
            args.append(normalise_tier(filters.tier))
        if filters.tags:
            tagged, patterns = tagged_clause(filters.tags)
            clauses.append(f"file_id IN (SELECT file_id FROM paragraphs WHERE {tagged})")
            args.extend(patterns)
        rows = {
            r[0]
            for r in self.db.execute(
                f"SELECT file_id FROM reports WHERE {' AND '.join(clauses)}", args
            )
        }
        ordered = [fid for fid in self.ids if fid in rows]
        if filters.report:
            wanted = filters.report.split(":")[0]
            if wanted not in self.ids.values():
                known = sorted(self.ids.values())
                raise UsageError(
                    f"unknown report '{filters.report}'",
                    f"'tip reports' lists them: {', '.join(known[:5])}"
                    + (" ..." if len(known) > 5 else ""),
                )
            ordered = [fid for fid in ordered if self.ids[fid] == wanted]
        return ordered

    def countries(self) -> list[str]:
        """Every country of the corpus, once, sorted."""
        rows = self.db.execute("SELECT DISTINCT country FROM reports WHERE country IS NOT NULL")
        return sorted(r[0] for r in rows)

    def countries_named(self, name: str) -> list[str]:
        """The corpus's spellings of a country, ignoring case, accents and punctuation:
        "cote d'ivoire" finds "Côte d'Ivoire"."""
        key = squeeze(name)
        return [country for country in self.countries() if squeeze(country) == key]

    def years_of(self, countries: Sequence[str]) -> list[int]:
        """The report years of these countries, sorted."""
        rows = self._in(
            "SELECT DISTINCT year FROM reports WHERE year IS NOT NULL AND country", countries
        )
        return sorted(r[0] for r in rows)

    def tag_counts(self, file_ids: Sequence[int]) -> Counter[str]:
        """How many paragraphs of the files carry each tag."""
        counts: Counter[str] = Counter()
        for (tags,) in self._in("SELECT tags FROM paragraphs WHERE file_id", list(file_ids)):
            counts.update(_tags(tags))
        return counts

    # -- records ------------------------------------------------------------------
    def reports(self, file_ids: Iterable[int], with_paragraphs: bool = True) -> list[Report]:
        """Report records, with their paragraphs unless asked not to."""
        from tipcli.records import loads

        file_ids = list(file_ids)
        metas = {
            fid: (rid, loads(meta))
            for fid, rid, meta in self._in(
                "SELECT file_id, report_id, meta FROM reports WHERE file_id", file_ids
            )
        }
        paragraphs: dict[int, list[Paragraph]] = {fid: [] for fid in file_ids}
        if with_paragraphs:
            for fid, idx, section, tags, text in self._in(
                "SELECT file_id, idx, section, tags, text FROM paragraphs WHERE file_id",
                file_ids,
                order="file_id, idx",
            ):
                rid = metas[fid][0]
                paragraphs[fid].append(
                    Paragraph(paragraph_id(rid, idx), rid, idx, section, text, _tags(tags))
                )
        out = []
        for fid in file_ids:
            rid, meta = metas[fid]
            meta["acronyms"] = tuple(tuple(pair) for pair in meta["acronyms"])
            out.append(Report(id=rid, paragraphs=tuple(paragraphs[fid]), **meta))
        return out

    def paragraphs(self, rowids: Sequence[int]) -> dict[int, Paragraph]:
        """Paragraphs by row id."""
        return {
            rowid: Paragraph(paragraph_id(rid, idx), rid, idx, section, text, _tags(tags))
            for rowid, rid, idx, section, tags, text in self._in(
                "SELECT p.id, r.report_id, p.idx, p.section, p.tags, p.text FROM paragraphs p "
                "JOIN reports r ON r.file_id = p.file_id WHERE p.id",
                list(rowids),
            )
        }

    def facts(
        self, file_ids: Sequence[int] | None, wanted: FactFilter | None = None
    ) -> Iterator[Fact]:
        """The facts of the files (None: all) that pass the filter, in corpus and reading
        order, streamed. The filter runs in SQL, so only the facts kept become objects."""
        clauses, args = (wanted or FactFilter()).sql()
        scope: set[int] | None = None
        if file_ids is not None and len(file_ids) <= _MAX_BOUND:
            clauses.append(f"f.file_id IN ({','.join('?' * len(file_ids))})")
            args.extend(file_ids)
        elif file_ids is not None:
            scope = set(file_ids)  # too many to bind: filtered here
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        for row in self.db.execute(f"{_FACTS_SQL} {where} ORDER BY fl.ord, p.idx, f.n", args):
            if scope is None or row[-1] in scope:
                yield _fact(row)

    def _in(
        self,
        sql: str,
        leading: Sequence[Any],
        values: Sequence[Any] | None = None,
        order: str | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """Run "sql IN (values)" in chunks (SQLite limits bound parameters); leading are the
        arguments of the placeholders before the IN (none when values are given alone)."""
        if values is None:
            leading, values = (), leading
        for start in range(0, len(values), 900):
            chunk = values[start : start + 900]
            marks = ",".join("?" * len(chunk))
            tail = f" ORDER BY {order}" if order else ""
            yield from self.db.execute(f"{sql} IN ({marks}){tail}", [*leading, *chunk])

    def paragraph_count(self) -> int:
        """How many paragraphs the store holds."""
        return int(self.db.execute("SELECT count(*) FROM paragraphs").fetchone()[0])

    def acronyms(
        self, file_ids: Sequence[int] | None, keys: Iterable[str] = ()
    ) -> list[tuple[str, str]]:
        """(acronym, expansion) pairs of the files (None: all), in corpus order; with keys,
        only the pairs whose acronym or first expansion word is one of them."""
        wanted_keys = sorted(set(keys))
        where = ""
        if wanted_keys:
            marks = ",".join("?" * len(wanted_keys))
            where = f"WHERE a.acronym_key IN ({marks}) OR a.first_key IN ({marks})"
        rows = self.db.execute(
            "SELECT a.acronym, a.expansion, a.file_id FROM acronyms a "
            f"JOIN reports f ON f.file_id = a.file_id {where} ORDER BY f.ord, a.rowid",
            wanted_keys * 2 if wanted_keys else [],
        )
        if file_ids is None:
            return [(a, e) for a, e, _ in rows]
        wanted = set(file_ids)
        return [(a, e) for a, e, fid in rows if fid in wanted]

    def headers(self, report_ids: Iterable[str]) -> dict[str, Report]:
        """Report headers (the metadata, no paragraphs or acronyms) by report id."""
        from tipcli.records import loads

        wanted = list(dict.fromkeys(report_ids))
        found = {}
        for rid, meta in self._in("SELECT report_id, meta FROM reports WHERE report_id", wanted):
            fields = loads(meta)
            fields["acronyms"] = ()  # a header: citations and spreadsheets do not need them
            found[rid] = Report(id=rid, **fields)
        return {rid: found[rid] for rid in wanted if rid in found}

    def key_figures(self, file_ids: Sequence[int]) -> dict[int, dict[str, KeyFigure]]:
        """The stored key figures of the files: file id -> measure -> figure (a measure the
        narrative does not report is absent). Fact ids are stored without the report id,
        which is only settled when the corpus is (two files may share a base id)."""
        found: dict[int, dict[str, KeyFigure]] = {fid: {} for fid in file_ids}
        for fid, measure, value, unit, qual, derived, facts, sentence in self._in(
            "SELECT file_id, measure, value, unit, qualifier, derived, facts, sentence "
            "FROM key_figures WHERE file_id",
            list(file_ids),
        ):
            ids = tuple(f"{self.ids[fid]}:{suffix}" for suffix in facts.split())
            found[fid][measure] = KeyFigure(
                measure, value, unit, qual, bool(derived), ids, sentence
            )
        return found

    def measure_summary(
        self, file_ids: Sequence[int], section: str | None, measure: str | None
    ) -> list[tuple[int, str, float]]:
        """(file id, measure, largest value) of the current counts with a measure."""
        sql = (
            "SELECT file_id, measure, max(value) FROM facts "
            "WHERE kind = 'count' AND earlier = 0 AND measure != 'other' "
            "AND (?1 IS NULL OR section = ?1) AND (?2 IS NULL OR measure = ?2) "
            "GROUP BY file_id, measure"
        )
        wanted = set(file_ids)
        return [row for row in self.db.execute(sql, (section, measure)) if row[0] in wanted]

    def stats(self) -> dict[str, int]:
        """Counts for `tip index`."""
        one = self.db.execute
        return {
            "files": one("SELECT count(*) FROM files").fetchone()[0],
            "reports": one("SELECT count(*) FROM reports").fetchone()[0],
            "paragraphs": one("SELECT count(*) FROM paragraphs").fetchone()[0],
            "facts": one("SELECT count(*) FROM facts").fetchone()[0],
        }


@dataclass(frozen=True, slots=True)
class FactFilter:
    """Which facts `tip stats` keeps (all when every field is None)."""

    section: str | None = None
    measure: str | None = None
    kind: str | None = None
    minimum: float | None = None  # on the value, or a range's upper bound
    tags: tuple[str, ...] = ()  # facts in paragraphs carrying every one of these tags

    def sql(self) -> tuple[list[str], list[object]]:
        """WHERE clauses (on facts AS f) and their arguments."""
        clauses: list[str] = []
        args: list[object] = []
        for column, value in (("section", self.section), ("measure", self.measure)):
            if value is not None:
                clauses.append(f"f.{column} = ?")
                args.append(value)
        if self.kind is not None:
            clauses.append("f.kind = ?")
            args.append(self.kind)
        if self.minimum is not None:
            clauses.append("coalesce(f.value, f.high, 0) >= ?")
            args.append(self.minimum)
        if self.tags:
            tagged, patterns = tagged_clause(self.tags, "p.tags")
            clauses.append(tagged)
            args.extend(patterns)
        return clauses, args


_FACTS_SQL = (
    "SELECT r.report_id, p.idx, f.section, f.n, f.kind, f.value, f.low, f.high, f.unit, "
    "f.qualifier, f.measure, f.text, f.sentence_start, "
    "substr(p.text, f.sentence_start + 1, f.sentence_end - f.sentence_start), "
    "f.span_start, f.span_end, f.earlier, f.file_id FROM facts f "
    "JOIN paragraphs p ON p.id = f.paragraph_id JOIN reports r ON r.file_id = f.file_id "
    "JOIN reports fl ON fl.file_id = f.file_id"
)
_MAX_BOUND = 900  # bound parameters per statement, under SQLite's old default of 999


def _fact(row: tuple[Any, ...]) -> Fact:
    """A Fact from a row of _FACTS_SQL."""
    rid, idx, section, n, kind, value, low, high, unit, qualifier, measure, text, *rest = row
    sentence_start, sentence, span_start, span_end, earlier, _file_id = rest
    paragraph = paragraph_id(rid, idx)
    return Fact(
        id=fact_id(paragraph, n),
        report=rid,
        paragraph=paragraph,
        section=section,
        kind=kind,
        value=value,
        low=low,
        high=high,
        unit=unit,
        qualifier=qualifier,
        measure=measure,
        text=text,
        sentence=sentence,
        span=(span_start, span_end),
        earlier=bool(earlier),
        sentence_start=sentence_start,
    )


class Frequencies:
    """Document frequencies: in how many paragraphs each search key (folded) and each exact
    word stands. Counted from the paragraphs' token strings with Counter's C loop."""

    def __init__(self) -> None:
        self.keys: Counter[str] = Counter()
        self.words: Counter[str] = Counter()

    def add(self, tokens: Iterable[tuple[str, str]]) -> None:
        """Count one report's paragraphs: (folded keys, exact words), space-separated."""
        for keys, words in tokens:
            self.keys.update(set(keys.split()))
            self.words.update(set(words.split()))

    def rows(self) -> Iterator[tuple[str, int, str | None, int]]:
        """(key, exact, stem, df) rows for the terms table, in key order."""
        for exact, counts in ((0, self.keys), (1, self.words)):
            for key in sorted(counts):
                yield key, exact, None if exact else stem(key), counts[key]


def _fact_rows(
    facts: Iterable[Fact], places: dict[str, tuple[int, str]], file_id: int
) -> list[tuple[object, ...]]:
    """Rows of the facts table, numbered from 1 within each paragraph, with the paragraph's
    row id and section (places: paragraph id -> both)."""
    numbers: Counter[str] = Counter()
    rows: list[tuple[object, ...]] = []
    for f in facts:
        numbers[f.paragraph] += 1
        rowid, section = places[f.paragraph]
        rows.append(
            (rowid, numbers[f.paragraph], f.kind, f.value, f.low, f.high, f.unit,
             f.qualifier, f.measure, f.text, f.sentence_start,
             f.sentence_start + len(f.sentence), f.span[0], f.span[1], int(f.earlier), file_id,
             section)
        )  # fmt: skip
    return rows


def _meta_json(report: Report) -> str:
    """The report's metadata (not its id or paragraphs) as JSON."""
    from tipcli.records import dumps, report_metadata

    return dumps({**report_metadata(report), "acronyms": report.acronyms})


def stable_ids(narratives: Iterable[tuple[str, str]]) -> list[str]:
    """Report ids that depend only on the narratives: (base id, digest) -> id.

    The id is the country-year slug (china-2007). Different narratives sharing a slug are
    told apart by their content: the one with the smallest digest keeps the slug, each other
    one gets the slug and the first 6 hex digits of its digest (china-2007-3fa2c1). No file
    order enters, so adding a file never renames another report unless it is a different
    narrative of the same country-year whose digest sorts first."""
    rows = list(narratives)
    first: dict[str, str] = {}
    for base, digest in rows:
        if base not in first or digest < first[base]:
            first[base] = digest
    return [base if digest == first[base] else f"{base}-{digest[:6]}" for base, digest in rows]


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which rolls back and reports it once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def tagged_clause(tags: Sequence[str], column: str = "tags") -> tuple[str, list[str]]:
    """SQL (and its arguments) true for paragraphs carrying every one of the tags.

    Tags are stored "a|b|c": a paragraph has a tag when "|a|b|c|" holds "|tag|".
    """
    clause = " AND ".join([f"'|' || {column} || '|' GLOB ?"] * len(tags))
    return f"({clause})", [f"*|{tag}|*" for tag in tags]


def _tags(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("|")) if joined else ()
