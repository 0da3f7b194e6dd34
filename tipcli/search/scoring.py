"""The score of a unit (a paragraph or a sentence), and upper bounds of it.

    score = 100 * (0.55 coverage + 0.15 proximity + 0.15 answer + 0.15 salience) / weights

- coverage: the share of the query's weight (inverse document frequency: rare words weigh
  more) that the unit holds, each word at its match quality (1 as written, 0.9 inflected,
  0.8 x similarity misspelt, 0.85 through the paragraph's topic tag);
- proximity: half for the words standing as close together as in the query (in any order,
  less as they spread), half for the share of neighbouring query words that follow each
  other as in the query; 0 when one is missing (a word in nearly every paragraph, such as
  "trafficking", stands anywhere);
- answer (only for a query that asks for a figure: "identified", "convictions"): 1 when the
  paragraph states a current (not earlier) fact of that measure (victims identified);
- salience: FTS5's BM25 of the paragraph for the query's words, x / (x + 5): how much of the
  paragraph is about them (it separates paragraphs that hold the same words);
- weights: the sum of the weights that apply (answer's only when the query asks for one).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

from tipcli.search.forms import Forms
from tipcli.search.query import Query

W_COVERAGE = 0.55
W_PROXIMITY = 0.15
W_ANSWER = 0.15
W_SALIENCE = 0.15
TAG_QUALITY = 0.85  # a word satisfied by the paragraph's topic tag, not its text
SALIENCE_HALF = 5.0  # the BM25 (negated) at which salience is 0.5
PROXIMITY_SOFTNESS = 3.0  # each word of extra spread costs about a third less proximity
# A word weighing this little beside the query's weightiest (one in nearly every paragraph,
# such as "trafficking") stands anywhere: it does not decide proximity.
PROXIMITY_MIN_SHARE = 0.1
BOUND_SLACK = 1e-9  # floating-point margin: a bound is never below the score it bounds

Span = tuple[int, int]


class Unit:
    """What a unit's score depends on."""

    __slots__ = ("keys", "measures", "rank", "tags")

    def __init__(
        self,
        keys: Sequence[str],
        tags: frozenset[str],
        measures: frozenset[str],
        rank: float | None,
    ) -> None:
        self.keys = keys
        self.tags = tags
        self.measures = measures
        self.rank = rank  # BM25 (lower is better); None: no query word in the paragraph


def salience(rank: float | None) -> float:
    """BM25 mapped to [0, 1)."""
    x = -rank if rank is not None else 0.0
    return x / (x + SALIENCE_HALF) if x > 0 else 0.0


class Scorer:
    """Scores units for one query."""

    def __init__(self, query: Query, forms: Sequence[Forms], weights: Sequence[float]) -> None:
        self.query = query
        self.forms = forms
        self.weights = weights
        self.total = sum(weights) or 1.0
        self.asks = bool(query.measures)
        self.norm = W_COVERAGE + W_PROXIMITY + W_SALIENCE + (W_ANSWER if self.asks else 0.0)
        self.best_quality = [max(f.values(), default=0.0) for f in forms]
        # The first token of every form: the only words whose places scoring needs.
        self.first_tokens = frozenset(form[0] for f in forms for form in f)
        self.placed = [w >= PROXIMITY_MIN_SHARE * max(weights, default=0.0) for w in weights]

    # -- exact scores -------------------------------------------------------------
    def score(self, unit: Unit) -> tuple[float, list[Span]] | None:
        """A unit's score and the token ranges that matched; None when nothing matched."""
        keys = list(unit.keys)
        for phrase in self.query.phrases:
            if not phrase_at(keys, phrase):
                return None
        where = _positions(keys, self.first_tokens)
        coverage = 0.0
        positions: list[list[int] | None] = []  # None: satisfied by the tag alone
        matched: list[Span] = []
        for g, forms in enumerate(self.forms):
            quality, found = _best_form(keys, where, forms, matched)
            tag = self.query.groups[g].tag
            by_tag = TAG_QUALITY if tag is not None and tag in unit.tags else 0.0
            coverage += self.weights[g] * max(quality, by_tag)
            if self.placed[g] and (found or not by_tag):
                positions.append(found)
            elif not (found or by_tag):
                positions.append([])  # missing: no proximity
            else:
                positions.append(None)
        for phrase in self.query.phrases:
            matched.extend((i, i + len(phrase) - 1) for i in phrase_at(keys, phrase))
        if coverage <= 0 and not self.query.phrases:
            return None
        near = 1.0 if self.query.phrases else proximity(positions, self.query.gaps)
        answer = self._answer(unit)
        total = W_COVERAGE * coverage / self.total + W_PROXIMITY * near + W_ANSWER * answer
        return 100 * (total + W_SALIENCE * salience(unit.rank)) / self.norm, matched

    def _answer(self, unit: Unit) -> float:
        if not self.asks:
            return 0.0
        return 1.0 if unit.measures.intersection(self.query.measures) else 0.0

    # -- bounds -------------------------------------------------------------------
    def bound(self, held: Iterable[int], answering: bool | None, rank: float | None) -> float:
        """The highest score a unit can have when the only groups its text can hold are
        `held`, it states a fact of the measure asked for or not (None: unknown), and its BM25
        is at least `rank` (None: the best there is)."""
        held = set(held)
        coverage = 0.0
        complete = True
        for g, quality in enumerate(self.best_quality):
            tag = self.query.groups[g].tag
            best = quality if g in held else 0.0
            if tag is not None:
                best = max(best, TAG_QUALITY)
            coverage += self.weights[g] * best
            complete = complete and best > 0
        near = 1.0 if complete or self.query.phrases else 0.0
        answer = 0.0 if answering is False or not self.asks else 1.0
        total = W_COVERAGE * coverage / self.total + W_PROXIMITY * near + W_ANSWER * answer
        top = 1.0 if rank is None else salience(rank)
        return 100 * (total + W_SALIENCE * top) / self.norm + BOUND_SLACK


