"""HTML pages: the article text and the metadata the page states, extracted with trafilatura.

Pure functions: a page's decoded text in, the article's text (one paragraph per line) and its
metadata out. trafilatura (Barbaresi 2021) finds the article body from the page's markup (link
density, the DOM's text-bearing nodes, with jusText and readability as fall-backs) and reads the
title, date, author and site name from the page's meta tags and JSON-LD. The extracted text then
goes through the same cleaning as a ``.txt`` file (:mod:`helpers.text.clean`), without the whole-page
body finder (:mod:`helpers.text.pagefinder`): trafilatura has already found the body, and cleaning may only
remove more boilerplate from it, never body text it kept.

>>> page = ("<html><head><title>Rain at last</title></head><body><nav><a href='/'>Home</a></nav>"
...         "<article><h1>Rain at last</h1><p>The rain came on Monday, and the farmers who had "
...         "waited all summer for it were out in their fields to see it fall.</p></article></body></html>")
>>> found = extract(page)
>>> found.title, found.text.splitlines()[-1][:21]
('Rain at last', 'The rain came on Mond')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["WebPage", "NoArticleError", "extract", "looks_like_html"]

# A document that starts as HTML (after an XML declaration or comments), or holds a <body>.
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S)
_BODY = re.compile(r"<body\b[^>]*>", re.I)
_CLOSING = re.compile(r"</(?:p|div|span|a|li|td|section|article)>", re.I)


class NoArticleError(ValueError):
    """Raised when a page holds no article text that trafilatura can find."""


@dataclass(frozen=True)
class WebPage:
    """The article of one HTML page and what the page says about it."""

    text: str  # the article body, one paragraph per line
    title: str = ""
    published: str = ""  # ISO 8601 date, as the page states it
    author: str = ""
    site_name: str = ""
    url: str = ""
    page_chars: int = 0  # characters of the page's whole text (white space collapsed)
    outside_chars: int = 0  # of those, characters not in the extracted article


_VISIBLE_TEXT = "//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML document rather than text with a stray tag in it.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Talks go on.\\n<iframe src='x'></iframe>\\nMore talks.")
    False
    """
    if _HTML_START.match(text):
        return True
    return bool(_BODY.search(text)) and len(_CLOSING.findall(text)) >= 3


def extract(html: str, *, favor_recall: bool = False) -> WebPage:
    """Extract the article and its metadata from one page's decoded HTML.

    Parameters
    ----------
    html : str
        The page, decoded (see :func:`helpers.text.decode.decode`).
    favor_recall : bool, default=False
        trafilatura's option to keep more of the page when unsure.

    Raises
    ------
    NoArticleError
        If the page holds no markup trafilatura can parse, or no article text in it.
    """
    import lxml.html  # lxml and trafilatura load only when a corpus has web pages
    import trafilatura

    if not html.strip():
        raise NoArticleError("is an empty page")
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:  # lxml refuses the document
        raise NoArticleError(f"cannot be parsed as HTML: {exc}") from None
    whole = " ".join(" ".join(tree.xpath(_VISIBLE_TEXT)).split())  # read before trafilatura prunes the tree
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True, favor_recall=favor_recall, deduplicate=False
    )
    text = "\n".join(line.strip() for line in (doc.text or "").split("\n") if line.strip()) if doc else ""
    if not text:
        raise NoArticleError("is a web page in which trafilatura found no article text")
    article = len(" ".join(text.split()))
    return WebPage(
        text=text,
        title=" ".join((doc.title or "").split()),
        published=doc.date or "",
        author=doc.author or "",
        site_name=doc.sitename or "",
        url=doc.url or "",
        page_chars=len(whole),
        outside_chars=max(0, len(whole) - article),
    )
