"""Corpus-level steps that the notebooks call: raw entries -> cleaned tables -> measured tables.

Pure over data (entries and DataFrames in, DataFrames out; raw bytes are read through
:meth:`helpers.io.RawFile.read`). The per-article and per-paragraph work is embarrassingly
parallel: it runs in batches on local processes (``jobs``), or on a ``dask.distributed`` cluster
when a scheduler is given, with the same results either way. Memory holds the output tables, the
batches in flight and, for learning boilerplate, a bounded sample of articles.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from helpers.analysis.stats import category_mean_cis, mean_ci
from helpers.executor import Workers, in_batches, resolve_jobs, resolve_scheduler
from helpers.io import HTML_SUFFIXES, RawFile, sha256_bytes
from helpers.measures.sentiment import aggregate_paragraphs, score_paragraphs, score_sentence, split_sentences, summarise_articles
from helpers.text.clean import Cleaner
from helpers.text.decode import DecodeError, decode
from helpers.text.html_extract import NoArticleError, extract, looks_like_html
from helpers.text.quotes import segment_paragraphs

if TYPE_CHECKING:
    from helpers.measures.topics import TopicModel

__all__ = ["clean_corpus", "measure_corpus", "topic_inputs", "removal_summary", "ARTICLE_COLUMNS", "resolve_scheduler"]

ARTICLE_COLUMNS = [
    "article_id",
    "source",
    "sha256",
    "status",
    "problem",
    "encoding",
    "repairs",
    "headline",
    "dateline",
    "dateline_date",
    "copyright",
    "n_lines",
    "n_nonblank",
    "n_paragraphs",
    "n_headings",
    "n_removed",
    "format",
    "published",
    "author",
    "site_name",
    "url",
    "page_chars",
    "outside_chars",
]
PARAGRAPH_COLUMNS = ["article_id", "position", "kind", "section", "text", "first_line", "last_line"]
AUDIT_COLUMNS = ["article_id", "line", "text", "action", "role", "reason", "duplicate_of", "position"]
ARTICLES_PER_BATCH = 200
"""Articles per batch of cleaning or sentiment work."""
TOPIC_BATCH = 2000
"""Paragraphs per batch when applying the topic model."""
FIT_SAMPLE = 5000
"""Boilerplate is learned from at most this many articles (an evenly spaced sample)."""
_log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# Cleaning


def _decode_entry(entry: RawFile) -> tuple[dict, str | None]:
    """An article row (status, problem, encoding...) and the text to clean, or None when skipped.

    A web page (``.html``/``.htm``, or a ``.txt`` that holds HTML) is read with trafilatura: the
    text is the extracted article, and the row carries the page's title (as ``headline``), date,
    author, site name and URL.
    """
    row = dict.fromkeys(ARTICLE_COLUMNS, "") | {
        "article_id": entry.article_id,
        "source": entry.source,
        "status": "skipped",
        "problem": entry.problem,
    }
    if entry.path is None and entry.data is None:
        return row, None
    try:
        data = entry.read()
    except OSError as exc:
        row["problem"] = f"cannot be read: {exc.strerror or exc}"
        return row, None
    row["sha256"] = sha256_bytes(data)
    try:
        decoded = decode(data)
    except DecodeError as exc:
        row["problem"] = f"cannot be read as text: {exc}"
        return row, None
    if not decoded.text.strip():
        row["problem"] = "is empty or holds only white space"
        return row, None
    repairs = list(decoded.repairs)
    text, fmt = decoded.text, "text"
    is_html = entry.source.lower().endswith(HTML_SUFFIXES)
    if not is_html and looks_like_html(text):
        is_html = True
        repairs.append("holds HTML, not plain text: read as a web page")
    if is_html:
        try:
            found = extract(text)
        except NoArticleError as exc:
            row["problem"] = str(exc)
            return row, None
        text, fmt = found.text, "html"
        row |= {
            "headline": found.title,
            "published": found.published,
            "author": found.author,
            "site_name": found.site_name,
            "url": found.url,
            "page_chars": found.page_chars,
            "outside_chars": found.outside_chars,
        }
    row |= {"status": "ok", "problem": "", "encoding": decoded.encoding, "repairs": "; ".join(repairs), "format": fmt}
    return row, text


def _page_audit_row(row: dict) -> dict:
    """The audit's account of a web page's text outside the extracted article (line 0)."""
    return {
        "line": 0,
        "text": f"[{row['outside_chars']:,} of the page's {row['page_chars']:,} characters of text]",
        "action": "removed",
        "role": "",
        "reason": "outside the article: not extracted by trafilatura",
        "duplicate_of": None,
        "position": None,
        "article_id": row["article_id"],
    }


def _decode_batch(entries: list[RawFile]) -> list[tuple[dict, str | None]]:
    return [_decode_entry(entry) for entry in entries]


def _clean_batch(job: tuple[Cleaner, list[RawFile], dict]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Clean a batch of entries; ``decoded`` holds those already decoded (for learning boilerplate)."""
    cleaner, entries, decoded = job
    articles, paragraphs, audit = [], [], []
    for entry in entries:
        row, text = decoded[entry.article_id] if entry.article_id in decoded else _decode_entry(entry)
        articles.append(row)
        if text is None:
            continue
        html = row["format"] == "html"
        # trafilatura has found the body: cleaning may remove boilerplate from it, never look for
        # another body in it (measured on web-dev, that lost body text trafilatura had kept).
        # A page's title, or the headline a corpus file gives beside the text: not searched for.
        given = row["headline"] if html else entry.headline
        article = cleaner.clean(row["article_id"], text, headline=given or None, find_body=False if html else None)
        lines = article.audit
        row |= {
            "headline": article.headline,
            "dateline": article.dateline,
            "dateline_date": article.dateline_date,
            "copyright": article.copyright,
            "n_lines": len(lines),
            "n_nonblank": sum(r.action != "blank" for r in lines),
            "n_paragraphs": len(article.body),
            "n_headings": len(article.paragraphs) - len(article.body),
            "n_removed": sum(r.action == "removed" for r in lines),
        }
        if html and row["outside_chars"]:
            audit.append(_page_audit_row(row))
        audit.extend(asdict(r) | {"article_id": article.article_id} for r in lines)
        if not article.body:
            reasons = sorted({r.reason.split(" (")[0] for r in lines if r.reason})
            row |= {
                "status": "skipped",
                "problem": "has no body text left after cleaning (all lines removed: " + (", ".join(reasons) or "none") + ")",
            }
            continue
        paragraphs.extend(asdict(p) | {"article_id": article.article_id} for p in article.paragraphs)
    # DataFrames travel back from workers more compactly than lists of dicts.
    return (
        pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
        pd.DataFrame(paragraphs, columns=PARAGRAPH_COLUMNS),
        pd.DataFrame(audit, columns=AUDIT_COLUMNS),
    )


