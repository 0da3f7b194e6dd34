"""Narrative text -> Report: metadata, body paragraphs, sections, tags and acronyms.

Reads every layout described in docs: Refworld plain text with headings stripped (F1),
state.gov pages of 2005-2008 (F2), 2009-2016 (F3), 2017 on (F4), and Special Cases.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tipcli.errors import NarrativeError
from tipcli.load import sections as sect
from tipcli.load.acronyms import learn_acronyms
from tipcli.load.tags import tag_paragraph
from tipcli.load.text import decode, looks_like_html, normalise_chars, normalise_paragraph
from tipcli.model import Paragraph, Report, paragraph_id

MAX_BYTES = 16 * 2**20  # the longest TIP narratives are well under 1 MiB
_TIER_WORDS = r"(?:tier\s*(?P<num>1|2|3|one|two|three)(?P<watch>\s*[-–—:]?\s*(?:special\s+)?watch\s*list)?|(?P<special>special\s+case))"
_TIER_PAREN = re.compile(rf"^(?P<country>[^()\n:]{{2,60}}?)\s*\(\s*{_TIER_WORDS}\s*\)\s*$", re.I)
_TIER_COLON = re.compile(rf"^(?P<country>[^()\n:]{{2,60}}?)\s*:\s*{_TIER_WORDS}\s*$", re.I)
_TIER_ALONE = re.compile(rf"^\s*{_TIER_WORDS}\s*$", re.I)
_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d\d) Trafficking in Persons Report\s*[-–—:]\s*(?P<country>.+?)\s*$", re.I
)
_HEADER_KEYS = ("Last Updated", "Publisher", "Author", "Publication Date", "Cite as", "Disclaimer")
_FOOTER = re.compile(r"^\s*Search Refworld\s*$", re.I)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*")
_INLINE_LIST = re.compile(
    r"^(?P<head>(?:prioritized\s+)?recommendations(?:\s+for\s+[^:•]{2,50})?)\s*:?\s*(?P<items>[•·].*)$",
    re.I,
)
_BREAK = "\x00break"  # a pseudo-heading: ends a recommendations list, opens no section
_SMALL_WORDS = frozenset({"and", "of", "the", "de", "da", "du", "la", "le", "des", "d'", "van"})
_NUMBERS = {"1": "1", "one": "1", "2": "2", "two": "2", "3": "3", "three": "3"}


@dataclass(frozen=True, slots=True)
class _Block:
    """A paragraph-sized piece of the body, with the blank lines that preceded it."""

    text: str
    gap: int
    heading: str | None = None


def read_narrative(path: Path, report_id: str | None = None) -> Report:
    """Load one narrative file; raises NarrativeError when it is not one."""
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise NarrativeError(
                f"{name}: is not a regular file", "narratives are plain files: remove it"
            )
        size = info.st_size
        if size > MAX_BYTES:
            raise NarrativeError(
                f"{name}: is {size / 2**20:.0f} MiB, too large for a narrative",
                f"narratives are under 1 MiB; split it or remove it (limit {MAX_BYTES // 2**20} MiB)",
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
    return parse_narrative(decode(data, name), source=name, report_id=report_id)


def parse_narrative(text: str, source: str = "<text>", report_id: str | None = None) -> Report:
    """Parse the text of one narrative into a Report."""
    if looks_like_html(text):
        from tipcli.load.html import html_to_text

        text = html_to_text(text)
    lines = [line.strip() for line in normalise_chars(text).split("\n")]
    meta, body_start = _read_header(lines)
    country, tier, body_start = _find_country_line(lines, body_start)
    stem = Path(source).stem
    if country is None:
        country = _country_from_filename(stem)
    year = meta.get("year") or _year_from_filename(stem)
    blocks = _blocks(lines[body_start:])
    units = _paragraph_units(blocks)
    if not units or not _looks_like_narrative(units, tier):
        raise NarrativeError(
            f"{source}: is not a TIP narrative (no country/tier line or trafficking text found)",
            "remove it from the corpus or fix its first lines",
        )
    rid = report_id or slug(country, year)
    labels = sect.assign_sections(units)
    texts = [normalise_paragraph(u.text) for u in units]
    paragraphs = tuple(
        Paragraph(
            id=paragraph_id(rid, i),
            report=rid,
            index=i,
            section=label,
            text=t,
            tags=tag_paragraph(t),
        )
        for i, (label, t) in enumerate(zip(labels, texts, strict=True), start=1)
    )
    return Report(
        id=rid,
        country=country,
        year=int(year) if year else None,
        tier=tier,
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        published=meta.get("published"),
        cite_as=meta.get("cite_as"),
        source=source,
        layout=_layout(units, meta, blocks),
        paragraphs=paragraphs,
        acronyms=learn_acronyms(texts),
    )


def slug(country: str, year: int | str | None) -> str:
    """A stable report id: china-2007, cote-d-ivoire-2012."""
    ascii_name = unicodedata.normalize("NFKD", country).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "report"
    return f"{base}-{year}" if year else base


def _read_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """Refworld's header block: metadata, and the line where the body starts."""
    meta: dict[str, str] = {}
    end = 0
    first = next((line for line in lines if line), "")
    if not (first.startswith("Last Updated") or _TITLE.search(first)):
        return meta, end
    for i, line in enumerate(lines[:40]):
        if _TIER_PAREN.match(line) or _TIER_COLON.match(line) or _TIER_ALONE.match(line):
            break
        title = _TITLE.search(line)
        if title and "title" not in meta and len(line) < 200:
            meta["title"] = line
            meta["year"] = title.group("year")
            end = i + 1
        for key in _HEADER_KEYS:
            if re.match(rf"{key}\b", line):
                value = line[len(key) :].lstrip(": ").strip()
                end = i + 1
                while (  # a wrapped header line
                    end < len(lines)
                    and lines[end]
                    and not lines[end].startswith(_HEADER_KEYS)
                    and not _TIER_PAREN.match(lines[end])
                ):
                    value += " " + lines[end]
                    end += 1
                if key == "Publisher":
                    meta["publisher"] = value
                elif key == "Publication Date":
                    meta["published"] = _iso_date(value) or value
                elif key == "Cite as":
                    meta["cite_as"] = re.sub(r"\s+", " ", value)
    return meta, end


