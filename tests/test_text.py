"""Tests for helpers.text.decode: decoding every encoding scrapers produce, and normalisation."""

import codecs

import pytest

from helpers.text.decode import DecodeError, decode

SAMPLE = "Café owners said “prices rose” — again.\nSecond line."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), "utf-16"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    """UTF-8, UTF-8 with BOM, UTF-16 with BOM and cp1252 all give the same text."""
    decoded = decode(data)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding


def test_cp1252_fallback_is_noted():
    """Falling back from UTF-8 is recorded among the repairs."""
    assert any("cp1252" in r for r in decode("naïve".encode("cp1252")).repairs)


def test_latin1_undefined_cp1252_bytes():
    """Bytes undefined in cp1252 fall back to Latin-1 instead of failing."""
    assert decode(b"abc \x81 def\xe9").encoding == "latin-1"


def test_line_ends_spaces_and_controls():
    """CRLF and CR become LF; NBSP and other Unicode spaces become spaces; control characters go."""
    decoded = decode("one\r\ntwo\rthree\u00a0four\u2009five\x07six\u200b".encode())
    assert decoded.text == "one\ntwo\nthree four fivesix"
    assert len(decoded.repairs) == 4


def test_mojibake_repaired():
    """UTF-8 read as cp1252 ('â€™') is repaired to the intended character."""
    decoded = decode("It\u00e2\u20ac\u2122s the company\u00e2\u20ac\u2122s plan".encode())
    assert decoded.text == "It’s the company’s plan"
    assert any("mojibake" in r for r in decoded.repairs)


def test_caret_m_removed():
    """A literal '^M' left at a line end by an earlier tool is removed."""
    assert decode(b"REUTER...^M\nnext").text == "REUTER...\nnext"


def test_binary_is_refused():
    """NUL bytes outside UTF-16 mean binary data: a DecodeError that says so."""
    with pytest.raises(DecodeError, match="NUL"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_invisible_characters_removed():
    """Invisible separators and soft hyphens carry no text and would hide a sentence's final stop."""
    decoded = decode("Stir fry to mix well.\u2063\nco\u00adoperate\u2060 now".encode())
    assert decoded.text == "Stir fry to mix well.\ncooperate now"
    assert any("zero-width" in r for r in decoded.repairs)
