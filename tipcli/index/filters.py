"""Which reports a command looks at: the --report, --country, --year and --tier options."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipcli.errors import UsageError
from tipcli.model import TIERS


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
