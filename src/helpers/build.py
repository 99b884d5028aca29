"""The ``make report`` command: run the notebooks with papermill and publish HTML reports.

Stages, each a parameterised notebook executed in its own process by papermill, then rendered to
self-contained HTML without code (:func:`helpers.htmlreport.render_report`):

1. ``01_clean``  -> data/processed/clean_*.parquet, audit.parquet     reports/01_clean.html
2. ``02_measure`` -> data/processed/{paragraphs,sentences,topic_terms,articles}.parquet
                                                                      reports/02_measure.html
3. ``article_report`` per article (in parallel, ``--jobs``)           reports/articles/<id>.html
4. ``corpus_report`` (after the article reports, which it links)     reports/corpus_report.html
5. reports/index.html, linking everything and listing skipped files.

Incremental: each run records a digest of what it depends on (notebook, helpers code,
parameters, input data) in ``data/processed/.build/``; a stage whose digest is unchanged is not
rerun. Cleaning and the topic model depend on the whole corpus (boilerplate is learned across
articles, topics are fitted on all paragraphs), so any change to an article reruns stages 1-2;
an article's report reruns only when its own rows of the measured tables, the topic terms, the
report notebook, the helpers code or its parameters changed.

Kernels: when a stage runs, the kernels of the next stages and of the report workers are started
at once, with their notebooks' imports done before the notebooks run (:mod:`helpers.kernels`); the
report workers warm up at a lower priority, so the stages keep the CPU they need.

Outputs are written to a temporary name and renamed into place; a failed notebook leaves the
previous report in place, keeps the failed executed notebook in ``reports/failed/`` and makes the
command exit non-zero naming the notebook, the cell and the error.
"""

from __future__ import annotations

import argparse
import fcntl
import fnmatch
import hashlib
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from . import io, paths
from .params import notebook_parameters, parse_overrides

__all__ = ["main", "BuildError", "select_articles"]

BUILD = paths.PROCESSED / ".build"
ARTICLES_DIR = paths.ARTICLE_REPORTS
FAILED_DIR = paths.REPORTS / "failed"
STAGES = ("01_clean", "02_measure")
STAGE_TABLES = {
    "01_clean": ("clean_articles", "clean_paragraphs", "audit"),
    "02_measure": ("articles", "paragraphs", "sentences", "segments", "topic_terms"),
}
DEFAULT_MAX_REPORTS = 50


CELL_TIMEOUT = 3600
"""Seconds one notebook cell may run before the build stops it (a hung kernel, a runaway loop)."""


class BuildError(RuntimeError):
    """A stage failed; the message names the notebook, the cell and the error."""


# ---------------------------------------------------------------------------------------------
# Digests


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else json.dumps(part, sort_keys=True).encode())
        h.update(b"\0")
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).exists() else "missing"


def _code_digest() -> str:
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return _digest(*[[str(p.relative_to(package)), _file_digest(p)] for p in files])


def _stamp(name: str) -> Path:
    return BUILD / f"{name}.digest"


def _up_to_date(name: str, digest: str, outputs: list[Path]) -> bool:
    stamp = _stamp(name)
    return stamp.exists() and stamp.read_text() == digest and all(p.exists() for p in outputs)


def _record(name: str, digest: str) -> None:
    from .io import atomic_write

    with atomic_write(_stamp(name)) as handle:
        handle.write(digest.encode())


# ---------------------------------------------------------------------------------------------
# Running one notebook


