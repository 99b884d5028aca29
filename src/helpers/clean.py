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
3. learned boilerplate: blocks that recur, after normalisation, in many articles of the corpus;
4. the dateline (a line of its own, or at the start of the lede) and the headline (first line);
5. repetition: a block whose normalised text (case, spaces, punctuation and quote style ignored)
   was seen earlier in the article is a duplicate of that first occurrence;
6. section headings: short ALL-CAPS or Title Case lines between body paragraphs;
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

__all__ = ["AuditRow", "Paragraph", "CleanedArticle", "Cleaner", "normalise_key", "split_blocks"]

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
    ("agency sign-off", re.compile(
        r"^\(?(?:reuters?|ap|afp|upi|pti|ians|ani|dpa|bloomberg|xinhua|bbc)\)?[.…]*$", re.I), 2),
    ("end marker", re.compile(
        r"^[(\[]?(?:more|ends?|interrupted|-+\s*30\s*-+|#{1,3}|x{3})[)\]]?[.…]*$", re.I), 2),
    ("separator", re.compile(r"^[\W_]+$"), 10),
    ("agency credit", re.compile(
        r"^[(\[](?:reporting|writing|editing|additional reporting|compiled|edited)\b.*[)\]]$", re.I), 40),
    ("read more link", re.compile(
        r"^(?:also read|read more|read also|see also|related(?: articles?| stories| coverage| news)?"
        r"|more on this(?: story)?|recommended|most read|trending(?: now)?|click here|full story)\b", re.I), 25),
    ("advertisement", re.compile(
        r"^(?:advertisement|advertising|sponsored(?: content)?|promoted|ad"
        r"|story continues below(?: advertisement)?|continue reading(?: below| the main story)?"
        r"|scroll (?:down )?to continue(?: with content)?)[.:]?$", re.I), 6),
    ("timestamp", re.compile(
        r"^(?:last updated|updated|published|posted|first published|updated on|published on)\b"
        r".*\d", re.I), 15),
    ("promotion", re.compile(
        r"^(?:follow|like|join|subscribe|sign up|signup|register|download|get|track|click|tap|share"
        r"|watch|listen|stay (?:updated|informed|tuned))\b.*\b(?:us|our|news|app|newsletters?|updates?"
        r"|twitter|facebook|instagram|telegram|whatsapp|youtube|linkedin|podcasts?|alerts?|here"
        r"|live|channel|email|inbox|story|article|free)\b", re.I), 30),
    ("promotion", re.compile(
        r"\b(?:newsletter|our app|the app|push notifications|breaking news alerts)\b.*"
        r"|\b(?:sign up|subscribe)\b", re.I), 20),
    ("navigation", re.compile(r"^[^.!?]*(?:\s[›»>|/]\s[^.!?]*){2,}$"), 15),
    ("photo credit", re.compile(r"^(?:photo|image|picture|file photo|photograph)(?: credit)?\s*[:/]", re.I), 20),
    ("byline", re.compile(
        r"^(?:By|BY)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s+and\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})?"
        r"(?:\s*[,|]\s*(?!.*\b(?:said|says|told)\b).*)?$"), 14),
]
_METADATA_RULES = {"copyright": "copyright", "byline": "byline"}
# Rules that never apply to a block that reads like reporting ("..., he told the newsletter").
_GUARDED = {"promotion", "read more link", "navigation", "timestamp"}

# A sign-off or end marker glued to the end of a body line ("... as soon as possible. REUTER...").
_GLUED_TAIL = re.compile(r"\s+(?P<tail>REUTERS?\b[.…]*|INTERRUPTED|\(MORE\)|MORE\.{0,3})\s*$")

