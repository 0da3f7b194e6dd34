"""Plain-text output for pipes: no escape codes, one record per line or block."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO, cast

from tipcli.model import KEY_FIGURES, Fact, Hit, KeyFigure, PanelRow, Paragraph, Report
from tipcli.output.base import Formatter, Listing
from tipcli.records import to_record
from tipcli.search.snippets import format_number, passages


def _reports(listing: Listing, out: TextIO) -> None:
    for r in cast(list[Report], listing.items):
        tier = r.tier or "-"
        out.write(
            f"{r.id}\t{r.country}\t{r.year or '-'}\t{tier}\t{len(r.paragraphs)}\t{r.source}\n"
        )


def _sections(listing: Listing, out: TextIO) -> None:
    for rec in cast(list[dict[str, object]], listing.items):
        out.write(f"{rec['report']}\t{rec['section']}\t{rec['paragraphs']}\n")


def _tags(listing: Listing, out: TextIO) -> None:
    for rec in cast(list[dict[str, object]], listing.items):
        out.write(f"{rec['tag']}\t{rec['paragraphs']}\n")


def _paragraphs(listing: Listing, out: TextIO) -> None:
    for i, p in enumerate(cast(list[Paragraph], listing.items)):
        if i:
            out.write("\n")
        out.write(f"{p.id}\t{p.section}\n{p.text}\n")


def fact_value(fact: Fact) -> str:
    """The normalised value: '3,371', '10,000-20,000', '90'."""
    if fact.kind == "range":
        return f"{format_number(fact.low)}-{format_number(fact.high)}"
    return format_number(fact.value)


def _facts(listing: Listing, out: TextIO) -> None:
    for f in cast(list[Fact], listing.items):
        qualifier = f"{f.qualifier} " if f.qualifier else ""
        out.write(
            f"{f.paragraph}\t{f.section}\t{f.kind}\t{qualifier}{fact_value(f)}\t"
            f"{f.unit or '-'}\t{f.measure}\t{f.sentence}\n"
        )


def _summary(listing: Listing, out: TextIO) -> None:
    rows = cast(list[dict[str, object]], listing.items)
    ids = list(listing.columns or listing.reports)
    out.write("measure\t" + "\t".join(ids) + "\n")
    for row in rows:
        values = cast(dict[str, float], row["reports"])
        cells = [format_number(values[i]) if i in values else "-" for i in ids]
        out.write(f"{row['measure']}\t" + "\t".join(cells) + "\n")


def key_figure_value(figure: KeyFigure | None) -> str:
    """A panel cell's number: '-' when not reported, '0' for an explicit none."""
    return "-" if figure is None else format_number(figure.value)


def _panel(listing: Listing, out: TextIO) -> None:
    out.write("\t".join(("report", "country", "year", "tier", *KEY_FIGURES)) + "\n")
    for row in cast(list[PanelRow], listing.items):
        r = row.report
        cells = [key_figure_value(row.figures.get(name)) for name in KEY_FIGURES]
        out.write("\t".join((r.id, r.country, str(r.year or "-"), r.tier or "-", *cells)) + "\n")


def _hits(listing: Listing, out: TextIO) -> None:
    for i, hit in enumerate(cast(list[Hit], listing.items)):
        if i:
            out.write("\n")
        p = hit.paragraph
        out.write(f"{p.id}\t{p.section}\t{hit.score:.0f}\n")
        text = p.text
        if hit.sentence:
            out.write(text[slice(*hit.sentence)] + "\n")
        elif listing.full:
            out.write(text + "\n")
        else:
            out.write(" ... ".join(text[a:b] for a, b in passages(text, hit.matches)) + "\n")


def _index(listing: Listing, out: TextIO) -> None:
    for item in listing.items:
        for key, value in to_record(item).items():
            if key != "schema":
                out.write(f"{key}\t{value}\n")


_WRITERS: dict[str, Callable[[Listing, TextIO], None]] = {
    "reports": _reports,
    "sections": _sections,
    "tags": _tags,
    "paragraphs": _paragraphs,
    "facts": _facts,
    "summary": _summary,
    "panel": _panel,
    "hits": _hits,
    "index": _index,
}


class PlainFormatter(Formatter):
    """Tab-separated lines and text blocks."""

    def write(self, listing: Listing, out: TextIO) -> None:
        _WRITERS[listing.kind](listing, out)
