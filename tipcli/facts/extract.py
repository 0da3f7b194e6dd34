"""Numeric facts: every quantity a reader would put in a statistics table, typed and
traceable to its sentence. Years, dates, article numbers and ordinals are not facts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from tipcli.facts.numbers import NUMBER, WORD_NUMBER, is_word_number, parse_number
from tipcli.load.text import sentence_spans
from tipcli.model import KINDS, MEASURES, Fact, Paragraph, Report, fact_id

__all__ = ["KINDS", "MEASURES", "extract_paragraph", "extract_report"]

CONTEXT = 300  # characters either side of a number that can describe it
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
# Stretches of a sentence whose numbers are references, not quantities.
_BLOCKED = re.compile(
    r"\b(?:Articles?|Sections?|Paragraphs?|Chapters?|Clauses?|Decrees?|Resolutions?|Nos?\.|"
    r"Numbers?|Laws?|Acts?|Codes?|Tiers?|Rules?|Ordinances?|Regulations?|Protocols?)"
    r"\s+\d[\w./-]*(?:\s*(?:,|and|or|to|-)\s*\d[\w./-]*)*"
    rf"|\b\d{{1,2}}(?=\s+{_MONTHS}\b)|\b{_MONTHS} \d{{1,2}}(?=,)"
    r"|\b\d+(?:st|nd|rd|th)\b|[A-Za-z]-\d+|\d+/\d+|\d+(?=\s+(?:\w+\s+)?(?:hotline|helpline))"
    r"|\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\.",
    re.I,
)
_CURRENCIES = (
    "rupees|rupiah|ringgit|shillings|cedis|riyals|rials|dollars|euros|pesos|baht|dinars|"
    "dirhams|pounds|yuan|renminbi|RMB|taka|naira|rand|won|yen|lei|leva|kip|kyats?|"
    "lempiras|quetzales|colones|soles|reais|rubles|roubles|hryvnias?|tenge|som|manat|lari|"
    "drams?|somoni|afghanis|liras?|francs|kwacha|birr|leones|dalasi|ariary|pula|"
    "nakfa|ouguiya|dong|riel|tugriks?|lek|denars?|marks|kuna|zlotys?|forints?|koruna|"
    "krona|kronor|kroner|shekels|dinar|euro|dollar|peso|rupee|shilling|cedi|riyal"
)
_CURRENCY_AFTER = re.compile(
    rf"^\s*(?:(?:CFA|U\.?S\.?|US|Hong Kong|Singapore)\s+)?({_CURRENCIES})\b", re.I
)
_PERCENT_AFTER = re.compile(r"^\s*(?:percent|per cent|%)", re.I)
_TIME_AFTER = re.compile(r"^(?:\s+|-)(years?|months?|weeks?|days?|hours?)\b('|s')?", re.I)
_AGE_AFTER = re.compile(
    r"^(?:\s+years?\s+(?:of\s+age|old)|-years?-old|\s+and\s+(?:older|younger))", re.I
)
_AGE_BEFORE = re.compile(
    r"(?:\baged|\bages?(?: of)?|\bas young as|\bas old as|\bage (?:of )?|"
    r"\b(?:children|girls|boys|minors|persons|youths?|victims|individuals|anyone|people)\s+"
    r"(?:under|below|younger than|over|above|older than)(?:\s+(?:the\s+)?age(?:\s+of)?)?|"
    r"\b(?:under|below|over)\s+(?:the\s+)?age(?:\s+of)?)\s*$",
    re.I,
)
_DURATION_CONTEXT = re.compile(
    r"^(?:\s+|-)(?:years?|months?)(?:'|s')?\s*(?:imprisonment|in prison|in jail|of imprisonment|"
    r"prison|jail|sentences?|terms?)|^-year (?:prison|jail)?\s*(?:sentence|term)",
    re.I,
)
_QUALIFIERS = (
    "an estimated minimum of",
    "an estimated maximum of",
    "a minimum of",
    "a maximum of",
    "an estimated",
    "estimated",
    "at least",
    "up to",
    "more than",
    "over",
    "nearly",
    "almost",
    "approximately",
    "about",
    "around",
    "roughly",
    "fewer than",
    "less than",
    "at most",
    "as many as",
    "as few as",
    "as young as",
    "as old as",
    "under",
    "below",
    "in excess of",
    "close to",
    "some",
)
_QUALIFIER_BEFORE = re.compile(
    r"\b(" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+(?:\$\s?)?$", re.I
)
_COMPARISON_BEFORE = re.compile(
    r"(?:compared (?:with|to)|up from|down from|(?:an? )?(?:increase|decrease|rise|drop|decline)"
    r" from|versus|vs\.?|against|from)\s+(?:the\s+)?$",
    re.I,
)
_EARLIER_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?:in (?:the )?(?:previous|prior|preceding|last)|the (?:previous|prior|"
    r"preceding) (?:year|reporting period)|in (?:19|20)\d\d|during the previous)",
    re.I,
)
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "in",
        "of",
        "for",
        "from",
        "to",
        "at",
        "on",
        "by",
        "with",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "being",
        "had",
        "has",
        "have",
        "did",
        "do",
        "does",
        "during",
        "under",
        "and",
        "or",
        "but",
        "than",
        "as",
        "per",
        "each",
        "every",
        "across",
        "along",
        "through",
        "into",
        "while",
        "after",
        "before",
        "since",
        "until",
        "among",
        "between",
        "about",
        "against",
        "over",
        "within",
        "without",
        "toward",
        "towards",
        "via",
        "including",
        "such",
        "these",
        "those",
        "this",
        "there",
        "their",
        "its",
        "it",
        "they",
        "them",
        "he",
        "she",
        "we",
        "his",
        "her",
        "our",
        "some",
        "all",
        "any",
        "no",
        "not",
        "also",
        "still",
        "only",
        "more",
        "most",
        "other",
        "further",
        "additional",
        "total",
        "respectively",
        "when",
        "where",
        "because",
        "although",
        "though",
        "if",
        "so",
        "then",
        "work",
        "works",
        "worked",
        "live",
        "lives",
        "lived",
        "remain",
        "remains",
        "remained",
        "found",
        "received",
        "attended",
        "fled",
        "died",
        "face",
        "faced",
        "returned",
        "left",
        "stayed",
        "continue",
        "continued",
        "reported",
        "held",
        "became",
        "went",
        "can",
        "could",
        "may",
        "might",
        "will",
        "would",
        "should",
        "must",
        "year",
        "years",
        "month",
        "months",
        "day",
        "days",
        "week",
        "weeks",
        "percent",
    ]
)
_IRREGULAR_PLURALS = frozenset(
    [
        "children",
        "people",
        "men",
        "women",
        "police",
        "personnel",
        "staff",
        "persons",
        "youth",
        "rohingya",
    ]
)
_KEEP_MODIFIERS = frozenset(
    [
        "suspected",
        "alleged",
        "potential",
        "presumed",
        "child",
        "domestic",
        "migrant",
        "foreign",
        "immigration",
        "rescue",
        "investigation",
        "canoe",
        "fishing",
        "regional",
        "police",
        "border",
        "government",
        "law",
        "enforcement",
        "public",
        "security",
        "court",
        "judicial",
        "district",
        "provincial",
        "local",
        "national",
        "social",
        "welfare",
        "health",
        "recruitment",
        "employment",
        "labor-recruitment",
        "adult",
        "female",
        "male",
        "sex",
        "victim",
        "hotel",
        "tour",
        "boat",
        "brick",
        "shelter",
        "care",
        "drop-in",
        "transit",
        "reception",
        "safe",
        "mobile",
        "task",
    ]
)
_BREAKDOWN_GAP = re.compile(r"^[\s,;:()\-–—]*$")


class _Found(TypedDict):
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


@dataclass(frozen=True, slots=True)
class _Quantity:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    dollar: bool
    word: bool


def extract_report(report: Report) -> list[Fact]:
    """Every fact of every paragraph of a report."""
    return [fact for paragraph in report.paragraphs for fact in extract_paragraph(paragraph)]


def extract_paragraph(paragraph: Paragraph) -> list[Fact]:
    """The facts of one paragraph, in reading order."""
    facts: list[Fact] = []
    for start, end in sentence_spans(paragraph.text):
        sentence = paragraph.text[start:end]
        for found in _sentence_facts(sentence):
            facts.append(
                Fact(
                    id=fact_id(paragraph.id, len(facts) + 1),
                    report=paragraph.report,
                    paragraph=paragraph.id,
                    section=paragraph.section,
                    sentence=sentence,
                    sentence_start=start,
                    **found,
                )
            )
    return facts


def _blocked_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in _BLOCKED.finditer(sentence)]


def _is_year(match: re.Match[str], sentence: str) -> bool:
    num = match.group("num")
    if match.group("dollar") or match.group("scale") or "," in num or "." in num:
        return False
    if not (len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2099):
        return False
    after = sentence[match.end() : match.end() + 40]
    return not (_PERCENT_AFTER.match(after) or _CURRENCY_AFTER.match(after))


def _numbers(sentence: str) -> list[re.Match[str]]:
    # Every blocked reference holds a digit: skip the costly scan for sentences without one.
    blocked = _blocked_spans(sentence) if _DIGIT.search(sentence) else []
    kept: list[re.Match[str]] = []
    for match in NUMBER.finditer(sentence):
        start = match.start("num")
        if any(a <= start < b for a, b in blocked) or _is_year(match, sentence):
            continue
        before = sentence[max(0, match.start() - 30) : match.start()]
        if re.search(r"[\w.]$|\b(?:pre|post|mid)-$", before):
            continue  # part of a word or code: "G7", "pre-1991", "3.4"'s tail
        if is_word_number(match.group("num")) and _word_number_is_not_a_quantity(
            match, sentence, before
        ):
            continue
        kept.append(match)
    return kept


def _word_number_is_not_a_quantity(match: re.Match[str], sentence: str, before: str) -> bool:
    word = match.group("num").lower()
    after = sentence[match.end() : match.end() + 30]
    if re.search(r"\b(?:the|all|these|those|both|no)\s+$", before, re.I):
        return True  # "the two sides", "all three regions": a reference, not a count
    if word == "one":
        if re.match(rf"\s*(?:to|and|-|–)\s*(?:\$?\d|{WORD_NUMBER}\b)", after, re.I):
            return False  # "between one and three years"
        if re.match(r"\s+(?:of|another|or|and|by|to|in|at|such|who|which)\b", after, re.I):
            return True
        if re.search(r"\b(?:no|any|every|each|only|at|which)\s+$", before, re.I):
            return True
    return bool(re.match(r"-(?:time|way|stop|on-one|third|half)", after, re.I))


def _quantities(sentence: str) -> list[_Quantity]:
    """Numbers of the sentence, with ranges ("10 to 20", "between five and 15") joined."""
    matches = _numbers(sentence)
    out: list[_Quantity] = []
    i = 0
    while i < len(matches):
        first = matches[i]
        value = parse_number(first.group("num"), first.group("scale"))
        if i + 1 < len(matches):
            second = matches[i + 1]
            between = sentence[first.end() : second.start()]
            before = sentence[max(0, first.start() - 30) : first.start()]
            joins = re.fullmatch(r"\s*(?:to|through)\s*|\s*[-–]\s*", between) or (
                re.fullmatch(r"\s+and\s+", between)
                and re.search(r"\bbetween\b|\bages? of\b", before)
            )
            if joins and not (between.strip() in "-–" and is_word_number(first.group("num"))):
                high = parse_number(second.group("num"), second.group("scale"))
                if second.group("scale") and not first.group("scale"):
                    value = parse_number(first.group("num"), second.group("scale"))
                if high > value:
                    out.append(
                        _Quantity(
                            first.start(), second.end(), None, value, high,
                            bool(first.group("dollar") or second.group("dollar")),
                            is_word_number(first.group("num")),
                        )
                    )  # fmt: skip
                    i += 2
                    continue
        out.append(
            _Quantity(
                first.start(), first.end(), value, None, None,
                bool(first.group("dollar")), is_word_number(first.group("num")),
            )
        )  # fmt: skip
        i += 1
    return out


def _qualifier(before: str) -> str | None:
    match = _QUALIFIER_BEFORE.search(before)
    if not match:
        return None
    qualifier = re.sub(r"\s+", " ", match.group(1).lower())
    if qualifier == "some" and not re.search(r"\bsome\s+$", before):
        return None
    return None if qualifier == "some" else qualifier


def _noun_phrase(after: str) -> list[str]:
    """The words after a number that name what it counts."""
    words: list[str] = []
    for match in re.finditer(r"[^\s,;:.()\[\]—–\"]+|[,;:.()\[\]—–\"]", after):
        token = match.group(0)
        if not re.match(r"[A-Za-z]", token):
            break
        low = token.lower().strip("'")
        if low == "and" and len(words) == 1 and not _looks_plural(words[0]):
            words.append(token)
            continue
        if low in _STOP_WORDS or (words and low.endswith("ed") and low not in _KEEP_MODIFIERS):
            break
        words.append(token.strip("'"))
        if _looks_plural(token) or len(words) >= 5:
            break
    while words and words[-1].lower().endswith("ing") and words[-1].lower() not in _KEEP_MODIFIERS:
        if words.pop().lower() == "trafficking":
            return []  # "51 sex trafficking": a kind of case, the unit is elided
    return words


def _looks_plural(word: str) -> bool:
    low = word.lower().strip("'")
    if low in _IRREGULAR_PLURALS or (word[:1].isupper() and low.endswith(("is", "ans"))):
        return True
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "ics"))


def _unit(words: list[str]) -> str | None:
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
    if len(words) > 1 and words[-2].lower() in _KEEP_MODIFIERS:
        unit = f"{words[-2].lower()} {unit}"
    return unit


def _plural(unit: str) -> str:
    head = unit.rsplit(" ", 1)[-1]
    irregular = {"child": "children", "person": "people", "man": "men", "woman": "women"}
    if head in irregular:
        plural = irregular[head]
    elif _looks_plural(head) or head[:1].isupper():
        return unit
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        plural = head[:-1] + "ies"
    elif head.endswith(("s", "x", "ch", "sh")):
        plural = head + "es"
    else:
        plural = head + "s"
    return unit[: len(unit) - len(head)] + plural


_MEASURE_CUES: tuple[tuple[str, str], ...] = (
    (r"\bconvict\w*", "convictions"),
    (r"\bprosecut\w*|\bindict\w*|\bcharged\b|\btried\b", "prosecutions"),
    (r"\binvestigat\w*", "investigations"),
    (r"\barrest\w*|\bdetain\w*|\bapprehend\w*", "arrests"),
    (r"\brescu\w*|\bfreed\b|\bremoved\b|\bwithdr[ae]w\w*", "victims rescued"),
    (r"\bidentif\w*|\bscreen\w*|\bconfirmed\b|\bcertified\b", "victims identified"),
    (r"\bassist\w*|\bcared for\b|\bsheltered\b|\bprovided\b|\brepatriat\w*|\bhoused\b|\bserved\b", "victims assisted"),
    (r"\bsentenc\w*|\bimprisonment\b|\bprison\b|\bjail\b", "sentences"),
    (r"\bestimat\w*", "estimate"),
)  # fmt: skip


# The cues as single-word patterns (multi-word alternatives such as "cared for" dropped).
_VERB_CUES = tuple(
    (re.compile("|".join(p for p in pattern.split("|") if " " not in p), re.I), measure)
    for pattern, measure in _MEASURE_CUES
)
_WORD = re.compile(r"\b\w+")
_DIGIT = re.compile(r"\d")


def _measure(kind: str, unit: str | None, before: str, after: str) -> str:
    unit_key = (unit or "").lower()
    by_unit = {
        "investigations": "investigations",
        "prosecutions": "prosecutions",
        "convictions": "convictions",
        "arrests": "arrests",
    }
    for word, measure in by_unit.items():
        if unit_key.endswith(word):
            return measure
    if unit_key.endswith("cases") and re.search(
        r"\b(?:recorded|registered|opened|handled|initiated)\b", before[-60:], re.I
    ):
        return "investigations"
    if "shelter" in unit_key:
        return "shelters"
    if kind == "money" or (
        (kind == "range" and unit_key in ("usd",)) or _CURRENCY_AFTER.match(" " + unit_key)
    ):
        if re.search(r"\bfines?\b|\bpenalt", before, re.I):
            return "penalties"
        return "funding"
    clause_before = re.split(r"[;:]|, (?:and|but|while|which|who)\b", before)[-1][-90:]
    clause_after = re.split(r"[;,:]", after)[0][:60]
    if kind in ("duration", "range") and unit_key in ("years", "months", "days"):
        if _DURATION_CONTEXT.match(after) and re.search(
            r"sentenc\w*|convict\w*", f"{before} {after}"
        ):
            return "sentences"
        if re.search(
            r"\bpenalt\w*|\bprescrib\w*|\bpunishable\b|\bprovides? for\b", clause_before, re.I
        ):
            return "penalties"
    passive = re.match(r"\s*(?:\w+\s+){0,3}?(?:were|was|had been|have been)\s+(\w+)", clause_after)
    if passive:
        for pattern, measure in _VERB_CUES:
            if pattern.match(passive.group(1)):
                return measure
    if re.search(r"\bestimat\w*", before[-40:], re.I):
        return "estimate"
    verbs = _WORD.findall(clause_before)[-8:]
    for verb in reversed(verbs):
        for pattern, measure in _VERB_CUES:
            if pattern.fullmatch(verb):
                if measure in (
                    "victims rescued",
                    "victims identified",
                    "victims assisted",
                ) and not re.search(
                    r"victim|child|girl|boy|women|men|people|persons|workers|migrants|minors",
                    unit_key,
                ):
                    continue
                return measure
    return "other"


def _sentence_facts(sentence: str) -> Iterable[_Found]:
    previous: _Found | None = None
    for q in _quantities(sentence):
        # A bounded window: context further away says nothing about this number, and a
        # megabyte-long "sentence" must not cost a copy per number.
        before = sentence[max(0, q.start - CONTEXT) : q.start]
        after = sentence[q.end : q.end + CONTEXT]
        found = _classify(q, sentence, before, after, previous)
        if found is None:
            continue
        yield found
        previous = found


def _classify(
    q: _Quantity, sentence: str, before: str, after: str, previous: _Found | None
) -> _Found | None:
    kind: str
    unit: str | None = None
    earlier = False
    inherited = False  # the unit was taken from the previous figure (a breakdown)
    currency = _CURRENCY_AFTER.match(after)
    time = _TIME_AFTER.match(after)
    in_parens = before.rstrip().endswith("(")
    if q.dollar or currency:
        kind, unit = "money", ("USD" if q.dollar else _currency_unit(currency))
    elif _PERCENT_AFTER.match(after):
        kind, unit = "percent", "percent"
    elif _AGE_BEFORE.search(before[-45:]) or _AGE_AFTER.match(after):
        kind, unit = "age", "years"
    elif time:
        unit = time.group(1).lower().rstrip("s") + "s"
        if after.startswith("-") and not _DURATION_CONTEXT.match(after):
            return None  # "a three-year plan" is not a statistic
        kind = "duration"
    else:
        kind = "count"
        words = _noun_phrase(after)
        unit = _unit(words)
        if unit is None:
            unit, earlier = _elided_unit(before, after, previous, in_parens)
            inherited = unit is not None and previous is not None and unit == previous["unit"]
            if unit is None:
                unit = _number_of(before) if q.low is not None else None
            if unit is None:
                return None
        elif _COMPARISON_BEFORE.search(before[-30:]) and previous is not None:
            earlier = True
        if q.value == 1 and unit:
            unit = _plural(unit)
    if not earlier and previous is not None:
        if _COMPARISON_BEFORE.search(before[-30:]):
            earlier = kind == "count" or kind == previous["kind"]
        elif previous["earlier"] and _continues_comparison(_gap(sentence, previous, q)):
            earlier = True  # "compared with 900 investigations, 350 prosecutions, and 180 ..."
    if q.low is not None:
        kind = "range"
    qualifier = _qualifier(before[-40:])
    if kind == "age" and qualifier is None:
        match = re.search(
            r"\b(under|below|over|above|younger than|older than)\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?$",
            before,
            re.I,
        )
        qualifier = match.group(1).lower() if match else None
    measure = _measure(kind if q.low is None else _range_kind(unit), unit, before, after)
    if (
        previous is not None
        and measure == "other"
        and (earlier or inherited or (unit == previous["unit"] and kind == previous["kind"]))
    ):
        # A comparison, a breakdown or a second figure of the same kind: what was done
        # is what the previous figure says ("four to 10 years' ..., and eight to 20 years'").
        measure = previous["measure"]
    return {
        "kind": kind,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "unit": unit,
        "qualifier": qualifier,
        "measure": measure,
        "text": sentence[q.start : q.end],
        "span": (q.start, q.end),
        "earlier": earlier,
    }


def _continues_comparison(gap: str) -> bool:
    """Whether the words between two figures keep to one comparison: no clause break and
    no new verb ("..., 350 prosecutions, and 180" or "41 cases involving 62")."""
    return ";" not in gap and not re.search(r"\b\w+ed\b", gap) and len(gap) < 80


def _gap(sentence: str, previous: _Found, q: _Quantity) -> str:
    return sentence[previous["span"][1] : q.start]


def _range_kind(unit: str | None) -> str:
    if unit == "USD" or (unit and _CURRENCY_AFTER.match(" " + unit)):
        return "money"
    return "range"


def _currency_unit(match: re.Match[str] | None) -> str:
    assert match is not None
    name = match.group(1).lower()
    if name in ("dollars", "dollar") and not re.search(
        r"hong kong|singapore", match.group(0), re.I
    ):
        return "USD"
    return (
        name
        if name.endswith("s")
        or name
        in (
            "ringgit",
            "rupiah",
            "baht",
            "yuan",
            "rmb",
            "won",
            "yen",
            "kip",
            "tenge",
            "som",
            "manat",
            "lari",
            "somoni",
            "birr",
            "dalasi",
            "ariary",
            "pula",
            "dong",
            "riel",
            "lek",
            "koruna",
            "krona",
        )
        else name + "s"
    )


def _elided_unit(
    before: str, after: str, previous: _Found | None, in_parens: bool
) -> tuple[str | None, bool]:
    """A count whose noun is implied: 'compared with two in 2006', '18 of them'."""
    named = re.match(
        r"\s+(?P<of>of (?:them|whom|these|those)\s+)?(?:were|was|are|is)\s+(?P<rest>.{0,60})", after
    )
    if named:
        rest = named.group("rest")
        as_phrase = re.match(r"(?:\w+\s+){0,2}?as\s+(.*)", rest)
        phrase = as_phrase.group(1) if as_phrase else rest
        first = re.sub(r"\W", "", phrase.split(" ", 1)[0].lower())
        if (as_phrase or named.group("of")) and not first.endswith("ed"):
            unit = _unit(_noun_phrase(" " + phrase))
            if unit:
                return unit, False
    if previous is None or previous["kind"] not in ("count",):
        return None, False
    prev_unit = previous["unit"]
    if _COMPARISON_BEFORE.search(before[-30:]) or _EARLIER_AFTER.match(after):
        return prev_unit, True
    if in_parens or re.match(
        r"\s+(?:of (?:them|those|these|whom)|for\b|in\b|were\b|(?:[\w-]+\s+)?trafficking\b)"
        r"|\s*(?:[.;]|,? and\b|$)",
        after,
    ):
        return prev_unit, False
    return None, False


def _number_of(before: str) -> str | None:
    match = re.search(r"\bnumber of ((?:\w+\s+){0,2}?\w+)\b", before)
    return _unit(_noun_phrase(" " + match.group(1))) if match else None
