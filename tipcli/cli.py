"""The `tip` command line: a thin layer that parses options, calls the core and emits.

No `from __future__ import annotations` here: typer reads these annotations as it starts, and
deferring them costs 6-11 ms per run.
"""

import inspect
import itertools
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import IntEnum
from functools import wraps
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

# typer vendors click and does not re-export these; 0.27 and 0.28 keep them here.
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup

from tipcli import __version__
from tipcli.errors import NoMatchError, TipError, UsageError, one_line, plural
from tipcli.index.discovery import CORPUS_ENV
from tipcli.index.filters import Filters
from tipcli.output import Format, Listing, emit
from tipcli.output.base import MACHINE_FORMATS

if TYPE_CHECKING:
    from tipcli.session import Session


class ExitCode(IntEnum):
    """Exit statuses, as grep uses them."""

    FOUND = 0
    NOT_FOUND = 1
    ERROR = 2
    INTERRUPTED = 130


def _fail(message: str, code: ExitCode = ExitCode.ERROR) -> typer.Exit:
    """Print one line on stderr; the Exit to raise with the status."""
    typer.echo(message, err=True)
    return typer.Exit(code)


def _command_path(ctx: Any) -> str:
    """'tip search': the words of the command line that named the command (not the runner's
    program name, which typer's test runner sets to something else)."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(["tip", *reversed(names)])


class _TipGroup(TyperGroup):
    """Every error one line on stderr, whoever raises it; quiet broken pipes; exit codes."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError as exc:  # plain `tip`: the help, as click shows it
            exc.show()
            code = ExitCode.ERROR
        except ClickException as exc:  # click's usage errors: missing value, unknown option...
            ctx = getattr(exc, "ctx", None)
            where = _command_path(ctx) if ctx is not None else "tip"
            message = one_line(exc.format_message())
            typer.echo(f"tip: error: {message} (see '{where} --help')", err=True)
            code = ExitCode.ERROR
        except typer.Abort:
            typer.echo("tip: interrupted", err=True)
            code = ExitCode.INTERRUPTED
        code = int(code or 0)
        if standalone_mode:
            sys.exit(code)
        return code

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        # Only here, when a shell asks for candidates ($_TIP_COMPLETE is set), do parameters
        # get their completion callbacks: ordinary runs pay nothing for them.
        if complete_var is None:
            complete_var = f"_{prog_name}_COMPLETE".replace("-", "_").upper()  # as typer does
        if os.environ.get(complete_var):
            _attach_completions(self)
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoMatchError as exc:  # the filters leave nothing: not found, not an error
            raise _fail(f"tip: {exc}", ExitCode.NOT_FOUND) from None
        except TipError as exc:
            raise _fail(f"tip: error: {exc}") from None
        except BrokenPipeError:
            # The reader (head, less) went away: stop quietly, as grep does.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(ExitCode.FOUND) from None
        except OSError as exc:  # the machine, not the input: a file vanished, a device failed
            where = f"{exc.filename}: " if exc.filename else ""
            reason = exc.strerror or type(exc).__name__
            raise _fail(f"tip: error: {where}{reason} (check the file and try again)") from None
        except KeyboardInterrupt:
            raise _fail("tip: interrupted", ExitCode.INTERRUPTED) from None


