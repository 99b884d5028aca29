"""Blocks: their features, their class (an :class:`Block`), and the span of blocks that scores best.

jusText's part of the page finder (Pomikálek 2011): a block's length, stop-word density (the
stop-word list of the page's language, :func:`guess_language`) and sentences give it a class
without context (:func:`initial_class`); runs of short lines are menus (:func:`long_runs_bad`);
short and near-good blocks then take their neighbours' class (:func:`revise`). Each block scores
by its class (:func:`score`), and the article's first guess is the run of blocks with the largest
sum (:func:`best_span`).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from helpers.text.pagefinder.patterns import (
    BAD_WEIGHT,
    LENGTH_HIGH,
    LENGTH_LOW,
    MAX_SHORT_RUN,
    NEAR_WEIGHT,
    SENTENCE_END,
    SHORT_PENALTY,
    STOPS,
    STOPWORDS_HIGH,
    STOPWORDS_LOW,
    STOPWORDS_THIN,
    TITLE_CASE,
    TRUNCATED,
    WORD,
)

__all__ = [
    "Block",
    "BlockFeatures",
    "features",
    "guess_language",
    "guess_languages",
    "initial_class",
    "long_runs_bad",
    "revise",
    "score",
    "best_span",
    "unpunctuated_prose",
]


class Block(enum.Enum):
    """A block's class, as jusText names them, and one for lines other rules removed."""

    GOOD = "good"  # prose: long, rich in stop words, in sentences
    NEAR = "near"  # prose that is short, thin in stop words, or a short sentence: its neighbours decide
    SHORT = "short"  # a short line (a heading, a label, a link): its neighbours decide
    BAD = "bad"  # page chrome: a menu's entry, a teaser cut short, a list of names
    GONE = "gone"  # removed by the cleaner's other rules (share buttons, copyright): page chrome, skipped


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    import justext  # jusText's stop-word lists, one per language (a dependency of trafilatura)

    return {
        lang: frozenset(w.casefold() for w in justext.get_stoplist(lang))
        for lang in sorted(justext.get_stoplists())
        if lang != "Simple_English"
    }  # English's, smaller


@lru_cache(maxsize=1)
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang, words in _stoplists().items():
        for w in words:
            index.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


def _language_counts(texts: Sequence[str], sample: int) -> dict[str, int]:
    index = _languages_of_word()
    counts: dict[str, int] = {}
    seen = 0
    for text in texts:
        for w in WORD.findall(text):
            for lang in index.get(w.casefold(), ()):
                counts[lang] = counts.get(lang, 0) + 1
            seen += 1
            if seen >= sample:
                return counts
    return counts


def guess_language(texts: Sequence[str], sample: int = 3000) -> str:
    """The jusText stop-word list that covers most of the text's words (English on a tie).

    jusText's lists are of the most frequent words of each language's Wikipedia, so the list
    with the highest coverage is the text's language, as jusText's own documentation suggests.
    """
    counts = _language_counts(texts, sample)
    # English unless another list covers clearly more (a tenth) of the words.
    english = counts.get("English", 0)
    best = max(counts, key=lambda lang: (counts[lang], lang == "English"), default="English")
    return best if counts.get(best, 0) > 1.1 * english + 2 else "English"


def guess_languages(texts: Sequence[str], sample: int = 3000) -> tuple[str, ...]:
    """The page's language (:func:`guess_language`), and English when the page's prose may be in it.

    A site in one language often carries articles in English (and the reverse is rare), so a
    non-English page's blocks are also measured against English's stop words: a block's density
    is the higher of the two. Across languages the lists barely overlap (under 0.15 on prose),
    so this does not make prose of foreign words.
    """
    first = guess_language(texts, sample)
    return (first,) if first == "English" else (first, "English")


@dataclass(frozen=True)
class BlockFeatures:
    """What the classifier looks at in one block."""

    chars: int
    words: int
    stopword_density: float
    sentence_end: bool
    truncated: bool
    sentences: int  # sentence-ending punctuation marks
    title_case: float  # share of words starting upper case


def features(text: str, language: str | Sequence[str] = "English") -> BlockFeatures:
    """The layout and language features of one block of text.

    ``language``: a jusText stop-word list's name, or several (the density is the highest).
    """
    words = WORD.findall(text)
    languages = (language,) if isinstance(language, str) else tuple(language)
    n = len(words)
    folded = [w.casefold() for w in words]
    density = max(sum(w in _stoplists()[lang] for w in folded) for lang in languages) / n if n else 0.0
    upper = sum(w[0].isupper() for w in words) / n if n else 0.0
    return BlockFeatures(
        chars=len(text),
        words=n,
        stopword_density=density,
        sentence_end=bool(SENTENCE_END.search(text)),
        title_case=upper,
        truncated=bool(TRUNCATED.search(text)),
        sentences=len(STOPS.findall(text)),
    )


