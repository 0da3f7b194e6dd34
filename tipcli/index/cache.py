"""Where the index lives, and opening it with every fallback: a corrupt, foreign or old
index is rebuilt; a cache that cannot be written means working in memory."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import zlib
from pathlib import Path

from tipcli.index.scan import Listing
from tipcli.index.store import APPLICATION_ID, SCHEMA, ProgressCallback, StaleIndexError, Store
from tipcli.model import Skipped

CACHE_ENV = "XDG_CACHE_HOME"


def cache_dir() -> Path | None:
    """$XDG_CACHE_HOME/tip, else ~/.cache/tip; None when there is no home folder."""
    base = os.environ.get(CACHE_ENV)
    if base:
        return Path(base) / "tip"
    try:
        return Path.home() / ".cache" / "tip"
    except RuntimeError:  # no HOME and no passwd entry
        return None


def index_path(root: Path) -> Path | None:
    """The index file of one corpus path."""
    folder = cache_dir()
    if folder is None:
        return None
    # zlib, not hashlib: OpenSSL costs 5 ms to import on every run, for a file name.
    key = str(root.resolve()).encode("utf-8", "surrogatepass")
    return folder / f"index-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.sqlite3"


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _open_file(path: Path, root: Path) -> Store | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for _attempt in range(2):
        try:
            return Store.open(str(path), root)
        except (StaleIndexError, sqlite3.DatabaseError):
            _remove(path)  # corrupt, foreign or another version: rebuild it
        except OSError:
            return None
    return None


def open_synced(
    root: Path,
    use_cache: bool,
    progress: ProgressCallback | None = None,
    listing: Listing | None = None,
) -> tuple[Store, list[Skipped]]:
    """A store for the corpus at root, up to date with the files on disk (or with
    `listing`, the files as scan() just saw them)."""
    path = index_path(root) if use_cache else None
    for _attempt in range(2):
        store = _open_file(path, root) if path else None
        if store is None or path is None:
            break
        try:
            return store, store.sync(progress, listing=listing)
        except sqlite3.DatabaseError as exc:
            store.close()
            if _cannot_write(exc):
                break  # the cache folder cannot take it: go on in memory
            _remove(path)  # broken under us: rebuild once
    memory = Store.open(":memory:", root)
    return memory, memory.sync(progress, listing=listing)


# SQLite's primary result codes that say the cache cannot be written, as opposed to a
# damaged file (which is rebuilt).
_CANNOT_WRITE = frozenset(
    {
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
    }
)


def _cannot_write(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite refused to write (read-only, full, locked, I/O), by its error code."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _CANNOT_WRITE


def clear() -> list[Path]:
    """Remove every tip index in the cache folder; return what was removed."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.glob("index-*.sqlite3")):
        _remove(path)
        removed.append(path)
    return removed


def describe(store: Store) -> dict[str, object]:
    """Where a store lives, its size and what it holds."""
    location = store.db.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    size = Path(location).stat().st_size if location != ":memory:" else 0
    return {
        "type": "index",
        "path": location,
        "corpus": str(store.root),
        "bytes": size,
        **store.stats(),
    }


def report_ids(root: Path, prefix: str = "") -> list[str]:
    """The report ids starting with prefix in the cached index of the corpus at root, in
    corpus order, for shell completion: read-only, no sync, no parsing. An absent, foreign,
    old or unreadable index gives none (completion must never fail or wait)."""
    path = index_path(root)
    if path is None or not path.is_file():
        return []
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=COMPLETION_TIMEOUT)
    except sqlite3.Error:
        return []
    try:
        return _report_ids(db, prefix)
    except sqlite3.Error:
        return []
    finally:
        db.close()


# Seconds completion waits for an index another tip is writing, before offering nothing.
COMPLETION_TIMEOUT = 0.2


def _report_ids(db: sqlite3.Connection, prefix: str) -> list[str]:
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return []
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None or row[0] != str(SCHEMA):
        return []
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.execute(
        "SELECT report_id FROM reports WHERE report_id LIKE ? ESCAPE '\\' "
        "GROUP BY report_id ORDER BY min(ord)",
        (pattern,),
    )
    # LIKE ignores ASCII case; completion wants the prefix as typed.
    return [rid for (rid,) in rows if rid.startswith(prefix)]
