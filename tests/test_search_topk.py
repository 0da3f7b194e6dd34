"""The exact top-k property: on a generated corpus, for random queries, search's hits and
their order equal the top k of scoring every matching paragraph, and a filter never finds a
better hit than the unfiltered search."""

from __future__ import annotations

import random

import pytest

from tipcli.errors import UsageError
from tipcli.index import lookup
from tipcli.index.lookup import Scope
from tipcli.model import Hit
from tipcli.search.engine import Searcher
from tipcli.session import Session

SEED = 20261203
VOCABULARY = [
    "forced",
    "labor",
    "trafficking",
    "victims",
    "identified",
    "convicted",
    "traffickers",
    "prosecuted",
    "shelters",
    "children",
    "armed",
    "groups",
    "soldiers",
    "recruitment",
    "debt",
    "bondage",
    "police",
    "officials",
    "complicity",
    "fishing",
    "boats",
    "domestic",
    "workers",
    "brothels",
    "migrants",
    "border",
    "deported",
    "repatriated",
    "funding",
    "awareness",
    "campaign",
    "training",
    "judges",
    "sentences",
    "imprisonment",
    "organ",
    "organization",
]
FILLER = [
    "the",
    "government",
    "of",
    "and",
    "in",
    "to",
    "a",
    "was",
    "were",
    "for",
    "with",
    "by",
    "during",
]
FACT_SENTENCES = (
    "Police identified {n} victims of trafficking.",
    "Courts convicted {n} traffickers.",
    "Authorities prosecuted {n} suspects.",
    "The government operated {n} shelters.",
    "Some victims were not identified.",
    "It compared with {n} victims identified in the previous year.",
)
COUNTRIES = ("Avalon", "Borduria", "Carpania", "Dorado", "Elbonia", "Freedonia")


PHRASES = ("forced labor", "debt bondage", "child soldiers", "armed groups", "victims identified")


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(FACT_SENTENCES).format(n=rng.choice(["12", "1,000", "10,000", "7"]))
    content = [*VOCABULARY, *PHRASES]
    words = [rng.choice(content if rng.random() < 0.6 else FILLER) for _ in range(12)]
    return " ".join(words).capitalize() + "."


def _narrative(rng: random.Random, country: str) -> str:
    paragraphs = [
        f"The Government of {country} does not fully meet the minimum standards for the "
        "elimination of trafficking."
    ]
    for _ in range(rng.randint(4, 9)):
        paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(1, 5))))
    return f"{country} (Tier 2)\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    rng = random.Random(SEED)
    folder = tmp_path_factory.mktemp("generated")
    for i in range(30):
        country = COUNTRIES[i % len(COUNTRIES)]
        year = 2001 + i
        (folder / f"{country.lower()}-{year}.txt").write_text(_narrative(rng, country))
    return Session(str(folder), use_cache=False)


def _query(rng: random.Random) -> str:
    words = rng.sample(VOCABULARY, rng.randint(1, 4))
    if rng.random() < 0.2:
        words.append(rng.choice(["1,000", "10000", "12", "7"]))
    if rng.random() < 0.15:
        word = rng.choice(words)
        if len(word) > 5:
            i = rng.randrange(1, len(word) - 1)
            words.append(word[:i] + word[i + 1 :])  # a typo
    if rng.random() < 0.1:
        words.append(f'"{rng.choice(VOCABULARY)}"')
    return " ".join(words)


def _shown(hits: list[Hit]) -> list[tuple[str, float, tuple[int, int] | None]]:
    return [(h.paragraph.id, h.score, h.sentence) for h in hits]


def test_top_k_equals_exhaustive_scoring(session: Session) -> None:
    rng = random.Random(SEED + 1)
    checked = 0
    for _ in range(150):
        text = _query(rng)
        exact = rng.random() < 0.15
        searcher = Searcher(session.store, exact=exact)
        try:
            query = searcher.parse(text)
        except UsageError:
            continue
        options = {
            "limit": rng.choice([1, 2, 3, 5, 10, 25]),
            "sentences": rng.random() < 0.2,
            "min_score": rng.choice([0.0, 0.0, 40.0]),
        }
        fast = searcher.search(query, Scope(), **options)  # type: ignore[arg-type]
        slow = searcher.exhaustive(query, Scope(), **options)  # type: ignore[arg-type]
        assert _shown(fast) == _shown(slow), (text, options)
        checked += bool(slow)
    assert checked >= 100


def test_a_filter_never_finds_a_better_hit(session: Session) -> None:
    rng = random.Random(SEED + 2)
    file_ids = list(session.store.ids)
    for _ in range(60):
        searcher = Searcher(session.store)
        try:
            query = searcher.parse(_query(rng))
        except UsageError:
            continue
        everything = {
            h.paragraph.id: h.score for h in searcher.exhaustive(query, Scope(), limit=10_000)
        }
        chosen = tuple(sorted(rng.sample(file_ids, rng.randint(1, 6))))
        section = rng.choice([None, None, "overview"])
        hits = searcher.search(query, Scope(chosen, section), limit=5)
        unfiltered = searcher.search(query, Scope(), limit=5)
        assert all(h.score == everything[h.paragraph.id] for h in hits)
        if hits:
            assert hits[0].score <= unfiltered[0].score
        assert _shown(hits) == _shown(searcher.exhaustive(query, Scope(chosen, section), limit=5))


def test_streams_stop_early_on_a_common_query(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bound does its work: a common query scores fewer paragraphs than match."""
    monkeypatch.setattr(lookup, "STREAM_BATCH", 4)
    searcher = Searcher(session.store)
    query = searcher.parse("forced labor")
    scored: list[int] = []
    original = searcher._scored

    def counting(batch, ready, sentences):  # type: ignore[no-untyped-def]
        scored.append(len(batch))
        return original(batch, ready, sentences)

    monkeypatch.setattr(searcher, "_scored", counting)
    searcher.search(query, Scope(), limit=3)
    matching = len(searcher.index.matching(searcher.prepare(query).everything, Scope()))
    assert sum(scored) < matching / 2, (sum(scored), matching)
