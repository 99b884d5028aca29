"""Every method tried for the tone towards a mention (issue 23), on NewsMTSC: CV on train, dev_rw, dev_mt, speed.

Usage: .venv/bin/python scripts/compare_mention_tone.py [CORPUS] [--methods NAME ...]   (default: ../shared/corpora/newsmtsc)

Each method is chosen and compared by 5-fold cross-validation on train (folds grouped by sentence,
fixed seed); the dev splits are only scored, never fitted. Speed is mentions a second on one core,
feature extraction included, scoring dev_rw + dev_mt three times (CPU time of the process).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the machine is shared
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers.measures import mention_tone as mt  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpora" / "newsmtsc"
SEED = 0


def read_corpus(path: Path) -> dict[str, pd.DataFrame]:
    """train, dev_rw and dev_mt as frames with sentence, start, end, polarity (and mention, id)."""
    if not (path / "train.jsonl").exists():
        raise SystemExit(f"{path} has no train.jsonl: give the NewsMTSC folder (train.jsonl, dev_rw.jsonl, dev_mt.jsonl)")
    splits = {}
    for name in ("train", "dev_rw", "dev_mt"):
        frame = pd.read_json(path / f"{name}.jsonl", lines=True, dtype={"id": str})
        splits[name] = frame.rename(columns={"from": "start", "to": "end"})
    return splits


def folds(train: pd.DataFrame, k: int = 5):
    """Stratified folds grouped by sentence (the same sentence never in both halves), fixed seed."""
    from sklearn.model_selection import StratifiedGroupKFold

    groups = pd.factorize(train["sentence"])[0]
    return list(StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=SEED).split(train, train["polarity"], groups))


def macro(y, p) -> float:
    return float(f1_score(y, p, average="macro", labels=list(mt.CLASSES)))


def vader_baseline(frame: pd.DataFrame) -> np.ndarray:
    from helpers.measures.sentiment import analyzer

    a = analyzer()
    c = np.array([a.polarity_scores(s)["compound"] for s in frame["sentence"]])
    return np.where(c >= 0.05, 1, np.where(c <= -0.05, -1, 0))


def linear(C=1.0, blocks=("all",), min_count=2, class_weight="balanced"):
    fit = lambda frame: mt.fit_mention_tone(frame, C=C, blocks=blocks, min_count=min_count, class_weight=class_weight)
    predict = lambda model, frame: np.array(mt.CLASSES)[model.probabilities(frame["sentence"], frame["start"], frame["end"]).argmax(1)]
    return fit, predict


SHIPPED = ("bow", "window", "clause", "lexicon", "role")


def hgb_dense(stack: bool):
    """Gradient boosting on the dense lexicon and role features, alone or stacked on out-of-fold LR probabilities."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    def dense(lr, X):
        cols = [lr.index[k] for k in lr.vocabulary if k.startswith(("x_", "r_"))]
        D = X[:, cols].toarray()
        return np.hstack([D, np.asarray(X @ lr.coef.T) + lr.intercept]) if stack else D

    def fit(frame):
        lr = mt.fit_mention_tone(frame, C=0.1, blocks=SHIPPED)
        X = mt.featurise(frame["sentence"], frame["start"], frame["end"], lr.index, lr.blocks)
        if stack:  # out-of-fold LR scores for the booster's training rows
            oof = np.zeros((len(frame), 3))
            for tr, te in folds(frame):
                inner = mt.fit_mention_tone(frame.iloc[tr], C=0.1, blocks=SHIPPED)
                Xo = mt.featurise(frame["sentence"].iloc[te], frame["start"].iloc[te], frame["end"].iloc[te], inner.index, inner.blocks)
                oof[te] = np.asarray(Xo @ inner.coef.T) + inner.intercept
            D = np.hstack([dense(lr, X)[:, :-3], oof])
        else:
            D = dense(lr, X)
        hgb = HistGradientBoostingClassifier(
            learning_rate=0.05, max_iter=200, max_leaf_nodes=20, l2_regularization=1.0, class_weight="balanced", random_state=SEED
        )
        return lr, hgb.fit(D, frame["polarity"].to_numpy())

    def predict(model, frame):
        lr, hgb = model
        return hgb.predict(dense(lr, mt.featurise(frame["sentence"], frame["start"], frame["end"], lr.index, lr.blocks)))

    return fit, predict


