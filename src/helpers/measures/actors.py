"""Actors and the tone towards them: mentions found in sentences, scored, resolved across the
corpus and summarised per article.

The steps, each a function of tables:

1. :func:`score_mentions`: a batch of articles' sentences -> their actor mentions
   (:func:`helpers.text.entities.find_mentions`: names found and resolved within each article,
   the actor list applied) with the tone towards each
   (:func:`helpers.measures.mention_tone.tone_of_mentions`).
2. :func:`actor_names`: every name's mention count across the corpus -> the actor each name
   stands for: names that differ only in case are one ("OPEC", "Opec"); a lone surname ("Obama")
   joins the full name most written with it across the corpus ("Barack Obama") when that name holds
   most of the surname's full-name mentions and has at least a quarter as many mentions as the lone
   surname; the actor list renames what it lists and gives each actor its group.
3. :func:`summarise_actors`: mentions with their actors -> per article and actor: the mentions,
   the mean tone (-1 negative, 0 neutral, +1 positive), its interval where three or more mentions
   allow one, and the shares of negative and positive mentions.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.text.actorlist import ActorList
from helpers.text.entities import find_mentions, surname_key

__all__ = [
    "MENTION_TABLE_COLUMNS",
    "SUMMARY_COLUMNS",
    "MIN_INTERVAL_MENTIONS",
    "common_words",
    "prepare",
    "score_mentions",
    "actor_names",
    "assign_actors",
    "summarise_actors",
]

MIN_INTERVAL_MENTIONS = 3
"""An article's tone towards an actor gets an interval from this many mentions on."""

PROBABILITIES = ["p_negative", "p_neutral", "p_positive"]
MENTION_TABLE_COLUMNS = [
    "article_id",
    "position",
    "sentence",
    "start",
    "end",
    "mention",
    "name",
    "kind",
    "source",
    "tone",
    *PROBABILITIES,
]
"""The columns of :func:`score_mentions` (the published ``mentions`` table adds ``actor`` and ``group``)."""

SUMMARY_COLUMNS = [
    "article_id",
    "actor",
    "kind",
    "group",
    "mentions",
    "tone",
    "tone_ci_low",
    "tone_ci_high",
    "share_negative",
    "share_positive",
    "first_position",
]


@lru_cache(maxsize=1)
def common_words() -> frozenset:
    """Lower-case words that open sentences without being names: VADER's lexicon (7,500 words of
    sentiment, "Influential", "Critics"), beside the stop words :mod:`helpers.text.entities` knows."""
    from helpers.measures.sentiment import analyzer

    return frozenset(analyzer().lexicon)


def prepare(method: str = "fast") -> None:
    """Load what scoring mentions reads (the gazetteer, the given names, the lexicon, the tone
    model) in this process: called before worker processes fork, they inherit it instead of each
    loading it again."""
    from helpers.measures.mention_tone import load_e5_model, load_model
    from helpers.text.names import given_names, place_names, stoplist

    common_words(), place_names(), given_names(), stoplist(), load_model()
    if method == "e5":
        load_e5_model()


def score_mentions(
    sentences: pd.DataFrame, actor_list: ActorList | None = None, *, common: frozenset | None = None, method: str = "fast"
) -> pd.DataFrame:
    """The actor mentions in a batch of whole articles' sentences, each with its tone.

    Parameters
    ----------
    sentences : DataFrame
        ``article_id``, ``position``, ``sentence`` and ``text`` (one row per sentence; the body's).
    actor_list : ActorList, optional
        The researcher's actors (``config/actors.csv``).
    common : frozenset of str, optional
        Lower-case words that open sentences without being names (default: :func:`common_words`).
    method : {"fast", "e5"}, default="fast"
        The tone model (:func:`helpers.measures.mention_tone.tone_of_mentions`).

    Returns
    -------
    DataFrame
        :data:`MENTION_TABLE_COLUMNS`: the sentence's keys, the mention's span in the sentence (end
        exclusive), the words, the name resolved within the article, its kind, how it was found, and
        the tone towards it (-1, 0, 1) with the three class probabilities.
    """
    from helpers.measures.mention_tone import tone_of_mentions

    common = common_words() if common is None else common
    mentions = find_mentions(sentences[["article_id", "position", "sentence", "text"]], actor_list, common_words=common)
    if mentions.empty:
        return mentions.assign(tone=pd.Series(dtype="int64"), **{p: pd.Series(dtype=float) for p in PROBABILITIES})[MENTION_TABLE_COLUMNS]
    keys = ["article_id", "position", "sentence"]
    text = sentences.set_index(keys)["text"]
    frame = pd.DataFrame(
        {"sentence": text.reindex(pd.MultiIndex.from_frame(mentions[keys])).to_numpy(), "start": mentions["start"], "end": mentions["end"]}
    )
    toned = tone_of_mentions(frame, method=method)
    out = mentions.assign(tone=toned["tone"].astype("int64").to_numpy(), **{p: toned[p].to_numpy(dtype=float) for p in PROBABILITIES})
    return out[MENTION_TABLE_COLUMNS]


