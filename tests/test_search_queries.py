"""Queries as people write them: questions naming a country or year, measure words, topics,
numbers, stopwords, real words that are not typos, and scores that separate the hits.

Two relevance sets. QUESTIONS (over the dev fixtures beside the repository) was written by
hand: a query of each kind, and the sentence a reader would accept the answer for. The
key-figure questions are generated from tests/fixtures/keyfigures' gold: for each narrative
and key figure, the figure's sentence (`sentence_contains`) is the answer to "convictions
Nepal", "how many victims were identified in Nepal in 2019" and the like.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipcli.errors import UsageError
from tipcli.index.filters import Filters
from tipcli.load.text import normalise_chars, normalise_paragraph
from tipcli.model import Hit
from tipcli.session import Session

from .conftest import CORPUS, ROOT, SEED

KEYFIGURES = ROOT / "tests" / "fixtures" / "keyfigures"
NARRATIVES = ROOT / "tests" / "fixtures" / "narratives"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent")

# (query, a substring of the paragraph a reader would accept first)
QUESTIONS: list[tuple[str, str]] = [
    ("how many victims were identified in Nepal", "Police identified 1,110 potential"),
    ("victims identified Nepal 2019", "Police identified 1,110 potential"),
    ("convictions Ghana", "Courts convicted 12 traffickers"),
    ("traffickers convicted Kenya", "Courts convicted six traffickers"),
    ("prosecutions Malaysia 2023", "prosecuted 73 alleged traffickers"),
    ("investigations in Nepal", "police investigated 304 cases"),
    ("how many cases were investigated in Ghana", "investigated 135 cases"),
    ("victims identified", "identified"),  # any paragraph stating a victims-identified figure
    ("child soldiers", "child soldiers"),
    ("children released from armed groups", "children released from armed groups"),
    ("debt bondage brick kilns", "brick"),
    ("1,110", "1,110"),
    ("1110 victims", "1,110"),
    ("flogging Saudi Arabia", "flogging"),
    ("shelters Ghana", "shelters"),
]


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> Session:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    folder = tmp_path_factory.mktemp("dev")
    for source in [SEED, *sorted(CORPUS.glob("*.txt"))]:
        (folder / source.name).write_bytes(source.read_bytes())
    return Session(str(folder), use_cache=False, notice=lambda _: None)


def _rank(hits: list[Hit], wanted: str) -> int | None:
    wanted = normalise_paragraph(normalise_chars(wanted))  # as the loader reads the text
    return next((i for i, h in enumerate(hits, 1) if wanted in h.paragraph.text), None)


def _figures(session: Session, questions: list[tuple[str, str]]) -> tuple[float, float, list]:
    ranks = [(q, _rank(session.search(None, q, limit=10)[0], wanted)) for q, wanted in questions]
    success = sum(r == 1 for _, r in ranks) / len(ranks)
    mrr = sum(1 / r for _, r in ranks if r) / len(ranks)
    return success, mrr, [(q, r) for q, r in ranks if r != 1]


@needs_corpus
def test_questions_over_the_dev_fixtures(dev: Session) -> None:
    success, mrr, misses = _figures(dev, QUESTIONS)
    print(f"questions: success@1 {success:.3f}  MRR {mrr:.3f}  over {len(QUESTIONS)}  {misses}")
    assert success >= 0.85, misses
    assert mrr >= 0.9, misses


MEASURE_WORDS = {
    "investigations": ("investigations {c}", "how many cases were investigated in {c} {y}"),
    "prosecutions": ("prosecutions {c}", "how many traffickers were prosecuted in {c} {y}"),
    "convictions": ("convictions {c}", "traffickers convicted in {c} in {y}"),
    "victims_identified": ("victims identified {c}", "how many victims were identified in {c}"),
}


def keyfigure_questions(folder: Path) -> list[tuple[str, str]]:
    """Questions whose answer is a key figure's sentence, from the fixtures' gold."""
    out = []
    for path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(path.read_text("utf-8"))
        for key, cell in gold["key_figures"].items():
            if cell and cell.get("value") and cell.get("sentence_contains"):
                for pattern in MEASURE_WORDS[key]:
                    query = pattern.format(c=gold["country"], y=gold["year"])
                    out.append((query, cell["sentence_contains"]))
    return out


@pytest.mark.parametrize("folder", [KEYFIGURES, NARRATIVES], ids=["keyfigures", "narratives"])
def test_key_figure_questions(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    session = Session(str(folder), use_cache=False, notice=lambda _: None)
    questions = keyfigure_questions(folder)
    success, mrr, misses = _figures(session, questions)
    print(f"{folder.name}: success@1 {success:.3f}  MRR {mrr:.3f}  over {len(questions)} {misses}")
    assert len(questions) >= 40
    assert success >= 0.8, misses
    assert mrr >= 0.85, misses


@needs_corpus
def test_country_and_year_words_pick_reports_and_say_so(tmp_path: Path) -> None:
    notes: list[str] = []
    folder = tmp_path / "c"
    folder.mkdir()
    for source in sorted(CORPUS.glob("*.txt")):
        (folder / source.name).write_bytes(source.read_bytes())
    session = Session(str(folder), use_cache=False, notice=notes.append)
    hits, _ = session.search(None, "victims identified in Nepal 2019")
    assert hits and {h.paragraph.report for h in hits} == {"nepal-2019"}
    assert notes == ["searching Nepal 2019 only"]
    hits, _ = session.search(Filters(country="Ghana"), "victims Nepal")
    assert all(h.paragraph.report == "ghana-2012" for h in hits)  # --country wins: text word
    notes.clear()
    session.search(None, "Nepal")  # nothing else to search for: the word is text
    assert notes == []


@needs_corpus
def test_victims_identified_prefers_the_figure(dev: Session) -> None:
    hits, _ = dev.search(None, "victims identified", limit=10)
    first_not = _rank(hits, "not identified") or 99
    stating = [i for i, h in enumerate(hits, 1) if any(c.isdigit() for c in h.paragraph.text)]
    assert stating and stating[0] < first_not
    assert hits[0].score > hits[-1].score


@needs_corpus
@pytest.mark.parametrize(("query", "never"), [("1,000", "10,000"), ("1000", "10,000")])
def test_numbers_match_numbers_exactly(dev: Session, query: str, never: str) -> None:
    hits, _ = dev.search(None, query, limit=100)
    for hit in hits:
        texts = [hit.paragraph.text[a:b] for a, b in hit.matches]
        assert all(t.replace(",", "") == "1000" for t in texts), texts


@needs_corpus
def test_ten_thousand_exact_is_not_ten_days(dev: Session) -> None:
    hits, _ = dev.search(None, "10,000", limit=100, exact=True)
    for hit in hits:
        assert all(hit.paragraph.text[a:b] == "10,000" for a, b in hit.matches)


@pytest.mark.parametrize("query", ["the of and", "how many were there", "what is it"])
def test_stopwords_only_is_a_usage_error_saying_why(query: str) -> None:
    session = Session(str(SEED), use_cache=False)
    with pytest.raises(UsageError, match="only common words"):
        session.search(None, query)


def test_a_real_word_is_not_turned_into_another(tmp_path: Path) -> None:
    (tmp_path / "x-2010.txt").write_text(
        "Xland (Tier 2)\n\nTraffickers forced victims into organ removal; the organization "
        "of victims' services and organizations helping trafficking victims improved.\n\n"
        "An organization trained police on trafficking. Organizations ran shelters.\n"
    )
    session = Session(str(tmp_path), use_cache=False)
    hits, _ = session.search(None, "organ", limit=10)
    assert [h.paragraph.index for h in hits] == [1]
    assert all(hits[0].paragraph.text[a:b].lower() == "organ" for a, b in hits[0].matches)


@needs_corpus
def test_scores_separate_the_hits_of_a_common_query(dev: Session) -> None:
    hits, _ = dev.search(None, "forced labor", limit=10)
    assert len(hits) == 10
    assert len({h.score for h in hits}) > 3
    assert sum(h.score == 100 for h in hits) <= 1


@needs_corpus
def test_the_note_goes_to_stderr_and_json_is_unchanged(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tipcli.cli import app

    for source in sorted(CORPUS.glob("*.txt")):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    runner = CliRunner()
    args = ["--corpus", str(tmp_path), "search", "convictions", "Ghana", "--json"]
    result = runner.invoke(app, args)
    assert result.exception is None and result.exit_code == 0
    assert "tip: searching Ghana only" in result.stderr
    records = json.loads(result.stdout)
    assert records and {r["report"] for r in records} == {"ghana-2012"}
    stopwords = runner.invoke(app, ["--corpus", str(tmp_path), "search", "the", "of", "and"])
    assert stopwords.exit_code == 2 and "only common words" in stopwords.stderr
