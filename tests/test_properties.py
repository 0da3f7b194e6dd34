"""Property-based tests: the loader, the extractor and the query parser never fail on any
text, paragraphs come from the input in order, and a sentence finds its own paragraph."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipcli.errors import NarrativeError, UsageError
from tipcli.facts.extract import extract_report
from tipcli.load import paged
from tipcli.load.narrative import parse_narrative
from tipcli.load.text import normalise_chars, normalise_paragraph, sentence_spans
from tipcli.model import Hit
from tipcli.search.query import MAX_QUERY_CHARS, parse_query
from tipcli.session import Session

from .conftest import NO_SHARED, SEED, gold_files, narrative_files

# Plain-text narratives only: an HTML page's paragraphs are not substrings of its source.
TEXTS = [path.read_text("utf-8") for path in narrative_files() if path.suffix == ".txt"]
LINES = st.sampled_from([line for text in TEXTS for line in text.splitlines()])
NARRATIVE_LIKE = st.lists(
    st.one_of(LINES, st.just(""), st.text(max_size=80)), min_size=1, max_size=40
).map("\n".join)


def _as_read(text: str) -> str:
    """The text as the loader reads it: text laid out in pages (form feeds, hard wrapping)
    is repaired first, so its page numbers and running headers are gone."""
    page = "\ue000"
    normalised = normalise_chars(text.replace("\f", page)).replace(page, "\f")
    return paged.repair(normalised) if paged.needs_repair(normalised) else text


# A list item's marker at the start of a line ("* item", "- item", "3. item") is not part
# of its text: the loader drops it, so the order check compares the text without it.
_LINE_BULLET = re.compile(r"(?m)^[ \t]*(?:[▪●◦‣*]|-(?=\s)|\d{1,2}[.)](?=\s))[ \t]*")


def _without_line_bullets(text: str) -> str:
    return _LINE_BULLET.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _in_order(report_texts: list[str], source: str) -> None:
    flat = normalise_paragraph(normalise_chars(source))
    cursor = 0
    for text in report_texts:
        found = flat.find(text[:60], cursor)
        assert found >= 0, (text[:60], flat[cursor : cursor + 200])
        cursor = found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=2000), NARRATIVE_LIKE))
def test_loader_and_extractor_never_fail(text: str) -> None:
    try:
        report = parse_narrative(text, source="any-2010.txt")
    except NarrativeError:
        return
    if "•" not in text and "·" not in text:  # bullets are dropped when lists are rejoined
        _in_order([p.text for p in report.paragraphs], _without_line_bullets(_as_read(text)))
    for fact in extract_report(report):
        assert fact.sentence[fact.span[0] : fact.span[1]] == fact.text


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=MAX_QUERY_CHARS + 50))
def test_query_parser_accepts_or_refuses_cleanly(text: str) -> None:
    try:
        query = parse_query(text, {"mps": ("ministry", "of", "public", "security")})
    except UsageError as exc:
        assert "\n" not in str(exc)
        return
    assert query.groups or query.phrases


@pytest.fixture(scope="module", params=["own", "shared"])
def session(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Session:
    """The seed with one gold set (two sets together share boilerplate sentences, such as
    "The government continued prevention efforts.", that no ranking can tell apart)."""
    gold = gold_files(request.param)
    if not gold:
        pytest.skip(NO_SHARED)
    folder = tmp_path_factory.mktemp("corpus")
    for path in [SEED, *(g.with_name(g.name.removesuffix(".gold.json")) for g in gold)]:
        (folder / path.name).write_bytes(path.read_bytes())
    return Session(str(folder), use_cache=False)


def _sentences(session: Session) -> list[tuple[str, str]]:
    return [
        (p.id, p.text[a:b])
        for r in session.reports()
        for p in r.paragraphs
        for a, b in sentence_spans(p.text)
    ]


def _finds(hits: list[Hit], paragraph_id: str, sentence: str) -> bool:
    """The paragraph is first (or tied first), or the first holds the same sentence: a
    sentence several paragraphs share belongs to each of them."""
    top = [h for h in hits if h.score == hits[0].score] if hits else []
    return any(h.paragraph.id == paragraph_id or sentence in h.paragraph.text for h in top)


def test_every_sentence_finds_its_own_paragraph_first(session: Session) -> None:
    misses = []
    sentences = _sentences(session)
    for paragraph_id, sentence in sentences:
        query = re.sub(r'["]', " ", sentence)[:MAX_QUERY_CHARS]
        hits, _ = session.search(None, query, limit=3)
        if not _finds(hits, paragraph_id, sentence):
            misses.append((paragraph_id, sentence[:60], [h.paragraph.id for h in hits]))
    assert len(sentences) > 200
    assert not misses, misses


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_sentence_search_property(session: Session, data: st.DataObject) -> None:
    reports = session.reports()
    report = data.draw(st.sampled_from(reports))
    paragraph = data.draw(st.sampled_from(report.paragraphs))
    start, end = data.draw(st.sampled_from(sentence_spans(paragraph.text)))
    hits, _ = session.search(None, paragraph.text[start:end].replace('"', " "), limit=3)
    assert _finds(hits, paragraph.id, paragraph.text[start:end])


def test_fixture_files_exist() -> None:
    # the seed and at least one gold-labelled narrative of our own, on every clone
    assert SEED.is_file() and len(TEXTS) > 1
