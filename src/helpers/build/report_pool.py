"""The report workers: a process pool whose workers each keep a kernel started ahead.

A report worker process keeps one kernel warming up for its next report (either report
notebook), and starts another while it runs a report only when reports are still waiting for a
worker.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.util import Finalize

from helpers import paths
from helpers.build.digests import record
from helpers.build.runner import run_notebook

__all__ = ["LAZY_IMPORTS", "warm_kernel", "report_pool", "run_report"]

_TOPICS = ("vocabulary", "documents", "cooccurrence", "count", "stability", "tables", "estimator")
_ACTORS = (
    *("helpers.text.actorlist", "helpers.text.names", "helpers.text.entities"),
    *("helpers.measures.mention_tone", "helpers.measures.actors"),
)
LAZY_IMPORTS = {
    "02_measure": ("helpers.measures.vader", "helpers.measures.topics", *(f"helpers.measures.topics.{m}" for m in _TOPICS), *_ACTORS)
}
"""Modules a notebook's helpers import only when they run (measure_corpus: nltk, scikit-learn, the
actors' gazetteer and tone model), which the notebook's kernel started ahead imports too (the topics
subpackage with its modules)."""


def warm_kernel(notebook: str, *, also: str | None = None):
    """A :class:`helpers.build.kernels.WarmKernel` for ``notebook`` (and the imports of the notebook
    ``also``, which may run in it instead), or None when it cannot start: papermill then starts a
    kernel itself and reports what keeps it from starting."""
    from helpers.build.kernels import WarmKernel, notebook_imports

    extra = [*LAZY_IMPORTS.get(notebook, ())]
    if also:
        extra += [*notebook_imports(paths.NOTEBOOKS / f"{also}.ipynb"), *LAZY_IMPORTS.get(also, ())]
    try:
        return WarmKernel(paths.NOTEBOOKS / f"{notebook}.ipynb", extra_imports=extra)
    except Exception:  # noqa: BLE001
        return None


@dataclass
class _WorkerState:
    """What a report worker process keeps between its reports (one per process, set by the pool's
    initializer): the kernel started ahead for its next report, and the count of reports that no
    worker has taken yet, shared by all the workers."""

    kernel: object = None
    waiting: object = None
    workers: int = 1


_worker = _WorkerState()


def _warm_report_kernel():
    """A kernel for whichever report comes next: the article report's imports and the corpus report's."""
    return warm_kernel("article_report", also="corpus_report")


def _init_report_worker(waiting, workers: int) -> None:
    """Pool initializer: start this worker's first kernel, and import what rendering needs.

    The worker runs at a lower priority (``nice`` +5, inherited by its kernels): while the stages
    still run, its warming up takes only the CPU they leave. Kernels left are shut down when the
    worker exits.
    """
    os.nice(5)
    _worker.waiting, _worker.workers = waiting, workers
    _worker.kernel = _warm_report_kernel()
    Finalize(None, lambda: _worker.kernel and _worker.kernel.shutdown(), exitpriority=10)
    import nbconvert  # noqa: F401  (imported now rather than when the first report is rendered)
    import papermill  # noqa: F401


def run_report(job: tuple[str, dict, str, dict]) -> str:
    """Run one report in a worker process: an article's (``info`` from the articles index) or the corpus's."""
    name, parameters, digest, info = job
    kernel, _worker.kernel = _worker.kernel, None
    try:
        if _worker.waiting is not None:
            with _worker.waiting.get_lock():
                _worker.waiting.value -= 1
                # The other workers hold a kernel each for the next reports; one more is needed
                # only when more reports wait than they can take.
                more = _worker.waiting.value >= _worker.workers
            if more:
                _worker.kernel = _warm_report_kernel()
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
    record("corpus_report" if name == "corpus_report" else f"article_{name}", digest)
    return name


def report_pool(jobs: int):
    """A pool of ``jobs`` report workers, started now, each with a kernel warming up.

    Returns the pool and the shared count of reports not yet taken by a worker (set it once the
    reports are known).
    """
    waiting = multiprocessing.Value("i", 1 << 30)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_report_worker, initargs=(waiting, jobs))
    for _ in range(jobs):
        pool.submit(int)  # starts the workers (and their kernels) now
    return pool, waiting