def actor_names(counts: pd.DataFrame, actor_list: ActorList | None = None) -> pd.DataFrame:
    """The actor each name found in the corpus stands for.

    Parameters
    ----------
    counts : DataFrame
        ``name``, ``kind`` and ``mentions`` (the corpus's mentions of the name with that kind).
    actor_list : ActorList, optional

    Returns
    -------
    DataFrame
        ``name``, ``actor``, ``kind`` (the kind most of its mentions have, among the actor's names)
        and ``group`` (from the actor list, else empty), one row per name.

    >>> counts = pd.DataFrame({"name": ["Barack Obama", "Obama", "Michelle Obama", "Russia"],
    ...     "kind": ["person", "other", "person", "place"], "mentions": [40, 7, 5, 30]})
    >>> actor_names(counts)[["name", "actor"]].values.tolist()
    [['Barack Obama', 'Barack Obama'], ['Michelle Obama', 'Michelle Obama'], ['Obama', 'Barack Obama'], ['Russia', 'Russia']]
    """
    actor_list = actor_list or ActorList()
    if counts.empty:
        return pd.DataFrame(columns=["name", "actor", "kind", "group"])
    per_name = counts.groupby("name", sort=True)["mentions"].sum()
    kinds = counts.sort_values(["mentions", "kind"], ascending=[False, True]).drop_duplicates("name").set_index("name")["kind"]
    # One spelling for names that differ only in case ("OPEC", "Opec"): the most mentioned.
    spelling = per_name.groupby(per_name.index.str.lower()).idxmax()
    actor = {name: actor_list.actor_of(name) or spelling[name.lower()] for name in per_name.index}
    # Full names by surname: the one most mentioned takes the lone surname when it holds most of them.
    full: dict[str, list[tuple[int, str]]] = {}
    for name, n in per_name.items():
        words = name.split()
        if len(words) >= 2 and kinds[name] == "person" and not actor_list.actor_of(name):
            full.setdefault(surname_key(words[-1]), []).append((int(n), name))
    for name in per_name.index:
        if " " in name or actor_list.actor_of(name) or kinds[name] not in ("person", "other"):
            continue
        options = sorted(full.get(surname_key(name), []), reverse=True)
        # The full name must hold most of the surname's full-name mentions, and be no rarity beside
        # the lone word ("Tudor England" does not take "England").
        if options and options[0][0] * 2 > sum(n for n, _ in options) and options[0][0] * 4 >= per_name[name]:
            actor[name] = actor[options[0][1]]
    out = pd.DataFrame({"name": per_name.index, "actor": [actor[n] for n in per_name.index]})
    # The actor's kind: the strongest of its names' kinds, weighted by mentions.
    weighted = out.assign(kind=out["name"].map(kinds), mentions=out["name"].map(per_name))
    by_actor = (
        weighted[weighted["kind"] != "other"].sort_values("mentions", ascending=False).drop_duplicates("actor").set_index("actor")["kind"]
    )
    out["kind"] = out["actor"].map(by_actor).fillna(out["name"].map(kinds)).fillna("other")
    out["group"] = [actor_list.actors.get(a, "") for a in out["actor"]]
    return out.reset_index(drop=True)


def assign_actors(mentions: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` with the ``actor``, its ``kind`` and ``group`` from :func:`actor_names`, after ``name``."""
    table = names.set_index("name")
    out = mentions.drop(columns=[c for c in ("actor", "group") if c in mentions])
    actor = out["name"].map(table["actor"]).fillna(out["name"])
    out.insert(out.columns.get_loc("name") + 1, "actor", actor)
    out["kind"] = actor.map(table.drop_duplicates("actor").set_index("actor")["kind"]).fillna(out["kind"])
    out.insert(out.columns.get_loc("kind") + 1, "group", out["name"].map(table["group"]).fillna(""))
    return out


def summarise_actors(
    mentions: pd.DataFrame, *, intervals: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None
) -> pd.DataFrame:
    """Per article and actor: mentions, mean tone with its interval, shares negative and positive.

    Parameters
    ----------
    mentions : DataFrame
        ``article_id``, ``actor``, ``kind``, ``group``, ``position`` and ``tone``.
    intervals : callable, optional
        The counts of negative, neutral and positive mentions of every (article, actor), an array
        of shape (k, 3) -> the (low, high) arrays of the intervals of their mean tones; used from
        :data:`MIN_INTERVAL_MENTIONS` mentions on. The caller passes
        :func:`helpers.analysis.stats.category_mean_cis` (the bootstrap, mentions resampled), which
        this layer cannot import. NaN otherwise.
    """
    if mentions.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    tone = mentions["tone"].to_numpy()
    frame = mentions[["article_id", "actor", "kind", "group", "position"]].assign(
        negative=(tone < 0).astype(np.int64), neutral=(tone == 0).astype(np.int64), positive=(tone > 0).astype(np.int64), tone=tone
    )
    out = (
        frame.groupby(["article_id", "actor"], sort=False)
        .agg(
            kind=("kind", "first"),
            group=("group", "first"),
            mentions=("tone", "size"),
            tone=("tone", "mean"),
            negative=("negative", "sum"),
            neutral=("neutral", "sum"),
            positive=("positive", "sum"),
            first_position=("position", "min"),
        )
        .reset_index()
    )
    out["mentions"] = out["mentions"].astype("int64")
    out["share_negative"] = out["negative"] / out["mentions"]
    out["share_positive"] = out["positive"] / out["mentions"]
    low = np.full(len(out), np.nan)
    high = np.full(len(out), np.nan)
    enough = (out["mentions"] >= MIN_INTERVAL_MENTIONS).to_numpy()
    if intervals is not None and enough.any():
        low[enough], high[enough] = intervals(out.loc[enough, ["negative", "neutral", "positive"]].to_numpy())
    out["tone_ci_low"], out["tone_ci_high"] = low, high
    order = out.sort_values(["mentions", "first_position"], ascending=[False, True], kind="stable")
    ranks = {a: i for i, a in enumerate(pd.unique(mentions["article_id"]))}
    order = order.assign(_rank=order["article_id"].map(ranks)).sort_values("_rank", kind="stable")
    return order[SUMMARY_COLUMNS].reset_index(drop=True)
