"""Patterns for what a number is: a reference, a money amount, a percentage, an age, a
duration, a qualifier, a comparison. Data only; the stages in kinds.py and comparison.py
apply them.

Patterns named *_BEFORE are searched at the end of the text before a number; *_AFTER are
matched at the start of the text after it.
"""

from __future__ import annotations

import re

from tipcli.facts.numbers import WORD_NUMBER
from tipcli.facts.vocabulary import CURRENCIES, MONTHS, QUALIFIERS, REFERENCE_WORDS

_MONTH = "(?:" + "|".join(MONTHS) + ")"

# Stretches of a sentence whose numbers are references, not quantities: "Article 244",
# "5 June", "June 5,", "10th", "A-3", "2/3", "the 116 helpline", "9 a.m.".
_REFERENCE = "|".join(REFERENCE_WORDS)
BLOCKED = re.compile(
    rf"\b(?:(?:{_REFERENCE})s|Nos\.)\s+\d[\w./-]*(?:\s*(?:,|,?\s*and|,?\s*or|to|-)\s*\d[\w./-]*)*"
    rf"|\b(?:{_REFERENCE})\s+\d[\w./-]*(?:\s*(?:to|-)\s*\d[\w./-]*)?"
    rf"|\b\d{{1,2}}(?=\s+{_MONTH}\b)|\b{_MONTH} \d{{1,2}}(?=,)"
    r"|\b\d+(?:st|nd|rd|th)\b|[A-Za-z]-\d+|\d+/\d+|\d+(?=\s+(?:\w+\s+)?(?:hotline|helpline))"
    r"|\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\.",
    re.I,
)
DIGIT = re.compile(r"\d")
PART_OF_WORD_BEFORE = re.compile(r"[\w.]$|\b(?:pre|post|mid)-$")  # "G7", "pre-1991"

# A written-out number that is a reference ("the two sides", "all three regions") or part
# of a compound ("one-time", "one-third").
REFERENCE_ARTICLE_BEFORE = re.compile(r"\b(?:the|all|these|those|both|no)\s+$", re.I)
ONE_STARTS_RANGE_AFTER = re.compile(rf"\s*(?:to|and|-|–)\s*(?:\$?\d|{WORD_NUMBER}\b)", re.I)
ONE_AS_PRONOUN_AFTER = re.compile(r"\s+(?:of|another|or|and|by|to|in|at|such|who|which)\b", re.I)
ONE_AS_PRONOUN_BEFORE = re.compile(r"\b(?:no|any|every|each|only|at|which)\s+$", re.I)
COMPOUND_AFTER = re.compile(r"-(?:time|way|stop|on-one|third|half)", re.I)

# Two numbers that make one range: "10 to 20", "10-20", "between five and 15".
RANGE_JOINER = re.compile(r"\s*(?:to|through)\s*|\s*[-–]\s*")
RANGE_AND = re.compile(r"\s+and\s+")
RANGE_AND_BEFORE = re.compile(r"\bbetween\b|\bages? of\b")

CURRENCY_AFTER = re.compile(
    rf"^\s*(?:(?:CFA|U\.?S\.?|US|Hong Kong|Singapore|[A-Z][a-z]+(?:an|ese|i))\s+)?"
    rf"({CURRENCIES})\b",
    re.I,
)
LOCAL_DOLLAR = re.compile(r"hong kong|singapore|[a-z]+(?:an|ese|i)\s+dollar", re.I)
PERCENT_AFTER = re.compile(r"^\s*(?:percent|per cent|%)", re.I)
TIME_AFTER = re.compile(r"^(?:\s+|-)(years?|months?|weeks?|days?|hours?)\b('|s')?", re.I)
AGE_AFTER = re.compile(
    r"^(?:\s+years?\s+(?:of\s+age|old)|-years?-old|\s+and\s+(?:older|younger))", re.I
)
AGE_BEFORE = re.compile(
    r"(?:\baged|\bages?(?: of)?|\bas young as|\bas old as|\bage (?:of )?|"
    r"\b(?:children|girls|boys|minors|persons|youths?|victims|individuals|anyone|people|some"
    r"|many|most|others|those|all)\s+"
    r"(?:under|below|younger than|over|above|older than)(?:\s+(?:the\s+)?age(?:\s+of)?)?|"
    r"\b(?:under|below|over)\s+(?:the\s+)?age(?:\s+of)?)\s*$",
    re.I,
)
AGE_QUALIFIER_BEFORE = re.compile(
    r"\b(under|below|over|above|younger than|older than)\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?$",
    re.I,
)
DURATION_AFTER = re.compile(
    r"^(?:\s+|-)(?:years?|months?)(?:'|s')?\s*(?:imprisonment|in prison|in jail|of imprisonment|"
    r"prison|jail|sentences?|terms?)|^-year (?:prison|jail)?\s*(?:sentence|term)"
    r"|^-(?:day|week|month|year) (?:recovery|reflection|protection|residence|waiting|probation)"
    r" (?:period|order|permit)",
    re.I,
)

