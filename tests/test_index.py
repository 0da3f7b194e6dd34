"""The persistent index: same results as without it, incremental updates, every fallback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tipcli.errors import NoMatchError
from tipcli.index import cache
from tipcli.index.filters import Filters
from tipcli.index.store import SCHEMA
from tipcli.records import to_record
from tipcli.session import Session

from .conftest import SEED
from .test_search import RELEVANCE

QUERIES = [q for q, *_ in RELEVANCE] + ["forced labor", "shelters", '"debt bondage"', "qqqzzz"]


def _snapshot(session: Session) -> dict[str, object]:
    out: dict[str, object] = {
        "reports": [to_record(r) for r in session.reports()],
        "paragraphs": [to_record(p) for r in session.reports() for p in r.paragraphs],
        "facts": [to_record(f) for f in session.facts()],
    }
    for query in QUERIES:
        for options in ({}, {"exact": True}, {"sentences": True}, {"section": "prosecution"}):
            hits, suggestions = session.search(None, query, limit=5, **options)  # type: ignore[arg-type]
            out[f"{query} {options}"] = ([to_record(h) for h in hits], suggestions)
    try:
        hits, _ = session.search(Filters(country="Nepal"), "victims", limit=5)
    except NoMatchError:  # a corpus without Nepal: the same with or without the index
        hits = []
    out["nepal victims"] = [to_record(h) for h in hits]
    return out


def test_results_identical_with_and_without_the_index(any_corpus: Path) -> None:
    without = _snapshot(Session(str(any_corpus), use_cache=False))
    first = _snapshot(Session(str(any_corpus), use_cache=True))  # builds the index
    warm = _snapshot(Session(str(any_corpus), use_cache=True))  # reads it
    assert cache.index_path(any_corpus) is not None
    assert cache.index_path(any_corpus).exists()  # type: ignore[union-attr]
    assert without == first == warm


def _parsed_paths(corpus: Path) -> dict[str, str]:
    path = cache.index_path(corpus)
    assert path is not None
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT path, sha256 FROM files"))


def test_only_changed_files_are_parsed_and_removed_files_drop_out(mixed_corpus: Path) -> None:
    Session(str(mixed_corpus)).store  # noqa: B018 - build the index
    before = _parsed_paths(mixed_corpus)
    kenya = mixed_corpus / "kenya-2008.txt"
    ghana = mixed_corpus / "ghana-2012.txt"
    os.utime(ghana, ns=(1, 1))  # touched, same content: kept
    kenya.write_text(
        kenya.read_text("utf-8").replace("six traffickers", "nine traffickers"), "utf-8"
    )
    (mixed_corpus / "somalia-2013.txt").unlink()
    session = Session(str(mixed_corpus))
    facts = session.facts(Filters(report="kenya-2008"), measure="convictions")
    assert [f.value for f in facts if not f.earlier] == [9]
    after = _parsed_paths(mixed_corpus)
    assert str(mixed_corpus / "somalia-2013.txt") not in after
    assert after[str(ghana)] == before[str(ghana)]
    assert after[str(kenya)] != before[str(kenya)]
    assert [r.id for r in session.reports()] == [
        "china-2007", "ghana-2012", "kenya-2008", "malaysia-2023", "nepal-2019", "saudi-arabia-2006",
    ]  # fmt: skip


@pytest.mark.parametrize("damage", ["garbage", "foreign", "future", "truncated"])
def test_broken_index_is_rebuilt(mixed_corpus: Path, damage: str) -> None:
    Session(str(mixed_corpus)).store  # noqa: B018
    path = cache.index_path(mixed_corpus)
    assert path is not None
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "foreign":
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE notes(x)")
    else:
        with sqlite3.connect(path) as db:
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA + 1),))
    session = Session(str(mixed_corpus))
    hits, _ = session.search(None, "flogging")
    assert hits[0].paragraph.id == "saudi-arabia-2006:p4"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            str(SCHEMA),
        )


def test_unwritable_cache_means_working_in_memory(
    mixed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    session = Session(str(mixed_corpus))
    assert len(session.reports()) == 7
    assert cache.describe(session.store)["path"] == ":memory:"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_read_only_cache_folder(
    mixed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    (folder / "tip").mkdir(parents=True)
    (folder / "tip").chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    try:
        assert len(Session(str(mixed_corpus)).reports()) == 7
    finally:
        (folder / "tip").chmod(0o700)


def test_clear_removes_the_index(mixed_corpus: Path) -> None:
    Session(str(mixed_corpus)).store  # noqa: B018
    path = cache.index_path(mixed_corpus)
    assert path is not None and path.exists()
    assert cache.clear() == [path]
    assert not path.exists()


def test_two_processes_build_the_same_new_index(mixed_corpus: Path, tmp_path: Path) -> None:
    for i in range(30):  # enough files that building takes a moment
        shutil.copy(SEED, mixed_corpus / f"copy-{i:02d}.txt")
    tip = shutil.which("tip", path=str(Path(sys.executable).parent))
    assert tip
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "shared-cache")}
    command = [tip, "--corpus", str(mixed_corpus), "search", "forced", "labor", "--jsonl"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    assert outputs[0][0] == outputs[1][0] and outputs[0][0]
    again = subprocess.run(command, env=env, capture_output=True, check=True)
    assert again.stdout == outputs[0][0]


@pytest.mark.parametrize(
    "limit",
    [
        "PRAGMA max_page_count = 1",  # the disk is full: SQLITE_FULL
        "PRAGMA query_only = 1",  # a read-only database: SQLITE_READONLY
    ],
)
def test_full_or_read_only_cache_means_working_in_memory(
    mixed_corpus: Path, monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    from tipcli.index.store import Store

    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def limited_open(cls: type[Store], location: str, root: Path) -> Store:
        store: Store = real_open(cls, location, root)
        if location != ":memory:":
            store.db.execute(limit)  # real SQLite errors, recognised by their codes
        return store

    monkeypatch.setattr(Store, "open", classmethod(limited_open))
    session = Session(str(mixed_corpus))
    assert cache.describe(session.store)["path"] == ":memory:"
    hits, _ = session.search(None, "flogging")
    assert hits[0].paragraph.id == "saudi-arabia-2006:p4"
    path = cache.index_path(mixed_corpus)
    assert path is not None and path.exists()  # left as it was, not deleted


def test_narrative_edited_while_it_is_indexed(
    mixed_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tipcli.index import store as store_module

    # ghana-2012 ends with narrative text (kenya-2008 ends with Refworld's footer, after
    # which an appended line would be furniture)
    target = mixed_corpus / "ghana-2012.txt"
    real_parse = store_module.parse_file

    def parse_after_an_edit(path: str, *args: object) -> object:
        if path == str(target) and "Zanzibar" not in target.read_text("utf-8"):
            # The user saves the file between tip's listing of the folder and its parsing.
            with target.open("a", encoding="utf-8") as handle:
                handle.write("\nPolice in Zanzibar rescued 12 victims.\n")
        return real_parse(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "parse_file", parse_after_an_edit)
    first = Session(str(mixed_corpus))
    first.store  # noqa: B018 - index while the file changes
    monkeypatch.setattr(store_module, "parse_file", real_parse)
    hits, _ = Session(str(mixed_corpus)).search(None, "Zanzibar")
    assert [h.paragraph.report for h in hits] == ["ghana-2012"]
    fresh, _ = Session(str(mixed_corpus), use_cache=False).search(None, "Zanzibar")
    assert [h.paragraph.id for h in hits] == [h.paragraph.id for h in fresh]
