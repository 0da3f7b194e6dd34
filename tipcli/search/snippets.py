"""Trimming long paragraphs to the passages around matched spans."""

from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int]


def passages(text: str, matches: Sequence[Span], context: int = 120) -> list[Span]:
    """Windows of text around the matches, merged where they touch, cut at word breaks."""
    if not matches:
        return [(0, min(len(text), 2 * context))]
    windows: list[Span] = []
    for start, end in sorted(matches):
        lo = max(0, start - context)
        hi = min(len(text), end + context)
        lo = text.rfind(" ", 0, lo) + 1 if lo > 0 else 0
        space = text.find(" ", hi)
        hi = len(text) if hi >= len(text) or space < 0 else space
        if windows and lo <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def format_number(value: float | None) -> str:
    """1234567.0 -> '1,234,567'; 1.5 -> '1.5'."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
