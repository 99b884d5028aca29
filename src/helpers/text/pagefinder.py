"""Whole-page text: find the article body among a page's menus, captions, links and comments.

A scraper that saves the text of a whole web page (no markup) writes one block of the page per
line: menus, language pickers, "Sign in", share buttons, cookie notices, the headline, the byline,
the article, captions, "related stories", comments, footers. This module finds the article in such a
text from layout and language alone, in the manner of jusText (Pomikálek 2011, "Removing
Boilerplate and Duplicate Content from Web Corpora"), with additions that matter once the markup
is gone:

1. **Blocks are classified** by their length, their stop-word density (jusText's stop-word list
   of the page's language, :func:`guess_language`, and English's too on a page in another
   language, :func:`guess_languages`) and their sentences: ``good`` (long prose), ``near`` (prose
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

Whether a text is a whole page at all is decided first (:func:`is_page`): a page opens with the
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

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["BlockFeatures", "features", "guess_language", "is_page", "find_article"]

# jusText's defaults (characters, stop-word densities), as in its paper and package.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
MIN_BOILERPLATE = 3  # share buttons, "Read more" and the like that make a text a page
HEADLINE_REACH = 12  # blocks before the body searched for the headline (byline, date, buttons between)
PRE_BODY_WORDS = 8  # a short line between the headline and the body: a date, a button
MAX_GAP = 12  # blocks between two runs of prose that :func:`_grow` may join
NEAR_WEIGHT = 0.3
BAD_WEIGHT = 1.0
SHORT_PENALTY = 10.0  # score of a short block left unresolved; bad blocks count their length
CUT_SHARE = 0.5  # a section heading ends the body after this share of its prose when comments follow
SIGN_UP_BOX = 4  # lines of a newsletter sign-up box between two paragraphs (blurb, e-mail field, button)
HEADLINE_RUN_SHARE = 0.5  # the prose right after the headline wins over a better-scoring run further on at this share
SHARED_WORDS = 2  # words (5 letters or more) the article's last paragraph after a box shares with the body
RELATED_BOX = 6  # links in a box of related stories before the article's last paragraph (a longer list ends it)
MAX_HEADING_RUN = 3  # consecutive short lines that can still be headings, a byline, a date
MAX_SHORT_RUN = 8  # more consecutive short lines than this are a menu or a list of links

# Characters of program code (brackets, operators, assignment, comments) and how many make a line code.
_CODE_SYMBOLS = re.compile(r"[(){}\[\]<>=;#$\\|*+^~]|(?<=\w)_(?=\w)")
CODE_SYMBOLS_MIN = 4
_CITATION = re.compile(r"\s?\[\w{1,8}\]")  # a wiki's reference marks, "[3]", "[src]": not code
CODE_SYMBOLS_SHARE = 0.05
# A sidebar widget's entry with its count of posts: "► October (2)", "Politics (14)".
_WIDGET_COUNT = re.compile(r"^\D*[^\W\d_]\D*\(\d{1,5}\)$")
_STOPS = re.compile(r"[.!?…]+(?:\s|$)")
_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A sentence's end, also before a closing credit: "... in the tournament. (NM)".
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]»]*(?:\s*\([^()]{1,30}\))?$")
# A teaser cut short: "... will have a sizeable squad at his..." (a link to another story).
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*(?:\[?(?:read|more|continue)[^\]]{0,20}\]?)?$", re.I)

# Headings that open a section of the page that is not the article. Matched on a short block.
_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "comments",
        re.compile(
            r"^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|discussion|conversation)\b"
            r"|^(?:leave|post|add|write|submit)\s+(?:a\s+|your\s+)?(?:comment|reply|response)"
            r"|^(?:join|start)\s+the\s+(?:discussion|conversation|debate)"
            r"|^(?:what do you think|have your say|show comments|view comments|load comments)",
            re.I,
        ),
    ),
    (
        "related links",
        re.compile(
            r"^(?:related|more\s+(?:from|on|in|like\s+this|stories|news|to\s+read|articles)"
            r"|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)"
            r"|most\s+(?:popular|read|viewed|shared|commented)|top\s+stories"
            r"|further\s+reading|read\s+next|up\s+next|what\s+to\s+read\s+next|keep\s+reading|also\s+on"
            r"|recent\s+(?:posts|articles|stories)|similar\s+(?:posts|articles|stories)|in\s+case\s+you\s+missed"
            r"|editor'?s?\s+picks|around\s+the\s+web|from\s+our\s+partners|filed\s+under"
            r"|share\s+this|about\s+the\s+author|author\s+bio)"
            # A single word that names a list of links only when it is the whole heading, or with a
            # word for what is listed ("Popular posts"); "Popular Bougainvillea Varieties" is a subhead.
            r"|^(?:recommended|trending|popular|latest|sponsored|tags?|topics?|categories)"
            r"(?:\s+(?:posts|stories|articles|news|videos|content|now|reads|links|for\s+you|on\s+\S+))?\s*:?$",
            re.I,
        ),
    ),
    (
        "footer",
        re.compile(
            r"^(?:about(?:\s+us)?|contact(?:\s+us)?|privacy(?:\s+policy)?|terms(?:\s+of\s+(?:use|service))?|imprint"
            r"|impressum|sitemap|site\s+map|careers|jobs|advertise(?:\s+with\s+us)?|help|faq|accessibility"
            r"|references|bibliography|works\s+cited|footnotes)$",
            re.I,
        ),
    ),
    (
        "newsletter sign-up",
        # (or a heading naming the site's newsletter: "PC Gamer Newsletter", "The Morning Briefing newsletter")
        re.compile(r"^(?:sign\s+up|subscribe|get\s+(?:our|the)\s+newsletter|newsletter|join\s+our)|^[^.!?]{0,40}\bnewsletters?\s*$", re.I),
    ),
]
# One link to another story inside the body, its title after the label: "Related: What Is The Best
# Soil For Bougainvillea?". The line itself, not the heading of a box: the body goes on after it.
_INLINE_LINK = re.compile(
    r"^(?:related(?:\s+\w+)?|see\s+also|also\s+read|read\s+(?:more|next|also))\s*:\s*[^,\s]+(?:\s+[^,\s]+){2,}$", re.I
)
_COMMENT_COUNT = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|responses?|comments?|replies|reactions?)"
    r"\s+(?:on|to)\s*[“\"'‘«]",
    re.I,
)
_TAG_LIST = re.compile(r"(?:tags?|tagged(?:\s+with)?|topics?|categories|filed\s+under)\s*:\s*\S", re.I)
# A photo caption or credit, inside the body or around it.
_CAPTION = re.compile(
    r"^(?:image|photo(?:graph)?|picture|caption|video|watch|gallery|illustration|graphic)s?\s*(?:\d+\s*(?:of|/)\s*\d+)?\s*[:|/–—-]"
    r"|\b(?:photo(?:graph)?|image|picture|illustration)s?\s*(?:credit|courtesy|by|:)"
    r"|^(?:photographed|illustrated|pictured)\s+by\b|\b(?:via|on|from)\s+(?:unsplash|pexels|pixabay|flickr|wikimedia(?:\s+commons)?)\s*$"
    r"|\((?:photo|image|picture|credit|file)[^)]*\)\s*$"
    r"|(?:getty\s+images|shutterstock|istock(?:photo)?|ap\s+photo|afp|reuters|alamy)\s*\)?\s*$",
    re.I,
)
# The page talking to its reader: sign-ups, paywalls, comment rules, disclosures, browser notices.
_CALL_TO_ACTION = re.compile(
    r"\b(?:sign(?:ing)?[ -]up|subscrib\w*|subscription|newsletters?|log(?:ged)? in|sign(?:ed)? in|register"
    r"|download|follow us|share (?:this|on)|click|tap here|submit|advertis\w*|sponsored|affiliate|commissions?"
    r"|compensat\w*|disclos\w*|cookies?|privacy|comments?|commenting|moderat\w*|reply|e-?mail|inbox"
    r"|browser|javascript|ad-?blocker|donat\w*|support (?:us|our)|membership|premium|paywall|free trial"
    r"|unlimited access|all rights reserved|copyright|terms of|whatsapp|telegram|podcasts?)\b",
    re.I,
)
# A block that opens with a call to action in the imperative.
_IMPERATIVE_CALL = re.compile(r"(?:sign\s*up|subscribe|register|log\s*in|sign\s+in|follow\s+us|download\s+(?:the|our)\s+app)\b", re.I)
# The site or its staff speaking ("we", "our", "us": in lower case only, "US" is a country); also
# asking the reader for something (_SITE); words addressing the reader (_READER: "you" too);
# the author speaking ("I", "me", "my").
_OUR = re.compile(r"\b(?:[Ww]e|WE|[Oo]ur|OUR|us|[Ww]e're|[Ww]e've|[Ww]e'll)\b")
_SITE = re.compile(_OUR.pattern + r"|\b(?:[Pp]lease|PLEASE)\b")
_READER = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ou're|YOU|YOUR)\b|" + _SITE.pattern)
_AUTHOR = re.compile(r"\b(?:I|me|my|I'm|I've|I'll)\b")
# An appeal for the site: money, subscriptions, or the reader's opinion of "this article".
_APPEAL = re.compile(
    r"\b(?:donat\w*|subscri\w*|membership|newsletters?|support\s+(?:us|our|independent|local|quality)"
    r"|this\s+(?:article|story|post|site|website|newsletter))\b",
    re.I,
)
# Reported speech: a sentence about someone else's words is the article, not the site.
_REPORTED = re.compile(r"\b(?:said|says|told|according to|announced|added|asked)\b")
# An author's biography: "Jane Doe is a reporter at ...", "About the author".
_BIO = re.compile(
    r"^(?:about the author\b|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s+(?:is|was|has been|covers|writes)\s"
    r"(?:an?\s|the\s)?[^.]{0,120}?\b(?:writer|editor|reporter|journalist|professor|author|expert|founder"
    r"|correspondent|contributor|columnist|producer|analyst|fellow|student|freelancer?|intern)s?\b)",
    re.I,
)
_THIS_SITE = re.compile(r"\bthis\s+(?:site|website|web\s+site|page|app)\b", re.I)
_COOKIE = re.compile(
    r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|browsing|experience)\b"
    r"|\b(?:privacy policy|terms of (?:use|service)|all rights reserved)\b",
    re.I,
)


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
        for w in _WORD.findall(text):
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
    words = _WORD.findall(text)
    languages = (language,) if isinstance(language, str) else tuple(language)
    n = len(words)
    folded = [w.casefold() for w in words]
    density = max(sum(w in _stoplists()[lang] for w in folded) for lang in languages) / n if n else 0.0
    upper = sum(w[0].isupper() for w in words) / n if n else 0.0
    return BlockFeatures(
        chars=len(text),
        words=n,
        stopword_density=density,
        sentence_end=bool(_SENTENCE_END.search(text)),
        title_case=upper,
        truncated=bool(_TRUNCATED.search(text)),
        sentences=len(_STOPS.findall(text)),
    )


def _initial_class(f: BlockFeatures) -> str:
    """jusText's context-free class: good, near, short or bad."""
    if f.words == 0 or f.truncated:
        return "bad"
    if f.chars < LENGTH_LOW:
        # A short sentence ("Stir fry to mix well.") is prose that needs its neighbours' support.
        if f.sentence_end and f.words >= 4 and f.title_case < 0.5:
            return "near"
        return "short"
    # Prose ends like a sentence; a long block may end otherwise (a footnote mark, a link) if it
    # holds sentences. A long run of words with no sentence in it is a list (an archive menu).
    prose = (f.sentence_end and f.sentences >= f.words / 80) or (f.chars > LENGTH_HIGH and f.sentences >= max(2, f.words / 50))
    if f.stopword_density >= STOPWORDS_HIGH and prose:
        return "good" if f.chars > LENGTH_HIGH or f.sentence_end else "near"
    if f.stopword_density >= STOPWORDS_LOW and prose:
        return "near"
    if f.stopword_density >= 0.2 and f.sentence_end and f.title_case < 0.5:
        return "near"
    return "bad"


