"""Narrative text -> Report: metadata, body paragraphs, sections, tags and acronyms.

Reads every layout described in docs: Refworld plain text with headings stripped (F1),
state.gov pages of 2005-2008 (F2), 2009-2016 (F3), 2017 on (F4), and Special Cases.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from tipcli.errors import NarrativeError
from tipcli.load import paged
from tipcli.load import sections as sect
from tipcli.load.acronyms import learn_acronyms
from tipcli.load.countries import canonical_country
from tipcli.load.furniture import (
    cited_report_year,
    is_end,
    is_furniture,
    read_metadata,
    report_year,
)
from tipcli.load.openings import (
    Opening,
    bare_tier,
    country_from_prose,
    country_name,
    opening_at,
    starts_prose,
    tier_in_prose,
    title_country,
)
from tipcli.load.sections import Unit
from tipcli.load.tags import tag_paragraph
from tipcli.load.text import decode, looks_like_html, normalise_chars, normalise_paragraph
from tipcli.model import Paragraph, Report, paragraph_id

MAX_BYTES = 16 * 2**20  # text: the longest TIP narratives are well under 1 MiB
MAX_PDF_BYTES = 128 * 2**20  # a whole annual report as a PDF is 10-60 MiB
MIN_NARRATIVE_CHARS = 400  # of prose: less, in a file of many, is a list entry or a stub
PROSE_LINE_WORDS = 6  # a line with fewer words is a title, a name or a list entry
FIRST_PROSE_WORDS = 12  # without a country line, the body starts at a line this long
TOP_LINES = 12  # non-empty lines near the top searched for a looser country/tier line
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*")
_INLINE_LIST = re.compile(
    r"^(?P<head>(?:prioritized\s+)?recommendations(?:\s+for\s+[^:•]{2,50})?)\s*:?\s*(?P<items>[•·].*)$",
    re.I,
)
_PAGE = "\ue000"  # a private-use character standing for a page break
_DATE_LINE = re.compile(r"\b((?:19|20)\d\d)\s*$")


@dataclass(frozen=True, slots=True)
class _Block:
    """A paragraph-sized piece of the body, with the blank lines that preceded it."""

    text: str
    gap: int
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class _Segment:
    """One narrative's lines within a file, with what its opening line said."""

    opening: Opening | None
    body: list[str]


@dataclass(frozen=True, slots=True)
class _Context:
    """What the whole file says about every narrative in it."""

    source: str
    meta: dict[str, str]
    year: str | None
    title_country: str | None
    many: bool
    head_country: str | None = None


def read_narratives(path: Path) -> list[Report]:
    """Load every narrative a file holds; raises NarrativeError when it holds none."""
    data = _read_bytes(path)
    name = str(path)
    if data.startswith(b"%PDF"):
        from tipcli.load.pdf import pdf_text

        return parse_narratives(pdf_text(data, name), source=name)
    return parse_narratives(decode(data, name), source=name)


