"""The body and what follows it: joining prose across gaps, boxes of links, sign-up boxes, the closing paragraphs.

Helpers of the span passes that look at a run of blocks of a :class:`~helpers.text.pagefinder.page.Page`
(mostly after the body's start): where the body resumes after a box, whether prose after a
heading is comments, the article's table of contents, the span's trimmed ends.
"""

from __future__ import annotations

from helpers.text.pagefinder.blocks import Block
from helpers.text.pagefinder.page import Page
from helpers.text.pagefinder.patterns import (
    BIO,
    DIGITS,
    LENGTH_HIGH,
    LENGTH_LOW,
    MAX_GAP,
    NUMBERING,
    RELATED_BOX,
    SHARED_WORDS,
    SIGN_UP_BOX,
    STOPWORDS_THIN,
    TITLE_CASE,
    WORD,
)
from helpers.text.pagefinder.signals import is_advice, is_notice, is_promotion, menu_like, section_of, site_name

__all__ = [
    "plain_prose",
    "reader_advice",
    "interleaved",
    "signed",
    "after_sign_up_box",
    "body_resumes",
    "table_of_contents",
    "grow",
    "closing_paragraphs",
    "announced_list",
    "trim_edges",
]


def plain_prose(page: Page, i: int) -> bool:
    """A good block that is neither promotion nor a notice: a paragraph of the article, not of the site."""
    texts, feats, initial = page.texts, page.feats, page.initial
    return initial[i] == Block.GOOD and not is_promotion(texts[i], feats[i]) and not is_notice(texts[i], feats[i])


def reader_advice(page: Page, i: int) -> bool:
    """A paragraph of the article that tells its reader what to do about someone else's site or product.

    "Amazon has two models listed; you can sign up to be notified", "Signing up for the
    exchange is similar; if you already have an account ...": a call to action, but the site
    does not speak of itself (no "we", "our", "us") nor give an order first, and it is prose
    (a good block) after a paragraph of prose that is not promotion (short lines between, a
    subhead, skipped), and followed by another such paragraph or by anything that is not prose:
    the body's end ("For other systems, ... see the general download page." ends a how-to), a
    subhead. See :func:`is_advice` for the author's own voice and the site's appeals.
    """
    texts, feats, initial = page.texts, page.feats, page.initial
    if not is_advice(texts[i], initial[i]):
        return False

    def prose(k: int | None) -> bool:
        return k is not None and initial[k] == Block.GOOD and not is_promotion(texts[k], feats[k])

    before = next((k for k in range(i - 1, -1, -1) if initial[k] not in (Block.GONE, Block.SHORT)), None)  # (past a subhead)
    after = next((k for k in range(i + 1, len(texts)) if initial[k] != Block.GONE), None)
    return prose(before) and (prose(after) or after is None or initial[after] != Block.GOOD)


def interleaved(page: Page, lo: int, hi: int) -> bool:
    """Whether the prose in ``lo..hi`` comes one block at a time between short lines (comments, teasers).

    An article's paragraphs follow one another; comments and lists of stories put a name, a date
    or a button between every piece of prose. True when fewer than half the prose blocks follow
    another prose block (lines other rules removed are skipped).
    """
    initial = page.initial
    prose = follows = 0
    previous = ""
    for k in range(lo, hi):
        if initial[k] == Block.GONE:
            continue
        if initial[k] == Block.GOOD:
            prose += 1
            follows += previous == Block.GOOD
        previous = initial[k]
    return prose >= 2 and 2 * follows < prose


def signed(page: Page, lo: int, hi: int) -> bool:
    """Whether the prose after a comments heading opens with the commenter's name and a date.

    A subhead ("Responses from the council") is followed by its paragraph, and a columnist's box
    ("Comment", "Jane Doe, political editor") by a name but no date; a comment by its author's
    name and its date or time ("3 hours ago") before its text: the first line short, and a short
    line with a digit among the first two (lines other rules removed are skipped).
    """
    texts, initial = page.texts, page.initial
    lines = [k for k in range(lo, hi) if initial[k] != Block.GONE][:2]
    return bool(lines) and initial[lines[0]] == Block.SHORT and any(initial[k] == Block.SHORT and DIGITS.search(texts[k]) for k in lines)


def after_sign_up_box(page: Page, lo: int, end: int) -> int | None:
    """Where the body goes on after a newsletter sign-up box whose heading is just before ``lo``.

    News pages put a sign-up box ("Sign up for our morning newsletter", an e-mail field, a
    button) between two paragraphs. The box is at most ``SIGN_UP_BOX`` lines of promotion or short
    non-sentence lines; when two blocks of prose that are not promotion follow (a good block, then
    a good or near-good one, neither a notice), the body resumes there. Returns ``None`` when it does not (the
    sign-up ends the article).
    """
    texts, feats, initial = page.texts, page.feats, page.initial
    k = lo
    while k < end and k - lo < SIGN_UP_BOX:
        if not (
            initial[k] == Block.GONE or is_promotion(texts[k], feats[k]) or (feats[k].chars < LENGTH_LOW and not feats[k].sentence_end)
        ):
            break
        k += 1

    def prose(j: int, classes: tuple[Block, ...]) -> bool:
        return initial[j] in classes and not is_promotion(texts[j], feats[j]) and not is_notice(texts[j], feats[j])

    after = next((j for j in range(k + 1, end) if initial[j] != Block.GONE), end)
    return k if after < end and prose(k, (Block.GOOD,)) and prose(after, (Block.GOOD, Block.NEAR)) else None