def _long_runs_bad(classes: list[str]) -> list[str]:
    """Short blocks in a run of more than ``MAX_SHORT_RUN`` (lines other rules removed skipped) are bad.

    A few short lines between paragraphs are headings, a byline, a date; a long run of them is a
    menu or a list of links, even between two paragraphs (jusText would make them good there).
    """
    out = list(classes)
    i = 0
    while i < len(out):
        if out[i] != "short":
            i += 1
            continue
        j, run = i, []
        while j < len(out) and out[j] in ("short", "gone"):
            if out[j] == "short":
                run.append(j)
            j += 1
        if len(run) > MAX_SHORT_RUN:
            for k in run:
                out[k] = "bad"
        i = j
    return out


def _revise(classes: list[str]) -> list[str]:
    """jusText's context-sensitive pass: short and near-good blocks take their neighbours' class."""
    out = list(classes)

    def neighbour(i: int, step: int, ignore: tuple[str, ...]) -> str:
        j = i + step
        while 0 <= j < len(classes):
            if out[j] not in ignore:
                return out[j]
            j += step
        return "bad"

    for i, c in enumerate(classes):  # near-good: good next to good
        if c == "near":
            prev, nxt = neighbour(i, -1, ("short", "near", "gone")), neighbour(i, 1, ("short", "near", "gone"))
            out[i] = "good" if "good" in (prev, nxt) else "near"
    for i, c in enumerate(classes):  # short blocks between two good ones are good
        if c == "short":
            prev, nxt = neighbour(i, -1, ("short", "gone")), neighbour(i, 1, ("short", "gone"))
            if prev == nxt == "good":
                out[i] = "good"
            elif "bad" in (prev, nxt):
                out[i] = "bad"
            else:
                out[i] = "near"
    return out


