"""The one place that knows where things live.

Every path is derived from this file's location, never from the working directory, so a notebook
behaves the same from JupyterLab, from papermill and from any folder. Nothing here touches the disk.
"""
from pathlib import Path

__all__ = [
    "ROOT", "RAW", "PROCESSED", "REPORTS", "FIGURES", "NOTEBOOKS", "CONFIG",
    "BOILERPLATE_PATTERNS", "SEED_ID",
]

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
PROCESSED = ROOT / "data" / "processed"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
NOTEBOOKS = ROOT / "notebooks"
CONFIG = ROOT / "config"
BOILERPLATE_PATTERNS = CONFIG / "boilerplate_patterns.txt"
SEED_ID = "000_0ba03db089b0c025"
