"""Validation of the actors against NewsMTSC's development splits (Hamborg & Donnay, EACL 2021):
how many of the labelled mentions the name finder finds, and how well the tone towards a mention
is recovered, beside VADER's sentence score and the published figure.

The splits are read by :func:`helpers.io.read_target_sets`; ``notebooks/validation.ipynb`` shows
the tables and the confusion matrices; ``docs/methods.md`` quotes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from helpers.measures.mention_tone import CLASSES

__all__ = [
    "PUBLISHED_TONE",
    "SPLIT_LABELS",
    "ToneValidation",
    "detection_scores",
    "tone_scores",
    "vader_tone",
]

SPLIT_LABELS = {"dev_rw": "real-world (dev)", "dev_mt": "multi-target (dev)"}
PUBLISHED_TONE = {
    "method": "published: GRU-TSC on RoBERTa, fine-tuned (Hamborg & Donnay 2021, Table 3)",
    "split": "real-world (test)",
    "macro_f1": 0.83,
}
"""The best published macro F1 on the real-world test split, the anchor of the tone table."""
_PRONOUN = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their", "its"}


def vader_tone(sentences, band: float = 0.05) -> np.ndarray:
    """VADER's compound of each whole sentence, ignoring the target, cut at +-``band``: the baseline."""
    from helpers.measures.sentiment import score_sentence

    compound = np.array([score_sentence(s)["compound"] for s in sentences], dtype=float)
    return np.where(compound >= band, 1, np.where(compound <= -band, -1, 0))


def _is_named(mention: str) -> bool:
    """A proper name, not a pronoun or a description ("He", "The boy", "the senator")."""
    words = mention.split()
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in _PRONOUN | {"the", "a", "an", "this", "that"}


def detection_scores(splits: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How many labelled mentions the name finder finds (a found span overlaps the label's).

    Each split's distinct sentences are one batch of one-sentence articles, the hardest case for
    the finder (no other sentence of the article tells a name from a word). ``recall`` is over all
    labelled mentions, ``recall_named`` over those that are names (not "He", "The boy"), the ones a
    name finder can find. ``precision_lower_bound``: the share of found spans that overlap a
    labelled mention; each sentence labels only some of the actors it names, so the true
    precision is higher.
    """
    from helpers.measures.actors import common_words
    from helpers.text.entities import find_mentions

    rows = []
    for split, frame in splits.items():
        sentences = pd.Series(pd.unique(frame["sentence"]))
        batch = pd.DataFrame({"article_id": sentences.index.astype(str), "position": 0, "sentence": 0, "text": sentences})
        found = find_mentions(batch, common_words=common_words())
        found["text"] = sentences.to_numpy()[found["article_id"].astype(int)]
        spans = found.groupby("text")[["start", "end"]].apply(lambda g: list(zip(g["start"], g["end"]))).to_dict()
        labels = zip(frame["sentence"], frame["start"], frame["end"])
        hit = np.array([any(s < b and a < e for s, e in spans.get(t, [])) for t, a, b in labels])
        named = frame["mention"].map(_is_named).to_numpy()
        labelled = frame.groupby("sentence")[["start", "end"]].apply(lambda g: list(zip(g["start"], g["end"]))).to_dict()
        overlaps = [any(s < b and a < e for a, b in labelled[t]) for t, s, e in zip(found["text"], found["start"], found["end"])]
        rows.append(
            {
                "split": SPLIT_LABELS.get(split, split),
                "sentences": len(sentences),
                "labelled mentions": len(frame),
                "named": int(named.sum()),
                "found spans": len(found),
                "recall": float(hit.mean()),
                "recall_named": float(hit[named].mean()) if named.any() else float("nan"),
                "precision_lower_bound": float(np.mean(overlaps)) if overlaps else float("nan"),
            }
        )
    return pd.DataFrame(rows)


MODELS = ("e5", "fast")
"""The tone models shown, as ``method`` of :func:`helpers.measures.mention_tone.tone_of_mentions`."""


@dataclass
class ToneValidation:
    """The tone table (macro F1 and accuracy per method and split, with the published anchor) and,
    the confusion matrix of each of the project's models (``MODELS``) on each split, named
    "<model>, <split>" (rows: the label; columns: predicted)."""

    table: pd.DataFrame
    confusion: dict[str, pd.DataFrame]


def tone_scores(splits: dict[str, pd.DataFrame]) -> ToneValidation:
    """Macro F1 of the tone towards each labelled mention: the project's two models
    (:func:`helpers.measures.mention_tone.tone_of_mentions`, fast and e5) and VADER's sentence
    compound, per split."""
    from helpers.measures.mention_tone import tone_of_mentions

    rows, confusion = [], {}
    for split, frame in splits.items():
        label = SPLIT_LABELS.get(split, split)
        truth = frame["polarity"].to_numpy()
        spans = frame[["sentence", "start", "end"]]
        models = {model: tone_of_mentions(spans, method=model)["tone"].to_numpy() for model in MODELS}
        predicted = {
            "target-dependent model, e5 stack (tone_of_mentions' default; mention_tone=e5)": models["e5"],
            "target-dependent model, fast (the measuring stage's default)": models["fast"],
            "VADER sentence compound, +-0.05, target ignored": vader_tone(frame["sentence"]),
        }
        for method, guess in predicted.items():
            rows.append(
                {
                    "method": method,
                    "split": label,
                    "mentions": len(frame),
                    "macro_f1": float(f1_score(truth, guess, labels=list(CLASSES), average="macro")),
                    "accuracy": float(accuracy_score(truth, guess)),
                }
            )
        names = ["negative", "neutral", "positive"]
        for model, guess in models.items():
            confusion[f"{model}, {label}"] = pd.DataFrame(
                confusion_matrix(truth, guess, labels=list(CLASSES)), index=names, columns=names
            ).rename_axis(index="label", columns="predicted")
    table = pd.concat([pd.DataFrame(rows), pd.DataFrame([PUBLISHED_TONE])], ignore_index=True)
    return ToneValidation(table, confusion)
