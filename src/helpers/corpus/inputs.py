"""The raw folder cut into partitions of whole articles: article files in name order, then each corpus file's rows.

A partition ends after an article whose id hashes to a boundary (:func:`id_hash`), so adding
articles to a corpus changes only the partitions they fall into, and no partition holds more than
twice the target (:data:`PARTITION_ARTICLES`). A second article with an id already taken is skipped
with a message saying so. Each partition carries the digest of its entries and metadata.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import io
from helpers.corpus.files import Columns, CorpusFileError, read_corpus_file
from helpers.io import RawFile

__all__ = ["PARTITION_ARTICLES", "DEFAULT_COLUMNS", "Partition", "id_hash", "iter_partitions"]

PARTITION_ARTICLES = 1000
"""Target articles per partition: what one worker holds at a time, whatever the corpus size."""
DEFAULT_COLUMNS = Columns()


def id_hash(article_id: str) -> int:
    """A stable 64-bit hash of an article id: what samples and partition boundaries are chosen by."""
    return int.from_bytes(hashlib.blake2b(article_id.encode("utf-8", "surrogateescape"), digest_size=8).digest(), "little")


@dataclass
class Partition:
    """Whole articles of the corpus: readable entries and skipped ones, with the corpus-file metadata."""

    index: int
    entries: list[RawFile]
    metadata: pd.DataFrame | None = None
    digest: str = ""

    @property
    def n_articles(self) -> int:
        return len(self.entries)


def _entry_digest(entry: RawFile) -> bytes:
    if entry.data is not None:
        content = hashlib.sha256(entry.data).hexdigest() + entry.headline
    elif entry.path is not None:
        try:
            content = io.file_sha256(entry.path)
        except OSError as exc:
            content = f"unreadable: {exc}"
    else:
        content = ""
    return f"{entry.article_id}\0{entry.source}\0{entry.problem}\0{content}\n".encode("utf-8", "surrogateescape")


def _entries(raw_dir: Path, *, max_bytes: int, columns: Columns) -> Iterator[tuple[RawFile, pd.DataFrame | None]]:
    """Every entry of the raw folder, article files first, then each corpus file's rows, each with
    the metadata frame of its chunk (None for an article file)."""
    for entry in io.list_raw(raw_dir, max_bytes=max_bytes):
        yield entry, None
    for path in io.list_corpus_files(raw_dir):
        name = io.readable_name(path.name)
        try:
            empty = True
            for chunk in read_corpus_file(path, columns=columns, max_bytes=max_bytes):
                for entry in chunk.entries:
                    empty = False
                    yield entry, chunk.metadata
            if empty:
                yield RawFile(name, name, None, "holds no article: a header, and no row under it"), None
        except CorpusFileError as exc:
            yield RawFile(name, name, None, str(exc).removeprefix(f"{name}: ").removeprefix(f"{name}, ")), None
        except OSError as exc:
            yield RawFile(name, name, None, f"cannot be read: {exc.strerror or exc}"), None


def iter_partitions(
    raw_dir: Path,
    *,
    max_bytes: int = io.MAX_BYTES,
    columns: Columns = DEFAULT_COLUMNS,
    size: int = PARTITION_ARTICLES,
    digests: bool = True,
) -> Iterator[Partition]:
    """The raw folder's articles in partitions of about ``size`` whole articles (see the module).

    A second article with an id already taken (a corpus row repeating another row's id, or an
    article file's name) is skipped with a message saying so. The same folder always gives the
    same partitions.
    """
    seen: set[int] = set()
    half = max(1, size // 2)
    entries: list[RawFile] = []
    metas: list[pd.DataFrame] = []
    h = hashlib.sha256()
    index = 0

    def close() -> Partition:
        nonlocal entries, metas, h, index
        ids = {e.article_id for e in entries if e.data is not None}
        meta = pd.concat(metas, ignore_index=True) if metas else None
        if meta is not None:
            meta = meta[meta["article_id"].isin(ids)].drop_duplicates("article_id").reset_index(drop=True)
            h.update(pd.util.hash_pandas_object(meta, index=False).values.tobytes())
            h.update("\0".join(meta.columns).encode("utf-8", "surrogateescape"))
        part = Partition(index, entries, meta, h.hexdigest())
        entries, metas, h, index = [], [], hashlib.sha256(), index + 1
        return part

    for entry, meta in _entries(Path(raw_dir), max_bytes=max_bytes, columns=columns):
        if meta is not None and not (metas and metas[-1] is meta):
            metas.append(meta)  # a chunk's metadata, once per partition its rows fall into
        key = id_hash(entry.article_id.casefold())
        if key in seen and not entry.problem:
            entry = RawFile(
                re.sub(r"[^\w.\-]+", "_", entry.source),
                entry.source,
                None,
                f"has the id {entry.article_id!r}, which an earlier article already has (ids are unique, ignoring case); left out",
            )
            key = id_hash(f"{entry.source}\0duplicate")
        if not entry.problem:  # a refused entry takes no id: x.txt beside X.TXT are both refused, for the same reason
            seen.add(key)
        entries.append(entry)
        if digests:
            h.update(_entry_digest(entry))
        if (len(entries) >= half and id_hash(entry.article_id) % half == 0) or len(entries) >= 2 * size:
            yield close()
    if entries or index == 0:
        yield close()
