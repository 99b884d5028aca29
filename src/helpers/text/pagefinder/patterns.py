"""The page finder's patterns and thresholds, in one place: what each catches is said beside it.

Thresholds are in characters, words, blocks or shares; the regular expressions are matched on one
block (one line of the page's text). Every rule of :mod:`helpers.text.pagefinder.passes` reads its
numbers and patterns from here, so tuning one is a change to this module and a run of
``scripts/validate_cleaning.py`` on both halves of web-dev (``docs/pagefinder.md``).
"""

from __future__ import annotations

import re

# jusText's defaults (characters, stop-word densities), as in its paper and package.
LENGTH_LOW = 70  # characters: a shorter block is short (a heading, a label, a link), never good on its own
LENGTH_HIGH = 200  # characters: a longer block of sentences is prose even without a final stop
STOPWORDS_LOW = 0.30  # stop-word density of near-good prose
STOPWORDS_HIGH = 0.32  # stop-word density of good prose
MIN_BOILERPLATE = 3  # share buttons, "Read more" and the like that make a text a page
HEADLINE_REACH = 12  # blocks before the body searched for the headline (byline, date, buttons between)
PRE_BODY_WORDS = 8  # a short line between the headline and the body: a date, a button
MAX_GAP = 12  # blocks between two runs of prose that :func:`grow` may join
NEAR_WEIGHT = 0.3  # a near-good block counts this share of its length in the span's score
BAD_WEIGHT = 1.0  # a bad block counts this share of its length (at least 30) against the span
SHORT_PENALTY = 10.0  # score of a short block left unresolved; bad blocks count their length
CUT_SHARE = 0.5  # a section heading ends the body after this share of its prose when comments follow
SIGN_UP_BOX = 4  # lines of a newsletter sign-up box between two paragraphs (blurb, e-mail field, button)
HEADLINE_RUN_SHARE = 0.5  # the prose right after the headline wins over a better-scoring run further on at this share
SHARED_WORDS = 2  # words (5 letters or more) the article's last paragraph after a box shares with the body
RELATED_BOX = 6  # links in a box of related stories before the article's last paragraph (a longer list ends it)
MAX_HEADING_RUN = 3  # consecutive short lines that can still be headings, a byline, a date
MAX_SHORT_RUN = 8  # more consecutive short lines than this are a menu or a list of links
TITLE_CASE = 0.5  # share of words starting upper case from which a line is in title case (a menu's, a link's), not a sentence's
STOPWORDS_THIN = 0.2  # stop-word density of a short sentence or a list's item that still reads like language
MENU_CHARS = 150  # a menu-like line is shorter than this ...
MENU_TITLE_CASE = 0.6  # ... and at least this share of its words start upper case
SECTION_HEADING_CHARS = 60  # a section heading ("Comments", "Related stories") is at most this long
SECTION_LINE_CHARS = 300  # a longer line naming a section ("11 responses to “...”", "Tags: ...") is at most this long
PROMOTION_WORDS = 60  # a block of promotion or a notice has at most this many words (a longer one is the article's prose)
CAPTION_WORDS = 40  # a photo caption or credit has at most this many words
STANDFIRST_CHARS = 400  # a standfirst or a short lede before the span is at most this long
HEADLINE_CHARS = 300  # a headline is at most this long (a longer block ends the search for it)
TITLE_OVERLAP = 0.6  # share of a block's words in the page's title that makes it the headline just before the body
REPEATED_TITLE_OVERLAP = 0.8  # share of a block's words in the page's title that makes it the headline repeated further back

# Characters of program code (brackets, operators, assignment, comments) and how many make a line code.
CODE_SYMBOLS = re.compile(r"[(){}\[\]<>=;#$\\|*+^~]|(?<=\w)_(?=\w)")
CODE_SYMBOLS_MIN = 4  # at least this many code characters ...
CITATION = re.compile(r"\s?\[\w{1,8}\]")  # a wiki's reference marks, "[3]", "[src]": not code
CODE_SYMBOLS_SHARE = 0.05  # ... and at least this share of the line's characters
# A sidebar widget's entry with its count of posts: "► October (2)", "Politics (14)".
WIDGET_COUNT = re.compile(r"^\D*[^\W\d_]\D*\(\d{1,5}\)$")
# A sentence stop (counted: a block's sentences).
STOPS = re.compile(r"[.!?…]+(?:\s|$)")
# Any digit: dates, counts, prices (a menu's entries have none).
DIGITS = re.compile(r"\d")
# A word: letters, with inner apostrophes ("don't", "O’Neill"); digits and underscores split words.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A sentence's end, also before a closing credit: "... in the tournament. (NM)".
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]»]*(?:\s*\([^()]{1,30}\))?$")
# A teaser cut short: "... will have a sizeable squad at his..." (a link to another story).
TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*(?:\[?(?:read|more|continue)[^\]]{0,20}\]?)?$", re.I)

