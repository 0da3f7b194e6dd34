"""Stage 1: what a quantity is (count, range, percent, money, age, duration), what it
counts (its unit) and its qualifier ("at least", "up to")."""

from __future__ import annotations

import re

from tipcli.facts import patterns as p
from tipcli.facts.found import Found, Reading
from tipcli.facts.numbers import NUMBER
from tipcli.facts.quantities import NEAR, Window
from tipcli.facts.vocabulary import (
    COMPOUND_MODIFIERS,
    CURRENCIES_WITHOUT_PLURAL,
    IRREGULAR_PLURALS,
    IRREGULAR_SINGULARS,
    KEEP_MODIFIERS,
    NOUN_MODIFIER_PLURALS,
    STOP_WORDS,
)

# "children under the age of 14" and "as young as 12" stand within this many chars before.
AGE_WINDOW = 45
# A qualifier phrase ("an estimated maximum of") ends right before the number.
QUALIFIER_WINDOW = 40
# A noun phrase has at most this many words: "suspected trafficking cases".
MAX_NOUN_WORDS = 5
# A unit keeps at most this many modifiers before its head noun.
MAX_MODIFIERS = 2


def read_kind(w: Window, previous: Found | None, head: Found | None) -> Reading | None:
    """The kind and unit of the quantity; None when it is not a statistic."""
    currency = p.CURRENCY_AFTER.match(w.after)
    if w.q.dollar or currency:
        return Reading("money", "USD" if w.q.dollar else currency_unit(currency))
    if p.PERCENT_AFTER.match(w.after):
        return Reading("percent", "percent")
    if p.AGE_BEFORE.search(w.before[-AGE_WINDOW:]) or p.AGE_AFTER.match(w.after):
        return Reading("age", "years")
    time = p.TIME_AFTER.match(w.after)
    if time:
        if w.after.startswith("-") and not p.DURATION_AFTER.match(w.after):
            return None  # "a three-year plan" is not a statistic
        return Reading("duration", time.group(1).lower().rstrip("s") + "s")
    return _count(w, previous, head)


def qualifier(w: Window, kind: str) -> str | None:
    """'at least', 'up to', 'an estimated', ...; for ages also 'under', 'over'."""
    before = w.before[-QUALIFIER_WINDOW:]
    match = p.QUALIFIER_BEFORE.search(before)
    if match:
        found = re.sub(r"\s+", " ", match.group(1).lower())
        return None if found == "some" else found
    if kind == "age":
        age = p.AGE_QUALIFIER_BEFORE.search(w.before)
        return age.group(1).lower() if age else None
    return None


def _count(w: Window, previous: Found | None, head: Found | None) -> Reading | None:
    unit = unit_of(noun_phrase(w.after)) or _unit_of_following_number(w.after)
    reading = Reading("count", unit) if unit else _elided(w, previous, head)
    if reading is None:
        unit = _noun_after_nationalities(w.after)
        reading = Reading("count", unit) if unit else None
    if reading is None and w.q.low is not None:
        match = p.NUMBER_OF_BEFORE.search(w.before)  # "the number of girls ... at 2,000 to 3,000"
        unit = unit_of(noun_phrase(" " + match.group(1))) if match else None
        reading = Reading("count", unit) if unit else None
    if reading is not None and w.q.value == 1 and reading.unit:
        return Reading(reading.kind, plural(reading.unit), reading.elided)
    return reading


def _elided(w: Window, previous: Found | None, head: Found | None) -> Reading | None:
    """A count whose noun is implied: '356 were confirmed as victims', 'compared with two
    in 2006' (the compared figure's unit), '18 of them' (the figure before's unit)."""
    named = _named_later(w.after)
    if named:
        return Reading("count", named)
    if previous is None or previous.kind != "count":
        return _noun_named_before(w)
    if p.COMPARISON_BEFORE.search(w.before[-NEAR:]) or p.EARLIER_AFTER.match(w.after):
        compared = head if head is not None and head.kind == "count" else previous
        return Reading("count", compared.unit, "compared")
    if w.in_parens or p.SAME_NOUN_AFTER.match(w.after):
        return Reading("count", previous.unit, "same")
    return None


def _noun_named_before(w: Window) -> Reading | None:
    """'referred 58 of them', 'centers, which numbered at least 18': the last plural noun
    before the number, when the words around it point back to one."""
    if not (p.OF_THEM_AFTER.match(w.after) or p.NUMBERED_BEFORE.search(w.before)):
        return None
    words = re.findall(r"[A-Za-z][\w-]*", w.before)
    plurals = [i for i, t in enumerate(words) if looks_plural(t)]
    if not plurals or words[plurals[-1]][:1].isupper():
        return None
    last = plurals[-1]
    return Reading("count", unit_of(words[max(0, last - MAX_MODIFIERS) : last + 1]), "same")


def _named_later(after: str) -> str | None:
    named = p.NAMED_LATER_AFTER.match(after)
    if not named:
        return None
    rest = named.group("rest")
    as_phrase = p.AS_PHRASE.match(rest)
    phrase = as_phrase.group(1) if as_phrase else rest
    first = re.sub(r"\W", "", phrase.split(" ", 1)[0].lower())
    if (as_phrase or named.group("of")) and not first.endswith("ed"):
        return unit_of(noun_phrase(" " + phrase))
    return None


