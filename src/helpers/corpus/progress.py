"""Progress of the long stages: a tqdm bar over articles, and a line for the steps that have none."""

from __future__ import annotations

import os
import sys

__all__ = ["progress", "say"]


class progress:
    """A tqdm bar over articles, with articles per second and the time left.

    Drawn where a person watches: in JupyterLab, under the cell; under ``make report``, on the
    build's console (the kernel's standard error, ``NEWS_TONE_PROGRESS=console``). Where nobody
    watches (a log, CI), one plain line at most every 30 seconds instead of a bar redrawn
    thousands of times.
    """

    def __init__(self, total: int, desc: str):
        from tqdm import tqdm

        stream = sys.stderr
        if os.environ.get("NEWS_TONE_PROGRESS") == "console":
            stream = sys.__stderr__ or sys.stderr
        tty = os.environ.get("NEWS_TONE_PROGRESS") != "quiet" and _interactive(stream)
        self.bar = tqdm(
            total=total,
            desc=desc,
            unit="article",
            file=stream if tty else _Lines(stream),
            mininterval=0.5 if tty else 30,
            maxinterval=60 if tty else 600,
            dynamic_ncols=tty,
            ncols=None if tty else 100,
            ascii=not tty,
            smoothing=0.1,
        )

    def update(self, n: int) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def say(text: str) -> None:
    """One line where the progress bars go (a long step that has no bar: the topic model's fit)."""
    if os.environ.get("NEWS_TONE_PROGRESS") == "quiet":
        return
    stream = (sys.__stderr__ or sys.stderr) if os.environ.get("NEWS_TONE_PROGRESS") == "console" else sys.stderr
    stream.write(text + "\n")
    stream.flush()


def _interactive(stream) -> bool:
    if "ipykernel" in sys.modules and stream is sys.stderr:
        return True  # a notebook's cell output: the front end redraws the bar in place
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Lines:
    """A stream for tqdm that turns each redraw into one plain line (for logs)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> None:
        text = text.replace("\r", "").strip()
        if text:
            self.stream.write(text + "\n")

    def flush(self) -> None:
        self.stream.flush()
