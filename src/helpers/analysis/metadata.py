"""Article metadata: the researcher's ``metadata.csv``, checked, typed and joined to the articles.

``data/raw/metadata.csv`` is optional: one row per article, keyed by a ``file`` column (the file
name in ``data/raw/``) or an ``article_id`` column, with any further columns. :func:`prepare`
types each column (numbers, dates, or text: categories are text) and lists every problem with a
message naming the row, the column and what is wrong; the rows and cells in question are left
out and the rest is used. :func:`join` adds the columns to the articles table, beside the
metadata the articles carry themselves (the dateline's place, a web page's date and site name).
:func:`check_parameters` checks the report parameters ``group_by``, ``date_column``,
``time_unit`` and ``compare`` against the joined table, before any notebook runs.

The file is read by :func:`helpers.io.read_metadata` (through :func:`load`); the rest is pure.

>>> raw = pd.DataFrame({"file": ["a.txt", "b.txt"], "outlet": ["AP", "Reuters"], "date": ["2020-01-02", "2020-02-03"]})
>>> articles = pd.DataFrame({"article_id": ["a", "b"], "source": ["a.txt", "b.txt"], "status": ["ok", "ok"]})
>>> meta = prepare(raw, articles)
>>> meta.kinds, meta.problems
({'outlet': 'text', 'date': 'date'}, [])
>>> join(articles, meta)["date"].dt.month.tolist()
[1, 2]
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from helpers import io, paths
from helpers.analysis.params import RULES, TIME_UNITS, check, column_of

__all__ = [
    "KEYS",
    "CARRIED",
    "BUILT_IN",
    "DATE_FORMATS",
    "TIME_UNITS",
    "COMPARE_OPERATORS",
    "Metadata",
    "Side",
    "Settings",
    "prepare",
    "column_names",
    "join",
    "load",
    "date_columns",
    "group_columns",
    "parse_compare",
    "compare_name",
    "check_parameters",
]

KEYS = ("file", "article_id")
"""The key columns of ``metadata.csv``, either one: the file name in ``data/raw/`` or the article id."""

CARRIED = {"dateline": "text", "site_name": "text", "published": "date"}
"""Metadata the articles carry themselves (cleaning finds it): usable like the researcher's columns."""

BUILT_IN = (
    "article_id source sha256 status problem encoding repairs headline dateline dateline_date copyright n_lines n_nonblank "
    "n_paragraphs n_headings n_removed format published author site_name url page_chars outside_chars n_sentences "
    "compound_mean compound_ci_low compound_ci_high share_positive share_negative topic"
).split()
"""The articles table's own columns (``topic_1`` ... ``topic_k`` too): a metadata column may not take one of these names."""

DATE_FORMATS = (
    ("ISO8601", "ISO 8601: 2020-03-01, 2020-03-01 09:30, 2020-03-01T09:30:00+01:00"),
    ("%d-%b-%Y %H:%M:%S.%f", "26-FEB-1987 15:26:26.78"),
    ("%d-%b-%Y %H:%M:%S", "26-Feb-1987 15:26:26"),
    ("%d-%b-%Y", "26-Feb-1987"),
    ("%d %b %Y", "26 Feb 1987"),
    ("%d %B %Y", "26 February 1987"),
    ("%b %d, %Y", "Feb 26, 1987"),
    ("%B %d, %Y", "February 26, 1987"),
    ("%d/%m/%Y", "26/02/1987 (day first)"),
    ("%m/%d/%Y", "02/26/1987 (month first)"),
    ("%Y/%m/%d", "1987/02/26"),
)
"""Date formats read, tried in this order (strptime codes; month names in any case). A column is a
date column when at least :data:`DATE_SHARE` of its values are dates in one of them; times with a
UTC offset are converted to UTC."""

DATE_SHARE = 0.8
COMPARE_OPERATORS = ("<=", ">=", "!=", "=", "<", ">")


@dataclass
class Metadata:
    """``metadata.csv`` checked: one row per known article, typed columns, and the problems found.

    Attributes
    ----------
    table : DataFrame
        Indexed by ``article_id``; one column per usable metadata column.
    kinds : dict of str to str
        Each column's kind: ``number``, ``date`` or ``text``.
    formats : dict of str to str
        Each date column's format (see :data:`DATE_FORMATS`).
    problems : list of str
        One message per problem: the row (1 = the first row under the header), the column and what is wrong.
    """

    table: pd.DataFrame
    kinds: dict[str, str] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _where_in_csv(row: int | None, column: str | None) -> str:
    parts = ["metadata.csv"] + ([f"row {row}"] if row is not None else []) + ([f"column {column!r}"] if column else [])
    return ", ".join(parts)


