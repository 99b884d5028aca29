"""The only module that reads and writes files.

Writes are atomic: each output is written to a temporary file in the same folder and renamed into
place, so an interrupted run leaves the previous output intact and never a half-written file.
``data/raw/`` is only ever read.
"""

from __future__ import annotations

import hashlib
import io as _io
import json
import os
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import paths

if TYPE_CHECKING:  # pandas and matplotlib are imported where used, so an up-to-date build starts fast
    import pandas as pd

__all__ = [
    "RawFile",
    "SUFFIXES",
    "CORPUS_SUFFIXES",
    "is_corpus_file",
    "list_corpus_files",
    "file_sha256",
    "HTML_SUFFIXES",
    "METADATA_FILE",
    "MAX_BYTES",
    "list_raw",
    "list_labelled",
    "read_metadata",
    "vader_lexicon",
    "readable_name",
    "input_record",
    "sha256_bytes",
    "read_user_patterns",
    "atomic_write",
    "TABLES",
    "write_table",
    "read_table",
    "read_first_rows",
    "table_digest",
    "write_json",
    "read_json",
    "MANIFEST",
    "read_manifest",
    "built_reports",
    "figure_images",
    "save_figure",
    "SAVE_DPI",
    "read_rating_sets",
    "parse_ground_truth",
    "RATING_SETS",
    "TARGET_SPLITS",
    "read_target_sets",
]

HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", *HTML_SUFFIXES)
"""Files read as articles: plain text, or a saved web page (see :mod:`helpers.text.html_extract`)."""
CORPUS_SUFFIXES = tuple(s + z for s in (".csv", ".tsv", ".jsonl", ".ndjson") for z in ("", ".gz")) + (".parquet",)
"""Files read as corpora of many articles, one per row (``.gz``: gzip-compressed); see :mod:`helpers.corpus.files`."""
METADATA_FILE = "metadata.csv"
"""Not an article: the researcher's table of article metadata."""
MAX_BYTES = 5 * 1024 * 1024
"""Files larger than this (5 MiB, some 800,000 words) are skipped with a message: no news article
is that long; such a file is a dump or a mistake (``max_mib`` in the cleaning notebook changes it)."""


@dataclass(frozen=True)
class RawFile:
    """One entry of the raw folder: where to read it, or the problem that keeps it out.

    The bytes are read on demand (:meth:`read`), by whichever process cleans the article, so a
    large corpus is never held in memory at once.
    """

    article_id: str
    source: str
    path: Path | None
    problem: str = ""
    data: bytes | None = field(default=None, repr=False)
    """The article's bytes, for a row of a corpus file (see :mod:`helpers.corpus.files`); None for a file."""
    headline: str = ""
    """The headline a corpus file gives beside the text ('' when none)."""
    site: str = ""
    """The site or outlet a corpus file gives beside the text ('' when none): boilerplate is also learned per site."""

    def read(self) -> bytes:
        """The article's bytes (raises ``OSError`` when it cannot be read)."""
        if self.data is not None:
            return self.data
        if self.path is None:
            raise OSError(self.problem)
        return self.path.read_bytes()


def list_raw(raw_dir: Path = paths.RAW, *, max_bytes: int = MAX_BYTES) -> list[RawFile]:
    """Every entry of ``raw_dir`` in name order, or with the reason it is skipped.

    Skipped (with a message naming the file and the problem): folders, files not ending in
    ``.txt``, ``.html`` or ``.htm``, files that cannot be opened, files larger than ``max_bytes``. Hidden files and
    ``README*`` are ignored silently, and so are corpus files (:func:`list_corpus_files`). Nothing
    is read here; see :meth:`RawFile.read`.

    An article's id is its file name without the suffix, unless that would clash with another
    entry's id, ignoring case (``x.txt`` and ``x.html``, ``x.txt`` and a folder ``x``, ``X.txt``
    and ``x.txt``: report files must not collide on a case-insensitive disk): then each of those
    entries is known by its full name. Names that still clash ignoring case (``x.txt`` and
    ``X.TXT``) are both skipped, with a message naming the other file.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw data folder {raw_dir} does not exist")
    listed = [p for p in _listed(raw_dir) if not (p.is_file() and is_corpus_file(p.name))]
    # A folder or a file we do not read is known by its full name ('x.pdf' must not shadow 'x.txt').
    ids = [readable_name(p.stem if p.is_file() and p.suffix.lower() in SUFFIXES else p.name) for p in listed]
    stems = Counter(i.casefold() for i in ids)
    ids = [i if stems[i.casefold()] == 1 else readable_name(p.name) for i, p in zip(ids, listed)]
    names = Counter(i.casefold() for i in ids)
    entries = []
    for article_id, path in zip(ids, listed):
        if names[article_id.casefold()] > 1:
            others = [p.name for p in listed if p != path and p.name.casefold() == path.name.casefold()]
            problem = f"has the same name as {', '.join(others)} but for upper/lower case; rename one of them"
            entries.append(RawFile(article_id, readable_name(path.name), None, problem))
        else:
            entries.append(_raw_entry(article_id, path, max_bytes))
    return entries


def _listed(raw_dir: Path) -> list[Path]:
    """The folder's entries in name order, but hidden files, ``README*`` and ``metadata.csv``."""
    return [
        p
        for p in sorted(Path(raw_dir).iterdir(), key=lambda p: p.name)
        if not (p.name.startswith(".") or p.name.upper().startswith("README") or p.name == METADATA_FILE)
    ]