app = typer.Typer(
    cls=_TipGroup,
    help="Look up facts in US State Department Trafficking in Persons (TIP) narratives.",
    epilog="Exit status: 0 found, 1 nothing found, 2 error. Docs: see README.md.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- shell completion ------------------------------------------------------------------
# Each callback gets click's context, the parameter and the word being typed, and returns the
# candidates that start with it. They are attached to the parameters only when a shell asks
# for candidates (_TipGroup._main_shell_completion), not as typer `autocompletion=`: typer
# inspects each such callback's signature on every run (about 2 ms in all), and its wrapper
# drops candidates whose case differs from the word typed. A callback runs inside the user's
# shell on every <Tab>: it imports what it needs only when called, never syncs or parses the
# corpus, and any failure means no candidates, never a traceback (whatever it printed would
# land on the shell's command line).


def _typed_names(names: Sequence[str], incomplete: str) -> list[str]:
    """Names as tip accepts them without quotes ("victims-identified"), whose spelling starts
    with what was typed, ignoring case, accents and separators."""
    from tipcli.names import fold, squeeze

    typed = squeeze(incomplete)
    words = [fold(name).replace(" ", "-") for name in names]
    return [word for word in dict.fromkeys(words) if squeeze(word).startswith(typed)]


def complete_sections(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Section names, for --section and `tip section`."""
    from tipcli.model import SECTIONS

    return _typed_names(SECTIONS, incomplete)


def complete_measures(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Measure names, for --measure."""
    from tipcli.model import MEASURES

    return _typed_names(MEASURES, incomplete)


def complete_kinds(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Fact kinds, for --kind."""
    from tipcli.model import KINDS

    return _typed_names(KINDS, incomplete)


def complete_tags(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Topic tags, for --tag."""
    from tipcli.model import TAGS

    return _typed_names(TAGS, incomplete)


# The short spellings of the tiers that --tier takes (index/filters.py normalise_tier).
TIER_WORDS = ("1", "2", "2wl", "3", "special")


def complete_tiers(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Tiers, for --tier."""
    return _typed_names(TIER_WORDS, incomplete)


def complete_styles(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Citation styles, for --style."""
    from tipcli.cite import STYLES

    return _typed_names(STYLES, incomplete)


def complete_report_ids(ctx: Any, param: Any, incomplete: str) -> list[str]:
    """Report ids of the corpus that --corpus (or $TIP_CORPUS, or the bundled report) names,
    read from its cached index; none when there is no index yet."""
    try:
        from tipcli.index.cache import report_ids
        from tipcli.index.discovery import corpus_path

        option = ctx.find_root().params.get("corpus")
        return report_ids(corpus_path(option or None), incomplete)
    except Exception:  # any failure: offer nothing, silently (never a traceback in a shell)
        return []


# Parameter name -> its completion; ("command", name) for an argument of one command.
COMPLETIONS: dict[str | tuple[str, str], Callable[[Any, Any, str], list[str]]] = {
    "report": complete_report_ids,
    "tier": complete_tiers,
    "tag": complete_tags,
    "section": complete_sections,
    "measure": complete_measures,
    "kind": complete_kinds,
    "style": complete_styles,
    ("section", "name"): complete_sections,
    ("show", "item_id"): complete_report_ids,
    ("cite", "item_id"): complete_report_ids,
}


def _attach_completions(group: Any) -> None:
    """Give each parameter listed in COMPLETIONS its callback (click's shell_complete hook)."""
    for command_name, command in group.commands.items():
        for param in command.params:
            found = COMPLETIONS.get(param.name) or COMPLETIONS.get((command_name, param.name))
            if found is not None:
                param._custom_shell_complete = found


# -- option bundles --------------------------------------------------------------------
# Options every listing command shares are declared once, here, and added to a command by a
# decorator (sqlite-utils' `output_options`). The decorator extends the command's signature
# with the bundle's parameters, so typer shows and parses them, and hands the command one
# value built from them: `filters: Filters` or `fmt: Format`.


def _option(name: str, annotation: Any, default: object) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                             annotation=annotation)  # fmt: skip


def _bundle(
    target: str, parameters: Sequence[inspect.Parameter], build: Callable[..., object]
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator adding `parameters` to a command, which gets build(**their values) as
    its `target` argument."""
    names = [p.name for p in parameters]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command)
        own = [p for p in signature.parameters.values() if p.name != target]

        @wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            values = {name: kwargs.pop(name) for name in names}
            command(*args, **kwargs, **{target: build(**values)})

        every = [*own, *parameters]
        wrapper.__signature__ = signature.replace(parameters=every)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in every}
        return wrapper

    return decorate


# The corpus filters: one parameter per filter; _filters() turns them into one Filters.
ReportOpt = Annotated[
    str | None,
    typer.Option(
        "--report",
        "-r",
        metavar="ID",
        help="Only this report id.",
    ),
]
CountryOpt = Annotated[
    str | None,
    typer.Option("--country", metavar="NAME", help="Only this country (case and accents ignored)."),
]
YearOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--year",
        metavar="YEARS",
        help="Only these years: 2012, 2010-2015, 2010- or -2008; repeat for more.",
    ),
]
TierOpt = Annotated[
    str | None,
    typer.Option(
        "--tier",
        metavar="TIER",
        help="Only this tier: 1, 2, 2wl, 3 or special.",
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        metavar="TAG",
        help="Only paragraphs with this topic tag (fuzzy; 'tip tags' lists them); repeat for all of several.",
    ),
]
FILTER_OPTIONS = [
    _option("report", ReportOpt, None),
    _option("country", CountryOpt, None),
    _option("year", YearOpt, None),
    _option("tier", TierOpt, None),
    _option("tag", TagOpt, None),
]


def _filters(
    report: str | None,
    country: str | None,
    year: list[str] | None,
    tier: str | None,
    tag: list[str] | None,
) -> Filters:
    from tipcli.index.filters import parse_years

    years = parse_years(year or [])
    return Filters(report, country, None, tier, years=years, tags=tuple(tag or ()))


filter_options = _bundle("filters", FILTER_OPTIONS, _filters)

# The output formats: flag parameter -> (option, help, format). They exclude each other;
# without one, output is rich on a terminal and plain text otherwise.
FORMAT_FLAGS: dict[str, tuple[str, str, Format]] = {
    "json_": ("--json", "Write one JSON array of records.", Format.JSON),
    "jsonl": ("--jsonl", "Write one JSON record per line.", Format.JSONL),
    "csv": ("--csv", "Write CSV: a header row, then one row per record.", Format.CSV),
}


def _chosen_format(**flags: bool) -> Format:
    chosen = [FORMAT_FLAGS[name] for name, on in flags.items() if on]
    if len(chosen) > 1:
        names = " and ".join(option for option, _, _ in chosen)
        raise UsageError(f"{names} exclude each other", "choose one")
    return chosen[0][2] if chosen else Format.AUTO


_with_format = _bundle(
    "fmt",
    [
        _option(name, Annotated[bool, typer.Option(option, help=text)], False)
        for name, (option, text, _) in FORMAT_FLAGS.items()
    ],
    _chosen_format,
)


def format_options(command: Callable[..., None]) -> Callable[..., None]:
    """The format flags; and when the filters leave no report, a note and exit 1 (with
    `[]` for --json, as for any empty result)."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except NoMatchError as exc:
            if kwargs["fmt"] in MACHINE_FORMATS:
                emit(Listing("none", ()), kwargs["fmt"])
            raise _fail(f"tip: {exc}", ExitCode.NOT_FOUND) from None

    return _with_format(wrapper)


SectionOpt = Annotated[
    str | None,
    typer.Option(
        "--section",
        "-s",
        metavar="NAME",
        help="Only this section (fuzzy).",
    ),
]


def _finite(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number")
    return value


# -- the commands ----------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tip {__version__}")
        raise typer.Exit()


def _checked_corpus(option: str | None) -> str | None:
    """An empty --corpus or $TIP_CORPUS is a mistake (an unset variable in a script), not a
    request for the bundled report."""
    if option is not None and not option.strip():
        raise UsageError("--corpus is empty", "give a narrative file or folder, or leave it out")
    env = os.environ.get(CORPUS_ENV)
    if option is None and env is not None and not env.strip():
        raise UsageError(f"${CORPUS_ENV} is set but empty", "give it a path, or unset it")
    return option


@app.callback()
def main_options(
    ctx: typer.Context,
    corpus: Annotated[
        str | None,
        typer.Option(
            "--corpus",
            "-c",
            metavar="PATH",
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

    prefetch = Prefetch(_checked_corpus(corpus))  # lists the corpus while the rest imports
    from tipcli.session import Session

    ctx.obj = Session(corpus, not no_cache, progress=_progress(), prefetch=prefetch)


def _session(ctx: typer.Context) -> "Session":
    return cast("Session", ctx.obj)


def _finish(listing: Listing, fmt: Format, nothing: str) -> None:
    """Emit a listing; when it is empty, say so on stderr and exit 1 (JSON still gets [])."""
    items = iter(listing.items)
    first = next(items, None)
    if first is None:
        if fmt in MACHINE_FORMATS:
            emit(replace(listing, items=()), fmt)
        raise _fail(nothing, ExitCode.NOT_FOUND)
    emit(replace(listing, items=itertools.chain([first], items)), fmt)


@app.command()
@format_options
@filter_options
def reports(ctx: typer.Context, filters: Filters, fmt: Format) -> None:
    """List the loaded reports: id, country, year, tier, paragraphs, source.

    Example:

    \b
      tip --corpus narratives/ reports --tier 3
    """
    found = _session(ctx).reports(filters)
    _finish(Listing("reports", found), fmt, "tip: no reports found")


@app.command()
@format_options
@filter_options
def section(
    ctx: typer.Context,
    filters: Filters,
    fmt: Format,
    name: Annotated[
        str | None,
        typer.Argument(help="Section name, matched fuzzily."),
    ] = None,
) -> None:
    """Show one section's paragraphs, or without NAME each report's sections.

    Sections: overview, recommendations, prosecution, protection, prevention, profile.

    Example:

    \b
      tip section protection
    """
    session = _session(ctx)
    found = session.reports(filters)
    headers = {r.id: r for r in found}
    if name is None:
        listing = Listing("sections", session.section_counts(found), headers)
    else:
        listing = Listing("paragraphs", session.section_paragraphs(found, name), headers)
    _finish(listing, fmt, "tip: no paragraphs found")


@app.command()
@format_options
def show(
    ctx: typer.Context,
    fmt: Format,
    item_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A paragraph or report id.",
        ),
    ],
) -> None:
    """Show one paragraph (china-2007:p4) or every paragraph of a report (china-2007).

    Example:

    \b
      tip show china-2007:p6
    """
    session = _session(ctx)
    paragraphs = session.lookup(item_id)
    listing = Listing("paragraphs", paragraphs, session.report_map())
    _finish(listing, fmt, "tip: no paragraphs found")


@app.command()
def cite(
    ctx: typer.Context,
    item_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A report, paragraph or fact id.",
        ),
    ],
    style: Annotated[
        str,
        typer.Option(
            "--style",
            metavar="STYLE",
            help="apa, chicago, mla or bibtex.",
        ),
    ] = "apa",
) -> None:
    """Cite a report, or quote a paragraph or fact with its citation.

    For a paragraph, its text is quoted; for a fact, its sentence. The citation uses the
    title, publisher and date the text carries, else the State Department's title for the
    year.

    Examples:

    \b
      tip cite china-2007:p4:f8
      tip cite china-2007 --style bibtex
    """
    typer.echo(_session(ctx).citation(item_id, style))


@app.command()
@format_options
@filter_options
def tags(ctx: typer.Context, filters: Filters, fmt: Format) -> None:
    """List the topic tags with how many paragraphs carry each; use one with --tag.

    Example:

    \b
      tip tags --country nepal
    """
    found = _session(ctx).tags(filters)
    _finish(Listing("tags", found), fmt, "tip: no tagged paragraphs found")


@app.command()
@filter_options
def export(
    ctx: typer.Context,
    filters: Filters,
    sqlite: Annotated[
        str | None,
        typer.Option(
            "--sqlite",
            metavar="FILE",
            help="Write a SQLite database (reports, paragraphs, facts, panel; full-text "
            "index) instead of JSON Lines.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With --sqlite: replace FILE if it exists.")
    ] = False,
) -> None:
    """Write every record (reports, paragraphs, facts) as JSON Lines, or as SQLite.

    Examples:

    \b
      tip export | jq -c 'select(.type == "fact")'
      tip --corpus narratives/ export --sqlite tip.db && datasette tip.db
    """
    session = _session(ctx)
    if sqlite is None:
        items = session.export_items(filters)
        _finish(
            Listing("export", items, session.report_map(filters)),
            Format.JSONL,
            "tip: no records found",
        )
        return
    from pathlib import Path

    counts = session.export_database(Path(sqlite), filters, overwrite=force)
    nouns = {"reports": "report", "paragraphs": "paragraph", "facts": "fact", "panel": "panel row"}
    summary = ", ".join(plural(n, nouns.get(table, table)) for table, n in counts.items())
    typer.echo(f"tip: wrote {sqlite}: {summary}", err=True)


@app.command()
@format_options
@filter_options
def stats(
    ctx: typer.Context,
    filters: Filters,
    fmt: Format,
    section: SectionOpt = None,
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure",
            "-m",
            metavar="MEASURE",
            help="Only this measure (convictions...).",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only this kind (count, range, ...).",
        ),
    ] = None,
    minimum: Annotated[
        float | None,
        typer.Option(
            "--min", metavar="VALUE", callback=_finite, help="Only facts of at least this value."
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="report|measure",
            help="'report': the key figures, a row per report (sorted by country, year); "
            "'measure': a row per measure, a column per report.",
        ),
    ] = None,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart",
            help="With --by report, on a terminal: each key figure as bars, a country's "
            "years in order.",
        ),
    ] = False,
) -> None:
    """The numbers in the narratives, each with unit, qualifier, measure and sentence.

    Examples:

    \b
      tip stats --measure convictions
      tip --corpus narratives/ stats --by report --country nepal
      tip --corpus narratives/ stats --by measure
      tip --corpus narratives/ stats --by report --chart --country nepal
    """
    if by not in (None, "measure", "report"):
        raise UsageError(f"cannot summarise by '{by}'", "use --by report or --by measure")
    if chart and by != "report":
        raise UsageError("--chart draws the key figures", "use it with --by report")
    session = _session(ctx)
    if by == "report":
        listing = Listing("panel", session.panel(filters), chart=chart)
    elif by:
        rows = session.by_measure(filters, section, measure, kind, minimum)
        columns = tuple(dict.fromkeys(rid for row in rows for rid in row["reports"]))
        listing = Listing("summary", rows, columns=columns)
    else:
        facts = session.facts(filters, section, measure, kind, minimum)
        listing = Listing("facts", facts, session.report_map(filters))
    _finish(listing, fmt, "tip: no facts found")


