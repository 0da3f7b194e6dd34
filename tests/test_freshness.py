"""The index never serves stale results: an edit in place, an added or a removed narrative
shows up on the next run, and a touched but unchanged file is not parsed again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipcli.cli import app
from tipcli.index import ingest, store
from tipcli.session import Session

from .conftest import ROOT, SEED

NARRATIVES = sorted((ROOT / "tests" / "fixtures" / "keyfigures").glob("*.txt"))
HOUR_NS = 3600 * 10**9


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seed and the repository's key-figure narratives, last modified an hour ago (so
    that no file is within the racy window of a sync and the fast path is taken)."""
    folder = tmp_path / "narratives"
    folder.mkdir()
    an_hour_ago = time.time_ns() - HOUR_NS
    for source in [SEED, *NARRATIVES]:
        target = folder / source.name
        target.write_bytes(source.read_bytes())
        os.utime(target, ns=(an_hour_ago, an_hour_ago))
    return folder


def _ids(folder: Path) -> list[str]:
    return [r.id for r in Session(str(folder)).reports()]


def _hits(folder: Path, query: str) -> list[str]:
    hits, _ = Session(str(folder)).search(None, query, exact=True)
    return [h.paragraph.report for h in hits]


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = store.parse_file

    def counting(path: str, *args: object) -> ingest.Parsed:
        parsed.append(Path(path).name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "parse_file", counting)
    return parsed


def test_unchanged_corpus_takes_the_fast_path(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _ids(corpus)
    parsed = _count_parses(monkeypatch)
    hashed: list[Path] = []
    monkeypatch.setattr(store, "file_digest", lambda path: hashed.append(path) or "")
    assert _ids(corpus) == before
    assert parsed == [] and hashed == []  # neither parsed nor read: only listed


def test_edit_in_place_is_seen_on_the_next_run(corpus: Path) -> None:
    assert _hits(corpus, "Zanzibar") == []
    target = corpus / "peru-2016.txt"
    with target.open("a", encoding="utf-8") as handle:  # appended in place: same inode
        handle.write("\nPolice in Zanzibar rescued 12 victims.\n")
    assert _hits(corpus, "Zanzibar") == ["peru-2016"]


def test_same_size_edit_within_one_timestamp_tick_is_seen(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worst case: the edit keeps the size, and the file system's clock is so coarse
    # that the mtime does not move either. Files modified within RACY_WINDOW_NS of a sync
    # are re-hashed on the next runs; widen the window so that the fixtures (an hour old)
    # count as recent, as a file saved a moment before the first run would.
    monkeypatch.setattr(store, "RACY_WINDOW_NS", 2 * HOUR_NS)
    target = corpus / "peru-2016.txt"
    text = target.read_text("utf-8")
    assert "Peru" in text and "Xq7z" not in text
    _ids(corpus)
    stat = target.stat()
    target.write_text(text.replace("Peru", "Xq7z", 1), "utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert target.stat().st_size == stat.st_size
    assert _hits(corpus, "Xq7z") == ["peru-2016"]


def test_added_file_is_seen_on_the_next_run(corpus: Path) -> None:
    before = _ids(corpus)
    (corpus / "sub").mkdir()
    text = SEED.read_text("utf-8").replace("China (Tier 2 Watch List)", "Mongolia (Tier 2)")
    (corpus / "sub" / "mongolia-2007.txt").write_text(text, "utf-8")
    assert _ids(corpus) == [*before, "mongolia-2007"]  # and no existing id moved


def test_removed_file_is_gone_on_the_next_run(corpus: Path) -> None:
    before = _ids(corpus)
    assert "peru-2016" in before
    assert _hits(corpus, "Peru")
    (corpus / "peru-2016.txt").unlink()
    assert _ids(corpus) == [i for i in before if i != "peru-2016"]
    assert "peru-2016" not in _hits(corpus, "Peru")


def test_touched_file_is_not_parsed_again(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _ids(corpus)
    hits = _hits(corpus, "Peru")
    target = corpus / "peru-2016.txt"
    now = time.time_ns()
    os.utime(target, ns=(now, now))
    parsed = _count_parses(monkeypatch)
    assert _ids(corpus) == before
    assert _hits(corpus, "Peru") == hits
    assert parsed == []  # hashed, found unchanged, kept


def test_edit_seen_through_the_command_line(corpus: Path) -> None:
    # The CLI lists the corpus in a thread while it starts; the result must be as fresh.
    runner = CliRunner()
    args = ["--corpus", str(corpus), "search", "Zanzibar", "--exact"]
    first = runner.invoke(app, args)
    assert first.exit_code == 1 and isinstance(first.exception, SystemExit | None)
    # (peru-2016 ends with narrative text; the seed ends with Refworld's footer, after which
    # an appended line is furniture)
    with (corpus / "peru-2016.txt").open("a", encoding="utf-8") as handle:
        handle.write("\nPolice in Zanzibar rescued 12 victims.\n")
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "peru-2016:p" in second.output
