"""The actors a report shows and the tone towards them (the reports' "Actors" sections).

``actors`` and ``min_mentions``, the report notebooks' parameters, are checked here against the corpus
(:func:`select_actors`: an actor name the corpus does not hold is refused with the closest names);
:func:`article_actors` loads one article's actors and the sentences behind each, and
:class:`CorpusActors` the corpus's top actors with intervals from the cluster bootstrap over
articles (:func:`helpers.analysis.stats.cluster_mean_ci`), by time bin and by group, their
co-occurrence and the two sides of a comparison. The corpus's tables are aggregated by
:mod:`helpers.corpus.aggregates` (DuckDB, filtered to the actors shown); nothing here plots.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import io, paths
from helpers.actors import read_actor_list
from helpers.analysis import groups as cmp
from helpers.analysis import metadata, stats
from helpers.analysis.params import Rule, check
from helpers.corpus import aggregates

__all__ = [
    "TOP_ACTORS",
    "MATRIX_ACTORS",
    "MAX_ACTOR_GROUPS",
    "Selection",
    "select_actors",
    "ArticleActors",
    "article_actors",
    "CorpusActors",
    "tone_table",
]

TOP_ACTORS = 20
"""Actors the corpus and comparison reports list when ``actors`` is empty: the most mentioned."""
MATRIX_ACTORS = 10
"""Actors in the time, group and co-occurrence sections, and on each side of a comparison."""
MAX_ACTOR_GROUPS = 12
"""Groups of ``group_by`` in the tone-by-group section: the largest."""


@dataclass(frozen=True)
class Selection:
    """The actors a report is asked to show."""

    actors: list[str] | None
    """The actors, as the corpus spells them (None: the most mentioned)."""
    how: str
    """How they were chosen, in words, for the report."""
    missing: tuple[str, ...] = ()
    """Actors of an actor list that the corpus does not mention."""


def _list_path(spec: str) -> Path:
    """An actor-list path as given, or relative to the project (a kernel runs in ``notebooks/``)."""
    path = Path(spec)
    if path.is_absolute() or path.exists():
        return path
    for root in (paths.WORKDIR, paths.ROOT):
        if (root / path).exists():
            return root / path
    return path


def select_actors(actors: str, processed: Path) -> Selection:
    """The ``actors`` parameter resolved against the corpus in ``processed``.

    Empty: the most mentioned actors. The path of a CSV: the actors of that actor list
    (:func:`helpers.actors.read_actor_list`) that the corpus mentions (the others are listed in
    ``missing``). Otherwise actor names separated by commas, case aside, with underscores for spaces
    if need be (``Vladimir_Putin``); a name the corpus does not hold is a ``ValueError`` that names the
    closest actors of the corpus.
    """
    spec = actors.strip()
    if not spec:
        return Selection(None, "the most mentioned actors")
    if spec.lower().endswith(".csv"):
        path = _list_path(spec)
        check({"actors": str(path)})
        listed = list(read_actor_list(path).actors)
        found = aggregates.match_actors(processed, listed) if listed else {}
        present = [found[a.lower()] for a in listed if a.lower() in found]
        missing = tuple(a for a in listed if a.lower() not in found)
        return Selection(list(dict.fromkeys(present)), f"the actors of the list {path.name}", missing)
    names = [n.strip() for n in spec.split(",") if n.strip()]
    found = aggregates.match_actors(processed, [*names, *(_spaced(n) for n in names)])
    chosen = []
    for name in names:
        key = name.lower() if name.lower() in found else _spaced(name).lower()
        if key not in found:
            close = aggregates.close_actors(processed, _spaced(name))
            hint = f"closest: {', '.join(close)}" if close else "no actor of the corpus has a close name"
            check({"actors": name}, {"actors": (Rule(lambda v: False, f"name actors that the corpus mentions ({hint})"),)})
        chosen.append(found[key])
    return Selection(list(dict.fromkeys(chosen)), "the actors asked for")


def _spaced(name: str) -> str:
    """A name with underscores for spaces, as ``make report PARAMS='actors=Vladimir_Putin'`` must write it
    (make splits PARAMS at spaces), spaced again."""
    return name.replace("_", " ")


def _interval(low, high) -> str:
    return "" if pd.isna(low) or pd.isna(high) else f"{low:+.2f} to {high:+.2f}"


def tone_table(frame: pd.DataFrame, *, first: tuple[str, ...] = ("actor", "kind", "group")) -> pd.DataFrame:
    """An actor table as a report shows it: ``first`` columns, mentions (and articles), mean tone and
    its 95% interval (empty when there is none), rounded."""
    columns = [c for c in (*first, "mentions", "articles") if c in frame]
    if "group" in first and "group" in frame and not frame["group"].fillna("").astype(str).str.len().any():
        columns.remove("group")  # no actor list gave groups
    shown = frame[columns].copy()
    shown["mean tone"] = [f"{t:+.2f}" for t in frame["tone"]]
    shown["95% bootstrap interval"] = [_interval(lo, hi) for lo, hi in zip(frame["ci_low"], frame["ci_high"])]
    for share in ("share_negative", "share_positive"):
        if share in frame:
            shown[share.replace("share_", "% ")] = (100 * frame[share]).round().astype(int)
    return shown.reset_index(drop=True)


def _empty_note(selection: Selection, min_mentions: int, most: int, where: str) -> str:
    if most == 0:
        return f"{where} mentions no actor."
    if selection.actors is not None and not selection.actors:
        return f"{where} mentions none of {selection.how}."
    which = "" if selection.actors is None else f" of {selection.how}"
    return f"No actor{which} has min_mentions={min_mentions} mentions or more in {where.lower()} (the most: {most})."


@dataclass(frozen=True)
class ArticleActors:
    """One article's actors (``article_actors`` rows, most mentioned first) and their mentions with
    the sentence each is in."""

    table: pd.DataFrame  # the actors shown: actor, kind, group, mentions, tone, ci_low, ci_high, shares
    mentions: pd.DataFrame  # their mentions: actor, position, sentence, start, end, mention, tone, text
    selection: Selection
    min_mentions: int
    most: int  # the most mentions of any actor of the article (0: none)

    @property
    def note(self) -> str:
        """Why no actor is shown ('' when some are)."""
        return "" if len(self.table) else _empty_note(self.selection, self.min_mentions, self.most, "The article")

    def summary(self) -> pd.DataFrame:
        """The actors as the report lists them, with the ways the article writes each (``written as``)."""
        table = tone_table(self.table)
        forms = self.mentions.groupby("actor", sort=False)["mention"].agg(lambda m: ", ".join(dict.fromkeys(m)))
        table.insert(1, "written as", table["actor"].map(forms).fillna(""))
        return table

    def sentences(self) -> list[dict]:
        """Per actor shown (in the table's order): ``actor``, ``title`` and its ``sentences``, each a dict of
        ``position``, ``sentence`` and ``parts``: (text, tone) pairs, tone None outside the actor's mentions."""
        out = []
        for row in self.table.itertuples(index=False):
            group = f", {row.group}" if isinstance(row.group, str) and row.group else ""
            title = f"{row.actor} ({row.kind}{group}): {row.mentions} mention{'s' * (row.mentions != 1)}, mean tone {row.tone:+.2f}"
            interval = _interval(row.ci_low, row.ci_high)
            title += f" (95% interval {interval})" if interval else ""
            own = self.mentions[self.mentions["actor"] == row.actor].sort_values(["position", "sentence", "start"], kind="stable")
            sentences = []
            for (position, sentence), spans in own.groupby(["position", "sentence"], sort=False):
                text, parts, at = str(spans["text"].iloc[0]), [], 0
                for start, end, tone in zip(spans["start"], spans["end"], spans["tone"]):
                    if start >= at:
                        parts += [(text[at:start], None), (text[start:end], int(tone))]
                        at = end
                parts.append((text[at:], None))
                sentences.append({"position": int(position), "sentence": int(sentence), "parts": [p for p in parts if p[0]]})
            out.append({"actor": row.actor, "title": title, "sentences": sentences})
        return out


def _rename_interval(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns={"tone_ci_low": "ci_low", "tone_ci_high": "ci_high"})


def article_actors(processed: Path, article_id: str, *, actors: str = "", min_mentions: int = 1) -> ArticleActors:
    """One article's actors with ``min_mentions`` or more mentions (those of ``actors`` when given,
    :func:`select_actors`), and their mentions in their sentences."""
    check({"min_mentions": min_mentions})  # actors: by select_actors, a relative path resolved first
    selection = select_actors(actors, processed)

    def rows(name: str) -> pd.DataFrame:
        return io.read_table(name, folder=processed, filters=[("article_id", "==", article_id)]).reset_index(drop=True)

    table = _rename_interval(rows("article_actors"))
    most = int(table["mentions"].max()) if len(table) else 0
    if selection.actors is not None:
        table = table[table["actor"].isin(selection.actors)]
    table = table[table["mentions"] >= min_mentions].sort_values(["mentions", "actor"], ascending=[False, True], kind="stable")
    mentions = rows("mentions")
    mentions = mentions[mentions["actor"].isin(table["actor"])]
    text = rows("sentences")[["position", "sentence", "text"]]
    mentions = mentions.merge(text, on=["position", "sentence"], how="left")
    return ArticleActors(table.reset_index(drop=True), mentions, selection, min_mentions, most)


def _tone_ci(rows: pd.DataFrame) -> tuple[float, float, float, int, int]:
    """Mean tone of the mentions in ``rows`` (per article: ``article_id``, ``mentions``, ``tone``), its
    cluster bootstrap interval over articles, the mentions and the articles."""
    counts = rows["mentions"].to_numpy(dtype=int)
    codes = pd.factorize(rows["article_id"])[0]
    mean, low, high, n = stats.cluster_mean_ci(np.repeat(rows["tone"].to_numpy(dtype=float), counts), np.repeat(codes, counts))
    return mean, low, high, int(counts.sum()), int(rows["article_id"].nunique())


def _tones(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    found = [(*k, *_tone_ci(g)) for k, g in rows.groupby(keys, sort=False, observed=True)]
    return pd.DataFrame(found, columns=[*keys, "tone", "ci_low", "ci_high", "mentions", "articles"])


@dataclass(frozen=True)
class CorpusActors:
    """The corpus's actors as the corpus and comparison reports show them, computed when first asked for."""

    processed: Path
    articles: pd.DataFrame  # the analysed articles, metadata joined
    settings: metadata.Settings
    selection: Selection
    min_mentions: int

    @cached_property
    def _candidates(self) -> pd.DataFrame:
        limit = TOP_ACTORS if self.selection.actors is None else None
        if self.selection.actors is not None and not self.selection.actors:
            return aggregates.actor_totals(self.processed, actors=[], min_mentions=self.min_mentions)
        return aggregates.actor_totals(self.processed, actors=self.selection.actors, min_mentions=self.min_mentions, limit=limit)

    @cached_property
    def most(self) -> int:
        """The most mentions of any actor of the corpus (0: none)."""
        top = aggregates.actor_totals(self.processed, limit=1)
        return int(top["mentions"].iloc[0]) if len(top) else 0

    @cached_property
    def rows(self) -> pd.DataFrame:
        """The shown actors' articles: ``article_id``, ``actor``, ``mentions``, ``tone`` (the articles analysed only)."""
        if not len(self._candidates):
            return pd.DataFrame(columns=["article_id", "actor", "mentions", "tone"])
        rows = aggregates.actor_articles(self.processed, list(self._candidates["actor"]))
        return rows[rows["article_id"].isin(self.articles["article_id"])]

    @cached_property
    def top(self) -> pd.DataFrame:
        """Per actor shown, most mentioned first: ``actor``, ``kind``, ``group``, ``mentions``, ``articles``,
        ``tone`` and its cluster bootstrap interval over articles (``ci_low``, ``ci_high``)."""
        tones = _tones(self.rows, ["actor"]).set_index("actor")[["ci_low", "ci_high"]]
        return self._candidates.join(tones, on="actor").reset_index(drop=True)

    @property
    def note(self) -> str:
        """Why no actor is shown ('' when some are)."""
        return "" if len(self.top) else _empty_note(self.selection, self.min_mentions, self.most, "The corpus")

    def summary(self) -> pd.DataFrame:
        """The actors as the report lists them."""
        return tone_table(self.top)

    @property
    def shown(self) -> list[str]:
        """The actors of the time, group and co-occurrence sections: the first :data:`MATRIX_ACTORS`."""
        return list(self.top["actor"].head(MATRIX_ACTORS))

    def _keyed(self, key: pd.Series) -> pd.DataFrame:
        rows = self.rows[self.rows["actor"].isin(self.shown)]
        keys = rows["article_id"].map(pd.Series(key.to_numpy(), index=self.articles["article_id"].to_numpy()))
        return rows.assign(_key=keys.to_numpy()).dropna(subset=["_key"])

    def why(self, section: str) -> str:
        """Why a section (``time``, ``group``) is absent, in plain words."""
        if not len(self.top):
            return self.note.rstrip(".")
        return self.settings.why.get(section, "")

    @cached_property
    def over_time(self) -> pd.DataFrame | None:
        """Per shown actor and time bin of ``date_column``: ``actor``, ``bin``, ``tone``, ``ci_low``,
        ``ci_high``, ``mentions``, ``articles``; every bin of the span (None without dates or actors)."""
        s = self.settings
        if s.date_column is None or not len(self.top):
            return None
        keyed = self._keyed(cmp.time_bins(self.articles[s.date_column], s.time_unit))
        if not len(keyed):
            return None
        found = _tones(keyed, ["actor", "_key"]).rename(columns={"_key": "bin"})
        span = pd.period_range(keyed["_key"].min(), keyed["_key"].max(), freq=keyed["_key"].iloc[0].freq)
        grid = pd.MultiIndex.from_product([self.shown, span], names=["actor", "bin"]).to_frame(index=False)
        out = grid.merge(found, on=["actor", "bin"], how="left")
        out["mentions"] = out["mentions"].fillna(0).astype(int)
        out["articles"] = out["articles"].fillna(0).astype(int)
        out["bin"] = out["bin"].astype(str)
        return out

    @cached_property
    def by_group(self) -> pd.DataFrame | None:
        """Per shown actor and group of ``group_by`` (the :data:`MAX_ACTOR_GROUPS` largest, by articles):
        ``actor``, ``group``, ``tone``, ``ci_low``, ``ci_high``, ``mentions``, ``articles`` (None without groups or actors)."""
        group_by = self.settings.group_by
        if group_by is None or not len(self.top):
            return None
        counts = self.articles[group_by].dropna().value_counts()
        largest = sorted(counts.index, key=lambda g: (-counts[g], str(g)))[:MAX_ACTOR_GROUPS]
        keyed = self._keyed(self.articles[group_by].where(self.articles[group_by].isin(largest)))
        if not len(keyed):
            return None
        found = _tones(keyed, ["actor", "_key"]).rename(columns={"_key": "group"})
        order = {g: i for i, g in enumerate(largest)}
        actors = {a: i for i, a in enumerate(self.shown)}
        found = found.sort_values(["actor", "group"], key=lambda c: c.map(actors if c.name == "actor" else order), kind="stable")
        found["group"] = found["group"].astype(str)
        return found.reset_index(drop=True)

    def group_table(self) -> pd.DataFrame:
        """:attr:`by_group` as the report lists it."""
        return tone_table(self.by_group, first=("actor", "group"))

    @cached_property
    def cooccurrence(self) -> pd.DataFrame | None:
        """Articles that mention both actors of each pair of the shown actors (a square table; None without actors)."""
        if not len(self.top):
            return None
        pairs = aggregates.actor_pairs(self.processed, self.shown)
        return pairs.pivot(index="a", columns="b", values="articles").reindex(index=self.shown, columns=self.shown).fillna(0).astype(int)

    def sides(self, sides: tuple[pd.DataFrame, pd.DataFrame], labels: tuple[str, str]) -> pd.DataFrame:
        """Per actor and side of a comparison: ``actor``, ``side``, ``tone``, ``ci_low``, ``ci_high``,
        ``mentions``, ``articles``; each side's :data:`MATRIX_ACTORS` / 2 most mentioned actors (of the
        corpus's :data:`TOP_ACTORS`, or of those asked for), most mentioned on the two sides first."""
        parts = [self.rows[self.rows["article_id"].isin(side["article_id"])].assign(side=label) for side, label in zip(sides, labels)]
        both = pd.concat(parts, ignore_index=True)
        if not len(both):
            return pd.DataFrame(columns=["actor", "side", "tone", "ci_low", "ci_high", "mentions", "articles"])
        counts = both.groupby("actor")["mentions"].sum()
        per_side = both.groupby(["side", "actor"])["mentions"].sum()
        kept = set()
        for label in labels:  # each side's most mentioned, half the actors each
            if label in per_side.index.get_level_values(0):
                side = per_side.loc[label]
                kept.update(sorted(side.index, key=lambda a: (-side[a], a))[: MATRIX_ACTORS // 2])
        kept = sorted(kept, key=lambda a: (-counts[a], a))
        grid = pd.MultiIndex.from_product([kept, list(labels)], names=["actor", "side"]).to_frame(index=False)
        out = grid.merge(_tones(both[both["actor"].isin(kept)], ["actor", "side"]), on=["actor", "side"], how="left")
        out[["mentions", "articles"]] = out[["mentions", "articles"]].fillna(0).astype(int)
        return out

    def side_differences(self, sides: tuple[pd.DataFrame, pd.DataFrame], labels: tuple[str, str]) -> pd.DataFrame:
        """Per actor of :meth:`sides`: the second side's mean tone minus the first's and its 95% cluster
        bootstrap interval (each side's articles resampled on their own)."""
        table = self.sides(sides, labels)
        rows = []
        for actor in dict.fromkeys(table["actor"]):
            x, y = (self.rows[(self.rows["actor"] == actor) & self.rows["article_id"].isin(side["article_id"])] for side in sides)
            diff, low, high = stats.cluster_difference_ci(
                np.repeat(y["tone"].to_numpy(dtype=float), y["mentions"]),
                np.repeat(y["article_id"].to_numpy(), y["mentions"]),
                np.repeat(x["tone"].to_numpy(dtype=float), x["mentions"]),
                np.repeat(x["article_id"].to_numpy(), x["mentions"]),
            )
            shown = "" if np.isnan(diff) else f"{diff:+.2f}"
            rows.append((actor, int(x["mentions"].sum()), int(y["mentions"].sum()), shown, _interval(low, high)))
        return pd.DataFrame(
            rows,
            columns=[
                "actor",
                f"mentions ({labels[0]})",
                f"mentions ({labels[1]})",
                f"tone {labels[1]} minus {labels[0]}",
                "95% bootstrap interval",
            ],
        )
