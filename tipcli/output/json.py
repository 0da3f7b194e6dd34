"""`--json`: one JSON array of records (written by records.py, the one JSON writer)."""

from __future__ import annotations

from typing import TextIO

from tipcli.output.base import Formatter, Listing
from tipcli.records import write_array


class JsonFormatter(Formatter):
    """One JSON array; `[]` when nothing was found."""

    def write(self, listing: Listing, out: TextIO) -> None:
        write_array(listing.items, out, self.style.ascii_only, listing.reports)
