"""Ranked, typo-tolerant search over the paragraphs (or sentences) of a store.

Each query word becomes a group of acceptable forms found in the corpus vocabulary: the
word itself (quality 1), words of the same stem (inflections and spelling variants, 0.9),
close misspellings (rapidfuzz, 0.8 x similarity), and for an acronym the corpus defines its
spelled-out name (or the other way round). A unit scores

    100 * (0.8 * coverage + 0.2 * proximity)

where coverage is the share of the query's weight (inverse document frequency: rare words
weigh more) that the unit holds, times match quality, and proximity is 1 when the words stand
together in query order. SQLite's FTS5 picks the candidates: the best-ranked (BM25) paragraphs
holding every query word, or, when there are too few, any of them; those are scored exactly and
BM25 breaks ties.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tipcli.errors import UsageError
from tipcli.load.terms import EXACT_WORD, fold, folded_keys, stem
from tipcli.load.text import sentence_spans, words
from tipcli.model import Hit

if TYPE_CHECKING:
    from tipcli.index.store import Store

QUERY_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "what",
        "which",
        "who",
        "how",
        "many",
        "much",
        "does",
        "did",
        "do",
        "has",
        "have",
        "had",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "from",
        "about",
    ]
)
MAX_QUERY_CHARS = 1000
MAX_FORMS = 40  # per query word: keeps FTS5 expressions small
# A query word in at least this many paragraphs is a real word, not a typo: it gets no
# fuzzy variants (which would only add the corpus's own misspellings).
KNOWN_WORD_DF = 3

Tokens = list[tuple[str, int, int]]
Span = tuple[int, int]


def _tokens(text: str, offset: int, exact: bool) -> Tokens:
    if exact:
        return [
            (m.group(0).lower(), offset + m.start(), offset + m.end())
            for m in EXACT_WORD.finditer(text)
        ]
    return [(fold(w), offset + a, offset + b) for w, a, b in words(text)]


@dataclass(frozen=True)
class Group:
    """One query word (or acronym) and the token sequences that satisfy it."""

    word: str
    alternatives: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Query:
    """A parsed query: word groups, and quoted phrases that must appear."""

    groups: tuple[Group, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = field(default=())
    gaps: tuple[int, ...] = ()  # words from each group to the next in the query, stopwords too


def parse_query(text: str, acronyms: dict[str, tuple[str, ...]], exact: bool = False) -> Query:
    """Split a query into groups and quoted phrases; UsageError when nothing is searchable."""
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            f"query is {len(text)} characters long", f"keep it under {MAX_QUERY_CHARS}"
        )
    if text.count('"') % 2:
        raise UsageError("query has an unclosed quote", 'close the phrase: "forced labor"')
    phrases = []
    for quoted in re.findall(r'"([^"]*)"', text):
        phrase = tuple(k for k, _, _ in _tokens(quoted, 0, exact))
        if phrase:
            phrases.append(phrase)
    keys = [k for k, _, _ in _tokens(text.replace('"', " "), 0, exact)]
    content = [k for k in keys if k not in QUERY_STOPWORDS]
    if not keys:
        raise UsageError(
            f"query '{text}' has no words to search for",
            "use letters or digits: tip search shelters",
        )
    keep_stopwords = not content
    expansions = {} if exact else {v: k for k, v in acronyms.items()}
    groups: list[Group] = []
    starts: list[int] = []  # where each group starts among the query's words
    i = 0
    while i < len(keys):
        for expansion, acronym in expansions.items():
            if tuple(keys[i : i + len(expansion)]) == expansion:
                groups.append(Group(" ".join(expansion), (expansion, (acronym,))))
                starts.append(i)
                i += len(expansion)
                break
        else:
            key = keys[i]
            i += 1
            if key in QUERY_STOPWORDS and not keep_stopwords:
                continue
            alternatives: tuple[tuple[str, ...], ...] = ((key,),)
            if not exact and key in acronyms:
                alternatives += (acronyms[key],)
            groups.append(Group(key, alternatives))
            starts.append(i - 1)
    gaps = tuple(b - a for a, b in itertools.pairwise(starts))
    return Query(tuple(groups), tuple(phrases), tuple(content or keys), gaps)


def _fts_string(phrase: Sequence[str]) -> str:
    return '"' + " ".join(phrase).replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class _Candidate:
    rowid: int
    rank: float  # FTS5 BM25: lower is better
    position: int  # place in corpus order: the last tie-break
    keys: tuple[str, ...]


class Searcher:
    """Runs queries against a store."""

    def __init__(self, store: Store, exact: bool = False) -> None:
        self.store = store
        self.exact = exact
        self.column = "words" if exact else "keys"

    # -- vocabulary ---------------------------------------------------------------
    def forms(self, key: str) -> dict[str, float]:
        """Corpus words that satisfy a query word, with a match quality in (0, 1]."""
        db = self.store.db
        flag = int(self.exact)
        forms: dict[str, float] = {}
        row = db.execute("SELECT df FROM terms WHERE key = ? AND exact = ?", (key, flag)).fetchone()
        if row and row[0] > 0:
            forms[key] = 1.0
        if self.exact:
            return forms
        for (other,) in db.execute(
            "SELECT key FROM terms WHERE stem = ? AND exact = 0", (stem(key),)
        ):
            forms.setdefault(other, 0.9)
        known = bool(row) and row[0] >= KNOWN_WORD_DF
        if len(key) >= 5 and not key.isdigit() and not known:
            from rapidfuzz import fuzz, process, utils

            nearby = [
                row[0]
                for row in db.execute(
                    "SELECT key FROM terms WHERE exact = 0 AND length(key) BETWEEN ? AND ?",
                    (len(key) - 2, len(key) + 2),
                )
            ]
            cutoff = 84 if len(key) <= 6 else 80
            for other, similarity, _ in process.extract(
                key,
                nearby,
                scorer=fuzz.ratio,
                processor=utils.default_process,
                score_cutoff=cutoff,
                limit=None,
            ):
                quality = 0.8 * similarity / 100
                if forms.get(other, 0.0) < quality:
                    forms[other] = quality
        return forms

    def acronyms(
        self, file_ids: Sequence[int] | None, query_text: str = ""
    ) -> dict[str, tuple[str, ...]]:
        """Acronym (lower case) -> the folded words of its expansion, for these reports;
        with query_text, only those the query could use."""
        query_keys = folded_keys(query_text) if query_text else []
        found: dict[str, tuple[str, ...]] = {}
        for acronym, expansion in self.store.acronyms(file_ids, query_keys):
            if acronym.lower() not in found:
                expansion_keys = tuple(folded_keys(expansion))
                if expansion_keys:
                    found[acronym.lower()] = expansion_keys
        return found

    # -- searching ----------------------------------------------------------------
    def search(
        self,
        query: Query,
        file_ids: Sequence[int] | None = None,
        section: str | None = None,
        limit: int = 10,
        min_score: float = 0.0,
        sentences: bool = False,
    ) -> list[Hit]:
        """The best units for the query, best first; file_ids and section narrow the scope."""
        group_forms = [self._group_forms(g) for g in query.groups]
        n_units = max(self.store.paragraph_count(), 1)
        idf = [self._idf(forms, n_units) for forms in group_forms]
        total = sum(idf) or 1.0
        pool = max(200, 20 * limit)
        required = [f"{self.column} : {_fts_string(p)}" for p in query.phrases]
        present = [f"{self.column} : {self._any(forms)}" for forms in group_forms if forms]
        candidates = self._candidates(" AND ".join(present + required), file_ids, section, pool)
        if len(candidates) < limit and len(present) > 1:
            every_form = {p: q for forms in group_forms for p, q in forms.items()}
            some = [f"{self.column} : {self._any(every_form)}", *required]
            seen = {c.rowid for c in candidates}
            candidates += [
                c
                for c in self._candidates(" AND ".join(some), file_ids, section, pool)
                if c.rowid not in seen
            ]
        scored: list[tuple[tuple[float, float, int, int], int, float, list[Span], Span | None]] = []
        for candidate in candidates:
            units: list[tuple[Span | None, list[str], int]] = [(None, list(candidate.keys), 0)]
            if sentences:
                text = self.store.paragraphs([candidate.rowid])[candidate.rowid].text
                units = [
                    (
                        span,
                        [t[0] for t in _tokens(text[span[0] : span[1]], 0, self.exact)],
                        len(_tokens(text[: span[0]], 0, self.exact)),
                    )
                    for span in sentence_spans(text)
                ]
            for span, keys, offset in units:
                result = _score(query, keys, group_forms, idf, total)
                if result is None or result[0] < min_score:
                    continue
                score, matched = result
                order = (-score, candidate.rank, candidate.position, span[0] if span else 0)
                shifted = [(a + offset, b + offset) for a, b in matched]
                scored.append((order, candidate.rowid, score, shifted, span))
        scored.sort(key=lambda item: item[0])
        best = scored[:limit]
        paragraphs = self.store.paragraphs([rowid for _, rowid, *_ in best])
        hits = []
        for rank, (_, rowid, score, matched, span) in enumerate(best, start=1):
            paragraph = paragraphs[rowid]
            tokens = _tokens(paragraph.text, 0, self.exact)
            spans = _merge((tokens[a][1], tokens[b][2]) for a, b in matched)
            hits.append(Hit(paragraph, score, spans, span, rank))
        return hits

    def _group_forms(self, group: Group) -> dict[tuple[str, ...], float]:
        forms: dict[tuple[str, ...], float] = {}
        for alternative in group.alternatives:
            if len(alternative) == 1:
                for form, quality in self.forms(alternative[0]).items():
                    forms[(form,)] = max(quality, forms.get((form,), 0.0))
            else:
                forms[alternative] = 1.0
        best = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_FORMS]
        return dict(best)

    def _idf(self, forms: dict[tuple[str, ...], float], n_units: int) -> float:
        """Inverse document frequency of a group: how rare its words are in the corpus."""
        df = 0
        for phrase in forms:
            if len(phrase) == 1:
                row = self.store.db.execute(
                    "SELECT df FROM terms WHERE key = ? AND exact = ?", (phrase[0], int(self.exact))
                ).fetchone()
                df += row[0] if row else 0
            else:
                df += self.store.db.execute(
                    "SELECT count(*) FROM fts WHERE fts MATCH ?",
                    (f"{self.column} : {_fts_string(phrase)}",),
                ).fetchone()[0]
        df = min(df, n_units)
        return math.log(1 + (n_units - df + 0.5) / (df + 0.5))

    @staticmethod
    def _any(forms: dict[tuple[str, ...], float]) -> str:
        return "(" + " OR ".join(_fts_string(p) for p in sorted(forms)) + ")"

    def _candidates(
        self, expression: str, file_ids: Sequence[int] | None, section: str | None, pool: int
    ) -> list[_Candidate]:
        """The best-ranked paragraphs matching an FTS5 expression, within the scope."""
        if not expression:
            return []
        # Rank with nothing but rowid and rank selected: FTS5 then reads no stored text.
        if file_ids is None and section is None:
            sql = "SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank, rowid LIMIT ?"
            ranked = self.store.db.execute(sql, (expression, pool)).fetchall()
        else:
            where: list[str] = ["fts MATCH ?"]
            args: list[object] = [expression]
            if file_ids is not None:
                where.append(f"p.file_id IN ({','.join('?' * len(file_ids))})")
                args.extend(file_ids)
            if section is not None:
                where.append("p.section = ?")
                args.append(section)
            sql = (
                "SELECT fts.rowid, fts.rank FROM fts JOIN paragraphs p ON p.id = fts.rowid "
                f"WHERE {' AND '.join(where)} ORDER BY fts.rank, fts.rowid LIMIT ?"
            )
            ranked = self.store.db.execute(sql, [*args, pool]).fetchall()
        details = {
            rowid: (position, keys)
            for rowid, position, keys in self.store.rows_in(
                f"SELECT fts.rowid, f.ord * 1000000 + p.idx, fts.{self.column} FROM fts "
                "JOIN paragraphs p ON p.id = fts.rowid JOIN files f ON f.id = p.file_id "
                "WHERE fts.rowid",
                [rowid for rowid, _ in ranked],
            )
        }
        return [
            _Candidate(rowid, rank, details[rowid][0], tuple(details[rowid][1].split()))
            for rowid, rank in ranked
        ]

    def suggestions(self, query: Query, limit: int = 3) -> list[str]:
        """Corpus words close to the query's words, for "did you mean"."""
        from rapidfuzz import fuzz, process, utils

        out: list[str] = []
        for word in query.words:
            nearby = [
                row[0]
                for row in self.store.db.execute(
                    "SELECT key FROM terms WHERE exact = ? AND length(key) BETWEEN ? AND ?",
                    (int(self.exact), len(word) - 2, len(word) + 2),
                )
            ]
            if word in nearby:
                continue
            for other, _, _ in process.extract(
                word, nearby, scorer=fuzz.ratio, processor=utils.default_process,
                score_cutoff=70, limit=limit,
            ):  # fmt: skip
                if other not in out and len(other) > 2:
                    out.append(other)
        return out[:limit]


