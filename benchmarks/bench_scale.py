#!/usr/bin/env python
"""Scale benchmark (issue 21, item 8): the whole build on N distinct synthetic articles.

For each size N this script

1. writes N distinct synthetic articles, made from the BBC corpus, as ONE CSV corpus file
   ``<workdir>/data/raw/corpus.csv`` (columns id, title, text, date, outlet), streaming, in a
   temporary work folder (``--layout files``: one ``.txt`` per article and a ``metadata.csv``);
2. runs the build as a user would, into that folder: ``NEWS_TONE_WORKDIR=<workdir>
   .venv/bin/python -m helpers.build --jobs 2 --articles none`` from the project root;
3. samples, every ``--interval`` seconds, the summed PSS of the build process and all its
   descendants (papermill kernels, worker processes), as ``bench.py`` does, and attributes each
   sample to the stage the build is running (read from its ``running X ...`` / ``X done in``
   lines, which are forwarded to the console);
4. prints one table (wall s, articles/s, peak PSS per size and stage), the issue's targets with
   PASS/FAIL, and a linear extrapolation to 10^6 articles.

See ``benchmarks/README.md`` (section "Scale") for the method. Nothing in the project is written.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from itertools import accumulate
from pathlib import Path
from random import Random

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MiB = 2**20

STAGES = ("startup", "01_clean", "02_measure", "reports")
TARGET_STAGES = ("01_clean", "02_measure", "reports")  # the issue's stages; startup is shown, not a target
MEMORY_RATIO, MEMORY_LIMIT_MIB, TIME_RATIO = 1.25, 3 * 1024, 1.15
EXTRAPOLATE_TO = 1_000_000

# Outlets of uneven sizes (weights), as a real corpus has.
OUTLETS = [
    ("The Daily Ledger", 24),
    ("Morning Courier", 18),
    ("Evening Standard-Post", 15),
    ("Capital Wire", 12),
    ("Northern Herald", 10),
    ("Coastal Times", 9),
    ("Metro Observer", 7),
    ("Valley Gazette", 5),
]
FIRST_DAY, DAYS = dt.date(2023, 1, 1), 731  # two years: 2023-01-01 .. 2024-12-31
REPLACE_SHARE = 0.15
PARAGRAPHS = (4, 15)
MIN_WORDS = 3  # a source paragraph has at least this many words

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
RUNNING = re.compile(r"^running (\S+) \.\.\.")
DONE = re.compile(r"^\s+(\S+) done in ([0-9.]+) s")


def progress(message: str) -> None:
    print(f"[bench-scale] {message}", file=sys.stderr, flush=True)


# =============================================================================================
# The synthetic corpus


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # sport/199.txt is Latin-1
        return raw.decode("latin-1")


class Source:
    """The BBC corpus as material: distinct headlines, distinct body paragraphs, and the
    vocabulary with its token frequencies (a word seen in lower case anywhere is drawn in lower
    case, so sentence-initial capitals do not land mid-sentence; names keep their capitals)."""

    def __init__(self, bbc: Path):
        files = sorted(bbc.glob("*/*.txt"))
        if not files:
            raise SystemExit(f"no BBC articles (<class>/NNN.txt) under {bbc}; pass --bbc PATH")
        headlines: dict[str, None] = {}
        paragraphs: dict[str, None] = {}
        counts: Counter[str] = Counter()
        for path in files:
            text = _read(path).replace("\r\n", "\n").replace("\r", "\n").strip()
            head, _, body = text.partition("\n")
            head = " ".join(head.split())
            if head:
                headlines[head] = None
            for block in re.split(r"\n[ \t]*\n", body.strip()):
                para = " ".join(block.split())
                if len(WORD.findall(para)) >= MIN_WORDS:  # not a lone figure ("9,796") or table cell
                    paragraphs[para] = None
            counts.update(WORD.findall(text))
        lower = {w for w in counts if w.islower()}
        folded: Counter[str] = Counter()
        for word, n in counts.items():
            folded[word.lower() if word.lower() in lower else word] += n
        self.files = len(files)
        self.headlines = list(headlines)  # insertion order: deterministic
        self.paragraphs = list(paragraphs)
        self.words = list(folded)
        self.cum_weights = list(accumulate(folded.values()))

    def perturb(self, text: str, rng: Random) -> str:
        """``text`` with REPLACE_SHARE of its word tokens (at least one) replaced by words drawn
        from the corpus's vocabulary by frequency; a capitalised token's replacement is capitalised."""
        matches = list(WORD.finditer(text))
        if not matches:
            return text
        k = max(1, round(REPLACE_SHARE * len(matches)))
        chosen = sorted(rng.sample(range(len(matches)), k))
        drawn = rng.choices(self.words, cum_weights=self.cum_weights, k=k)
        out, pos = [], 0
        for i, new in zip(chosen, drawn):
            m = matches[i]
            if m.group()[0].isupper():
                new = new[0].upper() + new[1:]
            out += [text[pos : m.start()], new]
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)


def _key(text: str) -> bytes:
    """A paragraph's identity as the cleaner's repeat detection sees it (case, spacing and
    punctuation ignored), as 8 bytes."""
    return hashlib.blake2b(" ".join(WORD.findall(text.casefold())).encode(), digest_size=8).digest()


def synthetic_articles(source: Source, n: int, seed: int):
    """Yield ``n`` synthetic articles (dicts with id, title, text, date, outlet), one at a time.

    Each article: a headline (another article's, perturbed) and 4-15 body paragraphs drawn
    without repetition from the whole corpus's paragraphs, each perturbed. No two paragraphs and
    no two headlines are the same (a clash, which is rare, is drawn again); only their 8-byte
    hashes are kept, never the articles.
    """
    rng = Random(seed)
    names, weights = zip(*OUTLETS)
    seen_paragraphs: set[bytes] = set()
    seen_titles: set[bytes] = set()

    def fresh(text: str, seen: set[bytes]) -> str:
        new = text
        for _ in range(1000):  # on a clash, perturb the variant again: more of it changes each time
            new = source.perturb(new, rng)
            key = _key(new)
            if key not in seen:
                seen.add(key)
                return new
        raise RuntimeError(f"could not make a distinct variant of {text[:60]!r}")

    for i in range(1, n + 1):
        picked = rng.sample(range(len(source.paragraphs)), rng.randint(*PARAGRAPHS))
        body = [fresh(source.paragraphs[j], seen_paragraphs) for j in picked]
        title = fresh(rng.choice(source.headlines), seen_titles)
        yield {
            "id": f"syn-{i:07d}",
            "title": title,
            "text": "\n\n".join(body),
            "date": (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat(),
            "outlet": rng.choices(names, weights=weights)[0],
        }


def write_corpus(source: Source, n: int, raw: Path, *, layout: str, seed: int) -> dict:
    """Write the corpus into ``raw`` (streaming); returns its size in files, bytes and paragraphs."""
    raw.mkdir(parents=True, exist_ok=True)
    paragraphs = 0
    if layout == "csv":
        path = raw / "corpus.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "title", "text", "date", "outlet"])
            for art in synthetic_articles(source, n, seed):
                writer.writerow([art["id"], art["title"], art["text"], art["date"], art["outlet"]])
                paragraphs += art["text"].count("\n\n") + 1
        files, size = 1, path.stat().st_size
    else:  # one .txt per article (headline, blank line, paragraphs) and metadata.csv keyed by file
        size = 0
        with open(raw / "metadata.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "date", "outlet"])
            for art in synthetic_articles(source, n, seed):
                path = raw / f"{art['id']}.txt"
                path.write_text(f"{art['title']}\n\n{art['text']}\n", encoding="utf-8")
                size += path.stat().st_size
                writer.writerow([path.name, art["date"], art["outlet"]])
                paragraphs += art["text"].count("\n\n") + 1
        files = n + 1
    return {"files": files, "bytes": size, "paragraphs": paragraphs}


# =============================================================================================
# Running the build, sampling its process tree


class StageSampler(threading.Thread):
    """Samples the summed PSS (RSS where PSS cannot be read) of a process and all its
    descendants every ``interval`` seconds, as ``bench.TreeSampler`` does, and labels each
    sample with ``self.stage``, which the reader of the build's output moves on."""

    def __init__(self, pid: int, interval: float):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.stage = STAGES[0]
        self.samples: list[tuple[float, str, int]] = []
        self.rss_fallbacks = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stopped.is_set():
            stage = self.stage
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            total = 0
            for proc in procs:
                try:
                    try:
                        total += proc.memory_full_info().pss
                    except (psutil.AccessDenied, AttributeError):  # no PSS here: RSS
                        total += proc.memory_info().rss
                        self.rss_fallbacks += 1
                except (psutil.NoSuchProcess, psutil.ZombieProcess):
                    continue
            self.samples.append((time.time(), stage, total))
            self.stopped.wait(self.interval)


def run_build(workdir: Path, *, python: str, jobs: int, interval: float) -> dict:
    """The build on ``workdir``, its output forwarded; per stage: wall time and peak PSS."""
    env = os.environ | {"NEWS_TONE_WORKDIR": str(workdir), "PYTHONUNBUFFERED": "1"}
    cmd = [python, "-m", "helpers.build", "--jobs", str(jobs), "--articles", "none"]
    t0 = time.time()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, bufsize=1)
    sampler = StageSampler(proc.pid, interval)
    sampler.start()
    starts = {"startup": t0}
    said: dict[str, float] = {}
    tail: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        tail = [*tail[-30:], line]
        now = time.time()
        if (m := RUNNING.match(line)) and m[1] in ("01_clean", "02_measure") and m[1] not in starts:
            starts[m[1]] = now
            sampler.stage = m[1]
        elif m := DONE.match(line):
            said[m[1]] = float(m[2])
            if m[1] == "02_measure":
                starts["reports"] = now
                sampler.stage = "reports"
    code = proc.wait()
    t_end = time.time()
    sampler.stopped.set()
    sampler.join()
    if code or len(starts) < len(STAGES):
        missing = [s for s in STAGES if s not in starts]
        raise RuntimeError(f"the build failed (exit {code}; stages not seen: {missing or 'none'}); last output:\n{''.join(tail)}")
    bounds = [starts[s] for s in STAGES] + [t_end]
    stages = {}
    for i, stage in enumerate(STAGES):
        values = [pss for _, s, pss in sampler.samples if s == stage]
        stages[stage] = {
            "wall": bounds[i + 1] - bounds[i],
            "pss_peak_mib": max(values) / MiB if values else float("nan"),
            "samples": len(values),
            "build_said_s": said.get(stage),
        }
    whole = [pss for *_, pss in sampler.samples]
    stages["whole"] = {"wall": t_end - t0, "pss_peak_mib": max(whole) / MiB if whole else float("nan"), "samples": len(whole)}
    return {"stages": stages, "rss_fallbacks": sampler.rss_fallbacks}


