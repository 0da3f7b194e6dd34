"""Ranked, typo-tolerant search over the paragraphs (or sentences) of a store.

Each query word becomes a group of acceptable forms found in the corpus vocabulary: the
word itself (quality 1), words of the same stem (inflections and spelling variants, 0.9),
close misspellings (rapidfuzz, 0.8 x similarity), and for an acronym the corpus defines its
spelled-out name (or the other way round). A unit scores

    100 * (0.8 * coverage + 0.2 * proximity)

where coverage is the share of the query's weight (inverse document frequency: rare words
weigh more) that the unit holds, times match quality, and proximity is 1 when the words stand
together in query order. SQLite's FTS5 picks the candidates and gives each a BM25 rank that
breaks ties; coverage from FTS5 bounds each candidate's score, so only the candidates that can
still reach the top are tokenised and scored exactly.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import UsageError
from .model import Hit, Paragraph
from .terms import fold, stem
from .text import sentence_spans, words

if TYPE_CHECKING:
    from .store import Store

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
_EXACT_WORD = re.compile(r"\w+")

Tokens = list[tuple[str, int, int]]


def folded_keys(text: str) -> list[str]:
    """The folded word keys of a text, as search compares them."""
    return [fold(w) for w, _, _ in words(text)]


def exact_keys(text: str) -> list[str]:
    """Whole words (regex \\w+), lower case: what --exact compares."""
    return [m.group(0).lower() for m in _EXACT_WORD.finditer(text)]


def _tokens(text: str, offset: int, exact: bool) -> Tokens:
    if exact:
        return [
            (m.group(0).lower(), offset + m.start(), offset + m.end())
            for m in _EXACT_WORD.finditer(text)
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
    i = 0
    while i < len(keys):
        for expansion, acronym in expansions.items():
            if tuple(keys[i : i + len(expansion)]) == expansion:
                groups.append(Group(" ".join(expansion), (expansion, (acronym,))))
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
    return Query(tuple(groups), tuple(phrases), tuple(content or keys))


def _fts_string(phrase: Sequence[str]) -> str:
    return '"' + " ".join(phrase).replace('"', '""') + '"'


@dataclass
class _Candidate:
    rowid: int
    rank: float
    bound: float
    quality: list[float]


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
        if db.execute("SELECT 1 FROM terms WHERE key = ? AND exact = ?", (key, flag)).fetchone():
            forms[key] = 1.0
        if self.exact:
            return forms
        for (other,) in db.execute(
            "SELECT key FROM terms WHERE stem = ? AND exact = 0", (stem(key),)
        ):
            forms.setdefault(other, 0.9)
        if len(key) >= 5 and not key.isdigit():
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

    def acronyms(self, file_ids: Sequence[int]) -> dict[str, tuple[str, ...]]:
        """Acronym (lower case) -> the folded words of its expansion, for these reports."""
        found: dict[str, tuple[str, ...]] = {}
        for acronym, expansion in self.store.acronyms(file_ids):
            keys = tuple(folded_keys(expansion))
            if keys:
                found.setdefault(acronym.lower(), keys)
        return found

    # -- searching ----------------------------------------------------------------
    def search(
        self,
        query: Query,
        paragraph_ids: Sequence[int] | None,
        limit: int = 10,
        min_score: float = 0.0,
        sentences: bool = False,
    ) -> list[Hit]:
        """The best units for the query among the paragraphs (None: all), best first."""
        allowed = None if paragraph_ids is None else set(paragraph_ids)
        n_units = self.store.paragraph_count() if allowed is None else len(allowed)
        group_forms = [self._group_forms(g) for g in query.groups]
        quality_by_group: list[dict[int, float]] = []
        for forms in group_forms:
            best: dict[int, float] = {}
            for phrase, quality in forms.items():
                for rowid in self._rows(phrase, allowed):
                    if best.get(rowid, 0.0) < quality:
                        best[rowid] = quality
            quality_by_group.append(best)
        idf = [math.log(1 + (n_units - len(q) + 0.5) / (len(q) + 0.5)) for q in quality_by_group]
        total = sum(idf) or 1.0
        required: set[int] | None = None
        for phrase in query.phrases:
            rows = set(self._rows(phrase, allowed))
            required = rows if required is None else required & rows
        ranks = self._ranks(group_forms, allowed)
        candidates = []
        for rowid, rank in ranks.items():
            if required is not None and rowid not in required:
                continue
            qualities = [q.get(rowid, 0.0) for q in quality_by_group]
            coverage = sum(i * q for i, q in zip(idf, qualities, strict=True)) / total
            bound = round(100 * (0.8 * coverage + 0.2), 1)
            candidates.append(_Candidate(rowid, rank, bound, qualities))
        candidates.sort(key=lambda c: (-c.bound, c.rank, c.rowid))
        return self._best(query, candidates, group_forms, idf, total, limit, min_score, sentences)

    def _group_forms(self, group: Group) -> dict[tuple[str, ...], float]:
        forms: dict[tuple[str, ...], float] = {}
        for alternative in group.alternatives:
            if len(alternative) == 1:
                for form, quality in self.forms(alternative[0]).items():
                    forms[(form,)] = max(quality, forms.get((form,), 0.0))
            else:
                forms[alternative] = 1.0
        return forms

    def _rows(self, phrase: Sequence[str], allowed: set[int] | None) -> list[int]:
        sql = "SELECT rowid FROM fts WHERE fts MATCH ?"
        rows = [
            r[0] for r in self.store.db.execute(sql, (f"{self.column} : {_fts_string(phrase)}",))
        ]
        return rows if allowed is None else [r for r in rows if r in allowed]

    def _ranks(
        self, group_forms: list[dict[tuple[str, ...], float]], allowed: set[int] | None
    ) -> dict[int, float]:
        phrases = sorted({p for forms in group_forms for p in forms})
        if not phrases:
            return {}
        ranks: dict[int, float] = {}
        # FTS5 limits expression depth; big OR lists go in slices, ranks kept per slice.
        for start in range(0, len(phrases), 200):
            expression = " OR ".join(_fts_string(p) for p in phrases[start : start + 200])
            for rowid, rank in self.store.db.execute(
                "SELECT rowid, rank FROM fts WHERE fts MATCH ?",
                (f"{self.column} : ({expression})",),
            ):
                if allowed is None or rowid in allowed:
                    ranks[rowid] = min(rank, ranks.get(rowid, 0.0))
        return ranks

    def _best(
        self,
        query: Query,
        candidates: list[_Candidate],
        group_forms: list[dict[tuple[str, ...], float]],
        idf: list[float],
        total: float,
        limit: int,
        min_score: float,
        sentences: bool,
    ) -> list[Hit]:
        """Score candidates exactly, best bound first, until none left can enter the top."""
        top: list[tuple[float, float, int, int, Hit]] = []  # heap of the worst kept first
        batch = 32
        for start in range(0, len(candidates), batch):
            chunk = candidates[start : start + batch]
            if len(top) >= limit and not _can_enter(chunk[0], top[0]):
                break
            texts = self.store.paragraphs([c.rowid for c in chunk])
            order = self.store.positions([c.rowid for c in chunk])
            for candidate in chunk:
                if len(top) >= limit and not _can_enter(candidate, top[0]):
                    break
                paragraph = texts[candidate.rowid]
                for unit_span in sentence_spans(paragraph.text) if sentences else [None]:
                    hit = self._score(query, paragraph, unit_span, group_forms, idf, total)
                    if hit is None or hit.score < min_score:
                        continue
                    sentence_no = unit_span[0] if unit_span else 0
                    key = (hit.score, -candidate.rank, -order[candidate.rowid], -sentence_no, hit)
                    if len(top) < limit:
                        heapq.heappush(top, key)
                    elif key[:4] > top[0][:4]:
                        heapq.heapreplace(top, key)
        ranked = sorted(top, key=lambda k: k[:4], reverse=True)
        return [
            Hit(h.paragraph, h.score, h.matches, h.sentence, rank)
            for rank, (*_, h) in enumerate(ranked, start=1)
        ]

    def _score(
        self,
        query: Query,
        paragraph: Paragraph,
        span: tuple[int, int] | None,
        group_forms: list[dict[tuple[str, ...], float]],
        idf: list[float],
        total: float,
    ) -> Hit | None:
        a, b = span or (0, len(paragraph.text))
        tokens = _tokens(paragraph.text[a:b], a, self.exact)
        keys = [t[0] for t in tokens]
        for phrase in query.phrases:
            if not _phrase_at(keys, phrase):
                return None
        coverage = 0.0
        positions: list[list[int]] = []
        matched: list[tuple[int, int]] = []
        for g, forms in enumerate(group_forms):
            best = 0.0
            at: list[tuple[int, float]] = []
            for phrase, quality in forms.items():
                for pos in _phrase_at(keys, phrase):
                    at.append((pos, quality))
                    matched.append((pos, pos + len(phrase) - 1))
                    best = max(best, quality)
            coverage += idf[g] * best
            positions.append([p for p, q in at if q >= best - 1e-9])
        for phrase in query.phrases:
            matched.extend((p, p + len(phrase) - 1) for p in _phrase_at(keys, phrase))
        if coverage <= 0 and not query.phrases:
            return None
        proximity = 1.0 if query.phrases else _proximity(positions)
        score = round(100 * (0.8 * coverage / total + 0.2 * proximity), 1)
        spans = _merge((tokens[s][1], tokens[e][2]) for s, e in matched)
        return Hit(paragraph, score, spans, span, 0)

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


def _can_enter(candidate: _Candidate, worst: tuple[float, float, int, int, Hit]) -> bool:
    """Whether a candidate's best possible hit could displace the worst kept hit."""
    worst_score, worst_rank = worst[0], -worst[1]
    return candidate.bound > worst_score or (
        candidate.bound == worst_score and candidate.rank <= worst_rank
    )


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


def _proximity(positions: list[list[int]]) -> float:
    """1.0 when the matched words stand together in query order, less as they spread."""
    present = [p for p in positions if p]
    if len(positions) <= 1:
        return 1.0 if present else 0.0
    if len(present) < len(positions):
        return 0.0
    best = math.inf
    for start in present[0]:
        end = start
        for nxt in present[1:]:
            after = [p for p in nxt if p > end]
            if not after:
                end = -1
                break
            end = min(after)
        if end >= 0:
            best = min(best, end - start - (len(present) - 1))
    if best is math.inf:
        flat = sorted(p for ps in present for p in ps)
        return 0.5 / (1 + (flat[-1] - flat[0]) / 10)
    return 1.0 / (1 + best / 3)
