"""Sections of a narrative: heading recognition, section inference and section-name lookup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tipcli.errors import UsageError
from tipcli.model import SECTIONS, Paragraph, Report


@dataclass(frozen=True, slots=True)
class Unit:
    """A body paragraph before sectioning: its raw text, the heading above it, its gap."""

    text: str
    gap: int
    heading: str | None
    recommendation_list: bool = False
    bulleted: bool = False


_HEADINGS = {
    "prosecution": "prosecution",
    "protection": "protection",
    "prevention": "prevention",
    "trafficking profile": "profile",
    "prioritized recommendations": "recommendations",
    "recommendations": "recommendations",
    # Special Case narratives: the government's efforts belong with the assessment.
    "government efforts": "overview",
    # The trafficking situation: overview where it opens the narrative (2010-2016 Special
    # Cases); see situation_section for where it follows the body sections.
    "scope and magnitude": "overview",
}
_BODY_SECTIONS = frozenset({"prosecution", "protection", "prevention"})
_RECOMMENDATIONS_FOR = re.compile(r"^recommendations for [a-z' .,()-]{2,50}$")
_RECOMMENDATIONS_START = re.compile(r"^\s*(?:prioritized\s+)?recommendations\b", re.I)
_ASSESSMENT = re.compile(
    r"does not fully (?:comply|meet)|fully (?:complies|meets) (?:with )?the minimum|"
    r"is (?:placed|ranked|treated) (?:on|as)|special case",
    re.I,
)
_OVERVIEW_LABEL = re.compile(r"^(?:scope and magnitude|government efforts)\s*[:.]", re.I)
_SITUATION = re.compile(r"^\s*scope and magnitude\s*:?\s*$", re.I)

# Words that say which part of the narrative a paragraph belongs to; the first sentence
# of a section ("X made modest efforts to prevent trafficking") counts three times.
_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "overview": (
        (r"\bsource,? (?:transit|and destination)|destination country|transit country", 4),
        (r"\bdoes not fully (?:comply|meet)|minimum standards", 4),
        (r"\btier \d|watch list", 2),
        (r"\b(?:are|is) trafficked (?:to|from|into|within)|\blured\b|recruited with", 1),
        (r"\bscope and magnitude\b", 3),
    ),
    "prosecution": (
        (r"\blaw enforcement\b", 3),
        (r"\bprosecut\w*", 1.5),
        (r"\bconvict\w*", 1.5),
        (r"\bsentenc\w*|\bimprisonment\b|\bprison\b", 1.5),
        (r"\binvestigat\w*", 1),
        (r"\barrest\w*", 1),
        (r"\b(?:penal|criminal) code\b|\bcriminaliz\w*|\bprohibit\w*|\bpenalt\w*", 1.5),
        (r"\bcourts?\b|\bjudges?\b|\bmagistrates?\b", 1),
        (r"\bcomplicity\b|\bcorrupt\w*|\bbribe\w*", 1.5),
        (r"\bpunish\w* (?:trafficking|traffickers|offenders)|\bpunishing\b", 2),
    ),
    "protection": (
        (r"\bprotect(?:ing|ion)? (?:\w+ )?victims\b|\bprotection\b", 2.5),
        (r"\bshelters?\b", 2),
        (r"\bvictims?\b", 0.7),
        (r"\bcare\b|\bservices\b|\bcounsel\w*|\bmedical\b|\brehabilitat\w*", 1.5),
        (r"\brepatriat\w*|\breintegrat\w*", 1.5),
        (r"\bidentif\w* (?:\w+ ){0,3}victims|\breferr\w*|\bscreen\w*", 1.5),
        (r"\blegal alternatives?\b|\bdeport\w*|\bdetain\w*|\bpenaliz\w*", 1),
        (r"\bhotlines?\b|\bassist\w*", 1),
    ),
    "prevention": (
        (r"\bprevent\w*", 3),
        (r"\bawareness\b|\bcampaigns?\b|\boutreach\b|\bposters?\b|\bpamphlets?\b", 2),
        (r"\baction plan\b|\bplan of action\b", 2),
        (r"\bdemand\b", 2),
        (r"\bratif\w*|\bprotocol\b", 1.5),
        (r"\bsex tourism\b|\bcodes? of conduct\b", 1),
        (r"\binspect\w*|\brecruitment agenc\w*|\bregist\w*", 0.7),
    ),
    "profile": (
        (r"\btraffickers (?:exploit|lure|recruit|target)\b", 3),
        (r"\bvulnerable to\b", 1.5),
        (r"\bwork abroad\b|\bmigrant workers\b", 0.5),
    ),
}
# Cues are lower case and run on lowered text: much faster than re.IGNORECASE.
_COMPILED = {
    name: tuple((re.compile(pattern), weight) for pattern, weight in cues)
    for name, cues in _CUES.items()
}


def heading_of(line: str) -> str | None:
    """The section a heading line opens, or None when the line is not a heading."""
    key = re.sub(r"\s+", " ", line.strip().rstrip(":").strip()).lower()
    if len(key) > 60:
        return None
    if key in _HEADINGS:
        return _HEADINGS[key]
    if _RECOMMENDATIONS_FOR.match(key) and not line.rstrip().endswith("."):
        return "recommendations"
    return None


def situation_section(line: str, after: Sequence[str]) -> str | None:
    """A "SCOPE AND MAGNITUDE" heading after prosecution, protection or prevention stands
    where 2017-on layouts put the trafficking profile: that section, not the overview."""
    if _SITUATION.match(line) and _BODY_SECTIONS.intersection(after):
        return "profile"
    return None


def content_scores(text: str) -> dict[str, float]:
    """How strongly a paragraph's words point at each section."""
    lowered = text.lower()
    first_end = lowered.find(". ")
    first = lowered[: first_end if first_end > 0 else len(lowered)]
    scores: dict[str, float] = {}
    for name, cues in _COMPILED.items():
        total = 0.0
        for pattern, weight in cues:
            total += weight * min(len(pattern.findall(lowered)), 4)
            if pattern.search(first):
                total += 2 * weight
        scores[name] = total
    return scores


