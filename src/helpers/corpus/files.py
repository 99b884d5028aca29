"""Corpus files: exports that hold many articles, one per row (CSV, TSV, JSON Lines, Parquet).

A Media Cloud or GDELT export, a Factiva conversion or a Parquet news data set arrives as a few
large files with the text and its metadata side by side. :func:`read_corpus_file` streams such a
file in chunks of ``chunk_rows`` rows (a 10 GB export is never in memory whole) and turns each row
into a :class:`helpers.io.RawFile` holding the row's text, so the rest of the pipeline treats it
like an article file; the row's other columns are its metadata (:class:`Chunk`).

Columns are found by their usual names (:data:`TEXT_NAMES`, :data:`ID_NAMES`,
:data:`HEADLINE_NAMES`, case-insensitive) or named by the caller (:class:`Columns`). An article's id
is its id column's value (made safe as a file name), else ``<file name>-<line>`` (``news.csv-17``).

Bad rows are kept out and reported, each naming the file, the line (CSV, TSV, JSON Lines) or row
(Parquet) and the reason: empty text, binary content, text over the size limit, a row with the
wrong number of fields, a line that is not JSON. A file that cannot be read further (broken CSV
quoting, a damaged Parquet file) is reported at the line where reading stopped; the rows before it
are used, and the rest of the corpus is processed.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "news.jsonl").write_text('{"id": "a1", "title": "Hi", "text": "Body.", "outlet": "AP"}\\n{"text": ""}\\n')
>>> chunks = list(read_corpus_file(folder / "news.jsonl"))
>>> [(e.article_id, e.source, e.problem) for e in chunks[0].entries]
[('a1', 'news.jsonl, line 1', ''), ('news.jsonl-2', 'news.jsonl, line 2', 'has an empty text')]
>>> chunks[0].metadata.to_dict("records")
[{'article_id': 'a1', 'outlet': 'AP'}]
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.io import CORPUS_SUFFIXES, MAX_BYTES, RawFile, is_corpus_file, readable_name

__all__ = [
    "CORPUS_SUFFIXES",
    "TEXT_NAMES",
    "ID_NAMES",
    "HEADLINE_NAMES",
    "SITE_NAMES",
    "CHUNK_ROWS",
    "Columns",
    "Chunk",
    "CorpusFileError",
    "is_corpus_file",
    "read_corpus_file",
    "metadata_names",
]

TEXT_NAMES = ("text", "body", "content", "article", "full_text", "fulltext", "article_text", "body_text", "story", "maintext")
"""Column names taken for the article's text, in this order of preference (any case)."""
ID_NAMES = ("id", "article_id", "stories_id", "story_id", "doc_id", "document_id", "guid", "uuid")
"""Column names taken for the article's id."""
HEADLINE_NAMES = ("title", "headline")
"""Column names taken for the article's headline."""
SITE_NAMES = ("outlet", "site", "site_name", "source", "media_name", "media", "publisher", "publication", "domain", "source_name")
"""Column names whose value is the article's site or outlet (boilerplate is also learned per site); still metadata too."""
CHUNK_ROWS = 1000
"""Rows read at a time."""

_SAFE_ID = re.compile(r"[A-Za-z0-9][\w.\-]{0,99}")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


class CorpusFileError(ValueError):
    """A corpus file cannot be used at all (no text column, a column named that it does not have)."""


@dataclass(frozen=True)
class Columns:
    """The columns to use; an empty name means "find it by its usual names"."""

    text: str = ""
    id: str = ""
    headline: str = ""


@dataclass
class Chunk:
    """Up to ``chunk_rows`` rows of a corpus file.

    ``entries``: one :class:`helpers.io.RawFile` per row, readable (the row's text as UTF-8 bytes,
    its headline) or with the problem that keeps it out, plus one for a file-level problem (where
    reading stopped). ``metadata``: ``article_id`` and every other column, as text, for the
    readable rows.
    """

    entries: list[RawFile] = field(default_factory=list)
    metadata: pd.DataFrame = field(default_factory=pd.DataFrame)


