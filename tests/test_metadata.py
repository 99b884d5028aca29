"""Tests for helpers.analysis.metadata: metadata.csv checked and typed, every problem named, parameters checked."""

import pandas as pd
import pytest

from helpers import io
from helpers.analysis.metadata import check_parameters, join, parse_compare, prepare

ARTICLES = pd.DataFrame(
    {
        "article_id": ["a", "b", "c", "d", "bad"],
        "source": ["a.txt", "b.txt", "c.html", "d.txt", "bad.txt"],
        "status": ["ok", "ok", "ok", "ok", "skipped"],
        "dateline": ["Washington", "", "Paris", "", ""],
        "site_name": ["", "", "Le Site", "", ""],
        "published": ["", "", "2024-03-03", "", ""],
        "compound_mean": [0.5, 0.4, -0.3, -0.2, None],
    }
)


def _raw(text: str) -> pd.DataFrame:
    from io import StringIO

    return pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)


def test_types_are_inferred_and_dates_parsed():
    """Numbers, dates (Reuters' 26-FEB-1987 15:26:26.78 and ISO 8601) and text columns are told apart."""
    meta = prepare(
        _raw(
            "\n".join(
                [
                    "file,outlet,words,date,iso",
                    "a.txt,AP,10,26-FEB-1987 15:26:26.78,2020-03-01",
                    "b.txt,Reuters,12,01-MAR-1987 00:00:01.00,2020-03-02T10:00:00+02:00",
                ]
            )
        ),
        ARTICLES,
    )
    assert meta.problems == []
    assert meta.kinds == {"outlet": "text", "words": "number", "date": "date", "iso": "date"}
    assert meta.formats["date"] == "%d-%b-%Y %H:%M:%S.%f"
    assert meta.table.loc["a", "date"] == pd.Timestamp("1987-02-26 15:26:26.780")
    assert meta.table.loc["b", "iso"] == pd.Timestamp("2020-03-02 08:00")  # UTC
    assert meta.table.loc["b", "words"] == 12


def test_the_key_may_be_the_article_id():
    """An article_id column keys the rows as well as a file column."""
    meta = prepare(_raw("article_id,outlet\nc,AP\n"), ARTICLES)
    assert meta.problems == [] and meta.table.loc["c", "outlet"] == "AP"


@pytest.mark.parametrize(
    "text, message",
    [
        ("file,outlet\nzzz.txt,AP\n", "metadata.csv, row 1, column 'file': unknown file 'zzz.txt': there is no such article in data/raw"),
        ("file,outlet\na.txt,AP\na.txt,BBC\n", "metadata.csv, row 2, column 'file': duplicate key 'a.txt', also in row 1; row 1 is used"),
        (
            "file,date\na.txt,2020-01-01\nb.txt,2020-01-02\nc.html,2020-01-03\nd.txt,2020-01-04\nbad.txt,yesterday\n",
            "metadata.csv, row 5, column 'date': unparseable date 'yesterday'",
        ),
        (
            "file,headline\na.txt,x\n",
            "metadata.csv, column 'headline': the name clashes with a built-in column of the articles table; the column is read as 'meta_",
        ),
        (
            "file,topic_3,meta_topic_3\na.txt,x,y\n",
            "metadata.csv, column 'topic_3': the name clashes with a built-in column of the articles table, and 'meta_topic_3' is taken",
        ),
        ("file,outlet\n,AP\n", "metadata.csv, row 1, column 'file': empty key"),
        ("name,outlet\na.txt,AP\n", "metadata.csv: no key column; the first row must name a 'file' or an 'article_id' column"),
    ],
)
def test_every_bad_metadata_message(text, message):
    """Each problem is named with its row, column and value; the rest of the file is still used."""
    meta = prepare(_raw(text), ARTICLES)
    assert any(p.startswith(message) for p in meta.problems), meta.problems


