"""emit(): the one place an output format is chosen and a listing written to stdout.

One formatter per format behind output.base.Formatter (pip-audit's `_format/` shape):
`plain.py` (tab-separated, for pipes), `terminal.py` (rich tables and highlighted text),
`json.py` (one array), `jsonl.py` (JSON Lines) and `csv.py` (a header row, a row a record). FORMATTERS maps each Format to its class,
imported only when chosen: rich alone costs more to import than a search of one report.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from importlib import import_module
from typing import TextIO

from tipcli.errors import OutputError
from tipcli.output.base import Format, Formatter, Listing, Style

__all__ = ["FORMATTERS", "Format", "Listing", "emit", "formatter_class"]

# module:class of each format's formatter (AUTO resolves to PLAIN or RICH first).
FORMATTERS: dict[Format, str] = {
    Format.PLAIN: "tipcli.output.plain:PlainFormatter",
    Format.RICH: "tipcli.output.terminal:RichFormatter",
    Format.JSON: "tipcli.output.json:JsonFormatter",
    Format.JSONL: "tipcli.output.jsonl:JsonlFormatter",
    Format.CSV: "tipcli.output.csv:CsvFormatter",
}

_UNICODE_ENCODINGS = ("utf-8", "utf-16", "utf-32")
_WHERE = "send the output to a file or a pipe that can be written"


def formatter_class(fmt: Format) -> type[Formatter]:
    """The formatter class of a concrete format (not AUTO)."""
    module, _, name = FORMATTERS[fmt].partition(":")
    cls: type[Formatter] = getattr(import_module(module), name)
    return cls


def color_allowed(stream: TextIO) -> bool:
    """Colour and tables only on a terminal, and never when NO_COLOR or TERM=dumb is set."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def resolve(fmt: Format, stream: TextIO) -> Format:
    """AUTO is rich on a terminal and plain text otherwise; other formats stay as asked."""
    if fmt is Format.AUTO:
        return Format.RICH if stream.isatty() else Format.PLAIN
    return fmt


def stream_style(stream: TextIO, width: int | None = None) -> Style:
    """What the stream can show: colour on a terminal, Unicode unless its encoding lacks it."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = "ascii"
    unicode = name.startswith(_UNICODE_ENCODINGS)
    return Style(color=color_allowed(stream), width=width, ascii_only=not unicode)


def emit(listing: Listing, fmt: Format, stream: TextIO | None = None) -> None:
    """Write a listing in the chosen format to stdout (or stream).

    A character the stream's encoding cannot show is written as a `\\uXXXX` escape: JSON
    escapes it in the JSON itself (the text stays exact); plain and rich text show the
    escape. A write that fails (a full disk, a closed stdout) raises OutputError; a reader
    that went away (BrokenPipeError) is left to the CLI, which ends quietly.
    """
    out: TextIO | None = stream if stream is not None else sys.stdout
    if out is None:  # Python started with stdout closed (`tip reports >&-`)
        raise OutputError("cannot write the output: standard output is closed", _WHERE)
    _escape_unencodable(out)
    style = stream_style(out)
    formatter = formatter_class(resolve(fmt, out))(style)
    try:
        formatter.write(listing, out)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        hint = "free some disk space" if exc.errno == errno.ENOSPC else _WHERE
        raise OutputError(f"cannot write the output: {reason}", hint) from None


def _escape_unencodable(out: TextIO) -> None:
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
