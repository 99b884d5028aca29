"""What the corpus and comparison reports need from the measured tables, without loading them.

The tables are folders of Parquet parts (:mod:`helpers.corpus.partitions`). Counts, means and the cleaning
summary are aggregated over every part by DuckDB, out of core. What needs paragraphs one by one
(sentiment by topic, arcs, word shifts, distinctive terms, example paragraphs) reads the paragraphs
of a sample of whole articles when the corpus has more than :data:`PARAGRAPH_SAMPLE` paragraphs:
the articles with the smallest id hashes (the same sample on any machine), so a report's memory is
bounded whatever the corpus size. The article table itself (one row per article) is read whole:
bootstraps and permutation tests run on it. The actors' tables are aggregated by DuckDB too, and
filtered in SQL to the actors a report shows: per actor, its articles' mention counts and tones (one
row per article and actor, what the cluster bootstrap over articles needs), never the mentions one by one.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.corpus.inputs import id_hash

__all__ = [
    "PARAGRAPH_SAMPLE",
    "Sample",
    "paragraph_counts",
    "topic_means",
    "removal_summary",
    "sample_articles",
    "read_paragraphs",
    "actor_totals",
    "actor_articles",
    "actor_pairs",
    "match_actors",
    "close_actors",
]

PARAGRAPH_SAMPLE = 100_000
"""Most paragraphs a report reads one by one (those of a sample of whole articles beyond this).
About 10,000 news articles' worth: enough for stable quartiles, arcs and word shifts of the
largest groups, and some 100 MB of memory."""


_PARTS = "read_parquet(?, union_by_name = true)"
"""Every part of a table, in DuckDB's SQL (columns matched by name)."""


def _files(processed: Path, table: str) -> list[str]:
    path = Path(processed) / f"{table}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist yet: run `make report` (or the notebook that writes it)")
    return [str(p) for p in sorted(path.glob("*.parquet"))] if path.is_dir() else [str(path)]


def _query(sql: str, files: list[str], *params) -> pd.DataFrame:
    import duckdb

    from helpers.corpus.store import DUCKDB_MEMORY

    con = duckdb.connect()
    try:
        con.execute(f"SET threads TO 2; SET memory_limit = '{DUCKDB_MEMORY}'")
        return con.execute(sql, [files, *params]).df()
    finally:
        con.close()


def paragraph_counts(processed: Path) -> dict[str, int]:
    """Paragraphs by kind (``body``, ``heading``) over the whole corpus."""
    found = _query(f"SELECT kind, count(*)::BIGINT AS n FROM {_PARTS} GROUP BY kind", _files(processed, "paragraphs"))
    return {str(k): int(n) for k, n in zip(found["kind"], found["n"])}


def topic_means(processed: Path, columns: list[str]) -> pd.Series:
    """Each topic's mean weight over the body paragraphs that have topic terms (exact, every paragraph)."""
    if not columns:
        return pd.Series(dtype=float)
    means = ", ".join(f'avg("{c}") AS "{c}"' for c in columns)
    found = _query(
        f'SELECT {means} FROM {_PARTS} WHERE kind = \'body\' AND "{columns[0]}" IS NOT NULL AND NOT isnan("{columns[0]}")',
        _files(processed, "paragraphs"),
    )
    return found.iloc[0].astype(float)


def removal_summary(processed: Path) -> pd.DataFrame:
    """Raw non-blank lines by what cleaning did with them (as :func:`helpers.corpus.pipeline.removal_summary`), over every audit part."""
    found = _query(
        f"SELECT action, role, regexp_replace(reason, ' \\(.*', '') AS reason, count(*)::BIGINT AS lines FROM {_PARTS} "
        "WHERE action <> 'blank' GROUP BY ALL",
        _files(processed, "audit"),
    )
    found = found.sort_values(["lines", "action", "role", "reason"], ascending=[False, True, True, True], kind="stable")
    return found.reset_index(drop=True)


class Sample:
    """The articles whose paragraphs a report reads: all of them, or a sample of whole articles."""

    def __init__(self, ids: set[str] | None, n_articles: int, n_paragraphs: int, total_articles: int, total_paragraphs: int):
        self.ids, self.n_articles, self.n_paragraphs = ids, n_articles, n_paragraphs
        self.total_articles, self.total_paragraphs = total_articles, total_paragraphs

    @property
    def sampled(self) -> bool:
        return self.ids is not None

    def note(self) -> str:
        """What a report says of it ('' when every paragraph is read)."""
        if not self.sampled:
            return ""
        return (
            f"Computed on the paragraphs of a sample of {self.n_articles:,} of the {self.total_articles:,} articles "
            f"({self.n_paragraphs:,} of {self.total_paragraphs:,} paragraphs; the articles with the smallest hashes of their id, "
            f"the same on every run): a report reads at most {PARAGRAPH_SAMPLE:,} paragraphs one by one, whatever the corpus size."
        )