def test_duplicates_keep_the_first_row_and_the_rest_is_used():
    """After a duplicate or an unknown file, the good rows are still joined."""
    meta = prepare(_raw("file,outlet\na.txt,AP\na.txt,BBC\nzzz.txt,X\nb.txt,Reuters\n"), ARTICLES)
    joined = join(ARTICLES, meta)
    assert joined.set_index("article_id")["outlet"].fillna("-").to_dict() == {"a": "AP", "b": "Reuters", "c": "-", "d": "-", "bad": "-"}


def test_a_clashing_column_is_renamed():
    """A column named like a built-in one (Reuters' topic) is kept under meta_<name>."""
    meta = prepare(_raw("file,topic\na.txt,earn\n"), ARTICLES)
    assert meta.kinds == {"meta_topic": "text"} and meta.table.loc["a", "meta_topic"] == "earn"


def test_articles_without_a_row_are_kept_with_missing_values():
    """Every article stays in the joined table; the carried metadata is joined too."""
    joined = join(ARTICLES, prepare(_raw("file,outlet\na.txt,AP\n"), ARTICLES))
    assert len(joined) == len(ARTICLES)
    assert joined["outlet"].isna().sum() == 4
    assert joined.loc[2, "published"] == pd.Timestamp("2024-03-03") and pd.isna(joined.loc[0, "published"])
    assert pd.isna(joined.loc[1, "dateline"])


def test_unreadable_csv_names_the_file(tmp_path):
    """A file pandas cannot parse is refused with its path."""
    (tmp_path / "metadata.csv").write_text('file,outlet\n"a.txt,AP\n')
    with pytest.raises(ValueError, match="metadata.csv cannot be read as a CSV table"):
        io.read_metadata(tmp_path)
    assert io.read_metadata(tmp_path / "nowhere") is None


def _joined():
    meta = prepare(
        _raw("file,outlet,date\na.txt,AP,2020-01-01\nb.txt,AP,2020-06-01\nc.html,Reuters,2020-12-31\nd.txt,Reuters,2021-01-01\n"), ARTICLES
    )
    return join(ARTICLES, meta), meta


@pytest.mark.parametrize(
    "params, message",
    [
        ({"group_by": "nope"}, "group_by must be a metadata column (outlet, dateline, site_name); got 'nope'"),
        ({"date_column": "outlet"}, "date_column must be a date column (date, published); got 'outlet'"),
        ({"time_unit": "fortnight"}, "time_unit must be one of 'day', 'week', 'month', 'quarter', 'year'"),
        ({"compare": "outlet=AP,outlet=BBC"}, "compare: the group 'outlet=BBC' has no articles; its values: AP, Reuters"),
        ({"compare": "outlet=AP"}, "compare must be two groups or periods"),
        ({"compare": "colour=red,colour=blue"}, "compare: unknown column 'colour'"),
        ({"compare": "date<soon,date>=2020-01-01"}, "compare: 'soon' in 'date<soon' is not a date"),
        ({"compare": "outlet<AP,outlet=AP"}, "only = and != compare it"),
    ],
)
def test_bad_parameters_name_the_value_and_the_allowed_ones(params, message):
    """Unknown columns, time units and empty compare groups are refused with the allowed values."""
    joined, meta = _joined()
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_parameters(joined, meta, **params)


def test_defaults():
    """Defaults: the first date column, a unit giving at least 10 bins, the two largest groups or the date halves."""
    joined, meta = _joined()
    settings = check_parameters(joined, meta)
    assert settings.date_column == "date" and settings.time_unit == "month" and settings.group_by is None
    early, late = settings.sides
    assert early.label == "date<2020-07-02" and early.mask.sum() == 2 and late.mask.sum() == 2
    grouped = check_parameters(joined, meta, group_by="outlet", compare="date<2020-07-01,date>=2020-07-01")
    assert [s.label for s in grouped.sides] == ["date<2020-07-01", "date>=2020-07-01"]
    assert [s.label for s in check_parameters(joined, meta, group_by="outlet").sides] == ["outlet=AP", "outlet=Reuters"]