def read_narrative(path: Path) -> Report:
    """Load a file's first narrative."""
    return read_narratives(path)[0]


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise NarrativeError(
                f"{name}: is not a regular file", "narratives are plain files: remove it"
            )
        size = info.st_size
        if size > MAX_BYTES and not (size <= MAX_PDF_BYTES and _is_pdf(path)):
            raise NarrativeError(
                f"{name}: is {size / 2**20:.0f} MiB, too large for a narrative",
                f"split it or remove it (limit {MAX_BYTES // 2**20} MiB)",
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise NarrativeError(f"{name}: permission denied", "make it readable (chmod +r)") from exc
    except IsADirectoryError as exc:
        raise NarrativeError(f"{name}: is a folder", "name a .txt file") from exc
    except OSError as exc:
        raise NarrativeError(f"{name}: cannot be read ({exc.strerror})", "check the path") from exc
    if not data.strip():
        raise NarrativeError(f"{name}: is empty", "remove it or add the narrative text")
    return data


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"%PDF-"


def parse_narrative(text: str, source: str = "<text>", report_id: str | None = None) -> Report:
    """Parse the text of one narrative into a Report (the first, when the text holds many)."""
    report = parse_narratives(text, source)[0]
    return _renamed(report, report_id) if report_id else report


def parse_narratives(text: str, source: str = "<text>") -> list[Report]:
    """Every narrative in a file's text, in file order."""
    lines = _prepare(text)
    openings = _openings(lines)
    segments = _segments(lines, openings)
    # Before the country line, else before the first line of prose: years and titles in the
    # narrative's own sentences ("the 2014 TIP Report noted") are not the page's.
    preamble = lines[: openings[0].line if openings else _first_prose(lines)]
    meta = read_metadata(lines)
    end = next((i for i, line in enumerate(lines) if is_end(line)), len(lines))
    context = _Context(
        source=source,
        meta=meta,
        year=_year(meta, preamble, lines[:end], Path(source).stem),
        title_country=next((c for c in map(title_country, preamble) if c), None),
        many=len(segments) > 1,
        head_country=_head_country(preamble),
    )
    reports = [r for r in (_report(s, context) for s in segments) if r is not None]
    if not reports:
        raise NarrativeError(
            f"{source}: is not a TIP narrative (no country/tier line or trafficking text found)",
            "remove it from the corpus or fix its first lines",
        )
    return reports


def _prepare(text: str) -> list[str]:
    """Text to stripped lines: HTML tags gone, characters normalised, pages repaired."""
    if looks_like_html(text):
        from tipcli.load.html import html_to_text

        text = html_to_text(text)
    # normalise_chars turns form feeds into newlines: keep the page breaks through it
    text = normalise_chars(text.replace("\f", _PAGE)).replace(_PAGE, "\f")
    if paged.needs_repair(text):
        text = paged.repair(text)
    return [line.strip() for line in text.replace("\f", "\n").split("\n")]


def _openings(lines: list[str]) -> list[Opening]:
    """The country/tier lines that open narratives (a list entry is not one)."""
    found = []
    for i in range(len(lines)):
        opening = opening_at(lines, i)
        if opening and starts_prose(lines, opening.body):
            found.append(opening)
    if found:
        return found
    top = [i for i, line in enumerate(lines) if line and not is_furniture(line)][:TOP_LINES]
    for i in top:
        opening = opening_at(lines, i, loose=True)
        if opening:
            return [opening]
    bare = bare_tier(lines, 0, top[-1] + 1 if top else 0)
    return [bare] if bare else []


def _segments(lines: list[str], openings: list[Opening]) -> list[_Segment]:
    """Each narrative's body lines, from its opening to the next (or the end furniture)."""
    if not openings:
        start = _first_prose(lines)
        return [_Segment(None, _body(lines[start:]))]
    stops = [o.line for o in openings[1:]] + [len(lines)]
    segments = [
        _Segment(o, _body(lines[o.body : stop])) for o, stop in zip(openings, stops, strict=True)
    ]
    if len(segments) > 1:
        segments = [s for s in segments if _prose_chars(s.body) >= MIN_NARRATIVE_CHARS]
    return segments


def _first_prose(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if _is_first_prose(line)), len(lines))


def _head_country(lines: list[str]) -> str | None:
    """A line holding only a country's name ("Solomon Islands", "SOLOMON ISLANDS") among
    the first lines before the narrative's text."""
    head = [line for line in lines if line and not is_furniture(line)][:TOP_LINES]
    return next((c for c in map(canonical_country, head) if c), None)


def _is_first_prose(line: str) -> bool:
    """A line of narrative text: long, with a sentence in it (a headline has no full stop)."""
    words = len(line.split())
    sentence = re.search(r"[.!?;:][\"')\]]*(?:\s|$)", line) is not None
    return (
        words >= FIRST_PROSE_WORDS
        and (sentence or words >= 3 * FIRST_PROSE_WORDS)
        and not is_furniture(line)
    )


def _body(lines: list[str]) -> list[str]:
    """A segment's lines up to its end furniture, furniture lines dropped."""
    end = next((i for i, line in enumerate(lines) if is_end(line)), len(lines))
    return ["" if is_furniture(line) else line for line in lines[:end]]


