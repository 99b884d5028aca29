"""Tests for helpers.corpus.files: corpus files in every format, their columns, and every error message."""

import gzip
import json

import pandas as pd
import pytest

from helpers.corpus.files import Columns, CorpusFileError, read_corpus_file


def _read(path, **kwargs):
    chunks = list(read_corpus_file(path, **kwargs))
    entries = [e for c in chunks for e in c.entries]
    meta = pd.concat([c.metadata for c in chunks], ignore_index=True)
    return entries, meta


def _by_source(entries):
    return {e.source: e for e in entries}


def test_csv_rows_become_articles_with_metadata(tmp_path):
    """Text, id and headline are found by their usual names; every other column is metadata; a
    quoted text may span lines, and each row is named by the line it starts on."""
    path = tmp_path / "export.csv"
    path.write_text(
        "stories_id,Title,Body,outlet,publish_date\n"
        '17,Storm hits coast,"A storm hit the coast.\n\nHomes were flooded.",AP,2020-01-02\n'
        "18,Markets rally,Shares rose on Monday.,Reuters,2020-01-03\n",
        encoding="utf-8",
    )
    entries, meta = _read(path)
    assert [(e.article_id, e.source, e.headline) for e in entries] == [
        ("17", "export.csv, line 2", "Storm hits coast"),
        ("18", "export.csv, line 5", "Markets rally"),
    ]
    assert entries[0].read() == b"A storm hit the coast.\n\nHomes were flooded."
    assert [e.site for e in entries] == ["AP", "Reuters"]  # the outlet column: boilerplate is also learned per site
    assert meta.to_dict("records") == [
        {"article_id": "17", "outlet": "AP", "publish_date": "2020-01-02"},
        {"article_id": "18", "outlet": "Reuters", "publish_date": "2020-01-03"},
    ]


def test_tsv_gz_without_id_column_uses_file_and_line(tmp_path):
    path = tmp_path / "wire.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("headline\ttext\nRates held\tThe bank held rates.\nOil falls\tOil prices fell.\n")
    entries, meta = _read(path)
    assert [e.article_id for e in entries] == ["wire.tsv.gz-2", "wire.tsv.gz-3"]
    assert list(meta.columns) == ["article_id"]


def test_columns_named_by_the_caller(tmp_path):
    path = tmp_path / "named.csv"
    path.write_text("key,summary,full\nk1,Short.,The long text of the article.\n")
    entries, meta = _read(path, columns=Columns(text="full", id="key"))
    assert entries[0].article_id == "k1" and entries[0].read() == b"The long text of the article."
    assert list(meta.columns) == ["article_id", "summary"]
    with pytest.raises(CorpusFileError, match=r"named.csv: has no text column 'story'; its columns: key, summary, full"):
        _read(path, columns=Columns(text="story"))


def test_no_text_column_names_the_file_and_its_columns(tmp_path):
    path = tmp_path / "links.csv"
    path.write_text("url,date\nhttp://a,2020-01-01\n")
    with pytest.raises(CorpusFileError, match=r"links.csv: no text column found .*its columns: url, date; name it with .*text_column"):
        _read(path)


def test_bad_csv_rows_are_skipped_with_their_line(tmp_path):
    """Empty text, binary, too long, a wrong number of fields: each row named, the rest read."""
    path = tmp_path / "bad.csv"
    rows = [
        "id,text",
        "a,Good text.",
        "b,",
        "c,Too,many",
        'd,"bin\x00ary"',
        f"e,{'x' * 3000}",
        "f,Also good.",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    entries = _by_source(_read(path, max_bytes=2048)[0])
    assert entries["bad.csv, line 2"].problem == "" and entries["bad.csv, line 7"].problem == ""
    assert entries["bad.csv, line 3"].problem == "has an empty text"
    assert entries["bad.csv, line 4"].problem == "has 3 fields where the header names 2; the row is left out"
    assert entries["bad.csv, line 5"].problem == "holds binary content, not text"
    assert "over the 0 MiB limit" in entries["bad.csv, line 6"].problem and "0.0 MiB" in entries["bad.csv, line 6"].problem


def test_broken_quoting_stops_the_file_at_its_line(tmp_path):
    """A quote that is never closed where it should be: the rows before are used, the place is named."""
    path = tmp_path / "quotes.csv"
    path.write_text('id,text\na,"Fine."\nb,"Opens here\nc,"never" closes properly"\nd,Lost.\n')
    entries = _read(path)[0]
    assert [e.article_id for e in entries if not e.problem] == ["a"]
    broken = entries[-1]
    assert broken.source == "quotes.csv, line 3"
    assert broken.problem.startswith("stops being readable CSV here (") and "the rest of the file are not read" in broken.problem


def test_jsonl_bad_line_is_named_and_the_rest_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "x1", "headline": "One", "content": "First text.", "tags": ["a", "b"], "n": 3}),
        '{"id": "x2", "content": "broken',
        "[1, 2]",
        "",
        json.dumps({"id": "x3", "content": "Third text.", "n": None}),
    ]
    path.write_text("\n".join(lines) + "\n")
    entries, meta = _read(path)
    found = _by_source(entries)
    assert found["feed.jsonl, line 2"].problem.startswith("is not valid JSON (Unterminated string")
    assert found["feed.jsonl, line 3"].problem == "holds a JSON list, not an object; the line is left out"
    assert [e.article_id for e in entries if not e.problem] == ["x1", "x3"]
    assert meta.to_dict("records") == [{"article_id": "x1", "tags": '["a", "b"]', "n": "3"}, {"article_id": "x3", "tags": "", "n": ""}]


