"""The repository's own narrative fixtures: each gold file agrees with its text.

These check the fixtures, not tip: a gold file that points at nothing, or at two places,
would make every test built on it meaningless.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "narratives"
GOLD = sorted(FIXTURES.glob("*.gold.json"))
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
SECTIONS = {"overview", "recommendations", "prosecution", "protection", "prevention", "profile"}
KINDS = {"count", "range", "percent", "money", "age", "duration"}
KEY_FIGURES = {"investigations", "prosecutions", "convictions", "victims_identified"}


def _load(path: Path) -> tuple[dict[str, Any], str]:
    """The gold and the text a reader sees: for a page, its tags removed, one line per element."""
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["file"]).read_text(encoding="utf-8")
    if gold["file"].endswith(".html"):
        text = html.unescape(_TAG.sub("\n", _SCRIPT_OR_STYLE.sub("", text)))
        text = "\n".join(line.strip() for line in text.splitlines())
    return gold, text


def test_the_fixtures_are_there() -> None:
    assert len(GOLD) >= 7
    for path in GOLD:
        assert path.name == json.loads(path.read_text(encoding="utf-8"))["file"] + ".gold.json"


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name.split(".")[0])
def test_each_paragraph_start_is_one_line_start(path: Path) -> None:
    gold, text = _load(path)
    starts = [m.start() for p in gold["paragraphs"] for m in
              re.finditer("^" + re.escape(p["starts_with"]), text, re.M)]  # fmt: skip
    assert len(starts) == len(gold["paragraphs"]), "a starts_with is missing or repeated"
    assert starts == sorted(starts), "paragraphs are not in text order"
    assert {p["section"] for p in gold["paragraphs"]} <= SECTIONS


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name.split(".")[0])
def test_each_fact_snippet_is_found_once(path: Path) -> None:
    gold, text = _load(path)
    for fact in gold["facts"]:
        assert text.count(fact["sentence_contains"]) == 1, fact["sentence_contains"]
        assert fact["kind"] in KINDS and fact["section"] in SECTIONS
        ranged = fact["value"] is None
        assert ranged == (fact["kind"] == "range") == (fact["low"] is not None)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name.split(".")[0])
def test_key_figures_are_coded(path: Path) -> None:
    gold, text = _load(path)
    assert set(gold["key_figures"]) == KEY_FIGURES and gold["key_figures_notes"]
    for figure in gold["key_figures"].values():
        if figure["value"] is not None:
            assert figure["value"] in figure["accept"]
        if figure["sentence_contains"] is not None:
            assert figure["sentence_contains"] in text
