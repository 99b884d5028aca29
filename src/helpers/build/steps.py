"""The build: run the stages that are out of date, then the reports, then the index.

See :mod:`helpers.build` for the order of the steps and what makes each one rerun.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from concurrent.futures import as_completed
from pathlib import Path

from helpers import io, paths
from helpers.analysis.params import notebook_parameters
from helpers.build.digests import ARTICLES_INDEX, BUILD, code_digest, digest_of, file_digest, record, stamp_path, up_to_date
from helpers.build.index import write_index, write_last_good_index
from helpers.build.report_pool import report_pool, run_report, warm_kernel
from helpers.build.runner import BuildError, git_commit, list_inputs, run_notebook, versions
from helpers.build.selection import (
    actor_list_digest,
    check_actors,
    check_article_ids,
    check_comparisons,
    check_topic_count,
    select_articles,
)

__all__ = [
    "STAGES",
    "STAGE_TABLES",
    "ARTICLES_DIR",
    "COMPARE_DIR",
    "build",
    "measuring_parameters",
    "build_reports",
    "build_comparison",
    "refresh_comparisons",
    "remove_stale_temporaries",
]

ARTICLES_DIR = paths.ARTICLE_REPORTS
COMPARE_DIR = paths.REPORTS / "compare"
COMPARISONS = BUILD / "comparisons.json"  # each comparison report's sides, by name: what a rebuild reruns
STAGES = ("01_clean", "02_measure")
STAGE_TABLES = {
    "01_clean": ("clean_articles", "clean_paragraphs", "audit"),
    "02_measure": ("articles", "paragraphs", "sentences", "segments", "topic_terms", "mentions", "article_actors", "actor_names"),
}


def _article_digests(processed: Path) -> dict[str, dict]:
    """Per article: status, mean sentiment and a digest of its rows in every measured table (its actors too).

    Read part by part (the tables' parts are the corpus's partitions, in the same order in every
    table), so memory holds one partition's rows at a time, whatever the corpus size.
    """
    import pandas as pd

    actors = _actor_digests(processed)

    names = ("articles", "paragraphs", "sentences", "segments", "audit")
    parts = {n: _parts(processed / f"{n}.parquet") for n in names}
    if len({len(p) for p in parts.values()}) != 1:
        raise BuildError(f"the measured tables in {processed} do not have the same partitions: run `make report FORCE=1`")
    shared = file_digest(processed / "topic_terms.parquet")
    out = {}
    for files in zip(*parts.values()):
        tables = {n: pd.read_parquet(f) for n, f in zip(names, files)}
        rows = {n: _row_hashes(t) for n, t in tables.items()}
        for row in tables["articles"].to_dict("records"):
            aid = row["article_id"]
            digests = [shared] + [rows[n].get(aid, b"") for n in tables]
            mean = row.get("compound_mean")
            out[aid] = {
                "status": row["status"],
                "problem": row["problem"],
                "source": row["source"],
                "sha256": row["sha256"],
                "dateline": row["dateline"],
                "n_paragraphs": None if pd.isna(row["n_paragraphs"]) else int(row["n_paragraphs"]),
                "compound_mean": None if mean is None or pd.isna(mean) else float(mean),
                "digest": digest_of(*digests, *actors.get(aid, ())),
            }
    return out


def _actor_digests(processed: Path) -> dict[str, list[str]]:
    """Per article, a digest of its rows in ``mentions`` and ``article_actors`` (their parts read one
    at a time, whatever their order; an actor resolved differently across the corpus changes them)."""
    import pandas as pd

    out: dict[str, list[str]] = {}
    for name in ("mentions", "article_actors"):
        for part in _parts(processed / f"{name}.parquet"):
            if part.exists():
                for aid, hashes in _row_hashes(pd.read_parquet(part)).items():
                    out.setdefault(aid, []).append(digest_of(name, hashes))
    return out


def _row_hashes(table) -> dict[str, bytes]:
    """Each article's rows of a table, hashed (the bytes of its rows' hashes, in order)."""
    import numpy as np
    import pandas as pd

    if table.empty:
        return {}
    hashes = pd.util.hash_pandas_object(table, index=False).to_numpy()
    codes, uniques = pd.factorize(table["article_id"], sort=False)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    ordered = hashes[order]
    return {aid: ordered[bounds[i] : bounds[i + 1]].tobytes() for i, aid in enumerate(uniques)}


def _parts(table: Path) -> list[Path]:
    """A table's Parquet parts in order (a single file is one part)."""
    return sorted(table.glob("*.parquet")) if table.is_dir() else [table]


