"""Matching what people type to the names tip knows: sections, measures, kinds, tags, countries.

One rule for all of them: case, accents, spaces, hyphens and underscores do not matter; a
unique prefix is enough ("victims-id" is "victims identified"); a near miss ("monye") is
accepted when it is close to one name only, and otherwise the nearest names are suggested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from tipcli.errors import UsageError

# rapidfuzz ratio (0-100) at which a misspelling is taken for the name it is close to:
# one slip in a short name ("monye", "rnage") scores 80. Whole-name ratio, not WRatio, whose
# partial matching would take "rnage" for "age".
ACCEPT_SCORE = 75
# ratio score (0-100) at which a name is worth suggesting after a miss.
SUGGEST_SCORE = 50
# A misspelling this short ("pr") is too easy to take for the wrong name.
MIN_FUZZY_LENGTH = 3


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, one space between words:
    "Côte d'Ivoire" -> "cote d ivoire", "victims-identified" -> "victims identified"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", plain.lower()).split())


def squeeze(text: str) -> str:
    """fold() without spaces: "Cote d'Ivoire", "cote divoire" and "CÔTE D'IVOIRE" agree."""
    return fold(text).replace(" ", "")


def nearest(value: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The names closest to a value, best first, for a "did you mean" hint."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        fold(value),
        {name: fold(name) for name in names},
        scorer=fuzz.ratio,  # whole-name likeness: WRatio's partial matches suggest noise
        processor=utils.default_process,
        limit=limit,
        score_cutoff=SUGGEST_SCORE,
    )
    return [str(key) for _, _, key in found]


def match_name(
    value: str,
    names: Sequence[str],
    what: str,
    aliases: Mapping[str, str] | None = None,
) -> str:
    """The one name a value means; a UsageError naming the nearest ones when there is none."""
    key = squeeze(value)
    keys = {squeeze(name): name for name in names}
    if key in keys:
        return keys[key]
    for alias, name in (aliases or {}).items():
        if key == squeeze(alias):
            return name
    prefixed = [
        name for k, name in keys.items() if key and (k.startswith(key) or key.startswith(k))
    ]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise UsageError(f"{what} '{value}' is ambiguous", f"did you mean: {', '.join(prefixed)}?")
    close = _close_enough(value, names)
    if close is not None:
        return close
    suggestions = nearest(value, names)
    hint = f"did you mean: {', '.join(suggestions)}? " if suggestions else ""
    plural = "tags" if what == "tag" else f"{what}s"
    return _unknown(what, value, f"{hint}{plural} are: {', '.join(names)}")


def _close_enough(value: str, names: Sequence[str]) -> str | None:
    """The name a misspelling stands for, when one name is clearly closest."""
    if len(squeeze(value)) < MIN_FUZZY_LENGTH:
        return None
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        fold(value),
        {name: fold(name) for name in names},
        scorer=fuzz.ratio,
        processor=utils.default_process,
        limit=2,
        score_cutoff=ACCEPT_SCORE,
    )
    if not found or (len(found) > 1 and found[1][1] == found[0][1]):
        return None
    return str(found[0][2])


def _unknown(what: str, value: str, hint: str) -> str:
    raise UsageError(f"unknown {what} '{value}'", hint)
