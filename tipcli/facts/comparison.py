"""Stage 2: whether a figure is a comparison's earlier figure ("compared with 10 in 2020").

Only the figure a comparison names is earlier, and the figures listed with it ("compared
with 98 investigations and 30 prosecutions in 2010"); not the other figures of the sentence.
"""

from __future__ import annotations

import re

from tipcli.facts import patterns as p
from tipcli.facts.found import Found, Reading
from tipcli.facts.quantities import NEAR, Window

# A comparison's list of figures is short: "..., 350 prosecutions, and 180 convictions".
LIST_GAP = 80
# "and 43 suspects were prosecuted": the figure has its own verb, a new clause.
_CLAUSE_BREAK = re.compile(r"[;:]")
OWN_VERB_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:were|was|had been|have been)\s+\w+ed\b")


def is_earlier(w: Window, reading: Reading, previous: Found | None) -> bool:
    """Whether the quantity is a figure of an earlier period, given as a comparison."""
    if reading.kind == "count" and _in_earlier_clause(w):
        return True
    if p.COMPARISON_BEFORE.search(w.before[-NEAR:]):
        # "Compared with 45 convictions in 2021, courts convicted 31 traffickers."
        return previous is None or reading.kind in ("count", previous.kind)
    if previous is None:
        return False
    return reading.elided == "compared" or (previous.earlier and _continues_comparison(w, previous))


def _in_earlier_clause(w: Window) -> bool:
    """'during the previous reporting period, the ministry had prosecuted 38 cases'."""
    clause = p.SAME_AS_BEFORE.sub("", _CLAUSE_BREAK.split(w.before)[-1])
    return bool(p.EARLIER_CLAUSE_BEFORE.search(clause))


def _continues_comparison(w: Window, previous: Found) -> bool:
    """Whether the words between the comparison's last figure and this one keep to its
    list: no clause break, no new verb, and the comparison's period not yet given."""
    gap = w.sentence[previous.span[1] : w.q.start]
    return (
        ";" not in gap
        and len(gap) < LIST_GAP
        and not p.PAST_VERB.search(gap)
        and not p.COMPARISON_PERIOD.search(gap)
        and not OWN_VERB_AFTER.match(w.after)
    )
