"""Listing a corpus: the narrative files under a path with their size and mtime."""

from __future__ import annotations

import os
from operator import attrgetter
from pathlib import Path

from tipcli.index.discovery import corpus_path

SUFFIXES = (".txt", ".htm", ".html", ".pdf")

Listing = list[tuple[str, int, int]]  # (path, size, mtime_ns); size -1: cannot be stat'ed


class Prefetch:
    """Lists the corpus in a thread while the rest of tip starts: stat() releases the GIL,
    so the thousands of stat calls of a big corpus overlap with imports."""

    def __init__(self, option: str | None) -> None:
        import threading

        self._result: tuple[Path, Listing] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(option,), daemon=True)
        self._thread.start()

    def _run(self, option: str | None) -> None:
        try:
            root = corpus_path(option)
            self._result = (root, scan(root))
        except BaseException as exc:  # re-raised in the caller's thread by result()
            self._error = exc

    def result(self) -> tuple[Path, Listing]:
        """The corpus path and its listing; raises what finding them raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def scan(root: Path) -> Listing:
    """(path, size, mtime_ns) of the narrative files under root, in corpus order.

    Folders are walked in sorted order; symlinked folders are not followed (no loops).
    A file that cannot be stat'ed gets size -1 so that reading it reports the problem.
    """
    if not root.is_dir():
        return [_stat(str(root))]
    found: Listing = []
    pending = [str(root)]
    while pending:
        pending.extend(reversed(_scan_folder(pending.pop(), found)))
    return found


def _scan_folder(folder: str, found: Listing) -> list[str]:
    """Append the folder's narrative files to found; return its subfolders, sorted.

    Where the OS allows, the folder is listed and its files stat'ed through a descriptor
    (fstatat): half the cost of stat() on full paths, which the kernel walks every time.
    """
    prefix = os.path.join(folder, "")  # noqa: PTH118 - str paths on the hot path
    try:
        handle = os.open(folder, _DIRECTORY_FLAGS) if _BY_DESCRIPTOR else None
    except OSError:
        return []
    try:
        with os.scandir(folder if handle is None else handle) as listing:
            entries = sorted(listing, key=_name)
        subfolders = []
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            if _is_folder(entry):
                subfolders.append(prefix + name)
            elif name.lower().endswith(SUFFIXES):
                found.append(_entry_stat(entry, prefix + name))
        return subfolders
    except OSError:
        return []
    finally:
        if handle is not None:
            os.close(handle)


_BY_DESCRIPTOR = os.scandir in os.supports_fd and os.stat in os.supports_dir_fd
_DIRECTORY_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_name = attrgetter("name")


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _entry_stat(entry: os.DirEntry[str], path: str) -> tuple[str, int, int]:
    try:
        st = entry.stat()
    except OSError:
        return (path, -1, -1)
    return (path, st.st_size, st.st_mtime_ns)


def _stat(path: str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)  # noqa: PTH116 - a str path, no Path objects on the hot path
    except OSError:
        return (path, -1, -1)
    return (path, st.st_size, st.st_mtime_ns)
