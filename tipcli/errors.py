"""The domain errors the core raises; the CLI catches them once."""

from __future__ import annotations


def one_line(text: str, limit: int = 300) -> str:
    """Text fit for a one-line message: whitespace and control characters folded, cut short."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plural(count: int, noun: str) -> str:
    """'1 file', '3 files': a count and its noun, for messages."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


class TipError(Exception):
    """A problem with the user's input: printed as one line, exit 2."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        message = one_line(message)
        super().__init__(message)
        self.message = message
        self.hint = one_line(hint) if hint else None

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class CorpusError(TipError):
    """The corpus path cannot be read or holds no narrative."""


class NarrativeError(TipError):
    """One file is not a readable TIP narrative."""


class UsageError(TipError):
    """An option or argument value that cannot be used (unknown section, bad query...)."""


class OutputError(TipError):
    """The output cannot be written (a full disk, a closed standard output)."""


class NoMatchError(TipError):
    """The filters leave nothing to look at: a note on stderr and exit 1, not an error."""
