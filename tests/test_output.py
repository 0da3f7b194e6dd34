"""output/: one formatter per format behind one interface, chosen in emit() only."""

from __future__ import annotations

import io
import json

import pytest

from tipcli.errors import OutputError
from tipcli.model import Paragraph
from tipcli.output import FORMATTERS, Format, Listing, emit, formatter_class, resolve
from tipcli.output.base import MACHINE_FORMATS, Formatter, Style

PARAGRAPH = Paragraph("x-2001:p1", "x-2001", 1, "overview", "Côte d’Ivoire: 12 cases [/b].")


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_maps_to_a_formatter(fmt: Format) -> None:
    concrete = resolve(fmt, io.StringIO())
    assert concrete in FORMATTERS
    cls = formatter_class(concrete)
    assert issubclass(cls, Formatter) and cls is not Formatter
    out = io.StringIO()
    cls(Style()).write(Listing("paragraphs", [PARAGRAPH]), out)
    assert "x-2001" in out.getvalue()


def test_auto_is_plain_off_a_terminal() -> None:
    assert resolve(Format.AUTO, io.StringIO()) is Format.PLAIN
    assert set(FORMATTERS) == set(Format) - {Format.AUTO}


@pytest.mark.parametrize(("fmt", "expected"), [(Format.JSON, "[]\n"), (Format.JSONL, "")])
def test_empty_listings_in_machine_formats(fmt: Format, expected: str) -> None:
    out = io.StringIO()
    emit(Listing("hits", []), fmt, out)
    assert fmt in MACHINE_FORMATS and out.getvalue() == expected
    if fmt is Format.JSON:
        assert json.loads(out.getvalue()) == []


def test_json_array_round_trips() -> None:
    out = io.StringIO()
    emit(Listing("paragraphs", [PARAGRAPH, PARAGRAPH]), Format.JSON, out)
    records = json.loads(out.getvalue())
    assert [r["text"] for r in records] == [PARAGRAPH.text] * 2


def _ascii_stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")


def test_a_stream_that_cannot_show_unicode_gets_escapes() -> None:
    stream = _ascii_stream()
    emit(Listing("paragraphs", [PARAGRAPH]), Format.JSON, stream)
    text = stream.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]
    assert json.loads(text)[0]["text"] == PARAGRAPH.text  # exact: escaped in the JSON
    stream = _ascii_stream()
    emit(Listing("paragraphs", [PARAGRAPH]), Format.PLAIN, stream)
    text = stream.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]
    assert "C\\xf4te d\\u2019Ivoire" in text


class _FullDisk(io.StringIO):
    def flush(self) -> None:
        raise OSError(28, "No space left on device")


def test_a_failed_write_is_an_output_error() -> None:
    with pytest.raises(OutputError, match="No space left on device"):
        emit(Listing("paragraphs", [PARAGRAPH]), Format.PLAIN, _FullDisk())
