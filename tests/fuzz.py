"""A mutation fuzzer for the loader, the fact extractor and the query parser (run by hand).

    python tests/fuzz.py --seconds 600 --out /tmp/tip-fuzz

Starts from the bundled seed, tests/fixtures/narratives and ../shared/corpus (if present), mutates them (byte flips,
cut and spliced lines, repeated and dropped blank lines, odd Unicode, numbers and tier lines),
and checks for each input that:
- parse_narrative either returns a report or raises NarrativeError (nothing else);
- every paragraph text is a substring of the normalised input, in order;
- every fact's span points at its text in its sentence;
- parse_query either returns a query or raises UsageError, and search never raises.
Failing inputs are written to --out as crash-N.txt with the traceback. The README in this
folder notes each run and what it found.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tipcli.errors import NarrativeError, UsageError  # noqa: E402
from tipcli.facts.extract import extract_report  # noqa: E402
from tipcli.load.narrative import parse_narrative  # noqa: E402
from tipcli.load.text import normalise_chars, normalise_paragraph  # noqa: E402
from tipcli.search.query import parse_query  # noqa: E402

SEEDS = [
    ROOT / "seeds" / "china-2007.txt",
    *sorted((ROOT / "tests" / "fixtures" / "narratives").glob("*.txt")),
    *sorted((ROOT.parent / "shared" / "corpus").glob("*.txt")),  # when present
]
ODD = ["\u00a0", "\u200b", "\ufeff", "\u2019", "\u201c", "—", "•", "\t", "\r", "\r\n", "İ", "ß",
       "ﬁ", "\u0301", "𝟙", "٣", "½", "²", "$", "%", "(", ")", "[/foo]", "P. R. C. ", "U. S. -"]  # fmt: skip
SNIPPETS = ["Tier 2 Watch List", "SOMALIA (Special Case)", "PROSECUTION", "PRIORITIZED RECOMMENDATIONS:",
            "Recommendations for X:", "between five and 15 years' imprisonment", "$1.2 million",
            "10,000 to 20,000 victims", "compared with 10 in 2020", "78 cases (51 and 27)",
            "under age 18", "Article 244", "one for children", "twenty-five", "a dozen", "2021-2025",
            "3.4.5", "1,2,3,4", "9" * 40, "0.0.0", "$", "($)", "- -", "one of", "the two"]  # fmt: skip


def _insert_odd(text: str, rng: random.Random, pos: int) -> str:
    return text[:pos] + rng.choice(ODD) + text[pos:]


def _insert_snippet(text: str, rng: random.Random, pos: int) -> str:
    return text[:pos] + rng.choice(SNIPPETS) + text[pos:]


def _cut(text: str, rng: random.Random, pos: int) -> str:
    return text[:pos] + text[min(len(text), pos + rng.randint(1, 400)) :]


def _lines(text: str, rng: random.Random, pos: int) -> str:
    lines = text.split("\n")
    if rng.random() < 0.1:
        rng.shuffle(lines)
    else:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
    return "\n".join(lines)


def _blank_lines(text: str, rng: random.Random, pos: int) -> str:
    return re.sub(r"\n{2,}", lambda m: "\n" * rng.randint(1, 4), text)


def _digits(text: str, rng: random.Random, pos: int) -> str:
    return re.sub(r"\d", lambda m: str(rng.randrange(10)), text, count=rng.randint(1, 50))


def _byte_flips(text: str, rng: random.Random, pos: int) -> str:
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return data.decode("utf-8", "replace")


def _noise(text: str, rng: random.Random, pos: int) -> str:
    return "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randint(0, 200)))


EDITS = [_insert_odd, _insert_snippet, _cut, _lines, _blank_lines, _digits, _byte_flips, _noise]


def mutate(text: str, rng: random.Random) -> str:
    """One to six random edits of a narrative."""
    for _ in range(rng.randint(1, 6)):
        text = rng.choice(EDITS)(text, rng, rng.randrange(len(text) + 1))
    return text


def check(text: str) -> None:
    """Raise AssertionError (or any unexpected exception) when an invariant breaks."""
    try:
        report = parse_narrative(text, source="fuzz-2010.txt")
    except NarrativeError:
        report = None
    if report is not None:
        flat = normalise_paragraph(normalise_chars(text))
        cursor = 0
        for paragraph in report.paragraphs:
            head = paragraph.text[:40]
            found = flat.find(head, cursor)
            if found < 0 and "•" not in text:  # bullet lists are rejoined without bullets
                raise AssertionError(f"paragraph {paragraph.id} not in the input in order")
            cursor = max(cursor, found)
        for fact in extract_report(report):
            assert fact.sentence[fact.span[0] : fact.span[1]] == fact.text, fact
    for query in (text[:80], text[-40:], re.sub(r"\s+", " ", text[:30])):
        with contextlib.suppress(UsageError):
            parse_query(query, {})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--out", type=Path, default=Path("/tmp/tip-fuzz"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    seeds = [p.read_text("utf-8") for p in SEEDS]
    deadline = time.monotonic() + args.seconds
    runs = crashes = 0
    while time.monotonic() < deadline:
        text = mutate(rng.choice(seeds), rng)
        runs += 1
        try:
            check(text)
        except Exception:
            crashes += 1
            (args.out / f"crash-{crashes}.txt").write_text(
                text + "\n\n=====\n" + traceback.format_exc(), "utf-8", errors="replace"
            )
    print(f"{runs} inputs, {crashes} failures, {args.seconds:.0f} s, seed {args.seed}")


if __name__ == "__main__":
    main()
