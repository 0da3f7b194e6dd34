"""Time reading a 600-page whole annual report as a PDF (run by hand, see README.md).

The PDF is generated: the repository's own narratives repeated under other country names,
in two columns with a running header and page numbers (tests/pdfwriter.py), until it has
the pages asked for. Prints the page count, the time to extract the text (pypdfium2 and
column/paragraph reconstruction), the time to parse every narrative out of it, and the time
of a first `tip index` on a folder holding it and of a second (the index keeps the result).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.pdfwriter import write_pdf  # noqa: E402
from tipcli.load.countries import COUNTRIES  # noqa: E402

SOURCES = [
    ROOT / "tests" / "fixtures" / "narratives" / n for n in ("chile-2018.txt", "fiji-2007.txt")
]


def paragraphs_for(pages: int) -> list[str]:
    """Front matter, then narratives under successive country names until `pages` pages."""
    bodies = []
    for source in SOURCES:
        line, _, body = source.read_text("utf-8").partition("\n")
        bodies.append((line.split("(")[0].split(":")[0].strip().title(), body))
    out = ["2024", "TRAFFICKING IN PERSONS REPORT", "COUNTRY NARRATIVES"]
    names = sorted(COUNTRIES)
    i = 0
    while True:
        name = names[i % len(names)]
        old, body = bodies[i % len(bodies)]
        out.append(f"{name.upper()}: TIER 2")
        out.extend(p.strip().replace(old, name) for p in body.split("\n") if p.strip())
        i += 1
        if i % 20 == 0 and len(write_pdf(out[:1], "")) and _pages(out) >= pages:
            return out


def _pages(paragraphs: list[str]) -> int:
    from tests.pdfwriter import layout

    return len(layout(paragraphs, "TRAFFICKING IN PERSONS REPORT | JUNE 2024"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=600)
    args = parser.parse_args()
    from tipcli.load.narrative import read_narratives
    from tipcli.load.pdf import pdf_text

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        pdf = folder / "tip-report-2024.pdf"
        pdf.write_bytes(
            write_pdf(paragraphs_for(args.pages), "TRAFFICKING IN PERSONS REPORT | JUNE 2024")
        )
        data = pdf.read_bytes()
        start = time.perf_counter()
        text = pdf_text(data, str(pdf))
        extracted = time.perf_counter() - start
        start = time.perf_counter()
        reports = read_narratives(pdf)
        parsed = time.perf_counter() - start
        print(f"pages: {text.count(chr(12)) + 1}, bytes: {len(data):,}, narratives: {len(reports)}")
        print(f"text extraction: {extracted:.2f} s; extraction + repair + parsing: {parsed:.2f} s")
        env = {"XDG_CACHE_HOME": str(Path(tmp) / "cache"), "PATH": str(Path(sys.executable).parent)}
        for label in ("first tip index (parse, facts, store)", "second tip index (kept)"):
            start = time.perf_counter()
            subprocess.run(["tip", "--corpus", str(folder), "index"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            print(f"{label}: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
