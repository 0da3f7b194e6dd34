"""The data model: frozen records the core produces and every layer above only reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SECTIONS: tuple[str, ...] = (
    "overview",
    "recommendations",
    "prosecution",
    "protection",
    "prevention",
    "profile",
)

# What a fact is (its kind) and what was done (its measure): see facts/.
KINDS = ("count", "range", "percent", "money", "age", "duration")
MEASURES = (
    "investigations",
    "prosecutions",
    "convictions",
    "arrests",
    "victims identified",
    "victims rescued",
    "victims assisted",
    "sentences",
    "penalties",
    "shelters",
    "funding",
    "restitution",
    "estimate",
    "related crimes",
    "other",
)

# Topic tags of paragraphs (load/tags.py holds the pattern of each; search matches query
# words to these names).
TAGS: tuple[str, ...] = (
    "forced labor",
    "sex trafficking",
    "children",
    "debt bondage",
    "domestic servitude",
    "forced marriage",
    "child soldiers",
    "forced begging",
    "migrant workers",
    "recruitment",
    "shelters",
    "repatriation",
    "deportation",
    "victim identification",
    "complicity",
    "legislation",
    "penalties",
    "law enforcement",
    "awareness",
    "action plan",
    "sex tourism",
    "smuggling",
    "training",
    "funding",
    "North Korea",
    "refugees",
)

# The four figures researchers code from every narrative (see facts/keyfigures.py).
KEY_FIGURES = ("investigations", "prosecutions", "convictions", "victims identified")

TIERS: tuple[str, ...] = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case")


def paragraph_id(report_id: str, index: int) -> str:
    """A paragraph's id, the one users type: 'china-2007:p4' (index is 1-based)."""
    return f"{report_id}:p{index}"


def fact_id(paragraph: str, number: int) -> str:
    """A fact's id: 'china-2007:p4:f3', the paragraph id and the fact's 1-based number."""
    return f"{paragraph}:f{number}"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph of a narrative, in exactly one section."""

    id: str
    report: str
    index: int
    section: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """One country narrative: its metadata and its paragraphs in order."""

    id: str
    country: str
    year: int | None
    tier: str | None
    title: str | None
    publisher: str | None
    published: str | None
    cite_as: str | None
    source: str
    layout: str
    paragraphs: tuple[Paragraph, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()
    url: str | None = None  # where the copy says the report is published
    unranked: str | None = None  # why there is no tier: "not rated", "was not ranked ..."

    def sections(self) -> dict[str, int]:
        """Paragraph count per section, in narrative order."""
        counts: dict[str, int] = {}
        for paragraph in self.paragraphs:
            counts[paragraph.section] = counts.get(paragraph.section, 0) + 1
        return counts


@dataclass(frozen=True, slots=True)
class Fact:
    """One quantity stated in a paragraph, typed and traceable to its sentence."""

    id: str
    report: str
    paragraph: str
    section: str
    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    measure: str
    text: str
    sentence: str
    span: tuple[int, int]
    earlier: bool = False
    sentence_start: int = 0  # where the sentence starts in the paragraph text


@dataclass(frozen=True)
class KeyFigure:
    """One key figure of a report: this period's trafficking total, with its source.

    value 0 is an explicit none ("did not convict any traffickers"); derived is true when
    the value is a sum of parts the text gives ("14 for sex trafficking and nine for labor
    trafficking"); facts are the ids of the facts it comes from (none for an explicit none).
    """

    measure: str
    value: float
    unit: str | None
    qualifier: str | None
    derived: bool
    facts: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class PanelRow:
    """A report's key figures: one entry per KEY_FIGURES name, in order; None when the
    narrative does not report that figure."""

    report: Report
    figures: Mapping[str, KeyFigure | None]


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: a paragraph (or one of its sentences), its score and matched spans."""

    paragraph: Paragraph
    score: float
    matches: tuple[tuple[int, int], ...]  # spans in paragraph.text
    sentence: tuple[int, int] | None = None  # with --sentences: the sentence's span
    rank: int = 0


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file skipped while loading a corpus, and why."""

    path: str
    message: str
