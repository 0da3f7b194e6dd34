"""Citations of a report, paragraph or fact in APA, Chicago, MLA or BibTeX. No terminal code.

The citation uses what the text carries (Refworld's title, publisher and publication date, an
address in its "Cite as" line). Where the text carries none of it, as in most copies of
state.gov pages, it falls back to the title the State Department gives that year's narrative
("2012 Trafficking in Persons Report: Ghana") and the year alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tipcli.model import Report

STYLES: tuple[str, ...] = ("apa", "chicago", "mla", "bibtex")
DEFAULT_STYLE = "apa"
STATE_DEPARTMENT = "U.S. Department of State"

# Refworld's "Cite as" ends ", available at: https://... [accessed 9 February 2021]"; copies
# saved without the link keep ", available at: [accessed 25 May 2016]", which cites nothing.
_AVAILABLE_AT = re.compile(
    r",?\s*available at:?\s*(?P<url>https?://\S+?)?\s*(?:\[accessed [^\]]*\])?\s*$", re.I
)
_URL = re.compile(r"https?://[^\s\]\[|<>\"]+[^\s\]\[|<>\".,;:)]")
# MLA abbreviates the longer month names.
_MLA_MONTHS = {9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec.", 1: "Jan.", 2: "Feb.", 8: "Aug."}


@dataclass(frozen=True, slots=True)
class Source:
    """What a citation of one report says: who, what, when, where."""

    author: str
    title: str
    publisher: str | None  # None when it is the author
    year: int | None
    published: date | None
    url: str | None
    key: str  # the BibTeX key, the report id


def report_url(report: Report) -> str | None:
    """The report's address, when the text gives one (the page's own, or Refworld's "Cite
    as" line)."""
    if report.url:
        return report.url
    found = _URL.search(report.cite_as or "")
    return found.group(0) if found else None


def tidy_cite_as(cite_as: str | None) -> str | None:
    """Refworld's "Cite as" without an "available at" that gives no address."""
    if not cite_as:
        return cite_as
    tail = _AVAILABLE_AT.search(cite_as)
    if tail is None or tail.group("url"):
        return cite_as
    return cite_as[: tail.start()].rstrip(" ,") or None


def source(report: Report) -> Source:
    """The citation's parts for a report, from its text or the State Department fallback."""
    publisher = _field(report.publisher)
    author = publisher or STATE_DEPARTMENT
    own_title = _field(report.title)
    if own_title:
        title = own_title
    else:
        annual = f"{report.year} Trafficking in Persons Report" if report.year else None
        title = f"{annual or 'Trafficking in Persons Report'}: {report.country}"
    return Source(
        author=author,
        title=title,
        publisher=None,  # the State Department publishes what it writes
        year=report.year,
        published=_date(report.published),
        url=report_url(report),
        key=report.id,
    )


def _field(text: str | None) -> str | None:
    """A header value without the cells of a table it was saved in ("Title | Publisher |")."""
    cell = (text or "").strip(" |").split(" | ")[0].strip()
    return cell or None


def _date(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published) if published else None
    except ValueError:
        return None


def _year(src: Source) -> int | None:
    return src.published.year if src.published else src.year


def apa(src: Source) -> str:
    """APA 7: Author. (2007, June 12). Title. URL"""
    when = str(_year(src) or "n.d.")
    if src.published:
        when += f", {src.published:%B} {src.published.day}"
    parts = [f"{_period(src.author)} ({when}). {_period(src.title)}"]
    if src.url:
        parts.append(src.url)
    return " ".join(parts)


def chicago(src: Source) -> str:
    """Chicago (notes and bibliography): Author. "Title." June 12, 2007. URL."""
    if src.published:
        when = f"{src.published:%B} {src.published.day}, {src.published.year}"
    else:
        when = str(src.year or "n.d.")
    text = f'{_period(src.author)} "{_period(src.title)}" {when}.'
    return f"{text} {src.url}." if src.url else text


def mla(src: Source) -> str:
    """MLA 9, where author and publisher are one body: "Title." Publisher, 12 June 2007, URL."""
    if src.published:
        month = _MLA_MONTHS.get(src.published.month, f"{src.published:%B}")
        when = f"{src.published.day} {month} {src.published.year}"
    else:
        when = str(src.year or "n.d.")
    parts = [f'"{_period(src.title)}" {src.author}', when]
    if src.url:
        parts.append(src.url.removeprefix("https://").removeprefix("http://"))
    return ", ".join(parts) + "."


def bibtex(src: Source, note: str | None = None) -> str:
    """A BibTeX @misc entry keyed by the report id."""
    fields = [
        ("author", "{" + src.author + "}"),  # braces: an organisation, not "Last, First"
        ("title", src.title),
        ("year", str(_year(src) or "")),
    ]
    if src.published:
        fields.append(("month", f"{src.published:%b}".lower()))
    if src.url:
        fields.append(("url", src.url))
    if note:
        fields.append(("note", note))
    body = ",\n".join(f"  {name} = {{{_bib_escape(value)}}}" for name, value in fields if value)
    return f"@misc{{{src.key},\n{body}\n}}"


def reference(report: Report, style: str = DEFAULT_STYLE, note: str | None = None) -> str:
    """The reference-list entry for a report in a style."""
    src = source(report)
    if style == "bibtex":
        return bibtex(src, note)
    return {"apa": apa, "chicago": chicago, "mla": mla}[style](src)


def in_text(report: Report, style: str, paragraph: int) -> str:
    """The parenthetical that follows a quotation: (Author, 2007, para. 4)."""
    src = source(report)
    year = _year(src) or "n.d."
    if style == "mla":
        return f"({src.author}, par. {paragraph})"
    if style == "chicago":
        return f"({src.author} {year}, para. {paragraph})"
    return f"({src.author}, {year}, para. {paragraph})"


def citation(report: Report, style: str, quote: str | None = None, paragraph: int = 0) -> str:
    """What `tip cite` prints: the quotation with its in-text citation, then the reference.

    Without a quote (a report id), the reference alone.
    """
    if quote is None:
        return reference(report, style)
    quoted = f'"{quote.strip()}"'
    if style == "bibtex":
        note = f"para. {paragraph}" if paragraph else None
        return f"% {quoted}\n{reference(report, style, note)}"
    return f"{quoted} {in_text(report, style, paragraph)}\n{reference(report, style)}"


def _period(text: str) -> str:
    """Text ending in one full stop (or the ? or ! it already ends with)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _bib_escape(value: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", value) if "://" not in value else value