def _positions(keys: Sequence[str], wanted: frozenset[str]) -> dict[str, list[int]]:
    """Where each wanted word stands in keys."""
    where: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key in wanted:
            where.setdefault(key, []).append(i)
    return where


def _best_form(
    keys: Sequence[str], where: dict[str, list[int]], forms: Forms, matched: list[Span]
) -> tuple[float, list[int]]:
    """The best quality of the group's forms in the unit, and where those stand; every
    occurrence of any form is added to `matched`."""
    best = 0.0
    found: list[tuple[int, float]] = []
    for phrase, quality in forms.items():
        starts = where.get(phrase[0], [])
        if len(phrase) > 1:
            starts = [i for i in starts if tuple(keys[i : i + len(phrase)]) == phrase]
        for i in starts:
            found.append((i, quality))
            matched.append((i, i + len(phrase) - 1))
        if starts:
            best = max(best, quality)
    return best, sorted(i for i, q in found if q >= best - 1e-9)


def phrase_at(keys: Sequence[str], phrase: Sequence[str]) -> list[int]:
    """Where the token sequence starts in keys."""
    n = len(phrase)
    first = phrase[0]
    return [
        i
        for i, key in enumerate(keys)
        if key == first and (n == 1 or tuple(keys[i : i + n]) == tuple(phrase))
    ]


def proximity(positions: Sequence[list[int] | None], gaps: Sequence[int] = ()) -> float:
    """How closely the matched words stand, in [0, 1]: half for standing within the span
    they have in the query, in any order (less as they spread), half for the share of
    neighbouring query words that follow each other as in the query (so that a pasted
    sentence finds itself first); 0 when one is missing. Words satisfied by a tag alone
    (None) stand anywhere."""
    if any(p is not None and not p for p in positions):
        return 0.0
    placed = [(g, p) for g, p in enumerate(positions) if p is not None]
    if len(placed) <= 1:
        return 1.0
    expected = list(gaps) if len(gaps) == len(positions) - 1 else [1] * (len(positions) - 1)
    span = sum(expected) + 1
    lists = [p for _, p in placed]
    excess = max(0, _narrowest_window(lists) - max(span, len(placed)))
    window = 1.0 / (1 + excess / PROXIMITY_SOFTNESS)
    in_order = sum(
        _follows(a, b, sum(expected[g:h])) for (g, a), (h, b) in itertools.pairwise(placed)
    )
    return 0.5 * window + 0.5 * in_order / (len(placed) - 1)


def _follows(first: list[int], then: list[int], gap: int) -> bool:
    """Whether a position of `then` follows one of `first` by 1 to gap tokens."""
    later = set(then)
    return any(p + k in later for p in first for k in range(1, gap + 1))


def _narrowest_window(positions: Sequence[list[int]]) -> int:
    """The fewest tokens a window needs to hold one position of every list."""
    events = sorted((p, g) for g, ps in enumerate(positions) for p in ps)
    need = len(positions)
    counts = [0] * need
    covered = 0
    best = math.inf
    left = 0
    for position, group in events:
        counts[group] += 1
        covered += counts[group] == 1
        while covered == need:
            start, first = events[left]
            best = min(best, position - start + 1)
            counts[first] -= 1
            covered -= counts[first] == 0
            left += 1
    return int(best)


def merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Overlapping or touching spans joined, in order."""
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
