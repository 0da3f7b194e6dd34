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
_SUFFIXES = (
    ("izations", ""), ("ization", ""), ("ications", "i"), ("ication", "i"), ("ations", ""),
    ("ation", ""), ("itions", ""), ("ition", ""), ("ions", ""), ("ion", ""), ("ings", ""),
    ("ing", ""), ("ers", ""), ("er", ""), ("edly", ""), ("ed", ""), ("ies", "i"), ("es", ""),
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
    if key.endswith("ck"):
        key = key[:-1]  # traffick(ing) -> traffic
    if len(key) > 4 and key[-1] == key[-2] and key[-1] not in "ls":
        key = key[:-1]  # "committed" -> "commit"
    return key


EXACT_WORD = re.compile(r"\w+")


def folded_keys(text: str) -> list[str]:
    """The folded word keys of a text, as search compares them."""
    return [fold(w) for w, _, _ in words(text)]


def exact_keys(text: str) -> list[str]:
    """Whole words (regex \\w+), lower case: what --exact compares."""
    return [m.group(0).lower() for m in EXACT_WORD.finditer(text)]
