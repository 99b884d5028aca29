"""The page finder's rules as named passes over a :class:`~helpers.text.pagefinder.page.Page`, in order.

Each pass is a function that takes the page and changes it: the **span passes** move the
article's span (``page.start``, ``page.end``) or cut boxes out of it; the verdict
(:func:`mark_outside`) then gives every block outside the span its reason; the **inside passes**
remove blocks within the span. :data:`PASSES` lists them in order with the audit reason each
records (``outside the article: <what>``), and :func:`find_article` runs them. A pass can be left
out (``skip=``, or :func:`disabled` around the cleaner) to measure what it contributes: see
``docs/pagefinder.md`` and ``scripts/validate_cleaning.py --ablation``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from helpers.text.pagefinder.blocks import Block, best_span, unpunctuated_prose
from helpers.text.pagefinder.edges import after_headline, extend_to_headline, headline_further_back, labelled_edges, skip_menus
from helpers.text.pagefinder.page import Page
from helpers.text.pagefinder.patterns import CAPTION, CAPTION_WORDS, CUT_SHARE, INLINE_LINK, LENGTH_LOW, PRE_BODY_WORDS, TITLE_CASE
from helpers.text.pagefinder.sections import (
    after_sign_up_box,
    announced_list,
    body_resumes,
    closing_paragraphs,
    grow,
    interleaved,
    reader_advice,
    signed,
    table_of_contents,
    trim_edges,
)
from helpers.text.pagefinder.signals import caps_heading, code_like, is_field, is_notice, is_promotion, section_of

__all__ = ["Pass", "PASSES", "find_article", "disabled", "mark_outside"]

OUTSIDE = "outside the article: "


@dataclass(frozen=True)
class Pass:
    """A named rule of the page finder: what it does to the page, and the audit reasons it records."""

    name: str
    run: Callable[[Page], None]
    reasons: tuple[str, ...]  # what follows "outside the article: " in the rows it decides
    span: bool  # a span pass (before the verdict) or an inside pass (after it)


# -- span passes: where the article starts and ends --------------------------------------------


def join_prose(page: Page) -> None:
    """Join the runs of prose either side of the span across a gap that is not page chrome (:func:`grow`)."""
    page.start, page.end = grow(page, page.start, page.end)


def headline_run(page: Page) -> None:
    """Take the prose right after a repeated headline over back matter that outscores it (:func:`after_headline`)."""
    page.start, page.end = after_headline(page, page.start, page.end)


def sections(page: Page) -> None:
    """End the span at a section the page opens after the article; cut boxes of links and sign-ups out of it.

    A section heading ends the span where most of its prose is before it (or ``CUT_SHARE`` of it,
    when comments follow). A box of links ("Most read" between two paragraphs) or a newsletter
    sign-up box after which the body goes on is cut out instead. A cut makes the prose after an
    earlier heading smaller, so the headings are looked at again.
    """
    texts, feats, initial, classes = page.texts, page.feats, page.initial, page.classes
    start, end = page.start, page.end
    good = [f.chars if c == Block.GOOD else 0 for f, c in zip(feats, classes)]
    cut = True
    while cut:
        cut = False
        boxes: list[range] = []
        sign_ups: list[range] = []  # a sign-up box between two paragraphs
        for i in range(start + 1, end):
            name = section_of(texts[i])
            if not name or initial[i] == Block.GOOD or INLINE_LINK.match(texts[i]):
                continue
            resumes = body_resumes(page, i + 1, end) if name == "related links" else None
            if resumes is not None:
                boxes.append(range(i, resumes))
            elif name == "newsletter sign-up" and (resumes := after_sign_up_box(page, i + 1, end)) is not None:
                sign_ups.append(range(i, resumes))
            elif sum(good[start:i]) >= sum(good[i:end]) or (
                sum(good[start:i]) >= CUT_SHARE * sum(good[i:end])
                and (interleaved(page, i + 1, end) or (name == "comments" and signed(page, i + 1, end)))
            ):
                end, cut = i, True
                break
    page.end, page.boxes, page.sign_ups = end, boxes, sign_ups


def closing_box(page: Page) -> None:
    """The article's last paragraphs after a box of links: the box goes, they stay (:func:`closing_paragraphs`)."""
    tail = closing_paragraphs(page, page.start, page.end)
    if tail is not None:
        page.boxes.append(range(page.end, tail.start))
        page.end = tail.stop


def announced(page: Page) -> None:
    """Keep the list the body's last paragraph announces with a colon (:func:`announced_list`)."""
    page.listed = range(page.end, announced_list(page, page.end))
    page.end = max(page.end, page.listed.stop)


def edges(page: Page) -> None:
    """Cut promotion, notices and the author's biography off the span's ends (:func:`trim_edges`)."""
    page.start, page.end = trim_edges(page, page.start, page.end)


def menus(page: Page) -> None:
    """Move the start past the menus before the body's first two paragraphs (:func:`skip_menus`)."""
    page.start = skip_menus(page, page.start, page.end)