def _score(
    query: Query,
    keys: list[str],
    group_forms: list[dict[tuple[str, ...], float]],
    idf: list[float],
    total: float,
) -> tuple[float, list[tuple[int, int]]] | None:
    """A unit's score and the token ranges that matched; None when nothing matched."""
    for phrase in query.phrases:
        if not _phrase_at(keys, phrase):
            return None
    index: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        index.setdefault(key, []).append(i)
    coverage = 0.0
    positions: list[list[int]] = []
    matched: list[tuple[int, int]] = []
    for g, forms in enumerate(group_forms):
        best = 0.0
        found: list[tuple[int, float]] = []
        for phrase, quality in forms.items():
            starts = index.get(phrase[0], [])
            if len(phrase) > 1:
                starts = [i for i in starts if tuple(keys[i : i + len(phrase)]) == phrase]
            for i in starts:
                found.append((i, quality))
                matched.append((i, i + len(phrase) - 1))
            if starts:
                best = max(best, quality)
        coverage += idf[g] * best
        positions.append(sorted(i for i, q in found if q >= best - 1e-9))
    for phrase in query.phrases:
        matched.extend((i, i + len(phrase) - 1) for i in _phrase_at(keys, phrase))
    if coverage <= 0 and not query.phrases:
        return None
    proximity = 1.0 if query.phrases else _proximity(positions, query.gaps)
    return round(100 * (0.8 * coverage / total + 0.2 * proximity), 1), matched


