#!/usr/bin/env python
"""Benchmark every stage on the seed, the BBC corpus and a 10x BBC corpus; print one table.

Run from the project (``make bench`` or ``.venv/bin/python benchmarks/bench.py``); see
``benchmarks/README.md`` for what each number means. In short:

* every stage runs in a fresh Python process (this script re-invoked with ``--child``); its wall
  time is measured inside that process around the stage call only (imports, reading the input
  tables and writing the outputs are outside the timing);
* its peak memory is the maximum, over samples taken every ``--interval`` seconds by this (parent)
  process with psutil, of the summed PSS (proportional set size) of the stage process and all its
  descendants (worker processes, papermill's kernel). PSS splits pages shared between processes
  (forked workers share the parent's pages) among them, so the sum is the real footprint. The
  summed RSS (counts shared pages once per process: an upper bound) and
  ``getrusage`` (``ru_maxrss`` of SELF + CHILDREN, measured in the child at the end of the stage)
  are printed beside it as cross-checks.

Nothing in the project is written: everything goes to a temporary folder that is deleted at the
end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EMPTY_NOTEBOOK = HERE / "empty_imports.ipynb"
MiB = 2**20

STAGES = [
    ("clean", "clean"),
    ("sentiment", "measure: sentiment+quotes"),
    ("topics", "measure: topics (fit+apply)"),
    ("measure", "measure: whole stage"),
    ("measure-no-actors", "measure: whole stage, no actors"),
]


# =============================================================================================
# Child side: one stage in a fresh process


def _rusage_mib() -> tuple[float, float]:
    import resource

    self_ = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return self_, children


def _entries(corpus: dict):
    """RawFile entries of a corpus: a flat folder (list_raw) or BBC's class sub-folders."""
    from helpers.io import RawFile, list_raw

    folder = Path(corpus["path"])
    if corpus["layout"] == "flat":
        return list_raw(folder)
    entries = []
    for cls_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(cls_dir.glob("*.txt")):
            entries.append(RawFile(f"{cls_dir.name}-{path.stem}", f"{cls_dir.name}/{path.name}", path))
    return entries


def _self_rss_mib() -> float:
    import psutil

    return psutil.Process().memory_full_info().pss / MiB


class _PhaseHandler(logging.Handler):
    """Collects the phase timings that helpers.corpus.pipeline logs (records with ``phase``/``seconds``)."""

    def __init__(self, phases: dict[str, float]):
        super().__init__(logging.DEBUG)
        self.phases = phases

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "phase"):
            self.phases[record.phase] = record.seconds


