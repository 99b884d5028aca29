"""The article's start: menus skipped, the headline found, labelled entries either side of the span.

Helpers of the span passes that look back from the span's start (and at the lines right after its end).
"""

from __future__ import annotations

from helpers.text.pagefinder.blocks import Block, best_span
from helpers.text.pagefinder.page import Page
from helpers.text.pagefinder.patterns import (
    DIGITS,
    HEADLINE_CHARS,
    HEADLINE_REACH,
    HEADLINE_RUN_SHARE,
    LENGTH_HIGH,
    LENGTH_LOW,
    MAX_HEADING_RUN,
    QUOTATION,
    REPEATED_TITLE_OVERLAP,
    TITLE_CASE,
    TITLE_OVERLAP,
    WORD,
)
from helpers.text.pagefinder.sections import plain_prose
from helpers.text.pagefinder.signals import is_label, is_quote_source, section_of, short_sentence, standfirst, title_overlap

__all__ = ["labelled_edges", "skip_menus", "extend_to_headline", "after_headline", "repeated_title", "headline_further_back"]


def labelled_edges(page: Page, start: int, end: int) -> tuple[int, int]:
    """Extend the span over labelled entries right before and after it ("MEANING:" then "adjective: Overly sentimental.").

    A dictionary's entry, an abstract's "Primary Funding Source:", a recipe's "Serves:" give
    their facts as a label line ending with a colon and a short line after it that is a fact (a
    sentence, a figure, a bracket). Such pairs (and a lone label right before the span) are the
    article's; a menu's entries have no labels, and "Teilen mit:" is followed by a link. So is
    the source of a quotation that ends the body (a short line with a date, or after a dash).
    """
    texts, feats, initial = page.texts, page.feats, page.initial

    def value(k: int) -> bool:  # a short fact: a sentence, a figure or a bracket ("(SANG-gwin)"), not a link ("Facebook")
        if not (0 <= k < len(texts) and initial[k] in (Block.SHORT, Block.NEAR, Block.BAD) and feats[k].chars < LENGTH_LOW):
            return False
        fact = feats[k].sentence_end or DIGITS.search(texts[k]) or texts[k].lstrip().startswith("(")
        return bool(fact) and not is_label(texts[k], feats[k])

    def label(k: int) -> bool:
        return 0 <= k < len(texts) and initial[k] != Block.GONE and is_label(texts[k], feats[k])

    k = start - 1
    while k > 0:
        if label(k):
            k -= 1
        elif value(k) and label(k - 1):
            k -= 2
        else:
            break
    start = k + 1
    k = end
    while label(k) and value(k + 1):
        k += 2
    # A quotation that ends the body, then its source: "Jane Doe; The Daily Planet; Mar 20, 2005."
    last = next((j for j in range(k - 1, start - 1, -1) if initial[j] != Block.GONE), None)
    if last is not None and k < len(texts) and QUOTATION.match(texts[last]) and is_quote_source(texts[k], feats[k], initial[k]):
        k += 1
    return start, k


def skip_menus(page: Page, start: int, end: int) -> int:
    """Move the start past runs of more than ``MAX_HEADING_RUN`` short or non-prose lines.

    Every such run (a menu) before the body's first two paragraphs of prose in a row (good blocks
    that are neither promotion nor a notice: a sign-up form's small print before the menu is not
    the article) is skipped.
    """
    feats, initial, contents = page.feats, page.initial, page.contents

    def prose(i: int) -> bool:
        return plain_prose(page, i)

    def followed(i: int) -> bool:  # the next block (lines other rules removed skipped) is prose too
        nxt = next((k for k in range(i + 1, end) if initial[k] != Block.GONE), None)
        return nxt is not None and prose(nxt)

    first = next((i for i in range(start, end) if prose(i) and followed(i)), None)
    if first is None:
        first = next((i for i in range(start, end) if prose(i)), end)
    i = new_start = start
    while i < first:
        j, run = i, []
        while j < end and initial[j] in (Block.SHORT, Block.BAD, Block.GONE):
            if initial[j] != Block.GONE:
                run.append(j)
            j += 1
        # A run right at the start goes whatever it is; further in, only a menu (mostly title case:
        # a list in sentence case after the lede, such as a recipe's ingredients, is the article).
        # The article's table of contents (``contents``) is not a menu.
        menu = sum((feats[k].title_case >= TITLE_CASE or feats[k].truncated) and k not in contents for k in run) * 2 > len(run)
        if len(run) > MAX_HEADING_RUN and j < end and (i == new_start or menu):
            new_start = j
        i = max(j, i + 1)
    return new_start


