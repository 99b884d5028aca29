"""The stages on disk: cleaning and measuring in partitions, resumable, for corpora of any size.

A corpus is cut into partitions of about :data:`PARTITION_ARTICLES` whole articles (per-article
files in name order, then each corpus file's rows in file order). A partition ends after an
article whose id hashes to a boundary, so adding articles to a corpus changes only the partitions
they fall into, and no partition holds more than twice the target (:mod:`helpers.corpus.inputs`).

Each partition's work runs on a local process or a Dask worker and writes its own tables to a
store in the output folder (``data/processed/.parts/<step>/<digest>/``), named by the digest of
everything it depends on (its inputs, the fitted cleaner or topic model, the parameters, the code).
A folder is renamed into place when complete, so a run killed at any point, then run again, redoes
only the partitions that have no folder yet; its tables are identical to an uninterrupted run's.
At the end of a stage each table is published as a folder of parts,
``data/processed/<table>.parquet/part-000000.parquet`` ..., one part per partition in corpus order,
which ``pandas.read_parquet("data/processed/<table>.parquet")`` reads as one table.

What the client (this process) holds at any time is bounded: the partitions in flight, the
learning samples (:data:`FIT_SAMPLE` articles for the boilerplate, the topic model's sample), the
set of article-id hashes (about 70 bytes an article in a Python set, to find duplicate ids: 70 MB
for a million articles) and per-partition summaries.
The paragraph and sentence tables are never gathered.
"""

from __future__ import annotations

import hashlib
import heapq
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import io
from helpers.corpus import store
from helpers.corpus.actor_tables import publish_actors
from helpers.corpus.files import Columns
from helpers.corpus.inputs import DEFAULT_COLUMNS, PARTITION_ARTICLES, Partition, id_hash, iter_partitions
from helpers.corpus.pipeline import (
    FIT_SAMPLE,
    _clean_batch,
    _decode_batch,
    _sentiment_batch,
    removal_summary,
)
from helpers.corpus.progress import progress, say
from helpers.corpus.store import STORE
from helpers.executor import Workers
from helpers.io import RawFile
from helpers.text.clean import Cleaner, normalise_key

__all__ = [
    "PARTITION_ARTICLES",
    "TOPIC_SAMPLE",
    "STORE",
    "Partition",
    "CleanSummary",
    "MeasureSummary",
    "iter_partitions",
    "clean_partitions",
    "measure_partitions",
    "text_key",
    "id_hash",
]

TOPIC_SAMPLE = 5000
"""The topic model's vocabulary, count and fit come from at most this many articles, chosen by the
hash of their id (the same sample on any setup; a corpus that grows keeps most of it). It is the
cap the topic model already had (``TopicModel.max_fit_documents``): the validated corpora (BBC,
2,225 articles; the Reuters sample, 500) are fitted whole, so their validation is unchanged, and
the fit with its stability refits takes about 45 s here, at any corpus size."""
CLEAN_TABLES = ("clean_articles", "clean_paragraphs", "audit", "corpus_metadata")
MEASURED_TABLES = ("articles", "paragraphs", "sentences", "segments")
_MANIFEST = "partitions.json"


def text_key(text: str) -> int:
    """A paragraph's text, normalised as cleaning compares blocks, as a signed 64-bit hash (the
    ``text_key`` column: equal for the same paragraph in two articles)."""
    digest = hashlib.blake2b(normalise_key(text).encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _in_order(frame: pd.DataFrame, ranks: dict[str, int]) -> pd.DataFrame:
    """Rows in corpus order (the partition's articles as listed, then position, sentence, segment
    or line), so that one partition and many give the same tables."""
    keys = [c for c in ("position", "sentence", "segment", "line") if c in frame.columns]
    if "line" in keys:
        keys.remove("position")
    order = frame.assign(_rank=frame["article_id"].map(ranks)).sort_values(["_rank", *keys], kind="stable")
    return order.drop(columns="_rank").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Cleaning


@dataclass
class CleanSummary:
    """What the cleaning stage did: counts, the skipped entries and removals by reason (small at any size)."""

    n_articles: int = 0
    n_ok: int = 0
    n_paragraphs: int = 0
    n_nonblank: int = 0
    n_partitions: int = 0
    n_reused: int = 0
    skipped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["article_id", "source", "problem"]))
    removals: pd.DataFrame = field(default_factory=pd.DataFrame)
    seconds: float = 0.0


