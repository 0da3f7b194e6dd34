"""A PDF's text, in reading order, laid out for the page repair (imported only for PDFs).

pypdfium2 (PDFium's bindings; BSD/Apache licences, wheels for every platform) gives each
text line's box. Lines are put back in reading order column by column, a blank line marks
a paragraph break (a gap wider than the line pitch), and pages are separated by form
feeds, so the result reads like `pdftotext` output and goes through the same repair.
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from tipcli.errors import NarrativeError

COLUMN_MIN_LINES = 5  # lines starting at one x position that make a column
COLUMN_X_TOLERANCE = 6.0  # points: left edges this close start the same column
SAME_LINE_TOLERANCE = 2.5  # points: boxes whose centres are this close share a line
PARAGRAPH_GAP = 1.4  # a gap this many times the line pitch separates paragraphs
SHORT_LINE_CHARS = 8  # a line ending this many characters short of the edge ends a paragraph
MIN_TEXT_CHARS = 20  # a PDF with less text than this has no text layer (scanned)


@dataclass(frozen=True, slots=True)
class _Box:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


def pdf_text(data: bytes, name: str) -> str:
    """The text of a PDF, page by page; NarrativeError when it cannot be read as text."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            raise NarrativeError(
                f"{name}: is an encrypted PDF", "save an unencrypted copy of it"
            ) from exc
        raise NarrativeError(
            f"{name}: is a broken PDF", "download it again or remove it from the corpus"
        ) from exc
    try:
        pages = [_page_text(document[i]) for i in range(len(document))]
    except pdfium.PdfiumError as exc:
        raise NarrativeError(
            f"{name}: is a broken PDF", "download it again or remove it from the corpus"
        ) from exc
    finally:
        document.close()
    text = "\f".join(pages)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise NarrativeError(
            f"{name}: is a PDF without a text layer (scanned pages)",
            "run it through OCR first (e.g. ocrmypdf) or use the report's text",
        )
    return text


def _page_text(page: object) -> str:
    """One page's lines in reading order, blank lines between paragraphs."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        boxes = _line_boxes(textpage)
    finally:
        textpage.close()
    texts = [_column_text(column) for column in _columns(boxes) if column]
    return "\n".join(text for text in texts if text)


def _line_boxes(textpage: Any) -> list[_Box]:
    """The page's text lines with their boxes: the text in one call, then the boxes of each
    line's first and last characters (7x faster than asking for each line's text)."""
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():  # characters outside the BMP: ask line by line
        return _rect_boxes(textpage)
    boxes = []
    start = 0
    for raw in text.split("\r\n"):
        line = raw.replace("\x02", "-").replace("\n", " ").rstrip()
        if line.strip():
            first = textpage.get_charbox(start + len(raw) - len(raw.lstrip()), loose=True)
            last = textpage.get_charbox(start + len(line) - 1, loose=True)
            bottom, top = min(first[1], last[1]), max(first[3], last[3])
            boxes.append(_Box(first[0], bottom, last[2], top, line.strip()))
        start += len(raw) + 2
    return boxes


def _rect_boxes(textpage: Any) -> list[_Box]:
    boxes = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\r", " ").replace("\n", " ").replace("\x02", "-").strip()
        if text:
            boxes.append(_Box(left, bottom, right, top, text))
    return boxes


def _columns(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes split into columns: a column is a left edge many lines share."""
    starts: dict[int, int] = defaultdict(int)
    for box in boxes:
        starts[round(box.left / COLUMN_X_TOLERANCE)] += 1
    edges = sorted(k * COLUMN_X_TOLERANCE for k, n in starts.items() if n >= COLUMN_MIN_LINES)
    edges = [e for i, e in enumerate(edges) if i == 0 or e - edges[i - 1] > 4 * COLUMN_X_TOLERANCE]
    if len(edges) < 2:
        return [boxes]
    columns: list[list[_Box]] = [[] for _ in edges]
    for box in boxes:
        index = max(
            (i for i, edge in enumerate(edges) if box.left >= edge - COLUMN_X_TOLERANCE),
            default=0,
        )
        # A box alone at the far right (a page number) belongs to the line it stands on.
        columns[index if _starts_column(box, edges[index]) else 0].append(box)
    return columns


def _starts_column(box: _Box, edge: float) -> bool:
    return abs(box.left - edge) <= COLUMN_X_TOLERANCE * 4


def _column_text(boxes: list[_Box]) -> str:
    """A column's boxes as lines, top to bottom, a blank line at each paragraph gap."""
    lines: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: (-b.middle, b.left)):
        if lines and abs(lines[-1][0].middle - box.middle) <= SAME_LINE_TOLERANCE:
            lines[-1].append(box)
        else:
            lines.append([box])
    if not lines:
        return ""
    middles = [line[0].middle for line in lines]
    steps = [a - b for a, b in itertools.pairwise(middles)]
    pitch = statistics.median(steps) if steps else 0.0
    out: list[str] = []
    for i, line in enumerate(lines):
        if i and pitch and steps[i - 1] > PARAGRAPH_GAP * pitch:
            out.append("")
        out.append(" ".join(b.text for b in sorted(line, key=lambda b: b.left)))
    if _ends_short(lines):
        out.append("")  # the column's last paragraph ends here, not in the next column
    return "\n".join(out)


def _ends_short(lines: list[list[_Box]]) -> bool:
    """True when the last line ends a sentence well short of the column's right edge."""
    right = max(box.right for line in lines for box in line)
    last = max(lines[-1], key=lambda b: b.right)
    char_width = (last.right - last.left) / max(len(last.text), 1)
    room = right - last.right
    return (
        last.text.rstrip().endswith((".", "!", "?", ":", '."'))
        and room > SHORT_LINE_CHARS * char_width
    )
