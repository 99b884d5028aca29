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
3. learned boilerplate: blocks that recur, after normalisation, in many articles of the corpus
   and in as many different surroundings (copies of one story are not boilerplate);
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

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import page

__all__ = ["AuditRow", "Paragraph", "CleanedArticle", "Cleaner", "normalise_key", "split_blocks"]

PREFIX_HEAD = 7
"""Words a truncated copy shares with the block it repeats, at the least, plus one: a copy of more
than ``PREFIX_HEAD`` words that starts an earlier block is a duplicate of it."""

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
        A block recurring in at least this many articles (and in at least
        ``boilerplate_min_share`` of them) is learned as boilerplate by :meth:`fit`.
    boilerplate_min_share : float, default=0.02
        Minimum share of the corpus's articles a recurring block must appear in.
    user_patterns : sequence of str, default=()
        Regular expressions for the user's own boilerplate; each must match a whole block
        (case-insensitive).
    find_body : bool, default=True
        Look for the article in text that reads like a whole web page's (menus, links, comments
        around the article; see :mod:`helpers.page`) and remove the rest. Article-shaped text is
        never affected.

    Attributes
    ----------
    learned_ : dict of str to int
        Normalised text of each learned boilerplate block -> number of articles it appears in.
    """

    boilerplate_min_articles: int = 5
    boilerplate_min_share: float = 0.02
    user_patterns: Sequence[str] = ()
    find_body: bool = True
    learned_: dict[str, int] = field(default_factory=dict, init=False, repr=False)

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

    def fit(self, texts: Iterable[str]) -> Cleaner:
        """Learn the blocks that recur across the corpus's articles; returns ``self``.

        A block is learned when it recurs in at least the threshold number of articles *and* in
        as many different surroundings (the nearest blocks before and after it that are not
        themselves recurring). Copies of one story repeat their paragraphs in the same
        surroundings, so they are not taken for boilerplate; datelines are never learned.
        """
        articles: list[list[str]] = []
        counts: Counter[str] = Counter()
        example: dict[str, str] = {}
        for text in texts:
            blocks = split_blocks(text.split("\n"))
            keys = [normalise_key(b.text) for b in blocks]
            articles.append(keys)
            counts.update({k for k in keys if k})
            for block, key in zip(blocks, keys):
                example.setdefault(key, block.text)
        threshold = max(self.boilerplate_min_articles, math.ceil(self.boilerplate_min_share * len(articles)))
        frequent = {k for k, n in counts.items() if n >= threshold and not _dateline(example[k], inline=False)}
        contexts: dict[str, set[tuple[str, str]]] = {k: set() for k in frequent}
        for keys in articles:
            unique = [(i, k) for i, k in enumerate(keys) if k not in frequent]
            for i, key in enumerate(keys):
                if key in frequent:
                    before = next((k for j, k in reversed(unique) if j < i), "")
                    after = next((k for j, k in unique if j > i), "")
                    contexts[key].add((before, after))
        self.learned_ = {k: counts[k] for k in sorted(frequent) if len(contexts[k]) >= threshold}
        return self

    def clean(self, article_id: str, text: str, *, headline: str | None = None, find_body: bool | None = None) -> CleanedArticle:
        """Clean one article's normalised text (``\\n`` line ends; see :func:`helpers.text.decode`).

        ``headline``: the article's headline when it is known from elsewhere (a web page's
        title); the text is then not searched for one. ``find_body``: whether to look for the
        article in a whole page's text (default: the estimator's ``find_body``); the body finder
        runs only on text that reads like a whole page (:func:`helpers.page.is_page`).
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
