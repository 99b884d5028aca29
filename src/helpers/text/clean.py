"""Text to paragraphs: structure, repetition and boilerplate, with an audit of every raw line.

Pure functions and a small scikit-learn-style estimator, :class:`Cleaner`: ``fit`` learns the lines
that recur across a corpus (publisher boilerplate), ``clean`` turns one article's text into its
headline, dateline, section headings and body paragraphs, and accounts for every raw line.

The rules are general ones, applied in this order to each block (a paragraph candidate: one line, or
several hard-wrapped lines joined):

1. built-in boilerplate patterns (copyright, promotion, "Read more", advertisement, timestamps,
   agency sign-offs and credits, navigation), only on short blocks, so body text that merely
   mentions a copyright or a newsletter stays;
2. the user's own patterns (``config/boilerplate_patterns.txt``: one regular expression per line,
   matched against the whole block, case-insensitive);
3. learned boilerplate: blocks shaped like boilerplate (not prose, see :func:`is_prose`: a
   tagline, a label, a call to action) that recur, after normalisation, in many articles of the
   corpus or of one site, in as many different stories, where boilerplate stands (the article's
   first and last blocks, around its prose, among other non-prose lines; a call to action
   anywhere). Recurring prose (a wire story republished by many outlets, a sentence many local
   stories share) is article text and is never learned; nor are the lines of copies of one
   story (a syndicated headline), datelines, or a line alone between two paragraphs (a heading);
4. the dateline (a line of its own, or at the start of the lede) and the headline (first line);
5. repetition: a block whose normalised text (case, spaces, punctuation, quote style and a leading
   dateline ignored) was seen earlier in the article is a duplicate of that first occurrence,
   except a short list line repeated on its own ("Winners meet in final");
6. section headings: a lone short ALL-CAPS or Title Case line between body paragraphs; runs of
   such lines are lists (fixtures, results) and stay body text;
7. everything else is a body paragraph.

>>> art = Cleaner().clean("a", "Washington:\\nTalks go on.\\nTalks go on.\\n© Example 2013")
>>> [p.text for p in art.paragraphs], art.dateline, art.copyright
(['Talks go on.'], 'Washington', '© Example 2013')
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from helpers.text import pagefinder as page

__all__ = ["AuditRow", "Paragraph", "CleanedArticle", "Cleaner", "is_prose", "normalise_key", "split_blocks"]

PREFIX_HEAD = 7
"""Words a truncated copy shares with the block it repeats, at the least, plus one: a copy of more
than ``PREFIX_HEAD`` words that starts an earlier block is a duplicate of it."""
PROSE_MIN_WORDS = 4
"""Words a block needs, at the least, to be prose ("No one was injured." is; "Local news." is not)."""
EDGE_BLOCKS = 3
"""Blocks at each end of an article that are its edges, besides those before its first prose
block and after its last one: where learned boilerplate (other than a call to action) sits."""
HEADLINE_MIN_WORDS = 5
"""Words of a headline-like first block (the first no built-in rule removes) that make it the
story's headline rather than a site's label ("The Daily Ledger"): it is never learned from there."""

# ---------------------------------------------------------------------------------------------
# Patterns

_MONTH = r"(?i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
# An ALL-CAPS place ("NEW DELHI", "ME}LBOURNE" with scraper noise), optionally with its region
# ("LOUISVILLE, Ky.", "VANCOUVER, British Columbia").
_REGION = r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
_CAPS_PLACE = rf"[A-Z][^\sa-z,:()]*(?:\s+[A-Z][^\sa-z,:()]*){{0,3}}{_REGION}"
_ANY_PLACE = rf"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){{0,3}}{_REGION}"
# Wire-service noise before a dateline: "RPT --", "UPDATE 2-", a stray letter and spaces.
_WIRE_PREFIX = r"(?:(?:RPT|REPEAT|CORRECTED|UPDATE\s*\d*|URGENT|FLASH|BULLETIN)\s*-+\s*|[^\sA-Z]{1,2}\s+)?"


def _agency(n: int) -> str:
    return rf"\((?P<a{n}>[A-Za-z][A-Za-z .&/-]{{0,30}})\)"


_SEP = r"\s*[-–—:]+\s*"

# A dateline on a line of its own: "Washington:", "CHICAGO, Feb 26", "LOUISVILLE, Ky., Feb 26".
_DATELINE_LINE = re.compile(
    rf"^{_WIRE_PREFIX}(?:(?P<p1>{_CAPS_PLACE}|{_ANY_PLACE})\s*,\s*(?P<d1>{_DATE})\s*(?:{_agency(1)})?\s*[-–—:]?"
    rf"|(?P<p2>{_ANY_PLACE})\s*(?:{_agency(2)})?\s*:"
    rf"|(?P<p3>{_CAPS_PLACE})\s*(?:{_agency(3)})?\s*[-–—]?)$"
)
# A dateline at the start of the lede: "NEW DELHI (Reuters) - ...", "RIO DE JANEIRO, Feb 26 - ...",
# "Washington: ...", "LONDON, March 3 (AP) — ...".
_DATELINE_INLINE = re.compile(
    rf"^{_WIRE_PREFIX}(?:(?P<p1>{_CAPS_PLACE}|{_ANY_PLACE})\s*,\s*(?P<d1>{_DATE})\s*(?:{_agency(4)})?"
    rf"|(?P<p2>{_CAPS_PLACE}|{_ANY_PLACE})\s*{_agency(5)}"
    rf"|(?P<p3>{_CAPS_PLACE})(?=\s+[-–—]+\s|\s*[-–—]{{2}})"
    rf"|(?P<p4>{_ANY_PLACE})(?=\s*:\s))"
    rf"{_SEP}(?P<rest>\S.*)$",
    re.S,
)

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
_PAGE_CHROME = tuple(f"boilerplate: {rule}" for rule in ("promotion", "read more link", "advertisement", "navigation"))
_METADATA_RULES = {"copyright": "copyright", "byline": "byline"}
# Rules that never apply to a block that reads like reporting ("..., he told the newsletter").
_GUARDED = {"promotion", "read more link", "navigation", "timestamp"}

# A sign-off or end marker glued to the end of a body line ("... as soon as possible. REUTER...").
_GLUED_TAIL = re.compile(r"\s+(?P<tail>REUTERS?\b[.…]*|INTERRUPTED|\(MORE\)|MORE\.{0,3})\s*$")

# Prose: ends like a sentence, and its sentences are more than fragments ("Your valley. Your news.").
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]»]*$")
_SENTENCE_STOP = re.compile(r"[.!?…]+[\"'”’)\]»]*(?:\s|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
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

_TERMINAL = tuple(".,;:!?\"'”’)»…")
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]»]*$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "‐": "-"})


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class AuditRow:
    """What happened to one raw line."""

    line: int
    text: str
    action: str  # kept | removed | metadata | blank
    role: str = ""  # body | heading | headline | dateline | copyright | byline
    reason: str = ""
    duplicate_of: int | None = None
    position: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """A kept body paragraph or section heading."""

    position: int
    kind: str  # body | heading
    section: str
    text: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class CleanedArticle:
    """One article after cleaning."""

    article_id: str
    paragraphs: list[Paragraph]
    audit: list[AuditRow]
    headline: str = ""
    dateline: str = ""
    dateline_date: str = ""
    copyright: str = ""

    @property
    def body(self) -> list[Paragraph]:
        """The body paragraphs, without headings."""
        return [p for p in self.paragraphs if p.kind == "body"]


@dataclass(slots=True)
class _Sampled:
    """One article of the sample :meth:`Cleaner.fit` learns from."""

    keys: list[str]  # its blocks' normalised texts
    site: int  # index of its site, -1 when unknown
    prose: bytes  # per block, 1 for prose (:func:`is_prose`)
    placed: bytes  # per block, 1 where boilerplate stands (see :func:`_placed`)


@dataclass
class _Block:
    lines: list[int]  # raw line numbers, 1-based
    text: str
    action: str = ""  # kept | removed | metadata
    role: str = ""
    reason: str = ""
    duplicate_of: int | None = None
    position: int | None = None
    note: str = ""  # for kept blocks: what was trimmed


# ---------------------------------------------------------------------------------------------
# Pure helpers


def normalise_key(text: str) -> str:
    """Key under which two paragraphs count as the same: case, spaces, punctuation, quotes ignored.

    >>> normalise_key("“Hello,”  she said.") == normalise_key('"hello" she said')
    True
    """
    text = text.translate(_QUOTES).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


def split_blocks(lines: Sequence[str]) -> list[_Block]:
    """Group raw lines into paragraph candidates, whatever the layout.

    One paragraph per line, blank-line-separated paragraphs and hard-wrapped text (lines broken
    near a fixed width) are all read: lines are joined only when the text is hard-wrapped, and a
    wrapped paragraph ends at a blank line, at an indented line, or at a line clearly shorter than
    the wrap width (the next line's first word would have fitted on it).
    """
    width = _wrap_width(lines)
    margin = min((_indent(line) for line in lines if line.strip()), default=0)
    blocks: list[_Block] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            text = " ".join(lines[i - 1].strip() for i in current)
            blocks.append(_Block(lines=list(current), text=" ".join(text.split())))
            current.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            flush()
            continue
        if current and _indent(line) > margin:  # an indented first line starts a paragraph
            flush()
        current.append(number)
        following = lines[number].split() if number < len(lines) else []
        if width is None or not following or len(line.rstrip()) + 1 + len(following[0]) <= width:
            flush()
    flush()
    return _join_broken_lines(blocks)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _join_broken_lines(blocks: list[_Block]) -> list[_Block]:
    """Join a block to the previous one when a line break cut a sentence in two.

    The previous block (on the line just above) ends without punctuation and this one starts in
    lower case: "... the Cruzado anti" + "inflation plan, initially hailed ...".
    """
    joined: list[_Block] = []
    for block in blocks:
        prev = joined[-1] if joined else None
        if (
            prev
            and prev.lines[-1] + 1 == block.lines[0]
            and block.text[:1].islower()
            and not prev.text.endswith(_TERMINAL)
            and not _dateline(prev.text, inline=False)
        ):
            prev.lines.extend(block.lines)
            prev.text = f"{prev.text} {block.text}"
        else:
            joined.append(block)
    return joined


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The fixed width the text is hard-wrapped at, or None when it is not hard-wrapped.

    Wrapped text has a width that no line runs far past, and its full lines (the next line's first
    word would not have fitted on them) mostly break a sentence: they end without a full stop, and the next line often goes on in
    lower case. In one-paragraph-per-line text (prose, tables, lists) a line ends its paragraph.
    """
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 110 or lengths[-1] > width + 12:
        return None
    width = lengths[-1]
    margin = min(_indent(line) for line in lines if line.strip())
    # Breaks where the next line's first word would not have fitted: wrapped, or a paragraph's end.
    pairs = [
        (a.rstrip(), b.strip())
        for a, b in zip(lines, lines[1:])
        if b.strip() and _indent(b) <= margin and len(a.rstrip()) + 1 + len(b.split()[0]) > width
    ]
    unfinished = sum(1 for a, b in pairs if not _SENTENCE_END.search(a) or b[:1].islower())
    lower = sum(1 for a, b in pairs if b[:1].islower())
    return width if lower >= 2 and lower >= 0.3 * len(pairs) and unfinished >= 0.6 * len(pairs) else None


def _boilerplate_rule(text: str) -> str | None:
    words = len(text.split())
    for name, pattern, max_words in _BOILERPLATE:
        if words <= max_words and pattern.search(text):
            if name in _GUARDED and _REPORTING.search(text):
                continue
            return name
    return None


def _call_to_action(text: str) -> bool:
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
    words = len(_WORD.findall(text))
    if words < PROSE_MIN_WORDS or words < 3 * len(_SENTENCE_STOP.findall(text)):
        return False
    return not _call_to_action(text) and _boilerplate_rule(text) is None


def _dateline(text: str, *, inline: bool) -> dict[str, str] | None:
    match = (_DATELINE_INLINE if inline else _DATELINE_LINE).match(text)
    if not match:
        return None
    groups = match.groupdict()
    place = next(groups[k] for k in ("p1", "p2", "p3", "p4") if groups.get(k))
    place = place.strip().rstrip(",")
    agency = any(groups.get(f"a{n}") for n in range(1, 6))
    if inline and not groups.get("d1") and not agency and groups.get("p4"):
        # "Place: text" only with a short, capitalised place (not "Note: ...").
        if len(place.split()) > 3 or place.casefold() in _NOT_PLACES:
            return None
    if not inline and groups.get("p3") and not agency and len(place.split()) > 3:
        return None
    return {"place": place, "date": groups.get("d1") or "", "rest": groups.get("rest") or ""}


_NOT_PLACES = {
    "note",
    "update",
    "editor's note",
    "correction",
    "warning",
    "summary",
    "background",
    "analysis",
    "opinion",
    "comment",
    "watch",
    "read",
    "photo",
    "video",
    "listen",
}


def _looks_like_headline(text: str) -> bool:
    words = text.split()
    bare = text.rstrip("\"'”’»)")
    if bare.endswith(("...", "…")):  # a teaser headline: "My memories of Marley..."
        bare = bare.rstrip(".…")
    return 0 < len(words) <= 20 and len(text) <= 200 and not bare.endswith((".", ",", ";", ":"))


# Words a Title Case heading may leave in lower case.
_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "into",
    "onto",
    "over",
    "per",
    "via",
    "v",
    "vs",
    "vs.",
}