def _iso_date(value: str) -> str | None:
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _tier_name(match: re.Match[str]) -> str:
    if match.group("special"):
        return "Special Case"
    tier = f"Tier {_NUMBERS[match.group('num').lower()]}"
    return f"{tier} Watch List" if match.group("watch") else tier


def _country_name(raw: str) -> str:
    raw = re.sub(r"\s+", " ", raw).strip(" -–—:")
    if raw.isupper() or raw.islower():
        words = raw.lower().split(" ")
        raw = " ".join(_capitalised(w, first=i == 0) for i, w in enumerate(words))
    return raw


def _capitalised(word: str, first: bool) -> str:
    """One word of an upper-case country name: "of" stays small, "d'ivoire" -> "d'Ivoire"."""
    if word in _SMALL_WORDS and not first:
        return word
    elision = re.match(r"^([dl]')(.+)$", word)
    if elision and not first:
        return elision.group(1) + _capitalised(elision.group(2), first=True)
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _find_country_line(lines: list[str], start: int) -> tuple[str | None, str | None, int]:
    """The country and tier line (any era's variant) near the top of the body."""
    seen = 0
    previous: str | None = None
    for i in range(start, len(lines)):
        line = lines[i]
        if not line:
            continue
        seen += 1
        if seen > 6:
            break
        for pattern in (_TIER_PAREN, _TIER_COLON):
            match = pattern.match(line)
            if match:
                return _country_name(match.group("country")), _tier_name(match), i + 1
        match = _TIER_ALONE.match(line)
        if match:
            country = _country_name(previous) if previous and len(previous) < 60 else None
            return country, _tier_name(match), i + 1
        previous = line
    return None, None, start


def _country_from_filename(stem: str) -> str:
    name = re.sub(r"[-_ ]*(?:19|20)\d\d.*$", "", stem)
    return _country_name(name.replace("_", " ").replace("-", " ")) or stem


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
        if _FOOTER.match(line):
            # The footer ends a block and any list: nothing is joined across it.
            flush()
            blocks.append(_Block("", 0, heading=_BREAK))
            continue
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


@dataclass(frozen=True, slots=True)
class Unit:
    """A body paragraph before sectioning: its raw text, the heading above it, its gap."""

    text: str
    gap: int
    heading: str | None
    recommendation_list: bool = False
    bulleted: bool = False


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
    for block in blocks:
        if block.heading == _BREAK:
            in_list = False
            continue
        if block.heading is not None:
            heading = block.heading
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
    headings = {b.heading for b in blocks if b.heading}
    if "title" in meta:
        return "F1"
    if "profile" in headings or any(u.recommendation_list for u in units):
        return "F4"
    if any(u.text.lower().startswith("recommendations for") for u in units):
        return "F3"
    return "F2" if headings else "plain"
