"""What each build step depends on, as SHA-256 digests, and the stamps that record them.

A step (a stage, a report) is up to date when the digest of its inputs (notebook, helpers code,
parameters, data) equals the one stamped in ``data/processed/.build/`` at its last success, and
its outputs exist.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers import io, paths

__all__ = ["BUILD", "ARTICLES_INDEX", "digest_of", "file_digest", "code_digest", "stamp_path", "up_to_date", "record"]

BUILD = paths.PROCESSED / ".build"
ARTICLES_INDEX = BUILD / "articles.json"
"""The last complete build's articles: status, source, digests (what the index lists)."""


def digest_of(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else json.dumps(part, sort_keys=True).encode())
        h.update(b"\0")
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file, or of a table's folder of Parquet parts; ``"missing"`` when there is none."""
    path = Path(path)
    if path.is_dir():
        return io.table_digest(path)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def code_digest() -> str:
    package = Path(__file__).resolve().parents[1]  # all of helpers/, this package included
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest_of(*[[str(p.relative_to(package)), file_digest(p)] for p in files])


def stamp_path(name: str) -> Path:
    return BUILD / f"{name}.digest"


def up_to_date(name: str, digest: str, outputs: list[Path]) -> bool:
    stamp = stamp_path(name)
    return stamp.exists() and stamp.read_text() == digest and all(p.exists() for p in outputs)


def record(name: str, digest: str) -> None:
    with io.atomic_write(stamp_path(name)) as handle:
        handle.write(digest.encode())
