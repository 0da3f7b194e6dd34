"""Reading a query: quoted phrases, word groups, acronyms, topic tags, measure words, and the
words that name a country or a year of the corpus."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from tipcli.errors import UsageError
from tipcli.load.terms import Token, exact_tokens, key_tokens, stem
from tipcli.model import TAGS
from tipcli.search.words import MEASURE_PREFIXES, QUERY_STOPWORDS

MAX_QUERY_CHARS = 1000
# A query of at most this many words is a question ("convictions Ghana 2012"), where a country
# or year names the reports to search; a longer one is a pasted sentence, searched as text.
MAX_SELECTING_WORDS = 6
YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Group:
    """One query word (or acronym) and the token sequences that satisfy it; `tag` is a topic
    tag that satisfies it too ("soldiers" in "child soldiers")."""

    word: str
    alternatives: tuple[tuple[str, ...], ...]
    tag: str | None = None


@dataclass(frozen=True)
class Query:
    """A parsed query: word groups, quoted phrases that must appear, and what it asks for."""

    groups: tuple[Group, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = field(default=())
    gaps: tuple[int, ...] = ()  # words from each group to the next in the query, stopwords too
    measures: tuple[str, ...] = ()  # measures its words ask for ("identified")
    tags: tuple[str, ...] = ()  # topic tags its words name ("child soldiers")


class Selection:
    """Query words that name reports: the countries and years, and the text left to search."""

    __slots__ = ("countries", "text", "years")

    def __init__(
        self,
        text: str,
        countries: tuple[str, ...] = (),
        years: tuple[int, ...] = (),
    ) -> None:
        self.text = text
        self.countries = countries
        self.years = years


def tokens(text: str, exact: bool) -> list[Token]:
    """The query's tokens, as the index holds them."""
    return exact_tokens(text) if exact else key_tokens(text)


def _check(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            f"query is {len(text)} characters long", f"keep it under {MAX_QUERY_CHARS}"
        )
    if text.count('"') % 2:
        raise UsageError("query has an unclosed quote", 'close the phrase: "forced labor"')


def parse_query(text: str, acronyms: dict[str, tuple[str, ...]], exact: bool = False) -> Query:
    """Split a query into groups and quoted phrases; UsageError when nothing is searchable."""
    _check(text)
    phrases = [tuple(k for k, _, _ in tokens(q, exact)) for q in re.findall(r'"([^"]*)"', text)]
    keys = [k for k, _, _ in tokens(text.replace('"', " "), exact)]
    if not keys:
        raise UsageError(
            f"query '{text}' has no words to search for",
            "use letters or digits: tip search shelters",
        )
    content = [k for k in keys if k not in QUERY_STOPWORDS]
    if not content:
        raise UsageError(
            f"query '{text}' has only common words ({', '.join(dict.fromkeys(keys))}), "
            "which match nearly every paragraph",
            "add a word that says what you look for: tip search victims identified",
        )
    groups, starts = _groups(keys, {} if exact else acronyms, exact)
    tagged = groups if exact else _tag_groups(groups)
    return Query(
        tuple(tagged),
        tuple(p for p in phrases if p),
        tuple(content),
        tuple(b - a for a, b in itertools.pairwise(starts)),
        () if exact else _measures(content),
        tuple(dict.fromkeys(g.tag for g in tagged if g.tag)),
    )


def _groups(
    keys: list[str], acronyms: dict[str, tuple[str, ...]], exact: bool
) -> tuple[list[Group], list[int]]:
    """Word groups (an acronym's spelled-out name is one group) and where each starts."""
    expansions = {v: k for k, v in acronyms.items()}
    groups: list[Group] = []
    starts: list[int] = []
    i = 0
    while i < len(keys):
        found = next((e for e in expansions if tuple(keys[i : i + len(e)]) == e), None)
        if found:
            groups.append(Group(" ".join(found), (found, (expansions[found],))))
            starts.append(i)
            i += len(found)
            continue
        key = keys[i]
        i += 1
        if key in QUERY_STOPWORDS:
            continue
        alternatives: tuple[tuple[str, ...], ...] = ((key,),)
        if key in acronyms:
            alternatives += (acronyms[key],)
        groups.append(Group(key, alternatives))
        starts.append(i - 1)
    return groups, starts