@app.command()
@format_options
@filter_options
def search(
    ctx: typer.Context,
    filters: Filters,
    fmt: Format,
    query: Annotated[list[str], typer.Argument(help='Words to find; "quote" a phrase.')],
    section: SectionOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, help="At most this many hits.")
    ] = 10,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            metavar="SCORE",
            min=0,
            max=100,
            callback=_finite,
            help="Only hits scoring at least this (0-100).",
        ),
    ] = 0.0,
    exact: Annotated[
        bool, typer.Option("--exact", help="Whole words only: no typos, inflections, acronyms.")
    ] = False,
    sentences: Annotated[
        bool, typer.Option("--sentences", help="Return matching sentences, not paragraphs.")
    ] = False,
    full: Annotated[bool, typer.Option("--full", help="Show whole paragraphs.")] = False,
) -> None:
    """Ranked, typo-tolerant search of the paragraphs, best first.

    Example:

    \b
      tip search forced labour --section prosecution
    """
    session = _session(ctx)
    text = " ".join(query)
    hits, suggestions = session.search(filters, text, section, limit, min_score, exact, sentences)
    hint = f"; did you mean: {', '.join(suggestions)}" if suggestions else ""
    headers = session.headers(h.paragraph.report for h in hits)
    nothing = f"tip: no paragraph matches '{one_line(text, 80)}'{hint}"
    _finish(Listing("hits", hits, headers, full=full), fmt, nothing)


@app.command("index")
@format_options
def index_command(
    ctx: typer.Context,
    fmt: Format,
    clear: Annotated[bool, typer.Option("--clear", help="Remove every tip index.")] = False,
) -> None:
    """Show where the index of the corpus is and how big it is, or remove it.

    Examples:

    \b
      tip --corpus narratives/ index
      tip index --clear
    """
    from tipcli.index import cache
    from tipcli.records import index_record

    if clear:
        removed = len(cache.clear())
        typer.echo(f"tip: removed {plural(removed, 'index file')}", err=True)
        return
    info = index_record(cache.describe(_session(ctx).store))
    emit(Listing("index", [info]), fmt)


def _progress() -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None
    from tipcli.output.progress import LazyProgress

    return LazyProgress()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - between click's handlers
        sys.stderr.write("tip: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