def _section(text: str) -> str | None:
    if len(text) > 60:
        # A count of comments naming the article: "11 responses to “Title”", "One thought on “Title”".
        if len(text) <= 300 and _COMMENT_COUNT.match(text):
            return "comments"
        # A list of the article's tags after its label: "TAGS: ann wilson, drama, eighties".
        return "related links" if len(text) <= 300 and _TAG_LIST.match(text) else None
    for name, pattern in _SECTIONS:
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
    chrome = [
        len(t) < LENGTH_LOW and not _SENTENCE_END.search(t) and (not _DIGITS.search(t) or bool(_WIDGET_COUNT.search(t))) for t in texts
    ]
    if sum(chrome) < 8:
        return False
    if boilerplate >= MIN_BOILERPLATE:
        return True
    prose = [len(t) if len(t) >= LENGTH_LOW and _SENTENCE_END.search(t) else 0 for t in texts]
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


def find_article(texts: Sequence[str], removed: Sequence[bool] | None = None) -> list[str]:
    """For each block of a whole page's text, ``""`` if it belongs to the article, else why not.

    Reasons read ``outside the article: <what>``, where what is ``navigation`` (before the
    article), ``comments``, ``related links``, ``newsletter sign-up`` (a section the page opens
    after the article), ``footer`` (after the article otherwise), ``cookie notice``, ``caption``
    (a photo caption or credit) or ``links`` (a run of short lines inside the article).

    ``removed`` flags blocks that other rules already removed (share buttons, "Related stories",
    copyright): they count as page chrome, and their text still marks where a section starts.
    """
    n = len(texts)
    if n == 0:
        return []
    removed = list(removed) if removed is not None else [False] * n
    language = guess_languages([t for t, r in zip(texts, removed) if not r])
    feats = [features(t, language) for t in texts]
    initial = ["gone" if r else _initial_class(f) for f, r in zip(feats, removed)]
    classes = _revise(_long_runs_bad(initial))
    # Unpunctuated prose (captions of a gallery inside the body) neither joins nor splits the body.
    scores = [0.0 if c == "bad" and _unpunctuated_prose(f) else _score(f, c) for f, c in zip(feats, classes)]
    start, end = _best_span(scores)  # blocks start..end-1
    if start >= end:
        return ["outside the article: navigation"] * n
    contents, named = _contents(texts, feats, initial)  # a table of contents, the headings it names
    start, end = _grow(texts, feats, initial, classes, start, end, contents)
    start, end = _after_headline(texts, feats, initial, scores, start, end)

    # A section heading the page opens after the article ends the span there.
    # (Only where most of the span's prose is before it: a heading inside the body does not cut it.)
    # A box of links inside the body ("Most read" between two paragraphs) is cut out instead.
    # A cut makes the prose after an earlier heading smaller, so the headings are looked at again.
    good = [f.chars if c == "good" else 0 for f, c in zip(feats, classes)]
    cut = True
    while cut:
        cut = False
        boxes: list[range] = []
        sign_ups: list[range] = []  # a sign-up box between two paragraphs
        for i in range(start + 1, end):
            name = _section(texts[i])
            if not name or initial[i] == "good" or _INLINE_LINK.match(texts[i]):
                continue
            resumes = _body_resumes(texts, initial, i + 1, end) if name == "related links" else None
            if resumes is not None:
                boxes.append(range(i, resumes))
            elif name == "newsletter sign-up" and (resumes := _after_sign_up_box(texts, feats, initial, i + 1, end)) is not None:
                sign_ups.append(range(i, resumes))
            elif sum(good[start:i]) >= sum(good[i:end]) or (
                sum(good[start:i]) >= CUT_SHARE * sum(good[i:end])
                and (_interleaved(initial, i + 1, end) or (name == "comments" and _signed(texts, initial, i + 1, end)))
            ):
                end, cut = i, True
                break

    reasons = [""] * n
    tail = _closing_paragraphs(texts, feats, initial, start, end)
    if tail is not None:  # the article's last paragraphs after a box of links: the box goes, they stay
        boxes.append(range(end, tail.start))
        end = tail.stop
    listed = range(end, _announced_list(texts, feats, initial, end))  # a list the body's last line announces
    end = max(end, listed.stop)
    start, end = _trim_edges(texts, feats, classes, start, end, reasons)
    start = _skip_menus(texts, feats, initial, start, end, contents)
    labelled_end = end
    start, end = _labelled_edges(texts, feats, initial, start, end)
    labelled = range(labelled_end, end)  # labelled entries after the body (kept whole)
    start = _extend_to_headline(texts, feats, initial, start)
    head = _headline_further_back(texts, feats, initial, start)
    if head < start:  # the article's first paragraphs, cut off from the rest by a gallery or a box
        for i in range(head, start):
            if initial[i] == "bad" and not _code_like(texts[i]):  # the gallery's captions, the box's teasers
                reasons[i] = "outside the article: links"
        start = head
    section = "footer"
    for i in range(n):
        if i < start:
            reasons[i] = "outside the article: " + ("cookie notice" if _is_notice(texts[i], feats[i]) else "navigation")
        elif i >= end:
            section = _section(texts[i]) or section
            reasons[i] = f"outside the article: {section}"
    for box in boxes:
        for i in box:
            reasons[i] = "outside the article: related links"
    for box in sign_ups:
        for i in box:
            reasons[i] = "outside the article: newsletter sign-up"
    for i in range(start, end):
        if reasons[i]:
            continue
        if i in contents:  # its sections' headings stay, where the body has them
            reasons[i] = "outside the article: table of contents"
        elif _is_promotion(texts[i], feats[i]) and not _reader_advice(texts, feats, initial, i):
            reasons[i] = "outside the article: promotion"
        elif _CAPTION.search(texts[i]) and feats[i].words <= 40 and initial[i] != "good":
            reasons[i] = "outside the article: caption"
        elif _is_notice(texts[i], feats[i]):
            reasons[i] = "outside the article: cookie notice"
    # A photo's description beside its credit line ("AFP via Getty Images"): a gallery's caption.
    caption = "outside the article: caption"
    for i in range(start, end):
        if (
            not reasons[i]
            and initial[i] == "bad"
            and _unpunctuated_prose(feats[i])
            and caption in (reasons[i - 1], reasons[i + 1] if i + 1 < n else "")
        ):
            reasons[i] = caption
    # Runs of 3+ short non-sentence lines inside the body are link lists or share buttons
    # (lines other rules removed are skipped; the headline, byline and date before the body are not).
    body_start = next((i for i in range(start, end) if classes[i] == "good" and feats[i].chars >= LENGTH_LOW), start)
    # Between the headline and the body: buttons ("Email", "Print"), the date, "5 min read".
    for i in range(start + 1, body_start):
        if (
            not removed[i]
            and initial[i] == "short"
            and not texts[i].isupper()
            and (feats[i].words <= PRE_BODY_WORDS and not feats[i].sentence_end)
        ):
            reasons[i] = "outside the article: share buttons"
    # After the body's last prose: labels and buttons ("Post a Comment", "View my complete profile").
    last = max(
        (
            i
            for i in range(start, end)
            if not reasons[i] and classes[i] == "good" and (feats[i].chars >= LENGTH_LOW or feats[i].sentence_end)
        ),
        default=end - 1,
    )
    for i in range(last + 1, end):
        if i in listed or i in labelled:
            continue
        if not reasons[i] and not removed[i] and not feats[i].sentence_end and feats[i].chars < LENGTH_LOW:
            reasons[i] = "outside the article: footer"
    i = body_start
    while i < end:
        j, run = i, []
        while j < end and (removed[j] or (classes[j] != "good" and feats[j].chars < LENGTH_LOW and not feats[j].sentence_end)):
            if not removed[j]:
                run.append(j)
            j += 1
        if len(run) >= 3 and sum(feats[k].title_case >= 0.5 or feats[k].truncated for k in run) * 2 > len(run):
            toc = any(k in contents for k in run)
            # A subhead in capitals ends the run, alone, with prose right after it.
            caps = [k for k in run if _caps_heading(texts[k])]
            subhead = caps[0] if len(caps) == 1 and caps[0] == run[-1] and j < end and initial[j] in ("good", "near") else None
            for k in run:
                # (the first heading the table of contents names, right after it, code, fields and the subhead stay)
                stays = (toc and k in named) or k in listed or k == subhead or _code_like(texts[k]) or _field(texts[k])
                if not stays:
                    reasons[k] = reasons[k] or "outside the article: links"
        i = max(j, i + 1)
    return reasons


