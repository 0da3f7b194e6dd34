"""Acronyms a narrative defines, as in "Ministry of Public Security (MPS)"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

_DEFINITION = re.compile(r"\((?P<acronym>[A-Z][A-Za-z]{1,9})\)")
_STOPWORDS = frozenset({"of", "and", "the", "for", "on", "in", "to", "against", "&"})


def learn_acronyms(texts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(acronym, expansion) pairs defined in the texts, in order of first definition."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _DEFINITION.finditer(text):
            acronym = match.group("acronym")
            if sum(c.isupper() for c in acronym) < 2 or acronym in found:
                continue
            expansion = _expansion(text[: match.start()], acronym)
            if expansion:
                found[acronym] = expansion
    return tuple(found.items())


def _expansion(before: str, acronym: str) -> str | None:
    """The words just before "(ACR)" whose initials spell ACR."""
    words = re.findall(r"[A-Za-z][\w'’]*(?:-[A-Za-z][\w'’]*)*|&", before[-200:])
    letters = acronym.upper()
    # Try the shortest run of trailing words that spells the acronym.
    for start in range(len(words) - 1, max(-1, len(words) - 3 * len(letters) - 3), -1):
        run = tuple(words[start:])
        if run[0].lower() in _STOPWORDS:
            continue
        if _spells(letters, run):
            return " ".join(run)
    return None


def _spells(letters: str, run: tuple[str, ...]) -> bool:
    parts: list[tuple[str, bool]] = []  # (sub-word, may be skipped)
    for word in run:
        pieces = word.split("-")
        for piece in pieces:
            parts.append(
                (piece, word.lower() in _STOPWORDS or len(pieces) > 1 or piece.lower() == "act")
            )
    return _match(letters, tuple(parts))


@cache
def _match(letters: str, parts: tuple[tuple[str, bool], ...]) -> bool:
    if not parts:
        return not letters
    (word, optional), rest = parts[0], parts[1:]
    if letters and word[:1].upper() == letters[0]:
        # A word may give more than its initial: "Ministry of Labor (MOL)", "Dept (DOFE)".
        for take in range(1, min(len(word), len(letters)) + 1):
            if word[:take].upper() == letters[:take] and _match(letters[take:], rest):
                return True
    return optional and _match(letters, rest)
