"""What every formatter shares: the listing it is given and the interface it implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TextIO

from tipcli.model import Report


class Format(StrEnum):
    """How a listing is written; each value but AUTO has one formatter (output.FORMATTERS)."""

    AUTO = "auto"  # RICH on a terminal, PLAIN otherwise
    PLAIN = "plain"
    RICH = "rich"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


# Formats for programs: an empty listing is still written (`[]` in JSON), and no prose.
MACHINE_FORMATS = frozenset({Format.JSON, Format.JSONL})


@dataclass(frozen=True)
class Listing:
    """What a command found, with what a formatter needs to show it."""

    kind: str  # reports, sections, paragraphs, facts, summary, hits, export, index
    items: Iterable[object]  # may be a generator: formatters go through it once
    reports: Mapping[str, Report] = field(default_factory=dict)
    full: bool = False  # hits: whole paragraphs, not the passages around the matches
    columns: Sequence[str] = ()  # report ids, for the summary table
    chart: bool = False  # panel: bars instead of a table (rich output only)


@dataclass(frozen=True)
class Style:
    """How the output stream shows text: colour (only on a terminal) and width (None: ask)."""

    color: bool = False
    width: int | None = None
    ascii_only: bool = False  # the stream's encoding cannot carry all of Unicode


class Formatter(ABC):
    """Writes a listing to a text stream in one format."""

    def __init__(self, style: Style) -> None:
        self.style = style

    @abstractmethod
    def write(self, listing: Listing, out: TextIO) -> None:
        """Write every item of the listing (going through listing.items once)."""