def _closing_paragraphs(texts, feats, initial, start: int, end: int) -> range | None:
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
    k = next((j for j in range(end, len(texts)) if texts[j].strip()), None)
    if k is None or _section(texts[k]) != "related links" or initial[k] == "good":
        return None
    links = 0
    k += 1
    while k < len(texts) and links <= RELATED_BOX and initial[k] != "good":
        if _section(texts[k]) or (feats[k].chars >= LENGTH_LOW and feats[k].sentence_end):
            return None  # another section, or a teaser's summary: a list of stories, not a box
        links += initial[k] != "gone"
        k += 1

    def prose(j: int) -> bool:
        return _plain_prose(texts, feats, initial, j) and not _section(texts[j]) and not _BIO.search(texts[j])

    def long_words(text: str) -> set[str]:
        return {w.casefold() for w in _WORD.findall(text) if len(w) >= 5}

    if not 2 <= links <= RELATED_BOX or k >= len(texts) or not prose(k):
        return None
    stop = k
    while stop < len(texts) and prose(stop):
        stop += 1
    after = next((j for j in range(stop, len(texts)) if initial[j] != "gone"), None)
    if after is not None and initial[after] in ("good", "near"):
        return None
    closing = " ".join(texts[k:stop])
    site = _site_name(texts[0])
    if site and site in closing.casefold():
        return None
    if len(long_words(" ".join(texts[start:end])) & long_words(closing)) < SHARED_WORDS:
        return None
    return range(k, stop)


_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+")


def _site_name(title: str) -> str:
    """The site's name in the page's title ("Headline | The Valley Courier"): its shortest part, or ``""``."""
    parts = [p.strip() for p in _TITLE_PARTS.split(title) if p.strip()]
    return min(parts, key=len).casefold() if len(parts) >= 2 else ""