def assign_sections(units: Sequence[Unit]) -> list[str]:
    """One section per paragraph: from headings where there are any, else inferred."""
    if any(u.heading and u.heading != "recommendations" for u in units):
        return [_by_heading(u) for u in units]
    return _infer(units)


def _by_heading(unit: Unit) -> str:
    if unit.heading:
        return unit.heading
    if _RECOMMENDATIONS_START.match(unit.text):
        return "recommendations"
    return "overview"


def _infer(units: Sequence[Unit]) -> list[str]:
    """Sections where headings are stripped: blank-line groups, then content, in order."""
    n = len(units)
    labels = [""] * n
    for i, unit in enumerate(units):
        # A bullet list early in the narrative is the recommendations list, heading stripped.
        early_list = unit.bulleted and i < max(2, len(units) * 0.4)
        if unit.recommendation_list or early_list or _RECOMMENDATIONS_START.match(unit.text):
            labels[i] = "recommendations"
    groups = _groups(units)
    if len(groups) > 1:
        overview_end = groups[0][-1] + 1
        rest = groups[1:]
    else:
        overview_end = _overview_end(units)
        first_recommendation = labels.index("recommendations") if "recommendations" in labels else n
        if first_recommendation < n:
            overview_end = max(first_recommendation, 1)
        rest = [[i] for i in range(overview_end, n)]
    for i in range(overview_end):
        labels[i] = labels[i] or "overview"
    rest = [[i for i in g if not labels[i]] for g in rest]
    rest = [g for g in rest if g]
    order = ("prosecution", "protection", "prevention", "profile")
    if len(rest) == 3 and len(groups) > 1:
        chosen = list(order[:3])  # F1: the three groups after the overview, in order
    else:
        scores = [_group_scores([units[i].text for i in g]) for g in rest]
        chosen = _monotone_best(scores, order)
    for group, label in zip(rest, chosen, strict=True):
        for i in group:
            labels[i] = label
    return labels


