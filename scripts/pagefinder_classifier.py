"""A learned block classifier against the page finder's rules, on the fixed halves of web-dev.

Usage: .venv/bin/python scripts/pagefinder_classifier.py [CORPUS]   (default: ../shared/corpora/web-dev)

The trial of issue 22: can a small model trained on the snippets replace the rules? The cleaner is
run as the pipeline runs it (a ``Cleaner`` fitted on all the text pages), and every call it makes
to ``helpers.text.pagefinder.find_article`` is answered either by the rules or by a classifier:
the same pages are taken for pages, the same other rules apply, only the page finder's verdict on
each block differs.

Features of each block (its length, words, stop-word density, sentences, title case, truncation,
its jusText class with and without context, its score, its place on the page and whether the
rules' first span holds it, whether it reads like a section heading, promotion, a notice, a caption
or code), and the same of its two neighbours either side. Labels from ``snippets.json``: a block
holding (or held in) an article snippet is the article's, one holding (or held in) a page-chrome
snippet is not; blocks with neither or both are left out of training. Trained on the dev half
only (``cleaning_eval.half``), scored on both, beside the rules. Nothing is downloaded; the models
(logistic regression, gradient boosting of 100 trees of depth 3) train in seconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from helpers import paths
from helpers.analysis import cleaning_eval
from helpers.text import pagefinder
from helpers.text.clean import Cleaner
from helpers.text.decode import decode
from helpers.text.pagefinder import Block, Page
from helpers.text.pagefinder.blocks import best_span
from helpers.text.pagefinder.patterns import CAPTION
from helpers.text.pagefinder.signals import code_like, is_notice, is_promotion, section_of

DEFAULT = paths.ROOT.parent / "shared" / "corpora" / "web-dev"
REASON = "outside the article: classifier"
_RULES = pagefinder.find_article


def block_features(page: Page) -> np.ndarray:
    """One row per block: its own features, then its neighbours' (two either side, zeros past the ends)."""
    n = len(page)
    start, end = best_span(page.scores)
    good = np.cumsum([f.chars if c == Block.GOOD else 0 for f, c in zip(page.feats, page.classes)], dtype=float)
    own = []
    for i, (t, f) in enumerate(zip(page.texts, page.feats)):
        own.append(
            [
                np.log1p(f.chars),
                np.log1p(f.words),
                f.stopword_density,
                f.sentence_end,
                f.truncated,
                np.log1p(f.sentences),
                f.title_case,
                *(page.initial[i] == c for c in Block),
                *(page.classes[i] == c for c in Block),
                np.sign(page.scores[i]) * np.log1p(abs(page.scores[i])),
                i / n,
                start <= i < end,
                good[i] / good[-1] if good[-1] else 0.0,
                section_of(t) is not None,
                is_promotion(t, f),
                is_notice(t, f),
                bool(CAPTION.search(t)),
                code_like(t),
            ]
        )
    own = np.asarray(own, dtype=float)
    pad = np.zeros((2, own.shape[1]))
    padded = np.vstack([pad, own, pad])
    return np.hstack([own] + [padded[2 + d : 2 + d + n] for d in (-2, -1, 1, 2)])


def labels(texts: list[str], snip: dict) -> np.ndarray:
    """1 for a block of the article, 0 for page chrome, -1 for a block no snippet decides."""
    norm = cleaning_eval._norm
    with_, without = [norm(s) for s in snip["with"]], [norm(s) for s in snip["without"]]

    def matches(block: str, snippets: list[str]) -> bool:
        return bool(block) and any(s in block or (len(block) >= 20 and block in s) for s in snippets)

    out = []
    for t in texts:
        b = norm(t)
        pos, neg = matches(b, with_), matches(b, without)
        out.append(1 if pos and not neg else 0 if neg and not pos else -1)
    return np.asarray(out)


def clean_all(texts: dict[str, str], find_article) -> tuple[dict[str, str], dict[str, list]]:
    """Clean every text page with ``find_article`` in the page finder's place; the kept text and the calls seen."""
    calls: dict[str, list] = {}
    current = [""]

    def recorded(blocks, removed=None, **kwargs):
        calls.setdefault(current[0], []).append((list(blocks), list(removed) if removed is not None else None))
        return find_article(blocks, removed, **kwargs)

    cleaner = Cleaner().fit(texts.values())
    kept = {}
    pagefinder.find_article = recorded  # the cleaner calls it through the package (``page.find_article``)
    try:
        for name, text in texts.items():
            current[0] = name
            article = cleaner.clean(name, text)
            kept[name] = f"{article.headline}\n" + "\n".join(r.text for r in article.audit if r.action == "kept")
    finally:
        pagefinder.find_article = _RULES
    return kept, calls


def classifier_finder(model, threshold: float = 0.5):
    def find_article(texts, removed=None, **kwargs):
        if not texts:
            return []
        page = Page.read(texts, removed)
        keep = model.predict_proba(block_features(page))[:, 1] >= threshold
        return ["" if k else REASON for k in keep]

    return find_article


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else DEFAULT
    snippets = cleaning_eval.read_snippets(corpus)
    texts = {f.stem: decode(f.read_bytes()).text for f in sorted((corpus / "text").glob("*.txt"))}
    rules_kept, calls = clean_all(texts, _RULES)
    rules = cleaning_eval.scores_by_half(rules_kept, snippets)

    x, y = [], []
    for name, page_calls in calls.items():
        if cleaning_eval.half(name) != "dev":
            continue
        for blocks, removed in page_calls:
            page = Page.read(blocks, removed)
            lab = labels(blocks, snippets[name])
            x.append(block_features(page)[lab >= 0])
            y.append(lab[lab >= 0])
    x, y = np.vstack(x), np.concatenate(y)
    n_article = int(y.sum())
    print(f"training on the dev half: {len(y)} labelled blocks ({n_article} article, {len(y) - n_article} chrome), {x.shape[1]} features")
    models = {
        "logistic regression": make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, C=1.0)),
        "gradient boosting (100 trees, depth 3)": GradientBoostingClassifier(n_estimators=100, max_depth=3, random_state=0),
    }
    rows = {"the rules (default)": rules}
    for name, model in models.items():
        model.fit(x, y)
        kept, _ = clean_all(texts, classifier_finder(model))
        rows[name] = cleaning_eval.scores_by_half(kept, snippets)

    print("\n| page finder | dev `with` / `without` | test `with` / `without` | total | test mean |")
    print("|---|---|---|---|---|")
    for name, by in rows.items():
        cells = " | ".join(f"{by[h]['with']:.3f} / {by[h]['without']:.3f}" for h in ("dev", "test", "total"))
        print(f"| {name} | {cells} | {(by['test']['with'] + by['test']['without']) / 2:.3f} |")
    best = max(rows, key=lambda k: rows[k]["test"]["with"] + rows[k]["test"]["without"])
    print(f"\nbest on the test half: {best}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