def _announced_list(texts, feats, initial, end: int) -> int:
    """Extend the span's end over the list its last paragraph announces with a colon ("... I'll summarize them:").

    The items are lines in sentence case that read like language (at least 3 words, some stop
    words), not links or labels; the list ends at the first line that is not such an item (a
    byline, a button, a section heading). At least 2 items, and at most ``MAX_GAP``.
    """
    last = next((k for k in range(end - 1, -1, -1) if initial[k] != "gone"), None)
    if last is None or not texts[last].rstrip().endswith(":") or initial[last] not in ("good", "near"):
        return end
    k, items = end, 0
    while k < len(texts) and items < MAX_GAP:
        f = feats[k]
        if initial[k] == "gone" or _section(texts[k]):
            break
        if f.words < 3 or f.title_case >= 0.5 or f.stopword_density < 0.2 or f.truncated or f.chars > LENGTH_HIGH:
            break
        k, items = k + 1, items + 1
    return k if items >= 2 else end


# Labels of the page's chrome: "Share:", "Follow us:", "Contact the author:", "Posted in:", "Tagged:",
# "Published:", "Photographer:", "Listen:".
_CHROME_LABEL = re.compile(
    _CALL_TO_ACTION.pattern + r"|\b(?:contact|share|follow|author|tagged|posted|filed|print|listen|save|section"
    r"|photo\w*|image|video|updated|published|date|time|by)\b",
    re.I,
)


def _label(text: str, f: BlockFeatures) -> bool:
    """A label that introduces what follows it: "MEANING:", "Primary Funding Source:" (not a section heading nor a call to action)."""
    return text.rstrip().endswith(":") and 0 < f.words <= 4 and not _section(text) and not _CHROME_LABEL.search(text)


def _labelled_edges(texts, feats, initial, start: int, end: int) -> tuple[int, int]:
    """Extend the span over labelled entries right before and after it ("MEANING:" then "adjective: Overly sentimental.").

    A dictionary's entry, an abstract's "Primary Funding Source:", a recipe's "Serves:" give
    their facts as a label line ending with a colon and a short line after it that is a fact (a
    sentence, a figure, a bracket). Such pairs (and a lone label right before the span) are the
    article's; a menu's entries have no labels, and "Teilen mit:" is followed by a link. So is
    the source of a quotation that ends the body (a short line with a date, or after a dash).
    """

    def value(k: int) -> bool:  # a short fact: a sentence, a figure or a bracket ("(SANG-gwin)"), not a link ("Facebook")
        if not (0 <= k < len(texts) and initial[k] in ("short", "near", "bad") and feats[k].chars < LENGTH_LOW):
            return False
        fact = feats[k].sentence_end or _DIGITS.search(texts[k]) or texts[k].lstrip().startswith("(")
        return bool(fact) and not _label(texts[k], feats[k])

    def label(k: int) -> bool:
        return 0 <= k < len(texts) and initial[k] != "gone" and _label(texts[k], feats[k])

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
    last = next((j for j in range(k - 1, start - 1, -1) if initial[j] != "gone"), None)
    if last is not None and k < len(texts) and _QUOTATION.match(texts[last]) and _source(texts[k], feats[k], initial[k]):
        k += 1
    return start, k


def _source(text: str, f: BlockFeatures, c: str) -> bool:
    """The source of a quotation: a short line with a date or a dash before it, not a heading nor a link's title."""
    if c in ("gone", "good") or f.chars > LENGTH_HIGH or _section(text) or _label(text, f):
        return False
    return bool(_DIGITS.search(text)) or text.lstrip().startswith(("—", "–", "-"))


def _interleaved(initial: Sequence[str], lo: int, hi: int) -> bool:
    """Whether the prose in ``lo..hi`` comes one block at a time between short lines (comments, teasers).

    An article's paragraphs follow one another; comments and lists of stories put a name, a date
    or a button between every piece of prose. True when fewer than half the prose blocks follow
    another prose block (lines other rules removed are skipped).
    """
    prose = follows = 0
    previous = ""
    for k in range(lo, hi):
        if initial[k] == "gone":
            continue
        if initial[k] == "good":
            prose += 1
            follows += previous == "good"
        previous = initial[k]
    return prose >= 2 and 2 * follows < prose


def _signed(texts, initial: Sequence[str], lo: int, hi: int) -> bool:
    """Whether the prose after a comments heading opens with the commenter's name and a date.

    A subhead ("Responses from the council") is followed by its paragraph, and a columnist's box
    ("Comment", "Jane Doe, political editor") by a name but no date; a comment by its author's
    name and its date or time ("3 hours ago") before its text: the first line short, and a short
    line with a digit among the first two (lines other rules removed are skipped).
    """
    lines = [k for k in range(lo, hi) if initial[k] != "gone"][:2]
    return bool(lines) and initial[lines[0]] == "short" and any(initial[k] == "short" and _DIGITS.search(texts[k]) for k in lines)


def _after_sign_up_box(texts, feats, initial, lo: int, end: int) -> int | None:
    """Where the body goes on after a newsletter sign-up box whose heading is just before ``lo``.

    News pages put a sign-up box ("Sign up for our morning newsletter", an e-mail field, a
    button) between two paragraphs. The box is at most ``SIGN_UP_BOX`` lines of promotion or short
    non-sentence lines; when two blocks of prose that are not promotion follow (a good block, then
    a good or near-good one, neither a notice), the body resumes there. Returns ``None`` when it does not (the
    sign-up ends the article).
    """
    k = lo
    while k < end and k - lo < SIGN_UP_BOX:
        if not (initial[k] == "gone" or _is_promotion(texts[k], feats[k]) or (feats[k].chars < LENGTH_LOW and not feats[k].sentence_end)):
            break
        k += 1

    def prose(j: int, classes: tuple[str, ...]) -> bool:
        return initial[j] in classes and not _is_promotion(texts[j], feats[j]) and not _is_notice(texts[j], feats[j])

    after = next((j for j in range(k + 1, end) if initial[j] != "gone"), end)
    return k if after < end and prose(k, ("good",)) and prose(after, ("good", "near")) else None


