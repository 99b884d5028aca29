"""Train the shipped tone-towards-a-mention model on NewsMTSC and write its artefact (issue 23).

Usage: .venv/bin/python scripts/train_mention_tone.py [CORPUS] [--methods [NAME ...]]   (default: ../shared/corpora/newsmtsc)

Fits :func:`helpers.measures.mention_tone.fit_mention_tone` with the settings chosen by grouped
5-fold cross-validation on train (``scripts/compare_mention_tone.py``), prints the CV macro F1,
then writes ``src/helpers/measures/data/mention_tone.npz`` and prints the macro F1 and confusion
matrix on dev_rw and dev_mt (scored only, never fitted) and the scoring speed on one core.
``--methods`` also prints the comparison table of every method tried (slow: minutes a method).
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
    args = parser.parse_args(argv)
    splits = compare.read_corpus(args.corpus)
    train = splits["train"]

    y = train["polarity"].to_numpy()
    pred = np.zeros_like(y)
    for fit_rows, test_rows in compare.folds(train):
        model = mt.fit_mention_tone(train.iloc[fit_rows], **SETTINGS)
        test = train.iloc[test_rows]
        pred[test_rows] = mt.tone_of_mentions(test[["sentence", "start", "end"]], model)["tone"].to_numpy()
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
    if args.methods is not None:
        compare.main([str(args.corpus), "--methods", *args.methods])


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