def _parse_dates(values: pd.Series, fmt: str) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(values, format=fmt, errors="coerce", utc=True)
    return parsed.dt.tz_convert(None)


def _type_column(values: pd.Series) -> tuple[str, str, pd.Series]:
    """(kind, date format, typed values) of one column of text; blank cells become missing."""
    filled = values.str.strip().replace("", pd.NA).dropna()
    if filled.empty:
        return "text", "", values.str.strip().replace("", pd.NA)
    numbers = pd.to_numeric(filled, errors="coerce")
    if numbers.notna().all():
        return "number", "", pd.to_numeric(values.str.strip().replace("", pd.NA), errors="coerce")
    best, best_count = "", 0
    for fmt, _ in DATE_FORMATS:
        count = int(_parse_dates(filled, fmt).notna().sum())
        if count > best_count:
            best, best_count = fmt, count
    if best and best_count >= DATE_SHARE * len(filled):
        return "date", best, _parse_dates(values.str.strip(), best)
    return "text", "", values.str.strip().replace("", pd.NA)


def prepare(raw: pd.DataFrame, articles: pd.DataFrame, *, row_names: Sequence[str] | None = None) -> Metadata:
    """Check and type ``metadata.csv`` (as read by :func:`helpers.io.read_metadata`) against the articles.

    Parameters
    ----------
    raw : DataFrame
        Every cell a string (empty when blank), in file order.
    articles : DataFrame
        The articles table (``article_id``, ``source``; skipped files too).

    Returns
    -------
    Metadata
        Problems reported (and left out): no key column; an empty key; a file or id that is not in
        ``data/raw/``; a key given twice (the first row is used); a column named like a built-in
        column of the articles table (read as ``meta_<name>``); a date that cannot be read in its column's format (the cell
        is left missing).
    row_names : sequence of str, optional
        What the messages call each row (a corpus file's line) instead of ``metadata.csv, row N``.
    """
    problems: list[str] = []

    def _where(row: int | None, column: str | None) -> str:
        if row_names is None:
            return _where_in_csv(row, column)
        return ", ".join([row_names[row - 1] if row is not None else "corpus files"] + ([f"column {column!r}"] if column else []))

    key = next((k for k in KEYS if k in raw.columns), None)
    if key is None:
        problems.append(
            f"{_where(None, None)}: no key column; the first row must name a 'file' or an 'article_id' column, got {list(raw.columns)}"
        )
        return Metadata(pd.DataFrame(index=pd.Index([], name="article_id")), problems=problems)
    by_source = dict(zip(articles["source"], articles["article_id"]))
    known = set(articles["article_id"])
    ids, keep, seen = [], [], {}
    for number, value in enumerate(raw[key].str.strip(), start=1):
        aid = (by_source.get(value) or (value if value in known else None)) if key == "file" else (value if value in known else None)
        if not value:
            problems.append(f"{_where(number, key)}: empty key; the row is left out")
        elif aid is None:
            what = "file" if key == "file" else "article id"
            problems.append(f"{_where(number, key)}: unknown {what} {value!r}: there is no such article in data/raw; the row is left out")
        elif aid in seen:
            problems.append(f"{_where(number, key)}: duplicate key {value!r}, also in row {seen[aid]}; row {seen[aid]} is used")
        else:
            seen[aid] = number
            ids.append(aid)
            keep.append(number - 1)
    rows = raw.iloc[keep].set_axis(pd.Index(ids, name="article_id"))
    kinds, formats, columns = {}, {}, {}
    for original in raw.columns:
        column = original
        if column in KEYS:
            continue
        if column in BUILT_IN or re.fullmatch(r"topic_\d+", column):
            column = f"meta_{original}"
            if column in raw.columns:
                problems.append(
                    f"{_where(None, original)}: the name clashes with a built-in column of the articles table, "
                    f"and {column!r} is taken too; the column is left out (rename it)"
                )
                continue
            problems.append(
                f"{_where(None, original)}: the name clashes with a built-in column of the articles table; "
                f"the column is read as {column!r} (rename it in metadata.csv to choose another name)"
            )
        kind, fmt, typed = _type_column(rows[original])
        kinds[column], columns[column] = kind, typed
        if kind == "date":
            formats[column] = fmt
            example = dict(DATE_FORMATS)[fmt]
            other = {"%d/%m/%Y": "%m/%d/%Y", "%m/%d/%Y": "%d/%m/%Y"}.get(fmt)
            alt = _parse_dates(rows[original].str.strip(), other) if other else None
            if alt is not None and alt.notna().sum() >= typed.notna().sum() and (alt.notna() & typed.notna() & (alt != typed)).any():
                problems.append(
                    f"{_where(None, original)}: its dates read both day first and month first; they are read as "
                    f"{example} (write them as ISO 8601, 1987-02-26, to say which)"
                )
            bad = typed.isna() & rows[original].str.strip().ne("")
            for aid in bad[bad].index:
                problems.append(
                    f"{_where(seen[aid], original)}: unparseable date {rows.at[aid, original]!r} "
                    f"(the column's other dates read as {example}); the cell is left missing"
                )
    table = pd.DataFrame(columns, index=rows.index)
    return Metadata(table, kinds, formats, sorted(problems, key=_row_order))


