"""The fact grammar stage by stage: kind and unit (kinds.py), comparison (comparison.py),
measure (measures.py). Each case is one construction narratives use."""

from __future__ import annotations

import pytest

from tipcli.facts.extract import sentence_facts
from tipcli.facts.found import Found


def _read(sentence: str) -> list[Found]:
    return list(sentence_facts(sentence))


# -- stage 1: kind and unit ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Courts fined traffickers 5,000 lei.", [("money", 5000, "lei")]),
        ("It granted 20,000 ringgit.", [("money", 20000, "ringgit")]),
        ("It funded 150 crisis rooms, 132 operated by NGOs.",
         [("count", 150, "crisis rooms"), ("count", 132, "crisis rooms")]),
        ("Police rescued 52 Indonesian children.", [("count", 52, "children")]),
        ("Committees worked in 29 of the country's 32 departments.",
         [("count", 29, "departments"), ("count", 32, "departments")]),
        ("Police forwarded 18 of them.", []),
        ("It runs one NGO-run shelter.", [("count", 1, "shelters")]),
        ("Victims may stay up to 10 days to recover.", [("duration", 10, "days")]),
        ("It adopted a three-year plan.", []),
        ("About 40 percent were children.", [("percent", 40, "percent")]),
        ("It had a budget of 16.4 billion rupiah.", [("money", 16_400_000_000, "rupiah")]),
        ("It cost 12 million drachmas.", [("money", 12_000_000, "drachmas")]),
        ("It trained two police officers.", [("count", 2, "police officers")]),
        ("It trained 300 prosecutors and judges.", [("count", 300, "prosecutors and judges")]),
        ("The hotline received 1,918 calls, 73 of which were referred to police.",
         [("count", 1918, "calls"), ("count", 73, "calls")]),
        ("Victims may receive a 30-day recovery period.", [("duration", 30, "days")]),
        ("Migrants were held in centers, which numbered at least 18.", [("count", 18, "centers")]),
    ],
)  # fmt: skip
def test_kind_and_unit(sentence: str, expected: list[tuple[object, ...]]) -> None:
    assert [(f.kind, f.value, f.unit) for f in _read(sentence)] == expected


def test_a_range_shares_a_scale_only_when_it_can() -> None:
    (small,) = _read("It hosts 2 to 3 million workers.")
    (large,) = _read("An estimated 200,000 to 1 million street children live there.")
    assert (small.low, small.high) == (2_000_000, 3_000_000)
    assert (large.low, large.high, large.unit) == (200_000, 1_000_000, "street children")


def test_qualifier_and_age() -> None:
    (fact,) = _read("It assisted more than 40 domestic workers.")
    assert fact.qualifier == "more than"
    (age,) = _read("The law protects children under 15.")
    assert (age.kind, age.qualifier) == ("age", "under")


# -- stage 2: comparison -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "earlier"),
    [
        ("Courts convicted 14 traffickers, compared with 10 in 2020.", [False, True]),
        ("It withdrew licenses from 11 agencies.", [False]),
        ("It initiated prosecutions against 12 suspects.", [False]),
        ("Courts convicted 30 traffickers, compared with 25 convictions in 2012, and 43 "
         "suspects were prosecuted.", [False, True, False]),
        ("It reported 900 investigations, down from 1,000 investigations, 350 prosecutions, "
         "and 180 convictions in 2019.", [False, True, True, True]),
        ("Police identified 1,110 victims (652 females and 458 males), compared with 153 in "
         "2018.", [False, False, False, True]),
        ("During the previous reporting period, the ministry had prosecuted 38 cases.", [True]),
        ("Courts convicted 31 traffickers (2021: 45).", [False, True]),
    ],
)  # fmt: skip
def test_earlier_only_for_what_a_comparison_names(sentence: str, earlier: list[bool]) -> None:
    assert [f.earlier for f in _read(sentence)] == earlier


def test_an_elided_comparison_takes_the_unit_of_the_figure_compared() -> None:
    facts = _read(
        "Police identified 1,110 victims (652 females and 458 males), compared with 153 in 2018."
    )
    assert facts[-1].unit == "victims"


# -- stage 3: measure ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "measures"),
    [
        ("The unit investigated 135 cases and referred 41 suspects for prosecution.",
         ["investigations", "prosecutions"]),
        ("Police recorded 200 cases and prosecutors prosecuted 129 cases.",
         ["investigations", "prosecutions"]),
        ("Prosecutors filed charges in 86 cases.", ["prosecutions"]),
        ("Police arrested 20 suspects and referred 15 for prosecution.",
         ["arrests", "prosecutions"]),
        ("Police investigated 9 trafficking cases and 118 pimping cases.",
         ["investigations", "related crimes"]),
        ("Courts convicted 17 people for migrant smuggling.", ["related crimes"]),
        ("It registered 96 cases, all handled as labor violations.", ["related crimes"]),
        ("Judges ordered restitution of 185,000 ringgit ($41,900).",
         ["restitution", "restitution"]),
        ("The ministry received a budget of 5 million ringgit.", ["funding"]),
        ("Agents charge workers fees of up to 20,000 ringgit.", ["other"]),
        ("Families paid a bride price of 3,000 dollars.", ["other"]),
        ("Courts imposed fines of up to 50,000 ringgit.", ["penalties"]),
        ("An estimated 3.5 million Nepalis work abroad.", ["other"]),
        ("An estimated 17,000 people remain in bonded labor.", ["estimate"]),
        ("The campaign reached an estimated 10,000 people.", ["other"]),
        ("Officials identified 253 victims (212 children and 41 adults).",
         ["victims identified"] * 3),
        ("Officials identified and assisted 44 victims.", ["victims identified"]),
        ("NGOs assisted 87 victims.", ["victims assisted"]),
        ("Teams screened 1,352 potential victims.", ["other"]),
        ("Victims in investigations may stay up to 10 days.", ["other"]),
        ("Courts sentenced them to 10 years in prison.", ["sentences"]),
        ("The law prescribes penalties of five to 20 years' imprisonment.", ["penalties"]),
    ],
)  # fmt: skip
def test_measure(sentence: str, measures: list[str]) -> None:
    assert [f.measure for f in _read(sentence)] == measures
