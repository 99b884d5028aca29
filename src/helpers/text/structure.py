"""The structure of a text: raw lines grouped into blocks (paragraph candidates), datelines, headlines, headings.

Blocks are read whatever the layout (one paragraph per line, blank-line-separated, hard-wrapped);
:func:`normalise_key` is the key under which two blocks count as the same text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Block",
    "split_blocks",
    "normalise_key",
    "find_dateline",
    "looks_like_headline",
    "looks_like_heading",
    "TERMINAL",
    "SENTENCE_END",
]

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

TERMINAL = tuple(".,;:!?\"'”’)»…")
SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]»]*$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "‐": "-"})


@dataclass
class Block:
    lines: list[int]  # raw line numbers, 1-based
    text: str
    action: str = ""  # kept | removed | metadata
    role: str = ""
    reason: str = ""
    duplicate_of: int | None = None
    position: int | None = None
    note: str = ""  # for kept blocks: what was trimmed


def normalise_key(text: str) -> str:
    """Key under which two paragraphs count as the same: case, spaces, punctuation, quotes ignored.

    >>> normalise_key("“Hello,”  she said.") == normalise_key('"hello" she said')
    True
    """
    text = text.translate(_QUOTES).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


def split_blocks(lines: Sequence[str]) -> list[Block]:
    """Group raw lines into paragraph candidates, whatever the layout.

    One paragraph per line, blank-line-separated paragraphs and hard-wrapped text (lines broken
    near a fixed width) are all read: lines are joined only when the text is hard-wrapped, and a
    wrapped paragraph ends at a blank line, at an indented line, or at a line clearly shorter than
    the wrap width (the next line's first word would have fitted on it).
    """
    width = _wrap_width(lines)
    margin = min((_indent(line) for line in lines if line.strip()), default=0)
    blocks: list[Block] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            text = " ".join(lines[i - 1].strip() for i in current)
            blocks.append(Block(lines=list(current), text=" ".join(text.split())))
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


def _join_broken_lines(blocks: list[Block]) -> list[Block]:
    """Join a block to the previous one when a line break cut a sentence in two.

    The previous block (on the line just above) ends without punctuation and this one starts in
    lower case: "... the Cruzado anti" + "inflation plan, initially hailed ...".
    """
    joined: list[Block] = []
    for block in blocks:
        prev = joined[-1] if joined else None
        if (
            prev
            and prev.lines[-1] + 1 == block.lines[0]
            and block.text[:1].islower()
            and not prev.text.endswith(TERMINAL)
            and not find_dateline(prev.text, inline=False)
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
    unfinished = sum(1 for a, b in pairs if not SENTENCE_END.search(a) or b[:1].islower())
    lower = sum(1 for a, b in pairs if b[:1].islower())
    return width if lower >= 2 and lower >= 0.3 * len(pairs) and unfinished >= 0.6 * len(pairs) else None


def find_dateline(text: str, *, inline: bool) -> dict[str, str] | None:
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


def looks_like_headline(text: str) -> bool:
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


def looks_like_heading(text: str) -> bool:
    """A short ALL-CAPS or Title Case line without closing punctuation ("What Happens Next")."""
    words = text.split()
    if not 0 < len(words) <= 10 or len(text) > 80 or text.endswith(TERMINAL):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(any(c.isdigit() for c in w) for w in words) > 1:  # a table row, a score
        return False
    if all(c.isupper() for c in letters):
        return True
    return words[0][0].isupper() and all(w[0].isupper() or not w[0].isalpha() or w.casefold() in _SMALL_WORDS for w in words)
