"""The parties an article names: countries by name, adjective or capital, and organisations.

Country names come from pycountry (ISO 3166-1: every country's name, common and official
name); the adjectives and capitals news copy uses for a government ("Chinese officials",
"Washington said") are the table below, for the countries that take part in most dialogues.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from tracker.domain.organisations import ORGANISATIONS

# alpha-2 code: the words that name its government besides its ISO names.
_WORDS = {
    "US": "U.S.|US|U.S.A.|USA|United States|America|American|Americans|Washington",
    "CN": "China|Chinese|Beijing|PRC|People's Republic of China",
    "IN": "India|Indian|New Delhi|Delhi",
    "JP": "Japan|Japanese|Tokyo",
    "KR": "South Korea|South Korean|Republic of Korea|ROK|Seoul|Korean",
    "KP": "North Korea|North Korean|DPRK|Pyongyang",
    "RU": "Russia|Russian|Moscow|Kremlin",
    "GB": "Britain|British|U.K.|UK|United Kingdom|London|England",
    "FR": "France|French|Paris",
    "DE": "Germany|German|Berlin",
    "IT": "Italy|Italian|Rome",
    "CA": "Canada|Canadian|Ottawa",
    "AU": "Australia|Australian|Canberra",
    "NZ": "New Zealand|Wellington",
    "MX": "Mexico|Mexican|Mexico City",
    "BR": "Brazil|Brazilian|Brasilia|Brasília",
    "VN": "Vietnam|Viet Nam|Vietnamese|Hanoi",
    "ID": "Indonesia|Indonesian|Jakarta",
    "PH": "Philippines|Philippine|Filipino|Manila",
    "TW": "Taiwan|Taiwanese|Taipei",
    "PK": "Pakistan|Pakistani|Islamabad",
    "IR": "Iran|Iranian|Tehran",
    "IL": "Israel|Israeli|Jerusalem",
    "SA": "Saudi Arabia|Saudi|Riyadh",
    "TR": "Turkey|Türkiye|Turkish|Ankara",
    "UA": "Ukraine|Ukrainian|Kyiv|Kiev",
    "EG": "Egypt|Egyptian|Cairo",
    "ZA": "South Africa|South African|Pretoria",
    "SG": "Singapore|Singaporean",
    "TH": "Thailand|Thai|Bangkok",
    "MY": "Malaysia|Malaysian|Kuala Lumpur",
    "AE": "United Arab Emirates|UAE|Emirati|Abu Dhabi",
    "QA": "Qatar|Qatari|Doha",
    "CU": "Cuba|Cuban|Havana",
    "VE": "Venezuela|Venezuelan|Caracas",
    "AF": "Afghanistan|Afghan|Kabul",
    "ES": "Spain|Spanish|Madrid",
    "PL": "Poland|Polish|Warsaw",
    "NO": "Norway|Norwegian|Oslo",
    "SE": "Sweden|Swedish|Stockholm",
    "MN": "Mongolia|Mongolian|Ulaanbaatar",
    "BD": "Bangladesh|Bangladeshi|Dhaka",
    "LK": "Sri Lanka|Sri Lankan|Colombo",
    "NP": "Nepal|Nepalese|Kathmandu",
    "EU": "European Union|EU|E.U.|Brussels|European Commission",
    "ASEAN": "ASEAN|Association of Southeast Asian Nations",
    "NATO": "NATO",
    "UN": "United Nations|U.N.|UN",
    "AFU": "African Union",
}

# Words that look like a party but are not one here ("the Indian Ocean", "Chinese New Year").
_NOT_A_PARTY = re.compile(
    r"\b(Indian Ocean|South China Sea|East China Sea|New Year|Indo-Pacific|Sino-Tibetan|"
    r"(?:North|South|Latin|Central) Americ(?:a|an|as))\b"
)
# Combining forms news copy joins with a hyphen: "Sino-US", "Indo-Pak", "Af-Pak".
_COMBINING = {"Sino": "China", "Indo": "India", "Pak": "Pakistan", "Af": "Afghanistan"}
_COMBINED = re.compile(r"\b(Sino|Indo|Af)(?=-[A-Z])|(?<=-)(Pak)\b|\b(Pak)(?=-[A-Z])")


def _fold(text: str) -> str:
    """Without accents ("Việt Nam" is "Viet Nam"), as the names are matched."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _normalised(text: str) -> str:
    text = _NOT_A_PARTY.sub(" ", _fold(text))
    return _COMBINED.sub(lambda m: _COMBINING[m.group(0)], text)


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:
                names.setdefault(name, country.alpha_2)
    for code, words in _WORDS.items():
        for word in words.split("|"):
            names[word] = code
    for organisation in ORGANISATIONS:
        names.setdefault(organisation.name, organisation.code)
    # The longest name first, so "South Korea" is not read as "Korea".
    names = {_fold(name): code for name, code in names.items()}
    alternatives = sorted(names, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in alternatives) + r")(?![\w])"
    )
    return pattern, names


def parties_in(text: str) -> list[str]:
    """The parties the text names, in the order first named."""
    pattern, names = _table()
    text = _normalised(text)
    found: list[str] = []
    for match in pattern.finditer(text):
        code = names[match.group(0)]
        if code not in found:
            found.append(code)
    return found


def party_pair(word: str) -> bool:
    """ "US-Japan", "China-U.S.": two parties or more joined by a hyphen or a dash."""
    parts = [p for p in re.split(r"[-–—]", word) if p]
    return len(parts) >= 2 and all(parties_in(p) for p in parts)


def main_parties(text: str) -> list[str]:
    """The parties the article names most, most named first."""
    pattern, names = _table()
    named = [names[m.group(0)] for m in pattern.finditer(_normalised(text))]
    counts = Counter(named)
    ranked = [code for code, _ in counts.most_common()]
    # The two named most, in the order the article first names them ("US-China").
    return sorted(ranked[:2], key=named.index) + ranked[2:]