def _noun_after_nationalities(after: str) -> str | None:
    """'52 Indonesian and 30 Filipino children': the noun after the nationalities."""
    match = p.NATIONALITIES_AFTER.match(after)
    if not match:
        return None
    rest = after[match.end() :]
    joined = p.ANOTHER_NUMBER_JOINED.match(rest)
    if joined:  # "46 Guatemalan and 12 foreign victims": the next part's noun
        rest = rest[joined.end() :]
    return unit_of(noun_phrase(rest))


def _unit_of_following_number(after: str) -> str | None:
    """'29 of the country's 32 departments': the first number counts departments too."""
    match = p.OF_ANOTHER_NUMBER_AFTER.match(after)
    if not match:
        return None
    second = NUMBER.match(after, match.end())
    return unit_of(noun_phrase(after[second.end() :])) if second else None


def noun_phrase(after: str) -> list[str]:
    """The words after a number that name what it counts."""
    words: list[str] = []
    for match in p.NOUN_TOKEN.finditer(after):
        token = match.group(0)
        if not re.match(r"[A-Za-z]", token):
            break
        low = token.lower().strip("'")
        if low == "and" and len(words) == 1 and not looks_plural(words[0]):
            words.append(token)  # "hotel and tour operators"
            continue
        if low in NOUN_MODIFIER_PLURALS and _plural_follows(after, match):
            words.append(token)  # "police officers", "staff members"
            continue
        if low in STOP_WORDS or (words and low.endswith("ed") and low not in KEEP_MODIFIERS):
            break
        words.append(token.strip("'"))
        if looks_plural(token) or len(words) >= MAX_NOUN_WORDS:
            words += _second_noun(after[match.end() :])
            break
    if words and words[-1].lower() == "and":
        words.pop()  # "46 Guatemalan and 12 ...": no noun after the "and"
    while words and words[-1].lower().endswith("ing") and words[-1].lower() not in KEEP_MODIFIERS:
        if words.pop().lower() == "trafficking":
            return []  # "51 sex trafficking": a kind of case, the unit is elided
    return _not_a_noun(words)


def _second_noun(rest: str) -> list[str]:
    """'prosecutors and judges', 'migrant workers and fishers': a second plural noun."""
    match = re.match(r"\s+and\s+([a-z][\w-]*)\b(?![\w-])(?!\s+[a-z]+ed\b)", rest)
    if not match or not looks_plural(match.group(1).split()[-1]):
        return []
    if any(w in STOP_WORDS or w.endswith("ed") for w in match.group(1).split()):
        return []
    return ["and", *match.group(1).split()]


def _plural_follows(after: str, match: re.Match[str]) -> bool:
    following = re.match(r"\s+([A-Za-z][\w-]*)", after[match.end() :])
    return bool(following and looks_plural(following.group(1)))


def _not_a_noun(words: list[str]) -> list[str]:
    """Drop a lone verb ("132 operated by NGOs") or a lone nationality ("52 Indonesian and
    30 Filipino children"): the noun is elsewhere."""
    if len(words) != 1:
        return words
    word = words[0]
    if word.lower().endswith("ed") and word.lower() not in KEEP_MODIFIERS:
        return []
    if word[:1].isupper() and not looks_plural(word) and word.endswith(("an", "ese", "ish", "i")):
        return []
    return words


def looks_plural(word: str) -> bool:
    """'victims', 'children', 'Nepalis'; not 'process' or 'status'."""
    low = word.lower().strip("'")
    if low in IRREGULAR_PLURALS or (word[:1].isupper() and low.endswith(("is", "ans"))):
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "ics"))


def unit_of(words: list[str]) -> str | None:
    """The unit a reader tabulates: 'suspected trafficking cases' -> 'cases'."""
    if not words:
        return None
    if any(w.lower() == "and" for w in words):
        return " ".join(words).lower()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return " ".join(words)  # a proper name: "Border Liaison Offices"
    while len(words) > 1 and words[0][:1].isupper() and not words[-1][:1].isupper():
        words = words[1:]  # "Kenyan domestic workers" -> "domestic workers"
    lowered = [w.lower() for w in words]
    for marker in ("trafficking", "trafficked"):
        if marker in lowered[:-1]:
            words = words[lowered.index(marker) + 1 :]
    head = words[-1]
    unit = head if head[:1].isupper() and len(head) > 1 and not head.isupper() else head.lower()
    for modifier in reversed(words[-MAX_MODIFIERS - 1 : -1]):
        if modifier.lower() not in KEEP_MODIFIERS:
            break
        unit = f"{modifier.lower()} {unit}"  # "child victims", "border police officers"
        if modifier.lower() not in COMPOUND_MODIFIERS:
            break  # only "police", "guard" take a modifier of their own
    return unit


def plural(unit: str) -> str:
    """'shelter' -> 'shelters': a count of one is tabulated with the others."""
    head = unit.rsplit(" ", 1)[-1]
    if head in IRREGULAR_SINGULARS:
        plural_head = IRREGULAR_SINGULARS[head]
    elif looks_plural(head) or head[:1].isupper():
        return unit
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        plural_head = head[:-1] + "ies"
    elif head.endswith(("s", "x", "ch", "sh")):
        plural_head = head + "es"
    else:
        plural_head = head + "s"
    return unit[: len(unit) - len(head)] + plural_head


def currency_unit(match: re.Match[str] | None) -> str:
    """The currency as written ('lei', 'ringgit', 'rupees'); US dollars as 'USD'."""
    assert match is not None
    name = match.group(1).lower()
    if name in ("dollars", "dollar") and not p.LOCAL_DOLLAR.search(match.group(0)):
        return "USD"
    if name.endswith("s") or name in CURRENCIES_WITHOUT_PLURAL:
        return name
    return name + "s"