def _find(names: list[str], wanted: str, candidates: tuple[str, ...], what: str, source: str, *, required: bool) -> str | None:
    """The column to use: ``wanted`` (must exist), else the first of ``candidates`` present (any case)."""
    if wanted:
        if wanted not in names:
            raise CorpusFileError(f"{source}: has no {what} column {wanted!r}; its columns: {', '.join(names)}")
        return wanted
    lower = {n.strip().lower(): n for n in reversed(names)}
    found = next((lower[c] for c in candidates if c in lower), None)
    if found is None and required:
        raise CorpusFileError(
            f"{source}: no {what} column found (looked for {', '.join(candidates)}); its columns: {', '.join(names)}; "
            f"name it with the cleaning parameter {what}_column"
        )
    return found


def _safe_id(value: str) -> str:
    """An id usable as a report's file name: kept when it is one, else made one (with a short hash, so it stays distinct).

    >>> _safe_id("12345"), _safe_id("https://example.com/a/b")
    ('12345', 'https_example.com_a_b-1d18bef4')
    """
    if _SAFE_ID.fullmatch(value):
        return value
    stem = re.sub(r"[^\w.\-]+", "_", value).strip("._")[:80] or "id"
    return f"{stem}-{hashlib.blake2b(value.encode('utf-8', 'surrogateescape'), digest_size=4).hexdigest()}"


def _cell(value: str) -> str:
    """A cell as text: bytes that were not UTF-8 (kept as surrogates while reading) read as Windows-1252.

    >>> _cell(b"Caf\\xe9".decode("utf-8", "surrogateescape"))
    'Café'
    """
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape").decode("cp1252", errors="replace")


def _unique(names: list[str]) -> list[str]:
    """Column names made unique (a second ``tag`` is ``tag_2``, unless that is taken), so no column shadows another.

    >>> _unique(["tag", "text", "tag", "tag_2"])
    ['tag', 'text', 'tag_3', 'tag_2']
    """
    out: list[str] = []
    for name in names:
        new, n = name, 1
        while new in out or (new != name and new in names):
            n += 1
            new = f"{name}_{n}"
        out.append(new)
    return out


_RESERVED = {"article_id": "meta_article_id", "file": "meta_file"}
"""Metadata columns renamed because their names key the metadata (see :data:`helpers.analysis.metadata.KEYS`)."""


class _Rows:
    """Turns a file's rows (dicts of text) into chunks of entries and metadata.

    ``open_schema``: rows may bring columns the first did not have (JSON Lines): they are added as
    they come (earlier rows get empty cells).
    """

    def __init__(self, path: Path, names: list[str], columns: Columns, *, max_bytes: int, unit: str, open_schema: bool = False):
        self.source = readable_name(path.name)
        self.unit, self.max_bytes, self.open_schema = unit, max_bytes, open_schema
        self.text = _find(names, columns.text, TEXT_NAMES, "text", self.source, required=True)
        self.id = _find(names, columns.id, ID_NAMES, "id", self.source, required=False)
        self.headline = _find(names, columns.headline, HEADLINE_NAMES, "headline", self.source, required=False)
        self.meta_names: list[str] = []  # as the metadata table names them
        self._meta_of: dict[str, str] = {}  # the row's key -> its metadata name
        for name in names:
            self._add_column(name)
        lower = {n.strip().lower(): n for n in reversed(list(self._meta_of))}
        self.site = next((lower[c] for c in SITE_NAMES if c in lower), None)
        self.chunk = Chunk()
        self._meta: list[dict] = []

    def _add_column(self, name: str) -> None:
        if name in (self.text, self.id, self.headline) or name in self._meta_of:
            return
        self._meta_of[name] = _RESERVED.get(name, name)
        self.meta_names.append(self._meta_of[name])

    def where(self, number: int) -> str:
        return f"{self.source}, {self.unit} {number}"

    def add(self, number: int, row: dict) -> None:
        where = self.where(number)
        if self.open_schema:
            for key in row:
                self._add_column(key)
        value = _cell(row.get(self.id, "")) if self.id else ""
        # Without an id: the file's name (its suffix too: news.csv and news.jsonl differ) and the line.
        article_id = _safe_id(value.strip()) if value and value.strip() else f"{self.source}-{number}"
        text = row.get(self.text) or ""
        data = text.encode("utf-8", "surrogateescape")
        problem = ""
        if not text.strip():
            problem = "has an empty text"
        elif "\x00" in text or len(_CONTROL.findall(text[:4096])) > 0.01 * min(len(text), 4096):
            problem = "holds binary content, not text"
        elif len(data) > self.max_bytes:
            problem = f"has a text of {len(data) / 2**20:.1f} MiB, over the {self.max_bytes / 2**20:.0f} MiB limit per article"
        if problem:
            self.chunk.entries.append(RawFile(article_id, where, None, problem))
            return
        headline = _cell(row.get(self.headline) or "").strip() if self.headline else ""
        site = _cell(row.get(self.site) or "").strip() if self.site else ""
        self.chunk.entries.append(RawFile(article_id, where, None, data=data, headline=headline, site=site))
        self._meta.append({"article_id": article_id, **{out: _cell(row.get(key) or "") for key, out in self._meta_of.items()}})

    def fail(self, number: int, problem: str) -> None:
        """A bad line or row, or where reading stopped: an entry of its own, known by its place."""
        self.chunk.entries.append(RawFile(f"{self.source}-{self.unit}{number}", self.where(number), None, problem))

    def take(self) -> Chunk:
        chunk, self.chunk = self.chunk, Chunk()
        chunk.metadata = pd.DataFrame(self._meta, columns=["article_id", *self.meta_names], dtype=object).fillna("")
        self._meta = []
        return chunk


