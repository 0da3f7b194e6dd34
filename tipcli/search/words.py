"""Word lists search reads queries with (data only)."""

from __future__ import annotations

# Words that carry no meaning of their own in a query: dropped, never searched for alone.
QUERY_STOPWORDS = frozenset(
    [
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "is",
        "are", "was", "were", "be", "been", "being", "what", "which", "who", "whom", "how", "many",
        "much", "does", "did", "do", "has", "have", "had", "this", "that", "these", "those", "it",
        "its", "from", "about", "into", "there", "their", "they", "than", "then", "any", "all",
        "as", "if", "so", "such", "can", "could", "would", "should", "will",
    ]
)  # fmt: skip

# A query word starting with one of these asks for a figure of that measure (the `measure`
# of the facts the index holds): "identified" -> victims identified.
MEASURE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("identif", "victims identified"),
    ("convict", "convictions"),
    ("prosecut", "prosecutions"),
    ("investigat", "investigations"),
    ("arrest", "arrests"),
    ("rescu", "victims rescued"),
    ("assisted", "victims assisted"),
    ("sentenc", "sentences"),
    ("penalt", "penalties"),
    ("shelter", "shelters"),
    ("funding", "funding"),
    ("budget", "funding"),
    ("estimat", "estimate"),
)
