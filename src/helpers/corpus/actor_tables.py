"""The measuring stage's corpus-wide actor step: every name's mentions counted over the
partitions (DuckDB), the names resolved to actors across the corpus
(:func:`helpers.measures.actors.actor_names`), each partition's mentions given their actors and
summarised per article on the workers, and ``mentions``, ``article_actors`` and ``actor_names``
published."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers import io
from helpers.corpus import store
from helpers.corpus.pipeline import actor_intervals
from helpers.corpus.store import STORE
from helpers.executor import Workers

__all__ = ["publish_actors"]


def _actor_partition(job: tuple) -> None:
    """One partition's mentions with their actors, and its per-article actor summaries, written to the store."""
    from helpers.measures.actors import assign_actors, summarise_actors

    source, target, names_path, random_state = job
    target = Path(target)
    if target.exists():
        return
    mentions = assign_actors(pd.read_parquet(source), _read_names(names_path))
    summary = summarise_actors(mentions, intervals=actor_intervals(random_state))
    store.write_parts(target, {"mentions": mentions, "article_actors": summary})  # both in the corpus order


@lru_cache(maxsize=1)
def _read_names(path: str) -> pd.DataFrame:
    return pd.read_parquet(path)


def publish_actors(processed: Path, parts: list[Path], actor_list, *, random_state: int, workers: Workers) -> list[str]:
    """The corpus-wide step of the actors: every name's mentions counted (DuckDB over the
    partitions' mentions), the names resolved to actors across the corpus
    (:func:`helpers.measures.actors.actor_names`), each partition's mentions and summaries made on
    the workers, and ``mentions``, ``article_actors`` and ``actor_names`` published. Returns the
    store folders used (a partition whose mentions and names are unchanged is not redone)."""
    import duckdb

    from helpers.measures.actors import actor_names

    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit='{store.DUCKDB_MEMORY}'")
        files = [str(p) for p in parts]
        counts = con.execute(
            "SELECT name, kind, count(*) AS mentions FROM read_parquet(?, union_by_name=true) GROUP BY name, kind ORDER BY name, kind",
            [files],
        ).df()
    finally:
        con.close()
    names = actor_names(counts, actor_list)
    names["mentions"] = names["name"].map(counts.groupby("name")["mentions"].sum()).astype("int64")
    names_digest = store.digest(pd.util.hash_pandas_object(names, index=False).values.tobytes())
    # The workers read the names from the store (once per process), not from each job's arguments.
    names_path = processed / STORE / "actor-names" / f"{names_digest}.parquet"
    if not names_path.exists():
        names_path.parent.mkdir(parents=True, exist_ok=True)
        store.write_parquet(names, names_path)
    for old in names_path.parent.glob("*.parquet"):
        if old != names_path:
            old.unlink(missing_ok=True)
    folders = [store.digest(part.parent.name, names_digest) for part in parts]
    jobs = [(str(part), str(store.folder(processed, "actors", f)), str(names_path), random_state) for part, f in zip(parts, folders)]
    workers.start(_actor_partition, iter(jobs))()
    for table in ("mentions", "article_actors"):
        store.publish(
            processed, table, [store.folder(processed, "actors", f) / f"{table}.parquet" for f in folders], csv=table == "article_actors"
        )
    io.write_table(names.sort_values(["mentions", "name"], ascending=[False, True]), "actor_names", folder=processed)
    return folders
