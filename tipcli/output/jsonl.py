"""`--jsonl` (and `tip export`): JSON Lines, one record per line."""

from __future__ import annotations

from typing import TextIO

from tipcli.output.base import Formatter, Listing
from tipcli.records import write_lines


class JsonlFormatter(Formatter):
    """One JSON object per line; nothing at all when nothing was found."""

    def write(self, listing: Listing, out: TextIO) -> None:
        write_lines(listing.items, out, self.style.ascii_only, listing.reports)