METHODS = {
    "lr_all_bigrams_C0.03": linear(0.03),
    "lr_all_bigrams_C0.1": linear(0.1),
    "lr_all_bigrams_C0.3": linear(0.3),
    "lr_all_bigrams_C1": linear(1.0),
    "lr_all_bigrams_C3": linear(3.0),
    "lr_bow_bigrams_only": linear(0.1, ("bow", "bigram")),
    "lr_bow_bigrams_lexicon": linear(0.1, ("bow", "bigram", "lexicon")),
    "lr_no_bow": linear(0.1, ("window", "clause", "lexicon", "role")),
    "lr_all_bigrams_mention": linear(0.1, ("all", "mention")),
    "lr_shipped_C0.05": linear(0.05, SHIPPED),
    "lr_shipped_C0.1": linear(0.1, SHIPPED),
    "lr_shipped_C0.2": linear(0.2, SHIPPED),
    "lr_shipped_min3": linear(0.1, SHIPPED, min_count=3),
    "lr_shipped_unweighted": linear(0.1, SHIPPED, class_weight=None),
    "lr_shipped_interact": linear(0.1, (*SHIPPED, "interact")),
    "hgb_dense": hgb_dense(stack=False),
    "stack_lr_hgb": hgb_dense(stack=True),
}


def evaluate(name, splits, cv=True) -> dict:
    fit, predict = METHODS[name]
    train = splits["train"]
    row = {"method": name}
    if cv:
        y = train["polarity"].to_numpy()
        pred = np.zeros_like(y)
        for tr, te in folds(train):
            model = fit(train.iloc[tr])
            pred[te] = predict(model, train.iloc[te])
        row["cv_train"] = macro(y, pred)
    model = fit(train)
    dev = pd.concat([splits["dev_rw"], splits["dev_mt"]])
    t = time.process_time()  # CPU time of this one process: the machine is shared
    for _ in range(3):
        predict(model, dev)
    row["mentions_per_s"] = 3 * len(dev) / (time.process_time() - t)
    for split in ("dev_rw", "dev_mt"):
        row[split] = macro(splits[split]["polarity"], predict(model, splits[split]))
    return row


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--methods", nargs="*", default=None, help=f"any of: vader {' '.join(METHODS)}")
    parser.add_argument("--no-cv", action="store_true")
    args = parser.parse_args(argv)
    splits = read_corpus(args.corpus)
    rows = []
    names = args.methods if args.methods is not None else ["vader", *METHODS]
    for name in names:
        if name == "vader":
            row = {"method": "vader_compound_0.05", "cv_train": macro(splits["train"]["polarity"], vader_baseline(splits["train"]))}
            t = time.process_time()
            for split in ("dev_rw", "dev_mt"):
                row[split] = macro(splits[split]["polarity"], vader_baseline(splits[split]))
            row["mentions_per_s"] = (len(splits["dev_rw"]) + len(splits["dev_mt"])) / (time.process_time() - t)
        else:
            row = evaluate(name, splits, cv=not args.no_cv)
        rows.append({k: row.get(k) for k in ("method", "cv_train", "dev_rw", "dev_mt", "mentions_per_s")})
        print(pd.DataFrame([rows[-1]]).round(3).to_string(index=False, header=len(rows) == 1), flush=True)
    print()
    print(pd.DataFrame(rows).round(3).to_markdown(index=False) if _has_tabulate() else pd.DataFrame(rows).round(3).to_string(index=False))


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main()
