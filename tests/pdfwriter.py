"""A minimal PDF writer for tests: pages of text lines in one or two columns.

Hand-written (about 60 lines) so the tests need no PDF-making dependency: Helvetica, WinAnsi
text (latin-1), one content stream per page, a cross-reference table with exact offsets.
"""

from __future__ import annotations

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN, GUTTER, LEADING, FONT_SIZE = 50, 30, 12.5, 10
PARAGRAPH_SKIP = 8  # points of extra space between paragraphs
CHARS_PER_LINE = 48  # per column at 10 pt Helvetica


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def layout(paragraphs: list[str], header: str = "", columns: int = 2) -> list[bytes]:
    """Paragraphs wrapped and flowed down the columns of as many pages as they need; each
    page's content stream."""
    width = CHARS_PER_LINE if columns == 2 else CHARS_PER_LINE * 2
    column_width = (PAGE_WIDTH - 2 * MARGIN - (columns - 1) * GUTTER) / columns
    lines: list[tuple[str, bool]] = []  # (text, first line of a paragraph)
    for paragraph in paragraphs:
        for i, line in enumerate(textwrap.wrap(paragraph, width) or [""]):
            lines.append((line, i == 0))
    pages: list[bytes] = []
    top = PAGE_HEIGHT - MARGIN - 3 * LEADING
    ops: list[str] = []
    column, y = 0, top

    def start_page() -> None:
        nonlocal ops, column, y
        number = len(pages) + 1
        ops = [f"BT /F1 8 Tf {MARGIN} {PAGE_HEIGHT - MARGIN} Td ({_escape(header)}) Tj ET"]
        ops.append(
            f"BT /F1 8 Tf {PAGE_WIDTH - MARGIN - 10} {PAGE_HEIGHT - MARGIN} Td ({number}) Tj ET"
        )
        column, y = 0, top

    start_page()
    for text, first in lines:
        if first and y != top:
            y -= PARAGRAPH_SKIP
        if y < MARGIN:
            column += 1
            y = top
            if column == columns:
                pages.append("\n".join(ops).encode("cp1252"))
                start_page()
        x = MARGIN + column * (column_width + GUTTER)
        ops.append(f"BT /F1 {FONT_SIZE} Tf {x:.1f} {y:.1f} Td ({_escape(text)}) Tj ET")
        y -= LEADING
    pages.append("\n".join(ops).encode("cp1252"))
    return pages


def pdf_bytes(streams: list[bytes]) -> bytes:
    """A PDF file of the given page content streams."""
    n = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_pdf(paragraphs: list[str], header: str = "", columns: int = 2) -> bytes:
    """Paragraphs as a PDF of one or two columns with a running header and page numbers."""
    return pdf_bytes(layout(paragraphs, header, columns))
