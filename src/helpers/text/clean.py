"""Text to paragraphs: structure, repetition and boilerplate, with an audit of every raw line.

Pure functions and a small scikit-learn-style estimator, :class:`Cleaner`: ``fit`` learns the lines
that recur across a corpus (publisher boilerplate), ``clean`` turns one article's text into its
headline, dateline, section headings and body paragraphs, and accounts for every raw line. The
pieces it applies are in :mod:`helpers.text.structure` (blocks, datelines, headlines, headings),
:mod:`helpers.text.boilerplate` (the built-in rules, prose, learning recurring lines) and
:mod:`helpers.text.repeats` (duplicates); here are the results, the estimator and the body's labels.

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

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from helpers.text import pagefinder as page
from helpers.text.boilerplate import (
    GLUED_TAIL,
    METADATA_RULES,
    PAGE_CHROME,
    WORD,
    Sampled,
    boilerplate_rule,
    call_to_action,
    find_occurrences,
    in_different_stories,
    is_prose,
    placed,
    with_sites,
)
from helpers.text.repeats import is_list_item, mark_duplicates
from helpers.text.structure import Block, find_dateline, looks_like_heading, looks_like_headline, normalise_key, split_blocks

__all__ = ["AuditRow", "Paragraph", "CleanedArticle", "Cleaner", "is_prose", "normalise_key", "split_blocks"]

HEADLINE_MIN_WORDS = 5
"""Words of a headline-like first block (the first no built-in rule removes) that make it the
story's headline rather than a site's label ("The Daily Ledger"): it is never learned from there."""

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
        i = next((i for i, t in enumerate(texts) if not boilerplate_rule(t) and not any(p.fullmatch(t) for _, p in self._user)), -1)
        if 0 <= i < len(texts) - 1 and len(WORD.findall(texts[i])) >= HEADLINE_MIN_WORDS and looks_like_headline(texts[i]):
            return i if not find_dateline(texts[i], inline=False) else -1
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
        by_site: dict[int, list[Sampled]] = {}
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
        learnable = {k for k in not_story if not find_dateline(example[k], inline=False)}
        anywhere = {k for k in learnable if call_to_action(example[k])}
        # Prose recurring in different stories (a sentence many stories share) is no story's
        # neighbour; prose recurring in copies of one story is, and links the copies.
        shared = in_different_stories(find_occurrences(articles, recurring - not_story, skip=not_story), threshold, thresholds)
        found = find_occurrences(articles, learnable, skip=not_story | set(shared), edges_only=learnable - anywhere)
        learned = in_different_stories(found, threshold, thresholds)
        self.learned_ = {k: counts[k] for k in sorted(learned)}
        self.learned_sites_ = {k: (site_names[site], in_site[site, k]) for k, site in sorted(learned.items()) if site >= 0}
        return self

    def _read_sample(self, texts: Iterable[str], sites: Iterable[str | None] | None) -> tuple[list[Sampled], dict[str, str], list[str]]:
        """The sample's articles, the first text of each block key, and the sites' names."""
        articles: list[Sampled] = []
        example: dict[str, str] = {}
        site_names: list[str] = []
        site_index: dict[str, int] = {}
        for text, site in with_sites(texts, sites):
            blocks = [b.text for b in split_blocks(text.split("\n"))]
            keys = [normalise_key(b) for b in blocks]
            if site and site.casefold() not in site_index:
                site_index[site.casefold()] = len(site_names)
                site_names.append(site)
            number = site_index[site.casefold()] if site else -1
            prose = bytes(is_prose(b) for b in blocks)
            articles.append(Sampled(keys, number, prose, placed(prose, self._headline_slot(blocks))))
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
        chrome = sum(b.reason.startswith(PAGE_CHROME) for b in blocks)
        if find_body and page.is_page([b.text for b in candidates], boilerplate=chrome):
            reasons = page.find_article([b.text for b in blocks], [bool(b.action) for b in blocks])
            for block, reason in zip(blocks, reasons):
                if reason and not block.action:
                    block.action, block.reason = "removed", reason
            candidates = [b for b in candidates if not b.action]
        self._mark_head(candidates, meta, find_headline=headline is None)
        mark_duplicates(b for b in blocks if b.action in ("", "kept"))
        paragraphs = _assign_body(candidates)
        return CleanedArticle(article_id=article_id, paragraphs=paragraphs, audit=_audit(lines, blocks), **meta)

    # -- steps ----------------------------------------------------------------------------

    def _mark_boilerplate(self, block: Block, meta: dict[str, str]) -> None:
        rule = boilerplate_rule(block.text)
        if rule in METADATA_RULES:
            block.action, block.role = "metadata", METADATA_RULES[rule]
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
        glued = GLUED_TAIL.search(block.text)
        if glued and len(block.text.split()) > 3:
            block.text = block.text[: glued.start()].rstrip()
            block.note = f"trailing {glued.group('tail')!r} removed"

    def _mark_head(self, candidates: list[Block], meta: dict[str, str], *, find_headline: bool = True) -> None:
        """Find the headline and the dateline among the first blocks."""
        if not find_headline:  # the headline is known (a page's title): find its line, if any
            key = normalise_key(meta["headline"])
            repeat = next((b for b in candidates[:10] if key and normalise_key(b.text) == key), None)
            if repeat is not None:
                repeat.action, repeat.role = "kept", "headline"
                candidates = [b for b in candidates if b is not repeat]
        for i, block in enumerate(candidates[:2]):
            rest = candidates[i + 1 :]
            found = find_dateline(block.text, inline=False)
            if found and rest:
                block.action, block.role = "kept", "dateline"
                meta["dateline"], meta["dateline_date"] = found["place"].rstrip(":"), found["date"]
                return
            found = find_dateline(block.text, inline=True)
            # A lede with a dateline is a sentence; "Obituary: Dame Alicia Markova" is a headline.
            if found and not (rest and looks_like_headline(block.text)):
                meta["dateline"], meta["dateline_date"] = found["place"], found["date"]
                block.text, block.note = found["rest"], "dateline removed from the start of the lede"
                return
            if i == 0 and rest and find_headline and looks_like_headline(block.text):
                block.action, block.role = "kept", "headline"
                meta["headline"] = block.text
                continue
            return


def _assign_body(candidates: list[Block]) -> list[Paragraph]:
    """Label the remaining blocks as headings or body paragraphs and number them.

    A heading is a lone title-like line between body paragraphs. Consecutive title-like lines are
    a list (fixtures, results, credits) and stay body text, also at the end of the article; a lone
    title-like line after the last paragraph is taken for a trailing label and removed.
    """
    rest = [b for b in candidates if not b.action]
    title_like = [looks_like_heading(b.text) for b in rest]
    in_list = [t and ((i > 0 and title_like[i - 1]) or (i + 1 < len(rest) and title_like[i + 1])) for i, t in enumerate(title_like)]
    body_like = [i for i, t in enumerate(title_like) if not t or in_list[i]]
    last_body = body_like[-1] if body_like else -1
    paragraphs: list[Paragraph] = []
    section = ""
    for i, block in enumerate(rest):
        kind = "body"
        if title_like[i] and not in_list[i]:
            after_list = i > 0 and is_list_item(rest[i - 1].text, max_words=12)
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


def _audit(lines: Sequence[str], blocks: list[Block]) -> list[AuditRow]:
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