def _body_resumes(texts, initial, lo: int, end: int) -> int | None:
    """Where the body goes on after a box of links ("Most Read", "Related") whose links start at ``lo``.

    The body resumes when, within ``MAX_GAP`` blocks and before another section heading, the span
    goes on with at least 3 consecutive prose blocks after at least 3 links. Returns the first
    block after the box (a subhead just before that prose belongs to the body), or ``None`` when
    the box ends the article: comments and the lists after an article interleave their prose
    with names, dates and buttons.
    """
    links = 0
    for k in range(lo, min(end, lo + MAX_GAP)):
        if _section(texts[k]):
            return None
        if k + 3 <= end and all(c == "good" for c in initial[k : k + 3]):
            if links < 3:
                return None
            return k - 1 if initial[k - 1] == "short" and links > 3 else k
        links += initial[k] in ("short", "bad")
    return None


# A labelled field of the article: "Address: 1 Great Street", "Admission: adults 3 € (2019 price)".
_FIELD = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+){0,2}:\s+\S")  # (a label of 1-3 words, no number: "Example 1: ..." is a heading)
# A block that is all a quotation: '"In this maudlin melodrama, all that was missing were the violins."'.
_QUOTATION = re.compile(r"""^\s*["“„«'‘][^"“”„«»]{10,}["”»'’][.!?]?\s*$""")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+", re.I)


def _contents(texts, feats, initial) -> tuple[set[int], set[int]]:
    """The entries of a table of contents, and the section headings they name.

    A wiki or a long post lists its sections ("1 History", "2 Effects") between the lede and the
    rest; each entry comes back once further down, in the same order, as a short line with prose
    right after it (the heading of that section). Menus repeat too (a header's links in the
    footer), but between other links, not before prose; a gallery's credit ("AFP via Getty
    Images") repeats many times. At least 3 such entries in a run (a line or two between them
    allowed), with the numbered lines next to them ("5 See also", whose section is a list), make
    a table of contents.
    """
    n = len(texts)
    short = [f.chars < LENGTH_LOW and c != "gone" for f, c in zip(feats, initial)]
    keys = [_NUMBERING.sub("", t).strip().casefold() if s else "" for t, s in zip(texts, short)]
    counts: dict[str, int] = {}
    for k in keys:
        if k:
            counts[k] = counts.get(k, 0) + 1
    headings: dict[str, int] = {}  # a short line followed by prose -> its position
    for i in range(n - 1):
        if keys[i] and counts[keys[i]] == 2 and not feats[i].sentence_end:
            nxt = next((k for k in range(i + 1, min(n, i + 4)) if initial[k] != "gone"), None)
            if nxt is not None and initial[nxt] in ("good", "near"):
                headings[keys[i]] = i
    entries = [i for i in range(n) if keys[i] and headings.get(keys[i], -1) > i]
    found: set[int] = set()
    run: list[int] = []
    for i in [*entries, n + 10]:
        if run and i - run[-1] > 2:
            named = [headings[keys[k]] for k in run]
            if len(run) >= 3 and named == sorted(named):
                lo, hi = run[0], run[-1]
                while lo > 0 and keys[lo - 1] and _NUMBERING.match(texts[lo - 1]):
                    lo -= 1
                while hi + 1 < n and keys[hi + 1] and _NUMBERING.match(texts[hi + 1]):
                    hi += 1
                found.update(k for k in range(lo, hi + 1) if k in run or _NUMBERING.match(texts[k]))
            run = []
        run.append(i)
    return found, {headings[keys[i]] for i in found if keys[i] in headings}


def _menu_like(text: str, f: BlockFeatures, c: str) -> bool:
    """A line of page chrome: short, mostly capitalised words, not a sentence (menus, teasers, buttons)."""
    if c == "gone":
        return False
    if f.truncated:
        return True
    return f.chars < 150 and not f.sentence_end and f.title_case >= 0.6 and f.words >= 1


def _grow(texts, feats, initial, classes, start: int, end: int, contents: set[int] = frozenset()) -> tuple[int, int]:
    """Join the prose on either side of the span when what separates them is not page chrome.

    A body broken by code, a table, a recipe's ingredients or a reference list scores as two runs
    of prose; the span takes the larger. The next run of prose (a good block) joins it when the
    gap holds no section heading, at most ``MAX_GAP`` blocks and at most 2 menu-like lines (the
    entries of the article's table of contents, ``contents``, are not menu-like).
    """

    def gap_ok(lo: int, hi: int) -> bool:
        if hi - lo > MAX_GAP:
            return False
        menu = sum(_menu_like(texts[k], feats[k], initial[k]) for k in range(lo, hi) if k not in contents)
        return menu <= 2 and not any(_section(texts[k]) for k in range(lo, hi))

    while True:
        nxt = next((k for k in range(end, len(texts)) if classes[k] == "good" and initial[k] == "good"), None)
        if nxt is None or not gap_ok(end, nxt):
            break
        end = nxt + 1
    while True:
        prev = next((k for k in range(start - 1, 0, -1) if classes[k] == "good" and initial[k] == "good"), None)
        if prev is None or not gap_ok(prev + 1, start):
            break
        start = prev
    return start, end


def _skip_menus(texts, feats, initial: Sequence[str], start: int, end: int, contents: set[int] = frozenset()) -> int:
    """Move the start past runs of more than ``MAX_HEADING_RUN`` short or non-prose lines.

    Every such run (a menu) before the body's first two paragraphs of prose in a row (good blocks
    that are neither promotion nor a notice: a sign-up form's small print before the menu is not
    the article) is skipped.
    """

    def prose(i: int) -> bool:
        return _plain_prose(texts, feats, initial, i)

    def followed(i: int) -> bool:  # the next block (lines other rules removed skipped) is prose too
        nxt = next((k for k in range(i + 1, end) if initial[k] != "gone"), None)
        return nxt is not None and prose(nxt)

    first = next((i for i in range(start, end) if prose(i) and followed(i)), None)
    if first is None:
        first = next((i for i in range(start, end) if prose(i)), end)
    i = new_start = start
    while i < first:
        j, run = i, []
        while j < end and initial[j] in ("short", "bad", "gone"):
            if initial[j] != "gone":
                run.append(j)
            j += 1
        # A run right at the start goes whatever it is; further in, only a menu (mostly title case:
        # a list in sentence case after the lede, such as a recipe's ingredients, is the article).
        # The article's table of contents (``contents``) is not a menu.
        menu = sum((feats[k].title_case >= 0.5 or feats[k].truncated) and k not in contents for k in run) * 2 > len(run)
        if len(run) > MAX_HEADING_RUN and j < end and (i == new_start or menu):
            new_start = j
        i = max(j, i + 1)
    return new_start