def _looks_like_heading(text: str) -> bool:
    """A short ALL-CAPS or Title Case line without closing punctuation ("What Happens Next")."""
    words = text.split()
    if not 0 < len(words) <= 10 or len(text) > 80 or text.endswith(_TERMINAL):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(any(c.isdigit() for c in w) for w in words) > 1:  # a table row, a score
        return False
    if all(c.isupper() for c in letters):
        return True
    return words[0][0].isupper() and all(w[0].isupper() or not w[0].isalpha() or w.casefold() in _SMALL_WORDS for w in words)


# ---------------------------------------------------------------------------------------------
# The estimator


@dataclass
class Cleaner:
    """Clean scraped news articles, learning recurring boilerplate from the corpus.

    Parameters
    ----------
    boilerplate_min_articles : int, default=5
        A boilerplate-shaped block (not prose: a tagline, a label, a call to action) recurring in
        at least this many articles (and in at least ``boilerplate_min_share`` of them), of the
        corpus or of one site, is learned as boilerplate by :meth:`fit`. Recurring prose is kept.
    boilerplate_min_share : float, default=0.02
        Minimum share of the corpus's (or the site's) articles a recurring block must appear in.
    user_patterns : sequence of str, default=()
        Regular expressions for the user's own boilerplate; each must match a whole block
        (case-insensitive).
    find_body : bool, default=True
        Look for the article in text that reads like a whole web page's (menus, links, comments
        around the article; see :mod:`helpers.text.pagefinder`) and remove the rest. Article-shaped text is
        never affected.

    Attributes
    ----------
    learned_ : dict of str to int
        Normalised text of each learned boilerplate block -> number of articles it appears in.
    learned_sites_ : dict of str to (str, int)
        For a block learned within one site only (rarer in the whole corpus): the site and the
        number of that site's articles it appears in.
    """

    boilerplate_min_articles: int = 5
    boilerplate_min_share: float = 0.02
    user_patterns: Sequence[str] = ()
    find_body: bool = True
    learned_: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    learned_sites_: dict[str, tuple[str, int]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.boilerplate_min_articles < 2:
            raise ValueError(f"boilerplate_min_articles must be at least 2; got {self.boilerplate_min_articles}")
        if not 0 <= self.boilerplate_min_share <= 1:
            raise ValueError(f"boilerplate_min_share must be in [0, 1]; got {self.boilerplate_min_share}")
        self._user = []
        for pattern in self.user_patterns:
            try:
                self._user.append((pattern, re.compile(pattern, re.I)))
            except re.error as exc:
                raise ValueError(f"user boilerplate pattern {pattern!r} is not a valid regular expression: {exc}") from None

    def _threshold(self, n_articles: int) -> int:
        return max(self.boilerplate_min_articles, math.ceil(self.boilerplate_min_share * n_articles))

    def _headline_slot(self, texts: Sequence[str]) -> int:
        """The block :meth:`clean` would take for the headline, when it is long enough to be one."""
        i = next((i for i, t in enumerate(texts) if not _boilerplate_rule(t) and not any(p.fullmatch(t) for _, p in self._user)), -1)
        if 0 <= i < len(texts) - 1 and len(_WORD.findall(texts[i])) >= HEADLINE_MIN_WORDS and _looks_like_headline(texts[i]):
            return i if not _dateline(texts[i], inline=False) else -1
        return -1

    def fit(self, texts: Iterable[str], sites: Iterable[str | None] | None = None) -> Cleaner:
        """Learn the boilerplate that recurs across the corpus's articles; returns ``self``.

        Parameters
        ----------
        texts : iterable of str
            The articles' normalised texts: a bounded sample of the corpus (a generator is fine).
        sites : iterable of str or None, default=None
            Each article's site or outlet, parallel to ``texts`` (None or "" when unknown). A
            block is then also learned when it recurs in enough articles of one site, by the same
            rules applied within the site, even when it is rarer than that in the whole corpus.

        Notes
        -----
        Learned: a block shaped like boilerplate, that is not prose (:func:`is_prose`: a tagline,
        a label, a call to action), found in at least the threshold number of articles (the
        larger of ``boilerplate_min_articles`` and ``boilerplate_min_share`` of the articles, of
        the corpus or of one site) and of different stories, counting only where boilerplate
        stands: at an article's edges (its first or last ``EDGE_BLOCKS`` blocks, those before
        its first prose block and after its last one) or next to another non-prose line (a
        menu, a comment form); a call to action counts anywhere. Occurrences are of one story
        when their neighbours (the nearest blocks that are neither recurring non-prose lines nor
        prose recurring in different stories) are the same on both sides, or the same prose on
        one side.

        Kept: prose however often it recurs (a wire story republished by many outlets, a sentence
        many local stories share); the lines of copies of one story (they share their prose: a
        syndicated story's headline stays); datelines; a non-prose line that recurs only alone
        between two paragraphs (a section heading) or as the first line, when it is long enough
        to be the headline (``HEADLINE_MIN_WORDS``).

        Memory is that of the sample: each article's block keys (and two bytes per block), the
        first text of each key, and the occurrences of the recurring ones.
        """
        articles, example, site_names = self._read_sample(texts, sites)
        counts = Counter(k for article in articles for k in set(article.keys) if k)
        threshold = self._threshold(len(articles))
        by_site: dict[int, list[_Sampled]] = {}
        for article in articles:
            if article.site >= 0:
                by_site.setdefault(article.site, []).append(article)
        thresholds = {site: self._threshold(len(members)) for site, members in by_site.items()}
        in_site: dict[tuple[int, str], int] = {}  # (site, key) -> its articles, for keys recurring within the site
        for site, members in by_site.items():
            site_counts = Counter(k for article in members for k in set(article.keys) if k)
            in_site.update({(site, k): n for k, n in site_counts.items() if n >= thresholds[site]})
        recurring = {k for k, n in counts.items() if n >= threshold} | {k for _, k in in_site}

        not_story = {k for k in recurring if not is_prose(example[k])}
        learnable = {k for k in not_story if not _dateline(example[k], inline=False)}
        anywhere = {k for k in learnable if _call_to_action(example[k])}
        # Prose recurring in different stories (a sentence many stories share) is no story's
        # neighbour; prose recurring in copies of one story is, and links the copies.
        shared = _in_different_stories(_occurrences(articles, recurring - not_story, skip=not_story), threshold, thresholds)
        found = _occurrences(articles, learnable, skip=not_story | set(shared), edges_only=learnable - anywhere)
        learned = _in_different_stories(found, threshold, thresholds)
        self.learned_ = {k: counts[k] for k in sorted(learned)}
        self.learned_sites_ = {k: (site_names[site], in_site[site, k]) for k, site in sorted(learned.items()) if site >= 0}
        return self

    def _read_sample(self, texts: Iterable[str], sites: Iterable[str | None] | None) -> tuple[list[_Sampled], dict[str, str], list[str]]:
        """The sample's articles, the first text of each block key, and the sites' names."""
        articles: list[_Sampled] = []
        example: dict[str, str] = {}
        site_names: list[str] = []
        site_index: dict[str, int] = {}
        for text, site in _with_sites(texts, sites):
            blocks = [b.text for b in split_blocks(text.split("\n"))]
            keys = [normalise_key(b) for b in blocks]
            if site and site.casefold() not in site_index:
                site_index[site.casefold()] = len(site_names)
                site_names.append(site)
            number = site_index[site.casefold()] if site else -1
            prose = bytes(is_prose(b) for b in blocks)
            articles.append(_Sampled(keys, number, prose, _placed(prose, self._headline_slot(blocks))))
            for block, key in zip(blocks, keys):
                example.setdefault(key, block)
        return articles, example, site_names

    def clean(self, article_id: str, text: str, *, headline: str | None = None, find_body: bool | None = None) -> CleanedArticle:
        """Clean one article's normalised text (``\\n`` line ends; see :func:`helpers.text.decode.decode`).

        ``headline``: the article's headline when it is known from elsewhere (a web page's
        title); the text is then not searched for one. ``find_body``: whether to look for the
        article in a whole page's text (default: the estimator's ``find_body``); the body finder
        runs only on text that reads like a whole page (:func:`helpers.text.pagefinder.is_page`).
        """
        lines = text.split("\n")
        blocks = split_blocks(lines)
        meta = {"headline": headline or "", "dateline": "", "dateline_date": "", "copyright": ""}

        for block in blocks:
            self._mark_boilerplate(block, meta)
        candidates = [b for b in blocks if not b.action]
        find_body = self.find_body if find_body is None else find_body
        chrome = sum(b.reason.startswith(_PAGE_CHROME) for b in blocks)
        if find_body and page.is_page([b.text for b in candidates], boilerplate=chrome):
            reasons = page.find_article([b.text for b in blocks], [bool(b.action) for b in blocks])
            for block, reason in zip(blocks, reasons):
                if reason and not block.action:
                    block.action, block.reason = "removed", reason
            candidates = [b for b in candidates if not b.action]
        self._mark_head(candidates, meta, find_headline=headline is None)
        _mark_duplicates(b for b in blocks if b.action in ("", "kept"))
        paragraphs = _assign_body(candidates)
        return CleanedArticle(article_id=article_id, paragraphs=paragraphs, audit=_audit(lines, blocks), **meta)

    # -- steps ----------------------------------------------------------------------------

    def _mark_boilerplate(self, block: _Block, meta: dict[str, str]) -> None:
        rule = _boilerplate_rule(block.text)
        if rule in _METADATA_RULES:
            block.action, block.role = "metadata", _METADATA_RULES[rule]
            if rule == "copyright" and not meta["copyright"]:
                meta["copyright"] = block.text
            return
        if rule:
            block.action, block.reason = "removed", f"boilerplate: {rule}"
            return
        for source, pattern in self._user:
            if pattern.fullmatch(block.text):
                block.action, block.reason = "removed", f"user pattern: {source}"
                return
        key = normalise_key(block.text)
        if key in self.learned_:
            block.action = "removed"
            block.reason = f"learned boilerplate (recurs in {self.learned_[key]} articles)"
            if key in self.learned_sites_:
                site, n = self.learned_sites_[key]
                block.reason = f"learned boilerplate (recurs in {n} articles of {site})"
            return
        glued = _GLUED_TAIL.search(block.text)
        if glued and len(block.text.split()) > 3:
            block.text = block.text[: glued.start()].rstrip()
            block.note = f"trailing {glued.group('tail')!r} removed"

    def _mark_head(self, candidates: list[_Block], meta: dict[str, str], *, find_headline: bool = True) -> None:
        """Find the headline and the dateline among the first blocks."""
        if not find_headline:  # the headline is known (a page's title): find its line, if any
            key = normalise_key(meta["headline"])
            repeat = next((b for b in candidates[:10] if key and normalise_key(b.text) == key), None)
            if repeat is not None:
                repeat.action, repeat.role = "kept", "headline"
                candidates = [b for b in candidates if b is not repeat]
        for i, block in enumerate(candidates[:2]):
            rest = candidates[i + 1 :]
            found = _dateline(block.text, inline=False)
            if found and rest:
                block.action, block.role = "kept", "dateline"
                meta["dateline"], meta["dateline_date"] = found["place"].rstrip(":"), found["date"]
                return
            found = _dateline(block.text, inline=True)
            # A lede with a dateline is a sentence; "Obituary: Dame Alicia Markova" is a headline.
            if found and not (rest and _looks_like_headline(block.text)):
                meta["dateline"], meta["dateline_date"] = found["place"], found["date"]
                block.text, block.note = found["rest"], "dateline removed from the start of the lede"
                return
            if i == 0 and rest and find_headline and _looks_like_headline(block.text):
                block.action, block.role = "kept", "headline"
                meta["headline"] = block.text
                continue
            return


def _with_sites(texts: Iterable[str], sites: Iterable[str | None] | None) -> Iterator[tuple[str, str]]:
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


def _placed(prose: bytes, headline: int) -> bytes:
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


class _Occurrence(NamedTuple):
    """One place a recurring block stands: its article, the article's site, its neighbours."""

    article: int
    site: int
    before: str
    after: str
    prose_before: bool  # the neighbour before is prose (a story's text, not a site's line)
    prose_after: bool


def _occurrences(
    articles: Sequence[_Sampled], keys: set[str], *, skip: set[str], edges_only: set[str] = frozenset()
) -> dict[str, list[_Occurrence]]:
    """Where each of ``keys`` occurs: (article, site, neighbour before, neighbour after).

    A neighbour is the nearest block that is not in ``skip`` ("" at the article's start or end).
    Keys in ``edges_only`` are taken only where boilerplate stands (see :func:`_placed`).
    """
    found: dict[str, list[_Occurrence]] = {}
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
                    _Occurrence(
                        number,
                        article.site,
                        article.keys[b] if b >= 0 else "",
                        article.keys[a] if a >= 0 else "",
                        b >= 0 and bool(article.prose[b]),
                        a >= 0 and bool(article.prose[a]),
                    )
                )
    return found