def clean_corpus(
    entries: Sequence[RawFile], cleaner: Cleaner, *, jobs: int = 1, scheduler=None, batch_size: int = ARTICLES_PER_BATCH
) -> dict[str, pd.DataFrame]:
    """Decode and clean every entry, after learning the corpus's boilerplate.

    Parameters
    ----------
    entries : sequence of RawFile
        From :func:`helpers.io.list_raw`.
    cleaner : Cleaner
        Fitted here on an evenly spaced sample of at most ``FIT_SAMPLE`` articles.
    jobs : int, default=1
        Local worker processes (0: one per core). Ignored when ``scheduler`` is given.
    scheduler : str, distributed.Client or LocalCluster, optional
        Run the batches on a Dask cluster.
    batch_size : int, default=ARTICLES_PER_BATCH
        Articles per batch: what one worker holds at a time, whatever the corpus size.

    Returns
    -------
    dict of DataFrame
        ``articles`` (one row per entry, skipped ones with their ``problem``), ``paragraphs`` and
        ``audit`` (see ``data/processed/README.md``). An entry that cannot be read or decoded, is
        empty, or has no body text left after cleaning is skipped with a message naming the
        problem; the rest of the corpus is processed.
    """
    entries = list(entries)
    jobs = resolve_jobs(jobs)
    step = max(1, len(entries) // FIT_SAMPLE + (len(entries) % FIT_SAMPLE > 0))
    sample = entries[::step]
    batches = in_batches(entries, batch_size)
    with Workers(jobs, scheduler, max_items=len(batches)) as workers:
        # The sample is decoded once, on the workers (a web page's extraction is the slow part),
        # and what was decoded is handed to the cleaning batches instead of being decoded again.
        found = itertools.chain.from_iterable(workers.map(_decode_batch, in_batches(sample, batch_size)))
        decoded = {entry.article_id: result for entry, result in zip(sample, found)}
        cleaner.fit(text for _, text in decoded.values() if text is not None)
        jobs_ = [(cleaner, b, {e.article_id: decoded.pop(e.article_id) for e in b if e.article_id in decoded}) for b in batches]
        results = workers.map(_clean_batch, jobs_)
        del jobs_
    tables = {
        name: pd.concat([r[i] for r in results], ignore_index=True) if results else pd.DataFrame(columns=columns)
        for i, (name, columns) in enumerate((("articles", ARTICLE_COLUMNS), ("paragraphs", PARAGRAPH_COLUMNS), ("audit", AUDIT_COLUMNS)))
    }
    del results
    for name in ("n_lines", "n_nonblank", "n_paragraphs", "n_headings", "n_removed", "page_chars", "outside_chars"):
        tables["articles"][name] = pd.to_numeric(tables["articles"][name], errors="coerce").astype("Int64")
    for name in ("duplicate_of", "position"):
        tables["audit"][name] = tables["audit"][name].astype("Int64")
    for name in ("first_line", "last_line", "position"):
        tables["paragraphs"][name] = tables["paragraphs"][name].astype("int64")
    return {name: _stable(frame) for name, frame in tables.items()}


def removal_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Raw non-blank lines by what cleaning did with them: ``action``, ``role``, ``reason``, ``lines``.

    Reasons are grouped without their details ("learned boilerplate (recurs in 12 articles)"
    counts as "learned boilerplate"); most frequent first.
    """
    lines = audit[audit["action"] != "blank"]
    reasons = lines.assign(reason=lines["reason"].str.replace(r" \(.*", "", regex=True))
    summary = reasons.groupby(["action", "role", "reason"], dropna=False).size().rename("lines").reset_index()
    return summary.sort_values(["lines", "action", "role", "reason"], ascending=[False, True, True, True], kind="stable").reset_index(
        drop=True
    )


# ---------------------------------------------------------------------------------------------
# Measuring


def _sentiment_batch(job: tuple) -> dict[str, pd.DataFrame]:
    """Everything sentiment for a batch of whole articles: ``(paragraphs, scorer, random_state,
    actor_list, mention_tone)``.

    Sentences scored, their per-paragraph aggregates, quote/narration segments with their
    sentiment (a segment's score is the mean compound of its sentences; a paragraph without quotes
    is one narration segment and reuses the paragraph's score), the per-article summary, and the
    actor mentions of the body's sentences with the tone towards each
    (:func:`helpers.measures.actors.score_mentions`; names resolved within each article).
    """
    from helpers.measures.actors import score_mentions

    paragraphs, scorer, random_state, actor_list, mention_tone = job  # actor_list False: no actors (the benchmark's comparison)
    sentences = score_paragraphs(paragraphs, scorer)
    known = dict(zip(sentences["text"], sentences["compound"]))  # a quote's sentences are often

    # sentences already scored
    def score(texts):
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            values = scorer.score(missing) if scorer is not None else [score_sentence(t)["compound"] for t in missing]
            known.update(zip(missing, values))
        return [known[t] for t in texts]

    segments = segment_paragraphs(paragraphs)
    whole = segments.groupby(["article_id", "position"])["segment"].transform("size") == 1
    scores = aggregate_paragraphs(sentences)
    by_paragraph = scores.set_index(["article_id", "position"])["compound"]
    keys = pd.MultiIndex.from_frame(segments[["article_id", "position"]])
    compound = by_paragraph.reindex(keys).to_numpy(dtype=float, copy=True)
    texts = segments["text"].tolist()
    for i in (~whole).to_numpy().nonzero()[0]:
        parts = split_sentences(texts[i])
        compound[i] = float(np.mean(score(parts))) if parts else float("nan")
    # The article's score is over its body's sentences: section headings keep their own scores
    # in the paragraph table but are not text of the article.
    body = paragraphs[paragraphs["kind"] == "body"] if "kind" in paragraphs else paragraphs
    in_body = pd.MultiIndex.from_frame(sentences[["article_id", "position"]]).isin(
        pd.MultiIndex.from_frame(body[["article_id", "position"]])
    )
    return {
        "sentences": sentences,
        "scores": scores,
        "segments": segments.assign(compound=compound),
        "summary": summarise_articles(sentences[in_body], interval=partial(_article_interval, seed=random_state)),
        "mentions": score_mentions(
            sentences[in_body] if actor_list is not False else sentences.iloc[:0], actor_list or None, method=mention_tone
        ),
    }


def _article_interval(compound: np.ndarray, *, seed: int) -> tuple[float, float]:
    """An article's 95% bootstrap interval of its mean sentence score (sentences resampled)."""
    return mean_ci(compound, seed=seed)[1:]


def _sentiment_jobs(
    paragraphs: pd.DataFrame, batch_size: int, scorer, random_state: int, actor_list=None, mention_tone: str = "fast"
) -> Iterator[tuple]:
    """The arguments of :func:`_sentiment_batch`, made one at a time: the paragraphs of
    ``batch_size`` whole articles each."""
    rows = paragraphs.groupby("article_id", sort=False).indices
    for batch in in_batches(list(rows), batch_size):
        yield paragraphs.iloc[np.sort(np.concatenate([rows[a] for a in batch]))], scorer, random_state, actor_list, mention_tone


def _topic_batch(job: tuple[TopicModel, pd.DataFrame]) -> pd.DataFrame:
    model, frame = job
    with threadpool_limits(1):  # one process per core already
        return model.weights_frame(frame)


def measure_corpus(
    paragraphs: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    n_topics: int = 0,
    method: str = "nmf",
    random_state: int = 0,
    jobs: int = 1,
    scheduler=None,
    batch_size: int = ARTICLES_PER_BATCH,
    scorer=None,
    actor_list=None,
    find_actors: bool = True,
    mention_tone: str = "fast",
) -> dict[str, pd.DataFrame]:
    """Sentiment, topics and actors for every paragraph.

    Sentences are scored in batches of whole articles on ``jobs`` local processes or the Dask
    ``scheduler``, while this process fits the topic model on the corpus's articles with their
    headlines (:func:`topic_inputs`; a bounded sample when the corpus is large, see
    :class:`helpers.measures.topics.TopicModel`), its stability refits queued on the same workers; the
    model is then applied to every paragraph, heading and article in batches on the workers (an
    article's topic weights are its own document's; in a corpus fitted on paragraphs, the
    length-weighted mean of its body paragraphs'). Results do
    not depend on ``jobs`` or the scheduler. ``scorer`` (e.g. a fitted
    :class:`helpers.measures.newsscore.NewsScorer`) replaces VADER's compound score of every sentence and
    segment; VADER is the default. ``actor_list`` (:class:`helpers.text.actorlist.ActorList`) adds
    actors and merges aliases; ``mention_tone`` chooses the tone model (``fast`` or ``e5``, see
    :func:`helpers.measures.mention_tone.tone_of_mentions`); ``find_actors=False`` leaves the actor tables empty (the benchmark
    measures what the actors cost). The time of each phase is logged (logger ``helpers.corpus.pipeline``,
    level DEBUG).

    Returns
    -------
    dict of DataFrame
        ``paragraphs`` (with sentiment and topic columns), ``sentences``, ``segments`` (quoted
        speech and narration, with speakers and sentiment; see :mod:`helpers.text.quotes`),
        ``topic_terms``, ``articles`` (with the article-level sentiment summary), and the actor
        tables of :func:`actor_tables`: ``mentions``, ``article_actors``, ``actor_names``.
    """
    # nltk and scikit-learn are imported by the measuring stage only; here, before the local
    # workers fork, so that they inherit them instead of each importing them again.
    from helpers.measures import vader  # noqa: F401
    from helpers.measures.topics import TopicModel, topic_columns

    actor_list = actor_list if find_actors else False
    if find_actors:
        from helpers.measures.actors import prepare

        prepare(mention_tone)
    clock = _PhaseClock()
    batches = max(-(-paragraphs["article_id"].nunique() // batch_size), -(-len(paragraphs) // TOPIC_BATCH))
    with Workers(jobs, scheduler, max_items=batches) as workers:
        jobs_ = _sentiment_jobs(paragraphs, batch_size, scorer, random_state, actor_list, mention_tone)
        collect_sentiment = workers.start(_sentiment_batch, jobs_)
        # The fit runs here, beside the workers, on one BLAS thread: more would fight the workers,
        # and the weights would differ in their last digits with the number of threads.
        with threadpool_limits(1):
            documents, context = topic_inputs(paragraphs, articles)
            # The stability refits run on the workers, queued beside the sentiment batches.
            model = TopicModel(n_topics, method=method, random_state=random_state).fit(documents, context=context, refit_map=workers.map)
        clock.lap("topic fit")
        # Fixed-size batches: NMF's transform stops on a batch-wide tolerance, so the batches must
        # not depend on the number of workers for the weights to be identical on any setup.
        texts = paragraphs[["text"]]
        if documents.attrs["unit"] == "article":  # the articles' own weights, from the same batches
            texts = pd.concat([texts, documents.rename("text").to_frame()], ignore_index=True)
        chunks = ((model, texts.iloc[i : i + TOPIC_BATCH]) for i in range(0, len(texts), TOPIC_BATCH))
        collect_topics = workers.start(_topic_batch, chunks)
        results = collect_sentiment() or [_sentiment_batch((paragraphs, scorer, random_state, actor_list, mention_tone))]
        clock.lap("sentiment collected")
        weights = pd.concat(collect_topics())
        by_article = documents.attrs["unit"] == "article"
        article_topics = weights.iloc[len(paragraphs) :].set_axis(documents.index) if by_article else None
        weights = weights.iloc[: len(paragraphs)]
        clock.lap("topics applied")
    # One table at a time, each batch's part freed once concatenated: the results are never
    # in memory twice.
    tables = {
        name: _stable(pd.concat([r.pop(name) for r in results], ignore_index=True))
        for name in ("sentences", "segments", "scores", "summary", "mentions")
    }
    del results
    measured = paragraphs.merge(tables.pop("scores"), on=["article_id", "position"], how="left")
    measured["n_sentences"] = measured["n_sentences"].fillna(0).astype("int64")
    measured[list(weights.columns)] = weights.set_axis(measured.index)
    articles = articles.merge(tables.pop("summary"), on="article_id", how="left")
    articles["n_sentences"] = articles["n_sentences"].astype("Int64")
    if article_topics is None:  # fitted on paragraphs: an article weighs its paragraphs
        article_topics = _article_topics(measured, topic_columns(model.n_topics_))
    else:
        article_topics = article_topics.rename_axis("article_id").reset_index()
    articles = articles.merge(article_topics, on="article_id", how="left")
    out = {
        "paragraphs": _stable(measured),
        "sentences": tables.pop("sentences"),
        "segments": tables.pop("segments"),
        "topic_terms": model.top_terms(10).assign(fitted_on=f"{documents.attrs['unit']}s"),
        "articles": _stable(articles),
        **actor_tables(tables.pop("mentions"), actor_list or None, random_state=random_state),
    }
    clock.lap("tables merged")
    return out


def actor_intervals(random_state: int = 0) -> Callable:
    """The per-article intervals of the tone towards an actor: the bootstrap of the mean of its
    mentions' tones (:func:`helpers.analysis.stats.category_mean_cis`), the same whatever the partitions."""
    from helpers.measures.mention_tone import CLASSES

    return partial(category_mean_cis, values=CLASSES, seed=random_state)


def actor_tables(mentions: pd.DataFrame, actor_list=None, *, random_state: int = 0) -> dict[str, pd.DataFrame]:
    """The corpus's mentions -> ``mentions`` (with each name's actor across the corpus),
    ``article_actors`` (per article and actor) and ``actors`` (the corpus's names and their actors)."""
    from helpers.measures.actors import actor_names, assign_actors, summarise_actors

    counts = mentions.groupby(["name", "kind"], as_index=False).size().rename(columns={"size": "mentions"})
    names = actor_names(counts, actor_list)
    mentions = assign_actors(mentions, names)
    summary = summarise_actors(mentions, intervals=actor_intervals(random_state))
    return {"mentions": mentions, "article_actors": summary, "actor_names": names}


def topic_inputs(paragraphs: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """What the topic model is fitted on: the documents (:func:`helpers.measures.topics.topic_documents`:
    each article's headline and body paragraphs, or the body paragraphs of a corpus of few
    articles) and the context whose word co-occurrence smooths them (headlines and body paragraphs)."""
    from helpers.measures.topics import fit_inputs

    body = paragraphs.loc[paragraphs["kind"] == "body", ["article_id", "text"]]
    return fit_inputs(body, articles.set_index("article_id")["headline"] if "headline" in articles else None)


class _PhaseClock:
    """Logs the seconds since the previous lap (logger ``helpers.corpus.pipeline``, DEBUG, ``extra`` phase/seconds)."""

    def __init__(self):
        self._last = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        _log.debug("%s: %.3f s", phase, now - self._last, extra={"phase": phase, "seconds": now - self._last})
        self._last = now


def _article_topics(paragraphs: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Each article's topic weights (its body paragraphs' weights, weighted by their length in
    characters; summing to 1) and its dominant ``topic`` (1-based; missing when no body paragraph
    holds a term of the topic vocabulary)."""
    from helpers.measures.topics import article_weights

    body = paragraphs[paragraphs["kind"] == "body"]
    weights = article_weights(body[columns].to_numpy(), body["article_id"].to_numpy(), body["text"].str.len().to_numpy())
    values = weights.to_numpy()
    has_terms = ~np.isnan(values).any(axis=1)
    dominant = np.where(has_terms, np.nan_to_num(values, nan=-1.0).argmax(axis=1) + 1, 0)
    weights["topic"] = pd.array(np.where(has_terms, dominant, pd.NA), dtype="Int64")
    return weights.rename_axis("article_id").reset_index()


def _stable(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort by article and position/line with a stable sort, so reruns write identical tables.

    A frame already in that order (batches of articles taken in order) is not copied.
    """
    keys = [c for c in ("article_id", "position", "sentence", "segment", "line") if c in frame.columns]
    if "line" in keys:
        keys.remove("position")
    if len(frame) < 2 or pd.MultiIndex.from_frame(frame[keys]).is_monotonic_increasing:
        return frame.reset_index(drop=True)
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)
