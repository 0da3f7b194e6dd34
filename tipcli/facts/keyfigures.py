"""Key figures: the four numbers researchers code from each narrative, by the rules of
docs/narratives.md ("Key figures").

- This reporting period only: a comparison's earlier figure is never the answer.
- Trafficking only: related crimes (measure "related crimes") and figures about officials'
  complicity never are.
- Totals over parts: the first figure of its measure in the section that reports it, not
  its breakdown; when only parts are given ("14 for sex trafficking and nine for labor
  trafficking", "an additional 145"), their sum, marked derived.
- An explicit none ("did not convict any traffickers") is 0; not reported is None.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tipcli.facts import cues
from tipcli.facts.quantities import CONTEXT, NEAR, own_words
from tipcli.load.text import sentence_spans
from tipcli.model import KEY_FIGURES, Fact, KeyFigure, Report

# Where each figure is reported, most trustworthy first. Recommendations, prevention and
# the trafficking profile never hold this year's law-enforcement or identification totals.
_LAW_ENFORCEMENT = ("prosecution", "overview", "protection")
SECTIONS_FOR = {
    "investigations": _LAW_ENFORCEMENT,
    "prosecutions": _LAW_ENFORCEMENT,
    "convictions": _LAW_ENFORCEMENT,
    "victims identified": ("protection", "prosecution", "overview"),
}


# "In total, police investigated 45 cases": the word "total" stands this close before.
TOTAL_WINDOW = 60


def key_figures(report: Report, facts: Sequence[Fact]) -> dict[str, KeyFigure | None]:
    """The report's key figures, one per KEY_FIGURES name, in order."""
    return {name: key_figure(name, report, facts) for name in KEY_FIGURES}


def key_figure(name: str, report: Report, facts: Sequence[Fact]) -> KeyFigure | None:
    """One key figure: this period's total, an explicit none (0), or None."""
    candidates = [f for f in facts if _counts_toward(f, name)]
    for section in SECTIONS_FOR[name]:
        in_section = [f for f in candidates if f.section == section]
        if in_section:
            return _headline(name, in_section)
    return _explicit_none(name, report)


def _counts_toward(fact: Fact, name: str) -> bool:
    """A current count of this measure that is a total, not a part or an official."""
    if fact.measure != name or fact.kind != "count" or fact.earlier or not fact.value:
        return False
    if _inside_parens(fact):
        return False  # "(212 children and 41 adults)": the parts of the figure before
    if cues.OFFICIAL_UNIT.search(fact.unit or ""):
        return False  # "arrested eight immigration officers": a complicity figure
    own = own_words(fact.sentence, *fact.span)
    if cues.COMPLICITY.search(own) or cues.NOT_FINAL.search(own):
        return False
    if cues.CUMULATIVE_BEFORE.search(fact.sentence[max(0, fact.span[0] - CONTEXT) : fact.span[0]]):
        return False  # "Since 2003, courts have convicted a total of 1,230": not this period
    # "No one was convicted of trafficking, although three brothel operators were
    # convicted of employing minors": beside a none, a figure is about something else.
    return name not in _nones_near(fact)


def _nones_near(fact: Fact) -> set[str]:
    start, end = fact.span
    return none_measures(fact.sentence[max(0, start - CONTEXT) : end + CONTEXT])


def _inside_parens(fact: Fact) -> bool:
    start = fact.span[0]
    window = max(0, start - CONTEXT)
    return fact.sentence.rfind("(", window, start) > fact.sentence.rfind(")", window, start)


def _headline(name: str, facts: Sequence[Fact]) -> KeyFigure:
    """The first figure, plus its sibling parts in the sentence and any "additional"
    figures after it."""
    start = next((i for i, f in enumerate(facts) if _called_total(f)), 0)
    first, rest = facts[start], facts[start + 1 :]
    siblings = _siblings(first, rest)
    group = [first, *siblings, *(f for f in _additional(first, rest) if f not in siblings)]
    value = sum(f.value or 0 for f in group)
    return KeyFigure(
        measure=name,
        value=value,
        unit=first.unit if len(group) == 1 else _origin_free(first.unit),
        qualifier=first.qualifier,
        derived=len(group) > 1,
        facts=tuple(f.id for f in group),
        sentence=first.sentence,
    )