def is_corpus_file(name: str) -> bool:
    """Whether a file name is a corpus file's (``.csv``, ``.tsv``, ``.jsonl``, ``.ndjson``, their ``.gz``, ``.parquet``).

    >>> is_corpus_file("export.CSV.gz"), is_corpus_file("metadata.txt")
    (True, False)
    """
    return name.lower().endswith(CORPUS_SUFFIXES)


def list_corpus_files(raw_dir: Path = paths.RAW) -> list[Path]:
    """The corpus files of ``raw_dir`` (many articles each, one per row), in name order; ``metadata.csv`` is not one."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw data folder {raw_dir} does not exist")
    return [p for p in _listed(raw_dir) if p.is_file() and is_corpus_file(p.name)]


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks (a corpus file of many GB is never in memory)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def readable_name(name: str) -> str:
    r"""A file name as text that can be written anywhere: bytes that are not UTF-8 (a Latin-1 name
    from an old archive) are shown as ``\xNN``, so the id is readable, stable and distinct.

    >>> readable_name(os.fsdecode(b"na\xefve.txt")), readable_name("naïve.txt")
    ('na\\xefve.txt', 'naïve.txt')
    """
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def _raw_entry(article_id: str, path: Path, max_bytes: int) -> RawFile:
    """One listed entry under ``article_id``, readable or with its problem."""
    source = readable_name(path.name)
    if path.is_dir():
        return RawFile(article_id, source, None, "is a folder, not an article file (sub-folders are not read)")
    if path.suffix.lower() not in SUFFIXES:
        return RawFile(article_id, source, None, f"is not a .txt or .html file (suffix {path.suffix or 'none'!r})")
    try:
        size = path.stat().st_size
        if not os.access(path, os.R_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        return RawFile(article_id, source, None, f"cannot be read: {exc.strerror or exc}")
    if size > max_bytes:
        return RawFile(article_id, source, None, f"is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit per article")
    return RawFile(article_id, source, path)


def input_record(entry: RawFile) -> dict:
    """What the provenance says of one raw entry: ``file``, ``sha256`` (or why it is skipped) and,
    for a symbolic link, ``link_to``: the file it resolves to.

    Links are followed (researchers link large corpora into ``data/raw/`` rather than copy them),
    wherever they point; the resolved path is recorded so a reviewer sees what was read.
    """
    record = {"file": f"data/raw/{entry.source}", "sha256": file_sha256(entry.path) if entry.path else entry.problem}
    if entry.path is not None and entry.path.is_symlink():
        record["link_to"] = readable_name(str(entry.path.resolve()))
    return record


def list_labelled(folder: Path) -> list[RawFile]:
    """The ``.txt`` articles of a labelled corpus, one folder per label (the BBC corpus's layout).

    Each article's id is ``<label>/<file stem>``, so :func:`helpers.analysis.validation.labelled_body` can
    read the label back from it.
    """
    return [RawFile(f"{f.parent.name}/{f.stem}", f"{f.parent.name}/{f.name}", f) for f in sorted(Path(folder).glob("*/*.txt"))]


def read_labels(folder: Path, column: str) -> dict[str, str]:
    """Each article's label from ``folder/metadata.csv``: its ``column``, keyed by the file name
    without its suffix (the ``file`` column), as text. For validation against known classes."""
    import pandas as pd

    path = Path(folder) / METADATA_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist: the labels are read from a metadata.csv with a 'file' column")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("file", column) if c not in table.columns]
    if missing:
        raise ValueError(f"{path} has no column {', '.join(map(repr, missing))}; its columns: {', '.join(table.columns)}")
    return {Path(f).stem: label for f, label in zip(table["file"], table[column])}


def read_metadata(folder: Path = paths.RAW) -> pd.DataFrame | None:
    """The researcher's ``folder/metadata.csv`` as text (every cell a string, empty when blank),
    or None when there is none. Checking and typing the columns is :mod:`helpers.analysis.metadata`'s work.

    Read as UTF-8 (with or without BOM), else as Windows-1252 (what spreadsheet programs on
    Windows save). Raises ``ValueError`` naming the file when it is not a CSV table that pandas
    can read in either.
    """
    import pandas as pd

    path = Path(folder) / METADATA_FILE
    if not path.is_file():
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding, skipinitialspace=True)
        except UnicodeDecodeError as exc:
            error = exc
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise ValueError(f"{path} cannot be read as a CSV table: {str(exc).strip()}") from None
    raise ValueError(f"{path} cannot be read as a CSV table: it is neither UTF-8 nor Windows-1252 text ({error})")


def vader_lexicon() -> dict[str, float]:
    """VADER's lexicon (word -> mean human valence, -4 to +4) from the installed ``vaderSentiment``
    package, parsed as NLTK parses it; nothing is downloaded."""
    from importlib import resources

    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    return {word: float(value) for word, value, *_ in (line.split("\t") for line in text.splitlines() if line.strip())}


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def read_user_patterns(path: Path = paths.BOILERPLATE_PATTERNS) -> list[str]:
    """The user's boilerplate patterns: one regular expression per line; ``#`` starts a comment."""
    if not Path(path).exists():
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextmanager
def atomic_write(path: Path, mode: str = "wb"):
    """Open a temporary file; on success rename it to ``path`` (else delete it).

    The temporary file lives in ``paths.TMP`` (same file system as the outputs, so the rename is
    atomic), never beside ``path``: a run killed mid-write leaves no partial file among the outputs.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    paths.TMP.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=paths.TMP)
    try:
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600 files; outputs get the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(frame: pd.DataFrame, name: str, *, folder: Path = paths.PROCESSED, csv: bool = False) -> Path:
    """Write ``frame`` as ``folder/name.parquet`` (and ``name.csv`` when ``csv``); returns the Parquet path."""
    target = Path(folder) / f"{name}.parquet"
    buffer = _io.BytesIO()
    frame.reset_index(drop=True).to_parquet(buffer, index=False, engine="pyarrow", compression="zstd")
    with atomic_write(target) as handle:
        handle.write(buffer.getvalue())
    if csv:
        with atomic_write(target.with_suffix(".csv")) as handle:
            handle.write(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return target


TABLES = ("articles", "paragraphs", "sentences", "segments", "topic_terms", "audit")
"""The measured tables a build leaves in ``data/processed/`` (documented in its README), in reading order."""


def read_table(name: str, *, folder: Path = paths.PROCESSED, filters=None, columns: list[str] | None = None) -> pd.DataFrame:
    """Read ``folder/name.parquet`` (a file, or a folder of parts read as one table), with a clear
    message when it has not been built yet. ``filters`` (pyarrow's, e.g. ``[("article_id", "==", "x")]``)
    and ``columns`` are applied while reading, part by part: memory holds only what they keep."""
    import pandas as pd

    path = Path(folder) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist yet: run `make report` (or the notebook that writes it)")
    return pd.read_parquet(path, filters=filters, columns=columns)


def read_first_rows(name: str, n: int, *, columns: list[str] | None = None, folder: Path = paths.PROCESSED) -> pd.DataFrame:
    """The first ``n`` rows of a table (a file or a folder of parts), read batch by batch: a
    preview that costs the same at any corpus size."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    path = Path(folder) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist yet: run `make report` (or the notebook that writes it)")
    return ds.dataset(path, format="parquet").head(n, columns=columns).to_pandas() if n else pa.table({}).to_pandas()


def table_digest(path: Path) -> str:
    """SHA-256 of a table on disk: a Parquet file, or a folder of parts (their names and bytes)."""
    path = Path(path)
    if path.is_dir():
        h = hashlib.sha256()
        for part in sorted(path.glob("*.parquet")):
            h.update(part.name.encode() + b"\0" + file_sha256(part).encode() + b"\0")
        return h.hexdigest()
    return file_sha256(path) if path.exists() else "missing"


def write_json(obj, path: Path) -> Path:
    """Write ``obj`` as indented, key-sorted JSON, atomically."""
    with atomic_write(Path(path)) as handle:
        handle.write((json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n").encode("utf-8"))
    return Path(path)


def read_json(path: Path):
    """Read a JSON file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


MANIFEST = "manifest.json"
"""The build's record of a run (inputs, measuring parameters, versions), beside the tables."""


def read_manifest(folder: Path = paths.PROCESSED) -> dict:
    """The manifest the last build wrote in ``folder``; empty when there is none (tables made by hand)."""
    path = Path(folder) / MANIFEST
    return read_json(path) if path.exists() else {}


def built_reports(folder: Path = paths.ARTICLE_REPORTS) -> set[str]:
    """The ids of the article reports on disk."""
    return {p.stem for p in Path(folder).glob("*.html")}


SAVE_DPI = 150
"""Resolution of the saved PNG figures."""


def figure_images(fig) -> dict[str, bytes]:
    """``fig`` as PNG (``SAVE_DPI``) and SVG bytes, without timestamps, so reruns are identical."""
    import matplotlib

    images = {}
    for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
        buffer = _io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "news-tone"}):  # stable SVG element ids
            fig.savefig(buffer, format=fmt, dpi=SAVE_DPI, bbox_inches="tight", metadata=metadata)
        images[fmt] = buffer.getvalue()
    return images


def save_figure(fig, name: str, *, folder: Path = paths.FIGURES, images: dict[str, bytes] | None = None) -> list[Path]:
    """Save ``fig`` as ``folder/name.png`` and ``.svg``; ``images``: its :func:`figure_images`, if made already."""
    written = []
    for fmt, data in (images or figure_images(fig)).items():
        target = Path(folder) / f"{name}.{fmt}"
        with atomic_write(target) as handle:
            handle.write(data)
        written.append(target)
    return written


RATING_SETS = {
    "tweets": "tweets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
}
"""VADER's three human-rated sets (Hutto & Gilbert 2014) by short name."""


def read_rating_sets(folder: Path) -> dict[str, pd.DataFrame]:
    """The human-rated sentence sets in ``folder``, parsed with :func:`parse_ground_truth`."""
    folder = Path(folder)
    missing = [f for f in RATING_SETS.values() if not (folder / f).is_file()]
    if missing:
        raise FileNotFoundError(f"the human-rated sets are not all in {folder}: missing {', '.join(missing)}")
    return {name: parse_ground_truth((folder / f).read_text(encoding="utf-8")) for name, f in RATING_SETS.items()}


TARGET_SPLITS = ("dev_rw", "dev_mt")
"""NewsMTSC's development splits (real-world, multi-target): sentences with one target mention each."""
TARGET_FIELDS = ("sentence", "mention", "from", "to", "polarity")


def read_target_sets(folder: Path, splits: tuple[str, ...] = TARGET_SPLITS) -> dict[str, pd.DataFrame]:
    """NewsMTSC splits (``<split>.jsonl`` in ``folder``): one row per labelled mention, with the
    columns ``sentence``, ``mention``, ``start``, ``end`` (the span, end exclusive) and ``polarity``
    (-1, 0, 1). A missing file, a line that is not JSON or a row without a field is an error that
    names the file and line."""
    import json

    import pandas as pd

    folder = Path(folder)
    out = {}
    for split in splits:
        path = folder / f"{split}.jsonl"
        if not path.is_file():
            raise FileNotFoundError(f"{path} does not exist: the NewsMTSC folder must hold {', '.join(s + '.jsonl' for s in splits)}")
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}, line {number}: not JSON ({exc.msg})") from None
            missing = [f for f in TARGET_FIELDS if f not in row]
            if missing:
                raise ValueError(f"{path}, line {number}: missing field(s) {', '.join(missing)}")
            rows.append(row)
        frame = pd.DataFrame(rows, columns=[*TARGET_FIELDS, "id"]).rename(columns={"from": "start", "to": "end"})
        out[split] = frame.astype({"start": "int64", "end": "int64", "polarity": "int64"})
    return out


def parse_ground_truth(text: str) -> pd.DataFrame:
    """VADER's ground-truth format (``id<TAB>mean_rating<TAB>text``, any line ends) to a table.

    Columns ``id``, ``source`` (the part of the id before ``_``, e.g. the Amazon review; the id
    itself when there is none), ``order`` (the part after ``_``, else 0), ``rating`` and ``text``.

    >>> parse_ground_truth("1_2\\t-0.5\\tbad.\\r\\n7\\t2.0\\tgood").values.tolist()
    [['1_2', '1', 2, -0.5, 'bad.'], ['7', '7', 0, 2.0, 'good']]
    """
    import pandas as pd

    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3:
            raise ValueError(f"line {number} must be id<TAB>rating<TAB>text; got {line[:60]!r}")
        item, rating, body = parts
        source, _, order = item.partition("_")
        rows.append((item, source, int(order) if order.isdigit() else 0, float(rating), body.strip()))
    return pd.DataFrame(rows, columns=["id", "source", "order", "rating", "text"])
