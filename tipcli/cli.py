"""The `tip` command line: a thin layer that parses options, calls the core and emits."""

from __future__ import annotations

import itertools
import os
import sys
from dataclasses import replace
from enum import IntEnum
from typing import Annotated, Any

import typer

# typer vendors click and does not re-export its base usage error; 0.27 and 0.28 keep it here.
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup

from tipcli import __version__
from tipcli.errors import TipError, UsageError, one_line
from tipcli.index.filters import Filters
from tipcli.output import Format, Listing, emit


class ExitCode(IntEnum):
    """Exit statuses, as grep uses them."""

    FOUND = 0
    NOT_FOUND = 1
    ERROR = 2
    INTERRUPTED = 130


class _TipGroup(TyperGroup):
    """Catches the core's errors once: one line on stderr, exit 2; quiet broken pipes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TipError as exc:
            typer.echo(f"tip: error: {exc}", err=True)
            raise typer.Exit(ExitCode.ERROR) from None
        except ClickUsageError as exc:
            # click's own usage errors (missing argument, bad option value) as one line too.
            command = ctx.invoked_subcommand or ""
            typer.echo(
                f"tip: error: {one_line(exc.format_message())} "
                f"(see 'tip {command} --help')".replace("tip  --", "tip --"),
                err=True,
            )
            raise typer.Exit(ExitCode.ERROR) from None
        except BrokenPipeError:
            # The reader (head, less) went away: stop quietly, as grep does.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(ExitCode.FOUND) from None
        except KeyboardInterrupt:
            typer.echo("tip: interrupted", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None


app = typer.Typer(
    cls=_TipGroup,
    help="Look up facts in US State Department Trafficking in Persons (TIP) narratives.",
    epilog="Exit status: 0 found, 1 nothing found, 2 error. Docs: see README.md.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Write one JSON array of records.")]
JsonlOpt = Annotated[bool, typer.Option("--jsonl", help="Write one JSON record per line.")]
ReportOpt = Annotated[str | None, typer.Option("--report", "-r", help="Only this report id.")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="Only this country.")]
YearOpt = Annotated[int | None, typer.Option("--year", help="Only this report year.")]
TierOpt = Annotated[str | None, typer.Option("--tier", help="Only this tier (1, 2, 2wl, 3).")]
SectionOpt = Annotated[
    str | None, typer.Option("--section", "-s", help="Only this section (fuzzy).")
]


def _format(json_: bool, jsonl: bool) -> Format:
    if json_ and jsonl:
        raise UsageError("--json and --jsonl exclude each other", "choose one")
    return Format.JSON if json_ else Format.JSONL if jsonl else Format.AUTO


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tip {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    corpus: Annotated[
        str | None,
        typer.Option(
            "--corpus",
            "-c",
            help="A narrative .txt file or a folder of them [default: $TIP_CORPUS, else the "
            "bundled report].",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse every file; do not read or write the index.")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """Look up facts in US State Department Trafficking in Persons (TIP) narratives."""
    from tipcli.index.scan import Prefetch

    prefetch = Prefetch(corpus)  # lists the corpus while the modules below import
    from tipcli.session import Session

    ctx.obj = Session(corpus, not no_cache, progress=_progress(), prefetch=prefetch)


def _session(ctx: typer.Context) -> Any:
    return ctx.obj


def _finish(listing: Listing, fmt: Format, what: str) -> None:
    items = iter(listing.items)
    first = next(items, None)
    if first is None:
        typer.echo(f"tip: no {what} found", err=True)
        raise typer.Exit(ExitCode.NOT_FOUND)
    emit(replace(listing, items=itertools.chain([first], items)), fmt)


@app.command()
def reports(
    ctx: typer.Context,
    report: ReportOpt = None,
    country: CountryOpt = None,
    year: YearOpt = None,
    tier: TierOpt = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
) -> None:
    """List the loaded reports: id, country, year, tier, paragraphs, source.

    Example: tip --corpus narratives/ reports --tier 3
    """
    fmt = _format(json_, jsonl)
    found = _session(ctx).reports(Filters(report, country, year, tier))
    _finish(Listing("reports", found), fmt, "reports")


@app.command()
def section(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Section name, matched fuzzily.")] = None,
    report: ReportOpt = None,
    country: CountryOpt = None,
    year: YearOpt = None,
    tier: TierOpt = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
) -> None:
    """Show one section's paragraphs, or without NAME each report's sections.

    Sections: overview, recommendations, prosecution, protection, prevention, profile.
    Example: tip section protection
    """
    fmt = _format(json_, jsonl)
    session = _session(ctx)
    found = session.reports(Filters(report, country, year, tier))
    headers = {r.id: r for r in found}
    if name is None:
        listing = Listing("sections", session.section_counts(found), headers)
    else:
        listing = Listing("paragraphs", session.section_paragraphs(found, name), headers)
    _finish(listing, fmt, "paragraphs")


@app.command()
def show(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="A paragraph or report id.")],
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
) -> None:
    """Show one paragraph (china-2007:p4) or every paragraph of a report (china-2007).

    Example: tip show china-2007:p6
    """
    fmt = _format(json_, jsonl)
    session = _session(ctx)
    paragraphs = session.lookup(item_id)
    _finish(Listing("paragraphs", paragraphs, session.report_map()), fmt, "paragraphs")


@app.command()
def export(
    ctx: typer.Context,
    report: ReportOpt = None,
    country: CountryOpt = None,
    year: YearOpt = None,
    tier: TierOpt = None,
) -> None:
    """Write every record (reports, paragraphs, facts) as JSON Lines.

    Example: tip export | jq -c 'select(.type == "fact")'
    """
    items = _session(ctx).export_items(Filters(report, country, year, tier))
    _finish(Listing("export", items), Format.JSONL, "records")


@app.command()
def stats(
    ctx: typer.Context,
    section: SectionOpt = None,
    measure: Annotated[
        str | None, typer.Option("--measure", "-m", help="Only this measure (convictions...).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="Only this kind (count, range, ...).")
    ] = None,
    minimum: Annotated[
        float | None, typer.Option("--min", help="Only facts of at least this value.")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="'measure': one row per measure, a column per report."),
    ] = None,
    report: ReportOpt = None,
    country: CountryOpt = None,
    year: YearOpt = None,
    tier: TierOpt = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
) -> None:
    """The numbers in the narratives, each with unit, qualifier, measure and sentence.

    Example: tip stats --measure convictions    tip --corpus dir/ stats --by measure
    """
    fmt = _format(json_, jsonl)
    if by not in (None, "measure"):
        raise UsageError(f"cannot summarise by '{by}'", "use --by measure")
    session = _session(ctx)
    filters = Filters(report, country, year, tier)
    if by:
        rows = session.by_measure(filters, section, measure, kind, minimum)
        columns = tuple(dict.fromkeys(rid for row in rows for rid in row["reports"]))
        listing = Listing("summary", rows, columns=columns)
    else:
        facts = session.facts(filters, section, measure, kind, minimum)
        listing = Listing("facts", facts, session.report_map(filters))
    _finish(listing, fmt, "facts")


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(help='Words to find; "quote" a phrase.')],
    section: SectionOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many hits.")] = 10,
    min_score: Annotated[
        float, typer.Option("--min-score", help="Only hits scoring at least this (0-100).")
    ] = 0.0,
    exact: Annotated[
        bool, typer.Option("--exact", help="Whole words only: no typos, inflections, acronyms.")
    ] = False,
    sentences: Annotated[
        bool, typer.Option("--sentences", help="Return matching sentences, not paragraphs.")
    ] = False,
    full: Annotated[bool, typer.Option("--full", help="Show whole paragraphs.")] = False,
    report: ReportOpt = None,
    country: CountryOpt = None,
    year: YearOpt = None,
    tier: TierOpt = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
) -> None:
    """Ranked, typo-tolerant search of the paragraphs, best first.

    Example: tip search forced labour --section prosecution
    """
    fmt = _format(json_, jsonl)
    session = _session(ctx)
    filters = Filters(report, country, year, tier)
    hits, suggestions = session.search(
        filters, " ".join(query), section, limit, min_score, exact, sentences
    )
    if not hits:
        hint = f"; did you mean: {', '.join(suggestions)}" if suggestions else ""
        typer.echo(f"tip: no paragraph matches '{one_line(' '.join(query), 80)}'{hint}", err=True)
        raise typer.Exit(ExitCode.NOT_FOUND)
    headers = session.headers(h.paragraph.report for h in hits)
    emit(Listing("hits", hits, headers, full=full), fmt)


@app.command("index")
def index_command(
    ctx: typer.Context,
    clear: Annotated[bool, typer.Option("--clear", help="Remove every tip index.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Show where the index of the corpus is and how big it is, or remove it.

    Example: tip --corpus narratives/ index        tip index --clear
    """
    from tipcli.index import cache

    if clear:
        removed = cache.clear()
        typer.echo(f"tip: removed {len(removed)} index file(s)", err=True)
        return
    session = _session(ctx)
    info = cache.describe(session.store)
    if json_:
        import json

        typer.echo(json.dumps(info, indent=2))
    else:
        for key, value in info.items():
            typer.echo(f"{key}\t{value}")


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None
    from tipcli.output.terminal import LazyProgress

    return LazyProgress()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - between click's handlers
        sys.stderr.write("tip: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