def run_notebook(
    notebook: str,
    parameters: dict,
    out_stem: str,
    *,
    title: str | None = None,
    inputs: list[dict] | None = None,
    progress: bool = False,
    kernel=None,
    timeout: int | None = CELL_TIMEOUT,
) -> Path:
    """Execute ``notebooks/<notebook>.ipynb`` with papermill and publish ``reports/<out_stem>.html``.

    The executed notebook is kept beside the HTML. On failure it goes to ``reports/failed/`` and
    :class:`BuildError` names the cell and the error; the previous HTML stays in place.
    ``kernel``: a :class:`helpers.kernels.WarmKernel` started for this notebook (shut down here),
    or None for papermill to start one.
    """
    import nbformat
    import papermill as pm

    from .htmlreport import render_report
    from .io import atomic_write

    source = paths.NOTEBOOKS / f"{notebook}.ipynb"
    html_path = paths.REPORTS / f"{out_stem}.html"
    tmp = paths.TMP / f"{out_stem.replace('/', '__')}.{os.getpid()}.ipynb"
    started = time.time()
    try:
        if kernel is None:  # our own kernel rather than papermill's (IPC, headless)
            from .kernels import WarmKernel

            kernel = WarmKernel(source, warm=False)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=parameters,
            progress_bar=progress,
            cwd=str(paths.NOTEBOOKS),
            log_output=False,
            km=kernel.km if kernel else None,
            execution_timeout=timeout,
        )
    except pm.PapermillExecutionError as exc:
        raise _failed(tmp, source, out_stem, f"failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
    except Exception as exc:  # a dead kernel, a cell over the time limit, a kernel that did not start
        what = (
            f"stopped: a cell ran longer than {timeout} s (the cell time limit)"
            if "Timeout" in type(exc).__name__
            else f"stopped: {type(exc).__name__}: {exc}"
        )
        raise _failed(tmp, source, out_stem, what) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if kernel is not None:
            kernel.shutdown()
    finished = time.time()
    try:
        nb = nbformat.read(tmp, as_version=4)
        provenance = {
            "title": title or nb.metadata.get("title"),
            "command": " ".join(["python -m helpers.build", *sys.argv[1:]]),
            "git_commit": _git_commit(),
            "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
            "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(finished)),
            "duration_s": round(finished - started, 1),
            "parameters": parameters,
            "inputs": inputs if inputs is not None else _inputs(),
            "versions": _versions(),
        }
        page = render_report(nb, provenance=provenance)
    except Exception as exc:  # noqa: BLE001  (rendering: nbconvert, the template, the figures)
        raise _failed(tmp, source, out_stem, f"ran, but its HTML could not be rendered: {type(exc).__name__}: {exc}") from None
    with atomic_write(html_path) as handle:
        handle.write(page.encode("utf-8"))
    os.replace(tmp, html_path.with_suffix(".ipynb"))
    return html_path


def _failed(tmp: Path, source: Path, out_stem: str, what: str) -> BuildError:
    """The error for a notebook run that failed; its executed notebook, if any, goes to reports/failed/."""
    kept = ""
    if tmp.exists():
        failed = FAILED_DIR / f"{out_stem.replace('/', '__')}.ipynb"
        failed.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, failed)
        kept = f"the executed notebook is kept at {failed}; "
    return BuildError(f"notebook {source.name} ({out_stem}) {what}\n  {kept}the previous report is unchanged")


# A report worker process keeps one kernel started ahead for its next report (either notebook),
# and starts another while it runs a report only when reports are still waiting for a worker.
_worker_kernel = None
_reports_waiting = None
_report_workers = 1


def _warm_report_kernel():
    """A kernel for whichever report comes next: the article report's imports and the corpus report's."""
    return _warm_kernel("article_report", also="corpus_report")


def _init_report_worker(waiting, workers: int) -> None:
    """Pool initializer: start this worker's first kernel, and import what rendering needs.

    The worker runs at a lower priority (``nice`` +5, inherited by its kernels): while the stages
    still run, its warming up takes only the CPU they leave. Kernels left are shut down when the
    worker exits.
    """
    global _worker_kernel, _reports_waiting, _report_workers
    from multiprocessing.util import Finalize

    os.nice(5)
    _reports_waiting, _report_workers = waiting, workers
    _worker_kernel = _warm_report_kernel()
    Finalize(None, lambda: _worker_kernel and _worker_kernel.shutdown(), exitpriority=10)
    import nbconvert  # noqa: F401  (imported now rather than when the first report is rendered)
    import papermill  # noqa: F401


def _run_report(job: tuple[str, dict, str, dict]) -> str:
    """Run one report in a worker process: an article's (``info`` from the articles index) or the corpus's."""
    global _worker_kernel
    name, parameters, digest, info = job
    kernel, _worker_kernel = _worker_kernel, None
    try:
        if _reports_waiting is not None:
            with _reports_waiting.get_lock():
                _reports_waiting.value -= 1
                # The other workers hold a kernel each for the next reports; one more is needed
                # only when more reports wait than they can take.
                more = _reports_waiting.value >= _report_workers
            if more:
                _worker_kernel = _warm_report_kernel()
        if name == "corpus_report":
            run_notebook("corpus_report", parameters, "corpus_report", inputs=info["inputs"], kernel=kernel)
        else:
            run_notebook(
                "article_report",
                parameters,
                f"articles/{name}",
                title=f"Article report: {name}",
                inputs=[{"file": f"data/raw/{info['source']}", "sha256": info["sha256"]}],
                kernel=kernel,
            )
    except BaseException:
        if kernel is not None:
            kernel.shutdown()  # (again, if run_notebook did: it does nothing then)
        raise
    _record("corpus_report" if name == "corpus_report" else f"article_{name}", digest)
    return name