def processed_counts(workdir: Path) -> dict:
    """Articles the build cleaned (by status) and paragraphs it measured, from its tables."""
    import pandas as pd

    processed = workdir / "data" / "processed"
    out: dict = {}
    try:
        status = pd.read_parquet(processed / "articles.parquet", columns=["status"])["status"]
        out["articles_by_status"] = {str(k): int(v) for k, v in status.value_counts().items()}
        out["paragraphs_measured"] = len(pd.read_parquet(processed / "paragraphs.parquet", columns=["article_id"]))
    except Exception as exc:  # noqa: BLE001  (the figures stand without these counts)
        out["error"] = f"{type(exc).__name__}: {exc}"
    return out


# =============================================================================================
# The table, the targets, the extrapolation


def fmt(x: float, spec: str = ",.1f") -> str:
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, spec)


def print_table(runs: list[dict]) -> None:
    print()
    print(f"{'N':>9}  {'stage':<11} {'wall s':>9} {'articles/s':>11} {'ms/article':>11} {'peak PSS MiB':>13} {'samples':>8}")
    for run in runs:
        n = run["n"]
        for stage in (*STAGES, "whole"):
            s = run["stages"][stage]
            print(
                f"{n:>9,}  {stage:<11} {s['wall']:>9.1f} {n / s['wall']:>11.1f} {1000 * s['wall'] / n:>11.2f} "
                f"{fmt(s['pss_peak_mib'], ',.0f'):>13} {s['samples']:>8}"
            )