def column_names(raw: pd.DataFrame) -> list[str]:
    """The names :func:`prepare` gives ``metadata.csv``'s columns (keys left out, clashes as ``meta_<name>``),
    with the columns the articles carry: what ``group_by`` and ``date_column`` may name before any measuring."""
    names = [f"meta_{c}" if c in BUILT_IN or re.fullmatch(r"topic_\d+", c) else c for c in raw.columns if c not in KEYS]
    return names + [c for c in CARRIED if c not in names]


def _row_order(message: str) -> int:
    found = re.search(r"row (\d+)", message)
    return int(found.group(1)) if found else 0


def join(articles: pd.DataFrame, meta: Metadata | None) -> pd.DataFrame:
    """The articles table with the metadata columns added (missing where an article has no row),
    and the carried ``published`` date read as a date (missing when the page states none)."""
    out = articles.copy()
    if "published" in out:
        out["published"] = _parse_dates(out["published"].astype("string").fillna(""), "ISO8601")
    for column in ("dateline", "site_name"):
        if column in out:
            out[column] = out[column].astype("string").str.strip().replace("", pd.NA)
    if meta is not None and len(meta.table.columns):
        out = out.join(meta.table, on="article_id")
    return out


def load(articles: pd.DataFrame, raw_dir=None, processed_dir=None) -> tuple[pd.DataFrame, Metadata | None]:
    """The articles table with its metadata checked and joined, and the checked metadata (None when
    there is none): ``raw_dir/metadata.csv`` (default ``data/raw``) and the columns of the corpus
    files (``processed_dir/corpus_metadata.parquet``, default ``data/processed``, written by the
    cleaning stage). Both go through :func:`prepare`; where both give a column for an article,
    ``metadata.csv`` wins. A file that cannot be read is one problem, not an error: the reports
    go on without it."""
    corpus = _corpus_metadata(articles, processed_dir or paths.PROCESSED)
    try:
        raw = io.read_metadata(raw_dir or paths.RAW)
    except ValueError as exc:
        meta = Metadata(pd.DataFrame(index=pd.Index([], name="article_id")), problems=[str(exc)])
        return join(articles, _merge(corpus, meta)), _merge(corpus, meta)
    meta = None if raw is None else prepare(raw, articles)
    meta = _merge(corpus, meta)
    return join(articles, meta), meta


def _corpus_metadata(articles: pd.DataFrame, processed) -> Metadata | None:
    """The corpus files' metadata columns, checked like ``metadata.csv`` (problems name the file and line)."""
    path = paths.given_or(str(processed), paths.PROCESSED) / "corpus_metadata.parquet"
    if not path.exists():
        return None
    raw = pd.read_parquet(path)
    if len(raw.columns) < 2 or raw.empty:
        return None
    sources = dict(zip(articles["article_id"], articles["source"]))
    return prepare(raw.fillna("").astype(str), articles, row_names=[sources.get(a, f"article {a}") for a in raw["article_id"]])


def _merge(corpus: Metadata | None, csv: Metadata | None) -> Metadata | None:
    """Corpus-file metadata and ``metadata.csv``'s, as one; ``metadata.csv`` wins where both give a value."""
    if corpus is None or csv is None:
        return csv if corpus is None else corpus
    table = csv.table.combine_first(corpus.table)[list(dict.fromkeys([*corpus.table.columns, *csv.table.columns]))]
    return Metadata(
        table.rename_axis("article_id"),
        {**corpus.kinds, **csv.kinds},
        {**corpus.formats, **csv.formats},
        corpus.problems + csv.problems,
    )


def _kinds(joined: pd.DataFrame, meta: Metadata | None) -> dict[str, str]:
    kinds = {c: k for c, k in CARRIED.items() if c in joined and joined[c].notna().any()}
    return {**(meta.kinds if meta else {}), **kinds}


