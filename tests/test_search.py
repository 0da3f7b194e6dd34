"""Search relevance (success@1, MRR) over the seed and the fixtures, and exact-mode parity."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tipcli.errors import UsageError
from tipcli.index.filters import Filters
from tipcli.session import Session

# Query -> paragraphs a reader would accept as the top answer (and the report it is
# asked of, where the question names one).
RELEVANCE: list[tuple[str, set[str]] | tuple[str, set[str], str]] = [
    ("MPS", {"china-2007:p6", "china-2007:p8"}),
    ("Ministry of Public Security", {"china-2007:p6", "china-2007:p8"}),
    ("ACWF shelters", {"china-2007:p6"}),
    ("All-China Women's Federation", {"china-2007:p6", "china-2007:p8"}),
    ("Border Liaison Offices", {"china-2007:p6"}),
    ("trafficing shelters", {"china-2007:p6"}, "china-2007"),
    ("psycological assistance", {"china-2007:p7"}),
    ("Yunan psychological", {"china-2007:p7"}),
    ("prostituion criminals", {"china-2007:p8"}),
    ("deported North Koreans", {"china-2007:p3", "china-2007:p8"}),
    ("3,371 cases", {"china-2007:p4"}),
    ("labour inspectors", {"china-2007:p5"}),
    ("awareness campaign posters", {"china-2007:p9"}),
    ("Save the Children repatriate", {"china-2007:p7"}),
    ("birth ratio brides", {"china-2007:p2"}),
    ("victims trafficked internally", {"china-2007:p2"}),
    ("life imprisonment death penalty", {"china-2007:p4"}),
    ("Vietnamese authorities networks", {"china-2007:p4"}),
    ("hotlines legal advice", {"china-2007:p6"}),
    ("ratify UN TIP Protocol", {"china-2007:p9", "kenya-2008:p7", "saudi-arabia-2006:p7"}),
    ("complicity of officials", {"china-2007:p5"}, "china-2007"),
    ("child sex tourism code of conduct", {"kenya-2008:p7"}),
    ("raids on beach hotels", {"kenya-2008:p6"}),
    ("rescue centres Garissa", {"kenya-2008:p5"}),
    ("flogging", {"saudi-arabia-2006:p4"}),
    ("absconders deportation centers", {"saudi-arabia-2006:p5"}),
    ("multilingual pamphlet", {"saudi-arabia-2006:p7"}),
    ("kayayei porters", {"ghana-2012:p1"}),
    ("canoe owners Lake Volta", {"ghana-2012:p5"}),
    ("AHTU vehicles fuel", {"ghana-2012:p6"}),
    ("Anti-Human Trafficking Unit", {"ghana-2012:p5", "ghana-2012:p6"}),
    ("haliya bonded labour", {"nepal-2019:p8"}),
    ("DOFE complaints", {"nepal-2019:p4"}),
    ("Department of Foreign Employment", {"nepal-2019:p4", "nepal-2019:p5"}),
    ("pre-departure orientation", {"nepal-2019:p7"}),
    ("ATIPSOM caning", {"malaysia-2023:p4"}),
    ("work passes for shelter residents", {"malaysia-2023:p6"}),
    ("Rohingya refugees", {"malaysia-2023:p9"}),
    ("restitution totaling ringgit", {"malaysia-2023:p7"}),
    ("al-Shabaab UNICEF rehabilitation", {"somalia-2013:p7"}),
    ("clan-based mechanisms", {"somalia-2013:p5"}),
    ("Bossaso Garowe awareness", {"somalia-2013:p8"}),
    ("traffickers convicted fiscal year", {"nepal-2019:p4"}, "nepal-2019"),
    ("penalize victims immigration violations", {"malaysia-2023:p2", "malaysia-2023:p6"}),
    ('"forced labor" fishing', {"ghana-2012:p1", "ghana-2012:p5"}),
    ("deportation", {"china-2007:p8", "china-2007:p3"}, "china-2007"),
    ("prosecutions of government employees", {"ghana-2012:p6"}),
]


@pytest.fixture
def session(mixed_corpus: Path) -> Session:
    return Session(corpus_option=str(mixed_corpus), use_cache=False)


def test_relevance_set_names_real_paragraphs(session: Session) -> None:
    """Every accepted answer is a paragraph of the corpus: a typo here would pass silently."""
    known = {p.id for r in session.reports() for p in r.paragraphs}
    missing = [(query, accepted - known) for query, accepted, *_ in RELEVANCE if accepted - known]
    assert missing == []


def test_relevance_success_at_1_and_mrr(session: Session) -> None:
    successes, reciprocal = 0, 0.0
    failures = []
    for query, accepted, *scope in RELEVANCE:
        hits, _ = session.search(Filters(*scope), query, limit=10)
        ids = [h.paragraph.id for h in hits]
        rank = next((i for i, pid in enumerate(ids, start=1) if pid in accepted), None)
        successes += rank == 1
        reciprocal += 1 / rank if rank else 0.0
        if rank != 1:
            failures.append((query, ids[:3]))
    n = len(RELEVANCE)
    print(f"search: success@1 {successes / n:.3f}  MRR {reciprocal / n:.3f}  over {n} queries")
    print(failures)
    assert successes / n >= 0.9, failures
    assert reciprocal / n >= 0.9, failures


@pytest.mark.parametrize("word", ["shelters", "labor", "MPS", "Tier", "children", "Yunnan", "rape"])
def test_exact_single_words_match_a_whole_word_regex(session: Session, word: str) -> None:
    reports = session.reports()
    hits, _ = session.search(None, word, limit=10_000, exact=True)
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    expected = {p.id for r in reports for p in r.paragraphs if pattern.search(p.text)}
    assert {h.paragraph.id for h in hits} == expected


def test_quoted_phrase_must_appear(session: Session) -> None:
    hits, _ = session.search(None, '"debt bondage"', limit=100)
    assert hits and all("debt bondage" in h.paragraph.text.lower() for h in hits)


def test_all_words_beat_some_and_matches_point_at_words(session: Session) -> None:
    hits, _ = session.search(None, "shelters Medie", limit=5)
    assert hits[0].paragraph.id == "ghana-2012:p7"
    for start, end in hits[0].matches:
        assert hits[0].paragraph.text[start:end].lower() in {"shelters", "shelter", "medie"}
    assert 0 <= hits[-1].score <= hits[0].score <= 100


def test_sentences_mode_returns_the_matching_sentence(session: Session) -> None:
    hits, _ = session.search(None, "flogging", sentences=True)
    start, end = hits[0].sentence or (0, 0)
    assert "flogging" in hits[0].paragraph.text[start:end]
    assert hits[0].paragraph.text[start:end].endswith(".")


def test_no_hit_suggests_close_words(session: Session) -> None:
    hits, suggestions = session.search(None, "qzxv", limit=5)
    assert hits == [] and suggestions == []  # nothing in the corpus is close to it
    _, suggestions = session.search(None, "flogginq", exact=True)
    assert "flogging" in suggestions


@pytest.mark.parametrize("query", ["", ".*[", "x" * 10_000, '"unclosed'])
def test_malformed_queries_are_usage_errors(query: str) -> None:
    with pytest.raises(UsageError):
        Session(use_cache=False).search(None, query)  # the bundled report


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Guangxī", ["china-2007:p6"]),  # one letter off: typo tolerance finds Guangxi
        ("劳动", []),  # no Chinese text in the narrative: nothing, and no error
        ("Côte d'Ivoire", []),
        ("ÆØÅ", []),
    ],
)
def test_non_ascii_queries(query: str, expected: list[str]) -> None:
    hits, _ = Session(use_cache=False).search(None, query)  # the bundled report
    assert [h.paragraph.id for h in hits][: len(expected) or None] == expected
    assert all(0 <= h.score <= 100 for h in hits)


def test_error_messages_are_one_line_whatever_the_query() -> None:
    from tipcli.search.query import parse_query

    with pytest.raises(UsageError) as info:
        parse_query("\n", {})
    assert "\n" not in str(info.value)