def targets(runs: list[dict]) -> list[dict]:
    """The issue's targets, the largest size against the smallest."""
    small, large = min(runs, key=lambda r: r["n"]), max(runs, key=lambda r: r["n"])
    ns, nl = small["n"], large["n"]
    out = []
    ms, ml = small["stages"]["whole"]["pss_peak_mib"], large["stages"]["whole"]["pss_peak_mib"]
    out.append(
        {
            "what": "peak memory, whole run",
            "ok": ml <= MEMORY_RATIO * ms,
            "text": f"{ml:,.0f} MiB at N={nl:,} vs {ms:,.0f} MiB at N={ns:,} = {ml / ms:.2f}x (<= {MEMORY_RATIO}x)",
        }
    )
    out.append(
        {
            "what": "peak memory, whole run, largest N",
            "ok": ml <= MEMORY_LIMIT_MIB,
            "text": f"{ml:,.0f} MiB at N={nl:,} (<= 3 GiB = {MEMORY_LIMIT_MIB:,} MiB)",
        }
    )
    for stage in (*TARGET_STAGES, "whole"):
        ts, tl = small["stages"][stage]["wall"] / ns, large["stages"][stage]["wall"] / nl
        out.append(
            {
                "what": f"time per article, {stage}",
                "ok": tl <= TIME_RATIO * ts,
                "text": f"{1000 * tl:.2f} ms at N={nl:,} vs {1000 * ts:.2f} ms at N={ns:,} = {tl / ts:.2f}x (<= {TIME_RATIO}x)",
            }
        )
    return out