def test_parquet_rows_and_unsafe_ids(tmp_path):
    """Parquet is read in batches; rows are numbered; a URL id becomes a safe, distinct name."""
    path = tmp_path / "news.parquet"
    frame = pd.DataFrame(
        {
            "url": ["https://a.example/1", "https://a.example/2"],
            "id": ["https://a.example/1", "https://a.example/2"],
            "text": ["One.", "Two."],
            "date": pd.to_datetime(["2021-05-01", "2021-05-02"]),
            "score": [1.5, None],
        }
    )
    frame.to_parquet(path)
    entries, meta = _read(path, chunk_rows=1)
    assert [e.source for e in entries] == ["news.parquet, row 1", "news.parquet, row 2"]
    ids = [e.article_id for e in entries]
    assert len(set(ids)) == 2 and all(i.startswith("https_a.example_") for i in ids)
    assert meta[["date", "score"]].values.tolist() == [["2021-05-01 00:00:00", "1.5"], ["2021-05-02 00:00:00", ""]]


def test_streamed_in_chunks(tmp_path):
    """A file is read chunk by chunk: no chunk holds more than chunk_rows rows."""
    path = tmp_path / "many.csv"
    path.write_text("text\n" + "".join(f"Article number {i}.\n" for i in range(25)))
    chunks = list(read_corpus_file(path, chunk_rows=10))
    assert [len(c.entries) for c in chunks] == [10, 10, 5]


def test_windows_1252_text_is_repaired_by_decoding(tmp_path):
    """Bytes that are not UTF-8 reach the decoder unchanged (it reads them as Windows-1252)."""
    from helpers.text.decode import decode

    path = tmp_path / "old.csv"
    path.write_bytes("text\ncaf\xe9 au lait.\n".encode("cp1252"))
    entry = _read(path)[0][0]
    assert decode(entry.read()).text == "café au lait."


def test_windows_1252_cells_reach_metadata_as_text(tmp_path):
    """Headline, outlet and metadata cells that are not UTF-8 are read as Windows-1252, not kept as surrogates."""
    path = tmp_path / "old.csv"
    path.write_bytes("title,outlet,text\nCaf\xe9 owners,Le Monde \xe9d.,Some text.\n".encode("cp1252"))
    entries, meta = _read(path)
    assert entries[0].headline == "Café owners" and entries[0].site == "Le Monde éd."
    assert meta["outlet"].tolist() == ["Le Monde éd."]
    meta.to_parquet(tmp_path / "meta.parquet")  # no surrogate left to refuse


def test_tsv_text_may_open_with_a_quotation_mark(tmp_path):
    path = tmp_path / "quotes.tsv"
    path.write_text('id\ttext\na\t"We will rebuild," the mayor said.\nb\tSecond story.\n')
    entries = _read(path)[0]
    assert [(e.article_id, e.problem) for e in entries] == [("a", ""), ("b", "")]
    assert entries[0].read() == b'"We will rebuild," the mayor said.'


def test_jsonl_keys_that_appear_later_are_metadata_too(tmp_path):
    from helpers.corpus.files import metadata_names

    path = tmp_path / "feed.jsonl"
    path.write_text('not json\n{"text": "One."}\n{"text": "Two.", "outlet": "AP", "date": "2020-01-01"}\n')
    entries, meta = _read(path)
    assert meta.to_dict("records") == [
        {"article_id": "feed.jsonl-2", "outlet": "", "date": ""},
        {"article_id": "feed.jsonl-3", "outlet": "AP", "date": "2020-01-01"},
    ]
    assert metadata_names(path) == ["outlet", "date"]


def test_generated_ids_keep_the_file_suffix(tmp_path):
    """news.csv and news.jsonl without ids give distinct article ids."""
    (tmp_path / "news.csv").write_text("text\nFrom the CSV.\n")
    (tmp_path / "news.jsonl").write_text('{"text": "From the JSON."}\n')
    ids = [_read(tmp_path / n)[0][0].article_id for n in ("news.csv", "news.jsonl")]
    assert ids == ["news.csv-2", "news.jsonl-1"]


def test_repeated_and_reserved_column_names(tmp_path):
    """A repeated header name gets a suffix; columns named like the metadata keys are renamed, not lost."""
    path = tmp_path / "dup.csv"
    path.write_text("id,article_id,file,tag,tag,text\nx1,A-17,a.txt,one,two,Body.\n")
    entries, meta = _read(path)
    assert entries[0].article_id == "x1"
    assert meta.to_dict("records") == [{"article_id": "x1", "meta_article_id": "A-17", "meta_file": "a.txt", "tag": "one", "tag_2": "two"}]


def test_parquet_values_as_python_gives_them(tmp_path):
    """An integer column with a null stays integer text; lists and nested values are JSON."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": pa.array([9007199254740993, None], pa.int64()),
            "text": ["One.", "Two."],
            "tags": pa.array([["x", "y"], []]),
            "info": pa.array([{"a": [1, 2]}, None]),
        }
    )
    pq.write_table(table, tmp_path / "n.parquet")
    entries, meta = _read(tmp_path / "n.parquet")
    assert [e.article_id for e in entries] == ["9007199254740993", "n.parquet-2"]
    assert meta[["tags", "info"]].values.tolist() == [['["x", "y"]', '{"a": [1, 2]}'], ["[]", ""]]
