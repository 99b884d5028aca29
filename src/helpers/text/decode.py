"""Bytes to normalised text: decoding, mojibake repair, Unicode spaces, control characters, line ends.

Pure functions: bytes or str in, str out, plus a list of the repairs that were applied so the
cleaning audit can say what was done to a file.

>>> decode("caf\\xe9".encode("cp1252")).text
'café'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

import ftfy

__all__ = ["Decoded", "DecodeError", "decode", "normalise"]

# Unicode spaces other than the ASCII space (NBSP, en/em/thin spaces, ideographic space...).
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width and invisible characters (soft hyphen, Mongolian vowel separator, word joiner,
# invisible operators) and stray BOMs: they carry no text, and hide a sentence's final stop.
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b\u200c\u200d\u2060-\u2064\ufeff]")
# C0/C1 control characters other than tab and newline (CR is handled as a line end first).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# "^M" at a line end: a carriage return that an earlier tool wrote out in caret notation.
_CARET_CR = re.compile(r"\^M$", re.M)

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # keep the publisher's quotes; cleaning compares them normalised
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
    explain=True,
)


class DecodeError(ValueError):
    """Raised when bytes are not text (binary content)."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and the repairs applied."""

    text: str
    encoding: str
    repairs: tuple[str, ...] = field(default=())


def decode(data: bytes) -> Decoded:
    """Decode a scraped file's bytes and normalise the text.

    Tries, in order: a UTF-32/UTF-16/UTF-8 byte-order mark, strict UTF-8, then cp1252 (Windows
    Latin-1, a superset of ISO-8859-1 for printable text; its five undefined bytes fall back to
    Latin-1). Then repairs mojibake (``â€™`` -> ``’``) with ftfy and normalises spaces, control
    characters and line ends (see :func:`normalise`).

    Parameters
    ----------
    data : bytes
        The raw file content.

    Returns
    -------
    Decoded
        ``text`` with ``\\n`` line ends, the ``encoding`` used, and ``repairs`` applied.

    Raises
    ------
    DecodeError
        If the bytes hold NUL bytes outside a UTF-16/32 encoding (a binary file).
    """
    repairs: list[str] = []
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {name} byte-order mark but is not {name}: {exc}") from None
            encoding = name
            break
    else:
        if b"\x00" in data:
            raise DecodeError("contains NUL bytes: binary data, not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:  # one of cp1252's five undefined bytes: plain Latin-1
                text, encoding = data.decode("latin-1"), "latin-1"
            repairs.append(f"not valid UTF-8: decoded as {encoding}")
    text, more = normalise(text)
    return Decoded(text=text, encoding=encoding, repairs=tuple(repairs + more))


def normalise(text: str) -> tuple[str, list[str]]:
    """Repair mojibake and normalise line ends, spaces and control characters.

    Returns the normalised text and a list naming each kind of repair applied.
    """
    repairs = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        repairs.append("CRLF/CR line ends")
    text, n = _CARET_CR.subn("", text)
    if n:
        repairs.append(f"literal ^M (a carriage return in caret notation) removed ({n})")
    fixed, explanation = ftfy.fix_and_explain(text, config=_FTFY)
    if fixed != text:
        steps = [f"{step} {arg}" for step, arg in explanation or [] if step != "normalize"]
        repairs.append(f"mojibake repaired ({', then '.join(steps)})" if steps else "Unicode normalised (NFC)")
        text = fixed
    for pattern, replacement, what in (
        (_SPACES, " ", "Unicode spaces"),
        (_ZERO_WIDTH, "", "zero-width characters"),
        (_CONTROL, "", "control characters"),
    ):
        text, n = pattern.subn(replacement, text)
        if n:
            repairs.append(f"{what} ({n})")
    return unicodedata.normalize("NFC", text), repairs
