"""The fact extractor: gold facts of every fixture, the seed, each construction, properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipcli.facts.extract import extract_paragraph, extract_report
from tipcli.load.narrative import read_narrative
from tipcli.load.text import normalise_chars, normalise_paragraph
from tipcli.model import Fact, Paragraph

from .conftest import SEED, gold_files, load_gold


def _facts(text: str, section: str = "prosecution") -> list[Fact]:
    return extract_paragraph(Paragraph("t-2000:p1", "t-2000", 1, section, text))


def _score_fixture(gold_path: Path) -> tuple[int, int, int, list[str]]:
    gold = load_gold(gold_path)
    report = read_narrative(gold_path.with_name(gold_path.name.removesuffix(".gold.json")))
    facts = extract_report(report)
    used: set[str] = set()
    wrong: list[str] = []
    for want in gold["facts"]:
        needle = normalise_paragraph(normalise_chars(want["sentence_contains"]))
        match = next(
            (
                f
                for f in facts
                if f.id not in used
                and needle in f.sentence
                and (f.value, f.low, f.high) == (want["value"], want["low"], want["high"])
            ),
            None,
        )
        if match is None:
            wrong.append(f"missed {want['sentence_contains']!r}")
            continue
        used.add(match.id)
        for key in ("unit", "qualifier", "kind", "section"):
            if getattr(match, key) != want[key]:
                wrong.append(f"{match.text}: {key} {getattr(match, key)!r} != {want[key]!r}")
    true_positives = len(used)
    return true_positives, len(facts) - true_positives, len(gold["facts"]) - true_positives, wrong


@pytest.mark.parametrize("gold_set", ["own", "shared"])
def test_gold_precision_and_recall(gold_set: str) -> None:
    if not gold_files(gold_set):
        pytest.skip(f"no gold in the {gold_set} set here (../shared is absent on a fresh clone)")
    tp = fp = fn = 0
    problems: list[str] = []
    for gold_path in gold_files(gold_set):
        a, b, c, wrong = _score_fixture(gold_path)
        tp, fp, fn = tp + a, fp + b, fn + c
        problems += wrong
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"facts: precision {precision:.3f} recall {recall:.3f} ({tp} found)")
    assert precision >= 0.95 and recall >= 0.95, problems
    assert len(problems) <= 0.05 * tp, problems


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name.split(".")[0])
def test_each_fixture_has_every_gold_fact_right(gold_path: Path) -> None:
    _, extra, _, wrong = _score_fixture(gold_path)
    assert not wrong and extra == 0, wrong


def test_seed_facts_named_in_the_issue() -> None:
    facts = extract_report(read_narrative(SEED))
    table = {(f.text, f.unit, f.qualifier, f.kind, f.measure) for f in facts}
    assert ("3,371", "cases", None, "count", "investigations") in table
    assert ("371", "victims", None, "count", "victims rescued") in table
    assert ("415", "suspected traffickers", None, "count", "arrests") in table
    assert ("six", "traffickers", "at least", "count", "convictions") in table
    assert ("30", "victims", "up to", "count", "other") in table
    estimate = next(f for f in facts if f.text == "10,000 to 20,000")
    assert (estimate.low, estimate.high, estimate.value) == (10000, 20000, None)
    assert (estimate.qualifier, estimate.measure) == ("an estimated minimum of", "estimate")
    texts = [f.text for f in facts]
    assert "244" not in texts and "2006" not in texts and "2000" not in texts
    assert "2" not in texts  # "Tier 2 Watch List"
    assert "two" in texts and "Border Liaison Offices" in {f.unit for f in facts}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police arrested 1,234 suspects.", [("count", 1234, None, None, "suspects")]),
        ("Courts convicted twenty-five traffickers.", [("count", 25, None, None, "traffickers")]),
        ("It hosts 1.2 million migrant workers.", [("count", 1_200_000, None, None, "migrant workers")]),
        ("It trained a dozen judges.", [("count", 12, None, None, "judges")]),
        ("There are 10,000 to 20,000 victims.", [("range", None, 10000, 20000, "victims")]),
        ("Sentences were between five and 15 years.", [("range", None, 5, 15, "years")]),
        ("It formed 5-10 task forces.", [("range", None, 5, 10, "task forces")]),
        ("About 90 percent were women.", [("percent", 90, None, None, "percent")]),
        ("A fine of 5 million lempiras ($205,000) applies.",
         [("money", 5_000_000, None, None, "lempiras"), ("money", 205_000, None, None, "USD")]),
        ("It bans sex with girls under 14.", [("age", 14, None, None, "years")]),
        ("It covers children under age 18.", [("age", 14 + 4, None, None, "years")]),
        ("It prescribes three years' imprisonment.", [("duration", 3, None, None, "years")]),
    ],
)  # fmt: skip
def test_constructions(sentence: str, expected: list[tuple[object, ...]]) -> None:
    got = [(f.kind, f.value, f.low, f.high, f.unit) for f in _facts(sentence)]
    assert got == expected


def test_breakdown_gives_three_facts() -> None:
    facts = _facts(
        "Authorities investigated 78 cases (51 sex trafficking and 27 labor trafficking)."
    )
    assert [(f.value, f.unit) for f in facts] == [(78, "cases"), (51, "cases"), (27, "cases")]


def test_comparison_marks_the_earlier_figure() -> None:
    facts = _facts("Courts convicted 14 traffickers, compared with 10 in 2020.")
    assert [(f.value, f.unit, f.earlier, f.measure) for f in facts] == [
        (14, "traffickers", False, "convictions"),
        (10, "traffickers", True, "convictions"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "In December 2006 the law took effect.",
        "It has not ratified the 2000 UN TIP Protocol.",
        "Article 244 of the criminal code bans forced labor.",
        "Sections 174, 254, 260, and 264 of the penal code apply.",
        "China is on Tier 2 Watch List for the third consecutive year.",
        "It was the 10th annual meeting, held on June 5, 2019.",
        "The two sides met; all three regions agreed.",
        "Victims may call the 116 child helpline.",
        "The 2021-2025 national action plan continued.",
    ],
)
def test_non_facts(sentence: str) -> None:
    assert _facts(sentence) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_never_raises_and_spans_point_at_numbers(text: str) -> None:
    for fact in _facts(text):
        assert fact.sentence[slice(*fact.span)] == fact.text
        assert fact.text.strip()


_NUMBERS = st.sampled_from(
    ["3,371", "415", "six", "twenty-five", "1.5 million", "10 to 20", "$500"]
)
_WORDS = st.sampled_from(
    ["victims", "cases", "percent", "years'", "shillings", "of", "in 2005", ","]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_NUMBERS, _WORDS), min_size=1, max_size=12))
def test_spans_on_numeric_word_salad(parts: list[str]) -> None:
    text = "Police reported " + " ".join(parts) + "."
    for fact in _facts(text):
        assert fact.sentence[slice(*fact.span)] == fact.text
        assert any(ch.isdigit() for ch in fact.text) or fact.text.split()[0][:1].isalpha()


def test_comparison_lists_and_breakdowns_keep_their_measure() -> None:
    facts = _facts(
        "The government reported investigating 59 trafficking cases involving 94 suspects, "
        "compared with 41 cases involving 62 suspects in 2018."
    )
    assert [(f.value, f.unit, f.earlier) for f in facts] == [
        (59, "cases", False),
        (94, "suspects", False),
        (41, "cases", True),
        (62, "suspects", True),
    ]
    facts = _facts(
        "Authorities prosecuted 15 defendants, including nine for sex trafficking and six for "
        "labor trafficking."
    )
    assert [(f.value, f.unit, f.measure) for f in facts] == [
        (15, "defendants", "prosecutions"),
        (9, "defendants", "prosecutions"),
        (6, "defendants", "prosecutions"),
    ]
    facts = _facts("Police arrested 4 suspects, and 2 of them were convicted.")
    assert [(f.unit, f.measure) for f in facts] == [
        ("suspects", "arrests"),
        ("suspects", "convictions"),
    ]