def _report_pool(jobs: int):
    """A pool of ``jobs`` report workers, started now, each with a kernel warming up.

    Returns the pool and the shared count of reports not yet taken by a worker (set it once the
    reports are known).
    """
    import multiprocessing

    waiting = multiprocessing.Value("i", 1 << 30)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_report_worker, initargs=(waiting, jobs))
    for _ in range(jobs):
        pool.submit(int)  # starts the workers (and their kernels) now
    return pool, waiting


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(paths.ROOT), "describe", "--always", "--dirty", "--abbrev=12"], capture_output=True, text=True, timeout=10
        )
        return out.stdout.strip() or "unknown (not a git checkout)"
    except (OSError, subprocess.SubprocessError):
        return "unknown (git not available)"


def _inputs() -> list[dict]:
    """Each entry of data/raw: its SHA-256, or why it is skipped (what cleaning depends on)."""
    return [io.input_record(e) for e in io.list_raw()]


def _folder_inputs(parameters: dict) -> list[dict]:
    """Inputs of a notebook run on its own: one digest per folder it was given (all files inside)."""
    out = []
    for value in parameters.values():
        folder = Path(str(value))
        if str(value) and folder.is_dir():
            files = sorted(p for p in folder.rglob("*") if p.is_file())
            digest = _digest(*[[str(p.relative_to(folder)), _file_digest(p)] for p in files])
            out.append({"file": f"{folder}/ ({len(files)} files; SHA-256 of their names and hashes)", "sha256": digest})
    return out


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for name in (
        "helpers",
        "pandas",
        "numpy",
        "nltk",
        "vaderSentiment",
        "scikit-learn",
        "matplotlib",
        "papermill",
        "nbconvert",
        "pyarrow",
        "ftfy",
    ):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


# ---------------------------------------------------------------------------------------------
# Choosing articles


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


# ---------------------------------------------------------------------------------------------
# The command


def _article_digests(processed: Path) -> dict[str, dict]:
    """Per article: status, mean sentiment and a digest of its rows in every measured table."""
    import pandas as pd

    tables = {n: pd.read_parquet(processed / f"{n}.parquet") for n in ("articles", "paragraphs", "sentences", "segments", "audit")}
    shared = _file_digest(processed / "topic_terms.parquet")
    groups = {n: dict(tuple(t.groupby("article_id", sort=False))) for n, t in tables.items()}
    out = {}
    for row in tables["articles"].to_dict("records"):
        aid = row["article_id"]
        parts = [shared] + [
            pd.util.hash_pandas_object(groups[n][aid], index=False).values.tobytes() if aid in groups[n] else b"" for n in tables
        ]
        mean = row.get("compound_mean")
        out[aid] = {
            "status": row["status"],
            "problem": row["problem"],
            "source": row["source"],
            "sha256": row["sha256"],
            "dateline": row["dateline"],
            "n_paragraphs": None if pd.isna(row["n_paragraphs"]) else int(row["n_paragraphs"]),
            "compound_mean": None if mean is None or pd.isna(mean) else float(mean),
            "digest": _digest(*parts),
        }
    return out


