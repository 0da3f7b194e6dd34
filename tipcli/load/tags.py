"""Topic tags a reader would filter paragraphs by."""

from __future__ import annotations

import re

# Each tag names a topic; its pattern finds the topic in a paragraph's text.
TAG_PATTERNS: dict[str, str] = {
    "forced labor": r"forced labou?r|involuntary servitude|labou?r trafficking|forced to work",
    "sex trafficking": r"sex trafficking|sexual exploitation|commercial sex|prostitution|brothels?",
    "children": r"\bchild(?:ren)?\b|\bminors?\b|\bgirls?\b|\bboys?\b|under (?:age )?1[4-8]",
    "debt bondage": r"debt bondage|bonded labou?r|repay debts|debt-based",
    "domestic servitude": r"domestic (?:servitude|servants?|workers?|service)",
    "forced marriage": r"forced marriage|\bbrides?\b|\bmarriage\b",
    "child soldiers": r"child soldiers?|armed (?:conflict|groups|forces)|child recruitment",
    "forced begging": r"begging",
    "migrant workers": r"migrant workers?|foreign workers?|migrants?\b|labou?r migration",
    "recruitment": r"recruitment (?:agenc|fees?|agents?)|recruiters?",
    "shelters": r"\bshelters?\b",
    "repatriation": r"repatriat\w*|return(?:ed)? home",
    "deportation": r"deport\w*",
    "victim identification": r"identif\w* (?:\w+ ){0,3}victims|screen\w* (?:\w+ ){0,3}for",
    "complicity": r"complicity|complicit|corrupt\w*|bribe\w*",
    "legislation": r"\blaws?\b|\bact\b|penal code|criminal code|criminaliz\w*|legislation",
    "penalties": r"imprisonment|penalt\w*|sentenc\w*",
    "law enforcement": r"investigat\w*|prosecut\w*|convict\w*|arrest\w*",
    "awareness": r"awareness|campaigns?|outreach",
    "action plan": r"action plan|plan of action",
    "sex tourism": r"sex tourism",
    "smuggling": r"smuggl\w*",
    "training": r"\btrain(?:ed|ing|s)?\b",
    "funding": r"\bfund(?:ed|ing|s)?\b|\bbudget\b|\bgrant\b",
    "North Korea": r"north korea\w*",
    "refugees": r"refugees?|asylum",
}
# Patterns are lower case and run on lowered text: much faster than re.IGNORECASE.
_COMPILED = tuple((tag, re.compile(p)) for tag, p in TAG_PATTERNS.items())


def tag_paragraph(text: str) -> tuple[str, ...]:
    """The topic tags whose patterns occur in the text, in TAG_PATTERNS order."""
    lowered = text.lower()
    return tuple(tag for tag, pattern in _COMPILED if pattern.search(lowered))
