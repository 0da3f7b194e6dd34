"""Repair text laid out in pages (a PDF's text, `pdftotext` output) before anything reads it.

Running headers and footers, page numbers and form feeds go; words hyphenated across lines
are joined ("traffick-" + "ing") while real hyphens stay ("anti-" + "trafficking"); lines
hard-wrapped at the column width join into one line per paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

PAGE_BREAK = "\f"
HEADER_ZONE = 4  # non-empty lines at the top (and bottom) of a page that may be furniture
HEADER_MAX_CHARS = 80  # a running header or footer is one short line
REPEATS_FOR_RUNNING = 3  # a line at the top of this many pages is a running header
WRAPPED_MEDIAN_MAX = 90  # characters: below this median line length, text is hard-wrapped
WRAPPED_MIN_LINES = 40
FIT_SLACK = 2  # characters of tolerance when asking whether a word fitted on a line

# Prefixes written with a hyphen in TIP prose: "anti-" at a line end is a real hyphen.
HYPHEN_PREFIXES = frozenset(
    {"anti", "non", "self", "ex", "cross", "well", "semi", "multi", "counter", "quasi", "mid"}
    | {"full", "part", "long", "short", "high", "low", "one", "two", "three", "four", "five"}
    | {"six", "seven", "eight", "nine", "ten"}
)
# Second parts of compounds: "debt-" + "based" at a line end is "debt-based".
HYPHEN_SUFFIXES = frozenset(
    {"based", "related", "oriented", "centered", "centred", "specific", "wide", "level"}
    | {"term", "scale", "funded", "owned", "affiliated", "sponsored", "sensitive", "informed"}
)
COMPOUND_PART_MIN = 4  # "victim-" + "centered": both words of the text, neither too short

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?$", re.I)
_NUMBERED_HEADER = re.compile(r"^(?!(?i:tier)\b)(?:\d{1,4}\s+[^a-z]+|[^a-z]+?\s+\d{1,4})$")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*]|-(?=\s))")
_HYPHENATED_END = re.compile(r"(?P<left>[A-Za-z0-9]+)-$")
_FIRST_WORD = re.compile(r"^(?P<right>[a-z]+)")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def needs_repair(text: str) -> bool:
    """True for text laid out in pages or hard-wrapped at a column width."""
    if PAGE_BREAK in text:
        return True
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    if len(lengths) < WRAPPED_MIN_LINES:
        return False
    return lengths[len(lengths) // 2] < WRAPPED_MEDIAN_MAX


def repair(text: str) -> str:
    """Page furniture removed, hyphenation undone, paragraphs one per line (blank-separated)."""
    pages = [page.split("\n") for page in text.split(PAGE_BREAK)]
    running = _running_lines(pages)
    kept = [_strip_page(lines, running) for lines in pages]
    width = _width([line for page in kept for line in page])
    lines: list[str] = []
    for page in kept:
        if lines and page:
            _join_page(lines, page, width)
        else:
            lines.extend(page)
    return "\n".join(unwrap(lines))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines standing at the top or bottom of many pages: running headers and footers."""
    edges: Counter[str] = Counter()
    for lines in pages:
        filled = [line.strip() for line in lines if line.strip()]
        edges.update(set(filled[:2] + filled[-2:]))
    return {
        line
        for line, n in edges.items()
        if n >= REPEATS_FOR_RUNNING
        and len(line) <= HEADER_MAX_CHARS
        and not _SENTENCE_END.search(line)
    }


def _strip_page(lines: list[str], running: set[str]) -> list[str]:
    """A page's lines without its header and footer zones' furniture."""
    lines = [line.rstrip() for line in lines]
    lines = _strip_edge(lines, running)
    lines.reverse()
    lines = _strip_edge(lines, running)
    lines.reverse()
    return lines


