"""Scoring the cleaner on whole web pages: trafilatura's snippet method and body F1.

Used by ``scripts/validate_cleaning.py`` and ``benchmarks/bench.py`` on a folder laid out as the
shared ``web-dev`` corpus: ``html/<name>.html`` (the pages), optionally ``text/<name>.txt`` (the
text a naive scraper saves from each page) and ``snippets.json`` (per page, ``with``: snippets of
the article body that must be kept, ``without``: snippets of the page around it that must go).

Validation tooling, so it reads the corpus itself (the one exception to "only ``helpers.io`` touches
files"; it never writes the project's data). When ``text/`` is missing it is made as the corpus's README says it was: ``html-text``'s
``extract_text(..., guess_layout=True)`` (every block of the page on its own line).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

__all__ = [
    "HALVES",
    "half",
    "halves",
    "page_texts",
    "kept_texts",
    "read_snippets",
    "snippet_found",
    "snippet_scores",
    "scores_by_half",
    "shingle_prf",
]

HALVES = ("dev", "test")


def page_texts(corpus: Path, out: Path) -> Path:
    """The folder of the pages' scraped text: ``corpus/text`` or, when missing, made in ``out``."""
    corpus = Path(corpus)
    if (corpus / "text").is_dir():
        return corpus / "text"
    import html_text  # validation only: the scraper's text layout of the web-dev corpus

    out.mkdir(parents=True, exist_ok=True)
    for page in sorted((corpus / "html").glob("*.htm*")):
        html = page.read_bytes().decode("utf-8", errors="replace")
        (out / f"{page.stem}.txt").write_text(html_text.extract_text(html, guess_layout=True), encoding="utf-8")
    return out


def kept_texts(articles: pd.DataFrame, audit: pd.DataFrame) -> dict[str, str]:
    """Per article: the text cleaning kept (its headline, then every raw line kept), by source stem."""
    kept = audit[audit["action"] == "kept"].groupby("article_id", sort=False)["text"].agg("\n".join)
    out = {}
    for row in articles.itertuples():
        if row.status == "ok":
            out[Path(row.source).stem] = f"{row.headline}\n{kept.get(row.article_id, '')}"
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def snippet_found(snippet: str, text: str) -> bool:
    """Whether a snippet is in a text, compared as trafilatura's evaluation does."""
    return _norm(snippet) in _norm(text)


def snippet_scores(kept: Mapping[str, str], snippets: Mapping[str, dict]) -> dict[str, float]:
    """trafilatura's evaluation: share of ``with`` snippets found, of ``without`` snippets absent.

    Compared after lower-casing and collapsing white space; a page missing from ``kept`` (skipped)
    keeps nothing. Shares are over all snippets of all pages (as trafilatura reports them).
    """
    found = missing = total_with = total_without = 0
    for name, snip in snippets.items():
        text = _norm(kept.get(name, ""))
        found += sum(_norm(s) in text for s in snip["with"])
        missing += sum(_norm(s) not in text for s in snip["without"])
        total_with += len(snip["with"])
        total_without += len(snip["without"])
    return {
        "with": found / max(total_with, 1),
        "without": missing / max(total_without, 1),
        "n_with": total_with,
        "n_without": total_without,
    }


def half(name: str) -> str:
    """The fixed half of a web-dev-style corpus a page belongs to: ``"dev"`` or ``"test"``.

    From the SHA-1 of the page's name (its file stem), even or odd: stable across runs, machines
    and new pages. Rules are tuned on ``dev``; ``test`` says whether they hold on pages not looked at.

    >>> half("abc13.com-Copperfield"), half("abc7news.com-Napa")
    ('dev', 'test')
    """
    return HALVES[int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2]


def halves(snippets: Mapping[str, dict]) -> dict[str, dict[str, dict]]:
    """``snippets`` split by :func:`half`: ``{"dev": {...}, "test": {...}}``."""
    out: dict[str, dict[str, dict]] = {h: {} for h in HALVES}
    for name, snip in snippets.items():
        out[half(name)][name] = snip
    return out


def scores_by_half(kept: Mapping[str, str], snippets: Mapping[str, dict]) -> dict[str, dict[str, float]]:
    """:func:`snippet_scores` on the dev half, the test half and all pages (``"total"``)."""
    split = halves(snippets)
    return {h: snippet_scores(kept, split[h]) for h in HALVES} | {"total": snippet_scores(kept, snippets)}


def read_snippets(corpus: Path) -> dict[str, dict]:
    """``snippets.json`` of a web-dev-style corpus."""
    return json.loads((Path(corpus) / "snippets.json").read_text(encoding="utf-8"))


_TOKEN = re.compile(r"\w+")


def shingle_prf(predicted: str, truth: str, n: int = 4) -> tuple[float, float]:
    """Precision and recall of ``predicted`` against ``truth`` over token ``n``-gram shingles.

    >>> shingle_prf("the cat sat on the mat", "the cat sat on the mat today")
    (1.0, 0.75)
    """

    def shingles(text: str) -> Counter:
        tokens = _TOKEN.findall(text.lower())
        return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))

    p, t = shingles(predicted), shingles(truth)
    common = sum((p & t).values())
    return common / max(sum(p.values()), 1), common / max(sum(t.values()), 1)
