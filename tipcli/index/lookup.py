"""The index's query methods for search: vocabulary, candidate streams, unit details.

Search asks these for what it needs and never writes SQL. Candidates come from SQLite's FTS5
index: a candidate stream is the paragraphs that hold every form group in `need` and none in
`avoid` (each group an OR of token sequences), in BM25 order. Because every group of the query
stands exactly once in each stream's expression (in `need` or `avoid`), FTS5's BM25 of a row
is the same in every stream as over the whole query: streams split the matches without
changing their rank.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from tipcli.index.store import Store

Forms = Sequence[tuple[str, ...]]  # one query word's acceptable token sequences
STREAM_BATCH = 64  # rows fetched at a time from a candidate stream


class Scope:
    """Which paragraphs a search looks at: some reports (None: all) and a section."""

    __slots__ = ("file_ids", "section", "tags")

    def __init__(
        self,
        file_ids: tuple[int, ...] | None = None,
        section: str | None = None,
        tags: tuple[str, ...] = (),  # paragraphs carrying every one of these topic tags
    ) -> None:
        self.file_ids = file_ids
        self.section = section
        self.tags = tags


class Answers:
    """What the query asks for: a current fact of one of these measures (a paragraph stating
    one answers it), and topic tags (a paragraph carrying one holds the topic's words)."""

    __slots__ = ("measures", "tags")

    def __init__(self, measures: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> None:
        self.measures = measures
        self.tags = tags


class UnitDetails:
    """What scoring needs of one paragraph."""

    __slots__ = ("keys", "measures", "position", "tags")

    def __init__(
        self,
        keys: tuple[str, ...],
        position: tuple[int, int],
        tags: frozenset[str],
        measures: frozenset[str],
    ) -> None:
        self.keys = keys
        self.position = position  # corpus order: the file's place, the paragraph's index
        self.tags = tags
        self.measures = measures  # measures of the paragraph's current (not earlier) facts


def _phrase(tokens: Sequence[str]) -> str:
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def _any(column: str, forms: Forms) -> str:
    return f"{column} : (" + " OR ".join(_phrase(f) for f in sorted(forms)) + ")"


class SearchIndex:
    """Search's view of a store (the folded `keys` column, or the `words` column for
    --exact)."""

    def __init__(self, store: Store, exact: bool = False) -> None:
        self.db: sqlite3.Connection = store.db
        self.store = store
        self.exact = int(exact)
        self.column = "words" if exact else "keys"

    # -- vocabulary ---------------------------------------------------------------
    def document_frequency(self, key: str) -> int:
        """How many paragraphs hold the word."""
        row = self.db.execute(
            "SELECT df FROM terms WHERE key = ? AND exact = ?", (key, self.exact)
        ).fetchone()
        return int(row[0]) if row else 0

    def same_stem(self, stem: str) -> list[str]:
        """Folded words of the corpus with this stem."""
        sql = "SELECT key FROM terms WHERE stem = ? AND exact = 0 AND df > 0"
        return [row[0] for row in self.db.execute(sql, (stem,))]

    def words_of_length(self, shortest: int, longest: int) -> list[tuple[str, int]]:
        """(word, document frequency) of the corpus words of these lengths."""
        sql = "SELECT key, df FROM terms WHERE exact = ? AND df > 0 AND length(key) BETWEEN ? AND ?"
        return list(self.db.execute(sql, (self.exact, shortest, longest)))

    def phrase_frequency(self, tokens: Sequence[str]) -> int:
        """How many paragraphs hold the token sequence."""
        sql = "SELECT count(*) FROM fts WHERE fts MATCH ?"
        expression = f"{self.column} : {_phrase(tokens)}"
        return int(self.db.execute(sql, (expression,)).fetchone()[0])

    def paragraph_count(self) -> int:
        """How many paragraphs the index holds."""
        return self.store.paragraph_count()

    def report_names(self) -> list[tuple[int, str, int | None]]:
        """(file id, country, year) of every report."""
        return list(self.db.execute("SELECT file_id, country, year FROM reports"))

    # -- candidates ---------------------------------------------------------------
    def expression(
        self, need: Sequence[Forms], avoid: Sequence[Forms], phrases: Sequence[Sequence[str]]
    ) -> str:
        """The FTS5 expression of a stream (empty when it needs nothing)."""
        required = [_any(self.column, g) for g in need if g]
        required += [f"{self.column} : {_phrase(p)}" for p in phrases]
        if not required:
            return ""
        text = "(" + " AND ".join(required) + ")"
        avoided = [_any(self.column, g) for g in avoid if g]
        if avoided:
            text += " NOT (" + " OR ".join(avoided) + ")"
        return text

    def any_of(self, groups: Sequence[Forms], phrases: Sequence[Sequence[str]]) -> str:
        """The expression of the paragraphs holding any of the groups (and every phrase)."""
        ors = [_any(self.column, g) for g in groups if g]
        if not ors:
            return ""
        text = "(" + " OR ".join(ors) + ")"
        return text + "".join(f" AND {self.column} : {_phrase(p)}" for p in phrases)

    def ranked(
        self, expression: str, scope: Scope, answers: Answers, answering: bool | None
    ) -> Iterator[list[tuple[int, float]]]:
        """Batches of (row id, BM25 rank: lower is better) of the paragraphs matching the
        expression within the scope, best first; answering True/False keeps only the
        paragraphs that do/do not state a fact of a measure asked for (None: both)."""
        if not expression:
            return
        where, args = self._conditions(scope, answers, answering)
        sql = (
            "SELECT fts.rowid, fts.rank FROM fts "
            + ("JOIN paragraphs p ON p.id = fts.rowid " if where else "")
            + "WHERE fts MATCH ? "
            + "".join(f"AND {w} " for w in where)
            + "ORDER BY fts.rank"
        )
        cursor = self.db.execute(sql, [expression, *args])
        while batch := cursor.fetchmany(STREAM_BATCH):
            yield batch

    def tagged_without(
        self, expression: str, scope: Scope, answers: Answers
    ) -> Iterator[list[int]]:
        """Batches of the paragraphs carrying one of the answers' tags that do not match
        the expression, in corpus order."""
        if not answers.tags:
            return
        where, args = self._conditions(scope, answers, None)
        where.append("(" + " OR ".join(["('|' || p.tags || '|') LIKE ?"] * len(answers.tags)) + ")")
        args.extend(f"%|{tag}|%" for tag in answers.tags)
        if expression:
            where.append("p.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
            args.append(expression)
        sql = (
            "SELECT p.id FROM paragraphs p JOIN reports f ON f.file_id = p.file_id "
            f"WHERE {' AND '.join(where)} ORDER BY f.ord, p.idx"
        )
        cursor = self.db.execute(sql, args)
        while batch := cursor.fetchmany(STREAM_BATCH):
            yield [row[0] for row in batch]

    def matching(self, expression: str, scope: Scope) -> list[tuple[int, float]]:
        """Every (row id, rank) matching the expression in scope: the exhaustive path."""
        return [row for batch in self.ranked(expression, scope, Answers(), None) for row in batch]

    def ranks(self, expression: str, rowids: Sequence[int]) -> dict[int, float]:
        """The BM25 rank of these rows under the expression (rows not matching: absent)."""
        sql = "SELECT rowid, rank FROM fts WHERE fts MATCH ? AND rowid IN"
        return {
            rowid: rank
            for start in range(0, len(rowids), 900)
            for rowid, rank in self._in(sql, rowids[start : start + 900], [expression])
        }

    @staticmethod
    def _conditions(
        scope: Scope, answers: Answers, answering: bool | None
    ) -> tuple[list[str], list[object]]:
        where: list[str] = []
        args: list[object] = []
        if scope.file_ids is not None:
            where.append(f"p.file_id IN ({','.join('?' * len(scope.file_ids))})")
            args.extend(scope.file_ids)
        if scope.section is not None:
            where.append("p.section = ?")
            args.append(scope.section)
        if scope.tags:
            from tipcli.index.store import tagged_clause

            tagged, patterns = tagged_clause(scope.tags, "p.tags")
            where.append(tagged)
            args.extend(patterns)
        if answering is not None and answers.measures:
            marks = ",".join("?" * len(answers.measures))
            test = (
                "p.id IN (SELECT paragraph_id FROM facts "
                f"WHERE measure IN ({marks}) AND earlier = 0)"
            )
            args.extend(answers.measures)
            where.append(test if answering else f"NOT {test}")
        return where, args

    # -- details --------------------------------------------------------------------
    def details(self, rowids: Sequence[int], answers: Answers) -> dict[int, UnitDetails]:
        """Keys, corpus position, tags and answered measures of these paragraphs."""
        sql = (
            f"SELECT fts.rowid, fts.{self.column}, f.ord, p.idx, p.tags FROM fts "
            "JOIN paragraphs p ON p.id = fts.rowid JOIN reports f ON f.file_id = p.file_id "
            "WHERE fts.rowid IN"
        )
        measures: dict[int, set[str]] = {}
        if answers.measures:
            marks = ",".join("?" * len(answers.measures))
            fact_sql = (
                "SELECT paragraph_id, measure FROM facts WHERE earlier = 0 "
                f"AND measure IN ({marks}) AND paragraph_id IN"
            )
            for rowid, measure in self._chunked(fact_sql, rowids, list(answers.measures)):
                measures.setdefault(rowid, set()).add(measure)
        return {
            rowid: UnitDetails(
                tuple(keys.split()),
                (order, idx),
                frozenset(tags.split("|")) if tags else frozenset(),
                frozenset(measures.get(rowid, ())),
            )
            for rowid, keys, order, idx, tags in self._chunked(sql, rowids, [])
        }

    def _chunked(
        self, sql: str, rowids: Sequence[int], before: list[object]
    ) -> Iterator[tuple[Any, ...]]:
        for start in range(0, len(rowids), 900):
            yield from self._in(sql, rowids[start : start + 900], before)

    def _in(
        self, sql: str, chunk: Sequence[int], before: list[object]
    ) -> Iterator[tuple[Any, ...]]:
        marks = ",".join("?" * len(chunk))
        yield from self.db.execute(f"{sql} ({marks})", [*before, *chunk])
