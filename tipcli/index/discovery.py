"""Finding and loading a corpus (a file, a folder, or the bundled seeds) and filtering it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from tipcli.errors import CorpusError, NarrativeError, UsageError
from tipcli.model import TIERS, Corpus, Report, Skipped

CORPUS_ENV = "TIP_CORPUS"
SUFFIXES = (".txt", ".htm", ".html")


def bundled_seeds() -> Path:
    """The bundled seeds folder: inside the wheel, or the repository's in a source checkout."""
    from importlib import resources

    packaged = resources.files("tipcli") / "_seeds"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "seeds"


def corpus_path(option: str | None) -> Path:
    """The corpus to read: --corpus, else $TIP_CORPUS, else the bundled seeds."""
    chosen = option or os.environ.get(CORPUS_ENV) or None
    if chosen is None:
        return bundled_seeds()
    path = Path(chosen).expanduser()
    if not path.exists():
        origin = "--corpus" if option else f"${CORPUS_ENV}"
        raise CorpusError(
            f"{chosen}: no such file or folder (from {origin})",
            "give the path of a narrative .txt file or of a folder of them",
        )
    return path


Listing = list[tuple[str, int, int]]


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
    found: list[tuple[str, int, int]] = []
    pending = [str(root)]
    while pending:
        try:
            with os.scandir(pending.pop()) as listing:
                entries = sorted(listing, key=_name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                    continue
            except OSError:
                pass
            if name.lower().endswith(SUFFIXES):
                try:
                    st = entry.stat()
                except OSError:
                    found.append((entry.path, -1, -1))
                else:
                    found.append((entry.path, st.st_size, st.st_mtime_ns))
        pending.extend(reversed(subfolders))
    return found


_name = attrgetter("name")


def _stat(path: str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)  # noqa: PTH116 - a str path, no Path objects on the hot path
    except OSError:
        return (path, -1, -1)
    return (path, st.st_size, st.st_mtime_ns)


def narrative_files(root: Path) -> list[Path]:
    """The narrative files under a path, in corpus order."""
    return [Path(path) for path, _, _ in scan(root)]


def load_corpus(root: Path) -> Corpus:
    """Parse every narrative under root; files that are not narratives are skipped."""
    if root.is_file():
        report = _read(root)
        return Corpus((report,))
    reports: list[Report] = []
    skipped: list[Skipped] = []
    for path in narrative_files(root):
        try:
            reports.append(_read(path))
        except NarrativeError as exc:
            skipped.append(Skipped(str(path), str(exc)))
    return finish_corpus(root, reports, skipped)


def _read(path: Path) -> Report:
    from tipcli.load.narrative import read_narrative

    return read_narrative(path)


def finish_corpus(root: Path, reports: list[Report], skipped: list[Skipped]) -> Corpus:
    """Give colliding report ids a suffix and refuse a corpus with no narrative."""
    if not reports:
        detail = f" ({len(skipped)} files skipped)" if skipped else ""
        raise CorpusError(
            f"{root}: no TIP narratives found{detail}",
            "point --corpus at .txt narratives",
        )
    ids = unique_ids([r.id for r in reports])
    unique = [r if r.id == i else _renamed(r, i) for r, i in zip(reports, ids, strict=True)]
    return Corpus(tuple(unique), tuple(skipped))


def unique_ids(bases: Iterable[str]) -> list[str]:
    """Report ids made unique in corpus order: the second china-2007 is china-2007-2."""
    seen: dict[str, int] = {}
    out = []
    for base in bases:
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def _renamed(report: Report, new_id: str) -> Report:
    from dataclasses import replace

    paragraphs = tuple(
        replace(p, id=f"{new_id}:p{p.index}", report=new_id) for p in report.paragraphs
    )
    return replace(report, id=new_id, paragraphs=paragraphs)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which reports a command looks at."""

    report: str | None = None
    country: str | None = None
    year: int | None = None
    tier: str | None = None


def normalise_tier(value: str) -> str:
    """'2wl', 'tier 2 watch list', '3', 'special' -> the canonical tier name."""
    key = re.sub(r"[^a-z0-9]", "", value.lower()).removeprefix("tier")
    table = {"1": "Tier 1", "2": "Tier 2", "3": "Tier 3", "2wl": "Tier 2 Watch List"}
    table |= {"2watchlist": "Tier 2 Watch List", "specialcase": "Special Case"}
    table |= {"special": "Special Case", "sc": "Special Case"}
    if key in table:
        return table[key]
    raise UsageError(f"unknown tier '{value}'", f"use one of: {', '.join(TIERS)}")