def labels(page: Page) -> None:
    """Extend the span over labelled entries ("MEANING:" and its line) either side (:func:`labelled_edges`)."""
    end = page.end
    page.start, page.end = labelled_edges(page, page.start, page.end)
    page.labelled = range(end, page.end)


def headline(page: Page) -> None:
    """Extend the start back over a standfirst to the headline (:func:`extend_to_headline`)."""
    page.start = extend_to_headline(page, page.start)


def split_lede(page: Page) -> None:
    """Start at a headline further back when prose follows it; the gallery in between goes (:func:`headline_further_back`)."""
    head = headline_further_back(page, page.start)
    if head < page.start:  # the article's first paragraphs, cut off from the rest by a gallery or a box
        for i in range(head, page.start):
            if page.initial[i] == Block.BAD and not code_like(page.texts[i]):  # the gallery's captions, the box's teasers
                page.reasons[i] = OUTSIDE + "links"
        page.start = head


# -- the verdict: every block outside the span -------------------------------------------------


def mark_outside(page: Page) -> None:
    """Blocks before the span are navigation (or a cookie notice), after it the section they are in; boxes are cut out."""
    texts, feats, reasons = page.texts, page.feats, page.reasons
    section = "footer"
    for i in range(len(texts)):
        if i < page.start:
            reasons[i] = OUTSIDE + ("cookie notice" if is_notice(texts[i], feats[i]) else "navigation")
        elif i >= page.end:
            section = section_of(texts[i]) or section
            reasons[i] = f"{OUTSIDE}{section}"
    for box in page.boxes:
        for i in box:
            reasons[i] = OUTSIDE + "related links"
    for box in page.sign_ups:
        for i in box:
            reasons[i] = OUTSIDE + "newsletter sign-up"


# -- inside passes: blocks within the span that are not the article ------------------------------


def _unmarked(page: Page) -> Iterator[int]:
    return (i for i in range(page.start, page.end) if not page.reasons[i])


def contents(page: Page) -> None:
    """The article's table of contents goes; the headings it names stay where the body has them."""
    for i in _unmarked(page):
        if i in page.contents:
            page.reasons[i] = OUTSIDE + "table of contents"


def promotion(page: Page) -> None:
    """Blocks that address the reader about the site (sign up, follow us), not advice about another site."""
    for i in _unmarked(page):
        if is_promotion(page.texts[i], page.feats[i]) and not reader_advice(page, i):
            page.reasons[i] = OUTSIDE + "promotion"


def captions(page: Page) -> None:
    """Photo captions and credits ("Photograph by ..."), not prose."""
    for i in _unmarked(page):
        if CAPTION.search(page.texts[i]) and page.feats[i].words <= CAPTION_WORDS and page.initial[i] != Block.GOOD:
            page.reasons[i] = OUTSIDE + "caption"


def notices(page: Page) -> None:
    """Cookie notices and legal lines inside the span."""
    for i in _unmarked(page):
        if is_notice(page.texts[i], page.feats[i]):
            page.reasons[i] = OUTSIDE + "cookie notice"


def gallery(page: Page) -> None:
    """A photo's description beside its credit line ("AFP via Getty Images"): a gallery's caption."""
    caption, reasons, n = OUTSIDE + "caption", page.reasons, len(page)
    for i in range(page.start, page.end):
        if (
            not reasons[i]
            and page.initial[i] == Block.BAD
            and unpunctuated_prose(page.feats[i])
            and caption in (reasons[i - 1], reasons[i + 1] if i + 1 < n else "")
        ):
            reasons[i] = caption


def body_start(page: Page) -> int:
    """The span's first block of prose (a good block of ``LENGTH_LOW`` characters or more), or its start."""
    return next((i for i in range(page.start, page.end) if page.classes[i] == Block.GOOD and page.feats[i].chars >= LENGTH_LOW), page.start)


def buttons(page: Page) -> None:
    """Between the headline and the body: buttons ("Email", "Print"), the date, "5 min read"."""
    texts, feats = page.texts, page.feats
    for i in range(page.start + 1, body_start(page)):
        if (
            not page.removed[i]
            and page.initial[i] == Block.SHORT
            and not texts[i].isupper()
            and (feats[i].words <= PRE_BODY_WORDS and not feats[i].sentence_end)
        ):
            page.reasons[i] = OUTSIDE + "share buttons"


def closing_labels(page: Page) -> None:
    """After the body's last prose: labels and buttons ("Post a Comment", "View my complete profile")."""
    feats, reasons = page.feats, page.reasons
    last = max(
        (
            i
            for i in range(page.start, page.end)
            if not reasons[i] and page.classes[i] == Block.GOOD and (feats[i].chars >= LENGTH_LOW or feats[i].sentence_end)
        ),
        default=page.end - 1,
    )
    for i in range(last + 1, page.end):
        if i in page.listed or i in page.labelled:
            continue
        if not reasons[i] and not page.removed[i] and not feats[i].sentence_end and feats[i].chars < LENGTH_LOW:
            reasons[i] = OUTSIDE + "footer"