def initial_class(f: BlockFeatures) -> Block:
    """jusText's context-free class: good, near, short or bad."""
    if f.words == 0 or f.truncated:
        return Block.BAD
    if f.chars < LENGTH_LOW:
        # A short sentence ("Stir fry to mix well.") is prose that needs its neighbours' support.
        if f.sentence_end and f.words >= 4 and f.title_case < TITLE_CASE:
            return Block.NEAR
        return Block.SHORT
    # Prose ends like a sentence; a long block may end otherwise (a footnote mark, a link) if it
    # holds sentences. A long run of words with no sentence in it is a list (an archive menu).
    prose = (f.sentence_end and f.sentences >= f.words / 80) or (f.chars > LENGTH_HIGH and f.sentences >= max(2, f.words / 50))
    if f.stopword_density >= STOPWORDS_HIGH and prose:
        return Block.GOOD if f.chars > LENGTH_HIGH or f.sentence_end else Block.NEAR
    if f.stopword_density >= STOPWORDS_LOW and prose:
        return Block.NEAR
    if f.stopword_density >= STOPWORDS_THIN and f.sentence_end and f.title_case < TITLE_CASE:
        return Block.NEAR
    return Block.BAD


def long_runs_bad(classes: list[Block]) -> list[Block]:
    """Short blocks in a run of more than ``MAX_SHORT_RUN`` (lines other rules removed skipped) are bad.

    A few short lines between paragraphs are headings, a byline, a date; a long run of them is a
    menu or a list of links, even between two paragraphs (jusText would make them good there).
    """
    out = list(classes)
    i = 0
    while i < len(out):
        if out[i] != Block.SHORT:
            i += 1
            continue
        j, run = i, []
        while j < len(out) and out[j] in (Block.SHORT, Block.GONE):
            if out[j] == Block.SHORT:
                run.append(j)
            j += 1
        if len(run) > MAX_SHORT_RUN:
            for k in run:
                out[k] = Block.BAD
        i = j
    return out


def revise(classes: list[Block]) -> list[Block]:
    """jusText's context-sensitive pass: short and near-good blocks take their neighbours' class."""
    out = list(classes)

    def neighbour(i: int, step: int, ignore: tuple[Block, ...]) -> Block:
        j = i + step
        while 0 <= j < len(classes):
            if out[j] not in ignore:
                return out[j]
            j += step
        return Block.BAD

    for i, c in enumerate(classes):  # near-good: good next to good
        if c == Block.NEAR:
            prev, nxt = neighbour(i, -1, (Block.SHORT, Block.NEAR, Block.GONE)), neighbour(i, 1, (Block.SHORT, Block.NEAR, Block.GONE))
            out[i] = Block.GOOD if Block.GOOD in (prev, nxt) else Block.NEAR
    for i, c in enumerate(classes):  # short blocks between two good ones are good
        if c == Block.SHORT:
            prev, nxt = neighbour(i, -1, (Block.SHORT, Block.GONE)), neighbour(i, 1, (Block.SHORT, Block.GONE))
            if prev == nxt == Block.GOOD:
                out[i] = Block.GOOD
            elif Block.BAD in (prev, nxt):
                out[i] = Block.BAD
            else:
                out[i] = Block.NEAR
    return out


def score(f: BlockFeatures, c: Block) -> float:
    if c == Block.GOOD:
        return float(f.chars)
    if c == Block.NEAR:
        return NEAR_WEIGHT * f.chars
    if c == Block.GONE:
        return 0.0
    if c == Block.SHORT:
        return -SHORT_PENALTY
    return -max(30.0, BAD_WEIGHT * f.chars)


def best_span(scores: Sequence[float]) -> tuple[int, int]:
    """The contiguous run of blocks with the largest total score (Kadane's algorithm)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def unpunctuated_prose(f: BlockFeatures) -> bool:
    """Sentence-like words with no final stop: a photo caption, a standfirst, a teaser's summary."""
    return (
        f.chars >= LENGTH_LOW
        and not f.sentence_end
        and not f.truncated
        and f.stopword_density >= STOPWORDS_LOW
        and f.title_case < TITLE_CASE
    )