def child_main(spec: dict) -> None:
    stage, jobs, data = spec["stage"], spec["jobs"], Path(spec["data"])
    result: dict = {"stage": stage}

    if stage == "clean":
        from helpers import io
        from helpers.corpus.pipeline import clean_corpus
        from helpers.text.clean import Cleaner

        entries = _entries(spec["corpus"])
        cleaner = Cleaner(user_patterns=io.read_user_patterns())
        result["base_mib"] = _self_rss_mib()
        result["t_start"] = time.time()
        t0 = time.perf_counter()
        tables = clean_corpus(entries, cleaner, jobs=jobs)
        result["wall"] = time.perf_counter() - t0
        result["t_end"] = time.time()
        result["rusage"] = _rusage_mib()
        ok = tables["articles"]["status"] == "ok"
        result |= {"articles": int(ok.sum()), "paragraphs": len(tables["paragraphs"])}
        if spec.get("write"):
            tables["paragraphs"].to_parquet(data / "clean_paragraphs.parquet", index=False)
            tables["articles"].to_parquet(data / "clean_articles.parquet", index=False)
            tables["audit"].to_parquet(data / "audit.parquet", index=False)  # the corpus report reads it

    elif stage in ("sentiment", "topics", "measure", "measure-no-actors"):
        import pandas as pd

        from helpers import executor as ex
        from helpers.corpus import pipeline as pl
        from helpers.measures import vader  # noqa: F401  (nltk and scikit-learn: imported before the clock, as
        from helpers.measures.topics import TopicModel  # the measure notebook's kernel has them before it runs)

        paragraphs = pd.read_parquet(data / "clean_paragraphs.parquet")
        articles = pd.read_parquet(data / "clean_articles.parquet")
        result |= {"articles": int((articles["status"] == "ok").sum()), "paragraphs": len(paragraphs)}
        njobs = jobs if jobs > 0 else (os.cpu_count() or 1)
        phases: dict[str, float] = {}
        # measure_corpus logs the seconds of each of its phases (logger helpers.corpus.pipeline, DEBUG).
        handler = _PhaseHandler(phases)
        logging.getLogger("helpers.corpus.pipeline").addHandler(handler)
        logging.getLogger("helpers.corpus.pipeline").setLevel(logging.DEBUG)
        result["base_mib"] = _self_rss_mib()
        result["t_start"] = time.time()
        t0 = time.perf_counter()
        if stage == "sentiment":
            # measure_corpus's sentiment half alone, as it runs there: sentence splitting and
            # scoring, quote segmentation, per-paragraph and per-article aggregates, in batches of
            # whole articles on the workers.
            with ex.Workers(njobs) as workers:
                out = workers.map(pl._sentiment_batch, pl._sentiment_jobs(paragraphs, pl.ARTICLES_PER_BATCH, None, 0))
            result["sentences"] = sum(len(r["sentences"]) for r in out)
            phases["sentiment+quotes (workers)"] = time.perf_counter() - t0
        elif stage == "topics":
            # measure_corpus's topic half alone: fit on the articles with their headlines (with
            # every core, as nothing runs beside it here), count chosen and stability refits
            # included, then apply to paragraphs and articles in fixed-size batches on jobs processes.
            documents, context = pl.topic_inputs(paragraphs, articles)
            model = TopicModel(0, method="nmf", random_state=0).fit(documents, context=context)
            phases["topic fit"] = time.perf_counter() - t0
            texts = pd.concat([paragraphs[["text"]], documents.rename("text").to_frame()], ignore_index=True)
            chunks = [texts.iloc[i : i + pl.TOPIC_BATCH] for i in range(0, len(texts), pl.TOPIC_BATCH)]
            pd.concat(ex.map_items(pl._topic_batch, [(model, c) for c in chunks], jobs=njobs))
            phases["topic apply"] = time.perf_counter() - t0 - phases["topic fit"]
            result["n_topics"] = int(model.n_topics_)
        else:
            tables = pl.measure_corpus(paragraphs, articles, jobs=njobs, find_actors=stage == "measure")
            result["sentences"] = len(tables["sentences"])
            result["mentions"] = len(tables["mentions"])
            result["n_topics"] = int(tables["topic_terms"]["topic"].nunique())
        result["wall"] = time.perf_counter() - t0
        result["t_end"] = time.time()
        result["rusage"] = _rusage_mib()
        result["phases"] = phases
        if stage == "measure" and spec.get("write"):
            from helpers import io

            for name in ("articles", "paragraphs", "topic_terms"):  # what the corpus report rows read
                io.write_table(tables[name], name, folder=data)
            tables["sentences"][["text"]].to_parquet(data / "sentences.parquet", index=False)

    elif stage == "vader":
        import pandas as pd
        from nltk.sentiment.vader import SentimentIntensityAnalyzer

        from helpers.measures.sentiment import analyzer

        sentences = pd.read_parquet(data / "sentences.parquet")["text"].tolist()
        scorer = analyzer()  # NLTK's analyzer with the offline lexicon, loaded before the clock starts
        # NLTK's own method, called explicitly: the baseline stays plain NLTK VADER even if the
        # project's analyzer comes to override polarity_scores with a faster equivalent.
        polarity_scores = SentimentIntensityAnalyzer.polarity_scores
        result |= {"sentences": len(sentences), "base_mib": _self_rss_mib(), "t_start": time.time()}
        t0 = time.perf_counter()
        for sentence in sentences:
            polarity_scores(scorer, sentence)
        result["wall"] = time.perf_counter() - t0
        result["t_end"] = time.time()
        result["rusage"] = _rusage_mib()

    elif stage == "build-instrumented":
        # helpers.build.main, with papermill's execution and the HTML rendering timed. Both are
        # looked up at call time by run_notebook, and forked report workers inherit the wrappers.
        import papermill as pm

        import helpers.report.html as hr
        from helpers.build import __main__ as build

        log = Path(spec["log"])

        def wrap(module, name, label):
            orig = getattr(module, name)

            def timed(*args, **kwargs):
                t = time.perf_counter()
                try:
                    return orig(*args, **kwargs)
                finally:
                    with open(log, "a") as handle:
                        handle.write(f"{label}\t{time.perf_counter() - t}\n")

            setattr(module, name, timed)

        wrap(pm, "execute_notebook", "execute")
        wrap(hr, "render_report", "render")
        result["t_start"] = time.time()
        t0 = time.perf_counter()
        code = build.main(["--force", "--jobs", str(jobs)])
        result["wall"] = time.perf_counter() - t0
        result["t_end"] = time.time()
        result["rusage"] = _rusage_mib()
        if code:
            raise SystemExit(f"helpers.build failed with exit code {code}")
    else:
        raise SystemExit(f"unknown stage {stage!r}")

    Path(spec["out"]).write_text(json.dumps(result))