def _clean_partition(job: tuple) -> dict:
    """Clean one partition and write its tables to the store; returns its summary (small)."""
    cleaner, partition, folder = job
    folder = Path(folder)
    if not folder.exists():
        articles, paragraphs, audit = _clean_batch((cleaner, partition.entries, {}))
        for name in ("n_lines", "n_nonblank", "n_paragraphs", "n_headings", "n_removed", "page_chars", "outside_chars"):
            articles[name] = pd.to_numeric(articles[name], errors="coerce").astype("Int64")
        for name in ("duplicate_of", "position"):
            audit[name] = audit[name].astype("Int64")
        for name in ("first_line", "last_line", "position"):
            paragraphs[name] = paragraphs[name].astype("int64")
        paragraphs["text_key"] = np.array([text_key(t) for t in paragraphs["text"]], dtype="int64")
        ok = articles["status"] == "ok"
        meta = partition.metadata if partition.metadata is not None else pd.DataFrame(columns=["article_id"])
        meta = meta[meta["article_id"].isin(set(articles.loc[ok, "article_id"]))]
        summary = {
            "n_articles": len(articles),
            "n_ok": int(ok.sum()),
            "n_paragraphs": len(paragraphs),
            "n_nonblank": int(articles["n_nonblank"].fillna(0).sum()),
            "skipped": articles.loc[~ok, ["article_id", "source", "problem"]].to_dict("records"),
            "removals": removal_summary(audit).to_dict("records"),
            # The candidates of the topic model's sample: the partition's smallest id hashes.
            "sample": heapq.nsmallest(TOPIC_SAMPLE, ((id_hash(a), a) for a in articles.loc[ok, "article_id"])),
        }
        ranks = {e.article_id: i for i, e in enumerate(partition.entries)}
        store.write_parts(
            folder,
            {
                "clean_articles": _in_order(articles, ranks),
                "clean_paragraphs": _in_order(paragraphs, ranks),
                "audit": _in_order(audit, ranks),
                "corpus_metadata": _in_order(meta, ranks),
            },
            summary,
        )
    summary = store.read_summary(folder)
    summary.pop("sample", None)
    return summary


def _fit_sample(raw_dir: Path, *, max_bytes: int, columns: Columns, size: int, workers: Workers) -> tuple[list, list, int, int]:
    """Decode the boilerplate-learning sample: the :data:`FIT_SAMPLE` readable articles with the
    smallest id hashes (the same on any setup; a growing corpus keeps most of it). Returns the
    texts, their sites (a corpus file's outlet column, a web page's site name; None when unknown),
    the number of articles and the number of partitions (one pass over the input)."""
    heap: list[tuple[int, int, RawFile]] = []  # (-hash, n, entry): the largest hash on top
    n_articles = n_partitions = 0
    for partition in iter_partitions(raw_dir, max_bytes=max_bytes, columns=columns, size=size, digests=False):
        n_partitions += 1
        for entry in partition.entries:
            n_articles += 1
            if entry.path is None and entry.data is None:
                continue
            item = (-id_hash(entry.article_id), n_articles, entry)
            if len(heap) < FIT_SAMPLE:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    sample = [e for _, _, e in sorted(heap, key=lambda t: t[2].article_id)]
    batches = [sample[i : i + 200] for i in range(0, len(sample), 200)]
    decoded = [found for batch in workers.map(_decode_batch, batches) for found in batch]
    texts, sites = [], []
    for entry, (row, text) in zip(sample, decoded):
        if text is not None:
            texts.append(text)
            sites.append(entry.site or row["site_name"] or None)  # a corpus file's outlet, a web page's site
    return texts, sites, n_articles, n_partitions


