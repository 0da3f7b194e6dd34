"""Ingest: one narrative file -> the rows the index stores (run in worker processes).

The only place the index meets the loader and the fact extractor.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from tipcli.errors import NarrativeError
from tipcli.model import Fact, KeyFigure, Report


@dataclass(frozen=True, slots=True)
class Ingested:
    """One narrative of a file, ready to store."""

    report: Report
    facts: tuple[Fact, ...]
    tokens: tuple[tuple[str, str], ...]  # per paragraph: folded keys, exact words
    figures: tuple[KeyFigure, ...]  # the key figures the narrative reports (0 or more)
    digest: str  # the narrative's identity: its country-year and normalised text


@dataclass(frozen=True, slots=True)
class Parsed:
    """What indexing one file produces (picklable: workers parse, the main process writes):
    one Ingested per narrative the file holds, or the reason it holds none."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    reports: tuple[Ingested, ...]
    error: str | None


def parse_file(path: str, size: int, mtime_ns: int, sha256: str) -> Parsed:
    """Parse a file's narratives, extract their facts and tokenise them; errors are recorded."""
    from tipcli.load.narrative import read_narratives

    try:
        reports = read_narratives(Path(path))
    except NarrativeError as exc:
        return Parsed(path, size, mtime_ns, sha256, (), str(exc))
    return Parsed(path, size, mtime_ns, sha256, tuple(map(ingest, reports)), None)


def ingest(report: Report) -> Ingested:
    """One narrative's facts, key figures, search tokens and identity."""
    import hashlib

    from tipcli.facts.extract import extract_report
    from tipcli.facts.keyfigures import key_figures
    from tipcli.load.terms import exact_keys, folded_keys

    tokens = []
    for paragraph in report.paragraphs:
        keys = folded_keys(paragraph.text)
        words = exact_keys(paragraph.text)
        tokens.append((" ".join(keys), " ".join(words)))
    facts = extract_report(report)
    figures = key_figures(report, facts)
    # Paragraph texts are already normalised (whitespace, quotes): equal texts, equal digests.
    identity = "\n".join([report.id, *(p.text for p in report.paragraphs)])
    return Ingested(
        report,
        tuple(facts),
        tuple(tokens),
        tuple(f for f in figures.values() if f is not None),
        hashlib.sha256(identity.encode()).hexdigest(),
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
