"""Quoted speech and narration: split paragraphs into segments and attribute quotes to speakers.

A paragraph is cut at its quotation marks (straight or curly) into quote and narration segments.
A quote is attributed when the text says who spoke, in the forms news writing uses:

- ``"...," X said`` / ``"...," said X`` / ``"..." X told reporters``  (attribution after the quote)
- ``X said: "..."`` / ``X said "..."`` / ``According to X, "..."``    (attribution before it)
- a second quote in the same paragraph with no attribution of its own continues the last speaker
  (``"...," Simes said. "I think ..."``).

Speakers are named as written (``one US official``), shortened to the person's name when the
phrase ends in one (``White House spokesman Jay Carney`` -> ``Jay Carney``), and a surname alone
(``Simes``) is resolved to the full name used earlier in the same article (``Dimitri Simes``).
Pronouns (``he said``) are resolved to the last named speaker of the article.

>>> [(s.kind, s.speaker) for s in segment_paragraph('"We will win," Jane Roe said on Monday.')]
[('quote', 'Jane Roe'), ('narration', '')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

__all__ = ["Segment", "segment_paragraph", "segment_article", "segment_paragraphs"]

_QUOTE = re.compile(r'"(?P<a>[^"]+)"|“(?P<b>[^”]+)”')
_VERBS = r"(?:said|says|say|told|tells|added|adds|asked|asks|explained|noted|warned|stressed|insisted|argued|declared|wrote|writes)"
_PRONOUNS = {"he", "she", "they", "i", "we"}
SCARE_QUOTE_WORDS = 4
"""Quotes shorter than this many words with no speaker are kept as narration."""
# Attribution right after a quote: ', X said' / ', said X' (up to the end of the clause).
_AFTER_SPEAKER_VERB = re.compile(rf"^[\s,]*(?P<who>[^.!?\"“”]{{1,80}}?)\s+{_VERBS}\b")
_AFTER_VERB_SPEAKER = re.compile(rf"^[\s,]*{_VERBS}\s+(?P<who>[^.,!?\"“”]{{1,80}})")
# Attribution right before a quote: 'X said:' / 'X told reporters,' / 'According to X,'.
_BEFORE = re.compile(
    rf"(?:(?P<who>[^.!?\"“”]{{1,80}}?)\s+{_VERBS}\b[^.!?\"“”]{{0,40}}?|according to (?P<who2>[^.!?\"“”,]{{1,60}}))[:,]?\s*$", re.I
)
# What any _BEFORE match needs, and what none can hold: a cheap test before the slow search.
_BEFORE_NEEDS = re.compile(rf"\s{_VERBS}\b|according to", re.I)
_BEFORE_STOP = re.compile(r'[.!?"“”][^.!?"“”]*$')
# Between two quotes of one speaker: nothing, or only the first one's attribution clause
# (' Simes said. '); a new sentence after it (' Smith said. Jones disagreed, calling ...') is not.
_CONTINUES = re.compile(r"[\s,.;:]*(?:[^.!?\"“”]{1,80}[.!?,;:])?\s*")
_NAME = re.compile(r"(?:[A-Z][a-z'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’\-]+|[A-Z]\.|al-[A-Z][a-z]+|de|van|von|bin))*")
_TITLE_WORDS = {
    "President",
    "Secretary",
    "Minister",
    "Senator",
    "Sen",
    "Rep",
    "Governor",
    "Gov",
    "Mayor",
    "Chairman",
    "Chief",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "General",
    "Gen",
    "Prime",
    "Foreign",
    "Defense",
    "Defence",
    "State",
    "White",
    "House",
    "Department",
    "Deputy",
    "Director",
    "Executive",
    "Officer",
    "Professor",
    "Prof",
    "Judge",
}


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph: quoted speech (with its speaker, when known) or narration."""

    kind: str  # quote | narration
    text: str
    speaker: str = ""


def _speaker(phrase: str) -> str:
    """Who a phrase names: the trailing proper name when there is one, else the phrase itself."""
    phrase = " ".join(phrase.strip(" ,;:").split())
    if not phrase or len(phrase.split()) > 10:
        return ""
    if phrase.lower() in _PRONOUNS:
        return phrase.lower()
    names = [m.group(0) for m in _NAME.finditer(phrase)]
    if names:
        words = names[-1].split()
        while len(words) > 1 and words[0].rstrip(".") in _TITLE_WORDS:
            words = words[1:]
        name = " ".join(words)
        if name.rstrip(".") not in _TITLE_WORDS:
            return name
    return phrase if phrase[:1].islower() or phrase.split()[0].lower() in {"a", "an", "the", "one", "two"} else ""


