"""Whole-page text: find the article body among a page's menus, captions, links and comments.

A scraper that saves the text of a whole web page (no markup) writes one block of the page per
line: menus, language pickers, "Sign in", share buttons, cookie notices, the headline, the byline,
the article, captions, "related stories", comments, footers. This module finds the article in such a
text from layout and language alone, in the manner of jusText (Pomikálek 2011, "Removing
Boilerplate and Duplicate Content from Web Corpora"), with additions that matter once the markup
is gone:

The rules are named passes over a :class:`Page` (``PASSES``, in order, each with the audit reason
it records); their patterns and thresholds are in one module. ``docs/pagefinder.md`` tells how
it works, how to add a rule and how to test it on the two halves of web-dev.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.text.pagefinder.patterns``   the thresholds and regular expressions, each with what it catches
- ``helpers.text.pagefinder.blocks``     a block's features and class (``Block``), scores, the best-scoring span
- ``helpers.text.pagefinder.page``       the ``Page``: texts, features, classes, the span and the removals
- ``helpers.text.pagefinder.signals``    what one block is: a section heading, promotion, a notice, code; ``is_page``
- ``helpers.text.pagefinder.sections``   the body and what follows it: gaps, boxes of links, sign-ups, the table of contents
- ``helpers.text.pagefinder.edges``      the article's start: menus, the headline, labelled entries
- ``helpers.text.pagefinder.passes``     the rules as named passes, in order, and ``find_article``


1. **Blocks are classified** by their length, their stop-word density (jusText's stop-word list
   of the page's language, :func:`~helpers.text.pagefinder.blocks.guess_language`, and English's too on a page in another
   language, :func:`~helpers.text.pagefinder.blocks.guess_languages`) and their sentences: ``good`` (long prose), ``near`` (prose
   that is short, thin in stop words, or a short sentence), ``short`` and ``bad`` (menus, labels,
   lists of names, teasers cut short with "..."). A run of more than ``MAX_SHORT_RUN`` short
   lines is a menu or a list of links (bad). Short and near-good blocks then take the class of
   their neighbours, as in jusText.
2. **The body is one contiguous run.** The article is the span of blocks with the largest sum of
   scores (good blocks count their length, bad ones against it; captions without a final stop
   count for nothing), so the menus before it and the footer after it fall outside even where a
   stray line of them reads like prose. Runs of prose either side join it when only a short gap
   with no menu or section heading separates them (a body broken by code, a table, a gallery;
   the entries of the article's own table of contents, lines the body repeats in the same
   order as section headings with prose after them, are not a menu).
   When the page repeats its headline before that span, and the best run of prose between the
   two scores at least ``HEADLINE_RUN_SHARE`` of the span's score with a comments or footer
   heading after it ("Comments", "References"), that run is the article: the span is back
   matter that outscores it (a journal's disclosures, a long comment).
   A section the page starts after most of the article's prose (comments, related links,
   newsletter sign-ups, "about us"; its heading, or a count of comments naming the article,
   "11 responses to “...”", or a labelled list of tags, "Tags: ...") ends the span there; so
   does one after a smaller share of it (``CUT_SHARE``) when the prose after the heading comes
   one block at a time between short lines (comments: a name, a date, the comment, "Reply"), or
   when a comments heading is followed by a name and a date (one long comment).
   A box of links ("Most read") or a newsletter sign-up box between two paragraphs is cut out
   instead when the body goes on after it (a heading naming the site's newsletter, "PC Gamer
   Newsletter", opens such a box; a single link with its title, "Related: What Is The Best
   Soil For Bougainvillea?", opens none); so is a short box of links (at most ``RELATED_BOX``,
   no teaser's summary among them) right after the body when one or more paragraphs of prose
   follow it and then no more prose (the article's last paragraph after "Related stories").
   A list the body's last paragraph announces with a colon
   ("... I'll summarize them:"), in sentence case, stays with it.
3. **Its edges** are trimmed of promotion, notices and the author's biography, and extended
   over labelled entries ("MEANING:" and the line after it, before the body; "Primary Funding
   Source:" and its line, after it); its start skips
   every menu (more than ``MAX_HEADING_RUN`` short lines; past the start, mostly in title case)
   before the body's first two paragraphs in a row (a sign-up form's small print before the
   site's menu is not the article); and it is extended back
   over a standfirst or a short lede (and a line of dialogue inside it, "“Greetings.”") to
   **the headline**: the block among the few before the
   span that shares most words with the page's first line (the ``<title>`` such dumps start
   with), or that first line itself when nothing but removed lines precedes the body. When that
   line repeats further back, with prose right after it (the article's first paragraphs, cut
   off from the rest by a gallery or a box of links), the article starts there, and the long
   non-prose lines in between (the gallery's captions) are removed, but not program code
   (lines dense in brackets and operators: a tutorial's code between its paragraphs).

Inside the span, runs of short non-prose lines in title case (share buttons, a "related" list;
a list in sentence case, such as a recipe's ingredients, code, labelled fields, "Address:
1 Great Street" (not the page's labels: "Listen: 3 min"), and a lone subhead in capitals that
ends the run with prose after it stay; a table of contents
goes, the headings it names stay), photo captions and credits
("Photograph by ...", also between two paragraphs), short lines between the headline and the
body (date, reading time, buttons) and after the body's last prose (labels, buttons) are
removed too, and so are blocks that address the
reader about the site (sign up, follow us, comment rules; an order needs no "you": "Sign up
to get the best content of the week"; a long paragraph of prose, of
``LENGTH_HIGH`` characters or more, needs two different calls to action: a how-to's "you may as
well download the latest version" is the article; so is a paragraph of prose after another
(and before another, or ending the body) that gives advice about someone else's site without
the site speaking of itself, "we", "our", "please" (unless the author speaks, "please let me
know"), and without an appeal for the site ("support us with a donation"): "Amazon has two
models listed ... you can sign up for an e-mail", "For other systems, see the general download
page."); a lone short line between prose blocks is a section heading and stays.

Whether a text is a whole page at all is decided first (:func:`~helpers.text.pagefinder.signals.is_page`): a page opens with the
site's header, runs of short non-sentence lines before most of its prose, or has two or more
such runs anywhere (a blog's sidebar after the post: recent posts, archives, categories; an
archive's entries with their counts of posts, "► October (3)", count despite their digits), or
carries the site's share buttons and "Read more" lines; an article-shaped scrape (a headline, a
dateline, paragraphs, a list, a copyright line) has none of these. Article-shaped text is left
to the usual cleaning rules, unchanged: on the seed, the Reuters sample and BBC, no file is taken
for a page.

>>> lines = ["Home", "News", "Sport", "Weather", "Contact us", "Sign in", "",
...          "Rain falls on the city as the long drought finally ends",
...          "The rain came at last on Monday, and the farmers who had waited for it all summer "
...          "were out in their fields to see it.",
...          "It was the first rain in the region since the spring, when the reservoirs were "
...          "already lower than anyone could remember.", "",
...          "Related stories", "Drought hits farms", "Water prices rise", "About us", "Privacy"]
>>> [(i, r) for i, r in enumerate(find_article(lines)) if r][:2]
[(0, 'outside the article: navigation'), (1, 'outside the article: navigation')]
"""

from helpers.text.pagefinder.blocks import Block, BlockFeatures, features, guess_language, guess_languages
from helpers.text.pagefinder.page import Page
from helpers.text.pagefinder.passes import PASSES, Pass, disabled, find_article
from helpers.text.pagefinder.signals import is_page

__all__ = [
    "Block",
    "BlockFeatures",
    "Page",
    "Pass",
    "PASSES",
    "disabled",
    "features",
    "guess_language",
    "guess_languages",
    "is_page",
    "find_article",
]
