"""Stage 3: what was done with a quantity, its measure (investigations, prosecutions,
convictions, victims identified, related crimes, funding, restitution, ...)."""

from __future__ import annotations

import re

from tipcli.facts import cues
from tipcli.facts import patterns as p
from tipcli.facts.found import Found, Reading
from tipcli.facts.quantities import Window, own_words

# The clause before a number that can hold its verb ("police investigated ...").
CLAUSE_BEFORE = 90
# The clause after a number that can say what it was for ("... for prosecution").
CLAUSE_AFTER = 60
# The verb of a count stands within this many words before it.
VERB_WORDS = 8
# An estimate's verb stands right before the number ("an estimated 17,000 people").
ESTIMATE_WINDOW = 40
_CLAUSE_BREAK = re.compile(r"[;:]|, (?:and|but|while|which|who)\b")
_AFTER_BREAK = re.compile(r"[;:]|,\s")
_PASSIVE = re.compile(r"\s*(?:\w+\s+){0,3}?(?:were|was|had been|have been)\s+(\w+)")
_WORD = re.compile(r"\b\w+")
_TIME_UNITS = ("years", "months", "days")


def read_measure(
    w: Window, reading: Reading, earlier: bool, previous: Found | None, head: Found | None
) -> str:
    """The measure of the quantity; a breakdown, comparison or conversion takes the measure
    of the figure it belongs to."""
    if head is not None and w.inside_parens and not head.in_parens and reading.kind == "count":
        return head.measure  # "identified 253 victims (212 children and 41 adults)"
    if previous is not None and w.in_parens and reading.kind == previous.kind == "money":
        return previous.measure  # "60,000 cedis ($34,000)"
    kind = reading.kind
    if w.q.low is not None and kind not in ("money", "age"):
        kind = "range"
    measure = _measure(kind, reading.unit, w)
    if previous is not None and measure == "other" and _continues(reading, earlier, previous, w):
        return previous.measure
    return measure


def _continues(reading: Reading, earlier: bool, previous: Found, w: Window) -> bool:
    """A comparison, a breakdown or a second figure of the same kind: what was done is
    what the figure before says ("four to 10 years' ..., and eight to 20 years'")."""
    kind = "range" if w.q.low is not None else reading.kind
    same = reading.unit == previous.unit and kind == previous.kind
    return earlier or bool(reading.elided) or same


def _measure(kind: str, unit: str | None, w: Window) -> str:
    if kind == "money":
        return _money(w)
    if kind in ("duration", "range") and unit in _TIME_UNITS:
        return _time(w)
    if kind not in ("count", "range"):
        return "other"
    return _count(unit or "", w)


def _money(w: Window) -> str:
    """Fines are penalties; court awards restitution; budgets and grants funding; the
    rest (fees, debts, wages, bribes, seized assets) other."""
    text = f"{_clause_before(w)} {_clause_after(w)}"
    if cues.FINE.search(text):
        return "penalties"
    if cues.RESTITUTION.search(text):
        return "restitution"
    if cues.FUNDING.search(text) and not cues.NOT_FUNDING.search(text):
        return "funding"
    return "other"


def _time(w: Window) -> str:
    """Prison terms handed down are sentences, terms a law prescribes penalties."""
    text = f"{w.before} {w.after}"
    if p.DURATION_AFTER.match(w.after) and re.search(r"sentenc\w*|convict\w*", text):
        return "sentences"
    if re.search(
        r"\bpenalt\w*|\bprescrib\w*|\bpunishable\b|\bprovides? for\b", _clause_before(w), re.I
    ):
        return "penalties"
    return "sentences" if _verb(w, "years") == "sentences" else "other"