def _attribution_before(before: str) -> re.Match | None:
    """``_BEFORE.search(before)``, in linear time.

    A match ends at the end of ``before`` and holds none of ``.!?"“”``, so only the text after the
    last of them is searched, and only when it holds a speech verb or "according to" (searching
    every start of a long paragraph with the lazy, bounded pattern is quadratic).
    """
    stop = _BEFORE_STOP.search(before)
    tail = before[stop.start() + 1 :] if stop else before
    return _BEFORE.search(tail) if _BEFORE_NEEDS.search(tail) else None


def segment_paragraph(text: str) -> list[Segment]:
    """Split one paragraph into quote and narration segments, attributing quotes where stated."""
    segments: list[Segment] = []
    last = 0
    quotes = list(_QUOTE.finditer(text))
    previous_speaker = ""
    for i, match in enumerate(quotes):
        before = text[last : match.start()]
        after = text[match.end() : quotes[i + 1].start() if i + 1 < len(quotes) else len(text)]
        if before.strip():
            segments.append(Segment("narration", before.strip()))
        who = ""
        for pattern in (_AFTER_SPEAKER_VERB, _AFTER_VERB_SPEAKER):
            found = pattern.match(after)
            if found and (who := _speaker(found.group("who"))):
                break
        if not who:
            found = _attribution_before(before)
            if found:
                who = _speaker(found.group("who") or found.group("who2") or "")
        if not who and previous_speaker and _CONTINUES.fullmatch(before):
            who = previous_speaker
        segments.append(Segment("quote", (match.group("a") or match.group("b")).strip(), who))
        previous_speaker = who or previous_speaker
        last = match.end()
    rest = text[last:]
    if rest.strip():
        segments.append(Segment("narration", rest.strip()))
    return _merge_scare_quotes(segments)


def _merge_scare_quotes(segments: list[Segment]) -> list[Segment]:
    """Short unattributed quotes ("reset", "propaganda") are words of the narration, not speech."""
    merged: list[Segment] = []
    for seg in segments:
        if seg.kind == "quote" and not seg.speaker and len(seg.text.split()) < SCARE_QUOTE_WORDS:
            seg = Segment("narration", f'"{seg.text}"')
        if merged and seg.kind == "narration" and merged[-1].kind == "narration":
            merged[-1] = Segment("narration", f"{merged[-1].text} {seg.text}")
        else:
            merged.append(seg)
    return merged


def segment_article(paragraphs: list[str]) -> list[list[Segment]]:
    """Segment each paragraph of one article, resolving surnames and pronouns across it.

    A surname alone is resolved to the last full name (two or more capitalised words) ending in
    it that the article mentioned up to that paragraph, quoted or not.
    """
    result = [segment_paragraph(p) for p in paragraphs]
    known: list[str] = []
    mentioned: list[str] = []
    for text, segments in zip(paragraphs, result):
        mentioned.extend(m.group(0) for m in _NAME.finditer(text) if " " in m.group(0))
        for i, seg in enumerate(segments):
            if seg.kind != "quote" or not seg.speaker:
                continue
            speaker = seg.speaker
            if speaker in _PRONOUNS:
                speaker = known[-1] if known else ""
            elif " " not in speaker and speaker[:1].isupper():
                full = [_speaker(k) for k in mentioned if k.split()[-1] == speaker]
                speaker = full[-1] if full and full[-1] else speaker
            if speaker and speaker[:1].isupper():
                known.append(speaker)
            segments[i] = Segment("quote", seg.text, speaker)
    # Surnames used before the full name appears (rare) stay as written.
    return result


def segment_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Segments of every paragraph: ``article_id``, ``position``, ``segment``, ``kind``, ``speaker``, ``text``.

    Parameters
    ----------
    paragraphs : DataFrame
        With columns ``article_id``, ``position``, ``kind`` and ``text``; headings are skipped.
    """
    rows = []
    body = paragraphs[paragraphs["kind"] == "body"]
    for article_id, group in body.groupby("article_id", sort=True):
        group = group.sort_values("position", kind="stable")
        for position, segments in zip(group["position"], segment_article(group["text"].tolist())):
            rows.extend((article_id, position, n, s.kind, s.speaker, s.text) for n, s in enumerate(segments, start=1))
    out = pd.DataFrame(rows, columns=["article_id", "position", "segment", "kind", "speaker", "text"])
    return out.astype({"position": "int64", "segment": "int64"})
