"""Boilerplate: the built-in rules, the test for prose, and what :meth:`Cleaner.fit` needs to learn recurring lines.

The built-in rules (copyright, promotion, "Read more", advertisement, timestamps, agency sign-offs
and credits, navigation) apply only to short blocks. Learned boilerplate is a block that is not
prose (:func:`is_prose`), recurs in enough articles of different stories (:func:`find_occurrences`,
:func:`in_different_stories`), and stands where boilerplate stands (:func:`placed`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "PROSE_MIN_WORDS",
    "EDGE_BLOCKS",
    "CALL_TO_ACTION_MAX_WORDS",
    "PAGE_CHROME",
    "METADATA_RULES",
    "GLUED_TAIL",
    "WORD",
    "boilerplate_rule",
    "call_to_action",
    "is_prose",
    "Sampled",
    "with_sites",
    "placed",
    "Occurrence",
    "find_occurrences",
    "in_different_stories",
]

PROSE_MIN_WORDS = 4
"""Words a block needs, at the least, to be prose ("No one was injured." is; "Local news." is not)."""
EDGE_BLOCKS = 3
"""Blocks at each end of an article that are its edges, besides those before its first prose
block and after its last one: where learned boilerplate (other than a call to action) sits."""

_REPORTING = re.compile(r"\b(?:said|says|told|according|reported|announced)\b", re.I)

# (rule name, pattern, maximum words for the rule to apply). Matched with re.search on the block.
_BOILERPLATE: list[tuple[str, re.Pattern[str], int]] = [
    ("copyright", re.compile(r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b", re.I), 25),
    ("copyright", re.compile(r"©"), 12),
    ("agency sign-off", re.compile(r"^(?:[-–—]+\s*)?\(?(?:reuters?|ap|afp|upi|pti|ians|ani|dpa|bloomberg|xinhua|bbc)\)?[.…]*$", re.I), 3),
    ("end marker", re.compile(r"^[(\[]?(?:more|ends?|interrupted|-+\s*30\s*-+|#{1,3}|x{3})[)\]]?[.…]*$", re.I), 2),
    ("separator", re.compile(r"^[\W_]+$"), 10),
    ("agency credit", re.compile(r"^[(\[](?:reporting|writing|editing|additional reporting|compiled|edited)\b.*[)\]]$", re.I), 40),
    (
        "read more link",
        re.compile(
            r"^(?:also read|read more|read also|see also|related(?: articles?| stories| coverage| news)?"
            r"|more on this(?: story)?|recommended|most read|trending(?: now)?|click here|full story)\b",
            re.I,
        ),
        25,
    ),
    (
        "advertisement",
        re.compile(
            r"^(?:advertisement|advertising|sponsored(?: content)?|promoted|ad"
            r"|story continues below(?: advertisement)?|continue reading(?: below| the main story)?"
            r"|scroll (?:down )?to continue(?: with content)?)[.:]?$",
            re.I,
        ),
        6,
    ),
    (
        "timestamp",
        re.compile(
            r"^(?:last updated|updated|published|posted|first published|updated on|published on)\b"
            r".*\d",
            re.I,
        ),
        15,
    ),
    (
        "promotion",
        re.compile(
            r"^(?:follow|like|join|subscribe|sign up|signup|register|download|get|track|click|tap|share"
            r"|watch|listen|stay (?:updated|informed|tuned))\b.*\b(?:us|our|news|app|newsletters?|updates?"
            r"|twitter|facebook|instagram|telegram|whatsapp|youtube|linkedin|podcasts?|alerts?|here"
            r"|live|channel|email|inbox|story|article|free)\b",
            re.I,
        ),
        30,
    ),
    # Promotion addressed to the reader ("get our top stories in your inbox"); a sentence about
    # someone else subscribing ("customers who sign up to broadband") is not one.
    (
        "promotion",
        re.compile(
            r"^(?=.*\b(?:our|us|you|your|here|today)\b).*\b(?:newsletters?|app|push notifications"
            r"|(?:news )?alerts|inbox|sign up|subscribe|subscription)\b",
            re.I,
        ),
        20,
    ),
    ("navigation", re.compile(r"^[^.!?]*(?:\s[›»>|/]\s[^.!?]*){2,}$"), 15),
    ("photo credit", re.compile(r"^(?:photo|image|picture|file photo|photograph)(?: credit)?\s*[:/]", re.I), 20),
    (
        "byline",
        re.compile(
            r"^(?:By|BY)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s+and\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})?"
            r"(?:\s*[,|]\s*(?!.*\b(?:said|says|told)\b).*)?$"
        ),
        14,
    ),
]
# Built-in rules whose lines are a web page's rather than an article's (for recognising a page).
PAGE_CHROME = tuple(f"boilerplate: {rule}" for rule in ("promotion", "read more link", "advertisement", "navigation"))
METADATA_RULES = {"copyright": "copyright", "byline": "byline"}
# Rules that never apply to a block that reads like reporting ("..., he told the newsletter").
_GUARDED = {"promotion", "read more link", "navigation", "timestamp"}

# A sign-off or end marker glued to the end of a body line ("... as soon as possible. REUTER...").
GLUED_TAIL = re.compile(r"\s+(?P<tail>REUTERS?\b[.…]*|INTERRUPTED|\(MORE\)|MORE\.{0,3})\s*$")

# Prose: ends like a sentence, and its sentences are more than fragments ("Your valley. Your news.").
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]»]*$")
_SENTENCE_STOP = re.compile(r"[.!?…]+[\"'”’)\]»]*(?:\s|$)")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A call to action: an imperative addressed to the reader, at the start of the block or after a
# leading "To subscribe," / "For more news,". A verb that starts sentences of news too ("Share
# prices fell", "Tap water", "Download speeds") counts only with the reader or the site as its
# object; "click here", "follow us" count anywhere.
_READER_OBJECT = (
    r"\b(?:us|our|you|your|here|today|now|free|below|above|newsletters?|app|podcasts?|alerts?|updates"
    r"|this (?:article|story|post|page|video)|on (?:twitter|facebook|x|instagram|tiktok|youtube|linkedin|whatsapp|telegram))\b"
)
_CALL_TO_ACTION = re.compile(
    r"^(?:please\s+|(?:to|for)\b[^,.]{0,60},\s*)?"
    r"(?:(?:sign\s*up|subscribe|donate|log\s*in|sign\s+in|don'?t\s+miss|never\s+miss|support\s+(?:us|our|local|independent))(?![-\w])"
    r"|(?:click|tap|follow|join|register|download|share|read|watch|listen|visit|get|find|check\s+out"
    rf"|learn|contact|e-?mail|send|stay|become|give)(?![-\w])(?=.*{_READER_OBJECT}))"
    r"|\b(?:click|tap)\s+here\b|\b(?:follow|like|find)\s+us\s+on\b",
    re.I,
)
CALL_TO_ACTION_MAX_WORDS = 40
"""Longer blocks are never taken for a call to action (a paragraph that mentions one)."""
_LONGEST_RULE = max(CALL_TO_ACTION_MAX_WORDS, *(n for _, _, n in _BOILERPLATE))


@dataclass(slots=True)
class Sampled:
    """One article of the sample :meth:`Cleaner.fit` learns from."""

    keys: list[str]  # its blocks' normalised texts
    site: int  # index of its site, -1 when unknown
    prose: bytes  # per block, 1 for prose (:func:`is_prose`)
    placed: bytes  # per block, 1 where boilerplate stands (see :func:`placed`)


def boilerplate_rule(text: str) -> str | None:
    words = len(text.split())
    for name, pattern, max_words in _BOILERPLATE:
        if words <= max_words and pattern.search(text):
            if name in _GUARDED and _REPORTING.search(text):
                continue
            return name
    return None


def call_to_action(text: str) -> bool:
    """The reader asked to do something: "Subscribe to our newsletter.", "Click here to read more."."""
    return len(text.split()) <= CALL_TO_ACTION_MAX_WORDS and bool(_CALL_TO_ACTION.search(text)) and not _REPORTING.search(text)


def is_prose(text: str) -> bool:
    """Whether a block reads as a paragraph of an article rather than as a site's boilerplate.

    Prose is a full sentence or several: at least ``PROSE_MIN_WORDS`` (4) words, a sentence's
    final punctuation (``.``, ``!``, ``?``, ``…``, a closing quote after it), sentences of three
    words or more on average, and neither a call to action ("Subscribe to our newsletter.",
    "Click here to read more.", "Follow us on Twitter.", "Sign up for ...", "Share this article")
    nor one of the built-in boilerplate lines (copyright, byline, timestamp, ...). Recurring prose
    is article text (syndicated wire copy, a sentence many local stories share):
    :meth:`Cleaner.fit` never learns it as boilerplate. Cheap: a few regular expressions.

    >>> is_prose("No one was injured in the fire."), is_prose("Your valley. Your news.")
    (True, False)
    >>> is_prose("Subscribe to our newsletter."), is_prose("Valley Times: news that matters")
    (False, False)
    """
    if not _PROSE_END.search(text):
        return False
    if len(text.split()) > _LONGEST_RULE:  # a long paragraph: no rule applies to it
        return True
    words = len(WORD.findall(text))
    if words < PROSE_MIN_WORDS or words < 3 * len(_SENTENCE_STOP.findall(text)):
        return False
    return not call_to_action(text) and boilerplate_rule(text) is None


def with_sites(texts: Iterable[str], sites: Iterable[str | None] | None) -> Iterator[tuple[str, str]]:
    """Each text with its site ("" when unknown); both iterables are read once, in step."""
    if sites is None:
        yield from ((text, "") for text in texts)
        return
    end = object()
    for n, (text, site) in enumerate(itertools.zip_longest(texts, sites, fillvalue=end)):
        if text is end or site is end:
            shorter, longer = ("sites", "texts") if site is end else ("texts", "sites")
            raise ValueError(f"sites must give one site per text; got {n} {shorter} and more {longer}")
        yield text, site.strip() if isinstance(site, str) else ""


def placed(prose: bytes, headline: int) -> bytes:
    """Where in an article boilerplate stands (1) and where it does not (0).

    Boilerplate stands at the article's edges (its first and last ``EDGE_BLOCKS`` blocks, those
    before its first prose block and after its last one) and among other lines that are not
    prose (a menu, a sidebar, a comment form), but not alone between two prose blocks (a section
    heading, a list's single line) nor in the headline's place (``headline``, -1 for none).
    ``prose``: 1 for each prose block of the article.
    """
    n = len(prose)
    first = prose.find(1) if 1 in prose else n
    last = prose.rfind(1)
    return bytes(
        i != headline and (i < max(EDGE_BLOCKS, first) or i > min(n - 1 - EDGE_BLOCKS, last) or not (prose[i - 1] and prose[i + 1]))
        for i in range(n)
    )


class Occurrence(NamedTuple):
    """One place a recurring block stands: its article, the article's site, its neighbours."""

    article: int
    site: int
    before: str
    after: str
    prose_before: bool  # the neighbour before is prose (a story's text, not a site's line)
    prose_after: bool


def find_occurrences(
    articles: Sequence[Sampled], keys: set[str], *, skip: set[str], edges_only: set[str] = frozenset()
) -> dict[str, list[Occurrence]]:
    """Where each of ``keys`` occurs: (article, site, neighbour before, neighbour after).

    A neighbour is the nearest block that is not in ``skip`` ("" at the article's start or end).
    Keys in ``edges_only`` are taken only where boilerplate stands (see :func:`placed`).
    """
    found: dict[str, list[Occurrence]] = {}
    for number, article in enumerate(articles):
        if keys.isdisjoint(article.keys):
            continue
        before, previous = [], -1  # index of each block's neighbour, -1 for none
        for i, key in enumerate(article.keys):
            before.append(previous)
            if key and key not in skip:
                previous = i
        after, following = [], -1
        for i in reversed(range(len(article.keys))):
            after.append(following)
            if article.keys[i] and article.keys[i] not in skip:
                following = i
        after.reverse()
        for i, key in enumerate(article.keys):
            if key in keys and (article.placed[i] or key not in edges_only):
                b, a = before[i], after[i]
                found.setdefault(key, []).append(
                    Occurrence(
                        number,
                        article.site,
                        article.keys[b] if b >= 0 else "",
                        article.keys[a] if a >= 0 else "",
                        b >= 0 and bool(article.prose[b]),
                        a >= 0 and bool(article.prose[a]),
                    )
                )
    return found


def in_different_stories(found: dict[str, list[Occurrence]], threshold: int, thresholds: dict[int, int]) -> dict[str, int]:
    """The keys found in at least ``threshold`` articles and different stories of the corpus
    (-> -1), or in at least ``thresholds[site]`` of one site's (-> the site)."""
    recurring = {}
    for key, occurrences in found.items():
        if _recurs(occurrences, threshold):
            recurring[key] = -1
            continue
        by_site: dict[int, list[Occurrence]] = {}
        for o in occurrences:
            if o.site >= 0:
                by_site.setdefault(o.site, []).append(o)
        site = next((site for site, o in sorted(by_site.items()) if _recurs(o, thresholds[site])), None)
        if site is not None:
            recurring[key] = site
    return recurring


def _recurs(occurrences: Sequence[Occurrence], threshold: int) -> bool:
    """Whether the occurrences are in at least ``threshold`` articles and different stories."""
    return len({o.article for o in occurrences}) >= threshold and _stories(occurrences) >= threshold


def _stories(occurrences: Iterable[Occurrence]) -> int:
    """How many different stories a block's occurrences are in: those with the same neighbours
    on both sides, or the same prose on one side, are of one story (copies of one story share
    their prose; pages of one site may share a menu's line, and stay apart)."""
    parent: dict[tuple[str, object], tuple[str, object]] = {}

    def root(node: tuple[str, object]) -> tuple[str, object]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    stories = []
    for o in occurrences:
        # With no neighbour on either side, nothing tells the stories apart: they count as one.
        node = root(("both", (o.before, o.after)))
        stories.append(node)
        shared = ([("before", o.before)] if o.prose_before else []) + ([("after", o.after)] if o.prose_after else [])
        for other in shared:
            top = root(other)
            if top != node:
                parent[top] = node
    return len({root(node) for node in stories})
