"""Ranked, typo-tolerant search over the paragraphs (or sentences) of a store.

Query words become groups of acceptable corpus forms (forms.py), units are scored by
scoring.py, and candidates.py reads the index in streams with a bound, so that the top k is
exactly the top k of scoring every matching paragraph (`exhaustive` does that, for tests).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence

from tipcli.index.lookup import Answers, Scope, SearchIndex
from tipcli.index.store import Store
from tipcli.load.terms import folded_keys
from tipcli.load.text import sentence_spans
from tipcli.model import Hit, Paragraph
from tipcli.search import forms as vocabulary
from tipcli.search.candidates import Stream, any_expression, initial_streams, open_stream
from tipcli.search.query import Query, parse_query, tokens
from tipcli.search.scoring import Scorer, Unit, merge

# A shown score is rounded to one decimal: a unit this far under --min-score may still show it.
ROUNDING = 0.05

EVERYWHERE = Scope()  # every paragraph of the corpus
SortKey = tuple[float, tuple[int, int], int]  # (-score, corpus position, sentence start)


class Scored:
    """A scored unit: its sort key, paragraph row, score, matched token ranges, sentence."""

    __slots__ = ("key", "matched", "rowid", "score", "sentence")

    def __init__(
        self,
        key: SortKey,
        rowid: int,
        score: float,
        matched: list[tuple[int, int]],
        sentence: tuple[int, int] | None,
    ) -> None:
        self.key = key
        self.rowid = rowid
        self.score = score
        self.matched = matched
        self.sentence = sentence


class Prepared:
    """A query made ready against the index."""

    __slots__ = ("answers", "everything", "forms", "scorer")

    def __init__(
        self,
        scorer: Scorer,
        forms: list[vocabulary.Forms],
        answers: Answers,
        everything: str,
    ) -> None:
        self.scorer = scorer
        self.forms = forms
        self.answers = answers
        self.everything = everything  # the expression of every paragraph holding any query word


class Searcher:
    """Runs queries against a store."""

    def __init__(self, store: Store, exact: bool = False) -> None:
        self.store = store
        self.exact = exact
        self.index = SearchIndex(store, exact)

    def acronyms(self, query_text: str) -> dict[str, tuple[str, ...]]:
        """Acronym (lower case) -> the folded words of its expansion, for those the query
        could use; the whole corpus's, so that a filter never changes what a word means."""
        found: dict[str, tuple[str, ...]] = {}
        for acronym, expansion in self.store.acronyms(None, folded_keys(query_text)):
            expansion_keys = tuple(folded_keys(expansion))
            if acronym.lower() not in found and expansion_keys:
                found[acronym.lower()] = expansion_keys
        return found

    def parse(self, text: str) -> Query:
        """The query, with the acronyms of the corpus."""
        return parse_query(text, {} if self.exact else self.acronyms(text), self.exact)

    def prepare(self, query: Query) -> Prepared:
        """Forms, weights and the scorer of a query."""
        forms = [vocabulary.group_forms(self.index, g) for g in query.groups]
        n_units = max(self.index.paragraph_count(), 1)
        weights = [vocabulary.weight(self.index, f, n_units) for f in forms]
        answers = Answers(query.measures, query.tags)
        everything = any_expression(self.index, forms, query)
        return Prepared(Scorer(query, forms, weights), forms, answers, everything)

    # -- searching ----------------------------------------------------------------
    def search(
        self,
        query: Query,
        scope: Scope = EVERYWHERE,
        limit: int = 10,
        min_score: float = 0.0,
        sentences: bool = False,
    ) -> list[Hit]:
        """The best units for the query, best first, read from the candidate streams until
        no stream can give a better one."""
        ready = self.prepare(query)
        best: list[Scored] = []
        streams = initial_streams(ready.scorer, self.index, ready.forms, ready.answers)
        while streams:
            stream = min(streams, key=Stream.floor)
            if stream.bound + ROUNDING < min_score:
                break
            if len(best) >= limit and stream.floor() > best[-1].key:
                break
            batch = self._next_batch(stream, ready, scope)
            if batch is None:
                streams.remove(stream)
                continue
            for scored in self._scored(batch, ready, sentences):
                if round(scored.score, 1) >= min_score:
                    _keep(best, scored, limit)
        return self._hits(best)

    def exhaustive(
        self,
        query: Query,
        scope: Scope = EVERYWHERE,
        limit: int = 10,
        min_score: float = 0.0,
        sentences: bool = False,
    ) -> list[Hit]:
        """The same as search(), by scoring every paragraph holding a query word (or a
        tag it names): slow, for tests."""
        ready = self.prepare(query)
        rows: dict[int, float | None] = dict(self.index.matching(ready.everything, scope))
        for batch in self.index.tagged_without("", scope, ready.answers):
            rows.update({rowid: None for rowid in batch if rowid not in rows})
        scored = [
            s
            for s in self._scored(list(rows.items()), ready, sentences)
            if round(s.score, 1) >= min_score
        ]
        return self._hits(sorted(scored, key=lambda s: s.key)[:limit])

    def _next_batch(
        self, stream: Stream, ready: Prepared, scope: Scope
    ) -> list[tuple[int, float | None]] | None:
        """The stream's next batch (opening it the first time), its bound lowered to what
        is left; None when it is done."""
        if stream.batches is None:
            stream.batches = open_stream(
                self.index, stream.plan, scope, ready.answers, ready.everything
            )
        batch = next(stream.batches, None)
        if not batch:
            return None
        last_rank = batch[-1][1]
        if last_rank is not None:
            stream.bound = ready.scorer.bound(stream.plan.held, stream.plan.answering, last_rank)
        else:
            details = self.index.details([batch[-1][0]], Answers())
            stream.after = details[batch[-1][0]].position
        return batch

    def _scored(
        self, batch: Sequence[tuple[int, float | None]], ready: Prepared, sentences: bool
    ) -> Iterator[Scored]:
        rowids = [rowid for rowid, _ in batch]
        details = self.index.details(rowids, ready.answers)
        texts = self.store.paragraphs(rowids) if sentences else {}
        for rowid, rank in batch:
            d = details[rowid]
            if not sentences:
                result = ready.scorer.score(Unit(d.keys, d.tags, d.measures, rank))
                if result is not None:
                    yield Scored((-result[0], d.position, 0), rowid, *result, None)
                continue
            text = texts[rowid].text
            for span, keys, offset in self._sentences(text):
                result = ready.scorer.score(Unit(keys, d.tags, d.measures, rank))
                if result is not None:
                    shifted = [(a + offset, b + offset) for a, b in result[1]]
                    yield Scored((-result[0], d.position, span[0]), rowid, result[0], shifted, span)

    def _sentences(self, text: str) -> Iterator[tuple[tuple[int, int], list[str], int]]:
        """Each sentence's span, keys, and the index of its first token in the paragraph."""
        found = tokens(text, self.exact)
        starts = [a for _, a, _ in found]
        for start, end in sentence_spans(text):
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_left(starts, end)
            yield (start, end), [k for k, _, _ in found[first:last]], first

    def _hits(self, best: Sequence[Scored]) -> list[Hit]:
        paragraphs: dict[int, Paragraph] = self.store.paragraphs([s.rowid for s in best])
        hits = []
        for rank, scored in enumerate(best, start=1):
            paragraph = paragraphs[scored.rowid]
            found = tokens(paragraph.text, self.exact)
            spans = merge((found[a][1], found[b][2]) for a, b in scored.matched)
            hits.append(Hit(paragraph, round(scored.score, 1), spans, scored.sentence, rank))
        return hits

    def suggestions(self, query: Query) -> list[str]:
        """Corpus words close to the query's words, for "did you mean"."""
        return vocabulary.suggestions(self.index, query)


def _keep(best: list[Scored], scored: Scored, limit: int) -> None:
    """Insert into the sorted best list, keeping at most limit."""
    if len(best) >= limit and scored.key >= best[-1].key:
        return
    bisect.insort(best, scored, key=lambda s: s.key)
    del best[limit:]


def scope_of(
    file_ids: Iterable[int] | None, section: str | None, tags: Iterable[str] = ()
) -> Scope:
    """The scope of a search."""
    return Scope(None if file_ids is None else tuple(file_ids), section, tuple(tags))