def date_columns(joined: pd.DataFrame, meta: Metadata | None) -> list[str]:
    """Date columns with at least one date among the analysed articles: the researcher's, in file
    order, then ``published``."""
    ok = joined[joined["status"].eq("ok")] if "status" in joined else joined
    return [c for c, k in _kinds(joined, meta).items() if k == "date" and c in ok and ok[c].notna().any()]


def group_columns(joined: pd.DataFrame, meta: Metadata | None) -> list[str]:
    """Columns that can group articles (with a value for at least one analysed article): the
    researcher's text and number columns, ``dateline`` and ``site_name``."""
    ok = joined[joined["status"].eq("ok")] if "status" in joined else joined
    return [c for c, k in _kinds(joined, meta).items() if k != "date" and c in ok and ok[c].notna().any()]


@dataclass(frozen=True)
class Side:
    """One side of a comparison: its label (``outlet=AP``) and which articles it holds."""

    label: str
    mask: pd.Series


@dataclass(frozen=True)
class Settings:
    """The checked comparison parameters; ``None`` where the data do not allow one (``why`` says why)."""

    group_by: str | None
    date_column: str | None
    time_unit: str | None
    sides: tuple[Side, Side] | None
    why: dict[str, str]


def parse_compare(spec: str) -> list[tuple[str, str, str]]:
    """``'outlet=Reuters,outlet=AP'`` -> ``[('outlet', '=', 'Reuters'), ('outlet', '=', 'AP')]``.

    >>> parse_compare("date<2020-03-01, date>=2020-03-01")
    [('date', '<', '2020-03-01'), ('date', '>=', '2020-03-01')]
    """
    parts = [p.strip() for p in spec.split(",")]
    if len(parts) != 2:
        raise ValueError(f"compare must be two groups or periods separated by a comma, e.g. 'outlet=Reuters,outlet=AP'; got {spec!r}")
    out = []
    for part in parts:
        found = re.fullmatch(r"\s*([^<>=!]+?)\s*(<=|>=|!=|=|<|>)\s*(.+?)\s*", part)
        if not found:
            raise ValueError(
                f"compare: {part!r} is not COLUMN OPERATOR VALUE (operators {', '.join(COMPARE_OPERATORS)}); "
                "e.g. 'outlet=Reuters' or 'date<2020-03-01'"
            )
        out.append(found.groups())
    return out


_OP_NAMES = {"<=": "-le-", ">=": "-ge-", "!=": "-ne-", "=": "-", "<": "-lt-", ">": "-gt-"}


def compare_name(spec: str | Sequence[str]) -> str:
    """The file name of a comparison report (``reports/compare/<name>.html``), from ``compare`` or
    from the two sides' labels (a group's value may hold a comma).

    >>> compare_name("outlet=Reuters,outlet=AP"), compare_name("date<2020-03-01,date>=2020-03-01")
    ('outlet-Reuters_vs_outlet-AP', 'date-lt-2020-03-01_vs_date-ge-2020-03-01')
    >>> compare_name(["outlet=Reuters, Inc.", "outlet=AP"])
    'outlet-Reuters_Inc._vs_outlet-AP'
    """
    if isinstance(spec, str):
        parts = parse_compare(spec)
    else:
        parts = [re.fullmatch(r"([^<>=!]+?)(<=|>=|!=|=|<|>)(.*)", label, flags=re.S).groups() for label in spec]
    sides = ["".join((c, _OP_NAMES[op], v)) for c, op, v in parts]
    return re.sub(r"[^\w.-]+", "_", "_vs_".join(sides)).strip("_")[:120]


def _side(joined: pd.DataFrame, kinds: dict, date_column: str | None, column: str, op: str, value: str) -> Side:
    label = f"{column}{op}{value}"
    if column not in kinds and column == "date" and date_column:
        column = date_column
    if column not in kinds:
        raise ValueError(f"compare: unknown column {column!r} in {label!r}; the columns are: {', '.join(kinds) or '(none: no metadata)'}")
    values = joined[column]
    if kinds[column] == "date":
        try:
            target = pd.Timestamp(value)
        except ValueError:
            raise ValueError(f"compare: {value!r} in {label!r} is not a date (write it as 2020-03-01)") from None
    elif kinds[column] == "number":
        try:
            target = float(value)
        except ValueError:
            raise ValueError(f"compare: {value!r} in {label!r} is not a number, as column {column!r} is") from None
    else:
        if op not in ("=", "!="):
            raise ValueError(f"compare: {column!r} is a text column, so only = and != compare it; got {label!r}")
        values, target = values.astype("string"), value
    compare = {"=": values.eq, "!=": values.ne, "<": values.lt, "<=": values.le, ">": values.gt, ">=": values.ge}[op]
    mask = compare(target).fillna(False).astype(bool) & joined["status"].eq("ok") & values.notna()
    if not mask.any():
        known = ""
        if kinds[column] == "text":
            counts = joined.loc[joined["status"].eq("ok"), column].value_counts()
            known = f"; its values: {', '.join(map(str, counts.index[:10]))}" + (" ..." if len(counts) > 10 else "")
        raise ValueError(f"compare: the group {label!r} has no articles{known}")
    return Side(label, mask)


