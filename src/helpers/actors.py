"""The public face of actors and the tone towards them (re-exported from the layers that hold them).

- :func:`tone_of_mentions`: a DataFrame of ``sentence``, ``start``, ``end`` (a mention's span,
  end exclusive) -> the same rows with ``tone`` (-1, 0, 1) and ``p_negative``, ``p_neutral``,
  ``p_positive`` (:mod:`helpers.measures.mention_tone`).
- :func:`find_mentions`: sentences -> actor mentions, resolved within each article
  (:mod:`helpers.text.entities`).
- :func:`read_actor_list`, :func:`parse_actor_list` and :class:`ActorList`: ``config/actors.csv``.
- :func:`score_mentions`, :func:`actor_names`, :func:`summarise_actors`: the measuring stage's
  steps (:mod:`helpers.measures.actors`).
"""

from pathlib import Path

from helpers import paths
from helpers.measures.actors import actor_names, score_mentions, summarise_actors
from helpers.measures.mention_tone import tone_of_mentions
from helpers.text.actorlist import ActorList, parse_actor_list
from helpers.text.entities import find_mentions

__all__ = [
    "tone_of_mentions",
    "find_mentions",
    "read_actor_list",
    "parse_actor_list",
    "ActorList",
    "score_mentions",
    "actor_names",
    "summarise_actors",
]


def read_actor_list(path: str | Path = "") -> ActorList:
    """The researcher's actor list: ``path``, or ``config/actors.csv`` when it is empty (no list
    when that file does not exist). A given path that does not exist is an error."""
    given = bool(str(path))
    path = Path(path) if given else paths.ACTORS
    if not path.exists():
        if given:
            raise FileNotFoundError(f"the actor list {path} does not exist")
        return ActorList()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc})") from None
    shown = path.relative_to(paths.ROOT) if path.is_absolute() and path.is_relative_to(paths.ROOT) else path
    return parse_actor_list(text, source=str(shown))