@cache
def _tag_stems() -> list[tuple[str, tuple[str, ...]]]:
    """Each topic name of two or more words ("child soldiers") and the stems of its words,
    longest first. A one-word tag ("shelters", "children") is mostly its own word: letting it
    stand for the word would loosen every bound for little gain."""
    stems = ((tag, tuple(stem(k) for k, _, _ in key_tokens(tag))) for tag in TAGS)
    return sorted((t for t in stems if len(t[1]) > 1), key=lambda item: -len(item[1]))


def _tag_groups(groups: list[Group]) -> list[Group]:
    """Mark the groups whose words, in a row, name a topic tag."""
    stems = [stem(g.word) for g in groups]
    out = list(groups)
    for tag, tag_stems in _tag_stems():
        n = len(tag_stems)
        for i in range(len(stems) - n + 1):
            if tuple(stems[i : i + n]) == tag_stems:
                for j in range(i, i + n):
                    if out[j].tag is None:
                        out[j] = Group(out[j].word, out[j].alternatives, tag)
    return out


def _measures(content: Sequence[str]) -> tuple[str, ...]:
    found = [m for word in content for prefix, m in MEASURE_PREFIXES if word.startswith(prefix)]
    return tuple(dict.fromkeys(found))


def fold_name(text: str) -> str:
    """A name compared without case or accents: "Côte d'Ivoire" -> "cote d'ivoire"."""
    return "".join(_plain(c) for c in text).lower()


def _plain(char: str) -> str:
    """A character without its accent; one character for one, so that spans stay true."""
    if char.isascii():
        return char
    base = [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
    return base[0] if len(base) == 1 else char


def select_reports(
    text: str, countries: Iterable[str], years: Iterable[int], exact: bool = False
) -> Selection:
    """Take the words naming a country or a year of the corpus out of a short query
    (outside quotes); they pick reports. Nothing is taken when no other word would be left."""
    _check(text)
    unquoted = re.sub(r'"[^"]*"', lambda m: " " * len(m.group(0)), text)
    found = [(k, a, b) for k, a, b in tokens(fold_name(unquoted), exact)]
    content = [t for t in found if t[0] not in QUERY_STOPWORDS]
    if not content or len(content) > MAX_SELECTING_WORDS:
        return Selection(text)
    names = {tuple(k for k, _, _ in tokens(fold_name(c), exact)): c for c in countries if c}
    known_years = {str(y) for y in years if y}
    taken: list[tuple[int, int]] = []  # character spans of the words taken
    n_taken = 0
    named: list[str] = []
    picked_years: list[int] = []
    i = 0
    while i < len(found):
        name = next((n for n in names if tuple(t[0] for t in found[i : i + len(n)]) == n), None)
        if name:
            named.append(names[name])
            taken.append((found[i][1], found[i + len(name) - 1][2]))
            n_taken += sum(1 for t in found[i : i + len(name)] if t[0] not in QUERY_STOPWORDS)
            i += len(name)
            continue
        if YEAR.fullmatch(found[i][0]) and found[i][0] in known_years:
            picked_years.append(int(found[i][0]))
            taken.append(found[i][1:])
            n_taken += 1
        i += 1
    if n_taken >= len(content):
        return Selection(text)
    return _selection(text, taken, named, picked_years)


def _selection(
    text: str, taken: list[tuple[int, int]], named: list[str], years: list[int]
) -> Selection:
    if not taken:
        return Selection(text)
    rest = text
    for start, end in sorted(taken, reverse=True):
        rest = rest[:start] + " " * (end - start) + rest[end:]
    return Selection(rest, tuple(dict.fromkeys(named)), tuple(dict.fromkeys(years)))
