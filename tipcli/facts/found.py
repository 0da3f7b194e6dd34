"""What the stages say about one quantity, before it becomes a Fact."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reading:
    """Stage 1 (kinds.py): what kind of quantity it is and what it counts.

    elided: "" when the text names the unit after the number; "compared" when the unit was
    taken from the figure a comparison names ("compared with two in 2006"); "same" when it
    was taken from the figure before ("48 for sex trafficking and 25 for labor trafficking").
    """

    kind: str
    unit: str | None
    elided: str = ""


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity fully read: what becomes a Fact."""

    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    measure: str
    text: str
    span: tuple[int, int]
    earlier: bool
    in_parens: bool = False  # stands inside a parenthesis: a breakdown or a conversion