def read_corpus_file(
    path: Path, *, columns: Columns | None = None, chunk_rows: int = CHUNK_ROWS, max_bytes: int = MAX_BYTES
) -> Iterator[Chunk]:
    """Stream a corpus file as chunks of at most ``chunk_rows`` rows (see the module's docstring).

    Raises
    ------
    CorpusFileError
        When the file has no text column (or not the one named in ``columns``), or no header row:
        nothing in it can be used. Any other problem is reported in the chunks.
    """
    path, columns = Path(path), columns or Columns()
    name = path.name.lower()
    if name.endswith(".parquet"):
        yield from _read_parquet(path, columns, chunk_rows, max_bytes)
    elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        yield from _read_jsonl(path, columns, chunk_rows, max_bytes)
    else:
        yield from _read_delimited(path, columns, chunk_rows, max_bytes, delimiter="\t" if ".tsv" in name else ",")


def _open_text(path: Path):
    """The file as text: UTF-8 (BOM dropped), bytes that are not UTF-8 kept as surrogates for
    :func:`helpers.text.decode.decode` to read (Windows-1252 exports)."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    return opener(path, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="")


def _read_delimited(path: Path, columns: Columns, chunk_rows: int, max_bytes: int, *, delimiter: str) -> Iterator[Chunk]:
    csv.field_size_limit(max(max_bytes + 1, 2**31 - 1))
    with _open_text(path) as handle:
        # TSV exports do not quote (a text may open with a quotation mark); CSV ones do.
        quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
        reader = csv.reader(handle, delimiter=delimiter, strict=True, quoting=quoting)
        try:
            header = next(reader, None)
        except (csv.Error, OSError, EOFError) as exc:
            raise CorpusFileError(f"{readable_name(path.name)}, line 1: the header cannot be read: {exc}") from None
        if not header:
            raise CorpusFileError(f"{readable_name(path.name)}: is empty; a corpus file starts with a header row naming its columns")
        names = _unique([h.strip() for h in header])
        rows = _Rows(path, names, columns, max_bytes=max_bytes, unit="line")
        read = 0
        while True:
            line = reader.line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                break
            except (csv.Error, OSError, EOFError, UnicodeError) as exc:
                rows.fail(line, f"stops being readable CSV here ({exc}); this line and the rest of the file are not read")
                break
            if not any(f.strip() for f in fields):
                continue  # a blank line
            if len(fields) != len(names):
                rows.fail(line, f"has {len(fields)} fields where the header names {len(names)}; the row is left out")
            else:
                rows.add(line, dict(zip(names, fields)))
            read += 1
            if read % chunk_rows == 0:
                yield rows.take()
    yield rows.take()


def _read_jsonl(path: Path, columns: Columns, chunk_rows: int, max_bytes: int) -> Iterator[Chunk]:
    rows: _Rows | None = None
    pending: list[tuple[int, object]] = []  # rows before the first object names the columns
    with _open_text(path) as handle:
        number = 0
        try:
            for number, line in enumerate(handle, start=1):  # noqa: B007  (number reported after the loop)
                if not line.strip():
                    continue
                try:
                    value = json.loads(line.rstrip("\r\n"))
                except ValueError as exc:
                    value = exc
                if rows is None:
                    if isinstance(value, dict):
                        rows = _Rows(path, list(value), columns, max_bytes=max_bytes, unit="line", open_schema=True)
                        for n, v in pending:
                            _json_row(rows, n, v)
                    else:
                        pending.append((number, value))
                        continue
                _json_row(rows, number, value)
                if len(rows.chunk.entries) >= chunk_rows:
                    yield rows.take()
        except (OSError, EOFError, UnicodeError) as exc:
            if rows is None:
                raise CorpusFileError(f"{readable_name(path.name)}, line {number + 1}: cannot be read: {exc}") from None
            rows.fail(number + 1, f"cannot be read from here ({exc}); the rest of the file is not read")
    if rows is None:
        raise CorpusFileError(f'{readable_name(path.name)}: holds no JSON object (one article per line, as {{"text": ...}})')
    yield rows.take()


def _json_row(rows: _Rows, number: int, value) -> None:
    if isinstance(value, ValueError):
        rows.fail(number, f"is not valid JSON ({value}); the line is left out")
    elif not isinstance(value, dict):
        rows.fail(number, f"holds a JSON {type(value).__name__}, not an object; the line is left out")
    else:
        rows.add(number, {k: _as_text(v) for k, v in value.items()})


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def _read_parquet(path: Path, columns: Columns, chunk_rows: int, max_bytes: int) -> Iterator[Chunk]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise CorpusFileError(f"{readable_name(path.name)}: cannot be read as Parquet: {exc}") from None
    names = _unique(list(parquet.schema_arrow.names))
    rows = _Rows(path, names, columns, max_bytes=max_bytes, unit="row")
    number = 0
    batches = parquet.iter_batches(batch_size=chunk_rows)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            break
        except (OSError, pa.ArrowException) as exc:
            rows.fail(number + 1, f"cannot be read from here ({exc}); this row and the rest of the file are not read")
            break
        # Python values, not NumPy's: an integer id stays one beside a null, a list is JSON.
        for record in batch.rename_columns(names).to_pylist():
            number += 1
            rows.add(number, {k: _as_text(v) for k, v in record.items()})
        yield rows.take()
    yield rows.take()


def metadata_names(path: Path, columns: Columns | None = None) -> list[str]:
    """The metadata columns of a corpus file (every column but the text, id and headline), from its
    header alone; empty when the file has no header or no text column (cleaning reports why)."""
    path, columns = Path(path), columns or Columns()
    name = path.name.lower()
    try:
        if name.endswith(".parquet"):
            import pyarrow.parquet as pq

            names = list(pq.read_schema(path).names)
        else:
            with _open_text(path) as handle:
                if ".jsonl" in name or ".ndjson" in name:  # the keys of the first objects (lines may differ)
                    names = []
                    for line in itertools.islice(handle, 1000):
                        try:
                            value = json.loads(line)
                        except ValueError:
                            continue
                        names += [k for k in value if k not in names] if isinstance(value, dict) else []
                else:
                    names = _unique([h.strip() for h in next(csv.reader(handle, delimiter="\t" if ".tsv" in name else ","), [])])
        return _Rows(path, _unique(names), columns, max_bytes=MAX_BYTES, unit="line").meta_names
    except (CorpusFileError, OSError, ValueError, csv.Error, EOFError):
        return []
