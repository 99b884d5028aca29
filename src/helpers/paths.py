"""The one place that knows where things live.

Every path is derived from this file's location, never from the working directory, so a notebook
behaves the same from JupyterLab, from papermill and from any folder. Nothing here touches the disk.

The data and report folders can be moved elsewhere as a whole by setting ``NEWS_TONE_WORKDIR`` to
a folder holding ``data/raw/`` (the tests build into a temporary folder this way); notebooks,
code and configuration always come from the project.
"""

import os
from pathlib import Path

__all__ = [
    "ROOT",
    "WORKDIR",
    "RAW",
    "PROCESSED",
    "REPORTS",
    "TMP",
    "FIGURES",
    "ARTICLE_REPORTS",
    "NOTEBOOKS",
    "CONFIG",
    "BOILERPLATE_PATTERNS",
    "ACTORS",
    "SEED_ID",
    "given_or",
]

ROOT = Path(__file__).resolve().parents[2]
WORKDIR = Path(os.environ["NEWS_TONE_WORKDIR"]).resolve() if os.environ.get("NEWS_TONE_WORKDIR") else ROOT
RAW = WORKDIR / "data" / "raw"
PROCESSED = WORKDIR / "data" / "processed"
REPORTS = WORKDIR / "reports"
TMP = WORKDIR / ".tmp"  # outputs in the making; renamed into place when complete
FIGURES = REPORTS / "figures"
ARTICLE_REPORTS = REPORTS / "articles"
NOTEBOOKS = ROOT / "notebooks"
CONFIG = ROOT / "config"
BOILERPLATE_PATTERNS = CONFIG / "boilerplate_patterns.txt"
ACTORS = CONFIG / "actors.csv"
SEED_ID = "000_0ba03db089b0c025"


def given_or(folder: str, default: Path) -> Path:
    """A notebook's folder parameter: the folder given, or ``default`` when it is empty.

    >>> given_or("", PROCESSED) == PROCESSED, given_or("/data/x", PROCESSED)
    (True, PosixPath('/data/x'))
    """
    return Path(folder) if folder else default
