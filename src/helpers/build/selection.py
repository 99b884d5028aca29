"""Which articles get reports (``--articles``), and the checks that need the corpus (run before
the notebook they concern): the rules of :mod:`helpers.analysis.params`, made with the corpus's
counts and columns, checked by :func:`helpers.analysis.params.check`."""

from __future__ import annotations

import fnmatch

from helpers import io, paths
from helpers.analysis.params import between, check, column_of
from helpers.build.digests import BUILD, code_digest, digest_of, file_digest

__all__ = [
    "DEFAULT_MAX_REPORTS",
    "COMPARISON_PARAMETERS",
    "select_articles",
    "check_article_ids",
    "check_topic_count",
    "check_comparisons",
    "check_actors",
    "actor_list_digest",
]

DEFAULT_MAX_REPORTS = 50


def select_articles(spec: str | None, articles: dict[str, dict]) -> list[str]:
    """Article ids to report on.

    ``spec``: ``None`` (default: all when the corpus has at most 50 usable articles, else none),
    ``"all"``, ``"none"``, ``"positive:N"`` / ``"negative:N"`` (the N most positive/negative by
    mean sentence sentiment), or ids and glob patterns separated by commas or spaces.
    Unknown ids raise ``ValueError`` naming them.
    """
    ok = sorted(a for a, info in articles.items() if info["status"] == "ok")
    if spec is None:
        return ok if len(ok) <= DEFAULT_MAX_REPORTS else []
    spec = spec.strip()
    if spec in ("all", ""):
        return ok
    if spec == "none":
        return []
    for sign in ("positive", "negative"):
        if spec.startswith(sign + ":"):
            try:
                n = int(spec.split(":", 1)[1])
                if n < 1:
                    raise ValueError
            except ValueError:
                raise ValueError(f"--articles {spec!r}: expected {sign}:N with a positive whole number N") from None
            ranked = sorted(ok, key=lambda a: (articles[a]["compound_mean"], a), reverse=sign == "positive")
            return sorted(ranked[:n])
    chosen: set[str] = set()
    for item in spec.replace(",", " ").split():
        matches = fnmatch.filter(ok, item) if any(c in item for c in "*?[") else [item] if item in ok else []
        if not matches:
            known = ", ".join(ok[:5]) + (" ..." if len(ok) > 5 else "")
            problem = articles.get(item, {}).get("problem")
            raise ValueError(f"--articles: {item!r} " + (f"was skipped ({problem})" if problem else f"matches no article (known: {known})"))
        chosen.update(matches)
    return sorted(chosen)


def check_article_ids(spec: str | None) -> None:
    """Fail before any notebook runs when ``--articles`` names an id that has no file in data/raw."""
    if not spec or spec.strip() in ("all", "none") or spec.startswith(("positive:", "negative:")):
        return
    ids = {e.article_id for e in io.list_raw(paths.RAW)} if paths.RAW.is_dir() else set()
    for item in spec.replace(",", " ").split():
        if not any(c in item for c in "*?[") and item not in ids:
            raise ValueError(f"--articles: {item!r} matches no article (no file {item}.txt or {item}.html in {paths.RAW})")


def check_topic_count(n_topics: int) -> None:
    """Fail before the measuring notebook runs when n_topics exceeds the documents the topic model
    is fitted on: the articles with body text, or the body paragraphs when there are fewer than
    :data:`helpers.measures.topics.MIN_ARTICLE_UNITS` articles (:func:`helpers.measures.topics.topic_documents`).

    The paragraphs are counted in the cleaned table, so this runs before any notebook when the
    cleaning is up to date, and right after cleaning otherwise.
    """
    if not n_topics or not (paths.PROCESSED / "clean_articles.parquet").exists():
        return
    from helpers.measures.topics import MIN_ARTICLE_UNITS  # scikit-learn: imported only when a count is set

    # One row per article (status, body paragraphs): small at any corpus size.
    articles = io.read_table("clean_articles", folder=paths.PROCESSED, columns=["status", "n_paragraphs"])
    body = articles.loc[articles["status"] == "ok", "n_paragraphs"].fillna(0)
    n_articles = int((body > 0).sum())
    n_units, unit = (n_articles, "articles with body text") if n_articles >= MIN_ARTICLE_UNITS else (int(body.sum()), "body paragraphs")
    check({"n_topics": n_topics}, {"n_topics": (between(1, n_units, f"between 1 and the number of {unit} ({n_units})"),)})


COMPARISON_PARAMETERS = ("group_by", "date_column", "time_unit", "compare")
METADATA_STATE = BUILD / "metadata.json"
"""The problems found in metadata.csv by the last build, with the digest of what they came from."""