def _count(unit: str, w: Window) -> str:
    if is_related_crime(w):
        return "related crimes"
    for name in cues.UNIT_MEASURES:
        if unit.lower().endswith(name):
            return name
    if "shelter" in unit.lower():
        return "shelters"
    said_after = _said_after(unit, w)
    if said_after is not None:
        return said_after
    if cues.ESTIMATE_VERB.search(w.before[-ESTIMATE_WINDOW:]):
        return _checked("estimate", unit, w)
    measure = _verb(w, unit)
    if measure == "other":
        participle = cues.PARTICIPLE_AFTER.match(_clause_after(w))
        return (_verb_measure(participle.group("verb"), unit, w) if participle else None) or measure
    return measure


def _said_after(unit: str, w: Window) -> str | None:
    """What was done, said after the number: '12 resulted in convictions', '356 were
    confirmed as victims'."""
    resulted = cues.RESULTED_IN_AFTER.match(_clause_after(w))
    if resulted:
        return resulted.group("measure").lower()
    if cues.PROSECUTED_AFTER.match(_clause_after(w)):
        return "prosecutions"
    if cues.GUILTY_AFTER.match(_clause_after(w)):
        return "convictions"
    passive = _PASSIVE.match(_clause_after(w))
    if passive:
        for pattern, measure in cues.VERB_CUES:
            if pattern.fullmatch(passive.group(1)):
                return _checked(measure, unit, w)
    return None


def _verb(w: Window, unit: str) -> str:
    """The measure the nearest verb before the number names."""
    words = _WORD.findall(_clause_before(w))[-VERB_WORDS:]
    for word in reversed(words):
        measure = _verb_measure(word, unit, w)
        if measure is not None:
            return measure
    return "other"


def _verb_measure(word: str, unit: str, w: Window) -> str | None:
    if cues.REFERRAL_VERB.fullmatch(word):
        return "prosecutions" if cues.FOR_PROSECUTION_AFTER.match(w.after) else None
    if cues.CASE_OPENING_VERB.fullmatch(word) and unit.endswith("cases"):
        return "investigations"
    for pattern, measure in cues.VERB_CUES:
        if pattern.fullmatch(word):
            checked = _checked(measure, unit, w)
            return None if checked == "other" else checked
    return None


def _checked(measure: str, unit: str, w: Window) -> str:
    """A victim measure needs people counted; identification wins in a verb group
    ("identified and assisted 50 victims"); an estimate must be of victims."""
    if measure in cues.VICTIM_MEASURES:
        if not cues.PEOPLE_UNIT.search(unit):
            return "other"
        if cues.IDENTIFIED_IN_VERB_GROUP.search(w.before):
            return "victims identified"
    if measure == "estimate" and not is_prevalence(unit, w):
        return "other"
    return measure


def is_prevalence(unit: str, w: Window) -> bool:
    """An estimate of victims or of people in exploitation; not workers abroad, people
    reached by a campaign or held in labour centres."""
    clause = f"{_clause_before(w)} {_clause_after(w)}"
    if cues.NOT_PREVALENCE.search(clause):
        return False
    return bool(cues.VICTIM_UNIT.search(unit) or cues.EXPLOITATION.search(_clause_after(w)))


def is_related_crime(w: Window) -> bool:
    """A figure for a crime other than trafficking: pimping, smuggling, labour violations."""
    nearby = w.nearby
    lowered = nearby.lower()
    if not any(stem in lowered for stem in cues.RELATED_CRIME_STEMS):
        return False
    if cues.RELATED_CRIME_SENTENCE.search(nearby):
        return True
    own = own_words(w.sentence, w.q.start, w.q.end)
    return bool(cues.RELATED_CRIME.search(own)) and "traffick" not in own.lower()


def _clause_before(w: Window) -> str:
    clause = _CLAUSE_BREAK.split(w.before)[-1][-CLAUSE_BEFORE:]
    for phrase, verb in cues.PHRASAL_VERBS:
        clause = phrase.sub(verb, clause)
    return clause


def _clause_after(w: Window) -> str:
    return _AFTER_BREAK.split(w.after)[0][:CLAUSE_AFTER]