def _in_different_stories(found: dict[str, list[_Occurrence]], threshold: int, thresholds: dict[int, int]) -> dict[str, int]:
    """The keys found in at least ``threshold`` articles and different stories of the corpus
    (-> -1), or in at least ``thresholds[site]`` of one site's (-> the site)."""
    recurring = {}
    for key, occurrences in found.items():
        if _recurs(occurrences, threshold):
            recurring[key] = -1
            continue
        by_site: dict[int, list[_Occurrence]] = {}
        for o in occurrences:
            if o.site >= 0:
                by_site.setdefault(o.site, []).append(o)
        site = next((site for site, o in sorted(by_site.items()) if _recurs(o, thresholds[site])), None)
        if site is not None:
            recurring[key] = site
    return recurring


def _recurs(occurrences: Sequence[_Occurrence], threshold: int) -> bool:
    """Whether the occurrences are in at least ``threshold`` articles and different stories."""
    return len({o.article for o in occurrences}) >= threshold and _stories(occurrences) >= threshold


def _stories(occurrences: Iterable[_Occurrence]) -> int:
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


def _mark_duplicates(blocks: Iterable[_Block]) -> None:
    """Mark repeats of an earlier block, each pointing at the block it repeats.

    Keys ignore case, spaces, punctuation, quote style and a dateline at the start; a long enough
    prefix of an earlier block counts (a truncated copy). A short line without a full stop that
    repeats on its own, with no repeat next to it, is an item of a list ("Winners meet in the
    final"), not a copy: it is kept.
    """
    blocks = list(blocks)
    first: dict[str, _Block] = {}
    by_head: dict[str, list[str]] = {}  # first PREFIX_HEAD words -> keys, so prefix lookups stay linear
    for block in blocks:
        key = normalise_key(block.text)
        original = first.get(key)
        inline = _dateline(block.text, inline=True) if original is None else None
        if inline:
            original = first.get(normalise_key(inline["rest"]))
        words = key.split()
        if original is None and len(words) > PREFIX_HEAD:
            head = " ".join(words[:PREFIX_HEAD])
            original = next((first[k] for k in by_head.get(head, ()) if k.startswith(key)), None)
        if original is not None:
            block.action, block.role = "removed", ""
            block.reason, block.duplicate_of = "duplicate", original.lines[0]
        else:
            first[key] = block
            by_head.setdefault(" ".join(words[:PREFIX_HEAD]), []).append(key)
    by_line = {b.lines[0]: b for b in blocks}
    for i, block in enumerate(blocks):
        neighbours = blocks[max(i - 1, 0) : i] + blocks[i + 1 : i + 2]
        if (
            block.reason == "duplicate"
            and _is_list_item(block.text)
            and _is_list_item(by_line[block.duplicate_of].text)
            and not any(b.reason == "duplicate" for b in neighbours)
        ):
            block.action, block.reason, block.duplicate_of = "", "", None


