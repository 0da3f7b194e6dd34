"""Numbers as narratives write them: digits with separators, words, scales."""

from __future__ import annotations

import re
from decimal import Decimal

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(TENS)
_SMALL = "one|two|three|four|five|six|seven|eight|nine"
WORD_NUMBER = rf"(?:(?:{_TEN_WORDS})(?:[- ](?:{_SMALL}))?|{_UNIT_WORDS}|a dozen|dozen)"
DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE = r"(?:\s+(?:hundred|thousand|million|billion)(?:\s+thousand)?)?"

_FIRST = "".join(sorted({w[0] for w in re.findall(r"[a-z]+", WORD_NUMBER)}))

# One number as written, optionally with a dollar sign and a scale word. The lookbehind and
# lookahead only let the engine skip positions that cannot start a number (3x faster).
NUMBER = re.compile(
    rf"(?:(?P<dollar>\$\s?)|(?<![\w$]))(?=[\d{_FIRST}{_FIRST.upper()}])"
    rf"(?P<num>{DIGIT_NUMBER}|{WORD_NUMBER}\b)(?P<scale>{SCALE})(?![\w])",
    re.I,
)


def parse_number(num: str, scale: str = "") -> float:
    """'3,371' -> 3371; 'twenty-five' -> 25; ('1.2', 'million') -> 1200000."""
    key = num.lower().strip()
    if key[0].isdigit():
        if scale.strip():  # in decimal: 16.4 billion is 16,400,000,000, not ...999.998
            factor = 1
            for word in scale.lower().split():
                factor *= SCALES[word]
            return float(Decimal(key.replace(",", "")) * factor)
        value = float(key.replace(",", ""))
    elif key in ("a dozen", "dozen"):
        value = 12.0
    else:
        value = 0.0
        for part in re.split(r"[- ]", key):
            value += UNITS.get(part, 0) + TENS.get(part, 0)
    for word in scale.lower().split():
        value *= SCALES[word]
    return value


def is_word_number(num: str) -> bool:
    """True when the number is written out in words."""
    return not num.strip()[0].isdigit()