QUALIFIER_BEFORE = re.compile(
    r"\b(" + "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS) + r")\s+(?:\$\s?)?$", re.I
)
SOME_BEFORE = re.compile(r"\bsome\s+$")

# A comparison names the figure right after it: "compared with 10", "up from 29",
# "an increase from 12", "rose to 40 from 25", "(2021: 33)". A bare "from" is not one
# ("withdrew licenses from 11 agencies").
COMPARISON_BEFORE = re.compile(
    r"(?:compared (?:with|to)|up from|down from|"
    r"(?:an? )?(?:increase|decrease|rise|drop|decline|reduction|jump|fall)s? from|"
    r"(?:rose|fell|increased|decreased|declined|dropped|grew|climbed|went)\s+(?:[\w,]+\s+){0,5}?"
    r"from|versus|vs\.?)\s+(?:the\s+|a total of\s+)?$"
    r"|\((?:in\s+)?(?:19|20)\d\d(?:/\d+)?:\s*$",
    re.I,
)
# After a figure: it belongs to an earlier period ("29 the previous year", "two in 2006").
EARLIER_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?:in (?:the )?(?:previous|prior|preceding|last)|the (?:previous|prior|"
    r"preceding) (?:year|reporting period)|in (?:19|20)\d\d|during the previous)",
    re.I,
)
# Where a comparison's list ends: its period ("in 2019", "the previous year").
COMPARISON_PERIOD = re.compile(
    r"\bin (?:19|20)\d\d\b|\b(?:the )?(?:previous|prior|preceding|last) (?:year|reporting|fiscal)",
    re.I,
)
# A clause set in an earlier period: "during the previous reporting period, the ministry had
# reported prosecuting 38 cases".
EARLIER_CLAUSE_BEFORE = re.compile(
    r"\b(?:during|in|for) the (?:previous|prior|preceding|last) (?:reporting period|year"
    r"|fiscal year)\b",
    re.I,
)
# A comparison without a second figure: "30 cases, the same number as in the previous
# year". The figure it follows is this period's; the phrase is not an earlier clause.
SAME_AS_BEFORE = re.compile(r"\b(?:the )?same(?: \w+)? as\b[^,;]*", re.I)
PAST_VERB = re.compile(r"\b\w+ed\b")

# A count whose noun is elided: "18 of them", "356 were confirmed as trafficking victims".
NAMED_LATER_AFTER = re.compile(
    r"\s+(?P<of>of (?:them|whom|these|those)\s+)?(?:were|was|are|is)\s+(?P<rest>.{0,60})"
)
AS_PHRASE = re.compile(r"(?:\w+\s+){0,2}?as\s+(.*)")
SAME_NOUN_AFTER = re.compile(
    r"\s+(?:of (?:them|those|these|whom|which)|(?:for|in|under|during|at|on|from|with|were)\b"
    r"|(?:[\w-]+\s+)?trafficking\b|[a-z]+ed\b)|\s*(?:[.;,]|and\b|$)"
)
# "29 of the country's 32 departments": the first number counts what the second counts.
OF_ANOTHER_NUMBER_AFTER = re.compile(
    r"\s+of\s+(?:(?:the|its|their|all|these|those|[\w-]+['’]s)\s+){0,3}(?=\d|"
    + WORD_NUMBER
    + r"\b)",
    re.I,
)
NUMBER_OF_BEFORE = re.compile(r"\bnumber of ((?:\w+\s+){0,2}?\w+)\b")
NOUN_TOKEN = re.compile(r"[^\s,;:.()\[\]—–\"]+|[,;:.()\[\]—–\"]")
# "Indonesian and 30 Filipino": nationalities (and the numbers between them) before a noun.
NATIONALITIES_AFTER = re.compile(
    r"(?:\s+(?:and|or|,)?\s*(?:(?:\d[\d,]*|"
    + WORD_NUMBER
    + r")\s+)?[A-Z][a-z]+(?:an|ese|ish|i)\b,?)+",
)
# "46 Guatemalan and 12 foreign victims": another part's number after the nationalities.
ANOTHER_NUMBER_JOINED = re.compile(
    r"\s*,?\s*(?:and|or)\s+(?:\d[\d,]*|" + WORD_NUMBER + r")\s+", re.I
)
# Words that point back to a noun named before the number.
OF_THEM_AFTER = re.compile(r"\s+of (?:them|whom|which|these|those)\b", re.I)
NUMBERED_BEFORE = re.compile(
    r"\b(?:numbered|totall?ed|stood at|reached)\s+(?:(?:at least|more than|about|some|over|"
    r"nearly|approximately|up to)\s+)?$",
    re.I,
)