def build(*, jobs: int, force: bool, articles_spec: str | None, stage_params: dict[str, dict], compare: str | None = None) -> int:
    """Run the stages that are out of date, then the reports (and the comparison report when
    ``compare`` is given); returns the number of notebooks executed."""
    check_article_ids(articles_spec)
    # The stages' progress bars go to this console (the kernels' standard error), not into the reports.
    os.environ.setdefault("NEWS_TONE_PROGRESS", "console")
    code, executed = code_digest(), 0
    raw_inputs = list_inputs()  # every raw file hashed once: the digest and the provenance
    # Cleaning depends on the raw files and the user's boilerplate patterns.
    inputs = {"01_clean": digest_of(raw_inputs, file_digest(paths.BOILERPLATE_PATTERNS))}
    # Measuring depends on the actor list too (its aliases rename, its patterns find mentions).
    actors_file = stage_params["02_measure"].get("actors_file") or paths.ACTORS
    inputs["02_measure"] = file_digest(Path(actors_file))
    digests = {}
    pool = waiting = None
    kernels: dict[str, object] = {}
    try:
        for stage in STAGES:
            nb_digest = file_digest(paths.NOTEBOOKS / f"{stage}.ipynb")
            # Results do not depend on how many processes computed them, so jobs is not in the digest.
            digests[stage] = digest_of(code, nb_digest, stage_params[stage], inputs.get(stage, ""))
            outputs = [paths.REPORTS / f"{stage}.html", *(paths.PROCESSED / f"{t}.parquet" for t in STAGE_TABLES[stage])]
            stale = force or not up_to_date(stage, digests[stage], outputs)
            if stage == "01_clean" and stale:  # the articles are not known yet: only the column names
                check_comparisons(stage_params["corpus_report"], compare, table=None)
            if stage == "02_measure":  # on this run's cleaning, never an earlier one's
                check_topic_count(stage_params[stage].get("n_topics", 0))
                check_comparisons(stage_params["corpus_report"], compare, table="clean_articles")
            if stale:
                if pool is None:
                    # New tables mean new reports: their workers and kernels start now, and the
                    # measuring stage's kernel too, so that they are ready when their turn comes.
                    # (At most one report per raw file, plus the corpus report.)
                    pool, waiting = report_pool(min(jobs, len(raw_inputs) + 1))
                    kernels = {name: warm_kernel(name) for name in STAGES[STAGES.index(stage) :]}
                    import nbconvert  # noqa: F401  (for rendering, while the kernels start)
                print(f"running {stage} ...", flush=True)
                t0 = time.time()
                try:
                    run_notebook(
                        stage,
                        {"jobs": jobs, **stage_params[stage]},
                        stage,
                        inputs=raw_inputs,
                        progress=sys.stderr.isatty(),  # papermill's bar: cells done, elapsed, ETA
                        kernel=kernels.pop(stage, None),
                    )
                except BuildError as exc:
                    write_last_good_index(failures=[str(exc)])
                    raise
                record(stage, digests[stage])
                executed += 1
                print(f"  {stage} done in {time.time() - t0:.1f} s", flush=True)
            elif kernels.get(stage) is not None:
                kernels.pop(stage).shutdown()  # started for a stage that turned out up to date
            if stage == "01_clean":
                cleaned = [paths.PROCESSED / f"clean_{n}.parquet" for n in ("articles", "paragraphs")]
                inputs["02_measure"] = digest_of(*[io.table_digest(p) for p in cleaned])
        executed += build_reports(
            pool,
            waiting,
            jobs=jobs,
            force=force,
            articles_spec=articles_spec,
            stage_params=stage_params,
            code=code,
            digests=digests,
            raw_inputs=raw_inputs,
            compare=compare,
        )
        if compare:
            executed += build_comparison(compare, stage_params.get("comparison_report", {}), force=force, code=code, raw_inputs=raw_inputs)
        executed += refresh_comparisons(stage_params, skip=compare, force=force, code=code, raw_inputs=raw_inputs)
    finally:
        for kernel in kernels.values():
            if kernel is not None:
                kernel.shutdown()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return executed


