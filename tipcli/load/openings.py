"""Where a narrative opens: its country/tier line in every era's form, page titles that
name the country, and the tier as the prose states it when no line does."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipcli.load.countries import canonical_country, country_in_prose

_TIER_WORDS = (
    r"(?:tier\s*(?P<num>1|2|3|one|two|three|i{1,3})(?P<watch>\s*[-–—:]?\s*(?:special\s+)?watch\s*list)?"
    r"|(?P<special>special\s+case)|(?P<unranked>not\s+(?:rated|ranked)))"
)
_NAME = r"(?P<country>[^()\n:\[\]|]{2,60}?)"
# Text some copies put after the country line: "[Extracted from U.S. State Dept TIP Report]".
_TRAILER = r"(?:\s*\[[^\]]*\]|\s+Extracted from .*|\s*\((?:TIP )?\d{4}\))?"
_PAREN = re.compile(rf"^{_NAME}\s*\(\s*{_TIER_WORDS}\s*\){_TRAILER}\s*$", re.I)
_COLON = re.compile(rf"^{_NAME}\s*:\s*{_TIER_WORDS}{_TRAILER}\s*$", re.I)
_SPECIAL_FIRST = re.compile(rf"^special\s+case\s*:\s*{_NAME}\s*$", re.I)
_ALONE = re.compile(rf"^\s*{_TIER_WORDS}\s*$", re.I)
# "Ghana TIER Ranking: TIER 2 (TIP 2023)": trusted only near the top of a single narrative.
_LOOSE = re.compile(rf"^{_NAME}\s+tier\s+(?:ranking|placement|rank)\s*:\s*{_TIER_WORDS}", re.I)
_NUMBERS = {"1": "1", "one": "1", "i": "1", "2": "2", "two": "2", "ii": "2"}
_NUMBERS |= {"3": "3", "three": "3", "iii": "3"}
# Words of page titles, office names and section titles: a line with one is not a country.
_NOT_A_NAME = re.compile(
    r"\b(?:report|office|trafficking|persons|narratives?|countries|department|tier|page|"
    r"recommendations?|prosecution|protection|prevention|profile|introduction|placements?|"
    r"cases|watch|list|contents|government|efforts|magnitude)\b",
    re.I,
)
_TITLE_COUNTRY = re.compile(
    r"Trafficking in Persons Report\s*(?:[-–—:]|–)\s*(?P<country>[^|]{2,60}?)\s*$", re.I
)
OPENING_LOOKAHEAD = 8  # lines (blank ones included) in which the body must start
MIN_OPENING_WORDS = 6  # the line after a country line is prose (or a heading, a bullet)


@dataclass(frozen=True, slots=True)
class Opening:
    """A narrative's country/tier line: the country, its tier (or why there is none), and
    the line index where its body starts."""

    line: int
    body: int
    country: str | None
    tier: str | None
    unranked: str | None = None


def tier_name(match: re.Match[str]) -> str | None:
    """The canonical tier of a tier-words match; None for "not rated"/"not ranked"."""
    if match.group("special"):
        return "Special Case"
    if match.group("unranked"):
        return None
    tier = f"Tier {_NUMBERS[match.group('num').lower()]}"
    return f"{tier} Watch List" if match.group("watch") else tier


def country_name(raw: str) -> str | None:
    """A country line's name as a country: canonical when known, title-cased when it looks
    like a name, None when it is a title or an office."""
    raw = re.sub(r"\s+", " ", raw).strip(" -–—:.")
    known = canonical_country(raw)
    if known:
        return known
    if not raw or _NOT_A_NAME.search(raw) or re.search(r"\d", raw) or len(raw.split()) > 5:
        return None
    if raw.isupper() or raw.islower():
        raw = " ".join(_capitalised(w, first=i == 0) for i, w in enumerate(raw.lower().split()))
    return raw


_SMALL_WORDS = frozenset({"and", "of", "the", "de", "da", "du", "la", "le", "des", "van"})


def _capitalised(word: str, first: bool) -> str:
    """One word of an upper-case country name: "of" stays small, "d'ivoire" -> "d'Ivoire"."""
    if word in _SMALL_WORDS and not first:
        return word
    elision = re.match(r"^([dl]')(.+)$", word)
    if elision and not first:
        return elision.group(1) + _capitalised(elision.group(2), first=True)
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def opening_at(lines: list[str], i: int, loose: bool = False) -> Opening | None:
    """The opening whose country/tier line is lines[i], if it is one."""
    line = lines[i]
    if not line or len(line) > 160:
        return None
    patterns = (_PAREN, _COLON, _SPECIAL_FIRST, *((_LOOSE,) if loose else ()))
    for pattern in patterns:
        match = pattern.match(line)
        country = country_name(match.group("country")) if match else None
        if match is None or country is None:
            continue
        if pattern is _SPECIAL_FIRST:
            return Opening(i, i + 1, country, "Special Case")
        tier = tier_name(match)
        return Opening(i, i + 1, country, tier, None if tier else _unranked_reason(line))
    return _two_line_opening(lines, i)


def _two_line_opening(lines: list[str], i: int) -> Opening | None:
    """The 2017-on form: the country on one line, "TIER 2" alone on the next."""
    match = _ALONE.match(lines[i])
    if not match or i == 0 or not lines[i - 1]:
        return None
    country = country_name(lines[i - 1])
    if country is None or (canonical_country(lines[i - 1]) is None and not lines[i - 1].isupper()):
        return None
    return Opening(i - 1, i + 1, country, tier_name(match))


def bare_tier(lines: list[str], start: int, stop: int) -> Opening | None:
    """A "Tier 2" or "Special Case" line alone (archive pages), with no country."""
    for i in range(start, min(stop, len(lines))):
        match = _ALONE.match(lines[i])
        if match:
            return Opening(i, i + 1, None, tier_name(match))
    return None


def starts_prose(lines: list[str], body: int) -> bool:
    """True when the first line after an opening reads as narrative text, not a list."""
    from tipcli.load.sections import heading_of

    for line in lines[body : body + OPENING_LOOKAHEAD]:
        if not line:
            continue
        if heading_of(line) is not None or re.match(r"^[•·▪●*-]\s", line):
            return True
        return len(line.split()) >= MIN_OPENING_WORDS
    return False


def title_country(line: str) -> str | None:
    """The country a page title names: "2020 Trafficking in Persons Report: Kenya"."""
    match = _TITLE_COUNTRY.search(line)
    return canonical_country(match.group("country")) if match else None


def _unranked_reason(line: str) -> str:
    found = re.search(r"not\s+(?:rated|ranked)", line, re.I)
    return found.group(0).lower() if found else "not ranked"


# -- the tier as the prose states it ---------------------------------------------------
_PROSE_TIER = re.compile(
    r"\b(?:remain(?:s|ed)?|upgraded|downgraded|placed|moved|ranked|raised|lowered|kept)"
    r"\s+(?:to|on|at|in)\s+(?:the\s+)?" + _TIER_WORDS,
    re.I,
)
_PROSE_SPECIAL = re.compile(
    r"\b(?:remains|remained|is|was|treated as|considered)\s+(?:treated as\s+)?a\s+special\s+case\b",
    re.I,
)
_PROSE_TIER_ONE = re.compile(
    r"(?<!not )(?<!not to )\bfully (?:meets|met|complies|complied)(?: with)? the minimum standards",
    re.I,
)
_PROSE_UNRANKED = re.compile(
    r"\b(?:is|was|remains|remained|has not been|have not been)\s+(?:\w+\s+)?"
    r"not\s+(?:rated|ranked)\b[^.]*",
    re.I,
)
PROSE_WINDOW = 6000  # characters: the overview states the tier, early in the narrative


def tier_in_prose(text: str) -> tuple[str | None, str | None]:
    """(tier, reason there is none) as the narrative's opening prose states them."""
    head = re.sub(r"\s+", " ", text[:PROSE_WINDOW])
    special = _PROSE_SPECIAL.search(head)
    placed = next((m for m in _PROSE_TIER.finditer(head) if not _negated(head, m.start())), None)
    found = [m for m in (special, placed) if m]
    if found:
        first = min(found, key=lambda m: m.start())
        return ("Special Case" if first is special else tier_name(first)), None
    if _PROSE_TIER_ONE.search(head):
        return "Tier 1", None
    unranked = _PROSE_UNRANKED.search(head)
    if unranked:
        return None, unranked.group(0).strip()[:200]
    return None, None


def _negated(text: str, start: int) -> bool:
    """ "is not being placed on Tier 3": the sentence denies the placement."""
    return bool(re.search(r"\bnot\s+(?:be(?:ing|en)?\s+)?$", text[max(0, start - 20) : start]))


def country_from_prose(text: str) -> str | None:
    """The country the opening prose is about."""
    return country_in_prose(re.sub(r"\s+", " ", text[:PROSE_WINDOW]))