def build(*, jobs: int, force: bool, articles_spec: str | None, stage_params: dict[str, dict]) -> int:
    """Run the stages that are out of date; returns the number of notebooks executed."""
    _check_article_ids(articles_spec)
    code, executed = _code_digest(), 0
    raw_inputs = _inputs()  # every raw file hashed once: the digest and the provenance
    # Cleaning depends on the raw files and the user's boilerplate patterns.
    inputs = {"01_clean": _digest(raw_inputs, _file_digest(paths.BOILERPLATE_PATTERNS))}
    digests = {}
    pool = waiting = None
    kernels: dict[str, object] = {}
    try:
        for stage in STAGES:
            nb_digest = _file_digest(paths.NOTEBOOKS / f"{stage}.ipynb")
            # Results do not depend on how many processes computed them, so jobs is not in the digest.
            digests[stage] = _digest(code, nb_digest, stage_params[stage], inputs.get(stage, ""))
            outputs = [paths.REPORTS / f"{stage}.html", *(paths.PROCESSED / f"{t}.parquet" for t in STAGE_TABLES[stage])]
            if stage == "02_measure":  # on this run's cleaning, never an earlier one's
                _check_topic_count(stage_params[stage].get("n_topics", 0))
            if force or not _up_to_date(stage, digests[stage], outputs):
                if pool is None:
                    # New tables mean new reports: their workers and kernels start now, and the
                    # measuring stage's kernel too, so that they are ready when their turn comes.
                    # (At most one report per raw file, plus the corpus report.)
                    pool, waiting = _report_pool(min(jobs, len(raw_inputs) + 1))
                    kernels = {name: _warm_kernel(name) for name in STAGES[STAGES.index(stage) :]}
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
                    _write_last_good_index(failures=[str(exc)])
                    raise
                _record(stage, digests[stage])
                executed += 1
                print(f"  {stage} done in {time.time() - t0:.1f} s", flush=True)
            elif kernels.get(stage) is not None:
                kernels.pop(stage).shutdown()  # started for a stage that turned out up to date
            if stage == "01_clean":
                inputs["02_measure"] = _digest(*[_file_digest(paths.PROCESSED / f"clean_{n}.parquet") for n in ("articles", "paragraphs")])
        executed += _build_reports(
            pool,
            waiting,
            jobs=jobs,
            force=force,
            articles_spec=articles_spec,
            stage_params=stage_params,
            code=code,
            digests=digests,
            raw_inputs=raw_inputs,
        )
    finally:
        for kernel in kernels.values():
            if kernel is not None:
                kernel.shutdown()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return executed


LAZY_IMPORTS = {"02_measure": ("helpers.vader", "helpers.topics")}
"""Modules a notebook's helpers import only when they run (measure_corpus: nltk, scikit-learn),
which the notebook's kernel started ahead imports too."""


def _warm_kernel(notebook: str, *, also: str | None = None):
    """A :class:`helpers.kernels.WarmKernel` for ``notebook`` (and the imports of the notebook
    ``also``, which may run in it instead), or None when it cannot start: papermill then starts a
    kernel itself and reports what keeps it from starting."""
    from .kernels import WarmKernel, notebook_imports

    extra = [*LAZY_IMPORTS.get(notebook, ())]
    if also:
        extra += [*notebook_imports(paths.NOTEBOOKS / f"{also}.ipynb"), *LAZY_IMPORTS.get(also, ())]
    try:
        return WarmKernel(paths.NOTEBOOKS / f"{notebook}.ipynb", extra_imports=extra)
    except Exception:  # noqa: BLE001
        return None


def _build_reports(
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
) -> int:
    """Run the article and corpus reports that are out of date; returns how many ran.

    ``pool``/``waiting``: from :func:`_report_pool` when the stages ran, else None (created here
    when a report is out of date).
    """
    from tqdm import tqdm

    executed = 0
    articles = _articles_index(digests["02_measure"], stage_params["02_measure"], raw_inputs)
    chosen = select_articles(articles_spec, articles)

    report_nb = _file_digest(paths.NOTEBOOKS / "article_report.ipynb")
    todo, current = [], {}
    for aid, info in articles.items():
        if info["status"] == "ok":
            params = {"article_id": aid, **stage_params["article_report"]}
            current[aid] = (params, _digest(code, report_nb, params, info["digest"]))
    for aid in chosen:
        params, digest = current[aid]
        if force or not _up_to_date(f"article_{aid}", digest, [ARTICLES_DIR / f"{aid}.html"]):
            todo.append((aid, params, digest, articles[aid]))
    _remove_stale_reports(current, keep=set(chosen))
    kept = io.built_reports(ARTICLES_DIR)
    reported = sorted(set(chosen) | kept)

    # The corpus report links the article reports; it is told which, so it runs beside them.
    from .io import write_json

    reported_list = write_json(reported, BUILD / "reported.json")
    corpus_params = {**stage_params["corpus_report"], "reported_list": str(reported_list)}
    digest = _digest(
        code,
        _file_digest(paths.NOTEBOOKS / "corpus_report.ipynb"),
        stage_params["corpus_report"],
        sorted((a, v["digest"]) for a, v in articles.items()),
        reported,
    )
    if force or not _up_to_date("corpus_report", digest, [paths.REPORTS / "corpus_report.html"]):
        todo.append(("corpus_report", corpus_params, digest, {"inputs": raw_inputs}))
    failures = []
    if todo:
        if pool is None:
            pool, waiting = _report_pool(max(1, min(jobs, len(todo))))
        waiting.value = len(todo)
        try:
            with pool:
                futures = {pool.submit(_run_report, job): job[0] for job in todo}
                for future in tqdm(as_completed(futures), total=len(futures), desc="reports", unit="report", file=sys.stdout, disable=None):
                    try:
                        future.result()
                    except BuildError as exc:
                        failures.append(str(exc))
                    except Exception as exc:  # noqa: BLE001  (a worker process that died, and the like)
                        failures.append(f"report {futures[future]} stopped: {type(exc).__name__}: {exc}; the previous report is unchanged")
        finally:  # the index links the reports that exist
            _write_index(articles, sorted(set(reported) & io.built_reports(ARTICLES_DIR)), failures=failures)
        executed += len(todo)
    else:
        _write_index(articles, reported)
    if failures:
        raise BuildError(f"{len(failures)} report(s) failed:\n" + "\n".join(failures))
    return executed