def extrapolate(runs: list[dict], to: int = EXTRAPOLATE_TO) -> dict:
    """Straight lines through the smallest and the largest size: wall time (whole and per stage)
    and whole-run peak PSS at ``to`` articles."""
    small, large = min(runs, key=lambda r: r["n"]), max(runs, key=lambda r: r["n"])

    def line(a: float, b: float) -> float:
        slope = (b - a) / (large["n"] - small["n"])
        return a + slope * (to - small["n"])

    out = {"n": to, "from": [small["n"], large["n"]]}
    for stage in (*STAGES, "whole"):
        out[f"wall_{stage}"] = line(small["stages"][stage]["wall"], large["stages"][stage]["wall"])
    out["pss_peak_mib"] = line(small["stages"]["whole"]["pss_peak_mib"], large["stages"]["whole"]["pss_peak_mib"])
    return out


# =============================================================================================


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000], metavar="N", help="corpus sizes (default 10000 50000)")
    parser.add_argument("--bbc", type=Path, default=Path("../shared/corpora/bbc"), help="the BBC corpus (<class>/NNN.txt)")
    parser.add_argument("--layout", choices=("csv", "files"), default="csv", help="one CSV corpus file, or one .txt per article")
    parser.add_argument("--jobs", type=int, default=2, help="the build's --jobs (default 2)")
    parser.add_argument("--interval", type=float, default=0.5, help="memory sampling interval, s (default 0.5)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic corpus (default 0)")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT", help="also save the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folders")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.sizes):
        parser.error("--sizes must be positive")
    sizes = sorted(set(args.sizes))
    bbc = args.bbc if args.bbc.is_absolute() else (ROOT / args.bbc).resolve()
    python = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable

    progress(f"reading the BBC corpus at {bbc}")
    source = Source(bbc)
    progress(
        f"{source.files:,} files: {len(source.headlines):,} distinct headlines, {len(source.paragraphs):,} distinct "
        f"paragraphs, {len(source.words):,} words in the vocabulary"
    )
    runs = []
    for n in sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-scale-{n}-"))
        failed = False
        try:
            t = time.perf_counter()
            corpus = write_corpus(source, n, workdir / "data" / "raw", layout=args.layout, seed=args.seed)
            progress(
                f"N={n:,}: wrote {corpus['paragraphs']:,} paragraphs, {corpus['bytes'] / MiB:,.1f} MiB in "
                f"{corpus['files']:,} file(s) ({args.layout}) in {time.perf_counter() - t:.1f} s; load average "
                f"{os.getloadavg()[0]:.2f}; running the build in {workdir}"
            )
            load = os.getloadavg()[0]
            try:
                result = run_build(workdir, python=python, jobs=args.jobs, interval=args.interval)
            except RuntimeError:
                failed = True
                raise
            result |= {"n": n, "corpus": corpus, "load1_before": load, "processed": processed_counts(workdir)}
            runs.append(result)
            ok = result["processed"].get("articles_by_status", {}).get("ok")
            if ok != n:
                progress(f"warning: N={n:,} but the build's articles table has {ok} ok articles: {result['processed']}")
        finally:
            if args.keep or failed:
                progress(f"work folder kept: {workdir}")
            else:
                shutil.rmtree(workdir, ignore_errors=True)

    print_table(runs)
    kind = "PSS" if not any(r["rss_fallbacks"] for r in runs) else "PSS (RSS for processes whose PSS could not be read)"
    print(
        f"layout {args.layout}; build --jobs {args.jobs}; memory: summed {kind} of the build and its descendants every "
        f"{args.interval:g} s; startup = before `running 01_clean` (inputs hashed, kernels and workers started)"
    )
    for run in runs:
        p = run["processed"]
        print(
            f"  N={run['n']:,}: {run['corpus']['paragraphs']:,} paragraphs written, articles by status {p.get('articles_by_status', p)}, "
            f"{p.get('paragraphs_measured', '-')} paragraphs measured; load1 before {run['load1_before']:.2f}"
        )
    result: dict = {"layout": args.layout, "jobs": args.jobs, "interval": args.interval, "seed": args.seed, "runs": runs}
    if len(runs) >= 2:
        print()
        print("targets (issue 21), largest size against the smallest")
        result["targets"] = targets(runs)
        for t in result["targets"]:
            print(f"  {'PASS' if t['ok'] else 'FAIL'}  {t['what']}: {t['text']}")
        ex = extrapolate(runs)
        result["extrapolation"] = ex
        print()
        print(f"linear extrapolation to {ex['n']:,} articles (through N={ex['from'][0]:,} and N={ex['from'][1]:,}):")
        stages = ", ".join(f"{s} {ex[f'wall_{s}'] / 60:,.0f} min" for s in STAGES)
        print(f"  wall {ex['wall_whole'] / 3600:,.1f} h ({stages}); peak PSS {ex['pss_peak_mib'] / 1024:,.1f} GiB")
        falling = [s for s in (*STAGES, "whole") if ex[f"wall_{s}"] < min(r["stages"][s]["wall"] for r in runs)]
        if falling:
            print(f"  note: the time of {', '.join(falling)} fell with N: fixed costs dominate at these sizes, the line says little")
    else:
        print("one size only: no ratios or extrapolation (give two sizes)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
        progress(f"figures saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