# =============================================================================================
# Parent side: run a process, sample its tree's memory


class TreeSampler(threading.Thread):
    """Samples the summed PSS and RSS of a process and all its descendants."""

    def __init__(self, pid: int, interval: float):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, int, int]] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stopped.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            pss = rss = 0
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                pss, rss = pss + info.pss, rss + info.rss
            self.samples.append((time.time(), pss, rss))
            self.stopped.wait(self.interval)

    def peak(self, until: float | None = None) -> tuple[float, float]:
        chosen = [s for s in self.samples if until is None or s[0] <= until + self.interval] or self.samples
        if not chosen:
            return float("nan"), float("nan")
        return max(s[1] for s in chosen) / MiB, max(s[2] for s in chosen) / MiB


def run_sampled(
    cmd: list[str], *, env: dict | None = None, interval: float | None, cwd: Path | None = None, quiet: bool = True
) -> tuple[float, TreeSampler, subprocess.CompletedProcess]:
    """Run ``cmd``; returns its wall time (start to exit), the sampler and the completed process.

    ``interval`` None: no memory sampling (reading every process's PSS takes CPU from the run, so
    timed runs are not sampled; the sampler comes back empty).
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.PIPE if quiet else None, stderr=subprocess.PIPE if quiet else None, text=True
    )
    sampler = TreeSampler(proc.pid, interval or 1.0)
    if interval:
        sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stopped.set()
    if interval:
        sampler.join()
    done = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd[:4]))} ... failed (exit {proc.returncode}):\n{err or ''}"[-3000:])
    return wall, sampler, done


def run_child(spec: dict, *, tmp: Path, interval: float | None, env: dict) -> dict:
    out = tmp / f"result-{time.time_ns()}.json"
    spec = spec | {"out": str(out)}
    _, sampler, _ = run_sampled([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)], env=env, interval=interval)
    result = json.loads(out.read_text())
    result["pss_peak"], result["rss_peak"] = sampler.peak(until=result.get("t_end"))
    result["n_samples"] = len(sampler.samples)
    return result


def with_memory(result: dict, memory_run: dict) -> dict:
    """``result`` (from unsampled runs) with the peak memory of a separate, sampled run."""
    return result | {key: memory_run[key] for key in ("pss_peak", "rss_peak", "n_samples")}


def best_of(runs: list[dict]) -> dict:
    """The fastest run's figures, with memory the worst over the runs (memory varies little)."""
    best = dict(min(runs, key=lambda r: r["wall"]))
    best["runs"] = len(runs)
    best["walls"] = [r["wall"] for r in runs]
    for key in ("pss_peak", "rss_peak"):
        best[key] = max(r[key] for r in runs)
    best["rusage"] = max((r["rusage"] for r in runs), key=sum)
    return best


# =============================================================================================
# Corpora


def make_seed(tmp: Path) -> dict:
    from helpers import paths

    folder = tmp / "seed_raw"
    folder.mkdir()
    shutil.copy2(paths.ROOT / "data" / "raw" / f"{paths.SEED_ID}.txt", folder)
    return {"layout": "flat", "path": str(folder)}


def make_10x(bbc: Path, tmp: Path, copies: int = 10) -> dict:
    """Every BBC article copied ``copies`` times into one flat folder, ids ``<class>-<stem>-<k>``."""
    folder = tmp / "bbc10x_raw"
    folder.mkdir()
    for cls_dir in sorted(p for p in bbc.iterdir() if p.is_dir()):
        for path in sorted(cls_dir.glob("*.txt")):
            data = path.read_bytes()
            for k in range(copies):
                (folder / f"{cls_dir.name}-{path.stem}-{k}.txt").write_bytes(data)
    return {"layout": "flat", "path": str(folder)}