def _strip_edge(lines: list[str], running: set[str]) -> list[str]:
    """Drop furniture from the start of a page: blank lines, page numbers, running lines and
    the short capitalised lines above a page number."""
    filled = [i for i, line in enumerate(lines) if line.strip()][:HEADER_ZONE]
    cut = 0
    for position, i in enumerate(filled):
        line = lines[i].strip()
        numbered = position == 0 and _NUMBERED_HEADER.match(line) and _is_header(line)
        if _PAGE_NUMBER.match(line) or numbered or line in running:
            cut = i + 1  # what stands above a page number is header too
        elif not _is_header(line):
            break
    while cut < len(lines) and not lines[cut].strip():
        cut += 1
    return lines[cut:]


def _is_header(line: str) -> bool:
    return len(line) <= HEADER_MAX_CHARS and (not re.search(r"[a-z]", line) or "|" in line)


def _join_page(lines: list[str], page: list[str], width: int) -> None:
    """Continue the text across a page break: the same paragraph unless the last line ended
    a sentence with room to spare (the paragraph ended there)."""
    last = next((line for line in reversed(lines) if line.strip()), "")
    first = next((line for line in page if line.strip()), "")
    if lines[-1].strip() and last and first and _ends_paragraph(last, first, width):
        lines.append("")
    lines.extend(page)


def _width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if len(line.split()) > 3)
    return lengths[int(len(lengths) * 0.95)] if lengths else 0


def _ends_paragraph(line: str, following: str, width: int) -> bool:
    if not _SENTENCE_END.search(line.strip()):
        return False
    next_word = following.split()[0] if following.split() else ""
    return len(line.strip()) + 1 + len(next_word) <= width - FIT_SLACK


def unwrap(lines: list[str]) -> list[str]:
    """Hard-wrapped lines joined into one line per paragraph; headings, bullets and blank
    lines kept where they are."""
    vocabulary = hyphen_vocabulary(lines)
    out: list[str] = []
    current = ""
    for raw in lines:
        line = raw.strip()
        if not line or _stands_alone(line) or _BULLET.match(line):
            if current:
                out.append(current)
            current = "" if not line or _stands_alone(line) else line
            if not line or _stands_alone(line):
                out.append(line)
            continue
        current = join_wrapped(current, line, vocabulary) if current else line
    if current:
        out.append(current)
    return out


def _stands_alone(line: str) -> bool:
    """A heading or a country/tier line: never joined with its neighbours."""
    from tipcli.load.sections import heading_of

    if heading_of(line) is not None:
        return True
    letters = re.sub(r"[^A-Za-z]", "", line)
    return bool(letters) and letters.isupper() and len(line) <= HEADER_MAX_CHARS


def hyphen_vocabulary(lines: Iterable[str]) -> Counter[str]:
    """How often each word and hyphenated compound occurs inside lines (not across them)."""
    counts: Counter[str] = Counter()
    for line in lines:
        body = line.rstrip()
        if body.endswith("-"):
            body = body[: body.rfind(" ") + 1] if " " in body else ""
        counts.update(word.lower() for word in _WORD.findall(body))
    return counts


def join_wrapped(current: str, line: str, vocabulary: Counter[str]) -> str:
    """Join a wrapped line to the paragraph so far, undoing a line-end hyphenation when the
    document says the word is written whole."""
    end = _HYPHENATED_END.search(current)
    start = _FIRST_WORD.match(line)
    if end and re.match(r"[A-Z0-9]", line):
        return current + line  # "COVID-" + "19", "Anti-" + "Trafficking": a real hyphen
    if end and start and not current.endswith("--"):
        if keeps_hyphen(end.group("left"), start.group("right"), vocabulary):
            return current + line
        return current[:-1] + line
    return f"{current} {line}"


def keeps_hyphen(left: str, right: str, vocabulary: Counter[str]) -> bool:
    """Is "left-" + "right" a real hyphen? The document's own usage decides, then the list
    of prefixes written with a hyphen; otherwise it is a soft hyphen."""
    hyphenated = f"{left}-{right}".lower()
    whole = f"{left}{right}".lower()
    if vocabulary[hyphenated] > vocabulary[whole]:
        return True
    if vocabulary[whole]:
        return False
    if left.lower() in HYPHEN_PREFIXES or right.lower() in HYPHEN_SUFFIXES:
        return True
    parts = (left.lower(), right.lower())
    return all(len(p) >= COMPOUND_PART_MIN and vocabulary[p] for p in parts)