def _phrase_at(keys: list[str], phrase: Sequence[str]) -> list[int]:
    n = len(phrase)
    first = phrase[0]
    return [
        i
        for i, key in enumerate(keys)
        if key == first and (n == 1 or tuple(keys[i : i + n]) == tuple(phrase))
    ]


def _merge(spans: object) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):  # type: ignore[call-overload]
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _proximity(positions: list[list[int]], gaps: Sequence[int] = ()) -> float:
    """1.0 when the matched words stand in query order as far apart as in the query (so
    "complicity of officials" matches "complicity of officials"), less as they spread."""
    present = [p for p in positions if p]
    if len(positions) <= 1:
        return 1.0 if present else 0.0
    if len(present) < len(positions):
        return 0.0
    expected = list(gaps) if len(gaps) == len(positions) - 1 else [1] * (len(positions) - 1)
    best = math.inf
    for start in present[0]:
        end, excess = start, 0
        for nxt, gap in zip(present[1:], expected, strict=True):
            after = [p for p in nxt if p > end]
            if not after:
                excess = -1
                break
            excess += max(0, min(after) - end - gap)
            end = min(after)
        if excess >= 0:
            best = min(best, excess)
    if best is math.inf:
        flat = sorted(p for ps in present for p in ps)
        return 0.5 / (1 + (flat[-1] - flat[0]) / 10)
    return 1.0 / (1 + best / 3)