def _prose_chars(lines: list[str]) -> int:
    return sum(len(line) for line in lines if len(line.split()) >= PROSE_LINE_WORDS)


def _year(meta: dict[str, str], preamble: list[str], lines: list[str], stem: str) -> str | None:
    """The report's year: its title, the page's own words, the publication date, a line
    naming the report the text was taken from, the file name, a date line."""
    published = meta.get("published", "")[:4]
    dated = (
        m.group(1) for line in preamble if (m := _DATE_LINE.search(line)) and is_furniture(line)
    )
    return (
        meta.get("year")
        or report_year(preamble)
        or (published if published.isdigit() else None)
        or cited_report_year(lines)
        or _year_from_filename(stem)
        or next(dated, None)
    )


def _report(segment: _Segment, context: _Context) -> Report | None:
    """One narrative's Report, or None when its text is not a narrative."""
    named = segment.opening is not None and segment.opening.country is not None
    leading, body = (None, segment.body) if named else _leading_country(segment.body)
    blocks = _blocks(body)
    units = _paragraph_units(blocks)
    prose = " ".join(u.text for u in units[:8])
    opening = segment.opening
    tier, unranked = (opening.tier, opening.unranked) if opening else (None, None)
    if tier is None:
        tier, stated = tier_in_prose(prose)
        unranked = unranked if tier else (stated or unranked)
    if not units or not _looks_like_narrative(units, tier):
        return None
    country = _country(opening, context, prose, leading)
    rid = slug(country, context.year)
    labels = sect.assign_sections(units)
    texts = [normalise_paragraph(u.text) for u in units]
    paragraphs = tuple(
        Paragraph(
            id=f"{rid}:p{i}", report=rid, index=i, section=label, text=t, tags=tag_paragraph(t)
        )
        for i, (label, t) in enumerate(zip(labels, texts, strict=True), start=1)
    )
    meta = context.meta
    return Report(
        id=rid,
        country=country,
        year=int(context.year) if context.year else None,
        tier=tier,
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        published=meta.get("published"),
        cite_as=meta.get("cite_as"),
        source=context.source,
        layout=_layout(units, meta, blocks),
        paragraphs=paragraphs,
        acronyms=learn_acronyms(texts),
        url=meta.get("url"),
        unranked=None if tier else unranked,
    )


def _leading_country(body: list[str]) -> tuple[str | None, list[str]]:
    """A line of only a country's name opening the body (after a bare "Special Case" line):
    that country, and the body without the line."""
    first = next((i for i, line in enumerate(body) if line), None)
    country = canonical_country(body[first]) if first is not None else None
    return (country, body[first + 1 :]) if first is not None and country else (None, body)


def _country(opening: Opening | None, context: _Context, prose: str, leading: str | None) -> str:
    """The country line's, else the page title's, else a line of only its name at the head,
    else the prose's, else the file name's."""
    if opening and opening.country:
        return opening.country
    head = leading or (None if context.many else context.head_country)
    found = context.title_country or head or country_from_prose(prose)
    if found:
        return found
    return _country_from_filename(Path(context.source).stem)


def _renamed(report: Report, new_id: str) -> Report:
    paragraphs = tuple(
        replace(p, id=paragraph_id(new_id, p.index), report=new_id) for p in report.paragraphs
    )
    return replace(report, id=new_id, paragraphs=paragraphs)


def slug(country: str, year: int | str | None) -> str:
    """A stable report id: china-2007, cote-d-ivoire-2012."""
    ascii_name = unicodedata.normalize("NFKD", country).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "report"
    return f"{base}-{year}" if year else base


def _country_from_filename(stem: str) -> str:
    name = re.sub(r"[-_ ]*(?:19|20)\d\d.*$", "", stem).replace("_", " ").replace("-", " ")
    return canonical_country(name) or country_name(name) or name.strip().title() or stem


def _year_from_filename(stem: str) -> str | None:
    match = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", stem)
    return match.group(1) if match else None