def build_reports(
    pool,
    waiting,
    *,
    jobs: int,
    force: bool,
    articles_spec: str | None,
    stage_params: dict,
    code: str,
    digests: dict,
    raw_inputs: list[dict],
    compare: str | None = None,
) -> int:
    """Run the article and corpus reports that are out of date; returns how many ran.

    The comparison parameters (and ``compare``, the comparison report's sides) are checked first
    against this run's articles, so a bad value stops the build before any report notebook runs.

    ``pool``/``waiting``: from :func:`report_pool` when the stages ran, else None (created here
    when a report is out of date).
    """
    from tqdm import tqdm

    executed = 0
    articles = _articles_index(digests["02_measure"], stage_params["02_measure"], raw_inputs)
    check_comparisons(stage_params["corpus_report"], compare)  # this run's articles; the index lists metadata.csv's problems
    check_actors(stage_params)  # the actors named, against this run's actors
    chosen = select_articles(articles_spec, articles)

    report_nb = file_digest(paths.NOTEBOOKS / "article_report.ipynb")
    todo, current = [], {}
    for aid, info in articles.items():
        if info["status"] == "ok":
            params = {"article_id": aid, **stage_params["article_report"]}
            current[aid] = (params, digest_of(code, report_nb, params, info["digest"], actor_list_digest(params)))
    for aid in chosen:
        params, digest = current[aid]
        if force or not up_to_date(f"article_{aid}", digest, [ARTICLES_DIR / f"{aid}.html"]):
            todo.append((aid, params, digest, articles[aid]))
    _remove_stale_reports(current, keep=set(chosen))
    kept = io.built_reports(ARTICLES_DIR)
    reported = sorted(set(chosen) | kept)

    # The corpus report links the article reports; it is told which, so it runs beside them.
    reported_list = io.write_json(reported, BUILD / "reported.json")
    corpus_params = {**stage_params["corpus_report"], "reported_list": str(reported_list)}
    digest = digest_of(
        code,
        file_digest(paths.NOTEBOOKS / "corpus_report.ipynb"),
        stage_params["corpus_report"],
        sorted((a, v["digest"]) for a, v in articles.items()),
        reported,
        file_digest(paths.RAW / io.METADATA_FILE),  # metadata.csv: only the reports that use it rerun
        actor_list_digest(stage_params["corpus_report"]),
    )
    if force or not up_to_date("corpus_report", digest, [paths.REPORTS / "corpus_report.html"]):
        todo.append(("corpus_report", corpus_params, digest, {"inputs": raw_inputs}))
    failures = []
    if todo:
        if pool is None:
            pool, waiting = report_pool(max(1, min(jobs, len(todo))))
        waiting.value = len(todo)
        try:
            with pool:
                futures = {pool.submit(run_report, job): job[0] for job in todo}
                for future in tqdm(as_completed(futures), total=len(futures), desc="reports", unit="report", file=sys.stdout, disable=None):
                    try:
                        future.result()
                    except BuildError as exc:
                        failures.append(str(exc))
                    except Exception as exc:  # noqa: BLE001  (a worker process that died, and the like)
                        failures.append(f"report {futures[future]} stopped: {type(exc).__name__}: {exc}; the previous report is unchanged")
        finally:  # the index links the reports that exist
            write_index(articles, sorted(set(reported) & io.built_reports(ARTICLES_DIR)), failures=failures)
        executed += len(todo)
    else:
        write_index(articles, reported)
    if failures:
        raise BuildError(f"{len(failures)} report(s) failed:\n" + "\n".join(failures))
    return executed


def build_comparison(compare: str, params: dict, *, force: bool, code: str, raw_inputs: list[dict]) -> int:
    """Run ``comparison_report`` for ``compare`` into ``reports/compare/<name>.html`` when out of
    date; returns how many notebooks ran (0 or 1)."""
    from helpers.analysis.metadata import compare_name

    name = compare_name(compare)
    params = {**params, "compare": compare}
    measured = json.loads(ARTICLES_INDEX.read_text())["articles"] if ARTICLES_INDEX.exists() else {}
    digest = digest_of(
        code,
        file_digest(paths.NOTEBOOKS / "comparison_report.ipynb"),
        params,
        sorted((a, v["digest"]) for a, v in measured.items()),
        file_digest(paths.RAW / io.METADATA_FILE),
        actor_list_digest(params),
    )
    target = COMPARE_DIR / f"{name}.html"
    if not force and up_to_date(f"compare_{name}", digest, [target]):
        return 0
    print(f"running comparison_report ({compare}) ...", flush=True)
    try:
        run_notebook("comparison_report", params, f"compare/{name}", title=f"Comparison: {compare}", inputs=raw_inputs)
    finally:
        write_last_good_index()
    record(f"compare_{name}", digest)
    io.write_json({**_comparison_specs(), name: compare}, COMPARISONS)
    return 1


