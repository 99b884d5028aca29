"""A researcher's list of actors (``config/actors.csv``): each actor with its aliases or regular
expressions and an optional group (a party, a country).

The list adds actors the capitalisation rule of :mod:`helpers.text.entities` misses (a pattern
such as ``/the Kremlin/``) and merges names into one actor ("US", "Washington", "the White House"
-> "United States"). :func:`parse_actor_list` names the line of every problem.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

__all__ = ["ActorList", "parse_actor_list", "list_matches"]


@dataclass
class ActorList:
    """Actors named by a researcher: each with aliases (names as written) or regular expressions, and a group.

    Built by :func:`parse_actor_list` from ``config/actors.csv``. A found name equal to an alias
    (ignoring case) becomes the actor's; a pattern also finds mentions the capitalisation rule misses.
    """

    actors: dict[str, str] = field(default_factory=dict)  # actor -> group ("" when none)
    aliases: dict[str, str] = field(default_factory=dict)  # lower-cased alias -> actor
    patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)
    written: set[str] = field(default_factory=set)  # the aliases as written
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.actors)

    def actor_of(self, name: str) -> str | None:
        """The listed actor a name belongs to, or None."""
        low = name.lower()
        if low in self.aliases:
            return self.aliases[low]
        for pattern, actor in self.patterns:
            if pattern.fullmatch(name):
                return actor
        return None

    def alias_pattern(self) -> re.Pattern | None:
        """One regular expression for every alias as written (longest first), whole words only."""
        if "_alias_pattern" not in self.__dict__:
            written = sorted(self.written, key=len, reverse=True)
            alternatives = "|".join(map(re.escape, written))
            self.__dict__["_alias_pattern"] = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if written else None
        return self.__dict__["_alias_pattern"]

    def digest_text(self) -> str:
        """What the measures depend on, as text (for the store's digests)."""
        return repr((sorted(self.actors.items()), sorted(self.aliases.items()), [(p.pattern, a) for p, a in self.patterns]))


def parse_actor_list(text: str, source: str = "config/actors.csv") -> ActorList:
    """Parse an actor list: a CSV with the columns ``actor``, ``aliases`` and, optionally, ``group``.

    ``aliases`` holds names separated by ``|``; one written between slashes (``/Obama(s)?/``) is a
    regular expression, matched case-sensitively against whole words of a sentence. The actor's own
    name is always an alias. Lines starting with ``#`` are comments.

    Raises
    ------
    ValueError
        naming ``source``, the line and the problem: a missing column, an empty actor, a regular
        expression that does not compile, an alias given to two actors.

    >>> found = parse_actor_list("actor,aliases,group\\nUnited States,US|Washington|/the White House/,country\\n")
    >>> found.actor_of("Washington"), found.actors
    ('United States', {'United States': 'country'})
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return ActorList(source=source)
    header_line, header = lines[0]
    columns = [c.strip().lower() for c in next(csv.reader([header]))]
    missing = [c for c in ("actor", "aliases") if c not in columns]
    if missing:
        raise ValueError(
            f"{source}, line {header_line}: the header must name the columns actor, aliases (and optionally group); "
            f"missing {', '.join(missing)}; got {header!r}"
        )
    unknown = [c for c in columns if c not in ("actor", "aliases", "group")]
    if unknown:
        raise ValueError(f"{source}, line {header_line}: unknown column(s) {', '.join(unknown)}; the columns are actor, aliases, group")
    out = ActorList(source=source)
    for number, line in lines[1:]:
        try:
            values = next(csv.reader(io.StringIO(line)))
        except csv.Error as exc:
            raise ValueError(f"{source}, line {number}: not a valid CSV row: {exc}") from None
        if len(values) > len(columns):
            raise ValueError(
                f"{source}, line {number}: {len(values)} fields, but the header names {len(columns)} (quote a field that holds a comma)"
            )
        row = dict(zip(columns, [v.strip() for v in values] + [""] * (len(columns) - len(values))))
        actor = row["actor"]
        if not actor:
            raise ValueError(f"{source}, line {number}: the actor is empty")
        if actor in out.actors:
            raise ValueError(f"{source}, line {number}: the actor {actor!r} is listed twice")
        out.actors[actor] = row.get("group", "")
        for alias in [actor, *(a.strip() for a in row["aliases"].split("|"))]:
            if not alias:
                continue
            if len(alias) > 2 and alias.startswith("/") and alias.endswith("/"):
                try:
                    out.patterns.append((re.compile(alias[1:-1]), actor))
                except re.error as exc:
                    raise ValueError(f"{source}, line {number}: the pattern {alias} is not a valid regular expression: {exc}") from None
                continue
            low = alias.lower()
            if out.aliases.get(low, actor) != actor:
                raise ValueError(f"{source}, line {number}: the alias {alias!r} is also given to {out.aliases[low]!r}")
            out.aliases[low] = actor
            out.written.add(alias)
    return out


def list_matches(actor_list: ActorList, text: str) -> list[tuple[int, int, str]]:
    """Spans in ``text`` the actor list names directly: its aliases as whole words, as written
    ("US" is not "us"), and its patterns."""
    out = []
    aliases = actor_list.alias_pattern()
    if aliases is not None:
        for m in aliases.finditer(text):
            out.append((m.start(), m.end(), actor_list.aliases[m.group().lower()]))
    for pattern, actor in actor_list.patterns:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                out.append((m.start(), m.end(), actor))
    return out
