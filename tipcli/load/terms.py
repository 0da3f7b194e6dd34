"""Search terms: spelling variants folded to American English, and a light stemmer."""

from __future__ import annotations

import re
from functools import cache

from tipcli.load.text import words

_BRITISH = {
    "labour": "labor",
    "labourer": "laborer",
    "labourers": "laborers",
    "favour": "favor",
    "honour": "honor",
    "behaviour": "behavior",
    "neighbour": "neighbor",
    "neighbouring": "neighboring",
    "neighbours": "neighbors",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "offence": "offense",
    "offences": "offenses",
    "defence": "defense",
    "licence": "license",
    "licences": "licenses",
    "counselling": "counseling",
    "travelled": "traveled",
    "travelling": "traveling",
    "judgement": "judgment",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "paediatric": "pediatric",
    "organisation": "organization",
}
# Words whose -ise is not a British -ize.
_ISE_WORDS = frozenset(
    [
        "promise",
        "otherwise",
        "exercise",
        "advise",
        "enterprise",
        "premise",
        "rise",
        "wise",
        "expertise",
        "franchise",
        "supervise",
        "comprise",
        "surprise",
        "revise",
        "devise",
        "televise",
        "compromise",
        "raise",
        "praise",
        "noise",
        "cruise",
        "disguise",
        "arise",
        "despise",
        "concise",
        "precise",
    ]
)
_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person"}
# "-ization" keeps its "iz", so that organization meets organize but never organ.
_SUFFIXES = (
    ("izations", "iz"), ("ization", "iz"), ("ications", "i"), ("ication", "i"), ("ations", ""),
    ("ation", ""), ("itions", ""), ("ition", ""), ("ions", ""), ("ion", ""), ("ings", ""),
    ("ing", ""), ("ers", ""), ("er", ""), ("ors", ""), ("or", ""), ("edly", ""), ("ed", ""), ("ies", "i"), ("es", ""),
    ("s", ""), ("e", ""), ("y", "i"), ("ly", ""),
)  # fmt: skip


@cache
def fold(word: str) -> str:
    """Lower case, no possessive, American spelling: "Labour's" -> "labor"."""
    key = word.lower().replace("’", "'")
    if key.endswith("'s"):
        key = key[:-2]
    key = key.strip("'")
    if key in _BRITISH:
        return _BRITISH[key]
    match = re.fullmatch(r"([a-z]{3,})is(e|ed|es|ing|ation|ations)", key)
    if match and f"{match.group(1)}ise" not in _ISE_WORDS:
        return f"{match.group(1)}iz{match.group(2)}"
    match = re.fullmatch(r"([a-z]{2,}[^aeiou])our(s|ed|ing|ers?)?", key)
    if match and key not in ("tour", "hour", "flour", "your", "four", "pour", "sour", "tours"):
        return f"{match.group(1)}or{match.group(2) or ''}"
    return key


@cache
def stem(key: str) -> str:
    """A crude stem, so that deport, deported and deportation meet."""
    if key in _IRREGULAR:
        return _IRREGULAR[key]
    if not key.isalpha() or len(key) <= 4:
        return key
    for suffix, replacement in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            key = key[: -len(suffix)] + replacement
            break
    if key.endswith("at") and len(key) >= 7:
        key = key[:-2]  # "investigated" meets "investigations" (investig)
    if key.endswith("ck"):
        key = key[:-1]  # traffick(ing) -> traffic
    if len(key) > 4 and key[-1] == key[-2] and key[-1] not in "ls":
        key = key[:-1]  # "committed" -> "commit"
    return key


EXACT_WORD = re.compile(r"\w+")
# A number as written: digits with thousands commas and decimals ("10,000", "1.5"). It is one
# search token, its separators dropped ("1,000" -> "1000"), so that 1,000 never matches the
# "000" of 10,000, nor 10,000 the "10" of "10 days".
NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|,\d{3})")

Token = tuple[str, int, int]


def number_key(written: str) -> str:
    """A number's search key: "1,000" -> "1000", "2.50" -> "2.5", "3.0" -> "3"."""
    key = written.replace(",", "")
    if "." in key:
        key = key.rstrip("0").rstrip(".")
    return key


def _with_numbers(text: str, tokens: list[Token]) -> list[Token]:
    """Tokens with each number joined into one token (its parts dropped)."""
    numbers = [(number_key(m.group(0)), m.start(), m.end()) for m in NUMBER.finditer(text)]
    joined = [n for n in numbers if n[2] - n[1] != len(n[0]) or not n[0].isdigit()]
    if not joined:
        return tokens
    out: list[Token] = []
    j = 0
    for token in tokens:
        while j < len(joined) and joined[j][2] <= token[1]:
            out.append(joined[j])
            j += 1
        if j < len(joined) and joined[j][1] <= token[1] and token[2] <= joined[j][2]:
            continue  # a part of the joined number
        out.append(token)
    out.extend(joined[j:])
    return out


def key_tokens(text: str) -> list[Token]:
    """Folded search keys with their character spans (what search compares by default)."""
    tokens = [(fold(w), a, b) for w, a, b in words(text)]
    return _with_numbers(text, tokens) if any(c.isdigit() for c in text) else tokens


def exact_tokens(text: str) -> list[Token]:
    """Whole words (regex \\w+), lower case, with spans: what --exact compares."""
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in EXACT_WORD.finditer(text)]
    return _with_numbers(text, tokens) if any(c.isdigit() for c in text) else tokens


def folded_keys(text: str) -> list[str]:
    """The folded word keys of a text, as search compares them."""
    return [k for k, _, _ in key_tokens(text)]


def exact_keys(text: str) -> list[str]:
    """Whole words (regex \\w+), lower case: what --exact compares."""
    return [k for k, _, _ in exact_tokens(text)]
