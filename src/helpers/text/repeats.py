"""Repetition within an article: a block seen earlier (a truncated copy too) is a duplicate of its first occurrence."""

from __future__ import annotations

from collections.abc import Iterable

from helpers.text.structure import SENTENCE_END, Block, find_dateline, normalise_key

__all__ = ["PREFIX_HEAD", "mark_duplicates", "is_list_item"]

PREFIX_HEAD = 7
"""Words a truncated copy shares with the block it repeats, at the least, plus one: a copy of more
than ``PREFIX_HEAD`` words that starts an earlier block is a duplicate of it."""


def mark_duplicates(blocks: Iterable[Block]) -> None:
    """Mark repeats of an earlier block, each pointing at the block it repeats.

    Keys ignore case, spaces, punctuation, quote style and a dateline at the start; a long enough
    prefix of an earlier block counts (a truncated copy). A short line without a full stop that
    repeats on its own, with no repeat next to it, is an item of a list ("Winners meet in the
    final"), not a copy: it is kept.
    """
    blocks = list(blocks)
    first: dict[str, Block] = {}
    by_head: dict[str, list[str]] = {}  # first PREFIX_HEAD words -> keys, so prefix lookups stay linear
    for block in blocks:
        key = normalise_key(block.text)
        original = first.get(key)
        inline = find_dateline(block.text, inline=True) if original is None else None
        if inline:
            original = first.get(normalise_key(inline["rest"]))
        words = key.split()
        if original is None and len(words) > PREFIX_HEAD:
            head = " ".join(words[:PREFIX_HEAD])
            original = next((first[k] for k in by_head.get(head, ()) if k.startswith(key)), None)
        if original is not None:
            block.action, block.role = "removed", ""
            block.reason, block.duplicate_of = "duplicate", original.lines[0]
        else:
            first[key] = block
            by_head.setdefault(" ".join(words[:PREFIX_HEAD]), []).append(key)
    by_line = {b.lines[0]: b for b in blocks}
    for i, block in enumerate(blocks):
        neighbours = blocks[max(i - 1, 0) : i] + blocks[i + 1 : i + 2]
        if (
            block.reason == "duplicate"
            and is_list_item(block.text)
            and is_list_item(by_line[block.duplicate_of].text)
            and not any(b.reason == "duplicate" for b in neighbours)
        ):
            block.action, block.reason, block.duplicate_of = "", "", None


def is_list_item(text: str, max_words: int = 6) -> bool:
    """A short line that is not a sentence: an item of a list, a fixture, a table row."""
    return len(text.split()) <= max_words and not SENTENCE_END.search(text)
