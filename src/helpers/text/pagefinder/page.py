"""The :class:`Page`: one page's blocks and what the page finder has decided about them so far.

Instead of parallel lists handed from helper to helper, the passes share one object: the blocks'
texts, their features, their classes (before and after context), their scores, the article's span
``start..end`` as it stands, and the removal reason of every block (``""``: kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from helpers.text.pagefinder.blocks import (
    Block,
    BlockFeatures,
    features,
    guess_languages,
    initial_class,
    long_runs_bad,
    revise,
    score,
    unpunctuated_prose,
)

__all__ = ["Page"]


@dataclass
class Page:
    """A whole page's text, block by block, and the page finder's decisions about it.

    Attributes
    ----------
    texts : list of str, one per block (one line of the page's text)
    removed : list of bool, the blocks other rules of the cleaner already removed
    feats : list of BlockFeatures
    initial : list of Block, the class without context (removed blocks are ``Block.GONE``)
    classes : list of Block, the class after the context (:func:`~helpers.text.pagefinder.blocks.revise`)
    scores : list of float, each block's score towards the span
    start, end : int, the article's span (blocks ``start..end-1``), moved by the span passes
    reasons : list of str, ``""`` for a block of the article, else why not (set by the passes)
    contents, named : set of int, the entries of the article's table of contents and the headings they name
    boxes, sign_ups : list of range, boxes of links and newsletter sign-ups cut out of the body
    listed, labelled : range, a list the body's last paragraph announces; labelled entries after the body
    """

    texts: list[str]
    removed: list[bool]
    feats: list[BlockFeatures]
    initial: list[Block]
    classes: list[Block]
    scores: list[float]
    start: int = 0
    end: int = 0
    reasons: list[str] = field(default_factory=list)
    contents: set[int] = field(default_factory=set)
    named: set[int] = field(default_factory=set)
    boxes: list[range] = field(default_factory=list)
    sign_ups: list[range] = field(default_factory=list)
    listed: range = range(0)
    labelled: range = range(0)

    @classmethod
    def read(cls, texts: Sequence[str], removed: Sequence[bool] | None = None) -> Page:
        """The page's blocks measured and classified: features, classes with and without context, scores.

        >>> page = Page.read(["Home", "News", "The rain came at last on Monday, and the farmers were out in their fields to see it."])
        >>> [c.value for c in page.initial]
        ['short', 'short', 'good']
        """
        texts = list(texts)
        removed = list(removed) if removed is not None else [False] * len(texts)
        language = guess_languages([t for t, r in zip(texts, removed) if not r])
        feats = [features(t, language) for t in texts]
        initial = [Block.GONE if r else initial_class(f) for f, r in zip(feats, removed)]
        classes = revise(long_runs_bad(initial))
        # Unpunctuated prose (captions of a gallery inside the body) neither joins nor splits the body.
        scores = [0.0 if c == Block.BAD and unpunctuated_prose(f) else score(f, c) for f, c in zip(feats, classes)]
        return cls(texts, removed, feats, initial, classes, scores, reasons=[""] * len(texts))

    def __len__(self) -> int:
        return len(self.texts)