def _auto_unit(dates: pd.Series) -> str:
    """The coarsest unit that gives 10 to 40 bins over the span of ``dates``; when none does, the
    unit whose bin count is nearest that range (fewer bins on a tie). Day when there are no dates.

    >>> _auto_unit(pd.Series(pd.to_datetime(["2020-01-01", "2020-03-04"])))  # 64 days, 10 weeks
    'week'
    >>> _auto_unit(pd.Series(pd.to_datetime(["2019-01-01", "2023-12-31"])))  # 20 quarters
    'quarter'
    """
    dates = dates.dropna()
    if dates.empty:
        return "day"
    low, high = dates.min(), dates.max()
    counts = {unit: len(pd.period_range(low.to_period(_FREQ[unit]), high.to_period(_FREQ[unit]))) for unit in reversed(TIME_UNITS)}
    for unit, n in counts.items():  # coarsest first
        if 10 <= n <= 40:
            return unit
    return min(counts, key=lambda unit: (max(10 - counts[unit], counts[unit] - 40), counts[unit]))


_FREQ = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def check_parameters(
    joined: pd.DataFrame, meta: Metadata | None, *, group_by: str = "", date_column: str = "", time_unit: str = "", compare: str = ""
) -> Settings:
    """Check the comparison parameters against the joined articles table; resolve the defaults.

    ``ValueError`` names the bad value and the allowed ones (the rules of
    :mod:`helpers.analysis.params`, with the columns these articles have): an unknown ``group_by`` or
    ``date_column``, a ``time_unit`` outside :data:`TIME_UNITS`, a ``compare`` that cannot be
    read or whose group has no articles. Defaults: no grouping; the first date column; the unit
    that gives 10-40 bins (coarsest first: year, quarter, month, week, day; else the nearest); the two largest
    groups, or with no groups the first and second half of the date range.
    """
    check({"time_unit": time_unit}, RULES)
    kinds = _kinds(joined, meta)
    groups, dates = group_columns(joined, meta), date_columns(joined, meta)
    rules = {
        "group_by": (column_of(groups, "be a metadata column", none="none: no column to group by"),),
        "date_column": (column_of(dates, "be a date column", none="none: no column holds dates"),),
    }
    check({"group_by": group_by, "date_column": date_column}, rules)
    why = {}
    date_column = date_column or (dates[0] if dates else None)
    ok = joined[joined["status"].eq("ok")]
    if date_column is None:
        why["time"] = "no column of the articles holds dates (give metadata.csv a date column, see data/processed/README.md)"
        unit = None
    else:
        unit = time_unit or _auto_unit(ok[date_column].dropna())
    if not group_by:
        why["group"] = "no group_by column is chosen (make report PARAMS='group_by=COLUMN'; columns: " + (", ".join(groups) or "none") + ")"
    sides = None
    if compare:
        a, b = parse_compare(compare)
        sides = (_side(joined, kinds, date_column, *a), _side(joined, kinds, date_column, *b))
    elif group_by:
        counts = ok[group_by].astype("string").value_counts()
        if len(counts) >= 2:
            sides = tuple(_side(joined, kinds, date_column, group_by, "=", str(g)) for g in counts.index[:2])
        else:
            why["compare"] = f"column {group_by!r} has fewer than two groups"
    elif date_column is not None and ok[date_column].notna().sum() >= 2:
        values = ok[date_column]
        middle = values.min() + (values.max() - values.min()) / 2
        if values.min() < middle.normalize():  # split at the start of the middle day
            middle = middle.normalize()
        if values.min() < middle:
            day = middle.strftime("%Y-%m-%d" if middle == middle.normalize() else "%Y-%m-%d %H:%M:%S")
            early = joined[date_column].lt(middle).fillna(False).astype(bool) & joined["status"].eq("ok")
            late = joined[date_column].ge(middle).fillna(False).astype(bool) & joined["status"].eq("ok")
            sides = (Side(f"{date_column}<{day}", early), Side(f"{date_column}>={day}", late))
        else:
            why["compare"] = "all articles have the same date"
    else:
        why["compare"] = "there are no groups (group_by) and no dates to split into two halves"
    return Settings(group_by or None, date_column, unit, sides, why)