def test_without_metadata_the_sections_say_why():
    """No metadata: no groups, no dates, and a reason for each absent comparison."""
    settings = check_parameters(join(ARTICLES.assign(published=""), None), None)
    assert settings.date_column is None and settings.sides is None
    assert "no column of the articles holds dates" in settings.why["time"]
    assert "no groups" in settings.why["compare"]


def test_parse_compare():
    """Both operators and values are read, spaces allowed."""
    assert parse_compare("outlet = Reuters , outlet!=AP") == [("outlet", "=", "Reuters"), ("outlet", "!=", "AP")]


def test_compare_date_means_the_date_column():
    """In compare, 'date' names the date column when no column is called date."""
    meta = prepare(_raw("file,when\na.txt,2020-01-01\nb.txt,2020-09-01\n"), ARTICLES)
    settings = check_parameters(join(ARTICLES, meta), meta, compare="date<2020-06-01,date>=2020-06-01")
    assert settings.date_column == "when" and [s.mask.sum() for s in settings.sides] == [1, 1]


def test_a_clashing_date_column_is_renamed_and_its_bad_dates_reported():
    """A date column named like a built-in one (published) is read as meta_published, dates
    parsed, and an unparseable cell is reported by row; nothing crashes."""
    text = "file,published\na.txt,2020-01-01\nb.txt,2020-02-01\nc.html,2020-03-01\nd.txt,2020-04-01\nbad.txt,junk\n"
    meta = prepare(_raw(text), ARTICLES)
    assert meta.kinds == {"meta_published": "date"}
    assert meta.table.loc["b", "meta_published"] == pd.Timestamp("2020-02-01")
    assert any("row 5, column 'published': unparseable date 'junk'" in p for p in meta.problems)


def test_dates_only_on_skipped_articles_make_no_date_column():
    """A date column whose only dates belong to skipped files is no date column: the time section
    says why instead of failing; a column blank for every analysed article groups nothing."""
    meta = prepare(_raw("file,date,outlet\nbad.txt,2020-01-01,AP\n"), ARTICLES)
    settings = check_parameters(join(ARTICLES.assign(published=""), meta), meta)
    assert settings.date_column is None and "no column of the articles holds dates" in settings.why["time"]
    with pytest.raises(ValueError, match="group_by must be a metadata column"):
        check_parameters(join(ARTICLES.assign(published=""), meta), meta, group_by="outlet")


def test_us_dates_are_read_month_first_and_ambiguous_ones_reported():
    """Month-first dates are read as such; a column that reads both ways is read day first and reported."""
    us = prepare(_raw("file,date\na.txt,02/26/2020\nb.txt,12/31/2020\n"), ARTICLES)
    assert us.kinds == {"date": "date"} and us.table.loc["a", "date"] == pd.Timestamp("2020-02-26")
    assert not any("both day first and month first" in p for p in us.problems)
    both = prepare(_raw("file,date\na.txt,02/01/2020\nb.txt,03/01/2020\n"), ARTICLES)
    assert both.table.loc["a", "date"] == pd.Timestamp("2020-01-02")
    assert any("column 'date': its dates read both day first and month first" in p for p in both.problems)
    same = prepare(_raw("file,date\na.txt,01/01/2020\nb.txt,02/02/2020\n"), ARTICLES)
    assert not same.problems


def test_a_windows_1252_metadata_file_is_read(tmp_path):
    """A metadata.csv saved as Windows-1252 (not UTF-8) is read, accents intact; bytes that are
    neither are refused with the file named."""
    (tmp_path / "metadata.csv").write_bytes("file,outlet\na.txt,Le Monde diplomatique \u2013 \u00e9t\u00e9\n".encode("cp1252"))
    assert io.read_metadata(tmp_path).loc[0, "outlet"] == "Le Monde diplomatique \u2013 \u00e9t\u00e9"
    (tmp_path / "metadata.csv").write_bytes(b"file,outlet\na.txt,\x81\x8d\n")
    with pytest.raises(ValueError, match="metadata.csv cannot be read as a CSV table: it is neither UTF-8 nor Windows-1252"):
        io.read_metadata(tmp_path)
