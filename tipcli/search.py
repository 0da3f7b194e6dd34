"""Ranked, typo-tolerant search over paragraphs (or their sentences).

Each query word becomes a group of acceptable forms: the word itself, its inflections and
spelling variants (same stem), close misspellings (rapidfuzz), and, for acronyms the
corpus defines, the spelled-out name (or the other way round). Paragraphs score by how much
of the query's weight (rarer words weigh more) they hold, how well, and whether the words
stand together; BM25 breaks ties.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .errors import UsageError
from .model import Hit, Paragraph
from .terms import fold, stem
from .text import sentence_spans, words

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
_K1, _B = 1.2, 0.75


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


@dataclass(frozen=True, slots=True)
class _Unit:
    paragraph: Paragraph
    span: tuple[int, int] | None  # a sentence's span, or None for the whole paragraph
    tokens: tuple[tuple[str, int, int], ...]  # (folded key, start, end) in paragraph text


def _tokens(text: str, offset: int, exact: bool) -> tuple[tuple[str, int, int], ...]:
    if exact:
        return tuple(
            (m.group(0).lower(), offset + m.start(), offset + m.end())
            for m in re.finditer(r"\w+", text)
        )
    return tuple((fold(w), offset + a, offset + b) for w, a, b in words(text))


def parse_query(text: str, acronyms: dict[str, tuple[str, ...]], exact: bool = False) -> Query:
    """Split a query into groups and quoted phrases; UsageError when nothing is searchable."""
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            f"query is {len(text)} characters long", f"keep it under {MAX_QUERY_CHARS}"
        )
    if text.count('"') % 2:
        raise UsageError("query has an unclosed quote", 'close the phrase: "forced labor"')
    phrases: list[tuple[str, ...]] = []
    for quoted in re.findall(r'"([^"]*)"', text):
        phrase = tuple(k for k, _, _ in _tokens(quoted, 0, exact))
        if phrase:
            phrases.append(phrase)
    keys = [k for k, _, _ in _tokens(text.replace('"', " "), 0, exact)]
    content = [k for k in keys if k not in QUERY_STOPWORDS] or keys
    if not content:
        raise UsageError(
            f"query '{text}' has no words to search for",
            "use letters or digits: tip search shelters",
        )
    groups: list[Group] = []
    expansions = {} if exact else {v: k for k, v in acronyms.items()}
    keep_stopwords = len(content) == len(keys) and all(k in QUERY_STOPWORDS for k in keys)
    i = 0
    while i < len(keys):
        for expansion, acronym in expansions.items():
            n = len(expansion)
            if tuple(keys[i : i + n]) == expansion:
                groups.append(Group(" ".join(expansion), (expansion, (acronym,))))
                i += n
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
    return Query(tuple(groups), tuple(phrases), tuple(content))


class SearchIndex:
    """Paragraphs (or sentences) with an inverted index of their folded words."""

    def __init__(
        self,
        paragraphs: Sequence[Paragraph],
        acronyms: Iterable[tuple[str, str]] = (),
        sentences: bool = False,
        exact: bool = False,
    ) -> None:
        self.exact = exact
        self.units: list[_Unit] = []
        for p in paragraphs:
            spans = sentence_spans(p.text) if sentences else [None]
            for span in spans:
                a, b = span or (0, len(p.text))
                self.units.append(_Unit(p, span, _tokens(p.text[a:b], a, exact)))
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for u, unit in enumerate(self.units):
            for pos, (key, _, _) in enumerate(unit.tokens):
                self.postings[key].append((u, pos))
        self.by_stem: dict[str, list[str]] = defaultdict(list)
        for key in self.postings:
            self.by_stem[stem(key)].append(key)
        self.vocabulary = list(self.postings)
        lengths = [len(u.tokens) for u in self.units] or [1]
        self.avg_length = sum(lengths) / len(lengths)
        self.acronyms: dict[str, tuple[str, ...]] = {}
        for acronym, expansion in acronyms:
            keys = tuple(k for k, _, _ in _tokens(expansion, 0, False) if k)
            if keys:
                self.acronyms.setdefault(acronym.lower(), keys)

    # -- matching -----------------------------------------------------------------
    def _forms(self, key: str) -> dict[str, float]:
        """Vocabulary words that satisfy a query word, with a match quality in (0, 1]."""
        forms: dict[str, float] = {}
        if key in self.postings:
            forms[key] = 1.0
        if self.exact:
            return forms
        for other in self.by_stem.get(stem(key), ()):
            forms.setdefault(other, 0.9)
        if len(key) >= 5 and not key.isdigit():
            from rapidfuzz import fuzz, process, utils

            cutoff = 84 if len(key) <= 6 else 80
            for other, similarity, _ in process.extract(
                key,
                self.vocabulary,
                scorer=fuzz.ratio,
                processor=utils.default_process,
                score_cutoff=cutoff,
                limit=12,
            ):
                if abs(len(other) - len(key)) <= 3:
                    quality = 0.8 * similarity / 100
                    for variant in self.by_stem.get(stem(other), [other]):
                        if forms.get(variant, 0.0) < quality:
                            forms[variant] = quality
        return forms

    def _group_hits(self, group: Group) -> dict[int, list[tuple[int, int, float]]]:
        """Per unit: (first token, last token, quality) of each occurrence of the group."""
        found: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
        for alternative in group.alternatives:
            if len(alternative) == 1:
                for form, quality in self._forms(alternative[0]).items():
                    for u, pos in self.postings.get(form, ()):
                        found[u].append((pos, pos, quality))
            else:
                for u, pos in self._phrase_positions(alternative, fuzzy=not self.exact):
                    found[u].append((pos, pos + len(alternative) - 1, 1.0))
        return found

    def _phrase_positions(self, phrase: tuple[str, ...], fuzzy: bool) -> list[tuple[int, int]]:
        first = phrase[0]
        starts = self.postings.get(first, [])
        if fuzzy:
            starts = [p for form in self._forms_stem(first) for p in self.postings.get(form, [])]
        out = []
        for u, pos in starts:
            tokens = self.units[u].tokens
            window = tokens[pos : pos + len(phrase)]
            if len(window) == len(phrase) and all(
                (t[0] == w or (fuzzy and stem(t[0]) == stem(w)))
                for t, w in zip(window, phrase, strict=True)
            ):
                out.append((u, pos))
        return out

    def _forms_stem(self, key: str) -> list[str]:
        return list({key, *self.by_stem.get(stem(key), [])})

    # -- ranking ------------------------------------------------------------------
    def search(self, query: Query, limit: int = 10, min_score: float = 0.0) -> list[Hit]:
        """The best units for the query, best first."""
        n = max(len(self.units), 1)
        per_group = [self._group_hits(g) for g in query.groups]
        idf = [math.log(1 + (n - len(g) + 0.5) / (len(g) + 0.5)) for g in per_group]
        total_weight = sum(idf) or 1.0
        required: set[int] | None = None
        phrase_hits: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for phrase in query.phrases:
            positions = self._phrase_positions(phrase, fuzzy=False)
            units = {u for u, _ in positions}
            for u, pos in positions:
                phrase_hits[u].append((pos, pos + len(phrase) - 1))
            required = units if required is None else required & units
        candidates = set().union(*per_group) if per_group else set()
        if required is not None:
            candidates &= required
        scored: list[tuple[float, float, int]] = []
        for u in candidates:
            unit = self.units[u]
            length_norm = 1 - _B + _B * len(unit.tokens) / self.avg_length
            coverage = bm25 = 0.0
            best_positions: list[list[int]] = []
            for g, group_hits in enumerate(per_group):
                occurrences = group_hits.get(u)
                if not occurrences:
                    best_positions.append([])
                    continue
                quality = max(q for _, _, q in occurrences)
                tf = sum(q for _, _, q in occurrences)
                coverage += idf[g] * quality
                bm25 += idf[g] * tf * (_K1 + 1) / (tf + _K1 * length_norm)
                best_positions.append([a for a, _, q in occurrences if q >= quality - 1e-9])
            proximity = 1.0 if u in phrase_hits else _proximity(best_positions)
            score = 100 * (0.8 * coverage / total_weight + 0.2 * proximity)
            if score >= min_score:
                scored.append((round(score, 1), bm25, u))
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        hits: list[Hit] = []
        for rank, (score, _, u) in enumerate(scored[:limit], start=1):
            unit = self.units[u]
            spans = self._spans(u, per_group, phrase_hits.get(u, []))
            hits.append(Hit(unit.paragraph, score, spans, unit.span, rank))
        return hits

    def _spans(
        self,
        u: int,
        per_group: list[dict[int, list[tuple[int, int, float]]]],
        phrases: list[tuple[int, int]],
    ) -> tuple[tuple[int, int], ...]:
        tokens = self.units[u].tokens
        ranges = [(a, b) for group in per_group for a, b, _ in group.get(u, [])] + phrases
        spans = sorted({(tokens[a][1], tokens[b][2]) for a, b in ranges})
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return tuple(merged)

    def suggestions(self, query: Query, limit: int = 3) -> list[str]:
        """Corpus words close to the query's words, for "did you mean"."""
        from rapidfuzz import fuzz, process, utils

        out: list[str] = []
        for word in query.words:
            if word in self.postings:
                continue
            for other, _, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, processor=utils.default_process,
                score_cutoff=70, limit=limit,
            ):  # fmt: skip
                if other not in out and len(other) > 2:
                    out.append(other)
        return out[:limit]


def _proximity(positions: list[list[int]]) -> float:
    """1.0 when the matched words stand together in query order, less as they spread."""
    present = [p for p in positions if p]
    if len(positions) <= 1:
        return 1.0 if present else 0.0
    if len(present) < len(positions):
        return 0.0
    best = math.inf
    for start in present[0]:
        span_end = start
        ok = True
        for nxt in present[1:]:
            after = [p for p in nxt if p > span_end]
            if not after:
                ok = False
                break
            span_end = min(after)
        if ok:
            best = min(best, span_end - start - (len(present) - 1))
    if best is math.inf:
        # Words present but not in query order: a weaker signal.
        flat = sorted(p for ps in present for p in ps)
        best = (flat[-1] - flat[0]) if flat else 50
        return 0.5 / (1 + best / 10)
    return 1.0 / (1 + best / 3)