def body_resumes(page: Page, lo: int, end: int) -> int | None:
    """Where the body goes on after a box of links ("Most Read", "Related") whose links start at ``lo``.

    The body resumes when, within ``MAX_GAP`` blocks and before another section heading, the span
    goes on with at least 3 consecutive prose blocks after at least 3 links. Returns the first
    block after the box (a subhead just before that prose belongs to the body), or ``None`` when
    the box ends the article: comments and the lists after an article interleave their prose
    with names, dates and buttons.
    """
    texts, initial = page.texts, page.initial
    links = 0
    for k in range(lo, min(end, lo + MAX_GAP)):
        if section_of(texts[k]):
            return None
        if k + 3 <= end and all(c == Block.GOOD for c in initial[k : k + 3]):
            if links < 3:
                return None
            return k - 1 if initial[k - 1] == Block.SHORT and links > 3 else k
        links += initial[k] in (Block.SHORT, Block.BAD)
    return None


def table_of_contents(page: Page) -> tuple[set[int], set[int]]:
    """The entries of a table of contents, and the section headings they name.

    A wiki or a long post lists its sections ("1 History", "2 Effects") between the lede and the
    rest; each entry comes back once further down, in the same order, as a short line with prose
    right after it (the heading of that section). Menus repeat too (a header's links in the
    footer), but between other links, not before prose; a gallery's credit ("AFP via Getty
    Images") repeats many times. At least 3 such entries in a run (a line or two between them
    allowed), with the numbered lines next to them ("5 See also", whose section is a list), make
    a table of contents.
    """
    texts, feats, initial = page.texts, page.feats, page.initial
    n = len(texts)
    short = [f.chars < LENGTH_LOW and c != Block.GONE for f, c in zip(feats, initial)]
    keys = [NUMBERING.sub("", t).strip().casefold() if s else "" for t, s in zip(texts, short)]
    counts: dict[str, int] = {}
    for k in keys:
        if k:
            counts[k] = counts.get(k, 0) + 1
    headings: dict[str, int] = {}  # a short line followed by prose -> its position
    for i in range(n - 1):
        if keys[i] and counts[keys[i]] == 2 and not feats[i].sentence_end:
            nxt = next((k for k in range(i + 1, min(n, i + 4)) if initial[k] != Block.GONE), None)
            if nxt is not None and initial[nxt] in (Block.GOOD, Block.NEAR):
                headings[keys[i]] = i
    entries = [i for i in range(n) if keys[i] and headings.get(keys[i], -1) > i]
    found: set[int] = set()
    run: list[int] = []
    for i in [*entries, n + 10]:
        if run and i - run[-1] > 2:
            named = [headings[keys[k]] for k in run]
            if len(run) >= 3 and named == sorted(named):
                lo, hi = run[0], run[-1]
                while lo > 0 and keys[lo - 1] and NUMBERING.match(texts[lo - 1]):
                    lo -= 1
                while hi + 1 < n and keys[hi + 1] and NUMBERING.match(texts[hi + 1]):
                    hi += 1
                found.update(k for k in range(lo, hi + 1) if k in run or NUMBERING.match(texts[k]))
            run = []
        run.append(i)
    return found, {headings[keys[i]] for i in found if keys[i] in headings}


def grow(page: Page, start: int, end: int) -> tuple[int, int]:
    """Join the prose on either side of the span when what separates them is not page chrome.

    A body broken by code, a table, a recipe's ingredients or a reference list scores as two runs
    of prose; the span takes the larger. The next run of prose (a good block) joins it when the
    gap holds no section heading, at most ``MAX_GAP`` blocks and at most 2 menu-like lines (the
    entries of the article's table of contents, ``contents``, are not menu-like).
    """
    texts, feats, initial, classes, contents = page.texts, page.feats, page.initial, page.classes, page.contents

    def gap_ok(lo: int, hi: int) -> bool:
        if hi - lo > MAX_GAP:
            return False
        menu = sum(menu_like(texts[k], feats[k], initial[k]) for k in range(lo, hi) if k not in contents)
        return menu <= 2 and not any(section_of(texts[k]) for k in range(lo, hi))

    while True:
        nxt = next((k for k in range(end, len(texts)) if classes[k] == Block.GOOD and initial[k] == Block.GOOD), None)
        if nxt is None or not gap_ok(end, nxt):
            break
        end = nxt + 1
    while True:
        prev = next((k for k in range(start - 1, 0, -1) if classes[k] == Block.GOOD and initial[k] == Block.GOOD), None)
        if prev is None or not gap_ok(prev + 1, start):
            break
        start = prev
    return start, end