def clean_partitions(
    raw_dir: Path,
    processed: Path,
    cleaner: Cleaner,
    *,
    max_bytes: int = io.MAX_BYTES,
    columns: Columns = DEFAULT_COLUMNS,
    jobs: int = 1,
    scheduler=None,
    size: int = PARTITION_ARTICLES,
) -> CleanSummary:
    """Clean the raw folder in partitions and publish ``clean_articles``, ``clean_paragraphs``,
    ``audit`` and ``corpus_metadata`` in ``processed``.

    The cleaner learns its boilerplate from a bounded sample (:func:`_fit_sample`), then every
    partition not already in the store is cleaned on the workers (``jobs`` local processes, or the
    Dask ``scheduler``), which write its tables themselves. Paragraphs that recur in several
    articles are counted (``syndication.parquet``: each recurring ``text_key`` with the number of
    articles sharing it).
    """
    started = time.time()
    processed = Path(processed)
    code = store.code_version(store.CLEAN_CODE)
    out = CleanSummary()
    with Workers(jobs, scheduler) as workers:
        say("cleaning: reading the corpus once to choose the boilerplate sample ...")
        texts, sites, total, n_partitions = _fit_sample(raw_dir, max_bytes=max_bytes, columns=columns, size=size, workers=workers)
        say(f"cleaning: {total:,} articles in {n_partitions:,} partitions; learning boilerplate from {len(texts):,} of them")
        cleaner.fit(texts, sites=sites if any(sites) else None)
        del texts, sites
        fitted = store.digest(code, repr(cleaner), sorted(cleaner.learned_.items()), sorted(cleaner.learned_sites_.items()))
        folders: list[Path] = []

        def jobs_() -> Iterator[tuple]:
            for partition in iter_partitions(raw_dir, max_bytes=max_bytes, columns=columns, size=size):
                folder = store.folder(processed, "clean", store.digest(partition.digest, fitted))
                folders.append(folder)
                if folder.exists():
                    out.n_reused += 1
                yield cleaner, partition, str(folder)

        with progress(total, "cleaning") as bar:
            summaries = workers.start(_clean_partition, jobs_(), on_done=lambda s: bar.update(s["n_articles"]))()
    store.collect_garbage(processed, "clean", {f.name for f in folders})
    for table in CLEAN_TABLES:
        store.publish(processed, table, [f / f"{table}.parquet" for f in folders])
    syndication = _count_syndication(sorted((processed / "clean_paragraphs.parquet").glob("*.parquet")))
    io.write_table(syndication, "syndication", folder=processed)
    io.write_json(
        {"clean": [f.name for f in folders], "n_articles": [s["n_articles"] for s in summaries]},
        processed / STORE / _MANIFEST,
    )
    skipped = [row for s in summaries for row in s["skipped"]]
    removals = pd.DataFrame([row for s in summaries for row in s["removals"]], columns=["action", "role", "reason", "lines"])
    removals = removals.groupby(["action", "role", "reason"], dropna=False)["lines"].sum().reset_index()
    out.removals = removals.sort_values(["lines", "action", "role", "reason"], ascending=[False, True, True, True], kind="stable")
    out.removals = out.removals.reset_index(drop=True)
    out.skipped = pd.DataFrame(skipped, columns=["article_id", "source", "problem"])
    out.n_articles = sum(s["n_articles"] for s in summaries)
    out.n_ok = sum(s["n_ok"] for s in summaries)
    out.n_paragraphs = sum(s["n_paragraphs"] for s in summaries)
    out.n_nonblank = sum(s["n_nonblank"] for s in summaries)
    out.n_partitions = len(folders)
    out.seconds = time.time() - started
    assert n_partitions == len(folders), "the raw folder changed while it was being cleaned"
    return out


def _count_syndication(parts: list[Path]) -> pd.DataFrame:
    """Each paragraph text (``text_key``) kept in more than one article, with ``shared_by``: how
    many articles hold it. Aggregated by DuckDB over the parts, out of core."""
    import duckdb

    if not parts:
        return pd.DataFrame({"text_key": pd.Series(dtype="int64"), "shared_by": pd.Series(dtype="int64")})
    con = duckdb.connect()
    try:
        # Bounded memory at any size: beyond it DuckDB spills to disk beside the tables.
        spill = Path(parts[0]).parents[1] / ".duckdb-tmp"
        con.execute(f"SET threads TO 1; SET memory_limit = '{store.DUCKDB_MEMORY}'; SET temp_directory = '{spill}'")
        files = [str(p) for p in parts]
        return con.execute(
            "SELECT text_key, count(DISTINCT article_id)::BIGINT AS shared_by FROM read_parquet(?, union_by_name = true) "
            "GROUP BY text_key HAVING count(DISTINCT article_id) > 1 ORDER BY text_key",
            [files],
        ).df()
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass
class MeasureSummary:
    n_articles: int = 0
    n_paragraphs: int = 0
    n_sentences: int = 0
    n_topics: int = 0
    n_partitions: int = 0
    n_reused: int = 0
    topic_terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    seconds: float = 0.0


