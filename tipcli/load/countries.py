"""Every country and territory the TIP Report has covered, with the names it goes by.

A data module: the loader recognises country lines, page titles and prose with it, and
gives each country one name across years and sources ("KOREA, NORTH", "North Korea" and
"Democratic People's Republic of Korea" are all "North Korea").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# canonical name: other names it is written as (matched ignoring case, accents and
# punctuation; "Korea, North" inverted forms and a leading "The" are handled by the code).
COUNTRIES: dict[str, tuple[str, ...]] = {
    "Afghanistan": (),
    "Albania": (),
    "Algeria": (),
    "Andorra": (),
    "Angola": (),
    "Antigua and Barbuda": ("Antigua & Barbuda",),
    "Argentina": (),
    "Armenia": (),
    "Aruba": (),
    "Australia": (),
    "Austria": (),
    "Azerbaijan": (),
    "The Bahamas": ("Bahamas",),
    "Bahrain": (),
    "Bangladesh": (),
    "Barbados": (),
    "Belarus": (),
    "Belgium": (),
    "Belize": (),
    "Benin": (),
    "Bhutan": (),
    "Bolivia": (),
    "Bosnia and Herzegovina": ("Bosnia-Herzegovina", "Bosnia & Herzegovina"),
    "Botswana": (),
    "Brazil": (),
    "Brunei": ("Brunei Darussalam",),
    "Bulgaria": (),
    "Burkina Faso": (),
    "Burma": ("Myanmar",),
    "Burundi": (),
    "Cabo Verde": ("Cape Verde",),
    "Cambodia": (),
    "Cameroon": (),
    "Canada": (),
    "Central African Republic": ("CAR",),
    "Chad": (),
    "Chile": (),
    "China": ("People's Republic of China", "PRC", "China (PRC)"),
    "Colombia": (),
    "Comoros": (),
    "Democratic Republic of the Congo": (
        "Congo, Democratic Republic of the",
        "Congo, Democratic Republic of",
        "Congo (Kinshasa)",
        "DRC",
        "Congo, DRC",
        "Democratic Republic of Congo",
    ),
    "Republic of the Congo": (
        "Congo, Republic of the",
        "Congo, Republic of",
        "Congo (Brazzaville)",
        "Congo",
        "Republic of Congo",
    ),
    "Costa Rica": (),
    "Côte d'Ivoire": ("Cote d'Ivoire", "Ivory Coast", "Cote dIvoire"),
    "Croatia": (),
    "Cuba": (),
    "Curaçao": ("Curacao",),
    "Cyprus": (),
    "Czech Republic": ("Czechia",),
    "Denmark": (),
    "Djibouti": (),
    "Dominica": (),
    "Dominican Republic": (),
    "Ecuador": (),
    "Egypt": (),
    "El Salvador": (),
    "Equatorial Guinea": (),
    "Eritrea": (),
    "Estonia": (),
    "Eswatini": ("Swaziland",),
    "Ethiopia": (),
    "Fiji": (),
    "Finland": (),
    "France": (),
    "Gabon": (),
    "The Gambia": ("Gambia",),
    "Georgia": (),
    "Germany": (),
    "Ghana": (),
    "Greece": (),
    "Grenada": (),
    "Guatemala": (),
    "Guinea": (),
    "Guinea-Bissau": ("Guinea Bissau",),
    "Guyana": (),
    "Haiti": (),
    "Honduras": (),
    "Hong Kong": ("Hong Kong SAR", "Hong Kong, China"),
    "Hungary": (),
    "Iceland": (),
    "India": (),
    "Indonesia": (),
    "Iran": ("Islamic Republic of Iran", "Iran, Islamic Republic of"),
    "Iraq": (),
    "Ireland": (),
    "Israel": (),
    "Italy": (),
    "Jamaica": (),
    "Japan": (),
    "Jordan": (),
    "Kazakhstan": (),
    "Kenya": (),
    "Kiribati": (),
    "North Korea": (
        "Korea, North",
        "Korea, Democratic People's Republic of",
        "Democratic People's Republic of Korea",
        "DPRK",
    ),
    "South Korea": ("Korea, South", "Korea, Republic of", "Republic of Korea", "ROK"),
    "Kosovo": (),
    "Kuwait": (),
    "Kyrgyzstan": ("Kyrgyz Republic",),
    "Laos": ("Lao PDR", "Lao People's Democratic Republic"),
    "Latvia": (),
    "Lebanon": (),
    "Lesotho": (),
    "Liberia": (),
    "Libya": (),
    "Liechtenstein": (),
    "Lithuania": (),
    "Luxembourg": (),
    "Macau": ("Macao", "Macau SAR"),
    "North Macedonia": ("Macedonia", "Republic of North Macedonia"),
    "Madagascar": (),
    "Malawi": (),
    "Malaysia": (),
    "Maldives": (),
    "Mali": (),
    "Malta": (),
    "Marshall Islands": (),
    "Mauritania": (),
    "Mauritius": (),
    "Mexico": (),
    "Micronesia": ("Federated States of Micronesia", "Micronesia, Federated States of"),
    "Moldova": (),
    "Monaco": (),
    "Mongolia": (),
    "Montenegro": (),
    "Morocco": (),
    "Mozambique": (),
    "Namibia": (),
    "Nauru": (),
    "Nepal": (),
    "Netherlands": ("The Netherlands", "Kingdom of the Netherlands"),
    "New Zealand": (),
    "Nicaragua": (),
    "Niger": (),
    "Nigeria": (),
    "Norway": (),
    "Oman": (),
    "Pakistan": (),
    "Palau": (),
    "Panama": (),
    "Papua New Guinea": (),
    "Paraguay": (),
    "Peru": (),
    "Philippines": ("The Philippines",),
    "Poland": (),
    "Portugal": (),
    "Qatar": (),
    "Romania": (),
    "Russia": ("Russian Federation",),
    "Rwanda": (),
    "Saint Kitts and Nevis": ("St. Kitts and Nevis", "St Kitts and Nevis"),
    "Saint Lucia": ("St. Lucia", "St Lucia"),
    "Saint Vincent and the Grenadines": (
        "St. Vincent and the Grenadines",
        "St Vincent and the Grenadines",
    ),
    "Samoa": (),
    "San Marino": (),
    "Sao Tome and Principe": ("São Tomé and Príncipe",),
    "Saudi Arabia": (),
    "Senegal": (),
    "Serbia": (),
    "Serbia and Montenegro": (),
    "Seychelles": (),
    "Sierra Leone": (),
    "Singapore": (),
    "Sint Maarten": (),
    "Slovakia": ("Slovak Republic",),
    "Slovenia": (),
    "Solomon Islands": (),
    "Somalia": (),
    "South Africa": (),
    "South Sudan": (),
    "Spain": (),
    "Sri Lanka": (),
    "Sudan": (),
    "Suriname": (),
    "Sweden": (),
    "Switzerland": (),
    "Syria": ("Syrian Arab Republic",),
    "Taiwan": (),
    "Tajikistan": (),
    "Tanzania": ("United Republic of Tanzania",),
    "Thailand": (),
    "Timor-Leste": ("East Timor", "Timor Leste"),
    "Togo": (),
    "Tonga": (),
    "Trinidad and Tobago": ("Trinidad & Tobago",),
    "Tunisia": (),
    "Türkiye": ("Turkey", "Turkiye"),
    "Turkmenistan": (),
    "Tuvalu": (),
    "Uganda": (),
    "Ukraine": (),
    "United Arab Emirates": ("UAE",),
    "United Kingdom": (
        "UK",
        "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    "United States": ("United States of America", "USA"),
    "Uruguay": (),
    "Uzbekistan": (),
    "Vanuatu": (),
    "Venezuela": (),
    "Vietnam": ("Viet Nam",),
    "Yemen": (),
    "Zambia": (),
    "Zimbabwe": (),
}

# Longest name in words: prose is scanned with windows up to this size.
_MAX_WORDS = 8


def key(name: str) -> str:
    """A name folded for lookup: no accents, case, punctuation or leading 'the'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-z0-9&]+", " ", ascii_name.lower().replace("'", "")).strip()
    return folded.removeprefix("the ").replace("&", "and")


@cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, others in COUNTRIES.items():
        for name in (canonical, *others):
            table[key(name)] = canonical
    return table


def canonical_country(name: str) -> str | None:
    """The canonical name of a country written any known way, else None."""
    return _table().get(key(name))


_GOVERNMENT_OF = re.compile(
    r"\b(?:Government|Governments|authorities|government) of (?:the )?"
    r"(?P<name>[A-Z][\w'’.-]*(?:,? (?:and |of |the |da |de )?[A-Z][\w'’.-]*){0,6})"
)
_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?] ))(?:The )?(?P<name>[A-Z][\w'’.-]*(?: (?:and |of |the )?[A-Z][\w'’.-]*){0,5})"
    r"(?: \([A-Z]{2,5}\))? (?:is|remains|was|continues to be) (?:a|an|mainly a|principally a|"
    r"primarily a|predominantly a) (?:\w+ ){0,3}(?:source|destination|transit|country)"
)
# "Solomon Islands is not ranked ...", "Somalia remains a Special Case ...": narratives with
# no tier name their country this way.
_UNRANKED_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?] ))(?:The )?(?P<name>[A-Z][\w'’.-]*(?: (?:and |of |the )?[A-Z][\w'’.-]*){0,5})"
    r" (?:(?:is|was|remains|remained)(?: \w+)?(?: as)? (?:not (?:rated|ranked)|a [Ss]pecial [Cc]ase)"
    r"|has not been (?:rated|ranked))\b"
)


def country_in_prose(text: str) -> str | None:
    """The country a narrative is about, from its opening prose ("The Government of Tonga
    ...", "Tonga is a destination country ...", "Tonga is not ranked"), else None."""
    for pattern in (_GOVERNMENT_OF, _SUBJECT, _UNRANKED_SUBJECT):
        for match in pattern.finditer(text):
            found = _longest_prefix(match.group("name"))
            if found:
                return found
    return None


def _longest_prefix(phrase: str) -> str | None:
    """The country named by the longest leading run of the phrase's words."""
    words = phrase.split()
    for size in range(min(len(words), _MAX_WORDS), 0, -1):
        found = canonical_country(" ".join(words[:size]).rstrip(",.'’"))
        if found:
            return found
    return None