def _reader_advice(texts, feats, initial, i: int) -> bool:
    """A paragraph of the article that tells its reader what to do about someone else's site or product.

    "Amazon has two models listed; you can sign up to be notified", "Signing up for the
    exchange is similar; if you already have an account ...": a call to action, but the site
    does not speak of itself (no "we", "our", "us") nor give an order first, and it is prose
    (a good block) after a paragraph of prose that is not promotion (short lines between, a
    subhead, skipped), and followed by another such paragraph or by anything that is not prose:
    the body's end ("For other systems, ... see the general download page." ends a how-to), a
    subhead. See :func:`_advice` for the author's own voice and the site's appeals.
    """
    if not _advice(texts[i], initial[i]):
        return False

    def prose(k: int | None) -> bool:
        return k is not None and initial[k] == "good" and not _is_promotion(texts[k], feats[k])

    before = next((k for k in range(i - 1, -1, -1) if initial[k] not in ("gone", "short")), None)  # (past a subhead)
    after = next((k for k in range(i + 1, len(texts)) if initial[k] != "gone"), None)
    return prose(before) and (prose(after) or after is None or initial[after] != "good")


def _plain_prose(texts, feats, initial, i: int) -> bool:
    """A good block that is neither promotion nor a notice: a paragraph of the article, not of the site."""
    return initial[i] == "good" and not _is_promotion(texts[i], feats[i]) and not _is_notice(texts[i], feats[i])


def _is_notice(text: str, f: BlockFeatures) -> bool:
    """A cookie notice or a legal line (privacy policy, terms of use) that addresses the reader.

    "By using this site you agree to our privacy policy", "We use cookies"; a sentence about
    someone's privacy policy ("Facebook changed its privacy policy on Tuesday") is not one.
    A line of a few words is ("Privacy Policy | Terms of Use"), and so is one about the site itself
    ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply").
    """
    return f.words <= 60 and bool(_COOKIE.search(text)) and (f.words <= 8 or bool(_READER.search(text) or _THIS_SITE.search(text)))


def _is_promotion(text: str, f: BlockFeatures) -> bool:
    """A block that addresses the reader about the site: sign up, subscribe, comment rules...

    A paragraph of ``LENGTH_HIGH`` characters or more needs two different calls to action
    ("enter your email ... to your inbox"): one ("you may as well download", "visit the privacy
    settings") is the article talking to its reader.
    """
    if f.words > 60 or _REPORTED.search(text):
        return False
    if not _READER.search(text):
        # An order to the reader needs no "you": "Sign up to get the best content of the week".
        return f.chars < LENGTH_HIGH and bool(_IMPERATIVE_CALL.match(text))
    calls = {m.casefold() for m in _CALL_TO_ACTION.findall(text)}
    return len(calls) >= (2 if f.chars >= LENGTH_HIGH and f.sentence_end else 1)


def _advice(text: str, c: str) -> bool:
    """A paragraph of prose that tells the reader what to do without the site speaking of itself.

    "For other systems, or if you want to install from source, see the general download page."
    ends a how-to; the site's own promotion says "we", "our", "please" or opens with an order.
    A "please" in the author's own voice ("I", "me", "my"; no "we", "our", "us") is the post's
    closing: "If you have any further questions, please let me know in the comments." An appeal
    for the site ("support local journalism with a donation", "if you found this article useful,
    subscribe") is never advice.
    """
    if c != "good" or _IMPERATIVE_CALL.match(text) or _APPEAL.search(text):
        return False
    # The author's own voice ("If you have any questions, please let me know") is not the site's.
    return not _SITE.search(text) or (bool(_AUTHOR.search(text)) and not _OUR.search(text))


def _trim_edges(texts, feats, classes, start: int, end: int, reasons: list[str]) -> tuple[int, int]:
    """Cut promotion, notices and the author's biography off the ends of the article's span.

    At the end: from the first such block among the span's last few, when only such blocks and
    short lines follow it ("About the author", a bio, "Sign up for our newsletter", the comment
    rules). At the start: notices before the body (cookies, "You are using an old browser").
    """

    def edge(i: int) -> bool:
        promotion = _is_promotion(texts[i], feats[i]) and not _advice(texts[i], classes[i])
        return promotion or _is_notice(texts[i], feats[i]) or bool(_BIO.search(texts[i]))

    tail = range(max(start + 1, end - 8), end)
    for j in tail:
        if edge(j) and all(edge(k) or feats[k].chars < LENGTH_LOW for k in range(j + 1, end)):
            for k in range(j, end):
                reasons[k] = "outside the article: " + ("author" if _BIO.search(texts[k]) else "footer")
            end = j
            break
    while start < end - 1 and (_is_promotion(texts[start], feats[start]) or _is_notice(texts[start], feats[start])):
        reasons[start] = "outside the article: notice"
        start += 1
    return start, end


def _score(f: BlockFeatures, c: str) -> float:
    if c == "good":
        return float(f.chars)
    if c == "near":
        return NEAR_WEIGHT * f.chars
    if c == "gone":
        return 0.0
    if c == "short":
        return -SHORT_PENALTY
    return -max(30.0, BAD_WEIGHT * f.chars)


def _best_span(scores: Sequence[float]) -> tuple[int, int]:
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