def closing_paragraphs(page: Page, start: int, end: int) -> range | None:
    """The article's last paragraphs, when a box of links ("Related stories") stands between them and the rest.

    News pages put a box of links to other stories before the body's last paragraph or two. At
    ``end`` (the body's end so far) a heading of related links, then 2 to ``RELATED_BOX`` link lines
    (any blocks but good prose, and no teaser's summary: a sentence of ``LENGTH_LOW`` characters or
    more), then one or more paragraphs of prose in a row (good blocks
    that are neither promotion, a notice nor an author's biography), and then no more prose: the
    page's chrome or another section. Teasers interleave their summaries with titles, so the prose
    must follow all the links. The paragraphs must be about the article (they share at least
    ``SHARED_WORDS`` words of 5 letters or more with the body ``start..end``) and not about the
    site (they do not name it: "The Valley Courier has been the voice of the valley since 1882").
    Returns the paragraphs' blocks, or ``None``.
    """
    texts, feats, initial = page.texts, page.feats, page.initial
    k = next((j for j in range(end, len(texts)) if texts[j].strip()), None)
    if k is None or section_of(texts[k]) != "related links" or initial[k] == Block.GOOD:
        return None
    links = 0
    k += 1
    while k < len(texts) and links <= RELATED_BOX and initial[k] != Block.GOOD:
        if section_of(texts[k]) or (feats[k].chars >= LENGTH_LOW and feats[k].sentence_end):
            return None  # another section, or a teaser's summary: a list of stories, not a box
        links += initial[k] != Block.GONE
        k += 1

    def prose(j: int) -> bool:
        return plain_prose(page, j) and not section_of(texts[j]) and not BIO.search(texts[j])

    def long_words(text: str) -> set[str]:
        return {w.casefold() for w in WORD.findall(text) if len(w) >= 5}

    if not 2 <= links <= RELATED_BOX or k >= len(texts) or not prose(k):
        return None
    stop = k
    while stop < len(texts) and prose(stop):
        stop += 1
    after = next((j for j in range(stop, len(texts)) if initial[j] != Block.GONE), None)
    if after is not None and initial[after] in (Block.GOOD, Block.NEAR):
        return None
    closing = " ".join(texts[k:stop])
    site = site_name(texts[0])
    if site and site in closing.casefold():
        return None
    if len(long_words(" ".join(texts[start:end])) & long_words(closing)) < SHARED_WORDS:
        return None
    return range(k, stop)


def announced_list(page: Page, end: int) -> int:
    """Extend the span's end over the list its last paragraph announces with a colon ("... I'll summarize them:").

    The items are lines in sentence case that read like language (at least 3 words, some stop
    words), not links or labels; the list ends at the first line that is not such an item (a
    byline, a button, a section heading). At least 2 items, and at most ``MAX_GAP``.
    """
    texts, feats, initial = page.texts, page.feats, page.initial
    last = next((k for k in range(end - 1, -1, -1) if initial[k] != Block.GONE), None)
    if last is None or not texts[last].rstrip().endswith(":") or initial[last] not in (Block.GOOD, Block.NEAR):
        return end
    k, items = end, 0
    while k < len(texts) and items < MAX_GAP:
        f = feats[k]
        if initial[k] == Block.GONE or section_of(texts[k]):
            break
        if f.words < 3 or f.title_case >= TITLE_CASE or f.stopword_density < STOPWORDS_THIN or f.truncated or f.chars > LENGTH_HIGH:
            break
        k, items = k + 1, items + 1
    return k if items >= 2 else end


def trim_edges(page: Page, start: int, end: int) -> tuple[int, int]:
    """Cut promotion, notices and the author's biography off the ends of the article's span.

    At the end: from the first such block among the span's last few, when only such blocks and
    short lines follow it ("About the author", a bio, "Sign up for our newsletter", the comment
    rules). At the start: notices before the body (cookies, "You are using an old browser").
    """
    texts, feats, classes, reasons = page.texts, page.feats, page.classes, page.reasons

    def edge(i: int) -> bool:
        promotion = is_promotion(texts[i], feats[i]) and not is_advice(texts[i], classes[i])
        return promotion or is_notice(texts[i], feats[i]) or bool(BIO.search(texts[i]))

    tail = range(max(start + 1, end - 8), end)
    for j in tail:
        if edge(j) and all(edge(k) or feats[k].chars < LENGTH_LOW for k in range(j + 1, end)):
            for k in range(j, end):
                reasons[k] = "outside the article: " + ("author" if BIO.search(texts[k]) else "footer")
            end = j
            break
    while start < end - 1 and (is_promotion(texts[start], feats[start]) or is_notice(texts[start], feats[start])):
        reasons[start] = "outside the article: notice"
        start += 1
    return start, end