def _articles_index(measure_digest: str, measure_params: dict, raw_inputs: list[dict]) -> dict[str, dict]:
    """Per-article digests, recomputed whenever the measured tables changed (tied to their digest).

    Also writes ``data/processed/manifest.json``: inputs, measuring parameters, versions, commit.
    """
    from .io import write_json

    index_json = BUILD / "articles.json"
    if index_json.exists():
        saved = json.loads(index_json.read_text())
        if saved.get("measure_digest") == measure_digest:
            return saved["articles"]
    articles = _article_digests(paths.PROCESSED)
    defaults = {k: v for k, (_, v) in notebook_parameters("02_measure").items()}
    parameters = {k: v for k, v in {**defaults, **measure_params}.items() if k not in ("processed_dir", "jobs", "dask_scheduler")}
    write_json(
        {"inputs": raw_inputs, "parameters": parameters, "versions": _versions(), "git_commit": _git_commit()},
        paths.PROCESSED / io.MANIFEST,
    )
    write_json({"measure_digest": measure_digest, "articles": articles}, index_json)
    return articles


def _remove_stale_reports(current: dict[str, tuple], *, keep: set[str]) -> None:
    """Delete article reports that were not asked for this time and no longer match their data."""
    if not ARTICLES_DIR.is_dir():
        return
    for html_path in ARTICLES_DIR.glob("*.html"):
        aid = html_path.stem
        if aid in keep:
            continue
        if aid in current and _up_to_date(f"article_{aid}", current[aid][1], [html_path]):
            continue  # still right: keep it and link it
        for stale in (html_path, html_path.with_suffix(".ipynb"), _stamp(f"article_{aid}")):
            stale.unlink(missing_ok=True)


def _check_article_ids(spec: str | None) -> None:
    """Fail before any notebook runs when ``--articles`` names an id that has no file in data/raw."""
    if not spec or spec.strip() in ("all", "none") or spec.startswith(("positive:", "negative:")):
        return
    ids = {e.article_id for e in io.list_raw(paths.RAW)} if paths.RAW.is_dir() else set()
    for item in spec.replace(",", " ").split():
        if not any(c in item for c in "*?[") and item not in ids:
            raise ValueError(f"--articles: {item!r} matches no article (no file {item}.txt or {item}.html in {paths.RAW})")


def _check_topic_count(n_topics: int) -> None:
    """Fail before the measuring notebook runs when n_topics exceeds the body paragraphs.

    The paragraphs are counted in the cleaned table, so this runs before any notebook when the
    cleaning is up to date, and right after cleaning otherwise.
    """
    import pyarrow.parquet as pq

    if not n_topics or not (paths.PROCESSED / "clean_paragraphs.parquet").exists():
        return
    table = pq.read_table(paths.PROCESSED / "clean_paragraphs.parquet", columns=["kind"])
    n_body = sum(kind == "body" for kind in table.column("kind").to_pylist())
    if n_topics > n_body:
        raise ValueError(f"n_topics must be between 1 and the number of body paragraphs ({n_body}); got {n_topics}")


