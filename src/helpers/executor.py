"""Running batches of work on local processes or a Dask cluster, with the same results either way.

:class:`Workers` is ``concurrent.futures.ProcessPoolExecutor`` (local) or
``distributed.Client`` (a cluster) behind one small interface, for what their own ``map`` does
not do:

- **bounded submission**: ``Executor.map`` submits every item at once, so a generator of batches
  would be made whole in memory; :meth:`Workers.start` submits at most ``IN_FLIGHT`` batches per
  worker and makes the next one as a worker frees up;
- **overlap**: :meth:`Workers.start` returns at once, so the caller works while the workers do
  (measuring fits the topic model here while the workers score sentences), and a second kind of
  work queues behind the first on the same workers;
- **lean workers**: the worker processes fork with the parent's objects frozen out of the garbage
  collector, so they do not copy the parent's memory.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

__all__ = ["Workers", "map_items", "in_batches", "resolve_jobs", "resolve_scheduler", "IN_FLIGHT"]

IN_FLIGHT = 2
"""Batches submitted per local worker at a time (the next ones are made as these finish)."""


def resolve_scheduler(address: str = "") -> str:
    """The Dask scheduler address to use: the argument, else ``$NEWS_TONE_DASK_SCHEDULER``, else ''."""
    return address or os.environ.get("NEWS_TONE_DASK_SCHEDULER", "")


class Workers:
    """Local worker processes or a Dask cluster, for the duration of a ``with`` block.

    ``scheduler``: a scheduler address (``"tcp://host:8786"``), a ``distributed.Client`` or
    ``LocalCluster``, or None for ``jobs`` local processes (with 1, the work runs in this process).
    One pool serves every :meth:`start` of the block, so a second kind of work queues behind the
    first on the same workers instead of starting new ones.
    """

    def __init__(self, jobs: int = 1, scheduler=None, *, max_items: int | None = None):
        self.jobs = min(resolve_jobs(jobs), max(1, max_items)) if max_items is not None else resolve_jobs(jobs)
        self.scheduler = scheduler
        self._pool = self._client = None

    def __enter__(self) -> Workers:
        if self.scheduler:
            from distributed import Client

            self._client = self.scheduler if isinstance(self.scheduler, Client) else Client(self.scheduler)
        elif self.jobs > 1:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs)
            # The workers start (fork) here, from this thread. Objects that exist now are moved out
            # of the garbage collector's reach first: collections in a worker would otherwise write
            # to every inherited object and so copy the parent's pages into the worker.
            gc.freeze()
            try:
                self._pool.submit(int).result()
            except BaseException:
                self._pool.shutdown(cancel_futures=True)
                raise
            finally:
                gc.unfreeze()
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        if self._client is not None and self._client is not self.scheduler:
            self._client.close()

    def start(self, func: Callable, items: Iterable, *, on_done: Callable | None = None) -> Callable[[], list]:
        """Start ``[func(x) for x in items]``; returns ``collect()``, which waits for the results in order.

        The work runs while the caller does something else (in this process, it runs inside
        ``collect()``). ``on_done(result)`` is called as each item finishes (for a progress bar;
        from another thread, in the order they finish).
        """
        if self._client is not None or self._pool is not None:
            return self._feed(func, items, on_done)

        def run() -> list:
            results = []
            for item in items:
                results.append(func(item))
                if on_done is not None:
                    on_done(results[-1])
            return results

        return run

    def _slots(self) -> int:
        if self._client is not None:
            workers = self._client.scheduler_info().get("workers", {})
            return IN_FLIGHT * max(1, sum(w.get("nthreads", 1) for w in workers.values()))
        return IN_FLIGHT * self.jobs

    def _feed(self, func: Callable, items: Iterable, on_done: Callable | None = None) -> Callable[[], list]:
        """Submit ``items`` from a thread, at most ``IN_FLIGHT`` per worker (per Dask worker thread) at a time.

        ``items`` may be a generator: each batch is made only when a worker is about to take it,
        so this process never holds more than a few batches besides the results.
        """
        slots = threading.Semaphore(self._slots())
        futures: list = []
        failed: list[BaseException] = []

        def done(future) -> None:
            slots.release()
            if on_done is not None and not future.cancelled() and future.exception() is None:
                on_done(future.result())

        def feed() -> None:
            try:
                for item in items:
                    slots.acquire()
                    if self._client is not None:
                        future = self._client.submit(func, item, pure=False)
                    else:
                        future = self._pool.submit(func, item)
                    future.add_done_callback(done)
                    futures.append(future)
            except BaseException as exc:  # noqa: BLE001 - raised again by collect()
                failed.append(exc)

        feeder = threading.Thread(target=feed, name="helpers-pipeline-feeder", daemon=True)
        feeder.start()

        def collect() -> list:
            feeder.join()
            if failed:
                raise failed[0]
            results = [future.result() for future in futures]
            futures.clear()  # the caller alone holds the results now
            return results

        return collect

    def map(self, func: Callable, items: Sequence) -> list:
        """``[func(x) for x in items]`` on the workers, results in order."""
        return self.start(func, items)()


def map_items(func: Callable, items: Sequence, *, jobs: int, scheduler=None) -> list:
    """``[func(x) for x in items]`` on local processes or a Dask cluster, results in order."""
    with Workers(jobs, scheduler, max_items=len(items)) as workers:
        return workers.map(func, items)


def in_batches(items: Sequence, size: int) -> list[list]:
    return [list(items[i : i + size]) for i in range(0, len(items), max(1, size))]


def resolve_jobs(jobs: int) -> int:
    return jobs if jobs > 0 else (os.cpu_count() or 1)
