"""Corpus-level steps that the notebooks call: raw entries -> cleaned tables -> measured tables.

Pure over data (entries and DataFrames in, DataFrames out); reading and writing stays in
:mod:`helpers.io` and the notebooks.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import pandas as pd

from .clean import Cleaner
from .io import RawFile, sha256_bytes
from .sentiment import aggregate_paragraphs, score_paragraphs, summarise_articles
from .text import DecodeError, decode
from .topics import TopicModel

__all__ = ["clean_corpus", "measure_corpus", "ARTICLE_COLUMNS"]

ARTICLE_COLUMNS = [
    "article_id", "source", "sha256", "status", "problem", "encoding", "repairs", "headline",
    "dateline", "dateline_date", "copyright", "n_lines", "n_nonblank", "n_paragraphs",
    "n_headings", "n_removed",
]


def clean_corpus(entries: Sequence[RawFile], cleaner: Cleaner) -> dict[str, pd.DataFrame]:
    """Decode and clean every entry; learn corpus boilerplate first.

    Returns the tables ``articles`` (one row per entry, skipped ones with their ``problem``),
    ``paragraphs`` and ``audit`` (see ``data/processed/README.md``). An entry that cannot be
    decoded, is empty, or has no body text left after cleaning is skipped with a message; the
    rest of the corpus is processed.
    """
    decoded, articles = {}, []
    for entry in entries:
        row = dict.fromkeys(ARTICLE_COLUMNS, "") | {"article_id": entry.article_id, "source": entry.source,
                                                    "status": "skipped", "problem": entry.problem}
        if entry.data is not None:
            row["sha256"] = sha256_bytes(entry.data)
            try:
                text = decode(entry.data)
            except DecodeError as exc:
                row["problem"] = f"cannot be read as text: {exc}"
            else:
                if not text.text.strip():
                    row["problem"] = "is empty or holds only white space"
                else:
                    decoded[entry.article_id] = text
                    row |= {"status": "ok", "encoding": text.encoding, "repairs": "; ".join(text.repairs)}
        articles.append(row)

    cleaner.fit(d.text for d in decoded.values())
    paragraphs, audit = [], []
    for row in articles:
        if row["status"] != "ok":
            continue
        article = cleaner.clean(row["article_id"], decoded[row["article_id"]].text)
        lines = article.audit
        row |= {
            "headline": article.headline, "dateline": article.dateline,
            "dateline_date": article.dateline_date, "copyright": article.copyright,
            "n_lines": len(lines), "n_nonblank": sum(r.action != "blank" for r in lines),
            "n_paragraphs": len(article.body), "n_headings": len(article.paragraphs) - len(article.body),
            "n_removed": sum(r.action == "removed" for r in lines),
        }
        audit.extend(asdict(r) | {"article_id": article.article_id} for r in lines)
        if not article.body:
            reasons = sorted({r.reason.split(" (")[0] for r in lines if r.reason})
            row |= {"status": "skipped", "problem": "has no body text left after cleaning (all lines removed: "
                    + (", ".join(reasons) or "none") + ")"}
            continue
        paragraphs.extend(asdict(p) | {"article_id": article.article_id} for p in article.paragraphs)

    tables = {
        "articles": pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
        "paragraphs": pd.DataFrame(paragraphs, columns=[
            "article_id", "position", "kind", "section", "text", "first_line", "last_line"]),
        "audit": pd.DataFrame(audit, columns=[
            "article_id", "line", "text", "action", "role", "reason", "duplicate_of", "position"]),
    }
    for name in ("n_lines", "n_nonblank", "n_paragraphs", "n_headings", "n_removed"):
        tables["articles"][name] = pd.to_numeric(tables["articles"][name], errors="coerce").astype("Int64")
    for name in ("duplicate_of", "position"):
        tables["audit"][name] = tables["audit"][name].astype("Int64")
    return {name: _stable(frame) for name, frame in tables.items()}


def measure_corpus(paragraphs: pd.DataFrame, articles: pd.DataFrame, *, n_topics: int = 0,
                   method: str = "nmf", random_state: int = 0) -> dict[str, pd.DataFrame]:
    """Sentiment and topics for every paragraph.

    Returns ``paragraphs`` (with sentiment and topic columns), ``sentences``, ``topic_terms`` and
    ``articles`` (with the article-level sentiment summary). The topic model is fitted on the
    body paragraphs of the whole corpus, then applied to every paragraph and heading.
    """
    sentences = score_paragraphs(paragraphs)
    scores = aggregate_paragraphs(sentences)
    measured = paragraphs.merge(scores, on=["article_id", "position"], how="left")
    measured["n_sentences"] = measured["n_sentences"].fillna(0).astype("int64")

    body = paragraphs.loc[paragraphs["kind"] == "body", "text"]
    model = TopicModel(n_topics, method=method, random_state=random_state).fit(body.tolist())
    measured = pd.concat([measured, model.weights_frame(measured)], axis=1)

    summary = summarise_articles(sentences, random_state=random_state)
    articles = articles.merge(summary, on="article_id", how="left")
    articles["n_sentences"] = articles["n_sentences"].astype("Int64")
    return {
        "paragraphs": _stable(measured),
        "sentences": _stable(sentences),
        "topic_terms": model.top_terms(10),
        "articles": _stable(articles),
    }


def _stable(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort by article and position/line with a stable sort, so reruns write identical tables."""
    keys = [c for c in ("article_id", "position", "sentence", "line") if c in frame.columns]
    if "line" in keys:
        keys.remove("position")
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)