_TERMINAL = tuple(".,;:!?\"'”’)»…")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                         "‚": "'", "–": "-", "—": "-", "‐": "-"})


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class AuditRow:
    """What happened to one raw line."""

    line: int
    text: str
    action: str                 # kept | removed | metadata | blank
    role: str = ""              # body | heading | headline | dateline | copyright | byline
    reason: str = ""
    duplicate_of: int | None = None
    position: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """A kept body paragraph or section heading."""

    position: int
    kind: str                   # body | heading
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
    lines: list[int]                    # raw line numbers, 1-based
    text: str
    action: str = ""                    # kept | removed | metadata
    role: str = ""
    reason: str = ""
    duplicate_of: int | None = None
    position: int | None = None
    note: str = ""                      # for kept blocks: what was trimmed


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
    wrapped paragraph ends at a blank line or at a line clearly shorter than the wrap width.
    """
    width = _wrap_width(lines)
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
        current.append(number)
        following = lines[number].split() if number < len(lines) else []
        # In wrapped text a line ends its paragraph when the next line's first word would have fit.
        if width is None or not following or len(line.rstrip()) + 1 + len(following[0]) <= width:
            flush()
    flush()
    return _join_broken_lines(blocks)


def _join_broken_lines(blocks: list[_Block]) -> list[_Block]:
    """Join a block to the previous one when a line break cut a sentence in two.

    The previous block (on the line just above) ends without punctuation and this one starts in
    lower case: "... the Cruzado anti" + "inflation plan, initially hailed ...".
    """
    joined: list[_Block] = []
    for block in blocks:
        prev = joined[-1] if joined else None
        if (prev and prev.lines[-1] + 1 == block.lines[0] and block.text[:1].islower()
                and not prev.text.endswith(_TERMINAL) and not _dateline(prev.text, inline=False)):
            prev.lines.extend(block.lines)
            prev.text = f"{prev.text} {block.text}"
        else:
            joined.append(block)
    return joined


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The fixed width the text is hard-wrapped at, or None when it is not hard-wrapped."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 110 or width < 30:
        return None
    near = [n for n in lengths if n >= width - 12]
    # Wrapped text: most lines sit near the width, no line runs far past it, and a line that
    # reaches the width is often followed by one that continues its sentence in lower case.
    if len(near) < 0.5 * len(lengths) or lengths[-1] > width + 12:
        return None
    width = lengths[-1]
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if a.strip() and len(a.rstrip()) >= width - 12]
    continued = sum(1 for a, b in pairs if b.strip()[:1].islower())
    return width if pairs and continued >= 0.3 * len(pairs) else None


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


_NOT_PLACES = {"note", "update", "editor's note", "correction", "warning", "summary", "background",
               "analysis", "opinion", "comment", "watch", "read", "photo", "video", "listen"}


def _looks_like_headline(text: str) -> bool:
    words = text.split()
    bare = text.rstrip("\"'”’»)")
    return 0 < len(words) <= 20 and len(text) <= 200 and not bare.endswith((".", ",", ";", ":"))


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    if not 0 < len(words) <= 10 or len(text) > 80 or text.endswith(_TERMINAL):
        return False
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return words[0][0].isupper() and bool(long_words) and all(w[0].isupper() for w in long_words)


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

    Attributes
    ----------
    learned_ : dict of str to int
        Normalised text of each learned boilerplate block -> number of articles it appears in.
    """

    boilerplate_min_articles: int = 5
    boilerplate_min_share: float = 0.02
    user_patterns: Sequence[str] = ()
    learned_: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.boilerplate_min_articles < 2:
            raise ValueError(
                f"boilerplate_min_articles must be at least 2; got {self.boilerplate_min_articles}")
        if not 0 <= self.boilerplate_min_share <= 1:
            raise ValueError(f"boilerplate_min_share must be in [0, 1]; got {self.boilerplate_min_share}")
        self._user = []
        for pattern in self.user_patterns:
            try:
                self._user.append((pattern, re.compile(pattern, re.I)))
            except re.error as exc:
                raise ValueError(f"user boilerplate pattern {pattern!r} is not a valid regular expression: {exc}") from None

    def fit(self, texts: Iterable[str]) -> "Cleaner":
        """Learn the blocks that recur across the corpus's articles; returns ``self``."""
        counts: Counter[str] = Counter()
        n_articles = 0
        for text in texts:
            n_articles += 1
            keys = {normalise_key(b.text) for b in split_blocks(text.split("\n"))}
            counts.update(k for k in keys if k)
        threshold = max(self.boilerplate_min_articles, math.ceil(self.boilerplate_min_share * n_articles))
        self.learned_ = {
            key: n for key, n in counts.items()
            if n >= threshold and not _dateline(key.upper(), inline=False)
        }
        return self

    def clean(self, article_id: str, text: str) -> CleanedArticle:
        """Clean one article's normalised text (``\\n`` line ends; see :func:`helpers.text.decode`)."""
        lines = text.split("\n")
        blocks = split_blocks(lines)
        meta = {"headline": "", "dateline": "", "dateline_date": "", "copyright": ""}

        for block in blocks:
            self._mark_boilerplate(block, meta)
        candidates = [b for b in blocks if not b.action]
        self._mark_head(candidates, meta)
        _mark_duplicates(b for b in blocks if b.action in ("", "kept"))
        paragraphs = _assign_body(candidates)
        return CleanedArticle(
            article_id=article_id, paragraphs=paragraphs, audit=_audit(lines, blocks), **meta)

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

    def _mark_head(self, candidates: list[_Block], meta: dict[str, str]) -> None:
        """Find the headline and the dateline among the first blocks."""
        for i, block in enumerate(candidates[:2]):
            rest = candidates[i + 1:]
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
            if i == 0 and rest and _looks_like_headline(block.text):
                block.action, block.role = "kept", "headline"
                meta["headline"] = block.text
                continue
            return


def _mark_duplicates(blocks: Iterable[_Block]) -> None:
    """Mark repeats of an earlier block; a long enough prefix of one counts (a truncated copy)."""
    first: dict[str, _Block] = {}
    for block in blocks:
        key = normalise_key(block.text)
        original = first.get(key)
        if original is None and len(key.split()) >= 8:
            original = next((b for k, b in first.items() if k.startswith(key)), None)
        if original is not None:
            block.action, block.role = "removed", ""
            block.reason, block.duplicate_of = "duplicate", original.lines[0]
        else:
            first[key] = block


def _assign_body(candidates: list[_Block]) -> list[Paragraph]:
    """Label the remaining blocks as headings or body paragraphs and number them."""
    rest = [b for b in candidates if not b.action]
    body_like = [i for i, b in enumerate(rest) if not _looks_like_heading(b.text)]
    last_body = body_like[-1] if body_like else -1
    paragraphs: list[Paragraph] = []
    section = ""
    for i, block in enumerate(rest):
        if _looks_like_heading(block.text):
            if i < last_body:
                kind, section = "heading", block.text
            else:
                block.action = "removed"
                block.reason = "boilerplate: short title-like line after the last paragraph"
                continue
        else:
            kind = "body"
        block.action, block.role, block.position = "kept", kind, len(paragraphs) + 1
        paragraphs.append(Paragraph(
            position=block.position, kind=kind, section="" if kind == "heading" else section,
            text=block.text, first_line=block.lines[0], last_line=block.lines[-1]))
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
        rows.append(AuditRow(
            line=number, text=line, action=block.action, role=block.role, reason=reason,
            duplicate_of=block.duplicate_of, position=block.position))
    return rows
