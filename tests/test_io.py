"""Tests for helpers.io: the raw folder's bad inputs, atomic writes, tables and figures."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import io  # noqa: E402


def test_list_raw_reports_bad_entries(tmp_path):
    """Folders, files of no known kind and oversized files are listed with a problem naming them;
    corpus files are listed apart (list_corpus_files)."""
    (tmp_path / "a.txt").write_text("Body.")
    (tmp_path / "notes.pdf").write_text("x,y")
    (tmp_path / "corpus.csv").write_text("text\nA row.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    (tmp_path / ".hidden").write_text("ignored")
    entries = {e.source: e for e in io.list_raw(tmp_path, max_bytes=1024)}
    assert set(entries) == {"a.txt", "notes.pdf", "sub", "big.txt"}
    assert entries["a.txt"].read() == b"Body." and not entries["a.txt"].problem
    assert "not a .txt or .html file" in entries["notes.pdf"].problem
    assert [p.name for p in io.list_corpus_files(tmp_path)] == ["corpus.csv"]
    assert "folder" in entries["sub"].problem
    assert "limit" in entries["big.txt"].problem and entries["big.txt"].path is None


def test_unreadable_file(tmp_path):
    """A .txt entry that cannot be read (here a dangling link) is reported, not fatal."""
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    entry = io.list_raw(tmp_path)[0]
    assert entry.source == "gone.txt" and "cannot be read" in entry.problem and entry.path is None


def test_missing_raw_folder(tmp_path):
    """A missing raw folder raises an error naming it."""
    with pytest.raises(FileNotFoundError, match="nowhere"):
        io.list_raw(tmp_path / "nowhere")


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    """An exception while writing leaves the previous file intact and no temporary file behind."""
    monkeypatch.setattr(io.paths, "TMP", tmp_path / ".tmp")
    target = tmp_path / "t.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with io.atomic_write(target) as handle:
            handle.write(b"partial")
            raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tmp", "t.txt"]
    assert list((tmp_path / ".tmp").iterdir()) == []


def test_tables_round_trip_and_are_byte_stable(tmp_path):
    """Parquet (and the CSV twin) round-trip, and writing twice gives identical bytes."""
    frame = pd.DataFrame({"article_id": ["a", "b"], "compound": [0.5, -0.25]})
    path = io.write_table(frame, "t", folder=tmp_path, csv=True)
    first = path.read_bytes()
    io.write_table(frame, "t", folder=tmp_path, csv=True)
    assert path.read_bytes() == first
    pd.testing.assert_frame_equal(io.read_table("t", folder=tmp_path), frame)
    assert (tmp_path / "t.csv").read_text().splitlines()[0] == "article_id,compound"


def test_read_missing_table_says_how_to_build(tmp_path):
    """Reading a table that was not built names it and says to run make report."""
    with pytest.raises(FileNotFoundError, match="make report"):
        io.read_table("paragraphs", folder=tmp_path)


def test_save_figure_png_and_svg_reproducible(tmp_path):
    """Figures are saved as PNG and SVG, byte-identical when saved again."""
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    png, svg = io.save_figure(fig, "f", folder=tmp_path)
    first = (png.read_bytes(), svg.read_bytes())
    io.save_figure(fig, "f", folder=tmp_path)
    plt.close(fig)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_mode & 0o777 == 0o666 & ~io._UMASK  # the usual mode, not mkstemp's 0600
    assert (png.read_bytes(), svg.read_bytes()) == first


def test_user_patterns_file(tmp_path):
    """Comments and blank lines in the user's pattern file are ignored."""
    path = tmp_path / "p.txt"
    path.write_text("# comment\n\nPromo code .*\n")
    assert io.read_user_patterns(path) == ["Promo code .*"]
    assert io.read_user_patterns(tmp_path / "missing.txt") == []


def test_article_ids_never_clash(tmp_path):
    """x.txt beside a folder x, Z.TXT beside a folder z, y.txt beside y.html: each gets its full name
    as id; q.txt and q.TXT (the same name but for case) are both refused, each naming the other."""
    from helpers.io import list_raw

    for folder in ("x", "z"):
        (tmp_path / folder).mkdir()
    for name in ("x.txt", "Z.TXT", "y.txt", "y.html", "q.txt", "q.TXT", "w.txt"):
        (tmp_path / name).write_text("Some text.")
    entries = {e.source: e for e in list_raw(tmp_path)}
    ids = [e.article_id for e in entries.values()]
    read = [e.article_id.casefold() for e in entries.values() if e.path is not None]
    assert len(set(ids)) == len(ids) and len(set(read)) == len(read)
    assert {s: e.article_id for s, e in entries.items() if e.path is not None} == {
        "x.txt": "x.txt",
        "Z.TXT": "Z.TXT",
        "y.txt": "y.txt",
        "y.html": "y.html",
        "w.txt": "w",
    }
    assert entries["q.txt"].path is None and "same name as q.TXT but for upper/lower case" in entries["q.txt"].problem
    assert entries["q.TXT"].path is None and "same name as q.txt" in entries["q.TXT"].problem


def test_symlinks_are_followed_and_recorded(tmp_path):
    """A link in the raw folder is read where it points, and the provenance names that file."""
    from helpers.io import input_record, list_raw

    corpus, raw = tmp_path / "corpus", tmp_path / "raw"
    corpus.mkdir()
    raw.mkdir()
    (corpus / "big.txt").write_text("An article kept elsewhere.")
    (raw / "linked.txt").symlink_to(corpus / "big.txt")
    (raw / "plain.txt").write_text("An article.")
    (raw / "broken.txt").symlink_to(corpus / "gone.txt")
    entries = {e.source: e for e in list_raw(raw)}
    assert entries["linked.txt"].read() == b"An article kept elsewhere."
    record = input_record(entries["linked.txt"])
    assert record["link_to"] == str((corpus / "big.txt").resolve()) and len(record["sha256"]) == 64
    assert "link_to" not in input_record(entries["plain.txt"])
    assert entries["broken.txt"].path is None and "cannot be read" in entries["broken.txt"].problem
