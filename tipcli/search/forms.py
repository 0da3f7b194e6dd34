"""The corpus words that satisfy a query word: itself, its inflections, its misspellings."""

from __future__ import annotations

import math

from tipcli.index.lookup import SearchIndex
from tipcli.load.terms import stem
from tipcli.search.query import Group, Query

Forms = dict[tuple[str, ...], float]  # token sequence -> match quality in (0, 1]

MAX_FORMS = 40  # per query word: keeps FTS5 expressions small
INFLECTION_QUALITY = 0.9  # same stem: deport, deported, deportation
TYPO_QUALITY = 0.8  # times the similarity of a misspelling
# A query word in at least this many paragraphs is a real word, never a typo: it gets no
# fuzzy variants (which would only add the corpus's own misspellings, or other words).
KNOWN_WORD_DF = 3
# A rarer word of the corpus is a real word too, unless a look-alike is this many times more
# common: then it is a misspelling the corpus happens to hold ("trafficing" beside
# "trafficking").
TYPO_FREQUENCY_RATIO = 20
MIN_FUZZY_LENGTH = 5  # shorter words have too many look-alikes


def _fuzzy_cutoff(key: str) -> int:
    return 84 if len(key) <= 6 else 80


def word_forms(index: SearchIndex, key: str) -> dict[str, float]:
    """Corpus words that satisfy a query word, with a match quality in (0, 1]."""
    df = index.document_frequency(key)
    forms: dict[str, float] = {key: 1.0} if df else {}
    if index.exact:
        return forms
    for other in index.same_stem(stem(key)):
        forms.setdefault(other, INFLECTION_QUALITY)
    if df >= KNOWN_WORD_DF or len(key) < MIN_FUZZY_LENGTH or any(c.isdigit() for c in key):
        return forms
    for other, quality in _misspellings(index, key, df).items():
        if forms.get(other, 0.0) < quality:
            forms[other] = quality
    return forms


def _misspellings(index: SearchIndex, key: str, df: int) -> dict[str, float]:
    """Look-alike corpus words of a word the corpus does not know (or holds only as a rare
    misspelling of a far more common word)."""
    from rapidfuzz import fuzz, process, utils

    nearby = dict(index.words_of_length(len(key) - 2, len(key) + 2))
    matches = process.extract(
        key,
        list(nearby),
        scorer=fuzz.ratio,
        processor=utils.default_process,
        score_cutoff=_fuzzy_cutoff(key),
        limit=None,
    )
    return {
        other: TYPO_QUALITY * similarity / 100
        for other, similarity, _ in matches
        if other != key and (df == 0 or nearby[other] >= TYPO_FREQUENCY_RATIO * df)
    }


def group_forms(index: SearchIndex, group: Group) -> Forms:
    """Every token sequence satisfying a group, best first, at most MAX_FORMS."""
    forms: Forms = {}
    for alternative in group.alternatives:
        if len(alternative) == 1:
            for form, quality in word_forms(index, alternative[0]).items():
                forms[(form,)] = max(quality, forms.get((form,), 0.0))
        elif index.phrase_frequency(alternative):
            forms[alternative] = 1.0
    best = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_FORMS]
    return dict(best)


def weight(index: SearchIndex, forms: Forms, n_units: int) -> float:
    """Inverse document frequency of a group: how rare its words are in the corpus."""
    df = 0
    for phrase in forms:
        if len(phrase) == 1:
            df += index.document_frequency(phrase[0])
        else:
            df += index.phrase_frequency(phrase)
    df = min(df, n_units)
    return math.log(1 + (n_units - df + 0.5) / (df + 0.5))


def suggestions(index: SearchIndex, query: Query, limit: int = 3) -> list[str]:
    """Corpus words close to the query's words, for "did you mean"."""
    from rapidfuzz import fuzz, process, utils

    out: list[str] = []
    for word in query.words:
        nearby = [w for w, _ in index.words_of_length(len(word) - 2, len(word) + 2)]
        if word in nearby:
            continue
        for other, _, _ in process.extract(
            word, nearby, scorer=fuzz.ratio, processor=utils.default_process,
            score_cutoff=70, limit=limit,
        ):  # fmt: skip
            if other not in out and len(other) > 2:
                out.append(other)
    return out[:limit]