def _skipped_note(processed: Path, most: int = 5) -> str:
    """The first ``most`` skipped entries, each with its problem, for an error that says why nothing is left."""
    path = processed / "skipped.parquet"
    if not path.exists():
        return ""
    skipped = pd.read_parquet(path, columns=["source", "problem"])
    if skipped.empty:
        return ""
    named = "; ".join(f"{source}: {problem}" for source, problem in skipped.head(most).itertuples(index=False))
    more = f"; and {len(skipped) - most:,} more" if len(skipped) > most else ""
    return f" Skipped: {named}{more}."


def _manifest(processed: Path) -> dict:
    path = Path(processed) / STORE / _MANIFEST
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist yet: run the cleaning stage (01_clean) first")
    return io.read_json(path)


def _topic_sample(processed: Path, folders: list[Path]) -> tuple[pd.DataFrame, pd.Series, int]:
    """The topic model's sample: the :data:`TOPIC_SAMPLE` cleaned articles with the smallest id
    hashes, as their body paragraphs and headlines; and the number of articles cleaned."""
    heap: list[tuple[int, str]] = []
    n_ok = 0
    for folder in folders:
        summary = store.read_summary(folder)
        n_ok += summary["n_ok"]
        for item in summary["sample"]:
            heap.append(tuple(item))
        heap = heapq.nsmallest(TOPIC_SAMPLE, heap)
    chosen = {a for _, a in heap}
    bodies, heads = [], []
    for folder in folders:
        paragraphs = pd.read_parquet(folder / "clean_paragraphs.parquet", columns=["article_id", "kind", "text"])
        paragraphs = paragraphs[(paragraphs["kind"] == "body") & paragraphs["article_id"].isin(chosen)]
        if len(paragraphs):
            bodies.append(paragraphs[["article_id", "text"]])
            articles = pd.read_parquet(folder / "clean_articles.parquet", columns=["article_id", "headline"])
            heads.append(articles[articles["article_id"].isin(chosen)])
    body = pd.concat(bodies, ignore_index=True) if bodies else pd.DataFrame(columns=["article_id", "text"])
    headlines = pd.concat(heads, ignore_index=True).set_index("article_id")["headline"] if heads else None
    return body, headlines, n_ok


def _measure_partition(job: tuple) -> dict:
    """Sentiment, topics and the syndication count of one cleaned partition, written to the store."""
    from threadpoolctl import threadpool_limits

    from helpers.measures.topics import article_weights, topic_columns, topic_documents

    clean, sentiment_folder, topic_folder, measured_folder, model, unit, scorer, random_state, syndication, actor_list, mention_tone = job
    clean, sentiment_folder, topic_folder, measured_folder = map(Path, (clean, sentiment_folder, topic_folder, measured_folder))
    if not measured_folder.exists():
        paragraphs = pd.read_parquet(clean / "clean_paragraphs.parquet")
        articles = pd.read_parquet(clean / "clean_articles.parquet")
        ranks = {a: i for i, a in enumerate(articles["article_id"])}
        if not sentiment_folder.exists():
            found = _sentiment_batch((paragraphs.drop(columns="text_key"), scorer, random_state, actor_list, mention_tone))
            store.write_parts(sentiment_folder, {name: _in_order(frame, ranks) for name, frame in found.items()})
        if not topic_folder.exists():
            with threadpool_limits(1):
                weights = model.weights_frame(paragraphs[["text"]]) if len(paragraphs) else pd.DataFrame()
                columns = topic_columns(model.n_topics_)
                body = paragraphs.loc[paragraphs["kind"] == "body", ["article_id", "text"]]
                if unit == "article" and len(body):
                    documents = topic_documents(body, articles.set_index("article_id")["headline"], unit="article")
                    own = model.weights_frame(documents.rename("text").to_frame())
                    by_article = own.rename_axis("article_id").reset_index()
                elif len(body):
                    idx = paragraphs.index[paragraphs["kind"] == "body"]
                    values = article_weights(
                        weights.loc[idx, columns].to_numpy(dtype=float), body["article_id"].to_numpy(), body["text"].str.len().to_numpy()
                    )
                    by_article = _dominant(values).rename_axis("article_id").reset_index()
                else:
                    by_article = pd.DataFrame(columns=["article_id", *columns, "topic"])
            store.write_parts(topic_folder, {"paragraph_topics": weights.reset_index(drop=True), "article_topics": by_article})
        scores = pd.read_parquet(sentiment_folder / "scores.parquet")
        summary = pd.read_parquet(sentiment_folder / "summary.parquet")
        weights = pd.read_parquet(topic_folder / "paragraph_topics.parquet")
        by_article = pd.read_parquet(topic_folder / "article_topics.parquet")
        measured = paragraphs.merge(scores, on=["article_id", "position"], how="left")
        measured["n_sentences"] = measured["n_sentences"].fillna(0).astype("int64")
        if len(weights.columns):
            measured[list(weights.columns)] = weights.set_axis(measured.index)
        shared = syndication.reindex(measured["text_key"]).to_numpy()
        measured["shared_by"] = np.where(np.isnan(shared), 1, shared).astype("int64")
        articles = articles.merge(summary, on="article_id", how="left")
        articles["n_sentences"] = articles["n_sentences"].astype("Int64")
        if len(by_article.columns) > 1:
            articles = articles.merge(by_article, on="article_id", how="left")
            if "topic" in articles:
                articles["topic"] = articles["topic"].astype("Int64")
        store.write_parts(
            measured_folder,
            {"paragraphs": _in_order(measured, ranks), "articles": _in_order(articles, ranks)},
            {"n_articles": len(articles), "n_paragraphs": len(measured)},
        )
    out = store.read_summary(measured_folder)
    out["n_sentences"] = store.parquet_rows(sentiment_folder / "sentences.parquet")
    return out


