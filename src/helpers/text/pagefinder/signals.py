"""What one block is, read from its text and features: a section heading, promotion, a notice, code, a label.

Predicates on a single block (no context), used by the passes; and :func:`is_page`, which decides
whether a text is a whole page at all before the page finder runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from helpers.text.pagefinder.blocks import Block, BlockFeatures
from helpers.text.pagefinder.patterns import (
    APPEAL,
    AUTHOR,
    CALL_TO_ACTION,
    CHROME_LABEL,
    CITATION,
    CODE_SYMBOLS,
    CODE_SYMBOLS_MIN,
    CODE_SYMBOLS_SHARE,
    COMMENT_COUNT,
    COOKIE,
    DIGITS,
    FIELD,
    IMPERATIVE_CALL,
    LENGTH_HIGH,
    LENGTH_LOW,
    MENU_CHARS,
    MENU_TITLE_CASE,
    MIN_BOILERPLATE,
    OUR,
    PROMOTION_WORDS,
    READER,
    REPORTED,
    SECTION_HEADING_CHARS,
    SECTION_LINE_CHARS,
    SECTIONS,
    SENTENCE_END,
    SITE,
    STANDFIRST_CHARS,
    STOPWORDS_LOW,
    TAG_LIST,
    THIS_SITE,
    TITLE_CASE,
    TITLE_PARTS,
    WIDGET_COUNT,
    WORD,
)

__all__ = [
    "section_of",
    "is_page",
    "site_name",
    "is_label",
    "is_quote_source",
    "menu_like",
    "is_notice",
    "is_promotion",
    "is_advice",
    "title_overlap",
    "is_field",
    "caps_heading",
    "code_like",
    "short_sentence",
    "standfirst",
]


def section_of(text: str) -> str | None:
    if len(text) > SECTION_HEADING_CHARS:
        # A count of comments naming the article: "11 responses to “Title”", "One thought on “Title”".
        if len(text) <= SECTION_LINE_CHARS and COMMENT_COUNT.match(text):
            return "comments"
        # A list of the article's tags after its label: "TAGS: ann wilson, drama, eighties".
        return "related links" if len(text) <= SECTION_LINE_CHARS and TAG_LIST.match(text) else None
    for name, pattern in SECTIONS:
        if pattern.search(text):
            return name
    return None


def is_page(texts: Sequence[str], boilerplate: int = 0) -> bool:
    """Whether a text's blocks look like a whole page's text rather than an article.

    A page's text opens with the site's header: runs of short lines that are not sentences
    (menus, "Sign in", section names) before most of its prose. An article-shaped scrape has at
    most a list inside or after its prose (fixtures, results, a table). Required: at least 8 such
    short lines in all, and either at least 4 of them in runs of 3 or more before the middle of
    the text's prose (by characters), or at least 2 such runs anywhere holding at least 6 lines
    (a page's sidebar or footer menus; an article has at most one list: on Reuters and BBC, never
    two), or ``boilerplate`` (lines the built-in rules took for share buttons, "Read more" links,
    advertisements, navigation) at least ``MIN_BOILERPLATE``: a blog page's header may be small,
    but its chrome is the site's. Language-independent and cheap: it runs on every article.
    """
    if len(texts) < 10:
        return False
    chrome = [len(t) < LENGTH_LOW and not SENTENCE_END.search(t) and (not DIGITS.search(t) or bool(WIDGET_COUNT.search(t))) for t in texts]
    if sum(chrome) < 8:
        return False
    if boilerplate >= MIN_BOILERPLATE:
        return True
    prose = [len(t) if len(t) >= LENGTH_LOW and SENTENCE_END.search(t) else 0 for t in texts]
    total, middle = sum(prose), 0
    for middle, chars in enumerate(itertools.accumulate(prose)):  # noqa: B007  (middle is used after the loop)
        if chars >= total / 2:
            break
    header, run = 0, 0  # short lines in runs of 3 or more, before the middle of the prose
    for i in range(1, middle + 1):
        run = run + 1 if chrome[i] else 0
        header += 3 if run == 3 else run > 3
    if header >= 4:
        return True
    runs, run, in_runs = 0, 0, 0  # runs of 3 or more short lines anywhere, and their lines
    for c in [*chrome, False]:
        if c:
            run += 1
            continue
        if run >= 3:
            runs, in_runs = runs + 1, in_runs + run
        run = 0
    return runs >= 2 and in_runs >= 6


def site_name(title: str) -> str:
    """The site's name in the page's title ("Headline | The Valley Courier"): its shortest part, or ``""``."""
    parts = [p.strip() for p in TITLE_PARTS.split(title) if p.strip()]
    return min(parts, key=len).casefold() if len(parts) >= 2 else ""


def is_label(text: str, f: BlockFeatures) -> bool:
    """A label that introduces what follows it: "MEANING:", "Primary Funding Source:" (not a section heading nor a call to action)."""
    return text.rstrip().endswith(":") and 0 < f.words <= 4 and not section_of(text) and not CHROME_LABEL.search(text)


def is_quote_source(text: str, f: BlockFeatures, c: Block) -> bool:
    """The source of a quotation: a short line with a date or a dash before it, not a heading nor a link's title."""
    if c in (Block.GONE, Block.GOOD) or f.chars > LENGTH_HIGH or section_of(text) or is_label(text, f):
        return False
    return bool(DIGITS.search(text)) or text.lstrip().startswith(("—", "–", "-"))