def _extend_to_headline(texts, feats, initial, start: int) -> int:
    """Move the span's start back to the headline just before it (and the byline, date between).

    The headline is the block, among the ``HEADLINE_REACH`` before the span, that shares most of its words (at
    least 60%) with the page's first line: the ``<title>`` that such dumps start with, or that
    first line itself when nothing but removed lines stands between it and the body.
    """
    title = {w.casefold() for w in _WORD.findall(texts[0])}
    # A standfirst without a final stop ("Japanese brewers are making money from ...") is prose.
    # So is a line of one short sentence ("“Greetings.”", "No.") between two blocks of prose: a
    # line of dialogue, as jusText makes a short block between two good ones good.
    while start > 1:
        if initial[start - 1] == "gone" or _standfirst(feats[start - 1]):
            start -= 1
        elif start > 2 and _short_sentence(feats[start - 1]) and _standfirst(feats[start - 2]):
            start -= 2
        else:
            break
    best, best_overlap = start, 0.0
    for i in range(start - 1, max(0, start - 1 - HEADLINE_REACH), -1):
        if feats[i].chars > 300:
            break
        words = {w.casefold() for w in _WORD.findall(texts[i])}
        if len(words) >= 3 and title:
            overlap = len(words & title) / len(words)
            if overlap > best_overlap and overlap >= 0.6:
                best, best_overlap = i, overlap
    # The first line is the headline when only lines other rules removed stand between it and the body.
    if best == start and all(c == "gone" for c in initial[1:start]) and 0 < feats[0].words <= 20:
        best = 0
    return best


def _after_headline(texts, feats, initial, scores, start: int, end: int) -> tuple[int, int]:
    """The run of prose right after the headline, when it scores nearly as well as the best run further on.

    An article follows its headline; prose further down the page that outscores it (a journal's
    disclosures after its reference list, a long comment) is back matter. The headline is the
    last block before the span that repeats the page's first line (:func:`_repeated_title`, with
    40% of the title's words: the title often carries the site's name too); the best run between
    it and the span is taken when it scores at least ``HEADLINE_RUN_SHARE`` of the span's score
    and a comments or footer heading ("Comments", "References") lies between. A box of related
    links between two parts of the body is not back matter: the parts are joined by
    :func:`_headline_further_back` instead.
    """
    head = _repeated_title(texts, feats, initial, start, of_title=0.4)
    if head is None:
        return start, end
    lo, hi = _best_span(scores[head + 1 : start])
    lo, hi = head + 1 + lo, head + 1 + hi
    back_matter = any(_section(texts[k]) in ("comments", "footer") for k in range(hi, start))
    if lo < hi and back_matter and sum(scores[lo:hi]) >= HEADLINE_RUN_SHARE * sum(scores[start:end]):
        return lo, hi
    return start, end


def _repeated_title(texts, feats, initial, start: int, *, of_title: float) -> int | None:
    """The last block before ``start`` that repeats the page's first line (the ``<title>``), or ``None``.

    A headline, not prose (no good block, at most 300 characters, at least 3 words): at least 80%
    of its words are the title's, and it has at least ``of_title`` of the title's words. A title
    of fewer than 3 words names no headline.
    """
    title = {w.casefold() for w in _WORD.findall(texts[0])}
    if len(title) < 3:
        return None
    for i in range(start - 1, 0, -1):
        if feats[i].words < 3 or feats[i].chars > 300 or initial[i] == "good":
            continue
        of_block, share = _title_overlap(texts[i], title)
        if of_block >= 0.8 and share >= of_title:
            return i
    return None


def _title_overlap(text: str, title: set[str]) -> tuple[float, float]:
    words = {w.casefold() for w in _WORD.findall(text)}
    common = len(words & title)
    return (common / len(words) if words else 0.0), (common / len(title) if title else 0.0)


def _headline_further_back(texts, feats, initial, start: int) -> int:
    """The headline further back than :func:`_extend_to_headline` looks, when prose follows it.

    A gallery, a video or a box of links inside the body can split it in two, and the span then
    holds only the larger part. The part before is found from the headline: the last block before
    the span that repeats the page's first line (:func:`_repeated_title`, with half of the
    title's words), when prose (good or near-good
    blocks: a question or a lede of short sentences counts, at least ``LENGTH_HIGH`` characters)
    follows it within ``HEADLINE_REACH`` blocks. Returns ``start`` when there is none.
    """
    head = _repeated_title(texts, feats, initial, start, of_title=0.5)
    if head is None:
        return start
    prose = sum(feats[k].chars for k in range(head + 1, min(start, head + 1 + HEADLINE_REACH)) if initial[k] in ("good", "near"))
    return head if prose >= LENGTH_HIGH else start


def _field(text: str) -> bool:
    """A labelled field of the article ("Address: 1 Great Street"), not a label of the page's chrome ("Listen: 3 min")."""
    return bool(_FIELD.match(text)) and not _CHROME_LABEL.search(text.split(":", 1)[0])


def _caps_heading(text: str) -> bool:
    """A line in capitals of two words or more: a subhead ("WHO PAYS FOR IT") when it ends a run of short lines with prose after it."""
    return text.isupper() and len(_WORD.findall(text)) >= 2


def _code_like(text: str) -> bool:
    """A line of program code or a formula: dense in brackets, operators and assignment marks.

    Code in a tutorial has few stop words and no final stop, so it classifies as bad like a
    caption or a teaser, but a caption or a teaser has at most a bracketed credit in it.
    """
    symbols = len(_CODE_SYMBOLS.findall(_CITATION.sub("", text)))
    return symbols >= CODE_SYMBOLS_MIN and symbols >= CODE_SYMBOLS_SHARE * len(text)


def _unpunctuated_prose(f: BlockFeatures) -> bool:
    """Sentence-like words with no final stop: a photo caption, a standfirst, a teaser's summary."""
    return f.chars >= LENGTH_LOW and not f.sentence_end and not f.truncated and f.stopword_density >= STOPWORDS_LOW and f.title_case < 0.5


def _short_sentence(f: BlockFeatures) -> bool:
    """A line of one short sentence, ending with its stop ("“Greetings.”"): dialogue, not a label."""
    return 0 < f.words <= 3 and f.sentences <= 1 and f.sentence_end and not f.truncated


def _standfirst(f: BlockFeatures) -> bool:
    """Prose the classifier leaves out of the span's start: a standfirst with no final stop, a short lede."""
    long_enough = f.chars >= LENGTH_LOW or (f.chars >= 30 and f.sentence_end) or (f.words >= 8 and f.chars >= 40)
    return long_enough and f.chars <= 400 and f.stopword_density >= STOPWORDS_LOW and f.title_case < 0.5 and not f.truncated
