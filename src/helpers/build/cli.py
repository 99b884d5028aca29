"""The command line: ``python -m helpers.build`` (``make report``, ``news-tone``), with the lock
that keeps two builds of one project apart."""

from __future__ import annotations

import argparse
import fcntl
import os
import sys
import time
from pathlib import Path

from helpers import paths
from helpers.analysis.params import parse_overrides
from helpers.build.digests import ARTICLES_INDEX, BUILD
from helpers.build.index import write_last_good_index
from helpers.build.runner import FAILED_DIR, BuildError, folder_inputs, run_notebook
from helpers.build.steps import STAGES, build, remove_stale_temporaries

__all__ = ["main"]


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
        "--compare",
        default=None,
        metavar="SIDES",
        help="also build reports/compare/<name>.html comparing two groups or periods, e.g. 'outlet=Reuters,outlet=AP'",
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
    from helpers.build.kernels import HEADLESS_ENV

    os.environ.update(HEADLESS_ENV)
    try:
        if args.jobs < 1:
            raise ValueError(f"--jobs must be at least 1; got {args.jobs}")
        notebooks = [args.notebook] if args.notebook else [*STAGES, "article_report", "corpus_report", "comparison_report"]
        stage_params = parse_overrides(args.params, notebooks)
        if args.compare is not None:
            from helpers.analysis.metadata import parse_compare

            parse_compare(args.compare)  # the form now; the groups against the data before any notebook runs
        BUILD.mkdir(parents=True, exist_ok=True)
        with open(BUILD / "lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BuildError("another `make report` is running in this project; wait for it to finish") from None
            remove_stale_temporaries()
            if args.notebook:
                print(f"running {args.notebook} ...", flush=True)
                run_notebook(args.notebook, stage_params[args.notebook], args.notebook, inputs=folder_inputs(stage_params[args.notebook]))
                executed = 1
                if ARTICLES_INDEX.exists():  # link the new report from the index
                    write_last_good_index()
            else:
                executed = build(
                    jobs=args.jobs, force=args.force, articles_spec=args.articles, stage_params=stage_params, compare=args.compare
                )
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