def extend_to_headline(page: Page, start: int) -> int:
    """Move the span's start back to the headline just before it (and the byline, date between).

    The headline is the block, among the ``HEADLINE_REACH`` before the span, that shares most of its words (at
    least 60%) with the page's first line: the ``<title>`` that such dumps start with, or that
    first line itself when nothing but removed lines stands between it and the body.
    """
    texts, feats, initial = page.texts, page.feats, page.initial
    title = {w.casefold() for w in WORD.findall(texts[0])}
    # A standfirst without a final stop ("Japanese brewers are making money from ...") is prose.
    # So is a line of one short sentence ("“Greetings.”", "No.") between two blocks of prose: a
    # line of dialogue, as jusText makes a short block between two good ones good.
    while start > 1:
        if initial[start - 1] == Block.GONE or standfirst(feats[start - 1]):
            start -= 1
        elif start > 2 and short_sentence(feats[start - 1]) and standfirst(feats[start - 2]):
            start -= 2
        else:
            break
    best, best_overlap = start, 0.0
    for i in range(start - 1, max(0, start - 1 - HEADLINE_REACH), -1):
        if feats[i].chars > HEADLINE_CHARS:
            break
        words = {w.casefold() for w in WORD.findall(texts[i])}
        if len(words) >= 3 and title:
            overlap = len(words & title) / len(words)
            if overlap > best_overlap and overlap >= TITLE_OVERLAP:
                best, best_overlap = i, overlap
    # The first line is the headline when only lines other rules removed stand between it and the body.
    if best == start and all(c == Block.GONE for c in initial[1:start]) and 0 < feats[0].words <= 20:
        best = 0
    return best


def after_headline(page: Page, start: int, end: int) -> tuple[int, int]:
    """The run of prose right after the headline, when it scores nearly as well as the best run further on.

    An article follows its headline; prose further down the page that outscores it (a journal's
    disclosures after its reference list, a long comment) is back matter. The headline is the
    last block before the span that repeats the page's first line (:func:`repeated_title`, with
    40% of the title's words: the title often carries the site's name too); the best run between
    it and the span is taken when it scores at least ``HEADLINE_RUN_SHARE`` of the span's score
    and a comments or footer heading ("Comments", "References") lies between. A box of related
    links between two parts of the body is not back matter: the parts are joined by
    :func:`headline_further_back` instead.
    """
    texts, scores = page.texts, page.scores
    head = repeated_title(page, start, of_title=0.4)
    if head is None:
        return start, end
    lo, hi = best_span(scores[head + 1 : start])
    lo, hi = head + 1 + lo, head + 1 + hi
    back_matter = any(section_of(texts[k]) in ("comments", "footer") for k in range(hi, start))
    if lo < hi and back_matter and sum(scores[lo:hi]) >= HEADLINE_RUN_SHARE * sum(scores[start:end]):
        return lo, hi
    return start, end


def repeated_title(page: Page, start: int, *, of_title: float) -> int | None:
    """The last block before ``start`` that repeats the page's first line (the ``<title>``), or ``None``.

    A headline, not prose (no good block, at most 300 characters, at least 3 words): at least 80%
    of its words are the title's, and it has at least ``of_title`` of the title's words. A title
    of fewer than 3 words names no headline.
    """
    texts, feats, initial = page.texts, page.feats, page.initial
    title = {w.casefold() for w in WORD.findall(texts[0])}
    if len(title) < 3:
        return None
    for i in range(start - 1, 0, -1):
        if feats[i].words < 3 or feats[i].chars > HEADLINE_CHARS or initial[i] == Block.GOOD:
            continue
        of_block, share = title_overlap(texts[i], title)
        if of_block >= REPEATED_TITLE_OVERLAP and share >= of_title:
            return i
    return None


def headline_further_back(page: Page, start: int) -> int:
    """The headline further back than :func:`extend_to_headline` looks, when prose follows it.

    A gallery, a video or a box of links inside the body can split it in two, and the span then
    holds only the larger part. The part before is found from the headline: the last block before
    the span that repeats the page's first line (:func:`repeated_title`, with half of the
    title's words), when prose (good or near-good
    blocks: a question or a lede of short sentences counts, at least ``LENGTH_HIGH`` characters)
    follows it within ``HEADLINE_REACH`` blocks. Returns ``start`` when there is none.
    """
    feats, initial = page.feats, page.initial
    head = repeated_title(page, start, of_title=0.5)
    if head is None:
        return start
    prose = sum(feats[k].chars for k in range(head + 1, min(start, head + 1 + HEADLINE_REACH)) if initial[k] in (Block.GOOD, Block.NEAR))
    return head if prose >= LENGTH_HIGH else start