# Headings that open a section of the page that is not the article. Matched on a short block.
SECTIONS: list[tuple[str, re.Pattern[str]]] = [
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
INLINE_LINK = re.compile(r"^(?:related(?:\s+\w+)?|see\s+also|also\s+read|read\s+(?:more|next|also))\s*:\s*[^,\s]+(?:\s+[^,\s]+){2,}$", re.I)
# A count of comments naming the article: "11 responses to “Title”", "One thought on “Title”".
COMMENT_COUNT = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|responses?|comments?|replies|reactions?)"
    r"\s+(?:on|to)\s*[“\"'‘«]",
    re.I,
)
# A labelled list of the article's tags: "TAGS: ann wilson, drama, eighties" (a related-links section).
TAG_LIST = re.compile(r"(?:tags?|tagged(?:\s+with)?|topics?|categories|filed\s+under)\s*:\s*\S", re.I)
# A photo caption or credit, inside the body or around it.
CAPTION = re.compile(
    r"^(?:image|photo(?:graph)?|picture|caption|video|watch|gallery|illustration|graphic)s?\s*(?:\d+\s*(?:of|/)\s*\d+)?\s*[:|/–—-]"
    r"|\b(?:photo(?:graph)?|image|picture|illustration)s?\s*(?:credit|courtesy|by|:)"
    r"|^(?:photographed|illustrated|pictured)\s+by\b|\b(?:via|on|from)\s+(?:unsplash|pexels|pixabay|flickr|wikimedia(?:\s+commons)?)\s*$"
    r"|\((?:photo|image|picture|credit|file)[^)]*\)\s*$"
    r"|(?:getty\s+images|shutterstock|istock(?:photo)?|ap\s+photo|afp|reuters|alamy)\s*\)?\s*$",
    re.I,
)
# The page talking to its reader: sign-ups, paywalls, comment rules, disclosures, browser notices.
CALL_TO_ACTION = re.compile(
    r"\b(?:sign(?:ing)?[ -]up|subscrib\w*|subscription|newsletters?|log(?:ged)? in|sign(?:ed)? in|register"
    r"|download|follow us|share (?:this|on)|click|tap here|submit|advertis\w*|sponsored|affiliate|commissions?"
    r"|compensat\w*|disclos\w*|cookies?|privacy|comments?|commenting|moderat\w*|reply|e-?mail|inbox"
    r"|browser|javascript|ad-?blocker|donat\w*|support (?:us|our)|membership|premium|paywall|free trial"
    r"|unlimited access|all rights reserved|copyright|terms of|whatsapp|telegram|podcasts?)\b",
    re.I,
)
# A block that opens with a call to action in the imperative.
IMPERATIVE_CALL = re.compile(r"(?:sign\s*up|subscribe|register|log\s*in|sign\s+in|follow\s+us|download\s+(?:the|our)\s+app)\b", re.I)
# The site or its staff speaking ("we", "our", "us": in lower case only, "US" is a country); also
# asking the reader for something (SITE); words addressing the reader (READER: "you" too);
# the author speaking ("I", "me", "my").
OUR = re.compile(r"\b(?:[Ww]e|WE|[Oo]ur|OUR|us|[Ww]e're|[Ww]e've|[Ww]e'll)\b")
SITE = re.compile(OUR.pattern + r"|\b(?:[Pp]lease|PLEASE)\b")
READER = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ou're|YOU|YOUR)\b|" + SITE.pattern)
AUTHOR = re.compile(r"\b(?:I|me|my|I'm|I've|I'll)\b")
# An appeal for the site: money, subscriptions, or the reader's opinion of "this article".
APPEAL = re.compile(
    r"\b(?:donat\w*|subscri\w*|membership|newsletters?|support\s+(?:us|our|independent|local|quality)"
    r"|this\s+(?:article|story|post|site|website|newsletter))\b",
    re.I,
)
# Reported speech: a sentence about someone else's words is the article, not the site.
REPORTED = re.compile(r"\b(?:said|says|told|according to|announced|added|asked)\b")
# An author's biography: "Jane Doe is a reporter at ...", "About the author".
BIO = re.compile(
    r"^(?:about the author\b|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s+(?:is|was|has been|covers|writes)\s"
    r"(?:an?\s|the\s)?[^.]{0,120}?\b(?:writer|editor|reporter|journalist|professor|author|expert|founder"
    r"|correspondent|contributor|columnist|producer|analyst|fellow|student|freelancer?|intern)s?\b)",
    re.I,
)
# The site speaking of itself: "this site", "this website", "this page", "this app".
THIS_SITE = re.compile(r"\bthis\s+(?:site|website|web\s+site|page|app)\b", re.I)
# A cookie notice or a legal line: "We use cookies to ...", "Privacy Policy", "All rights reserved".
COOKIE = re.compile(
    r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|browsing|experience)\b"
    r"|\b(?:privacy policy|terms of (?:use|service)|all rights reserved)\b",
    re.I,
)

# The separators of a page title's parts: "Headline | The Valley Courier", "Headline - Site".
TITLE_PARTS = re.compile(r"\s+[|–—-]\s+")
# A labelled field of the article: "Address: 1 Great Street", "Admission: adults 3 € (2019 price)"
# (a label of 1-3 words, no number: "Example 1: ..." is a heading).
FIELD = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+){0,2}:\s+\S")
# A block that is all a quotation: '"In this maudlin melodrama, all that was missing were the violins."'.
QUOTATION = re.compile(r"""^\s*["“„«'‘][^"“”„«»]{10,}["”»'’][.!?]?\s*$""")
# A section's number before its heading: "2 Effects", "3.1 ", "iv. " (a table of contents' entries).
NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+", re.I)

# Labels of the page's chrome: "Share:", "Follow us:", "Contact the author:", "Posted in:", "Tagged:",
# "Published:", "Photographer:", "Listen:".
CHROME_LABEL = re.compile(
    CALL_TO_ACTION.pattern + r"|\b(?:contact|share|follow|author|tagged|posted|filed|print|listen|save|section"
    r"|photo\w*|image|video|updated|published|date|time|by)\b",
    re.I,
)