def sample_articles(articles: pd.DataFrame, *, max_paragraphs: int = PARAGRAPH_SAMPLE) -> Sample:
    """The analysed articles whose paragraphs fit in ``max_paragraphs`` (all of them when they do),
    taken in the order of their id hashes. ``articles``: ``article_id``, ``status``, ``n_paragraphs``
    (body paragraphs) and ``n_headings``."""
    ok = articles[articles["status"] == "ok"]
    sizes = ok["n_paragraphs"].fillna(0).astype(int) + ok.get("n_headings", pd.Series(0, index=ok.index)).fillna(0).astype(int)
    total = int(sizes.sum())
    if total <= max_paragraphs:
        return Sample(None, len(ok), total, len(ok), total)
    order = pd.Series([id_hash(a) for a in ok["article_id"]], index=ok.index).sort_values(kind="stable").index
    running = sizes.loc[order].cumsum()
    chosen = running.index[running <= max_paragraphs]
    return Sample(set(ok.loc[chosen, "article_id"]), len(chosen), int(sizes.loc[chosen].sum()), len(ok), total)


def read_paragraphs(processed: Path, sample: Sample, *, columns: list[str] | None = None) -> pd.DataFrame:
    """The paragraphs of the sample's articles (every paragraph when it is not a sample), in corpus order;
    read part by part, so memory holds the result and one part."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    dataset = ds.dataset(_files(processed, "paragraphs"), format="parquet")
    wanted = None if sample.ids is None else pc.field("article_id").isin(sorted(sample.ids))
    return dataset.to_table(columns=columns, filter=wanted).to_pandas()


_ACTORS = "actor IN (SELECT unnest(?::VARCHAR[]))"
"""The rows of the actors given as a parameter (a list of names), in DuckDB's SQL."""


def actor_totals(processed: Path, *, actors: list[str] | None = None, min_mentions: int = 1, limit: int | None = None) -> pd.DataFrame:
    """Per actor over the corpus (``article_actors``' parts): ``actor``, ``kind``, ``group``,
    ``mentions``, ``articles`` and ``tone`` (the mean of its mentions' tones); most mentioned first
    (then by name). Only ``actors`` when given, those with ``min_mentions`` or more, the first ``limit``."""
    where = f"WHERE {_ACTORS}" if actors is not None else ""
    found = _query(
        'SELECT actor, mode(kind) AS kind, mode("group") AS "group", sum(mentions)::BIGINT AS mentions, '
        "count(DISTINCT article_id)::BIGINT AS articles, sum(tone * mentions) / sum(mentions) AS tone "
        f"FROM {_PARTS} {where} GROUP BY actor HAVING sum(mentions) >= ? ORDER BY mentions DESC, actor "
        + ("LIMIT ?" if limit is not None else ""),
        _files(processed, "article_actors"),
        *([list(actors)] if actors is not None else []),
        min_mentions,
        *([limit] if limit is not None else []),
    )
    return found.astype({"mentions": "int64", "articles": "int64", "tone": "float64"})


def actor_articles(processed: Path, actors: list[str]) -> pd.DataFrame:
    """The articles that mention ``actors``: one row per article and actor, ``article_id``, ``actor``,
    ``mentions``, ``tone`` (the mean of its mentions' tones in the article), in corpus order."""
    return _query(
        f"SELECT article_id, actor, mentions, tone FROM {_PARTS} WHERE {_ACTORS}", _files(processed, "article_actors"), list(actors)
    )


def actor_pairs(processed: Path, actors: list[str]) -> pd.DataFrame:
    """How many articles mention each pair of ``actors`` (``a``, ``b``, ``articles``; both orders, and
    ``a == b``: the articles that mention the actor)."""
    return _query(
        f"WITH t AS (SELECT DISTINCT article_id, actor FROM {_PARTS} WHERE {_ACTORS}) "
        "SELECT x.actor AS a, y.actor AS b, count(*)::BIGINT AS articles FROM t x JOIN t y USING (article_id) GROUP BY ALL",
        _files(processed, "article_actors"),
        list(actors),
    )


def match_actors(processed: Path, names: list[str]) -> dict[str, str]:
    """The actors of the corpus that ``names`` name, case aside: lower-cased name -> actor."""
    found = _query(
        f"SELECT DISTINCT actor FROM {_PARTS} WHERE lower(actor) IN (SELECT lower(unnest(?::VARCHAR[])))",
        _files(processed, "article_actors"),
        list(names),
    )
    return {a.lower(): a for a in sorted(found["actor"])}


def close_actors(processed: Path, name: str, *, n: int = 5) -> list[str]:
    """The corpus's actors closest to ``name`` (those that contain it first, then by Jaro-Winkler
    similarity), most mentioned first among equals; at most ``n``."""
    found = _query(
        "SELECT actor, contains(lower(actor), lower(?2)) AS inside, jaro_winkler_similarity(lower(actor), lower(?2)) AS score, "
        "sum(mentions) AS mentions FROM read_parquet(?1, union_by_name = true) GROUP BY actor "
        "HAVING inside OR score >= 0.8 ORDER BY inside DESC, score DESC, mentions DESC, actor LIMIT ?3",
        _files(processed, "article_actors"),
        name,
        n,
    )
    return list(found["actor"])
