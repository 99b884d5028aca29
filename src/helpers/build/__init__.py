"""The build behind ``make report``: run the notebooks with papermill and publish HTML reports.

Stages, each a parameterised notebook executed in its own process by papermill, then rendered to
self-contained HTML without code (:func:`helpers.report.html.render_report`):

1. ``01_clean``  -> data/processed/clean_*.parquet, audit.parquet     reports/01_clean.html
2. ``02_measure`` -> data/processed/{paragraphs,sentences,topic_terms,articles}.parquet
                                                                      reports/02_measure.html
3. ``article_report`` per article (in parallel, ``--jobs``)           reports/articles/<id>.html
4. ``corpus_report`` (after the article reports, which it links)     reports/corpus_report.html
5. ``comparison_report`` for ``--compare``, and again for each one built before when its inputs
   changed (removed when its sides no longer fit the data)           reports/compare/<name>.html
6. reports/index.html, linking everything and listing skipped files.

Incremental: each run records a digest of what it depends on (notebook, helpers code,
parameters, input data) in ``data/processed/.build/``; a stage whose digest is unchanged is not
rerun. Cleaning and the topic model depend on the whole corpus (boilerplate is learned across
articles, topics are fitted on all articles), so any change to an article reruns stages 1-2;
an article's report reruns only when its own rows of the measured tables, the topic terms, the
report notebook, the helpers code or its parameters changed.

Kernels: when a stage runs, the kernels of the next stages and of the report workers are started
at once, with their notebooks' imports done before the notebooks run (:mod:`helpers.build.kernels`); the
report workers warm up at a lower priority, so the stages keep the CPU they need.

Outputs are written to a temporary name and renamed into place; a failed notebook leaves the
previous report in place, keeps the failed executed notebook in ``reports/failed/`` and makes the
command exit non-zero naming the notebook, the cell and the error.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.build.digests``       what each step depends on, and the stamps that say it is up to date
- ``helpers.build.kernels``       kernels started ahead of their notebooks, imports done, IPC sockets
- ``helpers.build.runner``        one notebook run with papermill, its provenance, and every way it can fail
- ``helpers.build.selection``     which articles get reports; checks that need the corpus
- ``helpers.build.index``         ``reports/index.html``
- ``helpers.build.report_pool``   the pool of report processes, each with a kernel started ahead
- ``helpers.build.steps``         the order of the steps: stages, then reports, then the index; stale files removed
- ``helpers.build.cli``           the command line (``python -m helpers.build``, ``news-tone``) and the lock
- ``helpers.build.__main__``      ``python -m helpers.build``
"""


def main(argv: list[str] | None = None) -> int:
    """The ``make report`` command (:func:`helpers.build.cli.main`)."""
    from helpers.build.cli import main as cli_main

    return cli_main(argv)
