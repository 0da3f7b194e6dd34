"""Charts for a terminal, drawn with rich text: no plotting library.

- panel_chart(): each key figure of each report as a bar, one country's years in order, the
  number beside each bar (`tip stats --by report --chart`);
- tier_strip(): one country's tiers over the years as a strip of coloured cells
  (`tip reports` when the reports are one country's).

Only the rich formatter draws them: piped output and JSON never change.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from rich.text import Text

from tipcli.model import KEY_FIGURES, KeyFigure, PanelRow, Report
from tipcli.search.snippets import format_number

# Eighths of a cell: a bar's length is drawn to 1/8 of a character.
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"
BAR_WIDTH_MAX = 40  # cells: longer bars read no better and crowd the numbers out
BAR_WIDTH_MIN = 10
YEAR_WIDTH = 8  # "    2019": the years stand under their figure's name
LABEL_INDENT = 2
FIGURE_STYLES = {
    "investigations": "cyan",
    "prosecutions": "blue",
    "convictions": "magenta",
    "victims identified": "green",
}
TIER_STYLES = {
    "Tier 1": ("1", "bold white on green"),
    "Tier 2": ("2", "bold black on yellow"),
    "Tier 2 Watch List": ("2WL", "bold black on dark_orange"),
    "Tier 3": ("3", "bold white on red"),
    "Special Case": ("SC", "bold white on blue"),
}
NO_TIER = ("-", "dim")
CELL = 5  # characters per year in the tier strip: "2WL" and a year fit


def bar(value: float, largest: float, width: int, ascii_only: bool = False) -> str:
    """A bar of value/largest of width cells, to an eighth of a cell (ASCII: whole '#')."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    if ascii_only:
        return "#" * max(1, round(eighths / 8))
    full, rest = divmod(eighths, 8)
    return _FULL * full + (_EIGHTHS[rest] if rest else "")


def figure_text(figure: KeyFigure | None) -> str:
    """The number beside a bar: 'at least 6 traffickers', '0 (none)', 'not reported'."""
    if figure is None:
        return "not reported"
    if figure.value == 0:
        return "0 (none reported)"
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    unit = f" {figure.unit}" if figure.unit else ""
    derived = " (sum of parts)" if figure.derived else ""
    return f"{qualifier}{format_number(figure.value)}{unit}{derived}"


def _country_key(row: PanelRow) -> str:
    return row.report.country


def panel_chart(rows: Sequence[PanelRow], width: int, ascii_only: bool = False) -> list[Text]:
    """The panel as bars: per country, per key figure, one line per report (year order).

    Bars are scaled per country and figure, so that a country's trend shows whatever its
    size; the numbers beside them give the scale.
    """
    bar_width = max(BAR_WIDTH_MIN, min(BAR_WIDTH_MAX, width - YEAR_WIDTH - LABEL_INDENT - 30))
    lines: list[Text] = []
    for country, group in groupby(rows, key=_country_key):
        reports = sorted(group, key=lambda r: (r.report.year or 0, r.report.id))
        if lines:
            lines.append(Text(""))
        lines.append(Text(country, style="bold"))
        for name in KEY_FIGURES:
            lines += _figure_lines(name, reports, bar_width, ascii_only)
    return lines


def _figure_lines(
    name: str, reports: Sequence[PanelRow], bar_width: int, ascii_only: bool
) -> list[Text]:
    figures = [row.figures.get(name) for row in reports]
    largest = max((f.value for f in figures if f is not None), default=0.0)
    lines = [Text(" " * LABEL_INDENT + name, style="italic")]
    for row, figure in zip(reports, figures, strict=True):
        year = str(row.report.year) if row.report.year else row.report.id
        line = Text(f"{year:>{YEAR_WIDTH}} ")
        drawn = bar(figure.value, largest, bar_width, ascii_only) if figure else ""
        line.append(drawn.ljust(bar_width), style=FIGURE_STYLES.get(name, ""))
        line.append(" " + figure_text(figure), style="dim" if figure is None else "")
        lines.append(line)
    return lines


def tier_strip(reports: Sequence[Report]) -> list[Text]:
    """One country's tier by year: a row of years and a row of coloured tier cells."""
    ordered = sorted(reports, key=lambda r: (r.year or 0, r.id))
    years = Text("  ")
    cells = Text("  ")
    for report in ordered:
        label, style = TIER_STYLES.get(report.tier or "", NO_TIER)
        years.append(str(report.year or "?").center(CELL))
        cells.append(label.center(CELL - 1), style=style)
        cells.append(" ")
    title = Text(f"{ordered[0].country}: tier by year", style="bold") if ordered else Text("")
    legend = Text("  " + ", ".join(f"{short} {name}" for name, (short, _) in TIER_STYLES.items()))
    legend.stylize("dim")
    return [title, years, cells, legend]
