"""Ingest: one narrative file -> the rows the index stores (run in worker processes).

The only place the index meets the loader and the fact extractor.
"""

from __future__ import annotations

import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tipcli.errors import NarrativeError
from tipcli.model import Fact, KeyFigure, Report


@dataclass(frozen=True, slots=True)
class Parsed:
    """What indexing one file produces (picklable: workers parse, the main process writes)."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    report: Report | None
    facts: tuple[Fact, ...]
    error: str | None
    tokens: tuple[tuple[str, str], ...] = ()  # per paragraph: folded keys, exact words
    terms: tuple[tuple[str, int, int], ...] = ()  # (term, exact, paragraphs holding it)
    figures: tuple[KeyFigure, ...] = ()  # the key figures the narrative reports (0 or more)


def parse_file(path: str, size: int, mtime_ns: int, sha256: str) -> Parsed:
    """Parse one narrative, extract its facts and tokenise it; errors are recorded."""
    from tipcli.facts.extract import extract_report
    from tipcli.facts.keyfigures import key_figures
    from tipcli.load.narrative import read_narrative
    from tipcli.load.terms import exact_keys, folded_keys

    try:
        report = read_narrative(Path(path))
    except NarrativeError as exc:
        return Parsed(path, size, mtime_ns, sha256, None, (), str(exc))
    tokens = []
    terms: Counter[tuple[str, int]] = Counter()
    for paragraph in report.paragraphs:
        keys = folded_keys(paragraph.text)
        words = exact_keys(paragraph.text)
        tokens.append((" ".join(keys), " ".join(words)))
        terms.update((k, 0) for k in set(keys))
        terms.update((w, 1) for w in set(words))
    facts = extract_report(report)
    figures = key_figures(report, facts)
    return Parsed(
        path,
        size,
        mtime_ns,
        sha256,
        report,
        tuple(facts),
        None,
        tuple(tokens),
        tuple((term, exact, n) for (term, exact), n in terms.items()),
        tuple(f for f in figures.values() if f is not None),
    )


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes; '' when it cannot be read (the parser will say why)."""
    import hashlib

    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return ""  # a FIFO or device: reading it could block; the parser refuses it
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()
