"""Text primitives shared by the loader, the fact extractor and search: decoding,
normalisation, sentences and word tokens."""

from __future__ import annotations

import re

from tipcli.errors import NarrativeError

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u00ad": "",
        "\t": " ",
        "\f": "\n",
        "\v": "\n",
    }
)

# Refworld spaces out initialisms: "P. R. C. 's" and "U. S. -China".
_SPACED_INITIALS = re.compile(r"(?<![A-Za-z])[A-Z]\.(?: [A-Z]\.)+")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[A-Z]\.) (?=['\-)\],;:])")
_WHITESPACE = re.compile(r"\s+")
# Two hyphens between words stand for an em dash (typewriter style, latin-1 PDF fonts).
_DOUBLE_HYPHEN = re.compile(r"(?<=\w)--(?=\w)")


def normalise_chars(text: str) -> str:
    """Line endings to LF; curly quotes, non-breaking and odd spaces to plain ASCII."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_TRANSLATE)


def normalise_paragraph(text: str) -> str:
    """Collapse whitespace and mend Refworld's spaced initialisms (P. R. C. -> P.R.C.)."""
    text = _WHITESPACE.sub(" ", text).strip()
    text = _DOUBLE_HYPHEN.sub("\u2014", text)
    text = _SPACED_INITIALS.sub(lambda m: m.group(0).replace(" ", ""), text)
    return _SPACE_BEFORE_PUNCT.sub("", text)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page rather than plain text."""
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or head.count("<p>") >= 2


def decode(data: bytes, name: str) -> str:
    """Bytes of a file to text: UTF-16 with BOM, UTF-8, then cp1252; refuse binaries."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NarrativeError(f"{name}: broken UTF-16 text", "re-save it as UTF-8") from exc
    if data.startswith(b"%PDF"):
        raise NarrativeError(f"{name}: is a PDF, not text", "convert it with pdftotext first")
    if b"\x00" in data[:65536]:
        raise NarrativeError(f"{name}: is a binary file, not text", "remove it from the corpus")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise NarrativeError(
            f"{name}: text is neither UTF-8 nor cp1252", "re-save it as UTF-8"
        ) from exc


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "gov",
        "sen",
        "rep",
        "art",
        "approx",
        "col",
        "lt",
        "sgt",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "fig",
        "est",
    ]
)
_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9•])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + 1
        word = text[start:end].rsplit(" ", 1)[-1].rstrip(".").lower()
        if word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word):
            continue  # "U.S." or "Art." does not end a sentence
        spans.append((start, match.end() - len(match.group(0)) + len(match.group(0).rstrip())))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if b > a]


_PART = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_INITIALISM = re.compile(r"(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z](?![^\W_])")


def words(text: str) -> list[tuple[str, int, int]]:
    """Word tokens (lower case) with their character spans; hyphenated parts are split, and
    an initialism also stands joined ("U.S." gives u, s and us)."""
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _PART.finditer(text)]
    if "." in text:
        joined = [
            (m.group(0).replace(".", "").lower(), m.start(), m.end())
            for m in _INITIALISM.finditer(text)
        ]
        if joined:
            tokens = sorted(tokens + joined, key=lambda t: (t[2], -t[1]))
    return tokens