def menu_like(text: str, f: BlockFeatures, c: Block) -> bool:
    """A line of page chrome: short, mostly capitalised words, not a sentence (menus, teasers, buttons)."""
    if c == Block.GONE:
        return False
    if f.truncated:
        return True
    return f.chars < MENU_CHARS and not f.sentence_end and f.title_case >= MENU_TITLE_CASE and f.words >= 1


def is_notice(text: str, f: BlockFeatures) -> bool:
    """A cookie notice or a legal line (privacy policy, terms of use) that addresses the reader.

    "By using this site you agree to our privacy policy", "We use cookies"; a sentence about
    someone's privacy policy ("Facebook changed its privacy policy on Tuesday") is not one.
    A line of a few words is ("Privacy Policy | Terms of Use"), and so is one about the site itself
    ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply").
    """
    return (
        f.words <= PROMOTION_WORDS and bool(COOKIE.search(text)) and (f.words <= 8 or bool(READER.search(text) or THIS_SITE.search(text)))
    )


def is_promotion(text: str, f: BlockFeatures) -> bool:
    """A block that addresses the reader about the site: sign up, subscribe, comment rules...

    A paragraph of ``LENGTH_HIGH`` characters or more needs two different calls to action
    ("enter your email ... to your inbox"): one ("you may as well download", "visit the privacy
    settings") is the article talking to its reader.
    """
    if f.words > PROMOTION_WORDS or REPORTED.search(text):
        return False
    if not READER.search(text):
        # An order to the reader needs no "you": "Sign up to get the best content of the week".
        return f.chars < LENGTH_HIGH and bool(IMPERATIVE_CALL.match(text))
    calls = {m.casefold() for m in CALL_TO_ACTION.findall(text)}
    return len(calls) >= (2 if f.chars >= LENGTH_HIGH and f.sentence_end else 1)


def is_advice(text: str, c: Block) -> bool:
    """A paragraph of prose that tells the reader what to do without the site speaking of itself.

    "For other systems, or if you want to install from source, see the general download page."
    ends a how-to; the site's own promotion says "we", "our", "please" or opens with an order.
    A "please" in the author's own voice ("I", "me", "my"; no "we", "our", "us") is the post's
    closing: "If you have any further questions, please let me know in the comments." An appeal
    for the site ("support local journalism with a donation", "if you found this article useful,
    subscribe") is never advice.
    """
    if c != Block.GOOD or IMPERATIVE_CALL.match(text) or APPEAL.search(text):
        return False
    # The author's own voice ("If you have any questions, please let me know") is not the site's.
    return not SITE.search(text) or (bool(AUTHOR.search(text)) and not OUR.search(text))


def title_overlap(text: str, title: set[str]) -> tuple[float, float]:
    words = {w.casefold() for w in WORD.findall(text)}
    common = len(words & title)
    return (common / len(words) if words else 0.0), (common / len(title) if title else 0.0)


def is_field(text: str) -> bool:
    """A labelled field of the article ("Address: 1 Great Street"), not a label of the page's chrome ("Listen: 3 min")."""
    return bool(FIELD.match(text)) and not CHROME_LABEL.search(text.split(":", 1)[0])


def caps_heading(text: str) -> bool:
    """A line in capitals of two words or more: a subhead ("WHO PAYS FOR IT") when it ends a run of short lines with prose after it."""
    return text.isupper() and len(WORD.findall(text)) >= 2


def code_like(text: str) -> bool:
    """A line of program code or a formula: dense in brackets, operators and assignment marks.

    Code in a tutorial has few stop words and no final stop, so it classifies as bad like a
    caption or a teaser, but a caption or a teaser has at most a bracketed credit in it.
    """
    symbols = len(CODE_SYMBOLS.findall(CITATION.sub("", text)))
    return symbols >= CODE_SYMBOLS_MIN and symbols >= CODE_SYMBOLS_SHARE * len(text)


def short_sentence(f: BlockFeatures) -> bool:
    """A line of one short sentence, ending with its stop ("“Greetings.”"): dialogue, not a label."""
    return 0 < f.words <= 3 and f.sentences <= 1 and f.sentence_end and not f.truncated


def standfirst(f: BlockFeatures) -> bool:
    """Prose the classifier leaves out of the span's start: a standfirst with no final stop, a short lede."""
    long_enough = f.chars >= LENGTH_LOW or (f.chars >= 30 and f.sentence_end) or (f.words >= 8 and f.chars >= 40)
    return (
        long_enough
        and f.chars <= STANDFIRST_CHARS
        and f.stopword_density >= STOPWORDS_LOW
        and f.title_case < TITLE_CASE
        and not f.truncated
    )