def _write_last_good_index(*, failures: list[str]) -> None:
    """The index of the last complete build (its articles and reports), with this run's failures."""
    index_json = BUILD / "articles.json"
    articles = json.loads(index_json.read_text())["articles"] if index_json.exists() else {}
    _write_index(articles, sorted(io.built_reports(ARTICLES_DIR)), failures=failures)


def _write_index(articles: dict[str, dict], chosen: list[str], *, failures: list[str] = ()) -> None:
    from .index import index_html
    from .io import atomic_write

    stages = [s for s in ("corpus_report", *STAGES, "validation") if (paths.REPORTS / f"{s}.html").exists()]
    page = index_html(articles, chosen, stages=stages, failures=failures)
    target = paths.REPORTS / "index.html"
    if target.exists() and target.read_text(encoding="utf-8") == page:
        return
    with atomic_write(target) as handle:
        handle.write(page.encode("utf-8"))


def _remove_stale_temporaries() -> None:
    """Delete what a killed run left in ``paths.TMP`` (we hold the lock, so nothing there is live),
    and the kernel socket folders of builds that are gone."""
    from .kernels import remove_stale_sockets

    if paths.TMP.is_dir():
        for tmp in paths.TMP.iterdir():
            tmp.unlink(missing_ok=True)
    remove_stale_sockets()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel report runs (default: cores)")
    parser.add_argument("--force", action="store_true", help="rebuild everything")
    parser.add_argument(
        "--articles",
        default=None,
        help="which article reports: all, none, positive:N, negative:N, or ids/globs (default: all when at most 50 articles)",
    )
    parser.add_argument(
        "--notebook", default=None, metavar="NAME", help="run only notebooks/NAME.ipynb into reports/NAME.html (e.g. validation)"
    )
    parser.add_argument(
        "--set",
        dest="params",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a notebook parameter, e.g. --set n_topics=5 (repeatable)",
    )
    args = parser.parse_args(argv)
    t0 = time.time()
    # nbformat imports jsonschema, which builds ~35 Earley parsers for its optional "iri" format
    # check when rfc3987-syntax is installed (jupyterlab's dependencies install it): 0.9 s of every
    # build. Notebook schemas use no "format", so this process goes without that check
    # (python-jsonschema/jsonschema#1428).
    sys.modules.setdefault("rfc3987_syntax", None)
    # Kernels papermill starts itself run headless too (the notebooks choose no backend).
    from .kernels import HEADLESS_ENV

    os.environ.update(HEADLESS_ENV)
    try:
        if args.jobs < 1:
            raise ValueError(f"--jobs must be at least 1; got {args.jobs}")
        notebooks = [args.notebook] if args.notebook else [*STAGES, "article_report", "corpus_report"]
        stage_params = parse_overrides(args.params, notebooks)
        BUILD.mkdir(parents=True, exist_ok=True)
        with open(BUILD / "lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BuildError("another `make report` is running in this project; wait for it to finish") from None
            _remove_stale_temporaries()
            if args.notebook:
                print(f"running {args.notebook} ...", flush=True)
                run_notebook(args.notebook, stage_params[args.notebook], args.notebook, inputs=_folder_inputs(stage_params[args.notebook]))
                executed = 1
                index_json = BUILD / "articles.json"
                if index_json.exists():  # link the new report from the index
                    _write_index(json.loads(index_json.read_text())["articles"], sorted(io.built_reports(ARTICLES_DIR)))
            else:
                executed = build(jobs=args.jobs, force=args.force, articles_spec=args.articles, stage_params=stage_params)
    except (ValueError, BuildError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001  (a bug: said in one line, the traceback kept)
        import traceback

        FAILED_DIR.mkdir(parents=True, exist_ok=True)
        log = FAILED_DIR / "build-traceback.txt"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(
            f"error: the build stopped on an unexpected {type(exc).__name__}: {exc}\n"
            f"  the traceback is in {log}; the previous reports are unchanged",
            file=sys.stderr,
        )
        return 1
    what = f"{executed} notebook(s) executed" if executed else "everything up to date, no notebook executed"
    index = paths.REPORTS / "index.html"
    shown = index.relative_to(Path.cwd()) if index.is_relative_to(Path.cwd()) else index
    print(f"{what} in {time.time() - t0:.1f} s; open {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
