"""A fitted model's top-terms table read for the reports: labels, stability, one row per topic."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["UNSTABLE", "per_topic", "topic_labels", "top_terms_table"]

UNSTABLE = 0.5
"""Topics whose stability is below this are marked unstable in the reports: on refits, their top
10 terms and their match's overlap by less than a Jaccard of 0.5 (fewer than 7 of 10 terms shared)."""


def per_topic(terms: pd.DataFrame) -> pd.DataFrame:
    """One row per topic of a :meth:`TopicModel.top_terms` table, indexed by ``topic`` in order:
    its ``label`` and ``stability`` (NaN when the table has none)."""
    first = terms.drop_duplicates("topic").sort_values("topic").set_index("topic")
    return pd.DataFrame({"label": first["label"] if "label" in first else "", "stability": first.get("stability", np.nan)})


def topic_labels(terms: pd.DataFrame) -> list[str]:
    """Each topic's label ("1: tax, budget, rate"), in topic order, from a :meth:`TopicModel.top_terms`
    table; an unstable topic's label says so ("2: oil, opec, crude (unstable)")."""
    topics = per_topic(terms)
    return [f"{label} (unstable)" if s < UNSTABLE else label for label, s in zip(topics["label"], topics["stability"])]


def top_terms_table(terms: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: ``topic`` and ``top terms`` (its terms by rank, comma-separated).

    >>> top_terms_table(pd.DataFrame({"topic": [1, 1, 2], "rank": [2, 1, 1], "term": ["b", "a", "c"]}))
       topic top terms
    0      1      a, b
    1      2         c
    """
    ordered = terms.sort_values(["topic", "rank"], kind="stable")
    table = ordered.groupby("topic")["term"].agg(", ".join).rename("top terms").reset_index()
    if "stability" in terms:
        table["stability"] = per_topic(terms)["stability"].round(2).to_numpy()
    return table
