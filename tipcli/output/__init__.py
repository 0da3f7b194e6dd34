"""The one place an output format is chosen: JSON, JSON Lines, plain text or rich."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, TextIO

from tipcli.model import Report
from tipcli.records import to_record


class Format(StrEnum):
    """How a listing is written."""

    AUTO = "auto"
    TABLE = "table"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


@dataclass(frozen=True)
class Listing:
    """What a command found, with what a renderer needs to show it."""

    kind: str  # reports, sections, paragraphs, facts, summary, hits, export
    items: Iterable[object]  # may be a generator: formatters go through it once
    reports: Mapping[str, Report] = field(default_factory=dict)
    full: bool = False
    title: str | None = None
    columns: Sequence[str] = ()  # report ids, for the summary table


class Formatter(Protocol):
    """Writes a listing to a stream."""

    def write(self, listing: Listing, out: TextIO) -> None: ...


class JsonFormatter:
    """One JSON array of records."""

    def write(self, listing: Listing, out: TextIO) -> None:
        import json

        # Streamed record by record: a corpus-wide listing never sits in memory as one string.
        out.write("[")
        for i, item in enumerate(listing.items):
            text = json.dumps(to_record(item), ensure_ascii=False, indent=2)
            out.write(("," if i else "") + "\n  " + text.replace("\n", "\n  "))
        out.write("\n]\n")


class JsonlFormatter:
    """One JSON object per line."""

    def write(self, listing: Listing, out: TextIO) -> None:
        import json

        for item in listing.items:
            out.write(json.dumps(to_record(item), ensure_ascii=False))
            out.write("\n")


def color_allowed(stream: TextIO) -> bool:
    """Colour and tables only on a terminal, and never when NO_COLOR or TERM=dumb is set."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def choose(fmt: Format, stream: TextIO) -> Formatter:
    """The formatter for a requested format; AUTO is rich on a terminal, plain otherwise."""
    if fmt is Format.JSON:
        return JsonFormatter()
    if fmt is Format.JSONL:
        return JsonlFormatter()
    if fmt is Format.TABLE or (fmt is Format.AUTO and stream.isatty()):
        from tipcli.output.terminal import RichFormatter

        return RichFormatter(color=color_allowed(stream))
    from tipcli.output.plain import PlainFormatter

    return PlainFormatter()


def emit(listing: Listing, fmt: Format, stream: TextIO | None = None) -> None:
    """Write a listing in the chosen format to stdout (or stream)."""
    out = stream or sys.stdout
    choose(fmt, out).write(listing, out)
    out.flush()