def _called_total(fact: Fact) -> bool:
    """'a total of 45 cases', 'In total, 45 cases'."""
    start = fact.span[0]
    return bool(cues.TOTAL_BEFORE.search(fact.sentence[max(0, start - TOTAL_WINDOW) : start]))


def _siblings(first: Fact, rest: Iterable[Fact]) -> list[Fact]:
    """Later figures of the first's sentence that are parts beside it, not inside it:
    "14 defendants for sex trafficking and nine for labor trafficking"."""
    siblings: list[Fact] = []
    last = first
    for fact in rest:
        if fact.paragraph != first.paragraph or fact.sentence_start != first.sentence_start:
            break
        gap = first.sentence[last.span[1] : fact.span[0]]
        after = fact.sentence[fact.span[1] : fact.span[1] + NEAR]
        if _origin_free(fact.unit) != _origin_free(first.unit):
            break
        if cues.PART_MARKER.search(gap) or cues.PART_AFTER.match(after):
            break
        if ";" in gap:
            break  # another clause: "139 traffickers, up from 55; ... 13 convicted traffickers"
        if _another_report(gap):
            break
        if not cues.SIBLING_JOIN.search(gap):
            break
        siblings.append(fact)
        last = fact
    return siblings


def _origin_free(unit: str | None) -> str:
    """The unit without where its people come from: "10 foreign victims and 35 Kazakhstani
    victims" are parts of one count of victims."""
    words = (unit or "").split()
    while len(words) > 1 and words[0] in cues.ORIGIN_MODIFIERS:
        words = words[1:]
    return " ".join(words)


def _another_report(gap: str) -> bool:
    """A second body reporting its own count ("..., while the police reported 95
    prosecutions"): the counts may overlap, so they are not parts of one total unless the
    text says they are disjoint ("an additional", federal and state courts)."""
    if not cues.ANOTHER_REPORT.search(gap):
        return False
    return not cues.DISJOINT_PARTS.search(gap)


def _additional(first: Fact, rest: Iterable[Fact]) -> list[Fact]:
    """Figures the text marks as adding to the first: "an additional 145 workers"."""
    return [
        f
        for f in rest
        if cues.ADDITIONAL_BEFORE.search(f.sentence[max(0, f.span[0] - NEAR) : f.span[0]])
    ]


def _explicit_none(name: str, report: Report) -> KeyFigure | None:
    """0 when a sentence says there was none; None when the narrative is silent."""
    for paragraph in report.paragraphs:
        if paragraph.section not in SECTIONS_FOR[name]:
            continue
        for start, end in sentence_spans(paragraph.text):
            sentence = paragraph.text[start:end]
            if name in none_measures(sentence):
                return KeyFigure(name, 0, name, None, False, (), sentence)
    return None


def none_measures(sentence: str) -> set[str]:
    """The key figures a sentence says there were none of."""
    found: set[str] = set()
    for scope in _none_scopes(sentence):
        if cues.NOT_A_NONE.search(scope) or cues.RELATED_CRIME.search(scope):
            continue
        found.update(name for pattern, name in cues.NONE_MEASURES if pattern.search(scope))
    return found


def _none_scopes(sentence: str) -> list[str]:
    """The clauses of a sentence that state a none, from the negation to the clause end."""
    scopes = []
    for match in cues.NEGATION.finditer(sentence):
        scope = _to_clause_end(sentence, match.start())
        if cues.NONE_WORD.search(scope):
            scopes.append(scope)
    for match in cues.NO_FIGURE.finditer(sentence):
        scopes.append(_to_clause_end(sentence, match.start()))
    return scopes


def _to_clause_end(sentence: str, start: int) -> str:
    scope = sentence[start : start + CONTEXT]
    end = cues.NONE_CLAUSE_END.search(scope, 1)
    return scope[: end.start() if end else len(scope)]
