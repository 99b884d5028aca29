"""The store of the partitions' tables, and the published tables made of them.

Each partition's tables of a step are kept in ``data/processed/.parts/<step>/<digest>/`` (one
Parquet file per table and a ``summary.json``), named by the digest of everything they depend on
(:func:`digest`, :func:`code_version`). A folder is written under a temporary name and renamed
into place when complete (:func:`write_parts`), so a folder that exists is whole: a run killed at
any point and run again redoes only the partitions without one. At the end of a stage,
:func:`publish` makes ``data/processed/<table>.parquet`` a folder of parts (``part-000000.parquet``
..., hard links to the store) swapped in as a whole, with one schema across the parts.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from helpers import io

__all__ = [
    "STORE",
    "CLEAN_CODE",
    "MEASURE_CODE",
    "DUCKDB_MEMORY",
    "CSV_MAX_ROWS",
    "digest",
    "code_version",
    "folder",
    "write_parts",
    "write_parquet",
    "read_summary",
    "publish",
    "parquet_rows",
    "collect_garbage",
]

STORE = ".parts"
"""The store's folder inside the output folder."""


def digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode())
        h.update(b"\0")
    return h.hexdigest()


CLEAN_CODE = ("paths", "io", "text", "corpus.files", "corpus.inputs", "corpus.pipeline", "corpus.store", "corpus.partitions")
"""The modules and subpackages whose code the cleaned partitions depend on: an edit to one of them
recleans them (an edit elsewhere, a report's code say, reuses them)."""
MEASURE_CODE = (*CLEAN_CODE, "measures")
"""The modules whose code the measured partitions depend on."""


def code_version(modules: tuple[str, ...]) -> str:
    """Digest of the code of some of the helpers' modules: a stored partition made by other code is redone."""
    package = Path(__file__).resolve().parents[1]
    files = []
    for name in modules:
        path = package.joinpath(*name.split("."))
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    return digest(*[[str(p.relative_to(package)), hashlib.sha256(p.read_bytes()).hexdigest()] for p in files])


def folder(processed: Path, step: str, name: str) -> Path:
    """Where a partition's tables of one step (``clean``, ``sentiment``, ``topics``, ``measured``) are kept, by digest."""
    return Path(processed) / STORE / step / name


def write_parts(folder: Path, frames: dict[str, pd.DataFrame], extra: dict | None = None) -> None:
    """Write a partition's tables into ``folder`` as one atomic step (a temporary folder renamed into place)."""
    if folder.exists():
        return
    tmp = folder.parent / f".tmp-{folder.name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        for name, frame in frames.items():
            write_parquet(frame, tmp / f"{name}.parquet")
        (tmp / "summary.json").write_text(json.dumps(extra or {}, sort_keys=True, default=str))
        try:
            os.rename(tmp, folder)
        except OSError:  # another worker finished the same partition first: same content
            if not folder.exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """One part (a column with no value at all keeps Arrow's null type: :func:`publish` gives it
    the type the other parts have)."""
    frame.reset_index(drop=True).to_parquet(path, index=False, engine="pyarrow", compression="zstd")


def read_summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text())


def publish(processed: Path, table: str, parts: list[Path], *, csv: bool = False) -> Path:
    """Make ``processed/<table>.parquet`` the folder of ``parts`` (``part-000000.parquet`` ... in
    order), swapped in as a whole; hard links to the store where the file system allows.

    ``csv``: also write ``<table>.csv`` (for a person to open), when the table has at most
    :data:`CSV_MAX_ROWS` rows; a larger one's CSV is removed (Parquet is the table then).
    """
    import pyarrow.parquet as pq

    processed = Path(processed)
    target = processed / f"{table}.parquet"
    tmp = processed / f".{table}.parquet.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        schema = _common_schema(parts)
        for i, part in enumerate(parts):
            dest = tmp / f"part-{i:06d}.parquet"
            if schema is not None and not pq.read_schema(part).equals(schema):
                _conform(part, schema, dest)
                continue
            try:
                os.link(part, dest)
            except OSError:
                shutil.copyfile(part, dest)
        old = processed / f".{table}.parquet.old-{uuid.uuid4().hex[:8]}"
        if target.exists():
            os.rename(target, old)
        os.rename(tmp, target)
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink(missing_ok=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if csv:
        rows = sum(parquet_rows(p) for p in parts)
        csv_path = processed / f"{table}.csv"
        if rows <= CSV_MAX_ROWS:
            frame = pd.read_parquet(target)
            with io.atomic_write(csv_path) as handle:
                handle.write(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
        else:
            csv_path.unlink(missing_ok=True)
    return target


def _common_schema(parts: list[Path]):
    """The schema every part of a table is published with, when the parts differ (None when they
    all agree): every column of any part, in order of appearance, each with the type the parts
    give it (a column that is all null in one part, say a partition of skipped articles, takes
    the type of the others; corpus files with other metadata columns add theirs)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = [pq.read_schema(p) for p in parts]
    if all(s.equals(schemas[0]) for s in schemas[1:]):
        return None
    unified = pa.unify_schemas([s.remove_metadata() for s in schemas], promote_options="permissive")
    typed = next((s for s in schemas if not any(pa.types.is_null(f.type) for f in s)), schemas[0])
    return unified.with_metadata(typed.metadata)


def _conform(part: Path, schema, dest: Path) -> None:
    """Write ``part`` with ``schema``: its columns cast, the ones it lacks all null (text columns of
    metadata: empty, as a corpus file's missing cell)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(part)
    columns = []
    for column in schema:
        if column.name in table.column_names:
            columns.append(table[column.name].cast(column.type))
        elif pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            columns.append(pa.array([""] * len(table), column.type))
        else:
            columns.append(pa.nulls(len(table), column.type))
    pq.write_table(pa.Table.from_arrays(columns, schema=schema), dest, compression="zstd")


DUCKDB_MEMORY = "1GB"
"""Memory a DuckDB aggregate may take before it spills to disk."""
CSV_MAX_ROWS = 200_000
"""A table's CSV twin is written up to this many rows; a larger table is Parquet only."""


def parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def collect_garbage(processed: Path, step: str, keep: set[str]) -> None:
    """Delete the stored partitions of ``step`` that the current corpus no longer uses."""
    folder = Path(processed) / STORE / step
    if folder.is_dir():
        for child in folder.iterdir():
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
