"""Where an organisation is: country names, codes as reports write them, adjectives, cities."""

import re
from functools import lru_cache
from pathlib import Path

import yaml

from clustergraph.settings import PROJECT_ROOT
from graph.schema.names import normalise

COUNTRIES_FILE = PROJECT_ROOT / "data" / "reference" / "countries.yaml"

# Codes reports put in parentheses that are not ISO ("(UK)", "(SP)", "(B)", "(F)").
CODE_ALIASES = {
    "UK": "GB",
    "SP": "ES",
    "B": "BE",
    "F": "FR",
    "D": "DE",
    "I": "IT",
    "E": "ES",
    "NL": "NL",
    "FL": "FI",
    "TK": "TR",
    "IR": "IE",
    "EL": "GR",
    "P": "PT",
    "A": "AT",
    "S": "SE",
}
ADJECTIVES = {
    "french": "FR",
    "belgian": "BE",
    "walloon": "BE",
    "flemish": "BE",
    "german": "DE",
    "italian": "IT",
    "spanish": "ES",
    "basque": "ES",
    "catalan": "ES",
    "polish": "PL",
    "dutch": "NL",
    "austrian": "AT",
    "swedish": "SE",
    "danish": "DK",
    "finnish": "FI",
    "portuguese": "PT",
    "greek": "GR",
    "czech": "CZ",
    "irish": "IE",
    "british": "GB",
    "canadian": "CA",
    "quebec": "CA",
    "american": "US",
    "japanese": "JP",
    "indian": "IN",
    "chinese": "CN",
    "brazilian": "BR",
    "mexican": "MX",
    "taiwanese": "TW",
    "korean": "KR",
    "lithuanian": "LT",
    "hungarian": "HU",
    "norwegian": "NO",
    "swiss": "CH",
    "turkish": "TR",
    "moroccan": "MA",
    "chilean": "CL",
    "colombian": "CO",
    "emirati": "AE",
    "saxon": "DE",
    "bavarian": "DE",
}
CITIES = {
    "toulouse": "FR",
    "paris": "FR",
    "lyon": "FR",
    "bordeaux": "FR",
    "marseille": "FR",
    "strasbourg": "FR",
    "nantes": "FR",
    "brussels": "BE",
    "wallonia": "BE",
    "flanders": "BE",
    "liege": "BE",
    "berlin": "DE",
    "munich": "DE",
    "dresden": "DE",
    "saxony": "DE",
    "bavaria": "DE",
    "hamburg": "DE",
    "madrid": "ES",
    "barcelona": "ES",
    "catalonia": "ES",
    "galicia": "ES",
    "bilbao": "ES",
    "milan": "IT",
    "turin": "IT",
    "torino": "IT",
    "rome": "IT",
    "emilia romagna": "IT",
    "warsaw": "PL",
    "rzeszow": "PL",
    "vienna": "AT",
    "linz": "AT",
    "upper austria": "AT",
    "styria": "AT",
    "stockholm": "SE",
    "copenhagen": "DK",
    "helsinki": "FI",
    "lisbon": "PT",
    "porto": "PT",
    "athens": "GR",
    "prague": "CZ",
    "dublin": "IE",
    "london": "GB",
    "newcastle": "GB",
    "aberdeen": "GB",
    "montreal": "CA",
    "quebec": "CA",
    "toronto": "CA",
    "vancouver": "CA",
    "ottawa": "CA",
    "detroit": "US",
    "michigan": "US",
    "ohio": "US",
    "boston": "US",
    "san diego": "US",
    "new york": "US",
    "tokyo": "JP",
    "osaka": "JP",
    "nagano": "JP",
    "mumbai": "IN",
    "new delhi": "IN",
    "bangalore": "IN",
    "sao paulo": "BR",
    "porto alegre": "BR",
    "recife": "BR",
    "taipei": "TW",
    "shanghai": "CN",
    "beijing": "CN",
    "dubai": "AE",
    "santiago": "CL",
    "bogota": "CO",
    "monterrey": "MX",
    "nuevo leon": "MX",
}
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Folded country name or alias -> ISO code (from data/reference/countries.yaml)."""
    names: dict[str, str] = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(Path(COUNTRIES_FILE).read_text(encoding="utf-8"), Loader=loader)
    for row in data.get("countries", []):
        for name in [row["name"], *row.get("aliases", [])]:
            names[normalise(name)] = row["code"]
    names.update({"usa": "US", "uk": "GB", "the netherlands": "NL", "netherlands": "NL"})
    names.update({"united states": "US", "united kingdom": "GB", "uae": "AE", "korea": "KR"})
    return names


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    return frozenset(country_names().values())


def code_from_parenthesis(text: str) -> str | None:
    """'(BE)', '(UK)', '(SP)' -> ISO code, or None when it is not a country code."""
    token = text.strip().upper()
    code = CODE_ALIASES.get(token, token)
    return code if code in known_codes() else None


@lru_cache(maxsize=1)
def place_lookup() -> dict[str, str]:
    table = dict(CITIES)
    table.update(ADJECTIVES)
    table.update(country_names())
    return table


def country_in(text: str) -> str | None:
    """The first country named in `text` by name, adjective or city (folded), if any."""
    words = _WORD.findall(normalise(text))
    table = place_lookup()
    for i in range(len(words)):
        for n in (3, 2, 1):
            key = " ".join(words[i : i + n])
            if len(words[i : i + n]) == n and key in table:
                return table[key]
    return None