def _groups(units: Sequence[Unit]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i, unit in enumerate(units):
        if not groups or unit.gap >= 2:
            groups.append([])
        groups[-1].append(i)
    return groups


def _overview_end(units: Sequence[Unit]) -> int:
    """Where the overview ends when nothing but content tells: after the assessment."""
    end = 1
    for i, unit in enumerate(units[:6]):
        if _ASSESSMENT.search(unit.text) or _OVERVIEW_LABEL.match(unit.text):
            end = i + 1
    return min(end, len(units))


def _group_scores(texts: list[str]) -> dict[str, float]:
    total: dict[str, float] = {}
    for text in texts:
        for name, score in content_scores(text).items():
            total[name] = total.get(name, 0.0) + score
    return total


def _monotone_best(scores: list[dict[str, float]], order: Sequence[str]) -> list[str]:
    """The best labelling of units whose sections may only move forward in `order`."""
    if not scores:
        return []
    k = len(order)
    best = [[0.0] * k for _ in scores]
    back = [[0] * k for _ in scores]
    for j in range(k):
        best[0][j] = scores[0].get(order[j], 0.0) - 0.5 * j
    for i in range(1, len(scores)):
        for j in range(k):
            prev = max(range(j + 1), key=lambda p: best[i - 1][p])
            back[i][j] = prev
            best[i][j] = best[i - 1][prev] + scores[i].get(order[j], 0.0)
    j = max(range(k), key=lambda p: best[-1][p])
    path = [j]
    for i in range(len(scores) - 1, 0, -1):
        j = back[i][j]
        path.append(j)
    return [order[j] for j in reversed(path)]


SUBJECT_WORDS = 6  # a recommendation names its subject within this many words of "should"


def recommendations_in_prose(report: Report) -> list[Paragraph]:
    """Before 2009 the recommendations are sentences of the narrative ("China should ..."):
    each paragraph that has some, with its id and only those sentences as its text."""
    from dataclasses import replace

    from tipcli.load.text import sentence_spans

    subject = re.compile(
        rf"^(?:\S+ ){{0,{SUBJECT_WORDS}}}should\b",
        re.I,
    )
    names = re.compile(rf"\b(?:{re.escape(report.country)}|government|authorities)\b", re.I)
    found = []
    for paragraph in report.paragraphs:
        text = paragraph.text
        sentences = [
            text[a:b]
            for a, b in sentence_spans(text)
            if subject.match(text[a:b])
            and names.search(text[a : a + text[a:b].lower().find("should")])
        ]
        if sentences:
            found.append(replace(paragraph, section="recommendations", text=" ".join(sentences)))
    return found


def match_section(name: str) -> str:
    """The section a user meant: exact, prefix, plural or fuzzy; else a UsageError."""
    key = name.strip().lower()
    if key in SECTIONS:
        return key
    aliases = {"recs": "recommendations", "summary": "overview", "intro": "overview"}
    if key in aliases:
        return aliases[key]
    prefixed = [s for s in SECTIONS if key and (s.startswith(key) or key.startswith(s))]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise UsageError(f"section '{name}' is ambiguous", f"did you mean: {', '.join(prefixed)}?")
    from rapidfuzz import fuzz, process, utils

    found = process.extractOne(
        key, SECTIONS, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=75
    )
    if found and len(key) >= 3:
        return str(found[0])
    close = process.extractOne(key, SECTIONS, scorer=fuzz.ratio, processor=utils.default_process)
    hint = f"did you mean '{close[0]}'? " if close and close[1] >= 40 else ""
    raise UsageError(
        f"unknown section '{name}'",
        f"{hint}sections are: {', '.join(SECTIONS)}",
    )