def check_comparisons(report_params: dict, compare: str | None = None, *, table: str | None = "articles") -> list[str]:
    """Check the comparison parameters (``group_by``, ``date_column``, ``time_unit``, ``compare``, and
    ``--compare``) against ``data/raw/metadata.csv`` joined to ``table`` (``articles``, or
    ``clean_articles`` before measuring), and return the problems found in metadata.csv (also kept
    in ``data/processed/.build/metadata.json`` for the index, from ``articles`` only).

    With ``table`` None or not there yet, only the names of ``group_by`` and ``date_column`` are
    checked (against metadata.csv's and the corpus files' columns): the build does this before
    cleaning, checks the values on this run's ``clean_articles`` before measuring, and checks again
    on the articles after measuring, so a parameter is never checked against an earlier run's
    tables. The problems are read back from the state file when neither the metadata, the
    articles nor the helpers' code changed, so an up-to-date build reads no table.
    """
    wanted = {k: report_params.get(k, "") for k in COMPARISON_PARAMETERS}
    path = paths.PROCESSED / f"{table}.parquet" if table else None
    if path is None or not path.exists():
        _check_names(wanted)
        return []
    if table != "articles":
        if any(wanted.values()) or compare:
            _check_values(io.read_table(table, folder=paths.PROCESSED), wanted, compare)
        return []
    state = digest_of(file_digest(paths.RAW / io.METADATA_FILE), file_digest(path), code_digest())
    saved = io.read_json(METADATA_STATE) if METADATA_STATE.exists() else {}
    if saved.get("digest") == state and not any(wanted.values()) and not compare:
        return saved["problems"]
    meta = _check_values(io.read_table(table, folder=paths.PROCESSED), wanted, compare)
    problems = meta.problems if meta else []
    if saved.get("digest") != state:
        io.write_json({"digest": state, "problems": problems}, METADATA_STATE)
    return problems


def _check_values(articles, wanted: dict, compare: str | None):
    """The comparison parameters checked against ``articles`` joined to the metadata; the metadata checked."""
    from helpers.analysis import metadata  # pandas: only when the metadata or the articles changed, or parameters are given

    joined, meta = metadata.load(articles)
    metadata.check_parameters(joined, meta, **wanted)
    if compare:
        metadata.check_parameters(joined, meta, **{**wanted, "compare": compare})
    return meta


def _check_names(wanted: dict) -> None:
    """Before the first measuring: ``group_by`` and ``date_column`` must at least name a column of
    metadata.csv or one the articles carry (their values are checked once this run has cleaned the articles)."""
    if not (wanted["group_by"] or wanted["date_column"]):
        return
    from helpers.analysis import metadata
    from helpers.corpus import files as corpusfiles

    try:
        raw = io.read_metadata(paths.RAW)
    except ValueError:
        raw = None  # reported with the other problems after measuring
    names = metadata.column_names(raw) if raw is not None else list(metadata.CARRIED)
    import pandas as pd

    for path in io.list_corpus_files(paths.RAW):  # their columns are metadata too, named as prepare() names them
        names += [n for n in metadata.column_names(pd.DataFrame(columns=corpusfiles.metadata_names(path))) if n not in names]
    rule = column_of(names, "name a column of metadata.csv, of the corpus files or one the articles carry", none="none")
    check({key: wanted[key] for key in ("group_by", "date_column")}, {"group_by": (rule,), "date_column": (rule,)})


ACTOR_REPORTS = ("article_report", "corpus_report", "comparison_report")


def check_actors(stage_params: dict[str, dict]) -> None:
    """Fail before any report runs when a report's ``actors`` names an actor the measured corpus does
    not hold (the message names the closest ones: :func:`helpers.report.actors.select_actors`)."""
    given = {p.get("actors", "") for name, p in stage_params.items() if name in ACTOR_REPORTS} - {""}
    if not given or not (paths.PROCESSED / "article_actors.parquet").exists():
        return
    from helpers.report.actors import select_actors  # pandas and DuckDB: only when actors are named

    for actors in sorted(given):
        select_actors(actors, paths.PROCESSED)


def actor_list_digest(report_params: dict) -> str:
    """The digest of the actor-list CSV a report's ``actors`` names ('' when it names none), so that
    editing the list reruns the reports that show it."""
    actors = str(report_params.get("actors", "")).strip()
    if not actors.lower().endswith(".csv"):
        return ""
    from pathlib import Path

    path = Path(actors)
    return file_digest(path if path.is_absolute() or path.exists() else paths.ROOT / path)
