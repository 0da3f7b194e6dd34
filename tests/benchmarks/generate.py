"""Write a deterministic synthetic corpus of N narratives for benchmarks.

Each narrative is one of the bundled seed or the fixtures in ../shared/corpus, with another
country's name, another year and other numbers. Usage:

    python tests/benchmarks/generate.py 5000 /tmp/tip-bench/corpus
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [
    ROOT / "seeds" / "china-2007.txt",
    *sorted((ROOT.parent / "shared" / "corpus").glob("*.txt")),
]
TEMPLATE_COUNTRIES = {
    "china-2007": ("China", "Chinese"),
    "ghana-2012": ("Ghana", "Ghanaian"),
    "kenya-2008": ("Kenya", "Kenyan"),
    "malaysia-2023": ("Malaysia", "Malaysian"),
    "nepal-2019": ("Nepal", "Nepali"),
    "saudi-arabia-2006": ("Saudi Arabia", "Saudi"),
    "somalia-2013": ("Somalia", "Somali"),
}
COUNTRIES = [
    "Albania",
    "Algeria",
    "Angola",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahrain",
    "Bangladesh",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Botswana",
    "Brazil",
    "Brunei",
    "Bulgaria",
    "Burundi",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Chad",
    "Chile",
    "Colombia",
    "Comoros",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Denmark",
    "Djibouti",
    "Ecuador",
    "Egypt",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Georgia",
    "Germany",
    "Greece",
    "Guatemala",
    "Guinea",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kiribati",
    "Kosovo",
    "Kuwait",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Lithuania",
    "Madagascar",
    "Malawi",
    "Maldives",
    "Mali",
    "Malta",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Moldova",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Namibia",
    "Nauru",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Panama",
    "Paraguay",
    "Peru",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Samoa",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Togo",
    "Tonga",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Tuvalu",
    "Uganda",
    "Ukraine",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Venezuela",
    "Vietnam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
]


def _renumber(text: str, rng: random.Random) -> str:
    def change(match: re.Match[str]) -> str:
        digits = match.group(0)
        value = int(digits.replace(",", ""))
        if 1900 <= value <= 2100 and "," not in digits:
            return digits  # a year stays a year
        new = max(1, int(value * rng.uniform(0.5, 1.5)))
        return f"{new:,}" if "," in digits else str(new)

    return re.sub(r"\d{1,3}(?:,\d{3})+|\d+", change, text)


def narrative(i: int) -> tuple[str, str]:
    """The file name and text of the i-th synthetic narrative."""
    rng = random.Random(i)
    country = COUNTRIES[i % len(COUNTRIES)]
    year = 2001 + i // len(COUNTRIES)  # one narrative per country and year
    template = TEMPLATES[(i + i // len(COUNTRIES)) % len(TEMPLATES)]
    old_name, old_adjective = TEMPLATE_COUNTRIES[template.stem]
    old_year = template.stem.rsplit("-", 1)[1]
    text = template.read_text("utf-8")
    text = text.replace(old_name.upper(), country.upper()).replace(old_name, country)
    text = text.replace(old_adjective, f"{country}n").replace(old_year, str(year))
    text = _renumber(text, rng)
    return f"{country.lower()}-{year}-{i:05d}.txt", text


def main() -> None:
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        name, text = narrative(i)
        (folder / name).write_text(text, "utf-8")


if __name__ == "__main__":
    main()
