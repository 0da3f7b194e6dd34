"""The numbers of a sentence that are quantities, ranges joined, each with its context.

Years, dates, article numbers, ordinals and written-out numbers used as references are
dropped here; what a quantity is and what it counts is decided by the stages after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipcli.facts import patterns as p
from tipcli.facts.numbers import NUMBER, is_word_number, parse_number

# Characters either side of a number that can describe it. Further away, words say nothing
# about it; and a megabyte-long "sentence" must not cost a copy per number.
CONTEXT = 300
# The words right before a number: enough for "between", "pre-", "the two".
NEAR = 30
# Enough after a four-digit number to see "percent" or a currency ("2000 rupees").
YEAR_FOLLOWER = 40
# "2 to 3 million" shares the scale; "200,000 to 1 million" does not.
SCALE_SHARED_BELOW = 1000


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number (or a range) as written in a sentence."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    dollar: bool
    word: bool


@dataclass(frozen=True, slots=True)
class Window:
    """A quantity in its sentence, with the text either side (at most CONTEXT chars)."""

    sentence: str
    q: Quantity
    before: str
    after: str

    @classmethod
    def around(cls, sentence: str, q: Quantity) -> Window:
        """The window around q."""
        return cls(
            sentence,
            q,
            sentence[max(0, q.start - CONTEXT) : q.start],
            sentence[q.end : q.end + CONTEXT],
        )

    @property
    def in_parens(self) -> bool:
        """Whether the quantity opens a parenthesis: "(212 children and 41 adults)"."""
        return self.before.rstrip().endswith("(")

    @property
    def inside_parens(self) -> bool:
        """Whether the quantity stands inside a parenthesis opened within CONTEXT before it."""
        return self.before.rfind("(") > self.before.rfind(")")

    @property
    def nearby(self) -> str:
        """The text either side of the quantity: what a sentence-wide cue may be read in."""
        return f"{self.before}{self.sentence[self.q.start : self.q.end]}{self.after}"


_LIST_BREAK = re.compile(r"[;:]|,|\band\b|\bor\b")
_CLAUSE_END = re.compile(r"[;:]|,\s|\s(?:and|or|but|while)\s")
# A figure's own words run at most this far after it ("people for migrant smuggling").
OWN_WORDS_AFTER = 60


def own_words(sentence: str, start: int, end: int) -> str:
    """The words that belong to one figure of a list: back to the last list break before
    it, on to the first clause break after it ("and 118 pimping cases", "courts convicted
    17 people for migrant smuggling")."""
    lead = _LIST_BREAK.split(sentence[max(0, start - CONTEXT) : start])[-1]
    tail = _CLAUSE_END.split(sentence[end : end + OWN_WORDS_AFTER])[0]
    return f"{lead}{sentence[start:end]}{tail}"


def quantities(sentence: str) -> list[Quantity]:
    """Numbers of the sentence, with ranges ("10 to 20", "between five and 15") joined."""
    matches = _numbers(sentence)
    out: list[Quantity] = []
    i = 0
    while i < len(matches):
        joined = _range(sentence, matches[i], matches[i + 1]) if i + 1 < len(matches) else None
        if joined is not None:
            out.append(joined)
            i += 2
            continue
        first = matches[i]
        value = parse_number(first.group("num"), first.group("scale"))
        word = is_word_number(first.group("num"))
        out.append(
            Quantity(
                first.start(), first.end(), value, None, None, bool(first.group("dollar")), word
            )
        )
        i += 1
    return out


def _range(sentence: str, first: re.Match[str], second: re.Match[str]) -> Quantity | None:
    """The range the two numbers make, or None when they are two figures."""
    between = sentence[first.end() : second.start()]
    before = sentence[max(0, first.start() - NEAR) : first.start()]
    joins = p.RANGE_JOINER.fullmatch(between) or (
        p.RANGE_AND.fullmatch(between) and p.RANGE_AND_BEFORE.search(before)
    )
    if not joins or (between.strip() in "-–" and is_word_number(first.group("num"))):
        return None
    low = parse_number(first.group("num"), first.group("scale"))
    high = parse_number(second.group("num"), second.group("scale"))
    if second.group("scale") and not first.group("scale") and low < SCALE_SHARED_BELOW:
        low = parse_number(first.group("num"), second.group("scale"))  # "2 to 3 million"
    if high <= low:
        return None
    dollar = bool(first.group("dollar") or second.group("dollar"))
    return Quantity(
        first.start(), second.end(), None, low, high, dollar, is_word_number(first.group("num"))
    )


def _numbers(sentence: str) -> list[re.Match[str]]:
    # Every blocked reference holds a digit: skip the costly scan for sentences without one.
    blocked = [m.span() for m in p.BLOCKED.finditer(sentence)] if p.DIGIT.search(sentence) else []
    kept: list[re.Match[str]] = []
    for match in NUMBER.finditer(sentence):
        start = match.start("num")
        if any(a <= start < b for a, b in blocked) or _is_year(match, sentence):
            continue
        before = sentence[max(0, match.start() - NEAR) : match.start()]
        if p.PART_OF_WORD_BEFORE.search(before):
            continue
        if is_word_number(match.group("num")) and _word_is_not_a_quantity(match, sentence, before):
            continue
        kept.append(match)
    return kept


def _is_year(match: re.Match[str], sentence: str) -> bool:
    num = match.group("num")
    if match.group("dollar") or match.group("scale") or "," in num or "." in num:
        return False
    if not (len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2099):
        return False
    after = sentence[match.end() : match.end() + YEAR_FOLLOWER]
    return not (p.PERCENT_AFTER.match(after) or p.CURRENCY_AFTER.match(after))


def _word_is_not_a_quantity(match: re.Match[str], sentence: str, before: str) -> bool:
    """'the two sides', 'one of', 'one-time': written-out numbers that count nothing."""
    after = sentence[match.end() : match.end() + NEAR]
    if p.REFERENCE_ARTICLE_BEFORE.search(before):
        return True
    if match.group("num").lower() == "one":
        if p.ONE_STARTS_RANGE_AFTER.match(after):
            return False  # "between one and three years"
        if p.ONE_AS_PRONOUN_AFTER.match(after) or p.ONE_AS_PRONOUN_BEFORE.search(before):
            return True
    return bool(p.COMPOUND_AFTER.match(after))