def _comparison_specs() -> dict[str, str]:
    """The sides of each comparison report the build made, by report name (``.build/comparisons.json``)."""
    return io.read_json(COMPARISONS) if COMPARISONS.exists() else {}


def refresh_comparisons(stage_params: dict, *, skip: str | None, force: bool, code: str, raw_inputs: list[dict]) -> int:
    """Bring the comparison reports on disk up to date with this build's tables and ``metadata.csv``.

    Each comparison report the build made is rerun when its inputs changed (its digest), with the
    sides it was asked for (kept in ``.build/comparisons.json``); one whose sides no longer fit the
    data (the group or the period is gone from ``metadata.csv``) is removed, saying why, so that
    the index never links a report made from other metadata. ``skip``: the ``--compare`` of this
    run (already built). Returns how many notebooks ran.
    """
    from helpers.analysis.metadata import compare_name

    specs = _comparison_specs()
    executed, kept = 0, {}
    for name, spec in specs.items():
        target = COMPARE_DIR / f"{name}.html"
        if not target.exists():
            continue  # removed by hand: not brought back
        if skip and name == compare_name(skip):
            kept[name] = spec
            continue
        try:
            check_comparisons(stage_params["corpus_report"], spec)
        except ValueError as exc:
            target.unlink()
            shutil.rmtree(paths.FIGURES / "compare" / name, ignore_errors=True)
            stamp_path(f"compare_{name}").unlink(missing_ok=True)
            print(f"removed reports/compare/{name}.html: its sides ({spec}) no longer fit the data: {exc}", flush=True)
            write_last_good_index()
            continue
        executed += build_comparison(spec, stage_params.get("comparison_report", {}), force=force, code=code, raw_inputs=raw_inputs)
        kept[name] = spec
    if kept != specs:
        io.write_json(kept, COMPARISONS)
    return executed


def measuring_parameters(measure_params: dict) -> dict:
    """The parameters the measured tables were made with, as the manifest records them: the
    measuring notebook's defaults with ``measure_params`` over them, without those that do not
    change the tables (where they are, how many processes)."""
    defaults = {k: v for k, (_, v) in notebook_parameters("02_measure").items()}
    return {k: v for k, v in {**defaults, **measure_params}.items() if k not in ("processed_dir", "jobs", "dask_scheduler")}


def _articles_index(measure_digest: str, measure_params: dict, raw_inputs: list[dict]) -> dict[str, dict]:
    """Per-article digests, recomputed whenever the measured tables changed (tied to their digest).

    Also writes ``data/processed/manifest.json``: inputs, measuring parameters, versions, commit.
    """
    if ARTICLES_INDEX.exists():
        saved = json.loads(ARTICLES_INDEX.read_text())
        if saved.get("measure_digest") == measure_digest:
            return saved["articles"]
    articles = _article_digests(paths.PROCESSED)
    io.write_json(
        {"inputs": raw_inputs, "parameters": measuring_parameters(measure_params), "versions": versions(), "git_commit": git_commit()},
        paths.PROCESSED / io.MANIFEST,
    )
    io.write_json({"measure_digest": measure_digest, "articles": articles}, ARTICLES_INDEX)
    return articles


def _remove_stale_reports(current: dict[str, tuple], *, keep: set[str]) -> None:
    """Delete article reports that were not asked for this time and no longer match their data."""
    if not ARTICLES_DIR.is_dir():
        return
    for html_path in ARTICLES_DIR.glob("*.html"):
        aid = html_path.stem
        if aid in keep:
            continue
        if aid in current and up_to_date(f"article_{aid}", current[aid][1], [html_path]):
            continue  # still right: keep it and link it
        for stale in (html_path, html_path.with_suffix(".ipynb"), stamp_path(f"article_{aid}")):
            stale.unlink(missing_ok=True)


def remove_stale_temporaries() -> None:
    """Delete what a killed run left in ``paths.TMP`` (we hold the lock, so nothing there is live),
    and the kernel socket folders of builds that are gone."""
    from helpers.build.kernels import remove_stale_sockets

    if paths.TMP.is_dir():
        for tmp in paths.TMP.iterdir():
            tmp.unlink(missing_ok=True)
    remove_stale_sockets()