def _dominant(weights: pd.DataFrame) -> pd.DataFrame:
    values = weights.to_numpy()
    has_terms = ~np.isnan(values).any(axis=1)
    dominant = np.where(has_terms, np.nan_to_num(values, nan=-1.0).argmax(axis=1) + 1, 0)
    weights = weights.copy()
    weights["topic"] = pd.array(np.where(has_terms, dominant, pd.NA), dtype="Int64")
    return weights


def measure_partitions(
    processed: Path,
    *,
    n_topics: int = 0,
    method: str = "nmf",
    random_state: int = 0,
    jobs: int = 1,
    scheduler=None,
    scorer=None,
    scorer_name: str = "vader",
    actor_list=None,
    mention_tone: str = "fast",
) -> MeasureSummary:
    """Measure every cleaned partition and publish ``articles``, ``paragraphs``, ``sentences``,
    ``segments``, ``topic_terms`` and the actor tables (``mentions``, ``article_actors``,
    ``actor_names``; :func:`_publish_actors`) in ``processed``.

    The topic model is fitted here on a bounded sample of articles (:data:`TOPIC_SAMPLE`, chosen
    by id hash; its stability refits run on the workers) and kept in the store: a rerun on the same
    sample reuses it. It is refitted when the sample changes: when articles are added to a corpus
    of fewer than :data:`TOPIC_SAMPLE` articles (all of them are the sample), or when a new
    article's id hash falls among the sample's (about ``new * 5000 / corpus`` articles of the
    sample change). A new model redoes every partition's topic weights, not its sentiment.
    """
    import pickle

    from threadpoolctl import threadpool_limits

    from helpers.measures import vader  # noqa: F401  (imported before the workers fork)
    from helpers.measures.actors import prepare

    prepare(mention_tone)  # the gazetteer, names and tone model, loaded before the workers fork
    from helpers.measures.topics import MIN_ARTICLE_UNITS, TopicModel

    started = time.time()
    processed = Path(processed)
    code = store.code_version(store.MEASURE_CODE)
    manifest = _manifest(processed)
    folders = [store.folder(processed, "clean", d) for d in manifest["clean"]]
    missing = [f for f in folders if not f.exists()]
    if missing:
        raise FileNotFoundError(f"the cleaned partitions {missing[0]} ... are missing: run the cleaning stage (01_clean) again")
    syndication = pd.read_parquet(processed / "syndication.parquet").set_index("text_key")["shared_by"].astype(float)
    out = MeasureSummary()
    with Workers(jobs, scheduler) as workers:
        body, headlines, n_ok = _topic_sample(processed, folders)
        unit = "paragraph" if n_ok < MIN_ARTICLE_UNITS else "article"
        from helpers.measures.topics import fit_inputs

        documents, context = fit_inputs(body, headlines)  # the sample holds 20 articles or more when the corpus does
        if len(documents) < 2:
            raise ValueError(
                f"the corpus holds {n_ok} article(s) with body text after cleaning, {len(body)} body paragraph(s) in all; "
                f"the topic model needs at least 2 documents.{_skipped_note(processed)} What was skipped, and why, is in "
                f"{processed / 'skipped.csv'} and in the cleaning report (reports/01_clean.html)"
            )
        model_digest = store.digest(code, n_topics, method, random_state, pd.util.hash_pandas_object(documents).values.tobytes(), unit)
        model_path = processed / STORE / "topics-model" / f"{model_digest}.pickle"
        if model_path.exists():
            model = pickle.loads(model_path.read_bytes())
        else:
            started_fit = time.time()
            say(f"topic model: fitting on {len(documents):,} {unit}s (with its stability refits on the workers) ...")
            with threadpool_limits(1):
                model = TopicModel(n_topics, method=method, random_state=random_state).fit(
                    documents, context=context, refit_map=workers.map
                )
            say(f"topic model: {model.n_topics_} topics, fitted in {time.time() - started_fit:.0f} s")
            with io.atomic_write(model_path) as handle:
                handle.write(pickle.dumps(model))
            for old in model_path.parent.glob("*.pickle"):  # earlier models: no stored partition uses them now
                if old != model_path:
                    old.unlink(missing_ok=True)
        del body, headlines, documents, context
        # The scorer itself, not only its name: a news scorer trained on other ratings scores anew.
        scoring = store.digest(
            code,
            scorer_name,
            random_state,
            hashlib.sha256(pickle.dumps(scorer)).hexdigest() if scorer else "",
            actor_list.digest_text() if actor_list else "",
            mention_tone,
        )
        names: dict[str, list[str]] = {"sentiment": [], "topics": [], "measured": []}

        def jobs_() -> Iterator[tuple]:
            for folder in folders:
                keys = pd.read_parquet(folder / "clean_paragraphs.parquet", columns=["text_key"])["text_key"]
                shared = syndication.reindex(pd.unique(keys)).dropna()  # a hash lookup per key: linear in the corpus
                s = store.digest(folder.name, scoring)
                t = store.digest(folder.name, model_digest)
                # Its own paragraphs' counts only: a new article redoes the partitions that share its paragraphs.
                m = store.digest(s, t, pd.util.hash_pandas_object(shared.sort_index()).values.tobytes())
                for step, name in (("sentiment", s), ("topics", t), ("measured", m)):
                    names[step].append(name)
                target = store.folder(processed, "measured", m)
                if target.exists():
                    out.n_reused += 1
                yield (
                    str(folder),
                    str(store.folder(processed, "sentiment", s)),
                    str(store.folder(processed, "topics", t)),
                    str(target),
                    model,
                    unit,
                    scorer,
                    random_state,
                    shared,
                    actor_list,
                    mention_tone,
                )

        total = sum(manifest["n_articles"])
        with progress(total, "measuring") as bar:
            summaries = workers.start(_measure_partition, jobs_(), on_done=lambda s: bar.update(s["n_articles"]))()
        mention_parts = [store.folder(processed, "sentiment", n) / "mentions.parquet" for n in names["sentiment"]]
        names["actors"] = publish_actors(processed, mention_parts, actor_list, random_state=random_state, workers=workers)
    for step, kept in names.items():
        store.collect_garbage(processed, step, set(kept))
    stores = {
        "articles": [store.folder(processed, "measured", n) / "articles.parquet" for n in names["measured"]],
        "paragraphs": [store.folder(processed, "measured", n) / "paragraphs.parquet" for n in names["measured"]],
        "sentences": [store.folder(processed, "sentiment", n) / "sentences.parquet" for n in names["sentiment"]],
        "segments": [store.folder(processed, "sentiment", n) / "segments.parquet" for n in names["sentiment"]],
    }
    for table, parts in stores.items():
        store.publish(processed, table, parts, csv=table == "paragraphs")
    out.topic_terms = model.top_terms(10).assign(fitted_on=f"{unit}s")
    io.write_table(out.topic_terms, "topic_terms", folder=processed)
    out.n_articles = sum(s["n_articles"] for s in summaries)
    out.n_paragraphs = sum(s["n_paragraphs"] for s in summaries)
    out.n_sentences = sum(s["n_sentences"] for s in summaries)
    out.n_topics = model.n_topics_
    out.n_partitions = len(folders)
    out.seconds = time.time() - started
    return out