def _blocks(lines: list[str]) -> list[_Block]:
    """Split the body into blocks and heading lines, remembering blank-line gaps."""
    blocks: list[_Block] = []
    current: list[str] = []
    gap = 0
    pending_gap = 0

    def flush() -> None:
        nonlocal current, gap
        if current:
            blocks.extend(_split_block(current, gap))
            current = []
            gap = 0

    for line in lines:
        if not line:
            flush()
            pending_gap += 1
            continue
        if not current:
            gap = pending_gap
            pending_gap = 0
        current.append(line)
    flush()
    return blocks


def _split_block(lines: list[str], gap: int) -> list[_Block]:
    """A block's lines: heading lines, bullet items, whole-paragraph lines or wrapped lines."""
    out: list[_Block] = []
    buffer: list[str] = []
    first_gap = gap

    def flush() -> None:
        nonlocal buffer, first_gap
        if buffer:
            out.append(_Block(" ".join(buffer), first_gap))
            buffer = []
            first_gap = 0

    for raw in lines:
        inline = _INLINE_LIST.match(raw)
        line = inline.group("items") if inline else raw
        heading = "recommendations" if inline else sect.heading_of(line)
        if inline:
            flush()
            out.append(_Block(inline.group("head"), first_gap, heading=heading))
            first_gap = 0
        elif heading is not None:
            flush()
            out.append(_Block(line, first_gap, heading=heading))
            first_gap = 0
            continue
        starts_new = bool(_BULLET.match(line)) or (
            buffer and len(buffer[-1]) > 120 and buffer[-1].endswith((".", '."', ":", ";"))
        )
        if starts_new:
            flush()
        buffer.append(line)
    flush()
    return out


def _paragraph_units(blocks: list[_Block]) -> list[Unit]:
    """Attach headings to paragraphs; a recommendations list becomes one paragraph."""
    units: list[Unit] = []
    heading: str | None = None
    in_list = False
    list_started = False  # the current list already has a paragraph to add items to
    # With section headings, a list runs to the next heading; without, to the first
    # paragraph after a blank line that is not an item.
    headed = any(
        b.heading in ("prosecution", "protection", "prevention", "profile") for b in blocks
    )
    seen: list[str] = []  # the headings so far
    for block in blocks:
        if block.heading is not None:
            heading = sect.situation_section(block.text, seen) or block.heading
            seen.append(heading)
            in_list = heading == "recommendations"
            list_started = False
            continue
        text = block.text
        is_item = bool(_BULLET.match(text)) or "•" in text
        if is_item:
            text = " ".join(
                item.strip() for item in re.split(r"(?:^|\s)[•·▪●◦‣]\s*", text) if item.strip()
            )
            text = _BULLET.sub("", text)
        if in_list and list_started:
            if block.gap and not is_item and not headed:
                in_list = False  # a paragraph after the list, its heading stripped
                heading = None
            else:
                last = units[-1]
                units[-1] = Unit(f"{last.text} {text}", last.gap, last.heading, True)
                continue
        elif is_item and units and units[-1].bulleted and not in_list:
            # Bullet items whose heading was stripped: still one list, recommendations
            # when it comes before the body sections.
            last = units[-1]
            units[-1] = Unit(f"{last.text} {text}", last.gap, last.heading, False, True)
            continue
        units.append(Unit(text, block.gap, heading, recommendation_list=in_list, bulleted=is_item))
        list_started = in_list
    return units


def _looks_like_narrative(units: list[Unit], tier: str | None) -> bool:
    if tier is not None:
        return True
    body = " ".join(u.text for u in units[:20]).lower()
    return "traffick" in body and len(body) > 200


def _layout(units: list[Unit], meta: dict[str, str], blocks: list[_Block]) -> str:
    # Special Cases' "GOVERNMENT EFFORTS" heading comes in every era: it tells no layout.
    headings = {b.heading for b in blocks if b.heading} - {"overview"}
    if "title" in meta:
        return "F1"
    if "profile" in headings or any(u.recommendation_list for u in units):
        return "F4"
    if any(u.text.lower().startswith("recommendations for") for u in units):
        return "F3"
    return "F2" if headings else "plain"
