"""The tone towards each actor mention (helpers.measures.mention_tone): contract, artefact, and targets told apart."""

import numpy as np
import pandas as pd
import pytest

from helpers.measures import mention_tone as mt


def _frame(rows, index=None):
    """Rows of (sentence, mention); the span is the mention's first occurrence."""
    return pd.DataFrame(
        {"sentence": [s for s, _ in rows], "start": [s.index(m) for s, m in rows], "end": [s.index(m) + len(m) for s, m in rows]},
        index=index,
    )


PRAISE_AND_ATTACK = [
    ("Merkel praised the courageous nurses, while the opposition leader Smith was accused of lying.", "Merkel", 1),
    ("Merkel praised the courageous nurses, while the opposition leader Smith was accused of lying.", "Smith", -1),
    ("Critics condemned Johnson for the scandal, but hailed Sturgeon as an honest and capable leader.", "Johnson", -1),
    ("Critics condemned Johnson for the scandal, but hailed Sturgeon as an honest and capable leader.", "Sturgeon", 1),
    ("The charity thanked Obama for his generous support after Putin was blamed for the brutal attack.", "Obama", 1),
    ("The charity thanked Obama for his generous support after Putin was blamed for the brutal attack.", "Putin", -1),
]


@pytest.mark.parametrize("method", mt.METHODS)
def test_columns_probabilities_and_index(method):
    frame = _frame([(s, m) for s, m, _ in PRAISE_AND_ATTACK], index=[10, 3, 7, 42, 5, 1]).assign(extra="kept")
    out = mt.tone_of_mentions(frame, method=method)
    assert list(out.index) == [10, 3, 7, 42, 5, 1]
    assert list(out.columns) == [*frame.columns, *mt.TONE_COLUMNS]
    assert (out["extra"] == "kept").all() and out["tone"].dtype == np.int64
    p = out[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(p.sum(axis=1), 1.0) and (p >= 0).all()
    assert set(out["tone"]) <= {-1, 0, 1}
    assert (out["tone"].to_numpy() == np.array(mt.CLASSES)[p.argmax(axis=1)]).all()


# The accurate model's Putin (third sentence) is a toss-up (0.50 negative, 0.49 positive), so it
# is held to the other four and to a fifth sentence; the fast model gets Ronaldo neutral.
FOOTBALL = [
    ("Fans cheered Messi as a hero, but they booed Ronaldo and called him a disgrace.", "Messi", 1),
    ("Fans cheered Messi as a hero, but they booed Ronaldo and called him a disgrace.", "Ronaldo", -1),
]
CASES = {"fast": PRAISE_AND_ATTACK, "e5": PRAISE_AND_ATTACK[:4] + FOOTBALL}


@pytest.mark.parametrize("method", mt.METHODS)
def test_one_sentence_praising_one_actor_and_attacking_another(method):
    cases = CASES[method]
    out = mt.tone_of_mentions(_frame([(s, m) for s, m, _ in cases]), method=method)
    expected = [tone for _, _, tone in cases]
    assert out["tone"].tolist() == expected, list(zip([m for _, m, _ in cases], out["tone"], expected))


def test_the_default_is_the_accurate_model():
    frame = _frame([(s, m) for s, m, _ in FOOTBALL])
    pd.testing.assert_frame_equal(mt.tone_of_mentions(frame), mt.tone_of_mentions(frame, method="e5"))
    assert not mt.tone_of_mentions(frame).equals(mt.tone_of_mentions(frame, method="fast"))


@pytest.mark.parametrize("method", mt.METHODS)
def test_same_sentence_different_targets_get_different_probabilities(method):
    out = mt.tone_of_mentions(_frame([(s, m) for s, m, _ in PRAISE_AND_ATTACK[:2]]), method=method)
    assert out["p_positive"].iloc[0] > out["p_positive"].iloc[1]
    assert out["p_negative"].iloc[1] > out["p_negative"].iloc[0]


def test_empty_frame():
    out = mt.tone_of_mentions(pd.DataFrame({"sentence": pd.Series(dtype=str), "start": pd.Series(dtype=int), "end": pd.Series(dtype=int)}))
    assert out.empty and list(out.columns) == ["sentence", "start", "end", *mt.TONE_COLUMNS]


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [(-1, 3, "start < 0"), (0, 99, "end 99 > sentence length"), (4, 4, "start 4 >= end 4"), (5, 2, "start 5 >= end 2")],
)
def test_bad_span_names_the_row(start, end, problem):
    frame = pd.DataFrame({"sentence": ["Smith won.", "Jones lost the vote."], "start": [0, start], "end": [5, end]}, index=["a", "b"])
    with pytest.raises(ValueError, match=r"row 'b'.*" + problem):
        mt.tone_of_mentions(frame)


def test_missing_column():
    with pytest.raises(ValueError, match="missing columns.*end"):
        mt.tone_of_mentions(pd.DataFrame({"sentence": ["Smith won."], "start": [0]}))


def test_artefact_loads_small_and_scoring_is_deterministic():
    assert mt.ARTEFACT.exists() and mt.ARTEFACT.stat().st_size < 3_000_000
    model = mt.load_model()
    assert model.coef.shape == (3, len(model.vocabulary)) and model.intercept.shape == (3,)
    frame = _frame([(s, m) for s, m, _ in PRAISE_AND_ATTACK])
    first = mt.tone_of_mentions(frame, method="fast")
    again = mt.tone_of_mentions(frame, mt.MentionToneModel.load(mt.ARTEFACT))
    pd.testing.assert_frame_equal(first, again)


def test_the_accurate_stack_loads_small_and_refuses_a_stale_artefact(tmp_path):
    assert mt.E5_ARTEFACT.exists() and mt.E5_ARTEFACT.stat().st_size < 100_000
    stack = mt.load_e5_model()
    assert stack.coef.shape == (3, 2 * mt.EMBEDDING_SIZE + 3)
    np.savez_compressed(tmp_path / "old.npz", coef=np.zeros((3, mt.EMBEDDING_SIZE + 3)), intercept=np.zeros(3))
    with pytest.raises(ValueError, match=r"shape \(3, 387\).*retrain it with scripts/train_mention_tone.py --e5"):
        mt.E5ToneModel.load(tmp_path / "old.npz")


def test_the_window_is_the_words_around_the_mention():
    sentence = "Voters praised Merkel for her steady leadership, while Smith was accused of lying to parliament."
    start = sentence.index("Smith")
    assert mt.window_text(sentence, start, start + 5) == "Smith: her steady leadership, while [Smith] was accused of lying"
    assert mt.window_text("Smith won.", 0, 5) == "Smith: [Smith] won."
    assert mt.marked_text("Smith won.", 0, 5) == "Smith: [Smith] won."


def test_fit_and_save_roundtrip(tmp_path):
    rows = [
        ("Smith praised the wonderful team.", "Smith", 0, 1),
        ("Critics attacked Jones over the awful failure.", "Jones", 17, -1),
        ("Brown met officials on Monday.", "Brown", 0, 0),
    ] * 4
    train = pd.DataFrame(rows, columns=["sentence", "mention", "start", "polarity"]).assign(
        end=lambda f: f["start"] + f["mention"].str.len()
    )
    model = mt.fit_mention_tone(train, C=1.0, min_count=1)
    model.save(tmp_path / "m.npz")
    loaded = mt.MentionToneModel.load(tmp_path / "m.npz")
    assert loaded.vocabulary == model.vocabulary
    assert mt.tone_of_mentions(train, loaded)["tone"].tolist() == train["polarity"].tolist()