def _is_list_item(text: str, max_words: int = 6) -> bool:
    """A short line that is not a sentence: an item of a list, a fixture, a table row."""
    return len(text.split()) <= max_words and not _SENTENCE_END.search(text)


def _assign_body(candidates: list[_Block]) -> list[Paragraph]:
    """Label the remaining blocks as headings or body paragraphs and number them.

    A heading is a lone title-like line between body paragraphs. Consecutive title-like lines are
    a list (fixtures, results, credits) and stay body text, also at the end of the article; a lone
    title-like line after the last paragraph is taken for a trailing label and removed.
    """
    rest = [b for b in candidates if not b.action]
    title_like = [_looks_like_heading(b.text) for b in rest]
    in_list = [t and ((i > 0 and title_like[i - 1]) or (i + 1 < len(rest) and title_like[i + 1])) for i, t in enumerate(title_like)]
    body_like = [i for i, t in enumerate(title_like) if not t or in_list[i]]
    last_body = body_like[-1] if body_like else -1
    paragraphs: list[Paragraph] = []
    section = ""
    for i, block in enumerate(rest):
        kind = "body"
        if title_like[i] and not in_list[i]:
            after_list = i > 0 and _is_list_item(rest[i - 1].text, max_words=12)
            if i < last_body:
                kind, section = "heading", block.text
            elif not after_list:
                block.action = "removed"
                block.reason = "boilerplate: short title-like line after the last paragraph"
                continue
        block.action, block.role, block.position = "kept", kind, len(paragraphs) + 1
        paragraphs.append(
            Paragraph(
                position=block.position,
                kind=kind,
                section="" if kind == "heading" else section,
                text=block.text,
                first_line=block.lines[0],
                last_line=block.lines[-1],
            )
        )
    return paragraphs


def _audit(lines: Sequence[str], blocks: list[_Block]) -> list[AuditRow]:
    by_line = {n: b for b in blocks for n in b.lines}
    rows = []
    for number, line in enumerate(lines, start=1):
        block = by_line.get(number)
        if block is None:
            rows.append(AuditRow(line=number, text=line, action="blank"))
            continue
        reason = block.reason or block.note
        rows.append(
            AuditRow(
                line=number,
                text=line,
                action=block.action,
                role=block.role,
                reason=reason,
                duplicate_of=block.duplicate_of,
                position=block.position,
            )
        )
    return rows