def link_runs(page: Page) -> None:
    """Runs of 3+ short non-sentence lines in title case inside the body: link lists, share buttons.

    Lines other rules removed are skipped; code, labelled fields, the headings a table of contents
    names and a subhead in capitals that ends the run with prose after it stay.
    """
    texts, feats, initial, classes, removed, end = page.texts, page.feats, page.initial, page.classes, page.removed, page.end
    i = body_start(page)
    while i < end:
        j, run = i, []
        while j < end and (removed[j] or (classes[j] != Block.GOOD and feats[j].chars < LENGTH_LOW and not feats[j].sentence_end)):
            if not removed[j]:
                run.append(j)
            j += 1
        if len(run) >= 3 and sum(feats[k].title_case >= TITLE_CASE or feats[k].truncated for k in run) * 2 > len(run):
            toc = any(k in page.contents for k in run)
            # A subhead in capitals ends the run, alone, with prose right after it.
            caps = [k for k in run if caps_heading(texts[k])]
            subhead = caps[0] if len(caps) == 1 and caps[0] == run[-1] and j < end and initial[j] in (Block.GOOD, Block.NEAR) else None
            for k in run:
                # (the first heading the table of contents names, right after it, code, fields and the subhead stay)
                stays = (toc and k in page.named) or k in page.listed or k == subhead or code_like(texts[k]) or is_field(texts[k])
                if not stays:
                    page.reasons[k] = page.reasons[k] or OUTSIDE + "links"
        i = max(j, i + 1)


PASSES: tuple[Pass, ...] = (
    Pass("join_prose", join_prose, ("navigation", "footer"), span=True),
    Pass("headline_run", headline_run, ("navigation", "comments", "footer"), span=True),
    Pass("sections", sections, ("comments", "related links", "newsletter sign-up", "footer"), span=True),
    Pass("closing_box", closing_box, ("related links",), span=True),
    Pass("announced", announced, ("footer",), span=True),
    Pass("edges", edges, ("author", "footer", "notice"), span=True),
    Pass("menus", menus, ("navigation",), span=True),
    Pass("labels", labels, ("navigation", "footer"), span=True),
    Pass("headline", headline, ("navigation",), span=True),
    Pass("split_lede", split_lede, ("links",), span=True),
    Pass("contents", contents, ("table of contents",), span=False),
    Pass("promotion", promotion, ("promotion",), span=False),
    Pass("captions", captions, ("caption",), span=False),
    Pass("notices", notices, ("cookie notice",), span=False),
    Pass("gallery", gallery, ("caption",), span=False),
    Pass("buttons", buttons, ("share buttons",), span=False),
    Pass("closing_labels", closing_labels, ("footer",), span=False),
    Pass("link_runs", link_runs, ("links",), span=False),
)
_DISABLED: set[str] = set()


@contextlib.contextmanager
def disabled(names: Iterable[str]) -> Iterator[None]:
    """Leave the named passes out of every :func:`find_article` call within (to measure what each adds).

    For validation: the cleaner calls :func:`find_article` itself, so an ablation runs the cleaner
    within ``with disabled({"captions"}):``. Unknown names raise ``ValueError``.
    """
    names = set(names)
    unknown = names - {p.name for p in PASSES}
    if unknown:
        raise ValueError(f"names must be passes of the page finder ({', '.join(p.name for p in PASSES)}); got {sorted(unknown)}")
    before = set(_DISABLED)
    _DISABLED.update(names)
    try:
        yield
    finally:
        _DISABLED.clear()
        _DISABLED.update(before)


def find_article(texts: Sequence[str], removed: Sequence[bool] | None = None, *, skip: Iterable[str] = ()) -> list[str]:
    """For each block of a whole page's text, ``""`` if it belongs to the article, else why not.

    Reasons read ``outside the article: <what>``, where what is ``navigation`` (before the
    article), ``comments``, ``related links``, ``newsletter sign-up`` (a section the page opens
    after the article), ``footer`` (after the article otherwise), ``cookie notice``, ``caption``
    (a photo caption or credit) or ``links`` (a run of short lines inside the article); the
    passes (:data:`PASSES`) say which records which.

    ``removed`` flags blocks that other rules already removed (share buttons, "Related stories",
    copyright): they count as page chrome, and their text still marks where a section starts.
    ``skip`` names passes to leave out (the score of the page finder without them).
    """
    if not texts:
        return []
    page = Page.read(texts, removed)
    page.start, page.end = best_span(page.scores)  # blocks start..end-1
    if page.start >= page.end:
        return [OUTSIDE + "navigation"] * len(page)
    page.contents, page.named = table_of_contents(page)  # a table of contents, the headings it names
    skipped = set(skip) | _DISABLED
    for p in PASSES:
        if not p.span:
            break
        if p.name not in skipped:
            p.run(page)
    mark_outside(page)
    for p in PASSES:
        if not p.span and p.name not in skipped:
            p.run(page)
    return page.reasons
