"""Terminal output with rich: headers, tables and highlighted text. Formats only."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby
from typing import TextIO, cast

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tipcli.model import KEY_FIGURES, Fact, Hit, KeyFigure, PanelRow, Paragraph, Report
from tipcli.output.base import Formatter, Listing, Style
from tipcli.output.plain import fact_value, key_figure_value
from tipcli.records import to_record
from tipcli.search.snippets import format_number, passages

HIGHLIGHT = "bold yellow"


def _console(out: TextIO, style: Style) -> Console:
    # markup off: report text may hold "[...]" that rich would parse as markup.
    return Console(
        file=out,
        no_color=not style.color,
        color_system="auto" if style.color else None,
        markup=False,
        emoji=False,
        highlight=False,
        width=style.width,
    )


def _header(report: Report | None, report_id: str) -> Text:
    if report is None:
        return Text(report_id, style="bold")
    header = Text(f"{report.country} {report.year or ''}".strip(), style="bold cyan")
    header.append(f"  {report.tier or 'no tier'}", style="magenta")
    header.append(f"  ({report.id})", style="dim")
    return header


def _reports(console: Console, listing: Listing) -> None:
    table = Table(title="Reports")
    for column in ("id", "country", "year", "tier", "paragraphs", "source"):
        table.add_column(column, justify="right" if column == "paragraphs" else "left")
    found = list(cast(Iterable[Report], listing.items))
    for r in found:
        table.add_row(
            r.id, r.country, str(r.year or "-"), r.tier or "-", str(len(r.paragraphs)), r.source
        )
    console.print(table)
    if len(found) > 1 and len({r.country for r in found}) == 1:  # one country's history
        from tipcli.output.charts import tier_strip

        for line in tier_strip(found):
            console.print(line, no_wrap=True, overflow="ellipsis")


def _sections(console: Console, listing: Listing) -> None:
    rows = cast(list[dict[str, object]], listing.items)
    for report_id, group in groupby(rows, key=lambda r: str(r["report"])):
        table = Table(title=_header(listing.reports.get(report_id), report_id))
        table.add_column("section")
        table.add_column("paragraphs", justify="right")
        for row in group:
            table.add_row(str(row["section"]), str(row["paragraphs"]))
        console.print(table)


def _tags(console: Console, listing: Listing) -> None:
    table = Table(title="Topic tags")
    table.add_column("tag")
    table.add_column("paragraphs", justify="right")
    for row in cast(list[dict[str, object]], listing.items):
        table.add_row(str(row["tag"]), str(row["paragraphs"]))
    console.print(table)


def _by_report(
    items: Iterable[object], key: Callable[[object], str]
) -> Iterable[tuple[str, list[object]]]:
    for report_id, group in groupby(items, key=key):
        yield report_id, list(group)


def _paragraphs(console: Console, listing: Listing) -> None:
    items = cast(list[Paragraph], listing.items)
    for report_id, group in _by_report(items, lambda p: cast(Paragraph, p).report):
        console.print(_header(listing.reports.get(report_id), report_id))
        section = None
        for p in cast(list[Paragraph], group):
            if p.section != section:
                section = p.section
                console.rule(Text(section.upper(), style="bold"), align="left")
            console.print(Text(p.id, style="dim"))
            console.print(Text(p.text), width=min(console.width, 100))
            console.print()


def _highlighted(text: str, spans: Iterable[tuple[int, int]], offset: int = 0) -> Text:
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize(HIGHLIGHT, max(0, start - offset), max(0, end - offset))
    return rich_text


def _facts(console: Console, listing: Listing) -> None:
    items = cast(list[Fact], listing.items)
    for report_id, group in _by_report(items, lambda f: cast(Fact, f).report):
        table = Table(
            title=_header(listing.reports.get(report_id), report_id), show_lines=True, expand=True
        )
        for column in ("section", "as written", "value", "unit", "measure"):
            table.add_column(column, overflow="fold", ratio=1)
        table.add_column("sentence", overflow="fold", ratio=4)
        for f in cast(list[Fact], group):
            table.add_row(
                f.section,
                f.text,
                (f"{f.qualifier} " if f.qualifier else "") + fact_value(f),
                f.unit or "-",
                f.measure + (" (earlier)" if f.earlier else ""),
                _highlighted(f.sentence, [f.span]),
            )
        console.print(table)


def _summary(console: Console, listing: Listing) -> None:
    table = Table(title="Facts by measure")
    table.add_column("measure")
    ids = list(listing.columns or listing.reports)
    for report_id in ids:
        table.add_column(report_id, justify="right")
    for row in cast(list[dict[str, object]], listing.items):
        values = cast(dict[str, float], row["reports"])
        table.add_row(
            str(row["measure"]), *(format_number(values[i]) if i in values else "-" for i in ids)
        )
    console.print(table)


def _figure_cell(figure: KeyFigure | None) -> Text:
    """Value and unit; '-' not reported, '0' none; '*' marks a sum of parts."""
    if figure is None:
        return Text("-", style="dim")
    cell = Text(key_figure_value(figure))
    if figure.value and figure.unit:
        cell.append(f" {figure.unit}", style="dim")
    if figure.derived:
        cell.append("*", style="yellow")
    return cell


def _panel(console: Console, listing: Listing) -> None:
    if listing.chart:
        from tipcli.output.charts import panel_chart

        rows = list(cast(Iterable[PanelRow], listing.items))
        ascii_only = not console.encoding.lower().startswith("utf")
        for line in panel_chart(rows, console.width, ascii_only):
            console.print(line, no_wrap=True, overflow="ellipsis")
        return
    table = Table(
        title="Key figures",
        caption="- not reported   0 none reported   * sum of parts given separately",
    )
    for column in ("country", "year", "tier"):
        table.add_column(column)
    for name in KEY_FIGURES:
        table.add_column(name, justify="right", overflow="fold")
    for row in cast(list[PanelRow], listing.items):
        r = row.report
        table.add_row(
            Text(r.country),
            str(r.year or "-"),
            Text(r.tier or "-"),
            *(_figure_cell(row.figures.get(name)) for name in KEY_FIGURES),
        )
    console.print(table)


def _hits(console: Console, listing: Listing) -> None:
    for hit in cast(list[Hit], listing.items):
        p = hit.paragraph
        report = listing.reports.get(p.report)
        line = Text(f"{hit.rank}. ", style="bold")
        line.append(p.id, style="bold cyan")
        line.append(f"  {p.section}", style="magenta")
        if report:
            line.append(f"  {report.country} {report.year or ''}", style="dim")
        line.append(f"  score {hit.score:.0f}", style="green")
        console.print(line)
        if hit.sentence:
            windows = [hit.sentence]
        elif listing.full:
            windows = [(0, len(p.text))]
        else:
            windows = passages(p.text, hit.matches)
        body = Text()
        for k, (a, b) in enumerate(windows):
            if k or a > 0:
                body.append(" … ", style="dim")
            body.append_text(_highlighted(p.text[a:b], hit.matches, offset=a))
        if windows and windows[-1][1] < len(p.text):
            body.append(" …", style="dim")
        console.print(body, width=min(console.width, 100))
        console.print()


def _index(console: Console, listing: Listing) -> None:
    table = Table(title="Index", show_header=False)
    table.add_column("key", style="bold")
    table.add_column("value")
    for item in listing.items:
        for key, value in to_record(item).items():
            if key not in ("type", "schema"):
                table.add_row(key, str(value))
    console.print(table)


_WRITERS: dict[str, Callable[[Console, Listing], None]] = {
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


class RichFormatter(Formatter):
    """Tables and highlighted text for a terminal."""

    def write(self, listing: Listing, out: TextIO) -> None:
        _WRITERS[listing.kind](_console(out, self.style), listing)