def write_synthetic_metadata(articles: Path, raw: Path, *, outlets: int = 50, years: int = 5) -> Path:
    """``raw/metadata.csv`` for the measured articles: each article an outlet (of ``outlets``,
    uneven sizes) and a date (uniform over ``years`` years from 2019-01-01), fixed seed."""
    import numpy as np
    import pandas as pd

    ids = pd.read_parquet(articles, columns=["article_id"])["article_id"]
    rng = np.random.default_rng(0)
    sizes = rng.dirichlet(np.full(outlets, 2.0))
    start = pd.Timestamp("2019-01-01")
    days = (start + pd.DateOffset(years=years) - start).days
    table = pd.DataFrame(
        {
            "article_id": ids,
            "outlet": [f"outlet {k:02d}" for k in rng.choice(outlets, size=len(ids), p=sizes) + 1],
            "date": (start + pd.to_timedelta(rng.integers(0, days, size=len(ids)), unit="D")).strftime("%Y-%m-%d"),
        }
    )
    raw.mkdir(parents=True, exist_ok=True)
    table.to_csv(raw / "metadata.csv", index=False)
    return raw / "metadata.csv"


# =============================================================================================
# Table


def fmt(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if value != value:
            return "-"
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def print_table(rows: list[dict]) -> None:
    columns = [
        ("corpus", "corpus", "<"),
        ("stage", "stage", "<"),
        ("articles", "articles", ">"),
        ("paragraphs", "paragraphs", ">"),
        ("runs", "runs", ">"),
        ("wall", "wall s", ">"),
        ("pss_peak", "peak MiB (PSS)", ">"),
        ("rss_peak", "RSS sum MiB", ">"),
        ("rusage_sum", "rusage MiB", ">"),
        ("base_mib", "base MiB", ">"),
        ("rate", "paragraphs/s", ">"),
        ("load", "load1", ">"),
    ]
    cells = []
    for row in rows:
        rendered = {}
        for key, _, _ in columns:
            value = row.get(key)
            if key == "wall" and value is not None:
                rendered[key] = f"{value:,.2f}" if value < 100 else f"{value:,.1f}"
            elif key == "rate" and value is not None:
                rendered[key] = f"{value:,.0f}"
            elif key == "load":
                rendered[key] = fmt(value, 2)
            else:
                rendered[key] = fmt(value)
        cells.append(rendered)
    widths = {key: max(len(title), *(len(c[key]) for c in cells)) for key, title, _ in columns}
    line = "  ".join(title.ljust(widths[k]) if a == "<" else title.rjust(widths[k]) for k, title, a in columns)
    print(line)
    print("-" * len(line))
    previous = None
    for row, c in zip(rows, cells):
        if previous is not None and row["corpus"] != previous:
            print()
        previous = row["corpus"]
        print("  ".join(c[k].ljust(widths[k]) if a == "<" else c[k].rjust(widths[k]) for k, _, a in columns))


def stage_row(corpus: str, label: str, result: dict, load: float) -> dict:
    wall = result["wall"]
    paragraphs = result.get("paragraphs")
    return {
        "corpus": corpus,
        "stage": label,
        "articles": result.get("articles"),
        "paragraphs": paragraphs,
        "runs": result.get("runs", 1),
        "wall": wall,
        "pss_peak": result.get("pss_peak"),
        "rss_peak": result.get("rss_peak"),
        "rusage_sum": sum(result["rusage"]) if "rusage" in result else None,
        "base_mib": result.get("base_mib"),
        "rate": paragraphs / wall if paragraphs and wall else None,
        "load": load,
    }


# =============================================================================================
# Main


def actors_verdict(results: dict[tuple[str, str], dict]) -> str:
    """Issue 23's target line: the whole BBC measuring stage with actors at most 1.5x without."""
    with_, without = results[("bbc", "measure")], results[("bbc", "measure-no-actors")]
    grow = with_["wall"] / without["wall"]
    return (
        f"  {'MET    ' if grow <= 1.5 else 'NOT MET'}  actors cost on BBC: whole measuring stage with actors <= 1.5x without: "
        f"{with_['wall']:.2f} s vs {without['wall']:.2f} s = {grow:.2f}x ({with_.get('mentions', 0):,} mentions)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--bbc",
        default="../shared/corpora/bbc",
        help="BBC corpus folder (<class>/NNN.txt); relative paths are resolved against the project root (default: ../shared/corpora/bbc)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs of each seed/BBC measurement, the fastest is reported (default 2; the 10x corpus runs once)",
    )
    parser.add_argument(
        "--webdev",
        default="../shared/corpora/web-dev",
        help="web-dev corpus (html/, optionally text/): cleaning throughput of whole pages "
        "from text and from HTML (default: ../shared/corpora/web-dev)",
    )
    parser.add_argument("--webdev-only", action="store_true", help="only the web-dev cleaning throughput")
    parser.add_argument("--skip-10x", action="store_true", help="do not build and measure the 10x corpus")
    parser.add_argument(
        "--reports-only",
        action="store_true",
        help="only the corpus report rows (BBC and 10x, with and without metadata): clean and measure once each, untimed",
    )
    parser.add_argument(
        "--actors-only",
        action="store_true",
        help="only the actors' cost on BBC: clean once (untimed), then the measuring stage with and without actors, "
        "alternating, --repeat times each",
    )
    parser.add_argument("--interval", type=float, default=0.05, help="memory sampling interval, s (default 0.05)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (printed)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(json.loads(args.child))
        return 0

    from helpers import paths

    webdev = Path(args.webdev)
    webdev = (webdev if webdev.is_absolute() else paths.ROOT / webdev).resolve()
    if args.webdev_only:
        webdev_throughput(webdev, args.jobs)
        return 0
    bbc = Path(args.bbc)
    bbc = (bbc if bbc.is_absolute() else paths.ROOT / bbc).resolve()
    repeat = max(1, args.repeat)
    tmp = Path(tempfile.mkdtemp(prefix="news-tone-bench-"))
    env = os.environ | {"NEWS_TONE_WORKDIR": str(tmp / "workdir"), "PYTHONHASHSEED": "0"}
    (tmp / "workdir" / "data" / "raw").mkdir(parents=True)
    started = time.time()
    load_start = os.getloadavg()
    print(
        f"news-tone benchmark  {time.strftime('%Y-%m-%d %H:%M:%S')}  jobs={args.jobs}  cores={os.cpu_count()}  "
        f"repeat={repeat}  python={sys.version.split()[0]}",
        flush=True,
    )
    print(f"load average at start (1/5/15 min): {' '.join(f'{x:.2f}' for x in load_start)}", flush=True)

    rows: list[dict] = []
    results: dict[tuple[str, str], dict] = {}
    extras: dict[str, object] = {}
    notes: list[str] = []

    def progress(msg: str) -> None:
        print(f"  [{time.time() - started:6.0f} s] {msg}", file=sys.stderr, flush=True)

    def measure(corpus_name: str, corpus: dict, runs: int) -> None:
        data = tmp / f"data-{corpus_name}"
        data.mkdir()
        for stage, label in STAGES:
            load = os.getloadavg()[0]
            out = []
            for i in range(runs):
                progress(f"{corpus_name}: {label} (run {i + 1}/{runs})")
                spec = {"stage": stage, "jobs": args.jobs, "data": str(data), "corpus": corpus, "write": i == 0}
                out.append(run_child(spec, tmp=tmp, interval=None, env=env))
            progress(f"{corpus_name}: {label} (memory run)")
            result = with_memory(best_of(out), run_child(spec | {"write": False}, tmp=tmp, interval=args.interval, env=env))
            results[(corpus_name, stage)] = result
            rows.append(stage_row(corpus_name, label, result, load))

    def command_runs(command: list[str], what: str, cwd: Path) -> dict:
        """``command`` timed ``repeat`` times (unsampled), then once more sampling its memory."""
        walls = []
        for i in range(repeat):
            progress(f"{what} (run {i + 1}/{repeat})")
            walls.append(run_sampled(command, env=env, interval=None, cwd=cwd)[0])
        progress(f"{what} (memory run)")
        pss, rss = run_sampled(command, env=env, interval=args.interval, cwd=cwd)[1].peak()
        return {"wall": min(walls), "walls": walls, "runs": repeat, "pss_peak": pss, "rss_peak": rss}

    def empty_papermill() -> dict:
        load = os.getloadavg()[0]
        papermill = str(Path(sys.executable).parent / "papermill")
        command = [papermill, str(EMPTY_NOTEBOOK), str(tmp / "empty_out.ipynb"), "-k", "news-tone", "--no-progress-bar"]
        result = command_runs(command, "baseline (b): papermill of the empty notebook", paths.NOTEBOOKS)
        rows.append(stage_row("-", "baseline (b): papermill, empty nb", result, load))
        return result

    def corpus_reports(corpus_name: str, with_metadata: bool) -> dict:
        """The corpus report notebook on a measured corpus, the whole papermill command, once (unsampled);
        with a synthetic metadata.csv of 50 outlets over 5 years and group_by=outlet when asked."""
        load = os.getloadavg()[0]
        data = tmp / f"data-{corpus_name}"
        workdir = tmp / f"report-{corpus_name}-{'meta' if with_metadata else 'plain'}"
        (workdir / "data" / "raw").mkdir(parents=True)
        label = "corpus report, no metadata"
        params = ["-p", "processed_dir", str(data), "-p", "figures_dir", str(workdir / "figures")]
        if with_metadata:
            write_synthetic_metadata(data / "articles.parquet", workdir / "data" / "raw")
            params += ["-p", "group_by", "outlet"]
            label = "corpus report, 50 outlets x 5 years"
        papermill = str(Path(sys.executable).parent / "papermill")
        command = [
            papermill,
            str(paths.NOTEBOOKS / "corpus_report.ipynb"),
            str(workdir / "out.ipynb"),
            "-k",
            "news-tone",
            "--no-progress-bar",
            *params,
        ]
        progress(f"{corpus_name}: {label}")
        report_env = env | {"NEWS_TONE_WORKDIR": str(workdir), "MPLBACKEND": "Agg"}
        wall = run_sampled(command, env=report_env, interval=None, cwd=paths.NOTEBOOKS)[0]
        articles = results.get((corpus_name, "clean"), {}).get("articles")
        result = {"wall": wall, "walls": [wall], "runs": 1, "articles": articles}
        results[(corpus_name, label)] = result
        rows.append(stage_row(corpus_name, label, result, load) | {"paragraphs": None, "rate": None})
        return result

    def report_rows(corpora: list[str]) -> None:
        for corpus_name in corpora:
            corpus_reports(corpus_name, with_metadata=False)
        corpus_reports(corpora[-1], with_metadata=True)

    def seed_build() -> tuple[dict, dict]:
        load = os.getloadavg()[0]
        workdir = tmp / "workdir"
        shutil.copy2(paths.ROOT / "data" / "raw" / f"{paths.SEED_ID}.txt", workdir / "data" / "raw")
        command = [sys.executable, "-m", "helpers.build", "--force", "--jobs", str(args.jobs)]
        plain = {**command_runs(command, "seed: python -m helpers.build --force", paths.ROOT), "articles": 1}
        rows.append(stage_row("seed", "make report (build --force)", plain, load))
        progress("seed: instrumented build (papermill execution and HTML rendering timed)")
        log = tmp / "build-phases.tsv"
        instrumented = run_child(
            {"stage": "build-instrumented", "jobs": args.jobs, "data": str(tmp), "log": str(log)}, tmp=tmp, interval=args.interval, env=env
        )
        phases: dict[str, list[float]] = {}
        for line in log.read_text().splitlines():
            label, seconds = line.split("\t")
            phases.setdefault(label, []).append(float(seconds))
        instrumented["execute"] = phases.get("execute", [])
        instrumented["render"] = phases.get("render", [])
        return plain, instrumented

    if args.actors_only:
        try:
            corpus = {"layout": "bbc", "path": str(bbc)}
            data = tmp / "data-bbc"
            data.mkdir()
            progress("bbc: clean (untimed)")
            spec = {"stage": "clean", "jobs": args.jobs, "data": str(data), "corpus": corpus, "write": True}
            run_child(spec, tmp=tmp, interval=None, env=env)
            runs: dict[str, list[dict]] = {"measure": [], "measure-no-actors": []}
            for i in range(repeat):  # alternating, so a change of load falls on both
                for stage in runs:
                    progress(f"bbc: {stage} (run {i + 1}/{repeat})")
                    spec = {"stage": stage, "jobs": args.jobs, "data": str(data), "corpus": corpus, "write": False}
                    runs[stage].append(run_child(spec, tmp=tmp, interval=None, env=env))
            for stage, out in runs.items():
                results[("bbc", stage)] = min(out, key=lambda r: r["wall"])
                walls = ", ".join(f"{r['wall']:.2f}" for r in out)
                print(f"  {stage}: runs {walls} s")
        finally:
            if not args.keep:
                shutil.rmtree(tmp, ignore_errors=True)
        print(actors_verdict(results) + f"; best of {repeat}, load at the end {os.getloadavg()[0]:.2f}")
        return 0

    if args.reports_only:
        try:
            for corpus_name, corpus in (("bbc", {"layout": "bbc", "path": str(bbc)}), ("bbc10x", None)):
                corpus = corpus or make_10x(bbc, tmp)
                data = tmp / f"data-{corpus_name}"
                data.mkdir()
                for stage in ("clean", "measure"):
                    progress(f"{corpus_name}: {stage} (untimed, for the report rows)")
                    spec = {"stage": stage, "jobs": args.jobs, "data": str(data), "corpus": corpus, "write": True}
                    results[(corpus_name, stage)] = run_child(spec, tmp=tmp, interval=None, env=env)
            report_rows(["bbc", "bbc10x"])
        finally:
            if not args.keep:
                shutil.rmtree(tmp, ignore_errors=True)
        print()
        print_table(rows)
        print_report_target(results)
        return 0

    try:
        # ---- seed
        seed = make_seed(tmp)
        measure("seed", seed, repeat)
        plain_build, instrumented_build = seed_build()
        baseline_b = empty_papermill()

        # ---- BBC and 10x
        bbc_ok = bbc.is_dir() and any(bbc.glob("*/*.txt"))
        if not bbc_ok:
            notes.append(f"BBC corpus not found at {bbc}: BBC, baseline (a) and 10x rows skipped (pass --bbc PATH or make bench BBC=PATH)")
        else:
            measure("bbc", {"layout": "bbc", "path": str(bbc)}, repeat)
            load = os.getloadavg()[0]
            runs = []
            for i in range(repeat):
                progress(f"baseline (a): single-process VADER loop (run {i + 1}/{repeat})")
                runs.append(run_child({"stage": "vader", "jobs": 1, "data": str(tmp / "data-bbc")}, tmp=tmp, interval=None, env=env))
            progress("baseline (a): single-process VADER loop (memory run)")
            baseline_a = with_memory(
                best_of(runs),
                run_child({"stage": "vader", "jobs": 1, "data": str(tmp / "data-bbc")}, tmp=tmp, interval=args.interval, env=env),
            )
            row = stage_row("bbc", "baseline (a): VADER loop, 1 process", baseline_a, load)
            row["paragraphs"] = None
            row["rate"] = None
            rows.append(row)
            extras["baseline_a"] = baseline_a
            if args.skip_10x:
                notes.append("10x corpus skipped (--skip-10x)")
            else:
                progress("building the 10x corpus")
                x10 = make_10x(bbc, tmp)
                measure("bbc10x", x10, 1)
                report_rows(["bbc", "bbc10x"])
    finally:
        if args.keep:
            print(f"temporary folder kept: {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    # ---- the table
    print()
    print_table(rows)
    print()
    load_end = os.getloadavg()
    print(f"load average at end (1/5/15 min): {' '.join(f'{x:.2f}' for x in load_end)}; total benchmark time {time.time() - started:.0f} s")
    print(
        textwrap.fill(
            "wall s: best of `runs`, measured inside a fresh process around the stage call only (the build and "
            "baseline (b) rows: the whole command). peak MiB (PSS): max over samples every "
            f"{args.interval:g} s of the summed PSS of the process and all its descendants (psutil), up to the end "
            "of the stage; RSS sum: the same with RSS (shared pages counted per process); rusage: ru_maxrss "
            "SELF + CHILDREN read in the stage process (largest single worker only); base: the stage process's PSS "
            "after imports and reading its input, before the stage starts; load1: 1-min load average before the row.",
            width=120,
        )
    )
    print("phases and runs:")
    for key, result in results.items():
        if result.get("phases"):
            parts = ", ".join(f"{k} {v:.2f} s" for k, v in result["phases"].items())
            extra = f"; {result['n_topics']} topics" if "n_topics" in result else ""
            extra += f"; {result['sentences']:,} sentences" if "sentences" in result else ""
            print(f"  {key[0]:<6} {key[1]:<9}: {parts}{extra}; runs {', '.join(f'{w:.2f}' for w in result['walls'])} s")
    ex, rd = instrumented_build["execute"], instrumented_build["render"]
    print(
        f"  seed build, instrumented run: {instrumented_build['wall']:.1f} s in all; papermill execution "
        f"{sum(ex):.1f} s in {len(ex)} notebooks ({', '.join(f'{x:.1f}' for x in ex)}); HTML rendering "
        f"{sum(rd):.1f} s ({', '.join(f'{x:.2f}' for x in rd)}); plain runs {', '.join(f'{w:.1f}' for w in plain_build['walls'])} s"
    )
    print(f"  baseline (b) runs: {', '.join(f'{w:.2f}' for w in baseline_b['walls'])} s")
    if "baseline_a" in extras:
        a = extras["baseline_a"]
        print(
            f"  baseline (a): {a['sentences']:,} sentences (the ones the BBC sentiment stage scored), "
            f"{a['sentences'] / a['wall']:,.0f} sentences/s; runs {', '.join(f'{w:.2f}' for w in a['walls'])} s"
        )
    for note in notes:
        print(f"  note: {note}")

    # ---- targets
    print()
    print("targets")

    def verdict(ok: bool) -> str:
        return "MET    " if ok else "NOT MET"

    if "baseline_a" in extras:
        whole, a = results[("bbc", "measure")]["wall"], extras["baseline_a"]["wall"]
        print(
            f"  {verdict(whole <= 0.5 * a)}  whole measuring stage on BBC <= 0.5x baseline (a): "
            f"{whole:.2f} s vs {a:.2f} s = {whole / a:.2f}x (limit {0.5 * a:.2f} s)"
        )
    else:
        print("  not measured  whole measuring stage on BBC <= 0.5x baseline (a): no BBC corpus")
    if ("bbc", "measure-no-actors") in results:
        print(actors_verdict(results))
    render = sum(instrumented_build["render"])
    limit = 1.5 * baseline_b["wall"] + render
    total = plain_build["wall"]
    print(
        f"  {verdict(total <= limit)}  seed build <= 1.5x baseline (b) + HTML rendering: {total:.1f} s vs "
        f"1.5 x {baseline_b['wall']:.2f} + {render:.1f} = {limit:.1f} s ({total / limit:.2f}x the limit; "
        f"{total / baseline_b['wall']:.1f}x baseline (b))"
    )
    if ("bbc10x", "clean") in results:
        for stage, label in STAGES:
            one, ten = results[("bbc", stage)], results[("bbc10x", stage)]
            t_ratio, m_ratio = ten["wall"] / one["wall"], ten["pss_peak"] / one["pss_peak"]
            print(f"  {verdict(t_ratio <= 11)}  10x {label}: time {t_ratio:.2f}x 1x (<= 11x; {ten['wall']:.1f} s vs {one['wall']:.2f} s)")
            print(
                f"  {verdict(m_ratio <= 2)}  10x {label}: peak memory {m_ratio:.2f}x 1x (<= 2x; "
                f"{ten['pss_peak']:.0f} vs {one['pss_peak']:.0f} MiB PSS; above base: "
                f"{ten['pss_peak'] - ten['base_mib']:.0f} vs {one['pss_peak'] - one['base_mib']:.0f} MiB)"
            )
    else:
        print(
            "  not measured  10x corpus <= 11x time and <= 2x peak memory of 1x: "
            + ("skipped (--skip-10x)" if args.skip_10x else "no BBC corpus")
        )
    print_report_target(results)
    webdev_throughput(webdev, args.jobs)
    return 0


def print_report_target(results: dict) -> None:
    """The corpus report's target (issue 14): on the 10x corpus with 50 outlets over 5 years, within
    11x the time of the BBC corpus report without metadata (the stages' 10x budget)."""
    plain, meta = results.get(("bbc", "corpus report, no metadata")), results.get(("bbc10x", "corpus report, 50 outlets x 5 years"))
    if not plain or not meta:
        print("  not measured  10x corpus report with metadata <= 11x the BBC corpus report: no 10x corpus")
        return
    ratio = meta["wall"] / plain["wall"]
    verdict = "MET    " if ratio <= 11 else "NOT MET"
    plain10 = results.get(("bbc10x", "corpus report, no metadata"), {}).get("wall", float("nan"))
    print(
        f"  {verdict}  10x corpus report, 50 outlets x 5 years: time {ratio:.2f}x the BBC report without metadata "
        f"(<= 11x; {meta['wall']:.1f} s vs {plain['wall']:.1f} s; 10x without metadata {plain10:.1f} s)"
    )


def webdev_throughput(corpus: Path, jobs: int, repeat: int = 2) -> None:
    """Cleaning throughput on whole web pages: pages per second from their text and from their HTML.

    Times :func:`helpers.corpus.pipeline.clean_corpus` (reading, decoding, trafilatura for HTML, learning
    boilerplate, cleaning), in this process, best of ``repeat``, one process and ``jobs`` workers.
    """
    print()
    print("web pages: cleaning throughput")
    if not (corpus / "html").is_dir():
        print(f"  not measured: no web-dev corpus at {corpus}")
        return
    from helpers import io
    from helpers.analysis import cleaning_eval
    from helpers.corpus import pipeline
    from helpers.text.clean import Cleaner

    with tempfile.TemporaryDirectory() as tmp:
        text_dir = cleaning_eval.page_texts(corpus, Path(tmp) / "text")
        for source, folder in (("text", text_dir), ("HTML", corpus / "html")):
            entries = io.list_raw(folder)
            for workers in sorted({1, jobs}):
                best = float("inf")
                for _ in range(repeat):
                    start = time.perf_counter()
                    pipeline.clean_corpus(entries, Cleaner(), jobs=workers)
                    best = min(best, time.perf_counter() - start)
                print(f"  from {source:4s}  jobs={workers}  {len(entries)} pages in {best:5.2f} s = {len(entries) / best:6.1f} pages/s")


if __name__ == "__main__":
    sys.exit(main())
